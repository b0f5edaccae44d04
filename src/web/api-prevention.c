/*
 * api-prevention.c — preventive home visits in the JSON API: the year's
 * list, one citizen's entry and invitation letter, invite / book / outcome,
 * the særlig-risiko marker, and the municipality's rules. The use cases,
 * their access rules and audit rows are in app/prevention.c.
 */
#include "web/web.h"

#include <string.h>

#include "app/prevention.h"

/* --- JSON out ---------------------------------------------------------------- */

/* A date as "YYYY-MM-DD", null when not set. */
static json_t *day_json(struct date d)
{
    char t[11];
    if (!d.year)
        return json_null();
    date_format(d, t);
    return json_string(t);
}

/* A minute as "HH:MM", null when not set. */
static json_t *time_json(minute_t m)
{
    char t[6];
    if (m < 0)
        return json_null();
    minute_format(m, t);
    return json_string(t);
}

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

/* A list entry: who, why, window, marker, status and visit. */
static json_t *entry_json(struct req *r, const struct pv_entry *e)
{
    static const enum pv_rule all[] = {PV_RULE_EVERY_YEAR, PV_RULE_AGE, PV_RULE_ALONE,
                                       PV_RULE_RISK};
    json_t *rules = json_array();
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (e->d.rules & all[i])
            json_array_append_new(rules, json_string(pv_rule_code(all[i])));
    const struct pv_candidate *c = e->c;
    enum pv_status st = pv_entry_status(e);
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

/* The rules (the shape PUT accepts). */
static json_t *settings_json(const struct prevention_settings *s)
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

/* --- JSON in ----------------------------------------------------------------- */

/* The year: the body's "year", else ?year=; 0 (this year) when neither;
 * -1 (refused by the use case) when malformed. */
static int year_of(struct req *r)
{
    json_t *y = json_is_object(r->json) ? json_object_get(r->json, "year") : NULL;
    if (y && !json_is_null(y))
        return (int)member_int(r->json, "year", -1, 2000, 2100, &r->app.errors);
    return pv_year_parse(req_arg(r, "year"));
}

/* Send the app's error; true when rc is not APP_OK. */
static bool failed(struct req *r, enum app_rc rc)
{
    if (rc == APP_OK)
        return false;
    send_app_error(r);
    return true;
}

/* --- handlers ------------------------------------------------------------------ */

/* GET /api/v1/prevention?year=&status=&rule=&team= */
void api_prevention_list(struct req *r)
{
    struct validation *v = &r->app.errors;
    struct pv_list list;
    const char *status = req_arg(r, "status"), *rule = req_arg(r, "rule");
    struct pv_filter f = {.status = status && *status ? pv_status_parse(status) : -1,
                          .rule = rule && *rule ? pv_rule_parse(rule) : 0,
                          .team = parse_id(req_arg(r, "team"))};
    if (status && *status && f.status < 0)
        validation_add(v, "status", "Ukendt status.");
    if (f.rule < 0)
        validation_add(v, "rule", "Ukendt regel.");
    if (f.team < 0)
        validation_add(v, "team", "Ukendt team.");
    if (failed(r, app_prevention_list(&r->app, year_of(r), &f, &list)))
        return;
    json_t *arr = json_array();
    for (int i = 0; i < list.count; i++)
        if (list.shown[i])
            json_array_append_new(arr, entry_json(r, &list.entries[i]));
    send_json(r, 200,
              json_pack("{s:i,s:i,s:i,s:i,s:o,s:o}", "year", list.year, "count", list.shown_count,
                        "total", list.count, "excluded", list.excluded, "settings",
                        settings_json(&list.settings), "citizens", arr));
}

/* GET /api/v1/prevention/{id}?year= — one citizen (a logged read). */
void api_prevention_get(struct req *r)
{
    struct pv_citizen x;
    if (failed(r, app_prevention_get(&r->app, r->ids[0], year_of(r), &x)))
        return;
    json_t *o = entry_json(r, &x.entry);
    json_object_set_new(o, "year", json_integer(x.year));
    json_object_set_new(o, "listed", json_boolean(x.listed));
    send_json(r, 200, o);
}

/* GET /api/v1/prevention/{id}/letter?year= — the invitation and its LIX. */
void api_prevention_letter(struct req *r)
{
    struct pv_letter x;
    if (failed(r, app_prevention_letter(&r->app, r->ids[0], year_of(r), &x)))
        return;
    const struct letter *l = &x.letter;
    json_t *sections = json_array();
    for (int i = 0; i < l->count; i++) {
        json_t *ps = json_array();
        for (int k = 0; k < l->sections[i].count; k++)
            json_array_append_new(ps, json_string(l->sections[i].paragraphs[k]));
        json_array_append_new(
            sections, json_pack("{s:s,s:o}", "heading", l->sections[i].heading, "paragraphs", ps));
    }
    send_json(r, 200,
              json_pack("{s:s,s:s,s:o,s:f,s:s,s:b}", "title", l->title, "greeting", l->greeting,
                        "sections", sections, "lix", l->lix, "text", letter_text(&r->arena, l),
                        "proposal_only", x.proposal_only));
}

/* invite, book and outcome: {"year", "date", "time", "staff_id", "outcome",
 * "referral", "note", "version"}; the answer is the citizen's entry. */
static void api_step(struct req *r, enum pv_step step)
{
    struct validation *v = &r->app.errors;
    struct pv_citizen x;
    if (!require_object(r))
        return;
    struct pv_step_input in = {.year = year_of(r),
                               .at = -2,
                               .staff_id = member_id(r->json, "staff_id", v),
                               .note = member_text(r->json, "note", v),
                               .referral = member_text(r->json, "referral", v),
                               .version = member_id(r->json, "version", v)};
    const char *d = member_text(r->json, "date", v), *t = member_text(r->json, "time", v);
    if (d && !date_parse(d, &in.date))
        in.date = (struct date){0};
    if (t)
        in.at = minute_parse(t);
    if (in.at == MINUTE_NONE)
        in.at = -2;
    int o = pv_outcome_parse(member_text(r->json, "outcome", v));
    in.outcome = o < 0 ? PV_OUT_COUNT : (enum pv_outcome)o;
    if (!failed(r, app_prevention_step(&r->app, r->ids[0], step, &in)) &&
        !failed(r, app_prevention_get(&r->app, r->ids[0], in.year, &x)))
        send_json(r, 200, entry_json(r, &x.entry));
}

void api_prevention_invite(struct req *r)
{
    api_step(r, PV_STEP_INVITE);
}

void api_prevention_book(struct req *r)
{
    api_step(r, PV_STEP_BOOK);
}

void api_prevention_outcome(struct req *r)
{
    api_step(r, PV_STEP_OUTCOME);
}

/* PUT /api/v1/prevention/{id}/risk — {"reason", "since"}. */
void api_prevention_risk_set(struct req *r)
{
    struct date since = {0};
    if (!require_object(r))
        return;
    const char *reason = member_text(r->json, "reason", &r->app.errors);
    const char *since_text = member_text(r->json, "since", &r->app.errors);
    if (!failed(r, app_prevention_risk_set(&r->app, r->ids[0], reason, since_text, &since)))
        send_json(r, 200,
                  json_pack("{s:I,s:s,s:o}", "citizen_id", (json_int_t)r->ids[0], "reason", reason,
                            "since", day_json(since)));
}

/* DELETE /api/v1/prevention/{id}/risk */
void api_prevention_risk_clear(struct req *r)
{
    if (!failed(r, app_prevention_risk_clear(&r->app, r->ids[0])))
        send_json(r, 200, json_pack("{s:b}", "ok", 1));
}

void api_prevention_settings_get(struct req *r)
{
    struct prevention_settings set;
    if (!failed(r, app_prevention_settings(&r->app, &set)))
        send_json(r, 200, settings_json(&set));
}

/* An integer setting 0–1000: kept when not given. */
static void int_setting(json_t *o, const char *key, int *dst, struct validation *v)
{
    *dst = (int)member_int(o, key, *dst, 0, 1000, v);
}

/* PUT /api/v1/prevention/settings — administrators; absent fields are kept. */
void api_prevention_settings_put(struct req *r)
{
    struct prevention_settings set;
    struct validation *v = &r->app.errors;
    json_t *o = r->json, *x;
    if (!require_object(r) || failed(r, app_prevention_settings(&r->app, &set)))
        return;
    if (json_object_get(o, "municipality"))
        set.municipality = member_text(o, "municipality", v);
    if (json_object_get(o, "phone"))
        set.phone = member_text(o, "phone", v);
    const char *mode = member_text(o, "year_mode", v);
    if (mode && pv_year_mode_parse(mode) < 0)
        validation_add(v, "year_mode",
                       "Vælg kalenderår (calendar) eller fødselsdagsår (birthday).");
    else if (mode)
        set.mode = (enum pv_year_mode)pv_year_mode_parse(mode);
    int_setting(o, "lives_alone_age", &set.lives_alone_age, v);
    int_setting(o, "every_year_from", &set.every_year_from, v);
    int_setting(o, "risk_from", &set.risk_from, v);
    int_setting(o, "risk_to", &set.risk_to, v);
    if ((x = member_array(o, "ages", PV_MAX_AGES, v))) {
        json_t *a;
        size_t i;
        set.age_count = 0;
        json_array_foreach(x, i, a)
        {
            bool ok = json_is_integer(a);
            for (int k = 0; ok && k < set.age_count; k++)
                ok = set.ages[k] != json_integer_value(a);
            if (!ok) {
                validation_add(v, "ages", "Skriv højst seks forskellige aldre, fx [75, 80].");
                break;
            }
            set.ages[set.age_count++] = (int)json_integer_value(a);
        }
    } else if (validation_for(v, "ages")) {
        set.age_count = 0;
    }
    set.exclude_full_help = member_bool(o, "exclude_full_help", set.exclude_full_help, v);
    long version = member_id(o, "version", v);
    set.version = version > 0 ? version : 0;
    if (!failed(r, app_prevention_settings_save(&r->app, &set)))
        send_json(r, 200, settings_json(&set));
}
