/* test_metrics.c -- the string metrics against jellyfish's fixtures
 * (../shared/data/jellyfish_testdata), counting code points. */
#include <math.h>

#include "testutil.h"

typedef double (*metric)(const char *, const char *);

static double lev(const char *a, const char *b) { return (double)ng_levenshtein(a, b); }
static double dlev(const char *a, const char *b) { return (double)ng_damerau_levenshtein(a, b); }
static double ham(const char *a, const char *b) { return (double)ng_hamming(a, b); }
static double jaro(const char *a, const char *b) { return ng_jaro(a, b); }
static double jw(const char *a, const char *b) { return ng_jaro_winkler(a, b, 0); }
static double jwl(const char *a, const char *b) { return ng_jaro_winkler(a, b, 1); }

static void check_file(const char *rel, metric m, double tol)
{
    FILE *f;
    OPEN_SHARED_OR_SKIP(f, rel);
    char line[1024];
    int n = 0, bad = 0;
    while (fgets(line, sizeof line, f)) {
        chomp(line);
        if (!line[0]) continue;
        char *fl[4];
        if (split_csv(line, fl, 4) < 3) continue;
        double want = strtod(fl[2], NULL);
        double got = m(fl[0], fl[1]);
        n++;
        if (fabs(got - want) > tol) {
            bad++;
            fprintf(stderr, "%s: (%s, %s) = %.4f, want %.4f\n", rel, fl[0], fl[1], got, want);
        }
    }
    fclose(f);
    printf("# %s: %d of %d rows agree\n", rel, n - bad, n);
    assert_true(n > 0);
    assert_int_equal(bad, 0);
}

static void test_levenshtein(void **s) { (void)s; check_file("jellyfish_testdata/levenshtein.csv", lev, 0); }
static void test_damerau(void **s) { (void)s; check_file("jellyfish_testdata/damerau_levenshtein.csv", dlev, 0); }
static void test_hamming(void **s) { (void)s; check_file("jellyfish_testdata/hamming.csv", ham, 0); }
static void test_jaro(void **s) { (void)s; check_file("jellyfish_testdata/jaro_distance.csv", jaro, 1e-3); }
static void test_jw(void **s) { (void)s; check_file("jellyfish_testdata/jaro_winkler.csv", jw, 1e-3); }
static void test_jw_long(void **s) { (void)s; check_file("jellyfish_testdata/jaro_winkler_longtol.csv", jwl, 1e-3); }

/* cases that need no shared data, so that a fresh clone still checks them */
static void test_inline(void **s)
{
    (void)s;
    assert_int_equal(ng_levenshtein("kitten", "sitting"), 3);
    assert_int_equal(ng_levenshtein("Ławrow", "Lawrow"), 1);    /* code points, not bytes */
    assert_int_equal(ng_levenshtein("Лавров", "Лавриков"), 2);
    assert_int_equal(ng_damerau_levenshtein("ca", "abc"), 2);    /* unrestricted */
    assert_int_equal(ng_damerau_levenshtein("Чепига", "Чеипга"), 1);
    assert_int_equal(ng_hamming("Иван", "Иванов"), 2);
    assert_true(fabs(ng_jaro_winkler("martha", "marhta", 0) - 0.9611) < 1e-3);
    assert_true(fabs(ng_jaro("", "") - 0.0) < 1e-9);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_inline),
        cmocka_unit_test(test_levenshtein),
        cmocka_unit_test(test_damerau),
        cmocka_unit_test(test_hamming),
        cmocka_unit_test(test_jaro),
        cmocka_unit_test(test_jw),
        cmocka_unit_test(test_jw_long),
    };
    return cmocka_run_group_tests_name("metrics", tests, NULL, NULL);
}
