/* Unit tests for core/indicator*.c: every care indicator on a small
 * hand-made data set whose answer was worked out by hand (in the comments),
 * with the edge cases: no visits, a citizen who moved team mid-week,
 * suppression under 5 citizens, pending follow-ups, median and p90. */
#include <math.h>

#include "testutil.h"

#include "core/indicator.h"

#define D(y, m, d) ((struct date){y, m, d})

static const struct ind_period NOV = {{2026, 11, 1}, {2026, 11, 30}, 0};
static const struct ind_period WEEK45 = {{2026, 11, 2}, {2026, 11, 8}, 0};

static void assert_close(double a, double b)
{
    if (fabs(a - b) > 1e-6)
        fail_msg("%f != %f", a, b);
}

static void catalogue_is_consistent(void **state)
{
    int n;
    const struct indicator_def *c = indicator_catalogue(&n);
    assert_true(n >= 25);
    for (int i = 0; i < n; i++) {
        assert_non_null(c[i].name);
        assert_non_null(c[i].area);
        assert_ptr_equal(indicator_find(c[i].id), &c[i]);
        for (int k = 0; k < i; k++)
            assert_string_not_equal(c[i].id, c[k].id);
        /* what omsorg cannot measure yet says why and comes from elsewhere */
        if (c[i].not_yet)
            assert_true(c[i].source == IND_SRC_MEDCOM || c[i].source == IND_SRC_SURVEY);
        else
            assert_true(c[i].source == IND_SRC_CARE || c[i].source == IND_SRC_HR);
    }
    assert_null(indicator_find("continuity.nope"));
    assert_null(indicator_find(NULL));
    assert_non_null(indicator_find("coherence.readmission_30d")->not_yet);
    assert_null(indicator_find("staff.short_sick_leave")->not_yet);
    assert_string_equal(ind_unit_label(IND_UNIT_PER_1000), "pr. 1.000 besøg");
}

static void quantiles(void **state)
{
    double one[] = {5}, four[] = {4, 1, 3, 2}, ten[] = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
    double m, p;
    ind_quantiles(one, 1, &m, &p);
    assert_close(m, 5);
    assert_close(p, 5);
    ind_quantiles(four, 4, &m, &p); /* median (2+3)/2; p90 = rank ceil(3.6) = 4 */
    assert_close(m, 2.5);
    assert_close(p, 4);
    ind_quantiles(ten, 10, &m, &p); /* median (5+6)/2; p90 = rank 9 */
    assert_close(m, 5.5);
    assert_close(p, 9);
    ind_quantiles(NULL, 0, &m, &p);
    assert_close(m, 0);
}

/* Carers 10–12 are in team 1, 13 and 20 in team 2; citizens 1–5 in team 1;
 * citizen 6 moves from team 1 to team 2 on Friday 6 November. */
static long carer_team(long carer)
{
    return carer == 13 || carer == 20 ? 2 : 1;
}

static struct ind_visit visit_row(long citizen, struct date day, long team, long carer, bool done)
{
    return (struct ind_visit){.citizen_id = citizen,
                              .day = day,
                              .citizen_team = team,
                              .carer_id = carer,
                              .carer_team = carer ? carer_team(carer) : 0,
                              .done = done};
}

static long week_visits(struct ind_visit *v)
{
    long n = 0;
    /* history before the period */
    v[n++] = visit_row(1, D(2026, 10, 30), 1, 10, true);
    v[n++] = visit_row(3, D(2026, 10, 20), 1, 11, true); /* 13 days before 2 November */
    v[n++] = visit_row(4, D(2026, 10, 31), 1, 12, false);
    v[n++] = visit_row(2, D(2026, 11, 1), 1, 14, true); /* Sunday: the week before */
    /* week 45 */
    v[n++] = visit_row(1, D(2026, 11, 2), 1, 10, true); /* known (30 Oct) */
    v[n++] = visit_row(1, D(2026, 11, 3), 1, 10, true); /* known (2 Nov) */
    v[n++] = visit_row(1, D(2026, 11, 4), 1, 11, true);
    v[n++] = visit_row(2, D(2026, 11, 2), 1, 10, true);
    v[n++] = visit_row(2, D(2026, 11, 3), 1, 99, false); /* not done: not counted */
    v[n++] = visit_row(3, D(2026, 11, 2), 1, 11, true);  /* known (20 Oct, 13 days) */
    v[n++] = visit_row(3, D(2026, 11, 4), 1, 11, true);  /* known (2 Nov) */
    v[n++] = visit_row(3, D(2026, 11, 5), 1, 12, true);
    v[n++] = visit_row(4, D(2026, 11, 2), 1, 12, true); /* 31 Oct was not done */
    v[n++] = visit_row(4, D(2026, 11, 3), 1, 12, true); /* known (2 Nov) */
    v[n++] = visit_row(5, D(2026, 11, 2), 1, 10, true);
    v[n++] = visit_row(5, D(2026, 11, 6), 1, 13, true); /* a carer borrowed from team 2 */
    v[n++] = visit_row(6, D(2026, 11, 2), 1, 10, true);
    v[n++] = visit_row(6, D(2026, 11, 6), 2, 20, true); /* moved team mid-week */
    /* the week after */
    v[n++] = visit_row(2, D(2026, 11, 9), 1, 10, true);
    return n;
}

static void continuity(void **state)
{
    struct arena a = ARENA_INIT;
    struct ind_visit v[32];
    long n = week_visits(v);
    struct ind_dist d;
    ind_mark_known(v, n);
    /* citizen-weeks of week 45: 1 → 2 carers, 2 → 1, 3 → 2 (11, 12), 4 → 1, 5 → 2, 6 → 2.
     * sorted 1 1 2 2 2 2: median 2, p90 rank ceil(5.4) = 6 → 2 */
    assert_int_equal(ind_carers_per_week(&a, v, n, &WEEK45, &d), 0);
    assert_int_equal(d.n, 6);
    assert_int_equal(d.persons, 6);
    assert_false(d.suppressed);
    assert_close(d.median, 2);
    assert_close(d.p90, 2);
    /* team 1: citizens 1–5 (citizen 6 ended the week in team 2): 1 1 2 2 2 */
    struct ind_period t1 = WEEK45, t2 = WEEK45;
    t1.team_id = 1;
    t2.team_id = 2;
    assert_int_equal(ind_carers_per_week(&a, v, n, &t1, &d), 0);
    assert_int_equal(d.n, 5);
    assert_close(d.median, 2);
    assert_false(d.suppressed);
    /* team 2: one citizen-week — under 5 citizens, suppressed */
    assert_int_equal(ind_carers_per_week(&a, v, n, &t2, &d), 0);
    assert_int_equal(d.n, 1);
    assert_close(d.median, 2);
    assert_true(d.suppressed);

    /* 13 done, assigned visits in week 45; the one by carer 13 (team 2) to
     * citizen 5 (team 1) is not the own team: 12 / 13 */
    struct ind_value x;
    ind_own_team_share(v, n, &WEEK45, &x);
    assert_int_equal(x.den, 13);
    assert_int_equal(x.num, 12);
    assert_close(x.value, 100.0 * 12 / 13);
    assert_int_equal(x.persons, 6);
    /* citizen 6's Friday visit counts for team 2, the Monday one for team 1 */
    ind_own_team_share(v, n, &t2, &x);
    assert_int_equal(x.den, 1);
    assert_int_equal(x.num, 1);
    assert_true(x.suppressed);
    /* known carers: 1 (2), 3 (2), 4 (1) = 5 of 13 */
    ind_known_carer_share(v, n, &WEEK45, &x);
    assert_int_equal(x.num, 5);
    assert_int_equal(x.den, 13);
    arena_release(&a);
}

static void no_visits(void **state)
{
    struct arena a = ARENA_INIT;
    struct ind_dist d;
    struct ind_value x;
    assert_int_equal(ind_carers_per_week(&a, NULL, 0, &NOV, &d), 0);
    assert_true(d.empty);
    assert_true(d.suppressed);
    assert_int_equal(d.n, 0);
    ind_mark_known(NULL, 0);
    ind_own_team_share(NULL, 0, &NOV, &x);
    assert_true(x.empty);
    assert_true(x.suppressed);
    assert_close(x.value, 0);
    ind_unplanned_share(NULL, 0, &NOV, &x);
    assert_true(x.empty);
    ind_falls_per_1000(NULL, 0, NULL, 0, &NOV, &x);
    assert_true(x.empty);
    ind_time_with_citizens(NULL, 0, NULL, 0, &NOV, &x);
    assert_true(x.empty);
    arena_release(&a);
}

static void planning(void **state)
{
    struct ind_visit v[12];
    long n = 0;
    double travel[] = {10, 5, 15, 0, 20, 10, 5, 15};
    for (int i = 0; i < 8; i++) {
        v[n] = visit_row(1 + i % 6, D(2026, 11, 3), 1, 10 + i % 3, false);
        v[n].travel_min = travel[i];
        v[n++].outside_window = i == 2 || i == 5;
    }
    v[n++] = visit_row(2, D(2026, 11, 4), 1, 0, false); /* nobody assigned */
    v[n++] = visit_row(5, D(2026, 11, 4), 1, 0, false);
    v[n++] = visit_row(5, D(2026, 12, 1), 1, 0, false); /* next month */
    struct ind_value x;
    ind_unplanned_share(v, n, &NOV, &x); /* 2 of 10 */
    assert_int_equal(x.num, 2);
    assert_int_equal(x.den, 10);
    assert_close(x.value, 20);
    assert_int_equal(x.persons, 6);
    ind_outside_window_share(v, n, &NOV, &x); /* 2 of 8 assigned */
    assert_close(x.value, 25);
    ind_travel_per_visit(v, n, &NOV, &x); /* 80 minutes / 8 */
    assert_close(x.value, 10);
    assert_int_equal(x.den, 8);
}

static void time_with_citizens(void **state)
{
    struct ind_shift s[] = {{1, 1, {2026, 11, 2}, 8 * 60, 16 * 60},
                            {2, 1, {2026, 11, 2}, 7 * 60, 15 * 60},
                            {2, 1, {2026, 10, 31}, 7 * 60, 15 * 60}}; /* outside */
    struct ind_presence p[] = {
        {1, {2026, 11, 2}, 8 * 60 + 30, 9 * 60},        /* 08:30–09:00 */
        {1, {2026, 11, 2}, 8 * 60 + 45, 9 * 60 + 15},   /* overlaps: the union is 45 min */
        {1, {2026, 11, 2}, 15 * 60 + 50, 16 * 60 + 30}, /* clipped at 16:00: 10 */
        {1, {2026, 11, 2}, 12 * 60, -1},                /* no check-out: left out */
        {2, {2026, 11, 2}, 10 * 60, 11 * 60},           /* 60 */
        {2, {2026, 11, 2}, 6 * 60 + 30, 7 * 60 + 30},   /* before the shift: 30 */
        {2, {2026, 10, 31}, 8 * 60, 9 * 60},            /* another day */
    };
    struct ind_value x;
    ind_time_with_citizens(p, 7, s, 3, &NOV, &x); /* (55 + 90) / 960 */
    assert_int_equal(x.num, 145);
    assert_int_equal(x.den, 960);
    assert_close(x.value, 100.0 * 145 / 960);
    assert_int_equal(x.persons, 2); /* two carers: suppressed */
    assert_true(x.suppressed);
}

static void falls(void **state)
{
    struct ind_visit v[32];
    long n = week_visits(v);
    struct ind_fall f[] = {{1, 1, {2026, 11, 3}}, {3, 1, {2026, 11, 4}}, {3, 1, {2026, 10, 4}}};
    struct ind_value x;
    ind_falls_per_1000(f, 3, v, n, &WEEK45, &x); /* 2 falls / 13 visits × 1000 */
    assert_int_equal(x.num, 2);
    assert_int_equal(x.den, 13);
    assert_close(x.value, 2000.0 / 13);
}

static long at(struct date d, int hour)
{
    return date_epoch(d) + hour * 3600L;
}

static void triage(void **state)
{
    struct ind_triage t[] = {
        {1, 1, TRIAGE_YELLOW, at(D(2026, 11, 2), 10), at(D(2026, 11, 3), 10)}, /* 24 h */
        {2, 1, TRIAGE_YELLOW, at(D(2026, 11, 2), 10), at(D(2026, 11, 5), 10)}, /* 72 h: late */
        {3, 1, TRIAGE_YELLOW, at(D(2026, 11, 3), 10), 0},                      /* missed */
        {4, 1, TRIAGE_YELLOW, at(D(2026, 11, 10), 0), 0},                      /* pending */
        {5, 1, TRIAGE_RED, at(D(2026, 11, 4), 8), at(D(2026, 11, 4), 20)},     /* 12 h */
        {6, 1, TRIAGE_YELLOW, at(D(2026, 11, 4), 8), at(D(2026, 11, 6), 8)},   /* exactly 48 h */
        {1, 1, TRIAGE_YELLOW, at(D(2026, 10, 30), 8), 0},                      /* October */
    };
    long now = at(D(2026, 11, 10), 12);
    struct ind_value x;
    ind_triage_in_time(t, 7, TRIAGE_YELLOW, &NOV, now, &x);
    assert_int_equal(x.den, 4);
    assert_int_equal(x.num, 2);
    assert_close(x.value, 50);
    assert_true(x.suppressed); /* 4 citizens */
    ind_triage_in_time(t, 7, TRIAGE_RED, &NOV, now, &x);
    assert_int_equal(x.den, 1);
    assert_int_equal(x.num, 1);
    /* a day later the pending one has passed its 48 hours */
    ind_triage_in_time(t, 7, TRIAGE_YELLOW, &NOV, at(D(2026, 11, 12), 12), &x);
    assert_int_equal(x.den, 5);
    assert_int_equal(x.num, 2);
    assert_false(x.suppressed);
}

static void evs(void **state)
{
    struct ind_weight_loss w[] = {
        {1, 1, {2026, 11, 2}, {2026, 11, 5}},  /* 3 days */
        {2, 1, {2026, 11, 3}, {2026, 11, 10}}, /* 7 days: in time */
        {3, 1, {2026, 11, 3}, {2026, 11, 11}}, /* 8 days */
        {4, 1, {2026, 11, 4}, {0, 0, 0}},      /* none, 16 days ago */
        {5, 1, {2026, 11, 18}, {0, 0, 0}},     /* none, 2 days ago: pending */
        {6, 1, {2026, 11, 5}, {2026, 11, 1}},  /* an EVS before the loss does not count */
    };
    struct ind_value x;
    ind_evs_within_7d(w, 6, &NOV, D(2026, 11, 20), &x);
    assert_int_equal(x.den, 5);
    assert_int_equal(x.num, 2);
    assert_close(x.value, 40);
    assert_int_equal(x.persons, 5);
    assert_false(x.suppressed);
}

static void preventive_visits(void **state)
{
    struct ind_pv v[] = {
        {1, 1, 70, true, true}, {2, 1, 72, true, false}, {3, 1, 75, false, false},
        {4, 1, 76, true, true}, {5, 1, 80, true, true},  {6, 1, 83, true, false},
        {7, 1, 88, true, true}, {8, 1, 90, false, true}, /* accepted without an offer: no */
    };
    struct ind_value off[IND_AGE_COUNT], acc[IND_AGE_COUNT];
    ind_pv_by_age(v, 8, 0, off, acc);
    assert_close(off[IND_AGE_70_74].value, 100);
    assert_close(acc[IND_AGE_70_74].value, 50);
    assert_close(off[IND_AGE_75_79].value, 50);
    assert_close(acc[IND_AGE_75_79].value, 100);
    assert_close(off[IND_AGE_80_84].value, 100);
    assert_close(acc[IND_AGE_80_84].value, 50);
    assert_close(off[IND_AGE_85_PLUS].value, 50);
    assert_close(acc[IND_AGE_85_PLUS].value, 100);
    assert_true(off[IND_AGE_UNDER_70].empty);
    assert_int_equal(off[IND_AGE_ALL].den, 8);
    assert_int_equal(off[IND_AGE_ALL].num, 6);
    assert_close(off[IND_AGE_ALL].value, 75);
    assert_false(off[IND_AGE_ALL].suppressed);
    assert_int_equal(acc[IND_AGE_ALL].num, 4);
    assert_close(acc[IND_AGE_ALL].value, 100.0 * 4 / 6);
    assert_true(acc[IND_AGE_70_74].suppressed); /* two citizens */
    assert_int_equal(ind_age_group_of(69), IND_AGE_UNDER_70);
    assert_int_equal(ind_age_group_of(85), IND_AGE_85_PLUS);
    assert_string_equal(ind_age_group_label(IND_AGE_75_79), "75–79 år");
}

static void citizen_decides(void **state)
{
    struct ind_citizen c[] = {
        {1, 1, true, true, 2, true, true},   {2, 1, true, true, 0, false, false},
        {3, 1, true, false, 1, true, false}, {4, 1, true, true, 1, true, true},
        {5, 2, true, true, 0, false, true},  {6, 2, true, false, 3, true, false},
        {7, 2, false, true, 1, true, true}, /* no help: not counted */
    };
    struct ind_value x;
    ind_citizen_share(c, 7, IND_CF_WHAT_MATTERS, 0, &x);
    assert_int_equal(x.num, 4);
    assert_int_equal(x.den, 6);
    ind_citizen_share(c, 7, IND_CF_GOALS, 0, &x);
    assert_int_equal(x.num, 4);
    ind_citizen_share(c, 7, IND_CF_COORDINATOR, 0, &x);
    assert_int_equal(x.num, 4);
    ind_citizen_share(c, 7, IND_CF_NETWORK, 0, &x);
    assert_int_equal(x.num, 3);
    assert_close(x.value, 50);
    ind_citizen_share(c, 7, IND_CF_NETWORK, 2, &x);
    assert_int_equal(x.den, 2);
    assert_true(x.suppressed);

    struct ind_goal g[] = {
        {1, 1, IND_GOAL_REACHED, {2026, 11, 5}}, {2, 1, IND_GOAL_NOT_REACHED, {2026, 11, 6}},
        {3, 1, IND_GOAL_REACHED, {2026, 11, 7}}, {4, 1, IND_GOAL_OPEN, {0, 0, 0}},
        {5, 1, IND_GOAL_REACHED, {2026, 10, 1}},
    };
    ind_goals_reached(g, 5, &NOV, &x);
    assert_int_equal(x.num, 2);
    assert_int_equal(x.den, 3);
}

static void rehabilitation(void **state)
{
    struct arena a = ARENA_INIT;
    struct ind_course c[] = {
        /* ended in November, with a decision after */
        {1, 1, {2026, 9, 1}, {2026, 9, 4}, {2026, 11, 2}, 300, 120, true},  /* less */
        {2, 1, {2026, 9, 1}, {2026, 9, 8}, {2026, 11, 3}, 200, 0, true},    /* none */
        {3, 1, {2026, 9, 1}, {2026, 9, 15}, {2026, 11, 4}, 100, 150, true}, /* more */
        {4, 1, {2026, 9, 1}, {2026, 9, 3}, {2026, 11, 5}, 0, 0, true},      /* none */
        {5, 1, {2026, 9, 1}, {2026, 9, 11}, {2026, 11, 6}, 60, 60, true},   /* same */
        {6, 1, {2026, 9, 1}, {2026, 9, 2}, {2026, 11, 7}, 60, 0, false},    /* no decision yet */
        {7, 1, {2026, 11, 1}, {2026, 11, 3}, {0, 0, 0}, 90, 0, false},      /* running */
        /* started in November */
        {8, 1, {2026, 10, 29}, {2026, 11, 1}, {0, 0, 0}, 0, 0, false},  /* 3 days */
        {9, 1, {2026, 10, 26}, {2026, 11, 2}, {0, 0, 0}, 0, 0, false},  /* 7 */
        {10, 1, {2026, 10, 20}, {2026, 11, 3}, {0, 0, 0}, 0, 0, false}, /* 14 */
        {11, 1, {2026, 11, 2}, {2026, 11, 4}, {0, 0, 0}, 0, 0, false},  /* 2 */
        {12, 1, {2026, 10, 26}, {2026, 11, 5}, {0, 0, 0}, 0, 0, false}, /* 10 */
    };
    long n = sizeof c / sizeof c[0];
    struct ind_value x;
    ind_rehab_less_help(c, n, &NOV, &x);
    assert_int_equal(x.den, 5);
    assert_int_equal(x.num, 3);
    assert_close(x.value, 60);
    struct ind_dist d;
    assert_int_equal(ind_rehab_days_to_start(&a, c, n, &NOV, &d), 0);
    /* course 7 (2 days) and 8–12: 2 3 7 14 2 10 → sorted 2 2 3 7 10 14: median 5, p90 rank 6 */
    assert_int_equal(d.n, 6);
    assert_close(d.median, 5);
    assert_close(d.p90, 14);
    assert_false(d.suppressed);

    struct ind_first_grant f[] = {{1, 1, {2026, 11, 2}, true},  {2, 1, {2026, 11, 3}, false},
                                  {3, 1, {2026, 11, 4}, true},  {4, 1, {2026, 11, 5}, true},
                                  {5, 1, {2026, 11, 6}, false}, {6, 1, {2026, 12, 1}, true}};
    ind_rehab_first_share(f, 6, &NOV, &x);
    assert_int_equal(x.num, 3);
    assert_int_equal(x.den, 5);
    arena_release(&a);
}

static void welfare_technology(void **state)
{
    struct ind_wt_offer o[] = {
        {1, 1, {2026, 2, 1}}, {2, 1, {2026, 3, 1}},   {3, 1, {2026, 4, 1}},   {4, 2, {2026, 5, 1}},
        {5, 2, {2026, 6, 1}}, {5, 2, {2026, 9, 1}},   {6, 2, {2026, 12, 31}}, {1, 1, {2025, 1, 1}},
        {2, 1, {2025, 6, 1}}, {3, 1, {2025, 12, 31}},
    };
    struct ind_value now, before;
    ind_wt_offered(o, 10, 2026, 0, &now, &before);
    assert_close(now.value, 6); /* citizen 5 twice counts once */
    assert_false(now.suppressed);
    assert_close(before.value, 3);
    assert_true(before.suppressed);
    ind_wt_offered(o, 10, 2026, 2, &now, &before);
    assert_close(now.value, 3);
    assert_true(before.empty);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(catalogue_is_consistent),
        cmocka_unit_test(quantiles),
        cmocka_unit_test(continuity),
        cmocka_unit_test(no_visits),
        cmocka_unit_test(planning),
        cmocka_unit_test(time_with_citizens),
        cmocka_unit_test(falls),
        cmocka_unit_test(triage),
        cmocka_unit_test(evs),
        cmocka_unit_test(preventive_visits),
        cmocka_unit_test(citizen_decides),
        cmocka_unit_test(rehabilitation),
        cmocka_unit_test(welfare_technology),
    };
    return cmocka_run_group_tests_name("core/indicator", tests, NULL, NULL);
}
