/* care.c — daily practice: visits, observations, weights, triage, nutrition,
 * the board and tasks; see care.h. */
#include "app/care.h"

#include <string.h>

#include "lib/log.h"

/* --- shared ------------------------------------------------------------------ */

/* Open a planned visit under CAP_DOCUMENT: the visit's team and the
 * citizen's must be the actor's. detail as app_citizen_open. */
static enum app_rc visit_open(struct app *a, long visit_id, const char *detail,
                              struct plan_visit *v)
{
    enum app_rc rc = app_require(a, CAP_DOCUMENT);
    if (rc != APP_OK)
        return rc;
    enum store_rc src = store_plan_visit_get(a->db, a->arena, visit_id, v);
    if (src != STORE_OK)
        return app_store_fail(a, src);
    if (!access_can_team(a->actor, CAP_DOCUMENT, v->team_id)) {
        store_audit_add(a->db, a->actor, "denied", v->citizen_id, "visit");
        return app_fail(a, APP_FORBIDDEN, "forbidden",
                        "Du kan kun dokumentere besøg hos borgere i dit eget team.");
    }
    return app_citizen_open(a, v->citizen_id, CAP_DOCUMENT, detail, NULL);
}

/* Finish a write on a citizen begun with store_begin: its audit row and the
 * rules for the citizen, in the same transaction. */
static enum app_rc write_finish(struct app *a, long citizen_id, enum store_rc src,
                                const char *action, const char *detail)
{
    if (src == STORE_OK)
        src = store_audit_add(a->db, a->actor, action, citizen_id, detail);
    if (src == STORE_OK)
        src = store_rules_citizen(a->db, citizen_id, a->now, NULL);
    return app_finish(a, src);
}

/* The unplanned loss over a weight series (oldest first). */
static int weight_loss(struct app *a, const struct weight_row *w, int n)
{
    struct care_weight *cw = arena_alloc(a->arena, sizeof *cw * (size_t)(n + 1));
    if (!cw)
        return 0;
    for (int i = 0; i < n; i++)
        cw[i] = (struct care_weight){w[i].on, w[i].hg, w[i].planned};
    return rules_weight_loss(cw, n, NULL);
}

/* --- a visit ------------------------------------------------------------------ */

enum app_rc app_visit_get(struct app *a, long visit_id, bool whole, struct care_visit *out)
{
    memset(out, 0, sizeof *out);
    enum app_rc rc = visit_open(a, visit_id, "visit", &out->visit);
    if (rc != APP_OK)
        return rc;
    enum store_rc src = store_visit_doc_get(a->db, a->arena, &out->visit, &out->doc);
    out->documented = src == STORE_OK;
    if (src == STORE_NOT_FOUND)
        src = STORE_OK;
    if (src == STORE_OK && whole)
        src = store_citizen_get(a->db, a->arena, out->visit.citizen_id, &out->citizen);
    if (src == STORE_OK && whole)
        src = store_care_tasks(a->db, a->arena, 0, out->visit.citizen_id, false, &out->tasks,
                               &out->task_count);
    return app_store_fail(a, src);
}

/* A client-sent moment when it is plausible, else now, as ISO text. */
static const char *moment(struct app *a, const char *client_at)
{
    long t = iso_to_epoch(client_at);
    char out[21];
    epoch_to_iso(t > 0 && t >= a->now - 12 * 3600 && t <= a->now + 300 ? t : a->now, out);
    return arena_strdup(a->arena, out);
}

enum app_rc app_visit_check(struct app *a, long visit_id, bool out, const char *client_at)
{
    struct plan_visit v;
    enum app_rc rc = visit_open(a, visit_id, NULL, &v);
    if (rc != APP_OK)
        return rc;
    if (a->errors.count)
        return app_invalid(a);
    enum store_rc src = store_begin(a->db);
    if (src == STORE_OK)
        src = store_visit_check(a->db, &v, a->actor->user_id, out, moment(a, client_at));
    if (src == STORE_OK)
        src = store_audit_add(a->db, a->actor, "update", v.citizen_id,
                              out ? "visit check-out" : "visit check-in");
    return app_finish(a, src);
}

enum app_rc app_visit_document(struct app *a, long visit_id, const struct visit_doc_input *in,
                               bool *duplicate)
{
    struct plan_visit v;
    bool fresh = true;
    long doc;
    *duplicate = false;
    enum app_rc rc = visit_open(a, visit_id, NULL, &v);
    if (rc != APP_OK)
        return rc;
    visit_doc_validate(in, &a->errors);
    check_weight_hg(&a->errors, "weight", in->weight_hg, false);
    if (a->errors.count)
        return app_invalid(a);
    enum store_rc src = store_begin(a->db);
    if (src == STORE_OK && in->client_id && *in->client_id)
        src = store_submission_claim(a->db, in->client_id, a->actor->user_id, v.citizen_id, &fresh);
    if (src == STORE_OK && !fresh) { /* sent before: stored then, nothing now */
        store_rollback(a->db);
        *duplicate = true;
        return APP_OK;
    }
    if (src == STORE_OK)
        src = store_visit_document(a->db, &v, a->actor->user_id, in, &doc);
    rc = write_finish(a, v.citizen_id, src, "update", "visit documentation");
    if (rc == APP_OK)
        log_info("care: visit documented visit_id=%ld user_id=%ld", v.id, a->actor->user_id);
    return rc;
}

/* --- observations and weights ------------------------------------------------- */

enum app_rc app_observations_add(struct app *a, long citizen_id, const struct obs_input *obs, int n)
{
    enum app_rc rc = app_citizen_open(a, citizen_id, CAP_DOCUMENT, NULL, NULL);
    if (rc != APP_OK)
        return rc;
    struct visit_doc_input in = {.note = ""};
    if (n < 1 && !a->errors.count)
        validation_add(&a->errors, "area", "Vælg et område fra ændringsskemaet.");
    if (n > DOC_MAX_OBS - 1)
        validation_add(&a->errors, "observations", "Send højst 7 observationer som en liste.");
    for (int i = 0; i < n && i < DOC_MAX_OBS - 1; i++) {
        in.obs[in.nobs++] = obs[i];
        if (obs[i].area == AREA_FALL) /* a fall is documented at a visit */
            validation_add(&a->errors, arena_printf(a->arena, "observations[%d].area", i),
                           "Vælg et område fra ændringsskemaet.");
    }
    visit_doc_validate(&in, &a->errors);
    if (a->errors.count)
        return app_invalid(a);
    enum store_rc src = store_begin(a->db);
    if (src == STORE_OK)
        src = store_observations_add(a->db, citizen_id, a->actor->user_id, in.obs, in.nobs, 0);
    return write_finish(a, citizen_id, src, "create", "observation");
}

enum app_rc app_observations(struct app *a, long citizen_id, int limit, struct observation **out,
                             int *n)
{
    enum app_rc rc = app_citizen_open(a, citizen_id, CAP_CITIZENS, "observations", NULL);
    if (rc != APP_OK)
        return rc;
    return app_store_fail(a, store_observation_list(a->db, a->arena, citizen_id, limit, out, n));
}

enum app_rc app_weight_add(struct app *a, long citizen_id, struct date on, int hg, bool planned,
                           long *id)
{
    enum app_rc rc = app_citizen_open(a, citizen_id, CAP_DOCUMENT, NULL, NULL);
    if (rc != APP_OK)
        return rc;
    check_weight_hg(&a->errors, "kg", hg, true);
    if (!on.year)
        on = date_today();
    else if (date_cmp(on, date_today()) > 0)
        validation_add(&a->errors, "date", "Datoen må ikke ligge efter i dag.");
    if (a->errors.count)
        return app_invalid(a);
    enum store_rc src = store_begin(a->db);
    if (src == STORE_OK)
        src = store_weight_add(a->db, citizen_id, on, hg, planned, 0, a->actor->user_id, id);
    return write_finish(a, citizen_id, src, "create", "weight");
}

enum app_rc app_weights(struct app *a, long citizen_id, int limit, struct weight_row **out, int *n,
                        int *loss_hg)
{
    enum app_rc rc = app_citizen_open(a, citizen_id, CAP_CITIZENS, "weights", NULL);
    if (rc != APP_OK)
        return rc;
    enum store_rc src = store_weight_list(a->db, a->arena, citizen_id, limit, out, n);
    if (src == STORE_OK)
        *loss_hg = weight_loss(a, *out, *n);
    return app_store_fail(a, src);
}

/* --- triage --------------------------------------------------------------------- */

/* Those of team_id who may be named to follow up. */
static enum store_rc follow_up_staff(struct app *a, long team_id, struct user **out, int *n)
{
    struct user *all;
    int m;
    enum store_rc src = store_user_list(a->db, a->arena, team_id, &all, &m);
    *n = 0;
    if (src != STORE_OK)
        return src;
    *out = all;
    for (int i = 0; i < m; i++)
        if (staff_assignable(&all[i], STAFF_FOLLOW_UP))
            (*out)[(*n)++] = all[i];
    return STORE_OK;
}

enum app_rc app_triage_get(struct app *a, long citizen_id, int limit, struct care_triage *out)
{
    memset(out, 0, sizeof *out);
    long team;
    enum app_rc rc = app_citizen_open(a, citizen_id, CAP_CITIZENS, "triage", &team);
    if (rc != APP_OK)
        return rc;
    enum store_rc src = store_citizen_get(a->db, a->arena, citizen_id, &out->citizen);
    if (src == STORE_OK)
        src = store_triage_current(a->db, a->arena, citizen_id, &out->current, &out->pending);
    if (src == STORE_OK)
        src = store_triage_list(a->db, a->arena, citizen_id, limit, &out->history, &out->count);
    if (src == STORE_OK && access_can_team(a->actor, CAP_TRIAGE, team))
        src = follow_up_staff(a, team, &out->staff, &out->staff_count);
    return app_store_fail(a, src);
}

/* The due moment of a decision (seconds), or -1 with a field error. */
static long triage_due(struct app *a, enum triage_level level, const char *due_text)
{
    if (!due_text || !*due_text) {
        long after = triage_follow_up_seconds(level);
        return after ? a->now + after : 0;
    }
    struct date d;
    long due = iso_to_epoch(due_text);
    if (due < 0 && date_parse(due_text, &d))
        due = date_epoch(d) + 86399; /* a day: the end of it */
    if (due < 0 || due < a->now - 60) {
        validation_add(&a->errors, "due_at",
                       "Skriv fristen som ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DDTTT:MM:SSZ, tidligst nu.");
        return -1;
    }
    return due;
}

enum app_rc app_triage_decide(struct app *a, long citizen_id, struct triage_row *t,
                              const char *due_text, long *team)
{
    enum app_rc rc = app_citizen_open(a, citizen_id, CAP_TRIAGE, NULL, team);
    if (rc != APP_OK)
        return rc;
    bool needed = t->level != TRIAGE_GREEN;
    check_text(&a->errors, "reason", t->reason, needed, 1000, true);
    check_text(&a->errors, "action", t->action, needed, 1000, true);
    long due = triage_due(a, t->level, due_text);
    struct user u;
    if (t->follow_up_by > 0 && (store_user_get(a->db, a->arena, t->follow_up_by, &u) != STORE_OK ||
                                !staff_assignable(&u, STAFF_FOLLOW_UP)))
        validation_add(&a->errors, "follow_up_by", "Vælg en aktiv medarbejder, der kan følge op.");
    if (a->errors.count)
        return app_invalid(a);
    char iso[21] = "";
    if (due > 0)
        epoch_to_iso(due, iso);
    t->citizen_id = citizen_id;
    t->decided = true;
    t->due_at = arena_strdup(a->arena, iso);
    t->user_id = a->actor->user_id;
    enum store_rc src = store_begin(a->db);
    if (src == STORE_OK)
        src = store_triage_add(a->db, t, &t->id);
    rc = write_finish(a, citizen_id, src, "update", "triage");
    struct triage_row pending;
    if (rc == APP_OK)
        rc = app_store_fail(a, store_triage_current(a->db, a->arena, citizen_id, t, &pending));
    return rc;
}

/* --- nutrition ------------------------------------------------------------------- */

enum app_rc app_nutrition_get(struct app *a, long citizen_id, int limit, struct care_nutrition *out)
{
    memset(out, 0, sizeof *out);
    enum app_rc rc = app_citizen_open(a, citizen_id, CAP_CITIZENS, "nutrition", NULL);
    if (rc != APP_OK)
        return rc;
    enum store_rc src = store_citizen_get(a->db, a->arena, citizen_id, &out->citizen);
    if (src == STORE_OK)
        src = store_nutrition_list(a->db, a->arena, citizen_id, limit, &out->assessments,
                                   &out->count);
    if (src == STORE_OK)
        src = store_weight_list(a->db, a->arena, citizen_id, 12, &out->weights, &out->weight_count);
    return app_store_fail(a, src);
}

enum app_rc app_nutrition_add(struct app *a, long citizen_id, struct nutrition_row *x)
{
    static const char *const keys[3] = {"weight_status", "eating", "risks"};
    enum app_rc rc = app_citizen_open(a, citizen_id, CAP_NUTRITION, NULL, NULL);
    if (rc != APP_OK)
        return rc;
    int parts[3] = {x->weight_status, x->eating, x->risks};
    for (int i = 0; i < 3; i++)
        if (parts[i] < -1 || parts[i] > 2)
            validation_add(&a->errors, keys[i],
                           "Vælg 0, 1 eller 2 – eller lad feltet være tomt, hvis det ikke vides "
                           "(tæller som 2).");
    x->on = date_today();
    x->score = evs_score(x->weight_status, x->eating, x->risks);
    if (x->score >= 2 && (!x->plan || !*x->plan))
        validation_add(&a->errors, "plan", "Skriv ernæringsplanen, når vurderingen giver 2.");
    check_text(&a->errors, "plan", x->plan, false, 4000, true);
    if (a->errors.count)
        return app_invalid(a);
    if (!x->plan)
        x->plan = "";
    enum store_rc src = store_begin(a->db);
    if (src == STORE_OK)
        src = store_nutrition_add(a->db, citizen_id, x, a->actor->user_id, &x->id);
    return write_finish(a, citizen_id, src, "create", "nutrition assessment");
}

/* --- the record's section ---------------------------------------------------------- */

enum app_rc app_care_summary(struct app *a, long citizen_id, const char *detail,
                             struct care_summary *out)
{
    struct nutrition_row *nu;
    int nn;
    memset(out, 0, sizeof *out);
    enum app_rc rc = app_citizen_open(a, citizen_id, CAP_CITIZENS, detail, NULL);
    if (rc != APP_OK)
        return rc;
    enum store_rc src =
        store_triage_current(a->db, a->arena, citizen_id, &out->current, &out->pending);
    if (src == STORE_OK)
        src = store_observation_list(a->db, a->arena, citizen_id, 10, &out->observations,
                                     &out->observation_count);
    if (src == STORE_OK)
        src = store_weight_list(a->db, a->arena, citizen_id, 12, &out->weights, &out->weight_count);
    if (src == STORE_OK)
        src = store_nutrition_list(a->db, a->arena, citizen_id, 1, &nu, &nn);
    if (src == STORE_OK)
        src =
            store_care_tasks(a->db, a->arena, 0, citizen_id, false, &out->tasks, &out->task_count);
    if (src != STORE_OK)
        return app_store_fail(a, src);
    out->latest = nn ? nu : NULL;
    out->loss_hg = weight_loss(a, out->weights, out->weight_count);
    return APP_OK;
}

/* --- the board and tasks ---------------------------------------------------------- */

/* The team to show under CAP_BOARD (0: the actor's own, else the first), and
 * every team for a chooser when the actor sees every team. */
static enum app_rc team_open(struct app *a, long team_id, struct care_team *out)
{
    memset(out, 0, sizeof *out);
    enum app_rc rc = app_require(a, CAP_BOARD);
    if (rc != APP_OK)
        return rc;
    struct team *teams;
    int n;
    enum store_rc src = store_team_list(a->db, a->arena, &teams, &n);
    if (src != STORE_OK)
        return app_store_fail(a, src);
    if (team_id <= 0)
        team_id = a->actor->team_id > 0 ? a->actor->team_id : n ? teams[0].id : 0;
    if (store_team_get(a->db, a->arena, team_id, &out->team) != STORE_OK)
        return app_fail(a, APP_NOT_FOUND, "not_found", "Teamet findes ikke.");
    if (!access_can_team(a->actor, CAP_BOARD, team_id))
        return app_fail(a, APP_FORBIDDEN, "forbidden",
                        "Du kan kun se dit eget teams tavle og opgaver.");
    if (!access_scope(a->actor, CAP_BOARD)) {
        out->teams = teams;
        out->team_count = n;
    }
    return APP_OK;
}

enum app_rc app_board(struct app *a, long team_id, struct care_board *out)
{
    struct board_row *b;
    memset(out, 0, sizeof *out);
    enum app_rc rc = team_open(a, team_id, &out->team);
    if (rc != APP_OK)
        return rc;
    enum store_rc src = store_board(a->db, a->arena, out->team.team.id, &b, &out->count);
    if (src == STORE_OK &&
        !(out->rows = arena_alloc(a->arena, sizeof *out->rows * (size_t)(out->count + 1))))
        src = STORE_ERROR;
    for (int i = 0; src == STORE_OK && i < out->count; i++) {
        struct care_board_row *row = &out->rows[i];
        row->row = b[i];
        /* the board shows record data: each citizen's read is logged first */
        src = store_audit_add(a->db, a->actor, "read", b[i].citizen_id, "board");
        if (src == STORE_OK)
            src = store_observation_list(a->db, a->arena, b[i].citizen_id, 3, &row->observations,
                                         &row->observation_count);
    }
    return app_store_fail(a, src);
}

enum app_rc app_team_tasks(struct app *a, long team_id, bool all, struct care_tasks *out)
{
    memset(out, 0, sizeof *out);
    enum app_rc rc = team_open(a, team_id, &out->team);
    if (rc != APP_OK)
        return rc;
    enum store_rc src =
        store_care_tasks(a->db, a->arena, out->team.team.id, 0, all, &out->tasks, &out->count);
    for (int i = 0; src == STORE_OK && i < out->count; i++) { /* one row per citizen shown */
        int k = 0;
        while (k < i && out->tasks[k].citizen_id != out->tasks[i].citizen_id)
            k++;
        if (k == i)
            src = store_audit_add(a->db, a->actor, "read", out->tasks[i].citizen_id, "tasks");
    }
    return app_store_fail(a, src);
}

enum app_rc app_citizen_tasks(struct app *a, long citizen_id, bool all, struct care_task **out,
                              int *n)
{
    enum app_rc rc = app_citizen_open(a, citizen_id, CAP_CITIZENS, "tasks", NULL);
    if (rc != APP_OK)
        return rc;
    return app_store_fail(a, store_care_tasks(a->db, a->arena, 0, citizen_id, all, out, n));
}
