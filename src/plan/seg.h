/*
 * seg.h — private: time-window segments of plain problems (hard single
 * windows, no breaks, no ties), concatenated in O(1) after Vidal et al.
 * 2013. A segment is a run of tasks served in order: its duration
 * (service, travel and waiting), time warp (lateness "undone" by going
 * back to the window's end: zero for a feasible run), earliest and latest
 * start of its first service, distance and load. Used by the local search
 * (ls.c) and by the annealing through late plans (warp.c).
 */
#ifndef OMSORG_PLAN_SEG_H
#define OMSORG_PLAN_SEG_H

#include "plan/model.h"

struct seg {
    double D;    /* duration: service, travel and waiting */
    double TW;   /* time warp (lateness that had to be "undone") */
    double E, L; /* earliest and latest start of the first service */
    double dist, load;
    int first, last; /* locations */
};

static inline struct seg seg_task(const plan_problem *p, int u)
{
    const struct pm_task *t = &p->tasks[u];
    const struct pm_visit *x = &p->visits[t->visit];
    return (struct seg){t->dur, 0, x->win[0].from, x->win[0].to, 0, t->demand, t->loc, t->loc};
}

/* A carer's start or end place within the shift. */
static inline struct seg seg_depot(const struct pm_carer *c, int loc)
{
    return (struct seg){0, 0, c->shift_from, c->shift_to, 0, 0, loc, loc};
}

static inline struct seg seg_cat(const plan_problem *p, const struct seg *a, const struct seg *b)
{
    double t = pm_travel(p, a->last, b->first);
    double delta = a->D - a->TW + t;
    double wt = b->E - delta - a->L, tw = a->E + delta - b->L;
    if (wt < 0)
        wt = 0;
    if (tw < 0)
        tw = 0;
    struct seg r;
    r.D = a->D + b->D + t + wt;
    r.TW = a->TW + b->TW + tw;
    r.E = (b->E - delta > a->E ? b->E - delta : a->E) - wt;
    r.L = (b->L - delta < a->L ? b->L - delta : a->L) + tw;
    r.dist = a->dist + b->dist + t;
    r.load = a->load + b->load;
    r.first = a->first;
    r.last = b->last;
    return r;
}

#endif
