/*
 * app.h — omsorg's use cases: one function per thing a user does.
 *
 * A use case takes a struct app (who acts, the store connection, the arena
 * that owns everything it returns, and the moment it happens), an input
 * struct, and returns one enum app_rc. It checks access (access_can_team),
 * validates the input (field errors in a->errors, Danish), runs its
 * transaction with the audit row and the rules, and never leaves anything
 * half-written. Pages (src/web/ui-*.c), the JSON API (src/web/api-*.c) and
 * the command line call the same functions; they only decode input and
 * render the outcome.
 *
 * Outcome: APP_OK, or an error with a stable code (a->code, e.g.
 * "cpr_exists"), a Danish message (a->message) and, for APP_INVALID and
 * sometimes APP_CONFLICT, field errors in a->errors.
 *
 * Area headers: app/citizen.h (citizens, relatives, the record and its
 * access log), app/admin.h (users and teams), app/grant.h (grants and the
 * decision letter), app/assessment.h (FSIII assessments and goals), … — one
 * per area of the web.
 */
#ifndef OMSORG_APP_H
#define OMSORG_APP_H

#include <stdbool.h>

#include "core/access.h"
#include "core/validate.h"
#include "lib/arena.h"
#include "store/store.h"

enum app_rc {
    APP_OK = 0,
    APP_INVALID,   /* field errors in a->errors (HTTP 422) */
    APP_FORBIDDEN, /* the actor may not (403) */
    APP_NOT_FOUND, /* no such thing, or not this citizen's (404) */
    APP_CONFLICT,  /* changed meanwhile, exists already, or not in this state (409) */
    APP_ERROR,     /* internal: the store failed (500) */
    APP_NOT_READY, /* something it needs is not set up yet (503) */
    APP_UNAUTHENTICATED, /* not logged in, or a wrong name or password (401) */
    APP_THROTTLED,       /* too many attempts (429) */
};

struct app {
    const struct actor *actor; /* borrowed */
    struct store *db;          /* borrowed */
    struct arena *arena;       /* owns every string and array a use case returns */
    long now;                  /* the moment, epoch seconds (UTC) */
    /* The outcome of the last use case that failed. */
    enum app_rc rc;
    struct validation errors;
    const char *code;    /* stable error code (static) */
    const char *message; /* Danish, for the user (static or arena) */
};

/* The command line acts with the role its command needs, as user 0 named
 * "cli" in the audit log. */
struct actor app_cli_actor(enum role role);

/* Set up a context; now is time(NULL). */
void app_init(struct app *a, const struct actor *who, struct store *db, struct arena *arena);

/* Record a failure and return rc. */
enum app_rc app_fail(struct app *a, enum app_rc rc, const char *code, const char *message);
/* APP_INVALID with the field errors already in a->errors. */
enum app_rc app_invalid(struct app *a);
/* The app result and default message for a store result other than OK. */
enum app_rc app_store_fail(struct app *a, enum store_rc rc);
/* Finish a transaction: commit when rc is STORE_OK, else roll back; the
 * outcome as an app result (APP_OK or the mapped store failure). */
enum app_rc app_finish(struct app *a, enum store_rc rc);

/* Role check: APP_FORBIDDEN with the table's message unless the actor holds c. */
enum app_rc app_require(struct app *a, enum cap c);

/* Open a citizen's record under capability c (CAP_CITIZENS to read): checks
 * the role and the citizen's team. A refusal writes a "denied" audit row.
 * With detail, a "read" audit row is written before any data is returned
 * ("no log row, no data"); a write passes NULL and writes its own row in its
 * transaction. *team (may be NULL) gets the citizen's team. APP_NOT_FOUND
 * for an unknown citizen. */
enum app_rc app_citizen_open(struct app *a, long citizen_id, enum cap c, const char *detail,
                             long *team);

#endif
