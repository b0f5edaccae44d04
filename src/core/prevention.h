/*
 * prevention.h — preventive home visits (forebyggende hjemmebesøg): who is
 * to be offered a visit in a year, by the municipality's configurable rules,
 * the states a visit moves through, and the invitation letter in plain
 * Danish. Pure functions: no SQL, no HTTP. Strings point into the caller's
 * arena (or are static where said).
 *
 * Default rules (every one can be changed or switched off with 0):
 *   - living alone, in the year they turn 70          (lives_alone_age)
 *   - everyone, in the year they turn 75 and 80         (ages)
 *   - everyone 82 or older, every year                  (every_year_from)
 *   - 65–81 when marked at particular risk (særlig risiko, e.g. recently
 *     widowed), from the year of the marker             (risk_from, risk_to)
 *   - optionally not those who already get both personal and practical help
 *                                                       (exclude_full_help)
 *
 * "The year they turn N" is either the calendar year (1 January – 31
 * December of the year of the Nth birthday) or the birthday year (from the
 * Nth birthday to the day before the next). Either way a citizen is on the
 * list of the year in which that period starts — so the set of citizens on a
 * year's list is the same in both modes — and the period is the window in
 * which the visit is to be offered (due_from … due_to). A 29 February
 * birthday falls on 1 March in other years (as date_age() counts).
 */
#ifndef OMSORG_PREVENTION_H
#define OMSORG_PREVENTION_H

#include <stdbool.h>

#include "core/date.h"
#include "core/letter.h"
#include "core/model.h"
#include "core/validate.h"
#include "lib/arena.h"

#define PV_MAX_AGES 6

enum pv_year_mode { PV_CALENDAR_YEAR, PV_BIRTHDAY_YEAR };

/* The municipality's settings (one row per database). */
struct prevention_settings {
    const char *municipality; /* "Herlev Kommune", signs the letter */
    const char *phone;        /* for the letter: how to change the time or say no */
    enum pv_year_mode mode;
    int lives_alone_age;   /* 70; 0 = off */
    int ages[PV_MAX_AGES]; /* everyone in the year they turn one of these: 75, 80 */
    int age_count;
    int every_year_from;    /* 82; 0 = off */
    int risk_from, risk_to; /* 65–81; risk_from 0 = off */
    bool exclude_full_help;
    long version;
    const char *updated_at;
};

/* Why a citizen is on the list (bits, so that all matching rules show). */
enum pv_rule {
    PV_RULE_NONE = 0,
    PV_RULE_EVERY_YEAR = 1, /* 82 or older */
    PV_RULE_AGE = 2,        /* turns 75 or 80 */
    PV_RULE_ALONE = 4,      /* lives alone and turns 70 */
    PV_RULE_RISK = 8,       /* særlig risiko */
};

/* What the rules say for one citizen in one year. */
struct pv_decision {
    unsigned rules;               /* every rule that matches (enum pv_rule bits) */
    enum pv_rule rule;            /* the one shown first (order: every year, age, alone, risk) */
    int age;                      /* the age the citizen turns in the period */
    struct date due_from, due_to; /* when the visit is to be offered */
    bool excluded;                /* matched, but gets both personal and practical help */
};

/* What the eligibility rules need to know about a citizen. */
struct pv_person {
    struct date birth;
    bool lives_alone;
    bool at_risk;
    struct date risk_since;             /* the marker's date; year 0 = no marker */
    bool personal_help, practical_help; /* from decided/sent/changed grants */
};

/* The defaults above (static strings). */
void prevention_defaults(struct prevention_settings *s);
/* Check settings; Danish field errors into v (fields as in the API). */
void prevention_settings_validate(const struct prevention_settings *s, struct validation *v);
/* "75,80" → ages; false when malformed (not numbers 1–130, more than
 * PV_MAX_AGES, repeated). Spaces allowed. "" gives no ages. */
bool prevention_ages_parse(const char *text, struct prevention_settings *s);
/* ages → "75,80" (arena). */
const char *prevention_ages_text(struct arena *a, const struct prevention_settings *s);
const char *pv_year_mode_code(enum pv_year_mode m); /* "calendar", "birthday" */
int pv_year_mode_parse(const char *code);           /* -1 when unknown */

/* Apply the rules for list year `year`. Returns true when the citizen is to
 * be offered a visit (some rule matched and the citizen is not excluded);
 * *out is filled either way (rules 0 when nothing matched). */
bool prevention_eligible(const struct prevention_settings *s, const struct pv_person *p, int year,
                         struct pv_decision *out);
const char *pv_rule_code(enum pv_rule r); /* "every_year", "age", "lives_alone", "risk" */
/* Danish reason for a citizen, e.g. "Bor alene og fylder 70 år" (arena). */
const char *pv_rule_text(struct arena *a, enum pv_rule r, int age);
int pv_rule_parse(const char *code); /* -1 when unknown */

/* --- the visit ---------------------------------------------------------- */
enum pv_status {
    PV_NOT_INVITED, /* no row yet */
    PV_INVITED,     /* a letter with a proposed time has gone out */
    PV_ACCEPTED,    /* the citizen said yes, no time agreed yet */
    PV_BOOKED,      /* date, time and who */
    PV_HELD,        /* the visit took place */
    PV_DECLINED,    /* the citizen said no thank you */
    PV_REFERRED,    /* held, and a referral was made (training, nutrition, …) */
    PV_STATUS_COUNT
};
/* Outcomes staff record after an invitation or a visit. */
enum pv_outcome { PV_OUT_ACCEPTED, PV_OUT_DECLINED, PV_OUT_HELD, PV_OUT_REFERRAL, PV_OUT_COUNT };

struct pv_visit {
    long id;
    long citizen_id;
    int year;
    enum pv_status status;
    enum pv_rule rule;    /* why the citizen was invited */
    struct date proposed; /* in the invitation */
    minute_t proposed_at;
    struct date booked; /* agreed date and time */
    minute_t booked_at;
    long staff_id; /* who visits, 0 = not yet */
    const char *staff_name;
    const char *referral; /* what the referral is, e.g. "Træning i Seniorcentret" */
    const char *note;
    const char *updated_at;
    long version;
};

const char *pv_status_code(enum pv_status s);  /* "not_invited", "invited", … */
const char *pv_status_label(enum pv_status s); /* "Ikke inviteret", … */
int pv_status_parse(const char *code);
const char *pv_outcome_code(enum pv_outcome o); /* "accepted", "declined", "held", "referral" */
const char *pv_outcome_label(enum pv_outcome o);
int pv_outcome_parse(const char *code);
/* The status an outcome leads to, when it is allowed from `from`;
 * PV_STATUS_COUNT otherwise. */
enum pv_status pv_outcome_status(enum pv_status from, enum pv_outcome o);
/* May a visit be (re)invited or booked from this status? */
bool pv_can_invite(enum pv_status s);
bool pv_can_book(enum pv_status s);

/* Check an invitation or booking time: date not before today, time 07:00–
 * 20:00 on the quarter hour not required; errors on date_field/time_field. */
void pv_time_validate(struct date d, minute_t at, struct date today, const char *date_field,
                      const char *time_field, struct validation *v);

/* A list year as text: "2026" → 2026; 0 when absent or empty; -1 for
 * anything else, or a year outside 2000–2100. */
int pv_year_parse(const char *s);

/* --- the invitation letter ------------------------------------------------ */
/* Build the invitation to first_name last_name for a visit on `when` at
 * `at`; staff_name may be NULL or "". It cites basis (the preventive-visit
 * basis in force, law_basis_for(…, LAW_TOPIC_PREVENTIVE_VISIT, …); NULL =
 * no citation). LIX in out->lix. Returns 0, or -1 when out of memory. */
int prevention_letter_build_cited(struct arena *a, const struct prevention_settings *s,
                                  const char *first_name, const char *last_name, struct date when,
                                  minute_t at, const char *staff_name,
                                  const struct law_basis *basis, struct letter *out);
/* prevention_letter_build_cited() with the compiled-in legal bases in force
 * on the day of the visit. Returns -1 when out of memory or the law data fail. */
int prevention_letter_build(struct arena *a, const struct prevention_settings *s,
                            const char *first_name, const char *last_name, struct date when,
                            minute_t at, const char *staff_name, struct letter *out);
/* A proposed date for a new invitation: the first Monday–Thursday at least
 * three weeks after `on`. */
struct date prevention_suggest_date(struct date on);

#endif
