/* Unit tests for core/cpr.c: formats, dates, centuries, the fictitious scheme. */
#include "testutil.h"

#include "core/cpr.h"

static void normalise_accepts_both_forms(void **state)
{
    char d[11];
    assert_true(cpr_normalise("010245-1234", d));
    assert_string_equal(d, "0102451234");
    assert_true(cpr_normalise(" 0102451234 ", d));
    assert_string_equal(d, "0102451234");
}

static void normalise_rejects_bad_forms(void **state)
{
    char d[11];
    assert_false(cpr_normalise("010245-123", d));
    assert_false(cpr_normalise("01024512345", d));
    assert_false(cpr_normalise("0102-451234", d));
    assert_false(cpr_normalise("010245-12a4", d));
    assert_false(cpr_normalise("", d));
    assert_false(cpr_normalise("010245-", d));
    assert_false(cpr_normalise("0102 451234", d));
    assert_false(cpr_normalise(NULL, d));
}

static void dates_must_be_real(void **state)
{
    assert_true(cpr_valid("290244-1234"));  /* 1944 is a leap year */
    assert_false(cpr_valid("290243-1234")); /* 1943 is not */
    assert_false(cpr_valid("320145-1234"));
    assert_false(cpr_valid("001245-1234"));
    assert_false(cpr_valid("011345-1234"));
    assert_false(cpr_valid("310445-1234"));
    assert_true(cpr_valid("290200-4000")); /* 7th digit 4, year 00 → 2000, leap */
    assert_false(cpr_valid("290200-1000")); /* 1900 was not a leap year */
}

static void century_from_seventh_digit(void **state)
{
    struct date b;
    assert_true(cpr_birth_date("0102451234", &b));
    assert_int_equal(b.year, 1945);
    assert_true(cpr_birth_date("0102104234", &b));
    assert_int_equal(b.year, 2010);
    assert_true(cpr_birth_date("0102454234", &b));
    assert_int_equal(b.year, 1945);
    assert_true(cpr_birth_date("0102585234", &b));
    assert_int_equal(b.year, 1858);
    assert_true(cpr_birth_date("0102205234", &b));
    assert_int_equal(b.year, 2020);
    assert_true(cpr_birth_date("0102369234", &b));
    assert_int_equal(b.year, 2036);
    assert_true(cpr_birth_date("0102379234", &b));
    assert_int_equal(b.year, 1937);
}

static void mod11(void **state)
{
    /* 4·0+3·7+2·0+7·8+6·6+5·1+4·2+3·3+2·4+1·? : pick a known-good one */
    assert_true(cpr_mod11("0707614285"));
    assert_false(cpr_mod11("0707614286"));
}

static void fictitious_scheme(void **state)
{
    assert_false(cpr_is_fictitious("0707614285")); /* passes mod 11: could be real */
    assert_true(cpr_is_fictitious("0707614286"));  /* fails mod 11, born 1961 */
    assert_false(cpr_is_fictitious("0101614286")); /* 1 January: such numbers exist */
    assert_false(cpr_is_fictitious("0711104286")); /* born 2010: such numbers exist */
}

static void age_on_birthday(void **state)
{
    struct date b = {1944, 2, 29};
    assert_int_equal(date_age(b, (struct date){2026, 2, 28}), 81);
    assert_int_equal(date_age(b, (struct date){2026, 3, 1}), 82);
    assert_int_equal(date_age((struct date){1950, 6, 15}, (struct date){2026, 6, 15}), 76);
}

static void format(void **state)
{
    char out[12];
    cpr_format("0102451234", out);
    assert_string_equal(out, "010245-1234");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(normalise_accepts_both_forms), cmocka_unit_test(normalise_rejects_bad_forms),
        cmocka_unit_test(dates_must_be_real),           cmocka_unit_test(century_from_seventh_digit),
        cmocka_unit_test(mod11),                        cmocka_unit_test(fictitious_scheme),
        cmocka_unit_test(age_on_birthday),              cmocka_unit_test(format),
    };
    return cmocka_run_group_tests_name("core/cpr", tests, NULL, NULL);
}
