/*
 * index.c -- which records a query should be scored against.
 *
 * Every token of every name of every record is indexed under keys:
 *   K  each phonetic key of the token (one a romanisation convention) and
 *      its masculine stem (Ivanova: ivanov);
 *   D  for the first key, the stem, and the other keys of five symbols or
 *      fewer, each of three symbols or more with one symbol deleted,
 *      each position in turn: a query asks D for its own keys and K and D
 *      for its deletions, so two spellings one edit apart (a slip, a letter
 *      more or less) meet, at a share of the weight (0.5 to 0.6).  In keys
 *      of three symbols only the symbols the engine lets change cheaply
 *      (vowels, h, j, g, s, z, b, v, f ...) are deleted: no other edit
 *      is within its floor for keys that short;
 *   V  the coarse skeleton of each key: vowels as one, cheap consonant
 *      pairs as one class (g k kh, s z ts sh, d t, b p v f, m n), so that
 *      spellings the engine lets meet by cheap edits alone (Раза / Rosa,
 *      Heri / Horie), several edits apart, share a key; a skeleton of six
 *      symbols or more that ends in a consonant also without it, so that
 *      an ending more or less meets (Элефтериос / Элефтерия; one that ends
 *      in a vowel, also without it: Chiellini / Kellyn), and one of
 *      seven or more without its first symbol (Боллинджер / Döllinger,
 *      Когава / Ochogavia), and one of eight or more as its first three
 *      and last four symbols alone, so that two long names that differ in
 *      the middle meet (Кроненберг / Kruckenberg: KraNaNParK, KraKaNParK);
 *   G  each given-name class (Volodymyr, Vladimir, Wladimir; Sasha);
 *   A  the consonant skeleton of the first key, so that Arabic and Hebrew
 *      spellings (written without vowels) find their Latin ones: the
 *      engine meets tokens by consonants only across the abjads, so
 *      Arabic and Hebrew tokens are held under A and ask B, the others
 *      are held under B and ask A (a Latin query does not read every
 *      Latin name of its consonants).
 * A key's weight is its rarity in the index, log(1 + N / df), times its
 * share (1 for K and G, 0.7 for A, 0.5-0.6 for the D and V meetings).
 *
 * A query runs in three steps.  The pool: the query's keys, rarest first,
 * put the records they hold in a pool until it has ADMIT_POOL of them;
 * keys held by more than a hundredth of the records (and at least 5,000),
 * and one-edit keys held by more than 1 in 500 (crowded: rn, a deletion of
 * rin, ren, ron ...) do not add to it.  Each key also adds its weight to
 * the pooled records it holds, once a token.  Once the pool is full no
 * key is read for it: its token is big (below), and is read once, there.
 * The meeting of big tokens: a token with a key that did not put all its
 * records in the pool (common, crowded, or the pool was full) may meet
 * records outside it.  A name of two tokens or more scores at or above
 * any useful threshold only when two of its tokens meet the record (one
 * left over costs too much), so the records that two big tokens of one
 * name both reach join the pool.  The big token of a name with the most
 * postings is read once and not kept (streamed): a record of it in the
 * pool is marked, one that another big token of its name reaches is put
 * aside, and those join the pool once it is read, the meetings of two own
 * keys first (with three common given names they may not all fit).  The
 * others' keys are read into a bitmap each, the index's bitmaps of the
 * commonest keys or'd in, and two of them meet word by word.  A token
 * whose own key is common (John) leaves its deletions out: they hold
 * John's records again (but see below for its keys asked under D).  A
 * common class does not count: Saša, a surname here, is in Aleksandr's
 * class of 18,000, and only its coarse key reaches Socha.  A given name of the
 * tables, as a given name, leaves out its deletions asked under D (each
 * holds its records again; what they add, names one symbol off, Robert /
 * Rubert, is left to the query's other tokens); its own keys stay, as they
 * hold names of other classes read alike (Жан / Jan read in French: +8 of
 * 1,860 pairs, 0.03-0.05 ms), and in a family name's place its deletions
 * too (Michael Jovan / Michael Giovanna).
 * A common token's one-edit keys asked under D (John: Johann, Jonah) do go
 * to its big list: without them a record whose rare surname met (Johann
 * Kanako) had nothing of John to rank it above the other 1,300 Kanakos.
 * The ranking: first about the most a record could score through one of
 * the query's names, by twentieths: the tokens that reached it met (at
 * 0.94 when only one edit off, by a deletion, at 0.85 when only by a
 * coarse or consonant skeleton: John Kikumi's John Mark Kikuma, a word
 * more, above the John Kakame of two words that Kikumi's skeleton
 * reaches), the query's other tokens left over at their least cost, and the
 * record's own words no token reached at EXTRA_LEFT each (ntok, its
 * fewest words in a name); then the sum of the keys' weights (how rare).
 * The best `max` are the candidates, with every record that reaches
 * nearly the best sum, all of the query's tokens, or two of them with an
 * upper bound of its score at or above NEAR_SCORE (at most `cap`); past
 * the first KEEP_LEAST, none whose bound is BOUND_SLACK below the least
 * score the caller keeps.  A query also asks two words side by side as
 * one (joined_keys: EBAD ZADEH / EBADZADEH), and one word as two
 * (split_keys: Leuris / Lee Juris).  The
 * share of the weight alone ranked records of two names that a deletion
 * of Йозеф and a coarse key of Саша both reach in José (José Verdi,
 * 2,138 of them) with Josef Alejandro, and a rare surname met alone
 * below two common given names.
 * Keys held by more than 1 record in 64 are also kept as bitmaps, which
 * the pool's records are tested against instead of reading the postings.
 *
 * What it does not reach (measured in bench/README.md): two edits in a
 * short surname (Ōtsuka / Yuzuka), a glued particle and more than one
 * edit (Борута / Alberta), consonants swapped (ks / sk); and, when the
 * big tokens are all very common given names (John Michał), the records
 * past POOL_MAX or `cap`.
 *
 * Postings are record numbers in one byte array, each key's in order: the
 * first as a varint, then the differences from the one before, each in as
 * many bits as the key's greatest one takes (1.76 bytes a posting at a
 * million records, varints took 1.94; each difference read apart from the
 * one before, without a branch: twice as fast as varints), found
 * through an open addressing table of 64-bit key hashes (a collision only
 * adds candidates).  The index is built in three walks of the records:
 * each token's keys once and the table of all of them, sized to them; then
 * each key's records counted; then written, a token's keys read as their
 * slots: no second table while it is built, and no look-up of a key
 * in the walks that count and write.  It is read by any number of threads,
 * each with its own scratch.
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
#include "match/postings.h"
#include "text/strmap.h"
#include "names/engine.h" /* the layout of a name: its slots */

#define DELETE_MIN 3       /* keys this long or longer get deletion variants */
#define KEY_BUF 64
#define MAX_TOKEN_KEYS 320
#define POST_PAD POSTINGS_PAD /* bytes of slack after the postings */
#define POST_MAX ((1u << 27) - 1) /* records a key may hold */

/* A key of the index, in an open addressing table: the top half of its
 * hash (its lowest bit set: 0 is empty) tells the keys of a place apart,
 * whose bottom half is where they are (a collision of both halves, about
 * 1 in 2^50 a lookup, only adds candidates). */
struct key_slot {
    uint32_t top;
    uint32_t off;
    uint32_t n : 27, w : 5;
};

#define TOP_OF(h) ((uint32_t)((h) >> 32) | 1u)

/* Where key h is looked for first in a table of cap slots: the bottom half
 * of the hash scaled to cap. */
static inline size_t slot_home(uint64_t h, size_t cap)
{
    return (size_t)(((h & 0xFFFFFFFFu) * (uint64_t)cap) >> 32);
}

/* The keys fall in two parts by their top bit, each with its table and
 * postings, so that two threads build the index side by side. */
struct part {
    struct key_slot *tab;
    size_t tcap;           /* as many slots as its keys take at 0.7 */
    size_t used;
    uint8_t *post;         /* per key, the records in order, each as the
                              difference from the one before (varint) */
    size_t npost;          /* bytes */
};

#define PART_OF(h) ((size_t)((h) >> 63))
#define PART_OF_SLOT(sl) ((size_t)((sl)->top >> 31))

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
    uint8_t *ntok;         /* a record's fewest words in a name (particles
                              aside): what it may have left over */
    int simd;              /* postings read eight at a time (AVX2) */
};

/* What a query has added to a record: the rarity of the keys that reached
 * it, which tokens did (so that a token adds once), which of them by an
 * own key and which one edit off; with the record's fewest words, side by
 * side: one cache miss a posting. */
struct acc {
    uint32_t toks;
    uint32_t own;          /* the tokens that reached it by an own key */
    float sum;
    uint16_t edit;         /* those that reached it one edit off (D), by
                              EDIT_BIT */
    uint8_t ntok;          /* the index's ntok, kept here: one cache line */
};
_Static_assert(sizeof(struct acc) == 16, "four records a cache line");

/* What a key of a token is: its own key (K), a key one symbol shorter
 * (D), a deletion of its key asked under K or under D, a coarse skeleton
 * (V), a consonant skeleton (A), a given-name class (G), a key without
 * the particle glued on its front. */
enum { KIND_K, KIND_D, KIND_KDEL, KIND_DDEL, KIND_V, KIND_A, KIND_G, KIND_GLUED, KIND_JOIN, KIND_SPLIT };

/* A key a query asks: its postings, its weight, its token. */
struct qkey {
    const struct key_slot *sl;
    float w;
    uint8_t tok;           /* in the query's qtok */
    uint8_t admits;        /* may put records in the pool: neither common
                              nor a one-edit meeting through a crowded key */
    uint8_t in_pool;       /* every record it holds is in the pool */
    uint8_t kind;          /* KIND_ */
    uint8_t to_big;        /* read as a big token's: 1 its postings, 2 its
                              index bitmap */
};

/* A key of the token's own spelling or class (not a one-edit, coarse or
 * consonant meeting): it has all the weight. */
static inline int key_own(const struct qkey *k)
{
    return k->kind == KIND_K || k->kind == KIND_G || k->kind == KIND_JOIN;
}

/* A key one edit off the token's: a deletion of its, or of the record's. */
static inline int key_edit(const struct qkey *k)
{
    return k->kind == KIND_D || k->kind == KIND_KDEL || k->kind == KIND_DDEL;
}

/* A token of the query: its share of its name's weight; and when a key of
 * it did not put all its records in the pool (a big token), the records
 * its other keys hold: those of keys with a bitmap as the bitmaps, the
 * others in a list and in a bitmap of their own (zero between queries). */
#define QUERY_TOKENS 255   /* tokens of all the query's names */
/* a token's bit in struct acc's toks: tokens 32 apart (of a query with many
 * aliases) share one, which only makes ranking coarser */
#define TOK_BIT(t) (1u << ((t) & 31))
#define EDIT_BIT(t) ((uint16_t)(1u << ((t) & 15))) /* 16 apart share one */
#define BIG_MAX 4
#define BIG_DENSE 8
struct big {
    uint64_t *reach;       /* a bit a record: those its keys hold (kept) */
    uint64_t *own;         /* those of them an own key (K, G) holds */
    const uint64_t *dense[BIG_DENSE];
    uint8_t dense_own[BIG_DENSE];
    int nd;
    size_t sparse;         /* the postings of its keys without a bitmap */
    int has_own;           /* own is not all zero */
    int streamed;          /* its postings read once, against the others of
                              its name, and not kept */
};

struct qtok {
    float share;
    float left;            /* share times the least a token left over costs */
    float left_alone;      /* the same when no given name of its name met */
    uint8_t given;         /* a given or middle name, or an initial */
    float least;           /* the weight of its lightest key */
    float least_own;       /* of its lightest own key (K, G), or 0 */
    uint16_t name;
    int8_t big;            /* its struct big, or -1 */
    uint8_t common;        /* a key of its own (K, not a class) is common */
    uint8_t has_class;     /* a given name of the tables (a G key) */
};

#define QUERY_KEYS 4096
#define ADMIT_POOL 1024
#define POOL_MAX 16384

struct cand {
    float sum;
    uint32_t r;
};

/* a ranks before b: a greater sum, or the same and an earlier record */
static inline int cand_before(const struct cand *a, const struct cand *b)
{
    return a->sum > b->sum || (a->sum == b->sum && a->r < b->r);
}

/* The one of a, b and c that ranks between the other two. */
static struct cand middle_of(const struct cand *a, const struct cand *b, const struct cand *c)
{
    if (cand_before(a, b)) return cand_before(b, c) ? *b : cand_before(a, c) ? *c : *a;
    return cand_before(a, c) ? *a : cand_before(b, c) ? *c : *b;
}

/* Moves the k that rank first of v[0..n) to its front, in no order
 * (quickselect, the middle of three as pivot). */
static void select_best(struct cand *v, size_t n, size_t k)
{
    size_t lo = 0, hi = n;
    while (k > lo && k < hi && hi - lo > 1) {
        struct cand pivot = middle_of(&v[lo], &v[lo + (hi - lo) / 2], &v[hi - 1]);
        /* [lo, i): before the pivot; [i, j): the pivot; [j, hi): after */
        size_t i = lo, j = lo, e = hi;
        while (j < e) {
            if (cand_before(&v[j], &pivot)) {
                struct cand t = v[i]; v[i] = v[j]; v[j] = t;
                i++; j++;
            } else if (cand_before(&pivot, &v[j])) {
                e--;
                struct cand t = v[e]; v[e] = v[j]; v[j] = t;
            } else j++;
        }
        if (k <= i) hi = i;
        else if (k >= j) lo = j;
        else return;
    }
}

/* Puts v[0..n) in order (cand_before): quicksort, the middle of three as
 * pivot, short runs by insertion; the smaller side first, so the stack
 * holds at most log2(n) of them. */
static void sort_cands(struct cand *v, size_t n)
{
    while (n > 16) {
        struct cand pivot = middle_of(&v[0], &v[n / 2], &v[n - 1]);
        size_t i = 0, j = n - 1;
        for (;;) {
            while (cand_before(&v[i], &pivot)) i++;
            while (cand_before(&pivot, &v[j])) j--;
            if (i >= j) break;
            struct cand t = v[i]; v[i] = v[j]; v[j] = t;
            i++;
            j--;
        }
        /* [0, j] and [j + 1, n) */
        if (j + 1 < n - j - 1) {
            sort_cands(v, j + 1);
            v += j + 1;
            n -= j + 1;
        } else {
            sort_cands(v + j + 1, n - j - 1);
            n = j + 1;
        }
    }
    for (size_t i = 1; i < n; i++) {
        struct cand x = v[i];
        size_t j = i;
        for (; j > 0 && cand_before(&x, &v[j - 1]); j--) v[j] = v[j - 1];
        v[j] = x;
    }
}

struct mscratch {
    struct acc *acc;       /* per record */
    uint64_t *seen;        /* per record, a bit: reached by this query (a
                              million records: 128 KB, which stays in cache
                              while common keys are run through) */
    uint32_t *touched;
    size_t ntouched;
    struct qkey qk[QUERY_KEYS];
    struct qtok qt[QUERY_TOKENS];
    struct big big[BIG_MAX];
    struct cand *dense;    /* the pool's sums, then the best of them */
    size_t ndense;
    uint32_t *meet;        /* records a streamed big token meets (MEET_) */
    size_t nmeet, meet_cap;
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
 * it, whether the index holds the token under it, and its kind. */
struct tkey {
    uint64_t h;
    float f;
    uint8_t held;
    uint8_t kind;
};

static size_t put_key(struct tkey *out, size_t k, uint64_t h, float f, int held, int kind)
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
    out[k].kind = (uint8_t)kind;
    return k + 1;
}

/* In a key of three symbols or fewer the engine lets two keys meet only
 * by an edit that costs less than half a full one (its floor for short
 * keys, docs/scoring.md): a vowel for another, h or j more or less, g for
 * h, s for z, b for v ... (names/phonetic.c).  Deleting another symbol
 * (r, l, m, n, k, t) gives a variant through which no two keys the engine
 * lets meet would meet: it is not made.  Those are the crowded ones (rin:
 * rn, ri, in; only rn is kept). */
#define SHORT_KEY 3
#define OTHER_DELETE_MAX 5 /* a token's other keys this long get deletions */
#define COARSE_TRUNC_MIN 6 /* coarse skeletons this long also without an end */
#define COARSE_HEAD_MIN 7  /* ... and without their first symbol */
#define GAP_HEAD 3         /* ... and of GAP_MIN or more, their head and tail */
#define GAP_TAIL 4
#define GAP_MIN 8
static int cheap_in_short(char c)
{
    return is_vowel(c) || (c && strchr("hjgXszCbvf", c) != NULL);
}

/* The coarse skeleton of a key: each run of vowels as one a, the
 * consonants the engine lets stand for each other at less than a full edit
 * as one class (g k kh; s z ts sh zh ch; d t; b p v f; m n), j and
 * (hk == 0) h left out, or h read as g (hk == 1), doubles merged.  Two keys
 * that the engine lets meet by such edits alone (Раза / Rosa, Heri / Horie,
 * Токаи / Takaie: all a short surname may differ by, at its floor of 0.90)
 * have the same one; a vowel more or less (Rosa / Ros) does change it. */
static size_t coarse_skeleton(const char *key, size_t n, int hk, char *out)
{
    size_t m = 0;
    for (size_t p = 0; p < n && m < KEY_BUF; p++) {
        char c = key[p];
        if (c == 'j' || (c == 'h' && !hk)) continue;
        if (is_vowel(c)) c = 'a';
        switch (c) {
        case 'g': case 'k': case 'X': case 'h': case 'c': case 'q': case 'x': c = 'K'; break;
        case 's': case 'z': case 'C': case 'S': case 'Z': case '4': c = 'S'; break;
        case 'd': case 't': c = 'T'; break;
        case 'b': case 'p': case 'v': case 'f': case 'w': c = 'P'; break;
        case 'm': case 'n': c = 'N'; break;
        default: break;
        }
        if (m && out[m - 1] == c) continue;
        out[m++] = c;
    }
    return m;
}

#define JOIN_COARSE_MIN 7

/* The keys a query asks for two words of a name written as one in a
 * record (EBAD ZADEH / EBADZADEH, Pate Muro / Patemuro, Abdul Rahman /
 * Abdelrahman): the two first keys joined, asked under K (the record's
 * word), D (one symbol longer) and V (its coarse skeleton).  The record's
 * word holds its own keys; nothing more is indexed. */
static size_t joined_keys(const char *x, const char *y, struct tkey *out)
{
    size_t lx = strlen(x), ly = strlen(y), k = 0;
    if (lx + ly > KEY_BUF) return 0;
    char ab[KEY_BUF];
    memcpy(ab, x, lx);
    memcpy(ab + lx, y, ly);
    size_t n = lx + ly;
    k = put_key(out, k, hkey('K', ab, n), 1.0f, 0, KIND_JOIN);
    k = put_key(out, k, hkey('D', ab, n), 0.6f, 0, KIND_D);
    /* a short skeleton joined is a common one (Ай Йонас: aNaS) and
     * would give both words to records that hold neither */
    int has_h = memchr(ab, 'h', n) != NULL;
    for (int hk = 0; hk <= has_h; hk++) {
        char cs[KEY_BUF];
        size_t m = coarse_skeleton(ab, n, hk, cs);
        if (m >= JOIN_COARSE_MIN) k = put_key(out, k, hkey('V', cs, m), 0.55f, 0, KIND_V);
    }
    return k;
}

#define SPLIT_PART 4       /* the least of a word's part asked as a word */
#define SPLIT_REST 2       /* ... the least of the rest */

/* The keys a query asks for a word written as two in a record: the heads
 * and tails of its key x of SPLIT_PART symbols or more, the rest of
 * SPLIT_REST or more, under K. */
static size_t split_keys(const char *x, struct tkey *out)
{
    size_t n = strlen(x), k = 0;
    if (n > KEY_BUF) return 0;
    for (size_t p = SPLIT_REST; p + SPLIT_PART <= n; p++)
        k = put_key(out, k, hkey('K', x + p, n - p), 0.5f, 0, KIND_SPLIT);
    for (size_t p = SPLIT_PART; p + SPLIT_REST <= n; p++)
        k = put_key(out, k, hkey('K', x, p), 0.5f, 0, KIND_SPLIT);
    return k;
}

/* The keys of token i of name nm into out; returns their number.  A key
 * of the token is held under K; each one-symbol deletion of a key under D.
 * A query asks K for its keys (all the weight), and D for them (an index
 * token one symbol longer), K for its deletions (one symbol shorter) and D
 * for them (one symbol changed), each at a share of the weight: a slip
 * ranks below an exact spelling.  A query (query) asks more than the index
 * holds: the deletions of all its keys. */
static size_t token_keys(const ng_name *nm, size_t i, struct tkey *out, int query)
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
        k = put_key(out, k, hkey('K', exact[q], n), 1.0f, 1, KIND_K);
        k = put_key(out, k, hkey('D', exact[q], n), 0.6f, 0, KIND_D);
    }
    /* deletions of the first key (the convention the spelling most likely
     * follows), of the stem, and of the other keys of OTHER_DELETE_MAX
     * symbols or fewer: two other readings one cheap edit apart meet
     * (Ryōji read with j as i, roi, and Reilly read as rei; Jovan read as
     * Zevan and Zheyuan, Zeuan: 6 MB at a million).  Every key's would
     * triple the index. */
    const char *del[NG_TOKEN_MAX_KEYS + 2];
    size_t ndel = 0;
    if (ne) del[ndel++] = exact[0];
    if (t.stem) del[ndel++] = t.stem;
    /* (a query asks the deletions of its longer keys too, under K: a
     * record's word one symbol shorter, Malachy read as malaki / Малки) */
    for (size_t q = 1; q < t.nkeys; q++)
        if (query || strlen(t.keys[q]) <= OTHER_DELETE_MAX) del[ndel++] = t.keys[q];
    for (size_t q = 0; q < ndel; q++) {
        const char *key = del[q];
        size_t n = strlen(key);
        if (n < DELETE_MIN || n > KEY_BUF) continue;
        int k_only = n > OTHER_DELETE_MAX && key != exact[0] && key != t.stem;
        char v[KEY_BUF];
        for (size_t p = 0; p < n; p++) {
            if (p && key[p] == key[p - 1]) continue; /* the same variant */
            if (n <= SHORT_KEY && !cheap_in_short(key[p])) continue;
            memcpy(v, key, p);
            memcpy(v + p, key + p + 1, n - p - 1);
            k = put_key(out, k, hkey('K', v, n - 1), 0.6f, 0, KIND_KDEL);
            if (!k_only) k = put_key(out, k, hkey('D', v, n - 1), 0.5f, 1, KIND_DDEL);
        }
    }
    /* the coarse skeletons of every key */
    for (size_t q = 0; q < ne; q++) {
        size_t n = strlen(exact[q]);
        int has_h = memchr(exact[q], 'h', n) != NULL;
        for (int hk = 0; hk <= has_h; hk++) {
            char cs[KEY_BUF];
            size_t m = coarse_skeleton(exact[q], n, hk, cs);
            if (m >= 3) k = put_key(out, k, hkey('V', cs, m), 0.55f, 1, KIND_V);
            /* and a long one without its last consonant, held and asked:
             * an ending more or less (Элефтериос / Элефтерия, -os / -a) */
            if (m >= COARSE_TRUNC_MIN && cs[m - 1] != 'a')
                k = put_key(out, k, hkey('V', cs, m - 1), 0.5f, 1, KIND_V);
            /* and one that ends in a vowel also without it, held and
             * asked, as the other's may lack it (Chiellini / Kellyn,
             * Jovan / Giovanna: 2 MB at a million) */
            if (m >= COARSE_TRUNC_MIN && cs[m - 1] == 'a')
                k = put_key(out, k, hkey('V', cs, m - 1), 0.5f, 1, KIND_V);
            /* and a longer one without its first symbol: another first
             * consonant, or a vowel before it (Боллинджер / Döllinger,
             * Когава / Ochogavia) */
            if (m >= COARSE_HEAD_MIN)
                k = put_key(out, k, hkey('V', cs + 1, m - 1), 0.5f, 1, KIND_V);
            /* and a long one as its head and its tail alone, what lies
             * between left out: two spellings that differ in the middle
             * only, by a sound or two (Кроненберг / Kruckenberg, Jamieson /
             * Jacquesson, Стрыйковский / Странёвски) */
            if (m >= GAP_MIN) {
                char g[GAP_HEAD + 1 + GAP_TAIL];
                memcpy(g, cs, GAP_HEAD);
                g[GAP_HEAD] = '*';
                memcpy(g + GAP_HEAD + 1, cs + m - GAP_TAIL, GAP_TAIL);
                k = put_key(out, k, hkey('V', g, sizeof g), 0.5f, 1, KIND_V);
            }
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
        /* the engine meets tokens by consonants only across the abjads
         * (names/compare.c): Arabic and Hebrew tokens are held under A and
         * ask B, the others the reverse, so that a Latin or Cyrillic
         * query does not read every Latin token of its consonants */
        int ab = t.script == NG_SCRIPT_ARABIC || t.script == NG_SCRIPT_HEBREW;
        if (m >= 3) {
            k = put_key(out, k, hkey(ab ? 'A' : 'B', sk, m), 0.7f, 1, KIND_A);
            k = put_key(out, k, hkey(ab ? 'B' : 'A', sk, m), 0.7f, 0, KIND_A);
        }
    }
    int32_t cls[16];
    size_t nc = ng_name_token_classes(nm, i, cls, 16);
    for (size_t c = 0; c < nc; c++) {
        char b[16];
        int l = snprintf(b, sizeof b, "%d", (int)cls[c]);
        k = put_key(out, k, hkey('G', b, (size_t)l), 1.0f, 1, KIND_G);
    }
    /* al- or el- glued on (Alborta, Elkaddafi): the engine meets the rest
     * of the key with a token of the other name (names/compare.c,
     * compounds), so the rest is held under K and V and asked under K, D
     * and V.  Not for the given names of the tables (Alexander, Albert):
     * theirs would hold every Alexander again. */
    for (size_t q = 0; q < t.nkeys && !nc; q++) {
        const char *key = t.keys[q];
        size_t n = strlen(key), g = glued_particle_len(t.latin, key, n);
        if (!g || n > KEY_BUF) continue;
        k = put_key(out, k, hkey('K', key + g, n - g), 0.55f, 1, KIND_GLUED);
        k = put_key(out, k, hkey('D', key + g, n - g), 0.5f, 0, KIND_GLUED);
        char cs[KEY_BUF];
        size_t m = coarse_skeleton(key + g, n - g, 0, cs);
        if (m >= 3) k = put_key(out, k, hkey('V', cs, m), 0.5f, 1, KIND_GLUED);
    }
    return k;
}

/* n zeroed elements of size sz, written now: calloc leaves a large block's
 * pages to the kernel's zero page until written, and a table read before
 * it is written (a probe, an or) then takes a copy-on-write fault and a
 * TLB flush on every processor of the process at each page (at a million:
 * 15,300 flushes -> 4,400, the index step 2.2-2.8 -> 2.0-2.4 s in turn). */
static void *zeroed(size_t n, size_t sz)
{
    if (sz && n > SIZE_MAX / sz) return NULL;
    void *p = malloc(n * sz > 0 ? n * sz : 1);
    if (p) memset(p, 0, n * sz);
    return p;
}

/* The keys of tokens met while building, computed once a token: names
 * share their tokens (the engine interns them), so a token is known by the
 * address of its text, whether its stem counts and whether it is skipped
 * (a particle, an initial).  Only the keys the index holds, of the part
 * the thread builds, are kept: first as hashes, then as their slots in the
 * part's table. */
struct tkcache {
    struct tkc_slot { uintptr_t id; uint32_t off, n; } *tab;
    size_t cap, used;
    uint64_t *keys;
    size_t nkeys, kcap;
    uint32_t *slots;       /* keys[i]'s slot, once the table is made */
};

/* Where token id is looked for first in a table of cap (a power of two)
 * entries. */
static size_t tkc_home(uintptr_t id, size_t cap)
{
    return (size_t)(id * 0x9E3779B97F4A7C15ull >> 20) & (cap - 1);
}

static int tkc_grow(struct tkcache *c)
{
    size_t ncap = c->cap ? 2 * c->cap : 1 << 16;
    struct tkc_slot *nt = zeroed(ncap, sizeof *nt);
    if (!nt) return -1;
    for (size_t i = 0; i < c->cap; i++) {
        if (!c->tab[i].id) continue;
        size_t p = tkc_home(c->tab[i].id, ncap);
        while (nt[p].id) p = (p + 1) & (ncap - 1);
        nt[p] = c->tab[i];
    }
    free(c->tab);
    c->tab = nt;
    c->cap = ncap;
    return 0;
}

/* Token i of nm as the cache knows it: the token's block (8-byte aligned
 * at least), its stem's use and whether it is skipped, read from the
 * name's slot. */
static uintptr_t tkc_id(const ng_name *nm, size_t i)
{
    const struct slot *x = &nm->slot[i];
    return (uintptr_t)x->t ^ (x->use_stem ? 1u : 0u) ^
           (x->role == NG_ROLE_PARTICLE || x->role == NG_ROLE_INITIAL ? 2u : 0u);
}

/* Token id's place in c: its entry, or an empty one to fill. */
static struct tkc_slot *tkc_find(const struct tkcache *c, uintptr_t id)
{
    size_t p = tkc_home(id, c->cap);
    while (c->tab[p].id && c->tab[p].id != id) p = (p + 1) & (c->cap - 1);
    return &c->tab[p];
}

/* Puts the keys of token i of nm in c, the first time it is met. */
static int tkc_add(struct tkcache *c, const ng_name *nm, size_t i, size_t part)
{
    if (c->used * 10 >= c->cap * 7 && tkc_grow(c)) return -1;
    uintptr_t id = tkc_id(nm, i);
    struct tkc_slot *e = tkc_find(c, id);
    if (e->id) return 0;
    struct tkey k[MAX_TOKEN_KEYS];
    size_t nk = token_keys(nm, i, k, 0);
    if (c->nkeys + nk > c->kcap) {
        size_t nc = c->kcap ? 2 * c->kcap : 1 << 16;
        while (c->nkeys + nk > nc) nc *= 2;
        uint64_t *nkb = realloc(c->keys, nc * sizeof *nkb);
        if (!nkb) return -1;
        c->keys = nkb;
        c->kcap = nc;
    }
    size_t held = 0;
    for (size_t j = 0; j < nk; j++)
        if (k[j].held && PART_OF(k[j].h) == part) c->keys[c->nkeys + held++] = k[j].h;
    *e = (struct tkc_slot){id, (uint32_t)c->nkeys, (uint32_t)held};
    c->nkeys += held;
    c->used++;
    return 0;
}

/* Asks the memory for the cache's entry of token id (the place it is
 * looked for first). */
static void tkc_ahead(const struct tkcache *c, uintptr_t id)
{
    __builtin_prefetch(&c->tab[tkc_home(id, c->cap)]);
}

/* Asks the memory for the slots of token i of nm's keys (it was added). */
static void slots_ahead(const struct tkcache *c, const ng_name *nm, size_t i)
{
    __builtin_prefetch(c->slots + tkc_find(c, tkc_id(nm, i))->off);
}

/* The slots of token i of nm's keys (it was added). */
static const uint32_t *tkc_slots(const struct tkcache *c, const ng_name *nm, size_t i, size_t *n)
{
    const struct tkc_slot *e = tkc_find(c, tkc_id(nm, i));
    *n = e->n;
    return c->slots + e->off;
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

/* What the build keeps of a key besides its slot: the last record put
 * under it (+ 1: a record's keys are put once), and in pass 1 the greatest
 * difference between two of its records, in pass 2 the bytes of its first
 * record (a varint). */
struct bkey {
    uint32_t last;
    uint32_t aux;
};

/* Counts record r under slot s once (pass 1): its offset holds the size
 * of the first record until the offsets are laid out. */
static void count_posting(struct key_slot *s, struct bkey *b, uint32_t r)
{
    if (b->last == r + 1) return;
    if (s->n) {
        uint32_t d = r - (b->last - 1);
        if (d > b->aux) b->aux = d;
    } else {
        s->off = (uint32_t)varint_len(r);
    }
    b->last = r + 1;
    s->n++;
}

/* The byte of the postings (pass 2) where the next record of slot s
 * goes: its varint, or the byte its difference starts in. */
static size_t posting_at(const struct key_slot *s, const struct bkey *b)
{
    return s->off + (s->n ? b->aux + ((size_t)(s->n - 1) * s->w >> 3) : 0);
}

/* Writes record r under slot s once (pass 2): the first as a varint, each
 * other as its difference from the one before, in w bits. */
static void put_posting(struct part *pt, struct key_slot *s, struct bkey *b, uint32_t r)
{
    if (b->last == r + 1) return;
    uint8_t *p = pt->post + posting_at(s, b);
    if (s->n) {
        size_t bit = (size_t)(s->n - 1) * s->w;
        uint64_t x;
        memcpy(&x, p, 8);
        x |= (uint64_t)(r - (b->last - 1)) << (bit & 7);
        memcpy(p, &x, 8);
    } else {
        b->aux = (uint32_t)varint_put(p, r);
    }
    b->last = r + 1;
    s->n++;
}

/* The slot of key h in pt's table, put there if it is new (a key whose top
 * half another on its way has is that one: it only adds candidates, and
 * the queries' look-up would stop there too). */
static size_t place_key(struct part *pt, uint64_t h)
{
    uint32_t top = TOP_OF(h);
    size_t p = slot_home(h, pt->tcap);
    while (pt->tab[p].top && pt->tab[p].top != top) p = p + 1 == pt->tcap ? 0 : p + 1;
    pt->tab[p].top = top;
    return p;
}

/* Makes pt's table, of as many slots as c's distinct keys take at 0.7 (a
 * power of two would double it at a few more keys), and c's keys' slots in
 * it; the hashes are freed. */
static int make_table(struct part *pt, struct tkcache *c)
{
    /* the distinct keys, counted in a set of hashes */
    size_t cap = 1 << 16, used = 0;
    uint64_t *set = zeroed(cap, sizeof *set);
    if (!set) return -1;
    for (size_t i = 0; i < c->nkeys; i++) {
        if (used * 10 >= cap * 7) {
            uint64_t *ns = zeroed(2 * cap, sizeof *ns);
            if (!ns) { free(set); return -1; }
            for (size_t j = 0; j < cap; j++) {
                if (!set[j]) continue;
                size_t p = (size_t)set[j] & (2 * cap - 1);
                while (ns[p]) p = (p + 1) & (2 * cap - 1);
                ns[p] = set[j];
            }
            free(set);
            set = ns;
            cap *= 2;
        }
        uint64_t h = c->keys[i];
        size_t p = (size_t)h & (cap - 1);
        while (set[p] && set[p] != h) p = (p + 1) & (cap - 1);
        if (!set[p]) { set[p] = h; used++; }
    }
    pt->used = used;
    pt->tcap = used * 10 / 7 + 1;
    pt->tab = zeroed(pt->tcap, sizeof *pt->tab);
    /* in the set's order: where a key lands does not depend on the order
     * tokens were met in, only on the keys */
    if (pt->tab)
        for (size_t j = 0; j < cap; j++)
            if (set[j]) place_key(pt, set[j]);
    free(set);
    c->slots = malloc((c->nkeys ? c->nkeys : 1) * sizeof *c->slots);
    if (!pt->tab || !c->slots) return -1;
    for (size_t i = 0; i < c->nkeys; i++) c->slots[i] = (uint32_t)place_key(pt, c->keys[i]);
    free(c->keys);
    c->keys = NULL;
    return 0;
}

struct build {
    const struct mrec *recs;
    size_t n;
    struct part *pt;
    int k;                 /* the part this thread builds */
    ng_status st;
};

/* A token's slots (n of them), met in record r. */
struct tslots {
    const uint32_t *sl;
    size_t n, r;
};

/* Counts (pass 1) or writes (pass 2) record t->r under t's slots. */
static void put_token(struct part *pt, struct bkey *bk, const struct tslots *t, int pass)
{
    for (size_t q = 0; q < t->n; q++) {
        if (pass == 1) count_posting(&pt->tab[t->sl[q]], &bk[t->sl[q]], (uint32_t)t->r);
        else put_posting(pt, &pt->tab[t->sl[q]], &bk[t->sl[q]], (uint32_t)t->r);
    }
}

/* Asks the memory for the bytes put_posting will write t->r's difference
 * in, under each of t's slots. */
static void posting_ahead(const struct part *pt, const struct bkey *bk, const struct tslots *t)
{
    for (size_t q = 0; q < t->n; q++)
        __builtin_prefetch(pt->post + posting_at(&pt->tab[t->sl[q]], &bk[t->sl[q]]), 1);
}

/* Where a walk over the tokens of every name of every record is: record
 * r, its name a, token i. */
struct tokit {
    size_t r, a, i;
};
#define TOKIT_NEAR 8       /* tokens ahead: their slots asked for */
#define TOKIT_FAR 16       /* tokens further: their entries in the cache */

/* The token of the walk it into *at, and it moved on; 0 past the last. */
static int tokit_next(const struct build *b, struct tokit *it, struct tokit *at)
{
    while (it->r < b->n) {
        const struct mrec *m = &b->recs[it->r];
        if (it->a >= m->nnames) {
            *it = (struct tokit){it->r + 1, 0, 0};
        } else if (it->i >= ng_name_count(m->names[it->a])) {
            it->a++;
            it->i = 0;
        } else {
            *at = *it;
            it->i++;
            return 1;
        }
    }
    return 0;
}

/* Builds part k: every token's keys, once a token, and the table of
 * them; then pass 1 counts the records of each key, pass 2 writes them.
 * Keys of the other part are skipped (their token keys are computed twice,
 * once a thread: cheap beside the postings). */
static void *build_part(void *arg)
{
    struct build *b = arg;
    struct part *pt = b->pt;
    struct tkcache tc = {0};
    struct bkey *bk = NULL;
    b->st = NG_ENOMEM;
    if (tkc_grow(&tc)) goto out;
    for (size_t r = 0; r < b->n; r++)
        for (size_t a = 0; a < b->recs[r].nnames; a++) {
            const ng_name *nm = b->recs[r].names[a];
            for (size_t i = 0; i < ng_name_count(nm); i++)
                if (tkc_add(&tc, nm, i, (size_t)b->k)) goto out;
        }
    if (make_table(pt, &tc)) goto out;
#ifdef __GLIBC__
    malloc_trim(0); /* the hashes freed (16 MB a part at a million) */
#endif
    if (!(bk = zeroed(pt->tcap, sizeof *bk))) goto out;
    for (int pass = 1; pass <= 2; pass++) {
        /* the tokens in the records' order, each read in steps some tokens
         * apart: its entry in the cache asked of the memory (24 tokens
         * ahead), then its slots (8), then the table's and the build's
         * entries of them; its record is put two tokens later */
        struct tokit far = {0}, near = {0}, cur = {0}, at;
        for (size_t j = 0; j < TOKIT_FAR + TOKIT_NEAR; j++) {
            if (tokit_next(b, &far, &at)) tkc_ahead(&tc, tkc_id(b->recs[at.r].names[at.a], at.i));
            if (j >= TOKIT_FAR && tokit_next(b, &near, &at)) slots_ahead(&tc, b->recs[at.r].names[at.a], at.i);
        }
        /* the token before, its postings' places asked for (pass 2), and
         * the one before it, put */
        struct tslots prev = {0}, put = {0};
        while (tokit_next(b, &cur, &at)) {
            struct tslots t = {NULL, 0, at.r};
            t.sl = tkc_slots(&tc, b->recs[at.r].names[at.a], at.i, &t.n);
            for (size_t q = 0; q < t.n; q++) {
                __builtin_prefetch(&pt->tab[t.sl[q]], 1);
                __builtin_prefetch(&bk[t.sl[q]], 1);
            }
            if (pass == 2) posting_ahead(pt, bk, &prev);
            put_token(pt, bk, &put, pass);
            put = prev;
            prev = t;
            if (tokit_next(b, &far, &at)) tkc_ahead(&tc, tkc_id(b->recs[at.r].names[at.a], at.i));
            if (tokit_next(b, &near, &at)) slots_ahead(&tc, b->recs[at.r].names[at.a], at.i);
        }
        put_token(pt, bk, &put, pass);
        put_token(pt, bk, &prev, pass);
        if (pass == 2) break;
        /* each key's width and offset */
        size_t total = 0;
        for (size_t i = 0; i < pt->tcap; i++) {
            struct key_slot *s = &pt->tab[i];
            if (!s->top) continue;
            s->w = bk[i].aux ? 32u - (unsigned)__builtin_clz(bk[i].aux) : 0;
            size_t bytes = s->off + ((size_t)(s->n - 1) * s->w + 7) / 8;
            if (total + bytes > UINT32_MAX) goto out;
            s->off = (uint32_t)total;
            total += bytes;
            s->n = 0;
            bk[i] = (struct bkey){0, 0};
        }
        /* zeroed: the differences are or'd in */
        if (!(pt->post = zeroed(total + POST_PAD, 1))) goto out;
        pt->npost = total;
    }
    b->st = NG_OK;
out:
    free(bk);
    free(tc.tab);
    free(tc.keys);
    free(tc.slots);
    return NULL;
}

/* A key's records, read a run at a time: the first is a varint, each
 * other its difference from the one before in w bits (postings.h), read
 * by itself, not after the one before as varints are: twice as fast on
 * lists of thousands; eight at a time where the processor can. */
#define PRUN 256           /* differences a run; the first adds one more */
struct pread {
    const uint8_t *p;      /* the differences */
    uint32_t k;            /* differences read */
    uint32_t n;            /* differences in all */
    uint32_t r;            /* the record before the next */
    unsigned w;
    int first;             /* r itself is not read */
    int simd;
};

static void pread_init(struct pread *c, const struct mindex *ix, const struct key_slot *sl)
{
    const uint8_t *p = ix->part[PART_OF_SLOT(sl)].post + sl->off;
    uint32_t r = 0;
    for (int sh = 0;; sh += 7) {
        uint8_t b = *p++;
        r |= (uint32_t)(b & 0x7F) << sh;
        if (!(b & 0x80)) break;
    }
    *c = (struct pread){.p = p, .n = sl->n ? sl->n - 1 : 0, .r = r, .w = sl->w, .first = sl->n > 0,
                        .simd = ix->simd};
}

/* The next records, up to PRUN + 1, into out; returns how many (0 at the
 * end).  Runs start at multiples of PRUN differences: of 8. */
static size_t pread_run(struct pread *c, uint32_t *out)
{
    size_t i = 0;
    if (c->first) {
        out[i++] = c->r;
        c->first = 0;
    }
    size_t m = c->n - c->k < PRUN ? c->n - c->k : PRUN;
    c->r = postings_decode(c->p, c->w, c->k, m, c->r, out + i, c->simd);
    c->k += (uint32_t)m;
    return i + m;
}

void mindex_use_simd(mindex *ix, int on)
{
    ix->simd = on && postings_simd();
}

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
        for (size_t i = 0; i < ix->part[k].tcap; i++)
            nd += ix->part[k].tab[i].top && ix->part[k].tab[i].n > ix->dense_min;
    if (!nd) return 0;
    ix->dense_of = malloc(nd * sizeof *ix->dense_of);
    ix->dense = zeroed(nd * words, sizeof *ix->dense);
    if (!ix->dense_of || !ix->dense) return -1;
    for (int k = 0; k < 2; k++)
        for (size_t i = 0; i < ix->part[k].tcap; i++)
            if (ix->part[k].tab[i].top && ix->part[k].tab[i].n > ix->dense_min)
                ix->dense_of[ix->ndense++] = &ix->part[k].tab[i];
    qsort(ix->dense_of, nd, sizeof *ix->dense_of, slot_addr_cmp);
    ix->ndense_built = nd;
    for (size_t d = 0; d < nd; d++) {
        const struct key_slot *sl = ix->dense_of[d];
        uint64_t *bm = ix->dense + d * words;
        struct pread pr;
        uint32_t run[PRUN + 1];
        pread_init(&pr, ix, sl);
        for (size_t nr; (nr = pread_run(&pr, run));)
            for (size_t i = 0; i < nr; i++) {
                uint32_t r = run[i];
                bm[r >> 6] |= 1ull << (r & 63);
            }
    }
    return 0;
}

mindex *mindex_build(const struct mrec *recs, size_t n, int threads)
{
    if (n > POST_MAX) return NULL;
    struct mindex *ix = calloc(1, sizeof *ix);
    if (!ix) return NULL;
    ix->nrec = n;
    mindex_use_simd(ix, 1);
    struct build b[2] = {{recs, n, &ix->part[0], 0, NG_OK}, {recs, n, &ix->part[1], 1, NG_OK}};
    pthread_t t;
    int spawned = threads > 1 && pthread_create(&t, NULL, build_part, &b[1]) == 0;
    build_part(&b[0]);
    if (spawned) pthread_join(t, NULL);
    else build_part(&b[1]);
    if (b[0].st != NG_OK || b[1].st != NG_OK) { mindex_free(ix); return NULL; }
#ifdef __GLIBC__
    malloc_trim(0); /* the build's tables, freed */
#endif
    if (dense_build(ix)) { mindex_free(ix); return NULL; }
    if (!(ix->ntok = malloc(n ? n : 1))) { mindex_free(ix); return NULL; }
    for (size_t r = 0; r < n; r++) {
        size_t least = 255;
        for (size_t a = 0; a < recs[r].nnames; a++) {
            const ng_name *nm = recs[r].names[a];
            size_t k = 0;
            for (size_t i = 0; i < nm->n; i++) k += nm->slot[i].role != NG_ROLE_PARTICLE;
            if (k < least) least = k;
        }
        ix->ntok[r] = (uint8_t)(least == 255 ? 0 : least);
    }
    ix->common = (uint32_t)(n / 100 > 5000 ? n / 100 : 5000);
    ix->crowded = (uint32_t)(n / 500 > 1000 ? n / 500 : 1000);
    return ix;
}

void mindex_free(mindex *ix)
{
    if (!ix) return;
    for (int k = 0; k < 2; k++) {
        free(ix->part[k].tab);
        free(ix->part[k].post);
    }
    free(ix->dense_of);
    free(ix->dense);
    free(ix->ntok);
    free(ix);
}

size_t mindex_bytes(const mindex *ix)
{
    size_t n = sizeof *ix;
    for (int k = 0; k < 2; k++) n += ix->part[k].tcap * sizeof *ix->part[k].tab + ix->part[k].npost;
    n += ix->ndense_built * ((ix->nrec + 63) / 64 * sizeof *ix->dense + sizeof *ix->dense_of);
    n += ix->nrec;
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
    for (size_t r = 0; r < ix->nrec; r++) s->acc[r].ntok = ix->ntok[r];
    return s;
}

void mscratch_free(mscratch *s)
{
    if (!s) return;
    free(s->acc);
    free(s->seen);
    free(s->touched);
    for (int b = 0; b < BIG_MAX; b++) {
        free(s->big[b].reach);
        free(s->big[b].own);
    }
    free(s->dense);
    free(s->meet);
    free(s);
}

/* A slot of key h, or NULL. */
static const struct key_slot *lookup(const struct mindex *ix, uint64_t h)
{
    const struct part *pt = &ix->part[PART_OF(h)];
    uint32_t top = TOP_OF(h);
    for (size_t p = slot_home(h, pt->tcap);; p = p + 1 == pt->tcap ? 0 : p + 1) {
        const struct key_slot *s = &pt->tab[p];
        if (s->top == top) return s;
        if (s->top == 0) return NULL;
    }
}


/* Asks the memory for the slot of key h ahead of its look-up. */
static inline void lookup_ahead(const struct mindex *ix, uint64_t h)
{
    const struct part *pt = &ix->part[PART_OF(h)];
    __builtin_prefetch(&pt->tab[slot_home(h, pt->tcap)]);
}

/* Reads a key's postings: a record not in the pool joins it while it has
 * room; a record in the pool that the key's token has not reached yet gets
 * the key's weight and the token's share.  Keys come rarest first, so a
 * record gets about the best weight of each token.  Returns whether every
 * record of the key is now in the pool. */
static int admit_postings(const struct mindex *ix, struct mscratch *s, const struct qkey *k,
                          uint32_t bit, size_t limit)
{
    const struct key_slot *sl = k->sl;
    uint64_t *seen = s->seen;
    uint32_t *touched = s->touched;
    struct acc *acc = s->acc;
    size_t nt = s->ntouched;
    float w = k->w;
    uint32_t own = key_own(k) ? bit : 0;
    uint16_t edit = key_edit(k) ? EDIT_BIT(k->tok) : 0;
    int all = 1;
    struct pread pr;
    uint32_t run[PRUN + 1];
    pread_init(&pr, ix, sl);
    for (size_t nr; (nr = pread_run(&pr, run));)
        for (size_t i = 0; i < nr; i++) {
            uint32_t r = run[i];
            struct acc *c = &acc[r];
            if (!((seen[r >> 6] >> (r & 63)) & 1)) {
                if (nt >= limit) { all = 0; continue; }
                seen[r >> 6] |= 1ull << (r & 63);
                touched[nt++] = r;
                c->toks = bit;
                c->own = own;
                c->edit = edit;
                c->sum = w;
                continue;
            }
            c->edit |= edit;
            if (own) c->own |= own;
            if (c->toks & bit) continue;
            c->toks |= bit;
            c->sum += w;
        }
    s->ntouched = nt;
    return all;
}

/* Puts record r in the pool, unless it is there. */
static inline void admit(struct mscratch *s, uint32_t r)
{
    if ((s->seen[r >> 6] >> (r & 63)) & 1) return;
    s->seen[r >> 6] |= 1ull << (r & 63);
    s->touched[s->ntouched++] = r;
    struct acc *c = &s->acc[r];
    c->toks = c->own = c->edit = 0;
    c->sum = 0;
}

/* The bitmap of key sl, or NULL. */
static const uint64_t *dense_bitmap(const struct mindex *ix, const struct key_slot *sl)
{
    if (!ix->ndense || sl->n <= ix->dense_min) return NULL;
    size_t lo = 0, hi = ix->ndense;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (ix->dense_of[mid] < sl) lo = mid + 1;
        else hi = mid;
    }
    if (lo < ix->ndense && ix->dense_of[lo] == sl) return ix->dense + lo * ((ix->nrec + 63) / 64);
    return NULL;
}

/* Sets the bits of key sl's records in big token b's bitmaps. */
static void big_fill(const struct mindex *ix, struct big *b, const struct key_slot *sl, int own)
{
    uint64_t *reach = b->reach, *ob = b->own;
    struct pread pr;
    uint32_t run[PRUN + 1];
    pread_init(&pr, ix, sl);
    b->has_own |= own;
    for (size_t nr; (nr = pread_run(&pr, run));) {
        if (own) {
            for (size_t i = 0; i < nr; i++) {
                uint64_t m = 1ull << (run[i] & 63);
                reach[run[i] >> 6] |= m;
                ob[run[i] >> 6] |= m;
            }
        } else {
            for (size_t i = 0; i < nr; i++) reach[run[i] >> 6] |= 1ull << (run[i] & 63);
        }
    }
}

/* Folds big token b's index bitmaps into its own: one word read a record
 * tested, not one of each bitmap. */
static void big_fold(struct big *b, size_t words)
{
    for (int k = 0; k < b->nd; k++) {
        const uint64_t *d = b->dense[k];
        uint64_t *reach = b->reach, *ob = b->own;
        for (size_t i = 0; i < words; i++) reach[i] |= d[i];
        if (b->dense_own[k]) {
            b->has_own = 1;
            for (size_t i = 0; i < words; i++) ob[i] |= d[i];
        }
    }
}

/* Admits the records of bits a (word i), while the pool has room. */
static void admit_word(struct mscratch *s, size_t i, uint64_t a)
{
    while (a && s->ntouched < POOL_MAX) {
        admit(s, (uint32_t)(i * 64 + (size_t)__builtin_ctzll(a)));
        a &= a - 1;
    }
}

/* Marks record r reached by token t (bit), at the weight of its lightest
 * own key when an own key reached it, else of its lightest: Josef /
 * Alejandro, met through their classes, above José Verdi, whom a deletion
 * of Йозеф and a coarse key of Саша reach (both in José). */
static inline void big_mark(struct acc *c, const struct qtok *t, uint32_t bit, int own)
{
    c->toks |= bit;
    if (own && t->least_own > 0) {
        c->sum += t->least_own;
        c->own |= bit;
    } else {
        c->sum += t->least;
    }
}

/* A record a streamed big token meets outside the pool, with how: an own
 * key of the token reached it, an own key of another. */
#define MEET_OWN (1u << 31)
#define MEET_OTHER_OWN (1u << 30)
#define MEET_REC ((1u << 30) - 1)

static void meet_put(struct mscratch *s, uint32_t e)
{
    if (s->nmeet == s->meet_cap) {
        size_t nc = s->meet_cap ? 2 * s->meet_cap : 4096;
        uint32_t *nm = realloc(s->meet, nc * sizeof *nm);
        if (!nm) {
            /* no room to order them: in the pool as they come */
            if (s->ntouched < POOL_MAX) admit(s, e & MEET_REC);
            return;
        }
        s->meet = nm;
        s->meet_cap = nc;
    }
    s->meet[s->nmeet++] = e;
}

/* Reads the postings of key sl of streamed big token t (bit) once: a
 * record in the pool is marked reached; one that another big token of its
 * name reaches (np of them: part, and part_own by an own key) is put in
 * s->meet. */
static void big_stream(const struct mindex *ix, struct mscratch *s, const struct key_slot *sl,
                       const struct qtok *t, uint32_t bit, int own, uint64_t *const *part,
                       uint64_t *const *part_own, int np)
{
    const uint64_t *seen = s->seen;
    struct acc *acc = s->acc;
    /* a record of the pool, or one another big token of the name reaches */
    const uint64_t *maps[BIG_MAX + 1] = {seen};
    for (int k = 0; k < np; k++) maps[1 + k] = part[k];
    struct pread pr;
    uint32_t run[PRUN + 1];
    pread_init(&pr, ix, sl);
    for (size_t nr; (nr = pread_run(&pr, run));) {
        nr = postings_keep(maps, 1 + np, run, nr, ix->simd);
        for (size_t i = 0; i < nr; i++) {
            uint32_t r = run[i];
            size_t w = r >> 6;
            uint64_t m = 1ull << (r & 63);
            if (seen[w] & m) {
                if (!(acc[r].toks & bit)) big_mark(&acc[r], t, bit, own);
                continue;
            }
            uint64_t oo = 0;
            for (int k = 0; k < np; k++) oo |= part_own[k][w];
            meet_put(s, r | (own ? MEET_OWN : 0) | (oo & m ? MEET_OTHER_OWN : 0));
        }
    }
}

/* Admits the records of s->meet while the pool has room, and marks them
 * reached by token t (bit): those two own keys met first, then those an
 * own key of t met, then of the other: when the pool cannot hold them
 * all (three common given names), the better meetings are in it. */
static void meet_admit(struct mscratch *s, const struct qtok *t, uint32_t bit)
{
    static const uint32_t order[4] = {MEET_OWN | MEET_OTHER_OWN, MEET_OWN, MEET_OTHER_OWN, 0};
    for (int o = 0; o < 4; o++)
        for (size_t i = 0; i < s->nmeet && s->ntouched < POOL_MAX; i++) {
            uint32_t e = s->meet[i];
            if ((e & ~MEET_REC) != order[o]) continue;
            uint32_t r = e & MEET_REC;
            admit(s, r);
            if (!(s->acc[r].toks & bit)) big_mark(&s->acc[r], t, bit, (e & MEET_OWN) != 0);
        }
    s->nmeet = 0;
}

/* Adds weight w and a token's share to the records of the pool that key sl
 * holds and the token has not reached. */
static void add_postings(const struct mindex *ix, struct mscratch *s, const struct key_slot *sl,
                         float w, uint32_t bit, uint32_t own, uint16_t edit)
{
    const uint64_t *bm = sl->n > 2 * s->ntouched ? dense_bitmap(ix, sl) : NULL;
    if (bm) {
        /* test the pool's records against the key's bitmap */
        for (size_t i = 0; i < s->ntouched; i++) {
            uint32_t r = s->touched[i];
            if (!((bm[r >> 6] >> (r & 63)) & 1)) continue;
            struct acc *c = &s->acc[r];
            c->edit |= edit;
            if (own) c->own |= own;
            if (c->toks & bit) continue;
            c->toks |= bit;
            c->sum += w;
        }
        return;
    }
    struct pread pr;
    uint32_t run[PRUN + 1];
    pread_init(&pr, ix, sl);
    for (size_t nr; (nr = pread_run(&pr, run));) {
        nr = postings_keep((const uint64_t *const[]){s->seen}, 1, run, nr, ix->simd);
        for (size_t i = 0; i < nr; i++) {
            struct acc *c = &s->acc[run[i]];
            c->edit |= edit;
            if (own) c->own |= own;
            if (c->toks & bit) continue;
            c->toks |= bit;
            c->sum += w;
        }
    }
}

#define MEET_WORDS 8

/* Meets streamed big token x (of the nbig, whose tokens are big_tok)
 * with the others of its name: the records that its index bitmaps and one
 * of theirs hold, and those its postings and one of theirs hold, join the
 * pool, the meetings of own keys first (meet_admit). */
static void big_meet_streamed(const struct mindex *ix, struct mscratch *s, size_t nq,
                              const size_t *big_tok, size_t nbig, size_t x)
{
    const struct qkey *qk = s->qk;
    const struct qtok *qt = s->qt;
    const struct big *b = &s->big[x];
    size_t words = (ix->nrec + 63) / 64;
    uint64_t *part[BIG_MAX], *part_own[BIG_MAX];
    int np = 0;
    for (size_t y = 0; y < nbig; y++)
        if (!s->big[y].streamed && qt[big_tok[y]].name == qt[big_tok[x]].name) {
            part_own[np] = s->big[y].own;
            part[np++] = s->big[y].reach;
        }
    size_t t = big_tok[x];
    s->nmeet = 0;
    /* its index bitmaps against the others', MEET_WORDS words at a time
     * (a loop the compiler runs in vector registers); the few words where
     * they meet outside the pool, one at a time */
    for (size_t i0 = 0; np && b->nd && i0 < words; i0 += MEET_WORDS) {
        size_t nw = words - i0 < MEET_WORDS ? words - i0 : MEET_WORDS;
        uint64_t dl[MEET_WORDS] = {0}, any[MEET_WORDS] = {0}, met = 0;
        for (int k = 0; k < b->nd; k++)
            for (size_t j = 0; j < nw; j++) dl[j] |= b->dense[k][i0 + j];
        for (int k = 0; k < np; k++)
            for (size_t j = 0; j < nw; j++) any[j] |= part[k][i0 + j];
        for (size_t j = 0; j < nw; j++) {
            dl[j] &= any[j] & ~s->seen[i0 + j];
            met |= dl[j];
        }
        for (size_t j = 0; met && j < nw; j++) {
            if (!dl[j]) continue;
            size_t i = i0 + j;
            uint64_t dlo = 0, oo = 0;
            for (int k = 0; k < b->nd; k++) dlo |= b->dense_own[k] ? b->dense[k][i] : 0;
            for (int k = 0; k < np; k++) oo |= part_own[k][i];
            for (uint64_t a = dl[j]; a; a &= a - 1) {
                uint64_t m = a & (0 - a);
                meet_put(s, (uint32_t)(i * 64 + (size_t)__builtin_ctzll(a)) | (dlo & m ? MEET_OWN : 0) |
                                (oo & m ? MEET_OTHER_OWN : 0));
            }
        }
    }
    /* its postings, own keys first: a record an own key reaches
     * weighs its lightest own key */
    for (int pass = 1; pass >= 0; pass--)
        for (size_t j = 0; j < nq; j++)
            if (qk[j].to_big == 1 && qk[j].tok == t && key_own(&qk[j]) == pass)
                big_stream(ix, s, qk[j].sl, &qt[t], TOK_BIT(t), pass, part, part_own, np);
    meet_admit(s, &qt[t], TOK_BIT(t));
}

/* Rarest first; then the heavier; then the query's order. */
static int qkey_by_rarity(const void *x, const void *y)
{
    const struct qkey *a = x, *b = y;
    if (a->sl->n != b->sl->n) return a->sl->n < b->sl->n ? -1 : 1;
    if (a->w != b->w) return a->w > b->w ? -1 : 1;
    if (a->tok != b->tok) return a->tok < b->tok ? -1 : 1;
    return a->sl < b->sl ? -1 : a->sl > b->sl;
}

#define NEAR_BEST 0.85f
#define EXTRA_LEFT 0.08f /* a record's word left over, as a share of the query */
#define WEAK_SIM 0.85f   /* a token met by a coarse or consonant skeleton */
/* a token met one edit off (a deletion): what the engine gives most such
 * pairs (Kikumi / Kikuma 0.93, Baranov / Barinov 0.94, Kolberg / Kohlberg
 * 0.95), above the skeletons' meetings, which are several edits apart */
#define EDIT_SIM 0.94f
#define NEAR_SCORE 0.75f
/* How far the score of a name may come above rank_of's bound: a token met
 * by a key not its own counts at WEAK_SIM there, and may meet at 1 */
#define BOUND_SLACK 0.15
#define KEEP_LEAST 64

/* The least a token left over costs in the score, as a share of its
 * weight (names/compare.c: when the other name has nothing against it). */
static float left_cost(const struct slot *x)
{
    switch (x->role) {
    case NG_ROLE_GIVEN: return 0.15f;
    case NG_ROLE_MIDDLE: return 0.10f;
    case NG_ROLE_PATRONYMIC: return 0.08f;
    case NG_ROLE_SURNAME: return x->secondary ? 0.15f : 0.5f;
    default: return 0.4f;
    }
}

/* What ranks a record: first the most it could score through one of the
 * query's names were the tokens that reached it met exactly and the others
 * left over at their least cost (a given name costs more when no given
 * name met), by twentieths: which tokens met, not how rare their keys are;
 * then the rarity of the keys.  A rare family name met alone ranks with two
 * common given names met without it (John Joseph Kanako: Johann Kanako,
 * whose Johann the index does not reach, against John Joseph Smith); the
 * share of the weight alone put it 284th.
 * And into *most, about the most a record can score through one of the
 * query's names, when the name's tokens that reached it meet it exactly
 * and the others are left over at their least cost (about: the record's
 * tokens may weigh more than the query's); 0 unless two tokens of that
 * name reached it, or all of a name of one. */
static inline float rank_of(const struct qtok *qt, size_t nt, const struct acc *c, float *most)
{
    float bound = 0;
    *most = 0;
    for (size_t t = 0; t < nt;) {
        float met = 0, den = 0, left = 0, left_alone = 0;
        int given_met = 0;
        unsigned nmet = 0;
        size_t u = t;
        for (; u < nt && qt[u].name == qt[t].name; u++) {
            if (c->toks & TOK_BIT(u)) {
                /* met by its own key, or by one edit or a coarse key: about
                 * what the engine's fuzzy meetings count */
                float sim = c->own & TOK_BIT(u) ? 1.0f : c->edit & EDIT_BIT(u) ? EDIT_SIM : WEAK_SIM;
                met += sim * qt[u].share;
                den += qt[u].share;
                given_met |= qt[u].given;
                nmet++;
            } else {
                left += qt[u].left;
                left_alone += qt[u].left_alone;
            }
        }
        if ((nmet >= 2 || (nmet == 1 && u - t == 1)) && den / (den + left) > *most)
            *most = den / (den + left);
        /* and the record's words no token of the query reached */
        if (c->ntok > nmet) {
            left += EXTRA_LEFT * (float)(c->ntok - nmet);
            left_alone += EXTRA_LEFT * (float)(c->ntok - nmet);
        }
        float b = met > 0 ? met / (den + (given_met ? left : left_alone)) : 0;
        if (b > bound) bound = b;
        t = u;
    }
    float sum = c->sum < 999.0f ? c->sum : 999.0f;
    return floorf(bound * 20.0f + 1e-4f) * 1000.0f + sum;
}

/* The key k of query token tok, whose postings are sl: weighed by its
 * rarity and its share, and whether it may put records in the pool. */
static struct qkey qkey_of(const struct mindex *ix, const struct key_slot *sl, const struct tkey *k,
                           size_t tok)
{
    struct qkey y = {.sl = sl,
                     .w = k->f * (float)log(1.0 + (double)ix->nrec / (double)sl->n),
                     .tok = (uint8_t)tok,
                     .kind = k->kind};
    /* a one-edit meeting through a crowded key (a deletion of a common
     * name) finds too many to admit */
    y.admits = sl->n <= ix->common && (key_own(&y) || sl->n <= ix->crowded);
    return y;
}

size_t mindex_candidates(const mindex *ix, mscratch *s, const struct mrec *q, uint32_t *out,
                         size_t max, size_t cap, double keep_from)
{
    if (!ix->nrec || !max) return 0;
    s->ntouched = 0;
    /* every key of every query token that the index holds, and each
     * token's share of its name's weight */
    struct qkey *qk = s->qk;
    struct qtok *qt = s->qt;
    size_t nq = 0, nt = 0;
    struct tkey keys[MAX_TOKEN_KEYS];
    for (size_t a = 0; a < q->nnames && nt < QUERY_TOKENS; a++) {
        const ng_name *nm = q->names[a];
        size_t first = nt;
        float total = 0;
        size_t slot_of[NG_NAME_MAX_TOKENS];
        for (size_t i = 0; i < ng_name_count(nm) && nt < QUERY_TOKENS; i++) {
            size_t k = token_keys(nm, i, keys, 1);
            if (!k) continue;
            slot_of[nt - first] = i;
            struct qtok *t = &qt[nt];
            ng_role ro = (ng_role)nm->slot[i].role;
            int given = ro == NG_ROLE_GIVEN || ro == NG_ROLE_MIDDLE || ro == NG_ROLE_INITIAL;
            *t = (struct qtok){.share = nm->slot[i].weight,
                               .left = left_cost(&nm->slot[i]),
                               .left_alone = ro == NG_ROLE_GIVEN ? 0.5f : left_cost(&nm->slot[i]),
                               .given = (uint8_t)given,
                               .name = (uint16_t)a,
                               .big = -1};
            total += nm->slot[i].weight;
            for (size_t j = 0; j < k; j++) lookup_ahead(ix, keys[j].h);
            for (size_t j = 0; j < k && nq < QUERY_KEYS; j++) {
                const struct key_slot *x = lookup(ix, keys[j].h);
                if (!x || !x->n) continue;
                struct qkey *y = &qk[nq++];
                *y = qkey_of(ix, x, &keys[j], nt);
                if (y->kind == KIND_G) t->has_class = 1;
                if (y->kind == KIND_K && x->n > ix->common) t->common = 1;
                if (t->least == 0 || y->w < t->least) t->least = y->w;
                if (key_own(y) && (t->least_own == 0 || y->w < t->least_own)) t->least_own = y->w;
            }
            nt++;
        }
        /* two words side by side, asked as one: each of the two meets
         * the record's word through their joined keys */
        for (size_t t = first; t + 1 < nt; t++) {
            if (slot_of[t + 1 - first] != slot_of[t - first] + 1) continue;
            ng_token x = ng_name_token(nm, slot_of[t - first]);
            ng_token y = ng_name_token(nm, slot_of[t + 1 - first]);
            if (!x.nkeys || !y.nkeys) continue;
            size_t k = joined_keys(x.keys[0], y.keys[0], keys);
            for (size_t j = 0; j < k; j++) {
                const struct key_slot *sl = lookup(ix, keys[j].h);
                if (!sl || !sl->n) continue;
                for (size_t u = t; u <= t + 1 && nq < QUERY_KEYS; u++)
                    qk[nq++] = qkey_of(ix, sl, &keys[j], u);
            }
        }
        /* and a word as two: its first key's head or tail, the other part
         * of two symbols or more, as a record's word (Leuris / Lee Juris:
         * uris).  Only to put records in the pool: such a part may be a
         * common name (Susanna: anna) */
        for (size_t t = first; t < nt; t++) {
            ng_token x = ng_name_token(nm, slot_of[t - first]);
            size_t k = x.nkeys ? split_keys(x.keys[0], keys) : 0;
            for (size_t j = 0; j < k && nq < QUERY_KEYS; j++) {
                const struct key_slot *sl = lookup(ix, keys[j].h);
                if (sl && sl->n) qk[nq++] = qkey_of(ix, sl, &keys[j], t);
            }
        }
        for (size_t t = first; t < nt; t++) {
            qt[t].share = total > 0 ? qt[t].share / total : 0;
            qt[t].left *= qt[t].share;
            qt[t].left_alone *= qt[t].share;
        }
    }
    /* the pool, from the rare keys first: they say most and reach few
     * records; each adds its weight to the records it reaches */
    qsort(qk, nq, sizeof *qk, qkey_by_rarity);
    for (size_t j = 0; j < nq; j++) {
        /* once the pool is full, a key would be read here to add its
         * weight to the pool, and again below as a big token's: it is read
         * once, below */
        if (!qk[j].admits || s->ntouched >= ADMIT_POOL) continue;
        qk[j].in_pool = (uint8_t)admit_postings(ix, s, &qk[j], TOK_BIT(qk[j].tok), ADMIT_POOL);
    }
    /* a token with a key that did not put all its records in the pool is
     * big: a record it meets may be outside.  A name of two tokens or more
     * meets a record only when two of its tokens do (a token left over
     * costs too much), so the records two big tokens of one name both reach
     * join the pool.  The one-edit keys of a token whose own key is common
     * (the deletions of John) hold that name's records again: left out. */
    size_t nbig = 0;
    size_t words = (ix->nrec + 63) / 64;
    size_t big_tok[BIG_MAX];
    for (size_t j = 0; j < nq; j++) {
        struct qtok *t = &qt[qk[j].tok];
        if (qk[j].in_pool || qk[j].kind == KIND_SPLIT ||
            (t->common && !key_own(&qk[j]) && qk[j].kind != KIND_D))
            continue;
        /* a given name of the tables, as a given name: its deletions asked
         * under D hold its records again (its own keys stay: they hold
         * names of other classes read alike, Жан / Jan read in French) */
        if (t->has_class && t->given && qk[j].kind == KIND_DDEL) continue;
        if (t->big < 0) {
            if (nbig == BIG_MAX) continue;
            struct big *b = &s->big[nbig];
            if (!b->reach && !(b->reach = calloc(words, sizeof *b->reach))) continue;
            if (!b->own && !(b->own = calloc(words, sizeof *b->own))) continue;
            b->nd = 0;
            b->sparse = 0;
            b->has_own = 0;
            b->streamed = 0;
            big_tok[nbig] = qk[j].tok;
            t->big = (int8_t)nbig++;
        }
        struct big *b = &s->big[t->big];
        const uint64_t *d = dense_bitmap(ix, qk[j].sl);
        if (d && b->nd < BIG_DENSE) {
            b->dense_own[b->nd] = (uint8_t)key_own(&qk[j]);
            b->dense[b->nd++] = d;
            qk[j].to_big = 2;
        } else {
            b->sparse += qk[j].sl->n;
            qk[j].to_big = 1;
        }
    }
    /* the big token of each name with the most postings is read once,
     * against the others of its name, and not kept: a record it reaches
     * that another reaches joins the pool, one in the pool is marked.  The
     * others' records are kept as bitmaps, their index bitmaps folded in,
     * and met word by word */
    for (size_t x = 0; x < nbig; x++) {
        const struct big *b = &s->big[x];
        s->big[x].streamed = 1;
        for (size_t y = 0; y < nbig; y++)
            if (y != x && qt[big_tok[y]].name == qt[big_tok[x]].name &&
                (s->big[y].sparse > b->sparse || (s->big[y].sparse == b->sparse && y < x)))
                s->big[x].streamed = 0;
    }
    for (size_t j = 0; j < nq; j++) {
        struct big *b = qk[j].to_big == 1 ? &s->big[qt[qk[j].tok].big] : NULL;
        if (b && !b->streamed) big_fill(ix, b, qk[j].sl, key_own(&qk[j]));
    }
    for (size_t x = 0; x < nbig; x++)
        if (!s->big[x].streamed) big_fold(&s->big[x], words);
    for (size_t x = 0; x < nbig; x++) {
        if (s->big[x].streamed) continue;
        for (size_t y = x + 1; y < nbig; y++) {
            if (s->big[y].streamed || qt[big_tok[y]].name != qt[big_tok[x]].name) continue;
            const uint64_t *u = s->big[x].reach, *v = s->big[y].reach;
            for (size_t i = 0; i < words && s->ntouched < POOL_MAX; i++)
                if (u[i] & v[i]) admit_word(s, i, u[i] & v[i]);
        }
    }
    for (size_t x = 0; x < nbig; x++)
        if (s->big[x].streamed) big_meet_streamed(ix, s, nq, big_tok, nbig, x);
    /* a name of common words alone (John Smith) without two big tokens
     * admits through its common keys while the pool is smaller than max */
    for (size_t j = 0; j < nq && s->ntouched < max; j++)
        if (!qk[j].in_pool && qk[j].sl->n > ix->common && qk[j].kind != KIND_SPLIT)
            admit_postings(ix, s, &qk[j], TOK_BIT(qk[j].tok), max);
    /* the pool's records that a big token reaches through its other keys:
     * those the kept ones reach, and those a streamed one's index bitmaps
     * hold; the keys of tokens that are neither (past BIG_MAX), read
     * against the pool */
    for (size_t x = 0; x < nbig; x++) {
        struct big *b = &s->big[x];
        size_t t = big_tok[x];
        uint32_t bit = TOK_BIT(t);
        for (size_t i = 0; i < s->ntouched && (!b->streamed || b->nd); i++) {
            uint32_t r = s->touched[i];
            struct acc *c = &s->acc[r];
            if (c->toks & bit) continue;
            size_t w = r >> 6;
            uint64_t m = 1ull << (r & 63);
            if (!b->streamed) {
                if (b->reach[w] & m) big_mark(c, &qt[t], bit, (b->own[w] & m) != 0);
                continue;
            }
            int how = 0;
            for (int k = 0; k < b->nd; k++)
                if (b->dense[k][w] & m) how = how > 1 + b->dense_own[k] ? how : 1 + b->dense_own[k];
            if (how) big_mark(c, &qt[t], bit, how == 2);
        }
        if (!b->streamed) {
            memset(b->reach, 0, words * sizeof *b->reach);
            if (b->has_own) memset(b->own, 0, words * sizeof *b->own);
        }
    }
    for (size_t j = 0; j < nq; j++)
        if (!qk[j].in_pool && qt[qk[j].tok].big < 0 && (key_own(&qk[j]) || qk[j].sl->n <= ix->crowded))
            add_postings(ix, s, qk[j].sl, qk[j].w, TOK_BIT(qk[j].tok),
                         key_own(&qk[j]) ? TOK_BIT(qk[j].tok) : 0,
                         key_edit(&qk[j]) ? EDIT_BIT(qk[j].tok) : 0);
    /* how many to take: max, or more when many records reach nearly the
     * best sum (a common name, Abu Muhammad: every one of them may score
     * at or above the threshold) or that two tokens of a name reach with a
     * bound of their score at or above NEAR_SCORE, at most cap */
    /* the ranks side by side first: the accumulators lie all over memory */
    if (s->ndense < s->ntouched) {
        struct cand *nd = realloc(s->dense, s->ntouched * sizeof *nd);
        if (!nd) {
            for (size_t i = 0; i < s->ntouched; i++) s->seen[s->touched[i] >> 6] = 0;
            return 0;
        }
        s->dense = nd;
        s->ndense = s->ntouched;
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
    for (size_t i = 0; i < s->ntouched; i++) {
        const struct acc *c = &s->acc[d[i].r];
        float most;
        float rank = rank_of(qt, nt, c, &most);
        near += d[i].sum >= NEAR_BEST * best || most >= NEAR_SCORE;
        d[i].sum = rank;
    }
    size_t want = near > max ? (near < cap ? near : cap) : max;
    size_t n = s->ntouched < want ? s->ntouched : want;
    /* the best n: selected, then in order */
    select_best(d, s->ntouched, n);
    sort_cands(d, n);
    /* past the first KEEP_LEAST, none whose bound is BOUND_SLACK or more
     * below the floor: it cannot score there, unless the index missed
     * what the engine meets (a word of an abjad, two words written as one) */
    if (keep_from > BOUND_SLACK) {
        float least = floorf((float)(keep_from - BOUND_SLACK) * 20.0f + 1e-4f) * 1000.0f;
        while (n > KEEP_LEAST && d[n - 1].sum < least) n--;
    }
    for (size_t i = 0; i < n; i++) out[i] = d[i].r;
    return n;
}

