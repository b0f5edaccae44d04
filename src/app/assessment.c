/* assessment.c — the FSIII code system, assessments and goals; see assessment.h. */
#include "app/assessment.h"

#include <string.h>

enum app_rc app_fsiii_codes(struct app *a, const char *group, struct fsiii_codes *out)
{
    memset(out, 0, sizeof *out);
    enum app_rc rc = app_require(a, CAP_SIGNED_IN);
    if (rc != APP_OK)
        return rc;
    if (group && !(group[0] >= 'A' && group[0] <= 'J' && group[1] == '\0')) {
        validation_add(&a->errors, "group", "Vælg en gruppe fra A til J, fx J.");
        return app_invalid(a);
    }
    enum store_rc src = store_fsiii_current(a->db, a->arena, &out->version);
    if (src == STORE_NOT_FOUND)
        return app_fail(a, APP_NOT_READY, "fsiii_missing",
                        "FSIII-kodesystemet er ikke indlæst. Bed en administrator om at køre "
                        "omsorg fsiii-import.");
    if (src == STORE_OK)
        src = store_fsiii_concepts(a->db, a->arena, out->version.id, group, &out->all, &out->n);
    return app_store_fail(a, src);
}

enum app_rc app_fsiii_form(struct app *a, long citizen_id, const char *detail,
                           struct fsiii_codes *out)
{
    enum app_rc rc = app_citizen_open(a, citizen_id, CAP_CITIZEN_WRITE, detail, NULL);
    if (rc != APP_OK)
        return rc;
    return app_fsiii_codes(a, NULL, out);
}

enum app_rc app_assessment_list(struct app *a, long citizen_id, const char *detail,
                                struct assessment_history *out)
{
    memset(out, 0, sizeof *out);
    enum app_rc rc = app_citizen_open(a, citizen_id, CAP_CITIZENS, detail, NULL);
    if (rc != APP_OK)
        return rc;
    enum store_rc src = store_assessment_list(a->db, a->arena, citizen_id, &out->list, &out->n);
    if (src != STORE_OK || out->n < 2)
        return app_store_fail(a, src);
    src = store_assessment_get(a->db, a->arena, citizen_id, out->list[1].id, &out->from);
    if (src == STORE_OK)
        src = store_assessment_get(a->db, a->arena, citizen_id, out->list[0].id, &out->to);
    if (src == STORE_OK &&
        !assessment_compare(&out->from, &out->to, a->arena, &out->functions, &out->function_count,
                            &out->health, &out->health_count))
        src = STORE_ERROR;
    out->has_change = src == STORE_OK;
    return app_store_fail(a, src);
}

enum app_rc app_assessment_get(struct app *a, long citizen_id, long id, const char *detail,
                               struct assessment *out)
{
    enum app_rc rc = app_citizen_open(a, citizen_id, CAP_CITIZENS, detail, NULL);
    return rc != APP_OK
               ? rc
               : app_store_fail(a, store_assessment_get(a->db, a->arena, citizen_id, id, out));
}

/* Store a new assessment (x) or goal (g) with its audit row, in one transaction. */
static enum app_rc fsiii_create(struct app *a, struct assessment *x, struct goal *g)
{
    long citizen_id = x ? x->citizen_id : g->citizen_id;
    enum store_rc src = store_begin(a->db);
    if (src == STORE_OK)
        src = x ? store_assessment_create(a->db, x, &x->id) : store_goal_create(a->db, g, &g->id);
    if (src == STORE_OK)
        src = store_audit_add(a->db, a->actor, x ? "assessment" : "goal", citizen_id, "created");
    return app_finish(a, src);
}

enum app_rc app_assessment_create(struct app *a, struct assessment *x)
{
    struct fsiii_codes c;
    enum app_rc rc = app_citizen_open(a, x->citizen_id, CAP_CITIZEN_WRITE, NULL, NULL);
    if (rc != APP_OK || (rc = app_fsiii_codes(a, NULL, &c)) != APP_OK)
        return rc;
    x->version_id = c.version.id;
    x->assessor_id = a->actor->user_id;
    assessment_validate(x, c.all, c.n, a->arena, &a->errors);
    if (a->errors.count)
        return app_invalid(a);
    return fsiii_create(a, x, NULL);
}

enum app_rc app_goal_list(struct app *a, long citizen_id, const char *detail, struct goal **out,
                          int *n)
{
    enum app_rc rc = app_citizen_open(a, citizen_id, CAP_CITIZENS, detail, NULL);
    return rc != APP_OK ? rc
                        : app_store_fail(a, store_goal_list(a->db, a->arena, citizen_id, out, n));
}

enum app_rc app_goal_get(struct app *a, long citizen_id, long id, const char *detail,
                         struct goal *out)
{
    enum app_rc rc = app_citizen_open(a, citizen_id, CAP_CITIZENS, detail, NULL);
    return rc != APP_OK ? rc
                        : app_store_fail(a, store_goal_get(a->db, a->arena, citizen_id, id, out));
}

enum app_rc app_goal_create(struct app *a, struct goal *g)
{
    struct fsiii_codes c;
    enum app_rc rc = app_citizen_open(a, g->citizen_id, CAP_CITIZEN_WRITE, NULL, NULL);
    if (rc != APP_OK || (rc = app_fsiii_codes(a, NULL, &c)) != APP_OK)
        return rc;
    g->created_by = a->actor->user_id;
    goal_validate(g, c.all, c.n, &a->errors);
    if (a->errors.count)
        return app_invalid(a);
    return fsiii_create(a, NULL, g);
}

enum app_rc app_goal_follow_up(struct app *a, long citizen_id, long id, const char *status,
                               const char *note)
{
    enum app_rc rc = app_citizen_open(a, citizen_id, CAP_CITIZEN_WRITE, NULL, NULL);
    if (rc != APP_OK)
        return rc;
    enum goal_status st = goal_status_parse(status);
    goal_status_validate(st, note, &a->errors);
    if (a->errors.count)
        return app_invalid(a);
    enum store_rc src = store_begin(a->db);
    if (src == STORE_OK)
        src = store_goal_set_status(a->db, citizen_id, id, st, note ? note : "", a->actor->user_id);
    if (src == STORE_OK)
        src = store_audit_add(a->db, a->actor, "goal", citizen_id, "followed up");
    return app_finish(a, src);
}
