/* Unit tests for the FSIII store (store-fsiii.c: import, versions,
 * concepts) and assessments and goals (store-assessment.c). Each test gets
 * a fresh database with the real code system from share/ (run from the
 * repository root). */
#include "testutil.h"


#include "core/date.h"
#include "core/fsiii.h"

#define FSIII_FILE "share/fsiii/CodeSystem-FSIII.json"

struct afix {
    struct fixture f;
    struct fsiii_codesystem cs;
    long version_id;
    long citizen;
};

/* The usual fixture, the code system imported, and one citizen. */
static int afix_setup(void **state)
{
    struct fixture *base;
    if (fixture_setup((void **)&base))
        return -1;
    struct afix *x = calloc(1, sizeof *x);
    x->f = *base;
    free(base);
    char err[600];
    assert_true(fsiii_parse_file(FSIII_FILE, &x->f.a, &x->cs, err, sizeof err));
    bool added;
    assert_int_equal(store_fsiii_import(x->f.s, &x->cs, &x->version_id, &added), STORE_OK);
    assert_true(added);
    struct citizen c = test_citizen("0102451234", x->f.team_nord);
    assert_int_equal(store_citizen_create(x->f.s, &c, &x->citizen), STORE_OK);
    *state = x;
    return 0;
}

static int afix_teardown(void **state)
{
    struct afix *x = *state;
    arena_release(&x->f.a);
    test_store_remove(x->f.s, x->f.path);
    free(x);
    return 0;
}

static void import_is_idempotent_and_versioned(void **state)
{
    struct afix *x = *state;
    long id;
    bool added = true;
    assert_int_equal(store_fsiii_import(x->f.s, &x->cs, &id, &added), STORE_OK);
    assert_false(added);
    assert_int_equal(id, x->version_id);
    struct fsiii_version *versions;
    int n;
    assert_int_equal(store_fsiii_versions(x->f.s, &x->f.a, &versions, &n), STORE_OK);
    assert_int_equal(n, 1);
    assert_int_equal(versions[0].concept_count, 269);
    struct fsiii_concept *j;
    assert_int_equal(store_fsiii_concepts(x->f.s, &x->f.a, id, "J", &j, &n), STORE_OK);
    assert_int_equal(n, 43);
    assert_string_equal(j[0].code, "J");
    assert_null(j[0].parent);
    assert_string_equal(j[1].code, "J1");
    assert_string_equal(j[2].code, "J1.1");
    assert_string_equal(j[2].parent, "J1");
    assert_int_equal(j[2].depth, 2);
    assert_int_equal(store_fsiii_concepts(x->f.s, &x->f.a, id, NULL, &j, &n), STORE_OK);
    assert_int_equal(n, 269);

    /* the same version with other content is refused; a new version is added */
    struct fsiii_codesystem changed = x->cs;
    changed.count = 10;
    assert_int_equal(store_fsiii_import(x->f.s, &changed, &id, &added), STORE_CONFLICT);
    changed.version = "20990101";
    assert_int_equal(store_fsiii_import(x->f.s, &changed, &id, &added), STORE_OK);
    assert_true(added);
    assert_int_not_equal(id, x->version_id);
    struct fsiii_version cur;
    assert_int_equal(store_fsiii_current(x->f.s, &x->f.a, &cur), STORE_OK);
    assert_string_equal(cur.version, "20990101");
    assert_int_equal(cur.concept_count, 10);
    assert_int_equal(store_fsiii_versions(x->f.s, &x->f.a, &versions, &n), STORE_OK);
    assert_int_equal(n, 2);
}

/* Save one assessment dated on with J1.1 at level j11 and J3.8 at j38
 * (LEVEL_NONE leaves it out), and health condition hcode when given. */
static long add_assessment(struct afix *x, const char *on, int j11, int j38, const char *hcode)
{
    struct assessment_function f[2];
    struct assessment_health h[1] = {{.code = hcode, .note = "Taber sig"}};
    int nf = 0;
    if (j11 != LEVEL_NONE)
        f[nf++] = (struct assessment_function){.code = "J1.1",
                                               .current = j11,
                                               .expected = 1,
                                               .performance = "C2",
                                               .importance = "D2",
                                               .need = "Hjælp til bad",
                                               .cause = "Svimmel",
                                               .symptoms = "Falder"};
    if (j38 != LEVEL_NONE)
        f[nf++] =
            (struct assessment_function){.code = "J3.8", .current = j38, .expected = LEVEL_NONE};
    struct assessment a = {.citizen_id = x->citizen,
                           .version_id = x->version_id,
                           .assessed_on = on,
                           .assessor_id = x->f.visitator,
                           .note = "",
                           .functions = f,
                           .function_count = nf,
                           .health = h,
                           .health_count = hcode ? 1 : 0};
    struct validation v = {0};
    assessment_validate(&a, x->cs.concepts, x->cs.count, &x->f.a, &v);
    assert_int_equal(v.count, 0);
    long id;
    assert_int_equal(store_assessment_create(x->f.s, &a, &id), STORE_OK);
    return id;
}

static void assessment_round_trip_and_change(void **state)
{
    struct afix *x = *state;
    long first = add_assessment(x, "2026-01-10", 3, 2, "I3.5");
    long second = add_assessment(x, "2026-03-10", 1, LEVEL_NONE, NULL);
    struct assessment *list;
    int n;
    assert_int_equal(store_assessment_list(x->f.s, &x->f.a, x->citizen, &list, &n), STORE_OK);
    assert_int_equal(n, 2);
    assert_int_equal(list[0].id, second); /* newest first */
    assert_int_equal(list[0].function_count, 1);
    assert_int_equal(list[1].function_count, 2);
    assert_int_equal(list[1].health_count, 1);
    assert_string_equal(list[1].assessor_name, "Vivi");
    assert_string_equal(list[1].version, "20240530");

    struct assessment a, b;
    assert_int_equal(store_assessment_get(x->f.s, &x->f.a, x->citizen, first, &a), STORE_OK);
    assert_int_equal(a.function_count, 2);
    assert_string_equal(a.functions[0].code, "J1.1");
    assert_string_equal(a.functions[0].display, "Vaske sig");
    assert_int_equal(a.functions[0].current, 3);
    assert_int_equal(a.functions[0].expected, 1);
    assert_string_equal(a.functions[0].performance, "C2");
    assert_string_equal(a.functions[0].importance, "D2");
    assert_string_equal(a.functions[0].need, "Hjælp til bad");
    assert_string_equal(a.functions[0].cause, "Svimmel");
    assert_string_equal(a.functions[0].symptoms, "Falder");
    assert_int_equal(a.functions[1].expected, LEVEL_NONE);
    assert_string_equal(a.health[0].code, "I3.5");
    assert_string_equal(a.health[0].note, "Taber sig");
    assert_int_equal(store_assessment_get(x->f.s, &x->f.a, x->citizen, second, &b), STORE_OK);
    assert_int_equal(store_assessment_get(x->f.s, &x->f.a, x->citizen + 1, second, &b),
                     STORE_NOT_FOUND);
    assert_int_equal(store_assessment_get(x->f.s, &x->f.a, x->citizen, second, &b), STORE_OK);

    struct condition_change *fc, *hc;
    int nf, nh;
    assert_true(assessment_compare(&a, &b, &x->f.a, &fc, &nf, &hc, &nh));
    assert_int_equal(nf, 2);
    assert_int_equal(fc[0].before, 3);
    assert_int_equal(fc[0].after, 1);
    assert_string_equal(change_label(fc[0].change), "bedre");
    assert_string_equal(fc[1].code, "J3.8");
    assert_int_equal(fc[1].change, CHANGE_GONE);
    assert_int_equal(nh, 1);
    assert_int_equal(hc[0].change, CHANGE_GONE);

    /* kept as made: the database refuses changes and deletions */
    assert_db_refuses(x->f.path, "UPDATE assessment SET note = 'x'");
    assert_db_refuses(x->f.path, "DELETE FROM assessment_function");
    assert_db_refuses(x->f.path, "UPDATE assessment_health SET note = ''");

    /* a level off the scale never reaches the table */
    struct assessment_function bad = {.code = "J1.1", .current = 7, .expected = LEVEL_NONE};
    struct assessment c = {.citizen_id = x->citizen,
                           .version_id = x->version_id,
                           .assessed_on = "2026-03-11",
                           .assessor_id = x->f.visitator,
                           .functions = &bad,
                           .function_count = 1};
    long id;
    assert_int_equal(store_begin(x->f.s), STORE_OK);
    assert_int_not_equal(store_assessment_create(x->f.s, &c, &id), STORE_OK);
    store_rollback(x->f.s);
    assert_int_equal(store_assessment_list(x->f.s, &x->f.a, x->citizen, &list, &n), STORE_OK);
    assert_int_equal(n, 2);
}

static void goal_status_follow_up(void **state)
{
    struct afix *x = *state;
    char on[11];
    date_format(date_add_days(date_today(), 30), on);
    struct goal g = {.citizen_id = x->citizen,
                     .text = "Jeg vil selv kunne gå til købmanden.",
                     .type = GOAL_LESSEN,
                     .follow_up_on = on,
                     .codes = {"J3.8", "I2.1"},
                     .code_count = 2,
                     .created_by = x->f.visitator};
    struct validation v = {0};
    goal_validate(&g, x->cs.concepts, x->cs.count, &v);
    assert_int_equal(v.count, 0);
    long id;
    assert_int_equal(store_goal_create(x->f.s, &g, &id), STORE_OK);
    struct goal got;
    assert_int_equal(store_goal_get(x->f.s, &x->f.a, x->citizen, id, &got), STORE_OK);
    assert_string_equal(got.text, g.text);
    assert_int_equal(got.type, GOAL_LESSEN);
    assert_int_equal(got.status, GOAL_OPEN);
    assert_int_equal(got.code_count, 2);
    assert_string_equal(got.codes[0], "J3.8");
    assert_string_equal(got.code_displays[0], "Gå");
    assert_string_equal(got.created_by_name, "Vivi");
    assert_string_equal(got.followed_up_at, "");

    assert_int_equal(store_goal_set_status(x->f.s, x->citizen, id, GOAL_REACHED,
                                           "Går selv med rollator.", x->f.visitator),
                     STORE_OK);
    assert_int_equal(store_goal_get(x->f.s, &x->f.a, x->citizen, id, &got), STORE_OK);
    assert_int_equal(got.status, GOAL_REACHED);
    assert_string_equal(got.status_note, "Går selv med rollator.");
    assert_string_equal(got.followed_up_by_name, "Vivi");
    assert_true(strlen(got.followed_up_at) == 20);
    assert_int_equal(
        store_goal_set_status(x->f.s, x->citizen + 1, id, GOAL_OPEN, "", x->f.visitator),
        STORE_NOT_FOUND);

    struct goal *list;
    int n;
    g.text = "Jeg vil sove om natten.";
    assert_int_equal(store_goal_create(x->f.s, &g, &id), STORE_OK);
    assert_int_equal(store_goal_list(x->f.s, &x->f.a, x->citizen, &list, &n), STORE_OK);
    assert_int_equal(n, 2);
    assert_int_equal(list[0].status, GOAL_OPEN); /* open goals first */
    assert_int_equal(list[1].status, GOAL_REACHED);
    assert_int_equal(list[1].code_count, 2);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, afix_setup, afix_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(import_is_idempotent_and_versioned),
        T(assessment_round_trip_and_change),
        T(goal_status_follow_up),
    };
    return cmocka_run_group_tests_name("assessment", tests, NULL, NULL);
}
