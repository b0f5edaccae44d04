/*
 * rules.c — the task rules (see rules.h): pure functions of a citizen's
 * facts and a moment.
 */
#include "core/rules.h"

#include <stdio.h>
#include <string.h>

static const char *const codes[RULE_COUNT] = {"reweigh", "triage_follow_up", "reassessment",
                                              "nutrition"};
static const char *const labels[RULE_COUNT] = {"Vej borgeren igen", "Følg op på triage",
                                               "Revurdering (opfølgning på afgørelse)",
                                               "Ernæringsvurdering efter vægttab"};

/* The stable code of a rule. */
const char *rule_code(enum rule_kind k)
{
    return k < RULE_COUNT ? codes[k] : "";
}

/* The Danish name of the task a rule raises. */
const char *rule_label(enum rule_kind k)
{
    return k < RULE_COUNT ? labels[k] : "";
}

/* A rule from its code; -1 when unknown. */
int rule_parse(const char *code)
{
    for (int i = 0; code && i < RULE_COUNT; i++)
        if (!strcmp(codes[i], code))
            return i;
    return -1;
}

/* One calendar month later, clamped to the end of a shorter month. */
struct date date_add_month(struct date d)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    struct date n = {d.year + (d.month == 12), d.month % 12 + 1, d.day};
    int last = days[n.month - 1] + (n.month == 2 && date_valid(n.year, 2, 29));
    if (n.day > last)
        n.day = last;
    return n;
}

/* Overdue only after the due moment, never at it. */
bool rules_overdue(long due_at, long now)
{
    return now > due_at;
}

/* The last second of a date (UTC). */
static long end_of(struct date d)
{
    return date_epoch(d) + 86399;
}

/* The unplanned loss at the latest weight within the recent window. */
int rules_weight_loss(const struct care_weight *w, int n, struct date *since)
{
    if (n < 2)
        return 0;
    struct date from = date_add_days(w[n - 1].on, -RULE_LOSS_DAYS);
    /* cum = the unplanned change from the first weight in the window to
     * weight i; the loss is the highest cum before the latest minus the
     * latest's cum. */
    int first = n - 1;
    while (first > 0 && date_cmp(w[first - 1].on, from) >= 0)
        first--;
    int cum = 0, peak = 0, loss = 0;
    struct date peak_on = w[first].on;
    for (int i = first + 1; i < n; i++) {
        if (!w[i].planned)
            cum += w[i].hg - w[i - 1].hg;
        if (i < n - 1 && cum > peak) {
            peak = cum;
            peak_on = w[i].on;
        }
    }
    loss = peak - cum;
    if (since)
        *since = peak_on;
    return loss > 0 ? loss : 0;
}

/* Append a task when there is room. */
static void add(struct rule_task *out, int max, int *n, enum rule_kind k, long from, long due,
                const char *key)
{
    if (*n >= max)
        return;
    out[*n].rule = k;
    snprintf(out[*n].key, sizeof out[*n].key, "%s", key);
    out[*n].due_from = from;
    out[*n].due_at = due;
    (*n)++;
}

/* Evaluate every rule for one citizen at now; the tasks that should be open. */
int rules_eval(const struct care_facts *f, long now, struct rule_task *out, int max)
{
    int n = 0;
    char key[48], d[11];
    /* re-weigh monthly */
    if (f->nweights > 0) {
        struct date last = f->weights[f->nweights - 1].on;
        struct date due = date_add_month(last);
        long from = date_epoch(date_add_days(due, -RULE_REWEIGH_EARLY));
        if (now >= from) {
            date_format(last, d);
            snprintf(key, sizeof key, "after:%s", d);
            add(out, max, &n, RULE_REWEIGH, from, end_of(due), key);
        }
    }
    /* follow-up of a yellow or red triage decision */
    if (f->triage_id > 0 && f->triage_level != TRIAGE_GREEN) {
        long due = f->triage_due > 0 ? f->triage_due
                                     : f->triage_at + triage_follow_up_seconds(f->triage_level);
        snprintf(key, sizeof key, "triage:%ld", f->triage_id);
        add(out, max, &n, RULE_TRIAGE_FOLLOW_UP, f->triage_at, due, key);
    }
    /* reassessment at a grant's follow-up date */
    for (int i = 0; i < f->ngrants; i++) {
        const struct care_grant *g = &f->grants[i];
        if (!g->active || !g->follow_up.year)
            continue;
        struct date open = date_add_days(g->follow_up, -RULE_REASSESS_EARLY);
        if (now < date_epoch(open))
            continue;
        if (f->last_assessment.year && date_cmp(f->last_assessment, open) >= 0)
            continue; /* assessed inside the window: done */
        date_format(g->follow_up, d);
        snprintf(key, sizeof key, "grant:%ld:%s", g->id, d);
        add(out, max, &n, RULE_REASSESSMENT, date_epoch(open), end_of(g->follow_up), key);
    }
    /* nutrition assessment after an unplanned loss of 1 kg or more */
    struct date since;
    if (rules_weight_loss(f->weights, f->nweights, &since) >= RULE_LOSS_HG &&
        !(f->last_nutrition.year && date_cmp(f->last_nutrition, since) >= 0)) {
        struct date last = f->weights[f->nweights - 1].on;
        date_format(since, d);
        snprintf(key, sizeof key, "loss-since:%s", d);
        add(out, max, &n, RULE_NUTRITION, date_epoch(last),
            end_of(date_add_days(last, RULE_NUTRITION_DAYS)), key);
    }
    return n;
}
