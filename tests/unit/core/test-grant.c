/* Unit tests for core/grant.c, core/date.c and core/letter.c: the status
 * machine, validation, demand from the daily rhythm, dates, LIX. */
#include "testutil.h"

#include <time.h>

#include "core/grant.h"
#include "core/letter.h"

static struct grant morning_care(void)
{
    struct grant g = {.id = 7, .citizen_id = 3, .kind = GRANT_SERVICES, .status = GS_SENT,
                      .requested = "Hjælp om morgenen.", .reason = "Du kan ikke selv komme i bad.",
                      .goals = "", .start = {2026, 11, 23}, .follow_up = {2027, 2, 1}};
    g.services[0] = (struct grant_service){.id = 11, .code = "H1.1", .label = "Hjælp til bad",
                                           .weekdays = 31, .anchor = ANCHOR_GET_UP,
                                           .at = MINUTE_NONE, .flex = 30, .duration = 30,
                                           .skill = "personlig-pleje", .carers = 1};
    g.service_count = 1;
    return g;
}

static void status_machine(void **state)
{
    assert_true(grant_transition_ok(GS_DRAFT, GS_DECIDED));
    assert_false(grant_transition_ok(GS_DRAFT, GS_SENT));
    assert_true(grant_transition_ok(GS_DECIDED, GS_SENT));
    assert_true(grant_transition_ok(GS_SENT, GS_APPEALED));
    assert_true(grant_transition_ok(GS_APPEALED, GS_CHANGED));
    assert_false(grant_transition_ok(GS_ENDED, GS_SENT));
    assert_false(grant_transition_ok(GS_SENT, GS_DRAFT));
    assert_true(grant_editable(GS_DRAFT));
    assert_false(grant_editable(GS_SENT));
    assert_true(grant_editable(GS_CHANGED));
}

static void validation_rules(void **state)
{
    struct date today = {2026, 11, 23};
    struct grant g = morning_care();
    struct validation v = {0};
    grant_validate(&g, today, &v);
    assert_int_equal(v.count, 0);
    g.kind = GRANT_REHABILITATION;
    grant_validate(&g, today, &v);
    assert_non_null(validation_for(&v, "end_date"));
    assert_non_null(validation_for(&v, "goals"));
    g.end = (struct date){2027, 6, 1}; /* > 16 weeks */
    memset(&v, 0, sizeof v);
    grant_validate(&g, today, &v);
    assert_string_equal(validation_for(&v, "end_date"),
                        "Et rehabiliteringsforløb varer højst 16 uger.");
    g = morning_care();
    g.kind = GRANT_HELHEDSPLEJE;
    g.weekly_minutes = 100; /* 5 × 30 = 150 > 100 */
    memset(&v, 0, sizeof v);
    grant_validate(&g, today, &v);
    assert_non_null(validation_for(&v, "weekly_minutes"));
    g = morning_care();
    g.services[0].duration = 2;
    g.services[0].weekdays = 0;
    g.services[0].skill = "svejsning";
    memset(&v, 0, sizeof v);
    grant_validate(&g, today, &v);
    assert_non_null(validation_for(&v, "services[0].duration"));
    assert_non_null(validation_for(&v, "services[0].weekdays"));
    assert_non_null(validation_for(&v, "services[0].skill"));
    g = morning_care();
    g.kind = GRANT_REFUSAL;
    memset(&v, 0, sizeof v);
    grant_validate(&g, today, &v);
    assert_non_null(validation_for(&v, "services")); /* a refusal gives no visits */
}

static void demand_follows_the_rhythm(void **state)
{
    struct grant g = morning_care();
    struct rhythm late = {8 * 60 + 30, 9 * 60, 12 * 60, 18 * 60, 23 * 60, ""};
    struct visit_demand d;
    struct date monday = {2026, 11, 30}, sunday = {2026, 11, 29};
    assert_true(demand_for_day(&g, &g.services[0], &late, monday, &d));
    assert_int_equal(d.window_start, 8 * 60);     /* 08:30 − 30 */
    assert_int_equal(d.window_end, 9 * 60);       /* 08:30 + 30 */
    assert_int_equal(d.duration, 30);
    assert_int_equal(d.service_id, 11);
    assert_false(demand_for_day(&g, &g.services[0], &late, sunday, &d)); /* weekdays only */
    late.get_up = 10 * 60; /* the citizen now sleeps longer: the window moves */
    assert_true(demand_for_day(&g, &g.services[0], &late, monday, &d));
    assert_int_equal(d.window_start, 9 * 60 + 30);
    struct rhythm unknown = {MINUTE_NONE, MINUTE_NONE, MINUTE_NONE, MINUTE_NONE, MINUTE_NONE, ""};
    assert_true(demand_for_day(&g, &g.services[0], &unknown, monday, &d));
    assert_int_equal(d.window_start, 7 * 60 + 30); /* default 08:00 */
    g.status = GS_DRAFT;
    assert_false(demand_for_day(&g, &g.services[0], &late, monday, &d)); /* not decided */
    g.status = GS_SENT;
    g.end = (struct date){2026, 11, 27};
    assert_false(demand_for_day(&g, &g.services[0], &late, monday, &d)); /* after the end */
}

static void dates(void **state)
{
    struct date d;
    char t[11], longform[64];
    assert_true(date_parse("2024-02-29", &d));
    assert_false(date_parse("2023-02-29", &d));
    assert_false(date_parse("2024-2-29", &d));
    assert_false(date_parse("2024-02-29x", &d));
    assert_int_equal(date_weekday((struct date){2026, 11, 23}), 1); /* a Monday */
    assert_int_equal(date_weekday((struct date){2000, 1, 1}), 6);   /* a Saturday */
    d = date_add_days((struct date){2024, 2, 28}, 1);
    date_format(d, t);
    assert_string_equal(t, "2024-02-29");
    d = date_add_days((struct date){2026, 12, 31}, 1);
    date_format(d, t);
    assert_string_equal(t, "2027-01-01");
    d = date_add_days((struct date){2026, 3, 1}, -1);
    assert_int_equal(d.day, 28);
    date_danish((struct date){2026, 12, 7}, longform, sizeof longform);
    assert_string_equal(longform, "mandag den 7. december 2026");
    assert_true(date_cmp((struct date){2026, 1, 2}, (struct date){2026, 1, 10}) < 0);
    char when[32];
    setenv("TZ", "Europe/Copenhagen", 1);
    tzset();
    datetime_local("2026-11-23T18:58:00Z", when, sizeof when);
    assert_string_equal(when, "23.11.2026 kl. 19.58"); /* CET, UTC+1 */
    datetime_local("2026-07-01T22:30:00Z", when, sizeof when);
    assert_string_equal(when, "02.07.2026 kl. 00.30"); /* CEST, UTC+2, the next day */
    datetime_local("i går", when, sizeof when);
    assert_string_equal(when, "i går");
}

static void lix_counts(void **state)
{
    /* 6 words, 2 sentences, 1 long word ("afgørelsen" has 10 letters) */
    double v = lix("Du får hjælp. Vi sender afgørelsen.");
    assert_true(v > 3.0 / 1 + 16.0 && v < 3.0 + 17.0);
    assert_true(lix("") == 0);
    /* long sentences of long words score high */
    assert_true(lix("Kommunalbestyrelsens serviceniveaubeskrivelser vedrørende personlig "
                    "pleje implementeres konsekvent") > 60);
}

static void letter_reads_easily(void **state)
{
    struct arena a = ARENA_INIT;
    struct grant g = morning_care();
    struct citizen c = test_citizen("0102451234", 1);
    struct letter l;
    g.requested = "Jeg vil gerne have hjælp til at komme i bad om morgenen.";
    g.reason = "Du har svært ved at stå længe. Derfor får du hjælp til bad.";
    assert_int_equal(letter_build(&a, &g, &c, "Sofie Nord", (struct date){2026, 11, 23}, &l), 0);
    assert_string_equal(l.title, "Afgørelse: Du får hjælp");
    const char *text = letter_text(&a, &l);
    assert_non_null(strstr(text, "Kære Inger Østergaard"));
    assert_non_null(strstr(text, "mandag den 21. december 2026")); /* complaint deadline: 4 weeks */
    assert_non_null(strstr(text, "Ankestyrelsen"));
    assert_non_null(strstr(text, "Din kontakt er Sofie Nord."));
    assert_true(l.lix <= 35.0);
    g.kind = GRANT_REHABILITATION;
    g.end = (struct date){2027, 1, 18};
    g.goals = "Jeg vil selv kunne komme i bad igen.";
    assert_int_equal(letter_build(&a, &g, &c, NULL, (struct date){2026, 11, 23}, &l), 0);
    assert_true(l.lix <= 35.0);
    /* born 1945, decided 2026: the Ældrelov's rehabilitation course, not serviceloven § 83 a */
    assert_non_null(strstr(letter_text(&a, &l), "efter ældreloven § 9."));
    assert_null(strstr(letter_text(&a, &l), "serviceloven"));
    g.kind = GRANT_REFUSAL;
    g.service_count = 0;
    assert_int_equal(letter_build(&a, &g, &c, NULL, (struct date){2026, 11, 23}, &l), 0);
    assert_string_equal(l.title, "Afgørelse: Du får ikke hjælp");
    assert_true(l.lix <= 35.0);
    arena_release(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(status_machine),   cmocka_unit_test(validation_rules),
        cmocka_unit_test(demand_follows_the_rhythm), cmocka_unit_test(dates),
        cmocka_unit_test(lix_counts),       cmocka_unit_test(letter_reads_easily),
    };
    return cmocka_run_group_tests_name("core/grant", tests, NULL, NULL);
}
