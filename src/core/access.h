/*
 * access.h — who may see and change what (least privilege by role and team).
 *
 *   role        citizen records             citizen edits   administration
 *   admin       none                        no              users, roles, teams
 *   visitator   all teams                   yes             no
 *   planner     all teams                   no              no
 *   carer       own team                    no              no
 *   nurse       own team                    no              no
 *   therapist   own team                    no              no
 *   manager     none (indicators only)      no              no
 */
#ifndef OMSORG_ACCESS_H
#define OMSORG_ACCESS_H

#include <stdbool.h>

#include "core/model.h"

/* The logged-in user acting on a request. */
struct actor {
    long user_id;
    const char *username;
    const char *full_name;
    enum role role;
    long team_id; /* 0 = no team */
};

/* May the actor open citizen records at all (search, lists)? */
bool access_citizens(const struct actor *a);
/* Team the actor's searches are limited to; 0 = all teams. Only meaningful
 * when access_citizens() is true. */
long access_team_scope(const struct actor *a);
/* May the actor read the record of a citizen in citizen_team? */
bool access_citizen_read(const struct actor *a, long citizen_team);
/* May the actor create and edit citizens and their relatives? */
bool access_citizen_write(const struct actor *a);
/* May the actor manage users, roles and teams? */
bool access_admin(const struct actor *a);

#endif
