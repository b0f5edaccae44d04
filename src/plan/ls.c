/*
 * ls.c — local search: 2-opt* (exchange the tails of two routes), over a
 * granular neighbourhood (the new edge must join a task to one of its
 * nearest neighbours), first improvement, until no move improves. Routes
 * holding tied tasks are left to ruin and recreate, since their timing
 * depends on other routes. Every applied move is re-timed by the full
 * evaluator and undone if the plan did not get cheaper.
 */
#include "plan/search.h"

#include <stdlib.h>
#include <string.h>

/* Replace the tasks of routes a and b by sa[0 .. na) and sb[0 .. nb). */
static int set_routes(struct sol *s, int a, const int *sa, int na, int b, const int *sb, int nb)
{
    while (s->r[a].n)
        route_remove(s, s->r[a].seq[s->r[a].n - 1]);
    while (s->r[b].n)
        route_remove(s, s->r[b].seq[s->r[b].n - 1]);
    for (int i = 0; i < na; i++)
        if (route_insert(s, a, i, sa[i]))
            return -1;
    for (int i = 0; i < nb; i++)
        if (route_insert(s, b, i, sb[i]))
            return -1;
    return 0;
}

int search_local(plan_solver *S, struct sol *s)
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
