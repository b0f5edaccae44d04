/* cmd-fsiii.c — `omsorg fsiii-import`: load a version of the FSIII code
 * system (a FHIR CodeSystem file) into a database; also used by `demo`. */
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/fsiii.h"
#include "store/store.h"

#define FSIII_IN_SHARE "fsiii/CodeSystem-FSIII.json"
#define FSIII_SHARE_FILE "share/" FSIII_IN_SHARE

/* Write <folder of the running binary>/share/fsiii/CodeSystem-FSIII.json
 * into out; false when the binary's folder cannot be found or the path
 * does not fit. */
bool cli_fsiii_default_path(char *out, size_t size)
{
    const char *share = getenv("OMSORG_SHARE");
    if (share && *share) {
        int k = snprintf(out, size, "%s/%s", share, FSIII_IN_SHARE);
        return k > 0 && (size_t)k < size;
    }
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return false;
    exe[n] = '\0';
    const char *dir = dirname(exe);
    int k = snprintf(out, size, "%s/%s", dir, FSIII_SHARE_FILE);
    return k > 0 && (size_t)k < size;
}

/* Parse the file at path and import it into s (open and migrated). Prints
 * the outcome on stdout unless quiet, and every failure on stderr as
 * "omsorg CMD: …". Returns 0, EXIT_USAGE for a missing or malformed file,
 * or 1 when the database fails. Owns and releases its own arena. */
int cli_fsiii_import(struct store *s, const char *cmd, const char *path, bool quiet)
{
    struct arena a = ARENA_INIT;
    struct fsiii_codesystem cs;
    char err[600];
    int rc = EXIT_USAGE;
    if (!fsiii_parse_file(path, &a, &cs, err, sizeof err)) {
        fprintf(stderr, "omsorg %s: not a usable FSIII code system: %s\n", cmd, err);
        goto out;
    }
    long id;
    bool added;
    enum store_rc src = store_fsiii_import(s, &cs, &id, &added);
    if (src == STORE_CONFLICT) {
        fprintf(stderr,
                "omsorg %s: FSIII version %s is already imported with a different "
                "number of concepts; a changed release needs a new version\n",
                cmd, cs.version);
        goto out;
    }
    rc = 1;
    if (src != STORE_OK) {
        fprintf(stderr, "omsorg %s: the import failed; nothing was saved\n", cmd);
        goto out;
    }
    if (!quiet) {
        if (added)
            printf("omsorg %s: FSIII version %s imported (%d concepts of the letter-code "
                   "tree)\n",
                   cmd, cs.version, cs.count);
        else
            printf("omsorg %s: FSIII version %s is already imported; nothing changed\n", cmd,
                   cs.version);
    }
    rc = 0;
out:
    arena_release(&a);
    return rc;
}

/* `omsorg fsiii-import`: check the options and the file, open the
 * database (closed before returning) and import. */
int cmd_fsiii_import(int argc, char **argv)
{
    static const char usage[] =
        "usage: omsorg fsiii-import --db PATH [--file FILE]\n\n"
        "Import a version of the FSIII code system (KL's Faellessprog III, a FHIR\n"
        "CodeSystem JSON file) into a migrated database. Only the letter-code tree\n"
        "(groups A ... J) is read. Importing a version that is already there changes\n"
        "nothing; a new version is added and becomes current.\n\n"
        "  --db PATH    the database (run 'omsorg migrate' first)\n"
        "  --file FILE  the CodeSystem file (default: " FSIII_SHARE_FILE " beside the binary)\n\n"
        "Exit status: 0 imported or already there, 1 database failure, 2 bad usage or a\n"
        "missing or malformed file (the message names the JSON path).\n";
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"file", required_argument, NULL, 'f'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *db = NULL, *file = NULL;
    char def[PATH_MAX + 64];
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            db = optarg;
            break;
        case 'f':
            file = optarg;
            break;
        case 'h':
            fputs(usage, stdout);
            return 0;
        default:
            return cli_usage_error("fsiii-import", "unknown or incomplete option '%s'",
                                   argv[optind - 1]);
        }
    }
    if (!db || optind < argc)
        return cli_usage_error("fsiii-import", "--db PATH is required");
    if (!file) {
        if (!cli_fsiii_default_path(def, sizeof def))
            return cli_usage_error("fsiii-import", "cannot find the binary's folder; give --file");
        file = def;
    }
    if (access(file, R_OK) != 0) {
        fprintf(stderr, "omsorg fsiii-import: cannot read %s\n", file);
        return EXIT_USAGE;
    }
    if (store_target_is_file(db) && access(db, R_OK | W_OK) != 0) {
        fprintf(stderr,
                "omsorg fsiii-import: cannot open %s; create it with 'omsorg migrate "
                "--db %s'\n",
                db, db);
        return 1;
    }
    const char *err;
    struct store *s = store_open(db, &err);
    if (!s) {
        fprintf(stderr, "omsorg fsiii-import: %s: %s\n", db, err);
        return 1;
    }
    int rc = 1;
    if (store_needs_migration(s))
        fprintf(stderr, "omsorg fsiii-import: run 'omsorg migrate --db %s' first\n", db);
    else
        rc = cli_fsiii_import(s, "fsiii-import", file, false);
    store_close(s);
    return rc;
}
