/*
 * store-int.h — private to the SQLite backend: the connection handle, the
 * prepared-statement cache and column helpers.
 */
#ifndef OMSORG_STORE_INT_H
#define OMSORG_STORE_INT_H

#include <sqlite3.h>

#include "store/store.h"

#define STMT_CACHE 256

struct store {
    sqlite3 *db;
    struct {
        const char *sql; /* the literal's address is the key */
        sqlite3_stmt *stmt;
    } cache[STMT_CACHE];
    int cached;
};

/* A reset, unbound prepared statement for a SQL literal (cached per
 * connection). NULL on error (logged). The statement stays owned by s. */
sqlite3_stmt *store_stmt(struct store *s, const char *sql);
/* Map a sqlite3 result to a store_rc, logging unexpected errors. */
enum store_rc store_rc_of(struct store *s, int rc);
/* Run a statement expected to finish with SQLITE_DONE. */
enum store_rc store_step_done(struct store *s, sqlite3_stmt *st);

/* Column i as an arena copy ("" for NULL). */
const char *col_text(struct arena *a, sqlite3_stmt *st, int i);
/* Bind a possibly-NULL string as '' . */
int bind_text(sqlite3_stmt *st, int i, const char *s);
/* Bind a minute value (MINUTE_NONE → NULL). */
int bind_minute(sqlite3_stmt *st, int i, int m);
int col_minute(sqlite3_stmt *st, int i);

#endif
