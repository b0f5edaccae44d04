/* Unit tests for core/policy.c: every shipped pack loads and says what it
 * measures; a broken pack names the line of each error (syntax, unknown
 * keys, missing fields, duplicate ids, unknown indicators, bad targets);
 * targets are checked against values. */
#include "testutil.h"

#include "core/policy.h"

static const char *const packs[] = {
    "share/policies/herlev-aeldre.yaml",      "share/policies/herlev-sundhed.yaml",
    "share/policies/herlev-handicap.yaml",    "share/policies/hedensted-senior.yaml",
    "share/policies/hilleroed-strategi.yaml",
};

/* The whole file in the arena (the test fails when it cannot be read). */
static const char *read_file(struct arena *a, const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s (run from the repository root)", path);
    char *buf = arena_alloc(a, 1 << 20);
    assert_non_null(buf);
    *len = fread(buf, 1, (1 << 20) - 1, f);
    fclose(f);
    buf[*len] = '\0';
    return buf;
}

static int load(struct arena *a, const char *text, struct policy *p, struct data_errors *e)
{
    memset(e, 0, sizeof *e);
    return policy_load(a, text, strlen(text), p, e);
}

/* True when some error is on line `line` and contains `part`. */
static bool has_error(const struct data_errors *e, int line, const char *part)
{
    for (int i = 0; i < e->count; i++)
        if (e->e[i].line == line && strstr(e->e[i].message, part))
            return true;
    return false;
}

static void print_errors(const struct data_errors *e)
{
    for (int i = 0; i < e->count; i++) {
        char line[400];
        data_error_format(e, i, line, sizeof line);
        print_message("%s\n", line);
    }
}

static void every_pack_loads(void **state)
{
    for (size_t i = 0; i < sizeof packs / sizeof packs[0]; i++) {
        struct arena a = ARENA_INIT;
        struct data_errors e = {0};
        struct policy p;
        size_t len;
        const char *text = read_file(&a, packs[i], &len);
        int rc = policy_load(&a, text, len, &p, &e);
        if (rc != 0)
            print_errors(&e);
        assert_int_equal(rc, 0);
        assert_true(p.nvalues >= 3);
        assert_true(p.nareas >= 3);
        int marks = 0, measured = 0, gaps = 0;
        for (int k = 0; k < p.nareas; k++)
            for (int m = 0; m < p.areas[k].nmarks; m++) {
                const struct policy_mark *pm = &p.areas[k].marks[m];
                marks++;
                assert_non_null(pm->text);
                assert_non_null(pm->ref);
                /* every pejlemærke is measured or says why not */
                assert_true(pm->nindicators > 0 || pm->gap);
                if (policy_mark_status(pm) != MARK_NOT_YET)
                    measured++;
                if (pm->gap)
                    gaps++;
                for (int x = 0; x < pm->nindicators; x++)
                    assert_non_null(pm->indicators[x].def);
            }
        assert_true(marks >= 5);
        assert_true(measured >= 2);
        arena_release(&a);
    }
}

static void hilleroed_targets(void **state)
{
    struct arena a = ARENA_INIT;
    struct data_errors e = {0};
    struct policy p;
    size_t len;
    const char *text = read_file(&a, "share/policies/hilleroed-strategi.yaml", &len);
    assert_int_equal(policy_load(&a, text, len, &p, &e), 0);
    const struct policy_indicator *sick = NULL, *wt = NULL;
    for (int k = 0; k < p.nareas; k++)
        for (int m = 0; m < p.areas[k].nmarks; m++)
            for (int x = 0; x < p.areas[k].marks[m].nindicators; x++) {
                const struct policy_indicator *pi = &p.areas[k].marks[m].indicators[x];
                if (!strcmp(pi->id, "staff.short_sick_leave"))
                    sick = pi;
                if (!strcmp(pi->id, "welfare_tech.offered_citizens"))
                    wt = pi;
            }
    assert_non_null(sick);
    assert_int_equal(sick->target.kind, TARGET_AT_MOST);
    assert_true(sick->target.limit == 5);
    assert_non_null(strstr(sick->target.ref, "5%"));
    assert_string_equal(policy_target_text(&a, &sick->target, sick->def), "højst 5 %");
    struct ind_value v = {.value = 4.2, .persons = 40}, high = {.value = 6.1, .persons = 40};
    assert_int_equal(policy_target_check(&sick->target, &v, NULL), TARGET_MET);
    assert_int_equal(policy_target_check(&sick->target, &high, NULL), TARGET_NOT_MET);
    struct ind_value few = {.value = 1, .persons = 3, .suppressed = true};
    assert_int_equal(policy_target_check(&sick->target, &few, NULL), TARGET_UNKNOWN);
    assert_non_null(wt);
    assert_int_equal(wt->target.kind, TARGET_UP);
    struct ind_value now = {.value = 120, .persons = 120}, before = {.value = 100, .persons = 100};
    assert_int_equal(policy_target_check(&wt->target, &now, &before), TARGET_MET);
    assert_int_equal(policy_target_check(&wt->target, &before, &now), TARGET_NOT_MET);
    assert_int_equal(policy_target_check(&wt->target, &now, NULL), TARGET_UNKNOWN);
    assert_string_equal(policy_target_text(&a, &wt->target, wt->def), "højere end året før");
    arena_release(&a);
}

/* A minimal valid pack; tests break one thing at a time. Line numbers: */
static const char minimal[] = "format: omsorg-policy/1\n"                     /* 1 */
                              "id: test\n"                                    /* 2 */
                              "municipality: Testrup Kommune\n"               /* 3 */
                              "title: Ældrepolitik\n"                         /* 4 */
                              "document: Testrups ældrepolitik\n"             /* 5 */
                              "source: en test\n"                             /* 6 */
                              "values:\n"                                     /* 7 */
                              "  - {id: tillid, name: Tillid, ref: l. 1}\n"   /* 8 */
                              "focus_areas:\n"                                /* 9 */
                              "  - id: omraade\n"                             /* 10 */
                              "    name: Et område\n"                         /* 11 */
                              "    ref: l. 2\n"                               /* 12 */
                              "    pejlemaerker:\n"                           /* 13 */
                              "      - id: maerke\n"                          /* 14 */
                              "        text: Borgeren bestemmer.\n"           /* 15 */
                              "        ref: l. 3\n"                           /* 16 */
                              "        indicators:\n"                         /* 17 */
                              "          - id: decides.what_matters_share\n"; /* 18 */

/* minimal with the text from line `from` on replaced by `tail`. */
static const char *variant(struct arena *a, int from, const char *tail)
{
    const char *p = minimal;
    for (int line = 1; line < from && p; line++) {
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    return arena_printf(a, "%.*s%s", (int)(p - minimal), minimal, tail);
}

static void broken_packs_name_the_line(void **state)
{
    struct arena a = ARENA_INIT;
    struct data_errors e;
    struct policy p;
    assert_int_equal(load(&a, minimal, &p, &e), 0);
    assert_int_equal(p.areas[0].marks[0].nindicators, 1);

    /* unknown indicator id */
    assert_int_equal(load(&a, variant(&a, 18, "          - id: decides.nothing\n"), &p, &e), -1);
    assert_true(has_error(&e, 18, "«decides.nothing» findes ikke i kataloget"));
    /* a YAML syntax error */
    assert_int_equal(load(&a, variant(&a, 18, "          - id: [unclosed\n"), &p, &e), -1);
    assert_true(e.count == 1 && e.e[0].line >= 18);
    assert_non_null(strstr(e.e[0].message, "YAML"));
    /* missing text, unknown key */
    assert_int_equal(load(&a,
                          variant(&a, 15,
                                  "        txt: Borgeren bestemmer.\n"
                                  "        ref: l. 3\n"
                                  "        gap: måles ikke\n"),
                          &p, &e),
                     -1);
    assert_true(has_error(&e, 15, "Nøglen «txt» kendes ikke"));
    assert_true(has_error(&e, 14, "«text» mangler i pejlemærket «maerke»"));
    /* neither indicators nor gap */
    assert_int_equal(load(&a, variant(&a, 17, ""), &p, &e), -1);
    assert_true(has_error(&e, 14, "hverken «indicators» eller «gap»"));
    /* duplicate pejlemærke id (line 19 repeats line 14's id) */
    assert_int_equal(load(&a,
                          variant(&a, 19,
                                  "      - id: maerke\n"
                                  "        text: Igen.\n"
                                  "        ref: l. 4\n"
                                  "        gap: x\n"),
                          &p, &e),
                     -1);
    assert_true(has_error(&e, 19, "står også på linje 14"));
    /* duplicate key */
    assert_int_equal(load(&a,
                          variant(&a, 7,
                                  "id: igen\nvalues:\n  - {id: a, name: A, ref: x}\n"
                                  "focus_areas: []\n"),
                          &p, &e),
                     -1);
    assert_true(has_error(&e, 7, "Nøglen «id» står to gange"));
    /* the same indicator twice under one pejlemærke */
    assert_int_equal(
        load(&a, variant(&a, 19, "          - id: decides.what_matters_share\n"), &p, &e), -1);
    assert_true(has_error(&e, 19, "står to gange"));
    /* a bad id and a wrong format */
    assert_int_equal(load(&a, variant(&a, 1, "format: omsorg-policy/9\nid: Test Pakke\n"), &p, &e),
                     -1);
    assert_true(has_error(&e, 1, "«format» skal være «omsorg-policy/1»"));
    assert_true(has_error(&e, 2, "Id'et «Test Pakke»"));
    /* not even a mapping */
    assert_int_equal(load(&a, "- bare en liste\n", &p, &e), -1);
    assert_true(has_error(&e, 1, "skal være en liste af nøgler og værdier"));
    assert_int_equal(load(&a, "", &p, &e), -1);
    assert_non_null(strstr(e.e[0].message, "tom"));
    arena_release(&a);
}

static void bad_targets(void **state)
{
    struct arena a = ARENA_INIT;
    struct data_errors e;
    struct policy p;
    /* at_most on an indicator where higher is better */
    assert_int_equal(load(&a,
                          variant(&a, 18,
                                  "          - id: decides.what_matters_share\n"
                                  "            target: {at_most: 50}\n"
                                  "            target_ref: l. 9\n"),
                          &p, &e),
                     -1);
    assert_true(has_error(&e, 19, "peger nedad, men for «decides.what_matters_share» er højere"));
    /* not a number */
    assert_int_equal(load(&a,
                          variant(&a, 18,
                                  "          - id: staff.short_sick_leave\n"
                                  "            target: {at_most: fem}\n"
                                  "            target_ref: l. 9\n"),
                          &p, &e),
                     -1);
    assert_true(has_error(&e, 19, "skal være et tal, ikke «fem»"));
    assert_int_equal(load(&a, variant(&a, 18, "          - id: staff.short_sick_leave\n"
                                              "            target: {at_most: nan}\n"
                                              "            target_ref: l. 9\n"),
                          &p, &e),
                     -1);
    assert_true(has_error(&e, 19, "skal være et tal, ikke «nan»"));
    /* a share over 100 % */
    assert_int_equal(load(&a,
                          variant(&a, 18,
                                  "          - id: staff.short_sick_leave\n"
                                  "            target: {at_most: 105}\n"
                                  "            target_ref: l. 9\n"),
                          &p, &e),
                     -1);
    assert_true(has_error(&e, 19, "uden for 0–100"));
    /* two kinds at once, and no target_ref */
    assert_int_equal(load(&a,
                          variant(&a, 18,
                                  "          - id: staff.short_sick_leave\n"
                                  "            target: {at_most: 5, change: down}\n"),
                          &p, &e),
                     -1);
    assert_true(has_error(&e, 19, "præcis én af"));
    /* change must be up or down, and must follow the indicator */
    assert_int_equal(load(&a,
                          variant(&a, 18,
                                  "          - id: staff.short_sick_leave\n"
                                  "            target: {change: sideways}\n"
                                  "            target_ref: l. 9\n"),
                          &p, &e),
                     -1);
    assert_true(has_error(&e, 19, "«up» eller «down»"));
    assert_int_equal(load(&a,
                          variant(&a, 18,
                                  "          - id: staff.short_sick_leave\n"
                                  "            target: {change: up}\n"
                                  "            target_ref: l. 9\n"),
                          &p, &e),
                     -1);
    assert_true(has_error(&e, 19, "peger opad"));
    /* a Danish decimal comma is a number; the target text uses it too */
    assert_int_equal(load(&a,
                          variant(&a, 18,
                                  "          - id: staff.short_sick_leave\n"
                                  "            target: {at_most: \"4,5\"}\n"
                                  "            target_ref: l. 9\n"),
                          &p, &e),
                     0);
    const struct policy_indicator *pi = &p.areas[0].marks[0].indicators[0];
    assert_string_equal(policy_target_text(&a, &pi->target, pi->def), "højst 4,5 %");
    /* target_ref alone */
    assert_int_equal(load(&a,
                          variant(&a, 18,
                                  "          - id: staff.short_sick_leave\n"
                                  "            target_ref: l. 9\n"),
                          &p, &e),
                     -1);
    assert_true(has_error(&e, 18, "står uden et «target»"));
    arena_release(&a);
}

static void mark_status(void **state)
{
    struct arena a = ARENA_INIT;
    struct data_errors e;
    struct policy p;
    assert_int_equal(
        load(&a, variant(&a, 18, "          - id: coherence.readmission_30d\n"), &p, &e), 0);
    assert_int_equal(policy_mark_status(&p.areas[0].marks[0]), MARK_NOT_YET);
    assert_int_equal(load(&a,
                          variant(&a, 18,
                                  "          - id: coherence.readmission_30d\n"
                                  "          - id: continuity.own_team_share\n"),
                          &p, &e),
                     0);
    assert_int_equal(policy_mark_status(&p.areas[0].marks[0]), MARK_PARTLY);
    assert_int_equal(load(&a, minimal, &p, &e), 0);
    assert_int_equal(policy_mark_status(&p.areas[0].marks[0]), MARK_MEASURED);
    assert_string_equal(policy_mark_status_label(MARK_NOT_YET), "Måles ikke endnu");
    arena_release(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_pack_loads),
        cmocka_unit_test(hilleroed_targets),
        cmocka_unit_test(broken_packs_name_the_line),
        cmocka_unit_test(bad_targets),
        cmocka_unit_test(mark_status),
    };
    return cmocka_run_group_tests_name("core/policy", tests, NULL, NULL);
}
