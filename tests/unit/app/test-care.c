/* Unit tests for app/care.c: who may document, decide triage, record
 * nutrition and see a team's board (own and other team, each role); the
 * validation; the audit rows; a documentation form stored once per client
 * id; and nothing half-written when a step of a use case fails. */
#include "app-test.h"

#include <time.h>

#include "app/care.h"

#define T(fn) cmocka_unit_test_setup_teardown(fn, rig_setup, rig_teardown)

/* test_visit_today() as ids: the citizen, and *visit. */
static long visit_setup(struct rig *g, long *visit)
{
    long citizen;
    struct plan_visit v;
    test_visit_today(g->f, &citizen, &v);
    *visit = v.id;
    return citizen;
}

static void a_visit_is_the_own_teams_and_its_read_is_logged(void **state)
{
    struct rig *g = *state;
    long visit, citizen = visit_setup(g, &visit);
    struct care_visit cv;
    assert_int_equal(app_visit_get(as(g, &g->carer), visit, true, &cv), APP_OK);
    assert_int_equal(cv.visit.citizen_id, citizen);
    assert_false(cv.documented);
    assert_string_equal(cv.citizen.first_name, "Inger");
    assert_int_equal(audit_count(g, citizen, "read", "visit"), 1);
    /* another team's care worker: refused, and the refusal is logged */
    assert_int_equal(app_visit_get(as(g, &g->carer_syd), visit, false, &cv), APP_FORBIDDEN);
    assert_string_equal(g->app.code, "forbidden");
    assert_int_equal(audit_count(g, citizen, "denied", NULL), 1);
    /* roles without documentation: refused before anything is read */
    assert_int_equal(app_visit_get(as(g, &g->visitator), visit, false, &cv), APP_FORBIDDEN);
    assert_int_equal(app_visit_get(as(g, &g->planner), visit, false, &cv), APP_FORBIDDEN);
    assert_int_equal(audit_count(g, citizen, "denied", NULL), 1);
    assert_int_equal(app_visit_get(as(g, &g->carer), 99999, false, &cv), APP_NOT_FOUND);
}

static void check_in_takes_a_plausible_phone_time(void **state)
{
    struct rig *g = *state;
    long visit, citizen = visit_setup(g, &visit);
    char at[21];
    epoch_to_iso((long)time(NULL) - 3600, at);
    assert_int_equal(app_visit_check(as(g, &g->carer), visit, false, at), APP_OK);
    assert_int_equal(audit_count(g, citizen, "update", "visit check-in"), 1);
    assert_int_equal(app_visit_check(as(g, &g->carer), visit, true, "2001-01-01T00:00:00Z"),
                     APP_OK);
    struct care_visit cv;
    assert_int_equal(app_visit_get(as(g, &g->carer), visit, false, &cv), APP_OK);
    assert_string_equal(cv.doc.checkin_at, at);
    long out = iso_to_epoch(cv.doc.checkout_at);
    assert_true(out >= (long)time(NULL) - 60); /* an implausible time: now */
    assert_int_equal(app_visit_check(as(g, &g->carer_syd), visit, false, NULL), APP_FORBIDDEN);
    assert_int_equal(audit_count(g, citizen, "update", NULL), 2);
}

static void documentation_is_stored_once_per_client_id(void **state)
{
    struct rig *g = *state;
    long visit, citizen = visit_setup(g, &visit);
    struct visit_doc_input in = {.client_id = "client-0001",
                                 .outcome = OUTCOME_DONE,
                                 .note = "Spiste kun lidt.",
                                 .obs = {{AREA_FOOD_DRINK, false, "Spiser under halvdelen."}},
                                 .nobs = 1,
                                 .weight_hg = 688};
    bool dup;
    assert_int_equal(app_visit_document(as(g, &g->carer), visit, &in, &dup), APP_OK);
    assert_false(dup);
    assert_int_equal(app_visit_document(as(g, &g->carer), visit, &in, &dup), APP_OK);
    assert_true(dup);
    assert_int_equal(sql_long(g, "SELECT count(*) FROM observation"), 1);
    assert_int_equal(sql_long(g, "SELECT count(*) FROM weight"), 1);
    assert_int_equal(audit_count(g, citizen, "update", "visit documentation"), 1);
    /* the change proposed yellow triage, in the same transaction */
    struct care_triage t;
    assert_int_equal(app_triage_get(as(g, &g->nurse), citizen, 10, &t), APP_OK);
    assert_int_equal(t.pending.level, TRIAGE_YELLOW);
    /* another team may not document */
    in.client_id = "client-0002";
    assert_int_equal(app_visit_document(as(g, &g->carer_syd), visit, &in, &dup), APP_FORBIDDEN);
    assert_int_equal(sql_long(g, "SELECT count(*) FROM observation"), 1);
}

static void refused_documentation_writes_nothing(void **state)
{
    struct rig *g = *state;
    long visit, citizen = visit_setup(g, &visit);
    struct visit_doc_input in = {.client_id = "client-0003",
                                 .outcome = OUTCOME_NOT_DONE,
                                 .note = "",
                                 .obs = {{AREA_PHYSICAL, true, "Hoster."}},
                                 .nobs = 1,
                                 .weight_hg = 120};
    bool dup;
    assert_int_equal(app_visit_document(as(g, &g->carer), visit, &in, &dup), APP_INVALID);
    assert_non_null(validation_for(&g->app.errors, "reason"));
    assert_non_null(validation_for(&g->app.errors, "weight"));
    assert_int_equal(sql_long(g, "SELECT count(*) FROM observation"), 0);
    assert_int_equal(audit_count(g, citizen, "update", NULL), 0);
    /* a failure after the form is stored (its audit row) rolls it all back,
     * the client id too: the form can be sent again */
    in.reason = NDR_NOT_HOME;
    in.weight_hg = 688;
    audit_fails_for(g, "visit documentation");
    assert_int_equal(app_visit_document(as(g, &g->carer), visit, &in, &dup), APP_ERROR);
    assert_int_equal(sql_long(g, "SELECT count(*) FROM observation"), 0);
    assert_int_equal(sql_long(g, "SELECT count(*) FROM weight"), 0);
    assert_int_equal(sql_long(g, "SELECT count(*) FROM triage"), 0);
    sql_exec(g, "DROP TRIGGER test_audit_fails");
    assert_int_equal(app_visit_document(as(g, &g->carer), visit, &in, &dup), APP_OK);
    assert_false(dup);
    assert_int_equal(sql_long(g, "SELECT count(*) FROM observation"), 1);
}

static void observations_and_weights_outside_a_visit(void **state)
{
    struct rig *g = *state;
    long visit, id, citizen = visit_setup(g, &visit);
    struct obs_input fall = {AREA_FALL, false, "Faldt."}, home = {AREA_HOME, false, "Rodet."};
    assert_int_equal(app_observations_add(as(g, &g->carer), citizen, NULL, 0), APP_INVALID);
    assert_non_null(validation_for(&g->app.errors, "area"));
    assert_int_equal(app_observations_add(as(g, &g->carer), citizen, &fall, 1), APP_INVALID);
    assert_int_equal(app_observations_add(as(g, &g->carer_syd), citizen, &home, 1), APP_FORBIDDEN);
    assert_int_equal(audit_count(g, citizen, "denied", NULL), 1);
    assert_int_equal(app_observations_add(as(g, &g->carer), citizen, &home, 1), APP_OK);
    assert_int_equal(audit_count(g, citizen, "create", "observation"), 1);
    struct observation *os;
    int n;
    assert_int_equal(app_observations(as(g, &g->planner), citizen, 10, &os, &n), APP_OK);
    assert_int_equal(n, 1);
    assert_int_equal(audit_count(g, citizen, "read", "observations"), 1);
    assert_int_equal(app_observations(as(g, &g->carer_syd), citizen, 10, &os, &n), APP_FORBIDDEN);

    assert_int_equal(app_weight_add(as(g, &g->carer), citizen, (struct date){0}, 0, false, &id),
                     APP_INVALID);
    assert_non_null(validation_for(&g->app.errors, "kg"));
    assert_int_equal(
        app_weight_add(as(g, &g->carer), citizen, date_add_days(date_today(), 1), 3500, false, &id),
        APP_INVALID);
    assert_non_null(validation_for(&g->app.errors, "kg"));
    assert_non_null(validation_for(&g->app.errors, "date"));
    assert_int_equal(app_weight_add(as(g, &g->carer), citizen, date_add_days(date_today(), -40),
                                    700, false, &id),
                     APP_OK);
    assert_int_equal(app_weight_add(as(g, &g->carer), citizen, (struct date){0}, 688, false, &id),
                     APP_OK);
    struct weight_row *w;
    int loss;
    assert_int_equal(app_weights(as(g, &g->nurse), citizen, 12, &w, &n, &loss), APP_OK);
    assert_int_equal(n, 2);
    assert_int_equal(loss, 12);
    assert_int_equal(audit_count(g, citizen, "create", "weight"), 2);
    /* the rules ran in the write: a nutrition task is open */
    struct care_task *ts;
    assert_int_equal(app_citizen_tasks(as(g, &g->carer), citizen, false, &ts, &n), APP_OK);
    assert_int_equal(n, 1);
    assert_int_equal(ts[0].rule, RULE_NUTRITION);
    /* a weight whose audit row fails is not kept */
    audit_fails_for(g, "weight");
    assert_int_equal(app_weight_add(as(g, &g->carer), citizen, (struct date){0}, 690, true, &id),
                     APP_ERROR);
    assert_int_equal(sql_long(g, "SELECT count(*) FROM weight"), 2);
}

static void triage_is_decided_by_the_teams_nurse_or_a_planner(void **state)
{
    struct rig *g = *state;
    long visit, team, citizen = visit_setup(g, &visit);
    struct triage_row t = {.level = TRIAGE_YELLOW, .reason = "", .action = ""};
    assert_int_equal(app_triage_decide(as(g, &g->carer), citizen, &t, NULL, NULL), APP_FORBIDDEN);
    assert_int_equal(app_triage_decide(as(g, &g->nurse_syd), citizen, &t, NULL, NULL),
                     APP_FORBIDDEN);
    assert_int_equal(audit_count(g, citizen, "denied", NULL), 1);
    assert_int_equal(app_triage_decide(as(g, &g->nurse), citizen, &t, "i går", NULL), APP_INVALID);
    assert_non_null(validation_for(&g->app.errors, "reason"));
    assert_non_null(validation_for(&g->app.errors, "action"));
    assert_non_null(validation_for(&g->app.errors, "due_at"));
    /* the follow-up is someone who may follow up: not an administrator */
    t = (struct triage_row){.level = TRIAGE_YELLOW,
                            .reason = "Spiser dårligt.",
                            .action = "Kostskema.",
                            .follow_up_by = g->admin.user_id};
    assert_int_equal(app_triage_decide(as(g, &g->nurse), citizen, &t, NULL, NULL), APP_INVALID);
    assert_non_null(validation_for(&g->app.errors, "follow_up_by"));
    assert_int_equal(sql_long(g, "SELECT count(*) FROM triage"), 0);
    t.follow_up_by = g->nurse.user_id;
    long before = (long)time(NULL);
    assert_int_equal(app_triage_decide(as(g, &g->nurse), citizen, &t, NULL, &team), APP_OK);
    assert_int_equal(team, g->f->team_nord);
    assert_true(t.id > 0 && t.decided);
    long due = iso_to_epoch(t.due_at) - before;
    assert_true(due >= 48 * 3600 - 5 && due <= 48 * 3600 + 5);
    assert_string_equal(t.follow_up_name, "sygeplejerske");
    assert_int_equal(audit_count(g, citizen, "update", "triage"), 1);
    struct care_task *ts;
    int n;
    assert_int_equal(app_citizen_tasks(as(g, &g->nurse), citizen, false, &ts, &n), APP_OK);
    assert_int_equal(n, 1);
    assert_int_equal(ts[0].rule, RULE_TRIAGE_FOLLOW_UP);
    /* a planner decides for every team; the page offers the team's staff */
    t = (struct triage_row){.level = TRIAGE_GREEN, .reason = "", .action = ""};
    assert_int_equal(app_triage_decide(as(g, &g->planner), citizen, &t, NULL, NULL), APP_OK);
    struct care_triage view;
    assert_int_equal(app_triage_get(as(g, &g->planner), citizen, 10, &view), APP_OK);
    assert_int_equal(view.count, 2);
    assert_int_equal(view.current.level, TRIAGE_GREEN);
    assert_int_equal(view.staff_count, 2); /* the care worker and the nurse of nord */
    assert_int_equal(app_triage_get(as(g, &g->carer), citizen, 10, &view), APP_OK);
    assert_int_equal(view.staff_count, 0); /* may not decide: no one to choose */
}

static void nutrition_needs_a_plan_at_two(void **state)
{
    struct rig *g = *state;
    long visit, citizen = visit_setup(g, &visit);
    struct nutrition_row x = {.weight_status = -1, .eating = 0, .risks = 0, .plan = ""};
    assert_int_equal(app_nutrition_add(as(g, &g->carer), citizen, &x), APP_INVALID);
    assert_int_equal(x.score, 2); /* not known counts as 2 */
    assert_non_null(validation_for(&g->app.errors, "plan"));
    x = (struct nutrition_row){.weight_status = 5, .eating = 0, .risks = 0, .plan = "Plan."};
    assert_int_equal(app_nutrition_add(as(g, &g->carer), citizen, &x), APP_INVALID);
    assert_non_null(validation_for(&g->app.errors, "weight_status"));
    x.weight_status = 1;
    assert_int_equal(app_nutrition_add(as(g, &g->carer_syd), citizen, &x), APP_FORBIDDEN);
    assert_int_equal(app_nutrition_add(as(g, &g->visitator), citizen, &x), APP_FORBIDDEN);
    assert_int_equal(sql_long(g, "SELECT count(*) FROM nutrition"), 0);
    assert_int_equal(app_nutrition_add(as(g, &g->carer), citizen, &x), APP_OK);
    assert_int_equal(x.score, 1);
    assert_int_equal(audit_count(g, citizen, "create", "nutrition assessment"), 1);
    struct care_nutrition got;
    assert_int_equal(app_nutrition_get(as(g, &g->planner), citizen, 5, &got), APP_OK);
    assert_int_equal(got.count, 1);
    assert_int_equal(audit_count(g, citizen, "read", "nutrition"), 1);
}

static void the_board_and_tasks_are_the_teams(void **state)
{
    struct rig *g = *state;
    long visit, citizen = visit_setup(g, &visit);
    struct obs_input home = {AREA_HOME, true, "Rodet."};
    assert_int_equal(app_observations_add(as(g, &g->carer), citizen, &home, 1), APP_OK);
    struct care_board b;
    assert_int_equal(app_board(as(g, &g->carer), 0, &b), APP_OK); /* the own team */
    assert_int_equal(b.team.team.id, g->f->team_nord);
    assert_int_equal(b.team.team_count, 0); /* no chooser for the own team's staff */
    assert_int_equal(b.count, 1);
    assert_int_equal(b.rows[0].row.pending.level, TRIAGE_RED);
    assert_int_equal(b.rows[0].observation_count, 1);
    assert_int_equal(audit_count(g, citizen, "read", "board"), 1);
    assert_int_equal(app_board(as(g, &g->carer), g->f->team_syd, &b), APP_FORBIDDEN);
    assert_int_equal(app_board(as(g, &g->visitator), g->f->team_nord, &b), APP_FORBIDDEN);
    assert_int_equal(app_board(as(g, &g->planner), 99999, &b), APP_NOT_FOUND);
    assert_int_equal(app_board(as(g, &g->planner), g->f->team_syd, &b), APP_OK);
    assert_int_equal(b.count, 0);
    assert_int_equal(b.team.team_count, 2);
    /* the team's tasks: one read row per citizen shown */
    long id;
    assert_int_equal(app_weight_add(as(g, &g->carer), citizen, date_add_days(date_today(), -40),
                                    700, false, &id),
                     APP_OK);
    struct care_tasks t;
    assert_int_equal(app_team_tasks(as(g, &g->nurse), 0, false, &t), APP_OK);
    assert_true(t.count >= 1);
    assert_int_equal(audit_count(g, citizen, "read", "tasks"), 1);
    assert_int_equal(app_team_tasks(as(g, &g->nurse_syd), g->f->team_nord, false, &t),
                     APP_FORBIDDEN);
    struct care_task *ts;
    int n;
    assert_int_equal(app_citizen_tasks(as(g, &g->carer_syd), citizen, false, &ts, &n),
                     APP_FORBIDDEN);
}

static void the_records_section_reads_without_another_row(void **state)
{
    struct rig *g = *state;
    long visit, citizen = visit_setup(g, &visit);
    struct care_summary x;
    assert_int_equal(app_care_summary(as(g, &g->carer), citizen, NULL, &x), APP_OK);
    assert_null(x.latest);
    assert_int_equal(x.task_count, 0);
    assert_int_equal(audit_count(g, citizen, "read", NULL), 0);
    assert_int_equal(app_care_summary(as(g, &g->carer_syd), citizen, NULL, &x), APP_FORBIDDEN);
    assert_int_equal(app_care_summary(as(g, &g->admin), citizen, NULL, &x), APP_FORBIDDEN);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(a_visit_is_the_own_teams_and_its_read_is_logged),
        T(check_in_takes_a_plausible_phone_time),
        T(documentation_is_stored_once_per_client_id),
        T(refused_documentation_writes_nothing),
        T(observations_and_weights_outside_a_visit),
        T(triage_is_decided_by_the_teams_nurse_or_a_planner),
        T(nutrition_needs_a_plan_at_two),
        T(the_board_and_tasks_are_the_teams),
        T(the_records_section_reads_without_another_row),
    };
    return cmocka_run_group_tests_name("app/care", tests, NULL, NULL);
}
