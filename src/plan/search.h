/*
 * search.h — private: the solver handle and its search (construction,
 * ruin-and-recreate with simulated annealing, fleet minimisation, local
 * search). One plan_solver per solve; it owns its solutions and scratch.
 */
#ifndef OMSORG_PLAN_SEARCH_H
#define OMSORG_PLAN_SEARCH_H

#include "plan/sol.h"

#include <stdint.h>

struct plan_solver {
    const plan_problem *p; /* borrowed */
    unsigned long seed;
    long max_iter;
    double time_limit;
    plan_stop_fn stop;
    void *stop_user;
    plan_progress_fn progress;
    void *progress_user;

    struct sol cur, cand, best;
    struct sol first, keep; /* several chains (search_improve): the first plan, the best so far */
    double told;            /* the best cost reported to progress */
    uint64_t rng;
    double t0;             /* wall clock at start */
    double first_feasible; /* seconds to the first plan */
    double seconds;
    long iter;
    int no_new_routes;         /* fleet minimisation: do not open empty routes */
    int only_route;            /* >= 0: insert only into this route (warm start) */
    int relax_ok;              /* construction: tied insertions may move partners along */
    int look_ahead;            /* > 0: place tied groups trying this many places (insert_group) */
    int look_at[64];           /* its scratch: places of the rest of a group, per candidate */
    struct sol snap;           /* scratch: the plan before a tried placement or move */
    const struct sol *snap_of; /* the plan snap was last made from */
    uint64_t *snap_seen;       /* per route: that plan's gen when snap took it */
    char *dsave;               /* its scratch: per route, dirty flags before the tries */
    int ran;

    /* scratch */
    int *removed; /* groups to re-insert */
    int n_removed;
    int *gstamp; /* per group: stamp of the iteration that removed it */
    int *rstamp; /* per route */
    int *rorder; /* per route: best_positions' order */
    int stamp;
    double *absence; /* per group, fleet minimisation */
    double *key;     /* per group, sort keys */
    int *cand_r, *cand_i;
    double *cand_c;
    char *ls_touched; /* per route: changed since the last local search of cur */
};

double plan_now(void);
uint64_t rng_next(uint64_t *s);
double rng_unit(uint64_t *s);
int rng_int(uint64_t *s, int n);

/* The annealing's schedule: temperature from T0 down to Tf over an
 * iteration span (when known) or a time span, and its restarts. */
struct anneal {
    double T0, Tf;
    long it0, span;       /* first iteration and length (0: by time) */
    double tstart, tspan; /* start and length in seconds (0: by iterations) */
    long stall_lo, stall_hi;
};
/* Fraction of the annealing done (0 .. 1). */
double anneal_frac(plan_solver *S, const struct anneal *a);
/* Restart from the best plan: it has not improved for as long as the run
 * had gone before its last improvement, and at least a twentieth of the
 * run (within stall_lo .. stall_hi iterations); never in the last quarter. */
int anneal_restart_due(plan_solver *S, const struct anneal *a, double f, long last_best,
                       long sa_start);

/* Search steps (search.c). */
int search_construct(plan_solver *S);
int search_improve(plan_solver *S);
/* Insert the removed groups into s (recreate); returns -1 on out-of-memory. */
int search_recreate(plan_solver *S, struct sol *s, double blink);
void search_ruin(plan_solver *S, struct sol *s);
/* SISR (Christiaens & Vanden Berghe 2020), cbar 15, Lmax 10: from the
 * routed tasks and used routes, the longest string and how many routes
 * to ruin (drawn); then per route of n tasks, a string holding position
 * pos: its first position and length (drawn). */
void sisr_sizes(plan_solver *S, int routed, int used, double *lsmax, int *ks);
void sisr_string(plan_solver *S, int n, int pos, double lsmax, int *first, int *len);
int search_should_stop(plan_solver *S);
/* 2-opt* local search on s until no improving move (ls.c); -1 on oom. */
int search_local(plan_solver *S, struct sol *s);
/* The same, first looking only at moves touching the routes marked in
 * `only` (plain problems; otherwise as search_local). */
int search_local_some(plan_solver *S, struct sol *s, const char *only);
/* Or-opt, relocate and swap priced with tied partners frozen, for plans
 * with soft windows, ties or breaks (ls-tied.c); -1 on oom. */
int search_local_tied(plan_solver *S, struct sol *s);
void search_note_best(plan_solver *S);

/* Shared by search.c and warm.c. */
void search_remove_group(struct sol *s, int g);
/* Insert task u at its best verified place: 1 placed, 0 not, -1 oom. */
int search_insert_task(plan_solver *S, struct sol *s, int u, double blink);
/* Sort S->removed by a key: forced >= 0 picks the order (10: chronological). */
void search_sort_removed(plan_solver *S, const struct sol *s, int forced);
int search_cmp_keyed(const void *a, const void *b); /* qsort of (key, value) pairs */
/* The annealing with the fleet fixed through late plans (warp.c): for
 * plain problems whose objective is routes and travel only. */
bool search_warp_applies(const plan_problem *p);
int search_warp(plan_solver *S, const struct anneal *a);
/* Re-planning warm start (warm.c); -1 on out-of-memory. */
int search_warm_start(plan_solver *S);

#endif
