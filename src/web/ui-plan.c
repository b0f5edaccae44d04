/*
 * ui-plan.c — the planner's day (per carer as a timeline, per citizen, the
 * day's figures, unplanned visits, moving a visit by hand) and the care
 * worker's route for the day.
 */
#include "web/web.h"

#include <stdio.h>
#include <string.h>

#include "core/planday.h"

/* The day from ?dato= (default: tomorrow for planners, today for carers). */
static bool day_arg(struct req *r, const char *value, int default_offset, struct date *d)
{
    if (!value || !*value) {
        *d = date_add_days(date_today(), default_offset);
        return true;
    }
    if (date_parse(value, d))
        return true;
    send_error(r, 400, "bad_date", "Datoen skal skrives som ÅÅÅÅ-MM-DD.");
    return false;
}

static bool require_planner(struct req *r)
{
    if (r->actor.role == ROLE_PLANNER)
        return true;
    send_error(r, 403, "forbidden", "Kun planlæggere og teamledere kan planlægge.");
    return false;
}

static const char *hhmm(struct arena *a, double minutes)
{
    char t[6];
    minute_format(minutes < 0 ? MINUTE_NONE : (int)(minutes + 0.5), t);
    return arena_strdup(a, t);
}

/* The team from ?team= (default: the first team). */
static bool team_arg(struct req *r, const char *value, struct team *teams, int nt, long *team)
{
    *team = value && *value ? parse_id(value) : nt ? teams[0].id : 0;
    for (int i = 0; i < nt; i++)
        if (teams[i].id == *team)
            return true;
    send_error(r, 404, "not_found", "Teamet findes ikke.");
    return false;
}

static void day_form(struct req *r, struct date day, const struct team *teams, int nt, long team)
{
    char d[11];
    date_format(day, d);
    html(r, "<form method=\"get\" action=\"/planlaegning\" class=\"omsorg-inline\">");
    form_text(r, "dato", "Dato (ÅÅÅÅ-MM-DD)", d, NULL, NULL, "date");
    html(r, "<div class=\"form-group\"><label class=\"form-label\" for=\"f-team\">Team</label>"
            "<select class=\"form-select\" id=\"f-team\" name=\"team\">");
    for (int i = 0; i < nt; i++) {
        htmlf(r, "<option value=\"%ld\"%s>", teams[i].id, teams[i].id == team ? " selected" : "");
        html_txt(r, teams[i].name);
        html(r, "</option>");
    }
    html(r, "</select></div><button class=\"button button-secondary\" type=\"submit\">Vis dagen"
            "</button></form>");
    html(r, "<form method=\"post\" action=\"/planlaegning\">");
    form_csrf(r);
    htmlf(r, "<input type=\"hidden\" name=\"dato\" value=\"%s\"><input type=\"hidden\" "
             "name=\"team\" value=\"%ld\">",
          d, team);
    html(r, "<button class=\"button button-primary\" type=\"submit\">Planlæg dagen</button>"
            "</form>");
}

static void figures(struct req *r, struct date day, long team)
{
    struct plan_run_figures f;
    if (store_plan_run_last(r->db, day, team, &f) != STORE_OK) {
        html(r, "<p>Dagen er ikke planlagt endnu.</p>");
        return;
    }
    int total = f.visits + f.unassigned;
    html(r, "<h2>Dagens tal</h2><dl class=\"omsorg-dl\">");
    htmlf(r, "<dt>Besøg planlagt</dt><dd>%d af %d</dd>", f.visits, total);
    htmlf(r, "<dt>Besøg hos en kendt medarbejder</dt><dd>%d (%.0f %%)</dd>", f.known_carer,
          f.visits ? 100.0 * f.known_carer / f.visits : 0.0);
    htmlf(r, "<dt>Køretid i alt</dt><dd>%.0f minutter (%.1f pr. besøg)</dd>", f.travel,
          f.visits ? f.travel / f.visits : 0.0);
    htmlf(r, "<dt>Besøg uden for borgerens tidsvindue</dt><dd>%d</dd>", f.outside_window);
    htmlf(r, "<dt>Planlægningstid</dt><dd>%.1f sekunder</dd></dl>", f.seconds);
}

/* A move form for one visit: carer(s) and start time. */
static void move_form(struct req *r, const struct plan_visit *v, const struct user *staff, int n)
{
    bool planned = v->carer_ids[0] != 0;
    htmlf(r, "<details class=\"details\"><summary class=\"details-summary\">%s"
             "</summary><div class=\"details-text\"><form method=\"post\" "
             "action=\"/planlaegning/besoeg/%ld\">",
          planned ? "Flyt besøget" : "Planlæg besøget i hånden", v->id);
    form_csrf(r);
    for (int k = 0; k < v->carers; k++) {
        htmlf(r, "<div class=\"form-group\"><label class=\"form-label\" for=\"f-c%d-%ld\">"
                 "Medarbejder%s</label><select class=\"form-select\" id=\"f-c%d-%ld\" "
                 "name=\"carer%d\">",
              k, v->id, v->carers == 2 ? (k ? " 2" : " 1") : "", k, v->id, k);
        for (int i = 0; i < n; i++) {
            htmlf(r, "<option value=\"%ld\"%s>", staff[i].id,
                  staff[i].id == v->carer_ids[k] ? " selected" : "");
            html_txt(r, staff[i].full_name);
            html(r, "</option>");
        }
        html(r, "</select></div>");
    }
    form_text(r, arena_printf(&r->arena, "start-%ld", v->id), "Starttidspunkt (TT:MM)",
              hhmm(&r->arena, v->start >= 0 ? v->start : v->window_start), NULL, NULL, "text");
    html(r, planned ? "<button class=\"button button-secondary\" type=\"submit\">Flyt</button>"
                    : "<button class=\"button button-secondary\" type=\"submit\">Planlæg</button>");
    html(r, "</form></div></details>");
}

static void visit_cells(struct req *r, const struct plan_visit *v)
{
    html(r, "<td>");
    html_txt(r, hhmm(&r->arena, v->start));
    html(r, "–");
    html_txt(r, hhmm(&r->arena, v->start + v->duration));
    html(r, "</td><td>");
    html_txt(r, hhmm(&r->arena, v->window_start));
    html(r, "–");
    html_txt(r, hhmm(&r->arena, v->window_end));
    htmlf(r, "</td><td><a href=\"/borgere/%ld\">", v->citizen_id);
    html_txt(r, v->citizen_name);
    html(r, "</a></td><td>");
    html_txt(r, v->service_label);
    html(r, "</td>");
}

static const char *staff_name(const struct user *staff, int n, long id)
{
    for (int i = 0; i < n; i++)
        if (staff[i].id == id)
            return staff[i].full_name;
    return "–";
}

/* The sick-call form, today's absences, and which citizens got a new carer. */
static void sick_call(struct req *r, struct date day, long team, const struct plan_visit *vs, int n,
                      const struct user *staff, int ns)
{
    struct absence *abs;
    int na = 0;
    char d[11];
    date_format(day, d);
    store_absences(r->db, &r->arena, day, team, &abs, &na);
    html(r, "<h2>Sygemelding</h2>");
    if (na) {
        html(r, "<ul>");
        for (int i = 0; i < na; i++) {
            html(r, "<li>");
            html_txt(r, abs[i].name);
            html(r, " er fraværende fra kl. ");
            html_txt(r, hhmm(&r->arena, abs[i].from));
            if (*abs[i].reason) {
                html(r, " (");
                html_txt(r, abs[i].reason);
                html(r, ")");
            }
            html(r, "</li>");
        }
        html(r, "</ul>");
        int changed = 0;
        for (int i = 0; i < n; i++)
            changed += vs[i].prev_ids[0] && vs[i].prev_ids[0] != vs[i].carer_ids[0];
        if (changed) {
            html(r, "<table class=\"table table--compact\"><caption>Borgere, der har fået en ny "
                    "medarbejder</caption><thead><tr><th scope=\"col\">Tid</th><th scope=\"col\">"
                    "Borger</th><th scope=\"col\">Før</th><th scope=\"col\">Nu</th></tr></thead>"
                    "<tbody>");
            for (int i = 0; i < n; i++) {
                const struct plan_visit *v = &vs[i];
                if (!v->prev_ids[0] || v->prev_ids[0] == v->carer_ids[0])
                    continue;
                html(r, "<tr><td>");
                html_txt(r, hhmm(&r->arena, v->start >= 0 ? v->start : v->window_start));
                htmlf(r, "</td><td><a href=\"/borgere/%ld\">", v->citizen_id);
                html_txt(r, v->citizen_name);
                html(r, "</a></td><td>");
                html_txt(r, staff_name(staff, ns, v->prev_ids[0]));
                html(r, "</td><td>");
                html_txt(r, v->carer_ids[0] ? v->carer_names[0] : "Ikke planlagt – handl på det");
                html(r, "</td></tr>");
            }
            html(r, "</tbody></table>");
        }
    }
    html(r, "<form method=\"post\" action=\"/planlaegning/fravaer\">");
    form_csrf(r);
    htmlf(r, "<input type=\"hidden\" name=\"dato\" value=\"%s\"><input type=\"hidden\" "
             "name=\"team\" value=\"%ld\">",
          d, team);
    html(r, "<div class=\"omsorg-inline\"><div class=\"form-group\"><label class=\"form-label\" "
            "for=\"f-absent\">Fraværende medarbejder</label><select class=\"form-select\" id=\"f-absent\" "
            "name=\"medarbejder\">");
    for (int i = 0; i < ns; i++) {
        if (!staff_assignable(&staff[i], STAFF_ABSENCE))
            continue;
        htmlf(r, "<option value=\"%ld\">", staff[i].id);
        html_txt(r, staff[i].full_name);
        html(r, "</option>");
    }
    html(r, "</select></div>");
    form_text(r, "fra", "Fraværende fra (TT:MM)", "07:00", NULL, NULL, "text");
    form_text(r, "aarsag", "Årsag (valgfri)", "", NULL, NULL, "text");
    html(r, "</div><button class=\"button button-primary\" type=\"submit\">Meld fraværende og "
            "planlæg resten af dagen</button></form>");
}

void ui_plan_day(struct req *r)
{
    struct team *teams;
    int nt;
    long team;
    struct date day;
    if (!require_planner(r) || !day_arg(r, req_arg(r, "dato"), 1, &day))
        return;
    if (store_team_list(r->db, &r->arena, &teams, &nt) != STORE_OK ||
        !team_arg(r, req_arg(r, "team"), teams, nt, &team))
        return;
    struct plan_visit *vs;
    struct user *staff;
    int n, ns;
    if (store_plan_day(r->db, &r->arena, day, team, 0, &vs, &n) != STORE_OK ||
        store_user_list(r->db, &r->arena, team, &staff, &ns) != STORE_OK) {
        send_store_error(r, STORE_ERROR);
        return;
    }
    char dl[64];
    date_danish(day, dl, sizeof dl);
    page_begin(r, "Planlægning");
    html(r, "<h1>Planlægning</h1><p class=\"omsorg-lead\">");
    html_txt(r, dl);
    html(r, "</p>");
    if (req_arg(r, "fejl")) {
        html(r, "<div class=\"alert alert-error\" role=\"alert\"><div class=\"alert-body\">"
                "<p class=\"alert-text\">");
        html_txt(r, req_arg(r, "fejl"));
        html(r, "</p></div></div>");
    }
    day_form(r, day, teams, nt, team);
    figures(r, day, team);
    sick_call(r, day, team, vs, n, staff, ns);
    int unplanned = 0;
    for (int i = 0; i < n; i++)
        unplanned += vs[i].carer_ids[0] == 0;
    if (unplanned) {
        html(r, "<h2>Besøg uden medarbejder</h2><ul>");
        for (int i = 0; i < n; i++) {
            if (vs[i].carer_ids[0])
                continue;
            html(r, "<li>");
            html_txt(r, vs[i].citizen_name);
            html(r, ": ");
            html_txt(r, vs[i].service_label);
            html(r, " – ");
            html_txt(r, vs[i].reason);
            move_form(r, &vs[i], staff, ns); /* the leader can place it by hand */
            html(r, "</li>");
        }
        html(r, "</ul>");
    }
    html(r, "<h2>Pr. medarbejder</h2>");
    for (int s = 0; s < ns; s++) {
        int count = 0;
        for (int i = 0; i < n; i++)
            count += vs[i].carer_ids[0] == staff[s].id || vs[i].carer_ids[1] == staff[s].id;
        if (!count)
            continue;
        html(r, "<h3>");
        html_txt(r, staff[s].full_name);
        htmlf(r, " <span class=\"omsorg-muted\">(%d besøg)</span></h3>", count);
        /* a visual timeline 06:00–24:00; the table below carries the same facts */
        html(r, "<svg class=\"omsorg-timeline\" viewBox=\"0 0 1080 10\" "
                "preserveAspectRatio=\"none\" aria-hidden=\"true\" focusable=\"false\">");
        for (int i = 0; i < n; i++) {
            const struct plan_visit *v = &vs[i];
            if (v->start < 0 || (v->carer_ids[0] != staff[s].id && v->carer_ids[1] != staff[s].id))
                continue;
            htmlf(r, "<rect x=\"%.1f\" y=\"0\" width=\"%d\" height=\"10\"></rect>",
                  v->start - 360, v->duration);
        }
        html(r, "</svg><table class=\"table table--compact\"><caption class=\"sr-only\">Besøg "
                "for ");
        html_txt(r, staff[s].full_name);
        html(r, "</caption><thead><tr><th scope=\"col\">Tid</th><th scope=\"col\">Borgerens "
                "vindue</th><th scope=\"col\">Borger</th><th scope=\"col\">Opgave</th><th "
                "scope=\"col\">Flyt</th></tr></thead><tbody>");
        for (int i = 0; i < n; i++) {
            const struct plan_visit *v = &vs[i];
            if (v->carer_ids[0] != staff[s].id && v->carer_ids[1] != staff[s].id)
                continue;
            html(r, "<tr>");
            visit_cells(r, v);
            html(r, "<td>");
            if (v->carer_ids[0] == staff[s].id)
                move_form(r, v, staff, ns);
            html(r, "</td></tr>");
        }
        html(r, "</tbody></table>");
    }
    html(r, "<h2>Pr. borger</h2><table class=\"table table--compact\"><caption class=\"sr-only\">"
            "Besøg pr. borger</caption><thead><tr><th scope=\"col\">Tid</th><th scope=\"col\">"
            "Borgerens vindue</th><th scope=\"col\">Borger</th><th scope=\"col\">Opgave</th>"
            "<th scope=\"col\">Medarbejder</th></tr></thead><tbody>");
    for (int i = 0; i < n; i++) {
        html(r, "<tr>");
        visit_cells(r, &vs[i]);
        html(r, "<td>");
        html_txt(r, vs[i].carer_ids[0] ? vs[i].carer_names[0] : "Ingen");
        if (vs[i].carer_ids[1]) {
            html(r, " og ");
            html_txt(r, vs[i].carer_names[1]);
        }
        html(r, "</td></tr>");
    }
    html(r, "</tbody></table>");
    page_end(r);
}

void ui_plan_run(struct req *r)
{
    struct date day;
    struct team *teams;
    int nt;
    long team;
    if (!require_planner(r) || !day_arg(r, req_form(r, "dato"), 1, &day))
        return;
    if (store_team_list(r->db, &r->arena, &teams, &nt) != STORE_OK ||
        !team_arg(r, req_form(r, "team"), teams, nt, &team))
        return;
    struct planday_options o = {.user_id = r->actor.user_id, .time_limit = 3.0, .seed = 1};
    struct planday_result res;
    char err[256] = "", d[11];
    date_format(day, d);
    enum store_rc rc = planday_run(r->db, day, team, &o, &res, NULL, NULL, err, sizeof err);
    struct strbuf url = STRBUF_INIT;
    strbuf_addf(&url, "/planlaegning?dato=%s&team=%ld", d, team);
    if (rc != STORE_OK) {
        strbuf_adds(&url, "&fejl=");
        size_t mark = r->out.len;
        html_url_arg(r, err); /* percent-encode into out, then move it to the URL */
        strbuf_add(&url, r->out.buf + mark, r->out.len - mark);
        strbuf_reset(&r->out);
    }
    redirect(r, url.buf);
    strbuf_release(&url);
}

void ui_plan_move(struct req *r)
{
    struct plan_visit v;
    if (!require_planner(r))
        return;
    enum store_rc rc = store_plan_visit_get(r->db, &r->arena, r->ids[0], &v);
    if (rc != STORE_OK) {
        send_store_error(r, rc);
        return;
    }
    struct user carers[2];
    int nc = 0;
    for (int k = 0; k < v.carers; k++) {
        long id = parse_id(req_form(r, k ? "carer1" : "carer0"));
        if (id <= 0 || store_user_get(r->db, &r->arena, id, &carers[nc]) != STORE_OK ||
            carers[nc].team_id != v.team_id) {
            send_error(r, 422, "validation", "Vælg en medarbejder fra teamet.");
            return;
        }
        nc++;
    }
    int start = minute_parse(req_form(r, arena_printf(&r->arena, "start-%ld", v.id)));
    struct plan_visit *day;
    int n;
    if (start < 0) {
        send_error(r, 422, "validation", "Skriv starttidspunktet som TT:MM, fx 08:30.");
        return;
    }
    if (store_plan_day(r->db, &r->arena, v.day, v.team_id, 0, &day, &n) != STORE_OK) {
        send_store_error(r, STORE_ERROR);
        return;
    }
    const char *why = planday_move_check(&v, carers, nc, start, date_weekday(v.day), day, n);
    if (why) {
        send_error(r, 422, "move_refused", why);
        return;
    }
    long ids[2] = {carers[0].id, nc > 1 ? carers[1].id : 0};
    if ((rc = store_plan_visit_move(r->db, v.id, ids, start)) != STORE_OK) {
        send_store_error(r, rc);
        return;
    }
    char d[11];
    date_format(v.day, d);
    redirect(r, arena_printf(&r->arena, "/planlaegning?dato=%s&team=%ld", d, v.team_id));
}

void ui_route(struct req *r)
{
    struct date day;
    if (!day_arg(r, req_arg(r, "dato"), 0, &day))
        return;
    struct plan_visit *vs;
    int n;
    if (store_plan_day(r->db, &r->arena, day, 0, r->actor.user_id, &vs, &n) != STORE_OK) {
        send_store_error(r, STORE_ERROR);
        return;
    }
    for (int i = 0; i < n; i++) /* the route shows record data: log each citizen once */
        if (!access_can_team(&r->actor, CAP_CITIZENS, vs[i].team_id) ||
            store_audit_add(r->db, &r->actor, "read", vs[i].citizen_id, "route") != STORE_OK) {
            send_error(r, 403, "forbidden", "Ruten indeholder borgere, du ikke har adgang til.");
            return;
        }
    char dl[64];
    date_danish(day, dl, sizeof dl);
    page_begin(r, "Min rute");
    html(r, "<h1>Min rute</h1><p class=\"omsorg-lead\">");
    html_txt(r, dl);
    html(r, "</p>");
    if (!n)
        html(r, "<p>Du har ingen planlagte besøg denne dag.</p>");
    html(r, "<ol class=\"omsorg-route\">");
    for (int i = 0; i < n; i++) {
        const struct plan_visit *v = &vs[i];
        html(r, "<li class=\"omsorg-stop\"><h2 class=\"h3\">");
        html_txt(r, hhmm(&r->arena, v->start));
        htmlf(r, " <a href=\"/besoeg/%ld\">", v->id);
        html_txt(r, v->citizen_name);
        html(r, "</a></h2><p><a href=\"https://www.openstreetmap.org/?mlat=");
        htmlf(r, "%.5f&amp;mlon=%.5f", v->lat, v->lon);
        html(r, "\">");
        html_txt(r, v->address);
        html(r, "</a></p><p><strong>Opgave:</strong> ");
        html_txt(r, v->service_label);
        htmlf(r, " (%d min.)", v->duration);
        if (v->carers == 2)
            html(r, " – I er to.");
        html(r, "</p><p><strong>Vigtigt for borgeren:</strong> ");
        html_txt(r, *v->what_matters ? v->what_matters : "–");
        html(r, "</p><p class=\"omsorg-muted\">Borgerens tidsvindue: ");
        html_txt(r, hhmm(&r->arena, v->window_start));
        html(r, "–");
        html_txt(r, hhmm(&r->arena, v->window_end));
        html(r, "</p></li>");
    }
    html(r, "</ol>");
    page_end(r);
}

void ui_plan_absence(struct req *r)
{
    struct date day;
    struct team *teams;
    int nt;
    long team;
    if (!require_planner(r) || !day_arg(r, req_form(r, "dato"), 0, &day))
        return;
    if (store_team_list(r->db, &r->arena, &teams, &nt) != STORE_OK ||
        !team_arg(r, req_form(r, "team"), teams, nt, &team))
        return;
    struct user u;
    long uid = parse_id(req_form(r, "medarbejder"));
    int from = minute_parse(req_form(r, "fra"));
    const char *reason = req_form(r, "aarsag");
    struct validation v = {0};
    check_text(&v, "aarsag", reason, false, 200, false);
    if (uid <= 0 || store_user_get(r->db, &r->arena, uid, &u) != STORE_OK || u.team_id != team) {
        send_error(r, 422, "validation", "Vælg en medarbejder fra teamet.");
        return;
    }
    if (from < 0 || v.count) {
        send_error(r, 422, "validation", "Skriv tidspunktet som TT:MM, fx 07:00.");
        return;
    }
    char err[256] = "", d[11];
    struct planday_result res;
    struct planday_options o = {.user_id = r->actor.user_id, .time_limit = 2.0, .seed = 1,
                                .keep_before = from};
    enum store_rc rc = store_absence_set(r->db, uid, day, from, reason ? reason : "",
                                         r->actor.user_id);
    if (rc == STORE_OK)
        rc = planday_run(r->db, day, team, &o, &res, NULL, NULL, err, sizeof err);
    if (rc != STORE_OK) {
        send_error(r, 500, "internal", *err ? err : "Fraværet kunne ikke gemmes.");
        return;
    }
    date_format(day, d);
    redirect(r, arena_printf(&r->arena, "/planlaegning?dato=%s&team=%ld", d, team));
}
