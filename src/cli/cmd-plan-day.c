/* cmd-plan-day.c — `omsorg plan-day`: plan a day for one team or all teams
 * from the store (grants → visits → engine → saved plan) and print figures. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "app/plan.h"

static const char usage[] =
    "usage: omsorg plan-day --db PATH --date YYYY-MM-DD [--team SLUG] [--time-limit S]\n"
    "                       [--seed N] [--problem-out FILE] [--absent USER --from HH:MM]\n\n"
    "Plan a day: build each team's omsorg-plan/1 problem from the store (carers on\n"
    "shift, visits from the grants with windows from each citizen's daily rhythm,\n"
    "preferred carers from the last 14 days, the plan in force), run the engine and\n"
    "save the plan. Without --team, every team is planned, one after the other, or\n"
    "with --together all in one plan, where a team borrows another's carer only when\n"
    "its own cannot take a visit.\n\n"
    "  --time-limit S     seconds per team for the engine (default 5)\n"
    "  --iterations N     stop the engine after N iterations (the same plan on any machine)\n"
    "  --problem-out FILE also write the (last) team's problem JSON to FILE\n"
    "  --solution-out FILE and the engine's solution, for 'omsorg plan-check'\n"
    "  --absent USER --from HH:MM   the sick call: USER is absent from HH:MM; the rest\n"
    "                     of that team's day is re-planned, keeping what happened before\n"
    "  --no-preferences   ignore who visited the citizens before (to measure continuity)\n"
    "  --together         plan every team's day in one plan (borrowed visits are counted)\n";

/* Write text to path; prints why on failure. */
static int write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
        fprintf(stderr, "omsorg plan-day: cannot write %s\n", path);
        return -1;
    }
    return 0;
}

int cmd_plan_day(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"date", required_argument, NULL, 'D'},
                                         {"team", required_argument, NULL, 't'},
                                         {"time-limit", required_argument, NULL, 'l'},
                                         {"seed", required_argument, NULL, 's'},
                                         {"problem-out", required_argument, NULL, 'p'},
                                         {"solution-out", required_argument, NULL, 'o'},
                                         {"absent", required_argument, NULL, 'a'},
                                         {"from", required_argument, NULL, 'F'},
                                         {"no-preferences", no_argument, NULL, 'P'},
                                         {"iterations", required_argument, NULL, 'i'},
                                         {"together", no_argument, NULL, 'T'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *db = NULL, *date_text = NULL, *team_slug = NULL, *problem_out = NULL;
    const char *solution_out = NULL, *absent = NULL;
    int absent_from = MINUTE_NONE;
    bool together = false;
    struct plan_effort o = {.time_limit = 5.0, .seed = 1};
    long v;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            db = optarg;
            break;
        case 'D':
            date_text = optarg;
            break;
        case 't':
            team_slug = optarg;
            break;
        case 'p':
            problem_out = optarg;
            break;
        case 'o':
            solution_out = optarg;
            break;
        case 'a':
            absent = optarg;
            break;
        case 'P':
            o.ignore_history = true;
            break;
        case 'T':
            together = true;
            break;
        case 'F':
            absent_from = minute_parse(optarg);
            if (absent_from < 0)
                return cli_usage_error("plan-day", "--from must be a time as HH:MM");
            break;
        case 'l': {
            char *end;
            o.time_limit = strtod(optarg, &end);
            if (*end || o.time_limit <= 0 || o.time_limit > 3600)
                return cli_usage_error("plan-day", "--time-limit must be seconds (0–3600)");
            break;
        }
        case 'i':
            if (!cli_parse_int(optarg, 1, 1000000000L, &o.iterations))
                return cli_usage_error("plan-day", "--iterations must be a positive number");
            break;
        case 's':
            if (!cli_parse_int(optarg, 0, 2147483647L, &v))
                return cli_usage_error("plan-day", "--seed must be a non-negative number");
            o.seed = (unsigned long)v;
            break;
        case 'h':
            fputs(usage, stdout);
            return 0;
        default:
            return cli_usage_error("plan-day", "unknown or incomplete option '%s'",
                                   argv[optind - 1]);
        }
    }
    struct date day;
    if (!db || !date_text || optind < argc)
        return cli_usage_error("plan-day", "--db PATH and --date YYYY-MM-DD are required");
    if (!date_parse(date_text, &day))
        return cli_usage_error("plan-day", "--date must be a real date as YYYY-MM-DD");
    if ((absent != NULL) != (absent_from >= 0))
        return cli_usage_error("plan-day", "--absent USER and --from HH:MM go together");
    if (together && (absent || team_slug))
        return cli_usage_error("plan-day",
                               "--together plans every team; not with --team or --absent");
    const char *err;
    struct store *s = store_open(db, &err);
    if (!s) {
        fprintf(stderr, "omsorg plan-day: %s: %s\n", db, err);
        return 1;
    }
    int rc = 1;
    struct arena a = ARENA_INIT;
    struct team *teams;
    int nt;
    struct actor cli = app_cli_actor(ROLE_PLANNER);
    struct app app;
    app_init(&app, &cli, s, &a);
    if (store_needs_migration(s)) {
        fprintf(stderr, "omsorg plan-day: run 'omsorg migrate --db %s' first\n", db);
        goto out;
    }
    if (store_team_list(s, &a, &teams, &nt) != STORE_OK)
        goto out;
    struct planday_result sick;
    if (absent) {
        /* the sick call: record the absence, re-plan the rest of that carer's team's day */
        struct user u;
        const char *hash;
        if (store_user_by_username(s, &a, absent, &u, &hash) != STORE_OK || u.team_id <= 0) {
            rc = cli_usage_error("plan-day", "no care worker '%s'", absent);
            goto out;
        }
        struct absence_input in = {day, u.id, absent_from, ""};
        long team = 0;
        if (app_plan_absence(&app, &in, &o, &team, &sick) != APP_OK) {
            fprintf(stderr, "omsorg plan-day: %s\n", app.message);
            goto out;
        }
        for (int i = 0; i < nt; i++)
            if (teams[i].id == team)
                team_slug = teams[i].slug;
    }
    bool found = !team_slug;
    struct planday_result *each = calloc((size_t)nt + 1, sizeof *each);
    long *ids = calloc((size_t)nt + 1, sizeof *ids);
    if (!each || !ids)
        goto out_free;
    for (int i = 0; i < nt; i++)
        ids[i] = teams[i].id;
    char *problem = NULL, *solution = NULL;
    bool joint_failed =
        together && app_plan_teams(&app, day, ids, nt, &o, each, problem_out ? &problem : NULL,
                                   solution_out ? &solution : NULL) != APP_OK;
    if (joint_failed) {
        fprintf(stderr, "omsorg plan-day: %s\n", app.message);
        goto out_free;
    }
    printf("%-8s %7s %7s %10s %12s %10s %14s %8s %10s %9s\n", "team", "carers", "visits",
           "unplanned", "known carer", "outside", "travel/visit", "seconds", "kept*", "borrowed");
    rc = 0;
    /* kept*: visits of carers who are not absent that kept their carer / had one */
    for (int i = 0; i < nt; i++) {
        if (team_slug && strcmp(team_slug, teams[i].slug))
            continue;
        found = true;
        struct planday_result res = together ? each[i] : sick;
        bool failed = false;
        if (!absent && !together &&
            app_plan_day(&app, day, teams[i].id, &o, &res, problem_out ? &problem : NULL,
                         solution_out ? &solution : NULL) != APP_OK) {
            fprintf(stderr, "omsorg plan-day: team %s: %s\n", teams[i].slug, app.message);
            failed = true;
        }
        if ((problem && write_file(problem_out, problem) != 0) ||
            (solution && write_file(solution_out, solution) != 0))
            failed = true;
        free(problem);
        free(solution);
        problem = solution = NULL;
        if (failed) {
            rc = 1;
            continue;
        }
        printf("%-8s %7d %7d %10d %11.0f%% %10d %14.1f %8.2f %4d/%-5d %9d\n", teams[i].slug,
               res.carers, res.visits, res.unassigned,
               res.visits ? 100.0 * res.known_carer / res.visits : 0.0, res.outside_window,
               res.visits && !together ? res.travel / res.visits : 0.0, res.seconds,
               res.others_kept, res.others_had, res.borrowed);
    }
    if (!found)
        rc = cli_usage_error("plan-day", "no team '%s'", team_slug);
out_free:
    free(each);
    free(ids);
out:
    arena_release(&a);
    store_close(s);
    return rc;
}

static const char demand_usage[] =
    "usage: omsorg demand --db PATH --from YYYY-MM-DD [--days N]\n\n"
    "Expand the visit demand of every active grant for N days (default 7) and\n"
    "print how many visits that gives and how long it took.\n";

int cmd_demand(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"from", required_argument, NULL, 'f'},
                                         {"days", required_argument, NULL, 'n'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *db = NULL, *from_text = NULL;
    long days = 7;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            db = optarg;
            break;
        case 'f':
            from_text = optarg;
            break;
        case 'n':
            if (!cli_parse_int(optarg, 1, 366, &days))
                return cli_usage_error("demand", "--days must be a number from 1 to 366");
            break;
        case 'h':
            fputs(demand_usage, stdout);
            return 0;
        default:
            return cli_usage_error("demand", "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    struct date from;
    if (!db || !from_text || optind < argc)
        return cli_usage_error("demand", "--db PATH and --from YYYY-MM-DD are required");
    if (!date_parse(from_text, &from))
        return cli_usage_error("demand", "--from must be a real date as YYYY-MM-DD");
    const char *err;
    struct store *s = store_open(db, &err);
    if (!s) {
        fprintf(stderr, "omsorg demand: %s: %s\n", db, err);
        return 1;
    }
    struct timespec t0, t1;
    long visits;
    struct arena a = ARENA_INIT;
    struct actor cli = app_cli_actor(ROLE_PLANNER);
    struct app app;
    app_init(&app, &cli, s, &a);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    enum app_rc rc = app_plan_demand(&app, from, (int)days, 0, &visits);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    arena_release(&a);
    store_close(s);
    if (rc != APP_OK) {
        fprintf(stderr, "omsorg demand: the grants could not be read\n");
        return 1;
    }
    printf("omsorg demand: %ld visits over %ld days expanded in %.3f s\n", visits, days,
           (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    return 0;
}
