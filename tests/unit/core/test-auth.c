/* Unit tests for core/auth.c: Argon2id hashes and tokens. */
#include "testutil.h"

#include "core/auth.h"

static void hash_and_verify(void **state)
{
    char hash[AUTH_HASH_MAX];
    assert_true(auth_init());
    assert_true(auth_password_hash("korrekt hest batteri", hash));
    assert_memory_equal(hash, "$argon2id$", 10);
    assert_true(auth_password_verify(hash, "korrekt hest batteri"));
    assert_false(auth_password_verify(hash, "korrekt hest batteri!"));
    assert_false(auth_password_verify("not a hash", "x"));
    assert_false(auth_password_verify(NULL, "x"));
}

static void tokens_are_random_and_digested(void **state)
{
    char a[AUTH_TOKEN_LEN + 1], b[AUTH_TOKEN_LEN + 1];
    char da[AUTH_DIGEST_HEX + 1], db[AUTH_DIGEST_HEX + 1];
    assert_true(auth_init());
    auth_token_new(a);
    auth_token_new(b);
    assert_int_equal(strlen(a), AUTH_TOKEN_LEN);
    assert_string_not_equal(a, b);
    auth_token_digest(a, da);
    auth_token_digest(a, db);
    assert_string_equal(da, db);
    assert_int_equal(strlen(da), AUTH_DIGEST_HEX);
    assert_true(auth_equal(a, a));
    assert_false(auth_equal(a, b));
    assert_false(auth_equal("", ""));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hash_and_verify),
        cmocka_unit_test(tokens_are_random_and_digested),
    };
    return cmocka_run_group_tests_name("core/auth", tests, NULL, NULL);
}
