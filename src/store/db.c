/*
 * db.c — the backend-neutral half of the SQL driver (db.h): choosing the
 * backend, the per-connection statement cache, the read/write finishers and
 * the placeholder rewrite for PostgreSQL. Calls no database library.
 */
#include "store/db-driver.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/log.h"

bool db_target_is_postgres(const char *target)
{
    return target && (!strncmp(target, "postgres://", 11) || !strncmp(target, "postgresql://", 13));
}

struct db *db_open(const char *target, const char **err)
{
    struct db *db =
        db_target_is_postgres(target) ? db_pg_open(target, err) : db_sqlite_open(target, err);
    if (!db)
        return NULL;
    db->cache_cap = 256;
    db->cache = calloc(db->cache_cap, sizeof *db->cache);
    if (!db->cache) {
        db->ops->close(db);
        *err = "out of memory";
        return NULL;
    }
    return db;
}

void db_close(struct db *db)
{
    if (!db)
        return;
    for (size_t i = 0; i < db->cache_cap; i++)
        if (db->cache[i].st)
            db->ops->finalize(db->cache[i].st);
    free(db->cache);
    db->ops->close(db);
}

enum db_dialect db_dialect(const struct db *db)
{
    return db->ops->dialect;
}

/* --- the statement cache ---------------------------------------------------- */

/* The slot for a literal's address: open addressing, linear probing. */
static size_t cache_slot(const struct db_cached *cache, size_t cap, const char *sql)
{
    uint64_t h = (uint64_t)(uintptr_t)sql * 0x9E3779B97F4A7C15ull;
    size_t i = (size_t)(h >> 32) & (cap - 1);
    while (cache[i].sql && cache[i].sql != sql)
        i = (i + 1) & (cap - 1);
    return i;
}

/* Double the table; false when out of memory (the table is unchanged). */
static bool cache_grow(struct db *db)
{
    size_t cap = db->cache_cap * 2;
    struct db_cached *bigger = calloc(cap, sizeof *bigger);
    if (!bigger)
        return false;
    for (size_t i = 0; i < db->cache_cap; i++)
        if (db->cache[i].sql)
            bigger[cache_slot(bigger, cap, db->cache[i].sql)] = db->cache[i];
    free(db->cache);
    db->cache = bigger;
    db->cache_cap = cap;
    return true;
}

struct db_stmt *db_prepare(struct db *db, const char *sql)
{
    size_t i = cache_slot(db->cache, db->cache_cap, sql);
    if (db->cache[i].sql) {
        db->ops->reset(db->cache[i].st, true);
        return db->cache[i].st;
    }
    if (2 * (db->cache_used + 1) > db->cache_cap) {
        if (!cache_grow(db)) {
            log_error("store: out of memory for the statement cache");
            db->error = STORE_ERROR;
            return NULL;
        }
        i = cache_slot(db->cache, db->cache_cap, sql);
    }
    struct db_stmt *st = db->ops->prepare(db, sql);
    if (!st)
        return NULL;
    db->cache[i] = (struct db_cached){sql, st};
    db->cache_used++;
    return st;
}

/* --- binding, stepping, columns -------------------------------------------- */

void db_bind_int64(struct db_stmt *st, int i, int64_t v)
{
    st->db->ops->bind_int64(st, i, v);
}

void db_bind_int(struct db_stmt *st, int i, int v)
{
    st->db->ops->bind_int64(st, i, v);
}

void db_bind_double(struct db_stmt *st, int i, double v)
{
    st->db->ops->bind_double(st, i, v);
}

void db_bind_text(struct db_stmt *st, int i, const char *s)
{
    st->db->ops->bind_text(st, i, s ? s : "");
}

void db_bind_null(struct db_stmt *st, int i)
{
    st->db->ops->bind_null(st, i);
}

void db_bind_blob(struct db_stmt *st, int i, const void *p, size_t n)
{
    st->db->ops->bind_blob(st, i, p, n);
}

int db_step(struct db_stmt *st)
{
    return st->db->ops->step(st);
}

void db_reset(struct db_stmt *st)
{
    st->db->ops->reset(st, false);
}

enum store_rc db_done(struct db_stmt *st, int step)
{
    st->db->ops->reset(st, false);
    return step == DB_FAIL ? st->db->error : STORE_OK;
}

enum store_rc db_found(struct db_stmt *st, int step)
{
    st->db->ops->reset(st, false);
    return step == DB_ROW ? STORE_OK : step == DB_DONE ? STORE_NOT_FOUND : st->db->error;
}

enum store_rc db_run(struct db_stmt *st)
{
    if (!st)
        return STORE_ERROR;
    int rc;
    while ((rc = db_step(st)) == DB_ROW)
        ;
    return db_done(st, rc);
}

enum store_rc db_run_changed(struct db_stmt *st, enum store_rc if_none)
{
    enum store_rc r = db_run(st);
    return r == STORE_OK && db_changes(st->db) == 0 ? if_none : r;
}

enum store_rc db_insert(struct db_stmt *st, long *id)
{
    if (!st)
        return STORE_ERROR;
    int rc = db_step(st);
    long v = rc == DB_ROW ? (long)db_col_int64(st, 0) : 0;
    while (rc == DB_ROW)
        rc = db_step(st);
    enum store_rc r = db_done(st, rc);
    if (r == STORE_OK && id)
        *id = v;
    return r;
}

int64_t db_col_int64(struct db_stmt *st, int i)
{
    return st->db->ops->col_int64(st, i);
}

int db_col_int(struct db_stmt *st, int i)
{
    return (int)st->db->ops->col_int64(st, i);
}

double db_col_double(struct db_stmt *st, int i)
{
    return st->db->ops->col_double(st, i);
}

const char *db_col_text(struct db_stmt *st, int i)
{
    return st->db->ops->col_text(st, i);
}

bool db_col_null(struct db_stmt *st, int i)
{
    return st->db->ops->col_null(st, i);
}

const void *db_col_blob(struct db_stmt *st, int i, size_t *n)
{
    return st->db->ops->col_blob(st, i, n);
}

long db_changes(struct db *db)
{
    return db->ops->changes(db);
}

enum store_rc db_error(struct db *db)
{
    return db->error;
}

/* --- transactions, schema ---------------------------------------------------- */

enum store_rc db_begin(struct db *db)
{
    return db->ops->begin(db);
}

enum store_rc db_commit(struct db *db)
{
    return db->ops->commit(db);
}

void db_rollback(struct db *db)
{
    db->ops->rollback(db);
}

enum store_rc db_exec(struct db *db, const char *script)
{
    return db->ops->exec(db, script);
}

int db_schema_version(struct db *db)
{
    return db->ops->schema_version(db);
}

enum store_rc db_set_schema_version(struct db *db, int version)
{
    return db->ops->set_schema_version(db, version);
}

enum store_rc db_backup(struct db *db, const char *to_path)
{
    if (!db->ops->backup) {
        log_error("store: backup is for SQLite files; use pg_dump for PostgreSQL");
        return STORE_ERROR;
    }
    return db->ops->backup(db, to_path);
}

/* --- placeholders ------------------------------------------------------------- */

char *db_sql_dollar(const char *sql, int *nparams)
{
    /* `?` becomes at most `$NNNNN`: six bytes for one. */
    size_t len = strlen(sql);
    char *out = malloc(len * 6 + 1), *o = out;
    int top = 0;
    if (!out)
        return NULL;
    for (const char *p = sql; *p;) {
        if (*p == '\'' || *p == '"') {
            /* a string or quoted identifier; a doubled quote stays inside */
            char q = *p;
            *o++ = *p++;
            while (*p && !(*p == q && p[1] != q)) {
                if (*p == q)
                    *o++ = *p++;
                *o++ = *p++;
            }
            if (*p)
                *o++ = *p++;
        } else if (p[0] == '-' && p[1] == '-') {
            while (*p && *p != '\n')
                *o++ = *p++;
        } else if (p[0] == '/' && p[1] == '*') {
            const char *end = strstr(p + 2, "*/");
            size_t n = end ? (size_t)(end + 2 - p) : strlen(p);
            memcpy(o, p, n);
            o += n;
            p += n;
        } else if (*p == '?') {
            int n = 0;
            p++;
            if (*p >= '0' && *p <= '9') {
                while (*p >= '0' && *p <= '9' && n < 100000)
                    n = n * 10 + (*p++ - '0');
            } else {
                n = top + 1; /* SQLite: one more than the largest so far */
            }
            if (n > top)
                top = n;
            o += sprintf(o, "$%d", n);
        } else {
            *o++ = *p++;
        }
    }
    *o = '\0';
    *nparams = top;
    return out;
}
