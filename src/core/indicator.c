/* indicator.c — the catalogue and the shared helpers (see indicator.h and
 * docs/indicators.md for each definition). */
#include "core/indicator.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/indicator-int.h"

#define NOT_YET_MEDCOM "Måles, når omsorg modtager MedCom-beskeder fra sygehuset (issue 31)."
#define NOT_YET_SURVEY "Måles, når borgerportalens tilfredshedsundersøgelse er i brug (issue 32)."

static const struct indicator_def catalogue[] = {
    /* continuity */
    {"continuity.carers_per_week", "Forskellige medarbejdere pr. borger pr. uge", "Kontinuitet",
     IND_UNIT_COUNT, IND_LOWER_IS_BETTER, IND_SRC_CARE, true, NULL},
    {"continuity.own_team_share", "Besøg af borgerens faste team", "Kontinuitet", IND_UNIT_PERCENT,
     IND_HIGHER_IS_BETTER, IND_SRC_CARE, false, NULL},
    {"continuity.known_carer_share", "Besøg af en medarbejder, borgeren kender", "Kontinuitet",
     IND_UNIT_PERCENT, IND_HIGHER_IS_BETTER, IND_SRC_CARE, false, NULL},
    /* the citizen decides */
    {"decides.what_matters_share", "Borgere med «Hvad er vigtigt for dig?» skrevet ned",
     "Borgeren bestemmer", IND_UNIT_PERCENT, IND_HIGHER_IS_BETTER, IND_SRC_CARE, false, NULL},
    {"decides.own_goals_share", "Borgere med mål i egne ord", "Borgeren bestemmer",
     IND_UNIT_PERCENT, IND_HIGHER_IS_BETTER, IND_SRC_CARE, false, NULL},
    {"decides.goals_reached_share", "Mål nået ved opfølgning", "Borgeren bestemmer",
     IND_UNIT_PERCENT, IND_HIGHER_IS_BETTER, IND_SRC_CARE, false, NULL},
    {"decides.network_share", "Borgere med pårørende eller netværk, de vil have inddraget",
     "Borgeren bestemmer", IND_UNIT_PERCENT, IND_HIGHER_IS_BETTER, IND_SRC_CARE, false, NULL},
    /* rehabilitation first */
    {"rehab.first_share", "Første bevilling er et rehabiliteringsforløb", "Rehabilitering først",
     IND_UNIT_PERCENT, IND_HIGHER_IS_BETTER, IND_SRC_CARE, false, NULL},
    {"rehab.less_help_share", "Forløb, der slutter med mindre eller ingen hjælp",
     "Rehabilitering først", IND_UNIT_PERCENT, IND_HIGHER_IS_BETTER, IND_SRC_CARE, false, NULL},
    {"rehab.days_to_start", "Dage fra henvendelse til forløbets start", "Rehabilitering først",
     IND_UNIT_DAYS, IND_LOWER_IS_BETTER, IND_SRC_CARE, true, NULL},
    /* early action */
    {"early.triage_yellow_48h", "Gul triage fulgt op inden 48 timer", "Tidlig handling",
     IND_UNIT_PERCENT, IND_HIGHER_IS_BETTER, IND_SRC_CARE, false, NULL},
    {"early.triage_red_24h", "Rød triage fulgt op inden 24 timer", "Tidlig handling",
     IND_UNIT_PERCENT, IND_HIGHER_IS_BETTER, IND_SRC_CARE, false, NULL},
    {"early.evs_within_7d", "Vægttab fulgt af en ernæringsvurdering (EVS) inden 7 dage",
     "Tidlig handling", IND_UNIT_PERCENT, IND_HIGHER_IS_BETTER, IND_SRC_CARE, false, NULL},
    {"early.falls_per_1000", "Fald pr. 1.000 besøg", "Tidlig handling", IND_UNIT_PER_1000,
     IND_LOWER_IS_BETTER, IND_SRC_CARE, false, NULL},
    {"early.pv_offered_share", "Forebyggende hjemmebesøg tilbudt, efter alder", "Tidlig handling",
     IND_UNIT_PERCENT, IND_HIGHER_IS_BETTER, IND_SRC_CARE, false, NULL},
    {"early.pv_accepted_share", "Forebyggende hjemmebesøg taget imod, efter alder",
     "Tidlig handling", IND_UNIT_PERCENT, IND_HIGHER_IS_BETTER, IND_SRC_CARE, false, NULL},
    /* coherence */
    {"coherence.coordinator_share", "Borgere med en navngiven tovholder", "Sammenhæng",
     IND_UNIT_PERCENT, IND_HIGHER_IS_BETTER, IND_SRC_CARE, false, NULL},
    {"coherence.discharge_to_visit", "Dage fra udskrivningsbesked til første besøg", "Sammenhæng",
     IND_UNIT_DAYS, IND_LOWER_IS_BETTER, IND_SRC_MEDCOM, true, NOT_YET_MEDCOM},
    {"coherence.readmission_30d", "Genindlæggelser inden 30 dage", "Sammenhæng", IND_UNIT_PERCENT,
     IND_LOWER_IS_BETTER, IND_SRC_MEDCOM, false, NOT_YET_MEDCOM},
    /* planning */
    {"planning.unplanned_share", "Besøg uden en planlagt medarbejder", "Planlægning",
     IND_UNIT_PERCENT, IND_LOWER_IS_BETTER, IND_SRC_CARE, false, NULL},
    {"planning.outside_window_share", "Besøg uden for borgerens tidsvindue", "Planlægning",
     IND_UNIT_PERCENT, IND_LOWER_IS_BETTER, IND_SRC_CARE, false, NULL},
    {"planning.travel_per_visit", "Køretid pr. besøg", "Planlægning", IND_UNIT_MINUTES,
     IND_LOWER_IS_BETTER, IND_SRC_CARE, false, NULL},
    {"planning.time_with_citizens", "Andel af vagten hos borgerne", "Planlægning", IND_UNIT_PERCENT,
     IND_HIGHER_IS_BETTER, IND_SRC_CARE, false, NULL},
    /* satisfaction and involvement */
    {"satisfaction.satisfied_share", "Borgere og pårørende, der er tilfredse",
     "Tilfredshed og inddragelse", IND_UNIT_PERCENT, IND_HIGHER_IS_BETTER, IND_SRC_SURVEY, false,
     NOT_YET_SURVEY},
    {"satisfaction.involved_share", "Borgere, der oplever at blive inddraget i beslutninger",
     "Tilfredshed og inddragelse", IND_UNIT_PERCENT, IND_HIGHER_IS_BETTER, IND_SRC_SURVEY, false,
     NOT_YET_SURVEY},
    /* staff (HR import) */
    {"staff.short_sick_leave", "Korttidssygefravær", "Medarbejdere", IND_UNIT_PERCENT,
     IND_LOWER_IS_BETTER, IND_SRC_HR, false, NULL},
    {"staff.retention_after_intro", "Medarbejdere, der bliver efter introduktionen", "Medarbejdere",
     IND_UNIT_PERCENT, IND_HIGHER_IS_BETTER, IND_SRC_HR, false, NULL},
    {"staff.students_after_2y", "Elever og studerende, der er ansat to år efter endt uddannelse",
     "Medarbejdere", IND_UNIT_PERCENT, IND_HIGHER_IS_BETTER, IND_SRC_HR, false, NULL},
    {"staff.wellbeing", "Trivsel (gennemsnit af trivselsmålingen)", "Medarbejdere", IND_UNIT_SCORE,
     IND_HIGHER_IS_BETTER, IND_SRC_HR, false, NULL},
    /* welfare technology */
    {"welfare_tech.offered_citizens", "Borgere tilbudt en velfærdsteknologisk løsning i året",
     "Velfærdsteknologi", IND_UNIT_COUNT, IND_HIGHER_IS_BETTER, IND_SRC_CARE, false, NULL},
};

const struct indicator_def *indicator_catalogue(int *n)
{
    *n = (int)(sizeof catalogue / sizeof catalogue[0]);
    return catalogue;
}

const struct indicator_def *indicator_find(const char *id)
{
    if (!id)
        return NULL;
    for (size_t i = 0; i < sizeof catalogue / sizeof catalogue[0]; i++)
        if (!strcmp(catalogue[i].id, id))
            return &catalogue[i];
    return NULL;
}

const char *ind_unit_label(enum ind_unit u)
{
    switch (u) {
    case IND_UNIT_PERCENT:
        return "%";
    case IND_UNIT_COUNT:
        return "antal";
    case IND_UNIT_DAYS:
        return "dage";
    case IND_UNIT_MINUTES:
        return "minutter";
    case IND_UNIT_PER_1000:
        return "pr. 1.000 besøg";
    case IND_UNIT_SCORE:
        return "point (0–100)";
    }
    return "";
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

void ind_quantiles(double *v, long n, double *median, double *p90)
{
    *median = *p90 = 0;
    if (n <= 0)
        return;
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    *median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
    long rank = (long)ceil(0.9 * (double)n); /* nearest rank, 1-based */
    if (rank < 1)
        rank = 1;
    *p90 = v[rank - 1];
}

/* --- shared helpers (indicator-int.h) --- */

bool ind_in_period(struct date d, const struct ind_period *p)
{
    return date_cmp(d, p->from) >= 0 && date_cmp(d, p->to) <= 0;
}

bool ind_team_ok(long team, long want)
{
    return want == 0 || team == want;
}

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return x < y ? -1 : x > y;
}

long ind_distinct(long *ids, long n)
{
    if (n <= 0)
        return 0;
    qsort(ids, (size_t)n, sizeof *ids, cmp_long);
    long k = 1;
    for (long i = 1; i < n; i++)
        if (ids[i] != ids[i - 1])
            k++;
    return k;
}

void ind_ratio(struct ind_value *out, long num, long den, long persons, double scale)
{
    memset(out, 0, sizeof *out);
    out->num = num;
    out->den = den;
    out->persons = persons;
    out->empty = den == 0;
    out->value = den ? scale * (double)num / (double)den : 0;
    out->suppressed = persons < IND_MIN_PERSONS;
}

/* A growable list of ids for counting distinct persons (malloc'd; freed by
 * ids_count). No arena needed: the functions that use it have no arena. */
void ids_push(struct ids *s, long id)
{
    if (s->oom)
        return;
    if (s->n == s->cap) {
        long cap = s->cap ? s->cap * 2 : 64;
        long *v = realloc(s->v, (size_t)cap * sizeof *v);
        if (!v) {
            s->oom = true;
            return;
        }
        s->v = v;
        s->cap = cap;
    }
    s->v[s->n++] = id;
}

long ids_count(struct ids *s)
{
    long k = ind_distinct(s->v, s->n);
    free(s->v);
    memset(s, 0, sizeof *s);
    return k;
}
