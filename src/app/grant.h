/*
 * grant.h — use cases on grants (bevillinger, afgørelser): a citizen's
 * grants, one grant with its history and, for a rehabilitation course, what
 * it achieved; the grant form; create and change a draft; move a grant
 * through its statuses; the decision letter. See app.h for the contract.
 *
 * Reads are for those who may read the record (CAP_CITIZENS: care staff of
 * the citizen's own team, visitators and planners) and write a "read" audit
 * row with the caller's detail before any data is returned; detail NULL
 * means the caller has logged the read already (the record page's
 * sections). Writes are for visitators (CAP_CITIZEN_WRITE) and add one
 * "grant" audit row ("created", "changed" or the new status code) in their
 * transaction. Everything returned is allocated in a->arena.
 */
#ifndef OMSORG_APP_GRANT_H
#define OMSORG_APP_GRANT_H

#include "app/app.h"
#include "core/assessment.h"
#include "core/letter.h"

/* The citizen's grants, newest first, with their services. */
enum app_rc app_grant_list(struct app *a, long citizen_id, const char *detail, struct grant **out,
                           int *n);

/* What a rehabilitation course with an end date achieved: the latest
 * assessment on or before its start against the first on or after its end,
 * and the goals to be followed up from its start on. */
struct grant_outcome {
    bool applies;                       /* a rehabilitation course with an end date */
    bool ended;                         /* today is on or after its end */
    const char *before_on, *after_on;   /* the two assessments' dates; "" when there is none */
    struct condition_change *functions; /* levels before → after, when both exist */
    int function_count;
    struct goal *goals;
    int goal_count;
};

/* One grant and everything its page shows. */
struct grant_view {
    struct citizen citizen;
    struct grant grant;
    struct grant_event *history; /* oldest first */
    int history_count;
    struct grant_outcome outcome;
};

/* Grant grant_id of the citizen with its history and outcome. APP_NOT_FOUND
 * when there is no such grant or it is another citizen's. */
enum app_rc app_grant_get(struct app *a, long citizen_id, long grant_id, const char *detail,
                          struct grant_view *out);

/* What the grant form needs. */
struct grant_form {
    struct citizen citizen;
    /* The stored grant, or for a new one the defaults: rehabilitation first,
     * from tomorrow for eight weeks, followed up after six. */
    struct grant grant;
    struct user *contacts; /* who can be named the citizen's contact: active care staff */
    int contact_count;
};

/* The form for a new grant (grant_id 0) or for changing grant_id (visitators;
 * the read is audited with detail). APP_CONFLICT "not_editable" when the
 * grant is decided and not yet marked as changed. */
enum app_rc app_grant_form(struct app *a, long citizen_id, long grant_id, const char *detail,
                           struct grant_form *out);

/* Create g as a draft of g->citizen_id; g->id is set. APP_INVALID with the
 * field errors of grant_validate(), or "invalid_reference" (field
 * contact_id) when the contact does not exist. */
enum app_rc app_grant_create(struct app *a, struct grant *g);
/* Change the content of grant g->id of g->citizen_id, which the user read at
 * g->version (required). APP_CONFLICT "not_editable" once decided, until it
 * is marked as changed; "conflict" when someone changed it meanwhile. */
enum app_rc app_grant_update(struct app *a, struct grant *g);

/* A status change as the user asked for it. */
struct grant_status_change {
    long citizen_id, grant_id;
    long version;     /* the version the user saw (required) */
    const char *to;   /* "decided", "sent", "changed", "ended" or "appealed" */
    const char *note; /* why, for the history; at most 500 characters, may be NULL */
};

/* Move a grant to another status, with a history row. APP_INVALID for an
 * unknown status, a long note or no version, and (with the grant's field
 * errors) when a grant to be decided is not complete; APP_CONFLICT
 * "conflict" when the grant changed since the user saw it, "bad_transition"
 * when the status machine does not allow the move (core/grant.h). */
enum app_rc app_grant_set_status(struct app *a, const struct grant_status_change *in);

/* The decision letter for grant grant_id in plain Danish, dated today;
 * c gets the citizen (the letter's address). */
enum app_rc app_grant_letter(struct app *a, long citizen_id, long grant_id, const char *detail,
                             struct citizen *c, struct letter *out);

#endif
