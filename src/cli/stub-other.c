/* stub-other.c — TEMPORARY stand-ins for subcommands built on another
 * branch, so that the plan branch links. Drop this file at merge. */
#include "cli/cli.h"

#include <stdio.h>

static int not_here(const char *name)
{
    fprintf(stderr, "omsorg %s: not built on this branch\n", name);
    return 1;
}

int cmd_serve(int argc, char **argv) { return not_here(argv[0]); }
int cmd_demo(int argc, char **argv) { return not_here(argv[0]); }
int cmd_migrate(int argc, char **argv) { return not_here(argv[0]); }
int cmd_backup(int argc, char **argv) { return not_here(argv[0]); }
int cmd_useradd(int argc, char **argv) { return not_here(argv[0]); }
