/*
 * api-assessment.c — JSON API for the FSIII code system, assessments and
 * goals (app/assessment.h: who may, what is audited).
 */
#include "web/web.h"

#include "app/assessment.h"

/* --- JSON out ------------------------------------------------------------- */

/* A level as JSON: the number, or null when not set. */
static json_t *level_json(int level)
{
    return level == LEVEL_NONE ? json_null() : json_integer(level);
}

/* An assessment; full adds its conditions. */
static json_t *assessment_json(const struct assessment *x, bool full)
{
    json_t *o =
        json_pack("{s:I,s:I,s:s,s:s,s:{s:I,s:s},s:s,s:s,s:i,s:i}", "id", (json_int_t)x->id,
                  "citizen_id", (json_int_t)x->citizen_id, "fsiii_version", x->version,
                  "assessed_on", x->assessed_on, "assessor", "id", (json_int_t)x->assessor_id,
                  "name", x->assessor_name, "note", x->note, "created_at", x->created_at,
                  "function_count", x->function_count, "health_count", x->health_count);
    if (!o || !full)
        return o;
    json_t *fs = json_array();
    for (int i = 0; i < x->function_count; i++) {
        const struct assessment_function *f = &x->functions[i];
        json_t *j =
            json_pack("{s:s,s:s,s:o,s:o,s:s,s:s,s:s,s:s,s:s}", "code", f->code, "display",
                      f->display, "current_level", level_json(f->current), "expected_level",
                      level_json(f->expected), "performance", f->performance, "importance",
                      f->importance, "need", f->need, "cause", f->cause, "symptoms", f->symptoms);
        json_array_append_new(fs, j);
    }
    json_object_set_new(o, "functions", fs);
    json_t *hs = json_array();
    for (int i = 0; i < x->health_count; i++)
        json_array_append_new(hs, json_pack("{s:s,s:s,s:s}", "code", x->health[i].code, "display",
                                            x->health[i].display, "note", x->health[i].note));
    json_object_set_new(o, "health", hs);
    return o;
}

/* A goal as a new JSON object (the caller takes the reference). */
static json_t *goal_json(const struct goal *g)
{
    json_t *conds = json_array();
    for (int k = 0; k < g->code_count; k++)
        json_array_append_new(
            conds, json_pack("{s:s,s:s}", "code", g->codes[k], "display", g->code_displays[k]));
    return json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:o}", "id",
                     (json_int_t)g->id, "citizen_id", (json_int_t)g->citizen_id, "text", g->text,
                     "goal_type", goal_type_code(g->type) ? goal_type_code(g->type) : "",
                     "goal_type_label", goal_type_label(g->type), "follow_up_on", g->follow_up_on,
                     "status", goal_status_code(g->status) ? goal_status_code(g->status) : "",
                     "status_label", goal_status_label(g->status), "status_note", g->status_note,
                     "followed_up_at", g->followed_up_at, "created_by", g->created_by_name,
                     "created_at", g->created_at, "conditions", conds);
}

/* Condition changes as a new JSON array; levels adds before/after. */
static json_t *changes_json(const struct condition_change *c, int n, bool levels)
{
    json_t *arr = json_array();
    for (int i = 0; i < n; i++) {
        json_t *o = json_pack("{s:s,s:s,s:s}", "code", c[i].code, "display", c[i].display, "change",
                              change_code(c[i].change));
        if (levels) {
            json_object_set_new(o, "before", level_json(c[i].before));
            json_object_set_new(o, "after", level_json(c[i].after));
            json_object_set_new(o, "label", json_string(change_label(c[i].change)));
        } else {
            json_object_set_new(o, "label", json_string(health_change_label(c[i].change)));
        }
        json_array_append_new(arr, o);
    }
    return arr;
}

/* --- JSON in -------------------------------------------------------------- */

/* The conditions of one kind ("functions" or "health") of the body into x;
 * errors of element i are named "functions[i].need" and the like. */
static void conditions_from_json(struct req *r, const char *key, struct assessment *x,
                                 struct validation *v)
{
    bool fn = key[0] == 'f';
    json_t *arr = member_array(r->json, key, (size_t)-1, v), *o;
    size_t n = json_array_size(arr), i;
    if (n > ASSESSMENT_MAX_ITEMS) {
        validation_add(v, key, "Der er for mange tilstande i vurderingen.");
        return;
    }
    void *items = arena_alloc(&r->arena, (fn ? sizeof *x->functions : sizeof *x->health) * (n + 1));
    if (!items)
        return;
    if (fn)
        x->functions = items;
    else
        x->health = items;
    json_array_foreach(arr, i, o)
    {
        struct validation item = {0};
        if (!json_is_object(o)) {
            validation_add(v, key, "Hver tilstand skal være et objekt med en kode.");
            continue;
        }
        if (fn) {
            struct assessment_function *f = &x->functions[x->function_count++];
            f->code = member_text0(o, "code", &item);
            /* -2 when not given: a current level is required (validation says so) */
            f->current = (int)member_int(o, "current_level", -2, -1, 99, &item);
            f->expected = (int)member_int(o, "expected_level", LEVEL_NONE, -1, 99, &item);
            f->performance = member_text0(o, "performance", &item);
            f->importance = member_text0(o, "importance", &item);
            f->need = member_text0(o, "need", &item);
            f->cause = member_text0(o, "cause", &item);
            f->symptoms = member_text0(o, "symptoms", &item);
        } else {
            struct assessment_health *h = &x->health[x->health_count++];
            h->code = member_text0(o, "code", &item);
            h->note = member_text0(o, "note", &item);
        }
        nest_errors(v, &item, key, (int)i);
    }
}

/* --- handlers ------------------------------------------------------------- */

/* GET /api/v1/fsiii[?group=X]: concepts of the current version. */
void api_fsiii(struct req *r)
{
    struct fsiii_codes c;
    if (app_fsiii_codes(&r->app, req_arg(r, "group"), &c) != APP_OK) {
        send_app_error(r);
        return;
    }
    json_t *arr = json_array();
    for (int i = 0; i < c.n; i++) {
        const struct fsiii_concept *x = &c.all[i];
        json_array_append_new(
            arr, json_pack("{s:s,s:s,s:o,s:s,s:i,s:s}", "code", x->code, "display", x->display,
                           "parent", x->parent ? json_string(x->parent) : json_null(), "top_group",
                           x->top_group, "depth", x->depth, "definition", x->definition));
    }
    send_json(r, 200,
              json_pack("{s:s,s:s,s:s,s:o}", "url", c.version.url, "version", c.version.version,
                        "imported_at", c.version.imported_at, "concepts", arr));
}

/* GET …/assessments: the list and the change between the latest two. */
void api_assessments(struct req *r)
{
    struct assessment_history h;
    if (app_assessment_list(&r->app, r->ids[0], "assessments", &h) != APP_OK) {
        send_app_error(r);
        return;
    }
    json_t *arr = json_array();
    for (int i = 0; i < h.n; i++)
        json_array_append_new(arr, assessment_json(&h.list[i], false));
    json_t *change = json_null();
    if (h.has_change)
        change = json_pack("{s:I,s:I,s:s,s:s,s:o,s:o}", "from", (json_int_t)h.from.id, "to",
                           (json_int_t)h.to.id, "from_date", h.from.assessed_on, "to_date",
                           h.to.assessed_on, "functions",
                           changes_json(h.functions, h.function_count, true), "health",
                           changes_json(h.health, h.health_count, false));
    send_json(r, 200, json_pack("{s:o,s:o}", "assessments", arr, "change", change));
}

/* One assessment with its conditions, as reads and the create answer. */
static void send_assessment(struct req *r, unsigned status, long id)
{
    struct assessment x;
    if (app_assessment_get(&r->app, r->ids[0], id, "assessment", &x) != APP_OK) {
        send_app_error(r);
        return;
    }
    send_json(r, status, assessment_json(&x, true));
}

void api_assessment_get(struct req *r)
{
    send_assessment(r, 200, r->ids[1]);
}

/* POST …/assessments: 201 with the stored assessment. */
void api_assessment_create(struct req *r)
{
    if (!require_object(r))
        return;
    struct validation *v = &r->app.errors;
    struct assessment x = {.citizen_id = r->ids[0],
                           .assessed_on = member_text0(r->json, "assessed_on", v),
                           .note = member_text0(r->json, "note", v)};
    conditions_from_json(r, "functions", &x, v);
    conditions_from_json(r, "health", &x, v);
    if (app_assessment_create(&r->app, &x) != APP_OK) {
        send_app_error(r);
        return;
    }
    send_assessment(r, 201, x.id);
}

/* GET …/goals: the citizen's goals. */
void api_goals(struct req *r)
{
    struct goal *list;
    int n;
    if (app_goal_list(&r->app, r->ids[0], "goals", &list, &n) != APP_OK) {
        send_app_error(r);
        return;
    }
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, goal_json(&list[i]));
    send_json(r, 200, json_pack("{s:o}", "goals", arr));
}

/* One goal, as the answer to a create or a follow-up. */
static void send_goal(struct req *r, unsigned status, long id)
{
    struct goal g;
    if (app_goal_get(&r->app, r->ids[0], id, "goals", &g) != APP_OK) {
        send_app_error(r);
        return;
    }
    send_json(r, status, goal_json(&g));
}

/* POST …/goals: 201 with the goal. */
void api_goal_create(struct req *r)
{
    if (!require_object(r))
        return;
    struct validation *v = &r->app.errors;
    struct goal g = {.citizen_id = r->ids[0],
                     .text = member_text0(r->json, "text", v),
                     .type = goal_type_parse(member_text(r->json, "goal_type", v)),
                     .follow_up_on = member_text0(r->json, "follow_up_on", v)};
    json_t *codes = member_array(r->json, "codes", (size_t)-1, v), *c;
    size_t i;
    json_array_foreach(codes, i, c)
    {
        if (!json_is_string(c)) {
            validation_add(v, "codes", "Feltet skal være en liste med koder.");
            break;
        }
        if (g.code_count < GOAL_MAX_CODES)
            g.codes[g.code_count] = json_string_value(c);
        if (g.code_count++ == GOAL_MAX_CODES)
            break; /* one too many: validation says so */
    }
    if (app_goal_create(&r->app, &g) != APP_OK) {
        send_app_error(r);
        return;
    }
    send_goal(r, 201, g.id);
}

/* PUT …/goals/{gid}: record a follow-up, 200 with the goal. */
void api_goal_update(struct req *r)
{
    if (!require_object(r))
        return;
    struct validation *v = &r->app.errors;
    const char *status = member_text0(r->json, "status", v);
    const char *note = member_text0(r->json, "status_note", v);
    if (app_goal_follow_up(&r->app, r->ids[0], r->ids[1], status, note) != APP_OK) {
        send_app_error(r);
        return;
    }
    send_goal(r, 200, r->ids[1]);
}
