/* visitation-test.h — running use cases against a fresh store: the usual fixture
 * (teams nord and syd, a carer in nord, a visitator) with the FSIII code
 * system imported, a carer in syd, a manager, and one citizen in each team;
 * helpers to read the audit log and to check that no transaction was left
 * open. Tests run from the repository root (share/ is read). */
#ifndef OMSORG_VISITATION_TEST_H
#define OMSORG_VISITATION_TEST_H

#include "testutil.h"

#include "app/app.h"
#include "core/fsiii.h"

enum { NORD, SYD };

struct apptest {
    struct fixture f;
    long version_id; /* the imported FSIII version; 0 without it */
    long citizen[2]; /* one in nord, one in syd */
    struct actor visitator, carer, carer_syd, manager;
};

static inline struct actor apptest_user(struct fixture *f, const char *username, enum role role,
                                        long team, long *id)
{
    struct user u = {.username = username,
                     .full_name = username,
                     .role = role,
                     .team_id = team,
                     .active = true,
                     .email = "",
                     .phone = ""};
    long made = id ? *id : 0;
    if (!made)
        assert_int_equal(store_user_create(f->s, &u, "x", &made), STORE_OK);
    if (id)
        *id = made;
    return (struct actor){made, username, username, role, team};
}

static inline int apptest_setup_with(void **state, bool fsiii)
{
    struct fixture *base;
    if (fixture_setup((void **)&base))
        return -1;
    struct apptest *t = calloc(1, sizeof *t);
    t->f = *base;
    free(base);
    struct fixture *f = &t->f;
    if (fsiii) {
        struct fsiii_codesystem cs;
        char err[600];
        bool added;
        assert_true(
            fsiii_parse_file("share/fsiii/CodeSystem-FSIII.json", &f->a, &cs, err, sizeof err));
        assert_int_equal(store_fsiii_import(f->s, &cs, &t->version_id, &added), STORE_OK);
    }
    t->visitator = apptest_user(f, "vis", ROLE_VISITATOR, 0, &f->visitator);
    t->carer = apptest_user(f, "sosu", ROLE_CARER, f->team_nord, &f->carer_nord);
    t->carer_syd = apptest_user(f, "sosu-syd", ROLE_CARER, f->team_syd, NULL);
    t->manager = apptest_user(f, "leder", ROLE_MANAGER, 0, NULL);
    struct citizen c = test_citizen("0102451234", f->team_nord);
    assert_int_equal(store_citizen_create(f->s, &c, &t->citizen[NORD]), STORE_OK);
    c = test_citizen("0203461234", f->team_syd);
    assert_int_equal(store_citizen_create(f->s, &c, &t->citizen[SYD]), STORE_OK);
    *state = t;
    return 0;
}

static inline int apptest_setup(void **state)
{
    return apptest_setup_with(state, true);
}

static inline int apptest_teardown(void **state)
{
    struct apptest *t = *state;
    arena_release(&t->f.a);
    test_store_remove(t->f.s, t->f.path);
    free(t);
    return 0;
}

/* A use-case context for who, on the test's store and arena. */
static inline struct app apptest_app(struct apptest *t, const struct actor *who)
{
    struct app a;
    app_init(&a, who, t->f.s, &t->f.a);
    return a;
}

/* How many audit rows the citizen has. */
static inline int audit_count(struct apptest *t, long citizen_id)
{
    struct audit_entry *e;
    int n;
    assert_int_equal(store_audit_for_citizen(t->f.s, &t->f.a, citizen_id, 1000, &e, &n), STORE_OK);
    return n;
}

/* Assert that the citizen's newest audit row is action/detail by who. */
static inline void assert_audit(struct apptest *t, long citizen_id, const struct actor *who,
                                const char *action, const char *detail)
{
    struct audit_entry *e;
    int n;
    assert_int_equal(store_audit_for_citizen(t->f.s, &t->f.a, citizen_id, 1, &e, &n), STORE_OK);
    assert_int_equal(n, 1);
    assert_int_equal(e[0].user_id, who->user_id);
    assert_string_equal(e[0].action, action);
    assert_string_equal(e[0].detail, detail);
}

/* A use case never leaves its transaction open: a new one can begin. */
static inline void assert_no_transaction(struct store *s)
{
    assert_int_equal(store_begin(s), STORE_OK);
    store_rollback(s);
}

#endif
