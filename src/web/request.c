/*
 * request.c — reading a request (arguments, form fields, headers) and the
 * output primitives: HTML escaping per context, JSON and error responses.
 */
#include "web/web.h"

#include <microhttpd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *req_arg(struct req *r, const char *name)
{
    if (r->conn)
        return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
    for (int i = 0; i < r->nargs; i++)
        if (!strcmp(r->args[i].name, name))
            return r->args[i].value;
    return NULL;
}

const char *req_header(struct req *r, const char *name)
{
    return r->conn ? MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name) : NULL;
}

const char *req_form(struct req *r, const char *name)
{
    for (int i = 0; i < r->nform; i++)
        if (!strcmp(r->form[i].name, name))
            return r->form[i].value;
    return NULL;
}

long parse_id(const char *s)
{
    if (!s || !*s || strlen(s) > 12 || strspn(s, "0123456789") != strlen(s))
        return s && *s ? -1 : 0;
    return atol(s);
}

/* --- JSON members ----------------------------------------------------------- */

bool require_object(struct req *r)
{
    if (r->json && json_is_object(r->json))
        return true;
    send_error(r, 400, "bad_request", "Send et JSON-objekt med Content-Type: application/json.");
    return false;
}

/* The member, or NULL when absent or null. */
static json_t *given(json_t *o, const char *key)
{
    json_t *x = json_is_object(o) ? json_object_get(o, key) : NULL;
    return x && !json_is_null(x) ? x : NULL;
}

const char *member_text(json_t *o, const char *key, struct validation *v)
{
    json_t *x = given(o, key);
    if (!x)
        return NULL;
    if (!json_is_string(x)) {
        validation_add(v, key, "Feltet skal være tekst.");
        return NULL;
    }
    if (strlen(json_string_value(x)) != json_string_length(x)) {
        validation_add(v, key, "Feltet indeholder tegn, der ikke er tilladt.");
        return NULL;
    }
    return json_string_value(x);
}

const char *member_text0(json_t *o, const char *key, struct validation *v)
{
    const char *s = member_text(o, key, v);
    return s ? s : "";
}

bool member_bool(json_t *o, const char *key, bool fallback, struct validation *v)
{
    json_t *x = given(o, key);
    if (!x)
        return fallback;
    if (!json_is_boolean(x)) {
        validation_add(v, key, "Feltet skal være true eller false.");
        return fallback;
    }
    return json_is_true(x);
}

long member_id(json_t *o, const char *key, struct validation *v)
{
    json_t *x = given(o, key);
    if (!x)
        return 0;
    if (!json_is_integer(x) || json_integer_value(x) <= 0 ||
        json_integer_value(x) > 100000000000LL) {
        validation_add(v, key, "Feltet skal være et positivt heltal.");
        return -1;
    }
    return (long)json_integer_value(x);
}

long member_int(json_t *o, const char *key, long fallback, long min, long max, struct validation *v)
{
    json_t *x = given(o, key);
    if (!x)
        return fallback;
    if (!json_is_integer(x) || json_integer_value(x) < min || json_integer_value(x) > max) {
        validation_add(v, key,
                       json_is_integer(x) ? "Tallet er uden for det tilladte interval."
                                          : "Feltet skal være et heltal.");
        return fallback;
    }
    return (long)json_integer_value(x);
}

minute_t member_minute(json_t *o, const char *key, struct validation *v)
{
    json_t *x = given(o, key);
    if (!x)
        return MINUTE_NONE;
    minute_t m = json_is_string(x) ? minute_parse(json_string_value(x)) : -2;
    if (m < 0) {
        validation_add(v, key, "Skriv tidspunktet som TT:MM, fx 07:30.");
        return -2;
    }
    return m;
}

bool member_date(json_t *o, const char *key, struct date *d, struct validation *v)
{
    json_t *x = given(o, key);
    if (!x)
        return false;
    struct date t;
    if (!json_is_string(x) || !date_parse(json_string_value(x), &t)) {
        validation_add(v, key, "Skriv datoen som ÅÅÅÅ-MM-DD, fx 2026-12-01.");
        return false;
    }
    *d = t;
    return true;
}

json_t *member_array(json_t *o, const char *key, size_t max, struct validation *v)
{
    json_t *x = given(o, key);
    if (!x)
        return NULL;
    if (!json_is_array(x) || json_array_size(x) > max) {
        validation_add(v, key, "Feltet skal være en liste.");
        return NULL;
    }
    return x;
}

json_t *member_object(json_t *o, const char *key, struct validation *v)
{
    json_t *x = given(o, key);
    if (!x)
        return NULL;
    if (!json_is_object(x)) {
        validation_add(v, key, "Feltet skal være et objekt.");
        return NULL;
    }
    return x;
}

void nest_errors(struct validation *v, const struct validation *item, const char *array, int i)
{
    for (int k = 0; k < item->count; k++) {
        char field[sizeof item->errors[k].field];
        snprintf(field, sizeof field, "%s[%d].%s", array, i, item->errors[k].field);
        validation_add(v, field, item->errors[k].message);
    }
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool url_decode(char *s)
{
    char *o = s;
    for (char *p = s; *p; p++) {
        if (*p == '+') {
            *o++ = ' ';
        } else if (*p == '%') {
            int hi = hexval(p[1]), lo = hi < 0 ? -1 : hexval(p[2]);
            if (hi < 0 || lo < 0)
                return false;
            char c = (char)(hi * 16 + lo);
            if (c == '\0')
                return false;
            *o++ = c;
            p += 2;
        } else {
            *o++ = *p;
        }
    }
    *o = '\0';
    return true;
}

bool form_parse(struct arena *a, const char *body, size_t len, struct form_field **out, int *n)
{
    int cap = 1;
    for (size_t i = 0; i < len; i++) {
        if (body[i] == '&')
            cap++;
        if (body[i] == '\0')
            return false;
    }
    *n = 0;
    *out = arena_alloc(a, sizeof **out * (size_t)cap);
    char *copy = arena_strndup(a, body, len);
    if (!*out || !copy)
        return false;
    char *save = NULL;
    for (char *pair = strtok_r(copy, "&", &save); pair; pair = strtok_r(NULL, "&", &save)) {
        char *eq = strchr(pair, '=');
        char *value = eq ? eq + 1 : pair + strlen(pair);
        if (eq)
            *eq = '\0';
        if (!url_decode(pair) || !url_decode(value))
            return false;
        (*out)[(*n)++] = (struct form_field){pair, value};
    }
    return true;
}

/* Escape for HTML text and attribute values alike. */
static void escape_html(struct strbuf *sb, const char *s)
{
    const char *start = s;
    for (; *s; s++) {
        const char *rep = NULL;
        switch (*s) {
        case '&':
            rep = "&amp;";
            break;
        case '<':
            rep = "&lt;";
            break;
        case '>':
            rep = "&gt;";
            break;
        case '"':
            rep = "&quot;";
            break;
        case '\'':
            rep = "&#39;";
            break;
        default:
            continue;
        }
        strbuf_add(sb, start, (size_t)(s - start));
        strbuf_adds(sb, rep);
        start = s + 1;
    }
    strbuf_add(sb, start, (size_t)(s - start));
}

void html(struct req *r, const char *literal)
{
    strbuf_adds(&r->out, literal);
}

void html_txt(struct req *r, const char *s)
{
    if (s)
        escape_html(&r->out, s);
}

void html_attr(struct req *r, const char *s)
{
    if (s)
        escape_html(&r->out, s);
}

void html_url_arg(struct req *r, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '_' || *p == '.' || *p == '~') {
            strbuf_addch(&r->out, (char)*p);
        } else {
            char esc[3] = {'%', hex[*p >> 4], hex[*p & 15]};
            strbuf_add(&r->out, esc, 3);
        }
    }
}

void htmlf(struct req *r, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n > 0)
        strbuf_add(&r->out, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

void send_json(struct req *r, unsigned status, json_t *v)
{
    strbuf_reset(&r->out);
    char *s = v ? json_dumps(v, JSON_COMPACT) : NULL;
    if (!s) {
        strbuf_adds(&r->out, "{\"error\":{\"code\":\"internal\",\"message\":\"Intern fejl.\"}}");
        status = 500;
    } else {
        strbuf_adds(&r->out, s);
        free(s);
    }
    json_decref(v);
    r->status = status;
    r->content_type = "application/json; charset=utf-8";
}

static const char *status_title(unsigned status)
{
    switch (status) {
    case 400:
        return "Forespørgslen kunne ikke forstås";
    case 401:
        return "Du er ikke logget ind";
    case 403:
        return "Du har ikke adgang";
    case 404:
        return "Siden findes ikke";
    case 405:
        return "Handlingen er ikke tilladt";
    case 409:
        return "Der er en konflikt";
    case 413:
        return "Forespørgslen er for stor";
    case 415:
        return "Indholdstypen understøttes ikke";
    case 422:
        return "Oplysningerne er ikke gyldige";
    case 429:
        return "For mange forsøg";
    default:
        return "Der opstod en fejl";
    }
}

void send_error(struct req *r, unsigned status, const char *code, const char *message)
{
    if (r->is_api) {
        json_t *e = json_pack("{s:{s:s,s:s}}", "error", "code", code, "message", message);
        send_json(r, status, e);
        return;
    }
    strbuf_reset(&r->out);
    r->location = NULL;
    page_begin(r, status_title(status));
    html(r, "<h1>");
    html_txt(r, status_title(status));
    html(r, "</h1><div class=\"alert alert-error\" role=\"alert\"><div class=\"alert-body\">"
            "<p class=\"alert-text\">");
    html_txt(r, message);
    html(r, "</p></div></div><p><a href=\"/\">Gå til forsiden</a></p>");
    page_end(r);
    r->status = status;
}

void send_validation(struct req *r, const struct validation *v)
{
    json_t *fields = json_object();
    for (int i = 0; i < v->count; i++)
        json_object_set_new(fields, v->errors[i].field, json_string(v->errors[i].message));
    json_t *e =
        json_pack("{s:{s:s,s:s,s:o}}", "error", "code", "validation", "message",
                  "Oplysningerne er ikke gyldige. Ret de markerede felter.", "fields", fields);
    send_json(r, 422, e);
}

void redirect(struct req *r, const char *path)
{
    strbuf_reset(&r->out);
    r->status = 303;
    r->location = arena_strdup(&r->arena, path);
    r->content_type = "text/plain; charset=utf-8";
}

void send_store_error(struct req *r, enum store_rc rc)
{
    switch (rc) {
    case STORE_NOT_FOUND:
        send_error(r, 404, "not_found", "Det, du leder efter, findes ikke.");
        break;
    case STORE_CONFLICT:
        send_error(r, 409, "conflict",
                   "Oplysningerne er ændret af en anden eller findes allerede. Hent dem igen.");
        break;
    case STORE_INVALID:
        send_error(r, 422, "invalid_reference", "En henvisning peger på noget, der ikke findes.");
        break;
    default:
        send_error(r, 500, "internal", "Der opstod en intern fejl. Prøv igen om lidt.");
        break;
    }
}

unsigned app_status(enum app_rc rc)
{
    switch (rc) {
    case APP_OK:
        return 200;
    case APP_INVALID:
        return 422;
    case APP_FORBIDDEN:
        return 403;
    case APP_NOT_FOUND:
        return 404;
    case APP_CONFLICT:
        return 409;
    case APP_NOT_READY:
        return 503;
    case APP_UNAUTHENTICATED:
        return 401;
    case APP_THROTTLED:
        return 429;
    default:
        return 500;
    }
}

void send_app_error(struct req *r)
{
    const struct app *a = &r->app;
    enum app_rc rc = a->rc == APP_OK ? APP_ERROR : a->rc;
    const char *code = a->code ? a->code : "internal";
    const char *message = a->message ? a->message : "Der opstod en intern fejl. Prøv igen om lidt.";
    if (!r->is_api || !a->errors.count) {
        send_error(r, app_status(rc), code, message);
        return;
    }
    json_t *fields = json_object();
    for (int i = 0; i < a->errors.count; i++)
        json_object_set_new(fields, a->errors.errors[i].field,
                            json_string(a->errors.errors[i].message));
    send_json(r, app_status(rc),
              json_pack("{s:{s:s,s:s,s:o}}", "error", "code", code, "message", message, "fields",
                        fields));
}
