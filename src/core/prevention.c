/* prevention.c — see prevention.h. The letter's default wording uses short
 * words and short sentences on purpose: it must read easily (LIX ≤ 35). */
#include "core/prevention.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The defaults of the law's minimum offer, as Herlev's elder policy asks. */
void prevention_defaults(struct prevention_settings *s)
{
    memset(s, 0, sizeof *s);
    s->municipality = "Herlev Kommune";
    s->phone = "44 52 70 00";
    s->mode = PV_CALENDAR_YEAR;
    s->lives_alone_age = 70;
    s->ages[0] = 75;
    s->ages[1] = 80;
    s->age_count = 2;
    s->every_year_from = 82;
    s->risk_from = 65;
    s->risk_to = 81;
    s->exclude_full_help = true;
    s->updated_at = "";
}

/* Settings as a whole: ages in range, a risk span that is a span. */
void prevention_settings_validate(const struct prevention_settings *s, struct validation *v)
{
    check_text(v, "municipality", s->municipality, true, 100, false);
    check_text(v, "phone", s->phone, true, 20, false);
    check_phone(v, "phone", s->phone);
    if (s->mode != PV_CALENDAR_YEAR && s->mode != PV_BIRTHDAY_YEAR)
        validation_add(v, "year_mode", "Vælg kalenderår eller fødselsdagsår.");
    if (s->lives_alone_age != 0 && (s->lives_alone_age < 60 || s->lives_alone_age > 110))
        validation_add(v, "lives_alone_age", "Skriv en alder fra 60 til 110, eller 0 for ingen.");
    if (s->age_count < 0 || s->age_count > PV_MAX_AGES)
        validation_add(v, "ages", "Højst seks aldre.");
    for (int i = 0; i < s->age_count && i < PV_MAX_AGES; i++)
        if (s->ages[i] < 60 || s->ages[i] > 110)
            validation_add(v, "ages", "Hver alder skal være fra 60 til 110.");
    if (s->every_year_from != 0 && (s->every_year_from < 60 || s->every_year_from > 110))
        validation_add(v, "every_year_from", "Skriv en alder fra 60 til 110, eller 0 for ingen.");
    if (s->risk_from != 0 && (s->risk_from < 60 || s->risk_from > 110))
        validation_add(v, "risk_from", "Skriv en alder fra 60 til 110, eller 0 for ingen.");
    if (s->risk_from != 0 && (s->risk_to < s->risk_from || s->risk_to > 110))
        validation_add(v, "risk_to", "Skal være mellem fra-alderen og 110.");
}

/* Parse a comma-separated list of ages into s->ages. */
bool prevention_ages_parse(const char *text, struct prevention_settings *s)
{
    int ages[PV_MAX_AGES], n = 0;
    const char *p = text ? text : "";
    for (;;) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        if (*p < '0' || *p > '9' || n == PV_MAX_AGES)
            return false;
        char *end;
        long a = strtol(p, &end, 10);
        if (a < 1 || a > 130)
            return false;
        for (int i = 0; i < n; i++)
            if (ages[i] == a)
                return false;
        ages[n++] = (int)a;
        p = end;
        while (*p == ' ')
            p++;
        if (*p == ',')
            p++;
        else if (*p)
            return false;
    }
    memcpy(s->ages, ages, sizeof ages);
    s->age_count = n;
    return true;
}

/* Ages as "75,80". */
const char *prevention_ages_text(struct arena *a, const struct prevention_settings *s)
{
    const char *t = "";
    for (int i = 0; i < s->age_count; i++)
        t = arena_printf(a, "%s%s%d", t, i ? "," : "", s->ages[i]);
    return t;
}

/* Stable code of a year mode. */
const char *pv_year_mode_code(enum pv_year_mode m)
{
    return m == PV_BIRTHDAY_YEAR ? "birthday" : "calendar";
}

/* Year mode from its code; -1 when unknown. */
int pv_year_mode_parse(const char *code)
{
    if (!code)
        return -1;
    if (!strcmp(code, "calendar"))
        return PV_CALENDAR_YEAR;
    if (!strcmp(code, "birthday"))
        return PV_BIRTHDAY_YEAR;
    return -1;
}

/* The birthday in a year; a 29 February birthday is 1 March in other years. */
static struct date birthday_in(struct date birth, int year)
{
    if (birth.month == 2 && birth.day == 29 && !date_valid(year, 2, 29))
        return (struct date){year, 3, 1};
    return (struct date){year, birth.month, birth.day};
}

/* The rules for one citizen and one list year (see prevention.h). */
bool prevention_eligible(const struct prevention_settings *s, const struct pv_person *p, int year,
                         struct pv_decision *out)
{
    memset(out, 0, sizeof *out);
    if (!p->birth.year || year <= p->birth.year)
        return false;
    int age = year - p->birth.year;
    out->age = age;
    if (s->mode == PV_BIRTHDAY_YEAR) {
        out->due_from = birthday_in(p->birth, year);
        out->due_to = date_add_days(birthday_in(p->birth, year + 1), -1);
    } else {
        out->due_from = (struct date){year, 1, 1};
        out->due_to = (struct date){year, 12, 31};
    }
    if (s->every_year_from > 0 && age >= s->every_year_from)
        out->rules |= PV_RULE_EVERY_YEAR;
    for (int i = 0; i < s->age_count && i < PV_MAX_AGES; i++)
        if (age == s->ages[i])
            out->rules |= PV_RULE_AGE;
    if (s->lives_alone_age > 0 && p->lives_alone && age == s->lives_alone_age)
        out->rules |= PV_RULE_ALONE;
    if (s->risk_from > 0 && p->at_risk && p->risk_since.year && age >= s->risk_from &&
        age <= s->risk_to && date_cmp(p->risk_since, out->due_to) <= 0)
        out->rules |= PV_RULE_RISK;
    static const enum pv_rule order[] = {PV_RULE_EVERY_YEAR, PV_RULE_AGE, PV_RULE_ALONE,
                                         PV_RULE_RISK};
    for (size_t i = 0; i < sizeof order / sizeof order[0] && !out->rule; i++)
        if (out->rules & order[i])
            out->rule = order[i];
    if (!out->rules)
        return false;
    out->excluded = s->exclude_full_help && p->personal_help && p->practical_help;
    return !out->excluded;
}

/* Stable code of a rule ("" for none). */
const char *pv_rule_code(enum pv_rule r)
{
    switch (r) {
    case PV_RULE_EVERY_YEAR:
        return "every_year";
    case PV_RULE_AGE:
        return "age";
    case PV_RULE_ALONE:
        return "lives_alone";
    case PV_RULE_RISK:
        return "risk";
    default:
        return "";
    }
}

/* Rule from its code; -1 when unknown. */
int pv_rule_parse(const char *code)
{
    static const enum pv_rule all[] = {PV_RULE_EVERY_YEAR, PV_RULE_AGE, PV_RULE_ALONE,
                                       PV_RULE_RISK};
    for (size_t i = 0; code && i < sizeof all / sizeof all[0]; i++)
        if (!strcmp(code, pv_rule_code(all[i])))
            return (int)all[i];
    return -1;
}

/* Why the citizen is on the list, in Danish. */
const char *pv_rule_text(struct arena *a, enum pv_rule r, int age)
{
    switch (r) {
    case PV_RULE_EVERY_YEAR:
        return arena_printf(a, "Fylder %d år (tilbud hvert år)", age);
    case PV_RULE_AGE:
        return arena_printf(a, "Fylder %d år", age);
    case PV_RULE_ALONE:
        return arena_printf(a, "Bor alene og fylder %d år", age);
    case PV_RULE_RISK:
        return arena_printf(a, "Særlig risiko (fylder %d år)", age);
    default:
        return "";
    }
}

/* --- the visit ------------------------------------------------------------ */

static const char *const status_codes[PV_STATUS_COUNT] = {
    "not_invited", "invited", "accepted", "booked", "held", "declined", "referred"};
static const char *const status_labels[PV_STATUS_COUNT] = {
    "Ikke inviteret", "Inviteret", "Har takket ja", "Aftalt", "Holdt", "Har takket nej", "Henvist"};
static const char *const outcome_codes[PV_OUT_COUNT] = {"accepted", "declined", "held", "referral"};
static const char *const outcome_labels[PV_OUT_COUNT] = {
    "Takket ja", "Takket nej", "Besøget er holdt", "Besøget er holdt, og der er henvist"};

/* Stable code of a status. */
const char *pv_status_code(enum pv_status s)
{
    return s < PV_STATUS_COUNT ? status_codes[s] : NULL;
}

/* Danish name of a status. */
const char *pv_status_label(enum pv_status s)
{
    return s < PV_STATUS_COUNT ? status_labels[s] : "";
}

/* Status from its code; -1 when unknown. */
int pv_status_parse(const char *code)
{
    for (int i = 0; code && i < PV_STATUS_COUNT; i++)
        if (!strcmp(code, status_codes[i]))
            return i;
    return -1;
}

/* Stable code of an outcome. */
const char *pv_outcome_code(enum pv_outcome o)
{
    return o < PV_OUT_COUNT ? outcome_codes[o] : NULL;
}

/* Danish name of an outcome. */
const char *pv_outcome_label(enum pv_outcome o)
{
    return o < PV_OUT_COUNT ? outcome_labels[o] : "";
}

/* Outcome from its code; -1 when unknown. */
int pv_outcome_parse(const char *code)
{
    for (int i = 0; code && i < PV_OUT_COUNT; i++)
        if (!strcmp(code, outcome_codes[i]))
            return i;
    return -1;
}

/* accepted after an invitation; declined any time before the visit; held
 * (or held with a referral) once accepted or booked; a referral may also be
 * added to a visit already recorded as held. */
enum pv_status pv_outcome_status(enum pv_status from, enum pv_outcome o)
{
    switch (o) {
    case PV_OUT_ACCEPTED:
        return from == PV_INVITED ? PV_ACCEPTED : PV_STATUS_COUNT;
    case PV_OUT_DECLINED:
        return from == PV_INVITED || from == PV_ACCEPTED || from == PV_BOOKED ? PV_DECLINED
                                                                              : PV_STATUS_COUNT;
    case PV_OUT_HELD:
        return from == PV_ACCEPTED || from == PV_BOOKED ? PV_HELD : PV_STATUS_COUNT;
    case PV_OUT_REFERRAL:
        return from == PV_ACCEPTED || from == PV_BOOKED || from == PV_HELD ? PV_REFERRED
                                                                           : PV_STATUS_COUNT;
    default:
        return PV_STATUS_COUNT;
    }
}

/* A new invitation: not yet invited, or again after a "no thank you". */
bool pv_can_invite(enum pv_status s)
{
    return s == PV_NOT_INVITED || s == PV_INVITED || s == PV_DECLINED;
}

/* A booking (or a new time) before the visit is held. */
bool pv_can_book(enum pv_status s)
{
    return s == PV_NOT_INVITED || s == PV_INVITED || s == PV_ACCEPTED || s == PV_BOOKED ||
           s == PV_DECLINED;
}

/* A visit time: a real date from today on, in the daytime. */
void pv_time_validate(struct date d, minute_t at, struct date today, const char *date_field,
                      const char *time_field, struct validation *v)
{
    if (!d.year)
        validation_add(v, date_field, "Skriv datoen som ÅÅÅÅ-MM-DD, fx 2026-12-01.");
    else if (date_cmp(d, today) < 0)
        validation_add(v, date_field, "Datoen må ikke ligge før i dag.");
    if (at < 0)
        validation_add(v, time_field, "Skriv tiden som TT:MM, fx 10:00.");
    else if (at < 7 * 60 || at > 20 * 60)
        validation_add(v, time_field, "Besøget skal ligge mellem kl. 7 og kl. 20.");
}

int pv_year_parse(const char *s)
{
    if (!s || !*s)
        return 0;
    if (strlen(s) != 4 || strspn(s, "0123456789") != 4)
        return -1;
    int y = atoi(s);
    return y >= 2000 && y <= 2100 ? y : -1;
}

/* --- the letter ------------------------------------------------------------ */

/* Append a paragraph to a section. */
static void add(struct letter_section *s, const char *p)
{
    if (p && *p && s->count < LETTER_MAX_PARAGRAPHS)
        s->paragraphs[s->count++] = p;
}

/* Start a new section. */
static struct letter_section *section(struct letter *l, const char *heading)
{
    struct letter_section *s = &l->sections[l->count++];
    memset(s, 0, sizeof *s);
    s->heading = heading;
    return s;
}

/* The invitation with the bases in force on the visit's day (see prevention.h). */
int prevention_letter_build(struct arena *a, const struct prevention_settings *s,
                            const char *first_name, const char *last_name, struct date when,
                            minute_t at, const char *staff_name, struct letter *out)
{
    struct data_errors err = {0};
    struct law_table t;
    if (law_load_default(a, &t, &err) != 0)
        return -1;
    /* Preventive visits go by age to everyone (target "all"): the group does not matter. */
    const struct law_basis *b =
        law_basis_for(&t, LAW_TOPIC_PREVENTIVE_VISIT, LAW_GROUP_ELDER, when);
    return prevention_letter_build_cited(a, s, first_name, last_name, when, at, staff_name, b, out);
}

/* The invitation (see prevention.h). */
int prevention_letter_build_cited(struct arena *a, const struct prevention_settings *s,
                                  const char *first_name, const char *last_name, struct date when,
                                  minute_t at, const char *staff_name,
                                  const struct law_basis *basis, struct letter *out)
{
    char day[64], t[6];
    memset(out, 0, sizeof *out);
    date_danish(when, day, sizeof day);
    minute_format(at, t);
    if (t[2] == ':')
        t[2] = '.';
    out->title = "Vil du have besøg af os?";
    out->greeting = arena_printf(a, "Kære %s %s", first_name, last_name);

    struct letter_section *x = section(out, "Et besøg, hvor du er i centrum");
    add(x, "Vi tilbyder dig et forebyggende hjemmebesøg.");
    add(x, "Det betyder, at vi kommer hjem til dig og taler om, hvordan du har det.");
    add(x, "Målet er, at du kan blive ved med at klare dig godt og leve det liv, du vil.");
    add(x, "Vi taler om det, der er vigtigt for dig. Det kan være dit helbred, mad, motion, "
           "dit hjem, og om du har nogen at være sammen med.");
    add(x, "Du kan få gode råd og høre om tilbud i byen. Det kan være hold, hvor man træner, "
           "spiser sammen eller mødes.");
    add(x, "Besøget tager cirka en time. Det koster ikke noget.");

    x = section(out, "Du bestemmer selv");
    add(x, "Det er frivilligt, om du vil have besøget.");
    add(x, "Du må gerne have en, du kender, med til besøget.");
    add(x, "Besøget er ikke en sag om hjælp. Vi skriver kun det ned, du siger ja til.");

    x = section(out, "Her er vores forslag til en tid");
    add(x, arena_printf(a, "Vi kommer %s kl. %s.", day, t));
    if (staff_name && *staff_name)
        add(x, arena_printf(a, "Det er %s, der kommer.", staff_name));

    x = section(out, "Hvis tiden ikke passer, eller du siger nej tak");
    add(x, arena_printf(a, "Ring til os på %s. Så finder vi en ny tid.", s->phone));
    add(x, "Du kan også sige nej tak. Så kommer vi ikke.");
    add(x, "Du kan altid ringe igen, hvis du får lyst til et besøg senere.");
    if (basis)
        add(x, arena_printf(a, "Vi tilbyder besøget efter %s.", law_cite(a, basis)));

    const char *text = letter_text(a, out);
    if (!text)
        return -1;
    out->lix = lix(text);
    return 0;
}

/* The first Monday–Thursday at least 21 days after `on`. */
struct date prevention_suggest_date(struct date on)
{
    struct date d = date_add_days(on, 21);
    while (date_weekday(d) > 4)
        d = date_add_days(d, 1);
    return d;
}
