/* demo-rig.h — a small demo municipality in a temporary database, made by
 * the same code as `omsorg demo`, for tests that need real teams, staff,
 * citizens, grants and a planned day. */
#ifndef OMSORG_DEMO_RIG_H
#define OMSORG_DEMO_RIG_H

#include "testutil.h"

#include <getopt.h>

#include "cli/cli.h"

/* Make the demo in a new temporary file (path gets its name) and open it. */
static inline struct store *demo_rig_open(char path[64], int citizens, int plan_days)
{
    snprintf(path, 64, "/tmp/omsorg-demo-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    char n[16], d[16];
    snprintf(n, sizeof n, "%d", citizens);
    snprintf(d, sizeof d, "%d", plan_days);
    char *argv[] = {"demo", "--db",   path, "--citizens", n,   "--plan-days",
                    d,      "--seed", "3",  "--force",    NULL};
    setenv("OMSORG_SHARE", OMSORG_SHARE_DIR, 1); /* the FSIII code system */
    optind = 1;
    assert_int_equal(cmd_demo(10, argv), 0);
    const char *err;
    struct store *s = store_open(path, &err);
    assert_non_null(s);
    return s;
}

/* The actor of a demo log-in ("planlaegger", "sosu-nord", …). */
static inline struct actor demo_actor(struct store *s, struct arena *a, const char *username)
{
    struct user u;
    const char *hash;
    assert_int_equal(store_user_by_username(s, a, username, &u, &hash), STORE_OK);
    return (struct actor){u.id, u.username, u.full_name, u.role, u.team_id};
}

#endif
