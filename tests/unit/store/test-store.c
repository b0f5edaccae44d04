/* Unit tests for the SQLite store: migrations, citizens, search, optimistic
 * concurrency, relatives, sessions, throttling, the append-only audit log,
 * and backup. Each test gets a fresh database file. */
#include "testutil.h"

static void migrations_are_idempotent(void **state)
{
    struct fixture *f = *state;
    int applied = -1;
    assert_int_equal(store_migrate(f->s, &applied), STORE_OK);
    assert_int_equal(applied, 0);
    assert_false(store_needs_migration(f->s));
    assert_true(store_schema_version(f->s) >= 1);
}

static void citizen_round_trip(void **state)
{
    struct fixture *f = *state;
    struct citizen c = test_citizen("0102451234", f->team_nord);
    c.contact_ids[0] = f->carer_nord;
    c.contact_count = 1;
    long id;
    assert_int_equal(store_citizen_create(f->s, &c, &id), STORE_OK);
    struct citizen got;
    assert_int_equal(store_citizen_get(f->s, &f->a, id, &got), STORE_OK);
    assert_string_equal(got.cpr, "0102451234");
    assert_string_equal(got.last_name, "Østergaard");
    assert_int_equal(got.rhythm.get_up, 510);
    assert_int_equal(got.team_id, f->team_nord);
    assert_string_equal(got.team_name, "Team Nord");
    assert_int_equal(got.contact_count, 1);
    assert_int_equal(got.version, 1);
    /* the same CPR again is a conflict */
    assert_int_equal(store_citizen_create(f->s, &c, &id), STORE_CONFLICT);
    /* an unknown team is an invalid reference */
    struct citizen bad = test_citizen("0202451234", 999);
    assert_int_equal(store_citizen_create(f->s, &bad, &id), STORE_INVALID);
    assert_int_equal(store_citizen_get(f->s, &f->a, 12345, &got), STORE_NOT_FOUND);
}

static void update_needs_current_version(void **state)
{
    struct fixture *f = *state;
    struct citizen c = test_citizen("0102451234", f->team_nord);
    long id;
    assert_int_equal(store_citizen_create(f->s, &c, &id), STORE_OK);
    c.id = id;
    c.version = 1;
    c.phone = "22 33 44 55";
    assert_int_equal(store_citizen_update(f->s, &c), STORE_OK);
    c.phone = "99 99 99 99";
    assert_int_equal(store_citizen_update(f->s, &c), STORE_CONFLICT); /* still version 1 */
    struct citizen got;
    assert_int_equal(store_citizen_get(f->s, &f->a, id, &got), STORE_OK);
    assert_string_equal(got.phone, "22 33 44 55");
    assert_int_equal(got.version, 2);
    c.id = 4242;
    assert_int_equal(store_citizen_update(f->s, &c), STORE_NOT_FOUND);
}

static void search_by_name_address_cpr_and_team(void **state)
{
    struct fixture *f = *state;
    struct citizen a = test_citizen("0102451234", f->team_nord);
    struct citizen b = test_citizen("0303331234", f->team_syd);
    b.first_name = "Jens";
    b.last_name = "Hansen";
    b.address = "Mørkhøjvej 12";
    long id;
    assert_int_equal(store_citizen_create(f->s, &a, &id), STORE_OK);
    assert_int_equal(store_citizen_create(f->s, &b, &id), STORE_OK);
    struct citizen *hits;
    int n;
    bool more;
    assert_int_equal(store_citizen_search(f->s, &f->a, "østergaard", 0, 10, &hits, &n, &more),
                     STORE_OK);
    assert_int_equal(n, 1);
    assert_int_equal(store_citizen_search(f->s, &f->a, "MØRKHØJ", 0, 10, &hits, &n, &more),
                     STORE_OK);
    assert_int_equal(n, 1);
    assert_string_equal(hits[0].first_name, "Jens");
    assert_int_equal(store_citizen_search(f->s, &f->a, "jens 12", 0, 10, &hits, &n, &more),
                     STORE_OK);
    assert_int_equal(n, 1);
    assert_int_equal(store_citizen_search(f->s, &f->a, "010245-1234", 0, 10, &hits, &n, &more),
                     STORE_OK);
    assert_int_equal(n, 1);
    assert_int_equal(store_citizen_search(f->s, &f->a, "herlev", 0, 10, &hits, &n, &more),
                     STORE_OK);
    assert_int_equal(n, 2);
    /* team scope hides the other team's citizens */
    assert_int_equal(store_citizen_search(f->s, &f->a, "herlev", f->team_nord, 10, &hits, &n,
                                          &more),
                     STORE_OK);
    assert_int_equal(n, 1);
    assert_int_equal(store_citizen_search(f->s, &f->a, "herlev", 0, 1, &hits, &n, &more),
                     STORE_OK);
    assert_int_equal(n, 1);
    assert_true(more);
    /* part of a word, through the trigram index */
    assert_int_equal(store_citizen_search(f->s, &f->a, "TERGAA", 0, 10, &hits, &n, &more),
                     STORE_OK);
    assert_int_equal(n, 1);
    /* FTS syntax in the input is just text too */
    assert_int_equal(store_citizen_search(f->s, &f->a, "øster\"gaard AND *", 0, 10, &hits, &n,
                                          &more),
                     STORE_OK);
    assert_int_equal(n, 0);
    /* SQL-looking input is just text */
    assert_int_equal(store_citizen_search(f->s, &f->a, "' OR 1=1 --", 0, 10, &hits, &n, &more),
                     STORE_OK);
    assert_int_equal(n, 0);
}

static void search_follows_edits(void **state)
{
    struct fixture *f = *state;
    struct citizen c = test_citizen("0102451234", f->team_nord);
    struct citizen *hits;
    int n;
    bool more;
    long id;
    assert_int_equal(store_citizen_create(f->s, &c, &id), STORE_OK);
    c.id = id;
    c.version = 1;
    c.last_name = "Lindholm";
    assert_int_equal(store_citizen_update(f->s, &c), STORE_OK);
    assert_int_equal(store_citizen_search(f->s, &f->a, "lindholm", 0, 10, &hits, &n, &more),
                     STORE_OK);
    assert_int_equal(n, 1);
    assert_int_equal(store_citizen_search(f->s, &f->a, "østergaard", 0, 10, &hits, &n, &more),
                     STORE_OK);
    assert_int_equal(n, 0);
}

static void relatives(void **state)
{
    struct fixture *f = *state;
    struct citizen c = test_citizen("0102451234", f->team_nord);
    long id, rid;
    assert_int_equal(store_citizen_create(f->s, &c, &id), STORE_OK);
    struct relative r = {.citizen_id = id, .name = "Ida", .relation = "datter",
                         .phone = "", .email = "", .consent = true, .note = ""};
    assert_int_equal(store_relative_add(f->s, &r, &rid), STORE_OK);
    struct citizen got;
    assert_int_equal(store_citizen_get(f->s, &f->a, id, &got), STORE_OK);
    assert_int_equal(got.relative_count, 1);
    assert_true(got.relatives[0].consent);
    r.id = rid;
    r.consent = false;
    assert_int_equal(store_relative_update(f->s, &r), STORE_OK);
    r.citizen_id = id + 1; /* another citizen's relative is not found */
    assert_int_equal(store_relative_update(f->s, &r), STORE_NOT_FOUND);
    assert_int_equal(store_relative_delete(f->s, id, rid), STORE_OK);
    assert_int_equal(store_relative_delete(f->s, id, rid), STORE_NOT_FOUND);
}

static void sessions_expire(void **state)
{
    struct fixture *f = *state;
    struct actor a;
    const char *csrf;
    assert_int_equal(store_session_create(f->s, "d1", f->carer_nord, "c1", 1000, 2000), STORE_OK);
    assert_int_equal(store_session_get(f->s, &f->a, "d1", 1500, &a, &csrf), STORE_OK);
    assert_string_equal(a.username, "sosu");
    assert_int_equal(a.role, ROLE_CARER);
    assert_string_equal(csrf, "c1");
    assert_int_equal(store_session_get(f->s, &f->a, "d1", 2000, &a, &csrf), STORE_NOT_FOUND);
    assert_int_equal(store_session_delete(f->s, "d1"), STORE_OK);
    assert_int_equal(store_session_get(f->s, &f->a, "d1", 1500, &a, &csrf), STORE_NOT_FOUND);
}

static void throttling_counts_window(void **state)
{
    struct fixture *f = *state;
    int n;
    for (int i = 0; i < 3; i++)
        assert_int_equal(store_login_failure_add(f->s, "u:x", 1000 + i), STORE_OK);
    assert_int_equal(store_login_failures(f->s, "u:x", 999, &n), STORE_OK);
    assert_int_equal(n, 3);
    assert_int_equal(store_login_failures(f->s, "u:x", 1001, &n), STORE_OK);
    assert_int_equal(n, 1);
    assert_int_equal(store_login_failures_clear(f->s, "u:x"), STORE_OK);
    assert_int_equal(store_login_failures(f->s, "u:x", 0, &n), STORE_OK);
    assert_int_equal(n, 0);
}

static void audit_is_append_only(void **state)
{
    struct fixture *f = *state;
    struct citizen c = test_citizen("0102451234", f->team_nord);
    long id;
    assert_int_equal(store_citizen_create(f->s, &c, &id), STORE_OK);
    struct actor who = {.user_id = f->carer_nord, .username = "sosu", .role = ROLE_CARER};
    assert_int_equal(store_audit_add(f->s, &who, "read", id, "record page"), STORE_OK);
    assert_int_equal(store_audit_add(f->s, &who, "read", id, "api"), STORE_OK);
    struct audit_entry *log;
    int n;
    assert_int_equal(store_audit_for_citizen(f->s, &f->a, id, 10, &log, &n), STORE_OK);
    assert_int_equal(n, 2);
    assert_string_equal(log[0].detail, "api"); /* newest first */
    assert_string_equal(log[0].full_name, "Sofie");
    /* the database itself refuses to change history */
    assert_db_refuses(f->path, "DELETE FROM audit");
    assert_db_refuses(f->path, "UPDATE audit SET action = 'x'");
}

static void backup_copies_everything(void **state)
{
    struct fixture *f = *state;
    if (test_on_postgres())
        skip(); /* pg_dump's job; store_backup is for SQLite files */
    struct citizen c = test_citizen("0102451234", f->team_nord);
    long id, n;
    assert_int_equal(store_citizen_create(f->s, &c, &id), STORE_OK);
    char to[TEST_TARGET_MAX + 8];
    snprintf(to, sizeof to, "%s.backup", f->path);
    assert_int_equal(store_backup(f->s, to), STORE_OK);
    const char *err;
    struct store *copy = store_open(to, &err);
    assert_non_null(copy);
    assert_int_equal(store_citizen_count(copy, &n), STORE_OK);
    assert_int_equal(n, 1);
    test_store_remove(copy, to);
}

static void transactions_roll_back(void **state)
{
    struct fixture *f = *state;
    struct citizen c = test_citizen("0102451234", f->team_nord);
    long id, n;
    assert_int_equal(store_begin(f->s), STORE_OK);
    assert_int_equal(store_citizen_create(f->s, &c, &id), STORE_OK);
    store_rollback(f->s);
    assert_int_equal(store_citizen_count(f->s, &n), STORE_OK);
    assert_int_equal(n, 0);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(migrations_are_idempotent), T(citizen_round_trip),
        T(update_needs_current_version), T(search_by_name_address_cpr_and_team),
        T(search_follows_edits), T(relatives), T(sessions_expire), T(throttling_counts_window),
        T(audit_is_append_only), T(backup_copies_everything), T(transactions_roll_back),
    };
    return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
