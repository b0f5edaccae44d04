/*
 * read-solomon.c — the classic Solomon VRPTW text format, read as
 * plan-format.md says: euclidean, one carer per vehicle with the depot's
 * window as shift, one visit per customer, weights carers_used 100000 and
 * travel 1. Errors name the line.
 */
#include "plan/model.h"

#include <ctype.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct row {
    double v[7];
};

/* Split the text into lines in a malloc'ed copy; returns line count. */
static char **split_lines(const char *text, size_t len, char **copy, int *n)
{
    char *c = malloc(len + 1);
    char **lines = NULL;
    int cap = 0;
    *n = 0;
    if (!c)
        return NULL;
    memcpy(c, text, len);
    c[len] = 0;
    char *s = c;
    for (;;) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 256;
            char **nl = realloc(lines, (size_t)cap * sizeof *nl);
            if (!nl) {
                free(lines);
                free(c);
                return NULL;
            }
            lines = nl;
        }
        lines[(*n)++] = s;
        char *e = strchr(s, '\n');
        if (!e)
            break;
        *e = 0;
        s = e + 1;
    }
    *copy = c;
    return lines;
}

/* Parse up to max numbers from a line; returns how many, -1 on junk. */
static int numbers(const char *s, double *out, int max)
{
    int k = 0;
    while (*s) {
        while (isspace((unsigned char)*s))
            s++;
        if (!*s)
            break;
        char *end;
        double x = strtod(s, &end);
        if (end == s || k == max)
            return -1;
        out[k++] = x;
        s = end;
    }
    return k;
}

plan_problem *pm_read_solomon(const char *text, size_t len, char *err, size_t errlen)
{
    char *copy = NULL;
    int n = 0, i = 0;
    char **lines = split_lines(text, len, &copy, &n);
    plan_problem *p = NULL;
    struct row *rows = NULL;
    int nrows = 0, cap = 0;
    double head[2];
    int vehicles = 0;
    double capacity = 0;
    if (!lines) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    while (i < n && !strstr(lines[i], "NUMBER"))
        i++;
    for (i++; i < n && numbers(lines[i], head, 2) == 0; i++)
        ;
    if (i >= n || numbers(lines[i], head, 2) != 2 || head[0] < 1 || head[0] > 10000) {
        snprintf(err, errlen, "line %d: expected the vehicle NUMBER and CAPACITY (Solomon format)",
                 i < n ? i + 1 : n);
        goto fail;
    }
    vehicles = (int)head[0];
    capacity = head[1];
    while (i < n && !strstr(lines[i], "CUST NO"))
        i++;
    if (i >= n) {
        snprintf(err, errlen, "line %d: expected the CUSTOMER header", n);
        goto fail;
    }
    for (i++; i < n; i++) {
        struct row rw;
        int k = numbers(lines[i], rw.v, 7);
        if (k == 0)
            continue;
        if (k != 7) {
            snprintf(err, errlen, "line %d: expected 7 numbers (CUST NO. X Y DEMAND READY DUE SERVICE)",
                     i + 1);
            goto fail;
        }
        bool sane = rw.v[0] >= 0 && rw.v[0] <= 1e6;
        for (int j = 1; j < 7; j++)
            sane = sane && fabs(rw.v[j]) <= 1e7 && (j < 3 || rw.v[j] >= 0);
        if (!sane) {
            snprintf(err, errlen, "line %d: a number is out of range (customer 0–1000000, "
                                  "coordinates and times within ±10000000, none negative "
                                  "but the coordinates)", i + 1);
            goto fail;
        }
        if (rw.v[4] > rw.v[5]) {
            snprintf(err, errlen, "line %d: READY TIME after DUE DATE", i + 1);
            goto fail;
        }
        for (int q = 0; q < nrows; q++) {
            if ((int)rows[q].v[0] == (int)rw.v[0]) {
                snprintf(err, errlen, "line %d: customer %d appears twice", i + 1, (int)rw.v[0]);
                goto fail;
            }
        }
        if (nrows == cap) {
            cap = cap ? 2 * cap : 128;
            struct row *nr = realloc(rows, (size_t)cap * sizeof *nr);
            if (!nr) {
                snprintf(err, errlen, "out of memory");
                goto fail;
            }
            rows = nr;
        }
        rows[nrows++] = rw;
    }
    if (nrows < 1) {
        snprintf(err, errlen, "line %d: no customer rows", n);
        goto fail;
    }
    p = pm_new();
    if (!p)
        goto oom;
    p->name = arena_strdup(&p->arena, lines[0]);
    if (p->name) {
        char *nm = (char *)p->name;
        size_t l = strlen(nm);
        while (l && isspace((unsigned char)nm[l - 1]))
            nm[--l] = 0;
    }
    p->metric = PM_EUCLIDEAN;
    p->w.carers_used = 100000;
    p->w.travel = 1;
    p->n_locs = nrows;
    p->locs = arena_alloc(&p->arena, (size_t)nrows * sizeof *p->locs);
    p->n_carers = vehicles;
    p->carers = arena_alloc(&p->arena, (size_t)vehicles * sizeof *p->carers);
    p->n_visits = nrows - 1;
    p->visits = arena_alloc(&p->arena, (size_t)nrows * sizeof *p->visits);
    if (!p->locs || !p->carers || !p->visits)
        goto oom;
    for (int r = 0; r < nrows; r++) {
        p->locs[r].id = arena_printf(&p->arena, "%d", (int)rows[r].v[0]);
        p->locs[r].x = rows[r].v[1];
        p->locs[r].y = rows[r].v[2];
        if (!p->locs[r].id)
            goto oom;
    }
    for (int c = 0; c < vehicles; c++) {
        struct pm_carer *k = &p->carers[c];
        k->id = arena_printf(&p->arena, "v%d", c + 1);
        k->start = k->end = 0;
        k->shift_from = rows[0].v[4];
        k->shift_to = rows[0].v[5];
        k->team = -1;
        k->capacity = capacity;
        if (!k->id)
            goto oom;
    }
    for (int r = 1; r < nrows; r++) {
        struct pm_visit *x = &p->visits[r - 1];
        x->id = p->locs[r].id;
        x->loc = r;
        x->dur = rows[r].v[6];
        x->win = arena_alloc(&p->arena, sizeof *x->win);
        if (!x->win)
            goto oom;
        x->win[0].from = rows[r].v[4];
        x->win[0].to = rows[r].v[5];
        x->n_win = 1;
        x->n_carers = 1;
        x->demand = rows[r].v[3];
        x->team = -1;
        x->sync_with = -1;
    }
    if (pm_finalize(p, err, errlen))
        goto fail;
    free(rows);
    free(lines);
    free(copy);
    return p;
oom:
    snprintf(err, errlen, "out of memory");
fail:
    plan_problem_free(p);
    free(rows);
    free(lines);
    free(copy);
    return NULL;
}
