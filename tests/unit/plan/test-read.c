/* test-read.c — the problem readers: good inputs and malformed ones, whose
 * error messages must name the JSON path or line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "plan-test.h"

static void good_homecare(void **state)
{
    (void)state;
    char err[256] = "";
    json_t *r = small_homecare();
    plan_problem *p = problem_from(r, err, sizeof err);
    assert_non_null(p);
    assert_int_equal(plan_problem_visit_count(p), 5);
    assert_int_equal(plan_problem_carer_count(p), 3);
    assert_string_equal(plan_problem_name(p), "small");
    assert_string_equal(plan_problem_visit_id(p, 4), "v5");
    plan_problem_free(p);
    json_decref(r);
}

/* Replace a member deep in the problem and expect an error naming `path`. */
static void expect_error(json_t *r, const char *path)
{
    char err[256] = "";
    plan_problem *p = problem_from(r, err, sizeof err);
    if (p)
        fail_msg("accepted a malformed problem (expected error at %s)", path);
    if (strncmp(err, path, strlen(path)) != 0)
        fail_msg("error \"%s\" does not start with \"%s\"", err, path);
}

static json_t *visit(json_t *r, size_t i) { return json_array_get(json_object_get(r, "visits"), i); }
static json_t *carer(json_t *r, size_t i) { return json_array_get(json_object_get(r, "carers"), i); }

static void malformed_paths(void **state)
{
    (void)state;
    json_t *r;

    r = small_homecare();
    json_array_set_new(json_object_get(visit(r, 3), "windows"), 0, json_pack("[i]", 5));
    expect_error(r, "visits[3].windows[0]: expected [from, to]");
    json_decref(r);

    r = small_homecare();
    json_array_set_new(json_object_get(visit(r, 1), "windows"), 1, json_pack("[i,i]", 800, 700));
    expect_error(r, "visits[1].windows[1]");
    json_decref(r);

    r = small_homecare();
    json_object_set_new(visit(r, 2), "duration", json_string("long"));
    expect_error(r, "visits[2].duration");
    json_decref(r);

    r = small_homecare();
    json_object_set_new(visit(r, 0), "location", json_string("nowhere"));
    expect_error(r, "visits[0].location: unknown location");
    json_decref(r);

    r = small_homecare();
    json_object_set_new(carer(r, 1), "shift", json_pack("[i]", 1));
    expect_error(r, "carers[1].shift");
    json_decref(r);

    r = small_homecare();
    json_object_set_new(json_array_get(json_object_get(carer(r, 0), "breaks"), 0), "duration",
                        json_integer(500));
    expect_error(r, "carers[0].breaks[0]");
    json_decref(r);

    r = small_homecare();
    json_object_set_new(visit(r, 4), "sync", json_pack("{s:s}", "with", "v99"));
    expect_error(r, "visits[4].sync.with");
    json_decref(r);

    r = small_homecare();
    json_object_set_new(visit(r, 0), "preferred_carers", json_pack("[s]", "nobody"));
    expect_error(r, "visits[0].preferred_carers[0]: unknown carer");
    json_decref(r);

    r = small_homecare();
    json_object_set_new(visit(r, 1), "id", json_string("v1"));
    expect_error(r, "visits[1].id: duplicate");
    json_decref(r);

    r = small_homecare();
    json_object_set_new(json_object_get(r, "travel"), "metric", json_string("manhattan"));
    expect_error(r, "travel.metric");
    json_decref(r);

    r = small_homecare();
    json_object_set_new(r, "weights", json_pack("{s:s}", "travel", "x"));
    expect_error(r, "weights.travel");
    json_decref(r);

    r = small_homecare();
    json_object_set_new(r, "format", json_string("omsorg-plan/9"));
    expect_error(r, "format");
    json_decref(r);
}

static void matrix_and_haversine(void **state)
{
    (void)state;
    char err[256] = "";
    json_t *r = json_pack("{s:s,s:{s:s,s:[[i,i],[i,i]]},s:[{s:s},{s:s}],"
                          "s:[{s:s,s:s,s:[i,i]}],s:[{s:s,s:s,s:i,s:[[i,i]]}]}",
                          "format", "omsorg-plan/1", "travel", "metric", "matrix", "matrix", 0, 7,
                          9, 0, "locations", "id", "o", "id", "x", "carers", "id", "e", "start",
                          "o", "shift", 0, 100, "visits", "id", "v", "location", "x", "duration",
                          5, "windows", 0, 50);
    plan_problem *p = problem_from(r, err, sizeof err);
    assert_non_null(p);
    char *sol = solve_iters(p, 10, 1);
    assert_non_null(sol);
    json_t *js = json_loads(sol, 0, NULL);
    assert_true(json_real_value(json_object_get(json_object_get(js, "summary"), "travel")) == 16.0);
    json_decref(js);
    free(sol);
    plan_problem_free(p);
    /* a short matrix row */
    json_array_set_new(json_object_get(json_object_get(r, "travel"), "matrix"), 1, json_pack("[i]", 1));
    assert_null(problem_from(r, err, sizeof err));
    assert_string_equal(err, "travel.matrix[1]: expected 2 numbers");
    json_decref(r);

    r = json_pack("{s:s,s:{s:s,s:i,s:i},s:[{s:s,s:f,s:f},{s:s,s:f,s:f}],"
                  "s:[{s:s,s:s,s:[i,i]}],s:[{s:s,s:s,s:i,s:[[i,i]]}]}",
                  "format", "omsorg-plan/1", "travel", "metric", "haversine", "speed_kmh", 30,
                  "detour", 1, "locations", "id", "o", "lat", 55.72, "lon", 12.43, "id", "x",
                  "lat", 55.73, "lon", 12.43, "carers", "id", "e", "start", "o", "shift", 0, 100,
                  "visits", "id", "v", "location", "x", "duration", 5, "windows", 0, 50);
    p = problem_from(r, err, sizeof err);
    assert_non_null(p);
    sol = solve_iters(p, 5, 1);
    js = json_loads(sol, 0, NULL);
    /* 0.01 degree of latitude = 1.112 km; at 30 km/h 2.22 min each way */
    double tr = json_real_value(json_object_get(json_object_get(js, "summary"), "travel"));
    assert_true(tr > 4.4 && tr < 4.5);
    json_decref(js);
    free(sol);
    plan_problem_free(p);
    json_decref(r);
}

static void solomon_text(void **state)
{
    (void)state;
    char err[256] = "";
    plan_problem *p = test_instance("solomon/C101.txt");
    assert_int_equal(plan_problem_visit_count(p), 100);
    assert_int_equal(plan_problem_carer_count(p), 25);
    assert_string_equal(plan_problem_visit_id(p, 16), "17");
    assert_string_equal(plan_problem_carer_id(p, 0), "v1");
    plan_problem_free(p);

    const char bad[] = "X\n\nVEHICLE\nNUMBER     CAPACITY\n  25         200\n\nCUSTOMER\n"
                       "CUST NO.  XCOORD.\n\n    0      40  50  0  0  1236  0\n    1  45  68  10\n";
    assert_null(plan_problem_parse(bad, sizeof bad - 1, err, sizeof err));
    assert_string_equal(err, "line 11: expected 7 numbers (CUST NO. X Y DEMAND READY DUE SERVICE)");
    const char junk[] = "hello\nworld\n";
    assert_null(plan_problem_parse(junk, sizeof junk - 1, err, sizeof err));
    assert_non_null(strstr(err, "line"));
}

static void mankowska_json(void **state)
{
    (void)state;
    char err[256] = "";
    plan_problem *p = test_instance("mankowska/InstanzCPLEX_HCSRP_10_1.json");
    /* 10 patients, three with two services: 13 visits */
    assert_int_equal(plan_problem_visit_count(p), 13);
    int found = 0;
    for (int v = 0; v < plan_problem_visit_count(p); v++)
        found += !strcmp(plan_problem_visit_id(p, v), "p8:s5") + !strcmp(plan_problem_visit_id(p, v), "p7");
    assert_int_equal(found, 2);
    plan_problem_free(p);

    json_t *r = json_pack("{s:[{s:s,s:[i,i],s:[i]}],s:[],s:[[i]]}", "patients", "id", "p1",
                          "location", 1, 2, "time_window", 5, "caregivers", "distances", 0);
    assert_null(problem_from(r, err, sizeof err));
    assert_string_equal(err, "caregivers: expected a non-empty array");
    json_decref(r);
    r = json_pack("{s:[{s:s,s:[i,i],s:[i]}],s:[{s:s,s:[s]}],s:[[i,i],[i,i]]}", "patients", "id",
                  "p1", "location", 1, 2, "time_window", 5, "caregivers", "id", "c1", "abilities",
                  "s1", "distances", 0, 1, 1, 0);
    assert_null(problem_from(r, err, sizeof err));
    assert_string_equal(err, "patients[0].time_window: expected [from, to]");
    json_decref(r);
}

static void never_crash_on_garbage(void **state)
{
    (void)state;
    char err[256];
    const char *inputs[] = {"", "{", "{}", "[]", "{\"format\": 1}", "{\"patients\": 3}",
                            "{\"format\":\"omsorg-plan/1\"}", "\x01\x02\x03"};
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        err[0] = 0;
        assert_null(plan_problem_parse(inputs[i], strlen(inputs[i]), err, sizeof err));
        assert_true(err[0] != 0);
    }
    assert_null(plan_problem_load_file("/nonexistent/file.json", err, sizeof err));
}

/* The solver's plan `sol` of p broken twice, each in a way the checker
 * counts as exactly one violation: its first served visit also listed as
 * unassigned, and its summary claiming 5 more minutes of travel. Returns
 * the broken plan as text, or NULL when the plan serves no visit. */
static char *broken_twice(const char *sol)
{
    json_t *js = json_loads(sol, 0, NULL), *ro, *st;
    const char *first = NULL;
    size_t i, j;
    json_array_foreach(json_object_get(js, "routes"), i, ro)
    {
        json_array_foreach(json_object_get(ro, "stops"), j, st)
        {
            if (!first)
                first = json_string_value(json_object_get(st, "visit"));
        }
    }
    char *out = NULL;
    if (first) {
        json_t *sum = json_object_get(js, "summary");
        json_array_append_new(json_object_get(js, "unassigned"), json_string(first));
        json_object_set_new(sum, "travel",
                            json_real(json_number_value(json_object_get(sum, "travel")) + 5));
        out = json_dumps(js, 0);
    }
    json_decref(js);
    return out;
}

/* Byte mutations of a valid problem: parse (and solve when accepted)
 * without crashing; every rejection carries a message; the plan of every
 * accepted problem passes the checker with no violation, and the same
 * plan broken twice gets exactly two. */
static void mutations_never_crash(void **state)
{
    (void)state;
    json_t *r = small_homecare();
    char *text = json_dumps(r, 0), err[256];
    size_t len = strlen(text);
    char *buf = malloc(len + 1);
    unsigned long x = 12345;
    int accepted = 0, broken = 0;
    const char alphabet[] = "{}[],:\"0123456789-.eE abtrufnl";
    for (int round = 0; round < 400; round++) {
        memcpy(buf, text, len + 1);
        for (int k = 0; k < 1 + round % 4; k++) {
            x = x * 6364136223846793005ul + 1442695040888963407ul;
            size_t at = (size_t)(x >> 33) % len;
            buf[at] = alphabet[(x >> 20) % (sizeof alphabet - 1)];
        }
        err[0] = 0;
        plan_problem *p = plan_problem_parse(buf, len, err, sizeof err);
        if (!p) {
            assert_true(err[0] != 0);
            continue;
        }
        char *sol = solve_iters(p, 20, 1);
        assert_non_null(sol);
        struct plan_summary sm;
        char *report = NULL;
        int n = plan_check(p, sol, &report, &sm);
        if (n != 0)
            fail_msg("round %d: %d violation(s) in the solver's plan:\n%s", round, n,
                     report ? report : "");
        free(report);
        char *bad = broken_twice(sol);
        if (bad) {
            report = NULL;
            n = plan_check(p, bad, &report, &sm);
            if (n != 2)
                fail_msg("round %d: %d violation(s) in a plan broken twice:\n%s", round, n,
                         report ? report : "");
            broken++;
            free(report);
            free(bad);
        }
        accepted++;
        free(sol);
        plan_problem_free(p);
    }
    print_message("%d of 400 mutated problems accepted, %d of their plans broken\n", accepted,
                  broken);
    assert_true(accepted > 0 && broken > 0);
    free(buf);
    free(text);
    json_decref(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(good_homecare),        cmocka_unit_test(malformed_paths),
        cmocka_unit_test(matrix_and_haversine), cmocka_unit_test(solomon_text),
        cmocka_unit_test(mankowska_json),       cmocka_unit_test(never_crash_on_garbage),
        cmocka_unit_test(mutations_never_crash),
    };
    return cmocka_run_group_tests_name("plan-read", tests, NULL, NULL);
}
