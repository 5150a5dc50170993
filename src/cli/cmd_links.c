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
#include "report/graph.h"
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

static const char graph_help[] =
    "Usage: nongrata graph [DATASET...] --format graphml|dot|cytoscape|ftm|svg\n"
    "       [--around ID] [--depth N] [--out FILE] [--kinds ...] [--watch FILE]\n"
    "       [--travel FILE] [--max-gap N] [--db PATH]\n"
    "\n"
    "The leads of `nongrata links` as a graph: records are nodes (and, for a\n"
    "lead of more than two records, the thing they share); each lead joins\n"
    "its records.  --around ID keeps the records within --depth leads (2) of\n"
    "one record; svg draws them on rings around it, for a person to open.\n"
    "cytoscape is Cytoscape.js elements JSON; ftm FollowTheMoney entities\n"
    "(Person, UnknownLink), one a line.  --out FILE, else standard output.\n";

static int write_graph(const struct links_result *res, ng_record *const *recs, char *const *ids, size_t n,
                       const char *format, const char *around, long depth, const char *out);

static int run(int argc, char **argv, int graph)
{
    const char *cmd = graph ? "graph" : "links";
    const char *db = NULL, *watch = NULL, *travel = NULL, *kinds = NULL;
    const char *gformat = NULL, *around = NULL, *out = NULL;
    long depth = 2;
    cli_format fmt = FMT_TABLE;
    long limit = 100, gap = 50;
    const char *sets[64];
    size_t nsets = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(graph ? graph_help : links_help, stdout);
            return EXIT_OK;
        }
        int val = strcmp(a, "--db") == 0 || strcmp(a, "--watch") == 0 || strcmp(a, "--travel") == 0 ||
                  strcmp(a, "--kinds") == 0 || strcmp(a, "--format") == 0 || strcmp(a, "-f") == 0 ||
                  strcmp(a, "--max-gap") == 0 ||
                  (!graph && strcmp(a, "--limit") == 0) ||
                  (graph && (strcmp(a, "--around") == 0 || strcmp(a, "--depth") == 0 ||
                             strcmp(a, "--out") == 0 || strcmp(a, "-o") == 0));
        if (val) {
            if (++i >= argc) return cli_usage_error(cmd, "%s needs a value", a);
            const char *v = argv[i];
            char *end;
            if (strcmp(a, "--db") == 0) db = v;
            else if (strcmp(a, "--around") == 0) around = v;
            else if (strcmp(a, "--out") == 0 || strcmp(a, "-o") == 0) out = v;
            else if (strcmp(a, "--depth") == 0) {
                depth = strtol(v, &end, 10);
                if (*end || depth < 1 || depth > 10) return cli_usage_error(cmd, "--depth wants a number from 1 to 10");
            } else if (graph && (strcmp(a, "--format") == 0 || strcmp(a, "-f") == 0)) {
                static const char *const gf[] = {"graphml", "dot", "cytoscape", "ftm", "svg"};
                for (size_t k = 0; k < 5; k++)
                    if (strcmp(v, gf[k]) == 0) gformat = v;
                if (!gformat)
                    return cli_usage_error(cmd, "unknown format '%s' (graphml, dot, cytoscape, ftm or svg)", v);
            }
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
    if (graph && !gformat) return cli_usage_error(cmd, "which format? --format graphml|dot|cytoscape|ftm|svg");
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
    if (!rc && graph) rc = write_graph(&res, l.recs, l.ids, l.n, gformat, around, depth, out);
    if (!rc && !graph) {
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

int cmd_links(int argc, char **argv) { return run(argc, argv, 0); }

int cmd_graph(int argc, char **argv) { return run(argc, argv, 1); }

/* The graph of the leads (around a record: those within depth of it). */
static int write_graph(const struct links_result *res, ng_record *const *recs, char *const *ids, size_t n,
                       const char *format, const char *around, long depth, const char *out)
{
    int *dist = malloc((n ? n : 1) * sizeof *dist);
    long *node = malloc((n ? n : 1) * sizeof *node);
    struct gnode *nodes = calloc(n + res->n + 1, sizeof *nodes);
    struct gedge *edges = NULL;
    char (*shared_id)[32] = calloc(res->n + 1, sizeof *shared_id);
    char **kinds = calloc(res->n + 1, sizeof *kinds);
    size_t nn = 0, ne = 0, ecap = 0;
    int rc = 0;
    if (!dist || !node || !nodes || !shared_id || !kinds) { rc = EXIT_IO; goto done; }
    for (size_t r = 0; r < n; r++) {
        dist[r] = around ? -1 : 1;
        node[r] = -1;
    }
    if (around) {
        size_t c = 0;
        while (c < n && strcmp(ids[c], around)) c++;
        if (c == n) {
            cli_error("no record %s among the records read", around);
            rc = EXIT_USAGE;
            goto done;
        }
        dist[c] = 0;
        for (int d = 0; d < depth; d++)
            for (size_t i = 0; i < res->n; i++) {
                const struct llead *l = &res->leads[i];
                int touch = 0;
                for (size_t k = 0; k < l->n; k++) touch |= dist[l->recs[k]] == d;
                if (!touch) continue;
                for (size_t k = 0; k < l->n; k++)
                    if (dist[l->recs[k]] < 0) dist[l->recs[k]] = d + 1;
            }
    }
    for (size_t i = 0; i < res->n; i++) {
        const struct llead *l = &res->leads[i];
        int all = 1;
        for (size_t k = 0; k < l->n; k++) all &= dist[l->recs[k]] >= 0;
        if (!all) continue;
        for (size_t k = 0; k < l->n; k++) {
            uint32_t r = l->recs[k];
            if (node[r] >= 0) continue;
            node[r] = (long)nn;
            nodes[nn].id = ids[r];
            const char *name = ng_record_first(recs[r], "name");
            nodes[nn].label = name ? name : ids[r];
            nodes[nn].ring = dist[r];
            nn++;
        }
        char kb[64];
        kinds[i] = strdup(llead_kinds(l, kb, sizeof kb));
        if (!kinds[i]) { rc = EXIT_IO; goto done; }
        size_t need = l->n == 2 ? 1 : l->n;
        if (ne + need > ecap) {
            size_t nc = (ecap + need) * 2;
            struct gedge *p = realloc(edges, nc * sizeof *p);
            if (!p) { rc = EXIT_IO; goto done; }
            edges = p;
            ecap = nc;
        }
        if (l->n == 2) {
            edges[ne++] = (struct gedge){(size_t)node[l->recs[0]], (size_t)node[l->recs[1]], kinds[i],
                                         l->score, l->evidence};
            continue;
        }
        /* more than two records: the thing they share is a node */
        snprintf(shared_id[i], sizeof shared_id[i], "shared:%zu", i + 1);
        size_t s = nn++;
        nodes[s].id = shared_id[i];
        nodes[s].label = l->evidence;
        nodes[s].shared = 1;
        nodes[s].ring = dist[l->recs[0]];
        for (size_t k = 0; k < l->n; k++)
            edges[ne++] = (struct gedge){s, (size_t)node[l->recs[k]], kinds[i], l->score, l->evidence};
    }
    if (!strcmp(format, "svg") && nn > 400) {
        cli_error("%zu nodes are too many to draw: draw a record's neighbourhood with --around ID", nn);
        rc = EXIT_USAGE;
        goto done;
    }
    FILE *f = out ? fopen(out, "w") : stdout;
    if (!f) {
        cli_error("cannot write %s: %s", out, strerror(errno));
        rc = EXIT_IO;
        goto done;
    }
    struct graph g = {nodes, nn, edges, ne};
    if (graph_write(f, &g, format) != 0) {
        cli_error("cannot write the graph%s%s", out ? " to " : "", out ? out : "");
        rc = EXIT_IO;
    }
    if (out && fclose(f) != 0 && !rc) {
        cli_error("cannot write %s: %s", out, strerror(errno));
        rc = EXIT_IO;
    }
done:
    for (size_t i = 0; kinds && i < res->n; i++) free(kinds[i]);
    free(kinds);
    free(shared_id);
    free(edges);
    free(nodes);
    free(node);
    free(dist);
    return rc;
}
