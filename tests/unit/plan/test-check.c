/* test-check.c — the independent checker: a solved plan passes; hand-made
 * bad plans are caught, each violation kind by its own message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "plan-test.h"

struct fixture {
    json_t *prob;
    plan_problem *p;
    json_t *sol;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    char err[256];
    f->prob = small_homecare();
    f->p = problem_from(f->prob, err, sizeof err);
    if (!f->p)
        return -1;
    char *text = solve_iters(f->p, 300, 7);
    f->sol = text ? json_loads(text, 0, NULL) : NULL;
    free(text);
    *state = f;
    return f->sol ? 0 : -1;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    json_decref(f->sol);
    json_decref(f->prob);
    plan_problem_free(f->p);
    free(f);
    return 0;
}

/* Run the checker on `sol` (against problem p); return violations, keep report. */
static int run_check(const plan_problem *p, json_t *sol, char **report)
{
    char *text = json_dumps(sol, 0);
    struct plan_summary sm;
    int n = plan_check(p, text, report, &sm);
    free(text);
    return n;
}

static void expect_violation(const plan_problem *p, json_t *sol, const char *needle)
{
    char *report = NULL;
    int n = run_check(p, sol, &report);
    if (n <= 0 || !report || !strstr(report, needle))
        fail_msg("expected a violation containing \"%s\"; got %d:\n%s", needle, n,
                 report ? report : "(none)");
    free(report);
}

/* The stop serving visit `id` in the n-th route that has it. */
static json_t *find_stop(json_t *sol, const char *id, int nth, json_t **route_stops, size_t *index)
{
    json_t *routes = json_object_get(sol, "routes"), *ro, *st;
    size_t i, j;
    json_array_foreach(routes, i, ro) {
        json_array_foreach(json_object_get(ro, "stops"), j, st) {
            const char *v = json_string_value(json_object_get(st, "visit"));
            if (v && !strcmp(v, id) && nth-- == 0) {
                if (route_stops)
                    *route_stops = json_object_get(ro, "stops");
                if (index)
                    *index = j;
                return st;
            }
        }
    }
    return NULL;
}

static double start_of(json_t *st) { return json_number_value(json_object_get(st, "start")); }

static void set_start(json_t *st, double t) { json_object_set_new(st, "start", json_real(t)); }

static void solved_plan_passes(void **state)
{
    struct fixture *f = *state;
    char *report = NULL;
    int n = run_check(f->p, f->sol, &report);
    if (n != 0)
        fail_msg("solver's plan fails the checker:\n%s", report);
    free(report);
    assert_int_equal(json_array_size(json_object_get(f->sol, "unassigned")), 0);
}

static void window(void **state)
{
    struct fixture *f = *state;
    json_t *s = json_deep_copy(f->sol);
    set_start(find_stop(s, "v3", 0, NULL, NULL), 650);
    expect_violation(f->p, s, "after its window closes");
    set_start(find_stop(s, "v3", 0, NULL, NULL), 400);
    expect_violation(f->p, s, "before its first window opens");
    json_decref(s);
}

static void skill(void **state)
{
    struct fixture *f = *state;
    json_t *s = json_deep_copy(f->sol);
    json_t *stops;
    /* give v2 (needs "sy") to e3 by renaming its route's carer */
    find_stop(s, "v2", 0, &stops, NULL);
    json_t *routes = json_object_get(s, "routes"), *ro;
    size_t i;
    json_array_foreach(routes, i, ro) if (json_object_get(ro, "stops") == stops)
        json_object_set_new(ro, "carer", json_string("e3"));
    expect_violation(f->p, s, "lacks a skill visit v2 needs");
    json_decref(s);
}

static void shift_and_arrival(void **state)
{
    struct fixture *f = *state;
    json_t *s = json_deep_copy(f->sol), *stops;
    size_t idx;
    json_t *st = find_stop(s, "v3", 0, &stops, &idx);
    /* move v3 to the end of its route and start it after the shift */
    json_incref(st);
    json_array_remove(stops, idx);
    json_array_append_new(stops, st);
    set_start(st, 895);
    expect_violation(f->p, s, "after the shift ends");
    json_decref(s);
    s = json_deep_copy(f->sol);
    st = find_stop(s, "v4", 0, NULL, NULL);
    json_t *st5 = find_stop(s, "v5", 0, NULL, NULL);
    (void)st5;
    set_start(find_stop(s, "v1", 0, NULL, NULL), 420); /* too early to reach from the office */
    set_start(find_stop(s, "v1", 1, NULL, NULL), 420);
    expect_violation(f->p, s, "before the carer can arrive");
    json_decref(s);
}

static void breaks(void **state)
{
    struct fixture *f = *state;
    json_t *s = json_deep_copy(f->sol), *ro, *st;
    size_t i, j;
    int moved = 0;
    json_array_foreach(json_object_get(s, "routes"), i, ro) {
        json_array_foreach(json_object_get(ro, "stops"), j, st) {
            if (json_object_get(st, "break") && !moved) {
                set_start(st, 750);
                moved = 1;
            }
        }
    }
    assert_true(moved);
    expect_violation(f->p, s, "outside its window");
    json_decref(s);
    s = json_deep_copy(f->sol);
    json_array_foreach(json_object_get(s, "routes"), i, ro) {
        json_t *stops = json_object_get(ro, "stops");
        for (j = json_array_size(stops); j-- > 0;)
            if (json_object_get(json_array_get(stops, j), "break"))
                json_array_remove(stops, j);
    }
    expect_violation(f->p, s, "break 0 not taken");
    json_decref(s);
}

static void capacity(void **state)
{
    struct fixture *f = *state;
    char err[256];
    json_t *prob = json_deep_copy(f->prob), *c;
    size_t i;
    json_array_foreach(json_object_get(prob, "carers"), i, c)
        json_object_set_new(c, "capacity", json_integer(1));
    plan_problem *p = problem_from(prob, err, sizeof err);
    assert_non_null(p);
    expect_violation(p, f->sol, "exceeds capacity");
    plan_problem_free(p);
    json_decref(prob);
}

static void sync_and_double(void **state)
{
    struct fixture *f = *state;
    json_t *s = json_deep_copy(f->sol);
    json_t *v4 = find_stop(s, "v4", 0, NULL, NULL), *v5 = find_stop(s, "v5", 0, NULL, NULL);
    assert_non_null(v4);
    assert_non_null(v5);
    assert_true(start_of(v5) - start_of(v4) >= 30 - 1e-6 && start_of(v5) - start_of(v4) <= 60 + 1e-6);
    set_start(v5, start_of(v4) + 10);
    expect_violation(f->p, s, "sync needs [30.00, 60.00]");
    json_decref(s);
    s = json_deep_copy(f->sol);
    json_t *a = find_stop(s, "v1", 1, NULL, NULL);
    set_start(a, start_of(a) + 5);
    expect_violation(f->p, s, "its carers start at different times");
    json_decref(s);
}

static void missing_and_doubled(void **state)
{
    struct fixture *f = *state;
    json_t *s = json_deep_copy(f->sol), *stops;
    size_t idx;
    find_stop(s, "v3", 0, &stops, &idx);
    json_array_remove(stops, idx);
    expect_violation(f->p, s, "visit v3 is missing");
    json_decref(s);

    s = json_deep_copy(f->sol);
    json_t *st = find_stop(s, "v3", 0, &stops, &idx);
    json_array_insert_new(stops, idx + 1, json_deep_copy(st));
    expect_violation(f->p, s, "appears twice");
    expect_violation(f->p, s, "served by 2 carers, needs 1");
    json_decref(s);

    s = json_deep_copy(f->sol);
    json_array_append_new(json_object_get(s, "unassigned"), json_string("v3"));
    expect_violation(f->p, s, "both served and listed as unassigned");
    json_decref(s);
}

static void summary_mismatch(void **state)
{
    struct fixture *f = *state;
    json_t *s = json_deep_copy(f->sol);
    json_t *sum = json_object_get(s, "summary");
    json_object_set_new(sum, "travel", json_real(json_number_value(json_object_get(sum, "travel")) + 1));
    expect_violation(f->p, s, "summary.travel");
    json_object_del(s, "summary");
    expect_violation(f->p, s, "summary: missing");
    json_decref(s);
}

static void unreadable(void **state)
{
    struct fixture *f = *state;
    struct plan_summary sm;
    char *report = NULL;
    assert_int_equal(plan_check(f->p, "{not json", &report, &sm), -1);
    assert_non_null(strstr(report, "solution: line 1"));
    free(report);
    assert_int_equal(plan_check(f->p, "{\"format\": \"x\"}", &report, &sm), -1);
    free(report);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(solved_plan_passes), cmocka_unit_test(window),
        cmocka_unit_test(skill),              cmocka_unit_test(shift_and_arrival),
        cmocka_unit_test(breaks),             cmocka_unit_test(capacity),
        cmocka_unit_test(sync_and_double),    cmocka_unit_test(missing_and_doubled),
        cmocka_unit_test(summary_mismatch),   cmocka_unit_test(unreadable),
    };
    return cmocka_run_group_tests_name("plan-check", tests, setup, teardown);
}
