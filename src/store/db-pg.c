/*
 * db-pg.c — the PostgreSQL driver (db.h). Not built yet: opening a
 * postgres:// URL says so.
 */
#include "store/db-driver.h"

#include "lib/log.h"

struct db *db_pg_open(const char *url, const char **err)
{
    (void)url;
    log_error("store: this omsorg has no PostgreSQL driver yet");
    *err = "PostgreSQL is not supported by this build";
    return NULL;
}
