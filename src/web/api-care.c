/*
 * api-care.c — daily practice in the JSON API: visits (check in/out, the
 * documentation form), observations, weights, triage, nutrition (EVS), the
 * team's board and tasks. The use cases, their access rules and audit rows
 * are in app/care.c; here JSON is read into their input and their outcome
 * written out.
 */
#include "web/web.h"

#include <stdio.h>
#include <string.h>

#include "app/care.h"

/* --- JSON in ---------------------------------------------------------------- */

/* A weight member: a number (68.4) or text ("68,4") in hectograms; 0 when
 * not given; errors for a malformed or out-of-range value. */
static int member_weight(json_t *o, const char *key, struct validation *v)
{
    json_t *x = json_is_object(o) ? json_object_get(o, key) : NULL;
    char text[32];
    const char *s = NULL;
    int hg = 0;
    if (json_is_number(x)) {
        snprintf(text, sizeof text, "%.10g", json_number_value(x));
        s = text;
    } else {
        s = member_text(o, key, v);
    }
    if (s)
        check_weight(v, key, s, false, &hg);
    return hg;
}

/* Observations [{"area", "note", "serious"}] (at most seven; a fall is sent
 * on its own) appended to in->obs. */
static void observations_from(struct req *r, json_t *arr, struct visit_doc_input *in)
{
    struct validation *v = &r->app.errors;
    size_t i;
    json_t *x;
    json_array_foreach(arr, i, x)
    {
        int area = obs_area_parse(member_text(x, "area", v));
        if (area < 0 || area == AREA_FALL) {
            validation_add(v, arena_printf(&r->arena, "observations[%zu].area", i),
                           "Vælg et område fra ændringsskemaet.");
            continue;
        }
        in->obs[in->nobs++] = (struct obs_input){
            (enum obs_area)area, member_bool(x, "serious", false, v), member_text0(x, "note", v)};
    }
}

/* The documentation form from the body. */
static void doc_from_json(struct req *r, struct visit_doc_input *in)
{
    json_t *o = r->json;
    struct validation *v = &r->app.errors;
    memset(in, 0, sizeof *in);
    in->client_id = member_text(o, "client_id", v);
    int out = outcome_parse(member_text0(o, "outcome", v));
    if (out < 0)
        validation_add(v, "outcome", "Vælg gennemført eller ikke gennemført.");
    in->outcome = out < 0 ? OUTCOME_NONE : (enum visit_outcome)out;
    int why = ndr_parse(member_text0(o, "reason", v));
    if (why < 0)
        validation_add(v, "reason", "Vælg en af årsagerne.");
    in->reason = why < 0 ? NDR_NONE : (enum not_done_reason)why;
    in->note = member_text0(o, "note", v);
    observations_from(r, member_array(o, "observations", DOC_MAX_OBS - 1, v), in);
    json_t *fall = member_object(o, "fall", v);
    if (fall)
        in->obs[in->nobs++] = (struct obs_input){AREA_FALL, member_bool(fall, "injury", false, v),
                                                 member_text0(fall, "note", v)};
    in->weight_hg = member_weight(o, "weight", v);
    in->weight_planned = member_bool(o, "weight_planned", false, v);
}

/* --- JSON out ----------------------------------------------------------------- */

/* A text as JSON, null when empty. */
static json_t *jopt(const char *s)
{
    return s && *s ? json_string(s) : json_null();
}

/* A weight as a JSON number with one decimal. */
static json_t *jkg(int hg)
{
    return json_real(hg / 10.0);
}

static json_t *jdate(struct date d)
{
    char t[11];
    date_format(d, t);
    return json_string(t);
}

/* A visit's documentation (nulls when nothing is recorded). */
static json_t *doc_json(const struct care_visit *cv)
{
    const struct plan_visit *v = &cv->visit;
    const struct visit_doc *d = cv->documented ? &cv->doc : NULL;
    return json_pack("{s:I,s:o,s:I,s:o,s:o,s:o,s:o,s:s,s:o}", "visit_id", (json_int_t)v->id, "day",
                     jdate(v->day), "citizen_id", (json_int_t)v->citizen_id, "checkin_at",
                     jopt(d ? d->checkin_at : NULL), "checkout_at", jopt(d ? d->checkout_at : NULL),
                     "outcome", jopt(d ? outcome_code(d->outcome) : NULL), "reason",
                     jopt(d ? ndr_code(d->reason) : NULL), "note", d ? d->note : "",
                     "documented_by", jopt(d ? d->user_name : NULL));
}

static json_t *observation_json(const struct observation *o)
{
    return json_pack("{s:I,s:s,s:s,s:b,s:s,s:s,s:s}", "id", (json_int_t)o->id, "area",
                     obs_area_code(o->area), "area_label", obs_area_label(o->area), "serious",
                     o->serious, "note", o->note, "by", o->user_name, "at", o->at);
}

static json_t *observations_json(const struct observation *os, int n)
{
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, observation_json(&os[i]));
    return arr;
}

/* A triage row, null when there is none. */
static json_t *triage_json(const struct triage_row *t)
{
    if (!t->id)
        return json_null();
    return json_pack(
        "{s:I,s:s,s:s,s:s,s:s,s:s,s:o,s:o,s:o,s:s,s:s}", "id", (json_int_t)t->id, "kind",
        t->decided ? "decided" : "proposed", "level", triage_code(t->level), "level_label",
        triage_label(t->level), "reason", t->reason, "action", t->action, "follow_up_by",
        t->follow_up_by ? json_integer(t->follow_up_by) : json_null(), "follow_up_name",
        jopt(t->follow_up_name), "due_at", jopt(t->due_at), "by", t->user_name, "at", t->at);
}

/* A task, with whether it is overdue at now. */
static json_t *task_json(const struct care_task *t, long now)
{
    long due = iso_to_epoch(t->due_at);
    return json_pack("{s:I,s:I,s:s,s:I,s:s,s:s,s:s,s:s,s:s,s:b,s:b,s:o}", "id", (json_int_t)t->id,
                     "citizen_id", (json_int_t)t->citizen_id, "citizen", t->citizen_name, "team_id",
                     (json_int_t)t->team_id, "rule", rule_code(t->rule), "label",
                     rule_label(t->rule), "key", t->key, "due_from", t->due_from, "due_at",
                     t->due_at, "done", t->done, "overdue", !t->done && rules_overdue(due, now),
                     "done_at", jopt(t->done_at));
}

static json_t *nutrition_json(const struct nutrition_row *x)
{
    json_t *parts[3];
    int v[3] = {x->weight_status, x->eating, x->risks};
    for (int i = 0; i < 3; i++)
        parts[i] = v[i] < 0 ? json_null() : json_integer(v[i]);
    return json_pack("{s:I,s:o,s:o,s:o,s:o,s:i,s:s,s:s,s:s,s:s}", "id", (json_int_t)x->id, "date",
                     jdate(x->on), "weight_status", parts[0], "eating", parts[1], "risks", parts[2],
                     "score", x->score, "score_label", evs_label(x->score), "plan", x->plan, "by",
                     x->user_name, "at", x->at);
}

/* Send the app's error, or nothing when rc is APP_OK; true when sent. */
static bool failed(struct req *r, enum app_rc rc)
{
    if (rc == APP_OK)
        return false;
    send_app_error(r);
    return true;
}

/* --- visits ----------------------------------------------------------------------- */

/* Answer with the visit's documentation as it is now (a logged read);
 * extra (may be NULL) is merged in. */
static void send_doc(struct req *r, unsigned status, json_t *extra)
{
    struct care_visit cv;
    if (failed(r, app_visit_get(&r->app, r->ids[0], false, &cv))) {
        json_decref(extra);
        return;
    }
    json_t *o = doc_json(&cv);
    if (extra)
        json_object_update(o, extra);
    json_decref(extra);
    send_json(r, status, o);
}

/* POST /api/v1/visits/{id}/checkin and …/checkout: {"at": ISO (optional)}. */
static void api_check(struct req *r, bool out)
{
    const char *at = member_text(r->json, "at", &r->app.errors);
    if (!failed(r, app_visit_check(&r->app, r->ids[0], out, at)))
        send_doc(r, 200, NULL);
}

void api_visit_checkin(struct req *r)
{
    api_check(r, false);
}

void api_visit_checkout(struct req *r)
{
    api_check(r, true);
}

void api_visit_doc_get(struct req *r)
{
    send_doc(r, 200, NULL);
}

/* POST /api/v1/visits/{id}/documentation: stored once per client id. */
void api_visit_document(struct req *r)
{
    struct visit_doc_input in;
    bool dup;
    if (!require_object(r))
        return;
    doc_from_json(r, &in);
    if (failed(r, app_visit_document(&r->app, r->ids[0], &in, &dup)))
        return;
    json_t *proposed =
        !dup && in.nobs ? json_string(triage_code(triage_propose(in.obs, in.nobs))) : json_null();
    send_doc(r, dup ? 200 : 201,
             json_pack("{s:b,s:o}", "duplicate", dup, "triage_proposed", proposed));
}

/* --- observations and weights ---------------------------------------------------- */

void api_observations(struct req *r)
{
    struct observation *os;
    int n;
    if (!failed(r, app_observations(&r->app, r->ids[0], 200, &os, &n)))
        send_json(r, 200, json_pack("{s:o}", "observations", observations_json(os, n)));
}

/* POST /api/v1/citizens/{id}/observations: one observation as the body, or
 * {"observations": [...]}. */
void api_observation_create(struct req *r)
{
    struct visit_doc_input in = {0};
    if (!require_object(r))
        return;
    json_t *arr = member_array(r->json, "observations", DOC_MAX_OBS - 1, &r->app.errors);
    if (!json_object_get(r->json, "observations")) {
        json_t *one = json_pack("[O]", r->json);
        observations_from(r, one, &in);
        json_decref(one);
    } else {
        observations_from(r, arr, &in);
    }
    if (failed(r, app_observations_add(&r->app, r->ids[0], in.obs, in.nobs)))
        return;
    send_json(r, 201,
              json_pack("{s:i,s:s}", "observations", in.nobs, "triage_proposed",
                        triage_code(triage_propose(in.obs, in.nobs))));
}

void api_weights(struct req *r)
{
    struct weight_row *w;
    int n, loss;
    if (failed(r, app_weights(&r->app, r->ids[0], 120, &w, &n, &loss)))
        return;
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, json_pack("{s:I,s:o,s:o,s:b,s:s,s:s}", "id", (json_int_t)w[i].id,
                                             "date", jdate(w[i].on), "kg", jkg(w[i].hg), "planned",
                                             w[i].planned, "by", w[i].user_name, "at", w[i].at));
    send_json(r, 200, json_pack("{s:o,s:o}", "weights", arr, "unplanned_loss_kg", jkg(loss)));
}

/* POST /api/v1/citizens/{id}/weights: {"kg", "date", "planned"}. */
void api_weight_create(struct req *r)
{
    struct validation *v = &r->app.errors;
    struct date on = {0};
    long id;
    if (!require_object(r))
        return;
    int hg = member_weight(r->json, "kg", v);
    member_date(r->json, "date", &on, v);
    bool planned = member_bool(r->json, "planned", false, v);
    if (!failed(r, app_weight_add(&r->app, r->ids[0], on, hg, planned, &id)))
        send_json(r, 201, json_pack("{s:I,s:o}", "id", (json_int_t)id, "kg", jkg(hg)));
}

/* --- triage ----------------------------------------------------------------------------- */

void api_triage(struct req *r)
{
    struct care_triage t;
    if (failed(r, app_triage_get(&r->app, r->ids[0], 200, &t)))
        return;
    json_t *arr = json_array();
    for (int i = 0; i < t.count; i++)
        json_array_append_new(arr, triage_json(&t.history[i]));
    send_json(r, 200,
              json_pack("{s:s,s:o,s:o,s:o}", "level",
                        triage_code(t.current.id ? t.current.level : TRIAGE_GREEN), "current",
                        triage_json(&t.current), "pending", triage_json(&t.pending), "history",
                        arr));
}

/* POST /api/v1/citizens/{id}/triage: the nurse or a team leader decides. */
void api_triage_decide(struct req *r)
{
    struct validation *v = &r->app.errors;
    if (!require_object(r))
        return;
    int level = triage_parse(member_text(r->json, "level", v));
    if (level < 0)
        validation_add(v, "level", "Vælg grøn, gul eller rød.");
    struct triage_row t = {.level = level < 0 ? TRIAGE_GREEN : (enum triage_level)level,
                           .reason = member_text0(r->json, "reason", v),
                           .action = member_text0(r->json, "action", v),
                           .follow_up_by = member_id(r->json, "follow_up_by", v)};
    const char *due = member_text(r->json, "due_at", v);
    if (!failed(r, app_triage_decide(&r->app, r->ids[0], &t, due, NULL)))
        send_json(r, 201, triage_json(&t));
}

/* --- nutrition (EVS) ----------------------------------------------------------------------- */

void api_nutrition(struct req *r)
{
    struct care_nutrition x;
    if (failed(r, app_nutrition_get(&r->app, r->ids[0], 100, &x)))
        return;
    json_t *arr = json_array();
    for (int i = 0; i < x.count; i++)
        json_array_append_new(arr, nutrition_json(&x.assessments[i]));
    send_json(r, 200, json_pack("{s:o}", "assessments", arr));
}

/* POST /api/v1/citizens/{id}/nutrition: each part 0–2, absent or null when
 * not known. */
void api_nutrition_create(struct req *r)
{
    struct validation *v = &r->app.errors;
    if (!require_object(r))
        return;
    struct nutrition_row x = {.weight_status =
                                  (int)member_int(r->json, "weight_status", -1, 0, 2, v),
                              .eating = (int)member_int(r->json, "eating", -1, 0, 2, v),
                              .risks = (int)member_int(r->json, "risks", -1, 0, 2, v),
                              .plan = member_text0(r->json, "plan", v)};
    if (failed(r, app_nutrition_add(&r->app, r->ids[0], &x)))
        return;
    x.user_name = r->actor.full_name;
    x.at = "";
    send_json(r, 201, nutrition_json(&x));
}

/* --- board and tasks ------------------------------------------------------------------------- */

/* GET /api/v1/teams/{id}/board: each citizen shown is audited. */
void api_board(struct req *r)
{
    struct care_board b;
    if (failed(r, app_board(&r->app, r->ids[0], &b)))
        return;
    json_t *arr = json_array();
    for (int i = 0; i < b.count; i++) {
        const struct board_row *row = &b.rows[i].row;
        long due = row->current.id ? iso_to_epoch(row->current.due_at) : -1;
        json_array_append_new(
            arr, json_pack("{s:I,s:s,s:s,s:o,s:o,s:o,s:b}", "citizen_id",
                           (json_int_t)row->citizen_id, "citizen", row->citizen_name, "level",
                           triage_code(row->current.id ? row->current.level : TRIAGE_GREEN),
                           "current", triage_json(&row->current), "pending",
                           triage_json(&row->pending), "observations",
                           observations_json(b.rows[i].observations, b.rows[i].observation_count),
                           "overdue", due > 0 && rules_overdue(due, r->app.now)));
    }
    send_json(r, 200, json_pack("{s:I,s:o}", "team_id", (json_int_t)r->ids[0], "citizens", arr));
}

/* GET /api/v1/tasks?team=|citizen=: open tasks (all=1 adds done ones). */
void api_tasks(struct req *r)
{
    long team = parse_id(req_arg(r, "team")), citizen = parse_id(req_arg(r, "citizen"));
    const char *all_arg = req_arg(r, "all");
    bool all = all_arg && !strcmp(all_arg, "1");
    struct care_tasks list = {0};
    if (team < 0 || citizen < 0) {
        send_error(r, 400, "bad_request", "team og citizen skal være id'er.");
        return;
    }
    if (!citizen && !team)
        team = r->actor.team_id;
    if (!citizen && team <= 0) {
        send_error(r, 400, "bad_request", "Vælg et team med ?team=id.");
        return;
    }
    enum app_rc rc = citizen ? app_citizen_tasks(&r->app, citizen, all, &list.tasks, &list.count)
                             : app_team_tasks(&r->app, team, all, &list);
    if (failed(r, rc))
        return;
    json_t *arr = json_array();
    for (int i = 0; i < list.count; i++)
        json_array_append_new(arr, task_json(&list.tasks[i], r->app.now));
    send_json(r, 200, json_pack("{s:o}", "tasks", arr));
}
