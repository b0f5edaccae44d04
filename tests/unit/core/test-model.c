/* Unit tests for core/model.c: who may be chosen for what. */
#include "testutil.h"

#include "core/model.h"

static void staff_assignable_by_role_and_purpose(void **state)
{
    static const enum staff_purpose every[] = {STAFF_CONTACT, STAFF_FOLLOW_UP, STAFF_PREVENTIVE,
                                               STAFF_ABSENCE};
    for (int role = ROLE_NONE; role < ROLE_COUNT; role++) {
        struct user u = {.role = (enum role)role, .active = true};
        bool staff = role != ROLE_NONE && role != ROLE_ADMIN && role != ROLE_MANAGER;
        for (size_t p = 0; p < sizeof every / sizeof every[0]; p++) {
            bool want = staff;
            if (every[p] == STAFF_PREVENTIVE)
                want = role == ROLE_VISITATOR || role == ROLE_NURSE || role == ROLE_THERAPIST;
            assert_int_equal(staff_assignable(&u, every[p]), want);
            u.active = false; /* nobody who has left */
            assert_false(staff_assignable(&u, every[p]));
            u.active = true;
        }
    }
    assert_false(staff_assignable(NULL, STAFF_CONTACT));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(staff_assignable_by_role_and_purpose),
    };
    return cmocka_run_group_tests_name("core/model", tests, NULL, NULL);
}
