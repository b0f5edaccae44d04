/*
 * eval.c — the solver's evaluator: route schedules (windows, breaks,
 * shift, capacity), least fixed-point scheduling of synchronised tasks
 * across routes, and the objective. Pricing a change before it is made
 * (an insertion, a route as another sequence) is in price.c; the
 * solution's memory and edits (insert, remove, copy) are in sol.c.
 *
 * The independent checker (check.c) does not use any of this.
 */
#include "plan/sol.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- the route schedule ---- */

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
double rs_step(const plan_problem *p, const struct pm_carer *c, struct rs *s, int u, double lb,
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
double rs_finish(const plan_problem *p, const struct pm_carer *c, struct rs *s, double *bst,
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
void sync_bounds(const struct sol *s, int u, double *lb, double *ub)
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
        double t0 = rs_step(p, c, &st, u, R->lb[i], &R->tard[i], R->bst, R->bpos, i);
        R->start[i] = t0;
        R->dep[i] = st.t;
        R->nbk[i] = st.k;
        R->vio[i] = st.viol;
        if (p->tedge_off[u + 1] > p->tedge_off[u] && s->st[u] != t0) {
            route_mark_partners(s, u);
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
    R->ret = rs_finish(p, c, &st, R->bst, R->bpos, R->n);
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

/*
 * After removals (and maybe insertions), without breaks: the starts that
 * may move earlier are those from each route's first changed stop on
 * (route.from: a removal, an insertion, a partner's bound gone) and, in
 * turn, from each tied partner of such a start on in its route. Only
 * those restart from "no bound"; the others depend on nothing that moved
 * and keep their starts, which are already the least fixed point's (the
 * timing is monotone in its bounds when no break can slip into a wait).
 * The same least fixed point as restarting every connected route, found
 * re-timing only the stops after the changes.
 */
static void fp_restart_after(struct sol *s)
{
    const plan_problem *p = s->p;
    for (int moved = 1; moved;) {
        moved = 0;
        for (int r = 0; r < s->n_routes; r++) {
            const struct route *R = &s->r[r];
            for (int i = R->from; i < R->n; i++) {
                int u = R->seq[i];
                for (int j = p->tedge_off[u]; j < p->tedge_off[u + 1]; j++) {
                    const struct pm_edge *e = &p->edges[p->tedge[j]];
                    int o = e->a == u ? e->b : e->a, q = s->rt[o];
                    if (q >= 0 && s->pos[o] < s->r[q].from) {
                        s->r[q].from = s->pos[o];
                        moved = 1;
                    }
                }
            }
        }
    }
    fp_open(s);
    int n = 0;
    for (int r = 0; r < s->n_routes; r++) {
        const struct route *R = &s->r[r];
        s->stale[r] = 0;
        s->fpseed[r] = 0;
        if (R->from == INT_MAX)
            continue;
        for (int i = R->from; i < R->n; i++)
            s->st[R->seq[i]] = -PM_INF;
        wq_push(s, r);
        n++;
    }
    fp_run(s, n);
}

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
    if (p->has_sync && !p->has_breaks && !s->fp_bad) {
        fp_restart_after(s);
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
        s->fp_bad = 0;
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
 * good. The timing the search kept is also consistent once re-run, and can
 * be the cheaper: from "no bound" a double-staffed visit may start later
 * than both carers could be there, and visits after it miss their hard
 * windows (bench/results/README.md, 2026-12-07). */
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
        s->fp_bad = 1; /* not a least fixed point: the next restart is a full one */
        while (s->wq_len > 0) {
            s->inq[s->wq[s->wq_head]] = 0;
            s->wq_head = (s->wq_head + 1) % (s->n_routes + 1);
            s->wq_len--;
        }
        for (int r = 0; r < s->n_routes; r++)
            if (route_has_tied(p, &s->r[r])) {
                s->r[r].viol += 1; /* tied tasks in crossing order */
                s->dirty[r] = 1;
                s->gen[r]++;
            }
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
