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
#include "core/law.h"
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

/* The legal bases a decision letter cites. */
struct letter_law {
    const struct law_basis *basis;     /* the decision's basis; NULL = cite none */
    const struct law_basis *complaint; /* the complaint rules; NULL = cite none */
};

/* The topic a grant's decision rests on: rehabilitation, helhedspleje, or
 * personal and practical help (itemised services and refusals). */
enum law_topic grant_law_topic(enum grant_kind k);
/* Choose the bases for a decision on grant kind k to a citizen born on
 * `birth`, made on `on`, with the assessor's decision about the Ældrelov's
 * target group (LAW_ASSESS_NONE = by the folkepensionsalder). */
void letter_law_for(const struct law_table *t, enum grant_kind k, struct date birth, struct date on,
                    enum law_assessment assess, struct letter_law *out);

/* Build the letter for grant g to citizen c, dated `on`, citing the bases
 * in law (may be NULL: no citation). contact_name may be NULL. Returns 0, or
 * -1 when out of memory. */
int letter_build_cited(struct arena *a, const struct grant *g, const struct citizen *c,
                       const char *contact_name, struct date on, const struct letter_law *law,
                       struct letter *out);
/* letter_build_cited() with the compiled-in legal bases, the citizen's
 * group taken from the birth date in the CPR number (no assessor's
 * decision). Returns 0, or -1 when out of memory or the law data fail. */
int letter_build(struct arena *a, const struct grant *g, const struct citizen *c,
                 const char *contact_name, struct date on, struct letter *out);
/* LIX of a text: words per sentence + percentage of long words (over six
 * letters). Sentences end with . ! ? : or a line break after text. 0 for
 * text without words. */
double lix(const char *text);
/* The whole letter as plain text (headings and paragraphs, one per line). */
const char *letter_text(struct arena *a, const struct letter *l);

#endif
