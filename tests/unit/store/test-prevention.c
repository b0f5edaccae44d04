/* Unit tests for store-prevention.c: the settings row with its version,
 * what the rules learn about citizens (birth date from the CPR, help from
 * grants in force, the risk marker), visits per citizen and year, and the
 * demo data. */
#include "testutil.h"

#include "core/grant.h"

/* A grant with one service of a skill, moved to `status`. */
static long add_grant(struct fixture *f, long citizen, const char *skill, enum grant_status status)
{
    struct grant g = {.citizen_id = citizen,
                      .kind = GRANT_SERVICES,
                      .requested = "Hjælp",
                      .reason = "Behov",
                      .goals = "",
                      .start = {2026, 1, 5}};
    g.services[0] = (struct grant_service){.code = "",
                                           .label = "Hjælp",
                                           .weekdays = 1,
                                           .anchor = ANCHOR_GET_UP,
                                           .at = MINUTE_NONE,
                                           .flex = 30,
                                           .duration = 30,
                                           .skill = skill,
                                           .carers = 1};
    g.service_count = 1;
    long id;
    assert_int_equal(store_grant_create(f->s, &g, f->visitator, &id), STORE_OK);
    if (status != GS_DRAFT)
        assert_int_equal(store_grant_set_status(f->s, id, GS_DRAFT, status, f->visitator, ""),
                         STORE_OK);
    return id;
}

/* The candidate of one citizen. */
static struct pv_candidate candidate(struct fixture *f, long id)
{
    struct pv_candidate *c;
    int n;
    assert_int_equal(
        store_prevention_candidates(f->s, &f->a, (struct date){2026, 11, 23}, id, &c, &n),
        STORE_OK);
    assert_int_equal(n, 1);
    return c[0];
}

static void settings_round_trip(void **state)
{
    struct fixture *f = *state;
    struct prevention_settings s;
    assert_int_equal(store_prevention_settings_get(f->s, &f->a, &s), STORE_OK);
    assert_int_equal(s.version, 1);
    assert_int_equal(s.lives_alone_age, 70);
    assert_int_equal(s.age_count, 2);
    assert_int_equal(s.ages[1], 80);
    assert_int_equal(s.every_year_from, 82);
    assert_true(s.exclude_full_help);
    assert_int_equal(s.mode, PV_CALENDAR_YEAR);
    s.mode = PV_BIRTHDAY_YEAR;
    s.ages[0] = 78;
    s.exclude_full_help = false;
    assert_int_equal(store_prevention_settings_set(f->s, &s, f->visitator), STORE_OK);
    assert_int_equal(store_prevention_settings_set(f->s, &s, f->visitator), STORE_CONFLICT);
    assert_int_equal(store_prevention_settings_get(f->s, &f->a, &s), STORE_OK);
    assert_int_equal(s.version, 2);
    assert_int_equal(s.mode, PV_BIRTHDAY_YEAR);
    assert_int_equal(s.ages[0], 78);
    assert_false(s.exclude_full_help);
    s.version = 0; /* no check */
    assert_int_equal(store_prevention_settings_set(f->s, &s, 0), STORE_OK);
}

static void candidates_know_help_and_risk(void **state)
{
    struct fixture *f = *state;
    struct citizen c = test_citizen("1506511234", f->team_nord);
    long id;
    assert_int_equal(store_citizen_create(f->s, &c, &id), STORE_OK);
    struct pv_candidate k = candidate(f, id);
    assert_int_equal(k.person.birth.year, 1951);
    assert_int_equal(k.person.birth.month, 6);
    assert_false(k.person.personal_help || k.person.practical_help || k.person.at_risk);
    add_grant(f, id, "praktisk-hjaelp", GS_DRAFT); /* a draft gives no help */
    add_grant(f, id, "personlig-pleje", GS_SENT);
    k = candidate(f, id);
    assert_true(k.person.personal_help);
    assert_false(k.person.practical_help);
    add_grant(f, id, "praktisk-hjaelp", GS_DECIDED);
    k = candidate(f, id);
    assert_true(k.person.personal_help && k.person.practical_help);
    assert_int_equal(store_risk_set(f->s, id, "Mistede sin mand i foråret.",
                                    (struct date){2026, 4, 2}, f->visitator),
                     STORE_OK);
    k = candidate(f, id);
    assert_true(k.person.at_risk);
    assert_string_equal(k.risk_reason, "Mistede sin mand i foråret.");
    assert_int_equal(k.person.risk_since.month, 4);
    assert_int_equal(store_risk_set(f->s, id, "Ny grund.", (struct date){2026, 5, 2}, 0), STORE_OK);
    assert_string_equal(candidate(f, id).risk_reason, "Ny grund.");
    assert_int_equal(store_risk_clear(f->s, id), STORE_OK);
    assert_int_equal(store_risk_clear(f->s, id), STORE_NOT_FOUND);
    assert_false(candidate(f, id).person.at_risk);
    struct pv_candidate *all;
    int n;
    assert_int_equal(
        store_prevention_candidates(f->s, &f->a, (struct date){2026, 1, 1}, 99999, &all, &n),
        STORE_NOT_FOUND);
}

static void visits_per_year(void **state)
{
    struct fixture *f = *state;
    struct citizen c = test_citizen("1506511234", f->team_nord);
    long id;
    assert_int_equal(store_citizen_create(f->s, &c, &id), STORE_OK);
    struct pv_visit v = {.citizen_id = id,
                         .year = 2026,
                         .status = PV_INVITED,
                         .rule = PV_RULE_AGE,
                         .proposed = {2026, 12, 14},
                         .proposed_at = 600,
                         .booked_at = MINUTE_NONE,
                         .referral = "",
                         .note = ""},
                    got;
    assert_int_equal(store_prevention_visit_get(f->s, &f->a, id, 2026, &got), STORE_NOT_FOUND);
    assert_int_equal(store_prevention_visit_save(f->s, &v, f->visitator), STORE_OK);
    assert_int_equal(store_prevention_visit_save(f->s, &v, f->visitator), STORE_CONFLICT);
    assert_int_equal(store_prevention_visit_get(f->s, &f->a, id, 2026, &got), STORE_OK);
    assert_int_equal(got.status, PV_INVITED);
    assert_int_equal(got.rule, PV_RULE_AGE);
    assert_int_equal(got.proposed.day, 14);
    assert_int_equal(got.proposed_at, 600);
    assert_int_equal(got.booked_at, MINUTE_NONE);
    assert_int_equal(got.version, 1);
    got.status = PV_BOOKED;
    got.booked = got.proposed;
    got.booked_at = 630;
    got.staff_id = f->visitator;
    assert_int_equal(store_prevention_visit_save(f->s, &got, f->visitator), STORE_OK);
    assert_int_equal(store_prevention_visit_save(f->s, &got, f->visitator), STORE_CONFLICT);
    struct pv_visit *list;
    int n;
    assert_int_equal(store_prevention_visits(f->s, &f->a, 2026, &list, &n), STORE_OK);
    assert_int_equal(n, 1);
    assert_int_equal(list[0].status, PV_BOOKED);
    assert_string_equal(list[0].staff_name, "Vivi");
    assert_int_equal(list[0].version, 2);
    assert_int_equal(store_prevention_visits(f->s, &f->a, 2027, &list, &n), STORE_OK);
    assert_int_equal(n, 0);
    v.year = 2027; /* another year is another visit */
    assert_int_equal(store_prevention_visit_save(f->s, &v, 0), STORE_OK);
    v.citizen_id = 99999;
    assert_int_equal(store_prevention_visit_save(f->s, &v, 0), STORE_INVALID);
}

static void demo_data(void **state)
{
    struct fixture *f = *state;
    char cpr[11] = "1506001000";
    for (int i = 0; i < 40; i++) {
        int yy = 40 + i % 22; /* born 1940–1961 */
        cpr[4] = (char)('0' + yy / 10);
        cpr[5] = (char)('0' + yy % 10);
        cpr[8] = (char)('0' + i / 10);
        cpr[9] = (char)('0' + i % 10);
        struct citizen c = test_citizen(cpr, f->team_nord);
        c.lives_alone = i % 2;
        assert_int_equal(store_citizen_create(f->s, &c, NULL), STORE_OK);
    }
    assert_int_equal(store_begin(f->s), STORE_OK);
    assert_int_equal(store_prevention_demo(f->s, (struct date){2026, 11, 23}), STORE_OK);
    assert_int_equal(store_commit(f->s), STORE_OK);
    struct pv_visit *list;
    int n;
    assert_int_equal(store_prevention_visits(f->s, &f->a, 2026, &list, &n), STORE_OK);
    assert_true(n > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(settings_round_trip, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(candidates_know_help_and_risk, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(visits_per_year, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(demo_data, fixture_setup, fixture_teardown),
    };
    return cmocka_run_group_tests_name("store/prevention", tests, NULL, NULL);
}
