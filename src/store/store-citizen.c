/*
 * store-citizen.c — citizens, their relatives and
 * network, contact persons, and the audit log.
 */
#include "store/store-int.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/validate.h"

#define CIT_COLS                                                                                   \
    "c.id, c.cpr, c.first_name, c.last_name, c.address, c.postcode, c.city, c.lat, c.lon, "        \
    "c.phone, c.lives_alone, c.team_id, coalesce(t.name, ''), coalesce(c.coordinator_id, 0), "     \
    "coalesce(co.full_name, ''), c.what_matters, c.get_up, c.breakfast, c.lunch, c.dinner, "       \
    "c.bedtime, c.rhythm_note, c.version, c.updated_at"
#define CIT_JOINS                                                                                  \
    " LEFT JOIN team t ON t.id = c.team_id LEFT JOIN \"user\" co ON co.id = c.coordinator_id "
#define CIT_FROM " FROM citizen c" CIT_JOINS
/* Text search reads every row once and sorts the matches; walking the name
 * index instead costs a table look-up per citizen when matches are rare. */
#define CIT_FROM_SCAN " FROM citizen c NOT INDEXED" CIT_JOINS

static void citizen_from_row(struct arena *a, struct db_stmt *st, struct citizen *c)
{
    memset(c, 0, sizeof *c);
    c->id = db_col_int64(st, 0);
    snprintf(c->cpr, sizeof c->cpr, "%s", db_col_text(st, 1));
    c->first_name = col_text(a, st, 2);
    c->last_name = col_text(a, st, 3);
    c->address = col_text(a, st, 4);
    c->postcode = col_text(a, st, 5);
    c->city = col_text(a, st, 6);
    c->has_position = !db_col_null(st, 7);
    c->lat = db_col_double(st, 7);
    c->lon = db_col_double(st, 8);
    c->phone = col_text(a, st, 9);
    c->lives_alone = db_col_int(st, 10) != 0;
    c->team_id = db_col_int64(st, 11);
    c->team_name = col_text(a, st, 12);
    c->coordinator_id = db_col_int64(st, 13);
    c->coordinator_name = col_text(a, st, 14);
    c->what_matters = col_text(a, st, 15);
    c->rhythm.get_up = col_minute(st, 16);
    c->rhythm.breakfast = col_minute(st, 17);
    c->rhythm.lunch = col_minute(st, 18);
    c->rhythm.dinner = col_minute(st, 19);
    c->rhythm.bedtime = col_minute(st, 20);
    c->rhythm.note = col_text(a, st, 21);
    c->version = db_col_int64(st, 22);
    c->updated_at = col_text(a, st, 23);
}

/* True when q is a CPR search: 4–10 digits, optionally with the hyphen. */
static bool cpr_query(const char *q, char digits[11])
{
    size_t n = 0;
    for (const char *p = q; *p; p++) {
        if (isdigit((unsigned char)*p) && n < 10)
            digits[n++] = *p;
        else if (!(*p == '-' && n == 6))
            return false;
    }
    digits[n] = '\0';
    return n >= 4;
}

/* '%word%' for LIKE, with \\, % and _ in the word escaped; out has room for
 * twice the word and three bytes. Returns out. */
static const char *like_pattern(const char *word, char *out)
{
    char *o = out;
    *o++ = '%';
    for (const char *p = word; *p; p++) {
        if (*p == '%' || *p == '_' || *p == '\\')
            *o++ = '\\';
        *o++ = *p;
    }
    *o++ = '%';
    *o = '\0';
    return out;
}

enum store_rc store_citizen_search(struct store *s, struct arena *a, const char *query,
                                   long team_scope, int limit, struct citizen **out, int *n,
                                   bool *more)
{
    /* Words: every word must occur in search_text (up to three words). */
    static const char sql_text[] = "SELECT " CIT_COLS CIT_FROM_SCAN
                                   "WHERE (?1 = 0 OR c.team_id = ?1) AND instr(c.search_text, ?2)"
                                   " AND instr(c.search_text, ?3) AND instr(c.search_text, ?4) "
                                   "ORDER BY c.last_name, c.first_name, c.id LIMIT ?5";
    /* Words of three or more letters go through the trigram index; shorter
     * ones (a house number) are checked on the matching rows. */
    static const char sql_fts[] =
        "SELECT " CIT_COLS " FROM citizen c JOIN (SELECT rowid FROM citizen_fts WHERE "
        "citizen_fts MATCH ?6) f ON f.rowid = c.id" CIT_JOINS
        "WHERE (?1 = 0 OR c.team_id = ?1) AND instr(c.search_text, ?2) AND instr(c.search_text, "
        "?3) AND instr(c.search_text, ?4) ORDER BY c.last_name, c.first_name, c.id LIMIT ?5";
    /* PostgreSQL: every word as a LIKE pattern, which the trigram index
     * (pg_trgm, migration 005) serves for words of three or more letters. */
    static const char sql_pg[] =
        "SELECT " CIT_COLS CIT_FROM "WHERE (?1 = 0 OR c.team_id = ?1) AND c.search_text LIKE ?2 "
        "AND c.search_text LIKE ?3 AND c.search_text LIKE ?4 "
        "ORDER BY c.last_name, c.first_name, c.id LIMIT ?5";
    static const char sql_cpr[] =
        "SELECT " CIT_COLS CIT_FROM
        "WHERE (?1 = 0 OR c.team_id = ?1) AND c.cpr >= ?2 AND c.cpr < ?2 || 'a' "
        "ORDER BY c.last_name, c.first_name, c.id LIMIT ?3";
    char digits[11], folded[256];
    struct db_stmt *st;
    *n = 0;
    *more = false;
    *out = arena_alloc(a, sizeof **out * (size_t)(limit + 1));
    if (!*out)
        return STORE_ERROR;
    if (cpr_query(query, digits)) {
        if (!(st = store_stmt(s, sql_cpr)))
            return STORE_ERROR;
        db_bind_int64(st, 1, team_scope);
        db_bind_text(st, 2, digits);
        db_bind_int(st, 3, limit + 1);
    } else {
        text_fold(query, folded, sizeof folded);
        const char *words[3] = {"", "", ""};
        char match[600] = "";
        int w = 0;
        char *save = NULL;
        for (char *tok = strtok_r(folded, " \t,", &save); tok && w < 3;
             tok = strtok_r(NULL, " \t,", &save)) {
            words[w++] = tok;
            if (utf8_length(tok) < 3)
                continue;
            /* an FTS5 string: "…" with inner quotes doubled */
            size_t o = strlen(match);
            if (o)
                o += (size_t)snprintf(match + o, sizeof match - o, " AND ");
            match[o++] = '"';
            for (const char *p = tok; *p && o + 3 < sizeof match; p++) {
                if (*p == '"')
                    match[o++] = '"';
                match[o++] = *p;
            }
            match[o++] = '"';
            match[o] = '\0';
        }
        bool pg = db_dialect(s->db) == DB_POSTGRES;
        if (!(st = store_stmt(s, pg ? sql_pg : *match ? sql_fts : sql_text)))
            return STORE_ERROR;
        if (*match && !pg)
            db_bind_text(st, 6, match);
        db_bind_int64(st, 1, team_scope);
        /* instr(x, '') is 1 in SQLite and LIKE '%%' matches anything, so
         * unused words match everything */
        for (int i = 0; i < 3; i++) {
            char like[2 * sizeof folded + 3];
            db_bind_text(st, 2 + i, pg ? like_pattern(words[i], like) : words[i]);
        }
        db_bind_int(st, 5, limit + 1);
    }
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        if (*n == limit) {
            *more = true;
            break;
        }
        citizen_from_row(a, st, &(*out)[(*n)++]);
    }
    return db_done(st, rc);
}

enum store_rc store_citizen_team(struct store *s, long id, long *team_id)
{
    static const char sql[] = "SELECT team_id FROM citizen WHERE id = ?";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    db_bind_int64(st, 1, id);
    int rc = db_step(st);
    if (rc == DB_ROW)
        *team_id = db_col_int64(st, 0);
    return db_found(st, rc);
}

static enum store_rc relatives_load(struct store *s, struct arena *a, struct citizen *c)
{
    static const char sql[] = "SELECT id, citizen_id, name, relation, phone, email, consent, "
                              "is_network, note FROM relative WHERE citizen_id = ? ORDER BY "
                              "is_network, id LIMIT 64";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    c->relatives = arena_alloc(a, sizeof *c->relatives * 64);
    if (!c->relatives)
        return STORE_ERROR;
    db_bind_int64(st, 1, c->id);
    int rc;
    c->relative_count = 0;
    while ((rc = db_step(st)) == DB_ROW) {
        struct relative *r = &c->relatives[c->relative_count++];
        r->id = db_col_int64(st, 0);
        r->citizen_id = db_col_int64(st, 1);
        r->name = col_text(a, st, 2);
        r->relation = col_text(a, st, 3);
        r->phone = col_text(a, st, 4);
        r->email = col_text(a, st, 5);
        r->consent = db_col_int(st, 6) != 0;
        r->is_network = db_col_int(st, 7) != 0;
        r->note = col_text(a, st, 8);
    }
    return db_done(st, rc);
}

static enum store_rc contacts_load(struct store *s, struct arena *a, struct citizen *c)
{
    static const char sql[] = "SELECT u.id, u.full_name FROM citizen_contact cc JOIN \"user\" u ON "
                              "u.id = cc.user_id WHERE cc.citizen_id = ? ORDER BY u.full_name "
                              "LIMIT 8";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    db_bind_int64(st, 1, c->id);
    int rc;
    c->contact_count = 0;
    while ((rc = db_step(st)) == DB_ROW && c->contact_count < 8) {
        c->contact_ids[c->contact_count] = db_col_int64(st, 0);
        c->contact_names[c->contact_count] = col_text(a, st, 1);
        c->contact_count++;
    }
    return db_done(st, rc);
}

enum store_rc store_citizen_get(struct store *s, struct arena *a, long id, struct citizen *out)
{
    static const char sql[] = "SELECT " CIT_COLS CIT_FROM "WHERE c.id = ?";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    db_bind_int64(st, 1, id);
    int rc = db_step(st);
    if (rc == DB_ROW)
        citizen_from_row(a, st, out);
    enum store_rc r = db_found(st, rc);
    if (r != STORE_OK)
        return r;
    r = contacts_load(s, a, out);
    return r == STORE_OK ? relatives_load(s, a, out) : r;
}

/* Bind the citizen's columns 1..21 in the order of the INSERT/UPDATE below. */
static void bind_citizen(struct db_stmt *st, const struct citizen *c)
{
    char text[1024];
    char *search = text;
    int len = snprintf(text, sizeof text, "%s %s %s %s %s", c->first_name, c->last_name, c->address,
                       c->postcode, c->city);
    if (len >= (int)sizeof text)
        text[sizeof text - 1] = '\0';
    char folded[1024];
    text_fold(search, folded, sizeof folded);
    db_bind_text(st, 1, c->cpr);
    db_bind_text(st, 2, c->first_name);
    db_bind_text(st, 3, c->last_name);
    db_bind_text(st, 4, c->address);
    db_bind_text(st, 5, c->postcode);
    db_bind_text(st, 6, c->city);
    if (c->has_position) {
        db_bind_double(st, 7, c->lat);
        db_bind_double(st, 8, c->lon);
    }
    db_bind_text(st, 9, c->phone);
    db_bind_int(st, 10, c->lives_alone);
    db_bind_int64(st, 11, c->team_id);
    if (c->coordinator_id > 0)
        db_bind_int64(st, 12, c->coordinator_id);
    db_bind_text(st, 13, c->what_matters);
    bind_minute(st, 14, c->rhythm.get_up);
    bind_minute(st, 15, c->rhythm.breakfast);
    bind_minute(st, 16, c->rhythm.lunch);
    bind_minute(st, 17, c->rhythm.dinner);
    bind_minute(st, 18, c->rhythm.bedtime);
    db_bind_text(st, 19, c->rhythm.note);
    db_bind_text(st, 20, folded);
}

/* SQLite: put the citizen's search text into the FTS5 trigram table
 * (replacing any). PostgreSQL's trigram index follows the column itself. */
static enum store_rc search_index(struct store *s, long id)
{
    if (db_dialect(s->db) != DB_SQLITE)
        return STORE_OK;
    static const char del[] = "DELETE FROM citizen_fts WHERE rowid = ?";
    static const char ins[] = "INSERT INTO citizen_fts(rowid, search_text) SELECT id, "
                              "search_text FROM citizen WHERE id = ?";
    struct db_stmt *st = store_stmt(s, del);
    if (!st)
        return STORE_ERROR;
    db_bind_int64(st, 1, id);
    enum store_rc r = db_run(st);
    if (r != STORE_OK || !(st = store_stmt(s, ins)))
        return STORE_ERROR;
    db_bind_int64(st, 1, id);
    return db_run(st);
}

static enum store_rc contacts_save(struct store *s, const struct citizen *c, long id)
{
    static const char del[] = "DELETE FROM citizen_contact WHERE citizen_id = ?";
    static const char ins[] = "INSERT INTO citizen_contact (citizen_id, user_id) VALUES (?, ?) "
                              "ON CONFLICT DO NOTHING";
    struct db_stmt *st = store_stmt(s, del);
    if (!st)
        return STORE_ERROR;
    db_bind_int64(st, 1, id);
    enum store_rc r = db_run(st);
    for (int i = 0; r == STORE_OK && i < c->contact_count; i++) {
        if (!(st = store_stmt(s, ins)))
            return STORE_ERROR;
        db_bind_int64(st, 1, id);
        db_bind_int64(st, 2, c->contact_ids[i]);
        r = db_run(st);
    }
    return r;
}

enum store_rc store_citizen_create(struct store *s, const struct citizen *c, long *id)
{
    static const char sql[] =
        "INSERT INTO citizen (cpr, first_name, last_name, address, postcode, city, lat, lon, "
        "phone, lives_alone, team_id, coordinator_id, what_matters, get_up, breakfast, lunch, "
        "dinner, bedtime, rhythm_note, search_text) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,"
        "?,?) RETURNING id";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    bind_citizen(st, c);
    long new_id;
    enum store_rc r = db_insert(st, &new_id);
    if (r != STORE_OK)
        return r;
    if (id)
        *id = new_id;
    r = search_index(s, new_id);
    return r == STORE_OK ? contacts_save(s, c, new_id) : r;
}

enum store_rc store_citizen_update(struct store *s, const struct citizen *c)
{
    static const char sql[] =
        "UPDATE citizen SET cpr = ?1, first_name = ?2, last_name = ?3, address = ?4, "
        "postcode = ?5, city = ?6, lat = coalesce(?7, lat), lon = coalesce(?8, lon), phone = ?9,"
        " lives_alone = ?10, team_id = ?11, coordinator_id = ?12, what_matters = ?13, "
        "get_up = ?14, breakfast = ?15, lunch = ?16, dinner = ?17, bedtime = ?18, "
        "rhythm_note = ?19, search_text = ?20, version = version + 1, "
        "updated_at = ?23 WHERE id = ?21 AND version = ?22";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    bind_citizen(st, c);
    db_bind_int64(st, 21, c->id);
    db_bind_int64(st, 22, c->version);
    bind_now(st, 23);
    enum store_rc r = db_run(st);
    if (r != STORE_OK)
        return r;
    if (db_changes(s->db) == 0) {
        long team;
        r = store_citizen_team(s, c->id, &team);
        return r == STORE_OK ? STORE_CONFLICT : r;
    }
    r = search_index(s, c->id);
    return r == STORE_OK ? contacts_save(s, c, c->id) : r;
}

enum store_rc store_citizen_count(struct store *s, long *n)
{
    static const char sql[] = "SELECT count(*) FROM citizen";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    int rc = db_step(st);
    *n = rc == DB_ROW ? db_col_int64(st, 0) : 0;
    return db_done(st, rc);
}

/* --- relatives ------------------------------------------------------------ */

enum store_rc store_relative_get(struct store *s, struct arena *a, long id, struct relative *out)
{
    static const char sql[] = "SELECT id, citizen_id, name, relation, phone, email, consent, "
                              "is_network, note FROM relative WHERE id = ?";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    db_bind_int64(st, 1, id);
    int rc = db_step(st);
    if (rc == DB_ROW) {
        out->id = db_col_int64(st, 0);
        out->citizen_id = db_col_int64(st, 1);
        out->name = col_text(a, st, 2);
        out->relation = col_text(a, st, 3);
        out->phone = col_text(a, st, 4);
        out->email = col_text(a, st, 5);
        out->consent = db_col_int(st, 6) != 0;
        out->is_network = db_col_int(st, 7) != 0;
        out->note = col_text(a, st, 8);
    }
    return db_found(st, rc);
}

static void bind_relative(struct db_stmt *st, const struct relative *r)
{
    db_bind_int64(st, 1, r->citizen_id);
    db_bind_text(st, 2, r->name);
    db_bind_text(st, 3, r->relation);
    db_bind_text(st, 4, r->phone);
    db_bind_text(st, 5, r->email);
    db_bind_int(st, 6, r->consent);
    db_bind_int(st, 7, r->is_network);
    db_bind_text(st, 8, r->note);
}

enum store_rc store_relative_add(struct store *s, const struct relative *r, long *id)
{
    static const char sql[] = "INSERT INTO relative (citizen_id, name, relation, phone, email, "
                              "consent, is_network, note) VALUES (?,?,?,?,?,?,?,?) RETURNING id";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    bind_relative(st, r);
    return db_insert(st, id);
}

enum store_rc store_relative_update(struct store *s, const struct relative *r)
{
    static const char sql[] = "UPDATE relative SET name = ?2, relation = ?3, phone = ?4, "
                              "email = ?5, consent = ?6, is_network = ?7, note = ?8 WHERE "
                              "citizen_id = ?1 AND id = ?9";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    bind_relative(st, r);
    db_bind_int64(st, 9, r->id);
    return db_run_changed(st, STORE_NOT_FOUND);
}

enum store_rc store_relative_delete(struct store *s, long citizen_id, long id)
{
    static const char sql[] = "DELETE FROM relative WHERE citizen_id = ? AND id = ?";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    db_bind_int64(st, 1, citizen_id);
    db_bind_int64(st, 2, id);
    return db_run_changed(st, STORE_NOT_FOUND);
}

/* --- audit ---------------------------------------------------------------- */

enum store_rc store_audit_add(struct store *s, const struct actor *who, const char *action,
                              long citizen_id, const char *detail)
{
    static const char sql[] = "INSERT INTO audit (user_id, username, role, action, citizen_id, "
                              "detail) VALUES (?, ?, ?, ?, ?, ?)";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    if (who && who->user_id > 0)
        db_bind_int64(st, 1, who->user_id);
    db_bind_text(st, 2, who ? who->username : "system");
    db_bind_text(st, 3, who && role_code(who->role) ? role_code(who->role) : "system");
    db_bind_text(st, 4, action);
    if (citizen_id > 0)
        db_bind_int64(st, 5, citizen_id);
    db_bind_text(st, 6, detail);
    return db_run(st);
}

enum store_rc store_audit_for_citizen(struct store *s, struct arena *a, long citizen_id, int limit,
                                      struct audit_entry **out, int *n)
{
    static const char sql[] = "SELECT a.id, a.at, coalesce(a.user_id, 0), a.username, "
                              "coalesce(u.full_name, a.username), a.role, a.action, "
                              "a.citizen_id, a.detail FROM audit a LEFT JOIN \"user\" u ON u.id = "
                              "a.user_id WHERE a.citizen_id = ? ORDER BY a.id DESC LIMIT ?";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    *n = 0;
    *out = arena_alloc(a, sizeof **out * (size_t)(limit + 1));
    if (!*out)
        return STORE_ERROR;
    db_bind_int64(st, 1, citizen_id);
    db_bind_int(st, 2, limit);
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct audit_entry *e = &(*out)[(*n)++];
        e->id = db_col_int64(st, 0);
        e->at = col_text(a, st, 1);
        e->user_id = db_col_int64(st, 2);
        e->username = col_text(a, st, 3);
        e->full_name = col_text(a, st, 4);
        e->role = col_text(a, st, 5);
        e->action = col_text(a, st, 6);
        e->citizen_id = db_col_int64(st, 7);
        e->detail = col_text(a, st, 8);
    }
    return db_done(st, rc);
}
