/*
 * plan-test.h — helpers shared by the planning engine's unit tests: build
 * small problems with jansson, load the benchmark instances the tests use
 * (a few Solomon and Mankowska files copied into tests/data/, see
 * tests/data/PROVENANCE.md), solve and check. Include after cmocka.h.
 */
#ifndef OMSORG_PLAN_TEST_H
#define OMSORG_PLAN_TEST_H

#include "plan/plan.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The repository's tests/data/ (the Makefile passes its absolute path, so
 * that a test binary runs from any directory). */
#ifndef OMSORG_TEST_DATA
#define OMSORG_TEST_DATA "tests/data"
#endif

/* Load tests/data/<rel> (e.g. "solomon/C101.txt"); fails the test when it
 * cannot. The caller frees the problem. */
static inline plan_problem *test_instance(const char *rel)
{
    char path[512], err[256];
    snprintf(path, sizeof path, "%s/%s", OMSORG_TEST_DATA, rel);
    plan_problem *p = plan_problem_load_file(path, err, sizeof err);
    if (!p)
        fail_msg("%s: %s", path, err);
    return p;
}

/* Parse a problem from a JSON value (not consumed). */
static inline plan_problem *problem_from(json_t *root, char *err, size_t n)
{
    char *text = json_dumps(root, 0);
    plan_problem *p = text ? plan_problem_parse(text, strlen(text), err, n) : NULL;
    free(text);
    return p;
}

/* A small home-care problem: two offices, carers with breaks and skills,
 * visits with two windows, a double-staffed visit and a synced pair. */
static inline json_t *small_homecare(void)
{
    json_t *r = json_pack(
        "{s:s, s:s, s:{s:s}, s:[{s:s,s:i,s:i}, {s:s,s:i,s:i}, {s:s,s:i,s:i}, {s:s,s:i,s:i},"
        " {s:s,s:i,s:i}, {s:s,s:i,s:i}],"
        " s:[{s:s,s:s,s:s,s:[i,i],s:[s,s],s:s,s:i,s:[{s:[i,i],s:i}]},"
        "    {s:s,s:s,s:s,s:[i,i],s:[s],s:s,s:i,s:[{s:[i,i],s:i}]},"
        "    {s:s,s:s,s:s,s:[i,i],s:[s,s],s:s,s:i}],"
        " s:[{s:s,s:s,s:i,s:[[i,i]],s:[s],s:i,s:[s]},"
        "    {s:s,s:s,s:i,s:[[i,i],[i,i]],s:[s]},"
        "    {s:s,s:s,s:i,s:[[i,i]],s:[s],s:i},"
        "    {s:s,s:s,s:i,s:[[i,i]],s:[s]},"
        "    {s:s,s:s,s:i,s:[[i,i]],s:[s],s:{s:s,s:[i,i]}}]}",
        "format", "omsorg-plan/1", "name", "small", "travel", "metric", "euclidean", "locations",
        "id", "o1", "x", 0, "y", 0, "id", "o2", "x", 10, "y", 0, "id", "a", "x", 3, "y", 4, "id",
        "b", "x", 6, "y", 8, "id", "c", "x", 10, "y", 5, "id", "d", "x", 0, "y", 9,
        "carers", "id", "e1", "start", "o1", "end", "o1", "shift", 420, 900, "skills", "pp",
        "sy", "team", "nord", "capacity", 10, "breaks", "window", 600, 720, "duration", 30,
        "id", "e2", "start", "o2", "end", "o2", "shift", 420, 900, "skills", "pp", "team", "syd",
        "capacity", 10, "breaks", "window", 600, 720, "duration", 30,
        "id", "e3", "start", "o2", "end", "o1", "shift", 420, 900, "skills", "pp", "ph",
        "team", "syd", "capacity", 10,
        "visits", "id", "v1", "location", "a", "duration", 30, "windows", 420, 480, "skills",
        "pp", "carers", 2, "preferred_carers", "e1",
        "id", "v2", "location", "b", "duration", 20, "windows", 430, 450, 700, 760, "skills", "sy",
        "id", "v3", "location", "c", "duration", 45, "windows", 480, 600, "skills", "ph",
        "demand", 3,
        "id", "v4", "location", "d", "duration", 15, "windows", 500, 560, "skills", "pp",
        "id", "v5", "location", "d", "duration", 10, "windows", 520, 640, "skills", "pp",
        "sync", "with", "v4", "gap", 30, 60);
    return r;
}

/* Solve with a fixed seed and iteration budget; returns the solution JSON. */
static inline char *solve_iters(const plan_problem *p, long iters, unsigned long seed)
{
    plan_solver *s = plan_solver_new(p);
    char *out = NULL;
    if (!s)
        return NULL;
    plan_solver_set_seed(s, seed);
    plan_solver_set_iterations(s, iters);
    plan_solver_set_time_limit(s, 0);
    if (plan_solver_run(s) == 0)
        out = plan_solver_solution_json(s);
    plan_solver_free(s);
    return out;
}

/* The solver's best plan passes the independent checker, which finds the
 * cost given (call after cmocka.h). */
static inline void check_best(const plan_problem *p, plan_solver *S, double cost)
{
    char *json = plan_solver_solution_json(S), *report = NULL;
    struct plan_summary sm;
    assert_non_null(json);
    int nv = plan_check(p, json, &report, &sm);
    if (nv)
        fail_msg("checker: %s", report ? report : "");
    assert_true(fabs(sm.cost - cost) < 1e-3);
    free(report);
    free(json);
}

#endif
