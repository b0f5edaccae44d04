/*
 * store-grant.c — grants, their services and their
 * history (grant_event). Callers wrap writes in a transaction.
 */
#include "store/store-int.h"

#include <stdio.h>
#include <string.h>

static enum store_rc event_add(struct store *s, long grant_id, const char *from, const char *to,
                               long user_id, const char *note)
{
    static const char sql[] = "INSERT INTO grant_event (grant_id, user_id, status_from, "
                              "status_to, note) VALUES (?, ?, ?, ?, ?)";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    db_bind_int64(st, 1, grant_id);
    if (user_id > 0)
        db_bind_int64(st, 2, user_id);
    if (from)
        db_bind_text(st, 3, from);
    db_bind_text(st, 4, to);
    db_bind_text(st, 5, note);
    return db_run(st);
}

static enum store_rc services_save(struct store *s, const struct grant *g, long grant_id)
{
    static const char del[] = "DELETE FROM grant_service WHERE grant_id = ?";
    static const char ins[] = "INSERT INTO grant_service (grant_id, code, label, weekdays, "
                              "anchor, at_min, offset_min, flex_min, duration, skill, carers) "
                              "VALUES (?,?,?,?,?,?,?,?,?,?,?)";
    /* Keep the ids of services that stay, so the day plan keeps its rows. */
    static const char upd[] = "UPDATE grant_service SET code = ?3, label = ?4, weekdays = ?5, "
                              "anchor = ?6, at_min = ?7, offset_min = ?8, flex_min = ?9, "
                              "duration = ?10, skill = ?11, carers = ?12 WHERE id = ?2 AND "
                              "grant_id = ?1";
    /* The ids to keep: a JSON array for SQLite, an array literal for PostgreSQL. */
    static const char prune_sqlite[] = "DELETE FROM grant_service WHERE grant_id = ? AND id NOT "
                                       "IN (SELECT value FROM json_each(?))";
    static const char prune_pg[] = "DELETE FROM grant_service WHERE grant_id = ? AND id <> ALL "
                                   "(CAST(? AS bigint[]))";
    bool pg = db_dialect(s->db) == DB_POSTGRES;
    char keep[GRANT_MAX_SERVICES * 24 + 4];
    snprintf(keep, sizeof keep, "%s", pg ? "{" : "[");
    for (int i = 0; i < g->service_count; i++)
        if (g->services[i].id > 0)
            snprintf(keep + strlen(keep), sizeof keep - strlen(keep), "%s%ld", keep[1] ? "," : "",
                     g->services[i].id);
    strcat(keep, pg ? "}" : "]");
    struct db_stmt *st = store_stmt(s, g->id ? DB_SQL(s->db, prune_sqlite, prune_pg) : del);
    if (!st)
        return STORE_ERROR;
    db_bind_int64(st, 1, grant_id);
    if (g->id)
        db_bind_text(st, 2, keep);
    enum store_rc r = db_run(st);
    for (int i = 0; r == STORE_OK && i < g->service_count; i++) {
        const struct grant_service *v = &g->services[i];
        bool update = g->id && v->id > 0;
        if (!(st = store_stmt(s, update ? upd : ins)))
            return STORE_ERROR;
        int k = update ? 3 : 2;
        db_bind_int64(st, 1, grant_id);
        if (update)
            db_bind_int64(st, 2, v->id);
        db_bind_text(st, k++, v->code);
        db_bind_text(st, k++, v->label);
        db_bind_int(st, k++, (int)v->weekdays);
        db_bind_text(st, k++, anchor_code(v->anchor));
        bind_minute(st, k++, v->anchor == ANCHOR_FIXED ? v->at : MINUTE_NONE);
        db_bind_int(st, k++, v->offset);
        db_bind_int(st, k++, v->flex);
        db_bind_int(st, k++, v->duration);
        db_bind_text(st, k++, v->skill);
        db_bind_int(st, k++, v->carers);
        /* an update that changes nothing names a service of another grant */
        r = update ? db_run_changed(st, STORE_NOT_FOUND) : db_run(st);
    }
    return r;
}

/* Bind the grant's content columns 1..11. */
static void bind_grant(struct db_stmt *st, const struct grant *g)
{
    db_bind_int64(st, 1, g->citizen_id);
    db_bind_text(st, 2, grant_kind_code(g->kind));
    db_bind_text(st, 3, g->requested);
    db_bind_text(st, 4, g->reason);
    db_bind_text(st, 5, g->goals);
    bind_date(st, 6, g->start);
    bind_date(st, 7, g->end);
    bind_date(st, 8, g->follow_up);
    if (g->kind == GRANT_HELHEDSPLEJE)
        db_bind_int(st, 9, g->weekly_minutes);
    if (g->contact_id > 0)
        db_bind_int64(st, 10, g->contact_id);
}

enum store_rc store_grant_create(struct store *s, const struct grant *g, long user_id, long *id)
{
    static const char sql[] = "INSERT INTO grants (citizen_id, kind, requested, reason, goals, "
                              "start_date, end_date, follow_up_date, weekly_minutes, contact_id, "
                              "created_by) VALUES (?,?,?,?,?,?,?,?,?,?,?) RETURNING id";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    bind_grant(st, g);
    if (user_id > 0)
        db_bind_int64(st, 11, user_id);
    long gid;
    enum store_rc r = db_insert(st, &gid);
    if (r != STORE_OK)
        return r;
    if (id)
        *id = gid;
    struct grant fresh = *g;
    fresh.id = 0;
    r = services_save(s, &fresh, gid);
    return r == STORE_OK ? event_add(s, gid, NULL, "draft", user_id, "Oprettet") : r;
}

enum store_rc store_grant_update(struct store *s, const struct grant *g, long user_id,
                                 const char *note)
{
    static const char sql[] = "UPDATE grants SET citizen_id = ?1, kind = ?2, requested = ?3, "
                              "reason = ?4, goals = ?5, start_date = ?6, end_date = ?7, "
                              "follow_up_date = ?8, weekly_minutes = ?9, contact_id = ?10, "
                              "version = version + 1, updated_at = ?13 WHERE id = ?11 AND "
                              "version = ?12";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    bind_grant(st, g);
    db_bind_int64(st, 11, g->id);
    db_bind_int64(st, 12, g->version);
    bind_now(st, 13);
    enum store_rc r = db_run(st);
    if (r != STORE_OK)
        return r;
    if (db_changes(s->db) == 0) {
        struct arena a = ARENA_INIT;
        struct grant cur;
        r = store_grant_get(s, &a, g->id, &cur);
        arena_release(&a);
        return r == STORE_OK ? STORE_CONFLICT : r;
    }
    r = services_save(s, g, g->id);
    return r == STORE_OK ? event_add(s, g->id, grant_status_code(g->status),
                                     grant_status_code(g->status), user_id, note)
                         : r;
}

enum store_rc store_grant_set_status(struct store *s, long id, enum grant_status from,
                                     enum grant_status to, long user_id, const char *note)
{
    static const char sql[] = "UPDATE grants SET status = ?1, version = version + 1, "
                              "decided_at = CASE WHEN ?1 = 'decided' THEN ?4 ELSE decided_at "
                              "END, updated_at = ?4 WHERE id = ?2 AND status = ?3";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    db_bind_text(st, 1, grant_status_code(to));
    db_bind_int64(st, 2, id);
    db_bind_text(st, 3, grant_status_code(from));
    bind_now(st, 4);
    enum store_rc r = db_run_changed(st, STORE_CONFLICT);
    if (r != STORE_OK)
        return r;
    return event_add(s, id, grant_status_code(from), grant_status_code(to), user_id, note);
}

#define GRANT_COLS                                                                                 \
    "g.id, g.citizen_id, g.kind, g.status, g.requested, g.reason, g.goals, g.start_date, "         \
    "g.end_date, g.follow_up_date, coalesce(g.weekly_minutes, 0), coalesce(g.contact_id, 0), "     \
    "coalesce(u.full_name, ''), g.version, coalesce(g.decided_at, '')"
#define GRANT_FROM " FROM grants g LEFT JOIN \"user\" u ON u.id = g.contact_id "

static void grant_from_row(struct arena *a, struct db_stmt *st, struct grant *g)
{
    memset(g, 0, sizeof *g);
    g->id = db_col_int64(st, 0);
    g->citizen_id = db_col_int64(st, 1);
    int k = grant_kind_parse(db_col_text(st, 2));
    g->kind = k < 0 ? GRANT_SERVICES : (enum grant_kind)k;
    int status = grant_status_parse(db_col_text(st, 3));
    g->status = status < 0 ? GS_DRAFT : (enum grant_status)status;
    g->requested = col_text(a, st, 4);
    g->reason = col_text(a, st, 5);
    g->goals = col_text(a, st, 6);
    g->start = col_date(st, 7);
    g->end = col_date(st, 8);
    g->follow_up = col_date(st, 9);
    g->weekly_minutes = db_col_int(st, 10);
    g->contact_id = db_col_int64(st, 11);
    g->contact_name = col_text(a, st, 12);
    g->version = db_col_int64(st, 13);
    g->decided_at = col_text(a, st, 14);
}

static enum store_rc services_load(struct store *s, struct arena *a, struct grant *g)
{
    static const char sql[] = "SELECT id, code, label, weekdays, anchor, at_min, offset_min, "
                              "flex_min, duration, skill, carers FROM grant_service WHERE "
                              "grant_id = ? ORDER BY id";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    db_bind_int64(st, 1, g->id);
    int rc;
    g->service_count = 0;
    while ((rc = db_step(st)) == DB_ROW && g->service_count < GRANT_MAX_SERVICES) {
        struct grant_service *v = &g->services[g->service_count++];
        v->id = db_col_int64(st, 0);
        v->code = col_text(a, st, 1);
        v->label = col_text(a, st, 2);
        v->weekdays = (unsigned)db_col_int(st, 3);
        int an = anchor_parse(db_col_text(st, 4));
        v->anchor = an < 0 ? ANCHOR_FIXED : (enum anchor)an;
        v->at = col_minute(st, 5);
        v->offset = db_col_int(st, 6);
        v->flex = db_col_int(st, 7);
        v->duration = db_col_int(st, 8);
        v->skill = col_text(a, st, 9);
        v->carers = db_col_int(st, 10);
    }
    return db_done(st, rc);
}

enum store_rc store_grant_get(struct store *s, struct arena *a, long id, struct grant *out)
{
    static const char sql[] = "SELECT " GRANT_COLS GRANT_FROM "WHERE g.id = ?";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    db_bind_int64(st, 1, id);
    int rc = db_step(st);
    if (rc == DB_ROW)
        grant_from_row(a, st, out);
    enum store_rc r = db_found(st, rc);
    if (r != STORE_OK)
        return r;
    return services_load(s, a, out);
}

/* Read every row of a prepared grant query into an arena array. */
static enum store_rc grant_rows(struct store *s, struct arena *a, struct db_stmt *st,
                                struct grant **out, int *n, int cap)
{
    *n = 0;
    *out = arena_alloc(a, sizeof **out * (size_t)(cap + 1));
    if (!*out)
        return STORE_ERROR;
    int rc;
    while ((rc = db_step(st)) == DB_ROW && *n < cap)
        grant_from_row(a, st, &(*out)[(*n)++]);
    enum store_rc r = db_done(st, rc);
    if (r != STORE_OK)
        return r;
    for (int i = 0; i < *n; i++)
        if (services_load(s, a, &(*out)[i]) != STORE_OK)
            return STORE_ERROR;
    return STORE_OK;
}

enum store_rc store_grant_list(struct store *s, struct arena *a, long citizen_id,
                               struct grant **out, int *n)
{
    static const char sql[] =
        "SELECT " GRANT_COLS GRANT_FROM "WHERE g.citizen_id = ? ORDER BY g.id DESC LIMIT 100";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    db_bind_int64(st, 1, citizen_id);
    return grant_rows(s, a, st, out, n, 100);
}

enum store_rc store_grant_events(struct store *s, struct arena *a, long grant_id,
                                 struct grant_event **out, int *n)
{
    static const char sql[] = "SELECT e.at, coalesce(u.full_name, 'system'), "
                              "coalesce(e.status_from, ''), e.status_to, e.note FROM "
                              "grant_event e LEFT JOIN \"user\" u ON u.id = e.user_id WHERE "
                              "e.grant_id = ? ORDER BY e.id LIMIT 200";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    *n = 0;
    *out = arena_alloc(a, sizeof **out * 200);
    if (!*out)
        return STORE_ERROR;
    db_bind_int64(st, 1, grant_id);
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct grant_event *e = &(*out)[(*n)++];
        e->at = col_text(a, st, 0);
        e->who = col_text(a, st, 1);
        e->from = col_text(a, st, 2);
        e->to = col_text(a, st, 3);
        e->note = col_text(a, st, 4);
    }
    return db_done(st, rc);
}

enum store_rc store_grants_active(struct store *s, struct arena *a, long team_id, struct date day,
                                  struct active_grant **out, int *n)
{
    static const char sql_count[] = "SELECT count(*) FROM grants";
    static const char sql[] =
        "SELECT " GRANT_COLS ", c.get_up, c.breakfast, c.lunch, c.dinner, c.bedtime, c.team_id, "
        "coalesce(c.lat, 0), coalesce(c.lon, 0)" GRANT_FROM
        "JOIN citizen c ON c.id = g.citizen_id WHERE (?1 = 0 OR c.team_id = ?1) AND g.kind <> "
        "'refusal' AND g.status IN ('decided','sent','changed','appealed') AND g.start_date <= "
        "?2 AND (g.end_date IS NULL OR g.end_date >= ?2) ORDER BY g.id";
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
    bind_date(st, 2, day);
    int rc;
    while ((rc = db_step(st)) == DB_ROW && *n < cap) {
        struct active_grant *x = &(*out)[(*n)++];
        grant_from_row(a, st, &x->grant);
        x->rhythm = (struct rhythm){col_minute(st, 15), col_minute(st, 16), col_minute(st, 17),
                                    col_minute(st, 18), col_minute(st, 19), ""};
        x->team_id = db_col_int64(st, 20);
        x->lat = db_col_double(st, 21);
        x->lon = db_col_double(st, 22);
    }
    enum store_rc r = db_done(st, rc);
    if (r != STORE_OK)
        return r;
    for (int i = 0; i < *n; i++)
        if (services_load(s, a, &(*out)[i].grant) != STORE_OK)
            return STORE_ERROR;
    return STORE_OK;
}
