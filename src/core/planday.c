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

bool planday_model(struct arena *a, const struct day_input *in, struct day_model *m)
{
    memset(m, 0, sizeof *m);
    m->day = in->day;
    m->team = in->team;
    m->absences = in->absences;
    m->nabsences = in->nabsences;
    m->hist = in->hist;
    m->nhist = in->nhist;
    m->contacts = in->contacts;
    m->ncontacts = in->ncontacts;
    m->keep_before = in->keep_before;
    int cap = 0;
    for (int i = 0; i < in->ngrants; i++)
        cap += in->grants[i].grant.service_count;
    m->visits = arena_alloc(a, sizeof *m->visits * (size_t)(cap + 1));
    m->carers = arena_alloc(a, sizeof *m->carers * (size_t)(in->nstaff + 1));
    if (!m->visits || !m->carers)
        return false;
    for (int i = 0; i < in->ngrants; i++) {
        const struct active_grant *g = &in->grants[i];
        for (int k = 0; k < g->grant.service_count; k++) {
            struct day_visit *v = &m->visits[m->nvisits];
            memset(v, 0, sizeof *v);
            if (!demand_for_day(&g->grant, &g->grant.services[k], &g->rhythm, in->day, &v->d))
                continue;
            /* No coordinates yet (entered without a position): plan from the
             * team's office, the best guess inside the team's area. */
            bool placed = g->lat != 0 || g->lon != 0;
            v->lat = placed ? g->lat : m->team.office_lat;
            v->lon = placed ? g->lon : m->team.office_lon;
            v->start = -1;
            m->nvisits++;
        }
    }
    qsort(m->visits, (size_t)m->nvisits, sizeof *m->visits, cmp_visit);
    for (int i = 0; i < in->nin_force; i++) {
        const struct plan_visit *old = &in->in_force[i];
        struct day_visit *v = find_visit(m, old->service_id);
        if (!v)
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
        if (staff_assignable(&in->staff[i], STAFF_ROUTE) &&
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

/* Is the carer on shift in this problem? (Carers named in a visit must be.) */
static bool on_shift(const struct day_model *m, long id)
{
    for (int i = 0; i < m->ncarers; i++)
        if (m->carers[i].id == id)
            return true;
    return false;
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

char *planday_problem_json(const struct day_model *m)
{
    char name[96], d[11];
    date_format(m->day, d);
    snprintf(name, sizeof name, "%s-%s", m->team.slug, d);
    json_t *locations = json_array(), *carers = json_array(), *visits = json_array();
    json_array_append_new(locations, json_pack("{s:s,s:f,s:f}", "id", "office", "lat",
                                               m->team.office_lat, "lon", m->team.office_lon));
    for (int i = 0; i < m->ncarers; i++) {
        const struct user *u = &m->carers[i];
        int from, to;
        carer_shift(m, u, &from, &to);
        json_t *skills = json_array();
        for (int k = 0; k < skill_count; k++)
            if (u->skills & (1u << k))
                json_array_append_new(skills, json_string(skill_codes[k]));
        json_t *c =
            json_pack("{s:o,s:s,s:s,s:[i,i],s:o,s:s}", "id", id_json('u', u->id), "start", "office",
                      "end", "office", "shift", from, to, "skills", skills, "team", m->team.slug);
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
        /* one location per citizen is enough; visits are sorted by service,
         * so add a location whenever this citizen has none yet */
        bool have = false;
        for (size_t k = 1; k < json_array_size(locations) && !have; k++)
            have = !strcmp(json_string_value(json_object_get(json_array_get(locations, k), "id")),
                           loc);
        if (!have)
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
        json_t *x =
            json_pack("{s:o,s:s,s:s,s:i,s:[[f,f]],s:[s],s:i,s:s,s:o}", "id",
                      id_json('s', v->d.service_id), "citizen", loc, "location", loc, "duration",
                      v->d.duration, "windows", ws, we, "skills", v->d.skill, "carers", v->d.carers,
                      "team", m->team.slug, "preferred_carers", preferred_json(m, v->d.citizen_id));
        if (json_array_size(assigned) == (size_t)v->d.carers)
            json_object_set_new(x, "assigned", assigned);
        else
            json_decref(assigned);
        json_array_append_new(visits, x);
    }
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
    memset(res, 0, sizeof *res);
    for (int i = 0; i < m->nvisits; i++) {
        struct plan_visit *row = &rows[i];
        const struct day_visit *v = &m->visits[i];
        if (v->pinned && row->carer_ids[0] == v->assigned[0] && row->carer_ids[1] == v->assigned[1])
            row->start = v->start; /* it happened as planned */
        if (!row->carer_ids[0]) {
            res->unassigned++;
            char vid[32];
            snprintf(vid, sizeof vid, "s%ld", v->d.service_id);
            row->reason = unassigned_reason(
                json_string_value(json_object_get(json_object_get(root, "unassigned_codes"), vid)));
            continue;
        }
        res->visits++;
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
    res->carers = m->ncarers;
    res->travel = json_number_value(json_object_get(json_object_get(root, "summary"), "travel"));
    json_decref(root);
    return 0;
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
