/* grant.c — grants, their history and outcome, the form and the letter; see grant.h. */
#include "app/grant.h"

#include <string.h>

/* Grant grant_id into g when it is citizen_id's. */
static enum app_rc grant_load(struct app *a, long citizen_id, long grant_id, struct grant *g)
{
    enum store_rc src = store_grant_get(a->db, a->arena, grant_id, g);
    if (src == STORE_OK && g->citizen_id != citizen_id)
        src = STORE_NOT_FOUND;
    return app_store_fail(a, src);
}

/* Roll back the open transaction and return rc (the outcome is recorded). */
static enum app_rc rollback(struct app *a, enum app_rc rc)
{
    store_rollback(a->db);
    return rc;
}

enum app_rc app_grant_list(struct app *a, long citizen_id, const char *detail, struct grant **out,
                           int *n)
{
    enum app_rc rc = app_citizen_open(a, citizen_id, CAP_CITIZENS, detail, NULL);
    return rc != APP_OK ? rc
                        : app_store_fail(a, store_grant_list(a->db, a->arena, citizen_id, out, n));
}

/* The outcome of a rehabilitation course (see struct grant_outcome). */
static enum store_rc grant_outcome(struct app *a, const struct grant *g, struct grant_outcome *o)
{
    o->before_on = o->after_on = "";
    if (g->kind != GRANT_REHABILITATION || !g->end.year)
        return STORE_OK;
    o->applies = true;
    o->ended = date_cmp(date_today(), g->end) >= 0;
    char start[11], end[11];
    date_format(g->start, start);
    date_format(g->end, end);
    struct assessment *list, before, after;
    int n;
    enum store_rc src = store_assessment_list(a->db, a->arena, g->citizen_id, &list, &n);
    if (src == STORE_OK)
        src = store_goal_list(a->db, a->arena, g->citizen_id, &o->goals, &o->goal_count);
    if (src != STORE_OK)
        return src;
    long before_id = 0, after_id = 0;
    for (int i = 0; i < n; i++) { /* newest first */
        if (!before_id && strcmp(list[i].assessed_on, start) <= 0) {
            before_id = list[i].id;
            o->before_on = list[i].assessed_on;
        }
        if (strcmp(list[i].assessed_on, end) >= 0) {
            after_id = list[i].id;
            o->after_on = list[i].assessed_on;
        }
    }
    int k = 0;
    for (int i = 0; i < o->goal_count; i++)
        if (strcmp(o->goals[i].follow_up_on, start) >= 0)
            o->goals[k++] = o->goals[i];
    o->goal_count = k;
    if (!before_id || !after_id)
        return STORE_OK;
    struct condition_change *health;
    int nhealth;
    src = store_assessment_get(a->db, a->arena, g->citizen_id, before_id, &before);
    if (src == STORE_OK)
        src = store_assessment_get(a->db, a->arena, g->citizen_id, after_id, &after);
    if (src == STORE_OK && !assessment_compare(&before, &after, a->arena, &o->functions,
                                               &o->function_count, &health, &nhealth))
        src = STORE_ERROR;
    return src;
}

enum app_rc app_grant_get(struct app *a, long citizen_id, long grant_id, const char *detail,
                          struct grant_view *out)
{
    memset(out, 0, sizeof *out);
    enum app_rc rc = app_citizen_open(a, citizen_id, CAP_CITIZENS, detail, NULL);
    if (rc != APP_OK || (rc = grant_load(a, citizen_id, grant_id, &out->grant)) != APP_OK)
        return rc;
    enum store_rc src = store_citizen_get(a->db, a->arena, citizen_id, &out->citizen);
    if (src == STORE_OK)
        src = store_grant_events(a->db, a->arena, grant_id, &out->history, &out->history_count);
    if (src == STORE_OK)
        src = grant_outcome(a, &out->grant, &out->outcome);
    return app_store_fail(a, src);
}

static enum app_rc not_editable(struct app *a)
{
    return app_fail(a, APP_CONFLICT, "not_editable",
                    "Afgørelsen er truffet. Markér den som ændret, før du retter i den.");
}

enum app_rc app_grant_form(struct app *a, long citizen_id, long grant_id, const char *detail,
                           struct grant_form *out)
{
    memset(out, 0, sizeof *out);
    enum app_rc rc = app_citizen_open(a, citizen_id, CAP_CITIZEN_WRITE, detail, NULL);
    if (rc != APP_OK)
        return rc;
    if (grant_id) {
        if ((rc = grant_load(a, citizen_id, grant_id, &out->grant)) != APP_OK)
            return rc;
        if (!grant_editable(out->grant.status))
            return not_editable(a);
    } else {
        struct date today = date_today();
        out->grant = (struct grant){.citizen_id = citizen_id,
                                    .kind = GRANT_REHABILITATION,
                                    .requested = "",
                                    .reason = "",
                                    .goals = "",
                                    .start = date_add_days(today, 1),
                                    .end = date_add_days(today, 8 * 7),
                                    .follow_up = date_add_days(today, 6 * 7)};
    }
    struct user *staff;
    int n;
    enum store_rc src = store_citizen_get(a->db, a->arena, citizen_id, &out->citizen);
    if (src == STORE_OK)
        src = store_user_list(a->db, a->arena, 0, &staff, &n);
    if (src != STORE_OK)
        return app_store_fail(a, src);
    out->contacts = staff;
    for (int i = 0; i < n; i++)
        if (staff_assignable(&staff[i], STAFF_CONTACT))
            out->contacts[out->contact_count++] = staff[i];
    return APP_OK;
}

/* Create or change a grant with its audit row, in one transaction. */
static enum app_rc grant_write(struct app *a, struct grant *g, bool is_new)
{
    enum app_rc rc = app_citizen_open(a, g->citizen_id, CAP_CITIZEN_WRITE, NULL, NULL);
    if (rc != APP_OK)
        return rc;
    if (!is_new && g->version <= 0)
        validation_add(&a->errors, "version", "Send den version, du har læst (feltet version).");
    enum store_rc src = store_begin(a->db);
    if (src != STORE_OK)
        return app_store_fail(a, src);
    g->status = GS_DRAFT;
    if (!is_new) {
        struct grant old;
        if ((rc = grant_load(a, g->citizen_id, g->id, &old)) != APP_OK)
            return rollback(a, rc);
        if (!grant_editable(old.status))
            return rollback(a, not_editable(a));
        g->status = old.status;
    }
    grant_validate(g, date_today(), &a->errors);
    if (a->errors.count)
        return rollback(a, app_invalid(a));
    src = is_new ? store_grant_create(a->db, g, a->actor->user_id, &g->id)
                 : store_grant_update(a->db, g, a->actor->user_id, "Indhold rettet");
    if (src == STORE_OK)
        src = store_audit_add(a->db, a->actor, "grant", g->citizen_id,
                              is_new ? "created" : "changed");
    if (src == STORE_INVALID) {
        validation_add(&a->errors, "contact_id", "Kontakten findes ikke.");
        return rollback(a, app_fail(a, APP_INVALID, "invalid_reference", "Kontakten findes ikke."));
    }
    if (src == STORE_CONFLICT)
        return rollback(a,
                        app_fail(a, APP_CONFLICT, "conflict",
                                 "En anden har ændret afgørelsen, mens du skrev. Åbn den igen."));
    return app_finish(a, src);
}

enum app_rc app_grant_create(struct app *a, struct grant *g)
{
    g->id = 0;
    return grant_write(a, g, true);
}

enum app_rc app_grant_update(struct app *a, struct grant *g)
{
    return grant_write(a, g, false);
}

enum app_rc app_grant_set_status(struct app *a, const struct grant_status_change *in)
{
    enum app_rc rc = app_citizen_open(a, in->citizen_id, CAP_CITIZEN_WRITE, NULL, NULL);
    if (rc != APP_OK)
        return rc;
    enum store_rc src = store_begin(a->db);
    if (src != STORE_OK)
        return app_store_fail(a, src);
    struct grant g;
    if ((rc = grant_load(a, in->citizen_id, in->grant_id, &g)) != APP_OK)
        return rollback(a, rc);
    int to = grant_status_parse(in->to);
    if (to < 0)
        validation_add(&a->errors, "status", "Vælg en gyldig status.");
    check_text(&a->errors, "note", in->note, false, 500, false);
    if (in->version <= 0)
        validation_add(&a->errors, "version", "Send den version, du har læst (feltet version).");
    if (a->errors.count)
        return rollback(a, app_fail(a, APP_INVALID, "validation",
                                    "Vælg en gyldig status, og skriv en kort begrundelse."));
    if (in->version != g.version)
        return rollback(a, app_fail(a, APP_CONFLICT, "conflict",
                                    "Afgørelsen er ændret, siden du åbnede den. Åbn den igen."));
    if (!grant_transition_ok(g.status, (enum grant_status)to))
        return rollback(a, app_fail(a, APP_CONFLICT, "bad_transition",
                                    "Afgørelsen kan ikke skifte til den status nu."));
    if (to == GS_DECIDED) {
        grant_validate(&g, g.start, &a->errors);
        if (a->errors.count)
            return rollback(a, app_fail(a, APP_INVALID, "validation",
                                        "Afgørelsen er ikke udfyldt helt. Ret den, før du "
                                        "træffer den."));
    }
    src = store_grant_set_status(a->db, g.id, g.status, (enum grant_status)to, a->actor->user_id,
                                 in->note ? in->note : "");
    if (src == STORE_OK)
        src = store_audit_add(a->db, a->actor, "grant", in->citizen_id,
                              grant_status_code((enum grant_status)to));
    return app_finish(a, src);
}

enum app_rc app_grant_letter(struct app *a, long citizen_id, long grant_id, const char *detail,
                             struct citizen *c, struct letter *out)
{
    struct grant g;
    enum app_rc rc = app_citizen_open(a, citizen_id, CAP_CITIZENS, detail, NULL);
    if (rc != APP_OK || (rc = grant_load(a, citizen_id, grant_id, &g)) != APP_OK)
        return rc;
    enum store_rc src = store_citizen_get(a->db, a->arena, citizen_id, c);
    if (src == STORE_OK && letter_build(a->arena, &g, c, g.contact_name, date_today(), out) != 0)
        src = STORE_ERROR;
    return app_store_fail(a, src);
}
