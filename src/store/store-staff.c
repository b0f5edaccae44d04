/*
 * store-staff.c — teams, staff with their shifts, sessions and log-in
 * throttling.
 */
#include "store/store-int.h"

#include <string.h>

/* --- teams ---------------------------------------------------------------- */

#define TEAM_COLS "t.id, t.slug, t.name, t.office_address, t.office_lat, t.office_lon"

static void team_from_row(struct arena *a, struct db_stmt *st, struct team *t)
{
    t->id = db_col_int64(st, 0);
    t->slug = col_text(a, st, 1);
    t->name = col_text(a, st, 2);
    t->office_address = col_text(a, st, 3);
    t->office_lat = db_col_double(st, 4);
    t->office_lon = db_col_double(st, 5);
}

enum store_rc store_team_list(struct store *s, struct arena *a, struct team **out, int *n)
{
    static const char sql_count[] = "SELECT count(*) FROM team";
    static const char sql[] = "SELECT " TEAM_COLS ", (SELECT count(*) FROM \"user\" u WHERE "
                              "u.team_id = t.id AND u.active) FROM team t ORDER BY t.id";
    struct db_stmt *st = store_stmt(s, sql_count);
    if (!st || db_step(st) != DB_ROW)
        return STORE_ERROR;
    int cap = db_col_int(st, 0);
    db_reset(st);
    *out = arena_alloc(a, sizeof **out * (size_t)(cap + 1));
    *n = 0;
    if (!*out || !(st = store_stmt(s, sql)))
        return STORE_ERROR;
    int rc;
    while ((rc = db_step(st)) == DB_ROW && *n < cap) {
        team_from_row(a, st, &(*out)[*n]);
        (*out)[*n].member_count = db_col_int(st, 6);
        (*n)++;
    }
    return db_done(st, rc);
}

static enum store_rc team_one(struct store *s, struct arena *a, struct db_stmt *st,
                              struct team *out)
{
    int rc = db_step(st);
    if (rc == DB_ROW)
        team_from_row(a, st, out);
    return db_found(st, rc);
}

enum store_rc store_team_get(struct store *s, struct arena *a, long id, struct team *out)
{
    static const char sql[] = "SELECT " TEAM_COLS " FROM team t WHERE t.id = ?";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    db_bind_int64(st, 1, id);
    return team_one(s, a, st, out);
}

enum store_rc store_team_by_slug(struct store *s, struct arena *a, const char *slug,
                                 struct team *out)
{
    static const char sql[] = "SELECT " TEAM_COLS " FROM team t WHERE t.slug = ?";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    db_bind_text(st, 1, slug);
    return team_one(s, a, st, out);
}

static void bind_team(struct db_stmt *st, const struct team *t)
{
    db_bind_text(st, 1, t->slug);
    db_bind_text(st, 2, t->name);
    db_bind_text(st, 3, t->office_address);
    if (t->office_lat || t->office_lon) {
        db_bind_double(st, 4, t->office_lat);
        db_bind_double(st, 5, t->office_lon);
    }
}

enum store_rc store_team_create(struct store *s, const struct team *t, long *id)
{
    static const char sql[] = "INSERT INTO team (slug, name, office_address, office_lat, "
                              "office_lon) VALUES (?, ?, ?, ?, ?) RETURNING id";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    bind_team(st, t);
    return db_insert(st, id);
}

enum store_rc store_team_update(struct store *s, const struct team *t)
{
    static const char sql[] = "UPDATE team SET slug = ?, name = ?, office_address = ?, "
                              "office_lat = coalesce(?, office_lat), office_lon = "
                              "coalesce(?, office_lon) WHERE id = ?";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    bind_team(st, t);
    db_bind_int64(st, 6, t->id);
    return db_run_changed(st, STORE_NOT_FOUND);
}

/* --- users ---------------------------------------------------------------- */

#define USER_COLS                                                                                  \
    "u.id, u.username, u.full_name, u.role, coalesce(u.team_id, 0), coalesce(t.name, ''), "        \
    "u.email, u.phone, u.active, u.skills"
#define USER_FROM " FROM \"user\" u LEFT JOIN team t ON t.id = u.team_id "

static void user_from_row(struct arena *a, struct db_stmt *st, struct user *u)
{
    memset(u, 0, sizeof *u);
    u->id = db_col_int64(st, 0);
    u->username = col_text(a, st, 1);
    u->full_name = col_text(a, st, 2);
    u->role = role_parse(db_col_text(st, 3));
    u->team_id = db_col_int64(st, 4);
    u->team_name = col_text(a, st, 5);
    u->email = col_text(a, st, 6);
    u->phone = col_text(a, st, 7);
    u->active = db_col_int(st, 8) != 0;
    u->skills = (unsigned)db_col_int(st, 9);
}

static enum store_rc user_shifts_load(struct store *s, struct user *u)
{
    static const char sql[] = "SELECT weekday, start_min, end_min FROM user_shift WHERE "
                              "user_id = ? ORDER BY weekday";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    db_bind_int64(st, 1, u->id);
    u->shift_count = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW && u->shift_count < 7) {
        u->shifts[u->shift_count++] =
            (struct shift){db_col_int(st, 0), db_col_int(st, 1), db_col_int(st, 2)};
    }
    return db_done(st, rc);
}

enum store_rc store_user_list(struct store *s, struct arena *a, long team_id, struct user **out,
                              int *n)
{
    static const char sql_count[] = "SELECT count(*) FROM \"user\"";
    static const char sql[] =
        "SELECT " USER_COLS USER_FROM "WHERE ?1 = 0 OR u.team_id = ?1 ORDER BY u.full_name, u.id";
    struct db_stmt *st = store_stmt(s, sql_count);
    if (!st || db_step(st) != DB_ROW)
        return STORE_ERROR;
    int cap = db_col_int(st, 0);
    db_reset(st);
    *n = 0;
    *out = arena_alloc(a, sizeof **out * (size_t)(cap + 1));
    if (!*out || !(st = store_stmt(s, sql)))
        return STORE_ERROR;
    db_bind_int64(st, 1, team_id);
    int rc;
    while ((rc = db_step(st)) == DB_ROW && *n < cap)
        user_from_row(a, st, &(*out)[(*n)++]);
    enum store_rc r = db_done(st, rc);
    if (r != STORE_OK)
        return r;
    for (int i = 0; i < *n; i++)
        if (user_shifts_load(s, &(*out)[i]) != STORE_OK)
            return STORE_ERROR;
    return STORE_OK;
}

enum store_rc store_user_get(struct store *s, struct arena *a, long id, struct user *out)
{
    static const char sql[] = "SELECT " USER_COLS USER_FROM "WHERE u.id = ?";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    db_bind_int64(st, 1, id);
    int rc = db_step(st);
    if (rc == DB_ROW)
        user_from_row(a, st, out);
    enum store_rc r = db_found(st, rc);
    if (r != STORE_OK)
        return r;
    return user_shifts_load(s, out);
}

enum store_rc store_user_by_username(struct store *s, struct arena *a, const char *username,
                                     struct user *out, const char **password_hash)
{
    static const char sql[] =
        "SELECT " USER_COLS ", u.password_hash" USER_FROM "WHERE u.username = ?";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    db_bind_text(st, 1, username);
    int rc = db_step(st);
    if (rc == DB_ROW) {
        user_from_row(a, st, out);
        *password_hash = col_text(a, st, 10);
    }
    return db_found(st, rc);
}

static enum store_rc user_shifts_save(struct store *s, const struct user *u)
{
    static const char del[] = "DELETE FROM user_shift WHERE user_id = ?";
    static const char ins[] = "INSERT INTO user_shift (user_id, weekday, start_min, end_min) "
                              "VALUES (?, ?, ?, ?)";
    struct db_stmt *st = store_stmt(s, del);
    if (!st)
        return STORE_ERROR;
    db_bind_int64(st, 1, u->id);
    enum store_rc r = db_run(st);
    for (int i = 0; r == STORE_OK && i < u->shift_count; i++) {
        if (!(st = store_stmt(s, ins)))
            return STORE_ERROR;
        db_bind_int64(st, 1, u->id);
        db_bind_int(st, 2, u->shifts[i].weekday);
        db_bind_int(st, 3, u->shifts[i].start);
        db_bind_int(st, 4, u->shifts[i].end);
        r = db_run(st);
    }
    return r;
}

static void bind_user(struct db_stmt *st, const struct user *u)
{
    db_bind_text(st, 1, u->username);
    db_bind_text(st, 2, u->full_name);
    db_bind_text(st, 3, role_code(u->role));
    if (u->team_id > 0)
        db_bind_int64(st, 4, u->team_id);
    else
        db_bind_null(st, 4);
    db_bind_text(st, 5, u->email);
    db_bind_text(st, 6, u->phone);
    db_bind_int(st, 7, (int)u->skills);
    db_bind_int(st, 8, u->active);
}

enum store_rc store_user_create(struct store *s, const struct user *u, const char *password_hash,
                                long *id)
{
    static const char sql[] = "INSERT INTO \"user\" (username, full_name, role, team_id, email, "
                              "phone, skills, active, password_hash) VALUES (?,?,?,?,?,?,?,?,?) "
                              "RETURNING id";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    bind_user(st, u);
    db_bind_text(st, 9, password_hash);
    struct user copy = *u;
    enum store_rc r = db_insert(st, &copy.id);
    if (r != STORE_OK)
        return r;
    if (id)
        *id = copy.id;
    return user_shifts_save(s, &copy);
}

enum store_rc store_user_update(struct store *s, const struct user *u, const char *password_hash)
{
    static const char sql[] =
        "UPDATE \"user\" SET username = ?, full_name = ?, role = ?, team_id = ?,"
        " email = ?, phone = ?, skills = ?, active = ?, password_hash = "
        "coalesce(?, password_hash) WHERE id = ?";
    static const char drop_sessions[] = "DELETE FROM session WHERE user_id = ?";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    bind_user(st, u);
    if (password_hash)
        db_bind_text(st, 9, password_hash);
    db_bind_int64(st, 10, u->id);
    enum store_rc r = db_run_changed(st, STORE_NOT_FOUND);
    if (r != STORE_OK)
        return r;
    if (!u->active || password_hash) {
        /* A deactivated user or a new password ends every open session. */
        if (!(st = store_stmt(s, drop_sessions)))
            return STORE_ERROR;
        db_bind_int64(st, 1, u->id);
        if ((r = db_run(st)) != STORE_OK)
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
    struct db_stmt *st = store_stmt(s, purge);
    if (!st)
        return STORE_ERROR;
    db_bind_int64(st, 1, now);
    db_run(st);
    if (!(st = store_stmt(s, sql)))
        return STORE_ERROR;
    db_bind_text(st, 1, digest);
    db_bind_int64(st, 2, user_id);
    db_bind_text(st, 3, csrf);
    db_bind_int64(st, 4, now);
    db_bind_int64(st, 5, expires_at);
    return db_run(st);
}

enum store_rc store_session_get(struct store *s, struct arena *a, const char *digest, long now,
                                struct actor *actor, const char **csrf)
{
    static const char sql[] = "SELECT u.id, u.username, u.full_name, u.role, "
                              "coalesce(u.team_id, 0), s.csrf FROM session s JOIN \"user\" u ON "
                              "u.id = s.user_id WHERE s.digest = ? AND s.expires_at > ? AND "
                              "u.active";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    db_bind_text(st, 1, digest);
    db_bind_int64(st, 2, now);
    int rc = db_step(st);
    if (rc == DB_ROW) {
        actor->user_id = db_col_int64(st, 0);
        actor->username = col_text(a, st, 1);
        actor->full_name = col_text(a, st, 2);
        actor->role = role_parse(db_col_text(st, 3));
        actor->team_id = db_col_int64(st, 4);
        *csrf = col_text(a, st, 5);
    }
    return db_found(st, rc);
}

enum store_rc store_session_delete(struct store *s, const char *digest)
{
    static const char sql[] = "DELETE FROM session WHERE digest = ?";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    db_bind_text(st, 1, digest);
    return db_run(st);
}

enum store_rc store_login_failures(struct store *s, const char *key, long since, int *count)
{
    static const char sql[] = "SELECT count(*) FROM login_failure WHERE key = ? AND at > ?";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    db_bind_text(st, 1, key);
    db_bind_int64(st, 2, since);
    int rc = db_step(st);
    *count = rc == DB_ROW ? db_col_int(st, 0) : 0;
    return db_done(st, rc);
}

enum store_rc store_login_failure_add(struct store *s, const char *key, long now)
{
    static const char sql[] = "INSERT INTO login_failure (key, at) VALUES (?, ?)";
    static const char purge[] = "DELETE FROM login_failure WHERE at < ?";
    struct db_stmt *st = store_stmt(s, purge);
    if (!st)
        return STORE_ERROR;
    db_bind_int64(st, 1, now - 86400);
    db_run(st);
    if (!(st = store_stmt(s, sql)))
        return STORE_ERROR;
    db_bind_text(st, 1, key);
    db_bind_int64(st, 2, now);
    return db_run(st);
}

enum store_rc store_login_failures_clear(struct store *s, const char *key)
{
    static const char sql[] = "DELETE FROM login_failure WHERE key = ?";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    db_bind_text(st, 1, key);
    return db_run(st);
}
