/*
 * ui-triage.c — early detection on pages: the record's section with
 * triage, observations, weights, nutrition and tasks; the triage decision
 * (nurse or team leader) with its history; the nutrition assessment (EVS);
 * the team's daily board (tavlemøde, /tavle) and task list (/opgaver).
 * Triage states are always written as text beside their colour.
 */
#include "web/web.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
    bool overdue = !done && rules_overdue(due, (long)time(NULL));
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

/* The team from ?team= (default the actor's own team, or the first team). */
static bool team_param(struct req *r, struct team **teams, int *nt, long *team)
{
    if (store_team_list(r->db, &r->arena, teams, nt) != STORE_OK) {
        send_store_error(r, STORE_ERROR);
        return false;
    }
    long t = parse_id(req_arg(r, "team"));
    *team = t > 0 ? t : r->actor.team_id > 0 ? r->actor.team_id : *nt ? (*teams)[0].id : 0;
    return care_team_allowed(r, *team);
}

/* A team chooser for planners (who see every team). */
static void team_chooser(struct req *r, const char *action, struct team *teams, int nt, long team)
{
    if (access_scope(&r->actor, CAP_CITIZENS))
        return;
    html(r, "<form method=\"get\" action=\"");
    html_attr(r, action);
    html(r,
         "\" class=\"omsorg-inline\"><div class=\"form-group\"><label class=\"form-label\" "
         "for=\"f-team\">Team</label><select class=\"form-select\" id=\"f-team\" name=\"team\">");
    for (int i = 0; i < nt; i++) {
        htmlf(r, "<option value=\"%ld\"%s>", teams[i].id, teams[i].id == team ? " selected" : "");
        html_txt(r, teams[i].name);
        html(r, "</option>");
    }
    html(r, "</select></div><button class=\"button button-secondary\" type=\"submit\">Vis"
            "</button></form>");
}

/* --- the record's section ------------------------------------------------ */

/* Open tasks as a list (used by the record and the board). */
static void task_list(struct req *r, const struct care_task *ts, int n, bool names)
{
    html(r, "<ul class=\"omsorg-tasks\">");
    for (int i = 0; i < n; i++) {
        html(r, "<li>");
        if (names) {
            htmlf(r, "<a href=\"/borgere/%ld\">", ts[i].citizen_id);
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
    struct triage_row cur, pend;
    struct observation *os;
    struct weight_row *w;
    struct nutrition_row *nu;
    struct care_task *ts;
    int no, nw, nn, nt;
    if (store_triage_current(r->db, &r->arena, c->id, &cur, &pend) != STORE_OK ||
        store_observation_list(r->db, &r->arena, c->id, 10, &os, &no) != STORE_OK ||
        store_weight_list(r->db, &r->arena, c->id, 12, &w, &nw) != STORE_OK ||
        store_nutrition_list(r->db, &r->arena, c->id, 1, &nu, &nn) != STORE_OK ||
        store_care_tasks(r->db, &r->arena, 0, c->id, false, &ts, &nt) != STORE_OK) {
        html(r, "<p>Observationer og triage kunne ikke hentes.</p>");
        return;
    }
    html(r, "<section aria-labelledby=\"care\"><h2 id=\"care\">Observationer, triage og "
            "ernæring</h2>");
    triage_state(r, &cur, &pend);
    htmlf(r,
          "<p class=\"omsorg-actions\"><a class=\"button button-secondary\" "
          "href=\"/borgere/%ld/triage\">%s</a>",
          c->id, care_may_decide(&r->actor, c->team_id) ? "Beslut triage" : "Triagehistorik");
    if (care_may_document(&r->actor, c->team_id) || care_may_decide(&r->actor, c->team_id))
        htmlf(r,
              "<a class=\"button button-secondary\" href=\"/borgere/%ld/ernaering\">"
              "Ernæringsvurdering</a>",
              c->id);
    html(r, "</p><h3>Opgaver</h3>");
    if (nt)
        task_list(r, ts, nt, false);
    else
        html(r, "<p>Ingen åbne opgaver.</p>");
    html(r, "<h3>Seneste observationer</h3>");
    observation_table(r, os, no);
    html(r, "<h3>Vægt</h3>");
    struct care_weight cw[12];
    for (int i = 0; i < nw; i++)
        cw[i] = (struct care_weight){w[i].on, w[i].hg, w[i].planned};
    int loss = rules_weight_loss(cw, nw, NULL);
    if (loss >= RULE_LOSS_HG) {
        char kg[8];
        weight_format(loss, kg);
        html(r, "<p><strong>Uplanlagt vægttab: ");
        html_txt(r, kg);
        html(r, " kg.</strong></p>");
    }
    weight_table(r, w, nw);
    html(r, "<h3>Ernæringsvurdering (EVS)</h3>");
    if (nn) {
        char d[11];
        date_format(nu[0].on, d);
        html(r, "<p>");
        html_txt(r, d);
        htmlf(r, ": score %d – ", nu[0].score);
        html_txt(r, evs_label(nu[0].score));
        html(r, "</p>");
        if (*nu[0].plan) {
            html(r, "<p class=\"omsorg-quote\">");
            html_txt(r, nu[0].plan);
            html(r, "</p>");
        }
    } else {
        html(r, "<p>Ingen ernæringsvurdering endnu.</p>");
    }
    html(r, "</section>");
}

/* --- triage decision ------------------------------------------------------ */

/* The triage page: state, decision form (nurse/planner), history. */
static void triage_page(struct req *r, long citizen_id, const struct validation *val)
{
    struct citizen c;
    struct triage_row cur, pend, *hist;
    struct user *staff;
    int n, ns;
    if (store_citizen_get(r->db, &r->arena, citizen_id, &c) != STORE_OK ||
        store_triage_current(r->db, &r->arena, citizen_id, &cur, &pend) != STORE_OK ||
        store_triage_list(r->db, &r->arena, citizen_id, 100, &hist, &n) != STORE_OK ||
        store_user_list(r->db, &r->arena, c.team_id, &staff, &ns) != STORE_OK) {
        send_store_error(r, STORE_ERROR);
        return;
    }
    const char *name = arena_printf(&r->arena, "%s %s", c.first_name, c.last_name);
    if (val)
        r->status = 422;
    page_begin(r, arena_printf(&r->arena, "Triage – %s", name));
    htmlf(r, "<p><a href=\"/borgere/%ld\">Tilbage til ", c.id);
    html_txt(r, name);
    html(r, "</a></p><h1>Triage: ");
    html_txt(r, name);
    html(r, "</h1>");
    form_error_summary(r, val);
    triage_state(r, &cur, &pend);
    if (care_may_decide(&r->actor, c.team_id)) {
        const char *lv = val ? req_form(r, "level")
                             : triage_code(pend.id  ? pend.level
                                           : cur.id ? cur.level
                                                    : TRIAGE_GREEN);
        htmlf(r, "<h2>Beslut</h2><form method=\"post\" action=\"/borgere/%ld/triage\">", c.id);
        form_csrf(r);
        html(r, "<fieldset class=\"form-group\" id=\"f-level\"><legend class=\"h4\">Triage"
                "</legend>");
        for (int l = 0; l < TRIAGE_COUNT; l++) {
            const char *code = triage_code((enum triage_level)l);
            const char *help[] = {"Grøn – som sædvanligt",
                                  "Gul – ændring: handleplan inden for "
                                  "48 timer, daglig opfølgning",
                                  "Rød – alvorligt: risiko for "
                                  "indlæggelse"};
            htmlf(r,
                  "<div class=\"form-group-radio\"><input type=\"radio\" class=\"form-radio "
                  "radio-large\" id=\"f-level-%s\" name=\"level\" value=\"%s\"%s><label "
                  "class=\"form-label\" for=\"f-level-%s\">",
                  code, code, lv && !strcmp(lv, code) ? " checked" : "", code);
            html_txt(r, help[l]);
            html(r, "</label></div>");
        }
        html(r, "</fieldset>");
        const char *reason = val ? req_form(r, "reason") : pend.id ? pend.reason : "";
        form_textarea(r, "reason", "Hvorfor", reason ? reason : "", NULL, val);
        const char *action = val ? req_form(r, "action") : "";
        form_textarea(r, "action", "Aftalt handling", action ? action : "",
                      "Fx: Ring til egen læge, væskeskema i tre dage.", val);
        html(r, "<div class=\"form-group\"><label class=\"form-label\" for=\"f-follow_up_by\">"
                "Følges op af</label><select class=\"form-select\" id=\"f-follow_up_by\" "
                "name=\"follow_up_by\"><option value=\"\">Ingen valgt</option>");
        for (int i = 0; i < ns; i++) {
            if (!staff[i].active)
                continue;
            htmlf(r, "<option value=\"%ld\"%s>", staff[i].id,
                  staff[i].id == r->actor.user_id ? " selected" : "");
            html_txt(r, staff[i].full_name);
            html(r, " (");
            html_txt(r, role_label(staff[i].role));
            html(r, ")</option>");
        }
        html(r, "</select></div>");
        form_text(r, "due_at", "Frist (ÅÅÅÅ-MM-DD)", val ? req_form(r, "due_at") : "",
                  "Tom: gul 48 timer, rød 24 timer fra nu.", val, "text");
        html(r, "<button class=\"button button-primary\" type=\"submit\">Gem triage</button>"
                "</form>");
    }
    html(r, "<h2>Historik</h2>");
    if (!n) {
        html(r, "<p>Ingen triage endnu – borgeren er grøn.</p>");
    } else {
        html(r, "<div class=\"table--responsive-scroll\"><table class=\"table table--compact\">"
                "<caption class=\"sr-only\">Triagehistorik</caption><thead><tr><th "
                "scope=\"col\">Tid</th><th scope=\"col\">Triage</th><th scope=\"col\">Hvorfor"
                "</th><th scope=\"col\">Handling</th><th scope=\"col\">Af</th></tr></thead>"
                "<tbody>");
        for (int i = 0; i < n; i++) {
            html(r, "<tr><td>");
            html_txt(r, when(&r->arena, hist[i].at));
            html(r, "</td><td>");
            triage_badge(r, hist[i].level, !hist[i].decided);
            html(r, "</td><td>");
            html_txt(r, hist[i].reason);
            html(r, "</td><td>");
            html_txt(r, hist[i].action);
            html(r, "</td><td>");
            html_txt(r, hist[i].user_name);
            html(r, "</td></tr>");
        }
        html(r, "</tbody></table></div>");
    }
    page_end(r);
}

/* GET /borgere/{id}/triage: state, decision form and history. */
void ui_triage_form(struct req *r)
{
    if (citizen_read_allowed(r, r->ids[0], "triage"))
        triage_page(r, r->ids[0], NULL);
}

/* POST /borgere/{id}/triage: record a decision, then the board. */
void ui_triage_post(struct req *r)
{
    long team;
    struct validation val = {0};
    enum store_rc rc = store_citizen_team(r->db, r->ids[0], &team);
    if (rc != STORE_OK) {
        send_store_error(r, rc);
        return;
    }
    if (!care_may_decide(&r->actor, team)) {
        send_error(r, 403, "forbidden",
                   "Kun teamets sygeplejerske eller en teamleder kan beslutte triage.");
        return;
    }
    int level = triage_parse(req_form(r, "level"));
    if (level < 0)
        validation_add(&val, "level", "Vælg grøn, gul eller rød.");
    long by = parse_id(req_form(r, "follow_up_by"));
    if (by < 0)
        validation_add(&val, "follow_up_by", "Vælg en medarbejder.");
    const char *reason = req_form(r, "reason"), *action = req_form(r, "action");
    struct triage_row t = {.level = level < 0 ? TRIAGE_GREEN : (enum triage_level)level,
                           .reason = reason ? reason : "",
                           .action = action ? action : "",
                           .follow_up_by = by > 0 ? by : 0};
    if (!val.count)
        rc = care_triage_decide(r, r->ids[0], &t, req_form(r, "due_at"), &val);
    if (val.count) {
        if (citizen_read_allowed(r, r->ids[0], "triage"))
            triage_page(r, r->ids[0], &val);
        return;
    }
    if (rc != STORE_OK) {
        send_store_error(r, rc);
        return;
    }
    redirect(r, arena_printf(&r->arena, "/tavle?team=%ld", team));
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
 * refused post (status 422, the posted answers kept). The read is audited
 * by the caller. */
static void nutrition_page(struct req *r, const struct validation *val)
{
    struct citizen c;
    struct weight_row *w;
    int nw;
    if (store_citizen_get(r->db, &r->arena, r->ids[0], &c) != STORE_OK ||
        store_weight_list(r->db, &r->arena, c.id, 12, &w, &nw) != STORE_OK) {
        send_store_error(r, STORE_ERROR);
        return;
    }
    const char *name = arena_printf(&r->arena, "%s %s", c.first_name, c.last_name);
    if (val)
        r->status = 422;
    page_begin(r, arena_printf(&r->arena, "Ernæringsvurdering – %s", name));
    htmlf(r, "<p><a href=\"/borgere/%ld\">Tilbage til ", c.id);
    html_txt(r, name);
    html(r, "</a></p><h1>Ernæringsvurdering (EVS)</h1>");
    form_error_summary(r, val);
    html(r, "<p>");
    html_txt(r, name);
    html(r, ". Et felt, der ikke vides, tæller som 2.</p>");
    weight_table(r, w, nw);
    bool may = care_may_document(&r->actor, c.team_id) || care_may_decide(&r->actor, c.team_id);
    if (may) {
        htmlf(r, "<form method=\"post\" action=\"/borgere/%ld/ernaering\">", c.id);
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
        const char *plan = val ? req_form(r, "plan") : "";
        form_textarea(r, "plan", "Ernæringsplan og aftaler", plan ? plan : "",
                      "Skal udfyldes, når vurderingen giver 2.", val);
        html(r, "<button class=\"button button-primary\" type=\"submit\">Gem vurdering</button>"
                "</form>");
    }
    page_end(r);
}

/* GET /borgere/{id}/ernaering: the EVS form with the weight series. */
void ui_nutrition_form(struct req *r)
{
    if (citizen_read_allowed(r, r->ids[0], "nutrition"))
        nutrition_page(r, NULL);
}

/* POST /borgere/{id}/ernaering. */
void ui_nutrition_post(struct req *r)
{
    long team;
    struct validation val = {0};
    enum store_rc rc = store_citizen_team(r->db, r->ids[0], &team);
    if (rc != STORE_OK) {
        send_store_error(r, rc);
        return;
    }
    if (!care_may_document(&r->actor, team) && !care_may_decide(&r->actor, team)) {
        send_error(r, 403, "forbidden", "Kun borgerens team kan lave en ernæringsvurdering.");
        return;
    }
    int parts[3];
    for (int p = 0; p < 3; p++) {
        const char *s = req_form(r, evs_parts[p]);
        parts[p] = s && strlen(s) == 1 && s[0] >= '0' && s[0] <= '2' ? s[0] - '0' : -1;
    }
    const char *plan = req_form(r, "plan");
    struct nutrition_row x = {.on = date_today(),
                              .weight_status = parts[0],
                              .eating = parts[1],
                              .risks = parts[2],
                              .plan = plan ? plan : ""};
    x.score = evs_score(parts[0], parts[1], parts[2]);
    rc = care_nutrition_save(r, r->ids[0], &x, &val);
    if (val.count) {
        if (citizen_read_allowed(r, r->ids[0], "nutrition"))
            nutrition_page(r, &val);
        return;
    }
    if (rc != STORE_OK) {
        send_store_error(r, rc);
        return;
    }
    redirect(r, arena_printf(&r->arena, "/borgere/%ld", r->ids[0]));
}

/* --- the board and the task list ---------------------------------------- */

void ui_board(struct req *r)
{
    struct team *teams;
    struct board_row *b;
    int nt, n;
    long team;
    if (!team_param(r, &teams, &nt, &team))
        return;
    if (store_board(r->db, &r->arena, team, &b, &n) != STORE_OK) {
        send_store_error(r, STORE_ERROR);
        return;
    }
    for (int i = 0; i < n; i++) /* the board shows record data: log each citizen */
        if (store_audit_add(r->db, &r->actor, "read", b[i].citizen_id, "board") != STORE_OK) {
            send_store_error(r, STORE_ERROR);
            return;
        }
    const char *tname = "";
    for (int i = 0; i < nt; i++)
        if (teams[i].id == team)
            tname = teams[i].name;
    page_begin(r, "Tavlemøde");
    html(r, "<h1>Tavlemøde</h1><p class=\"omsorg-lead\">");
    html_txt(r, tname);
    html(r, ": borgere i rød og gul, og ændringer, der venter på en beslutning.</p>");
    team_chooser(r, "/tavle", teams, nt, team);
    if (!n)
        html(r, "<p>Alle teamets borgere er grønne, og ingen ændringer venter.</p>");
    html(r, "<ul class=\"omsorg-board nobullet-list\">");
    for (int i = 0; i < n; i++) {
        struct observation *os;
        int no;
        const struct triage_row *cur = &b[i].current;
        long due = cur->id ? iso_to_epoch(cur->due_at) : -1;
        bool overdue =
            due > 0 && cur->level != TRIAGE_GREEN && rules_overdue(due, (long)time(NULL));
        html(r, overdue ? "<li class=\"omsorg-card omsorg-card-overdue\">"
                        : "<li class=\"omsorg-card\">");
        htmlf(r, "<h2 class=\"h3\"><a href=\"/borgere/%ld\">", b[i].citizen_id);
        html_txt(r, b[i].citizen_name);
        html(r, "</a></h2>");
        triage_state(r, cur, &b[i].pending);
        if (store_observation_list(r->db, &r->arena, b[i].citizen_id, 3, &os, &no) == STORE_OK &&
            no) {
            html(r, "<p><strong>Seneste observationer:</strong></p><ul>");
            for (int k = 0; k < no; k++) {
                html(r, "<li>");
                html_txt(r, obs_area_label(os[k].area));
                if (*os[k].note) {
                    html(r, ": ");
                    html_txt(r, os[k].note);
                }
                html(r, " <span class=\"omsorg-muted\">(");
                html_txt(r, when(&r->arena, os[k].at));
                html(r, ")</span></li>");
            }
            html(r, "</ul>");
        }
        if (care_may_decide(&r->actor, team)) {
            htmlf(r,
                  "<p><a class=\"button button-secondary\" href=\"/borgere/%ld/triage\">"
                  "Beslut triage<span class=\"sr-only\"> for ",
                  b[i].citizen_id);
            html_txt(r, b[i].citizen_name);
            html(r, "</span></a></p>");
        }
        html(r, "</li>");
    }
    html(r, "</ul>");
    page_end(r);
}

/* GET /opgaver: the team's open tasks by due time. */
void ui_tasks(struct req *r)
{
    struct team *teams;
    struct care_task *ts;
    int nt, n;
    long team;
    if (!team_param(r, &teams, &nt, &team))
        return;
    if (store_care_tasks(r->db, &r->arena, team, 0, false, &ts, &n) != STORE_OK) {
        send_store_error(r, STORE_ERROR);
        return;
    }
    for (int i = 0; i < n; i++)
        if ((i == 0 || ts[i].citizen_id != ts[i - 1].citizen_id) &&
            store_audit_add(r->db, &r->actor, "read", ts[i].citizen_id, "tasks") != STORE_OK) {
            send_store_error(r, STORE_ERROR);
            return;
        }
    page_begin(r, "Opgaver");
    html(r, "<h1>Opgaver</h1><p class=\"omsorg-lead\">Opgaver, som reglerne har rejst for "
            "teamet. En opgave lukker sig selv, når den er gjort.</p>");
    team_chooser(r, "/opgaver", teams, nt, team);
    if (!n)
        html(r, "<p>Teamet har ingen åbne opgaver.</p>");
    else
        task_list(r, ts, n, true);
    page_end(r);
}
