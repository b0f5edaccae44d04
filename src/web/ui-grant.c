/*
 * ui-grant.c — decisions (afgørelser) on the citizen's record: the list,
 * create and edit a grant with its visits, move it through its statuses with
 * history, and the decision letter in plain Danish with its LIX score.
 */
#include "web/web.h"

#include <stdlib.h>
#include <string.h>

#include "app/grant.h"

#define FORM_SERVICES 6

static const char *const day_short[] = {"Man", "Tir", "Ons", "Tor", "Fre", "Lør", "Søn"};
static const char *const day_long[] = {"Mandag", "Tirsdag", "Onsdag", "Torsdag",
                                       "Fredag", "Lørdag",  "Søndag"};

static const char *days_text(struct arena *a, unsigned days)
{
    const char *s = "";
    for (int i = 0; i < 7; i++)
        if (days & (1u << i))
            s = arena_printf(a, "%s%s%s", s, *s ? " " : "", day_short[i]);
    return s;
}

/* "2026-12-01", "" when not set. */
static const char *date_text(struct req *r, struct date d)
{
    char t[11];
    date_format(d, t);
    return arena_strdup(&r->arena, t);
}

/* The window a service gives today for this citizen, as "08:00–09:00". */
static const char *window_text(struct arena *a, const struct grant_service *s)
{
    char from[6], to[6];
    if (s->anchor != ANCHOR_FIXED)
        return arena_printf(a, "%s%s", anchor_label(s->anchor),
                            s->offset ? arena_printf(a, " %+d min", s->offset) : "");
    minute_format(s->at - s->flex < 0 ? 0 : s->at - s->flex, from);
    minute_format(s->at + s->flex > 1439 ? 1439 : s->at + s->flex, to);
    return arena_printf(a, "%s–%s", from, to);
}

static const char *period_text(struct req *r, const struct grant *g, const char *open_end)
{
    return arena_printf(&r->arena, "%s – %s", date_text(r, g->start),
                        g->end.year ? date_text(r, g->end) : open_end);
}

void grant_section(struct req *r, const struct citizen *c)
{
    static const char *const cols[] = {"Afgørelse", "Status", "Periode", "Opfølgning"};
    struct grant *grants;
    int n;
    if (app_grant_list(&r->app, c->id, NULL, &grants, &n) != APP_OK)
        return;
    html(r, "<h2>Afgørelser</h2>");
    if (access_can(&r->actor, CAP_CITIZEN_WRITE)) {
        html(r, "<p>");
        page_button(r, PAGE_GRANT_NEW, c->id, 0, "Ny afgørelse");
        html(r, "</p>");
    }
    if (!n) {
        html(r, "<p>Borgeren har ingen afgørelser.</p>");
        return;
    }
    table_begin(r, "Afgørelser", true, 4, cols);
    for (int i = 0; i < n; i++) {
        const struct grant *g = &grants[i];
        html(r, "<tr><td><a href=\"");
        html_link(r, PAGE_GRANT, c->id, g->id);
        html(r, "\">");
        html_txt(r, grant_kind_label(g->kind));
        html(r, "</a></td>");
        table_cell(r, grant_status_label(g->status));
        table_cell(r, g->end.year ? period_text(r, g, "") : date_text(r, g->start));
        table_cell(r, date_text(r, g->follow_up));
        html(r, "</tr>");
    }
    table_end(r);
}

/* --- the form ------------------------------------------------------------- */

static const char *field(struct req *r, int i, const char *name)
{
    return arena_printf(&r->arena, "services[%d].%s", i, name);
}

static const char *number(struct req *r, int n)
{
    return n ? arena_printf(&r->arena, "%d", n) : "";
}

static void service_fieldset(struct req *r, int i, const struct grant_service *s,
                             const struct validation *v)
{
    char at[6];
    minute_format(s->anchor == ANCHOR_FIXED ? s->at : MINUTE_NONE, at);
    htmlf(r, "<fieldset class=\"omsorg-service\"><legend class=\"h4\">Besøg %d</legend>", i + 1);
    if (s->id)
        htmlf(r, "<input type=\"hidden\" name=\"services[%d].id\" value=\"%ld\">", i, s->id);
    form_text(r, field(r, i, "label"), "Hvad skal besøget hjælpe med", s->label,
              "Fx \"Hjælp til at komme op og i bad\". Tomt = intet besøg.", v, "text");
    form_text(r, field(r, i, "code"), "FSIII-indsats (valgfri)", s->code, "Fx H1.1", v, "text");
    form_fieldset_open(r, field(r, i, "weekdays"), "Ugedage",
                       v ? validation_for(v, field(r, i, "weekdays")) : NULL);
    html(r, "<div class=\"omsorg-days\">");
    for (int d = 0; d < 7; d++)
        form_checkbox(r, arena_printf(&r->arena, "services[%d].day%d", i, d + 1), day_long[d],
                      (s->weekdays & (1u << d)) != 0);
    html(r, "</div>");
    form_fieldset_close(r);
    form_select_open(r, field(r, i, "anchor"), "Hvornår på dagen",
                     v ? validation_for(v, field(r, i, "anchor")) : NULL);
    for (int k = 0; k < ANCHOR_COUNT; k++)
        form_option(r, anchor_code((enum anchor)k), anchor_label((enum anchor)k),
                    (int)s->anchor == k);
    form_select_close(r);
    form_text(r, field(r, i, "at"), "Fast tidspunkt (TT:MM, kun ved fast tidspunkt)", at, NULL, v,
              "text");
    form_text(r, field(r, i, "flex"), "Tidsvindue i minutter til hver side",
              arena_printf(&r->arena, "%d", s->flex), NULL, v, "text");
    form_text(r, field(r, i, "duration"), "Varighed i minutter", number(r, s->duration), NULL, v,
              "text");
    form_select_open(r, field(r, i, "skill"), "Faglighed",
                     v ? validation_for(v, field(r, i, "skill")) : NULL);
    for (int k = 0; k < skill_count; k++)
        form_option(r, skill_codes[k], skill_labels[k],
                    s->skill && !strcmp(s->skill, skill_codes[k]));
    form_select_close(r);
    form_select_open(r, field(r, i, "carers"), "Antal medarbejdere",
                     v ? validation_for(v, field(r, i, "carers")) : NULL);
    form_option(r, "1", "1 medarbejder", s->carers != 2);
    form_option(r, "2", "2 medarbejdere (fx ved lift)", s->carers == 2);
    form_select_close(r);
    html(r, "</fieldset>");
}

static void grant_form(struct req *r, const struct grant_form *f, const struct validation *v)
{
    const struct grant *g = &f->grant;
    bool is_new = g->id == 0;
    const char *title = is_new ? "Ny afgørelse" : "Ret afgørelse";
    page_begin(r, title);
    html(r, "<h1>");
    html_txt(r, title);
    html(r, "</h1><p>For ");
    html_txt(r, f->citizen.first_name);
    html(r, " ");
    html_txt(r, f->citizen.last_name);
    html(r, ". Rehabilitering kommer først, hvor borgeren kan blive mere selvhjulpen.</p>");
    form_error_summary(r, v);
    html(r, "<form method=\"post\" action=\"");
    html_link(r, is_new ? PAGE_GRANT_NEW : PAGE_GRANT, g->citizen_id, g->id);
    html(r, "\" novalidate>");
    form_csrf(r);
    htmlf(r, "<input type=\"hidden\" name=\"version\" value=\"%ld\">", g->version);
    form_select_open(r, "kind", "Slags afgørelse", v ? validation_for(v, "kind") : NULL);
    for (int k = 0; k < GRANT_KIND_COUNT; k++)
        form_option(r, grant_kind_code((enum grant_kind)k), grant_kind_label((enum grant_kind)k),
                    (int)g->kind == k);
    form_select_close(r);
    form_textarea(r, "requested", "Det har borgeren bedt om", g->requested,
                  "Med borgerens egne ord.", v);
    form_textarea(r, "reason", "Begrundelse", g->reason,
                  "Skriv kort og enkelt. Brevet læses af borgeren.", v);
    form_textarea(r, "goals", "Mål (med borgerens ord)", g->goals,
                  "Skal udfyldes ved rehabilitering.", v);
    form_text(r, "start_date", "Hjælpen begynder (ÅÅÅÅ-MM-DD)", date_text(r, g->start), NULL, v,
              "date");
    form_text(r, "end_date", "Hjælpen slutter (ÅÅÅÅ-MM-DD)", date_text(r, g->end),
              "Skal udfyldes ved rehabilitering (højst 16 uger).", v, "date");
    form_text(r, "follow_up_date", "Opfølgning senest (ÅÅÅÅ-MM-DD)", date_text(r, g->follow_up),
              NULL, v, "date");
    form_text(r, "weekly_minutes", "Ramme i minutter om ugen (helhedspleje)",
              number(r, g->weekly_minutes), NULL, v, "text");
    form_select_open(r, "contact_id", "Borgerens kontakt",
                     v ? validation_for(v, "contact_id") : NULL);
    form_option(r, "", "Ingen", g->contact_id == 0);
    for (int i = 0; i < f->contact_count; i++)
        form_option(r, arena_printf(&r->arena, "%ld", f->contacts[i].id), f->contacts[i].full_name,
                    f->contacts[i].id == g->contact_id);
    form_select_close(r);
    html(r, "<h2 class=\"h3\">Besøg</h2><p>Tidspunktet følger borgerens døgnrytme. Står "
            "borgeren op kl. 8.30, ligger morgenbesøget omkring kl. 8.30.</p>");
    if (v && validation_for(v, "services")) {
        html(r, "<p class=\"form-error-message\" id=\"f-services\">");
        html_txt(r, validation_for(v, "services"));
        html(r, "</p>");
    }
    for (int i = 0; i < FORM_SERVICES; i++) {
        struct grant_service empty = {.label = "",
                                      .code = "",
                                      .weekdays = 31,
                                      .anchor = ANCHOR_GET_UP,
                                      .flex = 30,
                                      .carers = 1,
                                      .skill = "personlig-pleje",
                                      .at = MINUTE_NONE};
        service_fieldset(r, i, i < g->service_count ? &g->services[i] : &empty, v);
    }
    html(r, "<button class=\"button button-primary\" type=\"submit\">Gem som kladde</button> "
            "<a class=\"button button-tertiary\" href=\"");
    html_link(r, PAGE_CITIZEN, g->citizen_id, 0);
    html(r, "\">Annullér</a></form>");
    page_end(r);
}

/* A whole number from the form: fallback when empty, -99999 when not a
 * number (validation then says what is allowed). */
static int form_int(struct req *r, const char *name, int fallback)
{
    const char *s = req_form(r, name);
    if (!s || !*s)
        return fallback;
    char *end;
    long v = strtol(s, &end, 10);
    return *end || v < -100000 || v > 100000 ? -99999 : (int)v;
}

/* Read the posted grant; date format errors go into v. Rows without a label
 * are left out, so errors on services[k] match row k when the form is shown
 * again. */
static void grant_from_form(struct req *r, struct grant *g, struct validation *v)
{
    memset(g, 0, sizeof *g);
    g->citizen_id = r->ids[0];
    g->id = r->nids > 1 ? r->ids[1] : 0;
    int kind = grant_kind_parse(req_form(r, "kind"));
    g->kind = kind < 0 ? GRANT_KIND_COUNT : (enum grant_kind)kind;
    g->requested = req_form(r, "requested");
    g->reason = req_form(r, "reason");
    g->goals = req_form(r, "goals");
    const char *dates[3] = {"start_date", "end_date", "follow_up_date"};
    struct date *dst[3] = {&g->start, &g->end, &g->follow_up};
    for (int i = 0; i < 3; i++) {
        const char *t = req_form(r, dates[i]);
        if (t && *t && !date_parse(t, dst[i]))
            validation_add(v, dates[i], "Skriv datoen som ÅÅÅÅ-MM-DD, fx 2026-12-01.");
    }
    g->weekly_minutes = form_int(r, "weekly_minutes", 0);
    g->contact_id = parse_id(req_form(r, "contact_id"));
    g->version = parse_id(req_form(r, "version"));
    for (int i = 0; i < FORM_SERVICES; i++) {
        const char *label = req_form(r, field(r, i, "label"));
        if (!label || !*label)
            continue;
        struct grant_service *s = &g->services[g->service_count++];
        s->id = parse_id(req_form(r, field(r, i, "id")));
        s->label = label;
        s->code = req_form(r, field(r, i, "code"));
        for (int d = 0; d < 7; d++)
            if (req_form(r, arena_printf(&r->arena, "services[%d].day%d", i, d + 1)))
                s->weekdays |= 1u << d;
        int an = anchor_parse(req_form(r, field(r, i, "anchor")));
        s->anchor = an < 0 ? ANCHOR_COUNT : (enum anchor)an;
        s->at = minute_parse(req_form(r, field(r, i, "at")));
        s->flex = form_int(r, field(r, i, "flex"), 30);
        s->duration = form_int(r, field(r, i, "duration"), 0);
        s->skill = req_form(r, field(r, i, "skill"));
        s->carers = form_int(r, field(r, i, "carers"), 1);
    }
}

void ui_grant_new(struct req *r)
{
    struct grant_form f;
    if (app_grant_form(&r->app, r->ids[0], 0, "grant form", &f) != APP_OK) {
        send_app_error(r);
        return;
    }
    grant_form(r, &f, NULL);
}

/* Create (no grant id in the path) or change a grant from the posted form;
 * on failure the form again with the errors, or the error page. */
static void grant_post(struct req *r)
{
    struct grant g;
    grant_from_form(r, &g, &r->app.errors);
    enum app_rc rc = g.id ? app_grant_update(&r->app, &g) : app_grant_create(&r->app, &g);
    if (rc == APP_OK) {
        redirect(r, link_to(r, PAGE_GRANT, g.citizen_id, g.id));
        return;
    }
    struct validation v = r->app.errors;
    struct grant_form f;
    if (r->app.rc != APP_INVALID ||
        app_grant_form(&r->app, g.citizen_id, 0, "grant form", &f) != APP_OK) {
        send_app_error(r);
        return;
    }
    f.grant = g;
    r->status = 422; /* the form again, with what to fix */
    grant_form(r, &f, &v);
}

void ui_grant_create(struct req *r)
{
    grant_post(r);
}

void ui_grant_update(struct req *r)
{
    grant_post(r);
}

/* What a rehabilitation course achieved: levels before → after and the
 * goals followed up during it. */
static void rehab_outcome(struct req *r, const struct grant *g, const struct grant_outcome *o)
{
    static const char *const cols[] = {"Tilstand", "Før", "Efter", "Ændring"};
    html(r, "<h2 class=\"h3\">Resultat af forløbet</h2>");
    if (!*o->before_on || !*o->after_on) {
        html(r, "<p>");
        if (!*o->before_on)
            html(r, "Der er ingen vurdering fra før forløbet. ");
        html(r, o->ended ? "Forløbet er slut. Lav en ny vurdering for at se resultatet."
                         : "Lav en ny vurdering, når forløbet slutter. Så ses resultatet her.");
        html(r, "</p>");
        if (access_can(&r->actor, CAP_CITIZEN_WRITE)) {
            html(r, "<p>");
            page_button(r, PAGE_ASSESSMENT_NEW, g->citizen_id, 0, "Ny vurdering");
            html(r, "</p>");
        }
    } else {
        table_begin(r,
                    arena_printf(&r->arena, "Funktionsevne før og efter forløbet (%s → %s)",
                                 o->before_on, o->after_on),
                    false, 4, cols);
        for (int i = 0; i < o->function_count; i++) {
            const struct condition_change *c = &o->functions[i];
            html(r, "<tr>");
            table_cell(r, c->display);
            for (int k = 0; k < 2; k++) {
                int level = k ? c->after : c->before;
                html(r, "<td>");
                if (level >= 0)
                    htmlf(r, "%d", level);
                html(r, "</td>");
            }
            table_cell(r, change_label(c->change));
            html(r, "</tr>");
        }
        table_end(r);
    }
    if (!o->goal_count)
        return;
    html(r, "<h3 class=\"h4\">Mål</h3><ul>");
    for (int i = 0; i < o->goal_count; i++) {
        html(r, "<li>");
        html_txt(r, o->goals[i].text);
        html(r, " – ");
        html_txt(r, goal_status_label(o->goals[i].status));
        html(r, "</li>");
    }
    html(r, "</ul>");
}

/* The buttons for the statuses a grant can move to, with the version the
 * user sees (a change meanwhile is refused). */
static void status_actions(struct req *r, const struct grant *g)
{
    static const struct {
        enum grant_status to;
        const char *label;
    } acts[] = {{GS_DECIDED, "Træf afgørelsen"},
                {GS_SENT, "Markér som sendt"},
                {GS_CHANGED, "Åbn for ændring"},
                {GS_APPEALED, "Borgeren har klaget"},
                {GS_ENDED, "Afslut"}};
    bool any = false;
    for (size_t i = 0; i < sizeof acts / sizeof acts[0]; i++)
        any |= grant_transition_ok(g->status, acts[i].to);
    if (!any)
        return;
    html(r, "<h2 class=\"h3\">Skift status</h2><form method=\"post\" action=\"");
    html_link(r, PAGE_GRANT_STATUS, g->citizen_id, g->id);
    html(r, "\">");
    form_csrf(r);
    htmlf(r, "<input type=\"hidden\" name=\"version\" value=\"%ld\">", g->version);
    form_text(r, "note", "Hvorfor (kommer i historikken)", "", NULL, NULL, "text");
    html(r, "<div class=\"omsorg-actions\">");
    for (size_t i = 0; i < sizeof acts / sizeof acts[0]; i++) {
        if (!grant_transition_ok(g->status, acts[i].to))
            continue;
        html(r, "<button class=\"button button-secondary\" type=\"submit\" name=\"to\" value=\"");
        html_attr(r, grant_status_code(acts[i].to));
        html(r, "\">");
        html_txt(r, acts[i].label);
        html(r, "</button> ");
    }
    html(r, "</div></form>");
}

static void services_table(struct req *r, const struct grant *g)
{
    static const char *const cols[] = {"Hjælp",    "Dage",      "Hvornår",
                                       "Minutter", "Faglighed", "Medarbejdere"};
    html(r, "<h2 class=\"h3\">Besøg</h2>");
    table_begin(r, "Besøg i afgørelsen", true, 6, cols);
    for (int i = 0; i < g->service_count; i++) {
        const struct grant_service *s = &g->services[i];
        int k = skill_index(s->skill);
        html(r, "<tr>");
        table_cell(r, *s->code ? arena_printf(&r->arena, "%s (%s)", s->label, s->code) : s->label);
        table_cell(r, days_text(&r->arena, s->weekdays));
        table_cell(r, window_text(&r->arena, s));
        htmlf(r, "<td>%d</td>", s->duration);
        table_cell(r, k >= 0 ? skill_labels[k] : s->skill);
        htmlf(r, "<td>%d</td></tr>", s->carers);
    }
    table_end(r);
}

static void history_table(struct req *r, const struct grant_view *v)
{
    static const char *const cols[] = {"Tidspunkt", "Hvem", "Status", "Hvorfor"};
    html(r, "<h2 class=\"h3\">Historik</h2>");
    table_begin(r, "Historik", true, 4, cols);
    for (int i = 0; i < v->history_count; i++) {
        const struct grant_event *e = &v->history[i];
        char when[32];
        datetime_local(e->at, when, sizeof when);
        int st = grant_status_parse(e->to);
        html(r, "<tr>");
        table_cell(r, when);
        table_cell(r, e->who);
        table_cell(r, st >= 0 ? grant_status_label((enum grant_status)st) : e->to);
        table_cell(r, e->note);
        html(r, "</tr>");
    }
    table_end(r);
}

/* The grant form when ?ret is asked for, else the grant with its visits,
 * outcome, status buttons and history. */
void ui_grant_show(struct req *r)
{
    bool can_write = access_can(&r->actor, CAP_CITIZEN_WRITE);
    if (can_write && req_arg(r, "ret")) {
        struct grant_form f;
        if (app_grant_form(&r->app, r->ids[0], r->ids[1], "grant form", &f) != APP_OK) {
            send_app_error(r);
            return;
        }
        grant_form(r, &f, NULL);
        return;
    }
    struct grant_view v;
    if (app_grant_get(&r->app, r->ids[0], r->ids[1], "grant", &v) != APP_OK) {
        send_app_error(r);
        return;
    }
    const struct grant *g = &v.grant;
    const char *name = arena_printf(&r->arena, "%s %s", v.citizen.first_name, v.citizen.last_name);
    const char *title = arena_printf(&r->arena, "%s for %s", grant_kind_label(g->kind), name);
    page_begin(r, title);
    page_breadcrumbs(
        r,
        (struct crumb[]){{name, link_to(r, PAGE_CITIZEN, g->citizen_id, 0)}, {"Afgørelse", NULL}},
        2);
    html(r, "<h1>");
    html_txt(r, title);
    html(r, "</h1><p><span class=\"badge badge-info\">");
    html_txt(r, grant_status_label(g->status));
    html(r, "</span></p><p>");
    page_button(r, PAGE_GRANT_LETTER, g->citizen_id, g->id, "Se afgørelsesbrevet");
    if (can_write && grant_editable(g->status)) {
        html(r, " <a class=\"button button-secondary\" href=\"");
        html_link(r, PAGE_GRANT, g->citizen_id, g->id);
        html(r, "?ret=1\">Ret afgørelsen</a>");
    }
    html(r, "</p><dl class=\"omsorg-dl\">");
    dl_row(r, "Det har borgeren bedt om", g->requested);
    dl_row(r, "Begrundelse", g->reason);
    dl_row(r, "Mål", g->goals);
    dl_row(r, "Periode", period_text(r, g, "indtil videre"));
    dl_row(r, "Opfølgning", date_text(r, g->follow_up));
    if (g->kind == GRANT_HELHEDSPLEJE)
        dl_row(r, "Ramme",
               arena_printf(&r->arena, "%d minutter om ugen (besøgene bruger %d)",
                            g->weekly_minutes, grant_weekly_service_minutes(g)));
    dl_row(r, "Kontakt", g->contact_name);
    html(r, "</dl>");
    if (g->service_count)
        services_table(r, g);
    if (v.outcome.applies)
        rehab_outcome(r, g, &v.outcome);
    if (can_write)
        status_actions(r, g);
    history_table(r, &v);
    page_end(r);
}

void ui_grant_status(struct req *r)
{
    struct grant_status_change in = {.citizen_id = r->ids[0],
                                     .grant_id = r->ids[1],
                                     .version = parse_id(req_form(r, "version")),
                                     .to = req_form(r, "to"),
                                     .note = req_form(r, "note")};
    if (app_grant_set_status(&r->app, &in) != APP_OK) {
        send_app_error(r);
        return;
    }
    redirect(r, link_to(r, PAGE_GRANT, in.citizen_id, in.grant_id));
}

void ui_grant_letter(struct req *r)
{
    struct citizen c;
    struct letter l;
    if (app_grant_letter(&r->app, r->ids[0], r->ids[1], "decision letter", &c, &l) != APP_OK) {
        send_app_error(r);
        return;
    }
    page_begin(r, l.title);
    if (access_can(&r->actor, CAP_CITIZEN_WRITE)) {
        html(r, "<div class=\"omsorg-noprint\">");
        page_alert(
            r, ALERT_INFO, NULL,
            arena_printf(&r->arena, "Brevets LIX er %.0f. %s", l.lix,
                         l.lix <= 35 ? "Det er let at læse." : "Prøv kortere sætninger og ord."));
        html(r, "<p><a href=\"");
        html_link(r, PAGE_GRANT, c.id, r->ids[1]);
        html(r, "\">Tilbage til afgørelsen</a></p></div>");
    }
    html(r, "<article class=\"omsorg-letter\"><p class=\"omsorg-letter-from\">Herlev Kommune"
            "<br>Visitationen<br>Herlev Bygade 90, 2730 Herlev</p><p>");
    html_txt(r, arena_printf(&r->arena, "%s %s", c.first_name, c.last_name));
    html(r, "<br>");
    html_txt(r, c.address);
    html(r, "<br>");
    html_txt(r, arena_printf(&r->arena, "%s %s", c.postcode, c.city));
    html(r, "</p><h1>");
    html_txt(r, l.title);
    html(r, "</h1><p>");
    html_txt(r, l.greeting);
    html(r, "</p>");
    for (int i = 0; i < l.count; i++) {
        const struct letter_section *s = &l.sections[i];
        html(r, "<h2>");
        html_txt(r, s->heading);
        html(r, s->is_list ? "</h2><ul>" : "</h2>");
        for (int k = 0; k < s->count; k++) {
            html(r, s->is_list ? "<li>" : "<p>");
            html_txt(r, s->paragraphs[k]);
            html(r, s->is_list ? "</li>" : "</p>");
        }
        if (s->is_list)
            html(r, "</ul>");
    }
    html(r, "<p>Venlig hilsen<br>Visitationen, Herlev Kommune</p></article>");
    page_end(r);
}
