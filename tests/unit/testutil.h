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
