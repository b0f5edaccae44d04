/*
 * sol.c — a solution's memory and its edits: allocation, copies (whole or
 * only the changed routes), inserting and removing a task. Edits mark the
 * route dirty and stale; eval.c re-times it.
 */
#include "plan/sol.h"

#include <stdlib.h>
#include <string.h>

/* ---- memory ---- */

static int route_reserve(struct route *R, int need, int n_breaks)
{
    if (need <= R->cap && R->bst)
        return 0;
    int cap = R->cap ? R->cap : 8;
    while (cap < need)
        cap *= 2;
    size_t c1 = (size_t)cap + 1;
#define GROW(f)                                                                                    \
    do {                                                                                           \
        void *np_ = realloc(R->f, c1 * sizeof *R->f);                                              \
        if (!np_)                                                                                  \
            return -1;                                                                             \
        R->f = np_;                                                                                \
    } while (0)
    GROW(seq);
    GROW(start);
    GROW(dep);
    GROW(tard);
    GROW(lb);
    GROW(ub);
    GROW(slack);
    GROW(slk0);
    GROW(room);
    GROW(reach);
    GROW(rmax);
    GROW(hard);
    GROW(pmax);
    GROW(smax);
    GROW(leg);
    GROW(nbk);
    GROW(vio);
#undef GROW
    if (!R->bst) {
        R->bst = calloc((size_t)n_breaks + 1, sizeof *R->bst);
        R->bpos = calloc((size_t)n_breaks + 1, sizeof *R->bpos);
        if (!R->bst || !R->bpos)
            return -1;
    }
    R->cap = cap;
    return 0;
}

static void route_free(struct route *R)
{
    free(R->seq);
    free(R->start);
    free(R->dep);
    free(R->tard);
    free(R->lb);
    free(R->ub);
    free(R->slack);
    free(R->slk0);
    free(R->room);
    free(R->reach);
    free(R->rmax);
    free(R->hard);
    free(R->pmax);
    free(R->smax);
    free(R->leg);
    free(R->nbk);
    free(R->vio);
    free(R->bst);
    free(R->bpos);
}

int sol_init(struct sol *s, const plan_problem *p)
{
    memset(s, 0, sizeof *s);
    s->p = p;
    s->n_routes = p->n_carers;
    size_t nt = (size_t)p->n_tasks + 1;
    s->r = calloc((size_t)s->n_routes + 1, sizeof *s->r);
    s->rt = malloc(nt * sizeof *s->rt);
    s->pos = malloc(nt * sizeof *s->pos);
    s->st = malloc(nt * sizeof *s->st);
    s->dirty = calloc((size_t)s->n_routes + 1, 1);
    s->stale = calloc((size_t)s->n_routes + 1, 1);
    s->gen = calloc((size_t)s->n_routes + 1, sizeof *s->gen);
    s->fpseed = calloc((size_t)s->n_routes + 1, 1);
    s->rmark = calloc((size_t)s->n_routes + 1, sizeof *s->rmark);
    s->rqueue = calloc((size_t)s->n_routes + 1, sizeof *s->rqueue);
    s->wq = calloc((size_t)s->n_routes + 1, sizeof *s->wq);
    s->inq = calloc((size_t)s->n_routes + 1, 1);
    s->rruns = calloc((size_t)s->n_routes + 1, sizeof *s->rruns);
    if (!s->wq || !s->inq || !s->rruns || !s->r || !s->rt || !s->pos || !s->st || !s->dirty ||
        !s->stale || !s->gen || !s->fpseed || !s->rmark || !s->rqueue)
        goto fail;
    for (int t = 0; t < p->n_tasks; t++) {
        s->rt[t] = -1;
        s->pos[t] = -1;
        s->st[t] = -PM_INF;
    }
    for (int r = 0; r < s->n_routes; r++) {
        if (route_reserve(&s->r[r], 4, p->carers[r].n_breaks))
            goto fail;
        s->stale[r] = 1;
    }
    sol_schedule(s);
    return 0;
fail:
    sol_free(s);
    return -1;
}

void sol_free(struct sol *s)
{
    if (s->r)
        for (int r = 0; r < s->n_routes; r++)
            route_free(&s->r[r]);
    free(s->r);
    free(s->rt);
    free(s->pos);
    free(s->st);
    free(s->dirty);
    free(s->stale);
    free(s->gen);
    free(s->fpseed);
    free(s->rmark);
    free(s->rqueue);
    free(s->wq);
    free(s->inq);
    free(s->rruns);
    memset(s, 0, sizeof *s);
}

static int route_copy(struct route *D, const struct route *S, int n_breaks)
{
    if (route_reserve(D, S->n + 1, n_breaks))
        return -1;
    size_t n = (size_t)S->n, n1 = n + 1;
    memcpy(D->seq, S->seq, n * sizeof *D->seq);
    memcpy(D->start, S->start, n * sizeof *D->start);
    memcpy(D->dep, S->dep, n * sizeof *D->dep);
    memcpy(D->tard, S->tard, n * sizeof *D->tard);
    memcpy(D->lb, S->lb, n * sizeof *D->lb);
    memcpy(D->ub, S->ub, n * sizeof *D->ub);
    memcpy(D->slack, S->slack, n * sizeof *D->slack);
    memcpy(D->slk0, S->slk0, n * sizeof *D->slk0);
    memcpy(D->room, S->room, n * sizeof *D->room);
    memcpy(D->reach, S->reach, n * sizeof *D->reach);
    memcpy(D->rmax, S->rmax, n * sizeof *D->rmax);
    memcpy(D->hard, S->hard, n * sizeof *D->hard);
    memcpy(D->pmax, S->pmax, n1 * sizeof *D->pmax);
    memcpy(D->smax, S->smax, n1 * sizeof *D->smax);
    memcpy(D->leg, S->leg, n1 * sizeof *D->leg);
    memcpy(D->nbk, S->nbk, n * sizeof *D->nbk);
    memcpy(D->vio, S->vio, n * sizeof *D->vio);
    memcpy(D->bst, S->bst, (size_t)n_breaks * sizeof *D->bst);
    memcpy(D->bpos, S->bpos, (size_t)n_breaks * sizeof *D->bpos);
    D->n = S->n;
    D->load = S->load;
    D->travel = S->travel;
    D->tardsum = S->tardsum;
    D->maxtard = S->maxtard;
    D->viol = S->viol;
    D->pref = S->pref;
    D->ret = S->ret;
    D->np = S->np;
    D->ch = S->ch;
    D->tm = S->tm;
    D->n_sync = S->n_sync;
    D->from = S->from;
    return 0;
}

/* Copy the routes that `which` marks (all without it), or with `seen` those
 * whose gen differs from it, and all per-task data. */
static int copy_some(struct sol *dst, const struct sol *src, const char *which, uint64_t *seen)
{
    const plan_problem *p = src->p;
    for (int r = 0; r < src->n_routes; r++) {
        if (seen ? seen[r] == src->gen[r] : which && !which[r])
            continue;
        if (route_copy(&dst->r[r], &src->r[r], p->carers[r].n_breaks))
            return -1;
        dst->gen[r]++;
        if (seen)
            seen[r] = src->gen[r];
    }
    size_t nt = (size_t)p->n_tasks;
    memcpy(dst->rt, src->rt, nt * sizeof *dst->rt);
    memcpy(dst->pos, src->pos, nt * sizeof *dst->pos);
    memcpy(dst->st, src->st, nt * sizeof *dst->st);
    dst->cost = src->cost;
    dst->gmax = src->gmax;
    dst->n_miss = src->n_miss;
    dst->miss_cost = src->miss_cost;
    dst->fp_bad = src->fp_bad;
    return 0;
}

int sol_copy_dirty(struct sol *dst, const struct sol *src, const char *which)
{
    return copy_some(dst, src, which, NULL);
}

int sol_copy_changed(struct sol *dst, const struct sol *src, uint64_t *seen)
{
    return copy_some(dst, src, NULL, seen);
}

int sol_copy(struct sol *dst, const struct sol *src)
{
    return sol_copy_dirty(dst, src, NULL);
}

void sol_clear_dirty(struct sol *s)
{
    memset(s->dirty, 0, (size_t)s->n_routes);
}

/* Tied partners of u must be re-timed: seed the fixed point at their routes. */
static void seed_partners(struct sol *s, int u, int r)
{
    const plan_problem *p = s->p;
    if (p->tedge_off[u + 1] == p->tedge_off[u])
        return;
    s->fpseed[r] = 1;
    for (int j = p->tedge_off[u]; j < p->tedge_off[u + 1]; j++) {
        const struct pm_edge *e = &p->edges[p->tedge[j]];
        int other = e->a == u ? e->b : e->a;
        if (s->rt[other] >= 0)
            s->fpseed[s->rt[other]] = 1;
    }
}

void route_mark_partners(struct sol *s, int u)
{
    const plan_problem *p = s->p;
    for (int j = p->tedge_off[u]; j < p->tedge_off[u + 1]; j++) {
        const struct pm_edge *e = &p->edges[p->tedge[j]];
        int o = e->a == u ? e->b : e->a;
        if (s->rt[o] >= 0 && s->pos[o] < s->r[s->rt[o]].from)
            s->r[s->rt[o]].from = s->pos[o];
    }
}

int route_insert(struct sol *s, int r, int i, int u)
{
    struct route *R = &s->r[r];
    if (route_reserve(R, R->n + 2, s->p->carers[r].n_breaks))
        return -1;
    memmove(R->seq + i + 1, R->seq + i, (size_t)(R->n - i) * sizeof *R->seq);
    R->seq[i] = u;
    if (i < R->from)
        R->from = i;
    R->n++;
    for (int j = i; j < R->n; j++)
        s->pos[R->seq[j]] = j;
    s->rt[u] = r;
    s->gen[r]++;
    s->dirty[r] = 1;
    s->stale[r] = 1;
    seed_partners(s, u, r);
    return 0;
}

void route_remove(struct sol *s, int u)
{
    int r = s->rt[u];
    if (r < 0)
        return;
    struct route *R = &s->r[r];
    int i = s->pos[u];
    seed_partners(s, u, r);
    route_mark_partners(s, u); /* they lose a bound */
    if (R->n_sync > 0)
        s->fpseed[r] = 1;
    s->fp_reset = 1; /* starts may move earlier: only a restart finds the least fixed point */
    memmove(R->seq + i, R->seq + i + 1, (size_t)(R->n - i - 1) * sizeof *R->seq);
    R->n--;
    if (i < R->from)
        R->from = i;
    for (int j = i; j < R->n; j++)
        s->pos[R->seq[j]] = j;
    s->rt[u] = -1;
    s->pos[u] = -1;
    s->st[u] = -PM_INF;
    s->gen[r]++;
    s->dirty[r] = 1;
    s->stale[r] = 1;
}
