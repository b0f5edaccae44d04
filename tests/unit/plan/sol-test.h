/*
 * sol-test.h — helpers shared by the unit tests of the evaluator
 * (test-eval.c) and of pricing (test-price.c): the instances they run on
 * (two Mankowska ones with soft windows and tied tasks, a Solomon one,
 * plain, and the small home-care day with breaks, several windows and
 * preferences), a solved plan of each, a re-timing from scratch, and
 * taking visits out. Include after cmocka.h.
 */
#ifndef OMSORG_SOL_TEST_H
#define OMSORG_SOL_TEST_H

#include "plan-test.h"
#include "plan/search.h"

#include <stdint.h>

static const char *files[] = {
    "mankowska/InstanzCPLEX_HCSRP_25_1.json",
    "mankowska/InstanzCPLEX_HCSRP_50_4.json",
    "solomon/RC101.txt",
};
#define N_FILES (sizeof files / sizeof files[0] + 1) /* + the small home-care day */

static inline plan_problem *load(size_t f)
{
    char err[256];
    plan_problem *p;
    if (f < sizeof files / sizeof files[0]) {
        p = test_instance(files[f]);
    } else {
        json_t *j = small_homecare();
        p = problem_from(j, err, sizeof err);
        json_decref(j);
        if (!p)
            fail_msg("small home-care day: %s", err);
    }
    return p;
}

/* A solved plan of p in S->cur (a few hundred iterations). */
static inline plan_solver *solved(const plan_problem *p, unsigned long seed)
{
    plan_solver *S = plan_solver_new(p);
    assert_non_null(S);
    plan_solver_set_seed(S, seed);
    plan_solver_set_iterations(S, 300);
    assert_int_equal(plan_solver_run(S), 0);
    assert_int_equal(sol_copy(&S->cur, &S->best), 0);
    return S;
}

/* Re-time every route from scratch. */
static inline void retime(struct sol *s)
{
    sol_stale_all(s, 1);
    sol_schedule(s);
}

/* Take out about half of the visit groups and re-time. */
static inline void take_out(struct sol *s, uint64_t *rng)
{
    for (int g = 0; g < s->p->n_groups; g++)
        if (rng_int(rng, 2) == 0)
            search_remove_group(s, g);
    retime(s);
}

#endif
