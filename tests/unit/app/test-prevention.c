/* Unit tests for app/prevention.c: who may see the list and move a visit
 * (each role), the year and the steps' validation and states, who may make
 * the visit, the særlig-risiko marker, the rules, the audit rows, and
 * nothing half-written when a step fails. */
#include "app-test.h"

#include "app/prevention.h"

#define T(fn) cmocka_unit_test_setup_teardown(fn, rig_setup, rig_teardown)

/* A citizen of team nord who turns `age` this year (born 14 May). */
static long citizen_aged(struct rig *g, int age, const char *cpr_tail)
{
    char cpr[11];
    long id;
    snprintf(cpr, sizeof cpr, "1405%02d%s", (date_today().year - age) % 100, cpr_tail);
    struct citizen c = test_citizen(cpr, g->f->team_nord);
    assert_int_equal(store_citizen_create(g->f->s, &c, &id), STORE_OK);
    return id;
}

/* An invitation three weeks ahead at 10:00. */
static struct pv_step_input invitation(void)
{
    return (struct pv_step_input){.date = date_add_days(date_today(), 21), .at = 600};
}

static long list_rows(struct rig *g)
{
    return sql_long(g, "SELECT count(*) FROM audit WHERE action = 'prevention_list'");
}

static void the_list_is_for_visitators_and_planners(void **state)
{
    struct rig *g = *state;
    long c75 = citizen_aged(g, 75, "1234"), c73 = citizen_aged(g, 73, "1236");
    struct pv_filter all = {.status = -1};
    struct pv_list list;
    const struct actor *refused[] = {&g->carer, &g->nurse, &g->admin, &g->manager};
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
        assert_int_equal(app_prevention_list(as(g, refused[i]), 0, &all, &list), APP_FORBIDDEN);
    assert_int_equal(app_prevention_list(as(g, &g->visitator), 1999, &all, &list), APP_INVALID);
    assert_non_null(validation_for(&g->app.errors, "year"));
    assert_int_equal(list_rows(g), 0);
    assert_int_equal(app_prevention_list(as(g, &g->planner), 0, &all, &list), APP_OK);
    assert_int_equal(list.year, date_today().year);
    assert_int_equal(list.count, 1); /* turns 75; 73 is no age of the rules */
    assert_int_equal(list.entries[0].c->citizen_id, c75);
    assert_int_equal(list.by_status[PV_NOT_INVITED], 1);
    assert_int_equal(list_rows(g), 1); /* one row for the list, none per citizen */
    assert_int_equal(audit_count(g, c75, "read", NULL), 0);
    struct pv_filter invited = {.status = PV_INVITED};
    assert_int_equal(app_prevention_list(as(g, &g->visitator), 0, &invited, &list), APP_OK);
    assert_int_equal(list.count, 1);
    assert_int_equal(list.shown_count, 0);
    struct pv_citizen x;
    assert_int_equal(app_prevention_get(as(g, &g->visitator), c73, 0, &x), APP_OK);
    assert_false(x.listed);
    assert_int_equal(audit_count(g, c73, "read", "prevention_list"), 1);
    assert_int_equal(app_prevention_get(as(g, &g->carer), c73, 0, &x), APP_FORBIDDEN);
    assert_int_equal(app_prevention_get(as(g, &g->visitator), 99999, 0, &x), APP_NOT_FOUND);
}

static void the_steps_follow_the_visits_states(void **state)
{
    struct rig *g = *state;
    long c75 = citizen_aged(g, 75, "1234"), c73 = citizen_aged(g, 73, "1236");
    struct pv_step_input in = invitation();
    assert_int_equal(app_prevention_step(as(g, &g->carer), c75, PV_STEP_INVITE, &in),
                     APP_FORBIDDEN);
    assert_int_equal(app_prevention_step(as(g, &g->visitator), c73, PV_STEP_INVITE, &in),
                     APP_INVALID);
    assert_string_equal(g->app.code, "not_eligible");
    /* a bad time, and a care worker (who makes no preventive visits) */
    in = (struct pv_step_input){.date = {2020, 1, 1}, .at = 22 * 60, .staff_id = g->carer.user_id};
    assert_int_equal(app_prevention_step(as(g, &g->visitator), c75, PV_STEP_INVITE, &in),
                     APP_INVALID);
    assert_non_null(validation_for(&g->app.errors, "date"));
    assert_non_null(validation_for(&g->app.errors, "time"));
    assert_non_null(validation_for(&g->app.errors, "staff_id"));
    assert_int_equal(sql_long(g, "SELECT count(*) FROM preventive_visit"), 0);
    assert_int_equal(audit_count(g, c75, "prevention", NULL), 0);
    in = invitation();
    assert_int_equal(app_prevention_step(as(g, &g->visitator), c75, PV_STEP_INVITE, &in), APP_OK);
    char detail[32];
    snprintf(detail, sizeof detail, "invited %d", date_today().year);
    assert_int_equal(audit_count(g, c75, "prevention", detail), 1);
    /* held before it is accepted or booked: not allowed */
    struct pv_step_input held = {.outcome = PV_OUT_HELD};
    assert_int_equal(app_prevention_step(as(g, &g->planner), c75, PV_STEP_OUTCOME, &held),
                     APP_CONFLICT);
    assert_string_equal(g->app.code, "bad_transition");
    /* booking needs someone who may make the visit */
    in = invitation();
    assert_int_equal(app_prevention_step(as(g, &g->planner), c75, PV_STEP_BOOK, &in), APP_INVALID);
    assert_non_null(validation_for(&g->app.errors, "staff_id"));
    in.staff_id = g->nurse.user_id;
    assert_int_equal(app_prevention_step(as(g, &g->planner), c75, PV_STEP_BOOK, &in), APP_OK);
    struct pv_citizen x;
    assert_int_equal(app_prevention_get(as(g, &g->planner), c75, 0, &x), APP_OK);
    assert_int_equal(pv_entry_status(&x.entry), PV_BOOKED);
    assert_string_equal(x.entry.visit->staff_name, "sygeplejerske");
    for (int i = 0; i < x.staff_count; i++) /* the page offers only those who may */
        assert_true(staff_assignable(&x.staff[i], STAFF_PREVENTIVE));
    assert_true(x.staff_count >= 3); /* the visitator and the two nurses */
    /* a stale version is refused; a referral needs to say what */
    struct pv_step_input out = {.outcome = PV_OUT_REFERRAL, .referral = "", .version = 1};
    assert_int_equal(app_prevention_step(as(g, &g->visitator), c75, PV_STEP_OUTCOME, &out),
                     APP_CONFLICT);
    assert_string_equal(g->app.code, "conflict");
    out.version = 0;
    assert_int_equal(app_prevention_step(as(g, &g->visitator), c75, PV_STEP_OUTCOME, &out),
                     APP_INVALID);
    assert_non_null(validation_for(&g->app.errors, "referral"));
    out.referral = "Træningshold";
    assert_int_equal(app_prevention_step(as(g, &g->visitator), c75, PV_STEP_OUTCOME, &out), APP_OK);
    assert_int_equal(app_prevention_get(as(g, &g->planner), c75, 0, &x), APP_OK);
    assert_int_equal(pv_entry_status(&x.entry), PV_REFERRED);
    in = invitation();
    assert_int_equal(app_prevention_step(as(g, &g->visitator), c75, PV_STEP_INVITE, &in),
                     APP_CONFLICT);
}

static void a_failed_step_leaves_the_visit_as_it_was(void **state)
{
    struct rig *g = *state;
    long c75 = citizen_aged(g, 75, "1234");
    char detail[32];
    snprintf(detail, sizeof detail, "invited %d", date_today().year);
    audit_fails_for(g, detail);
    struct pv_step_input in = invitation();
    assert_int_equal(app_prevention_step(as(g, &g->visitator), c75, PV_STEP_INVITE, &in),
                     APP_ERROR);
    assert_int_equal(sql_long(g, "SELECT count(*) FROM preventive_visit"), 0);
    sql_exec(g, "DROP TRIGGER test_audit_fails");
    assert_int_equal(app_prevention_step(as(g, &g->visitator), c75, PV_STEP_INVITE, &in), APP_OK);
    assert_int_equal(sql_long(g, "SELECT count(*) FROM preventive_visit"), 1);
}

static void the_risk_marker_puts_a_citizen_on_the_list(void **state)
{
    struct rig *g = *state;
    long c68 = citizen_aged(g, 68, "1234");
    struct date since;
    struct pv_citizen x;
    assert_int_equal(app_prevention_risk_set(as(g, &g->visitator), c68, "", "2999-01-01", &since),
                     APP_INVALID);
    assert_non_null(validation_for(&g->app.errors, "reason"));
    assert_non_null(validation_for(&g->app.errors, "since"));
    assert_int_equal(
        app_prevention_risk_set(as(g, &g->carer), c68, "Mistede sin mand.", "2026-01-01", &since),
        APP_FORBIDDEN);
    char day[11];
    date_format(date_add_days(date_today(), -10), day);
    assert_int_equal(
        app_prevention_risk_set(as(g, &g->visitator), c68, "Mistede sin mand.", day, &since),
        APP_OK);
    assert_int_equal(audit_count(g, c68, "prevention", "risk marked"), 1);
    assert_int_equal(app_prevention_get(as(g, &g->visitator), c68, 0, &x), APP_OK);
    assert_true(x.listed);
    assert_int_equal(x.entry.d.rule, PV_RULE_RISK);
    assert_int_equal(app_prevention_risk_clear(as(g, &g->planner), c68), APP_OK);
    assert_int_equal(audit_count(g, c68, "prevention", "risk cleared"), 1);
    assert_int_equal(app_prevention_risk_clear(as(g, &g->planner), c68), APP_NOT_FOUND);
    assert_string_equal(g->app.code, "no_marker");
    assert_int_equal(audit_count(g, c68, "prevention", "risk cleared"), 1);
}

static void the_rules_are_read_widely_and_changed_by_the_administrator(void **state)
{
    struct rig *g = *state;
    struct prevention_settings s;
    assert_int_equal(app_prevention_settings(as(g, &g->carer), &s), APP_FORBIDDEN);
    assert_int_equal(app_prevention_settings(as(g, &g->planner), &s), APP_OK);
    assert_int_equal(app_prevention_settings(as(g, &g->admin), &s), APP_OK);
    long version = s.version;
    s.ages[s.age_count++] = 73;
    assert_int_equal(app_prevention_settings_save(as(g, &g->visitator), &s), APP_FORBIDDEN);
    s.risk_to = s.risk_from - 1;
    assert_int_equal(app_prevention_settings_save(as(g, &g->admin), &s), APP_INVALID);
    assert_non_null(validation_for(&g->app.errors, "risk_to"));
    s.risk_to = 81;
    s.version = version + 5;
    assert_int_equal(app_prevention_settings_save(as(g, &g->admin), &s), APP_CONFLICT);
    s.version = version;
    assert_int_equal(app_prevention_settings_save(as(g, &g->admin), &s), APP_OK);
    assert_int_equal(s.version, version + 1);
    assert_int_equal(s.age_count, 3);
    assert_int_equal(sql_long(g, "SELECT count(*) FROM audit WHERE action = 'prevention_settings'"),
                     1);
    /* the list follows the rules: someone turning 73 is on it now */
    long c73 = citizen_aged(g, 73, "1236");
    struct pv_citizen x;
    assert_int_equal(app_prevention_get(as(g, &g->visitator), c73, 0, &x), APP_OK);
    assert_true(x.listed);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(the_list_is_for_visitators_and_planners),
        T(the_steps_follow_the_visits_states),
        T(a_failed_step_leaves_the_visit_as_it_was),
        T(the_risk_marker_puts_a_citizen_on_the_list),
        T(the_rules_are_read_widely_and_changed_by_the_administrator),
    };
    return cmocka_run_group_tests_name("app/prevention", tests, NULL, NULL);
}
