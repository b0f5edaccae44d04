/*
 * price.c — what a change would cost before it is made: inserting a task
 * at a place (insertion pricing, with the cut that lets the search skip
 * most places early) and a route run as another sequence (local search).
 * Both time a route with eval.c's steps (rs_step, rs_finish) and never
 * change the plan.
 */
#include "plan/sol.h"

#include <math.h>

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
    /* exact early outs before u is timed (many places that pass the
     * detour would fail only after it, on these): u starts no earlier
     * than dep[i-1] + the leg in, and (no breaks) pushes its successor by
     * at least the detour and its duration less the waiting there */
    double in = pm_travel(p, prev, tk->loc);
    if (st.t + in > pre->umax + EPS)
        return PM_INF;
    if (c->n_breaks == 0 && i < R->n && R->hard[i] >= 0 &&
        st.t + in + tk->dur + pm_travel(p, tk->loc, next) - R->start[i] > R->hard[i] + EPS)
        return PM_INF;
    double su = rs_step(p, c, &st, u, lb, &tard, NULL, NULL, 0);
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
            double t1 = rs_step(p, c, &st, R->seq[j], R->lb[j], &tard, NULL, NULL, 0);
            if (st.viol > EPS || t1 > R->ub[j] + EPS)
                return PM_INF;
            dtard += tard - R->tard[j];
            if (base + w->tardiness * dtard >= cut)
                return PM_INF;
            if (tard > nmax)
                nmax = tard;
        }
        if (j == R->n) {
            rs_finish(p, c, &st, NULL, NULL, 0);
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

/* ---- a route as another sequence ---- */

/* Weighted cost of route r if it were `seq` (n tasks); PM_INF when a hard
 * constraint or a skill breaks. Writes the route's largest tardiness to
 * *maxtard and nothing else. With `tied`, every tied task's partners are
 * frozen at their current starts (s->st): a tied task starts no earlier
 * than they allow, and the sequence prices PM_INF when it would start
 * after what they allow (they would have to move) or holds a partner. Such
 * a timing is consistent with all other routes unchanged, so the least
 * fixed point of the new plan starts every task no later: the true cost is
 * at most this (tardiness only grows with time). Without `tied`, ties are
 * ignored (routes without tied tasks, or a carer's tasks timed alone);
 * with `tied` 2 (loose) too, but for the rule that tied tasks need
 * different carers: a lower bound of the true cost. */
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
            if (tied == 1)
                sync_bounds(s, u, &lb, &ub);
        }
        travel += pm_travel(p, st.loc, p->tasks[u].loc);
        double su = rs_step(p, c, &st, u, lb, &t, NULL, NULL, 0);
        if (st.viol > EPS || su > ub + EPS)
            return PM_INF;
        tard += t;
        if (t > mt)
            mt = t;
        load += p->tasks[u].demand;
        pref += pref_cost(p, r, u, NULL, NULL, NULL);
    }
    travel += pm_travel(p, st.loc, c->end);
    rs_finish(p, c, &st, NULL, NULL, 0);
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

double seq_cost_loose(const struct sol *s, int r, const int *seq, int n, double *maxtard)
{
    return seq_eval(s, r, seq, n, 2, maxtard);
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
