/*
 * postings.h -- the index's lists of records, read fast (postings.c).
 *
 * A list is its first record, then the difference of each record from
 * the one before in w bits, packed from the lowest bit of each byte up:
 * difference i (from 0) at bit i * w.
 */
#ifndef NG_MATCH_POSTINGS_H
#define NG_MATCH_POSTINGS_H

#include <stddef.h>
#include <stdint.h>

/* Bytes a reader may touch past the last difference. */
#define POSTINGS_PAD 16

/* Whether this processor reads eight differences at a time (AVX2). */
int postings_simd(void);

/* Differences k .. k + m - 1 of the list at p, each of w bits (1 to 31),
 * added in turn to r, into out[0..m); returns the last record (r when m
 * is 0).  With simd (and postings_simd()), k a multiple of 8, eight at a
 * time; the same records either way. */
uint32_t postings_decode(const uint8_t *p, unsigned w, size_t k, size_t m, uint32_t r,
                         uint32_t *out, int simd);

/* Keeps the records of run[0..n) whose bit one of the nm bitmaps m has
 * set, in order; returns how many.  With simd (and postings_simd()) eight
 * are tested at a time. */
size_t postings_keep(const uint64_t *const *m, int nm, uint32_t *run, size_t n, int simd);

#endif
