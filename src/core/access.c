/* access.c — see access.h for the table these functions implement. */
#include "core/access.h"

static bool team_bound(enum role r)
{
    return r == ROLE_CARER || r == ROLE_NURSE || r == ROLE_THERAPIST;
}

bool access_citizens(const struct actor *a)
{
    if (!a)
        return false;
    if (a->role == ROLE_VISITATOR || a->role == ROLE_PLANNER)
        return true;
    return team_bound(a->role) && a->team_id > 0;
}

long access_team_scope(const struct actor *a)
{
    return team_bound(a->role) ? a->team_id : 0;
}

bool access_citizen_read(const struct actor *a, long citizen_team)
{
    if (!access_citizens(a))
        return false;
    long scope = access_team_scope(a);
    return scope == 0 || scope == citizen_team;
}

bool access_citizen_write(const struct actor *a)
{
    return a && a->role == ROLE_VISITATOR;
}

bool access_admin(const struct actor *a)
{
    return a && a->role == ROLE_ADMIN;
}
