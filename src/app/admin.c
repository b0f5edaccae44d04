/* admin.c — users and teams; see admin.h. */
#include "app/admin.h"

#include "core/auth.h"
#include "lib/arena.h"

/* Save a user (create when u->id is 0) with its audit row in one transaction. */
static enum app_rc user_save(struct app *a, struct user *u, const char *password)
{
    bool is_new = u->id == 0;
    enum app_rc rc = app_require(a, CAP_ADMIN);
    if (rc != APP_OK)
        return rc;
    if (is_new && !password)
        password = "";
    user_validate(u, password, &a->errors);
    if (a->errors.count)
        return app_invalid(a);
    char hash[AUTH_HASH_MAX];
    if (password && !auth_password_hash(password, hash))
        return app_store_fail(a, STORE_ERROR);
    enum store_rc src = store_begin(a->db);
    if (src == STORE_OK)
        src = is_new ? store_user_create(a->db, u, hash, &u->id)
                     : store_user_update(a->db, u, password ? hash : NULL);
    if (src == STORE_OK)
        src = store_audit_add(a->db, a->actor, is_new ? "user created" : "user changed", 0,
                              arena_printf(a->arena, "user_id=%ld", u->id));
    if (src == STORE_CONFLICT) {
        store_rollback(a->db);
        validation_add(&a->errors, "username", "Brugernavnet er allerede i brug.");
        return app_fail(a, APP_CONFLICT, "username_taken", "Brugernavnet er allerede i brug.");
    }
    if (src == STORE_INVALID) {
        store_rollback(a->db);
        validation_add(&a->errors, "team_id", "Vælg et team, der findes.");
        return app_fail(a, APP_INVALID, "invalid_reference", "Teamet findes ikke.");
    }
    return app_finish(a, src);
}

enum app_rc app_user_create(struct app *a, struct user *u, const char *password)
{
    u->id = 0;
    return user_save(a, u, password);
}

enum app_rc app_user_update(struct app *a, const struct user *u, const char *password)
{
    struct user copy = *u;
    if (copy.id <= 0)
        return app_store_fail(a, STORE_NOT_FOUND);
    return user_save(a, &copy, password);
}

static enum app_rc team_save(struct app *a, struct team *t)
{
    bool is_new = t->id == 0;
    enum app_rc rc = app_require(a, CAP_ADMIN);
    if (rc != APP_OK)
        return rc;
    team_validate(t, &a->errors);
    if (a->errors.count)
        return app_invalid(a);
    enum store_rc src = store_begin(a->db);
    if (src == STORE_OK)
        src = is_new ? store_team_create(a->db, t, &t->id) : store_team_update(a->db, t);
    if (src == STORE_OK)
        src = store_audit_add(a->db, a->actor, is_new ? "team created" : "team changed", 0,
                              arena_printf(a->arena, "team_id=%ld", t->id));
    if (src == STORE_CONFLICT) {
        store_rollback(a->db);
        validation_add(&a->errors, "slug", "Kortnavnet er allerede i brug.");
        return app_fail(a, APP_CONFLICT, "slug_taken", "Kortnavnet er allerede i brug.");
    }
    return app_finish(a, src);
}

enum app_rc app_team_create(struct app *a, struct team *t)
{
    t->id = 0;
    return team_save(a, t);
}

enum app_rc app_team_update(struct app *a, const struct team *t)
{
    struct team copy = *t;
    if (copy.id <= 0)
        return app_store_fail(a, STORE_NOT_FOUND);
    return team_save(a, &copy);
}
