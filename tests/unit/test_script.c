/* test_script.c -- script of code points and tokens; look-alike repair. */
#include "testutil.h"
#include "text/script.h"
#include "text/utf8.h"

static ng_script of(const char *s)
{
    size_t n;
    uint32_t *c = utf8_to_cps(s, &n);
    ng_script r = script_of_cps(c, n);
    free(c);
    return r;
}

static void test_scripts(void **state)
{
    (void)state;
    static const struct { const char *s; ng_script want; } cases[] = {
        {"Lavrov", NG_SCRIPT_LATIN},        {"Лавров", NG_SCRIPT_CYRILLIC},
        {"Λαυρόφ", NG_SCRIPT_GREEK},        {"ლავროვი", NG_SCRIPT_GEORGIAN},
        {"Լավրով", NG_SCRIPT_ARMENIAN},     {"لافروف", NG_SCRIPT_ARABIC},
        {"לברוב", NG_SCRIPT_HEBREW},        {"拉夫罗夫", NG_SCRIPT_HAN},
        {"12-34", NG_SCRIPT_NONE},          {"Łódź", NG_SCRIPT_LATIN},
        {"LavЛав", NG_SCRIPT_MIXED},        {"ラブロフ", NG_SCRIPT_OTHER},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (of(cases[i].s) != cases[i].want)
            fail_msg("%s: %s, want %s", cases[i].s, ng_script_name(of(cases[i].s)),
                     ng_script_name(cases[i].want));
}

static void test_homoglyphs(void **state)
{
    (void)state;
    static const struct { const char *in, *out; size_t changed; } cases[] = {
        {"Сергiй", "Сергій", 1},     /* EU annexes: Latin i in a Ukrainian name */
        {"CЕРГЕЙ", "СЕРГЕЙ", 1},     /* Latin C */
        {"Ivanоv", "Ivanov", 1},     /* Cyrillic о in a Latin word */
        {"Лавров", "Лавров", 0},
        {"Lavrov", "Lavrov", 0},
        {"Шw", "Шw", 0},             /* w has no Cyrillic look-alike: left MIXED */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t n;
        uint32_t *c = utf8_to_cps(cases[i].in, &n);
        size_t ch = script_fix_homoglyphs(c, n);
        char buf[64];
        size_t o = 0;
        for (size_t k = 0; k < n; k++) o += utf8_put(c[k], buf + o);
        buf[o] = 0;
        free(c);
        if (strcmp(buf, cases[i].out) || ch != cases[i].changed)
            fail_msg("%s -> %s (%zu changed), want %s (%zu)", cases[i].in, buf, ch, cases[i].out,
                     cases[i].changed);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scripts),
        cmocka_unit_test(test_homoglyphs),
    };
    return cmocka_run_group_tests_name("script", tests, NULL, NULL);
}
