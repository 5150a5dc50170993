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
    memset(s, 0, sizeof *s);
}

/* Records are gathered first (a copy of each), then prepared on the
 * threads: record k by thread k % threads, each with its own engine. */
struct gather {
    ng_record **v;
    size_t n, cap;
};

static ng_status keep_copy(void *ctx, const ng_record *r)
{
    struct gather *g = ctx;
    if (g->n == g->cap) {
        size_t nc = g->cap ? 2 * g->cap : 1024;
        ng_record **nv = realloc(g->v, nc * sizeof *nv);
        if (!nv) return NG_ENOMEM;
        g->v = nv;
        g->cap = nc;
    }
    ng_record *c = ng_record_new();
    if (!c) return NG_ENOMEM;
    ng_status st = ng_record_set_id(c, ng_record_id(r));
    if (st == NG_OK) st = ng_record_set_schema(c, ng_record_schema(r));
    ng_record_set_line(c, ng_record_line(r));
    for (size_t i = 0; i < ng_record_count(r) && st == NG_OK; i++) {
        const ng_value *v = ng_record_value(r, i);
        st = ng_record_add(c, v->prop, v->value, v->qual);
    }
    if (st != NG_OK) { ng_record_free(c); return st; }
    g->v[g->n++] = c;
    return NG_OK;
}

static ng_status keep_read(void *ctx, ng_record *r) { return keep_copy(ctx, r); }

struct prep {
    struct mset *s;
    struct gather *g;
    int k, threads;
    ng_status st;
};

static void *prepare(void *arg)
{
    struct prep *p = arg;
    for (size_t i = (size_t)p->k; i < p->g->n; i += (size_t)p->threads) {
        ng_status st = mrec_from_record(p->s->e[p->k], p->s->name, p->g->v[i], &p->s->v[i]);
        if (st == NG_EEMPTY) continue; /* no name the engine can read: left out */
        if (st != NG_OK) { p->st = st; break; }
    }
    return NULL;
}

static ng_status prepare_all(struct mset *s, struct gather *g, int threads)
{
    ng_status st = NG_OK;
    s->v = calloc(g->n ? g->n : 1, sizeof *s->v);
    if (!s->v) st = NG_ENOMEM;
    if (threads < 1) threads = 1;
    if (threads > 2) threads = 2;
    for (int k = 0; k < threads && st == NG_OK; k++)
        if (!s->e[k] && !(s->e[k] = ng_engine_new(&st))) break;
    if (st == NG_OK) {
        struct prep p[2];
        pthread_t t;
        for (int k = 0; k < threads; k++) p[k] = (struct prep){s, g, k, threads, NG_OK};
        int spawned = threads > 1 && pthread_create(&t, NULL, prepare, &p[1]) == 0;
        if (threads > 1 && !spawned) { p[0].threads = p[1].threads = 1; threads = 1; }
        prepare(&p[0]);
        if (spawned) pthread_join(t, NULL);
        st = p[0].st != NG_OK ? p[0].st : threads > 1 ? p[1].st : NG_OK;
    }
    /* close the gaps of records left out, keeping the order */
    size_t k = 0;
    for (size_t i = 0; s->v && i < g->n; i++)
        if (s->v[i].nnames) s->v[k++] = s->v[i];
    s->n = k;
    for (size_t i = 0; i < g->n; i++) ng_record_free(g->v[i]);
    free(g->v);
    return st;
}

ng_status mset_from_store(struct mset *s, struct store *db, const char *dataset, int threads)
{
    memset(s, 0, sizeof *s);
    snprintf(s->name, sizeof s->name, "%s", dataset);
    struct gather g = {0};
    ng_status st = store_each(db, dataset, keep_copy, &g);
    if (st != NG_OK) {
        for (size_t i = 0; i < g.n; i++) ng_record_free(g.v[i]);
        free(g.v);
        return st;
    }
    return prepare_all(s, &g, threads);
}

ng_status mset_from_file(struct mset *s, const char *path, const char *name,
                         const struct read_options *o, struct read_error *err, int threads)
{
    memset(s, 0, sizeof *s);
    snprintf(s->name, sizeof s->name, "%s", name);
    struct gather g = {0};
    struct read_sink sink = {keep_read, NULL, NULL, NULL, NULL, &g, 0};
    const char *paths[1] = {path};
    ng_status st = records_read(paths, 1, o, &sink, err, NULL);
    if (st != NG_OK) {
        for (size_t i = 0; i < g.n; i++) ng_record_free(g.v[i]);
        free(g.v);
        return st;
    }
    return prepare_all(s, &g, threads);
}

ng_status mset_from_records(struct mset *s, const char *name, ng_record *const *recs, size_t n,
                            int threads)
{
    memset(s, 0, sizeof *s);
    snprintf(s->name, sizeof s->name, "%s", name);
    struct gather g = {0};
    ng_status st = NG_OK;
    for (size_t i = 0; i < n && st == NG_OK; i++) st = keep_copy(&g, recs[i]);
    if (st != NG_OK) {
        for (size_t i = 0; i < g.n; i++) ng_record_free(g.v[i]);
        free(g.v);
        return st;
    }
    return prepare_all(s, &g, threads);
}
