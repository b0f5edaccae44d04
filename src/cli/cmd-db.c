/* cmd-db.c — database administration: `migrate`, `backup`, `useradd`. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/auth.h"
#include "core/validate.h"
#include "store/store.h"

/* Open a database or print why not. */
static struct store *open_db(const char *cmd, const char *path)
{
    const char *err;
    struct store *s = store_open(path, &err);
    if (!s)
        fprintf(stderr, "omsorg %s: %s: %s\n", cmd, path, err);
    return s;
}

int cmd_migrate(int argc, char **argv)
{
    static const char usage[] = "usage: omsorg migrate --db PATH\n\n"
                                "Create the database if it does not exist and apply every pending "
                                "schema migration,\neach in its own transaction.\n";
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *db = NULL;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'd')
            db = optarg;
        else if (c == 'h')
            return fputs(usage, stdout), 0;
        else
            return cli_usage_error("migrate", "unknown or incomplete option '%s'", argv[optind - 1]);
    }
    if (!db || optind < argc)
        return cli_usage_error("migrate", "--db PATH is required");
    struct store *s = open_db("migrate", db);
    if (!s)
        return 1;
    int applied;
    enum store_rc rc = store_migrate(s, &applied);
    int version = store_schema_version(s);
    store_close(s);
    if (rc != STORE_OK) {
        fprintf(stderr, "omsorg migrate: a migration failed; the database is unchanged from the "
                        "last good migration\n");
        return 1;
    }
    printf("omsorg migrate: %d migration(s) applied; schema version %d\n", applied, version);
    return 0;
}

int cmd_backup(int argc, char **argv)
{
    static const char usage[] = "usage: omsorg backup --db PATH --to FILE\n\n"
                                "Copy a database, while it is in use, to a new file (SQLite online "
                                "backup).\nFILE must not exist.\n";
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"to", required_argument, NULL, 't'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *db = NULL, *to = NULL;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'd')
            db = optarg;
        else if (c == 't')
            to = optarg;
        else if (c == 'h')
            return fputs(usage, stdout), 0;
        else
            return cli_usage_error("backup", "unknown or incomplete option '%s'", argv[optind - 1]);
    }
    if (!db || !to || optind < argc)
        return cli_usage_error("backup", "--db PATH and --to FILE are required");
    if (!store_target_is_file(db)) {
        fprintf(stderr, "omsorg backup: this copies SQLite files; back up PostgreSQL with "
                        "pg_dump\n");
        return 1;
    }
    if (access(to, F_OK) == 0) {
        fprintf(stderr, "omsorg backup: %s exists; choose a new file\n", to);
        return 1;
    }
    if (access(db, R_OK) != 0) {
        fprintf(stderr, "omsorg backup: cannot read %s\n", db);
        return 1;
    }
    struct store *s = open_db("backup", db);
    if (!s)
        return 1;
    enum store_rc rc = store_backup(s, to);
    store_close(s);
    if (rc != STORE_OK) {
        unlink(to);
        fprintf(stderr, "omsorg backup: the backup failed; nothing was written\n");
        return 1;
    }
    printf("omsorg backup: %s written\n", to);
    return 0;
}

/* Read a password from stdin without echo when it is a terminal. */
static bool read_password(char *buf, size_t size)
{
    struct termios old, quiet;
    bool tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0;
    if (tty) {
        fprintf(stderr, "Password: ");
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    bool ok = fgets(buf, (int)size, stdin) != NULL;
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSANOW, &old);
        fprintf(stderr, "\n");
    }
    if (ok)
        buf[strcspn(buf, "\r\n")] = '\0';
    return ok;
}

int cmd_useradd(int argc, char **argv)
{
    static const char usage[] =
        "usage: omsorg useradd --db PATH --username NAME --name \"FULL NAME\" --role ROLE\n"
        "                      [--team SLUG] [--skill CODE]... \n\n"
        "Add a staff user. The password is read from standard input (at least 10\n"
        "characters). Roles: admin, visitator, planner, carer, nurse, therapist, manager.\n"
        "Skills: personlig-pleje, praktisk-hjaelp, sygepleje, terapi.\n";
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},   {"username", required_argument, NULL, 'u'},
        {"name", required_argument, NULL, 'n'}, {"role", required_argument, NULL, 'r'},
        {"team", required_argument, NULL, 't'}, {"skill", required_argument, NULL, 's'},
        {"help", no_argument, NULL, 'h'},       {NULL, 0, NULL, 0}};
    const char *db = NULL, *team = NULL, *role = NULL;
    struct user u = {.active = true, .email = "", .phone = ""};
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'u': u.username = optarg; break;
        case 'n': u.full_name = optarg; break;
        case 'r': role = optarg; break;
        case 't': team = optarg; break;
        case 's':
            if (skill_index(optarg) < 0)
                return cli_usage_error("useradd", "unknown skill '%s'", optarg);
            u.skills |= 1u << skill_index(optarg);
            break;
        case 'h': fputs(usage, stdout); return 0;
        default: return cli_usage_error("useradd", "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (!db || !u.username || !u.full_name || !role || optind < argc)
        return cli_usage_error("useradd", "--db, --username, --name and --role are required");
    u.role = role_parse(role);
    if (u.role == ROLE_NONE)
        return cli_usage_error("useradd", "unknown role '%s'", role);
    if (!auth_init())
        return 1;
    struct store *s = open_db("useradd", db);
    if (!s)
        return 1;
    int rc = 1;
    struct arena a = ARENA_INIT;
    if (store_needs_migration(s)) {
        fprintf(stderr, "omsorg useradd: run 'omsorg migrate --db %s' first\n", db);
        goto out;
    }
    if (team) {
        struct team t;
        if (store_team_by_slug(s, &a, team, &t) != STORE_OK) {
            rc = cli_usage_error("useradd", "no team '%s'", team);
            goto out;
        }
        u.team_id = t.id;
    }
    char pw[256], hash[AUTH_HASH_MAX];
    if (!read_password(pw, sizeof pw)) {
        fprintf(stderr, "omsorg useradd: no password given on standard input\n");
        rc = EXIT_USAGE;
        goto out;
    }
    struct validation v = {0};
    user_validate(&u, pw, &v);
    for (int i = 0; i < v.count; i++)
        fprintf(stderr, "omsorg useradd: %s: %s\n", v.errors[i].field, v.errors[i].message);
    if (v.count) {
        rc = EXIT_USAGE;
        goto out;
    }
    if (!auth_password_hash(pw, hash))
        goto out;
    long id;
    enum store_rc src = store_user_create(s, &u, hash, &id);
    if (src == STORE_CONFLICT) {
        fprintf(stderr, "omsorg useradd: the username '%s' is taken\n", u.username);
        goto out;
    }
    if (src != STORE_OK)
        goto out;
    printf("omsorg useradd: user %s created (id %ld)\n", u.username, id);
    rc = 0;
out:
    arena_release(&a);
    store_close(s);
    return rc;
}
