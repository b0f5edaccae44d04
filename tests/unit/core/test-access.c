/* Unit tests for core/access.c: the role and team table. */
#include "testutil.h"

#include "core/access.h"

static void care_staff_see_only_their_team(void **state)
{
    struct actor carer = {.role = ROLE_CARER, .team_id = 1};
    struct actor nurse = {.role = ROLE_NURSE, .team_id = 2};
    assert_true(access_citizen_read(&carer, 1));
    assert_false(access_citizen_read(&carer, 2));
    assert_true(access_citizen_read(&nurse, 2));
    assert_false(access_citizen_read(&nurse, 1));
    assert_int_equal(access_team_scope(&carer), 1);
    assert_false(access_citizen_write(&carer));
    struct actor teamless = {.role = ROLE_CARER, .team_id = 0};
    assert_false(access_citizens(&teamless));
    assert_false(access_citizen_read(&teamless, 0));
}

static void visitator_and_planner_see_all(void **state)
{
    struct actor vis = {.role = ROLE_VISITATOR};
    struct actor plan = {.role = ROLE_PLANNER, .team_id = 3};
    assert_true(access_citizen_read(&vis, 1));
    assert_true(access_citizen_read(&plan, 1));
    assert_int_equal(access_team_scope(&plan), 0);
    assert_true(access_citizen_write(&vis));
    assert_false(access_citizen_write(&plan));
}

static void admin_and_manager_see_no_records(void **state)
{
    struct actor admin = {.role = ROLE_ADMIN};
    struct actor leder = {.role = ROLE_MANAGER};
    assert_false(access_citizens(&admin));
    assert_false(access_citizen_read(&admin, 1));
    assert_false(access_citizen_read(&leder, 1));
    assert_true(access_admin(&admin));
    assert_false(access_admin(&leder));
    assert_false(access_citizens(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(care_staff_see_only_their_team),
        cmocka_unit_test(visitator_and_planner_see_all),
        cmocka_unit_test(admin_and_manager_see_no_records),
    };
    return cmocka_run_group_tests_name("core/access", tests, NULL, NULL);
}
