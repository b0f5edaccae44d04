/*
 * ls-tied.c — local search for the plans the 2-opt* of ls.c leaves alone:
 * soft windows with a global maximum tardiness, routes holding tied tasks
 * (double-staffed and synced visits), breaks.
 *
 * Moves, first improvement, until none improves (at most LT_PASSES
 * passes): or-opt within a route (a string of 1-3 tasks to another place
 * of the same route), relocate of a task to another route next to one of
 * its LT_NEAR nearest neighbours (before or after it), swap of a task with
 * one of those neighbours in another route, 2-opt* (the two routes'
 * tails exchanged so that the task and that neighbour follow each other).
 * Tied tasks move too, only not into a route holding a partner.
 *
 * A move is priced by re-running the changed routes with every tied
 * partner frozen at its current start (seq_cost_tied): the new sequence is
 * timed as if partners stayed put, and a tied task that would start later
 * than they allow prices PM_INF. That timing is consistent with all other
 * routes, so the least fixed point of the new plan starts every task no
 * later and its cost is at most the priced one: a move priced as improving
 * does improve (the maximum tardiness is taken over the unchanged routes
 * too). It is applied and re-timed by the full evaluator anyway, and undone
 * unless the plan got cheaper and stayed feasible.
 *
 * A move that prices PM_INF so (its partners would have to move later) is
 * priced once more with the ties ignored (seq_cost_loose: a lower bound,
 * tied tasks need different carers still) and, when that improves, tried
 * by the full evaluator. Frozen partners alone leave plans whose two routes
 * share double-staffed visits stuck: swapping those two routes' first
 * visits may save distance and add no tardiness, but the route taking the
 * extra visit reaches the shared visits later than their frozen starts
 * (bench/results/README.md, 2026-12-07).
 *
 * With a time limit (or a
 * stop callback) it gives up when time is out, so the final call adds
 * little past the limit.
 */
#include "plan/search.h"

#include <stdlib.h>
#include <string.h>

#define LT_NEAR   12
#define LT_PASSES 8

struct lt {
    plan_solver *S; /* its snap: the plan before the move being tried */
    struct sol *s;
    int *a, *b;     /* candidate sequences */
    char *back;     /* per route: copied back by an undo */
    double m[3];    /* the three largest route maxima of tardiness ... */
    int mr[3];      /* ... and their routes */
};

static void lt_top(struct lt *L)
{
    const struct sol *s = L->s;
    for (int k = 0; k < 3; k++) {
        L->m[k] = 0;
        L->mr[k] = -1;
    }
    for (int r = 0; r < s->n_routes; r++) {
        double v = s->r[r].n ? s->r[r].maxtard : 0;
        for (int k = 0; k < 3; k++)
            if (L->mr[k] < 0 || v > L->m[k]) {
                for (int j = 2; j > k; j--) {
                    L->m[j] = L->m[j - 1];
                    L->mr[j] = L->mr[j - 1];
                }
                L->m[k] = v;
                L->mr[k] = r;
                break;
            }
    }
}

/* Largest route maximum of tardiness outside routes r1, r2. */
static double lt_other_max(const struct lt *L, int r1, int r2)
{
    for (int k = 0; k < 3; k++)
        if (L->mr[k] >= 0 && L->mr[k] != r1 && L->mr[k] != r2)
            return L->m[k];
    return 0;
}

/* Priced change of replacing route ra by a[0 .. na) and (rb >= 0) route rb
 * by b[0 .. nb), tied partners frozen or (loose) ties ignored; PM_INF when
 * not allowed. */
static double lt_price(const struct lt *L, int ra, int na, int rb, int nb, int loose)
{
    const struct sol *s = L->s;
    const struct pm_weights *w = &s->p->w;
    double (*seq)(const struct sol *, int, const int *, int, double *) =
        loose ? seq_cost_loose : seq_cost_tied;
    double ma = 0, mb = 0;
    double ca = seq(s, ra, L->a, na, &ma);
    if (ca >= PM_INF / 2)
        return PM_INF;
    double d = ca - route_cost(s, ra);
    if (rb >= 0) {
        double cb = seq(s, rb, L->b, nb, &mb);
        if (cb >= PM_INF / 2)
            return PM_INF;
        d += cb - route_cost(s, rb);
    }
    if (w->max_tardiness > 0) {
        double g = lt_other_max(L, ra, rb);
        if (ma > g)
            g = ma;
        if (mb > g)
            g = mb;
        d += w->max_tardiness * (g - s->gmax);
    }
    return d;
}

/* The change priced with partners frozen, or, where they would have to
 * move, with ties ignored (optimistic: lt_apply decides). */
static double lt_delta(const struct lt *L, int ra, int na, int rb, int nb)
{
    double d = lt_price(L, ra, na, rb, nb, 0);
    return d < PM_INF / 2 ? d : lt_price(L, ra, na, rb, nb, 1);
}

static void lt_clear(struct sol *s, int r)
{
    while (s->r[r].n)
        route_remove(s, s->r[r].seq[s->r[r].n - 1]);
}

/* Routes ra, rb (rb < 0: none) become a[0 .. na), b[0 .. nb) (both
 * emptied first: a task may move from one to the other). */
static int lt_set(struct sol *s, int ra, const int *a, int na, int rb, const int *b, int nb)
{
    lt_clear(s, ra);
    if (rb >= 0)
        lt_clear(s, rb);
    for (int i = 0; i < na; i++)
        if (route_insert(s, ra, i, a[i]))
            return -1;
    for (int i = 0; i < nb; i++)
        if (route_insert(s, rb, i, b[i]))
            return -1;
    return 0;
}

/* Apply the candidate routes, re-time; keep if cheaper and feasible, else
 * copy back from S->snap (the plan as it was) every route the timing
 * touched, partners' routes too (re-timing the old sequences instead can
 * settle elsewhere when tied starts cross, and leave a plan with a
 * violation from which a move "improves" back to the plan it came from,
 * for ever). S->snap_seen holds each route's gen as S->snap has it.
 * 1 kept, 0 undone, -1 out of memory. */
static int lt_apply(struct lt *L, int ra, int na, int rb, int nb)
{
    plan_solver *S = L->S;
    struct sol *s = L->s;
    double old = s->cost;
    memcpy(S->dsave, s->dirty, (size_t)s->n_routes);
    if (lt_set(s, ra, L->a, na, rb, L->b, nb))
        return -1;
    sol_schedule(s);
    if (s->cost < old - 1e-9 && (!s->p->has_sync || sol_feasible(s))) {
        if (sol_copy_changed(&S->snap, s, S->snap_seen))
            return -1;
        lt_top(L);
        return 1;
    }
    for (int r = 0; r < s->n_routes; r++)
        L->back[r] = s->gen[r] != S->snap_seen[r];
    if (sol_copy_dirty(s, &S->snap, L->back))
        return -1;
    for (int r = 0; r < s->n_routes; r++)
        S->snap_seen[r] = s->gen[r];
    memcpy(s->dirty, S->dsave, (size_t)s->n_routes);
    return 0;
}

/* Or-opt within route r; 1 improved, 0 not, -1 oom. */
static int lt_oropt(struct lt *L, int r)
{
    struct sol *s = L->s;
    for (int len = 1; len <= 3; len++) {
        int n = s->r[r].n;
        for (int i = 0; i + len <= n; i++)
            for (int j = 0; j + len <= n; j++) {
                if (j == i)
                    continue;
                /* the rest without the string, the string going in at j */
                const int *q = s->r[r].seq;
                int k = 0;
                for (int x = 0, y = 0; x <= n - len; x++) {
                    if (x == j)
                        for (int z = 0; z < len; z++)
                            L->a[k++] = q[i + z];
                    if (x < n - len) {
                        if (y == i)
                            y += len;
                        L->a[k++] = q[y++];
                    }
                }
                if (lt_delta(L, r, n, -1, 0) < -1e-6) {
                    int rc = lt_apply(L, r, n, -1, 0);
                    if (rc)
                        return rc;
                }
            }
    }
    return 0;
}

/* Relocate task u next to its neighbours in other routes, or swap it with
 * them; 1 improved, 0 not, -1 oom. */
static int lt_task(struct lt *L, int u)
{
    struct sol *s = L->s;
    const plan_problem *p = s->p;
    int ra = s->rt[u];
    if (ra < 0)
        return 0;
    int kmax = p->n_near < LT_NEAR ? p->n_near : LT_NEAR;
    for (int k = 0; k < kmax; k++) {
        int t = p->near[(size_t)u * (size_t)p->n_near + (size_t)k];
        int rb = s->rt[t];
        if (rb < 0 || rb == ra)
            continue;
        const struct route *A = &s->r[ra], *B = &s->r[rb];
        int iu = s->pos[u], it = s->pos[t];
        /* relocate: u before or after t */
        if (pm_carer_can(p, rb, p->tasks[u].visit)) {
            int na = 0;
            for (int x = 0; x < A->n; x++)
                if (x != iu)
                    L->a[na++] = A->seq[x];
            for (int side = 0; side < 2; side++) {
                int at = it + side, nb = 0;
                for (int x = 0; x <= B->n; x++) {
                    if (x == at)
                        L->b[nb++] = u;
                    if (x < B->n)
                        L->b[nb++] = B->seq[x];
                }
                if (lt_delta(L, ra, na, rb, nb) < -1e-6) {
                    int rc = lt_apply(L, ra, na, rb, nb);
                    if (rc)
                        return rc;
                    A = &s->r[ra];
                    B = &s->r[rb];
                }
            }
        }
        /* swap u and t */
        if (pm_carer_can(p, rb, p->tasks[u].visit) && pm_carer_can(p, ra, p->tasks[t].visit)) {
            memcpy(L->a, A->seq, (size_t)A->n * sizeof *L->a);
            memcpy(L->b, B->seq, (size_t)B->n * sizeof *L->b);
            L->a[iu] = t;
            L->b[it] = u;
            if (lt_delta(L, ra, A->n, rb, B->n) < -1e-6) {
                int rc = lt_apply(L, ra, A->n, rb, B->n);
                if (rc)
                    return rc;
            }
        }
    }
    return 0;
}

/* 2-opt*: tails of u's route and t's route exchanged, u then followed by
 * t (and, the other way round, t by u); 1 improved, 0 not, -1 oom. */
static int lt_tails(struct lt *L, int u)
{
    struct sol *s = L->s;
    const plan_problem *p = s->p;
    int ra = s->rt[u];
    if (ra < 0)
        return 0;
    int kmax = p->n_near < LT_NEAR ? p->n_near : LT_NEAR;
    for (int k = 0; k < kmax; k++) {
        int t = p->near[(size_t)u * (size_t)p->n_near + (size_t)k];
        int rb = s->rt[t];
        if (rb < 0 || rb == ra)
            continue;
        for (int dir = 0; dir < 2; dir++) {
            const struct route *A = &s->r[ra], *B = &s->r[rb];
            /* A keeps [0, i) and takes B from j; B keeps [0, j), takes A from i */
            int i = dir ? s->pos[u] : s->pos[u] + 1, j = dir ? s->pos[t] + 1 : s->pos[t];
            int na = 0, nb = 0;
            for (int x = 0; x < i; x++)
                L->a[na++] = A->seq[x];
            for (int x = j; x < B->n; x++)
                L->a[na++] = B->seq[x];
            for (int x = 0; x < j; x++)
                L->b[nb++] = B->seq[x];
            for (int x = i; x < A->n; x++)
                L->b[nb++] = A->seq[x];
            if (lt_delta(L, ra, na, rb, nb) < -1e-6) {
                int rc = lt_apply(L, ra, na, rb, nb);
                if (rc)
                    return rc;
                if (s->rt[u] != ra || s->rt[t] != rb)
                    break;
            }
        }
    }
    return 0;
}

/* Past the time limit or asked to stop (never with an iteration budget
 * alone, which keeps such runs deterministic). */
static int lt_stop(plan_solver *S)
{
    if (S->time_limit > 0 && plan_now() - S->t0 >= S->time_limit)
        return 1;
    return S->stop && S->stop(S->stop_user);
}

int search_local_tied(plan_solver *S, struct sol *s)
{
    const plan_problem *p = S->p;
    if (p->plain)
        return 0; /* ls.c */
    size_t cap = (size_t)p->n_tasks + 2;
    struct lt L = {.S = S, .s = s};
    L.a = malloc(2 * cap * sizeof *L.a);
    L.back = malloc((size_t)s->n_routes);
    if (!L.a || !L.back) {
        free(L.a);
        free(L.back);
        return -1;
    }
    L.b = L.a + cap;
    sol_schedule(s);
    S->snap_of = NULL; /* insert_group takes its snapshot afresh */
    int rc = sol_copy(&S->snap, s) ? -1 : 0;
    for (int r = 0; r < s->n_routes; r++)
        S->snap_seen[r] = s->gen[r];
    lt_top(&L);
    for (int pass = 0, improved = 1; rc >= 0 && improved && pass < LT_PASSES; pass++) {
        improved = 0;
        if (lt_stop(S))
            break;
        for (int r = 0; r < s->n_routes && rc >= 0; r++)
            while ((rc = lt_oropt(&L, r)) > 0)
                improved = 1;
        for (int u = 0; u < p->n_tasks && rc >= 0; u++) {
            if ((u & 63) == 63 && lt_stop(S))
                break;
            while ((rc = lt_task(&L, u)) > 0)
                improved = 1;
            while (rc >= 0 && (rc = lt_tails(&L, u)) > 0)
                improved = 1;
        }
        if (rc < 0)
            break;
    }
    free(L.a);
    free(L.back);
    return rc < 0 ? -1 : 0;
}
