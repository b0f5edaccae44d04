/*
 * ui-citizen.c — citizen pages: search, the record, create and edit.
 */
#include "web/web.h"

#include <stdio.h>
#include <string.h>

#include "app/citizen.h"

/* --- search --------------------------------------------------------------- */

void ui_citizen_search(struct req *r)
{
    const char *q = req_arg(r, "q");
    struct citizen *list = NULL;
    int n = 0;
    bool more = false;
    if (!q)
        q = "";
    if (*q && app_citizen_search(&r->app, q, 50, &list, &n, &more) != APP_OK &&
        r->app.rc != APP_INVALID) {
        send_app_error(r);
        return;
    }
    const struct validation *v = r->app.errors.count ? &r->app.errors : NULL;
    long scope = access_scope(&r->actor, CAP_CITIZENS);
    page_begin(r, "Borgere");
    html(r, "<h1>Borgere</h1>");
    if (access_can(&r->actor, CAP_CITIZEN_WRITE)) {
        html(r, "<p><a class=\"button button-secondary\" href=\"");
        html_link(r, PAGE_CITIZEN_NEW, 0, 0);
        html(r, "\">Opret borger</a></p>");
    }
    html(r, "<form method=\"get\" action=\"/borgere\" role=\"search\">");
    form_text(r, "q", "Søg efter navn, CPR-nummer eller adresse", q,
              scope ? "Du ser borgere i dit eget team." : NULL, v, "search");
    html(r, "<button class=\"button button-primary\" type=\"submit\">Søg</button></form>");
    if (*q && !v) {
        html(r, "<h2 class=\"h3\">Resultat</h2>");
        if (n == 0) {
            html(r, "<p>Ingen borgere matcher søgningen.</p>");
        } else {
            html(r, "<div class=\"table--responsive-scroll\"><table class=\"table "
                    "table--compact\"><caption class=\"sr-only\">Borgere, "
                    "der matcher søgningen</caption><thead><tr><th scope=\"col\">Navn</th>"
                    "<th scope=\"col\">CPR-nummer</th><th scope=\"col\">Adresse</th>"
                    "<th scope=\"col\">Team</th></tr></thead><tbody>");
            for (int i = 0; i < n; i++) {
                char cpr[12];
                cpr_format(list[i].cpr, cpr);
                html(r, "<tr><td><a href=\"");
                html_link(r, PAGE_CITIZEN, list[i].id, 0);
                html(r, "\">");
                html_txt(r, list[i].first_name);
                html(r, " ");
                html_txt(r, list[i].last_name);
                html(r, "</a></td><td>");
                html_txt(r, cpr);
                html(r, "</td><td>");
                html_txt(r, list[i].address);
                html(r, ", ");
                html_txt(r, list[i].postcode);
                html(r, " ");
                html_txt(r, list[i].city);
                html(r, "</td><td>");
                html_txt(r, list[i].team_name);
                html(r, "</td></tr>");
            }
            html(r, "</tbody></table></div>");
            if (more)
                html(r, "<p>Der er flere end 50 resultater. Gør søgningen mere præcis.</p>");
        }
    }
    page_end(r);
}

/* --- the record ----------------------------------------------------------- */

static void dl_time(struct req *r, const char *label, minute_t m)
{
    char t[6];
    minute_format(m, t);
    dl_row(r, label, t);
}

static const char *action_label(const char *action)
{
    if (!strcmp(action, "read"))
        return "Læste journalen";
    if (!strcmp(action, "update"))
        return "Ændrede oplysninger";
    if (!strcmp(action, "create"))
        return "Oprettede borgeren";
    if (!strcmp(action, "denied"))
        return "Forsøgte at læse (afvist)";
    if (!strcmp(action, "relative"))
        return "Ændrede pårørende";
    if (!strcmp(action, "assessment"))
        return "Vurderede borgerens funktionsevne";
    if (!strcmp(action, "goal"))
        return "Satte eller fulgte op på et mål";
    if (!strcmp(action, "grant"))
        return "Ændrede en afgørelse";
    return action;
}

static void access_log_table(struct req *r, long id)
{
    struct audit_entry *log;
    int n;
    if (app_citizen_access_log(&r->app, id, 50, &log, &n) != APP_OK)
        return;
    html(r, "<h2>Hvem har set journalen</h2><p>De seneste 50 opslag og ændringer.</p>"
            "<div class=\"table--responsive-scroll\">"
            "<table class=\"table table--compact\">"
            "<caption class=\"sr-only\">Adgangslog</caption><thead><tr>"
            "<th scope=\"col\">Tidspunkt</th><th scope=\"col\">Medarbejder</th>"
            "<th scope=\"col\">Rolle</th><th scope=\"col\">Handling</th></tr></thead><tbody>");
    for (int i = 0; i < n; i++) {
        char when[32];
        datetime_local(log[i].at, when, sizeof when);
        html(r, "<tr><td>");
        html_txt(r, when);
        html(r, "</td><td>");
        html_txt(r, log[i].full_name);
        html(r, "</td><td>");
        html_txt(r, role_label(role_parse(log[i].role)));
        html(r, "</td><td>");
        html_txt(r, action_label(log[i].action));
        html(r, "</td></tr>");
    }
    html(r, "</tbody></table></div>");
}

static void relatives_table(struct req *r, const struct citizen *c, bool can_write)
{
    html(r, "<h2>Pårørende og netværk</h2>");
    if (c->relative_count == 0)
        html(r, "<p>Der er ikke registreret pårørende eller netværk.</p>");
    else {
        html(r, "<div class=\"table--responsive-scroll\"><table class=\"table "
                "table--compact\"><caption class=\"sr-only\">Pårørende og "
                "netværk</caption><thead><tr><th scope=\"col\">Navn</th><th scope=\"col\">"
                "Relation</th><th scope=\"col\">Telefon</th><th scope=\"col\">E-mail</th>"
                "<th scope=\"col\">Må inddrages</th>");
        if (can_write)
            html(r, "<th scope=\"col\"><span class=\"sr-only\">Handlinger</span></th>");
        html(r, "</tr></thead><tbody>");
        for (int i = 0; i < c->relative_count; i++) {
            const struct relative *x = &c->relatives[i];
            html(r, "<tr><td>");
            html_txt(r, x->name);
            html(r, "</td><td>");
            html_txt(r, x->relation);
            if (x->is_network)
                html(r, " (netværk)");
            html(r, "</td><td>");
            html_txt(r, x->phone);
            html(r, "</td><td>");
            html_txt(r, x->email);
            html(r, "</td><td>");
            html(r, x->consent ? "Ja" : "Nej");
            html(r, "</td>");
            if (can_write) {
                html(r, "<td><a href=\"");
                html_link(r, PAGE_RELATIVE, c->id, x->id);
                html(r, "\">Ret<span class=\"sr-only\"> ");
                html_txt(r, x->name);
                html(r, "</span></a></td>");
            }
            html(r, "</tr>");
        }
        html(r, "</tbody></table></div>");
    }
    if (can_write) {
        html(r, "<p><a class=\"button button-secondary\" href=\"");
        html_link(r, PAGE_RELATIVE_NEW, c->id, 0);
        html(r, "\">Tilføj pårørende eller netværk</a></p>");
    }
}

void ui_citizen_show(struct req *r)
{
    struct citizen c;
    if (app_citizen_get(&r->app, r->ids[0], "record page", &c) != APP_OK) {
        send_app_error(r);
        return;
    }
    bool can_write = access_can(&r->actor, CAP_CITIZEN_WRITE);
    char cpr[12], age[32] = "";
    struct date birth;
    cpr_format(c.cpr, cpr);
    if (cpr_birth_date(c.cpr, &birth))
        snprintf(age, sizeof age, "%d år", date_age(birth, date_today()));
    const char *name = arena_printf(&r->arena, "%s %s", c.first_name, c.last_name);
    page_begin(r, name);
    page_breadcrumbs(
        r, (struct crumb[]){{"Borgere", link_to(r, PAGE_CITIZENS, 0, 0)}, {name, NULL}}, 2);
    html(r, "<h1>");
    html_txt(r, name);
    html(r, "</h1><p class=\"omsorg-lead\">CPR-nummer ");
    html_txt(r, cpr);
    html(r, " · ");
    html_txt(r, age);
    if (c.lives_alone)
        html(r, " · <span class=\"badge badge-info\">Bor alene</span>");
    html(r, "</p>");
    if (can_write) {
        html(r, "<p><a class=\"button button-secondary\" href=\"");
        html_link(r, PAGE_CITIZEN_EDIT, c.id, 0);
        html(r, "\">Ret oplysninger</a></p>");
    }
    html(r, "<section class=\"omsorg-matters\" aria-labelledby=\"matters\"><h2 id=\"matters\">"
            "Hvad er vigtigt for dig?</h2><p class=\"omsorg-quote\">");
    html_txt(r, *c.what_matters ? c.what_matters : "Borgeren er endnu ikke spurgt.");
    html(r, "</p></section><div class=\"row\"><div class=\"col-12 col-lg-6\">"
            "<h2>Personoplysninger</h2><dl class=\"omsorg-dl\">");
    dl_row(r, "Adresse", arena_printf(&r->arena, "%s, %s %s", c.address, c.postcode, c.city));
    dl_row(r, "Telefon", c.phone);
    dl_row(r, "Bor alene", c.lives_alone ? "Ja" : "Nej");
    dl_row(r, "Fast team", c.team_name);
    dl_row(r, "Tovholder", c.coordinator_name);
    const char *contacts = "";
    for (int i = 0; i < c.contact_count; i++)
        contacts = arena_printf(&r->arena, "%s%s%s", contacts, i ? ", " : "", c.contact_names[i]);
    dl_row(r, "Kontaktpersoner", contacts);
    html(r, "</dl></div><div class=\"col-12 col-lg-6\"><h2>Døgnrytme</h2>"
            "<dl class=\"omsorg-dl\">");
    dl_time(r, "Står op", c.rhythm.get_up);
    dl_time(r, "Morgenmad", c.rhythm.breakfast);
    dl_time(r, "Frokost", c.rhythm.lunch);
    dl_time(r, "Aftensmad", c.rhythm.dinner);
    dl_time(r, "Går i seng", c.rhythm.bedtime);
    dl_row(r, "Borgerens ord om dagen", c.rhythm.note);
    html(r, "</dl></div></div>");
    relatives_table(r, &c, can_write);
    assessment_section(r, &c);
    grant_section(r, &c);
    care_section(r, &c);
    access_log_table(r, c.id);
    page_end(r);
}

/* --- create and edit ------------------------------------------------------ */

/* Fill a citizen from the posted form; *cpr_input gets the typed CPR. */
static void citizen_from_form(struct req *r, struct citizen *c, const char **cpr_input)
{
    memset(c, 0, sizeof *c);
    *cpr_input = req_form(r, "cpr");
    c->first_name = req_form(r, "first_name");
    c->last_name = req_form(r, "last_name");
    c->address = req_form(r, "address");
    c->postcode = req_form(r, "postcode");
    c->city = req_form(r, "city");
    c->phone = req_form(r, "phone");
    c->lives_alone = req_form(r, "lives_alone") != NULL;
    c->team_id = parse_id(req_form(r, "team_id"));
    c->coordinator_id = parse_id(req_form(r, "coordinator_id"));
    c->what_matters = req_form(r, "what_matters");
    c->rhythm.get_up = minute_parse(req_form(r, "get_up"));
    c->rhythm.breakfast = minute_parse(req_form(r, "breakfast"));
    c->rhythm.lunch = minute_parse(req_form(r, "lunch"));
    c->rhythm.dinner = minute_parse(req_form(r, "dinner"));
    c->rhythm.bedtime = minute_parse(req_form(r, "bedtime"));
    c->rhythm.note = req_form(r, "rhythm_note");
    c->version = parse_id(req_form(r, "version"));
    for (int i = 0; i < r->nform && c->contact_count < 8; i++) {
        if (!strcmp(r->form[i].name, "contact")) {
            long uid = parse_id(r->form[i].value);
            if (uid > 0)
                c->contact_ids[c->contact_count++] = uid;
        }
    }
}

/* A select of teams (name="team_id"). */
static void team_select(struct req *r, long selected, const struct validation *v)
{
    struct team *teams;
    int n = 0;
    store_team_list(r->db, &r->arena, &teams, &n);
    form_select_open(r, "team_id", "Fast team", v ? validation_for(v, "team_id") : NULL);
    form_option(r, "", "Vælg team", selected <= 0);
    for (int i = 0; i < n; i++)
        form_option(r, arena_printf(&r->arena, "%ld", teams[i].id), teams[i].name,
                    teams[i].id == selected);
    form_select_close(r);
}

/* Coordinator select and contact-person checkboxes from the team's staff. */
static void staff_choices(struct req *r, const struct citizen *c)
{
    struct user *staff;
    int n = 0;
    if (store_user_list(r->db, &r->arena, 0, &staff, &n) != STORE_OK)
        return;
    html(r, "<div class=\"form-group\"><label class=\"form-label\" for=\"f-coordinator_id\">"
            "Tovholder</label><span class=\"form-hint\" id=\"f-coordinator_id-hint\">Den "
            "medarbejder, der holder sammen på borgerens forløb.</span><select "
            "class=\"form-select\" id=\"f-coordinator_id\" name=\"coordinator_id\" "
            "aria-describedby=\"f-coordinator_id-hint\"><option value=\"\">Ingen</option>");
    for (int i = 0; i < n; i++) {
        if (!staff_assignable(&staff[i], STAFF_CONTACT))
            continue;
        htmlf(r, "<option value=\"%ld\"%s>", staff[i].id,
              staff[i].id == c->coordinator_id ? " selected" : "");
        html_txt(r, staff[i].full_name);
        html(r, " (");
        html_txt(r, role_label(staff[i].role));
        html(r, ")</option>");
    }
    html(r, "</select></div>");
    if (c->team_id <= 0)
        return;
    html(r, "<fieldset><legend class=\"form-label\">Kontaktpersoner i det faste team</legend>");
    for (int i = 0; i < n; i++) {
        if (staff[i].team_id != c->team_id || !staff[i].active)
            continue;
        bool on = false;
        for (int k = 0; k < c->contact_count; k++)
            on |= c->contact_ids[k] == staff[i].id;
        htmlf(r,
              "<div class=\"form-group-checkbox\"><input type=\"checkbox\" "
              "class=\"form-checkbox\" id=\"f-contact-%ld\" name=\"contact\" value=\"%ld\"%s>"
              "<label class=\"form-label\" for=\"f-contact-%ld\">",
              staff[i].id, staff[i].id, on ? " checked" : "", staff[i].id);
        html_txt(r, staff[i].full_name);
        html(r, "</label></div>");
    }
    html(r, "</fieldset>");
}

static void citizen_form(struct req *r, const struct citizen *c, const char *cpr,
                         const struct validation *v)
{
    bool is_new = c->id == 0;
    char t[5][6];
    minute_t times[5] = {c->rhythm.get_up, c->rhythm.breakfast, c->rhythm.lunch, c->rhythm.dinner,
                         c->rhythm.bedtime};
    const char *keys[5] = {"get_up", "breakfast", "lunch", "dinner", "bedtime"};
    const char *labels[5] = {"Står op", "Morgenmad", "Frokost", "Aftensmad", "Går i seng"};
    const char *title = is_new ? "Opret borger" : "Ret oplysninger";
    page_begin(r, title);
    html(r, "<h1>");
    html_txt(r, title);
    html(r, "</h1>");
    form_error_summary(r, v);
    html(r, "<form method=\"post\" action=\"");
    html_link(r, is_new ? PAGE_CITIZEN_NEW : PAGE_CITIZEN_EDIT, c->id, 0);
    html(r, "\" novalidate>");
    form_csrf(r);
    htmlf(r, "<input type=\"hidden\" name=\"version\" value=\"%ld\">", c->version);
    html(r, "<h2 class=\"h3\">Personoplysninger</h2>");
    form_text(r, "cpr", "CPR-nummer", cpr, "10 cifre, fx 010245-1234", v, "text");
    form_text(r, "first_name", "Fornavn", c->first_name, NULL, v, "text");
    form_text(r, "last_name", "Efternavn", c->last_name, NULL, v, "text");
    form_text(r, "address", "Adresse", c->address, "Vej, nummer, etage", v, "text");
    form_text(r, "postcode", "Postnummer", c->postcode, NULL, v, "text");
    form_text(r, "city", "By", c->city, NULL, v, "text");
    form_text(r, "phone", "Telefon", c->phone, NULL, v, "tel");
    form_checkbox(r, "lives_alone", "Bor alene", c->lives_alone);
    team_select(r, c->team_id, v);
    staff_choices(r, c);
    html(r, "<h2 class=\"h3\">Hvad er vigtigt for dig?</h2>");
    form_textarea(r, "what_matters", "Med borgerens egne ord", c->what_matters,
                  "Skriv det, borgeren siger, så vidt muligt ordret.", v);
    html(r, "<h2 class=\"h3\">Døgnrytme</h2><p>Hvornår vil borgeren gerne … (TT:MM)</p>");
    for (int i = 0; i < 5; i++) {
        minute_format(times[i] >= 0 ? times[i] : MINUTE_NONE, t[i]);
        /* Keep what the user typed when it could not be read */
        const char *typed = req_form(r, keys[i]);
        form_text(r, keys[i], labels[i], times[i] == -2 && typed ? typed : t[i], NULL, v, "text");
    }
    form_textarea(r, "rhythm_note", "Borgerens ord om dagen", c->rhythm.note,
                  "Fx \"Jeg vil gerne bestemme selv, hvornår jeg skal i seng.\"", v);
    html(r, "<button class=\"button button-primary\" type=\"submit\">Gem</button> ");
    html(r, "<a href=\"");
    html_link(r, is_new ? PAGE_CITIZENS : PAGE_CITIZEN, c->id, 0);
    html(r, "\" class=\"button button-tertiary\">Annullér</a>");
    html(r, "</form>");
    page_end(r);
}

void ui_citizen_new(struct req *r)
{
    struct citizen c = {
        .rhythm = {MINUTE_NONE, MINUTE_NONE, MINUTE_NONE, MINUTE_NONE, MINUTE_NONE, ""}};
    c.first_name = c.last_name = c.address = c.phone = "";
    c.what_matters = "";
    c.postcode = "2730";
    c.city = "Herlev";
    citizen_form(r, &c, "", NULL);
}

void ui_citizen_edit(struct req *r)
{
    struct citizen c;
    if (app_citizen_get(&r->app, r->ids[0], "edit form", &c) != APP_OK) {
        send_app_error(r);
        return;
    }
    char cpr[12];
    cpr_format(c.cpr, cpr);
    citizen_form(r, &c, cpr, NULL);
}

/* Create (no id in the path) or update from the posted form; on failure the
 * form again with the errors beside the fields, or the error page. */
static void citizen_post(struct req *r)
{
    struct citizen c;
    const char *cpr;
    citizen_from_form(r, &c, &cpr);
    c.id = r->nids ? r->ids[0] : 0;
    enum app_rc rc =
        c.id ? app_citizen_update(&r->app, &c, cpr) : app_citizen_create(&r->app, &c, cpr);
    if (rc == APP_OK) {
        redirect(r, link_to(r, PAGE_CITIZEN, c.id, 0));
        return;
    }
    if (!r->app.errors.count) {
        send_app_error(r);
        return;
    }
    r->status = 422; /* the form again, with what to fix */
    citizen_form(r, &c, cpr ? cpr : "", &r->app.errors);
}

void ui_citizen_create(struct req *r)
{
    citizen_post(r);
}

void ui_citizen_update(struct req *r)
{
    citizen_post(r);
}
