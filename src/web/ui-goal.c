/*
 * ui-goal.c — the citizen's goals: a new goal in the citizen's own words,
 * linked to FSIII conditions, and a goal's follow-up (reached or not).
 */
#include "web/web.h"
#include "web/ui-fsiii.h"

#include <string.h>

/* A checkbox (name "codes") for one condition, checked when posted. */
static void code_item(struct req *r, const struct fsiii_codes *c, const struct fsiii_concept *x,
                      const struct validation *v)
{
    (void)c;
    (void)v;
    bool on = false;
    for (int k = 0; k < r->nform; k++)
        on |= !strcmp(r->form[k].name, "codes") && !strcmp(r->form[k].value, x->code);
    html(r, "<div class=\"form-group-checkbox\"><input type=\"checkbox\" "
            "class=\"form-checkbox\" name=\"codes\" id=\"f-codes-");
    html_attr(r, x->code);
    html(r, "\" value=\"");
    html_attr(r, x->code);
    html(r, on ? "\" checked><label class=\"form-label\" for=\"f-codes-"
               : "\"><label class=\"form-label\" for=\"f-codes-");
    html_attr(r, x->code);
    html(r, "\">");
    html_txt(r, x->code);
    html(r, " ");
    html_txt(r, x->display);
    html(r, "</label></div>");
}

/* Checkboxes for the subcategories of group by area, folded under legend. */
static void code_checkboxes(struct req *r, const struct fsiii_codes *c, const char *group,
                            const char *legend)
{
    html(r, "<details><summary>");
    html_txt(r, legend);
    html(r, "</summary>");
    fsiii_by_area(r, c, group, false, code_item, NULL);
    html(r, "</details>");
}

/* The new-goal page: the citizen's words, the goal type, the follow-up
 * date and the conditions (checkboxes by area). */
static void goal_form(struct req *r, long citizen_id, const struct fsiii_codes *c,
                      const struct validation *v)
{
    const char *type = form_value(r, "goal_type");
    fsiii_page_begin(r, citizen_id, "Nyt mål", c, v);
    html(r, "<form method=\"post\" action=\"");
    html_link(r, PAGE_GOAL_NEW, citizen_id, 0);
    html(r, "\" novalidate>");
    form_csrf(r);
    form_textarea(r, "text", "Målet med borgerens egne ord", form_value(r, "text"),
                  "Fx \"Jeg vil selv kunne gå ned efter avisen.\"", v);
    form_fieldset_open(r, "goal_type", "Hvad skal der ske med tilstanden?",
                       v ? validation_for(v, "goal_type") : NULL);
    html(r, "<ul class=\"nobullet-list\">");
    for (int t = GOAL_TYPE_NONE + 1; t < GOAL_TYPE_COUNT; t++) {
        const char *code = goal_type_code((enum goal_type)t);
        html(r, "<li><input type=\"radio\" class=\"form-radio radio-large\" name=\"goal_type\" "
                "id=\"f-goal_type-");
        html_attr(r, code);
        html(r, "\" value=\"");
        html_attr(r, code);
        html(r, !strcmp(type, code) ? "\" checked>" : "\">");
        html(r, "<label class=\"form-label\" for=\"f-goal_type-");
        html_attr(r, code);
        html(r, "\">");
        html_txt(r, goal_type_label((enum goal_type)t));
        html(r, "</label></li>");
    }
    html(r, "</ul>");
    form_fieldset_close(r);
    form_text(r, "follow_up_on", "Dato for opfølgning", form_value(r, "follow_up_on"), "ÅÅÅÅ-MM-DD",
              v, "date");
    form_fieldset_open(r, "codes", "Hvilke tilstande handler målet om?",
                       v ? validation_for(v, "codes") : NULL);
    code_checkboxes(r, c, "J", "Funktionsevnetilstande");
    code_checkboxes(r, c, "I", "Helbredstilstande");
    form_fieldset_close(r);
    fsiii_form_end(r, citizen_id, "Gem målet");
}

/* GET /borgere/{id}/maal/ny: the empty goal form (visitator only). */
void ui_goal_new(struct req *r)
{
    struct fsiii_codes c;
    if (app_fsiii_form(&r->app, r->ids[0], "fsiii form", &c) != APP_OK) {
        send_app_error(r);
        return;
    }
    goal_form(r, r->ids[0], &c, NULL);
}

/* POST /borgere/{id}/maal/ny: save with the audit row, then back to the
 * record; 422 with the form on errors. */
void ui_goal_create(struct req *r)
{
    struct goal g = {.citizen_id = r->ids[0],
                     .text = form_value(r, "text"),
                     .type = goal_type_parse(form_value(r, "goal_type")),
                     .follow_up_on = form_value(r, "follow_up_on")};
    for (int k = 0; k < r->nform && g.code_count <= GOAL_MAX_CODES; k++) {
        if (strcmp(r->form[k].name, "codes"))
            continue;
        if (g.code_count < GOAL_MAX_CODES)
            g.codes[g.code_count] = r->form[k].value;
        g.code_count++; /* one too many: validation says so */
    }
    struct fsiii_codes c;
    if (app_goal_create(&r->app, &g) == APP_OK) {
        redirect(r, arena_printf(&r->arena, "%s#maal", link_to(r, PAGE_CITIZEN, g.citizen_id, 0)));
        return;
    }
    if (r->app.rc != APP_INVALID) {
        send_app_error(r);
        return;
    }
    if (!fsiii_codes_load(r, &c))
        return;
    r->status = 422;
    goal_form(r, g.citizen_id, &c, &r->app.errors);
}

/* The goal and its follow-up form (status and note). */
static void goal_page(struct req *r, const struct goal *g, const char *status, const char *note,
                      const struct validation *v)
{
    const char *codes = "";
    for (int k = 0; k < g->code_count; k++)
        codes = arena_printf(&r->arena, "%s%s%s %s", codes, k ? ", " : "", g->codes[k],
                             g->code_displays[k]);
    fsiii_page_begin(r, g->citizen_id, "Opfølgning på mål", NULL, v);
    html(r, "<p class=\"omsorg-quote\">");
    html_txt(r, g->text);
    html(r, "</p><dl class=\"omsorg-dl\">");
    dl_row(r, "Måltype", goal_type_label(g->type));
    dl_row(r, "Tilstande", codes);
    dl_row(r, "Opfølgning", g->follow_up_on);
    dl_row(r, "Status", goal_status_label(g->status));
    html(r, "</dl><form method=\"post\" action=\"");
    html_link(r, PAGE_GOAL, g->citizen_id, g->id);
    html(r, "\" novalidate>");
    form_csrf(r);
    form_select_open(r, "status", "Status ved opfølgning", v ? validation_for(v, "status") : NULL);
    for (int s = GOAL_STATUS_NONE + 1; s < GOAL_STATUS_COUNT; s++)
        form_option(r, goal_status_code((enum goal_status)s),
                    goal_status_label((enum goal_status)s),
                    !strcmp(status, goal_status_code((enum goal_status)s)));
    form_select_close(r);
    form_textarea(r, "status_note", "Hvad viste opfølgningen?", note, NULL, v);
    fsiii_form_end(r, g->citizen_id, "Gem opfølgningen");
}

/* GET /borgere/{id}/maal/{gid}: the goal and its follow-up form. */
void ui_goal_show(struct req *r)
{
    struct goal g;
    if (app_goal_get(&r->app, r->ids[0], r->ids[1], "fsiii form", &g) != APP_OK) {
        send_app_error(r);
        return;
    }
    goal_page(r, &g, goal_status_code(g.status), g.status_note, NULL);
}

/* POST /borgere/{id}/maal/{gid}: record the follow-up with the audit row. */
void ui_goal_update(struct req *r)
{
    const char *status = form_value(r, "status"), *note = form_value(r, "status_note");
    struct goal g;
    if (app_goal_follow_up(&r->app, r->ids[0], r->ids[1], status, note) == APP_OK) {
        redirect(r, arena_printf(&r->arena, "%s#maal", link_to(r, PAGE_CITIZEN, r->ids[0], 0)));
        return;
    }
    if (r->app.rc != APP_INVALID ||
        app_goal_get(&r->app, r->ids[0], r->ids[1], "fsiii form", &g) != APP_OK) {
        send_app_error(r);
        return;
    }
    r->status = 422;
    goal_page(r, &g, status, note, &r->app.errors);
}
