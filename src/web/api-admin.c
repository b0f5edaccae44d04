/* api-admin.c — JSON API for teams (everyone) and users (administrators). */
#include "web/web.h"

#include <string.h>

#include "core/auth.h"

static json_t *user_json(const struct user *u)
{
    json_t *skills = json_array(), *shifts = json_array();
    for (int i = 0; i < skill_count; i++)
        if (u->skills & (1u << i))
            json_array_append_new(skills, json_string(skill_codes[i]));
    for (int i = 0; i < u->shift_count; i++) {
        char from[6], to[6];
        minute_format(u->shifts[i].start, from);
        minute_format(u->shifts[i].end % 1440, to);
        json_array_append_new(shifts, json_pack("{s:i,s:s,s:s}", "weekday",
                                                u->shifts[i].weekday, "start", from, "end", to));
    }
    return json_pack("{s:I,s:s,s:s,s:s,s:I,s:s,s:b,s:o,s:o}", "id", (json_int_t)u->id,
                     "username", u->username, "full_name", u->full_name, "role",
                     role_code(u->role), "team_id", (json_int_t)u->team_id, "team_name",
                     u->team_name ? u->team_name : "", "active", u->active, "skills", skills,
                     "shifts", shifts);
}

void api_teams(struct req *r)
{
    struct team *teams;
    struct user *users;
    int nt, nu;
    if (store_team_list(r->db, &r->arena, &teams, &nt) != STORE_OK ||
        store_user_list(r->db, &r->arena, 0, &users, &nu) != STORE_OK) {
        send_store_error(r, STORE_ERROR);
        return;
    }
    json_t *arr = json_array();
    for (int i = 0; i < nt; i++) {
        json_t *members = json_array();
        for (int k = 0; k < nu; k++)
            if (users[k].team_id == teams[i].id && users[k].active)
                json_array_append_new(members, user_json(&users[k]));
        json_array_append_new(
            arr, json_pack("{s:I,s:s,s:s,s:s,s:f,s:f,s:o}", "id", (json_int_t)teams[i].id,
                           "slug", teams[i].slug, "name", teams[i].name, "office_address",
                           teams[i].office_address, "office_lat", teams[i].office_lat,
                           "office_lon", teams[i].office_lon, "members", members));
    }
    send_json(r, 200, json_pack("{s:o}", "teams", arr));
}

static bool require_admin(struct req *r)
{
    if (access_admin(&r->actor))
        return true;
    send_error(r, 403, "forbidden", "Kun administratorer har adgang.");
    return false;
}

void api_users(struct req *r)
{
    if (!require_admin(r))
        return;
    struct user *users;
    int n;
    if (store_user_list(r->db, &r->arena, 0, &users, &n) != STORE_OK) {
        send_store_error(r, STORE_ERROR);
        return;
    }
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, user_json(&users[i]));
    send_json(r, 200, json_pack("{s:o}", "users", arr));
}

/* Read a user from JSON into u; errors into v. */
static void user_from_json(json_t *o, struct user *u, struct validation *v)
{
    json_t *x;
    size_t i;
    u->username = json_string_value(json_object_get(o, "username"));
    u->full_name = json_string_value(json_object_get(o, "full_name"));
    u->role = role_parse(json_string_value(json_object_get(o, "role")));
    x = json_object_get(o, "team_id");
    u->team_id = json_is_integer(x) ? (long)json_integer_value(x) : 0;
    u->email = json_string_value(json_object_get(o, "email"));
    u->phone = json_string_value(json_object_get(o, "phone"));
    x = json_object_get(o, "active");
    u->active = x ? json_is_true(x) : true;
    json_t *skills = json_object_get(o, "skills");
    json_array_foreach(skills, i, x)
    {
        int k = skill_index(json_string_value(x));
        if (k < 0)
            validation_add(v, "skills", "Ukendt kompetence.");
        else
            u->skills |= 1u << k;
    }
    json_t *shifts = json_object_get(o, "shifts");
    json_array_foreach(shifts, i, x)
    {
        if (u->shift_count == 7)
            break;
        json_t *wd = json_object_get(x, "weekday");
        int from = minute_parse(json_string_value(json_object_get(x, "start")));
        int to = minute_parse(json_string_value(json_object_get(x, "end")));
        if (to == 0)
            to = 1440;
        u->shifts[u->shift_count++] =
            (struct shift){json_is_integer(wd) ? (int)json_integer_value(wd) : 0, from, to};
    }
}

static void user_write(struct req *r, bool is_new)
{
    if (!require_admin(r))
        return;
    if (!r->json || !json_is_object(r->json)) {
        send_error(r, 400, "bad_request", "Send et JSON-objekt.");
        return;
    }
    struct user u = {.id = is_new ? 0 : r->ids[0]};
    struct validation v = {0};
    user_from_json(r->json, &u, &v);
    const char *pw = json_string_value(json_object_get(r->json, "password"));
    if (is_new && !pw)
        pw = "";
    user_validate(&u, pw, &v);
    if (v.count) {
        send_validation(r, &v);
        return;
    }
    char hash[AUTH_HASH_MAX];
    if (pw && !auth_password_hash(pw, hash)) {
        send_store_error(r, STORE_ERROR);
        return;
    }
    enum store_rc rc = is_new ? store_user_create(r->db, &u, hash, &u.id)
                              : store_user_update(r->db, &u, pw ? hash : NULL);
    if (rc == STORE_CONFLICT) {
        send_error(r, 409, "username_taken", "Brugernavnet er allerede i brug.");
        return;
    }
    if (rc != STORE_OK) {
        send_store_error(r, rc);
        return;
    }
    struct user saved;
    if (store_user_get(r->db, &r->arena, u.id, &saved) != STORE_OK) {
        send_store_error(r, STORE_ERROR);
        return;
    }
    send_json(r, is_new ? 201 : 200, user_json(&saved));
}

void api_user_create(struct req *r)
{
    user_write(r, true);
}

void api_user_update(struct req *r)
{
    user_write(r, false);
}
