/* api-grant.c — JSON API for grants (decisions), their history and letter. */
#include "web/web.h"

#include "app/grant.h"

/* --- JSON out ------------------------------------------------------------- */

static json_t *date_json(struct date d)
{
    char t[11];
    if (!d.year)
        return json_null();
    date_format(d, t);
    return json_string(t);
}

static json_t *grant_json(const struct grant *g)
{
    json_t *services = json_array();
    for (int i = 0; i < g->service_count; i++) {
        const struct grant_service *s = &g->services[i];
        json_t *days = json_array();
        for (int d = 0; d < 7; d++)
            if (s->weekdays & (1u << d))
                json_array_append_new(days, json_integer(d + 1));
        char at[6];
        minute_format(s->anchor == ANCHOR_FIXED ? s->at : MINUTE_NONE, at);
        json_array_append_new(services,
                              json_pack("{s:I,s:s,s:s,s:o,s:s,s:o,s:i,s:i,s:i,s:s,s:i}", "id",
                                        (json_int_t)s->id, "code", s->code, "label", s->label,
                                        "weekdays", days, "anchor", anchor_code(s->anchor), "at",
                                        *at ? json_string(at) : json_null(), "offset", s->offset,
                                        "flex", s->flex, "duration", s->duration, "skill", s->skill,
                                        "carers", s->carers));
    }
    return json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:s,s:o,s:o,s:o,s:o,s:o,s:I,s:o}", "id",
                     (json_int_t)g->id, "citizen_id", (json_int_t)g->citizen_id, "kind",
                     grant_kind_code(g->kind), "status", grant_status_code(g->status), "requested",
                     g->requested, "reason", g->reason, "goals", g->goals, "start_date",
                     date_json(g->start), "end_date", date_json(g->end), "follow_up_date",
                     date_json(g->follow_up), "weekly_minutes",
                     g->weekly_minutes ? json_integer(g->weekly_minutes) : json_null(),
                     "contact_id", g->contact_id ? json_integer(g->contact_id) : json_null(),
                     "version", (json_int_t)g->version, "services", services);
}

/* --- JSON in -------------------------------------------------------------- */

/* One service; type errors into v, named by member ("duration"). */
static void service_from_json(json_t *o, struct grant_service *x, struct validation *v)
{
    x->id = member_id(o, "id", v);
    x->code = member_text0(o, "code", v);
    x->label = member_text0(o, "label", v);
    json_t *days = member_array(o, "weekdays", 7, v), *d;
    size_t k;
    json_array_foreach(days, k, d)
    {
        json_int_t n = json_integer_value(d);
        x->weekdays |= n >= 1 && n <= 7 ? 1u << (n - 1) : 1u << 8; /* 1u << 8: refused */
    }
    int an = anchor_parse(member_text(o, "anchor", v));
    x->anchor = an < 0 ? ANCHOR_COUNT : (enum anchor)an;
    x->at = member_minute(o, "at", v);
    /* wide ranges: grant_validate() says what is allowed, in words */
    x->offset = (int)member_int(o, "offset", 0, -100000, 100000, v);
    x->flex = (int)member_int(o, "flex", 30, -100000, 100000, v);
    x->duration = (int)member_int(o, "duration", 0, -100000, 100000, v);
    x->skill = member_text(o, "skill", v);
    x->carers = (int)member_int(o, "carers", 1, -100000, 100000, v);
}

static void grant_from_json(json_t *o, struct grant *g, struct validation *v)
{
    int kind = grant_kind_parse(member_text(o, "kind", v));
    g->kind = kind < 0 ? GRANT_KIND_COUNT : (enum grant_kind)kind;
    g->requested = member_text0(o, "requested", v);
    g->reason = member_text0(o, "reason", v);
    g->goals = member_text0(o, "goals", v);
    member_date(o, "start_date", &g->start, v);
    member_date(o, "end_date", &g->end, v);
    member_date(o, "follow_up_date", &g->follow_up, v);
    g->weekly_minutes = (int)member_int(o, "weekly_minutes", 0, 0, 100000, v);
    g->contact_id = member_id(o, "contact_id", v);
    g->version = member_int(o, "version", 0, 0, 1L << 40, v);
    json_t *services = member_array(o, "services", (size_t)-1, v), *s;
    size_t i;
    json_array_foreach(services, i, s)
    {
        if (g->service_count == GRANT_MAX_SERVICES) {
            validation_add(v, "services", "Højst 16 besøg i én afgørelse.");
            break;
        }
        struct validation item = {0};
        if (!json_is_object(s))
            validation_add(v, "services", "Hvert besøg skal være et objekt.");
        service_from_json(s, &g->services[g->service_count], &item);
        nest_errors(v, &item, "services", g->service_count++);
    }
}

/* --- handlers ------------------------------------------------------------- */

void api_grants(struct req *r)
{
    struct grant *list;
    int n;
    if (app_grant_list(&r->app, r->ids[0], "api grants", &list, &n) != APP_OK) {
        send_app_error(r);
        return;
    }
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, grant_json(&list[i]));
    send_json(r, 200, json_pack("{s:o}", "grants", arr));
}

/* The grant with its history, as the API answers reads and writes. */
static void send_grant(struct req *r, unsigned status, long grant_id)
{
    struct grant_view v;
    if (app_grant_get(&r->app, r->ids[0], grant_id, "api grants", &v) != APP_OK) {
        send_app_error(r);
        return;
    }
    json_t *o = grant_json(&v.grant), *hist = json_array();
    for (int i = 0; i < v.history_count; i++) {
        const struct grant_event *e = &v.history[i];
        json_array_append_new(hist, json_pack("{s:s,s:s,s:s,s:s,s:s}", "at", e->at, "by", e->who,
                                              "from", e->from, "to", e->to, "note", e->note));
    }
    json_object_set_new(o, "history", hist);
    send_json(r, status, o);
}

void api_grant_get(struct req *r)
{
    send_grant(r, 200, r->ids[1]);
}

static void grant_write(struct req *r, bool is_new)
{
    if (!require_object(r))
        return;
    struct grant g = {.citizen_id = r->ids[0], .id = is_new ? 0 : r->ids[1]};
    grant_from_json(r->json, &g, &r->app.errors);
    if ((is_new ? app_grant_create(&r->app, &g) : app_grant_update(&r->app, &g)) != APP_OK) {
        send_app_error(r);
        return;
    }
    send_grant(r, is_new ? 201 : 200, g.id);
}

void api_grant_create(struct req *r)
{
    grant_write(r, true);
}

void api_grant_update(struct req *r)
{
    grant_write(r, false);
}

void api_grant_status(struct req *r)
{
    if (!require_object(r))
        return;
    struct validation *v = &r->app.errors;
    struct grant_status_change in = {.citizen_id = r->ids[0],
                                     .grant_id = r->ids[1],
                                     .to = member_text(r->json, "status", v),
                                     .note = member_text(r->json, "note", v),
                                     .version = member_int(r->json, "version", 0, 0, 1L << 40, v)};
    if (app_grant_set_status(&r->app, &in) != APP_OK) {
        send_app_error(r);
        return;
    }
    send_grant(r, 200, in.grant_id);
}

void api_grant_letter(struct req *r)
{
    struct citizen c;
    struct letter l;
    if (app_grant_letter(&r->app, r->ids[0], r->ids[1], "api grants", &c, &l) != APP_OK) {
        send_app_error(r);
        return;
    }
    json_t *sections = json_array();
    for (int i = 0; i < l.count; i++) {
        json_t *ps = json_array();
        for (int k = 0; k < l.sections[i].count; k++)
            json_array_append_new(ps, json_string(l.sections[i].paragraphs[k]));
        json_array_append_new(sections, json_pack("{s:s,s:o,s:b}", "heading", l.sections[i].heading,
                                                  "paragraphs", ps, "list", l.sections[i].is_list));
    }
    send_json(r, 200,
              json_pack("{s:s,s:s,s:o,s:f,s:s}", "title", l.title, "greeting", l.greeting,
                        "sections", sections, "lix", l.lix, "text", letter_text(&r->arena, &l)));
}
