/* citizen.c — citizens, relatives and the access log; see citizen.h. */
#include "app/citizen.h"

enum app_rc app_citizen_search(struct app *a, const char *q, int limit, struct citizen **out,
                               int *n, bool *more)
{
    enum app_rc rc = app_require(a, CAP_CITIZENS);
    if (rc != APP_OK)
        return rc;
    if (!q || !*q)
        validation_add(&a->errors, "q", "Skriv mindst ét søgeord.");
    else
        check_text(&a->errors, "q", q, true, 100, false);
    if (a->errors.count)
        return app_invalid(a);
    enum store_rc src = store_citizen_search(
        a->db, a->arena, q, access_scope(a->actor, CAP_CITIZENS), limit, out, n, more);
    if (src == STORE_OK)
        src = store_audit_add(a->db, a->actor, "search", 0, "");
    return app_store_fail(a, src);
}

enum app_rc app_citizen_get(struct app *a, long id, const char *detail, struct citizen *out)
{
    enum app_rc rc = app_citizen_open(a, id, CAP_CITIZENS, detail, NULL);
    if (rc != APP_OK)
        return rc;
    return app_store_fail(a, store_citizen_get(a->db, a->arena, id, out));
}

/* Why a citizen write met a unique or version conflict: the CPR number is
 * someone else's, or (on update) the record changed meanwhile. */
static enum app_rc citizen_conflict(struct app *a, const struct citizen *c, bool is_new)
{
    struct citizen *hits;
    int n = 0;
    bool more;
    bool taken = is_new;
    if (!is_new &&
        store_citizen_search(a->db, a->arena, c->cpr, 0, 2, &hits, &n, &more) == STORE_OK)
        taken = n > 0 && hits[0].id != c->id;
    if (taken) {
        validation_add(&a->errors, "cpr", "Der findes allerede en borger med dette CPR-nummer.");
        return app_fail(a, APP_CONFLICT, "cpr_exists",
                        "Der findes allerede en borger med dette CPR-nummer.");
    }
    return app_fail(a, APP_CONFLICT, "conflict",
                    "En anden har ændret borgerens oplysninger, mens du skrev. Åbn journalen "
                    "igen, og gentag dine ændringer.");
}

static enum app_rc citizen_write(struct app *a, struct citizen *c, const char *cpr_input,
                                 bool is_new)
{
    enum app_rc rc = is_new ? app_require(a, CAP_CITIZEN_WRITE)
                            : app_citizen_open(a, c->id, CAP_CITIZEN_WRITE, NULL, NULL);
    if (rc != APP_OK)
        return rc;
    citizen_validate(c, cpr_input, &a->errors);
    if (!is_new && c->version <= 0)
        validation_add(&a->errors, "version", "Send den version, du har læst (feltet version).");
    if (a->errors.count)
        return app_invalid(a);
    enum store_rc src = store_begin(a->db);
    if (src == STORE_OK)
        src = is_new ? store_citizen_create(a->db, c, &c->id) : store_citizen_update(a->db, c);
    if (src == STORE_OK)
        src = store_audit_add(a->db, a->actor, is_new ? "create" : "update", c->id, "");
    if (src == STORE_CONFLICT) {
        store_rollback(a->db);
        return citizen_conflict(a, c, is_new);
    }
    if (src == STORE_INVALID) {
        store_rollback(a->db);
        validation_add(&a->errors, "team_id", "Vælg et team, der findes.");
        return app_fail(a, APP_INVALID, "invalid_reference",
                        "Team, tovholder eller kontaktperson findes ikke.");
    }
    return app_finish(a, src);
}

enum app_rc app_citizen_create(struct app *a, struct citizen *c, const char *cpr_input)
{
    return citizen_write(a, c, cpr_input, true);
}

enum app_rc app_citizen_update(struct app *a, struct citizen *c, const char *cpr_input)
{
    return citizen_write(a, c, cpr_input, false);
}

enum app_rc app_citizen_access_log(struct app *a, long citizen_id, int limit,
                                   struct audit_entry **out, int *n)
{
    enum app_rc rc = app_citizen_open(a, citizen_id, CAP_CITIZENS, NULL, NULL);
    if (rc != APP_OK)
        return rc;
    return app_store_fail(a, store_audit_for_citizen(a->db, a->arena, citizen_id, limit, out, n));
}

/* --- relatives ---------------------------------------------------------------- */

enum app_rc app_relative_get(struct app *a, long citizen_id, long id, struct relative *out)
{
    enum app_rc rc = app_citizen_open(a, citizen_id, CAP_CITIZEN_WRITE, "relatives form", NULL);
    if (rc != APP_OK)
        return rc;
    enum store_rc src = store_relative_get(a->db, a->arena, id, out);
    if (src == STORE_OK && out->citizen_id != citizen_id)
        src = STORE_NOT_FOUND;
    return app_store_fail(a, src);
}

enum relative_change { RELATIVE_ADD, RELATIVE_CHANGE, RELATIVE_REMOVE };

/* One write of a relative with its audit row, in one transaction. */
static enum app_rc relative_write(struct app *a, struct relative *x, enum relative_change what)
{
    static const char *const audit_detail[] = {"added", "changed", "removed"};
    enum app_rc rc = app_citizen_open(a, x->citizen_id, CAP_CITIZEN_WRITE, NULL, NULL);
    if (rc != APP_OK)
        return rc;
    if (what != RELATIVE_REMOVE)
        relative_validate(x, &a->errors);
    if (a->errors.count)
        return app_invalid(a);
    enum store_rc src = store_begin(a->db);
    if (src == STORE_OK) {
        switch (what) {
        case RELATIVE_ADD:
            src = store_relative_add(a->db, x, &x->id);
            break;
        case RELATIVE_CHANGE:
            src = store_relative_update(a->db, x);
            break;
        case RELATIVE_REMOVE:
            src = store_relative_delete(a->db, x->citizen_id, x->id);
            break;
        }
    }
    if (src == STORE_OK)
        src = store_audit_add(a->db, a->actor, "relative", x->citizen_id, audit_detail[what]);
    return app_finish(a, src);
}

enum app_rc app_relative_add(struct app *a, struct relative *x)
{
    x->id = 0;
    return relative_write(a, x, RELATIVE_ADD);
}

enum app_rc app_relative_change(struct app *a, const struct relative *x)
{
    struct relative copy = *x;
    return relative_write(a, &copy, RELATIVE_CHANGE);
}

enum app_rc app_relative_remove(struct app *a, long citizen_id, long id)
{
    struct relative x = {.citizen_id = citizen_id, .id = id};
    return relative_write(a, &x, RELATIVE_REMOVE);
}
