/*
 * store-plan.c — the SQLite backend for the day plan: visits with their
 * carers and start times, the carers each citizen has had, and the figures
 * of each planning run.
 */
#include "store/store-int.h"

#include <string.h>

static void bind_day(sqlite3_stmt *st, int i, struct date d)
{
    char t[11];
    date_format(d, t);
    sqlite3_bind_text(st, i, t, -1, SQLITE_TRANSIENT);
}

#define PV_COLS                                                                                  \
    "p.id, p.day, p.service_id, p.citizen_id, p.team_id, p.window_start, p.window_end, "        \
    "p.duration, p.skill, p.carers, coalesce(p.carer1_id, 0), coalesce(p.carer2_id, 0), "      \
    "coalesce(p.start_min, -1), p.reason, p.manual, c.first_name || ' ' || c.last_name, "       \
    "c.address || ', ' || c.postcode || ' ' || c.city, c.what_matters, s.label, s.code, "       \
    "coalesce(u1.full_name, ''), coalesce(u2.full_name, ''), coalesce(c.lat, 0), "              \
    "coalesce(c.lon, 0), coalesce(p.prev_carer1_id, 0), coalesce(p.prev_carer2_id, 0)"
#define PV_FROM                                                                                  \
    " FROM plan_visit p JOIN citizen c ON c.id = p.citizen_id JOIN grant_service s ON "         \
    "s.id = p.service_id LEFT JOIN user u1 ON u1.id = p.carer1_id LEFT JOIN user u2 ON "        \
    "u2.id = p.carer2_id "

static void pv_from_row(struct arena *a, sqlite3_stmt *st, struct plan_visit *v)
{
    memset(v, 0, sizeof *v);
    v->id = sqlite3_column_int64(st, 0);
    date_parse((const char *)sqlite3_column_text(st, 1), &v->day);
    v->service_id = sqlite3_column_int64(st, 2);
    v->citizen_id = sqlite3_column_int64(st, 3);
    v->team_id = sqlite3_column_int64(st, 4);
    v->window_start = sqlite3_column_int(st, 5);
    v->window_end = sqlite3_column_int(st, 6);
    v->duration = sqlite3_column_int(st, 7);
    v->skill = col_text(a, st, 8);
    v->carers = sqlite3_column_int(st, 9);
    v->carer_ids[0] = sqlite3_column_int64(st, 10);
    v->carer_ids[1] = sqlite3_column_int64(st, 11);
    v->start = sqlite3_column_double(st, 12);
    v->reason = col_text(a, st, 13);
    v->manual = sqlite3_column_int(st, 14) != 0;
    v->citizen_name = col_text(a, st, 15);
    v->address = col_text(a, st, 16);
    v->what_matters = col_text(a, st, 17);
    v->service_label = col_text(a, st, 18);
    v->service_code = col_text(a, st, 19);
    v->carer_names[0] = col_text(a, st, 20);
    v->carer_names[1] = col_text(a, st, 21);
    v->lat = sqlite3_column_double(st, 22);
    v->lon = sqlite3_column_double(st, 23);
    v->prev_ids[0] = sqlite3_column_int64(st, 24);
    v->prev_ids[1] = sqlite3_column_int64(st, 25);
}

enum store_rc store_plan_day(struct store *s, struct arena *a, struct date day, long team_id,
                             long carer_id, struct plan_visit **out, int *n)
{
    static const char sql_count[] = "SELECT count(*) FROM plan_visit WHERE day = ?";
    static const char sql[] = "SELECT " PV_COLS PV_FROM
                              "WHERE p.day = ?1 AND (?2 = 0 OR p.team_id = ?2) AND (?3 = 0 OR "
                              "p.carer1_id = ?3 OR p.carer2_id = ?3) ORDER BY "
                              "coalesce(p.start_min, p.window_start), p.id";
    sqlite3_stmt *st = store_stmt(s, sql_count);
    if (!st)
        return STORE_ERROR;
    bind_day(st, 1, day);
    if (sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_reset(st);
        return STORE_ERROR;
    }
    int cap = sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    *n = 0;
    *out = arena_alloc(a, sizeof **out * (size_t)(cap + 1));
    if (!*out || !(st = store_stmt(s, sql)))
        return STORE_ERROR;
    bind_day(st, 1, day);
    sqlite3_bind_int64(st, 2, team_id);
    sqlite3_bind_int64(st, 3, carer_id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < cap)
        pv_from_row(a, st, &(*out)[(*n)++]);
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : store_rc_of(s, rc);
}

enum store_rc store_plan_visit_get(struct store *s, struct arena *a, long id,
                                   struct plan_visit *out)
{
    static const char sql[] = "SELECT " PV_COLS PV_FROM "WHERE p.id = ?";
    sqlite3_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        pv_from_row(a, st, out);
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? STORE_OK : rc == SQLITE_DONE ? STORE_NOT_FOUND : store_rc_of(s, rc);
}

static void bind_carer(sqlite3_stmt *st, int i, long id)
{
    if (id > 0)
        sqlite3_bind_int64(st, i, id);
    else
        sqlite3_bind_null(st, i);
}

enum store_rc store_plan_save(struct store *s, struct date day, long team_id,
                              const struct plan_visit *v, int n)
{
    static const char del[] = "DELETE FROM plan_visit WHERE day = ? AND team_id = ?";
    static const char ins[] = "INSERT INTO plan_visit (day, service_id, citizen_id, team_id, "
                              "window_start, window_end, duration, skill, carers, carer1_id, "
                              "carer2_id, start_min, reason, manual, prev_carer1_id, "
                              "prev_carer2_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    sqlite3_stmt *st = store_stmt(s, del);
    if (!st)
        return STORE_ERROR;
    bind_day(st, 1, day);
    sqlite3_bind_int64(st, 2, team_id);
    enum store_rc r = store_step_done(s, st);
    for (int i = 0; r == STORE_OK && i < n; i++) {
        if (!(st = store_stmt(s, ins)))
            return STORE_ERROR;
        bind_day(st, 1, day);
        sqlite3_bind_int64(st, 2, v[i].service_id);
        sqlite3_bind_int64(st, 3, v[i].citizen_id);
        sqlite3_bind_int64(st, 4, team_id);
        sqlite3_bind_int(st, 5, v[i].window_start);
        sqlite3_bind_int(st, 6, v[i].window_end);
        sqlite3_bind_int(st, 7, v[i].duration);
        bind_text(st, 8, v[i].skill);
        sqlite3_bind_int(st, 9, v[i].carers);
        bind_carer(st, 10, v[i].carer_ids[0]);
        bind_carer(st, 11, v[i].carer_ids[1]);
        if (v[i].start >= 0)
            sqlite3_bind_double(st, 12, v[i].start);
        bind_text(st, 13, v[i].reason);
        sqlite3_bind_int(st, 14, v[i].manual);
        bind_carer(st, 15, v[i].prev_ids[0]);
        bind_carer(st, 16, v[i].prev_ids[1]);
        r = store_step_done(s, st);
    }
    return r;
}

enum store_rc store_plan_visit_move(struct store *s, long id, const long carer_ids[2],
                                    double start)
{
    static const char sql[] = "UPDATE plan_visit SET carer1_id = ?, carer2_id = ?, "
                              "start_min = ?, reason = '', manual = 1 WHERE id = ?";
    sqlite3_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    bind_carer(st, 1, carer_ids[0]);
    bind_carer(st, 2, carer_ids[1]);
    sqlite3_bind_double(st, 3, start);
    sqlite3_bind_int64(st, 4, id);
    enum store_rc r = store_step_done(s, st);
    if (r == STORE_OK && sqlite3_changes(s->db) == 0)
        return STORE_NOT_FOUND;
    return r;
}

enum store_rc store_plan_history(struct store *s, struct arena *a, long team_id,
                                 struct date from, struct date to, struct carer_history **out,
                                 int *n)
{
    static const char sql[] =
        "SELECT citizen_id, carer, count(*) AS k FROM ("
        " SELECT citizen_id, carer1_id AS carer FROM plan_visit WHERE team_id = ?1 AND day >= ?2"
        " AND day < ?3 AND carer1_id IS NOT NULL UNION ALL"
        " SELECT citizen_id, carer2_id FROM plan_visit WHERE team_id = ?1 AND day >= ?2"
        " AND day < ?3 AND carer2_id IS NOT NULL) GROUP BY citizen_id, carer "
        "ORDER BY citizen_id, k DESC, carer";
    static const char sql_count[] = "SELECT count(*) FROM plan_visit WHERE team_id = ?1 AND "
                                    "day >= ?2 AND day < ?3";
    sqlite3_stmt *st = store_stmt(s, sql_count);
    if (!st)
        return STORE_ERROR;
    sqlite3_bind_int64(st, 1, team_id);
    bind_day(st, 2, from);
    bind_day(st, 3, to);
    if (sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_reset(st);
        return STORE_ERROR;
    }
    int cap = 2 * sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    *n = 0;
    *out = arena_alloc(a, sizeof **out * (size_t)(cap + 1));
    if (!*out || !(st = store_stmt(s, sql)))
        return STORE_ERROR;
    sqlite3_bind_int64(st, 1, team_id);
    bind_day(st, 2, from);
    bind_day(st, 3, to);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < cap)
        (*out)[(*n)++] = (struct carer_history){sqlite3_column_int64(st, 0),
                                                sqlite3_column_int64(st, 1),
                                                sqlite3_column_int(st, 2)};
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : store_rc_of(s, rc);
}

enum store_rc store_plan_run_add(struct store *s, struct date day, long team_id, long user_id,
                                 const struct plan_run_figures *f)
{
    static const char sql[] = "INSERT INTO plan_run (day, team_id, user_id, seconds, visits, "
                              "unassigned, travel, known_carer, outside_window) VALUES "
                              "(?,?,?,?,?,?,?,?,?)";
    sqlite3_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    bind_day(st, 1, day);
    sqlite3_bind_int64(st, 2, team_id);
    bind_carer(st, 3, user_id);
    sqlite3_bind_double(st, 4, f->seconds);
    sqlite3_bind_int(st, 5, f->visits);
    sqlite3_bind_int(st, 6, f->unassigned);
    sqlite3_bind_double(st, 7, f->travel);
    sqlite3_bind_int(st, 8, f->known_carer);
    sqlite3_bind_int(st, 9, f->outside_window);
    return store_step_done(s, st);
}

enum store_rc store_plan_run_last(struct store *s, struct date day, long team_id,
                                  struct plan_run_figures *f)
{
    static const char sql[] = "SELECT seconds, travel, visits, unassigned, known_carer, "
                              "outside_window FROM plan_run WHERE day = ? AND team_id = ? "
                              "ORDER BY id DESC LIMIT 1";
    sqlite3_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    bind_day(st, 1, day);
    sqlite3_bind_int64(st, 2, team_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *f = (struct plan_run_figures){sqlite3_column_double(st, 0), sqlite3_column_double(st, 1),
                                       sqlite3_column_int(st, 2),    sqlite3_column_int(st, 3),
                                       sqlite3_column_int(st, 4),    sqlite3_column_int(st, 5)};
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? STORE_OK : rc == SQLITE_DONE ? STORE_NOT_FOUND : store_rc_of(s, rc);
}

enum store_rc store_absence_set(struct store *s, long user_id, struct date day, minute_t from,
                                const char *reason, long created_by)
{
    static const char sql[] = "INSERT INTO absence (user_id, day, from_min, reason, created_by) "
                              "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (user_id, day) DO UPDATE "
                              "SET from_min = ?3, reason = ?4, created_by = ?5";
    sqlite3_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    sqlite3_bind_int64(st, 1, user_id);
    bind_day(st, 2, day);
    sqlite3_bind_int(st, 3, from);
    bind_text(st, 4, reason);
    bind_carer(st, 5, created_by);
    return store_step_done(s, st);
}

enum store_rc store_absences(struct store *s, struct arena *a, struct date day, long team_id,
                             struct absence **out, int *n)
{
    static const char sql[] = "SELECT a.user_id, u.full_name, a.from_min, a.reason FROM absence a "
                              "JOIN user u ON u.id = a.user_id WHERE a.day = ?1 AND (?2 = 0 OR "
                              "u.team_id = ?2) ORDER BY a.from_min, u.full_name LIMIT 500";
    sqlite3_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    *n = 0;
    *out = arena_alloc(a, sizeof **out * 500);
    if (!*out)
        return STORE_ERROR;
    bind_day(st, 1, day);
    sqlite3_bind_int64(st, 2, team_id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        (*out)[(*n)++] = (struct absence){sqlite3_column_int64(st, 0), col_text(a, st, 1),
                                          sqlite3_column_int(st, 2), col_text(a, st, 3)};
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? STORE_OK : store_rc_of(s, rc);
}
