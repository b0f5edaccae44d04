/* model.c — the problem model: allocation, travel times, derived data. */
#include "plan/model.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A new empty problem with default weights; the caller owns it. */
plan_problem *pm_new(void)
{
    plan_problem *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->name = "";
    p->speed_kmh = 25;
    p->detour = 1.3;
    p->w.unassigned = 100000;
    p->w.carers_used = 0;
    p->w.travel = 1;
    p->w.not_preferred = 10;
    p->w.changed = 20;
    p->w.team_mismatch = 50;
    p->skills = arena_alloc(&p->arena, PM_MAX_SKILLS * sizeof *p->skills);
    if (!p->skills) {
        free(p);
        return NULL;
    }
    return p;
}

/* Free the problem and everything in its arena. */
void plan_problem_free(plan_problem *p)
{
    if (!p)
        return;
    arena_release(&p->arena);
    free(p->teams);
    free(p);
}

int pm_skill(plan_problem *p, const char *name)
{
    for (int i = 0; i < p->n_skills; i++)
        if (!strcmp(p->skills[i], name))
            return i;
    if (p->n_skills >= PM_MAX_SKILLS)
        return -1;
    p->skills[p->n_skills] = arena_strdup(&p->arena, name);
    return p->skills[p->n_skills] ? p->n_skills++ : -1;
}

/* Teams are few; the name table is malloc'ed (freed with the problem). */
int pm_team(plan_problem *p, const char *name)
{
    for (int i = 0; i < p->n_teams; i++)
        if (!strcmp(p->teams[i], name))
            return i;
    const char **t = realloc(p->teams, (size_t)(p->n_teams + 1) * sizeof *t);
    if (!t)
        return -1;
    p->teams = t;
    t[p->n_teams] = arena_strdup(&p->arena, name);
    return t[p->n_teams] ? p->n_teams++ : -1;
}

void pm_loc_geo(struct pm_loc *l)
{
    l->rlat = l->lat * M_PI / 180;
    l->rlon = l->lon * M_PI / 180;
    l->cl = cos(l->rlat);
}

double pm_travel_geo(const struct pm_loc *x, const struct pm_loc *y, double detour,
                     double speed_kmh)
{
    double dlat = y->rlat - x->rlat, dlon = y->rlon - x->rlon;
    double h = sin(dlat / 2) * sin(dlat / 2) + x->cl * y->cl * sin(dlon / 2) * sin(dlon / 2);
    double km = 2 * 6371.0 * asin(sqrt(h < 1 ? h : 1));
    return km * detour / speed_kmh * 60.0;
}

static double travel_raw(const plan_problem *p, int a, int b)
{
    const struct pm_loc *x = &p->locs[a], *y = &p->locs[b];
    if (a == b)
        return 0;
    if (p->metric == PM_EUCLIDEAN)
        return sqrt((x->x - y->x) * (x->x - y->x) + (x->y - y->y) * (x->y - y->y));
    return pm_travel_geo(x, y, p->detour, p->speed_kmh);
}

double pm_travel_raw(const plan_problem *p, int a, int b) { return travel_raw(p, a, b); }

static int cmp_window(const void *a, const void *b)
{
    const struct pm_window *x = a, *y = b;
    return (x->from > y->from) - (x->from < y->from);
}

static int cmp_break(const void *a, const void *b)
{
    const struct pm_break *x = a, *y = b;
    return (x->from > y->from) - (x->from < y->from);
}

/* Could carer c serve visit v at all, time-wise (shift, windows, travel)? */
static bool carer_reaches(const plan_problem *p, int c, int v)
{
    const struct pm_carer *k = &p->carers[c];
    const struct pm_visit *x = &p->visits[v];
    double arr = k->shift_from + pm_travel(p, k->start, x->loc);
    for (int i = 0; i < x->n_win; i++) {
        double s = arr > x->win[i].from ? arr : x->win[i].from;
        if (!p->soft && s > x->win[i].to + 1e-9)
            continue;
        if (s + x->dur + pm_travel(p, x->loc, k->end) <= k->shift_to + 1e-9)
            return true;
    }
    return false;
}

/* Why visit v cannot be served at all (why_unservable, with its code), and
 * the code of a servable visit the search leaves out: "team" when too few
 * carers of its own team could take it (so only a borrowed carer could),
 * else "window" (no room in its windows). */
static void set_unservable(plan_problem *p)
{
    for (int v = 0; v < p->n_visits; v++) {
        struct pm_visit *x = &p->visits[v];
        int skilled = 0, timely = 0, roomy = 0, own = 0;
        for (int c = 0; c < p->n_carers; c++) {
            if (!pm_carer_can(p, c, v))
                continue;
            skilled++;
            if (!carer_reaches(p, c, v))
                continue;
            timely++;
            own += x->team >= 0 && p->carers[c].team == x->team;
            if (p->carers[c].capacity < 0 || x->demand <= p->carers[c].capacity + 1e-9)
                roomy++;
        }
        x->n_capable = timely;
        x->why_code = x->team >= 0 && own < x->n_carers ? "team" : "window";
        if (skilled < x->n_carers)
            x->why_code = "skill";
        else if (timely < x->n_carers)
            x->why_code = "shift";
        else if (roomy < x->n_carers)
            x->why_code = "capacity";
        if (skilled == 0)
            x->why_unservable = "no carer has the required skills";
        else if (skilled < x->n_carers)
            x->why_unservable = "fewer carers with the required skills than the visit needs";
        else if (timely < x->n_carers)
            x->why_unservable = "no window fits inside the shift of a qualified carer";
        else if (roomy < x->n_carers)
            x->why_unservable = "demand exceeds every qualified carer's capacity";
    }
}

/* Union-find root with path halving. */
static int uf_find(int *par, int i)
{
    while (par[i] != i) {
        par[i] = par[par[i]];
        i = par[i];
    }
    return i;
}

static int build_groups(plan_problem *p)
{
    int n = p->n_visits;
    int *par = malloc((size_t)(n ? n : 1) * sizeof *par);
    int *cnt = calloc((size_t)n + 1, sizeof *cnt);
    int rc = -1;
    if (!par || !cnt)
        goto out;
    for (int i = 0; i < n; i++)
        par[i] = i;
    for (int i = 0; i < n; i++)
        if (p->visits[i].sync_with >= 0)
            par[uf_find(par, i)] = uf_find(par, p->visits[i].sync_with);
    /* number the roots in visit order */
    int *id = cnt; /* reuse: id[root] = group + 1 */
    p->n_groups = 0;
    for (int i = 0; i < n; i++) {
        int r = uf_find(par, i);
        if (!id[r])
            id[r] = ++p->n_groups;
        p->visits[i].group = id[r] - 1;
    }
    p->group_off = arena_alloc(&p->arena, (size_t)(p->n_groups + 1) * sizeof(int));
    p->group_vis = arena_alloc(&p->arena, (size_t)(n ? n : 1) * sizeof(int));
    if (!p->group_off || !p->group_vis)
        goto out;
    for (int i = 0; i < n; i++)
        p->group_off[p->visits[i].group + 1]++;
    for (int g = 0; g < p->n_groups; g++)
        p->group_off[g + 1] += p->group_off[g];
    int *fill = par; /* reuse */
    for (int g = 0; g < p->n_groups; g++)
        fill[g] = p->group_off[g];
    for (int i = 0; i < n; i++)
        p->group_vis[fill[p->visits[i].group]++] = i;
    rc = 0;
out:
    free(par);
    free(cnt);
    return rc;
}

/* Minutes between the windows of two tasks (0 if one can follow the other
 * at once): the time part of relatedness for neighbour lists. */
static double time_gap(const plan_problem *p, int t, int u)
{
    const struct pm_visit *a = &p->visits[p->tasks[t].visit], *b = &p->visits[p->tasks[u].visit];
    double a0 = a->win[0].from, a1 = a->win[a->n_win - 1].to;
    double b0 = b->win[0].from, b1 = b->win[b->n_win - 1].to;
    double g1 = b0 - (a1 + a->dur), g2 = a0 - (b1 + b->dur);
    double g = g1 > g2 ? g1 : g2;
    return g > 0 ? g : 0;
}

static int build_near(plan_problem *p)
{
    int n = p->n_tasks;
    p->n_near = n - 1 < 40 ? n - 1 : 40;
    if (p->n_near <= 0) {
        p->n_near = 0;
        return 0;
    }
    p->near = arena_alloc(&p->arena, (size_t)n * (size_t)p->n_near * sizeof(int));
    double *d = malloc((size_t)p->n_near * sizeof *d);
    if (!p->near || !d) {
        free(d);
        return -1;
    }
    for (int t = 0; t < n; t++) {
        int *nb = &p->near[(size_t)t * (size_t)p->n_near];
        int k = 0;
        for (int u = 0; u < n; u++) {
            if (u == t)
                continue;
            double x = pm_travel(p, p->tasks[t].loc, p->tasks[u].loc) +
                       pm_travel(p, p->tasks[u].loc, p->tasks[t].loc) + time_gap(p, t, u);
            if (k == p->n_near && x >= d[k - 1])
                continue;
            int j = k < p->n_near ? k++ : k - 1;
            while (j > 0 && d[j - 1] > x) {
                d[j] = d[j - 1];
                nb[j] = nb[j - 1];
                j--;
            }
            d[j] = x;
            nb[j] = u;
        }
    }
    free(d);
    return 0;
}

int pm_finalize(plan_problem *p, char *err, size_t errlen)
{
    struct arena *a = &p->arena;
    for (int i = 0; i < p->n_locs; i++)
        pm_loc_geo(&p->locs[i]);
    p->soft = p->w.tardiness > 0 || p->w.max_tardiness > 0;
    if (p->metric != PM_MATRIX && p->n_locs <= 1500 && p->n_locs > 0) {
        size_t n = (size_t)p->n_locs;
        p->matrix = arena_alloc(a, n * n * sizeof(double));
        if (!p->matrix)
            goto oom;
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < n; j++)
                p->matrix[i * n + j] = travel_raw(p, (int)i, (int)j);
    }
    if (p->matrix) {
        size_t n = (size_t)p->n_locs;
        p->symmetric = true;
        for (size_t i = 0; i < n && p->symmetric; i++)
            for (size_t j = 0; j < i; j++)
                if (p->matrix[i * n + j] != p->matrix[j * n + i]) {
                    p->symmetric = false;
                    break;
                }
    }
    for (int c = 0; c < p->n_carers; c++) {
        struct pm_carer *k = &p->carers[c];
        if (k->n_breaks > 1)
            qsort(k->breaks, (size_t)k->n_breaks, sizeof *k->breaks, cmp_break);
        if (k->capacity >= 0)
            p->has_capacity = true;
        if (k->n_breaks)
            p->has_breaks = true;
    }
    int nt = 0, ne = 0;
    for (int v = 0; v < p->n_visits; v++) {
        struct pm_visit *x = &p->visits[v];
        if (x->n_win > 1)
            qsort(x->win, (size_t)x->n_win, sizeof *x->win, cmp_window);
        x->task0 = nt;
        nt += x->n_carers;
        ne += x->n_carers - 1 +
              (x->sync_with >= 0 ? x->n_carers * p->visits[x->sync_with].n_carers : 0);
    }
    p->n_tasks = nt;
    p->tasks = arena_alloc(a, (size_t)(nt ? nt : 1) * sizeof *p->tasks);
    p->edges = arena_alloc(a, (size_t)(ne ? ne : 1) * sizeof *p->edges);
    p->tedge_off = arena_alloc(a, (size_t)(nt + 1) * sizeof(int));
    p->tedge = arena_alloc(a, (size_t)(2 * ne + 1) * sizeof(int));
    if (!p->tasks || !p->edges || !p->tedge_off || !p->tedge)
        goto oom;
    for (int v = 0; v < p->n_visits; v++) {
        struct pm_visit *x = &p->visits[v];
        for (int s = 0; s < x->n_carers; s++) {
            struct pm_task *t = &p->tasks[x->task0 + s];
            t->visit = v;
            t->slot = s;
            t->loc = x->loc;
            t->dur = x->dur;
            t->demand = x->demand;
            if (s > 0)
                p->edges[p->n_edges++] = (struct pm_edge){x->task0 + s, x->task0, 0, 0};
        }
        if (x->sync_with >= 0) {
            /* Tied visits are served by different carers: every carer of x
             * differs from every carer of its partner. A visit's carers all
             * start together, so the gap holds for each pair. */
            const struct pm_visit *y = &p->visits[x->sync_with];
            for (int s = 0; s < x->n_carers; s++)
                for (int t = 0; t < y->n_carers; t++)
                    p->edges[p->n_edges++] = (struct pm_edge){x->task0 + s, y->task0 + t,
                                                              x->sync_lo, x->sync_hi};
        }
    }
    p->has_sync = p->n_edges > 0;
    for (int e = 0; e < p->n_edges; e++) {
        p->tedge_off[p->edges[e].a + 1]++;
        p->tedge_off[p->edges[e].b + 1]++;
    }
    for (int t = 0; t < nt; t++)
        p->tedge_off[t + 1] += p->tedge_off[t];
    {
        int *fill = malloc((size_t)(nt ? nt : 1) * sizeof *fill);
        if (!fill)
            goto oom;
        memcpy(fill, p->tedge_off, (size_t)nt * sizeof *fill);
        for (int e = 0; e < p->n_edges; e++) {
            p->tedge[fill[p->edges[e].a]++] = e;
            p->tedge[fill[p->edges[e].b]++] = e;
        }
        free(fill);
    }
    if (build_groups(p) || build_near(p))
        goto oom;
    /* horizon: latest window end or shift start, plus every duration and a
     * longest leg per task (legs bounded through location 0) */
    {
        double late = 0, legs = 0, durs = 0;
        for (int c = 0; c < p->n_carers; c++)
            if (p->carers[c].shift_from > late)
                late = p->carers[c].shift_from;
        for (int v = 0; v < p->n_visits; v++) {
            const struct pm_visit *x = &p->visits[v];
            if (x->win[x->n_win - 1].to > late)
                late = x->win[x->n_win - 1].to;
        }
        for (int l = 0; l < p->n_locs; l++) {
            double d = pm_travel(p, l, 0) + pm_travel(p, 0, l);
            if (d > legs)
                legs = d;
        }
        if (p->metric == PM_MATRIX)
            for (size_t i = 0; i < (size_t)p->n_locs * (size_t)p->n_locs; i++)
                if (p->matrix[i] > legs)
                    legs = p->matrix[i];
        for (int t = 0; t < p->n_tasks; t++)
            durs += p->tasks[t].dur;
        p->horizon = late + durs + (p->n_tasks + 1) * legs + 1;
    }
    set_unservable(p);
    p->plain = !p->soft && !p->has_breaks && !p->has_sync;
    for (int v = 0; v < p->n_visits && p->plain; v++)
        if (p->visits[v].n_win != 1)
            p->plain = false;
    return 0;
oom:
    snprintf(err, errlen, "out of memory");
    return -1;
}

/* ---- id map: open addressing, FNV-1a ---- */

static size_t hash_str(const char *s)
{
    size_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

int pm_idmap_init(struct pm_idmap *m, struct arena *a, size_t n)
{
    m->cap = 16;
    while (m->cap < 2 * n + 2)
        m->cap *= 2;
    m->keys = arena_alloc(a, m->cap * sizeof *m->keys);
    m->vals = arena_alloc(a, m->cap * sizeof *m->vals);
    return m->keys && m->vals ? 0 : -1;
}

int pm_idmap_put(struct pm_idmap *m, const char *key, int val)
{
    size_t i = hash_str(key) & (m->cap - 1);
    while (m->keys[i]) {
        if (!strcmp(m->keys[i], key))
            return m->vals[i];
        i = (i + 1) & (m->cap - 1);
    }
    m->keys[i] = key;
    m->vals[i] = val;
    return -1;
}

int pm_idmap_get(const struct pm_idmap *m, const char *key)
{
    size_t i = hash_str(key) & (m->cap - 1);
    while (m->keys[i]) {
        if (!strcmp(m->keys[i], key))
            return m->vals[i];
        i = (i + 1) & (m->cap - 1);
    }
    return -1;
}

/* ---- loading ---- */

plan_problem *plan_problem_parse(const char *text, size_t len, char *err, size_t errlen)
{
    size_t i = 0;
    while (i < len && (text[i] == ' ' || text[i] == '\n' || text[i] == '\r' || text[i] == '\t'))
        i++;
    if (i == len || text[i] != '{')
        return pm_read_solomon(text, len, err, errlen);
    json_error_t je;
    json_t *root = json_loadb(text, len, 0, &je);
    if (!root) {
        snprintf(err, errlen, "line %d, column %d: %s", je.line, je.column, je.text);
        return NULL;
    }
    plan_problem *p = NULL;
    json_t *fmt = json_object_get(root, "format");
    if (json_is_string(fmt) && !strcmp(json_string_value(fmt), "omsorg-plan/1"))
        p = pm_read_plan_json(root, err, errlen);
    else if (fmt)
        snprintf(err, errlen, "format: expected \"omsorg-plan/1\"");
    else if (json_object_get(root, "patients"))
        p = pm_read_mankowska(root, err, errlen);
    else
        snprintf(err, errlen, "(root): neither \"format\": \"omsorg-plan/1\" nor \"patients\"");
    json_decref(root);
    return p;
}

plan_problem *plan_problem_load_file(const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t len = 0, cap = 0;
    plan_problem *p = NULL;
    if (!f) {
        snprintf(err, errlen, "%s: cannot open", path);
        return NULL;
    }
    for (;;) {
        if (len + 65536 > cap) {
            cap = cap ? cap * 2 : 1 << 20;
            char *nb = realloc(buf, cap);
            if (!nb) {
                snprintf(err, errlen, "out of memory");
                goto out;
            }
            buf = nb;
        }
        size_t r = fread(buf + len, 1, cap - len, f);
        len += r;
        if (r == 0)
            break;
    }
    if (ferror(f)) {
        snprintf(err, errlen, "%s: read error", path);
        goto out;
    }
    p = plan_problem_parse(buf, len, err, errlen);
out:
    free(buf);
    fclose(f);
    return p;
}

int plan_problem_visit_count(const plan_problem *p) { return p->n_visits; }
int plan_problem_carer_count(const plan_problem *p) { return p->n_carers; }
const char *plan_problem_name(const plan_problem *p) { return p->name; }
const char *plan_problem_visit_id(const plan_problem *p, int v) { return p->visits[v].id; }
const char *plan_problem_carer_id(const plan_problem *p, int c) { return p->carers[c].id; }
