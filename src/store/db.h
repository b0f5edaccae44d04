/*
 * db.h — the SQL driver under the store. Private to src/store: nothing
 * above the store includes it.
 *
 * Every store function is written once, against this interface, and runs on
 * every backend: SQLite (db-sqlite.c, the only file that calls sqlite3_*)
 * and PostgreSQL (db-pg.c, the only file that calls libpq). db_open() picks
 * the backend from its target: "postgres://…" or "postgresql://…" is
 * PostgreSQL, anything else a SQLite file.
 *
 * Writing store SQL for both backends (also in HACKING.md):
 *
 *  1. One `static const char sql[]` literal per statement, prepared with
 *     db_prepare() (store_stmt()); the literal's address is the cache key.
 *     Parameters are `?` or `?N` (SQLite's syntax); the PostgreSQL driver
 *     rewrites them to `$N` when it prepares. Never build SQL from input.
 *  2. Prefer SQL both accept: `INSERT … ON CONFLICT (…) DO NOTHING` / `DO
 *     UPDATE SET x = excluded.x` (not `INSERT OR IGNORE/REPLACE`),
 *     `RETURNING id` (read with db_insert(); there is no last-insert-rowid),
 *     `coalesce`, standard `CASE`, `CAST(? AS INTEGER)`, `TRUE`/`FALSE`, an
 *     alias on every subquery in FROM, `||` for concatenation.
 *  3. Compute in C and bind what differs: the current time is bound as an
 *     ISO 8601 UTC string (bind_now() in store-int.h), never
 *     `strftime(… 'now')` or `now()`; dates are bound as 'YYYY-MM-DD' text.
 *  4. Where the dialects really differ (text search, JSON, rowid), keep the
 *     two statements side by side in the same function and choose with
 *     DB_SQL(db, sqlite_sql, postgres_sql). Keep the result columns the same.
 *  5. The staff table is "user", a reserved word in PostgreSQL: always write
 *     it quoted (`\"user\"` in C). Flags are INTEGER 0/1 in SQLite and
 *     boolean in PostgreSQL: test them as `WHERE flag` / `NOT flag`, set
 *     them with TRUE/FALSE or a bound int (0/1), read them with db_col_int().
 *  6. Ordering must not depend on the backend: every ORDER BY ends in a
 *     unique key, sort keys that may be NULL are wrapped in coalesce() (the
 *     backends put NULLs at opposite ends), and text sorts bytewise (the
 *     PostgreSQL database is created with the C collation; migration 001
 *     refuses another).
 *  7. Migrations: src/store/migrations/sqlite/NNN-name.sql and
 *     src/store/migrations/postgres/NNN-name.sql, the same numbers and names
 *     in both (the build fails otherwise). Append-only tables get triggers in
 *     both (PL/pgSQL in PostgreSQL).
 *  8. A failed statement aborts the open transaction on PostgreSQL (SQLite
 *     keeps it going): after an error inside a transaction, roll back;
 *     db_commit() refuses to commit such a transaction. Make expected
 *     outcomes (a row already there) part of the SQL — ON CONFLICT DO
 *     NOTHING, a WHERE on the version — rather than an error to step over.
 *
 * Errors: a failed step or run maps the backend's error to enum store_rc —
 * a unique or primary key violation is STORE_CONFLICT, a foreign key
 * violation STORE_INVALID, busy/locked/serialization failures, a full disk,
 * an I/O error or a lost connection STORE_UNAVAILABLE (try again later: 503),
 * anything else (check constraints, triggers, syntax) STORE_ERROR. The
 * driver logs every failure but CONFLICT and INVALID, with the database's
 * message but never bound values or row contents (PostgreSQL's DETAIL is
 * left out). PostgreSQL reconnects by itself after a lost connection, at the
 * next call outside a transaction.
 *
 * Ownership: a struct db is one connection, used by one thread at a time;
 * it owns its prepared statements (db_close() finalizes them). Text and
 * blobs from db_col_*() are valid until the next step or reset of that
 * statement.
 */
#ifndef OMSORG_DB_H
#define OMSORG_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

enum db_dialect {
    DB_SQLITE,
    DB_POSTGRES,
};

/* What db_step() returns. */
enum {
    DB_FAIL = -1, /* an error; db_error() says which store_rc */
    DB_DONE = 0,  /* no (more) rows */
    DB_ROW = 1,   /* a row is ready for db_col_*() */
};

struct db;
struct db_stmt;

/* --- connection ------------------------------------------------------------ */

/* Open a connection: a SQLite file (created if needed; WAL, foreign keys on,
 * busy timeout) or a PostgreSQL URL. NULL on failure with *err set to a
 * static message (the cause is logged). Does not migrate. */
struct db *db_open(const char *target, const char **err);
/* Finalize every statement and close; NULL is a no-op. */
void db_close(struct db *db);
enum db_dialect db_dialect(const struct db *db);
/* True when target names a PostgreSQL database (postgres:// or postgresql://). */
bool db_target_is_postgres(const char *target);

/* Pick the statement for this connection's dialect (rule 4 above). */
#define DB_SQL(db, sqlite_sql, postgres_sql)                                                       \
    (db_dialect(db) == DB_POSTGRES ? (postgres_sql) : (sqlite_sql))

/* --- statements ------------------------------------------------------------- */

/* A prepared statement for a SQL literal, reset and with every parameter
 * NULL. Cached per connection by the literal's address; owned by db. NULL
 * when it does not prepare (logged). */
struct db_stmt *db_prepare(struct db *db, const char *sql);

/* Parameters count from 1. Text and blobs are copied. db_bind_text() binds
 * NULL as '' (the store's text columns are NOT NULL DEFAULT ''); for SQL
 * NULL call db_bind_null() or leave the parameter unbound. */
void db_bind_int64(struct db_stmt *st, int i, int64_t v);
void db_bind_int(struct db_stmt *st, int i, int v);
void db_bind_double(struct db_stmt *st, int i, double v);
void db_bind_text(struct db_stmt *st, int i, const char *s);
void db_bind_null(struct db_stmt *st, int i);
void db_bind_blob(struct db_stmt *st, int i, const void *p, size_t n);

/* Run the statement (the first call) or move to the next row: DB_ROW,
 * DB_DONE or DB_FAIL. */
int db_step(struct db_stmt *st);
/* Back to the start, keeping the bindings (db_prepare() clears them). */
void db_reset(struct db_stmt *st);

/* Finish a read whose last db_step() returned step; resets st.
 * db_done: STORE_OK after DB_ROW or DB_DONE (a loop cut at a limit);
 * db_found: STORE_OK after DB_ROW, STORE_NOT_FOUND after DB_DONE;
 * both give the error's store_rc after DB_FAIL. */
enum store_rc db_done(struct db_stmt *st, int step);
enum store_rc db_found(struct db_stmt *st, int step);
/* Run a write to its end and reset it; STORE_ERROR for a NULL st. */
enum store_rc db_run(struct db_stmt *st);
/* db_run() for a write that must change a row: if_none (STORE_NOT_FOUND,
 * or STORE_CONFLICT for a version check) when it changed none. */
enum store_rc db_run_changed(struct db_stmt *st, enum store_rc if_none);
/* Run an `INSERT … RETURNING id` and reset it; *id (may be NULL) gets the
 * new row's id, or 0 when no row was inserted (ON CONFLICT DO NOTHING). */
enum store_rc db_insert(struct db_stmt *st, long *id);

/* Columns count from 0. NULL reads as 0, 0.0 or a NULL pointer. A boolean
 * (PostgreSQL) reads as 1 or 0. */
int64_t db_col_int64(struct db_stmt *st, int i);
int db_col_int(struct db_stmt *st, int i);
double db_col_double(struct db_stmt *st, int i);
const char *db_col_text(struct db_stmt *st, int i);
bool db_col_null(struct db_stmt *st, int i);
const void *db_col_blob(struct db_stmt *st, int i, size_t *n);

/* Rows changed by the latest finished INSERT, UPDATE or DELETE. */
long db_changes(struct db *db);
/* The store_rc of the latest failure on this connection. */
enum store_rc db_error(struct db *db);

/* --- transactions ----------------------------------------------------------- */

/* Begin a write transaction (SQLite: BEGIN IMMEDIATE, so it waits for the
 * writer lock up front instead of failing at the first write). */
enum store_rc db_begin(struct db *db);
enum store_rc db_commit(struct db *db);
/* Roll back the open transaction; a no-op outside one. */
void db_rollback(struct db *db);

/* --- schema and maintenance ------------------------------------------------- */

/* Run a script of one or more statements without parameters (migrations). */
enum store_rc db_exec(struct db *db, const char *script);
/* The schema version recorded by db_set_schema_version(); 0 for an empty
 * database, -1 on error. (SQLite: PRAGMA user_version; PostgreSQL: the
 * omsorg_schema table.) */
int db_schema_version(struct db *db);
/* Record the schema version, inside the migration's transaction. */
enum store_rc db_set_schema_version(struct db *db, int version);
/* SQLite only: an online copy of the database to a new file. STORE_ERROR on
 * PostgreSQL (use pg_dump). */
enum store_rc db_backup(struct db *db, const char *to_path);

/* --- for the drivers and their tests ---------------------------------------- */

/* Rewrite `?` and `?N` parameters as `$N` outside quotes and comments (for
 * PostgreSQL). Returns a malloc'd string and the highest parameter number
 * in *nparams; NULL when out of memory. */
char *db_sql_dollar(const char *sql, int *nparams);

#endif
