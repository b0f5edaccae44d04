/*
 * eval.c — the solver's evaluator: route schedules (windows, breaks,
 * shift, capacity), least fixed-point scheduling of synchronised tasks
 * across routes, the objective, and insertion pricing. The solution's
 * memory and edits (insert, remove, copy) are in sol.c.
 *
 * The independent checker (check.c) does not use any of this.
 */
#include "plan/sol.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- the route schedule ---- */

struct rs {
    double t;    /* time free to leave the current location */
    int k;       /* breaks taken */
    int loc;     /* current location */
    double viol; /* hard violations so far */
};

/* Service start when ready at x (after sync bound) for visit v: the first
 * window still open; past the last window, start at x and report lateness. */
static double svc_start(const struct pm_visit *x, double t, double *late)
{
    for (int i = 0; i < x->n_win; i++)
        if (t <= x->win[i].to + EPS) {
            *late = 0;
            return t > x->win[i].from ? t : x->win[i].from;
        }
    *late = t - x->win[x->n_win - 1].to;
    return t;
}

/*
 * Go from state s to task u and serve it: take the breaks that fit in the
 * waiting time or cannot wait until after the visit, then start service at
 * the first feasible minute (not before lb). Writes break starts into bst
 * (and their position into bpos) when given. Returns the service start.
 */
static double step(const plan_problem *p, const struct pm_carer *c, struct rs *s, int u, double lb,
                   double *tard, double *bst, int *bpos, int at)
{
    const struct pm_task *tk = &p->tasks[u];
    const struct pm_visit *x = &p->visits[tk->visit];
    double tr = pm_travel(p, s->loc, tk->loc);
    double a = s->t + tr, late, e;
    int took_here = 0;
    while (s->k < c->n_breaks) {
        const struct pm_break *b = &c->breaks[s->k];
        e = svc_start(x, a > lb ? a : lb, &late);
        double bs = a > b->from ? a : b->from;
        if (bs + b->dur <= e + EPS && bs + b->dur <= b->to + EPS) {
            /* fits in the waiting time at the visit */
        } else {
            double f = e + tk->dur;
            if ((f > b->from ? f : b->from) + b->dur <= b->to + EPS)
                break; /* can wait until after this visit */
            if (bs + b->dur > b->to + EPS && !took_here) {
                double bb = s->t > b->from ? s->t : b->from;
                if (bb + b->dur <= b->to + EPS) { /* before the travel leg */
                    if (bst) {
                        bst[s->k] = bb;
                        bpos[s->k] = at;
                    }
                    s->t = bb + b->dur;
                    a = s->t + tr;
                    s->k++;
                    continue;
                }
            }
            if (bs + b->dur > b->to + EPS)
                s->viol += bs + b->dur - b->to;
        }
        if (bst) {
            bst[s->k] = bs;
            bpos[s->k] = at;
        }
        a = bs + b->dur;
        took_here = 1;
        s->k++;
    }
    e = svc_start(x, a > lb ? a : lb, &late);
    if (late > EPS) {
        if (p->soft)
            *tard = tk->slot == 0 ? late : 0;
        else {
            *tard = 0;
            s->viol += late;
        }
    } else
        *tard = 0;
    s->t = e + tk->dur;
    s->loc = tk->loc;
    return e;
}

/* Take the remaining breaks and go home; returns the arrival at the end. */
static double finish(const plan_problem *p, const struct pm_carer *c, struct rs *s, double *bst,
                     int *bpos, int at)
{
    double tr = pm_travel(p, s->loc, c->end);
    while (s->k < c->n_breaks) {
        const struct pm_break *b = &c->breaks[s->k];
        double bs = s->t > b->from ? s->t : b->from;
        if (bs + b->dur > b->to + EPS)
            s->viol += bs + b->dur - b->to;
        if (bst) {
            bst[s->k] = bs;
            bpos[s->k] = at;
        }
        s->t = bs + b->dur;
        s->k++;
    }
    double ret = s->t + tr;
    if (ret > c->shift_to + EPS)
        s->viol += ret - c->shift_to;
    return ret;
}

/* Sync bounds of task u from its routed partners' current starts. */
static void sync_bounds(const struct sol *s, int u, double *lb, double *ub)
{
    const plan_problem *p = s->p;
    *lb = -PM_INF;
    *ub = PM_INF;
    for (int j = p->tedge_off[u]; j < p->tedge_off[u + 1]; j++) {
        const struct pm_edge *e = &p->edges[p->tedge[j]];
        int other = e->a == u ? e->b : e->a;
        if (s->rt[other] < 0 || s->st[other] <= -PM_INF / 2)
            continue;
        double l = e->a == u ? s->st[other] + e->lo : s->st[other] - e->hi;
        double h = e->a == u ? s->st[other] + e->hi : s->st[other] - e->lo;
        if (l > *lb)
            *lb = l;
        if (h < *ub)
            *ub = h;
    }
}

double pref_cost(const plan_problem *p, int c, int u, int *np, int *ch, int *tm)
{
    const struct pm_visit *x = &p->visits[p->tasks[u].visit];
    if (!x->n_pref && !x->n_assigned && x->team < 0)
        return 0; /* most visits of a benchmark: nothing to count */
    int a = 0, b = 0, d = 0;
    if (x->n_pref) {
        a = 1;
        for (int i = 0; i < x->n_pref; i++)
            if (x->pref[i] == c)
                a = 0;
    }
    if (x->n_assigned) {
        b = 1;
        for (int i = 0; i < x->n_assigned; i++)
            if (x->assigned[i] == c)
                b = 0;
    }
    if (x->team >= 0 && p->carers[c].team >= 0 && x->team != p->carers[c].team)
        d = 1;
    if (np) {
        *np += a;
        *ch += b;
        *tm += d;
    }
    return a * p->w.not_preferred + b * p->w.changed + d * p->w.team_mismatch;
}

double unassigned_cost(const plan_problem *p, int v)
{
    return p->visits[v].optional ? p->w.unassigned : 10 * p->w.unassigned;
}

static void wq_push(struct sol *s, int r)
{
    if (s->inq[r])
        return;
    s->inq[r] = 1;
    s->wq[(s->wq_head + s->wq_len++) % (s->n_routes + 1)] = r;
}

/* Task u's start changed: its partners' routes must be timed again from
 * the partner on (their bound moved). */
static void mark_partners(struct sol *s, int u)
{
    const plan_problem *p = s->p;
    for (int j = p->tedge_off[u]; j < p->tedge_off[u + 1]; j++) {
        const struct pm_edge *e = &p->edges[p->tedge[j]];
        int o = e->a == u ? e->b : e->a;
        if (s->rt[o] >= 0 && s->pos[o] < s->r[s->rt[o]].from)
            s->r[s->rt[o]].from = s->pos[o];
    }
}

/* Task u's start moved: re-run the routes of partners whose bound moved. */
static void enqueue_partners(struct sol *s, int u)
{
    const plan_problem *p = s->p;
    for (int j = p->tedge_off[u]; j < p->tedge_off[u + 1]; j++) {
        const struct pm_edge *e = &p->edges[p->tedge[j]];
        int q = s->rt[e->a == u ? e->b : e->a];
        if (q >= 0)
            wq_push(s, q);
    }
}

/* room, reach and rmax (see sol.h), from the end. A stop's own part: on
 * time, it may move to its window's end at no cost; past its last soft
 * window, a first slot's tardiness grows with every minute (a second
 * slot's costs nothing); never past its sync bound. What comes after it:
 * the return may move to the shift's end; a push reaches the next stop
 * less the waiting there, so waiting makes the next part free up to the
 * waiting (plus the next stop's room where nothing there costs). The hard
 * limits alone (a sync bound, the end of a last hard window, the shift's
 * end) less the waiting on the way give hard. */
static void route_room(const plan_problem *p, const struct pm_carer *c, struct route *R)
{
    for (int i = R->n - 1; i >= 0; i--) {
        const struct pm_task *tk = &p->tasks[R->seq[i]];
        const struct pm_visit *x = &p->visits[tk->visit];
        double m = -1, k = 0, top = -PM_INF; /* past its last window */
        double bound = R->ub[i] - R->start[i], h = bound;
        int on_time = 0;
        for (int w = 0; w < x->n_win && !on_time; w++)
            if (R->start[i] <= x->win[w].to + EPS) {
                m = x->win[w].to - R->start[i];
                on_time = 1;
                if (!p->soft && w == x->n_win - 1 && m < h)
                    h = m;
            }
        if (!on_time && p->soft) {
            m = PM_INF;
            if (tk->slot == 0) {
                k = 1;
                top = R->tard[i];
            }
        }
        if (bound < m)
            m = bound;
        double dm = c->shift_to - R->ret, dh = dm;
        if (i < R->n - 1) {
            double wait = R->start[i + 1] - R->dep[i] - R->leg[i + 1];
            dh = R->hard[i + 1] <= -PM_INF / 2 ? -PM_INF : wait + R->hard[i + 1];
            if (R->reach[i + 1] == 0)
                dm = wait + R->room[i + 1];
            else if (wait > EPS)
                dm = wait;
            else {
                dm = R->room[i + 1];
                k += R->reach[i + 1];
                if (R->rmax[i + 1] > top)
                    top = R->rmax[i + 1];
            }
        }
        R->room[i] = m < dm ? m : dm;
        R->reach[i] = k;
        R->rmax[i] = top;
        /* a limit broken already (by more than the evaluator's EPS) makes
         * hard unknown up to the route's start: a push absorbed by waiting
         * before it would not show it */
        if (h < -EPS || dh < -EPS)
            h = -PM_INF;
        R->hard[i] = h < dh ? h : dh;
    }
}

/* Recompute route r's schedule from its sequence and partners' starts
 * (from position R->from on: the stops before it are as they were).
 * Returns 1 if a synced task's start changed. */
static int route_sched(struct sol *s, int r)
{
    const plan_problem *p = s->p;
    const struct pm_carer *c = &p->carers[r];
    struct route *R = &s->r[r];
    struct rs st = {c->shift_from, 0, c->start, 0};
    int changed = 0, from = R->from < R->n ? R->from : R->n;
    if (from > 0)
        st = (struct rs){R->dep[from - 1], R->nbk[from - 1], p->tasks[R->seq[from - 1]].loc,
                         R->vio[from - 1]};
    R->from = INT_MAX; /* a tied partner in this route may lower it below */
    s->gen[r]++;
    R->load = R->travel = R->tardsum = R->maxtard = R->pref = 0;
    R->np = R->ch = R->tm = R->n_sync = 0;
    if (R->n == 0) {
        R->viol = 0;
        R->ret = c->shift_from;
        R->pmax[0] = R->smax[0] = 0;
        R->leg[0] = pm_travel(p, c->start, c->end);
        return 0;
    }
    for (int i = from; i < R->n; i++) {
        int u = R->seq[i];
        sync_bounds(s, u, &R->lb[i], &R->ub[i]);
        R->leg[i] = pm_travel(p, st.loc, p->tasks[u].loc);
        double t0 = step(p, c, &st, u, R->lb[i], &R->tard[i], R->bst, R->bpos, i);
        R->start[i] = t0;
        R->dep[i] = st.t;
        R->nbk[i] = st.k;
        R->vio[i] = st.viol;
        if (p->tedge_off[u + 1] > p->tedge_off[u] && s->st[u] != t0) {
            mark_partners(s, u);
            if (fabs(s->st[u] - t0) > EPS) {
                changed = 1;
                if (s->fp_active)
                    enqueue_partners(s, u);
            }
        }
        s->st[u] = t0;
    }
    R->leg[R->n] = pm_travel(p, st.loc, c->end);
    /* the totals in route order (the same sums as one pass would give) */
    for (int i = 0; i < R->n; i++) {
        int u = R->seq[i];
        R->travel += R->leg[i];
        R->n_sync += p->tedge_off[u + 1] > p->tedge_off[u];
        R->load += p->tasks[u].demand;
        R->tardsum += R->tard[i];
        R->pref += pref_cost(p, r, u, &R->np, &R->ch, &R->tm);
    }
    R->travel += R->leg[R->n];
    R->ret = finish(p, c, &st, R->bst, R->bpos, R->n);
    if (c->capacity >= 0 && R->load > c->capacity + EPS)
        st.viol += R->load - c->capacity;
    R->viol = st.viol;
    R->pmax[0] = 0;
    for (int i = 0; i < R->n; i++)
        R->pmax[i + 1] = R->pmax[i] > R->tard[i] ? R->pmax[i] : R->tard[i];
    R->smax[R->n] = 0;
    for (int i = R->n - 1; i >= 0; i--)
        R->smax[i] = R->smax[i + 1] > R->tard[i] ? R->smax[i + 1] : R->tard[i];
    R->maxtard = R->pmax[R->n];
    /* slack: how much later each start may move without breaking a hard
     * window, the shift end or a sync upper bound (breaks counted as fixed) */
    /* slk0: the same without the sync upper bounds (how far the route
     * itself would let a tied task move if its partners moved along) */
    double L = c->shift_to - pm_travel(p, p->tasks[R->seq[R->n - 1]].loc, c->end);
    for (int k = 0; k < c->n_breaks; k++)
        if (R->bpos[k] == R->n)
            L -= c->breaks[k].dur;
    double L0 = L;
    for (int i = R->n - 1; i >= 0; i--) {
        const struct pm_task *tk = &p->tasks[R->seq[i]];
        const struct pm_visit *x = &p->visits[tk->visit];
        double lim = L - tk->dur, lim0 = L0 - tk->dur;
        if (!p->soft)
            for (int w = 0; w < x->n_win; w++)
                if (R->start[i] <= x->win[w].to + EPS) {
                    if (x->win[w].to < lim)
                        lim = x->win[w].to;
                    if (x->win[w].to < lim0)
                        lim0 = x->win[w].to;
                    break;
                }
        if (R->ub[i] < lim)
            lim = R->ub[i];
        R->slack[i] = lim - R->start[i];
        if (R->slack[i] < 0)
            R->slack[i] = 0;
        R->slk0[i] = lim0 - R->start[i];
        if (R->slk0[i] < 0)
            R->slk0[i] = 0;
        if (i > 0) {
            double d = R->leg[i];
            L = lim - d;
            L0 = lim0 - d;
            for (int k = 0; k < c->n_breaks; k++)
                if (R->bpos[k] == i) {
                    L -= c->breaks[k].dur;
                    L0 -= c->breaks[k].dur;
                }
        }
    }
    if (!p->plain && c->n_breaks == 0)
        route_room(p, c, R);
    return changed;
}

void sol_cost(struct sol *s)
{
    const plan_problem *p = s->p;
    const struct pm_weights *w = &p->w;
    double cost = 0, gmax = 0;
    for (int r = 0; r < s->n_routes; r++) {
        const struct route *R = &s->r[r];
        if (!R->n)
            continue;
        cost += w->carers_used + w->travel * R->travel + w->tardiness * R->tardsum + R->pref +
                1e6 * R->viol;
        if (R->maxtard > gmax)
            gmax = R->maxtard;
    }
    cost += w->max_tardiness * gmax;
    s->n_miss = 0;
    s->miss_cost = 0;
    for (int v = 0; v < p->n_visits; v++)
        if (s->rt[p->visits[v].task0] < 0) {
            double u = unassigned_cost(p, v);
            cost += u;
            if (!p->visits[v].optional && !p->visits[v].why_unservable) {
                s->n_miss++;
                s->miss_cost += u;
            }
        }
    s->gmax = gmax;
    s->cost = cost;
}

static void fp_open(struct sol *s);
static void fp_run(struct sol *s, int tail);

/* Does route R hold a task with sync edges? */
static int route_has_tied(const plan_problem *p, const struct route *R)
{
    for (int i = 0; i < R->n; i++)
        if (p->tedge_off[R->seq[i] + 1] > p->tedge_off[R->seq[i]])
            return 1;
    return 0;
}

/*
 * Schedule stale routes. Routes whose tied tasks moved (or whose ties were
 * added or removed) seed a re-timing of every route connected to them by
 * sync edges: their tied starts restart from "no bound" and all of them are
 * re-run until no start moves — the least fixed point, i.e. the earliest
 * consistent timing. A cycle that never settles marks them infeasible.
 */
void sol_schedule(struct sol *s)
{
    const plan_problem *p = s->p;
    if (p->has_sync && !s->fp_reset) {
        /* only insertions since the last fixed point: every bound can only
         * grow, so iterating from the current starts reaches the least fixed
         * point; the stale routes run first and a route runs again only
         * when a tied partner's start moved */
        fp_open(s);
        int n = 0;
        for (int r = 0; r < s->n_routes; r++)
            if (s->stale[r]) {
                route_sched(s, r);
                s->stale[r] = 0;
                n++;
            }
        memset(s->fpseed, 0, (size_t)s->n_routes);
        fp_run(s, n);
        s->fp_reset = 0;
        sol_cost(s);
        return;
    }
    int seeded = 0;
    for (int r = 0; r < s->n_routes; r++)
        if (s->stale[r]) {
            if (route_sched(s, r))
                s->fpseed[r] = 1;
            s->stale[r] = 0;
        }
    for (int r = 0; r < s->n_routes && p->has_sync; r++)
        if (s->fpseed[r]) {
            seeded = 1;
            break;
        }
    if (seeded) {
        /* starts may move earlier: every route connected to a changed one
         * restarts its tied starts from "no bound" */
        int mark = ++s->mark, head = 0, tail = 0;
        for (int r = 0; r < s->n_routes; r++)
            if (s->fpseed[r]) {
                s->fpseed[r] = 0;
                s->rmark[r] = mark;
                s->rqueue[tail++] = r;
            }
        while (head < tail) {
            const struct route *R = &s->r[s->rqueue[head++]];
            for (int i = 0; i < R->n; i++) {
                int u = R->seq[i];
                for (int j = p->tedge_off[u]; j < p->tedge_off[u + 1]; j++) {
                    const struct pm_edge *e = &p->edges[p->tedge[j]];
                    int q = s->rt[e->a == u ? e->b : e->a];
                    if (q >= 0 && s->rmark[q] != mark) {
                        s->rmark[q] = mark;
                        s->rqueue[tail++] = q;
                    }
                }
            }
        }
        for (int k = 0; k < tail; k++) {
            struct route *R = &s->r[s->rqueue[k]];
            R->from = 0;
            for (int i = 0; i < R->n; i++)
                s->st[R->seq[i]] = -PM_INF;
        }
        fp_open(s);
        for (int k = 0; k < tail; k++)
            wq_push(s, s->rqueue[k]);
        fp_run(s, tail);
    } else
        memset(s->fpseed, 0, (size_t)s->n_routes);
    s->fp_reset = 0;
    sol_cost(s);
}

void sol_stale_all(struct sol *s, int reset)
{
    for (int r = 0; r < s->n_routes; r++) {
        s->stale[r] = 1;
        s->r[r].from = 0;
        if (reset)
            s->fpseed[r] = 1;
    }
    if (reset)
        s->fp_reset = 1;
}

/* From "no bound" is not always the earliest consistent timing: a route's
 * step is not monotone in its bounds (a later bound can make room for a
 * break in the waiting time, so later stops start earlier), and a tied
 * start that overshoots on the way is then held up by its partner for
 * good. The timing the search kept is also consistent once re-run, and on
 * the 4,500-visit day at 60 s it was the cheaper: from "no bound" a
 * double-staffed visit started 9 min later than both carers could be
 * there, and two visits after it missed their hard windows. */
int sol_retime_final(struct sol *s, struct sol *tmp)
{
    sol_stale_all(s, 0);
    sol_schedule(s);
    if (sol_copy(tmp, s))
        return -1;
    sol_stale_all(s, 1);
    sol_schedule(s);
    if (tmp->cost < s->cost - 1e-9 && sol_copy(s, tmp))
        return -1;
    return 0;
}

/* Start a fixed point: an empty work list; while it is open, route_sched
 * queues the routes of partners whose tied start moved. */
static void fp_open(struct sol *s)
{
    s->wq_head = s->wq_len = 0;
    s->fp_active = 1;
    memset(s->rruns, 0, (size_t)s->n_routes * sizeof *s->rruns);
}

/* Run the work list until no tied start moves (`tail`: routes that seeded
 * it, for the run limit); a timing that never settles marks the tied routes
 * infeasible. */
static void fp_run(struct sol *s, int tail)
{
    const plan_problem *p = s->p;
    long runs = 0, limit = 50L * (tail + s->n_routes) + 4L * p->n_edges + 100;
    int runaway = 0;
    while (s->wq_len > 0 && runs < limit) {
        int r = s->wq[s->wq_head];
        s->wq_head = (s->wq_head + 1) % (s->n_routes + 1);
        s->wq_len--;
        s->inq[r] = 0;
        s->dirty[r] = 1;
        route_sched(s, r);
        runs++;
        /* starts that keep moving mean tied tasks in crossing order */
        if (++s->rruns[r] > 8 + 2 * s->r[r].n_sync || (s->r[r].n && s->r[r].ret > p->horizon)) {
            runaway = 1;
            break;
        }
    }
    s->fp_active = 0;
    if (s->wq_len > 0 || runaway) {
        while (s->wq_len > 0) {
            s->inq[s->wq[s->wq_head]] = 0;
            s->wq_head = (s->wq_head + 1) % (s->n_routes + 1);
            s->wq_len--;
        }
        for (int r = 0; r < s->n_routes; r++)
            if (route_has_tied(p, &s->r[r]))
                s->r[r].viol += 1; /* tied tasks in crossing order */
    }
}

bool sol_feasible(const struct sol *s)
{
    const plan_problem *p = s->p;
    for (int r = 0; r < s->n_routes; r++)
        if (s->r[r].viol > EPS)
            return false;
    for (int e = 0; e < p->n_edges; e++) {
        const struct pm_edge *E = &p->edges[e];
        if (s->rt[E->a] < 0 || s->rt[E->b] < 0)
            continue;
        if (s->rt[E->a] == s->rt[E->b])
            return false;
        double d = s->st[E->a] - s->st[E->b];
        if (d < E->lo - 1e-6 || d > E->hi + 1e-6)
            return false;
    }
    return true;
}

/* ---- insertion pricing ---- */

/* How much later tied task a may start: its slack; with s->relax, when
 * that is cut by a sync bound, what its route allows if a's other tied
 * partners (not `skip`, in routes) moved along within what their routes
 * allow (optimistic: the full schedule verifies; this only prices). */
static double partner_slack(const struct sol *s, int a, int skip)
{
    const plan_problem *p = s->p;
    const struct route *Q = &s->r[s->rt[a]];
    double sl = Q->slk0[s->pos[a]];
    if (!s->relax || Q->slack[s->pos[a]] >= sl - EPS)
        return Q->slack[s->pos[a]];
    for (int j = p->tedge_off[a]; j < p->tedge_off[a + 1]; j++) {
        const struct pm_edge *e = &p->edges[p->tedge[j]];
        int o = e->a == a ? e->b : e->a;
        if (o == skip || s->rt[o] < 0)
            continue;
        const struct route *O = &s->r[s->rt[o]];
        /* o may have to move by as much as a beyond what the edge allows now */
        double room = e->a == a ? s->st[a] - s->st[o] - e->lo : e->hi - (s->st[o] - s->st[a]);
        double lim = O->slack[s->pos[o]] + (room > 0 ? room : 0);
        if (O->slk0[s->pos[o]] + (room > 0 ? room : 0) > lim)
            lim = O->slk0[s->pos[o]] + (room > 0 ? room : 0);
        if (lim < sl)
            sl = lim;
    }
    return sl;
}

/* Look-ahead for soft windows: tied partners of u not routed yet (the
 * later visit of a synced pair, put in after this one) can start no
 * earlier than u's start su allows; the tardiness that forces on them
 * (their visit's first slot only) at the tardiness weights. Without it the
 * first visit of a pair takes its cheapest place alone and the second may
 * be left far past its window. */
static double unrouted_partner_lateness(const struct sol *s, int u, double su)
{
    const plan_problem *p = s->p;
    double c = 0;
    for (int j = p->tedge_off[u]; j < p->tedge_off[u + 1]; j++) {
        const struct pm_edge *e = &p->edges[p->tedge[j]];
        int o = e->a == u ? e->b : e->a;
        if (s->rt[o] >= 0 || p->tasks[o].slot != 0)
            continue;
        const struct pm_visit *x = &p->visits[p->tasks[o].visit];
        double earliest = e->b == u ? su + e->lo : su - e->hi;
        double late = earliest - x->win[x->n_win - 1].to;
        if (late > EPS) {
            c += p->w.tardiness * late;
            if (late > s->gmax)
                c += p->w.max_tardiness * (late - s->gmax);
        }
    }
    return c;
}

int ins_prepare(const struct sol *s, int r, int u, struct ins_pre *pre)
{
    const plan_problem *p = s->p;
    const struct pm_carer *c = &p->carers[r];
    if (c->capacity >= 0 && s->r[r].load + p->tasks[u].demand > c->capacity + EPS)
        return 0;
    for (int j = p->tedge_off[u]; j < p->tedge_off[u + 1]; j++) {
        const struct pm_edge *e = &p->edges[p->tedge[j]];
        int other = e->a == u ? e->b : e->a;
        if (s->rt[other] == r)
            return 0; /* tied tasks need different carers */
    }
    sync_bounds(s, u, &pre->lb, &pre->ub);
    /* the latest start of u its routed partners can follow, moving later
     * within their slack (ins_cost_pre: a later start prices PM_INF) */
    pre->umax = PM_INF;
    if (pre->ub < PM_INF / 2)
        for (int j = p->tedge_off[u]; j < p->tedge_off[u + 1]; j++) {
            const struct pm_edge *e = &p->edges[p->tedge[j]];
            int other = e->a == u ? e->b : e->a;
            if (s->rt[other] < 0 || s->st[other] <= -PM_INF / 2)
                continue;
            double h = e->a == u ? s->st[other] + e->hi : s->st[other] - e->lo;
            double m = h + partner_slack(s, other, u);
            if (m < pre->umax)
                pre->umax = m;
        }
    pre->pref = pref_cost(p, r, u, NULL, NULL, NULL);
    return 1;
}

void ins_range(const struct sol *s, int r, int u, const struct ins_pre *pre, int *lo, int *hi)
{
    const plan_problem *p = s->p;
    const struct route *R = &s->r[r];
    const struct pm_task *tk = &p->tasks[u];
    const struct pm_visit *x = &p->visits[tk->visit];
    *lo = 0;
    *hi = R->n + 1;
    if (R->viol > EPS)
        return;
    double close = x->win[x->n_win - 1].to;
    if (p->soft || pre->umax < close)
        close = pre->umax;
    close += EPS;
    if (R->n > 0 && R->dep[R->n - 1] > close) {
        int a = 0, b = R->n - 1; /* the first i with dep[i] > close */
        while (a < b) {
            int m = (a + b) / 2;
            if (R->dep[m] > close)
                b = m;
            else
                a = m + 1;
        }
        *hi = a + 1;
    }
    if (!p->plain)
        return;
    double open = x->win[0].from + tk->dur - EPS;
    int a = 0, b = R->n; /* the first i < n with start[i] + slack[i] >= open, else n */
    while (a < b) {
        int m = (a + b) / 2;
        if (R->start[m] + R->slack[m] >= open)
            b = m;
        else
            a = m + 1;
    }
    *lo = a;
}

double ins_cost(const struct sol *s, int r, int i, int u)
{
    struct ins_pre pre;
    return ins_prepare(s, r, u, &pre) ? ins_cost_pre(s, r, i, u, &pre, PM_INF) : PM_INF;
}

/* Travel added by putting location lu between prev and next, the leg
 * prev -> next being `leg`. Reads row lu only when travel is symmetric
 * (one run of cache lines). */
static inline double detour(const plan_problem *p, int prev, int lu, int next, double leg)
{
    double in = p->symmetric ? pm_travel(p, lu, prev) : pm_travel(p, prev, lu);
    return in + pm_travel(p, lu, next) - leg;
}

double ins_cost_pre(const struct sol *s, int r, int i, int u, const struct ins_pre *pre, double cut)
{
    const plan_problem *p = s->p;
    const struct pm_carer *c = &p->carers[r];
    const struct route *R = &s->r[r];
    const struct pm_task *tk = &p->tasks[u];
    const struct pm_weights *w = &p->w;
    double lb = pre->lb, ub = pre->ub, tard, extra = 0;
    struct rs st;
    if (i == 0)
        st = (struct rs){c->shift_from, 0, c->start, 0};
    else
        st = (struct rs){R->dep[i - 1], R->nbk[i - 1], p->tasks[R->seq[i - 1]].loc, 0};
    int prev = st.loc;
    int next = i < R->n ? p->tasks[R->seq[i]].loc : c->end;
    double dtravel = detour(p, prev, tk->loc, next, R->leg[i]);
    double base = w->travel * dtravel + pre->pref + (R->n == 0 ? w->carers_used : 0);
    if (base >= cut)
        return PM_INF;
    if (p->plain) {
        /* hard single windows, no breaks, no ties: u starts at its arrival
         * or its window's opening, and the successor may start later by at
         * most its slack (latest-start recursion), so the check is O(1) */
        const struct pm_window *wu = &p->visits[tk->visit].win[0];
        double a = st.t + pm_travel(p, prev, tk->loc);
        if (a > wu->to + EPS)
            return PM_INF;
        a = (a > wu->from ? a : wu->from) + tk->dur + pm_travel(p, tk->loc, next);
        if (i < R->n) {
            const struct pm_window *wn = &p->visits[p->tasks[R->seq[i]].visit].win[0];
            if (a > wn->to + EPS || (a > wn->from ? a : wn->from) - R->start[i] > R->slack[i] + EPS)
                return PM_INF;
        } else if (a > c->shift_to + EPS)
            return PM_INF;
        return base;
    }
    /* exact early outs before u is timed (most places that pass the detour
     * failed on these only after it on Mankowska F): u starts no earlier
     * than dep[i-1] + the leg in, and (no breaks) pushes its successor by
     * at least the detour and its duration less the waiting there */
    double in = pm_travel(p, prev, tk->loc);
    if (st.t + in > pre->umax + EPS)
        return PM_INF;
    if (c->n_breaks == 0 && i < R->n && R->hard[i] >= 0 &&
        st.t + in + tk->dur + pm_travel(p, tk->loc, next) - R->start[i] > R->hard[i] + EPS)
        return PM_INF;
    double su = step(p, c, &st, u, lb, &tard, NULL, NULL, 0);
    if (st.viol > EPS)
        return PM_INF;
    if (su > ub + EPS) {
        /* the tied partner(s) would have to move later: allow within their slack */
        if (su > pre->umax + EPS)
            return PM_INF;
        extra += (su - ub) * (p->soft ? w->tardiness + w->max_tardiness : 0.01);
    }
    if (p->soft)
        extra += unrouted_partner_lateness(s, u, su);
    base += extra;
    double dtard = tard, nmax = tard;
    if (base + w->tardiness * dtard >= cut)
        return PM_INF;
    int j = i;
    if (c->n_breaks == 0 && i < R->n) {
        /* O(1) when the successor's start is pushed by at most its room
         * (or not at all: arriving no earlier than before, but by its
         * start); the walk below otherwise */
        double a = st.t + pm_travel(p, tk->loc, next), d = a - R->start[i];
        if (R->hard[i] >= 0 && d > R->hard[i] + EPS)
            return PM_INF;
        if (a >= (i ? R->dep[i - 1] : c->shift_from) + R->leg[i] && R->room[i] >= 0 &&
            d <= R->room[i]) {
            j = -1;
            if (d < 0)
                d = 0;
            dtard += R->reach[i] * d;
            if (R->rmax[i] + d > nmax)
                nmax = R->rmax[i] + d;
        }
    }
    if (j < 0) {
        if (base + w->tardiness * dtard >= cut)
            return PM_INF;
        if (R->smax[i] > nmax)
            nmax = R->smax[i];
    } else {
        for (; j < R->n; j++) {
            if (fabs(st.t - (j > 0 ? R->dep[j - 1] : -PM_INF)) < EPS && j > i &&
                st.k == R->nbk[j - 1])
                break;
            double t1 = step(p, c, &st, R->seq[j], R->lb[j], &tard, NULL, NULL, 0);
            if (st.viol > EPS || t1 > R->ub[j] + EPS)
                return PM_INF;
            dtard += tard - R->tard[j];
            if (base + w->tardiness * dtard >= cut)
                return PM_INF;
            if (tard > nmax)
                nmax = tard;
        }
        if (j == R->n) {
            finish(p, c, &st, NULL, NULL, 0);
            if (st.viol > EPS)
                return PM_INF;
        } else if (R->smax[j] > nmax)
            nmax = R->smax[j];
    }
    if (R->pmax[i] > nmax)
        nmax = R->pmax[i];
    double dmax = 0;
    if (w->max_tardiness > 0) {
        /* this route's max may drop only if it held the global max: ignore drop */
        dmax = nmax > s->gmax ? nmax - s->gmax : 0;
    }
    double cost = base + w->tardiness * dtard + w->max_tardiness * dmax;
    return cost < cut ? cost : PM_INF;
}

void sol_summary(const struct sol *s, struct plan_summary *o)
{
    const plan_problem *p = s->p;
    memset(o, 0, sizeof *o);
    for (int r = 0; r < s->n_routes; r++) {
        const struct route *R = &s->r[r];
        if (!R->n)
            continue;
        o->carers_used++;
        o->travel += R->travel;
        o->tardiness += R->tardsum;
        o->not_preferred += R->np;
        o->changed += R->ch;
        o->team_mismatch += R->tm;
    }
    o->max_tardiness = s->gmax;
    for (int v = 0; v < p->n_visits; v++)
        if (s->rt[p->visits[v].task0] < 0)
            o->unassigned++;
    o->cost = s->cost;
    o->feasible = sol_feasible(s);
}

/* Weighted cost of route r if it were `seq` (n tasks); PM_INF when a hard
 * constraint or a skill breaks. Writes the route's largest tardiness to
 * *maxtard and nothing else. With `tied`, every tied task's partners are
 * frozen at their current starts (s->st): a tied task starts no earlier
 * than they allow, and the sequence prices PM_INF when it would start
 * after what they allow (they would have to move) or holds a partner. Such
 * a timing is consistent with all other routes unchanged, so the least
 * fixed point of the new plan starts every task no later: the true cost is
 * at most this (tardiness only grows with time). Without `tied`, ties are
 * ignored (routes without tied tasks, or a carer's tasks timed alone). */
static double seq_eval(const struct sol *s, int r, const int *seq, int n, int tied, double *maxtard)
{
    const plan_problem *p = s->p;
    const struct pm_carer *c = &p->carers[r];
    const struct pm_weights *w = &p->w;
    struct rs st = {c->shift_from, 0, c->start, 0};
    double travel = 0, tard = 0, pref = 0, load = 0, t, mt = 0;
    *maxtard = 0;
    if (n == 0)
        return 0;
    for (int i = 0; i < n; i++) {
        int u = seq[i];
        double lb = -PM_INF, ub = PM_INF;
        if (!pm_carer_can(p, r, p->tasks[u].visit))
            return PM_INF;
        if (tied && p->tedge_off[u + 1] > p->tedge_off[u]) {
            for (int j = p->tedge_off[u]; j < p->tedge_off[u + 1]; j++) {
                const struct pm_edge *e = &p->edges[p->tedge[j]];
                int o = e->a == u ? e->b : e->a;
                for (int k = 0; k < n; k++)
                    if (seq[k] == o)
                        return PM_INF; /* tied tasks need different carers */
            }
            sync_bounds(s, u, &lb, &ub);
        }
        travel += pm_travel(p, st.loc, p->tasks[u].loc);
        double su = step(p, c, &st, u, lb, &t, NULL, NULL, 0);
        if (st.viol > EPS || su > ub + EPS)
            return PM_INF;
        tard += t;
        if (t > mt)
            mt = t;
        load += p->tasks[u].demand;
        pref += pref_cost(p, r, u, NULL, NULL, NULL);
    }
    travel += pm_travel(p, st.loc, c->end);
    finish(p, c, &st, NULL, NULL, 0);
    if (st.viol > EPS || (c->capacity >= 0 && load > c->capacity + EPS))
        return PM_INF;
    *maxtard = mt;
    return w->carers_used + w->travel * travel + w->tardiness * tard + pref;
}

double seq_cost(const struct sol *s, int r, const int *seq, int n)
{
    double mt;
    return seq_eval(s, r, seq, n, 0, &mt);
}

double seq_cost_tied(const struct sol *s, int r, const int *seq, int n, double *maxtard)
{
    return seq_eval(s, r, seq, n, 1, maxtard);
}

double route_cost(const struct sol *s, int r)
{
    const struct route *R = &s->r[r];
    const struct pm_weights *w = &s->p->w;
    if (!R->n)
        return 0;
    return w->carers_used + w->travel * R->travel + w->tardiness * R->tardsum + R->pref +
           1e6 * R->viol;
}
