/*
 * rules.h — rules that raise tasks for a citizen's team, as pure functions
 * over the citizen's data and a moment (no SQL, no clock). Each rule gives
 * a task with a key (which instance), a window (due_from … due_at) and
 * fires for as long as the task is not done; when it stops firing the task
 * is done (it resolves itself, as Community Health Toolkit tasks do).
 *
 *   reweigh            monthly: the window opens 7 days before a calendar
 *                      month after the latest weight (31 Jan → 28/29 Feb)
 *   triage_follow_up   after a yellow (48 h) or red (24 h) decision, until a
 *                      newer decision; due at the decision's due time
 *   reassessment       a grant's follow-up date: opens 14 days before, done
 *                      by an FSIII assessment inside that window
 *   nutrition          an unplanned loss of ≥ 1 kg (once or summed over the
 *                      weights of the last 90 days) without an EVS assessment
 *                      since the loss began; due within 7 days
 */
#ifndef OMSORG_RULES_H
#define OMSORG_RULES_H

#include <stdbool.h>

#include "core/date.h"
#include "core/observation.h"

enum rule_kind {
    RULE_REWEIGH,
    RULE_TRIAGE_FOLLOW_UP,
    RULE_REASSESSMENT,
    RULE_NUTRITION,
    RULE_COUNT
};

#define RULE_LOSS_HG        10 /* 1 kg */
#define RULE_LOSS_DAYS      90 /* "recent measurements" */
#define RULE_REWEIGH_EARLY  7  /* days the re-weigh window opens before it is due */
#define RULE_REASSESS_EARLY 14 /* days before a grant's follow-up date */
#define RULE_NUTRITION_DAYS 7  /* an EVS assessment is due within a week of the loss */

struct care_weight {
    struct date on;
    int hg;       /* kg × 10 */
    bool planned; /* a planned change: not counted as a loss */
};

struct care_grant {
    long id;
    struct date follow_up; /* year 0 = none */
    bool active;           /* decided, sent or changed, and not ended */
};

/* What the rules look at for one citizen. */
struct care_facts {
    const struct care_weight *weights; /* oldest first */
    int nweights;
    struct date last_nutrition;  /* latest EVS assessment; year 0 = none */
    struct date last_assessment; /* latest FSIII assessment; year 0 = none */
    long triage_id;              /* latest triage decision; 0 = none */
    enum triage_level triage_level;
    long triage_at, triage_due; /* seconds; due 0 = the default for the level */
    const struct care_grant *grants;
    int ngrants;
};

/* A task a rule wants open now. */
struct rule_task {
    enum rule_kind rule;
    char key[48];
    long due_from, due_at; /* seconds since 1970, UTC */
};

#define RULES_MAX_TASKS 24

const char *rule_code(enum rule_kind k);  /* "reweigh", … */
const char *rule_label(enum rule_kind k); /* "Vej borgeren igen", … */
int rule_parse(const char *code);         /* -1 when unknown */

/* Every task the rules want open for the citizen at `now`; returns how many
 * were written to out (at most max). */
int rules_eval(const struct care_facts *f, long now, struct rule_task *out, int max);

/* The unplanned loss in hectograms at the latest weight: the largest fall
 * from an earlier weight within RULE_LOSS_DAYS, counting only unplanned
 * changes between consecutive weights. *since gets the date the loss is
 * measured from. 0 when there is none. */
int rules_weight_loss(const struct care_weight *w, int n, struct date *since);
/* The same day one calendar month later (clamped to the month's end). */
struct date date_add_month(struct date d);
/* Is a task due at due_at overdue at now? (Due exactly now is not overdue.) */
bool rules_overdue(long due_at, long now);

#endif
