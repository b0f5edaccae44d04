/*
 * letter.h — the decision letter (afgørelsesbrev) in plain Danish, built from
 * the grant and the citizen, and LIX, the Scandinavian readability index.
 *
 * The letter says what was asked, what is granted or refused and why, the
 * goals, when help starts, who the contact is, when we follow up, and how to
 * complain and by when. Every string is allocated in the caller's arena.
 */
#ifndef OMSORG_LETTER_H
#define OMSORG_LETTER_H

#include "core/grant.h"
#include "lib/arena.h"

#define LETTER_MAX_SECTIONS 8
#define LETTER_MAX_PARAGRAPHS 16

struct letter_section {
    const char *heading;
    const char *paragraphs[LETTER_MAX_PARAGRAPHS];
    int count;
    int is_list; /* paragraphs are items of a bulleted list */
};

struct letter {
    const char *title;
    const char *greeting;
    struct letter_section sections[LETTER_MAX_SECTIONS];
    int count;
    double lix; /* of the whole letter */
};

/* Build the letter for grant g to citizen c, dated `on`. contact_name may be
 * NULL. Returns 0, or -1 when out of memory. */
int letter_build(struct arena *a, const struct grant *g, const struct citizen *c,
                 const char *contact_name, struct date on, struct letter *out);
/* LIX of a text: words per sentence + percentage of long words (over six
 * letters). Sentences end with . ! ? : or a line break after text. 0 for
 * text without words. */
double lix(const char *text);
/* The whole letter as plain text (headings and paragraphs, one per line). */
const char *letter_text(struct arena *a, const struct letter *l);

#endif
