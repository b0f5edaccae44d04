/*
 * policy.h — a municipality's policy as data (a policy pack): its values,
 * focus areas and pejlemærker in the document's own words, each with a
 * reference to where it stands, and for each pejlemærke the indicators
 * (core/indicator.h) that show it, with the target the document sets or the
 * direction it asks for. A pejlemærke omsorg cannot measure says why (gap),
 * so the gaps are visible, not hidden.
 *
 * The format is YAML (docs/policy-format.md); libyaml parses it. Loading
 * checks the pack (unknown keys, missing fields, duplicate ids, unknown
 * indicator ids, targets that are not numbers, out of range or against the
 * indicator's direction) and names the line of every error.
 *
 * Pure: text in, structs out; every string and array is in the caller's
 * arena.
 */
#ifndef OMSORG_POLICY_H
#define OMSORG_POLICY_H

#include <stdbool.h>
#include <stddef.h>

#include "core/dataerr.h"
#include "core/indicator.h"
#include "lib/arena.h"

#define POLICY_FORMAT "omsorg-policy/1"

enum policy_target_kind {
    TARGET_NONE,     /* the document sets none: show the trend */
    TARGET_AT_MOST,  /* the value is to be at most limit (Hillerød: sick leave 5 %) */
    TARGET_AT_LEAST, /* at least limit */
    TARGET_UP,       /* more than the same period a year before ("flere end året forinden") */
    TARGET_DOWN,     /* less than a year before */
};

struct policy_target {
    enum policy_target_kind kind;
    double limit;    /* for AT_MOST and AT_LEAST, in the indicator's unit */
    const char *ref; /* where the document sets it (required with a target) */
};

struct policy_indicator {
    const char *id;
    const struct indicator_def *def;
    struct policy_target target;
    const char *note; /* why this indicator shows the pejlemærke; may be NULL */
    int line;
};

struct policy_mark {
    const char *id;
    const char *text; /* the pejlemærke in the document's words */
    const char *ref;  /* where it stands in the document */
    struct policy_indicator *indicators;
    int nindicators;
    const char *gap; /* what omsorg cannot (yet) measure, and why; may be NULL */
    int line;
};

struct policy_area {
    const char *id;
    const char *name;
    const char *ref;
    struct policy_mark *marks;
    int nmarks;
    int line;
};

struct policy_value {
    const char *id;
    const char *name;
    const char *ref;
    int line;
};

struct policy {
    const char *id;           /* "herlev-aeldre" */
    const char *municipality; /* "Herlev Kommune" */
    const char *title;        /* "Ældrepolitik" */
    const char *document;     /* the document's own title */
    const char *source;       /* which document and where it came from */
    struct policy_value *values;
    int nvalues;
    struct policy_area *areas;
    int nareas;
};

/* Load and check a pack. Returns 0, or -1 with every error found (and its
 * line) in err; *out is then zeroed. */
int policy_load(struct arena *a, const char *text, size_t len, struct policy *out,
                struct data_errors *err);

enum policy_mark_status {
    MARK_MEASURED, /* every indicator is measured by omsorg */
    MARK_PARTLY,   /* some are; or there is a gap beside them */
    MARK_NOT_YET,  /* none is measured yet */
};
enum policy_mark_status policy_mark_status(const struct policy_mark *m);
const char *policy_mark_status_label(enum policy_mark_status s); /* "Måles", … */

enum target_result { TARGET_RESULT_NONE, TARGET_MET, TARGET_NOT_MET, TARGET_UNKNOWN };
/* Is the target met by v (compared with previous, the same period a year
 * before, for UP/DOWN)? UNKNOWN when a value is empty or suppressed. */
enum target_result policy_target_check(const struct policy_target *t, const struct ind_value *v,
                                       const struct ind_value *previous);
/* "højst 5 %", "mindst 90 %", "flere end året før" (arena). */
const char *policy_target_text(struct arena *a, const struct policy_target *t,
                               const struct indicator_def *def);

#endif
