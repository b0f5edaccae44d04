/*
 * ui-fsiii.h — private to the FSIII pages (ui-assessment.c, ui-goal.c): the
 * page and form parts they share.
 */
#ifndef OMSORG_UI_FSIII_H
#define OMSORG_UI_FSIII_H

#include "web/web.h"

#include "app/assessment.h"

/* A posted form value, "" when absent. */
const char *form_value(struct req *r, const char *name);
/* The current version's codes into c; sends the error and returns false
 * when there are none (503) or the store fails. */
bool fsiii_codes_load(struct req *r, struct fsiii_codes *c);
/* Open a page: the title, a link back to the citizen's record, the heading
 * and, when v has errors, the summary with each message prefixed by its
 * field's label or its condition's code and name (c may be NULL). */
void fsiii_page_begin(struct req *r, long citizen_id, const char *title,
                      const struct fsiii_codes *c, const struct validation *v);
/* Close a form: the submit button, a link back to the record, the page. */
void fsiii_form_end(struct req *r, long citizen_id, const char *submit);
/* Walk the subcategories of a top group ("J") by area: a fieldset per area
 * with its code and name as legend (a heading when big), item() for each. */
typedef void (*fsiii_item_fn)(struct req *r, const struct fsiii_codes *c,
                              const struct fsiii_concept *x, const struct validation *v);
void fsiii_by_area(struct req *r, const struct fsiii_codes *c, const char *group, bool big,
                   fsiii_item_fn item, const struct validation *v);

#endif
