/*
 * mset.c -- a list made ready for matching: every record of a dataset of
 * the store, or of a file read with the readers of the store (nothing
 * stored), as mrecs, names parsed on two threads.
 */
#include <pthread.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match/mset.h"
#include "names/engine.h"
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
 * (record k of the chunk by thread k % threads, each with its own engine
 * and arena) while the reader fills the next chunk, then appended to the
 * set in order and freed; the set grows, the copies do not pile up. */
#define CHUNK 8192

/* A chunk of records being read, or being prepared. */
struct chunk {
    ng_record *v[CHUNK];
    size_t n;
    struct mrec out[CHUNK];
};

struct prep {
    struct gather *g;
    struct chunk *c;
    int k;
    ng_status st;
};

/* Two chunks: while the threads prepare one, the reader fills the other. */
struct gather {
    struct mset *s;
    int threads;
    struct chunk c[2];
    int cur;             /* the chunk being filled */
    int busy;            /* the chunk being prepared, or -1 */
    pthread_t t[2];
    int spawned[2];
    struct prep p[2];
    size_t cap;          /* of s->v */
};

static void *prepare(void *arg)
{
    struct prep *p = arg;
    struct gather *g = p->g;
    struct chunk *c = p->c;
    for (size_t i = (size_t)p->k; i < c->n; i += (size_t)g->threads) {
        ng_status st = mrec_from_record(g->s->e[p->k], g->s->name, c->v[i], &c->out[i], &g->s->ar[p->k]);
        if (st == NG_EEMPTY) continue; /* no name the engine can read: left out */
        if (st != NG_OK) { p->st = st; break; }
    }
    return NULL;
}

/* Waits for the chunk being prepared and appends its records, in order. */
static ng_status finish(struct gather *g)
{
    if (g->busy < 0) return NG_OK;
    struct chunk *c = &g->c[g->busy];
    ng_status st = NG_OK;
    for (int k = 0; k < g->threads; k++) {
        if (g->spawned[k]) pthread_join(g->t[k], NULL);
        else prepare(&g->p[k]);
        if (st == NG_OK) st = g->p[k].st;
    }
    struct mset *s = g->s;
    if (st == NG_OK && s->n + c->n > g->cap) {
        size_t nc = g->cap ? 2 * g->cap : 4 * CHUNK;
        while (s->n + c->n > nc) nc *= 2;
        struct mrec *nv = realloc(s->v, nc * sizeof *nv);
        if (!nv) st = NG_ENOMEM;
        else {
            s->v = nv;
            g->cap = nc;
        }
    }
    for (size_t i = 0; i < c->n; i++) {
        if (st == NG_OK && c->out[i].nnames) s->v[s->n++] = c->out[i];
        else mrec_free(&c->out[i]);
        ng_record_free(c->v[i]);
    }
    c->n = 0;
    g->busy = -1;
    return st;
}

/* Hands the chunk being filled to the threads; the reader goes on with
 * the other. */
static ng_status start(struct gather *g)
{
    ng_status st = finish(g);
    struct chunk *c = &g->c[g->cur];
    if (st != NG_OK || !c->n) return st;
    memset(c->out, 0, c->n * sizeof *c->out);
    for (int k = 0; k < g->threads; k++) {
        g->p[k] = (struct prep){g, c, k, NG_OK};
        g->spawned[k] = pthread_create(&g->t[k], NULL, prepare, &g->p[k]) == 0;
    }
    g->busy = g->cur;
    g->cur ^= 1;
    return NG_OK;
}

static ng_status keep_copy(void *ctx, const ng_record *r)
{
    struct gather *g = ctx;
    ng_record *c = ng_record_copy(r);
    if (!c) return NG_ENOMEM;
    struct chunk *ch = &g->c[g->cur];
    ch->v[ch->n++] = c;
    return ch->n == CHUNK ? start(g) : NG_OK;
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
    /* one token store: a spelling both threads meet is kept once */
    if (threads == 2) engine_share_tokens(s->e[1], s->e[0]);
    *g = calloc(1, sizeof **g);
    if (!*g) return NG_ENOMEM;
    (*g)->s = s;
    (*g)->threads = threads;
    (*g)->busy = -1;
    return NG_OK;
}

static ng_status end(struct gather *g, ng_status st)
{
    ng_status st2 = st == NG_OK ? start(g) : NG_OK;
    ng_status st3 = finish(g);
    if (st == NG_OK) st = st2 != NG_OK ? st2 : st3;
    for (int k = 0; k < 2; k++) {
        for (size_t i = 0; i < g->c[k].n; i++) ng_record_free(g->c[k].v[i]);
        g->c[k].n = 0;
    }
    /* the set is complete: its array to size, and the token store's
     * look-up table (some 80 bytes a token) dropped, the tokens kept */
    struct mset *s = g->s;
    free(g);
    if (st == NG_OK && s->n) {
        struct mrec *v = realloc(s->v, s->n * sizeof *v);
        if (v) s->v = v;
    }
    for (int k = 0; k < 2; k++)
        if (s->e[k]) engine_freeze_tokens(s->e[k]);
#ifdef __GLIBC__
    /* the records read and the look-up table freed: tens of megabytes a
     * million records that glibc would otherwise keep from the system */
    malloc_trim(0);
#endif
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
