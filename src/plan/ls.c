/*
 * ls.c — local search.
 *
 * For plain problems (hard single windows, no breaks, no ties; e.g. VRPTW)
 * a granular neighbourhood descent: for each task u and each of its nearest
 * neighbours v, relocate a string of 1-3 tasks starting or ending at u next
 * to v (also reversed; inter- and intra-route, i.e. or-opt), swap strings
 * of 1-2 tasks between the routes of u and v, 2-opt* (exchange route tails)
 * and intra-route 2-opt (reverse the part between u and v). Every candidate
 * route is priced in O(1) per moved string by time-window segment
 * concatenation (Vidal et al. 2013: duration, time warp, earliest and
 * latest start, distance and load of a segment; a route is feasible when
 * its concatenation has no time warp), using each route's prefix and
 * suffix segments. First improvement, until no move improves.
 *
 * Other problems: 2-opt* only, priced by seq_cost (routes holding tied
 * tasks are left to ruin and recreate, since their timing depends on other
 * routes). In both cases every applied move is re-timed by the full
 * evaluator and undone if the plan did not get cheaper.
 */
#include "plan/search.h"
#include "plan/seg.h"

#include <stdlib.h>
#include <string.h>

/* Replace the tasks of routes a and b by sa[0 .. na) and sb[0 .. nb)
 * (b < 0: only route a). */
static int set_routes(struct sol *s, int a, const int *sa, int na, int b, const int *sb, int nb)
{
    while (s->r[a].n)
        route_remove(s, s->r[a].seq[s->r[a].n - 1]);
    if (b >= 0)
        while (s->r[b].n)
            route_remove(s, s->r[b].seq[s->r[b].n - 1]);
    for (int i = 0; i < na; i++)
        if (route_insert(s, a, i, sa[i]))
            return -1;
    if (b >= 0)
        for (int i = 0; i < nb; i++)
            if (route_insert(s, b, i, sb[i]))
                return -1;
    return 0;
}

/* ---- 2-opt* for problems that are not plain ---- */

static int local_2opt_star(plan_solver *S, struct sol *s)
{
    const plan_problem *p = S->p;
    int cap = p->n_tasks + 2, improved = 1, rounds = 0;
    int *na = malloc((size_t)cap * sizeof *na), *nb = malloc((size_t)cap * sizeof *nb);
    int *oa = malloc((size_t)cap * sizeof *oa), *ob = malloc((size_t)cap * sizeof *ob);
    int rc = -1;
    if (!na || !nb || !oa || !ob)
        goto out;
    if (p->w.max_tardiness > 0)
        goto done; /* the global maximum makes route-local pricing inexact */
    while (improved && rounds++ < 50) {
        improved = 0;
        for (int u = 0; u < p->n_tasks; u++) {
            int A = s->rt[u];
            if (A < 0 || s->r[A].n_sync)
                continue;
            for (int k = 0; k < p->n_near; k++) {
                int v = p->near[(size_t)u * (size_t)p->n_near + (size_t)k];
                int B = s->rt[v];
                if (B < 0 || B == A || s->r[B].n_sync)
                    continue;
                const struct route *RA = &s->r[A], *RB = &s->r[B];
                int i = s->pos[u] + 1, j = s->pos[v]; /* A keeps [0, i), B keeps [0, j) */
                int la = 0, lb = 0;
                memcpy(na, RA->seq, (size_t)i * sizeof *na);
                la = i;
                memcpy(na + la, RB->seq + j, (size_t)(RB->n - j) * sizeof *na);
                la += RB->n - j;
                memcpy(nb, RB->seq, (size_t)j * sizeof *nb);
                lb = j;
                memcpy(nb + lb, RA->seq + i, (size_t)(RA->n - i) * sizeof *nb);
                lb += RA->n - i;
                double before = route_cost(s, A) + route_cost(s, B);
                double ca = seq_cost(s, A, na, la);
                if (ca >= PM_INF / 2 || ca >= before - 1e-6)
                    continue;
                double cb = seq_cost(s, B, nb, lb);
                if (cb >= PM_INF / 2 || ca + cb >= before - 1e-6)
                    continue;
                /* apply, verify with the full evaluator, undo if not better */
                double old = s->cost;
                int noa = RA->n, nob = RB->n;
                memcpy(oa, RA->seq, (size_t)noa * sizeof *oa);
                memcpy(ob, RB->seq, (size_t)nob * sizeof *ob);
                if (set_routes(s, A, na, la, B, nb, lb))
                    goto out;
                sol_schedule(s);
                if (s->cost < old - 1e-6 && (!p->has_sync || sol_feasible(s))) {
                    improved = 1;
                    break;
                }
                if (set_routes(s, A, oa, noa, B, ob, nob))
                    goto out;
                sol_schedule(s);
            }
        }
    }
done:
    rc = 0;
out:
    free(na);
    free(nb);
    free(oa);
    free(ob);
    return rc;
}

/* ---- plain problems: segment concatenation (seg.h) ---- */

/* A run of a route's current tasks: seq[i .. j] of route r, maybe reversed. */
struct piece {
    int r, i, j, rev;
};

struct lsx {
    plan_solver *S;
    struct sol *s;
    const plan_problem *p;
    struct seg *fwd, *bwd; /* per task: segment from its route's start / to its end */
    int has_pref, skills;
    int *ba, *bb, *oa, *ob, *order;
};

static void refresh(struct lsx *x, int r)
{
    const plan_problem *p = x->p;
    const struct route *R = &x->s->r[r];
    for (int i = 0; i < R->n; i++) {
        int u = R->seq[i];
        struct seg g = seg_task(p, u);
        x->fwd[u] = i ? seg_cat(p, &x->fwd[R->seq[i - 1]], &g) : g;
    }
    for (int i = R->n - 1; i >= 0; i--) {
        int u = R->seq[i];
        struct seg g = seg_task(p, u);
        x->bwd[u] = i < R->n - 1 ? seg_cat(p, &g, &x->bwd[R->seq[i + 1]]) : g;
    }
}

/* Cost of route r made of the pieces (PM_INF if infeasible). */
static double eval_pieces(const struct lsx *x, int r, const struct piece *pc, int n_pc)
{
    const plan_problem *p = x->p;
    const struct pm_carer *c = &p->carers[r];
    const struct sol *s = x->s;
    struct seg acc = seg_depot(c, c->start);
    double pref = 0;
    int n = 0;
    for (int k = 0; k < n_pc; k++) {
        const struct piece *q = &pc[k];
        const struct route *Q = &s->r[q->r];
        n += q->j - q->i + 1;
        if ((x->skills && q->r != r) || x->has_pref)
            for (int i = q->i; i <= q->j; i++) {
                int u = Q->seq[i];
                if (x->skills && q->r != r && !pm_carer_can(p, r, p->tasks[u].visit))
                    return PM_INF;
                if (x->has_pref)
                    pref += pref_cost(p, r, u, NULL, NULL, NULL);
            }
        if (!q->rev && q->i == 0)
            acc = seg_cat(p, &acc, &x->fwd[Q->seq[q->j]]);
        else if (!q->rev && q->j == Q->n - 1)
            acc = seg_cat(p, &acc, &x->bwd[Q->seq[q->i]]);
        else
            for (int i = 0; i <= q->j - q->i; i++) {
                struct seg g = seg_task(p, Q->seq[q->rev ? q->j - i : q->i + i]);
                acc = seg_cat(p, &acc, &g);
            }
        if (acc.TW > EPS || (c->capacity >= 0 && acc.load > c->capacity + EPS))
            return PM_INF;
    }
    if (!n)
        return 0;
    struct seg end = seg_depot(c, c->end);
    acc = seg_cat(p, &acc, &end);
    if (acc.TW > EPS)
        return PM_INF;
    return p->w.carers_used + p->w.travel * acc.dist + pref;
}

static int put(struct piece *pc, int n, int r, int i, int j, int rev)
{
    if (i <= j)
        pc[n++] = (struct piece){r, i, j, rev};
    return n;
}

static int materialize(const struct sol *s, const struct piece *pc, int n_pc, int *out)
{
    int n = 0;
    for (int k = 0; k < n_pc; k++) {
        const struct route *Q = &s->r[pc[k].r];
        for (int i = 0; i <= pc[k].j - pc[k].i; i++)
            out[n++] = Q->seq[pc[k].rev ? pc[k].j - i : pc[k].i + i];
    }
    return n;
}

/* Price routes A (and B unless B < 0) rebuilt from pieces; apply when
 * cheaper and confirmed by the full evaluator. 1 applied, 0 not, -1 oom. */
static int try_move(struct lsx *x, int A, const struct piece *pa, int npa, int B,
                    const struct piece *pb, int npb)
{
    struct sol *s = x->s;
    double before = route_cost(s, A) + (B >= 0 ? route_cost(s, B) : 0);
    double ca = eval_pieces(x, A, pa, npa);
    if (ca >= PM_INF / 2)
        return 0;
    double cb = B >= 0 ? eval_pieces(x, B, pb, npb) : 0;
    if (ca + cb >= before - 1e-6)
        return 0;
    int la = materialize(s, pa, npa, x->ba), lb = B >= 0 ? materialize(s, pb, npb, x->bb) : 0;
    int noa = s->r[A].n, nob = B >= 0 ? s->r[B].n : 0;
    memcpy(x->oa, s->r[A].seq, (size_t)noa * sizeof *x->oa);
    if (B >= 0)
        memcpy(x->ob, s->r[B].seq, (size_t)nob * sizeof *x->ob);
    double old = s->cost;
    if (set_routes(s, A, x->ba, la, B, x->bb, lb))
        return -1;
    sol_schedule(s);
    if (!(s->cost < old - 1e-6)) {
        if (set_routes(s, A, x->oa, noa, B, x->ob, nob))
            return -1;
        sol_schedule(s);
        return 0;
    }
    refresh(x, A);
    if (B >= 0)
        refresh(x, B);
    return 1;
}

/* Relocate the string seq[a .. b] of route A (maybe reversed) to the gap
 * before position g of route B (g = n: at the end). */
static int relocate(struct lsx *x, int A, int a, int b, int rev, int B, int g)
{
    const struct sol *s = x->s;
    struct piece pa[4], pb[3];
    int na = 0, nb = 0, nA = s->r[A].n;
    if (A != B) {
        na = put(pa, na, A, 0, a - 1, 0);
        na = put(pa, na, A, b + 1, nA - 1, 0);
        nb = put(pb, nb, B, 0, g - 1, 0);
        nb = put(pb, nb, A, a, b, rev);
        nb = put(pb, nb, B, g, s->r[B].n - 1, 0);
        return try_move(x, A, pa, na, B, pb, nb);
    }
    if (g > a && g <= b)
        return 0; /* inside the string */
    if ((g == a || g == b + 1) && (!rev || a == b))
        return 0; /* in place */
    if (g <= a) {
        na = put(pa, na, A, 0, g - 1, 0);
        na = put(pa, na, A, a, b, rev);
        na = put(pa, na, A, g, a - 1, 0);
        na = put(pa, na, A, b + 1, nA - 1, 0);
    } else {
        na = put(pa, na, A, 0, a - 1, 0);
        na = put(pa, na, A, b + 1, g - 1, 0);
        na = put(pa, na, A, a, b, rev);
        na = put(pa, na, A, g, nA - 1, 0);
    }
    return try_move(x, A, pa, na, -1, NULL, 0);
}

/* All moves between task u and its neighbour v; 1 if one was applied. */
static int moves_uv(struct lsx *x, int u, int v)
{
    const struct sol *s = x->s;
    int A = s->rt[u], B = s->rt[v], iu = s->pos[u], jv = s->pos[v];
    int nA = s->r[A].n, nB = s->r[B].n, rc;
    struct piece pa[4], pb[4];
    int na, nb;
    /* relocate strings of 1-3 with u next to v: u first after v, or u last before v */
    for (int k = 1; k <= 3; k++) {
        if (iu + k - 1 < nA) {
            int a = iu, b = iu + k - 1;
            if (A != B || jv < a || jv > b) {
                if ((rc = relocate(x, A, a, b, 0, B, jv + 1)))
                    return rc;
                if (k > 1 && (rc = relocate(x, A, a, b, 1, B, jv)))
                    return rc;
            }
        }
        if (k > 1 && iu - k + 1 >= 0) {
            int a = iu - k + 1, b = iu;
            if (A != B || jv < a || jv > b) {
                if ((rc = relocate(x, A, a, b, 0, B, jv)))
                    return rc;
                if ((rc = relocate(x, A, a, b, 1, B, jv + 1)))
                    return rc;
            }
        } else if (k == 1 && (A != B || jv != iu))
            if ((rc = relocate(x, A, iu, iu, 0, B, jv)))
                return rc;
    }
    if (A != B) {
        /* swap strings of 1-2 starting at u and at v */
        for (int k1 = 1; k1 <= 2; k1++)
            for (int k2 = 1; k2 <= 2; k2++) {
                if (iu + k1 > nA || jv + k2 > nB)
                    continue;
                na = nb = 0;
                na = put(pa, na, A, 0, iu - 1, 0);
                na = put(pa, na, B, jv, jv + k2 - 1, 0);
                na = put(pa, na, A, iu + k1, nA - 1, 0);
                nb = put(pb, nb, B, 0, jv - 1, 0);
                nb = put(pb, nb, A, iu, iu + k1 - 1, 0);
                nb = put(pb, nb, B, jv + k2, nB - 1, 0);
                if ((rc = try_move(x, A, pa, na, B, pb, nb)))
                    return rc;
            }
        /* 2-opt*: u then v, or v then u */
        na = nb = 0;
        na = put(pa, na, A, 0, iu, 0);
        na = put(pa, na, B, jv, nB - 1, 0);
        nb = put(pb, nb, B, 0, jv - 1, 0);
        nb = put(pb, nb, A, iu + 1, nA - 1, 0);
        if ((rc = try_move(x, A, pa, na, B, pb, nb)))
            return rc;
        na = nb = 0;
        na = put(pa, na, A, 0, iu - 1, 0);
        na = put(pa, na, B, jv + 1, nB - 1, 0);
        nb = put(pb, nb, B, 0, jv, 0);
        nb = put(pb, nb, A, iu, nA - 1, 0);
        if ((rc = try_move(x, A, pa, na, B, pb, nb)))
            return rc;
    } else {
        /* 2-opt: reverse what lies between u and v so that they become adjacent */
        int lo = iu < jv ? iu : jv, hi = iu < jv ? jv : iu;
        if (hi - lo >= 2) {
            na = 0;
            na = put(pa, na, A, 0, lo, 0);
            na = put(pa, na, A, lo + 1, hi, 1);
            na = put(pa, na, A, hi + 1, nA - 1, 0);
            if ((rc = try_move(x, A, pa, na, -1, NULL, 0)))
                return rc;
        }
    }
    return 0;
}

static int local_plain(plan_solver *S, struct sol *s, const char *only)
{
    const plan_problem *p = S->p;
    size_t nt = (size_t)p->n_tasks + 1;
    struct lsx x = {S, s, p, NULL, NULL, 0, 0, NULL, NULL, NULL, NULL, NULL};
    int rc = -1;
    x.fwd = malloc(nt * sizeof *x.fwd);
    x.bwd = malloc(nt * sizeof *x.bwd);
    x.ba = malloc(nt * sizeof *x.ba);
    x.bb = malloc(nt * sizeof *x.bb);
    x.oa = malloc(nt * sizeof *x.oa);
    x.ob = malloc(nt * sizeof *x.ob);
    x.order = malloc(nt * sizeof *x.order);
    char *act = malloc((size_t)s->n_routes + 1), *next = calloc((size_t)s->n_routes + 1, 1);
    if (!x.fwd || !x.bwd || !x.ba || !x.bb || !x.oa || !x.ob || !x.order || !act || !next)
        goto out;
    /* a pair (u, v) is looked at while the route of u or of v changed in
     * the previous pass (first pass: the routes in `only`, or all) */
    for (int r = 0; r < s->n_routes; r++)
        act[r] = only ? only[r] : 1;
    for (int v = 0; v < p->n_visits; v++) {
        const struct pm_visit *vv = &p->visits[v];
        if (vv->skills)
            x.skills = 1;
        if ((vv->n_pref && p->w.not_preferred) || (vv->n_assigned && p->w.changed) ||
            (vv->team >= 0 && p->w.team_mismatch))
            x.has_pref = 1;
    }
    for (int r = 0; r < s->n_routes; r++)
        refresh(&x, r);
    for (int u = 0; u < p->n_tasks; u++)
        x.order[u] = u;
    for (int pass = 0, improved = 1; improved && pass < 1000; pass++) {
        improved = 0;
        if (pass > 0) {
            memcpy(act, next, (size_t)s->n_routes);
            memset(next, 0, (size_t)s->n_routes);
        }
        for (int i = p->n_tasks - 1; i > 0; i--) {
            int j = rng_int(&S->rng, i + 1), t = x.order[i];
            x.order[i] = x.order[j];
            x.order[j] = t;
        }
        for (int k = 0; k < p->n_tasks; k++) {
            int u = x.order[k];
            if (s->rt[u] < 0)
                continue;
            for (int m = 0; m < p->n_near; m++) {
                int v = p->near[(size_t)u * (size_t)p->n_near + (size_t)m];
                if (s->rt[v] < 0 || (!act[s->rt[u]] && !act[s->rt[v]]))
                    continue;
                int A = s->rt[u], B = s->rt[v];
                int r = moves_uv(&x, u, v);
                if (r < 0)
                    goto out;
                if (r) {
                    improved = 1;
                    act[A] = act[B] = next[A] = next[B] = 1;
                    if (s->rt[u] < 0)
                        break;
                }
            }
        }
    }
    rc = 0;
out:
    free(x.fwd);
    free(x.bwd);
    free(x.ba);
    free(x.bb);
    free(x.oa);
    free(x.ob);
    free(x.order);
    free(act);
    free(next);
    return rc;
}

int search_local(plan_solver *S, struct sol *s)
{
    if (S->p->plain && S->p->w.max_tardiness <= 0)
        return local_plain(S, s, NULL);
    return local_2opt_star(S, s);
}

int search_local_some(plan_solver *S, struct sol *s, const char *only)
{
    if (S->p->plain && S->p->w.max_tardiness <= 0)
        return local_plain(S, s, only);
    return local_2opt_star(S, s);
}
