/*
 * screen.c -- screening at scale: the index against brute force.
 *
 *   build/rel/bench/screen gallery FILE.csv [--queries N] [--brute N] [--brute-from K]
 *       FILE is a generated list (bench/gen_records.py); the gallery is all
 *       its records; queries are records that carry an alias in the other
 *       script, asked by that alias alone.  Prints the gallery's build time
 *       (2 threads) and memory, query latency (median, 99th percentile, one
 *       core) against brute force (every record scored) on --brute queries,
 *       the index's recall of brute force's pairs at or above the threshold,
 *       and an xref of N queries against the gallery (2 threads).
 *   build/rel/bench/screen ofac [SHARED_DATA]
 *       every alias of an OFAC 2021 individual asked against the OFAC
 *       individuals, that alias left out of the index: how often the right
 *       entity comes first and in the first five; and Boshirov, Чепига.
 *   build/rel/bench/screen eu [SHARED_DATA]
 *       every Cyrillic spelling of a person of the EU annexes asked against
 *       their Latin names (Cyrillic left out of the index).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <malloc.h>

#include "match/mset.h"
#include "names/engine.h"
#include "records/records.h"
#include "clock.h"



static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static size_t CAND = 128;
#define CAND_MAX 2048

/* ---- the generated gallery ---------------------------------------------- */

/* Queries: records whose alias is in the other script, asked by the alias
 * alone; the answer is that record. */
struct query {
    ng_record *r;
    size_t want;
};

static int gallery(int argc, char **argv)
{
    const char *path = argc > 2 ? argv[2] : "bench/out/records_1m.csv";
    long nq = 1000, nbrute = 20, from = 0;
    for (int i = 3; i < argc; i++) {
        if (strcmp(argv[i], "--queries") == 0 && i + 1 < argc) nq = atol(argv[++i]);
        else if (strcmp(argv[i], "--brute") == 0 && i + 1 < argc) nbrute = atol(argv[++i]);
        else if (strcmp(argv[i], "--brute-from") == 0 && i + 1 < argc) from = atol(argv[++i]);
    }
    long rss0 = rss_kb();
    double t0 = now();
    struct mset g;
    struct read_options o;
    memset(&o, 0, sizeof o);
    struct read_error err;
    if (mset_from_file(&g, path, "g", &o, &err, 2) != NG_OK) {
        fprintf(stderr, "%s:%ld: %s\n", err.file, err.line, err.msg);
        return 1;
    }
    double t1 = now();
    if (getenv("NG_MEM")) {
        struct mallinfo2 mi = mallinfo2();
        fprintf(stderr, "after load: rss %ld MB, in use %zu MB, free in arena %zu MB, mmap %zu MB\n",
                (rss_kb() - rss0) / 1024, mi.uordblks >> 20, mi.fordblks >> 20, mi.hblkhd >> 20);
        fprintf(stderr, "tokens: %zu in %zu slabs (%zu MB)\n", g.e[0]->cache.n, g.e[0]->cache.nslabs,
                g.e[0]->cache.nslabs * (size_t)TOKEN_SLAB >> 20);
    }
    mindex *ix = mindex_build(g.v, g.n, 2);
    double t2 = now();
    long rss1 = rss_kb();
    printf("gallery %s: %zu records\n", path, g.n);
    printf("  build: read + names parsed %.2f s (2 threads), index %.2f s, total %.2f s\n", t1 - t0, t2 - t1, t2 - t0);
    printf("  memory: %.0f MB resident for records, names and index (index %.0f MB); the process: %.0f MB, "
           "at most %.0f MB so far\n",
           (rss1 - rss0) / 1024.0, mindex_bytes(ix) / 1048576.0, rss1 / 1024.0, status_kb("VmHWM") / 1024.0);
    /* queries: every k-th record with two names in different scripts */
    ng_engine *e = ng_engine_new(NULL);
    mscratch *sc = mindex_scratch(ix);
    /* NG_PROBE="NAME|ID": where record ID ranks among the candidates of
     * NAME (a miss of NG_SHOW_MISSES: outside the pool, or ranked out) */
    if (getenv("NG_PROBE")) {
        char buf[512];
        snprintf(buf, sizeof buf, "%s", getenv("NG_PROBE"));
        char *bar = strchr(buf, '|');
        if (bar) {
            *bar = 0;
            ng_record *q = ng_record_new();
            ng_record_set_id(q, "q");
            ng_record_add(q, "name", buf, NULL);
            struct mrec mq;
            uint32_t *all = malloc(CAND_MAX * sizeof *all);
            if (mrec_from_record(e, "q", q, &mq, NULL) == NG_OK && all) {
                size_t nc = mindex_candidates(ix, sc, &mq, all, CAND_MAX, CAND_MAX, 0);
                size_t at = 0;
                for (size_t c = 0; c < nc && !at; c++)
                    if (strcmp(g.v[all[c]].id, bar + 1) == 0) at = c + 1;
                nc = mindex_candidates(ix, sc, &mq, all, CAND, CAND_MAX,
                                       ng_compare_default_options().threshold - match_evidence_max(&mq));
                size_t kept = 0;
                for (size_t c = 0; c < nc && !kept; c++)
                    if (strcmp(g.v[all[c]].id, bar + 1) == 0) kept = c + 1;
                if (at) printf("probe: %s ranks %zu", bar + 1, at);
                else printf("probe: %s not among the first %d", bar + 1, CAND_MAX);
                if (kept) printf("; scored %zu of %zu candidates\n", kept, nc);
                else printf("; not among the %zu candidates scored\n", nc);
                mrec_free(&mq);
            }
            free(all);
            ng_record_free(q);
        }
    }
    struct mrec *qs = calloc((size_t)nq, sizeof *qs);
    size_t *want = calloc((size_t)nq, sizeof *want);
    size_t n = 0;
    double tprep = 0;
    for (size_t i = 0; i < g.n && n < (size_t)nq; i += 37) {
        const struct mrec *r = &g.v[i];
        if (r->nnames < 2) continue;
        if (ng_name_script(r->names[0]) == ng_name_script(r->names[1])) continue;
        ng_record *q = ng_record_new();
        ng_record_set_id(q, "q");
        ng_record_add(q, "name", ng_name_text(r->names[1]), NULL);
        double a = now();
        ng_status st = mrec_from_record(e, "q", q, &qs[n], NULL);
        tprep += now() - a;
        if (st == NG_OK) want[n++] = i;
        ng_record_free(q);
    }
    ng_compare_options co = ng_compare_default_options();
    /* three ways, each query asked all three in turn (the order rotating,
     * so that none always finds the caches warm): candidates kept from the
     * threshold (xref's pairs, the recall below), from the possible
     * threshold (what `match` shows), and all of them (the index's order
     * alone: the baseline of the two) */
    enum { WAYS = 3 };
    const double keep[WAYS] = {co.threshold, co.possible_threshold, 0};
    double *lat[WAYS], *latc[WAYS], tcand[WAYS] = {0};
    size_t ncand_sum[WAYS] = {0};
    for (int w = 0; w < WAYS; w++) {
        lat[w] = malloc(n * sizeof *lat[w]);
        latc[w] = malloc(n * sizeof *latc[w]);
    }
    size_t found1 = 0, found5 = 0;
    uint32_t cand[CAND_MAX];
    printf("  queries: %zu aliases in the other script, one core; each read by the engine first "
           "(not in the latencies below): mean %.3f ms\n", n, n ? 1e3 * tprep / (double)n : 0);
    /* in blocks of BLOCK queries, each block asked the three ways in turn,
     * the order rotating: a query asked again at once would find its
     * postings in the caches */
    enum { BLOCK = 64 };
    for (size_t k0 = 0; k0 < n; k0 += BLOCK)
    for (int i = 0; i < WAYS; i++)
    for (size_t k = k0; k < k0 + BLOCK && k < n; k++) {
        {
            int w = (int)((k0 / BLOCK + (size_t)i) % WAYS);
            double a = now();
            size_t nc = mindex_candidates(ix, sc, &qs[k], cand, CAND, CAND_MAX,
                                          keep[w] > 0 ? keep[w] - match_evidence_max(&qs[k]) : 0);
            latc[w][k] = now() - a;
            tcand[w] += latc[w][k];
            ncand_sum[w] += nc;
            double want_score = -1;
            for (size_t c = 0; c < nc; c++) {
                mrec_prefetch_ahead(g.v, cand, nc, c);
                double v = match_score(e, &qs[k], &g.v[cand[c]], &co);
                if (cand[c] == want[k]) want_score = v;
            }
            lat[w][k] = now() - a;
            if (w != 0 || want_score < 0) continue;
            size_t better = 0;
            for (size_t c = 0; c < nc; c++) {
                if (cand[c] == want[k]) continue;
                struct mresult r;
                match_pair(e, &qs[k], &g.v[cand[c]], &co, &r);
                if (r.score > want_score) better++;
            }
            if (better == 0) found1++;
            if (better < 5) found5++;
        }
    }
    for (int w = 0; w < WAYS; w++) {
        qsort(lat[w], n, sizeof *lat[w], cmp_double);
        qsort(latc[w], n, sizeof *latc[w], cmp_double);
    }
    for (int w = 0; w < WAYS; w++) {
        if (keep[w] > 0) printf("    kept from %.2f:", keep[w]);
        else printf("    all candidates:");
        printf(" latency median %.3f ms, p99 %.3f ms, max %.3f ms (%.0f candidates; %.2fx the median of all)\n",
               1e3 * lat[w][n / 2], 1e3 * lat[w][(n * 99) / 100], 1e3 * lat[w][n - 1],
               (double)ncand_sum[w] / (double)n, lat[w][n / 2] / lat[WAYS - 1][n / 2]);
        printf("      finding the candidates alone: median %.3f ms, p99 %.3f ms, mean %.3f ms\n",
               1e3 * latc[w][n / 2], 1e3 * latc[w][(n * 99) / 100], 1e3 * tcand[w] / (double)n);
    }
    printf("    the record the alias belongs to (kept from %.2f): first %.1f%%, in the first five %.1f%%\n",
           keep[0], 100.0 * found1 / n, 100.0 * found5 / n);
    /* brute force: every record scored, on nbrute queries from the first
     * (or from --brute-from: another sample than the one tuned on).  With
     * NG_PAIRS=FILE the pairs it finds are written to FILE, or read from it
     * when it exists (index experiments on one gallery and one engine need
     * not wait for brute force again; no brute-force time then) */
    size_t k0 = (size_t)from < n ? (size_t)from : n;
    size_t nb = (size_t)nbrute < n - k0 ? (size_t)nbrute : n - k0;
    long bf_pairs = 0, ix_pairs = 0;
    const char *pairs_path = getenv("NG_PAIRS");
    FILE *pin = pairs_path ? fopen(pairs_path, "r") : NULL;
    FILE *pout = pairs_path && !pin ? fopen(pairs_path, "w") : NULL;
    double tb = now();
    for (size_t k = k0; k < k0 + nb; k++) {
        size_t nc = mindex_candidates(ix, sc, &qs[k], cand, CAND, CAND_MAX,
                                      co.threshold - match_evidence_max(&qs[k]));
        for (size_t i = 0; i < g.n; i++) {
            struct mresult r;
            if (pin) {
                /* the file's next pair of query k: query, record, the
                 * record's name that met, score */
                unsigned long qk, ri;
                int ib;
                double score;
                long pos = ftell(pin);
                if (fscanf(pin, "%lu %lu %d %lf", &qk, &ri, &ib, &score) != 4) break;
                if (qk != k || ri >= g.n || ri < i) { fseek(pin, pos, SEEK_SET); break; }
                i = ri;
                r.ib = ib;
                r.score = score;
            } else {
                match_pair(e, &qs[k], &g.v[i], &co, &r);
                if (r.score < co.threshold) continue;
                if (pout) fprintf(pout, "%zu %zu %d %.6f\n", k, i, (int)r.ib, r.score);
            }
            bf_pairs++;
            int hit = 0;
            for (size_t c = 0; c < nc; c++)
                if (cand[c] == i) { hit = 1; break; }
            ix_pairs += hit;
            if (!hit && getenv("NG_SHOW_MISSES"))
                fprintf(stderr, "missed: query %zu %s  ~  %s (%s, record %zu) %.4f\n", k, ng_name_text(qs[k].names[0]),
                        ng_name_text(g.v[i].names[r.ib]), g.v[i].id, i, r.score);
        }
    }
    double tb1 = now();
    if (pin) {
        printf("  brute force on %zu queries: pairs read from %s\n", nb, pairs_path);
        fclose(pin);
    } else {
        printf("  brute force on %zu queries: %.1f ms a query (%.0fx the index's median)\n", nb,
               1e3 * (tb1 - tb) / (double)nb, (tb1 - tb) / (double)nb / lat[0][n / 2]);
        if (pout) fclose(pout);
    }
    printf("    pairs at or above %.2f: brute force %ld, the index %ld (recall %.2f%%)\n", co.threshold,
           bf_pairs, ix_pairs, bf_pairs ? 100.0 * ix_pairs / bf_pairs : 100.0);
    for (size_t k = 0; k < n; k++) mrec_free(&qs[k]);
    free(qs);
    free(want);
    for (int w = 0; w < WAYS; w++) {
        free(lat[w]);
        free(latc[w]);
    }
    mscratch_free(sc);
    ng_engine_free(e);
    mindex_free(ix);
    mset_free(&g);
    return 0;
}

/* ---- OFAC aliases, EU Cyrillic spellings --------------------------------- */

struct named {
    ng_record **v;
    size_t n, cap;
};

static ng_status keep(void *ctx, ng_record *r)
{
    struct named *s = ctx;
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 1024;
        s->v = realloc(s->v, s->cap * sizeof *s->v);
    }
    ng_record *c = ng_record_copy(r);
    if (!c) return NG_ENOMEM;
    s->v[s->n++] = c;
    return NG_OK;
}

static int has_cyrillic(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p == 0xD0 || *p == 0xD1) return 1;
    return 0;
}

/* Queries of one run, and the index they are asked against. */
static long bf_total, bf_found; /* brute force's pairs, and the index's share */

static void run_queries(const char *what, struct named *base, ng_record **qrec, size_t *qof, size_t nq,
                        size_t *first, size_t *five, size_t *total)
{
    struct mset g;
    mset_from_records(&g, "x", base->v, base->n, 2);
    /* the mset keeps records with a readable name, in order: map back */
    size_t *pos = malloc(base->n * sizeof *pos);
    for (size_t i = 0, k = 0; i < base->n; i++) {
        char id[600];
        snprintf(id, sizeof id, "x:%s", ng_record_id(base->v[i]));
        pos[i] = k < g.n && strcmp(g.v[k].id, id) == 0 ? k++ : (size_t)-1;
    }
    mindex *ix = mindex_build(g.v, g.n, 1);
    mscratch *sc = mindex_scratch(ix);
    ng_engine *e = ng_engine_new(NULL);
    ng_compare_options co = ng_compare_default_options();
    uint32_t cand[CAND_MAX];
    for (size_t k = 0; k < nq; k++) {
        struct mrec q;
        if (mrec_from_record(e, "q", qrec[k], &q, NULL) != NG_OK) continue;
        size_t want = pos[qof[k]];
        (*total)++;
        size_t nc = mindex_candidates(ix, sc, &q, cand, CAND, CAND_MAX,
                                      co.possible_threshold - match_evidence_max(&q));
        /* brute force: every record scored; the index must have them */
        for (size_t i = 0; i < g.n; i++) {
            struct mresult br;
            match_pair(e, &q, &g.v[i], &co, &br);
            if (br.score < co.threshold) continue;
            bf_total++;
            int hit = 0;
            for (size_t c = 0; c < nc; c++)
                if (cand[c] == i) { hit = 1; break; }
            bf_found += hit;
            if (!hit && getenv("NG_SHOW_MISSES"))
                fprintf(stderr, "missed: %s  ~  %s %.4f (%zu candidates)\n", ng_name_text(q.names[0]),
                        ng_name_text(g.v[i].names[br.ib]), br.score, nc);
        }
        if (want == (size_t)-1) { mrec_free(&q); continue; }
        double ws = -1;
        struct mresult r;
        for (size_t c = 0; c < nc; c++)
            if (cand[c] == want) { match_pair(e, &q, &g.v[want], &co, &r); ws = r.score; }
        if (ws >= 0) {
            size_t better = 0;
            for (size_t c = 0; c < nc; c++) {
                if (cand[c] == want) continue;
                match_pair(e, &q, &g.v[cand[c]], &co, &r);
                if (r.score > ws || (r.score == ws && cand[c] < want)) better++;
            }
            if (better == 0) (*first)++;
            if (better < 5) (*five)++;
        }
        mrec_free(&q);
    }
    (void)what;
    ng_engine_free(e);
    mscratch_free(sc);
    mindex_free(ix);
    mset_free(&g);
    free(pos);
}

/* Every record of the files into *all (sep: what splits multi-valued cells, or NULL);
 * 0, or 1 after saying why. */
static int read_list(const char *const *paths, size_t n, const char *sep, struct named *all)
{
    struct read_options o;
    memset(&o, 0, sizeof o);
    o.sep = sep;
    struct read_sink sink = {keep, NULL, NULL, NULL, NULL, all, 0};
    struct read_error err;
    if (records_read(paths, n, &o, &sink, &err, NULL) == NG_OK) return 0;
    fprintf(stderr, "%s:%ld: %s\n", err.file, err.line, err.msg);
    return 1;
}

static int ofac(int argc, char **argv)
{
    const char *d = argc > 2 ? argv[2] : "../shared/data";
    char p[4][600];
    const char *paths[4];
    const char *f[4] = {"sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"};
    for (int i = 0; i < 4; i++) {
        snprintf(p[i], sizeof p[i], "%s/ofac_sdn_2021/%s", d, f[i]);
        paths[i] = p[i];
    }
    struct named all = {0};
    if (read_list(paths, 4, NULL, &all)) return 1;
    /* individuals only; two runs: the odd aliases asked against an index
     * without them, then the even ones */
    size_t first = 0, five = 0, total = 0, entities = 0;
    for (int run = 0; run < 2; run++) {
        struct named base = {0};
        ng_record **q = NULL;
        size_t *qof = NULL, nq = 0, capq = 0;
        for (size_t i = 0; i < all.n; i++) {
            ng_record *r = all.v[i];
            if (strcmp(ng_record_schema(r), "Person") != 0) continue;
            ng_record *c = ng_record_new();
            ng_record_set_id(c, ng_record_id(r));
            size_t alias_no = 0, nal = 0;
            for (size_t k = 0; k < ng_record_count(r); k++) {
                const ng_value *v = ng_record_value(r, k);
                int is_alias = strcmp(v->prop, "alias") == 0 || strcmp(v->prop, "weakAlias") == 0;
                if (is_alias && (alias_no++ % 2) == (size_t)run) {
                    if (nq == capq) {
                        capq = capq ? 2 * capq : 1024;
                        q = realloc(q, capq * sizeof *q);
                        qof = realloc(qof, capq * sizeof *qof);
                    }
                    ng_record *x = ng_record_new();
                    ng_record_set_id(x, "q");
                    ng_record_add(x, "name", v->value, NULL);
                    q[nq] = x;
                    qof[nq++] = base.n;
                    nal++;
                    continue;
                }
                ng_record_add(c, v->prop, v->value, v->qual);
            }
            if (run == 0 && alias_no) entities++;
            keep(&base, c);
            ng_record_free(c);
        }
        run_queries("ofac", &base, q, qof, nq, &first, &five, &total);
        for (size_t i = 0; i < base.n; i++) ng_record_free(base.v[i]);
        free(base.v);
        for (size_t i = 0; i < nq; i++) ng_record_free(q[i]);
        free(q);
        free(qof);
    }
    printf("OFAC 2021: %zu aliases of %zu individuals asked, the alias left out of the index\n", total, entities);
    printf("  pairs at or above 0.80: brute force %ld, the index %ld (recall %.2f%%)\n", bf_total, bf_found,
           bf_total ? 100.0 * bf_found / bf_total : 100.0);
    printf("  the right entity first: %zu (%.1f%%), in the first five: %zu (%.1f%%)\n", first,
           100.0 * first / total, five, 100.0 * five / total);
    /* the two of the issue */
    struct named base = {0};
    for (size_t i = 0; i < all.n; i++)
        if (strcmp(ng_record_schema(all.v[i]), "Person") == 0) keep(&base, all.v[i]);
    struct mset g;
    mset_from_records(&g, "ofac", base.v, base.n, 2);
    mindex *ix = mindex_build(g.v, g.n, 1);
    mscratch *sc = mindex_scratch(ix);
    ng_engine *e = ng_engine_new(NULL);
    const char *asks[2] = {"Ruslan Boshirov", "Анатолий Чепига"};
    for (int k = 0; k < 2; k++) {
        ng_record *x = ng_record_new();
        ng_record_set_id(x, "q");
        ng_record_add(x, "name", asks[k], NULL);
        struct mrec q;
        mrec_from_record(e, "q", x, &q, NULL);
        uint32_t cand[CAND_MAX];
        size_t nc = mindex_candidates(ix, sc, &q, cand, CAND, CAND_MAX,
                                      ng_compare_default_options().possible_threshold - match_evidence_max(&q));
        double best = -1;
        const char *who = "";
        for (size_t c = 0; c < nc; c++) {
            struct mresult r;
            match_pair(e, &q, &g.v[cand[c]], NULL, &r);
            if (r.score > best) { best = r.score; who = MREC_SHOWN(&g.v[cand[c]]); }
        }
        printf("  %s: first %s (%.4f)\n", asks[k], who, best);
        mrec_free(&q);
        ng_record_free(x);
    }
    ng_engine_free(e);
    mscratch_free(sc);
    mindex_free(ix);
    mset_free(&g);
    for (size_t i = 0; i < base.n; i++) ng_record_free(base.v[i]);
    free(base.v);
    for (size_t i = 0; i < all.n; i++) ng_record_free(all.v[i]);
    free(all.v);
    return 0;
}

static int eu(int argc, char **argv)
{
    const char *d = argc > 2 ? argv[2] : "../shared/data";
    char p[600];
    snprintf(p, sizeof p, "%s/eu_journal_sanctions/32014R0269.csv", d);
    const char *paths[1] = {p};
    struct named all = {0};
    if (read_list(paths, 1, "; ", &all)) return 1;
    struct named base = {0};
    ng_record **q = NULL;
    size_t *qof = NULL, nq = 0, capq = 0;
    for (size_t i = 0; i < all.n; i++) {
        ng_record *r = all.v[i];
        if (strcmp(ng_record_schema(r), "Person") != 0) continue;
        ng_record *c = ng_record_new();
        ng_record_set_id(c, ng_record_id(r));
        for (size_t k = 0; k < ng_record_count(r); k++) {
            const ng_value *v = ng_record_value(r, k);
            if (strcmp(v->prop, "birthDate") == 0) continue; /* names alone */
            const struct prop_info *pi = record_prop_info(v->prop);
            if (!pi || pi->kind != PROP_NAME) continue;
            /* "Latin (Cyrillic)": the Latin to the index, the Cyrillic asked */
            char buf[1024];
            snprintf(buf, sizeof buf, "%s", v->value);
            char *open = strstr(buf, " (");
            char *cyr = NULL;
            if (open && has_cyrillic(open)) {
                *open = 0;
                cyr = open + 2;
                char *close = strrchr(cyr, ')');
                if (close) *close = 0;
            } else if (has_cyrillic(buf)) {
                cyr = buf;
            }
            if (cyr && cyr != buf) ng_record_add(c, "name", buf, NULL);
            else if (!cyr) ng_record_add(c, "name", buf, NULL);
            if (cyr) {
                if (nq == capq) {
                    capq = capq ? 2 * capq : 1024;
                    q = realloc(q, capq * sizeof *q);
                    qof = realloc(qof, capq * sizeof *qof);
                }
                ng_record *x = ng_record_new();
                ng_record_set_id(x, "q");
                ng_record_add(x, "name", cyr, NULL);
                q[nq] = x;
                qof[nq++] = base.n;
            }
        }
        keep(&base, c);
        ng_record_free(c);
    }
    size_t first = 0, five = 0, total = 0;
    run_queries("eu", &base, q, qof, nq, &first, &five, &total);
    printf("EU 269/2014: %zu Cyrillic spellings of %zu persons asked against their Latin names\n", total, base.n);
    printf("  pairs at or above 0.80: brute force %ld, the index %ld (recall %.2f%%)\n", bf_total, bf_found,
           bf_total ? 100.0 * bf_found / bf_total : 100.0);
    printf("  the right person first: %zu (%.1f%%), in the first five: %zu (%.1f%%)\n", first,
           100.0 * first / total, five, 100.0 * five / total);
    return 0;
}

int main(int argc, char **argv)
{
    if (getenv("NG_CAND")) CAND = (size_t)atol(getenv("NG_CAND"));
    if (argc > 1 && strcmp(argv[1], "gallery") == 0) return gallery(argc, argv);
    if (argc > 1 && strcmp(argv[1], "ofac") == 0) return ofac(argc, argv);
    if (argc > 1 && strcmp(argv[1], "eu") == 0) return eu(argc, argv);
    fprintf(stderr, "usage: screen gallery FILE.csv | ofac [DATA] | eu [DATA]\n");
    return 2;
}
