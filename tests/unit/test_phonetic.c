/* test_phonetic.c -- phonetic keys across romanisation conventions. */
#include "testutil.h"

static int tokens_meet(ng_engine *e, const char *x, const char *y, double min)
{
    ng_name *a = NULL, *b = NULL;
    assert_int_equal(ng_name_parse(e, x, (size_t)-1, &a), NG_OK);
    assert_int_equal(ng_name_parse(e, y, (size_t)-1, &b), NG_OK);
    ng_rule r;
    double s = ng_token_similarity(e, a, 0, b, 0, &r);
    ng_name_free(a);
    ng_name_free(b);
    return s >= min;
}

/* One surname under eight national conventions, and its Cyrillic. */
static void test_khrushchev(void **state)
{
    ng_engine *e = *state;
    static const char *const forms[] = {"Хрущёв", "Khrushchev", "Khrouchtchev", "Chruschtschow",
                                        "Chruszczow", "Jrushchov", "Chruščov", "Hruscsov",
                                        "Chroesjtsjov"};
    size_t n = sizeof forms / sizeof forms[0];
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            if (!tokens_meet(e, forms[i], forms[j], 0.9))
                fail_msg("%s and %s do not meet", forms[i], forms[j]);
}

/* Keys that must coincide exactly (rule phonetic or better). */
static void test_same_key(void **state)
{
    ng_engine *e = *state;
    static const char *const pairs[][2] = {
        {"Лавров", "Ławrow"},       {"Сергей", "Siergiej"},      {"Сергей", "Sergueï"},
        {"Евгений", "Jewgienij"},   {"Евгений", "Yevgeniy"},     {"Мария", "Mariia"},
        {"Щукин", "Schtschukin"},   {"Жуков", "Joukov"},         {"Жуков", "Schukow"},
        {"Чепига", "Tschepiga"},    {"Чепига", "Czepiga"},       {"Васильев", "Vassiliev"},
        {"Березовский", "Berezovsky"}, {"Березовский", "Berezowski"},
        {"Шойгу", "Choïgou"},       {"Юлия", "Yuliya"},          {"Юлия", "Julija"},
        {"Хабаров", "Jabarov"},     {"Цой", "Tsoi"},             {"Цой", "Zoi"},
        {"Николаевич", "Nikolajewitsch"}, {"Ёлкин", "Yolkin"},
        {"Džemal", "\u01C5emal"},   /* the digraph letter ǅ is d + ž */
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
        if (!tokens_meet(e, pairs[i][0], pairs[i][1], 0.98))
            fail_msg("%s and %s should share a key", pairs[i][0], pairs[i][1]);
}

/* Different names must stay apart. */
static void test_apart(void **state)
{
    ng_engine *e = *state;
    static const char *const pairs[][2] = {
        {"Kozlov", "Kozlenko"},  {"Sidorov", "Sidorchuk"}, {"Lavrov", "Lavrentiev"},
        {"Igor", "Oleg"},        {"Petrov", "Pavlov"},     {"Ivanov", "Ivashov"},
        {"Лавров", "Лаврик"},    {"Shukov", "Zhukov"},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
        if (tokens_meet(e, pairs[i][0], pairs[i][1], 0.80))
            fail_msg("%s and %s should not meet", pairs[i][0], pairs[i][1]);
}

static void test_keys_shape(void **state)
{
    ng_engine *e = *state;
    ng_name *n = NULL;
    assert_int_equal(ng_name_parse(e, "Хрущёв", (size_t)-1, &n), NG_OK);
    ng_token tk = ng_name_token(n, 0), *t = &tk;
    assert_int_equal(t->nkeys, 1);
    assert_string_equal(t->keys[0], "XruS4ev");
    assert_string_equal(t->latin, "khrushchev");
    ng_name_free(n);
    assert_int_equal(ng_name_parse(e, "Khrushchev", (size_t)-1, &n), NG_OK);
    tk = ng_name_token(n, 0);
    assert_true(t->nkeys >= 1 && t->nkeys <= NG_TOKEN_MAX_KEYS);
    for (size_t i = 0; i < t->nkeys; i++)
        for (size_t j = i + 1; j < t->nkeys; j++) assert_string_not_equal(t->keys[i], t->keys[j]);
    ng_name_free(n);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_khrushchev),
        cmocka_unit_test(test_same_key),
        cmocka_unit_test(test_apart),
        cmocka_unit_test(test_keys_shape),
    };
    return cmocka_run_group_tests_name("phonetic", tests, engine_setup, engine_teardown);
}
