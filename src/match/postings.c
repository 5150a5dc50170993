/*
 * postings.c -- the index's lists of records, read fast.
 *
 * A query at a million records reads some 30,000 records of the lists of
 * its common names' keys, and tests most against the pool of candidates
 * or a bitmap of another token: one at a time, that was a third of its
 * time.  Where the processor has AVX2 (asked at run time: the build is
 * for any x86-64), eight differences are unpacked at once, and eight
 * records tested against the bitmaps at once.
 */
#include "match/postings.h"

#include <string.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define POSTINGS_AVX2 1
#else
#define POSTINGS_AVX2 0
#endif

int postings_simd(void)
{
#if POSTINGS_AVX2
    return __builtin_cpu_supports("avx2");
#else
    return 0;
#endif
}

#if POSTINGS_AVX2
/* Differences k to k + m of the list (k and m multiples of 8, w at most
 * 25): eight take w bytes, so each eight is laid out alike.  The bytes of
 * each of the eight are shuffled into its lane, shifted and masked, and
 * summed across the lanes (a prefix sum), the record before added. */
__attribute__((target("avx2")))
static uint32_t decode8(const uint8_t *p, unsigned w, size_t k, size_t m, uint32_t r, uint32_t *out)
{
    uint8_t ctrl[32];
    int32_t shift[8];
    unsigned half = (4 * w) >> 3; /* the byte the second four are read from */
    for (unsigned j = 0; j < 8; j++) {
        unsigned b = j * w;
        unsigned at = (b >> 3) - (j < 4 ? 0 : half);
        for (unsigned q = 0; q < 4; q++) ctrl[(j < 4 ? 0 : 16) + (j & 3) * 4 + q] = (uint8_t)(at + q);
        shift[j] = (int32_t)(b & 7);
    }
    const __m256i vc = _mm256_loadu_si256((const __m256i *)(const void *)ctrl);
    const __m256i vs = _mm256_loadu_si256((const __m256i *)(const void *)shift);
    const __m256i vm = _mm256_set1_epi32((int32_t)((1u << w) - 1));
    const __m256i last = _mm256_set1_epi32(7);
    const __m256i fourth = _mm256_setr_epi32(0, 0, 0, 0, 3, 3, 3, 3);
    __m256i base = _mm256_set1_epi32((int32_t)r);
    p += k / 8 * w;
    for (size_t i = 0; i < m; i += 8, p += w) {
        __m256i x = _mm256_inserti128_si256(
            _mm256_castsi128_si256(_mm_loadu_si128((const __m128i *)(const void *)p)),
            _mm_loadu_si128((const __m128i *)(const void *)(p + half)), 1);
        x = _mm256_and_si256(_mm256_srlv_epi32(_mm256_shuffle_epi8(x, vc), vs), vm);
        x = _mm256_add_epi32(x, _mm256_slli_si256(x, 4));
        x = _mm256_add_epi32(x, _mm256_slli_si256(x, 8));
        /* the second four after the first's last */
        x = _mm256_add_epi32(x, _mm256_blend_epi32(_mm256_setzero_si256(),
                                                   _mm256_permutevar8x32_epi32(x, fourth), 0xF0));
        x = _mm256_add_epi32(x, base);
        _mm256_storeu_si256((__m256i *)(void *)(out + i), x);
        base = _mm256_permutevar8x32_epi32(x, last);
    }
    return out[m - 1];
}

/* Which of the 8 records v one of the nm bitmaps m holds: a bit each. */
__attribute__((target("avx2")))
static unsigned hits8(const uint64_t *const *m, int nm, const uint32_t *v)
{
    __m256i r = _mm256_loadu_si256((const __m256i *)(const void *)v);
    __m256i word = _mm256_srli_epi32(r, 6);
    __m128i wlo = _mm256_castsi256_si128(word), whi = _mm256_extracti128_si256(word, 1);
    __m256i lo = _mm256_setzero_si256(), hi = lo;
    for (int k = 0; k < nm; k++) {
        const long long *b = (const long long *)(const void *)m[k];
        lo = _mm256_or_si256(lo, _mm256_i32gather_epi64(b, wlo, 8));
        hi = _mm256_or_si256(hi, _mm256_i32gather_epi64(b, whi, 8));
    }
    /* each record's bit to the top of its word, where movemask reads it */
    __m256i up = _mm256_sub_epi32(_mm256_set1_epi32(63), _mm256_and_si256(r, _mm256_set1_epi32(63)));
    lo = _mm256_sllv_epi64(lo, _mm256_cvtepu32_epi64(_mm256_castsi256_si128(up)));
    hi = _mm256_sllv_epi64(hi, _mm256_cvtepu32_epi64(_mm256_extracti128_si256(up, 1)));
    return (unsigned)_mm256_movemask_pd(_mm256_castsi256_pd(lo)) |
           (unsigned)_mm256_movemask_pd(_mm256_castsi256_pd(hi)) << 4;
}
#endif

uint32_t postings_decode(const uint8_t *p, unsigned w, size_t k, size_t m, uint32_t r,
                         uint32_t *out, int simd)
{
    size_t i = 0;
#if POSTINGS_AVX2
    if (simd && w <= 25 && m >= 8 && k % 8 == 0 && postings_simd()) {
        i = m & ~(size_t)7;
        r = decode8(p, w, k, i, r, out);
    }
#else
    (void)simd;
#endif
    /* each difference by itself: a load at its byte, a shift, a mask */
    uint64_t mask = ((uint64_t)1 << w) - 1;
    for (size_t bit = (k + i) * w; i < m; i++, bit += w) {
        uint64_t x;
        memcpy(&x, p + (bit >> 3), 8);
        r += (uint32_t)((x >> (bit & 7)) & mask);
        out[i] = r;
    }
    return r;
}

size_t postings_keep(const uint64_t *const *m, int nm, uint32_t *run, size_t n, int simd)
{
    size_t k = 0, i = 0;
#if POSTINGS_AVX2
    if (simd && postings_simd())
        for (; i + 8 <= n; i += 8)
            for (unsigned h = hits8(m, nm, run + i); h; h &= h - 1)
                run[k++] = run[i + (size_t)__builtin_ctz(h)];
#else
    (void)simd;
#endif
    for (; i < n; i++) {
        uint64_t x = 0;
        for (int j = 0; j < nm; j++) x |= m[j][run[i] >> 6];
        if ((x >> (run[i] & 63)) & 1) run[k++] = run[i];
    }
    return k;
}
