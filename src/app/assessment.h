/*
 * assessment.h — use cases on FSIII: the imported code system, a citizen's
 * assessments (with the change between the latest two) and the citizen's
 * goals with their follow-up. See app.h for the contract.
 *
 * Codes, displays and the level scale come from the current imported FSIII
 * version (store-fsiii.c); nothing FSIII-specific is written here. Reads of
 * a citizen's assessments and goals are for those who may read the record
 * (CAP_CITIZENS) and write a "read" audit row with the caller's detail
 * before any data is returned; detail NULL means the caller has logged the
 * read already (the record page's section). Visitators (CAP_CITIZEN_WRITE)
 * make assessments and goals and follow goals up; each write adds an
 * "assessment" or "goal" audit row in its transaction. Assessments are
 * never changed. Everything returned is allocated in a->arena.
 */
#ifndef OMSORG_APP_ASSESSMENT_H
#define OMSORG_APP_ASSESSMENT_H

#include "app/app.h"
#include "core/assessment.h"

/* The current FSIII version and concepts of it. */
struct fsiii_codes {
    struct fsiii_version version;
    struct fsiii_concept *all; /* in the code system's natural order */
    int n;
};

/* The current version's concepts: all (group NULL) or one top group "A" …
 * "J". Anyone signed in. APP_INVALID (field group) for another group;
 * APP_NOT_READY "fsiii_missing" when no version is imported. */
enum app_rc app_fsiii_codes(struct app *a, const char *group, struct fsiii_codes *out);
/* The codes for the form of a new assessment or goal of the citizen
 * (visitators); the read is audited with detail. */
enum app_rc app_fsiii_form(struct app *a, long citizen_id, const char *detail,
                           struct fsiii_codes *out);

/* A citizen's assessments and how the latest two differ. */
struct assessment_history {
    struct assessment *list; /* newest first (at most 200): heads and counts only */
    int n;
    bool has_change;            /* two or more: then the fields below are set */
    struct assessment from, to; /* the second latest and the latest, with their conditions */
    struct condition_change *functions, *health;
    int function_count, health_count;
};

enum app_rc app_assessment_list(struct app *a, long citizen_id, const char *detail,
                                struct assessment_history *out);
/* One assessment of the citizen with its conditions; APP_NOT_FOUND when
 * there is none such of this citizen. */
enum app_rc app_assessment_get(struct app *a, long citizen_id, long id, const char *detail,
                               struct assessment *out);
/* Record assessment x of x->citizen_id with the current FSIII version;
 * x->version_id, x->assessor_id (the actor) and x->id are set here.
 * APP_INVALID with field errors named "<code>.<part>" ("J1.1.current"). */
enum app_rc app_assessment_create(struct app *a, struct assessment *x);

/* The citizen's goals, open first, by follow-up date (at most 200). */
enum app_rc app_goal_list(struct app *a, long citizen_id, const char *detail, struct goal **out,
                          int *n);
enum app_rc app_goal_get(struct app *a, long citizen_id, long id, const char *detail,
                         struct goal *out);
/* Set goal g of g->citizen_id; g->created_by (the actor) and g->id are set
 * here. A code_count above GOAL_MAX_CODES says that too many were chosen. */
enum app_rc app_goal_create(struct app *a, struct goal *g);
/* Follow goal id up: status "open", "reached" or "not_reached" and a note
 * (at most 1000 characters). APP_NOT_FOUND when the citizen has no such goal. */
enum app_rc app_goal_follow_up(struct app *a, long citizen_id, long id, const char *status,
                               const char *note);

#endif
