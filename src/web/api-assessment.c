/*
 * api-assessment.c — JSON API for the FSIII code system, assessments and
 * goals. Same access rules as the pages: readers are those who may read the
 * record (every read is audited); only the visitator creates and follows up.
 */
#include "web/web.h"

#include <string.h>

/* --- JSON in -------------------------------------------------------------- */

/* A string member: "" when absent or null; a type error is recorded under
 * field (which must outlive v). */
static const char *jstr(json_t *o, const char *key, const char *field, struct validation *v)
{
    json_t *x = json_object_get(o, key);
    if (!x || json_is_null(x))
        return "";
    if (!json_is_string(x) || strlen(json_string_value(x)) != json_string_length(x)) {
        validation_add(v, field, "Feltet skal være tekst.");
        return "";
    }
    return json_string_value(x);
}

/* A level member: LEVEL_NONE when absent or null, -2 when not an integer
 * (validation then names the field). */
static int jlevel(json_t *o, const char *key)
{
    json_t *x = json_object_get(o, key);
    if (!x || json_is_null(x))
        return LEVEL_NONE;
    if (!json_is_integer(x) || json_integer_value(x) < -1 || json_integer_value(x) > 99)
        return -2;
    return (int)json_integer_value(x);
}

/* The current version's concepts (all groups) in the arena; sends 503 when
 * no version is imported, or the store error. */
static bool current_codes(struct req *r, struct fsiii_version *ver, struct fsiii_concept **all,
                          int *n)
{
    enum store_rc rc = store_fsiii_current(r->db, &r->arena, ver);
    if (rc == STORE_NOT_FOUND) {
        send_error(r, 503, "fsiii_missing",
                   "FSIII-kodesystemet er ikke indlæst. Bed en administrator om at køre "
                   "omsorg fsiii-import.");
        return false;
    }
    if (rc == STORE_OK)
        rc = store_fsiii_concepts(r->db, &r->arena, ver->id, NULL, all, n);
    if (rc != STORE_OK) {
        send_store_error(r, rc);
        return false;
    }
    return true;
}

/* Only the visitator writes, and the citizen must exist. Sends the error. */
static bool write_allowed(struct req *r, const char *message)
{
    if (!access_can(&r->actor, CAP_CITIZEN_WRITE)) {
        send_error(r, 403, "forbidden", message);
        return false;
    }
    long team;
    enum store_rc rc = store_citizen_team(r->db, r->ids[0], &team);
    if (rc != STORE_OK) {
        send_store_error(r, rc);
        return false;
    }
    return true;
}

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

/* --- handlers ------------------------------------------------------------- */

/* GET /api/v1/fsiii[?group=X]: concepts of the current version. */
void api_fsiii(struct req *r)
{
    const char *group = req_arg(r, "group");
    struct validation v = {0};
    if (group && !(group[0] >= 'A' && group[0] <= 'J' && group[1] == '\0'))
        validation_add(&v, "group", "Vælg en gruppe fra A til J, fx J.");
    if (v.count) {
        send_validation(r, &v);
        return;
    }
    struct fsiii_version ver;
    enum store_rc rc = store_fsiii_current(r->db, &r->arena, &ver);
    if (rc == STORE_NOT_FOUND) {
        send_error(r, 503, "fsiii_missing", "FSIII-kodesystemet er ikke indlæst.");
        return;
    }
    struct fsiii_concept *list;
    int n = 0;
    if (rc == STORE_OK)
        rc = store_fsiii_concepts(r->db, &r->arena, ver.id, group, &list, &n);
    if (rc != STORE_OK) {
        send_store_error(r, rc);
        return;
    }
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr,
                              json_pack("{s:s,s:s,s:o,s:s,s:i,s:s}", "code", list[i].code,
                                        "display", list[i].display, "parent",
                                        list[i].parent ? json_string(list[i].parent) : json_null(),
                                        "top_group", list[i].top_group, "depth", list[i].depth,
                                        "definition", list[i].definition));
    send_json(r, 200,
              json_pack("{s:s,s:s,s:s,s:o}", "url", ver.url, "version", ver.version, "imported_at",
                        ver.imported_at, "concepts", arr));
}

/* GET …/assessments: the list and the change between the latest two
 * (an audited read). */
void api_assessments(struct req *r)
{
    if (!citizen_read_allowed(r, r->ids[0], "assessments"))
        return;
    struct assessment *list;
    int n;
    enum store_rc rc = store_assessment_list(r->db, &r->arena, r->ids[0], &list, &n);
    if (rc != STORE_OK) {
        send_store_error(r, rc);
        return;
    }
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, assessment_json(&list[i], false));
    json_t *change = json_null();
    if (n >= 2) {
        struct assessment cur, prev;
        struct condition_change *fc, *hc;
        int nf, nh;
        rc = store_assessment_get(r->db, &r->arena, r->ids[0], list[0].id, &cur);
        if (rc == STORE_OK)
            rc = store_assessment_get(r->db, &r->arena, r->ids[0], list[1].id, &prev);
        if (rc == STORE_OK && !assessment_compare(&prev, &cur, &r->arena, &fc, &nf, &hc, &nh))
            rc = STORE_ERROR;
        if (rc != STORE_OK) {
            json_decref(arr);
            send_store_error(r, rc);
            return;
        }
        change = json_pack("{s:I,s:I,s:s,s:s,s:o,s:o}", "from", (json_int_t)prev.id, "to",
                           (json_int_t)cur.id, "from_date", prev.assessed_on, "to_date",
                           cur.assessed_on, "functions", changes_json(fc, nf, true), "health",
                           changes_json(hc, nh, false));
    }
    send_json(r, 200, json_pack("{s:o,s:o}", "assessments", arr, "change", change));
}

/* GET …/assessments/{aid}: one assessment (an audited read). */
void api_assessment_get(struct req *r)
{
    if (!citizen_read_allowed(r, r->ids[0], "assessment"))
        return;
    struct assessment x;
    enum store_rc rc = store_assessment_get(r->db, &r->arena, r->ids[0], r->ids[1], &x);
    if (rc != STORE_OK) {
        send_store_error(r, rc);
        return;
    }
    send_json(r, 200, assessment_json(&x, true));
}

/* Read the "functions" and "health" arrays of the body into x. */
static void assessment_items_json(struct req *r, struct assessment *x, struct validation *v)
{
    json_t *fs = json_object_get(r->json, "functions");
    json_t *hs = json_object_get(r->json, "health");
    if (fs && !json_is_null(fs) && !json_is_array(fs))
        validation_add(v, "functions", "Feltet skal være en liste.");
    if (hs && !json_is_null(hs) && !json_is_array(hs))
        validation_add(v, "health", "Feltet skal være en liste.");
    size_t nf = json_is_array(fs) ? json_array_size(fs) : 0;
    size_t nh = json_is_array(hs) ? json_array_size(hs) : 0;
    if (nf > ASSESSMENT_MAX_ITEMS || nh > ASSESSMENT_MAX_ITEMS) {
        validation_add(v, "functions", "Der er for mange tilstande i vurderingen.");
        return;
    }
    x->functions = arena_alloc(&r->arena, sizeof *x->functions * (nf + 1));
    x->health = arena_alloc(&r->arena, sizeof *x->health * (nh + 1));
    if (!x->functions || !x->health)
        return;
    for (size_t i = 0; i < nf; i++) {
        json_t *o = json_array_get(fs, i);
        if (!json_is_object(o)) {
            validation_add(v, "functions", "Hver tilstand skal være et objekt med en kode.");
            continue;
        }
        struct assessment_function *f = &x->functions[x->function_count++];
        f->code = jstr(o, "code", "functions", v);
        f->current = jlevel(o, "current_level");
        if (f->current == LEVEL_NONE)
            f->current = -2; /* required */
        f->expected = jlevel(o, "expected_level");
        f->performance = jstr(o, "performance", "functions", v);
        f->importance = jstr(o, "importance", "functions", v);
        f->need = jstr(o, "need", "functions", v);
        f->cause = jstr(o, "cause", "functions", v);
        f->symptoms = jstr(o, "symptoms", "functions", v);
    }
    for (size_t i = 0; i < nh; i++) {
        json_t *o = json_array_get(hs, i);
        if (!json_is_object(o)) {
            validation_add(v, "health", "Hver tilstand skal være et objekt med en kode.");
            continue;
        }
        struct assessment_health *h = &x->health[x->health_count++];
        h->code = jstr(o, "code", "health", v);
        h->note = jstr(o, "note", "health", v);
    }
}

/* POST …/assessments: validate against the current version, save with
 * the audit row in one transaction, answer 201 with the stored assessment. */
void api_assessment_create(struct req *r)
{
    if (!write_allowed(r, "Kun visitatorer kan vurdere borgere.") || !require_object(r))
        return;
    struct fsiii_version ver;
    struct fsiii_concept *all;
    int n;
    if (!current_codes(r, &ver, &all, &n))
        return;
    struct assessment x = {
        .citizen_id = r->ids[0], .version_id = ver.id, .assessor_id = r->actor.user_id};
    struct validation v = {0};
    x.assessed_on = jstr(r->json, "assessed_on", "assessed_on", &v);
    x.note = jstr(r->json, "note", "note", &v);
    assessment_items_json(r, &x, &v);
    assessment_validate(&x, all, n, &r->arena, &v);
    if (v.count) {
        send_validation(r, &v);
        return;
    }
    enum store_rc rc = store_begin(r->db);
    if (rc == STORE_OK)
        rc = store_assessment_create(r->db, &x, &x.id);
    if (rc == STORE_OK)
        rc = store_audit_add(r->db, &r->actor, "assessment", x.citizen_id, "created");
    if (rc == STORE_OK)
        rc = store_commit(r->db);
    if (rc != STORE_OK) {
        store_rollback(r->db);
        send_store_error(r, rc);
        return;
    }
    struct assessment saved;
    if ((rc = store_assessment_get(r->db, &r->arena, x.citizen_id, x.id, &saved)) != STORE_OK) {
        send_store_error(r, rc);
        return;
    }
    send_json(r, 201, assessment_json(&saved, true));
}

/* GET …/goals: the citizen's goals (an audited read). */
void api_goals(struct req *r)
{
    if (!citizen_read_allowed(r, r->ids[0], "goals"))
        return;
    struct goal *list;
    int n;
    enum store_rc rc = store_goal_list(r->db, &r->arena, r->ids[0], &list, &n);
    if (rc != STORE_OK) {
        send_store_error(r, rc);
        return;
    }
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, goal_json(&list[i]));
    send_json(r, 200, json_pack("{s:o}", "goals", arr));
}

/* POST …/goals: validate, save with the audit row, 201 with the goal. */
void api_goal_create(struct req *r)
{
    if (!write_allowed(r, "Kun visitatorer kan sætte mål.") || !require_object(r))
        return;
    struct fsiii_version ver;
    struct fsiii_concept *all;
    int n;
    if (!current_codes(r, &ver, &all, &n))
        return;
    struct goal g = {.citizen_id = r->ids[0], .created_by = r->actor.user_id};
    struct validation v = {0};
    g.text = jstr(r->json, "text", "text", &v);
    const char *type = jstr(r->json, "goal_type", "goal_type", &v);
    g.type = goal_type_parse(type);
    g.follow_up_on = jstr(r->json, "follow_up_on", "follow_up_on", &v);
    json_t *codes = json_object_get(r->json, "codes");
    if (codes && !json_is_array(codes)) {
        validation_add(&v, "codes", "Feltet skal være en liste med koder.");
    } else if (codes) {
        size_t i;
        json_t *c;
        json_array_foreach(codes, i, c)
        {
            if (g.code_count > GOAL_MAX_CODES)
                break;
            if (!json_is_string(c)) {
                validation_add(&v, "codes", "Feltet skal være en liste med koder.");
                break;
            }
            if (g.code_count < GOAL_MAX_CODES)
                g.codes[g.code_count] = json_string_value(c);
            g.code_count++;
        }
    }
    goal_validate(&g, all, n, &v);
    if (v.count) {
        send_validation(r, &v);
        return;
    }
    enum store_rc rc = store_begin(r->db);
    if (rc == STORE_OK)
        rc = store_goal_create(r->db, &g, &g.id);
    if (rc == STORE_OK)
        rc = store_audit_add(r->db, &r->actor, "goal", g.citizen_id, "created");
    if (rc == STORE_OK)
        rc = store_commit(r->db);
    if (rc != STORE_OK) {
        store_rollback(r->db);
        send_store_error(r, rc);
        return;
    }
    struct goal saved;
    if ((rc = store_goal_get(r->db, &r->arena, g.citizen_id, g.id, &saved)) != STORE_OK) {
        send_store_error(r, rc);
        return;
    }
    send_json(r, 201, goal_json(&saved));
}

/* PUT …/goals/{gid}: record a follow-up, 200 with the goal. */
void api_goal_update(struct req *r)
{
    if (!write_allowed(r, "Kun visitatorer kan følge op på mål.") || !require_object(r))
        return;
    struct validation v = {0};
    const char *status = jstr(r->json, "status", "status", &v);
    const char *note = jstr(r->json, "status_note", "status_note", &v);
    enum goal_status st = goal_status_parse(status);
    goal_status_validate(st, note, &v);
    if (v.count) {
        send_validation(r, &v);
        return;
    }
    enum store_rc rc = store_begin(r->db);
    if (rc == STORE_OK)
        rc = store_goal_set_status(r->db, r->ids[0], r->ids[1], st, note, r->actor.user_id);
    if (rc == STORE_OK)
        rc = store_audit_add(r->db, &r->actor, "goal", r->ids[0], "followed up");
    if (rc == STORE_OK)
        rc = store_commit(r->db);
    if (rc != STORE_OK) {
        store_rollback(r->db);
        send_store_error(r, rc);
        return;
    }
    struct goal saved;
    if ((rc = store_goal_get(r->db, &r->arena, r->ids[0], r->ids[1], &saved)) != STORE_OK) {
        send_store_error(r, rc);
        return;
    }
    send_json(r, 200, goal_json(&saved));
}
