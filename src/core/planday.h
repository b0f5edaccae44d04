/*
 * planday.h — plan one team's day: build an omsorg-plan/1 problem from the
 * store (carers on shift that day, visits from the grants' demand with
 * windows from each citizen's daily rhythm, preferred carers = those who
 * visited the citizen in the last 14 days, the plan in force as `assigned`),
 * run the planning engine, and save the assignments with the day's figures.
 */
#ifndef OMSORG_PLANDAY_H
#define OMSORG_PLANDAY_H

#include <stdbool.h>

#include "store/store.h"

struct planday_options {
    long user_id;       /* who asked (for the run log); 0 = the command line */
    double time_limit;  /* seconds for the engine */
    long iterations;    /* 0 = until the time limit */
    unsigned long seed;
    /* Re-planning during the day (the sick call): visits of the plan in
     * force that start before this minute are kept as they are (they have
     * happened). MINUTE_NONE (or 0) plans the whole day. Absent carers come
     * from the store's absences for the day, whatever this says. */
    minute_t keep_before;
    /* Plan without preferred carers (for comparison: continuity's worth). */
    bool ignore_history;
};

struct planday_result {
    int carers;         /* on shift */
    int visits;         /* visits in the plan */
    int unassigned;     /* visits no carer could take */
    int known_carer;    /* visits with at least one carer the citizen knows */
    int outside_window; /* visits starting outside the citizen's window: must be 0 */
    int kept;           /* visits that kept the carer(s) of the plan in force */
    int had_plan;       /* visits that had a carer in the plan in force */
    int moved;          /* visits that had a carer and now have another */
    int others_had;     /* visits with a carer who is not absent, in the plan in force */
    int others_kept;    /* … that kept that carer */
    double travel;      /* minutes */
    double seconds;     /* engine time */
};

/* Plan team_id's day. When problem/solution are non-NULL, the problem and
 * the engine's solution JSON (malloc'ed, caller frees) are returned there,
 * for inspection and for the independent checker. Errors: a Danish message
 * in err. */
enum store_rc planday_run(struct store *s, struct date day, long team_id,
                          const struct planday_options *o, struct planday_result *res,
                          char **problem, char **solution, char *err, size_t errlen);

/* Build the problem only (no solve, no save): malloc'ed JSON text. */
char *planday_problem(struct store *s, struct arena *a, struct date day, long team_id,
                      const struct planday_options *o, char *err, size_t errlen);

/* Expand the demand of every active grant (team 0 = all teams) for `days`
 * days from `from`: how many visits they give. For benchmarks and checks. */
enum store_rc planday_demand_count(struct store *s, struct date from, int days, long team_id,
                                   long *visits);

/* Check a planner's move of visit v (of the day's visits `day`, n of them)
 * to the given carers at `start`: window, skills, shift, number of carers,
 * and overlap with the carers' other visits. NULL when fine, else a Danish
 * message saying what the move would break. */
const char *planday_move_check(const struct plan_visit *v, const struct user *carers, int ncarers,
                               minute_t start, int weekday, const struct plan_visit *day, int n);

#endif
