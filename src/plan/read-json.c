/*
 * read-json.c — the omsorg-plan/1 problem reader (docs/plan-format.md).
 *
 * Every malformed part is reported with its JSON path, e.g.
 * "visits[3].windows[0]: expected [from, to]". The problem returned is
 * owned by the caller (plan_problem_free).
 */
#include "plan/model.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct rd {
    plan_problem *p;
    char *err;
    size_t errlen;
    struct pm_idmap locs, carers, visits;
};

static int fail(struct rd *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(struct rd *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->err, r->errlen, fmt, ap);
    va_end(ap);
    return -1;
}

/* Read an optional number member; 1 if present, 0 if absent, -1 if wrong. */
static int opt_num(struct rd *r, json_t *o, const char *key, double *out, const char *path)
{
    json_t *v = json_object_get(o, key);
    if (!v)
        return 0;
    if (!json_is_number(v))
        return fail(r, "%s.%s: expected a number", path, key);
    *out = json_number_value(v);
    return 1;
}

/* [from, to] with from <= to. */
static int read_pair(struct rd *r, json_t *v, double *a, double *b, const char *path, const char *what)
{
    if (!json_is_array(v) || json_array_size(v) != 2 || !json_is_number(json_array_get(v, 0)) ||
        !json_is_number(json_array_get(v, 1)))
        return fail(r, "%s: expected [%s]", path, what);
    *a = json_number_value(json_array_get(v, 0));
    *b = json_number_value(json_array_get(v, 1));
    if (*a > *b)
        return fail(r, "%s: %s must not be after %s", path, "from", "to");
    return 0;
}

static int read_skills(struct rd *r, json_t *arr, uint64_t *mask, const char *path)
{
    size_t i;
    json_t *s;
    *mask = 0;
    if (!arr)
        return 0;
    if (!json_is_array(arr))
        return fail(r, "%s: expected an array of skill names", path);
    json_array_foreach(arr, i, s) {
        if (!json_is_string(s))
            return fail(r, "%s[%zu]: expected a skill name", path, i);
        int k = pm_skill(r->p, json_string_value(s));
        if (k < 0)
            return fail(r, "%s[%zu]: more than %d distinct skills", path, i, PM_MAX_SKILLS);
        *mask |= 1ull << k;
    }
    return 0;
}

static int loc_ref(struct rd *r, json_t *o, const char *key, int *out, const char *path)
{
    json_t *v = json_object_get(o, key);
    if (!json_is_string(v))
        return fail(r, "%s.%s: expected a location id", path, key);
    *out = pm_idmap_get(&r->locs, json_string_value(v));
    if (*out < 0)
        return fail(r, "%s.%s: unknown location \"%s\"", path, key, json_string_value(v));
    return 0;
}

static int carer_list(struct rd *r, json_t *arr, int **out, int *n, const char *path)
{
    size_t i;
    json_t *s;
    *n = 0;
    if (!arr)
        return 0;
    if (!json_is_array(arr))
        return fail(r, "%s: expected an array of carer ids", path);
    *out = arena_alloc(&r->p->arena, (json_array_size(arr) + 1) * sizeof **out);
    if (!*out)
        return fail(r, "out of memory");
    json_array_foreach(arr, i, s) {
        int c = json_is_string(s) ? pm_idmap_get(&r->carers, json_string_value(s)) : -1;
        if (c < 0)
            return fail(r, "%s[%zu]: unknown carer", path, i);
        (*out)[(*n)++] = c;
    }
    return 0;
}

static int read_travel(struct rd *r, json_t *root)
{
    json_t *t = json_object_get(root, "travel");
    if (!json_is_object(t))
        return fail(r, "travel: expected an object with \"metric\"");
    const char *m = json_string_value(json_object_get(t, "metric"));
    if (!m)
        return fail(r, "travel.metric: expected \"euclidean\", \"haversine\" or \"matrix\"");
    if (!strcmp(m, "euclidean"))
        r->p->metric = PM_EUCLIDEAN;
    else if (!strcmp(m, "haversine"))
        r->p->metric = PM_HAVERSINE;
    else if (!strcmp(m, "matrix"))
        r->p->metric = PM_MATRIX;
    else
        return fail(r, "travel.metric: unknown metric \"%s\"", m);
    if (opt_num(r, t, "speed_kmh", &r->p->speed_kmh, "travel") < 0 ||
        opt_num(r, t, "detour", &r->p->detour, "travel") < 0)
        return -1;
    if (r->p->speed_kmh <= 0)
        return fail(r, "travel.speed_kmh: must be above 0");
    return 0;
}

static int read_locations(struct rd *r, json_t *root)
{
    plan_problem *p = r->p;
    json_t *arr = json_object_get(root, "locations"), *o;
    size_t i;
    if (!json_is_array(arr))
        return fail(r, "locations: expected an array");
    p->n_locs = (int)json_array_size(arr);
    p->locs = arena_alloc(&p->arena, (size_t)(p->n_locs + 1) * sizeof *p->locs);
    if (!p->locs || pm_idmap_init(&r->locs, &p->arena, (size_t)p->n_locs))
        return fail(r, "out of memory");
    json_array_foreach(arr, i, o) {
        char path[64];
        snprintf(path, sizeof path, "locations[%zu]", i);
        struct pm_loc *l = &p->locs[i];
        const char *id = json_string_value(json_object_get(o, "id"));
        if (!json_is_object(o) || !id)
            return fail(r, "%s.id: expected a string", path);
        l->id = arena_strdup(&p->arena, id);
        if (!l->id)
            return fail(r, "out of memory");
        if (pm_idmap_put(&r->locs, l->id, (int)i) >= 0)
            return fail(r, "%s.id: duplicate id \"%s\"", path, id);
        const char *kx = p->metric == PM_HAVERSINE ? "lat" : "x";
        const char *ky = p->metric == PM_HAVERSINE ? "lon" : "y";
        double a = 0, b = 0;
        if (p->metric != PM_MATRIX) {
            if (opt_num(r, o, kx, &a, path) != 1)
                return fail(r, "%s.%s: expected a number", path, kx);
            if (opt_num(r, o, ky, &b, path) != 1)
                return fail(r, "%s.%s: expected a number", path, ky);
        }
        if (p->metric == PM_HAVERSINE) {
            l->lat = a;
            l->lon = b;
        } else {
            l->x = a;
            l->y = b;
        }
    }
    if (p->metric == PM_MATRIX) {
        json_t *m = json_object_get(json_object_get(root, "travel"), "matrix"), *row;
        size_t n = (size_t)p->n_locs;
        if (!json_is_array(m) || json_array_size(m) != n)
            return fail(r, "travel.matrix: expected %zu rows (one per location)", n);
        p->matrix = arena_alloc(&p->arena, (n * n + 1) * sizeof(double));
        if (!p->matrix)
            return fail(r, "out of memory");
        json_array_foreach(m, i, row) {
            if (!json_is_array(row) || json_array_size(row) != n)
                return fail(r, "travel.matrix[%zu]: expected %zu numbers", i, n);
            for (size_t j = 0; j < n; j++) {
                json_t *x = json_array_get(row, j);
                if (!json_is_number(x) || json_number_value(x) < 0)
                    return fail(r, "travel.matrix[%zu][%zu]: expected a number >= 0", i, j);
                p->matrix[i * n + j] = json_number_value(x);
            }
        }
    }
    return 0;
}

static int read_carer(struct rd *r, json_t *o, size_t i)
{
    plan_problem *p = r->p;
    struct pm_carer *k = &p->carers[i];
    char path[64], sub[160];
    snprintf(path, sizeof path, "carers[%zu]", i);
    const char *id = json_string_value(json_object_get(o, "id"));
    if (!json_is_object(o) || !id)
        return fail(r, "%s.id: expected a string", path);
    k->id = arena_strdup(&p->arena, id);
    if (!k->id)
        return fail(r, "out of memory");
    if (pm_idmap_put(&r->carers, k->id, (int)i) >= 0)
        return fail(r, "%s.id: duplicate id \"%s\"", path, id);
    if (loc_ref(r, o, "start", &k->start, path))
        return -1;
    k->end = k->start;
    if (json_object_get(o, "end") && loc_ref(r, o, "end", &k->end, path))
        return -1;
    snprintf(sub, sizeof sub, "%s.shift", path);
    if (read_pair(r, json_object_get(o, "shift"), &k->shift_from, &k->shift_to, sub, "from, to"))
        return -1;
    snprintf(sub, sizeof sub, "%s.skills", path);
    if (read_skills(r, json_object_get(o, "skills"), &k->skills, sub))
        return -1;
    k->team = -1;
    json_t *team = json_object_get(o, "team");
    if (team) {
        if (!json_is_string(team))
            return fail(r, "%s.team: expected a string", path);
        if ((k->team = pm_team(p, json_string_value(team))) < 0)
            return fail(r, "out of memory");
    }
    k->capacity = -1;
    if (opt_num(r, o, "capacity", &k->capacity, path) < 0)
        return -1;
    json_t *br = json_object_get(o, "breaks"), *b;
    size_t j;
    if (br && !json_is_array(br))
        return fail(r, "%s.breaks: expected an array", path);
    k->n_breaks = br ? (int)json_array_size(br) : 0;
    k->breaks = arena_alloc(&p->arena, (size_t)(k->n_breaks + 1) * sizeof *k->breaks);
    if (!k->breaks)
        return fail(r, "out of memory");
    json_array_foreach(br, j, b) {
        snprintf(sub, sizeof sub, "%s.breaks[%zu].window", path, j);
        if (!json_is_object(b))
            return fail(r, "%s.breaks[%zu]: expected an object", path, j);
        if (read_pair(r, json_object_get(b, "window"), &k->breaks[j].from, &k->breaks[j].to, sub,
                      "from, to"))
            return -1;
        snprintf(sub, sizeof sub, "%s.breaks[%zu]", path, j);
        if (opt_num(r, b, "duration", &k->breaks[j].dur, sub) != 1 || k->breaks[j].dur < 0)
            return fail(r, "%s.duration: expected a number >= 0", sub);
        if (k->breaks[j].dur > k->breaks[j].to - k->breaks[j].from)
            return fail(r, "%s: duration longer than its window", sub);
    }
    return 0;
}

static int read_visit(struct rd *r, json_t *o, size_t i)
{
    plan_problem *p = r->p;
    struct pm_visit *x = &p->visits[i];
    char path[64], sub[160];
    snprintf(path, sizeof path, "visits[%zu]", i);
    const char *id = json_string_value(json_object_get(o, "id"));
    if (!json_is_object(o) || !id)
        return fail(r, "%s.id: expected a string", path);
    x->id = arena_strdup(&p->arena, id);
    if (!x->id)
        return fail(r, "out of memory");
    if (pm_idmap_put(&r->visits, x->id, (int)i) >= 0)
        return fail(r, "%s.id: duplicate id \"%s\"", path, id);
    if (loc_ref(r, o, "location", &x->loc, path))
        return -1;
    if (opt_num(r, o, "duration", &x->dur, path) != 1 || x->dur < 0)
        return fail(r, "%s.duration: expected a number >= 0", path);
    json_t *ws = json_object_get(o, "windows"), *w;
    size_t j;
    if (!json_is_array(ws) || json_array_size(ws) == 0)
        return fail(r, "%s.windows: expected a non-empty array of [from, to]", path);
    x->n_win = (int)json_array_size(ws);
    x->win = arena_alloc(&p->arena, (size_t)x->n_win * sizeof *x->win);
    if (!x->win)
        return fail(r, "out of memory");
    json_array_foreach(ws, j, w) {
        snprintf(sub, sizeof sub, "%s.windows[%zu]", path, j);
        if (read_pair(r, w, &x->win[j].from, &x->win[j].to, sub, "from, to"))
            return -1;
    }
    snprintf(sub, sizeof sub, "%s.skills", path);
    if (read_skills(r, json_object_get(o, "skills"), &x->skills, sub))
        return -1;
    double nc = 1;
    if (opt_num(r, o, "carers", &nc, path) < 0)
        return -1;
    if (nc != 1 && nc != 2 && nc != 3)
        return fail(r, "%s.carers: expected 1, 2 or 3", path);
    x->n_carers = (int)nc;
    if (opt_num(r, o, "demand", &x->demand, path) < 0)
        return -1;
    x->team = -1;
    json_t *team = json_object_get(o, "team");
    if (team) {
        if (!json_is_string(team))
            return fail(r, "%s.team: expected a string", path);
        if ((x->team = pm_team(p, json_string_value(team))) < 0)
            return fail(r, "out of memory");
    }
    snprintf(sub, sizeof sub, "%s.preferred_carers", path);
    if (carer_list(r, json_object_get(o, "preferred_carers"), &x->pref, &x->n_pref, sub))
        return -1;
    snprintf(sub, sizeof sub, "%s.assigned", path);
    if (carer_list(r, json_object_get(o, "assigned"), &x->assigned, &x->n_assigned, sub))
        return -1;
    json_t *opt = json_object_get(o, "optional");
    if (opt && !json_is_boolean(opt))
        return fail(r, "%s.optional: expected true or false", path);
    x->optional = json_is_true(opt);
    x->sync_with = -1;
    return 0;
}

static int read_syncs(struct rd *r, json_t *arr)
{
    size_t i;
    json_t *o;
    json_array_foreach(arr, i, o) {
        json_t *s = json_object_get(o, "sync");
        struct pm_visit *x = &r->p->visits[i];
        char sub[160];
        if (!s)
            continue;
        if (!json_is_object(s))
            return fail(r, "visits[%zu].sync: expected {\"with\": id, \"gap\": [min, max]}", i);
        const char *with = json_string_value(json_object_get(s, "with"));
        int v = with ? pm_idmap_get(&r->visits, with) : -1;
        if (v < 0)
            return fail(r, "visits[%zu].sync.with: expected the id of another visit", i);
        if (v == (int)i)
            return fail(r, "visits[%zu].sync.with: a visit cannot sync with itself", i);
        x->sync_with = v;
        x->sync_lo = x->sync_hi = 0;
        snprintf(sub, sizeof sub, "visits[%zu].sync.gap", i);
        if (json_object_get(s, "gap") &&
            read_pair(r, json_object_get(s, "gap"), &x->sync_lo, &x->sync_hi, sub, "min, max"))
            return -1;
    }
    return 0;
}

static int read_weights(struct rd *r, json_t *root)
{
    json_t *w = json_object_get(root, "weights");
    struct pm_weights *x = &r->p->w;
    if (!w)
        return 0;
    if (!json_is_object(w))
        return fail(r, "weights: expected an object");
    const char *keys[] = {"unassigned", "carers_used", "travel", "not_preferred",
                          "changed", "team_mismatch", "tardiness", "max_tardiness"};
    double *dst[] = {&x->unassigned, &x->carers_used, &x->travel, &x->not_preferred,
                     &x->changed, &x->team_mismatch, &x->tardiness, &x->max_tardiness};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        int rc = opt_num(r, w, keys[i], dst[i], "weights");
        if (rc < 0)
            return -1;
        if (rc && *dst[i] < 0)
            return fail(r, "weights.%s: must be >= 0", keys[i]);
    }
    return 0;
}

/* Read an omsorg-plan/1 problem from a parsed JSON root (a json_t *). */
plan_problem *pm_read_plan_json(const void *root_, char *err, size_t errlen)
{
    json_t *root = (json_t *)root_, *arr, *o;
    size_t i;
    struct rd r = {pm_new(), err, errlen, {0}, {0}, {0}};
    plan_problem *p = r.p;
    if (!p) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    json_t *name = json_object_get(root, "name");
    if (name && !json_is_string(name)) {
        fail(&r, "name: expected a string");
        goto fail;
    }
    p->name = arena_strdup(&p->arena, name ? json_string_value(name) : "");
    if (read_travel(&r, root) || read_locations(&r, root))
        goto fail;
    arr = json_object_get(root, "carers");
    if (!json_is_array(arr)) {
        fail(&r, "carers: expected an array");
        goto fail;
    }
    p->n_carers = (int)json_array_size(arr);
    p->carers = arena_alloc(&p->arena, (size_t)(p->n_carers + 1) * sizeof *p->carers);
    if (!p->carers || pm_idmap_init(&r.carers, &p->arena, (size_t)p->n_carers)) {
        fail(&r, "out of memory");
        goto fail;
    }
    json_array_foreach(arr, i, o) if (read_carer(&r, o, i)) goto fail;
    arr = json_object_get(root, "visits");
    if (!json_is_array(arr)) {
        fail(&r, "visits: expected an array");
        goto fail;
    }
    p->n_visits = (int)json_array_size(arr);
    p->visits = arena_alloc(&p->arena, (size_t)(p->n_visits + 1) * sizeof *p->visits);
    if (!p->visits || pm_idmap_init(&r.visits, &p->arena, (size_t)p->n_visits)) {
        fail(&r, "out of memory");
        goto fail;
    }
    json_array_foreach(arr, i, o) if (read_visit(&r, o, i)) goto fail;
    if (read_syncs(&r, arr) || read_weights(&r, root))
        goto fail;
    if (pm_finalize(p, err, errlen))
        goto fail;
    return p;
fail:
    plan_problem_free(p);
    return NULL;
}
