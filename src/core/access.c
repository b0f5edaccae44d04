/* access.c — the capability table; see access.h. */
#include "core/access.h"

#define R(x)       (1u << ROLE_##x)
#define CARE_STAFF (R(CARER) | R(NURSE) | R(THERAPIST))
#define ALL_ROLES  (R(ADMIN) | R(VISITATOR) | R(PLANNER) | CARE_STAFF | R(MANAGER))

static const struct cap_rule {
    const char *name;
    unsigned every_team; /* roles that hold the capability for all teams */
    unsigned own_team;   /* roles that hold it for their own team only */
    const char *denied;  /* why not, in Danish */
} rules[CAP_COUNT] = {
    [CAP_PUBLIC] = {"public", ALL_ROLES, 0, ""},
    [CAP_SIGNED_IN] = {"signed_in", ALL_ROLES, 0, "Du skal logge ind."},
    [CAP_CITIZENS] = {"citizens", R(VISITATOR) | R(PLANNER), CARE_STAFF,
                      "Din rolle giver ikke adgang til borgeres oplysninger."},
    [CAP_CITIZEN_WRITE] = {"citizen_write", R(VISITATOR), 0,
                           "Kun visitatorer kan oprette og ændre borgere, pårørende, vurderinger, "
                           "mål og afgørelser."},
    [CAP_DOCUMENT] = {"document", 0, CARE_STAFF,
                      "Kun medarbejdere i borgerens eget team kan dokumentere besøg."},
    [CAP_TRIAGE] = {"triage", R(PLANNER), R(NURSE),
                    "Kun teamets sygeplejerske eller en teamleder kan beslutte triage."},
    [CAP_NUTRITION] = {"nutrition", R(PLANNER), CARE_STAFF,
                       "Kun borgerens team kan lave en ernæringsvurdering."},
    [CAP_BOARD] = {"board", R(PLANNER), CARE_STAFF,
                   "Kun teamets medarbejdere og teamledere kan se teamets tavle og opgaver."},
    [CAP_ROUTE] = {"route", 0, CARE_STAFF, "Kun medarbejdere, der kører ruter, har en rute."},
    [CAP_PLAN] = {"plan", R(PLANNER), 0, "Kun planlæggere og teamledere kan planlægge."},
    [CAP_PREVENTION] = {"prevention", R(VISITATOR) | R(PLANNER), 0,
                        "Kun visitatorer og planlæggere arbejder med forebyggende hjemmebesøg."},
    [CAP_PREVENTION_RULES] = {"prevention_rules", R(VISITATOR) | R(PLANNER) | R(ADMIN), 0,
                              "Din rolle giver ikke adgang til reglerne for forebyggende besøg."},
    [CAP_ADMIN] = {"admin", R(ADMIN), 0, "Kun administratorer har adgang."},
};

const char *cap_name(enum cap c)
{
    return c >= 0 && c < CAP_COUNT ? rules[c].name : "?";
}

static bool valid(const struct actor *a, enum cap c)
{
    return a && c >= 0 && c < CAP_COUNT && a->role > ROLE_NONE && a->role < ROLE_COUNT;
}

bool access_can(const struct actor *a, enum cap c)
{
    if (c == CAP_PUBLIC)
        return true;
    if (!valid(a, c))
        return false;
    unsigned bit = 1u << a->role;
    return (rules[c].every_team & bit) || ((rules[c].own_team & bit) && a->team_id > 0);
}

bool access_can_team(const struct actor *a, enum cap c, long team_id)
{
    if (!access_can(a, c))
        return false;
    if (c == CAP_PUBLIC || (rules[c].every_team & (1u << a->role)))
        return true;
    return team_id > 0 && team_id == a->team_id;
}

long access_scope(const struct actor *a, enum cap c)
{
    if (!valid(a, c) || (rules[c].every_team & (1u << a->role)))
        return 0;
    return a->team_id;
}

const char *access_denied_message(enum cap c)
{
    return c >= 0 && c < CAP_COUNT ? rules[c].denied : "Du har ikke adgang.";
}
