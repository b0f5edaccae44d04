/*
 * planday.h — the day plan as domain rules, with no store and no engine:
 * the records of a planned day, the day's model (carers on shift, visits
 * from the grants' demand with windows from each citizen's daily rhythm,
 * preferred carers = those who visited the citizen in the last 14 days,
 * the plan in force), the omsorg-plan/1 problem built from it, the engine's
 * answer read back into plan rows and the day's figures, and the check of a
 * planner's manual move. src/app/plan.c loads the model from the store, runs
 * the engine and saves the result.
 */
#ifndef OMSORG_PLANDAY_H
#define OMSORG_PLANDAY_H

#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"
#include "core/grant.h"
#include "core/model.h"
#include "lib/arena.h"

/* A grant that may give visits on a day, with what planning needs of its citizen. */
struct active_grant {
    struct grant grant;
    struct rhythm rhythm;
    long team_id;
    double lat, lon;
};

/* One visit of a planned day. */
struct plan_visit {
    long id;
    struct date day;
    long service_id, citizen_id, team_id;
    minute_t window_start, window_end;
    int duration;
    const char *skill;
    int carers;
    long carer_ids[2]; /* 0 = none */
    long prev_ids[2];  /* the carers before the latest re-plan (0 = none) */
    double start;      /* planned start in minutes, < 0 when unplanned */
    const char *reason;
    bool manual;
    /* for display (filled by reads) */
    const char *citizen_name, *address, *what_matters, *service_label, *service_code;
    const char *carer_names[2];
    long carer_team_id; /* the first carer's team (another than team_id: borrowed) */
    double lat, lon;
};

/* How often a carer visited a citizen in a period. */
struct carer_history {
    long citizen_id, carer_id;
    int visits;
};

/* The figures of one planning run for one team. */
struct plan_run_figures {
    double seconds, travel;
    int visits, unassigned, known_carer, outside_window;
    int borrowed; /* the team's visits served by another team's carer */
};

/* A carer absent on a day from a minute (the sick call). */
struct absence {
    long user_id;
    const char *name;
    minute_t from;
    const char *reason;
};

/* The outcome of planning a day. */
struct planday_result {
    int carers;         /* on shift */
    int visits;         /* visits in the plan */
    int unassigned;     /* visits no carer could take */
    int known_carer;    /* visits with at least one carer the citizen knows */
    int outside_window; /* visits starting outside the citizen's window: must be 0 */
    int kept;           /* visits that kept the carer(s) of the plan in force */
    int had_plan;       /* visits that had a carer in the plan in force */
    int moved;          /* visits that had a carer and now have another */
    int others_had;     /* visits with a carer who is not absent, in the plan in force */
    int others_kept;    /* … that kept that carer */
    int borrowed;       /* visits served by a carer of another team */
    double travel;      /* minutes */
    double seconds;     /* engine time */
};

/* One visit of the day's model. */
struct day_visit {
    struct visit_demand d;
    long team_id; /* the citizen's team */
    double lat, lon;
    long assigned[2]; /* plan in force */
    double start;     /* its start in the plan in force, < 0 when none */
    bool manual;
    bool pinned;  /* happened before the re-plan: kept as it was */
    bool foreign; /* another team's visit on one of these teams' carers: kept as it is */
};

/* Everything a day of one or more teams is planned from. Arrays live in the
 * arena the model was built in. */
struct day_model {
    struct date day;
    const struct team *teams; /* planned together; each carer and visit is one's */
    int nteams;
    struct user *carers; /* on shift that day */
    int ncarers;
    struct day_visit *visits; /* by service id */
    int nvisits;
    const struct carer_history *hist;
    int nhist;
    const struct carer_history *contacts; /* the citizens' contact persons */
    int ncontacts;
    const struct absence *absences;
    int nabsences;
    /* During the day (a sick call) visits before this minute have happened
     * and keep their carers and minute; 0 plans the whole day. */
    minute_t keep_before;
};

/* What the model is built from (the store's reads). */
struct day_input {
    struct date day;
    const struct team *teams; /* the teams planned together (at least one) */
    int nteams;
    const struct user *staff; /* their staff */
    int nstaff;
    const struct active_grant *grants; /* of their citizens */
    int ngrants;
    /* The day's plan in force: these teams' visits, and any other team's
     * visits on these teams' carers (those are kept exactly as they are). */
    const struct plan_visit *in_force;
    int nin_force;
    const struct absence *absences;
    int nabsences;
    const struct carer_history *hist; /* empty: plan without preferred carers */
    int nhist;
    const struct carer_history *contacts; /* the citizens' named contact persons */
    int ncontacts;
    minute_t keep_before;
};

/* Build the model: the visits the grants give that day (citizens without
 * coordinates placed at the team's office), the plan in force, and the
 * carers on shift (usual shift, ended by an absence but never before the
 * end of a visit already done). A citizen's preferred carers are those who
 * came in the last 14 days (most visits first), then the citizen's named
 * contact persons — the same few faces, from the first day. False when out
 * of memory. */
bool planday_model(struct arena *a, const struct day_input *in, struct day_model *m);

/* The model as an omsorg-plan/1 problem (malloc'ed JSON text, NULL when out
 * of memory). During the day a change of carer weighs more than minutes of
 * driving. */
char *planday_problem_json(const struct day_model *m);

/* Read the engine's solution into one plan row per model visit (rows has
 * m->nvisits slots; a row's team_id is its visit's) and the figures of all
 * the teams planned (res: see planday_figures; travel is the whole plan's);
 * an unplaced visit gets a Danish reason from the engine's code. -1 when the
 * solution is not JSON. */
int planday_apply(const struct day_model *m, const char *solution, struct plan_visit *rows,
                  struct planday_result *res);

/* The figures of one team's visits in rows (team_id 0: every team planned):
 * visits, unassigned, known_carer, outside_window, kept/moved/had_plan,
 * others_*, borrowed; carers on shift. Foreign visits are not counted;
 * travel and seconds are left as they are. */
void planday_figures(const struct day_model *m, const struct plan_visit *rows, long team_id,
                     struct planday_result *res);

/* The number of visits the grants give on day (demand only). */
int planday_demand(const struct active_grant *grants, int n, struct date day);

/* Check a planner's move of visit v (of the day's visits `day`, n of them)
 * to the given carers at `start`: window, skills, shift, number of carers,
 * and overlap with the carers' other visits. NULL when fine, else a Danish
 * message saying what the move would break. */
const char *planday_move_check(const struct plan_visit *v, const struct user *carers, int ncarers,
                               minute_t start, int weekday, const struct plan_visit *day, int n);

#endif
