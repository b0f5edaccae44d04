/*
 * assessment.h — FSIII assessments of a citizen's function and health, the
 * change between two assessments, and the citizen's goals.
 *
 * An assessment is dated and made by a visitator with one imported version
 * of FSIII (core/fsiii.h). For each functional condition (group J,
 * subcategories such as J1.1) it holds the professional's current and
 * expected level on FSIII's scale (0 none … 4 complete limitation, 9 not
 * relevant) beside the citizen's own view (performance: a code of group C;
 * importance: a code of group D) and FSIII's note (need, cause, symptoms).
 * Health conditions (group I subcategories) are listed when relevant, with a
 * note. Assessments are never changed; a new one is a new row set.
 *
 * Goals are the citizen's own words, linked to conditions, with what should
 * happen to them and a follow-up date. Goal types and statuses are omsorg's
 * stable identifiers (below), not FSIII codes.
 *
 * Strings point into whoever filled the structs (usually a request arena).
 * Validation messages are Danish and static; field names for per-condition
 * errors ("J1.1.current") are allocated in the arena passed in.
 */
#ifndef OMSORG_ASSESSMENT_H
#define OMSORG_ASSESSMENT_H

#include <stdbool.h>

#include "core/fsiii.h"
#include "core/validate.h"
#include "lib/arena.h"

#define LEVEL_NONE           (-1) /* expected level not set */
#define ASSESSMENT_MAX_ITEMS 128  /* conditions of one kind in one assessment */
#define GOAL_MAX_CODES       16

/* True for a level on FSIII's scale: 0–4, or 9 (not relevant). */
bool fsiii_level_ok(int level);

struct assessment_function {
    const char *code;        /* group J subcategory */
    const char *display;     /* filled by reads */
    int current;             /* 0–4 or 9 */
    int expected;            /* 0–4, 9 or LEVEL_NONE */
    const char *performance; /* group C code or "" */
    const char *importance;  /* group D code or "" */
    const char *need, *cause, *symptoms;
};

struct assessment_health {
    const char *code;    /* group I subcategory */
    const char *display; /* filled by reads */
    const char *note;
};

struct assessment {
    long id;
    long citizen_id;
    long version_id;         /* fsiii_version row */
    const char *version;     /* "20240530", filled by reads */
    const char *assessed_on; /* YYYY-MM-DD */
    long assessor_id;
    const char *assessor_name; /* filled by reads */
    const char *note;
    const char *created_at;
    struct assessment_function *functions;
    int function_count;
    struct assessment_health *health;
    int health_count;
};

/* Check an assessment against the concepts of its FSIII version: a real
 * date not in the future, at least one condition, codes that exist in the
 * right group (J subcategories, I subcategories, C and D answers), levels
 * on the scale, text lengths. Field names are "<code>.<part>" (e.g.
 * "J1.1.current", "I3.2.note"), allocated in a. */
void assessment_validate(const struct assessment *x, const struct fsiii_concept *concepts, int n,
                         struct arena *a, struct validation *v);

enum change {
    CHANGE_SAME,         /* same level; a health condition still relevant */
    CHANGE_BETTER,       /* lower level (fewer limitations) */
    CHANGE_WORSE,        /* higher level */
    CHANGE_NEW,          /* assessed or relevant now, not before */
    CHANGE_GONE,         /* assessed or relevant before, not now */
    CHANGE_UNCOMPARABLE, /* 9 (not relevant) on one side only */
};

/* One condition's change between two assessments. */
struct condition_change {
    const char *code, *display;
    int before, after; /* levels; LEVEL_NONE when not assessed (or for health) */
    enum change change;
};

/* Compare the conditions of prev and cur (both filled, prev the older).
 * Functions come in cur's order, then those only in prev; the same for
 * health conditions. Arrays are allocated in a. False when out of memory. */
bool assessment_compare(const struct assessment *prev, const struct assessment *cur,
                        struct arena *a, struct condition_change **functions, int *nfunctions,
                        struct condition_change **health, int *nhealth);
/* Danish words for a change of a functional condition: "bedre", "værre",
 * "uændret", "ny", "ikke vurderet nu", "kan ikke sammenlignes". */
const char *change_label(enum change c);
/* Danish words for a health condition: "ny", "ikke længere relevant",
 * "fortsat relevant". */
const char *health_change_label(enum change c);
/* Stable API identifiers: "same", "better", "worse", "new", "gone",
 * "uncomparable". */
const char *change_code(enum change c);
/* An arrow that repeats the words for sighted readers ("↓", "↑", "→", …). */
const char *change_arrow(enum change c);

/* --- goals -------------------------------------------------------------- */

enum goal_type { GOAL_TYPE_NONE = 0, GOAL_DISAPPEAR, GOAL_LESSEN, GOAL_MAINTAIN, GOAL_TYPE_COUNT };
enum goal_status {
    GOAL_STATUS_NONE = 0,
    GOAL_OPEN,
    GOAL_REACHED,
    GOAL_NOT_REACHED,
    GOAL_STATUS_COUNT
};

/* "disappear", "lessen", "maintain"; NULL for an unknown value. */
const char *goal_type_code(enum goal_type t);
/* "Tilstanden skal forsvinde", "… mindskes", "… fastholdes (ikke forværres)". */
const char *goal_type_label(enum goal_type t);
enum goal_type goal_type_parse(const char *code);
/* "open", "reached", "not_reached"; NULL for an unknown value. */
const char *goal_status_code(enum goal_status s);
/* "Åben", "Nået", "Ikke nået". */
const char *goal_status_label(enum goal_status s);
enum goal_status goal_status_parse(const char *code);

struct goal {
    long id;
    long citizen_id;
    const char *text; /* in the citizen's own words */
    enum goal_type type;
    const char *follow_up_on; /* YYYY-MM-DD */
    enum goal_status status;
    const char *status_note;
    const char *followed_up_at; /* when the status was last set ("" while open) */
    const char *followed_up_by_name;
    long created_by;
    const char *created_by_name;
    const char *created_at;
    const char *codes[GOAL_MAX_CODES];         /* conditions: group I or J subcategories */
    const char *code_displays[GOAL_MAX_CODES]; /* filled by reads */
    int code_count;
};

/* A new goal: text (required, ≤ 1000), a type, a follow-up date (a real
 * date, not before today), 1–16 distinct condition codes of group I or J. */
void goal_validate(const struct goal *g, const struct fsiii_concept *concepts, int n,
                   struct validation *v);
/* A follow-up: a known status and a note of at most 1000 characters. */
void goal_status_validate(enum goal_status s, const char *note, struct validation *v);

#endif
