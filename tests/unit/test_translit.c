/* test_translit.c -- choice of transliterator, no Cyrillic left behind, and
 * conformance with the published vectors of the systems nongrata claims. */
#include "testutil.h"
#include "text/fold.h"
#include "text/script.h"
#include "text/translit.h"
#include "text/utf8.h"

static const char *pick(const char *s)
{
    size_t n;
    uint32_t *c = utf8_to_cps(s, &n);
    const char *id = translit_pick(c, n);
    free(c);
    return id ? id : "(none)";
}

static void test_pick(void **state)
{
    (void)state;
    static const struct { const char *name, *id; } cases[] = {
        {"Сергей Лавров", "Russian-Latin/BGN"},
        {"Володимир Зеленський", "Russian-Latin/BGN"},   /* no Ukrainian-only letter */
        {"Сергій Кислиця", "Ukrainian-Latin/BGN"},
        {"Юлія Тимошенко", "Ukrainian-Latin/BGN"},
        {"Ґудзь Євгенія", "Ukrainian-Latin/BGN"},
        {"Аляксандр Лукашэнка", "Russian-Latin/BGN"},
        {"Святлана Ціханоўская", "Belarusian-Latin/BGN"},
        {"Віктар Бабарыка", "Belarusian-Latin/BGN"},     /* і beside ы */
        {"Бойко Борисов", "Russian-Latin/BGN"},
        {"Петър Стоянов", "Bulgarian-Latin/BGN"},        /* ъ before a consonant */
        {"Объедков", "Russian-Latin/BGN"},               /* ъ before е: Russian */
        {"Ђорђе Вучић", "Serbian-Latin/BGN"},
        {"Зоран Заев Ѓорѓе", "Macedonian-Latin/BGN"},
        {"Κυριάκος Μητσοτάκης", "Greek-Latin/UNGEGN"},
        {"ბიძინა ივანიშვილი", "Georgian-Latin/BGN"},
        {"Լևոն Տեր-Պետրոսյան", "Armenian-Latin/BGN"},
        {"Lavrov", "(none)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (strcmp(pick(cases[i].name), cases[i].id))
            fail_msg("%s: %s, want %s", cases[i].name, pick(cases[i].name), cases[i].id);
}

/* Every Cyrillic letter of U+0400..U+04FF and U+0500..U+052F, under every
 * transliterator the engine may pick, leaves no Cyrillic letter behind. */
static void test_no_cyrillic_survives(void **state)
{
    (void)state;
    static const char *const ids[] = {"Russian-Latin/BGN", "Ukrainian-Latin/BGN",
                                      "Belarusian-Latin/BGN", "Bulgarian-Latin/BGN",
                                      "Serbian-Latin/BGN", "Macedonian-Latin/BGN"};
    translit_cache *tc = translit_cache_new();
    char err[256];
    for (size_t k = 0; k < sizeof ids / sizeof ids[0]; k++) {
        for (uint32_t cp = 0x400; cp < 0x530; cp++) {
            if (script_of_cp(cp) != NG_SCRIPT_CYRILLIC || !text_isletter(cp)) continue;
            char in[8];
            size_t n = utf8_put(cp, in);
            in[n] = 0;
            char *out = NULL;
            assert_int_equal(translit_to_latin(tc, ids[k], in, &out, err, sizeof err), NG_OK);
            size_t m;
            uint32_t *c = utf8_to_cps(out, &m);
            for (size_t i = 0; i < m; i++)
                if (script_of_cp(c[i]) == NG_SCRIPT_CYRILLIC)
                    fail_msg("%s left U+%04X in \"%s\" from U+%04X", ids[k], c[i], out, cp);
            free(c);
            free(out);
        }
    }
    translit_cache_free(tc);
}

/* Folded comparison: case, marks and apostrophe-like signs aside. */
static int same_folded(const char *a, const char *b)
{
    char *fa = NULL, *fb = NULL;
    ng_text_fold(a, strlen(a), &fa);
    ng_text_fold(b, strlen(b), &fb);
    int r = fa && fb && strcmp(fa, fb) == 0;
    free(fa);
    free(fb);
    return r;
}

/* The romanisation systems nongrata claims (the Latin form it shows and
 * keys), with ICU's table for each and the least pass rate we hold it to. */
static const struct { const char *vec, *icu; double floor; } claimed[] = {
    {"bgnpcgn-rus-Cyrl-Latn-1947", "Russian-Latin/BGN", 0.94},
    {"bgnpcgn-ukr-Cyrl-Latn-1965", "Ukrainian-Latin/BGN", 0.99},
    {"bgnpcgn-bel-Cyrl-Latn-1979", "Belarusian-Latin/BGN", 0.99},
    {"bgnpcgn-bul-Cyrl-Latn-1952", "Bulgarian-Latin/BGN", 0.99},
    {"bgnpcgn-srp-Cyrl-Latn-2005", "Serbian-Latin/BGN", 0.99},
    {"bgnpcgn-mkd-Cyrl-Latn-2013", "Macedonian-Latin/BGN", 0.99},
};

/* The vectors write a newline as the two characters \n. */
static void unescape(char *s)
{
    char *o = s;
    for (; *s; s++) {
        if (s[0] == '\\' && s[1] == 'n') { *o++ = '\n'; s++; }
        else *o++ = *s;
    }
    *o = 0;
}

static void test_vectors(void **state)
{
    (void)state;
    FILE *f;
    OPEN_SHARED_OR_SKIP(f, "translit_cyrillic_interscript_tests/tests.tsv");
    size_t nsys = sizeof claimed / sizeof claimed[0];
    int total[8] = {0}, pass[8] = {0};
    translit_cache *tc = translit_cache_new();
    char line[65536], err[256];
    while (fgets(line, sizeof line, f)) {
        chomp(line);
        char *sys = strtok(line, "\t"), *lang = strtok(NULL, "\t");
        char *cyr = strtok(NULL, "\t"), *lat = strtok(NULL, "\t");
        (void)lang;
        if (!sys || !cyr || !lat) continue;
        unescape(cyr);
        unescape(lat);
        for (size_t k = 0; k < nsys; k++) {
            if (strcmp(sys, claimed[k].vec)) continue;
            char *out = NULL;
            assert_int_equal(translit_to_latin(tc, claimed[k].icu, cyr, &out, err, sizeof err), NG_OK);
            total[k]++;
            if (same_folded(out, lat)) pass[k]++;
            else fprintf(stderr, "%s: %.80s -> %.80s, want %.80s\n", sys, cyr, out, lat);
            free(out);
        }
    }
    fclose(f);
    translit_cache_free(tc);
    for (size_t k = 0; k < nsys; k++) {
        double rate = total[k] ? (double)pass[k] / total[k] : 0;
        printf("# %-28s %-22s %3d/%3d  %.1f%%\n", claimed[k].vec, claimed[k].icu, pass[k],
               total[k], 100 * rate);
        assert_true(total[k] > 0);
        if (rate < claimed[k].floor)
            fail_msg("%s: pass rate %.3f below %.2f", claimed[k].vec, rate, claimed[k].floor);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pick),
        cmocka_unit_test(test_no_cyrillic_survives),
        cmocka_unit_test(test_vectors),
    };
    return cmocka_run_group_tests_name("translit", tests, NULL, NULL);
}
