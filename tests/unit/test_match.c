/* test_match.c -- record-pair scoring with its evidence, the index against
 * brute force on a small list, and states by name. */
#include "testutil.h"
#include "records/country.h"
#include "match/mset.h"

/* A record from "prop=value|prop=value" (qualifier after a '^'). */
static ng_record *rec(const char *id, const char *spec)
{
    ng_record *r = ng_record_new();
    ng_record_set_id(r, id);
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", spec);
    for (char *save = NULL, *f = strtok_r(buf, "|", &save); f; f = strtok_r(NULL, "|", &save)) {
        char *eq = strchr(f, '=');
        *eq = 0;
        char *qual = strchr(eq + 1, '^');
        if (qual) *qual++ = 0;
        if (strcmp(f, "birthDate") == 0) ng_record_add_date(r, f, eq + 1);
        else ng_record_add(r, f, eq + 1, qual);
    }
    return r;
}

/* Record number i (its id), from a spec made with fmt. */
static ng_record *numbered(size_t i, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static ng_record *numbered(size_t i, const char *fmt, ...)
{
    char spec[256], id[16];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(spec, sizeof spec, fmt, ap);
    va_end(ap);
    snprintf(id, sizeof id, "%zu", i);
    return rec(id, spec);
}

static void score(ng_engine *e, const char *a, const char *b, struct mresult *res)
{
    ng_record *ra = rec("a", a), *rb = rec("b", b);
    struct mrec ma, mb;
    assert_int_equal(mrec_from_record(e, "x", ra, &ma, NULL), NG_OK);
    assert_int_equal(mrec_from_record(e, "y", rb, &mb, NULL), NG_OK);
    match_pair(e, &ma, &mb, NULL, res);
    mrec_free(&ma);
    mrec_free(&mb);
    ng_record_free(ra);
    ng_record_free(rb);
}

/* The contribution of feature f, or 99 when absent. */
static double feature(const struct mresult *r, const char *f)
{
    for (size_t k = 0; k < r->nf; k++)
        if (strcmp(r->f[k].name, f) == 0) return r->f[k].contrib;
    return 99;
}

/* A record's pieces all in one block (mrec.c): each read back, from an
 * arena and from malloc. */
static void test_record_block(void **state)
{
    ng_engine *e = *state;
    ng_record *r = rec("7", "name=Ivan Petrov|alias=Иван Петров|nationality=RU|citizenship=Ukraine|"
                            "passportNumber=100135556^RU|idNumber=AB 123456|birthDate=1979-04-05|"
                            "birthDate=1980|gender=male|posting=Embassy in Berlin");
    struct arena ar = {0};
    for (int in_arena = 0; in_arena < 2; in_arena++) {
        struct mrec m;
        assert_int_equal(mrec_from_record(e, "list", r, &m, in_arena ? &ar : NULL), NG_OK);
        assert_int_equal(m.nnames, 2);
        assert_string_equal(ng_name_text(m.names[1]), "Иван Петров");
        assert_string_equal(m.id, "list:7");
        assert_int_equal(m.ncountries, 2);
        assert_int_equal(mrec_countries(&m)[0], country_code("RU"));
        assert_int_equal(mrec_countries(&m)[1], country_code("UA"));
        assert_int_equal(m.nids, 2);
        assert_string_equal(mrec_ids(&m)[0].num, "100135556");
        assert_int_equal(mrec_ids(&m)[0].issuer, country_code("RU"));
        assert_string_equal(mrec_ids(&m)[1].num, "AB123456");
        assert_int_equal(m.ndobs, 2);
        assert_int_equal(mrec_dobs(&m)[0].day, 5);
        assert_int_equal(mrec_dobs(&m)[1].year, 1980);
        assert_int_equal(m.gender, 'm');
        assert_string_equal(mrec_posting(&m), "embassy in berlin");
        mrec_free(&m);
    }
    arena_free(&ar);
    ng_record_free(r);
    /* and none of them: no posting */
    struct mrec m;
    r = rec("8", "name=Ivan Petrov");
    assert_int_equal(mrec_from_record(e, "list", r, &m, NULL), NG_OK);
    assert_null(mrec_posting(&m));
    assert_int_equal(m.ncountries + m.nids + m.ndobs, 0);
    mrec_free(&m);
    ng_record_free(r);
    struct mresult res;
    score(e, "name=Ivan Petrov|posting=Embassy in Berlin", "name=Ivan Petrov|posting=EMBASSY IN BERLIN", &res);
    assert_true(feature(&res, "posting") > 0);
}

static void test_evidence(void **state)
{
    ng_engine *e = *state;
    struct mresult r;
    /* the best of all names: an alias meets */
    score(e, "name=CHEPIGA, Anatoliy Vladimirovich|alias=BOSHIROV, Ruslan|birthDate=05 Apr 1979",
          "name=Ruslan Boshirov", &r);
    assert_true(r.name_score >= 0.99);
    assert_int_equal(r.ib, 0);
    assert_int_equal(r.ia, 1);
    assert_int_equal(r.decision, NG_MATCH);
    assert_true(feature(&r, "birthDate") == 99); /* absent data is neutral */
    /* the same day; a contradicting year; days apart */
    score(e, "name=Ivan Petrov|birthDate=1979-04-05", "name=Ivan Petrov|birthDate=5.4.1979", &r);
    assert_true(feature(&r, "birthDate") > 0.07);
    assert_true(r.score == 1.0);
    score(e, "name=Ivan Petrov|birthDate=1979-04-05", "name=Ivan Petrov|birthDate=1960-01-01", &r);
    assert_true(feature(&r, "birthDate") < -0.15);
    assert_int_equal(r.decision, NG_POSSIBLE);
    score(e, "name=Ivan Petrov|birthDate=1979-04-05", "name=Ivan Petrov|birthDate=1979-04-09", &r);
    assert_non_null(strstr(r.f[1].value, "4 days apart"));
    score(e, "name=Ivan Petrov|birthDate=circa 1978", "name=Ivan Petrov|birthDate=1979", &r);
    assert_true(feature(&r, "birthDate") > 0);
    /* gender, states, identifiers */
    score(e, "name=Sasha Petrova|gender=female", "name=Sasha Petrova|gender=Male", &r);
    assert_true(feature(&r, "gender") < 0);
    score(e, "name=Ivan Petrov|nationality=Russia", "name=Ivan Petrov|nationality=Russian Federation", &r);
    assert_true(feature(&r, "nationality") > 0);
    score(e, "name=Ivan Petrov|nationality=RU", "name=Ivan Petrov|nationality=Ukraine", &r);
    assert_true(feature(&r, "nationality") < 0);
    score(e, "name=Aleksei MORENETS|passportNumber=100135556",
          "name=Alexey Morenets|passportNumber=10 0135556", &r);
    assert_true(feature(&r, "passportNumber") > 0.1);
    score(e, "name=Aleksei MORENETS|passportNumber=100135556^Russia",
          "name=Alexey Morenets|passportNumber=200135999^RU", &r);
    assert_true(feature(&r, "passportNumber") < 0);
    /* a reason a person can read */
    char why[512];
    match_reason(&r, why, sizeof why);
    assert_true(strncmp(why, "name ", 5) == 0);
    assert_non_null(strstr(why, "two passports of RU"));
}

static void test_countries(void **state)
{
    (void)state;
    char c[3];
    static const char *const ru[] = {"Russia", "RU", "RUS", "Russian Federation", "Russian", "Россия", "russie", "Russland"};
    for (size_t i = 0; i < sizeof ru / sizeof ru[0]; i++)
        if (strcmp(country_letters(country_code(ru[i]), c), "RU")) fail_msg("%s read as %s", ru[i], c);
    assert_string_equal(country_letters(country_code("Korea, North"), c), "KP");
    assert_string_equal(country_letters(country_code("USSR"), c), "SU");
    assert_int_equal(country_code("Atlantis"), 0);
}

/* A list of records made ready and indexed, and a query scratch. */
struct indexed {
    struct mset s;
    mindex *ix;
    mscratch *sc;
};

static void indexed_build(struct indexed *x, ng_record **recs, size_t n, int threads)
{
    assert_int_equal(mset_from_records(&x->s, "t", recs, n, 2), NG_OK);
    assert_int_equal(x->s.n, n);
    x->ix = mindex_build(x->s.v, x->s.n, threads);
    assert_non_null(x->ix);
    x->sc = mindex_scratch(x->ix);
    assert_non_null(x->sc);
}

static void indexed_free(struct indexed *x)
{
    mscratch_free(x->sc);
    mindex_free(x->ix);
    mset_free(&x->s);
}

/* Asks each query of the index and scores it against every record of s:
 * fails unless every pair at or above 0.80 is among the candidates (max,
 * up to cap).  With same_score, also that the score without explanation
 * is the explained one.  Returns the pairs. */
static size_t every_pair_found(struct mset *s, mindex *ix, mscratch *sc,
                               const char *const *queries, size_t nqueries, size_t max,
                               size_t cap, int same_score)
{
    size_t pairs = 0;
    uint32_t *cand = malloc(cap * sizeof *cand);
    assert_non_null(cand);
    for (size_t k = 0; k < nqueries; k++) {
        char spec[256];
        snprintf(spec, sizeof spec, "name=%s", queries[k]);
        ng_record *qr = rec("q", spec);
        struct mrec q;
        assert_int_equal(mrec_from_record(s->e[0], "q", qr, &q, NULL), NG_OK);
        size_t nc = mindex_candidates(ix, sc, &q, cand, max, cap, 0.80 - match_evidence_max(&q));
        for (size_t i = 0; i < s->n; i++) {
            double v = match_score(s->e[0], &q, &s->v[i], NULL);
            if (same_score) {
                struct mresult r;
                match_pair(s->e[0], &q, &s->v[i], NULL, &r);
                assert_true(v == r.score);
            }
            if (v < 0.80) continue;
            pairs++;
            int hit = 0;
            for (size_t c = 0; c < nc; c++) hit |= cand[c] == i;
            if (!hit) fail_msg("%s ~ %s (%.4f) not among the %zu candidates", queries[k],
                               MREC_SHOWN(&s->v[i]), v, nc);
        }
        mrec_free(&q);
        ng_record_free(qr);
    }
    free(cand);
    return pairs;
}

/* On a small list, the index finds every pair brute force scores at or
 * above the threshold. */
static void test_index_recall(void **state)
{
    (void)state;
    static const char *const list[] = {
        "name=CHEPIGA, Anatoliy Vladimirovich|alias=BOSHIROV, Ruslan",
        "name=MISHKIN, Alexander Yevgeniyevich|alias=PETROV, Alexander",
        "name=Сергей Викторович Лавров",
        "name=Olga Ivanova", "name=Oleg Ivanov", "name=Petr Ivanovsky",
        "name=Mohammed Ali Hassan", "name=محمد علي", "name=Khrushchev, Nikita",
        "name=Yevhen Khrushchov", "name=Tamara Shcheglova", "name=Kozlov Igor", "name=Kozlenko Igor",
        "name=Jashnsaz Ali", "name=Xi Jinping", "name=习近平", "name=N. Nazarbayev",
    };
    static const char *const queries[] = {
        "Ruslan Boshirov", "Анатолий Чепига", "Siergiej Ławrow", "LAVROV, Sergey", "Ольга Иванова",
        "Chruschtschow", "Мохаммед Али", "Tamara Chtcheglova", "Igor Kozlow", "Ali Jashn Saz",
        "Xi Jin Ping", "Nursultan Nazarbayev", "Alexandr Mishkin", "Petrov Alexander",
    };
    size_t n = sizeof list / sizeof list[0];
    ng_record *recs[32];
    for (size_t i = 0; i < n; i++) {
        char id[8];
        snprintf(id, sizeof id, "%zu", i);
        recs[i] = rec(id, list[i]);
    }
    struct indexed x;
    indexed_build(&x, recs, n, 1);
    size_t pairs = every_pair_found(&x.s, x.ix, x.sc, queries, sizeof queries / sizeof queries[0], 64, 64, 1);
    assert_true(pairs >= 12);
    indexed_free(&x);
    for (size_t i = 0; i < n; i++) ng_record_free(recs[i]);
}


/* The candidates of a query of name text in x, into out (256): asserted
 * the same with the index's bitmaps and without, and with the postings
 * read eight at a time and one at a time. */
static size_t candidates_alike(struct indexed *x, const char *text, uint32_t *out)
{
    ng_record *qr = rec("q", "name=x");
    ng_record_clear(qr);
    ng_record_set_id(qr, "q");
    ng_record_add(qr, "name", text, NULL);
    struct mrec q;
    assert_int_equal(mrec_from_record(x->s.e[0], "q", qr, &q, NULL), NG_OK);
    uint32_t b[256], one[256];
    mindex_use_dense(x->ix, 1);
    size_t na = mindex_candidates(x->ix, x->sc, &q, out, 128, 256, 0);
    mindex_use_dense(x->ix, 0);
    size_t nb = mindex_candidates(x->ix, x->sc, &q, b, 128, 256, 0);
    mindex_use_dense(x->ix, 1);
    assert_int_equal(na, nb);
    assert_memory_equal(out, b, na * sizeof *out);
    mindex_use_simd(x->ix, 0);
    size_t n1 = mindex_candidates(x->ix, x->sc, &q, one, 128, 256, 0);
    mindex_use_simd(x->ix, 1);
    assert_int_equal(na, n1);
    assert_memory_equal(out, one, na * sizeof *out);
    mrec_free(&q);
    ng_record_free(qr);
    return na;
}

/* A list large enough that its commonest keys are kept as bitmaps (70,000
 * records, 8 given names, each held by 8,750 or more, and a record in four
 * with two: common keys, which rank the pool and do not fill it): ranking
 * with them gives the candidates that reading their postings gives, in the
 * same order, and each query finds its own record; so does reading the
 * postings one at a time, not eight.  And so does a query of two of the
 * given names, whose two big tokens meet in records outside the pool. */
static void test_index_dense(void **state)
{
    (void)state;
    static const char *const given[] = {
        "Ivan", "Olga", "Sergei", "Anna", "Pavel", "Maria", "Dmitri", "Elena", "Nikolai", "Irina",
        "Oleg", "Tatiana", "Andrei", "Natalia", "Viktor", "Svetlana", "Igor", "Galina", "Boris",
        "Larisa", "Yuri", "Vera", "Mikhail", "Nina",
    };
    static const char *const syl[] = {"ka", "lo", "mi", "ren", "tov", "sha", "bur", "din", "pe", "zar",
                                      "gol", "vik", "nes", "tra", "mu", "hin"};
    enum { N = 70000 };
    ng_record **recs = malloc(N * sizeof *recs);
    assert_non_null(recs);
    for (size_t i = 0; i < N; i++) {
        char spec[128], id[16];
        size_t a = i % 16, b = (i / 16) % 16, c = (i / 256) % 16, d = (i / 4096) % 16;
        /* a record in four with a second given name */
        snprintf(spec, sizeof spec, "name=%s%s%s %c%s%s%s%s", given[(i * 7) % 8], i % 4 ? "" : " ",
                 i % 4 ? "" : given[(i * 3 + 1) % 8], 'A' + (int)(a % 26), syl[b], syl[c], syl[d],
                 syl[(a + b) % 16]);
        snprintf(id, sizeof id, "%zu", i);
        recs[i] = rec(id, spec);
    }
    struct indexed x;
    indexed_build(&x, recs, N, 2);
    size_t same = 0;
    for (size_t k = 0; k < 40; k++) {
        size_t want = (k * 1733) % x.s.n;
        uint32_t a[256];
        size_t na = candidates_alike(&x, MREC_SHOWN(&x.s.v[want]), a);
        /* and with two common given names: two big tokens of one name,
         * the one met through the index's bitmaps of the other */
        const char *sur = strrchr(MREC_SHOWN(&x.s.v[want]), ' ');
        size_t j = want / 4 * 4;
        char two[160];
        snprintf(two, sizeof two, "%s %s%s", given[(j * 7) % 8], given[(j * 3 + 1) % 8], sur ? sur : "");
        uint32_t c2[256];
        candidates_alike(&x, two, c2);
        int found = 0;
        for (size_t c = 0; c < na; c++) found |= a[c] == want;
        if (!found) fail_msg("%s not among its candidates", MREC_SHOWN(&x.s.v[want]));
        same++;
    }
    assert_int_equal(same, 40);
    indexed_free(&x);
    for (size_t i = 0; i < N; i++) ng_record_free(recs[i]);
    free(recs);
}

/* A crowd in which keys are common and one-edit keys crowded (30,000
 * records, three given names in several languages, short surnames built
 * of few letters, so that Rasa, Rosa, Reza and Rasi abound): every pair
 * brute force scores at or above 0.80 is among the candidates, those met
 * only through two common given names (Jean Mikhail for John Michał) and
 * those through vowels and cheap consonants alone (Hitoshi Rosa for
 * Хитоси Раза) too. */
static void test_index_crowd(void **state)
{
    (void)state;
    static const char *const given[] = {"John", "Jean", "Джон", "Michael", "Mikhail", "Michał",
                                        "Maria", "Мария", "Hitoshi", "Хитоси"};
    static const char *const cons[] = {"r", "s", "z", "k", "t", "n", "l", "m", "d", "v"};
    static const char *const vow[] = {"a", "o", "e", "i", "u"};
    enum { N = 30000 };
    ng_record **recs = malloc(N * sizeof *recs);
    assert_non_null(recs);
    uint32_t seed = 12345;
    for (size_t i = 0; i < N; i++) {
        char spec[128], id[16], sur[16];
        seed = seed * 1103515245u + 12345u;
        size_t g1 = (seed >> 8) % 10, c1 = (seed >> 12) % 10, v1 = (seed >> 16) % 5, c2 = (seed >> 19) % 10,
               v2 = (seed >> 23) % 5, g2 = (seed >> 26) % 10, two = (seed >> 30) & 1;
        snprintf(sur, sizeof sur, "%c%s%s%s", cons[c1][0] - 32, vow[v1], cons[c2], vow[v2]);
        if (two) snprintf(spec, sizeof spec, "name=%s %s %s", given[g1], given[g2], sur);
        else snprintf(spec, sizeof spec, "name=%s %s", given[g1], sur);
        snprintf(id, sizeof id, "%zu", i);
        recs[i] = rec(id, spec);
    }
    struct indexed x;
    indexed_build(&x, recs, N, 2);
    static const char *const queries[] = {"Хитоси Раза", "John Michał", "Jean Rosi", "Мария Кота",
                                          "Michael Lena", "Hitoshi Dima", "Джон Сара", "Maria Vizu",
                                          "Mikhail Nore", "Jean Tali"};
    size_t pairs = every_pair_found(&x.s, x.ix, x.sc, queries, sizeof queries / sizeof queries[0], 128, 2048, 0);
    assert_true(pairs >= 50);
    indexed_free(&x);
    for (size_t i = 0; i < N; i++) ng_record_free(recs[i]);
    free(recs);
}

/* Ranking: a rare surname met, and a common given name met only one edit
 * off (John / Johann), ranks above the surname and another given name met
 * in a record with a given name the query lacks: John Joseph Kanako finds
 * Johann Kanako among the first 128 of 7,000 Johns, 1,200 Johans (so that
 * John's keys asked one edit off are crowded) and 600 Maria (Anna, Pavel
 * ...) Joseph Kanakos. */
static void test_index_rank(void **state)
{
    (void)state;
    static const char *const second[] = {"Joseph", "Michael", "Peter", "Paul", "Joseph", "George"};
    static const char *const other[] = {"Maria", "Anna", "Pavel", "Olga", "Boris", "Irina", "Hiroshi", "Keiko"};
    static const char *const syl[] = {"ka", "lo", "mi", "ren", "tov", "sha", "bur", "din", "pe", "zar",
                                      "gol", "vik", "nes", "tra", "mu", "hin"};
    enum { NJOHN = 7000, NKANAKO = 600, NJOHAN = 1200, N = NJOHN + NKANAKO + NJOHAN + 1 };
    ng_record **recs = malloc(N * sizeof *recs);
    assert_non_null(recs);
    for (size_t i = 0; i < N; i++) {
        char spec[128], id[16];
        if (i < NJOHN)
            snprintf(spec, sizeof spec, "name=John %s %c%s%s%s", second[i % 6], 'B' + (int)(i % 20),
                     syl[(i / 20) % 16], syl[(i / 320) % 16], syl[i % 16]);
        else if (i < NJOHN + NKANAKO)
            snprintf(spec, sizeof spec, "name=%s Joseph Kanako", other[i % 8]);
        else if (i < NJOHN + NKANAKO + NJOHAN) /* John's keys asked one edit off crowded */
            snprintf(spec, sizeof spec, "name=Johan %c%s%s", 'B' + (int)(i % 20), syl[(i / 20) % 16],
                     syl[i % 16]);
        else
            snprintf(spec, sizeof spec, "name=Johann Kanako");
        snprintf(id, sizeof id, "%zu", i);
        recs[i] = rec(id, spec);
    }
    struct indexed x;
    indexed_build(&x, recs, N, 2);
    static const char *const queries[] = {"John Joseph Kanako"};
    size_t pairs = every_pair_found(&x.s, x.ix, x.sc, queries, 1, 128, 128, 0);
    assert_true(pairs >= 1);
    indexed_free(&x);
    for (size_t i = 0; i < N; i++) ng_record_free(recs[i]);
    free(recs);
}

/* Candidates kept from a score: past the first 64, a record whose names
 * cannot come near it is left out (the Sergeys of other family names for
 * Сергей Лавров from 0.80), every record that scores there stays, and so
 * do the others when the query's other evidence could lift them there. */
static void test_index_keep_from(void **state)
{
    (void)state;
    static const char *const lavrovs[] = {"Sergey Lavrov", "Sergei Lavrov", "Aleksandr Lavrov",
                                          "Sergey Lavrova"};
    static const char *const syl[] = {"ka", "lo", "mi", "ren", "tov", "sha", "bur", "din", "pe", "zar",
                                      "gol", "vik"};
    enum { NOTHER = 144, N = NOTHER + 4 };
    ng_record *recs[N];
    for (size_t i = 0; i < N; i++)
        recs[i] = i < NOTHER ? numbered(i, "name=Sergey %c%s%sov", 'B' + (int)(i % 12),
                                        syl[(i / 12) % 12], syl[i % 12])
                             : numbered(i, "name=%s", lavrovs[i - NOTHER]);
    struct indexed x;
    indexed_build(&x, recs, N, 1);
    ng_record *qr = rec("q", "name=Сергей Лавров");
    struct mrec q;
    assert_int_equal(mrec_from_record(x.s.e[0], "q", qr, &q, NULL), NG_OK);
    assert_true(match_evidence_max(&q) == 0);
    uint32_t all[256], kept[256];
    size_t na = mindex_candidates(x.ix, x.sc, &q, all, 256, 256, 0);
    size_t nk = mindex_candidates(x.ix, x.sc, &q, kept, 256, 256, 0.80);
    assert_true(na >= 140);
    assert_true(nk >= 64 && nk < 80);
    for (size_t i = 0; i < x.s.n; i++) {
        if (match_score(x.s.e[0], &q, &x.s.v[i], NULL) < 0.80) continue;
        int found = 0;
        for (size_t c = 0; c < nk; c++) found |= kept[c] == i;
        if (!found) fail_msg("%s scores 0.80 or more, not kept", MREC_SHOWN(&x.s.v[i]));
    }
    /* a date and a passport could add 0.23: kept from 0.57, all are back */
    mrec_free(&q);
    ng_record_free(qr);
    qr = rec("q", "name=Сергей Лавров|birthDate=1950-03-21|passportNumber=100200300^RU");
    assert_int_equal(mrec_from_record(x.s.e[0], "q", qr, &q, NULL), NG_OK);
    assert_true(match_evidence_max(&q) > 0.229 && match_evidence_max(&q) < 0.231);
    nk = mindex_candidates(x.ix, x.sc, &q, kept, 256, 256, 0.80 - match_evidence_max(&q));
    assert_int_equal(nk, na);
    mrec_free(&q);
    ng_record_free(qr);
    indexed_free(&x);
    for (size_t i = 0; i < N; i++) ng_record_free(recs[i]);
}

/* Two words of a query written as one in a record, among many records
 * that hold each word alone: EBAD ZADEH finds EBADZADEH, Pate Muro finds
 * PATEMURO, with a handful of candidates. */
static void test_index_joined(void **state)
{
    (void)state;
    enum { N = 400 };
    ng_record *recs[N];
    for (size_t i = 0; i < N; i++)
        recs[i] = i == 7    ? numbered(i, "name=EBADZADEH, Reza")
                  : i == 11 ? numbered(i, "name=PATEMURO")
                            : numbered(i, "name=%s %c%c%c, Reza", i % 2 ? "Ebad" : "Zadeh",
                                       'B' + (int)(i % 20), 'a' + (int)(i / 20 % 20), i % 2 ? 'n' : 'r');
    struct indexed x;
    indexed_build(&x, recs, N, 1);
    static const char *const queries[] = {"EBAD ZADEH, Reza", "Pate Muro"};
    static const uint32_t want[] = {7, 11};
    for (size_t k = 0; k < 2; k++) {
        ng_record *qr = numbered(0, "name=%s", queries[k]);
        struct mrec q;
        assert_int_equal(mrec_from_record(x.s.e[0], "q", qr, &q, NULL), NG_OK);
        assert_true(match_score(x.s.e[0], &q, &x.s.v[want[k]], NULL) >= 0.80);
        uint32_t cand[8];
        size_t nc = mindex_candidates(x.ix, x.sc, &q, cand, 8, 8, 0.80);
        int found = 0;
        for (size_t c = 0; c < nc; c++) found |= cand[c] == want[k];
        if (!found) fail_msg("%s: %s not among the first 8", queries[k], MREC_SHOWN(&x.s.v[want[k]]));
        mrec_free(&q);
        ng_record_free(qr);
    }
    indexed_free(&x);
    for (size_t i = 0; i < N; i++) ng_record_free(recs[i]);
}

/* Builds 3,001 records, the last of spec last and the others of given name
 * given and a family name of three syllables, and checks that every pair
 * brute force scores at or above 0.80 for query is among its candidates
 * (the last, which only the keys under test reach). */
static void last_of_many(const char *given, const char *last, const char *query)
{
    static const char *const syl[] = {"ka", "lo", "mi", "ren", "tov", "sha", "bur", "din", "pe", "zar",
                                      "gol", "vik", "nes", "tra", "mu", "hin"};
    enum { N = 3001 };
    ng_record **recs = malloc(N * sizeof *recs);
    assert_non_null(recs);
    for (size_t i = 0; i < N; i++)
        recs[i] = i == N - 1 ? numbered(i, "%s", last)
                             : numbered(i, "name=%s %c%s%s%s", given, 'B' + (int)(i % 20),
                                        syl[(i / 20) % 16], syl[(i / 320) % 16], syl[i % 16]);
    struct indexed x;
    indexed_build(&x, recs, N, 1);
    const char *const queries[] = {query};
    size_t pairs = every_pair_found(&x.s, x.ix, x.sc, queries, 1, 128, 128, 0);
    assert_true(pairs >= 1);
    indexed_free(&x);
    for (size_t i = 0; i < N; i++) ng_record_free(recs[i]);
    free(recs);
}

/* A query's family name that ends in a vowel meets a record's without
 * it, among 3,000 records of the same given name: Joe Chiellini finds Joe
 * Ludwig Kellyn (0.86), which only its coarse skeleton less the vowel
 * reaches. */
static void test_index_vowel_end(void **state)
{
    (void)state;
    last_of_many("Joe", "name=Joe Ludwig Kellyn", "Joe Chiellini");
}

/* A family name one edit off ranks above names its coarse skeleton alone
 * reaches: John Kikumi finds John Mark Kikuma (0.91; a word more, Mark)
 * among 384 John Kakame, John Gokuna ... of two words (K?K?M?, two edits
 * or more from Kikumi), though only 32 are taken. */
static void test_index_edit_rank(void **state)
{
    (void)state;
    static const char c1[] = "kg", v1[] = "aoeu", v2[] = "aoei", c3[] = "mn", v3[] = "aoe";
    enum { N = 385, TAKE = 32 };
    ng_record **recs = malloc(N * sizeof *recs);
    assert_non_null(recs);
    size_t i = 0;
    for (size_t a = 0; a < 2; a++)
        for (size_t b = 0; b < 4; b++)
            for (size_t c = 0; c < 2; c++)
                for (size_t d = 0; d < 4; d++)
                    for (size_t e = 0; e < 2; e++)
                        for (size_t f = 0; f < 3; f++, i++)
                            recs[i] = numbered(i, "name=John %c%c%c%c%c%c", c1[a] - 32, v1[b], c1[c], v2[d],
                                               c3[e], v3[f]);
    recs[i] = numbered(i, "name=John Mark Kikuma");
    assert_int_equal(i, N - 1);
    struct indexed x;
    indexed_build(&x, recs, N, 1);
    ng_record *qr = numbered(0, "name=John Kikumi");
    struct mrec q;
    assert_int_equal(mrec_from_record(x.s.e[0], "q", qr, &q, NULL), NG_OK);
    uint32_t cand[TAKE];
    size_t nc = mindex_candidates(x.ix, x.sc, &q, cand, TAKE, TAKE, 0);
    assert_int_equal(nc, TAKE);
    int found = 0;
    for (size_t c = 0; c < nc; c++) found |= cand[c] == N - 1;
    if (!found) fail_msg("John Mark Kikuma not among the %zu candidates of John Kikumi", nc);
    mrec_free(&q);
    ng_record_free(qr);
    indexed_free(&x);
    for (size_t k = 0; k < N; k++) ng_record_free(recs[k]);
    free(recs);
}

/* Postings: a key's records are its first and then each difference from
 * the one before, in as many bits as its greatest takes.  Records at both
 * ends of 70,000 and side by side (differences of 1 and of 40,000 in one
 * key; a first record past 2^14, whose varint takes three bytes) are all
 * read back. */
static void test_index_postings(void **state)
{
    (void)state;
    static const char *const syl[] = {"ka", "lo", "mi", "ren", "tov", "sha", "bur", "din", "pe", "zar",
                                      "gol", "vik", "nes", "tra", "mu", "hin"};
    static const size_t zhuk[] = {0, 1, 2, 40000, 69999}, wojc[] = {20000, 20001, 69998};
    enum { N = 70000 };
    ng_record **recs = malloc(N * sizeof *recs);
    assert_non_null(recs);
    for (size_t i = 0; i < N; i++) {
        const char *special = NULL;
        for (size_t k = 0; k < 5; k++) special = i == zhuk[k] ? "Zhukovsky" : special;
        for (size_t k = 0; k < 3; k++) special = i == wojc[k] ? "Wojciechowski" : special;
        recs[i] = special ? numbered(i, "name=Ivan %s", special)
                          : numbered(i, "name=Joe %c%s%s%s", 'B' + (int)(i % 20), syl[(i / 20) % 16],
                                     syl[(i / 320) % 16], syl[(i / 5120) % 16]);
    }
    struct indexed x;
    indexed_build(&x, recs, N, 2);
    static const char *const queries[] = {"Жуковский", "Wojciechowski"};
    static const size_t *const want[] = {zhuk, wojc};
    static const size_t nwant[] = {5, 3};
    for (size_t k = 0; k < 2; k++) {
        ng_record *qr = numbered(0, "name=%s", queries[k]);
        struct mrec q;
        assert_int_equal(mrec_from_record(x.s.e[0], "q", qr, &q, NULL), NG_OK);
        uint32_t cand[128];
        size_t nc = mindex_candidates(x.ix, x.sc, &q, cand, 128, 128, 0);
        for (size_t w = 0; w < nwant[k]; w++) {
            int found = 0;
            for (size_t c = 0; c < nc; c++) found |= cand[c] == want[k][w];
            if (!found) fail_msg("%s: record %zu not among its %zu candidates", queries[k], want[k][w], nc);
        }
        mrec_free(&q);
        ng_record_free(qr);
    }
    indexed_free(&x);
    for (size_t i = 0; i < N; i++) ng_record_free(recs[i]);
    free(recs);
}

/* A token's other readings meet by one cheap edit too: Ryōji read with j
 * as i (roi) and Reilly read as rei, 0.91; nothing else of theirs meets.
 * Chris Reilly, the last of 3,001 Chrises, is among the candidates of
 * Chris Ryōji. */
static void test_index_other_readings(void **state)
{
    (void)state;
    last_of_many("Chris", "name=Chris Reilly", "Chris Ryōji");
}

/* Two long family names that differ only in the middle meet by their
 * coarse head and tail (Jamieson / Jacquesson, 0.81: TSaNaSaN and
 * TSaKaSaN, no key of the two alike).  Chris Jacquesson, the last of
 * 3,001 Chrises, is among the candidates of Chris Jamieson. */
static void test_index_gapped(void **state)
{
    (void)state;
    last_of_many("Chris", "name=Chris Jacquesson", "Chris Jamieson");
}

/* A query asks the deletions of its longer other keys too, under K (the
 * index does not hold them): Malachy read as malaki finds Малки, malki,
 * the last of 3,001 Davids. */
static void test_index_query_deletions(void **state)
{
    (void)state;
    last_of_many("David", "name=Дэвид Малки", "David Malachy");
}

/* A word a record writes as two: the query asks the heads and tails of
 * its key as words (Leuris / Lee Juris, uris).  Maria Lee Juris, the last
 * of 3,001 Marias, is among the candidates of Mary Leuris. */
static void test_index_split(void **state)
{
    (void)state;
    last_of_many("Maria", "name=Maria Lee Juris", "Mary Leuris");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_evidence),
        cmocka_unit_test(test_countries),
        cmocka_unit_test(test_index_recall),
        cmocka_unit_test(test_index_dense),
        cmocka_unit_test(test_index_crowd),
        cmocka_unit_test(test_index_rank),
        cmocka_unit_test(test_index_keep_from),
        cmocka_unit_test(test_index_joined),
        cmocka_unit_test(test_index_vowel_end),
        cmocka_unit_test(test_index_postings),
        cmocka_unit_test(test_index_edit_rank),
        cmocka_unit_test(test_record_block),
        cmocka_unit_test(test_index_other_readings),
        cmocka_unit_test(test_index_gapped),
        cmocka_unit_test(test_index_query_deletions),
        cmocka_unit_test(test_index_split),
    };
    return cmocka_run_group_tests_name("match", tests, engine_setup, engine_teardown);
}
