/*
 * fold.c -- what two spellings have in common once case, marks and
 * compatibility forms are set aside.
 *
 * ng_text_fold() is NFKC + case folding + mark stripping (utf8proc), then
 * the fold table data/text/fold.txt for letters that Unicode does not
 * decompose, then the removal of default-ignorable code points:
 *
 *     "Ławrow"        -> "lawrow"
 *     "Sergueï"       -> "serguei"
 *     "STRAßE"        -> "strasse"
 *     "Lukash·enka"   -> "lukashenka"
 *     "Zelensʹkyy"    -> "zelenskyy"
 *     "ﬁ" (ligature)  -> "fi"
 *
 * It is meant for Latin text: on Cyrillic it would turn й into и and ё into
 * е, which is why the name engine keys Cyrillic from text_lower() instead.
 */
#include "text/fold.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "text/tables.h"
#include "text/utf8.h"

static ng_status map(const char *s, size_t len, utf8proc_option_t opt, char **out)
{
    utf8proc_uint8_t *dst = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s,
                                      (utf8proc_ssize_t)len, &dst, opt);
    if (n < 0) {
        *out = NULL;
        return n == UTF8PROC_ERROR_NOMEM ? NG_ENOMEM : NG_EUNICODE;
    }
    *out = (char *)dst;
    return NG_OK;
}

ng_status text_nfc(const char *s, size_t len, char **out)
{
    return map(s, len, UTF8PROC_STABLE | UTF8PROC_COMPOSE, out);
}

/* Code points NFC leaves alone wherever they stand: Latin to the spacing
 * modifiers (U+0000-02FF) and Cyrillic without its combining signs
 * (U+0400-0482, U+048A-052F).  None has a singleton decomposition or
 * composes with what precedes it; the test checks every one, alone and
 * in pairs, against utf8proc. */
static int nfc_inert(uint32_t cp)
{
    return cp < 0x300 || (cp >= 0x400 && cp < 0x483) || (cp >= 0x48A && cp < 0x530);
}

int text_is_nfc_inert(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        if (p[i] < 0x80) { i++; continue; }
        /* two-byte sequences cover U+0080-07FF; longer ones are not inert */
        if ((p[i] & 0xE0) != 0xC0 || i + 1 >= len || (p[i + 1] & 0xC0) != 0x80) return 0;
        uint32_t cp = ((uint32_t)(p[i] & 0x1F) << 6) | (p[i + 1] & 0x3F);
        if (!nfc_inert(cp)) return 0;
        i += 2;
    }
    return 1;
}

ng_status text_lower(const char *s, size_t len, char **out)
{
    /* compatibility forms too: the digraph ǆ is d + ž, the ligature ﬁ f + i */
    return map(s, len, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD,
               out);
}

/* First code point of a table field. */
static uint32_t first_cp(const char *f)
{
    size_t i = 0;
    return utf8_next(f, strlen(f), &i, NULL);
}

const char *text_fold_cp(uint32_t cp)
{
    /* fold.txt has two fields a row (three cells with the closing NULL)
     * and the generator sorts it by code point: binary search */
    const ng_table *t = &ng_tab_fold;
    size_t lo = 0, hi = t->nrows;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const char *const *row = t->cells + 3 * mid;
        uint32_t c = first_cp(row[0]);
        if (c == cp) return row[1] ? row[1] : "";
        if (c < cp) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}

ng_status ng_text_fold(const char *s, size_t len, char **out)
{
    char *m = NULL;
    ng_status st = map(s, len, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
                       UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE, &m);
    if (st != NG_OK) return st;
    size_t mlen = strlen(m);
    /* a fold replacement is at most 2 bytes per input byte ("þ" -> "th") */
    char *r = malloc(2 * mlen + 1);
    if (!r) { free(m); return NG_ENOMEM; }
    size_t i = 0, o = 0;
    while (i < mlen) {
        size_t start = i;
        uint32_t cp = utf8_next(m, mlen, &i, NULL);
        const char *f = cp >= 0x80 || cp == '\'' || cp == '`' ? text_fold_cp(cp) : NULL;
        if (f) {
            size_t fl = strlen(f);
            memcpy(r + o, f, fl);
            o += fl;
        } else {
            memcpy(r + o, m + start, i - start);
            o += i - start;
        }
    }
    r[o] = 0;
    free(m);
    *out = r;
    return NG_OK;
}

/* ASCII answered here: most letters of most names are */
uint32_t text_tolower(uint32_t cp)
{
    if (cp < 0x80) return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
    return (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp);
}

uint32_t text_toupper(uint32_t cp)
{
    if (cp < 0x80) return cp >= 'a' && cp <= 'z' ? cp - 32 : cp;
    return (uint32_t)utf8proc_toupper((utf8proc_int32_t)cp);
}

int text_isupper(uint32_t cp)
{
    if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
    return utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_LU;
}

int text_isletter(uint32_t cp)
{
    if (cp < 0x80) return (cp | 32) >= 'a' && (cp | 32) <= 'z';
    utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

int text_ismark(uint32_t cp)
{
    if (cp < 0x80) return 0;
    utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
    return c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME;
}
