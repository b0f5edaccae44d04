/*
 * cmd-oidc.c — `omsorg oidc-check`: log in at an OpenID provider with
 * lib/oidc.c and print what the verified ID token says. For an operator
 * checking a broker configuration before the portal uses it, and for the
 * integration tests, which drive it with --script against the local provider
 * (web/oidc/provider.mjs). The CPR number is printed masked unless --show-cpr.
 */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "lib/arena.h"
#include "lib/oidc.h"
#include "lib/strbuf.h"

static const char usage[] =
    "usage: omsorg oidc-check --config FILE [options]\n"
    "       omsorg oidc-check --issuer URL --client-id ID --client-secret-file FILE\n"
    "                         --redirect-uri URL [options]\n\n"
    "Log in at an OpenID provider (authorization code flow with PKCE) and verify the\n"
    "ID token. Prints the authorization URL; open it in a browser, log in, and paste\n"
    "the address the provider sends the browser back to (the redirect URI with\n"
    "?code=…&state=…). Prints the subject, the level of assurance and the CPR number\n"
    "(masked), or the error code. Exit status 0 when the token verified, 1 when not.\n\n"
    "  --config FILE              relying-party configuration (JSON; the local provider\n"
    "                             writes one to data/oidc/client.json)\n"
    "  --issuer URL, --client-id ID, --client-secret-file FILE, --redirect-uri URL,\n"
    "  --scopes S, --cpr-claim NAME, --acr-values S, --auth-method basic|post\n"
    "                             set or override one member of the configuration\n"
    "  --allow-http               allow http:// (a local provider only)\n"
    "  --jwks-min-interval N      seconds between JWKS fetches on an unknown kid\n"
    "  --show-cpr                 print the CPR number in full\n"
    "  --script                   read commands from standard input, one a line, and\n"
    "                             answer each with one line of JSON:\n"
    "                               discover | begin | finish COOKIE REDIRECT-URL\n";

struct opts {
    struct oidc_config cfg;
    bool show_cpr, script;
};

/* Decode %XX and '+' in place. False on a malformed escape or a NUL byte. */
static bool url_decode(char *s)
{
    char *w = s;
    for (char *r = s; *r; r++) {
        if (*r == '+') {
            *w++ = ' ';
        } else if (*r == '%') {
            int v = 0;
            for (int i = 1; i <= 2; i++) {
                char c = r[i];
                int d = c >= '0' && c <= '9'   ? c - '0'
                        : c >= 'a' && c <= 'f' ? c - 'a' + 10
                        : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                               : -1;
                if (d < 0)
                    return false;
                v = v * 16 + d;
            }
            if (!v)
                return false;
            *w++ = (char)v;
            r += 2;
        } else {
            *w++ = *r;
        }
    }
    *w = '\0';
    return true;
}

/* The redirect URL's query (copied into a) as a callback. False when it is
 * malformed or repeats a parameter (RFC 6749 §3.1). */
static bool parse_callback(struct arena *a, const char *url, struct oidc_callback *cb)
{
    memset(cb, 0, sizeof *cb);
    const char *q = strchr(url, '?');
    if (!q)
        return false;
    char *query = arena_strndup(a, q + 1, strcspn(q + 1, "#\r\n"));
    if (!query)
        return false;
    for (char *save = NULL, *kv = strtok_r(query, "&", &save); kv;
         kv = strtok_r(NULL, "&", &save)) {
        char *eq = strchr(kv, '=');
        if (!eq)
            continue;
        *eq = '\0';
        char *v = eq + 1;
        if (!url_decode(kv) || !url_decode(v))
            return false;
        const char **slot = !strcmp(kv, "state")   ? &cb->state
                            : !strcmp(kv, "code")  ? &cb->code
                            : !strcmp(kv, "iss")   ? &cb->iss
                            : !strcmp(kv, "error") ? &cb->error
                                                   : NULL;
        if (!slot)
            continue;
        if (*slot)
            return false;
        *slot = v;
    }
    return true;
}

/* Print one line of JSON (consumed) on stdout. */
static void emit(json_t *j)
{
    char *s = json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII);
    json_decref(j);
    if (s)
        puts(s);
    free(s);
    fflush(stdout);
}

static json_t *error_json(const struct oidc_error *err)
{
    return json_pack("{s:b, s:s, s:s}", "ok", 0, "error", oidc_err_code(err->code), "detail",
                     err->detail);
}

static int finish(struct oidc_rp *rp, const struct opts *o, const char *cookie, const char *url)
{
    struct arena a = ARENA_INIT;
    struct oidc_callback cb;
    struct oidc_identity id;
    struct oidc_error err;
    int status = 1;
    if (!parse_callback(&a, url, &cb)) {
        emit(json_pack("{s:b, s:s, s:s}", "ok", 0, "error", "callback_malformed", "detail",
                       "not a redirect URL with a query, or a parameter twice"));
        goto out;
    }
    if (oidc_rp_finish(rp, &cb, cookie, &id, &err) != OIDC_OK) {
        emit(error_json(&err));
        goto out;
    }
    char cpr[12] = "";
    if (id.cpr[0])
        snprintf(cpr, sizeof cpr, "%.6s-%.4s", id.cpr, o->show_cpr ? id.cpr + 6 : "xxxx");
    emit(json_pack("{s:b, s:s, s:s, s:s, s:I}", "ok", 1, "sub", id.sub, "cpr", cpr, "acr", id.acr,
                   "auth_time", (json_int_t)id.auth_time));
    memset(&id, 0, sizeof id);
    status = 0;
out:
    arena_release(&a);
    return status;
}

static int begin(struct oidc_rp *rp, char cookie[OIDC_RANDOM_LEN], bool json)
{
    struct strbuf url = STRBUF_INIT;
    struct oidc_error err;
    int status = 0;
    if (oidc_rp_begin(rp, &url, cookie, &err) != OIDC_OK) {
        if (json)
            emit(error_json(&err));
        else
            fprintf(stderr, "omsorg oidc-check: %s (%s)\n", oidc_err_text(err.code), err.detail);
        status = 1;
    } else if (json) {
        emit(json_pack("{s:b, s:s, s:s}", "ok", 1, "url", url.buf, "cookie", cookie));
    } else {
        printf("Open this address in a browser and log in:\n\n%s\n\n"
               "Then paste the address the browser is sent back to:\n",
               url.buf);
        fflush(stdout);
    }
    strbuf_release(&url);
    return status;
}

/* --script: one command a line, one JSON line back. Exit status 0 unless the
 * input was unusable; each answer says whether its command succeeded. */
static int run_script(struct oidc_rp *rp, const struct opts *o)
{
    char line[8192];
    char cookie[OIDC_RANDOM_LEN];
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\r\n")] = '\0';
        char *save = NULL, *cmd = strtok_r(line, " ", &save);
        if (!cmd)
            continue;
        if (!strcmp(cmd, "discover")) {
            struct oidc_error err;
            if (oidc_rp_discover(rp, &err) == OIDC_OK)
                emit(json_pack("{s:b}", "ok", 1));
            else
                emit(error_json(&err));
        } else if (!strcmp(cmd, "begin")) {
            begin(rp, cookie, true);
        } else if (!strcmp(cmd, "finish")) {
            char *c = strtok_r(NULL, " ", &save), *url = strtok_r(NULL, " ", &save);
            if (!c || !url)
                emit(json_pack("{s:b, s:s}", "ok", 0, "error", "usage: finish COOKIE URL"));
            else
                finish(rp, o, c, url);
        } else {
            emit(json_pack("{s:b, s:s}", "ok", 0, "error", "unknown command"));
        }
    }
    return 0;
}

/* Read the first line of a file (a secret) into a. */
static const char *read_secret(struct arena *a, const char *path)
{
    FILE *f = fopen(path, "r");
    char buf[1024];
    if (!f)
        return NULL;
    const char *s = fgets(buf, sizeof buf, f) ? buf : NULL;
    fclose(f);
    if (!s)
        return NULL;
    buf[strcspn(buf, "\r\n")] = '\0';
    const char *copy = buf[0] ? arena_strdup(a, buf) : NULL;
    explicit_bzero(buf, sizeof buf);
    return copy;
}

/* omsorg oidc-check: see usage above. */
int cmd_oidc_check(int argc, char **argv)
{
    enum {
        O_CONFIG = 1,
        O_ISSUER,
        O_CLIENT,
        O_SECRET,
        O_REDIRECT,
        O_SCOPES,
        O_CPR,
        O_ACR,
        O_AUTH,
        O_HTTP,
        O_JWKS,
        O_SHOW,
        O_SCRIPT,
        O_HELP
    };
    static const struct option longopts[] = {
        {"config", required_argument, NULL, O_CONFIG},
        {"issuer", required_argument, NULL, O_ISSUER},
        {"client-id", required_argument, NULL, O_CLIENT},
        {"client-secret-file", required_argument, NULL, O_SECRET},
        {"redirect-uri", required_argument, NULL, O_REDIRECT},
        {"scopes", required_argument, NULL, O_SCOPES},
        {"cpr-claim", required_argument, NULL, O_CPR},
        {"acr-values", required_argument, NULL, O_ACR},
        {"auth-method", required_argument, NULL, O_AUTH},
        {"allow-http", no_argument, NULL, O_HTTP},
        {"jwks-min-interval", required_argument, NULL, O_JWKS},
        {"show-cpr", no_argument, NULL, O_SHOW},
        {"script", no_argument, NULL, O_SCRIPT},
        {"help", no_argument, NULL, O_HELP},
        {NULL, 0, NULL, 0}};
    struct arena a = ARENA_INIT;
    struct opts o = {0};
    struct oidc_config over = {0};
    const char *config = NULL, *secret_file = NULL, *auth = NULL;
    bool allow_http = false, jwks_set = false;
    long jwks = 0;
    int c, status = EXIT_USAGE;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case O_CONFIG:
            config = optarg;
            break;
        case O_ISSUER:
            over.issuer = optarg;
            break;
        case O_CLIENT:
            over.client_id = optarg;
            break;
        case O_SECRET:
            secret_file = optarg;
            break;
        case O_REDIRECT:
            over.redirect_uri = optarg;
            break;
        case O_SCOPES:
            over.scopes = optarg;
            break;
        case O_CPR:
            over.cpr_claim = optarg;
            break;
        case O_ACR:
            over.acr_values = optarg;
            break;
        case O_AUTH:
            auth = optarg;
            break;
        case O_HTTP:
            allow_http = true;
            break;
        case O_JWKS:
            if (!cli_parse_int(optarg, -1, 86400, &jwks))
                return cli_usage_error("oidc-check", "--jwks-min-interval must be -1 to 86400");
            jwks_set = true;
            break;
        case O_SHOW:
            o.show_cpr = true;
            break;
        case O_SCRIPT:
            o.script = true;
            break;
        case O_HELP:
            fputs(usage, stdout);
            return 0;
        default:
            return cli_usage_error("oidc-check", "unknown or incomplete option '%s'",
                                   argv[optind - 1]);
        }
    }
    if (optind < argc)
        return cli_usage_error("oidc-check", "unexpected argument '%s'", argv[optind]);
    char msg[256];
    if (config && !oidc_config_load(config, &a, &o.cfg, msg, sizeof msg)) {
        status = cli_usage_error("oidc-check", "%s", msg);
        goto out;
    }
    /* Options override the file, member by member. */
    const char **from[] = {&over.issuer, &over.client_id, &over.redirect_uri,
                           &over.scopes, &over.cpr_claim, &over.acr_values};
    const char **to[] = {&o.cfg.issuer, &o.cfg.client_id, &o.cfg.redirect_uri,
                         &o.cfg.scopes, &o.cfg.cpr_claim, &o.cfg.acr_values};
    for (size_t i = 0; i < sizeof from / sizeof from[0]; i++)
        if (*from[i])
            *to[i] = *from[i];
    if (secret_file && !(o.cfg.client_secret = read_secret(&a, secret_file))) {
        status = cli_usage_error("oidc-check", "--client-secret-file: cannot read a secret from %s",
                                 secret_file);
        goto out;
    }
    if (auth) {
        if (strcmp(auth, "basic") && strcmp(auth, "post")) {
            status = cli_usage_error("oidc-check", "--auth-method must be basic or post");
            goto out;
        }
        o.cfg.client_auth =
            strcmp(auth, "post") ? OIDC_CLIENT_SECRET_BASIC : OIDC_CLIENT_SECRET_POST;
    }
    if (allow_http)
        o.cfg.allow_http = true;
    if (jwks_set)
        o.cfg.jwks_min_interval = jwks;

    struct oidc_error err;
    struct oidc_rp *rp = oidc_rp_new(&o.cfg, &err);
    if (!rp) {
        status = cli_usage_error("oidc-check", "%s: %s", oidc_err_text(err.code), err.detail);
        goto out;
    }
    if (o.script) {
        status = run_script(rp, &o);
    } else {
        char cookie[OIDC_RANDOM_LEN], line[8192];
        status = begin(rp, cookie, false);
        if (!status) {
            status = 1;
            if (fgets(line, sizeof line, stdin))
                status = finish(rp, &o, cookie, line);
        }
    }
    oidc_rp_free(rp);
out:
    arena_release(&a);
    return status;
}
