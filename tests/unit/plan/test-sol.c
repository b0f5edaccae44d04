/* A solution's copies (sol.c): sol_copy_changed makes the destination
 * equal to the source while copying only the routes changed since it last
 * took them (edits, re-timings, and whole copies into the source count as
 * changes), on the instances of sol-test.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <math.h>
#include <stdint.h>

#include <cmocka.h>

#include "sol-test.h"

/* Routes and per-task data of a and b are the same. */
static void assert_same(const struct sol *a, const struct sol *b)
{
    const plan_problem *p = a->p;
    for (int r = 0; r < a->n_routes; r++) {
        const struct route *A = &a->r[r], *B = &b->r[r];
        assert_int_equal(A->n, B->n);
        for (int i = 0; i < A->n; i++) {
            assert_int_equal(A->seq[i], B->seq[i]);
            assert_true(A->start[i] == B->start[i]);
            assert_true(A->dep[i] == B->dep[i]);
        }
        assert_true(A->travel == B->travel);
        assert_true(A->tardsum == B->tardsum);
    }
    for (int t = 0; t < p->n_tasks; t++) {
        assert_int_equal(a->rt[t], b->rt[t]);
        assert_true(a->st[t] == b->st[t]);
    }
    assert_true(a->cost == b->cost);
}

/* How many routes of s changed since gen0 was taken. */
static int changed_since(const struct sol *s, const uint64_t *gen0)
{
    int n = 0;
    for (int r = 0; r < s->n_routes; r++)
        n += s->gen[r] != gen0[r];
    return n;
}

static void copy_changed_is_a_copy(void **state)
{
    (void)state;
    for (size_t f = 0; f < N_FILES; f++) { /* tied tasks, plain, breaks */
        plan_problem *p = load(f);
        plan_solver *S = solved(p, 1);
        struct sol *s = &S->cur, *snap = &S->cand;
        int nr = s->n_routes;
        uint64_t *seen = malloc((size_t)nr * sizeof *seen),
                 *gen0 = malloc((size_t)nr * sizeof *gen0);
        assert_non_null(seen);
        assert_non_null(gen0);
        memset(seen, 0xff, (size_t)nr * sizeof *seen); /* nothing taken yet */
        memcpy(gen0, snap->gen, (size_t)nr * sizeof *gen0);
        assert_int_equal(sol_copy_changed(snap, s, seen), 0);
        assert_int_equal(changed_since(snap, gen0), nr); /* the first time: every route */
        assert_same(snap, s);
        uint64_t rng = 5;
        for (int round = 0; round < 30; round++) {
            /* move one task to another route, re-time */
            int u = rng_int(&rng, p->n_tasks);
            if (s->rt[u] < 0)
                continue;
            int from = s->rt[u], to = rng_int(&rng, nr);
            memcpy(gen0, s->gen, (size_t)nr * sizeof *gen0);
            route_remove(s, u);
            assert_int_equal(route_insert(s, to, rng_int(&rng, s->r[to].n + 1), u), 0);
            sol_schedule(s);
            int touched = changed_since(s, gen0);
            assert_true(touched >= (from == to ? 1 : 2));
            memcpy(gen0, snap->gen, (size_t)nr * sizeof *gen0);
            assert_int_equal(sol_copy_changed(snap, s, seen), 0);
            assert_int_equal(changed_since(snap, gen0), touched); /* only those */
            assert_same(snap, s);
        }
        /* nothing changed: nothing copied */
        memcpy(gen0, snap->gen, (size_t)nr * sizeof *gen0);
        assert_int_equal(sol_copy_changed(snap, s, seen), 0);
        assert_int_equal(changed_since(snap, gen0), 0);
        /* a whole copy into the source changes every route */
        assert_int_equal(sol_copy(s, &S->best), 0);
        assert_int_equal(sol_copy_changed(snap, s, seen), 0);
        assert_same(snap, s);
        free(seen);
        free(gen0);
        plan_solver_free(S);
        plan_problem_free(p);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(copy_changed_is_a_copy),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
