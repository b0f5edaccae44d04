/*
 * law.h — legal bases as versioned data: which paragraph of which law a
 * decision, an invitation or a complaint rests on, for whom and from when.
 *
 * Since 1 July 2025 the Ældrelov (LOV nr. 1651 af 30. december 2024)
 * governs personal and practical help (as helhedspleje), rehabilitation
 * courses, meals and preventive home visits for people who have reached the
 * folkepensionsalder, and for younger people whose need the municipality
 * assesses as the same (ældreloven § 2, stk. 2); serviceloven still governs
 * the rest. The data (share/law/legal-bases.yaml, compiled into the binary
 * as law_data_yaml) lists each basis with its law, paragraph, target group,
 * in-force dates, source and the day it was read; the folkepensionsalder
 * table (lov om social pension § 1 a) is in the same file.
 *
 * Pure functions: text in, structs out (strings in the caller's arena).
 * Loading validates the file and names the line of every error.
 */
#ifndef OMSORG_LAW_H
#define OMSORG_LAW_H

#include <stdbool.h>
#include <stddef.h>

#include "core/dataerr.h"
#include "core/date.h"
#include "lib/arena.h"

/* What a basis is for. */
enum law_topic {
    LAW_TOPIC_HELP,             /* personal and practical help */
    LAW_TOPIC_HELHEDSPLEJE,     /* helhedspleje: a weekly frame the citizen helps shape */
    LAW_TOPIC_REHABILITATION,   /* a time-limited rehabilitation course */
    LAW_TOPIC_MEALS,            /* madservice */
    LAW_TOPIC_PREVENTIVE_VISIT, /* forebyggende hjemmebesøg */
    LAW_TOPIC_COMPLAINT,        /* how and by when to complain */
    LAW_TOPIC_COUNT
};

/* Whom a basis covers. */
enum law_target {
    LAW_TARGET_ALL,       /* everyone */
    LAW_TARGET_ELDER,     /* the Ældrelov's target group (see enum law_group) */
    LAW_TARGET_NOT_ELDER, /* everyone else */
};

/* The citizen's group. */
enum law_group { LAW_GROUP_ELDER, LAW_GROUP_NOT_ELDER };

/* An assessor's explicit decision about the group (ældreloven § 2, stk. 2-4). */
enum law_assessment {
    LAW_ASSESS_NONE,      /* none: the folkepensionsalder decides */
    LAW_ASSESS_ELDER,     /* younger, but the need is assessed as the same (§ 2, stk. 2) */
    LAW_ASSESS_NOT_ELDER, /* the need does not come from ageing, or §§ 95/96 apply */
};

struct law {
    const char *id;       /* "aeldreloven" */
    const char *name;     /* as cited in a sentence: "ældreloven" */
    const char *title;    /* "Ældrelov" */
    const char *citation; /* "LOV nr. 1651 af 30. december 2024" */
    const char *url;      /* retsinformation.dk */
    int line;
};

struct law_basis {
    const char *id;
    enum law_topic topic;
    const struct law *law;
    const char *paragraph; /* "§ 10" */
    const char *title;     /* Danish: "Helhedspleje" */
    enum law_target target;
    struct date from, to; /* in force; to year 0 = open */
    const char *source;   /* where the text was read */
    struct date read_on;  /* when */
    bool verified;        /* the paragraph's text was read at source on read_on */
    const char *note;     /* may be NULL */
    int line;
};

struct pension_age_rule {
    struct date born_from, born_to; /* born_from year 0 = no lower bound; born_to 0 = none */
    int years, months;              /* the folkepensionsalder */
    int line;
};

struct law_table {
    const struct law *laws;
    int nlaws;
    const struct law_basis *bases;
    int nbases;
    const struct pension_age_rule *pension;
    int npension;
};

/* The compiled-in share/law/legal-bases.yaml (NUL-terminated). */
extern const char law_data_yaml[];

const char *law_topic_code(enum law_topic t); /* "help", "helhedspleje", … */
int law_topic_parse(const char *code);        /* -1 when unknown */
const char *law_target_code(enum law_target t);
int law_target_parse(const char *code);

/* Load and validate a legal-bases file: unknown keys, missing fields,
 * duplicate ids, unknown laws, bad dates, two bases in force for the same
 * topic and group on the same day, gaps or overlaps in the pension table.
 * Returns 0, or -1 with every error (and its line) in err. */
int law_load(struct arena *a, const char *text, size_t len, struct law_table *out,
             struct data_errors *err);
/* law_load() on law_data_yaml. */
int law_load_default(struct arena *a, struct law_table *out, struct data_errors *err);

/* The day a person born on `birth` reaches the folkepensionsalder; false
 * when no rule covers the birth date. */
bool law_pension_date(const struct law_table *t, struct date birth, struct date *out);
/* The citizen's group on `on`: the assessor's decision when there is one,
 * else the folkepensionsalder (birth year 0 = unknown → not elder). */
enum law_group law_group_for(const struct law_table *t, struct date birth, struct date on,
                             enum law_assessment a);
/* The basis for a topic and group in force on `on`; NULL when none. */
const struct law_basis *law_basis_for(const struct law_table *t, enum law_topic topic,
                                      enum law_group g, struct date on);
/* "ældreloven § 10" (arena). */
const char *law_cite(struct arena *a, const struct law_basis *b);

#endif
