/* api-plan.c — JSON API for the day plan, moving a visit, and a carer's route. */
#include "web/web.h"

#include <string.h>

#include "app/plan.h"

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
    json_t *o =
        json_pack("{s:I,s:s,s:I,s:s,s:I,s:s,s:s,s:s,s:[s,s],s:o,s:i,s:s,s:i,s:o,s:o,s:s,s:b}", "id",
                  (json_int_t)v->id, "day", d, "citizen_id", (json_int_t)v->citizen_id, "citizen",
                  v->citizen_name, "service_id", (json_int_t)v->service_id, "service",
                  v->service_label, "address", v->address, "what_matters", v->what_matters,
                  "window", ws, we, "start", *st ? json_string(st) : json_null(), "duration",
                  v->duration, "skill", v->skill, "carers_needed", v->carers, "carers", carers,
                  "previous_carer_ids", prev, "reason", v->reason, "manual", v->manual);
    /* the citizen's team, and whether another team's carer serves the visit */
    json_object_set_new(o, "team_id", json_integer(v->team_id));
    json_object_set_new(o, "borrowed",
                        json_boolean(v->carer_ids[0] && v->carer_team_id != v->team_id));
    return o;
}

/* How hard the engine works: "time_limit" seconds (default 3) or a fixed
 * number of "iterations" (then the plan does not depend on machine speed). */
static struct plan_effort effort(json_t *o, double default_limit, struct validation *v)
{
    struct plan_effort e = {.time_limit = default_limit, .seed = 1};
    json_t *tl = json_object_get(o, "time_limit");
    if (json_is_number(tl) && json_number_value(tl) > 0 && json_number_value(tl) <= 60)
        e.time_limit = json_number_value(tl);
    else if (tl && !json_is_null(tl))
        validation_add(v, "time_limit", "Skriv et antal sekunder fra 1 til 60.");
    e.iterations = member_int(o, "iterations", 0, 1, 100000000, v);
    return e;
}

static json_t *result_json(const struct planday_result *res)
{
    return json_pack("{s:i,s:i,s:i,s:i,s:i,s:i,s:i,s:i,s:i,s:i,s:i,s:f,s:f}", "carers", res->carers,
                     "visits", res->visits, "unassigned", res->unassigned, "known_carer",
                     res->known_carer, "outside_window", res->outside_window, "kept", res->kept,
                     "moved", res->moved, "had_plan", res->had_plan, "others_had", res->others_had,
                     "others_kept", res->others_kept, "borrowed", res->borrowed, "travel",
                     res->travel, "seconds", res->seconds);
}

void api_plan_get(struct req *r)
{
    struct date day;
    struct validation *v = &r->app.errors;
    long team = parse_id(req_arg(r, "team"));
    if (!req_arg(r, "date") || !date_parse(req_arg(r, "date"), &day))
        validation_add(v, "date", "Skriv datoen som ÅÅÅÅ-MM-DD.");
    if (team < 0)
        validation_add(v, "team", "Vælg et team.");
    struct plan_visit *vs;
    int n;
    struct plan_run_figures f;
    bool planned;
    if (v->count || app_plan_view(&r->app, day, team, &vs, &n, &f, &planned) != APP_OK) {
        if (v->count)
            app_invalid(&r->app);
        send_app_error(r);
        return;
    }
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, visit_json(&vs[i]));
    json_t *o = json_pack("{s:o}", "visits", arr);
    if (planned)
        json_object_set_new(o, "figures",
                            json_pack("{s:i,s:i,s:i,s:i,s:i,s:f,s:f}", "visits", f.visits,
                                      "unassigned", f.unassigned, "known_carer", f.known_carer,
                                      "outside_window", f.outside_window, "borrowed", f.borrowed,
                                      "travel", f.travel, "seconds", f.seconds));
    send_json(r, 200, o);
}

void api_plan_run(struct req *r)
{
    if (!require_object(r))
        return;
    struct validation *v = &r->app.errors;
    struct date day;
    if (!member_date(r->json, "date", &day, v) && !validation_for(v, "date"))
        validation_add(v, "date", "Skriv datoen som ÅÅÅÅ-MM-DD.");
    long team = member_id(r->json, "team", v);
    bool all = member_bool(r->json, "all_teams", false, v);
    if (team == 0 && !all)
        validation_add(v, "team", "Vælg et team, eller send \"all_teams\": true.");
    struct plan_effort e = effort(r->json, 3.0, v);
    struct planday_result res;
    if (v->count) {
        app_invalid(&r->app);
        send_app_error(r);
        return;
    }
    if (!all) {
        if (app_plan_day(&r->app, day, team, &e, &res, NULL, NULL) != APP_OK) {
            send_app_error(r);
            return;
        }
        send_json(r, 200, result_json(&res));
        return;
    }
    /* every team together: one result per team */
    struct team *teams;
    int nt;
    if (store_team_list(r->db, &r->arena, &teams, &nt) != STORE_OK) {
        send_store_error(r, STORE_ERROR);
        return;
    }
    long *ids = arena_alloc(&r->arena, sizeof *ids * (size_t)(nt + 1));
    struct planday_result *each = arena_alloc(&r->arena, sizeof *each * (size_t)(nt + 1));
    for (int i = 0; ids && i < nt; i++)
        ids[i] = teams[i].id;
    if (!ids || !each || app_plan_teams(&r->app, day, ids, nt, &e, each, NULL, NULL) != APP_OK) {
        send_app_error(r);
        return;
    }
    json_t *arr = json_array();
    for (int i = 0; i < nt; i++) {
        json_t *o = result_json(&each[i]);
        json_object_set_new(o, "team_id", json_integer(ids[i]));
        json_array_append_new(arr, o);
    }
    send_json(r, 200, json_pack("{s:o}", "teams", arr));
}

void api_visit_move(struct req *r)
{
    if (!require_object(r))
        return;
    struct validation *v = &r->app.errors;
    struct move_input in = {.visit_id = r->ids[0]};
    json_t *ids = member_array(r->json, "carer_ids", 2, v), *x;
    size_t i;
    json_array_foreach(ids, i, x) in.carer_ids[in.ncarers++] =
        json_is_integer(x) ? (long)json_integer_value(x) : -1;
    if (!ids && !validation_for(v, "carer_ids"))
        validation_add(v, "carer_ids", "Send en liste med 1 eller 2 medarbejder-id'er.");
    in.start = member_minute(r->json, "start", v);
    struct plan_visit moved;
    if (app_plan_move(&r->app, &in, &moved) != APP_OK) {
        send_app_error(r);
        return;
    }
    send_json(r, 200, visit_json(&moved));
}

void api_route(struct req *r)
{
    struct date day = date_today();
    const char *d = req_arg(r, "date");
    struct plan_visit *vs;
    int n;
    if (d && !date_parse(d, &day)) {
        validation_add(&r->app.errors, "date", "Skriv datoen som ÅÅÅÅ-MM-DD.");
        app_invalid(&r->app);
        send_app_error(r);
        return;
    }
    if (app_route(&r->app, day, &vs, &n) != APP_OK) {
        send_app_error(r);
        return;
    }
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, visit_json(&vs[i]));
    send_json(r, 200, json_pack("{s:o}", "visits", arr));
}

void api_absence(struct req *r)
{
    if (!require_object(r))
        return;
    struct validation *v = &r->app.errors;
    struct absence_input in = {0};
    if (!member_date(r->json, "date", &in.day, v) && !validation_for(v, "date"))
        validation_add(v, "date", "Skriv datoen som ÅÅÅÅ-MM-DD.");
    in.user_id = member_id(r->json, "user_id", v);
    in.from = member_minute(r->json, "from", v);
    in.reason = member_text(r->json, "reason", v);
    struct plan_effort e = effort(r->json, 2.0, v);
    long team = 0;
    struct planday_result res;
    if (app_plan_absence(&r->app, &in, &e, &team, &res) != APP_OK) {
        send_app_error(r);
        return;
    }
    send_json(r, 200, result_json(&res));
}
