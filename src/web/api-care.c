/*
 * api-care.c — daily practice in the JSON API, and the checks the pages
 * share with it: who may document a visit, decide triage or see a team's
 * board; storing a documentation form once (client id) in one transaction
 * with its audit row; running the rules for the citizen afterwards.
 *
 *   care worker, nurse, therapist   document visits and citizens of their own team
 *   nurse (own team), planner       decide triage; record nutrition assessments
 *   anyone who may read the record  reads (every read is audited)
 */
#include "web/web.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/log.h"

/* --- shared with the pages -------------------------------------------- */

/* Documentation: care workers, nurses and therapists of the citizen's own team. */
bool care_may_document(const struct actor *a, long team_id)
{
    return (a->role == ROLE_CARER || a->role == ROLE_NURSE || a->role == ROLE_THERAPIST) &&
           a->team_id > 0 && a->team_id == team_id;
}

/* Triage decisions: the team's own nurse, or a team leader (planner). */
bool care_may_decide(const struct actor *a, long team_id)
{
    return a->role == ROLE_PLANNER || (a->role == ROLE_NURSE && a->team_id == team_id);
}

/* Load a visit for documentation: own team only, the read audited. */
bool care_visit_load(struct req *r, long visit_id, struct plan_visit *v)
{
    enum store_rc rc = store_plan_visit_get(r->db, &r->arena, visit_id, v);
    if (rc != STORE_OK) {
        send_store_error(r, rc);
        return false;
    }
    if (!care_may_document(&r->actor, v->team_id)) {
        store_audit_add(r->db, &r->actor, "denied", v->citizen_id, "visit");
        send_error(r, 403, "forbidden",
                   "Du kan kun dokumentere besøg hos borgere i dit eget team.");
        return false;
    }
    return citizen_read_allowed(r, v->citizen_id, "visit");
}

/* A client-sent moment when it is plausible (the last 12 hours, or at most
 * 5 minutes ahead), else now; as ISO text in the arena. */
static const char *moment(struct req *r, const char *client_at)
{
    long now = (long)time(NULL), t = iso_to_epoch(client_at);
    char out[21];
    epoch_to_iso(t > 0 && t >= now - 12 * 3600 && t <= now + 300 ? t : now, out);
    return arena_strdup(&r->arena, out);
}

/* Check in or out in one transaction with its audit row. */
enum store_rc care_check(struct req *r, const struct plan_visit *v, bool out, const char *client_at)
{
    enum store_rc rc = store_begin(r->db);
    if (rc == STORE_OK)
        rc = store_visit_check(r->db, v, r->actor.user_id, out, moment(r, client_at));
    if (rc == STORE_OK)
        rc = store_audit_add(r->db, &r->actor, "update", v->citizen_id,
                             out ? "visit check-out" : "visit check-in");
    if (rc == STORE_OK)
        rc = store_commit(r->db);
    if (rc != STORE_OK)
        store_rollback(r->db);
    return rc;
}

/* Store a documentation form once, audited, and run the rules. */
enum store_rc care_document(struct req *r, const struct plan_visit *v,
                            const struct visit_doc_input *in, bool *duplicate)
{
    bool fresh = true;
    long doc;
    *duplicate = false;
    enum store_rc rc = store_begin(r->db);
    if (rc == STORE_OK && in->client_id && *in->client_id)
        rc = store_submission_claim(r->db, in->client_id, r->actor.user_id, v->citizen_id, &fresh);
    if (rc == STORE_OK && !fresh) {
        store_rollback(r->db);
        *duplicate = true;
        return STORE_OK;
    }
    if (rc == STORE_OK)
        rc = store_visit_document(r->db, v, r->actor.user_id, in, &doc);
    if (rc == STORE_OK)
        rc = store_audit_add(r->db, &r->actor, "update", v->citizen_id, "visit documentation");
    if (rc == STORE_OK)
        rc = store_rules_citizen(r->db, v->citizen_id, (long)time(NULL), NULL);
    if (rc == STORE_OK)
        rc = store_commit(r->db);
    if (rc != STORE_OK)
        store_rollback(r->db);
    else
        log_info("care: visit documented visit_id=%ld user_id=%ld", v->id, r->actor.user_id);
    return rc;
}

/* Run the rules for a citizen after a write. */
enum store_rc care_rules_after(struct req *r, long citizen_id)
{
    return store_rules_citizen(r->db, citizen_id, (long)time(NULL), NULL);
}

/* The citizen's team, after checking that the actor may read the record (the
 * read is audited with detail). Sends the error and returns false otherwise. */
static bool record_team(struct req *r, long citizen_id, const char *detail, long *team)
{
    if (!citizen_read_allowed(r, citizen_id, detail))
        return false;
    return store_citizen_team(r->db, citizen_id, team) == STORE_OK;
}

/* --- JSON in ------------------------------------------------------------ */

/* Send 400 unless the body is a JSON object. */
static bool body_object(struct req *r)
{
    if (r->json && json_is_object(r->json))
        return true;
    send_error(r, 400, "bad_request", "Send et JSON-objekt med Content-Type: application/json.");
    return false;
}

/* A string member ("" when absent or null); a type error is recorded. */
static const char *jtext(json_t *o, const char *key, struct validation *v)
{
    json_t *x = json_object_get(o, key);
    if (!x || json_is_null(x))
        return "";
    if (!json_is_string(x) || strlen(json_string_value(x)) != json_string_length(x)) {
        validation_add(v, key, "Feltet skal være tekst.");
        return "";
    }
    return json_string_value(x);
}

/* A boolean member (false when absent). */
static bool jbool(json_t *o, const char *key)
{
    return json_is_true(json_object_get(o, key));
}

/* A weight member: a number (68.4) or text ("68,4"); 0 when absent. */
static int jweight(struct req *r, json_t *o, const char *key, struct validation *v, bool required)
{
    json_t *x = json_object_get(o, key);
    int hg = 0;
    if (json_is_number(x)) {
        double kg = json_number_value(x) * 10.0;
        long rounded = (long)(kg + (kg < 0 ? -0.5 : 0.5));
        if (kg - (double)rounded > 1e-6 || (double)rounded - kg > 1e-6)
            validation_add(v, key, "Skriv vægten i kg med højst én decimal, fx 68,4.");
        else
            check_weight(v, key,
                         arena_printf(&r->arena, "%ld,%ld", rounded / 10, labs(rounded) % 10),
                         required, &hg);
    } else if (json_is_string(x) || !x || json_is_null(x)) {
        check_weight(v, key, x ? json_string_value(x) : NULL, required, &hg);
    } else {
        validation_add(v, key, "Skriv vægten i kg, fx 68,4.");
    }
    return hg;
}

/* Observations [{"area", "note", "serious"}] into in->obs. */
static void jobservations(json_t *arr, struct visit_doc_input *in, struct validation *v)
{
    size_t i;
    json_t *x;
    if (!arr || json_is_null(arr))
        return;
    if (!json_is_array(arr) || json_array_size(arr) > DOC_MAX_OBS - 1) {
        validation_add(v, "observations", "Send højst 7 observationer som en liste.");
        return;
    }
    json_array_foreach(arr, i, x)
    {
        char f[40];
        snprintf(f, sizeof f, "observations[%zu].area", i);
        int area =
            json_is_object(x) ? obs_area_parse(json_string_value(json_object_get(x, "area"))) : -1;
        if (area < 0 || area == AREA_FALL) {
            validation_add(v, f, "Vælg et område fra ændringsskemaet.");
            continue;
        }
        const char *note = json_string_value(json_object_get(x, "note"));
        in->obs[in->nobs++] =
            (struct obs_input){(enum obs_area)area, jbool(x, "serious"), note ? note : ""};
    }
}

/* The documentation form from a JSON body. */
static void doc_from_json(struct req *r, struct visit_doc_input *in, struct validation *v)
{
    json_t *o = r->json;
    memset(in, 0, sizeof *in);
    in->client_id = jtext(o, "client_id", v);
    if (!*in->client_id)
        in->client_id = NULL;
    int out = outcome_parse(jtext(o, "outcome", v));
    if (out < 0)
        validation_add(v, "outcome", "Vælg gennemført eller ikke gennemført.");
    in->outcome = out < 0 ? OUTCOME_NONE : (enum visit_outcome)out;
    int why = ndr_parse(jtext(o, "reason", v));
    if (why < 0)
        validation_add(v, "reason", "Vælg en af årsagerne.");
    in->reason = why < 0 ? NDR_NONE : (enum not_done_reason)why;
    in->note = jtext(o, "note", v);
    jobservations(json_object_get(o, "observations"), in, v);
    json_t *fall = json_object_get(o, "fall");
    if (json_is_object(fall)) {
        const char *note = json_string_value(json_object_get(fall, "note"));
        in->obs[in->nobs++] =
            (struct obs_input){AREA_FALL, jbool(fall, "injury"), note ? note : ""};
    } else if (fall && !json_is_null(fall)) {
        validation_add(v, "fall", "Send et fald som {\"injury\": true|false, \"note\": \"…\"}.");
    }
    in->weight_hg = jweight(r, o, "weight", v, false);
    in->weight_planned = jbool(o, "weight_planned");
    visit_doc_validate(in, v);
}

/* --- JSON out ----------------------------------------------------------- */

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

/* A visit's documentation as JSON (nulls when nothing is recorded). */
json_t *care_doc_json(const struct plan_visit *v, const struct visit_doc *d)
{
    char day[11];
    date_format(v->day, day);
    return json_pack("{s:I,s:s,s:I,s:o,s:o,s:o,s:o,s:s,s:o}", "visit_id", (json_int_t)v->id, "day",
                     day, "citizen_id", (json_int_t)v->citizen_id, "checkin_at",
                     jopt(d ? d->checkin_at : NULL), "checkout_at", jopt(d ? d->checkout_at : NULL),
                     "outcome", jopt(d ? outcome_code(d->outcome) : NULL), "reason",
                     jopt(d ? ndr_code(d->reason) : NULL), "note", d ? d->note : "",
                     "documented_by", jopt(d ? d->user_name : NULL));
}

/* An observation as JSON. */
static json_t *observation_json(const struct observation *o)
{
    return json_pack("{s:I,s:s,s:s,s:b,s:s,s:s,s:s}", "id", (json_int_t)o->id, "area",
                     obs_area_code(o->area), "area_label", obs_area_label(o->area), "serious",
                     o->serious, "note", o->note, "by", o->user_name, "at", o->at);
}

/* A triage row as JSON, null when there is none. */
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

/* A task as JSON, with whether it is overdue at now. */
json_t *care_task_json(const struct care_task *t, long now)
{
    long due = iso_to_epoch(t->due_at);
    return json_pack("{s:I,s:I,s:s,s:I,s:s,s:s,s:s,s:s,s:s,s:b,s:b,s:o}", "id", (json_int_t)t->id,
                     "citizen_id", (json_int_t)t->citizen_id, "citizen", t->citizen_name, "team_id",
                     (json_int_t)t->team_id, "rule", rule_code(t->rule), "label",
                     rule_label(t->rule), "key", t->key, "due_from", t->due_from, "due_at",
                     t->due_at, "done", t->done, "overdue", !t->done && rules_overdue(due, now),
                     "done_at", jopt(t->done_at));
}

/* --- visits --------------------------------------------------------------- */

/* Answer a visit's documentation as it is now. */
static void send_doc(struct req *r, unsigned status, const struct plan_visit *v, json_t *extra)
{
    struct visit_doc d;
    enum store_rc rc = store_visit_doc_get(r->db, &r->arena, v, &d);
    if (rc != STORE_OK && rc != STORE_NOT_FOUND) {
        json_decref(extra);
        send_store_error(r, rc);
        return;
    }
    json_t *o = care_doc_json(v, rc == STORE_OK ? &d : NULL);
    if (extra)
        json_object_update(o, extra);
    json_decref(extra);
    send_json(r, status, o);
}

/* POST /api/v1/visits/{id}/checkin and …/checkout: {"at": ISO (optional)}. */
static void api_check(struct req *r, bool out)
{
    struct plan_visit v;
    if (!care_visit_load(r, r->ids[0], &v))
        return;
    const char *at = r->json ? json_string_value(json_object_get(r->json, "at")) : NULL;
    enum store_rc rc = care_check(r, &v, out, at);
    if (rc != STORE_OK) {
        send_store_error(r, rc);
        return;
    }
    send_doc(r, 200, &v, NULL);
}

/* POST /api/v1/visits/{id}/checkin. */
void api_visit_checkin(struct req *r)
{
    api_check(r, false);
}

/* POST /api/v1/visits/{id}/checkout. */
void api_visit_checkout(struct req *r)
{
    api_check(r, true);
}

/* GET /api/v1/visits/{id}/documentation. */
void api_visit_doc_get(struct req *r)
{
    struct plan_visit v;
    if (care_visit_load(r, r->ids[0], &v))
        send_doc(r, 200, &v, NULL);
}

/* POST /api/v1/visits/{id}/documentation: stored once per client id. */
void api_visit_document(struct req *r)
{
    struct plan_visit v;
    struct visit_doc_input in;
    struct validation val = {0};
    bool dup;
    if (!body_object(r) || !care_visit_load(r, r->ids[0], &v))
        return;
    doc_from_json(r, &in, &val);
    if (val.count) {
        send_validation(r, &val);
        return;
    }
    enum store_rc rc = care_document(r, &v, &in, &dup);
    if (rc != STORE_OK) {
        send_store_error(r, rc);
        return;
    }
    enum triage_level proposed = triage_propose(in.obs, in.nobs);
    send_doc(r, dup ? 200 : 201, &v,
             json_pack("{s:b,s:o}", "duplicate", dup, "triage_proposed",
                       !dup && in.nobs ? json_string(triage_code(proposed)) : json_null()));
}

/* --- observations and weights ------------------------------------------ */

void api_observations(struct req *r)
{
    struct observation *os;
    int n;
    long team;
    if (!record_team(r, r->ids[0], "observations", &team))
        return;
    if (store_observation_list(r->db, &r->arena, r->ids[0], 200, &os, &n) != STORE_OK) {
        send_store_error(r, STORE_ERROR);
        return;
    }
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, observation_json(&os[i]));
    send_json(r, 200, json_pack("{s:o}", "observations", arr));
}

/* Only the citizen's own team documents; sends 403 (and audits) otherwise. */
static bool may_document_citizen(struct req *r, long citizen_id, long *team)
{
    enum store_rc rc = store_citizen_team(r->db, citizen_id, team);
    if (rc != STORE_OK) {
        send_store_error(r, rc);
        return false;
    }
    if (care_may_document(&r->actor, *team))
        return true;
    store_audit_add(r->db, &r->actor, "denied", citizen_id, "documentation");
    send_error(r, 403, "forbidden", "Du kan kun dokumentere hos borgere i dit eget team.");
    return false;
}

/* Run a write for a citizen with its audit row and the rules, in one transaction. */
static enum store_rc write_done(struct req *r, long citizen_id, enum store_rc rc,
                                const char *detail)
{
    if (rc == STORE_OK)
        rc = store_audit_add(r->db, &r->actor, "create", citizen_id, detail);
    if (rc == STORE_OK)
        rc = care_rules_after(r, citizen_id);
    if (rc == STORE_OK)
        rc = store_commit(r->db);
    if (rc != STORE_OK)
        store_rollback(r->db);
    return rc;
}

/* POST /api/v1/citizens/{id}/observations: changes outside a visit. */
void api_observation_create(struct req *r)
{
    long team;
    struct validation val = {0};
    struct visit_doc_input in = {0};
    if (!body_object(r) || !may_document_citizen(r, r->ids[0], &team))
        return;
    json_t *arr = json_object_get(r->json, "observations");
    if (!arr) { /* one observation as the body */
        arr = json_array();
        json_array_append(arr, r->json);
        jobservations(arr, &in, &val);
        json_decref(arr);
    } else {
        jobservations(arr, &in, &val);
    }
    if (!in.nobs && !val.count)
        validation_add(&val, "area", "Vælg et område fra ændringsskemaet.");
    visit_doc_validate(&in, &val);
    if (val.count) {
        send_validation(r, &val);
        return;
    }
    enum store_rc rc = store_begin(r->db);
    if (rc == STORE_OK)
        rc = store_observations_add(r->db, r->ids[0], r->actor.user_id, in.obs, in.nobs, 0);
    if ((rc = write_done(r, r->ids[0], rc, "observation")) != STORE_OK) {
        send_store_error(r, rc);
        return;
    }
    send_json(r, 201,
              json_pack("{s:i,s:s}", "observations", in.nobs, "triage_proposed",
                        triage_code(triage_propose(in.obs, in.nobs))));
}

/* GET /api/v1/citizens/{id}/weights with the unplanned loss. */
void api_weights(struct req *r)
{
    struct weight_row *w;
    int n;
    long team;
    if (!record_team(r, r->ids[0], "weights", &team))
        return;
    if (store_weight_list(r->db, &r->arena, r->ids[0], 120, &w, &n) != STORE_OK) {
        send_store_error(r, STORE_ERROR);
        return;
    }
    json_t *arr = json_array();
    struct care_weight cw[120];
    for (int i = 0; i < n; i++) {
        char d[11];
        date_format(w[i].on, d);
        cw[i] = (struct care_weight){w[i].on, w[i].hg, w[i].planned};
        json_array_append_new(arr, json_pack("{s:I,s:s,s:o,s:b,s:s,s:s}", "id", (json_int_t)w[i].id,
                                             "date", d, "kg", jkg(w[i].hg), "planned", w[i].planned,
                                             "by", w[i].user_name, "at", w[i].at));
    }
    send_json(r, 200,
              json_pack("{s:o,s:o}", "weights", arr, "unplanned_loss_kg",
                        jkg(rules_weight_loss(cw, n, NULL))));
}

/* POST /api/v1/citizens/{id}/weights. */
void api_weight_create(struct req *r)
{
    long team, id;
    struct validation val = {0};
    struct date on = date_today();
    if (!body_object(r) || !may_document_citizen(r, r->ids[0], &team))
        return;
    int hg = jweight(r, r->json, "kg", &val, true);
    const char *d = jtext(r->json, "date", &val);
    if (*d && (!date_parse(d, &on) || date_cmp(on, date_today()) > 0))
        validation_add(&val, "date", "Skriv datoen som ÅÅÅÅ-MM-DD, senest i dag.");
    if (val.count) {
        send_validation(r, &val);
        return;
    }
    enum store_rc rc = store_begin(r->db);
    if (rc == STORE_OK)
        rc = store_weight_add(r->db, r->ids[0], on, hg, jbool(r->json, "planned"), 0,
                              r->actor.user_id, &id);
    if ((rc = write_done(r, r->ids[0], rc, "weight")) != STORE_OK) {
        send_store_error(r, rc);
        return;
    }
    send_json(r, 201, json_pack("{s:I,s:o}", "id", (json_int_t)id, "kg", jkg(hg)));
}

/* --- triage ----------------------------------------------------------- */

void api_triage(struct req *r)
{
    struct triage_row cur, pend, *hist;
    int n;
    long team;
    if (!record_team(r, r->ids[0], "triage", &team))
        return;
    if (store_triage_current(r->db, &r->arena, r->ids[0], &cur, &pend) != STORE_OK ||
        store_triage_list(r->db, &r->arena, r->ids[0], 200, &hist, &n) != STORE_OK) {
        send_store_error(r, STORE_ERROR);
        return;
    }
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, triage_json(&hist[i]));
    send_json(r, 200,
              json_pack("{s:s,s:o,s:o,s:o}", "level",
                        triage_code(cur.id ? cur.level : TRIAGE_GREEN), "current",
                        triage_json(&cur), "pending", triage_json(&pend), "history", arr));
}

/* Validate and record a triage decision, audited, and run the rules. */
enum store_rc care_triage_decide(struct req *r, long citizen_id, struct triage_row *t,
                                 const char *due_text, struct validation *v)
{
    long now = (long)time(NULL), due = 0;
    check_text(v, "reason", t->reason, t->level != TRIAGE_GREEN, 1000, true);
    check_text(v, "action", t->action, t->level != TRIAGE_GREEN, 1000, true);
    if (due_text && *due_text) {
        struct date d;
        due = iso_to_epoch(due_text);
        if (due < 0 && date_parse(due_text, &d))
            due = date_epoch(d) + 86399;
        if (due < 0 || due < now - 60)
            validation_add(v, "due_at",
                           "Skriv fristen som ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DDTTT:MM:SSZ, "
                           "tidligst nu.");
    } else {
        due = triage_follow_up_seconds(t->level) ? now + triage_follow_up_seconds(t->level) : 0;
    }
    if (t->follow_up_by > 0) {
        struct user u;
        if (store_user_get(r->db, &r->arena, t->follow_up_by, &u) != STORE_OK || !u.active)
            validation_add(v, "follow_up_by", "Vælg en aktiv medarbejder.");
    }
    if (v->count)
        return STORE_INVALID;
    char iso[21] = "";
    if (due > 0)
        epoch_to_iso(due, iso);
    t->citizen_id = citizen_id;
    t->decided = true;
    t->due_at = arena_strdup(&r->arena, iso);
    t->user_id = r->actor.user_id;
    enum store_rc rc = store_begin(r->db);
    if (rc == STORE_OK)
        rc = store_triage_add(r->db, t, &t->id);
    if (rc == STORE_OK)
        rc = store_audit_add(r->db, &r->actor, "update", citizen_id, "triage");
    if (rc == STORE_OK)
        rc = store_rules_citizen(r->db, citizen_id, now, NULL);
    if (rc == STORE_OK)
        rc = store_commit(r->db);
    if (rc != STORE_OK)
        store_rollback(r->db);
    return rc;
}

/* POST /api/v1/citizens/{id}/triage: the nurse or team leader decides. */
void api_triage_decide(struct req *r)
{
    long team;
    struct validation val = {0};
    if (!body_object(r))
        return;
    enum store_rc rc = store_citizen_team(r->db, r->ids[0], &team);
    if (rc != STORE_OK) {
        send_store_error(r, rc);
        return;
    }
    if (!care_may_decide(&r->actor, team)) {
        send_error(r, 403, "forbidden",
                   "Kun teamets sygeplejerske eller en teamleder kan beslutte triage.");
        return;
    }
    int level = triage_parse(jtext(r->json, "level", &val));
    if (level < 0)
        validation_add(&val, "level", "Vælg grøn, gul eller rød.");
    json_t *by = json_object_get(r->json, "follow_up_by");
    if (by && !json_is_null(by) && !json_is_integer(by))
        validation_add(&val, "follow_up_by", "Vælg en medarbejder.");
    struct triage_row t = {.level = level < 0 ? TRIAGE_GREEN : (enum triage_level)level,
                           .reason = jtext(r->json, "reason", &val),
                           .action = jtext(r->json, "action", &val),
                           .follow_up_by = json_is_integer(by) ? (long)json_integer_value(by) : 0};
    const char *due = jtext(r->json, "due_at", &val);
    if (!val.count)
        rc = care_triage_decide(r, r->ids[0], &t, due, &val);
    if (val.count) {
        send_validation(r, &val);
        return;
    }
    if (rc != STORE_OK) {
        send_store_error(r, rc);
        return;
    }
    struct triage_row cur, pend;
    if (store_triage_current(r->db, &r->arena, r->ids[0], &cur, &pend) != STORE_OK) {
        send_store_error(r, STORE_ERROR);
        return;
    }
    send_json(r, 201, triage_json(&cur));
}

/* --- nutrition (EVS) ---------------------------------------------------- */

static json_t *nutrition_json(const struct nutrition_row *x)
{
    char d[11];
    date_format(x->on, d);
    json_t *parts[3];
    int v[3] = {x->weight_status, x->eating, x->risks};
    for (int i = 0; i < 3; i++)
        parts[i] = v[i] < 0 ? json_null() : json_integer(v[i]);
    return json_pack("{s:I,s:s,s:o,s:o,s:o,s:i,s:s,s:s,s:s,s:s}", "id", (json_int_t)x->id, "date",
                     d, "weight_status", parts[0], "eating", parts[1], "risks", parts[2], "score",
                     x->score, "score_label", evs_label(x->score), "plan", x->plan, "by",
                     x->user_name, "at", x->at);
}

/* GET /api/v1/citizens/{id}/nutrition. */
void api_nutrition(struct req *r)
{
    struct nutrition_row *xs;
    int n;
    long team;
    if (!record_team(r, r->ids[0], "nutrition", &team))
        return;
    if (store_nutrition_list(r->db, &r->arena, r->ids[0], 100, &xs, &n) != STORE_OK) {
        send_store_error(r, STORE_ERROR);
        return;
    }
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, nutrition_json(&xs[i]));
    send_json(r, 200, json_pack("{s:o}", "assessments", arr));
}

/* Validate and record an EVS assessment (a score of 2 needs a plan). */
enum store_rc care_nutrition_save(struct req *r, long citizen_id, struct nutrition_row *x,
                                  struct validation *v)
{
    if (x->score >= 2 && (!x->plan || !*x->plan))
        validation_add(v, "plan", "Skriv ernæringsplanen, når vurderingen giver 2.");
    check_text(v, "plan", x->plan, false, 4000, true);
    if (v->count)
        return STORE_INVALID;
    enum store_rc rc = store_begin(r->db);
    if (rc == STORE_OK)
        rc = store_nutrition_add(r->db, citizen_id, x, r->actor.user_id, &x->id);
    return write_done(r, citizen_id, rc, "nutrition assessment");
}

/* An EVS part from JSON: 0–2, -1 when null or absent, -2 when invalid. */
static int jpart(json_t *o, const char *key)
{
    json_t *x = json_object_get(o, key);
    if (!x || json_is_null(x))
        return -1;
    return json_is_integer(x) && json_integer_value(x) >= 0 && json_integer_value(x) <= 2
               ? (int)json_integer_value(x)
               : -2;
}

/* POST /api/v1/citizens/{id}/nutrition. */
void api_nutrition_create(struct req *r)
{
    long team;
    struct validation val = {0};
    if (!body_object(r))
        return;
    enum store_rc rc = store_citizen_team(r->db, r->ids[0], &team);
    if (rc != STORE_OK) {
        send_store_error(r, rc);
        return;
    }
    if (!care_may_document(&r->actor, team) && !care_may_decide(&r->actor, team)) {
        send_error(r, 403, "forbidden", "Kun borgerens team kan lave en ernæringsvurdering.");
        return;
    }
    struct nutrition_row x = {.on = date_today(),
                              .weight_status = jpart(r->json, "weight_status"),
                              .eating = jpart(r->json, "eating"),
                              .risks = jpart(r->json, "risks"),
                              .plan = jtext(r->json, "plan", &val)};
    static const char *const keys[3] = {"weight_status", "eating", "risks"};
    int parts[3] = {x.weight_status, x.eating, x.risks};
    for (int i = 0; i < 3; i++)
        if (parts[i] == -2)
            validation_add(&val, keys[i],
                           "Vælg 0, 1 eller 2 – eller lad feltet være tomt, hvis "
                           "det ikke vides (tæller som 2).");
    x.score = evs_score(x.weight_status, x.eating, x.risks);
    if (!val.count)
        rc = care_nutrition_save(r, r->ids[0], &x, &val);
    if (val.count) {
        send_validation(r, &val);
        return;
    }
    if (rc != STORE_OK) {
        send_store_error(r, rc);
        return;
    }
    x.user_name = r->actor.full_name;
    x.at = "";
    send_json(r, 201, nutrition_json(&x));
}

/* --- board and tasks ------------------------------------------------------ */

bool care_team_allowed(struct req *r, long team_id)
{
    struct team t;
    if (store_team_get(r->db, &r->arena, team_id, &t) != STORE_OK) {
        send_error(r, 404, "not_found", "Teamet findes ikke.");
        return false;
    }
    if (!access_can(&r->actor, CAP_CITIZENS) || !access_can_team(&r->actor, CAP_CITIZENS, team_id)) {
        send_error(r, 403, "forbidden", "Du kan kun se dit eget teams tavle og opgaver.");
        return false;
    }
    return true;
}

/* GET /api/v1/teams/{id}/board: each citizen shown is audited. */
void api_board(struct req *r)
{
    struct board_row *b;
    int n;
    long now = (long)time(NULL);
    if (!care_team_allowed(r, r->ids[0]))
        return;
    if (store_board(r->db, &r->arena, r->ids[0], &b, &n) != STORE_OK) {
        send_store_error(r, STORE_ERROR);
        return;
    }
    json_t *arr = json_array();
    for (int i = 0; i < n; i++) {
        struct observation *os;
        int no;
        if (store_audit_add(r->db, &r->actor, "read", b[i].citizen_id, "board") != STORE_OK ||
            store_observation_list(r->db, &r->arena, b[i].citizen_id, 3, &os, &no) != STORE_OK) {
            json_decref(arr);
            send_store_error(r, STORE_ERROR);
            return;
        }
        json_t *obs = json_array();
        for (int k = 0; k < no; k++)
            json_array_append_new(obs, observation_json(&os[k]));
        long due = b[i].current.id ? iso_to_epoch(b[i].current.due_at) : -1;
        json_array_append_new(
            arr,
            json_pack("{s:I,s:s,s:s,s:o,s:o,s:o,s:b}", "citizen_id", (json_int_t)b[i].citizen_id,
                      "citizen", b[i].citizen_name, "level",
                      triage_code(b[i].current.id ? b[i].current.level : TRIAGE_GREEN), "current",
                      triage_json(&b[i].current), "pending", triage_json(&b[i].pending),
                      "observations", obs, "overdue", due > 0 && rules_overdue(due, now)));
    }
    send_json(r, 200, json_pack("{s:I,s:o}", "team_id", (json_int_t)r->ids[0], "citizens", arr));
}

/* GET /api/v1/tasks?team=|citizen=: open tasks (all=1 adds done ones). */
void api_tasks(struct req *r)
{
    long team = parse_id(req_arg(r, "team")), citizen = parse_id(req_arg(r, "citizen"));
    const char *all = req_arg(r, "all");
    long now = (long)time(NULL);
    if (team < 0 || citizen < 0) {
        send_error(r, 400, "bad_request", "team og citizen skal være id'er.");
        return;
    }
    if (citizen > 0) {
        long t;
        if (!record_team(r, citizen, "tasks", &t))
            return;
    } else {
        if (!team)
            team = r->actor.team_id;
        if (team <= 0) {
            send_error(r, 400, "bad_request", "Vælg et team med ?team=id.");
            return;
        }
        if (!care_team_allowed(r, team))
            return;
    }
    struct care_task *ts;
    int n;
    if (store_care_tasks(r->db, &r->arena, citizen ? 0 : team, citizen, all && !strcmp(all, "1"),
                         &ts, &n) != STORE_OK) {
        send_store_error(r, STORE_ERROR);
        return;
    }
    json_t *arr = json_array();
    long last = 0;
    for (int i = 0; i < n; i++) {
        if (!citizen && ts[i].citizen_id != last &&
            store_audit_add(r->db, &r->actor, "read", ts[i].citizen_id, "tasks") != STORE_OK) {
            json_decref(arr);
            send_store_error(r, STORE_ERROR);
            return;
        }
        last = ts[i].citizen_id;
        json_array_append_new(arr, care_task_json(&ts[i], now));
    }
    send_json(r, 200, json_pack("{s:o}", "tasks", arr));
}
