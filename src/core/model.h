/*
 * model.h — omsorg's domain records: teams, staff (users), citizens and their
 * network. Plain structs; strings point into whoever filled them (usually a
 * request arena). No SQL, no HTTP here.
 */
#ifndef OMSORG_MODEL_H
#define OMSORG_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "core/cpr.h"

enum role {
    ROLE_NONE = 0,
    ROLE_ADMIN,     /* administrator: users, roles, teams — no citizen records */
    ROLE_VISITATOR, /* needs assessor: all citizens, creates and edits */
    ROLE_PLANNER,   /* team leader / planner: all teams' citizens, read */
    ROLE_CARER,     /* social and health care worker (SOSU): own team, read */
    ROLE_NURSE,     /* nurse (sygeplejerske): own team, read */
    ROLE_THERAPIST, /* physio/occupational therapist: own team, read */
    ROLE_MANAGER,   /* management (leder): indicators, no citizen records */
    ROLE_COUNT
};

/* "admin", "visitator", … ; NULL for an unknown value. */
const char *role_code(enum role r);
/* Danish display name: "Administrator", "Visitator", … */
const char *role_label(enum role r);
/* Parse a role code; ROLE_NONE when unknown. */
enum role role_parse(const char *code);

/* Skills a carer may have and a visit may need (codes are stable identifiers). */
extern const char *const skill_codes[];
extern const char *const skill_labels[];
extern const int skill_count;
/* Index of a skill code, or -1. */
int skill_index(const char *code);

/* Minutes after midnight, or -1 when not set. */
typedef int minute_t;
#define MINUTE_NONE (-1)

struct team {
    long id;
    const char *slug; /* "nord" */
    const char *name; /* "Team Nord" */
    const char *office_address;
    double office_lat, office_lon;
    int member_count; /* filled by listings */
};

struct shift {
    int weekday; /* 1 = Monday … 7 = Sunday */
    minute_t start, end;
};

struct user {
    long id;
    const char *username;
    const char *full_name;
    enum role role;
    long team_id;          /* 0 = all teams / none */
    const char *team_name; /* filled by reads */
    const char *email;
    const char *phone;
    bool active;
    unsigned skills; /* bit i = skill_codes[i] */
    struct shift shifts[7];
    int shift_count;
};

/* What a member of staff is chosen for in a form. */
enum staff_purpose {
    STAFF_CONTACT,    /* a citizen's coordinator (tovholder) or a grant's contact */
    STAFF_FOLLOW_UP,  /* who follows up a triage decision */
    STAFF_PREVENTIVE, /* who makes a preventive home visit */
    STAFF_ABSENCE,    /* who may be reported absent from the day's plan */
    STAFF_ROUTE,      /* who visits citizens on a route: carers, nurses, therapists */
};
/* May u be chosen for purpose p? Only active users; never administrators or
 * managers (no citizen work); preventive visits by visitators, nurses and
 * therapists; routes by carers, nurses and therapists. The one rule every
 * select and every check uses. */
bool staff_assignable(const struct user *u, enum staff_purpose p);

struct relative {
    long id;
    long citizen_id;
    const char *name;
    const char *relation; /* "datter", "nabo", … */
    const char *phone;
    const char *email;
    bool consent; /* the citizen consents to involving this person */
    bool is_network; /* network (neighbour, friend, volunteer) rather than family */
    const char *note;
};

/* The citizen's own daily rhythm, in their words and times. */
struct rhythm {
    minute_t get_up, breakfast, lunch, dinner, bedtime;
    const char *note;
};

struct citizen {
    long id;
    char cpr[11]; /* ten digits, no hyphen */
    const char *first_name;
    const char *last_name;
    const char *address;
    const char *postcode;
    const char *city;
    double lat, lon;
    bool has_position;
    const char *phone;
    bool lives_alone;
    long team_id;
    const char *team_name;
    long coordinator_id; /* tovholder: a staff user, 0 = none */
    const char *coordinator_name;
    const char *what_matters; /* "Hvad er vigtigt for dig?" in the citizen's words */
    struct rhythm rhythm;
    long version; /* optimistic concurrency: bumped on every update */
    const char *updated_at;
    /* Contact persons: staff users the citizen knows (filled by reads). */
    long contact_ids[8];
    const char *contact_names[8];
    int contact_count;
    struct relative *relatives;
    int relative_count;
};

struct audit_entry {
    long id;
    const char *at; /* ISO 8601, UTC */
    long user_id;
    const char *username;
    const char *full_name;
    const char *role;
    const char *action; /* "read", "update", "create", … */
    long citizen_id;
    const char *detail;
};

/* "HH:MM" → minutes; MINUTE_NONE for "" ; -2 on a malformed value. */
int minute_parse(const char *s);
/* minutes → "HH:MM" into out[6]; "" for MINUTE_NONE. */
void minute_format(minute_t m, char out[6]);

#endif
