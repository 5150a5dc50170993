/*
 * phonetic.h -- phonetic keys for Slavic names under any romanisation.
 */
#ifndef NG_NAMES_PHONETIC_H
#define NG_NAMES_PHONETIC_H

#include <stddef.h>
#include <stdint.h>

#include "nongrata.h"

#define PHON_NCONV 9 /* EN FR DE PL CS HU NL ES IT */

typedef struct phon phon;

/* Builds the rule index from the tables of data/names; NULL when memory runs out. */
phon *phon_new(void);
void phon_free(phon *p);

/* Keys of a Latin token given as lowercase NFC code points: one per
 * convention, duplicates merged, at most NG_TOKEN_MAX_KEYS.  keys[i] must
 * hold NG_KEY_MAX_BYTES bytes.  Only conventions in allowed are tried
 * (see phon_allowed).  conv_of[i] receives a bit mask of the
 * conventions that gave keys[i].  Returns the number of keys (0 when the
 * token has no letter). */
size_t phon_latin_keys(const phon *p, const uint32_t *cps, size_t n, unsigned allowed,
                       char keys[][NG_KEY_MAX_BYTES], unsigned *conv_of);

/* The conventions a whole name may be read under (bit c for convention
 * c): those that need no evidence, and those whose evidence (a
 * "CONV ? ..." row of latin_rules.txt) shows somewhere in the name. */
unsigned phon_allowed(const phon *p, const uint32_t *cps, size_t n);

/* The key of a Cyrillic token (lowercase NFC code points) into key
 * (NG_KEY_MAX_BYTES); returns its length. */
size_t phon_cyrillic_key(const phon *p, const uint32_t *cps, size_t n, char *key);

/* Weighted edit distance between two keys, scaled to a similarity in [0,1]:
 * vowels for vowels, g for h, s for z and the like cost less than other
 * edits (the cost table is in phonetic.c); 0 as soon as the similarity
 * cannot reach min_sim: the rows are abandoned once every path costs too
 * much. */
double phon_key_sim_min(const phon *p, const char *a, size_t la, const char *b, size_t lb,
                        double min_sim);
/* The weighted edit distance of two keys, in tenths (a consonant for
 * another costs 10), or maxd + 1 as soon as it must exceed maxd. */
unsigned phon_key_dist(const phon *p, const char *a, size_t la, const char *b, size_t lb,
                       unsigned maxd);

/* A 64-bit set of the symbols of a key (for phon_mask_bound). */
uint64_t phon_key_mask(const char *key, size_t len);

/* The cost tiers of phon_mask_bound: symbols by the cost of their
 * cheapest edit.  The scorer keeps a copy so that the bounds inline. */
struct phon_tiers {
    uint64_t set[2];
    unsigned cost[2];
};
void phon_get_tiers(const phon *p, struct phon_tiers *out);

/* Bits set in x (SWAR: no popcnt instruction is assumed of the CPU). */
static inline unsigned phon_popcount64(uint64_t x)
{
    x = x - ((x >> 1) & 0x5555555555555555ull);
    x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
    x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0Full;
    return (unsigned)((x * 0x0101010101010101ull) >> 56);
}

/* A lower bound, in tenths, on the distance of two keys given the set of
 * symbols one key has and the other lacks: each costs at least its
 * cheapest deletion or substitution into a symbol the other has. */
static inline unsigned phon_mask_bound1(const struct phon_tiers *t, uint64_t missing)
{
    return t->cost[0] * phon_popcount64(missing & t->set[0]) +
           t->cost[1] * phon_popcount64(missing & t->set[1]);
}

/* The same bound from the symbol sets of both keys: the larger side.
 * Cheap enough to skip most edit-distance runs between unlike names. */
static inline unsigned phon_mask_bound(const struct phon_tiers *t, uint64_t ma, uint64_t mb)
{
    unsigned sa = phon_mask_bound1(t, ma & ~mb), sb = phon_mask_bound1(t, mb & ~ma);
    return sa > sb ? sa : sb;
}

/* Whether key symbol c is a vowel of the key alphabet. */
int phon_is_vowel(char c);

#endif
