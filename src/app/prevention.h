/*
 * prevention.h — use cases of preventive home visits (forebyggende
 * hjemmebesøg): the year's list by the municipality's rules, one citizen's
 * entry and invitation letter, the visit's steps (invite, book, outcome),
 * the særlig-risiko marker, and the rules themselves. See app.h for the
 * contract every use case keeps.
 *
 * Who: visitators and planners (CAP_PREVENTION); the rules are read by them
 * and administrators (CAP_PREVENTION_RULES) and changed by administrators
 * (CAP_ADMIN).
 *
 * Audit: the list shows many citizens' names at once and writes one
 * "prevention_list" row (no citizen; "year=2026 shown=41"). Opening one
 * citizen (the entry or the letter) writes a "read" row with detail
 * "prevention_list". Every change writes a "prevention" row in its
 * transaction ("invited 2026", "booked 2026", "held 2026", "risk marked",
 * "risk cleared"); a change of the rules a "prevention_settings" row.
 *
 * A year is 2000–2100, 0 meaning this year (else APP_INVALID, field "year").
 */
#ifndef OMSORG_APP_PREVENTION_H
#define OMSORG_APP_PREVENTION_H

#include "app/app.h"

/* One line of a year's list: the citizen, what the rules say, the visit
 * (NULL = not invited). */
struct pv_entry {
    const struct pv_candidate *c;
    struct pv_decision d;
    const struct pv_visit *visit;
};
/* The entry's status: not invited when there is no visit. */
enum pv_status pv_entry_status(const struct pv_entry *e);

/* Which entries a list shows; every entry counts in the totals. */
struct pv_filter {
    int status; /* enum pv_status, -1 = all */
    int rule;   /* enum pv_rule, 0 = all */
    long team;  /* 0 = all */
};

struct pv_list {
    int year;
    struct prevention_settings settings;
    struct pv_entry *entries; /* everyone on the list, and anyone with a visit that year, by name */
    bool *shown;              /* per entry: passes the filter */
    int count, shown_count;
    int excluded;                   /* left out for having both personal and practical help */
    int by_status[PV_STATUS_COUNT]; /* over every entry */
    struct team *teams;             /* for a filter */
    int team_count;
};

enum app_rc app_prevention_list(struct app *a, int year, const struct pv_filter *f,
                                struct pv_list *out);

/* One citizen in a year. */
struct pv_citizen {
    int year;
    struct prevention_settings settings;
    struct pv_entry entry;
    bool listed; /* false when the rules give no offer that year (and no visit exists) */
    struct citizen citizen;
    struct user *staff; /* who can make the visit (staff_assignable) */
    int staff_count;
};

enum app_rc app_prevention_get(struct app *a, long citizen_id, int year, struct pv_citizen *out);

/* The invitation: the proposed time when invited, else a suggested date at
 * 10:00 (proposal_only). */
struct pv_letter {
    struct pv_citizen who;
    struct letter letter;
    bool proposal_only;
};

enum app_rc app_prevention_letter(struct app *a, long citizen_id, int year, struct pv_letter *out);

enum pv_step { PV_STEP_INVITE, PV_STEP_BOOK, PV_STEP_OUTCOME };

/* What a step asks for. */
struct pv_step_input {
    int year;
    struct date date;        /* invite and book; year 0 when missing or malformed */
    minute_t at;             /* invite and book; < 0 when missing or malformed */
    long staff_id;           /* who visits: optional to invite, required to book */
    enum pv_outcome outcome; /* PV_OUT_COUNT when missing or unknown */
    const char *referral;    /* required for a referral */
    const char *note;
    long version; /* the visit's version as read; 0 = do not check */
};

/* Move the citizen's visit of in->year one step. Fails with APP_INVALID
 * "not_eligible" (the rules do not list the citizen and there is no visit),
 * APP_CONFLICT "conflict" (version), APP_INVALID "validation" (fields
 * "date", "time", "staff_id", "outcome", "referral", "note"), APP_CONFLICT
 * "bad_transition" (the visit's state does not allow the step), APP_INVALID
 * "invalid_reference" (the member of staff is gone). */
enum app_rc app_prevention_step(struct app *a, long citizen_id, enum pv_step step,
                                const struct pv_step_input *in);

/* Set the særlig-risiko marker: a reason and the date ("YYYY-MM-DD", not
 * after today) into *since. */
enum app_rc app_prevention_risk_set(struct app *a, long citizen_id, const char *reason,
                                    const char *since_text, struct date *since);
/* Clear it; APP_NOT_FOUND "no_marker" when there is none. */
enum app_rc app_prevention_risk_clear(struct app *a, long citizen_id);

/* The rules in force. */
enum app_rc app_prevention_settings(struct app *a, struct prevention_settings *out);
/* Replace the rules with *s when s->version is the stored one (0 = do not
 * check; APP_CONFLICT "conflict" otherwise); *s is then the stored rules. */
enum app_rc app_prevention_settings_save(struct app *a, struct prevention_settings *s);

#endif
