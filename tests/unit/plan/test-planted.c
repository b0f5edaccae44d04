/* test-planted.c — the planted-plan generator (plan_generate_planted): the
 * planted plan passes the independent checker with the figures it claims,
 * the options shape the day as they say, the same options give the same
 * day, and the solver finds a complete plan of a small planted day. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "plan-test.h"

struct day {
    char *problem, *plan;
    struct plan_planted_stats st;
    plan_problem *p;
    json_t *prob, *sol;
};

static void make_day(struct day *d, const struct plan_planted *o)
{
    char err[256];
    memset(d, 0, sizeof *d);
    assert_int_equal(plan_generate_planted(o, &d->problem, &d->plan, &d->st), 0);
    d->p = plan_problem_parse(d->problem, strlen(d->problem), err, sizeof err);
    if (!d->p)
        fail_msg("planted problem: %s", err);
    d->prob = json_loads(d->problem, 0, NULL);
    d->sol = json_loads(d->plan, 0, NULL);
    assert_non_null(d->prob);
    assert_non_null(d->sol);
}

static void free_day(struct day *d)
{
    plan_problem_free(d->p);
    json_decref(d->prob);
    json_decref(d->sol);
    free(d->problem);
    free(d->plan);
}

/* The carers serving visit `id` in the plan (at most 2); returns how many. */
static int served_by(json_t *sol, const char *id, const char **carer)
{
    json_t *ro, *st;
    size_t i, j;
    int n = 0;
    json_array_foreach(json_object_get(sol, "routes"), i, ro)
    {
        json_array_foreach(json_object_get(ro, "stops"), j, st)
        {
            const char *v = json_string_value(json_object_get(st, "visit"));
            if (v && !strcmp(v, id) && n < 2)
                carer[n++] = json_string_value(json_object_get(ro, "carer"));
        }
    }
    return n;
}

/* The planted plan is complete, feasible by the checker, and its summary
 * (travel, nothing left out, no team crossed, every visit by a carer the
 * citizen knows) is what the checker recomputes. */
static void planted_plan_checks(void **state)
{
    (void)state;
    static const struct plan_planted opts[] = {
        {120, 0.85, 1, 1, 0.10, 0.05, 1},
        {300, 0.95, 1, 1, 0.05, 0.02, 2},
        {260, 0.80, 0, 0, 0, 0, 3},
        {600, 0.97, 1, 0, 0, 0, 4},
    };
    for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++) {
        struct day d;
        struct plan_summary sm;
        char *report = NULL;
        make_day(&d, &opts[i]);
        int nv = plan_check(d.p, d.plan, &report, &sm);
        if (nv)
            fail_msg("planted plan %zu: %s", i, report ? report : "");
        free(report);
        print_message("planted %d visits, u %.2f: %d carers, %d teams, travel %.2f, "
                      "utilization %.3f, %d double, %d synced\n",
                      opts[i].visits, opts[i].utilization, d.st.carers, d.st.teams, d.st.travel,
                      d.st.utilization, d.st.double_staffed, d.st.synced);
        assert_int_equal(plan_problem_visit_count(d.p), opts[i].visits);
        assert_int_equal(d.st.visits, opts[i].visits);
        assert_int_equal(plan_problem_carer_count(d.p), d.st.carers);
        assert_int_equal(sm.unassigned, 0);
        assert_int_equal(sm.team_mismatch, 0);
        assert_int_equal(sm.not_preferred, 0);
        assert_true(fabs(sm.travel - d.st.travel) < 0.01);
        assert_true(sm.travel > 0);
        /* the utilization asked for, within what whole visits allow */
        assert_true(fabs(d.st.utilization - opts[i].utilization) < 0.03);
        free_day(&d);
    }
}

/* Teams, preferences, double staffing and sync pairs appear exactly when
 * asked for, and as the planted plan has them. */
static void options_shape_the_day(void **state)
{
    (void)state;
    struct plan_planted with = {400, 0.9, 1, 1, 0.08, 0.04, 7}, without = {400, 0.9, 0, 0, 0, 0, 7};
    struct day a, b;
    make_day(&a, &with);
    make_day(&b, &without);
    json_t *x, *ca;
    size_t i;
    int doubles = 0, synced = 0, two_windows = 0;
    json_array_foreach(json_object_get(a.prob, "visits"), i, x)
    {
        const char *id = json_string_value(json_object_get(x, "id")), *by[2];
        int n = served_by(a.sol, id, by);
        json_t *k = json_object_get(x, "carers"), *pc = json_object_get(x, "preferred_carers");
        int need = k ? (int)json_integer_value(k) : 1;
        assert_int_equal(n, need);
        doubles += need == 2;
        assert_non_null(json_object_get(x, "team"));
        /* the citizen knows exactly the planted carers */
        assert_int_equal(json_array_size(pc), (size_t)n);
        for (int j = 0; j < n; j++) {
            const char *k0 = json_string_value(json_array_get(pc, 0));
            const char *k1 = json_string_value(json_array_get(pc, (size_t)(n - 1)));
            assert_true(!strcmp(by[j], k0) || !strcmp(by[j], k1));
        }
        if (json_object_get(x, "sync")) {
            synced++;
            json_t *gap = json_object_get(json_object_get(x, "sync"), "gap");
            assert_true(json_number_value(json_array_get(gap, 0)) == 30);
            assert_true(json_number_value(json_array_get(gap, 1)) == 60);
        }
        two_windows += json_array_size(json_object_get(x, "windows")) == 2;
    }
    print_message("with: %d double, %d synced, %d with two windows of 400\n", doubles, synced,
                  two_windows);
    assert_int_equal(doubles, a.st.double_staffed);
    assert_int_equal(synced, a.st.synced);
    assert_true(doubles >= 16 && doubles <= 48); /* 8 % of 400, give or take */
    assert_true(synced >= 4);
    assert_true(two_windows > 0);
    json_array_foreach(json_object_get(a.prob, "carers"), i, ca)
    {
        assert_non_null(json_object_get(ca, "team"));
    }
    assert_int_equal(b.st.double_staffed, 0);
    assert_int_equal(b.st.synced, 0);
    json_array_foreach(json_object_get(b.prob, "visits"), i, x)
    {
        assert_null(json_object_get(x, "team"));
        assert_null(json_object_get(x, "preferred_carers"));
        assert_null(json_object_get(x, "carers"));
        assert_null(json_object_get(x, "sync"));
    }
    json_array_foreach(json_object_get(b.prob, "carers"), i, ca)
    {
        assert_null(json_object_get(ca, "team"));
    }
    free_day(&a);
    free_day(&b);
}

/* The same options give the same day and plan; another seed another. */
static void deterministic(void **state)
{
    (void)state;
    struct plan_planted o = {200, 0.9, 1, 1, 0.05, 0.03, 11};
    char *p1, *s1, *p2, *s2, *p3, *s3;
    assert_int_equal(plan_generate_planted(&o, &p1, &s1, NULL), 0);
    assert_int_equal(plan_generate_planted(&o, &p2, &s2, NULL), 0);
    o.seed = 12;
    assert_int_equal(plan_generate_planted(&o, &p3, &s3, NULL), 0);
    assert_string_equal(p1, p2);
    assert_string_equal(s1, s2);
    assert_true(strcmp(p1, p3) != 0);
    free(p1), free(s1), free(p2), free(s2), free(p3), free(s3);
}

static void bad_options(void **state)
{
    (void)state;
    char *p = (char *)1, *s = (char *)1;
    struct plan_planted bad[] = {
        {0, 0.9, 0, 0, 0, 0, 1},     {100, 1.2, 0, 0, 0, 0, 1},   {100, 0.1, 0, 0, 0, 0, 1},
        {100, 0.9, 0, 0, 0.5, 0, 1}, {100, 0.9, 0, 0, 0, 0.5, 1},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(plan_generate_planted(&bad[i], &p, &s, NULL), -1);
        assert_null(p);
        assert_null(s);
    }
}

/* The solver, given a small planted day with every feature, plans every
 * visit, keeps to the teams (the planted plan shows that it can) and
 * passes the checker. */
static void solver_plans_a_planted_day(void **state)
{
    (void)state;
    struct plan_planted o = {380, 0.85, 1, 1, 0.05, 0.03, 5}; /* two teams */
    struct day d;
    struct plan_summary sm;
    char *report = NULL;
    make_day(&d, &o);
    char *sol = solve_iters(d.p, 3000, 1);
    assert_non_null(sol);
    int nv = plan_check(d.p, sol, &report, &sm);
    if (nv)
        fail_msg("solver's plan: %s", report ? report : "");
    print_message("solver: unassigned %d, travel %.2f (planted %.2f), not preferred %d, "
                  "team mismatch %d\n",
                  sm.unassigned, sm.travel, d.st.travel, sm.not_preferred, sm.team_mismatch);
    assert_int_equal(d.st.teams, 2);
    assert_int_equal(sm.unassigned, 0);
    assert_int_equal(sm.team_mismatch, 0);
    free(report);
    free(sol);
    free_day(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(planted_plan_checks),
        cmocka_unit_test(options_shape_the_day),
        cmocka_unit_test(deterministic),
        cmocka_unit_test(bad_options),
        cmocka_unit_test(solver_plans_a_planted_day),
    };
    return cmocka_run_group_tests_name("plan-planted", tests, NULL, NULL);
}
