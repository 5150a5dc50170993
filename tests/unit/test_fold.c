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

/* Every code point text_is_nfc_inert() lets through is its own NFC, alone
 * and beside any other such code point. */
static void test_nfc_inert(void **state)
{
    (void)state;
    uint32_t inert[1200];
    size_t n = 0;
    for (uint32_t cp = 1; cp < 0x600; cp++) {
        char b[8];
        size_t l = utf8_put(cp, b);
        if (text_is_nfc_inert(b, l)) inert[n++] = cp;
    }
    assert_true(n > 1000 && n < 1200);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            char b[16];
            size_t l = utf8_put(inert[i], b);
            l += utf8_put(inert[j], b + l);
            b[l] = 0;
            char *out = NULL;
            assert_int_equal(text_nfc(b, l, &out), NG_OK);
            if (strcmp(out, b) != 0) fail_msg("NFC changes U+%04X U+%04X", inert[i], inert[j]);
            free(out);
        }
    /* what NFC may change is not inert */
    static const char *const changed[] = {
        "Sergue\xCC\x88i",    /* a combining diaeresis */
        "\xE2\x84\xAB",        /* the Angstrom sign, NFC U+00C5 */
        "\xCD\xBE",            /* the Greek question mark, NFC ';' */
        "\xD0\x98\xCC\x86",    /* И and a combining breve, NFC Й */
        "\xEA\xB0\x80",        /* Hangul */
    };
    for (size_t i = 0; i < sizeof changed / sizeof *changed; i++)
        assert_false(text_is_nfc_inert(changed[i], strlen(changed[i])));
    assert_true(text_is_nfc_inert("Ławrow Сергей Лавров", strlen("Ławrow Сергей Лавров")));
}

/* The ASCII answers of the case and class functions are Unicode's. */
static void test_ascii_classes(void **state)
{
    (void)state;
    for (uint32_t cp = 0; cp < 0x80; cp++) {
        int up = cp >= 'A' && cp <= 'Z', low = cp >= 'a' && cp <= 'z';
        assert_int_equal(text_isupper(cp), up);
        assert_int_equal(text_isletter(cp), up || low);
        assert_int_equal(text_ismark(cp), 0);
        assert_int_equal(text_tolower(cp), up ? cp + 32 : cp);
        assert_int_equal(text_toupper(cp), low ? cp - 32 : cp);
    }
    assert_int_equal(text_tolower(0x0100), 0x0101);
    assert_true(text_isupper(0x0416));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fold_table),
        cmocka_unit_test(test_fold_rejects_nothing_valid),
        cmocka_unit_test(test_table_shape),
        cmocka_unit_test(test_nfc_inert),
        cmocka_unit_test(test_ascii_classes),
    };
    return cmocka_run_group_tests_name("fold", tests, NULL, NULL);
}
