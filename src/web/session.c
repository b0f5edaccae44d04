/*
 * session.c — log-in with throttling, session cookies, CSRF, and the access
 * check plus audit entry that guards every read of a citizen's record.
 *
 * Cookie: omsorg_session=<token>; HttpOnly; SameSite=Strict; Path=/.
 * The store keeps only the token's digest. Each session has its own CSRF
 * token, sent back in forms (field "csrf") or the X-CSRF-Token header.
 */
#include "web/web.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/auth.h"
#include "lib/log.h"

#define THROTTLE_WINDOW 900 /* seconds */
#define THROTTLE_PER_USER 5
#define THROTTLE_PER_ADDRESS 30

static const char *cookie_value(struct req *r, const char *name)
{
    const char *all = req_header(r, "Cookie");
    size_t n = strlen(name);
    for (const char *p = all; p && *p;) {
        while (*p == ' ' || *p == ';')
            p++;
        if (!strncmp(p, name, n) && p[n] == '=') {
            const char *v = p + n + 1;
            size_t len = strcspn(v, ";");
            return arena_strndup(&r->arena, v, len);
        }
        p = strchr(p, ';');
    }
    return NULL;
}

void session_load(struct req *r)
{
    const char *token = cookie_value(r, SESSION_COOKIE);
    if (!token || strlen(token) != AUTH_TOKEN_LEN)
        return;
    char digest[AUTH_DIGEST_HEX + 1];
    auth_token_digest(token, digest);
    const char *csrf;
    if (store_session_get(r->db, &r->arena, digest, (long)time(NULL), &r->actor, &csrf) ==
        STORE_OK) {
        r->authed = true;
        r->csrf = csrf;
        r->session_digest = arena_strdup(&r->arena, digest);
    }
}

bool csrf_ok(struct req *r)
{
    const char *given = req_header(r, "X-CSRF-Token");
    if (!given)
        given = req_form(r, "csrf");
    if (!given && r->json)
        given = json_string_value(json_object_get(r->json, "csrf"));
    return given && r->csrf && auth_equal(given, r->csrf);
}

static const char *dummy_hash;
static char dummy_hash_buf[AUTH_HASH_MAX];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void dummy_init(void)
{
    if (auth_password_hash("omsorg-dummy-password", dummy_hash_buf))
        dummy_hash = dummy_hash_buf;
}

unsigned session_login(struct req *r, const char *username, const char *password,
                       const char **message)
{
    long now = (long)time(NULL);
    char ukey[80], akey[80];
    int ufail = 0, afail = 0;
    *message = "Forkert brugernavn eller adgangskode.";
    if (!username || !password || strlen(username) > 64 || strlen(password) > 256)
        return 401;
    snprintf(ukey, sizeof ukey, "u:%s", username);
    snprintf(akey, sizeof akey, "a:%s", r->client ? r->client : "?");
    if (store_login_failures(r->db, ukey, now - THROTTLE_WINDOW, &ufail) != STORE_OK ||
        store_login_failures(r->db, akey, now - THROTTLE_WINDOW, &afail) != STORE_OK) {
        *message = "Der opstod en intern fejl. Prøv igen om lidt.";
        return 500;
    }
    if (ufail >= THROTTLE_PER_USER || afail >= THROTTLE_PER_ADDRESS) {
        *message = "For mange mislykkede forsøg. Vent 15 minutter, og prøv igen.";
        log_info("login: throttled user_key=%s", ufail >= THROTTLE_PER_USER ? "yes" : "no");
        return 429;
    }
    struct user u;
    const char *hash = NULL;
    enum store_rc rc = store_user_by_username(r->db, &r->arena, username, &u, &hash);
    bool ok;
    if (rc == STORE_OK) {
        ok = auth_password_verify(hash, password) && u.active;
    } else {
        /* Spend the same time on unknown users as on known ones. */
        pthread_once(&dummy_once, dummy_init);
        auth_password_verify(dummy_hash, password);
        ok = false;
    }
    if (!ok) {
        store_login_failure_add(r->db, ukey, now);
        store_login_failure_add(r->db, akey, now);
        log_info("login: failed");
        return 401;
    }
    char token[AUTH_TOKEN_LEN + 1], csrf[AUTH_TOKEN_LEN + 1], digest[AUTH_DIGEST_HEX + 1];
    auth_token_new(token);
    auth_token_new(csrf);
    auth_token_digest(token, digest);
    if (store_session_create(r->db, digest, u.id, csrf, now, now + SESSION_SECONDS) !=
        STORE_OK) {
        *message = "Der opstod en intern fejl. Prøv igen om lidt.";
        return 500;
    }
    store_login_failures_clear(r->db, ukey);
    r->authed = true;
    r->actor = (struct actor){u.id, u.username, u.full_name, u.role, u.team_id};
    r->csrf = arena_strdup(&r->arena, csrf);
    r->session_digest = arena_strdup(&r->arena, digest);
    r->cookies[r->ncookies++] =
        arena_printf(&r->arena, "%s=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d",
                     SESSION_COOKIE, token, SESSION_SECONDS);
    log_info("login: user_id=%ld", u.id);
    *message = NULL;
    return 0;
}

void session_logout(struct req *r)
{
    if (r->session_digest)
        store_session_delete(r->db, r->session_digest);
    r->authed = false;
    r->cookies[r->ncookies++] = arena_printf(
        &r->arena, "%s=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0", SESSION_COOKIE);
}

bool citizen_read_allowed(struct req *r, long citizen_id, const char *detail)
{
    if (app_citizen_open(&r->app, citizen_id, CAP_CITIZENS, detail, NULL) == APP_OK)
        return true;
    send_app_error(r);
    return false;
}
