/* Unit tests for src/app/session.c: log-in with a right and a wrong
 * password, an unknown and a deactivated user, throttling per user, the
 * session found by its token, and log-out ending it. */
#include "app-test.h"

#include "app/session.h"
#include "core/auth.h"

/* A user with a real password hash. */
static long user_with_password(struct rig *g, const char *name, const char *password, bool active)
{
    char hash[AUTH_HASH_MAX];
    assert_true(auth_password_hash(password, hash));
    struct user u = {.username = name,
                     .full_name = name,
                     .role = ROLE_CARER,
                     .team_id = g->f->team_nord,
                     .active = active,
                     .email = "",
                     .phone = ""};
    long id;
    assert_int_equal(store_user_create(g->f->s, &u, hash, &id), STORE_OK);
    return id;
}

static void login_and_session(void **state)
{
    struct rig *g = *state;
    long id = user_with_password(g, "bente", "en lang adgangskode", true);
    user_with_password(g, "stoppet", "en lang adgangskode", false);
    struct session_new s;
    assert_int_equal(app_login(as(g, NULL), "bente", "forkert", "10.0.0.1", &s),
                     APP_UNAUTHENTICATED);
    assert_string_equal(g->app.code, "unauthenticated");
    assert_int_equal(app_login(as(g, NULL), "ukendt", "en lang adgangskode", "10.0.0.1", &s),
                     APP_UNAUTHENTICATED);
    assert_int_equal(app_login(as(g, NULL), "stoppet", "en lang adgangskode", "10.0.0.1", &s),
                     APP_UNAUTHENTICATED);
    assert_int_equal(app_login(as(g, NULL), "bente", "en lang adgangskode", "10.0.0.1", &s),
                     APP_OK);
    assert_int_equal(s.actor.user_id, id);
    assert_int_equal(s.actor.role, ROLE_CARER);

    /* the cookie's token finds the session; its digest is what is stored */
    struct actor who;
    const char *csrf, *digest;
    assert_int_equal(app_session(as(g, NULL), s.token, &who, &csrf, &digest), APP_OK);
    assert_int_equal(who.user_id, id);
    assert_string_equal(csrf, s.csrf);
    assert_string_equal(digest, s.digest);
    assert_string_not_equal(s.token, s.digest);
    assert_int_equal(sql_long(g, "SELECT count(*) FROM session"), 1);
    assert_int_equal(app_session(as(g, NULL), "kort", &who, &csrf, &digest), APP_UNAUTHENTICATED);

    assert_int_equal(app_logout(as(g, NULL), s.digest), APP_OK);
    assert_int_equal(app_session(as(g, NULL), s.token, &who, &csrf, &digest), APP_UNAUTHENTICATED);
}

static void throttled_after_five_failures(void **state)
{
    struct rig *g = *state;
    user_with_password(g, "karl", "en lang adgangskode", true);
    struct session_new s;
    for (int i = 0; i < 5; i++)
        assert_int_equal(app_login(as(g, NULL), "karl", "forkert", "10.0.0.2", &s),
                         APP_UNAUTHENTICATED);
    /* even the right password waits now */
    assert_int_equal(app_login(as(g, NULL), "karl", "en lang adgangskode", "10.0.0.3", &s),
                     APP_THROTTLED);
    assert_string_equal(g->app.code, "throttled");
    assert_non_null(strstr(g->app.message, "15 minutter"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(login_and_session, rig_setup, rig_teardown),
        cmocka_unit_test_setup_teardown(throttled_after_five_failures, rig_setup, rig_teardown),
    };
    return cmocka_run_group_tests_name("app/session", tests, NULL, NULL);
}
