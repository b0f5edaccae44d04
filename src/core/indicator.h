/*
 * indicator.h — the indicator catalogue and the pure computation of each
 * indicator over plain input arrays (no SQL, no clock): the figures a
 * leader shows the city council to see whether the policy happens.
 *
 * Every definition (numerator, denominator, period, unit, direction,
 * suppression) is written out in docs/indicators.md; the ids here are the
 * ones policy packs (core/policy.h) refer to. Phase 2 fills the input
 * arrays from the store and stores monthly snapshots of the results.
 *
 * Common rules:
 *   - A period is [from, to], both days included; team_id 0 = all teams.
 *   - Small numbers: no figure is shown that rests on fewer than
 *     IND_MIN_PERSONS distinct citizens (or employees, for staff figures):
 *     such a result has suppressed = true and must not be displayed
 *     (the value is still filled in, for tests and for summing up).
 *   - empty = true when there was nothing to measure (denominator 0).
 *   - Shares are percentages (0–100); rates say their base.
 *
 * Memory: the compute functions write into the caller's result structs;
 * where they need scratch space they take an arena and allocate from it
 * (those return 0, or -1 when out of memory).
 * Input arrays are read only (ind_mark_known writes the flag it sets).
 */
#ifndef OMSORG_INDICATOR_H
#define OMSORG_INDICATOR_H

#include <stdbool.h>

#include "core/date.h"
#include "core/hr.h"
#include "core/observation.h"
#include "lib/arena.h"

#define IND_MIN_PERSONS 5 /* no cell under 5 citizens */

/* --- the catalogue --------------------------------------------------------- */
enum ind_unit {
    IND_UNIT_PERCENT,  /* share, 0–100 */
    IND_UNIT_COUNT,    /* a number of things (carers, citizens) */
    IND_UNIT_DAYS,     /* days */
    IND_UNIT_MINUTES,  /* minutes */
    IND_UNIT_PER_1000, /* events per 1,000 visits */
    IND_UNIT_SCORE,    /* a 0–100 score */
};

enum ind_better { IND_HIGHER_IS_BETTER, IND_LOWER_IS_BETTER };

enum ind_source {
    IND_SRC_CARE,   /* omsorg's own daily work */
    IND_SRC_HR,     /* the HR CSV import (core/hr.h) */
    IND_SRC_SURVEY, /* the citizen portal's survey (issue 32) */
    IND_SRC_MEDCOM, /* hospital messages (issue 31) */
};

struct indicator_def {
    const char *id;   /* "continuity.carers_per_week" */
    const char *name; /* Danish, as shown to the leader */
    const char *area; /* Danish group heading: "Kontinuitet", … */
    enum ind_unit unit;
    enum ind_better better;
    enum ind_source source;
    bool distribution;   /* a median and p90 rather than one figure */
    const char *not_yet; /* NULL when omsorg measures it; else why not yet (Danish) */
};

/* The whole catalogue, in display order; *n gets its length. */
const struct indicator_def *indicator_catalogue(int *n);
/* Look an id up; NULL when unknown. */
const struct indicator_def *indicator_find(const char *id);
const char *ind_unit_label(enum ind_unit u); /* "%", "dage", "pr. 1.000 besøg", … */

/* --- results ---------------------------------------------------------------- */
struct ind_value {
    double value;    /* the figure in the indicator's unit */
    long num, den;   /* numerator and denominator (a count, for counts) */
    long persons;    /* distinct citizens (or employees) behind the figure */
    bool suppressed; /* persons < IND_MIN_PERSONS: do not show */
    bool empty;      /* nothing to measure */
};

struct ind_dist {
    double median, p90; /* median: mean of the middle two when n is even; p90: nearest rank */
    long n;             /* observations */
    long persons;
    bool suppressed, empty;
};

struct ind_period {
    struct date from, to; /* both included */
    long team_id;         /* 0 = all teams */
};

/* Median and p90 of v[0..n-1] (sorted in place). */
void ind_quantiles(double *v, long n, double *median, double *p90);

/* --- continuity -------------------------------------------------------------- */
/* One planned visit of one carer (a two-carer visit is two rows). */
struct ind_visit {
    long citizen_id;
    struct date day;
    long citizen_team;   /* the citizen's team on that day */
    long carer_id;       /* 0 = nobody assigned (an unplanned visit) */
    long carer_team;     /* the carer's team; 0 when unassigned */
    bool done;           /* documented as done */
    bool known;          /* set by ind_mark_known(): the carer came in the 14 days before */
    bool outside_window; /* started outside the citizen's window */
    double travel_min;   /* travel to this visit, minutes (assigned visits) */
};

#define IND_KNOWN_DAYS 14

/* Mark each visit whose carer made a done visit to the same citizen in the
 * IND_KNOWN_DAYS days before its day (not the same day). Give the visits of
 * the 14 days before the period too. Sorts v by (citizen, day). */
void ind_mark_known(struct ind_visit *v, long n);
/* Distinct carers per citizen per ISO week (Monday–Sunday), counting done
 * visits of weeks that start inside the period. A citizen-week belongs to
 * the team the citizen had at its last visit that week, so a citizen who
 * moved team mid-week counts once, for the new team. */
int ind_carers_per_week(struct arena *a, const struct ind_visit *v, long n,
                        const struct ind_period *p, struct ind_dist *out);
/* Share of done visits in the period made by a carer of the citizen's own
 * team that day (team filter: the citizen's team). */
void ind_own_team_share(const struct ind_visit *v, long n, const struct ind_period *p,
                        struct ind_value *out);
/* Share of done visits in the period made by a known carer. */
void ind_known_carer_share(const struct ind_visit *v, long n, const struct ind_period *p,
                           struct ind_value *out);

/* --- planning ------------------------------------------------------------------ */
/* Share of planned visits (rows) in the period with nobody assigned. */
void ind_unplanned_share(const struct ind_visit *v, long n, const struct ind_period *p,
                         struct ind_value *out);
/* Share of assigned visits started outside the citizen's window. */
void ind_outside_window_share(const struct ind_visit *v, long n, const struct ind_period *p,
                              struct ind_value *out);
/* Travel minutes per assigned visit. */
void ind_travel_per_visit(const struct ind_visit *v, long n, const struct ind_period *p,
                          struct ind_value *out);

/* A carer's shift on a day and the times checked in with citizens. */
struct ind_shift {
    long staff_id;
    long team_id;
    struct date day;
    int start, end; /* minutes after midnight, local time */
};
struct ind_presence {
    long staff_id;
    struct date day;
    int in, out; /* check-in and check-out, minutes; out < 0 = no check-out (left out) */
};
/* Share of shift minutes spent with citizens: the union of check-in →
 * check-out intervals (overlaps counted once), clipped to the shift.
 * Persons are the distinct carers (the figure is about staff). Sorts pr. */
void ind_time_with_citizens(struct ind_presence *pr, long npr, const struct ind_shift *s, long ns,
                            const struct ind_period *p, struct ind_value *out);

/* --- early action ---------------------------------------------------------------- */
struct ind_fall {
    long citizen_id;
    long team_id;
    struct date on;
};
/* Falls per 1,000 done visits in the period. Persons: citizens visited. */
void ind_falls_per_1000(const struct ind_fall *f, long nf, const struct ind_visit *v, long nv,
                        const struct ind_period *p, struct ind_value *out);

struct ind_triage {
    long citizen_id;
    long team_id;
    enum triage_level level;
    long decided_at;     /* seconds since 1970 UTC */
    long followed_up_at; /* the first follow-up (task done or a newer decision); 0 = none yet */
};
/* Share of decisions of a level (yellow: 48 h, red: 24 h, from
 * triage_follow_up_seconds()) decided in the period that were followed up
 * in time. A decision still inside its time at `now` and not followed up is
 * left out (pending). */
void ind_triage_in_time(const struct ind_triage *t, long n, enum triage_level level,
                        const struct ind_period *p, long now, struct ind_value *out);

struct ind_weight_loss {
    long citizen_id;
    long team_id;
    struct date detected; /* the weight that showed ≥ 1 kg unplanned loss (rules_weight_loss) */
    struct date evs;      /* the first EVS on or after detected; year 0 = none */
};
#define IND_EVS_DAYS 7
/* Share of losses detected in the period with an EVS within 7 days.
 * A loss less than 7 days before `today` without an EVS is pending. */
void ind_evs_within_7d(const struct ind_weight_loss *w, long n, const struct ind_period *p,
                       struct date today, struct ind_value *out);

/* Preventive home visits of one list year, by age group. */
enum ind_age_group {
    IND_AGE_UNDER_70,
    IND_AGE_70_74,
    IND_AGE_75_79,
    IND_AGE_80_84,
    IND_AGE_85_PLUS,
    IND_AGE_ALL,
    IND_AGE_COUNT
};
struct ind_pv {
    long citizen_id;
    long team_id;
    int age;       /* the age the citizen turns in the year */
    bool offered;  /* invited (any status but not invited) */
    bool accepted; /* accepted, booked, held or referred */
};
const char *ind_age_group_label(enum ind_age_group g); /* "75–79 år" */
enum ind_age_group ind_age_group_of(int age);
/* offered[g]: share of the eligible citizens (the rows) offered a visit;
 * accepted[g]: share of the offered who accepted. */
void ind_pv_by_age(const struct ind_pv *v, long n, long team_id,
                   struct ind_value offered[IND_AGE_COUNT],
                   struct ind_value accepted[IND_AGE_COUNT]);

/* --- the citizen decides, coherence ------------------------------------------------- */
struct ind_citizen {
    long id;
    long team_id;
    bool receives_help;   /* a grant in force on the period's last day */
    bool what_matters;    /* "Hvad er vigtigt for dig?" written down */
    int goals;            /* goals in the citizen's own words */
    bool coordinator;     /* a named tovholder */
    bool network_consent; /* a relative or network person the citizen consents to involve */
};
enum ind_citizen_flag { IND_CF_WHAT_MATTERS, IND_CF_GOALS, IND_CF_COORDINATOR, IND_CF_NETWORK };
/* Share of citizens receiving help who have the flag. */
void ind_citizen_share(const struct ind_citizen *c, long n, enum ind_citizen_flag flag,
                       long team_id, struct ind_value *out);

enum ind_goal_status { IND_GOAL_OPEN, IND_GOAL_REACHED, IND_GOAL_NOT_REACHED };
struct ind_goal {
    long citizen_id;
    long team_id;
    enum ind_goal_status status;
    struct date followed_up; /* when the follow-up was recorded; year 0 = open */
};
/* Share of goals followed up in the period that were reached. */
void ind_goals_reached(const struct ind_goal *g, long n, const struct ind_period *p,
                       struct ind_value *out);

/* --- rehabilitation first ------------------------------------------------------------- */
struct ind_course {
    long citizen_id;
    long team_id;
    struct date requested;  /* the citizen's request (henvendelse) */
    struct date start, end; /* the course; end year 0 = still running */
    int minutes_before;     /* weekly help the citizen had or was assessed to need at the start */
    int minutes_after;      /* weekly help granted after the course */
    bool after_known;       /* a decision after the course exists */
};
/* Share of courses ended in the period (with a decision after) that ended
 * with less help than before (minutes_after < minutes_before) or none. */
void ind_rehab_less_help(const struct ind_course *c, long n, const struct ind_period *p,
                         struct ind_value *out);
/* Days from request to start for courses starting in the period. */
int ind_rehab_days_to_start(struct arena *a, const struct ind_course *c, long n,
                            const struct ind_period *p, struct ind_dist *out);

/* A citizen's first grant (the first decision that gives or refuses help). */
struct ind_first_grant {
    long citizen_id;
    long team_id;
    struct date start;
    bool rehabilitation; /* the first grant is a rehabilitation course */
};
/* Share of first grants starting in the period that were a rehabilitation course. */
void ind_rehab_first_share(const struct ind_first_grant *g, long n, const struct ind_period *p,
                           struct ind_value *out);

/* --- welfare technology ----------------------------------------------------------------- */
struct ind_wt_offer {
    long citizen_id;
    long team_id;
    struct date offered;
};
/* Distinct citizens offered a welfare-technology solution in calendar year
 * `year` (out) and in the year before (previous). */
void ind_wt_offered(const struct ind_wt_offer *o, long n, int year, long team_id,
                    struct ind_value *out, struct ind_value *previous);

/* --- staff (from the HR import, core/hr.h) ------------------------------------------- */
/* team: omsorg's team slug, NULL or "" = every team. Persons are distinct
 * employees; the same small-number rule applies (no cell under 5). */
/* Short-term sick days / planned working days of the rows whose period
 * lies inside the period, in percent. */
int ind_short_sick_leave(struct arena *a, const struct hr_row *r, long n,
                         const struct ind_period *p, const char *team, struct ind_value *out);
/* Of the employees whose introduction ended in the period (latest row per
 * employee), the share still employed after it. */
int ind_retention_after_intro(struct arena *a, const struct hr_row *r, long n,
                              const struct ind_period *p, const char *team, struct ind_value *out);
/* Of the students whose education ended two years before a day in the
 * period (the two-year mark falls in the period), the share employed on
 * that mark. */
int ind_students_after_2y(struct arena *a, const struct hr_row *r, long n,
                          const struct ind_period *p, const char *team, struct ind_value *out);
/* Mean wellbeing score (0–100) of the rows in the period that have one. */
int ind_wellbeing(struct arena *a, const struct hr_row *r, long n, const struct ind_period *p,
                  const char *team, struct ind_value *out);

#endif
