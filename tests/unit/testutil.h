/* testutil.h — shared set-up for unit tests: a fresh migrated database in a
 * temporary file, with two teams and a few users. */
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

#include "store/store.h"

struct fixture {
    char path[64];
    struct store *s;
    struct arena a;
    long team_nord, team_syd;
    long carer_nord, visitator;
};

static inline struct store *test_store_open(char path[64])
{
    const char *err;
    snprintf(path, 64, "/tmp/omsorg-unit-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    unlink(path);
    struct store *s = store_open(path, &err);
    assert_non_null(s);
    int applied;
    assert_int_equal(store_migrate(s, &applied), STORE_OK);
    return s;
}

static inline void test_store_remove(struct store *s, const char *path)
{
    char side[128];
    store_close(s);
    unlink(path);
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
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

/* A citizen in team nord with a grant of a daily bath, and its visit planned
 * today for the team's care worker. */
static inline void test_visit_today(struct fixture *f, long *citizen, struct plan_visit *v)
{
    struct citizen c = test_citizen("0102451234", f->team_nord);
    assert_int_equal(store_citizen_create(f->s, &c, citizen), STORE_OK);
    struct grant g = {.citizen_id = *citizen,
                      .kind = GRANT_SERVICES,
                      .requested = "",
                      .reason = "",
                      .goals = "",
                      .start = date_today(),
                      .follow_up = date_add_days(date_today(), 30)};
    g.services[g.service_count++] = (struct grant_service){.code = "H1.1",
                                                           .label = "Bad",
                                                           .weekdays = 127,
                                                           .anchor = ANCHOR_GET_UP,
                                                           .at = MINUTE_NONE,
                                                           .flex = 30,
                                                           .duration = 30,
                                                           .skill = "personlig-pleje",
                                                           .carers = 1};
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
