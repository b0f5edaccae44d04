/*
 * plan.h — use cases of planning: plan a team's day with the engine, the
 * sick call (a carer absent from a minute; the rest of the day re-planned
 * keeping every other assignment it can), a planner's manual move, the
 * planner's view of a day, and a care worker's route. See app.h.
 */
#ifndef OMSORG_APP_PLAN_H
#define OMSORG_APP_PLAN_H

#include "app/app.h"
#include "core/planday.h"

/* How the engine runs: wall-clock limit, or a fixed number of iterations
 * (then the plan does not depend on how fast the machine is), and the seed. */
struct plan_effort {
    double time_limit; /* seconds; 0 = 5 s */
    long iterations;   /* > 0: stop after this many (the limit still caps it) */
    unsigned long seed;
    bool ignore_history; /* plan without preferred carers (to measure continuity's worth) */
};

/* Plan team_id's day: build the problem from the grants, the plan in force,
 * the last 14 days' visits and the contact persons, run the engine, and save
 * the plan with the run's figures in one transaction. Visits of other teams
 * on the team's carers (borrowed in a joint plan) are kept as they are. When problem/solution are
 * non-NULL they get the engine's input and output (malloc'ed JSON; the caller frees), for
 * inspection and the independent checker. */
enum app_rc app_plan_day(struct app *a, struct date day, long team_id, const struct plan_effort *e,
                         struct planday_result *res, char **problem, char **solution);

/* Plan several teams' day together (a whole municipality's, or a district's):
 * one problem with every team's carers and visits; a visit goes to its own
 * team, and another team's carer takes it only as a priced, reported
 * fallback (borrowed). Each team's plan and figures are saved (res, when not
 * NULL, gets one result per team in team_ids' order). problem/solution as
 * above. */
enum app_rc app_plan_teams(struct app *a, struct date day, const long *team_ids, int nteams,
                           const struct plan_effort *e, struct planday_result *res, char **problem,
                           char **solution);

/* The sick call: user_id is absent on day from `from` (reason may be NULL);
 * the rest of the carer's team's day is re-planned. The absence and the new
 * plan are saved together. *team_id gets the carer's team. */
struct absence_input {
    struct date day;
    long user_id;
    minute_t from;
    const char *reason;
};
enum app_rc app_plan_absence(struct app *a, const struct absence_input *in,
                             const struct plan_effort *e, long *team_id,
                             struct planday_result *res);

/* A planner moves visit_id to carers (1 or 2, of the citizen's team) at start.
 * Refused with APP_INVALID "move_refused" and a Danish reason (window,
 * skill, shift, another visit) when the move would break the plan. */
struct move_input {
    long visit_id;
    long carer_ids[2];
    int ncarers;
    minute_t start;
};
enum app_rc app_plan_move(struct app *a, const struct move_input *in, struct plan_visit *out);

/* One visit of a day's plan, for the planner's move form. */
enum app_rc app_plan_visit(struct app *a, long visit_id, struct plan_visit *out);

/* The planner's view: the day's visits of a team — its citizens' visits and
 * other teams' visits on its carers — or of every team (0), and the figures
 * of the team's latest run (*planned false when the day was never planned). */
enum app_rc app_plan_view(struct app *a, struct date day, long team_id, struct plan_visit **out,
                          int *n, struct plan_run_figures *fig, bool *planned);

/* The actor's own route for a day. Every citizen on it is read: one audit
 * row each ("route") before the data is returned. */
enum app_rc app_route(struct app *a, struct date day, struct plan_visit **out, int *n);

/* How many visits the active grants give over `days` days from `from`
 * (team 0 = all), for benchmarks and checks. */
enum app_rc app_plan_demand(struct app *a, struct date from, int days, long team_id, long *visits);

#endif
