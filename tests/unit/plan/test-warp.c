/* test-warp.c — the annealing through late plans (warp.c): which problems
 * it takes, its segments against the full evaluator, and, on Solomon
 * instances started from a short run's plan, that it never opens a route,
 * never returns a plan the independent checker rejects, and shortens the
 * plan it was given. No timing assertions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <math.h>

#include "plan-test.h"
#include "plan/search.h"
#include "plan/seg.h"

static plan_problem *load(const char *name)
{
    char rel[128];
    snprintf(rel, sizeof rel, "solomon/%s.txt", name);
    return test_instance(rel);
}

static int routes_used(const struct sol *s)
{
    int n = 0;
    for (int r = 0; r < s->n_routes; r++)
        n += s->r[r].n > 0;
    return n;
}

/* Solomon instances qualify; breaks, ties, preferred carers or carers
 * that differ do not. */
static void applies(void **state)
{
    (void)state;
    plan_problem *p = load("R101");
    assert_true(search_warp_applies(p));
    plan_problem_free(p);

    char err[256];
    json_t *j = small_homecare();
    p = problem_from(j, err, sizeof err);
    assert_non_null(p);
    assert_false(search_warp_applies(p)); /* breaks, a double-staffed visit, sync */
    plan_problem_free(p);
    json_decref(j);

    /* plain, but the two carers' shifts differ */
    j = json_pack("{s:s, s:{s:s}, s:[{s:s,s:i,s:i}, {s:s,s:i,s:i}],"
                  " s:[{s:s,s:s,s:s,s:[i,i]}, {s:s,s:s,s:s,s:[i,i]}],"
                  " s:[{s:s,s:s,s:i,s:[[i,i]]}]}",
                  "format", "omsorg-plan/1", "travel", "metric", "euclidean", "locations", "id",
                  "o", "x", 0, "y", 0, "id", "a", "x", 3, "y", 4, "carers", "id", "e1", "start",
                  "o", "end", "o", "shift", 420, 900, "id", "e2", "start", "o", "end", "o", "shift",
                  480, 900, "visits", "id", "v1", "location", "a", "duration", 30, "windows", 420,
                  600);
    p = problem_from(j, err, sizeof err);
    if (!p)
        fail_msg("%s", err);
    assert_false(search_warp_applies(p));
    plan_problem_free(p);
    json_decref(j);
}

/* From the plan of a very short run (construction and a little fleet
 * minimisation), with that plan's routes fixed: no route opened, the
 * checker agrees, the travel is shorter, and the same seed gives the same
 * plan. */
static void improves_fixed_fleet(void **state)
{
    (void)state;
    static const char *names[] = {"R110", "RC106", "R211"};
    for (size_t f = 0; f < sizeof names / sizeof names[0]; f++) {
        plan_problem *p = load(names[f]);
        double cost[2];
        for (int rep = 0; rep < 2; rep++) {
            plan_solver *S = plan_solver_new(p);
            plan_solver_set_seed(S, 3);
            plan_solver_set_iterations(S, 300);
            plan_solver_set_time_limit(S, 0);
            assert_int_equal(plan_solver_run(S), 0);
            assert_true(sol_feasible(&S->best));
            int used = routes_used(&S->best);
            double before = S->best.cost;

            S->max_iter = S->iter + 6000;
            S->no_new_routes = 1;
            struct anneal A = {.T0 = 20,
                               .Tf = 0.2,
                               .it0 = S->iter,
                               .span = 6000,
                               .stall_lo = 30L * p->n_tasks,
                               .stall_hi = 100L * p->n_tasks};
            assert_int_equal(search_warp(S, &A), 0);

            assert_true(sol_feasible(&S->best));
            assert_true(routes_used(&S->best) <= used);
            assert_true(S->best.cost < before - 1);
            check_best(p, S, S->best.cost);
            print_message("%s: %d routes, cost %.2f -> %.2f\n", names[f], used, before,
                          S->best.cost);
            cost[rep] = S->best.cost;
            plan_solver_free(S);
        }
        assert_true(cost[0] == cost[1]);
        plan_problem_free(p);
    }
}

/* The segments (seg.h) on random routes of R101: concatenation is
 * associative, the time warp is zero exactly when the full evaluator
 * (seq_cost) finds the route feasible, and then the distances agree. */
static void segments_match_evaluator(void **state)
{
    (void)state;
    plan_problem *p = load("R101");
    struct sol s;
    assert_int_equal(sol_init(&s, p), 0);
    const struct pm_carer *c = &p->carers[0];
    uint64_t rng = 11;
    int seq[12], feasible = 0, late = 0;
    for (int rep = 0; rep < 2000; rep++) {
        int n = 1 + rng_int(&rng, 12);
        for (int i = 0; i < n; i++)
            seq[i] = rng_int(&rng, p->n_tasks);
        /* left to right, and right to left */
        struct seg fw = seg_depot(c, c->start), bw = seg_depot(c, c->end);
        for (int i = 0; i < n; i++) {
            struct seg g = seg_task(p, seq[i]);
            fw = seg_cat(p, &fw, &g);
        }
        struct seg end = seg_depot(c, c->end);
        fw = seg_cat(p, &fw, &end);
        for (int i = n - 1; i >= 0; i--) {
            struct seg g = seg_task(p, seq[i]);
            bw = seg_cat(p, &g, &bw);
        }
        struct seg start = seg_depot(c, c->start);
        bw = seg_cat(p, &start, &bw);
        assert_true(fabs(fw.TW - bw.TW) < 1e-6);
        assert_true(fabs(fw.dist - bw.dist) < 1e-6);
        double cost = seq_cost(&s, 0, seq, n);
        if (fw.TW <= EPS) {
            feasible++;
            assert_true(cost < PM_INF / 2);
            assert_true(fabs(cost - (p->w.carers_used + p->w.travel * fw.dist)) < 1e-6);
        } else {
            late++;
            assert_true(cost >= PM_INF / 2);
        }
    }
    print_message("R101: %d feasible and %d late random routes\n", feasible, late);
    assert_true(feasible > 100 && late > 100);
    sol_free(&s);
    plan_problem_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(applies),
        cmocka_unit_test(segments_match_evaluator),
        cmocka_unit_test(improves_fixed_fleet),
    };
    return cmocka_run_group_tests_name("plan-warp", tests, NULL, NULL);
}
