/*
 * ui-prevention.c — preventive home visits (forebyggende hjemmebesøg) on
 * pages: the year's list with filters, one citizen's visit (why, status,
 * invite, book, outcome, særlig-risiko marker), the printable invitation
 * letter with its LIX, and the administrator's settings page.
 *
 * Audit (see api-prevention.c): the list writes one `prevention_list` row;
 * opening a citizen writes a read row with detail `prevention_list`.
 */
#include "web/web.h"

#include <stdio.h>
#include <string.h>

#include "app/prevention.h"

/* The list year from ?aar= (or a form field; 0 = this year); sends 400 and
 * returns false when malformed. */
static bool year_arg(struct req *r, const char *value, int *year)
{
    *year = pv_year_parse(value);
    if (*year >= 0)
        return true;
    send_error(r, 400, "bad_year", "Året skal skrives med fire cifre, fx 2026.");
    return false;
}

/* A page of a citizen's visit with ?aar=year (arena). */
static const char *year_link(struct req *r, enum page p, long id, int year)
{
    return arena_printf(&r->arena, "%s?aar=%d", link_to(r, p, id, 0), year);
}

/* "YYYY-MM-DD" in the arena ("" when not set). */
static const char *day_text(struct arena *a, struct date d)
{
    char t[11];
    date_format(d, t);
    return arena_strdup(a, t);
}

/* "HH:MM" in the arena ("" when not set). */
static const char *time_text(struct arena *a, minute_t m)
{
    char t[6];
    minute_format(m < 0 ? MINUTE_NONE : m, t);
    return arena_strdup(a, t);
}

/* The time and who of a visit, for the list and the citizen's page. */
static const char *visit_when(struct arena *a, const struct pv_visit *v)
{
    if (!v)
        return "–";
    if (v->booked.year)
        return arena_printf(a, "%s kl. %s%s%s", day_text(a, v->booked), time_text(a, v->booked_at),
                            *v->staff_name ? ", " : "", v->staff_name);
    if (v->proposed.year)
        return arena_printf(a, "Foreslået %s kl. %s", day_text(a, v->proposed),
                            time_text(a, v->proposed_at));
    return "–";
}

static const enum pv_rule all_rules[] = {PV_RULE_EVERY_YEAR, PV_RULE_AGE, PV_RULE_ALONE,
                                         PV_RULE_RISK};
static const char *const rule_filter_labels[] = {"82 år eller ældre", "Fylder 75 eller 80",
                                                 "Bor alene og fylder 70", "Særlig risiko"};

/* The rules in force, in one sentence each. */
static void rules_summary(struct req *r, const struct prevention_settings *s)
{
    html(r, "<details class=\"details\"><summary class=\"details-summary\">Reglerne</summary>"
            "<div class=\"details-text\"><ul>");
    if (s->lives_alone_age)
        htmlf(r, "<li>Borgere, der bor alene, i det år de fylder %d.</li>", s->lives_alone_age);
    if (s->age_count) {
        html(r, "<li>Alle i det år, de fylder ");
        html_txt(r, prevention_ages_text(&r->arena, s));
        html(r, ".</li>");
    }
    if (s->every_year_from)
        htmlf(r, "<li>Alle på %d år og derover, hvert år.</li>", s->every_year_from);
    if (s->risk_from)
        htmlf(r, "<li>Borgere på %d–%d år, der er markeret med særlig risiko.</li>", s->risk_from,
              s->risk_to);
    html(r, s->exclude_full_help
                ? "<li>Ikke borgere, der allerede får både personlig pleje og praktisk hjælp.</li>"
                : "<li>Også borgere, der får både personlig pleje og praktisk hjælp.</li>");
    html(r, s->mode == PV_BIRTHDAY_YEAR ? "<li>Året regnes fra fødselsdag til fødselsdag.</li>"
                                        : "<li>Året er kalenderåret.</li>");
    html(r, "</ul><p>Administratoren kan ændre reglerne.</p></div></details>");
}

/* GET /forebyggelse?aar=&status=&regel=&team= — the year's list with filters. */
void ui_prevention_list(struct req *r)
{
    struct pv_list list;
    int year;
    if (!year_arg(r, req_arg(r, "aar"), &year))
        return;
    const char *status = req_arg(r, "status"), *rule = req_arg(r, "regel");
    struct pv_filter f = {.status = status && *status ? pv_status_parse(status) : -1,
                          .rule = rule && *rule ? pv_rule_parse(rule) : 0,
                          .team = parse_id(req_arg(r, "team"))};
    if ((status && *status && f.status < 0) || f.rule < 0 || f.team < 0) {
        send_error(r, 400, "bad_filter", "Filteret er ikke gyldigt.");
        return;
    }
    if (app_prevention_list(&r->app, year, &f, &list) != APP_OK) {
        send_app_error(r);
        return;
    }
    year = list.year;
    const char *title = arena_printf(&r->arena, "Forebyggende hjemmebesøg %d", year);
    page_begin(r, title);
    html(r, "<h1>");
    html_txt(r, title);
    htmlf(r, "</h1><p class=\"omsorg-lead\">%d borgere skal have tilbud om et besøg i %d.</p>",
          list.count, year);
    if (list.excluded)
        htmlf(r,
              "<p>%d borgere er ikke med, fordi de allerede får både personlig pleje og "
              "praktisk hjælp.</p>",
              list.excluded);
    rules_summary(r, &list.settings);
    html(r, "<h2 class=\"h3\">Status</h2><dl class=\"omsorg-dl\">");
    for (int st = 0; st < PV_STATUS_COUNT; st++) {
        html(r, "<dt>");
        html_txt(r, pv_status_label((enum pv_status)st));
        htmlf(r, "</dt><dd>%d</dd>", list.by_status[st]);
    }
    html(r, "</dl><form method=\"get\" action=\"");
    html_link(r, PAGE_PREVENTION, 0, 0);
    html(r, "\" class=\"omsorg-inline\">");
    form_text(r, "aar", "År", arena_printf(&r->arena, "%d", year), NULL, NULL, "text");
    form_select_open(r, "status", "Status", NULL);
    form_option(r, "", "Alle", f.status < 0);
    for (int st = 0; st < PV_STATUS_COUNT; st++)
        form_option(r, pv_status_code((enum pv_status)st), pv_status_label((enum pv_status)st),
                    f.status == st);
    form_select_close(r);
    form_select_open(r, "regel", "Hvorfor", NULL);
    form_option(r, "", "Alle", f.rule <= 0);
    for (size_t i = 0; i < sizeof all_rules / sizeof all_rules[0]; i++)
        form_option(r, pv_rule_code(all_rules[i]), rule_filter_labels[i],
                    f.rule == (int)all_rules[i]);
    form_select_close(r);
    form_select_open(r, "team", "Team", NULL);
    form_option(r, "", "Alle", f.team <= 0);
    for (int i = 0; i < list.team_count; i++)
        form_option(r, arena_printf(&r->arena, "%ld", list.teams[i].id), list.teams[i].name,
                    list.teams[i].id == f.team);
    html(r, "</select></div><button class=\"button button-secondary\" type=\"submit\">Vis"
            "</button></form>");

    html(r, "<div class=\"table--responsive-scroll\"><table class=\"table table--compact\">"
            "<caption>Borgere på listen</caption><thead>"
            "<tr><th scope=\"col\">Borger</th><th scope=\"col\">Alder i år</th><th "
            "scope=\"col\">Hvorfor</th><th scope=\"col\">Team</th><th scope=\"col\">Status</th>"
            "<th scope=\"col\">Tid og medarbejder</th></tr></thead><tbody>");
    for (int i = 0; i < list.count; i++) {
        const struct pv_entry *e = &list.entries[i];
        if (!list.shown[i])
            continue;
        html(r, "<tr><td><a href=\"");
        html_attr(r, year_link(r, PAGE_PREVENTION_CITIZEN, e->c->citizen_id, year));
        html(r, "\">");
        html_txt(r, e->c->first_name);
        html(r, " ");
        html_txt(r, e->c->last_name);
        htmlf(r, "</a></td><td>%d</td><td>", e->d.age);
        html_txt(r, pv_rule_text(&r->arena, e->d.rule, e->d.age));
        if (e->d.excluded)
            html(r, " (får fuld hjælp)");
        html(r, "</td><td>");
        html_txt(r, e->c->team_name);
        html(r, "</td><td>");
        html_txt(r, pv_status_label(pv_entry_status(e)));
        html(r, "</td><td>");
        html_txt(r, visit_when(&r->arena, e->visit));
        html(r, "</td></tr>");
    }
    html(r, "</tbody></table></div>");
    if (!list.shown_count)
        html(r, "<p>Ingen borgere passer til filteret.</p>");
    page_end(r);
}

/* --- one citizen --------------------------------------------------------------- */

/* The staff who can visit, as options (0 = "choose"). */
static void staff_select(struct req *r, const struct pv_citizen *x, const char *name,
                         const char *label, bool optional, const struct validation *v)
{
    long selected = x->entry.visit ? x->entry.visit->staff_id : 0;
    form_select_open(r, name, label, v ? validation_for(v, name) : NULL);
    form_option(r, "", optional ? "Ikke valgt endnu" : "Vælg", selected == 0);
    for (int i = 0; i < x->staff_count; i++)
        form_option(r, arena_printf(&r->arena, "%ld", x->staff[i].id), x->staff[i].full_name,
                    x->staff[i].id == selected);
    form_select_close(r);
}

/* A posted value, or the fallback on a fresh page. */
static const char *posted(struct req *r, const char *name, const char *fallback)
{
    const char *v = req_form(r, name);
    return v ? v : fallback;
}

/* Field errors of one form: the step's fields get the form's prefix. */
static void prefix_errors(const struct validation *in, const char *prefix, struct validation *out)
{
    char name[48];
    for (int i = 0; i < in->count; i++) {
        snprintf(name, sizeof name, "%s-%s", prefix, in->errors[i].field);
        validation_add(out, name, in->errors[i].message);
    }
}

/* The citizen's page: who, why, status, and the forms the status allows; v
 * holds the errors of a failed post (field names with the form's prefix). */
static void show_page(struct req *r, const struct pv_citizen *x, const struct validation *v)
{
    const struct pv_entry *e = &x->entry;
    const struct pv_visit *pv = e->visit;
    const struct citizen *c = &x->citizen;
    enum pv_status st = pv_entry_status(e);
    bool listed = x->listed;
    int year = x->year;
    const char *name = arena_printf(&r->arena, "%s %s", c->first_name, c->last_name);
    const char *title = arena_printf(&r->arena, "Forebyggende hjemmebesøg: %s", name);
    page_begin(r, title);
    page_breadcrumbs(r,
                     (struct crumb[]){{arena_printf(&r->arena, "Forebyggende hjemmebesøg %d", year),
                                       year_link(r, PAGE_PREVENTION, 0, year)},
                                      {name, NULL}},
                     2);
    html(r, "<h1>");
    html_txt(r, title);
    html(r, "</h1>");
    form_error_summary(r, v);
    html(r, "<p><span class=\"badge badge-info\">");
    html_txt(r, pv_status_label(st));
    html(r, "</span></p><p><a class=\"button button-secondary\" href=\"");
    html_attr(r, year_link(r, PAGE_PREVENTION_LETTER, c->id, year));
    html(r, "\">Se invitationen</a> ");
    if (access_can(&r->actor, CAP_CITIZENS)) {
        html(r, "<a href=\"");
        html_link(r, PAGE_CITIZEN, c->id, 0);
        html(r, "\">Borgerens journal</a>");
    }
    html(r, "</p>");
    if (!listed && !pv)
        page_alert(r, ALERT_INFO, NULL,
                   arena_printf(&r->arena,
                                "Borgeren er ikke på listen i %d. Reglerne giver ikke et "
                                "tilbud i år.",
                                year));
    else if (e->d.excluded)
        page_alert(r, ALERT_INFO, NULL,
                   "Borgeren får både personlig pleje og praktisk hjælp og er derfor ikke på "
                   "listen.");
    html(r, "<dl class=\"omsorg-dl\"><dt>Adresse</dt><dd>");
    html_txt(r, c->address);
    html(r, ", ");
    html_txt(r, c->postcode);
    html(r, " ");
    html_txt(r, c->city);
    html(r, "</dd><dt>Telefon</dt><dd>");
    html_txt(r, *c->phone ? c->phone : "–");
    html(r, "</dd><dt>Bor alene</dt><dd>");
    html(r, c->lives_alone ? "Ja" : "Nej");
    htmlf(r, "</dd><dt>Alder i %d</dt><dd>%d år</dd><dt>Hvorfor</dt><dd>", year, e->d.age);
    bool any = false;
    for (size_t i = 0; i < sizeof all_rules / sizeof all_rules[0]; i++) {
        if (!(e->d.rules & all_rules[i]))
            continue;
        if (any)
            html(r, "; ");
        html_txt(r, pv_rule_text(&r->arena, all_rules[i], e->d.age));
        any = true;
    }
    if (!any)
        html_txt(r, pv && pv->rule ? pv_rule_text(&r->arena, pv->rule, e->d.age) : "–");
    html(r, "</dd><dt>Tilbydes</dt><dd>");
    html_txt(r, day_text(&r->arena, e->d.due_from));
    html(r, " – ");
    html_txt(r, day_text(&r->arena, e->d.due_to));
    html(r, "</dd><dt>Særlig risiko</dt><dd>");
    if (e->c->person.at_risk) {
        html_txt(r, e->c->risk_reason);
        html(r, " (fra ");
        html_txt(r, day_text(&r->arena, e->c->person.risk_since));
        html(r, ")");
    } else {
        html(r, "Nej");
    }
    html(r, "</dd><dt>Tid og medarbejder</dt><dd>");
    html_txt(r, visit_when(&r->arena, pv));
    if (pv && *pv->referral) {
        html(r, "</dd><dt>Henvist til</dt><dd>");
        html_txt(r, pv->referral);
    }
    if (pv && *pv->note) {
        html(r, "</dd><dt>Note</dt><dd>");
        html_txt(r, pv->note);
    }
    html(r, "</dd></dl>");

    if ((listed || pv) && pv_can_invite(st)) {
        html(r, "<h2>Send en invitation</h2><p>Foreslå en tid i brevet. Borgeren kan ringe og "
                "flytte den eller sige nej tak.</p><form method=\"post\" action=\"");
        html_link(r, PAGE_PREVENTION_INVITE, c->id, 0);
        html(r, "\" novalidate>");
        form_csrf(r);
        htmlf(r, "<input type=\"hidden\" name=\"aar\" value=\"%d\">", year);
        form_text(r, "inv-date", "Foreslået dato (ÅÅÅÅ-MM-DD)",
                  posted(r, "inv-date", day_text(&r->arena, prevention_suggest_date(date_today()))),
                  NULL, v, "date");
        form_text(r, "inv-time", "Tid (TT:MM)", posted(r, "inv-time", "10:00"), NULL, v, "text");
        staff_select(r, x, "inv-staff_id", "Hvem kommer (valgfrit)", true, v);
        html(r, "<button class=\"button button-primary\" type=\"submit\">Send invitation"
                "</button></form>");
    }
    if ((listed || pv) && pv_can_book(st)) {
        html(r, "<h2>Aftal en tid</h2><form method=\"post\" action=\"");
        html_link(r, PAGE_PREVENTION_BOOK, c->id, 0);
        html(r, "\" novalidate>");
        form_csrf(r);
        htmlf(r, "<input type=\"hidden\" name=\"aar\" value=\"%d\">", year);
        struct date d0 = pv && pv->booked.year ? pv->booked : pv ? pv->proposed : (struct date){0};
        minute_t t0 = pv && pv->booked_at >= 0 ? pv->booked_at : pv ? pv->proposed_at : 600;
        form_text(r, "book-date", "Dato (ÅÅÅÅ-MM-DD)",
                  posted(r, "book-date", day_text(&r->arena, d0)), NULL, v, "date");
        form_text(r, "book-time", "Tid (TT:MM)", posted(r, "book-time", time_text(&r->arena, t0)),
                  NULL, v, "text");
        staff_select(r, x, "book-staff_id", "Hvem kommer", false, v);
        html(r, "<button class=\"button button-primary\" type=\"submit\">Aftal tid</button>"
                "</form>");
    }
    bool outcomes = false;
    for (int o = 0; o < PV_OUT_COUNT; o++)
        outcomes |= pv_outcome_status(st, (enum pv_outcome)o) != PV_STATUS_COUNT;
    if (outcomes) {
        html(r, "<h2>Hvordan gik det?</h2><form method=\"post\" action=\"");
        html_link(r, PAGE_PREVENTION_OUTCOME, c->id, 0);
        html(r, "\" novalidate>");
        form_csrf(r);
        htmlf(r, "<input type=\"hidden\" name=\"aar\" value=\"%d\">", year);
        form_select_open(r, "out-outcome", "Udfald", v ? validation_for(v, "out-outcome") : NULL);
        const char *chosen = req_form(r, "out-outcome");
        for (int o = 0; o < PV_OUT_COUNT; o++)
            if (pv_outcome_status(st, (enum pv_outcome)o) != PV_STATUS_COUNT)
                form_option(r, pv_outcome_code((enum pv_outcome)o),
                            pv_outcome_label((enum pv_outcome)o),
                            chosen && !strcmp(chosen, pv_outcome_code((enum pv_outcome)o)));
        form_select_close(r);
        form_text(r, "out-referral", "Henvist til (ved henvisning)", posted(r, "out-referral", ""),
                  "Fx træningshold, kostvejledning, besøgsven.", v, "text");
        form_textarea(r, "out-note", "Note (valgfri)", posted(r, "out-note", ""), NULL, v);
        html(r, "<button class=\"button button-primary\" type=\"submit\">Gem udfald</button>"
                "</form>");
    }
    html(r, "<h2>Særlig risiko</h2><p>Markér borgere, der har brug for et besøg nu, fx fordi"
            " de for nylig har mistet deres ægtefælle.</p><form method=\"post\" "
            "action=\"");
    html_link(r, PAGE_PREVENTION_RISK, c->id, 0);
    html(r, "\" novalidate>");
    form_csrf(r);
    htmlf(r, "<input type=\"hidden\" name=\"aar\" value=\"%d\">", year);
    form_text(r, "risk-reason", "Hvorfor",
              posted(r, "risk-reason", e->c->person.at_risk ? e->c->risk_reason : ""), NULL, v,
              "text");
    form_text(
        r, "risk-since", "Siden (ÅÅÅÅ-MM-DD)",
        posted(r, "risk-since",
               day_text(&r->arena, e->c->person.at_risk ? e->c->person.risk_since : date_today())),
        NULL, v, "date");
    html(r, "<div class=\"omsorg-actions\"><button class=\"button button-secondary\" "
            "type=\"submit\" name=\"handling\" value=\"gem\">Gem markering</button>");
    if (e->c->person.at_risk)
        html(r, "<button class=\"button button-tertiary\" type=\"submit\" name=\"handling\" "
                "value=\"fjern\">Fjern markering</button>");
    html(r, "</div></form>");
    page_end(r);
}

/* Show the citizen's page for year; v: the errors of a refused post, with
 * the form's prefix. */
static void show(struct req *r, int year, const struct validation *v)
{
    struct pv_citizen x;
    if (app_prevention_get(&r->app, r->ids[0], year, &x) == APP_OK)
        show_page(r, &x, v);
    else
        send_app_error(r);
}

/* GET /forebyggelse/{id}?aar= — one citizen's visit and its forms. */
void ui_prevention_show(struct req *r)
{
    int year;
    if (year_arg(r, req_arg(r, "aar"), &year))
        show(r, year, NULL);
}

/* After a posted form: back to the page, the page again with the errors
 * (prefixed with the form's), or the error. */
static void posted_done(struct req *r, enum app_rc rc, int year, const char *prefix)
{
    struct validation shown = {0};
    if (rc == APP_OK) {
        redirect(r,
                 year_link(r, PAGE_PREVENTION_CITIZEN, r->ids[0], year ? year : date_today().year));
    } else if (rc == APP_INVALID && r->app.errors.count) {
        prefix_errors(&r->app.errors, prefix, &shown);
        r->status = 422;
        show(r, year, &shown);
    } else {
        send_app_error(r);
    }
}

/* A posted step: check and save it. */
static void ui_step(struct req *r, enum pv_step step, const char *prefix)
{
    int year;
    if (!year_arg(r, req_form(r, "aar"), &year))
        return;
    struct pv_step_input in = {.year = year, .at = -2};
    const char *d = req_form(r, arena_printf(&r->arena, "%s-date", prefix));
    const char *t = req_form(r, arena_printf(&r->arena, "%s-time", prefix));
    if (d && *d && !date_parse(d, &in.date))
        in.date = (struct date){0};
    if (t && *t)
        in.at = minute_parse(t);
    if (in.at == MINUTE_NONE)
        in.at = -2;
    in.staff_id = parse_id(req_form(r, arena_printf(&r->arena, "%s-staff_id", prefix)));
    if (in.staff_id < 0)
        in.staff_id = 0;
    int o = pv_outcome_parse(req_form(r, "out-outcome"));
    in.outcome = o < 0 ? PV_OUT_COUNT : (enum pv_outcome)o;
    in.referral = req_form(r, "out-referral");
    in.note = req_form(r, "out-note");
    posted_done(r, app_prevention_step(&r->app, r->ids[0], step, &in), year, prefix);
}

/* POST /forebyggelse/{id}/inviter. */
void ui_prevention_invite(struct req *r)
{
    ui_step(r, PV_STEP_INVITE, "inv");
}

/* POST /forebyggelse/{id}/aftal. */
void ui_prevention_book(struct req *r)
{
    ui_step(r, PV_STEP_BOOK, "book");
}

/* POST /forebyggelse/{id}/udfald. */
void ui_prevention_outcome(struct req *r)
{
    ui_step(r, PV_STEP_OUTCOME, "out");
}

/* POST /forebyggelse/{id}/risiko — save or remove the marker. */
void ui_prevention_risk(struct req *r)
{
    struct date since;
    int year;
    if (!year_arg(r, req_form(r, "aar"), &year))
        return;
    const char *act = req_form(r, "handling");
    enum app_rc rc;
    if (act && !strcmp(act, "fjern")) {
        rc = app_prevention_risk_clear(&r->app, r->ids[0]);
        if (rc == APP_NOT_FOUND && !strcmp(r->app.code, "no_marker"))
            rc = APP_OK; /* gone already */
    } else {
        rc = app_prevention_risk_set(&r->app, r->ids[0], req_form(r, "risk-reason"),
                                     req_form(r, "risk-since"), &since);
    }
    posted_done(r, rc, year, "risk");
}

/* GET /forebyggelse/{id}/brev?aar= — the printable invitation with its LIX. */
void ui_prevention_letter(struct req *r)
{
    struct pv_letter x;
    int year;
    if (!year_arg(r, req_arg(r, "aar"), &year))
        return;
    if (app_prevention_letter(&r->app, r->ids[0], year, &x) != APP_OK) {
        send_app_error(r);
        return;
    }
    const struct letter *l = &x.letter;
    const struct citizen *c = &x.who.citizen;
    const struct prevention_settings *set = &x.who.settings;
    page_begin(r, l->title);
    html(r, "<div class=\"omsorg-noprint\">");
    page_alert(r, ALERT_INFO, NULL,
               arena_printf(&r->arena, "Brevets LIX er %.0f. %s%s", l->lix,
                            l->lix <= 35 ? "Det er let at læse." : "Prøv kortere sætninger og ord.",
                            x.proposal_only
                                ? " Borgeren er ikke inviteret endnu. Datoen er et forslag."
                                : ""));
    html(r, "<p><a href=\"");
    html_attr(r, year_link(r, PAGE_PREVENTION_CITIZEN, c->id, x.who.year));
    html(r, "\">Tilbage til besøget</a></p></div>");
    html(r, "<article class=\"omsorg-letter\"><p class=\"omsorg-letter-from\">");
    html_txt(r, set->municipality);
    html(r, "<br>Forebyggende hjemmebesøg<br>Telefon ");
    html_txt(r, set->phone);
    html(r, "</p><p>");
    html_txt(r, c->first_name);
    html(r, " ");
    html_txt(r, c->last_name);
    html(r, "<br>");
    html_txt(r, c->address);
    html(r, "<br>");
    html_txt(r, c->postcode);
    html(r, " ");
    html_txt(r, c->city);
    html(r, "</p><h1>");
    html_txt(r, l->title);
    html(r, "</h1><p>");
    html_txt(r, l->greeting);
    html(r, "</p>");
    for (int i = 0; i < l->count; i++) {
        html(r, "<h2>");
        html_txt(r, l->sections[i].heading);
        html(r, "</h2>");
        for (int k = 0; k < l->sections[i].count; k++) {
            html(r, "<p>");
            html_txt(r, l->sections[i].paragraphs[k]);
            html(r, "</p>");
        }
    }
    html(r, "<p>Venlig hilsen<br>Forebyggende hjemmebesøg, ");
    html_txt(r, set->municipality);
    html(r, "</p></article>");
    page_end(r);
}

/* --- settings (administrator) ----------------------------------------------- */

/* A number field's text ("0" when off). */
static const char *num(struct req *r, int n)
{
    return arena_printf(&r->arena, "%d", n);
}

/* The settings form, with errors when v is given. */
static void settings_form(struct req *r, const struct prevention_settings *s,
                          const struct validation *v, const char *ages_text, bool saved)
{
    page_begin(r, "Forebyggende hjemmebesøg: regler");
    html(r, "<h1>Forebyggende hjemmebesøg: regler</h1>");
    if (saved)
        page_alert(r, ALERT_SUCCESS, NULL, "Reglerne er gemt. Listen følger dem fra nu.");
    form_error_summary(r, v);
    html(r, "<p>Reglerne afgør, hvem der får tilbud om et forebyggende hjemmebesøg. Skriv 0 for "
            "at slå en regel fra.</p><form method=\"post\" action=\"");
    html_link(r, PAGE_PREVENTION_RULES, 0, 0);
    html(r, "\" novalidate>");
    form_csrf(r);
    htmlf(r, "<input type=\"hidden\" name=\"version\" value=\"%ld\">", s->version);
    form_text(r, "municipality", "Kommunens navn (i brevet)", s->municipality, NULL, v, "text");
    form_text(r, "phone", "Telefon (i brevet)", s->phone, NULL, v, "text");
    form_select_open(r, "year_mode", "Året, hvor borgeren fylder",
                     v ? validation_for(v, "year_mode") : NULL);
    form_option(r, "calendar", "Kalenderåret (1. januar – 31. december)",
                s->mode == PV_CALENDAR_YEAR);
    form_option(r, "birthday", "Fødselsdagsåret (fra fødselsdag til fødselsdag)",
                s->mode == PV_BIRTHDAY_YEAR);
    form_select_close(r);
    form_text(r, "lives_alone_age", "Bor alene: i det år, de fylder", num(r, s->lives_alone_age),
              NULL, v, "text");
    form_text(r, "ages", "Alle: i det år, de fylder", ages_text, "Adskil med komma, fx 75,80.", v,
              "text");
    form_text(r, "every_year_from", "Alle, hvert år fra alderen", num(r, s->every_year_from), NULL,
              v, "text");
    form_text(r, "risk_from", "Særlig risiko fra alderen", num(r, s->risk_from), NULL, v, "text");
    form_text(r, "risk_to", "Særlig risiko til og med alderen", num(r, s->risk_to), NULL, v,
              "text");
    form_checkbox(r, "exclude_full_help",
                  "Ikke borgere, der får både personlig pleje og praktisk hjælp",
                  s->exclude_full_help);
    html(r, "<button class=\"button button-primary\" type=\"submit\">Gem reglerne</button>"
            "</form>");
    page_end(r);
}

/* GET /admin/forebyggelse — the rules, for the administrator. */
void ui_prevention_settings(struct req *r)
{
    struct prevention_settings s;
    if (app_prevention_settings(&r->app, &s) != APP_OK)
        send_app_error(r);
    else
        settings_form(r, &s, NULL, prevention_ages_text(&r->arena, &s), req_arg(r, "gemt") != NULL);
}

/* A whole number from a form field; -1 when not one. */
static int form_number(struct req *r, const char *name, struct validation *v)
{
    const char *s = req_form(r, name);
    long n = s && *s ? parse_id(s) : -1;
    if (s && !strcmp(s, "0"))
        n = 0;
    if (n < 0 || n > 1000) {
        validation_add(v, name, "Skriv et helt tal.");
        return 0;
    }
    return (int)n;
}

/* POST /admin/forebyggelse — check and save the rules. */
void ui_prevention_settings_save(struct req *r)
{
    struct prevention_settings s;
    struct validation *v = &r->app.errors;
    if (app_prevention_settings(&r->app, &s) != APP_OK) {
        send_app_error(r);
        return;
    }
    s.municipality = req_form(r, "municipality");
    s.phone = req_form(r, "phone");
    int m = pv_year_mode_parse(req_form(r, "year_mode"));
    if (m < 0)
        validation_add(v, "year_mode", "Vælg kalenderår eller fødselsdagsår.");
    else
        s.mode = (enum pv_year_mode)m;
    s.lives_alone_age = form_number(r, "lives_alone_age", v);
    s.every_year_from = form_number(r, "every_year_from", v);
    s.risk_from = form_number(r, "risk_from", v);
    s.risk_to = form_number(r, "risk_to", v);
    const char *ages = req_form(r, "ages");
    if (!prevention_ages_parse(ages, &s))
        validation_add(v, "ages", "Skriv højst seks forskellige aldre adskilt med komma.");
    s.exclude_full_help = req_form(r, "exclude_full_help") != NULL;
    long version = parse_id(req_form(r, "version"));
    s.version = version > 0 ? version : 0;
    enum app_rc rc = app_prevention_settings_save(&r->app, &s);
    if (rc == APP_OK) {
        redirect(r, arena_printf(&r->arena, "%s?gemt=1", link_to(r, PAGE_PREVENTION_RULES, 0, 0)));
    } else if (rc == APP_INVALID && v->count) {
        r->status = 422;
        settings_form(r, &s, v, ages ? ages : "", false);
    } else {
        send_app_error(r);
    }
}
