/*
 * store-care.c — daily practice: visit documentation,
 * observations, weights, triage, nutrition (EVS), the board and the tasks
 * the rules raise (see store-care.h).
 */
#include "store/store-int.h"

#include <stdio.h>
#include <string.h>

/* Allocate room for at most cap rows of size sz (one extra, never NULL on success). */
static void *rows(struct arena *a, size_t sz, int cap)
{
    return arena_alloc(a, sz * (size_t)(cap + 1));
}

/* --- visit documentation ---------------------------------------------- */

#define DOC_COLS                                                                                   \
    "d.id, d.day, d.service_id, d.citizen_id, d.team_id, coalesce(d.user_id, 0), "                 \
    "coalesce(u.full_name, ''), coalesce(d.checkin_at, ''), coalesce(d.checkout_at, ''), "         \
    "coalesce(d.outcome, ''), d.reason, d.note, d.updated_at FROM visit_doc d LEFT JOIN \"user\" " \
    "u "                                                                                           \
    "ON u.id = d.user_id "

/* Read a visit's documentation by its (day, service) key. */
enum store_rc store_visit_doc_get(struct store *s, struct arena *a, const struct plan_visit *v,
                                  struct visit_doc *out)
{
    static const char sql[] = "SELECT " DOC_COLS "WHERE d.day = ? AND d.service_id = ?";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    bind_date(st, 1, v->day);
    db_bind_int64(st, 2, v->service_id);
    int rc = db_step(st);
    if (rc == DB_ROW) {
        memset(out, 0, sizeof *out);
        out->id = db_col_int64(st, 0);
        out->day = col_date(st, 1);
        out->service_id = db_col_int64(st, 2);
        out->citizen_id = db_col_int64(st, 3);
        out->team_id = db_col_int64(st, 4);
        out->user_id = db_col_int64(st, 5);
        out->user_name = col_text(a, st, 6);
        out->checkin_at = col_text(a, st, 7);
        out->checkout_at = col_text(a, st, 8);
        int o = outcome_parse(db_col_text(st, 9));
        out->outcome = o < 0 ? OUTCOME_NONE : (enum visit_outcome)o;
        int why = ndr_parse(db_col_text(st, 10));
        out->reason = why < 0 ? NDR_NONE : (enum not_done_reason)why;
        out->note = col_text(a, st, 11);
        out->updated_at = col_text(a, st, 12);
    }
    return db_found(st, rc);
}

/* Make sure the visit has a documentation row; *id gets it. */
static enum store_rc doc_row(struct store *s, const struct plan_visit *v, long user_id, long *id)
{
    static const char ins[] = "INSERT INTO visit_doc (day, service_id, citizen_id, team_id, "
                              "user_id) VALUES (?,?,?,?,?) ON CONFLICT (day, service_id) DO "
                              "UPDATE SET user_id = excluded.user_id, updated_at = ?6";
    static const char get[] = "SELECT id FROM visit_doc WHERE day = ? AND service_id = ?";
    struct db_stmt *st = store_stmt(s, ins);
    if (!st)
        return STORE_ERROR;
    bind_date(st, 1, v->day);
    db_bind_int64(st, 2, v->service_id);
    db_bind_int64(st, 3, v->citizen_id);
    db_bind_int64(st, 4, v->team_id);
    bind_ref(st, 5, user_id);
    bind_now(st, 6);
    enum store_rc r = db_run(st);
    if (r != STORE_OK || !(st = store_stmt(s, get)))
        return r != STORE_OK ? r : STORE_ERROR;
    bind_date(st, 1, v->day);
    db_bind_int64(st, 2, v->service_id);
    int rc = db_step(st);
    if (rc == DB_ROW)
        *id = db_col_int64(st, 0);
    return db_done(st, rc);
}

/* Record a check-in (first wins) or check-out (latest wins). */
enum store_rc store_visit_check(struct store *s, const struct plan_visit *v, long user_id, bool out,
                                const char *at)
{
    static const char in_sql[] = "UPDATE visit_doc SET checkin_at = coalesce(checkin_at, ?) "
                                 "WHERE id = ?";
    static const char out_sql[] = "UPDATE visit_doc SET checkout_at = ? WHERE id = ?";
    long id;
    enum store_rc r = doc_row(s, v, user_id, &id);
    if (r != STORE_OK)
        return r;
    struct db_stmt *st = store_stmt(s, out ? out_sql : in_sql);
    if (!st)
        return STORE_ERROR;
    db_bind_text(st, 1, at);
    db_bind_int64(st, 2, id);
    return db_run(st);
}

/* Claim a client id once; a second claim is not fresh. */
enum store_rc store_submission_claim(struct store *s, const char *client_id, long user_id,
                                     long citizen_id, bool *fresh)
{
    static const char sql[] = "INSERT INTO doc_submission (client_id, user_id, citizen_id) "
                              "VALUES (?,?,?) ON CONFLICT (client_id) DO NOTHING";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    db_bind_text(st, 1, client_id);
    db_bind_int64(st, 2, user_id);
    db_bind_int64(st, 3, citizen_id);
    enum store_rc r = db_run(st);
    *fresh = r == STORE_OK && db_changes(s->db) > 0;
    return r;
}

/* Add one observation; *id gets it (may be NULL). */
static enum store_rc obs_add(struct store *s, long citizen_id, long doc_id,
                             const struct obs_input *o, long user_id, long *id)
{
    static const char sql[] = "INSERT INTO observation (citizen_id, visit_doc_id, area, serious, "
                              "note, user_id) VALUES (?,?,?,?,?,?) RETURNING id";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    db_bind_int64(st, 1, citizen_id);
    bind_ref(st, 2, doc_id);
    db_bind_text(st, 3, obs_area_code(o->area));
    db_bind_int(st, 4, o->serious);
    db_bind_text(st, 5, o->note);
    bind_ref(st, 6, user_id);
    return db_insert(st, id);
}

/* Add observations and the triage proposal they make. */
enum store_rc store_observations_add(struct store *s, long citizen_id, long user_id,
                                     const struct obs_input *obs, int n, long doc_id)
{
    long first = 0, id = 0;
    enum store_rc r = STORE_OK;
    for (int i = 0; r == STORE_OK && i < n; i++) {
        r = obs_add(s, citizen_id, doc_id, &obs[i], user_id, &id);
        if (!first || obs[i].serious)
            first = id; /* the proposal points at the most serious report */
    }
    if (r != STORE_OK || !n)
        return r;
    /* A reported change proposes yellow (or red); a nurse or team leader decides. */
    char summary[256] = "";
    size_t len = 0;
    for (int i = 0; i < n && len < sizeof summary; i++)
        len += (size_t)snprintf(summary + len, sizeof summary - len, "%s%s%s", i ? ", " : "",
                                obs_area_label(obs[i].area), obs[i].serious ? " (alvorligt)" : "");
    struct triage_row t = {.citizen_id = citizen_id,
                           .decided = false,
                           .level = triage_propose(obs, n),
                           .reason = summary,
                           .action = "",
                           .due_at = "",
                           .observation_id = first,
                           .user_id = user_id};
    return store_triage_add(s, &t, NULL);
}

/* Store outcome, note, observations and weight of a visit. */
enum store_rc store_visit_document(struct store *s, const struct plan_visit *v, long user_id,
                                   const struct visit_doc_input *in, long *doc_id)
{
    static const char upd[] = "UPDATE visit_doc SET outcome = ?, reason = ?, note = ? WHERE id = ?";
    enum store_rc r = doc_row(s, v, user_id, doc_id);
    if (r != STORE_OK)
        return r;
    if (in->outcome != OUTCOME_NONE || (in->note && *in->note)) {
        struct db_stmt *st = store_stmt(s, upd);
        if (!st)
            return STORE_ERROR;
        if (in->outcome == OUTCOME_NONE)
            db_bind_null(st, 1);
        else
            db_bind_text(st, 1, outcome_code(in->outcome));
        db_bind_text(st, 2, ndr_code(in->reason));
        db_bind_text(st, 3, in->note);
        db_bind_int64(st, 4, *doc_id);
        if ((r = db_run(st)) != STORE_OK)
            return r;
    }
    if (in->nobs && (r = store_observations_add(s, v->citizen_id, user_id, in->obs, in->nobs,
                                                *doc_id)) != STORE_OK)
        return r;
    if (in->weight_hg > 0)
        r = store_weight_add(s, v->citizen_id, v->day, in->weight_hg, in->weight_planned, *doc_id,
                             user_id, NULL);
    return r;
}

/* A citizen's observations, newest first. */
enum store_rc store_observation_list(struct store *s, struct arena *a, long citizen_id, int limit,
                                     struct observation **out, int *n)
{
    static const char sql[] = "SELECT o.id, o.citizen_id, coalesce(o.visit_doc_id, 0), o.area, "
                              "o.serious, o.note, coalesce(u.full_name, ''), o.at FROM "
                              "observation o LEFT JOIN \"user\" u ON u.id = o.user_id WHERE "
                              "o.citizen_id = ? ORDER BY o.id DESC LIMIT ?";
    struct db_stmt *st = store_stmt(s, sql);
    *n = 0;
    if (!st || !(*out = rows(a, sizeof **out, limit)))
        return STORE_ERROR;
    db_bind_int64(st, 1, citizen_id);
    db_bind_int(st, 2, limit);
    int rc;
    while ((rc = db_step(st)) == DB_ROW && *n < limit) {
        struct observation *o = &(*out)[(*n)++];
        o->id = db_col_int64(st, 0);
        o->citizen_id = db_col_int64(st, 1);
        o->visit_doc_id = db_col_int64(st, 2);
        int area = obs_area_parse(db_col_text(st, 3));
        o->area = area < 0 ? AREA_PHYSICAL : (enum obs_area)area;
        o->serious = db_col_int(st, 4) != 0;
        o->note = col_text(a, st, 5);
        o->user_name = col_text(a, st, 6);
        o->at = col_text(a, st, 7);
    }
    return db_done(st, rc);
}

/* --- weights ------------------------------------------------------------ */

enum store_rc store_weight_add(struct store *s, long citizen_id, struct date on, int hg,
                               bool planned, long doc_id, long user_id, long *id)
{
    static const char sql[] = "INSERT INTO weight (citizen_id, measured_on, hg, planned, "
                              "visit_doc_id, user_id) VALUES (?,?,?,?,?,?) RETURNING id";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    db_bind_int64(st, 1, citizen_id);
    bind_date(st, 2, on);
    db_bind_int(st, 3, hg);
    db_bind_int(st, 4, planned);
    bind_ref(st, 5, doc_id);
    bind_ref(st, 6, user_id);
    return db_insert(st, id);
}

/* A citizen's latest weights, oldest first. */
enum store_rc store_weight_list(struct store *s, struct arena *a, long citizen_id, int limit,
                                struct weight_row **out, int *n)
{
    static const char sql[] =
        "SELECT * FROM (SELECT w.id, w.measured_on, w.hg, w.planned, coalesce(u.full_name, ''), "
        "w.at FROM weight w LEFT JOIN \"user\" u ON u.id = w.user_id WHERE w.citizen_id = ? ORDER "
        "BY "
        "w.measured_on DESC, w.id DESC LIMIT ?) AS latest ORDER BY 2, 1";
    struct db_stmt *st = store_stmt(s, sql);
    *n = 0;
    if (!st || !(*out = rows(a, sizeof **out, limit)))
        return STORE_ERROR;
    db_bind_int64(st, 1, citizen_id);
    db_bind_int(st, 2, limit);
    int rc;
    while ((rc = db_step(st)) == DB_ROW && *n < limit)
        (*out)[(*n)++] =
            (struct weight_row){db_col_int64(st, 0),    col_date(st, 1),    db_col_int(st, 2),
                                db_col_int(st, 3) != 0, col_text(a, st, 4), col_text(a, st, 5)};
    return db_done(st, rc);
}

/* --- triage ------------------------------------------------------------- */

#define TRIAGE_COLS                                                                                \
    "t.id, t.citizen_id, t.kind, t.level, t.reason, t.action, coalesce(t.follow_up_by, 0), "       \
    "coalesce(f.full_name, ''), coalesce(t.due_at, ''), coalesce(t.observation_id, 0), "           \
    "coalesce(t.user_id, 0), coalesce(u.full_name, ''), t.at"
#define TRIAGE_JOIN                                                                                \
    " LEFT JOIN \"user\" f ON f.id = t.follow_up_by LEFT JOIN \"user\" u ON u.id = t.user_id "

/* Fill a triage row from columns starting at i (TRIAGE_COLS). */
static void triage_from(struct arena *a, struct db_stmt *st, int i, struct triage_row *t)
{
    memset(t, 0, sizeof *t);
    if (db_col_null(st, i))
        return;
    t->id = db_col_int64(st, i);
    t->citizen_id = db_col_int64(st, i + 1);
    t->decided = !strcmp(db_col_text(st, i + 2), "decided");
    int l = triage_parse(db_col_text(st, i + 3));
    t->level = l < 0 ? TRIAGE_GREEN : (enum triage_level)l;
    t->reason = col_text(a, st, i + 4);
    t->action = col_text(a, st, i + 5);
    t->follow_up_by = db_col_int64(st, i + 6);
    t->follow_up_name = col_text(a, st, i + 7);
    t->due_at = col_text(a, st, i + 8);
    t->observation_id = db_col_int64(st, i + 9);
    t->user_id = db_col_int64(st, i + 10);
    t->user_name = col_text(a, st, i + 11);
    t->at = col_text(a, st, i + 12);
}

/* Append a triage proposal or decision. */
enum store_rc store_triage_add(struct store *s, const struct triage_row *t, long *id)
{
    static const char sql[] = "INSERT INTO triage (citizen_id, kind, level, reason, action, "
                              "follow_up_by, due_at, observation_id, user_id) VALUES "
                              "(?,?,?,?,?,?,?,?,?) RETURNING id";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    db_bind_int64(st, 1, t->citizen_id);
    db_bind_text(st, 2, t->decided ? "decided" : "proposed");
    db_bind_text(st, 3, triage_code(t->level));
    db_bind_text(st, 4, t->reason);
    db_bind_text(st, 5, t->action);
    bind_ref(st, 6, t->follow_up_by);
    if (t->due_at && *t->due_at)
        db_bind_text(st, 7, t->due_at);
    bind_ref(st, 8, t->observation_id);
    bind_ref(st, 9, t->user_id);
    return db_insert(st, id);
}

/* A citizen's triage history, newest first. */
enum store_rc store_triage_list(struct store *s, struct arena *a, long citizen_id, int limit,
                                struct triage_row **out, int *n)
{
    static const char sql[] = "SELECT " TRIAGE_COLS " FROM triage t" TRIAGE_JOIN
                              "WHERE t.citizen_id = ? ORDER BY t.id DESC LIMIT ?";
    struct db_stmt *st = store_stmt(s, sql);
    *n = 0;
    if (!st || !(*out = rows(a, sizeof **out, limit)))
        return STORE_ERROR;
    db_bind_int64(st, 1, citizen_id);
    db_bind_int(st, 2, limit);
    int rc;
    while ((rc = db_step(st)) == DB_ROW && *n < limit)
        triage_from(a, st, 0, &(*out)[(*n)++]);
    return db_done(st, rc);
}

/* The latest decision and any newer pending proposal. */
enum store_rc store_triage_current(struct store *s, struct arena *a, long citizen_id,
                                   struct triage_row *current, struct triage_row *pending)
{
    static const char sql[] = "SELECT " TRIAGE_COLS " FROM triage t" TRIAGE_JOIN
                              "WHERE t.citizen_id = ?1 AND (t.id = (SELECT max(id) FROM triage "
                              "WHERE citizen_id = ?1 AND kind = 'decided') OR t.id = (SELECT "
                              "max(id) FROM triage WHERE citizen_id = ?1)) ORDER BY t.id";
    struct db_stmt *st = store_stmt(s, sql);
    memset(current, 0, sizeof *current);
    memset(pending, 0, sizeof *pending);
    if (!st)
        return STORE_ERROR;
    db_bind_int64(st, 1, citizen_id);
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct triage_row t;
        triage_from(a, st, 0, &t);
        if (t.decided)
            *current = t;
        else
            *pending = t; /* only the newest row can be a pending proposal */
    }
    if (pending->id && pending->id < current->id)
        memset(pending, 0, sizeof *pending);
    return db_done(st, rc);
}

/* The team's board: yellow, red and pending citizens, red first. */
enum store_rc store_board(struct store *s, struct arena *a, long team_id, struct board_row **out,
                          int *n)
{
    static const char count[] = "SELECT count(*) FROM citizen WHERE team_id = ?";
    static const char sql[] =
        "WITH d AS (SELECT citizen_id, max(id) AS id FROM triage WHERE kind = 'decided' "
        "GROUP BY citizen_id), l AS (SELECT citizen_id, max(id) AS id FROM triage GROUP BY "
        "citizen_id) SELECT c.id, c.first_name || ' ' || c.last_name, " TRIAGE_COLS
        ", p.id, p.citizen_id, p.kind, p.level, p.reason, p.action, "
        "coalesce(p.follow_up_by, 0), '', coalesce(p.due_at, ''), coalesce(p.observation_id, 0), "
        "coalesce(p.user_id, 0), coalesce(pu.full_name, ''), p.at FROM citizen c JOIN l ON "
        "l.citizen_id = c.id LEFT JOIN d ON d.citizen_id = c.id LEFT JOIN triage t ON t.id = "
        "d.id" TRIAGE_JOIN
        "LEFT JOIN triage p ON p.id = l.id AND p.kind = 'proposed' LEFT JOIN \"user\" pu "
        "ON pu.id = p.user_id WHERE c.team_id = ? AND (t.level IN ('yellow', 'red') OR p.id IS "
        "NOT NULL) ORDER BY CASE WHEN t.level = 'red' OR p.level = 'red' THEN 0 ELSE 1 END, "
        "coalesce(t.due_at, p.at), c.id";
    struct db_stmt *st = store_stmt(s, count);
    *n = 0;
    if (!st)
        return STORE_ERROR;
    db_bind_int64(st, 1, team_id);
    int cap = db_step(st) == DB_ROW ? db_col_int(st, 0) : 0;
    db_reset(st);
    if (!(*out = rows(a, sizeof **out, cap)) || !(st = store_stmt(s, sql)))
        return STORE_ERROR;
    db_bind_int64(st, 1, team_id);
    int rc;
    while ((rc = db_step(st)) == DB_ROW && *n < cap) {
        struct board_row *b = &(*out)[(*n)++];
        b->citizen_id = db_col_int64(st, 0);
        b->citizen_name = col_text(a, st, 1);
        triage_from(a, st, 2, &b->current);
        triage_from(a, st, 15, &b->pending);
    }
    return db_done(st, rc);
}

/* --- nutrition ---------------------------------------------------------- */

/* Bind an EVS part, NULL when not known. */
static void bind_part(struct db_stmt *st, int i, int v)
{
    if (v >= 0 && v <= 2)
        db_bind_int(st, i, v);
    else
        db_bind_null(st, i);
}

/* Append an EVS assessment with its computed score. */
enum store_rc store_nutrition_add(struct store *s, long citizen_id, const struct nutrition_row *x,
                                  long user_id, long *id)
{
    static const char sql[] = "INSERT INTO nutrition (citizen_id, assessed_on, weight_status, "
                              "eating, risks, score, plan, user_id) VALUES (?,?,?,?,?,?,?,?) "
                              "RETURNING id";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    db_bind_int64(st, 1, citizen_id);
    bind_date(st, 2, x->on);
    bind_part(st, 3, x->weight_status);
    bind_part(st, 4, x->eating);
    bind_part(st, 5, x->risks);
    db_bind_int(st, 6, evs_score(x->weight_status, x->eating, x->risks));
    db_bind_text(st, 7, x->plan);
    bind_ref(st, 8, user_id);
    return db_insert(st, id);
}

/* A citizen's EVS assessments, newest first. */
enum store_rc store_nutrition_list(struct store *s, struct arena *a, long citizen_id, int limit,
                                   struct nutrition_row **out, int *n)
{
    static const char sql[] =
        "SELECT n.id, n.assessed_on, coalesce(n.weight_status, -1), "
        "coalesce(n.eating, -1), coalesce(n.risks, -1), n.score, n.plan, "
        "coalesce(u.full_name, ''), n.at FROM nutrition n LEFT JOIN \"user\" u "
        "ON u.id = n.user_id WHERE n.citizen_id = ? ORDER BY "
        "n.assessed_on DESC, n.id DESC LIMIT ?";
    struct db_stmt *st = store_stmt(s, sql);
    *n = 0;
    if (!st || !(*out = rows(a, sizeof **out, limit)))
        return STORE_ERROR;
    db_bind_int64(st, 1, citizen_id);
    db_bind_int(st, 2, limit);
    int rc;
    while ((rc = db_step(st)) == DB_ROW && *n < limit)
        (*out)[(*n)++] =
            (struct nutrition_row){db_col_int64(st, 0), col_date(st, 1),    db_col_int(st, 2),
                                   db_col_int(st, 3),   db_col_int(st, 4),  db_col_int(st, 5),
                                   col_text(a, st, 6),  col_text(a, st, 7), col_text(a, st, 8)};
    return db_done(st, rc);
}

/* --- tasks and rules ---------------------------------------------------- */

enum store_rc store_care_tasks(struct store *s, struct arena *a, long team_id, long citizen_id,
                               bool all, struct care_task **out, int *n)
{
    static const char sql[] =
        "SELECT t.id, t.citizen_id, t.team_id, t.rule, t.key, t.due_from, t.due_at, "
        "t.created_at, coalesce(t.done_at, ''), t.status = 'done', c.first_name || ' ' || "
        "c.last_name FROM care_task t JOIN citizen c ON c.id = t.citizen_id WHERE (?1 = 0 OR "
        "t.team_id = ?1) AND (?2 = 0 OR t.citizen_id = ?2) AND (?3 OR t.status = 'open') ORDER "
        "BY t.status = 'done', t.due_at, t.id LIMIT 1000";
    const int cap = 1000;
    struct db_stmt *st = store_stmt(s, sql);
    *n = 0;
    if (!st || !(*out = rows(a, sizeof **out, cap)))
        return STORE_ERROR;
    db_bind_int64(st, 1, team_id);
    db_bind_int64(st, 2, citizen_id);
    db_bind_int(st, 3, all);
    int rc;
    while ((rc = db_step(st)) == DB_ROW && *n < cap) {
        struct care_task *t = &(*out)[(*n)++];
        t->id = db_col_int64(st, 0);
        t->citizen_id = db_col_int64(st, 1);
        t->team_id = db_col_int64(st, 2);
        int k = rule_parse(db_col_text(st, 3));
        t->rule = k < 0 ? RULE_REWEIGH : (enum rule_kind)k;
        t->key = col_text(a, st, 4);
        t->due_from = col_text(a, st, 5);
        t->due_at = col_text(a, st, 6);
        t->created_at = col_text(a, st, 7);
        t->done_at = col_text(a, st, 8);
        t->done = db_col_int(st, 9) != 0;
        t->citizen_name = col_text(a, st, 10);
    }
    return db_done(st, rc);
}

#define FACTS_MAX 64

/* Read what the rules look at for one citizen into f (arrays in a). */
static enum store_rc facts_load(struct store *s, struct arena *a, long citizen_id,
                                struct care_facts *f, long *team_id)
{
    static const char sql_w[] =
        "SELECT measured_on, hg, planned FROM (SELECT measured_on, hg, planned, id FROM weight "
        "WHERE citizen_id = ? ORDER BY measured_on DESC, id DESC LIMIT 64) AS latest "
        "ORDER BY measured_on, id";
    static const char sql_dates[] =
        "SELECT c.team_id, (SELECT max(assessed_on) FROM nutrition WHERE citizen_id = c.id), "
        "(SELECT max(assessed_on) FROM assessment WHERE citizen_id = c.id) FROM citizen c "
        "WHERE c.id = ?";
    static const char sql_t[] = "SELECT id, level, at, coalesce(due_at, '') FROM triage WHERE "
                                "citizen_id = ? AND kind = 'decided' ORDER BY id DESC LIMIT 1";
    static const char sql_g[] = "SELECT id, follow_up_date, status IN ('decided', 'sent', "
                                "'changed') FROM grants WHERE citizen_id = ? AND follow_up_date "
                                "IS NOT NULL ORDER BY id LIMIT 64";
    memset(f, 0, sizeof *f);
    struct db_stmt *st = store_stmt(s, sql_dates);
    if (!st)
        return STORE_ERROR;
    db_bind_int64(st, 1, citizen_id);
    int rc = db_step(st);
    if (rc == DB_ROW) {
        *team_id = db_col_int64(st, 0);
        f->last_nutrition = col_date(st, 1);
        f->last_assessment = col_date(st, 2);
    }
    enum store_rc r = db_found(st, rc);
    if (r != STORE_OK)
        return r;

    struct care_weight *w = rows(a, sizeof *w, FACTS_MAX);
    struct care_grant *g = rows(a, sizeof *g, FACTS_MAX);
    if (!w || !g || !(st = store_stmt(s, sql_w)))
        return STORE_ERROR;
    db_bind_int64(st, 1, citizen_id);
    while ((rc = db_step(st)) == DB_ROW && f->nweights < FACTS_MAX)
        w[f->nweights++] =
            (struct care_weight){col_date(st, 0), db_col_int(st, 1), db_col_int(st, 2) != 0};
    if (db_done(st, rc) != STORE_OK || !(st = store_stmt(s, sql_t)))
        return STORE_ERROR;
    f->weights = w;
    db_bind_int64(st, 1, citizen_id);
    if ((rc = db_step(st)) == DB_ROW) {
        f->triage_id = db_col_int64(st, 0);
        int l = triage_parse(db_col_text(st, 1));
        f->triage_level = l < 0 ? TRIAGE_GREEN : (enum triage_level)l;
        f->triage_at = iso_to_epoch(db_col_text(st, 2));
        long due = iso_to_epoch(db_col_text(st, 3));
        f->triage_due = due > 0 ? due : 0;
    }
    if (db_done(st, rc) != STORE_OK || !(st = store_stmt(s, sql_g)))
        return STORE_ERROR;
    db_bind_int64(st, 1, citizen_id);
    while ((rc = db_step(st)) == DB_ROW && f->ngrants < FACTS_MAX)
        g[f->ngrants++] =
            (struct care_grant){db_col_int64(st, 0), col_date(st, 1), db_col_int(st, 2) != 0};
    f->grants = g;
    return db_done(st, rc);
}

/* Bring one citizen's tasks in line with what the rules say now. */
enum store_rc store_rules_citizen(struct store *s, long citizen_id, long now,
                                  struct rules_counts *c)
{
    static const char ins[] =
        "INSERT INTO care_task (citizen_id, team_id, rule, key, due_from, "
        "due_at) VALUES (?,?,?,?,?,?) ON CONFLICT (citizen_id, rule, key) "
        "DO UPDATE SET status = 'open', done_at = NULL, due_from = "
        "excluded.due_from, due_at = excluded.due_at WHERE care_task.status = 'done'";
    static const char open_sql[] = "SELECT id, rule, key FROM care_task WHERE citizen_id = ? "
                                   "AND status = 'open' LIMIT 64";
    static const char done_sql[] = "UPDATE care_task SET status = 'done', done_at = ? WHERE id = ?";
    struct arena a = ARENA_INIT;
    struct care_facts f;
    struct rule_task want[RULES_MAX_TASKS];
    struct {
        long id;
        int rule;
        char key[48];
        bool wanted;
    } open[64];
    long team = 0, raised = 0, resolved = 0;
    int nopen = 0, rc;
    char t1[21], t2[21];
    enum store_rc r = facts_load(s, &a, citizen_id, &f, &team);
    if (r != STORE_OK)
        goto out;
    int n = rules_eval(&f, now, want, RULES_MAX_TASKS);
    struct db_stmt *st = store_stmt(s, open_sql);
    if (!st) {
        r = STORE_ERROR;
        goto out;
    }
    db_bind_int64(st, 1, citizen_id);
    while ((rc = db_step(st)) == DB_ROW && nopen < 64) {
        open[nopen].id = db_col_int64(st, 0);
        open[nopen].rule = rule_parse(db_col_text(st, 1));
        snprintf(open[nopen].key, sizeof open[nopen].key, "%s", db_col_text(st, 2));
        open[nopen++].wanted = false;
    }
    if ((r = db_done(st, rc)) != STORE_OK)
        goto out;
    /* Raise what fires and is not open (again, if it was closed and fires anew). */
    for (int i = 0; i < n; i++) {
        bool have = false;
        for (int k = 0; k < nopen; k++)
            if (open[k].rule == (int)want[i].rule && !strcmp(open[k].key, want[i].key))
                have = open[k].wanted = true;
        if (have)
            continue;
        if (!(st = store_stmt(s, ins))) {
            r = STORE_ERROR;
            goto out;
        }
        epoch_to_iso(want[i].due_from, t1);
        epoch_to_iso(want[i].due_at, t2);
        db_bind_int64(st, 1, citizen_id);
        db_bind_int64(st, 2, team);
        db_bind_text(st, 3, rule_code(want[i].rule));
        db_bind_text(st, 4, want[i].key);
        db_bind_text(st, 5, t1);
        db_bind_text(st, 6, t2);
        if ((r = db_run(st)) != STORE_OK)
            goto out;
        raised += db_changes(s->db);
    }
    /* Mark done what no longer fires. */
    epoch_to_iso(now, t1);
    for (int k = 0; k < nopen; k++) {
        if (open[k].wanted)
            continue;
        if (!(st = store_stmt(s, done_sql))) {
            r = STORE_ERROR;
            goto out;
        }
        db_bind_text(st, 1, t1);
        db_bind_int64(st, 2, open[k].id);
        if ((r = db_run(st)) != STORE_OK)
            goto out;
        resolved++;
    }
    if (c) {
        c->citizens++;
        c->raised += raised;
        c->resolved += resolved;
        c->open += nopen - resolved + raised;
    }
out:
    arena_release(&a);
    return r;
}

/* Run the rules for every citizen in one transaction. */
enum store_rc store_rules_all(struct store *s, long now, struct rules_counts *c)
{
    static const char ids_sql[] = "SELECT id FROM citizen ORDER BY id";
    struct rules_counts zero = {0};
    struct db_stmt *st;
    if (!c)
        c = &zero;
    enum store_rc r = store_begin(s);
    if (r != STORE_OK)
        return r;
    /* The id list first: the same connection runs the per-citizen statements. */
    struct arena a = ARENA_INIT;
    long cap = 0, n = 0, *ids = NULL;
    if (!(st = store_stmt(s, ids_sql))) {
        r = STORE_ERROR;
        goto out;
    }
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        if (n == cap) {
            long ncap = cap ? cap * 2 : 1024;
            long *bigger = arena_alloc(&a, sizeof *bigger * (size_t)ncap);
            if (!bigger) {
                db_reset(st);
                r = STORE_ERROR;
                goto out;
            }
            if (n)
                memcpy(bigger, ids, sizeof *ids * (size_t)n);
            ids = bigger;
            cap = ncap;
        }
        ids[n++] = db_col_int64(st, 0);
    }
    if ((r = db_done(st, rc)) != STORE_OK)
        goto out;
    for (long i = 0; i < n && r == STORE_OK; i++)
        r = store_rules_citizen(s, ids[i], now, c);
out:
    arena_release(&a);
    if (r == STORE_OK)
        return store_commit(s);
    store_rollback(s);
    return r;
}
