/* app-test.h — set-up for the use-case tests: the fixture's two teams with
 * a member of staff per role, a fresh use-case context per call, and looks
 * at the audit log and the database as a second connection sees them. */
#ifndef OMSORG_APP_TEST_H
#define OMSORG_APP_TEST_H

#include "testutil.h"

#include <sqlite3.h>

#include "app/app.h"

struct rig {
    struct fixture *f;
    struct actor carer, carer_syd, nurse, nurse_syd, planner, visitator, admin, manager;
    struct app app; /* the context of the latest call (see as()) */
};

/* Add a user and return it as an actor. */
static inline struct actor rig_user(struct rig *g, const char *username, enum role role, long team)
{
    struct user u = {.username = username,
                     .full_name = username,
                     .role = role,
                     .team_id = team,
                     .active = true,
                     .email = "",
                     .phone = ""};
    long id;
    assert_int_equal(store_user_create(g->f->s, &u, "x", &id), STORE_OK);
    return (struct actor){id, username, username, role, team};
}

static inline int rig_setup(void **state)
{
    struct rig *g = calloc(1, sizeof *g);
    void *f;
    fixture_setup(&f);
    g->f = f;
    long nord = g->f->team_nord, syd = g->f->team_syd;
    g->carer = (struct actor){g->f->carer_nord, "sosu", "Sofie", ROLE_CARER, nord};
    g->visitator = (struct actor){g->f->visitator, "vis", "Vivi", ROLE_VISITATOR, 0};
    g->carer_syd = rig_user(g, "sosu-syd", ROLE_CARER, syd);
    g->nurse = rig_user(g, "sygeplejerske", ROLE_NURSE, nord);
    g->nurse_syd = rig_user(g, "sygeplejerske-syd", ROLE_NURSE, syd);
    g->planner = rig_user(g, "planlaegger", ROLE_PLANNER, 0);
    g->admin = rig_user(g, "admin", ROLE_ADMIN, 0);
    g->manager = rig_user(g, "leder", ROLE_MANAGER, 0);
    *state = g;
    return 0;
}

static inline int rig_teardown(void **state)
{
    struct rig *g = *state;
    void *f = g->f;
    free(g);
    return fixture_teardown(&f);
}

/* A fresh context for one use case by who (errors of the last call gone). */
static inline struct app *as(struct rig *g, const struct actor *who)
{
    app_init(&g->app, who, g->f->s, &g->f->a);
    return &g->app;
}

/* A number from SQL on a second connection (what is really stored). */
static inline long sql_long(struct rig *g, const char *sql)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    long n = -1;
    assert_int_equal(sqlite3_open(g->f->path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    if (sqlite3_step(st) == SQLITE_ROW)
        n = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

static inline void sql_exec(struct rig *g, const char *sql)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(g->f->path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

/* How many audit rows of a citizen have this action and detail. */
static inline int audit_count(struct rig *g, long citizen, const char *action, const char *detail)
{
    struct audit_entry *log;
    int n, hits = 0;
    assert_int_equal(store_audit_for_citizen(g->f->s, &g->f->a, citizen, 1000, &log, &n), STORE_OK);
    for (int i = 0; i < n; i++)
        hits += !strcmp(log[i].action, action) && (!detail || !strcmp(log[i].detail, detail));
    return hits;
}

/* Make the audit row with this detail fail, as a full disk would: the
 * write before it in the same transaction must not stay. */
static inline void audit_fails_for(struct rig *g, const char *detail)
{
    char sql[256];
    snprintf(sql, sizeof sql,
             "CREATE TRIGGER test_audit_fails BEFORE INSERT ON audit WHEN NEW.detail = '%s' "
             "BEGIN SELECT RAISE(ABORT, 'test'); END",
             detail);
    sql_exec(g, sql);
}

#endif
