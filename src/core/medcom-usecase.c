/*
 * medcom-usecase.c — the 18 HospitalNotification use cases, read as data
 * from share/medcom/hospitalnotification_codes.csv, and which one a
 * message shows. See medcom.h and docs/medcom.md ("Which use case").
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/medcom-int.h"

#define UC_MAX_ROWS   100
#define UC_MAX_FIELDS 16
#define UC_FILE_MAX   (256 * 1024)

/* A cell that begins with '(' describes a value instead of giving one:
 * "(current activity kept)", "(previous status)". It matches anything. */
static bool wildcard(const char *cell)
{
    return cell[0] == '(';
}

/* Split "A|B" into an arena array; a wildcard or empty cell gives 0 items. */
static bool alternatives(struct arena *a, const char *cell, const char ***out, int *n)
{
    *out = NULL;
    *n = 0;
    if (!cell[0] || wildcard(cell))
        return true;
    int count = 1;
    for (const char *s = cell; *s; s++)
        count += *s == '|';
    const char **v = arena_alloc(a, (size_t)count * sizeof *v);
    if (!v)
        return false;
    const char *s = cell;
    for (int i = 0; i < count; i++) {
        size_t len = strcspn(s, "|");
        v[i] = arena_strndup(a, s, len);
        if (!v[i])
            return false;
        s += len + (s[len] == '|');
    }
    *out = v;
    *n = count;
    return true;
}

/* One CSV record from *p (RFC 4180: quotes, doubled quotes, CRLF) into
 * fields (arena strings). Returns the field count, -1 on a malformed or
 * oversized record, 0 at the end. */
static int csv_record(struct arena *a, const char **p, const char *end, char **fields, int max)
{
    const char *s = *p;
    if (s >= end)
        return 0;
    int n = 0;
    for (;;) {
        char buf[1024];
        size_t len = 0;
        if (s < end && *s == '"') {
            s++;
            for (;;) {
                if (s >= end)
                    return -1;
                if (*s == '"') {
                    if (s + 1 < end && s[1] == '"') {
                        s++;
                    } else {
                        s++;
                        break;
                    }
                }
                if (len + 1 >= sizeof buf)
                    return -1;
                buf[len++] = *s++;
            }
        } else {
            while (s < end && *s != ',' && *s != '\n' && *s != '\r') {
                if (*s == '"' || len + 1 >= sizeof buf)
                    return -1;
                buf[len++] = *s++;
            }
        }
        if (n == max)
            return -1;
        fields[n] = arena_strndup(a, buf, len);
        if (!fields[n])
            return -1;
        n++;
        if (s < end && *s == ',') {
            s++;
            continue;
        }
        if (s < end && *s == '\r')
            s++;
        if (s < end && *s == '\n')
            s++;
        else if (s < end)
            return -1;
        *p = s;
        return n;
    }
}

static int column(char **hdr, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(hdr[i], name))
            return i;
    return -1;
}

bool medcom_usecases_parse(const char *text, size_t len, struct arena *a,
                           struct medcom_usecases *uc, char *err, size_t errsz)
{
    static const char *const names[] = {
        "use_case_code",       "danish",          "english", "encounter_class", "encounter_status",
        "provenance_activity", "patient_deceased"};
    enum { CODE, DANISH, ENGLISH, CLASS, STATUS, ACTIVITY, DECEASED, NCOL };
    int col[NCOL];
    char *f[UC_MAX_FIELDS];
    const char *p = text, *end = text + len;
    *uc = (struct medcom_usecases){0};
    if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
        p += 3;
    int nh = csv_record(a, &p, end, f, UC_MAX_FIELDS);
    if (nh <= 0) {
        snprintf(err, errsz, "line 1: no header row");
        return false;
    }
    for (int c = 0; c < NCOL; c++) {
        col[c] = column(f, nh, names[c]);
        if (col[c] < 0) {
            snprintf(err, errsz, "line 1: column '%s' missing", names[c]);
            return false;
        }
    }
    uc->v = arena_alloc(a, UC_MAX_ROWS * sizeof *uc->v);
    if (!uc->v) {
        snprintf(err, errsz, "out of memory");
        return false;
    }
    for (int line = 2;; line++) {
        int n = csv_record(a, &p, end, f, UC_MAX_FIELDS);
        if (n == 0)
            break;
        if (n == 1 && !f[0][0])
            continue; /* blank line */
        if (n < nh) {
            snprintf(err, errsz, "line %d: %d fields, expected %d", line, n < 0 ? 0 : n, nh);
            return false;
        }
        if (uc->n == UC_MAX_ROWS) {
            snprintf(err, errsz, "line %d: more than %d use cases", line, UC_MAX_ROWS);
            return false;
        }
        struct medcom_usecase *u = &uc->v[uc->n];
        u->code = f[col[CODE]];
        u->danish = f[col[DANISH]];
        u->english = f[col[ENGLISH]];
        if (!u->code[0] || medcom_usecase_get(uc, u->code)) {
            snprintf(err, errsz, "line %d: empty or repeated use case code", line);
            return false;
        }
        const char *status = f[col[STATUS]], *dec = f[col[DECEASED]];
        u->status = wildcard(status) ? NULL : status;
        if (!status[0]) {
            snprintf(err, errsz, "line %d: encounter_status is empty", line);
            return false;
        }
        if (!dec[0])
            u->deceased = -1;
        else if (!strcmp(dec, "true"))
            u->deceased = 1;
        else if (!strcmp(dec, "false"))
            u->deceased = 0;
        else {
            snprintf(err, errsz, "line %d: patient_deceased must be true, false or empty", line);
            return false;
        }
        if (!alternatives(a, f[col[CLASS]], &u->classes, &u->n_classes) ||
            !alternatives(a, f[col[ACTIVITY]], &u->activities, &u->n_activities)) {
            snprintf(err, errsz, "out of memory");
            return false;
        }
        uc->n++;
    }
    if (!uc->n) {
        snprintf(err, errsz, "no use cases");
        return false;
    }
    return true;
}

bool medcom_usecases_load(const char *path, struct arena *a, struct medcom_usecases *uc, char *err,
                          size_t errsz)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errsz, "%s: %s", path, strerror(errno));
        return false;
    }
    char *buf = malloc(UC_FILE_MAX);
    size_t n = buf ? fread(buf, 1, UC_FILE_MAX, f) : 0;
    bool too_big = buf && n == UC_FILE_MAX;
    fclose(f);
    bool ok = false;
    if (!buf)
        snprintf(err, errsz, "out of memory");
    else if (too_big)
        snprintf(err, errsz, "%s: larger than %d bytes", path, UC_FILE_MAX);
    else {
        char inner[200];
        ok = medcom_usecases_parse(buf, n, a, uc, inner, sizeof inner);
        if (!ok)
            snprintf(err, errsz, "%s: %s", path, inner);
    }
    free(buf);
    return ok;
}

const struct medcom_usecase *medcom_usecase_get(const struct medcom_usecases *uc, const char *code)
{
    for (int i = 0; i < uc->n; i++)
        if (!strcmp(uc->v[i].code, code))
            return &uc->v[i];
    return NULL;
}

static bool one_of(const char **v, int n, const char *s)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(v[i], s))
            return true;
    return false;
}

/*
 * A row matches when class, activity and the deceased flag fit (wildcards
 * match anything) and the status fits — except that a death row (deceased
 * true) also matches another status, with *status_ok false: the IG's
 * Encounter page makes Patient.deceased the mark of a death notification,
 * and MedCom's test message MORS_J has a first-and-only death message
 * in-progress. Among matching rows the best is the one whose cancellation
 * prefix (AN_) agrees with the Provenance role (removal), then one with a
 * named activity over a wildcard, then one whose status fits, then the
 * first in the file (MORS before RE_MORS).
 */
const struct medcom_usecase *medcom_usecase_match(const struct medcom_usecases *uc,
                                                  const struct medcom_msg *msg, bool *role_ok,
                                                  bool *status_ok)
{
    const struct medcom_provenance *cur = medcom_current(msg);
    const struct medcom_entity *prior = medcom_prior(msg);
    bool removal = prior && !strcmp(prior->role, "removal");
    const char *cls = msg->encounter.class_code, *status = msg->encounter.status;
    int dead = msg->patient.deceased;
    const struct medcom_usecase *best = NULL;
    int best_score = -1;
    bool best_role = false, best_status = false;
    *role_ok = *status_ok = false;
    if (!cur || !msg->encounter.present)
        return NULL;
    for (int i = 0; i < uc->n; i++) {
        const struct medcom_usecase *u = &uc->v[i];
        if (u->n_classes && !one_of(u->classes, u->n_classes, cls))
            continue;
        if (u->n_activities && !one_of(u->activities, u->n_activities, cur->activity))
            continue;
        if ((u->deceased == 1 && dead != 1) || (u->deceased == 0 && dead != 0) ||
            (u->deceased == -1 && dead == 1))
            continue;
        bool st = !u->status || !strcmp(u->status, status);
        if (!st && u->deceased != 1)
            continue;
        bool cancel = !strncmp(u->code, "AN_", 3), role = cancel == removal;
        int score = role * 4 + (u->n_activities > 0) * 2 + st;
        if (score > best_score) {
            best = u;
            best_score = score;
            best_role = role;
            best_status = st;
        }
    }
    *role_ok = best_role;
    *status_ok = best_status;
    return best;
}

const struct medcom_usecase *medcom_usecase_refine(const struct medcom_usecases *uc,
                                                   const struct medcom_usecase *detected,
                                                   const char *prior_code)
{
    if (detected && !strcmp(detected->code, "MORS") && prior_code &&
        (!strcmp(prior_code, "MORS") || !strcmp(prior_code, "RE_MORS"))) {
        const struct medcom_usecase *re = medcom_usecase_get(uc, "RE_MORS");
        if (re)
            return re;
    }
    return detected;
}
