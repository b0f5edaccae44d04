/*
 * ui-assessment.c — FSIII pages: the "Funktionsevne og mål" section of the
 * record, a new assessment and one assessment (goals are in ui-goal.c). Codes, displays and the level scale come from the imported
 * FSIII version (store-fsiii.c); nothing FSIII-specific is written here.
 */
#include "web/web.h"
#include "web/ui-fsiii.h"

#include <string.h>

#include "core/date.h"


/* Load the current version's concepts into c (arena-owned). Sends an error
 * and returns false when none is imported or the store fails. */
bool fsiii_codes_load(struct req *r, struct codes *c)
{
    enum store_rc rc = store_fsiii_current(r->db, &r->arena, &c->version);
    if (rc == STORE_NOT_FOUND) {
        send_error(r, 503, "fsiii_missing",
                   "FSIII-kodesystemet er ikke indlæst. Bed en administrator om at køre "
                   "omsorg fsiii-import.");
        return false;
    }
    if (rc == STORE_OK)
        rc = store_fsiii_concepts(r->db, &r->arena, c->version.id, NULL, &c->all, &c->n);
    if (rc != STORE_OK) {
        send_store_error(r, rc);
        return false;
    }
    return true;
}

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
static const char *level_text(struct req *r, const struct codes *c, int level)
{
    if (level == LEVEL_NONE)
        return "–";
    char num[8];
    snprintf(num, sizeof num, "%d", level);
    for (int i = 0; i < c->n; i++)
        if (!strcmp(c->all[i].top_group, "B") && c->all[i].depth == 1 &&
            !strcmp(c->all[i].display, num))
            return level_label(r, &c->all[i]);
    return arena_strdup(&r->arena, num);
}

/* The display of a code in the loaded version, or the code itself. */
static const char *code_display(const struct codes *c, const char *code)
{
    const struct fsiii_concept *x = fsiii_find(c->all, c->n, code);
    return x ? x->display : code;
}

/* A labelled select (DKFDS form-group) named name, with an empty first
 * option labelled none and one option per depth-1 concept of group (its
 * display as the value for group B, else its code). */
static void select_group(struct req *r, const struct codes *c, const char *name, const char *label,
                         const char *group, const char *none, const char *selected,
                         const struct validation *v)
{
    const char *error = v ? validation_for(v, name) : NULL;
    html(r, error ? "<div class=\"form-group form-error\">" : "<div class=\"form-group\">");
    html(r, "<label class=\"form-label\" for=\"f-");
    html_attr(r, name);
    html(r, "\">");
    html_txt(r, label);
    html(r, "</label>");
    if (error) {
        html(r, "<span class=\"form-error-message\" id=\"f-");
        html_attr(r, name);
        html(r, "-error\"><span class=\"sr-only\">Fejl: </span>");
        html_txt(r, error);
        html(r, "</span>");
    }
    html(r, "<select class=\"form-select\" id=\"f-");
    html_attr(r, name);
    html(r, "\" name=\"");
    html_attr(r, name);
    html(r, "\"");
    if (error) {
        html(r, " aria-describedby=\"f-");
        html_attr(r, name);
        html(r, "-error\" aria-invalid=\"true\"");
    }
    html(r, "><option value=\"\">");
    html_txt(r, none);
    html(r, "</option>");
    bool is_level = !strcmp(group, "B");
    for (int i = 0; i < c->n; i++) {
        const struct fsiii_concept *x = &c->all[i];
        if (strcmp(x->top_group, group) || x->depth != 1)
            continue;
        const char *value = is_level ? x->display : x->code;
        html(r, "<option value=\"");
        html_attr(r, value);
        html(r, selected && !strcmp(selected, value) ? "\" selected>" : "\">");
        html_txt(r, is_level ? level_label(r, x) : x->display);
        html(r, "</option>");
    }
    html(r, "</select></div>");
}

/* A posted form value, "" when absent. */
const char *form_value(struct req *r, const char *name)
{
    const char *s = req_form(r, name);
    return s ? s : "";
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

/* True for NULL, "" or only white space. */
static bool blank(const char *s)
{
    return !s || !*s || strspn(s, " \t\r\n") == strlen(s);
}

/* --- the section on the record page -------------------------------------- */

/* The change between the latest two assessments, as tables in words. */
static void change_tables(struct req *r, long citizen_id, const struct assessment *newer,
                          const struct assessment *older)
{
    struct assessment cur, prev;
    struct condition_change *fc, *hc;
    int nf, nh;
    if (store_assessment_get(r->db, &r->arena, citizen_id, newer->id, &cur) != STORE_OK ||
        store_assessment_get(r->db, &r->arena, citizen_id, older->id, &prev) != STORE_OK ||
        !assessment_compare(&prev, &cur, &r->arena, &fc, &nf, &hc, &nh)) {
        html(r, "<p>Udviklingen kan ikke vises lige nu.</p>");
        return;
    }
    html(r, "<h3 id=\"fsiii-change\">Udvikling siden sidste vurdering</h3><p>Fra ");
    html_txt(r, prev.assessed_on);
    html(r, " til ");
    html_txt(r, cur.assessed_on);
    html(r, ". Niveau 0 er ingen begrænsninger og 4 totale begrænsninger; 9 er ikke "
            "relevant. Et lavere niveau er bedre.</p>");
    if (nf) {
        html(r, "<div class=\"table--responsive-scroll\"><table class=\"table table--compact\">"
                "<caption>Funktionsevnetilstande: forrige og nuværende niveau</caption><thead>"
                "<tr><th scope=\"col\">Tilstand</th><th scope=\"col\">Før</th>"
                "<th scope=\"col\">Nu</th><th scope=\"col\">Udvikling</th></tr></thead><tbody>");
        for (int i = 0; i < nf; i++) {
            html(r, "<tr><th scope=\"row\">");
            html_txt(r, fc[i].code);
            html(r, " ");
            html_txt(r, fc[i].display);
            html(r, "</th><td>");
            if (fc[i].before == LEVEL_NONE)
                html(r, "–");
            else
                htmlf(r, "%d", fc[i].before);
            html(r, "</td><td>");
            if (fc[i].after == LEVEL_NONE)
                html(r, "–");
            else
                htmlf(r, "%d", fc[i].after);
            html(r, "</td><td><span aria-hidden=\"true\">");
            html_txt(r, change_arrow(fc[i].change));
            html(r, "</span> ");
            html_txt(r, change_label(fc[i].change));
            html(r, "</td></tr>");
        }
        html(r, "</tbody></table></div>");
    }
    if (nh) {
        html(r, "<div class=\"table--responsive-scroll mt-5\"><table class=\"table "
                "table--compact\"><caption>Helbredstilstande</caption><thead><tr><th "
                "scope=\"col\">Tilstand</th>"
                "<th scope=\"col\">Udvikling</th></tr></thead><tbody>");
        for (int i = 0; i < nh; i++) {
            html(r, "<tr><th scope=\"row\">");
            html_txt(r, hc[i].code);
            html(r, " ");
            html_txt(r, hc[i].display);
            html(r, "</th><td>");
            html_txt(r, health_change_label(hc[i].change));
            html(r, "</td></tr>");
        }
        html(r, "</tbody></table></div>");
    }
}

/* The goals table; a "Følg op" link per goal for the visitator. */
static void goals_table(struct req *r, long citizen_id, bool can_write)
{
    struct goal *goals;
    int n;
    html(r, "<h3 id=\"maal\">Mål</h3>");
    if (store_goal_list(r->db, &r->arena, citizen_id, &goals, &n) != STORE_OK) {
        html(r, "<p>Målene kan ikke vises lige nu.</p>");
        return;
    }
    if (!n) {
        html(r, "<p>Der er ikke sat mål endnu.</p>");
        return;
    }
    html(r, "<div class=\"table--responsive-scroll\"><table class=\"table table--compact\">"
            "<caption class=\"sr-only\">Borgerens mål</caption><thead><tr>"
            "<th scope=\"col\">Mål med borgerens ord</th><th scope=\"col\">Tilstande</th>"
            "<th scope=\"col\">Måltype</th><th scope=\"col\">Opfølgning</th>"
            "<th scope=\"col\">Status</th>");
    if (can_write)
        html(r, "<th scope=\"col\"><span class=\"sr-only\">Handlinger</span></th>");
    html(r, "</tr></thead><tbody>");
    for (int i = 0; i < n; i++) {
        const struct goal *g = &goals[i];
        html(r, "<tr><td>");
        html_txt(r, g->text);
        html(r, "</td><td>");
        for (int k = 0; k < g->code_count; k++) {
            if (k)
                html(r, "<br>");
            html_txt(r, g->codes[k]);
            html(r, " ");
            html_txt(r, g->code_displays[k]);
        }
        html(r, "</td><td>");
        html_txt(r, goal_type_label(g->type));
        html(r, "</td><td>");
        html_txt(r, g->follow_up_on);
        html(r, "</td><td>");
        html_txt(r, goal_status_label(g->status));
        if (*g->status_note) {
            html(r, "<br>");
            html_txt(r, g->status_note);
        }
        html(r, "</td>");
        if (can_write) {
            htmlf(r,
                  "<td><a href=\"/borgere/%ld/maal/%ld\">Følg op<span class=\"sr-only\"> "
                  "på målet</span></a></td>",
                  citizen_id, g->id);
        }
        html(r, "</tr>");
    }
    html(r, "</tbody></table></div>");
}

/* The "Funktionsevne og mål" section of the record page: assessments,
 * the change between the latest two, goals; buttons for the visitator.
 * Everything is allocated in r->arena. */
void assessment_section(struct req *r, const struct citizen *c)
{
    bool can_write = access_can(&r->actor, CAP_CITIZEN_WRITE);
    struct assessment *list;
    int n;
    html(r, "<section aria-labelledby=\"fsiii-h\"><h2 id=\"fsiii-h\">Funktionsevne og mål</h2>");
    if (can_write)
        htmlf(r,
              "<p><a class=\"button button-secondary\" href=\"/borgere/%ld/vurdering/ny\">"
              "Ny vurdering</a> <a class=\"button button-secondary\" "
              "href=\"/borgere/%ld/maal/ny\">Nyt mål</a></p>",
              c->id, c->id);
    if (store_assessment_list(r->db, &r->arena, c->id, &list, &n) != STORE_OK) {
        html(r, "<p>Vurderingerne kan ikke vises lige nu.</p></section>");
        return;
    }
    html(r, "<h3>Vurderinger (Fællessprog III)</h3>");
    if (!n) {
        html(r, "<p>Borgeren er ikke vurderet endnu.</p>");
    } else {
        html(r, "<div class=\"table--responsive-scroll\"><table class=\"table table--compact\">"
                "<caption class=\"sr-only\">Vurderinger, nyeste først</caption><thead><tr>"
                "<th scope=\"col\">Dato</th><th scope=\"col\">Visitator</th>"
                "<th scope=\"col\">Funktionsevnetilstande</th>"
                "<th scope=\"col\">Helbredstilstande</th><th scope=\"col\">FSIII-version</th>"
                "</tr></thead><tbody>");
        for (int i = 0; i < n; i++) {
            htmlf(r, "<tr><td><a href=\"/borgere/%ld/vurdering/%ld\">", c->id, list[i].id);
            html(r, "<span class=\"sr-only\">Vurdering </span>");
            html_txt(r, list[i].assessed_on);
            html(r, "</a></td><td>");
            html_txt(r, list[i].assessor_name);
            htmlf(r, "</td><td>%d</td><td>%d</td><td>", list[i].function_count,
                  list[i].health_count);
            html_txt(r, list[i].version);
            html(r, "</td></tr>");
        }
        html(r, "</tbody></table></div>");
        if (n >= 2)
            change_tables(r, c->id, &list[0], &list[1]);
        else
            html(r, "<p>Udviklingen vises, når borgeren er vurderet to gange.</p>");
    }
    goals_table(r, c->id, can_write);
    html(r, "</section>");
}

/* --- a new assessment ------------------------------------------------------ */

/* Only the visitator creates; the citizen must exist. Sends the error. */
bool fsiii_write_allowed(struct req *r, const char *what)
{
    if (!access_can(&r->actor, CAP_CITIZEN_WRITE)) {
        send_error(r, 403, "forbidden", what);
        return false;
    }
    return citizen_read_allowed(r, r->ids[0], "fsiii form");
}

/* Messages for the error summary (arena copies): each message is prefixed
 * with its field's label, or the condition's code and name, so the list
 * makes sense on its own. c may be NULL (no condition codes). */
struct validation fsiii_error_summary(struct req *r, const struct codes *c,
                                    const struct validation *v)
{
    static const struct {
        const char *field, *label;
    } labels[] = {
        {"assessed_on", "Dato for vurderingen"},
        {"functions", "Funktionsevnetilstande"},
        {"text", "Målet"},
        {"goal_type", "Måltype"},
        {"follow_up_on", "Dato for opfølgning"},
        {"codes", "Tilstande"},
        {"status", "Status"},
        {"status_note", "Opfølgning"},
    };
    struct validation out = *v;
    for (int i = 0; i < out.count; i++) {
        const char *f = out.errors[i].field;
        for (size_t k = 0; k < sizeof labels / sizeof labels[0]; k++)
            if (!strcmp(f, labels[k].field))
                out.errors[i].message =
                    arena_printf(&r->arena, "%s: %s", labels[k].label, out.errors[i].message);
        /* "J1.1.current" → code "J1.1": the longest known code that prefixes f */
        for (const char *p = f + strlen(f); p && p > f; p = p - 1) {
            if (*p != '.' && *p != '\0')
                continue;
            const char *code = arena_strndup(&r->arena, f, (size_t)(p - f));
            const struct fsiii_concept *x = c ? fsiii_find(c->all, c->n, code) : NULL;
            if (x) {
                out.errors[i].message = arena_printf(&r->arena, "%s %s: %s", x->code, x->display,
                                                     out.errors[i].message);
                break;
            }
        }
    }
    return out;
}

/* The new-assessment page: every J subcategory by area with levels,
 * the citizen's view and the note; every I subcategory with a relevant
 * checkbox and a note. Values come back from the posted form. */
static void assessment_form(struct req *r, long citizen_id, const struct codes *c,
                            const struct validation *v)
{
    char today[11];
    date_format(date_today(), today);
    const char *on = req_form(r, "assessed_on");
    page_begin(r, "Ny vurdering");
    htmlf(r, "<p><a href=\"/borgere/%ld\">Tilbage til borgerens journal</a></p>", citizen_id);
    html(r, "<h1>Ny vurdering</h1><p>Vurdér borgerens funktionsevne med Fællessprog III "
            "(version ");
    html_txt(r, c->version.version);
    html(r, "). Udfyld de tilstande, der er relevante; resten lades tomme. Niveau 0 er ingen "
            "begrænsninger, 4 totale begrænsninger, 9 ikke relevant. Skriv borgerens egen "
            "oplevelse ved siden af.</p>");
    if (v) {
        struct validation shown = fsiii_error_summary(r, c, v);
        form_error_summary(r, &shown);
    }
    htmlf(r, "<form method=\"post\" action=\"/borgere/%ld/vurdering/ny\" novalidate>", citizen_id);
    form_csrf(r);
    form_text(r, "assessed_on", "Dato for vurderingen", on ? on : today, "ÅÅÅÅ-MM-DD", v, "date");
    html(r, "<h2 id=\"f-functions\" tabindex=\"-1\">Funktionsevnetilstande</h2>");
    bool open_area = false;
    for (int i = 0; i < c->n; i++) {
        const struct fsiii_concept *x = &c->all[i];
        if (strcmp(x->top_group, "J") || x->depth < 1)
            continue;
        if (x->depth == 1) {
            if (open_area)
                html(r, "</fieldset>");
            html(r, "<fieldset class=\"omsorg-area\"><legend class=\"h3\">");
            html_txt(r, x->code);
            html(r, " ");
            html_txt(r, x->display);
            html(r, "</legend>");
            open_area = true;
            continue;
        }
        const char *k = x->code;
        html(r, "<fieldset class=\"omsorg-condition\" id=\"f-");
        html_attr(r, k);
        html(r, "\"><legend class=\"form-label\">");
        html_txt(r, x->code);
        html(r, " ");
        html_txt(r, x->display);
        html(r, "</legend><div class=\"row omsorg-levels\">");
        const char *n_cur = arena_printf(&r->arena, "%s.current", k);
        const char *n_exp = arena_printf(&r->arena, "%s.expected", k);
        const char *n_perf = arena_printf(&r->arena, "%s.performance", k);
        const char *n_imp = arena_printf(&r->arena, "%s.importance", k);
        html(r, "<div class=\"col-12 col-md-6 col-xl-3\">");
        select_group(r, c, n_cur, "Nuværende niveau", "B", "Ikke vurderet", form_value(r, n_cur), v);
        html(r, "</div>");
        html(r, "<div class=\"col-12 col-md-6 col-xl-3\">");
        select_group(r, c, n_exp, "Forventet niveau", "B", "Ikke angivet", form_value(r, n_exp), v);
        html(r, "</div>");
        html(r, "<div class=\"col-12 col-md-6 col-xl-3\">");
        select_group(r, c, n_perf, "Udførelse (borgerens oplevelse)", "C", "Ikke angivet",
                     form_value(r, n_perf), v);
        html(r, "</div>");
        html(r, "<div class=\"col-12 col-md-6 col-xl-3\">");
        select_group(r, c, n_imp, "Betydning (borgerens oplevelse)", "D", "Ikke angivet",
                     form_value(r, n_imp), v);
        html(r, "</div>");
        html(r, "</div>");
        const char *n_need = arena_printf(&r->arena, "%s.need", k);
        const char *n_cause = arena_printf(&r->arena, "%s.cause", k);
        const char *n_sym = arena_printf(&r->arena, "%s.symptoms", k);
        bool has_text = *form_value(r, n_need) || *form_value(r, n_cause) || *form_value(r, n_sym);
        bool text_error = v && (validation_for(v, n_need) || validation_for(v, n_cause) ||
                                validation_for(v, n_sym));
        html(r, has_text || text_error ? "<details open>" : "<details>");
        html(r, "<summary>Behov, årsag og symptomer</summary>");
        form_textarea(r, n_need, "Behov", form_value(r, n_need), NULL, v);
        form_textarea(r, n_cause, "Årsag", form_value(r, n_cause), NULL, v);
        form_textarea(r, n_sym, "Symptomer", form_value(r, n_sym), NULL, v);
        html(r, "</details></fieldset>");
    }
    if (open_area)
        html(r, "</fieldset>");
    html(r, "<h2 id=\"f-health\" tabindex=\"-1\">Helbredstilstande</h2><p>Markér de "
            "tilstande, der er relevante for borgeren, og skriv en note.</p>");
    open_area = false;
    for (int i = 0; i < c->n; i++) {
        const struct fsiii_concept *x = &c->all[i];
        if (strcmp(x->top_group, "I") || x->depth < 1)
            continue;
        if (x->depth == 1) {
            if (open_area)
                html(r, "</fieldset>");
            html(r, "<fieldset class=\"omsorg-area\"><legend class=\"h3\">");
            html_txt(r, x->code);
            html(r, " ");
            html_txt(r, x->display);
            html(r, "</legend>");
            open_area = true;
            continue;
        }
        const char *n_rel = arena_printf(&r->arena, "%s.relevant", x->code);
        const char *n_note = arena_printf(&r->arena, "%s.note", x->code);
        const char *rel_error = v ? validation_for(v, n_rel) : NULL;
        html(r, "<div class=\"omsorg-condition\" id=\"f-");
        html_attr(r, x->code);
        html(r, "\">");
        if (rel_error) {
            html(r, "<span class=\"form-error-message\" id=\"f-");
            html_attr(r, n_rel);
            html(r, "-error\"><span class=\"sr-only\">Fejl: </span>");
            html_txt(r, rel_error);
            html(r, "</span>");
        }
        form_checkbox(r, n_rel, arena_printf(&r->arena, "%s %s er relevant", x->code, x->display),
                      req_form(r, n_rel) != NULL);
        form_textarea(r, n_note, arena_printf(&r->arena, "Note om %s", x->display),
                      form_value(r, n_note), NULL, v);
        html(r, "</div>");
    }
    if (open_area)
        html(r, "</fieldset>");
    html(r, "<h2 class=\"h3\">Samlet note</h2>");
    form_textarea(r, "note", "Note til vurderingen", form_value(r, "note"), NULL, v);
    htmlf(r,
          "<button class=\"button button-primary\" type=\"submit\">Gem vurderingen</button> "
          "<a class=\"button button-tertiary\" href=\"/borgere/%ld\">Annullér</a></form>",
          citizen_id);
    page_end(r);
}

/* GET /borgere/{id}/vurdering/ny: the empty form (visitator only). */
void ui_assessment_new(struct req *r)
{
    struct codes c;
    if (!fsiii_write_allowed(r, "Kun visitatorer kan vurdere borgere.") || !fsiii_codes_load(r, &c))
        return;
    assessment_form(r, r->ids[0], &c, NULL);
}

/* Read the posted form into x (arrays in the arena); conditions left empty
 * are not part of the assessment. */
static void assessment_from_form(struct req *r, const struct codes *c, struct assessment *x,
                                 struct validation *v)
{
    memset(x, 0, sizeof *x);
    x->citizen_id = r->ids[0];
    x->version_id = c->version.id;
    x->assessor_id = r->actor.user_id;
    x->assessed_on = form_value(r, "assessed_on");
    x->note = form_value(r, "note");
    x->functions = arena_alloc(&r->arena, sizeof *x->functions * (size_t)(c->n + 1));
    x->health = arena_alloc(&r->arena, sizeof *x->health * (size_t)(c->n + 1));
    if (!x->functions || !x->health)
        return;
    for (int i = 0; i < c->n; i++) {
        const struct fsiii_concept *k = &c->all[i];
        if (k->depth != 2)
            continue;
        if (!strcmp(k->top_group, "J")) {
            struct assessment_function f = {.code = k->code};
            const char *cur = form_value(r, arena_printf(&r->arena, "%s.current", k->code));
            const char *exp = form_value(r, arena_printf(&r->arena, "%s.expected", k->code));
            f.performance = form_value(r, arena_printf(&r->arena, "%s.performance", k->code));
            f.importance = form_value(r, arena_printf(&r->arena, "%s.importance", k->code));
            f.need = form_value(r, arena_printf(&r->arena, "%s.need", k->code));
            f.cause = form_value(r, arena_printf(&r->arena, "%s.cause", k->code));
            f.symptoms = form_value(r, arena_printf(&r->arena, "%s.symptoms", k->code));
            if (!*cur && !*exp && !*f.performance && !*f.importance && blank(f.need) &&
                blank(f.cause) && blank(f.symptoms))
                continue;
            f.current = *cur ? level_parse(cur) : -2;
            f.expected = level_parse(exp);
            x->functions[x->function_count++] = f;
        } else if (!strcmp(k->top_group, "I")) {
            const char *rel = arena_printf(&r->arena, "%s.relevant", k->code);
            const char *note = form_value(r, arena_printf(&r->arena, "%s.note", k->code));
            if (req_form(r, rel))
                x->health[x->health_count++] = (struct assessment_health){k->code, NULL, note};
            else if (!blank(note))
                validation_add(v, rel, "Markér tilstanden som relevant, eller fjern noten.");
        }
    }
}

/* Save an assessment with its audit row in one transaction. */
static enum store_rc assessment_save(struct req *r, struct assessment *x)
{
    enum store_rc rc = store_begin(r->db);
    if (rc != STORE_OK)
        return rc;
    rc = store_assessment_create(r->db, x, &x->id);
    if (rc == STORE_OK)
        rc = store_audit_add(r->db, &r->actor, "assessment", x->citizen_id, "created");
    if (rc == STORE_OK)
        rc = store_commit(r->db);
    if (rc != STORE_OK)
        store_rollback(r->db);
    return rc;
}

/* POST /borgere/{id}/vurdering/ny: validate and save with the audit
 * row, then back to the record; 422 with the form on errors. */
void ui_assessment_create(struct req *r)
{
    struct codes c;
    if (!access_can(&r->actor, CAP_CITIZEN_WRITE)) {
        send_error(r, 403, "forbidden", "Kun visitatorer kan vurdere borgere.");
        return;
    }
    long team;
    enum store_rc rc = store_citizen_team(r->db, r->ids[0], &team);
    if (rc != STORE_OK) {
        send_store_error(r, rc);
        return;
    }
    if (!fsiii_codes_load(r, &c))
        return;
    struct assessment x;
    struct validation v = {0};
    struct validation notes = {0};
    assessment_from_form(r, &c, &x, &notes);
    assessment_validate(&x, c.all, c.n, &r->arena, &v);
    for (int i = 0; i < notes.count; i++)
        validation_add(&v, notes.errors[i].field, notes.errors[i].message);
    if (!v.count) {
        rc = assessment_save(r, &x);
        if (rc != STORE_OK) {
            send_store_error(r, rc);
            return;
        }
        redirect(r, arena_printf(&r->arena, "/borgere/%ld#fsiii-h", r->ids[0]));
        return;
    }
    r->status = 422;
    assessment_form(r, r->ids[0], &c, &v);
}

/* --- one assessment -------------------------------------------------------- */

/* GET /borgere/{id}/vurdering/{aid}: one assessment (an audited read). */
void ui_assessment_show(struct req *r)
{
    struct codes c;
    if (!citizen_read_allowed(r, r->ids[0], "assessment page") || !fsiii_codes_load(r, &c))
        return;
    struct assessment x;
    enum store_rc rc = store_assessment_get(r->db, &r->arena, r->ids[0], r->ids[1], &x);
    if (rc != STORE_OK) {
        send_store_error(r, rc);
        return;
    }
    const char *title = arena_printf(&r->arena, "Vurdering %s", x.assessed_on);
    page_begin(r, title);
    htmlf(r, "<p><a href=\"/borgere/%ld\">Tilbage til borgerens journal</a></p>", x.citizen_id);
    html(r, "<h1>");
    html_txt(r, title);
    html(r, "</h1><dl class=\"omsorg-dl\"><dt>Visitator</dt><dd>");
    html_txt(r, x.assessor_name);
    html(r, "</dd><dt>FSIII-version</dt><dd>");
    html_txt(r, x.version);
    html(r, "</dd><dt>Note</dt><dd>");
    html_txt(r, *x.note ? x.note : "–");
    html(r, "</dd></dl><h2>Funktionsevnetilstande</h2>");
    if (!x.function_count) {
        html(r, "<p>Ingen funktionsevnetilstande er vurderet.</p>");
    } else {
        html(r, "<div class=\"table--responsive-scroll\"><table class=\"table table--compact\">"
                "<caption class=\"sr-only\">Funktionsevnetilstande</caption><thead><tr>"
                "<th scope=\"col\">Tilstand</th><th scope=\"col\">Nuværende niveau</th>"
                "<th scope=\"col\">Forventet niveau</th>"
                "<th scope=\"col\">Udførelse (borgeren)</th>"
                "<th scope=\"col\">Betydning (borgeren)</th>"
                "<th scope=\"col\">Behov, årsag, symptomer</th></tr></thead><tbody>");
        for (int i = 0; i < x.function_count; i++) {
            const struct assessment_function *f = &x.functions[i];
            html(r, "<tr><th scope=\"row\">");
            html_txt(r, f->code);
            html(r, " ");
            html_txt(r, f->display);
            html(r, "</th><td>");
            html_txt(r, level_text(r, &c, f->current));
            html(r, "</td><td>");
            html_txt(r, level_text(r, &c, f->expected));
            html(r, "</td><td>");
            html_txt(r, *f->performance ? code_display(&c, f->performance) : "–");
            html(r, "</td><td>");
            html_txt(r, *f->importance ? code_display(&c, f->importance) : "–");
            html(r, "</td><td>");
            if (*f->need) {
                html(r, "<strong>Behov:</strong> ");
                html_txt(r, f->need);
                html(r, "<br>");
            }
            if (*f->cause) {
                html(r, "<strong>Årsag:</strong> ");
                html_txt(r, f->cause);
                html(r, "<br>");
            }
            if (*f->symptoms) {
                html(r, "<strong>Symptomer:</strong> ");
                html_txt(r, f->symptoms);
            }
            html(r, "</td></tr>");
        }
        html(r, "</tbody></table></div>");
    }
    html(r, "<h2>Helbredstilstande</h2>");
    if (!x.health_count) {
        html(r, "<p>Ingen helbredstilstande er markeret som relevante.</p>");
    } else {
        html(r, "<div class=\"table--responsive-scroll\"><table class=\"table table--compact\">"
                "<caption class=\"sr-only\">Relevante helbredstilstande</caption><thead><tr>"
                "<th scope=\"col\">Tilstand</th><th scope=\"col\">Note</th></tr></thead><tbody>");
        for (int i = 0; i < x.health_count; i++) {
            html(r, "<tr><th scope=\"row\">");
            html_txt(r, x.health[i].code);
            html(r, " ");
            html_txt(r, x.health[i].display);
            html(r, "</th><td>");
            html_txt(r, *x.health[i].note ? x.health[i].note : "–");
            html(r, "</td></tr>");
        }
        html(r, "</tbody></table></div>");
    }
    page_end(r);
}
