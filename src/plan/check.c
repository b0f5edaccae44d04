/*
 * check.c — the independent plan checker (plan_check in plan.h).
 *
 * A separate code path from the solver's evaluator: it reads a solution
 * (omsorg-plan-solution/1 JSON), walks every route from the problem's data
 * alone and reports every violation — unknown ids, windows, skills, shift,
 * breaks, capacity, travel legs, double-staffed and sync timing, visits
 * missing or served twice — then recomputes the summary and compares it.
 * The report is a malloc'ed string (the caller frees it).
 */
#include "lib/strbuf.h"
#include "plan/model.h"

#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define TOL 1e-4

struct served {
    int n;          /* carers serving it */
    int carer[4];
    double start[4];
};

struct chk {
    const plan_problem *p;
    struct strbuf out;
    int nviol;
    struct served *sv;
    struct plan_summary sum;
    double tard_total;
};

static void viol(struct chk *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void viol(struct chk *c, const char *fmt, ...)
{
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    strbuf_adds(&c->out, line);
    strbuf_addch(&c->out, '\n');
    c->nviol++;
}

static int find_carer(const plan_problem *p, const char *id)
{
    for (int i = 0; i < p->n_carers; i++)
        if (!strcmp(p->carers[i].id, id))
            return i;
    return -1;
}

/* Visit ids are looked up by a sorted index built once per check. */
struct vidx {
    const char *id;
    int v;
};

static int cmp_vidx(const void *a, const void *b)
{
    return strcmp(((const struct vidx *)a)->id, ((const struct vidx *)b)->id);
}

static int find_visit(const struct vidx *ix, int n, const char *id)
{
    struct vidx key = {id, -1};
    const struct vidx *f = bsearch(&key, ix, (size_t)n, sizeof *ix, cmp_vidx);
    return f ? f->v : -1;
}

/* Is there a gap of at least `need` minutes between `from`, the listed
 * breaks [bs_i, bs_i + d_i] and `to`? (the travel leg goes in one gap) */
static int leg_fits(double from, const double *bs, const double *bd, int nb, double to, double need)
{
    double t = from;
    for (int i = 0; i < nb; i++) {
        if (bs[i] - t >= need - TOL)
            return 1;
        t = bs[i] + bd[i];
    }
    return to - t >= need - TOL;
}

static void check_route(struct chk *c, json_t *ro, size_t ri, const struct vidx *ix, int *route_of)
{
    const plan_problem *p = c->p;
    const char *cid = json_string_value(json_object_get(ro, "carer"));
    json_t *stops = json_object_get(ro, "stops"), *st;
    size_t si;
    int k = cid ? find_carer(p, cid) : -1;
    if (k < 0) {
        viol(c, "routes[%zu].carer: unknown carer \"%s\"", ri, cid ? cid : "(none)");
        return;
    }
    if (route_of[k] >= 0) {
        viol(c, "routes[%zu]: carer %s has a second route (first is routes[%d])", ri, cid,
             route_of[k]);
        return;
    }
    route_of[k] = (int)ri;
    if (!json_is_array(stops)) {
        viol(c, "routes[%zu].stops: expected an array", ri);
        return;
    }
    const struct pm_carer *ca = &p->carers[k];
    double free_at = ca->shift_from, load = 0, travel = 0;
    int loc = ca->start, nvis = 0;
    double bs[16], bd[16];
    int nb = 0;
    char *taken = calloc((size_t)ca->n_breaks + 1, 1);
    if (!taken)
        return;
    json_array_foreach(stops, si, st) {
        json_t *jv = json_object_get(st, "visit"), *jb = json_object_get(st, "break");
        json_t *js = json_object_get(st, "start");
        if (!json_is_number(js)) {
            viol(c, "routes[%zu].stops[%zu].start: expected a number", ri, si);
            continue;
        }
        double s = json_number_value(js);
        if (jb) {
            json_int_t b = json_is_integer(jb) ? json_integer_value(jb) : -1;
            if (b < 0 || b >= ca->n_breaks) {
                viol(c, "carer %s: stop %zu: no break %lld", cid, si, (long long)b);
                continue;
            }
            const struct pm_break *br = &ca->breaks[b];
            if (taken[b])
                viol(c, "carer %s: break %lld taken twice", cid, (long long)b);
            taken[b] = 1;
            if (s < br->from - TOL || s + br->dur > br->to + TOL)
                viol(c, "carer %s: break %lld at %.2f-%.2f is outside its window [%.2f, %.2f]", cid,
                     (long long)b, s, s + br->dur, br->from, br->to);
            double prev_end = nb ? bs[nb - 1] + bd[nb - 1] : free_at;
            if (s < prev_end - TOL)
                viol(c, "carer %s: break %lld starts at %.2f, before the carer is free (%.2f)", cid,
                     (long long)b, s, prev_end);
            if (nb < 16) {
                bs[nb] = s;
                bd[nb] = br->dur;
                nb++;
            }
            continue;
        }
        const char *vid = json_string_value(jv);
        int v = vid ? find_visit(ix, p->n_visits, vid) : -1;
        if (v < 0) {
            viol(c, "carer %s: stop %zu: unknown visit \"%s\"", cid, si, vid ? vid : "(none)");
            continue;
        }
        const struct pm_visit *x = &p->visits[v];
        nvis++;
        double leg = pm_travel(p, loc, x->loc);
        travel += leg;
        if (!leg_fits(free_at, bs, bd, nb, s, leg))
            viol(c, "carer %s: visit %s starts at %.2f, before the carer can arrive", cid, vid, s);
        nb = 0;
        if ((x->skills & ~ca->skills) != 0)
            viol(c, "carer %s: lacks a skill visit %s needs", cid, vid);
        double late = PM_INF;
        for (int w = 0; w < x->n_win; w++)
            if (s >= x->win[w].from - TOL) {
                double l = s - x->win[w].to;
                if (l < late)
                    late = l < 0 ? 0 : l;
            }
        if (late >= PM_INF / 2)
            viol(c, "carer %s: visit %s starts at %.2f, before its first window opens (%.2f)", cid,
                 vid, s, x->win[0].from);
        else if (late > TOL && !p->soft)
            viol(c, "carer %s: visit %s starts at %.2f, %.2f min after its window closes", cid, vid,
                 s, late);
        struct served *sv = &c->sv[v];
        for (int i = 0; i < sv->n && i < 4; i++)
            if (sv->carer[i] == k)
                viol(c, "carer %s: visit %s appears twice in the route", cid, vid);
        if (sv->n < 4) {
            sv->carer[sv->n] = k;
            sv->start[sv->n] = s;
        }
        sv->n++;
        if (sv->n == 1 && p->soft && late < PM_INF / 2 && late > 0) {
            c->tard_total += late;
            if (late > c->sum.max_tardiness)
                c->sum.max_tardiness = late;
        }
        /* preferences, assignment, team: per carer-visit pair */
        if (x->n_pref) {
            int ok = 0;
            for (int i = 0; i < x->n_pref; i++)
                ok |= x->pref[i] == k;
            c->sum.not_preferred += !ok;
        }
        if (x->n_assigned) {
            int ok = 0;
            for (int i = 0; i < x->n_assigned; i++)
                ok |= x->assigned[i] == k;
            c->sum.changed += !ok;
        }
        int outside = x->team >= 0 && ca->team >= 0 && x->team != ca->team;
        c->sum.team_mismatch += outside;
        json_t *flag = json_object_get(st, "outside_team");
        if (flag && json_is_true(flag) != outside)
            viol(c, "carer %s: visit %s is %s the carer's team, the plan says otherwise", cid, vid,
                 outside ? "outside" : "inside");
        load += x->demand;
        free_at = s + x->dur;
        loc = x->loc;
    }
    if (nvis > 0) {
        double leg = pm_travel(p, loc, ca->end);
        travel += leg;
        if (!leg_fits(free_at, bs, bd, nb, ca->shift_to, leg))
            viol(c, "carer %s: back at %s after the shift ends (%.2f)", cid, p->locs[ca->end].id,
                 ca->shift_to);
        for (int b = 0; b < ca->n_breaks; b++)
            if (!taken[b])
                viol(c, "carer %s: break %d not taken", cid, b);
        c->sum.carers_used++;
    } else if (nb)
        viol(c, "carer %s: breaks but no visits", cid);
    if (ca->capacity >= 0 && load > ca->capacity + TOL)
        viol(c, "carer %s: load %.2f exceeds capacity %.2f", cid, load, ca->capacity);
    c->sum.travel += travel;
    free(taken);
}

static void check_visits(struct chk *c, json_t *un, const struct vidx *ix)
{
    const plan_problem *p = c->p;
    char *left = calloc((size_t)p->n_visits + 1, 1);
    json_t *u;
    size_t ui;
    if (!left)
        return;
    if (un && !json_is_array(un))
        viol(c, "unassigned: expected an array");
    json_array_foreach(un, ui, u) {
        const char *id = json_string_value(u);
        int v = id ? find_visit(ix, p->n_visits, id) : -1;
        if (v < 0) {
            viol(c, "unassigned[%zu]: unknown visit", ui);
            continue;
        }
        if (left[v])
            viol(c, "unassigned: visit %s listed twice", id);
        left[v] = 1;
    }
    for (int v = 0; v < p->n_visits; v++) {
        const struct pm_visit *x = &p->visits[v];
        const struct served *sv = &c->sv[v];
        if (sv->n == 0) {
            if (!left[v])
                viol(c, "visit %s is missing: neither in a route nor unassigned", x->id);
            c->sum.unassigned++;
            c->sum.cost += x->optional ? p->w.unassigned : 10 * p->w.unassigned;
            continue;
        }
        if (left[v])
            viol(c, "visit %s is both served and listed as unassigned", x->id);
        if (sv->n != x->n_carers)
            viol(c, "visit %s is served by %d carers, needs %d", x->id, sv->n, x->n_carers);
        for (int i = 1; i < sv->n && i < 4; i++)
            if (fabs(sv->start[i] - sv->start[0]) > TOL)
                viol(c, "visit %s: its carers start at different times (%.2f and %.2f)", x->id,
                     sv->start[0], sv->start[i]);
        if (x->sync_with >= 0 && c->sv[x->sync_with].n > 0) {
            const struct served *o = &c->sv[x->sync_with];
            double gap = sv->start[0] - o->start[0];
            if (gap < x->sync_lo - TOL || gap > x->sync_hi + TOL)
                viol(c, "visit %s starts %.2f min after %s; sync needs [%.2f, %.2f]", x->id, gap,
                     p->visits[x->sync_with].id, x->sync_lo, x->sync_hi);
            for (int i = 0; i < sv->n && i < 4; i++)
                for (int j = 0; j < o->n && j < 4; j++)
                    if (sv->carer[i] == o->carer[j])
                        viol(c, "visits %s and %s are tied but both served by %s", x->id,
                             p->visits[x->sync_with].id, p->carers[sv->carer[i]].id);
        }
    }
    free(left);
}

static void compare(struct chk *c, json_t *sum)
{
    const struct plan_summary *m = &c->sum;
    struct {
        const char *key;
        double val;
    } f[] = {{"travel", m->travel},
             {"carers_used", m->carers_used},
             {"unassigned", m->unassigned},
             {"not_preferred", m->not_preferred},
             {"changed", m->changed},
             {"team_mismatch", m->team_mismatch},
             {"tardiness", m->tardiness},
             {"max_tardiness", m->max_tardiness},
             {"cost", m->cost}};
    if (!json_is_object(sum)) {
        viol(c, "summary: missing");
        return;
    }
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
        json_t *x = json_object_get(sum, f[i].key);
        if (!x) {
            if (i < 6 || i == 8 || (c->p->soft && i < 8))
                viol(c, "summary.%s: missing (recomputed %.2f)", f[i].key, f[i].val);
            continue;
        }
        if (!json_is_number(x) || fabs(json_number_value(x) - f[i].val) > 0.01)
            viol(c, "summary.%s: says %.4f, recomputed %.4f", f[i].key,
                 json_is_number(x) ? json_number_value(x) : NAN, f[i].val);
    }
}

int plan_check(const plan_problem *p, const char *solution_json, char **report,
               struct plan_summary *out)
{
    struct chk c;
    memset(&c, 0, sizeof c);
    c.p = p;
    strbuf_init(&c.out);
    json_error_t je;
    json_t *root = json_loads(solution_json, 0, &je), *routes, *ro;
    struct vidx *ix = NULL;
    int *route_of = NULL, rc = -1;
    size_t i;
    memset(out, 0, sizeof *out);
    if (!root) {
        strbuf_addf(&c.out, "solution: line %d, column %d: %s\n", je.line, je.column, je.text);
        goto out;
    }
    const char *fmt = json_string_value(json_object_get(root, "format"));
    if (!fmt || strcmp(fmt, "omsorg-plan-solution/1")) {
        strbuf_adds(&c.out, "format: expected \"omsorg-plan-solution/1\"\n");
        goto out;
    }
    routes = json_object_get(root, "routes");
    if (!json_is_array(routes)) {
        strbuf_adds(&c.out, "routes: expected an array\n");
        goto out;
    }
    c.sv = calloc((size_t)p->n_visits + 1, sizeof *c.sv);
    ix = malloc(((size_t)p->n_visits + 1) * sizeof *ix);
    route_of = malloc(((size_t)p->n_carers + 1) * sizeof *route_of);
    if (!c.sv || !ix || !route_of) {
        strbuf_adds(&c.out, "out of memory\n");
        goto out;
    }
    for (int v = 0; v < p->n_visits; v++)
        ix[v] = (struct vidx){p->visits[v].id, v};
    qsort(ix, (size_t)p->n_visits, sizeof *ix, cmp_vidx);
    for (int k = 0; k < p->n_carers; k++)
        route_of[k] = -1;
    json_array_foreach(routes, i, ro) {
        if (!json_is_object(ro)) {
            viol(&c, "routes[%zu]: expected an object", i);
            continue;
        }
        check_route(&c, ro, i, ix, route_of);
    }
    check_visits(&c, json_object_get(root, "unassigned"), ix);
    c.sum.tardiness = c.tard_total;
    const struct pm_weights *w = &p->w;
    c.sum.cost += w->carers_used * c.sum.carers_used + w->travel * c.sum.travel +
                  w->not_preferred * c.sum.not_preferred + w->changed * c.sum.changed +
                  w->team_mismatch * c.sum.team_mismatch + w->tardiness * c.sum.tardiness +
                  w->max_tardiness * c.sum.max_tardiness;
    c.sum.feasible = c.nviol == 0;
    compare(&c, json_object_get(root, "summary"));
    *out = c.sum;
    rc = c.nviol;
out:
    json_decref(root);
    free(c.sv);
    free(ix);
    free(route_of);
    if (c.out.oom) {
        strbuf_release(&c.out);
        *report = NULL;
    } else
        *report = strbuf_detach(&c.out, NULL);
    return rc;
}
