/* session.c — staff log-in, sessions and log-out; see session.h. */
#include "app/session.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "lib/log.h"

#define THROTTLE_WINDOW      900 /* seconds */
#define THROTTLE_PER_USER    5
#define THROTTLE_PER_ADDRESS 30

static const char *dummy_hash;
static char dummy_hash_buf[AUTH_HASH_MAX];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void dummy_init(void)
{
    if (auth_password_hash("omsorg-dummy-password", dummy_hash_buf))
        dummy_hash = dummy_hash_buf;
}

static enum app_rc wrong(struct app *a)
{
    return app_fail(a, APP_UNAUTHENTICATED, "unauthenticated",
                    "Forkert brugernavn eller adgangskode.");
}

enum app_rc app_login(struct app *a, const char *username, const char *password, const char *client,
                      struct session_new *out)
{
    char ukey[80], akey[80];
    int ufail = 0, afail = 0;
    if (!username || !password || strlen(username) > 64 || strlen(password) > 256)
        return wrong(a);
    snprintf(ukey, sizeof ukey, "u:%s", username);
    snprintf(akey, sizeof akey, "a:%s", client ? client : "?");
    enum store_rc src = store_login_failures(a->db, ukey, a->now - THROTTLE_WINDOW, &ufail);
    if (src == STORE_OK)
        src = store_login_failures(a->db, akey, a->now - THROTTLE_WINDOW, &afail);
    if (src != STORE_OK)
        return app_store_fail(a, src);
    if (ufail >= THROTTLE_PER_USER || afail >= THROTTLE_PER_ADDRESS) {
        log_info("login: throttled user_key=%s", ufail >= THROTTLE_PER_USER ? "yes" : "no");
        return app_fail(a, APP_THROTTLED, "throttled",
                        "For mange mislykkede forsøg. Vent 15 minutter, og prøv igen.");
    }
    struct user u;
    const char *hash = NULL;
    bool ok;
    if (store_user_by_username(a->db, a->arena, username, &u, &hash) == STORE_OK) {
        ok = auth_password_verify(hash, password) && u.active;
    } else {
        /* Spend the same time on unknown users as on known ones. */
        pthread_once(&dummy_once, dummy_init);
        auth_password_verify(dummy_hash, password);
        ok = false;
    }
    if (!ok) {
        store_login_failure_add(a->db, ukey, a->now);
        store_login_failure_add(a->db, akey, a->now);
        log_info("login: failed");
        return wrong(a);
    }
    auth_token_new(out->token);
    auth_token_new(out->csrf);
    auth_token_digest(out->token, out->digest);
    src =
        store_session_create(a->db, out->digest, u.id, out->csrf, a->now, a->now + SESSION_SECONDS);
    if (src != STORE_OK)
        return app_store_fail(a, src);
    store_login_failures_clear(a->db, ukey);
    out->actor = (struct actor){u.id, u.username, u.full_name, u.role, u.team_id};
    log_info("login: user_id=%ld", u.id);
    return APP_OK;
}

enum app_rc app_session(struct app *a, const char *token, struct actor *who, const char **csrf,
                        const char **digest)
{
    char d[AUTH_DIGEST_HEX + 1];
    if (!token || strlen(token) != AUTH_TOKEN_LEN)
        return app_fail(a, APP_UNAUTHENTICATED, "unauthenticated", "Du skal logge ind.");
    auth_token_digest(token, d);
    enum store_rc src = store_session_get(a->db, a->arena, d, a->now, who, csrf);
    if (src == STORE_NOT_FOUND)
        return app_fail(a, APP_UNAUTHENTICATED, "unauthenticated", "Du skal logge ind.");
    if (src != STORE_OK)
        return app_store_fail(a, src);
    *digest = arena_strdup(a->arena, d);
    return APP_OK;
}

enum app_rc app_logout(struct app *a, const char *digest)
{
    return digest ? app_store_fail(a, store_session_delete(a->db, digest)) : APP_OK;
}
