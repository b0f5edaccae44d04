/* api-auth.c — JSON API: health, log-in, log-out, who am I. */
#include "web/web.h"

#include "lib/log.h"

void api_healthz(struct req *r)
{
    long n = 0;
    enum store_rc rc = store_citizen_count(r->db, &n);
    json_t *v = json_pack("{s:s,s:i}", "status", rc == STORE_OK ? "ok" : "degraded", "schema",
                          store_schema_version(r->db));
    send_json(r, rc == STORE_OK ? 200 : 503, v);
}

static json_t *actor_json(const struct actor *a)
{
    return json_pack("{s:I,s:s,s:s,s:s,s:I}", "id", (json_int_t)a->user_id, "username",
                     a->username, "full_name", a->full_name, "role", role_code(a->role),
                     "team_id", (json_int_t)a->team_id);
}

void api_login(struct req *r)
{
    if (!r->json || !json_is_object(r->json)) {
        send_error(r, 400, "bad_request",
                   "Send JSON med brugernavn og adgangskode: {\"username\", \"password\"}.");
        return;
    }
    const char *username = json_string_value(json_object_get(r->json, "username"));
    const char *password = json_string_value(json_object_get(r->json, "password"));
    if (!username || !password) {
        send_error(r, 400, "bad_request", "Feltet username og password skal være tekst.");
        return;
    }
    const char *message;
    unsigned status = session_login(r, username, password, &message);
    if (status) {
        send_error(r, status, status == 429 ? "throttled" : status == 401 ? "bad_credentials"
                                                                          : "internal",
                   message);
        return;
    }
    json_t *v = json_pack("{s:s,s:o}", "csrf", r->csrf, "user", actor_json(&r->actor));
    send_json(r, 200, v);
}

void api_logout(struct req *r)
{
    session_logout(r);
    send_json(r, 200, json_pack("{s:b}", "ok", 1));
}

void api_me(struct req *r)
{
    json_t *v = json_pack("{s:s,s:o}", "csrf", r->csrf, "user", actor_json(&r->actor));
    send_json(r, 200, v);
}
