/*
 * care.h — use cases of daily practice: a visit on the care worker's phone
 * (check in and out, the documentation form stored once per client id),
 * observed changes and weights outside a visit, triage decisions, nutrition
 * assessments (EVS), the team's board and the tasks the rules raise. See
 * app.h for the contract every use case keeps.
 *
 * Who (core/access.h): the own team's care staff document (CAP_DOCUMENT);
 * the own team's nurse or a planner decides triage (CAP_TRIAGE); care staff
 * and planners record nutrition (CAP_NUTRITION) and see a team's board and
 * tasks (CAP_BOARD); reads of a citizen's data are those of the record
 * (CAP_CITIZENS). A refusal for another team's citizen writes a "denied"
 * audit row.
 *
 * Audit: every read writes a "read" row before data is returned (detail
 * "visit", "observations", "weights", "triage", "nutrition", "tasks", and
 * one per citizen shown on the board or a team's task list). Every write
 * writes its own row in its transaction ("update": visit check-in/out,
 * visit documentation, triage; "create": observation, weight, nutrition
 * assessment) and runs the rules for the citizen there, so the tasks are
 * never behind the data.
 *
 * Failures: APP_FORBIDDEN "forbidden" (role or team), APP_NOT_FOUND
 * "not_found" (no such visit, citizen or team), APP_INVALID "validation"
 * with field errors (those the caller recorded while reading the input
 * count too), APP_ERROR "internal" (the store failed; nothing was kept).
 */
#ifndef OMSORG_APP_CARE_H
#define OMSORG_APP_CARE_H

#include "app/app.h"

/* --- a visit ------------------------------------------------------------- */

struct care_visit {
    struct plan_visit visit;
    struct visit_doc doc; /* valid when documented */
    bool documented;      /* checked in, or a form stored */
    /* With whole: the record and the citizen's open tasks, for the page. */
    struct citizen citizen;
    struct care_task *tasks;
    int task_count;
};

/* Open a planned visit to document it (the own team's care staff; the
 * visit's team and the citizen's). Audited "visit". APP_NOT_FOUND for an
 * unknown visit. */
enum app_rc app_visit_get(struct app *a, long visit_id, bool whole, struct care_visit *out);
/* Check in (out false; the first check-in counts) or out (the latest
 * counts) at client_at when it is plausible (ISO UTC within the last 12
 * hours or 5 minutes ahead: a phone that was offline), else now. */
enum app_rc app_visit_check(struct app *a, long visit_id, bool out, const char *client_at);
/* Store a documentation form: outcome, reason and note (replacing earlier
 * ones), observations and a fall (a triage proposal), a weight. With a
 * client id the form is stored once: a second one changes nothing and sets
 * *duplicate. Field errors from visit_doc_validate and the weight's range. */
enum app_rc app_visit_document(struct app *a, long visit_id, const struct visit_doc_input *in,
                               bool *duplicate);

/* --- observations and weights -------------------------------------------- */

/* Changes outside a visit (at least one; not a fall), with a triage proposal. */
enum app_rc app_observations_add(struct app *a, long citizen_id, const struct obs_input *obs,
                                 int n);
/* The newest observations first, at most limit. */
enum app_rc app_observations(struct app *a, long citizen_id, int limit, struct observation **out,
                             int *n);
/* A weight in hectograms (required, 20–300 kg) on a day not after today
 * (year 0 = today); *id gets the row. */
enum app_rc app_weight_add(struct app *a, long citizen_id, struct date on, int hg, bool planned,
                           long *id);
/* The latest limit weights, oldest first, and the unplanned loss (hg). */
enum app_rc app_weights(struct app *a, long citizen_id, int limit, struct weight_row **out, int *n,
                        int *loss_hg);

/* --- triage --------------------------------------------------------------- */

struct care_triage {
    struct citizen citizen;
    struct triage_row current, pending; /* ids 0 when none */
    struct triage_row *history;         /* newest first */
    int count;
    /* Who may be named to follow up (the citizen's team), when the actor
     * may decide; else none. */
    struct user *staff;
    int staff_count;
};

/* The triage state and its history (at most limit rows). */
enum app_rc app_triage_get(struct app *a, long citizen_id, int limit, struct care_triage *out);
/* Decide triage for the citizen: t->level, reason and action (required for
 * yellow and red), follow_up_by (0 or someone staff_assignable for a
 * follow-up), due_text ("YYYY-MM-DD" or ISO UTC, not in the past; NULL or ""
 * = 48 h for yellow, 24 h for red). On success *t is the stored decision
 * and *team (may be NULL) the citizen's team. */
enum app_rc app_triage_decide(struct app *a, long citizen_id, struct triage_row *t,
                              const char *due_text, long *team);

/* --- nutrition (EVS) ------------------------------------------------------ */

struct care_nutrition {
    struct citizen citizen;
    struct nutrition_row *assessments; /* newest first */
    int count;
    struct weight_row *weights; /* the latest twelve, oldest first */
    int weight_count;
};

enum app_rc app_nutrition_get(struct app *a, long citizen_id, int limit,
                              struct care_nutrition *out);
/* Record an assessment dated today: each part 0–2 or -1 (not known, counts
 * as 2); x->score is computed here, and a score of 2 needs a plan. */
enum app_rc app_nutrition_add(struct app *a, long citizen_id, struct nutrition_row *x);

/* --- the record's section -------------------------------------------------- */

struct care_summary {
    struct triage_row current, pending;
    struct observation *observations; /* the latest ten */
    int observation_count;
    struct weight_row *weights; /* the latest twelve, oldest first */
    int weight_count;
    int loss_hg;                  /* unplanned loss at the latest weight */
    struct nutrition_row *latest; /* the latest EVS assessment, or NULL */
    struct care_task *tasks;      /* open tasks */
    int task_count;
};

/* For the record page, which has logged its read (detail NULL adds no row). */
enum app_rc app_care_summary(struct app *a, long citizen_id, const char *detail,
                             struct care_summary *out);

/* --- the team's board and tasks ------------------------------------------- */

struct care_team {
    struct team team;   /* the team shown */
    struct team *teams; /* every team, for a chooser, when the actor sees every team */
    int team_count;
};

struct care_board_row {
    struct board_row row;
    struct observation *observations; /* the latest three */
    int observation_count;
};

struct care_board {
    struct care_team team;
    struct care_board_row *rows; /* red, then yellow, then pending proposals */
    int count;
};

/* The tavlemøde of team_id (0: the actor's own team, else the first team).
 * APP_NOT_FOUND "not_found" for an unknown team. */
enum app_rc app_board(struct app *a, long team_id, struct care_board *out);

struct care_tasks {
    struct care_team team;
    struct care_task *tasks; /* open ones by due time; all adds done ones */
    int count;
};

/* The tasks of a team (team_id as app_board). */
enum app_rc app_team_tasks(struct app *a, long team_id, bool all, struct care_tasks *out);
/* The tasks of one citizen. */
enum app_rc app_citizen_tasks(struct app *a, long citizen_id, bool all, struct care_task **out,
                              int *n);

#endif
