/*
 * store-assessment.c — FSIII assessments (kept as
 * made; a new one is a new row set) and the citizen's goals.
 */
#include "store/store-int.h"

#include <string.h>

/* The display of a code in the newest imported version that has it. */
#define DISPLAY_NOW(col)                                                                           \
    "coalesce((SELECT fc.display FROM fsiii_concept fc JOIN fsiii_version fv ON fv.id = "          \
    "fc.version_id WHERE fc.code = " col " ORDER BY fv.version DESC, fv.id DESC LIMIT 1), '')"

/* --- assessments ---------------------------------------------------------- */

/* Insert an assessment and its conditions (the caller holds the
 * transaction); copies everything, owns nothing. */
enum store_rc store_assessment_create(struct store *s, const struct assessment *x, long *id)
{
    static const char ins[] = "INSERT INTO assessment (citizen_id, version_id, assessed_on, "
                              "assessor_id, note) VALUES (?, ?, ?, ?, ?) RETURNING id";
    static const char ins_function[] =
        "INSERT INTO assessment_function (assessment_id, code, current_level, expected_level, "
        "performance, importance, need, cause, symptoms) VALUES (?,?,?,?,?,?,?,?,?)";
    static const char ins_health[] = "INSERT INTO assessment_health (assessment_id, code, note) "
                                     "VALUES (?, ?, ?)";
    struct db_stmt *st = store_stmt(s, ins);
    if (!st)
        return STORE_ERROR;
    db_bind_int64(st, 1, x->citizen_id);
    db_bind_int64(st, 2, x->version_id);
    db_bind_text(st, 3, x->assessed_on);
    db_bind_int64(st, 4, x->assessor_id);
    db_bind_text(st, 5, x->note);
    long aid;
    enum store_rc r = db_insert(st, &aid);
    if (r != STORE_OK)
        return r;
    for (int i = 0; i < x->function_count && r == STORE_OK; i++) {
        const struct assessment_function *f = &x->functions[i];
        if (!(st = store_stmt(s, ins_function)))
            return STORE_ERROR;
        db_bind_int64(st, 1, aid);
        db_bind_text(st, 2, f->code);
        db_bind_int(st, 3, f->current);
        if (f->expected != LEVEL_NONE)
            db_bind_int(st, 4, f->expected);
        db_bind_text(st, 5, f->performance);
        db_bind_text(st, 6, f->importance);
        db_bind_text(st, 7, f->need);
        db_bind_text(st, 8, f->cause);
        db_bind_text(st, 9, f->symptoms);
        r = db_run(st);
    }
    for (int i = 0; i < x->health_count && r == STORE_OK; i++) {
        if (!(st = store_stmt(s, ins_health)))
            return STORE_ERROR;
        db_bind_int64(st, 1, aid);
        db_bind_text(st, 2, x->health[i].code);
        db_bind_text(st, 3, x->health[i].note);
        r = db_run(st);
    }
    if (r == STORE_OK && id)
        *id = aid;
    return r;
}

#define ASSESSMENT_COLS                                                                            \
    "a.id, a.citizen_id, a.version_id, v.version, a.assessed_on, a.assessor_id, "                  \
    "coalesce(u.full_name, ''), a.note, a.created_at, "                                            \
    "(SELECT count(*) FROM assessment_function f WHERE f.assessment_id = a.id), "                  \
    "(SELECT count(*) FROM assessment_health h WHERE h.assessment_id = a.id)"
#define ASSESSMENT_FROM                                                                            \
    " FROM assessment a JOIN fsiii_version v ON v.id = a.version_id LEFT JOIN \"user\" u ON u.id " \
    "= "                                                                                           \
    "a.assessor_id "

/* The head of an assessment from a row of ASSESSMENT_COLS (no items). */
static void assessment_from_row(struct arena *a, struct db_stmt *st, struct assessment *x)
{
    memset(x, 0, sizeof *x);
    x->id = db_col_int64(st, 0);
    x->citizen_id = db_col_int64(st, 1);
    x->version_id = db_col_int64(st, 2);
    x->version = col_text(a, st, 3);
    x->assessed_on = col_text(a, st, 4);
    x->assessor_id = db_col_int64(st, 5);
    x->assessor_name = col_text(a, st, 6);
    x->note = col_text(a, st, 7);
    x->created_at = col_text(a, st, 8);
    x->function_count = db_col_int(st, 9);
    x->health_count = db_col_int(st, 10);
}

/* A citizen's assessments, newest first, heads and counts only; array
 * and strings in a. */
enum store_rc store_assessment_list(struct store *s, struct arena *a, long citizen_id,
                                    struct assessment **out, int *n)
{
    static const char sql[] = "SELECT " ASSESSMENT_COLS ASSESSMENT_FROM
                              "WHERE a.citizen_id = ? ORDER BY a.assessed_on DESC, a.id DESC "
                              "LIMIT 200";
    struct db_stmt *st = store_stmt(s, sql);
    *n = 0;
    if (!st || !(*out = arena_alloc(a, sizeof **out * 200)))
        return STORE_ERROR;
    db_bind_int64(st, 1, citizen_id);
    int rc;
    while ((rc = db_step(st)) == DB_ROW)
        assessment_from_row(a, st, &(*out)[(*n)++]);
    return db_done(st, rc);
}

/* Load the conditions of x (head already filled), in FSIII order. */
static enum store_rc assessment_items(struct store *s, struct arena *a, struct assessment *x)
{
    static const char sql_f[] =
        "SELECT f.code, coalesce(c.display, ''), f.current_level, f.expected_level, "
        "f.performance, f.importance, f.need, f.cause, f.symptoms FROM assessment_function f "
        "JOIN assessment a ON a.id = f.assessment_id LEFT JOIN fsiii_concept c ON c.version_id "
        "= a.version_id AND c.code = f.code WHERE f.assessment_id = ? ORDER BY "
        "coalesce(c.ordinal, 1000000), f.code";
    static const char sql_h[] =
        "SELECT h.code, coalesce(c.display, ''), h.note FROM assessment_health h JOIN "
        "assessment a ON a.id = h.assessment_id LEFT JOIN fsiii_concept c ON c.version_id = "
        "a.version_id AND c.code = h.code WHERE h.assessment_id = ? ORDER BY "
        "coalesce(c.ordinal, 1000000), h.code";
    int nf = x->function_count, nh = x->health_count, rc;
    x->functions = arena_alloc(a, sizeof *x->functions * (size_t)(nf + 1));
    x->health = arena_alloc(a, sizeof *x->health * (size_t)(nh + 1));
    struct db_stmt *st = store_stmt(s, sql_f);
    if (!st || !x->functions || !x->health)
        return STORE_ERROR;
    x->function_count = 0;
    db_bind_int64(st, 1, x->id);
    while ((rc = db_step(st)) == DB_ROW && x->function_count < nf) {
        struct assessment_function *f = &x->functions[x->function_count++];
        f->code = col_text(a, st, 0);
        f->display = col_text(a, st, 1);
        f->current = db_col_int(st, 2);
        f->expected = db_col_null(st, 3) ? LEVEL_NONE : db_col_int(st, 3);
        f->performance = col_text(a, st, 4);
        f->importance = col_text(a, st, 5);
        f->need = col_text(a, st, 6);
        f->cause = col_text(a, st, 7);
        f->symptoms = col_text(a, st, 8);
    }
    enum store_rc r = db_done(st, rc);
    if (r != STORE_OK)
        return r;
    if (!(st = store_stmt(s, sql_h)))
        return STORE_ERROR;
    x->health_count = 0;
    db_bind_int64(st, 1, x->id);
    while ((rc = db_step(st)) == DB_ROW && x->health_count < nh) {
        struct assessment_health *h = &x->health[x->health_count++];
        h->code = col_text(a, st, 0);
        h->display = col_text(a, st, 1);
        h->note = col_text(a, st, 2);
    }
    return db_done(st, rc);
}

/* One assessment of the citizen with its conditions; strings in a.
 * NOT_FOUND when the id belongs to another citizen. */
enum store_rc store_assessment_get(struct store *s, struct arena *a, long citizen_id, long id,
                                   struct assessment *out)
{
    static const char sql[] =
        "SELECT " ASSESSMENT_COLS ASSESSMENT_FROM "WHERE a.citizen_id = ? AND a.id = ?";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    db_bind_int64(st, 1, citizen_id);
    db_bind_int64(st, 2, id);
    int rc = db_step(st);
    if (rc == DB_ROW)
        assessment_from_row(a, st, out);
    enum store_rc r = db_found(st, rc);
    if (r != STORE_OK)
        return r;
    return assessment_items(s, a, out);
}

/* --- goals ---------------------------------------------------------------- */

#define GOAL_COLS                                                                                  \
    "g.id, g.citizen_id, g.text, g.goal_type, g.follow_up_on, g.status, g.status_note, "           \
    "coalesce(g.followed_up_at, ''), coalesce(fu.full_name, ''), g.created_by, "                   \
    "coalesce(cu.full_name, ''), g.created_at"
#define GOAL_FROM                                                                                  \
    " FROM goal g LEFT JOIN \"user\" fu ON fu.id = g.followed_up_by LEFT JOIN \"user\" cu ON "     \
    "cu.id = "                                                                                     \
    "g.created_by "

/* A goal from a row of GOAL_COLS (no codes yet). */
static void goal_from_row(struct arena *a, struct db_stmt *st, struct goal *g)
{
    memset(g, 0, sizeof *g);
    g->id = db_col_int64(st, 0);
    g->citizen_id = db_col_int64(st, 1);
    g->text = col_text(a, st, 2);
    g->type = goal_type_parse(db_col_text(st, 3));
    g->follow_up_on = col_text(a, st, 4);
    g->status = goal_status_parse(db_col_text(st, 5));
    g->status_note = col_text(a, st, 6);
    g->followed_up_at = col_text(a, st, 7);
    g->followed_up_by_name = col_text(a, st, 8);
    g->created_by = db_col_int64(st, 9);
    g->created_by_name = col_text(a, st, 10);
    g->created_at = col_text(a, st, 11);
}

/* The condition codes of a goal, with their display in the newest version. */
static enum store_rc goal_codes(struct store *s, struct arena *a, struct goal *g)
{
    /* In the order given: SQLite's rowid, PostgreSQL's seq column. */
    static const char sql_sqlite[] = "SELECT gc.code, " DISPLAY_NOW(
        "gc.code") " FROM goal_condition gc WHERE gc.goal_id = ? ORDER BY gc.rowid";
    static const char sql_pg[] = "SELECT gc.code, " DISPLAY_NOW(
        "gc.code") " FROM goal_condition gc WHERE gc.goal_id = ? ORDER BY gc.seq";
    struct db_stmt *st = store_stmt(s, DB_SQL(s->db, sql_sqlite, sql_pg));
    if (!st)
        return STORE_ERROR;
    db_bind_int64(st, 1, g->id);
    int rc;
    g->code_count = 0;
    while ((rc = db_step(st)) == DB_ROW && g->code_count < GOAL_MAX_CODES) {
        g->codes[g->code_count] = col_text(a, st, 0);
        g->code_displays[g->code_count] = col_text(a, st, 1);
        g->code_count++;
    }
    return db_done(st, rc);
}

/* Insert a goal and its condition codes (the caller holds the
 * transaction); copies everything. */
enum store_rc store_goal_create(struct store *s, const struct goal *g, long *id)
{
    static const char ins[] = "INSERT INTO goal (citizen_id, text, goal_type, follow_up_on, "
                              "created_by) VALUES (?, ?, ?, ?, ?) RETURNING id";
    static const char ins_code[] = "INSERT INTO goal_condition (goal_id, code) VALUES (?, ?)";
    struct db_stmt *st = store_stmt(s, ins);
    if (!st)
        return STORE_ERROR;
    db_bind_int64(st, 1, g->citizen_id);
    db_bind_text(st, 2, g->text);
    db_bind_text(st, 3, goal_type_code(g->type));
    db_bind_text(st, 4, g->follow_up_on);
    db_bind_int64(st, 5, g->created_by);
    long gid;
    enum store_rc r = db_insert(st, &gid);
    if (r != STORE_OK)
        return r;
    for (int i = 0; i < g->code_count && r == STORE_OK; i++) {
        if (!(st = store_stmt(s, ins_code)))
            return STORE_ERROR;
        db_bind_int64(st, 1, gid);
        db_bind_text(st, 2, g->codes[i]);
        r = db_run(st);
    }
    if (r == STORE_OK && id)
        *id = gid;
    return r;
}

/* A citizen's goals with their codes, open first; array and strings in a. */
enum store_rc store_goal_list(struct store *s, struct arena *a, long citizen_id, struct goal **out,
                              int *n)
{
    static const char sql[] = "SELECT " GOAL_COLS GOAL_FROM "WHERE g.citizen_id = ? ORDER BY "
                              "g.status = 'open' DESC, g.follow_up_on, g.id LIMIT 200";
    struct db_stmt *st = store_stmt(s, sql);
    *n = 0;
    if (!st || !(*out = arena_alloc(a, sizeof **out * 200)))
        return STORE_ERROR;
    db_bind_int64(st, 1, citizen_id);
    int rc;
    while ((rc = db_step(st)) == DB_ROW)
        goal_from_row(a, st, &(*out)[(*n)++]);
    enum store_rc r = db_done(st, rc);
    for (int i = 0; i < *n && r == STORE_OK; i++)
        r = goal_codes(s, a, &(*out)[i]);
    return r;
}

/* One goal of the citizen with its codes; strings in a. */
enum store_rc store_goal_get(struct store *s, struct arena *a, long citizen_id, long id,
                             struct goal *out)
{
    static const char sql[] = "SELECT " GOAL_COLS GOAL_FROM "WHERE g.citizen_id = ? AND g.id = ?";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    db_bind_int64(st, 1, citizen_id);
    db_bind_int64(st, 2, id);
    int rc = db_step(st);
    if (rc == DB_ROW)
        goal_from_row(a, st, out);
    enum store_rc r = db_found(st, rc);
    if (r != STORE_OK)
        return r;
    return goal_codes(s, a, out);
}

/* Record a follow-up on a goal of the citizen; NOT_FOUND when there is
 * no such goal. */
enum store_rc store_goal_set_status(struct store *s, long citizen_id, long id,
                                    enum goal_status status, const char *note, long user_id)
{
    static const char sql[] =
        "UPDATE goal SET status = ?1, status_note = ?2, followed_up_at = CASE WHEN ?1 = 'open' "
        "THEN NULL ELSE ?6 END, followed_up_by = CASE WHEN ?1 = 'open' THEN NULL ELSE "
        "CAST(?3 AS BIGINT) END, version = version + 1 WHERE citizen_id = ?4 AND id = ?5";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st || !goal_status_code(status))
        return STORE_ERROR;
    db_bind_text(st, 1, goal_status_code(status));
    db_bind_text(st, 2, note);
    db_bind_int64(st, 3, user_id);
    db_bind_int64(st, 4, citizen_id);
    db_bind_int64(st, 5, id);
    bind_now(st, 6);
    return db_run_changed(st, STORE_NOT_FOUND);
}
