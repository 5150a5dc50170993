/*
 * test_links.c -- identifiers made comparable, and the leads on a fixture
 * that models the public cases (a consecutive block of passports, a
 * headquarters written three ways, a shared phone, shifted birth dates)
 * with their negatives; and on the real OFAC 2021 list: the consecutive
 * passports of MORENETS and SEREBRIAKOV among the first 20 leads, KOROBOV
 * and ALEXSEYEV (53 apart) not at the default gap.
 */
#include "testutil.h"

#include "links/leads.h"
#include "records/records.h"

static int setup(void **state)
{
    *state = ng_engine_new(NULL);
    return *state ? 0 : -1;
}

static int teardown(void **state)
{
    ng_engine_free(*state);
    return 0;
}

static const char *norm(ng_engine *e, lkind k, const char *text, const char *qual, const char *region)
{
    static struct lident x;
    if (!links_normalize(e, k, text, qual, region, &x)) return "";
    return x.value;
}

static void test_normalize(void **state)
{
    ng_engine *e = *state;
    /* Russian passports: the series written apart or not is one number */
    assert_string_equal(norm(e, LK_PASSPORT, "65 4341294", NULL, NULL), "654341294");
    assert_string_equal(norm(e, LK_PASSPORT, "654341294", NULL, NULL), "654341294");
    assert_string_equal(norm(e, LK_PASSPORT, "АВ 123456", NULL, NULL), "AB123456"); /* Cyrillic */
    struct lident x;
    assert_true(links_normalize(e, LK_PASSPORT, "100115101 (Russia)", NULL, NULL, &x));
    assert_string_equal(x.value, "100115101");
    assert_int_equal(x.number, 100115101);
    assert_int_equal(x.ndigits, 9);
    assert_true(x.issuer != 0);
    assert_true(links_normalize(e, LK_PASSPORT, "RU0313455106", "Russia", NULL, &x));
    assert_string_equal(x.series, "RU");
    assert_int_equal(x.ndigits, 10);
    /* phones to E.164 */
    assert_string_equal(norm(e, LK_PHONE, "+7 (495) 123-45-67", NULL, NULL), "+74951234567");
    assert_string_equal(norm(e, LK_PHONE, "8 495 123 45 67", NULL, "Russia"), "+74951234567");
    assert_string_equal(norm(e, LK_PHONE, "0049 30 12345678", NULL, NULL), "+493012345678");
    assert_string_equal(norm(e, LK_EMAIL, " Ivan.Petrov@Mail.RU ", NULL, NULL), "ivan.petrov@mail.ru");
    assert_string_equal(norm(e, LK_EMAIL, "not an address", NULL, NULL), "");
    assert_string_equal(norm(e, LK_PLATE, "А 123 ВС 77", NULL, NULL), "A123BC77");
    /* one street, written in two scripts and three romanisations, with
     * its type abbreviated or not and the house letter in either script */
    const char *hq = norm(e, LK_ADDRESS, "Хорошёвское ш., д. 76Б, Москва", NULL, NULL);
    static char first[LIDENT_MAX];
    snprintf(first, sizeof first, "%s", hq);
    assert_true(first[0] != 0);
    static const char *const same[] = {
        "Khoroshevskoye Shosse 76B, Moscow", "76B Khoroshevskoe Sh., Moscow, Russia",
        "Khoroshevskoe shosse, 76-b", "Хорошевское шоссе, дом 76 Б",
    };
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++)
        if (strcmp(norm(e, LK_ADDRESS, same[i], NULL, NULL), first))
            fail_msg("'%s' is '%s', not '%s'", same[i], norm(e, LK_ADDRESS, same[i], NULL, NULL), first);
    /* another house, another street */
    assert_string_not_equal(norm(e, LK_ADDRESS, "Khoroshevskoye Shosse 76A", NULL, NULL), first);
    assert_string_not_equal(norm(e, LK_ADDRESS, "Khoroshevskoye Shosse 78B", NULL, NULL), first);
    assert_string_not_equal(norm(e, LK_ADDRESS, "Leningradskoye Shosse 76B", NULL, NULL), first);
    /* a state alone is no place */
    assert_false(links_normalize(e, LK_ADDRESS, "Syria", NULL, NULL, &x) && x.place);
}

/* ---- the fixture ----------------------------------------------------------------- */

struct fx {
    ng_record *r[80];
    const char *ids[80];
    size_t n;
};

static ng_record *person(struct fx *f, const char *id, const char *name, const char *dob,
                         const char *passport, const char *phone, const char *address)
{
    ng_record *r = ng_record_new();
    ng_record_set_id(r, id);
    ng_record_add(r, "name", name, NULL);
    if (dob) ng_record_add_date(r, "birthDate", dob);
    if (passport) ng_record_add(r, "passportNumber", passport, NULL);
    if (phone) ng_record_add(r, "phone", phone, NULL);
    if (address) ng_record_add(r, "address", address, NULL);
    ng_record_add(r, "nationality", "Russia", NULL);
    f->r[f->n] = r;
    f->ids[f->n] = id;
    f->n++;
    return r;
}

static const struct llead *lead_of(const struct links_result *res, const struct fx *f, const char *a,
                                   const char *b, llink kind)
{
    for (size_t i = 0; i < res->n; i++) {
        const struct llead *l = &res->leads[i];
        if (!(l->kinds & (1u << kind))) continue;
        int ha = 0, hb = 0;
        for (size_t k = 0; k < l->n; k++) {
            ha |= strcmp(f->ids[l->recs[k]], a) == 0;
            hb |= strcmp(f->ids[l->recs[k]], b) == 0;
        }
        if (ha && hb) return l;
    }
    return NULL;
}

static void test_fixture(void **state)
{
    ng_engine *e = *state;
    struct fx f = {0};
    /* a consecutive block of three passports (no issuer, Russia, no issuer) */
    person(&f, "fx:1", "Aleksei MORONOV", "1977-07-31", "100135556", NULL, NULL);
    person(&f, "fx:2", "Denis SEREBROV", "1980-02-11", "100135555 (Russia)", NULL, NULL);
    person(&f, "fx:3", "Yevgeni SEROV", "1979-11-03", "100135557", NULL, NULL);
    /* negatives: 60 apart; consecutive but another issuer */
    person(&f, "fx:4", "Igor KORMOV", "1956-08-03", "100135617 (Russia)", NULL, NULL);
    person(&f, "fx:5", "Petro HALYCH", "1970-01-01", "100135558 (Ukraine)", NULL, NULL);
    /* the headquarters written three ways */
    person(&f, "fx:6", "Oleg MIKHAILOV", "1965-05-05", NULL, NULL, "Хорошёвское ш., 76Б, Москва");
    person(&f, "fx:7", "Pavel ORLOV", "1968-06-06", NULL, NULL, "Khoroshevskoye Shosse 76B, Moscow");
    person(&f, "fx:8", "Ruslan TAGIROV", "1971-07-07", NULL, NULL, "76B Khoroshevskoe sh.");
    /* one phone behind two names */
    person(&f, "fx:9", "Anna KOVAL", "1985-03-03", NULL, "+7 (495) 987-65-43", NULL);
    person(&f, "fx:10", "Maria KOVALEVA", "1986-04-04", NULL, "8 495 987 65 43", NULL);
    /* a cover identity: the same name, born three days off */
    person(&f, "fx:11", "Sergei Viktorovich FEDOTOV", "1972-09-12", NULL, NULL, NULL);
    person(&f, "fx:12", "Sergey FEDOTOV", "1972-09-15", NULL, NULL, NULL);
    /* a ministry's public address, listed for 60 records */
    char ids[60][16];
    for (int i = 0; i < 60; i++) {
        snprintf(ids[i], sizeof ids[i], "min:%d", i);
        char nm[32];
        snprintf(nm, sizeof nm, "Person%c%c NUMBER%d", 'A' + i % 26, 'a' + i / 26, i);
        person(&f, ids[i], nm, NULL, NULL, NULL, "Smolenskaya-Sennaya pl., 32/34, Moscow");
    }
    struct links_options o = links_default_options();
    struct links_result res;
    assert_int_equal(links_find(e, (const ng_record *const *)f.r, f.ids, f.n, &o, &res), NG_OK);
    const struct llead *l = lead_of(&res, &f, "fx:1", "fx:2", LL_SEQUENCE);
    assert_non_null(l);
    assert_true(l->score > 0.7);
    assert_non_null(lead_of(&res, &f, "fx:1", "fx:3", LL_SEQUENCE));
    /* a block of three is more crowded than a pair: less per pair */
    assert_null(lead_of(&res, &f, "fx:2", "fx:4", LL_SEQUENCE));  /* 62 apart */
    assert_null(lead_of(&res, &f, "fx:3", "fx:4", LL_SEQUENCE));  /* 60 apart */
    assert_null(lead_of(&res, &f, "fx:2", "fx:5", LL_SEQUENCE));  /* Russia / Ukraine */
    assert_non_null(lead_of(&res, &f, "fx:3", "fx:5", LL_SEQUENCE)); /* unknown / Ukraine */
    l = lead_of(&res, &f, "fx:6", "fx:7", LL_SAME);
    assert_non_null(l);
    assert_int_equal(l->n, 3); /* the three spellings of the headquarters */
    assert_non_null(lead_of(&res, &f, "fx:9", "fx:10", LL_SAME));
    l = lead_of(&res, &f, "fx:11", "fx:12", LL_ALIAS);
    assert_non_null(l);
    assert_non_null(strstr(l->evidence, "3 days apart"));
    /* the ministry says nothing */
    assert_null(lead_of(&res, &f, "min:0", "min:1", LL_SAME));
    /* clusters: the block is one component, the headquarters another */
    assert_int_equal(res.cluster[0], res.cluster[1]);
    assert_int_equal(res.cluster[0], res.cluster[2]);
    assert_true(res.cluster[5] >= 0 && res.cluster[5] != res.cluster[0]);
    assert_int_equal(res.cluster[12], -1); /* a ministry's record: no lead */
    links_free(&res);
    /* a larger gap takes in the 60 */
    o.max_gap = 70;
    assert_int_equal(links_find(e, (const ng_record *const *)f.r, f.ids, f.n, &o, &res), NG_OK);
    assert_non_null(lead_of(&res, &f, "fx:3", "fx:4", LL_SEQUENCE));
    links_free(&res);
    /* a watch list, and flights */
    o = links_default_options();
    struct lwatch w = {"Khoroshevskoe shosse 76B", "GRU headquarters"};
    struct ltravel t[] = {
        {"fx:6", "SU", "2582", "2018-03-02", "SVO", "LGW"}, {"fx:7", "SU", "2582", "2018-03-02", "SVO", "LGW"},
        {"fx:6", "SU", "2584", "2018-03-04", "LHR", "SVO"}, {"fx:7", "SU", "2584", "2018-03-04", "LHR", "SVO"},
        {"fx:9", "SU", "2582", "2018-03-03", "SVO", "LGW"}, /* another day */
    };
    o.watch = &w;
    o.nwatch = 1;
    o.travel = t;
    o.ntravel = 5;
    o.kinds = (1u << LL_WATCH) | (1u << LL_TRAVEL);
    assert_int_equal(links_find(e, (const ng_record *const *)f.r, f.ids, f.n, &o, &res), NG_OK);
    l = lead_of(&res, &f, "fx:6", "fx:8", LL_WATCH);
    assert_non_null(l);
    assert_non_null(strstr(l->evidence, "GRU headquarters"));
    l = lead_of(&res, &f, "fx:6", "fx:7", LL_TRAVEL);
    assert_non_null(l);
    assert_non_null(strstr(l->evidence, "2 flights together"));
    assert_null(lead_of(&res, &f, "fx:6", "fx:9", LL_TRAVEL));
    links_free(&res);
    for (size_t i = 0; i < f.n; i++) ng_record_free(f.r[i]);
}

/* ---- the real OFAC 2021 list -------------------------------------------------------- */

struct all {
    ng_record **r;
    char **ids;
    size_t n, cap;
};

static ng_status keep(void *ctx, ng_record *r)
{
    struct all *a = ctx;
    if (a->n == a->cap) {
        a->cap = a->cap ? 2 * a->cap : 1024;
        a->r = realloc(a->r, a->cap * sizeof *a->r);
        a->ids = realloc(a->ids, a->cap * sizeof *a->ids);
    }
    char id[80];
    snprintf(id, sizeof id, "ofac:%s", ng_record_id(r));
    a->r[a->n] = ng_record_copy(r);
    a->ids[a->n] = strdup(id);
    a->n++;
    return NG_OK;
}

static void test_ofac(void **state)
{
    ng_engine *e = *state;
    FILE *f;
    OPEN_SHARED_OR_SKIP(f, "ofac_sdn_2021/sdn.csv");
    fclose(f);
    char p[4][4200];
    const char *names[4] = {"sdn_comments.csv", "add.csv", "alt.csv", "sdn.csv"};
    const char *paths[4];
    for (int i = 0; i < 4; i++) {
        snprintf(p[i], sizeof p[i], "%s/ofac_sdn_2021/%s", shared_data(), names[i]);
        paths[i] = p[i];
    }
    struct all a = {0};
    struct read_options ro = {0};
    struct read_sink sink = {keep, NULL, NULL, NULL, NULL, &a, 0};
    struct read_error err;
    assert_int_equal(records_read(paths, 4, &ro, &sink, &err, NULL), NG_OK);
    struct links_options o = links_default_options();
    struct links_result res;
    assert_int_equal(links_find(e, (const ng_record *const *)a.r, (const char *const *)a.ids, a.n, &o, &res),
                     NG_OK);
    long morenets = -1, korobov = -1;
    for (size_t i = 0; i < res.n; i++) {
        const struct llead *l = &res.leads[i];
        if (l->n != 2 || !(l->kinds & (1u << LL_SEQUENCE))) continue;
        const char *x = a.ids[l->recs[0]], *y = a.ids[l->recs[1]];
        if ((!strcmp(x, "ofac:26173") && !strcmp(y, "ofac:26177")) ||
            (!strcmp(x, "ofac:26177") && !strcmp(y, "ofac:26173")))
            morenets = (long)i;
        if ((!strcmp(x, "ofac:21328") && !strcmp(y, "ofac:21331")) ||
            (!strcmp(x, "ofac:21331") && !strcmp(y, "ofac:21328")))
            korobov = (long)i;
    }
    printf("# OFAC 2021: %zu leads; MORENETS / SEREBRIAKOV rank %ld\n", res.n, morenets + 1);
    assert_true(morenets >= 0 && morenets < 20);
    assert_int_equal(korobov, -1);
    links_free(&res);
    /* at 60, KOROBOV and ALEXSEYEV are a lead */
    o.max_gap = 60;
    o.kinds = 1u << LL_SEQUENCE;
    assert_int_equal(links_find(e, (const ng_record *const *)a.r, (const char *const *)a.ids, a.n, &o, &res),
                     NG_OK);
    int found = 0;
    for (size_t i = 0; i < res.n; i++)
        if (res.leads[i].n == 2 && strstr(res.leads[i].evidence, "100115101 and 100115154")) found = 1;
    assert_true(found);
    links_free(&res);
    for (size_t i = 0; i < a.n; i++) {
        ng_record_free(a.r[i]);
        free(a.ids[i]);
    }
    free(a.r);
    free(a.ids);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalize),
        cmocka_unit_test(test_fixture),
        cmocka_unit_test(test_ofac),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
