/* Unit tests for the FSIII use cases (app/assessment.c): the code system,
 * assessments with the change between the latest two, goals and their
 * follow-up — access by role and team, validation, the audit rows, nothing
 * half-written on failure. */
#include "visitation-test.h"

#include "app/assessment.h"

/* "YYYY-MM-DD" days from today, in the arena. */
static const char *day(struct apptest *t, int days)
{
    char d[11];
    date_format(date_add_days(date_today(), days), d);
    return arena_strdup(&t->f.a, d);
}

/* An assessment of one functional condition at a level. */
static struct assessment one_condition(struct apptest *t, long citizen_id, const char *on,
                                       const char *code, int level)
{
    struct assessment_function *f = arena_alloc(&t->f.a, sizeof *f);
    *f = (struct assessment_function){.code = code,
                                      .current = level,
                                      .expected = LEVEL_NONE,
                                      .performance = "",
                                      .importance = "",
                                      .need = "",
                                      .cause = "",
                                      .symptoms = ""};
    return (struct assessment){.citizen_id = citizen_id,
                               .assessed_on = on,
                               .note = "",
                               .functions = f,
                               .function_count = 1};
}

static struct goal a_goal(struct apptest *t, long citizen_id)
{
    return (struct goal){.citizen_id = citizen_id,
                         .text = "Jeg vil selv gå ned efter avisen.",
                         .type = GOAL_LESSEN,
                         .follow_up_on = day(t, 30),
                         .codes = {"J3.8", "I2.1"},
                         .code_count = 2};
}

static void the_code_system_for_anyone_signed_in(void **state)
{
    struct apptest *t = *state;
    struct app a = apptest_app(t, &t->manager);
    struct fsiii_codes c;
    assert_int_equal(app_fsiii_codes(&a, NULL, &c), APP_OK);
    assert_int_equal(c.n, 269);
    assert_string_equal(c.version.version, "20240530");
    assert_int_equal(app_fsiii_codes(&a, "J", &c), APP_OK);
    assert_int_equal(c.n, 43);
    assert_int_equal(app_fsiii_codes(&a, "Z", &c), APP_INVALID);
    assert_non_null(validation_for(&a.errors, "group"));
    a = apptest_app(t, NULL);
    assert_int_equal(app_fsiii_codes(&a, NULL, &c), APP_FORBIDDEN);
}

static void without_an_imported_version_the_codes_are_not_ready(void **state)
{
    struct apptest *t = *state;
    struct app a = apptest_app(t, &t->visitator);
    struct fsiii_codes c;
    assert_int_equal(app_fsiii_codes(&a, NULL, &c), APP_NOT_READY);
    assert_string_equal(a.code, "fsiii_missing");
    long id = t->citizen[NORD];
    struct assessment x = one_condition(t, id, day(t, 0), "J1.1", 2);
    a = apptest_app(t, &t->visitator);
    assert_int_equal(app_assessment_create(&a, &x), APP_NOT_READY);
    assert_no_transaction(t->f.s);
}

static void an_assessment_is_made_by_the_visitator_and_audited(void **state)
{
    struct apptest *t = *state;
    long id = t->citizen[NORD];
    struct app a = apptest_app(t, &t->visitator);
    struct assessment x = one_condition(t, id, day(t, -1), "J1.1", 2);
    assert_int_equal(app_assessment_create(&a, &x), APP_OK);
    assert_true(x.id > 0);
    assert_int_equal(x.version_id, t->version_id);
    assert_int_equal(x.assessor_id, t->visitator.user_id);
    assert_audit(t, id, &t->visitator, "assessment", "created");

    struct assessment got;
    assert_int_equal(app_assessment_get(&a, id, x.id, "assessment", &got), APP_OK);
    assert_string_equal(got.functions[0].display, "Vaske sig");
    assert_string_equal(got.assessor_name, "Vivi");
    assert_no_transaction(t->f.s);
}

static void a_refused_assessment_leaves_nothing(void **state)
{
    struct apptest *t = *state;
    long id = t->citizen[NORD];
    int rows = audit_count(t, id);
    struct app a = apptest_app(t, &t->visitator);
    struct assessment x = one_condition(t, id, day(t, 3), "J1.1", 5);
    assert_int_equal(app_assessment_create(&a, &x), APP_INVALID);
    assert_non_null(validation_for(&a.errors, "J1.1.current"));
    assert_non_null(validation_for(&a.errors, "assessed_on"));
    a = apptest_app(t, &t->visitator);
    x = one_condition(t, id, day(t, -1), "I2.1", 1); /* a health condition is not a function */
    assert_int_equal(app_assessment_create(&a, &x), APP_INVALID);
    assert_non_null(validation_for(&a.errors, "I2.1"));
    a = apptest_app(t, &t->carer);
    x = one_condition(t, id, day(t, -1), "J1.1", 1);
    assert_int_equal(app_assessment_create(&a, &x), APP_FORBIDDEN);
    a = apptest_app(t, &t->visitator);
    x.citizen_id = 999999;
    assert_int_equal(app_assessment_create(&a, &x), APP_NOT_FOUND);

    struct assessment_history h;
    assert_int_equal(app_assessment_list(&a, id, NULL, &h), APP_OK);
    assert_int_equal(h.n, 0);
    assert_false(h.has_change);
    assert_int_equal(audit_count(t, id), rows);
    assert_no_transaction(t->f.s);
}

static void the_list_shows_the_change_and_is_kept_to_the_team(void **state)
{
    struct apptest *t = *state;
    long id = t->citizen[NORD];
    struct app a = apptest_app(t, &t->visitator);
    struct assessment x = one_condition(t, id, day(t, -60), "J1.1", 3);
    assert_int_equal(app_assessment_create(&a, &x), APP_OK);
    long first = x.id;
    a = apptest_app(t, &t->carer);
    struct assessment_history h;
    assert_int_equal(app_assessment_list(&a, id, "assessments", &h), APP_OK);
    assert_int_equal(h.n, 1);
    assert_false(h.has_change);

    a = apptest_app(t, &t->visitator);
    x = one_condition(t, id, day(t, -1), "J1.1", 1);
    assert_int_equal(app_assessment_create(&a, &x), APP_OK);
    a = apptest_app(t, &t->carer);
    assert_int_equal(app_assessment_list(&a, id, "assessments", &h), APP_OK);
    assert_audit(t, id, &t->carer, "read", "assessments");
    assert_int_equal(h.n, 2);
    assert_int_equal(h.list[0].id, x.id);
    assert_true(h.has_change);
    assert_int_equal(h.from.id, first);
    assert_int_equal(h.to.id, x.id);
    assert_int_equal(h.function_count, 1);
    assert_int_equal(h.functions[0].change, CHANGE_BETTER);

    a = apptest_app(t, &t->carer_syd);
    assert_int_equal(app_assessment_list(&a, id, "assessments", &h), APP_FORBIDDEN);
    assert_audit(t, id, &t->carer_syd, "denied", "assessments");
    struct assessment got;
    assert_int_equal(app_assessment_get(&a, id, first, "assessment", &got), APP_FORBIDDEN);
    a = apptest_app(t, &t->visitator);
    assert_int_equal(app_assessment_get(&a, t->citizen[SYD], first, "assessment", &got),
                     APP_NOT_FOUND);
}

static void the_form_is_for_the_visitator(void **state)
{
    struct apptest *t = *state;
    long id = t->citizen[SYD];
    struct app a = apptest_app(t, &t->visitator);
    struct fsiii_codes c;
    assert_int_equal(app_fsiii_form(&a, id, "fsiii form", &c), APP_OK);
    assert_int_equal(c.n, 269);
    assert_audit(t, id, &t->visitator, "read", "fsiii form");
    a = apptest_app(t, &t->carer_syd);
    assert_int_equal(app_fsiii_form(&a, id, "fsiii form", &c), APP_FORBIDDEN);
    a = apptest_app(t, &t->visitator);
    assert_int_equal(app_fsiii_form(&a, 999999, "fsiii form", &c), APP_NOT_FOUND);
}

static void a_goal_is_set_and_followed_up(void **state)
{
    struct apptest *t = *state;
    long id = t->citizen[NORD];
    struct app a = apptest_app(t, &t->visitator);
    struct goal g = a_goal(t, id);
    assert_int_equal(app_goal_create(&a, &g), APP_OK);
    assert_true(g.id > 0);
    assert_audit(t, id, &t->visitator, "goal", "created");

    assert_int_equal(app_goal_follow_up(&a, id, g.id, "reached", "Går selv med rollator."), APP_OK);
    assert_audit(t, id, &t->visitator, "goal", "followed up");
    a = apptest_app(t, &t->carer);
    struct goal got;
    assert_int_equal(app_goal_get(&a, id, g.id, "goals", &got), APP_OK);
    assert_audit(t, id, &t->carer, "read", "goals");
    assert_int_equal(got.status, GOAL_REACHED);
    assert_string_equal(got.status_note, "Går selv med rollator.");
    assert_string_equal(got.code_displays[0], "Gå");
    struct goal *list;
    int n;
    assert_int_equal(app_goal_list(&a, id, "goals", &list, &n), APP_OK);
    assert_int_equal(n, 1);
    a = apptest_app(t, &t->carer_syd);
    assert_int_equal(app_goal_list(&a, id, "goals", &list, &n), APP_FORBIDDEN);
}

static void a_refused_goal_or_follow_up_leaves_nothing(void **state)
{
    struct apptest *t = *state;
    long id = t->citizen[NORD];
    struct app a = apptest_app(t, &t->visitator);
    struct goal g = a_goal(t, id);
    assert_int_equal(app_goal_create(&a, &g), APP_OK);
    int rows = audit_count(t, id);

    a = apptest_app(t, &t->visitator);
    struct goal bad = {.citizen_id = id,
                       .text = "",
                       .type = GOAL_TYPE_NONE,
                       .follow_up_on = day(t, -3),
                       .codes = {"C1"},
                       .code_count = 1};
    assert_int_equal(app_goal_create(&a, &bad), APP_INVALID);
    const char *fields[] = {"text", "goal_type", "follow_up_on", "codes"};
    for (int i = 0; i < 4; i++)
        assert_non_null(validation_for(&a.errors, fields[i]));
    a = apptest_app(t, &t->visitator);
    bad = a_goal(t, id);
    bad.code_count = GOAL_MAX_CODES + 1; /* more chosen than a goal holds */
    assert_int_equal(app_goal_create(&a, &bad), APP_INVALID);
    assert_non_null(validation_for(&a.errors, "codes"));
    a = apptest_app(t, &t->carer);
    bad = a_goal(t, id);
    assert_int_equal(app_goal_create(&a, &bad), APP_FORBIDDEN);

    a = apptest_app(t, &t->visitator);
    assert_int_equal(app_goal_follow_up(&a, id, g.id, "done", ""), APP_INVALID);
    assert_non_null(validation_for(&a.errors, "status"));
    a = apptest_app(t, &t->visitator);
    assert_int_equal(app_goal_follow_up(&a, id, 999999, "reached", ""), APP_NOT_FOUND);
    a = apptest_app(t, &t->visitator);
    assert_int_equal(app_goal_follow_up(&a, t->citizen[SYD], g.id, "reached", ""), APP_NOT_FOUND);
    a = apptest_app(t, &t->carer);
    assert_int_equal(app_goal_follow_up(&a, id, g.id, "reached", ""), APP_FORBIDDEN);

    struct goal *list;
    int n;
    assert_int_equal(app_goal_list(&a, id, NULL, &list, &n), APP_OK);
    assert_int_equal(n, 1);
    assert_int_equal(list[0].status, GOAL_OPEN);
    assert_int_equal(audit_count(t, id), rows);
    assert_no_transaction(t->f.s);
}

static int bare_setup(void **state)
{
    return apptest_setup_with(state, false);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, apptest_setup, apptest_teardown)
    const struct CMUnitTest tests[] = {
        T(the_code_system_for_anyone_signed_in),
        cmocka_unit_test_setup_teardown(without_an_imported_version_the_codes_are_not_ready,
                                        bare_setup, apptest_teardown),
        T(an_assessment_is_made_by_the_visitator_and_audited),
        T(a_refused_assessment_leaves_nothing),
        T(the_list_shows_the_change_and_is_kept_to_the_team),
        T(the_form_is_for_the_visitator),
        T(a_goal_is_set_and_followed_up),
        T(a_refused_goal_or_follow_up_leaves_nothing),
    };
    return cmocka_run_group_tests_name("app/assessment", tests, NULL, NULL);
}
