/* dataerr.c — see dataerr.h. */
#include "core/dataerr.h"

#include <stdarg.h>
#include <stdio.h>

void data_error_add(struct data_errors *e, int line, const char *fmt, ...)
{
    if (e->count >= DATA_ERRORS_MAX) {
        e->dropped++;
        return;
    }
    struct data_error *x = &e->e[e->count++];
    x->line = line;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(x->message, sizeof x->message, fmt, ap);
    va_end(ap);
}

void data_error_format(const struct data_errors *e, int i, char *out, unsigned size)
{
    if (i < 0 || i >= e->count) {
        if (size)
            out[0] = '\0';
        return;
    }
    if (e->e[i].line > 0)
        snprintf(out, size, "linje %d: %s", e->e[i].line, e->e[i].message);
    else
        snprintf(out, size, "%s", e->e[i].message);
}
