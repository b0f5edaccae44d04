/*
 * db-driver.h — what a backend implements for db.h: a table of operations
 * and the two structs every backend's connection and statement begin with.
 * Private to db.c and the drivers (db-sqlite.c, db-pg.c); store files use
 * db.h only.
 */
#ifndef OMSORG_DB_DRIVER_H
#define OMSORG_DB_DRIVER_H

#include "store/db.h"

struct db_ops {
    enum db_dialect dialect;
    /* Free the backend's connection (statements are finalized first). */
    void (*close)(struct db *db);
    /* Prepare a statement (not cached; db.c caches). NULL on error, with
     * db->error set and the cause logged. */
    struct db_stmt *(*prepare)(struct db *db, const char *sql);
    void (*finalize)(struct db_stmt *st);
    /* Reset; clear = also set every parameter to NULL. */
    void (*reset)(struct db_stmt *st, bool clear);
    void (*bind_int64)(struct db_stmt *st, int i, int64_t v);
    void (*bind_double)(struct db_stmt *st, int i, double v);
    void (*bind_text)(struct db_stmt *st, int i, const char *s);
    void (*bind_null)(struct db_stmt *st, int i);
    void (*bind_blob)(struct db_stmt *st, int i, const void *p, size_t n);
    /* DB_ROW, DB_DONE or DB_FAIL (db->error set, the cause logged). */
    int (*step)(struct db_stmt *st);
    int64_t (*col_int64)(struct db_stmt *st, int i);
    double (*col_double)(struct db_stmt *st, int i);
    const char *(*col_text)(struct db_stmt *st, int i);
    bool (*col_null)(struct db_stmt *st, int i);
    const void *(*col_blob)(struct db_stmt *st, int i, size_t *n);
    long (*changes)(struct db *db);
    enum store_rc (*exec)(struct db *db, const char *script);
    enum store_rc (*begin)(struct db *db);
    enum store_rc (*commit)(struct db *db);
    void (*rollback)(struct db *db);
    int (*schema_version)(struct db *db);
    enum store_rc (*set_schema_version)(struct db *db, int version);
    enum store_rc (*backup)(struct db *db, const char *to_path); /* NULL: not supported */
};

/* The statement cache: SQL literal address → prepared statement. */
struct db_cached {
    const char *sql;
    struct db_stmt *st;
};

/* Every backend's connection struct begins with this. */
struct db {
    const struct db_ops *ops;
    enum store_rc error; /* of the latest failure */
    struct db_cached *cache;
    size_t cache_cap, cache_used; /* cap is a power of two */
};

/* Every backend's statement struct begins with this. */
struct db_stmt {
    struct db *db;
};

/* Backends' entry points (db_open() dispatches). */
struct db *db_sqlite_open(const char *path, const char **err);
struct db *db_pg_open(const char *url, const char **err);

#endif
