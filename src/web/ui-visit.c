/*
 * ui-visit.c — the visit page on the care worker's phone (mobile first):
 * address with a map link, key information, what matters to the citizen,
 * the task; check in and check out; done or not done with a reason, a short
 * note, observed changes by the change-form areas, a fall and a weight in a
 * few taps. web/static/visit.js keeps what is typed in localStorage and
 * sends it when the network is back; each form carries a client id so a
 * form sent twice is stored once.
 */
#include "web/web.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app/care.h"
#include "core/auth.h"

/* An ISO UTC moment as local "HH:MM" in the arena ("" when empty). */
static const char *local_hhmm(struct arena *a, const char *iso)
{
    long t = iso_to_epoch(iso);
    if (t < 0)
        return "";
    time_t tt = (time_t)t;
    struct tm tm;
    char out[6];
    localtime_r(&tt, &tm);
    strftime(out, sizeof out, "%H:%M", &tm);
    return arena_strdup(a, out);
}

/* A radio button or checkbox with its label (DKFDS markup). */
static void choice(struct req *r, const char *type, const char *name, const char *value,
                   const char *label, bool checked)
{
    const char *id = arena_printf(&r->arena, "f-%s-%s", name, value);
    html(r, !strcmp(type, "radio") ? "<div class=\"form-group-radio\"><input type=\"radio\" "
                                     "class=\"form-radio radio-large\""
                                   : "<div class=\"form-group-checkbox\"><input type=\"checkbox\" "
                                     "class=\"form-checkbox checkbox-large\"");
    html(r, " id=\"");
    html_attr(r, id);
    html(r, "\" name=\"");
    html_attr(r, name);
    html(r, "\" value=\"");
    html_attr(r, value);
    html(r, checked ? "\" checked><label for=\"" : "\"><label for=\"");
    html_attr(r, id);
    html(r, "\" class=\"form-label\">");
    html_txt(r, label);
    html(r, "</label></div>");
}

/* Is a form field among the values posted (for re-showing a refused form)? */
static bool posted(struct req *r, const char *name, const char *value)
{
    for (int i = 0; i < r->nform; i++)
        if (!strcmp(r->form[i].name, name) && !strcmp(r->form[i].value, value))
            return true;
    return false;
}

/* A posted field or "" (never NULL). */
static const char *field(struct req *r, const char *name)
{
    const char *s = req_form(r, name);
    return s ? s : "";
}

/* The client id and time fields every offline-capable form carries. */
static void offline_fields(struct req *r)
{
    char id[AUTH_TOKEN_LEN + 1];
    auth_token_new(id);
    form_csrf(r);
    html(r, "<input type=\"hidden\" name=\"client_id\" value=\"");
    html_attr(r, id);
    html(r, "\"><input type=\"hidden\" name=\"at\" value=\"\">");
}

/* Key information about the citizen for the visit. */
static void key_info(struct req *r, const struct plan_visit *v, const struct citizen *c)
{
    html(r, "<h2 class=\"h3\">Nøgleoplysninger</h2><dl class=\"omsorg-dl\"><dt>Adresse</dt><dd>"
            "<a href=\"https://www.openstreetmap.org/?mlat=");
    htmlf(r, "%.5f&amp;mlon=%.5f#map=18/%.5f/%.5f", v->lat, v->lon, v->lat, v->lon);
    html(r, "\">");
    html_txt(r, v->address);
    html(r, "<span class=\"sr-only\"> (åbner kort)</span></a></dd><dt>Telefon</dt><dd>");
    if (*c->phone) {
        html(r, "<a href=\"tel:");
        html_attr(r, c->phone);
        html(r, "\">");
        html_txt(r, c->phone);
        html(r, "</a>");
    } else {
        html(r, "–");
    }
    html(r, "</dd><dt>Bor alene</dt><dd>");
    html(r, c->lives_alone ? "Ja" : "Nej");
    html(r, "</dd>");
    for (int i = 0; i < c->relative_count; i++) {
        const struct relative *x = &c->relatives[i];
        if (!x->consent || x->is_network)
            continue;
        html(r, "<dt>Pårørende</dt><dd>");
        html_txt(r, x->name);
        html(r, " (");
        html_txt(r, x->relation);
        html(r, ")");
        if (*x->phone) {
            html(r, " <a href=\"tel:");
            html_attr(r, x->phone);
            html(r, "\">");
            html_txt(r, x->phone);
            html(r, "</a>");
        }
        html(r, "</dd>");
        break;
    }
    if (*c->rhythm.note) {
        html(r, "<dt>Borgerens ord om dagen</dt><dd>");
        html_txt(r, c->rhythm.note);
        html(r, "</dd>");
    }
    html(r, "</dl>");
}

/* The citizen's open tasks (e.g. "Vej borgeren igen"), so they are done at the visit. */
static void visit_tasks(struct req *r, const struct care_visit *cv)
{
    if (!cv->task_count)
        return;
    html(r, "<h2 class=\"h3\">Opgaver hos borgeren</h2><ul class=\"omsorg-tasks\">");
    for (int i = 0; i < cv->task_count; i++) {
        html(r, "<li>");
        html_txt(r, rule_label(cv->tasks[i].rule));
        if (rules_overdue(iso_to_epoch(cv->tasks[i].due_at), r->app.now))
            html(r, " – <span class=\"omsorg-overdue\"><strong>Overskredet</strong></span>");
        html(r, "</li>");
    }
    html(r, "</ul>");
}

/* The documentation form; values come back from a refused post. */
static void doc_form(struct req *r, const struct plan_visit *v, const struct visit_doc *d,
                     const struct validation *val)
{
    static const enum obs_area areas[] = {AREA_PHYSICAL, AREA_HOME,          AREA_DAILY,
                                          AREA_MEDICINE, AREA_MENTAL_SOCIAL, AREA_FOOD_DRINK};
    html(r, "<form method=\"post\" action=\"");
    html_link(r, PAGE_VISIT_DOCUMENT, v->id, 0);
    html(r, "\" data-offline class=\"omsorg-doc\" novalidate>");
    offline_fields(r);
    const char *outcome = val ? field(r, "outcome") : d ? outcome_code(d->outcome) : "";
    const char *reason = val ? field(r, "reason") : d ? ndr_code(d->reason) : "";
    const char *err = val ? validation_for(val, "outcome") : NULL;
    html(r, err ? "<fieldset class=\"form-group form-error\" id=\"f-outcome\">"
                : "<fieldset class=\"form-group\" id=\"f-outcome\">");
    html(r, "<legend class=\"h4\">Blev besøget gennemført?</legend>");
    choice(r, "radio", "outcome", "done", "Ja, gennemført", !strcmp(outcome, "done"));
    choice(r, "radio", "outcome", "not_done", "Nej, ikke gennemført", !strcmp(outcome, "not_done"));
    html(r, "</fieldset>");
    err = val ? validation_for(val, "reason") : NULL;
    html(r, err ? "<fieldset class=\"form-group form-error\" id=\"f-reason\">"
                : "<fieldset class=\"form-group\" id=\"f-reason\">");
    html(r, "<legend class=\"h4\">Hvis ikke gennemført: hvorfor?</legend>");
    if (err) {
        html(r, "<span class=\"form-error-message\"><span class=\"sr-only\">Fejl: </span>");
        html_txt(r, err);
        html(r, "</span>");
    }
    for (int k = NDR_NOT_HOME; k < NDR_COUNT; k++)
        choice(r, "radio", "reason", ndr_code((enum not_done_reason)k),
               ndr_label((enum not_done_reason)k),
               !strcmp(reason, ndr_code((enum not_done_reason)k)));
    html(r, "</fieldset>");
    form_textarea(r, "note", "Kort note",
                  val ? field(r, "note")
                  : d ? d->note
                      : "",
                  "Det vigtigste fra besøget – få ord er nok.", val);
    html(r, "<fieldset class=\"form-group\"><legend class=\"h4\">Har du set en ændring?</legend>"
            "<span class=\"form-hint\">Vælg de områder, hvor borgeren har ændret sig.</span>");
    for (size_t k = 0; k < sizeof areas / sizeof areas[0]; k++)
        choice(r, "checkbox", "area", obs_area_code(areas[k]), obs_area_label(areas[k]),
               val && posted(r, "area", obs_area_code(areas[k])));
    html(r, "</fieldset>");
    form_textarea(r, "change_note", "Hvad har du set?", val ? field(r, "change_note") : "", NULL,
                  val);
    form_checkbox(r, "serious", "Det er alvorligt (risiko for indlæggelse)",
                  val && posted(r, "serious", "1"));
    html(r, "<fieldset class=\"form-group\"><legend class=\"h4\">Fald</legend>");
    form_checkbox(r, "fall", "Borgeren er faldet", val && posted(r, "fall", "1"));
    form_checkbox(r, "fall_injury", "Faldet gav en skade", val && posted(r, "fall_injury", "1"));
    html(r, "</fieldset>");
    const char *werr = val ? validation_for(val, "weight") : NULL;
    html(r, werr ? "<div class=\"form-group form-error\">" : "<div class=\"form-group\">");
    html(r, "<label class=\"form-label\" for=\"f-weight\">Vægt i kg</label><span "
            "class=\"form-hint\" id=\"f-weight-hint\">Med én decimal, fx 68,4. Lad feltet stå "
            "tomt, hvis borgeren ikke er vejet.</span>");
    if (werr) {
        html(r, "<span class=\"form-error-message\" id=\"f-weight-error\"><span "
                "class=\"sr-only\">Fejl: </span>");
        html_txt(r, werr);
        html(r, "</span>");
    }
    html(r,
         "<input class=\"form-input input-width-xs\" type=\"text\" inputmode=\"decimal\" "
         "autocomplete=\"off\" id=\"f-weight\" name=\"weight\" aria-describedby=\"f-weight-hint");
    html(r, werr ? " f-weight-error\" aria-invalid=\"true\" value=\"" : "\" value=\"");
    html_attr(r, val ? field(r, "weight") : "");
    html(r, "\"></div>");
    form_checkbox(r, "weight_planned", "Vægtændringen er planlagt (fx en slankekur)",
                  val && posted(r, "weight_planned", "1"));
    html(r, "<button class=\"button button-primary omsorg-big\" type=\"submit\">Gem "
            "dokumentation</button></form>");
}

/* Render the visit page; val holds errors from a refused post (status 422). */
static void visit_page(struct req *r, const struct care_visit *cv, const struct validation *val)
{
    const struct plan_visit *v = &cv->visit;
    const struct visit_doc *doc = cv->documented ? &cv->doc : NULL;
    char start[6], ws[6], we[6], day[11];
    minute_format(v->start < 0 ? MINUTE_NONE : (int)(v->start + 0.5), start);
    minute_format(v->window_start, ws);
    minute_format(v->window_end, we);
    date_format(v->day, day);
    if (val)
        r->status = 422;
    page_begin(r, arena_printf(&r->arena, "Besøg hos %s", v->citizen_name));
    page_breadcrumbs(r,
                     (struct crumb[]){{"Min rute", arena_printf(&r->arena, "%s?dato=%s",
                                                                link_to(r, PAGE_ROUTE, 0, 0), day)},
                                      {"Besøg", NULL}},
                     2);
    html(r, "<h1>Besøg hos ");
    html_txt(r, v->citizen_name);
    html(r, "</h1>");
    form_error_summary(r, val);
    if (req_arg(r, "gemt"))
        page_alert(r, ALERT_SUCCESS, NULL, "Gemt.");
    html(r,
         "<p id=\"offline-status\" class=\"omsorg-offline\" role=\"status\" aria-live=\"polite\" "
         "hidden></p><p class=\"omsorg-lead\">");
    html_txt(r, *start ? start : ws);
    html(r, " · ");
    html_txt(r, v->service_label);
    htmlf(r, " (%d min.)", v->duration);
    if (v->carers == 2)
        html(r, " – I er to.");
    html(r, "</p><p class=\"omsorg-muted\">Borgerens tidsvindue: ");
    html_txt(r, ws);
    html(r, "–");
    html_txt(r, we);
    html(r, "</p><section class=\"omsorg-matters\" aria-labelledby=\"matters\"><h2 id=\"matters\" "
            "class=\"h3\">Vigtigt for borgeren</h2><p class=\"omsorg-quote\">");
    html_txt(r, *cv->citizen.what_matters ? cv->citizen.what_matters
                                          : "Borgeren er endnu ikke spurgt.");
    html(r, "</p></section>");
    key_info(r, v, &cv->citizen);
    visit_tasks(r, cv);
    html(r, "<h2 class=\"h3\">Tjek ind og ud</h2><p>");
    if (doc && *doc->checkin_at) {
        html(r, "Tjekket ind kl. ");
        html_txt(r, local_hhmm(&r->arena, doc->checkin_at));
        if (*doc->checkout_at) {
            html(r, ", tjekket ud kl. ");
            html_txt(r, local_hhmm(&r->arena, doc->checkout_at));
        }
        html(r, ".");
    } else {
        html(r, "Du er ikke tjekket ind endnu.");
    }
    html(r, "</p><form method=\"post\" action=\"");
    html_link(r, PAGE_VISIT_CHECK, v->id, 0);
    html(r, "\" data-offline class=\"omsorg-actions\">");
    offline_fields(r);
    html(r, "<button class=\"button button-primary omsorg-big\" type=\"submit\" name=\"step\" "
            "value=\"ind\">Tjek ind</button><button class=\"button button-secondary omsorg-big\" "
            "type=\"submit\" name=\"step\" value=\"ud\">Tjek ud</button></form>");
    html(r, "<h2 class=\"h3\">Dokumentation</h2>");
    if (doc && doc->outcome != OUTCOME_NONE) {
        html(r, "<p>Registreret: ");
        html(r, doc->outcome == OUTCOME_DONE ? "gennemført" : "ikke gennemført");
        if (doc->reason != NDR_NONE) {
            html(r, " – ");
            html_txt(r, ndr_label(doc->reason));
        }
        html(r, ".</p>");
    }
    doc_form(r, v, doc, val);
    html(r, "<script src=\"/static/visit.js\"></script>");
    page_end(r);
}

/* The page again after a refused post, or the error; else back to the page. */
static void visit_done(struct req *r, enum app_rc rc)
{
    struct care_visit cv;
    if (rc == APP_OK)
        redirect(r, arena_printf(&r->arena, "%s?gemt=1", link_to(r, PAGE_VISIT, r->ids[0], 0)));
    else if (r->app.rc != APP_INVALID || !r->app.errors.count)
        send_app_error(r);
    else if (app_visit_get(&r->app, r->ids[0], true, &cv) == APP_OK)
        visit_page(r, &cv, &r->app.errors);
    else
        send_app_error(r);
}

/* GET /besoeg/{id}: the visit page. */
void ui_visit_show(struct req *r)
{
    struct care_visit cv;
    if (app_visit_get(&r->app, r->ids[0], true, &cv) == APP_OK)
        visit_page(r, &cv, NULL);
    else
        send_app_error(r);
}

/* POST /besoeg/{id}/tjek: check in or out. */
void ui_visit_check(struct req *r)
{
    const char *step = field(r, "step");
    if (strcmp(step, "ind") && strcmp(step, "ud"))
        validation_add(&r->app.errors, "step", "Vælg tjek ind eller tjek ud.");
    visit_done(r, app_visit_check(&r->app, r->ids[0], !strcmp(step, "ud"), req_form(r, "at")));
}

/* POST /besoeg/{id}/dokumentation: the form from the phone. */
void ui_visit_document(struct req *r)
{
    struct visit_doc_input in = {0};
    struct validation *val = &r->app.errors;
    bool dup;
    in.client_id = *field(r, "client_id") ? field(r, "client_id") : NULL;
    int out = outcome_parse(field(r, "outcome")), why = ndr_parse(field(r, "reason"));
    if (out < 0)
        validation_add(val, "outcome", "Vælg gennemført eller ikke gennemført.");
    if (why < 0)
        validation_add(val, "reason", "Vælg en af årsagerne.");
    in.outcome = out < 0 ? OUTCOME_NONE : (enum visit_outcome)out;
    in.reason = why < 0 ? NDR_NONE : (enum not_done_reason)why;
    in.note = field(r, "note");
    bool serious = posted(r, "serious", "1");
    for (int i = 0; i < r->nform && in.nobs < DOC_MAX_OBS - 1; i++) {
        int area = strcmp(r->form[i].name, "area") ? -1 : obs_area_parse(r->form[i].value);
        if (area >= 0 && area != AREA_FALL)
            in.obs[in.nobs++] =
                (struct obs_input){(enum obs_area)area, serious, field(r, "change_note")};
    }
    if (!in.nobs && *field(r, "change_note"))
        validation_add(val, "change_note", "Vælg det område, ændringen hører til.");
    if (posted(r, "fall", "1") || posted(r, "fall_injury", "1"))
        in.obs[in.nobs++] = (struct obs_input){AREA_FALL, posted(r, "fall_injury", "1"),
                                               in.nobs ? "" : field(r, "change_note")};
    check_weight(val, "weight", field(r, "weight"), false, &in.weight_hg);
    in.weight_planned = posted(r, "weight_planned", "1");
    visit_done(r, app_visit_document(&r->app, r->ids[0], &in, &dup));
}
