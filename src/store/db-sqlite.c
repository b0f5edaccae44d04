/*
 * db-sqlite.c — the SQLite driver (db.h): the only file that calls sqlite3_*.
 * A connection runs in WAL mode with foreign keys on, synchronous=NORMAL,
 * untrusted schema and a 5 s busy timeout; statements are prepared
 * persistent (db.c caches them).
 */
#include "store/db-driver.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

#include "lib/log.h"

struct lite {
    struct db base;
    sqlite3 *conn;
};

struct lite_stmt {
    struct db_stmt base;
    sqlite3_stmt *st;
};

#define LITE(db) ((struct lite *)(db))
#define STMT(s)  (((struct lite_stmt *)(s))->st)

/* The store_rc of a SQLite (extended) result code. */
static enum store_rc map(int rc)
{
    switch (rc) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
        return STORE_CONFLICT;
    case SQLITE_CONSTRAINT_FOREIGNKEY:
        return STORE_INVALID;
    }
    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_FULL:
    case SQLITE_IOERR:
        return STORE_UNAVAILABLE;
    default:
        return STORE_ERROR;
    }
}

/* Remember a failure as the connection's latest and return its store_rc;
 * log what is not an expected constraint. */
static enum store_rc fail(struct db *db, int rc)
{
    enum store_rc r = map(rc);
    if (r != STORE_CONFLICT && r != STORE_INVALID)
        log_error("store: %s (%d)", sqlite3_errmsg(LITE(db)->conn), rc);
    db->error = r;
    return r;
}

static enum store_rc result(struct db *db, int rc)
{
    return rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW ? STORE_OK : fail(db, rc);
}

/* --- connection ---------------------------------------------------------------- */

static void lite_close(struct db *db)
{
    sqlite3_close(LITE(db)->conn);
    free(db);
}

static const struct db_ops lite_ops;

struct db *db_sqlite_open(const char *path, const char **err)
{
    struct lite *d = calloc(1, sizeof *d);
    if (!d) {
        *err = "out of memory";
        return NULL;
    }
    d->base.ops = &lite_ops;
    int rc = sqlite3_open_v2(
        path, &d->conn, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        log_error("store: open %s: %s", path, d->conn ? sqlite3_errmsg(d->conn) : "?");
        *err = "cannot open the database file";
        goto out_close;
    }
    sqlite3_busy_timeout(d->conn, 5000);
    sqlite3_extended_result_codes(d->conn, 1);
    if (sqlite3_exec(d->conn,
                     "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;"
                     "PRAGMA synchronous=NORMAL; PRAGMA trusted_schema=OFF;",
                     NULL, NULL, NULL) != SQLITE_OK) {
        log_error("store: pragmas on %s: %s", path, sqlite3_errmsg(d->conn));
        *err = "the file is not an omsorg database, or it is damaged";
        goto out_close;
    }
    return &d->base;

out_close:
    lite_close(&d->base);
    return NULL;
}

/* --- statements ------------------------------------------------------------------ */

static struct db_stmt *lite_prepare(struct db *db, const char *sql)
{
    struct lite_stmt *s = calloc(1, sizeof *s);
    if (!s) {
        db->error = STORE_ERROR;
        return NULL;
    }
    int rc = sqlite3_prepare_v3(LITE(db)->conn, sql, -1, SQLITE_PREPARE_PERSISTENT, &s->st, NULL);
    if (rc != SQLITE_OK) {
        log_error("store: prepare: %s", sqlite3_errmsg(LITE(db)->conn));
        db->error = map(rc);
        free(s);
        return NULL;
    }
    s->base.db = db;
    return &s->base;
}

static void lite_finalize(struct db_stmt *st)
{
    sqlite3_finalize(STMT(st));
    free(st);
}

static void lite_reset(struct db_stmt *st, bool clear)
{
    sqlite3_reset(STMT(st));
    if (clear)
        sqlite3_clear_bindings(STMT(st));
}

static void lite_bind_int64(struct db_stmt *st, int i, int64_t v)
{
    sqlite3_bind_int64(STMT(st), i, v);
}

static void lite_bind_double(struct db_stmt *st, int i, double v)
{
    sqlite3_bind_double(STMT(st), i, v);
}

static void lite_bind_text(struct db_stmt *st, int i, const char *s)
{
    sqlite3_bind_text(STMT(st), i, s, -1, SQLITE_TRANSIENT);
}

static void lite_bind_null(struct db_stmt *st, int i)
{
    sqlite3_bind_null(STMT(st), i);
}

static void lite_bind_blob(struct db_stmt *st, int i, const void *p, size_t n)
{
    sqlite3_bind_blob64(STMT(st), i, p, n, SQLITE_TRANSIENT);
}

static int lite_step(struct db_stmt *st)
{
    int rc = sqlite3_step(STMT(st));
    if (rc == SQLITE_ROW)
        return DB_ROW;
    if (rc == SQLITE_DONE)
        return DB_DONE;
    fail(st->db, rc);
    return DB_FAIL;
}

static int64_t lite_col_int64(struct db_stmt *st, int i)
{
    return sqlite3_column_int64(STMT(st), i);
}

static double lite_col_double(struct db_stmt *st, int i)
{
    return sqlite3_column_double(STMT(st), i);
}

static const char *lite_col_text(struct db_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(STMT(st), i);
}

static bool lite_col_null(struct db_stmt *st, int i)
{
    return sqlite3_column_type(STMT(st), i) == SQLITE_NULL;
}

static const void *lite_col_blob(struct db_stmt *st, int i, size_t *n)
{
    const void *p = sqlite3_column_blob(STMT(st), i);
    *n = (size_t)sqlite3_column_bytes(STMT(st), i);
    return p;
}

static long lite_changes(struct db *db)
{
    return sqlite3_changes(LITE(db)->conn);
}

/* --- transactions, scripts, schema -------------------------------------------- */

static enum store_rc lite_exec(struct db *db, const char *script)
{
    return result(db, sqlite3_exec(LITE(db)->conn, script, NULL, NULL, NULL));
}

static enum store_rc lite_begin(struct db *db)
{
    return result(db, sqlite3_exec(LITE(db)->conn, "BEGIN IMMEDIATE", NULL, NULL, NULL));
}

static enum store_rc lite_commit(struct db *db)
{
    return result(db, sqlite3_exec(LITE(db)->conn, "COMMIT", NULL, NULL, NULL));
}

static void lite_rollback(struct db *db)
{
    if (!sqlite3_get_autocommit(LITE(db)->conn))
        sqlite3_exec(LITE(db)->conn, "ROLLBACK", NULL, NULL, NULL);
}

static int lite_schema_version(struct db *db)
{
    sqlite3_stmt *st;
    int v = 0;
    if (sqlite3_prepare_v2(LITE(db)->conn, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
        return -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

static enum store_rc lite_set_schema_version(struct db *db, int version)
{
    char pragma[64];
    snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", version);
    return lite_exec(db, pragma);
}

static enum store_rc lite_backup(struct db *db, const char *to_path)
{
    sqlite3 *dst;
    enum store_rc r = STORE_ERROR;
    if (sqlite3_open_v2(to_path, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
        SQLITE_OK) {
        log_error("store: backup: cannot open the target file");
        sqlite3_close(dst);
        return STORE_ERROR;
    }
    sqlite3_backup *b = sqlite3_backup_init(dst, "main", LITE(db)->conn, "main");
    if (b) {
        int rc;
        /* Copy in steps so writers are not held off for long. */
        while ((rc = sqlite3_backup_step(b, 256)) == SQLITE_OK || rc == SQLITE_BUSY ||
               rc == SQLITE_LOCKED)
            sqlite3_sleep(rc == SQLITE_OK ? 0 : 10);
        if (sqlite3_backup_finish(b) == SQLITE_OK && rc == SQLITE_DONE)
            r = STORE_OK;
    }
    if (r != STORE_OK)
        log_error("store: backup failed: %s", sqlite3_errmsg(dst));
    sqlite3_close(dst);
    return r;
}

static const struct db_ops lite_ops = {
    .dialect = DB_SQLITE,
    .close = lite_close,
    .prepare = lite_prepare,
    .finalize = lite_finalize,
    .reset = lite_reset,
    .bind_int64 = lite_bind_int64,
    .bind_double = lite_bind_double,
    .bind_text = lite_bind_text,
    .bind_null = lite_bind_null,
    .bind_blob = lite_bind_blob,
    .step = lite_step,
    .col_int64 = lite_col_int64,
    .col_double = lite_col_double,
    .col_text = lite_col_text,
    .col_null = lite_col_null,
    .col_blob = lite_col_blob,
    .changes = lite_changes,
    .exec = lite_exec,
    .begin = lite_begin,
    .commit = lite_commit,
    .rollback = lite_rollback,
    .schema_version = lite_schema_version,
    .set_schema_version = lite_set_schema_version,
    .backup = lite_backup,
};
