/*
 * sol.h — private: a solution (one route per carer) and its schedule.
 *
 * A solution owns all its arrays (malloc'ed; sol_free frees them). Routes
 * hold task indices; per position the schedule (service start, departure,
 * breaks taken so far, tardiness, sync bounds, slack) is kept so that an
 * insertion can be priced by re-running only the part of the route whose
 * times change (exact for routes without sync; sync partners are priced
 * approximately and the move is then verified by the full schedule).
 */
#ifndef OMSORG_PLAN_SOL_H
#define OMSORG_PLAN_SOL_H

#include "plan/model.h"

#define EPS 1e-7

struct route {
    int n, cap;
    int *seq;
    double *start, *dep, *tard, *lb, *ub, *slack;
    double *slk0; /* slack without the sync upper bounds */
    /* Carers without breaks, routes not plain (else unset): a push of start
     * i by up to room[i] (negative: none) moves the starts of reach[i]
     * late first slots after it one-for-one, the largest of their
     * tardiness rmax[i] (-PM_INF: none), and changes nothing else later:
     * no other tardiness, window, sync bound or the return. A push by more
     * than hard[i] (when not negative) breaks a sync bound, a last hard
     * window or the shift's end. */
    double *room, *reach, *rmax, *hard;
    double *pmax; /* pmax[i] = max tardiness over positions < i (n + 1 entries) */
    double *smax; /* smax[i] = max tardiness over positions >= i (n + 1 entries) */
    double *leg;  /* leg[i]: travel into position i from the place before (n + 1 entries:
                   * leg[n] is the way home; an empty route's leg[0] is start to end) */
    int *nbk;     /* breaks taken after leaving position i */
    double *vio;  /* hard violations up to and with position i */
    double *bst;  /* per break of the carer: start time */
    int *bpos;    /* per break: taken before the stop at this position (n = before going home) */
    double load, travel, tardsum, maxtard, viol, pref, ret;
    int np, ch, tm;
    int n_sync; /* tasks with sync edges in this route */
    int from;   /* first position whose inputs changed since the last timing
                 * (its task, its predecessor or a tied partner's start) */
};

struct sol {
    const plan_problem *p;
    int n_routes;
    struct route *r;
    int *rt;       /* per task: route or -1 */
    int *pos;      /* per task: position in its route */
    double *st;    /* per task: service start (-PM_INF if unrouted) */
    char *dirty;   /* per route: changed since last sync of cur/cand */
    char *stale;   /* per route: schedule out of date */
    uint64_t *gen; /* per route: bumped on every change (copies, edits, re-timing) */
    char *fpseed;  /* per route: tied timing may have changed here */
    int *rmark;    /* per route: BFS stamp for the fixed point */
    int *rqueue;   /* BFS queue of routes */
    int *wq;       /* fixed-point work queue (circular) */
    char *inq;     /* per route: in wq */
    int *rruns;    /* per route: runs in the current fixed point */
    int wq_head, wq_len, fp_active;
    int fp_reset; /* a tied timing may have moved earlier: recompute from scratch */
    int fp_bad;   /* the last fixed point did not settle (crossing ties) */
    int mark;
    int relax; /* ins_cost: let tied partners move along (see price.c) */
    double cost;
    double gmax;      /* largest tardiness over all routes */
    int n_miss;       /* servable mandatory visits left out */
    double miss_cost; /* their share of cost */
};

int sol_init(struct sol *s, const plan_problem *p);
void sol_free(struct sol *s);
/* Make dst equal to src (same problem). -1 on out-of-memory. */
int sol_copy(struct sol *dst, const struct sol *src);
/* Copy only the routes marked dirty in `which` (and all per-task data). */
int sol_copy_dirty(struct sol *dst, const struct sol *src, const char *which);
/* Make dst equal to src copying only the routes whose src->gen differs from
 * seen[] (what dst last took from src), and record the new ones in seen. */
int sol_copy_changed(struct sol *dst, const struct sol *src, uint64_t *seen);
void sol_clear_dirty(struct sol *s);

/* Insert task u at position i of route r / remove a routed task. Marks the
 * route dirty; the schedule is stale until sol_schedule. */
int route_insert(struct sol *s, int r, int i, int u);
void route_remove(struct sol *s, int u);
/* Task u's bound on its tied partners changed (its start moved, or it
 * left): their routes must be timed again from the partner on. */
void route_mark_partners(struct sol *s, int u);
/* Recompute the schedule of dirty routes (and, when sync ties exist, all
 * routes with tied tasks, to the least fixed point) and the cost. */
void sol_schedule(struct sol *s);
/* Mark every route for re-timing from its first stop (sol_schedule does
 * it); with reset, tied starts too start again from "no bound". */
void sol_stale_all(struct sol *s, int reset);
/* The timing a plan is written with: every route re-run from the starts it
 * has (the fixed point reached from them) and, separately, from "no
 * bound"; s keeps the cheaper. tmp is scratch space of the same problem.
 * -1 when out of memory. */
int sol_retime_final(struct sol *s, struct sol *tmp);
/* Recompute cost from the route schedules. */
void sol_cost(struct sol *s);
/* The state of a carer walking a route (eval.c), and the steps that time
 * it: rs_step goes on to task u and serves it, not before lb (breaks on
 * the way; their starts into bst, their positions into bpos, when given;
 * the first slot's lateness into *tard), returning the service start;
 * rs_finish takes the remaining breaks and goes home, returning the
 * arrival. sync_bounds: the bounds on u's start from its routed tied
 * partners' current starts. */
struct rs {
    double t;    /* time free to leave the current location */
    int k;       /* breaks taken */
    int loc;     /* current location */
    double viol; /* hard violations so far */
};
double rs_step(const plan_problem *p, const struct pm_carer *c, struct rs *s, int u, double lb,
               double *tard, double *bst, int *bpos, int at);
double rs_finish(const plan_problem *p, const struct pm_carer *c, struct rs *s, double *bst,
                 int *bpos, int at);
void sync_bounds(const struct sol *s, int u, double *lb, double *ub);
/* Cost change of putting task u at position i of route r; PM_INF when a
 * hard constraint would break. */
double ins_cost(const struct sol *s, int r, int i, int u);
/* The part of ins_cost that does not depend on the position: ins_prepare
 * returns 0 when u cannot go into route r at all (capacity, a tied partner
 * there); ins_cost_pre then prices each position. */
struct ins_pre {
    double lb, ub; /* bounds on u's start from its routed tied partners */
    double umax;   /* latest start of u its partners can follow (past ub
                    * within their slack), PM_INF when no partner is routed */
    double pref;   /* continuity and team penalties of u with carer r */
};
int ins_prepare(const struct sol *s, int r, int u, struct ins_pre *pre);
/* Positions lo .. hi-1 of route r are the only ones where u may go: none
 * from the first departure past pre->umax (departures never decrease along
 * a route), with hard windows none from the first departure after u's last
 * window closes; with plain windows also none before the first latest
 * start (start + slack, never decreasing either) that u's earliest finish
 * can reach. */
void ins_range(const struct sol *s, int r, int u, const struct ins_pre *pre, int *lo, int *hi);
/* With `cut`: the cost when it is below cut, else PM_INF (pricing stops at
 * the first partial sum at or past the cut: the later visits of the route
 * only get later when travel obeys the triangle inequality). */
double ins_cost_pre(const struct sol *s, int r, int i, int u, const struct ins_pre *pre,
                    double cut);
/* Weighted preference/team/changed cost of carer c serving task u. */
double pref_cost(const plan_problem *p, int c, int u, int *np, int *ch, int *tm);
/* Cost of leaving visit v out. */
double unassigned_cost(const plan_problem *p, int v);
bool sol_feasible(const struct sol *s);
/* Cost of route r as `seq` (routes without tied tasks only; PM_INF if
 * infeasible), and its current cost. */
double seq_cost(const struct sol *s, int r, const int *seq, int n);
double route_cost(const struct sol *s, int r);
/* Cost of route r as `seq` with tied partners frozen at their current
 * starts (an upper bound on the cost the full evaluator finds; PM_INF if a
 * partner would have to move or a hard constraint breaks); *maxtard gets
 * the route's largest tardiness. */
double seq_cost_tied(const struct sol *s, int r, const int *seq, int n, double *maxtard);
/* The same with ties ignored but for different carers (a lower bound). */
double seq_cost_loose(const struct sol *s, int r, const int *seq, int n, double *maxtard);
void sol_summary(const struct sol *s, struct plan_summary *out);

#endif
