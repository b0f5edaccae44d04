/* routes.c — the one table from method and path to handler. Pages are
 * Danish paths; the JSON API lives under /api/v1 (see docs/api.md). */
#include "web/web.h"

#include <string.h>

const struct route routes[] = {
    /* pages */
    {"GET", "/", ui_home, CAP_SIGNED_IN, 0},
    {"GET", "/login", ui_login_get, CAP_PUBLIC, 0},
    {"POST", "/login", ui_login_post, CAP_PUBLIC, ROUTE_NO_CSRF},
    {"POST", "/logout", ui_logout_post, CAP_SIGNED_IN, 0},
    {"GET", "/borgere", ui_citizen_search, CAP_CITIZENS, 0},
    {"GET", "/borgere/ny", ui_citizen_new, CAP_CITIZEN_WRITE, 0},
    {"POST", "/borgere/ny", ui_citizen_create, CAP_CITIZEN_WRITE, 0},
    {"GET", "/borgere/#", ui_citizen_show, CAP_CITIZENS, 0},
    {"GET", "/borgere/#/rediger", ui_citizen_edit, CAP_CITIZEN_WRITE, 0},
    {"POST", "/borgere/#/rediger", ui_citizen_update, CAP_CITIZEN_WRITE, 0},
    {"GET", "/borgere/#/paaroerende/ny", ui_relative_new, CAP_CITIZEN_WRITE, 0},
    {"POST", "/borgere/#/paaroerende/ny", ui_relative_create, CAP_CITIZEN_WRITE, 0},
    {"GET", "/borgere/#/paaroerende/#", ui_relative_edit, CAP_CITIZEN_WRITE, 0},
    {"POST", "/borgere/#/paaroerende/#", ui_relative_update, CAP_CITIZEN_WRITE, 0},
    {"POST", "/borgere/#/paaroerende/#/slet", ui_relative_delete, CAP_CITIZEN_WRITE, 0},
    {"GET", "/borgere/#/afgoerelser/ny", ui_grant_new, CAP_CITIZEN_WRITE, 0},
    {"POST", "/borgere/#/afgoerelser/ny", ui_grant_create, CAP_CITIZEN_WRITE, 0},
    {"GET", "/borgere/#/afgoerelser/#", ui_grant_show, CAP_CITIZENS, 0},
    {"POST", "/borgere/#/afgoerelser/#", ui_grant_update, CAP_CITIZEN_WRITE, 0},
    {"POST", "/borgere/#/afgoerelser/#/status", ui_grant_status, CAP_CITIZEN_WRITE, 0},
    {"GET", "/borgere/#/afgoerelser/#/brev", ui_grant_letter, CAP_CITIZENS, 0},
    {"GET", "/planlaegning", ui_plan_day, CAP_PLAN, 0},
    {"POST", "/planlaegning", ui_plan_run, CAP_PLAN, 0},
    {"GET", "/planlaegning/besoeg/#", ui_plan_move_form, CAP_PLAN, 0},
    {"POST", "/planlaegning/besoeg/#", ui_plan_move, CAP_PLAN, 0},
    {"POST", "/planlaegning/fravaer", ui_plan_absence, CAP_PLAN, 0},
    {"GET", "/rute", ui_route, CAP_ROUTE, 0},
    {"GET", "/teams", ui_teams, CAP_SIGNED_IN, 0},
    {"GET", "/admin/brugere", ui_admin_users, CAP_ADMIN, 0},
    {"GET", "/admin/brugere/ny", ui_admin_user_new, CAP_ADMIN, 0},
    {"POST", "/admin/brugere/ny", ui_admin_user_create, CAP_ADMIN, 0},
    {"GET", "/admin/brugere/#", ui_admin_user_edit, CAP_ADMIN, 0},
    {"POST", "/admin/brugere/#", ui_admin_user_update, CAP_ADMIN, 0},
    {"GET", "/admin/teams/ny", ui_admin_team_new, CAP_ADMIN, 0},
    {"POST", "/admin/teams/ny", ui_admin_team_create, CAP_ADMIN, 0},
    {"GET", "/admin/teams/#", ui_admin_team_edit, CAP_ADMIN, 0},
    {"POST", "/admin/teams/#", ui_admin_team_update, CAP_ADMIN, 0},
    /* JSON API */
    {"GET", "/healthz", api_healthz, CAP_PUBLIC, 0},
    {"POST", "/api/v1/login", api_login, CAP_PUBLIC, ROUTE_NO_CSRF},
    {"POST", "/api/v1/logout", api_logout, CAP_SIGNED_IN, 0},
    {"GET", "/api/v1/me", api_me, CAP_SIGNED_IN, 0},
    {"GET", "/api/v1/citizens", api_citizens_search, CAP_CITIZENS, 0},
    {"POST", "/api/v1/citizens", api_citizen_create, CAP_CITIZEN_WRITE, 0},
    {"GET", "/api/v1/citizens/#", api_citizen_get, CAP_CITIZENS, 0},
    {"PUT", "/api/v1/citizens/#", api_citizen_update, CAP_CITIZEN_WRITE, 0},
    {"GET", "/api/v1/citizens/#/access-log", api_citizen_access_log, CAP_CITIZENS, 0},
    {"POST", "/api/v1/citizens/#/relatives", api_relative_create, CAP_CITIZEN_WRITE, 0},
    {"PUT", "/api/v1/citizens/#/relatives/#", api_relative_update, CAP_CITIZEN_WRITE, 0},
    {"DELETE", "/api/v1/citizens/#/relatives/#", api_relative_delete, CAP_CITIZEN_WRITE, 0},
    {"GET", "/api/v1/citizens/#/grants", api_grants, CAP_CITIZENS, 0},
    {"POST", "/api/v1/citizens/#/grants", api_grant_create, CAP_CITIZEN_WRITE, 0},
    {"GET", "/api/v1/citizens/#/grants/#", api_grant_get, CAP_CITIZENS, 0},
    {"PUT", "/api/v1/citizens/#/grants/#", api_grant_update, CAP_CITIZEN_WRITE, 0},
    {"POST", "/api/v1/citizens/#/grants/#/status", api_grant_status, CAP_CITIZEN_WRITE, 0},
    {"GET", "/api/v1/citizens/#/grants/#/letter", api_grant_letter, CAP_CITIZENS, 0},
    {"GET", "/api/v1/plan", api_plan_get, CAP_PLAN, 0},
    {"POST", "/api/v1/plan", api_plan_run, CAP_PLAN, 0},
    {"PUT", "/api/v1/plan/visits/#", api_visit_move, CAP_PLAN, 0},
    {"POST", "/api/v1/plan/absences", api_absence, CAP_PLAN, 0},
    {"GET", "/api/v1/route", api_route, CAP_ROUTE, 0},
    {"GET", "/api/v1/teams", api_teams, CAP_SIGNED_IN, 0},
    {"GET", "/api/v1/users", api_users, CAP_ADMIN, 0},
    {"POST", "/api/v1/users", api_user_create, CAP_ADMIN, 0},
    {"PUT", "/api/v1/users/#", api_user_update, CAP_ADMIN, 0},
    /* FSIII assessments and goals (ui-assessment.c, api-assessment.c) */
    {"GET", "/borgere/#/vurdering/ny", ui_assessment_new, CAP_CITIZEN_WRITE, 0},
    {"POST", "/borgere/#/vurdering/ny", ui_assessment_create, CAP_CITIZEN_WRITE, 0},
    {"GET", "/borgere/#/vurdering/#", ui_assessment_show, CAP_CITIZENS, 0},
    {"GET", "/borgere/#/maal/ny", ui_goal_new, CAP_CITIZEN_WRITE, 0},
    {"POST", "/borgere/#/maal/ny", ui_goal_create, CAP_CITIZEN_WRITE, 0},
    {"GET", "/borgere/#/maal/#", ui_goal_show, CAP_CITIZEN_WRITE, 0},
    {"POST", "/borgere/#/maal/#", ui_goal_update, CAP_CITIZEN_WRITE, 0},
    {"GET", "/api/v1/fsiii", api_fsiii, CAP_SIGNED_IN, 0},
    {"GET", "/api/v1/citizens/#/assessments", api_assessments, CAP_CITIZENS, 0},
    {"POST", "/api/v1/citizens/#/assessments", api_assessment_create, CAP_CITIZEN_WRITE, 0},
    {"GET", "/api/v1/citizens/#/assessments/#", api_assessment_get, CAP_CITIZENS, 0},
    {"GET", "/api/v1/citizens/#/goals", api_goals, CAP_CITIZENS, 0},
    {"POST", "/api/v1/citizens/#/goals", api_goal_create, CAP_CITIZEN_WRITE, 0},
    {"PUT", "/api/v1/citizens/#/goals/#", api_goal_update, CAP_CITIZEN_WRITE, 0},
    /* preventive home visits (ui-prevention.c, api-prevention.c) */
    {"GET", "/forebyggelse", ui_prevention_list, CAP_PREVENTION, 0},
    {"GET", "/forebyggelse/#", ui_prevention_show, CAP_PREVENTION, 0},
    {"POST", "/forebyggelse/#/inviter", ui_prevention_invite, CAP_PREVENTION, 0},
    {"POST", "/forebyggelse/#/aftal", ui_prevention_book, CAP_PREVENTION, 0},
    {"POST", "/forebyggelse/#/udfald", ui_prevention_outcome, CAP_PREVENTION, 0},
    {"POST", "/forebyggelse/#/risiko", ui_prevention_risk, CAP_PREVENTION, 0},
    {"GET", "/forebyggelse/#/brev", ui_prevention_letter, CAP_PREVENTION, 0},
    {"GET", "/admin/forebyggelse", ui_prevention_settings, CAP_ADMIN, 0},
    {"POST", "/admin/forebyggelse", ui_prevention_settings_save, CAP_ADMIN, 0},
    {"GET", "/api/v1/prevention", api_prevention_list, CAP_PREVENTION, 0},
    {"GET", "/api/v1/prevention/settings", api_prevention_settings_get, CAP_PREVENTION_RULES, 0},
    {"PUT", "/api/v1/prevention/settings", api_prevention_settings_put, CAP_ADMIN, 0},
    {"GET", "/api/v1/prevention/#", api_prevention_get, CAP_PREVENTION, 0},
    {"GET", "/api/v1/prevention/#/letter", api_prevention_letter, CAP_PREVENTION, 0},
    {"POST", "/api/v1/prevention/#/invite", api_prevention_invite, CAP_PREVENTION, 0},
    {"POST", "/api/v1/prevention/#/book", api_prevention_book, CAP_PREVENTION, 0},
    {"POST", "/api/v1/prevention/#/outcome", api_prevention_outcome, CAP_PREVENTION, 0},
    {"PUT", "/api/v1/prevention/#/risk", api_prevention_risk_set, CAP_PREVENTION, 0},
    {"DELETE", "/api/v1/prevention/#/risk", api_prevention_risk_clear, CAP_PREVENTION, 0},
    /* daily practice: visits, triage, nutrition, tasks (ui-visit.c, ui-triage.c, api-care.c) */
    {"GET", "/besoeg/#", ui_visit_show, CAP_DOCUMENT, 0},
    {"POST", "/besoeg/#/tjek", ui_visit_check, CAP_DOCUMENT, 0},
    {"POST", "/besoeg/#/dokumentation", ui_visit_document, CAP_DOCUMENT, 0},
    {"GET", "/tavle", ui_board, CAP_BOARD, 0},
    {"GET", "/opgaver", ui_tasks, CAP_BOARD, 0},
    {"GET", "/borgere/#/triage", ui_triage_form, CAP_CITIZENS, 0},
    {"POST", "/borgere/#/triage", ui_triage_post, CAP_TRIAGE, 0},
    {"GET", "/borgere/#/ernaering", ui_nutrition_form, CAP_NUTRITION, 0},
    {"POST", "/borgere/#/ernaering", ui_nutrition_post, CAP_NUTRITION, 0},
    {"POST", "/api/v1/visits/#/checkin", api_visit_checkin, CAP_DOCUMENT, 0},
    {"POST", "/api/v1/visits/#/checkout", api_visit_checkout, CAP_DOCUMENT, 0},
    {"GET", "/api/v1/visits/#/documentation", api_visit_doc_get, CAP_DOCUMENT, 0},
    {"POST", "/api/v1/visits/#/documentation", api_visit_document, CAP_DOCUMENT, 0},
    {"GET", "/api/v1/citizens/#/observations", api_observations, CAP_CITIZENS, 0},
    {"POST", "/api/v1/citizens/#/observations", api_observation_create, CAP_DOCUMENT, 0},
    {"GET", "/api/v1/citizens/#/weights", api_weights, CAP_CITIZENS, 0},
    {"POST", "/api/v1/citizens/#/weights", api_weight_create, CAP_DOCUMENT, 0},
    {"GET", "/api/v1/citizens/#/triage", api_triage, CAP_CITIZENS, 0},
    {"POST", "/api/v1/citizens/#/triage", api_triage_decide, CAP_TRIAGE, 0},
    {"GET", "/api/v1/citizens/#/nutrition", api_nutrition, CAP_CITIZENS, 0},
    {"POST", "/api/v1/citizens/#/nutrition", api_nutrition_create, CAP_NUTRITION, 0},
    {"GET", "/api/v1/teams/#/board", api_board, CAP_BOARD, 0},
    {"GET", "/api/v1/tasks", api_tasks, CAP_BOARD, 0},
};

const int route_count = (int)(sizeof routes / sizeof routes[0]);

/* Match a path against a pattern where '#' stands for a positive integer. */
static bool route_match(const char *pattern, const char *path, long ids[3], int *nids)
{
    *nids = 0;
    while (*pattern && *path) {
        if (*pattern == '#') {
            if (*path < '1' || *path > '9')
                return false;
            long v = 0;
            while (*path >= '0' && *path <= '9') {
                if (v > 100000000000L)
                    return false;
                v = v * 10 + (*path++ - '0');
            }
            if (*nids < 3)
                ids[(*nids)++] = v;
            pattern++;
        } else if (*pattern++ != *path++) {
            return false;
        }
    }
    return *pattern == '\0' && *path == '\0';
}

const struct route *route_find(struct req *r, bool *path_known)
{
    const char *m = !strcmp(r->method, "HEAD") ? "GET" : r->method;
    *path_known = false;
    for (int i = 0; i < route_count; i++) {
        if (!route_match(routes[i].pattern, r->path, r->ids, &r->nids))
            continue;
        *path_known = true;
        if (!strcmp(routes[i].method, m))
            return &routes[i];
    }
    return NULL;
}

void route_run(struct req *r, const struct route *hit)
{
    if (!access_can(&r->actor, hit->cap)) {
        send_error(r, 403, "forbidden", access_denied_message(hit->cap));
        return;
    }
    app_init(&r->app, &r->actor, r->db, &r->arena);
    hit->handler(r);
}

bool route_allowed(const struct actor *a, const char *path)
{
    long ids[3];
    int n;
    for (int i = 0; i < route_count; i++)
        if (!strcmp(routes[i].method, "GET") && route_match(routes[i].pattern, path, ids, &n))
            return access_can(a, routes[i].cap);
    return false;
}
