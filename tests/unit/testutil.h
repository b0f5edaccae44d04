/* testutil.h — shared set-up for unit tests: a fresh migrated database (a
 * temporary SQLite file, or the PostgreSQL database named by OMSORG_TEST_PG),
 * with two teams and a few users. */
#ifndef OMSORG_TESTUTIL_H
#define OMSORG_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "store/db.h"
#include "store/store.h"

/* Room for a database target: a file path or a PostgreSQL URL. */
#define TEST_TARGET_MAX 512

struct fixture {
    char path[TEST_TARGET_MAX]; /* the database's target */
    struct store *s;
    struct arena a;
    long team_nord, team_syd;
    long carer_nord, visitator;
};

/* A fresh, empty database for one test: a new temporary SQLite file, or,
 * when OMSORG_TEST_PG names a PostgreSQL database (scripts/with-postgres.sh
 * sets it), that database with its public schema emptied. */
static inline void test_target(char target[TEST_TARGET_MAX])
{
    const char *pg = getenv("OMSORG_TEST_PG");
    if (pg && *pg) {
        const char *err;
        snprintf(target, TEST_TARGET_MAX, "%s", pg);
        struct db *db = db_open(target, &err);
        assert_non_null(db);
        assert_int_equal(db_exec(db, "DROP SCHEMA public CASCADE; CREATE SCHEMA public"), STORE_OK);
        db_close(db);
        return;
    }
    snprintf(target, TEST_TARGET_MAX, "/tmp/omsorg-unit-XXXXXX");
    int fd = mkstemp(target);
    assert_true(fd >= 0);
    close(fd);
    unlink(target);
}

/* Remove what test_target() made (a file and its WAL; nothing in PostgreSQL). */
static inline void test_target_remove(const char *target)
{
    char side[2 * TEST_TARGET_MAX];
    if (db_target_is_postgres(target))
        return;
    unlink(target);
    snprintf(side, sizeof side, "%s-wal", target);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", target);
    unlink(side);
}

/* True when the tests run against PostgreSQL. */
static inline bool test_on_postgres(void)
{
    const char *pg = getenv("OMSORG_TEST_PG");
    return pg && *pg;
}

static inline struct store *test_store_open(char path[TEST_TARGET_MAX])
{
    const char *err;
    test_target(path);
    struct store *s = store_open(path, &err);
    assert_non_null(s);
    int applied;
    assert_int_equal(store_migrate(s, &applied), STORE_OK);
    return s;
}

static inline void test_store_remove(struct store *s, const char *path)
{
    store_close(s);
    test_target_remove(path);
}

/* On a second connection to the database at target, sql must fail (the
 * schema's own rules, e.g. an append-only table's triggers). */
static inline void assert_db_refuses(const char *target, const char *sql)
{
    const char *err;
    struct db *db = db_open(target, &err);
    assert_non_null(db);
    assert_int_not_equal(db_exec(db, sql), STORE_OK);
    db_close(db);
}

/* A valid citizen in the given team; cpr must be ten digits. */
static inline struct citizen test_citizen(const char *cpr, long team)
{
    struct citizen c = {0};
    snprintf(c.cpr, sizeof c.cpr, "%s", cpr);
    c.first_name = "Inger";
    c.last_name = "Østergaard";
    c.address = "Herlev Bygade 1";
    c.postcode = "2730";
    c.city = "Herlev";
    c.phone = "44 52 70 00";
    c.team_id = team;
    c.what_matters = "At jeg kan blive boende.";
    c.rhythm = (struct rhythm){510, 540, 720, 1080, 1320, ""};
    return c;
}

/* A complete grant of itemised services for citizen_id from today: a
 * half-hour bath every day when the citizen gets up, followed up in 30 days.
 * Store it with store_grant_create() or a use case. */
static inline struct grant test_grant(long citizen_id)
{
    struct grant g = {.citizen_id = citizen_id,
                      .kind = GRANT_SERVICES,
                      .requested = "Hjælp til bad om morgenen.",
                      .reason = "Du kan ikke selv komme sikkert i bad.",
                      .goals = "",
                      .start = date_today(),
                      .follow_up = date_add_days(date_today(), 30),
                      .service_count = 1};
    g.services[0] = (struct grant_service){.code = "H1.1",
                                           .label = "Hjælp til bad",
                                           .weekdays = 127,
                                           .anchor = ANCHOR_GET_UP,
                                           .at = MINUTE_NONE,
                                           .flex = 30,
                                           .duration = 30,
                                           .skill = "personlig-pleje",
                                           .carers = 1};
    return g;
}

/* A citizen in team nord with test_grant(), and its visit planned today for
 * the team's care worker. */
static inline void test_visit_today(struct fixture *f, long *citizen, struct plan_visit *v)
{
    struct citizen c = test_citizen("0102451234", f->team_nord);
    assert_int_equal(store_citizen_create(f->s, &c, citizen), STORE_OK);
    struct grant g = test_grant(*citizen);
    long gid;
    assert_int_equal(store_grant_create(f->s, &g, f->visitator, &gid), STORE_OK);
    struct grant got;
    assert_int_equal(store_grant_get(f->s, &f->a, gid, &got), STORE_OK);
    struct plan_visit p = {.service_id = got.services[0].id,
                           .citizen_id = *citizen,
                           .window_start = 480,
                           .window_end = 540,
                           .duration = 30,
                           .skill = "personlig-pleje",
                           .carers = 1,
                           .carer_ids = {f->carer_nord, 0},
                           .start = 500,
                           .reason = ""};
    assert_int_equal(store_plan_save(f->s, date_today(), f->team_nord, &p, 1), STORE_OK);
    struct plan_visit *day;
    int n;
    assert_int_equal(store_plan_day(f->s, &f->a, date_today(), f->team_nord, 0, &day, &n),
                     STORE_OK);
    assert_int_equal(n, 1);
    *v = day[0];
}

static inline int fixture_setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    f->s = test_store_open(f->path);
    struct team nord = {.slug = "nord", .name = "Team Nord", .office_address = ""};
    struct team syd = {.slug = "syd", .name = "Team Syd", .office_address = ""};
    assert_int_equal(store_team_create(f->s, &nord, &f->team_nord), STORE_OK);
    assert_int_equal(store_team_create(f->s, &syd, &f->team_syd), STORE_OK);
    struct user u = {.username = "sosu", .full_name = "Sofie", .role = ROLE_CARER,
                     .team_id = f->team_nord, .active = true, .email = "", .phone = ""};
    assert_int_equal(store_user_create(f->s, &u, "x", &f->carer_nord), STORE_OK);
    struct user v = {.username = "vis", .full_name = "Vivi", .role = ROLE_VISITATOR,
                     .active = true, .email = "", .phone = ""};
    assert_int_equal(store_user_create(f->s, &v, "x", &f->visitator), STORE_OK);
    *state = f;
    return 0;
}

static inline int fixture_teardown(void **state)
{
    struct fixture *f = *state;
    arena_release(&f->a);
    test_store_remove(f->s, f->path);
    free(f);
    return 0;
}

#endif
