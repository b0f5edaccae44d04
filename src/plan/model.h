/*
 * model.h — private: the planning problem as the engine sees it.
 *
 * Everything of a plan_problem lives in its arena (p->arena) and is freed at
 * once by plan_problem_free. Indices, not pointers, link the parts.
 *
 * Visits needing k carers become k *tasks* (one per carer slot). Tasks are
 * tied by sync edges: s[a] - s[b] in [lo, hi]; a double-staffed visit ties
 * its slots with [0, 0]; a visit's `sync` ties its first slot to the other
 * visit's first slot. Tied tasks must be served by different carers.
 */
#ifndef OMSORG_PLAN_MODEL_H
#define OMSORG_PLAN_MODEL_H

#include "lib/arena.h"
#include "plan/plan.h"

#include <stdbool.h>
#include <stdint.h>

#define PM_MAX_SKILLS 64
#define PM_INF 1e18

enum pm_metric { PM_EUCLIDEAN, PM_HAVERSINE, PM_MATRIX };

struct pm_loc {
    const char *id;
    double x, y;           /* euclidean */
    double lat, lon;       /* degrees */
    double rlat, rlon, cl; /* radians and cos(lat), precomputed */
};

struct pm_window {
    double from, to;
};

struct pm_break {
    double from, to, dur;
};

struct pm_carer {
    const char *id;
    int start, end; /* location indices */
    double shift_from, shift_to;
    uint64_t skills;
    int team; /* -1 none */
    double capacity; /* < 0: no limit */
    struct pm_break *breaks; /* sorted by window start */
    int n_breaks;
};

struct pm_visit {
    const char *id;
    int loc;
    double dur;
    struct pm_window *win; /* sorted by from */
    int n_win;
    uint64_t skills;
    int n_carers; /* 1 or 2 */
    double demand;
    int team; /* -1 none */
    int *pref;
    int n_pref;
    int *assigned;
    int n_assigned;
    bool optional;
    int sync_with; /* visit index or -1 */
    double sync_lo, sync_hi;
    int task0; /* first task; tasks task0 .. task0+n_carers-1 */
    int group; /* sync-connected group of visits */
    const char *why_unservable; /* NULL if some carer could serve it */
    const char *why_code;       /* if left out: skill, shift, capacity, team or window */
    int n_capable; /* carers with the skills and a reachable window */
};

struct pm_task {
    int visit;
    int slot;
    int loc;
    double dur;
    double demand;
};

struct pm_edge {
    int a, b; /* tasks: s[a] - s[b] in [lo, hi] */
    double lo, hi;
};

struct pm_weights {
    double unassigned, carers_used, travel, not_preferred, changed, team_mismatch;
    double tardiness, max_tardiness;
};

struct plan_problem {
    struct arena arena;
    const char *name;
    enum pm_metric metric;
    double speed_kmh, detour;
    double *matrix; /* n_locs^2 minutes, or NULL (computed on the fly) */

    struct pm_loc *locs;
    int n_locs;
    struct pm_carer *carers;
    int n_carers;
    struct pm_visit *visits;
    int n_visits;
    const char **skills;
    int n_skills;
    const char **teams;
    int n_teams;
    struct pm_weights w;
    bool soft; /* windows soft (a tardiness weight > 0) */
    bool has_capacity, has_breaks, has_sync;
    bool plain; /* hard single windows, no breaks, no ties: O(1) insertion checks */
    bool symmetric; /* travel a -> b equals b -> a for every pair (pm_finalize) */

    /* derived by pm_finalize */
    struct pm_task *tasks;
    int n_tasks;
    struct pm_edge *edges;
    int n_edges;
    int *tedge_off; /* CSR: edges of task t are tedge[tedge_off[t] .. tedge_off[t+1]) */
    int *tedge;
    int n_groups;
    int *group_off; /* visits of group g: group_vis[group_off[g] .. group_off[g+1]) */
    int *group_vis;
    int *near;      /* n_tasks * n_near: nearest other tasks by travel */
    double horizon; /* no start in an earliest consistent schedule is later */
    int n_near;
};

/* A location's radians and cos(lat) from its lat and lon (degrees). */
void pm_loc_geo(struct pm_loc *l);
/* Great-circle minutes between two locations prepared by pm_loc_geo, the
 * "haversine" metric (the generators use it to time their own plans). */
double pm_travel_geo(const struct pm_loc *x, const struct pm_loc *y, double detour,
                     double speed_kmh);
/* Travel minutes from location a to b without the matrix (model.c). */
double pm_travel_raw(const plan_problem *p, int a, int b);
/* Travel minutes from location a to b (inline: the hottest call). */
static inline double pm_travel(const plan_problem *p, int a, int b)
{
    if (p->matrix)
        return p->matrix[(size_t)a * (size_t)p->n_locs + (size_t)b];
    return pm_travel_raw(p, a, b);
}

/* A new empty problem (weights at their defaults). NULL on out-of-memory. */
plan_problem *pm_new(void);
/* Index of a skill name, adding it; -1 when there are already 64. */
int pm_skill(plan_problem *p, const char *name);
/* Index of a team name, adding it. */
int pm_team(plan_problem *p, const char *name);
/* Sort windows and breaks, precompute travel, build tasks, edges, groups,
 * neighbour lists and unservable reasons. 0 ok, -1 with err filled. */
int pm_finalize(plan_problem *p, char *err, size_t errlen);
/* True if carer c may serve visit v by skills (ignoring time). */
static inline bool pm_carer_can(const plan_problem *p, int c, int v)
{
    return (p->visits[v].skills & ~p->carers[c].skills) == 0;
}

/* A string -> index map for id lookups while reading (in an arena). */
struct pm_idmap {
    const char **keys;
    int *vals;
    size_t cap;
};
int pm_idmap_init(struct pm_idmap *m, struct arena *a, size_t n);
/* Insert; returns the existing index if the key is already there, else -1. */
int pm_idmap_put(struct pm_idmap *m, const char *key, int val);
int pm_idmap_get(const struct pm_idmap *m, const char *key);

/* Readers (read-json.c, read-solomon.c, read-mankowska.c). */
plan_problem *pm_read_plan_json(const void *root, char *err, size_t errlen);
plan_problem *pm_read_mankowska(const void *root, char *err, size_t errlen);
plan_problem *pm_read_solomon(const char *text, size_t len, char *err, size_t errlen);

#endif
