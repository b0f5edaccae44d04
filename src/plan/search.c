/*
 * search.c — construction and improvement.
 *
 * Construction inserts every servable visit group at its cheapest feasible
 * position (groups of visits tied by sync go in together). Improvement is
 * ruin and recreate in the manner of SISR (Christiaens & Vanden Berghe):
 * remove a few strings of visits around a random seed visit, re-insert them
 * in a random order with "blinks", and accept by simulated annealing (on
 * small problems with soft windows, two independent chains). When
 * carers_used carries weight, a fleet-minimisation phase first tries to
 * empty routes (absence counters decide which partial plans to keep).
 * Every accepted plan is scheduled by the full evaluator (eval.c).
 */
#include "plan/search.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define N_CAND      4
#define N_LOOK      8  /* most tasks in a group placed with look-ahead */
#define N_LOOK_CAND 2  /* places of its first task tried */
#define LT_EVERY    3 /* ls-tied runs at most every LT_EVERY x the 2-opt* period */
/* past this many routed tasks the annealing starts cooler and, with soft
 * windows, ends warmer and never restarts */
#define SA_LARGE  200
#define SA_CHAINS 2 /* independent annealing chains up to SA_LARGE, soft windows */

double plan_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

uint64_t rng_next(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

double rng_unit(uint64_t *s)
{
    return (double)(rng_next(s) >> 11) * (1.0 / 9007199254740992.0);
}

int rng_int(uint64_t *s, int n)
{
    return n <= 1 ? 0 : (int)(rng_next(s) % (uint64_t)n);
}

int search_should_stop(plan_solver *S)
{
    if (S->max_iter > 0 && S->iter >= S->max_iter)
        return 1;
    if ((S->iter & 15) == 0 || S->max_iter == 0) {
        S->seconds = plan_now() - S->t0;
        if (S->time_limit > 0 && S->seconds >= S->time_limit)
            return 1;
        if (S->stop && S->stop(S->stop_user))
            return 1;
    }
    return 0;
}

void search_note_best(plan_solver *S)
{
    /* a later chain (search_improve) starts above the best plan so far */
    if (S->progress && S->best.cost < S->told - 1e-9) {
        S->told = S->best.cost;
        struct plan_summary sm;
        sol_summary(&S->best, &sm);
        S->progress(S->progress_user, plan_now() - S->t0, S->iter, &sm);
    }
}

void search_remove_group(struct sol *s, int g)
{
    const plan_problem *p = s->p;
    for (int k = p->group_off[g]; k < p->group_off[g + 1]; k++) {
        const struct pm_visit *x = &p->visits[p->group_vis[k]];
        for (int t = 0; t < x->n_carers; t++)
            route_remove(s, x->task0 + t);
    }
}

/* Best few positions for task u in s (cost ascending); returns how many. */
static int best_positions(plan_solver *S, struct sol *s, int u, double blink)
{
    const plan_problem *p = s->p;
    int v = p->tasks[u].visit, n = 0;
    int all = s->n_routes <= 80, no = 0;
    S->stamp++;
    /* routes of the nearest tasks first: their cheap places make the cut
     * tight early (only those routes, and empty ones, on many routes) */
    for (int k = 0; k < p->n_near; k++) {
        int t = p->near[(size_t)u * (size_t)p->n_near + (size_t)k];
        if (s->rt[t] >= 0 && S->rstamp[s->rt[t]] != S->stamp) {
            S->rstamp[s->rt[t]] = S->stamp;
            S->rorder[no++] = s->rt[t];
        }
    }
    for (int r = 0; r < s->n_routes; r++)
        if (S->rstamp[r] != S->stamp && (all || s->r[r].n == 0))
            S->rorder[no++] = r;
    for (int k = 0; k < no; k++) {
        int r = S->rorder[k];
        const struct route *R = &s->r[r];
        if ((R->n == 0 && S->no_new_routes) || (S->only_route >= 0 && r != S->only_route) ||
            !pm_carer_can(p, r, v))
            continue;
        struct ins_pre pre;
        if (!ins_prepare(s, r, u, &pre))
            continue;
        int lo, hi;
        ins_range(s, r, u, &pre, &lo, &hi);
        for (int i = lo; i < hi; i++) {
            if (blink > 0 && rng_unit(&S->rng) < blink)
                continue;
            /* priced below the N_CAND-th cheapest so far, or PM_INF */
            double c = ins_cost_pre(s, r, i, u, &pre, n == N_CAND ? S->cand_c[n - 1] : PM_INF);
            if (c >= PM_INF / 2)
                continue;
            int j = n < N_CAND ? n++ : n - 1;
            while (j > 0 && S->cand_c[j - 1] > c) {
                S->cand_c[j] = S->cand_c[j - 1];
                S->cand_r[j] = S->cand_r[j - 1];
                S->cand_i[j] = S->cand_i[j - 1];
                j--;
            }
            S->cand_c[j] = c;
            S->cand_r[j] = r;
            S->cand_i[j] = i;
        }
    }
    return n;
}

/* Insert task u at its best verified position; 1 placed, 0 not, -1 oom.
 * In construction (S->relax_ok), when no position verifies and u has tied
 * partners, the positions are priced once more letting the partners move
 * along (s->relax): a visit synced to a double-staffed one may need both
 * its slots to move later. Not in ruin and recreate, where it made the
 * Mankowska search worse per iteration. */
int search_insert_task(plan_solver *S, struct sol *s, int u, double blink)
{
    const plan_problem *p = s->p;
    int tied = S->relax_ok && p->tedge_off[u + 1] > p->tedge_off[u];
    for (int pass = 0; pass < 1 + tied; pass++) {
        s->relax = pass;
        int n = best_positions(S, s, u, blink);
        s->relax = 0;
        int cr[N_CAND], ci[N_CAND];
        memcpy(cr, S->cand_r, sizeof cr);
        memcpy(ci, S->cand_i, sizeof ci);
        for (int k = 0; k < n; k++) {
            if (route_insert(s, cr[k], ci[k], u))
                return -1;
            sol_schedule(s);
            if (!p->has_sync || sol_feasible(s))
                return 1;
            route_remove(s, u);
            sol_schedule(s);
        }
    }
    return 0;
}

/* Insert the servable tasks of group g from the one after `after` on (-1:
 * all), each at its best verified place; with `at`, record where each went
 * (route, index at the time); with `replay`, put each where such a record
 * says instead (the state must be the one it was recorded from). 1 all in,
 * 0 one did not fit (the group is taken out again), -1 oom. */
static int insert_rest(plan_solver *S, struct sol *s, int g, int after, double blink, int *at,
                       const int *replay)
{
    const plan_problem *p = s->p;
    int n = 0, on = after < 0;
    for (int k = p->group_off[g]; k < p->group_off[g + 1]; k++) {
        const struct pm_visit *x = &p->visits[p->group_vis[k]];
        if (x->why_unservable)
            continue;
        for (int t = 0; t < x->n_carers; t++) {
            int u = x->task0 + t;
            if (!on) {
                on = u == after;
                continue;
            }
            if (replay) {
                if (route_insert(s, replay[2 * n], replay[2 * n + 1], u))
                    return -1;
                n++;
                continue;
            }
            int rc = search_insert_task(S, s, u, blink);
            if (rc < 0)
                return -1;
            if (rc == 0) {
                search_remove_group(s, g);
                sol_schedule(s);
                return 0;
            }
            if (at) {
                at[2 * n] = s->rt[u];
                at[2 * n + 1] = s->pos[u];
            }
            n++;
        }
    }
    if (replay)
        sol_schedule(s);
    return 1;
}

/* Insert every visit of group g; on failure take the group out again.
 * A group of tied tasks (a double-staffed visit, visits synced with a gap)
 * is placed with a look-ahead: the first task goes tentatively to each of
 * its best few places, the rest of the group follows greedily, and the
 * pair of places whose whole plan costs least is kept. Placing the first
 * task alone at its cheapest place leaves the partner to whatever carer is
 * free at that minute. */
static int insert_group(plan_solver *S, struct sol *s, int g, double blink)
{
    const plan_problem *p = s->p;
    int first = -1, n_tasks = 0;
    for (int k = p->group_off[g]; k < p->group_off[g + 1]; k++) {
        const struct pm_visit *x = &p->visits[p->group_vis[k]];
        if (x->why_unservable)
            continue;
        if (first < 0)
            first = x->task0;
        n_tasks += x->n_carers;
    }
    _Static_assert(sizeof S->look_at >= sizeof(int) * 2 * N_LOOK * N_CAND, "look_at");
    if (n_tasks < 2 || n_tasks > N_LOOK + 1 || !S->look_ahead)
        return insert_rest(S, s, g, -1, blink, NULL, NULL);
    int n = best_positions(S, s, first, blink);
    if (n > S->look_ahead)
        n = S->look_ahead; /* two: four cost more time than they saved */
    int cr[N_CAND], ci[N_CAND], best = -1;
    memcpy(cr, S->cand_r, sizeof cr);
    memcpy(ci, S->cand_i, sizeof ci);
    double best_cost = PM_INF;
    /* each tentative placement is undone by copying back the routes it
     * changed (a removal would re-time every route tied to them); the
     * snapshot takes only the routes changed since it last took them */
    if (n > 0) {
        if (S->snap_of != s) {
            memset(S->snap_seen, 0xff, (size_t)s->n_routes * sizeof *S->snap_seen);
            S->snap_of = s;
        }
        if (sol_copy_changed(&S->snap, s, S->snap_seen))
            return -1;
    }
    memcpy(S->dsave, s->dirty, (size_t)s->n_routes);
    for (int k = 0; k < n; k++) {
        memset(s->dirty, 0, (size_t)s->n_routes);
        if (route_insert(s, cr[k], ci[k], first))
            return -1;
        sol_schedule(s);
        int rc = 0;
        if (sol_feasible(s)) {
            rc = insert_rest(S, s, g, first, blink, S->look_at + 2 * N_LOOK * k, NULL);
            if (rc < 0)
                return -1;
        }
        if (rc == 1 && s->cost < best_cost - 1e-9) {
            best_cost = s->cost;
            best = k;
        }
        if (sol_copy_dirty(s, &S->snap, s->dirty))
            return -1;
        for (int r = 0; r < s->n_routes; r++)
            if (s->dirty[r])
                S->snap_seen[r] = s->gen[r]; /* equal again */
    }
    memcpy(s->dirty, S->dsave, (size_t)s->n_routes);
    if (best < 0)
        return insert_rest(S, s, g, -1, blink, NULL, NULL); /* no look-ahead place fits */
    /* replay the kept placement: same order, same state, same indices */
    if (route_insert(s, cr[best], ci[best], first))
        return -1;
    return insert_rest(S, s, g, first, blink, NULL, S->look_at + 2 * N_LOOK * best);
}

int search_cmp_keyed(const void *a, const void *b)
{
    const double *x = a, *y = b;
    return (x[0] > y[0]) - (x[0] < y[0]);
}

/* Sort S->removed by a key chosen at random (SISR's orders + window end). */
void search_sort_removed(plan_solver *S, const struct sol *s, int forced)
{
    const plan_problem *p = s->p;
    int n = S->n_removed;
    int mode = forced >= 0 ? forced : rng_int(&S->rng, 10);
    double *kv = S->key; /* pairs: key, group */
    for (int i = 0; i < n; i++) {
        int g = S->removed[i];
        const struct pm_visit *x = &p->visits[p->group_vis[p->group_off[g]]];
        double depot = p->n_carers ? pm_travel(p, p->carers[0].start, x->loc) : 0;
        double k;
        if (mode < 4)
            k = rng_unit(&S->rng);
        else if (mode < 6)
            k = -depot; /* far first */
        else if (mode < 7)
            k = depot; /* close first */
        else if (mode < 8)
            k = x->win[x->n_win - 1].to - x->win[0].from; /* tight windows first */
        else if (mode < 9)
            k = x->n_capable + 1e-3 * (x->win[x->n_win - 1].to - x->win[0].from); /* scarce first */
        else if (mode < 10)
            k = -x->demand - x->dur - 1000.0 * (x->n_carers > 1 || x->sync_with >= 0);
        else
            k = x->win[0].from; /* chronological (warm start) */
        if ((p->group_off[g + 1] - p->group_off[g] > 1 || x->n_carers > 1) && mode < 10)
            k -= mode < 4 ? 0.5 : 1e6; /* tied groups early */
        kv[2 * i] = k;
        kv[2 * i + 1] = g;
    }
    qsort(kv, (size_t)n, 2 * sizeof *kv, search_cmp_keyed);
    for (int i = 0; i < n; i++)
        S->removed[i] = (int)kv[2 * i + 1];
}

int search_recreate(plan_solver *S, struct sol *s, double blink)
{
    search_sort_removed(S, s, -1);
    for (int i = 0; i < S->n_removed; i++)
        if (insert_group(S, s, S->removed[i], blink) < 0)
            return -1;
    return 0;
}

/* Add every unserved (but servable) group to the removed list. */
static void add_absent(plan_solver *S, const struct sol *s)
{
    const plan_problem *p = s->p;
    for (int g = 0; g < p->n_groups; g++) {
        if (S->gstamp[g] == S->stamp)
            continue;
        int servable = 0, absent = 0;
        for (int k = p->group_off[g]; k < p->group_off[g + 1]; k++) {
            int v = p->group_vis[k];
            if (!p->visits[v].why_unservable) {
                servable = 1;
                if (s->rt[p->visits[v].task0] < 0)
                    absent = 1;
            }
        }
        if (servable && absent) {
            S->gstamp[g] = S->stamp;
            S->removed[S->n_removed++] = g;
        }
    }
}

/* Ruin seed for soft windows (one ruin in ten): the task with the plan's
 * largest tardiness (SISR seeds at random; a visit left far past its
 * window is rarely drawn on large instances). -1 when nothing is late.
 * Not more often: three in ten helped short runs but hurt long ones
 * (bench/results/README.md, 2026-12-07). */
static int tardy_seed(const struct sol *s)
{
    int best = -1;
    double worst = EPS;
    for (int r = 0; r < s->n_routes; r++) {
        const struct route *R = &s->r[r];
        if (R->maxtard < worst)
            continue;
        for (int i = 0; i < R->n; i++)
            if (R->tard[i] > worst) {
                worst = R->tard[i];
                best = R->seq[i];
            }
    }
    return best;
}

void sisr_sizes(plan_solver *S, int routed, int used, double *lsmax, int *ks)
{
    double cbar = 15, lmax = 10;
    double avg = (double)routed / used;
    *lsmax = avg < lmax ? avg : lmax;
    double ksmax = 4 * cbar / (1 + *lsmax) - 1;
    *ks = (int)(rng_unit(&S->rng) * ksmax) + 1;
}

void sisr_string(plan_solver *S, int n, int pos, double lsmax, int *first, int *len)
{
    double lm = n < lsmax ? n : lsmax;
    int l = (int)(rng_unit(&S->rng) * lm) + 1;
    if (l > n)
        l = n;
    int f = pos - rng_int(&S->rng, l);
    if (f < 0)
        f = 0;
    if (f + l > n)
        f = n - l;
    *first = f;
    *len = l;
}

void search_ruin(plan_solver *S, struct sol *s)
{
    const plan_problem *p = s->p;
    int routed = 0, used = 0;
    for (int r = 0; r < s->n_routes; r++)
        if (s->r[r].n) {
            routed += s->r[r].n;
            used++;
        }
    S->stamp++;
    S->n_removed = 0;
    if (routed > 0) {
        double lsmax;
        int ks, ruined = 0;
        sisr_sizes(S, routed, used, &lsmax, &ks);
        int seed = rng_int(&S->rng, p->n_tasks);
        if (s->n_miss > 0 && rng_unit(&S->rng) < (S->no_new_routes ? 0.5 : 0.25)) {
            /* often ruin around a visit still left out (more so in fleet minimisation) */
            int k = rng_int(&S->rng, s->n_miss);
            for (int v = 0; v < p->n_visits; v++) {
                const struct pm_visit *x = &p->visits[v];
                if (s->rt[x->task0] < 0 && !x->optional && !x->why_unservable && k-- == 0) {
                    seed = x->task0;
                    break;
                }
            }
        }
        if (p->soft && rng_unit(&S->rng) < 0.1) {
            int t = tardy_seed(s);
            if (t >= 0)
                seed = t;
        }
        /* a left-out visit drawn as seed is kept half the time (ruin around it) */
        if (s->rt[seed] >= 0 || rng_unit(&S->rng) < 0.5 ||
            p->visits[p->tasks[seed].visit].why_unservable)
            while (s->rt[seed] < 0)
                seed = rng_int(&S->rng, p->n_tasks);
        for (int k = -1; k < p->n_near && ruined < ks; k++) {
            int t = k < 0 ? seed : p->near[(size_t)seed * (size_t)p->n_near + (size_t)k];
            int r = s->rt[t];
            if (r < 0 || S->rstamp[r] == S->stamp)
                continue;
            S->rstamp[r] = S->stamp;
            ruined++;
            struct route *R = &s->r[r];
            int first, l;
            sisr_string(S, R->n, s->pos[t], lsmax, &first, &l);
            for (int i = first; i < first + l; i++) {
                int g = p->visits[p->tasks[R->seq[i]].visit].group;
                if (S->gstamp[g] != S->stamp) {
                    S->gstamp[g] = S->stamp;
                    S->removed[S->n_removed++] = g;
                }
            }
        }
        for (int i = 0; i < S->n_removed; i++)
            search_remove_group(s, S->removed[i]);
    }
    add_absent(S, s);
    sol_schedule(s);
}

int search_construct(plan_solver *S)
{
    S->only_route = -1;
    S->relax_ok = 1;
    if (search_warm_start(S))
        return -1;
    S->stamp++;
    S->n_removed = 0;
    add_absent(S, &S->cur);
    search_sort_removed(S, &S->cur, 8);
    for (int i = 0; i < S->n_removed; i++)
        if (insert_group(S, &S->cur, S->removed[i], 0) < 0)
            return -1;
    S->relax_ok = 0;
    sol_clear_dirty(&S->cur);
    if (sol_copy(&S->cand, &S->cur) || sol_copy(&S->best, &S->cur))
        return -1;
    sol_clear_dirty(&S->cand);
    S->first_feasible = plan_now() - S->t0;
    search_note_best(S);
    return 0;
}

double anneal_frac(plan_solver *S, const struct anneal *a)
{
    double f = 0;
    if (a->span > 0)
        f = (double)(S->iter - a->it0) / (double)a->span;
    if (a->tspan > 0) {
        double g = (plan_now() - a->tstart) / a->tspan;
        if (g > f)
            f = g;
    }
    return f > 1 ? 1 : f;
}

/* A restart is due when the best plan has not improved for a while, in
 * the first three quarters of the schedule. The floor on that while is a
 * twentieth of the annealing's length, held between a->stall_lo and
 * a->stall_hi (per task: it grows with the instance and the budget)
 * because the annealing needs about that long to come back from the big
 * ruin: a fixed floor small enough for short runs restarted large
 * instances again and again before the last ruin had been repaired,
 * while short runs do better at the low end
 * (bench/results/README.md, 2026-12-07). */
int anneal_restart_due(plan_solver *S, const struct anneal *a, double f, long last_best,
                       long sa_start)
{
    long stall = S->iter - last_best;
    /* the annealing's whole length in iterations: known, or extrapolated */
    double length = a->span > 0 ? (double)a->span : f > 0 ? (double)(S->iter - a->it0) / f : 0;
    long stall_min = length / 20 < a->stall_hi ? (long)(length / 20) : a->stall_hi;
    if (stall_min < a->stall_lo)
        stall_min = a->stall_lo;
    return f < 0.75 && stall > stall_min && stall > S->iter - sa_start - stall;
}

static int absent_count(const struct sol *s, double *absence_sum, const double *absence)
{
    const plan_problem *p = s->p;
    int n = 0;
    double a = 0;
    for (int v = 0; v < p->n_visits; v++)
        if (!p->visits[v].why_unservable && s->rt[p->visits[v].task0] < 0) {
            n++;
            a += absence[p->visits[v].group];
        }
    *absence_sum = a;
    return n;
}

/* Try to serve everything with one route fewer, again and again. */
static int fleet_min(plan_solver *S, long it_budget, double t_budget)
{
    const plan_problem *p = S->p;
    long it_end = S->max_iter > 0 ? S->iter + it_budget : 0;
    double t_end = t_budget > 0 ? plan_now() + t_budget : 0;
    memset(S->absence, 0, (size_t)p->n_groups * sizeof *S->absence);
    S->no_new_routes = 1;
    while (!search_should_stop(S) && (!it_end || S->iter < it_end) &&
           (!t_end || plan_now() < t_end)) {
        /* empty the smallest route of the best plan */
        int rmin = -1;
        for (int r = 0; r < S->best.n_routes; r++)
            if (S->best.r[r].n && (rmin < 0 || S->best.r[r].n < S->best.r[rmin].n))
                rmin = r;
        if (rmin < 0)
            break;
        if (sol_copy(&S->cur, &S->best))
            return -1;
        while (S->cur.r[rmin].n)
            search_remove_group(&S->cur, p->visits[p->tasks[S->cur.r[rmin].seq[0]].visit].group);
        sol_schedule(&S->cur);
        if (sol_copy(&S->cand, &S->cur))
            return -1;
        sol_clear_dirty(&S->cur);
        sol_clear_dirty(&S->cand);
        double asum;
        int na = absent_count(&S->cur, &asum, S->absence);
        /* an attempt ends when the count of left-out visits has not reached
         * a new low for a quarter of the budget: the routes that can go at
         * all go early, and the rest of the budget is time the annealing
         * does not get. With one visit left out it goes on to the end of
         * the budget: placing the last visit can take much longer than the
         * others (bench/results/README.md, 2026-12-07) */
        int done = 0; /* na never grows: a smaller one is a new low */
        long it_low = S->iter;
        double t_low = plan_now();
        while (!search_should_stop(S) && (!it_end || S->iter < it_end) &&
               (!t_end || plan_now() < t_end)) {
            if (na > 1 &&
                (it_end ? S->iter - it_low > it_budget / 4 : plan_now() - t_low > t_budget / 4))
                break;
            S->iter++;
            search_ruin(S, &S->cand);
            if (search_recreate(S, &S->cand, 0.01))
                return -1;
            double csum;
            int nc = absent_count(&S->cand, &csum, S->absence);
            for (int v = 0; v < p->n_visits; v++)
                if (!p->visits[v].why_unservable && S->cand.rt[p->visits[v].task0] < 0)
                    S->absence[p->visits[v].group] += 1;
            if (nc < na || (nc == na && csum < asum) || (nc == na && S->cand.cost < S->cur.cost)) {
                if (sol_copy_dirty(&S->cur, &S->cand, S->cand.dirty))
                    return -1;
                if (nc < na) {
                    it_low = S->iter;
                    t_low = plan_now();
                }
                na = nc;
                asum = csum;
                if (na == 0) {
                    done = 1;
                    break;
                }
            } else if (sol_copy_dirty(&S->cand, &S->cur, S->cand.dirty))
                return -1;
            sol_clear_dirty(&S->cand);
        }
        if (!done)
            break;
        if (sol_feasible(&S->cur) && S->cur.cost < S->best.cost) {
            if (sol_copy(&S->best, &S->cur))
                return -1;
            search_note_best(S);
        } else
            break;
    }
    S->no_new_routes = 0;
    if (sol_copy(&S->cur, &S->best) || sol_copy(&S->cand, &S->best))
        return -1;
    sol_clear_dirty(&S->cur);
    sol_clear_dirty(&S->cand);
    return 0;
}

/* Restart point: the best plan with a third of its visit groups taken out
 * at random and put back (without opening routes when routes cost). */
static int big_ruin(plan_solver *S)
{
    const plan_problem *p = S->p;
    if (sol_copy(&S->cur, &S->best))
        return -1;
    S->stamp++;
    S->n_removed = 0;
    for (int g = 0; g < p->n_groups; g++)
        if (rng_unit(&S->rng) < 0.3) {
            S->gstamp[g] = S->stamp;
            S->removed[S->n_removed++] = g;
            search_remove_group(&S->cur, g);
        }
    add_absent(S, &S->cur);
    sol_schedule(&S->cur);
    int keep = S->no_new_routes;
    S->no_new_routes = p->w.carers_used > 0;
    int rc = search_recreate(S, &S->cur, 0.05);
    S->no_new_routes = keep;
    if (rc || sol_copy(&S->cand, &S->cur))
        return -1;
    sol_clear_dirty(&S->cur);
    sol_clear_dirty(&S->cand);
    return 0;
}

static int anneal_chain(plan_solver *S)
{
    const plan_problem *p = S->p;
    int used = 0, routed = 0;
    for (int r = 0; r < S->best.n_routes; r++)
        if (S->best.r[r].n) {
            used++;
            routed += S->best.r[r].n;
        }
    if (routed == 0)
        return 0;
    S->look_ahead = N_LOOK_CAND;
    if (p->w.carers_used > 0 && used > 1) {
        long ib = S->max_iter > 0 ? (S->max_iter - S->iter) * 4 / 10 : 0;
        double tb = S->time_limit > 0 ? (S->time_limit - (plan_now() - S->t0)) * 0.4 : 0;
        if (fleet_min(S, ib, tb))
            return -1;
    }
    /* temperature scale: the mean weighted travel of one leg */
    double tr = 0;
    for (int r = 0; r < S->best.n_routes; r++)
        tr += S->best.r[r].travel;
    /* when a route costs more than all the travel (the route count comes
     * first, as in Solomon's hierarchical objective) the annealing opens
     * no routes: a visit that does not fit is left out at the adaptive
     * penalty below instead (made late, on plain problems: warp.c).
     * Opening one was never accepted, so after the fleet minimisation
     * almost every move was rejected and the best plan stopped improving.
     * Not while the best plan leaves a visit out: it may need a route of
     * its own. */
    if (p->w.carers_used > p->w.travel * tr && S->best.n_miss == 0)
        S->no_new_routes = 1;
    double unit = p->w.travel * tr / (routed + used);
    if (unit <= 0)
        unit = 1;
    /* large instances get few iterations per visit: start cooler */
    double heat = routed <= SA_LARGE ? 5.0 : 5.0 * SA_LARGE / routed;
    if (heat < 0.3)
        heat = 0.3;
    /* with soft windows and full heat (up to SA_LARGE tasks), end five
     * times colder; larger instances, already cooler above, did worse
     * with it (bench/results/README.md, 2026-12-07) */
    double tf = p->soft && routed <= SA_LARGE ? 0.002 : 0.01;
    struct anneal A = {.T0 = heat * unit,
                       .Tf = tf * heat * unit,
                       .it0 = S->iter,
                       .span = S->max_iter > 0 ? S->max_iter - S->iter : 0,
                       .tstart = plan_now(),
                       .stall_lo = 30L * p->n_tasks,
                       .stall_hi = 100L * p->n_tasks};
    A.tspan = S->time_limit > 0 ? S->time_limit - (A.tstart - S->t0) : 0;
    if (!A.span && A.tspan <= 0)
        A.tspan = 10;
    /* with the fleet fixed on plain problems the way through infeasible
     * plans is lateness, not left-out visits (warp.c) */
    if (S->no_new_routes && search_warp_applies(p)) {
        int rc = search_warp(S, &A);
        S->no_new_routes = 0;
        return rc;
    }
    /* penalised infeasibility: a left-out mandatory visit costs lambda (not
     * its full weight) in the acceptance test; lambda adapts so that about a
     * third of the visited plans are complete. Only complete plans can
     * become the best. */
    /* a left-out visit must not look cheaper than moving it to another
     * carer: start above the per-pair penalties that apply */
    double pair = 0;
    for (int v = 0; v < p->n_visits; v++) {
        const struct pm_visit *x = &p->visits[v];
        double q = (x->n_assigned ? p->w.changed : 0) + (x->n_pref ? p->w.not_preferred : 0) +
                   (x->team >= 0 ? p->w.team_mismatch : 0);
        if (q > pair)
            pair = q;
    }
    double lambda = 20 * unit + 2 * pair, lmax = 10 * p->w.unassigned;
    int n_inc = 0, n_seen = 0;
    long last_best = S->iter, sa_start = S->iter, last_ls = -1000, last_lt = -1000000;
    /* with soft windows past SA_LARGE tasks, no restarts: there the
     * annealing gets few iterations per task and the big ruin costs more
     * than it gives; smaller instances do worse without them
     * (bench/results/README.md, 2026-12-07) */
    int restarts = !p->soft || routed <= SA_LARGE;
    memset(S->ls_touched, 1, (size_t)S->cur.n_routes);
    while (!search_should_stop(S)) {
        S->iter++;
        double f = anneal_frac(S, &A);
        if (restarts && anneal_restart_due(S, &A, f, last_best, sa_start)) {
            /* stuck: restart from the best plan with a large random ruin,
             * at the temperature the schedule has reached (reheating to T0
             * left the search far above the best plan until the schedule's
             * last quarter) */
            if (big_ruin(S))
                return -1;
            memset(S->ls_touched, 1, (size_t)S->cur.n_routes);
            last_best = sa_start = S->iter;
        }
        double T = A.T0 * pow(A.Tf / A.T0, f);
        search_ruin(S, &S->cand);
        if (search_recreate(S, &S->cand, 0.01))
            return -1;
        double u = rng_unit(&S->rng);
        double cc = S->cand.cost - S->cand.miss_cost + lambda * S->cand.n_miss;
        double oc = S->cur.cost - S->cur.miss_cost + lambda * S->cur.n_miss;
        int ok = cc < oc - T * log(u > 1e-300 ? u : 1e-300);
        n_seen++;
        n_inc += S->cur.n_miss > 0;
        if (n_seen == 100) {
            if (n_inc > 66 && lambda < lmax)
                lambda *= 1.5;
            else if (n_inc < 33 && lambda > unit)
                lambda /= 1.5;
            n_seen = n_inc = 0;
        }
        if (ok && p->has_sync && !sol_feasible(&S->cand))
            ok = 0;
        if (ok) {
            if (sol_copy_dirty(&S->cur, &S->cand, S->cand.dirty))
                return -1;
            /* local search on each new best plan (rate-limited unless the
             * problem is plain and moves are priced in O(1)), looking first
             * at the routes changed since its last run */
            for (int r = 0; r < S->cur.n_routes; r++)
                S->ls_touched[r] |= S->cand.dirty[r];
            if (S->cur.cost < S->best.cost - 1e-9) {
                if (p->plain || S->iter - last_ls >= 50 + p->n_tasks / 10) {
                    last_ls = S->iter;
                    /* ls-tied in the loop only with soft windows (where it
                     * was measured), up to 1,000 tasks (on larger days it
                     * costs a large share of the iterations per second)
                     * and LT_EVERY times less often than 2-opt*: less
                     * often, or without its own 2-opt*, did worse
                     * (bench/results/README.md, 2026-12-07) */
                    int lt = p->soft && p->n_tasks <= 1000 &&
                             S->iter - last_lt >= LT_EVERY * (50 + p->n_tasks / 10);
                    if (lt)
                        last_lt = S->iter;
                    if (search_local_some(S, &S->cur, S->ls_touched) ||
                        (lt && search_local_tied(S, &S->cur)) || sol_copy(&S->cand, &S->cur))
                        return -1;
                    memset(S->ls_touched, 0, (size_t)S->cur.n_routes);
                }
                if (sol_copy(&S->best, &S->cur))
                    return -1;
                last_best = S->iter;
                search_note_best(S);
            }
        } else if (sol_copy_dirty(&S->cand, &S->cur, S->cand.dirty))
            return -1;
        sol_clear_dirty(&S->cand);
    }
    S->no_new_routes = 0;
    return 0;
}

/* Independent annealing chains, each from the first plan, the time (or
 * iterations) left shared equally; the best plan of them all is kept.
 * With soft windows up to SA_LARGE tasks a run settles in one of a few
 * basins that more time does not leave, so two chains of half the budget
 * do better than one; past SA_LARGE they gain nothing
 * (bench/results/README.md, 2026-12-07) */
int search_improve(plan_solver *S)
{
    const plan_problem *p = S->p;
    int routed = 0;
    for (int r = 0; r < S->best.n_routes; r++)
        routed += S->best.r[r].n;
    int budget = S->time_limit > 0 || S->max_iter > 0; /* to share */
    int chains = p->soft && routed > 0 && routed <= SA_LARGE && budget ? SA_CHAINS : 1;
    if (chains == 1)
        return anneal_chain(S);
    long max_iter = S->max_iter;
    double time_limit = S->time_limit;
    if (sol_init(&S->first, p) || sol_init(&S->keep, p) || sol_copy(&S->first, &S->best))
        return -1;
    for (int k = 0; k < chains && !search_should_stop(S); k++) {
        if (k > 0) {
            if (sol_copy(&S->keep, &S->best) || sol_copy(&S->best, &S->first) ||
                sol_copy(&S->cur, &S->first) || sol_copy(&S->cand, &S->first))
                return -1;
            sol_clear_dirty(&S->cur);
            sol_clear_dirty(&S->cand);
        }
        if (max_iter > 0)
            S->max_iter = S->iter + (max_iter - S->iter) / (chains - k);
        if (time_limit > 0) {
            double now = plan_now() - S->t0;
            S->time_limit = now + (time_limit - now) / (chains - k);
        }
        int rc = anneal_chain(S);
        S->max_iter = max_iter;
        S->time_limit = time_limit;
        if (rc)
            return -1;
        if (k > 0 && S->keep.cost < S->best.cost && sol_copy(&S->best, &S->keep))
            return -1;
    }
    return 0;
}
