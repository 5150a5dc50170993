/* test_strmap.c -- the string map of src/text/strmap.c: insert, overwrite,
 * growth past many doublings, keys with NUL bytes and the empty key. */
#include "testutil.h"
#include "text/strmap.h"

static void test_basic(void **state)
{
    (void)state;
    strmap *m = strmap_new();
    assert_non_null(m);
    int32_t v = -1;
    assert_false(strmap_get(m, "a", 1, &v));
    assert_int_equal(strmap_put(m, "a", 1, 7), 0);
    assert_true(strmap_get(m, "a", 1, &v));
    assert_int_equal(v, 7);
    assert_int_equal(strmap_put(m, "a", 1, 9), 0);   /* overwrite */
    assert_true(strmap_get(m, "a", 1, &v));
    assert_int_equal(v, 9);
    assert_int_equal(strmap_count(m), 1);
    assert_int_equal(strmap_put(m, "", 0, 3), 0);     /* the empty key */
    assert_true(strmap_get(m, "", 0, &v));
    assert_int_equal(v, 3);
    assert_int_equal(strmap_put(m, "x\0y", 3, 4), 0); /* bytes, not C strings */
    assert_false(strmap_get(m, "x", 1, &v));
    assert_true(strmap_get(m, "x\0y", 3, &v));
    assert_int_equal(v, 4);
    strmap_free(m);
    strmap_free(NULL);
}

static void test_growth(void **state)
{
    (void)state;
    strmap *m = strmap_new();
    char k[32];
    for (int i = 0; i < 100000; i++) {
        int n = snprintf(k, sizeof k, "key%d", i);
        assert_int_equal(strmap_put(m, k, (size_t)n, i), 0);
    }
    assert_int_equal(strmap_count(m), 100000);
    for (int i = 0; i < 100000; i += 7) {
        int n = snprintf(k, sizeof k, "key%d", i);
        int32_t v;
        assert_true(strmap_get(m, k, (size_t)n, &v));
        assert_int_equal(v, i);
    }
    assert_false(strmap_get(m, "key100000", 9, NULL));
    strmap_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basic),
        cmocka_unit_test(test_growth),
    };
    return cmocka_run_group_tests_name("strmap", tests, NULL, NULL);
}
