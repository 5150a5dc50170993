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

uint32_t text_tolower(uint32_t cp) { return (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp); }
uint32_t text_toupper(uint32_t cp) { return (uint32_t)utf8proc_toupper((utf8proc_int32_t)cp); }

int text_isupper(uint32_t cp)
{
    return utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_LU;
}

int text_isletter(uint32_t cp)
{
    utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

int text_ismark(uint32_t cp)
{
    utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
    return c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME;
}
