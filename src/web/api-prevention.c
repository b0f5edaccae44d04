/*
 * api-prevention.c — preventive home visits in the JSON API: the year's list,
 * one citizen's entry and invitation letter, invite / book / outcome, the
 * særlig-risiko marker, and the municipality's settings. Also the list
 * loader and the write steps the pages in ui-prevention.c share.
 *
 * Audit: the list shows names of many citizens at once; it writes one
 * `prevention_list` row (no citizen) per request. Opening one citizen (page
 * or API) writes the usual read row with detail `prevention_list`; every
 * change writes a `prevention` row in the same transaction as the change.
 */
#include "web/web.h"

#include <stdio.h>
#include <string.h>

#include "lib/log.h"

/* --- shared with ui-prevention.c ------------------------------------------ */

/* 403 unless the actor is a visitator or a planner. */
bool prevention_require(struct req *r)
{
    if (prevention_access(&r->actor))
        return true;
    send_error(r, 403, "forbidden",
               "Kun visitatorer og planlæggere arbejder med forebyggende hjemmebesøg.");
    return false;
}

/* The date the list is judged on: today, kept inside the list year. */
static struct date list_day(int year)
{
    struct date today = date_today();
    if (year < today.year)
        return (struct date){year, 12, 31};
    if (year > today.year)
        return (struct date){year, 1, 1};
    return today;
}

/* The entry of a candidate: eligible, or with a visit that year. */
static bool entry_of(const struct prevention_settings *set, const struct pv_candidate *c,
                     const struct pv_visit *v, int year, struct pv_entry *e)
{
    e->c = c;
    e->visit = v;
    bool eligible = prevention_eligible(set, &c->person, year, &e->d);
    if (!eligible && v && !e->d.rule)
        e->d.rule = v->rule;
    return eligible || v;
}

/* The year's list (see web.h). */
bool prevention_list_load(struct req *r, int year, struct prevention_settings *set,
                          struct pv_entry **out, int *n, int *excluded)
{
    struct pv_candidate *c;
    struct pv_visit *v;
    int nc, nv;
    enum store_rc rc = store_prevention_settings_get(r->db, &r->arena, set);
    if (rc == STORE_OK)
        rc = store_prevention_candidates(r->db, &r->arena, list_day(year), 0, &c, &nc);
    if (rc == STORE_OK)
        rc = store_prevention_visits(r->db, &r->arena, year, &v, &nv);
    if (rc == STORE_OK && !(*out = arena_alloc(&r->arena, sizeof **out * (size_t)(nc + 1))))
        rc = STORE_ERROR;
    if (rc != STORE_OK) {
        send_store_error(r, rc);
        return false;
    }
    *n = *excluded = 0;
    for (int i = 0; i < nc; i++) {
        /* visits are sorted by citizen id: binary search */
        const struct pv_visit *found = NULL;
        int lo = 0, hi = nv - 1;
        while (lo <= hi) {
            int mid = (lo + hi) / 2;
            if (v[mid].citizen_id == c[i].citizen_id) {
                found = &v[mid];
                break;
            }
            if (v[mid].citizen_id < c[i].citizen_id)
                lo = mid + 1;
            else
                hi = mid - 1;
        }
        struct pv_entry e;
        if (entry_of(set, &c[i], found, year, &e))
            (*out)[(*n)++] = e;
        else if (e.d.excluded)
            (*excluded)++;
    }
    return true;
}

/* One citizen's entry for a year (see web.h). */
bool prevention_entry_load(struct req *r, long citizen_id, int year,
                           struct prevention_settings *set, struct pv_entry *e, bool *listed)
{
    struct pv_candidate *c;
    struct pv_visit *v = arena_alloc(&r->arena, sizeof *v);
    int nc;
    enum store_rc rc = v ? store_prevention_settings_get(r->db, &r->arena, set) : STORE_ERROR;
    if (rc == STORE_OK)
        rc = store_prevention_candidates(r->db, &r->arena, list_day(year), citizen_id, &c, &nc);
    enum store_rc vrc =
        rc == STORE_OK ? store_prevention_visit_get(r->db, &r->arena, citizen_id, year, v) : rc;
    if (rc == STORE_OK && vrc != STORE_OK && vrc != STORE_NOT_FOUND)
        rc = vrc;
    if (rc != STORE_OK) {
        send_store_error(r, rc);
        return false;
    }
    *listed = entry_of(set, &c[0], vrc == STORE_OK ? v : NULL, year, e);
    return true;
}

/* The entry's status; not invited when there is no visit row. */
enum pv_status prevention_status(const struct pv_entry *e)
{
    return e->visit ? e->visit->status : PV_NOT_INVITED;
}

/* Parse a list year; 0 when absent (the caller uses this year). */
int prevention_year_parse(const char *s)
{
    if (!s || !*s)
        return 0;
    long y = parse_id(s);
    return y >= 2000 && y <= 2100 ? (int)y : -1;
}

/* Save a changed visit with its audit row in one transaction. */
enum store_rc prevention_save(struct req *r, const struct pv_visit *v, const char *what)
{
    enum store_rc rc = store_begin(r->db);
    if (rc == STORE_OK)
        rc = store_prevention_visit_save(r->db, v, r->actor.user_id);
    if (rc == STORE_OK)
        rc = store_audit_add(r->db, &r->actor, "prevention", v->citizen_id,
                             arena_printf(&r->arena, "%s %d", what, v->year));
    if (rc == STORE_OK)
        rc = store_commit(r->db);
    if (rc != STORE_OK)
        store_rollback(r->db);
    return rc;
}

/* Is staff_id someone who can visit (active, not administration)? */
bool prevention_staff_ok(struct req *r, long staff_id, const char **name)
{
    struct user u;
    if (staff_id <= 0 || store_user_get(r->db, &r->arena, staff_id, &u) != STORE_OK || !u.active ||
        u.role == ROLE_ADMIN || u.role == ROLE_MANAGER)
        return false;
    if (name)
        *name = u.full_name;
    return true;
}

/* Check an invite, booking or outcome and compute the visit it leaves. */
enum pv_step_rc prevention_step(struct req *r, const struct pv_entry *e, bool listed,
                                enum pv_step step, const struct pv_step_input *in,
                                struct validation *v, struct pv_visit *out)
{
    struct date today = date_today();
    enum pv_status from = prevention_status(e);
    if (e->visit)
        *out = *e->visit;
    else
        *out = (struct pv_visit){.citizen_id = e->c->citizen_id,
                                 .year = in->year,
                                 .rule = e->d.rule,
                                 .proposed_at = MINUTE_NONE,
                                 .booked_at = MINUTE_NONE,
                                 .referral = "",
                                 .note = ""};
    if (!listed && !e->visit)
        return PV_STEP_NOT_ELIGIBLE;
    if (in->version && e->visit && in->version != e->visit->version)
        return PV_STEP_CONFLICT;
    check_text(v, "note", in->note, false, 1000, true);
    switch (step) {
    case PV_STEP_INVITE:
        pv_time_validate(in->date, in->at, today, "date", "time", v);
        if (in->staff_id && !prevention_staff_ok(r, in->staff_id, NULL))
            validation_add(v, "staff_id", "Vælg en medarbejder, der kan komme på besøg.");
        if (v->count)
            return PV_STEP_INVALID;
        if (!pv_can_invite(from))
            return PV_STEP_BAD_TRANSITION;
        out->status = PV_INVITED;
        out->proposed = in->date;
        out->proposed_at = in->at;
        if (in->staff_id)
            out->staff_id = in->staff_id;
        out->booked = (struct date){0};
        out->booked_at = MINUTE_NONE;
        break;
    case PV_STEP_BOOK:
        pv_time_validate(in->date, in->at, today, "date", "time", v);
        if (!prevention_staff_ok(r, in->staff_id, NULL))
            validation_add(v, "staff_id", "Vælg en medarbejder, der kan komme på besøg.");
        if (v->count)
            return PV_STEP_INVALID;
        if (!pv_can_book(from))
            return PV_STEP_BAD_TRANSITION;
        out->status = PV_BOOKED;
        out->booked = in->date;
        out->booked_at = in->at;
        out->staff_id = in->staff_id;
        break;
    case PV_STEP_OUTCOME:
        if ((int)in->outcome < 0 || in->outcome >= PV_OUT_COUNT)
            validation_add(v, "outcome", "Vælg takket ja, takket nej, holdt eller henvist.");
        if (in->outcome == PV_OUT_REFERRAL)
            check_text(v, "referral", in->referral, true, 500, false);
        if (v->count)
            return PV_STEP_INVALID;
        if (pv_outcome_status(from, in->outcome) == PV_STATUS_COUNT)
            return PV_STEP_BAD_TRANSITION;
        out->status = pv_outcome_status(from, in->outcome);
        if (in->outcome == PV_OUT_REFERRAL)
            out->referral = in->referral;
        break;
    }
    if (in->note && *in->note)
        out->note = in->note;
    return PV_STEP_OK;
}

/* The API answer for a step that failed. */
void prevention_step_error(struct req *r, enum pv_step_rc rc, const struct validation *v)
{
    switch (rc) {
    case PV_STEP_INVALID:
        send_validation(r, v);
        break;
    case PV_STEP_NOT_ELIGIBLE:
        send_error(r, 422, "not_eligible",
                   "Borgeren er ikke på listen over forebyggende hjemmebesøg det år.");
        break;
    case PV_STEP_BAD_TRANSITION:
        send_error(r, 409, "bad_transition", "Besøget kan ikke skifte til den status nu.");
        break;
    case PV_STEP_CONFLICT:
        send_error(r, 409, "conflict", "En anden har ændret besøget imens. Hent det igen.");
        break;
    default:
        send_store_error(r, STORE_ERROR);
        break;
    }
}

/* --- JSON ----------------------------------------------------------------- */

/* A date as "YYYY-MM-DD" or null. */
static json_t *day_json(struct date d)
{
    char t[11];
    if (!d.year)
        return json_null();
    date_format(d, t);
    return json_string(t);
}

/* A minute as "HH:MM" or null. */
static json_t *time_json(minute_t m)
{
    char t[6];
    if (m < 0)
        return json_null();
    minute_format(m, t);
    return json_string(t);
}

/* A visit row as JSON. */
static json_t *visit_json(const struct pv_visit *v)
{
    return json_pack(
        "{s:I,s:i,s:s,s:s,s:s,s:o,s:o,s:o,s:o,s:o,s:s,s:s,s:s,s:s,s:I}", "id", (json_int_t)v->id,
        "year", v->year, "status", pv_status_code(v->status), "status_label",
        pv_status_label(v->status), "rule", pv_rule_code(v->rule), "proposed_date",
        day_json(v->proposed), "proposed_time", time_json(v->proposed_at), "booked_date",
        day_json(v->booked), "booked_time", time_json(v->booked_at), "staff_id",
        v->staff_id ? json_integer(v->staff_id) : json_null(), "staff_name",
        v->staff_name ? v->staff_name : "", "referral", v->referral, "note", v->note, "updated_at",
        v->updated_at ? v->updated_at : "", "version", (json_int_t)v->version);
}

/* A list entry as JSON: who, why, window, marker, status and visit. */
static json_t *entry_json(struct req *r, const struct pv_entry *e)
{
    json_t *rules = json_array();
    static const enum pv_rule all[] = {PV_RULE_EVERY_YEAR, PV_RULE_AGE, PV_RULE_ALONE,
                                       PV_RULE_RISK};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (e->d.rules & all[i])
            json_array_append_new(rules, json_string(pv_rule_code(all[i])));
    const struct pv_candidate *c = e->c;
    enum pv_status st = prevention_status(e);
    return json_pack(
        "{s:I,s:s,s:s,s:s,s:I,s:s,s:i,s:b,s:s,s:s,s:o,s:o,s:o,s:b,s:o,s:s,s:s,s:o}", "citizen_id",
        (json_int_t)c->citizen_id, "first_name", c->first_name, "last_name", c->last_name,
        "address", c->address, "team_id", (json_int_t)c->team_id, "team", c->team_name, "age",
        e->d.age, "lives_alone", c->person.lives_alone, "rule", pv_rule_code(e->d.rule),
        "rule_text", pv_rule_text(&r->arena, e->d.rule, e->d.age), "rules", rules, "due_from",
        day_json(e->d.due_from), "due_to", day_json(e->d.due_to), "excluded", e->d.excluded, "risk",
        c->person.at_risk ? json_pack("{s:s,s:o}", "reason", c->risk_reason, "since",
                                      day_json(c->person.risk_since))
                          : json_null(),
        "status", pv_status_code(st), "status_label", pv_status_label(st), "visit",
        e->visit ? visit_json(e->visit) : json_null());
}

/* The settings as JSON (the shape PUT accepts). */
static json_t *settings_json(struct req *r, const struct prevention_settings *s)
{
    json_t *ages = json_array();
    for (int i = 0; i < s->age_count; i++)
        json_array_append_new(ages, json_integer(s->ages[i]));
    return json_pack("{s:s,s:s,s:s,s:i,s:o,s:i,s:i,s:i,s:b,s:I,s:s}", "municipality",
                     s->municipality, "phone", s->phone, "year_mode", pv_year_mode_code(s->mode),
                     "lives_alone_age", s->lives_alone_age, "ages", ages, "every_year_from",
                     s->every_year_from, "risk_from", s->risk_from, "risk_to", s->risk_to,
                     "exclude_full_help", s->exclude_full_help, "version", (json_int_t)s->version,
                     "updated_at", s->updated_at);
}

static const char *str(json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

/* The year of a request: ?year= or the body's "year"; this year when absent. */
static bool year_of(struct req *r, int *year, struct validation *v)
{
    json_t *y = r->json ? json_object_get(r->json, "year") : NULL;
    int parsed;
    if (y && !json_is_null(y))
        parsed =
            json_is_integer(y) && json_integer_value(y) >= 2000 && json_integer_value(y) <= 2100
                ? (int)json_integer_value(y)
                : -1;
    else
        parsed = prevention_year_parse(req_arg(r, "year"));
    if (parsed < 0) {
        validation_add(v, "year", "Skriv et årstal fra 2000 til 2100.");
        return false;
    }
    *year = parsed ? parsed : date_today().year;
    return true;
}

/* --- handlers --------------------------------------------------------------- */

/* GET /api/v1/prevention?year=&status=&rule=&team= — the list; one audit row. */
void api_prevention_list(struct req *r)
{
    struct validation v = {0};
    struct prevention_settings set;
    struct pv_entry *list;
    int n, excluded, year;
    if (!prevention_require(r))
        return;
    if (!year_of(r, &year, &v)) {
        send_validation(r, &v);
        return;
    }
    const char *status = req_arg(r, "status"), *rule = req_arg(r, "rule");
    long team = parse_id(req_arg(r, "team"));
    if (status && *status && pv_status_parse(status) < 0)
        validation_add(&v, "status", "Ukendt status.");
    if (rule && *rule && pv_rule_parse(rule) < 0)
        validation_add(&v, "rule", "Ukendt regel.");
    if (team < 0)
        validation_add(&v, "team", "Ukendt team.");
    if (v.count) {
        send_validation(r, &v);
        return;
    }
    if (!prevention_list_load(r, year, &set, &list, &n, &excluded))
        return;
    json_t *arr = json_array();
    int shown = 0;
    for (int i = 0; i < n; i++) {
        const struct pv_entry *e = &list[i];
        if ((status && *status && strcmp(status, pv_status_code(prevention_status(e)))) ||
            (rule && *rule && strcmp(rule, pv_rule_code(e->d.rule))) ||
            (team > 0 && e->c->team_id != team))
            continue;
        json_array_append_new(arr, entry_json(r, e));
        shown++;
    }
    if (store_audit_add(r->db, &r->actor, "prevention_list", 0,
                        arena_printf(&r->arena, "year=%d shown=%d", year, shown)) != STORE_OK) {
        json_decref(arr);
        send_store_error(r, STORE_ERROR);
        return;
    }
    send_json(r, 200,
              json_pack("{s:i,s:i,s:i,s:i,s:o,s:o}", "year", year, "count", shown, "total", n,
                        "excluded", excluded, "settings", settings_json(r, &set), "citizens", arr));
}

/* Access, the logged read of one citizen, and the entry for the year. */
static bool entry_for(struct req *r, int *year, struct prevention_settings *set, struct pv_entry *e,
                      bool *listed)
{
    struct validation v = {0};
    if (!prevention_require(r))
        return false;
    if (!year_of(r, year, &v)) {
        send_validation(r, &v);
        return false;
    }
    return citizen_read_allowed(r, r->ids[0], "prevention_list") &&
           prevention_entry_load(r, r->ids[0], *year, set, e, listed);
}

/* GET /api/v1/prevention/{id}?year= — one citizen (a logged read). */
void api_prevention_get(struct req *r)
{
    struct prevention_settings set;
    struct pv_entry e;
    bool listed;
    int year;
    if (!entry_for(r, &year, &set, &e, &listed))
        return;
    json_t *o = entry_json(r, &e);
    json_object_set_new(o, "year", json_integer(year));
    json_object_set_new(o, "listed", json_boolean(listed));
    send_json(r, 200, o);
}

/* GET /api/v1/prevention/{id}/letter?year= — the invitation and its LIX. */
void api_prevention_letter(struct req *r)
{
    struct prevention_settings set;
    struct pv_entry e;
    struct letter l;
    bool listed;
    int year;
    if (!entry_for(r, &year, &set, &e, &listed))
        return;
    const struct pv_visit *v = e.visit;
    struct date when = v && v->proposed.year ? v->proposed : prevention_suggest_date(date_today());
    minute_t at = v && v->proposed_at >= 0 ? v->proposed_at : 10 * 60;
    if (prevention_letter_build(&r->arena, &set, e.c->first_name, e.c->last_name, when, at,
                                v ? v->staff_name : NULL, &l) != 0) {
        send_store_error(r, STORE_ERROR);
        return;
    }
    json_t *sections = json_array();
    for (int i = 0; i < l.count; i++) {
        json_t *ps = json_array();
        for (int k = 0; k < l.sections[i].count; k++)
            json_array_append_new(ps, json_string(l.sections[i].paragraphs[k]));
        json_array_append_new(
            sections, json_pack("{s:s,s:o}", "heading", l.sections[i].heading, "paragraphs", ps));
    }
    send_json(r, 200,
              json_pack("{s:s,s:s,s:o,s:f,s:s,s:b}", "title", l.title, "greeting", l.greeting,
                        "sections", sections, "lix", l.lix, "text", letter_text(&r->arena, &l),
                        "proposal_only", !(v && v->proposed.year)));
}

/* An optional integer field; -1 when present but not a positive integer. */
static long id_field(json_t *o, const char *key)
{
    json_t *x = json_object_get(o, key);
    if (!x || json_is_null(x))
        return 0;
    return json_is_integer(x) && json_integer_value(x) > 0 ? (long)json_integer_value(x) : -1;
}

/* invite, book and outcome share everything but the step. */
static void api_step(struct req *r, enum pv_step step)
{
    struct prevention_settings set;
    struct pv_entry e;
    struct pv_visit out;
    struct validation v = {0};
    bool listed;
    int year;
    if (!prevention_require(r))
        return;
    if (!r->json || !json_is_object(r->json)) {
        send_error(r, 400, "bad_request", "Send et JSON-objekt.");
        return;
    }
    if (!entry_for(r, &year, &set, &e, &listed))
        return;
    struct pv_step_input in = {.year = year,
                               .at = MINUTE_NONE,
                               .note = str(r->json, "note"),
                               .referral = str(r->json, "referral")};
    const char *d = str(r->json, "date"), *t = str(r->json, "time");
    if (step != PV_STEP_OUTCOME) {
        if (d && !date_parse(d, &in.date))
            in.date = (struct date){0};
        in.at = t ? minute_parse(t) : MINUTE_NONE;
        if (in.at == MINUTE_NONE)
            in.at = -2;
    }
    in.staff_id = id_field(r->json, "staff_id");
    if (in.staff_id < 0)
        validation_add(&v, "staff_id", "Vælg en medarbejder, der kan komme på besøg.");
    long version = id_field(r->json, "version");
    in.version = version > 0 ? version : 0;
    int o = pv_outcome_parse(str(r->json, "outcome"));
    in.outcome = o < 0 ? PV_OUT_COUNT : (enum pv_outcome)o;
    if (in.staff_id < 0)
        in.staff_id = 0;
    enum pv_step_rc src = prevention_step(r, &e, listed, step, &in, &v, &out);
    if (src == PV_STEP_OK && v.count)
        src = PV_STEP_INVALID;
    if (src != PV_STEP_OK) {
        prevention_step_error(r, src, &v);
        return;
    }
    static const char *const what[] = {"invited", "booked", "outcome"};
    enum store_rc rc = prevention_save(
        r, &out, step == PV_STEP_OUTCOME ? pv_outcome_code(in.outcome) : what[step]);
    if (rc != STORE_OK) {
        if (rc == STORE_INVALID)
            send_error(r, 422, "invalid_reference", "Medarbejderen findes ikke.");
        else
            send_store_error(r, rc);
        return;
    }
    if (!prevention_entry_load(r, r->ids[0], year, &set, &e, &listed))
        return;
    send_json(r, 200, entry_json(r, &e));
}

/* POST /api/v1/prevention/{id}/invite. */
void api_prevention_invite(struct req *r)
{
    api_step(r, PV_STEP_INVITE);
}

/* POST /api/v1/prevention/{id}/book. */
void api_prevention_book(struct req *r)
{
    api_step(r, PV_STEP_BOOK);
}

/* POST /api/v1/prevention/{id}/outcome. */
void api_prevention_outcome(struct req *r)
{
    api_step(r, PV_STEP_OUTCOME);
}

/* Set or clear the marker with its audit row, in one transaction. */
enum store_rc prevention_risk_save(struct req *r, long citizen_id, const char *reason,
                                   struct date since)
{
    enum store_rc rc = store_begin(r->db);
    if (rc == STORE_OK)
        rc = reason ? store_risk_set(r->db, citizen_id, reason, since, r->actor.user_id)
                    : store_risk_clear(r->db, citizen_id);
    if (rc == STORE_OK)
        rc = store_audit_add(r->db, &r->actor, "prevention", citizen_id,
                             reason ? "risk marked" : "risk cleared");
    if (rc == STORE_OK)
        rc = store_commit(r->db);
    if (rc != STORE_OK)
        store_rollback(r->db);
    return rc;
}

/* A marker as entered: a reason, and a date not after today. */
void prevention_risk_validate(const char *reason, const char *since, struct date *d,
                              struct validation *v)
{
    check_text(v, "reason", reason, true, 300, false);
    if (!since || !date_parse(since, d))
        validation_add(v, "since", "Skriv datoen som ÅÅÅÅ-MM-DD, fx 2026-12-01.");
    else if (date_cmp(*d, date_today()) > 0)
        validation_add(v, "since", "Datoen må ikke ligge efter i dag.");
}

/* PUT /api/v1/prevention/{id}/risk — set the særlig-risiko marker. */
void api_prevention_risk_set(struct req *r)
{
    struct validation v = {0};
    struct date since = {0};
    if (!prevention_require(r) || !citizen_read_allowed(r, r->ids[0], "prevention risk"))
        return;
    if (!r->json || !json_is_object(r->json)) {
        send_error(r, 400, "bad_request", "Send et JSON-objekt.");
        return;
    }
    const char *reason = str(r->json, "reason");
    prevention_risk_validate(reason, str(r->json, "since"), &since, &v);
    if (v.count) {
        send_validation(r, &v);
        return;
    }
    enum store_rc rc = prevention_risk_save(r, r->ids[0], reason, since);
    if (rc != STORE_OK) {
        send_store_error(r, rc);
        return;
    }
    send_json(r, 200,
              json_pack("{s:I,s:s,s:o}", "citizen_id", (json_int_t)r->ids[0], "reason", reason,
                        "since", day_json(since)));
}

/* DELETE /api/v1/prevention/{id}/risk — clear it. */
void api_prevention_risk_clear(struct req *r)
{
    if (!prevention_require(r) || !citizen_read_allowed(r, r->ids[0], "prevention risk"))
        return;
    enum store_rc rc = prevention_risk_save(r, r->ids[0], NULL, (struct date){0});
    if (rc != STORE_OK) {
        send_store_error(r, rc);
        return;
    }
    send_json(r, 200, json_pack("{s:b}", "ok", 1));
}

/* GET /api/v1/prevention/settings — visitators, planners, administrators. */
void api_prevention_settings_get(struct req *r)
{
    struct prevention_settings set;
    if (!prevention_access(&r->actor) && !access_can(&r->actor, CAP_ADMIN)) {
        send_error(r, 403, "forbidden", "Din rolle giver ikke adgang til indstillingerne.");
        return;
    }
    enum store_rc rc = store_prevention_settings_get(r->db, &r->arena, &set);
    if (rc != STORE_OK) {
        send_store_error(r, rc);
        return;
    }
    send_json(r, 200, settings_json(r, &set));
}

/* An integer setting: kept when absent; a field error when not an integer. */
static void int_setting(json_t *o, const char *key, int *dst, struct validation *v)
{
    json_t *x = json_object_get(o, key);
    if (!x)
        return;
    if (!json_is_integer(x) || json_integer_value(x) < 0 || json_integer_value(x) > 1000) {
        validation_add(v, key, "Skriv et helt tal.");
        return;
    }
    *dst = (int)json_integer_value(x);
}

/* PUT /api/v1/prevention/settings — administrators; absent fields are kept. */
void api_prevention_settings_put(struct req *r)
{
    struct prevention_settings set;
    struct validation v = {0};
    if (!access_can(&r->actor, CAP_ADMIN)) {
        send_error(r, 403, "forbidden", "Kun administratorer kan ændre reglerne.");
        return;
    }
    if (!r->json || !json_is_object(r->json)) {
        send_error(r, 400, "bad_request", "Send et JSON-objekt.");
        return;
    }
    enum store_rc rc = store_prevention_settings_get(r->db, &r->arena, &set);
    if (rc != STORE_OK) {
        send_store_error(r, rc);
        return;
    }
    json_t *o = r->json, *x;
    if ((x = json_object_get(o, "municipality")))
        set.municipality = json_is_string(x) ? json_string_value(x) : NULL;
    if ((x = json_object_get(o, "phone")))
        set.phone = json_is_string(x) ? json_string_value(x) : NULL;
    if ((x = json_object_get(o, "year_mode"))) {
        int m = pv_year_mode_parse(json_string_value(x));
        if (m < 0)
            validation_add(&v, "year_mode",
                           "Vælg kalenderår (calendar) eller fødselsdagsår "
                           "(birthday).");
        else
            set.mode = (enum pv_year_mode)m;
    }
    int_setting(o, "lives_alone_age", &set.lives_alone_age, &v);
    int_setting(o, "every_year_from", &set.every_year_from, &v);
    int_setting(o, "risk_from", &set.risk_from, &v);
    int_setting(o, "risk_to", &set.risk_to, &v);
    if ((x = json_object_get(o, "ages"))) {
        json_t *a;
        size_t i;
        bool ok = json_is_array(x) && json_array_size(x) <= PV_MAX_AGES;
        set.age_count = 0;
        json_array_foreach(x, i, a)
        {
            if (!ok || !json_is_integer(a)) {
                ok = false;
                break;
            }
            for (int k = 0; k < set.age_count; k++)
                ok &= set.ages[k] != json_integer_value(a);
            set.ages[set.age_count++] = (int)json_integer_value(a);
        }
        if (!ok) {
            validation_add(&v, "ages", "Skriv højst seks forskellige aldre, fx [75, 80].");
            set.age_count = 0;
        }
    }
    if ((x = json_object_get(o, "exclude_full_help"))) {
        if (!json_is_boolean(x))
            validation_add(&v, "exclude_full_help", "Skal være true eller false.");
        else
            set.exclude_full_help = json_is_true(x);
    }
    long version = id_field(o, "version");
    if (version < 0)
        validation_add(&v, "version", "Send den version, du har læst (feltet version).");
    set.version = version > 0 ? version : 0;
    prevention_settings_validate(&set, &v);
    if (v.count) {
        send_validation(r, &v);
        return;
    }
    rc = store_prevention_settings_set(r->db, &set, r->actor.user_id);
    if (rc == STORE_OK)
        rc = store_prevention_settings_get(r->db, &r->arena, &set);
    if (rc != STORE_OK) {
        send_store_error(r, rc);
        return;
    }
    log_info("prevention settings changed: user_id=%ld version=%ld", r->actor.user_id, set.version);
    send_json(r, 200, settings_json(r, &set));
}
