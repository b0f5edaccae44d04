/* Regression tests for cases the fuzzer found: malformed input must be
 * refused with a message naming the place, never accepted half-right; and
 * the solver's plan must pass the independent checker. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "plan/plan.h"

static void refused(const char *text, const char *needle)
{
    char err[256] = "";
    plan_problem *p = plan_problem_parse(text, strlen(text), err, sizeof err);
    assert_null(p);
    assert_non_null(strstr(err, needle));
}

static const char mk_head[] =
    "{\"services\":[{\"id\":\"s1\"},{\"id\":\"s2\"}],"
    "\"central_offices\":[{\"id\":\"d\",\"location\":[0,0]}],"
    "\"caregivers\":[{\"id\":\"c1\",\"abilities\":[\"s1\",\"s2\"]},{\"id\":\"c2\",\"abilities\":[\"s1\"]}],"
    "\"distances\":[[0,1,1],[1,0,1],[1,1,0]],";

static void mankowska_duplicates_and_reversed_windows(void **state)
{
    char buf[1024];
    snprintf(buf, sizeof buf, "%s\"patients\":[{\"id\":\"p1\",\"location\":[1,1],\"time_window\":[10,20],"
             "\"required_caregivers\":[{\"service\":\"s1\",\"duration\":5}]},{\"id\":\"p1\","
             "\"location\":[2,2],\"time_window\":[10,20],\"required_caregivers\":[{\"service\":\"s1\","
             "\"duration\":5}]}]}", mk_head);
    refused(buf, "duplicate id");
    snprintf(buf, sizeof buf, "%s\"patients\":[{\"id\":\"p1\",\"location\":[1,1],\"time_window\":[10,20],"
             "\"required_caregivers\":[{\"service\":\"s1\",\"duration\":5},{\"service\":\"s1\","
             "\"duration\":5}]},{\"id\":\"p2\",\"location\":[2,2],\"time_window\":[10,20],"
             "\"required_caregivers\":[{\"service\":\"s1\",\"duration\":5}]}]}", mk_head);
    refused(buf, "appears twice");
    snprintf(buf, sizeof buf, "%s\"patients\":[{\"id\":\"p1\",\"location\":[1,1],\"time_window\":[20,10],"
             "\"required_caregivers\":[{\"service\":\"s1\",\"duration\":5}]},{\"id\":\"p2\","
             "\"location\":[2,2],\"time_window\":[10,20],\"required_caregivers\":[{\"service\":\"s1\","
             "\"duration\":5}]}]}", mk_head);
    refused(buf, "from is after to");
}

static void solomon_duplicates_and_huge_numbers(void **state)
{
    refused("C101\n\nVEHICLE\nNUMBER     CAPACITY\n  2         200\n\nCUSTOMER\n"
            "CUST NO.  XCOORD. YCOORD. DEMAND READY TIME DUE DATE SERVICE TIME\n"
            "0 40 50 0 0 1236 0\n7 45 68 10 912 967 90\n7 45 70 30 825 870 90\n",
            "appears twice");
    refused("C101\n\nVEHICLE\nNUMBER     CAPACITY\n  2         200\n\nCUSTOMER\n"
            "CUST NO.  XCOORD. YCOORD. DEMAND READY TIME DUE DATE SERVICE TIME\n"
            "0 40 50 0 0 1236 0\n144444444444444444444 5 8 0 4 9 9\n",
            "out of range");
}

/* A visit tied to a double-staffed visit must not share a carer with either
 * of its two carers (the format: tied visits are served by different carers).
 * The fuzzer's case: v3 (skill sy) is tied to v2 (two carers); only e2 has sy. */
static void sync_with_double_staffed_partner(void **state)
{
    static const char text[] =
        "{\"format\":\"omsorg-plan/1\",\"name\":\"tiny\",\"travel\":{\"metric\":\"euclidean\"},\"locatio"
        "ns\":[{\"id\":\"o\",\"x\":0,\"y\":0},{\"id\":\"a\",\"x\":3,\"y\":4},{\"id\":\"b\",\"x\":6,\"y\":0}],\"care"
        "rs\":[{\"id\":\"e1\",\"start\":\"o\",\"end\":\"o\",\"shift\":[421,910],\"skills\":[\"pp\"],\"breaks\""
        ":[{\"window\":[200,700],\"duration\":30}]},{\"id\":\"e2\",\"start\":\"o\",\"end\":\"o\",\"shift\":"
        "[522,900],\"skills\":[\"pp\",\"sy\"]}],\"visits\":[{\"id\":\"v1\",\"location\":\"a\",\"duration\":"
        "88,\"windows\":[[480,540]],\"skills\":[\"pp\"],\"preferred_carers\":[\"e1\"]},{\"id\":\"v2\",\""
        "location\":\"b\",\"duration\":15,\"windows\":[[420,600],[700,800]],\"skills\":[\"pp\"],\"car"
        "ers\":2},{\"id\":\"v3\",\"location\":\"a\",\"duration\":10,\"windows\":[[500,700]],\"skills\":["
        "\"sy\"],\"sync\":{\"with\":\"v2\",\"gap\":[30,60]},\"assigned\":[\"e1\"]}]}";
    char err[256];
    plan_problem *p = plan_problem_parse(text, strlen(text), err, sizeof err);
    assert_non_null(p);
    for (unsigned long seed = 1; seed <= 5; seed++) {
        plan_solver *s = plan_solver_new(p);
        plan_solver_set_seed(s, seed);
        plan_solver_set_iterations(s, 200);
        assert_int_equal(plan_solver_run(s), 0);
        char *sol = plan_solver_solution_json(s), *report = NULL;
        struct plan_summary sum;
        assert_int_equal(plan_check(p, sol, &report, &sum), 0);
        free(report);
        free(sol);
        plan_solver_free(s);
    }
    plan_problem_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(mankowska_duplicates_and_reversed_windows),
        cmocka_unit_test(solomon_duplicates_and_huge_numbers),
        cmocka_unit_test(sync_with_double_staffed_partner),
    };
    return cmocka_run_group_tests_name("plan/read-edges", tests, NULL, NULL);
}
