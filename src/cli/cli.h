/*
 * cli.h — the omsorg command-line tool: one binary, one table of subcommands.
 *
 * Each subcommand is `int cmd_NAME(int argc, char **argv)` with argv[0] the
 * subcommand name. Exit codes: 0 success, 1 failure at run time, 2 bad usage
 * or bad input (a clear message on stderr says which argument or which part).
 */
#ifndef OMSORG_CLI_H
#define OMSORG_CLI_H

#define EXIT_USAGE 2

struct cli_command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary; /* one line for `omsorg --help` */
};

int cmd_serve(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_migrate(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_useradd(int argc, char **argv);
int cmd_plan_day(int argc, char **argv);
int cmd_demand(int argc, char **argv);
int cmd_plan(int argc, char **argv);
int cmd_plan_check(int argc, char **argv);
int cmd_plan_gen(int argc, char **argv);
int cmd_rules(int argc, char **argv);
int cmd_oidc_check(int argc, char **argv); /* cmd-oidc.c */
/* Demo weights, observations, triage and nutrition for some citizens, then the
 * rules (demo-care.c). Returns 0, or -1 with a message printed. */
struct store;
int demo_care(struct store *s, unsigned long seed);

/* Print "omsorg NAME: message" and return EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Parse a non-negative integer option value in [min, max]; false on error. */
int cli_parse_int(const char *s, long min, long max, long *out);

/* FSIII code system (cmd-fsiii.c). */
#include <stdbool.h>
#include <stddef.h>
struct store;
int cmd_fsiii_import(int argc, char **argv);
/* $OMSORG_SHARE/fsiii/CodeSystem-FSIII.json when OMSORG_SHARE is set, else
 * <folder of the binary>/share/fsiii/CodeSystem-FSIII.json, into out. */
bool cli_fsiii_default_path(char *out, size_t size);
/* Parse an FSIII file and import it into an open, migrated store. Returns 0,
 * EXIT_USAGE for a missing or malformed file, 1 when the database fails;
 * messages go to stderr as "omsorg CMD: …" (and the outcome to stdout
 * unless quiet). */
int cli_fsiii_import(struct store *s, const char *cmd, const char *path, bool quiet);

#endif
