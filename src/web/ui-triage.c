/*
 * ui-triage.c — early detection on pages: the record's section with
 * triage, observations, weights, nutrition and tasks; the triage decision
 * (nurse or team leader) with its history; the nutrition assessment (EVS);
 * the team's daily board (tavlemøde, /tavle) and task list (/opgaver).
 * Triage states are always written as text beside their colour.
 */
#include "web/web.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/care.h"

/* An ISO UTC moment as local "24.11. kl. 14:05" in the arena ("–" when empty). */
static const char *when(struct arena *a, const char *iso)
{
    long t = iso_to_epoch(iso);
    if (t < 0)
        return "–";
    time_t tt = (time_t)t;
    struct tm tm;
    char out[32];
    localtime_r(&tt, &tm);
    strftime(out, sizeof out, "%d.%m.%Y kl. %H:%M", &tm);
    return arena_strdup(a, out);
}

/* A triage state as a badge with its name (colour is never the only cue). */
static void triage_badge(struct req *r, enum triage_level l, bool proposed)
{
    html(r, l == TRIAGE_RED      ? "<span class=\"omsorg-triage omsorg-triage-red\">"
            : l == TRIAGE_YELLOW ? "<span class=\"omsorg-triage omsorg-triage-yellow\">"
                                 : "<span class=\"omsorg-triage omsorg-triage-green\">");
    if (proposed)
        html(r, "Foreslået: ");
    html_txt(r, triage_label(l));
    html(r, "</span>");
}

/* "Frist …" with an overdue marker in text and style. */
static void due_text(struct req *r, const char *due_at, bool done)
{
    long due = iso_to_epoch(due_at);
    if (due < 0) {
        html(r, "Ingen frist");
        return;
    }
    bool overdue = !done && rules_overdue(due, r->app.now);
    html(r, overdue ? "<span class=\"omsorg-overdue\"><strong>Overskredet:</strong> frist "
                    : "<span>Frist ");
    size_t len = strlen(due_at);
    if (len == 20 && !strcmp(due_at + 10, "T23:59:59Z")) { /* a day's task: the date only */
        struct date d = epoch_date(due);
        html_txt(r, arena_printf(&r->arena, "%02d.%02d.%04d", d.day, d.month, d.year));
    } else {
        html_txt(r, when(&r->arena, due_at));
    }
    html(r, "</span>");
}

/* A team chooser for those who see every team. */
static void team_chooser(struct req *r, enum page p, const struct care_team *t)
{
    if (!t->team_count)
        return;
    html(r, "<form method=\"get\" action=\"");
    html_link(r, p, 0, 0);
    html(r, "\" class=\"omsorg-inline\">");
    form_select_open(r, "team", "Team", NULL);
    for (int i = 0; i < t->team_count; i++)
        form_option(r, arena_printf(&r->arena, "%ld", t->teams[i].id), t->teams[i].name,
                    t->teams[i].id == t->team.id);
    form_select_close(r);
    html(r, "<button class=\"button button-secondary\" type=\"submit\">Vis</button></form>");
}

/* --- the record's section ------------------------------------------------ */

/* Open tasks as a list (used by the record and the board). */
static void task_list(struct req *r, const struct care_task *ts, int n, bool names)
{
    html(r, "<ul class=\"omsorg-tasks\">");
    for (int i = 0; i < n; i++) {
        html(r, "<li>");
        if (names) {
            html(r, "<a href=\"");
            html_link(r, PAGE_CITIZEN, ts[i].citizen_id, 0);
            html(r, "\">");
            html_txt(r, ts[i].citizen_name);
            html(r, "</a>: ");
        }
        html_txt(r, rule_label(ts[i].rule));
        html(r, " – ");
        due_text(r, ts[i].due_at, ts[i].done);
        html(r, "</li>");
    }
    html(r, "</ul>");
}

/* The weight series as a table with the change from the previous weight. */
static void weight_table(struct req *r, const struct weight_row *w, int n)
{
    if (!n) {
        html(r, "<p>Borgeren er ikke vejet endnu.</p>");
        return;
    }
    html(r, "<div class=\"table--responsive-scroll\"><table class=\"table table--compact\">"
            "<caption class=\"sr-only\">Vægt</caption><thead><tr><th scope=\"col\">Dato</th>"
            "<th scope=\"col\">Vægt</th><th scope=\"col\">Ændring</th></tr></thead><tbody>");
    for (int i = n - 1; i >= 0; i--) {
        char d[11], kg[8], diff[8];
        date_format(w[i].on, d);
        weight_format(w[i].hg, kg);
        html(r, "<tr><td>");
        html_txt(r, d);
        html(r, "</td><td>");
        html_txt(r, kg);
        html(r, " kg</td><td>");
        if (i > 0) {
            int delta = w[i].hg - w[i - 1].hg;
            weight_format(delta < 0 ? -delta : delta, diff);
            html(r, delta < 0 ? "−" : delta > 0 ? "+" : "±");
            html_txt(r, diff);
            html(r, " kg");
            if (w[i].planned)
                html(r, " (planlagt)");
        }
        html(r, "</td></tr>");
    }
    html(r, "</tbody></table></div>");
}

/* Observations as a table. */
static void observation_table(struct req *r, const struct observation *os, int n)
{
    if (!n) {
        html(r, "<p>Ingen ændringer er registreret.</p>");
        return;
    }
    html(r, "<div class=\"table--responsive-scroll\"><table class=\"table table--compact\">"
            "<caption class=\"sr-only\">Seneste observationer</caption><thead><tr>"
            "<th scope=\"col\">Tid</th><th scope=\"col\">Område</th><th scope=\"col\">Set</th>"
            "<th scope=\"col\">Af</th></tr></thead><tbody>");
    for (int i = 0; i < n; i++) {
        html(r, "<tr><td>");
        html_txt(r, when(&r->arena, os[i].at));
        html(r, "</td><td>");
        html_txt(r, obs_area_label(os[i].area));
        if (os[i].serious)
            html(r, os[i].area == AREA_FALL ? " – med skade" : " – alvorligt");
        html(r, "</td><td>");
        html_txt(r, *os[i].note ? os[i].note : "–");
        html(r, "</td><td>");
        html_txt(r, os[i].user_name);
        html(r, "</td></tr>");
    }
    html(r, "</tbody></table></div>");
}

/* The current triage state in words: level, why, action, who follows up, due. */
static void triage_state(struct req *r, const struct triage_row *cur, const struct triage_row *pend)
{
    html(r, "<p>Triage: ");
    triage_badge(r, cur->id ? cur->level : TRIAGE_GREEN, false);
    if (cur->id && cur->level != TRIAGE_GREEN) {
        html(r, " – ");
        html_txt(r, cur->reason);
        html(r, "</p><dl class=\"omsorg-dl\"><dt>Handling</dt><dd>");
        html_txt(r, *cur->action ? cur->action : "–");
        html(r, "</dd><dt>Følges op af</dt><dd>");
        html_txt(r, *cur->follow_up_name ? cur->follow_up_name : "–");
        html(r, "</dd><dt>Frist</dt><dd>");
        due_text(r, cur->due_at, false);
        html(r, "</dd></dl>");
    } else {
        html(r, "</p>");
    }
    if (pend->id) {
        html(r, "<p>");
        triage_badge(r, pend->level, true);
        html(r, " ");
        html_txt(r, pend->reason);
        html(r, " (");
        html_txt(r, pend->user_name);
        html(r, ", ");
        html_txt(r, when(&r->arena, pend->at));
        html(r, ")</p>");
    }
}

/* The record page's section: triage, tasks, observations, weights, EVS. */
void care_section(struct req *r, const struct citizen *c)
{
    struct care_summary x;
    if (app_care_summary(&r->app, c->id, NULL, &x) != APP_OK) { /* the page logged the read */
        html(r, "<p>Observationer og triage kunne ikke hentes.</p>");
        return;
    }
    bool decide = access_can_team(&r->actor, CAP_TRIAGE, c->team_id);
    html(r, "<section aria-labelledby=\"care\"><h2 id=\"care\">Observationer, triage og "
            "ernæring</h2>");
    triage_state(r, &x.current, &x.pending);
    html(r, "<p class=\"omsorg-actions\"><a class=\"button button-secondary\" href=\"");
    html_link(r, PAGE_TRIAGE, c->id, 0);
    html(r, decide ? "\">Beslut triage</a>" : "\">Triagehistorik</a>");
    if (access_can_team(&r->actor, CAP_NUTRITION, c->team_id)) {
        html(r, "<a class=\"button button-secondary\" href=\"");
        html_link(r, PAGE_NUTRITION, c->id, 0);
        html(r, "\">Ernæringsvurdering</a>");
    }
    html(r, "</p><h3>Opgaver</h3>");
    if (x.task_count)
        task_list(r, x.tasks, x.task_count, false);
    else
        html(r, "<p>Ingen åbne opgaver.</p>");
    html(r, "<h3>Seneste observationer</h3>");
    observation_table(r, x.observations, x.observation_count);
    html(r, "<h3>Vægt</h3>");
    if (x.loss_hg >= RULE_LOSS_HG) {
        char kg[8];
        weight_format(x.loss_hg, kg);
        html(r, "<p><strong>Uplanlagt vægttab: ");
        html_txt(r, kg);
        html(r, " kg.</strong></p>");
    }
    weight_table(r, x.weights, x.weight_count);
    html(r, "<h3>Ernæringsvurdering (EVS)</h3>");
    if (x.latest) {
        char d[11];
        date_format(x.latest->on, d);
        html(r, "<p>");
        html_txt(r, d);
        htmlf(r, ": score %d – ", x.latest->score);
        html_txt(r, evs_label(x.latest->score));
        html(r, "</p>");
        if (*x.latest->plan) {
            html(r, "<p class=\"omsorg-quote\">");
            html_txt(r, x.latest->plan);
            html(r, "</p>");
        }
    } else {
        html(r, "<p>Ingen ernæringsvurdering endnu.</p>");
    }
    html(r, "</section>");
}

/* --- triage decision ------------------------------------------------------ */

/* "Tilbage til …" above a citizen's sub-page. */
static void back_to_record(struct req *r, const struct citizen *c, const char *name)
{
    html(r, "<p><a href=\"");
    html_link(r, PAGE_CITIZEN, c->id, 0);
    html(r, "\">Tilbage til ");
    html_txt(r, name);
    html(r, "</a></p>");
}

/* A posted field when re-showing a refused form, else the fallback. */
static const char *again(struct req *r, const struct validation *val, const char *name,
                         const char *fallback)
{
    const char *s = val ? req_form(r, name) : NULL;
    return val ? (s ? s : "") : fallback;
}

/* The triage page: state, decision form (nurse/planner), history. */
static void triage_page(struct req *r, const struct care_triage *t, const struct validation *val)
{
    static const char *const help[] = {
        "Grøn – som sædvanligt",
        "Gul – ændring: handleplan inden for 48 timer, daglig opfølgning",
        "Rød – alvorligt: risiko for indlæggelse",
    };
    const struct citizen *c = &t->citizen;
    const char *name = arena_printf(&r->arena, "%s %s", c->first_name, c->last_name);
    if (val)
        r->status = 422;
    page_begin(r, arena_printf(&r->arena, "Triage – %s", name));
    back_to_record(r, c, name);
    html(r, "<h1>Triage: ");
    html_txt(r, name);
    html(r, "</h1>");
    form_error_summary(r, val);
    triage_state(r, &t->current, &t->pending);
    if (access_can_team(&r->actor, CAP_TRIAGE, c->team_id)) {
        const struct triage_row *now = t->pending.id ? &t->pending : &t->current;
        const char *lv = again(r, val, "level", triage_code(now->id ? now->level : TRIAGE_GREEN));
        html(r, "<h2>Beslut</h2><form method=\"post\" action=\"");
        html_link(r, PAGE_TRIAGE, c->id, 0);
        html(r, "\">");
        form_csrf(r);
        html(r, "<fieldset class=\"form-group\" id=\"f-level\"><legend class=\"h4\">Triage"
                "</legend>");
        for (int l = 0; l < TRIAGE_COUNT; l++) {
            const char *code = triage_code((enum triage_level)l);
            htmlf(r,
                  "<div class=\"form-group-radio\"><input type=\"radio\" class=\"form-radio "
                  "radio-large\" id=\"f-level-%s\" name=\"level\" value=\"%s\"%s><label "
                  "class=\"form-label\" for=\"f-level-%s\">",
                  code, code, !strcmp(lv, code) ? " checked" : "", code);
            html_txt(r, help[l]);
            html(r, "</label></div>");
        }
        html(r, "</fieldset>");
        form_textarea(r, "reason", "Hvorfor",
                      again(r, val, "reason", t->pending.id ? t->pending.reason : ""), NULL, val);
        form_textarea(r, "action", "Aftalt handling", again(r, val, "action", ""),
                      "Fx: Ring til egen læge, væskeskema i tre dage.", val);
        form_select_open(r, "follow_up_by", "Følges op af",
                         val ? validation_for(val, "follow_up_by") : NULL);
        form_option(r, "", "Ingen valgt", false);
        for (int i = 0; i < t->staff_count; i++)
            form_option(r, arena_printf(&r->arena, "%ld", t->staff[i].id),
                        arena_printf(&r->arena, "%s (%s)", t->staff[i].full_name,
                                     role_label(t->staff[i].role)),
                        t->staff[i].id == r->actor.user_id);
        form_select_close(r);
        form_text(r, "due_at", "Frist (ÅÅÅÅ-MM-DD)", again(r, val, "due_at", ""),
                  "Tom: gul 48 timer, rød 24 timer fra nu.", val, "text");
        html(r, "<button class=\"button button-primary\" type=\"submit\">Gem triage</button>"
                "</form>");
    }
    html(r, "<h2>Historik</h2>");
    if (!t->count) {
        html(r, "<p>Ingen triage endnu – borgeren er grøn.</p>");
    } else {
        html(r, "<div class=\"table--responsive-scroll\"><table class=\"table table--compact\">"
                "<caption class=\"sr-only\">Triagehistorik</caption><thead><tr><th "
                "scope=\"col\">Tid</th><th scope=\"col\">Triage</th><th scope=\"col\">Hvorfor"
                "</th><th scope=\"col\">Handling</th><th scope=\"col\">Af</th></tr></thead>"
                "<tbody>");
        for (int i = 0; i < t->count; i++) {
            const struct triage_row *h = &t->history[i];
            html(r, "<tr><td>");
            html_txt(r, when(&r->arena, h->at));
            html(r, "</td><td>");
            triage_badge(r, h->level, !h->decided);
            html(r, "</td><td>");
            html_txt(r, h->reason);
            html(r, "</td><td>");
            html_txt(r, h->action);
            html(r, "</td><td>");
            html_txt(r, h->user_name);
            html(r, "</td></tr>");
        }
        html(r, "</tbody></table></div>");
    }
    page_end(r);
}

/* Show the triage page (val: the errors of a refused post). */
static void triage_show(struct req *r, const struct validation *val)
{
    struct care_triage t;
    if (app_triage_get(&r->app, r->ids[0], 100, &t) == APP_OK)
        triage_page(r, &t, val);
    else
        send_app_error(r);
}

/* GET /borgere/{id}/triage: state, decision form and history. */
void ui_triage_form(struct req *r)
{
    triage_show(r, NULL);
}

/* POST /borgere/{id}/triage: record a decision, then the team's board. */
void ui_triage_post(struct req *r)
{
    struct validation *val = &r->app.errors;
    long team;
    int level = triage_parse(req_form(r, "level"));
    if (level < 0)
        validation_add(val, "level", "Vælg grøn, gul eller rød.");
    long by = parse_id(req_form(r, "follow_up_by"));
    if (by < 0)
        validation_add(val, "follow_up_by", "Vælg en medarbejder.");
    const char *reason = req_form(r, "reason"), *action = req_form(r, "action");
    struct triage_row t = {.level = level < 0 ? TRIAGE_GREEN : (enum triage_level)level,
                           .reason = reason ? reason : "",
                           .action = action ? action : "",
                           .follow_up_by = by > 0 ? by : 0};
    if (app_triage_decide(&r->app, r->ids[0], &t, req_form(r, "due_at"), &team) == APP_OK)
        redirect(r, arena_printf(&r->arena, "%s?team=%ld", link_to(r, PAGE_BOARD, 0, 0), team));
    else if (r->app.rc == APP_INVALID && val->count)
        triage_show(r, val);
    else
        send_app_error(r);
}

/* --- nutrition (EVS) ------------------------------------------------------- */

static const char *const evs_parts[3] = {"weight_status", "eating", "risks"};
static const char *const evs_titles[3] = {"Vægtstatus", "Spisevaner", "Risici"};
static const char *const evs_help[3][3] = {
    {"0 – stabil vægt og normalt BMI", "1 – lidt vægttab eller lavt BMI",
     "2 – vægttab over 1 kg eller meget lavt BMI"},
    {"0 – spiser og drikker som sædvanligt", "1 – spiser lidt mindre end før",
     "2 – spiser under halvdelen af det, hun/han plejer"},
    {"0 – ingen særlige risici", "1 – tygge-, synke- eller appetitproblemer",
     "2 – akut sygdom, tryksår eller flere risici"}};

/* The EVS page: the weight series and the form; val holds errors from a
 * refused post (status 422, the posted answers kept). */
static void nutrition_page(struct req *r, const struct care_nutrition *x,
                           const struct validation *val)
{
    const struct citizen *c = &x->citizen;
    const char *name = arena_printf(&r->arena, "%s %s", c->first_name, c->last_name);
    if (val)
        r->status = 422;
    page_begin(r, arena_printf(&r->arena, "Ernæringsvurdering – %s", name));
    back_to_record(r, c, name);
    html(r, "<h1>Ernæringsvurdering (EVS)</h1>");
    form_error_summary(r, val);
    html(r, "<p>");
    html_txt(r, name);
    html(r, ". Et felt, der ikke vides, tæller som 2.</p>");
    weight_table(r, x->weights, x->weight_count);
    if (access_can_team(&r->actor, CAP_NUTRITION, c->team_id)) {
        html(r, "<form method=\"post\" action=\"");
        html_link(r, PAGE_NUTRITION, c->id, 0);
        html(r, "\">");
        form_csrf(r);
        for (int p = 0; p < 3; p++) {
            const char *sent = val ? req_form(r, evs_parts[p]) : NULL;
            htmlf(r, "<fieldset class=\"form-group\" id=\"f-%s\"><legend class=\"h4\">",
                  evs_parts[p]);
            html_txt(r, evs_titles[p]);
            html(r, "</legend>");
            for (int k = -1; k <= 2; k++) {
                bool on = sent ? atoi(sent) == k && *sent : k < 0;
                htmlf(r,
                      "<div class=\"form-group-radio\"><input type=\"radio\" class=\"form-radio "
                      "radio-large\" id=\"f-%s-%d\" name=\"%s\" value=\"%d\"%s><label "
                      "class=\"form-label\" for=\"f-%s-%d\">",
                      evs_parts[p], k + 1, evs_parts[p], k, on ? " checked" : "", evs_parts[p],
                      k + 1);
                html_txt(r, k < 0 ? "Vides ikke (tæller som 2)" : evs_help[p][k]);
                html(r, "</label></div>");
            }
            html(r, "</fieldset>");
        }
        form_textarea(r, "plan", "Ernæringsplan og aftaler", again(r, val, "plan", ""),
                      "Skal udfyldes, når vurderingen giver 2.", val);
        html(r, "<button class=\"button button-primary\" type=\"submit\">Gem vurdering</button>"
                "</form>");
    }
    page_end(r);
}

static void nutrition_show(struct req *r, const struct validation *val)
{
    struct care_nutrition x;
    if (app_nutrition_get(&r->app, r->ids[0], 1, &x) == APP_OK)
        nutrition_page(r, &x, val);
    else
        send_app_error(r);
}

/* GET /borgere/{id}/ernaering: the EVS form with the weight series. */
void ui_nutrition_form(struct req *r)
{
    nutrition_show(r, NULL);
}

/* POST /borgere/{id}/ernaering. */
void ui_nutrition_post(struct req *r)
{
    int parts[3];
    for (int p = 0; p < 3; p++) {
        const char *s = req_form(r, evs_parts[p]);
        parts[p] = s && strlen(s) == 1 && s[0] >= '0' && s[0] <= '2' ? s[0] - '0' : -1;
    }
    const char *plan = req_form(r, "plan");
    struct nutrition_row x = {
        .weight_status = parts[0], .eating = parts[1], .risks = parts[2], .plan = plan};
    if (app_nutrition_add(&r->app, r->ids[0], &x) == APP_OK)
        redirect(r, link_to(r, PAGE_CITIZEN, r->ids[0], 0));
    else if (r->app.rc == APP_INVALID && r->app.errors.count)
        nutrition_show(r, &r->app.errors);
    else
        send_app_error(r);
}

/* --- the board and the task list ---------------------------------------- */

/* GET /tavle?team=: the tavlemøde. */
void ui_board(struct req *r)
{
    struct care_board b;
    if (app_board(&r->app, parse_id(req_arg(r, "team")), &b) != APP_OK) {
        send_app_error(r);
        return;
    }
    bool decide = access_can_team(&r->actor, CAP_TRIAGE, b.team.team.id);
    page_begin(r, "Tavlemøde");
    html(r, "<h1>Tavlemøde</h1><p class=\"omsorg-lead\">");
    html_txt(r, b.team.team.name);
    html(r, ": borgere i rød og gul, og ændringer, der venter på en beslutning.</p>");
    team_chooser(r, PAGE_BOARD, &b.team);
    if (!b.count)
        html(r, "<p>Alle teamets borgere er grønne, og ingen ændringer venter.</p>");
    html(r, "<ul class=\"omsorg-board nobullet-list\">");
    for (int i = 0; i < b.count; i++) {
        const struct board_row *row = &b.rows[i].row;
        const struct triage_row *cur = &row->current;
        long due = cur->id ? iso_to_epoch(cur->due_at) : -1;
        bool overdue = due > 0 && cur->level != TRIAGE_GREEN && rules_overdue(due, r->app.now);
        html(r, overdue ? "<li class=\"omsorg-card omsorg-card-overdue\">"
                        : "<li class=\"omsorg-card\">");
        html(r, "<h2 class=\"h3\"><a href=\"");
        html_link(r, PAGE_CITIZEN, row->citizen_id, 0);
        html(r, "\">");
        html_txt(r, row->citizen_name);
        html(r, "</a></h2>");
        triage_state(r, cur, &row->pending);
        if (b.rows[i].observation_count) {
            html(r, "<p><strong>Seneste observationer:</strong></p><ul>");
            for (int k = 0; k < b.rows[i].observation_count; k++) {
                const struct observation *o = &b.rows[i].observations[k];
                html(r, "<li>");
                html_txt(r, obs_area_label(o->area));
                if (*o->note) {
                    html(r, ": ");
                    html_txt(r, o->note);
                }
                html(r, " <span class=\"omsorg-muted\">(");
                html_txt(r, when(&r->arena, o->at));
                html(r, ")</span></li>");
            }
            html(r, "</ul>");
        }
        if (decide) {
            html(r, "<p><a class=\"button button-secondary\" href=\"");
            html_link(r, PAGE_TRIAGE, row->citizen_id, 0);
            html(r, "\">Beslut triage<span class=\"sr-only\"> for ");
            html_txt(r, row->citizen_name);
            html(r, "</span></a></p>");
        }
        html(r, "</li>");
    }
    html(r, "</ul>");
    page_end(r);
}

/* GET /opgaver?team=: the team's open tasks by due time. */
void ui_tasks(struct req *r)
{
    struct care_tasks t;
    if (app_team_tasks(&r->app, parse_id(req_arg(r, "team")), false, &t) != APP_OK) {
        send_app_error(r);
        return;
    }
    page_begin(r, "Opgaver");
    html(r, "<h1>Opgaver</h1><p class=\"omsorg-lead\">Opgaver, som reglerne har rejst for "
            "teamet. En opgave lukker sig selv, når den er gjort.</p>");
    team_chooser(r, PAGE_TASKS, &t.team);
    if (!t.count)
        html(r, "<p>Teamet har ingen åbne opgaver.</p>");
    else
        task_list(r, t.tasks, t.count, true);
    page_end(r);
}
