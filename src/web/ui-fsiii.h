/*
 * ui-fsiii.h — private to the FSIII pages (ui-assessment.c, ui-goal.c):
 * the imported code system for a request and the form helpers they share.
 */
#ifndef OMSORG_UI_FSIII_H
#define OMSORG_UI_FSIII_H

#include "web/web.h"

/* The current FSIII version and its concepts (arena-owned). */
struct codes {
    struct fsiii_version version;
    struct fsiii_concept *all;
    int n;
};

/* Load the current version's concepts into c. Sends an error (503 when
 * nothing is imported) and returns false on failure. */
bool fsiii_codes_load(struct req *r, struct codes *c);
/* A posted form value, "" when absent. */
const char *form_value(struct req *r, const char *name);
/* Only the visitator creates; the citizen must exist and be readable (the
 * read is audited). Sends the error and returns false otherwise. */
bool fsiii_write_allowed(struct req *r, const char *what);
/* Messages for the error summary, each prefixed with its field's label or
 * the condition's code and name. c may be NULL. */
struct validation fsiii_error_summary(struct req *r, const struct codes *c,
                                      const struct validation *v);

#endif
