/* test_lexicon.c -- the given-name tables: equivalents across languages,
 * and coverage of the 300 most frequent given names of the Wikidata
 * English-Russian name pairs (classes in bench/wikidata_top_tokens.tsv). */
#include "testutil.h"

static ng_rule rule_of(ng_engine *e, const char *x, const char *y)
{
    ng_name *a = NULL, *b = NULL;
    ng_rule r = NG_RULE_NONE;
    if (ng_name_parse(e, x, (size_t)-1, &a) == NG_OK && ng_name_parse(e, y, (size_t)-1, &b) == NG_OK)
        ng_token_similarity(e, a, 0, b, 0, &r);
    ng_name_free(a);
    ng_name_free(b);
    return r;
}

static int strong(ng_rule r)
{
    return r == NG_RULE_EXACT || r == NG_RULE_TRANSLIT || r == NG_RULE_GIVEN_EQUIV ||
           r == NG_RULE_PHONETIC;
}

static void test_equivalents(void **state)
{
    ng_engine *e = *state;
    static const char *const groups[][6] = {
        {"Volodymyr", "Vladimir", "Wladimir", "Włodzimierz", "Уладзімір", "Владимир"},
        {"Oleksandr", "Aleksandr", "Alexandre", "Aliaksandr", "Олександр", "Alexander"},
        {"Dmytro", "Dmitry", "Dzmitry", "Дмитро", "Dmitrij", "Dimitri"},
        {"Serhiy", "Sergei", "Siarhei", "Сергій", "Sergueï", "Siergiej"},
        {"Mykola", "Nikolai", "Mikalai", "Микола", "Mikołaj", "Nicolas"},
        {"Yevhen", "Yevgeny", "Jewgeni", "Євген", "Ievgueni", "Евгений"},
        {"Hryhoriy", "Grigory", "Ryhor", "Григорий", "Grzegorz", "Grégoire"},
    };
    for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++)
        for (size_t i = 0; i < 6; i++)
            for (size_t j = 0; j < 6; j++)
                if (!strong(rule_of(e, groups[g][i], groups[g][j])))
                    fail_msg("%s and %s are one given name", groups[g][i], groups[g][j]);
    /* and different names stay different */
    assert_false(strong(rule_of(e, "Igor", "Oleg")));
    assert_false(strong(rule_of(e, "Aleksandr", "Aleksandra")));
    assert_false(strong(rule_of(e, "Yuri", "Georgiy")));
}

/* The 300 most frequent given names of the Wikidata pairs meet their most
 * frequent Cyrillic spelling by a strong rule. */
static void test_top300(void **state)
{
    ng_engine *e = *state;
    FILE *wd80, *wd20;
    OPEN_SHARED_OR_SKIP(wd80, "wikidata_names_en_ru/wd_russian_80.tsv");
    OPEN_SHARED_OR_SKIP(wd20, "wikidata_names_en_ru/wd_russian_20.tsv");
    FILE *cls = fopen("bench/wikidata_top_tokens.tsv", "r");
    assert_non_null(cls);
    /* the given names, in order of frequency */
    static char names[800][64];
    size_t nn = 0;
    char line[512];
    while (fgets(line, sizeof line, cls) && nn < 300) {
        if (line[0] == '#') continue;
        chomp(line);
        char *tok = strtok(line, "\t"), *cnt = strtok(NULL, "\t"), *c = strtok(NULL, "\t");
        (void)cnt;
        if (tok && c && c[0] == 'G') snprintf(names[nn++], sizeof names[0], "%s", tok);
    }
    fclose(cls);
    assert_int_equal(nn, 300);
    /* the most frequent Cyrillic spelling of each (a pair is in one split) */
    static char best[300][128];
    static long bestn[300];
    for (FILE *wd = wd80; wd; wd = wd == wd80 ? wd20 : NULL)
    while (fgets(line, sizeof line, wd)) {
        chomp(line);
        char *lat = strtok(line, "\t"), *cy = strtok(NULL, "\t"), *cnt = strtok(NULL, "\t");
        if (!lat || !cy || !cnt) continue;
        for (size_t i = 0; i < nn; i++) {
            if (strcmp(lat, names[i])) continue;
            long n = atol(cnt);
            if (n > bestn[i]) {
                bestn[i] = n;
                size_t k = 0;
                for (const char *p = cy; *p && k + 1 < sizeof best[0]; p++)
                    if (*p != ' ') best[i][k++] = *p;
                best[i][k] = 0;
            }
            break;
        }
    }
    fclose(wd80);
    fclose(wd20);
    int covered = 0;
    for (size_t i = 0; i < nn; i++) {
        if (!best[i][0]) { fprintf(stderr, "no Cyrillic spelling found for %s\n", names[i]); continue; }
        if (strong(rule_of(e, names[i], best[i]))) covered++;
        else fprintf(stderr, "not covered: %s / %s\n", names[i], best[i]);
    }
    printf("# %d of %zu most frequent given names meet their Cyrillic spelling\n", covered, nn);
    assert_int_equal(covered, (int)nn);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_equivalents),
        cmocka_unit_test(test_top300),
    };
    return cmocka_run_group_tests_name("lexicon", tests, engine_setup, engine_teardown);
}
