/* The local search for plans with soft windows and tied tasks (ls-tied.c):
 * from plans made worse by random feasible moves inside routes, it must
 * never return a costlier or infeasible plan, its cost must be what a
 * re-timing from scratch finds, and it must find improvements. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <math.h>
#include <stdint.h>

#include <cmocka.h>

#include "plan-test.h"
#include "plan/search.h"

/* Re-time every route from scratch; the cost found. */
static double retime(struct sol *s)
{
    sol_stale_all(s, 1);
    sol_schedule(s);
    return s->cost;
}

static void never_worse_and_improves(void **state)
{
    (void)state;
    static const char *files[] = {"InstanzCPLEX_HCSRP_25_1", "InstanzCPLEX_HCSRP_50_4"};
    int improved = 0, runs = 0;
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        char rel[160];
        snprintf(rel, sizeof rel, "mankowska/%s.json", files[f]);
        plan_problem *p = test_instance(rel);
        assert_true(p->has_sync && !p->plain);
        for (unsigned long seed = 1; seed <= 3; seed++) {
            plan_solver *S = plan_solver_new(p);
            plan_solver_set_seed(S, seed);
            plan_solver_set_iterations(S, 200);
            assert_int_equal(plan_solver_run(S), 0);
            struct sol *s = &S->cur;
            assert_int_equal(sol_copy(s, &S->best), 0);
            retime(s);
            assert_true(sol_feasible(s));
            /* make it worse: random relocations inside routes, kept when feasible */
            uint64_t rng = seed;
            for (int k = 0; k < 60; k++) {
                int r = rng_int(&rng, s->n_routes);
                int n = s->r[r].n;
                if (n < 2)
                    continue;
                int i = rng_int(&rng, n), j = rng_int(&rng, n - 1);
                int u = s->r[r].seq[i];
                route_remove(s, u);
                assert_int_equal(route_insert(s, r, j, u), 0);
                sol_schedule(s);
                if (!sol_feasible(s)) {
                    route_remove(s, u);
                    assert_int_equal(route_insert(s, r, i, u), 0);
                    sol_schedule(s);
                }
            }
            double before = retime(s);
            assert_true(sol_feasible(s));
            assert_int_equal(search_local_tied(S, s), 0);
            double after = s->cost;
            assert_true(sol_feasible(s));
            assert_true(after <= before + 1e-9);
            assert_true(fabs(retime(s) - after) < 1e-6);
            improved += after < before - 1e-6;
            runs++;
            plan_solver_free(S);
        }
        plan_problem_free(p);
    }
    print_message("ls-tied improved %d of %d perturbed plans\n", improved, runs);
    assert_true(improved >= runs / 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(never_worse_and_improves),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
