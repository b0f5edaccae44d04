/*
 * session.c — the session cookie and CSRF for the web: the cookie carries
 * the token, app/session.c checks it and logs in and out.
 *
 * Cookie: omsorg_session=<token>; HttpOnly; SameSite=Strict; Path=/.
 * Each session has its own CSRF token, sent back in forms (field "csrf") or
 * the X-CSRF-Token header.
 */
#include "web/web.h"

#include <string.h>

#include "app/session.h"

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
    struct app a;
    const char *csrf, *digest;
    app_init(&a, NULL, r->db, &r->arena);
    if (app_session(&a, cookie_value(r, SESSION_COOKIE), &r->actor, &csrf, &digest) == APP_OK) {
        r->authed = true;
        r->csrf = csrf;
        r->session_digest = digest;
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

unsigned session_login(struct req *r, const char *username, const char *password,
                       const char **message)
{
    struct session_new s;
    if (app_login(&r->app, username, password, r->client, &s) != APP_OK) {
        *message = r->app.message;
        return app_status(r->app.rc);
    }
    r->authed = true;
    r->actor = s.actor;
    r->csrf = arena_strdup(&r->arena, s.csrf);
    r->session_digest = arena_strdup(&r->arena, s.digest);
    r->cookies[r->ncookies++] =
        arena_printf(&r->arena, "%s=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d",
                     SESSION_COOKIE, s.token, SESSION_SECONDS);
    *message = NULL;
    return 0;
}

void session_logout(struct req *r)
{
    app_logout(&r->app, r->session_digest);
    r->authed = false;
    r->cookies[r->ncookies++] = arena_printf(
        &r->arena, "%s=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0", SESSION_COOKIE);
}
