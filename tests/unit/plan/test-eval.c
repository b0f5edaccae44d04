/* The evaluator (eval.c): the incremental schedule after insertions is
 * the one a re-timing from scratch finds, also where a tied partner has to
 * move along; the stored legs add up to the route's travel; the written
 * plan keeps the cheaper timing where a break makes re-timing from "no
 * bound" overshoot (a hand-made day). On Mankowska instances (soft
 * windows, tied tasks), a Solomon instance (hard windows, plain) and a
 * small home-care day (breaks, several windows, preferences). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <math.h>
#include <stdint.h>

#include <cmocka.h>

#include "sol-test.h"

static void incremental_schedule_is_from_scratch(void **state)
{
    (void)state;
    int checked = 0;
    for (size_t f = 0; f < N_FILES; f++) {
        plan_problem *p = load(f);
        plan_solver *S = solved(p, 2);
        struct sol *s = &S->cur, *t = &S->cand;
        uint64_t rng = 11;
        take_out(s, &rng);
        /* put the tasks back one by one at their cheapest places: after each
         * insertion the incremental schedule must equal a re-timing (an
         * insertion that makes the plan infeasible is taken back) */
        for (int u = 0; u < p->n_tasks; u++) {
            if (s->rt[u] >= 0 || p->visits[p->tasks[u].visit].why_unservable)
                continue;
            int br = -1, bi = 0;
            double bc = PM_INF;
            for (int r = 0; r < s->n_routes; r++)
                if (pm_carer_can(p, r, p->tasks[u].visit))
                    for (int i = 0; i <= s->r[r].n; i++) {
                        double c = ins_cost(s, r, i, u);
                        if (c < bc) {
                            bc = c;
                            br = r;
                            bi = i;
                        }
                    }
            if (br < 0)
                continue;
            assert_int_equal(route_insert(s, br, bi, u), 0);
            sol_schedule(s);
            assert_int_equal(sol_copy(t, s), 0);
            retime(t);
            assert_true(sol_feasible(s) == sol_feasible(t));
            if (!sol_feasible(t)) { /* back to a feasible plan */
                route_remove(s, u);
                retime(s);
                continue;
            }
            assert_true(fabs(s->cost - t->cost) <= 1e-6 * (1 + fabs(t->cost)));
            for (int k = 0; k < p->n_tasks; k++)
                if (s->rt[k] >= 0)
                    assert_true(fabs(s->st[k] - t->st[k]) < 1e-6);
            checked++;
        }
        plan_solver_free(S);
        plan_problem_free(p);
    }
    print_message("%d insertions scheduled incrementally and from scratch\n", checked);
    assert_true(checked > 50);
}

/* After removals the schedule restarts from "no bound" only the starts
 * that may move earlier (after each route's first change, and after the
 * tied partners of those): the timing must be the one restarting every
 * route finds. Groups of a solved plan are taken out a few at a time
 * until none is left. */
static void removal_is_from_scratch(void **state)
{
    (void)state;
    int checked = 0;
    for (size_t f = 0; f < N_FILES; f++) {
        plan_problem *p = load(f);
        plan_solver *S = solved(p, 4);
        struct sol *s = &S->cur, *t = &S->cand;
        uint64_t rng = 13;
        for (int left = 1; left;) {
            left = 0;
            for (int k = 0, g0 = rng_int(&rng, p->n_groups); k < p->n_groups; k++) {
                int g = (g0 + k) % p->n_groups, v = p->group_vis[p->group_off[g]];
                if (s->rt[p->visits[v].task0] < 0)
                    continue;
                if (left++ < 3)
                    search_remove_group(s, g);
            }
            sol_schedule(s);
            assert_int_equal(sol_copy(t, s), 0);
            retime(t);
            assert_true(sol_feasible(s) == sol_feasible(t));
            assert_true(fabs(s->cost - t->cost) <= 1e-6 * (1 + fabs(t->cost)));
            for (int u = 0; u < p->n_tasks; u++)
                if (s->rt[u] >= 0)
                    assert_true(fabs(s->st[u] - t->st[u]) < 1e-6);
            checked++;
        }
        plan_solver_free(S);
        plan_problem_free(p);
    }
    print_message("%d removals re-timed incrementally and from scratch\n", checked);
    assert_true(checked > 20);
}

/* Cheapest places rarely move a tied partner; every place does now and
 * then. Take one task of each tied pair out and put it back at every place
 * in every other route: the incremental schedule (a route timed again
 * only from its first changed stop) must equal a re-timing, also when the
 * partner has to start later and its route's stops before the partner
 * stay as they were. */
static void partner_moves_along(void **state)
{
    (void)state;
    int moved = 0, checked = 0;
    for (size_t f = 0; f < 2; f++) { /* the Mankowska files: tied tasks */
        plan_problem *p = load(f);
        plan_solver *S = solved(p, 3);
        struct sol *s = &S->cur, *t = &S->cand, *x = &S->best;
        for (int u = 0; u < p->n_tasks && checked < 4000; u += 3) {
            if (s->rt[u] < 0 || p->tedge_off[u + 1] == p->tedge_off[u])
                continue;
            const struct pm_edge *e = &p->edges[p->tedge[p->tedge_off[u]]];
            int o = e->a == u ? e->b : e->a;
            if (s->rt[o] < 0)
                continue;
            assert_int_equal(sol_copy(t, s), 0);
            route_remove(t, u);
            sol_schedule(t);
            for (int r = 0; r < t->n_routes; r++) {
                if (r == t->rt[o] || !pm_carer_can(p, r, p->tasks[u].visit))
                    continue;
                for (int i = 0; i <= t->r[r].n; i++) {
                    assert_int_equal(sol_copy(x, t), 0);
                    assert_int_equal(route_insert(x, r, i, u), 0);
                    sol_schedule(x);
                    double inc = x->cost, so = x->st[o];
                    bool feas = sol_feasible(x);
                    sol_stale_all(x, 1);
                    sol_schedule(x);
                    assert_true(feas == sol_feasible(x));
                    if (!feas)
                        continue; /* tied tasks in crossing order: only the verdict compares */
                    assert_true(fabs(inc - x->cost) <= 1e-6 * (1 + fabs(x->cost)));
                    assert_true(fabs(so - x->st[o]) < 1e-6);
                    moved += x->st[o] > t->st[o] + 1e-6;
                    checked++;
                }
            }
        }
        plan_solver_free(S);
        plan_problem_free(p);
    }
    print_message("%d places tried, the partner moved later in %d\n", checked, moved);
    assert_true(moved > 100);
}

/* A break makes a route's timing non-monotone in its bounds. Carer A
 * serves W (ends 100), X (double-staffed with C, who is free at 136) and
 * Y (double-staffed with B, hard window to 170); A's 30-minute break must
 * end by 180. With X bound at 136 the break fits in the wait before X and
 * Y starts at 166. Re-timed from "no bound", X starts at 115, the break
 * goes after X, Y and its partner start at 175, and once X is bound again
 * the partner's 175 holds Y there. The final timing keeps the first. */
static void final_timing_keeps_the_cheaper(void **state)
{
    (void)state;
    json_t *j =
        json_pack("{s:s, s:s, s:{s:s}, s:[{s:s,s:i,s:i}],"
                  " s:[{s:s,s:s,s:s,s:[i,i],s:[{s:[i,i],s:i}]}, {s:s,s:s,s:s,s:[i,i]},"
                  "    {s:s,s:s,s:s,s:[i,i]}],"
                  " s:[{s:s,s:s,s:i,s:[[i,i]]}, {s:s,s:s,s:i,s:[[i,i]],s:i},"
                  "    {s:s,s:s,s:i,s:[[i,i]],s:i}, {s:s,s:s,s:i,s:[[i,i]]}]}",
                  "format", "omsorg-plan/1", "name", "break-overshoot", "travel", "metric",
                  "euclidean", "locations", "id", "o", "x", 0, "y", 0, "carers", "id", "A", "start",
                  "o", "end", "o", "shift", 0, 1000, "breaks", "window", 100, 180, "duration", 30,
                  "id", "B", "start", "o", "end", "o", "shift", 0, 1000, "id", "C", "start", "o",
                  "end", "o", "shift", 0, 1000, "visits", "id", "W", "location", "o", "duration",
                  30, "windows", 70, 70, "id", "X", "location", "o", "duration", 30, "windows", 115,
                  300, "carers", 2, "id", "Y", "location", "o", "duration", 10, "windows", 100, 170,
                  "carers", 2, "id", "V", "location", "o", "duration", 30, "windows", 106, 106);
    assert_non_null(j);
    char err[256];
    plan_problem *p = problem_from(j, err, sizeof err);
    json_decref(j);
    if (!p)
        fail_msg("%s", err);
    int w = p->visits[0].task0, x = p->visits[1].task0, y = p->visits[2].task0;
    int v = p->visits[3].task0;
    struct sol s, t;
    assert_int_equal(sol_init(&s, p), 0);
    assert_int_equal(sol_init(&t, p), 0);
    /* carers in order: A 0, B 1, C 2; insertions only: the incremental
     * fixed point */
    assert_int_equal(route_insert(&s, 2, 0, v), 0);
    assert_int_equal(route_insert(&s, 2, 1, x + 1), 0);
    assert_int_equal(route_insert(&s, 0, 0, w), 0);
    assert_int_equal(route_insert(&s, 0, 1, x), 0);
    sol_schedule(&s);
    assert_int_equal(route_insert(&s, 0, 2, y), 0);
    assert_int_equal(route_insert(&s, 1, 0, y + 1), 0);
    sol_schedule(&s);
    assert_true(fabs(s.st[x] - 136) < 1e-9 && fabs(s.st[y] - 166) < 1e-9);
    assert_true(sol_feasible(&s));
    double kept = s.cost;
    /* the case this test is about: from "no bound", Y is held at 175 */
    assert_int_equal(sol_copy(&t, &s), 0);
    retime(&t);
    assert_true(fabs(t.st[y] - 175) < 1e-9 && fabs(t.st[y + 1] - 175) < 1e-9);
    assert_false(sol_feasible(&t));
    assert_int_equal(sol_retime_final(&s, &t), 0);
    assert_true(fabs(s.st[y] - 166) < 1e-9 && fabs(s.st[y + 1] - 166) < 1e-9);
    assert_true(sol_feasible(&s));
    assert_true(fabs(s.cost - kept) < 1e-9);
    sol_free(&s);
    sol_free(&t);
    plan_problem_free(p);
}

static void legs_add_up(void **state)
{
    (void)state;
    for (size_t f = 0; f < N_FILES; f++) {
        plan_problem *p = load(f);
        plan_solver *S = solved(p, 3);
        const struct sol *s = &S->best;
        for (int r = 0; r < s->n_routes; r++) {
            const struct route *R = &s->r[r];
            if (!R->n)
                continue;
            double sum = 0;
            for (int i = 0; i <= R->n; i++)
                sum += R->leg[i];
            assert_true(fabs(sum - R->travel) < 1e-9 * (1 + R->travel));
        }
        plan_solver_free(S);
        plan_problem_free(p);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(incremental_schedule_is_from_scratch),
        cmocka_unit_test(partner_moves_along),
        cmocka_unit_test(removal_is_from_scratch),
        cmocka_unit_test(legs_add_up),
        cmocka_unit_test(final_timing_keeps_the_cheaper),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
