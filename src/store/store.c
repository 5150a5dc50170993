/*
 * store.c -- the SQLite store.
 *
 * Schema (version 3; PRAGMA user_version holds the version, PRAGMA
 * application_id marks the file as nongrata's):
 *   datasets  a named list: format, source files, when, how many records
 *   records   one a person (or entity) of a dataset: the list's own id,
 *             schema, line; `seen` is the import that last wrote it; its
 *             values in `props`, a JSON array in the order given, each
 *             [property, value] or [property, value, qualifier] or, for a
 *             name, [property, value, qualifier or null, Latin form,
 *             script]:
 *             one row a record keeps imports fast (a table row a value cost
 *             three times as much), and SQLite's json_each() still reads it
 *   imports   the import log: files, format, times, rows read, kept,
 *             rejected, and how it ended
 *   candidates (version 2) pairs of records found by xref --store, with
 *             their score, decision and reason, for review
 *   ledger_claims (version 3) what each source says of an expulsion
 *             event: one row a claim, the same event id on several; the
 *             file (origin) and line it came from, so that importing a
 *             file again replaces what it said before
 *   ledger_staff (version 3) a mission's staff count at a date
 * Record ids (records.id) stay the same across re-imports of a dataset:
 * a re-import updates the records whose list id it meets again, adds the
 * new ones and deletes those it no longer holds, all in one transaction.
 */
#include <jansson.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "records/records.h"
#include "store/store.h"
#include "text/buf.h"
#include "text/strmap.h"

#define APP_ID 0x4E475241 /* "NGRA" */

static const char *const migrations[] = {
    /* 0 -> 1 */
    "CREATE TABLE datasets ("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL UNIQUE,"
    "  format TEXT NOT NULL,"
    "  source TEXT NOT NULL,"
    "  imported_at TEXT NOT NULL,"
    "  rows INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE records ("
    "  id INTEGER PRIMARY KEY,"
    "  dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,"
    "  source_id TEXT NOT NULL,"
    "  schema TEXT NOT NULL,"
    "  line INTEGER,"
    "  seen INTEGER NOT NULL,"
    "  props TEXT NOT NULL,"
    "  UNIQUE (dataset_id, source_id));"
    "CREATE TABLE imports ("
    "  id INTEGER PRIMARY KEY,"
    "  dataset TEXT NOT NULL,"
    "  files TEXT NOT NULL,"
    "  format TEXT NOT NULL,"
    "  started_at TEXT NOT NULL,"
    "  finished_at TEXT,"
    "  rows_read INTEGER NOT NULL DEFAULT 0,"
    "  rows_kept INTEGER NOT NULL DEFAULT 0,"
    "  rows_rejected INTEGER NOT NULL DEFAULT 0,"
    "  status TEXT NOT NULL,"
    "  message TEXT);",
    /* 1 -> 2: pairs from xref --store, for review */
    "CREATE TABLE candidates ("
    "  id INTEGER PRIMARY KEY,"
    "  a_record INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,"
    "  b_record INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,"
    "  score REAL NOT NULL,"
    "  decision TEXT NOT NULL,"
    "  reason TEXT NOT NULL,"
    "  found_at TEXT NOT NULL,"
    "  UNIQUE (a_record, b_record));",
    /* 2 -> 3: the expulsion ledger */
    "CREATE TABLE ledger_claims ("
    "  id INTEGER PRIMARY KEY,"
    "  event TEXT NOT NULL,"
    "  date TEXT NOT NULL,"
    "  actor TEXT NOT NULL,"
    "  target TEXT NOT NULL,"
    "  count INTEGER,"
    "  reason TEXT NOT NULL,"
    "  reason_text TEXT NOT NULL,"
    "  source TEXT NOT NULL,"
    "  answers TEXT NOT NULL,"
    "  persons TEXT NOT NULL,"
    "  origin TEXT NOT NULL,"
    "  line INTEGER NOT NULL,"
    "  added_at TEXT NOT NULL);"
    "CREATE UNIQUE INDEX ledger_claims_same ON ledger_claims"
    "  (event, date, actor, target, ifnull(count, -1), source);"
    "CREATE INDEX ledger_claims_origin ON ledger_claims(origin);"
    "CREATE TABLE ledger_staff ("
    "  id INTEGER PRIMARY KEY,"
    "  host TEXT NOT NULL,"
    "  sending TEXT NOT NULL,"
    "  date TEXT NOT NULL,"
    "  count INTEGER NOT NULL,"
    "  source TEXT NOT NULL,"
    "  UNIQUE (host, sending, date));",
};

enum {
    Q_FIND_DATASET, Q_NEW_DATASET, Q_LOG, Q_FIND_RECORD, Q_NEW_RECORD, Q_UPDATE_RECORD,
    Q_GET_PROPS, Q_SET_PROPS, Q_NQ
};

static const char *const sql[Q_NQ] = {
    [Q_FIND_DATASET] = "SELECT id FROM datasets WHERE name = ?1",
    [Q_NEW_DATASET] = "INSERT INTO datasets(name, format, source, imported_at) VALUES (?1, ?2, ?3, ?4)",
    [Q_LOG] = "INSERT INTO imports(dataset, files, format, started_at, status) VALUES (?1, ?2, ?3, ?4, 'running')",
    [Q_FIND_RECORD] = "SELECT id, seen FROM records WHERE dataset_id = ?1 AND source_id = ?2",
    [Q_NEW_RECORD] = "INSERT INTO records(dataset_id, source_id, schema, line, seen, props) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [Q_UPDATE_RECORD] = "UPDATE records SET schema = ?2, line = ?3, seen = ?4, props = ?5 WHERE id = ?1",
    [Q_GET_PROPS] = "SELECT props FROM records WHERE id = ?1",
    [Q_SET_PROPS] = "UPDATE records SET props = ?2 WHERE id = ?1",
};

struct store {
    sqlite3 *db;
    sqlite3_stmt *q[Q_NQ];
    char err[512];
    /* the import under way */
    int in_import;
    sqlite3_int64 dataset_id, import_id;
    int dataset_is_new;
    char dataset[80], format[16], started_at[32];
    char *files;
    strmap *seen_ids;     /* source ids of this import -> their line */
    struct buf json;     /* the props of the record being written */
    struct buf merged;   /* a record given twice, its values joined */
    int merge;            /* rows of one id make one record */
};

static ng_status fail(store *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static ng_status fail(store *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->err, sizeof s->err, fmt, ap);
    va_end(ap);
    return NG_ESTORE;
}

static ng_status db_fail(store *s, const char *what)
{
    return fail(s, "%s: %s", what, sqlite3_errmsg(s->db));
}

const char *store_errmsg(const store *s) { return s ? s->err : ""; }

/* Now, in ISO 8601 UTC; $SOURCE_DATE_EPOCH, when set, stands for the
 * clock (reproducible output, the golden tests). */
static void now_iso(char *buf, size_t cap)
{
    time_t t = time(NULL);
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) t = (time_t)strtoll(sde, NULL, 10);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, cap, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int exec(store *s, const char *q)
{
    char *msg = NULL;
    int rc = sqlite3_exec(s->db, q, NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        snprintf(s->err, sizeof s->err, "%s", msg ? msg : sqlite3_errstr(rc));
        sqlite3_free(msg);
    }
    return rc;
}

static long long scalar(store *s, const char *q, int *ok)
{
    sqlite3_stmt *st;
    long long v = 0;
    *ok = 0;
    if (sqlite3_prepare_v2(s->db, q, -1, &st, NULL) != SQLITE_OK) return 0;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) { v = sqlite3_column_int64(st, 0); *ok = 1; }
    else if (rc == SQLITE_DONE) *ok = 1;
    sqlite3_finalize(st);
    return v;
}

/* Brings the schema to STORE_SCHEMA_VERSION. */
static ng_status migrate(store *s)
{
    int ok;
    long long app = scalar(s, "PRAGMA application_id", &ok);
    if (!ok) return fail(s, "not a SQLite database (%s)", sqlite3_errmsg(s->db));
    long long ver = scalar(s, "PRAGMA user_version", &ok);
    long long tables = scalar(s, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'", &ok);
    if (app != APP_ID && (app != 0 || tables > 0))
        return fail(s, "not a nongrata store (a SQLite database of something else)");
    if (ver > STORE_SCHEMA_VERSION)
        return fail(s, "made by a newer nongrata (schema %lld; this one knows %d)", ver,
                    STORE_SCHEMA_VERSION);
    if (ver == STORE_SCHEMA_VERSION) return NG_OK;
    if (exec(s, "BEGIN IMMEDIATE") != SQLITE_OK) return fail(s, "cannot migrate: %s", s->err);
    for (long long v = ver; v < STORE_SCHEMA_VERSION; v++)
        if (exec(s, migrations[v]) != SQLITE_OK) {
            char why[512];
            snprintf(why, sizeof why, "%s", s->err);
            exec(s, "ROLLBACK");
            return fail(s, "migration to schema %lld failed: %s", v + 1, why);
        }
    char q[96];
    snprintf(q, sizeof q, "PRAGMA application_id = %d; PRAGMA user_version = %d", APP_ID,
             STORE_SCHEMA_VERSION);
    if (exec(s, q) != SQLITE_OK || exec(s, "COMMIT") != SQLITE_OK) {
        exec(s, "ROLLBACK");
        return fail(s, "migration failed: %s", s->err);
    }
    return NG_OK;
}

ng_status store_open(const char *path, int create, store **out, char *err, size_t errcap)
{
    *out = NULL;
    store *s = calloc(1, sizeof *s);
    if (!s) return NG_ENOMEM;
    int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
    int rc = sqlite3_open_v2(path, &s->db, flags, NULL);
    ng_status st = NG_OK;
    if (rc != SQLITE_OK) {
        if (!create && rc == SQLITE_CANTOPEN) {
            snprintf(s->err, sizeof s->err, "no store at %s (import a list first)", path);
            st = NG_ENOTFOUND;
        } else {
            st = fail(s, "cannot open the store %s: %s", path, s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
        }
    }
    if (st == NG_OK) {
        sqlite3_busy_timeout(s->db, 10000);
        sqlite3_extended_result_codes(s->db, 1);
        if (exec(s, "PRAGMA foreign_keys = ON") != SQLITE_OK) st = fail(s, "%s: %s", path, s->err);
    }
    if (st == NG_OK && (st = migrate(s)) != NG_OK) {
        char why[sizeof s->err];
        memcpy(why, s->err, sizeof why);
        snprintf(s->err, sizeof s->err, "%.100s: %.400s", path, why);
    }
    if (st == NG_OK && (exec(s, "PRAGMA journal_mode = WAL") != SQLITE_OK ||
                        exec(s, "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536") != SQLITE_OK))
        st = fail(s, "%s: %s", path, s->err);
    for (int i = 0; i < Q_NQ && st == NG_OK; i++)
        if (sqlite3_prepare_v3(s->db, sql[i], -1, SQLITE_PREPARE_PERSISTENT, &s->q[i], NULL) != SQLITE_OK)
            st = db_fail(s, "prepare");
    if (st != NG_OK) {
        snprintf(err, errcap, "%s", s->err);
        store_close(s);
        return st;
    }
    *out = s;
    return NG_OK;
}

void store_close(store *s)
{
    if (!s) return;
    if (s->in_import) store_import_abort(s, NULL, "the store was closed during the import");
    for (int i = 0; i < Q_NQ; i++) sqlite3_finalize(s->q[i]);
    sqlite3_close(s->db);
    free(s->files);
    buf_free(&s->json);
    buf_free(&s->merged);
    strmap_free(s->seen_ids);
    free(s);
}

int store_valid_dataset_name(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > 64 || name[0] == '-' || name[0] == '.') return 0;
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-' || c == '.'))
            return 0;
    }
    return 1;
}

/* ---- import ---------------------------------------------------------- */

static int step_done(sqlite3_stmt *q)
{
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    return rc == SQLITE_DONE;
}

ng_status store_import_begin(store *s, const char *dataset, const char *format, const char *files,
                             int merge)
{
    s->merge = merge;
    if (s->in_import) return fail(s, "an import is already under way");
    if (!store_valid_dataset_name(dataset))
        return fail(s, "'%s' is no dataset name (letters, digits, _ - . ; at most 64)", dataset);
    snprintf(s->dataset, sizeof s->dataset, "%s", dataset);
    snprintf(s->format, sizeof s->format, "%s", format);
    free(s->files);
    s->files = strdup(files ? files : "");
    strmap_free(s->seen_ids);
    s->seen_ids = strmap_new();
    if (!s->files || !s->seen_ids) return NG_ENOMEM;
    now_iso(s->started_at, sizeof s->started_at);
    if (exec(s, "BEGIN IMMEDIATE") != SQLITE_OK) return fail(s, "cannot start the import: %s", s->err);
    s->in_import = 1;
    sqlite3_stmt *q = s->q[Q_FIND_DATASET];
    sqlite3_bind_text(q, 1, dataset, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    s->dataset_is_new = rc != SQLITE_ROW;
    if (rc == SQLITE_ROW) s->dataset_id = sqlite3_column_int64(q, 0);
    sqlite3_reset(q);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) goto dbfail;
    if (s->dataset_is_new) {
        q = s->q[Q_NEW_DATASET];
        sqlite3_bind_text(q, 1, dataset, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 2, format, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 3, s->files, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 4, s->started_at, -1, SQLITE_STATIC);
        if (!step_done(q)) goto dbfail;
        s->dataset_id = sqlite3_last_insert_rowid(s->db);
    }
    q = s->q[Q_LOG];
    sqlite3_bind_text(q, 1, dataset, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, s->files, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, format, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 4, s->started_at, -1, SQLITE_STATIC);
    if (!step_done(q)) goto dbfail;
    s->import_id = sqlite3_last_insert_rowid(s->db);
    return NG_OK;
dbfail:;
    ng_status st = db_fail(s, "import");
    exec(s, "ROLLBACK");
    s->in_import = 0;
    return st;
}

/* The Latin form of a name: its tokens' Latin forms, by spaces. */
static ng_status latin_of(ng_engine *e, const char *name, char *buf, size_t cap,
                          ng_script *script)
{
    ng_name *n = NULL;
    ng_status st = ng_name_parse(e, name, (size_t)-1, &n);
    if (st != NG_OK) return st;
    *script = ng_name_script(n);
    size_t k = 0;
    buf[0] = 0;
    for (size_t i = 0; i < ng_name_count(n); i++) {
        ng_token t = ng_name_token(n, i);
        size_t l = strlen(t.latin);
        if (!l || k + l + 2 > cap) continue;
        if (k) buf[k++] = ' ';
        memcpy(buf + k, t.latin, l + 1);
        k += l;
    }
    ng_name_free(n);
    return NG_OK;
}

/* ---- the JSON of a record's values ------------------------------------ */

static int jput(struct buf *j, const char *t, size_t n)
{
    return buf_put(j, t, n) == (size_t)-1 ? -1 : 0;
}

/* A JSON string (UTF-8 as is; quotes, backslashes, controls escaped). */
static int jstr(struct buf *j, const char *t)
{
    if (jput(j, "\"", 1)) return -1;
    const char *run = t;
    for (const char *p = t;; p++) {
        unsigned char c = (unsigned char)*p;
        if (c && c >= 0x20 && c != '"' && c != '\\') continue;
        if (p > run && jput(j, run, (size_t)(p - run))) return -1;
        if (!c) break;
        char esc[8];
        if (c == '"') memcpy(esc, "\\\"", 3);
        else if (c == '\\') memcpy(esc, "\\\\", 3);
        else if (c == '\n') memcpy(esc, "\\n", 3);
        else if (c == '\t') memcpy(esc, "\\t", 3);
        else if (c == '\r') memcpy(esc, "\\r", 3);
        else snprintf(esc, sizeof esc, "\\u%04x", c);
        if (jput(j, esc, strlen(esc))) return -1;
        run = p + 1;
    }
    return jput(j, "\"", 1);
}

ng_status store_record_json(ng_engine *e, const ng_record *r, struct buf *j)
{
    j->len = 0;
    if (jput(j, "[", 1)) return NG_ENOMEM;
    for (size_t i = 0; i < ng_record_count(r); i++) {
        const ng_value *v = ng_record_value(r, i);
        char latin[2048];
        int has_latin = 0;
        ng_script script = NG_SCRIPT_NONE;
        const struct prop_info *pi = record_prop_info(v->prop);
        if (e && pi && pi->kind == PROP_NAME) {
            ng_status st = latin_of(e, v->value, latin, sizeof latin, &script);
            if (st == NG_OK) has_latin = latin[0] != 0;
            else if (st == NG_ENOMEM) return st;
            /* a name the engine cannot read (no letters, too long) is
             * kept as written, without a Latin form */
        }
        if (jput(j, i ? ",[" : "[", i ? 2 : 1) || jstr(j, v->prop) || jput(j, ",", 1) ||
            jstr(j, v->value))
            return NG_ENOMEM;
        if (v->qual || has_latin) {
            if (jput(j, ",", 1)) return NG_ENOMEM;
            if (v->qual ? jstr(j, v->qual) : jput(j, "null", 4)) return NG_ENOMEM;
        }
        if (has_latin && (jput(j, ",", 1) || jstr(j, latin) || jput(j, ",", 1) ||
                          jstr(j, ng_script_name(script))))
            return NG_ENOMEM;
        if (jput(j, "]", 1)) return NG_ENOMEM;
    }
    return jput(j, "]", 1) ? NG_ENOMEM : NG_OK;
}

/* Reads a props array into r (after its id and schema are set). */
static ng_status decode_props(store *s, const char *json, ng_record *r)
{
    json_error_t je;
    json_t *a = json_loads(json, 0, &je);
    if (!json_is_array(a)) {
        json_decref(a);
        return fail(s, "a record's values are no JSON array: %s", je.text);
    }
    size_t i;
    json_t *x;
    ng_status st = NG_OK;
    json_array_foreach(a, i, x) {
        const char *prop = json_string_value(json_array_get(x, 0));
        const char *val = json_string_value(json_array_get(x, 1));
        const char *qual = json_string_value(json_array_get(x, 2));
        if (!prop || !val) { st = fail(s, "a record's value is malformed"); break; }
        if ((st = ng_record_add(r, prop, val, qual)) != NG_OK) break;
    }
    json_decref(a);
    return st;
}

ng_status store_import_prepared(store *s, const char *sid, const char *schema, long line,
                                const char *json, size_t jlen)
{
    if (!s->in_import) return fail(s, "no import under way");
    size_t sl = strlen(sid);
    int32_t first_line;
    int again = strmap_get(s->seen_ids, sid, sl, &first_line);
    sqlite3_int64 rid = -1;
    sqlite3_stmt *q;
    if (again && !s->merge) {
        snprintf(s->err, sizeof s->err, "id '%.100s' was already given on line %ld", sid,
                 (long)first_line);
        return NG_EDATA;
    }
    if (!again && strmap_put(s->seen_ids, sid, sl, line > INT32_MAX ? INT32_MAX : (int32_t)line))
        return NG_ENOMEM;
    if (!s->dataset_is_new || again) {
        q = s->q[Q_FIND_RECORD];
        sqlite3_bind_int64(q, 1, s->dataset_id);
        sqlite3_bind_text(q, 2, sid, (int)sl, SQLITE_STATIC);
        int rc = sqlite3_step(q);
        if (rc == SQLITE_ROW) rid = sqlite3_column_int64(q, 0);
        sqlite3_reset(q);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE) return db_fail(s, "import");
    }
    if (rid < 0) {
        q = s->q[Q_NEW_RECORD];
        sqlite3_bind_int64(q, 1, s->dataset_id);
        sqlite3_bind_text(q, 2, sid, (int)sl, SQLITE_STATIC);
        sqlite3_bind_text(q, 3, schema, -1, SQLITE_STATIC);
        sqlite3_bind_int64(q, 4, line);
        sqlite3_bind_int64(q, 5, s->import_id);
        sqlite3_bind_text(q, 6, json, (int)jlen, SQLITE_STATIC);
        if (!step_done(q)) return db_fail(s, "import");
    } else if (!again) {
        /* a record of the previous import: same id, new content */
        q = s->q[Q_UPDATE_RECORD];
        sqlite3_bind_int64(q, 1, rid);
        sqlite3_bind_text(q, 2, schema, -1, SQLITE_STATIC);
        sqlite3_bind_int64(q, 3, line);
        sqlite3_bind_int64(q, 4, s->import_id);
        sqlite3_bind_text(q, 5, json, (int)jlen, SQLITE_STATIC);
        if (!step_done(q)) return db_fail(s, "import");
    } else {
        /* the same id again in this import: its values go after the
         * first's ("[a,b]" and "[c]" make "[a,b,c]") */
        q = s->q[Q_GET_PROPS];
        sqlite3_bind_int64(q, 1, rid);
        int rc = sqlite3_step(q);
        const char *old = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(q, 0) : "[]";
        struct buf *j = &s->merged;
        j->len = 0;
        size_t ol = strlen(old);
        int bad = ol < 2 || jput(j, old, ol - 1);
        if (!bad && jlen > 2) bad = (ol > 2 && jput(j, ",", 1)) || jput(j, json + 1, jlen - 1);
        else if (!bad) bad = jput(j, "]", 1);
        sqlite3_reset(q);
        if (bad) return NG_ENOMEM;
        q = s->q[Q_SET_PROPS];
        sqlite3_bind_int64(q, 1, rid);
        sqlite3_bind_text(q, 2, j->p, (int)j->len, SQLITE_STATIC);
        if (!step_done(q)) return db_fail(s, "import");
    }
    return NG_OK;
}

ng_status store_import_record(store *s, ng_engine *e, const ng_record *r)
{
    ng_status st = store_record_json(e, r, &s->json);
    if (st != NG_OK) return st;
    return store_import_prepared(s, ng_record_id(r), ng_record_schema(r), ng_record_line(r),
                                 s->json.p, s->json.len);
}

ng_status store_import_set_format(store *s, const char *format)
{
    snprintf(s->format, sizeof s->format, "%s", format);
    return NG_OK;
}

ng_status store_import_commit(store *s, const struct import_counts *c)
{
    if (!s->in_import) return fail(s, "no import under way");
    char q[512], done[32];
    now_iso(done, sizeof done);
    snprintf(q, sizeof q, "DELETE FROM records WHERE dataset_id = %lld AND seen <> %lld",
             (long long)s->dataset_id, (long long)s->import_id);
    if (exec(s, q) != SQLITE_OK) goto fail;
    sqlite3_stmt *u;
    if (sqlite3_prepare_v2(s->db,
                           "UPDATE datasets SET format = ?2, source = ?3, imported_at = ?4, rows = "
                           "(SELECT count(*) FROM records WHERE dataset_id = ?1) WHERE id = ?1",
                           -1, &u, NULL) != SQLITE_OK)
        goto fail;
    sqlite3_bind_int64(u, 1, s->dataset_id);
    sqlite3_bind_text(u, 2, s->format, -1, SQLITE_STATIC);
    sqlite3_bind_text(u, 3, s->files, -1, SQLITE_STATIC);
    sqlite3_bind_text(u, 4, done, -1, SQLITE_STATIC);
    int rc = sqlite3_step(u);
    sqlite3_finalize(u);
    if (rc != SQLITE_DONE) goto fail;
    snprintf(q, sizeof q,
             "UPDATE imports SET finished_at = '%s', format = '%s', rows_read = %ld, "
             "rows_kept = %ld, rows_rejected = %ld, status = 'ok' WHERE id = %lld",
             done, s->format, c->read, c->kept, c->rejected, (long long)s->import_id);
    if (exec(s, q) != SQLITE_OK) goto fail;
    if (exec(s, "COMMIT") != SQLITE_OK) goto fail;
    s->in_import = 0;
    return NG_OK;
fail:;
    char why[512];
    snprintf(why, sizeof why, "%s", s->err[0] ? s->err : sqlite3_errmsg(s->db));
    store_import_abort(s, c, why);
    return fail(s, "the import could not be committed: %s", why);
}

void store_import_abort(store *s, const struct import_counts *c, const char *why)
{
    if (!s->in_import) return;
    exec(s, "ROLLBACK");
    s->in_import = 0;
    /* the log keeps failed imports too (in a transaction of their own) */
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(s->db,
                           "INSERT INTO imports(dataset, files, format, started_at, finished_at, "
                           "rows_read, rows_kept, rows_rejected, status, message) VALUES "
                           "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'failed', ?9)",
                           -1, &q, NULL) != SQLITE_OK)
        return;
    char done[32];
    now_iso(done, sizeof done);
    sqlite3_bind_text(q, 1, s->dataset, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, s->files ? s->files : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, s->format, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 4, s->started_at, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 5, done, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 6, c ? c->read : 0);
    sqlite3_bind_int64(q, 7, 0);
    sqlite3_bind_int64(q, 8, c ? c->rejected : 0);
    sqlite3_bind_text(q, 9, why ? why : "", -1, SQLITE_STATIC);
    sqlite3_step(q);
    sqlite3_finalize(q);
}

/* ---- reading --------------------------------------------------------- */

static void copy_col(sqlite3_stmt *q, int i, char *dst, size_t cap)
{
    const unsigned char *t = sqlite3_column_text(q, i);
    snprintf(dst, cap, "%s", t ? (const char *)t : "");
}

static void fill_info(sqlite3_stmt *q, struct dataset_info *d)
{
    copy_col(q, 0, d->name, sizeof d->name);
    copy_col(q, 1, d->format, sizeof d->format);
    copy_col(q, 2, d->source, sizeof d->source);
    copy_col(q, 3, d->imported_at, sizeof d->imported_at);
    d->rows = (long)sqlite3_column_int64(q, 4);
}

ng_status store_datasets(store *s, void (*fn)(void *ctx, const struct dataset_info *d), void *ctx)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(s->db, "SELECT name, format, source, imported_at, rows FROM datasets ORDER BY name",
                           -1, &q, NULL) != SQLITE_OK)
        return db_fail(s, "datasets");
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        struct dataset_info d;
        fill_info(q, &d);
        fn(ctx, &d);
    }
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? NG_OK : db_fail(s, "datasets");
}

ng_status store_dataset(store *s, const char *name, struct dataset_info *d)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(s->db, "SELECT name, format, source, imported_at, rows FROM datasets WHERE name = ?1",
                           -1, &q, NULL) != SQLITE_OK)
        return db_fail(s, "dataset");
    sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) fill_info(q, d);
    sqlite3_finalize(q);
    if (rc == SQLITE_DONE) {
        snprintf(s->err, sizeof s->err, "no dataset '%s'", name);
        return NG_ENOTFOUND;
    }
    return rc == SQLITE_ROW ? NG_OK : db_fail(s, "dataset");
}

static int prop_rank(const char *p)
{
    for (int i = 0; record_props[i].name; i++)
        if (strcmp(record_props[i].name, p) == 0) return i;
    return 1 << 20;
}

static int by_prop_rank(const void *a, const void *b)
{
    const char *x = *(const char *const *)a, *y = *(const char *const *)b;
    int rx = prop_rank(x), ry = prop_rank(y);
    return rx != ry ? (rx < ry ? -1 : 1) : strcmp(x, y);
}

static ng_status add_name(char ***props, size_t *n, size_t *cap, const char *p)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*props)[i], p) == 0) return NG_OK;
    if (*n == *cap) {
        *cap = *cap ? 2 * *cap : 32;
        char **np = realloc(*props, *cap * sizeof *np);
        if (!np) return NG_ENOMEM;
        *props = np;
    }
    if (!((*props)[*n] = strdup(p))) return NG_ENOMEM;
    (*n)++;
    return NG_OK;
}

struct props_ctx {
    char ***props;
    size_t *n, cap;
};

static ng_status collect_props(void *ctx, const ng_record *r)
{
    struct props_ctx *c = ctx;
    for (size_t i = 0; i < ng_record_count(r); i++) {
        ng_status st = add_name(c->props, c->n, &c->cap, ng_record_value(r, i)->prop);
        if (st != NG_OK) return st;
    }
    return NG_OK;
}

ng_status store_dataset_props(store *s, const char *name, char ***props, size_t *n)
{
    *props = NULL;
    *n = 0;
    struct props_ctx c = {props, n, 0};
    ng_status st = store_each(s, name, collect_props, &c);
    if (*n) qsort(*props, *n, sizeof **props, by_prop_rank);
    return st;
}

ng_status store_record(store *s, const char *dataset, const char *id, ng_record *r)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT r.source_id, r.schema, r.line, r.props FROM records r JOIN datasets d "
                           "ON d.id = r.dataset_id WHERE d.name = ?1 AND r.source_id = ?2",
                           -1, &q, NULL) != SQLITE_OK)
        return db_fail(s, "record");
    sqlite3_bind_text(q, 1, dataset, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    ng_status st = NG_OK;
    ng_record_clear(r);
    if (rc == SQLITE_ROW) {
        ng_record_set_id(r, (const char *)sqlite3_column_text(q, 0));
        ng_record_set_schema(r, (const char *)sqlite3_column_text(q, 1));
        ng_record_set_line(r, (long)sqlite3_column_int64(q, 2));
        st = decode_props(s, (const char *)sqlite3_column_text(q, 3), r);
    } else if (rc == SQLITE_DONE) {
        snprintf(s->err, sizeof s->err, "no record %s:%s", dataset, id);
        st = NG_ENOTFOUND;
    } else {
        st = db_fail(s, "record");
    }
    sqlite3_finalize(q);
    return st;
}

ng_status store_each(store *s, const char *dataset, ng_status (*fn)(void *ctx, const ng_record *r),
                     void *ctx)
{
    struct dataset_info d;
    ng_status st = store_dataset(s, dataset, &d);
    if (st != NG_OK) return st;
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT r.source_id, r.schema, r.line, r.props FROM records r "
                           "JOIN datasets d ON d.id = r.dataset_id WHERE d.name = ?1 ORDER BY r.id",
                           -1, &q, NULL) != SQLITE_OK)
        return db_fail(s, "export");
    sqlite3_bind_text(q, 1, dataset, -1, SQLITE_STATIC);
    ng_record *r = ng_record_new();
    if (!r) { sqlite3_finalize(q); return NG_ENOMEM; }
    int rc = SQLITE_DONE;
    while (st == NG_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        ng_record_clear(r);
        ng_record_set_id(r, (const char *)sqlite3_column_text(q, 0));
        ng_record_set_schema(r, (const char *)sqlite3_column_text(q, 1));
        ng_record_set_line(r, (long)sqlite3_column_int64(q, 2));
        st = decode_props(s, (const char *)sqlite3_column_text(q, 3), r);
        if (st == NG_OK) st = fn(ctx, r);
    }
    if (st == NG_OK && rc != SQLITE_DONE) st = db_fail(s, "export");
    ng_record_free(r);
    sqlite3_finalize(q);
    return st;
}

ng_status store_drop(store *s, const char *dataset)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(s->db, "DELETE FROM datasets WHERE name = ?1", -1, &q, NULL) != SQLITE_OK)
        return db_fail(s, "drop");
    sqlite3_bind_text(q, 1, dataset, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) return db_fail(s, "drop");
    if (sqlite3_changes(s->db) == 0) {
        snprintf(s->err, sizeof s->err, "no dataset '%s'", dataset);
        return NG_ENOTFOUND;
    }
    return NG_OK;
}

ng_status store_imports(store *s, size_t n, void (*fn)(void *ctx, const struct import_log *l),
                        void *ctx)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT id, dataset, format, files, started_at, coalesce(finished_at, ''), "
                           "status, coalesce(message, ''), rows_read, rows_kept, rows_rejected "
                           "FROM imports ORDER BY id DESC LIMIT ?1",
                           -1, &q, NULL) != SQLITE_OK)
        return db_fail(s, "imports");
    sqlite3_bind_int64(q, 1, (sqlite3_int64)n);
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        struct import_log l;
        l.id = (long)sqlite3_column_int64(q, 0);
        copy_col(q, 1, l.dataset, sizeof l.dataset);
        copy_col(q, 2, l.format, sizeof l.format);
        copy_col(q, 3, l.files, sizeof l.files);
        copy_col(q, 4, l.started_at, sizeof l.started_at);
        copy_col(q, 5, l.finished_at, sizeof l.finished_at);
        copy_col(q, 6, l.status, sizeof l.status);
        copy_col(q, 7, l.message, sizeof l.message);
        l.read = (long)sqlite3_column_int64(q, 8);
        l.kept = (long)sqlite3_column_int64(q, 9);
        l.rejected = (long)sqlite3_column_int64(q, 10);
        fn(ctx, &l);
    }
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? NG_OK : db_fail(s, "imports");
}

/* ---- candidates for review --------------------------------------------- */

ng_status store_candidates_begin(store *s)
{
    if (exec(s, "BEGIN IMMEDIATE") != SQLITE_OK) return fail(s, "cannot save candidates: %s", s->err);
    return NG_OK;
}

/* records.id of DATASET:ID, or -1. */
static sqlite3_int64 record_rowid(store *s, const char *id)
{
    const char *colon = strchr(id, ':');
    if (!colon) return -1;
    sqlite3_stmt *q;
    if (sqlite3_prepare_v3(s->db,
                           "SELECT r.id FROM records r JOIN datasets d ON d.id = r.dataset_id "
                           "WHERE d.name = ?1 AND r.source_id = ?2",
                           -1, SQLITE_PREPARE_PERSISTENT, &q, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(q, 1, id, (int)(colon - id), SQLITE_STATIC);
    sqlite3_bind_text(q, 2, colon + 1, -1, SQLITE_STATIC);
    sqlite3_int64 v = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int64(q, 0) : -1;
    sqlite3_finalize(q);
    return v;
}

ng_status store_candidate(store *s, const char *a_id, const char *b_id, double score,
                          const char *decision, const char *reason)
{
    sqlite3_int64 a = record_rowid(s, a_id), b = record_rowid(s, b_id);
    if (a < 0 || b < 0) return fail(s, "no record %s", a < 0 ? a_id : b_id);
    sqlite3_stmt *q;
    if (sqlite3_prepare_v3(s->db,
                           "INSERT INTO candidates(a_record, b_record, score, decision, reason, found_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(a_record, b_record) DO UPDATE SET "
                           "score = excluded.score, decision = excluded.decision, "
                           "reason = excluded.reason, found_at = excluded.found_at",
                           -1, SQLITE_PREPARE_PERSISTENT, &q, NULL) != SQLITE_OK)
        return db_fail(s, "candidates");
    char now[32];
    now_iso(now, sizeof now);
    sqlite3_bind_int64(q, 1, a);
    sqlite3_bind_int64(q, 2, b);
    sqlite3_bind_double(q, 3, score);
    sqlite3_bind_text(q, 4, decision, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 5, reason, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 6, now, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? NG_OK : db_fail(s, "candidates");
}

/* Ends a transaction: commits, or rolls back. */
static ng_status end_tx(store *s, int commit, const char *what)
{
    if (!commit) { exec(s, "ROLLBACK"); return NG_OK; }
    return exec(s, "COMMIT") == SQLITE_OK ? NG_OK : fail(s, "cannot %s: %s", what, s->err);
}

ng_status store_candidates_end(store *s, int commit)
{
    return end_tx(s, commit, "save candidates");
}

ng_status store_candidates(store *s, void (*fn)(void *ctx, const struct candidate *c), void *ctx)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT da.name || ':' || ra.source_id, db.name || ':' || rb.source_id, "
                           "c.score, c.decision, c.reason, c.found_at FROM candidates c "
                           "JOIN records ra ON ra.id = c.a_record JOIN datasets da ON da.id = ra.dataset_id "
                           "JOIN records rb ON rb.id = c.b_record JOIN datasets db ON db.id = rb.dataset_id "
                           "ORDER BY c.score DESC, 1, 2",
                           -1, &q, NULL) != SQLITE_OK)
        return db_fail(s, "candidates");
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        struct candidate c;
        copy_col(q, 0, c.a, sizeof c.a);
        copy_col(q, 1, c.b, sizeof c.b);
        c.score = sqlite3_column_double(q, 2);
        copy_col(q, 3, c.decision, sizeof c.decision);
        copy_col(q, 4, c.reason, sizeof c.reason);
        copy_col(q, 5, c.found_at, sizeof c.found_at);
        fn(ctx, &c);
    }
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? NG_OK : db_fail(s, "candidates");
}

/* ---- the expulsion ledger ------------------------------------------------ */

ng_status store_ledger_begin(store *s, const char *replace_origin)
{
    if (exec(s, "BEGIN IMMEDIATE") != SQLITE_OK) return fail(s, "cannot write the ledger: %s", s->err);
    if (!replace_origin) return NG_OK;
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(s->db, "DELETE FROM ledger_claims WHERE origin = ?1", -1, &q, NULL) != SQLITE_OK) {
        ng_status st = db_fail(s, "ledger");
        exec(s, "ROLLBACK");
        return st;
    }
    sqlite3_bind_text(q, 1, replace_origin, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) {
        ng_status st = db_fail(s, "ledger");
        exec(s, "ROLLBACK");
        return st;
    }
    return NG_OK;
}

ng_status store_ledger_claim(store *s, const struct store_claim *c, int *added)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v3(s->db,
                           "INSERT OR IGNORE INTO ledger_claims(event, date, actor, target, count, "
                           "reason, reason_text, source, answers, persons, origin, line, added_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                           -1, SQLITE_PREPARE_PERSISTENT, &q, NULL) != SQLITE_OK)
        return db_fail(s, "ledger");
    char now[32];
    now_iso(now, sizeof now);
    const char *t[] = {c->event, c->date, c->actor, c->target};
    for (int i = 0; i < 4; i++) sqlite3_bind_text(q, i + 1, t[i], -1, SQLITE_STATIC);
    if (c->count >= 0) sqlite3_bind_int64(q, 5, c->count);
    else sqlite3_bind_null(q, 5);
    const char *u[] = {c->reason, c->reason_text, c->source, c->answers, c->persons, c->origin};
    for (int i = 0; i < 6; i++) sqlite3_bind_text(q, i + 6, u[i] ? u[i] : "", -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 12, c->line);
    sqlite3_bind_text(q, 13, now, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    if (added) *added = rc == SQLITE_DONE && sqlite3_changes(s->db) > 0;
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? NG_OK : db_fail(s, "ledger");
}

ng_status store_ledger_staff_put(store *s, const char *host, const char *sending, const char *date,
                                 long count, const char *source)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(s->db,
                           "INSERT INTO ledger_staff(host, sending, date, count, source) "
                           "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(host, sending, date) DO UPDATE "
                           "SET count = excluded.count, source = excluded.source",
                           -1, &q, NULL) != SQLITE_OK)
        return db_fail(s, "ledger");
    sqlite3_bind_text(q, 1, host, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, sending, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, date, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 4, count);
    sqlite3_bind_text(q, 5, source ? source : "", -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? NG_OK : db_fail(s, "ledger");
}

ng_status store_ledger_end(store *s, int commit)
{
    return end_tx(s, commit, "write the ledger");
}

static const char *col_text(sqlite3_stmt *q, int i)
{
    const unsigned char *t = sqlite3_column_text(q, i);
    return t ? (const char *)t : "";
}

ng_status store_ledger_claims(store *s, ng_status (*fn)(void *ctx, const struct store_claim *c),
                              void *ctx)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT event, date, actor, target, count, reason, reason_text, source, "
                           "answers, persons, origin, line FROM ledger_claims ORDER BY id",
                           -1, &q, NULL) != SQLITE_OK)
        return db_fail(s, "ledger");
    int rc;
    ng_status st = NG_OK;
    while (st == NG_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        struct store_claim c;
        c.event = col_text(q, 0);
        c.date = col_text(q, 1);
        c.actor = col_text(q, 2);
        c.target = col_text(q, 3);
        c.count = sqlite3_column_type(q, 4) == SQLITE_NULL ? -1 : (long)sqlite3_column_int64(q, 4);
        c.reason = col_text(q, 5);
        c.reason_text = col_text(q, 6);
        c.source = col_text(q, 7);
        c.answers = col_text(q, 8);
        c.persons = col_text(q, 9);
        c.origin = col_text(q, 10);
        c.line = (long)sqlite3_column_int64(q, 11);
        st = fn(ctx, &c);
    }
    sqlite3_finalize(q);
    if (st != NG_OK) return st;
    return rc == SQLITE_DONE ? NG_OK : db_fail(s, "ledger");
}

ng_status store_ledger_staff(store *s,
                             ng_status (*fn)(void *ctx, const char *host, const char *sending,
                                             const char *date, long count, const char *source),
                             void *ctx)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT host, sending, date, count, source FROM ledger_staff ORDER BY id",
                           -1, &q, NULL) != SQLITE_OK)
        return db_fail(s, "ledger");
    int rc;
    ng_status st = NG_OK;
    while (st == NG_OK && (rc = sqlite3_step(q)) == SQLITE_ROW)
        st = fn(ctx, col_text(q, 0), col_text(q, 1), col_text(q, 2),
                (long)sqlite3_column_int64(q, 3), col_text(q, 4));
    sqlite3_finalize(q);
    if (st != NG_OK) return st;
    return rc == SQLITE_DONE ? NG_OK : db_fail(s, "ledger");
}
