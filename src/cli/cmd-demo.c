/*
 * cmd-demo.c — `omsorg demo`: a deterministic Herlev-shaped demo
 * municipality: four fixed teams with offices, ~120 staff with roles, skills
 * and shifts, and N citizens with Danish names, Herlev addresses and
 * coordinates, relatives, their own words on what matters, and daily rhythms.
 *
 * CPR numbers follow the fictitious scheme in core/cpr.h (they fail the
 * modulus-11 check, are not 1 January, and are born before 2007), so no real
 * person can have one of them.
 */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/plan.h"
#include "cli/cli.h"
#include "core/auth.h"
#include "core/grant.h"
#include "core/validate.h"
#include "store/store.h"

struct rng {
    uint64_t s;
};

/* splitmix64: small, fast, and the same sequence on every machine. */
static uint64_t rng_next(struct rng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static int rng_int(struct rng *r, int n)
{
    return (int)(rng_next(r) % (uint64_t)n);
}

static double rng_unit(struct rng *r)
{
    return (double)(rng_next(r) >> 11) / 9007199254740992.0;
}

#define PICK(r, arr) (arr[rng_int(r, (int)(sizeof arr / sizeof arr[0]))])

static const char *const women[] = {"Inger", "Kirsten", "Hanne",    "Grethe", "Bente",   "Jytte",
                                    "Lis",   "Karen",   "Ruth",     "Else",   "Birthe",  "Ingrid",
                                    "Gerda", "Lone",    "Annelise", "Edith",  "Dorthe",  "Aase",
                                    "Tove",  "Ellen",   "Marianne", "Vibeke", "Susanne", "Jonna",
                                    "Ulla",  "Lilly",   "Gurli",    "Agnete", "Bodil",   "Åse"};
static const char *const men[] = {"Jens",   "Niels",  "Poul",   "Hans",   "Jørgen",   "Erik",
                                  "Ole",    "Svend",  "Bent",   "Knud",   "Leif",     "Henning",
                                  "Preben", "Kurt",   "Finn",   "Arne",   "Flemming", "Per",
                                  "Bjarne", "Carl",   "Aage",   "Børge",  "Frede",    "Villy",
                                  "Egon",   "Holger", "Mogens", "Torben", "Søren",    "Kaj"};
static const char *const surnames[] = {
    "Nielsen",     "Jensen",      "Hansen",    "Pedersen",     "Andersen",  "Christensen",
    "Larsen",      "Sørensen",    "Rasmussen", "Jørgensen",    "Petersen",  "Madsen",
    "Kristensen",  "Olsen",       "Thomsen",   "Christiansen", "Poulsen",   "Johansen",
    "Møller",      "Mortensen",   "Knudsen",   "Jakobsen",     "Mikkelsen", "Olesen",
    "Frederiksen", "Laursen",     "Henriksen", "Lund",         "Holm",      "Schmidt",
    "Eriksen",     "Kristiansen", "Clausen",   "Simonsen",     "Svendsen",  "Andreasen",
    "Iversen",     "Østergaard",  "Jeppesen",  "Vestergaard",  "Nissen",    "Lauridsen",
    "Kjær",        "Dalgaard"};
static const char *const staff_first[] = {
    "Mette",  "Camilla", "Sara",   "Louise", "Maria",   "Anne",     "Fatima", "Aisha",
    "Julie",  "Line",    "Nanna",  "Sofie",  "Amira",   "Pernille", "Helle",  "Trine",
    "Ida",    "Emma",    "Mads",   "Ahmed",  "Jonas",   "Kasper",   "Rasmus", "Ali",
    "Mikkel", "Thomas",  "Yasmin", "Zainab", "Katrine", "Signe"};

/* Streets by team area, with a centre point; addresses scatter around it. */
struct street {
    const char *name;
    int team; /* 0 nord, 1 syd, 2 øst, 3 vest */
    double lat, lon;
};
static const struct street streets[] = {
    {"Hjortespringvej", 0, 55.7405, 12.4300}, {"Ellebækvej", 0, 55.7385, 12.4420},
    {"Elverhøjen", 0, 55.7420, 12.4385},      {"Skinderskovvej", 0, 55.7370, 12.4245},
    {"Tvedvangen", 0, 55.7352, 12.4470},      {"Klausdalsbrovej", 1, 55.7180, 12.4390},
    {"Mørkhøjvej", 1, 55.7160, 12.4490},      {"Herlevgårdsvej", 1, 55.7215, 12.4295},
    {"Sortemosevej", 1, 55.7200, 12.4440},    {"Kirkebakken", 1, 55.7230, 12.4400},
    {"Herlev Bygade", 2, 55.7275, 12.4440},   {"Herlev Hovedgade", 2, 55.7262, 12.4505},
    {"Smedebakken", 2, 55.7300, 12.4520},     {"Engbrinken", 2, 55.7320, 12.4560},
    {"Stationsvej", 2, 55.7250, 12.4560},     {"Lindebjergvej", 3, 55.7290, 12.4120},
    {"Gammelmosevej", 3, 55.7340, 12.4170},   {"Borgerdiget", 3, 55.7270, 12.4200},
    {"Hjortekærsvej", 3, 55.7310, 12.4060},   {"Herlev Ringvej", 3, 55.7235, 12.4150},
};

static const char *const matters[] = {
    "At jeg kan blive boende i mit eget hjem.",
    "At jeg selv bestemmer, hvornår jeg står op og går i seng.",
    "At det er de samme, der kommer hos mig.",
    "At jeg kan komme ned i haven og se til mine blomster.",
    "At jeg kan gå til banko i Medborgerhuset om tirsdagen.",
    "At min datter bliver ringet op, hvis der sker noget.",
    "At jeg får varm mad, der smager af noget.",
    "At jeg kan klare mig selv i badet, så længe det går.",
    "At jeg kan komme med bussen ind til byen.",
    "At jeg har nogen at snakke med om eftermiddagen.",
    "At min kat kan blive hos mig.",
    "At jeg kan gå tur med rollatoren hver dag.",
    "At jeg kan læse avisen i fred om morgenen.",
    "At jeg kan holde kontakten med mine venner fra sangkoret.",
};
static const char *const rhythm_notes[] = {
    "",
    "",
    "Jeg vil gerne bestemme selv, hvornår jeg skal i seng.",
    "Jeg sover længe i weekenden.",
    "Jeg ser nyheder kl. 18.30 og vil ikke forstyrres.",
    "Jeg tager en lur efter frokost.",
};
static const char *const family_relations[] = {"datter",       "søn",    "ægtefælle", "barnebarn",
                                               "svigerdatter", "søster", "bror"};
static const char *const network_relations[] = {"nabo", "ven", "besøgsven (frivillig)"};

static void make_cpr(struct rng *r, int year, bool male, char out[11])
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (;;) {
        int month = 1 + rng_int(r, 12);
        int day = 1 + rng_int(r, days[month - 1]);
        if (month == 1 && day == 1)
            continue;
        int serial = rng_int(r, 4000); /* 7th digit 0–3: born 1900–1999 */
        int last = serial % 10;
        if ((last % 2 == 1) != male)
            serial = serial - last + (last + 1) % 10;
        char buf[32];
        snprintf(buf, sizeof buf, "%02d%02d%02d%04d", day, month, year % 100, serial);
        memcpy(out, buf, 11);
        if (cpr_is_fictitious(out))
            return;
    }
}

/* "44 92 17 03" (landline in Herlev) or "2x xx xx xx" (mobile). */
static void make_phone(struct rng *r, char out[12], bool mobile)
{
    snprintf(out, 12, "%d%d %02d %02d %02d", mobile ? 2 : 4, mobile ? rng_int(r, 10) : 4,
             rng_int(r, 100), rng_int(r, 100), rng_int(r, 100));
}

/* One fixed team: its area (0 nord, 1 syd, 2 øst, 3 vest), its id, and its
 * care staff and nurses (ids, malloc'ed, freed by cmd_demo). */
struct demo_team {
    int area;
    long id;
    long *staff, *nurses;
    int nstaff, nnurses;
};

struct demo {
    struct store *s;
    struct arena a;
    struct rng rng;
    const char *hash;
    /* A municipality's teams of 20–40: about 150 citizens per team, each
     * area split into as many teams as that takes (a small demo keeps one
     * team per area); staff scaled to the citizens a team has. */
    struct demo_team *teams;
    int nteams, per_area, team_size;
};

#define CITIZENS_PER_TEAM 150

static const char *const team_slugs[] = {"nord", "syd", "oest", "vest"};
static const char *const team_names[] = {"Team Nord", "Team Syd", "Team Øst", "Team Vest"};
static const char *const team_offices[] = {
    "Hjortespringvej 40, 2730 Herlev", "Klausdalsbrovej 300, 2730 Herlev",
    "Herlev Bygade 90, 2730 Herlev", "Lindebjergvej 12, 2730 Herlev"};
static const double team_pos[4][2] = {
    {55.7392, 12.4340}, {55.7195, 12.4400}, {55.7275, 12.4460}, {55.7290, 12.4150}};

/* The team of an address: its area's teams take the area's streets in
 * stretches of house numbers, so a team's citizens live near each other. */
static struct demo_team *team_for(struct demo *d, const struct street *st, int number)
{
    int k = 0, index = 0;
    for (size_t i = 0; i < sizeof streets / sizeof streets[0]; i++) {
        if (streets[i].team != st->team)
            continue;
        if (&streets[i] == st)
            index = k;
        k++;
    }
    int slot = (index * 181 + number) * d->per_area / (k * 181);
    return &d->teams[st->team * d->per_area + slot];
}

enum shift_kind {
    SHIFT_DAY,
    SHIFT_DAY_ALL_WEEK,
    SHIFT_EARLY,
    SHIFT_EVENING,
    SHIFT_LATE,
    SHIFT_OFFICE
};

static enum store_rc add_user(struct demo *d, const char *username, const char *name,
                              enum role role, const struct demo_team *team, unsigned skills,
                              int shift_kind, long *id)
{
    struct user u = {.username = username,
                     .full_name = name,
                     .role = role,
                     .team_id = team ? team->id : 0,
                     .email = "",
                     .phone = "",
                     .active = true,
                     .skills = skills};
    /* Usual shift patterns: {first weekday, last weekday, from, to}. */
    static const int kinds[][4] = {
        [SHIFT_DAY] = {1, 5, 7 * 60, 15 * 60},
        [SHIFT_DAY_ALL_WEEK] = {1, 7, 7 * 60, 15 * 60},
        [SHIFT_EARLY] = {1, 7, 6 * 60 + 30, 14 * 60 + 30},
        [SHIFT_EVENING] = {1, 5, 15 * 60, 23 * 60},
        [SHIFT_LATE] = {1, 7, 16 * 60, 24 * 60},
        [SHIFT_OFFICE] = {1, 5, 8 * 60, 16 * 60},
    };
    for (int wd = kinds[shift_kind][0]; wd <= kinds[shift_kind][1]; wd++)
        u.shifts[u.shift_count++] = (struct shift){wd, kinds[shift_kind][2], kinds[shift_kind][3]};
    return store_user_create(d->s, &u, d->hash, id);
}

#define SKILL(code) (1u << skill_index(code))

static enum store_rc make_staff(struct demo *d)
{
    enum store_rc rc;
    long id;
    unsigned care = SKILL("personlig-pleje") | SKILL("praktisk-hjaelp");
    unsigned nurse = SKILL("sygepleje") | SKILL("personlig-pleje");
    struct demo_team *nord = &d->teams[0], *syd = &d->teams[d->per_area];
    /* The named demo users first. */
    if ((rc = add_user(d, "admin", "Anne Administrator", ROLE_ADMIN, NULL, 0, SHIFT_OFFICE, &id)) ||
        (rc = add_user(d, "visitator", "Vivi Visitator", ROLE_VISITATOR, NULL, 0, SHIFT_OFFICE,
                       &id)) ||
        (rc = add_user(d, "planlaegger", "Peter Planlægger", ROLE_PLANNER, NULL, 0, SHIFT_OFFICE,
                       &id)) ||
        (rc = add_user(d, "leder", "Lene Leder", ROLE_MANAGER, NULL, 0, SHIFT_OFFICE, &id)))
        return rc;
    if ((rc = add_user(d, "sosu-nord", "Sofie Nord", ROLE_CARER, nord, care, SHIFT_DAY_ALL_WEEK,
                       &id)))
        return rc;
    nord->staff[nord->nstaff++] = id;
    if ((rc = add_user(d, "sosu-syd", "Samir Syd", ROLE_CARER, syd, care, SHIFT_DAY_ALL_WEEK, &id)))
        return rc;
    syd->staff[syd->nstaff++] = id;
    if ((rc = add_user(d, "sygeplejerske", "Sanne Sygeplejerske", ROLE_NURSE, nord, nurse,
                       SHIFT_DAY_ALL_WEEK, &id)))
        return rc;
    nord->nurses[nord->nnurses++] = id;
    for (int v = 2; v <= 3; v++) {
        char un[32];
        snprintf(un, sizeof un, "visitator%d", v);
        if ((rc = add_user(
                 d, un,
                 arena_printf(&d->a, "%s %s", PICK(&d->rng, staff_first), PICK(&d->rng, surnames)),
                 ROLE_VISITATOR, NULL, 0, SHIFT_OFFICE, &id)))
            return rc;
    }
    /* Each team: carers on days, evenings and weekends (six patterns in
     * turn), about one nurse in nine (one on evenings), and a therapist. */
    int nurses = d->team_size / 9 < 1 ? 1 : d->team_size / 9;
    for (int t = 0; t < d->nteams; t++) {
        struct demo_team *team = &d->teams[t];
        for (int n = 0; n < d->team_size; n++) {
            int from_end = d->team_size - 1 - n;
            enum role role = from_end == 0        ? ROLE_THERAPIST
                             : from_end <= nurses ? ROLE_NURSE
                                                  : ROLE_CARER;
            unsigned skills = role == ROLE_CARER   ? care
                              : role == ROLE_NURSE ? nurse
                                                   : SKILL("terapi");
            if (role == ROLE_CARER && n % 3 == 0) /* social- og sundhedsassistenter */
                skills = care | SKILL("sygepleje");
            static const enum shift_kind care_pattern[6] = {
                SHIFT_EARLY, SHIFT_EVENING, SHIFT_DAY_ALL_WEEK, SHIFT_DAY, SHIFT_LATE, SHIFT_DAY};
            int kind = role == ROLE_THERAPIST ? SHIFT_OFFICE
                       : role == ROLE_NURSE
                           ? (from_end == 1 && nurses > 1 ? SHIFT_EVENING : SHIFT_DAY_ALL_WEEK)
                           : (int)care_pattern[n % 6];
            char un[40];
            if (d->per_area == 1)
                snprintf(un, sizeof un, "%s%02d", team_slugs[team->area], n + 1);
            else
                snprintf(un, sizeof un, "%s%d-%02d", team_slugs[team->area], t % d->per_area + 1,
                         n + 1);
            const char *name =
                arena_printf(&d->a, "%s %s", PICK(&d->rng, staff_first), PICK(&d->rng, surnames));
            if ((rc = add_user(d, un, name, role, team, skills, kind, &id)))
                return rc;
            if (role == ROLE_CARER)
                team->staff[team->nstaff++] = id;
            else if (role == ROLE_NURSE)
                team->nurses[team->nnurses++] = id;
        }
    }
    return STORE_OK;
}

/* The fixed teams: one per area in a small municipality, more where the
 * citizens need it, each with its office. */
static enum store_rc make_teams(struct demo *d)
{
    for (int t = 0; t < d->nteams; t++) {
        struct demo_team *team = &d->teams[t];
        team->area = t / d->per_area;
        int k = t % d->per_area + 1;
        struct team row = {.slug = k == 1 ? team_slugs[team->area]
                                          : arena_printf(&d->a, "%s-%d", team_slugs[team->area], k),
                           .name = d->per_area == 1
                                       ? team_names[team->area]
                                       : arena_printf(&d->a, "%s %d", team_names[team->area], k),
                           .office_address = team_offices[team->area],
                           .office_lat = team_pos[team->area][0],
                           .office_lon = team_pos[team->area][1]};
        enum store_rc rc = store_team_create(d->s, &row, &team->id);
        if (rc != STORE_OK)
            return rc;
    }
    return STORE_OK;
}

static minute_t quarter(struct rng *r, int from, int to)
{
    return from + 15 * rng_int(r, (to - from) / 15 + 1);
}

/* A service of a demo grant. */
static struct grant_service demo_service(const char *code, const char *label, unsigned days,
                                         enum anchor an, minute_t at, int flex, int duration,
                                         const char *skill, int carers)
{
    return (struct grant_service){.code = code,
                                  .label = label,
                                  .weekdays = days,
                                  .anchor = an,
                                  .at = at,
                                  .flex = flex,
                                  .duration = duration,
                                  .skill = skill,
                                  .carers = carers};
}

/* Most citizens have help: a decided and sent grant with visits, so that
 * planning has a realistic day. Rehabilitation first for some. */
static enum store_rc make_grants(struct demo *d, long citizen_id, const struct demo_team *team)
{
    struct rng *r = &d->rng;
    double u = rng_unit(r);
    if (u > 0.68)
        return STORE_OK;
    struct date today = date_today();
    struct grant g = {.citizen_id = citizen_id,
                      .status = GS_DRAFT,
                      .start = date_add_days(today, -rng_int(r, 60)),
                      .contact_id = team->staff[rng_int(r, team->nstaff)]};
    g.follow_up = date_add_days(today, 14 + rng_int(r, 90));
    if (u < 0.12) {
        g.kind = GRANT_REHABILITATION;
        g.requested = "Jeg vil gerne selv kunne komme i bad og klæde mig på igen.";
        g.reason = "Du har været syg og er blevet svagere. Vi tror, du kan blive bedre.";
        g.goals = "At jeg selv kan komme i bad og klæde mig på.";
        g.end = date_add_days(g.start, 8 * 7);
        g.services[g.service_count++] =
            demo_service("H2.5", "Træning i at komme i bad", 21u, ANCHOR_GET_UP, MINUTE_NONE, 30,
                         45, "personlig-pleje", 1);
    } else if (u < 0.22) {
        g.kind = GRANT_HELHEDSPLEJE;
        g.requested = "Hjælp i hverdagen, så jeg kan blive boende.";
        g.reason = "Du har brug for hjælp flere gange om dagen. Du og dit team planlægger "
                   "hjælpen sammen.";
        g.goals = "";
        g.weekly_minutes = 7 * (30 + 20) + 60;
        g.services[g.service_count++] = demo_service("H1.1", "Morgenhjælp", 127u, ANCHOR_GET_UP,
                                                     MINUTE_NONE, 30, 30, "personlig-pleje", 1);
        g.services[g.service_count++] = demo_service("H1.5", "Aftenhjælp", 127u, ANCHOR_BEDTIME,
                                                     MINUTE_NONE, 30, 20, "personlig-pleje", 1);
    } else {
        g.kind = GRANT_SERVICES;
        g.requested = "Hjælp til bad og påklædning om morgenen.";
        g.reason = "Du kan ikke længere selv komme sikkert i bad.";
        g.goals = "";
        bool lift = rng_unit(r) < 0.06;
        g.services[g.service_count++] =
            demo_service("H1.1", lift ? "Morgenhjælp med lift" : "Hjælp til bad og tøj",
                         rng_unit(r) < 0.5 ? 127u : 31u, ANCHOR_GET_UP, MINUTE_NONE, 30,
                         lift ? 30 : 20 + 5 * rng_int(r, 4), "personlig-pleje", lift ? 2 : 1);
        if (rng_unit(r) < 0.3)
            g.services[g.service_count++] =
                demo_service("H1.5", "Hjælp til at komme i seng", 127u, ANCHOR_BEDTIME, MINUTE_NONE,
                             30, 20, "personlig-pleje", 1);
        if (rng_unit(r) < 0.35)
            g.services[g.service_count++] =
                demo_service("H1.8", "Rengøring", 1u << rng_int(r, 5), ANCHOR_FIXED,
                             9 * 60 + 30 + 30 * rng_int(r, 8), 90, 60, "praktisk-hjaelp", 1);
        if (rng_unit(r) < 0.15)
            g.services[g.service_count++] = demo_service("G1.19", "Medicin", 127u, ANCHOR_DINNER,
                                                         MINUTE_NONE, 30, 10, "sygepleje", 1);
    }
    long id;
    enum store_rc rc = store_grant_create(d->s, &g, 0, &id);
    if (rc == STORE_OK)
        rc = store_grant_set_status(d->s, id, GS_DRAFT, GS_DECIDED, 0, "Demo");
    if (rc == STORE_OK)
        rc = store_grant_set_status(d->s, id, GS_DECIDED, GS_SENT, 0, "Demo");
    return rc;
}

static enum store_rc make_citizen(struct demo *d, int index)
{
    struct rng *r = &d->rng;
    struct citizen c = {0};
    bool male = rng_unit(r) < 0.38;
    /* Ages 65–100, most of them 75–90. */
    int age = 65 + (int)(35 * (rng_unit(r) + rng_unit(r) + rng_unit(r)) / 3.0 + 0.5);
    int year = 2026 - age;
    make_cpr(r, year, male, c.cpr);
    const struct street *st = &PICK(r, streets);
    c.first_name = male ? PICK(r, men) : PICK(r, women);
    c.last_name = PICK(r, surnames);
    int number = 1 + rng_int(r, 180);
    c.address = rng_unit(r) < 0.3 ? arena_printf(&d->a, "%s %d, %d. %s", st->name, number,
                                                 1 + rng_int(r, 4), rng_int(r, 2) ? "th" : "tv")
                                  : arena_printf(&d->a, "%s %d", st->name, number);
    c.postcode = "2730";
    c.city = "Herlev";
    c.has_position = true;
    c.lat = st->lat + (rng_unit(r) - 0.5) * 0.004;
    c.lon = st->lon + (rng_unit(r) - 0.5) * 0.007;
    char phone[12];
    make_phone(r, phone, rng_unit(r) < 0.4);
    c.phone = phone;
    c.lives_alone = rng_unit(r) < 0.48;
    struct demo_team *team = team_for(d, st, number);
    c.team_id = team->id;
    c.coordinator_id = rng_unit(r) < 0.3 && team->nnurses ? team->nurses[rng_int(r, team->nnurses)]
                                                          : team->staff[rng_int(r, team->nstaff)];
    const char *m1 = PICK(r, matters), *m2 = PICK(r, matters);
    c.what_matters = rng_unit(r) < 0.08              ? ""
                     : m1 == m2 || rng_unit(r) < 0.5 ? m1
                                                     : arena_printf(&d->a, "%s %s", m1, m2);
    c.rhythm.get_up = quarter(r, 6 * 60 + 30, 9 * 60 + 30);
    c.rhythm.breakfast = c.rhythm.get_up + 30;
    c.rhythm.lunch = quarter(r, 11 * 60 + 30, 13 * 60);
    c.rhythm.dinner = quarter(r, 17 * 60, 18 * 60 + 30);
    c.rhythm.bedtime = quarter(r, 20 * 60 + 30, 23 * 60 + 30);
    c.rhythm.note = PICK(r, rhythm_notes);
    int ncontacts = 2 + rng_int(r, 2);
    for (int i = 0; i < ncontacts && team->nstaff; i++)
        c.contact_ids[c.contact_count++] = team->staff[(index + i * 7) % team->nstaff];
    long id;
    enum store_rc rc = store_citizen_create(d->s, &c, &id);
    if (rc == STORE_CONFLICT) /* the same fictitious CPR drawn twice: draw again */
        return make_citizen(d, index);
    if (rc)
        return rc;
    int nrel = c.lives_alone ? rng_int(r, 3) : 1 + rng_int(r, 3);
    for (int i = 0; i < nrel; i++) {
        bool network = i > 0 && rng_unit(r) < 0.3;
        char rphone[12];
        make_phone(r, rphone, true);
        const char *relation = network ? PICK(r, network_relations) : PICK(r, family_relations);
        if (!strcmp(relation, "ægtefælle") && c.lives_alone)
            relation = "søn";
        bool rmale = !strcmp(relation, "ægtefælle")                          ? !male
                     : !strcmp(relation, "søn") || !strcmp(relation, "bror") ? true
                     : !strcmp(relation, "datter") || !strcmp(relation, "svigerdatter") ||
                             !strcmp(relation, "søster")
                         ? false
                         : rng_unit(r) < 0.5;
        struct relative x = {.citizen_id = id,
                             .name = arena_printf(&d->a, "%s %s",
                                                  rmale ? PICK(r, men) : PICK(r, staff_first),
                                                  network ? PICK(r, surnames) : c.last_name),
                             .relation = relation,
                             .phone = rphone,
                             .email = "",
                             .consent = rng_unit(r) < 0.85,
                             .is_network = network,
                             .note = i == 0 && rng_unit(r) < 0.3 ? "Ring helst efter kl. 16." : ""};
        if ((rc = store_relative_add(d->s, &x, NULL)))
            return rc;
    }
    return make_grants(d, id, team);
}

/* Plan today and the following days for every team, so the planner and the
 * care workers find a plan in force. Returns 0 or -1 (message printed). */
static int demo_plan(struct demo *d, int days)
{
    struct plan_effort o = {.time_limit = 1.0, .seed = 1};
    struct actor cli = app_cli_actor(ROLE_PLANNER);
    for (int k = 0; k < days; k++) {
        struct date day = date_add_days(date_today(), k);
        for (int t = 0; t < d->nteams; t++) {
            struct arena a = ARENA_INIT;
            struct app app;
            struct planday_result res;
            app_init(&app, &cli, d->s, &a);
            enum app_rc rc = app_plan_day(&app, day, d->teams[t].id, &o, &res, NULL, NULL);
            if (rc != APP_OK)
                fprintf(stderr, "omsorg demo: planning failed: %s\n", app.message);
            arena_release(&a);
            if (rc != APP_OK)
                return -1;
        }
        fprintf(stderr, "omsorg demo: planned day %d of %d\n", k + 1, days);
    }
    return 0;
}

static const char usage[] =
    "usage: omsorg demo --db PATH [--citizens N] [--seed S] [--plan-days N] [--force]\n\n"
    "Create a database with a deterministic Herlev-shaped demo municipality:\n"
    "fixed teams of 8-40 staff with offices (four, or about one per 150 citizens in a\n"
    "large municipality), N citizens (default 500, at most 20000).\n"
    "All demo users have the password 'demo'. CPR numbers are fictitious (see\n"
    "docs/ARCHITECTURE.md). Refuses to touch an existing file unless --force.\n"
    "--plan-days N plans today and the next N-1 days for every team (default 0).\n";

int cmd_demo(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"citizens", required_argument, NULL, 'n'},
                                         {"seed", required_argument, NULL, 's'},
                                         {"force", no_argument, NULL, 'f'},
                                         {"plan-days", required_argument, NULL, 'p'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *path = NULL;
    long citizens = 500, seed = 1, plan_days = 0;
    bool force = false;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            path = optarg;
            break;
        case 'f':
            force = true;
            break;
        case 'p':
            if (!cli_parse_int(optarg, 0, 14, &plan_days))
                return cli_usage_error("demo", "--plan-days must be a number from 0 to 14");
            break;
        case 'n':
            if (!cli_parse_int(optarg, 0, 20000, &citizens))
                return cli_usage_error("demo", "--citizens must be a number from 0 to 20000");
            break;
        case 's':
            if (!cli_parse_int(optarg, 0, 2147483647L, &seed))
                return cli_usage_error("demo", "--seed must be a non-negative number");
            break;
        case 'h':
            fputs(usage, stdout);
            return 0;
        default:
            return cli_usage_error("demo", "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (!path || optind < argc)
        return cli_usage_error("demo", "--db PATH is required");
    if (store_target_is_file(path) && access(path, F_OK) == 0) {
        if (!force) {
            fprintf(stderr, "omsorg demo: %s exists; use --force to replace it\n", path);
            return 1;
        }
        char wal[4096];
        unlink(path);
        snprintf(wal, sizeof wal, "%s-wal", path);
        unlink(wal);
        snprintf(wal, sizeof wal, "%s-shm", path);
        unlink(wal);
    }
    if (!auth_init())
        return 1;
    const char *err;
    struct demo d = {.rng = {(uint64_t)seed * 0x2545F4914F6CDD1Dull + 1}, .a = ARENA_INIT};
    int applied, rc = 1;
    d.per_area = citizens >= 8 * CITIZENS_PER_TEAM
                     ? (int)((citizens / 4 + CITIZENS_PER_TEAM / 2) / CITIZENS_PER_TEAM)
                     : 1;
    d.nteams = 4 * d.per_area;
    /* 28 staff for 125 citizens, and a small team relatively more (it must
     * cover every shift of the week): at least 8, at most 40 */
    long per_team = citizens / d.nteams;
    d.team_size = (int)(8 + per_team * 20 / 125);
    d.team_size = d.team_size < 8 ? 8 : d.team_size > 40 ? 40 : d.team_size;
    d.teams = calloc((size_t)d.nteams, sizeof *d.teams);
    for (int t = 0; d.teams && t < d.nteams; t++) {
        d.teams[t].staff = calloc((size_t)d.team_size + 2, sizeof(long));
        d.teams[t].nurses = calloc((size_t)d.team_size + 2, sizeof(long));
        if (!d.teams[t].staff || !d.teams[t].nurses) {
            d.nteams = t + 1;
            break;
        }
    }
    if (!d.teams || !d.teams[d.nteams - 1].nurses) {
        fprintf(stderr, "omsorg demo: out of memory\n");
        goto out;
    }
    d.s = store_open(path, &err);
    if (!d.s) {
        fprintf(stderr, "omsorg demo: %s: %s\n", path, err);
        goto out;
    }
    if (!store_target_is_file(path) && store_schema_version(d.s) != 0) {
        /* --force removes a file; a PostgreSQL database is never emptied here */
        fprintf(stderr, "omsorg demo: the PostgreSQL database is not empty; the demo loads "
                        "only into an empty one\n");
        goto out;
    }
    char hash[AUTH_HASH_MAX];
    if (store_migrate(d.s, &applied) != STORE_OK || !auth_password_hash("demo", hash))
        goto out;
    /* The FSIII code system is data shipped beside the binary (make copies share/). */
    char fsiii[4096 + 64];
    if (!cli_fsiii_default_path(fsiii, sizeof fsiii) || access(fsiii, R_OK) != 0) {
        fprintf(stderr, "omsorg demo: the FSIII code system is missing (expected "
                        "share/fsiii/CodeSystem-FSIII.json beside the binary; run make)\n");
        goto out;
    }
    if (cli_fsiii_import(d.s, "demo", fsiii, true) != 0)
        goto out;
    d.hash = hash;
    if (store_begin(d.s) != STORE_OK)
        goto out;
    if (make_teams(&d) != STORE_OK || make_staff(&d) != STORE_OK)
        goto out_rollback;
    for (long i = 0; i < citizens; i++) {
        if (make_citizen(&d, (int)i) != STORE_OK)
            goto out_rollback;
        if ((i + 1) % 1000 == 0 || (citizens >= 1000 && i + 1 == citizens)) {
            fprintf(stderr, "\romsorg demo: %ld/%ld citizens", i + 1, citizens);
            if (i + 1 == citizens)
                fprintf(stderr, "\n");
        }
        if ((i + 1) % 256 == 0)
            arena_release(&d.a);
    }
    if (store_prevention_demo(d.s, date_today()) != STORE_OK) /* risk markers, this year's list */
        goto out_rollback;
    if (store_commit(d.s) != STORE_OK)
        goto out_rollback;
    if (demo_care(d.s, (unsigned long)seed) != 0) /* weights, observations, triage, tasks */
        goto out;
    if (plan_days > 0 && demo_plan(&d, (int)plan_days) != 0)
        goto out;
    printf("omsorg demo: %s ready with %d teams and %ld citizens.\n"
           "Demo log-ins (password 'demo'): admin, visitator, planlaegger, sosu-nord, sosu-syd,\n"
           "sygeplejerske, leder.\n",
           path, d.nteams, citizens);
    rc = 0;
    goto out;
out_rollback:
    store_rollback(d.s);
    fprintf(stderr, "omsorg demo: failed; nothing was saved\n");
out:
    arena_release(&d.a);
    store_close(d.s);
    for (int t = 0; d.teams && t < d.nteams; t++) {
        free(d.teams[t].staff);
        free(d.teams[t].nurses);
    }
    free(d.teams);
    if (rc)
        unlink(path);
    return rc;
}
