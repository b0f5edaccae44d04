/* Unit tests for the grant use cases (app/grant.c): access by role and team,
 * validation, the audit rows, the version a status change is made against,
 * nothing half-written on failure, the outcome of a rehabilitation course,
 * the form and the letter. */
#include "visitation-test.h"

#include "app/assessment.h"
#include "app/grant.h"

/* A draft made by the visitator; *version gets its version. */
static long draft(struct apptest *t, long citizen_id, long *version)
{
    struct app a = apptest_app(t, &t->visitator);
    struct grant g = test_grant(citizen_id);
    assert_int_equal(app_grant_create(&a, &g), APP_OK);
    struct grant_view v;
    assert_int_equal(app_grant_get(&a, citizen_id, g.id, "test", &v), APP_OK);
    if (version)
        *version = v.grant.version;
    return g.id;
}

static enum grant_status status_of(struct apptest *t, long citizen_id, long grant_id)
{
    struct app a = apptest_app(t, &t->visitator);
    struct grant_view v;
    assert_int_equal(app_grant_get(&a, citizen_id, grant_id, NULL, &v), APP_OK);
    return v.grant.status;
}

static void create_writes_a_draft_and_its_audit_row(void **state)
{
    struct apptest *t = *state;
    long c = t->citizen[NORD];
    struct app a = apptest_app(t, &t->visitator);
    struct grant g = test_grant(c);
    assert_int_equal(app_grant_create(&a, &g), APP_OK);
    assert_true(g.id > 0);
    assert_audit(t, c, &t->visitator, "grant", "created");
    struct grant *list;
    int n;
    assert_int_equal(app_grant_list(&a, c, NULL, &list, &n), APP_OK);
    assert_int_equal(n, 1);
    assert_int_equal(list[0].status, GS_DRAFT);
    assert_int_equal(list[0].service_count, 1);
    assert_no_transaction(t->f.s);
}

static void a_refused_create_leaves_nothing(void **state)
{
    struct apptest *t = *state;
    long c = t->citizen[NORD];
    int rows = audit_count(t, c);

    struct app a = apptest_app(t, &t->visitator);
    struct grant g = test_grant(c);
    g.reason = "";
    g.service_count = 0;
    assert_int_equal(app_grant_create(&a, &g), APP_INVALID);
    assert_string_equal(a.code, "validation");
    assert_non_null(validation_for(&a.errors, "reason"));
    assert_non_null(validation_for(&a.errors, "services"));

    a = apptest_app(t, &t->visitator);
    g = test_grant(c);
    g.contact_id = 999999;
    assert_int_equal(app_grant_create(&a, &g), APP_INVALID);
    assert_string_equal(a.code, "invalid_reference");
    assert_non_null(validation_for(&a.errors, "contact_id"));

    a = apptest_app(t, &t->carer); /* the own team's carer, but not a visitator */
    g = test_grant(c);
    assert_int_equal(app_grant_create(&a, &g), APP_FORBIDDEN);
    a = apptest_app(t, &t->visitator);
    g = test_grant(999999);
    assert_int_equal(app_grant_create(&a, &g), APP_NOT_FOUND);

    struct grant *list;
    int n;
    assert_int_equal(app_grant_list(&a, c, NULL, &list, &n), APP_OK);
    assert_int_equal(n, 0);
    assert_int_equal(audit_count(t, c), rows);
    assert_no_transaction(t->f.s);
}

static void reads_are_audited_and_kept_to_the_team(void **state)
{
    struct apptest *t = *state;
    long c = t->citizen[NORD];
    long id = draft(t, c, NULL);

    struct app a = apptest_app(t, &t->carer);
    struct grant_view v;
    assert_int_equal(app_grant_get(&a, c, id, "grant", &v), APP_OK);
    assert_audit(t, c, &t->carer, "read", "grant");
    assert_int_equal(v.grant.id, id);
    assert_int_equal(v.citizen.id, c);
    assert_int_equal(v.history_count, 1);
    assert_string_equal(v.history[0].to, "draft");
    assert_false(v.outcome.applies);

    int rows = audit_count(t, c);
    struct grant *list;
    int n;
    assert_int_equal(app_grant_list(&a, c, NULL, &list, &n), APP_OK); /* the caller logged it */
    assert_int_equal(audit_count(t, c), rows);

    a = apptest_app(t, &t->carer_syd);
    assert_int_equal(app_grant_list(&a, c, "api grants", &list, &n), APP_FORBIDDEN);
    assert_audit(t, c, &t->carer_syd, "denied", "api grants");
    a = apptest_app(t, &t->manager);
    assert_int_equal(app_grant_get(&a, c, id, "grant", &v), APP_FORBIDDEN);
    a = apptest_app(t, &t->visitator);
    assert_int_equal(app_grant_get(&a, t->citizen[SYD], id, "grant", &v), APP_NOT_FOUND);
}

static void an_update_needs_the_version_and_an_open_grant(void **state)
{
    struct apptest *t = *state;
    long c = t->citizen[NORD], version;
    long id = draft(t, c, &version);

    struct app a = apptest_app(t, &t->visitator);
    struct grant g = test_grant(c);
    g.id = id;
    g.requested = "Hjælp til bad og tøj.";
    assert_int_equal(app_grant_update(&a, &g), APP_INVALID);
    assert_non_null(validation_for(&a.errors, "version"));

    a = apptest_app(t, &t->visitator);
    g.version = version;
    assert_int_equal(app_grant_update(&a, &g), APP_OK);
    assert_audit(t, c, &t->visitator, "grant", "changed");

    int rows = audit_count(t, c);
    a = apptest_app(t, &t->visitator); /* someone else still has the old version */
    g.requested = "Noget andet.";
    assert_int_equal(app_grant_update(&a, &g), APP_CONFLICT);
    assert_string_equal(a.code, "conflict");
    struct grant_view v;
    assert_int_equal(app_grant_get(&a, c, id, NULL, &v), APP_OK);
    assert_string_equal(v.grant.requested, "Hjælp til bad og tøj.");
    assert_int_equal(v.grant.version, version + 1);
    assert_int_equal(audit_count(t, c), rows);

    struct grant_status_change in = {c, id, v.grant.version, "decided", "Samtale i hjemmet"};
    assert_int_equal(app_grant_set_status(&a, &in), APP_OK);
    a = apptest_app(t, &t->visitator);
    g.version = v.grant.version + 1;
    assert_int_equal(app_grant_update(&a, &g), APP_CONFLICT);
    assert_string_equal(a.code, "not_editable");
    assert_no_transaction(t->f.s);
}

static void a_status_change_is_made_against_the_version_seen(void **state)
{
    struct apptest *t = *state;
    long c = t->citizen[NORD], seen;
    long id = draft(t, c, &seen);
    int rows = audit_count(t, c);

    struct app a = apptest_app(t, &t->visitator);
    struct grant_status_change in = {c, id, seen, "sent", ""};
    assert_int_equal(app_grant_set_status(&a, &in), APP_CONFLICT);
    assert_string_equal(a.code, "bad_transition");

    char note[600];
    memset(note, 'x', sizeof note - 1);
    note[sizeof note - 1] = '\0';
    struct grant_status_change bad[] = {
        {c, id, seen, "nonsense", ""}, {c, id, 0, "decided", ""}, {c, id, seen, "decided", note}};
    const char *field[] = {"status", "version", "note"};
    for (int i = 0; i < 3; i++) {
        a = apptest_app(t, &t->visitator);
        assert_int_equal(app_grant_set_status(&a, &bad[i]), APP_INVALID);
        assert_non_null(validation_for(&a.errors, field[i]));
    }
    a = apptest_app(t, &t->visitator);
    in = (struct grant_status_change){t->citizen[SYD], id, seen, "decided", ""};
    assert_int_equal(app_grant_set_status(&a, &in), APP_NOT_FOUND);
    a = apptest_app(t, &t->carer);
    in.citizen_id = c;
    assert_int_equal(app_grant_set_status(&a, &in), APP_FORBIDDEN);
    assert_int_equal(audit_count(t, c), rows);
    assert_int_equal(status_of(t, c, id), GS_DRAFT);

    a = apptest_app(t, &t->visitator);
    assert_int_equal(app_grant_set_status(&a, &in), APP_OK);
    assert_audit(t, c, &t->visitator, "grant", "decided");

    /* a second visitator who opened the draft before it was decided */
    a = apptest_app(t, &t->visitator);
    in.to = "ended";
    assert_int_equal(app_grant_set_status(&a, &in), APP_CONFLICT);
    assert_string_equal(a.code, "conflict");
    assert_int_equal(status_of(t, c, id), GS_DECIDED);

    struct grant_view v;
    assert_int_equal(app_grant_get(&a, c, id, NULL, &v), APP_OK);
    assert_int_equal(v.history_count, 2);
    assert_string_equal(v.history[1].from, "draft");
    assert_string_equal(v.history[1].to, "decided");
    assert_no_transaction(t->f.s);
}

static void only_a_complete_grant_is_decided(void **state)
{
    struct apptest *t = *state;
    long c = t->citizen[NORD], id;
    struct grant g = test_grant(c);
    g.reason = ""; /* stored past the use case, as an older version might have */
    assert_int_equal(store_grant_create(t->f.s, &g, t->visitator.user_id, &id), STORE_OK);
    struct app a = apptest_app(t, &t->visitator);
    struct grant_view v;
    assert_int_equal(app_grant_get(&a, c, id, NULL, &v), APP_OK);
    struct grant_status_change in = {c, id, v.grant.version, "decided", ""};
    assert_int_equal(app_grant_set_status(&a, &in), APP_INVALID);
    assert_non_null(validation_for(&a.errors, "reason"));
    assert_int_equal(status_of(t, c, id), GS_DRAFT);
    assert_no_transaction(t->f.s);
}

static void a_rehabilitation_course_shows_what_it_achieved(void **state)
{
    struct apptest *t = *state;
    long c = t->citizen[NORD];
    struct date today = date_today();
    char before[11], after[11], follow[11];
    date_format(date_add_days(today, -60), before);
    date_format(today, after);
    date_format(today, follow);
    struct app a = apptest_app(t, &t->visitator);
    struct assessment_function f = {.code = "J1.1",
                                    .current = 3,
                                    .expected = LEVEL_NONE,
                                    .performance = "",
                                    .importance = "",
                                    .need = "",
                                    .cause = "",
                                    .symptoms = ""};
    struct assessment x = {
        .citizen_id = c, .assessed_on = before, .note = "", .functions = &f, .function_count = 1};
    assert_int_equal(app_assessment_create(&a, &x), APP_OK);

    struct grant g = test_grant(c);
    g.kind = GRANT_REHABILITATION;
    g.goals = "Jeg vil selv kunne komme i bad.";
    g.start = date_add_days(today, -56);
    g.end = date_add_days(today, -1);
    g.follow_up = g.end;
    assert_int_equal(app_grant_create(&a, &g), APP_OK);
    struct grant_view v;
    assert_int_equal(app_grant_get(&a, c, g.id, NULL, &v), APP_OK);
    assert_true(v.outcome.applies);
    assert_true(v.outcome.ended);
    assert_string_equal(v.outcome.before_on, before);
    assert_string_equal(v.outcome.after_on, "");
    assert_int_equal(v.outcome.function_count, 0);

    f.current = 1;
    x = (struct assessment){
        .citizen_id = c, .assessed_on = after, .note = "", .functions = &f, .function_count = 1};
    assert_int_equal(app_assessment_create(&a, &x), APP_OK);
    struct goal goal = {.citizen_id = c,
                        .text = "Jeg vil selv kunne komme i bad.",
                        .type = GOAL_LESSEN,
                        .follow_up_on = follow,
                        .codes = {"J1.1"},
                        .code_count = 1};
    assert_int_equal(app_goal_create(&a, &goal), APP_OK);
    assert_int_equal(app_grant_get(&a, c, g.id, NULL, &v), APP_OK);
    assert_string_equal(v.outcome.after_on, after);
    assert_int_equal(v.outcome.function_count, 1);
    assert_string_equal(v.outcome.functions[0].code, "J1.1");
    assert_int_equal(v.outcome.functions[0].before, 3);
    assert_int_equal(v.outcome.functions[0].after, 1);
    assert_int_equal(v.outcome.functions[0].change, CHANGE_BETTER);
    assert_int_equal(v.outcome.goal_count, 1);
    assert_string_equal(v.outcome.goals[0].text, "Jeg vil selv kunne komme i bad.");
}

static void the_form_offers_active_care_staff_as_contacts(void **state)
{
    struct apptest *t = *state;
    long c = t->citizen[NORD], version;
    struct app a = apptest_app(t, &t->visitator);
    struct grant_form f;
    assert_int_equal(app_grant_form(&a, c, 0, "grant form", &f), APP_OK);
    assert_audit(t, c, &t->visitator, "read", "grant form");
    assert_int_equal(f.grant.kind, GRANT_REHABILITATION);
    assert_int_equal(date_cmp(f.grant.start, date_add_days(date_today(), 1)), 0);
    assert_int_equal(f.citizen.id, c);
    bool carer = false, manager = false;
    for (int i = 0; i < f.contact_count; i++) {
        carer |= f.contacts[i].id == t->carer.user_id;
        manager |= f.contacts[i].id == t->manager.user_id;
    }
    assert_true(carer);
    assert_false(manager);

    a = apptest_app(t, &t->carer);
    assert_int_equal(app_grant_form(&a, c, 0, "grant form", &f), APP_FORBIDDEN);
    long id = draft(t, c, &version);
    a = apptest_app(t, &t->visitator);
    assert_int_equal(app_grant_form(&a, c, id, "grant form", &f), APP_OK);
    assert_int_equal(f.grant.id, id);
    struct grant_status_change in = {c, id, version, "decided", ""};
    assert_int_equal(app_grant_set_status(&a, &in), APP_OK);
    assert_int_equal(app_grant_form(&a, c, id, "grant form", &f), APP_CONFLICT);
    assert_string_equal(a.code, "not_editable");
}

static void the_letter_is_for_those_who_may_read_the_record(void **state)
{
    struct apptest *t = *state;
    long c = t->citizen[NORD];
    long id = draft(t, c, NULL);
    struct app a = apptest_app(t, &t->carer);
    struct citizen who;
    struct letter l;
    assert_int_equal(app_grant_letter(&a, c, id, "decision letter", &who, &l), APP_OK);
    assert_audit(t, c, &t->carer, "read", "decision letter");
    assert_int_equal(who.id, c);
    assert_true(l.count > 0);
    assert_true(l.lix > 0);
    a = apptest_app(t, &t->carer_syd);
    assert_int_equal(app_grant_letter(&a, c, id, "decision letter", &who, &l), APP_FORBIDDEN);
    a = apptest_app(t, &t->visitator);
    assert_int_equal(app_grant_letter(&a, c, 999999, "decision letter", &who, &l), APP_NOT_FOUND);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, apptest_setup, apptest_teardown)
    const struct CMUnitTest tests[] = {
        T(create_writes_a_draft_and_its_audit_row),
        T(a_refused_create_leaves_nothing),
        T(reads_are_audited_and_kept_to_the_team),
        T(an_update_needs_the_version_and_an_open_grant),
        T(a_status_change_is_made_against_the_version_seen),
        T(only_a_complete_grant_is_decided),
        T(a_rehabilitation_course_shows_what_it_achieved),
        T(the_form_offers_active_care_staff_as_contacts),
        T(the_letter_is_for_those_who_may_read_the_record),
    };
    return cmocka_run_group_tests_name("app/grant", tests, NULL, NULL);
}
