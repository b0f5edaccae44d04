/*
 * cmd-plan.c — `omsorg plan`, `omsorg plan-check` and `omsorg plan-gen`:
 * the planning engine on the command line (docs/plan-format.md).
 */
#include "cli/cli.h"
#include "plan/plan.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char plan_help[] =
    "usage: omsorg plan [--time-limit S] [--seed N] [--iterations N] [--threads N]\n"
    "                   [--progress] PROBLEM [-o SOLUTION]\n\n"
    "Plan a day: read PROBLEM (omsorg-plan/1 JSON, Mankowska home-care JSON or\n"
    "Solomon text), write the plan as omsorg-plan-solution/1 JSON to SOLUTION\n"
    "(default standard output).\n\n"
    "  --time-limit S   stop after S seconds (default 10 without --iterations)\n"
    "  --seed N         random seed (default 1); same seed and --iterations,\n"
    "                   same plan\n"
    "  --iterations N   stop after N improvement iterations\n"
    "  --threads N      run N independent searches (seeds N, N+1, ...) in\n"
    "                   parallel and keep the best plan (default 1)\n"
    "  --progress       print the best cost over time on standard error\n";

static void on_progress(void *user, double sec, long it, const struct plan_summary *b)
{
    (void)user;
    fprintf(stderr, "%9.3f s  iter %9ld  cost %.2f  carers %d  travel %.2f  unassigned %d\n", sec,
            it, b->cost, b->carers_used, b->travel, b->unassigned);
}

static int write_text(const char *path, const char *text)
{
    FILE *f = path && strcmp(path, "-") ? fopen(path, "w") : stdout;
    if (!f)
        return -1;
    int bad = fputs(text, f) < 0 || fputc('\n', f) < 0;
    if (f != stdout)
        bad |= fclose(f) != 0;
    else
        bad |= fflush(f) != 0;
    return bad ? -1 : 0;
}

/* Parse a non-negative decimal number of seconds. */
static int parse_seconds(const char *s, double *out)
{
    char *end;
    if (!s || !*s)
        return 0;
    double x = strtod(s, &end);
    if (*end || !(x >= 0) || x > 1e7)
        return 0;
    *out = x;
    return 1;
}

struct run {
    plan_solver *s;
    int rc;
};

/* Thread body: one independent solve (the library keeps no globals). */
static void *run_one(void *arg)
{
    struct run *r = arg;
    r->rc = plan_solver_run(r->s);
    return NULL;
}

int cmd_plan(int argc, char **argv)
{
    const char *in = NULL, *out = NULL;
    double tl = 0;
    long seed = 1, iters = 0, threads = 1;
    int progress = 0, rc = 1;
    char err[512];
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(plan_help, stdout);
            return 0;
        } else if (!strcmp(a, "--progress"))
            progress = 1;
        else if (!strcmp(a, "--time-limit")) {
            if (!parse_seconds(i + 1 < argc ? argv[++i] : NULL, &tl))
                return cli_usage_error("plan", "--time-limit needs a number of seconds");
        } else if (!strcmp(a, "--seed")) {
            if (!cli_parse_int(i + 1 < argc ? argv[++i] : NULL, 0, 2147483647L, &seed))
                return cli_usage_error("plan", "--seed needs a non-negative integer");
        } else if (!strcmp(a, "--iterations")) {
            if (!cli_parse_int(i + 1 < argc ? argv[++i] : NULL, 1, 2000000000L, &iters))
                return cli_usage_error("plan", "--iterations needs a positive integer");
        } else if (!strcmp(a, "--threads")) {
            if (!cli_parse_int(i + 1 < argc ? argv[++i] : NULL, 1, 64, &threads))
                return cli_usage_error("plan", "--threads needs an integer from 1 to 64");
        } else if (!strcmp(a, "-o")) {
            if (i + 1 >= argc)
                return cli_usage_error("plan", "-o needs a file name");
            out = argv[++i];
        } else if (a[0] == '-' && a[1])
            return cli_usage_error("plan", "unknown option '%s'", a);
        else if (in)
            return cli_usage_error("plan", "more than one PROBLEM given");
        else
            in = a;
    }
    if (!in)
        return cli_usage_error("plan", "no PROBLEM file given");
    plan_problem *p = plan_problem_load_file(in, err, sizeof err);
    if (!p) {
        fprintf(stderr, "omsorg plan: %s: %s\n", in, err);
        return EXIT_USAGE;
    }
    struct run runs[64];
    pthread_t tid[64];
    int n = (int)threads, started = 0, best = -1;
    char *json = NULL;
    memset(runs, 0, sizeof runs);
    for (int k = 0; k < n; k++) {
        runs[k].s = plan_solver_new(p);
        if (!runs[k].s)
            goto out;
        plan_solver_set_seed(runs[k].s, (unsigned long)seed + (unsigned long)k);
        plan_solver_set_iterations(runs[k].s, iters);
        plan_solver_set_time_limit(runs[k].s, tl > 0 ? tl : (iters ? 0 : 10));
        if (progress && k == 0)
            plan_solver_set_progress(runs[k].s, on_progress, NULL);
    }
    for (started = 1; started < n; started++)
        if (pthread_create(&tid[started], NULL, run_one, &runs[started]))
            break;
    run_one(&runs[0]);
    for (int k = 1; k < started; k++)
        pthread_join(tid[k], NULL);
    for (int k = 0; k < started; k++) {
        struct plan_summary a, b;
        if (runs[k].rc)
            continue;
        plan_solver_summary(runs[k].s, &a);
        if (best >= 0)
            plan_solver_summary(runs[best].s, &b);
        if (best < 0 || (a.feasible && !b.feasible) || (a.feasible == b.feasible && a.cost < b.cost))
            best = k;
    }
    if (best < 0) {
        fprintf(stderr, "omsorg plan: out of memory\n");
        goto out;
    }
    json = plan_solver_solution_json(runs[best].s);
    if (!json || write_text(out, json)) {
        fprintf(stderr, "omsorg plan: cannot write %s\n", out ? out : "standard output");
        goto out;
    }
    if (progress) {
        struct plan_summary sm;
        plan_solver_summary(runs[best].s, &sm);
        fprintf(stderr, "first plan after %.3f s; %ld iterations; cost %.2f%s (seed %ld of %d)\n",
                plan_solver_seconds_to_first(runs[best].s), plan_solver_iterations_done(runs[best].s),
                sm.cost, sm.feasible ? "" : " (INFEASIBLE)", seed + best, n);
    }
    rc = 0;
out:
    free(json);
    for (int k = 0; k < n; k++)
        plan_solver_free(runs[k].s);
    plan_problem_free(p);
    return rc;
}

static const char check_help[] =
    "usage: omsorg plan-check PROBLEM SOLUTION\n\n"
    "Recompute every route of SOLUTION against PROBLEM independently of the\n"
    "solver, print every violation and the recomputed summary. Exit 0 if the\n"
    "plan is feasible and its summary matches (within 0.01), 1 otherwise,\n"
    "2 if a file cannot be read or parsed.\n";

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t len = 0, cap = 0, r;
    if (!f)
        return NULL;
    do {
        if (len + 65536 + 1 > cap) {
            cap = cap ? 2 * cap : 1 << 20;
            char *nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
        }
        r = fread(buf + len, 1, cap - len - 1, f);
        len += r;
    } while (r > 0);
    fclose(f);
    buf[len] = 0;
    return buf;
}

int cmd_plan_check(int argc, char **argv)
{
    char err[512];
    if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        fputs(check_help, stdout);
        return 0;
    }
    if (argc != 3)
        return cli_usage_error("plan-check", "expected PROBLEM and SOLUTION");
    plan_problem *p = plan_problem_load_file(argv[1], err, sizeof err);
    if (!p) {
        fprintf(stderr, "omsorg plan-check: %s: %s\n", argv[1], err);
        return EXIT_USAGE;
    }
    char *text = slurp(argv[2]), *report = NULL;
    if (!text) {
        fprintf(stderr, "omsorg plan-check: %s: cannot read\n", argv[2]);
        plan_problem_free(p);
        return EXIT_USAGE;
    }
    struct plan_summary sm;
    int n = plan_check(p, text, &report, &sm);
    if (report)
        fputs(report, stdout);
    if (n >= 0)
        printf("recomputed: travel %.2f  carers_used %d  unassigned %d  not_preferred %d  "
               "changed %d  team_mismatch %d  tardiness %.2f  max_tardiness %.2f  cost %.2f\n"
               "%s (%d violation%s)\n",
               sm.travel, sm.carers_used, sm.unassigned, sm.not_preferred, sm.changed,
               sm.team_mismatch, sm.tardiness, sm.max_tardiness, sm.cost,
               n == 0 ? "OK" : "NOT OK", n, n == 1 ? "" : "s");
    free(report);
    free(text);
    plan_problem_free(p);
    return n == 0 ? 0 : n < 0 ? EXIT_USAGE : 1;
}

static const char gen_help[] =
    "usage: omsorg plan-gen --visits N --carers M --seed S [-o FILE]\n"
    "       omsorg plan-gen --planted --visits N [--utilization U] [--teams]\n"
    "                       [--preferences] [--double SHARE] [--sync SHARE]\n"
    "                       [--seed S] [-o FILE] [--plan FILE]\n\n"
    "Generate a Herlev-shaped home-care day (omsorg-plan/1) for benchmarks.\n\n"
    "With --planted the routes are built first (day, nurse and evening shifts\n"
    "with breaks, skills, teams, double-staffed visits, medicine synced after\n"
    "meals) and each visit's window is placed around its planted start, so a\n"
    "complete plan with a known travel exists; --plan writes it\n"
    "(omsorg-plan-solution/1, checkable with plan-check). The figures of the\n"
    "planted plan go to standard error.\n\n"
    "  --utilization U  share of working time spent on service and travel\n"
    "                   (0.3 to 0.995, default 0.9; higher in the peaks)\n"
    "  --teams          write the fixed teams (the planted plan keeps to them)\n"
    "  --preferences    each visit's preferred carers are its planted carers\n"
    "  --double SHARE   share of visits needing two carers (0 to 0.3)\n"
    "  --sync SHARE     share of visits that are medicine 30-60 min after a\n"
    "                   meal (0 to 0.2)\n";

/* Parse a share (a number from 0 to hi). */
static int parse_share(const char *s, double hi, double *out)
{
    return parse_seconds(s, out) && *out <= hi;
}

static int gen_planted(long visits, long seed, double util, int teams, int prefs, double dbl,
                       double sync, const char *out, const char *plan_out)
{
    struct plan_planted o = {(int)visits, util, teams, prefs, dbl, sync, (unsigned long)seed};
    struct plan_planted_stats st;
    char *prob = NULL, *plan = NULL;
    if (plan_generate_planted(&o, &prob, plan_out ? &plan : NULL, &st)) {
        fprintf(stderr, "omsorg plan-gen: out of memory\n");
        return 1;
    }
    int rc = 0;
    if (write_text(out, prob)) {
        fprintf(stderr, "omsorg plan-gen: cannot write %s\n", out ? out : "standard output");
        rc = 1;
    } else if (plan_out && write_text(plan_out, plan)) {
        fprintf(stderr, "omsorg plan-gen: cannot write %s\n", plan_out);
        rc = 1;
    }
    if (!rc)
        fprintf(stderr,
                "planted: %d visits, %d carers in %d teams, %d double-staffed, %d synced; "
                "travel %.2f min; utilization %.3f (evening 17:00-18:30: %.3f)\n",
                st.visits, st.carers, st.teams, st.double_staffed, st.synced, st.travel,
                st.utilization, st.dinner_peak);
    free(prob);
    free(plan);
    return rc;
}

int cmd_plan_gen(int argc, char **argv)
{
    long visits = -1, carers = -1, seed = 1;
    const char *out = NULL, *plan_out = NULL;
    int planted = 0, teams = 0, prefs = 0;
    double util = 0.9, dbl = 0, sync = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *next = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(gen_help, stdout);
            return 0;
        } else if (!strcmp(a, "--planted"))
            planted = 1;
        else if (!strcmp(a, "--teams"))
            teams = 1;
        else if (!strcmp(a, "--preferences"))
            prefs = 1;
        else if (!strcmp(a, "--visits")) {
            if (!cli_parse_int(next, 1, 200000, &visits))
                return cli_usage_error("plan-gen", "--visits needs an integer from 1 to 200000");
            i++;
        } else if (!strcmp(a, "--carers")) {
            if (!cli_parse_int(next, 1, 100000, &carers))
                return cli_usage_error("plan-gen", "--carers needs a positive integer");
            i++;
        } else if (!strcmp(a, "--seed")) {
            if (!cli_parse_int(next, 0, 2147483647L, &seed))
                return cli_usage_error("plan-gen", "--seed needs a non-negative integer");
            i++;
        } else if (!strcmp(a, "--utilization")) {
            if (!parse_share(next, 0.995, &util) || util < 0.3)
                return cli_usage_error("plan-gen",
                                       "--utilization needs a number from 0.3 to 0.995");
            i++;
        } else if (!strcmp(a, "--double")) {
            if (!parse_share(next, 0.3, &dbl))
                return cli_usage_error("plan-gen", "--double needs a share from 0 to 0.3");
            i++;
        } else if (!strcmp(a, "--sync")) {
            if (!parse_share(next, 0.2, &sync))
                return cli_usage_error("plan-gen", "--sync needs a share from 0 to 0.2");
            i++;
        } else if (!strcmp(a, "-o") || !strcmp(a, "--plan")) {
            if (!next)
                return cli_usage_error("plan-gen", "%s needs a file name", a);
            *(a[1] == 'o' ? &out : &plan_out) = argv[++i];
        } else
            return cli_usage_error("plan-gen", "unknown argument '%s'", a);
    }
    if (planted) {
        if (visits < 0)
            return cli_usage_error("plan-gen", "--planted needs --visits");
        if (carers >= 0)
            return cli_usage_error("plan-gen", "--planted sizes the carers itself: no --carers");
        return gen_planted(visits, seed, util, teams, prefs, dbl, sync, out, plan_out);
    }
    if (visits < 0 || carers < 0)
        return cli_usage_error("plan-gen", "--visits and --carers are required");
    if (plan_out || teams || prefs)
        return cli_usage_error("plan-gen", "--plan, --teams and --preferences need --planted");
    char *json = plan_generate_day((int)visits, (int)carers, (unsigned long)seed);
    if (!json) {
        fprintf(stderr, "omsorg plan-gen: out of memory\n");
        return 1;
    }
    int rc = write_text(out, json) ? 1 : 0;
    if (rc)
        fprintf(stderr, "omsorg plan-gen: cannot write %s\n", out);
    free(json);
    return rc;
}
