/*
 * api-citizens.c — JSON API for citizens, their relatives and the access log.
 * Same access rules as the pages; every read of a record is audited.
 */
#include "web/web.h"

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
    json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:b,s:I,s:s}", "id",
                          (json_int_t)c->id, "cpr", cpr, "first_name", c->first_name,
                          "last_name", c->last_name, "address", c->address, "postcode",
                          c->postcode, "city", c->city, "phone", c->phone, "lives_alone",
                          c->lives_alone, "team_id", (json_int_t)c->team_id, "team_name",
                          c->team_name);
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
        json_array_append_new(contacts, json_pack("{s:I,s:s}", "id",
                                                  (json_int_t)c->contact_ids[i], "name",
                                                  c->contact_names[i]));
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

/* A string member: NULL when absent or null; a type error is recorded. */
static const char *get_str(json_t *o, const char *key, struct validation *v)
{
    json_t *x = json_object_get(o, key);
    if (!x || json_is_null(x))
        return NULL;
    if (!json_is_string(x)) {
        validation_add(v, key, "Feltet skal være tekst.");
        return NULL;
    }
    const char *s = json_string_value(x);
    if (strlen(s) != json_string_length(x)) {
        validation_add(v, key, "Feltet indeholder tegn, der ikke er tilladt.");
        return NULL;
    }
    return s;
}

static bool get_bool(json_t *o, const char *key, struct validation *v)
{
    json_t *x = json_object_get(o, key);
    if (!x || json_is_null(x))
        return false;
    if (!json_is_boolean(x))
        validation_add(v, key, "Feltet skal være true eller false.");
    return json_is_true(x);
}

static long get_id(json_t *o, const char *key, struct validation *v)
{
    json_t *x = json_object_get(o, key);
    if (!x || json_is_null(x))
        return 0;
    if (!json_is_integer(x) || json_integer_value(x) <= 0) {
        validation_add(v, key, "Feltet skal være et positivt heltal.");
        return -1;
    }
    return (long)json_integer_value(x);
}

static minute_t get_minute(json_t *o, const char *key, struct validation *v)
{
    const char *s = get_str(o, key, v);
    return s ? minute_parse(s) : MINUTE_NONE;
}

static void citizen_from_json(json_t *o, struct citizen *c, const char **cpr,
                              struct validation *v)
{
    memset(c, 0, sizeof *c);
    *cpr = get_str(o, "cpr", v);
    c->first_name = get_str(o, "first_name", v);
    c->last_name = get_str(o, "last_name", v);
    c->address = get_str(o, "address", v);
    c->postcode = get_str(o, "postcode", v);
    c->city = get_str(o, "city", v);
    c->phone = get_str(o, "phone", v);
    c->lives_alone = get_bool(o, "lives_alone", v);
    c->team_id = get_id(o, "team_id", v);
    c->coordinator_id = get_id(o, "coordinator_id", v);
    c->what_matters = get_str(o, "what_matters", v);
    json_t *lat = json_object_get(o, "lat"), *lon = json_object_get(o, "lon");
    if (json_is_number(lat) && json_is_number(lon)) {
        c->has_position = true;
        c->lat = json_number_value(lat);
        c->lon = json_number_value(lon);
    } else if ((lat && !json_is_null(lat)) || (lon && !json_is_null(lon))) {
        validation_add(v, "position", "lat og lon skal begge være tal.");
    }
    json_t *rh = json_object_get(o, "rhythm");
    c->rhythm = (struct rhythm){MINUTE_NONE, MINUTE_NONE, MINUTE_NONE, MINUTE_NONE,
                                MINUTE_NONE, NULL};
    if (rh && !json_is_null(rh)) {
        if (!json_is_object(rh)) {
            validation_add(v, "rhythm", "Feltet skal være et objekt.");
        } else {
            c->rhythm.get_up = get_minute(rh, "get_up", v);
            c->rhythm.breakfast = get_minute(rh, "breakfast", v);
            c->rhythm.lunch = get_minute(rh, "lunch", v);
            c->rhythm.dinner = get_minute(rh, "dinner", v);
            c->rhythm.bedtime = get_minute(rh, "bedtime", v);
            c->rhythm.note = get_str(rh, "note", v);
        }
    }
    json_t *contacts = json_object_get(o, "contact_ids");
    if (contacts && !json_is_null(contacts)) {
        size_t i;
        json_t *x;
        if (!json_is_array(contacts) || json_array_size(contacts) > 8)
            validation_add(v, "contact_ids", "Feltet skal være en liste med højst 8 id'er.");
        else
            json_array_foreach(contacts, i, x)
            {
                if (!json_is_integer(x) || json_integer_value(x) <= 0)
                    validation_add(v, "contact_ids", "Feltet skal være en liste med id'er.");
                else
                    c->contact_ids[c->contact_count++] = (long)json_integer_value(x);
            }
    }
}

static bool require_object(struct req *r)
{
    if (r->json && json_is_object(r->json))
        return true;
    send_error(r, 400, "bad_request", "Send et JSON-objekt med Content-Type: application/json.");
    return false;
}

/* --- handlers ------------------------------------------------------------- */

void api_citizens_search(struct req *r)
{
    if (!access_citizens(&r->actor)) {
        send_error(r, 403, "forbidden", "Din rolle giver ikke adgang til borgeres oplysninger.");
        return;
    }
    const char *q = req_arg(r, "q");
    struct validation v = {0};
    if (!q || !*q) {
        validation_add(&v, "q", "Skriv mindst ét søgeord.");
    } else {
        check_text(&v, "q", q, true, 100, false);
    }
    if (v.count) {
        send_validation(r, &v);
        return;
    }
    struct citizen *list;
    int n;
    bool more;
    enum store_rc rc = store_citizen_search(r->db, &r->arena, q, access_team_scope(&r->actor),
                                            50, &list, &n, &more);
    if (rc != STORE_OK) {
        send_store_error(r, rc);
        return;
    }
    store_audit_add(r->db, &r->actor, "search", 0, "");
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, citizen_json(&list[i], false));
    send_json(r, 200, json_pack("{s:o,s:b}", "citizens", arr, "more", more));
}

void api_citizen_get(struct req *r)
{
    if (!citizen_read_allowed(r, r->ids[0], "api"))
        return;
    struct citizen c;
    enum store_rc rc = store_citizen_get(r->db, &r->arena, r->ids[0], &c);
    if (rc != STORE_OK) {
        send_store_error(r, rc);
        return;
    }
    send_json(r, 200, citizen_json(&c, true));
}

/* Validate and save; answers with the stored record. */
static void citizen_write(struct req *r, bool is_new)
{
    if (!access_citizen_write(&r->actor)) {
        send_error(r, 403, "forbidden", "Din rolle må ikke oprette eller ændre borgere.");
        return;
    }
    if (!require_object(r))
        return;
    struct citizen c;
    const char *cpr;
    struct validation v = {0};
    citizen_from_json(r->json, &c, &cpr, &v);
    citizen_validate(&c, cpr, &v);
    if (!is_new) {
        c.id = r->ids[0];
        json_t *ver = json_object_get(r->json, "version");
        if (!json_is_integer(ver))
            validation_add(&v, "version", "Send den version, du har læst (feltet version).");
        else
            c.version = (long)json_integer_value(ver);
    }
    if (v.count) {
        send_validation(r, &v);
        return;
    }
    if (!is_new) {
        long team;
        enum store_rc rc = store_citizen_team(r->db, c.id, &team);
        if (rc != STORE_OK) {
            send_store_error(r, rc);
            return;
        }
    }
    enum store_rc rc = store_begin(r->db);
    if (rc == STORE_OK)
        rc = is_new ? store_citizen_create(r->db, &c, &c.id) : store_citizen_update(r->db, &c);
    if (rc == STORE_OK)
        rc = store_audit_add(r->db, &r->actor, is_new ? "create" : "update", c.id, "api");
    if (rc == STORE_OK)
        rc = store_commit(r->db);
    if (rc != STORE_OK) {
        store_rollback(r->db);
        if (rc == STORE_CONFLICT && is_new)
            send_error(r, 409, "cpr_exists", "Der findes allerede en borger med dette CPR-nummer.");
        else if (rc == STORE_CONFLICT)
            send_error(r, 409, "conflict",
                       "Borgeren er ændret af en anden, eller CPR-nummeret findes allerede. "
                       "Hent oplysningerne igen.");
        else if (rc == STORE_INVALID)
            send_error(r, 422, "invalid_reference",
                       "Team, tovholder eller kontaktperson findes ikke.");
        else
            send_store_error(r, rc);
        return;
    }
    struct citizen saved;
    if (store_citizen_get(r->db, &r->arena, c.id, &saved) != STORE_OK) {
        send_store_error(r, STORE_ERROR);
        return;
    }
    send_json(r, is_new ? 201 : 200, citizen_json(&saved, true));
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
    long team;
    if (!access_citizens(&r->actor)) {
        send_error(r, 403, "forbidden", "Din rolle giver ikke adgang til borgeres oplysninger.");
        return;
    }
    enum store_rc rc = store_citizen_team(r->db, r->ids[0], &team);
    if (rc != STORE_OK) {
        send_store_error(r, rc);
        return;
    }
    if (!access_citizen_read(&r->actor, team)) {
        send_error(r, 403, "forbidden", "Borgeren hører til et andet team.");
        return;
    }
    struct audit_entry *log;
    int n;
    if ((rc = store_audit_for_citizen(r->db, &r->arena, r->ids[0], 500, &log, &n)) != STORE_OK) {
        send_store_error(r, rc);
        return;
    }
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(
            arr, json_pack("{s:I,s:s,s:I,s:s,s:s,s:s,s:s}", "id", (json_int_t)log[i].id, "at",
                           log[i].at, "user_id", (json_int_t)log[i].user_id, "username",
                           log[i].username, "full_name", log[i].full_name, "role", log[i].role,
                           "action", log[i].action));
    send_json(r, 200, json_pack("{s:o}", "entries", arr));
}

/* --- relatives ------------------------------------------------------------ */

static void relative_write(struct req *r, int op)
{
    if (!access_citizen_write(&r->actor)) {
        send_error(r, 403, "forbidden", "Din rolle må ikke ændre pårørende.");
        return;
    }
    if (op != 2 && !require_object(r))
        return;
    long team;
    enum store_rc rc = store_citizen_team(r->db, r->ids[0], &team);
    if (rc != STORE_OK) {
        send_store_error(r, rc);
        return;
    }
    struct relative x = {.citizen_id = r->ids[0], .id = r->nids > 1 ? r->ids[1] : 0};
    struct validation v = {0};
    if (op != 2) {
        x.name = get_str(r->json, "name", &v);
        x.relation = get_str(r->json, "relation", &v);
        x.phone = get_str(r->json, "phone", &v);
        x.email = get_str(r->json, "email", &v);
        x.consent = get_bool(r->json, "consent", &v);
        x.is_network = get_bool(r->json, "is_network", &v);
        x.note = get_str(r->json, "note", &v);
        relative_validate(&x, &v);
        if (v.count) {
            send_validation(r, &v);
            return;
        }
    }
    rc = store_begin(r->db);
    if (rc == STORE_OK) {
        if (op == 0)
            rc = store_relative_add(r->db, &x, &x.id);
        else if (op == 1)
            rc = store_relative_update(r->db, &x);
        else
            rc = store_relative_delete(r->db, x.citizen_id, x.id);
    }
    if (rc == STORE_OK)
        rc = store_audit_add(r->db, &r->actor, "relative", x.citizen_id,
                             op == 0 ? "added" : op == 1 ? "changed" : "removed");
    if (rc == STORE_OK)
        rc = store_commit(r->db);
    if (rc != STORE_OK) {
        store_rollback(r->db);
        send_store_error(r, rc);
        return;
    }
    if (op == 2) {
        send_json(r, 200, json_pack("{s:b}", "ok", 1));
        return;
    }
    send_json(r, op == 0 ? 201 : 200, relative_json(&x));
}

void api_relative_create(struct req *r)
{
    relative_write(r, 0);
}

void api_relative_update(struct req *r)
{
    relative_write(r, 1);
}

void api_relative_delete(struct req *r)
{
    relative_write(r, 2);
}
