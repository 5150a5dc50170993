/* test_fold.c -- ng_text_fold(): NFKC, case folding, marks, the fold table. */
#include "testutil.h"
#include "text/fold.h"
#include "text/tables.h"
#include "text/utf8.h"

static const struct { const char *in, *out; } cases[] = {
    {"Ławrow", "lawrow"},
    {"Sergueï", "serguei"},
    {"STRAßE", "strasse"},
    {"Lukash\xC2\xB7" "enka", "lukashenka"},
    {"Zelens\xCA\xB9kyy", "zelenskyy"},
    {"\xEF\xAC\x81nn", "finn"},              /* ﬁ ligature */
    {"Øystein Ødegård", "oystein odegard"},
    {"Đorđe", "dorde"},
    {"Æbeltoft Þór", "aebeltoft thor"},
    {"Œuvre", "oeuvre"},
    {"Iı", "ii"},                           /* Turkish dotless i */
    {"Chruščov", "chruscov"},
    {"O'Brien", "obrien"},
    {"D\xE2\x80\x99" "Artagnan", "dartagnan"},
    {"Ḥusayn", "husayn"},
    {"", ""},
};

static void test_fold_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *out = NULL;
        assert_int_equal(ng_text_fold(cases[i].in, strlen(cases[i].in), &out), NG_OK);
        if (strcmp(out, cases[i].out) != 0)
            fail_msg("fold(%s) = \"%s\", want \"%s\"", cases[i].in, out, cases[i].out);
        free(out);
    }
}

static void test_fold_rejects_nothing_valid(void **state)
{
    (void)state;
    /* every BMP letter folds without error */
    char buf[8];
    for (uint32_t cp = 0x41; cp < 0x3000; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF) continue;
        size_t n = 0;
        if (cp < 0x80) buf[n++] = (char)cp;
        else if (cp < 0x800) { buf[n++] = (char)(0xC0 | (cp >> 6)); buf[n++] = (char)(0x80 | (cp & 0x3F)); }
        else { buf[n++] = (char)(0xE0 | (cp >> 12)); buf[n++] = (char)(0x80 | ((cp >> 6) & 0x3F)); buf[n++] = (char)(0x80 | (cp & 0x3F)); }
        char *out = NULL;
        assert_int_equal(ng_text_fold(buf, n, &out), NG_OK);
        free(out);
    }
}

/* fold.c searches the table by halves: two fields a row, sorted, unique */
static void test_table_shape(void **state)
{
    (void)state;
    const ng_table *t = &ng_tab_fold;
    uint32_t prev = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        const char *const *row = t->cells + 3 * r;
        assert_non_null(row[0]);
        assert_non_null(row[1]);
        assert_null(row[2]);
        size_t i = 0;
        uint32_t c = utf8_next(row[0], strlen(row[0]), &i, NULL);
        if (r > 0 && c <= prev) fail_msg("fold.txt: U+%04X after U+%04X", c, prev);
        prev = c;
        assert_ptr_equal(text_fold_cp(c), row[1]);
    }
    assert_null(text_fold_cp('a'));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fold_table),
        cmocka_unit_test(test_fold_rejects_nothing_valid),
        cmocka_unit_test(test_table_shape),
    };
    return cmocka_run_group_tests_name("fold", tests, NULL, NULL);
}
