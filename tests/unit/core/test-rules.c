/* Unit tests for core/rules.c and core/observation.c: each task rule with
 * its edges (1 kg summed over three weigh-ins, follow-up due exactly at
 * 48 h, monthly re-weigh across month ends and leap years), weights, the
 * documentation form's validation, triage proposals and the EVS score. */
#include "testutil.h"

#include "core/observation.h"
#include "core/rules.h"

#define HOUR 3600L
#define DAY  86400L

static long at(int y, int m, int d, int h)
{
    return date_epoch((struct date){y, m, d}) + h * HOUR;
}

/* The task a rule raised, or NULL. */
static const struct rule_task *find(const struct rule_task *t, int n, enum rule_kind k)
{
    for (int i = 0; i < n; i++)
        if (t[i].rule == k)
            return &t[i];
    return NULL;
}

static void weights_parse_and_format(void **state)
{
    char out[8];
    assert_int_equal(weight_parse_hg("68,4"), 684);
    assert_int_equal(weight_parse_hg("68.4"), 684);
    assert_int_equal(weight_parse_hg("68"), 680);
    assert_int_equal(weight_parse_hg(" 68,4 kg"), 684);
    assert_int_equal(weight_parse_hg("68,45"), -1);
    assert_int_equal(weight_parse_hg("68,"), -1);
    assert_int_equal(weight_parse_hg("-5"), -1);
    assert_int_equal(weight_parse_hg("abc"), -1);
    assert_int_equal(weight_parse_hg(""), -1);
    weight_format(684, out);
    assert_string_equal(out, "68,4");
    struct validation v = {0};
    int hg;
    check_weight(&v, "weight", "19,9", false, &hg);
    assert_non_null(validation_for(&v, "weight"));
    v = (struct validation){0};
    check_weight(&v, "weight", "300,0", false, &hg);
    assert_int_equal(v.count, 0);
    assert_int_equal(hg, 3000);
    check_weight(&v, "weight", "300,1", false, &hg);
    assert_int_equal(v.count, 1);
    v = (struct validation){0};
    check_weight(&v, "weight", "", false, &hg);
    assert_int_equal(v.count, 0);
    assert_int_equal(hg, 0);
    check_weight(&v, "weight", "", true, &hg);
    assert_int_equal(v.count, 1);
}

static void documentation_is_validated(void **state)
{
    struct visit_doc_input d = {.outcome = OUTCOME_NOT_DONE, .note = ""};
    struct validation v = {0};
    visit_doc_validate(&d, &v);
    assert_non_null(validation_for(&v, "reason"));
    d.reason = NDR_OTHER;
    v = (struct validation){0};
    visit_doc_validate(&d, &v);
    assert_non_null(validation_for(&v, "note")); /* "andet" needs a word on why */
    d.note = "Var hos sin datter.";
    v = (struct validation){0};
    visit_doc_validate(&d, &v);
    assert_int_equal(v.count, 0);
    d.outcome = OUTCOME_DONE;
    v = (struct validation){0};
    visit_doc_validate(&d, &v);
    assert_non_null(validation_for(&v, "reason")); /* a reason only for not done */
    d = (struct visit_doc_input){.outcome = OUTCOME_DONE, .note = "ok", .client_id = "short"};
    v = (struct validation){0};
    visit_doc_validate(&d, &v);
    assert_non_null(validation_for(&v, "client_id"));
    assert_true(client_id_ok("it-care-0001"));
    assert_false(client_id_ok("it care 0001"));
    d = (struct visit_doc_input){.outcome = OUTCOME_DONE, .note = "bad\x01"};
    v = (struct validation){0};
    visit_doc_validate(&d, &v);
    assert_non_null(validation_for(&v, "note"));
    assert_int_equal(outcome_parse("maybe"), -1);
    assert_int_equal(ndr_parse("admitted"), NDR_ADMITTED);
    assert_string_equal(ndr_label(NDR_NOT_HOME), "Borger ikke hjemme");
    assert_int_equal(obs_area_parse("mental_social"), AREA_MENTAL_SOCIAL);
}

static void a_change_proposes_yellow_or_red(void **state)
{
    struct obs_input o[2] = {{AREA_FOOD_DRINK, false, ""}, {AREA_FALL, false, ""}};
    assert_int_equal(triage_propose(o, 0), TRIAGE_GREEN);
    assert_int_equal(triage_propose(o, 2), TRIAGE_YELLOW); /* a fall without injury */
    o[1].serious = true;                                   /* a fall with injury */
    assert_int_equal(triage_propose(o, 2), TRIAGE_RED);
    assert_int_equal(triage_follow_up_seconds(TRIAGE_YELLOW), 48 * HOUR);
    assert_int_equal(triage_follow_up_seconds(TRIAGE_GREEN), 0);
}

static void evs_missing_counts_as_two(void **state)
{
    assert_int_equal(evs_score(0, 0, 0), 0);
    assert_int_equal(evs_score(1, 0, 0), 1);
    assert_int_equal(evs_score(0, 0, -1), 2);
    assert_int_equal(evs_score(0, 2, 1), 2);
    assert_string_equal(evs_label(2), "Behov for en ernæringsplan");
}

static void timestamps(void **state)
{
    char out[21];
    long t = iso_to_epoch("2028-02-29T23:59:59Z");
    assert_true(t > 0);
    epoch_to_iso(t, out);
    assert_string_equal(out, "2028-02-29T23:59:59Z");
    assert_int_equal(iso_to_epoch("2027-02-29T10:00:00Z"), -1);
    assert_int_equal(iso_to_epoch("2026-11-23 10:00:00"), -1);
    assert_int_equal(iso_to_epoch("2026-11-23T10:00:00Zjunk"), -1);
    struct date d = epoch_date(t);
    assert_int_equal(d.day, 29);
}

static void one_kg_summed_over_three_weigh_ins(void **state)
{
    /* 70,0 → 69,6 → 69,3 → 69,0: no single drop is 1 kg; together they are */
    struct care_weight w[] = {{{2026, 8, 15}, 700, false},
                              {{2026, 9, 15}, 696, false},
                              {{2026, 10, 15}, 693, false},
                              {{2026, 11, 1}, 690, false}};
    struct date since;
    assert_int_equal(rules_weight_loss(w, 4, &since), 10);
    assert_int_equal(since.month, 8);
    struct care_facts f = {.weights = w, .nweights = 4};
    struct rule_task t[RULES_MAX_TASKS];
    int n = rules_eval(&f, at(2026, 11, 1, 12), t, RULES_MAX_TASKS);
    const struct rule_task *x = find(t, n, RULE_NUTRITION);
    assert_non_null(x);
    assert_string_equal(x->key, "loss-since:2026-08-15");
    assert_int_equal(x->due_at, at(2026, 11, 8, 0) + DAY - 1);
    /* 0,9 kg over the same three is not enough */
    w[3].hg = 691;
    n = rules_eval(&f, at(2026, 11, 1, 12), t, RULES_MAX_TASKS);
    assert_null(find(t, n, RULE_NUTRITION));
    /* a planned change (a diet) does not count */
    w[3].hg = 680;
    w[3].planned = true;
    assert_int_equal(rules_weight_loss(w, 4, NULL), 7);
    w[3].planned = false;
    assert_int_equal(rules_weight_loss(w, 4, NULL), 20);
    /* a loss from a peak: 70,0 → 71,0 → 70,0 is a loss of 1 kg */
    struct care_weight p[] = {
        {{2026, 9, 1}, 700, false}, {{2026, 10, 1}, 710, false}, {{2026, 11, 1}, 700, false}};
    assert_int_equal(rules_weight_loss(p, 3, &since), 10);
    assert_int_equal(since.month, 10);
    /* weights older than 90 days before the latest are not "recent" */
    struct care_weight old[] = {{{2026, 1, 1}, 720, false}, {{2026, 11, 1}, 700, false}};
    assert_int_equal(rules_weight_loss(old, 2, NULL), 0);
    /* one weight alone is no loss */
    assert_int_equal(rules_weight_loss(old, 1, NULL), 0);
}

static void nutrition_task_resolves_after_an_assessment(void **state)
{
    struct care_weight w[] = {{{2026, 10, 20}, 700, false}, {{2026, 11, 20}, 688, false}};
    struct care_facts f = {.weights = w, .nweights = 2};
    struct rule_task t[RULES_MAX_TASKS];
    long now = at(2026, 11, 21, 9);
    assert_non_null(find(t, rules_eval(&f, now, t, RULES_MAX_TASKS), RULE_NUTRITION));
    f.last_nutrition = (struct date){2026, 10, 1}; /* before the loss began: still due */
    assert_non_null(find(t, rules_eval(&f, now, t, RULES_MAX_TASKS), RULE_NUTRITION));
    f.last_nutrition = (struct date){2026, 11, 21};
    assert_null(find(t, rules_eval(&f, now, t, RULES_MAX_TASKS), RULE_NUTRITION));
}

static void follow_up_due_exactly_at_48_hours(void **state)
{
    long decided = at(2026, 11, 23, 10);
    struct care_facts f = {.triage_id = 9, .triage_level = TRIAGE_YELLOW, .triage_at = decided};
    struct rule_task t[RULES_MAX_TASKS];
    int n = rules_eval(&f, decided + HOUR, t, RULES_MAX_TASKS);
    const struct rule_task *x = find(t, n, RULE_TRIAGE_FOLLOW_UP);
    assert_non_null(x);
    assert_string_equal(x->key, "triage:9");
    assert_int_equal(x->due_at, decided + 48 * HOUR);
    assert_false(rules_overdue(x->due_at, decided + 48 * HOUR)); /* due now, not late */
    assert_true(rules_overdue(x->due_at, decided + 48 * HOUR + 1));
    /* red: 24 hours; an explicit due time wins */
    f.triage_level = TRIAGE_RED;
    x = find(t, rules_eval(&f, decided, t, RULES_MAX_TASKS), RULE_TRIAGE_FOLLOW_UP);
    assert_int_equal(x->due_at, decided + 24 * HOUR);
    f.triage_due = decided + 5 * HOUR;
    x = find(t, rules_eval(&f, decided, t, RULES_MAX_TASKS), RULE_TRIAGE_FOLLOW_UP);
    assert_int_equal(x->due_at, decided + 5 * HOUR);
    /* green again: nothing to follow up */
    f.triage_level = TRIAGE_GREEN;
    assert_null(find(t, rules_eval(&f, decided, t, RULES_MAX_TASKS), RULE_TRIAGE_FOLLOW_UP));
}

static void reweigh_monthly(void **state)
{
    struct care_weight w[] = {{{2026, 1, 15}, 700, false}};
    struct care_facts f = {.weights = w, .nweights = 1};
    struct rule_task t[RULES_MAX_TASKS];
    /* due a month later (15 Feb); the window opens 7 days before (8 Feb) */
    assert_null(find(t, rules_eval(&f, at(2026, 2, 7, 23), t, RULES_MAX_TASKS), RULE_REWEIGH));
    const struct rule_task *x =
        find(t, rules_eval(&f, at(2026, 2, 8, 0), t, RULES_MAX_TASKS), RULE_REWEIGH);
    assert_non_null(x);
    assert_string_equal(x->key, "after:2026-01-15");
    assert_int_equal(x->due_at, at(2026, 2, 15, 0) + DAY - 1);
    /* month ends: 31 January → 28 February, or 29 in a leap year */
    struct date d = date_add_month((struct date){2026, 1, 31});
    assert_int_equal(d.month, 2);
    assert_int_equal(d.day, 28);
    d = date_add_month((struct date){2028, 1, 31});
    assert_int_equal(d.day, 29);
    d = date_add_month((struct date){2026, 12, 15});
    assert_int_equal(d.year, 2027);
    assert_int_equal(d.month, 1);
    /* a new weight moves the task on (the old one is done) */
    struct care_weight w2[] = {{{2026, 1, 15}, 700, false}, {{2026, 2, 10}, 701, false}};
    f.weights = w2;
    f.nweights = 2;
    assert_null(find(t, rules_eval(&f, at(2026, 2, 12, 0), t, RULES_MAX_TASKS), RULE_REWEIGH));
    /* no weights: no re-weigh task */
    f.nweights = 0;
    assert_int_equal(rules_eval(&f, at(2026, 2, 12, 0), t, RULES_MAX_TASKS), 0);
}

static void reassessment_at_follow_up_date(void **state)
{
    struct care_grant g[] = {{4, {2026, 12, 1}, true}, {5, {2026, 12, 1}, false}};
    struct care_facts f = {.grants = g, .ngrants = 2};
    struct rule_task t[RULES_MAX_TASKS];
    assert_int_equal(rules_eval(&f, at(2026, 11, 16, 23), t, RULES_MAX_TASKS), 0);
    int n = rules_eval(&f, at(2026, 11, 17, 0), t, RULES_MAX_TASKS);
    assert_int_equal(n, 1); /* the ended grant raises nothing */
    assert_string_equal(t[0].key, "grant:4:2026-12-01");
    f.last_assessment = (struct date){2026, 11, 10}; /* before the window: still due */
    assert_int_equal(rules_eval(&f, at(2026, 11, 20, 0), t, RULES_MAX_TASKS), 1);
    f.last_assessment = (struct date){2026, 11, 20};
    assert_int_equal(rules_eval(&f, at(2026, 11, 20, 0), t, RULES_MAX_TASKS), 0);
    assert_int_equal(rule_parse("reassessment"), RULE_REASSESSMENT);
    assert_int_equal(rule_parse("x"), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(weights_parse_and_format),
        cmocka_unit_test(documentation_is_validated),
        cmocka_unit_test(a_change_proposes_yellow_or_red),
        cmocka_unit_test(evs_missing_counts_as_two),
        cmocka_unit_test(timestamps),
        cmocka_unit_test(one_kg_summed_over_three_weigh_ins),
        cmocka_unit_test(nutrition_task_resolves_after_an_assessment),
        cmocka_unit_test(follow_up_due_exactly_at_48_hours),
        cmocka_unit_test(reweigh_monthly),
        cmocka_unit_test(reassessment_at_follow_up_date),
    };
    return cmocka_run_group_tests_name("core/rules", tests, NULL, NULL);
}
