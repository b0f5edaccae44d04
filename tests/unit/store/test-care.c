/* Unit tests for store-care.c: visit documentation stored once per client
 * id and kept across a re-plan, observations and triage (proposal →
 * decision, append-only), the board, and the rules raising and closing
 * tasks idempotently. */
#include "testutil.h"

#include <sqlite3.h>
#include <time.h>

#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)

/* A citizen in team nord with a sent grant, and its visit planned today. */
static void visit_setup(struct fixture *f, long *citizen, struct plan_visit *v)
{
    struct citizen c = test_citizen("0102451234", f->team_nord);
    assert_int_equal(store_citizen_create(f->s, &c, citizen), STORE_OK);
    struct grant g = test_grant(*citizen);
    long gid;
    assert_int_equal(store_grant_create(f->s, &g, f->visitator, &gid), STORE_OK);
    struct grant got;
    assert_int_equal(store_grant_get(f->s, &f->a, gid, &got), STORE_OK);
    struct plan_visit p = {.service_id = got.services[0].id,
                           .citizen_id = *citizen,
                           .window_start = 480,
                           .window_end = 540,
                           .duration = 30,
                           .skill = "personlig-pleje",
                           .carers = 1,
                           .carer_ids = {f->carer_nord, 0},
                           .start = 500,
                           .reason = ""};
    assert_int_equal(store_plan_save(f->s, date_today(), f->team_nord, &p, 1), STORE_OK);
    struct plan_visit *day;
    int n;
    assert_int_equal(store_plan_day(f->s, &f->a, date_today(), f->team_nord, 0, &day, &n),
                     STORE_OK);
    assert_int_equal(n, 1);
    *v = day[0];
}

static void documentation_is_stored_once_and_survives_a_replan(void **state)
{
    struct fixture *f = *state;
    long citizen;
    struct plan_visit v;
    visit_setup(f, &citizen, &v);
    struct visit_doc d;
    assert_int_equal(store_visit_doc_get(f->s, &f->a, &v, &d), STORE_NOT_FOUND);
    assert_int_equal(store_visit_check(f->s, &v, f->carer_nord, false, "2026-11-23T07:58:00Z"),
                     STORE_OK);
    assert_int_equal(store_visit_check(f->s, &v, f->carer_nord, false, "2026-11-23T08:30:00Z"),
                     STORE_OK); /* the first check-in counts */
    bool fresh;
    assert_int_equal(store_submission_claim(f->s, "client-000001", f->carer_nord, citizen, &fresh),
                     STORE_OK);
    assert_true(fresh);
    assert_int_equal(store_submission_claim(f->s, "client-000001", f->carer_nord, citizen, &fresh),
                     STORE_OK);
    assert_false(fresh);
    struct visit_doc_input in = {
        .outcome = OUTCOME_NOT_DONE, .reason = NDR_NOT_HOME, .note = "Ingen lukkede op."};
    long doc;
    assert_int_equal(store_visit_document(f->s, &v, f->carer_nord, &in, &doc), STORE_OK);
    /* a re-plan replaces the plan rows; the documentation stays with (day, service) */
    assert_int_equal(store_plan_save(f->s, date_today(), f->team_nord, &v, 1), STORE_OK);
    assert_int_equal(store_visit_doc_get(f->s, &f->a, &v, &d), STORE_OK);
    assert_int_equal(d.id, doc);
    assert_string_equal(d.checkin_at, "2026-11-23T07:58:00Z");
    assert_int_equal(d.outcome, OUTCOME_NOT_DONE);
    assert_int_equal(d.reason, NDR_NOT_HOME);
    assert_string_equal(d.user_name, "Sofie");
}

static void a_change_proposes_and_the_nurse_decides(void **state)
{
    struct fixture *f = *state;
    long citizen;
    struct plan_visit v;
    visit_setup(f, &citizen, &v);
    struct visit_doc_input in = {
        .outcome = OUTCOME_DONE,
        .note = "",
        .obs = {{AREA_FOOD_DRINK, false, "Spiser lidt."}, {AREA_FALL, true, "Faldt i badet."}},
        .nobs = 2,
        .weight_hg = 688};
    long doc;
    assert_int_equal(store_visit_document(f->s, &v, f->carer_nord, &in, &doc), STORE_OK);
    struct triage_row cur, pend;
    assert_int_equal(store_triage_current(f->s, &f->a, citizen, &cur, &pend), STORE_OK);
    assert_int_equal(cur.id, 0);
    assert_int_equal(pend.level, TRIAGE_RED); /* a fall with injury */
    assert_string_equal(pend.reason, "Spise og drikke, Fald (alvorligt)");
    struct board_row *b;
    int n;
    assert_int_equal(store_board(f->s, &f->a, f->team_nord, &b, &n), STORE_OK);
    assert_int_equal(n, 1);
    assert_int_equal(b[0].pending.id, pend.id);
    struct triage_row t = {.citizen_id = citizen,
                           .decided = true,
                           .level = TRIAGE_YELLOW,
                           .reason = "Fald",
                           .action = "Faldudredning",
                           .follow_up_by = f->carer_nord,
                           .due_at = "2026-11-25T10:00:00Z",
                           .user_id = f->visitator};
    assert_int_equal(store_triage_add(f->s, &t, NULL), STORE_OK);
    assert_int_equal(store_triage_current(f->s, &f->a, citizen, &cur, &pend), STORE_OK);
    assert_int_equal(cur.level, TRIAGE_YELLOW);
    assert_int_equal(pend.id, 0);
    assert_string_equal(cur.follow_up_name, "Sofie");
    assert_int_equal(store_board(f->s, &f->a, f->team_nord, &b, &n), STORE_OK);
    assert_int_equal(n, 1);
    assert_int_equal(b[0].current.level, TRIAGE_YELLOW);
    assert_int_equal(store_board(f->s, &f->a, f->team_syd, &b, &n), STORE_OK);
    assert_int_equal(n, 0);
    struct observation *os;
    assert_int_equal(store_observation_list(f->s, &f->a, citizen, 10, &os, &n), STORE_OK);
    assert_int_equal(n, 2);
    /* history and observations are append-only */
    sqlite3 *db;
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    assert_int_not_equal(sqlite3_exec(db, "UPDATE triage SET level = 'green'", 0, 0, 0), SQLITE_OK);
    assert_int_not_equal(sqlite3_exec(db, "DELETE FROM triage", 0, 0, 0), SQLITE_OK);
    assert_int_not_equal(sqlite3_exec(db, "UPDATE observation SET note = ''", 0, 0, 0), SQLITE_OK);
    sqlite3_close(db);
}

static void rules_raise_and_close_tasks_idempotently(void **state)
{
    struct fixture *f = *state;
    long citizen, now = (long)time(NULL);
    struct plan_visit v;
    visit_setup(f, &citizen, &v);
    struct date today = date_today();
    assert_int_equal(store_weight_add(f->s, citizen, date_add_days(today, -40), 700, false, 0,
                                      f->carer_nord, NULL),
                     STORE_OK);
    assert_int_equal(store_weight_add(f->s, citizen, today, 688, false, 0, f->carer_nord, NULL),
                     STORE_OK);
    struct rules_counts c = {0};
    assert_int_equal(store_rules_all(f->s, now, &c), STORE_OK);
    assert_int_equal(c.citizens, 1);
    assert_int_equal(c.raised, 1);
    assert_int_equal(c.open, 1);
    struct care_task *ts;
    int n;
    assert_int_equal(store_care_tasks(f->s, &f->a, f->team_nord, 0, false, &ts, &n), STORE_OK);
    assert_int_equal(n, 1);
    assert_int_equal(ts[0].rule, RULE_NUTRITION);
    assert_string_equal(ts[0].citizen_name, "Inger Østergaard");
    c = (struct rules_counts){0};
    assert_int_equal(store_rules_all(f->s, now, &c), STORE_OK); /* again: nothing changes */
    assert_int_equal(c.raised, 0);
    assert_int_equal(c.resolved, 0);
    struct nutrition_row x = {
        .on = today, .weight_status = 2, .eating = 1, .risks = 0, .plan = "Mellemmåltider."};
    assert_int_equal(store_nutrition_add(f->s, citizen, &x, f->carer_nord, NULL), STORE_OK);
    c = (struct rules_counts){0};
    assert_int_equal(store_rules_citizen(f->s, citizen, now, &c), STORE_OK);
    assert_int_equal(c.resolved, 1);
    assert_int_equal(store_care_tasks(f->s, &f->a, f->team_nord, 0, false, &ts, &n), STORE_OK);
    assert_int_equal(n, 0);
    assert_int_equal(store_care_tasks(f->s, &f->a, 0, citizen, true, &ts, &n), STORE_OK);
    assert_int_equal(n, 1);
    assert_true(ts[0].done);
    struct nutrition_row *xs;
    assert_int_equal(store_nutrition_list(f->s, &f->a, citizen, 5, &xs, &n), STORE_OK);
    assert_int_equal(xs[0].score, 2);
    assert_int_equal(xs[0].risks, 0);
    /* 25 days on: the decided grant's follow-up (30 days ahead) opened its window
     * 14 days before, and the monthly re-weigh window is open */
    long gid = 0;
    struct grant *gs;
    assert_int_equal(store_grant_list(f->s, &f->a, citizen, &gs, &n), STORE_OK);
    gid = gs[0].id;
    assert_int_equal(store_grant_set_status(f->s, gid, GS_DRAFT, GS_DECIDED, f->visitator, ""),
                     STORE_OK);
    assert_int_equal(store_rules_citizen(f->s, citizen, now + 25 * 86400L, NULL), STORE_OK);
    assert_int_equal(store_care_tasks(f->s, &f->a, 0, citizen, false, &ts, &n), STORE_OK);
    assert_int_equal(n, 2);
    assert_int_equal(ts[0].rule + ts[1].rule, RULE_REWEIGH + RULE_REASSESSMENT);
    assert_int_not_equal(ts[0].rule, ts[1].rule);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(documentation_is_stored_once_and_survives_a_replan),
        T(a_change_proposes_and_the_nurse_decides),
        T(rules_raise_and_close_tasks_idempotently),
    };
    return cmocka_run_group_tests_name("store/care", tests, NULL, NULL);
}
