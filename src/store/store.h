/*
 * store.h — omsorg's persistence interface.
 *
 * One `struct store` is one connection to the database; it is not shared
 * between threads (the web layer keeps a pool, one per worker). The SQLite
 * backend is store-sqlite*.c; a PostgreSQL backend implements this same
 * header (selected at link time) and the same migration numbers.
 *
 * Reads fill caller-provided structs; every string they point to is
 * allocated in the caller's arena and lives as long as it. Writes copy what
 * they need. Every function returns a store_rc; STORE_ERROR is logged by the
 * store with the database message (never with citizen data).
 */
#ifndef OMSORG_STORE_H
#define OMSORG_STORE_H

#include <stdbool.h>

#include "core/access.h"
#include "core/model.h"
#include "lib/arena.h"

enum store_rc {
    STORE_OK = 0,
    STORE_NOT_FOUND, /* no such row */
    STORE_CONFLICT,  /* unique key taken, or the row changed since it was read */
    STORE_INVALID,   /* a reference points at nothing (e.g. unknown team) */
    STORE_ERROR,     /* I/O, corruption, out of memory */
};

struct store;

/* Open (creating if needed) the database at path: WAL, foreign keys on, busy
 * timeout. Does not migrate. On failure returns NULL and sets *err to a
 * static message. */
struct store *store_open(const char *path, const char **err);
void store_close(struct store *s);

/* Apply every pending migration, each in its own transaction. *applied gets
 * how many ran. A failed migration is rolled back and reported. */
enum store_rc store_migrate(struct store *s, int *applied);
/* Highest migration applied (0 for an empty database). */
int store_schema_version(struct store *s);
/* True when the schema is older than this binary's migrations. */
bool store_needs_migration(struct store *s);
/* Online backup of the whole database to a new file. */
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

/* --- audit -------------------------------------------------------------- */
/* Append one row: who (actor), what (action, detail), whose record. */
enum store_rc store_audit_add(struct store *s, const struct actor *who, const char *action,
                              long citizen_id, const char *detail);
/* Newest first, at most limit rows. */
enum store_rc store_audit_for_citizen(struct store *s, struct arena *a, long citizen_id,
                                      int limit, struct audit_entry **out, int *n);

#endif
