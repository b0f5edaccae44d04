/*
 * planted.c — the planted-plan generator (plan_generate_planted): a
 * home-care day whose complete plan is known, because the routes are built
 * first and the citizens' windows are then placed around them.
 *
 * Each team has an area (a cell of a grid), an office in its middle and
 * citizens around a few housing clusters. Its carers work a day shift
 * (07:00-15:00; nurses 07:30-15:30) or an evening shift (15:00-23:00), each
 * with a 30-minute break in a window. The carers of a team are walked
 * through their shifts together, always the one free first: it takes its
 * break when due, else the next visit of a kind that suits the time of day
 * and its skills (morning care, practical help, meals at lunch and dinner,
 * evening care; nursing for nurses) at one of the nearest citizens of its
 * team not visited within the hour, after an idle gap that makes the
 * carer's busy share (service and travel over working time) follow a
 * profile with peaks at 07-09, 11:30-13, 17-18:30 and 20-22 whose mean is
 * the chosen utilization. A double-staffed visit takes a second carer of
 * the same shift free within 20 minutes (both start when the later one is
 * there); a meal can ask for medicine 30-60 minutes after it starts, which
 * the first nurse of the shift free in time takes (a sync pair). Then each
 * visit gets a window around its planted start (45-180 minutes wide by
 * kind; inside the peak it was planted in, at least 30 minutes wide; some
 * with a second window), and with
 * preferences its planted carers are the ones the citizen knows.
 *
 * The number of carers per team is searched so that the team's walk makes
 * at least its share of the visits; the few made beyond it are dropped
 * (their time becomes idle). Deterministic per options and seed; the JSON
 * is built with jansson. Travel is the engine's own haversine metric
 * (pm_travel_geo), so the planted plan's travel is exactly what the engine
 * and the checker compute.
 */
#include "plan/model.h"

#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SPEED     25.0
#define DETOUR    1.3
#define BREAK_DUR 30.0
#define NEAREST   6 /* the next citizen is one of this many nearest eligible */

enum kind { DAY, DAY_NURSE, EVE, EVE_NURSE };
enum vkind { CARE, MEAL, PRACTICAL, NURSING, MEDICINE };
enum skill { PERSONAL, PRACTICAL_HELP, NURSE };

static const char *const skill_name[3] = {"personlig-pleje", "praktisk-hjaelp", "sygepleje"};

struct cit {
    struct pm_loc loc;
    double weight;  /* how often the citizen is chosen among the nearest */
    double free_at; /* end of the citizen's last visit */
    int out;        /* index among the written locations, -1 unused */
};

struct stop {
    int visit; /* -1: the break */
    double start;
};

struct carer {
    int kind;
    double from, to, bfrom, bto, bplan;
    int taken, done;
    double t; /* free to leave at */
    int at;   /* citizen index; -1 the office */
    double busy;
    struct stop *stops;
    int n, cap;
};

struct visit {
    int cit, kind, skill;
    double start, dur;
    int carer[2], n_carers;
    int sync_with; /* visit index or -1 */
    double win[2][2];
    int n_win;
    int dead; /* dropped to meet the visit count */
    int id;   /* number in the output */
};

struct pending {
    int visit;
    int eve;
};

struct team {
    int idx;
    double lat0, lon0; /* the cell's south-west corner */
    struct pm_loc office;
    struct cit *cit;
    int n_cit;
    struct carer *car;
    int n_car, cap_car;
    struct visit *vis;
    int n_vis, cap_vis;
    struct pending *pend;
    int n_pend, cap_pend;
    int n_double, n_sync;
};

struct gen {
    const struct plan_planted *o;
    double peak, off; /* busy shares in and out of the peaks */
};

static double unit(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    z ^= z >> 31;
    return (double)(z >> 11) * (1.0 / 9007199254740992.0);
}

static int pick(uint64_t *s, int n)
{
    return n > 1 ? (int)(unit(s) * n) % n : 0;
}

/* Cell size of a team's area (degrees): about 1.7 km by 1.9 km. */
#define CELL_LAT 0.0155
#define CELL_LON 0.0300

static double travel(const struct team *T, int a, int b)
{
    const struct pm_loc *x = a < 0 ? &T->office : &T->cit[a].loc;
    const struct pm_loc *y = b < 0 ? &T->office : &T->cit[b].loc;
    return a == b ? 0 : pm_travel_geo(x, y, DETOUR, SPEED);
}

/* The peaks of the day (minutes from midnight). */
static const double peaks[4][2] = {{420, 540}, {690, 780}, {1020, 1110}, {1200, 1320}};

static int in_peak(double t)
{
    for (int i = 0; i < 4; i++)
        if (t >= peaks[i][0] && t < peaks[i][1])
            return 1;
    return 0;
}

/* The busy shares in and out of the peaks whose mean over a shift is the
 * utilization u: in a peak most of the room left goes (u + 0.7 (1 - u)). */
static void busy_levels(struct gen *G, double u)
{
    double f = 210.0 / 450.0; /* 3.5 h of peaks in 7.5 h of work, either shift */
    G->peak = u + 0.7 * (1 - u);
    if (G->peak > 0.995)
        G->peak = 0.995;
    G->off = (u - f * G->peak) / (1 - f);
    if (G->off < 0.3)
        G->off = 0.3;
}

static int push_stop(struct carer *C, int visit, double start)
{
    if (C->n == C->cap) {
        int cap = C->cap ? 2 * C->cap : 16;
        struct stop *s = realloc(C->stops, (size_t)cap * sizeof *s);
        if (!s)
            return -1;
        C->stops = s;
        C->cap = cap;
    }
    C->stops[C->n++] = (struct stop){visit, start};
    return 0;
}

static struct visit *new_visit(struct team *T)
{
    if (T->n_vis == T->cap_vis) {
        int cap = T->cap_vis ? 2 * T->cap_vis : 64;
        struct visit *v = realloc(T->vis, (size_t)cap * sizeof *v);
        if (!v)
            return NULL;
        T->vis = v;
        T->cap_vis = cap;
    }
    struct visit *v = &T->vis[T->n_vis++];
    memset(v, 0, sizeof *v);
    v->sync_with = -1;
    return v;
}

/* The kind, skill and duration of a carer's next visit at time t. */
static void choose_kind(uint64_t *r, int kind, double t, int *vk, int *sk, double *dur)
{
    double u = unit(r);
    if (kind == DAY_NURSE || kind == EVE_NURSE) {
        if (u < 0.6) {
            *vk = NURSING, *sk = NURSE, *dur = 15 + 5 * pick(r, 4);
        } else if (u < 0.85) {
            *vk = MEDICINE, *sk = NURSE, *dur = 10;
        } else {
            *vk = CARE, *sk = PERSONAL, *dur = 15 + 5 * pick(r, 3);
        }
        return;
    }
    *vk = CARE, *sk = PERSONAL;
    if (t < 600) /* morning care */
        *dur = 20 + 5 * pick(r, 6);
    else if ((t >= 680 && t < 780) || (t >= 1010 && t < 1110)) { /* lunch, dinner */
        if (u < 0.8)
            *vk = MEAL;
        *dur = 15 + 5 * pick(r, 3);
    } else if (t >= 1190 && t < 1320) /* evening care */
        *dur = 20 + 5 * pick(r, 5);
    else if (t < 1020 && u < 0.5) {
        *vk = PRACTICAL, *sk = PRACTICAL_HELP, *dur = 30 + 15 * pick(r, 3);
    } else
        *dur = 15 + 5 * pick(r, 4);
}

/* One of the NEAREST nearest citizens to `at` free by time t (weighted by
 * their need); the nearest at all when none is. */
static int choose_citizen(const struct team *T, uint64_t *r, int at, double t)
{
    int best[NEAREST], n = 0, any = -1;
    double bd[NEAREST], anyd = PM_INF;
    for (int c = 0; c < T->n_cit; c++) {
        double d = travel(T, at, c);
        if (c == at)
            continue;
        if (d < anyd)
            anyd = d, any = c;
        if (T->cit[c].free_at + 60 > t + d)
            continue;
        int j = n < NEAREST ? n++ : NEAREST;
        if (j == NEAREST && d >= bd[NEAREST - 1])
            continue;
        if (j == NEAREST)
            j = NEAREST - 1;
        while (j > 0 && bd[j - 1] > d) {
            bd[j] = bd[j - 1];
            best[j] = best[j - 1];
            j--;
        }
        bd[j] = d;
        best[j] = c;
    }
    if (n == 0)
        return any >= 0 ? any : 0;
    double w = 0;
    for (int i = 0; i < n; i++)
        w += T->cit[best[i]].weight;
    double x = unit(r) * w;
    for (int i = 0; i < n; i++)
        if ((x -= T->cit[best[i]].weight) <= 0)
            return best[i];
    return best[n - 1];
}

static int is_nurse(int kind)
{
    return kind == DAY_NURSE || kind == EVE_NURSE;
}
static int is_eve(int kind)
{
    return kind == EVE || kind == EVE_NURSE;
}

/* Take the break now (at the carer's place, from its window's start). */
static int take_break(struct carer *C)
{
    double bs = C->t > C->bfrom ? C->t : C->bfrom;
    if (push_stop(C, -1, bs))
        return -1;
    C->t = bs + BREAK_DUR;
    C->taken = 1;
    return 0;
}

/* May carer C, free at its t, serve a visit of length dur at citizen c
 * starting at s, get home in time and still take its break? */
static int fits(const struct team *T, const struct carer *C, int c, double s, double dur)
{
    if (s + dur + travel(T, c, -1) > C->to)
        return 0;
    return C->taken || s + dur <= C->bto - BREAK_DUR;
}

static void serve(struct team *T, struct carer *C, int c, int v, double s, double dur)
{
    double tr = travel(T, C->at, c);
    C->busy += tr + dur;
    C->t = s + dur;
    C->at = c;
    if (T->cit[c].free_at < s + dur)
        T->cit[c].free_at = s + dur;
    (void)v;
}

/* A nurse free at C->t takes the pending medicine due first that she can
 * reach in time. 1 taken, 0 none, -1 oom. */
static int take_medicine(struct team *T, struct carer *C)
{
    int bi = -1;
    double bs = 0, bdue = PM_INF;
    for (int i = 0; i < T->n_pend; i++) {
        const struct visit *a = &T->vis[T->pend[i].visit];
        if (T->pend[i].eve != is_eve(C->kind))
            continue;
        double s = C->t + travel(T, C->at, a->cit);
        if (s < a->start + 30)
            s = a->start + 30;
        if (s > a->start + 60 || !fits(T, C, a->cit, s, 10) || a->start + 60 >= bdue)
            continue;
        bi = i, bs = s, bdue = a->start + 60;
    }
    if (bi < 0)
        return 0;
    int a = T->pend[bi].visit;
    T->pend[bi] = T->pend[--T->n_pend];
    struct visit *v = new_visit(T);
    if (!v)
        return -1;
    int c = T->vis[a].cit;
    *v = (struct visit){.cit = c,
                        .kind = MEDICINE,
                        .skill = NURSE,
                        .start = bs,
                        .dur = 10,
                        .carer = {(int)(C - T->car), -1},
                        .n_carers = 1,
                        .sync_with = a};
    if (push_stop(C, T->n_vis - 1, bs))
        return -1;
    serve(T, C, c, T->n_vis - 1, bs, 10);
    T->n_sync++;
    return 1;
}

static double busy_at(const struct gen *G, double t)
{
    return in_peak(t) ? G->peak : G->off;
}

/* n carers of the team in shifts (about two thirds by day, some nurses in
 * each shift), and when part > 0 one more who works part time: part
 * minutes from 07:00 (teams of even index) or up to 23:00, with a break
 * only from six hours. */
static void team_carers(struct team *T, int n, double part)
{
    int day = n >= 2 ? (int)lround(0.68 * n) : n, eve = n - day;
    int dn = day >= 3 ? (int)lround(0.15 * day) : 0, en = eve >= 2 ? (int)lround(0.15 * eve) : 0;
    if (day >= 3 && dn < 1)
        dn = 1;
    if (eve >= 2 && en < 1)
        en = 1;
    for (int k = 0; k < n + (part > 0); k++) {
        struct carer *C = &T->car[k];
        int kind = k >= n         ? (T->idx % 2 ? EVE : DAY)
                   : k < day - dn ? DAY
                   : k < day      ? DAY_NURSE
                   : k < n - en   ? EVE
                                  : EVE_NURSE;
        struct stop *keep = C->stops;
        int cap = C->cap;
        memset(C, 0, sizeof *C);
        C->stops = keep;
        C->cap = cap;
        C->kind = kind;
        C->from = kind == DAY ? 420 : kind == DAY_NURSE ? 450 : 900;
        C->to = C->from + 480;
        C->bfrom = kind == DAY ? 630 : kind == DAY_NURSE ? 660 : 1110;
        C->bto = kind == DAY ? 780 : kind == DAY_NURSE ? 810 : 1230;
        if (k >= n) {
            if (kind == DAY)
                C->to = C->from + part;
            else
                C->from = C->to - part;
            C->taken = part < 360; /* no break */
        }
        C->t = C->from;
        C->at = -1;
    }
}

/* Walk the team's n carers through their shifts; fills T->vis and the
 * carers' stops. -1 on out-of-memory. */
static int walk(const struct gen *G, struct team *T, int n, double part, uint64_t seed)
{
    const struct plan_planted *o = G->o;
    uint64_t r = seed;
    team_carers(T, n, part);
    n += part > 0;
    T->n_car = n;
    T->n_vis = T->n_pend = T->n_double = T->n_sync = 0;
    for (int c = 0; c < T->n_cit; c++)
        T->cit[c].free_at = -PM_INF;
    for (int k = 0; k < n; k++)
        T->car[k].bplan =
            T->car[k].bfrom + unit(&r) * (T->car[k].bto - T->car[k].bfrom - BREAK_DUR - 15);
    for (;;) {
        int k = -1;
        for (int j = 0; j < n; j++)
            if (!T->car[j].done && (k < 0 || T->car[j].t < T->car[k].t))
                k = j;
        if (k < 0)
            break;
        struct carer *C = &T->car[k];
        if (!C->taken && C->n > 0 && C->t >= C->bplan) {
            if (take_break(C))
                return -1;
            continue;
        }
        if (is_nurse(C->kind) && o->sync_share > 0) {
            int rc = take_medicine(T, C);
            if (rc < 0)
                return -1;
            if (rc)
                continue;
        }
        int vk, sk;
        double dur;
        choose_kind(&r, C->kind, C->t, &vk, &sk, &dur);
        int c = choose_citizen(T, &r, C->at, C->t);
        double tr = travel(T, C->at, c), a = C->t + tr, b = busy_at(G, a);
        double s = a + (tr + dur) * (1 / b - 1) * 2 * unit(&r);
        if (!C->taken && C->n > 0 && s + dur > C->bto - BREAK_DUR) {
            if (take_break(C))
                return -1;
            continue;
        }
        if (!fits(T, C, c, s, dur)) {
            /* the shift's last visit (or the last before the break): care
             * without idling that fills the time left, else home */
            double end = C->taken ? C->to - travel(T, c, -1) : C->bto - BREAK_DUR;
            vk = CARE, sk = PERSONAL, s = a;
            dur = floor((end - a) / 5) * 5;
            dur = dur > 45 ? 45 : dur < 10 ? 10 : dur;
            if (!fits(T, C, c, s, dur)) {
                C->done = 1;
                if (!C->taken && C->n > 0 && take_break(C))
                    return -1;
                continue;
            }
        }
        /* a second carer for a double-staffed visit of care */
        int partner = -1;
        if (vk == CARE && !is_nurse(C->kind) && T->n_double < o->double_share * (T->n_vis + 1)) {
            double ps = PM_INF;
            for (int j = 0; j < n; j++) {
                struct carer *D = &T->car[j];
                if (j == k || D->done || D->kind != C->kind || D->t > C->t + 20)
                    continue;
                double s2 = D->t + travel(T, D->at, c);
                if (s2 < s)
                    s2 = s;
                if (s2 > s + 20 || !fits(T, D, c, s2, dur) || !fits(T, C, c, s2, dur) ||
                    (!D->taken && D->n > 0 && D->bplan <= s2 + dur))
                    continue;
                if (s2 < ps)
                    ps = s2, partner = j;
            }
            if (partner >= 0)
                s = ps;
        }
        if (vk == MEAL && !((s >= 690 && s < 780) || (s >= 1020 && s < 1110)))
            vk = CARE;
        struct visit *v = new_visit(T);
        if (!v)
            return -1;
        *v = (struct visit){.cit = c,
                            .kind = vk,
                            .skill = sk,
                            .start = s,
                            .dur = dur,
                            .carer = {k, partner},
                            .n_carers = partner >= 0 ? 2 : 1,
                            .sync_with = -1};
        int vi = T->n_vis - 1;
        if (push_stop(C, vi, s))
            return -1;
        serve(T, C, c, vi, s, dur);
        if (partner >= 0) {
            if (push_stop(&T->car[partner], vi, s))
                return -1;
            serve(T, &T->car[partner], c, vi, s, dur);
            T->n_double++;
        }
        if (vk == MEAL && partner < 0 && o->sync_share > 0 &&
            T->n_sync + T->n_pend < o->sync_share * (T->n_vis + 1)) {
            if (T->n_pend == T->cap_pend) {
                int cap = T->cap_pend ? 2 * T->cap_pend : 16;
                struct pending *pp = realloc(T->pend, (size_t)cap * sizeof *pp);
                if (!pp)
                    return -1;
                T->pend = pp;
                T->cap_pend = cap;
            }
            T->pend[T->n_pend++] = (struct pending){vi, s >= 900};
        }
    }
    return 0;
}

/* Live (not dropped) visits of the team. */
static int live(const struct team *T)
{
    int n = 0;
    for (int i = 0; i < T->n_vis; i++)
        n += !T->vis[i].dead;
    return n;
}

/* Drop visits at random (single, not tied) until `want` are left. */
static void trim(struct team *T, int want, uint64_t *r)
{
    int tied_guard = 0;
    while (live(T) > want && tied_guard < 100000) {
        tied_guard++;
        int i = pick(r, T->n_vis);
        struct visit *v = &T->vis[i];
        if (v->dead || v->n_carers > 1 || v->sync_with >= 0 || v->kind == MEAL)
            continue;
        v->dead = 1;
        struct carer *C = &T->car[v->carer[0]];
        for (int j = 0; j < C->n; j++)
            if (C->stops[j].visit == i) {
                memmove(C->stops + j, C->stops + j + 1, (size_t)(C->n - j - 1) * sizeof *C->stops);
                C->n--;
                break;
            }
    }
}

/* Windows around each planted start: width by kind, the start at a random
 * point inside (rounded outward to 5 minutes); a visit planted in a peak is
 * agreed within that peak (at least 30 minutes of it); one visit in twenty
 * (not tied) gets a second window three to four hours later. */
static void windows(struct team *T, uint64_t *r)
{
    for (int i = 0; i < T->n_vis; i++) {
        struct visit *v = &T->vis[i];
        double w;
        switch (v->kind) {
        case MEAL:
            w = 60;
            break;
        case PRACTICAL:
            w = 180;
            break;
        case NURSING:
            w = 120;
            break;
        case MEDICINE:
            w = 45 + 15 * pick(r, 2);
            break;
        default:
            w = v->start < 600 ? 60 + 30 * pick(r, 2) : 60;
        }
        double a = 0.15 + 0.7 * unit(r);
        double from = floor((v->start - a * w) / 5) * 5,
               to = ceil((v->start + (1 - a) * w) / 5) * 5;
        for (int k = 0; k < 4; k++) /* planted in a peak: agreed within it */
            if (v->start >= peaks[k][0] && v->start < peaks[k][1]) {
                from = from < peaks[k][0] ? peaks[k][0] : from;
                to = to > peaks[k][1] ? peaks[k][1] : to;
                if (to - from < 30) {
                    from = to - 30 < peaks[k][0] ? peaks[k][0] : to - 30;
                    to = from + 30;
                }
            }
        v->win[0][0] = from;
        v->win[0][1] = to;
        v->n_win = 1;
        if (v->kind != MEAL && v->kind != MEDICINE && v->sync_with < 0 && unit(r) < 0.05 &&
            to + 240 < 1380) {
            v->win[1][0] = to + 180;
            v->win[1][1] = to + 240;
            v->n_win = 2;
        }
    }
}

static json_t *pair(double a, double b)
{
    return json_pack("[f,f]", a, b);
}

static void team_name(char *buf, size_t n, int t)
{
    snprintf(buf, n, "t%02d", t + 1);
}

static void carer_id(char *buf, size_t n, const struct team *T, int k)
{
    static const char *const kn[4] = {"dag", "dagsyg", "aften", "aftensyg"};
    int nth = 0;
    for (int j = 0; j < k; j++)
        nth += T->car[j].kind == T->car[k].kind;
    snprintf(buf, n, "t%02d-%s%02d", T->idx + 1, kn[T->car[k].kind], nth + 1);
}

static void cit_id(char *buf, size_t n, const struct team *T, int c)
{
    snprintf(buf, n, "t%02d-c%03d", T->idx + 1, c + 1);
}

struct out {
    json_t *locs, *carers, *visits, *routes;
    double travel, busy, work, peak_busy, peak_work;
    int used, carers_n, visits_n, n_double, n_sync;
};

static int cmp_vis(const void *a, const void *b, void *ctx)
{
    const struct team *T = ctx;
    const struct visit *x = &T->vis[*(const int *)a], *y = &T->vis[*(const int *)b];
    if (x->cit != y->cit)
        return x->cit - y->cit;
    return (x->start > y->start) - (x->start < y->start);
}

/* Busy minutes of carer C inside [lo, hi): service and travel legs. */
static double busy_in(const struct team *T, const struct carer *C, double lo, double hi)
{
    double b = 0, t = C->from;
    int at = -1;
    for (int i = 0; i <= C->n; i++) {
        if (i < C->n && C->stops[i].visit < 0) {
            t = C->stops[i].start + BREAK_DUR;
            continue;
        }
        int c = i < C->n ? T->vis[C->stops[i].visit].cit : -1;
        double tr = travel(T, at, c), s0 = t, s1 = t + tr;
        b += fmax(0, fmin(s1, hi) - fmax(s0, lo));
        if (i == C->n)
            break;
        const struct visit *v = &T->vis[C->stops[i].visit];
        b += fmax(0, fmin(v->start + v->dur, hi) - fmax(v->start, lo));
        t = v->start + v->dur;
        at = c;
    }
    return b;
}

static double work_of(const struct carer *C)
{
    return C->to - C->from - (C->to - C->from >= 360 ? BREAK_DUR : 0);
}

/* The team's utilization: service and travel over working time. */
static double team_util(const struct team *T)
{
    double b = 0, w = 0;
    for (int k = 0; k < T->n_car; k++) {
        b += busy_in(T, &T->car[k], 0, 2000);
        w += work_of(&T->car[k]);
    }
    return w > 0 ? b / w : 0;
}

static int emit_team(const struct plan_planted *o, struct team *T, struct out *X, int *next_id)
{
    char id[64], tn[16], lid[64];
    team_name(tn, sizeof tn, T->idx);
    json_t *l = json_object();
    snprintf(lid, sizeof lid, "%s-kontor", tn);
    json_object_set_new(l, "id", json_string(lid));
    json_object_set_new(l, "lat", json_real(T->office.lat));
    json_object_set_new(l, "lon", json_real(T->office.lon));
    json_array_append_new(X->locs, l);
    for (int c = 0; c < T->n_cit; c++)
        T->cit[c].out = -1;
    int *order = malloc((size_t)(T->n_vis + 1) * sizeof *order), n = 0;
    if (!order)
        return -1;
    for (int i = 0; i < T->n_vis; i++)
        if (!T->vis[i].dead)
            order[n++] = i;
    qsort_r(order, (size_t)n, sizeof *order, cmp_vis, T);
    for (int i = 0; i < n; i++)
        T->vis[order[i]].id = (*next_id)++;
    for (int k = 0; k < T->n_car; k++) {
        const struct carer *C = &T->car[k];
        json_t *c = json_object(), *sk = json_array();
        carer_id(id, sizeof id, T, k);
        json_object_set_new(c, "id", json_string(id));
        json_object_set_new(c, "start", json_string(lid));
        json_object_set_new(c, "end", json_string(lid));
        json_object_set_new(c, "shift", pair(C->from, C->to));
        json_array_append_new(sk, json_string(skill_name[PERSONAL]));
        json_array_append_new(sk,
                              json_string(skill_name[is_nurse(C->kind) ? NURSE : PRACTICAL_HELP]));
        json_object_set_new(c, "skills", sk);
        if (o->teams)
            json_object_set_new(c, "team", json_string(tn));
        int has_break = work_of(C) < C->to - C->from;
        if (has_break)
            json_object_set_new(
                c, "breaks",
                json_pack("[{s:o,s:f}]", "window", pair(C->bfrom, C->bto), "duration", BREAK_DUR));
        json_array_append_new(X->carers, c);
        X->carers_n++;
        X->work += work_of(C);
        if (C->kind >= EVE) {
            X->peak_busy += busy_in(T, C, 1020, 1110);
            X->peak_work += fmax(0, fmin(C->to, 1110) - fmax(C->from, 1020));
        }
        if (!C->n)
            continue;
        json_t *ro = json_object(), *stops = json_array();
        json_object_set_new(ro, "carer", json_string(id));
        int at = -1;
        for (int i = 0; i < C->n; i++) {
            const struct stop *st = &C->stops[i];
            if (st->visit < 0) {
                json_array_append_new(stops,
                                      json_pack("{s:i,s:f}", "break", 0, "start", st->start));
                continue;
            }
            const struct visit *v = &T->vis[st->visit];
            snprintf(id, sizeof id, "v%05d", v->id);
            json_array_append_new(stops, json_pack("{s:s,s:f}", "visit", id, "start", st->start));
            double tr = travel(T, at, v->cit);
            X->travel += tr;
            X->busy += tr + v->dur;
            at = v->cit;
        }
        X->travel += travel(T, at, -1);
        X->busy += travel(T, at, -1);
        X->used++;
        json_object_set_new(ro, "stops", stops);
        json_array_append_new(X->routes, ro);
    }
    for (int i = 0; i < n; i++) {
        const struct visit *v = &T->vis[order[i]];
        struct cit *ci = &T->cit[v->cit];
        cit_id(lid, sizeof lid, T, v->cit);
        if (ci->out < 0) {
            ci->out = 1;
            json_array_append_new(X->locs, json_pack("{s:s,s:f,s:f}", "id", lid, "lat", ci->loc.lat,
                                                     "lon", ci->loc.lon));
        }
        json_t *x = json_object(), *ws = json_array();
        snprintf(id, sizeof id, "v%05d", v->id);
        json_object_set_new(x, "id", json_string(id));
        json_object_set_new(x, "citizen", json_string(lid));
        json_object_set_new(x, "location", json_string(lid));
        json_object_set_new(x, "duration", json_real(v->dur));
        for (int w = 0; w < v->n_win; w++)
            json_array_append_new(ws, pair(v->win[w][0], v->win[w][1]));
        json_object_set_new(x, "windows", ws);
        json_object_set_new(x, "skills", json_pack("[s]", skill_name[v->skill]));
        if (v->n_carers > 1) {
            json_object_set_new(x, "carers", json_integer(v->n_carers));
            X->n_double++;
        }
        if (o->teams)
            json_object_set_new(x, "team", json_string(tn));
        if (o->preferences) {
            json_t *pc = json_array();
            for (int j = 0; j < v->n_carers; j++) {
                carer_id(id, sizeof id, T, v->carer[j]);
                json_array_append_new(pc, json_string(id));
            }
            json_object_set_new(x, "preferred_carers", pc);
        }
        if (v->sync_with >= 0) {
            snprintf(id, sizeof id, "v%05d", T->vis[v->sync_with].id);
            json_object_set_new(x, "sync", json_pack("{s:s,s:[i,i]}", "with", id, "gap", 30, 60));
            X->n_sync++;
        }
        json_array_append_new(X->visits, x);
        X->visits_n++;
    }
    free(order);
    return 0;
}

/* Citizens of team T around a few housing clusters in its cell, and its
 * office in the middle. */
static int place_team(struct team *T, int t, int cols, int n_cit, uint64_t *r)
{
    T->idx = t;
    T->lat0 = 55.70 + CELL_LAT * (t / cols);
    T->lon0 = 12.38 + CELL_LON * (t % cols);
    T->office.lat = T->lat0 + CELL_LAT / 2;
    T->office.lon = T->lon0 + CELL_LON / 2;
    pm_loc_geo(&T->office);
    T->cit = calloc((size_t)n_cit, sizeof *T->cit);
    if (!T->cit)
        return -1;
    T->n_cit = n_cit;
    double cl[5][2];
    for (int i = 0; i < 5; i++) {
        cl[i][0] = T->lat0 + CELL_LAT * (0.15 + 0.7 * unit(r));
        cl[i][1] = T->lon0 + CELL_LON * (0.15 + 0.7 * unit(r));
    }
    for (int c = 0; c < n_cit; c++) {
        struct cit *x = &T->cit[c];
        if (unit(r) < 0.6) { /* a cluster: about 150 m around its middle */
            int k = pick(r, 5);
            double g1 = unit(r) + unit(r) + unit(r) - 1.5, g2 = unit(r) + unit(r) + unit(r) - 1.5;
            x->loc.lat = cl[k][0] + g1 * 0.0016;
            x->loc.lon = cl[k][1] + g2 * 0.0028;
        } else {
            x->loc.lat = T->lat0 + CELL_LAT * unit(r);
            x->loc.lon = T->lon0 + CELL_LON * unit(r);
        }
        /* rounded as written (6 decimals: 0.1 m), so travel here is the engine's */
        x->loc.lat = round(x->loc.lat * 1e6) / 1e6;
        x->loc.lon = round(x->loc.lon * 1e6) / 1e6;
        pm_loc_geo(&x->loc);
        x->weight = 0.5 - log(1 - unit(r) * 0.999);
    }
    T->office.lat = round(T->office.lat * 1e6) / 1e6;
    T->office.lon = round(T->office.lon * 1e6) / 1e6;
    pm_loc_geo(&T->office);
    return 0;
}

static int ensure_carers(struct team *T, int n)
{
    if (n <= T->cap_car)
        return 0;
    struct carer *c = realloc(T->car, (size_t)n * sizeof *c);
    if (!c)
        return -1;
    memset(c + T->cap_car, 0, (size_t)(n - T->cap_car) * sizeof *c);
    T->car = c;
    T->cap_car = n;
    return 0;
}

/* Walk the team with n carers (and a part-timer of `part` minutes);
 * returns the visits made, -1 on oom. */
static int walk_n(const struct gen *G, struct team *T, int n, double part)
{
    if (ensure_carers(T, n + 1))
        return -1;
    uint64_t s = (uint64_t)G->o->seed * 0x9e3779b97f4a7c15ull ^ ((uint64_t)T->idx << 32) ^
                 (uint64_t)n ^ ((uint64_t)part << 16);
    unit(&s);
    return walk(G, T, n, part, s) ? -1 : T->n_vis;
}

/* The smallest carer count (searched from an estimate) whose walk makes
 * at least `want` visits; then, with one full-time carer fewer, the
 * shortest part-time shift (15-minute steps from 2 to 8 hours) that still
 * makes them, so that few visits are made beyond `want` (dropping them
 * leaves holes in the routes). The team is left walked with the choice. */
static int size_team(const struct gen *G, struct team *T, int want)
{
    int n = want / 12 + 1, got = walk_n(G, T, n, 0);
    for (int step = 0; got >= 0 && got < want && step < 40; step++) {
        int est = (int)ceil((double)n * want / (got > 0 ? got : 1));
        n = est > n ? est : n + 1;
        got = walk_n(G, T, n, 0);
    }
    if (got < want)
        return -1;
    while (n > 1) {
        got = walk_n(G, T, n - 1, 0);
        if (got < 0)
            return -1;
        if (got < want)
            break;
        n--;
    }
    double part = 0;
    if (n > 1) {
        int lo = 8, hi = 32; /* quarter hours; hi fits unless proven otherwise */
        got = walk_n(G, T, n - 1, hi * 15.0);
        if (got < 0)
            return -1;
        if (got >= want) {
            while (lo < hi) {
                int mid = (lo + hi) / 2;
                got = walk_n(G, T, n - 1, mid * 15.0);
                if (got < 0)
                    return -1;
                if (got >= want)
                    hi = mid;
                else
                    lo = mid + 1;
            }
            n--;
            part = hi * 15.0;
        }
    }
    return walk_n(G, T, n, part) < 0 ? -1 : 0;
}

int plan_generate_planted(const struct plan_planted *o, char **problem, char **plan,
                          struct plan_planted_stats *st)
{
    *problem = NULL;
    if (plan)
        *plan = NULL;
    if (!o || o->visits < 1 || o->visits > 200000 || !(o->utilization >= 0.3) ||
        !(o->utilization <= 0.995) || !(o->double_share >= 0) || !(o->double_share <= 0.3) ||
        !(o->sync_share >= 0) || !(o->sync_share <= 0.2))
        return -1;
    struct gen G = {.o = o};
    busy_levels(&G, o->utilization);
    int nt = (int)lround(o->visits / 250.0);
    if (nt < 1)
        nt = 1;
    int cols = (int)ceil(sqrt(nt));
    struct team *T = calloc((size_t)nt, sizeof *T);
    struct out X = {0};
    json_t *root = NULL, *sol = NULL;
    int rc = -1, next_id = 1;
    if (!T)
        return -1;
    X.locs = json_array();
    X.carers = json_array();
    X.visits = json_array();
    X.routes = json_array();
    if (!X.locs || !X.carers || !X.visits || !X.routes)
        goto out;
    for (int t = 0; t < nt; t++) {
        int want = o->visits / nt + (t < o->visits % nt);
        uint64_t r = (uint64_t)o->seed * 0x2545f4914f6cdd1dull + (uint64_t)t * 7919 + 17;
        if (place_team(&T[t], t, cols, want * 2 / 5 + 8, &r))
            goto out;
        /* the idle at the shifts' ends, before breaks and where visits were
         * dropped comes on top of the profile's: aim the profile higher
         * until the team's utilization is the one asked for */
        double aim = o->utilization, best_aim = aim, best_err = PM_INF, err = PM_INF;
        for (int round = 0; round < 6 && best_err > 0.002; round++) {
            uint64_t rt = r;
            busy_levels(&G, aim);
            if (size_team(&G, &T[t], want))
                goto out;
            trim(&T[t], want, &rt);
            double u = team_util(&T[t]);
            err = fabs(u - o->utilization);
            if (err < best_err)
                best_err = err, best_aim = aim;
            if (aim >= 0.995 && u < o->utilization)
                break;
            aim += o->utilization - u;
            aim = aim > 0.995 ? 0.995 : aim < 0.3 ? 0.3 : aim;
        }
        if (err > best_err) { /* the last round was not the closest: walk that again */
            uint64_t rt = r;
            busy_levels(&G, best_aim);
            if (size_team(&G, &T[t], want))
                goto out;
            trim(&T[t], want, &rt);
        }
        windows(&T[t], &r);
        if (emit_team(o, &T[t], &X, &next_id))
            goto out;
    }
    char name[128];
    snprintf(name, sizeof name, "planted-%d-u%.2f-s%lu%s%s", o->visits, o->utilization, o->seed,
             o->teams ? "-teams" : "", o->preferences ? "-pref" : "");
    root = json_pack("{s:s,s:s,s:{s:s,s:f,s:f},s:O,s:O,s:O,s:{s:f,s:f,s:f,s:f,s:f,s:f}}", "format",
                     "omsorg-plan/1", "name", name, "travel", "metric", "haversine", "speed_kmh",
                     SPEED, "detour", DETOUR, "locations", X.locs, "carers", X.carers, "visits",
                     X.visits, "weights", "unassigned", 100000.0, "carers_used", 0.0, "travel", 1.0,
                     "not_preferred", 10.0, "changed", 20.0, "team_mismatch", 50.0);
    if (!root)
        goto out;
    *problem = json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12));
    if (!*problem)
        goto out;
    double util = X.work > 0 ? X.busy / X.work : 0,
           peak = X.peak_work > 0 ? X.peak_busy / X.peak_work : 0;
    if (plan) {
        sol = json_pack("{s:s,s:s,s:O,s:[],s:{s:f,s:i,s:i,s:i,s:i,s:i,s:f},s:{s:f,s:f,s:i,s:i}}",
                        "format", "omsorg-plan-solution/1", "problem", name, "routes", X.routes,
                        "unassigned", "summary", "travel", X.travel, "carers_used", X.used,
                        "unassigned", 0, "not_preferred", 0, "changed", 0, "team_mismatch", 0,
                        "cost", X.travel, "planted", "utilization", util, "evening_dinner_peak",
                        peak, "double_staffed", X.n_double, "synced", X.n_sync);
        if (!sol || !(*plan = json_dumps(sol, JSON_INDENT(1) | JSON_PRESERVE_ORDER |
                                                  JSON_REAL_PRECISION(12))))
            goto out;
    }
    if (st)
        *st = (struct plan_planted_stats){.visits = X.visits_n,
                                          .carers = X.carers_n,
                                          .teams = nt,
                                          .double_staffed = X.n_double,
                                          .synced = X.n_sync,
                                          .travel = X.travel,
                                          .utilization = util,
                                          .dinner_peak = peak};
    rc = 0;
out:
    if (rc) {
        free(*problem);
        *problem = NULL;
    }
    json_decref(root);
    json_decref(sol);
    json_decref(X.locs);
    json_decref(X.carers);
    json_decref(X.visits);
    json_decref(X.routes);
    for (int t = 0; t < nt; t++) {
        for (int k = 0; k < T[t].cap_car; k++)
            free(T[t].car[k].stops);
        free(T[t].car);
        free(T[t].cit);
        free(T[t].vis);
        free(T[t].pend);
    }
    free(T);
    return rc;
}
