/*
 * store-sqlite.c — the SQLite backend: connection, migrations, backup,
 * transactions, statement cache, teams, staff, sessions and throttling.
 * Citizens and the audit log are in store-citizen.c.
 */
#include "store/store-int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/log.h"
#include "store/migrations.h"

struct store *store_open(const char *path, const char **err)
{
    struct store *s = calloc(1, sizeof *s);
    if (!s) {
        *err = "out of memory";
        return NULL;
    }
    int rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                                               SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        *err = s->db ? sqlite3_errmsg(s->db) : "cannot open database";
        log_error("store: open %s: %s", path, *err);
        *err = "cannot open the database file";
        goto out_close;
    }
    sqlite3_busy_timeout(s->db, 5000);
    sqlite3_extended_result_codes(s->db, 1);
    if (sqlite3_exec(s->db, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;"
                            "PRAGMA synchronous=NORMAL; PRAGMA trusted_schema=OFF;",
                     NULL, NULL, NULL) != SQLITE_OK) {
        log_error("store: pragmas on %s: %s", path, sqlite3_errmsg(s->db));
        *err = "the file is not an omsorg database, or it is damaged";
        goto out_close;
    }
    return s;

out_close:
    sqlite3_close(s->db);
    free(s);
    return NULL;
}

void store_close(struct store *s)
{
    if (!s)
        return;
    for (int i = 0; i < s->cached; i++)
        sqlite3_finalize(s->cache[i].stmt);
    sqlite3_close(s->db);
    free(s);
}

sqlite3_stmt *store_stmt(struct store *s, const char *sql)
{
    for (int i = 0; i < s->cached; i++) {
        if (s->cache[i].sql == sql) {
            sqlite3_reset(s->cache[i].stmt);
            sqlite3_clear_bindings(s->cache[i].stmt);
            return s->cache[i].stmt;
        }
    }
    sqlite3_stmt *st;
    if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
        log_error("store: prepare: %s", sqlite3_errmsg(s->db));
        return NULL;
    }
    if (s->cached < STMT_CACHE) {
        s->cache[s->cached].sql = sql;
        s->cache[s->cached].stmt = st;
        s->cached++;
    } else {
        log_error("store: statement cache full; raise STMT_CACHE");
    }
    return st;
}

enum store_rc store_rc_of(struct store *s, int rc)
{
    switch (rc) {
    case SQLITE_OK:
    case SQLITE_DONE:
    case SQLITE_ROW:
        return STORE_OK;
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
        return STORE_CONFLICT;
    case SQLITE_CONSTRAINT_FOREIGNKEY:
        return STORE_INVALID;
    default:
        log_error("store: %s (%d)", sqlite3_errmsg(s->db), rc);
        return STORE_ERROR;
    }
}

enum store_rc store_step_done(struct store *s, sqlite3_stmt *st)
{
    if (!st)
        return STORE_ERROR;
    int rc = sqlite3_step(st);
    enum store_rc r = store_rc_of(s, rc);
    sqlite3_reset(st);
    return r;
}

const char *col_text(struct arena *a, sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return arena_strdup(a, t ? (const char *)t : "");
}

int bind_text(sqlite3_stmt *st, int i, const char *s)
{
    return sqlite3_bind_text(st, i, s ? s : "", -1, SQLITE_TRANSIENT);
}

int bind_minute(sqlite3_stmt *st, int i, int m)
{
    return m < 0 ? sqlite3_bind_null(st, i) : sqlite3_bind_int(st, i, m);
}

int col_minute(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? MINUTE_NONE : sqlite3_column_int(st, i);
}

/* --- schema --------------------------------------------------------------- */

int store_schema_version(struct store *s)
{
    sqlite3_stmt *st;
    int v = 0;
    if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
        return -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

bool store_needs_migration(struct store *s)
{
    return store_schema_version(s) < migrations[migrations_count - 1].number;
}

enum store_rc store_migrate(struct store *s, int *applied)
{
    int have = store_schema_version(s);
    *applied = 0;
    if (have < 0)
        return STORE_ERROR;
    for (int i = 0; i < migrations_count; i++) {
        const struct migration *m = &migrations[i];
        if (m->number <= have)
            continue;
        char *msg = NULL;
        char pragma[64];
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d;", m->number);
        if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
            return store_rc_of(s, sqlite3_errcode(s->db));
        if (sqlite3_exec(s->db, m->sql, NULL, NULL, &msg) != SQLITE_OK ||
            sqlite3_exec(s->db, pragma, NULL, NULL, &msg) != SQLITE_OK) {
            log_error("store: migration %s failed: %s", m->name, msg ? msg : "?");
            sqlite3_free(msg);
            sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
            return STORE_ERROR;
        }
        if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
            sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
            return store_rc_of(s, sqlite3_errcode(s->db));
        }
        log_info("store: applied migration %s", m->name);
        (*applied)++;
    }
    return STORE_OK;
}

enum store_rc store_backup(struct store *s, const char *to_path)
{
    sqlite3 *dst;
    enum store_rc r = STORE_ERROR;
    if (sqlite3_open_v2(to_path, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
        SQLITE_OK) {
        log_error("store: backup: cannot open the target file");
        sqlite3_close(dst);
        return STORE_ERROR;
    }
    sqlite3_backup *b = sqlite3_backup_init(dst, "main", s->db, "main");
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

enum store_rc store_begin(struct store *s)
{
    return store_rc_of(s, sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL));
}

enum store_rc store_commit(struct store *s)
{
    return store_rc_of(s, sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL));
}

void store_rollback(struct store *s)
{
    if (!sqlite3_get_autocommit(s->db))
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

/* --- teams ---------------------------------------------------------------- */

#define TEAM_COLS "t.id, t.slug, t.name, t.office_address, t.office_lat, t.office_lon"

static void team_from_row(struct arena *a, sqlite3_stmt *st, struct team *t)
{
    t->id = sqlite3_column_int64(st, 0);
    t->slug = col_text(a, st, 1);
    t->name = col_text(a, st, 2);
    t->office_address = col_text(a, st, 3);
    t->office_lat = sqlite3_column_double(st, 4);
    t->office_lon = sqlite3_column_double(st, 5);
}

enum store_rc store_team_list(struct store *s, struct arena *a, struct team **out, int *n)
{
    static const char sql_count[] = "SELECT count(*) FROM team";
    static const char sql[] = "SELECT " TEAM_COLS ", (SELECT count(*) FROM user u WHERE "
                              "u.team_id = t.id AND u.active) FROM team t ORDER BY t.id";
    sqlite3_stmt *st = store_stmt(s, sql_count);
    if (!st || sqlite3_step(st) != SQLITE_ROW)
        return STORE_ERROR;
    int cap = sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    *out = arena_alloc(a, sizeof **out * (size_t)(cap + 1));
    *n = 0;
    if (!*out || !(st = store_stmt(s, sql)))
        return STORE_ERROR;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < cap) {
        team_from_row(a, st, &(*out)[*n]);
        (*out)[*n].member_count = sqlite3_column_int(st, 6);
        (*n)++;
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : store_rc_of(s, rc);
}

static enum store_rc team_one(struct store *s, struct arena *a, sqlite3_stmt *st,
                              struct team *out)
{
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        team_from_row(a, st, out);
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? STORE_OK : rc == SQLITE_DONE ? STORE_NOT_FOUND : store_rc_of(s, rc);
}

enum store_rc store_team_get(struct store *s, struct arena *a, long id, struct team *out)
{
    static const char sql[] = "SELECT " TEAM_COLS " FROM team t WHERE t.id = ?";
    sqlite3_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    sqlite3_bind_int64(st, 1, id);
    return team_one(s, a, st, out);
}

enum store_rc store_team_by_slug(struct store *s, struct arena *a, const char *slug,
                                 struct team *out)
{
    static const char sql[] = "SELECT " TEAM_COLS " FROM team t WHERE t.slug = ?";
    sqlite3_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    bind_text(st, 1, slug);
    return team_one(s, a, st, out);
}

static void bind_team(sqlite3_stmt *st, const struct team *t)
{
    bind_text(st, 1, t->slug);
    bind_text(st, 2, t->name);
    bind_text(st, 3, t->office_address);
    if (t->office_lat || t->office_lon) {
        sqlite3_bind_double(st, 4, t->office_lat);
        sqlite3_bind_double(st, 5, t->office_lon);
    }
}

enum store_rc store_team_create(struct store *s, const struct team *t, long *id)
{
    static const char sql[] = "INSERT INTO team (slug, name, office_address, office_lat, "
                              "office_lon) VALUES (?, ?, ?, ?, ?)";
    sqlite3_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    bind_team(st, t);
    enum store_rc r = store_step_done(s, st);
    if (r == STORE_OK && id)
        *id = sqlite3_last_insert_rowid(s->db);
    return r;
}

enum store_rc store_team_update(struct store *s, const struct team *t)
{
    static const char sql[] = "UPDATE team SET slug = ?, name = ?, office_address = ?, "
                              "office_lat = coalesce(?, office_lat), office_lon = "
                              "coalesce(?, office_lon) WHERE id = ?";
    sqlite3_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    bind_team(st, t);
    sqlite3_bind_int64(st, 6, t->id);
    enum store_rc r = store_step_done(s, st);
    if (r == STORE_OK && sqlite3_changes(s->db) == 0)
        return STORE_NOT_FOUND;
    return r;
}

/* --- users ---------------------------------------------------------------- */

#define USER_COLS                                                                                \
    "u.id, u.username, u.full_name, u.role, coalesce(u.team_id, 0), coalesce(t.name, ''), "     \
    "u.email, u.phone, u.active, u.skills"
#define USER_FROM " FROM user u LEFT JOIN team t ON t.id = u.team_id "

static void user_from_row(struct arena *a, sqlite3_stmt *st, struct user *u)
{
    memset(u, 0, sizeof *u);
    u->id = sqlite3_column_int64(st, 0);
    u->username = col_text(a, st, 1);
    u->full_name = col_text(a, st, 2);
    u->role = role_parse((const char *)sqlite3_column_text(st, 3));
    u->team_id = sqlite3_column_int64(st, 4);
    u->team_name = col_text(a, st, 5);
    u->email = col_text(a, st, 6);
    u->phone = col_text(a, st, 7);
    u->active = sqlite3_column_int(st, 8) != 0;
    u->skills = (unsigned)sqlite3_column_int(st, 9);
}

static enum store_rc user_shifts_load(struct store *s, struct user *u)
{
    static const char sql[] = "SELECT weekday, start_min, end_min FROM user_shift WHERE "
                              "user_id = ? ORDER BY weekday";
    sqlite3_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    sqlite3_bind_int64(st, 1, u->id);
    u->shift_count = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && u->shift_count < 7) {
        u->shifts[u->shift_count++] = (struct shift){
            sqlite3_column_int(st, 0), sqlite3_column_int(st, 1), sqlite3_column_int(st, 2)};
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : store_rc_of(s, rc);
}

enum store_rc store_user_list(struct store *s, struct arena *a, long team_id, struct user **out,
                              int *n)
{
    static const char sql_count[] = "SELECT count(*) FROM user";
    static const char sql[] = "SELECT " USER_COLS USER_FROM
                              "WHERE ?1 = 0 OR u.team_id = ?1 ORDER BY u.full_name, u.id";
    sqlite3_stmt *st = store_stmt(s, sql_count);
    if (!st || sqlite3_step(st) != SQLITE_ROW)
        return STORE_ERROR;
    int cap = sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    *n = 0;
    *out = arena_alloc(a, sizeof **out * (size_t)(cap + 1));
    if (!*out || !(st = store_stmt(s, sql)))
        return STORE_ERROR;
    sqlite3_bind_int64(st, 1, team_id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < cap)
        user_from_row(a, st, &(*out)[(*n)++]);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_rc_of(s, rc);
    for (int i = 0; i < *n; i++)
        if (user_shifts_load(s, &(*out)[i]) != STORE_OK)
            return STORE_ERROR;
    return STORE_OK;
}

enum store_rc store_user_get(struct store *s, struct arena *a, long id, struct user *out)
{
    static const char sql[] = "SELECT " USER_COLS USER_FROM "WHERE u.id = ?";
    sqlite3_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        user_from_row(a, st, out);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW)
        return rc == SQLITE_DONE ? STORE_NOT_FOUND : store_rc_of(s, rc);
    return user_shifts_load(s, out);
}

enum store_rc store_user_by_username(struct store *s, struct arena *a, const char *username,
                                     struct user *out, const char **password_hash)
{
    static const char sql[] = "SELECT " USER_COLS ", u.password_hash" USER_FROM
                              "WHERE u.username = ?";
    sqlite3_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    bind_text(st, 1, username);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        user_from_row(a, st, out);
        *password_hash = col_text(a, st, 10);
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? STORE_OK : rc == SQLITE_DONE ? STORE_NOT_FOUND : store_rc_of(s, rc);
}

static enum store_rc user_shifts_save(struct store *s, const struct user *u)
{
    static const char del[] = "DELETE FROM user_shift WHERE user_id = ?";
    static const char ins[] = "INSERT INTO user_shift (user_id, weekday, start_min, end_min) "
                              "VALUES (?, ?, ?, ?)";
    sqlite3_stmt *st = store_stmt(s, del);
    if (!st)
        return STORE_ERROR;
    sqlite3_bind_int64(st, 1, u->id);
    enum store_rc r = store_step_done(s, st);
    for (int i = 0; r == STORE_OK && i < u->shift_count; i++) {
        if (!(st = store_stmt(s, ins)))
            return STORE_ERROR;
        sqlite3_bind_int64(st, 1, u->id);
        sqlite3_bind_int(st, 2, u->shifts[i].weekday);
        sqlite3_bind_int(st, 3, u->shifts[i].start);
        sqlite3_bind_int(st, 4, u->shifts[i].end);
        r = store_step_done(s, st);
    }
    return r;
}

static void bind_user(sqlite3_stmt *st, const struct user *u)
{
    bind_text(st, 1, u->username);
    bind_text(st, 2, u->full_name);
    bind_text(st, 3, role_code(u->role));
    if (u->team_id > 0)
        sqlite3_bind_int64(st, 4, u->team_id);
    else
        sqlite3_bind_null(st, 4);
    bind_text(st, 5, u->email);
    bind_text(st, 6, u->phone);
    sqlite3_bind_int(st, 7, (int)u->skills);
    sqlite3_bind_int(st, 8, u->active);
}

enum store_rc store_user_create(struct store *s, const struct user *u, const char *password_hash,
                                long *id)
{
    static const char sql[] = "INSERT INTO user (username, full_name, role, team_id, email, "
                              "phone, skills, active, password_hash) VALUES (?,?,?,?,?,?,?,?,?)";
    sqlite3_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    bind_user(st, u);
    bind_text(st, 9, password_hash);
    enum store_rc r = store_step_done(s, st);
    if (r != STORE_OK)
        return r;
    struct user copy = *u;
    copy.id = sqlite3_last_insert_rowid(s->db);
    if (id)
        *id = copy.id;
    return user_shifts_save(s, &copy);
}

enum store_rc store_user_update(struct store *s, const struct user *u, const char *password_hash)
{
    static const char sql[] = "UPDATE user SET username = ?, full_name = ?, role = ?, team_id = ?,"
                              " email = ?, phone = ?, skills = ?, active = ?, password_hash = "
                              "coalesce(?, password_hash) WHERE id = ?";
    static const char drop_sessions[] = "DELETE FROM session WHERE user_id = ?";
    sqlite3_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    bind_user(st, u);
    if (password_hash)
        bind_text(st, 9, password_hash);
    sqlite3_bind_int64(st, 10, u->id);
    enum store_rc r = store_step_done(s, st);
    if (r != STORE_OK)
        return r;
    if (sqlite3_changes(s->db) == 0)
        return STORE_NOT_FOUND;
    if (!u->active || password_hash) {
        /* A deactivated user or a new password ends every open session. */
        if (!(st = store_stmt(s, drop_sessions)))
            return STORE_ERROR;
        sqlite3_bind_int64(st, 1, u->id);
        if ((r = store_step_done(s, st)) != STORE_OK)
            return r;
    }
    return user_shifts_save(s, u);
}

/* --- sessions and throttling ---------------------------------------------- */

enum store_rc store_session_create(struct store *s, const char *digest, long user_id,
                                   const char *csrf, long now, long expires_at)
{
    static const char sql[] = "INSERT INTO session (digest, user_id, csrf, created_at, "
                              "expires_at) VALUES (?, ?, ?, ?, ?)";
    static const char purge[] = "DELETE FROM session WHERE expires_at <= ?";
    sqlite3_stmt *st = store_stmt(s, purge);
    if (!st)
        return STORE_ERROR;
    sqlite3_bind_int64(st, 1, now);
    store_step_done(s, st);
    if (!(st = store_stmt(s, sql)))
        return STORE_ERROR;
    bind_text(st, 1, digest);
    sqlite3_bind_int64(st, 2, user_id);
    bind_text(st, 3, csrf);
    sqlite3_bind_int64(st, 4, now);
    sqlite3_bind_int64(st, 5, expires_at);
    return store_step_done(s, st);
}

enum store_rc store_session_get(struct store *s, struct arena *a, const char *digest, long now,
                                struct actor *actor, const char **csrf)
{
    static const char sql[] = "SELECT u.id, u.username, u.full_name, u.role, "
                              "coalesce(u.team_id, 0), s.csrf FROM session s JOIN user u ON "
                              "u.id = s.user_id WHERE s.digest = ? AND s.expires_at > ? AND "
                              "u.active";
    sqlite3_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    bind_text(st, 1, digest);
    sqlite3_bind_int64(st, 2, now);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        actor->user_id = sqlite3_column_int64(st, 0);
        actor->username = col_text(a, st, 1);
        actor->full_name = col_text(a, st, 2);
        actor->role = role_parse((const char *)sqlite3_column_text(st, 3));
        actor->team_id = sqlite3_column_int64(st, 4);
        *csrf = col_text(a, st, 5);
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? STORE_OK : rc == SQLITE_DONE ? STORE_NOT_FOUND : store_rc_of(s, rc);
}

enum store_rc store_session_delete(struct store *s, const char *digest)
{
    static const char sql[] = "DELETE FROM session WHERE digest = ?";
    sqlite3_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    bind_text(st, 1, digest);
    return store_step_done(s, st);
}

enum store_rc store_login_failures(struct store *s, const char *key, long since, int *count)
{
    static const char sql[] = "SELECT count(*) FROM login_failure WHERE key = ? AND at > ?";
    sqlite3_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    bind_text(st, 1, key);
    sqlite3_bind_int64(st, 2, since);
    int rc = sqlite3_step(st);
    *count = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? STORE_OK : store_rc_of(s, rc);
}

enum store_rc store_login_failure_add(struct store *s, const char *key, long now)
{
    static const char sql[] = "INSERT INTO login_failure (key, at) VALUES (?, ?)";
    static const char purge[] = "DELETE FROM login_failure WHERE at < ? - 86400";
    sqlite3_stmt *st = store_stmt(s, purge);
    if (!st)
        return STORE_ERROR;
    sqlite3_bind_int64(st, 1, now);
    store_step_done(s, st);
    if (!(st = store_stmt(s, sql)))
        return STORE_ERROR;
    bind_text(st, 1, key);
    sqlite3_bind_int64(st, 2, now);
    return store_step_done(s, st);
}

enum store_rc store_login_failures_clear(struct store *s, const char *key)
{
    static const char sql[] = "DELETE FROM login_failure WHERE key = ?";
    sqlite3_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    bind_text(st, 1, key);
    return store_step_done(s, st);
}
