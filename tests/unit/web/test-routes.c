/*
 * Every route × every role × own team / other team, against a small demo
 * municipality: the handler must agree with the access table. Where the
 * route's capability is not held, the answer is 403; where it is held only
 * for the own team and the thing asked for is another team's, 403; else
 * anything but 403 (200, 303, 404, 422 …). The main menu is checked the same
 * way: an item is shown exactly when its page opens.
 */
#include "web-test.h"

#include "demo-rig.h"

enum side { OWN, OTHER };

struct rig {
    char path[64];
    struct store *s;
    struct arena a;
    struct actor actors[ROLE_COUNT]; /* by role; care staff in team nord */
    long team[2];                    /* nord, syd */
    long citizen[2], relative[2], grant[2], assessment[2], goal[2], visit[2];
    long user;
};

static struct actor actor_of(struct rig *g, const char *username)
{
    return demo_actor(g->s, &g->a, username);
}

/* A citizen of team t with a planned visit today, a relative, a grant, an
 * assessment and a goal (the last two made through the API). */
static void team_things(struct rig *g, enum side t)
{
    struct plan_visit *v;
    int n;
    assert_int_equal(store_plan_day(g->s, &g->a, date_today(), g->team[t], 0, &v, &n), STORE_OK);
    assert_true(n > 0);
    g->visit[t] = v[0].id;
    g->citizen[t] = v[0].citizen_id;
    struct citizen c;
    assert_int_equal(store_citizen_get(g->s, &g->a, g->citizen[t], &c), STORE_OK);
    if (c.relative_count) {
        g->relative[t] = c.relatives[0].id;
    } else {
        struct relative x = {.citizen_id = c.id,
                             .name = "Bo",
                             .relation = "søn",
                             .phone = "",
                             .email = "",
                             .note = ""};
        assert_int_equal(store_relative_add(g->s, &x, &g->relative[t]), STORE_OK);
    }
    struct grant *gr;
    assert_int_equal(store_grant_list(g->s, &g->a, g->citizen[t], &gr, &n), STORE_OK);
    assert_true(n > 0);
    g->grant[t] = gr[0].id;

    char day[11], path[96];
    date_format(date_add_days(date_today(), -1), day);
    const struct actor *vis = &g->actors[ROLE_VISITATOR];
    snprintf(path, sizeof path, "/api/v1/citizens/%ld/assessments", g->citizen[t]);
    char *body = arena_printf(&g->a,
                              "{\"assessed_on\":\"%s\",\"functions\":[{\"code\":\"J1.1\","
                              "\"current_level\":2}]}",
                              day);
    struct req *r = req_make(g->s, vis, "POST", path, body);
    req_run(r);
    assert_int_equal(r->status, 201);
    json_t *o = json_loads(r->out.buf, 0, NULL);
    g->assessment[t] = (long)json_integer_value(json_object_get(o, "id"));
    json_decref(o);
    req_free(r);

    date_format(date_add_days(date_today(), 30), day);
    snprintf(path, sizeof path, "/api/v1/citizens/%ld/goals", g->citizen[t]);
    body = arena_printf(&g->a,
                        "{\"text\":\"Jeg vil selv gå i bad.\",\"goal_type\":\"lessen\","
                        "\"follow_up_on\":\"%s\",\"codes\":[\"J1.1\"]}",
                        day);
    r = req_make(g->s, vis, "POST", path, body);
    req_run(r);
    assert_int_equal(r->status, 201);
    o = json_loads(r->out.buf, 0, NULL);
    g->goal[t] = (long)json_integer_value(json_object_get(o, "id"));
    json_decref(o);
    req_free(r);
}

static int rig_setup(void **state)
{
    struct rig *g = calloc(1, sizeof *g);
    g->s = demo_rig_open(g->path, 40, 1);
    struct team t;
    assert_int_equal(store_team_by_slug(g->s, &g->a, "nord", &t), STORE_OK);
    g->team[OWN] = t.id;
    assert_int_equal(store_team_by_slug(g->s, &g->a, "syd", &t), STORE_OK);
    g->team[OTHER] = t.id;
    const char *names[] = {"admin",     "visitator",     "planlaegger",
                           "sosu-nord", "sygeplejerske", "leder"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        struct actor a = actor_of(g, names[i]);
        g->actors[a.role] = a;
    }
    struct user *staff;
    int n;
    assert_int_equal(store_user_list(g->s, &g->a, g->team[OWN], &staff, &n), STORE_OK);
    for (int i = 0; i < n; i++)
        if (staff[i].role == ROLE_THERAPIST)
            g->actors[ROLE_THERAPIST] = actor_of(g, staff[i].username);
    assert_int_equal(g->actors[ROLE_THERAPIST].role, ROLE_THERAPIST);
    g->user = g->actors[ROLE_CARER].user_id;
    team_things(g, OWN);
    team_things(g, OTHER);
    *state = g;
    return 0;
}

static int rig_teardown(void **state)
{
    struct rig *g = *state;
    arena_release(&g->a);
    test_store_remove(g->s, g->path);
    free(g);
    return 0;
}

/* The id a '#' after path segment seg stands for, and whether it belongs to
 * a team (*scoped). */
static long id_for(struct rig *g, const char *seg, size_t len, enum side t, bool *scoped)
{
    static const struct {
        const char *seg;
        int kind;
    } kinds[] = {
        {"borgere", 0},     {"citizens", 0},    {"forebyggelse", 0}, {"prevention", 0},
        {"paaroerende", 1}, {"relatives", 1},   {"afgoerelser", 2},  {"grants", 2},
        {"vurdering", 3},   {"assessments", 3}, {"maal", 4},         {"goals", 4},
        {"besoeg", 5},      {"visits", 5},      {"teams", 6},        {"brugere", 7},
        {"users", 7},
    };
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        if (strlen(kinds[i].seg) != len || strncmp(kinds[i].seg, seg, len))
            continue;
        *scoped |= kinds[i].kind <= 6;
        switch (kinds[i].kind) {
        case 0:
            return g->citizen[t];
        case 1:
            return g->relative[t];
        case 2:
            return g->grant[t];
        case 3:
            return g->assessment[t];
        case 4:
            return g->goal[t];
        case 5:
            return g->visit[t];
        case 6:
            return g->team[t];
        default:
            return g->user;
        }
    }
    fail_msg("no id for the path segment before '#': %.*s", (int)len, seg);
    return 0;
}

/* Routes that name their team in the query string. */
static const char *const team_query[] = {"/tavle", "/opgaver", "/api/v1/tasks"};

/* The concrete path for a route pattern on side t. */
static const char *path_for(struct rig *g, struct arena *a, const char *pattern, enum side t,
                            bool *scoped)
{
    struct strbuf sb;
    strbuf_init(&sb);
    *scoped = false;
    const char *seg = pattern, *seg_end = pattern;
    for (const char *c = pattern; *c; c++) {
        if (*c == '#') {
            strbuf_addf(&sb, "%ld", id_for(g, seg, (size_t)(seg_end - seg), t, scoped));
            continue;
        }
        if (*c == '/' && c != pattern) {
            seg_end = c;
            const char *p = c - 1;
            while (p > pattern && *p != '/')
                p--;
            seg = p + 1;
        }
        strbuf_addch(&sb, *c);
    }
    for (size_t i = 0; i < sizeof team_query / sizeof team_query[0]; i++) {
        if (!strcmp(pattern, team_query[i])) {
            strbuf_addf(&sb, "?team=%ld", g->team[t]);
            *scoped = true;
        }
    }
    const char *out = arena_strdup(a, sb.buf);
    strbuf_release(&sb);
    return out;
}

static void every_route_every_role(void **state)
{
    struct rig *g = *state;
    struct strbuf problems;
    strbuf_init(&problems);
    int covered = 0, mismatches = 0;
    for (int i = 0; i < route_count; i++) {
        const struct route *rt = &routes[i];
        bool has_body = strcmp(rt->method, "GET") && strcmp(rt->method, "DELETE");
        const char *body = has_body ? (!strncmp(rt->pattern, "/api/", 5) ? "{}" : "") : NULL;
        for (int role = ROLE_NONE + 1; role < ROLE_COUNT; role++) {
            const struct actor *who = &g->actors[role];
            for (int t = OWN; t <= OTHER; t++) {
                bool scoped;
                const char *path = path_for(g, &g->a, rt->pattern, (enum side)t, &scoped);
                if (t == OTHER && !scoped)
                    continue; /* nothing of a team's in this route */
                bool allowed = access_can(who, rt->cap) &&
                               (!scoped || access_can_team(who, rt->cap, g->team[t]));
                unsigned status = req_status(g->s, who, rt->method, path, body);
                if ((status == 403) == allowed) {
                    mismatches++;
                    strbuf_addf(&problems, "  %s %s as %s (%s team): %u, table says %s\n",
                                rt->method, path, role_code((enum role)role),
                                t == OWN ? "own" : "other", status, allowed ? "allowed" : "403");
                }
            }
        }
        covered++;
    }
    if (mismatches)
        print_message("route/access mismatches:\n%s", problems.buf);
    strbuf_release(&problems);
    assert_int_equal(covered, route_count);
    assert_true(route_count > 100);
    assert_int_equal(mismatches, 0);
}

/* The menu shows exactly the pages the role can open. */
static void menu_matches_handlers(void **state)
{
    struct rig *g = *state;
    static const char *const menu_pages[] = {"/rute",    "/tavle",         "/opgaver",
                                             "/borgere", "/planlaegning",  "/forebyggelse",
                                             "/teams",   "/admin/brugere", "/admin/forebyggelse"};
    for (int role = ROLE_NONE + 1; role < ROLE_COUNT; role++) {
        const struct actor *who = &g->actors[role];
        struct req *r = req_make(g->s, who, "GET", "/teams", NULL);
        req_run(r);
        assert_int_equal(r->status, 200);
        const char *nav = strstr(r->out.buf, "aria-label=\"Hovedmenu\"");
        assert_non_null(nav);
        for (size_t i = 0; i < sizeof menu_pages / sizeof menu_pages[0]; i++) {
            char needle[64];
            snprintf(needle, sizeof needle, "href=\"%s\"", menu_pages[i]);
            const char *end = strstr(nav, "</nav>");
            const char *hit = strstr(nav, needle);
            bool shown = hit && hit < end;
            unsigned status = req_status(g->s, who, "GET", menu_pages[i], NULL);
            if (shown == (status == 403))
                fail_msg("%s: menu %s %s but the page answers %u", role_code((enum role)role),
                         shown ? "shows" : "hides", menu_pages[i], status);
        }
        req_free(r);
    }
}

/* Every link builder names a route, so no page links to a path that is not there. */
static void links_are_routes(void **state)
{
    for (int p = 0; p < PAGE_COUNT; p++) {
        bool found = false;
        for (int i = 0; i < route_count && !found; i++)
            found = !strcmp(routes[i].pattern, page_pattern((enum page)p));
        if (!found)
            fail_msg("page %d links to %s, which is not a route", p, page_pattern((enum page)p));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(links_are_routes),
        cmocka_unit_test(every_route_every_role),
        cmocka_unit_test(menu_matches_handlers),
    };
    return cmocka_run_group_tests_name("web/routes", tests, rig_setup, rig_teardown);
}
