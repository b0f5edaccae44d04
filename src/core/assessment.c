/* assessment.c — see assessment.h. */
#include "core/assessment.h"

#include <string.h>

#include "core/date.h"

/* True for FSIII's level scale: 0–4, or 9 (not relevant). */
bool fsiii_level_ok(int level)
{
    return (level >= 0 && level <= 4) || level == 9;
}

/* A code short and plain enough to be part of a field name. */
static bool code_plain(const char *code)
{
    return code && *code && strlen(code) <= 60 && text_ok(code, 60, false) && !strchr(code, ' ');
}

/* Check a date field: required, YYYY-MM-DD, a real date. */
static bool check_date(struct validation *v, const char *field, const char *s)
{
    struct date d;
    if (!s || !*s) {
        validation_add(v, field, "Feltet skal udfyldes.");
        return false;
    }
    if (!date_parse(s, &d)) {
        validation_add(v, field, "Skriv en gyldig dato som ÅÅÅÅ-MM-DD, fx 2026-03-01.");
        return false;
    }
    return true;
}

/* Validate one functional condition; field names are "<code>.<part>" in a. */
static void function_validate(const struct assessment_function *f,
                              const struct fsiii_concept *concepts, int n, struct arena *a,
                              struct validation *v)
{
    if (!code_plain(f->code)) {
        validation_add(v, "functions", "En funktionsevnetilstand mangler en gyldig kode.");
        return;
    }
    if (!fsiii_is(concepts, n, f->code, "J", 2)) {
        validation_add(v, arena_printf(a, "%s", f->code),
                       "Koden er ikke en funktionsevnetilstand (FSIII gruppe J) i den "
                       "indlæste version.");
        return;
    }
    if (!fsiii_level_ok(f->current))
        validation_add(v, arena_printf(a, "%s.current", f->code),
                       "Vælg et nuværende niveau fra 0 til 4, eller 9 (ikke relevant).");
    if (f->expected != LEVEL_NONE && !fsiii_level_ok(f->expected))
        validation_add(v, arena_printf(a, "%s.expected", f->code),
                       "Vælg et forventet niveau fra 0 til 4, eller 9 (ikke relevant).");
    if (f->performance && *f->performance && !fsiii_is(concepts, n, f->performance, "C", 1))
        validation_add(v, arena_printf(a, "%s.performance", f->code),
                       "Vælg borgerens oplevelse af udførelsen fra listen.");
    if (f->importance && *f->importance && !fsiii_is(concepts, n, f->importance, "D", 1))
        validation_add(v, arena_printf(a, "%s.importance", f->code),
                       "Vælg borgerens oplevelse af betydningen fra listen.");
    check_text(v, arena_printf(a, "%s.need", f->code), f->need, false, 2000, true);
    check_text(v, arena_printf(a, "%s.cause", f->code), f->cause, false, 2000, true);
    check_text(v, arena_printf(a, "%s.symptoms", f->code), f->symptoms, false, 2000, true);
}

/* Validate an assessment (see assessment.h); field names in a. */
void assessment_validate(const struct assessment *x, const struct fsiii_concept *concepts, int n,
                         struct arena *a, struct validation *v)
{
    if (check_date(v, "assessed_on", x->assessed_on)) {
        struct date d;
        date_parse(x->assessed_on, &d);
        if (date_cmp(d, date_today()) > 0)
            validation_add(v, "assessed_on", "Datoen for vurderingen må ikke ligge i fremtiden.");
    }
    check_text(v, "note", x->note, false, 4000, true);
    if (x->function_count + x->health_count == 0)
        validation_add(v, "functions",
                       "Vurdér mindst én funktionsevnetilstand, eller markér en "
                       "helbredstilstand som relevant.");
    if (x->function_count > ASSESSMENT_MAX_ITEMS || x->health_count > ASSESSMENT_MAX_ITEMS) {
        validation_add(v, "functions", "Der er for mange tilstande i vurderingen.");
        return;
    }
    for (int i = 0; i < x->function_count; i++) {
        function_validate(&x->functions[i], concepts, n, a, v);
        for (int k = 0; k < i; k++)
            if (code_plain(x->functions[i].code) &&
                !strcmp(x->functions[i].code, x->functions[k].code))
                validation_add(v, arena_printf(a, "%s", x->functions[i].code),
                               "Tilstanden står to gange i vurderingen.");
    }
    for (int i = 0; i < x->health_count; i++) {
        const struct assessment_health *h = &x->health[i];
        if (!code_plain(h->code)) {
            validation_add(v, "health", "En helbredstilstand mangler en gyldig kode.");
            continue;
        }
        if (!fsiii_is(concepts, n, h->code, "I", 2))
            validation_add(v, arena_printf(a, "%s", h->code),
                           "Koden er ikke en helbredstilstand (FSIII gruppe I) i den indlæste "
                           "version.");
        check_text(v, arena_printf(a, "%s.note", h->code), h->note, false, 2000, true);
        for (int k = 0; k < i; k++)
            if (!strcmp(h->code, x->health[k].code))
                validation_add(v, arena_printf(a, "%s", h->code),
                               "Tilstanden står to gange i vurderingen.");
    }
}

/* The change from level before to level after (both on the scale). */
static enum change level_change(int before, int after)
{
    if (before == after)
        return CHANGE_SAME;
    if (before == 9 || after == 9)
        return CHANGE_UNCOMPARABLE;
    return after < before ? CHANGE_BETTER : CHANGE_WORSE;
}

/* Pair the conditions of two assessments (see assessment.h); the result
 * arrays are allocated in a and point at the inputs' strings. */
bool assessment_compare(const struct assessment *prev, const struct assessment *cur,
                        struct arena *a, struct condition_change **functions, int *nfunctions,
                        struct condition_change **health, int *nhealth)
{
    int nf = cur->function_count + prev->function_count;
    int nh = cur->health_count + prev->health_count;
    *nfunctions = *nhealth = 0;
    *functions = arena_alloc(a, sizeof **functions * (size_t)(nf ? nf : 1));
    *health = arena_alloc(a, sizeof **health * (size_t)(nh ? nh : 1));
    if (!*functions || !*health)
        return false;
    for (int i = 0; i < cur->function_count; i++) {
        const struct assessment_function *c = &cur->functions[i];
        struct condition_change *x = &(*functions)[(*nfunctions)++];
        *x = (struct condition_change){c->code, c->display, LEVEL_NONE, c->current, CHANGE_NEW};
        for (int k = 0; k < prev->function_count; k++)
            if (!strcmp(prev->functions[k].code, c->code)) {
                x->before = prev->functions[k].current;
                x->change = level_change(x->before, x->after);
            }
    }
    for (int k = 0; k < prev->function_count; k++) {
        const struct assessment_function *p = &prev->functions[k];
        bool seen = false;
        for (int i = 0; i < cur->function_count && !seen; i++)
            seen = !strcmp(cur->functions[i].code, p->code);
        if (!seen)
            (*functions)[(*nfunctions)++] =
                (struct condition_change){p->code, p->display, p->current, LEVEL_NONE, CHANGE_GONE};
    }
    for (int i = 0; i < cur->health_count; i++) {
        const struct assessment_health *c = &cur->health[i];
        enum change ch = CHANGE_NEW;
        for (int k = 0; k < prev->health_count; k++)
            if (!strcmp(prev->health[k].code, c->code))
                ch = CHANGE_SAME;
        (*health)[(*nhealth)++] =
            (struct condition_change){c->code, c->display, LEVEL_NONE, LEVEL_NONE, ch};
    }
    for (int k = 0; k < prev->health_count; k++) {
        const struct assessment_health *p = &prev->health[k];
        bool seen = false;
        for (int i = 0; i < cur->health_count && !seen; i++)
            seen = !strcmp(cur->health[i].code, p->code);
        if (!seen)
            (*health)[(*nhealth)++] =
                (struct condition_change){p->code, p->display, LEVEL_NONE, LEVEL_NONE, CHANGE_GONE};
    }
    return true;
}

/* Danish words for a functional condition's change (static). */
const char *change_label(enum change c)
{
    switch (c) {
    case CHANGE_SAME:
        return "uændret";
    case CHANGE_BETTER:
        return "bedre";
    case CHANGE_WORSE:
        return "værre";
    case CHANGE_NEW:
        return "ny";
    case CHANGE_GONE:
        return "ikke vurderet nu";
    case CHANGE_UNCOMPARABLE:
        return "kan ikke sammenlignes";
    }
    return "";
}

/* Danish words for a health condition's change (static). */
const char *health_change_label(enum change c)
{
    switch (c) {
    case CHANGE_NEW:
        return "ny";
    case CHANGE_GONE:
        return "ikke længere relevant";
    default:
        return "fortsat relevant";
    }
}

/* The stable API identifier of a change (static). */
const char *change_code(enum change c)
{
    static const char *const codes[] = {"same", "better", "worse", "new", "gone", "uncomparable"};
    return c >= CHANGE_SAME && c <= CHANGE_UNCOMPARABLE ? codes[c] : "";
}

/* A decorative arrow for a change (static; the words carry the meaning). */
const char *change_arrow(enum change c)
{
    switch (c) {
    case CHANGE_BETTER:
        return "↓";
    case CHANGE_WORSE:
        return "↑";
    case CHANGE_SAME:
        return "→";
    case CHANGE_NEW:
        return "+";
    case CHANGE_GONE:
        return "−";
    default:
        return "≠";
    }
}

/* --- goals ---------------------------------------------------------------- */

static const char *const goal_type_codes[GOAL_TYPE_COUNT] = {NULL, "disappear", "lessen",
                                                             "maintain"};
static const char *const goal_type_labels[GOAL_TYPE_COUNT] = {
    "", "Tilstanden skal forsvinde", "Tilstanden skal mindskes",
    "Tilstanden skal fastholdes (ikke forværres)"};
static const char *const goal_status_codes[GOAL_STATUS_COUNT] = {NULL, "open", "reached",
                                                                 "not_reached"};
static const char *const goal_status_labels[GOAL_STATUS_COUNT] = {"", "Åben", "Nået", "Ikke nået"};

/* Stable identifier of a goal type, NULL when unknown (static). */
const char *goal_type_code(enum goal_type t)
{
    return t > GOAL_TYPE_NONE && t < GOAL_TYPE_COUNT ? goal_type_codes[t] : NULL;
}

/* Danish label of a goal type, "" when unknown (static). */
const char *goal_type_label(enum goal_type t)
{
    return t > GOAL_TYPE_NONE && t < GOAL_TYPE_COUNT ? goal_type_labels[t] : "";
}

/* Goal type from its identifier; GOAL_TYPE_NONE when unknown. */
enum goal_type goal_type_parse(const char *code)
{
    for (int t = 1; code && t < GOAL_TYPE_COUNT; t++)
        if (!strcmp(code, goal_type_codes[t]))
            return (enum goal_type)t;
    return GOAL_TYPE_NONE;
}

/* Stable identifier of a goal status, NULL when unknown (static). */
const char *goal_status_code(enum goal_status s)
{
    return s > GOAL_STATUS_NONE && s < GOAL_STATUS_COUNT ? goal_status_codes[s] : NULL;
}

/* Danish label of a goal status, "" when unknown (static). */
const char *goal_status_label(enum goal_status s)
{
    return s > GOAL_STATUS_NONE && s < GOAL_STATUS_COUNT ? goal_status_labels[s] : "";
}

/* Goal status from its identifier; GOAL_STATUS_NONE when unknown. */
enum goal_status goal_status_parse(const char *code)
{
    for (int s = 1; code && s < GOAL_STATUS_COUNT; s++)
        if (!strcmp(code, goal_status_codes[s]))
            return (enum goal_status)s;
    return GOAL_STATUS_NONE;
}

/* Validate a new goal (see assessment.h); messages are static. */
void goal_validate(const struct goal *g, const struct fsiii_concept *concepts, int n,
                   struct validation *v)
{
    check_text(v, "text", g->text, true, 1000, true);
    if (g->type <= GOAL_TYPE_NONE || g->type >= GOAL_TYPE_COUNT)
        validation_add(v, "goal_type",
                       "Vælg, om tilstanden skal forsvinde, mindskes eller fastholdes.");
    if (check_date(v, "follow_up_on", g->follow_up_on)) {
        struct date d;
        date_parse(g->follow_up_on, &d);
        if (date_cmp(d, date_today()) < 0)
            validation_add(v, "follow_up_on", "Datoen for opfølgning må ikke ligge før i dag.");
    }
    if (g->code_count < 1 || g->code_count > GOAL_MAX_CODES) {
        validation_add(v, "codes", "Vælg mellem 1 og 16 tilstande, som målet handler om.");
        return;
    }
    for (int i = 0; i < g->code_count; i++) {
        const char *c = g->codes[i];
        if (!code_plain(c) ||
            !(fsiii_is(concepts, n, c, "J", 2) || fsiii_is(concepts, n, c, "I", 2))) {
            validation_add(v, "codes",
                           "Vælg tilstande fra FSIII (funktionsevne J eller helbred I).");
            return;
        }
        for (int k = 0; k < i; k++)
            if (!strcmp(c, g->codes[k])) {
                validation_add(v, "codes", "Den samme tilstand er valgt to gange.");
                return;
            }
    }
}

/* Validate a follow-up: a known status and a short note. */
void goal_status_validate(enum goal_status s, const char *note, struct validation *v)
{
    if (s <= GOAL_STATUS_NONE || s >= GOAL_STATUS_COUNT)
        validation_add(v, "status", "Vælg åben, nået eller ikke nået.");
    check_text(v, "status_note", note, false, 1000, true);
}
