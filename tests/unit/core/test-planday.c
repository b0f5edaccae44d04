/* Unit tests for core/planday.c: the day's model from plain records, the
 * engine's answer read back, and every rule of a planner's manual move. */
#include "testutil.h"

#include "core/planday.h"

/* 2026-12-07 is a Monday (weekday 1). */
#define MONDAY 1

static struct user carer(long id, const char *skill, minute_t from, minute_t to)
{
    struct user u = {.id = id,
                     .role = ROLE_CARER,
                     .team_id = 1,
                     .active = true,
                     .skills = 1u << skill_index(skill)};
    u.shifts[u.shift_count++] = (struct shift){MONDAY, from, to};
    return u;
}

static struct plan_visit visit(long id, minute_t ws, minute_t we, int duration, int carers, long c0,
                               double start)
{
    return (struct plan_visit){.id = id,
                               .window_start = ws,
                               .window_end = we,
                               .duration = duration,
                               .skill = "personlig-pleje",
                               .carers = carers,
                               .carer_ids = {c0, 0},
                               .start = start};
}

static void move_check_every_rule(void **state)
{
    struct user anna = carer(11, "personlig-pleje", 420, 900);
    struct user bo = carer(12, "personlig-pleje", 420, 900);
    struct user nurse = carer(13, "sygepleje", 420, 900);
    struct user late = carer(14, "personlig-pleje", 900, 1380);
    struct plan_visit day[] = {
        visit(1, 480, 540, 30, 1, 11, 480), /* anna 08:00–08:30 */
        visit(2, 600, 660, 45, 1, 12, 600), /* bo 10:00–10:45 */
        visit(3, 480, 600, 30, 2, 0, -1),   /* needs two, unplanned */
    };
    const struct plan_visit *v = &day[0];
    struct user one[1] = {anna}, two[2] = {anna, bo};

    /* fine: the same carer, another minute inside the window */
    assert_null(planday_move_check(v, one, 1, 500, MONDAY, day, 3));
    /* fine: to bo, before his own visit */
    one[0] = bo;
    assert_null(planday_move_check(v, one, 1, 490, MONDAY, day, 3));
    /* the number of carers */
    assert_string_equal(planday_move_check(v, two, 2, 500, MONDAY, day, 3), "Vælg én medarbejder.");
    assert_string_equal(planday_move_check(&day[2], one, 1, 500, MONDAY, day, 3),
                        "Besøget kræver to medarbejdere.");
    struct user same[2] = {anna, anna};
    assert_string_equal(planday_move_check(&day[2], same, 2, 500, MONDAY, day, 3),
                        "Vælg to forskellige medarbejdere.");
    assert_null(planday_move_check(&day[2], two, 2, 540, MONDAY, day, 3));
    /* the citizen's window, both ends */
    one[0] = anna;
    assert_non_null(strstr(planday_move_check(v, one, 1, 479, MONDAY, day, 3), "tidsvindue"));
    assert_non_null(strstr(planday_move_check(v, one, 1, 541, MONDAY, day, 3), "tidsvindue"));
    assert_null(planday_move_check(v, one, 1, 540, MONDAY, day, 3));
    /* the skill */
    one[0] = nurse;
    assert_non_null(strstr(planday_move_check(v, one, 1, 500, MONDAY, day, 3), "faglighed"));
    /* the shift: no shift that day, and outside the shift */
    one[0] = anna;
    assert_string_equal(planday_move_check(v, one, 1, 500, MONDAY + 1, day, 3),
                        "Medarbejderen har ikke vagt den dag.");
    one[0] = late;
    assert_string_equal(planday_move_check(v, one, 1, 500, MONDAY, day, 3),
                        "Besøget ligger uden for medarbejderens vagt.");
    /* an overlap with another of the carer's visits (touching is fine) */
    struct plan_visit wide = visit(4, 560, 700, 30, 1, 11, 700);
    one[0] = bo;
    assert_string_equal(planday_move_check(&wide, one, 1, 620, MONDAY, day, 3),
                        "Medarbejderen har et andet besøg på det tidspunkt.");
    assert_string_equal(planday_move_check(&wide, one, 1, 575, MONDAY, day, 3),
                        "Medarbejderen har et andet besøg på det tidspunkt.");
    assert_null(planday_move_check(&wide, one, 1, 570, MONDAY, day, 3));
    assert_null(planday_move_check(&wide, one, 1, 645, MONDAY, day, 3));
}

/* A grant with one service every day, anchored at a fixed minute. */
static struct active_grant grant_at(long service_id, long citizen, minute_t at, int duration)
{
    struct active_grant g = {.team_id = 1, .lat = 55.7, .lon = 12.4};
    g.grant = (struct grant){.id = service_id,
                             .citizen_id = citizen,
                             .kind = GRANT_SERVICES,
                             .status = GS_DECIDED,
                             .start = {2026, 1, 1}};
    g.grant.services[g.grant.service_count++] = (struct grant_service){.id = service_id,
                                                                       .code = "",
                                                                       .label = "Bad",
                                                                       .weekdays = 0x7f,
                                                                       .anchor = ANCHOR_FIXED,
                                                                       .at = at,
                                                                       .flex = 30,
                                                                       .duration = duration,
                                                                       .skill = "personlig-pleje",
                                                                       .carers = 1};
    g.rhythm = (struct rhythm){MINUTE_NONE, MINUTE_NONE, MINUTE_NONE, MINUTE_NONE, MINUTE_NONE, ""};
    return g;
}

/* The sick call: an absence ends the carer's shift, but never before a visit
 * that has already happened; such visits are pinned. */
static void model_absence_and_pinning(void **state)
{
    struct arena a = ARENA_INIT;
    struct user staff[] = {carer(11, "personlig-pleje", 420, 900),
                           carer(12, "personlig-pleje", 420, 900),
                           carer(13, "personlig-pleje", 420, 900)};
    staff[2].active = false; /* inactive staff are not planned */
    struct active_grant grants[] = {grant_at(101, 1, 480, 30), grant_at(102, 2, 660, 30)};
    struct plan_visit in_force[] = {
        {.service_id = 101, .team_id = 1, .carer_ids = {11, 0}, .start = 480},
        {.service_id = 102, .team_id = 1, .carer_ids = {11, 0}, .start = 660},
    };
    struct absence sick = {.user_id = 11, .from = 490};
    struct team nord = {.id = 1, .slug = "nord", .office_lat = 55.7, .office_lon = 12.4};
    struct day_input in = {.day = {2026, 12, 7},
                           .teams = &nord,
                           .nteams = 1,
                           .staff = staff,
                           .nstaff = 3,
                           .grants = grants,
                           .ngrants = 2,
                           .in_force = in_force,
                           .nin_force = 2,
                           .absences = &sick,
                           .nabsences = 1,
                           .keep_before = 490};
    struct day_model m;
    assert_true(planday_model(&a, &in, &m));
    assert_int_equal(m.nvisits, 2);
    assert_int_equal(m.ncarers, 2);
    assert_true(m.visits[0].pinned); /* 08:00 happened */
    assert_false(m.visits[1].pinned);
    assert_int_equal(m.visits[1].assigned[0], 11);
    char *p = planday_problem_json(&m);
    assert_non_null(p);
    /* carer 11's shift ends at the end of the visit done plus 15 minutes */
    assert_non_null(strstr(p, "\"id\":\"u11\""));
    assert_non_null(strstr(p, "\"shift\":[420,525]"));
    free(p);

    /* the engine's answer: visit 101 stays, 102 goes to carer 12 */
    const char *solution =
        "{\"routes\":[{\"carer\":\"u11\",\"stops\":[{\"visit\":\"s101\",\"start\":480}]},"
        "{\"carer\":\"u12\",\"stops\":[{\"visit\":\"s102\",\"start\":665}]}],"
        "\"summary\":{\"travel\":12.5}}";
    struct plan_visit rows[2];
    struct planday_result res;
    assert_int_equal(planday_apply(&m, solution, rows, &res), 0);
    assert_int_equal(res.visits, 2);
    assert_int_equal(res.unassigned, 0);
    assert_int_equal(res.had_plan, 2);
    assert_int_equal(res.kept, 1);
    assert_int_equal(res.moved, 1);
    assert_int_equal(res.others_had, 0); /* both had the absent carer */
    assert_int_equal(rows[1].carer_ids[0], 12);
    assert_int_equal(rows[1].prev_ids[0], 11);
    assert_true(res.travel == 12.5);

    /* a visit the engine left out gets a reason */
    const char *none = "{\"routes\":[],\"unassigned_codes\":{\"s101\":\"skill\","
                       "\"s102\":\"team\"},\"summary\":{\"travel\":0}}";
    assert_int_equal(planday_apply(&m, none, rows, &res), 0);
    assert_int_equal(res.unassigned, 2);
    assert_non_null(strstr(rows[0].reason, "faglighed")); /* the engine's code, in Danish */
    assert_non_null(strstr(rows[1].reason, "andet team"));
    assert_int_equal(planday_apply(&m, "not json", rows, &res), -1);
    arena_release(&a);
}

/* Several teams together: a visit served by another team's carer is
 * borrowed; another team's visit already on one of these carers (a team not
 * planned now) is kept as it is and counted nowhere. */
static void teams_together(void **state)
{
    struct arena a = ARENA_INIT;
    struct team teams[2] = {{.id = 1, .slug = "nord", .office_lat = 55.7, .office_lon = 12.4},
                            {.id = 2, .slug = "syd", .office_lat = 55.72, .office_lon = 12.44}};
    struct user staff[] = {carer(11, "personlig-pleje", 420, 900),
                           carer(21, "personlig-pleje", 420, 900)};
    staff[1].team_id = 2;
    struct active_grant grants[] = {grant_at(101, 1, 480, 30), grant_at(201, 2, 600, 30)};
    grants[1].team_id = 2;
    struct plan_visit in_force[] = {
        {.service_id = 301,
         .citizen_id = 3,
         .team_id = 3,
         .window_start = 700,
         .window_end = 760,
         .duration = 30,
         .skill = "personlig-pleje",
         .carers = 1,
         .carer_ids = {21, 0},
         .start = 720,
         .lat = 55.71,
         .lon = 12.43},
    };
    struct day_input in = {.day = {2026, 12, 7},
                           .teams = teams,
                           .nteams = 2,
                           .staff = staff,
                           .nstaff = 2,
                           .grants = grants,
                           .ngrants = 2,
                           .in_force = in_force,
                           .nin_force = 1};
    struct day_model m;
    assert_true(planday_model(&a, &in, &m));
    assert_int_equal(m.nvisits, 3);
    assert_int_equal(m.ncarers, 2);
    assert_true(m.visits[2].foreign && m.visits[2].pinned); /* s301, team 3's */
    char *p = planday_problem_json(&m);
    assert_non_null(strstr(p, "\"start\":\"office-2\"")); /* syd's carer leaves syd's office */
    assert_non_null(strstr(p, "\"id\":\"s201\""));
    free(p);
    /* nord's visit goes to syd's carer; syd's to nord's; team 3's stays */
    const char *solution =
        "{\"routes\":[{\"carer\":\"u21\",\"stops\":[{\"visit\":\"s101\",\"start\":480},"
        "{\"visit\":\"s301\",\"start\":720}]},{\"carer\":\"u11\",\"stops\":[{\"visit\":"
        "\"s201\",\"start\":600}]}],\"summary\":{\"travel\":20}}";
    struct plan_visit rows[3];
    struct planday_result res;
    assert_int_equal(planday_apply(&m, solution, rows, &res), 0);
    assert_int_equal(res.visits, 2); /* team 3's visit is not counted */
    assert_int_equal(res.borrowed, 2);
    assert_int_equal(rows[0].team_id, 1);
    struct planday_result one = {0};
    planday_figures(&m, rows, 1, &one);
    assert_int_equal(one.visits, 1);
    assert_int_equal(one.borrowed, 1);
    assert_int_equal(one.carers, 1);
    rows[0].carer_ids[0] = 11; /* served by its own team */
    planday_figures(&m, rows, 1, &one);
    assert_int_equal(one.borrowed, 0);
    arena_release(&a);
}

static void demand_counts_visits(void **state)
{
    struct active_grant grants[] = {grant_at(101, 1, 480, 30), grant_at(102, 2, 660, 30)};
    grants[1].grant.services[0].weekdays = 1u << 1; /* Tuesdays only */
    assert_int_equal(planday_demand(grants, 2, (struct date){2026, 12, 7}), 1);
    assert_int_equal(planday_demand(grants, 2, (struct date){2026, 12, 8}), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(move_check_every_rule),
        cmocka_unit_test(model_absence_and_pinning),
        cmocka_unit_test(teams_together),
        cmocka_unit_test(demand_counts_visits),
    };
    return cmocka_run_group_tests_name("core/planday", tests, NULL, NULL);
}
