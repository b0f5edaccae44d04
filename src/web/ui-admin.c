/*
 * ui-admin.c — teams and staff: the overview everyone may see, and the
 * administrator's pages for users, roles, skills, shifts and teams.
 */
#include "web/web.h"

#include <stdio.h>
#include <string.h>

#include "app/admin.h"

static const char *const weekday_names[8] = {"",        "Mandag", "Tirsdag", "Onsdag",
                                             "Torsdag", "Fredag", "Lørdag",  "Søndag"};

static const char *skills_text(struct arena *a, unsigned skills)
{
    const char *s = "";
    for (int i = 0; i < skill_count; i++)
        if (skills & (1u << i))
            s = arena_printf(a, "%s%s%s", s, *s ? ", " : "", skill_labels[i]);
    return s;
}

static const char *shifts_text(struct arena *a, const struct user *u)
{
    const char *s = "";
    for (int i = 0; i < u->shift_count; i++) {
        char from[6], to[6];
        minute_format(u->shifts[i].start, from);
        minute_format(u->shifts[i].end % 1440, to);
        s = arena_printf(a, "%s%s%.3s %s–%s", s, *s ? ", " : "",
                         weekday_names[u->shifts[i].weekday], from, to);
    }
    return s;
}

/* A table of staff; with_links adds edit links for the administrator. */
static void staff_table(struct req *r, const struct user *users, int n, long team_id,
                        bool with_links, const char *caption)
{
    html(r, "<div class=\"table--responsive-scroll\"><table class=\"table table--compact\">"
            "<caption>");
    html_txt(r, caption);
    html(r, "</caption><thead><tr><th scope=\"col\">Navn</th><th scope=\"col\">Rolle</th>"
            "<th scope=\"col\">Kompetencer</th><th scope=\"col\">Faste vagter</th>");
    if (with_links)
        html(r, "<th scope=\"col\">Brugernavn</th><th scope=\"col\">Status</th>");
    html(r, "</tr></thead><tbody>");
    for (int i = 0; i < n; i++) {
        if (team_id >= 0 && users[i].team_id != team_id)
            continue;
        html(r, "<tr><td>");
        if (with_links) {
            html(r, "<a href=\"");
            html_link(r, PAGE_ADMIN_USER, users[i].id, 0);
            html(r, "\">");
            html_txt(r, users[i].full_name);
            html(r, "</a>");
        } else {
            html_txt(r, users[i].full_name);
        }
        html(r, "</td><td>");
        html_txt(r, role_label(users[i].role));
        html(r, "</td><td>");
        html_txt(r, skills_text(&r->arena, users[i].skills));
        html(r, "</td><td>");
        html_txt(r, shifts_text(&r->arena, &users[i]));
        html(r, "</td>");
        if (with_links) {
            html(r, "<td>");
            html_txt(r, users[i].username);
            html(r, users[i].active ? "</td><td>Aktiv</td>" : "</td><td>Deaktiveret</td>");
        }
        html(r, "</tr>");
    }
    html(r, "</tbody></table></div>");
}

void ui_teams(struct req *r)
{
    struct team *teams;
    struct user *users;
    int nt, nu;
    if (store_team_list(r->db, &r->arena, &teams, &nt) != STORE_OK ||
        store_user_list(r->db, &r->arena, 0, &users, &nu) != STORE_OK) {
        send_store_error(r, STORE_ERROR);
        return;
    }
    page_begin(r, "Teams og medarbejdere");
    html(r, "<h1>Teams og medarbejdere</h1><p>De faste teams og de medarbejdere, der kommer hos "
            "borgerne.</p>");
    for (int i = 0; i < nt; i++) {
        html(r, "<h2>");
        html_txt(r, teams[i].name);
        html(r, "</h2><p>Kontor: ");
        html_txt(r, *teams[i].office_address ? teams[i].office_address : "–");
        htmlf(r, " · %d medarbejdere", teams[i].member_count);
        if (route_allowed(&r->actor, link_to(r, PAGE_ADMIN_TEAM, teams[i].id, 0))) {
            html(r, " · <a href=\"");
            html_link(r, PAGE_ADMIN_TEAM, teams[i].id, 0);
            html(r, "\">Ret team<span class=\"sr-only\"> ");
            html_txt(r, teams[i].name);
            html(r, "</span></a>");
        }
        html(r, "</p>");
        staff_table(r, users, nu, teams[i].id, false,
                    arena_printf(&r->arena, "Medarbejdere i %s", teams[i].name));
    }
    page_end(r);
}

/* --- users ------------------------------------------------------------------ */

void ui_admin_users(struct req *r)
{
    struct user *users;
    int n;
    if (store_user_list(r->db, &r->arena, 0, &users, &n) != STORE_OK) {
        send_store_error(r, STORE_ERROR);
        return;
    }
    page_begin(r, "Brugere");
    html(r, "<h1>Administration: brugere</h1><p><a class=\"button button-secondary\" href=\"");
    html_link(r, PAGE_ADMIN_USER_NEW, 0, 0);
    html(r, "\">Opret bruger</a> <a class=\"button button-secondary\" href=\"");
    html_link(r, PAGE_ADMIN_TEAM_NEW, 0, 0);
    html(r, "\">Opret team</a></p>");
    staff_table(r, users, n, -1, true, "Alle brugere");
    page_end(r);
}

static void user_form(struct req *r, const struct user *u, const struct validation *v)
{
    bool is_new = u->id == 0;
    const char *title = is_new ? "Opret bruger" : "Ret bruger";
    struct team *teams;
    int nt = 0;
    store_team_list(r->db, &r->arena, &teams, &nt);
    page_begin(r, title);
    html(r, "<h1>");
    html_txt(r, title);
    html(r, "</h1>");
    form_error_summary(r, v);
    html(r, "<form method=\"post\" action=\"");
    html_link(r, is_new ? PAGE_ADMIN_USER_NEW : PAGE_ADMIN_USER, u->id, 0);
    html(r, "\" novalidate>");
    form_csrf(r);
    form_text(r, "username", "Brugernavn", u->username,
              "Små bogstaver, tal, punktum og "
              "bindestreg",
              v, "text");
    form_text(r, "full_name", "Fulde navn", u->full_name, NULL, v, "text");
    form_select_open(r, "role", "Rolle", v ? validation_for(v, "role") : NULL);
    form_option(r, "", "Vælg rolle", u->role == ROLE_NONE);
    for (int i = ROLE_NONE + 1; i < ROLE_COUNT; i++)
        form_option(r, role_code((enum role)i), role_label((enum role)i), (int)u->role == i);
    form_select_close(r);
    form_select_open(r, "team_id", "Team", v ? validation_for(v, "team_id") : NULL);
    form_option(r, "", "Intet team / alle teams", u->team_id <= 0);
    for (int i = 0; i < nt; i++)
        form_option(r, arena_printf(&r->arena, "%ld", teams[i].id), teams[i].name,
                    teams[i].id == u->team_id);
    form_select_close(r);
    form_text(r, "email", "E-mail", u->email, NULL, v, "email");
    form_text(r, "phone", "Telefon", u->phone, NULL, v, "tel");
    html(r, "<fieldset><legend class=\"form-label\">Kompetencer</legend>");
    for (int i = 0; i < skill_count; i++)
        form_checkbox(r, arena_printf(&r->arena, "skill-%s", skill_codes[i]), skill_labels[i],
                      (u->skills & (1u << i)) != 0);
    const char *shift_err = v ? validation_for(v, "shifts") : NULL;
    html(r, shift_err ? "</fieldset><fieldset aria-describedby=\"f-shifts\">"
                      : "</fieldset><fieldset>");
    html(r, "<legend class=\"form-label\">Faste vagter (TT:MM, tomt = fri)</legend>");
    if (shift_err) {
        html(r, "<p class=\"form-error-message\" id=\"f-shifts\" tabindex=\"-1\"><span "
                "class=\"sr-only\">Fejl: </span>");
        html_txt(r, shift_err);
        html(r, "</p>");
    }
    for (int d = 1; d <= 7; d++) {
        char from[6] = "", to[6] = "";
        for (int i = 0; i < u->shift_count; i++) {
            if (u->shifts[i].weekday == d) {
                minute_format(u->shifts[i].start, from);
                minute_format(u->shifts[i].end % 1440, to);
            }
        }
        /* After a failed save: show what was typed, and mark the times of
         * a day that could not be read beside the fields. */
        const char *keys[2] = {arena_printf(&r->arena, "shift-%d-start", d),
                               arena_printf(&r->arena, "shift-%d-end", d)};
        const char *shown[2] = {from, to};
        struct validation sv = {0};
        if (shift_err) {
            const char *typed[2] = {req_form(r, keys[0]), req_form(r, keys[1])};
            int m[2] = {minute_parse(typed[0]), minute_parse(typed[1])};
            bool day_bad = !(m[0] == MINUTE_NONE && m[1] == MINUTE_NONE) && (m[0] < 0 || m[1] < 0);
            for (int k = 0; k < 2; k++) {
                if (typed[k])
                    shown[k] = typed[k];
                if (day_bad && m[k] < 0)
                    validation_add(&sv, keys[k],
                                   m[k] == MINUTE_NONE ? "Udfyld både fra og til."
                                                       : "Skriv tidspunktet som TT:MM, fx 07:00.");
            }
        }
        html(r, "<div class=\"omsorg-shift\">");
        form_text(r, keys[0], arena_printf(&r->arena, "%s fra", weekday_names[d]), shown[0], NULL,
                  &sv, "text");
        form_text(r, keys[1], arena_printf(&r->arena, "%s til", weekday_names[d]), shown[1], NULL,
                  &sv, "text");
        html(r, "</div>");
    }
    html(r, "</fieldset>");
    form_checkbox(r, "active", "Aktiv (kan logge ind)", u->active);
    form_text(r, "password", is_new ? "Adgangskode" : "Ny adgangskode", "",
              is_new ? "Mindst 10 tegn" : "Lad feltet stå tomt for at beholde den nuværende", v,
              "password");
    html(r, "<button class=\"button button-primary\" type=\"submit\">Gem</button> "
            "<a class=\"button button-tertiary\" href=\"/admin/brugere\">Annullér</a></form>");
    page_end(r);
}

static void user_from_form(struct req *r, struct user *u, bool *shifts_bad)
{
    memset(u, 0, sizeof *u);
    u->id = r->nids ? r->ids[0] : 0;
    u->username = req_form(r, "username");
    u->full_name = req_form(r, "full_name");
    u->role = role_parse(req_form(r, "role"));
    u->team_id = parse_id(req_form(r, "team_id"));
    u->email = req_form(r, "email");
    u->phone = req_form(r, "phone");
    u->active = req_form(r, "active") != NULL;
    for (int i = 0; i < skill_count; i++) {
        char key[40];
        snprintf(key, sizeof key, "skill-%s", skill_codes[i]);
        if (req_form(r, key))
            u->skills |= 1u << i;
    }
    *shifts_bad = false;
    for (int d = 1; d <= 7; d++) {
        char k1[32], k2[32];
        snprintf(k1, sizeof k1, "shift-%d-start", d);
        snprintf(k2, sizeof k2, "shift-%d-end", d);
        int from = minute_parse(req_form(r, k1)), to = minute_parse(req_form(r, k2));
        if (from == MINUTE_NONE && to == MINUTE_NONE)
            continue;
        if (from < 0 || to < 0) {
            *shifts_bad = true;
            continue;
        }
        if (to == 0)
            to = 1440; /* a shift ending at midnight */
        u->shifts[u->shift_count++] = (struct shift){d, from, to};
    }
}

static void user_post(struct req *r, bool is_new)
{
    struct user u;
    bool shifts_bad;
    user_from_form(r, &u, &shifts_bad);
    const char *pw = req_form(r, "password");
    if (!is_new && pw && !*pw)
        pw = NULL;
    if (shifts_bad)
        validation_add(&r->app.errors, "shifts", "Skriv vagternes tider som TT:MM, fx 07:00.");
    enum app_rc rc = is_new ? app_user_create(&r->app, &u, pw) : app_user_update(&r->app, &u, pw);
    if (rc == APP_OK) {
        redirect(r, link_to(r, PAGE_ADMIN_USERS, 0, 0));
    } else if (r->app.errors.count) {
        r->status = 422; /* the form again, with what to fix */
        user_form(r, &u, &r->app.errors);
    } else {
        send_app_error(r);
    }
}

void ui_admin_user_new(struct req *r)
{
    struct user u = {.username = "", .full_name = "", .email = "", .phone = "", .active = true};
    user_form(r, &u, NULL);
}

void ui_admin_user_create(struct req *r)
{
    user_post(r, true);
}

void ui_admin_user_edit(struct req *r)
{
    struct user u;
    enum store_rc rc = store_user_get(r->db, &r->arena, r->ids[0], &u);
    if (rc != STORE_OK) {
        send_store_error(r, rc);
        return;
    }
    user_form(r, &u, NULL);
}

void ui_admin_user_update(struct req *r)
{
    user_post(r, false);
}

/* --- teams ------------------------------------------------------------------ */

static void team_form(struct req *r, const struct team *t, const struct validation *v)
{
    bool is_new = t->id == 0;
    const char *title = is_new ? "Opret team" : "Ret team";
    page_begin(r, title);
    html(r, "<h1>");
    html_txt(r, title);
    html(r, "</h1>");
    form_error_summary(r, v);
    html(r, "<form method=\"post\" action=\"");
    html_link(r, is_new ? PAGE_ADMIN_TEAM_NEW : PAGE_ADMIN_TEAM, t->id, 0);
    html(r, "\" novalidate>");
    form_csrf(r);
    form_text(r, "slug", "Kortnavn", t->slug, "Fx nord", v, "text");
    form_text(r, "name", "Navn", t->name, "Fx Team Nord", v, "text");
    form_text(r, "office_address", "Kontorets adresse", t->office_address, NULL, v, "text");
    html(r, "<button class=\"button button-primary\" type=\"submit\">Gem</button> "
            "<a class=\"button button-tertiary\" href=\"/teams\">Annullér</a></form>");
    page_end(r);
}

void ui_admin_team_new(struct req *r)
{
    struct team t = {.slug = "", .name = "", .office_address = ""};
    team_form(r, &t, NULL);
}

static void team_post(struct req *r, bool is_new)
{
    struct team t = {.id = is_new ? 0 : r->ids[0],
                     .slug = req_form(r, "slug"),
                     .name = req_form(r, "name"),
                     .office_address = req_form(r, "office_address")};
    enum app_rc rc = is_new ? app_team_create(&r->app, &t) : app_team_update(&r->app, &t);
    if (rc == APP_OK) {
        redirect(r, link_to(r, PAGE_TEAMS, 0, 0));
    } else if (r->app.errors.count) {
        r->status = 422; /* the form again, with what to fix */
        team_form(r, &t, &r->app.errors);
    } else {
        send_app_error(r);
    }
}

void ui_admin_team_create(struct req *r)
{
    team_post(r, true);
}

void ui_admin_team_edit(struct req *r)
{
    struct team t;
    enum store_rc rc = store_team_get(r->db, &r->arena, r->ids[0], &t);
    if (rc != STORE_OK) {
        send_store_error(r, rc);
        return;
    }
    team_form(r, &t, NULL);
}

void ui_admin_team_update(struct req *r)
{
    team_post(r, false);
}
