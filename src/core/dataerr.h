/*
 * dataerr.h — errors found while reading a data file that people edit or
 * export (a policy pack, the legal bases, an HR export): each names the line
 * of the file and says in Danish what is wrong, so the administrator can fix
 * it in an editor. The struct owns its message texts (fixed buffers); no
 * allocation.
 */
#ifndef OMSORG_DATAERR_H
#define OMSORG_DATAERR_H

#include <stdbool.h>

#define DATA_ERRORS_MAX 64
#define DATA_ERROR_LEN  240

struct data_error {
    int line; /* 1-based line of the file; 0 = the file as a whole */
    char message[DATA_ERROR_LEN];
};

struct data_errors {
    struct data_error e[DATA_ERRORS_MAX];
    int count;   /* errors kept (at most DATA_ERRORS_MAX) */
    int dropped; /* errors found beyond DATA_ERRORS_MAX */
};

/* Record an error on a line (printf-style, Danish). Errors past the limit are
 * counted in dropped. */
void data_error_add(struct data_errors *e, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* "linje 12: …" for error i into out (size bytes). */
void data_error_format(const struct data_errors *e, int i, char *out, unsigned size);

#endif
