/*
 * solver.c — the plan_solver handle (plan.h): limits, callbacks, the run,
 * and the solution writer (omsorg-plan-solution/1 through jansson).
 */
#include "plan/search.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

plan_solver *plan_solver_new(const plan_problem *p)
{
    plan_solver *S = calloc(1, sizeof *S);
    if (!S)
        return NULL;
    S->p = p;
    S->seed = 1;
    return S;
}

void plan_solver_free(plan_solver *S)
{
    if (!S)
        return;
    sol_free(&S->cur);
    sol_free(&S->cand);
    sol_free(&S->best);
    sol_free(&S->first);
    sol_free(&S->keep);
    sol_free(&S->snap);
    free(S->dsave);
    free(S->snap_seen);
    free(S->removed);
    free(S->gstamp);
    free(S->rstamp);
    free(S->rorder);
    free(S->absence);
    free(S->key);
    free(S->cand_r);
    free(S->cand_i);
    free(S->cand_c);
    free(S->ls_touched);
    free(S);
}

void plan_solver_set_seed(plan_solver *S, unsigned long seed)
{
    S->seed = seed;
}
void plan_solver_set_iterations(plan_solver *S, long it)
{
    S->max_iter = it > 0 ? it : 0;
}
void plan_solver_set_time_limit(plan_solver *S, double sec)
{
    S->time_limit = sec > 0 ? sec : 0;
}

void plan_solver_set_stop(plan_solver *S, plan_stop_fn fn, void *user)
{
    S->stop = fn;
    S->stop_user = user;
}

void plan_solver_set_progress(plan_solver *S, plan_progress_fn fn, void *user)
{
    S->progress = fn;
    S->progress_user = user;
}

int plan_solver_run(plan_solver *S)
{
    const plan_problem *p = S->p;
    size_t ng = (size_t)p->n_groups + 1, nr = (size_t)p->n_carers + 1;
    if (S->ran)
        return -1;
    S->ran = 1;
    S->t0 = plan_now();
    S->told = PM_INF;
    S->rng = (uint64_t)S->seed * 0x2545f4914f6cdd1dull + 12345;
    if (!S->max_iter && !S->time_limit && !S->stop)
        S->time_limit = 10;
    S->removed = malloc(ng * sizeof *S->removed);
    S->gstamp = calloc(ng, sizeof *S->gstamp);
    S->rstamp = calloc(nr, sizeof *S->rstamp);
    S->rorder = calloc(nr, sizeof *S->rorder);
    S->absence = calloc(ng, sizeof *S->absence);
    S->key = malloc(2 * ng * sizeof *S->key);
    S->cand_r = malloc(8 * sizeof(int));
    S->cand_i = malloc(8 * sizeof(int));
    S->cand_c = malloc(8 * sizeof(double));
    S->ls_touched = calloc(nr, 1);
    S->dsave = calloc(nr, 1);
    S->snap_seen = calloc(nr, sizeof *S->snap_seen);
    if (!S->ls_touched || !S->dsave || !S->snap_seen || !S->removed || !S->gstamp || !S->rstamp ||
        !S->rorder || !S->absence || !S->key || !S->cand_r || !S->cand_i || !S->cand_c)
        return -1;
    if (sol_init(&S->cur, p) || sol_init(&S->cand, p) || sol_init(&S->best, p) ||
        (!p->plain && sol_init(&S->snap, p)))
        return -1;
    if (search_construct(S) || search_improve(S) || search_local(S, &S->best) ||
        search_local_tied(S, &S->best))
        return -1;
    /* final full evaluation of the best plan */
    if (sol_retime_final(&S->best, &S->cand))
        return -1;
    S->seconds = plan_now() - S->t0;
    return 0;
}

void plan_solver_summary(const plan_solver *S, struct plan_summary *out)
{
    sol_summary(&S->best, out);
}

double plan_solver_seconds_to_first(const plan_solver *S)
{
    return S->first_feasible;
}
long plan_solver_iterations_done(const plan_solver *S)
{
    return S->iter;
}

static json_t *jnum(double x)
{
    /* round to 1e-6 to keep files readable and stable */
    return json_real((double)llround(x * 1e6) / 1e6);
}

char *plan_solver_solution_json(const plan_solver *S)
{
    const plan_problem *p = S->p;
    const struct sol *s = &S->best;
    struct plan_summary sm;
    json_t *root = json_object(), *routes = json_array(), *un = json_array(), *why = json_object(),
           *code = json_object();
    char *out = NULL;
    if (!root || !routes || !un || !why || !code)
        goto out;
    sol_summary(s, &sm);
    json_object_set_new(root, "format", json_string("omsorg-plan-solution/1"));
    json_object_set_new(root, "problem", json_string(p->name));
    for (int r = 0; r < s->n_routes; r++) {
        const struct route *R = &s->r[r];
        const struct pm_carer *c = &p->carers[r];
        if (!R->n)
            continue;
        json_t *ro = json_object(), *stops = json_array();
        json_object_set_new(ro, "carer", json_string(c->id));
        for (int i = 0; i <= R->n; i++) {
            for (int k = 0; k < c->n_breaks; k++)
                if (R->bpos[k] == i) {
                    json_t *b = json_object();
                    json_object_set_new(b, "break", json_integer(k));
                    json_object_set_new(b, "start", jnum(R->bst[k]));
                    json_array_append_new(stops, b);
                }
            if (i == R->n)
                break;
            json_t *st = json_object();
            const struct pm_visit *x = &p->visits[p->tasks[R->seq[i]].visit];
            json_object_set_new(st, "visit", json_string(x->id));
            json_object_set_new(st, "start", jnum(R->start[i]));
            if (x->team >= 0 && c->team >= 0 && x->team != c->team)
                json_object_set_new(st, "outside_team", json_true());
            json_array_append_new(stops, st);
        }
        json_object_set_new(ro, "stops", stops);
        json_array_append_new(routes, ro);
    }
    for (int v = 0; v < p->n_visits; v++)
        if (s->rt[p->visits[v].task0] < 0) {
            json_array_append_new(un, json_string(p->visits[v].id));
            json_object_set_new(why, p->visits[v].id,
                                json_string(p->visits[v].why_unservable
                                                ? p->visits[v].why_unservable
                                                : "no feasible place found in the time given"));
            json_object_set_new(code, p->visits[v].id, json_string(p->visits[v].why_code));
        }
    json_object_set_new(root, "routes", routes);
    json_object_set_new(root, "unassigned", un);
    json_object_set_new(root, "unassigned_reasons", why);
    json_object_set_new(root, "unassigned_codes", code);
    routes = un = why = code = NULL;
    json_t *su = json_object();
    json_object_set_new(su, "travel", jnum(sm.travel));
    json_object_set_new(su, "carers_used", json_integer(sm.carers_used));
    json_object_set_new(su, "unassigned", json_integer(sm.unassigned));
    json_object_set_new(su, "not_preferred", json_integer(sm.not_preferred));
    json_object_set_new(su, "changed", json_integer(sm.changed));
    json_object_set_new(su, "team_mismatch", json_integer(sm.team_mismatch));
    if (p->soft) {
        json_object_set_new(su, "tardiness", jnum(sm.tardiness));
        json_object_set_new(su, "max_tardiness", jnum(sm.max_tardiness));
    }
    json_object_set_new(su, "cost", jnum(sm.cost));
    json_object_set_new(root, "summary", su);
    json_t *so = json_object();
    json_object_set_new(so, "seconds", jnum(S->seconds));
    json_object_set_new(so, "seed", json_integer((json_int_t)S->seed));
    json_object_set_new(so, "iterations", json_integer(S->iter));
    json_object_set_new(root, "solver", so);
    out = json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12));
out:
    json_decref(root);
    json_decref(routes);
    json_decref(un);
    json_decref(why);
    json_decref(code);
    return out;
}
