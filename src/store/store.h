/*
 * store.h — omsorg's persistence interface.
 *
 * One `struct store` is one connection to the database; it is not shared
 * between threads (the web layer keeps a pool, one per worker). Every store
 * function is written once, in SQL both backends accept, over the SQL driver
 * in db.h (private to src/store): SQLite (a file path) or PostgreSQL (a
 * postgres:// URL), with migrations numbered alike for both.
 *
 * Reads fill caller-provided structs; every string they point to is
 * allocated in the caller's arena and lives as long as it. Writes copy what
 * they need. Every function returns a store_rc; STORE_ERROR and
 * STORE_UNAVAILABLE are logged by the store with the database message (never
 * with citizen data).
 */
#ifndef OMSORG_STORE_H
#define OMSORG_STORE_H

#include <stdbool.h>

#include "core/access.h"
#include "core/assessment.h"
#include "core/grant.h"
#include "core/model.h"
#include "core/planday.h"
#include "core/prevention.h"
#include "lib/arena.h"

enum store_rc {
    STORE_OK = 0,
    STORE_NOT_FOUND,   /* no such row */
    STORE_CONFLICT,    /* unique key taken, or the row changed since it was read */
    STORE_INVALID,     /* a reference points at nothing (e.g. unknown team) */
    STORE_ERROR,       /* corruption, a broken rule (check, trigger), out of memory */
    STORE_UNAVAILABLE, /* not now: busy or locked past the timeout, disk full, I/O error,
                          connection lost; the statement took no effect; try again (503) */
};

struct store;

/* Open a database: a SQLite file (created if needed: WAL, foreign keys on,
 * busy timeout) or a PostgreSQL URL (postgres://…). Does not migrate. On
 * failure returns NULL and sets *err to a static message. */
struct store *store_open(const char *path, const char **err);
/* True when a --db target names a SQLite file, false for a PostgreSQL URL
 * (postgres:// or postgresql://). */
bool store_target_is_file(const char *target);
void store_close(struct store *s);

/* Apply every pending migration of the connection's backend, each in its own
 * transaction. *applied gets how many ran. A failed migration is rolled back
 * and reported. */
enum store_rc store_migrate(struct store *s, int *applied);
/* Highest migration applied (0 for an empty database). */
int store_schema_version(struct store *s);
/* True when the schema is older than this binary's migrations. */
bool store_needs_migration(struct store *s);
/* Online backup of the whole database to a new file (SQLite; STORE_ERROR on
 * PostgreSQL, which has pg_dump). */
enum store_rc store_backup(struct store *s, const char *to_path);

enum store_rc store_begin(struct store *s);
enum store_rc store_commit(struct store *s);
void store_rollback(struct store *s);

/* --- teams and staff ---------------------------------------------------- */
enum store_rc store_team_list(struct store *s, struct arena *a, struct team **out, int *n);
enum store_rc store_team_get(struct store *s, struct arena *a, long id, struct team *out);
enum store_rc store_team_by_slug(struct store *s, struct arena *a, const char *slug,
                                 struct team *out);
enum store_rc store_team_create(struct store *s, const struct team *t, long *id);
enum store_rc store_team_update(struct store *s, const struct team *t);

/* List users; team_id > 0 limits to one team. Shifts are filled. */
enum store_rc store_user_list(struct store *s, struct arena *a, long team_id, struct user **out,
                              int *n);
enum store_rc store_user_get(struct store *s, struct arena *a, long id, struct user *out);
/* For log-in: the user and the password hash (arena-owned). */
enum store_rc store_user_by_username(struct store *s, struct arena *a, const char *username,
                                     struct user *out, const char **password_hash);
/* Create a user with the given password hash; shifts are stored too. */
enum store_rc store_user_create(struct store *s, const struct user *u, const char *password_hash,
                                long *id);
/* Update a user; password_hash NULL keeps the password. */
enum store_rc store_user_update(struct store *s, const struct user *u, const char *password_hash);

/* --- sessions and log-in throttling ------------------------------------- */
enum store_rc store_session_create(struct store *s, const char *digest, long user_id,
                                   const char *csrf, long now, long expires_at);
/* The actor and CSRF token of a live session (expires_at > now, user active). */
enum store_rc store_session_get(struct store *s, struct arena *a, const char *digest, long now,
                                struct actor *actor, const char **csrf);
enum store_rc store_session_delete(struct store *s, const char *digest);
enum store_rc store_login_failures(struct store *s, const char *key, long since, int *count);
enum store_rc store_login_failure_add(struct store *s, const char *key, long now);
enum store_rc store_login_failures_clear(struct store *s, const char *key);

/* --- citizens ----------------------------------------------------------- */
/* Search by name, address (any words, case-insensitive) or CPR (digits).
 * team_scope > 0 limits to one team. At most limit rows; *more is set when
 * there were more. Only list fields are filled (no relatives). */
enum store_rc store_citizen_search(struct store *s, struct arena *a, const char *query,
                                   long team_scope, int limit, struct citizen **out, int *n,
                                   bool *more);
/* The team of a citizen, for the access check before a read. */
enum store_rc store_citizen_team(struct store *s, long id, long *team_id);
/* The whole record: personal data, rhythm, contacts, relatives. */
enum store_rc store_citizen_get(struct store *s, struct arena *a, long id, struct citizen *out);
/* Create a citizen (and contact persons). CONFLICT when the CPR exists. */
enum store_rc store_citizen_create(struct store *s, const struct citizen *c, long *id);
/* Update when the stored version equals c->version (CONFLICT otherwise);
 * bumps the version. Contact persons are replaced by c's. */
enum store_rc store_citizen_update(struct store *s, const struct citizen *c);
enum store_rc store_citizen_count(struct store *s, long *n);

enum store_rc store_relative_get(struct store *s, struct arena *a, long id, struct relative *out);
enum store_rc store_relative_add(struct store *s, const struct relative *r, long *id);
enum store_rc store_relative_update(struct store *s, const struct relative *r);
enum store_rc store_relative_delete(struct store *s, long citizen_id, long id);

/* --- grants (store-grant.c) ------------------------------------------- */
/* Create a grant with its services as a draft; writes the first history row. */
enum store_rc store_grant_create(struct store *s, const struct grant *g, long user_id, long *id);
/* Replace content and services when the stored version equals g->version
 * (CONFLICT otherwise); bumps the version; writes a history row. */
enum store_rc store_grant_update(struct store *s, const struct grant *g, long user_id,
                                 const char *note);
/* Move to a new status (the caller has checked the transition) when the
 * stored status is `from`; writes a history row with the note. */
enum store_rc store_grant_set_status(struct store *s, long id, enum grant_status from,
                                     enum grant_status to, long user_id, const char *note);
enum store_rc store_grant_get(struct store *s, struct arena *a, long id, struct grant *out);
/* All grants of a citizen, newest first (services filled). */
enum store_rc store_grant_list(struct store *s, struct arena *a, long citizen_id,
                               struct grant **out, int *n);
enum store_rc store_grant_events(struct store *s, struct arena *a, long grant_id,
                                 struct grant_event **out, int *n);

/* Grants active on day for citizens of a team (0 = all teams). */
enum store_rc store_grants_active(struct store *s, struct arena *a, long team_id,
                                  struct date day, struct active_grant **out, int *n);

/* --- the day plan (store-plan.c; the records are in core/planday.h) ------ */
/* The plan for a day; team_id 0 = all teams; carer_id > 0 = that carer's visits. */
enum store_rc store_plan_day(struct store *s, struct arena *a, struct date day, long team_id,
                             long carer_id, struct plan_visit **out, int *n);
/* The planner's board of a team's day: the team's visits, and other teams'
 * visits served by the team's carers. */
enum store_rc store_plan_board(struct store *s, struct arena *a, struct date day, long team_id,
                               struct plan_visit **out, int *n);
/* Replace a team's plan for a day with these visits (one transaction). */
enum store_rc store_plan_save(struct store *s, struct date day, long team_id,
                              const struct plan_visit *v, int n);
enum store_rc store_plan_visit_get(struct store *s, struct arena *a, long id,
                                   struct plan_visit *out);
/* Set carers and start of one visit (a planner's move); marks it manual. */
enum store_rc store_plan_visit_move(struct store *s, long id, const long carer_ids[2],
                                    double start);
/* Carers who visited each citizen of a team in [from, to): pairs in *out
 * (citizen id, carer id, visits), most visits first. */
enum store_rc store_plan_history(struct store *s, struct arena *a, long team_id,
                                 struct date from, struct date to, struct carer_history **out,
                                 int *n);
/* The contact persons (kontaktpersoner) of a team's citizens as
 * (citizen, carer) pairs, visits 0; ordered by citizen. */
enum store_rc store_team_contacts(struct store *s, struct arena *a, long team_id,
                                  struct carer_history **out, int *n);
enum store_rc store_plan_run_add(struct store *s, struct date day, long team_id, long user_id,
                                 const struct plan_run_figures *f);
/* A carer is absent on a day from a minute (the sick call); replaces an
 * earlier absence of the same carer that day. */
enum store_rc store_absence_set(struct store *s, long user_id, struct date day, minute_t from,
                                const char *reason, long created_by);
/* Absences on a day for a team's carers (team 0 = all). */
enum store_rc store_absences(struct store *s, struct arena *a, struct date day, long team_id,
                             struct absence **out, int *n);
/* The figures of the latest run for a team's day (NOT_FOUND if never planned). */
enum store_rc store_plan_run_last(struct store *s, struct date day, long team_id,
                                  struct plan_run_figures *f);

/* --- audit -------------------------------------------------------------- */
/* Append one row: who (actor), what (action, detail), whose record. */
enum store_rc store_audit_add(struct store *s, const struct actor *who, const char *action,
                              long citizen_id, const char *detail);
/* Newest first, at most limit rows. */
enum store_rc store_audit_for_citizen(struct store *s, struct arena *a, long citizen_id,
                                      int limit, struct audit_entry **out, int *n);

/* --- FSIII code system (store-fsiii.c) ---------------------------------- */
/* Import a parsed version in one transaction of its own (do not call inside
 * one). Idempotent: when url and version are already there nothing changes,
 * *added is false and *version_id is the existing row (CONFLICT when that
 * row has a different number of concepts). A new version adds a version. */
enum store_rc store_fsiii_import(struct store *s, const struct fsiii_codesystem *cs,
                                 long *version_id, bool *added);
/* The current version: the highest version string. NOT_FOUND when none. */
enum store_rc store_fsiii_current(struct store *s, struct arena *a, struct fsiii_version *out);
/* Every imported version, newest first (at most 64). */
enum store_rc store_fsiii_versions(struct store *s, struct arena *a, struct fsiii_version **out,
                                   int *n);
/* The concepts of a version in tree order; group "J" limits to one top
 * group, NULL or "" gives all. */
enum store_rc store_fsiii_concepts(struct store *s, struct arena *a, long version_id,
                                   const char *group, struct fsiii_concept **out, int *n);

/* --- assessments and goals (store-assessment.c) ------------------------- */
/* Add an assessment with its conditions (the caller holds the transaction
 * and writes the audit row). Assessments are never updated or deleted. */
enum store_rc store_assessment_create(struct store *s, const struct assessment *x, long *id);
/* A citizen's assessments, newest first (at most 200): heads and counts
 * only, no conditions. */
enum store_rc store_assessment_list(struct store *s, struct arena *a, long citizen_id,
                                    struct assessment **out, int *n);
/* One assessment of the citizen with its conditions in FSIII order. */
enum store_rc store_assessment_get(struct store *s, struct arena *a, long citizen_id, long id,
                                   struct assessment *out);
enum store_rc store_goal_create(struct store *s, const struct goal *g, long *id);
/* A citizen's goals, open first, by follow-up date (at most 200). */
enum store_rc store_goal_list(struct store *s, struct arena *a, long citizen_id,
                              struct goal **out, int *n);
enum store_rc store_goal_get(struct store *s, struct arena *a, long citizen_id, long id,
                             struct goal *out);
/* Record a follow-up: status (and who and when, unless open) and a note. */
enum store_rc store_goal_set_status(struct store *s, long citizen_id, long id,
                                    enum goal_status status, const char *note, long user_id);

/* --- preventive home visits (store-prevention.c) ------------------------- */
/* What the eligibility rules need to know about a citizen, with the list's
 * display fields. person.birth comes from the CPR number. */
struct pv_candidate {
    long citizen_id;
    char cpr[11];
    const char *first_name, *last_name, *address;
    long team_id;
    const char *team_name;
    struct pv_person person;
    const char *risk_reason; /* "" without a marker */
};
/* The municipality's settings (the migration inserts the defaults). */
enum store_rc store_prevention_settings_get(struct store *s, struct arena *a,
                                            struct prevention_settings *out);
/* Replace the settings when in->version is the stored one (0 = do not
 * check; CONFLICT otherwise); bumps the version. */
enum store_rc store_prevention_settings_set(struct store *s, const struct prevention_settings *in,
                                            long user_id);
/* Every citizen (citizen_id 0) or one (NOT_FOUND when none), by name.
 * Help counts from grants decided/sent/changed not ended before `on`. */
enum store_rc store_prevention_candidates(struct store *s, struct arena *a, struct date on,
                                          long citizen_id, struct pv_candidate **out, int *n);
/* The visits of a year, by citizen id. */
enum store_rc store_prevention_visits(struct store *s, struct arena *a, int year,
                                      struct pv_visit **out, int *n);
enum store_rc store_prevention_visit_get(struct store *s, struct arena *a, long citizen_id,
                                         int year, struct pv_visit *out);
/* Insert (v->id 0; CONFLICT when the citizen has one that year) or update
 * when v->version is the stored one (CONFLICT otherwise). */
enum store_rc store_prevention_visit_save(struct store *s, const struct pv_visit *v,
                                          long user_id);
/* Set or replace the særlig-risiko marker; clear it (NOT_FOUND when none). */
enum store_rc store_risk_set(struct store *s, long citizen_id, const char *reason,
                             struct date since, long user_id);
enum store_rc store_risk_clear(struct store *s, long citizen_id);
/* Demo data: risk markers on about 5 % of the 65–81-year-olds and this
 * year's list under way (invited, booked, held, declined, referred). The
 * caller holds the transaction. */
enum store_rc store_prevention_demo(struct store *s, struct date today);

/* --- documentation, triage, nutrition and tasks (store-care.c) ---------- */
#include "store/store-care.h"

#endif
