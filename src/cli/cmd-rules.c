/* cmd-rules.c — `omsorg rules`: run the task rules (core/rules.c) for every
 * citizen at a date, raising and closing tasks; idempotent. Prints the
 * counts and the time it took. */
#include <getopt.h>
#include <stdio.h>
#include <time.h>

#include "cli/cli.h"
#include "core/observation.h"
#include "store/store.h"

static const char usage[] =
    "usage: omsorg rules --db PATH [--date YYYY-MM-DD]\n\n"
    "Run the rules that raise tasks (re-weigh monthly, follow-up of yellow and red\n"
    "triage, reassessment at a grant's follow-up date, nutrition assessment after\n"
    "weight loss) for every citizen, and close the tasks that are done. Running it\n"
    "again changes nothing. --date runs the rules as of noon UTC that day (default now).\n";

/* omsorg rules: run every rule for every citizen and print the counts. */
int cmd_rules(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"date", required_argument, NULL, 'D'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *db = NULL, *date_text = NULL;
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
        case 'h':
            fputs(usage, stdout);
            return 0;
        default:
            return cli_usage_error("rules", "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (!db || optind < argc)
        return cli_usage_error("rules", "--db PATH is required");
    long now = (long)time(NULL);
    if (date_text) {
        struct date d;
        if (!date_parse(date_text, &d))
            return cli_usage_error("rules", "--date must be YYYY-MM-DD, a real date");
        now = date_epoch(d) + 12 * 3600;
    }
    const char *err;
    struct store *s = store_open(db, &err);
    if (!s) {
        fprintf(stderr, "omsorg rules: %s: %s\n", db, err);
        return 1;
    }
    if (store_needs_migration(s)) {
        fprintf(stderr, "omsorg rules: the database schema is old; run 'omsorg migrate --db %s'\n",
                db);
        store_close(s);
        return 1;
    }
    struct timespec t0, t1;
    struct rules_counts n = {0};
    clock_gettime(CLOCK_MONOTONIC, &t0);
    enum store_rc rc = store_rules_all(s, now, &n);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    store_close(s);
    if (rc != STORE_OK) {
        fprintf(stderr, "omsorg rules: failed; nothing was changed\n");
        return 1;
    }
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("citizens %ld raised %ld closed %ld open %ld seconds %.3f\n", n.citizens, n.raised,
           n.resolved, n.open, secs);
    return 0;
}
