/*
 * plan.h — the omsorg planning engine: a reentrant library for home-care
 * routing and scheduling (vehicle routing with time windows, shifts, breaks,
 * skills, double-staffed and synchronised visits).
 *
 * No globals: a plan_problem is immutable once loaded and may be shared by
 * several solvers (also across threads); a plan_solver is one solve and is
 * used by one thread at a time. Results are deterministic for a given seed
 * and iteration budget (a time limit or stop callback may cut a run short).
 *
 * Ownership:
 *  - plan_problem_load_file / plan_problem_parse return a problem the caller
 *    owns and frees with plan_problem_free.
 *  - plan_solver_new borrows the problem: it must outlive the solver.
 *  - plan_solver_solution_json returns a malloc'ed string the caller frees.
 *  - Callbacks receive the user pointer given with them; the solver never
 *    frees it.
 *
 * The exchange format is docs/plan-format.md (`omsorg-plan/1`).
 */
#ifndef OMSORG_PLAN_H
#define OMSORG_PLAN_H

#include <stddef.h>

typedef struct plan_problem plan_problem;
typedef struct plan_solver plan_solver;

/* What a solution costs, by the objective's terms (see plan-format.md). */
struct plan_summary {
    double travel;        /* minutes driven, summed over carers */
    int carers_used;      /* carers with at least one visit */
    int unassigned;       /* visits left out (optional or not) */
    int not_preferred;    /* carer-visit pairs outside preferred_carers */
    int changed;          /* carer-visit pairs not in `assigned` */
    int team_mismatch;    /* carer-visit pairs across teams */
    double tardiness;     /* minutes past soft window ends */
    double max_tardiness; /* largest single lateness */
    double cost;          /* the weighted objective */
    int feasible;         /* 1 if every hard constraint holds */
};

/* Load a problem from a file: omsorg-plan/1 JSON, Mankowska home-care JSON
 * (has "patients") or Solomon text. On failure returns NULL and writes a
 * message naming the JSON path or line into err. */
plan_problem *plan_problem_load_file(const char *path, char *err, size_t errlen);
/* The same from text in memory (len bytes, need not be NUL-terminated). */
plan_problem *plan_problem_parse(const char *text, size_t len, char *err, size_t errlen);
void plan_problem_free(plan_problem *p);
int plan_problem_visit_count(const plan_problem *p);
int plan_problem_carer_count(const plan_problem *p);
const char *plan_problem_name(const plan_problem *p);
const char *plan_problem_visit_id(const plan_problem *p, int v);
const char *plan_problem_carer_id(const plan_problem *p, int c);

/* Called now and then with the best cost so far; return nonzero to stop. */
typedef int (*plan_stop_fn)(void *user);
/* Called whenever the best solution improves. */
typedef void (*plan_progress_fn)(void *user, double seconds, long iteration,
                                 const struct plan_summary *best);

plan_solver *plan_solver_new(const plan_problem *p);
void plan_solver_free(plan_solver *s);
void plan_solver_set_seed(plan_solver *s, unsigned long seed);
/* 0 = no iteration limit (then a time limit or stop callback must end it). */
void plan_solver_set_iterations(plan_solver *s, long iterations);
/* Seconds of wall time; 0 = none. Default 10 s when no iteration budget. */
void plan_solver_set_time_limit(plan_solver *s, double seconds);
void plan_solver_set_stop(plan_solver *s, plan_stop_fn fn, void *user);
void plan_solver_set_progress(plan_solver *s, plan_progress_fn fn, void *user);
/* Build a first plan and improve it until a limit. 0 on success, -1 on
 * out-of-memory. Unservable visits end up unassigned with a reason. */
int plan_solver_run(plan_solver *s);
/* The best plan found: summary, and the solution as omsorg-plan-solution/1. */
void plan_solver_summary(const plan_solver *s, struct plan_summary *out);
double plan_solver_seconds_to_first(const plan_solver *s);
long plan_solver_iterations_done(const plan_solver *s);
char *plan_solver_solution_json(const plan_solver *s);

/*
 * The independent checker: recompute every route of a solution (JSON text)
 * against the problem, list every violation (one per line in `report`,
 * malloc'ed, caller frees) and recompute the summary. Returns the number of
 * violations (a summary mismatch counts as one); -1 if the solution is not
 * readable (report says why).
 */
int plan_check(const plan_problem *p, const char *solution_json, char **report,
               struct plan_summary *recomputed);

/* Generate a Herlev-shaped home-care day as omsorg-plan/1 JSON (malloc'ed). */
char *plan_generate_day(int visits, int carers, unsigned long seed);

/* The planted-plan generator: a home-care day built from its routes, so
 * that a complete plan and its travel are known (planted.c). */
struct plan_planted {
    int visits;          /* exactly this many visits, 1 .. 200,000 */
    double utilization;  /* mean share of the carers' working time (shift less
                          * break) spent on service and travel, 0.3 .. 0.995;
                          * higher in the peaks, lower between them */
    int teams;           /* write each carer's and visit's team (the planted
                          * plan never crosses teams) */
    int preferences;     /* each visit's preferred_carers: its planted carers */
    double double_share; /* share of visits needing two carers, 0 .. 0.3 */
    double sync_share;   /* share of visits that are medicine 30-60 minutes
                          * after a meal (sync), 0 .. 0.2 */
    unsigned long seed;
};
/* What was built (the planted plan's own figures). */
struct plan_planted_stats {
    int visits, carers, teams, double_staffed, synced;
    double travel;      /* the planted plan's travel minutes */
    double utilization; /* service and travel over working time, all carers */
    double dinner_peak; /* the same for the evening carers from 17:00 to 18:30 */
};
/* Build the problem (omsorg-plan/1) and, when plan is not NULL, the planted
 * plan (omsorg-plan-solution/1, with a "planted" object of the figures
 * above); both malloc'ed, the caller frees them. st may be NULL. 0 on
 * success, -1 on bad options or out-of-memory (then nothing is returned). */
int plan_generate_planted(const struct plan_planted *o, char **problem, char **plan,
                          struct plan_planted_stats *st);

#endif
