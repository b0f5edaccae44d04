/*
 * links.c — every page path, built in one place from the same patterns as
 * the route table ('#' is an id). A unit test checks that each pattern here
 * is a route, so a renamed page cannot leave a dead link behind.
 */
#include "web/web.h"

static const char *const patterns[PAGE_COUNT] = {
    [PAGE_HOME] = "/",
    [PAGE_LOGIN] = "/login",
    [PAGE_LOGOUT] = "/logout",
    [PAGE_CITIZENS] = "/borgere",
    [PAGE_CITIZEN_NEW] = "/borgere/ny",
    [PAGE_CITIZEN] = "/borgere/#",
    [PAGE_CITIZEN_EDIT] = "/borgere/#/rediger",
    [PAGE_RELATIVE_NEW] = "/borgere/#/paaroerende/ny",
    [PAGE_RELATIVE] = "/borgere/#/paaroerende/#",
    [PAGE_RELATIVE_DELETE] = "/borgere/#/paaroerende/#/slet",
    [PAGE_GRANT_NEW] = "/borgere/#/afgoerelser/ny",
    [PAGE_GRANT] = "/borgere/#/afgoerelser/#",
    [PAGE_GRANT_STATUS] = "/borgere/#/afgoerelser/#/status",
    [PAGE_GRANT_LETTER] = "/borgere/#/afgoerelser/#/brev",
    [PAGE_ASSESSMENT_NEW] = "/borgere/#/vurdering/ny",
    [PAGE_ASSESSMENT] = "/borgere/#/vurdering/#",
    [PAGE_GOAL_NEW] = "/borgere/#/maal/ny",
    [PAGE_GOAL] = "/borgere/#/maal/#",
    [PAGE_TRIAGE] = "/borgere/#/triage",
    [PAGE_NUTRITION] = "/borgere/#/ernaering",
    [PAGE_PLAN] = "/planlaegning",
    [PAGE_PLAN_MOVE] = "/planlaegning/besoeg/#",
    [PAGE_PLAN_ABSENCE] = "/planlaegning/fravaer",
    [PAGE_ROUTE] = "/rute",
    [PAGE_VISIT] = "/besoeg/#",
    [PAGE_VISIT_CHECK] = "/besoeg/#/tjek",
    [PAGE_VISIT_DOCUMENT] = "/besoeg/#/dokumentation",
    [PAGE_BOARD] = "/tavle",
    [PAGE_TASKS] = "/opgaver",
    [PAGE_PREVENTION] = "/forebyggelse",
    [PAGE_PREVENTION_CITIZEN] = "/forebyggelse/#",
    [PAGE_PREVENTION_INVITE] = "/forebyggelse/#/inviter",
    [PAGE_PREVENTION_BOOK] = "/forebyggelse/#/aftal",
    [PAGE_PREVENTION_OUTCOME] = "/forebyggelse/#/udfald",
    [PAGE_PREVENTION_RISK] = "/forebyggelse/#/risiko",
    [PAGE_PREVENTION_LETTER] = "/forebyggelse/#/brev",
    [PAGE_PREVENTION_RULES] = "/admin/forebyggelse",
    [PAGE_TEAMS] = "/teams",
    [PAGE_ADMIN_USERS] = "/admin/brugere",
    [PAGE_ADMIN_USER_NEW] = "/admin/brugere/ny",
    [PAGE_ADMIN_USER] = "/admin/brugere/#",
    [PAGE_ADMIN_TEAM_NEW] = "/admin/teams/ny",
    [PAGE_ADMIN_TEAM] = "/admin/teams/#",
};

const char *page_pattern(enum page p)
{
    return p >= 0 && p < PAGE_COUNT ? patterns[p] : "/";
}

const char *link_to(struct req *r, enum page p, long id1, long id2)
{
    const char *pat = page_pattern(p);
    long ids[2] = {id1, id2};
    int k = 0;
    struct strbuf sb;
    strbuf_init(&sb);
    for (const char *c = pat; *c; c++) {
        if (*c != '#') {
            strbuf_addch(&sb, *c);
            continue;
        }
        strbuf_addf(&sb, "%ld", k < 2 ? ids[k] : 0);
        k++;
    }
    const char *out = arena_strdup(&r->arena, sb.buf);
    strbuf_release(&sb);
    return out;
}

void html_link(struct req *r, enum page p, long id1, long id2)
{
    html_attr(r, link_to(r, p, id1, id2));
}
