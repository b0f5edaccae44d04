/* indicator-staff.c — staff indicators over the rows of the HR import
 * (core/hr.h). Definitions: docs/indicators.md. */
#include <stdlib.h>
#include <string.h>

#include "core/indicator-int.h"
#include "core/indicator.h"

static bool team_match(const struct hr_row *r, const char *team)
{
    return !team || !*team || !strcmp(r->team, team);
}

/* The row's period lies inside the indicator's period. */
static bool row_inside(const struct hr_row *r, const struct ind_period *p)
{
    return ind_in_period(r->period_from, p) && ind_in_period(r->period_to, p);
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* Distinct employee numbers among names[0..k-1] (sorted in place). */
static long distinct_names(const char **names, long k)
{
    if (k <= 0)
        return 0;
    qsort(names, (size_t)k, sizeof *names, cmp_str);
    long d = 1;
    for (long i = 1; i < k; i++)
        d += strcmp(names[i], names[i - 1]) != 0;
    return d;
}

static int cmp_latest(const void *x, const void *y)
{
    const struct hr_row *a = *(const struct hr_row *const *)x,
                        *b = *(const struct hr_row *const *)y;
    int c = strcmp(a->employee, b->employee);
    if (c)
        return c;
    return -date_cmp(a->period_to, b->period_to); /* latest first */
}

/* The latest row per employee (pointers into r, arena array). */
static const struct hr_row **latest_rows(struct arena *a, const struct hr_row *r, long n, long *m)
{
    *m = 0;
    if (n <= 0)
        return NULL;
    const struct hr_row **v = arena_alloc(a, (size_t)n * sizeof *v);
    if (!v)
        return NULL;
    for (long i = 0; i < n; i++)
        v[i] = &r[i];
    qsort(v, (size_t)n, sizeof *v, cmp_latest);
    long k = 0;
    for (long i = 0; i < n; i++)
        if (i == 0 || strcmp(v[i]->employee, v[i - 1]->employee))
            v[k++] = v[i];
    *m = k;
    return v;
}

int ind_short_sick_leave(struct arena *a, const struct hr_row *r, long n,
                         const struct ind_period *p, const char *team, struct ind_value *out)
{
    const char **who = n > 0 ? arena_alloc(a, (size_t)n * sizeof *who) : NULL;
    if (n > 0 && !who)
        return -1;
    long sick = 0, days = 0, k = 0;
    for (long i = 0; i < n; i++) {
        if (!row_inside(&r[i], p) || !team_match(&r[i], team))
            continue;
        sick += r[i].sick_short;
        days += r[i].work_days;
        who[k++] = r[i].employee;
    }
    ind_ratio(out, sick, days, distinct_names(who, k), 100.0);
    return 0;
}

/* The day an employee is measured on: the end of the introduction. */
static bool intro_day(const struct hr_row *r, struct date *day)
{
    *day = r->intro_end;
    return r->intro_end.year != 0;
}

/* Still employed after the introduction ended (left later, or not at all). */
static bool stayed_after(const struct hr_row *r, struct date day)
{
    return !r->employed_to.year || date_cmp(r->employed_to, day) > 0;
}

/* The same day two years later (29 February → 28 February). */
static struct date two_years_after(struct date d)
{
    struct date x = {d.year + 2, d.month, d.day};
    if (!date_valid(x.year, x.month, x.day))
        x.day = 28;
    return x;
}

/* The day a student is measured on: two years after the education ended. */
static bool student_day(const struct hr_row *r, struct date *day)
{
    if (!r->student || !r->education_end.year)
        return false;
    *day = two_years_after(r->education_end);
    return true;
}

/* Employed on the day. */
static bool employed_on(const struct hr_row *r, struct date day)
{
    return date_cmp(r->employed_from, day) <= 0 &&
           (!r->employed_to.year || date_cmp(r->employed_to, day) >= 0);
}

/* Of the employees (latest row each) whose measuring day lies in the
 * period, the share for which kept() holds on that day. */
static int employee_share(struct arena *a, const struct hr_row *r, long n,
                          const struct ind_period *p, const char *team,
                          bool (*measured)(const struct hr_row *, struct date *),
                          bool (*kept)(const struct hr_row *, struct date), struct ind_value *out)
{
    long m;
    const struct hr_row **v = latest_rows(a, r, n, &m);
    if (n > 0 && !v)
        return -1;
    long num = 0, den = 0;
    for (long i = 0; i < m; i++) {
        struct date day;
        if (!team_match(v[i], team) || !measured(v[i], &day) || !ind_in_period(day, p))
            continue;
        den++;
        num += kept(v[i], day);
    }
    ind_ratio(out, num, den, den, 100.0);
    return 0;
}

int ind_retention_after_intro(struct arena *a, const struct hr_row *r, long n,
                              const struct ind_period *p, const char *team, struct ind_value *out)
{
    return employee_share(a, r, n, p, team, intro_day, stayed_after, out);
}

int ind_students_after_2y(struct arena *a, const struct hr_row *r, long n,
                          const struct ind_period *p, const char *team, struct ind_value *out)
{
    return employee_share(a, r, n, p, team, student_day, employed_on, out);
}

int ind_wellbeing(struct arena *a, const struct hr_row *r, long n, const struct ind_period *p,
                  const char *team, struct ind_value *out)
{
    const char **who = n > 0 ? arena_alloc(a, (size_t)n * sizeof *who) : NULL;
    if (n > 0 && !who)
        return -1;
    long sum = 0, count = 0;
    for (long i = 0; i < n; i++) {
        if (r[i].wellbeing < 0 || !row_inside(&r[i], p) || !team_match(&r[i], team))
            continue;
        sum += r[i].wellbeing;
        who[count++] = r[i].employee;
    }
    ind_ratio(out, sum, count, distinct_names(who, count), 1.0);
    return 0;
}
