/* Pricing (price.c): insertion pricing with a cut gives the cost when it
 * is below the cut, else PM_INF, and it is the cost the insertion adds;
 * the places ins_range skips are infeasible. On the instances of
 * sol-test.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "sol-test.h"

static void cut_prices_exactly(void **state)
{
    (void)state;
    long priced = 0, cut_off = 0;
    for (size_t f = 0; f < N_FILES; f++) {
        plan_problem *p = load(f);
        plan_solver *S = solved(p, 1);
        struct sol *s = &S->cur;
        uint64_t rng = 7;
        take_out(s, &rng);
        for (int u = 0; u < p->n_tasks; u++) {
            if (s->rt[u] >= 0)
                continue;
            for (int r = 0; r < s->n_routes; r++) {
                struct ins_pre pre;
                if (!pm_carer_can(p, r, p->tasks[u].visit) || !ins_prepare(s, r, u, &pre))
                    continue;
                for (int i = 0; i <= s->r[r].n; i++) {
                    double c = ins_cost_pre(s, r, i, u, &pre, PM_INF);
                    assert_true(c == ins_cost(s, r, i, u));
                    if (c >= PM_INF / 2)
                        continue;
                    priced++;
                    /* above the cost: the cost itself */
                    assert_true(ins_cost_pre(s, r, i, u, &pre, c + 1) == c);
                    assert_true(ins_cost_pre(s, r, i, u, &pre, nextafter(c, PM_INF)) == c);
                    /* at or below it: cut off */
                    assert_true(ins_cost_pre(s, r, i, u, &pre, c) >= PM_INF / 2);
                    assert_true(ins_cost_pre(s, r, i, u, &pre, c - 1) >= PM_INF / 2);
                    cut_off++;
                }
            }
        }
        plan_solver_free(S);
        plan_problem_free(p);
    }
    print_message("%ld places priced, each cut off at and below its cost\n", priced);
    assert_true(priced > 300);
    assert_true(cut_off == priced);
}

/* For a task without ties, the price is what the route's cost becomes with
 * its tied tasks' partners where they are (seq_cost_tied), and, into a
 * route without tied tasks, what the plan's cost becomes (less the visit's
 * left-out cost); an infeasible price means an infeasible plan. */
static void price_is_cost_difference(void **state)
{
    (void)state;
    long priced = 0, whole = 0;
    int seq[512];
    for (size_t f = 0; f < N_FILES; f++) {
        plan_problem *p = load(f);
        plan_solver *S = solved(p, 5);
        struct sol *s = &S->cur, *t = &S->cand;
        uint64_t rng = 3;
        take_out(s, &rng);
        for (int u = 0; u < p->n_tasks; u++) {
            const struct pm_visit *x = &p->visits[p->tasks[u].visit];
            if (s->rt[u] >= 0 || x->n_carers != 1 || p->tedge_off[u + 1] > p->tedge_off[u])
                continue;
            for (int r = 0; r < s->n_routes; r++) {
                const struct route *R = &s->r[r];
                if (!pm_carer_can(p, r, p->tasks[u].visit))
                    continue;
                assert_true(R->n < 512);
                for (int i = 0; i <= R->n; i++) {
                    double c = ins_cost(s, r, i, u), mt;
                    for (int k = 0, m = 0; k <= R->n; k++)
                        seq[m++] = k == i ? u : R->seq[k - (k > i)];
                    double q = seq_cost_tied(s, r, seq, R->n + 1, &mt);
                    assert_true((c >= PM_INF / 2) == (q >= PM_INF / 2));
                    if (c < PM_INF / 2) {
                        q += (mt > s->gmax ? p->w.max_tardiness * (mt - s->gmax) : 0) -
                             route_cost(s, r);
                        assert_true(fabs(q - c) <= 1e-6 * (1 + fabs(c)));
                        priced++;
                    }
                    if (R->n_sync)
                        continue;
                    assert_int_equal(sol_copy(t, s), 0);
                    assert_int_equal(route_insert(t, r, i, u), 0);
                    sol_schedule(t);
                    if (c >= PM_INF / 2) {
                        assert_false(sol_feasible(t) && t->r[r].viol <= EPS);
                        continue;
                    }
                    double d = t->cost - s->cost + unassigned_cost(p, p->tasks[u].visit);
                    assert_true(fabs(d - c) <= 1e-6 * (1 + fabs(c)));
                    whole++;
                }
            }
        }
        plan_solver_free(S);
        plan_problem_free(p);
    }
    print_message("%ld places priced as the route's cost they add, %ld as the plan's\n", priced,
                  whole);
    assert_true(priced > whole + 100 && whole > 300); /* some into routes with ties */
}

/* ins_range skips only places that price PM_INF, and skips some on the
 * instances with hard windows (Solomon, the home-care day) and, for tasks
 * whose tied partners are routed, on those with soft windows (Mankowska). */
static void range_skips_only_infeasible(void **state)
{
    (void)state;
    long skipped = 0, soft = 0;
    for (size_t f = 0; f < N_FILES; f++) {
        plan_problem *p = load(f);
        plan_solver *S = solved(p, 4);
        struct sol *s = &S->cur;
        uint64_t rng = 5;
        take_out(s, &rng);
        /* and half of the tied tasks still routed, alone: their partners
         * stay, so their bounds and slack limit where they may go */
        for (int u = 0; u < p->n_tasks; u++)
            if (s->rt[u] >= 0 && p->tedge_off[u + 1] > p->tedge_off[u] && rng_int(&rng, 2) == 0)
                route_remove(s, u);
        retime(s);
        long here = 0;
        for (int u = 0; u < p->n_tasks; u++) {
            if (s->rt[u] >= 0)
                continue;
            for (int r = 0; r < s->n_routes; r++) {
                struct ins_pre pre;
                int lo, hi;
                if (!ins_prepare(s, r, u, &pre))
                    continue;
                ins_range(s, r, u, &pre, &lo, &hi);
                assert_true(0 <= lo && lo <= hi && hi <= s->r[r].n + 1);
                for (int i = 0; i <= s->r[r].n; i++)
                    if (i < lo || i >= hi) {
                        assert_true(ins_cost(s, r, i, u) >= PM_INF / 2);
                        here++;
                    }
            }
        }
        if (!p->soft)
            assert_true(here > 0);
        else
            soft += here;
        skipped += here;
        plan_solver_free(S);
        plan_problem_free(p);
    }
    print_message("%ld places skipped (%ld with soft windows), none of them feasible\n", skipped,
                  soft);
    assert_true(soft > 0);
}

/* Loose pricing (ties ignored but for different carers) bounds a route's
 * cost from below: on each solved route it is at most the route's cost,
 * equal without tied tasks and below it where a partner makes a carer wait
 * somewhere; a sequence holding both tasks of a double-staffed visit
 * prices PM_INF. */
static void loose_bounds_route_cost(void **state)
{
    (void)state;
    int below = 0, equal = 0, doubled = 0;
    int seq[512];
    for (size_t f = 0; f < N_FILES; f++) {
        plan_problem *p = load(f);
        plan_solver *S = solved(p, 2);
        const struct sol *s = &S->best;
        for (int r = 0; r < s->n_routes; r++) {
            const struct route *R = &s->r[r];
            if (!R->n)
                continue;
            double mt, c = route_cost(s, r), q = seq_cost_loose(s, r, R->seq, R->n, &mt);
            assert_true(q <= c + 1e-6 * (1 + c));
            if (!R->n_sync) {
                assert_true(fabs(q - c) <= 1e-6 * (1 + c));
                equal++;
            } else
                below += q < c - 1e-6;
            /* the partner of a double-staffed task put into the same route */
            for (int i = 0; i < R->n; i++) {
                const struct pm_visit *x = &p->visits[p->tasks[R->seq[i]].visit];
                if (x->n_carers != 2 || R->n >= 512)
                    continue;
                int u = R->seq[i], o = u == x->task0 ? u + 1 : x->task0;
                memcpy(seq, R->seq, (size_t)R->n * sizeof *seq);
                seq[R->n] = o;
                assert_true(seq_cost_loose(s, r, seq, R->n + 1, &mt) >= PM_INF / 2);
                doubled++;
                break;
            }
        }
        plan_solver_free(S);
        plan_problem_free(p);
    }
    print_message("loose price: %d routes equal, %d with ties below, %d doubled\n", equal, below,
                  doubled);
    assert_true(equal > 0 && below > 0 && doubled > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cut_prices_exactly),
        cmocka_unit_test(range_skips_only_infeasible),
        cmocka_unit_test(price_is_cost_difference),
        cmocka_unit_test(loose_bounds_route_cost),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
