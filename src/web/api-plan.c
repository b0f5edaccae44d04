/* api-plan.c — JSON API for the day plan, moving a visit, and a carer's route. */
#include "web/web.h"

#include <string.h>

#include "core/planday.h"

static json_t *visit_json(const struct plan_visit *v)
{
    char ws[6], we[6], st[6], d[11];
    minute_format(v->window_start, ws);
    minute_format(v->window_end, we);
    minute_format(v->start < 0 ? MINUTE_NONE : (int)(v->start + 0.5), st);
    date_format(v->day, d);
    json_t *carers = json_array();
    for (int k = 0; k < 2; k++)
        if (v->carer_ids[k])
            json_array_append_new(carers, json_pack("{s:I,s:s}", "id", (json_int_t)v->carer_ids[k],
                                                    "name", v->carer_names[k]));
    json_t *prev = json_array();
    for (int k = 0; k < 2; k++)
        if (v->prev_ids[k])
            json_array_append_new(prev, json_integer(v->prev_ids[k]));
    return json_pack("{s:I,s:s,s:I,s:s,s:I,s:s,s:s,s:s,s:[s,s],s:o,s:i,s:s,s:i,s:o,s:o,s:s,s:b}",
                     "id", (json_int_t)v->id, "day", d, "citizen_id", (json_int_t)v->citizen_id,
                     "citizen", v->citizen_name, "service_id", (json_int_t)v->service_id,
                     "service", v->service_label, "address", v->address, "what_matters",
                     v->what_matters, "window", ws, we, "start",
                     *st ? json_string(st) : json_null(), "duration", v->duration, "skill",
                     v->skill, "carers_needed", v->carers, "carers", carers, "previous_carer_ids",
                     prev, "reason", v->reason,
                     "manual", v->manual);
}

static bool parse_day(struct req *r, const char *s, struct date *d)
{
    if (s && date_parse(s, d))
        return true;
    struct validation v = {0};
    validation_add(&v, "date", "Skriv datoen som ÅÅÅÅ-MM-DD.");
    send_validation(r, &v);
    return false;
}

static bool planner(struct req *r)
{
    if (r->actor.role == ROLE_PLANNER)
        return true;
    send_error(r, 403, "forbidden", "Kun planlæggere og teamledere kan planlægge.");
    return false;
}

void api_plan_get(struct req *r)
{
    struct date day;
    long team = parse_id(req_arg(r, "team"));
    if (!planner(r) || !parse_day(r, req_arg(r, "date"), &day))
        return;
    struct plan_visit *vs;
    int n;
    if (store_plan_day(r->db, &r->arena, day, team > 0 ? team : 0, 0, &vs, &n) != STORE_OK) {
        send_store_error(r, STORE_ERROR);
        return;
    }
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, visit_json(&vs[i]));
    json_t *o = json_pack("{s:o}", "visits", arr);
    struct plan_run_figures f;
    if (team > 0 && store_plan_run_last(r->db, day, team, &f) == STORE_OK)
        json_object_set_new(o, "figures",
                            json_pack("{s:i,s:i,s:i,s:i,s:f,s:f}", "visits", f.visits,
                                      "unassigned", f.unassigned, "known_carer", f.known_carer,
                                      "outside_window", f.outside_window, "travel", f.travel,
                                      "seconds", f.seconds));
    send_json(r, 200, o);
}

void api_plan_run(struct req *r)
{
    struct date day;
    if (!planner(r))
        return;
    if (!r->json || !json_is_object(r->json)) {
        send_error(r, 400, "bad_request", "Send {\"date\": \"ÅÅÅÅ-MM-DD\", \"team\": id}.");
        return;
    }
    if (!parse_day(r, json_string_value(json_object_get(r->json, "date")), &day))
        return;
    json_t *t = json_object_get(r->json, "team"), *tl = json_object_get(r->json, "time_limit");
    if (!json_is_integer(t) || json_integer_value(t) <= 0) {
        struct validation v = {0};
        validation_add(&v, "team", "Vælg et team.");
        send_validation(r, &v);
        return;
    }
    struct planday_options o = {.user_id = r->actor.user_id,
                                .time_limit = json_is_number(tl) ? json_number_value(tl) : 3.0,
                                .seed = 1};
    if (o.time_limit <= 0 || o.time_limit > 60)
        o.time_limit = 3.0;
    struct planday_result res;
    char err[256] = "";
    enum store_rc rc = planday_run(r->db, day, (long)json_integer_value(t), &o, &res, NULL, NULL,
                                   err, sizeof err);
    if (rc == STORE_NOT_FOUND) {
        send_error(r, 404, "not_found", "Teamet findes ikke.");
        return;
    }
    if (rc != STORE_OK) {
        send_error(r, 500, "internal", *err ? err : "Planlægningen fejlede.");
        return;
    }
    send_json(r, 200,
              json_pack("{s:i,s:i,s:i,s:i,s:i,s:f,s:f}", "carers", res.carers, "visits",
                        res.visits, "unassigned", res.unassigned, "known_carer", res.known_carer,
                        "outside_window", res.outside_window, "travel", res.travel, "seconds",
                        res.seconds));
}

void api_visit_move(struct req *r)
{
    struct plan_visit v;
    if (!planner(r))
        return;
    enum store_rc rc = store_plan_visit_get(r->db, &r->arena, r->ids[0], &v);
    if (rc != STORE_OK) {
        send_store_error(r, rc);
        return;
    }
    json_t *ids = r->json ? json_object_get(r->json, "carer_ids") : NULL, *x;
    const char *start_text = r->json ? json_string_value(json_object_get(r->json, "start")) : NULL;
    struct user carers[2];
    int nc = 0;
    size_t i;
    struct validation val = {0};
    if (!json_is_array(ids) || json_array_size(ids) < 1 || json_array_size(ids) > 2)
        validation_add(&val, "carer_ids", "Send en liste med 1 eller 2 medarbejder-id'er.");
    int start = minute_parse(start_text);
    if (start < 0)
        validation_add(&val, "start", "Skriv starttidspunktet som TT:MM.");
    if (val.count) {
        send_validation(r, &val);
        return;
    }
    json_array_foreach(ids, i, x)
    {
        if (!json_is_integer(x) ||
            store_user_get(r->db, &r->arena, (long)json_integer_value(x), &carers[nc]) != STORE_OK ||
            carers[nc].team_id != v.team_id) {
            send_error(r, 422, "move_refused", "Vælg medarbejdere fra borgerens team.");
            return;
        }
        nc++;
    }
    struct plan_visit *day;
    int n;
    if (store_plan_day(r->db, &r->arena, v.day, v.team_id, 0, &day, &n) != STORE_OK) {
        send_store_error(r, STORE_ERROR);
        return;
    }
    const char *why = planday_move_check(&v, carers, nc, start, date_weekday(v.day), day, n);
    if (why) {
        send_error(r, 422, "move_refused", why);
        return;
    }
    long cid[2] = {carers[0].id, nc > 1 ? carers[1].id : 0};
    if ((rc = store_plan_visit_move(r->db, v.id, cid, start)) != STORE_OK ||
        (rc = store_plan_visit_get(r->db, &r->arena, v.id, &v)) != STORE_OK) {
        send_store_error(r, rc);
        return;
    }
    send_json(r, 200, visit_json(&v));
}

void api_route(struct req *r)
{
    struct date day = date_today();
    const char *d = req_arg(r, "date");
    if (d && !parse_day(r, d, &day))
        return;
    struct plan_visit *vs;
    int n;
    if (store_plan_day(r->db, &r->arena, day, 0, r->actor.user_id, &vs, &n) != STORE_OK) {
        send_store_error(r, STORE_ERROR);
        return;
    }
    json_t *arr = json_array();
    for (int i = 0; i < n; i++) {
        if (!access_can_team(&r->actor, CAP_CITIZENS, vs[i].team_id) ||
            store_audit_add(r->db, &r->actor, "read", vs[i].citizen_id, "route") != STORE_OK) {
            json_decref(arr);
            send_error(r, 403, "forbidden", "Ruten indeholder borgere, du ikke har adgang til.");
            return;
        }
        json_array_append_new(arr, visit_json(&vs[i]));
    }
    send_json(r, 200, json_pack("{s:o}", "visits", arr));
}

void api_absence(struct req *r)
{
    struct date day;
    struct user u;
    if (!planner(r))
        return;
    if (!r->json || !json_is_object(r->json)) {
        send_error(r, 400, "bad_request",
                   "Send {\"date\", \"user_id\", \"from\": \"TT:MM\", \"reason\"}.");
        return;
    }
    if (!parse_day(r, json_string_value(json_object_get(r->json, "date")), &day))
        return;
    json_t *uid = json_object_get(r->json, "user_id");
    int from = minute_parse(json_string_value(json_object_get(r->json, "from")));
    const char *reason = json_string_value(json_object_get(r->json, "reason"));
    struct validation v = {0};
    if (!json_is_integer(uid) ||
        store_user_get(r->db, &r->arena, (long)json_integer_value(uid), &u) != STORE_OK ||
        u.team_id <= 0)
        validation_add(&v, "user_id", "Vælg en medarbejder fra et team.");
    if (from < 0)
        validation_add(&v, "from", "Skriv tidspunktet som TT:MM, fx 07:00.");
    check_text(&v, "reason", reason, false, 200, false);
    if (v.count) {
        send_validation(r, &v);
        return;
    }
    struct planday_options o = {.user_id = r->actor.user_id, .time_limit = 2.0, .seed = 1,
                                .keep_before = from};
    json_t *tl = json_object_get(r->json, "time_limit");
    if (json_is_number(tl) && json_number_value(tl) > 0 && json_number_value(tl) <= 60)
        o.time_limit = json_number_value(tl);
    struct planday_result res;
    char err[256] = "";
    enum store_rc rc = store_absence_set(r->db, u.id, day, from, reason ? reason : "",
                                         r->actor.user_id);
    if (rc == STORE_OK)
        rc = planday_run(r->db, day, u.team_id, &o, &res, NULL, NULL, err, sizeof err);
    if (rc != STORE_OK) {
        send_error(r, 500, "internal", *err ? err : "Fraværet kunne ikke gemmes.");
        return;
    }
    send_json(r, 200, json_pack("{s:i,s:i,s:i,s:i,s:i,s:i,s:i,s:i,s:f}", "visits", res.visits,
                                "unassigned", res.unassigned, "kept", res.kept, "moved",
                                res.moved, "had_plan", res.had_plan, "others_had",
                                res.others_had, "others_kept", res.others_kept, "known_carer",
                                res.known_carer, "seconds", res.seconds));
}
