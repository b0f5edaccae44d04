/* indicator-int.h — helpers shared by the indicator*.c files (private). */
#ifndef OMSORG_INDICATOR_INT_H
#define OMSORG_INDICATOR_INT_H

#include <stdbool.h>

#include "core/indicator.h"

bool ind_in_period(struct date d, const struct ind_period *p);
bool ind_team_ok(long team, long want); /* want 0 = every team */
/* Sort ids and count the distinct ones. */
long ind_distinct(long *ids, long n);
/* Fill a ratio result: value = scale × num / den; suppression by persons. */
void ind_ratio(struct ind_value *out, long num, long den, long persons, double scale);

/* Distinct-id counter on the heap (persons behind a figure). A failed
 * allocation leaves oom set; the count is then a lower bound, which only
 * ever suppresses more. */
struct ids {
    long *v;
    long n, cap;
    bool oom;
};
void ids_push(struct ids *s, long id);
long ids_count(struct ids *s); /* frees */

#endif
