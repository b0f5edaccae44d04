/* app.c — the use-case context, outcomes and the audited record guard. */
#include "app/app.h"

#include <string.h>
#include <time.h>

struct actor app_cli_actor(enum role role)
{
    return (struct actor){0, "cli", "Kommandolinjen", role, 0};
}

void app_init(struct app *a, const struct actor *who, struct store *db, struct arena *arena)
{
    memset(a, 0, sizeof *a);
    a->actor = who;
    a->db = db;
    a->arena = arena;
    a->now = (long)time(NULL);
}

enum app_rc app_fail(struct app *a, enum app_rc rc, const char *code, const char *message)
{
    a->rc = rc;
    a->code = code;
    a->message = message;
    return rc;
}

enum app_rc app_invalid(struct app *a)
{
    return app_fail(a, APP_INVALID, "validation",
                    "Oplysningerne er ikke gyldige. Ret de markerede felter.");
}

enum app_rc app_store_fail(struct app *a, enum store_rc rc)
{
    switch (rc) {
    case STORE_OK:
        return APP_OK;
    case STORE_NOT_FOUND:
        return app_fail(a, APP_NOT_FOUND, "not_found", "Det, du leder efter, findes ikke.");
    case STORE_CONFLICT:
        return app_fail(a, APP_CONFLICT, "conflict",
                        "Oplysningerne er ændret af en anden eller findes allerede. Hent dem "
                        "igen.");
    case STORE_INVALID:
        return app_fail(a, APP_INVALID, "invalid_reference",
                        "En henvisning peger på noget, der ikke findes.");
    default:
        return app_fail(a, APP_ERROR, "internal", "Der opstod en intern fejl. Prøv igen om lidt.");
    }
}

enum app_rc app_finish(struct app *a, enum store_rc rc)
{
    if (rc == STORE_OK)
        rc = store_commit(a->db);
    if (rc != STORE_OK) {
        store_rollback(a->db);
        return app_store_fail(a, rc);
    }
    return APP_OK;
}

enum app_rc app_require(struct app *a, enum cap c)
{
    if (access_can(a->actor, c))
        return APP_OK;
    return app_fail(a, APP_FORBIDDEN, "forbidden", access_denied_message(c));
}

enum app_rc app_citizen_open(struct app *a, long citizen_id, enum cap c, const char *detail,
                             long *team)
{
    long t;
    enum app_rc rc = app_require(a, c);
    if (rc != APP_OK)
        return rc;
    enum store_rc src = store_citizen_team(a->db, citizen_id, &t);
    if (src != STORE_OK)
        return app_store_fail(a, src);
    if (!access_can_team(a->actor, c, t)) {
        store_audit_add(a->db, a->actor, "denied", citizen_id, detail ? detail : cap_name(c));
        return app_fail(a, APP_FORBIDDEN, "forbidden",
                        "Borgeren hører til et andet team. Du har ikke adgang til oplysningerne.");
    }
    /* The read is logged before the data leaves; no log row, no data. */
    if (detail && store_audit_add(a->db, a->actor, "read", citizen_id, detail) != STORE_OK)
        return app_fail(a, APP_ERROR, "internal", "Der opstod en intern fejl. Prøv igen om lidt.");
    if (team)
        *team = t;
    return APP_OK;
}
