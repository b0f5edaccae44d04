/* Unit tests for core/law.c and the letters that cite it: the shipped legal
 * bases load; the folkepensionsalder from the CPR birth date; citizens over
 * and under pension age get the right basis; an assessor's decision
 * overrides the age; a law version change by date picks the right version;
 * a broken file names its lines. */
#include "testutil.h"

#include "core/law.h"
#include "core/letter.h"
#include "core/prevention.h"

#define D(y, m, d) ((struct date){y, m, d})

static void assert_date(struct date d, int y, int m, int day)
{
    assert_int_equal(d.year, y);
    assert_int_equal(d.month, m);
    assert_int_equal(d.day, day);
}

static const struct law_table *shipped(struct arena *a)
{
    static struct law_table t; /* filled per test from the arena */
    struct data_errors e = {0};
    int rc = law_load_default(a, &t, &e);
    for (int i = 0; i < e.count; i++) {
        char line[400];
        data_error_format(&e, i, line, sizeof line);
        print_message("%s\n", line);
    }
    assert_int_equal(rc, 0);
    return &t;
}

static const char *cite(struct arena *a, const struct law_table *t, enum law_topic topic,
                        enum law_group g, struct date on)
{
    const struct law_basis *b = law_basis_for(t, topic, g, on);
    return b ? law_cite(a, b) : "(ingen)";
}

static void shipped_data_loads(void **state)
{
    struct arena a = ARENA_INIT;
    const struct law_table *t = shipped(&a);
    assert_true(t->nlaws >= 3);
    assert_true(t->nbases >= 12);
    assert_int_equal(t->npension, 8);
    /* every topic has a basis for both groups today */
    for (int topic = 0; topic < LAW_TOPIC_COUNT; topic++)
        for (int g = 0; g < 2; g++)
            assert_non_null(
                law_basis_for(t, (enum law_topic)topic, (enum law_group)g, D(2026, 12, 7)));
    for (int i = 0; i < t->nbases; i++) {
        assert_non_null(t->bases[i].law);
        assert_non_null(t->bases[i].source);
        assert_true(t->bases[i].read_on.year >= 2026);
    }
    assert_string_equal(law_topic_code(LAW_TOPIC_PREVENTIVE_VISIT), "preventive_visit");
    assert_int_equal(law_topic_parse("meals"), LAW_TOPIC_MEALS);
    assert_int_equal(law_topic_parse("x"), -1);
    assert_int_equal(law_target_parse("not_elder"), LAW_TARGET_NOT_ELDER);
    arena_release(&a);
}

static void pension_age(void **state)
{
    struct arena a = ARENA_INIT;
    const struct law_table *t = shipped(&a);
    struct date p;
    assert_true(law_pension_date(t, D(1953, 12, 31), &p)); /* 65 */
    assert_date(p, 2018, 12, 31);
    assert_true(law_pension_date(t, D(1954, 3, 15), &p)); /* 65½ */
    assert_date(p, 2019, 9, 15);
    assert_true(law_pension_date(t, D(1954, 7, 1), &p)); /* 66 */
    assert_date(p, 2020, 7, 1);
    assert_true(law_pension_date(t, D(1955, 1, 31), &p)); /* 66½: 31 July */
    assert_date(p, 2021, 7, 31);
    assert_true(law_pension_date(t, D(1955, 7, 1), &p)); /* 67 */
    assert_date(p, 2022, 7, 1);
    assert_true(law_pension_date(t, D(1960, 2, 29), &p)); /* 67, no 29 February in 2027 */
    assert_date(p, 2027, 2, 28);
    assert_true(law_pension_date(t, D(1963, 5, 5), &p)); /* 68 */
    assert_date(p, 2031, 5, 5);
    assert_true(law_pension_date(t, D(1970, 12, 31), &p)); /* 69 */
    assert_date(p, 2039, 12, 31);
    assert_true(law_pension_date(t, D(1971, 1, 1), &p)); /* 70 */
    assert_date(p, 2041, 1, 1);
    assert_false(law_pension_date(t, D(0, 0, 0), &p));
    arena_release(&a);
}

static void group_by_age_or_assessment(void **state)
{
    struct arena a = ARENA_INIT;
    const struct law_table *t = shipped(&a);
    struct date today = D(2026, 12, 7);
    assert_int_equal(law_group_for(t, D(1939, 3, 2), today, LAW_ASSESS_NONE), LAW_GROUP_ELDER);
    assert_int_equal(law_group_for(t, D(1966, 3, 2), today, LAW_ASSESS_NONE), LAW_GROUP_NOT_ELDER);
    /* the day before and the day of the 67th birthday (born 1959) */
    assert_int_equal(law_group_for(t, D(1959, 12, 8), today, LAW_ASSESS_NONE), LAW_GROUP_NOT_ELDER);
    assert_int_equal(law_group_for(t, D(1959, 12, 7), today, LAW_ASSESS_NONE), LAW_GROUP_ELDER);
    /* the assessor's decision (ældreloven § 2, stk. 2 and the exceptions) wins */
    assert_int_equal(law_group_for(t, D(1966, 3, 2), today, LAW_ASSESS_ELDER), LAW_GROUP_ELDER);
    assert_int_equal(law_group_for(t, D(1939, 3, 2), today, LAW_ASSESS_NOT_ELDER),
                     LAW_GROUP_NOT_ELDER);
    /* an unknown birth date is not guessed */
    assert_int_equal(law_group_for(t, D(0, 0, 0), today, LAW_ASSESS_NONE), LAW_GROUP_NOT_ELDER);
    arena_release(&a);
}

static void bases_over_and_under_pension_age(void **state)
{
    struct arena a = ARENA_INIT;
    const struct law_table *t = shipped(&a);
    struct date today = D(2026, 12, 7);
    assert_string_equal(cite(&a, t, LAW_TOPIC_REHABILITATION, LAW_GROUP_ELDER, today),
                        "ældreloven § 9");
    assert_string_equal(cite(&a, t, LAW_TOPIC_REHABILITATION, LAW_GROUP_NOT_ELDER, today),
                        "serviceloven § 83 a");
    assert_string_equal(cite(&a, t, LAW_TOPIC_HELP, LAW_GROUP_ELDER, today), "ældreloven § 10");
    assert_string_equal(cite(&a, t, LAW_TOPIC_HELP, LAW_GROUP_NOT_ELDER, today),
                        "serviceloven § 83");
    assert_string_equal(cite(&a, t, LAW_TOPIC_HELHEDSPLEJE, LAW_GROUP_ELDER, today),
                        "ældreloven § 10");
    assert_string_equal(cite(&a, t, LAW_TOPIC_MEALS, LAW_GROUP_ELDER, today), "ældreloven § 18");
    assert_string_equal(cite(&a, t, LAW_TOPIC_MEALS, LAW_GROUP_NOT_ELDER, today),
                        "serviceloven § 83, stk. 1, nr. 3");
    /* preventive visits and complaints do not depend on the group */
    assert_string_equal(cite(&a, t, LAW_TOPIC_PREVENTIVE_VISIT, LAW_GROUP_NOT_ELDER, today),
                        "ældreloven § 6");
    assert_string_equal(cite(&a, t, LAW_TOPIC_COMPLAINT, LAW_GROUP_ELDER, today),
                        "retssikkerhedsloven § 67");
    arena_release(&a);
}

static void the_aeldrelov_from_1_july_2025(void **state)
{
    struct arena a = ARENA_INIT;
    const struct law_table *t = shipped(&a);
    /* an 87-year-old: serviceloven until 30 June 2025, the Ældrelov from 1 July */
    assert_string_equal(cite(&a, t, LAW_TOPIC_REHABILITATION, LAW_GROUP_ELDER, D(2025, 6, 30)),
                        "serviceloven § 83 a");
    assert_string_equal(cite(&a, t, LAW_TOPIC_REHABILITATION, LAW_GROUP_ELDER, D(2025, 7, 1)),
                        "ældreloven § 9");
    assert_string_equal(cite(&a, t, LAW_TOPIC_PREVENTIVE_VISIT, LAW_GROUP_ELDER, D(2025, 6, 30)),
                        "serviceloven § 79 a");
    assert_string_equal(cite(&a, t, LAW_TOPIC_PREVENTIVE_VISIT, LAW_GROUP_ELDER, D(2025, 7, 1)),
                        "ældreloven § 6");
    /* no rehabilitation course before § 83 a came in 2015 */
    assert_null(law_basis_for(t, LAW_TOPIC_REHABILITATION, LAW_GROUP_ELDER, D(2014, 12, 31)));
    arena_release(&a);
}

/* A citizen with a fixed CPR number (only the birth date matters here). */
static struct citizen person(const char *cpr)
{
    return test_citizen(cpr, 1);
}

static struct grant rehab(void)
{
    struct grant g = {.kind = GRANT_REHABILITATION,
                      .status = GS_SENT,
                      .requested = "Jeg vil gerne have hjælp til bad.",
                      .reason = "Du kan lære at klare badet selv igen.",
                      .goals = "Jeg vil selv kunne gå i bad.",
                      .start = {2026, 12, 14},
                      .end = {2027, 2, 8},
                      .follow_up = {2027, 2, 8}};
    g.services[0] = (struct grant_service){.label = "Træning i bad",
                                           .weekdays = 1 | 4,
                                           .anchor = ANCHOR_GET_UP,
                                           .at = MINUTE_NONE,
                                           .flex = 30,
                                           .duration = 45,
                                           .skill = "terapi",
                                           .carers = 1};
    g.service_count = 1;
    return g;
}

static void letters_cite_the_right_law(void **state)
{
    struct arena a = ARENA_INIT;
    struct grant g = rehab();
    struct letter l;
    struct citizen old = person("0203391234"), young = person("0203661234");
    /* 87 years old: the Ældrelov */
    assert_int_equal(letter_build(&a, &g, &old, NULL, D(2026, 12, 7), &l), 0);
    const char *text = letter_text(&a, &l);
    assert_non_null(strstr(text, "Vi har truffet afgørelsen efter ældreloven § 9."));
    assert_non_null(strstr(text, "Fristen står i retssikkerhedsloven § 67."));
    assert_null(strstr(text, "serviceloven"));
    assert_true(l.lix <= 35.0);
    /* 60 years old: serviceloven § 83 a */
    assert_int_equal(letter_build(&a, &g, &young, NULL, D(2026, 12, 7), &l), 0);
    text = letter_text(&a, &l);
    assert_non_null(strstr(text, "Vi har truffet afgørelsen efter serviceloven § 83 a."));
    assert_null(strstr(text, "ældreloven"));
    assert_true(l.lix <= 35.0);
    /* the same 60-year-old, assessed as having the same need as the elderly */
    const struct law_table *t = shipped(&a);
    struct letter_law law;
    letter_law_for(t, g.kind, D(1966, 3, 2), D(2026, 12, 7), LAW_ASSESS_ELDER, &law);
    assert_int_equal(letter_build_cited(&a, &g, &young, NULL, D(2026, 12, 7), &law, &l), 0);
    assert_non_null(strstr(letter_text(&a, &l), "efter ældreloven § 9."));
    /* helhedspleje and itemised help */
    g.kind = GRANT_HELHEDSPLEJE;
    g.weekly_minutes = 300;
    assert_int_equal(letter_build(&a, &g, &old, NULL, D(2026, 12, 7), &l), 0);
    assert_non_null(strstr(letter_text(&a, &l), "efter ældreloven § 10."));
    g.kind = GRANT_SERVICES;
    assert_int_equal(letter_build(&a, &g, &young, NULL, D(2026, 12, 7), &l), 0);
    assert_non_null(strstr(letter_text(&a, &l), "efter serviceloven § 83."));
    /* a decision before 1 July 2025 for the 87-year-old */
    g.kind = GRANT_REHABILITATION;
    assert_int_equal(letter_build(&a, &g, &old, NULL, D(2025, 6, 2), &l), 0);
    assert_non_null(strstr(letter_text(&a, &l), "efter serviceloven § 83 a."));
    /* no bases given: no citation, and nothing invented */
    assert_int_equal(letter_build_cited(&a, &g, &old, NULL, D(2026, 12, 7), NULL, &l), 0);
    assert_null(strstr(letter_text(&a, &l), "efter "));
    assert_int_equal(grant_law_topic(GRANT_REFUSAL), LAW_TOPIC_HELP);
    arena_release(&a);
}

static void invitation_cites_the_law(void **state)
{
    struct arena a = ARENA_INIT;
    struct prevention_settings s;
    struct letter l;
    prevention_defaults(&s);
    assert_int_equal(
        prevention_letter_build(&a, &s, "Inger", "Holm", D(2026, 12, 14), 600, NULL, &l), 0);
    assert_non_null(strstr(letter_text(&a, &l), "Vi tilbyder besøget efter ældreloven § 6."));
    assert_true(l.lix <= 35.0);
    assert_int_equal(
        prevention_letter_build(&a, &s, "Inger", "Holm", D(2025, 5, 12), 600, NULL, &l), 0);
    assert_non_null(strstr(letter_text(&a, &l), "efter serviceloven § 79 a."));
    assert_int_equal(prevention_letter_build_cited(&a, &s, "Inger", "Holm", D(2026, 12, 14), 600,
                                                   NULL, NULL, &l),
                     0);
    assert_null(strstr(letter_text(&a, &l), "Vi tilbyder besøget efter"));
    arena_release(&a);
}

/* A small table with a (made-up) amendment on 1 July 2027 that moves
 * helhedspleje from § 10 to § 10 a: the date picks the version. */
static const char amended[] =
    "format: omsorg-law/1\n"
    "laws:\n"
    "  - {id: aeldreloven, name: ældreloven, title: Ældrelov, citation: LOV nr. 1651,\n"
    "     url: https://www.retsinformation.dk/eli/lta/2024/1651}\n"
    "bases:\n"
    "  - {id: a, topic: helhedspleje, law: aeldreloven, paragraph: § 10, title: Helhedspleje,\n"
    "     target: elder, from: 2025-07-01, to: 2027-06-30, source: https://example.org/a,\n"
    "     read_on: 2026-12-07, verified: false}\n"
    "  - {id: b, topic: helhedspleje, law: aeldreloven, paragraph: § 10 a, title: Helhedspleje,\n"
    "     target: elder, from: 2027-07-01, source: https://example.org/b, read_on: 2026-12-07,\n"
    "     verified: false}\n"
    "pension_age:\n"
    "  - {born_to: 1959-12-31, years: 67}\n"
    "  - {born_from: 1960-01-01, years: 68}\n";

static void a_law_version_change_by_date(void **state)
{
    struct arena a = ARENA_INIT;
    struct data_errors e = {0};
    struct law_table t;
    assert_int_equal(law_load(&a, amended, strlen(amended), &t, &e), 0);
    assert_string_equal(cite(&a, &t, LAW_TOPIC_HELHEDSPLEJE, LAW_GROUP_ELDER, D(2027, 6, 30)),
                        "ældreloven § 10");
    assert_string_equal(cite(&a, &t, LAW_TOPIC_HELHEDSPLEJE, LAW_GROUP_ELDER, D(2027, 7, 1)),
                        "ældreloven § 10 a");
    assert_null(law_basis_for(&t, LAW_TOPIC_HELHEDSPLEJE, LAW_GROUP_NOT_ELDER, D(2027, 7, 1)));
    /* the letter on each side of the change */
    struct grant g = rehab();
    g.kind = GRANT_HELHEDSPLEJE;
    g.weekly_minutes = 200;
    struct citizen c = person("0203391234");
    struct letter_law law;
    struct letter l;
    letter_law_for(&t, g.kind, D(1939, 3, 2), D(2027, 6, 30), LAW_ASSESS_NONE, &law);
    assert_int_equal(letter_build_cited(&a, &g, &c, NULL, D(2027, 6, 30), &law, &l), 0);
    assert_non_null(strstr(letter_text(&a, &l), "efter ældreloven § 10."));
    letter_law_for(&t, g.kind, D(1939, 3, 2), D(2027, 7, 1), LAW_ASSESS_NONE, &law);
    assert_int_equal(letter_build_cited(&a, &g, &c, NULL, D(2027, 7, 1), &law, &l), 0);
    assert_non_null(strstr(letter_text(&a, &l), "efter ældreloven § 10 a."));
    assert_null(law.complaint); /* this table has none: the letter cites none */
    arena_release(&a);
}

static bool has_error(const struct data_errors *e, int line, const char *part)
{
    for (int i = 0; i < e->count; i++)
        if (e->e[i].line == line && strstr(e->e[i].message, part))
            return true;
    return false;
}

static void broken_law_file_names_lines(void **state)
{
    static const char bad[] =
        "format: omsorg-law/1\n"                                                       /* 1 */
        "laws:\n"                                                                      /* 2 */
        "  - {id: svl, name: serviceloven, title: S, citation: C, url: http://x}\n"    /* 3 */
        "bases:\n"                                                                     /* 4 */
        "  - {id: a, topic: help, law: svl, paragraph: § 83, title: T, target: all,\n" /* 5 */
        "     from: 2020-01-01, source: https://x, read_on: 2026-12-07, verified: ja}\n"
        "  - {id: b, topic: help, law: svl, paragraph: § 84, title: T, target: elder,\n" /* 7 */
        "     from: 2024-01-01, source: https://x, read_on: 2026-12-07, verified: nej}\n"
        "  - {id: b, topic: cake, law: nope, paragraph: 12, title: T, target: kids,\n" /* 9 */
        "     from: 2024-13-01, source: https://x, read_on: 2026-12-07, verified: måske}\n"
        "pension_age:\n"                            /* 11 */
        "  - {born_to: 1959-12-31, years: 67}\n"    /* 12 */
        "  - {born_from: 1960-02-01, years: 68}\n"; /* 13 */
    struct arena a = ARENA_INIT;
    struct data_errors e = {0};
    struct law_table t;
    assert_int_equal(law_load(&a, bad, strlen(bad), &t, &e), -1);
    assert_int_equal(t.nbases, 0);
    assert_true(has_error(&e, 3, "skal begynde med https://"));
    assert_true(has_error(&e, 7, "samme emne og målgruppe på samme dage som «a» (linje 5)"));
    assert_true(has_error(&e, 9, "Id'et «b» står også på linje 7"));
    assert_true(has_error(&e, 9, "ikke «cake»"));
    assert_true(has_error(&e, 9, "Loven «nope»"));
    assert_true(has_error(&e, 9, "skal begynde med §"));
    assert_true(has_error(&e, 9, "ikke «kids»"));
    assert_true(has_error(&e, 10, "ikke «2024-13-01»"));
    assert_true(has_error(&e, 10, "ikke «måske»"));
    assert_true(has_error(&e, 13, "dagen efter «born_to» på linje 12"));
    arena_release(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(shipped_data_loads),
        cmocka_unit_test(pension_age),
        cmocka_unit_test(group_by_age_or_assessment),
        cmocka_unit_test(bases_over_and_under_pension_age),
        cmocka_unit_test(the_aeldrelov_from_1_july_2025),
        cmocka_unit_test(letters_cite_the_right_law),
        cmocka_unit_test(invitation_cites_the_law),
        cmocka_unit_test(a_law_version_change_by_date),
        cmocka_unit_test(broken_law_file_names_lines),
    };
    return cmocka_run_group_tests_name("core/law", tests, NULL, NULL);
}
