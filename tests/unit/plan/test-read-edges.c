/* Regression tests for reader cases the fuzzer found: each must be refused
 * with a message naming the place, never accepted half-right. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(mankowska_duplicates_and_reversed_windows),
        cmocka_unit_test(solomon_duplicates_and_huge_numbers),
    };
    return cmocka_run_group_tests_name("plan/read-edges", tests, NULL, NULL);
}
