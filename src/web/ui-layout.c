/*
 * ui-layout.c — the page frame (Det Fælles Designsystem header, navigation,
 * footer) and the form building blocks every page uses.
 */
#include "web/web.h"

#include <string.h>

/* DKFDS alert icon, from the icon sprite (dkfds/img/all-svg-icons.svg). */
#define OMSORG_ICON_ERROR                                                                          \
    "<svg class=\"icon-svg alert-icon\" role=\"img\" aria-label=\"Fejl\" focusable=\"false\">"     \
    "<use href=\"/static/dkfds/img/all-svg-icons.svg#error\"></use></svg>"

/* The main menu. An item is shown when the route table lets the actor open
 * its page, so the menu and dispatch cannot disagree. */
static const struct nav_item {
    enum page page;
    const char *label;
    const char *section; /* path prefix that marks the item active */
} nav[] = {
    {PAGE_ROUTE, "Min rute", "/rute"},
    {PAGE_BOARD, "Tavlemøde", "/tavle"},
    {PAGE_TASKS, "Opgaver", "/opgaver"},
    {PAGE_CITIZENS, "Borgere", "/borgere"},
    {PAGE_PLAN, "Planlægning", "/planlaegning"},
    {PAGE_PREVENTION, "Forebyggende besøg", "/forebyggelse"},
    {PAGE_TEAMS, "Teams og medarbejdere", "/teams"},
    {PAGE_ADMIN_USERS, "Administration", "/admin/brugere"},
    {PAGE_PREVENTION_RULES, "Forebyggende besøg", "/admin/forebyggelse"},
};

void page_begin(struct req *r, const char *title)
{
    r->content_type = "text/html; charset=utf-8";
    if (!r->status)
        r->status = 200;
    html(r, "<!DOCTYPE html>\n<html lang=\"da\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            "<title>");
    html_txt(r, title);
    html(r, " – omsorg</title>"
            "<link rel=\"stylesheet\" href=\"/static/dkfds/css/dkfds.min.css\">"
            "<link rel=\"stylesheet\" href=\"/static/omsorg.css\">"
            "</head><body>"
            "<a href=\"#main-content\" class=\"skipnav\">Gå til sidens indhold</a>"
            "<header class=\"header\">"
            "<div class=\"portal-info\"><div class=\"portal-info-inner container\">"
            "<a href=\"/\" class=\"omsorg-logo\">omsorg</a>");
    if (r->authed) {
        html(r, "<div class=\"portal-user\"><p class=\"user\"><strong>");
        html_txt(r, r->actor.full_name);
        html(r, "</strong><br>");
        html_txt(r, role_label(r->actor.role));
        html(r, "</p><form method=\"post\" action=\"/logout\" class=\"omsorg-logout\">");
        form_csrf(r);
        html(r, "<button class=\"button button-secondary\" type=\"submit\">Log af</button>"
                "</form></div>");
    }
    html(r, "</div></div>"
            "<div class=\"solution-info\"><div class=\"solution-info-inner container\">"
            "<div class=\"solution-heading\"><a href=\"/\">Omsorg – pleje og visitation</a>"
            "</div></div></div>");
    if (r->authed) {
        /* Det Fælles Designsystem 11's navigation-menu markup. */
        html(r, "<div class=\"navigation-menu\"><div class=\"navigation-menu-inner container\">"
                "<nav class=\"nav\" aria-label=\"Hovedmenu\"><ul class=\"mainmenu\">");
        for (size_t i = 0; i < sizeof nav / sizeof nav[0]; i++) {
            const char *href = page_pattern(nav[i].page);
            if (!route_allowed(&r->actor, href))
                continue;
            size_t len = strlen(nav[i].section);
            bool active = !strncmp(r->path, nav[i].section, len) &&
                          (r->path[len] == '\0' || r->path[len] == '/');
            bool current = !strcmp(r->path, href);
            html(r, current  ? "<li class=\"active current\">"
                    : active ? "<li class=\"active\">"
                             : "<li>");
            html(r, "<a href=\"");
            html_attr(r, href);
            html(r, current  ? "\" class=\"nav-link\" aria-current=\"page\"><span>"
                    : active ? "\" class=\"nav-link\" aria-current=\"true\"><span>"
                             : "\" class=\"nav-link\"><span>");
            html_txt(r, nav[i].label);
            html(r, "</span></a></li>");
        }
        html(r, "</ul></nav></div></div>");
    }
    html(r, "</header><main id=\"main-content\" class=\"container page-container\">");
}

void page_end(struct req *r)
{
    html(r, "</main><footer><div class=\"footer\"><div class=\"container\">"
            "<p>omsorg – borgeren bestemmer, hjælpen kommer tidligt, og de samme få "
            "medarbejdere kommer i hjemmet.</p></div></div></footer>"
            "<script src=\"/static/dkfds/js/dkfds.min.js\"></script>"
            "<script src=\"/static/omsorg.js\"></script></body></html>\n");
}

void form_csrf(struct req *r)
{
    html(r, "<input type=\"hidden\" name=\"csrf\" value=\"");
    html_attr(r, r->csrf);
    html(r, "\">");
}

void form_error(struct req *r, const char *name, const char *error)
{
    if (!error)
        return;
    html(r, "<span class=\"form-error-message\" id=\"f-");
    html_attr(r, name);
    html(r, "-error\"><span class=\"sr-only\">Fejl: </span>");
    html_txt(r, error);
    html(r, "</span>");
}

/* Open a form-group with label, hint and error message; aria-describedby
 * on the control points at both. */
static void group_begin(struct req *r, const char *name, const char *label, const char *hint,
                        const char *error)
{
    html(r, error ? "<div class=\"form-group form-error\">" : "<div class=\"form-group\">");
    html(r, "<label class=\"form-label\" for=\"f-");
    html_attr(r, name);
    html(r, "\">");
    html_txt(r, label);
    html(r, "</label>");
    if (hint) {
        html(r, "<span class=\"form-hint\" id=\"f-");
        html_attr(r, name);
        html(r, "-hint\">");
        html_txt(r, hint);
        html(r, "</span>");
    }
    form_error(r, name, error);
}

static void control_attrs(struct req *r, const char *name, const char *hint, const char *error)
{
    html(r, " id=\"f-");
    html_attr(r, name);
    html(r, "\" name=\"");
    html_attr(r, name);
    html(r, "\"");
    if (hint || error) {
        html(r, " aria-describedby=\"");
        if (hint) {
            html(r, "f-");
            html_attr(r, name);
            html(r, "-hint");
        }
        if (error) {
            html(r, hint ? " f-" : "f-");
            html_attr(r, name);
            html(r, "-error");
        }
        html(r, "\"");
    }
    if (error)
        html(r, " aria-invalid=\"true\"");
}

void form_text(struct req *r, const char *name, const char *label, const char *value,
               const char *hint, const struct validation *v, const char *type)
{
    const char *error = v ? validation_for(v, name) : NULL;
    group_begin(r, name, label, hint, error);
    html(r, "<input class=\"form-input\" type=\"");
    html_attr(r, type ? type : "text");
    html(r, "\"");
    control_attrs(r, name, hint, error);
    html(r, " value=\"");
    html_attr(r, value);
    html(r, "\"></div>");
}

void form_textarea(struct req *r, const char *name, const char *label, const char *value,
                   const char *hint, const struct validation *v)
{
    const char *error = v ? validation_for(v, name) : NULL;
    group_begin(r, name, label, hint, error);
    html(r, "<textarea class=\"form-input\" rows=\"4\"");
    control_attrs(r, name, hint, error);
    html(r, ">");
    html_txt(r, value);
    html(r, "</textarea></div>");
}

void form_checkbox(struct req *r, const char *name, const char *label, bool checked)
{
    html(r, "<div class=\"form-group-checkbox\"><input type=\"checkbox\" class=\"form-checkbox\" "
            "value=\"1\"");
    control_attrs(r, name, NULL, NULL);
    if (checked)
        html(r, " checked");
    html(r, "><label class=\"form-label\" for=\"f-");
    html_attr(r, name);
    html(r, "\">");
    html_txt(r, label);
    html(r, "</label></div>");
}

/* Danish names of form fields, for the error summary. */
static const char *field_label(const char *field)
{
    static const struct {
        const char *field, *label;
    } labels[] = {
        {"cpr", "CPR-nummer"},
        {"first_name", "Fornavn"},
        {"last_name", "Efternavn"},
        {"address", "Adresse"},
        {"postcode", "Postnummer"},
        {"city", "By"},
        {"phone", "Telefon"},
        {"team_id", "Fast team"},
        {"what_matters", "Hvad er vigtigt"},
        {"get_up", "Står op"},
        {"breakfast", "Morgenmad"},
        {"lunch", "Frokost"},
        {"dinner", "Aftensmad"},
        {"bedtime", "Går i seng"},
        {"rhythm_note", "Døgnrytme"},
        {"name", "Navn"},
        {"relation", "Relation"},
        {"email", "E-mail"},
        {"note", "Note"},
        {"username", "Brugernavn"},
        {"full_name", "Fulde navn"},
        {"role", "Rolle"},
        {"password", "Adgangskode"},
        {"slug", "Kortnavn"},
        {"office_address", "Kontorets adresse"},
        {"shifts", "Vagter"},
        {"coordinator_id", "Tovholder"},
        {"position", "Koordinater"},
        {"assessed_on", "Dato for vurderingen"},
        {"functions", "Funktionsevnetilstande"},
        {"text", "Målet"},
        {"goal_type", "Måltype"},
        {"follow_up_on", "Dato for opfølgning"},
        {"codes", "Tilstande"},
        {"status", "Status"},
        {"status_note", "Opfølgning"},
        {"kind", "Slags afgørelse"},
        {"requested", "Det har borgeren bedt om"},
        {"goals", "Mål"},
        {"start_date", "Hjælpen begynder"},
        {"end_date", "Hjælpen slutter"},
        {"follow_up_date", "Opfølgning senest"},
        {"weekly_minutes", "Ramme"},
        {"contact_id", "Borgerens kontakt"},
        {"services", "Besøg"},
    };
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
        if (!strcmp(labels[i].field, field))
            return labels[i].label;
    return NULL;
}

void form_error_summary(struct req *r, const struct validation *v)
{
    if (!v || !v->count)
        return;
    /* DKFDS error summary: dkfds.js focuses it on load and moves focus to
     * the field when one of its links is followed. */
    html(r, "<div class=\"alert alert-error\" role=\"alert\" aria-atomic=\"true\" "
            "data-module=\"error-summary\" tabindex=\"-1\">" OMSORG_ICON_ERROR
            "<div class=\"alert-body\"><h2 class=\"alert-heading h3\">Ret fejlene, og prøv "
            "igen</h2><ul class=\"alert-text nobullet-list\">");
    for (int i = 0; i < v->count; i++) {
        html(r, "<li><a href=\"#f-");
        html_attr(r, v->errors[i].field);
        html(r, "\">");
        const char *label = field_label(v->errors[i].field);
        if (label) {
            html_txt(r, label);
            html(r, ": ");
        }
        html_txt(r, v->errors[i].message);
        html(r, "</a></li>");
    }
    html(r, "</ul></div></div>");
}

void form_select_open(struct req *r, const char *name, const char *label, const char *error)
{
    html(r, error ? "<div class=\"form-group form-error\">" : "<div class=\"form-group\">");
    html(r, "<label class=\"form-label\" for=\"f-");
    html_attr(r, name);
    html(r, "\">");
    html_txt(r, label);
    html(r, "</label>");
    form_error(r, name, error);
    html(r, "<select class=\"form-select\" id=\"f-");
    html_attr(r, name);
    html(r, "\" name=\"");
    html_attr(r, name);
    if (error) {
        html(r, "\" aria-invalid=\"true\" aria-describedby=\"f-");
        html_attr(r, name);
        html(r, "-error");
    }
    html(r, "\">");
}

void form_option(struct req *r, const char *value, const char *label, bool selected)
{
    html(r, "<option value=\"");
    html_attr(r, value);
    html(r, selected ? "\" selected>" : "\">");
    html_txt(r, label);
    html(r, "</option>");
}

void form_select_close(struct req *r)
{
    html(r, "</select></div>");
}

void page_breadcrumbs(struct req *r, const struct crumb *c, int n)
{
    html(r,
         "<nav aria-label=\"Brødkrumme\" class=\"breadcrumbs\"><ol class=\"breadcrumbs__list\">");
    for (int i = 0; i < n; i++) {
        if (i == n - 1) {
            html(r, "<li class=\"breadcrumbs__list-item\" aria-current=\"page\">");
            if (i > 0)
                html(r, "<svg class=\"icon-svg\" focusable=\"false\" aria-hidden=\"true\"><use "
                        "href=\"/static/dkfds/img/all-svg-icons.svg#chevron-right\"></use></svg>");
            html_txt(r, c[i].label);
            html(r, "</li>");
        } else {
            html(r, "<li class=\"breadcrumbs__list-item\"><a class=\"breadcrumbs__link\" href=\"");
            html_attr(r, c[i].href);
            html(r, "\">");
            html_txt(r, c[i].label);
            html(r, "</a></li>");
        }
    }
    html(r, "</ol></nav>");
}

void page_alert(struct req *r, enum alert_kind kind, const char *heading, const char *text)
{
    static const char *const open[] = {
        [ALERT_INFO] = "<div class=\"alert alert-info\" role=\"status\">",
        [ALERT_SUCCESS] = "<div class=\"alert alert-success\" role=\"status\">",
        [ALERT_WARNING] = "<div class=\"alert alert-warning\" role=\"alert\">",
        [ALERT_ERROR] = "<div class=\"alert alert-error\" role=\"alert\">",
    };
    html(r, open[kind]);
    html(r, "<div class=\"alert-body\">");
    if (heading) {
        html(r, "<p class=\"alert-heading\">");
        html_txt(r, heading);
        html(r, "</p>");
    }
    html(r, "<p class=\"alert-text\">");
    html_txt(r, text);
    html(r, "</p></div></div>");
}

void page_button(struct req *r, enum page p, long id1, long id2, const char *label)
{
    html(r, "<a class=\"button button-secondary\" href=\"");
    html_link(r, p, id1, id2);
    html(r, "\">");
    html_txt(r, label);
    html(r, "</a>");
}

void dl_row(struct req *r, const char *term, const char *value)
{
    html(r, "<dt>");
    html_txt(r, term);
    html(r, "</dt><dd>");
    html_txt(r, value && *value ? value : "–");
    html(r, "</dd>");
}

void table_begin(struct req *r, const char *caption, bool hidden, int ncols,
                 const char *const cols[])
{
    html(r, "<div class=\"table--responsive-scroll\"><table class=\"table table--compact\">");
    html(r, hidden ? "<caption class=\"sr-only\">" : "<caption>");
    html_txt(r, caption);
    html(r, "</caption><thead><tr>");
    for (int i = 0; i < ncols; i++) {
        html(r, "<th scope=\"col\">");
        html_txt(r, cols[i]);
        html(r, "</th>");
    }
    html(r, "</tr></thead><tbody>");
}

void table_end(struct req *r)
{
    html(r, "</tbody></table></div>");
}

void table_cell(struct req *r, const char *text)
{
    html(r, "<td>");
    html_txt(r, text && *text ? text : "–");
    html(r, "</td>");
}

void form_fieldset_open(struct req *r, const char *name, const char *legend, const char *error)
{
    html(r, error ? "<div class=\"form-group form-error\">" : "<div class=\"form-group\">");
    html(r, "<fieldset id=\"f-");
    html_attr(r, name);
    html(r, "\"><legend class=\"form-label\">");
    html_txt(r, legend);
    html(r, "</legend>");
    form_error(r, name, error);
}

void form_fieldset_close(struct req *r)
{
    html(r, "</fieldset></div>");
}
