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

#include "lib/log.h"

/* The list year from ?aar= (or a form field); sends 400 and returns false
 * when malformed. */
static bool year_arg(struct req *r, const char *value, int *year)
{
    int y = prevention_year_parse(value);
    if (y < 0) {
        send_error(r, 400, "bad_year", "Året skal skrives med fire cifre, fx 2026.");
        return false;
    }
    *year = y ? y : date_today().year;
    return true;
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
    struct prevention_settings set;
    struct pv_entry *list;
    struct team *teams;
    int n, excluded, year, nt = 0;
    if (!prevention_require(r) || !year_arg(r, req_arg(r, "aar"), &year))
        return;
    const char *status = req_arg(r, "status"), *rule = req_arg(r, "regel");
    long team = parse_id(req_arg(r, "team"));
    int st = status && *status ? pv_status_parse(status) : -2;
    int ru = rule && *rule ? pv_rule_parse(rule) : -2;
    if (st == -1 || ru == -1 || team < 0) {
        send_error(r, 400, "bad_filter", "Filteret er ikke gyldigt.");
        return;
    }
    if (!prevention_list_load(r, year, &set, &list, &n, &excluded))
        return;
    store_team_list(r->db, &r->arena, &teams, &nt);
    int counts[PV_STATUS_COUNT] = {0}, shown = 0;
    bool *match = arena_alloc(&r->arena, sizeof *match * (size_t)(n + 1));
    if (!match) {
        send_store_error(r, STORE_ERROR);
        return;
    }
    for (int i = 0; i < n; i++) {
        enum pv_status s = prevention_status(&list[i]);
        counts[s]++;
        match[i] = !((st >= 0 && (int)s != st) || (ru >= 0 && (int)list[i].d.rule != ru) ||
                     (team > 0 && list[i].c->team_id != team));
        shown += match[i];
    }
    /* One row for the list, written before any of it is shown. */
    if (store_audit_add(r->db, &r->actor, "prevention_list", 0,
                        arena_printf(&r->arena, "year=%d shown=%d", year, shown)) != STORE_OK) {
        send_store_error(r, STORE_ERROR);
        return;
    }
    const char *title = arena_printf(&r->arena, "Forebyggende hjemmebesøg %d", year);
    page_begin(r, title);
    html(r, "<h1>");
    html_txt(r, title);
    htmlf(r, "</h1><p class=\"omsorg-lead\">%d borgere skal have tilbud om et besøg i %d.</p>", n,
          year);
    if (excluded)
        htmlf(r,
              "<p>%d borgere er ikke med, fordi de allerede får både personlig pleje og "
              "praktisk hjælp.</p>",
              excluded);
    rules_summary(r, &set);
    html(r, "<h2 class=\"h3\">Status</h2><dl class=\"omsorg-dl\">");
    for (int s = 0; s < PV_STATUS_COUNT; s++) {
        html(r, "<dt>");
        html_txt(r, pv_status_label((enum pv_status)s));
        htmlf(r, "</dt><dd>%d</dd>", counts[s]);
    }
    html(r, "</dl>");

    html(r, "<form method=\"get\" action=\"/forebyggelse\" class=\"omsorg-inline\">");
    form_text(r, "aar", "År", arena_printf(&r->arena, "%d", year), NULL, NULL, "text");
    form_select_open(r, "status", "Status", NULL);
    form_option(r, "", "Alle", st < 0);
    for (int s = 0; s < PV_STATUS_COUNT; s++)
        form_option(r, pv_status_code((enum pv_status)s), pv_status_label((enum pv_status)s), st == s);
    form_select_close(r);
    form_select_open(r, "regel", "Hvorfor", NULL);
    form_option(r, "", "Alle", ru < 0);
    for (size_t i = 0; i < sizeof all_rules / sizeof all_rules[0]; i++)
        form_option(r, pv_rule_code(all_rules[i]), rule_filter_labels[i], ru == (int)all_rules[i]);
    form_select_close(r);
    form_select_open(r, "team", "Team", NULL);
    form_option(r, "", "Alle", team <= 0);
    for (int i = 0; i < nt; i++)
        form_option(r, arena_printf(&r->arena, "%ld", teams[i].id), teams[i].name, teams[i].id == team);
    html(r, "</select></div><button class=\"button button-secondary\" type=\"submit\">Vis"
            "</button></form>");

    html(r, "<div class=\"table--responsive-scroll\"><table class=\"table table--compact\">"
            "<caption>Borgere på listen</caption><thead>"
            "<tr><th scope=\"col\">Borger</th><th scope=\"col\">Alder i år</th><th "
            "scope=\"col\">Hvorfor</th><th scope=\"col\">Team</th><th scope=\"col\">Status</th>"
            "<th scope=\"col\">Tid og medarbejder</th></tr></thead><tbody>");
    for (int i = 0; i < n; i++) {
        const struct pv_entry *e = &list[i];
        if (!match[i])
            continue;
        enum pv_status s = prevention_status(e);
        htmlf(r, "<tr><td><a href=\"/forebyggelse/%ld?aar=%d\">", e->c->citizen_id, year);
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
        html_txt(r, pv_status_label(s));
        html(r, "</td><td>");
        html_txt(r, visit_when(&r->arena, e->visit));
        html(r, "</td></tr>");
    }
    html(r, "</tbody></table></div>");
    if (!shown)
        html(r, "<p>Ingen borgere passer til filteret.</p>");
    page_end(r);
}

/* --- one citizen --------------------------------------------------------------- */

/* The staff who can visit, as options (0 = "choose"). */
static void staff_select(struct req *r, const char *name, const char *label, long selected,
                         bool optional, const char *error)
{
    struct user *staff;
    int n = 0;
    store_user_list(r->db, &r->arena, 0, &staff, &n);
    form_select_open(r, name, label, error);
    form_option(r, "", optional ? "Ikke valgt endnu" : "Vælg", selected == 0);
    for (int i = 0; i < n; i++)
        if (staff[i].active && (staff[i].role == ROLE_VISITATOR ||
                                staff[i].role == ROLE_THERAPIST || staff[i].role == ROLE_NURSE))
            form_option(r, arena_printf(&r->arena, "%ld", staff[i].id), staff[i].full_name,
                   staff[i].id == selected);
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
static void show_page(struct req *r, int year, const struct pv_entry *e, bool listed,
                      const struct citizen *c, const struct validation *v)
{
    const struct pv_visit *pv = e->visit;
    enum pv_status st = prevention_status(e);
    const char *name = arena_printf(&r->arena, "%s %s", c->first_name, c->last_name);
    const char *title = arena_printf(&r->arena, "Forebyggende hjemmebesøg: %s", name);
    page_begin(r, title);
    htmlf(r,
          "<nav aria-label=\"Brødkrumme\" class=\"breadcrumbs\"><ol class=\"breadcrumbs__list\">"
          "<li class=\"breadcrumbs__list-item\"><a class=\"breadcrumbs__link\" "
          "href=\"/forebyggelse?aar=%d\">Forebyggende hjemmebesøg %d</a></li>"
          "<li class=\"breadcrumbs__list-item\" aria-current=\"page\">",
          year, year);
    html_txt(r, name);
    html(r, "</li></ol></nav><h1>");
    html_txt(r, title);
    html(r, "</h1>");
    form_error_summary(r, v);
    html(r, "<p><span class=\"badge badge-info\">");
    html_txt(r, pv_status_label(st));
    htmlf(r,
          "</span></p><p><a class=\"button button-secondary\" "
          "href=\"/forebyggelse/%ld/brev?aar=%d\">Se invitationen</a> ",
          c->id, year);
    if (access_can(&r->actor, CAP_CITIZENS))
        htmlf(r, "<a href=\"/borgere/%ld\">Borgerens journal</a>", c->id);
    html(r, "</p>");
    if (!listed && !pv)
        htmlf(r,
              "<div class=\"alert alert-info\"><div class=\"alert-body\"><p "
              "class=\"alert-text\">Borgeren er ikke på listen i %d. Reglerne giver ikke et "
              "tilbud i år.</p></div></div>",
              year);
    else if (e->d.excluded)
        html(r, "<div class=\"alert alert-info\"><div class=\"alert-body\"><p class=\"alert-text\">"
                "Borgeren får både personlig pleje og praktisk hjælp og er derfor ikke på listen."
                "</p></div></div>");
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

    const char *action = arena_printf(&r->arena, "/forebyggelse/%ld", c->id);
    if ((listed || pv) && pv_can_invite(st)) {
        html(r, "<h2>Send en invitation</h2><p>Foreslå en tid i brevet. Borgeren kan ringe og "
                "flytte den eller sige nej tak.</p><form method=\"post\" action=\"");
        html_attr(r, action);
        html(r, "/inviter\" novalidate>");
        form_csrf(r);
        htmlf(r, "<input type=\"hidden\" name=\"aar\" value=\"%d\">", year);
        form_text(r, "inv-date", "Foreslået dato (ÅÅÅÅ-MM-DD)",
                  posted(r, "inv-date", day_text(&r->arena, prevention_suggest_date(date_today()))),
                  NULL, v, "date");
        form_text(r, "inv-time", "Tid (TT:MM)", posted(r, "inv-time", "10:00"), NULL, v, "text");
        staff_select(r, "inv-staff_id", "Hvem kommer (valgfrit)", pv ? pv->staff_id : 0, true,
                     v ? validation_for(v, "inv-staff_id") : NULL);
        html(r, "<button class=\"button button-primary\" type=\"submit\">Send invitation"
                "</button></form>");
    }
    if ((listed || pv) && pv_can_book(st)) {
        html(r, "<h2>Aftal en tid</h2><form method=\"post\" action=\"");
        html_attr(r, action);
        html(r, "/aftal\" novalidate>");
        form_csrf(r);
        htmlf(r, "<input type=\"hidden\" name=\"aar\" value=\"%d\">", year);
        struct date d0 = pv && pv->booked.year ? pv->booked : pv ? pv->proposed : (struct date){0};
        minute_t t0 = pv && pv->booked_at >= 0 ? pv->booked_at : pv ? pv->proposed_at : 600;
        form_text(r, "book-date", "Dato (ÅÅÅÅ-MM-DD)",
                  posted(r, "book-date", day_text(&r->arena, d0)), NULL, v, "date");
        form_text(r, "book-time", "Tid (TT:MM)", posted(r, "book-time", time_text(&r->arena, t0)),
                  NULL, v, "text");
        staff_select(r, "book-staff_id", "Hvem kommer", pv ? pv->staff_id : 0, false,
                     v ? validation_for(v, "book-staff_id") : NULL);
        html(r, "<button class=\"button button-primary\" type=\"submit\">Aftal tid</button>"
                "</form>");
    }
    bool outcomes = false;
    for (int o = 0; o < PV_OUT_COUNT; o++)
        outcomes |= pv_outcome_status(st, (enum pv_outcome)o) != PV_STATUS_COUNT;
    if (outcomes) {
        html(r, "<h2>Hvordan gik det?</h2><form method=\"post\" action=\"");
        html_attr(r, action);
        html(r, "/udfald\" novalidate>");
        form_csrf(r);
        htmlf(r, "<input type=\"hidden\" name=\"aar\" value=\"%d\">", year);
        form_select_open(r, "out-outcome", "Udfald", v ? validation_for(v, "out-outcome") : NULL);
        const char *chosen = req_form(r, "out-outcome");
        for (int o = 0; o < PV_OUT_COUNT; o++)
            if (pv_outcome_status(st, (enum pv_outcome)o) != PV_STATUS_COUNT)
                form_option(r, pv_outcome_code((enum pv_outcome)o), pv_outcome_label((enum pv_outcome)o),
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
    html_attr(r, action);
    html(r, "/risiko\" novalidate>");
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

/* Access, the logged read, the citizen and the entry for the page's year. */
static bool load(struct req *r, const char *year_text, int *year, struct pv_entry *e, bool *listed,
                 struct citizen *c)
{
    struct prevention_settings set;
    if (!prevention_require(r) || !year_arg(r, year_text, year) ||
        !citizen_read_allowed(r, r->ids[0], "prevention_list") ||
        !prevention_entry_load(r, r->ids[0], *year, &set, e, listed))
        return false;
    enum store_rc rc = store_citizen_get(r->db, &r->arena, r->ids[0], c);
    if (rc != STORE_OK) {
        send_store_error(r, rc);
        return false;
    }
    return true;
}

/* GET /forebyggelse/{id}?aar= — one citizen's visit and its forms. */
void ui_prevention_show(struct req *r)
{
    struct pv_entry e;
    struct citizen c;
    bool listed;
    int year;
    if (load(r, req_arg(r, "aar"), &year, &e, &listed, &c))
        show_page(r, year, &e, listed, &c, NULL);
}

/* A posted step: check, save, and back to the page (or the page again with
 * the errors). */
static void ui_step(struct req *r, enum pv_step step, const char *prefix)
{
    struct pv_entry e;
    struct citizen c;
    struct pv_visit out;
    struct validation v = {0}, shown = {0};
    bool listed;
    int year;
    if (!load(r, req_form(r, "aar"), &year, &e, &listed, &c))
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
    enum pv_step_rc rc = prevention_step(r, &e, listed, step, &in, &v, &out);
    if (rc == PV_STEP_INVALID) {
        prefix_errors(&v, prefix, &shown);
        r->status = 422;
        show_page(r, year, &e, listed, &c, &shown);
        return;
    }
    if (rc == PV_STEP_NOT_ELIGIBLE) {
        send_error(r, 422, "not_eligible",
                   "Borgeren er ikke på listen over forebyggende "
                   "hjemmebesøg det år.");
        return;
    }
    if (rc != PV_STEP_OK) {
        send_error(r, 409, "bad_transition",
                   "Besøget kan ikke skifte til den status nu. Åbn siden igen.");
        return;
    }
    static const char *const what[] = {"invited", "booked", "outcome"};
    enum store_rc src = prevention_save(
        r, &out, step == PV_STEP_OUTCOME ? pv_outcome_code(in.outcome) : what[step]);
    if (src != STORE_OK) {
        send_store_error(r, src);
        return;
    }
    redirect(r, arena_printf(&r->arena, "/forebyggelse/%ld?aar=%d", c.id, year));
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
    struct pv_entry e;
    struct citizen c;
    struct validation v = {0}, shown = {0};
    struct date since = {0};
    bool listed;
    int year;
    if (!load(r, req_form(r, "aar"), &year, &e, &listed, &c))
        return;
    const char *act = req_form(r, "handling");
    bool clear = act && !strcmp(act, "fjern");
    const char *reason = req_form(r, "risk-reason");
    if (!clear)
        prevention_risk_validate(reason, req_form(r, "risk-since"), &since, &v);
    if (v.count) {
        prefix_errors(&v, "risk", &shown);
        r->status = 422;
        show_page(r, year, &e, listed, &c, &shown);
        return;
    }
    enum store_rc rc = prevention_risk_save(r, c.id, clear ? NULL : reason, since);
    if (rc != STORE_OK && !(clear && rc == STORE_NOT_FOUND)) {
        send_store_error(r, rc);
        return;
    }
    redirect(r, arena_printf(&r->arena, "/forebyggelse/%ld?aar=%d", c.id, year));
}

/* GET /forebyggelse/{id}/brev?aar= — the printable invitation with its LIX. */
void ui_prevention_letter(struct req *r)
{
    struct prevention_settings set;
    struct pv_entry e;
    struct citizen c;
    struct letter l;
    bool listed;
    int year;
    if (!load(r, req_arg(r, "aar"), &year, &e, &listed, &c) ||
        store_prevention_settings_get(r->db, &r->arena, &set) != STORE_OK)
        return;
    const struct pv_visit *v = e.visit;
    bool proposal = !(v && v->proposed.year);
    struct date when = proposal ? prevention_suggest_date(date_today()) : v->proposed;
    minute_t at = proposal ? 10 * 60 : v->proposed_at;
    if (prevention_letter_build(&r->arena, &set, c.first_name, c.last_name, when, at,
                                v ? v->staff_name : NULL, &l) != 0) {
        send_store_error(r, STORE_ERROR);
        return;
    }
    page_begin(r, l.title);
    html(r, "<div class=\"alert alert-info omsorg-noprint\"><div class=\"alert-body\">"
            "<p class=\"alert-text\">");
    htmlf(r, "Brevets LIX er %.0f. ", l.lix);
    html(r, l.lix <= 35 ? "Det er let at læse." : "Prøv kortere sætninger og ord.");
    if (proposal)
        html(r, " Borgeren er ikke inviteret endnu. Datoen er et forslag.");
    htmlf(r,
          "</p></div></div><p class=\"omsorg-noprint\"><a href=\"/forebyggelse/%ld?aar=%d\">"
          "Tilbage til besøget</a></p>",
          c.id, year);
    html(r, "<article class=\"omsorg-letter\"><p class=\"omsorg-letter-from\">");
    html_txt(r, set.municipality);
    html(r, "<br>Forebyggende hjemmebesøg<br>Telefon ");
    html_txt(r, set.phone);
    html(r, "</p><p>");
    html_txt(r, c.first_name);
    html(r, " ");
    html_txt(r, c.last_name);
    html(r, "<br>");
    html_txt(r, c.address);
    html(r, "<br>");
    html_txt(r, c.postcode);
    html(r, " ");
    html_txt(r, c.city);
    html(r, "</p><h1>");
    html_txt(r, l.title);
    html(r, "</h1><p>");
    html_txt(r, l.greeting);
    html(r, "</p>");
    for (int i = 0; i < l.count; i++) {
        html(r, "<h2>");
        html_txt(r, l.sections[i].heading);
        html(r, "</h2>");
        for (int k = 0; k < l.sections[i].count; k++) {
            html(r, "<p>");
            html_txt(r, l.sections[i].paragraphs[k]);
            html(r, "</p>");
        }
    }
    html(r, "<p>Venlig hilsen<br>Forebyggende hjemmebesøg, ");
    html_txt(r, set.municipality);
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
        html(r, "<div class=\"alert alert-success\" role=\"status\"><div class=\"alert-body\">"
                "<p class=\"alert-text\">Reglerne er gemt. Listen følger dem fra nu.</p></div>"
                "</div>");
    form_error_summary(r, v);
    html(r, "<p>Reglerne afgør, hvem der får tilbud om et forebyggende hjemmebesøg. Skriv 0 for "
            "at slå en regel fra.</p><form method=\"post\" action=\"/admin/forebyggelse\" "
            "novalidate>");
    form_csrf(r);
    htmlf(r, "<input type=\"hidden\" name=\"version\" value=\"%ld\">", s->version);
    form_text(r, "municipality", "Kommunens navn (i brevet)", s->municipality, NULL, v, "text");
    form_text(r, "phone", "Telefon (i brevet)", s->phone, NULL, v, "text");
    form_select_open(r, "year_mode", "Året, hvor borgeren fylder",
                v ? validation_for(v, "year_mode") : NULL);
    form_option(r, "calendar", "Kalenderåret (1. januar – 31. december)", s->mode == PV_CALENDAR_YEAR);
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

/* Administrators only. */
static bool require_admin(struct req *r)
{
    if (access_can(&r->actor, CAP_ADMIN))
        return true;
    send_error(r, 403, "forbidden", "Kun administratorer kan ændre reglerne.");
    return false;
}

/* GET /admin/forebyggelse — the rules, for the administrator. */
void ui_prevention_settings(struct req *r)
{
    struct prevention_settings s;
    if (!require_admin(r))
        return;
    enum store_rc rc = store_prevention_settings_get(r->db, &r->arena, &s);
    if (rc != STORE_OK) {
        send_store_error(r, rc);
        return;
    }
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
    struct validation v = {0};
    if (!require_admin(r))
        return;
    enum store_rc rc = store_prevention_settings_get(r->db, &r->arena, &s);
    if (rc != STORE_OK) {
        send_store_error(r, rc);
        return;
    }
    s.municipality = req_form(r, "municipality");
    s.phone = req_form(r, "phone");
    int m = pv_year_mode_parse(req_form(r, "year_mode"));
    if (m < 0)
        validation_add(&v, "year_mode", "Vælg kalenderår eller fødselsdagsår.");
    else
        s.mode = (enum pv_year_mode)m;
    s.lives_alone_age = form_number(r, "lives_alone_age", &v);
    s.every_year_from = form_number(r, "every_year_from", &v);
    s.risk_from = form_number(r, "risk_from", &v);
    s.risk_to = form_number(r, "risk_to", &v);
    const char *ages = req_form(r, "ages");
    if (!prevention_ages_parse(ages, &s))
        validation_add(&v, "ages", "Skriv højst seks forskellige aldre adskilt med komma.");
    s.exclude_full_help = req_form(r, "exclude_full_help") != NULL;
    long version = parse_id(req_form(r, "version"));
    s.version = version > 0 ? version : 0;
    prevention_settings_validate(&s, &v);
    if (!v.count) {
        rc = store_prevention_settings_set(r->db, &s, r->actor.user_id);
        if (rc == STORE_OK) {
            log_info("prevention settings changed: user_id=%ld", r->actor.user_id);
            redirect(r, "/admin/forebyggelse?gemt=1");
            return;
        }
        if (rc == STORE_CONFLICT) {
            send_error(r, 409, "conflict", "En anden har ændret reglerne imens. Åbn siden igen.");
            return;
        }
        send_store_error(r, rc);
        return;
    }
    r->status = 422;
    settings_form(r, &s, &v, ages ? ages : "", false);
}
