/* model.c — names and small conversions for the domain records. */
#include "core/model.h"

#include <stdio.h>
#include <string.h>

static const struct {
    const char *code;
    const char *label;
} roles[ROLE_COUNT] = {
    [ROLE_NONE] = {NULL, "Ingen"},
    [ROLE_ADMIN] = {"admin", "Administrator"},
    [ROLE_VISITATOR] = {"visitator", "Visitator"},
    [ROLE_PLANNER] = {"planner", "Planlægger/teamleder"},
    [ROLE_CARER] = {"carer", "Social- og sundhedsmedarbejder"},
    [ROLE_NURSE] = {"nurse", "Sygeplejerske"},
    [ROLE_THERAPIST] = {"therapist", "Terapeut"},
    [ROLE_MANAGER] = {"manager", "Leder"},
};

const char *role_code(enum role r)
{
    return r > ROLE_NONE && r < ROLE_COUNT ? roles[r].code : NULL;
}

const char *role_label(enum role r)
{
    return r >= ROLE_NONE && r < ROLE_COUNT ? roles[r].label : "Ukendt";
}

enum role role_parse(const char *code)
{
    if (!code)
        return ROLE_NONE;
    for (int r = ROLE_NONE + 1; r < ROLE_COUNT; r++)
        if (!strcmp(code, roles[r].code))
            return (enum role)r;
    return ROLE_NONE;
}

const char *const skill_codes[] = {"personlig-pleje", "praktisk-hjaelp", "sygepleje", "terapi"};
const char *const skill_labels[] = {"Personlig pleje", "Praktisk hjælp", "Sygepleje", "Træning"};
const int skill_count = (int)(sizeof skill_codes / sizeof skill_codes[0]);

int skill_index(const char *code)
{
    for (int i = 0; code && i < skill_count; i++)
        if (!strcmp(code, skill_codes[i]))
            return i;
    return -1;
}

bool staff_assignable(const struct user *u, enum staff_purpose p)
{
    if (!u || !u->active || u->role == ROLE_ADMIN || u->role == ROLE_MANAGER ||
        u->role == ROLE_NONE || u->role >= ROLE_COUNT)
        return false;
    if (p == STAFF_PREVENTIVE)
        return u->role == ROLE_VISITATOR || u->role == ROLE_NURSE || u->role == ROLE_THERAPIST;
    if (p == STAFF_ROUTE)
        return u->role == ROLE_CARER || u->role == ROLE_NURSE || u->role == ROLE_THERAPIST;
    return true;
}

int minute_parse(const char *s)
{
    if (!s || !*s)
        return MINUTE_NONE;
    int h, m;
    char tail;
    if (sscanf(s, "%2d:%2d%c", &h, &m, &tail) != 2 || strlen(s) < 4 || strlen(s) > 5)
        return -2;
    if (h < 0 || h > 23 || m < 0 || m > 59)
        return -2;
    return h * 60 + m;
}

void minute_format(minute_t m, char out[6])
{
    if (m < 0 || m >= 24 * 60) {
        out[0] = '\0';
        return;
    }
    snprintf(out, 6, "%02d:%02d", m / 60, m % 60);
}
