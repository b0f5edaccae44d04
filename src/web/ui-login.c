/* ui-login.c — the log-in page, log-out, and the front page. */
#include "web/web.h"

#include <string.h>

static void login_page(struct req *r, const char *username, const char *error)
{
    page_begin(r, "Log ind");
    html(r, "<div class=\"row\"><div class=\"col-12 col-md-8 col-lg-6\"><h1>Log ind</h1>");
    if (error) {
        html(r, "<div class=\"alert alert-error\" role=\"alert\"><svg class=\"icon-svg "
                "alert-icon\" role=\"img\" aria-label=\"Fejl\" focusable=\"false\"><use "
                "href=\"/static/dkfds/img/all-svg-icons.svg#error\"></use></svg>"
                "<div class=\"alert-body\"><p class=\"alert-text\">");
        html_txt(r, error);
        html(r, "</p></div></div>");
    }
    html(r, "<form method=\"post\" action=\"/login\">");
    form_text(r, "username", "Brugernavn", username, NULL, NULL, "text");
    form_text(r, "password", "Adgangskode", "", NULL, NULL, "password");
    html(r, "<button class=\"button button-primary\" type=\"submit\">Log ind</button></form>"
            "</div></div>");
    page_end(r);
}

void ui_login_get(struct req *r)
{
    if (r->authed) {
        redirect(r, "/");
        return;
    }
    login_page(r, "", NULL);
}

void ui_login_post(struct req *r)
{
    const char *username = req_form(r, "username");
    const char *message;
    unsigned status = session_login(r, username, req_form(r, "password"), &message);
    if (status == 0) {
        redirect(r, "/");
        return;
    }
    r->status = status;
    login_page(r, username && strlen(username) <= 64 ? username : "", message);
}

void ui_logout_post(struct req *r)
{
    session_logout(r);
    redirect(r, "/login");
}

void ui_home(struct req *r)
{
    if (access_can(&r->actor, CAP_CITIZENS))
        redirect(r, link_to(r, PAGE_CITIZENS, 0, 0));
    else if (access_can(&r->actor, CAP_ADMIN))
        redirect(r, link_to(r, PAGE_ADMIN_USERS, 0, 0));
    else
        redirect(r, link_to(r, PAGE_TEAMS, 0, 0));
}
