/* api-admin.c — JSON API for teams (everyone) and users (administrators). */
#include "web/web.h"

#include <string.h>

#include "app/admin.h"

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
        json_array_append_new(shifts, json_pack("{s:i,s:s,s:s}", "weekday", u->shifts[i].weekday,
                                                "start", from, "end", to));
    }
    return json_pack("{s:I,s:s,s:s,s:s,s:I,s:s,s:b,s:o,s:o}", "id", (json_int_t)u->id, "username",
                     u->username, "full_name", u->full_name, "role", role_code(u->role), "team_id",
                     (json_int_t)u->team_id, "team_name", u->team_name ? u->team_name : "",
                     "active", u->active, "skills", skills, "shifts", shifts);
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
            arr, json_pack("{s:I,s:s,s:s,s:s,s:f,s:f,s:o}", "id", (json_int_t)teams[i].id, "slug",
                           teams[i].slug, "name", teams[i].name, "office_address",
                           teams[i].office_address, "office_lat", teams[i].office_lat, "office_lon",
                           teams[i].office_lon, "members", members));
    }
    send_json(r, 200, json_pack("{s:o}", "teams", arr));
}

void api_users(struct req *r)
{
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
    u->username = member_text(o, "username", v);
    u->full_name = member_text(o, "full_name", v);
    const char *role = member_text(o, "role", v);
    u->role = role_parse(role);
    u->team_id = member_id(o, "team_id", v);
    u->email = member_text(o, "email", v);
    u->phone = member_text(o, "phone", v);
    u->active = member_bool(o, "active", true, v);
    json_array_foreach(member_array(o, "skills", 16, v), i, x)
    {
        int k = skill_index(json_string_value(x));
        if (k < 0)
            validation_add(v, "skills", "Ukendt kompetence.");
        else
            u->skills |= 1u << k;
    }
    json_array_foreach(member_array(o, "shifts", 7, v), i, x)
    {
        int wd = (int)member_int(x, "weekday", 0, 1, 7, v);
        minute_t from = member_minute(x, "start", v), to = member_minute(x, "end", v);
        if (!json_is_object(x) || !wd || from < 0 || to < 0) {
            validation_add(v, "shifts",
                           "En vagt skal have en ugedag (1-7) og et start- og "
                           "sluttidspunkt (TT:MM).");
            continue;
        }
        u->shifts[u->shift_count++] = (struct shift){wd, from, to == 0 ? 1440 : to};
    }
}

static void user_write(struct req *r, bool is_new)
{
    if (!require_object(r))
        return;
    struct user u = {.id = is_new ? 0 : r->ids[0]};
    user_from_json(r->json, &u, &r->app.errors);
    const char *pw = member_text(r->json, "password", &r->app.errors);
    enum app_rc rc = is_new ? app_user_create(&r->app, &u, pw) : app_user_update(&r->app, &u, pw);
    struct user saved;
    if (rc == APP_OK)
        rc = app_store_fail(&r->app, store_user_get(r->db, &r->arena, u.id, &saved));
    if (rc != APP_OK) {
        send_app_error(r);
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
