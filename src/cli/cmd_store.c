/*
 * cmd_store.c -- what the store holds: `datasets`, `imports`, `show`,
 * `export`, `drop`.
 */
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "records/records.h"
#include "store/store.h"

/* Options every store command takes: --db, --format, --help. */
struct common {
    const char *db;
    cli_format fmt;
    const char *args[64];
    size_t nargs;
    const char *out;  /* export --out */
    const char *wfmt; /* export --format */
    long limit;
};

static int parse_common(const char *cmd, const char *help, int argc, char **argv,
                        struct common *c, int want_wfmt)
{
    memset(c, 0, sizeof *c);
    c->limit = 20;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) { fputs(help, stdout); return -1; }
        if (strcmp(a, "--db") == 0 || strcmp(a, "-f") == 0 || strcmp(a, "--format") == 0 ||
            strcmp(a, "-o") == 0 || strcmp(a, "--out") == 0 || strcmp(a, "--limit") == 0) {
            if (++i >= argc) return cli_usage_error(cmd, "%s needs a value", a);
            const char *v = argv[i];
            if (strcmp(a, "--db") == 0) c->db = v;
            else if (strcmp(a, "-o") == 0 || strcmp(a, "--out") == 0) c->out = v;
            else if (strcmp(a, "--limit") == 0) {
                char *end;
                c->limit = strtol(v, &end, 10);
                if (*end || c->limit < 1) return cli_usage_error(cmd, "--limit wants a number above 0");
            } else if (want_wfmt) c->wfmt = v;
            else if (cli_parse_format(v, &c->fmt) || c->fmt == FMT_JSONL)
                return cli_usage_error(cmd, "unknown format '%s' (table, csv or json)", v);
            continue;
        }
        if (a[0] == '-' && a[1]) return cli_usage_error(cmd, "unknown option '%s'", a);
        if (c->nargs == 64) return cli_usage_error(cmd, "too many arguments");
        c->args[c->nargs++] = a;
    }
    return 0;
}


/* ---- datasets ---------------------------------------------------------- */
static const char datasets_help[] =
    "Usage: nongrata datasets [--format table|csv|json] [--db PATH]\n"
    "\n"
    "Lists the datasets of the store: name, format, records, when imported,\n"
    "from which files.\n";

struct dsout {
    cli_format fmt;
    json_t *arr;
    int n;
};

static void ds_row(void *ctx, const struct dataset_info *d)
{
    struct dsout *o = ctx;
    if (o->fmt == FMT_JSON) {
        json_t *j = json_object();
        json_object_set_new(j, "name", json_string(d->name));
        json_object_set_new(j, "format", json_string(d->format));
        json_object_set_new(j, "rows", json_integer(d->rows));
        json_object_set_new(j, "imported_at", json_string(d->imported_at));
        json_object_set_new(j, "source", json_string(d->source));
        json_array_append_new(o->arr, j);
    } else if (o->fmt == FMT_CSV) {
        cli_csv_cell(d->name);
        printf(",%s,%ld,%s,", d->format, d->rows, d->imported_at);
        cli_csv_cell(d->source);
        putchar('\n');
    } else {
        printf("%-20s %-7s %9ld  %-20s  %s\n", d->name, d->format, d->rows, d->imported_at, d->source);
    }
    o->n++;
}

int cmd_datasets(int argc, char **argv)
{
    struct common c;
    int rc = parse_common("datasets", datasets_help, argc, argv, &c, 0);
    if (rc) return rc < 0 ? EXIT_OK : rc;
    if (c.nargs) return cli_usage_error("datasets", "no arguments expected");
    store *s = cli_store(cli_db_path(c.db), 0, &rc);
    if (!s) return rc;
    struct dsout o = {c.fmt, c.fmt == FMT_JSON ? json_array() : NULL, 0};
    if (c.fmt == FMT_CSV) puts("name,format,rows,imported_at,source");
    else if (c.fmt == FMT_TABLE) printf("%-20s %-7s %9s  %-20s  %s\n", "name", "format", "rows", "imported at", "source");
    ng_status st = store_datasets(s, ds_row, &o);
    if (st != NG_OK) { cli_error("%s", store_errmsg(s)); rc = EXIT_IO; }
    if (o.arr) {
        cli_put_json(o.arr);
    }
    store_close(s);
    return rc;
}

/* ---- imports: the log -------------------------------------------------- */
static const char imports_help[] =
    "Usage: nongrata imports [--limit N] [--format table|csv|json] [--db PATH]\n"
    "\n"
    "The import log, newest first: dataset, format, files, start and end,\n"
    "rows read, kept and rejected, and how each import ended.\n";

static void log_row(void *ctx, const struct import_log *l)
{
    struct dsout *o = ctx;
    if (o->fmt == FMT_JSON) {
        json_t *j = json_object();
        json_object_set_new(j, "id", json_integer(l->id));
        json_object_set_new(j, "dataset", json_string(l->dataset));
        json_object_set_new(j, "format", json_string(l->format));
        json_object_set_new(j, "files", json_string(l->files));
        json_object_set_new(j, "started_at", json_string(l->started_at));
        json_object_set_new(j, "finished_at", json_string(l->finished_at));
        json_object_set_new(j, "rows_read", json_integer(l->read));
        json_object_set_new(j, "rows_kept", json_integer(l->kept));
        json_object_set_new(j, "rows_rejected", json_integer(l->rejected));
        json_object_set_new(j, "status", json_string(l->status));
        json_object_set_new(j, "message", json_string(l->message));
        json_array_append_new(o->arr, j);
    } else if (o->fmt == FMT_CSV) {
        printf("%ld,", l->id);
        cli_csv_cell(l->dataset);
        printf(",%s,", l->format);
        cli_csv_cell(l->files);
        printf(",%s,%s,%ld,%ld,%ld,%s,", l->started_at, l->finished_at, l->read, l->kept,
               l->rejected, l->status);
        cli_csv_cell(l->message);
        putchar('\n');
    } else {
        printf("%4ld  %-16s %-7s %-20s %8ld %8ld %8ld  %-6s %s%s%s\n", l->id, l->dataset, l->format,
               l->started_at, l->read, l->kept, l->rejected, l->status, l->files,
               l->message[0] ? "  -- " : "", l->message);
    }
}

int cmd_imports(int argc, char **argv)
{
    struct common c;
    int rc = parse_common("imports", imports_help, argc, argv, &c, 0);
    if (rc) return rc < 0 ? EXIT_OK : rc;
    if (c.nargs) return cli_usage_error("imports", "no arguments expected");
    store *s = cli_store(cli_db_path(c.db), 0, &rc);
    if (!s) return rc;
    struct dsout o = {c.fmt, c.fmt == FMT_JSON ? json_array() : NULL, 0};
    if (c.fmt == FMT_CSV)
        puts("id,dataset,format,files,started_at,finished_at,rows_read,rows_kept,rows_rejected,status,message");
    else if (c.fmt == FMT_TABLE)
        printf("%4s  %-16s %-7s %-20s %8s %8s %8s  %-6s %s\n", "id", "dataset", "format", "started",
               "read", "kept", "rejected", "status", "files");
    if (store_imports(s, (size_t)c.limit, log_row, &o) != NG_OK) {
        cli_error("%s", store_errmsg(s));
        rc = EXIT_IO;
    }
    if (o.arr) {
        cli_put_json(o.arr);
    }
    store_close(s);
    return rc;
}

/* Splits DATASET:ID; returns 0 or -1. */
static int split_id(const char *arg, char *dataset, size_t cap, const char **id)
{
    const char *colon = strchr(arg, ':');
    if (!colon || colon == arg || !colon[1] || (size_t)(colon - arg) >= cap) return -1;
    memcpy(dataset, arg, (size_t)(colon - arg));
    dataset[colon - arg] = 0;
    *id = colon + 1;
    return 0;
}

/* ---- show ---------------------------------------------------------------- */
static const char show_help[] =
    "Usage: nongrata show DATASET:ID... [--format table|json] [--db PATH]\n"
    "\n"
    "Prints records of the store with all their values, in the order the list\n"
    "gave them.  An identifier's qualifier (the state that issued it) is shown\n"
    "in brackets, the script of a name as the name engine reads it in square\n"
    "brackets.\n";

/* The script of a name, as the name engine reads it, or NULL. */
static const char *name_script(ng_engine *e, const char *prop, const char *value)
{
    const struct prop_info *pi = record_prop_info(prop);
    if (!e || !pi || pi->kind != PROP_NAME) return NULL;
    ng_name *n = NULL;
    if (ng_name_parse(e, value, (size_t)-1, &n) != NG_OK) return NULL;
    const char *s = ng_script_name(ng_name_script(n));
    ng_name_free(n);
    return s;
}

static void show_table(ng_engine *e, const char *dataset, const ng_record *r)
{
    printf("%s:%s  %s  (line %ld)\n", dataset, ng_record_id(r), ng_record_schema(r), ng_record_line(r));
    for (size_t i = 0; i < ng_record_count(r); i++) {
        const ng_value *v = ng_record_value(r, i);
        printf("  %-16s %s", v->prop, v->value);
        if (v->qual) printf(" (%s)", v->qual);
        const char *sc = name_script(e, v->prop, v->value);
        if (sc) printf("  [%s]", sc);
        putchar('\n');
    }
}

static json_t *record_json(ng_engine *e, const char *dataset, const ng_record *r)
{
    json_t *j = json_object();
    char id[700];
    snprintf(id, sizeof id, "%s:%s", dataset, ng_record_id(r));
    json_object_set_new(j, "id", json_string(id));
    json_object_set_new(j, "dataset", json_string(dataset));
    json_object_set_new(j, "source_id", json_string(ng_record_id(r)));
    json_object_set_new(j, "schema", json_string(ng_record_schema(r)));
    json_object_set_new(j, "line", json_integer(ng_record_line(r)));
    json_t *props = json_object();
    for (size_t i = 0; i < ng_record_count(r); i++) {
        const ng_value *v = ng_record_value(r, i);
        json_t *arr = json_object_get(props, v->prop);
        if (!arr) {
            arr = json_array();
            json_object_set_new(props, v->prop, arr);
        }
        const char *sc = name_script(e, v->prop, v->value);
        if (v->qual || sc) {
            json_t *x = json_object();
            json_object_set_new(x, "value", json_string(v->value));
            if (v->qual) json_object_set_new(x, "qualifier", json_string(v->qual));
            if (sc) json_object_set_new(x, "script", json_string(sc));
            json_array_append_new(arr, x);
        } else {
            json_array_append_new(arr, json_string(v->value));
        }
    }
    json_object_set_new(j, "properties", props);
    return j;
}

int cmd_show(int argc, char **argv)
{
    struct common c;
    int rc = parse_common("show", show_help, argc, argv, &c, 0);
    if (rc) return rc < 0 ? EXIT_OK : rc;
    if (!c.nargs) return cli_usage_error("show", "no record given (DATASET:ID)");
    if (c.fmt == FMT_CSV) return cli_usage_error("show", "show prints table or json");
    for (size_t k = 0; k < c.nargs; k++) {
        char ds[80];
        const char *id;
        if (split_id(c.args[k], ds, sizeof ds, &id))
            return cli_usage_error("show", "'%s' is no record id (DATASET:ID)", c.args[k]);
    }
    store *s = cli_store(cli_db_path(c.db), 0, &rc);
    if (!s) return rc;
    ng_record *r = ng_record_new();
    ng_engine *e = cli_engine();
    json_t *arr = c.fmt == FMT_JSON ? json_array() : NULL;
    for (size_t k = 0; k < c.nargs && r; k++) {
        char ds[80];
        const char *id;
        split_id(c.args[k], ds, sizeof ds, &id);
        ng_status st = store_record(s, ds, id, r);
        if (st == NG_ENOTFOUND) {
            cli_error("%s", store_errmsg(s));
            rc = EXIT_DATA;
            continue;
        }
        if (st != NG_OK) { cli_error("%s", store_errmsg(s)); rc = EXIT_IO; break; }
        if (arr) json_array_append_new(arr, record_json(e, ds, r));
        else {
            if (k) putchar('\n');
            show_table(e, ds, r);
        }
    }
    if (arr) {
        cli_put_json(arr);
    }
    ng_record_free(r);
    ng_engine_free(e);
    store_close(s);
    return rc;
}

/* ---- export -------------------------------------------------------------- */
static const char export_help[] =
    "Usage: nongrata export DATASET --format csv|jsonl|ftm [--out FILE] [--db PATH]\n"
    "\n"
    "Writes a dataset's records to standard output (or FILE, written whole or\n"
    "not at all):\n"
    "  csv     id, schema, then a column a property; several values of one\n"
    "          property joined by \"; \", an identifier's issuing state in brackets\n"
    "  jsonl   one flat JSON object a record\n"
    "  ftm     FollowTheMoney entities; a dataset imported from FtM gives back\n"
    "          the same entities\n"
    "Ids are DATASET:ID (in ftm output of an FtM dataset, the entities' own).\n";

static ng_status put_record(void *ctx, const ng_record *r) { return writer_put(ctx, r); }

int cmd_export(int argc, char **argv)
{
    struct common c;
    int rc = parse_common("export", export_help, argc, argv, &c, 1);
    if (rc) return rc < 0 ? EXIT_OK : rc;
    if (c.nargs != 1) return cli_usage_error("export", "one dataset expected");
    wr_format wf;
    if (!c.wfmt) return cli_usage_error("export", "--format csv|jsonl|ftm is required");
    if (strcmp(c.wfmt, "csv") == 0) wf = WFMT_CSV;
    else if (strcmp(c.wfmt, "jsonl") == 0) wf = WFMT_JSONL;
    else if (strcmp(c.wfmt, "ftm") == 0) wf = WFMT_FTM;
    else return cli_usage_error("export", "unknown format '%s' (csv, jsonl or ftm)", c.wfmt);
    store *s = cli_store(cli_db_path(c.db), 0, &rc);
    if (!s) return rc;
    struct dataset_info d;
    ng_status st = store_dataset(s, c.args[0], &d);
    if (st != NG_OK) {
        cli_error("%s", store_errmsg(s));
        store_close(s);
        return st == NG_ENOTFOUND ? EXIT_DATA : EXIT_IO;
    }
    char **props = NULL;
    size_t nprops = 0;
    if ((st = store_dataset_props(s, c.args[0], &props, &nprops)) != NG_OK) {
        cli_error("%s", store_errmsg(s));
        store_close(s);
        return EXIT_IO;
    }
    FILE *f = stdout;
    char tmp[4200] = "";
    if (c.out) {
        snprintf(tmp, sizeof tmp, "%s.tmp%ld", c.out, (long)getpid());
        if (!(f = fopen(tmp, "w"))) {
            cli_error("%s: cannot write: %s", c.out, strerror(errno));
            rc = EXIT_IO;
            goto out;
        }
    }
    struct writer *w = writer_new(f, wf, c.args[0], strcmp(d.format, "ftm") == 0,
                                  (const char *const *)props, nprops);
    if (!w) { rc = EXIT_IO; goto out; }
    st = store_each(s, c.args[0], put_record, w);
    ng_status st2 = writer_end(w);
    if (st == NG_OK) st = st2;
    if (st == NG_ESTORE) { cli_error("%s", store_errmsg(s)); rc = EXIT_IO; }
    else if (st != NG_OK) { cli_error("%s: %s", c.out ? c.out : "standard output", ng_strerror(st)); rc = EXIT_IO; }
    if (c.out) {
        if (fclose(f) != 0 && rc == EXIT_OK) { cli_error("%s: cannot write", c.out); rc = EXIT_IO; }
        f = NULL;
        if (rc == EXIT_OK && rename(tmp, c.out) != 0) { cli_error("%s: %s", c.out, strerror(errno)); rc = EXIT_IO; }
        if (rc != EXIT_OK) remove(tmp);
    }
out:
    for (size_t i = 0; i < nprops; i++) free(props[i]);
    free(props);
    store_close(s);
    return rc;
}

/* ---- drop ---------------------------------------------------------------- */
static const char drop_help[] =
    "Usage: nongrata drop DATASET [--db PATH]\n"
    "\n"
    "Removes a dataset and its records from the store.\n";

int cmd_drop(int argc, char **argv)
{
    struct common c;
    int rc = parse_common("drop", drop_help, argc, argv, &c, 0);
    if (rc) return rc < 0 ? EXIT_OK : rc;
    if (c.nargs != 1) return cli_usage_error("drop", "one dataset expected");
    store *s = cli_store(cli_db_path(c.db), 0, &rc);
    if (!s) return rc;
    ng_status st = store_drop(s, c.args[0]);
    if (st != NG_OK) {
        cli_error("%s", store_errmsg(s));
        rc = st == NG_ENOTFOUND ? EXIT_DATA : EXIT_IO;
    } else {
        fprintf(stderr, "nongrata: dropped %s\n", c.args[0]);
    }
    store_close(s);
    return rc;
}

/* ---- candidates ---------------------------------------------------------- */
static const char candidates_help[] =
    "Usage: nongrata candidates [--format table|csv|json] [--db PATH]\n"
    "\n"
    "The pairs saved by xref --store, best first: a_id,b_id,score,decision,\n"
    "reason,found_at.\n";

static void cand_row(void *ctx, const struct candidate *c)
{
    struct dsout *o = ctx;
    if (o->arr) {
        json_t *j = json_object();
        json_object_set_new(j, "a_id", json_string(c->a));
        json_object_set_new(j, "b_id", json_string(c->b));
        json_object_set_new(j, "score", json_real(c->score));
        json_object_set_new(j, "decision", json_string(c->decision));
        json_object_set_new(j, "reason", json_string(c->reason));
        json_object_set_new(j, "found_at", json_string(c->found_at));
        json_array_append_new(o->arr, j);
    } else if (o->fmt == FMT_CSV) {
        cli_csv_cell(c->a);
        putchar(',');
        cli_csv_cell(c->b);
        printf(",%.4f,%s,", c->score, c->decision);
        cli_csv_cell(c->reason);
        printf(",%s\n", c->found_at);
    } else {
        printf("%-24s %-24s %.4f  %-8s  %s\n", c->a, c->b, c->score, c->decision, c->reason);
    }
}

int cmd_candidates(int argc, char **argv)
{
    struct common c;
    int rc = parse_common("candidates", candidates_help, argc, argv, &c, 0);
    if (rc) return rc < 0 ? EXIT_OK : rc;
    if (c.nargs) return cli_usage_error("candidates", "no arguments expected");
    store *s = cli_store(cli_db_path(c.db), 0, &rc);
    if (!s) return rc;
    struct dsout o = {c.fmt, c.fmt == FMT_JSON ? json_array() : NULL, 0};
    if (c.fmt == FMT_CSV) puts("a_id,b_id,score,decision,reason,found_at");
    if (store_candidates(s, cand_row, &o) != NG_OK) {
        cli_error("%s", store_errmsg(s));
        rc = EXIT_IO;
    }
    if (o.arr) cli_put_json(o.arr);
    store_close(s);
    return rc;
}
