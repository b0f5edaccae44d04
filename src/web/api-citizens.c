/*
 * api-citizens.c — JSON API for citizens, their relatives and the access log.
 * Same access rules as the pages; every read of a record is audited.
 */
#include "web/web.h"

#include "app/citizen.h"

#include <string.h>

/* --- JSON out ------------------------------------------------------------- */

static json_t *minute_json(minute_t m)
{
    char t[6];
    if (m < 0)
        return json_null();
    minute_format(m, t);
    return json_string(t);
}

/* Absent optional text is "" in the API. */
static const char *nz(const char *s)
{
    return s ? s : "";
}

static json_t *relative_json(const struct relative *x)
{
    return json_pack("{s:I,s:s,s:s,s:s,s:s,s:b,s:b,s:s}", "id", (json_int_t)x->id, "name",
                     nz(x->name), "relation", nz(x->relation), "phone", nz(x->phone), "email",
                     nz(x->email), "consent", x->consent, "is_network", x->is_network, "note",
                     nz(x->note));
}

/* The citizen as JSON; full adds rhythm, contacts and relatives. */
static json_t *citizen_json(const struct citizen *c, bool full)
{
    char cpr[12];
    cpr_format(c->cpr, cpr);
    json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:b,s:I,s:s}", "id", (json_int_t)c->id,
                          "cpr", cpr, "first_name", c->first_name, "last_name", c->last_name,
                          "address", c->address, "postcode", c->postcode, "city", c->city, "phone",
                          c->phone, "lives_alone", c->lives_alone, "team_id",
                          (json_int_t)c->team_id, "team_name", c->team_name);
    if (!o || !full)
        return o;
    json_object_set_new(o, "lat", c->has_position ? json_real(c->lat) : json_null());
    json_object_set_new(o, "lon", c->has_position ? json_real(c->lon) : json_null());
    json_object_set_new(o, "coordinator_id",
                        c->coordinator_id ? json_integer(c->coordinator_id) : json_null());
    json_object_set_new(o, "coordinator_name", json_string(c->coordinator_name));
    json_object_set_new(o, "what_matters", json_string(c->what_matters));
    json_t *rh = json_object();
    json_object_set_new(rh, "get_up", minute_json(c->rhythm.get_up));
    json_object_set_new(rh, "breakfast", minute_json(c->rhythm.breakfast));
    json_object_set_new(rh, "lunch", minute_json(c->rhythm.lunch));
    json_object_set_new(rh, "dinner", minute_json(c->rhythm.dinner));
    json_object_set_new(rh, "bedtime", minute_json(c->rhythm.bedtime));
    json_object_set_new(rh, "note", json_string(c->rhythm.note));
    json_object_set_new(o, "rhythm", rh);
    json_t *contacts = json_array();
    for (int i = 0; i < c->contact_count; i++)
        json_array_append_new(contacts, json_pack("{s:I,s:s}", "id", (json_int_t)c->contact_ids[i],
                                                  "name", c->contact_names[i]));
    json_object_set_new(o, "contacts", contacts);
    json_t *rel = json_array();
    for (int i = 0; i < c->relative_count; i++)
        json_array_append_new(rel, relative_json(&c->relatives[i]));
    json_object_set_new(o, "relatives", rel);
    json_object_set_new(o, "version", json_integer(c->version));
    json_object_set_new(o, "updated_at", json_string(c->updated_at));
    return o;
}

/* --- JSON in -------------------------------------------------------------- */

static void citizen_from_json(json_t *o, struct citizen *c, const char **cpr, struct validation *v)
{
    memset(c, 0, sizeof *c);
    *cpr = member_text(o, "cpr", v);
    c->first_name = member_text(o, "first_name", v);
    c->last_name = member_text(o, "last_name", v);
    c->address = member_text(o, "address", v);
    c->postcode = member_text(o, "postcode", v);
    c->city = member_text(o, "city", v);
    c->phone = member_text(o, "phone", v);
    c->lives_alone = member_bool(o, "lives_alone", false, v);
    c->team_id = member_id(o, "team_id", v);
    c->coordinator_id = member_id(o, "coordinator_id", v);
    c->what_matters = member_text(o, "what_matters", v);
    c->version = member_int(o, "version", 0, 0, 1L << 40, v);
    json_t *lat = json_object_get(o, "lat"), *lon = json_object_get(o, "lon");
    if (json_is_number(lat) && json_is_number(lon)) {
        c->has_position = true;
        c->lat = json_number_value(lat);
        c->lon = json_number_value(lon);
    } else if ((lat && !json_is_null(lat)) || (lon && !json_is_null(lon))) {
        validation_add(v, "position", "lat og lon skal begge være tal.");
    }
    c->rhythm =
        (struct rhythm){MINUTE_NONE, MINUTE_NONE, MINUTE_NONE, MINUTE_NONE, MINUTE_NONE, NULL};
    json_t *rh = member_object(o, "rhythm", v);
    if (rh) {
        c->rhythm.get_up = member_minute(rh, "get_up", v);
        c->rhythm.breakfast = member_minute(rh, "breakfast", v);
        c->rhythm.lunch = member_minute(rh, "lunch", v);
        c->rhythm.dinner = member_minute(rh, "dinner", v);
        c->rhythm.bedtime = member_minute(rh, "bedtime", v);
        c->rhythm.note = member_text(rh, "note", v);
    }
    json_t *contacts = member_array(o, "contact_ids", 8, v), *x;
    size_t i;
    json_array_foreach(contacts, i, x)
    {
        if (!json_is_integer(x) || json_integer_value(x) <= 0)
            validation_add(v, "contact_ids", "Feltet skal være en liste med id'er.");
        else
            c->contact_ids[c->contact_count++] = (long)json_integer_value(x);
    }
}

static void relative_from_json(json_t *o, struct relative *x, struct validation *v)
{
    x->name = member_text(o, "name", v);
    x->relation = member_text(o, "relation", v);
    x->phone = member_text(o, "phone", v);
    x->email = member_text(o, "email", v);
    x->consent = member_bool(o, "consent", false, v);
    x->is_network = member_bool(o, "is_network", false, v);
    x->note = member_text(o, "note", v);
}

/* --- handlers ------------------------------------------------------------- */

void api_citizens_search(struct req *r)
{
    struct citizen *list;
    int n;
    bool more;
    if (app_citizen_search(&r->app, req_arg(r, "q"), 50, &list, &n, &more) != APP_OK) {
        send_app_error(r);
        return;
    }
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, citizen_json(&list[i], false));
    send_json(r, 200, json_pack("{s:o,s:b}", "citizens", arr, "more", more));
}

void api_citizen_get(struct req *r)
{
    struct citizen c;
    if (app_citizen_get(&r->app, r->ids[0], "api", &c) != APP_OK) {
        send_app_error(r);
        return;
    }
    send_json(r, 200, citizen_json(&c, true));
}

/* Create or update from the body; answers with the stored record. */
static void citizen_write(struct req *r, bool is_new)
{
    if (!require_object(r))
        return;
    struct citizen c;
    const char *cpr;
    citizen_from_json(r->json, &c, &cpr, &r->app.errors);
    c.id = is_new ? 0 : r->ids[0];
    enum app_rc rc =
        is_new ? app_citizen_create(&r->app, &c, cpr) : app_citizen_update(&r->app, &c, cpr);
    if (rc == APP_OK)
        rc = app_citizen_get(&r->app, c.id, "api", &c);
    if (rc != APP_OK) {
        send_app_error(r);
        return;
    }
    send_json(r, is_new ? 201 : 200, citizen_json(&c, true));
}

void api_citizen_create(struct req *r)
{
    citizen_write(r, true);
}

void api_citizen_update(struct req *r)
{
    citizen_write(r, false);
}

void api_citizen_access_log(struct req *r)
{
    struct audit_entry *log;
    int n;
    if (app_citizen_access_log(&r->app, r->ids[0], 500, &log, &n) != APP_OK) {
        send_app_error(r);
        return;
    }
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, json_pack("{s:I,s:s,s:I,s:s,s:s,s:s,s:s}", "id",
                                             (json_int_t)log[i].id, "at", log[i].at, "user_id",
                                             (json_int_t)log[i].user_id, "username",
                                             log[i].username, "full_name", log[i].full_name, "role",
                                             log[i].role, "action", log[i].action));
    send_json(r, 200, json_pack("{s:o}", "entries", arr));
}

/* --- relatives ------------------------------------------------------------ */

void api_relative_create(struct req *r)
{
    if (!require_object(r))
        return;
    struct relative x = {.citizen_id = r->ids[0]};
    relative_from_json(r->json, &x, &r->app.errors);
    if (app_relative_add(&r->app, &x) != APP_OK) {
        send_app_error(r);
        return;
    }
    send_json(r, 201, relative_json(&x));
}

void api_relative_update(struct req *r)
{
    if (!require_object(r))
        return;
    struct relative x = {.citizen_id = r->ids[0], .id = r->ids[1]};
    relative_from_json(r->json, &x, &r->app.errors);
    if (app_relative_change(&r->app, &x) != APP_OK) {
        send_app_error(r);
        return;
    }
    send_json(r, 200, relative_json(&x));
}

void api_relative_delete(struct req *r)
{
    if (app_relative_remove(&r->app, r->ids[0], r->ids[1]) != APP_OK) {
        send_app_error(r);
        return;
    }
    send_json(r, 200, json_pack("{s:b}", "ok", 1));
}
