/*
 * ui-plan.c — the planner's day (per carer as a timeline, per citizen, the
 * day's figures, unplanned visits, moving a visit by hand) and the care
 * worker's route for the day.
 */
#include "web/web.h"

#include <stdio.h>
#include <string.h>

#include "app/plan.h"

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
    html(r, "<form method=\"get\" action=\"");
    html_link(r, PAGE_PLAN, 0, 0);
    html(r, "\" class=\"omsorg-inline\">");
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
    html(r, "<form method=\"post\" action=\"");
    html_link(r, PAGE_PLAN, 0, 0);
    html(r, "\">");
    form_csrf(r);
    htmlf(r,
          "<input type=\"hidden\" name=\"dato\" value=\"%s\"><input type=\"hidden\" "
          "name=\"team\" value=\"%ld\">",
          d, team);
    html(r, "<div class=\"omsorg-actions\"><button class=\"button button-primary\" "
            "type=\"submit\">Planlæg dagen</button><button class=\"button button-secondary\" "
            "type=\"submit\" name=\"alle\" value=\"1\">Planlæg alle teams sammen</button></div>"
            "<p class=\"form-hint\">Sammen kan et team låne en medarbejder fra et andet team til "
            "et besøg, det ikke selv kan nå.</p></form>");
}

static void figures(struct req *r, const struct plan_run_figures *fig, bool planned)
{
    if (!planned) {
        html(r, "<p>Dagen er ikke planlagt endnu.</p>");
        return;
    }
    const struct plan_run_figures f = *fig;
    int total = f.visits + f.unassigned;
    html(r, "<h2 class=\"h3\">Dagens tal</h2><dl class=\"omsorg-figures\">");
    htmlf(r, "<div><dt>Besøg planlagt</dt><dd>%d af %d</dd></div>", f.visits, total);
    htmlf(r, "<div><dt>Hos en kendt medarbejder</dt><dd>%.0f %%</dd></div>",
          f.visits ? 100.0 * f.known_carer / f.visits : 0.0);
    htmlf(r, "<div><dt>Køretid pr. besøg</dt><dd>%.1f min.</dd></div>",
          f.visits ? f.travel / f.visits : 0.0);
    htmlf(r, "<div><dt>Køretid i alt</dt><dd>%.0f min.</dd></div>", f.travel);
    htmlf(r, "<div><dt>Uden for borgerens vindue</dt><dd>%d</dd></div>", f.outside_window);
    htmlf(r, "<div><dt>Hos et andet teams medarbejder</dt><dd>%d</dd></div>", f.borrowed);
    htmlf(r, "<div><dt>Planlægningstid</dt><dd>%.1f s</dd></div></dl>", f.seconds);
}

/* The board's time axis: 06:00–24:00 in 5-minute steps (board.css). */
#define AXIS_FROM (6 * 60)
#define AXIS_TO   (24 * 60)

/* The classes placing [from, from + minutes) on the axis: "b-sN b-dM". */
static const char *axis_classes(struct arena *a, double from, double minutes)
{
    int s = (int)((from - AXIS_FROM) / 5.0 + 0.5), d = (int)(minutes / 5.0 + 0.5);
    s = s < 0 ? 0 : s > (AXIS_TO - AXIS_FROM) / 5 - 1 ? (AXIS_TO - AXIS_FROM) / 5 - 1 : s;
    d = d < 1 ? 1 : d > (AXIS_TO - AXIS_FROM) / 5 - s ? (AXIS_TO - AXIS_FROM) / 5 - s : d;
    return arena_printf(a, "b-s%d b-d%d", s, d);
}

/* The carer's usual shift on a weekday (from, to); false when off. */
static bool shift_on(const struct user *u, int weekday, int *from, int *to)
{
    for (int i = 0; i < u->shift_count; i++)
        if (u->shifts[i].weekday == weekday && u->shifts[i].end > u->shifts[i].start) {
            *from = u->shifts[i].start;
            *to = u->shifts[i].end;
            return true;
        }
    return false;
}

static bool has_visit(const struct plan_visit *v, long carer)
{
    return v->carer_ids[0] == carer || v->carer_ids[1] == carer;
}

/* A visit on the board: a link to its move form (no script needed), sized by
 * its duration, with its window drawn behind it; board.js moves it by drag
 * or keyboard through the same check. */
static void board_block(struct req *r, const struct plan_visit *v, long carer, long team)
{
    const char *when = arena_printf(&r->arena, "%s–%s", hhmm(&r->arena, v->start),
                                    hhmm(&r->arena, v->start + v->duration));
    const char *window = arena_printf(&r->arena, "%s–%s", hhmm(&r->arena, v->window_start),
                                      hhmm(&r->arena, v->window_end));
    html(r, "<span class=\"omsorg-window ");
    html_attr(
        r, axis_classes(&r->arena, v->window_start, v->window_end - v->window_start + v->duration));
    html(r, "\" aria-hidden=\"true\"></span><a class=\"omsorg-block ");
    html_attr(r, axis_classes(&r->arena, v->start, v->duration));
    if (v->carers == 2)
        html(r, " omsorg-block-two");
    if (v->manual)
        html(r, " omsorg-block-manual");
    if (v->team_id != team)
        html(r, " omsorg-block-lent");
    html(r, "\" href=\"");
    html_link(r, PAGE_PLAN_MOVE, v->id, 0);
    htmlf(r,
          "\" data-visit=\"%ld\" data-carer=\"%ld\" data-start=\"%d\" data-duration=\"%d\" "
          "data-window=\"%d-%d\" data-carers=\"%ld,%ld\" aria-label=\"",
          v->id, carer, (int)(v->start + 0.5), v->duration, v->window_start, v->window_end,
          v->carer_ids[0], v->carer_ids[1]);
    html_attr(r, arena_printf(&r->arena, "%s %s: %s. Borgerens vindue %s%s%s. Flyt besøget", when,
                              v->citizen_name, v->service_label, window,
                              v->carers == 2 ? ". To medarbejdere" : "",
                              v->team_id != team ? ". Et andet teams borger" : ""));
    html(r, "\" title=\"");
    html_attr(r, arena_printf(&r->arena, "%s %s: %s (vindue %s)", when, v->citizen_name,
                              v->service_label, window));
    html(r, "\">");
    html_txt(r, v->citizen_name);
    html(r, "</a>");
}

static const char *team_name(const struct team *teams, int nt, long id)
{
    for (int i = 0; i < nt; i++)
        if (teams[i].id == id)
            return teams[i].name;
    return "et andet team";
}

/* One visit in a tray: a link to its move form, the window, and why. */
static void tray_item(struct req *r, const struct plan_visit *v, const char *why)
{
    html(r, "<li><a href=\"");
    html_link(r, PAGE_PLAN_MOVE, v->id, 0);
    html(r, "\">");
    html_txt(r, v->citizen_name);
    html(r, ": ");
    html_txt(r, v->service_label);
    html(r, " (");
    html_txt(r, hhmm(&r->arena, v->window_start));
    html(r, "–");
    html_txt(r, hhmm(&r->arena, v->window_end));
    html(r, ")</a> – ");
    html_txt(r, why);
    html(r, "</li>");
}

/* The tray above the board: the team's visits the engine could not place,
 * with the reason, and those another team's carer takes (borrowed). */
static void tray(struct req *r, long team, const struct team *teams, int nt,
                 const struct plan_visit *vs, int n)
{
    int unplanned = 0, borrowed = 0;
    for (int i = 0; i < n; i++) {
        if (vs[i].team_id != team)
            continue;
        unplanned += !vs[i].carer_ids[0];
        borrowed += vs[i].carer_ids[0] && vs[i].carer_team_id != team;
    }
    if (!unplanned && !borrowed)
        return;
    html(r, "<section class=\"omsorg-tray\" aria-labelledby=\"tray-h\"><h2 id=\"tray-h\">"
            "Besøg, der kræver opmærksomhed</h2>");
    if (unplanned) {
        html(r, "<h3>Uden medarbejder</h3><ul>");
        for (int i = 0; i < n; i++)
            if (vs[i].team_id == team && !vs[i].carer_ids[0])
                tray_item(r, &vs[i], vs[i].reason);
        html(r, "</ul>");
    }
    if (borrowed) {
        html(r, "<h3>Hos en medarbejder fra et andet team</h3><ul>");
        for (int i = 0; i < n; i++)
            if (vs[i].team_id == team && vs[i].carer_ids[0] && vs[i].carer_team_id != team)
                tray_item(r, &vs[i],
                          arena_printf(&r->arena, "%s (%s) kl. %s", vs[i].carer_names[0],
                                       team_name(teams, nt, vs[i].carer_team_id),
                                       hhmm(&r->arena, vs[i].start)));
        html(r, "</ul>");
    }
    html(r, "</section>");
}

/* The board: every carer of the team as a row on one time axis, visits as
 * blocks, the shift behind them and the travel between them. */
static void board(struct req *r, struct date day, long team, const struct plan_visit *vs, int n,
                  const struct user *staff, int ns)
{
    int wd = date_weekday(day);
    html(r, "<link rel=\"stylesheet\" href=\"/static/board.css\">"
            "<section class=\"omsorg-plan-board\" aria-labelledby=\"board-h\">"
            "<h2 id=\"board-h\">Dagens plan</h2><p class=\"omsorg-muted\" id=\"board-help\">"
            "Træk et besøg med musen til en anden medarbejder eller et andet tidspunkt. Med "
            "tastaturet: piletasterne går fra besøg til besøg, og Enter åbner besøget. Tryk "
            "mellemrum for at tage besøget op, flyt det med piletasterne (op og ned skifter "
            "medarbejder, venstre og højre flytter 5 minutter, med Skift 30 minutter), og tryk "
            "Enter for at flytte det eller Escape for at fortryde.</p><p class=\"sr-only\" "
            "role=\"status\" aria-live=\"polite\" "
            "id=\"board-status\"></p><div class=\"omsorg-axis\" aria-hidden=\"true\">"
            "<span class=\"omsorg-row-name\"></span><span class=\"omsorg-lane\">");
    for (int h = AXIS_FROM / 60; h < AXIS_TO / 60; h += 2) {
        html(r, "<span class=\"omsorg-hour ");
        html_attr(r, axis_classes(&r->arena, h * 60, 120));
        htmlf(r, "\">%02d</span>", h);
    }
    html(r, "</span></div><div class=\"omsorg-rows\" aria-describedby=\"board-help\">");
    for (int k = 0; k < ns; k++) {
        const struct user *u = &staff[k];
        int from = 0, to = 0, count = 0;
        for (int i = 0; i < n; i++)
            count += vs[i].start >= 0 && has_visit(&vs[i], u->id);
        bool on = shift_on(u, wd, &from, &to);
        if (!count && (!on || !staff_assignable(u, STAFF_ROUTE)))
            continue;
        htmlf(r, "<div class=\"omsorg-row\" data-carer=\"%ld\"><span class=\"omsorg-row-name\">",
              u->id);
        html_txt(r, u->full_name);
        htmlf(r, " <span class=\"omsorg-muted\">(%d)</span></span><span class=\"omsorg-lane\">",
              count);
        if (on) {
            html(r, "<span class=\"omsorg-shift-bar ");
            html_attr(r, axis_classes(&r->arena, from, to - from));
            html(r, "\" aria-hidden=\"true\"></span>");
        }
        double prev_end = -1;
        for (int i = 0; i < n; i++) {
            const struct plan_visit *v = &vs[i];
            if (v->start < 0 || !has_visit(v, u->id))
                continue;
            if (prev_end >= 0 && v->start - prev_end >= 5) { /* travel and waiting */
                html(r, "<span class=\"omsorg-gap ");
                html_attr(r, axis_classes(&r->arena, prev_end, v->start - prev_end));
                html(r, "\" aria-hidden=\"true\"></span>");
            }
            board_block(r, v, u->id, team);
            prev_end = v->start + v->duration;
        }
        html(r, "</span></div>");
    }
    html(r, "</div></section><script src=\"/static/board.js\" defer></script>");
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
    html(r, "</td><td><a href=\"");
    html_link(r, PAGE_CITIZEN, v->citizen_id, 0);
    html(r, "\">");
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
                html(r, "</td><td><a href=\"");
                html_link(r, PAGE_CITIZEN, v->citizen_id, 0);
                html(r, "\">");
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
    html(r, "<form method=\"post\" action=\"");
    html_link(r, PAGE_PLAN_ABSENCE, 0, 0);
    html(r, "\">");
    form_csrf(r);
    htmlf(r,
          "<input type=\"hidden\" name=\"dato\" value=\"%s\"><input type=\"hidden\" "
          "name=\"team\" value=\"%ld\">",
          d, team);
    html(r, "<div class=\"omsorg-inline\"><div class=\"form-group\"><label class=\"form-label\" "
            "for=\"f-absent\">Fraværende medarbejder</label><select class=\"form-select\" "
            "id=\"f-absent\" "
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
    if (!day_arg(r, req_arg(r, "dato"), 1, &day))
        return;
    if (store_team_list(r->db, &r->arena, &teams, &nt) != STORE_OK ||
        !team_arg(r, req_arg(r, "team"), teams, nt, &team))
        return;
    struct plan_visit *vs;
    struct user *staff;
    struct plan_run_figures fig;
    bool planned;
    int n, ns;
    if (app_plan_view(&r->app, day, team, &vs, &n, &fig, &planned) != APP_OK) {
        send_app_error(r);
        return;
    }
    if (store_user_list(r->db, &r->arena, team, &staff, &ns) != STORE_OK) {
        send_store_error(r, STORE_ERROR);
        return;
    }
    char dl[64];
    date_danish(day, dl, sizeof dl);
    page_begin(r, "Planlægning");
    html(r, "<h1>Planlægning</h1><p class=\"omsorg-lead\">");
    html_txt(r, dl);
    html(r, "</p>");
    if (req_arg(r, "fejl"))
        page_alert(r, ALERT_ERROR, NULL, req_arg(r, "fejl"));
    day_form(r, day, teams, nt, team);
    figures(r, &fig, planned);
    tray(r, team, teams, nt, vs, n);
    board(r, day, team, vs, n, staff, ns);
    sick_call(r, day, team, vs, n, staff, ns);
    /* The same visits as a table, each with its move form: the board's
     * equal for those who cannot use a small block on a time axis. */
    html(r, "<details class=\"details\"><summary class=\"details-summary\">Alle besøg som "
            "tabel</summary><div class=\"details-text\">");
    html(r,
         "<table class=\"table table--compact\"><caption>Besøg pr. borger</caption><thead><tr>"
         "<th scope=\"col\">Tid</th><th scope=\"col\">Borgerens vindue</th>"
         "<th scope=\"col\">Borger</th><th scope=\"col\">Opgave</th>"
         "<th scope=\"col\">Medarbejder</th><th scope=\"col\">Handling</th></tr></thead><tbody>");
    for (int i = 0; i < n; i++) {
        html(r, "<tr>");
        visit_cells(r, &vs[i]);
        html(r, "<td>");
        html_txt(r, vs[i].carer_ids[0] ? vs[i].carer_names[0] : "Ingen");
        if (vs[i].carer_ids[1]) {
            html(r, " og ");
            html_txt(r, vs[i].carer_names[1]);
        }
        html(r, "</td><td><a href=\"");
        html_link(r, PAGE_PLAN_MOVE, vs[i].id, 0);
        html(r, "\">Flyt<span class=\"sr-only\"> ");
        html_txt(r, vs[i].citizen_name);
        html(r, "</span></a></td></tr>");
    }
    html(r, "</tbody></table></div></details>");
    page_end(r);
}

/* Back to the day's plan; with the failed use case's message when rc failed. */
static void back_to_day(struct req *r, struct date day, long team, enum app_rc rc)
{
    char d[11];
    date_format(day, d);
    struct strbuf url = STRBUF_INIT;
    strbuf_addf(&url, "%s?dato=%s&team=%ld", link_to(r, PAGE_PLAN, 0, 0), d, team);
    if (rc != APP_OK) {
        strbuf_adds(&url, "&fejl=");
        size_t mark = r->out.len;
        html_url_arg(r, r->app.message); /* percent-encode into out, then move it to the URL */
        strbuf_add(&url, r->out.buf + mark, r->out.len - mark);
        strbuf_reset(&r->out);
    }
    redirect(r, url.buf);
    strbuf_release(&url);
}

void ui_plan_run(struct req *r)
{
    struct date day;
    struct team *teams;
    int nt;
    long team;
    if (!day_arg(r, req_form(r, "dato"), 1, &day))
        return;
    if (store_team_list(r->db, &r->arena, &teams, &nt) != STORE_OK ||
        !team_arg(r, req_form(r, "team"), teams, nt, &team))
        return;
    struct plan_effort e = {.time_limit = 3.0, .seed = 1};
    struct planday_result res;
    if (!req_form(r, "alle")) {
        back_to_day(r, day, team, app_plan_day(&r->app, day, team, &e, &res, NULL, NULL));
        return;
    }
    long *ids = arena_alloc(&r->arena, sizeof *ids * (size_t)(nt + 1));
    for (int i = 0; ids && i < nt; i++)
        ids[i] = teams[i].id;
    e.time_limit = 5.0;
    back_to_day(r, day, team, app_plan_teams(&r->app, day, ids, nt, &e, NULL, NULL, NULL));
}

/* The move form for one visit (the board's blocks link here, so moving works
 * without the script): carer(s) of the citizen's team and the start. */
static void move_page(struct req *r, const struct plan_visit *v, const struct validation *errors)
{
    struct user *staff;
    int ns;
    if (store_user_list(r->db, &r->arena, v->team_id, &staff, &ns) != STORE_OK) {
        send_store_error(r, STORE_ERROR);
        return;
    }
    char d[11];
    date_format(v->day, d);
    const char *title = v->carer_ids[0] ? "Flyt besøget" : "Planlæg besøget i hånden";
    const char *day_link =
        arena_printf(&r->arena, "%s?dato=%s&team=%ld", link_to(r, PAGE_PLAN, 0, 0), d, v->team_id);
    page_begin(r, title);
    page_breadcrumbs(r, (struct crumb[]){{"Planlægning", day_link}, {title, NULL}}, 2);
    html(r, "<h1>");
    html_txt(r, title);
    html(r, "</h1><dl class=\"omsorg-dl\"><dt>Borger</dt><dd>");
    html_txt(r, v->citizen_name);
    html(r, "</dd><dt>Opgave</dt><dd>");
    html_txt(r, v->service_label);
    htmlf(r, " (%d min.%s)</dd><dt>Borgerens vindue</dt><dd>", v->duration,
          v->carers == 2 ? ", to medarbejdere" : "");
    html_txt(r, hhmm(&r->arena, v->window_start));
    html(r, "–");
    html_txt(r, hhmm(&r->arena, v->window_end));
    html(r, "</dd><dt>Nu</dt><dd>");
    html_txt(r, v->carer_ids[0] ? arena_printf(&r->arena, "%s kl. %s", v->carer_names[0],
                                               hhmm(&r->arena, v->start))
                                : v->reason);
    html(r, "</dd></dl>");
    form_error_summary(r, errors);
    html(r, "<form method=\"post\" action=\"");
    html_link(r, PAGE_PLAN_MOVE, v->id, 0);
    html(r, "\" novalidate>");
    form_csrf(r);
    for (int k = 0; k < v->carers; k++) {
        const char *name = k ? "carer1" : "carer0";
        form_select_open(r, name,
                         v->carers == 2 ? (k ? "Medarbejder 2" : "Medarbejder 1") : "Medarbejder",
                         errors ? validation_for(errors, "carer_ids") : NULL);
        for (int i = 0; i < ns; i++)
            if (staff_assignable(&staff[i], STAFF_ROUTE))
                form_option(r, arena_printf(&r->arena, "%ld", staff[i].id), staff[i].full_name,
                            staff[i].id == v->carer_ids[k]);
        form_select_close(r);
    }
    const char *typed = req_form(r, "start");
    form_text(r, "start", "Starttidspunkt (TT:MM)",
              typed ? typed : hhmm(&r->arena, v->start >= 0 ? v->start : v->window_start), NULL,
              errors, "text");
    html(r, "<button class=\"button button-primary\" type=\"submit\">");
    html_txt(r, v->carer_ids[0] ? "Flyt" : "Planlæg");
    html(r, "</button> <a class=\"button button-tertiary\" href=\"");
    html_attr(r, day_link);
    html(r, "\">Annullér</a></form>");
    page_end(r);
}

void ui_plan_move_form(struct req *r)
{
    struct plan_visit v;
    if (app_plan_visit(&r->app, r->ids[0], &v) != APP_OK) {
        send_app_error(r);
        return;
    }
    move_page(r, &v, NULL);
}

void ui_plan_move(struct req *r)
{
    struct move_input in = {.visit_id = r->ids[0]};
    for (int k = 0; k < 2; k++) {
        const char *c = req_form(r, k ? "carer1" : "carer0");
        if (c)
            in.carer_ids[in.ncarers++] = parse_id(c);
    }
    in.start = minute_parse(req_form(r, "start"));
    struct plan_visit v;
    enum app_rc rc = app_plan_move(&r->app, &in, &v);
    if (rc == APP_OK) {
        back_to_day(r, v.day, v.team_id, APP_OK);
        return;
    }
    if (rc == APP_INVALID) {
        struct app read;
        app_init(&read, &r->actor, r->db, &r->arena);
        if (app_plan_visit(&read, in.visit_id, &v) == APP_OK) {
            r->status = 422; /* the form again, with the reason beside the field */
            move_page(r, &v, &r->app.errors);
            return;
        }
    }
    send_app_error(r);
}

void ui_route(struct req *r)
{
    struct date day;
    if (!day_arg(r, req_arg(r, "dato"), 0, &day))
        return;
    struct plan_visit *vs;
    int n;
    if (app_route(&r->app, day, &vs, &n) != APP_OK) {
        send_app_error(r);
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
        html(r, " <a href=\"");
        html_link(r, PAGE_VISIT, v->id, 0);
        html(r, "\">");
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
    if (!day_arg(r, req_form(r, "dato"), 0, &day))
        return;
    if (store_team_list(r->db, &r->arena, &teams, &nt) != STORE_OK ||
        !team_arg(r, req_form(r, "team"), teams, nt, &team))
        return;
    struct absence_input in = {day, parse_id(req_form(r, "medarbejder")),
                               minute_parse(req_form(r, "fra")), req_form(r, "aarsag")};
    struct plan_effort e = {.time_limit = 2.0, .seed = 1};
    struct planday_result res;
    if (app_plan_absence(&r->app, &in, &e, &team, &res) != APP_OK) {
        send_app_error(r);
        return;
    }
    back_to_day(r, day, team, APP_OK);
}
