/* test_store.c -- the SQLite store: imports whole or not at all, stable
 * ids, the log, refusals of files that are no store, a kill mid-import,
 * and the FtM round trip. */
#include <jansson.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testutil.h"
#include "records/records.h"
#include "store/store.h"

static char dir[256];

static int setup(void **state)
{
    snprintf(dir, sizeof dir, "/tmp/ng_store_XXXXXX");
    if (!mkdtemp(dir)) return -1;
    return engine_setup(state);
}

static int teardown(void **state)
{
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0) return -1;
    return engine_teardown(state);
}

static const char *path(const char *name)
{
    static char p[4][400];
    static int k;
    char *s = p[k++ % 4];
    snprintf(s, 400, "%s/%s", dir, name);
    return s;
}

static store *open_new(const char *name)
{
    remove(path(name));
    store *s = NULL;
    char err[600];
    if (store_open(path(name), 1, &s, err, sizeof err) != NG_OK) fail_msg("open: %s", err);
    return s;
}

static ng_record *person(const char *id, const char *name, const char *dob)
{
    ng_record *r = ng_record_new();
    ng_record_set_id(r, id);
    ng_record_add(r, "name", name, NULL);
    if (dob) ng_record_add_date(r, "birthDate", dob);
    return r;
}

/* Imports n persons "id|name|dob" as dataset ds; 0 on success. */
static ng_status import_list(store *s, ng_engine *e, const char *ds, const char *const *rows, size_t n)
{
    ng_status st = store_import_begin(s, ds, "csv", "test", 0);
    if (st != NG_OK) return st;
    for (size_t i = 0; i < n && st == NG_OK; i++) {
        char buf[256];
        snprintf(buf, sizeof buf, "%s", rows[i]);
        char *a = strtok(buf, "|"), *b = strtok(NULL, "|"), *c = strtok(NULL, "|");
        ng_record *r = person(a, b, c);
        st = store_import_record(s, e, r);
        ng_record_free(r);
    }
    struct import_counts cnt = {(long)n, (long)n, 0};
    if (st != NG_OK) { store_import_abort(s, &cnt, "test"); return st; }
    return store_import_commit(s, &cnt);
}

/* records.id of DATASET:ID through SQLite, -1 when absent. */
static long long rowid_of(const char *db, const char *ds, const char *id)
{
    sqlite3 *h;
    assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(h, "SELECT r.id FROM records r JOIN datasets d ON d.id = r.dataset_id "
                                           "WHERE d.name = ?1 AND r.source_id = ?2", -1, &q, NULL), SQLITE_OK);
    sqlite3_bind_text(q, 1, ds, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, id, -1, SQLITE_STATIC);
    long long v = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int64(q, 0) : -1;
    sqlite3_finalize(q);
    sqlite3_close(h);
    return v;
}

struct dump {
    char text[8192];
};

static ng_status dump_one(void *ctx, const ng_record *r)
{
    struct dump *d = ctx;
    size_t l = strlen(d->text);
    snprintf(d->text + l, sizeof d->text - l, "%s:", ng_record_id(r));
    for (size_t i = 0; i < ng_record_count(r); i++) {
        l = strlen(d->text);
        snprintf(d->text + l, sizeof d->text - l, "%s=%s;", ng_record_value(r, i)->prop, ng_record_value(r, i)->value);
    }
    l = strlen(d->text);
    snprintf(d->text + l, sizeof d->text - l, "\n");
    return NG_OK;
}

static const char *dump(store *s, const char *ds, struct dump *d)
{
    d->text[0] = 0;
    ng_status st = store_each(s, ds, dump_one, d);
    if (st == NG_ENOTFOUND) return "(none)";
    assert_int_equal(st, NG_OK);
    return d->text;
}

static void test_import_and_reimport(void **state)
{
    ng_engine *e = *state;
    store *s = open_new("a.db");
    static const char *const v1[] = {"1|Ivan PETROV|1970", "2|Oleg SIDOROV|5 Apr 1971", "3|Anna KOZLOVA|1980"};
    assert_int_equal(import_list(s, e, "list", v1, 3), NG_OK);
    struct dataset_info d;
    assert_int_equal(store_dataset(s, "list", &d), NG_OK);
    assert_int_equal(d.rows, 3);
    assert_string_equal(d.format, "csv");
    struct dump x;
    assert_string_equal(dump(s, "list", &x), "1:name=Ivan PETROV;birthDate=1970;\n"
                                             "2:name=Oleg SIDOROV;birthDate=1971-04-05;\n"
                                             "3:name=Anna KOZLOVA;birthDate=1980;\n");
    long long id2 = rowid_of(path("a.db"), "list", "2");
    long long id3 = rowid_of(path("a.db"), "list", "3");
    assert_true(id2 > 0 && id3 > 0);
    /* again: 1 goes, 2 changes, 4 comes; 2 and 3 keep their ids */
    static const char *const v2[] = {"3|Anna KOZLOVA|1980", "2|Oleg SIDOROV|1972", "4|Boris PETROV|1960"};
    assert_int_equal(import_list(s, e, "list", v2, 3), NG_OK);
    assert_string_equal(dump(s, "list", &x), "2:name=Oleg SIDOROV;birthDate=1972;\n"
                                             "3:name=Anna KOZLOVA;birthDate=1980;\n"
                                             "4:name=Boris PETROV;birthDate=1960;\n");
    assert_int_equal(rowid_of(path("a.db"), "list", "2"), id2);
    assert_int_equal(rowid_of(path("a.db"), "list", "3"), id3);
    assert_int_equal(rowid_of(path("a.db"), "list", "1"), -1);
    /* the Latin form of names is stored beside them */
    ng_record *r = ng_record_new();
    assert_int_equal(store_record(s, "list", "4", r), NG_OK);
    assert_string_equal(ng_record_first(r, "name"), "Boris PETROV");
    assert_int_equal(store_record(s, "list", "1", r), NG_ENOTFOUND);
    assert_string_equal(store_errmsg(s), "no record list:1");
    ng_record_free(r);
    store_close(s);
}

static void test_abort_and_duplicates(void **state)
{
    ng_engine *e = *state;
    store *s = open_new("b.db");
    static const char *const v1[] = {"1|Ivan PETROV|1970", "2|Oleg SIDOROV|1971"};
    assert_int_equal(import_list(s, e, "list", v1, 2), NG_OK);
    struct dump before, after;
    char saved[8192];
    snprintf(saved, sizeof saved, "%s", dump(s, "list", &before));
    /* an id given twice stops the import, and nothing changes */
    static const char *const dup[] = {"7|A B|1970", "8|C D|1971", "7|E F|1972"};
    assert_int_equal(import_list(s, e, "list", dup, 3), NG_EDATA);
    assert_string_equal(store_errmsg(s), "id '7' was already given on line 0");
    assert_string_equal(dump(s, "list", &after), saved);
    /* with merge, one record */
    assert_int_equal(store_import_begin(s, "merged", "ftm", "test", 1), NG_OK);
    ng_record *a = person("x", "Ivan PETROV", NULL), *b = person("x", "Vanya PETROV", "1970");
    assert_int_equal(store_import_record(s, e, a), NG_OK);
    assert_int_equal(store_import_record(s, e, b), NG_OK);
    struct import_counts c = {2, 2, 0};
    assert_int_equal(store_import_commit(s, &c), NG_OK);
    assert_string_equal(dump(s, "merged", &after), "x:name=Ivan PETROV;name=Vanya PETROV;birthDate=1970;\n");
    ng_record_free(a);
    ng_record_free(b);
    /* drop */
    assert_int_equal(store_drop(s, "merged"), NG_OK);
    assert_int_equal(store_drop(s, "merged"), NG_ENOTFOUND);
    assert_string_equal(dump(s, "merged", &after), "(none)");
    /* bad names */
    assert_false(store_valid_dataset_name(""));
    assert_false(store_valid_dataset_name("a:b"));
    assert_false(store_valid_dataset_name("-x"));
    assert_true(store_valid_dataset_name("ofac_2021.v2"));
    store_close(s);
}

static void test_not_a_store(void **state)
{
    (void)state;
    store *s = NULL;
    char err[600];
    /* missing, not to be created */
    assert_int_equal(store_open(path("none.db"), 0, &s, err, sizeof err), NG_ENOTFOUND);
    assert_non_null(strstr(err, "no store at"));
    /* a text file */
    FILE *f = fopen(path("text.db"), "w");
    fputs("this is no database, but it is long enough to look like a header of one....\n", f);
    fclose(f);
    assert_int_equal(store_open(path("text.db"), 1, &s, err, sizeof err), NG_ESTORE);
    assert_non_null(strstr(err, "not a SQLite database"));
    /* someone else's database */
    sqlite3 *h;
    remove(path("other.db"));
    sqlite3_open(path("other.db"), &h);
    sqlite3_exec(h, "CREATE TABLE t(x)", NULL, NULL, NULL);
    sqlite3_close(h);
    assert_int_equal(store_open(path("other.db"), 1, &s, err, sizeof err), NG_ESTORE);
    assert_non_null(strstr(err, "not a nongrata store"));
    /* a newer schema */
    s = open_new("new.db");
    store_close(s);
    sqlite3_open(path("new.db"), &h);
    sqlite3_exec(h, "PRAGMA user_version = 99", NULL, NULL, NULL);
    sqlite3_close(h);
    assert_int_equal(store_open(path("new.db"), 1, &s, err, sizeof err), NG_ESTORE);
    assert_non_null(strstr(err, "made by a newer nongrata (schema 99"));
    /* a store of schema 1 is migrated on open, its data kept */
    s = open_new("old.db");
    static const char *const v1[] = {"1|Ivan PETROV|1970"};
    ng_engine *e = ng_engine_new(NULL);
    assert_int_equal(import_list(s, e, "list", v1, 1), NG_OK);
    store_close(s);
    sqlite3_open(path("old.db"), &h);
    assert_int_equal(sqlite3_exec(h, "DROP TABLE candidates; DROP TABLE ledger_claims; "
                                     "DROP TABLE ledger_staff; PRAGMA user_version = 1",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(h);
    assert_int_equal(store_open(path("old.db"), 0, &s, err, sizeof err), NG_OK);
    struct dump d;
    assert_string_equal(dump(s, "list", &d), "1:name=Ivan PETROV;birthDate=1970;\n");
    assert_int_equal(store_candidates_begin(s), NG_OK);
    assert_int_equal(store_candidate(s, "list:1", "list:1", 1.0, "match", "same"), NG_OK);
    assert_int_equal(store_candidates_end(s, 1), NG_OK);
    /* and the ledger's tables are there (schema 3) */
    struct store_claim c = {"E1", "2022-04-05", "SVN", "RUS", 33, "other", "", "src", "", "", "", 0};
    assert_int_equal(store_ledger_begin(s, NULL), NG_OK);
    int added = 0;
    assert_int_equal(store_ledger_claim(s, &c, &added), NG_OK);
    assert_int_equal(added, 1);
    assert_int_equal(store_ledger_end(s, 1), NG_OK);
    store_close(s);
    sqlite3_open(path("old.db"), &h);
    sqlite3_stmt *q;
    sqlite3_prepare_v2(h, "PRAGMA user_version", -1, &q, NULL);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(q, 0), STORE_SCHEMA_VERSION);
    sqlite3_finalize(q);
    sqlite3_close(h);
    ng_engine_free(e);
}

/* The kill test: a child imports for ever; the parent kills it with
 * SIGKILL mid-way and finds the store as it was. */
static void test_kill_mid_import(void **state)
{
    ng_engine *e = *state;
    store *s = open_new("k.db");
    static const char *const v1[] = {"1|Ivan PETROV|1970", "2|Oleg SIDOROV|1971"};
    assert_int_equal(import_list(s, e, "victim", v1, 2), NG_OK);
    struct dump before;
    char saved[8192];
    snprintf(saved, sizeof saved, "%s", dump(s, "victim", &before));
    store_close(s);
    int fd[2];
    assert_int_equal(pipe(fd), 0);
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fd[0]);
        store *c = NULL;
        char err[600];
        if (store_open(path("k.db"), 0, &c, err, sizeof err) != NG_OK) _exit(2);
        if (store_import_begin(c, "victim", "csv", "kill", 0) != NG_OK) _exit(3);
        for (long i = 0;; i++) {
            char id[32], name[64];
            snprintf(id, sizeof id, "%ld", i);
            snprintf(name, sizeof name, "Person Number%ld", i);
            ng_record *r = person(id, name, "1970");
            if (store_import_record(c, NULL, r) != NG_OK) _exit(4);
            ng_record_free(r);
            if (i == 20000 && write(fd[1], "x", 1) != 1) _exit(5);
        }
    }
    close(fd[1]);
    char b;
    assert_int_equal(read(fd[0], &b, 1), 1);
    close(fd[0]);
    assert_int_equal(kill(pid, SIGKILL), 0);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    /* the store opens, says the same, and is sound */
    char err[600];
    s = NULL;
    assert_int_equal(store_open(path("k.db"), 0, &s, err, sizeof err), NG_OK);
    struct dump after;
    assert_string_equal(dump(s, "victim", &after), saved);
    struct dataset_info d;
    assert_int_equal(store_dataset(s, "victim", &d), NG_OK);
    assert_int_equal(d.rows, 2);
    store_close(s);
    sqlite3 *h;
    sqlite3_open(path("k.db"), &h);
    sqlite3_stmt *q;
    sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &q, NULL);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(q, 0), "ok");
    sqlite3_finalize(q);
    sqlite3_close(h);
}

/* FtM in, FtM out: the same entities. */
struct ftm_ctx {
    store *s;
    ng_engine *e;
};

static ng_status to_store(void *ctx, ng_record *r)
{
    struct ftm_ctx *c = ctx;
    return store_import_record(c->s, c->e, r);
}

static ng_status to_writer(void *ctx, const ng_record *r) { return writer_put(ctx, r); }

static void test_ftm_round_trip(void **state)
{
    ng_engine *e = *state;
    const char *in =
        "{\"id\":\"ofac-26171\",\"schema\":\"Person\",\"properties\":{\"name\":[\"CHEPIGA, Anatoliy Vladimirovich\"],"
        "\"alias\":[\"BOSHIROV, Ruslan\"],\"birthDate\":[\"1979-04-05\",\"1978-04-12\"],\"nationality\":[\"ru\"],"
        "\"wikidataId\":[\"Q56846584\"],\"notes\":[\"line one\\nline two \\\"quoted\\\"\"]}}\n"
        "{\"id\":\"p-1\",\"schema\":\"Passport\",\"properties\":{\"number\":[\"100135556\"],\"holder\":[\"ofac-26173\"]}}\n"
        "{\"id\":\"ofac-26173\",\"schema\":\"Person\",\"properties\":{\"name\":[\"MORENETS, Aleksei\",\"Алексей Моренец\"]}}\n";
    FILE *f = fopen(path("in.ftm"), "w");
    fputs(in, f);
    fclose(f);
    struct ftm_ctx c = {open_new("f.db"), e};
    assert_int_equal(store_import_begin(c.s, "ftm", "ftm", "in.ftm", 1), NG_OK);
    struct read_options o = {0};
    o.format = RFMT_FTM;
    struct read_sink sink = {to_store, NULL, NULL, NULL, NULL, &c, 0};
    struct read_error err;
    const char *p = path("in.ftm");
    assert_int_equal(records_read(&p, 1, &o, &sink, &err, NULL), NG_OK);
    struct import_counts cnt = {3, 3, 0};
    assert_int_equal(store_import_commit(c.s, &cnt), NG_OK);
    char *out = NULL;
    size_t outlen = 0;
    FILE *m = open_memstream(&out, &outlen);
    struct writer *w = writer_new(m, WFMT_FTM, "ftm", 1, NULL, 0);
    assert_int_equal(store_each(c.s, "ftm", to_writer, w), NG_OK);
    assert_int_equal(writer_end(w), NG_OK);
    fclose(m);
    /* line by line, the same JSON */
    char *a = strdup(in), *b = out, *sa, *sb;
    char *la = strtok_r(a, "\n", &sa), *lb = strtok_r(b, "\n", &sb);
    int n = 0;
    while (la && lb) {
        json_t *ja = json_loads(la, 0, NULL), *jb = json_loads(lb, 0, NULL);
        if (!json_equal(ja, jb)) fail_msg("entity %d differs:\n  in  %s\n  out %s", n, la, lb);
        json_decref(ja);
        json_decref(jb);
        la = strtok_r(NULL, "\n", &sa);
        lb = strtok_r(NULL, "\n", &sb);
        n++;
    }
    assert_null(la);
    assert_null(lb);
    assert_int_equal(n, 3);
    free(a);
    free(out);
    store_close(c.s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_import_and_reimport),
        cmocka_unit_test(test_abort_and_duplicates),
        cmocka_unit_test(test_not_a_store),
        cmocka_unit_test(test_kill_mid_import),
        cmocka_unit_test(test_ftm_round_trip),
    };
    return cmocka_run_group_tests_name("store", tests, setup, teardown);
}
