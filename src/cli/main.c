/* main.c — omsorg's entry point: dispatch to a subcommand from the table. */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const struct cli_command commands[] = {
    {"serve", cmd_serve, "serve the web application and the JSON API"},
    {"demo", cmd_demo, "create a database with a demo municipality"},
    {"migrate", cmd_migrate, "create or upgrade a database to the current schema"},
    {"backup", cmd_backup, "copy a live database to a file (SQLite online backup)"},
    {"useradd", cmd_useradd, "add a user (staff member) with a role and team"},
    {"plan-day", cmd_plan_day, "plan a day for the teams from the grants and save the plan"},
    {"demand", cmd_demand, "expand the grants' visit demand for some days (a benchmark)"},
    {"fsiii-import", cmd_fsiii_import, "import a version of the FSIII code system (KL)"},
    {"plan", cmd_plan, "plan routes for a day (omsorg-plan/1, Solomon or Mankowska input)"},
    {"plan-check", cmd_plan_check, "check a plan against its problem, independently of the solver"},
    {"plan-gen", cmd_plan_gen, "generate a Herlev-shaped home-care day for benchmarks"},
    {"rules", cmd_rules, "run the rules that raise and close tasks for every citizen"},
    {"oidc-check", cmd_oidc_check, "log in at an OpenID provider and verify the ID token"},
};

static void usage(FILE *out)
{
    fprintf(out, "usage: omsorg COMMAND [OPTIONS]\n\n"
                 "omsorg is a care system for Danish municipalities: visitation, planning\n"
                 "and documentation that work together.\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-12s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\nRun 'omsorg COMMAND --help' for a command's options.\n");
}

int main(int argc, char **argv)
{
    /* A Danish municipality's days and times: "today" and the times shown are
     * Danish local time unless TZ says otherwise. */
    setenv("TZ", "Europe/Copenhagen", 0);
    tzset();
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(argv[1], commands[i].name))
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "omsorg: unknown command '%s'\n\n", argv[1]);
    usage(stderr);
    return EXIT_USAGE;
}
