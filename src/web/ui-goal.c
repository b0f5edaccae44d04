/*
 * ui-goal.c — the citizen's goals: a new goal in the citizen's own words,
 * linked to FSIII conditions, and a goal's follow-up (reached or not).
 */
#include "web/web.h"
#include "web/ui-fsiii.h"

#include <string.h>

#include "core/date.h"

/* --- goals ----------------------------------------------------------------- */

/* Checkboxes (name "codes") for the subcategories of group, by area. */
static void code_checkboxes(struct req *r, const struct codes *c, const char *group,
                            const char *legend)
{
    html(r, "<details><summary>");
    html_txt(r, legend);
    html(r, "</summary>");
    bool open_area = false;
    for (int i = 0; i < c->n; i++) {
        const struct fsiii_concept *x = &c->all[i];
        if (strcmp(x->top_group, group) || x->depth < 1)
            continue;
        if (x->depth == 1) {
            if (open_area)
                html(r, "</fieldset>");
            html(r, "<fieldset><legend class=\"form-label\">");
            html_txt(r, x->code);
            html(r, " ");
            html_txt(r, x->display);
            html(r, "</legend>");
            open_area = true;
            continue;
        }
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
    if (open_area)
        html(r, "</fieldset>");
    html(r, "</details>");
}

/* The new-goal page: the citizen's words, the goal type, the follow-up
 * date and the conditions (checkboxes by area). */
static void goal_form(struct req *r, long citizen_id, const struct codes *c,
                      const struct validation *v)
{
    page_begin(r, "Nyt mål");
    htmlf(r, "<p><a href=\"/borgere/%ld\">Tilbage til borgerens journal</a></p>", citizen_id);
    html(r, "<h1>Nyt mål</h1>");
    if (v) {
        struct validation shown = fsiii_error_summary(r, c, v);
        form_error_summary(r, &shown);
    }
    htmlf(r, "<form method=\"post\" action=\"/borgere/%ld/maal/ny\" novalidate>", citizen_id);
    form_csrf(r);
    form_textarea(r, "text", "Målet med borgerens egne ord", form_value(r, "text"),
                  "Fx \"Jeg vil selv kunne gå ned efter avisen.\"", v);
    const char *type = form_value(r, "goal_type");
    const char *err = v ? validation_for(v, "goal_type") : NULL;
    html(r, err ? "<div class=\"form-group form-error\">" : "<div class=\"form-group\">");
    html(r, "<fieldset id=\"f-goal_type\"><legend class=\"form-label\">Hvad skal der ske med "
            "tilstanden?</legend>");
    if (err) {
        html(r, "<span class=\"form-error-message\"><span class=\"sr-only\">Fejl: </span>");
        html_txt(r, err);
        html(r, "</span>");
    }
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
    html(r, "</ul></fieldset></div>");
    form_text(r, "follow_up_on", "Dato for opfølgning", form_value(r, "follow_up_on"), "ÅÅÅÅ-MM-DD", v,
              "date");
    err = v ? validation_for(v, "codes") : NULL;
    html(r, err ? "<div class=\"form-group form-error\">" : "<div class=\"form-group\">");
    html(r, "<fieldset id=\"f-codes\"><legend class=\"form-label\">Hvilke tilstande handler "
            "målet om?</legend>");
    if (err) {
        html(r, "<span class=\"form-error-message\"><span class=\"sr-only\">Fejl: </span>");
        html_txt(r, err);
        html(r, "</span>");
    }
    code_checkboxes(r, c, "J", "Funktionsevnetilstande");
    code_checkboxes(r, c, "I", "Helbredstilstande");
    html(r, "</fieldset></div>");
    htmlf(r,
          "<p class=\"mt-5\"><button class=\"button button-primary\" type=\"submit\">Gem "
          "målet</button> <a class=\"button button-tertiary\" href=\"/borgere/%ld\">"
          "Annullér</a></p></form>",
          citizen_id);
    page_end(r);
}

/* GET /borgere/{id}/maal/ny: the empty goal form (visitator only). */
void ui_goal_new(struct req *r)
{
    struct codes c;
    if (!fsiii_write_allowed(r, "Kun visitatorer kan sætte mål.") || !fsiii_codes_load(r, &c))
        return;
    goal_form(r, r->ids[0], &c, NULL);
}

/* POST /borgere/{id}/maal/ny: validate and save with the audit row. */
void ui_goal_create(struct req *r)
{
    struct codes c;
    if (!access_can(&r->actor, CAP_CITIZEN_WRITE)) {
        send_error(r, 403, "forbidden", "Kun visitatorer kan sætte mål.");
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
    struct goal g = {.citizen_id = r->ids[0], .created_by = r->actor.user_id};
    struct validation v = {0};
    g.text = form_value(r, "text");
    g.type = goal_type_parse(form_value(r, "goal_type"));
    g.follow_up_on = form_value(r, "follow_up_on");
    for (int k = 0; k < r->nform; k++) {
        if (strcmp(r->form[k].name, "codes"))
            continue;
        if (g.code_count == GOAL_MAX_CODES) {
            g.code_count++; /* too many: validation says so */
            break;
        }
        g.codes[g.code_count++] = r->form[k].value;
    }
    goal_validate(&g, c.all, c.n, &v);
    if (!v.count) {
        rc = store_begin(r->db);
        if (rc == STORE_OK)
            rc = store_goal_create(r->db, &g, &g.id);
        if (rc == STORE_OK)
            rc = store_audit_add(r->db, &r->actor, "goal", g.citizen_id, "created");
        if (rc == STORE_OK)
            rc = store_commit(r->db);
        if (rc != STORE_OK) {
            store_rollback(r->db);
            send_store_error(r, rc);
            return;
        }
        redirect(r, arena_printf(&r->arena, "/borgere/%ld#maal", g.citizen_id));
        return;
    }
    r->status = 422;
    goal_form(r, r->ids[0], &c, &v);
}

/* The goal and its follow-up form (status and note). */
static void goal_page(struct req *r, const struct goal *g, const char *status, const char *note,
                      const struct validation *v)
{
    page_begin(r, "Opfølgning på mål");
    htmlf(r, "<p><a href=\"/borgere/%ld\">Tilbage til borgerens journal</a></p>", g->citizen_id);
    html(r, "<h1>Opfølgning på mål</h1><p class=\"omsorg-quote\">");
    html_txt(r, g->text);
    html(r, "</p><dl class=\"omsorg-dl\"><dt>Måltype</dt><dd>");
    html_txt(r, goal_type_label(g->type));
    html(r, "</dd><dt>Tilstande</dt><dd>");
    for (int k = 0; k < g->code_count; k++) {
        if (k)
            html(r, ", ");
        html_txt(r, g->codes[k]);
        html(r, " ");
        html_txt(r, g->code_displays[k]);
    }
    html(r, "</dd><dt>Opfølgning</dt><dd>");
    html_txt(r, g->follow_up_on);
    html(r, "</dd><dt>Status</dt><dd>");
    html_txt(r, goal_status_label(g->status));
    html(r, "</dd></dl>");
    if (v) {
        struct validation shown = fsiii_error_summary(r, NULL, v);
        form_error_summary(r, &shown);
    }
    htmlf(r, "<form method=\"post\" action=\"/borgere/%ld/maal/%ld\" novalidate>", g->citizen_id,
          g->id);
    form_csrf(r);
    const char *err = v ? validation_for(v, "status") : NULL;
    html(r, err ? "<div class=\"form-group form-error\">" : "<div class=\"form-group\">");
    html(r, "<label class=\"form-label\" for=\"f-status\">Status ved opfølgning</label>");
    if (err) {
        html(r, "<span class=\"form-error-message\" id=\"f-status-error\"><span "
                "class=\"sr-only\">Fejl: </span>");
        html_txt(r, err);
        html(r, "</span>");
    }
    html(r, "<select class=\"form-select\" id=\"f-status\" name=\"status\"");
    if (err)
        html(r, " aria-describedby=\"f-status-error\" aria-invalid=\"true\"");
    html(r, ">");
    for (int s = GOAL_STATUS_NONE + 1; s < GOAL_STATUS_COUNT; s++) {
        const char *code = goal_status_code((enum goal_status)s);
        html(r, "<option value=\"");
        html_attr(r, code);
        html(r, !strcmp(status, code) ? "\" selected>" : "\">");
        html_txt(r, goal_status_label((enum goal_status)s));
        html(r, "</option>");
    }
    html(r, "</select></div>");
    form_textarea(r, "status_note", "Hvad viste opfølgningen?", note, NULL, v);
    htmlf(r,
          "<button class=\"button button-primary\" type=\"submit\">Gem opfølgningen</button> "
          "<a class=\"button button-tertiary\" href=\"/borgere/%ld\">Annullér</a></form>",
          g->citizen_id);
    page_end(r);
}

/* GET /borgere/{id}/maal/{gid}: the goal and its follow-up form. */
void ui_goal_show(struct req *r)
{
    if (!fsiii_write_allowed(r, "Kun visitatorer kan følge op på mål."))
        return;
    struct goal g;
    enum store_rc rc = store_goal_get(r->db, &r->arena, r->ids[0], r->ids[1], &g);
    if (rc != STORE_OK) {
        send_store_error(r, rc);
        return;
    }
    goal_page(r, &g, goal_status_code(g.status), g.status_note, NULL);
}

/* POST /borgere/{id}/maal/{gid}: record the follow-up with the audit row. */
void ui_goal_update(struct req *r)
{
    if (!access_can(&r->actor, CAP_CITIZEN_WRITE)) {
        send_error(r, 403, "forbidden", "Kun visitatorer kan følge op på mål.");
        return;
    }
    struct goal g;
    enum store_rc rc = store_goal_get(r->db, &r->arena, r->ids[0], r->ids[1], &g);
    if (rc != STORE_OK) {
        send_store_error(r, rc);
        return;
    }
    const char *status = form_value(r, "status"), *note = form_value(r, "status_note");
    struct validation v = {0};
    enum goal_status st = goal_status_parse(status);
    goal_status_validate(st, note, &v);
    if (!v.count) {
        rc = store_begin(r->db);
        if (rc == STORE_OK)
            rc = store_goal_set_status(r->db, g.citizen_id, g.id, st, note, r->actor.user_id);
        if (rc == STORE_OK)
            rc = store_audit_add(r->db, &r->actor, "goal", g.citizen_id, "followed up");
        if (rc == STORE_OK)
            rc = store_commit(r->db);
        if (rc != STORE_OK) {
            store_rollback(r->db);
            send_store_error(r, rc);
            return;
        }
        redirect(r, arena_printf(&r->arena, "/borgere/%ld#maal", g.citizen_id));
        return;
    }
    r->status = 422;
    goal_page(r, &g, status, note, &v);
}
