/* test-golden.c — golden instances solved with short iteration budgets:
 * feasible by the independent checker and within a margin of the best
 * known result. No timing assertions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "plan-test.h"

/* Solve, check independently, return the recomputed summary. */
static void solve_and_check(const plan_problem *p, long iters, struct plan_summary *sm, char **json)
{
    char *sol = solve_iters(p, iters, 1), *report = NULL;
    assert_non_null(sol);
    int n = plan_check(p, sol, &report, sm);
    if (n != 0)
        fail_msg("checker found %d violation(s):\n%s", n, report ? report : "");
    free(report);
    if (json)
        *json = sol;
    else
        free(sol);
}

/* Solomon, hierarchical objective (carers first, then travel). Best known:
 * nv carers with travel td (the SINTEF table); lb is the proven optimum of
 * travel alone with any number of carers (CVRPLIB, distances truncated to
 * one decimal, hence a lower bound on every plan's travel in double
 * precision). A plan at nv carers is held to within 6 % of td. With one
 * carer more, td is no yardstick (an extra route usually shortens the
 * travel: RC101 uses 15 carers and travels less than td), so its travel is
 * held to within 6 % of lb instead: a plan that uses more carers than the
 * best known and also travels far more than the best possible is worse on
 * both counts. No plan may travel less than lb. */
static void solomon(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        int nv;
        double td, lb;
    } bks[] = {
        {"C101", 10, 828.94, 827.3}, {"R101", 19, 1650.80, 1637.7}, {"RC101", 14, 1696.95, 1619.8}};
    for (size_t i = 0; i < sizeof bks / sizeof bks[0]; i++) {
        char rel[128];
        struct plan_summary sm;
        snprintf(rel, sizeof rel, "solomon/%s.txt", bks[i].name);
        plan_problem *p = test_instance(rel);
        solve_and_check(p, 4000, &sm, NULL);
        print_message("%s: %d carers, travel %.2f (best known %d, %.2f; any count >= %.1f)\n",
                      bks[i].name, sm.carers_used, sm.travel, bks[i].nv, bks[i].td, bks[i].lb);
        assert_int_equal(sm.unassigned, 0);
        assert_true(sm.carers_used <= bks[i].nv + 1);
        assert_true(sm.travel >= bks[i].lb);
        if (sm.carers_used <= bks[i].nv)
            assert_true(sm.travel <= bks[i].td * 1.06);
        else
            assert_true(sm.travel <= bks[i].lb * 1.06);
        plan_problem_free(p);
    }
}

static void mankowska(void **state)
{
    (void)state;
    static const struct {
        const char *file;
        double bks;
    } bks[] = {{"InstanzCPLEX_HCSRP_10_1", 218.2}, {"InstanzCPLEX_HCSRP_10_2", 246.6}};
    for (size_t i = 0; i < sizeof bks / sizeof bks[0]; i++) {
        char rel[160];
        struct plan_summary sm;
        snprintf(rel, sizeof rel, "mankowska/%s.json", bks[i].file);
        plan_problem *p = test_instance(rel);
        solve_and_check(p, 1500, &sm, NULL);
        print_message("%s: cost %.2f (best known %.2f)\n", bks[i].file, sm.cost, bks[i].bks);
        assert_true(sm.cost <= bks[i].bks * 1.03);
        plan_problem_free(p);
    }
}

/* The stops at visit `id` in the plan: the carers and starts of at most
 * `max` of them; returns how many there are. */
static int stops_at(json_t *sol, const char *id, const char **carer, double *start, int max)
{
    json_t *ro, *st;
    size_t i, j;
    int n = 0;
    json_array_foreach(json_object_get(sol, "routes"), i, ro)
    {
        json_array_foreach(json_object_get(ro, "stops"), j, st)
        {
            const char *v = json_string_value(json_object_get(st, "visit"));
            if (!v || strcmp(v, id))
                continue;
            if (n < max) {
                carer[n] = json_string_value(json_object_get(ro, "carer"));
                start[n] = json_number_value(json_object_get(st, "start"));
            }
            n++;
        }
    }
    return n;
}

static json_t *by_id(json_t *array, const char *id)
{
    json_t *x;
    size_t i;
    json_array_foreach(array, i, x)
    {
        if (!strcmp(json_string_value(json_object_get(x, "id")), id))
            return x;
    }
    return NULL;
}

/* Read from the plan itself (not the checker's verdict): every carer with
 * visits takes each of their breaks, every double-staffed visit has two
 * different carers starting together, every synced visit starts within its
 * gap after its partner; and the day has at least one of each. */
static void assert_day_features(json_t *prob, json_t *sol)
{
    int breaks = 0, doubles = 0, synced = 0;
    json_t *ro, *st, *v;
    size_t i, j;
    json_array_foreach(json_object_get(sol, "routes"), i, ro)
    {
        const char *cid = json_string_value(json_object_get(ro, "carer"));
        json_t *carer = by_id(json_object_get(prob, "carers"), cid);
        int visits = 0, taken = 0;
        assert_non_null(carer);
        json_array_foreach(json_object_get(ro, "stops"), j, st)
        {
            visits += json_object_get(st, "visit") != NULL;
            taken += json_object_get(st, "break") != NULL;
        }
        if (visits > 0)
            assert_int_equal(taken, (int)json_array_size(json_object_get(carer, "breaks")));
        breaks += taken;
    }
    json_array_foreach(json_object_get(prob, "visits"), i, v)
    {
        const char *id = json_string_value(json_object_get(v, "id")), *c[4], *pc[4];
        double s[4], ps[4];
        int n = stops_at(sol, id, c, s, 4);
        json_t *sync = json_object_get(v, "sync");
        if (json_integer_value(json_object_get(v, "carers")) == 2) {
            assert_int_equal(n, 2);
            assert_string_not_equal(c[0], c[1]);
            assert_true(fabs(s[0] - s[1]) < 1e-6);
            doubles++;
        }
        if (sync) {
            json_t *gap = json_object_get(sync, "gap");
            int m = stops_at(sol, json_string_value(json_object_get(sync, "with")), pc, ps, 4);
            assert_true(n >= 1 && m >= 1);
            double d = s[0] - ps[0];
            assert_true(d >= json_number_value(json_array_get(gap, 0)) - 1e-6);
            assert_true(d <= json_number_value(json_array_get(gap, 1)) + 1e-6);
            synced++;
        }
    }
    print_message("home-care day: %d breaks, %d double-staffed visits, %d synced visits\n", breaks,
                  doubles, synced);
    assert_true(breaks > 0);
    assert_true(doubles > 0);
    assert_true(synced > 0);
}

static void homecare_day(void **state)
{
    (void)state;
    char err[256];
    char *text = plan_generate_day(120, 14, 5);
    assert_non_null(text);
    json_t *prob = json_loads(text, 0, NULL);
    plan_problem *p = plan_problem_parse(text, strlen(text), err, sizeof err);
    free(text);
    assert_non_null(prob);
    assert_non_null(p);
    struct plan_summary sm;
    char *sol = NULL;
    solve_and_check(p, 800, &sm, &sol);
    assert_int_equal(sm.unassigned, 0);
    json_t *js = json_loads(sol, 0, NULL);
    assert_non_null(js);
    assert_day_features(prob, js);
    json_decref(js);
    json_decref(prob);
    free(sol);
    plan_problem_free(p);
}

static void small_problem_all_features(void **state)
{
    (void)state;
    char err[256];
    json_t *r = small_homecare();
    plan_problem *p = problem_from(r, err, sizeof err);
    assert_non_null(p);
    struct plan_summary sm;
    solve_and_check(p, 300, &sm, NULL);
    assert_int_equal(sm.unassigned, 0);
    assert_int_equal(sm.not_preferred, 1); /* v1 needs two carers, only e1 preferred */
    plan_problem_free(p);
    /* an unservable visit (nobody has the skill) is left out with a reason */
    json_array_append_new(json_object_get(r, "visits"),
                          json_pack("{s:s,s:s,s:i,s:[[i,i]],s:[s]}", "id", "v9", "location", "a",
                                    "duration", 5, "windows", 420, 900, "skills", "dialyse"));
    json_array_append_new(json_object_get(r, "visits"),
                          json_pack("{s:s,s:s,s:i,s:[[i,i]],s:b}", "id", "v10", "location", "b",
                                    "duration", 5, "windows", 100, 200, "optional", 1));
    p = problem_from(r, err, sizeof err);
    assert_non_null(p);
    char *sol = NULL;
    solve_and_check(p, 300, &sm, &sol);
    assert_int_equal(sm.unassigned, 2);
    json_t *js = json_loads(sol, 0, NULL);
    json_t *why = json_object_get(js, "unassigned_reasons");
    assert_string_equal(json_string_value(json_object_get(why, "v9")),
                        "no carer has the required skills");
    assert_non_null(strstr(json_string_value(json_object_get(why, "v10")), "window"));
    json_t *code = json_object_get(js, "unassigned_codes");
    assert_string_equal(json_string_value(json_object_get(code, "v9")), "skill");
    assert_string_equal(json_string_value(json_object_get(code, "v10")), "shift");
    json_decref(js);
    free(sol);
    plan_problem_free(p);
    json_decref(r);
}

/* Two carers (teams nord and syd) and five one-hour visits that must all
 * start by 07:10 at one place: two are served, one of them by the carer of
 * the other team (flagged outside_team, which the checker verifies); the
 * nord visits left out have no room in their window ("window"), the vest
 * visit, whose team has no carer, "team". */
static void reason_codes_and_borrowed_visits(void **state)
{
    (void)state;
    char err[256];
    json_t *r = json_pack(
        "{s:s,s:s,s:{s:s},s:[{s:s,s:i,s:i},{s:s,s:i,s:i}],"
        " s:[{s:s,s:s,s:s,s:[i,i],s:[s],s:s},{s:s,s:s,s:s,s:[i,i],s:[s],s:s}],"
        " s:[{s:s,s:s,s:i,s:[[i,i]],s:[s],s:s},{s:s,s:s,s:i,s:[[i,i]],s:[s],s:s},"
        "    {s:s,s:s,s:i,s:[[i,i]],s:[s],s:s},{s:s,s:s,s:i,s:[[i,i]],s:[s],s:s},"
        "    {s:s,s:s,s:i,s:[[i,i]],s:[s],s:s}]}",
        "format", "omsorg-plan/1", "name", "codes", "travel", "metric", "euclidean", "locations",
        "id", "o", "x", 0, "y", 0, "id", "a", "x", 1, "y", 0, "carers", "id", "e1", "start", "o",
        "end", "o", "shift", 400, 600, "skills", "pp", "team", "nord", "id", "e2", "start", "o",
        "end", "o", "shift", 400, 600, "skills", "pp", "team", "syd", "visits", "id", "v1",
        "location", "a", "duration", 60, "windows", 420, 430, "skills", "pp", "team", "nord", "id",
        "v2", "location", "a", "duration", 60, "windows", 420, 430, "skills", "pp", "team", "nord",
        "id", "v3", "location", "a", "duration", 60, "windows", 420, 430, "skills", "pp", "team",
        "nord", "id", "v4", "location", "a", "duration", 60, "windows", 420, 430, "skills", "pp",
        "team", "vest", "id", "v5", "location", "a", "duration", 60, "windows", 420, 430,
        "skills", "pp", "team", "vest");
    plan_problem *p = problem_from(r, err, sizeof err);
    assert_non_null(p);
    struct plan_summary sm;
    char *sol = NULL;
    solve_and_check(p, 200, &sm, &sol);
    assert_int_equal(sm.unassigned, 3);
    assert_int_equal(sm.team_mismatch, 1);
    json_t *js = json_loads(sol, 0, NULL), *code = json_object_get(js, "unassigned_codes"), *x;
    const char *id;
    int flagged = 0;
    json_object_foreach(code, id, x)
    {
        int vest = !strcmp(id, "v4") || !strcmp(id, "v5");
        assert_string_equal(json_string_value(x), vest ? "team" : "window");
    }
    json_t *ro, *st;
    size_t i, j;
    json_array_foreach(json_object_get(js, "routes"), i, ro)
    {
        json_array_foreach(json_object_get(ro, "stops"), j, st)
        {
            flagged += json_is_true(json_object_get(st, "outside_team"));
        }
    }
    assert_int_equal(flagged, 1);
    /* a wrong flag is a violation */
    json_array_foreach(json_object_get(js, "routes"), i, ro)
    {
        json_array_foreach(json_object_get(ro, "stops"), j, st)
        {
            json_object_set_new(st, "outside_team",
                                json_boolean(!json_is_true(json_object_get(st, "outside_team"))));
        }
    }
    char *bad = json_dumps(js, 0), *report = NULL;
    struct plan_summary sm2;
    assert_int_equal(plan_check(p, bad, &report, &sm2), 2);
    free(report);
    free(bad);
    json_decref(js);
    free(sol);
    plan_problem_free(p);
    json_decref(r);
}

/* A generated day planned with `iters` iterations whose plan becomes the
 * visits' `assigned` (weight `changed` 200); carer e001 is taken out when
 * `drop` is set. Returns the re-planning problem as JSON. */
static json_t *replan_problem(int n_visits, int n_carers, unsigned long day_seed, long iters,
                              int drop)
{
    char err[256];
    char *text = plan_generate_day(n_visits, n_carers, day_seed);
    json_t *prob = json_loads(text, 0, NULL);
    free(text);
    plan_problem *p = problem_from(prob, err, sizeof err);
    assert_non_null(p);
    char *sol = solve_iters(p, iters, 1);
    plan_problem_free(p);
    json_t *js = json_loads(sol, 0, NULL);
    free(sol);
    json_t *visits = json_object_get(prob, "visits"), *v, *ro, *st;
    size_t i, j, k;
    json_array_foreach(visits, i, v) json_object_set_new(v, "assigned", json_array());
    json_array_foreach(json_object_get(js, "routes"), i, ro)
    {
        const char *c = json_string_value(json_object_get(ro, "carer"));
        json_array_foreach(json_object_get(ro, "stops"), j, st)
        {
            const char *vid = json_string_value(json_object_get(st, "visit"));
            json_array_foreach(
                visits, k, v) if (vid && !strcmp(vid, json_string_value(json_object_get(v, "id"))))
                json_array_append_new(json_object_get(v, "assigned"), json_string(c));
        }
    }
    json_decref(js);
    if (drop) {
        json_array_remove(json_object_get(prob, "carers"), 0);
        json_array_foreach(visits, i, v)
        {
            const char *keys[] = {"assigned", "preferred_carers"};
            for (int q = 0; q < 2; q++) {
                json_t *a = json_object_get(v, keys[q]);
                for (j = json_array_size(a); j-- > 0;)
                    if (!strcmp(json_string_value(json_array_get(a, j)), "e001"))
                        json_array_remove(a, j);
            }
        }
    }
    json_object_set_new(prob, "weights", json_pack("{s:i}", "changed", 200));
    return prob;
}

/* Re-plan `prob` with `iters` iterations (checked); counts the carer-visit
 * pairs of the plan that were in `assigned` and all `assigned` pairs. */
static void replan_count(json_t *prob, long iters, struct plan_summary *sm, int *kept, int *total)
{
    char err[256];
    plan_problem *p = problem_from(prob, err, sizeof err);
    assert_non_null(p);
    char *sol2 = NULL;
    solve_and_check(p, iters, sm, &sol2);
    json_t *j2 = json_loads(sol2, 0, NULL), *visits = json_object_get(prob, "visits"), *v, *ro, *st;
    size_t i, j, k;
    *kept = *total = 0;
    json_array_foreach(visits, i, v) *total += (int)json_array_size(json_object_get(v, "assigned"));
    json_array_foreach(json_object_get(j2, "routes"), i, ro)
    {
        const char *c = json_string_value(json_object_get(ro, "carer"));
        json_array_foreach(json_object_get(ro, "stops"), j, st)
        {
            const char *vid = json_string_value(json_object_get(st, "visit"));
            if (!vid)
                continue;
            json_array_foreach(visits, k,
                               v) if (!strcmp(vid, json_string_value(json_object_get(v, "id"))))
            {
                json_t *a = json_object_get(v, "assigned");
                for (size_t q = 0; q < json_array_size(a); q++)
                    *kept += !strcmp(json_string_value(json_array_get(a, q)), c);
            }
        }
    }
    json_decref(j2);
    free(sol2);
    plan_problem_free(p);
}

static void replan_keeps_assignments(void **state)
{
    (void)state;
    json_t *prob = replan_problem(100, 12, 9, 600, 1);
    struct plan_summary sm;
    int kept, total;
    /* 4,000 iterations: at 2,000, 1 to 7 % of seeds still leave one visit
     * of this tight day (11 carers for 100 visits) out; at 4,000 none of 60 */
    replan_count(prob, 4000, &sm, &kept, &total);
    print_message("re-plan: %d of %d carer-visit pairs kept, %d unassigned\n", kept, total,
                  sm.unassigned);
    assert_int_equal(sm.unassigned, 0);
    assert_true(total > 0 && kept >= total * 9 / 10);
    json_decref(prob);
}

/* Nothing changed since the plan in force: the warm start must rebuild it
 * (each carer's visits in a feasible order), so that the search keeps
 * (almost) every assignment; a tied pair may not fit again at once. */
static void replan_unchanged_keeps_all(void **state)
{
    (void)state;
    json_t *prob = replan_problem(300, 32, 4, 2000, 0);
    struct plan_summary sm;
    int kept, total;
    replan_count(prob, 1000, &sm, &kept, &total);
    print_message("re-plan, nothing changed: %d of %d pairs kept, %d unassigned\n", kept, total,
                  sm.unassigned);
    assert_int_equal(sm.unassigned, 0);
    assert_true(kept >= total * 97 / 100);
    json_decref(prob);
}

/* A double-staffed visit and a visit tied to it by sync with a gap, three
 * carers (fuzzer corpus sync-double-feasible.json): v3 can only start
 * once v2 has moved later, and v2's slots are tied to each other, so
 * pricing must let both move along. Feasible: e.g. e1 and e2 on v2, e3 on
 * v3 30 minutes later. */
static void sync_double_feasible(void **state)
{
    (void)state;
    static const char text[] =
        "{\"format\":\"omsorg-plan/1\",\"name\":\"t\",\"travel\":{\"metric\":\"euclidean\"},\"loc"
        "ations\":[{\"id\":\"o\",\"x\":0,\"y\":0},{\"id\":\"a\",\"x\":3,\"y\":4},{\"id\":\"b\",\""
        "x\":6,\"y\":0}],\"carers\":[{\"id\":\"e1\",\"start\":\"o\",\"end\":\"o\",\"shift\":[420,"
        "900],\"skills\":[\"pp\"]},{\"id\":\"e2\",\"start\":\"o\",\"end\":\"o\",\"shift\":[420,90"
        "0],\"skills\":[\"pp\",\"sy\"]},{\"id\":\"e3\",\"start\":\"o\",\"end\":\"o\",\"shift\":[4"
        "20,900],\"skills\":[\"pp\",\"sy\"]}],\"visits\":[{\"id\":\"v2\",\"location\":\"b\",\"dur"
        "ation\":15,\"windows\":[[420,600]],\"skills\":[\"pp\"],\"carers\":2},{\"id\":\"v3\",\"lo"
        "cation\":\"a\",\"duration\":10,\"windows\":[[500,700]],\"skills\":[\"sy\"],\"sync\":{\"w"
        "ith\":\"v2\",\"gap\":[30,60]}}]}";
    char err[256];
    plan_problem *p = plan_problem_parse(text, strlen(text), err, sizeof err);
    assert_non_null(p);
    for (unsigned long seed = 1; seed <= 3; seed++) {
        char *sol = solve_iters(p, 200, seed), *report = NULL;
        assert_non_null(sol);
        struct plan_summary sm;
        assert_int_equal(plan_check(p, sol, &report, &sm), 0);
        assert_int_equal(sm.unassigned, 0);
        free(report);
        free(sol);
    }
    plan_problem_free(p);
}

struct seen {
    int n, rising;
    double last;
};

static void note(void *user, double seconds, long iteration, const struct plan_summary *best)
{
    (void)seconds;
    (void)iteration;
    struct seen *v = user;
    if (v->n++ && best->cost >= v->last)
        v->rising = 1;
    v->last = best->cost;
}

/* Soft windows, about 60 tasks: the annealing runs as two chains, the second
 * from the first plan again. The best cost reported only falls (the second
 * chain's early plans are worse than the first chain's best and are not
 * reported), the plan written is the best of both (at seed 7 the first
 * chain's, 969.32 against 971.50), and the same seed and budget give the
 * same plan. */
static void chains(void **state)
{
    (void)state;
    plan_problem *p = test_instance("mankowska/InstanzCPLEX_HCSRP_50_1.json");
    json_t *routes = NULL;
    for (int run = 0; run < 2; run++) {
        plan_solver *S = plan_solver_new(p);
        struct seen v = {0};
        plan_solver_set_seed(S, 7);
        plan_solver_set_iterations(S, 3000);
        plan_solver_set_progress(S, note, &v);
        assert_int_equal(plan_solver_run(S), 0);
        struct plan_summary sm;
        plan_solver_summary(S, &sm);
        assert_true(v.n > 1);
        assert_false(v.rising);
        assert_true(sm.cost <= v.last + 1e-9);
        check_best(p, S, sm.cost);
        char *sol = plan_solver_solution_json(S);
        json_t *js = json_loads(sol, 0, NULL);
        if (run == 0)
            routes = json_incref(json_object_get(js, "routes"));
        else
            assert_true(json_equal(routes, json_object_get(js, "routes")));
        json_decref(js);
        free(sol);
        plan_solver_free(S);
    }
    json_decref(routes);
    plan_problem_free(p);
}

static void deterministic(void **state)
{
    (void)state;
    plan_problem *p = test_instance("solomon/RC101.txt");
    char *a = solve_iters(p, 500, 42), *b = solve_iters(p, 500, 42);
    json_t *ja = json_loads(a, 0, NULL), *jb = json_loads(b, 0, NULL);
    assert_true(json_equal(json_object_get(ja, "routes"), json_object_get(jb, "routes")));
    json_decref(ja);
    json_decref(jb);
    free(a);
    free(b);
    plan_problem_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(solomon),
        cmocka_unit_test(mankowska),
        cmocka_unit_test(homecare_day),
        cmocka_unit_test(small_problem_all_features),
        cmocka_unit_test(reason_codes_and_borrowed_visits),
        cmocka_unit_test(replan_keeps_assignments),
        cmocka_unit_test(replan_unchanged_keeps_all),
        cmocka_unit_test(sync_double_feasible),
        cmocka_unit_test(chains),
        cmocka_unit_test(deterministic),
    };
    return cmocka_run_group_tests_name("plan-golden", tests, NULL, NULL);
}
