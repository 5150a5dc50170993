/*
 * index.c -- which records a query should be scored against.
 *
 * Every token of every name of every record is indexed under keys:
 *   K  each phonetic key of the token (one a romanisation convention) and
 *      its masculine stem (Ivanova: ivanov);
 *   D  for keys of three symbols or more, the key with one symbol deleted,
 *      each position in turn: a query asks D for its own keys and K and D
 *      for its deletions, so two spellings one edit apart (a slip, a letter
 *      more or less) meet, at a share of the weight (0.5 to 0.6);
 *   G  each given-name class (Volodymyr, Vladimir, Wladimir; Sasha);
 *   A  the consonant skeleton of the first key, so that Arabic and Hebrew
 *      spellings (written without vowels) find their Latin ones.
 * A key's weight is its rarity in the index, log(1 + N / df), times its
 * share (1 for K and G, 0.7 for A, 0.5-0.6 for the D meetings).
 *
 * A query runs in two steps.  The pool: the query's keys, rarest first,
 * put the records they hold in a pool until it has ADMIT_POOL of them; keys
 * held by more than a hundredth of the records (and at least 5,000) do not
 * add to it, unless the rarer ones found fewer than `max` (John Smith).
 * The ranking: each query token adds to each pooled record it reaches the
 * best weight of its keys that reached it, once; the best `max` sums are
 * the candidates, with every record that reaches nearly the best sum (at
 * most `cap`).  Keys held by more than 1 record in 64 are also kept as
 * bitmaps, and the pool's records are tested against those instead of
 * reading their postings.  So a query reads the postings of its rarer
 * keys (those of common ones only tested against the pool's bitmap, in
 * cache), tests the pool against the bitmaps of the commonest, and touches
 * the accumulators of a few thousand records.
 *
 * Postings are record numbers in one byte array, each key's in order as
 * the differences from the one before (varints: 1.3 bytes a posting on a
 * million records, not 4), found through an open addressing table of
 * 64-bit key hashes (a collision only adds candidates).  The index is
 * built in two passes (count, then fill) and read by any number of
 * threads, each with its own scratch.
 */
#include <math.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match/match.h"
#include "text/strmap.h"
#include "names/engine.h" /* the layout of a name: its slots */

#define DELETE_MIN 3       /* keys this long or longer get deletion variants */
#define KEY_BUF 64
#define MAX_TOKEN_KEYS 320

/* A key while the index is built, */
struct bslot {
    uint64_t h;            /* 0: empty */
    uint32_t off, n;       /* n postings from byte off of post */
    uint32_t last;         /* the last record counted (dedupe), + 1 */
    uint32_t bytes;        /* their size (varint deltas) */
};

/* and once it is built (at the same place in a table of the same size). */
struct key_slot {
    uint64_t h;
    uint32_t off, n;
};

/* The keys fall in two parts by their top bit, each with its table and
 * postings, so that two threads build the index side by side. */
struct part {
    struct bslot *btab;    /* while it is built */
    struct key_slot *tab;
    size_t cap;            /* a power of two */
    size_t used;
    uint8_t *post;         /* per key, the records in order, each as the
                              difference from the one before (varint) */
    size_t npost;          /* bytes */
};

#define PART_OF(h) ((size_t)((h) >> 63))

struct mindex {
    size_t nrec;
    struct part part[2];
    uint32_t common;       /* df above which a key only ranks */
    uint32_t crowded;      /* df above which a one-edit meeting is not asked */
    /* the keys held by more than dense_min records also as bitmaps, which
     * rank a pool by testing its records, not by reading every posting */
    uint32_t dense_min;
    size_t ndense;         /* in use (mindex_use_dense) */
    size_t ndense_built;
    const struct key_slot **dense_of; /* sorted by address */
    uint64_t *dense;       /* ndense bitmaps of (nrec + 63) / 64 words */
};

/* What a query has added to a record: the sum, and the query token that
 * last added (so that a token adds once); side by side, one cache miss a
 * posting, not two. */
struct acc {
    uint32_t stamp;
    float sum;
};

/* A key a query asks: its postings, its weight, its token's stamp. */
struct qkey {
    const struct key_slot *sl;
    float w;
    uint32_t stamp;
};



#define QUERY_KEYS 4096
#define ADMIT_POOL 4096

struct cand {
    float sum;
    uint32_t r;
};

/* a ranks before b: a greater sum, or the same and an earlier record */
static inline int cand_before(const struct cand *a, const struct cand *b)
{
    return a->sum > b->sum || (a->sum == b->sum && a->r < b->r);
}

struct mscratch {
    struct acc *acc;       /* per record */
    uint64_t *seen;        /* per record, a bit: reached by this query (a
                              million records: 128 KB, which stays in cache
                              while common keys are run through) */
    uint32_t *touched;
    size_t ntouched;
    struct qkey qk[QUERY_KEYS];
    struct cand *dense;    /* the pool's sums, then the best of them */
    size_t ndense;
    uint32_t qno;          /* the last stamp given */
};

static int is_vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

static uint64_t hkey(char space, const char *s, size_t n)
{
    char b[KEY_BUF + 2];
    if (n > KEY_BUF) n = KEY_BUF;
    b[0] = space;
    memcpy(b + 1, s, n);
    uint64_t h = strmap_hash(b, n + 1);
    return h ? h : 1;
}

/* A key of a token: its hash, the share of the weight a query gets from
 * it, and whether the index holds the token under it. */
struct tkey {
    uint64_t h;
    float f;
    uint8_t held;
};

static size_t put_key(struct tkey *out, size_t k, uint64_t h, float f, int held)
{
    for (size_t j = 0; j < k; j++)
        if (out[j].h == h) {
            if (f > out[j].f) out[j].f = f;
            out[j].held |= (uint8_t)held;
            return k;
        }
    if (k == MAX_TOKEN_KEYS) return k;
    out[k].h = h;
    out[k].f = f;
    out[k].held = (uint8_t)held;
    return k + 1;
}

/* The keys of token i of name nm into out; returns their number.  A key
 * of the token is held under K; each one-symbol deletion of a key under D.
 * A query asks K for its keys (all the weight), and D for them (an index
 * token one symbol longer), K for its deletions (one symbol shorter) and D
 * for them (one symbol changed), each at a share of the weight: a slip
 * ranks below an exact spelling. */
static size_t token_keys(const ng_name *nm, size_t i, struct tkey *out)
{
    ng_token t = ng_name_token(nm, i);
    if (t.role == NG_ROLE_PARTICLE || t.role == NG_ROLE_INITIAL) return 0;
    size_t k = 0;
    const char *exact[NG_TOKEN_MAX_KEYS + 2];
    size_t ne = 0;
    for (size_t q = 0; q < t.nkeys; q++) exact[ne++] = t.keys[q];
    if (t.stem) exact[ne++] = t.stem;
    if (!t.nkeys && t.latin[0]) exact[ne++] = t.latin;
    for (size_t q = 0; q < ne; q++) {
        size_t n = strlen(exact[q]);
        k = put_key(out, k, hkey('K', exact[q], n), 1.0f, 1);
        k = put_key(out, k, hkey('D', exact[q], n), 0.6f, 0);
    }
    /* deletions of the first key (the convention the spelling most likely
     * follows) and of the stem: each key's would triple the index */
    for (size_t q = 0; q < ne && q < 2; q++) {
        const char *key = q == 0 ? exact[0] : t.stem;
        if (!key) continue;
        size_t n = strlen(key);
        if (n < DELETE_MIN || n > KEY_BUF) continue;
        char v[KEY_BUF];
        for (size_t p = 0; p < n; p++) {
            if (p && key[p] == key[p - 1]) continue; /* the same variant */
            memcpy(v, key, p);
            memcpy(v + p, key + p + 1, n - p - 1);
            k = put_key(out, k, hkey('K', v, n - 1), 0.6f, 0);
            k = put_key(out, k, hkey('D', v, n - 1), 0.5f, 1);
        }
    }
    if (t.nkeys) {
        const char *key = t.keys[0];
        size_t n = strlen(key);
        /* the consonant skeleton */
        char sk[KEY_BUF];
        size_t m = 0;
        for (size_t p = 0; p < n && m < sizeof sk; p++) {
            char c = key[p];
            if (is_vowel(c) || c == 'j' || c == 'h') continue;
            if (m && sk[m - 1] == c) continue;
            sk[m++] = c;
        }
        if (m >= 3) k = put_key(out, k, hkey('A', sk, m), 0.7f, 1);
    }
    int32_t cls[16];
    size_t nc = ng_name_token_classes(nm, i, cls, 16);
    for (size_t c = 0; c < nc; c++) {
        char b[16];
        int l = snprintf(b, sizeof b, "%d", (int)cls[c]);
        k = put_key(out, k, hkey('G', b, (size_t)l), 1.0f, 1);
    }
    return k;
}

/* The keys of tokens met while building, computed once a token: names
 * share their tokens (the engine interns them), so a token is known by the
 * address of its text, whether its stem counts and whether it is skipped
 * (a particle, an initial).  Only the keys the index holds are kept. */
struct tkcache {
    struct tkc_slot { uintptr_t id; uint32_t off, n; } *tab;
    size_t cap, used;
    uint64_t *keys;
    size_t nkeys, kcap;
};

static int tkc_grow(struct tkcache *c)
{
    size_t ncap = c->cap ? 2 * c->cap : 1 << 16;
    struct tkc_slot *nt = calloc(ncap, sizeof *nt);
    if (!nt) return -1;
    for (size_t i = 0; i < c->cap; i++) {
        if (!c->tab[i].id) continue;
        size_t p = (size_t)(c->tab[i].id * 0x9E3779B97F4A7C15ull >> 20) & (ncap - 1);
        while (nt[p].id) p = (p + 1) & (ncap - 1);
        nt[p] = c->tab[i];
    }
    free(c->tab);
    c->tab = nt;
    c->cap = ncap;
    return 0;
}

static const uint64_t *tkc_keys(struct tkcache *c, const ng_name *nm, size_t i, size_t *n)
{
    /* the token's block (8-byte aligned at least), its stem's use and
     * whether it is skipped, read from the name's slot */
    const struct slot *x = &nm->slot[i];
    uintptr_t id = (uintptr_t)x->t ^ (x->use_stem ? 1u : 0u) ^
                   (x->role == NG_ROLE_PARTICLE || x->role == NG_ROLE_INITIAL ? 2u : 0u);
    if (c->used * 10 >= c->cap * 7 && tkc_grow(c)) return NULL;
    size_t p = (size_t)(id * 0x9E3779B97F4A7C15ull >> 20) & (c->cap - 1);
    while (c->tab[p].id && c->tab[p].id != id) p = (p + 1) & (c->cap - 1);
    if (!c->tab[p].id) {
        struct tkey k[MAX_TOKEN_KEYS];
        size_t nk = token_keys(nm, i, k);
        if (c->nkeys + nk > c->kcap) {
            size_t nc = c->kcap ? 2 * c->kcap : 1 << 16;
            while (c->nkeys + nk > nc) nc *= 2;
            uint64_t *nkb = realloc(c->keys, nc * sizeof *nkb);
            if (!nkb) return NULL;
            c->keys = nkb;
            c->kcap = nc;
        }
        size_t held = 0;
        for (size_t j = 0; j < nk; j++)
            if (k[j].held) c->keys[c->nkeys + held++] = k[j].h;
        c->tab[p].id = id;
        c->tab[p].off = (uint32_t)c->nkeys;
        c->tab[p].n = (uint32_t)held;
        c->nkeys += held;
        c->used++;
    }
    *n = c->tab[p].n;
    return c->keys + c->tab[p].off;
}

static size_t varint_len(uint32_t v)
{
    size_t n = 1;
    while (v >= 0x80) { v >>= 7; n++; }
    return n;
}

static size_t varint_put(uint8_t *p, uint32_t v)
{
    size_t n = 0;
    while (v >= 0x80) { p[n++] = (uint8_t)(v | 0x80); v >>= 7; }
    p[n++] = (uint8_t)v;
    return n;
}

/* Counts record r under slot s once (pass 1). */
static void count_posting(struct bslot *s, size_t r)
{
    if (s->last == r + 1) return;
    uint32_t prev = s->last ? s->last - 1 : 0;
    s->bytes += (uint32_t)varint_len((uint32_t)r - prev);
    s->last = (uint32_t)r + 1;
    s->n++;
}

/* Writes record r under slot s once (pass 2). */
static void put_posting(struct part *pt, struct bslot *s, size_t r)
{
    if (s->last == r + 1) return;
    uint32_t prev = s->last ? s->last - 1 : 0;
    s->bytes += (uint32_t)varint_put(pt->post + s->off + s->bytes, (uint32_t)r - prev);
    s->last = (uint32_t)r + 1;
    s->n++;
}

static struct bslot *find_slot(const struct part *pt, uint64_t h)
{
    size_t mask = pt->cap - 1;
    for (size_t p = (size_t)h & mask;; p = (p + 1) & mask) {
        struct bslot *s = &pt->btab[p];
        if (s->h == h || s->h == 0) return s;
    }
}

static int grow(struct part *pt)
{
    size_t ncap = pt->cap ? 2 * pt->cap : 1 << 16;
    struct bslot *old = pt->btab;
    size_t ocap = pt->cap;
    pt->btab = calloc(ncap, sizeof *pt->btab);
    if (!pt->btab) { pt->btab = old; return -1; }
    pt->cap = ncap;
    for (size_t i = 0; i < ocap; i++)
        if (old[i].h) *find_slot(pt, old[i].h) = old[i];
    free(old);
    return 0;
}

struct build {
    const struct mrec *recs;
    size_t n;
    struct part *pt;
    int k;                 /* the part this thread builds */
    ng_status st;
};

/* Builds part k: pass 1 counts the records of each of its keys, pass 2
 * writes them.  Keys of the other part are skipped (their token keys are
 * computed twice, once a thread: cheap beside the tables). */
static void *build_part(void *arg)
{
    struct build *b = arg;
    struct part *pt = b->pt;
    struct tkcache tc = {0};
    b->st = NG_ENOMEM;
    if (grow(pt) || tkc_grow(&tc)) goto out;
    for (int pass = 1; pass <= 2; pass++) {
        for (size_t r = 0; r < b->n; r++)
            for (size_t a = 0; a < b->recs[r].nnames; a++) {
                const ng_name *nm = b->recs[r].names[a];
                for (size_t i = 0; i < ng_name_count(nm); i++) {
                    size_t k;
                    const uint64_t *keys = tkc_keys(&tc, nm, i, &k);
                    if (!keys) goto out;
                    for (size_t q = 0; q < k; q++) {
                        if (PART_OF(keys[q]) != (size_t)b->k) continue;
                        if (pass == 2) {
                            put_posting(pt, find_slot(pt, keys[q]), r);
                            continue;
                        }
                        if (pt->used * 10 >= pt->cap * 7 && grow(pt)) goto out;
                        struct bslot *s = find_slot(pt, keys[q]);
                        if (!s->h) { s->h = keys[q]; pt->used++; }
                        count_posting(s, r);
                    }
                }
            }
        if (pass == 2) break;
        /* offsets */
        size_t total = 0;
        for (size_t i = 0; i < pt->cap; i++) {
            struct bslot *s = &pt->btab[i];
            if (!s->h) continue;
            if (total + s->bytes > UINT32_MAX) goto out;
            s->off = (uint32_t)total;
            total += s->bytes;
            s->n = s->bytes = s->last = 0;
        }
        if (!(pt->post = malloc(total ? total : 1))) goto out;
        pt->npost = total;
    }
    /* the table kept: what queries read, a third smaller */
    if (!(pt->tab = malloc(pt->cap * sizeof *pt->tab))) goto out;
    for (size_t i = 0; i < pt->cap; i++)
        pt->tab[i] = (struct key_slot){pt->btab[i].h, pt->btab[i].off, pt->btab[i].n};
    free(pt->btab);
    pt->btab = NULL;
    b->st = NG_OK;
out:
    free(tc.tab);
    free(tc.keys);
    return NULL;
}

/* The next record of a posting list (varint deltas). */
#define NEXT_POSTING(p, r)                                                  \
    do {                                                                    \
        uint32_t d_ = *(p)++;                                               \
        if (d_ & 0x80) {                                                    \
            d_ &= 0x7F;                                                     \
            for (int sh_ = 7;; sh_ += 7) {                                  \
                uint8_t b_ = *(p)++;                                        \
                d_ |= (uint32_t)(b_ & 0x7F) << sh_;                         \
                if (!(b_ & 0x80)) break;                                    \
            }                                                               \
        }                                                                   \
        (r) += d_;                                                          \
    } while (0)

void mindex_use_dense(mindex *ix, int on)
{
    ix->ndense = on ? ix->ndense_built : 0;
}

static int slot_addr_cmp(const void *x, const void *y)
{
    const struct key_slot *a = *(const struct key_slot *const *)x, *b = *(const struct key_slot *const *)y;
    return a < b ? -1 : a > b;
}

/* The bitmaps of the keys held by more than 1 record in 64 (at a million,
 * some hundred keys, 12 MB): given-name classes and keys of the commonest
 * names, which every query of a common name asks. */
static int dense_build(struct mindex *ix)
{
    if (ix->nrec < 64 * 1024) return 0;
    ix->dense_min = (uint32_t)(ix->nrec / 64);
    size_t words = (ix->nrec + 63) / 64, nd = 0;
    for (int k = 0; k < 2; k++)
        for (size_t i = 0; i < ix->part[k].cap; i++)
            nd += ix->part[k].tab[i].h && ix->part[k].tab[i].n > ix->dense_min;
    if (!nd) return 0;
    ix->dense_of = malloc(nd * sizeof *ix->dense_of);
    ix->dense = calloc(nd * words, sizeof *ix->dense);
    if (!ix->dense_of || !ix->dense) return -1;
    for (int k = 0; k < 2; k++)
        for (size_t i = 0; i < ix->part[k].cap; i++)
            if (ix->part[k].tab[i].h && ix->part[k].tab[i].n > ix->dense_min)
                ix->dense_of[ix->ndense++] = &ix->part[k].tab[i];
    qsort(ix->dense_of, nd, sizeof *ix->dense_of, slot_addr_cmp);
    ix->ndense_built = nd;
    for (size_t d = 0; d < nd; d++) {
        const struct key_slot *sl = ix->dense_of[d];
        uint64_t *bm = ix->dense + d * words;
        const uint8_t *p = ix->part[PART_OF(sl->h)].post + sl->off;
        uint32_t r = 0;
        for (uint32_t i = 0; i < sl->n; i++) {
            NEXT_POSTING(p, r);
            bm[r >> 6] |= 1ull << (r & 63);
        }
    }
    return 0;
}

mindex *mindex_build(const struct mrec *recs, size_t n, int threads)
{
    struct mindex *ix = calloc(1, sizeof *ix);
    if (!ix) return NULL;
    ix->nrec = n;
    struct build b[2] = {{recs, n, &ix->part[0], 0, NG_OK}, {recs, n, &ix->part[1], 1, NG_OK}};
    pthread_t t;
    int spawned = threads > 1 && pthread_create(&t, NULL, build_part, &b[1]) == 0;
    build_part(&b[0]);
    if (spawned) pthread_join(t, NULL);
    else build_part(&b[1]);
    if (b[0].st != NG_OK || b[1].st != NG_OK) { mindex_free(ix); return NULL; }
    if (dense_build(ix)) { mindex_free(ix); return NULL; }
    ix->common = (uint32_t)(n / 100 > 5000 ? n / 100 : 5000);
    ix->crowded = (uint32_t)(n / 500 > 1000 ? n / 500 : 1000);
#ifdef __GLIBC__
    malloc_trim(0); /* the tables of the build, freed */
#endif
    return ix;
}

void mindex_free(mindex *ix)
{
    if (!ix) return;
    for (int k = 0; k < 2; k++) {
        free(ix->part[k].tab);
        free(ix->part[k].btab);
        free(ix->part[k].post);
    }
    free(ix->dense_of);
    free(ix->dense);
    free(ix);
}

size_t mindex_bytes(const mindex *ix)
{
    size_t n = sizeof *ix;
    for (int k = 0; k < 2; k++) n += ix->part[k].cap * sizeof *ix->part[k].tab + ix->part[k].npost;
    n += ix->ndense_built * ((ix->nrec + 63) / 64 * sizeof *ix->dense + sizeof *ix->dense_of);
    return n;
}

mscratch *mindex_scratch(const mindex *ix)
{
    struct mscratch *s = calloc(1, sizeof *s);
    size_t n = ix->nrec ? ix->nrec : 1;
    if (!s) return NULL;
    s->acc = calloc(n, sizeof *s->acc);
    s->seen = calloc((n + 63) / 64, sizeof *s->seen);
    s->touched = malloc(n * sizeof *s->touched);
    if (!s->acc || !s->seen || !s->touched) { mscratch_free(s); return NULL; }
    return s;
}

void mscratch_free(mscratch *s)
{
    if (!s) return;
    free(s->acc);
    free(s->seen);
    free(s->touched);
    free(s->dense);
    free(s);
}

/* A slot of key h, or NULL. */
static const struct key_slot *lookup(const struct mindex *ix, uint64_t h)
{
    const struct part *pt = &ix->part[PART_OF(h)];
    size_t mask = pt->cap - 1;
    for (size_t p = (size_t)h & mask;; p = (p + 1) & mask) {
        const struct key_slot *s = &pt->tab[p];
        if (s->h == h) return s;
        if (s->h == 0) return NULL;
    }
}


/* Puts the records of a key's postings in the pool, until it holds pool. */
static void admit_postings(const struct mindex *ix, struct mscratch *s, const struct key_slot *sl,
                           size_t pool)
{
    const uint8_t *p = ix->part[PART_OF(sl->h)].post + sl->off;
    uint32_t r = 0;
    for (uint32_t i = 0; i < sl->n && s->ntouched < pool; i++) {
        NEXT_POSTING(p, r);
        if ((s->seen[r >> 6] >> (r & 63)) & 1) continue;
        s->seen[r >> 6] |= 1ull << (r & 63);
        s->touched[s->ntouched++] = r;
        s->acc[r].sum = 0;
        s->acc[r].stamp = 0;
    }
}

/* Adds weight w to the records of the pool that a key's postings hold,
 * once a query token (stamp): a token's keys come best first, so a record
 * gets the best weight that reaches it. */
static void add_postings(const struct mindex *ix, struct mscratch *s, const struct key_slot *sl,
                         float w, uint32_t stamp)
{
    if (ix->ndense && sl->n > ix->dense_min && sl->n > 2 * s->ntouched) {
        /* test the pool's records against the key's bitmap */
        size_t lo = 0, hi = ix->ndense;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (ix->dense_of[mid] < sl) lo = mid + 1;
            else hi = mid;
        }
        if (lo < ix->ndense && ix->dense_of[lo] == sl) {
            const uint64_t *bm = ix->dense + lo * ((ix->nrec + 63) / 64);
            for (size_t i = 0; i < s->ntouched; i++) {
                uint32_t r = s->touched[i];
                if (!((bm[r >> 6] >> (r & 63)) & 1)) continue;
                struct acc *c = &s->acc[r];
                if (c->stamp == stamp) continue;
                c->stamp = stamp;
                c->sum += w;
            }
            return;
        }
    }
    const uint8_t *p = ix->part[PART_OF(sl->h)].post + sl->off;
    uint32_t r = 0;
    for (uint32_t i = 0; i < sl->n; i++) {
        NEXT_POSTING(p, r);
        if (!((s->seen[r >> 6] >> (r & 63)) & 1)) continue;
        struct acc *c = &s->acc[r];
        if (c->stamp == stamp) continue;
        c->stamp = stamp;
        c->sum += w;
    }
}

/* Rarest first; then the heavier; then the query's order. */
static int qkey_by_rarity(const void *x, const void *y)
{
    const struct qkey *a = x, *b = y;
    if (a->sl->n != b->sl->n) return a->sl->n < b->sl->n ? -1 : 1;
    if (a->w != b->w) return a->w > b->w ? -1 : 1;
    if (a->stamp != b->stamp) return a->stamp < b->stamp ? -1 : 1;
    return a->sl < b->sl ? -1 : a->sl > b->sl;
}

/* The query's tokens in order, each token's heaviest key first. */
static int qkey_by_token(const void *x, const void *y)
{
    const struct qkey *a = x, *b = y;
    if (a->stamp != b->stamp) return a->stamp < b->stamp ? -1 : 1;
    if (a->w != b->w) return a->w > b->w ? -1 : 1;
    return a->sl < b->sl ? -1 : a->sl > b->sl;
}

/* The best `max` records, by an insertion into a sorted run (max is
 * small; most records fall short of the last at once). */
#define NEAR_BEST 0.85f

size_t mindex_candidates(const mindex *ix, mscratch *s, const struct mrec *q, uint32_t *out,
                         size_t max, size_t cap)
{
    if (!ix->nrec || !max) return 0;
    s->ntouched = 0;
    /* stamps: one a query token; qno is where this query's stamps begin
     * (a pooled record's stamp starts at 0, so they may wrap round) */
    if (s->qno > UINT32_MAX - 2 * NG_NAME_MAX_TOKENS * MREC_MAX_NAMES) s->qno = 0;
    s->qno += 1;
    uint32_t stamp = s->qno;
    /* every key of every query token that the index holds, rarest first:
     * the rare ones say most and reach few records, so they admit records
     * to the pool; once the pool holds ADMIT_POOL records (or for keys held
     * by more than ix->common) a key only ranks what is in it.  A name of
     * common words alone (John Smith) admits through its common keys while
     * the pool is smaller than max. */
    struct qkey *qk = s->qk;
    size_t nq = 0;
    uint32_t st = stamp;
    struct tkey keys[MAX_TOKEN_KEYS];
    for (size_t a = 0; a < q->nnames; a++) {
        const ng_name *nm = q->names[a];
        for (size_t i = 0; i < ng_name_count(nm); i++, st++) {
            size_t k = token_keys(nm, i, keys);
            for (size_t j = 0; j < k && nq < QUERY_KEYS; j++) {
                const struct key_slot *x = lookup(ix, keys[j].h);
                if (!x || !x->n) continue;
                /* a one-edit meeting through a crowded key (a deletion of
                 * a common name) finds too many to rank: the exact keys
                 * find those */
                if (keys[j].f < 0.99f && x->n > ix->crowded) continue;
                qk[nq].sl = x;
                qk[nq].w = keys[j].f * (float)log(1.0 + (double)ix->nrec / (double)x->n);
                qk[nq].stamp = st;
                nq++;
            }
        }
    }
    /* the pool: rare keys first */
    qsort(qk, nq, sizeof *qk, qkey_by_rarity);
    for (size_t j = 0; j < nq && s->ntouched < ADMIT_POOL; j++)
        if (qk[j].sl->n <= ix->common) admit_postings(ix, s, qk[j].sl, ADMIT_POOL);
    for (size_t j = 0; j < nq && s->ntouched < max; j++)
        if (qk[j].sl->n > ix->common) admit_postings(ix, s, qk[j].sl, max);
    /* the weights: token by token, a token's best key first */
    qsort(qk, nq, sizeof *qk, qkey_by_token);
    for (size_t j = 0; j < nq; j++) add_postings(ix, s, qk[j].sl, qk[j].w, qk[j].stamp);
    /* count the tokens, so that the next query's stamps are all new */
    uint32_t ntok = 0;
    for (size_t a = 0; a < q->nnames; a++) ntok += (uint32_t)ng_name_count(q->names[a]);
    s->qno += ntok;
    /* how many to take: max, or more when many records reach nearly the
     * best sum (a common name, Abu Muhammad: every one of them may score
     * at or above the threshold), at most cap */
    /* the sums side by side first: the accumulators lie all over memory */
    if (s->ndense < 2 * s->ntouched) {
        struct cand *nd = realloc(s->dense, 2 * s->ntouched * sizeof *nd);
        if (!nd) return 0;
        s->dense = nd;
        s->ndense = 2 * s->ntouched;
    }
    struct cand *d = s->dense;
    float best = 0;
    for (size_t i = 0; i < s->ntouched; i++) {
        uint32_t r = s->touched[i];
        d[i].r = r;
        d[i].sum = s->acc[r].sum;
        s->seen[r >> 6] = 0; /* ready for the next query */
        if (d[i].sum > best) best = d[i].sum;
    }
    size_t near = 0;
    for (size_t i = 0; i < s->ntouched; i++) near += d[i].sum >= NEAR_BEST * best;
    size_t want = near > max ? (near < cap ? near : cap) : max;
    /* the best `want`, by insertion into a sorted run */
    size_t n = 0;
    struct cand *top = d + s->ntouched;
    for (size_t i = 0; i < s->ntouched; i++) {
        struct cand c = d[i];
        if (n == want && !cand_before(&c, &top[n - 1])) continue;
        size_t p = n < want ? n++ : want - 1;
        while (p > 0 && cand_before(&c, &top[p - 1])) {
            top[p] = top[p - 1];
            p--;
        }
        top[p] = c;
    }
    for (size_t i = 0; i < n; i++) out[i] = top[i].r;
    return n;
}
