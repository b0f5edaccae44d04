/*
 * grant.h — decisions (bevillinger): what help a citizen is granted, how it
 * moves through its statuses, and how its services become visit demand.
 *
 * Rehabilitation first: a time-limited course (with goals and an end date)
 * where there is potential; then helhedspleje (a weekly frame in minutes the
 * citizen helps shape, visit by visit) or itemised services; or a refusal
 * with reasons. Strings point into the caller's arena.
 */
#ifndef OMSORG_GRANT_H
#define OMSORG_GRANT_H

#include <stdbool.h>

#include "core/date.h"
#include "core/model.h"
#include "core/validate.h"

enum grant_kind { GRANT_REHABILITATION, GRANT_HELHEDSPLEJE, GRANT_SERVICES, GRANT_REFUSAL,
                  GRANT_KIND_COUNT };
enum grant_status { GS_DRAFT, GS_DECIDED, GS_SENT, GS_CHANGED, GS_ENDED, GS_APPEALED,
                    GS_COUNT };
enum anchor { ANCHOR_GET_UP, ANCHOR_BREAKFAST, ANCHOR_LUNCH, ANCHOR_DINNER, ANCHOR_BEDTIME,
              ANCHOR_FIXED, ANCHOR_COUNT };

#define GRANT_MAX_SERVICES 16

struct grant_service {
    long id;
    const char *code;  /* FSIII intervention (H…), may be "" */
    const char *label; /* "Hjælp til at komme op og i bad" */
    unsigned weekdays; /* bit 0 = Monday … bit 6 = Sunday */
    enum anchor anchor;
    minute_t at;    /* for ANCHOR_FIXED */
    int offset;     /* minutes after the anchor (may be negative) */
    int flex;       /* window half-width in minutes */
    int duration;   /* minutes on site */
    const char *skill;
    int carers;     /* 1 or 2 */
};

struct grant {
    long id;
    long citizen_id;
    enum grant_kind kind;
    enum grant_status status;
    const char *requested;
    const char *reason;
    const char *goals;
    struct date start, end, follow_up; /* year 0 = not set */
    int weekly_minutes;                /* helhedspleje frame; 0 = none */
    long contact_id;
    const char *contact_name;
    long version;
    const char *decided_at;
    struct grant_service services[GRANT_MAX_SERVICES];
    int service_count;
};

struct grant_event {
    const char *at;
    const char *who;
    const char *from, *to;
    const char *note;
};

const char *grant_kind_code(enum grant_kind k);
const char *grant_kind_label(enum grant_kind k);
int grant_kind_parse(const char *code); /* -1 when unknown */
const char *grant_status_code(enum grant_status s);
const char *grant_status_label(enum grant_status s);
int grant_status_parse(const char *code);
const char *anchor_code(enum anchor a);
const char *anchor_label(enum anchor a);
int anchor_parse(const char *code);

/* May a grant move from one status to another? (draft→decided→sent;
 * decided/sent→changed/ended/appealed; changed→sent/ended/appealed;
 * appealed→changed/ended.) */
bool grant_transition_ok(enum grant_status from, enum grant_status to);
/* May its content (services, dates, texts) still be edited? */
bool grant_editable(enum grant_status s);
/* Does the grant give help on this day (status and dates)? */
bool grant_active_on(const struct grant *g, struct date day);

/* Check a grant as entered; Danish field errors into v. today is for the
 * start-date rule. Services are checked per index ("services[2].duration"). */
void grant_validate(const struct grant *g, struct date today, struct validation *v);
/* Sum of minutes per week the services use. */
int grant_weekly_service_minutes(const struct grant *g);

/* --- demand ------------------------------------------------------------ */
/* One visit a service gives on one day. */
struct visit_demand {
    long service_id;
    long grant_id;
    long citizen_id;
    minute_t window_start, window_end; /* service must start inside */
    int duration;
    const char *skill;
    int carers;
};

/* The visit a service gives on day (if any), with its window taken from the
 * citizen's daily rhythm ("gets up around 8:30" → a window around 8:30).
 * Returns false when the service gives no visit that day. */
bool demand_for_day(const struct grant *g, const struct grant_service *s,
                    const struct rhythm *rhythm, struct date day, struct visit_demand *out);
/* The minute a service is anchored to for a citizen: the rhythm's time or a
 * sensible default when the citizen has not said (get up 08:00, breakfast
 * 08:30, lunch 12:00, dinner 17:30, bedtime 22:00). */
minute_t anchor_minute(enum anchor a, minute_t fixed_at, const struct rhythm *rhythm);

#endif
