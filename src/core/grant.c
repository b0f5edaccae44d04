/* grant.c — see grant.h: names, the status machine, validation, demand. */
#include "core/grant.h"

#include <stdio.h>
#include <string.h>

static const struct {
    const char *code, *label;
} kinds[GRANT_KIND_COUNT] = {
    [GRANT_REHABILITATION] = {"rehabilitation", "Rehabiliteringsforløb"},
    [GRANT_HELHEDSPLEJE] = {"helhedspleje", "Helhedspleje"},
    [GRANT_SERVICES] = {"services", "Hjælp til enkelte opgaver"},
    [GRANT_REFUSAL] = {"refusal", "Afslag"},
};

static const struct {
    const char *code, *label;
} statuses[GS_COUNT] = {
    [GS_DRAFT] = {"draft", "Kladde"},         [GS_DECIDED] = {"decided", "Truffet"},
    [GS_SENT] = {"sent", "Sendt til borgeren"}, [GS_CHANGED] = {"changed", "Ændret"},
    [GS_ENDED] = {"ended", "Afsluttet"},      [GS_APPEALED] = {"appealed", "Påklaget"},
};

static const struct {
    const char *code, *label;
} anchors[ANCHOR_COUNT] = {
    [ANCHOR_GET_UP] = {"get_up", "når borgeren står op"},
    [ANCHOR_BREAKFAST] = {"breakfast", "ved morgenmaden"},
    [ANCHOR_LUNCH] = {"lunch", "ved frokosten"},
    [ANCHOR_DINNER] = {"dinner", "ved aftensmaden"},
    [ANCHOR_BEDTIME] = {"bedtime", "når borgeren går i seng"},
    [ANCHOR_FIXED] = {"fixed", "på et fast tidspunkt"},
};

const char *grant_kind_code(enum grant_kind k)
{
    return k < GRANT_KIND_COUNT ? kinds[k].code : "";
}

const char *grant_kind_label(enum grant_kind k)
{
    return k < GRANT_KIND_COUNT ? kinds[k].label : "";
}

int grant_kind_parse(const char *code)
{
    for (int i = 0; code && i < GRANT_KIND_COUNT; i++)
        if (!strcmp(code, kinds[i].code))
            return i;
    return -1;
}

const char *grant_status_code(enum grant_status s)
{
    return s < GS_COUNT ? statuses[s].code : "";
}

const char *grant_status_label(enum grant_status s)
{
    return s < GS_COUNT ? statuses[s].label : "";
}

int grant_status_parse(const char *code)
{
    for (int i = 0; code && i < GS_COUNT; i++)
        if (!strcmp(code, statuses[i].code))
            return i;
    return -1;
}

const char *anchor_code(enum anchor a)
{
    return a < ANCHOR_COUNT ? anchors[a].code : "";
}

const char *anchor_label(enum anchor a)
{
    return a < ANCHOR_COUNT ? anchors[a].label : "";
}

int anchor_parse(const char *code)
{
    for (int i = 0; code && i < ANCHOR_COUNT; i++)
        if (!strcmp(code, anchors[i].code))
            return i;
    return -1;
}

bool grant_transition_ok(enum grant_status from, enum grant_status to)
{
    switch (from) {
    case GS_DRAFT: return to == GS_DECIDED;
    case GS_DECIDED: return to == GS_SENT || to == GS_CHANGED || to == GS_ENDED;
    case GS_SENT: return to == GS_CHANGED || to == GS_ENDED || to == GS_APPEALED;
    case GS_CHANGED: return to == GS_SENT || to == GS_ENDED || to == GS_APPEALED;
    case GS_APPEALED: return to == GS_CHANGED || to == GS_ENDED;
    default: return false;
    }
}

bool grant_editable(enum grant_status s)
{
    return s == GS_DRAFT || s == GS_CHANGED;
}

bool grant_active_on(const struct grant *g, struct date day)
{
    if (g->kind == GRANT_REFUSAL)
        return false;
    if (g->status != GS_DECIDED && g->status != GS_SENT && g->status != GS_CHANGED &&
        g->status != GS_APPEALED)
        return false;
    if (date_cmp(day, g->start) < 0)
        return false;
    return !g->end.year || date_cmp(day, g->end) <= 0;
}

int grant_weekly_service_minutes(const struct grant *g)
{
    int total = 0;
    for (int i = 0; i < g->service_count; i++) {
        int days = __builtin_popcount(g->services[i].weekdays & 127u);
        total += days * g->services[i].duration * g->services[i].carers;
    }
    return total;
}

void grant_validate(const struct grant *g, struct date today, struct validation *v)
{
    char fields[6][40];
    if (g->kind >= GRANT_KIND_COUNT)
        validation_add(v, "kind", "Vælg, hvilken slags afgørelse det er.");
    check_text(v, "requested", g->requested, true, 2000, true);
    check_text(v, "reason", g->reason, true, 4000, true);
    check_text(v, "goals", g->goals, g->kind == GRANT_REHABILITATION, 2000, true);
    if (!g->start.year)
        validation_add(v, "start_date", "Skriv, hvornår hjælpen begynder (ÅÅÅÅ-MM-DD).");
    else if (date_cmp(g->start, date_add_days(today, -365)) < 0)
        validation_add(v, "start_date", "Startdatoen ligger mere end et år tilbage.");
    if (g->kind == GRANT_REHABILITATION && !g->end.year)
        validation_add(v, "end_date", "Et rehabiliteringsforløb skal have en slutdato.");
    if (g->end.year && g->start.year && date_cmp(g->end, g->start) < 0)
        validation_add(v, "end_date", "Slutdatoen skal ligge efter startdatoen.");
    if (g->kind == GRANT_REHABILITATION && g->end.year && g->start.year &&
        date_cmp(g->end, date_add_days(g->start, 16 * 7)) > 0)
        validation_add(v, "end_date", "Et rehabiliteringsforløb varer højst 16 uger.");
    if (g->kind != GRANT_REFUSAL && !g->follow_up.year)
        validation_add(v, "follow_up_date", "Skriv, hvornår vi følger op (ÅÅÅÅ-MM-DD).");
    if (g->follow_up.year && g->start.year && date_cmp(g->follow_up, g->start) < 0)
        validation_add(v, "follow_up_date", "Opfølgningen skal ligge efter startdatoen.");
    if (g->kind == GRANT_HELHEDSPLEJE) {
        if (g->weekly_minutes <= 0 || g->weekly_minutes > 7 * 24 * 60)
            validation_add(v, "weekly_minutes", "Skriv rammen i minutter om ugen, fx 420.");
        else if (grant_weekly_service_minutes(g) > g->weekly_minutes)
            validation_add(v, "weekly_minutes",
                           "Besøgene bruger flere minutter om ugen, end rammen giver.");
    }
    if (g->kind == GRANT_REFUSAL && g->service_count > 0)
        validation_add(v, "services", "Et afslag giver ingen besøg.");
    if (g->kind != GRANT_REFUSAL && g->service_count == 0)
        validation_add(v, "services", "Tilføj mindst ét besøg.");
    for (int i = 0; i < g->service_count && i < GRANT_MAX_SERVICES; i++) {
        const struct grant_service *s = &g->services[i];
        for (int k = 0; k < 6; k++)
            snprintf(fields[k], sizeof fields[k], "services[%d].%s", i,
                     (const char *[]){"label", "weekdays", "anchor", "duration", "skill",
                                      "carers"}[k]);
        check_text(v, fields[0], s->label, true, 200, false);
        if (!(s->weekdays & 127u) || s->weekdays > 127u)
            validation_add(v, fields[1], "Vælg mindst én ugedag.");
        if (s->anchor >= ANCHOR_COUNT || (s->anchor == ANCHOR_FIXED && s->at < 0))
            validation_add(v, fields[2], "Vælg, hvornår på dagen besøget skal være.");
        if (s->duration < 5 || s->duration > 240)
            validation_add(v, fields[3], "Et besøg varer fra 5 til 240 minutter.");
        if (skill_index(s->skill) < 0)
            validation_add(v, fields[4], "Vælg, hvilken faglighed besøget kræver.");
        if (s->carers != 1 && s->carers != 2)
            validation_add(v, fields[5], "Et besøg kræver 1 eller 2 medarbejdere.");
        if (s->flex < 0 || s->flex > 180 || s->offset < -180 || s->offset > 180)
            validation_add(v, fields[2], "Tidsvinduet skal være højst 3 timer til hver side.");
    }
}

minute_t anchor_minute(enum anchor a, minute_t fixed_at, const struct rhythm *r)
{
    switch (a) {
    case ANCHOR_GET_UP: return r && r->get_up >= 0 ? r->get_up : 8 * 60;
    case ANCHOR_BREAKFAST: return r && r->breakfast >= 0 ? r->breakfast : 8 * 60 + 30;
    case ANCHOR_LUNCH: return r && r->lunch >= 0 ? r->lunch : 12 * 60;
    case ANCHOR_DINNER: return r && r->dinner >= 0 ? r->dinner : 17 * 60 + 30;
    case ANCHOR_BEDTIME: return r && r->bedtime >= 0 ? r->bedtime : 22 * 60;
    default: return fixed_at >= 0 ? fixed_at : 10 * 60;
    }
}

bool demand_for_day(const struct grant *g, const struct grant_service *s,
                    const struct rhythm *rhythm, struct date day, struct visit_demand *out)
{
    if (!grant_active_on(g, day))
        return false;
    if (!(s->weekdays & (1u << (date_weekday(day) - 1))))
        return false;
    int centre = anchor_minute(s->anchor, s->at, rhythm) + s->offset;
    int from = centre - s->flex, to = centre + s->flex;
    if (from < 0)
        from = 0;
    if (to > 24 * 60 - s->duration)
        to = 24 * 60 - s->duration;
    if (to < from)
        to = from;
    *out = (struct visit_demand){s->id, g->id, g->citizen_id, from, to, s->duration, s->skill,
                                 s->carers};
    return true;
}
