/*
 * cmd_links.c -- `nongrata links`: what the records of the store share, as
 * ranked leads.
 */
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "links/leads.h"
#include "records/records.h"
#include "store/store.h"

static const char links_help[] =
    "Usage: nongrata links [DATASET...] [--kinds same,sequence,watch,alias,travel]\n"
    "       [--watch FILE] [--travel FILE] [--max-gap N] [--limit N]\n"
    "       [--format table|csv|json] [--db PATH]\n"
    "\n"
    "Ranked leads from what the records of the datasets (all, when none is\n"
    "named) share:\n"
    "  same      one passport, id, phone, e-mail, plate or street address\n"
    "            behind several records (addresses shared by more than 50\n"
    "            records, a ministry's public one, say nothing)\n"
    "  sequence  passport or id numbers of one series within --max-gap (50)\n"
    "            of each other, their issuers compatible (unknown: any)\n"
    "  watch     records at an address of --watch FILE (CSV: address[,label])\n"
    "  alias     one birth date under different names, or names that meet\n"
    "            with birth dates a few days apart\n"
    "  travel    persons on the same flights, from --travel FILE (CSV:\n"
    "            person,carrier,flight,date,from,to; person a DATASET:ID)\n"
    "Columns: rank,score,kind,ids,evidence (and cluster: the component of\n"
    "the graph of all leads).  --limit N prints the best N (default 100; 0:\n"
    "all).\n";

struct loaded {
    ng_record **recs;
    char **ids;
    size_t n, cap;
    const char *dataset;
};

static ng_status keep(void *ctx, const ng_record *r)
{
    struct loaded *l = ctx;
    if (l->n == l->cap) {
        size_t nc = l->cap ? 2 * l->cap : 1024;
        ng_record **p = realloc(l->recs, nc * sizeof *p);
        if (!p) return NG_ENOMEM;
        l->recs = p;
        char **q = realloc(l->ids, nc * sizeof *q);
        if (!q) return NG_ENOMEM;
        l->ids = q;
        l->cap = nc;
    }
    size_t len = strlen(l->dataset) + strlen(ng_record_id(r)) + 2;
    char *id = malloc(len);
    ng_record *c = ng_record_copy(r);
    if (!id || !c) { free(id); ng_record_free(c); return NG_ENOMEM; }
    snprintf(id, len, "%s:%s", l->dataset, ng_record_id(r));
    l->recs[l->n] = c;
    l->ids[l->n] = id;
    l->n++;
    return NG_OK;
}

static void name_ds(void *ctx, const struct dataset_info *d)
{
    char ***names = ctx;
    size_t n = 0;
    while ((*names)[n]) n++;
    char **p = realloc(*names, (n + 2) * sizeof *p);
    if (!p) return;
    p[n] = strdup(d->name);
    p[n + 1] = NULL;
    *names = p;
}

/* The rows of a small CSV (a header, then fields) into cells; columns named
 * in want (in that order) by the header; NULL for missing optional ones. */
struct table {
    char ***rows;   /* each row: the wanted columns */
    size_t n;
    int col[8];
    size_t nwant;
    const char *const *want;
    size_t needed;
    int header;
    const char *name;
    struct read_error *err;
};

static ng_status on_row(void *ctx, char **f, const size_t *flen, size_t nf, long line, const char *raw)
{
    struct table *t = ctx;
    (void)flen;
    (void)raw;
    if (!t->header) {
        t->header = 1;
        for (size_t k = 0; k < t->nwant; k++) {
            t->col[k] = -1;
            for (size_t i = 0; i < nf; i++)
                if (strcmp(f[i], t->want[k]) == 0) t->col[k] = (int)i;
            if (k < t->needed && t->col[k] < 0)
                return read_fail(t->err, NG_EDATA, t->name, line, "no '%s' column in the header", t->want[k]);
        }
        return NG_OK;
    }
    char ***p = realloc(t->rows, (t->n + 1) * sizeof *p);
    if (!p) return NG_ENOMEM;
    t->rows = p;
    char **row = calloc(t->nwant, sizeof *row);
    if (!row) return NG_ENOMEM;
    for (size_t k = 0; k < t->nwant; k++) {
        const char *v = t->col[k] >= 0 && (size_t)t->col[k] < nf ? f[t->col[k]] : "";
        if (k < t->needed && !v[0]) {
            free(row);
            return read_fail(t->err, NG_EDATA, t->name, line, "no %s", t->want[k]);
        }
        row[k] = strdup(v);
    }
    t->rows[t->n++] = row;
    return NG_OK;
}

static int read_table(const char *path, const char *const *want, size_t nwant, size_t needed,
                      struct table *t)
{
    memset(t, 0, sizeof *t);
    t->want = want;
    t->nwant = nwant;
    t->needed = needed;
    t->name = path;
    FILE *f = fopen(path, "rb");
    if (!f) {
        cli_error("cannot open %s: %s", path, strerror(errno));
        return EXIT_IO;
    }
    struct read_error err = {0};
    t->err = &err;
    ng_status st = csv_rows(f, path, ',', 0, on_row, t, NULL, &err);
    fclose(f);
    if (st == NG_OK && !t->header) st = read_fail(&err, NG_EDATA, path, 1, "empty: no header row");
    if (st == NG_OK) return 0;
    if (err.line) cli_error("%s:%ld: %s", err.file, err.line, err.msg);
    else cli_error("%s: %s", path, err.msg[0] ? err.msg : ng_strerror(st));
    return st == NG_EIO ? EXIT_IO : EXIT_DATA;
}

static void free_table(struct table *t)
{
    for (size_t i = 0; i < t->n; i++) {
        for (size_t k = 0; k < t->nwant; k++) free(t->rows[i][k]);
        free(t->rows[i]);
    }
    free(t->rows);
}

int cmd_links(int argc, char **argv)
{
    const char *cmd = "links";
    const char *db = NULL, *watch = NULL, *travel = NULL, *kinds = NULL;
    cli_format fmt = FMT_TABLE;
    long limit = 100, gap = 50;
    const char *sets[64];
    size_t nsets = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) { fputs(links_help, stdout); return EXIT_OK; }
        int val = strcmp(a, "--db") == 0 || strcmp(a, "--watch") == 0 || strcmp(a, "--travel") == 0 ||
                  strcmp(a, "--kinds") == 0 || strcmp(a, "--format") == 0 || strcmp(a, "-f") == 0 ||
                  strcmp(a, "--limit") == 0 || strcmp(a, "--max-gap") == 0;
        if (val) {
            if (++i >= argc) return cli_usage_error(cmd, "%s needs a value", a);
            const char *v = argv[i];
            char *end;
            if (strcmp(a, "--db") == 0) db = v;
            else if (strcmp(a, "--watch") == 0) watch = v;
            else if (strcmp(a, "--travel") == 0) travel = v;
            else if (strcmp(a, "--kinds") == 0) kinds = v;
            else if (strcmp(a, "--limit") == 0) {
                limit = strtol(v, &end, 10);
                if (*end || limit < 0) return cli_usage_error(cmd, "--limit wants a number (0: all)");
            } else if (strcmp(a, "--max-gap") == 0) {
                gap = strtol(v, &end, 10);
                if (*end || gap < 1 || gap > 1000000) return cli_usage_error(cmd, "--max-gap wants a number from 1 to 1000000");
            } else if (cli_parse_format(v, &fmt) || fmt == FMT_JSONL)
                return cli_usage_error(cmd, "unknown format '%s' (table, csv or json)", v);
            continue;
        }
        if (a[0] == '-' && a[1]) return cli_usage_error(cmd, "unknown option '%s'", a);
        if (nsets == 64) return cli_usage_error(cmd, "too many datasets");
        sets[nsets++] = a;
    }
    struct links_options o = links_default_options();
    o.max_gap = gap;
    if (kinds) {
        o.kinds = 0;
        char *copy = strdup(kinds);
        for (char *k = copy, *next; k && *k; k = next) {
            next = strchr(k, ',');
            if (next) *next++ = 0;
            int found = 0;
            for (int q = 0; q < LL_NKINDS; q++)
                if (strcmp(k, llink_name((llink)q)) == 0) { o.kinds |= 1u << q; found = 1; }
            if (!found) {
                int rc = cli_usage_error(cmd, "unknown kind '%s' (same, sequence, watch, alias, travel)", k);
                free(copy);
                return rc;
            }
        }
        free(copy);
    }
    if ((o.kinds & (1u << LL_WATCH)) && !watch && kinds && strstr(kinds, "watch"))
        return cli_usage_error(cmd, "--kinds watch needs --watch FILE");
    if ((o.kinds & (1u << LL_TRAVEL)) && !travel && kinds && strstr(kinds, "travel"))
        return cli_usage_error(cmd, "--kinds travel needs --travel FILE");
    int rc = 0;
    struct table wt = {0}, tt = {0};
    static const char *const wcols[] = {"address", "label"};
    static const char *const tcols[] = {"person", "carrier", "flight", "date", "from", "to"};
    if (watch && (rc = read_table(watch, wcols, 2, 1, &wt))) return rc;
    if (travel && (rc = read_table(travel, tcols, 6, 4, &tt))) { free_table(&wt); return rc; }
    struct lwatch *wv = calloc(wt.n + 1, sizeof *wv);
    struct ltravel *tv = calloc(tt.n + 1, sizeof *tv);
    for (size_t i = 0; wv && i < wt.n; i++) {
        wv[i].address = wt.rows[i][0];
        wv[i].label = wt.rows[i][1];
    }
    for (size_t i = 0; tv && i < tt.n; i++) {
        tv[i].person = tt.rows[i][0];
        tv[i].carrier = tt.rows[i][1];
        tv[i].flight = tt.rows[i][2];
        tv[i].date = tt.rows[i][3];
        tv[i].from = tt.rows[i][4];
        tv[i].to = tt.rows[i][5];
    }
    o.watch = wv;
    o.nwatch = wt.n;
    o.travel = tv;
    o.ntravel = tt.n;

    struct loaded l = {0};
    store *s = cli_store(cli_db_path(db), 0, &rc);
    ng_engine *e = s ? cli_engine() : NULL;
    char **names = calloc(1, sizeof *names);
    if (s && e && names) {
        if (!nsets) {
            store_datasets(s, name_ds, &names);
            for (size_t i = 0; names[i] && nsets < 64; i++) sets[nsets++] = names[i];
        }
        for (size_t i = 0; i < nsets && !rc; i++) {
            l.dataset = sets[i];
            ng_status st = store_each(s, sets[i], keep, &l);
            if (st == NG_ENOTFOUND) {
                cli_error("no dataset '%s' in the store", sets[i]);
                rc = EXIT_USAGE;
            } else if (st != NG_OK) {
                cli_error("%s", st == NG_ENOMEM ? "out of memory" : store_errmsg(s));
                rc = EXIT_IO;
            }
        }
    } else if (!rc) {
        rc = EXIT_IO;
    }
    struct links_result res = {0};
    if (!rc) {
        ng_status st = links_find(e, (const ng_record *const *)l.recs, (const char *const *)l.ids, l.n, &o, &res);
        if (st != NG_OK) {
            cli_error("%s", ng_strerror(st));
            rc = EXIT_IO;
        }
    }
    if (!rc) {
        size_t shown = limit == 0 || (size_t)limit > res.n ? res.n : (size_t)limit;
        json_t *arr = fmt == FMT_JSON ? json_array() : NULL;
        if (fmt == FMT_CSV) puts("rank,score,kind,ids,evidence,cluster");
        for (size_t i = 0; i < shown; i++) {
            const struct llead *x = &res.leads[i];
            size_t cap = 1;
            for (size_t k = 0; k < x->n; k++) cap += strlen(l.ids[x->recs[k]]) + 1;
            char *ids = calloc(1, cap);
            if (!ids) break;
            for (size_t k = 0; k < x->n; k++) {
                if (k) strcat(ids, " ");
                strcat(ids, l.ids[x->recs[k]]);
            }
            if (arr) {
                json_t *j = json_object();
                json_object_set_new(j, "rank", json_integer((json_int_t)i + 1));
                json_object_set_new(j, "score", json_real((double)(long)(x->score * 10000 + 0.5) / 10000));
                char kb[64];
                json_object_set_new(j, "kind", json_string(llead_kinds(x, kb, sizeof kb)));
                json_t *ja = json_array();
                for (size_t k = 0; k < x->n; k++) json_array_append_new(ja, json_string(l.ids[x->recs[k]]));
                json_object_set_new(j, "ids", ja);
                json_object_set_new(j, "evidence", json_string(x->evidence));
                json_object_set_new(j, "cluster", json_integer(x->cluster + 1));
                json_array_append_new(arr, j);
            } else if (fmt == FMT_CSV) {
                char kb[64];
                printf("%zu,%.4f,%s,", i + 1, x->score, llead_kinds(x, kb, sizeof kb));
                cli_csv_cell(ids);
                putchar(',');
                cli_csv_cell(x->evidence);
                printf(",%ld\n", x->cluster + 1);
            } else {
                char kb[64];
                printf("%4zu  %.4f  %-8s  %s\n      %s  (cluster %ld)\n", i + 1, x->score,
                       llead_kinds(x, kb, sizeof kb), ids, x->evidence, x->cluster + 1);
            }
            free(ids);
        }
        if (arr) cli_put_json(arr);
        if (shown < res.n && fmt == FMT_TABLE)
            fprintf(stderr, "nongrata: %zu more leads (--limit 0 for all)\n", res.n - shown);
    }
    links_free(&res);
    for (size_t i = 0; i < l.n; i++) {
        ng_record_free(l.recs[i]);
        free(l.ids[i]);
    }
    free(l.recs);
    free(l.ids);
    for (size_t i = 0; names && names[i]; i++) free(names[i]);
    free(names);
    ng_engine_free(e);
    store_close(s);
    free(wv);
    free(tv);
    free_table(&wt);
    free_table(&tt);
    return rc;
}
