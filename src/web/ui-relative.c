/* ui-relative.c — add, edit and remove a citizen's relatives and network. */
#include "web/web.h"

#include <string.h>

static bool relative_allowed(struct req *r)
{
    if (!access_citizen_write(&r->actor)) {
        send_error(r, 403, "forbidden", "Din rolle må ikke ændre pårørende.");
        return false;
    }
    return citizen_read_allowed(r, r->ids[0], "relatives form");
}

static void relative_form(struct req *r, const struct relative *x, const struct validation *v)
{
    bool is_new = x->id == 0;
    const char *title = is_new ? "Tilføj pårørende eller netværk" : "Ret pårørende";
    page_begin(r, title);
    html(r, "<h1>");
    html_txt(r, title);
    html(r, "</h1>");
    form_error_summary(r, v);
    if (is_new)
        htmlf(r, "<form method=\"post\" action=\"/borgere/%ld/paaroerende/ny\" novalidate>",
              x->citizen_id);
    else
        htmlf(r, "<form method=\"post\" action=\"/borgere/%ld/paaroerende/%ld\" novalidate>",
              x->citizen_id, x->id);
    form_csrf(r);
    form_text(r, "name", "Navn", x->name, NULL, v, "text");
    form_text(r, "relation", "Relation", x->relation, "Fx datter, ægtefælle, nabo, ven", v,
              "text");
    form_text(r, "phone", "Telefon", x->phone, NULL, v, "tel");
    form_text(r, "email", "E-mail", x->email, NULL, v, "email");
    form_checkbox(r, "is_network", "Netværk (ikke familie), fx nabo, ven eller frivillig",
                  x->is_network);
    form_checkbox(r, "consent", "Borgeren giver samtykke til, at personen inddrages",
                  x->consent);
    form_textarea(r, "note", "Note", x->note, NULL, v);
    htmlf(r, "<button class=\"button button-primary\" type=\"submit\">Gem</button> "
             "<a class=\"button button-tertiary\" href=\"/borgere/%ld\">Annullér</a></form>",
          x->citizen_id);
    if (!is_new) {
        htmlf(r, "<form method=\"post\" action=\"/borgere/%ld/paaroerende/%ld/slet\" "
                 "class=\"mt-5\">",
              x->citizen_id, x->id);
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

/* Write with an audit row in one transaction. */
static enum store_rc relative_save(struct req *r, struct relative *x, int op)
{
    enum store_rc rc = store_begin(r->db);
    if (rc != STORE_OK)
        return rc;
    if (op == 0)
        rc = store_relative_add(r->db, x, &x->id);
    else if (op == 1)
        rc = store_relative_update(r->db, x);
    else
        rc = store_relative_delete(r->db, x->citizen_id, x->id);
    if (rc == STORE_OK)
        rc = store_audit_add(r->db, &r->actor, "relative", x->citizen_id,
                             op == 0 ? "added" : op == 1 ? "changed" : "removed");
    if (rc == STORE_OK)
        rc = store_commit(r->db);
    if (rc != STORE_OK)
        store_rollback(r->db);
    return rc;
}

void ui_relative_new(struct req *r)
{
    if (!relative_allowed(r))
        return;
    struct relative x = {.citizen_id = r->ids[0], .name = "", .relation = "", .phone = "",
                         .email = "", .note = ""};
    relative_form(r, &x, NULL);
}

static void relative_post(struct req *r, int op)
{
    if (!relative_allowed(r))
        return;
    struct relative x;
    struct validation v = {0};
    relative_from_form(r, &x);
    if (op != 2)
        relative_validate(&x, &v);
    if (v.count) {
        r->status = 422;
        relative_form(r, &x, &v);
        return;
    }
    enum store_rc rc = relative_save(r, &x, op);
    if (rc != STORE_OK) {
        send_store_error(r, rc);
        return;
    }
    redirect(r, arena_printf(&r->arena, "/borgere/%ld", x.citizen_id));
}

void ui_relative_create(struct req *r)
{
    relative_post(r, 0);
}

void ui_relative_update(struct req *r)
{
    relative_post(r, 1);
}

void ui_relative_delete(struct req *r)
{
    relative_post(r, 2);
}

void ui_relative_edit(struct req *r)
{
    if (!relative_allowed(r))
        return;
    struct relative x;
    enum store_rc rc = store_relative_get(r->db, &r->arena, r->ids[1], &x);
    if (rc == STORE_OK && x.citizen_id != r->ids[0])
        rc = STORE_NOT_FOUND;
    if (rc != STORE_OK) {
        send_store_error(r, rc);
        return;
    }
    relative_form(r, &x, NULL);
}
