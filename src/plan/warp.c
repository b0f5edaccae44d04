/*
 * warp.c — the annealing with the fleet fixed, through late plans.
 *
 * Once the fleet minimisation has emptied what routes it could, the
 * annealing may not open routes, and with left-out visits as its only way
 * through infeasible plans it stalls: the current plan leaves a visit out
 * nearly all the time and the best plan stops improving after the fleet
 * minimisation (bench/results/README.md, 2026-12-07). Here every visit is
 * always routed; a visit that does not fit in time makes its route late
 * instead, and the lateness ("time warp": going back to the window's end,
 * Vidal et al. 2013) costs an adaptive penalty per minute. Insertion is
 * priced in O(1) per position by segment concatenation (seg.h) of each
 * route's prefix, the visit and the suffix. Plans without time warp that
 * beat the best plan are written into the engine's solution, checked by
 * the full evaluator and improved by the local search.
 *
 * Plain problems only (hard single windows, no breaks, no ties), with
 * carers alike (start, end, shift, skills, capacity) and an objective of
 * routes and travel only (no preferred carers, plan in force, teams or
 * optional visits): the plan here knows nothing else.
 */
#include "plan/search.h"
#include "plan/seg.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct wroute {
    int n, cap;
    int *seq;
    struct seg *fw, *bw; /* fw[i]: start place and seq[0 .. i); bw[i]: seq[i ..) and end place */
    struct seg all;      /* the whole route (zero for an empty one) */
    int closed;          /* empty in the best plan: not opened again */
};

struct wplan {
    int n_routes;
    struct wroute *r;
    int *rt, *pos; /* per task; rt -1 when not routed */
    char *dirty;   /* per route: changed since the last copy */
};

struct warp {
    plan_solver *S;
    const plan_problem *p;
    struct wplan cur, cand;
    int *rem, n_rem; /* tasks taken out, to re-insert */
    int *stamp, st;  /* per route: ruin stamp */
    double *key;     /* pairs (key, task) for the insertion order */
    double omega;    /* penalty per minute of time warp */
    int *ba, *bb;    /* scratch: two routes' new sequences */
};

static int wroute_reserve(struct wroute *R, int n)
{
    if (n <= R->cap)
        return 0;
    int cap = R->cap ? R->cap : 8;
    while (cap < n)
        cap *= 2;
    int *seq = realloc(R->seq, (size_t)cap * sizeof *seq);
    if (!seq)
        return -1;
    R->seq = seq;
    struct seg *fw = realloc(R->fw, (size_t)(cap + 1) * sizeof *fw);
    if (!fw)
        return -1;
    R->fw = fw;
    struct seg *bw = realloc(R->bw, (size_t)(cap + 1) * sizeof *bw);
    if (!bw)
        return -1;
    R->bw = bw;
    R->cap = cap;
    return 0;
}

static int wplan_init(struct wplan *W, const plan_problem *p)
{
    memset(W, 0, sizeof *W);
    W->n_routes = p->n_carers;
    W->r = calloc((size_t)p->n_carers, sizeof *W->r);
    W->rt = malloc((size_t)p->n_tasks * sizeof *W->rt);
    W->pos = malloc((size_t)p->n_tasks * sizeof *W->pos);
    W->dirty = calloc((size_t)p->n_carers, 1);
    if (!W->r || !W->rt || !W->pos || !W->dirty)
        return -1;
    for (int r = 0; r < W->n_routes; r++)
        if (wroute_reserve(&W->r[r], 8))
            return -1;
    return 0;
}

static void wplan_free(struct wplan *W)
{
    for (int r = 0; W->r && r < W->n_routes; r++) {
        free(W->r[r].seq);
        free(W->r[r].fw);
        free(W->r[r].bw);
    }
    free(W->r);
    free(W->rt);
    free(W->pos);
    free(W->dirty);
}

/* Recompute route r's prefix and suffix segments. */
static void wroute_time(const plan_problem *p, struct wplan *W, int r)
{
    const struct pm_carer *c = &p->carers[r];
    struct wroute *R = &W->r[r];
    R->fw[0] = seg_depot(c, c->start);
    for (int i = 0; i < R->n; i++) {
        struct seg g = seg_task(p, R->seq[i]);
        R->fw[i + 1] = seg_cat(p, &R->fw[i], &g);
    }
    R->bw[R->n] = seg_depot(c, c->end);
    for (int i = R->n - 1; i >= 0; i--) {
        struct seg g = seg_task(p, R->seq[i]);
        R->bw[i] = seg_cat(p, &g, &R->bw[i + 1]);
    }
    if (R->n)
        R->all = seg_cat(p, &R->fw[R->n], &R->bw[R->n]);
    else
        memset(&R->all, 0, sizeof R->all);
}

/* Routes, travel and time warp at the given penalty (the acceptance cost). */
static double wplan_cost(const plan_problem *p, const struct wplan *W, double omega, double *tw)
{
    double c = 0, t = 0;
    for (int r = 0; r < W->n_routes; r++)
        if (W->r[r].n) {
            c += p->w.carers_used + p->w.travel * W->r[r].all.dist;
            t += W->r[r].all.TW;
        }
    if (tw)
        *tw = t;
    return c + omega * t;
}

/* Copy the routes marked dirty in `which` from src to dst. */
static int wplan_copy_dirty(struct wplan *dst, const struct wplan *src, const char *which)
{
    for (int r = 0; r < src->n_routes; r++) {
        if (!which[r])
            continue;
        const struct wroute *A = &src->r[r];
        struct wroute *B = &dst->r[r];
        if (wroute_reserve(B, A->n))
            return -1;
        B->n = A->n;
        memcpy(B->seq, A->seq, (size_t)A->n * sizeof *A->seq);
        memcpy(B->fw, A->fw, (size_t)(A->n + 1) * sizeof *A->fw);
        memcpy(B->bw, A->bw, (size_t)(A->n + 1) * sizeof *A->bw);
        B->all = A->all;
        B->closed = A->closed;
        for (int i = 0; i < A->n; i++) {
            dst->rt[A->seq[i]] = r;
            dst->pos[A->seq[i]] = i;
        }
    }
    return 0;
}

/* Route r := seq[0 .. n), timed. */
static int wroute_set(const plan_problem *p, struct wplan *W, int r, const int *seq, int n)
{
    struct wroute *R = &W->r[r];
    if (wroute_reserve(R, n))
        return -1;
    memcpy(R->seq, seq, (size_t)n * sizeof *seq);
    R->n = n;
    for (int i = 0; i < n; i++) {
        W->rt[seq[i]] = r;
        W->pos[seq[i]] = i;
    }
    W->dirty[r] = 1;
    wroute_time(p, W, r);
    return 0;
}

/* W := the routes of s (unrouted tasks stay out). */
static int wplan_from_sol(const plan_problem *p, struct wplan *W, const struct sol *s)
{
    for (int u = 0; u < p->n_tasks; u++)
        W->rt[u] = -1;
    for (int r = 0; r < W->n_routes; r++)
        if (wroute_set(p, W, r, s->r[r].seq, s->r[r].n))
            return -1;
    memset(W->dirty, 0, (size_t)W->n_routes);
    return 0;
}

/* s := the routes of W, timed by the full evaluator. */
static int wplan_to_sol(const plan_problem *p, const struct wplan *W, struct sol *s)
{
    for (int u = 0; u < p->n_tasks; u++)
        if (s->rt[u] >= 0)
            route_remove(s, u);
    for (int r = 0; r < W->n_routes; r++)
        for (int i = 0; i < W->r[r].n; i++)
            if (route_insert(s, r, i, W->r[r].seq[i]))
                return -1;
    sol_schedule(s);
    return 0;
}

static void wplan_remove(struct wplan *W, int u)
{
    int r = W->rt[u], i = W->pos[u];
    struct wroute *R = &W->r[r];
    memmove(R->seq + i, R->seq + i + 1, (size_t)(R->n - i - 1) * sizeof *R->seq);
    R->n--;
    for (int k = i; k < R->n; k++)
        W->pos[R->seq[k]] = k;
    W->rt[u] = -1;
    W->dirty[r] = 1;
}

static int wplan_insert(const plan_problem *p, struct wplan *W, int r, int i, int u)
{
    struct wroute *R = &W->r[r];
    if (wroute_reserve(R, R->n + 1))
        return -1;
    memmove(R->seq + i + 1, R->seq + i, (size_t)(R->n - i) * sizeof *R->seq);
    R->seq[i] = u;
    R->n++;
    for (int k = i; k < R->n; k++)
        W->pos[R->seq[k]] = k;
    W->rt[u] = r;
    W->dirty[r] = 1;
    wroute_time(p, W, r);
    return 0;
}

/* cand := cur (every route); both clean. */
static int wplan_sync(struct wplan *cand, struct wplan *cur)
{
    memset(cur->dirty, 1, (size_t)cur->n_routes);
    if (wplan_copy_dirty(cand, cur, cur->dirty))
        return -1;
    memset(cur->dirty, 0, (size_t)cur->n_routes);
    memset(cand->dirty, 0, (size_t)cand->n_routes);
    return 0;
}

/* SISR ruin (as search_ruin): strings around a random task and its
 * nearest neighbours, in routes not yet ruined. */
static void warp_ruin(struct warp *X, struct wplan *W)
{
    plan_solver *S = X->S;
    const plan_problem *p = X->p;
    int routed = 0, used = 0;
    for (int r = 0; r < W->n_routes; r++)
        if (W->r[r].n) {
            routed += W->r[r].n;
            used++;
        }
    X->n_rem = 0;
    if (!routed)
        return;
    X->st++;
    double lsmax;
    int ks, ruined = 0;
    sisr_sizes(S, routed, used, &lsmax, &ks);
    int seed = -1;
    if (rng_unit(&S->rng) < 0.5) {
        /* half the time around a task the plan reaches late (reservoir draw) */
        int seen = 0;
        for (int r = 0; r < W->n_routes; r++) {
            const struct wroute *R = &W->r[r];
            if (R->all.TW <= EPS)
                continue;
            for (int i = 0; i < R->n; i++)
                if ((i + 1 < R->n ? R->fw[i + 1].TW : R->all.TW) > R->fw[i].TW + EPS &&
                    rng_int(&S->rng, ++seen) == 0)
                    seed = R->seq[i];
        }
    }
    while (seed < 0 || W->rt[seed] < 0)
        seed = rng_int(&S->rng, p->n_tasks);
    for (int k = -1; k < p->n_near && ruined < ks; k++) {
        int t = k < 0 ? seed : p->near[(size_t)seed * (size_t)p->n_near + (size_t)k];
        int r = W->rt[t];
        if (r < 0 || X->stamp[r] == X->st)
            continue;
        X->stamp[r] = X->st;
        ruined++;
        struct wroute *R = &W->r[r];
        int first, l;
        sisr_string(S, R->n, W->pos[t], lsmax, &first, &l);
        for (int i = first; i < first + l; i++)
            X->rem[X->n_rem++] = R->seq[i];
    }
    for (int i = 0; i < X->n_rem; i++)
        wplan_remove(W, X->rem[i]);
    for (int r = 0; r < W->n_routes; r++)
        if (W->dirty[r])
            wroute_time(p, W, r);
}

/* Re-insert X->rem into W, each at its cheapest place by travel and time
 * warp at the current penalty (1 % of the places skipped: SISR's blinks). */
static int warp_recreate(struct warp *X, struct wplan *W, double blink)
{
    plan_solver *S = X->S;
    const plan_problem *p = X->p;
    int n = X->n_rem, mode = rng_int(&S->rng, 10);
    for (int i = 0; i < n; i++) {
        const struct pm_task *t = &p->tasks[X->rem[i]];
        const struct pm_visit *x = &p->visits[t->visit];
        double depot = pm_travel(p, p->carers[0].start, t->loc), k;
        if (mode < 4)
            k = rng_unit(&S->rng);
        else if (mode < 6)
            k = -depot; /* far first */
        else if (mode < 7)
            k = depot; /* close first */
        else if (mode < 9)
            k = x->win[0].to - x->win[0].from; /* tight windows first */
        else
            k = -t->demand - t->dur; /* big first */
        X->key[2 * i] = k;
        X->key[2 * i + 1] = X->rem[i];
    }
    qsort(X->key, (size_t)n, 2 * sizeof *X->key, search_cmp_keyed);
    for (int j = 0; j < n; j++) {
        int u = (int)X->key[2 * j + 1], v = p->tasks[u].visit;
        struct seg g = seg_task(p, u);
        double best = PM_INF;
        int br = -1, bi = 0;
        for (int r = 0; r < W->n_routes; r++) {
            const struct wroute *R = &W->r[r];
            const struct pm_carer *c = &p->carers[r];
            if (R->closed || !pm_carer_can(p, r, v) ||
                (c->capacity >= 0 && R->all.load + g.load > c->capacity + EPS))
                continue;
            double base =
                R->n ? p->w.travel * R->all.dist + X->omega * R->all.TW : -p->w.carers_used;
            for (int i = 0; i <= R->n; i++) {
                if (blink > 0 && rng_unit(&S->rng) < blink)
                    continue;
                struct seg a = seg_cat(p, &R->fw[i], &g);
                struct seg b = seg_cat(p, &a, &R->bw[i]);
                double c2 = p->w.travel * b.dist + X->omega * b.TW - base;
                if (c2 < best) {
                    best = c2;
                    br = r;
                    bi = i;
                }
            }
        }
        if (br < 0) {
            /* every place blinked or no route can take it: the first open
             * route that may serve it by skill and capacity, at its end */
            for (int r = 0; r < W->n_routes && br < 0; r++) {
                const struct pm_carer *c = &p->carers[r];
                if (!W->r[r].closed && pm_carer_can(p, r, v) &&
                    (c->capacity < 0 || W->r[r].all.load + g.load <= c->capacity + EPS)) {
                    br = r;
                    bi = W->r[r].n;
                }
            }
            if (br < 0)
                return 1; /* nowhere: the caller drops this plan */
        }
        if (wplan_insert(p, W, br, bi, u))
            return -1;
    }
    return 0;
}

/* Penalised cost of a route whose segment (depots included) is g, holding
 * n tasks. */
static double wcost(const struct warp *X, const struct seg *g, int n)
{
    const plan_problem *p = X->p;
    return n ? p->w.carers_used + p->w.travel * g->dist + X->omega * g->TW : 0;
}

static double wroute_cost(const struct warp *X, const struct wroute *R)
{
    return wcost(X, &R->all, R->n);
}

/* Copies seq[a .. b) of route R to out, returns the count. */
static int take(const struct wroute *R, int a, int b, int *out)
{
    for (int i = a; i < b; i++)
        out[i - a] = R->seq[i];
    return b > a ? b - a : 0;
}

/* One improving inter-route move between task u and a near task v, by the
 * penalised cost: u moved after or before v, u and v swapped, or the
 * routes' tails exchanged after u and v (2-opt*). 1 applied, 0 none, -1
 * oom. All carers are alike (search_warp_applies), so a tail keeps its
 * depot segment. */
static int warp_move(struct warp *X, struct wplan *W, int u, int v)
{
    const plan_problem *p = X->p;
    int A = W->rt[u], B = W->rt[v];
    if (A < 0 || B < 0 || A == B)
        return 0;
    const struct wroute *RA = &W->r[A], *RB = &W->r[B];
    const struct pm_carer *c = &p->carers[A];
    double cap = c->capacity >= 0 ? c->capacity + EPS : PM_INF;
    int i = W->pos[u], j = W->pos[v], na = RA->n, nb = RB->n;
    double old = wroute_cost(X, RA) + wroute_cost(X, RB) - 1e-9;
    struct seg gu = seg_task(p, u), gv = seg_task(p, v);
    /* u out of A */
    struct seg a0 = seg_cat(p, &RA->fw[i], &RA->bw[i + 1]);
    double ca0 = wcost(X, &a0, na - 1);
    for (int after = 0; after < 2; after++) {
        int k = j + after; /* u goes before position k of B */
        struct seg b1 = seg_cat(p, &RB->fw[k], &gu);
        struct seg b2 = seg_cat(p, &b1, &RB->bw[k]);
        if (b2.load <= cap && ca0 + wcost(X, &b2, nb + 1) < old) {
            int n = take(RA, 0, i, X->ba);
            n += take(RA, i + 1, na, X->ba + n);
            int m = take(RB, 0, k, X->bb);
            X->bb[m++] = u;
            m += take(RB, k, nb, X->bb + m);
            return wroute_set(p, W, A, X->ba, n) || wroute_set(p, W, B, X->bb, m) ? -1 : 1;
        }
    }
    /* swap */
    {
        struct seg a1 = seg_cat(p, &RA->fw[i], &gv);
        struct seg a2 = seg_cat(p, &a1, &RA->bw[i + 1]);
        struct seg b1 = seg_cat(p, &RB->fw[j], &gu);
        struct seg b2 = seg_cat(p, &b1, &RB->bw[j + 1]);
        if (a2.load <= cap && b2.load <= cap && wcost(X, &a2, na) + wcost(X, &b2, nb) < old) {
            int n = take(RA, 0, na, X->ba), m = take(RB, 0, nb, X->bb);
            X->ba[i] = v;
            X->bb[j] = u;
            return wroute_set(p, W, A, X->ba, n) || wroute_set(p, W, B, X->bb, m) ? -1 : 1;
        }
    }
    /* 2-opt*: A keeps seq[0 .. i] and takes B's tail after v; B the other way
     * (and the same cut before u and v) */
    for (int before = 0; before < 2; before++) {
        int ia = i + 1 - before, jb = j + 1 - before;
        struct seg a2 = seg_cat(p, &RA->fw[ia], &RB->bw[jb]);
        struct seg b2 = seg_cat(p, &RB->fw[jb], &RA->bw[ia]);
        int n2 = ia + nb - jb, m2 = jb + na - ia;
        if (a2.load <= cap && b2.load <= cap && wcost(X, &a2, n2) + wcost(X, &b2, m2) < old) {
            int n = take(RA, 0, ia, X->ba);
            n += take(RB, jb, nb, X->ba + n);
            int m = take(RB, 0, jb, X->bb);
            m += take(RA, ia, na, X->bb + m);
            return wroute_set(p, W, A, X->ba, n) || wroute_set(p, W, B, X->bb, m) ? -1 : 1;
        }
    }
    return 0;
}

/* Local search by the penalised cost around the tasks just re-inserted:
 * each with its nearest tasks, until no move improves. */
static int warp_local(struct warp *X, struct wplan *W, const int *focus, int nf)
{
    const plan_problem *p = X->p;
    int nn = p->n_near < 10 ? p->n_near : 10;
    for (int pass = 0, improved = 1; improved && pass < 10; pass++) {
        improved = 0;
        for (int f = 0; f < nf; f++) {
            int u = focus[f];
            for (int k = 0; k < nn; k++) {
                int v = p->near[(size_t)u * (size_t)p->n_near + (size_t)k];
                int rc = warp_move(X, W, u, v);
                if (rc < 0)
                    return -1;
                if (rc > 0)
                    improved = 1;
            }
        }
    }
    return 0;
}

/* The best plan as the new current one, with a third of its tasks taken
 * out at random and put back (the annealing's restart). */
static int warp_restart(struct warp *X)
{
    plan_solver *S = X->S;
    const plan_problem *p = X->p;
    if (wplan_from_sol(p, &X->cur, &S->best))
        return -1;
    X->n_rem = 0;
    for (int u = 0; u < p->n_tasks; u++)
        if (X->cur.rt[u] >= 0 && rng_unit(&S->rng) < 0.3)
            X->rem[X->n_rem++] = u;
    for (int i = 0; i < X->n_rem; i++)
        wplan_remove(&X->cur, X->rem[i]);
    for (int r = 0; r < X->cur.n_routes; r++)
        if (X->cur.dirty[r])
            wroute_time(p, &X->cur, r);
    int rc = warp_recreate(X, &X->cur, 0.05);
    if (rc < 0)
        return -1;
    if (rc > 0 && wplan_from_sol(p, &X->cur, &S->best))
        return -1;
    return wplan_sync(&X->cand, &X->cur);
}

/* A plan without time warp cheaper than the best: into S->cur through the
 * full evaluator, local search, and the best plan when it is one. Then the
 * current plan here is that plan. 1 new best, 0 not, -1 oom. */
static int warp_take(struct warp *X)
{
    plan_solver *S = X->S;
    const plan_problem *p = X->p;
    if (wplan_to_sol(p, &X->cur, &S->cur))
        return -1;
    if (!sol_feasible(&S->cur) || S->cur.cost >= S->best.cost - 1e-9)
        return 0;
    if (search_local(S, &S->cur) || sol_copy(&S->best, &S->cur))
        return -1;
    search_note_best(S);
    if (wplan_from_sol(p, &X->cur, &S->best) || wplan_sync(&X->cand, &X->cur))
        return -1;
    return 1;
}

bool search_warp_applies(const plan_problem *p)
{
    if (!p->plain || p->n_carers == 0)
        return false;
    const struct pm_carer *c0 = &p->carers[0];
    for (int c = 1; c < p->n_carers; c++) {
        const struct pm_carer *c1 = &p->carers[c];
        if (c1->start != c0->start || c1->end != c0->end || c1->shift_from != c0->shift_from ||
            c1->shift_to != c0->shift_to || c1->skills != c0->skills ||
            c1->capacity != c0->capacity)
            return false;
    }
    for (int v = 0; v < p->n_visits; v++) {
        const struct pm_visit *x = &p->visits[v];
        if (x->n_pref || x->n_assigned || x->team >= 0 || x->n_carers != 1 || x->optional)
            return false;
    }
    return true;
}

int search_warp(plan_solver *S, const struct anneal *A)
{
    const plan_problem *p = S->p;
    struct warp X = {.S = S, .p = p};
    int rc = -1;
    if (wplan_init(&X.cur, p) || wplan_init(&X.cand, p))
        goto out;
    X.rem = malloc((size_t)p->n_tasks * sizeof *X.rem);
    X.stamp = calloc((size_t)p->n_carers, sizeof *X.stamp);
    X.key = malloc((size_t)p->n_tasks * 2 * sizeof *X.key);
    X.ba = malloc((size_t)p->n_tasks * sizeof *X.ba);
    X.bb = malloc((size_t)p->n_tasks * sizeof *X.bb);
    if (!X.rem || !X.stamp || !X.key || !X.ba || !X.bb)
        goto out;
    if (wplan_from_sol(p, &X.cur, &S->best))
        goto out;
    for (int r = 0; r < X.cur.n_routes; r++)
        X.cur.r[r].closed = X.cur.r[r].n == 0;
    if (wplan_sync(&X.cand, &X.cur))
        goto out;
    double best_c = wplan_cost(p, &X.cur, 0, NULL);
    /* the penalty adapts so that a third to two thirds of the current
     * plans are late (on tight instances it sits at its cap: most are late
     * anyway, and the local search is what takes the lateness out) */
    double omin = 0.01 * p->w.travel, omax = 1e4 * p->w.travel;
    X.omega = p->w.travel;
    int n_late = 0, n_seen = 0;
    long last_best = S->iter, sa_start = S->iter;
    while (!search_should_stop(S)) {
        S->iter++;
        double f = anneal_frac(S, A);
        if (anneal_restart_due(S, A, f, last_best, sa_start)) {
            if (warp_restart(&X))
                goto out;
            last_best = sa_start = S->iter;
        }
        double T = A->T0 * pow(A->Tf / A->T0, f);
        warp_ruin(&X, &X.cand);
        int made = warp_recreate(&X, &X.cand, 0.01);
        if (made < 0 || (!made && warp_local(&X, &X.cand, X.rem, X.n_rem)))
            goto out;
        double ctw, otw;
        double cc = wplan_cost(p, &X.cand, X.omega, &ctw);
        double oc = wplan_cost(p, &X.cur, X.omega, &otw);
        double u = rng_unit(&S->rng);
        int ok = made == 0 && cc < oc - T * log(u > 1e-300 ? u : 1e-300);
        n_seen++;
        n_late += (ok ? ctw : otw) > EPS;
        if (n_seen == 100) {
            if (n_late > 66 && X.omega < omax)
                X.omega *= 1.5;
            else if (n_late < 33 && X.omega > omin)
                X.omega /= 1.5;
            n_seen = n_late = 0;
        }
        if (ok) {
            if (wplan_copy_dirty(&X.cur, &X.cand, X.cand.dirty))
                goto out;
            double plain_c = cc - X.omega * ctw;
            if (ctw <= EPS && plain_c < best_c - 1e-9) {
                int got = warp_take(&X);
                if (got < 0)
                    goto out;
                if (got) {
                    best_c = wplan_cost(p, &X.cur, 0, NULL);
                    last_best = S->iter;
                }
            }
        } else if (wplan_copy_dirty(&X.cand, &X.cur, X.cand.dirty))
            goto out;
        memset(X.cand.dirty, 0, (size_t)X.cand.n_routes);
    }
    rc = 0;
out:
    wplan_free(&X.cur);
    wplan_free(&X.cand);
    free(X.rem);
    free(X.stamp);
    free(X.key);
    free(X.ba);
    free(X.bb);
    return rc;
}
