/*
 * store-prevention.c — preventive home visits: the
 * municipality's settings (one row), the særlig-risiko marker per citizen,
 * what the eligibility rules need to know about every citizen, and one visit
 * per citizen and year. Callers wrap writes in a transaction. Also the demo
 * data: a few risk markers and a realistic year's list.
 */
#include "store/store-int.h"

#include <stdio.h>
#include <string.h>

/* Grow an arena array to hold at least need elements (doubling). */
static void *grow(struct arena *a, void *old, size_t size, int *cap, int need)
{
    if (need <= *cap)
        return old;
    int ncap = *cap ? *cap * 2 : 64;
    while (ncap < need)
        ncap *= 2;
    void *p = arena_alloc(a, size * (size_t)ncap);
    if (p && old && *cap)
        memcpy(p, old, size * (size_t)*cap);
    *cap = ncap;
    return p;
}

/* The one settings row (see store.h). */
enum store_rc store_prevention_settings_get(struct store *s, struct arena *a,
                                            struct prevention_settings *out)
{
    static const char sql[] = "SELECT municipality, phone, year_mode, lives_alone_age, ages, "
                              "every_year_from, risk_from, risk_to, exclude_full_help, version, "
                              "updated_at FROM prevention_settings WHERE id = 1";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    int rc = db_step(st);
    if (rc != DB_ROW)
        return db_found(st, rc);
    prevention_defaults(out);
    out->municipality = col_text(a, st, 0);
    out->phone = col_text(a, st, 1);
    int mode = pv_year_mode_parse(db_col_text(st, 2));
    out->mode = mode < 0 ? PV_CALENDAR_YEAR : (enum pv_year_mode)mode;
    out->lives_alone_age = db_col_int(st, 3);
    if (!prevention_ages_parse(db_col_text(st, 4), out))
        out->age_count = 0;
    out->every_year_from = db_col_int(st, 5);
    out->risk_from = db_col_int(st, 6);
    out->risk_to = db_col_int(st, 7);
    out->exclude_full_help = db_col_int(st, 8) != 0;
    out->version = db_col_int64(st, 9);
    out->updated_at = col_text(a, st, 10);
    db_reset(st);
    return STORE_OK;
}

/* Replace the settings, checking the version (see store.h). */
enum store_rc store_prevention_settings_set(struct store *s, const struct prevention_settings *in,
                                            long user_id)
{
    static const char sql[] = "UPDATE prevention_settings SET municipality = ?1, phone = ?2, "
                              "year_mode = ?3, lives_alone_age = ?4, ages = ?5, "
                              "every_year_from = ?6, risk_from = ?7, risk_to = ?8, "
                              "exclude_full_help = ?9, updated_by = ?10, version = version + 1, "
                              "updated_at = ?12 WHERE id = 1 AND (?11 = 0 OR version = ?11)";
    char ages[PV_MAX_AGES * 5 + 1] = "";
    for (int i = 0; i < in->age_count && i < PV_MAX_AGES; i++)
        snprintf(ages + strlen(ages), sizeof ages - strlen(ages), "%s%d", i ? "," : "",
                 in->ages[i]);
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    db_bind_text(st, 1, in->municipality);
    db_bind_text(st, 2, in->phone);
    db_bind_text(st, 3, pv_year_mode_code(in->mode));
    db_bind_int(st, 4, in->lives_alone_age);
    db_bind_text(st, 5, ages);
    db_bind_int(st, 6, in->every_year_from);
    db_bind_int(st, 7, in->risk_from);
    db_bind_int(st, 8, in->risk_to);
    db_bind_int(st, 9, in->exclude_full_help);
    if (user_id > 0)
        db_bind_int64(st, 10, user_id);
    db_bind_int64(st, 11, in->version);
    bind_now(st, 12);
    return db_run_changed(st, STORE_CONFLICT);
}

/* Every citizen, or one, with what the rules need (see store.h). */
enum store_rc store_prevention_candidates(struct store *s, struct arena *a, struct date on,
                                          long citizen_id, struct pv_candidate **out, int *n)
{
    /* Help counts when its grant is in force (decided, sent or changed) and
     * has not ended before `on`. */
    static const char sql[] =
        "SELECT c.id, c.cpr, c.first_name, c.last_name, c.address, c.team_id, t.name, "
        "c.lives_alone, "
        "EXISTS (SELECT 1 FROM grants g JOIN grant_service v ON v.grant_id = g.id WHERE "
        " g.citizen_id = c.id AND g.status IN ('decided','sent','changed') AND (g.end_date IS "
        " NULL OR g.end_date >= ?1) AND v.skill = 'personlig-pleje'), "
        "EXISTS (SELECT 1 FROM grants g JOIN grant_service v ON v.grant_id = g.id WHERE "
        " g.citizen_id = c.id AND g.status IN ('decided','sent','changed') AND (g.end_date IS "
        " NULL OR g.end_date >= ?1) AND v.skill = 'praktisk-hjaelp'), "
        "r.reason, r.since "
        "FROM citizen c JOIN team t ON t.id = c.team_id "
        "LEFT JOIN citizen_risk r ON r.citizen_id = c.id "
        "WHERE ?2 = 0 OR c.id = ?2 ORDER BY c.last_name, c.first_name, c.id";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    bind_date(st, 1, on);
    db_bind_int64(st, 2, citizen_id);
    int cap = 0, rc;
    *n = 0;
    *out = NULL;
    while ((rc = db_step(st)) == DB_ROW) {
        if (!(*out = grow(a, *out, sizeof **out, &cap, *n + 1))) {
            db_reset(st);
            return STORE_ERROR;
        }
        struct pv_candidate *c = &(*out)[(*n)++];
        memset(c, 0, sizeof *c);
        c->citizen_id = db_col_int64(st, 0);
        snprintf(c->cpr, sizeof c->cpr, "%s", db_col_text(st, 1));
        c->first_name = col_text(a, st, 2);
        c->last_name = col_text(a, st, 3);
        c->address = col_text(a, st, 4);
        c->team_id = db_col_int64(st, 5);
        c->team_name = col_text(a, st, 6);
        if (!cpr_birth_date(c->cpr, &c->person.birth))
            c->person.birth = (struct date){0};
        c->person.lives_alone = db_col_int(st, 7) != 0;
        c->person.personal_help = db_col_int(st, 8) != 0;
        c->person.practical_help = db_col_int(st, 9) != 0;
        c->person.at_risk = !db_col_null(st, 10);
        c->risk_reason = col_text(a, st, 10);
        c->person.risk_since = col_date(st, 11);
    }
    enum store_rc r = db_done(st, rc);
    if (r != STORE_OK)
        return r;
    return citizen_id && !*n ? STORE_NOT_FOUND : STORE_OK;
}

#define VISIT_COLUMNS                                                                              \
    "SELECT p.id, p.citizen_id, p.year, p.status, p.rule, p.proposed_date, p.proposed_min, "       \
    "p.booked_date, p.booked_min, coalesce(p.staff_id, 0), coalesce(u.full_name, ''), "            \
    "p.referral, p.note, p.updated_at, p.version FROM preventive_visit p "                         \
    "LEFT JOIN \"user\" u ON u.id = p.staff_id "

/* One visit row into out. */
static void visit_row(struct arena *a, struct db_stmt *st, struct pv_visit *v)
{
    memset(v, 0, sizeof *v);
    v->id = db_col_int64(st, 0);
    v->citizen_id = db_col_int64(st, 1);
    v->year = db_col_int(st, 2);
    int status = pv_status_parse(db_col_text(st, 3));
    v->status = status < 0 ? PV_INVITED : (enum pv_status)status;
    int rule = pv_rule_parse(db_col_text(st, 4));
    v->rule = rule < 0 ? PV_RULE_NONE : (enum pv_rule)rule;
    v->proposed = col_date(st, 5);
    v->proposed_at = col_minute(st, 6);
    v->booked = col_date(st, 7);
    v->booked_at = col_minute(st, 8);
    v->staff_id = db_col_int64(st, 9);
    v->staff_name = col_text(a, st, 10);
    v->referral = col_text(a, st, 11);
    v->note = col_text(a, st, 12);
    v->updated_at = col_text(a, st, 13);
    v->version = db_col_int64(st, 14);
}

/* All visits of a year, by citizen id. */
enum store_rc store_prevention_visits(struct store *s, struct arena *a, int year,
                                      struct pv_visit **out, int *n)
{
    static const char sql[] = VISIT_COLUMNS "WHERE p.year = ? ORDER BY p.citizen_id";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    db_bind_int(st, 1, year);
    int cap = 0, rc;
    *n = 0;
    *out = NULL;
    while ((rc = db_step(st)) == DB_ROW) {
        if (!(*out = grow(a, *out, sizeof **out, &cap, *n + 1))) {
            db_reset(st);
            return STORE_ERROR;
        }
        visit_row(a, st, &(*out)[(*n)++]);
    }
    return db_done(st, rc);
}

/* One citizen's visit in a year; NOT_FOUND when not invited. */
enum store_rc store_prevention_visit_get(struct store *s, struct arena *a, long citizen_id,
                                         int year, struct pv_visit *out)
{
    static const char sql[] = VISIT_COLUMNS "WHERE p.citizen_id = ? AND p.year = ?";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    db_bind_int64(st, 1, citizen_id);
    db_bind_int(st, 2, year);
    int rc = db_step(st);
    if (rc == DB_ROW)
        visit_row(a, st, out);
    return db_found(st, rc);
}

/* Insert a new visit or update one at its version (see store.h). */
enum store_rc store_prevention_visit_save(struct store *s, const struct pv_visit *v, long user_id)
{
    static const char ins[] = "INSERT INTO preventive_visit (status, rule, proposed_date, "
                              "proposed_min, booked_date, booked_min, staff_id, referral, note, "
                              "updated_by, citizen_id, year) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,"
                              "?9,?10,?11,?12)";
    static const char upd[] = "UPDATE preventive_visit SET status = ?1, rule = ?2, "
                              "proposed_date = ?3, proposed_min = ?4, booked_date = ?5, "
                              "booked_min = ?6, staff_id = ?7, referral = ?8, note = ?9, "
                              "updated_by = ?10, version = version + 1, updated_at = ?15 "
                              "WHERE citizen_id = ?11 AND "
                              "year = ?12 AND id = ?13 AND version = ?14";
    struct db_stmt *st = store_stmt(s, v->id ? upd : ins);
    if (!st)
        return STORE_ERROR;
    db_bind_text(st, 1, pv_status_code(v->status));
    db_bind_text(st, 2, pv_rule_code(v->rule));
    bind_date(st, 3, v->proposed);
    bind_minute(st, 4, v->proposed_at);
    bind_date(st, 5, v->booked);
    bind_minute(st, 6, v->booked_at);
    if (v->staff_id > 0)
        db_bind_int64(st, 7, v->staff_id);
    db_bind_text(st, 8, v->referral);
    db_bind_text(st, 9, v->note);
    if (user_id > 0)
        db_bind_int64(st, 10, user_id);
    db_bind_int64(st, 11, v->citizen_id);
    db_bind_int(st, 12, v->year);
    if (v->id) {
        db_bind_int64(st, 13, v->id);
        db_bind_int64(st, 14, v->version);
        bind_now(st, 15);
    }
    return v->id ? db_run_changed(st, STORE_CONFLICT) : db_run(st);
}

/* Set or replace the særlig-risiko marker. */
enum store_rc store_risk_set(struct store *s, long citizen_id, const char *reason,
                             struct date since, long user_id)
{
    static const char sql[] = "INSERT INTO citizen_risk (citizen_id, reason, since, created_by) "
                              "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (citizen_id) DO UPDATE SET "
                              "reason = ?2, since = ?3, created_by = ?4, created_at = ?5";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    db_bind_int64(st, 1, citizen_id);
    db_bind_text(st, 2, reason);
    bind_date(st, 3, since);
    if (user_id > 0)
        db_bind_int64(st, 4, user_id);
    bind_now(st, 5);
    return db_run(st);
}

/* Remove the marker; NOT_FOUND when there was none. */
enum store_rc store_risk_clear(struct store *s, long citizen_id)
{
    static const char sql[] = "DELETE FROM citizen_risk WHERE citizen_id = ?";
    struct db_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    db_bind_int64(st, 1, citizen_id);
    return db_run_changed(st, STORE_NOT_FOUND);
}

/* --- demo ------------------------------------------------------------------- */

/* A small deterministic hash of an id, for the demo's choices. */
static unsigned demo_hash(long id, unsigned salt)
{
    unsigned long long z = (unsigned long long)id * 0x9E3779B97F4A7C15ull + salt;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return (unsigned)((z ^ (z >> 31)) & 0xFFFFFFFFu);
}

/* A Monday–Thursday on or before d. */
static struct date demo_weekday(struct date d)
{
    while (date_weekday(d) > 4)
        d = date_add_days(d, -1);
    return d;
}

/* Demo data (see store.h): markers first, then this year's list under way. */
enum store_rc store_prevention_demo(struct store *s, struct date today)
{
    static const char *const reasons[] = {
        "Mistede sin ægtefælle for nylig.", "Udskrevet efter et fald.",
        "Har mistet appetitten og taber sig.", "Er blevet ensom efter at have flyttet.",
        "Pårørende er bekymret for glemsomhed."};
    static const char staff_sql[] = "SELECT id FROM \"user\" WHERE active AND role IN "
                                    "('visitator','therapist') ORDER BY id LIMIT 8";
    struct arena a = ARENA_INIT;
    struct prevention_settings set;
    struct pv_candidate *c;
    long staff[8];
    int n, nstaff = 0;
    enum store_rc r = store_prevention_settings_get(s, &a, &set);
    struct db_stmt *st = r == STORE_OK ? store_stmt(s, staff_sql) : NULL;
    if (!st) {
        r = STORE_ERROR;
        goto out;
    }
    while (db_step(st) == DB_ROW && nstaff < 8)
        staff[nstaff++] = db_col_int64(st, 0);
    db_reset(st);
    if ((r = store_prevention_candidates(s, &a, today, 0, &c, &n)) != STORE_OK)
        goto out;
    /* About one in twenty of the 65–81-year-olds has a særlig-risiko marker. */
    for (int i = 0; i < n && r == STORE_OK; i++) {
        int age = today.year - c[i].person.birth.year;
        unsigned h = demo_hash(c[i].citizen_id, 1);
        if (age < 65 || age > 81 || h % 20 != 0)
            continue;
        c[i].person.at_risk = true;
        c[i].person.risk_since = date_add_days(today, -(int)(h / 20 % 300));
        c[i].risk_reason = reasons[h / 7 % (sizeof reasons / sizeof reasons[0])];
        r = store_risk_set(s, c[i].citizen_id, c[i].risk_reason, c[i].person.risk_since, 0);
    }
    /* This year's list, well under way: most invited, many held. */
    for (int i = 0; i < n && r == STORE_OK; i++) {
        struct pv_decision d;
        if (!prevention_eligible(&set, &c[i].person, today.year, &d))
            continue;
        unsigned h = demo_hash(c[i].citizen_id, 2) % 100;
        if (h < 30)
            continue; /* not invited yet */
        struct pv_visit v = {.citizen_id = c[i].citizen_id,
                             .year = today.year,
                             .rule = d.rule,
                             .referral = "",
                             .note = "",
                             .proposed_at = 9 * 60 + 60 * (int)(h % 5),
                             .booked_at = MINUTE_NONE};
        struct date past = date_add_days(today, -(int)(7 + h * 2));
        if (past.year < today.year)
            past = (struct date){today.year, 1, 15};
        past = demo_weekday(past);
        struct date soon = prevention_suggest_date(date_add_days(today, (int)(h % 14) - 14));
        bool visited = h >= 55 && h < 82;
        v.proposed = visited || h >= 82 ? past : soon;
        v.status = h < 45   ? PV_INVITED
                   : h < 55 ? PV_BOOKED
                   : h < 75 ? PV_HELD
                   : h < 82 ? PV_REFERRED
                            : PV_DECLINED;
        if (v.status == PV_BOOKED || visited) {
            v.booked = v.proposed;
            v.booked_at = v.proposed_at;
            v.staff_id = nstaff ? staff[h % (unsigned)nstaff] : 0;
        }
        if (v.status == PV_REFERRED)
            v.referral = h % 2 ? "Træningshold i Seniorcentret." : "Kostvejledning og madservice.";
        if (v.status == PV_HELD)
            v.note = "Har det godt. Vil gerne høre om seniorklubben.";
        r = store_prevention_visit_save(s, &v, 0);
    }
out:
    arena_release(&a);
    return r;
}
