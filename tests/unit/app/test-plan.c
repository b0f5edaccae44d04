/* Unit tests for src/app/plan.c on a small demo municipality: who may plan,
 * the plan saved with its figures, the sick call saving the absence with the
 * new plan, a planner's move, the carer's audited route, and the same plan
 * from a fixed number of iterations. */
#include "demo-rig.h"

#include <jansson.h>

#include "app/plan.h"
#include "plan/plan.h"

struct plan_rig {
    char path[64];
    struct store *s;
    struct arena a;
    struct actor planner, carer;
    long team; /* nord */
    struct date day;
};

static int rig_setup(void **state)
{
    struct plan_rig *g = calloc(1, sizeof *g);
    g->s = demo_rig_open(g->path, 40, 0);
    g->planner = demo_actor(g->s, &g->a, "planlaegger");
    g->carer = demo_actor(g->s, &g->a, "sosu-nord");
    g->team = g->carer.team_id;
    g->day = date_add_days(date_today(), 1);
    *state = g;
    return 0;
}

static int rig_teardown(void **state)
{
    struct plan_rig *g = *state;
    arena_release(&g->a);
    test_store_remove(g->s, g->path);
    free(g);
    return 0;
}

static const struct plan_effort quick = {.time_limit = 60, .iterations = 400, .seed = 1};

static void plan_day_saves_plan_and_figures(void **state)
{
    struct plan_rig *g = *state;
    struct app a;
    struct planday_result res;
    app_init(&a, &g->carer, g->s, &g->a);
    assert_int_equal(app_plan_day(&a, g->day, g->team, &quick, &res, NULL, NULL), APP_FORBIDDEN);
    app_init(&a, &g->planner, g->s, &g->a);
    assert_int_equal(app_plan_day(&a, g->day, 9999, &quick, &res, NULL, NULL), APP_NOT_FOUND);
    app_init(&a, &g->planner, g->s, &g->a);
    assert_int_equal(app_plan_day(&a, g->day, g->team, &quick, &res, NULL, NULL), APP_OK);
    assert_true(res.visits > 5);
    assert_int_equal(res.outside_window, 0);
    struct plan_visit *vs;
    int n;
    struct plan_run_figures f;
    bool planned;
    assert_int_equal(app_plan_view(&a, g->day, g->team, &vs, &n, &f, &planned), APP_OK);
    assert_true(planned);
    assert_int_equal(n, res.visits + res.unassigned);
    assert_int_equal(f.visits, res.visits);
}

/* The plan comes from a fixed number of iterations: solving the same problem
 * again for as many iterations gives the same plan, however busy the machine. */
static void fixed_iterations_are_repeatable(void **state)
{
    struct plan_rig *g = *state;
    struct app a;
    struct planday_result res;
    char *problem, *solution, err[256];
    app_init(&a, &g->planner, g->s, &g->a);
    assert_int_equal(app_plan_day(&a, g->day, g->team, &quick, &res, &problem, &solution), APP_OK);
    plan_problem *p = plan_problem_parse(problem, strlen(problem), err, sizeof err);
    assert_non_null(p);
    plan_solver *solver = plan_solver_new(p);
    plan_solver_set_seed(solver, quick.seed);
    plan_solver_set_iterations(solver, quick.iterations);
    plan_solver_set_time_limit(solver, quick.time_limit);
    assert_int_equal(plan_solver_run(solver), 0);
    char *again = plan_solver_solution_json(solver);
    /* the same routes and cost; only the time the engine took differs */
    json_t *j1 = json_loads(solution, 0, NULL), *j2 = json_loads(again, 0, NULL);
    assert_true(json_array_size(json_object_get(j1, "routes")) > 0);
    assert_true(json_equal(json_object_get(j1, "routes"), json_object_get(j2, "routes")));
    assert_true(json_equal(json_object_get(j1, "unassigned"), json_object_get(j2, "unassigned")));
    json_decref(j1);
    json_decref(j2);
    free(again);
    plan_solver_free(solver);
    plan_problem_free(p);
    free(problem);
    free(solution);
}

static void sick_call_saves_absence_with_plan(void **state)
{
    struct plan_rig *g = *state;
    struct app a;
    struct planday_result res;
    app_init(&a, &g->planner, g->s, &g->a);
    assert_int_equal(app_plan_day(&a, g->day, g->team, &quick, &res, NULL, NULL), APP_OK);

    /* refused input: nobody, a bad minute; nothing is saved */
    long team = 0;
    struct absence_input bad = {g->day, 999999, 600, ""};
    app_init(&a, &g->planner, g->s, &g->a);
    assert_int_equal(app_plan_absence(&a, &bad, &quick, &team, &res), APP_INVALID);
    assert_non_null(validation_for(&a.errors, "user_id"));
    bad = (struct absence_input){g->day, g->carer.user_id, -2, ""};
    app_init(&a, &g->planner, g->s, &g->a);
    assert_int_equal(app_plan_absence(&a, &bad, &quick, &team, &res), APP_INVALID);
    assert_non_null(validation_for(&a.errors, "from"));
    struct absence *abs;
    int na;
    assert_int_equal(store_absences(g->s, &g->a, g->day, g->team, &abs, &na), STORE_OK);
    assert_int_equal(na, 0);

    /* a carer may not register a sick call */
    struct absence_input in = {g->day, g->carer.user_id, 600, "Syg"};
    app_init(&a, &g->carer, g->s, &g->a);
    assert_int_equal(app_plan_absence(&a, &in, &quick, &team, &res), APP_FORBIDDEN);

    app_init(&a, &g->planner, g->s, &g->a);
    assert_int_equal(app_plan_absence(&a, &in, &quick, &team, &res), APP_OK);
    assert_int_equal(team, g->team);
    assert_int_equal(store_absences(g->s, &g->a, g->day, g->team, &abs, &na), STORE_OK);
    assert_int_equal(na, 1);
    assert_int_equal(abs[0].from, 600);
    struct plan_visit *vs;
    int n;
    assert_int_equal(store_plan_day(g->s, &g->a, g->day, g->team, g->carer.user_id, &vs, &n),
                     STORE_OK);
    for (int i = 0; i < n; i++)
        assert_true(vs[i].start < 600); /* nothing for the absent carer from 10:00 */
}

static void move_is_checked(void **state)
{
    struct plan_rig *g = *state;
    struct app a;
    struct planday_result res;
    app_init(&a, &g->planner, g->s, &g->a);
    assert_int_equal(app_plan_day(&a, g->day, g->team, &quick, &res, NULL, NULL), APP_OK);
    struct plan_visit *vs;
    int n;
    assert_int_equal(store_plan_day(g->s, &g->a, g->day, g->team, 0, &vs, &n), STORE_OK);
    const struct plan_visit *v = NULL;
    for (int i = 0; i < n && !v; i++)
        if (vs[i].carers == 1 && vs[i].carer_ids[0])
            v = &vs[i];
    assert_non_null(v);
    struct move_input in = {v->id, {v->carer_ids[0]}, 1, v->window_end + 1};
    app_init(&a, &g->planner, g->s, &g->a);
    assert_int_equal(app_plan_move(&a, &in, NULL), APP_INVALID);
    assert_string_equal(a.code, "move_refused");
    assert_non_null(strstr(a.message, "tidsvindue"));
    in.carer_ids[0] = 999999;
    in.start = (int)v->start;
    app_init(&a, &g->planner, g->s, &g->a);
    assert_int_equal(app_plan_move(&a, &in, NULL), APP_INVALID);
    in.carer_ids[0] = v->carer_ids[0];
    struct plan_visit moved;
    app_init(&a, &g->carer, g->s, &g->a);
    assert_int_equal(app_plan_move(&a, &in, &moved), APP_FORBIDDEN);
    app_init(&a, &g->planner, g->s, &g->a);
    assert_int_equal(app_plan_move(&a, &in, &moved), APP_OK);
    assert_true(moved.manual);
    assert_int_equal(moved.carer_ids[0], v->carer_ids[0]);
}

/* The route shows record data: one audit row per visit's citizen. */
static void route_is_audited(void **state)
{
    struct plan_rig *g = *state;
    struct app a;
    struct planday_result res;
    app_init(&a, &g->planner, g->s, &g->a);
    assert_int_equal(app_plan_day(&a, g->day, g->team, &quick, &res, NULL, NULL), APP_OK);
    struct plan_visit *vs;
    int n;
    app_init(&a, &g->planner, g->s, &g->a);
    assert_int_equal(app_route(&a, g->day, &vs, &n), APP_FORBIDDEN);
    /* a carer with visits that day */
    assert_int_equal(store_plan_day(g->s, &g->a, g->day, g->team, 0, &vs, &n), STORE_OK);
    struct user u;
    assert_true(n > 0 && vs[0].carer_ids[0] > 0);
    assert_int_equal(store_user_get(g->s, &g->a, vs[0].carer_ids[0], &u), STORE_OK);
    struct actor carer = {u.id, u.username, u.full_name, u.role, u.team_id};
    app_init(&a, &carer, g->s, &g->a);
    assert_int_equal(app_route(&a, g->day, &vs, &n), APP_OK);
    assert_true(n > 0);
    struct audit_entry *log;
    int nl;
    assert_int_equal(store_audit_for_citizen(g->s, &g->a, vs[0].citizen_id, 10, &log, &nl),
                     STORE_OK);
    assert_true(nl > 0);
    assert_string_equal(log[0].action, "read");
    assert_string_equal(log[0].username, u.username);
}

/* Two teams planned together: when one team has nobody on shift, the other
 * team's carers take its visits as borrowed; planning the other team alone
 * afterwards keeps those visits where they are. */
static void teams_borrow_when_their_own_cannot(void **state)
{
    struct plan_rig *g = *state;
    struct app a;
    struct team syd;
    assert_int_equal(store_team_by_slug(g->s, &g->a, "syd", &syd), STORE_OK);
    struct user *staff;
    int n;
    assert_int_equal(store_user_list(g->s, &g->a, g->team, &staff, &n), STORE_OK);
    for (int i = 0; i < n; i++) { /* nobody of team nord works that day */
        staff[i].active = false;
        assert_int_equal(store_user_update(g->s, &staff[i], NULL), STORE_OK);
    }
    struct date day = date_add_days(g->day, 1);
    long ids[2] = {g->team, syd.id};
    struct planday_result res[2];
    app_init(&a, &g->planner, g->s, &g->a);
    assert_int_equal(app_plan_teams(&a, day, ids, 2, &quick, res, NULL, NULL), APP_OK);
    assert_true(res[0].visits > 0);
    assert_int_equal(res[0].borrowed, res[0].visits); /* every one of nord's is borrowed */
    assert_int_equal(res[1].borrowed, 0);
    struct plan_run_figures f;
    assert_int_equal(store_plan_run_last(g->s, day, g->team, &f), STORE_OK);
    assert_int_equal(f.borrowed, res[0].visits);
    struct plan_visit *vs;
    assert_int_equal(store_plan_board(g->s, &g->a, day, syd.id, &vs, &n), STORE_OK);
    int lent = 0;
    for (int i = 0; i < n; i++)
        lent += vs[i].team_id == g->team && vs[i].carer_team_id == syd.id;
    assert_int_equal(lent, res[0].visits);

    /* syd alone: nord's visits on syd's carers stay exactly as they were, in
     * syd's problem as visits fixed to their carer and minute */
    char *problem;
    app_init(&a, &g->planner, g->s, &g->a);
    assert_int_equal(app_plan_day(&a, day, syd.id, &quick, &res[1], &problem, NULL), APP_OK);
    json_t *pj = json_loads(problem, 0, NULL), *pv;
    size_t pi;
    int fixed = 0;
    json_array_foreach(json_object_get(pj, "visits"), pi, pv)
    {
        long service = atol(json_string_value(json_object_get(pv, "id")) + 1);
        for (int i = 0; i < n; i++)
            if (vs[i].service_id == service && vs[i].team_id == g->team) {
                assert_non_null(json_object_get(pv, "assigned"));
                fixed++;
            }
    }
    assert_int_equal(fixed, lent);
    json_decref(pj);
    free(problem);
    struct plan_visit *after;
    int m;
    assert_int_equal(store_plan_day(g->s, &g->a, day, g->team, 0, &after, &m), STORE_OK);
    for (int i = 0; i < m; i++)
        for (int k = 0; k < n; k++)
            if (vs[k].id == after[i].id) {
                assert_int_equal(after[i].carer_ids[0], vs[k].carer_ids[0]);
                assert_true(after[i].start == vs[k].start);
            }
    assert_int_equal(m, res[0].visits + res[0].unassigned);
    /* and no carer of syd has two visits at once */
    struct plan_visit *all;
    int na;
    assert_int_equal(store_plan_day(g->s, &g->a, day, 0, 0, &all, &na), STORE_OK);
    for (int i = 0; i < na; i++)
        for (int k = i + 1; k < na; k++) {
            const struct plan_visit *x = &all[i], *y = &all[k];
            if (!x->carer_ids[0] || x->start < 0 || y->start < 0 ||
                (x->carer_ids[0] != y->carer_ids[0] && x->carer_ids[0] != y->carer_ids[1]))
                continue;
            assert_false(x->start < y->start + y->duration && y->start < x->start + x->duration);
        }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(plan_day_saves_plan_and_figures),
        cmocka_unit_test(fixed_iterations_are_repeatable),
        cmocka_unit_test(sick_call_saves_absence_with_plan),
        cmocka_unit_test(move_is_checked),
        cmocka_unit_test(route_is_audited),
        cmocka_unit_test(teams_borrow_when_their_own_cannot),
    };
    return cmocka_run_group_tests_name("app/plan", tests, rig_setup, rig_teardown);
}
