/*
 * test_ledger.c -- the expulsion ledger: dates, states, reasons, the CSV
 * and its errors, every analysis on the bundled ledger of real events
 * (samples/ledger) and on small fixtures, and extraction from news text.
 */
#include "testutil.h"

#include "ledger/ledger.h"
#include "records/records.h"

/* ---- dates, states, reasons ------------------------------------------------ */

static void test_dates(void **state)
{
    (void)state;
    struct ldate d;
    assert_int_equal(ldate_parse("2022-04-06", &d), 0);
    assert_true(ldate_exact(&d));
    assert_int_equal(d.first, ldate_days(2022, 4, 6));
    assert_string_equal(d.text, "2022-04-06");
    assert_int_equal(ldate_parse("2022-04", &d), 0);
    assert_int_equal(d.last - d.first, 29);
    assert_string_equal(d.text, "2022-04");
    assert_int_equal(ldate_parse("2020", &d), 0);
    assert_int_equal(d.last - d.first, 365); /* a leap year */
    assert_int_equal(ldate_parse("2022-02-24/2022-04-06", &d), 0);
    assert_int_equal(d.first, ldate_days(2022, 2, 24));
    assert_int_equal(d.last, ldate_days(2022, 4, 6));
    assert_string_equal(d.text, "2022-02-24/2022-04-06");
    assert_int_equal(ldate_parse("6 April 2022", &d), 0);
    assert_string_equal(d.text, "2022-04-06");
    assert_int_equal(ldate_parse("April 5, 1983", &d), 0);
    assert_string_equal(d.text, "1983-04-05");
    /* not dates */
    assert_int_equal(ldate_parse("2022-04-31", &d), -1);
    assert_int_equal(ldate_parse("2022-04-06/2022-04-01", &d), -1);
    assert_int_equal(ldate_parse("", &d), -1);
    assert_int_equal(ldate_parse("yesterday", &d), -1);
    assert_int_equal(ldate_parse("circa 1980", &d), -1);
    /* days and back, over two centuries */
    assert_int_equal(ldate_days(1970, 1, 1), 0);
    assert_int_equal(ldate_days(2000, 3, 1) - ldate_days(2000, 2, 28), 2);
    assert_int_equal(ldate_days(1900, 3, 1) - ldate_days(1900, 2, 28), 1);
    for (long z = ldate_days(1900, 1, 1); z < ldate_days(2100, 1, 1); z += 37) {
        int y, m, dd;
        ldate_civil(z, &y, &m, &dd);
        assert_int_equal(ldate_days(y, m, dd), z);
    }
}

static void test_states(void **state)
{
    (void)state;
    static const struct { const char *text; int metonyms; const char *code; } cases[] = {
        {"Russia", 0, "RUS"},          {"RUS", 0, "RUS"},           {"RU", 0, "RUS"},
        {"Russian Federation", 0, "RUS"}, {"Россия", 0, "RUS"},      {"Russian", 0, "RUS"},
        {"USSR", 0, "SUN"},            {"Soviet Union", 0, "SUN"},  {"SUN", 0, "SUN"},
        {"East Germany", 0, "DDR"},    {"Czechoslovakia", 0, "CSK"}, {"YUG", 0, "YUG"},
        {"NATO", 0, "NATO"},           {"EU", 0, "EU"},             {"European Union", 0, "EU"},
        {"the Netherlands", 0, "NLD"}, {"United Kingdom", 0, "GBR"}, {"Britain", 0, "GBR"},
        {"Slovenia", 0, "SVN"},        {"the Kremlin", 1, "RUS"},   {"Warsaw", 1, "POL"},
        {"Downing Street", 1, "GBR"},  {"Quai d'Orsay", 1, "FRA"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char code[LSTATE_MAX] = "";
        if (!ledger_state(cases[i].text, cases[i].metonyms, code))
            fail_msg("%s is no state", cases[i].text);
        assert_string_equal(code, cases[i].code);
    }
    char code[LSTATE_MAX];
    /* a capital is its state only in news text */
    assert_false(ledger_state("Moscow", 0, code));
    assert_false(ledger_state("the Kremlin", 0, code));
    assert_false(ledger_state("Ruritania", 1, code));
    assert_false(ledger_state("", 1, code));
    assert_string_equal(ledger_state_name("SUN"), "USSR");
    assert_string_equal(ledger_state_name("RUS"), "Russia");
}

static void test_reasons(void **state)
{
    (void)state;
    assert_int_equal(lreason_of("intelligence officers"), LR_ESPIONAGE);
    assert_int_equal(lreason_of("undeclared intelligence officers"), LR_ESPIONAGE);
    assert_int_equal(lreason_of("retaliation and parity"), LR_RETALIATION);
    assert_int_equal(lreason_of("parity"), LR_PARITY);
    assert_int_equal(lreason_of("activities incompatible with their status"), LR_INCOMPATIBLE);
    assert_int_equal(lreason_of("Vrbetice explosions"), LR_SECURITY);
    assert_int_equal(lreason_of("espionage"), LR_ESPIONAGE);
    assert_int_equal(lreason_of(""), LR_OTHER);
    assert_int_equal(lreason_of("a decision of the government"), LR_OTHER);
    assert_string_equal(lreason_name(LR_INCOMPATIBLE), "incompatible");
}

/* ---- the CSV ---------------------------------------------------------------- */

static ng_status read_text(const char *csv, ledger *l, struct read_error *err)
{
    FILE *f = fmemopen((void *)csv, strlen(csv), "r");
    assert_non_null(f);
    ng_status st = ledger_read_csv(f, "t.csv", l, err);
    fclose(f);
    return st;
}

static void test_csv(void **state)
{
    (void)state;
    static const char *const bad[][2] = {
        {"id,date,actor,target,count,reason\n", "no 'source' column"},
        {"id,date,actor,target,count,reason,source,colour\n", "unknown column 'colour'"},
        {"id,date,actor,target,count,reason,source\nE1,2022-04-06,POL,RUS,45,,s\nE2,2022-13-01,POL,RUS,1,,s\n",
         "date '2022-13-01' is no date"},
        {"id,date,actor,target,count,reason,source\nE1,2022-04-06,Ruritania,RUS,45,,s\n",
         "actor 'Ruritania' is no state"},
        {"id,date,actor,target,count,reason,source\nE1,2022-04-06,POL,POL,45,,s\n",
         "actor and target are both POL"},
        {"id,date,actor,target,count,reason,source\nE1,2022-04-06,POL,RUS,many,,s\n",
         "count 'many' is no number"},
        {"id,date,actor,target,count,reason,source\nE1,2022-04-06,POL,RUS,4\n", "5 fields where the header has 7"},
        {"id,date,actor,target,count,reason,source\n,2022-04-06,POL,RUS,4,,s\n", "no id"},
        {"id,date,actor,target,count,reason,source,persons\nE1,2022-04-06,POL,RUS,4,,s,ivanov\n",
         "not record ids"},
        {"", "empty"},
    };
    static const long lines[] = {1, 1, 3, 2, 2, 2, 2, 2, 2, 1};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ledger l;
        ledger_init(&l);
        struct read_error err = {0};
        assert_int_equal(read_text(bad[i][0], &l, &err), NG_EDATA);
        if (!strstr(err.msg, bad[i][1])) fail_msg("case %zu: '%s' lacks '%s'", i, err.msg, bad[i][1]);
        assert_string_equal(err.file, "t.csv");
        assert_int_equal(err.line, lines[i]);
        /* nothing of a bad file is kept */
        assert_int_equal(l.nclaims, 0);
        ledger_free(&l);
    }
    /* a good file: names for states, an empty count unknown, the columns in
     * any order, two claims of one event */
    ledger l;
    ledger_init(&l);
    struct read_error err = {0};
    assert_int_equal(read_text("source,id,actor,target,date,count,reason,answers,note\n"
                               "a,E1,Belgium,Russia,2022-03-29,12,espionage,,\n"
                               "b,E1,BEL,RUS,2022-03-29,21,,,\"a note, quoted\"\n"
                               "c,E2,Russian Federation,Belgium,2022-04,,retaliation,E1,\n",
                               &l, &err),
                     NG_OK);
    char msg[512];
    assert_int_equal(ledger_build(&l, msg, sizeof msg), NG_OK);
    assert_int_equal(l.nevents, 2);
    const struct levent *e1 = ledger_find(&l, "E1"), *e2 = ledger_find(&l, "E2");
    assert_non_null(e1);
    assert_int_equal(e1->n, 2);
    assert_int_equal(e1->lo, 12);
    assert_int_equal(e1->hi, 21);
    assert_true(levent_conflicts(e1));
    assert_int_equal(e1->reason, LR_ESPIONAGE);
    assert_string_equal(e2->actor, "RUS");
    assert_int_equal(e2->lo, -1);
    assert_string_equal(e2->answers, "E1");
    ledger_free(&l);
    /* one id, two pairs of states: an error naming both lines */
    ledger_init(&l);
    assert_int_equal(read_text("id,date,actor,target,count,reason,source\n"
                               "E1,2022-03-29,BEL,RUS,12,,a\n"
                               "E1,2022-03-29,RUS,BEL,12,,b\n",
                               &l, &err),
                     NG_OK);
    assert_int_equal(ledger_build(&l, msg, sizeof msg), NG_EDATA);
    assert_non_null(strstr(msg, "t.csv:2"));
    assert_non_null(strstr(msg, "t.csv:3"));
    ledger_free(&l);
    /* a staff file, told by its header */
    ledger_init(&l);
    assert_int_equal(read_text("host,sending,date,count,source\nSVN,Russia,2022-04-01,41,issue 5\n", &l, &err),
                     NG_OK);
    assert_int_equal(l.nstaff, 1);
    assert_int_equal(l.nclaims, 0);
    assert_string_equal(l.staff[0].sending, "RUS");
    assert_int_equal(l.staff[0].count, 41);
    ledger_free(&l);
    ledger_init(&l);
    assert_int_equal(read_text("host,sending,date,count\nSVN,RUS,2022-04-01,41\nSVN,Utopia,2022-04-01,4\n", &l, &err),
                     NG_EDATA);
    assert_int_equal(err.line, 3);
    assert_non_null(strstr(err.msg, "sending state 'Utopia' is no state"));
    assert_int_equal(l.nstaff, 0);
    ledger_free(&l);
    ledger_init(&l);
    assert_int_equal(read_text("host,sending,date\nSVN,RUS,2022-04-01\n", &l, &err), NG_EDATA);
    assert_non_null(strstr(err.msg, "no 'count' column"));
    ledger_free(&l);
    /* an answer to an event the ledger lacks is a warning, not an answer */
    ledger_init(&l);
    assert_int_equal(read_text("id,date,actor,target,count,reason,source,answers\n"
                               "E1,2022-03-29,BEL,RUS,12,,a,E0\n",
                               &l, &err),
                     NG_OK);
    assert_int_equal(ledger_build(&l, msg, sizeof msg), NG_OK);
    assert_int_equal(l.nwarnings, 1);
    assert_null(l.events[0].answers);
    ledger_free(&l);
}

/* ---- the bundled ledger ------------------------------------------------------ */

static int read_path(const char *path, ledger *l)
{
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    struct read_error err = {0};
    ng_status st = ledger_read_csv(f, path, l, &err);
    fclose(f);
    if (st != NG_OK) fail_msg("%s:%ld: %s", err.file, err.line, err.msg);
    return 0;
}

static int setup_bundled(void **state)
{
    ledger *l = calloc(1, sizeof *l);
    ledger_init(l);
    if (read_path("samples/ledger/expulsions.csv", l)) return -1;
    /* the staff file: host,sending,date,count,source */
    struct lstaff s = {"NATO", "RUS", {0, 0, ""}, 30, "europediplomatic.com"};
    ldate_parse("2018-03-26", &s.date);
    ledger_add_staff(l, &s);
    char msg[512];
    if (ledger_build(l, msg, sizeof msg) != NG_OK) return -1;
    *state = l;
    return 0;
}

static int teardown_bundled(void **state)
{
    ledger_free(*state);
    free(*state);
    return 0;
}

static long idx(const ledger *l, const char *id)
{
    const struct levent *e = ledger_find(l, id);
    if (!e) fail_msg("no event %s", id);
    return (long)(e - l->events);
}

static void test_pairs(void **state)
{
    const ledger *l = *state;
    struct lpair *p = calloc(l->nevents, sizeof *p);
    ledger_pairs(l, LEDGER_WINDOW, p);
    /* 1986: the US 25, the USSR 5, the US 55, the USSR 5 (recorded) */
    struct lpair *h4 = &p[idx(l, "H4")];
    assert_int_equal(h4->answers, idx(l, "H3"));
    assert_true(h4->recorded);
    assert_int_equal(h4->lag, 32);
    assert_true(h4->has_ratio);
    assert_true(h4->ratio > 0.1999 && h4->ratio < 0.2001);
    assert_string_equal(lpair_kind(h4), "smaller");
    assert_string_equal(lpair_kind(&p[idx(l, "H5")]), "larger");
    assert_int_equal(p[idx(l, "H6")].answers, idx(l, "H5"));
    /* a first move answers nothing */
    assert_int_equal(p[idx(l, "H1")].answers, -1);
    assert_int_equal(p[idx(l, "H3")].answers, -1);
    assert_int_equal(p[idx(l, "S1")].answers, -1);
    /* 2018: Russia's replies of 30 March answer each state's expulsion of the
     * 26th (inferred: no claim says so), mirror counts */
    struct lpair *pol = &p[idx(l, "S18R-POL")];
    assert_int_equal(pol->answers, idx(l, "S18-POL"));
    assert_false(pol->recorded);
    assert_int_equal(pol->lag, 4);
    assert_false(pol->approx);
    assert_string_equal(lpair_kind(pol), "mirror");
    /* Moldova's was dated only to an interval: the lag is approximate */
    assert_true(p[idx(l, "S18R-MDA")].approx);
    /* 2021: the Czech Republic 18, Russia 20 */
    struct lpair *v2 = &p[idx(l, "V2")];
    assert_true(v2->ratio > 1.111 && v2->ratio < 1.112);
    /* a window of three days finds no answer four days back */
    ledger_pairs(l, 3, p);
    assert_int_equal(p[idx(l, "S18R-POL")].answers, -1);
    assert_int_equal(p[idx(l, "H4")].answers, idx(l, "H3")); /* recorded: any lag */
    free(p);
}

static void test_chains(void **state)
{
    const ledger *l = *state;
    struct lpair *p = calloc(l->nevents, sizeof *p);
    long *chain = calloc(l->nevents, sizeof *chain);
    int *round = calloc(l->nevents, sizeof *round);
    ledger_pairs(l, LEDGER_WINDOW, p);
    size_t n = ledger_chains(l, p, chain, round);
    /* 1986, the UK 2018, the eleven 2018 replies, the US 2018, Czechia 2021 */
    assert_int_equal(n, 15);
    long c = chain[idx(l, "H3")];
    assert_true(c >= 0);
    static const char *const rounds[] = {"H3", "H4", "H5", "H6"};
    for (int r = 0; r < 4; r++) {
        assert_int_equal(chain[idx(l, rounds[r])], c);
        assert_int_equal(round[idx(l, rounds[r])], r + 1);
    }
    assert_int_equal(chain[idx(l, "H1")], -1);
    assert_int_equal(chain[idx(l, "S18-BEL")], -1); /* no reply recorded or found */
    free(p);
    free(chain);
    free(round);
}

static void test_balance(void **state)
{
    const ledger *l = *state;
    struct lbalance *b;
    size_t n;
    assert_int_equal(ledger_balance(l, &b, &n), NG_OK);
    const struct lbalance *su = NULL;
    for (size_t i = 0; i < n; i++)
        if (strcmp(b[i].a, "SUN") == 0 && strcmp(b[i].b, "USA") == 0) su = &b[i];
    assert_non_null(su);
    assert_int_equal(su->ab_lo, 10); /* the USSR expelled 5 + 5 */
    assert_int_equal(su->ba_lo, 80); /* the US 25 + 55 */
    assert_int_equal(su->ab_events, 2);
    free(b);
    struct ltotal *t;
    assert_int_equal(ledger_totals(l, &t, &n), NG_OK);
    assert_string_equal(t[0].state, "RUS");
    assert_int_equal(t[0].received_lo, 435);
    assert_int_equal(t[0].received_hi, 501); /* sources disagree: a range */
    assert_int_equal(t[0].given_lo, 136);
    free(t);
}

static void test_waves(void **state)
{
    const ledger *l = *state;
    struct lwave *w;
    size_t n;
    assert_int_equal(ledger_waves(l, 3, 14, &w, &n), NG_OK);
    assert_int_equal(n, 2);
    /* 2022, the largest: 21 states */
    assert_string_equal(w[0].target, "RUS");
    assert_int_equal(w[0].nstates, 21);
    assert_int_equal(w[0].lo, 263);
    assert_int_equal(w[0].hi, 329);
    assert_int_equal(w[0].first, ldate_days(2022, 2, 24));
    /* 2018: 28 states (NATO among them) from the 14th to the 29th of March */
    assert_int_equal(w[1].nstates, 28);
    assert_int_equal(w[1].lo, 154);
    assert_int_equal(w[1].first, ldate_days(2018, 3, 14));
    assert_int_equal(w[1].larger_before, -1);
    assert_int_equal(w[0].larger_before, -1);
    ledger_waves_free(w, n);
    /* 30 states: none; 3 states within 0 days: the 26 March 2018 alone */
    assert_int_equal(ledger_waves(l, 30, 14, &w, &n), NG_OK);
    assert_int_equal(n, 0);
    ledger_waves_free(w, n);
    assert_int_equal(ledger_waves(l, 3, 0, &w, &n), NG_OK);
    assert_int_equal(n, 2);
    assert_int_equal(w[1].first, ldate_days(2018, 3, 26));
    ledger_waves_free(w, n);
}

static void test_missions_bundled(void **state)
{
    const ledger *l = *state;
    struct lmission *m;
    size_t n;
    assert_int_equal(ledger_missions(l, "NATO", "RUS", &m, &n), NG_OK);
    assert_int_equal(n, 2);
    assert_int_equal(m[0].staff, 30);
    assert_int_equal(m[1].event, idx(l, "S18-NATO"));
    assert_int_equal(m[1].size_lo, 20);
    free(m);
}

/* ---- fixtures ------------------------------------------------------------- */

static void add(ledger *l, const char *id, const char *date, const char *a, const char *t, long count,
                const char *answers)
{
    struct lclaim c = {0};
    c.event = (char *)id;
    assert_int_equal(ldate_parse(date, &c.date), 0);
    snprintf(c.actor, sizeof c.actor, "%s", a);
    snprintf(c.target, sizeof c.target, "%s", t);
    c.count = count;
    c.answers = (char *)answers;
    assert_int_equal(ledger_add(l, &c), NG_OK);
}

static void test_missions(void **state)
{
    (void)state;
    /* Slovenia: 41 Russian diplomats, 33 expelled: 8 left */
    ledger l;
    ledger_init(&l);
    struct lstaff s = {"SVN", "RUS", {0, 0, ""}, 41, "issue 5"};
    ldate_parse("2022-04-01", &s.date);
    assert_int_equal(ledger_add_staff(&l, &s), NG_OK);
    add(&l, "E1", "2022-04-05", "SVN", "RUS", 33, NULL);
    add(&l, "E0", "2022-03-01", "SVN", "RUS", 2, NULL);  /* before the count: not taken */
    add(&l, "E2", "2022-04-20", "RUS", "SVN", 33, NULL); /* the other mission */
    add(&l, "E3", "2022-05-02", "SVN", "RUS", -1, NULL); /* unknown: 0 to 8 */
    char msg[256];
    assert_int_equal(ledger_build(&l, msg, sizeof msg), NG_OK);
    struct lmission *m;
    size_t n;
    assert_int_equal(ledger_missions(&l, NULL, NULL, &m, &n), NG_OK);
    assert_int_equal(n, 3);
    assert_int_equal(m[0].size_lo, 41);
    assert_int_equal(m[1].size_lo, 8);
    assert_int_equal(m[1].size_hi, 8);
    assert_int_equal(m[2].size_lo, 0);
    assert_int_equal(m[2].size_hi, 8);
    free(m);
    ledger_free(&l);
}

static void test_pairs_fixture(void **state)
{
    (void)state;
    ledger l;
    ledger_init(&l);
    add(&l, "A1", "2020-01-01", "AAA", "BBB", 5, NULL);
    add(&l, "A2", "2020-02-01", "AAA", "BBB", 3, NULL);
    add(&l, "B1", "2020-02-10", "BBB", "AAA", 3, NULL); /* the nearest: A2 */
    add(&l, "B2", "2020-09-01", "BBB", "AAA", 1, NULL); /* 203 days after A2: none */
    add(&l, "C1", "2020-03-01", "CCC", "DDD", 1, "C2"); /* loops: a recorded answer */
    add(&l, "C2", "2020-03-02", "DDD", "CCC", 1, "C1");
    /* the fixture's states are no ISO codes, but the analyses take any */
    char msg[256];
    assert_int_equal(ledger_build(&l, msg, sizeof msg), NG_OK);
    struct lpair p[6];
    ledger_pairs(&l, LEDGER_WINDOW, p);
    assert_int_equal(p[idx(&l, "B1")].answers, idx(&l, "A2"));
    assert_int_equal(p[idx(&l, "B1")].lag, 9);
    assert_int_equal(p[idx(&l, "B2")].answers, -1);
    assert_int_equal(p[idx(&l, "A1")].answers, -1);
    long chain[6];
    int round[6];
    ledger_chains(&l, p, chain, round); /* ends, loop and all */
    ledger_free(&l);
}

static void test_waves_fixture(void **state)
{
    (void)state;
    ledger l;
    ledger_init(&l);
    /* three states against XXX in 2001 (30 persons), three in 2005 (9), four
     * in 2009 (20): the 2009 wave is the largest since 2001 */
    const char *st[] = {"AAA", "BBB", "CCC", "DDD"};
    char id[16];
    for (int i = 0; i < 3; i++) {
        snprintf(id, sizeof id, "W1-%d", i);
        add(&l, id, i == 0 ? "2001-05-01" : "2001-05-10", st[i], "XXX", 10, NULL);
        snprintf(id, sizeof id, "W2-%d", i);
        add(&l, id, "2005-05-01", st[i], "XXX", 3, NULL);
    }
    for (int i = 0; i < 4; i++) {
        snprintf(id, sizeof id, "W3-%d", i);
        add(&l, id, "2009-05-01", st[i], "XXX", 5, NULL);
    }
    /* two states only: no wave */
    add(&l, "N1", "2012-01-01", "AAA", "XXX", 50, NULL);
    add(&l, "N2", "2012-01-02", "BBB", "XXX", 50, NULL);
    /* one state three times: no wave */
    add(&l, "N3", "2014-01-01", "AAA", "XXX", 50, NULL);
    add(&l, "N4", "2014-01-02", "AAA", "XXX", 50, NULL);
    add(&l, "N5", "2014-01-03", "AAA", "XXX", 50, NULL);
    char msg[256];
    assert_int_equal(ledger_build(&l, msg, sizeof msg), NG_OK);
    struct lwave *w;
    size_t n;
    assert_int_equal(ledger_waves(&l, 3, 14, &w, &n), NG_OK);
    assert_int_equal(n, 3);
    assert_int_equal(w[0].lo, 30);
    assert_int_equal(w[0].first, ldate_days(2001, 5, 1));
    assert_int_equal(w[1].lo, 20);
    assert_int_equal(w[1].nstates, 4);
    assert_int_equal(w[1].larger_before, 0); /* largest since the 2001 wave */
    assert_int_equal(w[2].lo, 9);
    assert_int_equal(w[2].larger_before, 0);
    ledger_waves_free(w, n);
    ledger_free(&l);
}

/* ---- extraction -------------------------------------------------------------- */

static size_t extract(const char *text, const char *date, struct lproposal **p)
{
    struct ldate d;
    if (date) assert_int_equal(ldate_parse(date, &d), 0);
    size_t n;
    assert_int_equal(ledger_extract(text, strlen(text), date ? &d : NULL, p, &n), NG_OK);
    return n;
}

static void test_extract(void **state)
{
    (void)state;
    struct lproposal *p;
    size_t n = extract("Poland expelled forty-five Russian diplomats on Wednesday.", "2022-03-24", &p);
    assert_int_equal(n, 1);
    assert_string_equal(p[0].actor, "POL");
    assert_string_equal(p[0].target, "RUS");
    assert_int_equal(p[0].count, 45);
    assert_string_equal(p[0].date.text, "2022-03-23");
    assert_false(p[0].announced);
    assert_non_null(strstr(p[0].evidence, "forty-five"));
    ledger_proposals_free(p, n);
    /* negated: nothing; announced: lower confidence */
    n = extract("Moscow denied it would expel any Polish diplomats.", "2022-03-24", &p);
    assert_int_equal(n, 0);
    ledger_proposals_free(p, n);
    n = extract("The Kremlin said it will expel two dozen Polish diplomats.", "2022-03-24", &p);
    assert_int_equal(n, 1);
    assert_int_equal(p[0].count, 24);
    assert_true(p[0].announced);
    assert_true(p[0].confidence < 0.8);
    ledger_proposals_free(p, n);
    /* historic: Moscow before 1992 is the USSR; an unknown count is empty */
    n = extract("In 1971 Britain expelled large numbers of Soviet officials. Moscow expelled dozens of "
                "British diplomats in 1985.",
                NULL, &p);
    assert_int_equal(n, 2);
    assert_string_equal(p[0].target, "SUN");
    assert_int_equal(p[0].count, -1);
    assert_string_equal(p[0].date.text, "1971");
    assert_string_equal(p[1].actor, "SUN");
    ledger_proposals_free(p, n);
    /* not English, not text: nothing, no crash */
    n = extract("Россия выслала 45 польских дипломатов.", "2022-03-24", &p);
    assert_int_equal(n, 0);
    ledger_proposals_free(p, n);
    static const char junk[] = "Poland \xff\xfe expelled \x01 45 \xc3 Russian diplomats";
    struct ldate d;
    ldate_parse("2022-03-24", &d);
    assert_int_equal(ledger_extract(junk, sizeof junk - 1, &d, &p, &n), NG_OK);
    ledger_proposals_free(p, n);
    assert_int_equal(ledger_extract("", 0, NULL, &p, &n), NG_OK);
    assert_int_equal(n, 0);
    ledger_proposals_free(p, n);
}

/* (actor, target) precision and recall over a labelled file. */
static void score_file(const char *path, double *prec, double *rec)
{
    FILE *f = fopen(path, "r");
    if (!f) fail_msg("cannot open %s", path);
    char line[4096];
    long found = 0, right = 0, expected = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || line[0] == '\n') continue;
        char *t1 = strchr(line, '\t');
        char *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
        if (!t1 || !t2) continue;
        *t1 = *t2 = 0;
        struct lproposal *p;
        size_t n = extract(t1 + 1, line, &p);
        found += (long)n;
        char *ev = t2 + 1;
        int used[16] = {0};
        char want[16][2][LSTATE_MAX];
        size_t nw = 0;
        for (char *tok = strtok(ev, ";"); tok && nw < 16; tok = strtok(NULL, ";")) {
            char *gt = strchr(tok, '>'), *colon = strchr(tok, ':');
            if (!gt || !colon) continue;
            while (*tok == ' ') tok++;
            snprintf(want[nw][0], LSTATE_MAX, "%.*s", (int)(gt - tok), tok);
            snprintf(want[nw][1], LSTATE_MAX, "%.*s", (int)(colon - gt - 1), gt + 1);
            nw++;
        }
        expected += (long)nw;
        for (size_t k = 0; k < n; k++)
            for (size_t i = 0; i < nw; i++)
                if (!used[i] && strcmp(want[i][0], p[k].actor) == 0 && strcmp(want[i][1], p[k].target) == 0) {
                    used[i] = 1;
                    right++;
                    break;
                }
        ledger_proposals_free(p, n);
    }
    fclose(f);
    *prec = found ? (double)right / (double)found : 0;
    *rec = expected ? (double)right / (double)expected : 0;
}

static void test_extract_sentences(void **state)
{
    (void)state;
    double p, r;
    /* the sentences the extractor was built on */
    score_file("tests/ledger/extract_sentences.tsv", &p, &r);
    printf("# extract_sentences.tsv: precision %.3f, recall %.3f\n", p, r);
    assert_true(p >= 0.95);
    assert_true(r >= 0.95);
    /* and sentences written after it, never used to change it */
    score_file("tests/ledger/extract_fresh.tsv", &p, &r);
    printf("# extract_fresh.tsv: precision %.3f, recall %.3f\n", p, r);
    assert_true(p >= 0.85);
    assert_true(r >= 0.85);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_states),
        cmocka_unit_test(test_reasons),
        cmocka_unit_test(test_csv),
        cmocka_unit_test_setup_teardown(test_pairs, setup_bundled, teardown_bundled),
        cmocka_unit_test_setup_teardown(test_chains, setup_bundled, teardown_bundled),
        cmocka_unit_test_setup_teardown(test_balance, setup_bundled, teardown_bundled),
        cmocka_unit_test_setup_teardown(test_waves, setup_bundled, teardown_bundled),
        cmocka_unit_test_setup_teardown(test_missions_bundled, setup_bundled, teardown_bundled),
        cmocka_unit_test(test_missions),
        cmocka_unit_test(test_pairs_fixture),
        cmocka_unit_test(test_waves_fixture),
        cmocka_unit_test(test_extract),
        cmocka_unit_test(test_extract_sentences),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
