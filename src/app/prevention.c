/* prevention.c — preventive home visits; see prevention.h. */
#include "app/prevention.h"

#include <string.h>

#include "lib/log.h"

enum pv_status pv_entry_status(const struct pv_entry *e)
{
    return e->visit ? e->visit->status : PV_NOT_INVITED;
}

/* CAP_PREVENTION, and the year (0 = this year) into *year. */
static enum app_rc open_year(struct app *a, enum cap c, int *year)
{
    enum app_rc rc = app_require(a, c);
    if (rc != APP_OK)
        return rc;
    if (*year == 0)
        *year = date_today().year;
    if (*year < 2000 || *year > 2100) {
        validation_add(&a->errors, "year", "Skriv et årstal fra 2000 til 2100.");
        return app_invalid(a);
    }
    return APP_OK;
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

/* The entry of a candidate; true when it belongs on the list (eligible, or
 * with a visit that year). */
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

/* The visit of citizen_id among visits sorted by citizen id, or NULL. */
static const struct pv_visit *visit_of(const struct pv_visit *v, int n, long citizen_id)
{
    int lo = 0, hi = n - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (v[mid].citizen_id == citizen_id)
            return &v[mid];
        if (v[mid].citizen_id < citizen_id)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return NULL;
}

enum app_rc app_prevention_list(struct app *a, int year, const struct pv_filter *f,
                                struct pv_list *out)
{
    struct pv_candidate *c;
    struct pv_visit *v;
    int nc, nv;
    memset(out, 0, sizeof *out);
    enum app_rc rc = open_year(a, CAP_PREVENTION, &year);
    if (rc != APP_OK)
        return rc;
    if (a->errors.count) /* the filter could not be read */
        return app_invalid(a);
    out->year = year;
    enum store_rc src = store_prevention_settings_get(a->db, a->arena, &out->settings);
    if (src == STORE_OK)
        src = store_prevention_candidates(a->db, a->arena, list_day(year), 0, &c, &nc);
    if (src == STORE_OK)
        src = store_prevention_visits(a->db, a->arena, year, &v, &nv);
    if (src == STORE_OK)
        src = store_team_list(a->db, a->arena, &out->teams, &out->team_count);
    if (src == STORE_OK &&
        (!(out->entries = arena_alloc(a->arena, sizeof *out->entries * (size_t)(nc + 1))) ||
         !(out->shown = arena_alloc(a->arena, sizeof *out->shown * (size_t)(nc + 1)))))
        src = STORE_ERROR;
    if (src != STORE_OK)
        return app_store_fail(a, src);
    for (int i = 0; i < nc; i++) {
        struct pv_entry *e = &out->entries[out->count];
        if (!entry_of(&out->settings, &c[i], visit_of(v, nv, c[i].citizen_id), year, e)) {
            out->excluded += e->d.excluded;
            continue;
        }
        enum pv_status s = pv_entry_status(e);
        bool shown = !((f->status >= 0 && (int)s != f->status) ||
                       (f->rule > 0 && (int)e->d.rule != f->rule) ||
                       (f->team > 0 && e->c->team_id != f->team));
        out->by_status[s]++;
        out->shown[out->count++] = shown;
        out->shown_count += shown;
    }
    /* One row for the list, written before any of it is shown. */
    return app_store_fail(
        a, store_audit_add(a->db, a->actor, "prevention_list", 0,
                           arena_printf(a->arena, "year=%d shown=%d", year, out->shown_count)));
}

/* The entry of one citizen for a year, without access checks or audit. */
static enum app_rc entry_load(struct app *a, long citizen_id, struct pv_citizen *out)
{
    struct pv_candidate *c;
    struct pv_visit *v = arena_alloc(a->arena, sizeof *v);
    int nc;
    enum store_rc src =
        v ? store_prevention_settings_get(a->db, a->arena, &out->settings) : STORE_ERROR;
    if (src == STORE_OK)
        src =
            store_prevention_candidates(a->db, a->arena, list_day(out->year), citizen_id, &c, &nc);
    if (src == STORE_OK && nc < 1)
        src = STORE_NOT_FOUND;
    enum store_rc vrc = src == STORE_OK
                            ? store_prevention_visit_get(a->db, a->arena, citizen_id, out->year, v)
                            : src;
    if (src == STORE_OK && vrc != STORE_OK && vrc != STORE_NOT_FOUND)
        src = vrc;
    if (src != STORE_OK)
        return app_store_fail(a, src);
    out->listed =
        entry_of(&out->settings, &c[0], vrc == STORE_OK ? v : NULL, out->year, &out->entry);
    return APP_OK;
}

enum app_rc app_prevention_get(struct app *a, long citizen_id, int year, struct pv_citizen *out)
{
    struct user *all;
    int n;
    memset(out, 0, sizeof *out);
    enum app_rc rc = open_year(a, CAP_PREVENTION, &year);
    if (rc == APP_OK)
        rc = app_citizen_open(a, citizen_id, CAP_PREVENTION, "prevention_list", NULL);
    if (rc != APP_OK)
        return rc;
    out->year = year;
    if ((rc = entry_load(a, citizen_id, out)) != APP_OK)
        return rc;
    enum store_rc src = store_citizen_get(a->db, a->arena, citizen_id, &out->citizen);
    if (src == STORE_OK)
        src = store_user_list(a->db, a->arena, 0, &all, &n);
    if (src != STORE_OK)
        return app_store_fail(a, src);
    out->staff = all;
    for (int i = 0; i < n; i++)
        if (staff_assignable(&all[i], STAFF_PREVENTIVE))
            out->staff[out->staff_count++] = all[i];
    return APP_OK;
}

enum app_rc app_prevention_letter(struct app *a, long citizen_id, int year, struct pv_letter *out)
{
    memset(out, 0, sizeof *out);
    enum app_rc rc = app_prevention_get(a, citizen_id, year, &out->who);
    if (rc != APP_OK)
        return rc;
    const struct pv_visit *v = out->who.entry.visit;
    const struct citizen *c = &out->who.citizen;
    out->proposal_only = !(v && v->proposed.year);
    struct date when = out->proposal_only ? prevention_suggest_date(date_today()) : v->proposed;
    minute_t at = !out->proposal_only && v->proposed_at >= 0 ? v->proposed_at : 10 * 60;
    if (prevention_letter_build(a->arena, &out->who.settings, c->first_name, c->last_name, when, at,
                                v ? v->staff_name : NULL, &out->letter) != 0)
        return app_store_fail(a, STORE_ERROR);
    return APP_OK;
}

/* --- the visit's steps -------------------------------------------------------- */

/* May staff_id make a preventive visit? */
static bool staff_ok(struct app *a, long staff_id)
{
    struct user u;
    return staff_id > 0 && store_user_get(a->db, a->arena, staff_id, &u) == STORE_OK &&
           staff_assignable(&u, STAFF_PREVENTIVE);
}

/* Check a step against the entry and compute the visit it leaves in *out. */
static enum app_rc step_check(struct app *a, const struct pv_citizen *who, enum pv_step step,
                              const struct pv_step_input *in, struct pv_visit *out)
{
    static const char *const staff_error = "Vælg en medarbejder, der kan komme på besøg.";
    const struct pv_entry *e = &who->entry;
    struct validation *v = &a->errors;
    enum pv_status from = pv_entry_status(e);
    if (e->visit)
        *out = *e->visit;
    else
        *out = (struct pv_visit){.citizen_id = e->c->citizen_id,
                                 .year = who->year,
                                 .rule = e->d.rule,
                                 .proposed_at = MINUTE_NONE,
                                 .booked_at = MINUTE_NONE,
                                 .referral = "",
                                 .note = ""};
    if (!who->listed && !e->visit)
        return app_fail(a, APP_INVALID, "not_eligible",
                        "Borgeren er ikke på listen over forebyggende hjemmebesøg det år.");
    if (in->version && e->visit && in->version != e->visit->version)
        return app_fail(a, APP_CONFLICT, "conflict",
                        "En anden har ændret besøget imens. Hent det igen.");
    check_text(v, "note", in->note, false, 1000, true);
    if (step != PV_STEP_OUTCOME)
        pv_time_validate(in->date, in->at, date_today(), "date", "time", v);
    if ((step == PV_STEP_BOOK || in->staff_id) && step != PV_STEP_OUTCOME &&
        !staff_ok(a, in->staff_id))
        validation_add(v, "staff_id", staff_error);
    if (step == PV_STEP_OUTCOME && ((int)in->outcome < 0 || in->outcome >= PV_OUT_COUNT))
        validation_add(v, "outcome", "Vælg takket ja, takket nej, holdt eller henvist.");
    if (step == PV_STEP_OUTCOME && in->outcome == PV_OUT_REFERRAL)
        check_text(v, "referral", in->referral, true, 500, false);
    if (v->count)
        return app_invalid(a);
    bool allowed = step == PV_STEP_INVITE ? pv_can_invite(from)
                   : step == PV_STEP_BOOK ? pv_can_book(from)
                                          : pv_outcome_status(from, in->outcome) != PV_STATUS_COUNT;
    if (!allowed)
        return app_fail(a, APP_CONFLICT, "bad_transition",
                        "Besøget kan ikke skifte til den status nu.");
    switch (step) {
    case PV_STEP_INVITE:
        out->status = PV_INVITED;
        out->proposed = in->date;
        out->proposed_at = in->at;
        if (in->staff_id)
            out->staff_id = in->staff_id;
        out->booked = (struct date){0};
        out->booked_at = MINUTE_NONE;
        break;
    case PV_STEP_BOOK:
        out->status = PV_BOOKED;
        out->booked = in->date;
        out->booked_at = in->at;
        out->staff_id = in->staff_id;
        break;
    case PV_STEP_OUTCOME:
        out->status = pv_outcome_status(from, in->outcome);
        if (in->outcome == PV_OUT_REFERRAL)
            out->referral = in->referral;
        break;
    }
    if (in->note && *in->note)
        out->note = in->note;
    return APP_OK;
}

enum app_rc app_prevention_step(struct app *a, long citizen_id, enum pv_step step,
                                const struct pv_step_input *in)
{
    static const char *const what[] = {"invited", "booked", "outcome"};
    struct pv_citizen who = {.year = in->year};
    struct pv_visit out;
    enum app_rc rc = open_year(a, CAP_PREVENTION, &who.year);
    if (rc == APP_OK)
        rc = app_citizen_open(a, citizen_id, CAP_PREVENTION, NULL, NULL);
    if (rc == APP_OK)
        rc = entry_load(a, citizen_id, &who);
    if (rc == APP_OK)
        rc = step_check(a, &who, step, in, &out);
    if (rc != APP_OK)
        return rc;
    const char *detail =
        arena_printf(a->arena, "%s %d",
                     step == PV_STEP_OUTCOME ? pv_outcome_code(in->outcome) : what[step], who.year);
    enum store_rc src = store_begin(a->db);
    if (src == STORE_OK)
        src = store_prevention_visit_save(a->db, &out, a->actor->user_id);
    if (src == STORE_OK)
        src = store_audit_add(a->db, a->actor, "prevention", citizen_id, detail);
    if (src == STORE_INVALID) {
        store_rollback(a->db);
        validation_add(&a->errors, "staff_id", "Medarbejderen findes ikke.");
        return app_fail(a, APP_INVALID, "invalid_reference", "Medarbejderen findes ikke.");
    }
    return app_finish(a, src);
}

/* --- the særlig-risiko marker ----------------------------------------------------- */

/* Set (reason not NULL) or clear the marker with its audit row. */
static enum app_rc risk_write(struct app *a, long citizen_id, const char *reason, struct date since)
{
    enum store_rc src = store_begin(a->db);
    if (src == STORE_OK)
        src = reason ? store_risk_set(a->db, citizen_id, reason, since, a->actor->user_id)
                     : store_risk_clear(a->db, citizen_id);
    if (src == STORE_OK)
        src = store_audit_add(a->db, a->actor, "prevention", citizen_id,
                              reason ? "risk marked" : "risk cleared");
    if (src == STORE_NOT_FOUND) {
        store_rollback(a->db);
        return app_fail(a, APP_NOT_FOUND, "no_marker",
                        "Borgeren er ikke markeret med særlig risiko.");
    }
    return app_finish(a, src);
}

enum app_rc app_prevention_risk_set(struct app *a, long citizen_id, const char *reason,
                                    const char *since_text, struct date *since)
{
    enum app_rc rc = app_citizen_open(a, citizen_id, CAP_PREVENTION, NULL, NULL);
    if (rc != APP_OK)
        return rc;
    check_text(&a->errors, "reason", reason, true, 300, false);
    if (!since_text || !date_parse(since_text, since))
        validation_add(&a->errors, "since", "Skriv datoen som ÅÅÅÅ-MM-DD, fx 2026-12-01.");
    else if (date_cmp(*since, date_today()) > 0)
        validation_add(&a->errors, "since", "Datoen må ikke ligge efter i dag.");
    if (a->errors.count)
        return app_invalid(a);
    return risk_write(a, citizen_id, reason, *since);
}

enum app_rc app_prevention_risk_clear(struct app *a, long citizen_id)
{
    enum app_rc rc = app_citizen_open(a, citizen_id, CAP_PREVENTION, NULL, NULL);
    if (rc != APP_OK)
        return rc;
    return risk_write(a, citizen_id, NULL, (struct date){0});
}

/* --- the rules -------------------------------------------------------------------- */

enum app_rc app_prevention_settings(struct app *a, struct prevention_settings *out)
{
    enum app_rc rc = app_require(a, CAP_PREVENTION_RULES);
    if (rc != APP_OK)
        return rc;
    return app_store_fail(a, store_prevention_settings_get(a->db, a->arena, out));
}

enum app_rc app_prevention_settings_save(struct app *a, struct prevention_settings *s)
{
    enum app_rc rc = app_require(a, CAP_ADMIN);
    if (rc != APP_OK)
        return rc;
    prevention_settings_validate(s, &a->errors);
    if (a->errors.count)
        return app_invalid(a);
    enum store_rc src = store_begin(a->db);
    if (src == STORE_OK)
        src = store_prevention_settings_set(a->db, s, a->actor->user_id);
    if (src == STORE_OK)
        src = store_prevention_settings_get(a->db, a->arena, s);
    if (src == STORE_OK)
        src = store_audit_add(a->db, a->actor, "prevention_settings", 0,
                              arena_printf(a->arena, "version=%ld", s->version));
    if (src == STORE_CONFLICT) {
        store_rollback(a->db);
        return app_fail(a, APP_CONFLICT, "conflict",
                        "En anden har ændret reglerne imens. Åbn siden igen.");
    }
    rc = app_finish(a, src);
    if (rc == APP_OK)
        log_info("prevention settings changed: user_id=%ld version=%ld", a->actor->user_id,
                 s->version);
    return rc;
}
