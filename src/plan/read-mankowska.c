/*
 * read-mankowska.c — the home-care benchmark JSON (Mankowska et al. 2014 in
 * the Udine format), mapped as plan-format.md says: a patient with one
 * required caregiver is one visit (id "p7"); with two, two visits "p8:s5",
 * "p8:s6" tied by sync (the second after the first: [0, 0] simultaneous,
 * `distance` sequential), each needing its own service as skill. Soft
 * windows, weights travel/tardiness/max_tardiness 1/3, travel from the
 * `distances` matrix (0 = office), carers without shift limit or breaks.
 */
#include "plan/model.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define MK_HORIZON 1e7

static plan_problem *mk_fail(plan_problem *p, char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Write the message, free the half-read problem, return NULL. */
static plan_problem *mk_fail(plan_problem *p, char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    plan_problem_free(p);
    return NULL;
}

plan_problem *pm_read_mankowska(const void *root_, char *err, size_t errlen)
{
    json_t *root = (json_t *)root_;
    json_t *pats = json_object_get(root, "patients");
    json_t *cgs = json_object_get(root, "caregivers");
    json_t *dist = json_object_get(root, "distances");
    json_t *o, *row;
    size_t i, j;
    plan_problem *p = pm_new();
    if (!p)
        return mk_fail(p, err, errlen, "out of memory");
    if (!json_is_array(pats))
        return mk_fail(p, err, errlen, "patients: expected an array");
    if (!json_is_array(cgs) || json_array_size(cgs) == 0)
        return mk_fail(p, err, errlen, "caregivers: expected a non-empty array");
    size_t np = json_array_size(pats), n = np + 1;
    if (!json_is_array(dist) || json_array_size(dist) != n)
        return mk_fail(p, err, errlen, "distances: expected %ld rows (office, then patients)",
                       (long)n);
    p->name = "mankowska";
    p->metric = PM_MATRIX;
    p->w.travel = p->w.tardiness = p->w.max_tardiness = 1.0 / 3.0;
    p->n_locs = (int)n;
    p->locs = arena_alloc(&p->arena, n * sizeof *p->locs);
    p->matrix = arena_alloc(&p->arena, n * n * sizeof(double));
    p->visits = arena_alloc(&p->arena, 2 * n * sizeof *p->visits);
    if (!p->locs || !p->matrix || !p->visits)
        return mk_fail(p, err, errlen, "out of memory");
    json_array_foreach(dist, i, row) {
        if (!json_is_array(row) || json_array_size(row) != n)
            return mk_fail(p, err, errlen, "distances[%ld]: expected %ld numbers", (long)i, (long)n);
        for (j = 0; j < n; j++) {
            json_t *x = json_array_get(row, j);
            if (!json_is_number(x) || json_number_value(x) < 0)
                return mk_fail(p, err, errlen, "distances[%ld][%ld]: expected a number >= 0",
                               (long)i, (long)j);
            p->matrix[i * n + j] = json_number_value(x);
        }
    }
    json_t *off = json_array_get(json_object_get(root, "central_offices"), 0);
    const char *oid = json_string_value(json_object_get(off, "id"));
    p->locs[0].id = arena_strdup(&p->arena, oid ? oid : "office");
    json_array_foreach(pats, i, o) {
        const char *id = json_string_value(json_object_get(o, "id"));
        json_t *tw = json_object_get(o, "time_window");
        json_t *req = json_object_get(o, "required_caregivers"), *rq;
        if (!json_is_object(o) || !id)
            return mk_fail(p, err, errlen, "patients[%ld].id: expected a string", (long)i);
        if (!json_is_array(tw) || json_array_size(tw) != 2 ||
            !json_is_number(json_array_get(tw, 0)) || !json_is_number(json_array_get(tw, 1)))
            return mk_fail(p, err, errlen, "patients[%ld].time_window: expected [from, to]",
                           (long)i);
        if (json_number_value(json_array_get(tw, 0)) > json_number_value(json_array_get(tw, 1)))
            return mk_fail(p, err, errlen, "patients[%ld].time_window: from is after to", (long)i);
        if (!json_is_array(req) || json_array_size(req) < 1 || json_array_size(req) > 2)
            return mk_fail(p, err, errlen,
                           "patients[%ld].required_caregivers: expected 1 or 2 entries", (long)i);
        p->locs[i + 1].id = arena_strdup(&p->arena, id);
        for (size_t q = 0; q < i; q++)
            if (!strcmp(p->locs[q + 1].id, id))
                return mk_fail(p, err, errlen, "patients[%ld].id: duplicate id \"%s\"", (long)i, id);
        int first = p->n_visits;
        size_t nreq = json_array_size(req);
        json_array_foreach(req, j, rq) {
            const char *svc = json_string_value(json_object_get(rq, "service"));
            json_t *du = json_object_get(rq, "duration");
            if (!svc || !json_is_number(du) || json_number_value(du) < 0)
                return mk_fail(p, err, errlen,
                               "patients[%ld].required_caregivers[%ld]: expected {service, duration}",
                               (long)i, (long)j);
            struct pm_visit *x = &p->visits[p->n_visits++];
            x->id = nreq == 1 ? arena_strdup(&p->arena, id) : arena_printf(&p->arena, "%s:%s", id, svc);
            for (int k = 0; x->id && k < p->n_visits - 1; k++)
                if (!strcmp(p->visits[k].id, x->id))
                    return mk_fail(p, err, errlen,
                                   "patients[%ld]: visit id \"%s\" appears twice (the same patient "
                                   "id, or the same service twice)",
                                   (long)i, x->id);
            x->win = arena_alloc(&p->arena, sizeof *x->win);
            int sk = pm_skill(p, svc);
            if (!x->id || !x->win || sk < 0)
                return mk_fail(p, err, errlen, "out of memory or too many services");
            x->loc = (int)i + 1;
            x->dur = json_number_value(du);
            x->win[0].from = json_number_value(json_array_get(tw, 0));
            x->win[0].to = json_number_value(json_array_get(tw, 1));
            x->n_win = 1;
            x->skills = 1ull << sk;
            x->n_carers = 1;
            x->team = -1;
            x->sync_with = -1;
            if (j == 1) {
                json_t *sy = json_object_get(o, "synchronization");
                const char *type = json_string_value(json_object_get(sy, "type"));
                json_t *d = json_object_get(sy, "distance");
                x->sync_with = first;
                if (type && !strcmp(type, "sequential")) {
                    if (!json_is_array(d) || json_array_size(d) != 2 ||
                        !json_is_number(json_array_get(d, 0)) || !json_is_number(json_array_get(d, 1)))
                        return mk_fail(p, err, errlen,
                                       "patients[%ld].synchronization.distance: expected [min, max]",
                                       (long)i);
                    x->sync_lo = json_number_value(json_array_get(d, 0));
                    x->sync_hi = json_number_value(json_array_get(d, 1));
                } else if (!type || strcmp(type, "simultaneous"))
                    return mk_fail(p, err, errlen,
                                   "patients[%ld].synchronization.type: expected simultaneous or sequential",
                                   (long)i);
            }
        }
    }
    p->n_carers = (int)json_array_size(cgs);
    p->carers = arena_alloc(&p->arena, (size_t)p->n_carers * sizeof *p->carers);
    if (!p->carers)
        return mk_fail(p, err, errlen, "out of memory");
    json_array_foreach(cgs, i, o) {
        struct pm_carer *k = &p->carers[i];
        const char *id = json_string_value(json_object_get(o, "id"));
        json_t *ab = json_object_get(o, "abilities"), *s;
        if (!id || !json_is_array(ab))
            return mk_fail(p, err, errlen, "caregivers[%ld]: expected {id, abilities}", (long)i);
        k->id = arena_strdup(&p->arena, id);
        for (size_t q = 0; k->id && q < i; q++)
            if (!strcmp(p->carers[q].id, k->id))
                return mk_fail(p, err, errlen, "caregivers[%ld].id: duplicate id \"%s\"", (long)i,
                               k->id);
        k->start = k->end = 0;
        k->shift_from = 0;
        k->shift_to = MK_HORIZON;
        k->team = -1;
        k->capacity = -1;
        json_array_foreach(ab, j, s) {
            int sk = json_is_string(s) ? pm_skill(p, json_string_value(s)) : -1;
            if (sk < 0)
                return mk_fail(p, err, errlen, "caregivers[%ld].abilities[%ld]: expected a service id",
                               (long)i, (long)j);
            k->skills |= 1ull << sk;
        }
    }
    if (pm_finalize(p, err, errlen)) {
        plan_problem_free(p);
        return NULL;
    }
    return p;
}
