/* test_readers.c -- CSV, TSV, JSON Lines, FtM, OFAC and UN readers, on
 * small files written here and on the real lists of ../shared/data. */
#include <unistd.h>

#include "testutil.h"
#include "records/records.h"

/* What a read gave: each record as "id|schema|line|prop=value(qual);...". */
struct got {
    char **rec;
    size_t n, cap;
    char **rej;
    size_t nrej;
    char warn[1024];
    size_t known, total;
};

static ng_status keep(void *ctx, ng_record *r)
{
    struct got *g = ctx;
    size_t cap = 256;
    for (size_t i = 0; i < ng_record_count(r); i++) {
        const ng_value *v = ng_record_value(r, i);
        cap += strlen(v->prop) + strlen(v->value) + (v->qual ? strlen(v->qual) : 0) + 8;
    }
    char *s = malloc(cap);
    snprintf(s, cap, "%s|%s|%ld|", ng_record_id(r), ng_record_schema(r), ng_record_line(r));
    for (size_t i = 0; i < ng_record_count(r); i++) {
        const ng_value *v = ng_record_value(r, i);
        size_t l = strlen(s);
        snprintf(s + l, cap - l, "%s=%s%s%s%s;", v->prop, v->value, v->qual ? "(" : "",
                 v->qual ? v->qual : "", v->qual ? ")" : "");
    }
    if (g->n == g->cap) {
        g->cap = g->cap ? 2 * g->cap : 64;
        g->rec = realloc(g->rec, g->cap * sizeof *g->rec);
    }
    g->rec[g->n++] = s;
    return NG_OK;
}

static ng_status reject(void *ctx, const struct read_error *why, const char *raw)
{
    struct got *g = ctx;
    char buf[2048];
    snprintf(buf, sizeof buf, "%ld: %s [%s]", why->line, why->msg, raw);
    g->rej = realloc(g->rej, (g->nrej + 1) * sizeof *g->rej);
    g->rej[g->nrej++] = strdup(buf);
    return NG_OK;
}

static void warn(void *ctx, const char *msg)
{
    struct got *g = ctx;
    snprintf(g->warn + strlen(g->warn), sizeof g->warn - strlen(g->warn), "%s\n", msg);
}

static void remarks(void *ctx, size_t known, size_t total)
{
    struct got *g = ctx;
    g->known = known;
    g->total = total;
}

static void got_free(struct got *g)
{
    for (size_t i = 0; i < g->n; i++) free(g->rec[i]);
    for (size_t i = 0; i < g->nrej; i++) free(g->rej[i]);
    free(g->rec);
    free(g->rej);
    memset(g, 0, sizeof *g);
}

static char tmpdir[256];

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/ng_readers_XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

/* Writes len bytes (or a string when len is -1) to a file of tmpdir. */
static const char *put(const char *name, const char *text, long len)
{
    static char path[8][400];
    static int k;
    char *p = path[k++ % 8];
    snprintf(p, 400, "%s/%s", tmpdir, name);
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    fwrite(text, 1, len < 0 ? strlen(text) : (size_t)len, f);
    fclose(f);
    return p;
}

/* Reads paths with options; returns the status, fills g and err. */
static ng_status rd(const char *const *paths, size_t n, const struct read_options *o, int skip,
                    struct got *g, struct read_error *err)
{
    memset(g, 0, sizeof *g);
    struct read_sink sink = {keep, reject, NULL, warn, remarks, g, skip};
    return records_read(paths, n, o, &sink, err, NULL);
}

static ng_status rd1(const char *path, const struct read_options *o, struct got *g,
                     struct read_error *err)
{
    return rd(&path, 1, o, 0, g, err);
}

static void test_csv_headers(void **state)
{
    (void)state;
    const char *p = put("h.csv",
                        "\xEF\xBB\xBF" "Full name,AKA,Date of birth,Passport No.,Sex,Remarks,Unused\r\n"
                        "Ivan PETROV,\"Petrov, Ivan\",5.4.1979,123456,male,\"two\nlines\",x\r\n"
                        "\"Oleg \"\"Olezhek\"\" SIDOROV\",,circa 1960,,,,\r\n",
                        -1);
    struct read_options o = {0};
    struct got g;
    struct read_error err;
    assert_int_equal(rd1(p, &o, &g, &err), NG_OK);
    assert_int_equal(g.n, 2);
    assert_string_equal(g.rec[0], "1|Person|2|name=Ivan PETROV;alias=Petrov, Ivan;birthDate=1979-04-05;"
                                  "passportNumber=123456;gender=male;notes=two\nlines;");
    /* the second row begins on line 4: the quoted field spanned a line */
    assert_string_equal(g.rec[1], "2|Person|4|name=Oleg \"Olezhek\" SIDOROV;birthDate=~1960;");
    got_free(&g);
}

static void test_csv_map(void **state)
{
    (void)state;
    const char *p = put("m.csv",
                        "No,Nom,Prénom,Alias 1,Alias 2,Born,Country\n"
                        "A7,DUPONT,Jean,Jean-Pierre Dupont; JP Dupont,,1961,FRA\n",
                        -1);
    struct read_options o = {0};
    o.map[0].role = "id";       o.map[0].column = "No";
    o.map[1].role = "surname";  o.map[1].column = "nom";      /* case does not matter */
    o.map[2].role = "given";    o.map[2].column = "3";        /* an index */
    o.map[3].role = "alias";    o.map[3].column = "Alias 1";
    o.map[4].role = "alias";    o.map[4].column = "Alias 2";  /* a role repeats */
    o.map[5].role = "dob";      o.map[5].column = "Born";
    o.nmap = 6;
    o.sep = "; ";
    struct got g;
    struct read_error err;
    assert_int_equal(rd1(p, &o, &g, &err), NG_OK);
    assert_int_equal(g.n, 1);
    assert_string_equal(g.rec[0], "A7|Person|2|lastName=DUPONT;firstName=Jean;alias=Jean-Pierre Dupont;"
                                  "alias=JP Dupont;birthDate=1961;country=FRA;name=Jean DUPONT;");
    got_free(&g);
    /* a column that does not exist */
    o.map[5].column = "Birthday";
    assert_int_equal(rd1(p, &o, &g, &err), NG_EINVAL);
    assert_non_null(strstr(err.msg, "--map dob=Birthday: no such column"));
    got_free(&g);
    /* no name at all */
    struct read_options o2 = {0};
    const char *q = put("noname.csv", "a,b\n1,2\n", -1);
    assert_int_equal(rd1(q, &o2, &g, &err), NG_EINVAL);
    assert_non_null(strstr(err.msg, "no column gives a name"));
    got_free(&g);
}

static void test_csv_no_header_tsv(void **state)
{
    (void)state;
    const char *p = put("nh.csv", "Ivan Petrov,1970\nOleg Sidorov,1971\n", -1);
    struct read_options o = {0};
    o.no_header = 1;
    o.map[0].role = "name"; o.map[0].column = "1";
    o.map[1].role = "dob";  o.map[1].column = "2";
    o.nmap = 2;
    struct got g;
    struct read_error err;
    assert_int_equal(rd1(p, &o, &g, &err), NG_OK);
    assert_int_equal(g.n, 2);
    assert_string_equal(g.rec[0], "1|Person|1|name=Ivan Petrov;birthDate=1970;");
    got_free(&g);
    /* TSV: a quote is a letter */
    const char *t = put("t.tsv", "name\tdob\nIvan \"Vanya\" Petrov\t1970\n", -1);
    struct read_options o3 = {0};
    assert_int_equal(rd1(t, &o3, &g, &err), NG_OK);
    assert_string_equal(g.rec[0], "1|Person|2|name=Ivan \"Vanya\" Petrov;birthDate=1970;");
    got_free(&g);
}

static void test_csv_errors(void **state)
{
    (void)state;
    static const struct { const char *name, *text; long len; ng_status st; long line; const char *msg; } cases[] = {
        {"cols.csv", "name,dob\nA B,1970\nC D,1971,x\n", -1, NG_EDATA, 3, "3 fields, the header has 2"},
        {"utf8.csv", "name,dob\nA \xff B,1970\n", -1, NG_EDATA, 2, "column 1 (name): invalid UTF-8 at byte 2 of the field"},
        {"nul.csv", "name,dob\nA \0B,1970\n", 17, NG_EDATA, 2, "column 1 (name): NUL byte at byte 2 of the field"},
        {"quote.csv", "name,dob\nA \"B\" C,1970\n", -1, NG_EDATA, 2, "a quote inside an unquoted field"},
        {"open.csv", "name,dob\nA B,1970\n\"C D,1971\nE F,1972\n", -1, NG_EDATA, 3, "a quoted field is never closed"},
        {"empty.csv", "", 0, NG_EDATA, 0, "empty file"},
        {"blank.csv", "\n\n", -1, NG_EDATA, 0, "empty file: no header and no rows"},
        {"dupname.csv", "name,dob\n,1970\n", -1, NG_EDATA, 2, "no name"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *p = put(cases[i].name, cases[i].text, cases[i].len);
        struct read_options o = {0};
        struct got g;
        struct read_error err;
        ng_status st = rd1(p, &o, &g, &err);
        if (st != cases[i].st) fail_msg("%s: status %d, want %d (%s)", cases[i].name, st, cases[i].st, err.msg);
        if (err.line != cases[i].line) fail_msg("%s: line %ld, want %ld", cases[i].name, err.line, cases[i].line);
        if (!strstr(err.msg, cases[i].msg)) fail_msg("%s: \"%s\" lacks \"%s\"", cases[i].name, err.msg, cases[i].msg);
        if (!strstr(err.file, cases[i].name)) fail_msg("%s: file named %s", cases[i].name, err.file);
        got_free(&g);
    }
    /* a field past the limit */
    size_t big = NG_VALUE_MAX_BYTES + 10;
    char *text = malloc(big + 32);
    strcpy(text, "name,dob\n");
    memset(text + 9, 'A', big);
    strcpy(text + 9 + big, ",1970\n");
    const char *p = put("big.csv", text, -1);
    free(text);
    struct read_options o = {0};
    struct got g;
    struct read_error err;
    assert_int_equal(rd1(p, &o, &g, &err), NG_EDATA);
    assert_int_equal(err.line, 2);
    assert_non_null(strstr(err.msg, "bytes long (limit 1048576)"));
    got_free(&g);
    /* a directory, a missing file */
    assert_int_equal(rd1(tmpdir, &o, &g, &err), NG_EIO);
    assert_non_null(strstr(err.msg, "is a directory"));
    got_free(&g);
    char missing[400];
    snprintf(missing, sizeof missing, "%s/none.csv", tmpdir);
    assert_int_equal(rd1(missing, &o, &g, &err), NG_EIO);
    assert_non_null(strstr(err.msg, "No such file"));
    got_free(&g);
}

static void test_csv_skip_bad(void **state)
{
    (void)state;
    const char *p = put("skip.csv", "name,dob\nA B,1970\nC D,1971,x\nE F,1972\nG \xfe,1973\n", -1);
    struct read_options o = {0};
    struct got g;
    struct read_error err;
    const char *paths[1] = {p};
    assert_int_equal(rd(paths, 1, &o, 1, &g, &err), NG_OK);
    assert_int_equal(g.n, 2);
    assert_int_equal(g.nrej, 2);
    assert_string_equal(g.rej[0], "3: 3 fields, the header has 2 [C D,1971,x]");
    assert_string_equal(g.rej[1], "5: column 1 (name): invalid UTF-8 at byte 2 of the field [G \xfe,1973]");
    assert_string_equal(g.rec[1], "3|Person|4|name=E F;birthDate=1972;");
    got_free(&g);
}

static void test_jsonl(void **state)
{
    (void)state;
    const char *p = put("a.jsonl",
                        "{\"id\": \"x1\", \"full_name\": \"Ivan Petrov\", \"aliases\": [\"Vanya\", \"I. Petrov\"], \"dob\": 1970}\n"
                        "\n"
                        "{\"name\": \"Oleg Sidorov\", \"passport\": \"65 4341294\", \"note\": null}\n",
                        -1);
    struct read_options o = {0};
    struct got g;
    struct read_error err;
    assert_int_equal(rd1(p, &o, &g, &err), NG_OK);
    assert_int_equal(g.n, 2);
    assert_string_equal(g.rec[0], "x1|Person|1|name=Ivan Petrov;alias=Vanya;alias=I. Petrov;birthDate=1970;");
    assert_string_equal(g.rec[1], "2|Person|3|name=Oleg Sidorov;passportNumber=65 4341294;");
    got_free(&g);
    const char *q = put("b.jsonl", "{\"name\": \"A B\"}\n{\"name\": \"C\", \"x\": {\"y\": 1}}\n{\"name\": \"D\n", -1);
    assert_int_equal(rd1(q, &o, &g, &err), NG_EDATA);
    assert_int_equal(err.line, 2);
    assert_non_null(strstr(err.msg, "key \"x\": a nested value"));
    got_free(&g);
    const char *paths[1] = {q};
    assert_int_equal(rd(paths, 1, &o, 1, &g, &err), NG_OK);
    assert_int_equal(g.n, 1);
    assert_int_equal(g.nrej, 2);
    assert_non_null(strstr(g.rej[1], "3: invalid JSON"));
    got_free(&g);
}

static void test_ftm(void **state)
{
    (void)state;
    const char *p = put("e.ftm.json",
                        "{\"id\": \"ofac-26171\", \"schema\": \"Person\", \"properties\": {\"name\": [\"CHEPIGA, Anatoliy\"], "
                        "\"alias\": [\"BOSHIROV, Ruslan\"], \"birthDate\": [\"1979-04-05\", \"1978-04-12\"], \"wikidataId\": [\"Q1\"]}, "
                        "\"datasets\": [\"us_ofac_sdn\"]}\n"
                        "{\"id\": \"pass-1\", \"schema\": \"Passport\", \"properties\": {\"number\": [\"100135556\"], \"holder\": [\"ofac-26173\"]}}\n",
                        -1);
    struct read_options o = {0};
    struct got g;
    struct read_error err;
    assert_int_equal(rd1(p, &o, &g, &err), NG_OK);
    assert_int_equal(g.n, 2);
    assert_string_equal(g.rec[0], "ofac-26171|Person|1|name=CHEPIGA, Anatoliy;alias=BOSHIROV, Ruslan;"
                                  "birthDate=1979-04-05;birthDate=1978-04-12;wikidataId=Q1;");
    assert_string_equal(g.rec[1], "pass-1|Passport|2|number=100135556;holder=ofac-26173;");
    got_free(&g);
    const char *q = put("bad.ftm.json", "{\"schema\": \"Person\", \"properties\": {}}\n", -1);
    o.format = RFMT_FTM;
    assert_int_equal(rd1(q, &o, &g, &err), NG_EDATA);
    assert_non_null(strstr(err.msg, "needs a string \"id\""));
    got_free(&g);
}

static void test_ofac_small(void **state)
{
    (void)state;
    /* the set in an odd order; CRLF, -0- and a closing Ctrl-Z */
    const char *add = put("add.csv", "100,1,\"Ulitsa 1\",\"Moscow\",\"Russia\",-0- \r\n\x1a", -1);
    const char *com = put("sdn_comments.csv", "100,\"ssport 5551234 (Russia); Linked To: UNIT 1.\"\r\n", -1);
    const char *sdn = put("sdn.csv",
                          "100,\"IVANOV, Ivan Ivanovich\",\"individual\",\"CYBER2] [CAATSA - RUSSIA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"
                          "\"DOB 05 Apr 1979; alt. DOB circa 1978; POB Kursk, Russia; nationality Russia; Gender Male; Pa\"\r\n"
                          "200,\"ACME LLC\",-0- ,\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n\x1a",
                          -1);
    const char *alt = put("alt.csv", "100,10,\"aka\",\"PETROV, Ivan\",-0- \r\n999,11,\"aka\",\"NOBODY\",-0- \r\n", -1);
    const char *paths[4] = {add, com, sdn, alt};
    struct read_options o = {0};
    struct got g;
    struct read_error err;
    assert_int_equal(rd(paths, 4, &o, 0, &g, &err), NG_OK);
    assert_int_equal(g.n, 2);
    assert_string_equal(g.rec[0], "100|Person|1|name=IVANOV, Ivan Ivanovich;program=CYBER2;program=CAATSA - RUSSIA;"
                                  "alias=PETROV, Ivan;address=Ulitsa 1, Moscow, Russia;country=Russia;"
                                  "birthDate=1979-04-05;birthDate=~1978;birthPlace=Kursk, Russia;nationality=Russia;"
                                  "gender=Male;passportNumber=5551234(Russia);linkedTo=UNIT 1;");
    assert_string_equal(g.rec[1], "200|Organization|2|name=ACME LLC;program=SDGT;");
    assert_non_null(strstr(g.warn, "1 rows name entities that"));
    assert_int_equal(g.known, 7);
    assert_int_equal(g.total, 7);
    got_free(&g);
    /* a file of no OFAC shape */
    const char *odd = put("odd.csv", "1,2,3\n", -1);
    const char *p2[2] = {sdn, odd};
    assert_int_equal(rd(p2, 2, &o, 0, &g, &err), NG_EDATA);
    assert_non_null(strstr(err.msg, "not a file of the OFAC set: 3 fields"));
    got_free(&g);
}

static void test_unxml_small(void **state)
{
    (void)state;
    const char *p = put("un.xml",
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CONSOLIDATED_LIST>\n<INDIVIDUALS>\n"
                        "<INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>UDAY</FIRST_NAME><SECOND_NAME>SADDAM</SECOND_NAME>"
                        "<NAME_ORIGINAL_SCRIPT>عدي صدام</NAME_ORIGINAL_SCRIPT>"
                        "<INDIVIDUAL_ALIAS><QUALITY>Low</QUALITY><ALIAS_NAME>Abu X</ALIAS_NAME></INDIVIDUAL_ALIAS>"
                        "<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>1964</FROM_YEAR><TO_YEAR>1967</TO_YEAR></INDIVIDUAL_DATE_OF_BIRTH>"
                        "<INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>Passport</TYPE_OF_DOCUMENT><NUMBER>A123</NUMBER><ISSUING_COUNTRY>Iraq</ISSUING_COUNTRY></INDIVIDUAL_DOCUMENT>"
                        "</INDIVIDUAL>\n</INDIVIDUALS>\n<ENTITIES><ENTITY><DATAID>2</DATAID><FIRST_NAME>ACME</FIRST_NAME></ENTITY></ENTITIES>\n"
                        "</CONSOLIDATED_LIST>\n",
                        -1);
    struct read_options o = {0};
    struct got g;
    struct read_error err;
    assert_int_equal(rd1(p, &o, &g, &err), NG_OK);
    assert_int_equal(g.n, 2);
    assert_string_equal(g.rec[0], "1|Person|4|name=UDAY SADDAM;alias=عدي صدام;firstName=UDAY;weakAlias=Abu X;"
                                  "birthDate=1964..1967;passportNumber=A123(Iraq);");
    assert_string_equal(g.rec[1], "2|Organization|6|name=ACME;");
    got_free(&g);
    const char *q = put("broken.xml", "<CONSOLIDATED_LIST>\n<INDIVIDUALS>\n<INDIVIDUAL>\n</CONSOLIDATED_LIST>\n", -1);
    assert_int_equal(rd1(q, &o, &g, &err), NG_EDATA);
    assert_int_equal(err.line, 4);
    assert_non_null(strstr(err.msg, "malformed XML"));
    got_free(&g);
    const char *r = put("other.xml", "<html><body/></html>\n", -1);
    assert_int_equal(rd1(r, &o, &g, &err), NG_EDATA);
    assert_non_null(strstr(err.msg, "not a UN consolidated list"));
    got_free(&g);
}

/* The record of g with id, or NULL. */
static const char *find(const struct got *g, const char *id)
{
    size_t n = strlen(id);
    for (size_t i = 0; i < g->n; i++)
        if (strncmp(g->rec[i], id, n) == 0 && g->rec[i][n] == '|') return g->rec[i];
    return NULL;
}

static void test_ofac_real(void **state)
{
    (void)state;
    FILE *f;
    OPEN_SHARED_OR_SKIP(f, "ofac_sdn_2021/sdn.csv");
    fclose(f);
    char p[4][4200];
    const char *names[4] = {"sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"};
    const char *paths[4];
    for (int i = 0; i < 4; i++) {
        snprintf(p[i], sizeof p[i], "%s/ofac_sdn_2021/%s", shared_data(), names[3 - i]);
        paths[i] = p[i];
    }
    struct read_options o = {0};
    struct got g;
    struct read_error err;
    assert_int_equal(rd(paths, 4, &o, 0, &g, &err), NG_OK);
    /* the entity count of SOURCE.md */
    assert_int_equal(g.n, 8976);
    const char *c = find(&g, "26171");
    assert_non_null(c);
    assert_non_null(strstr(c, "name=CHEPIGA, Anatoliy Vladimirovich;"));
    assert_non_null(strstr(c, "alias=BOSHIROV, Ruslan;"));
    assert_non_null(strstr(c, "birthDate=1979-04-05;birthDate=1978-04-12;"));
    /* passports of the GRU officers designated in 2018 */
    static const struct { const char *id, *pass; } gru[] = {
        {"26173", "passportNumber=100135556(Russia)"},  /* MORENETS: no state given */
        {"26177", "passportNumber=100135555"},
        {"26178", "passportNumber=120018866"},
        {"26179", "passportNumber=120017582"},
        {"21328", "passportNumber=100115101(Russia)"},  /* KOROBOV */
    };
    for (size_t i = 0; i < sizeof gru / sizeof gru[0]; i++) {
        const char *r = find(&g, gru[i].id);
        assert_non_null(r);
        /* MORENETS's Remarks name no issuing state */
        char want[128];
        snprintf(want, sizeof want, "%s", gru[i].pass);
        if (strcmp(gru[i].id, "26173") == 0) snprintf(want, sizeof want, "passportNumber=100135556;");
        if (!strstr(r, want)) fail_msg("%s lacks %s: %s", gru[i].id, want, r);
    }
    /* at least 99% of the Remarks clauses read into fields */
    printf("# OFAC 2021 Remarks: %zu of %zu clauses classified (%.2f%%)\n", g.known, g.total,
           100.0 * (double)g.known / (double)g.total);
    assert_true(g.known * 100 >= g.total * 99);
    got_free(&g);
}

static void test_un_real(void **state)
{
    (void)state;
    FILE *f;
    OPEN_SHARED_OR_SKIP(f, "un_consolidated/UN_consolidated.xml");
    fclose(f);
    char p[4200];
    snprintf(p, sizeof p, "%s/un_consolidated/UN_consolidated.xml", shared_data());
    struct read_options o = {0};
    struct got g;
    struct read_error err;
    assert_int_equal(rd1(p, &o, &g, &err), NG_OK);
    assert_int_equal(g.n, 730 + 273);
    /* original-script names are kept: Arabic letters in aliases */
    size_t arabic = 0;
    for (size_t i = 0; i < g.n; i++)
        if (strstr(g.rec[i], "alias=\xd8") || strstr(g.rec[i], "alias=\xd9")) arabic++;
    printf("# UN list: %zu records, %zu with an Arabic-script alias\n", g.n, arabic);
    assert_true(arabic > 100);
    const char *u = find(&g, "6908050");
    assert_non_null(u);
    assert_non_null(strstr(u, "alias=عدي صدام حسين التكريتي;"));
    got_free(&g);
}

static void test_eu_real(void **state)
{
    (void)state;
    FILE *f;
    OPEN_SHARED_OR_SKIP(f, "eu_journal_sanctions/32018R1542.csv");
    fclose(f);
    char p[4200];
    snprintf(p, sizeof p, "%s/eu_journal_sanctions/32018R1542.csv", shared_data());
    struct read_options o = {0};
    o.sep = "; ";
    o.map[0].role = "id"; o.map[0].column = "annex";
    o.map[1].role = "id"; o.map[1].column = "recordId";
    o.nmap = 2;
    struct got g;
    struct read_error err;
    assert_int_equal(rd1(p, &o, &g, &err), NG_OK);
    size_t chepiga = 0;
    for (size_t i = 0; i < g.n; i++)
        if (strstr(g.rec[i], "CHEPIGA") && strstr(g.rec[i], "ЧЕПИГА")) chepiga++;
    assert_int_equal(chepiga, 1);
    got_free(&g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_headers),
        cmocka_unit_test(test_csv_map),
        cmocka_unit_test(test_csv_no_header_tsv),
        cmocka_unit_test(test_csv_errors),
        cmocka_unit_test(test_csv_skip_bad),
        cmocka_unit_test(test_jsonl),
        cmocka_unit_test(test_ftm),
        cmocka_unit_test(test_ofac_small),
        cmocka_unit_test(test_unxml_small),
        cmocka_unit_test(test_ofac_real),
        cmocka_unit_test(test_un_real),
        cmocka_unit_test(test_eu_real),
    };
    return cmocka_run_group_tests_name("readers", tests, setup, teardown);
}
