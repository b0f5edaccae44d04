/*
 * store-care.h — persistence for daily practice (store-care.c): visit
 * documentation with check-in and check-out, observed changes, weights,
 * triage with history, nutrition assessments (EVS), the triage board and
 * the tasks the rules raise. Part of the store interface (store.h includes
 * it); strings read are in the caller's arena.
 */
#ifndef OMSORG_STORE_CARE_H
#define OMSORG_STORE_CARE_H

#include "core/observation.h"
#include "core/rules.h"

struct store;
struct plan_visit;
struct arena;

struct visit_doc {
    long id;
    struct date day;
    long service_id, citizen_id, team_id, user_id;
    const char *user_name;
    const char *checkin_at, *checkout_at; /* ISO UTC, "" when not yet */
    enum visit_outcome outcome;
    enum not_done_reason reason;
    const char *note;
    const char *updated_at;
};

struct observation {
    long id, citizen_id, visit_doc_id;
    enum obs_area area;
    bool serious;
    const char *note, *user_name, *at;
};

struct weight_row {
    long id;
    struct date on;
    int hg;
    bool planned;
    const char *user_name, *at;
};

struct triage_row {
    long id, citizen_id;
    bool decided; /* false: a proposal from a reported change */
    enum triage_level level;
    const char *reason, *action;
    long follow_up_by; /* 0 = nobody named */
    const char *follow_up_name;
    const char *due_at; /* ISO UTC or "" */
    long observation_id;
    long user_id;
    const char *user_name, *at;
};

struct nutrition_row {
    long id;
    struct date on;
    int weight_status, eating, risks; /* 0–2, -1 = not known */
    int score;
    const char *plan, *user_name, *at;
};

struct care_task {
    long id, citizen_id, team_id;
    enum rule_kind rule;
    const char *key, *due_from, *due_at, *created_at, *done_at;
    bool done;
    const char *citizen_name; /* filled by reads */
};

/* One row of the team's triage board. */
struct board_row {
    long citizen_id;
    const char *citizen_name;
    struct triage_row current; /* latest decision; id 0 = none (green) */
    struct triage_row pending; /* a proposal newer than it; id 0 = none */
};

struct rules_counts {
    long citizens, raised, resolved, open;
};

/* The documentation of a planned visit (by its day and service); NOT_FOUND
 * when nothing is documented yet. */
enum store_rc store_visit_doc_get(struct store *s, struct arena *a, const struct plan_visit *v,
                                  struct visit_doc *out);
/* Record a check-in (out = false; the first one counts) or a check-out (the
 * latest counts) at the ISO time `at`. */
enum store_rc store_visit_check(struct store *s, const struct plan_visit *v, long user_id, bool out,
                                const char *at);
/* Claim a client id for a submission; *fresh is false when it was already
 * used (the caller then stores nothing). Inside the caller's transaction. */
enum store_rc store_submission_claim(struct store *s, const char *client_id, long user_id,
                                     long citizen_id, bool *fresh);
/* Store a documentation form for a planned visit: outcome, reason and note
 * (replacing earlier ones), observations, a fall and a weight (added), and a
 * triage proposal when something was reported. The caller holds the
 * transaction. *doc_id gets the visit_doc row. */
enum store_rc store_visit_document(struct store *s, const struct plan_visit *v, long user_id,
                                   const struct visit_doc_input *in, long *doc_id);
/* Observations outside a visit (visit_doc_id 0), with a triage proposal. */
enum store_rc store_observations_add(struct store *s, long citizen_id, long user_id,
                                     const struct obs_input *obs, int n, long doc_id);
enum store_rc store_observation_list(struct store *s, struct arena *a, long citizen_id, int limit,
                                     struct observation **out, int *n);
enum store_rc store_weight_add(struct store *s, long citizen_id, struct date on, int hg,
                               bool planned, long doc_id, long user_id, long *id);
/* The latest `limit` weights, oldest first. */
enum store_rc store_weight_list(struct store *s, struct arena *a, long citizen_id, int limit,
                                struct weight_row **out, int *n);
/* Append a triage row (proposal or decision). */
enum store_rc store_triage_add(struct store *s, const struct triage_row *t, long *id);
/* History, newest first. */
enum store_rc store_triage_list(struct store *s, struct arena *a, long citizen_id, int limit,
                                struct triage_row **out, int *n);
/* The latest decision and a newer pending proposal (ids 0 when none). */
enum store_rc store_triage_current(struct store *s, struct arena *a, long citizen_id,
                                   struct triage_row *current, struct triage_row *pending);
enum store_rc store_nutrition_add(struct store *s, long citizen_id, const struct nutrition_row *x,
                                  long user_id, long *id);
/* Newest first. */
enum store_rc store_nutrition_list(struct store *s, struct arena *a, long citizen_id, int limit,
                                   struct nutrition_row **out, int *n);
/* The board: citizens of a team with a yellow or red state or a pending
 * proposal; red first, then by due time. */
enum store_rc store_board(struct store *s, struct arena *a, long team_id, struct board_row **out,
                          int *n);
/* Tasks of a team (team_id > 0) or of a citizen (citizen_id > 0); open
 * ones by due time, or also done ones when all. At most 1000. */
enum store_rc store_care_tasks(struct store *s, struct arena *a, long team_id, long citizen_id,
                               bool all, struct care_task **out, int *n);
/* Run the rules for one citizen at `now` and bring the tasks in line:
 * raise what fires and is missing, mark done what no longer fires. The
 * caller may hold a transaction; counts are added to *c (may be NULL). */
enum store_rc store_rules_citizen(struct store *s, long citizen_id, long now,
                                  struct rules_counts *c);
/* The same for every citizen, in one transaction. */
enum store_rc store_rules_all(struct store *s, long now, struct rules_counts *c);

#endif
