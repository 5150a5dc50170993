/*
 * match.h -- records prepared for matching, the score of a pair of them,
 * and the index that finds the candidates (src/match).
 */
#ifndef NG_MATCH_MATCH_H
#define NG_MATCH_MATCH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "nongrata.h"

/* ---- a record, ready to be compared (mrec.c) ---------------------------- */
enum ident_kind { ID_PASSPORT = 1, ID_NATIONAL, ID_TAX, ID_REGISTRATION, ID_PHONE, ID_EMAIL };

struct mident {
    uint8_t kind;       /* enum ident_kind */
    uint16_t issuer;    /* country_code of the qualifier, or 0 */
    char num[29];       /* capitals and digits only (65 4341294 is 654341294);
                           longer ones as their first 20 and a hash */
};

/* A birth date, packed (a million records hold a million of them). */
struct mdate {
    int16_t year, year_to;  /* as in ng_date */
    uint8_t month, day;
    uint8_t flags;
};
/* ng_date of a packed date, and back (years outside int16: 0, unknown). */
ng_date mdate_unpack(const struct mdate *d);
struct mdate mdate_pack(const ng_date *d);

#define MREC_MAX_NAMES 64
#define MREC_MAX_DATES 8
#define MREC_MAX_COUNTRIES 8
#define MREC_MAX_IDS 16

/* A record: its names, and one block that holds them with the rest (a
 * million records, each with its pieces 8-byte aligned apart, took 32 MB
 * more): the array of names, then the states, identifiers, dates, the id
 * and the posting, read through the functions below. */
struct mrec {
    char *id;           /* DATASET:ID, in the block */
    ng_name **names;    /* the start of the block */
    uint16_t nnames;
    uint8_t ndobs, ncountries, nids;
    char gender;        /* 'm', 'f', or 0 */
    uint8_t in_arena;   /* its names and block are an arena's */
    uint8_t has_posting;
};

/* nationality and citizenship, country_code */
static inline const int *mrec_countries(const struct mrec *m)
{
    return (const int *)(const void *)(m->names + m->nnames);
}

static inline const struct mident *mrec_ids(const struct mrec *m)
{
    return (const struct mident *)(const void *)(mrec_countries(m) + m->ncountries);
}

static inline const struct mdate *mrec_dobs(const struct mrec *m)
{
    return (const struct mdate *)(const void *)(mrec_ids(m) + m->nids);
}

/* the posting, folded, or NULL */
static inline const char *mrec_posting(const struct mrec *m)
{
    return m->has_posting ? m->id + strlen(m->id) + 1 : NULL;
}

/* The first name of m as written. */
#define MREC_SHOWN(m) ng_name_text((m)->names[0])

/* Memory handed out in order and freed at once: the small pieces of a
 * million records (their ids, arrays of names, dates, states) would cost
 * a malloc header and a rounding each. */
struct arena {
    struct arena_chunk *head;
    size_t used, cap;   /* in the head chunk */
};
void *arena_alloc(struct arena *a, size_t n);
void arena_free(struct arena *a);

/* Prepares r of dataset for matching: its names parsed by e (names the
 * engine cannot read are left out), dates, gender, states, identifiers;
 * its names and pieces from ar when not NULL (mrec_free then frees
 * nothing).
 * NG_EEMPTY when no name is left. */
ng_status mrec_from_record(ng_engine *e, const char *dataset, const ng_record *r, struct mrec *m,
                           struct arena *ar);
void mrec_free(struct mrec *m);
/* Asks the processor for what scoring m reads, in four stages a few
 * records apart (0: the record, 1: its list of names, 2: the names, 3:
 * their tokens): candidates lie all over memory. */
void mrec_prefetch(const struct mrec *m, int stage);
/* The prefetches due while candidate c of v[cand[0..nc)] is scored. */
void mrec_prefetch_ahead(const struct mrec *v, const uint32_t *cand, size_t nc, size_t c);

/* ---- the score of a pair (score.c) --------------------------------------- */
#define MATCH_MAX_FEATURES 12

struct mfeature {
    char name[16];      /* name, birthDate, gender, nationality, passportNumber ... */
    char value[200];    /* what was compared, and how it came out */
    double contrib;     /* what it adds to the score (the name: its score) */
};

struct mresult {
    double score;       /* in [0,1], four decimals */
    ng_decision decision;
    double name_score;
    int ia, ib;         /* the names of a and b that met best */
    ng_compare_result names; /* their explanation */
    struct mfeature f[MATCH_MAX_FEATURES];
    size_t nf;
    int quiet;          /* the score only: no texts, no steps (match_score) */
};

/* Scores records a and b: the best pair of their names, then the other
 * evidence (docs/matching.md).  e is this thread's engine. */
void match_pair(ng_engine *e, const struct mrec *a, const struct mrec *b,
                const ng_compare_options *o, struct mresult *res);
/* The score of match_pair alone, without the texts of an explanation
 * (several times faster: for ranking candidates, then match_pair for the
 * pairs shown). */
double match_score(ng_engine *e, const struct mrec *a, const struct mrec *b,
                   const ng_compare_options *o);
/* The most the evidence besides the names (dates, states, identifiers,
 * posting) can add to the score of q against any record: what q holds
 * decides. */
double match_evidence_max(const struct mrec *q);
/* A line of reasons ("name 0.9625 (phonetic, translit); same day of birth
 * +0.08") into buf. */
char *match_reason(const struct mresult *res, char *buf, size_t cap);

/* ---- the index (index.c) ----------------------------------------------- */
typedef struct mindex mindex;

/* An index over the names of n records (kept by the caller, alive as long
 * as the index). */
mindex *mindex_build(const struct mrec *recs, size_t n, int threads);
void mindex_free(mindex *ix);
/* For tests: rank with the bitmaps of the commonest keys (on, as built) or
 * by reading their postings (off); the candidates are the same. */
void mindex_use_dense(mindex *ix, int on);
/* For tests: read the postings eight at a time where the processor can (on,
 * as built) or one at a time (off); the candidates are the same. */
void mindex_use_simd(mindex *ix, int on);
size_t mindex_bytes(const mindex *ix);

/* The candidates for q: indexes into the records, best first; max of
 * them, or more (at most cap, the room in out) when more reach nearly the
 * best rank, but none whose names cannot score near keep_from (the least name
 * score the caller keeps: its threshold less match_evidence_max(q); 0
 * keeps all); returns their number.  scratch is one a thread
 * (mindex_scratch). */
typedef struct mscratch mscratch;
mscratch *mindex_scratch(const mindex *ix);
void mscratch_free(mscratch *s);
size_t mindex_candidates(const mindex *ix, mscratch *s, const struct mrec *q, uint32_t *out,
                         size_t max, size_t cap, double keep_from);

#endif
