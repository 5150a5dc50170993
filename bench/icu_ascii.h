/*
 * icu_ascii.h -- the baselines' transliteration, shared by the benchmarks:
 * any script to lowercase ASCII through ICU ("Any-Latin; Latin-ASCII;
 * Lower"), the way a user of ICU alone would do it.
 */
#ifndef NG_BENCH_ICU_ASCII_H
#define NG_BENCH_ICU_ASCII_H

#include <unicode/ustring.h>
#include <unicode/utrans.h>

/* Opens the transliterator; NULL when ICU refuses. Close with utrans_close. */
static inline UTransliterator *icu_ascii_open(void)
{
    UErrorCode e = U_ZERO_ERROR;
    UChar id[64];
    u_strFromUTF8(id, 64, NULL, "Any-Latin; Latin-ASCII; Lower", -1, &e);
    UTransliterator *t = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &e);
    return U_FAILURE(e) ? NULL : t;
}

/* s transliterated into out (cap bytes); "" when it does not fit. */
static inline void icu_ascii(UTransliterator *t, const char *s, char *out, size_t cap)
{
    UChar u[4096];
    int32_t n = 0;
    UErrorCode e = U_ZERO_ERROR;
    u_strFromUTF8(u, 1024, &n, s, -1, &e);
    int32_t lim = n;
    if (U_SUCCESS(e)) utrans_transUChars(t, u, &n, 4096, 0, &lim, &e);
    if (U_FAILURE(e)) n = 0;
    e = U_ZERO_ERROR;
    u_strToUTF8(out, (int32_t)cap, NULL, u, n, &e);
    if (U_FAILURE(e) || cap == 0) out[0] = 0;
}

#endif
