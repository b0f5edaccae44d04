/* Unit tests for core/hr.c (the HR CSV import: columns, values, Danish
 * errors with line numbers) and the staff indicators over its rows. */
#include <math.h>

#include "testutil.h"

#include "core/hr.h"
#include "core/indicator.h"

static void assert_close(double a, double b)
{
    if (fabs(a - b) > 1e-6)
        fail_msg("%f != %f", a, b);
}

/* The message of the error on a line, or NULL. */
static const char *error_on(const struct data_errors *e, int line)
{
    for (int i = 0; i < e->count; i++)
        if (e->e[i].line == line)
            return e->e[i].message;
    return NULL;
}

static const char good[] =
    "\xEF\xBB\xBF"
    "medarbejder;team;periode_fra;periode_til;ansat_fra;ansat_til;introduktion_slut;elev;"
    "uddannet;arbejdsdage;sygedage_kort;sygedage_lang;trivsel\r\n"
    "M001;nord;2026-11-01;2026-11-30;2020-01-01;;;nej;;20;1;0;80\r\n"
    "M002;nord;01-11-2026;30-11-2026;2026-08-01;;2026-11-15;;;20;0;0;70\r\n"
    "\r\n"
    "\"M003\";syd;2026-11-01;2026-11-30;2024-08-01;2026-11-20;2026-11-10;;;15;3;2;\r\n";

static void parses_a_good_file(void **state)
{
    struct arena a = ARENA_INIT;
    struct data_errors e = {0};
    struct hr_row *r;
    long n;
    assert_int_equal(hr_parse(&a, good, strlen(good), &r, &n, &e), 0);
    assert_int_equal(e.count, 0);
    assert_int_equal(n, 3);
    assert_string_equal(r[0].employee, "M001");
    assert_string_equal(r[0].team, "nord");
    assert_int_equal(r[0].line, 2);
    assert_int_equal(r[0].work_days, 20);
    assert_int_equal(r[0].wellbeing, 80);
    assert_false(r[0].student);
    assert_int_equal(r[1].period_from.day, 1); /* DD-MM-ÅÅÅÅ */
    assert_int_equal(r[1].period_to.month, 11);
    assert_int_equal(r[1].intro_end.day, 15);
    assert_int_equal(r[2].line, 5); /* after a blank line */
    assert_string_equal(r[2].employee, "M003");
    assert_int_equal(r[2].wellbeing, -1);
    assert_int_equal(r[2].employed_to.day, 20);
    arena_release(&a);
}

static void errors_name_their_lines(void **state)
{
    static const char bad[] =
        "medarbejder,periode_fra,periode_til,ansat_fra,arbejdsdage,sygedage_kort,elev,uddannet\n"
        "M1,2026-11-01,2026-11-30,2020-01-01,20,2,nej,\n"              /* 2: fine */
        "M2,2026-11-31,2026-11-30,2020-01-01,20,2,,\n"                 /* 3: no such date */
        "M3,2026-11-01,2026-11-30,2020-01-01,tyve,2,,\n"               /* 4: not a number */
        "M4,2026-11-01,2026-11-30,2020-01-01,10,12,,\n"                /* 5: more sick days */
        "0102451234,2026-11-01,2026-11-30,2020-01-01,10,1,,\n"         /* 6: a CPR number */
        "M6,2026-11-30,2026-11-01,2020-01-01,10,1,,\n"                 /* 7: period backwards */
        "M7,2026-11-01,2026-11-30,2020-01-01,10,1,måske,\n"            /* 8: elev */
        "M8,2026-11-01,2026-11-30,2020-01-01,10,1\n"                   /* 9: too few fields */
        "\"M9\n continued\",2026-11-01,2026-11-30,2020-01-01,10,1,,\n" /* 10–11: newline in a name
                                                                        */
        "M10,2026-11-01,2026-11-30,2020-01-01,10,1,nej,2026-06-01\n";  /* 12: uddannet, no elev */
    struct arena a = ARENA_INIT;
    struct data_errors e = {0};
    struct hr_row *r;
    long n;
    assert_int_equal(hr_parse(&a, bad, strlen(bad), &r, &n, &e), -1);
    assert_null(r);
    assert_null(error_on(&e, 2));
    assert_non_null(strstr(error_on(&e, 3), "«periode_fra» skal være en dato"));
    assert_non_null(strstr(error_on(&e, 4), "«arbejdsdage» skal være et helt tal"));
    assert_non_null(strstr(error_on(&e, 5), "flere sygedage (12) end arbejdsdage (10)"));
    assert_non_null(strstr(error_on(&e, 6), "ligner et CPR-nummer"));
    assert_non_null(strstr(error_on(&e, 7), "«periode_til» ligger før «periode_fra»"));
    assert_non_null(strstr(error_on(&e, 8), "«elev» skal være «ja», «nej» eller tom"));
    assert_non_null(strstr(error_on(&e, 9), "Linjen har 6 felter, men overskriften har 8"));
    assert_non_null(strstr(error_on(&e, 10), "højst have 40 tegn og ingen styretegn"));
    assert_non_null(strstr(error_on(&e, 12), "«uddannet» er kun for elever"));
    char line[300];
    data_error_format(&e, 0, line, sizeof line);
    assert_non_null(strstr(line, "linje 3: "));
    arena_release(&a);
}

static void refuses_bad_files(void **state)
{
    struct arena a = ARENA_INIT;
    struct data_errors e = {0};
    struct hr_row *r;
    long n;
    /* unknown and missing columns, on the header line */
    static const char header[] = "medarbejder;navn;periode_fra;periode_til;ansat_fra;arbejdsdage\n"
                                 "M1;Inger;2026-11-01;2026-11-30;2020-01-01;20\n";
    assert_int_equal(hr_parse(&a, header, strlen(header), &r, &n, &e), -1);
    assert_non_null(strstr(error_on(&e, 1), "Kolonnen «navn» kendes ikke"));
    bool missing = false;
    for (int i = 0; i < e.count; i++)
        missing |= strstr(e.e[i].message, "Kolonnen «sygedage_kort» mangler") != NULL;
    assert_true(missing);
    /* an unclosed quote */
    memset(&e, 0, sizeof e);
    static const char quote[] = "medarbejder;periode_fra;periode_til;ansat_fra;arbejdsdage;"
                                "sygedage_kort\nM1;\"2026-11-01;2026-11-30;2020-01-01;20;1\n";
    assert_int_equal(hr_parse(&a, quote, strlen(quote), &r, &n, &e), -1);
    assert_true(e.count >= 1);
    assert_int_equal(e.e[0].line, 2);
    /* not UTF-8 (Latin-1 "ø") */
    memset(&e, 0, sizeof e);
    static const char latin1[] = "medarbejder\nS\xf8ren\n";
    assert_int_equal(hr_parse(&a, latin1, strlen(latin1), &r, &n, &e), -1);
    assert_non_null(strstr(e.e[0].message, "UTF-8"));
    /* empty, and a header alone */
    memset(&e, 0, sizeof e);
    assert_int_equal(hr_parse(&a, "", 0, &r, &n, &e), -1);
    assert_non_null(strstr(e.e[0].message, "tom"));
    memset(&e, 0, sizeof e);
    static const char only[] =
        "medarbejder;periode_fra;periode_til;ansat_fra;arbejdsdage;sygedage_kort\n";
    assert_int_equal(hr_parse(&a, only, strlen(only), &r, &n, &e), -1);
    assert_non_null(strstr(e.e[0].message, "ingen rækker"));
    /* a NUL inside */
    memset(&e, 0, sizeof e);
    assert_int_equal(hr_parse(&a, "medarbejder\0x", 13, &r, &n, &e), -1);
    arena_release(&a);
}

static void many_errors_are_counted(void **state)
{
    struct arena a = ARENA_INIT;
    struct data_errors e = {0};
    struct hr_row *r;
    long n;
    char *text = malloc(200 * 80);
    size_t len = (size_t)sprintf(text, "medarbejder;periode_fra;periode_til;ansat_fra;arbejdsdage;"
                                       "sygedage_kort\n");
    for (int i = 0; i < 100; i++)
        len += (size_t)sprintf(text + len, "M%d;x;2026-11-30;2020-01-01;20;1\n", i);
    assert_int_equal(hr_parse(&a, text, len, &r, &n, &e), -1);
    assert_int_equal(e.count, DATA_ERRORS_MAX);
    assert_int_equal(e.dropped, 100 - DATA_ERRORS_MAX);
    free(text);
    arena_release(&a);
}

/* --- staff indicators --------------------------------------------------------- */

static const char staff[] =
    "medarbejder;team;periode_fra;periode_til;ansat_fra;ansat_til;introduktion_slut;elev;"
    "uddannet;arbejdsdage;sygedage_kort;sygedage_lang;trivsel\n"
    /* November: 6 employees in nord, 1 in syd */
    "A;nord;2026-11-01;2026-11-30;2019-01-01;;;;;20;1;0;80\n"
    "B;nord;2026-11-01;2026-11-30;2019-01-01;;;;;20;0;5;60\n"
    "C;nord;2026-11-01;2026-11-30;2026-08-01;;2026-11-10;;;20;2;0;70\n"
    "D;nord;2026-11-01;2026-11-30;2026-08-01;2026-11-05;2026-11-12;;;4;0;0;\n"
    "E;nord;2026-11-01;2026-11-30;2024-06-01;;;ja;2024-11-15;18;0;0;90\n"
    "F;nord;2026-11-01;2026-11-30;2024-06-01;2026-11-01;;ja;2024-11-20;0;0;0;\n"
    "G;syd;2026-11-01;2026-11-30;2020-01-01;;2026-11-20;;;18;3;0;50\n"
    /* October for A: a period outside November, and an older row */
    "A;nord;2026-10-01;2026-10-31;2019-01-01;;;;;22;4;0;40\n";

static void staff_indicators(void **state)
{
    struct arena a = ARENA_INIT;
    struct data_errors e = {0};
    struct hr_row *r;
    long n;
    assert_int_equal(hr_parse(&a, staff, strlen(staff), &r, &n, &e), 0);
    assert_int_equal(n, 8);
    struct ind_period nov = {{2026, 11, 1}, {2026, 11, 30}, 0};
    struct ind_value x;
    /* short-term sick leave: (1+0+2+0+0+0+3) / (20+20+20+4+18+0+18) = 6 / 100 */
    assert_int_equal(ind_short_sick_leave(&a, r, n, &nov, NULL, &x), 0);
    assert_int_equal(x.num, 6);
    assert_int_equal(x.den, 100);
    assert_close(x.value, 6);
    assert_int_equal(x.persons, 7);
    assert_false(x.suppressed);
    /* nord only: 3 / 82 */
    assert_int_equal(ind_short_sick_leave(&a, r, n, &nov, "nord", &x), 0);
    assert_int_equal(x.num, 3);
    assert_int_equal(x.den, 82);
    assert_int_equal(x.persons, 6);
    /* syd: one employee, suppressed */
    assert_int_equal(ind_short_sick_leave(&a, r, n, &nov, "syd", &x), 0);
    assert_true(x.suppressed);
    /* retention: introductions ended in November: C (stays), D (left 5 Nov, before its
     * end), G (stays) → 2 of 3 */
    assert_int_equal(ind_retention_after_intro(&a, r, n, &nov, NULL, &x), 0);
    assert_int_equal(x.den, 3);
    assert_int_equal(x.num, 2);
    assert_true(x.suppressed);
    /* students: E finished 15 Nov 2024 and is employed on 15 Nov 2026; F finished 20 Nov
     * 2024 and left 1 Nov 2026 → 1 of 2 */
    assert_int_equal(ind_students_after_2y(&a, r, n, &nov, NULL, &x), 0);
    assert_int_equal(x.den, 2);
    assert_int_equal(x.num, 1);
    /* wellbeing: (80+60+70+90+50) / 5 = 70, five employees answered */
    assert_int_equal(ind_wellbeing(&a, r, n, &nov, NULL, &x), 0);
    assert_close(x.value, 70);
    assert_int_equal(x.persons, 5);
    assert_false(x.suppressed);
    /* nothing in December */
    struct ind_period dec = {{2026, 12, 1}, {2026, 12, 31}, 0};
    assert_int_equal(ind_short_sick_leave(&a, r, n, &dec, NULL, &x), 0);
    assert_true(x.empty);
    arena_release(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parses_a_good_file), cmocka_unit_test(errors_name_their_lines),
        cmocka_unit_test(refuses_bad_files),  cmocka_unit_test(many_errors_are_counted),
        cmocka_unit_test(staff_indicators),
    };
    return cmocka_run_group_tests_name("core/hr", tests, NULL, NULL);
}
