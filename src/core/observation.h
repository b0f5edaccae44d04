/*
 * observation.h — what a care worker documents at a visit: the outcome
 * (done, or not done and why), a short note, observed changes by the areas
 * of the change form (ændringsskema), a weight, a fall; the triage levels
 * (green, yellow, red) a change proposes; the nutrition assessment (EVS)
 * score; and UTC timestamps as text. No SQL, no HTTP. Strings point into
 * the caller's memory; labels are static.
 */
#ifndef OMSORG_OBSERVATION_H
#define OMSORG_OBSERVATION_H

#include <stdbool.h>

#include "core/date.h"
#include "core/validate.h"

/* The change-form areas, and a fall. */
enum obs_area {
    AREA_PHYSICAL,
    AREA_HOME,
    AREA_DAILY,
    AREA_MEDICINE,
    AREA_MENTAL_SOCIAL,
    AREA_FOOD_DRINK,
    AREA_FALL,
    AREA_COUNT
};
/* A visit's outcome. */
enum visit_outcome { OUTCOME_NONE, OUTCOME_DONE, OUTCOME_NOT_DONE };
/* Why a visit was not done. */
enum not_done_reason { NDR_NONE, NDR_NOT_HOME, NDR_REFUSED, NDR_ADMITTED, NDR_OTHER, NDR_COUNT };
enum triage_level { TRIAGE_GREEN, TRIAGE_YELLOW, TRIAGE_RED, TRIAGE_COUNT };

const char *obs_area_code(enum obs_area a);     /* "physical", …, "fall" */
const char *obs_area_label(enum obs_area a);    /* "Fysiske gener", … */
int obs_area_parse(const char *code);           /* -1 when unknown */
const char *outcome_code(enum visit_outcome o); /* "", "done", "not_done" */
int outcome_parse(const char *code);            /* -1 when unknown; "" → OUTCOME_NONE */
const char *ndr_code(enum not_done_reason r);
const char *ndr_label(enum not_done_reason r); /* "Borger ikke hjemme", … */
int ndr_parse(const char *code);               /* -1 when unknown; "" → NDR_NONE */
const char *triage_code(enum triage_level l);  /* "green", "yellow", "red" */
const char *triage_label(enum triage_level l); /* "Grøn", "Gul", "Rød" */
int triage_parse(const char *code);            /* -1 when unknown */

/* Weights are kept in hectograms (kg × 10): 20,0–300,0 kg. */
#define WEIGHT_MIN_HG 200
#define WEIGHT_MAX_HG 3000
/* "68,4", "68.4" or "68" → 684; -1 when malformed or with more than one
 * decimal (the range is not checked here). */
int weight_parse_hg(const char *s);
/* 684 → "68,4" into out[8]. */
void weight_format(int hg, char out[8]);
/* Check a weight as typed; on success *hg is set. Optional when !required. */
void check_weight(struct validation *v, const char *field, const char *s, bool required, int *hg);
/* Check a weight already read (0 = none): required, and in range. Adds
 * nothing when field already has an error (it could not be read). */
void check_weight_hg(struct validation *v, const char *field, int hg, bool required);

#define DOC_MAX_OBS 8
struct obs_input {
    enum obs_area area;
    bool serious;
    const char *note;
};
/* One documentation form as sent from the phone (or the API). */
struct visit_doc_input {
    const char *client_id; /* idempotency key: 8–64 of [A-Za-z0-9_-]; may be NULL */
    enum visit_outcome outcome;
    enum not_done_reason reason;
    const char *note;
    struct obs_input obs[DOC_MAX_OBS]; /* changes, and a fall as AREA_FALL */
    int nobs;
    int weight_hg; /* 0 = none */
    bool weight_planned;
};
/* A client id is 8–64 characters of letters, digits, '-' and '_'. */
bool client_id_ok(const char *s);
/* Check a documentation form; Danish field errors ("reason", "note",
 * "observations[1].note", "client_id"). Weight is checked when it is parsed. */
void visit_doc_validate(const struct visit_doc_input *d, struct validation *v);
/* The triage level a report proposes: red when any change is marked
 * serious (a fall with injury is), yellow for any other change or fall,
 * green (nothing to propose) when there is none. */
enum triage_level triage_propose(const struct obs_input *obs, int n);
/* Default follow-up after a decision: yellow 48 hours, red 24 hours, green none (0). */
long triage_follow_up_seconds(enum triage_level l);

/* EVS (ernæringsvurdering): each part 0, 1 or 2, or -1 when not known
 * (counts as 2). The score is the highest part: 0 no risk, 1 at risk,
 * 2 needs a nutrition plan. */
int evs_score(int weight_status, int eating, int risks);
const char *evs_label(int score);

/* ISO 8601 UTC "YYYY-MM-DDTHH:MM:SSZ" ↔ seconds since 1970. -1 when malformed. */
long iso_to_epoch(const char *s);
void epoch_to_iso(long t, char out[21]);
/* Midnight UTC at the start of a date. */
long date_epoch(struct date d);
/* The UTC date of a moment. */
struct date epoch_date(long t);

#endif
