/*
 * server.c — the HTTP server: libmicrohttpd daemon with a thread pool, the
 * request lifecycle, a pool of store connections, static files, dispatch
 * through the route table, and queuing the response with security headers.
 */
#include "web/web.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/auth.h"
#include "lib/log.h"

#define POOL_MAX 16

struct server {
    const struct server_config *cfg;
    pthread_mutex_t lock;
    pthread_cond_t available;
    struct store *pool[POOL_MAX];
    int pool_free; /* pool[0..pool_free) are free */
    int pool_size;
};

const char *server_static_dir(const struct server *srv)
{
    return srv->cfg->static_dir;
}

static struct store *pool_take(struct server *srv)
{
    pthread_mutex_lock(&srv->lock);
    while (srv->pool_free == 0)
        pthread_cond_wait(&srv->available, &srv->lock);
    struct store *s = srv->pool[--srv->pool_free];
    pthread_mutex_unlock(&srv->lock);
    return s;
}

static void pool_give(struct server *srv, struct store *s)
{
    pthread_mutex_lock(&srv->lock);
    srv->pool[srv->pool_free++] = s;
    pthread_cond_signal(&srv->available);
    pthread_mutex_unlock(&srv->lock);
}

static const char *content_type_for(const char *path)
{
    static const struct {
        const char *ext, *type;
    } types[] = {
        {".css", "text/css; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
        {".svg", "image/svg+xml"},           {".png", "image/png"},
        {".woff2", "font/woff2"},            {".woff", "font/woff"},
        {".ttf", "font/ttf"},                {".map", "application/json"},
        {".ico", "image/x-icon"},
    };
    const char *dot = strrchr(path, '.');
    for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
        if (!strcmp(dot, types[i].ext))
            return types[i].type;
    return "application/octet-stream";
}

/* Serve /static/... from the static directory; no "..", no hidden files. */
static void serve_static(struct req *r)
{
    const char *rel = r->path + strlen("/static/");
    if (!*rel || strstr(rel, "..") || strstr(rel, "/.") || rel[0] == '.' || strchr(rel, '\\')) {
        send_error(r, 404, "not_found", "Siden findes ikke.");
        return;
    }
    r->static_file = arena_printf(&r->arena, "%s/%s", r->srv->cfg->static_dir, rel);
    r->content_type = content_type_for(rel);
    r->status = 200;
}

static bool method_is_safe(const char *m)
{
    return !strcmp(m, "GET") || !strcmp(m, "HEAD");
}

/* Parse the body according to its content type into r->form or r->json.
 * Sends 400/415 and returns false on malformed input. */
static bool parse_body(struct req *r)
{
    const char *ct = req_header(r, "Content-Type");
    if (r->body.len == 0 && method_is_safe(r->method))
        return true;
    if (ct && !strncasecmp(ct, "application/json", 16)) {
        json_error_t err;
        r->json = json_loadb(r->body.buf, r->body.len, JSON_REJECT_DUPLICATES, &err);
        if (!r->json) {
            send_error(r, 400, "bad_json", "Forespørgslen er ikke gyldig JSON.");
            return false;
        }
        return true;
    }
    if (ct && !strncasecmp(ct, "application/x-www-form-urlencoded", 33)) {
        if (!form_parse(&r->arena, r->body.buf, r->body.len, &r->form, &r->nform)) {
            send_error(r, 400, "bad_form", "Formularen kunne ikke læses.");
            return false;
        }
        return true;
    }
    if (r->body.len == 0)
        return true;
    send_error(r, 415, "unsupported_media_type",
               "Indholdstypen understøttes ikke. Brug application/json.");
    return false;
}

/* A browser sends Origin with every state-changing request; it must name
 * this server (scheme://host[:port] with Host's host and port). Requests
 * without Origin (curl, scripts) pass on to the CSRF check. */
static bool origin_ok(struct req *r)
{
    const char *origin = req_header(r, "Origin");
    const char *host = req_header(r, "Host");
    if (!origin)
        return true;
    if (!host)
        return false;
    const char *rest = strstr(origin, "://");
    return rest && !strcmp(rest + 3, host);
}

static void dispatch(struct req *r)
{
    if (!strncmp(r->path, "/static/", 8)) {
        if (!method_is_safe(r->method))
            send_error(r, 405, "method_not_allowed", "Metoden er ikke tilladt.");
        else
            serve_static(r);
        return;
    }
    bool path_known;
    const struct route *hit = route_find(r, &path_known);
    if (!hit) {
        if (path_known)
            send_error(r, 405, "method_not_allowed", "Metoden er ikke tilladt.");
        else
            send_error(r, 404, "not_found", "Siden findes ikke.");
        return;
    }
    if (!method_is_safe(r->method) && !origin_ok(r)) {
        send_error(r, 403, "cross_origin", "Forespørgslen kom fra en anden side og er afvist.");
        return;
    }
    if (r->body_too_large) {
        send_error(r, 413, "too_large", "Forespørgslen er for stor.");
        return;
    }
    r->db = pool_take(r->srv);
    session_load(r);
    if (hit->cap != CAP_PUBLIC && !r->authed) {
        if (r->is_api)
            send_error(r, 401, "unauthenticated", "Du skal logge ind.");
        else
            redirect(r, "/login");
        return;
    }
    if (!parse_body(r))
        return;
    if (!method_is_safe(r->method) && !(hit->flags & ROUTE_NO_CSRF) && r->authed &&
        !csrf_ok(r)) {
        send_error(r, 403, "csrf", "Sikkerhedstjekket fejlede. Genindlæs siden og prøv igen.");
        return;
    }
    route_run(r, hit);
    store_rollback(r->db); /* a handler that forgot to finish a transaction */
}

static void add_security_headers(struct MHD_Response *resp, bool is_static)
{
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
    if (is_static) {
        MHD_add_response_header(resp, "Cache-Control", "public, max-age=3600");
        return;
    }
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    MHD_add_response_header(resp, "Content-Security-Policy",
                            "default-src 'self'; img-src 'self' data:; object-src 'none'; "
                            "frame-ancestors 'none'; base-uri 'self'; form-action 'self'");
}

static enum MHD_Result queue(struct req *r)
{
    struct MHD_Response *resp = NULL;
    if (r->static_file) {
        int fd = open(r->static_file, O_RDONLY | O_CLOEXEC);
        struct stat sb;
        if (fd >= 0 && fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode)) {
            resp = MHD_create_response_from_fd((uint64_t)sb.st_size, fd);
        } else {
            if (fd >= 0)
                close(fd);
            r->static_file = NULL;
            send_error(r, 404, "not_found", "Filen findes ikke.");
        }
    }
    if (!resp) {
        size_t len;
        char *body = strbuf_detach(&r->out, &len);
        resp = MHD_create_response_from_buffer_with_free_callback(len, body, free);
        if (!resp) {
            free(body);
            return MHD_NO;
        }
    }
    add_security_headers(resp, r->static_file != NULL);
    if (r->content_type)
        MHD_add_response_header(resp, "Content-Type", r->content_type);
    if (r->location)
        MHD_add_response_header(resp, "Location", r->location);
    for (int i = 0; i < r->ncookies; i++)
        MHD_add_response_header(resp, "Set-Cookie", r->cookies[i]);
    enum MHD_Result ret = MHD_queue_response(r->conn, r->status ? r->status : 500, resp);
    MHD_destroy_response(resp);
    return ret;
}

static const char *client_address(struct req *r)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    char buf[INET6_ADDRSTRLEN] = "?";
    if (ci && ci->client_addr) {
        if (ci->client_addr->sa_family == AF_INET)
            inet_ntop(AF_INET, &((struct sockaddr_in *)ci->client_addr)->sin_addr, buf,
                      sizeof buf);
        else if (ci->client_addr->sa_family == AF_INET6)
            inet_ntop(AF_INET6, &((struct sockaddr_in6 *)ci->client_addr)->sin6_addr, buf,
                      sizeof buf);
    }
    return arena_strdup(&r->arena, buf);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_size, void **req_cls)
{
    struct server *srv = cls;
    struct req *r = *req_cls;
    if (!r) {
        r = calloc(1, sizeof *r);
        if (!r)
            return MHD_NO;
        strbuf_init(&r->body);
        strbuf_init(&r->out);
        r->arena.limit = 64 * 1024 * 1024;
        r->conn = conn;
        r->srv = srv;
        r->method = method;
        r->path = url;
        r->is_api = !strncmp(url, "/api/", 5) || !strcmp(url, "/healthz");
        *req_cls = r;
        return MHD_YES;
    }
    if (*upload_size) {
        if (r->body.len + *upload_size > BODY_LIMIT)
            r->body_too_large = true;
        else
            strbuf_add(&r->body, upload_data, *upload_size);
        *upload_size = 0;
        return MHD_YES;
    }
    r->client = client_address(r);
    dispatch(r);
    if (r->out.oom) {
        strbuf_release(&r->out);
        r->status = 500;
    }
    return queue(r);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **req_cls,
                         enum MHD_RequestTerminationCode toe)
{
    struct server *srv = cls;
    struct req *r = *req_cls;
    if (!r)
        return;
    if (r->db) {
        store_rollback(r->db);
        pool_give(srv, r->db);
    }
    if (r->json)
        json_decref(r->json);
    strbuf_release(&r->body);
    strbuf_release(&r->out);
    arena_release(&r->arena);
    free(r);
    *req_cls = NULL;
}

static volatile sig_atomic_t stopping;

static void on_signal(int sig)
{
    stopping = sig;
}

int server_run(const struct server_config *cfg)
{
    struct server srv = {.cfg = cfg};
    int rc = 1;
    pthread_mutex_init(&srv.lock, NULL);
    pthread_cond_init(&srv.available, NULL);
    srv.pool_size = cfg->threads * 2 < POOL_MAX ? cfg->threads * 2 : POOL_MAX;
    for (int i = 0; i < srv.pool_size; i++) {
        const char *err;
        struct store *s = store_open(cfg->db_path, &err);
        if (!s) {
            fprintf(stderr, "omsorg serve: %s: %s\n", cfg->db_path, err);
            goto out_pool;
        }
        srv.pool[srv.pool_free++] = s;
    }
    if (store_needs_migration(srv.pool[0])) {
        fprintf(stderr, "omsorg serve: the database schema is older than this program; run "
                        "'omsorg migrate --db %s' first\n", cfg->db_path);
        goto out_pool;
    }
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)cfg->port)};
    if (inet_pton(AF_INET, cfg->bind, &addr.sin_addr) != 1) {
        fprintf(stderr, "omsorg serve: bad --bind address\n");
        goto out_pool;
    }
    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG, 0, NULL, NULL,
        on_request, &srv, MHD_OPTION_NOTIFY_COMPLETED, on_completed, &srv,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)cfg->threads, MHD_OPTION_SOCK_ADDR, &addr,
        MHD_OPTION_CONNECTION_TIMEOUT, 30u, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
        (size_t)128 * 1024, MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "omsorg serve: cannot listen on %s:%d (%s)\n", cfg->bind, cfg->port,
                strerror(errno));
        goto out_pool;
    }
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    signal(SIGPIPE, SIG_IGN);
    log_info("serve: listening on http://%s:%d/ with %d threads", cfg->bind, cfg->port,
             cfg->threads);
    while (!stopping)
        pause();
    log_info("serve: stopping (signal %d)", (int)stopping);
    MHD_stop_daemon(d);
    rc = 0;
out_pool:
    for (int i = 0; i < srv.pool_free; i++)
        store_close(srv.pool[i]);
    pthread_cond_destroy(&srv.available);
    pthread_mutex_destroy(&srv.lock);
    return rc;
}
