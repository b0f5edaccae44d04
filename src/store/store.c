/*
 * store.c — the store's connection, migrations, backup, transactions and the
 * helpers every store file shares (store-int.h). Backend-neutral: the SQL
 * driver (db.h) does what differs.
 */
#include "store/store-int.h"

#include <stdlib.h>
#include <time.h>

#include "core/observation.h"
#include "lib/log.h"
#include "store/migrations.h"

struct store *store_open(const char *path, const char **err)
{
    struct store *s = calloc(1, sizeof *s);
    if (!s) {
        *err = "out of memory";
        return NULL;
    }
    if (!(s->db = db_open(path, err))) {
        free(s);
        return NULL;
    }
    return s;
}

bool store_target_is_file(const char *target)
{
    return !db_target_is_postgres(target);
}

void store_close(struct store *s)
{
    if (!s)
        return;
    db_close(s->db);
    free(s);
}

/* --- schema ---------------------------------------------------------------------- */

/* The migrations of the connection's backend. */
static const struct migration_set *migration_set(struct store *s)
{
    return db_dialect(s->db) == DB_POSTGRES ? &migrations_postgres : &migrations_sqlite;
}

int store_schema_version(struct store *s)
{
    return db_schema_version(s->db);
}

bool store_needs_migration(struct store *s)
{
    const struct migration_set *set = migration_set(s);
    return store_schema_version(s) < set->list[set->count - 1].number;
}

enum store_rc store_migrate(struct store *s, int *applied)
{
    const struct migration_set *set = migration_set(s);
    int have = store_schema_version(s);
    *applied = 0;
    if (have < 0)
        return STORE_ERROR;
    for (int i = 0; i < set->count; i++) {
        const struct migration *m = &set->list[i];
        if (m->number <= have)
            continue;
        enum store_rc r = db_begin(s->db);
        if (r != STORE_OK)
            return r;
        if ((r = db_exec(s->db, m->sql)) != STORE_OK ||
            (r = db_set_schema_version(s->db, m->number)) != STORE_OK) {
            log_error("store: migration %s failed", m->name);
            db_rollback(s->db);
            return STORE_ERROR;
        }
        if ((r = db_commit(s->db)) != STORE_OK) {
            db_rollback(s->db);
            return r;
        }
        log_info("store: applied migration %s", m->name);
        (*applied)++;
    }
    return STORE_OK;
}

enum store_rc store_backup(struct store *s, const char *to_path)
{
    return db_backup(s->db, to_path);
}

enum store_rc store_begin(struct store *s)
{
    return db_begin(s->db);
}

enum store_rc store_commit(struct store *s)
{
    return db_commit(s->db);
}

void store_rollback(struct store *s)
{
    db_rollback(s->db);
}

/* --- column and parameter helpers (store-int.h) -------------------------------- */

const char *col_text(struct arena *a, struct db_stmt *st, int i)
{
    const char *t = db_col_text(st, i);
    return arena_strdup(a, t ? t : "");
}

void bind_minute(struct db_stmt *st, int i, int m)
{
    if (m < 0)
        db_bind_null(st, i);
    else
        db_bind_int(st, i, m);
}

int col_minute(struct db_stmt *st, int i)
{
    return db_col_null(st, i) ? MINUTE_NONE : db_col_int(st, i);
}

void bind_date(struct db_stmt *st, int i, struct date d)
{
    char t[11];
    if (!d.year) {
        db_bind_null(st, i);
        return;
    }
    date_format(d, t);
    db_bind_text(st, i, t);
}

struct date col_date(struct db_stmt *st, int i)
{
    struct date d = {0};
    const char *t = db_col_text(st, i);
    if (t && !date_parse(t, &d))
        d = (struct date){0};
    return d;
}

void bind_ref(struct db_stmt *st, int i, long id)
{
    if (id > 0)
        db_bind_int64(st, i, id);
    else
        db_bind_null(st, i);
}

void bind_now(struct db_stmt *st, int i)
{
    char t[21];
    epoch_to_iso((long)time(NULL), t);
    db_bind_text(st, i, t);
}
