/*
 * ui-assessment.c — FSIII pages: the "Funktionsevne og mål" section of the
 * record, a new assessment and one assessment (goals are in ui-goal.c), and
 * the page parts both files share (ui-fsiii.h). Codes, displays and the
 * level scale come from the imported FSIII version; nothing FSIII-specific
 * is written here.
 */
#include "web/web.h"
#include "web/ui-fsiii.h"

#include <string.h>

/* --- shared with ui-goal.c --------------------------------------------------- */

const char *form_value(struct req *r, const char *name)
{
    const char *s = req_form(r, name);
    return s ? s : "";
}

bool fsiii_codes_load(struct req *r, struct fsiii_codes *c)
{
    if (app_fsiii_codes(&r->app, NULL, c) == APP_OK)
        return true;
    send_app_error(r);
    return false;
}

/* The error summary; a condition's errors ("J1.1.current") begin with its
 * code and name, so the list makes sense on its own. */
static void error_summary(struct req *r, const struct fsiii_codes *c, const struct validation *v)
{
    struct validation out = *v;
    for (int i = 0; i < out.count; i++) {
        const char *f = out.errors[i].field;
        /* the longest known code that prefixes the field */
        for (const char *p = f + strlen(f); c && p > f; p--) {
            if (*p != '.' && *p != '\0')
                continue;
            const struct fsiii_concept *x =
                fsiii_find(c->all, c->n, arena_strndup(&r->arena, f, (size_t)(p - f)));
            if (x) {
                out.errors[i].message = arena_printf(&r->arena, "%s %s: %s", x->code, x->display,
                                                     out.errors[i].message);
                break;
            }
        }
    }
    form_error_summary(r, &out);
}

void fsiii_page_begin(struct req *r, long citizen_id, const char *title,
                      const struct fsiii_codes *c, const struct validation *v)
{
    page_begin(r, title);
    html(r, "<p><a href=\"");
    html_link(r, PAGE_CITIZEN, citizen_id, 0);
    html(r, "\">Tilbage til borgerens journal</a></p><h1>");
    html_txt(r, title);
    html(r, "</h1>");
    if (v && v->count)
        error_summary(r, c, v);
}

void fsiii_form_end(struct req *r, long citizen_id, const char *submit)
{
    html(r, "<p class=\"mt-5\"><button class=\"button button-primary\" type=\"submit\">");
    html_txt(r, submit);
    html(r, "</button> <a class=\"button button-tertiary\" href=\"");
    html_link(r, PAGE_CITIZEN, citizen_id, 0);
    html(r, "\">Annullér</a></p></form>");
    page_end(r);
}

/* --- levels and codes -------------------------------------------------------- */

/* "0 – Ingen/ubetydelige begrænsninger": a level (group B concept) with
 * the first sentence of KL's definition; arena-owned. */
static const char *level_label(struct req *r, const struct fsiii_concept *b)
{
    size_t len = strcspn(b->definition, ".\n");
    if (!len)
        return b->display;
    return arena_printf(&r->arena, "%s – %.*s", b->display, (int)len, b->definition);
}

/* The label of a level value ("2 – Moderate begrænsninger"), or the number. */
static const char *level_text(struct req *r, const struct fsiii_codes *c, int level)
{
    if (level == LEVEL_NONE)
        return "–";
    const char *num = arena_printf(&r->arena, "%d", level);
    for (int i = 0; i < c->n; i++)
        if (!strcmp(c->all[i].top_group, "B") && c->all[i].depth == 1 &&
            !strcmp(c->all[i].display, num))
            return level_label(r, &c->all[i]);
    return num;
}

/* The display of a code in the loaded version, the code itself, or "–". */
static const char *code_display(const struct fsiii_codes *c, const char *code)
{
    const struct fsiii_concept *x = fsiii_find(c->all, c->n, code);
    return x ? x->display : code;
}

/* "J1.1 Vaske sig" */
static const char *code_name(struct req *r, const char *code, const char *display)
{
    return arena_printf(&r->arena, "%s %s", code, display);
}

/* A form field of a condition: "J1.1.current". */
static const char *part(struct req *r, const char *code, const char *name)
{
    return arena_printf(&r->arena, "%s.%s", code, name);
}

/* A select named name in a grid column, with an empty first option labelled
 * none and one option per depth-1 concept of group (its display as the
 * value for group B, the levels, else its code). */
static void select_group(struct req *r, const struct fsiii_codes *c, const char *name,
                         const char *label, const char *group, const char *none,
                         const struct validation *v)
{
    const char *selected = form_value(r, name);
    bool is_level = !strcmp(group, "B");
    html(r, "<div class=\"col-12 col-md-6 col-xl-3\">");
    form_select_open(r, name, label, v ? validation_for(v, name) : NULL);
    form_option(r, "", none, false);
    for (int i = 0; i < c->n; i++) {
        const struct fsiii_concept *x = &c->all[i];
        if (strcmp(x->top_group, group) || x->depth != 1)
            continue;
        const char *value = is_level ? x->display : x->code;
        form_option(r, value, is_level ? level_label(r, x) : x->display, !strcmp(selected, value));
    }
    form_select_close(r);
    html(r, "</div>");
}

/* "2" → 2; "" → LEVEL_NONE; anything else → -2 (fails validation). */
static int level_parse(const char *s)
{
    if (!*s)
        return LEVEL_NONE;
    if (s[1] == '\0' && ((s[0] >= '0' && s[0] <= '4') || s[0] == '9'))
        return s[0] - '0';
    return -2;
}

/* True for "" or only white space. */
static bool blank(const char *s)
{
    return strspn(s, " \t\r\n") == strlen(s);
}

/* --- the section on the record page -------------------------------------- */

static void level_cell(struct req *r, int level)
{
    if (level == LEVEL_NONE)
        table_cell(r, NULL);
    else
        htmlf(r, "<td>%d</td>", level);
}

/* The change between the latest two assessments, as tables in words. */
static void change_tables(struct req *r, const struct assessment_history *h)
{
    static const char *const fcols[] = {"Tilstand", "Før", "Nu", "Udvikling"};
    static const char *const hcols[] = {"Tilstand", "Udvikling"};
    html(r, "<h3 id=\"fsiii-change\">Udvikling siden sidste vurdering</h3><p>Fra ");
    html_txt(r, h->from.assessed_on);
    html(r, " til ");
    html_txt(r, h->to.assessed_on);
    html(r, ". Niveau 0 er ingen begrænsninger og 4 totale begrænsninger; 9 er ikke "
            "relevant. Et lavere niveau er bedre.</p>");
    if (h->function_count) {
        table_begin(r, "Funktionsevnetilstande: forrige og nuværende niveau", false, 4, fcols);
        for (int i = 0; i < h->function_count; i++) {
            const struct condition_change *x = &h->functions[i];
            html(r, "<tr><th scope=\"row\">");
            html_txt(r, code_name(r, x->code, x->display));
            html(r, "</th>");
            level_cell(r, x->before);
            level_cell(r, x->after);
            html(r, "<td><span aria-hidden=\"true\">");
            html_txt(r, change_arrow(x->change));
            html(r, "</span> ");
            html_txt(r, change_label(x->change));
            html(r, "</td></tr>");
        }
        table_end(r);
    }
    if (h->health_count) {
        table_begin(r, "Helbredstilstande", false, 2, hcols);
        for (int i = 0; i < h->health_count; i++) {
            html(r, "<tr><th scope=\"row\">");
            html_txt(r, code_name(r, h->health[i].code, h->health[i].display));
            html(r, "</th>");
            table_cell(r, health_change_label(h->health[i].change));
            html(r, "</tr>");
        }
        table_end(r);
    }
}

/* The goals table; a "Følg op" link per goal for the visitator. */
static void goals_table(struct req *r, long citizen_id, bool can_write)
{
    static const char *const cols[] = {
        "Mål med borgerens ord", "Tilstande", "Måltype", "Opfølgning", "Status", "Handling"};
    struct goal *goals;
    int n;
    html(r, "<h3 id=\"maal\">Mål</h3>");
    if (app_goal_list(&r->app, citizen_id, NULL, &goals, &n) != APP_OK) {
        html(r, "<p>Målene kan ikke vises lige nu.</p>");
        return;
    }
    if (!n) {
        html(r, "<p>Der er ikke sat mål endnu.</p>");
        return;
    }
    table_begin(r, "Borgerens mål", true, can_write ? 6 : 5, cols);
    for (int i = 0; i < n; i++) {
        const struct goal *g = &goals[i];
        html(r, "<tr>");
        table_cell(r, g->text);
        html(r, "<td>");
        for (int k = 0; k < g->code_count; k++) {
            html(r, k ? "<br>" : "");
            html_txt(r, code_name(r, g->codes[k], g->code_displays[k]));
        }
        html(r, "</td>");
        table_cell(r, goal_type_label(g->type));
        table_cell(r, g->follow_up_on);
        html(r, "<td>");
        html_txt(r, goal_status_label(g->status));
        if (*g->status_note) {
            html(r, "<br>");
            html_txt(r, g->status_note);
        }
        html(r, "</td>");
        if (can_write) {
            html(r, "<td><a href=\"");
            html_link(r, PAGE_GOAL, citizen_id, g->id);
            html(r, "\">Følg op<span class=\"sr-only\"> på målet</span></a></td>");
        }
        html(r, "</tr>");
    }
    table_end(r);
}

/* The "Funktionsevne og mål" section of the record page (whose read is
 * logged): assessments, the change between the latest two, goals; buttons
 * for the visitator. */
void assessment_section(struct req *r, const struct citizen *c)
{
    static const char *const cols[] = {"Dato", "Visitator", "Funktionsevnetilstande",
                                       "Helbredstilstande", "FSIII-version"};
    bool can_write = access_can(&r->actor, CAP_CITIZEN_WRITE);
    struct assessment_history h;
    html(r, "<section aria-labelledby=\"fsiii-h\"><h2 id=\"fsiii-h\">Funktionsevne og mål</h2>");
    if (can_write) {
        html(r, "<p>");
        page_button(r, PAGE_ASSESSMENT_NEW, c->id, 0, "Ny vurdering");
        html(r, " ");
        page_button(r, PAGE_GOAL_NEW, c->id, 0, "Nyt mål");
        html(r, "</p>");
    }
    if (app_assessment_list(&r->app, c->id, NULL, &h) != APP_OK) {
        html(r, "<p>Vurderingerne kan ikke vises lige nu.</p></section>");
        return;
    }
    html(r, "<h3>Vurderinger (Fællessprog III)</h3>");
    if (!h.n) {
        html(r, "<p>Borgeren er ikke vurderet endnu.</p>");
    } else {
        table_begin(r, "Vurderinger, nyeste først", true, 5, cols);
        for (int i = 0; i < h.n; i++) {
            const struct assessment *x = &h.list[i];
            html(r, "<tr><td><a href=\"");
            html_link(r, PAGE_ASSESSMENT, c->id, x->id);
            html(r, "\"><span class=\"sr-only\">Vurdering </span>");
            html_txt(r, x->assessed_on);
            html(r, "</a></td>");
            table_cell(r, x->assessor_name);
            htmlf(r, "<td>%d</td><td>%d</td>", x->function_count, x->health_count);
            table_cell(r, x->version);
            html(r, "</tr>");
        }
        table_end(r);
        if (h.has_change)
            change_tables(r, &h);
        else
            html(r, "<p>Udviklingen vises, når borgeren er vurderet to gange.</p>");
    }
    goals_table(r, c->id, can_write);
    html(r, "</section>");
}

/* --- a new assessment ------------------------------------------------------ */

void fsiii_by_area(struct req *r, const struct fsiii_codes *c, const char *group, bool big,
                   fsiii_item_fn item, const struct validation *v)
{
    bool open = false;
    for (int i = 0; i < c->n; i++) {
        const struct fsiii_concept *x = &c->all[i];
        if (strcmp(x->top_group, group) || x->depth < 1)
            continue;
        if (x->depth > 1) {
            item(r, c, x, v);
            continue;
        }
        html(r, open ? "</fieldset>" : "");
        html(r, big ? "<fieldset class=\"omsorg-area\"><legend class=\"h3\">"
                    : "<fieldset><legend class=\"form-label\">");
        html_txt(r, code_name(r, x->code, x->display));
        html(r, "</legend>");
        open = true;
    }
    html(r, open ? "</fieldset>" : "");
}

/* A functional condition: levels, the citizen's view, need, cause and symptoms. */
static void function_item(struct req *r, const struct fsiii_codes *c, const struct fsiii_concept *x,
                          const struct validation *v)
{
    static const char *const texts[3][2] = {
        {"need", "Behov"}, {"cause", "Årsag"}, {"symptoms", "Symptomer"}};
    html(r, "<fieldset class=\"omsorg-condition\" id=\"f-");
    html_attr(r, x->code);
    html(r, "\"><legend class=\"form-label\">");
    html_txt(r, code_name(r, x->code, x->display));
    html(r, "</legend><div class=\"row omsorg-levels\">");
    select_group(r, c, part(r, x->code, "current"), "Nuværende niveau", "B", "Ikke vurderet", v);
    select_group(r, c, part(r, x->code, "expected"), "Forventet niveau", "B", "Ikke angivet", v);
    select_group(r, c, part(r, x->code, "performance"), "Udførelse (borgerens oplevelse)", "C",
                 "Ikke angivet", v);
    select_group(r, c, part(r, x->code, "importance"), "Betydning (borgerens oplevelse)", "D",
                 "Ikke angivet", v);
    html(r, "</div>");
    bool open = false;
    for (int i = 0; i < 3; i++) {
        const char *name = part(r, x->code, texts[i][0]);
        open |= *form_value(r, name) || (v && validation_for(v, name));
    }
    html(r, open ? "<details open>" : "<details>");
    html(r, "<summary>Behov, årsag og symptomer</summary>");
    for (int i = 0; i < 3; i++) {
        const char *name = part(r, x->code, texts[i][0]);
        form_textarea(r, name, texts[i][1], form_value(r, name), NULL, v);
    }
    html(r, "</details></fieldset>");
}

/* A health condition: relevant or not, and a note. */
static void health_item(struct req *r, const struct fsiii_codes *c, const struct fsiii_concept *x,
                        const struct validation *v)
{
    (void)c;
    const char *rel = part(r, x->code, "relevant"), *note = part(r, x->code, "note");
    html(r, "<div class=\"omsorg-condition\" id=\"f-");
    html_attr(r, x->code);
    html(r, "\">");
    form_error(r, rel, v ? validation_for(v, rel) : NULL);
    form_checkbox(r, rel, arena_printf(&r->arena, "%s %s er relevant", x->code, x->display),
                  req_form(r, rel) != NULL);
    form_textarea(r, note, arena_printf(&r->arena, "Note om %s", x->display), form_value(r, note),
                  NULL, v);
    html(r, "</div>");
}

/* The new-assessment page: every J subcategory by area with levels, the
 * citizen's view and the note; every I subcategory with a relevant checkbox
 * and a note. Values come back from the posted form. */
static void assessment_form(struct req *r, long citizen_id, const struct fsiii_codes *c,
                            const struct validation *v)
{
    char today[11];
    date_format(date_today(), today);
    const char *on = req_form(r, "assessed_on");
    fsiii_page_begin(r, citizen_id, "Ny vurdering", c, v);
    html(r, "<p>Vurdér borgerens funktionsevne med Fællessprog III (version ");
    html_txt(r, c->version.version);
    html(r, "). Udfyld de tilstande, der er relevante; resten lades tomme. Niveau 0 er ingen "
            "begrænsninger, 4 totale begrænsninger, 9 ikke relevant. Skriv borgerens egen "
            "oplevelse ved siden af.</p><form method=\"post\" action=\"");
    html_link(r, PAGE_ASSESSMENT_NEW, citizen_id, 0);
    html(r, "\" novalidate>");
    form_csrf(r);
    form_text(r, "assessed_on", "Dato for vurderingen", on ? on : today, "ÅÅÅÅ-MM-DD", v, "date");
    html(r, "<h2 id=\"f-functions\" tabindex=\"-1\">Funktionsevnetilstande</h2>");
    fsiii_by_area(r, c, "J", true, function_item, v);
    html(r, "<h2 id=\"f-health\" tabindex=\"-1\">Helbredstilstande</h2><p>Markér de "
            "tilstande, der er relevante for borgeren, og skriv en note.</p>");
    fsiii_by_area(r, c, "I", true, health_item, v);
    html(r, "<h2 class=\"h3\">Samlet note</h2>");
    form_textarea(r, "note", "Note til vurderingen", form_value(r, "note"), NULL, v);
    fsiii_form_end(r, citizen_id, "Gem vurderingen");
}

/* GET /borgere/{id}/vurdering/ny: the empty form (visitator only). */
void ui_assessment_new(struct req *r)
{
    struct fsiii_codes c;
    if (app_fsiii_form(&r->app, r->ids[0], "fsiii form", &c) != APP_OK) {
        send_app_error(r);
        return;
    }
    assessment_form(r, r->ids[0], &c, NULL);
}

/* Read the posted form into x (arrays in the arena); conditions left empty
 * are not part of the assessment. A note on a health condition not marked
 * relevant is an error in v. */
static void assessment_from_form(struct req *r, const struct fsiii_codes *c, struct assessment *x,
                                 struct validation *v)
{
    memset(x, 0, sizeof *x);
    x->citizen_id = r->ids[0];
    x->assessed_on = form_value(r, "assessed_on");
    x->note = form_value(r, "note");
    x->functions = arena_alloc(&r->arena, sizeof *x->functions * (size_t)(c->n + 1));
    x->health = arena_alloc(&r->arena, sizeof *x->health * (size_t)(c->n + 1));
    if (!x->functions || !x->health)
        return;
    for (int i = 0; i < c->n; i++) {
        const char *k = c->all[i].code, *g = c->all[i].top_group;
        if (c->all[i].depth != 2)
            continue;
        if (!strcmp(g, "J")) {
            const char *cur = form_value(r, part(r, k, "current"));
            const char *exp = form_value(r, part(r, k, "expected"));
            struct assessment_function f = {.code = k,
                                            .performance = form_value(r, part(r, k, "performance")),
                                            .importance = form_value(r, part(r, k, "importance")),
                                            .need = form_value(r, part(r, k, "need")),
                                            .cause = form_value(r, part(r, k, "cause")),
                                            .symptoms = form_value(r, part(r, k, "symptoms"))};
            if (!*cur && !*exp && !*f.performance && !*f.importance && blank(f.need) &&
                blank(f.cause) && blank(f.symptoms))
                continue;
            f.current = *cur ? level_parse(cur) : -2;
            f.expected = level_parse(exp);
            x->functions[x->function_count++] = f;
        } else if (!strcmp(g, "I")) {
            const char *rel = part(r, k, "relevant"), *note = form_value(r, part(r, k, "note"));
            if (req_form(r, rel))
                x->health[x->health_count++] = (struct assessment_health){k, NULL, note};
            else if (!blank(note))
                validation_add(v, rel, "Markér tilstanden som relevant, eller fjern noten.");
        }
    }
}

/* POST /borgere/{id}/vurdering/ny: save with the audit row, then back to
 * the record; 422 with the form on errors. */
void ui_assessment_create(struct req *r)
{
    struct fsiii_codes c;
    struct assessment x;
    if (!fsiii_codes_load(r, &c))
        return;
    assessment_from_form(r, &c, &x, &r->app.errors);
    if (app_assessment_create(&r->app, &x) == APP_OK) {
        redirect(r,
                 arena_printf(&r->arena, "%s#fsiii-h", link_to(r, PAGE_CITIZEN, x.citizen_id, 0)));
        return;
    }
    if (r->app.rc != APP_INVALID) {
        send_app_error(r);
        return;
    }
    r->status = 422;
    assessment_form(r, x.citizen_id, &c, &r->app.errors);
}

/* --- one assessment -------------------------------------------------------- */

/* GET /borgere/{id}/vurdering/{aid}: one assessment (an audited read). */
void ui_assessment_show(struct req *r)
{
    static const char *const fcols[] = {"Tilstand",
                                        "Nuværende niveau",
                                        "Forventet niveau",
                                        "Udførelse (borgeren)",
                                        "Betydning (borgeren)",
                                        "Behov, årsag, symptomer"};
    static const char *const hcols[] = {"Tilstand", "Note"};
    struct fsiii_codes c;
    struct assessment x;
    if (app_assessment_get(&r->app, r->ids[0], r->ids[1], "assessment page", &x) != APP_OK) {
        send_app_error(r);
        return;
    }
    if (!fsiii_codes_load(r, &c))
        return;
    fsiii_page_begin(r, x.citizen_id, arena_printf(&r->arena, "Vurdering %s", x.assessed_on), NULL,
                     NULL);
    html(r, "<dl class=\"omsorg-dl\"><dt>Visitator</dt><dd>");
    html_txt(r, x.assessor_name);
    html(r, "</dd><dt>FSIII-version</dt><dd>");
    html_txt(r, x.version);
    html(r, "</dd><dt>Note</dt><dd>");
    html_txt(r, *x.note ? x.note : "–");
    html(r, "</dd></dl><h2>Funktionsevnetilstande</h2>");
    if (!x.function_count)
        html(r, "<p>Ingen funktionsevnetilstande er vurderet.</p>");
    else
        table_begin(r, "Funktionsevnetilstande", true, 6, fcols);
    for (int i = 0; i < x.function_count; i++) {
        const struct assessment_function *f = &x.functions[i];
        html(r, "<tr><th scope=\"row\">");
        html_txt(r, code_name(r, f->code, f->display));
        html(r, "</th>");
        table_cell(r, level_text(r, &c, f->current));
        table_cell(r, level_text(r, &c, f->expected));
        table_cell(r, code_display(&c, f->performance));
        table_cell(r, code_display(&c, f->importance));
        html(r, "<td>");
        const char *parts[3][2] = {
            {"Behov", f->need}, {"Årsag", f->cause}, {"Symptomer", f->symptoms}};
        for (int k = 0; k < 3; k++) {
            if (!*parts[k][1])
                continue;
            html(r, "<strong>");
            html_txt(r, parts[k][0]);
            html(r, ":</strong> ");
            html_txt(r, parts[k][1]);
            html(r, "<br>");
        }
        html(r, "</td></tr>");
    }
    if (x.function_count)
        table_end(r);
    html(r, "<h2>Helbredstilstande</h2>");
    if (!x.health_count)
        html(r, "<p>Ingen helbredstilstande er markeret som relevante.</p>");
    else
        table_begin(r, "Relevante helbredstilstande", true, 2, hcols);
    for (int i = 0; i < x.health_count; i++) {
        html(r, "<tr><th scope=\"row\">");
        html_txt(r, code_name(r, x.health[i].code, x.health[i].display));
        html(r, "</th>");
        table_cell(r, x.health[i].note);
        html(r, "</tr>");
    }
    if (x.health_count)
        table_end(r);
    page_end(r);
}
