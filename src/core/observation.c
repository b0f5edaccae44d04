/*
 * observation.c — documentation at a visit: codes and Danish labels,
 * validation, the triage level a report proposes, the EVS score, and UTC
 * timestamps.
 */
#include "core/observation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const area_codes[AREA_COUNT] = {
    "physical", "home", "daily", "medicine", "mental_social", "food_drink", "fall"};
static const char *const area_labels[AREA_COUNT] = {
    "Fysiske gener",   "Hjemmet", "Daglige aktiviteter", "Medicin", "Psykisk og socialt",
    "Spise og drikke", "Fald"};
static const char *const ndr_codes[NDR_COUNT] = {"", "not_home", "refused", "admitted", "other"};
static const char *const ndr_labels[NDR_COUNT] = {"", "Borger ikke hjemme", "Borger afslog",
                                                  "Borger indlagt", "Andet"};
static const char *const triage_codes[TRIAGE_COUNT] = {"green", "yellow", "red"};
static const char *const triage_labels[TRIAGE_COUNT] = {"Grøn", "Gul", "Rød"};

/* Index of code in a table of n codes, or -1. */
static int lookup(const char *const *codes, int n, const char *code)
{
    for (int i = 0; code && i < n; i++)
        if (!strcmp(codes[i], code))
            return i;
    return -1;
}

/* The stable code of a change-form area. */
const char *obs_area_code(enum obs_area a)
{
    return a < AREA_COUNT ? area_codes[a] : "";
}

/* The Danish name of a change-form area. */
const char *obs_area_label(enum obs_area a)
{
    return a < AREA_COUNT ? area_labels[a] : "";
}

/* A change-form area from its code; -1 when unknown. */
int obs_area_parse(const char *code)
{
    return lookup(area_codes, AREA_COUNT, code);
}

/* The code of a visit outcome ("" when none). */
const char *outcome_code(enum visit_outcome o)
{
    return o == OUTCOME_DONE ? "done" : o == OUTCOME_NOT_DONE ? "not_done" : "";
}

/* A visit outcome from its code ("" is none); -1 when unknown. */
int outcome_parse(const char *code)
{
    if (!code || !*code)
        return OUTCOME_NONE;
    return !strcmp(code, "done") ? OUTCOME_DONE : !strcmp(code, "not_done") ? OUTCOME_NOT_DONE : -1;
}

/* The code of a reason a visit was not done. */
const char *ndr_code(enum not_done_reason r)
{
    return r < NDR_COUNT ? ndr_codes[r] : "";
}

/* The Danish words for a reason a visit was not done. */
const char *ndr_label(enum not_done_reason r)
{
    return r < NDR_COUNT ? ndr_labels[r] : "";
}

/* A not-done reason from its code ("" is none); -1 when unknown. */
int ndr_parse(const char *code)
{
    return code && !*code ? NDR_NONE : lookup(ndr_codes, NDR_COUNT, code);
}

/* The code of a triage level. */
const char *triage_code(enum triage_level l)
{
    return l < TRIAGE_COUNT ? triage_codes[l] : "";
}

/* The Danish name of a triage level. */
const char *triage_label(enum triage_level l)
{
    return l < TRIAGE_COUNT ? triage_labels[l] : "";
}

/* A triage level from its code; -1 when unknown. */
int triage_parse(const char *code)
{
    return lookup(triage_codes, TRIAGE_COUNT, code);
}

/* Kilograms as typed (comma or point, one decimal) to hectograms. */
int weight_parse_hg(const char *s)
{
    if (!s)
        return -1;
    while (*s == ' ')
        s++;
    int whole = 0, digits = 0, tenth = 0, decimals = 0;
    for (; *s >= '0' && *s <= '9' && digits < 4; s++, digits++)
        whole = whole * 10 + (*s - '0');
    if (!digits)
        return -1;
    if (*s == ',' || *s == '.') {
        s++;
        for (; *s >= '0' && *s <= '9'; s++, decimals++)
            tenth = *s - '0';
        if (decimals != 1)
            return -1;
    }
    while (*s == ' ')
        s++;
    if (!strncmp(s, "kg", 2))
        s += 2;
    return *s ? -1 : whole * 10 + tenth;
}

/* Hectograms as Danish kilograms with one decimal. */
void weight_format(int hg, char out[8])
{
    unsigned u = hg < 0 ? 0u : (unsigned)hg;
    snprintf(out, 8, "%u,%u", u / 10 % 10000, u % 10);
}

/* Validate a typed weight: format and the 20–300 kg range. */
void check_weight(struct validation *v, const char *field, const char *s, bool required, int *hg)
{
    *hg = 0;
    int x = s && *s ? weight_parse_hg(s) : 0;
    if (x < 0) {
        validation_add(v, field, "Skriv vægten i kg med højst én decimal, fx 68,4.");
        return;
    }
    int before = v->count;
    check_weight_hg(v, field, x, required);
    if (v->count == before)
        *hg = x;
}

void check_weight_hg(struct validation *v, const char *field, int hg, bool required)
{
    if (validation_for(v, field))
        return;
    if (hg == 0 && required)
        validation_add(v, field, "Skriv vægten i kg, fx 68,4.");
    else if (hg != 0 && (hg < WEIGHT_MIN_HG || hg > WEIGHT_MAX_HG))
        validation_add(v, field, "Vægten skal være mellem 20 og 300 kg.");
}

/* Is this a well-formed client id for an idempotent submission? */
bool client_id_ok(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n < 8 || n > 64)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!(s[i] >= '0' && s[i] <= '9') && !(s[i] >= 'a' && s[i] <= 'z') &&
            !(s[i] >= 'A' && s[i] <= 'Z') && s[i] != '-' && s[i] != '_')
            return false;
    return true;
}

/* Check a documentation form: reason only for not done, texts, areas. */
void visit_doc_validate(const struct visit_doc_input *d, struct validation *v)
{
    if (d->client_id && !client_id_ok(d->client_id))
        validation_add(v, "client_id", "Formularens id er ugyldigt. Genindlæs siden.");
    if (d->outcome == OUTCOME_NOT_DONE && d->reason == NDR_NONE)
        validation_add(v, "reason", "Vælg, hvorfor besøget ikke blev gennemført.");
    if (d->outcome != OUTCOME_NOT_DONE && d->reason != NDR_NONE)
        validation_add(v, "reason", "En årsag hører kun til et besøg, der ikke blev gennemført.");
    if (d->outcome == OUTCOME_NOT_DONE && d->reason == NDR_OTHER && (!d->note || !*d->note))
        validation_add(v, "note", "Skriv kort, hvorfor besøget ikke blev gennemført.");
    check_text(v, "note", d->note, false, 2000, true);
    for (int i = 0; i < d->nobs; i++) {
        char f[40];
        snprintf(f, sizeof f, "observations[%d].note", i);
        check_text(v, f, d->obs[i].note, false, 1000, true);
        if (d->obs[i].area >= AREA_COUNT) {
            snprintf(f, sizeof f, "observations[%d].area", i);
            validation_add(v, f, "Vælg et område fra ændringsskemaet.");
        }
    }
}

/* The triage level a report proposes (red for anything serious). */
enum triage_level triage_propose(const struct obs_input *obs, int n)
{
    enum triage_level l = TRIAGE_GREEN;
    for (int i = 0; i < n; i++) {
        if (obs[i].serious)
            return TRIAGE_RED;
        l = TRIAGE_YELLOW;
    }
    return l;
}

/* How soon a decision of this level must be followed up. */
long triage_follow_up_seconds(enum triage_level l)
{
    return l == TRIAGE_YELLOW ? 48L * 3600 : l == TRIAGE_RED ? 24L * 3600 : 0;
}

/* The EVS score: the highest part, an unknown part counting as 2. */
int evs_score(int weight_status, int eating, int risks)
{
    int parts[3] = {weight_status, eating, risks}, score = 0;
    for (int i = 0; i < 3; i++) {
        int p = parts[i] < 0 || parts[i] > 2 ? 2 : parts[i]; /* not known counts as 2 */
        if (p > score)
            score = p;
    }
    return score;
}

/* The EVS score in Danish words. */
const char *evs_label(int score)
{
    return score == 0   ? "Ingen ernæringsrisiko"
           : score == 1 ? "Ernæringsrisiko – følg op"
                        : "Behov for en ernæringsplan";
}

/* Seconds since 1970 at midnight UTC starting a date. */
long date_epoch(struct date d)
{
    struct tm tm = {.tm_year = d.year - 1900, .tm_mon = d.month - 1, .tm_mday = d.day};
    return (long)timegm(&tm);
}

/* The UTC calendar date of a moment. */
struct date epoch_date(long t)
{
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    return (struct date){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

/* Parse a strict "YYYY-MM-DDTHH:MM:SSZ"; -1 when malformed. */
long iso_to_epoch(const char *s)
{
    int y, mo, d, h, mi, sec;
    char z = 0;
    if (!s || sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &sec, &z) != 7 ||
        z != 'Z' || strlen(s) != 20 || !date_valid(y, mo, d) || h > 23 || mi > 59 || sec > 60 ||
        h < 0 || mi < 0 || sec < 0)
        return -1;
    return date_epoch((struct date){y, mo, d}) + h * 3600L + mi * 60L + sec;
}

/* Format a moment as "YYYY-MM-DDTHH:MM:SSZ". */
void epoch_to_iso(long t, char out[21])
{
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
