/* cmd-serve.c — `omsorg serve`: run the web application and the JSON API. */
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/auth.h"
#include "web/web.h"

static const char usage[] =
    "usage: omsorg serve --db PATH [--port N] [--bind ADDR] [--threads N] [--static DIR]\n\n"
    "Serve the web application and the JSON API (/api/v1) over HTTP.\n\n"
    "  --db PATH      the database (create it with 'omsorg demo' or 'omsorg migrate')\n"
    "  --port N       TCP port (default 8080)\n"
    "  --bind ADDR    IPv4 address to listen on (default 127.0.0.1; 0.0.0.0 for all)\n"
    "  --threads N    worker threads (default 4)\n"
    "  --static DIR   front-end assets (default: 'static' beside the binary)\n";

int cmd_serve(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},      {"port", required_argument, NULL, 'p'},
        {"bind", required_argument, NULL, 'b'},    {"threads", required_argument, NULL, 't'},
        {"static", required_argument, NULL, 's'},  {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    struct server_config cfg = {.bind = "127.0.0.1", .port = 8080, .threads = 4};
    char exe_static[PATH_MAX];
    long v;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd': cfg.db_path = optarg; break;
        case 'b': cfg.bind = optarg; break;
        case 's': cfg.static_dir = optarg; break;
        case 'p':
            if (!cli_parse_int(optarg, 1, 65535, &v))
                return cli_usage_error("serve", "--port must be a number from 1 to 65535");
            cfg.port = (int)v;
            break;
        case 't':
            if (!cli_parse_int(optarg, 1, 8, &v))
                return cli_usage_error("serve", "--threads must be a number from 1 to 8");
            cfg.threads = (int)v;
            break;
        case 'h': fputs(usage, stdout); return 0;
        default: return cli_usage_error("serve", "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (optind < argc)
        return cli_usage_error("serve", "unexpected argument '%s'", argv[optind]);
    if (!cfg.db_path)
        return cli_usage_error("serve", "--db PATH is required");
    if (store_target_is_file(cfg.db_path) && access(cfg.db_path, R_OK | W_OK) != 0) {
        fprintf(stderr, "omsorg serve: cannot open %s; create it with 'omsorg demo --db %s' or "
                        "'omsorg migrate --db %s'\n", cfg.db_path, cfg.db_path, cfg.db_path);
        return 1;
    }
    if (!cfg.static_dir) {
        ssize_t n = readlink("/proc/self/exe", exe_static, sizeof exe_static - 8);
        if (n <= 0)
            return cli_usage_error("serve", "cannot find the binary's folder; give --static DIR");
        exe_static[n] = '\0';
        char *dir = dirname(exe_static);
        memmove(exe_static, dir, strlen(dir) + 1);
        strcat(exe_static, "/static");
        cfg.static_dir = exe_static;
    }
    if (!auth_init()) {
        fprintf(stderr, "omsorg serve: cannot initialise libsodium\n");
        return 1;
    }
    return server_run(&cfg);
}
