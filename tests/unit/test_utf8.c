/* test_utf8.c -- the UTF-8 policy of src/text/utf8.c, case by case. */
#include "testutil.h"

static const struct {
    const char *what, *bytes;
    size_t len;
    ng_status want;
    size_t offset;
} cases[] = {
    {"ASCII", "Lavrov", 6, NG_OK, 0},
    {"Cyrillic", "\xD0\x9B\xD0\xB0\xD0\xB2", 6, NG_OK, 0},
    {"4-byte emoji", "a\xF0\x9F\x98\x80", 5, NG_OK, 0},
    {"BOM is valid", "\xEF\xBB\xBFx", 4, NG_OK, 0},
    {"lone continuation", "ab\x80", 3, NG_EUTF8, 2},
    {"overlong slash C0 AF", "a\xC0\xAF", 3, NG_EUTF8, 1},
    {"overlong NUL C0 80", "\xC0\x80", 2, NG_EUTF8, 0},
    {"overlong 3-byte", "\xE0\x80\xAF", 3, NG_EUTF8, 0},
    {"overlong 4-byte", "\xF0\x80\x80\xAF", 4, NG_EUTF8, 0},
    {"surrogate D800", "x\xED\xA0\x80", 4, NG_EUTF8, 1},
    {"above U+10FFFF", "\xF4\x90\x80\x80", 4, NG_EUTF8, 0},
    {"F5 lead", "\xF5\x80\x80\x80", 4, NG_EUTF8, 0},
    {"truncated at end", "ab\xD0", 3, NG_EUTF8, 2},
    {"truncated 3-byte", "\xE2\x82", 2, NG_EUTF8, 0},
    {"bad continuation", "\xD0\x41", 2, NG_EUTF8, 0},
    {"NUL byte", "ab\0cd", 5, NG_ENUL, 2},
    {"Latin-1 byte", "Caf\xE9", 4, NG_EUTF8, 3},
};

static void test_policy(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t off = 999;
        ng_status st = ng_utf8_check(cases[i].bytes, cases[i].len, &off);
        if (st != cases[i].want) fail_msg("%s: status %d, want %d", cases[i].what, st, cases[i].want);
        if (st != NG_OK && off != cases[i].offset)
            fail_msg("%s: offset %zu, want %zu", cases[i].what, off, cases[i].offset);
    }
}

static void test_lenient_counts(void **state)
{
    (void)state;
    /* the metrics count a bad byte as one U+FFFD */
    assert_int_equal(ng_levenshtein("caf\xE9", "cafe"), 1);
    assert_int_equal(ng_levenshtein("\xD0\x9B", "\xD0\x9B"), 0);
    assert_int_equal(ng_hamming("\xC0\xAF", "ab"), 2);
}

static void test_parse_rejects(void **state)
{
    ng_engine *e = *state;
    ng_name *n = NULL;
    assert_int_equal(ng_name_parse(e, "Iv\xC0\xAFn", (size_t)-1, &n), NG_EUTF8);
    assert_null(n);
    assert_string_equal(ng_engine_errmsg(e), "invalid UTF-8 at byte 2");
    assert_int_equal(ng_name_parse(e, "Iv\0an", 5, &n), NG_ENUL);
    assert_string_equal(ng_engine_errmsg(e), "NUL byte at byte 2");
    char big[NG_NAME_MAX_BYTES + 2];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = 0;
    assert_int_equal(ng_name_parse(e, big, (size_t)-1, &n), NG_ELIMIT);
    assert_int_equal(ng_name_parse(e, " ,. - ", (size_t)-1, &n), NG_EEMPTY);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_policy),
        cmocka_unit_test(test_lenient_counts),
        cmocka_unit_test(test_parse_rejects),
    };
    return cmocka_run_group_tests_name("utf8", tests, engine_setup, engine_teardown);
}
