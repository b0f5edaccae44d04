/* web-test.h — driving the web layer without a socket: a request as
 * dispatch builds it (route lookup, the capability check, the use-case
 * context), run against a store, with the response left in r->status and
 * r->out. */
#ifndef OMSORG_WEB_TEST_H
#define OMSORG_WEB_TEST_H

#include "testutil.h"

#include "web/web.h"

/* A request by actor (NULL: not logged in) for method and path; body is
 * JSON text (API) or form text (pages), or NULL. */
static inline struct req *req_make(struct store *s, const struct actor *who, const char *method,
                                   const char *path, const char *body)
{
    struct req *r = calloc(1, sizeof *r);
    strbuf_init(&r->out);
    strbuf_init(&r->body);
    r->db = s;
    r->method = method;
    char *p = arena_strdup(&r->arena, path), *q = strchr(p, '?');
    if (q) {
        *q++ = '\0';
        assert_true(form_parse(&r->arena, q, strlen(q), &r->args, &r->nargs));
    }
    r->path = p;
    r->is_api = !strncmp(path, "/api/", 5);
    r->csrf = "token";
    if (who) {
        r->authed = true;
        r->actor = *who;
    }
    if (body && r->is_api)
        r->json = json_loads(body, 0, NULL);
    else if (body)
        assert_true(form_parse(&r->arena, body, strlen(body), &r->form, &r->nform));
    return r;
}

static inline void req_free(struct req *r)
{
    if (r->json)
        json_decref(r->json);
    strbuf_release(&r->out);
    strbuf_release(&r->body);
    arena_release(&r->arena);
    free(r);
}

/* Dispatch as the server does after the session and CSRF checks: 404/405
 * for unknown paths and methods, else the route with its capability check. */
static inline void req_run(struct req *r)
{
    bool known;
    const struct route *hit = route_find(r, &known);
    if (!hit) {
        r->status = known ? 405 : 404;
        return;
    }
    route_run(r, hit);
    store_rollback(r->db);
}

/* Make, run and return the status; the request is freed. */
static inline unsigned req_status(struct store *s, const struct actor *who, const char *method,
                                  const char *path, const char *body)
{
    struct req *r = req_make(s, who, method, path, body);
    req_run(r);
    unsigned status = r->status;
    req_free(r);
    return status;
}

#endif
