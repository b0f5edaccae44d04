/* cmd-plan-day.c — `omsorg plan-day`: plan a day for one team or all teams
 * from the store (grants → visits → engine → saved plan) and print figures. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/planday.h"

static const char usage[] =
    "usage: omsorg plan-day --db PATH --date YYYY-MM-DD [--team SLUG] [--time-limit S]\n"
    "                       [--seed N] [--problem-out FILE]\n\n"
    "Plan a day: build each team's omsorg-plan/1 problem from the store (carers on\n"
    "shift, visits from the grants with windows from each citizen's daily rhythm,\n"
    "preferred carers from the last 14 days, the plan in force), run the engine and\n"
    "save the plan. Without --team, every team is planned.\n\n"
    "  --time-limit S     seconds per team for the engine (default 5)\n"
    "  --problem-out FILE also write the (last) team's problem JSON to FILE\n"
    "  --solution-out FILE and the engine's solution, for 'omsorg plan-check'\n";

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
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},         {"date", required_argument, NULL, 'D'},
        {"team", required_argument, NULL, 't'},       {"time-limit", required_argument, NULL, 'l'},
        {"seed", required_argument, NULL, 's'},       {"problem-out", required_argument, NULL, 'p'},
        {"solution-out", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},             {NULL, 0, NULL, 0}};
    const char *db = NULL, *date_text = NULL, *team_slug = NULL, *problem_out = NULL;
    const char *solution_out = NULL;
    struct planday_options o = {.time_limit = 5.0, .seed = 1};
    long v;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'D': date_text = optarg; break;
        case 't': team_slug = optarg; break;
        case 'p': problem_out = optarg; break;
        case 'o': solution_out = optarg; break;
        case 'l': {
            char *end;
            o.time_limit = strtod(optarg, &end);
            if (*end || o.time_limit <= 0 || o.time_limit > 3600)
                return cli_usage_error("plan-day", "--time-limit must be seconds (0–3600)");
            break;
        }
        case 's':
            if (!cli_parse_int(optarg, 0, 2147483647L, &v))
                return cli_usage_error("plan-day", "--seed must be a non-negative number");
            o.seed = (unsigned long)v;
            break;
        case 'h': fputs(usage, stdout); return 0;
        default:
            return cli_usage_error("plan-day", "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    struct date day;
    if (!db || !date_text || optind < argc)
        return cli_usage_error("plan-day", "--db PATH and --date YYYY-MM-DD are required");
    if (!date_parse(date_text, &day))
        return cli_usage_error("plan-day", "--date must be a real date as YYYY-MM-DD");
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
    if (store_needs_migration(s)) {
        fprintf(stderr, "omsorg plan-day: run 'omsorg migrate --db %s' first\n", db);
        goto out;
    }
    if (store_team_list(s, &a, &teams, &nt) != STORE_OK)
        goto out;
    bool found = !team_slug;
    printf("%-8s %7s %7s %10s %12s %10s %14s %8s\n", "team", "carers", "visits", "unplanned",
           "known carer", "outside", "travel/visit", "seconds");
    rc = 0;
    for (int i = 0; i < nt; i++) {
        if (team_slug && strcmp(team_slug, teams[i].slug))
            continue;
        found = true;
        struct planday_result res;
        char msg[256] = "", *problem = NULL, *solution = NULL;
        bool failed = false;
        if (planday_run(s, day, teams[i].id, &o, &res, problem_out ? &problem : NULL,
                        solution_out ? &solution : NULL, msg, sizeof msg) != STORE_OK) {
            fprintf(stderr, "omsorg plan-day: team %s: %s\n", teams[i].slug, msg);
            failed = true;
        }
        if ((problem && write_file(problem_out, problem) != 0) ||
            (solution && write_file(solution_out, solution) != 0))
            failed = true;
        free(problem);
        free(solution);
        if (failed) {
            rc = 1;
            continue;
        }
        printf("%-8s %7d %7d %10d %11.0f%% %10d %14.1f %8.2f\n", teams[i].slug, res.carers,
               res.visits, res.unassigned,
               res.visits ? 100.0 * res.known_carer / res.visits : 0.0, res.outside_window,
               res.visits ? res.travel / res.visits : 0.0, res.seconds);
    }
    if (!found)
        rc = cli_usage_error("plan-day", "no team '%s'", team_slug);
out:
    arena_release(&a);
    store_close(s);
    return rc;
}
