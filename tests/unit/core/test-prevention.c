/* Unit tests for core/prevention.c: the preventive-home-visit eligibility
 * table (every default rule, exclusions, 29 February, the year boundary,
 * birthday-year mode), settings, the visit's states and the letter. */
#include "testutil.h"

#include "core/prevention.h"

/* A person born on y-m-d, living with someone, no marker, no help. */
static struct pv_person born(int y, int m, int d)
{
    return (struct pv_person){.birth = {y, m, d}};
}

/* The rule bits for p in year with the default settings. */
static unsigned rules_default(const struct pv_person *p, int year)
{
    struct prevention_settings s;
    struct pv_decision d;
    prevention_defaults(&s);
    prevention_eligible(&s, p, year, &d);
    return d.rules;
}

static void assert_date(struct date d, int y, int m, int day)
{
    assert_int_equal(d.year, y);
    assert_int_equal(d.month, m);
    assert_int_equal(d.day, day);
}

/* One row per case of the default table, 2026 list. */
static void default_table(void **state)
{
    static const struct {
        int birth_year;
        bool alone, risk;
        unsigned rules;
    } rows[] = {
        {1956, true, false, PV_RULE_ALONE},               /* alone, turns 70 */
        {1956, false, false, 0},                          /* not alone, 70 */
        {1957, true, false, 0},                           /* alone, 69 */
        {1955, true, false, 0},                           /* alone, 71 */
        {1951, false, false, PV_RULE_AGE},                /* 75 */
        {1946, false, false, PV_RULE_AGE},                /* 80 */
        {1952, false, false, 0},                          /* 74 */
        {1950, false, false, 0},                          /* 76 */
        {1945, false, false, 0},                          /* 81 */
        {1944, false, false, PV_RULE_EVERY_YEAR},         /* 82 */
        {1926, true, false, PV_RULE_EVERY_YEAR},          /* 100 */
        {1961, false, true, PV_RULE_RISK},                /* 65 at risk */
        {1945, false, true, PV_RULE_RISK},                /* 81 at risk */
        {1962, false, true, 0},                           /* 64 at risk */
        {1944, false, true, PV_RULE_EVERY_YEAR},          /* 82 at risk: the yearly rule */
        {1956, true, true, PV_RULE_ALONE | PV_RULE_RISK}, /* both */
        {1951, false, true, PV_RULE_AGE | PV_RULE_RISK},  /* 75 at risk */
        {1966, true, false, 0},                           /* 60 */
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct pv_person p = born(rows[i].birth_year, 6, 15);
        p.lives_alone = rows[i].alone;
        p.at_risk = rows[i].risk;
        if (p.at_risk)
            p.risk_since = (struct date){2026, 3, 1};
        if (rules_default(&p, 2026) != rows[i].rules)
            fail_msg("row %zu: born %d alone=%d risk=%d: rules %u, want %u", i, rows[i].birth_year,
                     rows[i].alone, rows[i].risk, rules_default(&p, 2026), rows[i].rules);
    }
}

/* The rule shown first, the age and the Danish reason. */
static void primary_rule_and_reason(void **state)
{
    struct prevention_settings s;
    struct pv_decision d;
    struct arena a = ARENA_INIT;
    prevention_defaults(&s);
    struct pv_person p = born(1956, 6, 15);
    p.lives_alone = true;
    p.at_risk = true;
    p.risk_since = (struct date){2026, 1, 10};
    assert_true(prevention_eligible(&s, &p, 2026, &d));
    assert_int_equal(d.rule, PV_RULE_ALONE);
    assert_int_equal(d.age, 70);
    assert_string_equal(pv_rule_text(&a, d.rule, d.age), "Bor alene og fylder 70 år");
    assert_string_equal(pv_rule_code(d.rule), "lives_alone");
    assert_int_equal(pv_rule_parse("risk"), PV_RULE_RISK);
    assert_int_equal(pv_rule_parse("nonsense"), -1);
    p = born(1930, 2, 2);
    assert_true(prevention_eligible(&s, &p, 2026, &d));
    assert_int_equal(d.rule, PV_RULE_EVERY_YEAR);
    assert_string_equal(pv_rule_text(&a, d.rule, d.age), "Fylder 96 år (tilbud hvert år)");
    /* no birth date (a CPR that did not parse): never on the list */
    p = (struct pv_person){0};
    assert_false(prevention_eligible(&s, &p, 2026, &d));
    arena_release(&a);
}

/* Særlig risiko needs a dated marker not after the period. */
static void risk_marker_dates(void **state)
{
    struct prevention_settings s;
    struct pv_decision d;
    prevention_defaults(&s);
    struct pv_person p = born(1958, 5, 5); /* 68 in 2026 */
    p.at_risk = true;
    assert_false(prevention_eligible(&s, &p, 2026, &d)); /* no date */
    p.risk_since = (struct date){2027, 1, 2};
    assert_false(prevention_eligible(&s, &p, 2026, &d)); /* marked after the year */
    assert_true(prevention_eligible(&s, &p, 2027, &d));  /* the next year it counts */
    p.risk_since = (struct date){2026, 12, 31};
    assert_true(prevention_eligible(&s, &p, 2026, &d));
    assert_int_equal(d.rule, PV_RULE_RISK);
    s.risk_from = 0; /* rule off */
    assert_false(prevention_eligible(&s, &p, 2026, &d));
}

/* Both personal and practical help: left out when the setting says so. */
static void exclusion(void **state)
{
    struct prevention_settings s;
    struct pv_decision d;
    prevention_defaults(&s);
    struct pv_person p = born(1940, 8, 8); /* 86 */
    p.personal_help = true;
    assert_true(prevention_eligible(&s, &p, 2026, &d)); /* personal only */
    p.personal_help = false;
    p.practical_help = true;
    assert_true(prevention_eligible(&s, &p, 2026, &d)); /* practical only */
    p.personal_help = true;
    assert_false(prevention_eligible(&s, &p, 2026, &d)); /* both */
    assert_true(d.excluded);
    assert_int_equal(d.rule, PV_RULE_EVERY_YEAR); /* the reason is still known */
    s.exclude_full_help = false;
    assert_true(prevention_eligible(&s, &p, 2026, &d));
    assert_false(d.excluded);
    /* someone no rule matches is not "excluded" */
    s.exclude_full_help = true;
    p.birth = (struct date){1955, 8, 8};
    assert_false(prevention_eligible(&s, &p, 2026, &d));
    assert_false(d.excluded);
    assert_int_equal(d.rules, 0);
}

/* 31 December and 1 January birthdays fall in different years' lists. */
static void year_boundary(void **state)
{
    struct pv_person dec = born(1950, 12, 31), jan = born(1951, 1, 1);
    dec.lives_alone = jan.lives_alone = true;
    assert_int_equal(rules_default(&dec, 2025), PV_RULE_AGE); /* turns 75 in 2025 */
    assert_int_equal(rules_default(&dec, 2026), 0);
    assert_int_equal(rules_default(&jan, 2025), 0);
    assert_int_equal(rules_default(&jan, 2026), PV_RULE_AGE); /* turns 75 in 2026 */
    struct pv_person old = born(1944, 12, 31);                /* turns 82 on New Year's Eve 2026 */
    assert_int_equal(rules_default(&old, 2025), 0);
    assert_int_equal(rules_default(&old, 2026), PV_RULE_EVERY_YEAR);
    assert_int_equal(rules_default(&old, 2027), PV_RULE_EVERY_YEAR);
}

/* 29 February: the birthday is 1 March in other years. */
static void leap_day_birthdays(void **state)
{
    struct prevention_settings s;
    struct pv_decision d;
    prevention_defaults(&s);
    struct pv_person p = born(1956, 2, 29);
    p.lives_alone = true;
    assert_true(prevention_eligible(&s, &p, 2026, &d));
    assert_int_equal(d.rule, PV_RULE_ALONE);
    assert_date(d.due_from, 2026, 1, 1);
    assert_date(d.due_to, 2026, 12, 31);
    s.mode = PV_BIRTHDAY_YEAR;
    assert_true(prevention_eligible(&s, &p, 2026, &d));
    assert_date(d.due_from, 2026, 3, 1); /* 2026 has no 29 February */
    assert_date(d.due_to, 2027, 2, 28);
    p = born(1948, 2, 29); /* turns 80 in 2028, a leap year */
    assert_true(prevention_eligible(&s, &p, 2028, &d));
    assert_int_equal(d.rule, PV_RULE_AGE);
    assert_date(d.due_from, 2028, 2, 29);
    assert_date(d.due_to, 2029, 2, 28);
    p = born(1945, 2, 29); /* 82 in 2027: the period ends the day before 29.2.2028 */
    assert_true(prevention_eligible(&s, &p, 2027, &d));
    assert_date(d.due_from, 2027, 3, 1);
    assert_date(d.due_to, 2028, 2, 28);
    /* and from a CPR number: 290256-xxxx is 29 February 1956 */
    char cpr[11] = "2902561234";
    struct date b;
    assert_true(cpr_birth_date(cpr, &b));
    assert_date(b, 1956, 2, 29);
}

/* Birthday-year mode: the same people, a different window, and a marker
 * dated in the next calendar year counts while the birthday year runs. */
static void birthday_year_mode(void **state)
{
    struct prevention_settings s;
    struct pv_decision d;
    prevention_defaults(&s);
    s.mode = PV_BIRTHDAY_YEAR;
    struct pv_person p = born(1951, 10, 12);
    assert_true(prevention_eligible(&s, &p, 2026, &d));
    assert_int_equal(d.rule, PV_RULE_AGE);
    assert_date(d.due_from, 2026, 10, 12);
    assert_date(d.due_to, 2027, 10, 11);
    assert_false(prevention_eligible(&s, &p, 2027, &d)); /* 76: on no list */
    struct pv_person q = born(1956, 12, 31);
    q.lives_alone = true;
    assert_true(prevention_eligible(&s, &q, 2026, &d));
    assert_date(d.due_from, 2026, 12, 31);
    assert_date(d.due_to, 2027, 12, 30);
    struct pv_person r = born(1958, 9, 1); /* 68 in 2026 */
    r.at_risk = true;
    r.risk_since = (struct date){2027, 6, 1};
    assert_true(prevention_eligible(&s, &r, 2026, &d)); /* 1.9.2026 – 31.8.2027 */
    s.mode = PV_CALENDAR_YEAR;
    assert_false(prevention_eligible(&s, &r, 2026, &d));
    assert_string_equal(pv_year_mode_code(PV_BIRTHDAY_YEAR), "birthday");
    assert_int_equal(pv_year_mode_parse("calendar"), PV_CALENDAR_YEAR);
    assert_int_equal(pv_year_mode_parse("leap"), -1);
}

/* Changing the settings changes the table. */
static void configurable(void **state)
{
    struct prevention_settings s;
    struct pv_decision d;
    prevention_defaults(&s);
    struct pv_person p = born(1948, 4, 4); /* 78 in 2026 */
    assert_false(prevention_eligible(&s, &p, 2026, &d));
    assert_true(prevention_ages_parse("75, 78,80", &s));
    assert_int_equal(s.age_count, 3);
    assert_true(prevention_eligible(&s, &p, 2026, &d));
    p = born(1944, 4, 4); /* 82 */
    s.every_year_from = 85;
    assert_false(prevention_eligible(&s, &p, 2026, &d));
    s.every_year_from = 0;
    p = born(1926, 4, 4);
    assert_false(prevention_eligible(&s, &p, 2026, &d));
    p = born(1956, 4, 4);
    p.lives_alone = true;
    s.lives_alone_age = 0;
    assert_false(prevention_eligible(&s, &p, 2026, &d));
    s.lives_alone_age = 70;
    assert_true(prevention_eligible(&s, &p, 2026, &d));
}

/* Settings validation and the ages text. */
static void settings_checks(void **state)
{
    struct prevention_settings s;
    struct validation v = {0};
    struct arena a = ARENA_INIT;
    prevention_defaults(&s);
    prevention_settings_validate(&s, &v);
    assert_int_equal(v.count, 0);
    assert_string_equal(prevention_ages_text(&a, &s), "75,80");
    assert_false(prevention_ages_parse("75,75", &s));
    assert_false(prevention_ages_parse("75;80", &s));
    assert_false(prevention_ages_parse("abc", &s));
    assert_false(prevention_ages_parse("70,71,72,73,74,75,76", &s));
    assert_int_equal(s.age_count, 2); /* unchanged by a failed parse */
    assert_true(prevention_ages_parse("", &s));
    assert_int_equal(s.age_count, 0);
    s.lives_alone_age = 30;
    s.risk_from = 80;
    s.risk_to = 70;
    s.phone = "";
    s.mode = (enum pv_year_mode)7;
    prevention_settings_validate(&s, &v);
    assert_non_null(validation_for(&v, "lives_alone_age"));
    assert_non_null(validation_for(&v, "risk_to"));
    assert_non_null(validation_for(&v, "phone"));
    assert_non_null(validation_for(&v, "year_mode"));
    arena_release(&a);
}

/* The visit's states: what each outcome may follow. */
static void visit_states(void **state)
{
    assert_int_equal(pv_outcome_status(PV_INVITED, PV_OUT_ACCEPTED), PV_ACCEPTED);
    assert_int_equal(pv_outcome_status(PV_INVITED, PV_OUT_DECLINED), PV_DECLINED);
    assert_int_equal(pv_outcome_status(PV_INVITED, PV_OUT_HELD), PV_STATUS_COUNT);
    assert_int_equal(pv_outcome_status(PV_BOOKED, PV_OUT_HELD), PV_HELD);
    assert_int_equal(pv_outcome_status(PV_BOOKED, PV_OUT_REFERRAL), PV_REFERRED);
    assert_int_equal(pv_outcome_status(PV_HELD, PV_OUT_REFERRAL), PV_REFERRED);
    assert_int_equal(pv_outcome_status(PV_HELD, PV_OUT_DECLINED), PV_STATUS_COUNT);
    assert_int_equal(pv_outcome_status(PV_NOT_INVITED, PV_OUT_ACCEPTED), PV_STATUS_COUNT);
    assert_int_equal(pv_outcome_status(PV_DECLINED, PV_OUT_HELD), PV_STATUS_COUNT);
    assert_true(pv_can_invite(PV_NOT_INVITED));
    assert_true(pv_can_invite(PV_DECLINED));
    assert_false(pv_can_invite(PV_HELD));
    assert_true(pv_can_book(PV_ACCEPTED));
    assert_false(pv_can_book(PV_REFERRED));
    assert_int_equal(pv_status_parse("booked"), PV_BOOKED);
    assert_string_equal(pv_status_label(PV_NOT_INVITED), "Ikke inviteret");
    assert_int_equal(pv_outcome_parse("referral"), PV_OUT_REFERRAL);
    assert_int_equal(pv_outcome_parse("maybe"), -1);
    struct validation v = {0};
    struct date today = {2026, 11, 23};
    pv_time_validate((struct date){2026, 11, 22}, 600, today, "date", "time", &v);
    assert_non_null(validation_for(&v, "date"));
    memset(&v, 0, sizeof v);
    pv_time_validate((struct date){2026, 11, 23}, 22 * 60, today, "date", "time", &v);
    assert_null(validation_for(&v, "date"));
    assert_non_null(validation_for(&v, "time"));
    memset(&v, 0, sizeof v);
    pv_time_validate((struct date){0}, -2, today, "date", "time", &v);
    assert_int_equal(v.count, 2);
    assert_int_equal(pv_year_parse("2026"), 2026);
    assert_int_equal(pv_year_parse(""), 0);
    assert_int_equal(pv_year_parse(NULL), 0);
    assert_int_equal(pv_year_parse("1999"), -1);
    assert_int_equal(pv_year_parse("2101"), -1);
    assert_int_equal(pv_year_parse("tjuefem"), -1);
    assert_int_equal(pv_year_parse("02026"), -1);
}

/* The invitation reads easily and says what the citizen needs to know. */
static void letter_reads_easily(void **state)
{
    struct prevention_settings s;
    struct letter l;
    struct arena a = ARENA_INIT;
    prevention_defaults(&s);
    assert_int_equal(prevention_letter_build(&a, &s, "Inger", "Østergaard",
                                             (struct date){2026, 12, 14}, 10 * 60 + 30,
                                             "Vivi Visitator", &l),
                     0);
    const char *text = letter_text(&a, &l);
    assert_non_null(strstr(text, "Kære Inger Østergaard"));
    assert_non_null(strstr(text, "forebyggende hjemmebesøg"));
    assert_non_null(strstr(text, "frivilligt"));
    assert_non_null(strstr(text, "mandag den 14. december 2026 kl. 10.30"));
    assert_non_null(strstr(text, "Vivi Visitator"));
    assert_non_null(strstr(text, "44 52 70 00"));
    assert_non_null(strstr(text, "nej tak"));
    assert_true(l.lix > 0 && l.lix <= 35.0);
    assert_int_equal(prevention_letter_build(&a, &s, "Poul", "Holm", (struct date){2027, 1, 4},
                                             9 * 60, NULL, &l),
                     0);
    assert_null(strstr(letter_text(&a, &l), "der kommer."));
    assert_true(l.lix <= 35.0);
    /* the suggested date: Monday–Thursday, three weeks ahead or more */
    struct date d = prevention_suggest_date((struct date){2026, 11, 23});
    assert_date(d, 2026, 12, 14);
    d = prevention_suggest_date((struct date){2026, 11, 26}); /* Thursday + 21 = Thursday */
    assert_date(d, 2026, 12, 17);
    d = prevention_suggest_date((struct date){2026, 11, 27}); /* Friday + 21 → Monday */
    assert_date(d, 2026, 12, 21);
    arena_release(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(default_table),       cmocka_unit_test(primary_rule_and_reason),
        cmocka_unit_test(risk_marker_dates),   cmocka_unit_test(exclusion),
        cmocka_unit_test(year_boundary),       cmocka_unit_test(leap_day_birthdays),
        cmocka_unit_test(birthday_year_mode),  cmocka_unit_test(configurable),
        cmocka_unit_test(settings_checks),     cmocka_unit_test(visit_states),
        cmocka_unit_test(letter_reads_easily),
    };
    return cmocka_run_group_tests_name("core/prevention", tests, NULL, NULL);
}
