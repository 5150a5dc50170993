/*
 * pipeline.c -- an import on two cores: one thread reads the files and
 * normalises the names (the engine's work), this one writes to SQLite.
 *
 * The reader hands over prepared records (id, schema, line, the JSON of
 * the values) through a bounded queue, in order, so the store sees them as
 * a one-thread import would and the result is the same.  Either side
 * stopping (a bad file, a refused row, a failure of SQLite) stops the
 * other: the reader is told through `stop`, the writer by the end of the
 * queue.  The reader's engine is its own (engines are one a thread).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "records/records.h"
#include "store/store.h"
#include "text/buf.h"

#define QUEUE_MAX 16    /* batches in flight */
#define BATCH 512       /* records a batch: one lock and one wake-up each */

/* A run of prepared records in one buffer, reused: the reader fills it,
 * the writer empties it and gives it back, so no memory goes from one
 * thread's allocator to the other's (that traffic cost more than it
 * saved). */
struct batch {
    struct batch *next;
    size_t n;
    long line[BATCH];
    size_t sid[BATCH], schema[BATCH], json[BATCH], jlen[BATCH]; /* offsets */
    struct buf data;          /* the strings, one after another */
};

struct pipe {
    store *s;
    const struct read_sink *user;
    struct import_counts *c;
    int threads;
    ng_engine *e;             /* the reader's */
    struct buf j;            /* the reader's buffer */
    struct batch *cur;        /* the batch the reader is filling */
    /* the queue of full batches, and the empty ones to reuse */
    pthread_mutex_t mu;
    pthread_cond_t not_empty, not_full;
    struct batch *head, *tail, *spare;
    size_t n;
    int done;                 /* the reader has finished */
    int stop;                 /* the writer has stopped: read no further */
    /* the user's sink is called by both threads (rejects): one at a time */
    pthread_mutex_t sink_mu;
    ng_status wst;            /* the writer's status */
    long r_read, r_rejected;  /* the reader's counts */
    long w_kept, w_rejected;  /* the writer's counts */
    struct read_error *err;
    const char *file;
};

static void batch_free(struct batch *b)
{
    while (b) {
        struct batch *nx = b->next;
        buf_free(&b->data);
        free(b);
        b = nx;
    }
}

static ng_status p_reject(void *ctx, const struct read_error *why, const char *raw)
{
    struct pipe *p = ctx;
    p->r_read++;
    p->r_rejected++;
    pthread_mutex_lock(&p->sink_mu);
    ng_status st = p->user->reject ? p->user->reject(p->user->ctx, why, raw) : NG_OK;
    pthread_mutex_unlock(&p->sink_mu);
    return st;
}

static void p_progress(void *ctx, long long done, long long total)
{
    struct pipe *p = ctx;
    if (!p->user->progress) return;
    pthread_mutex_lock(&p->sink_mu);
    p->c->read = p->r_read; /* for the progress bar: records read so far */
    p->user->progress(p->user->ctx, done, total);
    pthread_mutex_unlock(&p->sink_mu);
}

static void p_warn(void *ctx, const char *msg)
{
    struct pipe *p = ctx;
    if (!p->user->warn) return;
    pthread_mutex_lock(&p->sink_mu);
    p->user->warn(p->user->ctx, msg);
    pthread_mutex_unlock(&p->sink_mu);
}

static void p_remarks(void *ctx, size_t known, size_t total)
{
    struct pipe *p = ctx;
    if (!p->user->remarks) return;
    pthread_mutex_lock(&p->sink_mu);
    p->user->remarks(p->user->ctx, known, total);
    pthread_mutex_unlock(&p->sink_mu);
}

/* The writer's work on one record: write it, or refuse it. */
static ng_status write_one(struct pipe *p, const char *sid, const char *schema, long line,
                           const char *json, size_t jlen)
{
    ng_status st = store_import_prepared(p->s, sid, schema, line, json, jlen);
    if (st == NG_EDATA) {
        /* an id given twice: a bad row like any other */
        struct read_error why;
        memset(&why, 0, sizeof why);
        snprintf(why.file, sizeof why.file, "%s", p->file);
        why.line = line;
        why.row = 1;
        snprintf(why.msg, sizeof why.msg, "%s", store_errmsg(p->s));
        if (p->user->skip_bad) {
            p->w_rejected++;
            pthread_mutex_lock(&p->sink_mu);
            st = p->user->reject ? p->user->reject(p->user->ctx, &why, "") : NG_OK;
            pthread_mutex_unlock(&p->sink_mu);
            return st;
        }
        *p->err = why;
        return NG_EDATA;
    }
    if (st == NG_OK) p->w_kept++;
    return st;
}

/* Hands the reader's batch to the writer. */
static ng_status flush(struct pipe *p)
{
    struct batch *b = p->cur;
    if (!b || !b->n) return NG_OK;
    p->cur = NULL;
    pthread_mutex_lock(&p->mu);
    while (p->n >= QUEUE_MAX && !p->stop) pthread_cond_wait(&p->not_full, &p->mu);
    if (p->stop) {
        b->next = p->spare;
        p->spare = b;
        pthread_mutex_unlock(&p->mu);
        return NG_ESTORE; /* the writer stopped; its status is the answer */
    }
    b->next = NULL;
    if (p->tail) p->tail->next = b;
    else p->head = b;
    p->tail = b;
    p->n++;
    pthread_cond_signal(&p->not_empty);
    pthread_mutex_unlock(&p->mu);
    return NG_OK;
}

/* The reader's sink: prepare the record, then write it (one thread) or
 * queue it (two). */
static ng_status p_record(void *ctx, ng_record *r)
{
    struct pipe *p = ctx;
    ng_status st = store_record_json(p->e, r, &p->j);
    if (st != NG_OK) return st;
    p->r_read++;
    if (p->threads < 2)
        return write_one(p, ng_record_id(r), ng_record_schema(r), ng_record_line(r), p->j.p, p->j.len);
    if (!p->cur) {
        pthread_mutex_lock(&p->mu);
        p->cur = p->spare;
        if (p->cur) p->spare = p->cur->next;
        pthread_mutex_unlock(&p->mu);
        if (!p->cur && !(p->cur = calloc(1, sizeof *p->cur))) return NG_ENOMEM;
        p->cur->n = p->cur->data.len = 0;
    }
    struct batch *b = p->cur;
    size_t k = b->n;
    const char *sid = ng_record_id(r), *schema = ng_record_schema(r);
    if ((b->sid[k] = buf_put_str(&b->data, sid, strlen(sid))) == (size_t)-1 ||
        (b->schema[k] = buf_put_str(&b->data, schema, strlen(schema))) == (size_t)-1 ||
        (b->json[k] = buf_put_str(&b->data, p->j.p, p->j.len)) == (size_t)-1)
        return NG_ENOMEM;
    b->jlen[k] = p->j.len;
    b->line[k] = ng_record_line(r);
    if (++b->n < BATCH) return NG_OK;
    return flush(p);
}

struct reader_args {
    struct pipe *p;
    const char *const *paths;
    size_t npaths;
    const struct read_options *o;
    struct read_error rerr;
    ng_status st;
};

static void *reader(void *arg)
{
    struct reader_args *a = arg;
    struct pipe *p = a->p;
    struct read_sink sink = {p_record, p_reject, p_progress, p_warn, p_remarks, p,
                             p->user->skip_bad};
    a->st = records_read(a->paths, a->npaths, a->o, &sink, &a->rerr, NULL);
    if (p->threads > 1) {
        if (a->st == NG_OK) a->st = flush(p);
        batch_free(p->cur);
        p->cur = NULL;
    }
    pthread_mutex_lock(&p->mu);
    p->done = 1;
    pthread_cond_signal(&p->not_empty);
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

ng_status store_import_files(store *s, const char *const *paths, size_t npaths,
                             const struct read_options *o, const struct read_sink *sink,
                             struct read_error *err, int threads, struct import_counts *c)
{
    struct pipe p;
    memset(&p, 0, sizeof p);
    p.s = s;
    p.user = sink;
    p.c = c;
    p.threads = threads;
    p.err = err;
    p.file = npaths ? paths[0] : "";
    memset(err, 0, sizeof *err);
    ng_status st;
    p.e = ng_engine_new(&st);
    if (!p.e) return st;
    pthread_mutex_init(&p.mu, NULL);
    pthread_mutex_init(&p.sink_mu, NULL);
    pthread_cond_init(&p.not_empty, NULL);
    pthread_cond_init(&p.not_full, NULL);
    struct reader_args a;
    memset(&a, 0, sizeof a);
    a.p = &p;
    a.paths = paths;
    a.npaths = npaths;
    a.o = o;
    pthread_t t;
    if (threads < 2 || pthread_create(&t, NULL, reader, &a) != 0) {
        /* one thread: read, prepare and write in turn */
        p.threads = 1;
        reader(&a);
    } else {
        /* this thread writes what the reader prepares, in order */
        for (;;) {
            pthread_mutex_lock(&p.mu);
            while (!p.head && !p.done) pthread_cond_wait(&p.not_empty, &p.mu);
            struct batch *b = p.head;
            if (b) {
                p.head = b->next;
                if (!p.head) p.tail = NULL;
                p.n--;
                pthread_cond_signal(&p.not_full);
            }
            pthread_mutex_unlock(&p.mu);
            if (!b) break; /* the reader is done and the queue empty */
            for (size_t k = 0; k < b->n && p.wst == NG_OK; k++)
                p.wst = write_one(&p, b->data.p + b->sid[k], b->data.p + b->schema[k], b->line[k],
                                  b->data.p + b->json[k], b->jlen[k]);
            pthread_mutex_lock(&p.mu);
            b->next = p.spare;
            p.spare = b;
            if (p.wst != NG_OK) {
                p.stop = 1;
                pthread_cond_broadcast(&p.not_full);
            }
            pthread_mutex_unlock(&p.mu);
        }
        pthread_join(t, NULL);
    }
    c->read = p.r_read;
    c->kept = p.w_kept;
    c->rejected = p.r_rejected + p.w_rejected;
    /* the first failure is the answer: the writer's stops the reader */
    if (p.threads > 1 && p.wst != NG_OK) st = p.wst;
    else if (a.st != NG_OK) {
        st = a.st;
        if (!(st == NG_EDATA && err->msg[0])) *err = a.rerr;
    } else st = NG_OK;
    pthread_cond_destroy(&p.not_empty);
    pthread_cond_destroy(&p.not_full);
    pthread_mutex_destroy(&p.mu);
    pthread_mutex_destroy(&p.sink_mu);
    buf_free(&p.j);
    batch_free(p.spare);
    batch_free(p.head);
    ng_engine_free(p.e);
    return st;
}
