/* Unit tests for lib/strbuf.c and lib/arena.c. */
#include "testutil.h"

#include "lib/arena.h"
#include "lib/strbuf.h"

static void strbuf_invariants(void **state)
{
    struct strbuf sb = STRBUF_INIT;
    assert_non_null(sb.buf);
    assert_string_equal(sb.buf, "");
    strbuf_adds(&sb, "hej");
    strbuf_addch(&sb, ' ');
    strbuf_addf(&sb, "%d", 42);
    assert_string_equal(sb.buf, "hej 42");
    assert_int_equal(sb.len, 6);
    for (int i = 0; i < 1000; i++)
        strbuf_adds(&sb, "0123456789");
    assert_int_equal(sb.len, 10006);
    size_t len;
    char *p = strbuf_detach(&sb, &len);
    assert_int_equal(len, 10006);
    assert_string_equal(sb.buf, "");
    free(p);
    strbuf_release(&sb);
}

static void arena_alignment_and_limit(void **state)
{
    struct arena a = ARENA_INIT;
    for (int i = 1; i < 100; i++) {
        void *p = arena_alloc(&a, (size_t)i * 37);
        assert_non_null(p);
        assert_int_equal((uintptr_t)p % 16, 0);
    }
    char *s = arena_printf(&a, "%s-%d", "x", 7);
    assert_string_equal(s, "x-7");
    assert_null(arena_strdup(&a, NULL));
    arena_release(&a);
    a.limit = 1000;
    assert_non_null(arena_alloc(&a, 900));
    assert_null(arena_alloc(&a, 200));
    arena_release(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(strbuf_invariants),
        cmocka_unit_test(arena_alignment_and_limit),
    };
    return cmocka_run_group_tests_name("lib", tests, NULL, NULL);
}
