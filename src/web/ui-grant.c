/*
 * ui-grant.c — decisions (afgørelser) on the citizen's record: the list,
 * create and edit a grant with its visits, move it through its statuses with
 * history, and the decision letter in plain Danish with its LIX score.
 */
#include "web/web.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/assessment.h"
#include "core/letter.h"

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

static const char *date_text(struct arena *a, struct date d)
{
    char t[11];
    date_format(d, t);
    return arena_strdup(a, t);
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

void grant_section(struct req *r, const struct citizen *c)
{
    struct grant *grants;
    int n;
    if (store_grant_list(r->db, &r->arena, c->id, &grants, &n) != STORE_OK)
        return;
    html(r, "<h2>Afgørelser</h2>");
    if (access_can(&r->actor, CAP_CITIZEN_WRITE))
        htmlf(r, "<p><a class=\"button button-secondary\" href=\"/borgere/%ld/afgoerelser/ny\">"
                 "Ny afgørelse</a></p>",
              c->id);
    if (!n) {
        html(r, "<p>Borgeren har ingen afgørelser.</p>");
        return;
    }
    html(r, "<table class=\"table table--compact\"><caption class=\"sr-only\">Afgørelser"
            "</caption><thead><tr><th scope=\"col\">Afgørelse</th><th scope=\"col\">Status</th>"
            "<th scope=\"col\">Periode</th><th scope=\"col\">Opfølgning</th></tr></thead><tbody>");
    for (int i = 0; i < n; i++) {
        const struct grant *g = &grants[i];
        htmlf(r, "<tr><td><a href=\"/borgere/%ld/afgoerelser/%ld\">", c->id, g->id);
        html_txt(r, grant_kind_label(g->kind));
        html(r, "</a></td><td>");
        html_txt(r, grant_status_label(g->status));
        html(r, "</td><td>");
        html_txt(r, date_text(&r->arena, g->start));
        if (g->end.year) {
            html(r, " – ");
            html_txt(r, date_text(&r->arena, g->end));
        }
        html(r, "</td><td>");
        html_txt(r, g->follow_up.year ? date_text(&r->arena, g->follow_up) : "–");
        html(r, "</td></tr>");
    }
    html(r, "</tbody></table>");
}

/* --- the form ------------------------------------------------------------- */

static const char *field(struct req *r, int i, const char *name)
{
    return arena_printf(&r->arena, "services[%d].%s", i, name);
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
    const char *derr = v ? validation_for(v, field(r, i, "weekdays")) : NULL;
    html(r, derr ? "<fieldset class=\"form-group form-error\">" : "<fieldset class=\"form-group\">");
    html(r, "<legend class=\"form-label\">Ugedage</legend>");
    if (derr) {
        html(r, "<span class=\"form-error-message\">");
        html_txt(r, derr);
        html(r, "</span>");
    }
    html(r, "<div class=\"omsorg-days\">");
    for (int d = 0; d < 7; d++)
        form_checkbox(r, arena_printf(&r->arena, "services[%d].day%d", i, d + 1), day_long[d],
                      (s->weekdays & (1u << d)) != 0);
    html(r, "</div></fieldset>");
    const char *aerr = v ? validation_for(v, field(r, i, "anchor")) : NULL;
    form_select_open(r, field(r, i, "anchor"), "Hvornår på dagen", aerr);
    for (int k = 0; k < ANCHOR_COUNT; k++)
        form_option(r, anchor_code((enum anchor)k), anchor_label((enum anchor)k),
               (int)s->anchor == k);
    form_select_close(r);
    form_text(r, field(r, i, "at"), "Fast tidspunkt (TT:MM, kun ved fast tidspunkt)", at, NULL,
              v, "text");
    form_text(r, field(r, i, "flex"), "Tidsvindue i minutter til hver side",
              arena_printf(&r->arena, "%d", s->flex), NULL, v, "text");
    form_text(r, field(r, i, "duration"), "Varighed i minutter",
              s->duration ? arena_printf(&r->arena, "%d", s->duration) : "", NULL, v, "text");
    form_select_open(r, field(r, i, "skill"), "Faglighed",
                v ? validation_for(v, field(r, i, "skill")) : NULL);
    for (int k = 0; k < skill_count; k++)
        form_option(r, skill_codes[k], skill_labels[k], s->skill && !strcmp(s->skill, skill_codes[k]));
    form_select_close(r);
    form_select_open(r, field(r, i, "carers"), "Antal medarbejdere",
                v ? validation_for(v, field(r, i, "carers")) : NULL);
    form_option(r, "1", "1 medarbejder", s->carers != 2);
    form_option(r, "2", "2 medarbejdere (fx ved lift)", s->carers == 2);
    html(r, "</select></div></fieldset>");
}

static void grant_form(struct req *r, const struct citizen *c, const struct grant *g,
                       const struct validation *v)
{
    bool is_new = g->id == 0;
    const char *title = is_new ? "Ny afgørelse" : "Ret afgørelse";
    page_begin(r, title);
    html(r, "<h1>");
    html_txt(r, title);
    html(r, "</h1><p>For ");
    html_txt(r, c->first_name);
    html(r, " ");
    html_txt(r, c->last_name);
    html(r, ". Rehabilitering kommer først, hvor borgeren kan blive mere selvhjulpen.</p>");
    form_error_summary(r, v);
    if (is_new)
        htmlf(r, "<form method=\"post\" action=\"/borgere/%ld/afgoerelser/ny\" novalidate>", c->id);
    else
        htmlf(r, "<form method=\"post\" action=\"/borgere/%ld/afgoerelser/%ld\" novalidate>",
              c->id, g->id);
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
    form_text(r, "start_date", "Hjælpen begynder (ÅÅÅÅ-MM-DD)", date_text(&r->arena, g->start),
              NULL, v, "date");
    form_text(r, "end_date", "Hjælpen slutter (ÅÅÅÅ-MM-DD)", date_text(&r->arena, g->end),
              "Skal udfyldes ved rehabilitering (højst 16 uger).", v, "date");
    form_text(r, "follow_up_date", "Opfølgning senest (ÅÅÅÅ-MM-DD)",
              date_text(&r->arena, g->follow_up), NULL, v, "date");
    form_text(r, "weekly_minutes", "Ramme i minutter om ugen (helhedspleje)",
              g->weekly_minutes ? arena_printf(&r->arena, "%d", g->weekly_minutes) : "", NULL, v,
              "text");
    struct user *staff;
    int n = 0;
    store_user_list(r->db, &r->arena, 0, &staff, &n);
    form_select_open(r, "contact_id", "Borgerens kontakt", NULL);
    form_option(r, "", "Ingen", g->contact_id == 0);
    for (int i = 0; i < n; i++)
        if (staff_assignable(&staff[i], STAFF_CONTACT))
            form_option(r, arena_printf(&r->arena, "%ld", staff[i].id), staff[i].full_name,
                   staff[i].id == g->contact_id);
    html(r, "</select></div><h2 class=\"h3\">Besøg</h2><p>Tidspunktet følger borgerens "
            "døgnrytme. Står borgeren op kl. 8.30, ligger morgenbesøget omkring kl. 8.30.</p>");
    if (v && validation_for(v, "services")) {
        html(r, "<p class=\"form-error-message\" id=\"f-services\">");
        html_txt(r, validation_for(v, "services"));
        html(r, "</p>");
    }
    for (int i = 0; i < FORM_SERVICES; i++) {
        struct grant_service empty = {.label = "", .code = "", .weekdays = 31,
                                      .anchor = ANCHOR_GET_UP, .flex = 30, .carers = 1,
                                      .skill = "personlig-pleje", .at = MINUTE_NONE};
        service_fieldset(r, i, i < g->service_count ? &g->services[i] : &empty, v);
    }
    html(r, "<button class=\"button button-primary\" type=\"submit\">Gem som kladde</button> ");
    htmlf(r, "<a class=\"button button-tertiary\" href=\"/borgere/%ld\">Annullér</a></form>",
          c->id);
    page_end(r);
}

static int form_int(struct req *r, const char *name, int fallback)
{
    const char *s = req_form(r, name);
    long v;
    if (!s || !*s)
        return fallback;
    char *end;
    v = strtol(s, &end, 10);
    return *end || v < -100000 || v > 100000 ? -99999 : (int)v;
}

/* Read the posted grant; date and number format errors go into v. */
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
        struct grant_service *s = &g->services[g->service_count];
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
        /* rows are compacted, so errors on services[k] match row k when shown again */
        g->service_count++;
    }
}

static bool load_citizen(struct req *r, struct citizen *c, const char *detail)
{
    if (!citizen_read_allowed(r, r->ids[0], detail))
        return false;
    enum store_rc rc = store_citizen_get(r->db, &r->arena, r->ids[0], c);
    if (rc != STORE_OK) {
        send_store_error(r, rc);
        return false;
    }
    return true;
}

static bool load_grant(struct req *r, struct grant *g)
{
    enum store_rc rc = store_grant_get(r->db, &r->arena, r->ids[1], g);
    if (rc == STORE_OK && g->citizen_id != r->ids[0])
        rc = STORE_NOT_FOUND;
    if (rc != STORE_OK) {
        send_store_error(r, rc);
        return false;
    }
    return true;
}

static bool require_visitator(struct req *r)
{
    if (access_can(&r->actor, CAP_CITIZEN_WRITE))
        return true;
    send_error(r, 403, "forbidden", "Kun visitatorer kan træffe og ændre afgørelser.");
    return false;
}

void ui_grant_new(struct req *r)
{
    struct citizen c;
    if (!require_visitator(r) || !load_citizen(r, &c, "grant form"))
        return;
    struct date today = date_today();
    struct grant g = {.citizen_id = c.id, .kind = GRANT_REHABILITATION, .requested = "",
                      .reason = "", .goals = "", .start = date_add_days(today, 1),
                      .end = date_add_days(today, 8 * 7), .follow_up = date_add_days(today, 6 * 7)};
    grant_form(r, &c, &g, NULL);
}

/* Validate and save (create or update) a posted grant. */
static void grant_save(struct req *r, bool is_new)
{
    struct citizen c;
    if (!require_visitator(r) || !load_citizen(r, &c, "grant save"))
        return;
    struct grant g, old;
    struct validation v = {0};
    grant_from_form(r, &g, &v);
    if (!is_new) {
        if (!load_grant(r, &old))
            return;
        if (!grant_editable(old.status)) {
            send_error(r, 409, "not_editable",
                       "Afgørelsen er truffet. Markér den som ændret, før du retter i den.");
            return;
        }
        g.status = old.status;
    }
    grant_validate(&g, date_today(), &v);
    if (!v.count) {
        long id = g.id;
        enum store_rc rc = store_begin(r->db);
        if (rc == STORE_OK)
            rc = is_new ? store_grant_create(r->db, &g, r->actor.user_id, &id)
                        : store_grant_update(r->db, &g, r->actor.user_id, "Indhold rettet");
        if (rc == STORE_OK)
            rc = store_audit_add(r->db, &r->actor, "grant", c.id, is_new ? "created" : "changed");
        if (rc == STORE_OK)
            rc = store_commit(r->db);
        if (rc == STORE_OK) {
            redirect(r, arena_printf(&r->arena, "/borgere/%ld/afgoerelser/%ld", c.id, id));
            return;
        }
        store_rollback(r->db);
        if (rc == STORE_CONFLICT) {
            send_error(r, 409, "conflict",
                       "En anden har ændret afgørelsen, mens du skrev. Åbn den igen.");
            return;
        }
        if (rc != STORE_INVALID) {
            send_store_error(r, rc);
            return;
        }
        validation_add(&v, "contact_id", "Kontakten findes ikke.");
    }
    r->status = 422;
    grant_form(r, &c, &g, &v);
}

void ui_grant_create(struct req *r)
{
    grant_save(r, true);
}

void ui_grant_update(struct req *r)
{
    grant_save(r, false);
}

/* The outcome of a rehabilitation course: the assessment before it against
 * the first one at or after its end (levels before → after), and the goals
 * followed up during it. */
static void rehab_outcome(struct req *r, const struct grant *g)
{
    struct assessment *list, before, after;
    struct goal *goals;
    int n, ng;
    char start[11], end[11];
    date_format(g->start, start);
    date_format(g->end, end);
    if (store_assessment_list(r->db, &r->arena, g->citizen_id, &list, &n) != STORE_OK ||
        store_goal_list(r->db, &r->arena, g->citizen_id, &goals, &ng) != STORE_OK)
        return;
    long before_id = 0, after_id = 0;
    for (int i = 0; i < n; i++) { /* newest first */
        if (!before_id && strcmp(list[i].assessed_on, start) <= 0)
            before_id = list[i].id;
        if (strcmp(list[i].assessed_on, end) >= 0)
            after_id = list[i].id;
    }
    html(r, "<h2 class=\"h3\">Resultat af forløbet</h2>");
    bool ended = date_cmp(date_today(), g->end) >= 0;
    if (!after_id || !before_id) {
        html(r, "<p>");
        if (!before_id)
            html(r, "Der er ingen vurdering fra før forløbet. ");
        html(r, ended ? "Forløbet er slut. Lav en ny vurdering for at se resultatet."
                      : "Lav en ny vurdering, når forløbet slutter. Så ses resultatet her.");
        html(r, "</p>");
        if (access_can(&r->actor, CAP_CITIZEN_WRITE))
            htmlf(r, "<p><a class=\"button button-secondary\" href=\"/borgere/%ld/vurdering/ny\">"
                     "Ny vurdering</a></p>",
                  g->citizen_id);
    } else if (store_assessment_get(r->db, &r->arena, g->citizen_id, before_id, &before) ==
                   STORE_OK &&
               store_assessment_get(r->db, &r->arena, g->citizen_id, after_id, &after) ==
                   STORE_OK) {
        struct condition_change *fc, *hc;
        int nf, nh;
        if (assessment_compare(&before, &after, &r->arena, &fc, &nf, &hc, &nh)) {
            html(r, "<table class=\"table table--compact\"><caption>Funktionsevne før og efter "
                    "forløbet (");
            html_txt(r, before.assessed_on);
            html(r, " → ");
            html_txt(r, after.assessed_on);
            html(r, ")</caption><thead><tr><th scope=\"col\">Tilstand</th><th scope=\"col\">"
                    "Før</th><th scope=\"col\">Efter</th><th scope=\"col\">Ændring</th></tr>"
                    "</thead><tbody>");
            for (int i = 0; i < nf; i++) {
                html(r, "<tr><td>");
                html_txt(r, fc[i].display);
                html(r, "</td><td>");
                if (fc[i].before >= 0)
                    htmlf(r, "%d", fc[i].before);
                html(r, "</td><td>");
                if (fc[i].after >= 0)
                    htmlf(r, "%d", fc[i].after);
                html(r, "</td><td>");
                html_txt(r, change_label(fc[i].change));
                html(r, "</td></tr>");
            }
            html(r, "</tbody></table>");
        }
    }
    int shown = 0;
    for (int i = 0; i < ng; i++) {
        if (strcmp(goals[i].follow_up_on, start) < 0)
            continue;
        if (!shown++)
            html(r, "<h3 class=\"h4\">Mål</h3><ul>");
        html(r, "<li>");
        html_txt(r, goals[i].text);
        html(r, " – ");
        html_txt(r, goal_status_label(goals[i].status));
        html(r, "</li>");
    }
    if (shown)
        html(r, "</ul>");
}

/* The buttons for the statuses a grant can move to. */
static void status_actions(struct req *r, const struct grant *g)
{
    static const struct {
        enum grant_status to;
        const char *label;
    } acts[] = {{GS_DECIDED, "Træf afgørelsen"}, {GS_SENT, "Markér som sendt"},
                {GS_CHANGED, "Åbn for ændring"}, {GS_APPEALED, "Borgeren har klaget"},
                {GS_ENDED, "Afslut"}};
    bool any = false;
    for (size_t i = 0; i < sizeof acts / sizeof acts[0]; i++)
        any |= grant_transition_ok(g->status, acts[i].to);
    if (!any)
        return;
    htmlf(r, "<h2 class=\"h3\">Skift status</h2><form method=\"post\" "
             "action=\"/borgere/%ld/afgoerelser/%ld/status\">",
          g->citizen_id, g->id);
    form_csrf(r);
    htmlf(r, "<input type=\"hidden\" name=\"from\" value=\"%s\">", grant_status_code(g->status));
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

void ui_grant_show(struct req *r)
{
    struct citizen c;
    struct grant g;
    if (!load_citizen(r, &c, "grant") || !load_grant(r, &g))
        return;
    if (access_can(&r->actor, CAP_CITIZEN_WRITE) && grant_editable(g.status) && req_arg(r, "ret")) {
        grant_form(r, &c, &g, NULL);
        return;
    }
    const char *title = arena_printf(&r->arena, "%s for %s %s", grant_kind_label(g.kind),
                                     c.first_name, c.last_name);
    page_begin(r, title);
    htmlf(r, "<nav aria-label=\"Brødkrumme\" class=\"breadcrumbs\"><ol class=\"breadcrumbs__list\">"
             "<li class=\"breadcrumbs__list-item\"><a class=\"breadcrumbs__link\" "
             "href=\"/borgere/%ld\">",
          c.id);
    html_txt(r, c.first_name);
    html(r, " ");
    html_txt(r, c.last_name);
    html(r, "</a></li><li class=\"breadcrumbs__list-item\" aria-current=\"page\">Afgørelse"
            "</li></ol></nav><h1>");
    html_txt(r, title);
    html(r, "</h1><p><span class=\"badge badge-info\">");
    html_txt(r, grant_status_label(g.status));
    html(r, "</span></p><p>");
    htmlf(r, "<a class=\"button button-secondary\" href=\"/borgere/%ld/afgoerelser/%ld/brev\">"
             "Se afgørelsesbrevet</a> ",
          c.id, g.id);
    if (access_can(&r->actor, CAP_CITIZEN_WRITE) && grant_editable(g.status))
        htmlf(r, "<a class=\"button button-secondary\" href=\"/borgere/%ld/afgoerelser/%ld?ret=1\">"
                 "Ret afgørelsen</a>",
              c.id, g.id);
    html(r, "</p><dl class=\"omsorg-dl\"><dt>Det har borgeren bedt om</dt><dd>");
    html_txt(r, g.requested);
    html(r, "</dd><dt>Begrundelse</dt><dd>");
    html_txt(r, g.reason);
    html(r, "</dd><dt>Mål</dt><dd>");
    html_txt(r, *g.goals ? g.goals : "–");
    html(r, "</dd><dt>Periode</dt><dd>");
    html_txt(r, date_text(&r->arena, g.start));
    html(r, " – ");
    html_txt(r, g.end.year ? date_text(&r->arena, g.end) : "indtil videre");
    html(r, "</dd><dt>Opfølgning</dt><dd>");
    html_txt(r, g.follow_up.year ? date_text(&r->arena, g.follow_up) : "–");
    if (g.kind == GRANT_HELHEDSPLEJE)
        htmlf(r, "</dd><dt>Ramme</dt><dd>%d minutter om ugen (besøgene bruger %d)",
              g.weekly_minutes, grant_weekly_service_minutes(&g));
    html(r, "</dd><dt>Kontakt</dt><dd>");
    html_txt(r, *g.contact_name ? g.contact_name : "–");
    html(r, "</dd></dl>");
    if (g.service_count) {
        html(r, "<h2 class=\"h3\">Besøg</h2><table class=\"table table--compact\"><caption "
                "class=\"sr-only\">Besøg i afgørelsen</caption><thead><tr><th scope=\"col\">"
                "Hjælp</th><th scope=\"col\">Dage</th><th scope=\"col\">Hvornår</th><th "
                "scope=\"col\">Minutter</th><th scope=\"col\">Faglighed</th><th scope=\"col\">"
                "Medarbejdere</th></tr></thead><tbody>");
        for (int i = 0; i < g.service_count; i++) {
            const struct grant_service *s = &g.services[i];
            html(r, "<tr><td>");
            html_txt(r, s->label);
            if (*s->code) {
                html(r, " (");
                html_txt(r, s->code);
                html(r, ")");
            }
            html(r, "</td><td>");
            html_txt(r, days_text(&r->arena, s->weekdays));
            html(r, "</td><td>");
            html_txt(r, window_text(&r->arena, s));
            htmlf(r, "</td><td>%d</td><td>", s->duration);
            int k = skill_index(s->skill);
            html_txt(r, k >= 0 ? skill_labels[k] : s->skill);
            htmlf(r, "</td><td>%d</td></tr>", s->carers);
        }
        html(r, "</tbody></table>");
    }
    if (g.kind == GRANT_REHABILITATION && g.end.year)
        rehab_outcome(r, &g);
    if (access_can(&r->actor, CAP_CITIZEN_WRITE))
        status_actions(r, &g);
    struct grant_event *ev;
    int n;
    if (store_grant_events(r->db, &r->arena, g.id, &ev, &n) == STORE_OK) {
        html(r, "<h2 class=\"h3\">Historik</h2><table class=\"table table--compact\"><caption "
                "class=\"sr-only\">Historik</caption><thead><tr><th scope=\"col\">Tidspunkt"
                "</th><th scope=\"col\">Hvem</th><th scope=\"col\">Status</th><th "
                "scope=\"col\">Hvorfor</th></tr></thead><tbody>");
        for (int i = 0; i < n; i++) {
            char when[32];
            datetime_local(ev[i].at, when, sizeof when);
            html(r, "<tr><td>");
            html_txt(r, when);
            html(r, "</td><td>");
            html_txt(r, ev[i].who);
            html(r, "</td><td>");
            int st = grant_status_parse(ev[i].to);
            html_txt(r, st >= 0 ? grant_status_label((enum grant_status)st) : ev[i].to);
            html(r, "</td><td>");
            html_txt(r, ev[i].note);
            html(r, "</td></tr>");
        }
        html(r, "</tbody></table>");
    }
    page_end(r);
}

void ui_grant_status(struct req *r)
{
    struct citizen c;
    struct grant g;
    if (!require_visitator(r) || !load_citizen(r, &c, "grant status") || !load_grant(r, &g))
        return;
    int to = grant_status_parse(req_form(r, "to"));
    int from = grant_status_parse(req_form(r, "from"));
    const char *note = req_form(r, "note");
    struct validation v = {0};
    check_text(&v, "note", note, false, 500, false);
    if (v.count || to < 0) {
        send_error(r, 422, "validation", "Vælg en gyldig status, og skriv en kort begrundelse.");
        return;
    }
    if (from != (int)g.status) {
        send_error(r, 409, "conflict", "Afgørelsen har skiftet status imens. Åbn den igen.");
        return;
    }
    if (!grant_transition_ok(g.status, (enum grant_status)to)) {
        send_error(r, 409, "bad_transition", "Afgørelsen kan ikke skifte til den status nu.");
        return;
    }
    if (to == GS_DECIDED) {
        grant_validate(&g, g.start, &v);
        if (v.count) {
            send_error(r, 422, "validation",
                       "Afgørelsen er ikke udfyldt helt. Ret den, før du træffer den.");
            return;
        }
    }
    enum store_rc rc = store_begin(r->db);
    if (rc == STORE_OK)
        rc = store_grant_set_status(r->db, g.id, g.status, (enum grant_status)to,
                                    r->actor.user_id, note ? note : "");
    if (rc == STORE_OK)
        rc = store_audit_add(r->db, &r->actor, "grant", c.id, grant_status_code(to));
    if (rc == STORE_OK)
        rc = store_commit(r->db);
    if (rc != STORE_OK) {
        store_rollback(r->db);
        send_store_error(r, rc);
        return;
    }
    redirect(r, arena_printf(&r->arena, "/borgere/%ld/afgoerelser/%ld", c.id, g.id));
}

void ui_grant_letter(struct req *r)
{
    struct citizen c;
    struct grant g;
    struct letter l;
    if (!load_citizen(r, &c, "decision letter") || !load_grant(r, &g))
        return;
    if (letter_build(&r->arena, &g, &c, g.contact_name, date_today(), &l) != 0) {
        send_store_error(r, STORE_ERROR);
        return;
    }
    page_begin(r, l.title);
    if (access_can(&r->actor, CAP_CITIZEN_WRITE)) {
        html(r, "<div class=\"alert alert-info omsorg-noprint\"><div class=\"alert-body\">"
                "<p class=\"alert-text\">");
        htmlf(r, "Brevets LIX er %.0f. ", l.lix);
        html(r, l.lix <= 35 ? "Det er let at læse." : "Prøv kortere sætninger og ord.");
        htmlf(r, "</p></div></div><p class=\"omsorg-noprint\"><a "
                 "href=\"/borgere/%ld/afgoerelser/%ld\">Tilbage til afgørelsen</a></p>",
              c.id, g.id);
    }
    html(r, "<article class=\"omsorg-letter\"><p class=\"omsorg-letter-from\">Herlev Kommune"
            "<br>Visitationen<br>Herlev Bygade 90, 2730 Herlev</p><p>");
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
        if (l.sections[i].is_list)
            html(r, "<ul>");
        for (int k = 0; k < l.sections[i].count; k++) {
            html(r, l.sections[i].is_list ? "<li>" : "<p>");
            html_txt(r, l.sections[i].paragraphs[k]);
            html(r, l.sections[i].is_list ? "</li>" : "</p>");
        }
        if (l.sections[i].is_list)
            html(r, "</ul>");
    }
    html(r, "<p>Venlig hilsen<br>Visitationen, Herlev Kommune</p></article>");
    page_end(r);
}
