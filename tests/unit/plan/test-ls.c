/* test-ls.c — the local search (ls.c) on hand-made plans: a move that only
 * a relocate, a swap or a 2-opt finds is found; on random feasible plans of
 * Solomon instances the result is never more expensive and always passes
 * the independent checker. No timing assertions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <math.h>

#include "plan-test.h"
#include "plan/search.h"

/* A Solomon-format instance: depot at 0,0, window [0, 1000], customers
 * with the given coordinates, demand 1, window [0, 1000], service 0. */
static plan_problem *line_problem(int n, const int *xy, int vehicles, int capacity)
{
    char text[4096], err[256];
    int k = snprintf(text, sizeof text,
                     "T\n\nVEHICLE\nNUMBER     CAPACITY\n  %d  %d\n\nCUSTOMER\n"
                     "CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME\n\n"
                     "0 0 0 0 0 1000 0\n",
                     vehicles, capacity);
    for (int i = 0; i < n; i++)
        k += snprintf(text + k, sizeof text - (size_t)k, "%d %d %d 1 0 1000 0\n", i + 1,
                      xy[2 * i], xy[2 * i + 1]);
    plan_problem *p = plan_problem_parse(text, (size_t)k, err, sizeof err);
    if (!p)
        fail_msg("parse: %s", err);
    return p;
}

/* Put the plan routes[r] (customer numbers 1.., 0 ends a route) into s. */
static void set_plan(struct sol *s, const int *routes)
{
    int r = 0, i = 0;
    for (const int *c = routes; *c >= 0; c++) {
        if (*c == 0) {
            r++;
            i = 0;
            continue;
        }
        assert_int_equal(route_insert(s, r, i++, s->p->visits[*c - 1].task0), 0);
    }
    sol_schedule(s);
}

/* Run the local search on the plan; check it and return the new cost. */
static double run_ls(plan_solver *S, struct sol *s)
{
    assert_int_equal(search_local(S, s), 0);
    assert_true(sol_feasible(s));
    return s->cost;
}

/* Customers on two lines; a plan where one customer sits on the wrong
 * line: only moving it (relocate) to the other route helps. */
static void relocate_found(void **state)
{
    (void)state;
    static const int xy[] = {10, 0, 20, 0, 30, 0, 0, 10, 0, 20, 0, 30, 40, 0};
    plan_problem *p = line_problem(7, xy, 3, 100);
    plan_solver *S = plan_solver_new(p);
    struct sol s;
    assert_int_equal(sol_init(&s, p), 0);
    /* route 0: 1 2 3; route 1: 4 7 5 6 (7 belongs after 3) */
    static const int plan[] = {1, 2, 3, 0, 4, 7, 5, 6, 0, -1};
    set_plan(&s, plan);
    double before = s.cost;
    double after = run_ls(S, &s);
    assert_true(after < before - 1);
    assert_int_equal(s.rt[p->visits[6].task0], s.rt[p->visits[2].task0]);
    sol_free(&s);
    plan_solver_free(S);
    plan_problem_free(p);
}

/* Two routes that each hold one customer of the other's line, in the
 * middle: swapping them (or two relocates) is the improvement. */
static void swap_found(void **state)
{
    (void)state;
    static const int xy[] = {10, 0, 20, 0, 30, 0, 0, 10, 0, 20, 0, 30};
    plan_problem *p = line_problem(6, xy, 2, 3);
    plan_solver *S = plan_solver_new(p);
    struct sol s;
    assert_int_equal(sol_init(&s, p), 0);
    /* capacity 3: a relocate alone cannot help, a swap can */
    static const int plan[] = {1, 5, 3, 0, 4, 2, 6, 0, -1};
    set_plan(&s, plan);
    double before = s.cost;
    double after = run_ls(S, &s);
    assert_true(after < before - 1);
    assert_int_equal(s.rt[p->visits[1].task0], s.rt[p->visits[0].task0]);
    assert_int_equal(s.rt[p->visits[4].task0], s.rt[p->visits[3].task0]);
    sol_free(&s);
    plan_solver_free(S);
    plan_problem_free(p);
}

/* One route visiting a line out and back in crossing order: 2-opt. */
static void two_opt_found(void **state)
{
    (void)state;
    static const int xy[] = {10, 0, 20, 0, 30, 0, 40, 0, 50, 0};
    plan_problem *p = line_problem(5, xy, 1, 100);
    plan_solver *S = plan_solver_new(p);
    struct sol s;
    assert_int_equal(sol_init(&s, p), 0);
    static const int plan[] = {1, 4, 3, 2, 5, 0, -1};
    set_plan(&s, plan);
    double after = run_ls(S, &s);
    assert_true(after <= 100000 + 100 + 1e-6); /* out to 50 and back */
    sol_free(&s);
    plan_solver_free(S);
    plan_problem_free(p);
}

/* Random feasible plans of Solomon instances: never worse, always valid. */
static void random_plans_solomon(void **state)
{
    (void)state;
    static const char *names[] = {"C101", "R101", "RC201", "R207"};
    for (size_t f = 0; f < sizeof names / sizeof names[0]; f++) {
        char rel[128];
        snprintf(rel, sizeof rel, "solomon/%s.txt", names[f]);
        plan_problem *p = test_instance(rel);
        plan_solver *S = plan_solver_new(p);
        assert_int_equal(sol_init(&S->best, p), 0);
        uint64_t rng = 7 + f;
        for (int rep = 0; rep < 3; rep++) {
            struct sol s;
            assert_int_equal(sol_init(&s, p), 0);
            /* random order, random feasible position (any route) */
            for (int k = 0; k < p->n_tasks; k++) {
                int u = (k * 37 + rep * 11) % p->n_tasks, placed = 0;
                for (int tries = 0; tries < 200 && !placed; tries++) {
                    int r = rng_int(&rng, p->n_carers), i = rng_int(&rng, s.r[r].n + 1);
                    if (ins_cost(&s, r, i, u) < PM_INF / 2) {
                        assert_int_equal(route_insert(&s, r, i, u), 0);
                        sol_schedule(&s);
                        placed = 1;
                    }
                }
            }
            sol_schedule(&s);
            assert_true(sol_feasible(&s));
            double before = s.cost;
            double after = run_ls(S, &s);
            print_message("%s #%d: cost %.2f -> %.2f\n", names[f], rep, before, after);
            assert_true(after <= before + 1e-9);
            /* the independent checker agrees */
            sol_copy(&S->best, &s);
            check_best(p, S, after);
            sol_free(&s);
        }
        plan_solver_free(S);
        plan_problem_free(p);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(relocate_found),
        cmocka_unit_test(swap_found),
        cmocka_unit_test(two_opt_found),
        cmocka_unit_test(random_plans_solomon),
    };
    return cmocka_run_group_tests_name("plan-ls", tests, NULL, NULL);
}
