/* planday.c — see planday.h. */
#include "core/planday.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_visit(const void *a, const void *b)
{
    long x = ((const struct day_visit *)a)->d.service_id;
    long y = ((const struct day_visit *)b)->d.service_id;
    return x < y ? -1 : x > y;
}

static struct day_visit *find_visit(const struct day_model *m, long service_id)
{
    struct day_visit key = {.d.service_id = service_id};
    return bsearch(&key, m->visits, (size_t)m->nvisits, sizeof key, cmp_visit);
}

/* The carer's usual shift on a weekday; false when not working. */
static bool usual_shift(const struct user *u, int weekday, int *from, int *to)
{
    for (int i = 0; i < u->shift_count; i++) {
        if (u->shifts[i].weekday == weekday) {
            *from = u->shifts[i].start;
            *to = u->shifts[i].end;
            return *to > *from;
        }
    }
    return false;
}

/* The carer's shift on the model's day: the usual shift, ended by an
 * absence (but never before the end of a visit already done). */
static bool carer_shift(const struct day_model *m, const struct user *u, int *from, int *to)
{
    if (!usual_shift(u, date_weekday(m->day), from, to))
        return false;
    for (int i = 0; i < m->nabsences; i++) {
        if (m->absences[i].user_id != u->id)
            continue;
        int end = m->absences[i].from;
        for (int k = 0; k < m->nvisits; k++) {
            const struct day_visit *v = &m->visits[k];
            if (v->pinned && (v->assigned[0] == u->id || v->assigned[1] == u->id) &&
                v->start + v->d.duration + 15 > end)
                end = (int)(v->start + v->d.duration + 15);
        }
        if (end < *to)
            *to = end;
    }
    return *to > *from;
}

/* One of the model's teams by id; NULL when not planned here. */
static const struct team *team_of(const struct day_model *m, long team_id)
{
    for (int i = 0; i < m->nteams; i++)
        if (m->teams[i].id == team_id)
            return &m->teams[i];
    return NULL;
}

/* A visit of the plan in force as a model visit: another team's visit on one
 * of these teams' carers, kept where it is. */
static void foreign_visit(struct day_visit *v, const struct plan_visit *p)
{
    memset(v, 0, sizeof *v);
    v->d = (struct visit_demand){.service_id = p->service_id,
                                 .citizen_id = p->citizen_id,
                                 .window_start = p->window_start,
                                 .window_end = p->window_end,
                                 .duration = p->duration,
                                 .skill = p->skill,
                                 .carers = p->carers};
    v->team_id = p->team_id;
    v->lat = p->lat;
    v->lon = p->lon;
    v->assigned[0] = p->carer_ids[0];
    v->assigned[1] = p->carer_ids[1];
    v->start = p->start;
    v->manual = p->manual;
    v->pinned = v->foreign = true;
}

bool planday_model(struct arena *a, const struct day_input *in, struct day_model *m)
{
    memset(m, 0, sizeof *m);
    m->day = in->day;
    m->teams = in->teams;
    m->nteams = in->nteams;
    m->absences = in->absences;
    m->nabsences = in->nabsences;
    m->hist = in->hist;
    m->nhist = in->nhist;
    m->contacts = in->contacts;
    m->ncontacts = in->ncontacts;
    m->keep_before = in->keep_before;
    int cap = in->nin_force;
    for (int i = 0; i < in->ngrants; i++)
        cap += in->grants[i].grant.service_count;
    m->visits = arena_alloc(a, sizeof *m->visits * (size_t)(cap + 1));
    m->carers = arena_alloc(a, sizeof *m->carers * (size_t)(in->nstaff + 1));
    if (!m->visits || !m->carers || in->nteams < 1)
        return false;
    for (int i = 0; i < in->ngrants; i++) {
        const struct active_grant *g = &in->grants[i];
        const struct team *t = team_of(m, g->team_id);
        for (int k = 0; t && k < g->grant.service_count; k++) {
            struct day_visit *v = &m->visits[m->nvisits];
            memset(v, 0, sizeof *v);
            if (!demand_for_day(&g->grant, &g->grant.services[k], &g->rhythm, in->day, &v->d))
                continue;
            v->team_id = t->id;
            /* No coordinates yet (entered without a position): plan from the
             * team's office, the best guess inside the team's area. */
            bool placed = g->lat != 0 || g->lon != 0;
            v->lat = placed ? g->lat : t->office_lat;
            v->lon = placed ? g->lon : t->office_lon;
            v->start = -1;
            m->nvisits++;
        }
    }
    /* Another team's visits on these teams' carers stay as they are. */
    for (int i = 0; i < in->nin_force; i++)
        if (!team_of(m, in->in_force[i].team_id) && in->in_force[i].carer_ids[0])
            foreign_visit(&m->visits[m->nvisits++], &in->in_force[i]);
    qsort(m->visits, (size_t)m->nvisits, sizeof *m->visits, cmp_visit);
    for (int i = 0; i < in->nin_force; i++) {
        const struct plan_visit *old = &in->in_force[i];
        struct day_visit *v = find_visit(m, old->service_id);
        if (!v || v->foreign)
            continue;
        v->assigned[0] = old->carer_ids[0];
        v->assigned[1] = old->carer_ids[1];
        v->start = old->start;
        v->manual = old->manual;
        v->pinned = in->keep_before > 0 && old->carer_ids[0] && old->start >= 0 &&
                    old->start < in->keep_before;
    }
    for (int i = 0; i < in->nstaff; i++) {
        int from, to;
        if (team_of(m, in->staff[i].team_id) && staff_assignable(&in->staff[i], STAFF_ROUTE) &&
            carer_shift(m, &in->staff[i], &from, &to))
            m->carers[m->ncarers++] = in->staff[i];
    }
    return true;
}

static json_t *id_json(char prefix, long id)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%c%ld", prefix, id);
    return json_string(buf);
}

/* The carer on shift in this problem with this id; NULL when none. (Carers
 * named in a visit must be on shift.) */
static const struct user *carer_of(const struct day_model *m, long id)
{
    for (int i = 0; i < m->ncarers; i++)
        if (m->carers[i].id == id)
            return &m->carers[i];
    return NULL;
}

static bool on_shift(const struct day_model *m, long id)
{
    return carer_of(m, id) != NULL;
}

/* The slug of a team planned here (a foreign visit: its first carer's team). */
static const char *team_slug(const struct day_model *m, const struct day_visit *v)
{
    const struct team *t = team_of(m, v->team_id);
    const struct user *c = t ? NULL : carer_of(m, v->assigned[0]);
    if (!t && c)
        t = team_of(m, c->team_id);
    return t ? t->slug : m->teams[0].slug;
}

static json_t *office_id(const struct team *t)
{
    char buf[32];
    snprintf(buf, sizeof buf, "office-%ld", t->id);
    return json_string(buf);
}

/* Add the carers of pairs (citizen, carer) for citizen_id who are on shift
 * and not yet in arr, while arr holds fewer than 6. */
static void add_preferred(json_t *arr, const struct day_model *m, const struct carer_history *pairs,
                          int n, long citizen_id)
{
    for (int i = 0; i < n && json_array_size(arr) < 6; i++) {
        if (pairs[i].citizen_id != citizen_id || !on_shift(m, pairs[i].carer_id))
            continue;
        json_t *id = id_json('u', pairs[i].carer_id);
        bool have = false;
        for (size_t k = 0; k < json_array_size(arr) && !have; k++)
            have = json_equal(json_array_get(arr, k), id);
        if (have)
            json_decref(id);
        else
            json_array_append_new(arr, id);
    }
}

/* A citizen's preferred carers on shift: who came in the last 14 days (most
 * visits first), then the citizen's contact persons. */
static json_t *preferred_json(const struct day_model *m, long citizen_id)
{
    json_t *arr = json_array();
    add_preferred(arr, m, m->hist, m->nhist, citizen_id);
    add_preferred(arr, m, m->contacts, m->ncontacts, citizen_id);
    return arr;
}

/* What moving a visit away from its carer in the plan in force costs: during
 * the day (a sick call) the citizens' known faces weigh much more than
 * minutes of driving. */
static double changed_weight(const struct day_model *m)
{
    return m->keep_before > 0 ? 100.0 : 20.0;
}

/* The location ids already given ("c" + citizen id): a small open-address
 * set, so a day of thousands of visits adds each citizen once. */
struct id_set {
    long *slots;
    size_t mask;
};

static bool id_set_add(struct id_set *set, long id)
{
    size_t i = ((size_t)id * 2654435761u) & set->mask;
    while (set->slots[i]) {
        if (set->slots[i] == id)
            return false;
        i = (i + 1) & set->mask;
    }
    set->slots[i] = id;
    return true;
}

char *planday_problem_json(const struct day_model *m)
{
    char name[96], d[11];
    date_format(m->day, d);
    snprintf(name, sizeof name, "%s%s-%s", m->teams[0].slug, m->nteams > 1 ? "-m.fl" : "", d);
    struct id_set seen = {NULL, 0};
    size_t cap = 64;
    while (cap < 2 * (size_t)m->nvisits + 2)
        cap *= 2;
    seen.slots = calloc(cap, sizeof *seen.slots);
    seen.mask = cap - 1;
    if (!seen.slots)
        return NULL;
    json_t *locations = json_array(), *carers = json_array(), *visits = json_array();
    for (int t = 0; t < m->nteams; t++)
        json_array_append_new(locations,
                              json_pack("{s:o,s:f,s:f}", "id", office_id(&m->teams[t]), "lat",
                                        m->teams[t].office_lat, "lon", m->teams[t].office_lon));
    for (int i = 0; i < m->ncarers; i++) {
        const struct user *u = &m->carers[i];
        const struct team *team = team_of(m, u->team_id);
        int from, to;
        carer_shift(m, u, &from, &to);
        json_t *skills = json_array();
        for (int k = 0; k < skill_count; k++)
            if (u->skills & (1u << k))
                json_array_append_new(skills, json_string(skill_codes[k]));
        json_t *c = json_pack("{s:o,s:o,s:o,s:[i,i],s:o,s:s}", "id", id_json('u', u->id), "start",
                              office_id(team), "end", office_id(team), "shift", from, to, "skills",
                              skills, "team", team->slug);
        if (to - from >= 6 * 60) /* a 30-minute break in the middle of a long shift */
            json_object_set_new(c, "breaks",
                                json_pack("[{s:[i,i],s:i}]", "window", from + 180,
                                          from + 330 < to ? from + 330 : to, "duration", 30));
        json_array_append_new(carers, c);
    }
    for (int i = 0; i < m->nvisits; i++) {
        const struct day_visit *v = &m->visits[i];
        char loc[32];
        snprintf(loc, sizeof loc, "c%ld", v->d.citizen_id);
        if (id_set_add(&seen, v->d.citizen_id))
            json_array_append_new(
                locations, json_pack("{s:s,s:f,s:f}", "id", loc, "lat", v->lat, "lon", v->lon));
        json_t *assigned = json_array();
        for (int k = 0; k < 2; k++)
            if (v->assigned[k] > 0 && on_shift(m, v->assigned[k]) && k < v->d.carers)
                json_array_append_new(assigned, id_json('u', v->assigned[k]));
        /* a visit that has happened keeps its minute (and, below, its carers); a
         * minute of slack each side absorbs rounding in the arrival times */
        double ws = v->d.window_start, we = v->d.window_end;
        if (v->pinned) {
            ws = v->start - 1 > ws ? v->start - 1 : ws;
            we = v->start + 1 < we ? v->start + 1 : we;
        }
        json_t *x = json_pack("{s:o,s:s,s:s,s:i,s:[[f,f]],s:[s],s:i,s:s,s:o}", "id",
                              id_json('s', v->d.service_id), "citizen", loc, "location", loc,
                              "duration", v->d.duration, "windows", ws, we, "skills", v->d.skill,
                              "carers", v->d.carers, "team", team_slug(m, v), "preferred_carers",
                              v->foreign ? json_array() : preferred_json(m, v->d.citizen_id));
        if (json_array_size(assigned) == (size_t)v->d.carers)
            json_object_set_new(x, "assigned", assigned);
        else
            json_decref(assigned);
        json_array_append_new(visits, x);
    }
    free(seen.slots);
    json_t *p =
        json_pack("{s:s,s:s,s:{s:s,s:f,s:f},s:o,s:o,s:o,s:{s:f,s:f,s:f,s:f,s:f,s:f}}", "format",
                  "omsorg-plan/1", "name", name, "travel", "metric", "haversine", "speed_kmh", 25.0,
                  "detour", 1.3, "locations", locations, "carers", carers, "visits", visits,
                  "weights", "unassigned", 100000.0, "carers_used", 0.0, "travel", 1.0,
                  "not_preferred", 10.0, "changed", changed_weight(m), "team_mismatch", 50.0);
    char *text = p ? json_dumps(p, JSON_COMPACT) : NULL;
    json_decref(p);
    return text;
}

/* A Danish reason for a visit the engine could not place, from the code
 * the engine gives (plan-format.md: skill, shift, capacity, team, window). */
static const char *unassigned_reason(const char *code)
{
    static const struct {
        const char *code, *reason;
    } reasons[] = {
        {"skill", "Ingen (eller for få) medarbejdere på vagt har den faglighed, besøget kræver."},
        {"shift", "Borgerens tidsvindue ligger uden for vagterne for de medarbejdere, der kan "
                  "tage besøget."},
        {"capacity", "Besøget kræver mere, end de medarbejdere, der kan tage det, kan klare."},
        {"team", "Teamets egne medarbejdere kunne ikke nå besøget, og ingen fra et andet team "
                 "havde plads."},
    };
    for (size_t i = 0; code && i < sizeof reasons / sizeof reasons[0]; i++)
        if (!strcmp(code, reasons[i].code))
            return reasons[i].reason;
    return "Der var ikke plads til besøget i tidsvinduet i dagens ruter.";
}

static bool knows(const struct day_model *m, long citizen, long carer)
{
    for (int i = 0; i < m->nhist; i++)
        if (m->hist[i].citizen_id == citizen && m->hist[i].carer_id == carer)
            return true;
    return false;
}

static bool is_absent(const struct day_model *m, long carer)
{
    for (int i = 0; i < m->nabsences; i++)
        if (m->absences[i].user_id == carer)
            return true;
    return false;
}

int planday_apply(const struct day_model *m, const char *solution, struct plan_visit *rows,
                  struct planday_result *res)
{
    json_error_t jerr;
    json_t *root = json_loads(solution, 0, &jerr);
    if (!root)
        return -1;
    for (int i = 0; i < m->nvisits; i++) {
        const struct day_visit *v = &m->visits[i];
        rows[i] = (struct plan_visit){.service_id = v->d.service_id,
                                      .citizen_id = v->d.citizen_id,
                                      .team_id = v->team_id,
                                      .window_start = v->d.window_start,
                                      .window_end = v->d.window_end,
                                      .duration = v->d.duration,
                                      .skill = v->d.skill,
                                      .carers = v->d.carers,
                                      .start = -1,
                                      .reason = "",
                                      .manual = v->manual,
                                      .prev_ids = {v->assigned[0], v->assigned[1]}};
    }
    size_t ri, si;
    json_t *route, *stop;
    json_array_foreach(json_object_get(root, "routes"), ri, route)
    {
        const char *cid = json_string_value(json_object_get(route, "carer"));
        long carer = cid && cid[0] == 'u' ? atol(cid + 1) : 0;
        json_array_foreach(json_object_get(route, "stops"), si, stop)
        {
            const char *vid = json_string_value(json_object_get(stop, "visit"));
            if (!vid || vid[0] != 's')
                continue; /* a break */
            struct day_visit *v = find_visit(m, atol(vid + 1));
            if (!v)
                continue;
            struct plan_visit *row = &rows[v - m->visits];
            int slot = row->carer_ids[0] ? 1 : 0;
            row->carer_ids[slot] = carer;
            row->start = json_number_value(json_object_get(stop, "start"));
        }
    }
    json_t *codes = json_object_get(root, "unassigned_codes");
    for (int i = 0; i < m->nvisits; i++) {
        struct plan_visit *row = &rows[i];
        const struct day_visit *v = &m->visits[i];
        if (v->pinned && row->carer_ids[0] == v->assigned[0] && row->carer_ids[1] == v->assigned[1])
            row->start = v->start; /* it happened as planned */
        if (!row->carer_ids[0]) {
            char vid[32];
            snprintf(vid, sizeof vid, "s%ld", v->d.service_id);
            row->reason = unassigned_reason(json_string_value(json_object_get(codes, vid)));
        }
    }
    memset(res, 0, sizeof *res);
    planday_figures(m, rows, 0, res);
    res->travel = json_number_value(json_object_get(json_object_get(root, "summary"), "travel"));
    json_decref(root);
    return 0;
}

void planday_figures(const struct day_model *m, const struct plan_visit *rows, long team_id,
                     struct planday_result *res)
{
    double travel = res->travel, seconds = res->seconds;
    memset(res, 0, sizeof *res);
    res->travel = travel;
    res->seconds = seconds;
    for (int i = 0; i < m->ncarers; i++)
        res->carers += !team_id || m->carers[i].team_id == team_id;
    for (int i = 0; i < m->nvisits; i++) {
        const struct plan_visit *row = &rows[i];
        const struct day_visit *v = &m->visits[i];
        if (v->foreign || (team_id && v->team_id != team_id))
            continue;
        if (!row->carer_ids[0]) {
            res->unassigned++;
            continue;
        }
        res->visits++;
        const struct user *c = carer_of(m, row->carer_ids[0]);
        if (c && c->team_id != v->team_id)
            res->borrowed++;
        if (knows(m, row->citizen_id, row->carer_ids[0]) ||
            (row->carer_ids[1] && knows(m, row->citizen_id, row->carer_ids[1])))
            res->known_carer++;
        if (row->start < row->window_start - 1e-6 || row->start > row->window_end + 1e-6)
            res->outside_window++;
        if (v->assigned[0]) {
            res->had_plan++;
            bool same = v->assigned[0] == row->carer_ids[0] || v->assigned[0] == row->carer_ids[1];
            if (same)
                res->kept++;
            else
                res->moved++;
            if (!is_absent(m, v->assigned[0])) {
                res->others_had++;
                res->others_kept += same;
            }
        }
    }
}

const char *planday_move_check(const struct plan_visit *v, const struct user *carers, int ncarers,
                               minute_t start, int weekday, const struct plan_visit *day, int n)
{
    if (ncarers != v->carers)
        return v->carers == 2 ? "Besøget kræver to medarbejdere." : "Vælg én medarbejder.";
    if (ncarers == 2 && carers[0].id == carers[1].id)
        return "Vælg to forskellige medarbejdere.";
    if (start < v->window_start || start > v->window_end)
        return "Tidspunktet ligger uden for borgerens tidsvindue.";
    int k = skill_index(v->skill);
    for (int i = 0; i < ncarers; i++) {
        const struct user *u = &carers[i];
        int from, to;
        if (k < 0 || !(u->skills & (1u << k)))
            return "Medarbejderen har ikke den faglighed, besøget kræver.";
        if (!usual_shift(u, weekday, &from, &to))
            return "Medarbejderen har ikke vagt den dag.";
        if (start < from || start + v->duration > to)
            return "Besøget ligger uden for medarbejderens vagt.";
        for (int j = 0; j < n; j++) {
            const struct plan_visit *o = &day[j];
            if (o->id == v->id || o->start < 0 ||
                (o->carer_ids[0] != u->id && o->carer_ids[1] != u->id))
                continue;
            if (start < o->start + o->duration && o->start < start + v->duration)
                return "Medarbejderen har et andet besøg på det tidspunkt.";
        }
    }
    return NULL;
}

int planday_demand(const struct active_grant *grants, int n, struct date day)
{
    int visits = 0;
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < grants[i].grant.service_count; j++) {
            struct visit_demand d;
            visits += demand_for_day(&grants[i].grant, &grants[i].grant.services[j],
                                     &grants[i].rhythm, day, &d);
        }
    }
    return visits;
}
