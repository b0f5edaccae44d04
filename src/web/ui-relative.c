/* ui-relative.c — add, edit and remove a citizen's relatives and network. */
#include "web/web.h"

#include <string.h>

#include "app/citizen.h"

static void relative_form(struct req *r, const struct relative *x, const struct validation *v)
{
    bool is_new = x->id == 0;
    const char *title = is_new ? "Tilføj pårørende eller netværk" : "Ret pårørende";
    page_begin(r, title);
    html(r, "<h1>");
    html_txt(r, title);
    html(r, "</h1>");
    form_error_summary(r, v);
    html(r, "<form method=\"post\" action=\"");
    html_link(r, is_new ? PAGE_RELATIVE_NEW : PAGE_RELATIVE, x->citizen_id, x->id);
    html(r, "\" novalidate>");
    form_csrf(r);
    form_text(r, "name", "Navn", x->name, NULL, v, "text");
    form_text(r, "relation", "Relation", x->relation, "Fx datter, ægtefælle, nabo, ven", v, "text");
    form_text(r, "phone", "Telefon", x->phone, NULL, v, "tel");
    form_text(r, "email", "E-mail", x->email, NULL, v, "email");
    form_checkbox(r, "is_network", "Netværk (ikke familie), fx nabo, ven eller frivillig",
                  x->is_network);
    form_checkbox(r, "consent", "Borgeren giver samtykke til, at personen inddrages", x->consent);
    form_textarea(r, "note", "Note", x->note, NULL, v);
    html(r, "<button class=\"button button-primary\" type=\"submit\">Gem</button> "
            "<a class=\"button button-tertiary\" href=\"");
    html_link(r, PAGE_CITIZEN, x->citizen_id, 0);
    html(r, "\">Annullér</a></form>");
    if (!is_new) {
        html(r, "<form method=\"post\" action=\"");
        html_link(r, PAGE_RELATIVE_DELETE, x->citizen_id, x->id);
        html(r, "\" class=\"mt-5\">");
        form_csrf(r);
        html(r, "<button class=\"button button-secondary\" type=\"submit\">Fjern personen"
                "</button></form>");
    }
    page_end(r);
}

static void relative_from_form(struct req *r, struct relative *x)
{
    memset(x, 0, sizeof *x);
    x->citizen_id = r->ids[0];
    x->id = r->nids > 1 ? r->ids[1] : 0;
    x->name = req_form(r, "name");
    x->relation = req_form(r, "relation");
    x->phone = req_form(r, "phone");
    x->email = req_form(r, "email");
    x->consent = req_form(r, "consent") != NULL;
    x->is_network = req_form(r, "is_network") != NULL;
    x->note = req_form(r, "note");
}

void ui_relative_new(struct req *r)
{
    if (app_citizen_open(&r->app, r->ids[0], CAP_CITIZEN_WRITE, "relatives form", NULL) != APP_OK) {
        send_app_error(r);
        return;
    }
    struct relative x = {
        .citizen_id = r->ids[0], .name = "", .relation = "", .phone = "", .email = "", .note = ""};
    relative_form(r, &x, NULL);
}

void ui_relative_edit(struct req *r)
{
    struct relative x;
    if (app_relative_get(&r->app, r->ids[0], r->ids[1], &x) != APP_OK) {
        send_app_error(r);
        return;
    }
    relative_form(r, &x, NULL);
}

/* The outcome of a posted form: back to the record, the form with its
 * errors, or the error page. */
static void relative_done(struct req *r, enum app_rc rc, const struct relative *x)
{
    if (rc == APP_OK) {
        redirect(r, link_to(r, PAGE_CITIZEN, x->citizen_id, 0));
    } else if (rc == APP_INVALID && r->app.errors.count) {
        r->status = 422;
        relative_form(r, x, &r->app.errors);
    } else {
        send_app_error(r);
    }
}

void ui_relative_create(struct req *r)
{
    struct relative x;
    relative_from_form(r, &x);
    relative_done(r, app_relative_add(&r->app, &x), &x);
}

void ui_relative_update(struct req *r)
{
    struct relative x;
    relative_from_form(r, &x);
    relative_done(r, app_relative_change(&r->app, &x), &x);
}

void ui_relative_delete(struct req *r)
{
    struct relative x;
    relative_from_form(r, &x);
    relative_done(r, app_relative_remove(&r->app, x.citizen_id, x.id), &x);
}
