/* Unit tests for core/validate.c: text rules, citizens, relatives, users. */
#include "testutil.h"

#include "core/validate.h"

static void text_rules(void **state)
{
    assert_true(text_ok("Æble på ø", 20, false));
    assert_false(text_ok("a\x01b", 20, false));
    assert_false(text_ok("a\nb", 20, false));
    assert_true(text_ok("a\nb", 20, true));
    assert_false(text_ok("\xC3\x28", 20, false));          /* bad continuation */
    assert_false(text_ok("\xED\xA0\x80", 20, false));      /* UTF-16 surrogate */
    assert_false(text_ok("\xC0\xAF", 20, false));          /* overlong */
    assert_true(text_ok("ææææ", 4, false));
    assert_false(text_ok("æææææ", 4, false));
    assert_int_equal(utf8_length("Søren"), 5);
}

static void fold_for_search(void **state)
{
    char out[64];
    text_fold("ØSTERGAARD Åse ÆBLE", out, sizeof out);
    assert_string_equal(out, "østergaard åse æble");
    text_fold("æææ", out, 5); /* never cut a character in half */
    assert_string_equal(out, "ææ");
}

static void good_citizen_passes(void **state)
{
    struct citizen c = test_citizen("", 1);
    struct validation v = {0};
    citizen_validate(&c, "010245-1234", &v);
    assert_int_equal(v.count, 0);
    assert_string_equal(c.cpr, "0102451234");
}

static void citizen_errors_name_fields(void **state)
{
    struct citizen c = test_citizen("", 0);
    c.first_name = "  ";
    c.postcode = "27300";
    c.phone = "12";
    c.rhythm.get_up = -2;
    struct validation v = {0};
    citizen_validate(&c, "320245-1234", &v);
    assert_non_null(validation_for(&v, "cpr"));
    assert_string_equal(validation_for(&v, "cpr"),
                        "CPR-nummeret indeholder ikke en gyldig fødselsdato.");
    assert_non_null(validation_for(&v, "first_name"));
    assert_non_null(validation_for(&v, "postcode"));
    assert_non_null(validation_for(&v, "phone"));
    assert_non_null(validation_for(&v, "team_id"));
    assert_non_null(validation_for(&v, "get_up"));
    assert_null(validation_for(&v, "last_name"));
}

static void citizen_lengths(void **state)
{
    char long_name[200];
    memset(long_name, 'a', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = '\0';
    struct citizen c = test_citizen("", 1);
    c.last_name = long_name;
    struct validation v = {0};
    citizen_validate(&c, "0102451234", &v);
    assert_string_equal(validation_for(&v, "last_name"), "Teksten er for lang.");
}

static void relative_rules(void **state)
{
    struct relative r = {.name = "Ida", .relation = "datter", .email = "ida@", .phone = ""};
    struct validation v = {0};
    relative_validate(&r, &v);
    assert_non_null(validation_for(&v, "email"));
    r.email = "ida@example.dk";
    v.count = 0;
    relative_validate(&r, &v);
    assert_int_equal(v.count, 0);
}

static void user_rules(void **state)
{
    struct user u = {.username = "Sofie!", .full_name = "Sofie", .role = ROLE_CARER};
    struct validation v = {0};
    user_validate(&u, "kort", &v);
    assert_non_null(validation_for(&v, "username"));
    assert_non_null(validation_for(&v, "team_id")); /* carers need a team */
    assert_non_null(validation_for(&v, "password"));
    u.username = "sofie";
    u.team_id = 1;
    u.shifts[0] = (struct shift){1, 900, 420};
    u.shift_count = 1;
    v.count = 0;
    user_validate(&u, "en lang adgangskode", &v);
    assert_non_null(validation_for(&v, "shifts"));
    u.shifts[0] = (struct shift){1, 420, 900};
    v.count = 0;
    user_validate(&u, "en lang adgangskode", &v);
    assert_int_equal(v.count, 0);
}

static void minutes(void **state)
{
    char t[6];
    assert_int_equal(minute_parse("08:30"), 510);
    assert_int_equal(minute_parse("8:30"), 510);
    assert_int_equal(minute_parse(""), MINUTE_NONE);
    assert_int_equal(minute_parse("24:00"), -2);
    assert_int_equal(minute_parse("08:60"), -2);
    assert_int_equal(minute_parse("0830"), -2);
    assert_int_equal(minute_parse("08:30x"), -2);
    minute_format(510, t);
    assert_string_equal(t, "08:30");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(text_rules),          cmocka_unit_test(fold_for_search),
        cmocka_unit_test(good_citizen_passes), cmocka_unit_test(citizen_errors_name_fields),
        cmocka_unit_test(citizen_lengths),     cmocka_unit_test(relative_rules),
        cmocka_unit_test(user_rules),          cmocka_unit_test(minutes),
    };
    return cmocka_run_group_tests_name("core/validate", tests, NULL, NULL);
}
