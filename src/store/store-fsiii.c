/*
 * store-fsiii.c — the FSIII code system: importing a
 * version (one transaction, idempotent), the current version and its
 * concepts.
 */
#include "store/store-int.h"

#include <string.h>

#include "lib/log.h"

#define VERSION_COLS "id, url, version, name, imported_at, concept_count"

/* Fill a version from a row of VERSION_COLS; strings in a. */
static void version_from_row(struct arena *a, struct db_stmt *st, struct fsiii_version *v)
{
    v->id = db_col_int64(st, 0);
    v->url = col_text(a, st, 1);
    v->version = col_text(a, st, 2);
    v->name = col_text(a, st, 3);
    v->imported_at = col_text(a, st, 4);
    v->concept_count = db_col_int(st, 5);
}

/* Look up an imported version by url and version: its id and concept
 * count, STORE_NOT_FOUND when it is not there. */
static enum store_rc version_find(struct store *s, const char *url, const char *version, long *id,
                                  int *count)
{
    static const char sql[] = "SELECT id, concept_count FROM fsiii_version WHERE url = ? AND "
                              "version = ?";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    db_bind_text(st, 1, url);
    db_bind_text(st, 2, version);
    int rc = db_step(st);
    if (rc == DB_ROW) {
        *id = db_col_int64(st, 0);
        *count = db_col_int(st, 1);
    }
    return db_found(st, rc);
}

/* Insert the version row and every concept; the caller holds the
 * transaction. */
static enum store_rc import_rows(struct store *s, const struct fsiii_codesystem *cs, long *id)
{
    static const char ins_version[] = "INSERT INTO fsiii_version (url, version, name, "
                                      "concept_count) VALUES (?, ?, ?, ?) RETURNING id";
    static const char ins_concept[] =
        "INSERT INTO fsiii_concept (version_id, code, display, parent_code, top_group, depth, "
        "definition, ordinal) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    struct db_stmt *st = store_stmt(s, ins_version);
    if (!st)
        return STORE_ERROR;
    db_bind_text(st, 1, cs->url);
    db_bind_text(st, 2, cs->version);
    db_bind_text(st, 3, cs->name);
    db_bind_int(st, 4, cs->count);
    enum store_rc r = db_insert(st, id);
    if (r != STORE_OK)
        return r;
    for (int i = 0; i < cs->count && r == STORE_OK; i++) {
        const struct fsiii_concept *c = &cs->concepts[i];
        if (!(st = store_stmt(s, ins_concept)))
            return STORE_ERROR;
        db_bind_int64(st, 1, *id);
        db_bind_text(st, 2, c->code);
        db_bind_text(st, 3, c->display);
        if (c->parent)
            db_bind_text(st, 4, c->parent);
        db_bind_text(st, 5, c->top_group);
        db_bind_int(st, 6, c->depth);
        db_bind_text(st, 7, c->definition);
        db_bind_int(st, 8, c->ordinal);
        r = db_run(st);
    }
    return r;
}

/* Import a parsed version in its own transaction (see store.h); copies
 * everything it stores, owns nothing afterwards. */
enum store_rc store_fsiii_import(struct store *s, const struct fsiii_codesystem *cs,
                                 long *version_id, bool *added)
{
    long id = 0;
    int count = 0;
    *added = false;
    enum store_rc r = store_begin(s);
    if (r != STORE_OK)
        return r;
    r = version_find(s, cs->url, cs->version, &id, &count);
    if (r == STORE_OK) {
        /* Already imported: a no-op, unless the same version now says otherwise. */
        store_rollback(s);
        if (version_id)
            *version_id = id;
        return count == cs->count ? STORE_OK : STORE_CONFLICT;
    }
    if (r == STORE_NOT_FOUND)
        r = import_rows(s, cs, &id);
    if (r == STORE_OK)
        r = store_commit(s);
    if (r != STORE_OK) {
        store_rollback(s);
        log_error("store: FSIII import of version %s failed", cs->version);
        return r == STORE_CONFLICT ? STORE_ERROR : r;
    }
    *added = true;
    if (version_id)
        *version_id = id;
    return STORE_OK;
}

/* The current (highest) version; strings in a. */
enum store_rc store_fsiii_current(struct store *s, struct arena *a, struct fsiii_version *out)
{
    static const char sql[] = "SELECT " VERSION_COLS " FROM fsiii_version ORDER BY version DESC, "
                              "id DESC LIMIT 1";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    int rc = db_step(st);
    if (rc == DB_ROW)
        version_from_row(a, st, out);
    return db_found(st, rc);
}

/* Every imported version, newest first; array and strings in a. */
enum store_rc store_fsiii_versions(struct store *s, struct arena *a, struct fsiii_version **out,
                                   int *n)
{
    static const char sql[] = "SELECT " VERSION_COLS " FROM fsiii_version ORDER BY version DESC, "
                              "id DESC LIMIT 64";
    struct db_stmt *st = store_stmt(s, sql);
    *n = 0;
    if (!st || !(*out = arena_alloc(a, sizeof **out * 64)))
        return STORE_ERROR;
    int rc;
    while ((rc = db_step(st)) == DB_ROW)
        version_from_row(a, st, &(*out)[(*n)++]);
    return db_done(st, rc);
}

/* A version's concepts (one group or all) in tree order; array and
 * strings in a. */
enum store_rc store_fsiii_concepts(struct store *s, struct arena *a, long version_id,
                                   const char *group, struct fsiii_concept **out, int *n)
{
    static const char sql_count[] = "SELECT count(*) FROM fsiii_concept WHERE version_id = ?1 "
                                    "AND (?2 = '' OR top_group = ?2)";
    static const char sql[] = "SELECT code, display, parent_code, top_group, depth, definition, "
                              "ordinal FROM fsiii_concept WHERE version_id = ?1 AND (?2 = '' OR "
                              "top_group = ?2) ORDER BY ordinal";
    struct db_stmt *st = store_stmt(s, sql_count);
    *n = 0;
    *out = NULL;
    if (!st)
        return STORE_ERROR;
    db_bind_int64(st, 1, version_id);
    db_bind_text(st, 2, group);
    int rc = db_step(st);
    int total = rc == DB_ROW ? db_col_int(st, 0) : 0;
    enum store_rc r = db_done(st, rc);
    if (r != STORE_OK)
        return r;
    if (!(*out = arena_alloc(a, sizeof **out * (size_t)(total + 1))))
        return STORE_ERROR;
    if (!(st = store_stmt(s, sql)))
        return STORE_ERROR;
    db_bind_int64(st, 1, version_id);
    db_bind_text(st, 2, group);
    while ((rc = db_step(st)) == DB_ROW && *n < total) {
        struct fsiii_concept *c = &(*out)[(*n)++];
        c->code = col_text(a, st, 0);
        c->display = col_text(a, st, 1);
        c->parent = db_col_null(st, 2) ? NULL : col_text(a, st, 2);
        c->top_group = col_text(a, st, 3);
        c->depth = db_col_int(st, 4);
        c->definition = col_text(a, st, 5);
        c->ordinal = db_col_int(st, 6);
    }
    return db_done(st, rc);
}
