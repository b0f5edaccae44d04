/* Unit tests for core/access.c: the capability table by role and team. */
#include "testutil.h"

#include "core/access.h"

static void care_staff_see_only_their_team(void **state)
{
    struct actor carer = {.role = ROLE_CARER, .team_id = 1};
    struct actor nurse = {.role = ROLE_NURSE, .team_id = 2};
    assert_true(access_can_team(&carer, CAP_CITIZENS, 1));
    assert_false(access_can_team(&carer, CAP_CITIZENS, 2));
    assert_true(access_can_team(&nurse, CAP_CITIZENS, 2));
    assert_false(access_can_team(&nurse, CAP_CITIZENS, 1));
    assert_int_equal(access_scope(&carer, CAP_CITIZENS), 1);
    assert_false(access_can(&carer, CAP_CITIZEN_WRITE));
    struct actor teamless = {.role = ROLE_CARER, .team_id = 0};
    assert_false(access_can(&teamless, CAP_CITIZENS));
    assert_false(access_can_team(&teamless, CAP_CITIZENS, 0));
}

static void visitator_and_planner_see_all(void **state)
{
    struct actor vis = {.role = ROLE_VISITATOR};
    struct actor plan = {.role = ROLE_PLANNER, .team_id = 3};
    assert_true(access_can_team(&vis, CAP_CITIZENS, 1));
    assert_true(access_can_team(&plan, CAP_CITIZENS, 1));
    assert_int_equal(access_scope(&plan, CAP_CITIZENS), 0);
    assert_true(access_can(&vis, CAP_CITIZEN_WRITE));
    assert_false(access_can(&plan, CAP_CITIZEN_WRITE));
}

static void admin_and_manager_see_no_records(void **state)
{
    struct actor admin = {.role = ROLE_ADMIN};
    struct actor leder = {.role = ROLE_MANAGER};
    assert_false(access_can(&admin, CAP_CITIZENS));
    assert_false(access_can_team(&admin, CAP_CITIZENS, 1));
    assert_false(access_can_team(&leder, CAP_CITIZENS, 1));
    assert_true(access_can(&admin, CAP_ADMIN));
    assert_false(access_can(&leder, CAP_ADMIN));
    assert_false(access_can(NULL, CAP_CITIZENS));
    assert_true(access_can(NULL, CAP_PUBLIC));
    struct actor nobody = {.role = ROLE_NONE};
    assert_false(access_can(&nobody, CAP_SIGNED_IN));
}

/* Daily practice: the own team's care staff document; the own team's nurse
 * or any planner decides triage; the board is the team's and its leaders'. */
static void daily_practice_by_team(void **state)
{
    struct actor carer = {.role = ROLE_CARER, .team_id = 1};
    struct actor nurse = {.role = ROLE_NURSE, .team_id = 1};
    struct actor plan = {.role = ROLE_PLANNER};
    struct actor vis = {.role = ROLE_VISITATOR};
    assert_true(access_can_team(&carer, CAP_DOCUMENT, 1));
    assert_false(access_can_team(&carer, CAP_DOCUMENT, 2));
    assert_false(access_can(&plan, CAP_DOCUMENT));
    assert_false(access_can(&carer, CAP_TRIAGE));
    assert_true(access_can_team(&nurse, CAP_TRIAGE, 1));
    assert_false(access_can_team(&nurse, CAP_TRIAGE, 2));
    assert_true(access_can_team(&plan, CAP_TRIAGE, 2));
    assert_true(access_can_team(&plan, CAP_BOARD, 2));
    assert_false(access_can(&vis, CAP_BOARD));
    assert_true(access_can(&vis, CAP_PREVENTION));
    assert_false(access_can(&carer, CAP_PLAN));
}

/* Every capability has a name and a Danish reason; every role holds
 * SIGNED_IN and nothing is granted to ROLE_NONE. */
static void table_is_complete(void **state)
{
    for (int c = 0; c < CAP_COUNT; c++) {
        assert_string_not_equal(cap_name((enum cap)c), "?");
        if (c != CAP_PUBLIC)
            assert_true(strlen(access_denied_message((enum cap)c)) > 10);
    }
    for (int r = ROLE_NONE + 1; r < ROLE_COUNT; r++) {
        struct actor a = {.role = (enum role)r, .team_id = 1};
        assert_true(access_can(&a, CAP_SIGNED_IN));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(care_staff_see_only_their_team),
        cmocka_unit_test(visitator_and_planner_see_all),
        cmocka_unit_test(admin_and_manager_see_no_records),
        cmocka_unit_test(daily_practice_by_team),
        cmocka_unit_test(table_is_complete),
    };
    return cmocka_run_group_tests_name("core/access", tests, NULL, NULL);
}
