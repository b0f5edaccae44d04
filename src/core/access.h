/*
 * access.h — who may do what: least privilege by role and team, as one table.
 *
 * A capability is a thing a user does (open citizen records, document a
 * visit, plan a day, …). The table in access.c says, per capability, which
 * roles hold it for every team and which hold it only for their own team:
 *
 *   capability          every team                 own team only
 *   SIGNED_IN           all roles
 *   CITIZENS            visitator, planner         carer, nurse, therapist
 *   CITIZEN_WRITE       visitator
 *   DOCUMENT                                       carer, nurse, therapist
 *   TRIAGE              planner                    nurse
 *   NUTRITION           planner                    carer, nurse, therapist
 *   BOARD               planner                    carer, nurse, therapist
 *   ROUTE                                          carer, nurse, therapist
 *   PLAN                planner
 *   PREVENTION          visitator, planner
 *   PREVENTION_RULES    visitator, planner, admin
 *   ADMIN               admin
 *
 * Administrators and managers never see citizen records. The web layer's
 * route table names one capability per route and dispatch checks it with
 * access_can() before any handler runs; the menu is drawn from the same
 * routes. The use cases (src/app) check the team with access_can_team().
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

enum cap {
    CAP_PUBLIC = 0,       /* no log-in needed (log-in page, health check) */
    CAP_SIGNED_IN,        /* any member of staff */
    CAP_CITIZENS,         /* search and read citizens' records */
    CAP_CITIZEN_WRITE,    /* create and change citizens, relatives, assessments, goals, grants */
    CAP_DOCUMENT,         /* check in/out, document visits, observations, weights */
    CAP_TRIAGE,           /* decide triage */
    CAP_NUTRITION,        /* nutrition (EVS) assessments */
    CAP_BOARD,            /* the team's board and tasks */
    CAP_ROUTE,            /* one's own route for the day */
    CAP_PLAN,             /* plan days, move visits, register absences */
    CAP_PREVENTION,       /* preventive home visits */
    CAP_PREVENTION_RULES, /* read the preventive-visit rules */
    CAP_ADMIN,            /* users, roles, teams, the municipality's rules */
    CAP_COUNT
};

/* Stable name of a capability ("citizens", …), for tests and logs. */
const char *cap_name(enum cap c);
/* Does the actor hold c for at least one team? (Dispatch and the menu.)
 * CAP_PUBLIC is always true; a NULL actor holds nothing else. */
bool access_can(const struct actor *a, enum cap c);
/* Does the actor hold c for something that belongs to team_id? */
bool access_can_team(const struct actor *a, enum cap c, long team_id);
/* The team a listing under c is limited to: the actor's own team when c
 * binds the actor's role to it, else 0 (all teams). */
long access_scope(const struct actor *a, enum cap c);
/* A Danish sentence saying why the actor may not (shown on 403). */
const char *access_denied_message(enum cap c);

#endif
