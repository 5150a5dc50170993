/*
 * cmd_match.c -- `nongrata match` (one name against the lists of the store)
 * and `nongrata xref` (every pair across two lists).
 */
#include <jansson.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "match/mset.h"
#include "records/records.h"
#include "store/store.h"

#define CANDIDATES 128      /* records scored a query (the index ranks them) */
#define CANDIDATES_MAX 2048 /* ... or more, when that many rank nearly first */

static const char match_help[] =
    "Usage: nongrata match QUERY [OPTIONS]\n"
    "\n"
    "Screens one name, written in any script, against the lists of the store:\n"
    "the index of each list proposes candidates, each is scored on its best\n"
    "name and the other evidence (docs/matching.md); those at or above the\n"
    "possible threshold are printed, best first.\n"
    "\n"
    "Options:\n"
    "      --dob DATE        a birth date (1979, 05 Apr 1979, 1979-04-05 ...)\n"
    "      --country CC      a nationality (RU, RUS, Russia, Russian ...)\n"
    "  -d, --dataset NAME    a list of the store (repeat; default: all)\n"
    "  -n, --limit N         print at most N (default 10)\n"
    "  -t, --threshold T     the match threshold (default 0.80)\n"
    "  -e, --explain         every feature with its value and contribution\n"
    "  -f, --format FMT      table (default), csv or json\n"
    "      --db PATH         the store (default $NONGRATA_DB or ./nongrata.db)\n"
    "  -h, --help            this help\n"
    "\n"
    "Columns: rank,id,name,score,decision,reason.\n";

static const char xref_help[] =
    "Usage: nongrata xref A B [OPTIONS]\n"
    "\n"
    "Every pair across lists A and B scored at or above the threshold.  A and B\n"
    "are each a dataset of the store or a file (read as `import` reads it,\n"
    "nothing stored); B may be - (standard input, streamed: give its format\n"
    "with --format-in).  A is indexed and supplies the rarity weights, so B\n"
    "split into parts gives exactly the pairs of the whole.  Pairs come in the\n"
    "order of B, then best first, then by A's id.\n"
    "\n"
    "Options:\n"
    "  -t, --threshold T     the least score printed (default 0.80)\n"
    "  -f, --format FMT      table (default), csv, json or ftm\n"
    "      --format-in F     the format of B from standard input (default csv)\n"
    "      --sep S           multi-valued cells of a file split at S\n"
    "      --threads N       1 or 2 (default)\n"
    "      --store           save the pairs in the store as candidates for review\n"
    "                         (A and B must be datasets; see nongrata candidates)\n"
    "      --db PATH         the store (default $NONGRATA_DB or ./nongrata.db)\n"
    "  -h, --help            this help\n"
    "\n"
    "Columns: a_id,a_name,b_id,b_name,score,decision,reason.\n";

/* ---- output -------------------------------------------------------------- */


static json_t *features_json(const struct mresult *r)
{
    json_t *a = json_array();
    for (size_t k = 0; k < r->nf; k++) {
        json_t *f = json_object();
        json_object_set_new(f, "feature", json_string(r->f[k].name));
        json_object_set_new(f, "value", json_string(r->f[k].value));
        json_object_set_new(f, "contribution", json_real(floor(r->f[k].contrib * 10000 + 0.5) / 10000));
        json_array_append_new(a, f);
    }
    return a;
}

static void explain_text(const struct mrec *a, const struct mrec *b, const struct mresult *r)
{
    for (size_t k = 0; k < r->nf; k++)
        printf("      %-15s %+.4f  %s\n", r->f[k].name, r->f[k].contrib, r->f[k].value);
    for (size_t i = 0; i < r->names.nsteps; i++) {
        const ng_step *st = &r->names.steps[i];
        ng_token x = ng_name_token(a->names[r->ia], st->a >= 0 ? (size_t)st->a : 99);
        ng_token y = ng_name_token(b->names[r->ib], st->b >= 0 ? (size_t)st->b : 99);
        if (st->a >= 0 && st->b >= 0) {
            printf("        ");
            cli_pad(x.text, 18);
            printf(" ~ ");
            cli_pad(y.text, 18);
            printf(" %-12s sim %.4f\n", ng_rule_name(st->rule), st->sim);
        } else {
            printf("        unmatched ");
            cli_pad(st->a >= 0 ? x.text : y.text, 30);
            printf(" cost %.4f\n", st->cost);
        }
    }
}

/* ---- match ------------------------------------------------------------------ */

struct hit {
    const struct mrec *rec;
    struct mresult res;
};

static int by_score(const void *x, const void *y)
{
    const struct hit *a = x, *b = y;
    if (a->res.score != b->res.score) return a->res.score < b->res.score ? 1 : -1;
    return strcmp(a->rec->id, b->rec->id);
}

struct dslist {
    char names[64][80];
    size_t n;
};

static void add_ds(void *ctx, const struct dataset_info *d)
{
    struct dslist *l = ctx;
    if (l->n < 64) snprintf(l->names[l->n++], sizeof l->names[0], "%s", d->name);
}

int cmd_match(int argc, char **argv)
{
    const char *query = NULL, *dob = NULL, *country = NULL, *db = NULL;
    struct dslist want = {.n = 0};
    long limit = 10;
    int explain = 0;
    cli_format fmt = FMT_TABLE;
    ng_compare_options o = ng_compare_default_options();
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) { fputs(match_help, stdout); return EXIT_OK; }
        if (strcmp(a, "-e") == 0 || strcmp(a, "--explain") == 0) { explain = 1; continue; }
        if (a[0] == '-' && a[1]) {
            if (++i >= argc) return cli_usage_error("match", "%s needs a value", a);
            const char *v = argv[i];
            if (strcmp(a, "--dob") == 0) dob = v;
            else if (strcmp(a, "--country") == 0) country = v;
            else if (strcmp(a, "--db") == 0) db = v;
            else if (strcmp(a, "-d") == 0 || strcmp(a, "--dataset") == 0) {
                if (want.n < 64) snprintf(want.names[want.n++], sizeof want.names[0], "%s", v);
            } else if (strcmp(a, "-n") == 0 || strcmp(a, "--limit") == 0) {
                char *end;
                limit = strtol(v, &end, 10);
                if (*end || limit < 1) return cli_usage_error("match", "--limit wants a number above 0");
            } else if (strcmp(a, "-t") == 0 || strcmp(a, "--threshold") == 0) {
                if (cli_parse_threshold(v, &o.threshold))
                    return cli_usage_error("match", "threshold must be a number from 0 to 1, not '%s'", v);
                if (o.possible_threshold > o.threshold) o.possible_threshold = o.threshold;
            } else if (strcmp(a, "-f") == 0 || strcmp(a, "--format") == 0) {
                if (cli_parse_format(v, &fmt) || fmt == FMT_JSONL)
                    return cli_usage_error("match", "unknown format '%s' (table, csv or json)", v);
            } else return cli_usage_error("match", "unknown option '%s'", a);
            continue;
        }
        if (query) return cli_usage_error("match", "one query at a time (quote a name of several words)");
        query = a;
    }
    if (!query) return cli_usage_error("match", "no name given");
    /* the query as a record */
    ng_record *qr = ng_record_new();
    ng_status st = ng_record_add(qr, "name", query, NULL);
    if (st != NG_OK) { ng_record_free(qr); cli_error("the query: %s", ng_strerror(st)); return EXIT_DATA; }
    ng_record_set_id(qr, "1");
    if (dob) {
        ng_date d;
        if (ng_date_parse(dob, &d) != NG_OK) { ng_record_free(qr); return cli_usage_error("match", "--dob: '%s' is no date", dob); }
        ng_record_add_date(qr, "birthDate", dob);
    }
    if (country) ng_record_add(qr, "nationality", country, NULL);
    int rc = EXIT_OK;
    store *s = cli_store(cli_db_path(db), 0, &rc);
    if (!s) { ng_record_free(qr); return rc; }
    if (!want.n && store_datasets(s, add_ds, &want) != NG_OK) {
        cli_error("%s", store_errmsg(s));
        store_close(s);
        ng_record_free(qr);
        return EXIT_IO;
    }
    struct mset q;
    if ((st = mset_from_records(&q, "query", &qr, 1, 1)) != NG_OK || q.n == 0) {
        cli_error("no name in the query '%s'", query);
        if (st == NG_OK) mset_free(&q);
        store_close(s);
        ng_record_free(qr);
        return EXIT_DATA;
    }
    ng_record_free(qr);
    struct mset *sets = calloc(want.n ? want.n : 1, sizeof *sets);
    struct hit *hits = NULL;
    size_t nhits = 0, caphits = 0;
    for (size_t k = 0; k < want.n && rc == EXIT_OK; k++) {
        st = mset_from_store(&sets[k], s, want.names[k], 2);
        if (st == NG_ENOTFOUND) { cli_error("%s", store_errmsg(s)); rc = EXIT_DATA; break; }
        if (st != NG_OK) { cli_error("%s: %s", want.names[k], st == NG_ESTORE ? store_errmsg(s) : ng_strerror(st)); rc = EXIT_IO; break; }
        mindex *ix = mindex_build(sets[k].v, sets[k].n, 1);
        mscratch *sc = ix ? mindex_scratch(ix) : NULL;
        uint32_t cand[CANDIDATES_MAX];
        size_t nc = sc ? mindex_candidates(ix, sc, &q.v[0], cand, CANDIDATES, CANDIDATES_MAX,
                                                o.possible_threshold - match_evidence_max(&q.v[0])) : 0;
        for (size_t c = 0; c < nc; c++) {
            mrec_prefetch_ahead(sets[k].v, cand, nc, c);
            if (match_score(q.e[0], &q.v[0], &sets[k].v[cand[c]], &o) < o.possible_threshold) continue;
            struct mresult r;
            match_pair(q.e[0], &q.v[0], &sets[k].v[cand[c]], &o, &r);
            if (nhits == caphits) {
                caphits = caphits ? 2 * caphits : 64;
                hits = realloc(hits, caphits * sizeof *hits);
            }
            hits[nhits].rec = &sets[k].v[cand[c]];
            hits[nhits++].res = r;
        }
        mscratch_free(sc);
        mindex_free(ix);
    }
    if (rc == EXIT_OK) {
        if (nhits) qsort(hits, nhits, sizeof *hits, by_score);
        if ((size_t)limit < nhits) nhits = (size_t)limit;
        json_t *arr = fmt == FMT_JSON ? json_array() : NULL;
        if (fmt == FMT_CSV) puts("rank,id,name,score,decision,reason");
        for (size_t i = 0; i < nhits; i++) {
            const struct hit *h = &hits[i];
            char reason[1024];
            match_reason(&h->res, reason, sizeof reason);
            if (arr) {
                json_t *j = json_object();
                json_object_set_new(j, "rank", json_integer((json_int_t)i + 1));
                json_object_set_new(j, "id", json_string(h->rec->id));
                json_object_set_new(j, "name", json_string(MREC_SHOWN(h->rec)));
                json_object_set_new(j, "score", json_real(h->res.score));
                json_object_set_new(j, "decision", json_string(ng_decision_name(h->res.decision)));
                json_object_set_new(j, "reason", json_string(reason));
                if (explain) json_object_set_new(j, "features", features_json(&h->res));
                json_array_append_new(arr, j);
            } else if (fmt == FMT_CSV) {
                printf("%zu,", i + 1);
                cli_csv_cell(h->rec->id);
                putchar(',');
                cli_csv_cell(MREC_SHOWN(h->rec));
                printf(",%.4f,%s,", h->res.score, ng_decision_name(h->res.decision));
                cli_csv_cell(reason);
                putchar('\n');
            } else {
                printf("%2zu  %-22s ", i + 1, h->rec->id);
                cli_pad(MREC_SHOWN(h->rec), 38);
                printf(" %.4f  %-8s  %s\n", h->res.score, ng_decision_name(h->res.decision), reason);
                if (explain) explain_text(&q.v[0], h->rec, &h->res);
            }
        }
        if (arr) cli_put_json(arr);
        if (!nhits && fmt == FMT_TABLE)
            fprintf(stderr, "nongrata: nothing at or above %.2f\n", o.possible_threshold);
    }
    free(hits);
    for (size_t k = 0; k < want.n; k++) mset_free(&sets[k]);
    free(sets);
    mset_free(&q);
    store_close(s);
    return rc;
}

/* ---- xref ------------------------------------------------------------------ */

#define CHUNK 512

struct pair {
    uint32_t a;          /* index in A */
    struct mresult res;
};

struct xjob {
    /* shared */
    const struct mset *A;
    const mindex *ix;
    const ng_compare_options *o;
    const char *bname;
    /* the chunk of B */
    ng_record **recs;
    size_t n;
    struct mrec *b;      /* prepared, one a record */
    struct pair **pairs; /* per record */
    size_t *npairs;
};

struct xworker {
    struct xjob *job;
    int k, threads;
    ng_engine *e;
    mscratch *sc;
    ng_status st;
};

static int pair_order(const void *x, const void *y)
{
    const struct pair *a = x, *b = y;
    if (a->res.score != b->res.score) return a->res.score < b->res.score ? 1 : -1;
    return a->a < b->a ? -1 : a->a > b->a;
}

static void *xwork(void *arg)
{
    struct xworker *w = arg;
    struct xjob *j = w->job;
    uint32_t cand[CANDIDATES_MAX];
    for (size_t i = (size_t)w->k; i < j->n; i += (size_t)w->threads) {
        j->npairs[i] = 0;
        j->pairs[i] = NULL;
        ng_status st = mrec_from_record(w->e, j->bname, j->recs[i], &j->b[i], NULL);
        if (st == NG_EEMPTY) continue;
        if (st != NG_OK) { w->st = st; return NULL; }
        size_t nc = mindex_candidates(j->ix, w->sc, &j->b[i], cand, CANDIDATES, CANDIDATES_MAX,
                                      j->o->threshold - match_evidence_max(&j->b[i]));
        struct pair *ps = NULL;
        size_t np = 0;
        for (size_t c = 0; c < nc; c++) {
            mrec_prefetch_ahead(j->A->v, cand, nc, c);
            if (match_score(w->e, &j->A->v[cand[c]], &j->b[i], j->o) < j->o->threshold) continue;
            struct mresult r;
            match_pair(w->e, &j->A->v[cand[c]], &j->b[i], j->o, &r);
            struct pair *nps = realloc(ps, (np + 1) * sizeof *ps);
            if (!nps) { free(ps); w->st = NG_ENOMEM; return NULL; }
            ps = nps;
            ps[np].a = cand[c];
            ps[np++].res = r;
        }
        if (np > 1) qsort(ps, np, sizeof *ps, pair_order);
        j->pairs[i] = ps;
        j->npairs[i] = np;
    }
    return NULL;
}

struct xref {
    struct xjob job;
    struct xworker w[2];
    int threads;
    cli_format fmt;
    int ftm;
    json_t *arr;
    size_t chunk_cap;
    long done, total, pairs;
    int progress;
    double t0;
    ng_status st;
    store *save;         /* --store: the store the pairs go to */
    long saved;
};

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void put_pair(struct xref *x, const struct mrec *a, const struct mrec *b, const struct mresult *r)
{
    char reason[1024];
    match_reason(r, reason, sizeof reason);
    if (x->save && x->st == NG_OK) {
        x->st = store_candidate(x->save, a->id, b->id, r->score, ng_decision_name(r->decision), reason);
        if (x->st == NG_OK) x->saved++;
    }
    if (x->ftm) {
        /* a FollowTheMoney link between the two records */
        json_t *e = json_object(), *p = json_object();
        char id[1200], role[64];
        snprintf(id, sizeof id, "xref:%s:%s", a->id, b->id);
        snprintf(role, sizeof role, "%s %.4f", ng_decision_name(r->decision), r->score);
        json_object_set_new(e, "id", json_string(id));
        json_object_set_new(e, "schema", json_string("UnknownLink"));
        json_object_set_new(p, "subject", json_pack("[s]", a->id));
        json_object_set_new(p, "object", json_pack("[s]", b->id));
        json_object_set_new(p, "role", json_pack("[s]", role));
        json_object_set_new(p, "summary", json_pack("[s]", reason));
        json_object_set_new(e, "properties", p);
        char *s = json_dumps(e, JSON_COMPACT);
        if (s) { puts(s); free(s); }
        json_decref(e);
    } else if (x->arr) {
        json_t *j = json_object();
        json_object_set_new(j, "a_id", json_string(a->id));
        json_object_set_new(j, "a_name", json_string(MREC_SHOWN(a)));
        json_object_set_new(j, "b_id", json_string(b->id));
        json_object_set_new(j, "b_name", json_string(MREC_SHOWN(b)));
        json_object_set_new(j, "score", json_real(r->score));
        json_object_set_new(j, "decision", json_string(ng_decision_name(r->decision)));
        json_object_set_new(j, "reason", json_string(reason));
        json_object_set_new(j, "features", features_json(r));
        json_array_append_new(x->arr, j);
    } else if (x->fmt == FMT_CSV) {
        cli_csv_cell(a->id);
        putchar(',');
        cli_csv_cell(MREC_SHOWN(a));
        putchar(',');
        cli_csv_cell(b->id);
        putchar(',');
        cli_csv_cell(MREC_SHOWN(b));
        printf(",%.4f,%s,", r->score, ng_decision_name(r->decision));
        cli_csv_cell(reason);
        putchar('\n');
    } else {
        printf("%-20s ", a->id);
        cli_pad(MREC_SHOWN(a), 34);
        printf(" %-20s ", b->id);
        cli_pad(MREC_SHOWN(b), 34);
        printf(" %.4f  %-8s  %s\n", r->score, ng_decision_name(r->decision), reason);
    }
}

/* Scores the chunk gathered and prints its pairs in order. */
static ng_status run_chunk(struct xref *x)
{
    struct xjob *j = &x->job;
    if (!j->n) return NG_OK;
    pthread_t t;
    int spawned = 0;
    for (int k = 0; k < x->threads; k++) x->w[k].st = NG_OK;
    if (x->threads > 1) spawned = pthread_create(&t, NULL, xwork, &x->w[1]) == 0;
    if (x->threads > 1 && !spawned) {
        /* one thread does it all */
        x->w[0].threads = 1;
        xwork(&x->w[0]);
        x->w[0].threads = x->threads;
    } else {
        xwork(&x->w[0]);
        if (spawned) pthread_join(t, NULL);
    }
    ng_status st = x->w[0].st != NG_OK ? x->w[0].st : x->threads > 1 ? x->w[1].st : NG_OK;
    if (st == NG_OK) st = x->st;
    for (size_t i = 0; i < j->n; i++) {
        for (size_t p = 0; st == NG_OK && p < j->npairs[i]; p++)
            put_pair(x, &j->A->v[j->pairs[i][p].a], &j->b[i], &j->pairs[i][p].res);
        x->pairs += (long)j->npairs[i];
        free(j->pairs[i]);
        j->pairs[i] = NULL;
        mrec_free(&j->b[i]);
        ng_record_free(j->recs[i]);
    }
    x->done += (long)j->n;
    j->n = 0;
    if (x->progress) {
        double el = now_s() - x->t0;
        if (x->total > 0) {
            double left = x->done ? el * (double)(x->total - x->done) / (double)x->done : 0;
            fprintf(stderr, "\r  %ld of %ld records of B, %ld pairs, about %.0f s left   ", x->done,
                    x->total, x->pairs, left);
        } else {
            fprintf(stderr, "\r  %ld records of B, %ld pairs   ", x->done, x->pairs);
        }
        fflush(stderr);
    }
    return st;
}

static ng_status gather_b(void *ctx, const ng_record *r)
{
    struct xref *x = ctx;
    struct xjob *j = &x->job;
    ng_record *c = ng_record_copy(r);
    if (!c) return NG_ENOMEM;
    j->recs[j->n++] = c;
    if (j->n == CHUNK) return run_chunk(x);
    return NG_OK;
}

static ng_status gather_b_read(void *ctx, ng_record *r) { return gather_b(ctx, r); }

/* A file when one is there, else a dataset name. */
static int is_file(const char *p)
{
    struct stat sb;
    return strcmp(p, "-") == 0 || (stat(p, &sb) == 0 && S_ISREG(sb.st_mode));
}

/* The name a file's records go by: its base name without extension. */
static void file_label(const char *path, char *out, size_t cap)
{
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    if (strcmp(path, "-") == 0) b = "stdin";
    snprintf(out, cap, "%s", b);
    char *dot = strrchr(out, '.');
    if (dot && dot != out) *dot = 0;
    for (char *p = out; *p; p++)
        if (*p == ':') *p = '_';
}

int cmd_xref(int argc, char **argv)
{
    const char *A = NULL, *B = NULL, *db = NULL, *fin = "csv", *sep = NULL;
    cli_format fmt = FMT_TABLE;
    int ftm = 0, threads = 2, save = 0;
    ng_compare_options o = ng_compare_default_options();
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) { fputs(xref_help, stdout); return EXIT_OK; }
        if (strcmp(a, "--store") == 0) { save = 1; continue; }
        if (a[0] == '-' && a[1]) {
            if (++i >= argc) return cli_usage_error("xref", "%s needs a value", a);
            const char *v = argv[i];
            if (strcmp(a, "--db") == 0) db = v;
            else if (strcmp(a, "--format-in") == 0) fin = v;
            else if (strcmp(a, "--sep") == 0) sep = v;
            else if (strcmp(a, "--threads") == 0) {
                threads = atoi(v);
                if (threads < 1 || threads > 2) return cli_usage_error("xref", "--threads is 1 or 2");
            } else if (strcmp(a, "-t") == 0 || strcmp(a, "--threshold") == 0) {
                if (cli_parse_threshold(v, &o.threshold))
                    return cli_usage_error("xref", "threshold must be a number from 0 to 1, not '%s'", v);
                if (o.possible_threshold > o.threshold) o.possible_threshold = o.threshold;
            } else if (strcmp(a, "-f") == 0 || strcmp(a, "--format") == 0) {
                if (strcmp(v, "ftm") == 0) ftm = 1;
                else if (cli_parse_format(v, &fmt) || fmt == FMT_JSONL)
                    return cli_usage_error("xref", "unknown format '%s' (table, csv, json or ftm)", v);
            } else return cli_usage_error("xref", "unknown option '%s'", a);
            continue;
        }
        if (!A) A = a;
        else if (!B) B = a;
        else return cli_usage_error("xref", "two lists expected, A and B");
    }
    if (!A || !B) return cli_usage_error("xref", "two lists expected, A and B");
    if (strcmp(A, "-") == 0) return cli_usage_error("xref", "A is indexed: it cannot be standard input");
    if (save && (is_file(A) || is_file(B)))
        return cli_usage_error("xref", "--store saves pairs of records of the store: A and B must be datasets");
    struct read_options ro;
    memset(&ro, 0, sizeof ro);
    ro.sep = sep;
    int rc = EXIT_OK;
    store *s = NULL;
    if ((!is_file(A) || !is_file(B)) && !(s = cli_store(cli_db_path(db), 0, &rc))) return rc;
    /* A, indexed */
    struct mset setA;
    struct read_error err;
    memset(&err, 0, sizeof err);
    ng_status st;
    char label[80];
    if (is_file(A)) {
        file_label(A, label, sizeof label);
        st = mset_from_file(&setA, A, label, &ro, &err, threads);
    } else {
        st = mset_from_store(&setA, s, A, threads);
    }
    if (st != NG_OK) {
        if (st == NG_ENOTFOUND || st == NG_ESTORE) cli_error("%s", store_errmsg(s));
        else if (err.msg[0]) cli_error("%s%s%.0ld: %s", err.file, err.line ? ":" : "", err.line, err.msg);
        else cli_error("%s: %s", A, ng_strerror(st));
        store_close(s);
        return st == NG_EDATA || st == NG_ENOTFOUND ? EXIT_DATA : st == NG_EINVAL ? EXIT_USAGE : EXIT_IO;
    }
    struct xref x;
    memset(&x, 0, sizeof x);
    x.threads = threads;
    x.fmt = fmt;
    x.ftm = ftm;
    x.arr = fmt == FMT_JSON && !ftm ? json_array() : NULL;
    x.progress = isatty(2);
    x.t0 = now_s();
    mindex *ix = mindex_build(setA.v, setA.n, threads);
    struct xjob *j = &x.job;
    j->A = &setA;
    j->ix = ix;
    j->o = &o;
    j->recs = calloc(CHUNK, sizeof *j->recs);
    j->b = calloc(CHUNK, sizeof *j->b);
    j->pairs = calloc(CHUNK, sizeof *j->pairs);
    j->npairs = calloc(CHUNK, sizeof *j->npairs);
    char blabel[80];
    if (is_file(B)) file_label(B, blabel, sizeof blabel);
    else snprintf(blabel, sizeof blabel, "%s", B);
    j->bname = blabel;
    st = ix && j->recs && j->b && j->pairs && j->npairs ? NG_OK : NG_ENOMEM;
    for (int k = 0; k < threads && st == NG_OK; k++) {
        x.w[k] = (struct xworker){j, k, threads, ng_engine_new(NULL), mindex_scratch(ix), NG_OK};
        if (!x.w[k].e || !x.w[k].sc) st = NG_ENOMEM;
    }
    if (st == NG_OK && save) {
        st = store_candidates_begin(s);
        if (st == NG_OK) x.save = s;
    }
    if (st == NG_OK && fmt == FMT_CSV && !ftm) puts("a_id,a_name,b_id,b_name,score,decision,reason");
    if (st == NG_OK) {
        if (is_file(B)) {
            struct read_sink sink = {gather_b_read, NULL, NULL, NULL, NULL, &x, 0};
            const char *paths[1] = {strcmp(B, "-") == 0 ? "/dev/stdin" : B};
            if (strcmp(B, "-") == 0 && rec_format_parse(fin, &ro.format)) {
                cli_usage_error("xref", "--format-in: unknown format '%s'", fin);
                rc = EXIT_USAGE;
            } else {
                st = records_read(paths, 1, &ro, &sink, &err, NULL);
            }
        } else {
            struct dataset_info d;
            if (store_dataset(s, B, &d) == NG_OK) x.total = d.rows;
            st = store_each(s, B, gather_b, &x);
        }
        if (st == NG_OK && rc == EXIT_OK) st = run_chunk(&x);
    }
    if (x.progress) fputs("\r\033[K", stderr);
    if (x.arr) cli_put_json(x.arr);
    if (x.save) {
        ng_status cs = store_candidates_end(s, st == NG_OK && rc == EXIT_OK);
        if (st == NG_OK) st = cs;
        if (st == NG_OK && rc == EXIT_OK)
            fprintf(stderr, "nongrata: %ld pair%s saved as candidates for review\n", x.saved,
                    x.saved == 1 ? "" : "s");
    }
    if (rc == EXIT_OK && st != NG_OK) {
        if (st == NG_ENOTFOUND || st == NG_ESTORE) cli_error("%s", store_errmsg(s));
        else if (err.msg[0]) cli_error("%s%s%.0ld: %s", err.file, err.line ? ":" : "", err.line, err.msg);
        else cli_error("%s", ng_strerror(st));
        rc = st == NG_EDATA || st == NG_ENOTFOUND ? EXIT_DATA : st == NG_EINVAL ? EXIT_USAGE : EXIT_IO;
    }
    for (size_t i = 0; i < j->n; i++) ng_record_free(j->recs[i]);
    for (int k = 0; k < threads; k++) {
        mscratch_free(x.w[k].sc);
        ng_engine_free(x.w[k].e);
    }
    free(j->recs);
    free(j->b);
    free(j->pairs);
    free(j->npairs);
    mindex_free(ix);
    mset_free(&setA);
    store_close(s);
    return rc;
}
