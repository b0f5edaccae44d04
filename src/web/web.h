/*
 * web.h — the web layer's request, the route table and the helpers that
 * handlers use to read input and write output.
 *
 * Lifecycle (libmicrohttpd): the first callback allocates a struct req and
 * keeps it in *req_cls; upload callbacks append to req->body (bounded); the
 * final callback authenticates, dispatches to one route handler and queues
 * the response; the completed callback frees everything. Handlers allocate
 * from req->arena and never free one by one.
 */
#ifndef OMSORG_WEB_H
#define OMSORG_WEB_H

#include <jansson.h>
#include <stdbool.h>

#include "app/app.h"
#include "core/access.h"
#include "core/date.h"
#include "core/validate.h"
#include "lib/arena.h"
#include "lib/strbuf.h"
#include "store/store.h"

#define BODY_LIMIT      (256 * 1024) /* larger bodies get 413 */
#define SESSION_COOKIE  "omsorg_session"

struct server;
struct MHD_Connection;

struct form_field {
    const char *name;
    const char *value;
};

struct req {
    struct arena arena;
    struct MHD_Connection *conn;
    struct server *srv;
    struct store *db; /* borrowed from the server's pool for this request */
    const char *method;
    const char *path;
    const char *client; /* remote address as text */
    bool is_api;        /* path under /api/: JSON in and out */

    struct strbuf body;
    bool body_too_large;

    /* Session: set when a valid session cookie came with the request. */
    bool authed;
    struct actor actor;
    const char *csrf;
    const char *session_digest;

    /* The use-case context (actor, store, arena), set up before the handler. */
    struct app app;

    long ids[3]; /* numeric path parameters, in order */
    int nids;

    struct form_field *form; /* parsed application/x-www-form-urlencoded body */
    int nform;
    struct form_field *args; /* query arguments when there is no connection (tests) */
    int nargs;
    json_t *json; /* parsed JSON body (owned; released at the end) */

    /* Response */
    unsigned status;
    struct strbuf out;
    const char *content_type;
    const char *location;
    const char *cookies[2];
    int ncookies;
    const char *static_file; /* serve this file instead of out */
};

typedef void (*handler_fn)(struct req *r);

enum route_flags {
    ROUTE_NO_CSRF = 1, /* state-changing but before a session exists (log-in) */
};

/* One line of the route table (routes.c): method and path to a handler,
 * and the capability the actor must hold (checked before the handler runs;
 * the use case then checks the team). */
struct route {
    const char *method;
    const char *pattern; /* "/borgere/#" — '#' matches a positive integer */
    handler_fn handler;
    enum cap cap;
    unsigned flags;
};

extern const struct route routes[];
extern const int route_count;

/* The route for r->method and r->path (HEAD as GET), with r->ids filled;
 * NULL when none. *path_known tells 405 from 404. */
const struct route *route_find(struct req *r, bool *path_known);
/* Check the route's capability (403 with the table's Danish reason), set up
 * r->app and run the handler. The caller has loaded the session. */
void route_run(struct req *r, const struct route *hit);
/* May the actor open GET path (a menu item, a link)? By the route table. */
bool route_allowed(const struct actor *a, const char *path);

/* --- input ------------------------------------------------------------- */
/* A query-string argument, NULL when absent. */
const char *req_arg(struct req *r, const char *name);
/* A form field of the body, NULL when absent. */
const char *req_form(struct req *r, const char *name);
/* Parse application/x-www-form-urlencoded text into r->form. False on
 * malformed encoding. */
bool form_parse(struct arena *a, const char *body, size_t len, struct form_field **out, int *n);
/* Percent-decode in place ('+' → space); false on a bad escape. */
bool url_decode(char *s);
const char *req_header(struct req *r, const char *name);
/* A positive id from text; 0 for empty/absent, -1 for anything malformed. */
long parse_id(const char *s);

/* JSON bodies. require_object() sends 400 unless the body is a JSON object.
 * The member readers read one member of object o; absent and null mean "not
 * given"; a member of the wrong type records a Danish field error named key
 * in v (so "reason": 5 is an error, never silently absent). */
bool require_object(struct req *r);
/* Text (NULL when not given); embedded NUL bytes are an error. */
const char *member_text(json_t *o, const char *key, struct validation *v);
/* Text, "" when not given. */
const char *member_text0(json_t *o, const char *key, struct validation *v);
bool member_bool(json_t *o, const char *key, bool fallback, struct validation *v);
/* A positive integer id: 0 when not given, -1 (and an error) when wrong. */
long member_id(json_t *o, const char *key, struct validation *v);
/* An integer in [min, max]; fallback when not given or wrong. */
long member_int(json_t *o, const char *key, long fallback, long min, long max,
                struct validation *v);
/* "HH:MM": MINUTE_NONE when not given, -2 (and an error) when malformed. */
minute_t member_minute(json_t *o, const char *key, struct validation *v);
/* "YYYY-MM-DD" into *d: false when not given (d untouched) or wrong. */
bool member_date(json_t *o, const char *key, struct date *d, struct validation *v);
/* An array of at most max elements: NULL when not given or wrong. */
json_t *member_array(json_t *o, const char *key, size_t max, struct validation *v);
/* An object: NULL when not given or wrong. */
json_t *member_object(json_t *o, const char *key, struct validation *v);
/* The errors found reading element i of an array member (collected in
 * item) into v, named "array[i].field", e.g. "services[2].duration". */
void nest_errors(struct validation *v, const struct validation *item, const char *array, int i);

/* --- output ------------------------------------------------------------ */
/* Raw HTML: only string literals and values escaped by the functions below. */
void html(struct req *r, const char *literal);
/* Text content, escaped (& < > " '). */
void html_txt(struct req *r, const char *s);
/* An attribute value, escaped the same way; the caller writes the quotes. */
void html_attr(struct req *r, const char *s);
/* A URL query argument, percent-encoded. */
void html_url_arg(struct req *r, const char *s);
/* Formatted output for numbers and trusted literals only (never user text). */
void htmlf(struct req *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Send a JSON value (takes the reference). */
void send_json(struct req *r, unsigned status, json_t *v);
/* An error, as JSON {"error":{"code","message"}} for the API, or an HTML
 * error page with the status for pages. message is Danish. */
void send_error(struct req *r, unsigned status, const char *code, const char *message);
/* 422 with field errors. */
void send_validation(struct req *r, const struct validation *v);
/* 303 See Other to a path (after a successful form post). */
void redirect(struct req *r, const char *path);
/* The error code and status for a store result other than STORE_OK. */
void send_store_error(struct req *r, enum store_rc rc);
/* The HTTP status of a use case's outcome (422, 403, 404, 409, 500, 503). */
unsigned app_status(enum app_rc rc);
/* Send the failed use case's outcome (r->app): code, Danish message and,
 * in the API, the field errors. */
void send_app_error(struct req *r);

/* --- links (links.c): every page path is built here ---------------------- */
enum page {
    PAGE_HOME,
    PAGE_LOGIN,
    PAGE_LOGOUT,
    PAGE_CITIZENS,
    PAGE_CITIZEN_NEW,
    PAGE_CITIZEN,
    PAGE_CITIZEN_EDIT,
    PAGE_RELATIVE_NEW,
    PAGE_RELATIVE,
    PAGE_RELATIVE_DELETE,
    PAGE_GRANT_NEW,
    PAGE_GRANT,
    PAGE_GRANT_STATUS,
    PAGE_GRANT_LETTER,
    PAGE_ASSESSMENT_NEW,
    PAGE_ASSESSMENT,
    PAGE_GOAL_NEW,
    PAGE_GOAL,
    PAGE_TRIAGE,
    PAGE_NUTRITION,
    PAGE_PLAN,
    PAGE_PLAN_MOVE,
    PAGE_PLAN_ABSENCE,
    PAGE_ROUTE,
    PAGE_VISIT,
    PAGE_VISIT_CHECK,
    PAGE_VISIT_DOCUMENT,
    PAGE_BOARD,
    PAGE_TASKS,
    PAGE_PREVENTION,
    PAGE_PREVENTION_CITIZEN,
    PAGE_PREVENTION_INVITE,
    PAGE_PREVENTION_BOOK,
    PAGE_PREVENTION_OUTCOME,
    PAGE_PREVENTION_RISK,
    PAGE_PREVENTION_LETTER,
    PAGE_PREVENTION_RULES,
    PAGE_TEAMS,
    PAGE_ADMIN_USERS,
    PAGE_ADMIN_USER_NEW,
    PAGE_ADMIN_USER,
    PAGE_ADMIN_TEAM_NEW,
    PAGE_ADMIN_TEAM,
    PAGE_COUNT
};
/* The path pattern of a page, as in the route table ("/borgere/#"). */
const char *page_pattern(enum page p);
/* The path of page p with its '#'s filled by id1 and id2 in order (arena). */
const char *link_to(struct req *r, enum page p, long id1, long id2);
/* Write link_to() as an attribute value (inside quotes the caller writes). */
void html_link(struct req *r, enum page p, long id1, long id2);

/* --- pages (ui-layout.c) ---------------------------------------------- */
/* Open a page: doctype, head, DKFDS header with navigation, <main>. */
void page_begin(struct req *r, const char *title);
void page_end(struct req *r);
/* Hidden CSRF field for forms. */
void form_csrf(struct req *r);
/* A labelled text input (DKFDS form-group) with its error beside it. */
void form_text(struct req *r, const char *name, const char *label, const char *value,
               const char *hint, const struct validation *v, const char *type);
void form_textarea(struct req *r, const char *name, const char *label, const char *value,
                   const char *hint, const struct validation *v);
void form_checkbox(struct req *r, const char *name, const char *label, bool checked);
/* A labelled select (DKFDS form-group) with its error: open, options, close. */
void form_select_open(struct req *r, const char *name, const char *label, const char *error);
void form_option(struct req *r, const char *value, const char *label, bool selected);
void form_select_close(struct req *r);
/* A group of radios or checkboxes under one legend, with its error beside
 * it (id "f-<name>", which the error summary links to): open … close. */
void form_fieldset_open(struct req *r, const char *name, const char *legend, const char *error);
void form_fieldset_close(struct req *r);
/* The error message of field name (id "f-<name>-error"); nothing when NULL. */
void form_error(struct req *r, const char *name, const char *error);
/* An error summary at the top of a form when v has errors. */
void form_error_summary(struct req *r, const struct validation *v);
/* Breadcrumbs: n crumbs, the last one is this page (its href is ignored). */
struct crumb {
    const char *label;
    const char *href;
};
void page_breadcrumbs(struct req *r, const struct crumb *c, int n);
/* A DKFDS alert. heading may be NULL; text is escaped. Success and info are
 * announced politely (role=status), warnings and errors at once (role=alert). */
enum alert_kind { ALERT_INFO, ALERT_SUCCESS, ALERT_WARNING, ALERT_ERROR };
void page_alert(struct req *r, enum alert_kind kind, const char *heading, const char *text);
/* One term and its value (escaped; "–" when empty) of a description list. */
void dl_row(struct req *r, const char *term, const char *value);
/* A link to page p that looks like a secondary button. */
void page_button(struct req *r, enum page p, long id1, long id2, const char *label);
/* Open a DKFDS table in its scroll box with a caption (for screen readers
 * only when hidden) and ncols column headings; rows follow, table_end()
 * closes it. table_cell() writes one cell of escaped text, "–" when empty. */
void table_begin(struct req *r, const char *caption, bool hidden, int ncols,
                 const char *const cols[]);
void table_end(struct req *r);
void table_cell(struct req *r, const char *text);

/* --- sessions (session.c) ---------------------------------------------- */
/* Load the session from the cookie; sets r->authed and r->actor. */
void session_load(struct req *r);
/* Check the CSRF token (header X-CSRF-Token or form field csrf). */
bool csrf_ok(struct req *r);
/* Verify credentials with throttling, create a session and set the cookie.
 * Returns 0 on success, else the HTTP status to answer with (401, 429, 500);
 * *message gets the Danish reason. */
unsigned session_login(struct req *r, const char *username, const char *password,
                       const char **message);
void session_logout(struct req *r);

/* --- handlers ---------------------------------------------------------- */
void ui_login_get(struct req *r);
void ui_login_post(struct req *r);
void ui_logout_post(struct req *r);
void ui_home(struct req *r);
void ui_citizen_search(struct req *r);
void ui_citizen_show(struct req *r);
void ui_citizen_new(struct req *r);
void ui_citizen_create(struct req *r);
void ui_citizen_edit(struct req *r);
void ui_citizen_update(struct req *r);
void ui_relative_new(struct req *r);
void ui_relative_create(struct req *r);
void ui_relative_edit(struct req *r);
void ui_relative_update(struct req *r);
void ui_relative_delete(struct req *r);
void ui_teams(struct req *r);
void ui_admin_users(struct req *r);
void ui_admin_user_new(struct req *r);
void ui_admin_user_create(struct req *r);
void ui_admin_user_edit(struct req *r);
void ui_admin_user_update(struct req *r);
void ui_admin_team_new(struct req *r);
void ui_admin_team_create(struct req *r);
void ui_admin_team_edit(struct req *r);
void ui_admin_team_update(struct req *r);

void ui_grant_new(struct req *r);
void ui_grant_create(struct req *r);
void ui_grant_show(struct req *r);
void ui_grant_update(struct req *r);
void ui_grant_status(struct req *r);
void ui_grant_letter(struct req *r);
/* The grants section of the citizen's record page. */
void grant_section(struct req *r, const struct citizen *c);
void ui_plan_day(struct req *r);
void ui_plan_run(struct req *r);
void ui_plan_move_form(struct req *r);
void ui_plan_move(struct req *r);
void ui_plan_absence(struct req *r);
void ui_route(struct req *r);

void api_healthz(struct req *r);
void api_login(struct req *r);
void api_logout(struct req *r);
void api_me(struct req *r);
void api_citizens_search(struct req *r);
void api_citizen_get(struct req *r);
void api_citizen_create(struct req *r);
void api_citizen_update(struct req *r);
void api_citizen_access_log(struct req *r);
void api_relative_create(struct req *r);
void api_relative_update(struct req *r);
void api_relative_delete(struct req *r);
void api_teams(struct req *r);
void api_users(struct req *r);
void api_user_create(struct req *r);
void api_user_update(struct req *r);
void api_grants(struct req *r);
void api_grant_create(struct req *r);
void api_grant_get(struct req *r);
void api_grant_update(struct req *r);
void api_grant_status(struct req *r);
void api_grant_letter(struct req *r);
void api_plan_get(struct req *r);
void api_plan_run(struct req *r);
void api_visit_move(struct req *r);
void api_absence(struct req *r);
void api_route(struct req *r);

/* --- FSIII assessments and goals (ui-assessment.c, api-assessment.c) ---- */
/* The record page's "Funktionsevne og mål" section (the caller has checked
 * and logged the read). */
void assessment_section(struct req *r, const struct citizen *c);
void ui_assessment_new(struct req *r);
void ui_assessment_create(struct req *r);
void ui_assessment_show(struct req *r);
void ui_goal_new(struct req *r);
void ui_goal_create(struct req *r);
void ui_goal_show(struct req *r);
void ui_goal_update(struct req *r);
void api_fsiii(struct req *r);
void api_assessments(struct req *r);
void api_assessment_create(struct req *r);
void api_assessment_get(struct req *r);
void api_goals(struct req *r);
void api_goal_create(struct req *r);
void api_goal_update(struct req *r);

/* --- preventive home visits (ui-prevention.c, api-prevention.c) -------- */
void ui_prevention_list(struct req *r);
void ui_prevention_show(struct req *r);
void ui_prevention_invite(struct req *r);
void ui_prevention_book(struct req *r);
void ui_prevention_outcome(struct req *r);
void ui_prevention_risk(struct req *r);
void ui_prevention_letter(struct req *r);
void ui_prevention_settings(struct req *r);
void ui_prevention_settings_save(struct req *r);
void api_prevention_list(struct req *r);
void api_prevention_get(struct req *r);
void api_prevention_letter(struct req *r);
void api_prevention_invite(struct req *r);
void api_prevention_book(struct req *r);
void api_prevention_outcome(struct req *r);
void api_prevention_risk_set(struct req *r);
void api_prevention_risk_clear(struct req *r);
void api_prevention_settings_get(struct req *r);
void api_prevention_settings_put(struct req *r);

/* --- daily practice: visits, triage, nutrition, tasks (ui-visit.c,
 * ui-triage.c, api-care.c) ------------------------------------------------ */
/* The record page's "Observationer, triage og ernæring" section (the page
 * has logged the read). */
void care_section(struct req *r, const struct citizen *c);
void ui_visit_show(struct req *r);
void ui_visit_check(struct req *r);
void ui_visit_document(struct req *r);
void ui_board(struct req *r);
void ui_tasks(struct req *r);
void ui_triage_form(struct req *r);
void ui_triage_post(struct req *r);
void ui_nutrition_form(struct req *r);
void ui_nutrition_post(struct req *r);
void api_visit_checkin(struct req *r);
void api_visit_checkout(struct req *r);
void api_visit_doc_get(struct req *r);
void api_visit_document(struct req *r);
void api_observations(struct req *r);
void api_observation_create(struct req *r);
void api_weights(struct req *r);
void api_weight_create(struct req *r);
void api_triage(struct req *r);
void api_triage_decide(struct req *r);
void api_nutrition(struct req *r);
void api_nutrition_create(struct req *r);
void api_board(struct req *r);
void api_tasks(struct req *r);

/* --- server (server.c) ------------------------------------------------- */
struct server_config {
    const char *db_path;
    const char *static_dir;
    const char *bind; /* address to listen on, "127.0.0.1" by default */
    int port;
    int threads;
};
/* Run until SIGINT/SIGTERM. Returns a process exit code. */
int server_run(const struct server_config *cfg);
const char *server_static_dir(const struct server *srv);

#endif
