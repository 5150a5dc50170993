/*
 * mset.c -- a list made ready for matching: every record of a dataset of
 * the store, or of a file read with the readers of the store (nothing
 * stored), as mrecs, names parsed on two threads.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match/mset.h"
#include "records/records.h"
#include "store/store.h"

void mset_free(struct mset *s)
{
    for (size_t i = 0; i < s->n; i++) mrec_free(&s->v[i]);
    free(s->v);
    for (int k = 0; k < 2; k++) ng_engine_free(s->e[k]);
    for (int k = 0; k < 2; k++) arena_free(&s->ar[k]);
    memset(s, 0, sizeof *s);
}

/* Records come in chunks: a chunk is copied, then prepared on the threads
 * (record k of the chunk by thread k % threads, each with its own engine)
 * into the set, then freed; the set grows, the copies do not pile up. */
#define CHUNK 8192

struct gather {
    struct mset *s;
    int threads;
    ng_record *v[CHUNK];
    size_t n;
    size_t cap;          /* of s->v */
    ng_status st;
};

struct prep {
    struct gather *g;
    struct mrec *out;
    int k;
    ng_status st;
};

static void *prepare(void *arg)
{
    struct prep *p = arg;
    struct gather *g = p->g;
    for (size_t i = (size_t)p->k; i < g->n; i += (size_t)g->threads) {
        ng_status st = mrec_from_record(g->s->e[p->k], g->s->name, g->v[i], &p->out[i], &g->s->ar[p->k]);
        if (st == NG_EEMPTY) continue; /* no name the engine can read: left out */
        if (st != NG_OK) { p->st = st; break; }
    }
    return NULL;
}

static ng_status flush(struct gather *g)
{
    struct mset *s = g->s;
    if (!g->n) return NG_OK;
    ng_status st = NG_OK;
    if (s->n + g->n > g->cap) {
        size_t nc = g->cap ? 2 * g->cap : 4 * CHUNK;
        while (s->n + g->n > nc) nc *= 2;
        struct mrec *nv = realloc(s->v, nc * sizeof *nv);
        if (!nv) return NG_ENOMEM;
        s->v = nv;
        g->cap = nc;
    }
    struct mrec *out = s->v + s->n;
    memset(out, 0, g->n * sizeof *out);
    struct prep p[2] = {{g, out, 0, NG_OK}, {g, out, 1, NG_OK}};
    pthread_t t;
    int spawned = g->threads > 1 && pthread_create(&t, NULL, prepare, &p[1]) == 0;
    if (g->threads > 1 && !spawned) g->threads = 1;
    prepare(&p[0]);
    if (spawned) pthread_join(t, NULL);
    st = p[0].st != NG_OK ? p[0].st : spawned ? p[1].st : NG_OK;
    /* keep the order, close the gaps of records left out */
    size_t k = s->n;
    for (size_t i = 0; i < g->n; i++)
        if (out[i].nnames) s->v[k++] = out[i];
    s->n = k;
    for (size_t i = 0; i < g->n; i++) ng_record_free(g->v[i]);
    g->n = 0;
    return st;
}

static ng_status keep_copy(void *ctx, const ng_record *r)
{
    struct gather *g = ctx;
    ng_record *c = ng_record_copy(r);
    if (!c) return NG_ENOMEM;
    g->v[g->n++] = c;
    return g->n == CHUNK ? flush(g) : NG_OK;
}

static ng_status keep_read(void *ctx, ng_record *r) { return keep_copy(ctx, r); }

static ng_status begin(struct mset *s, const char *name, int threads, struct gather **g)
{
    memset(s, 0, sizeof *s);
    snprintf(s->name, sizeof s->name, "%s", name);
    if (threads < 1) threads = 1;
    if (threads > 2) threads = 2;
    ng_status st = NG_OK;
    for (int k = 0; k < threads; k++)
        if (!(s->e[k] = ng_engine_new(&st))) return st;
    *g = calloc(1, sizeof **g);
    if (!*g) return NG_ENOMEM;
    (*g)->s = s;
    (*g)->threads = threads;
    return NG_OK;
}

static ng_status end(struct gather *g, ng_status st)
{
    if (st == NG_OK) st = flush(g);
    for (size_t i = 0; i < g->n; i++) ng_record_free(g->v[i]);
    free(g);
    return st;
}

ng_status mset_from_store(struct mset *s, struct store *db, const char *dataset, int threads)
{
    struct gather *g;
    ng_status st = begin(s, dataset, threads, &g);
    if (st != NG_OK) return st;
    return end(g, store_each(db, dataset, keep_copy, g));
}

ng_status mset_from_file(struct mset *s, const char *path, const char *name,
                         const struct read_options *o, struct read_error *err, int threads)
{
    struct gather *g;
    ng_status st = begin(s, name, threads, &g);
    if (st != NG_OK) return st;
    struct read_sink sink = {keep_read, NULL, NULL, NULL, NULL, g, 0};
    const char *paths[1] = {path};
    return end(g, records_read(paths, 1, o, &sink, err, NULL));
}

ng_status mset_from_records(struct mset *s, const char *name, ng_record *const *recs, size_t n,
                            int threads)
{
    struct gather *g;
    ng_status st = begin(s, name, threads, &g);
    if (st != NG_OK) return st;
    for (size_t i = 0; i < n && st == NG_OK; i++) st = keep_copy(g, recs[i]);
    return end(g, st);
}
