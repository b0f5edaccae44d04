/*
 * store-plan.c — the day plan: visits with their
 * carers and start times, the carers each citizen has had, and the figures
 * of each planning run.
 */
#include "store/store-int.h"

#include <string.h>

#define PV_COLS                                                                                    \
    "p.id, p.day, p.service_id, p.citizen_id, p.team_id, p.window_start, p.window_end, "           \
    "p.duration, p.skill, p.carers, coalesce(p.carer1_id, 0), coalesce(p.carer2_id, 0), "          \
    "coalesce(p.start_min, -1), p.reason, p.manual, c.first_name || ' ' || c.last_name, "          \
    "c.address || ', ' || c.postcode || ' ' || c.city, c.what_matters, s.label, s.code, "          \
    "coalesce(u1.full_name, ''), coalesce(u2.full_name, ''), coalesce(c.lat, 0), "                 \
    "coalesce(c.lon, 0), coalesce(p.prev_carer1_id, 0), coalesce(p.prev_carer2_id, 0), "           \
    "coalesce(u1.team_id, 0)"
#define PV_FROM                                                                                    \
    " FROM plan_visit p JOIN citizen c ON c.id = p.citizen_id JOIN grant_service s ON "            \
    "s.id = p.service_id LEFT JOIN \"user\" u1 ON u1.id = p.carer1_id LEFT JOIN \"user\" u2 ON "   \
    "u2.id = p.carer2_id "

static void pv_from_row(struct arena *a, struct db_stmt *st, struct plan_visit *v)
{
    memset(v, 0, sizeof *v);
    v->id = db_col_int64(st, 0);
    date_parse(db_col_text(st, 1), &v->day);
    v->service_id = db_col_int64(st, 2);
    v->citizen_id = db_col_int64(st, 3);
    v->team_id = db_col_int64(st, 4);
    v->window_start = db_col_int(st, 5);
    v->window_end = db_col_int(st, 6);
    v->duration = db_col_int(st, 7);
    v->skill = col_text(a, st, 8);
    v->carers = db_col_int(st, 9);
    v->carer_ids[0] = db_col_int64(st, 10);
    v->carer_ids[1] = db_col_int64(st, 11);
    v->start = db_col_double(st, 12);
    v->reason = col_text(a, st, 13);
    v->manual = db_col_int(st, 14) != 0;
    v->citizen_name = col_text(a, st, 15);
    v->address = col_text(a, st, 16);
    v->what_matters = col_text(a, st, 17);
    v->service_label = col_text(a, st, 18);
    v->service_code = col_text(a, st, 19);
    v->carer_names[0] = col_text(a, st, 20);
    v->carer_names[1] = col_text(a, st, 21);
    v->lat = db_col_double(st, 22);
    v->lon = db_col_double(st, 23);
    v->prev_ids[0] = db_col_int64(st, 24);
    v->prev_ids[1] = db_col_int64(st, 25);
    v->carer_team_id = db_col_int64(st, 26);
}

enum store_rc store_plan_day(struct store *s, struct arena *a, struct date day, long team_id,
                             long carer_id, struct plan_visit **out, int *n)
{
    static const char sql_count[] = "SELECT count(*) FROM plan_visit WHERE day = ?";
    static const char sql[] =
        "SELECT " PV_COLS PV_FROM "WHERE p.day = ?1 AND (?2 = 0 OR p.team_id = ?2) AND (?3 = 0 OR "
        "p.carer1_id = ?3 OR p.carer2_id = ?3) ORDER BY "
        "coalesce(p.start_min, p.window_start), p.id";
    struct db_stmt *st = store_stmt(s, sql_count);
    if (!st)
        return STORE_ERROR;
    bind_date(st, 1, day);
    if (db_step(st) != DB_ROW) {
        db_reset(st);
        return STORE_ERROR;
    }
    int cap = db_col_int(st, 0);
    db_reset(st);
    *n = 0;
    *out = arena_alloc(a, sizeof **out * (size_t)(cap + 1));
    if (!*out || !(st = store_stmt(s, sql)))
        return STORE_ERROR;
    bind_date(st, 1, day);
    db_bind_int64(st, 2, team_id);
    db_bind_int64(st, 3, carer_id);
    int rc;
    while ((rc = db_step(st)) == DB_ROW && *n < cap)
        pv_from_row(a, st, &(*out)[(*n)++]);
    return db_done(st, rc);
}

enum store_rc store_plan_board(struct store *s, struct arena *a, struct date day, long team_id,
                               struct plan_visit **out, int *n)
{
    static const char sql_count[] = "SELECT count(*) FROM plan_visit WHERE day = ?";
    static const char sql[] =
        "SELECT " PV_COLS PV_FROM "WHERE p.day = ?1 AND (p.team_id = ?2 OR u1.team_id = ?2 OR "
        "u2.team_id = ?2) ORDER BY coalesce(p.start_min, p.window_start), p.id";
    struct db_stmt *st = store_stmt(s, sql_count);
    if (!st)
        return STORE_ERROR;
    bind_date(st, 1, day);
    if (db_step(st) != DB_ROW) {
        db_reset(st);
        return STORE_ERROR;
    }
    int cap = db_col_int(st, 0);
    db_reset(st);
    *n = 0;
    *out = arena_alloc(a, sizeof **out * (size_t)(cap + 1));
    if (!*out || !(st = store_stmt(s, sql)))
        return STORE_ERROR;
    bind_date(st, 1, day);
    db_bind_int64(st, 2, team_id);
    int rc;
    while ((rc = db_step(st)) == DB_ROW && *n < cap)
        pv_from_row(a, st, &(*out)[(*n)++]);
    return db_done(st, rc);
}

enum store_rc store_plan_visit_get(struct store *s, struct arena *a, long id,
                                   struct plan_visit *out)
{
    static const char sql[] = "SELECT " PV_COLS PV_FROM "WHERE p.id = ?";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    db_bind_int64(st, 1, id);
    int rc = db_step(st);
    if (rc == DB_ROW)
        pv_from_row(a, st, out);
    return db_found(st, rc);
}

enum store_rc store_plan_save(struct store *s, struct date day, long team_id,
                              const struct plan_visit *v, int n)
{
    static const char del[] = "DELETE FROM plan_visit WHERE day = ? AND team_id = ?";
    static const char ins[] = "INSERT INTO plan_visit (day, service_id, citizen_id, team_id, "
                              "window_start, window_end, duration, skill, carers, carer1_id, "
                              "carer2_id, start_min, reason, manual, prev_carer1_id, "
                              "prev_carer2_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    struct db_stmt *st = store_stmt(s, del);
    if (!st)
        return STORE_ERROR;
    bind_date(st, 1, day);
    db_bind_int64(st, 2, team_id);
    enum store_rc r = db_run(st);
    for (int i = 0; r == STORE_OK && i < n; i++) {
        if (!(st = store_stmt(s, ins)))
            return STORE_ERROR;
        bind_date(st, 1, day);
        db_bind_int64(st, 2, v[i].service_id);
        db_bind_int64(st, 3, v[i].citizen_id);
        db_bind_int64(st, 4, team_id);
        db_bind_int(st, 5, v[i].window_start);
        db_bind_int(st, 6, v[i].window_end);
        db_bind_int(st, 7, v[i].duration);
        db_bind_text(st, 8, v[i].skill);
        db_bind_int(st, 9, v[i].carers);
        bind_ref(st, 10, v[i].carer_ids[0]);
        bind_ref(st, 11, v[i].carer_ids[1]);
        if (v[i].start >= 0)
            db_bind_double(st, 12, v[i].start);
        db_bind_text(st, 13, v[i].reason);
        db_bind_int(st, 14, v[i].manual);
        bind_ref(st, 15, v[i].prev_ids[0]);
        bind_ref(st, 16, v[i].prev_ids[1]);
        r = db_run(st);
    }
    return r;
}

enum store_rc store_plan_visit_move(struct store *s, long id, const long carer_ids[2], double start)
{
    static const char sql[] = "UPDATE plan_visit SET carer1_id = ?, carer2_id = ?, "
                              "start_min = ?, reason = '', manual = TRUE WHERE id = ?";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    bind_ref(st, 1, carer_ids[0]);
    bind_ref(st, 2, carer_ids[1]);
    db_bind_double(st, 3, start);
    db_bind_int64(st, 4, id);
    return db_run_changed(st, STORE_NOT_FOUND);
}

enum store_rc store_plan_history(struct store *s, struct arena *a, long team_id, struct date from,
                                 struct date to, struct carer_history **out, int *n)
{
    static const char sql[] =
        "SELECT citizen_id, carer, count(*) AS k FROM ("
        " SELECT citizen_id, carer1_id AS carer FROM plan_visit WHERE team_id = ?1 AND day >= ?2"
        " AND day < ?3 AND carer1_id IS NOT NULL UNION ALL"
        " SELECT citizen_id, carer2_id FROM plan_visit WHERE team_id = ?1 AND day >= ?2"
        " AND day < ?3 AND carer2_id IS NOT NULL) AS visit GROUP BY citizen_id, carer "
        "ORDER BY citizen_id, k DESC, carer";
    static const char sql_count[] = "SELECT count(*) FROM plan_visit WHERE team_id = ?1 AND "
                                    "day >= ?2 AND day < ?3";
    struct db_stmt *st = store_stmt(s, sql_count);
    if (!st)
        return STORE_ERROR;
    db_bind_int64(st, 1, team_id);
    bind_date(st, 2, from);
    bind_date(st, 3, to);
    if (db_step(st) != DB_ROW) {
        db_reset(st);
        return STORE_ERROR;
    }
    int cap = 2 * db_col_int(st, 0);
    db_reset(st);
    *n = 0;
    *out = arena_alloc(a, sizeof **out * (size_t)(cap + 1));
    if (!*out || !(st = store_stmt(s, sql)))
        return STORE_ERROR;
    db_bind_int64(st, 1, team_id);
    bind_date(st, 2, from);
    bind_date(st, 3, to);
    int rc;
    while ((rc = db_step(st)) == DB_ROW && *n < cap)
        (*out)[(*n)++] =
            (struct carer_history){db_col_int64(st, 0), db_col_int64(st, 1), db_col_int(st, 2)};
    return db_done(st, rc);
}

enum store_rc store_team_contacts(struct store *s, struct arena *a, long team_id,
                                  struct carer_history **out, int *n)
{
    static const char sql_count[] = "SELECT count(*) FROM citizen_contact cc JOIN citizen c ON "
                                    "c.id = cc.citizen_id WHERE c.team_id = ?";
    static const char sql[] = "SELECT cc.citizen_id, cc.user_id FROM citizen_contact cc JOIN "
                              "citizen c ON c.id = cc.citizen_id WHERE c.team_id = ? "
                              "ORDER BY cc.citizen_id, cc.user_id";
    struct db_stmt *st = store_stmt(s, sql_count);
    if (!st)
        return STORE_ERROR;
    db_bind_int64(st, 1, team_id);
    if (db_step(st) != DB_ROW) {
        db_reset(st);
        return STORE_ERROR;
    }
    int cap = db_col_int(st, 0);
    db_reset(st);
    *n = 0;
    *out = arena_alloc(a, sizeof **out * (size_t)(cap + 1));
    if (!*out || !(st = store_stmt(s, sql)))
        return STORE_ERROR;
    db_bind_int64(st, 1, team_id);
    int rc;
    while ((rc = db_step(st)) == DB_ROW && *n < cap)
        (*out)[(*n)++] = (struct carer_history){db_col_int64(st, 0), db_col_int64(st, 1), 0};
    return db_done(st, rc);
}

enum store_rc store_plan_run_add(struct store *s, struct date day, long team_id, long user_id,
                                 const struct plan_run_figures *f)
{
    static const char sql[] = "INSERT INTO plan_run (day, team_id, user_id, seconds, visits, "
                              "unassigned, travel, known_carer, outside_window, borrowed) VALUES "
                              "(?,?,?,?,?,?,?,?,?,?)";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    bind_date(st, 1, day);
    db_bind_int64(st, 2, team_id);
    bind_ref(st, 3, user_id);
    db_bind_double(st, 4, f->seconds);
    db_bind_int(st, 5, f->visits);
    db_bind_int(st, 6, f->unassigned);
    db_bind_double(st, 7, f->travel);
    db_bind_int(st, 8, f->known_carer);
    db_bind_int(st, 9, f->outside_window);
    db_bind_int(st, 10, f->borrowed);
    return db_run(st);
}

enum store_rc store_plan_run_last(struct store *s, struct date day, long team_id,
                                  struct plan_run_figures *f)
{
    static const char sql[] = "SELECT seconds, travel, visits, unassigned, known_carer, "
                              "outside_window, borrowed FROM plan_run WHERE day = ? AND "
                              "team_id = ? ORDER BY id DESC LIMIT 1";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    bind_date(st, 1, day);
    db_bind_int64(st, 2, team_id);
    int rc = db_step(st);
    if (rc == DB_ROW)
        *f = (struct plan_run_figures){
            db_col_double(st, 0), db_col_double(st, 1), db_col_int(st, 2), db_col_int(st, 3),
            db_col_int(st, 4),    db_col_int(st, 5),    db_col_int(st, 6)};
    return db_found(st, rc);
}

enum store_rc store_absence_set(struct store *s, long user_id, struct date day, minute_t from,
                                const char *reason, long created_by)
{
    static const char sql[] = "INSERT INTO absence (user_id, day, from_min, reason, created_by) "
                              "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (user_id, day) DO UPDATE "
                              "SET from_min = ?3, reason = ?4, created_by = ?5";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    db_bind_int64(st, 1, user_id);
    bind_date(st, 2, day);
    db_bind_int(st, 3, from);
    db_bind_text(st, 4, reason);
    bind_ref(st, 5, created_by);
    return db_run(st);
}

enum store_rc store_absences(struct store *s, struct arena *a, struct date day, long team_id,
                             struct absence **out, int *n)
{
    static const char sql[] = "SELECT a.user_id, u.full_name, a.from_min, a.reason FROM absence a "
                              "JOIN \"user\" u ON u.id = a.user_id WHERE a.day = ?1 AND (?2 = 0 OR "
                              "u.team_id = ?2) ORDER BY a.from_min, u.full_name LIMIT 500";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    *n = 0;
    *out = arena_alloc(a, sizeof **out * 500);
    if (!*out)
        return STORE_ERROR;
    bind_date(st, 1, day);
    db_bind_int64(st, 2, team_id);
    int rc;
    while ((rc = db_step(st)) == DB_ROW)
        (*out)[(*n)++] = (struct absence){db_col_int64(st, 0), col_text(a, st, 1),
                                          db_col_int(st, 2), col_text(a, st, 3)};
    return db_done(st, rc);
}
