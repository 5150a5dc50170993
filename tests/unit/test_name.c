/* test_name.c -- parsing names: tokens, roles, titles, particles, initials. */
#include "testutil.h"
#include "names/engine.h"

/* name, then "text:role" for each token in order */
static const struct { const char *name; const char *want[8]; const char *dropped; } cases[] = {
    {"LAVROV, Sergey Viktorovich", {"LAVROV:surname", "Sergey:given", "Viktorovich:patronymic"}, ""},
    {"Anatoliy Vladimirovich CHEPIGA", {"Anatoliy:given", "Vladimirovich:patronymic", "CHEPIGA:surname"}, ""},
    {"Лавров Сергей Викторович", {"Лавров:surname", "Сергей:given", "Викторович:patronymic"}, ""},
    {"Сергей Викторович Лавров", {"Сергей:given", "Викторович:patronymic", "Лавров:surname"}, ""},
    {"Col. Anatoly Chepiga", {"Anatoly:given", "Chepiga:surname"}, "Col"},
    {"полковник Анатолий Чепига", {"Анатолий:given", "Чепига:surname"}, "полковник"},
    {"генерал-майор Иван Петров", {"Иван:given", "Петров:surname"}, "генерал майор"},
    {"N. Nazarbayev", {"N:initial", "Nazarbayev:surname"}, ""},
    {"N.A. Nazarbayev", {"N:initial", "A:initial", "Nazarbayev:surname"}, ""},
    {"Ludwig van Beethoven", {"Ludwig:given", "van:particle", "Beethoven:surname"}, ""},
    {"Abu Bakr al-Baghdadi", {"Abu:particle", "Bakr:given", "al:particle", "Baghdadi:surname"}, ""},
    {"Nikolai Rimsky-Korsakov", {"Nikolai:given", "Rimsky:surname", "Korsakov:surname"}, ""},
    {"Lavrov Sergey", {"Lavrov:surname", "Sergey:given"}, ""},
    {"Sergey Lavrov", {"Sergey:given", "Lavrov:surname"}, ""},
    {"Сергiй Петрович", {"Сергій:given", "Петрович:patronymic"}, ""},
    {"Mary O'Brien", {"Mary:given", "O'Brien:surname"}, ""},
    {"Дар'я Іванова", {"Дар'я:given", "Іванова:surname"}, ""},
    {"Major", {"Major:surname"}, ""},   /* a name that is only a title keeps it */
    {"John Major", {"John:given", "Major:surname"}, ""},   /* not leading: a name */
    {"Ivan\u200bPetrov", {"Ivan:given", "Petrov:surname"}, ""}, /* zero-width space */
    {"SALEH, Dr. Abdul Latif", {"SALEH:surname", "Abdul:given", "Latif:middle"}, "Dr"},
    {"习近平", {"习:given", "近:middle", "平:surname"}, ""},
    {"بشار الأسد", {"بشار:given", "ال:particle", "أسد:surname"}, ""},
    {"Yevgeniya Nikolayevna Ivanova", {"Yevgeniya:given", "Nikolayevna:patronymic", "Ivanova:surname"}, ""},
    {"Aliaksandr Ryhoravich LUKASHENKA", {"Aliaksandr:given", "Ryhoravich:patronymic", "LUKASHENKA:surname"}, ""},
    /* a particle's word that ends a name, or its part before the comma, is
     * the name */
    {"Harry Van", {"Harry:given", "Van:surname"}, ""},
    {"Мартин Аль", {"Мартин:given", "Аль:surname"}, ""},
    {"VAN, Harry", {"VAN:surname", "Harry:given"}, ""},
    {"Beethoven, Ludwig van", {"Beethoven:surname", "Ludwig:given", "van:particle"}, ""},
    /* the patronymics of Ilya, Luka, Kuzma ... are whole words: Лалич,
     * Галич end like Ильич and are family names */
    {"Владимир Ильич Ленин", {"Владимир:given", "Ильич:patronymic", "Ленин:surname"}, ""},
    {"Пётр Кузьмич Иванов", {"Пётр:given", "Кузьмич:patronymic", "Иванов:surname"}, ""},
    {"Джон Лалич", {"Джон:given", "Лалич:surname"}, ""},
    /* -ić is a South Slavic family name, not a patronymic */
    {"Jovan Petar Jovanović", {"Jovan:given", "Petar:middle", "Jovanović:surname"}, ""},
    {"Takashi Anne Veselinović", {"Takashi:given", "Anne:middle", "Veselinović:surname"}, ""},
    /* Ben first is a given name, unless the name ends in one */
    {"Ben Will", {"Ben:given", "Will:surname"}, ""},
    {"Ben John Smith", {"Ben:given", "John:middle", "Smith:surname"}, ""},
    {"Ben Laden Ossama", {"Ben:particle", "Laden:surname", "Ossama:given"}, ""},
    {"David Ben Gurion", {"David:given", "Ben:particle", "Gurion:surname"}, ""},
    /* two given names first in a Latin name: the last word is the family
     * name, though it ends like a patronymic; not in Cyrillic */
    {"José Peter Lytvynovych", {"José:given", "Peter:middle", "Lytvynovych:surname"}, ""},
    {"Иван Сергей Петрович", {"Иван:surname", "Сергей:given", "Петрович:patronymic"}, ""},
};

static void test_roles(void **state)
{
    ng_engine *e = *state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ng_name *n = NULL;
        if (ng_name_parse(e, cases[i].name, (size_t)-1, &n) != NG_OK)
            fail_msg("%s: %s", cases[i].name, ng_engine_errmsg(e));
        size_t want_n = 0;
        while (want_n < 8 && cases[i].want[want_n]) want_n++;
        char got[512] = "", want[512] = "";
        for (size_t k = 0; k < ng_name_count(n); k++) {
            ng_token tk = ng_name_token(n, k), *t = &tk;
            snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s:%s", k ? " " : "", t->text,
                     ng_role_name(t->role));
        }
        for (size_t k = 0; k < want_n; k++)
            snprintf(want + strlen(want), sizeof want - strlen(want), "%s%s", k ? " " : "",
                     cases[i].want[k]);
        if (strcmp(got, want)) fail_msg("%s:\n  got  %s\n  want %s", cases[i].name, got, want);
        size_t nd = ng_name_dropped_count(n);
        char dr[256] = "";
        for (size_t k = 0; k < nd; k++)
            snprintf(dr + strlen(dr), sizeof dr - strlen(dr), "%s%s", k ? " " : "",
                     ng_name_dropped(n, k));
        assert_null(ng_name_dropped(n, nd));
        if (strcmp(dr, cases[i].dropped)) fail_msg("%s: dropped \"%s\", want \"%s\"", cases[i].name, dr, cases[i].dropped);
        ng_name_free(n);
    }
}

static void test_flags(void **state)
{
    ng_engine *e = *state;
    ng_name *n = NULL;
    assert_int_equal(ng_name_parse(e, "Мария Захарова", (size_t)-1, &n), NG_OK);
    ng_token tk = ng_name_token(n, 1), *t = &tk;
    assert_true(t->flags & NG_TOK_FEMININE);
    assert_non_null(t->stem);
    assert_string_equal(t->stem, "zaXarov");
    assert_string_equal(t->latin, "zakharova");
    assert_string_equal(t->translit, "Russian-Latin/BGN");
    assert_int_equal(ng_name_script(n), NG_SCRIPT_CYRILLIC);
    ng_name_free(n);
    assert_int_equal(ng_name_parse(e, "Иван Ivanov", (size_t)-1, &n), NG_OK);
    assert_int_equal(ng_name_script(n), NG_SCRIPT_MIXED);
    ng_name_free(n);
}

static void test_limits(void **state)
{
    ng_engine *e = *state;
    ng_name *n = NULL;
    char many[1024] = "";
    for (int i = 0; i < NG_NAME_MAX_TOKENS + 1; i++) strcat(many, "Ab ");
    strcat(many, "Zz");
    assert_int_equal(ng_name_parse(e, many, (size_t)-1, &n), NG_OK);
    assert_int_equal(ng_name_count(n), NG_NAME_MAX_TOKENS);
    assert_true(ng_name_truncated(n));
    assert_string_equal(ng_name_token(n, NG_NAME_MAX_TOKENS - 1).text, "Ab");
    ng_name_free(n);
    assert_int_equal(ng_name_parse(e, "Ab Cd", (size_t)-1, &n), NG_OK);
    assert_false(ng_name_truncated(n));
    ng_name_free(n);
    /* the same name twice gives the same keys: nothing depends on history */
    ng_name *a = NULL, *b = NULL;
    assert_int_equal(ng_name_parse(e, "Chruschtschow", (size_t)-1, &a), NG_OK);
    assert_int_equal(ng_name_parse(e, "Chruschtschow", (size_t)-1, &b), NG_OK);
    assert_int_equal(ng_name_token(a, 0).nkeys, ng_name_token(b, 0).nkeys);
    for (size_t k = 0; k < ng_name_token(a, 0).nkeys; k++)
        assert_string_equal(ng_name_token(a, 0).keys[k], ng_name_token(b, 0).keys[k]);
    ng_name_free(a);
    ng_name_free(b);
}

/* A name whose tokens the engine's cache could not take holds its own
 * copies: it reads and scores the same, and outlives later parses. */
static void test_private_tokens(void **state)
{
    ng_engine *e = *state;
    static const char *const names[] = {"LAVROV, Sergey Viktorovich", "Siergiej Ławrow",
                                        "Юлия Владимировна Тимошенко", "Yuliya TYMOSHENKO",
                                        "Col. Anatoly Chepiga", "Мухаммад ибн Салман"};
    size_t n = sizeof names / sizeof names[0];
    ng_name *shared[6], *own[6];
    for (size_t i = 0; i < n; i++)
        assert_int_equal(ng_name_parse(e, names[i], (size_t)-1, &shared[i]), NG_OK);
    ng_engine *f = ng_engine_new(NULL);
    assert_non_null(f);
    f->cache.max = 0;
    for (size_t i = 0; i < n; i++)
        assert_int_equal(ng_name_parse(f, names[i], (size_t)-1, &own[i]), NG_OK);
    assert_int_equal(f->cache.n, 0);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(ng_name_count(own[i]), ng_name_count(shared[i]));
        assert_string_equal(ng_name_text(own[i]), ng_name_text(shared[i]));
        assert_int_equal(ng_name_dropped_count(own[i]), ng_name_dropped_count(shared[i]));
        for (size_t k = 0; k < ng_name_count(own[i]); k++) {
            ng_token x = ng_name_token(own[i], k), y = ng_name_token(shared[i], k);
            assert_string_equal(x.text, y.text);
            assert_string_equal(x.latin, y.latin);
            assert_int_equal(x.role, y.role);
            assert_int_equal(x.nkeys, y.nkeys);
            for (size_t q = 0; q < x.nkeys; q++) assert_string_equal(x.keys[q], y.keys[q]);
        }
        for (size_t j = 0; j < n; j++) {
            ng_compare_result r1, r2;
            assert_int_equal(ng_name_compare(e, own[i], own[j], NULL, &r1), NG_OK);
            assert_int_equal(ng_name_compare(e, shared[i], shared[j], NULL, &r2), NG_OK);
            assert_true(r1.score == r2.score);
        }
    }
    assert_string_equal(ng_name_dropped(own[4], 0), "Col");
    for (size_t i = 0; i < n; i++) { ng_name_free(own[i]); ng_name_free(shared[i]); }
    ng_engine_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roles),
        cmocka_unit_test(test_flags),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_private_tokens),
    };
    return cmocka_run_group_tests_name("name", tests, engine_setup, engine_teardown);
}
