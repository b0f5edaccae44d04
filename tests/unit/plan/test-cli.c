/* test-cli.c — `omsorg plan`, `plan-check` and `plan-gen` driven through
 * their cmd_* functions: exit codes for good runs, bad usage and bad plans. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "cli/cli.h"
#include "plan-test.h"

#include <unistd.h>

/* Call cmd with the NULL-terminated argument list that follows. */
static int run(int (*cmd)(int, char **), ...)
{
    const char *v[24];
    int n = 0;
    va_list ap;
    va_start(ap, cmd);
    while (n < 23 && (v[n] = va_arg(ap, const char *)) != NULL)
        n++;
    va_end(ap);
    v[n] = NULL;
    return cmd(n, (char **)v);
}

static void plan_gen_plan_check(void **state)
{
    (void)state;
    char dir[] = "/tmp/omsorg-plan-cli-XXXXXX", prob[300], sol[300], bad[300];
    assert_non_null(mkdtemp(dir));
    snprintf(prob, sizeof prob, "%s/day.json", dir);
    snprintf(sol, sizeof sol, "%s/sol.json", dir);
    snprintf(bad, sizeof bad, "%s/bad.json", dir);
    assert_int_equal(run(cmd_plan_gen, "plan-gen", "--visits", "40", "--carers", "5", "-o", prob, NULL), 0);
    assert_int_equal(run(cmd_plan, "plan", "--iterations", "200", "--seed", "3", prob, "-o", sol, NULL), 0);
    assert_int_equal(run(cmd_plan_check, "plan-check", prob, sol, NULL), 0);
    /* tamper: claim a different travel time */
    json_t *js = json_load_file(sol, 0, NULL);
    assert_non_null(js);
    json_object_set_new(json_object_get(js, "summary"), "travel", json_real(1));
    assert_int_equal(json_dump_file(js, bad, 0), 0);
    json_decref(js);
    assert_int_equal(run(cmd_plan_check, "plan-check", prob, bad, NULL), 1);
    /* a planted day and its planted plan, which the checker accepts */
    assert_int_equal(run(cmd_plan_gen, "plan-gen", "--planted", "--visits", "60", "--utilization",
                         "0.9", "--teams", "--preferences", "--double", "0.05", "--sync", "0.05",
                         "-o", prob, "--plan", bad, NULL),
                     0);
    assert_int_equal(run(cmd_plan_check, "plan-check", prob, bad, NULL), 0);
    assert_int_equal(run(cmd_plan, "plan", "--iterations", "200", prob, "-o", sol, NULL), 0);
    assert_int_equal(run(cmd_plan_check, "plan-check", prob, sol, NULL), 0);
    /* two threads, same plan as asked for with the same seeds and budget */
    assert_int_equal(run(cmd_plan, "plan", "--threads", "2", "--iterations", "100", prob, "-o", sol, NULL), 0);
    assert_int_equal(run(cmd_plan_check, "plan-check", prob, sol, NULL), 0);
    unlink(prob);
    unlink(sol);
    unlink(bad);
    rmdir(dir);
}

static void bad_usage(void **state)
{
    (void)state;
    assert_int_equal(run(cmd_plan, "plan", NULL), EXIT_USAGE);
    assert_int_equal(run(cmd_plan, "plan", "--bogus", "x", NULL), EXIT_USAGE);
    assert_int_equal(run(cmd_plan, "plan", "--seed", "-3", "x", NULL), EXIT_USAGE);
    assert_int_equal(run(cmd_plan, "plan", "--time-limit", "soon", "x", NULL), EXIT_USAGE);
    assert_int_equal(run(cmd_plan, "plan", "/nonexistent.json", NULL), EXIT_USAGE);
    assert_int_equal(run(cmd_plan, "plan", "--help", NULL), 0);
    assert_int_equal(run(cmd_plan_check, "plan-check", "one", NULL), EXIT_USAGE);
    assert_int_equal(run(cmd_plan_gen, "plan-gen", "--visits", "0", NULL), EXIT_USAGE);
    assert_int_equal(run(cmd_plan_gen, "plan-gen", "--help", NULL), 0);
    assert_int_equal(run(cmd_plan_gen, "plan-gen", "--planted", NULL), EXIT_USAGE);
    assert_int_equal(run(cmd_plan_gen, "plan-gen", "--planted", "--visits", "50", "--utilization",
                         "1.5", NULL),
                     EXIT_USAGE);
    assert_int_equal(run(cmd_plan_gen, "plan-gen", "--planted", "--visits", "50", "--carers", "5",
                         NULL),
                     EXIT_USAGE);
    assert_int_equal(run(cmd_plan_gen, "plan-gen", "--visits", "50", "--carers", "5", "--teams",
                         NULL),
                     EXIT_USAGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(plan_gen_plan_check),
        cmocka_unit_test(bad_usage),
    };
    return cmocka_run_group_tests_name("plan-cli", tests, NULL, NULL);
}
