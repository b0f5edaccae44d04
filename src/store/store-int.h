/*
 * store-int.h — private to the store: the connection handle and the column
 * and parameter helpers every store file shares. SQL goes through the driver
 * in db.h; read its rules for writing SQL both backends accept.
 */
#ifndef OMSORG_STORE_INT_H
#define OMSORG_STORE_INT_H

#include "core/date.h"
#include "store/db.h"
#include "store/store.h"

struct store {
    struct db *db;
};

/* A reset prepared statement with every parameter NULL, for a SQL literal
 * (cached per connection; owned by s). NULL on error (logged). */
static inline struct db_stmt *store_stmt(struct store *s, const char *sql)
{
    return db_prepare(s->db, sql);
}

/* Column i as an arena copy ("" for NULL; NULL when out of memory). */
const char *col_text(struct arena *a, struct db_stmt *st, int i);
/* A minute of the day: MINUTE_NONE binds and reads as NULL. */
void bind_minute(struct db_stmt *st, int i, int m);
int col_minute(struct db_stmt *st, int i);
/* A date as 'YYYY-MM-DD'; an unset date (year 0) binds as NULL, and NULL or
 * a malformed value reads as year 0. */
void bind_date(struct db_stmt *st, int i, struct date d);
struct date col_date(struct db_stmt *st, int i);
/* A reference to another row: an id that is not positive binds as NULL. */
void bind_ref(struct db_stmt *st, int i, long id);
/* The current time as ISO 8601 UTC ('YYYY-MM-DDTHH:MM:SSZ'), the format of
 * every timestamp column; bound instead of a dialect's 'now'. */
void bind_now(struct db_stmt *st, int i);

#endif
