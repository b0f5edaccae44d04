/* Unit tests for core/fsiii.c (the FHIR CodeSystem parser, on the real file
 * in share/) and core/assessment.c (validation, change between two
 * assessments, goals). Run from the repository root. */
#include "testutil.h"

#include "core/assessment.h"
#include "core/date.h"
#include "core/fsiii.h"

#define FSIII_FILE "share/fsiii/CodeSystem-FSIII.json"

struct cs_state {
    struct arena a;
    struct fsiii_codesystem cs;
};

/* Parse the real file once per test. */
static int cs_setup(void **state)
{
    struct cs_state *s = calloc(1, sizeof *s);
    char err[600];
    s->a = (struct arena)ARENA_INIT;
    if (!fsiii_parse_file(FSIII_FILE, &s->a, &s->cs, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        free(s);
        return -1;
    }
    *state = s;
    return 0;
}

static int cs_teardown(void **state)
{
    struct cs_state *s = *state;
    arena_release(&s->a);
    free(s);
    return 0;
}

/* Count concepts of group at depth. */
static int count(const struct fsiii_codesystem *cs, const char *group, int depth)
{
    int n = 0;
    for (int i = 0; i < cs->count; i++)
        n += !strcmp(cs->concepts[i].top_group, group) && cs->concepts[i].depth == depth;
    return n;
}

/* Position of a code in the list, -1 when absent. */
static int pos(const struct fsiii_codesystem *cs, const char *code)
{
    const struct fsiii_concept *c = fsiii_find(cs->concepts, cs->count, code);
    return c ? (int)(c - cs->concepts) : -1;
}

static void real_file_letter_tree(void **state)
{
    struct cs_state *s = *state;
    const struct fsiii_codesystem *cs = &s->cs;
    assert_string_equal(cs->version, "20240530");
    assert_string_equal(cs->url, "urn:oid:1.2.208.176.2.21");
    assert_int_equal(cs->count, 269); /* the letter tree: about a third of 828 */
    /* ten top groups A … J, nothing from the UUID tree */
    for (char g = 'A'; g <= 'J'; g++) {
        char code[2] = {g, 0};
        assert_int_equal(count(cs, code, 0), 1);
    }
    for (int i = 0; i < cs->count; i++)
        assert_null(strchr(cs->concepts[i].code, '-'));
    /* group J: 5 areas (J1 Egenomsorg … J5 Samfundsliv), 37 subcategories */
    assert_int_equal(count(cs, "J", 1), 5);
    assert_int_equal(count(cs, "J", 2), 37);
    /* group I: 12 areas, 54 subcategories */
    assert_int_equal(count(cs, "I", 1), 12);
    assert_int_equal(count(cs, "I", 2), 54);
    assert_int_equal(count(cs, "B", 1), 6); /* levels 0–4 and 9 */
    assert_int_equal(count(cs, "C", 1), 4);
    assert_int_equal(count(cs, "D", 1), 2);
    const struct fsiii_concept *j11 = fsiii_find(cs->concepts, cs->count, "J1.1");
    assert_non_null(j11);
    assert_string_equal(j11->display, "Vaske sig");
    assert_string_equal(j11->parent, "J1");
    assert_string_equal(j11->top_group, "J");
    assert_int_equal(j11->depth, 2);
    assert_true(strlen(j11->definition) > 20);
    const struct fsiii_concept *j1 = fsiii_find(cs->concepts, cs->count, "J1");
    assert_string_equal(j1->display, "Egenomsorg");
    assert_string_equal(j1->parent, "J");
    assert_null(fsiii_find(cs->concepts, cs->count, "J")->parent);
    assert_string_equal(fsiii_find(cs->concepts, cs->count, "J5")->display, "Samfundsliv");
    /* parents come before children, siblings in natural order */
    assert_true(pos(cs, "J") < pos(cs, "J1"));
    assert_true(pos(cs, "J1") < pos(cs, "J1.1"));
    assert_true(pos(cs, "J1.1") < pos(cs, "J1.2"));
    assert_true(pos(cs, "J1.8") < pos(cs, "J2"));
    assert_true(pos(cs, "I9") < pos(cs, "I10"));
    assert_true(pos(cs, "I2.1") < pos(cs, "I10.1"));
    for (int i = 0; i < cs->count; i++)
        assert_int_equal(cs->concepts[i].ordinal, i + 1);
    assert_true(fsiii_is(cs->concepts, cs->count, "C2", "C", 1));
    assert_false(fsiii_is(cs->concepts, cs->count, "C2", "D", 1));
    assert_false(fsiii_is(cs->concepts, cs->count, "J1", "J", 2));
}

static void natural_code_order(void **state)
{
    assert_true(fsiii_code_cmp("J1.2", "J1.10") < 0);
    assert_true(fsiii_code_cmp("J9", "J10") < 0);
    assert_true(fsiii_code_cmp("J1", "J1.1") < 0);
    assert_true(fsiii_code_cmp("A", "B") < 0);
    assert_true(fsiii_code_cmp("J5.1", "Personlig_pleje") < 0);
    assert_int_equal(fsiii_code_cmp("I4.9", "I4.9"), 0);
}

/* Parse text and expect failure with err starting with prefix. */
static void expect_error(const char *json, const char *prefix)
{
    struct arena a = ARENA_INIT;
    struct fsiii_codesystem cs;
    char err[400];
    assert_false(fsiii_parse(json, strlen(json), &a, &cs, err, sizeof err));
    if (strncmp(err, prefix, strlen(prefix)))
        fail_msg("error \"%s\" does not start with \"%s\"", err, prefix);
    assert_int_equal(cs.count, 0);
    arena_release(&a);
}

static void malformed_input_names_the_path(void **state)
{
    expect_error("{\"resourceType\": \"CodeSystem\",", "$: not valid JSON");
    expect_error("[]", "$: expected a FHIR CodeSystem object");
    expect_error("{\"resourceType\": \"ValueSet\"}", "$.resourceType: expected \"CodeSystem\"");
    expect_error("{\"resourceType\":\"CodeSystem\",\"url\":\"u\"}", "$: \"version\" is missing");
    expect_error("{\"resourceType\":\"CodeSystem\",\"url\":\"u\",\"version\":\"1\","
                 "\"concept\":{}}",
                 "$.concept: expected an array");
    expect_error("{\"resourceType\":\"CodeSystem\",\"url\":\"u\",\"version\":\"1\","
                 "\"concept\":[{\"code\":\"x-1\",\"display\":\"d\"}]}",
                 "$.concept: no letter-code tree");
    expect_error("{\"resourceType\":\"CodeSystem\",\"url\":\"u\",\"version\":\"1\",\"concept\":["
                 "{\"code\":\"x\",\"display\":\"d\"},{\"code\":\"J\",\"display\":\"J\","
                 "\"concept\":[{\"code\":\"J1\",\"display\":\"a\"},{\"code\":\"J2\"}]}]}",
                 "$.concept[1].concept[1]: \"display\" is missing");
    expect_error("{\"resourceType\":\"CodeSystem\",\"url\":\"u\",\"version\":\"1\",\"concept\":["
                 "{\"code\":\"J\",\"display\":\"J\",\"concept\":[{\"code\":\"J1\",\"display\":"
                 "\"a\",\"concept\":\"no\"}]}]}",
                 "$.concept[0].concept[0].concept: expected an array");
    expect_error("{\"resourceType\":\"CodeSystem\",\"url\":\"u\",\"version\":\"1\",\"concept\":["
                 "{\"code\":\"J\",\"display\":\"J\",\"concept\":[{\"code\":\"J1\",\"display\":"
                 "7}]}]}",
                 "$.concept[0].concept[0]: \"display\" must be a string");
    expect_error("{\"resourceType\":\"CodeSystem\",\"url\":\"u\",\"version\":\"1\",\"concept\":["
                 "{\"code\":\"J\",\"display\":\"J\",\"concept\":[{\"code\":\"J1\",\"display\":"
                 "\"a\"},{\"code\":\"J1\",\"display\":\"b\"}]}]}",
                 "$.concept[0].concept[1]: the code \"J1\" appears twice");
    /* and a good minimal one */
    const char *ok = "{\"resourceType\":\"CodeSystem\",\"url\":\"u\",\"version\":\"1\","
                     "\"concept\":[{\"code\":\"J\",\"display\":\"J\",\"concept\":[{\"code\":"
                     "\"J10\",\"display\":\"b\"},{\"code\":\"J2\",\"display\":\"a\"}]}]}";
    struct arena a = ARENA_INIT;
    struct fsiii_codesystem cs;
    char err[200];
    assert_true(fsiii_parse(ok, strlen(ok), &a, &cs, err, sizeof err));
    assert_int_equal(cs.count, 3);
    assert_string_equal(cs.concepts[1].code, "J2");
    assert_string_equal(cs.concepts[2].code, "J10");
    arena_release(&a);
    assert_false(fsiii_parse_file("/nonexistent/fsiii.json", &a, &cs, err, sizeof err));
    assert_non_null(strstr(err, "cannot open"));
}

/* --- assessments ------------------------------------------------------------ */

static char today_text[11], tomorrow_text[11], yesterday_text[11];

static void dates(void)
{
    date_format(date_today(), today_text);
    date_format(date_add_days(date_today(), 1), tomorrow_text);
    date_format(date_add_days(date_today(), -1), yesterday_text);
}

static void assessment_validation(void **state)
{
    struct cs_state *s = *state;
    const struct fsiii_concept *all = s->cs.concepts;
    int n = s->cs.count;
    dates();
    struct assessment_function f[2] = {{.code = "J1.1",
                                        .current = 2,
                                        .expected = 1,
                                        .performance = "C2",
                                        .importance = "D2",
                                        .need = "Hjælp til bad",
                                        .cause = "",
                                        .symptoms = ""},
                                       {.code = "J3.8",
                                        .current = 9,
                                        .expected = LEVEL_NONE,
                                        .performance = "",
                                        .importance = ""}};
    struct assessment_health h[1] = {{.code = "I3.2", .note = "Spiser lidt"}};
    struct assessment x = {.assessed_on = today_text,
                           .note = "",
                           .functions = f,
                           .function_count = 2,
                           .health = h,
                           .health_count = 1};
    struct validation v = {0};
    assessment_validate(&x, all, n, &s->a, &v);
    assert_int_equal(v.count, 0);

    f[0].current = 5;
    f[0].expected = -2;
    f[0].performance = "D1";
    f[1].importance = "C1";
    h[0].code = "J1.1";
    x.assessed_on = tomorrow_text;
    memset(&v, 0, sizeof v);
    assessment_validate(&x, all, n, &s->a, &v);
    assert_non_null(validation_for(&v, "J1.1.current"));
    assert_non_null(validation_for(&v, "J1.1.expected"));
    assert_non_null(validation_for(&v, "J1.1.performance"));
    assert_non_null(validation_for(&v, "J3.8.importance"));
    assert_non_null(validation_for(&v, "J1.1")); /* not a health condition */
    assert_non_null(strstr(validation_for(&v, "assessed_on"), "fremtiden"));

    /* unknown codes, areas instead of subcategories, empty assessment */
    struct assessment_function g = {.code = "J9.9", .current = 1, .expected = LEVEL_NONE};
    struct assessment y = {.assessed_on = "2026-02-30", .functions = &g, .function_count = 1};
    memset(&v, 0, sizeof v);
    assessment_validate(&y, all, n, &s->a, &v);
    assert_non_null(validation_for(&v, "J9.9"));
    assert_non_null(validation_for(&v, "assessed_on"));
    g.code = "J1";
    memset(&v, 0, sizeof v);
    assessment_validate(&y, all, n, &s->a, &v);
    assert_non_null(validation_for(&v, "J1"));
    y.function_count = 0;
    memset(&v, 0, sizeof v);
    assessment_validate(&y, all, n, &s->a, &v);
    assert_non_null(validation_for(&v, "functions"));
    assert_true(fsiii_level_ok(0) && fsiii_level_ok(4) && fsiii_level_ok(9));
    assert_false(fsiii_level_ok(5) || fsiii_level_ok(-1) || fsiii_level_ok(8));
}

static void change_between_two(void **state)
{
    struct cs_state *s = *state;
    struct assessment_function pf[] = {
        {.code = "J1.1", .display = "Vaske sig", .current = 3},
        {.code = "J1.2", .display = "Kropspleje", .current = 1},
        {.code = "J1.3", .display = "Af- og påklædning", .current = 2},
        {.code = "J3.8", .display = "Gå", .current = 2},
        {.code = "J4.2", .display = "Hukommelse", .current = 9}};
    struct assessment_function cf[] = {
        {.code = "J1.1", .display = "Vaske sig", .current = 1},
        {.code = "J1.2", .display = "Kropspleje", .current = 2},
        {.code = "J1.3", .display = "Af- og påklædning", .current = 2},
        {.code = "J4.2", .display = "Hukommelse", .current = 1},
        {.code = "J2.2", .display = "Lave mad", .current = 0}};
    struct assessment_health ph[] = {{.code = "I3.2"}, {.code = "I9.3"}};
    struct assessment_health ch[] = {{.code = "I3.2"}, {.code = "I10.2"}};
    struct assessment prev = {
        .functions = pf, .function_count = 5, .health = ph, .health_count = 2};
    struct assessment cur = {.functions = cf, .function_count = 5, .health = ch, .health_count = 2};
    struct condition_change *fc, *hc;
    int nf, nh;
    assert_true(assessment_compare(&prev, &cur, &s->a, &fc, &nf, &hc, &nh));
    assert_int_equal(nf, 6);
    assert_string_equal(fc[0].code, "J1.1");
    assert_int_equal(fc[0].before, 3);
    assert_int_equal(fc[0].after, 1);
    assert_int_equal(fc[0].change, CHANGE_BETTER);
    assert_string_equal(change_label(fc[0].change), "bedre");
    assert_int_equal(fc[1].change, CHANGE_WORSE);
    assert_string_equal(change_label(fc[1].change), "værre");
    assert_int_equal(fc[2].change, CHANGE_SAME);
    assert_string_equal(change_label(fc[2].change), "uændret");
    assert_int_equal(fc[3].change, CHANGE_UNCOMPARABLE); /* 9 → 1 */
    assert_int_equal(fc[4].change, CHANGE_NEW);
    assert_int_equal(fc[4].before, LEVEL_NONE);
    assert_string_equal(fc[5].code, "J3.8");
    assert_int_equal(fc[5].change, CHANGE_GONE);
    assert_int_equal(fc[5].after, LEVEL_NONE);
    assert_int_equal(nh, 3);
    assert_int_equal(hc[0].change, CHANGE_SAME);
    assert_string_equal(health_change_label(hc[0].change), "fortsat relevant");
    assert_int_equal(hc[1].change, CHANGE_NEW);
    assert_string_equal(hc[2].code, "I9.3");
    assert_string_equal(health_change_label(hc[2].change), "ikke længere relevant");
    assert_string_equal(change_code(CHANGE_BETTER), "better");
}

static void goal_rules(void **state)
{
    struct cs_state *s = *state;
    const struct fsiii_concept *all = s->cs.concepts;
    int n = s->cs.count;
    dates();
    struct goal g = {.text = "Jeg vil selv kunne gå i bad.",
                     .type = GOAL_LESSEN,
                     .follow_up_on = today_text,
                     .codes = {"J1.1", "I2.1"},
                     .code_count = 2};
    struct validation v = {0};
    goal_validate(&g, all, n, &v);
    assert_int_equal(v.count, 0);
    g.type = GOAL_TYPE_NONE;
    g.follow_up_on = yesterday_text;
    g.codes[1] = "C1";
    g.text = "";
    goal_validate(&g, all, n, &v);
    assert_non_null(validation_for(&v, "goal_type"));
    assert_non_null(validation_for(&v, "follow_up_on"));
    assert_non_null(validation_for(&v, "codes"));
    assert_non_null(validation_for(&v, "text"));
    memset(&v, 0, sizeof v);
    g = (struct goal){.text = "x",
                      .type = GOAL_MAINTAIN,
                      .follow_up_on = tomorrow_text,
                      .codes = {"J1.1", "J1.1"},
                      .code_count = 2};
    goal_validate(&g, all, n, &v);
    assert_non_null(validation_for(&v, "codes"));
    g.code_count = 0;
    memset(&v, 0, sizeof v);
    goal_validate(&g, all, n, &v);
    assert_non_null(validation_for(&v, "codes"));
    assert_int_equal(goal_type_parse("disappear"), GOAL_DISAPPEAR);
    assert_int_equal(goal_type_parse("nope"), GOAL_TYPE_NONE);
    assert_string_equal(goal_type_code(GOAL_MAINTAIN), "maintain");
    assert_int_equal(goal_status_parse("not_reached"), GOAL_NOT_REACHED);
    assert_string_equal(goal_status_label(GOAL_REACHED), "Nået");
    memset(&v, 0, sizeof v);
    goal_status_validate(GOAL_STATUS_NONE, "", &v);
    assert_non_null(validation_for(&v, "status"));
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, cs_setup, cs_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(real_file_letter_tree),
        cmocka_unit_test(natural_code_order),
        cmocka_unit_test(malformed_input_names_the_path),
        T(assessment_validation),
        T(change_between_two),
        T(goal_rules),
    };
    return cmocka_run_group_tests_name("fsiii", tests, NULL, NULL);
}
