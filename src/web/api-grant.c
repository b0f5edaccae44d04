/* api-grant.c — JSON API for grants (decisions), their history and letter. */
#include "web/web.h"

#include <string.h>

#include "core/letter.h"

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
        json_array_append_new(
            services, json_pack("{s:I,s:s,s:s,s:o,s:s,s:o,s:i,s:i,s:i,s:s,s:i}", "id",
                                (json_int_t)s->id, "code", s->code, "label", s->label,
                                "weekdays", days, "anchor", anchor_code(s->anchor), "at",
                                *at ? json_string(at) : json_null(), "offset", s->offset,
                                "flex", s->flex, "duration", s->duration, "skill", s->skill,
                                "carers", s->carers));
    }
    return json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:s,s:o,s:o,s:o,s:o,s:o,s:I,s:o}", "id",
                     (json_int_t)g->id, "citizen_id", (json_int_t)g->citizen_id, "kind",
                     grant_kind_code(g->kind), "status", grant_status_code(g->status),
                     "requested", g->requested, "reason", g->reason, "goals", g->goals,
                     "start_date", date_json(g->start), "end_date", date_json(g->end),
                     "follow_up_date", date_json(g->follow_up), "weekly_minutes",
                     g->weekly_minutes ? json_integer(g->weekly_minutes) : json_null(),
                     "contact_id", g->contact_id ? json_integer(g->contact_id) : json_null(),
                     "version", (json_int_t)g->version, "services", services);
}

static const char *str(json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

static void date_field(json_t *o, const char *key, struct date *d, struct validation *v)
{
    json_t *x = json_object_get(o, key);
    if (!x || json_is_null(x))
        return;
    if (!json_is_string(x) || !date_parse(json_string_value(x), d))
        validation_add(v, key, "Skriv datoen som ÅÅÅÅ-MM-DD, fx 2026-12-01.");
}

static int int_field(json_t *o, const char *key, int fallback, struct validation *v)
{
    json_t *x = json_object_get(o, key);
    if (!x || json_is_null(x))
        return fallback;
    if (!json_is_integer(x) || json_integer_value(x) < -100000 || json_integer_value(x) > 100000) {
        validation_add(v, key, "Feltet skal være et heltal.");
        return fallback;
    }
    return (int)json_integer_value(x);
}

static void grant_from_json(json_t *o, struct grant *g, struct validation *v)
{
    int kind = grant_kind_parse(str(o, "kind"));
    g->kind = kind < 0 ? GRANT_KIND_COUNT : (enum grant_kind)kind;
    g->requested = str(o, "requested");
    g->reason = str(o, "reason");
    g->goals = str(o, "goals");
    date_field(o, "start_date", &g->start, v);
    date_field(o, "end_date", &g->end, v);
    date_field(o, "follow_up_date", &g->follow_up, v);
    g->weekly_minutes = int_field(o, "weekly_minutes", 0, v);
    g->contact_id = int_field(o, "contact_id", 0, v);
    json_t *services = json_object_get(o, "services"), *s;
    size_t i;
    if (services && !json_is_array(services))
        validation_add(v, "services", "Feltet skal være en liste.");
    json_array_foreach(services, i, s)
    {
        if (g->service_count == GRANT_MAX_SERVICES) {
            validation_add(v, "services", "Højst 16 besøg i én afgørelse.");
            break;
        }
        struct grant_service *x = &g->services[g->service_count++];
        x->id = int_field(s, "id", 0, v);
        x->code = str(s, "code") ? str(s, "code") : "";
        x->label = str(s, "label");
        json_t *days = json_object_get(s, "weekdays"), *d;
        size_t k;
        json_array_foreach(days, k, d)
        {
            json_int_t n = json_integer_value(d);
            if (n >= 1 && n <= 7)
                x->weekdays |= 1u << (n - 1);
            else
                x->weekdays |= 1u << 8; /* out of range: refused by validation */
        }
        int an = anchor_parse(str(s, "anchor"));
        x->anchor = an < 0 ? ANCHOR_COUNT : (enum anchor)an;
        x->at = str(s, "at") ? minute_parse(str(s, "at")) : MINUTE_NONE;
        x->offset = int_field(s, "offset", 0, v);
        x->flex = int_field(s, "flex", 30, v);
        x->duration = int_field(s, "duration", 0, v);
        x->skill = str(s, "skill");
        x->carers = int_field(s, "carers", 1, v);
    }
}

/* Access: read = may read the record (logged); write = visitator. */
static bool grant_access(struct req *r, bool write)
{
    if (write && !access_can(&r->actor, CAP_CITIZEN_WRITE)) {
        send_error(r, 403, "forbidden", "Kun visitatorer kan træffe og ændre afgørelser.");
        return false;
    }
    return citizen_read_allowed(r, r->ids[0], "api grants");
}

static bool grant_load(struct req *r, struct grant *g)
{
    enum store_rc rc = store_grant_get(r->db, &r->arena, r->ids[1], g);
    if (rc == STORE_OK && g->citizen_id != r->ids[0])
        rc = STORE_NOT_FOUND;
    if (rc != STORE_OK)
        send_store_error(r, rc);
    return rc == STORE_OK;
}

void api_grants(struct req *r)
{
    struct grant *list;
    int n;
    if (!grant_access(r, false))
        return;
    if (store_grant_list(r->db, &r->arena, r->ids[0], &list, &n) != STORE_OK) {
        send_store_error(r, STORE_ERROR);
        return;
    }
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, grant_json(&list[i]));
    send_json(r, 200, json_pack("{s:o}", "grants", arr));
}

void api_grant_get(struct req *r)
{
    struct grant g;
    if (!grant_access(r, false) || !grant_load(r, &g))
        return;
    json_t *o = grant_json(&g);
    struct grant_event *ev;
    int n;
    if (store_grant_events(r->db, &r->arena, g.id, &ev, &n) == STORE_OK) {
        json_t *hist = json_array();
        for (int i = 0; i < n; i++)
            json_array_append_new(hist, json_pack("{s:s,s:s,s:s,s:s,s:s}", "at", ev[i].at, "by",
                                                  ev[i].who, "from", ev[i].from, "to", ev[i].to,
                                                  "note", ev[i].note));
        json_object_set_new(o, "history", hist);
    }
    send_json(r, 200, o);
}

static void grant_write(struct req *r, bool is_new)
{
    if (!grant_access(r, true))
        return;
    if (!r->json || !json_is_object(r->json)) {
        send_error(r, 400, "bad_request", "Send et JSON-objekt.");
        return;
    }
    struct grant g = {.citizen_id = r->ids[0]}, old;
    struct validation v = {0};
    if (!is_new) {
        if (!grant_load(r, &old))
            return;
        if (!grant_editable(old.status)) {
            send_error(r, 409, "not_editable",
                       "Afgørelsen er truffet. Skift status til ændret, før du retter i den.");
            return;
        }
        g.id = old.id;
        g.status = old.status;
        json_t *ver = json_object_get(r->json, "version");
        if (!json_is_integer(ver))
            validation_add(&v, "version", "Send den version, du har læst (feltet version).");
        g.version = (long)json_integer_value(ver);
    }
    grant_from_json(r->json, &g, &v);
    grant_validate(&g, date_today(), &v);
    if (v.count) {
        send_validation(r, &v);
        return;
    }
    long id = g.id;
    enum store_rc rc = store_begin(r->db);
    if (rc == STORE_OK)
        rc = is_new ? store_grant_create(r->db, &g, r->actor.user_id, &id)
                    : store_grant_update(r->db, &g, r->actor.user_id, "Indhold rettet");
    if (rc == STORE_OK)
        rc = store_audit_add(r->db, &r->actor, "grant", g.citizen_id, is_new ? "created" : "changed");
    if (rc == STORE_OK)
        rc = store_commit(r->db);
    if (rc != STORE_OK) {
        store_rollback(r->db);
        if (rc == STORE_INVALID)
            send_error(r, 422, "invalid_reference", "Kontakten findes ikke.");
        else
            send_store_error(r, rc);
        return;
    }
    r->ids[1] = id;
    struct grant saved;
    if (!grant_load(r, &saved))
        return;
    send_json(r, is_new ? 201 : 200, grant_json(&saved));
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
    struct grant g;
    if (!grant_access(r, true) || !grant_load(r, &g))
        return;
    int to = r->json ? grant_status_parse(str(r->json, "status")) : -1;
    const char *note = r->json ? str(r->json, "note") : NULL;
    struct validation v = {0};
    if (to < 0)
        validation_add(&v, "status", "Ukendt status.");
    check_text(&v, "note", note, false, 500, false);
    if (v.count) {
        send_validation(r, &v);
        return;
    }
    if (!grant_transition_ok(g.status, (enum grant_status)to)) {
        send_error(r, 409, "bad_transition", "Afgørelsen kan ikke skifte til den status nu.");
        return;
    }
    if (to == GS_DECIDED) {
        grant_validate(&g, g.start, &v);
        if (v.count) {
            send_validation(r, &v);
            return;
        }
    }
    enum store_rc rc = store_begin(r->db);
    if (rc == STORE_OK)
        rc = store_grant_set_status(r->db, g.id, g.status, (enum grant_status)to,
                                    r->actor.user_id, note ? note : "");
    if (rc == STORE_OK)
        rc = store_audit_add(r->db, &r->actor, "grant", g.citizen_id, grant_status_code(to));
    if (rc == STORE_OK)
        rc = store_commit(r->db);
    if (rc != STORE_OK) {
        store_rollback(r->db);
        send_store_error(r, rc);
        return;
    }
    if (!grant_load(r, &g))
        return;
    send_json(r, 200, grant_json(&g));
}

void api_grant_letter(struct req *r)
{
    struct citizen c;
    struct grant g;
    struct letter l;
    if (!grant_access(r, false) || !grant_load(r, &g))
        return;
    if (store_citizen_get(r->db, &r->arena, r->ids[0], &c) != STORE_OK ||
        letter_build(&r->arena, &g, &c, g.contact_name, date_today(), &l) != 0) {
        send_store_error(r, STORE_ERROR);
        return;
    }
    json_t *sections = json_array();
    for (int i = 0; i < l.count; i++) {
        json_t *ps = json_array();
        for (int k = 0; k < l.sections[i].count; k++)
            json_array_append_new(ps, json_string(l.sections[i].paragraphs[k]));
        json_array_append_new(sections, json_pack("{s:s,s:o,s:b}", "heading",
                                                  l.sections[i].heading, "paragraphs", ps,
                                                  "list", l.sections[i].is_list));
    }
    send_json(r, 200, json_pack("{s:s,s:s,s:o,s:f,s:s}", "title", l.title, "greeting",
                                l.greeting, "sections", sections, "lix", l.lix, "text",
                                letter_text(&r->arena, &l)));
}
