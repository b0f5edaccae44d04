/*
 * warm.c — the re-planning warm start: visits with `assigned` carers go
 * back to those carers first, where that is still feasible (see
 * search_warm_start below and docs/plan-engine.md).
 */
#include "plan/search.h"

#include <stdlib.h>
#include <string.h>

/* Is group g a single visit served by one carer and tied to nothing? */
static int plain_group(const plan_problem *p, int g)
{
    if (p->group_off[g + 1] - p->group_off[g] != 1)
        return 0;
    const struct pm_visit *x = &p->visits[p->group_vis[p->group_off[g]]];
    return x->n_carers == 1 && x->sync_with < 0;
}

/* Put the plain visits assigned to carer r (S->removed[0 .. n)) back into
 * route r in the order of S->key (pairs key, group); returns how many went
 * in, -1 on out-of-memory. Those left out stay out. */
static int warm_route(plan_solver *S, int r, int n, int *placed)
{
    const plan_problem *p = S->p;
    struct sol *s = &S->cur;
    int in = 0;
    S->only_route = r;
    for (int i = 0; i < n; i++) {
        int g = (int)S->key[2 * i + 1];
        int u = p->visits[p->group_vis[p->group_off[g]]].task0, rc = 0;
        /* first at its place in the order (after the stops starting before
         * its key), else at the cheapest place */
        const struct route *R = &s->r[r];
        int at = 0;
        while (at < R->n && R->start[at] <= S->key[2 * i])
            at++;
        if (ins_cost(s, r, at, u) < PM_INF / 2) {
            if (route_insert(s, r, at, u)) {
                S->only_route = -1;
                return -1;
            }
            sol_schedule(s);
            if (!p->has_sync || sol_feasible(s))
                rc = 1;
            else {
                route_remove(s, u);
                sol_schedule(s);
            }
        }
        if (!rc)
            rc = search_insert_task(S, s, u, 0);
        if (rc < 0) {
            S->only_route = -1;
            return -1;
        }
        placed[i] = rc;
        in += rc;
    }
    S->only_route = -1;
    return in;
}

/* Depth-first search for an order of the tasks cand[0 .. m) (sorted by
 * window end) that carer r can serve alone: seq[0 .. k) is the prefix so
 * far. A prefix is dropped when some remaining task could not even come
 * next (its earliest start), which is necessary for any later place. 1
 * found (in seq), 0 not found or out of budget. */
static int warm_dfs(const struct sol *s, int r, int *seq, int k, const int *cand, int m, char *used,
                    long *budget)
{
    if (k == m)
        return 1;
    int ok[64];
    for (int j = 0; j < m; j++) {
        ok[j] = 0;
        if (used[j])
            continue;
        if (--*budget < 0)
            return 0;
        seq[k] = cand[j];
        ok[j] = seq_cost(s, r, seq, k + 1) < PM_INF / 2;
        if (!ok[j])
            return 0;
    }
    for (int j = 0; j < m; j++) {
        if (used[j] || !ok[j])
            continue;
        used[j] = 1;
        seq[k] = cand[j];
        int rc = warm_dfs(s, r, seq, k + 1, cand, m, used, budget);
        used[j] = 0;
        if (rc)
            return 1;
        if (*budget < 0)
            return 0;
    }
    return 0;
}

/* Re-planning warm start: put visits with `assigned` carers back with
 * those carers first, where that is still feasible; whatever does not fit
 * is left to the general construction. The plan in force was feasible, but
 * its order is not in the problem: each carer's own plain visits (one
 * carer, no ties) are sequenced again by a bounded depth-first search in
 * the order of window ends; when that fails, a few insertion orders are
 * tried (window start, end, middle, random points in the windows) and the
 * one that puts most visits back (then cheapest) is kept. Tied groups
 * follow, each at its cheapest place in its carers' routes. */
#define WARM_TRIES   12
#define WARM_DFS_MAX 64
int search_warm_start(plan_solver *S)
{
    const plan_problem *p = S->p;
    struct sol *s = &S->cur;
    size_t nt = (size_t)p->n_tasks + 1;
    int *best = malloc(nt * 5 * sizeof *best);
    double *tkey = malloc(nt * 2 * sizeof *tkey);
    if (!best || !tkey)
        goto oom;
    int *placed = best + nt, *seq = placed + nt, *cand = seq + nt, *dpos = cand + nt;
    for (int u = 0; u < p->n_tasks; u++)
        dpos[u] = -1;
    char used[WARM_DFS_MAX];
    for (int r = 0; r < p->n_carers; r++) {
        /* the carer's plain visits (S->removed) and, for the search, also
         * its slots of tied groups whose every slot has an assigned carer */
        int n = 0, m = 0;
        for (int g = 0; g < p->n_groups; g++) {
            const struct pm_visit *x = &p->visits[p->group_vis[p->group_off[g]]];
            if (plain_group(p, g)) {
                if (x->n_assigned && x->assigned[0] == r && !x->why_unservable &&
                    pm_carer_can(p, r, p->group_vis[p->group_off[g]])) {
                    S->removed[n++] = g;
                    cand[m++] = x->task0;
                }
                continue;
            }
            int whole = 1;
            for (int k = p->group_off[g]; k < p->group_off[g + 1]; k++) {
                const struct pm_visit *y = &p->visits[p->group_vis[k]];
                whole &= y->n_assigned >= y->n_carers && !y->why_unservable;
            }
            for (int k = p->group_off[g]; whole && k < p->group_off[g + 1]; k++) {
                const struct pm_visit *y = &p->visits[p->group_vis[k]];
                for (int t = 0; t < y->n_carers; t++)
                    if (y->assigned[t] == r && pm_carer_can(p, r, p->group_vis[k]))
                        cand[m++] = y->task0 + t;
            }
        }
        if (!n && !m)
            continue;
        if (m <= WARM_DFS_MAX && s->r[r].n == 0) {
            for (int i = 0; i < m; i++) {
                const struct pm_visit *x = &p->visits[p->tasks[cand[i]].visit];
                tkey[2 * i] = x->win[x->n_win - 1].to + 1e-3 * x->win[0].from;
                tkey[2 * i + 1] = cand[i];
            }
            qsort(tkey, (size_t)m, 2 * sizeof *tkey, search_cmp_keyed);
            for (int i = 0; i < m; i++) {
                cand[i] = (int)tkey[2 * i + 1];
                used[i] = 0;
            }
            long budget = 200L * m * m;
            if (warm_dfs(s, r, seq, 0, cand, m, used, &budget)) {
                /* plain visits go in now, tied slots below (at their place
                 * in this order when the ties allow) */
                for (int i = 0, at = 0; i < m; i++) {
                    dpos[seq[i]] = i;
                    if (!plain_group(p, p->visits[p->tasks[seq[i]].visit].group))
                        continue;
                    if (route_insert(s, r, at++, seq[i]))
                        goto oom;
                }
                continue;
            }
        }
        if (!n)
            continue;
        sol_schedule(s);
        int best_in = -1;
        double best_cost = PM_INF;
        for (int a = 0; a < WARM_TRIES; a++) {
            for (int i = 0; i < n; i++) {
                const struct pm_visit *x = &p->visits[p->group_vis[p->group_off[S->removed[i]]]];
                double lo = x->win[0].from, hi = x->win[0].to;
                S->key[2 * i] = a == 0   ? lo
                                : a == 1 ? hi
                                : a == 2 ? 0.5 * (lo + hi)
                                         : lo + rng_unit(&S->rng) * (hi - lo);
                S->key[2 * i + 1] = S->removed[i];
            }
            qsort(S->key, (size_t)n, 2 * sizeof *S->key, search_cmp_keyed);
            double c0 = s->cost;
            int in = warm_route(S, r, n, placed);
            if (in < 0)
                goto oom;
            double c = s->cost - c0;
            if (in > best_in || (in == best_in && c < best_cost - 1e-9)) {
                best_in = in;
                best_cost = c;
                for (int i = 0; i < n; i++)
                    best[i] = (int)S->key[2 * i + 1];
            }
            int last = in == n || a + 1 == WARM_TRIES;
            if (last && in == best_in && c <= best_cost + 1e-9)
                break; /* the attempt in place is the one to keep */
            for (int i = 0; i < n; i++)
                if (placed[i])
                    route_remove(
                        s, p->visits[p->group_vis[p->group_off[(int)S->key[2 * i + 1]]]].task0);
            sol_schedule(s);
            if (last) {
                for (int i = 0; i < n; i++) {
                    S->key[2 * i] = i;
                    S->key[2 * i + 1] = best[i];
                }
                if (warm_route(S, r, n, placed) < 0)
                    goto oom;
                break;
            }
        }
    }
    sol_schedule(s);
    /* tied groups, in the order of their windows */
    S->stamp++;
    S->n_removed = 0;
    for (int g = 0; g < p->n_groups; g++) {
        const struct pm_visit *x = &p->visits[p->group_vis[p->group_off[g]]];
        if (x->n_assigned && !x->why_unservable && !plain_group(p, g) && s->rt[x->task0] < 0)
            S->removed[S->n_removed++] = g;
    }
    search_sort_removed(S, s, 10);
    for (int i = 0; i < S->n_removed; i++) {
        int g = S->removed[i], ok = 1;
        /* first each slot at its place in its carer's order */
        for (int k = p->group_off[g]; k < p->group_off[g + 1] && ok; k++) {
            const struct pm_visit *x = &p->visits[p->group_vis[k]];
            for (int t = 0; t < x->n_carers && ok; t++) {
                int u = x->task0 + t, r = t < x->n_assigned ? x->assigned[t] : -1;
                ok = r >= 0 && dpos[u] >= 0;
                if (!ok)
                    break;
                const struct route *R = &s->r[r];
                int at = 0;
                while (at < R->n && dpos[R->seq[at]] < dpos[u])
                    at++;
                if (route_insert(s, r, at, u))
                    goto oom;
            }
        }
        if (ok) {
            sol_schedule(s);
            if (sol_feasible(s))
                continue;
        }
        search_remove_group(s, g);
        sol_schedule(s);
        ok = 1;
        /* else each slot at its cheapest place in its carer's route */
        for (int k = p->group_off[g]; k < p->group_off[g + 1] && ok; k++) {
            const struct pm_visit *x = &p->visits[p->group_vis[k]];
            for (int t = 0; t < x->n_carers && ok; t++) {
                ok = t < x->n_assigned && !x->why_unservable;
                if (!ok)
                    break;
                S->only_route = x->assigned[t];
                int rc = search_insert_task(S, s, x->task0 + t, 0);
                S->only_route = -1;
                if (rc < 0)
                    goto oom;
                ok = rc == 1;
            }
        }
        if (!ok) {
            search_remove_group(s, g);
            sol_schedule(s);
        }
    }
    free(best);
    free(tkey);
    return 0;
oom:
    free(best);
    free(tkey);
    return -1;
}
