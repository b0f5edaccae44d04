/*
 * db-pg.c — the PostgreSQL driver (db.h): the only file that calls libpq.
 *
 * Statements are prepared on the server under names s1, s2, … with the
 * parameters rewritten from ? to $N (db_sql_dollar()); parameters are sent
 * as text with their types left to the server, results come back as text.
 * A statement runs at its first db_step() and its rows are read from the
 * result. Booleans read as 1/0.
 *
 * A lost connection makes the call fail with STORE_UNAVAILABLE; the next
 * call outside a transaction reconnects (PQreset) and prepares statements
 * again as they are used. Inside a transaction nothing reconnects until the
 * caller rolls back, so no statement of a broken transaction is ever run on
 * its own.
 */
#include "store/db-driver.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/log.h"

struct pg {
    struct db base;
    PGconn *conn;
    long changes;
    int names;      /* statements prepared so far (for their names) */
    int generation; /* bumped by each reconnect */
    bool in_tx;     /* between db_begin and db_commit/db_rollback */
};

struct pg_stmt {
    struct db_stmt base;
    char *sql; /* with $N parameters */
    char name[16];
    int generation; /* the connection's when prepared; older = prepare again */
    int nparams;
    char **values;       /* text of each parameter, NULL for SQL NULL (owned) */
    PGresult *res;       /* after the first step */
    int row, nrows;      /* the next row to return */
    unsigned char *blob; /* the latest db_col_blob() (PQfreemem) */
};

#define PG(db)  ((struct pg *)(db))
#define STMT(s) ((struct pg_stmt *)(s))

/* --- errors -------------------------------------------------------------------- */

/* The store_rc of a failed result (NULL: no result at all). */
static enum store_rc map(struct pg *d, const PGresult *res)
{
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    if (!state)
        return PQstatus(d->conn) == CONNECTION_OK ? STORE_ERROR : STORE_UNAVAILABLE;
    if (!strcmp(state, "23505"))
        return STORE_CONFLICT; /* unique_violation */
    if (!strcmp(state, "23503"))
        return STORE_INVALID; /* foreign_key_violation */
    if (!strcmp(state, "40001") || !strcmp(state, "40P01") || !strcmp(state, "55P03") ||
        !strncmp(state, "08", 2) || !strncmp(state, "53", 2) || !strncmp(state, "57P", 3) ||
        !strncmp(state, "58", 2))
        return STORE_UNAVAILABLE; /* serialization, deadlock, lock, connection, disk full,
                                     out of memory, shutdown, I/O */
    return STORE_ERROR;
}

/* Log a libpq message on one line (the log has one line per event). */
static void log_pg(const char *what, const char *msg)
{
    char line[512];
    size_t n = 0;
    for (const char *p = msg; *p && n + 1 < sizeof line; p++) {
        bool space = *p == '\n' || *p == '\t' || *p == ' ';
        if (space && (n == 0 || line[n - 1] == ' '))
            continue;
        line[n++] = space ? ' ' : *p;
    }
    while (n && line[n - 1] == ' ')
        n--;
    line[n] = '\0';
    log_error("store: %s: %s", what, line);
}

/* Remember a failure as the connection's latest and return its store_rc; log
 * what is not an expected constraint. Does not free res. */
static enum store_rc fail(struct pg *d, const PGresult *res, const char *what)
{
    enum store_rc r = map(d, res);
    if (r != STORE_CONFLICT && r != STORE_INVALID) {
        /* The primary message and SQLSTATE only: DETAIL repeats row values
         * (citizen data), and so does a data exception's (class 22) text. */
        const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
        const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
        char line[600];
        if (state && !strncmp(state, "22", 2))
            msg = "a value does not fit its column";
        if (msg)
            snprintf(line, sizeof line, "%s [%s]", msg, state ? state : "?");
        log_pg(what, msg ? line : PQerrorMessage(d->conn));
    }
    d->base.error = r;
    return r;
}

/* Make sure the connection is up; reconnect outside a transaction. */
static bool connected(struct pg *d)
{
    if (PQstatus(d->conn) == CONNECTION_OK)
        return true;
    if (d->in_tx)
        return false;
    PQreset(d->conn);
    if (PQstatus(d->conn) != CONNECTION_OK)
        return false;
    d->generation++;
    log_info("store: reconnected to PostgreSQL");
    return true;
}

/* Run a command without parameters or rows. */
static enum store_rc command(struct pg *d, const char *sql)
{
    if (!connected(d)) {
        d->base.error = STORE_UNAVAILABLE;
        log_error("store: PostgreSQL is not reachable");
        return STORE_UNAVAILABLE;
    }
    PGresult *res = PQexec(d->conn, sql);
    ExecStatusType status = PQresultStatus(res);
    enum store_rc r =
        status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK ? STORE_OK : fail(d, res, "exec");
    PQclear(res);
    return r;
}

/* --- connection -------------------------------------------------------------------- */

static void quiet(void *arg, const char *message)
{
    (void)arg;
    (void)message; /* NOTICEs such as "already exists, skipping" */
}

static void pg_close(struct db *db)
{
    PQfinish(PG(db)->conn);
    free(db);
}

static const struct db_ops pg_ops;

struct db *db_pg_open(const char *url, const char **err)
{
    struct pg *d = calloc(1, sizeof *d);
    if (!d) {
        *err = "out of memory";
        return NULL;
    }
    d->base.ops = &pg_ops;
    d->conn = PQconnectdb(url);
    if (!d->conn || PQstatus(d->conn) != CONNECTION_OK) {
        log_pg("connect to PostgreSQL", d->conn ? PQerrorMessage(d->conn) : "out of memory");
        *err = "cannot connect to the PostgreSQL database";
        pg_close(&d->base);
        return NULL;
    }
    PQsetNoticeProcessor(d->conn, quiet, NULL);
    if (PQsetClientEncoding(d->conn, "UTF8") != 0 ||
        command(d, "SET application_name = 'omsorg'") != STORE_OK) {
        *err = "the PostgreSQL connection does not take UTF-8";
        pg_close(&d->base);
        return NULL;
    }
    return &d->base;
}

/* --- statements ------------------------------------------------------------------- */

/* Prepare st on the server under its name. */
static enum store_rc server_prepare(struct pg *d, struct pg_stmt *s)
{
    if (!connected(d)) {
        d->base.error = STORE_UNAVAILABLE;
        log_error("store: PostgreSQL is not reachable");
        return STORE_UNAVAILABLE;
    }
    PGresult *res = PQprepare(d->conn, s->name, s->sql, s->nparams, NULL);
    enum store_rc r = PQresultStatus(res) == PGRES_COMMAND_OK ? STORE_OK : fail(d, res, "prepare");
    PQclear(res);
    if (r == STORE_OK)
        s->generation = d->generation;
    return r;
}

static void pg_finalize(struct db_stmt *st)
{
    struct pg_stmt *s = STMT(st);
    PQclear(s->res);
    PQfreemem(s->blob);
    for (int i = 0; i < s->nparams; i++)
        free(s->values[i]);
    free(s->values);
    free(s->sql);
    free(s);
}

static struct db_stmt *pg_prepare(struct db *db, const char *sql)
{
    struct pg *d = PG(db);
    struct pg_stmt *s = calloc(1, sizeof *s);
    if (!s || !(s->sql = db_sql_dollar(sql, &s->nparams)) ||
        (s->nparams && !(s->values = calloc((size_t)s->nparams, sizeof *s->values)))) {
        if (s)
            free(s->sql);
        free(s);
        db->error = STORE_ERROR;
        return NULL;
    }
    s->base.db = db;
    snprintf(s->name, sizeof s->name, "s%d", ++d->names);
    if (server_prepare(d, s) != STORE_OK) {
        pg_finalize(&s->base);
        return NULL;
    }
    return &s->base;
}

static void pg_reset(struct db_stmt *st, bool clear)
{
    struct pg_stmt *s = STMT(st);
    PQclear(s->res);
    s->res = NULL;
    PQfreemem(s->blob);
    s->blob = NULL;
    s->row = s->nrows = 0;
    if (clear)
        for (int i = 0; i < s->nparams; i++) {
            free(s->values[i]);
            s->values[i] = NULL;
        }
}

/* Set parameter i (from 1) to a copy of text; NULL text = SQL NULL. A
 * parameter the statement does not have is ignored, as in SQLite. */
static void set_param(struct db_stmt *st, int i, const char *text)
{
    struct pg_stmt *s = STMT(st);
    if (i < 1 || i > s->nparams)
        return;
    free(s->values[i - 1]);
    s->values[i - 1] = text ? strdup(text) : NULL;
    if (text && !s->values[i - 1])
        log_error("store: out of memory binding a parameter");
}

static void pg_bind_int64(struct db_stmt *st, int i, int64_t v)
{
    char t[24];
    snprintf(t, sizeof t, "%lld", (long long)v);
    set_param(st, i, t);
}

static void pg_bind_double(struct db_stmt *st, int i, double v)
{
    char t[32];
    snprintf(t, sizeof t, "%.17g", v);
    set_param(st, i, t);
}

static void pg_bind_text(struct db_stmt *st, int i, const char *text)
{
    set_param(st, i, text);
}

static void pg_bind_null(struct db_stmt *st, int i)
{
    set_param(st, i, NULL);
}

static void pg_bind_blob(struct db_stmt *st, int i, const void *p, size_t n)
{
    /* bytea's hex text form: \x then two digits a byte */
    static const char hex[] = "0123456789abcdef";
    char *t = malloc(2 * n + 3);
    if (!t) {
        log_error("store: out of memory binding a parameter");
        return;
    }
    t[0] = '\\';
    t[1] = 'x';
    for (size_t k = 0; k < n; k++) {
        t[2 + 2 * k] = hex[((const unsigned char *)p)[k] >> 4];
        t[3 + 2 * k] = hex[((const unsigned char *)p)[k] & 15];
    }
    t[2 + 2 * n] = '\0';
    set_param(st, i, t);
    free(t);
}

static int pg_step(struct db_stmt *st)
{
    struct pg_stmt *s = STMT(st);
    struct pg *d = PG(st->db);
    PQfreemem(s->blob);
    s->blob = NULL;
    if (!s->res) {
        if (!connected(d)) {
            d->base.error = STORE_UNAVAILABLE;
            log_error("store: PostgreSQL is not reachable");
            return DB_FAIL;
        }
        if (s->generation != d->generation && server_prepare(d, s) != STORE_OK)
            return DB_FAIL;
        PGresult *res = PQexecPrepared(d->conn, s->name, s->nparams, (const char *const *)s->values,
                                       NULL, NULL, 0);
        ExecStatusType status = PQresultStatus(res);
        if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
            fail(d, res, "step");
            PQclear(res);
            return DB_FAIL;
        }
        const char *n = PQcmdTuples(res);
        if (*n)
            d->changes = atol(n);
        s->res = res;
        s->nrows = PQntuples(res);
        s->row = 0;
    }
    if (s->row >= s->nrows)
        return DB_DONE;
    s->row++;
    return DB_ROW;
}

/* The current row's value of column i, NULL for SQL NULL or no row. */
static const char *value(struct db_stmt *st, int i)
{
    struct pg_stmt *s = STMT(st);
    int r = s->row - 1;
    if (!s->res || r < 0 || i < 0 || i >= PQnfields(s->res) || PQgetisnull(s->res, r, i))
        return NULL;
    return PQgetvalue(s->res, r, i);
}

static int64_t pg_col_int64(struct db_stmt *st, int i)
{
    const char *v = value(st, i);
    if (!v)
        return 0;
    if (v[0] == 't' && !v[1])
        return 1;
    if (v[0] == 'f' && !v[1])
        return 0;
    return strtoll(v, NULL, 10);
}

static double pg_col_double(struct db_stmt *st, int i)
{
    const char *v = value(st, i);
    return v ? strtod(v, NULL) : 0.0;
}

static const char *pg_col_text(struct db_stmt *st, int i)
{
    return value(st, i);
}

static bool pg_col_null(struct db_stmt *st, int i)
{
    return value(st, i) == NULL;
}

static const void *pg_col_blob(struct db_stmt *st, int i, size_t *n)
{
    struct pg_stmt *s = STMT(st);
    const char *v = value(st, i);
    PQfreemem(s->blob);
    s->blob = NULL;
    *n = 0;
    if (!v)
        return NULL;
    s->blob = PQunescapeBytea((const unsigned char *)v, n);
    return s->blob;
}

static long pg_changes(struct db *db)
{
    return PG(db)->changes;
}

/* --- transactions, scripts, schema -------------------------------------------- */

static enum store_rc pg_exec(struct db *db, const char *script)
{
    return command(PG(db), script);
}

static enum store_rc pg_begin(struct db *db)
{
    enum store_rc r = command(PG(db), "BEGIN");
    PG(db)->in_tx = r == STORE_OK;
    return r;
}

static void pg_rollback(struct db *db)
{
    struct pg *d = PG(db);
    d->in_tx = false;
    if (PQstatus(d->conn) == CONNECTION_OK && PQtransactionStatus(d->conn) != PQTRANS_IDLE)
        command(d, "ROLLBACK");
}

static enum store_rc pg_commit(struct db *db)
{
    struct pg *d = PG(db);
    if (PQstatus(d->conn) != CONNECTION_OK) {
        /* the server went away with the transaction: nothing was committed */
        d->base.error = STORE_UNAVAILABLE;
        log_error("store: commit: the connection to PostgreSQL was lost");
        return STORE_UNAVAILABLE;
    }
    if (PQtransactionStatus(d->conn) == PQTRANS_INERROR) {
        /* a statement failed: PostgreSQL will only roll back */
        log_error("store: commit after a failed statement; rolled back");
        pg_rollback(db);
        d->base.error = STORE_ERROR;
        return STORE_ERROR;
    }
    enum store_rc r = command(d, "COMMIT");
    if (r == STORE_OK)
        d->in_tx = false;
    return r;
}

static int pg_schema_version(struct db *db)
{
    struct pg *d = PG(db);
    if (!connected(d))
        return -1;
    PGresult *res = PQexec(d->conn, "SELECT to_regclass('omsorg_schema') IS NOT NULL");
    int v = -1;
    if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1) {
        bool have = !strcmp(PQgetvalue(res, 0, 0), "t");
        PQclear(res);
        if (!have)
            return 0;
        res = PQexec(d->conn, "SELECT coalesce(max(version), 0) FROM omsorg_schema");
        if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1)
            v = atoi(PQgetvalue(res, 0, 0));
    }
    if (v < 0)
        fail(d, res, "schema version");
    PQclear(res);
    return v;
}

static enum store_rc pg_set_schema_version(struct db *db, int version)
{
    char sql[200];
    snprintf(sql, sizeof sql,
             "CREATE TABLE IF NOT EXISTS omsorg_schema (version integer NOT NULL); "
             "DELETE FROM omsorg_schema; INSERT INTO omsorg_schema (version) VALUES (%d)",
             version);
    return command(PG(db), sql);
}

static const struct db_ops pg_ops = {
    .dialect = DB_POSTGRES,
    .close = pg_close,
    .prepare = pg_prepare,
    .finalize = pg_finalize,
    .reset = pg_reset,
    .bind_int64 = pg_bind_int64,
    .bind_double = pg_bind_double,
    .bind_text = pg_bind_text,
    .bind_null = pg_bind_null,
    .bind_blob = pg_bind_blob,
    .step = pg_step,
    .col_int64 = pg_col_int64,
    .col_double = pg_col_double,
    .col_text = pg_col_text,
    .col_null = pg_col_null,
    .col_blob = pg_col_blob,
    .changes = pg_changes,
    .exec = pg_exec,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .schema_version = pg_schema_version,
    .set_schema_version = pg_set_schema_version,
    .backup = NULL,
};
