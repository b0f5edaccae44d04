/* plan.c — planning use cases; see plan.h. */
#include "app/plan.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "plan/plan.h"

static double seconds_since(struct timespec t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
}

/* Append k elements of size from src to the arena array *dst of *n. */
static bool append(struct arena *ar, void *dst, int *n, const void *src, int k, size_t size)
{
    void **d = dst;
    char *grown = arena_alloc(ar, size * (size_t)(*n + k + 1));
    if (!grown)
        return false;
    if (*n)
        memcpy(grown, *d, size * (size_t)*n);
    if (k)
        memcpy(grown + size * (size_t)*n, src, size * (size_t)k);
    *d = grown;
    *n += k;
    return true;
}

static bool has_carer(const struct user *staff, int n, long id)
{
    for (int i = 0; id && i < n; i++)
        if (staff[i].id == id)
            return true;
    return false;
}

/* Read what the teams' day is planned from: for each team its staff,
 * absences, grants, last 14 days and contact persons; the day's plan in
 * force for these teams and any other team's visits on their carers.
 * extra (may be NULL) is an absence not yet saved, counted as if it were. */
static enum store_rc day_load(struct app *a, struct date day, const long *team_ids, int nteams,
                              minute_t keep_before, bool ignore_history,
                              const struct absence *extra, struct day_model *m)
{
    struct day_input in = {.day = day, .keep_before = keep_before};
    struct team *teams = arena_alloc(a->arena, sizeof *teams * (size_t)(nteams + 1));
    struct user *staff = NULL;
    struct active_grant *grants = NULL;
    struct absence *abs = NULL;
    struct carer_history *hist = NULL, *contacts = NULL;
    enum store_rc rc = teams ? STORE_OK : STORE_ERROR;
    for (int t = 0; rc == STORE_OK && t < nteams; t++) {
        struct user *s;
        struct active_grant *g;
        struct absence *x;
        struct carer_history *h = NULL, *c = NULL;
        int ns, ng, nx, nh = 0, nc = 0;
        long id = team_ids[t];
        if ((rc = store_team_get(a->db, a->arena, id, &teams[t])) != STORE_OK ||
            (rc = store_user_list(a->db, a->arena, id, &s, &ns)) != STORE_OK ||
            (rc = store_absences(a->db, a->arena, day, id, &x, &nx)) != STORE_OK ||
            (rc = store_grants_active(a->db, a->arena, id, day, &g, &ng)) != STORE_OK)
            break;
        if (!ignore_history &&
            ((rc = store_plan_history(a->db, a->arena, id, date_add_days(day, -14), day, &h,
                                      &nh)) != STORE_OK ||
             (rc = store_team_contacts(a->db, a->arena, id, &c, &nc)) != STORE_OK))
            break;
        if (!append(a->arena, &staff, &in.nstaff, s, ns, sizeof *s) ||
            !append(a->arena, &grants, &in.ngrants, g, ng, sizeof *g) ||
            !append(a->arena, &abs, &in.nabsences, x, nx, sizeof *x) ||
            !append(a->arena, &hist, &in.nhist, h, nh, sizeof *h) ||
            !append(a->arena, &contacts, &in.ncontacts, c, nc, sizeof *c))
            rc = STORE_ERROR;
    }
    if (rc != STORE_OK)
        return rc;
    /* the day's plan: these teams' visits, and other teams' on their carers */
    struct plan_visit *day_plan, *in_force = NULL;
    int nday;
    if ((rc = store_plan_day(a->db, a->arena, day, 0, 0, &day_plan, &nday)) != STORE_OK)
        return rc;
    for (int i = 0; i < nday; i++) {
        bool ours = false;
        for (int t = 0; t < nteams && !ours; t++)
            ours = day_plan[i].team_id == team_ids[t];
        if ((ours || has_carer(staff, in.nstaff, day_plan[i].carer_ids[0]) ||
             has_carer(staff, in.nstaff, day_plan[i].carer_ids[1])) &&
            !append(a->arena, &in_force, &in.nin_force, &day_plan[i], 1, sizeof *day_plan))
            return STORE_ERROR;
    }
    if (extra) {
        struct absence *all = arena_alloc(a->arena, sizeof *all * (size_t)(in.nabsences + 1));
        if (!all)
            return STORE_ERROR;
        int n = 0;
        for (int i = 0; i < in.nabsences; i++)
            if (abs[i].user_id != extra->user_id) /* the new absence replaces an earlier one */
                all[n++] = abs[i];
        all[n++] = *extra;
        abs = all;
        in.nabsences = n;
    }
    in.teams = teams;
    in.nteams = nteams;
    in.staff = staff;
    in.grants = grants;
    in.in_force = in_force;
    in.absences = abs;
    in.hist = hist;
    in.contacts = contacts;
    return planday_model(a->arena, &in, m) ? STORE_OK : STORE_ERROR;
}

/* Run the engine on the model: plan rows and figures (in the arena). */
static enum app_rc day_solve(struct app *a, const struct day_model *m, const struct plan_effort *e,
                             struct plan_visit **rows, struct planday_result *res, char **problem,
                             char **solution_out)
{
    char perr[256];
    enum app_rc rc = APP_ERROR;
    plan_problem *p = NULL;
    plan_solver *solver = NULL;
    char *solution = NULL, *text = planday_problem_json(m);
    if (!text || !(p = plan_problem_parse(text, strlen(text), perr, sizeof perr))) {
        app_fail(a, APP_ERROR, "internal", "Planlægningsopgaven kunne ikke bygges.");
        goto out;
    }
    if (!(solver = plan_solver_new(p))) {
        app_fail(a, APP_ERROR, "internal", "Planlægningen løb tør for hukommelse.");
        goto out;
    }
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    plan_solver_set_seed(solver, e->seed);
    if (e->iterations > 0)
        plan_solver_set_iterations(solver, e->iterations);
    plan_solver_set_time_limit(solver, e->time_limit > 0 ? e->time_limit : 5.0);
    *rows = arena_alloc(a->arena, sizeof **rows * (size_t)(m->nvisits + 1));
    if (!*rows || plan_solver_run(solver) != 0 || !(solution = plan_solver_solution_json(solver)) ||
        planday_apply(m, solution, *rows, res) != 0) {
        app_fail(a, APP_ERROR, "internal", "Planlægningen løb tør for hukommelse.");
        goto out;
    }
    res->seconds = seconds_since(t0);
    rc = APP_OK;
out:
    if (problem) {
        *problem = text;
        text = NULL;
    }
    if (solution_out) {
        *solution_out = solution;
        solution = NULL;
    }
    free(text);
    free(solution);
    plan_solver_free(solver);
    plan_problem_free(p);
    return rc;
}

/* Load, solve and save the teams' day (each team's rows and figures);
 * extra is a new absence saved with it. res (may be NULL) gets one result
 * per team, in team_ids' order. */
static enum app_rc day_plan(struct app *a, struct date day, const long *team_ids, int nteams,
                            minute_t keep_before, const struct absence *extra,
                            const struct plan_effort *e, struct planday_result *res, char **problem,
                            char **solution)
{
    struct day_model m;
    struct plan_visit *rows;
    struct planday_result all;
    enum store_rc src =
        day_load(a, day, team_ids, nteams, keep_before, e->ignore_history, extra, &m);
    if (src == STORE_NOT_FOUND)
        return app_fail(a, APP_NOT_FOUND, "not_found", "Teamet findes ikke.");
    if (src != STORE_OK)
        return app_store_fail(a, src);
    memset(&all, 0, sizeof all);
    enum app_rc rc = day_solve(a, &m, e, &rows, &all, problem, solution);
    if (rc != APP_OK)
        return rc;
    /* each team's own rows, without the other teams' visits kept as they were */
    struct plan_visit *mine = arena_alloc(a->arena, sizeof *mine * (size_t)(m.nvisits + 1));
    src = mine ? store_begin(a->db) : STORE_ERROR;
    if (src == STORE_OK && extra)
        src = store_absence_set(a->db, extra->user_id, day, extra->from, extra->reason,
                                a->actor->user_id);
    for (int t = 0; src == STORE_OK && t < nteams; t++) {
        int n = 0;
        for (int i = 0; i < m.nvisits; i++)
            if (!m.visits[i].foreign && m.visits[i].team_id == team_ids[t])
                mine[n++] = rows[i];
        struct planday_result r = {.travel = all.travel, .seconds = all.seconds};
        planday_figures(&m, rows, team_ids[t], &r);
        if (nteams > 1)
            r.travel = 0; /* the joint plan's travel is not one team's */
        struct plan_run_figures f = {r.seconds,     r.travel,         r.visits,  r.unassigned,
                                     r.known_carer, r.outside_window, r.borrowed};
        if ((src = store_plan_save(a->db, day, team_ids[t], mine, n)) == STORE_OK)
            src = store_plan_run_add(a->db, day, team_ids[t], a->actor->user_id, &f);
        if (res)
            res[t] = r;
    }
    return app_finish(a, src);
}

enum app_rc app_plan_day(struct app *a, struct date day, long team_id, const struct plan_effort *e,
                         struct planday_result *res, char **problem, char **solution)
{
    enum app_rc rc = app_require(a, CAP_PLAN);
    if (rc != APP_OK)
        return rc;
    return day_plan(a, day, &team_id, 1, 0, NULL, e, res, problem, solution);
}

enum app_rc app_plan_teams(struct app *a, struct date day, const long *team_ids, int nteams,
                           const struct plan_effort *e, struct planday_result *res, char **problem,
                           char **solution)
{
    enum app_rc rc = app_require(a, CAP_PLAN);
    if (rc != APP_OK)
        return rc;
    if (nteams < 1)
        return app_fail(a, APP_NOT_FOUND, "not_found", "Der er ingen teams at planlægge.");
    return day_plan(a, day, team_ids, nteams, 0, NULL, e, res, problem, solution);
}

enum app_rc app_plan_absence(struct app *a, const struct absence_input *in,
                             const struct plan_effort *e, long *team_id, struct planday_result *res)
{
    enum app_rc rc = app_require(a, CAP_PLAN);
    if (rc != APP_OK)
        return rc;
    struct user u;
    if (in->user_id <= 0 || store_user_get(a->db, a->arena, in->user_id, &u) != STORE_OK ||
        u.team_id <= 0 || (*team_id > 0 && u.team_id != *team_id))
        validation_add(&a->errors, "user_id", "Vælg en medarbejder fra teamet.");
    if (in->from < 0)
        validation_add(&a->errors, "from", "Skriv tidspunktet som TT:MM, fx 07:00.");
    check_text(&a->errors, "reason", in->reason, false, 200, false);
    if (a->errors.count)
        return app_invalid(a);
    *team_id = u.team_id;
    struct absence extra = {u.id, u.full_name, in->from, in->reason ? in->reason : ""};
    return day_plan(a, in->day, &u.team_id, 1, in->from, &extra, e, res, NULL, NULL);
}

enum app_rc app_plan_move(struct app *a, const struct move_input *in, struct plan_visit *out)
{
    enum app_rc rc = app_require(a, CAP_PLAN);
    if (rc != APP_OK)
        return rc;
    struct plan_visit v, *day;
    int n;
    enum store_rc src = store_plan_visit_get(a->db, a->arena, in->visit_id, &v);
    if (src != STORE_OK)
        return app_store_fail(a, src);
    struct user carers[2];
    if (in->ncarers < 1 || in->ncarers > 2)
        validation_add(&a->errors, "carer_ids", "Vælg én eller to medarbejdere.");
    for (int k = 0; k < in->ncarers && k < 2; k++)
        if (in->carer_ids[k] <= 0 ||
            store_user_get(a->db, a->arena, in->carer_ids[k], &carers[k]) != STORE_OK ||
            carers[k].team_id != v.team_id)
            validation_add(&a->errors, "carer_ids", "Vælg medarbejdere fra borgerens team.");
    if (in->start < 0)
        validation_add(&a->errors, "start", "Skriv starttidspunktet som TT:MM, fx 08:30.");
    if (a->errors.count)
        return app_fail(a, APP_INVALID, "move_refused", a->errors.errors[0].message);
    if ((src = store_plan_day(a->db, a->arena, v.day, v.team_id, 0, &day, &n)) != STORE_OK)
        return app_store_fail(a, src);
    const char *why =
        planday_move_check(&v, carers, in->ncarers, in->start, date_weekday(v.day), day, n);
    if (why) {
        validation_add(&a->errors, "start", why);
        return app_fail(a, APP_INVALID, "move_refused", why);
    }
    long ids[2] = {carers[0].id, in->ncarers > 1 ? carers[1].id : 0};
    src = store_begin(a->db);
    if (src == STORE_OK)
        src = store_plan_visit_move(a->db, v.id, ids, in->start);
    if ((rc = app_finish(a, src)) != APP_OK)
        return rc;
    return app_store_fail(a, store_plan_visit_get(a->db, a->arena, v.id, out));
}

enum app_rc app_plan_visit(struct app *a, long visit_id, struct plan_visit *out)
{
    enum app_rc rc = app_require(a, CAP_PLAN);
    if (rc != APP_OK)
        return rc;
    return app_store_fail(a, store_plan_visit_get(a->db, a->arena, visit_id, out));
}

enum app_rc app_plan_view(struct app *a, struct date day, long team_id, struct plan_visit **out,
                          int *n, struct plan_run_figures *fig, bool *planned)
{
    enum app_rc rc = app_require(a, CAP_PLAN);
    if (rc != APP_OK)
        return rc;
    enum store_rc src = team_id > 0 ? store_plan_board(a->db, a->arena, day, team_id, out, n)
                                    : store_plan_day(a->db, a->arena, day, 0, 0, out, n);
    if (src != STORE_OK)
        return app_store_fail(a, src);
    memset(fig, 0, sizeof *fig);
    src = team_id > 0 ? store_plan_run_last(a->db, day, team_id, fig) : STORE_NOT_FOUND;
    *planned = src == STORE_OK;
    return src == STORE_OK || src == STORE_NOT_FOUND ? APP_OK : app_store_fail(a, src);
}

enum app_rc app_route(struct app *a, struct date day, struct plan_visit **out, int *n)
{
    enum app_rc rc = app_require(a, CAP_ROUTE);
    if (rc != APP_OK)
        return rc;
    enum store_rc src = store_plan_day(a->db, a->arena, day, 0, a->actor->user_id, out, n);
    if (src != STORE_OK)
        return app_store_fail(a, src);
    /* The route shows record data: each citizen's read is logged first. */
    for (int i = 0; i < *n; i++)
        if ((rc = app_citizen_open(a, (*out)[i].citizen_id, CAP_CITIZENS, "route", NULL)) != APP_OK)
            return rc;
    return APP_OK;
}

enum app_rc app_plan_demand(struct app *a, struct date from, int days, long team_id, long *visits)
{
    *visits = 0;
    for (int k = 0; k < days; k++) {
        struct arena scratch = ARENA_INIT; /* one day's grants at a time */
        struct active_grant *grants;
        int n;
        struct date day = date_add_days(from, k);
        enum store_rc src = store_grants_active(a->db, &scratch, team_id, day, &grants, &n);
        if (src == STORE_OK)
            *visits += planday_demand(grants, n, day);
        arena_release(&scratch);
        if (src != STORE_OK)
            return app_store_fail(a, src);
    }
    return APP_OK;
}
