/* test_postings.c -- the index's lists of records: unpacked eight at a
 * time and one at a time, against a plain reading, for every width; and
 * the records kept by bitmaps, both ways. */
#include "testutil.h"
#include "match/postings.h"

/* a small generator of our own, the same on every machine */
static uint64_t rnd_state = 0x9E3779B97F4A7C15ull;
static uint32_t rnd(void)
{
    rnd_state ^= rnd_state << 13;
    rnd_state ^= rnd_state >> 7;
    rnd_state ^= rnd_state << 17;
    return (uint32_t)(rnd_state >> 11);
}

/* Packs n differences d of w bits, as the index does, into a block of
 * exactly the bytes they take and the slack (so that a read past the slack
 * is caught under the sanitizer). */
static uint8_t *pack(const uint32_t *d, size_t n, unsigned w)
{
    size_t bytes = (n * w + 7) / 8 + POSTINGS_PAD;
    uint8_t *p = calloc(bytes, 1);
    assert_non_null(p);
    for (size_t i = 0; i < n; i++)
        for (unsigned b = 0; b < w; b++)
            if ((d[i] >> b) & 1) p[(i * w + b) / 8] |= (uint8_t)(1u << ((i * w + b) % 8));
    return p;
}

static void test_decode_widths(void **state)
{
    (void)state;
    if (!postings_simd()) print_message("no AVX2 here: the eight-at-a-time reading falls back, and is not tested\n");
    static const size_t lengths[] = {0, 1, 7, 8, 9, 15, 16, 17, 255, 256, 257, 600, 1031};
    uint32_t *d = malloc(1100 * sizeof *d), *want = malloc(1100 * sizeof *want);
    uint32_t *got = malloc(1100 * sizeof *got);
    assert_true(d && want && got);
    for (unsigned w = 1; w <= 31; w++)
        for (size_t li = 0; li < sizeof lengths / sizeof *lengths; li++) {
            size_t n = lengths[li];
            uint32_t mask = (uint32_t)((1ull << w) - 1);
            /* the widest difference, none, and any between */
            for (size_t i = 0; i < n; i++) d[i] = i % 5 == 0 ? mask : i % 7 == 0 ? 0 : rnd() & mask;
            uint8_t *p = pack(d, n, w);
            uint32_t r = 1000;
            for (size_t i = 0; i < n; i++) want[i] = r += d[i];
            /* in runs, as the index reads: from multiples of 8 and not */
            static const size_t runs[] = {256, 8, 24, 5, 1000};
            for (size_t ri = 0; ri < sizeof runs / sizeof *runs; ri++)
                for (int simd = 0; simd < 2; simd++) {
                    memset(got, 0xEE, n * sizeof *got);
                    uint32_t at = 1000;
                    for (size_t k = 0; k < n; k += runs[ri]) {
                        size_t m = n - k < runs[ri] ? n - k : runs[ri];
                        at = postings_decode(p, w, k, m, at, got + k, simd);
                    }
                    if (n && memcmp(got, want, n * sizeof *got) != 0)
                        fail_msg("width %u, %zu differences, runs of %zu, simd %d: differ", w, n, runs[ri], simd);
                    assert_int_equal(at, n ? want[n - 1] : 1000);
                }
            free(p);
        }
    free(d);
    free(want);
    free(got);
}

static void test_keep(void **state)
{
    (void)state;
    enum { WORDS = 40 };
    uint64_t maps[4][WORDS];
    const uint64_t *m[4] = {maps[0], maps[1], maps[2], maps[3]};
    uint32_t run[64], a[64], b[64], want[64];
    for (int round = 0; round < 400; round++) {
        int nm = round % 5;
        for (int k = 0; k < 4; k++)
            for (size_t i = 0; i < WORDS; i++)
                maps[k][i] = (uint64_t)rnd() << 32 ^ rnd() ^ (round & 1 ? 0 : (uint64_t)rnd() << 13);
        size_t n = (size_t)round % 50, nw = 0;
        for (size_t i = 0; i < n; i++) {
            run[i] = rnd() % (WORDS * 64);
            uint64_t x = 0;
            for (int k = 0; k < nm; k++) x |= maps[k][run[i] >> 6];
            if ((x >> (run[i] & 63)) & 1) want[nw++] = run[i];
        }
        memcpy(a, run, sizeof run);
        memcpy(b, run, sizeof run);
        size_t na = postings_keep(m, nm, a, n, 1), nb = postings_keep(m, nm, b, n, 0);
        assert_int_equal(na, nw);
        assert_int_equal(nb, nw);
        assert_memory_equal(a, want, nw * sizeof *a);
        assert_memory_equal(b, want, nw * sizeof *b);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decode_widths),
        cmocka_unit_test(test_keep),
    };
    return cmocka_run_group_tests_name("postings", tests, NULL, NULL);
}
