/* indicator-care.c — indicators computed from omsorg's own daily work:
 * continuity, planning, early action, the citizen decides, rehabilitation
 * first, welfare technology. Definitions: docs/indicators.md. */
#include <stdlib.h>
#include <string.h>

#include "core/indicator-int.h"
#include "core/indicator.h"

/* Whole days from a to b (b later → positive). */
static long days_between(struct date a, struct date b)
{
    return (date_epoch(b) - date_epoch(a)) / 86400;
}

/* --- continuity --------------------------------------------------------------- */

static int cmp_visit(const void *x, const void *y)
{
    const struct ind_visit *a = x, *b = y;
    if (a->citizen_id != b->citizen_id)
        return a->citizen_id < b->citizen_id ? -1 : 1;
    return date_cmp(a->day, b->day);
}

void ind_mark_known(struct ind_visit *v, long n)
{
    if (n <= 0)
        return;
    qsort(v, (size_t)n, sizeof *v, cmp_visit);
    for (long i = 0; i < n; i++) {
        v[i].known = false;
        if (!v[i].carer_id)
            continue;
        for (long j = i - 1; j >= 0 && v[j].citizen_id == v[i].citizen_id; j--) {
            long d = days_between(v[j].day, v[i].day);
            if (d > IND_KNOWN_DAYS)
                break;
            if (d >= 1 && v[j].done && v[j].carer_id == v[i].carer_id) {
                v[i].known = true;
                break;
            }
        }
    }
}

struct cw {
    long citizen, week, day, carer, team;
};

static int cmp_cw(const void *x, const void *y)
{
    const struct cw *a = x, *b = y;
    if (a->citizen != b->citizen)
        return a->citizen < b->citizen ? -1 : 1;
    if (a->week != b->week)
        return a->week < b->week ? -1 : 1;
    if (a->carer != b->carer)
        return a->carer < b->carer ? -1 : 1;
    return (a->day > b->day) - (a->day < b->day);
}

int ind_carers_per_week(struct arena *a, const struct ind_visit *v, long n,
                        const struct ind_period *p, struct ind_dist *out)
{
    memset(out, 0, sizeof *out);
    out->empty = true;
    out->suppressed = true;
    struct cw *e = n > 0 ? arena_alloc(a, (size_t)n * sizeof *e) : NULL;
    if (n > 0 && !e)
        return -1;
    long m = 0;
    for (long i = 0; i < n; i++) {
        if (!v[i].done || !v[i].carer_id)
            continue;
        struct date monday = date_add_days(v[i].day, 1 - date_weekday(v[i].day));
        if (!ind_in_period(monday, p))
            continue;
        e[m++] = (struct cw){v[i].citizen_id, date_epoch(monday) / 86400,
                             date_epoch(v[i].day) / 86400, v[i].carer_id, v[i].citizen_team};
    }
    if (m == 0)
        return 0;
    qsort(e, (size_t)m, sizeof *e, cmp_cw);
    double *counts = arena_alloc(a, (size_t)m * sizeof *counts);
    long *persons = arena_alloc(a, (size_t)m * sizeof *persons);
    if (!counts || !persons)
        return -1;
    long k = 0, np = 0;
    for (long i = 0; i < m;) {
        long j = i, carers = 0, last_day = -1, team = 0;
        for (; j < m && e[j].citizen == e[i].citizen && e[j].week == e[i].week; j++) {
            if (j == i || e[j].carer != e[j - 1].carer)
                carers++;
            if (e[j].day >= last_day) {
                last_day = e[j].day;
                team = e[j].team;
            }
        }
        if (ind_team_ok(team, p->team_id)) {
            counts[k++] = (double)carers;
            persons[np++] = e[i].citizen;
        }
        i = j;
    }
    out->n = k;
    out->persons = ind_distinct(persons, np);
    out->empty = k == 0;
    out->suppressed = out->persons < IND_MIN_PERSONS;
    ind_quantiles(counts, k, &out->median, &out->p90);
    return 0;
}

/* Done, assigned visits in the period for the citizen's team. */
static bool counted_visit(const struct ind_visit *v, const struct ind_period *p)
{
    return v->done && v->carer_id && ind_in_period(v->day, p) &&
           ind_team_ok(v->citizen_team, p->team_id);
}

/* Every planned task in the period for the citizen's team. */
static bool planned_task(const struct ind_visit *v, const struct ind_period *p)
{
    return ind_in_period(v->day, p) && ind_team_ok(v->citizen_team, p->team_id);
}

/* A task with a carer, in the period, for the citizen's team. */
static bool assigned_task(const struct ind_visit *v, const struct ind_period *p)
{
    return v->carer_id && planned_task(v, p);
}

static bool by_own_team(const struct ind_visit *v)
{
    return v->carer_team == v->citizen_team;
}

static bool by_known_carer(const struct ind_visit *v)
{
    return v->known;
}

static bool nobody_assigned(const struct ind_visit *v)
{
    return v->carer_id == 0;
}

static bool outside_window(const struct ind_visit *v)
{
    return v->outside_window;
}

/* Share (%) of the visits `counted` selects for which `hit` holds; persons
 * are the citizens of the counted visits. */
static void visit_share(const struct ind_visit *v, long n, const struct ind_period *p,
                        bool (*counted)(const struct ind_visit *, const struct ind_period *),
                        bool (*hit)(const struct ind_visit *), struct ind_value *out)
{
    struct ids who = {0};
    long num = 0, den = 0;
    for (long i = 0; i < n; i++) {
        if (!counted(&v[i], p))
            continue;
        den++;
        num += hit(&v[i]);
        ids_push(&who, v[i].citizen_id);
    }
    ind_ratio(out, num, den, ids_count(&who), 100.0);
}

void ind_own_team_share(const struct ind_visit *v, long n, const struct ind_period *p,
                        struct ind_value *out)
{
    visit_share(v, n, p, counted_visit, by_own_team, out);
}

void ind_known_carer_share(const struct ind_visit *v, long n, const struct ind_period *p,
                           struct ind_value *out)
{
    visit_share(v, n, p, counted_visit, by_known_carer, out);
}

/* --- planning ----------------------------------------------------------------- */

void ind_unplanned_share(const struct ind_visit *v, long n, const struct ind_period *p,
                         struct ind_value *out)
{
    visit_share(v, n, p, planned_task, nobody_assigned, out);
}

void ind_outside_window_share(const struct ind_visit *v, long n, const struct ind_period *p,
                              struct ind_value *out)
{
    visit_share(v, n, p, assigned_task, outside_window, out);
}

void ind_travel_per_visit(const struct ind_visit *v, long n, const struct ind_period *p,
                          struct ind_value *out)
{
    struct ids who = {0};
    double travel = 0;
    long den = 0;
    for (long i = 0; i < n; i++) {
        if (!assigned_task(&v[i], p))
            continue;
        den++;
        travel += v[i].travel_min;
        ids_push(&who, v[i].citizen_id);
    }
    ind_ratio(out, 0, den, ids_count(&who), 1.0);
    out->value = den ? travel / (double)den : 0;
    out->num = (long)(travel + 0.5);
}

static int cmp_presence(const void *x, const void *y)
{
    const struct ind_presence *a = x, *b = y;
    if (a->staff_id != b->staff_id)
        return a->staff_id < b->staff_id ? -1 : 1;
    int c = date_cmp(a->day, b->day);
    if (c)
        return c;
    return (a->in > b->in) - (a->in < b->in);
}

/* First presence of (staff, day) in the sorted array, or n. */
static long presence_first(const struct ind_presence *pr, long n, long staff, struct date day)
{
    long lo = 0, hi = n;
    struct ind_presence key = {.staff_id = staff, .day = day, .in = -1000000};
    while (lo < hi) {
        long mid = lo + (hi - lo) / 2;
        if (cmp_presence(&pr[mid], &key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

void ind_time_with_citizens(struct ind_presence *pr, long npr, const struct ind_shift *s, long ns,
                            const struct ind_period *p, struct ind_value *out)
{
    if (npr > 0)
        qsort(pr, (size_t)npr, sizeof *pr, cmp_presence);
    struct ids who = {0};
    long with = 0, shift = 0;
    for (long i = 0; i < ns; i++) {
        if (!ind_in_period(s[i].day, p) || !ind_team_ok(s[i].team_id, p->team_id) ||
            s[i].end <= s[i].start)
            continue;
        shift += s[i].end - s[i].start;
        ids_push(&who, s[i].staff_id);
        int covered_to = s[i].start; /* the union so far ends here */
        for (long j = presence_first(pr, npr, s[i].staff_id, s[i].day);
             j < npr && pr[j].staff_id == s[i].staff_id && !date_cmp(pr[j].day, s[i].day); j++) {
            if (pr[j].out < 0 || pr[j].out <= pr[j].in)
                continue;
            int a = pr[j].in > covered_to ? pr[j].in : covered_to;
            int b = pr[j].out < s[i].end ? pr[j].out : s[i].end;
            if (b > a) {
                with += b - a;
                covered_to = b;
            }
        }
    }
    ind_ratio(out, with, shift, ids_count(&who), 100.0);
}

/* --- early action --------------------------------------------------------------- */

void ind_falls_per_1000(const struct ind_fall *f, long nf, const struct ind_visit *v, long nv,
                        const struct ind_period *p, struct ind_value *out)
{
    struct ids who = {0};
    long falls = 0, visits = 0;
    for (long i = 0; i < nv; i++) {
        if (!counted_visit(&v[i], p))
            continue;
        visits++;
        ids_push(&who, v[i].citizen_id);
    }
    for (long i = 0; i < nf; i++)
        if (ind_in_period(f[i].on, p) && ind_team_ok(f[i].team_id, p->team_id))
            falls++;
    ind_ratio(out, falls, visits, ids_count(&who), 1000.0);
}

void ind_triage_in_time(const struct ind_triage *t, long n, enum triage_level level,
                        const struct ind_period *p, long now, struct ind_value *out)
{
    struct ids who = {0};
    long limit = triage_follow_up_seconds(level);
    long num = 0, den = 0;
    for (long i = 0; i < n; i++) {
        if (t[i].level != level || !ind_team_ok(t[i].team_id, p->team_id) ||
            !ind_in_period(epoch_date(t[i].decided_at), p))
            continue;
        if (t[i].followed_up_at) {
            num += t[i].followed_up_at - t[i].decided_at <= limit;
        } else if (now - t[i].decided_at <= limit) {
            continue; /* still inside its time: pending */
        }
        den++;
        ids_push(&who, t[i].citizen_id);
    }
    ind_ratio(out, num, den, ids_count(&who), 100.0);
}

void ind_evs_within_7d(const struct ind_weight_loss *w, long n, const struct ind_period *p,
                       struct date today, struct ind_value *out)
{
    struct ids who = {0};
    long num = 0, den = 0;
    for (long i = 0; i < n; i++) {
        if (!ind_in_period(w[i].detected, p) || !ind_team_ok(w[i].team_id, p->team_id))
            continue;
        bool evs = w[i].evs.year && date_cmp(w[i].evs, w[i].detected) >= 0;
        if (evs)
            num += days_between(w[i].detected, w[i].evs) <= IND_EVS_DAYS;
        else if (days_between(w[i].detected, today) <= IND_EVS_DAYS)
            continue; /* pending */
        den++;
        ids_push(&who, w[i].citizen_id);
    }
    ind_ratio(out, num, den, ids_count(&who), 100.0);
}

const char *ind_age_group_label(enum ind_age_group g)
{
    static const char *const labels[IND_AGE_COUNT] = {"Under 70 år", "70–74 år",       "75–79 år",
                                                      "80–84 år",    "85 år og ældre", "Alle"};
    return g >= 0 && g < IND_AGE_COUNT ? labels[g] : "";
}

enum ind_age_group ind_age_group_of(int age)
{
    if (age < 70)
        return IND_AGE_UNDER_70;
    if (age < 75)
        return IND_AGE_70_74;
    if (age < 80)
        return IND_AGE_75_79;
    if (age < 85)
        return IND_AGE_80_84;
    return IND_AGE_85_PLUS;
}

void ind_pv_by_age(const struct ind_pv *v, long n, long team_id,
                   struct ind_value offered[IND_AGE_COUNT],
                   struct ind_value accepted[IND_AGE_COUNT])
{
    long eligible[IND_AGE_COUNT] = {0}, off[IND_AGE_COUNT] = {0}, acc[IND_AGE_COUNT] = {0};
    for (long i = 0; i < n; i++) {
        if (!ind_team_ok(v[i].team_id, team_id))
            continue;
        enum ind_age_group g = ind_age_group_of(v[i].age);
        enum ind_age_group both[2] = {g, IND_AGE_ALL};
        for (int k = 0; k < 2; k++) {
            eligible[both[k]]++;
            off[both[k]] += v[i].offered;
            acc[both[k]] += v[i].offered && v[i].accepted;
        }
    }
    /* One row per citizen and year: the rows counted are the persons. */
    for (int g = 0; g < IND_AGE_COUNT; g++) {
        ind_ratio(&offered[g], off[g], eligible[g], eligible[g], 100.0);
        ind_ratio(&accepted[g], acc[g], off[g], off[g], 100.0);
    }
}

/* --- the citizen decides ----------------------------------------------------------- */

void ind_citizen_share(const struct ind_citizen *c, long n, enum ind_citizen_flag flag,
                       long team_id, struct ind_value *out)
{
    long num = 0, den = 0;
    for (long i = 0; i < n; i++) {
        if (!c[i].receives_help || !ind_team_ok(c[i].team_id, team_id))
            continue;
        den++;
        switch (flag) {
        case IND_CF_WHAT_MATTERS:
            num += c[i].what_matters;
            break;
        case IND_CF_GOALS:
            num += c[i].goals > 0;
            break;
        case IND_CF_COORDINATOR:
            num += c[i].coordinator;
            break;
        case IND_CF_NETWORK:
            num += c[i].network_consent;
            break;
        }
    }
    ind_ratio(out, num, den, den, 100.0); /* one row per citizen */
}

void ind_goals_reached(const struct ind_goal *g, long n, const struct ind_period *p,
                       struct ind_value *out)
{
    struct ids who = {0};
    long num = 0, den = 0;
    for (long i = 0; i < n; i++) {
        if (g[i].status == IND_GOAL_OPEN || !ind_in_period(g[i].followed_up, p) ||
            !ind_team_ok(g[i].team_id, p->team_id))
            continue;
        den++;
        num += g[i].status == IND_GOAL_REACHED;
        ids_push(&who, g[i].citizen_id);
    }
    ind_ratio(out, num, den, ids_count(&who), 100.0);
}

/* --- rehabilitation first -------------------------------------------------------------- */

void ind_rehab_less_help(const struct ind_course *c, long n, const struct ind_period *p,
                         struct ind_value *out)
{
    struct ids who = {0};
    long num = 0, den = 0;
    for (long i = 0; i < n; i++) {
        if (!c[i].end.year || !c[i].after_known || !ind_in_period(c[i].end, p) ||
            !ind_team_ok(c[i].team_id, p->team_id))
            continue;
        den++;
        num += c[i].minutes_after == 0 || c[i].minutes_after < c[i].minutes_before;
        ids_push(&who, c[i].citizen_id);
    }
    ind_ratio(out, num, den, ids_count(&who), 100.0);
}

int ind_rehab_days_to_start(struct arena *a, const struct ind_course *c, long n,
                            const struct ind_period *p, struct ind_dist *out)
{
    memset(out, 0, sizeof *out);
    double *days = n > 0 ? arena_alloc(a, (size_t)n * sizeof *days) : NULL;
    if (n > 0 && !days)
        return -1;
    struct ids who = {0};
    long k = 0;
    for (long i = 0; i < n; i++) {
        if (!c[i].requested.year || !ind_in_period(c[i].start, p) ||
            !ind_team_ok(c[i].team_id, p->team_id) || date_cmp(c[i].start, c[i].requested) < 0)
            continue;
        days[k++] = (double)days_between(c[i].requested, c[i].start);
        ids_push(&who, c[i].citizen_id);
    }
    out->n = k;
    out->persons = ids_count(&who);
    out->empty = k == 0;
    out->suppressed = out->persons < IND_MIN_PERSONS;
    ind_quantiles(days, k, &out->median, &out->p90);
    return 0;
}

void ind_rehab_first_share(const struct ind_first_grant *g, long n, const struct ind_period *p,
                           struct ind_value *out)
{
    long num = 0, den = 0;
    for (long i = 0; i < n; i++) {
        if (!ind_in_period(g[i].start, p) || !ind_team_ok(g[i].team_id, p->team_id))
            continue;
        den++;
        num += g[i].rehabilitation;
    }
    ind_ratio(out, num, den, den, 100.0); /* one first grant per citizen */
}

/* --- welfare technology ---------------------------------------------------------------- */

static void wt_year(const struct ind_wt_offer *o, long n, int year, long team_id,
                    struct ind_value *out)
{
    struct ids who = {0};
    for (long i = 0; i < n; i++)
        if (o[i].offered.year == year && ind_team_ok(o[i].team_id, team_id))
            ids_push(&who, o[i].citizen_id);
    long k = ids_count(&who);
    memset(out, 0, sizeof *out);
    out->value = (double)k;
    out->num = k;
    out->persons = k;
    out->empty = k == 0;
    out->suppressed = k < IND_MIN_PERSONS;
}

void ind_wt_offered(const struct ind_wt_offer *o, long n, int year, long team_id,
                    struct ind_value *out, struct ind_value *previous)
{
    wt_year(o, n, year, team_id, out);
    wt_year(o, n, year - 1, team_id, previous);
}
