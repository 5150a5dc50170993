/*
 * translit.c -- Latin forms of names written in other scripts, through ICU.
 *
 * One transliterator is chosen per name from its letters, because ICU's
 * language-specific tables each leave the other languages' letters alone
 * (Russian-Latin/BGN keeps Ukrainian і, Ukrainian-Latin/BGN keeps Ё):
 *
 *   Cyrillic with ђ ћ џ љ њ ј             Serbian-Latin/BGN
 *   Cyrillic with ѓ ќ ѕ                   Macedonian-Latin/BGN
 *   Cyrillic with ў, or і beside ы or э   Belarusian-Latin/BGN
 *   Cyrillic with і ї є ґ                 Ukrainian-Latin/BGN
 *   Cyrillic with ъ before a consonant
 *     or at the end, or with ьо           Bulgarian-Latin/BGN
 *   other Cyrillic                        Russian-Latin/BGN
 *   Greek                                 Greek-Latin/UNGEGN
 *   Georgian, Armenian, Arabic, Hebrew    <Script>-Latin/BGN
 *   anything else                         Any-Latin
 *
 * After the chosen table, whatever Cyrillic is left goes through
 * Russian-Latin/BGN and then Cyrillic-Latin, and any other non-Latin letter
 * through Any-Latin; the few historic letters no ICU table knows (ѡ, ѿ ...)
 * are spelled by the fold table or dropped: no Cyrillic letter ever reaches
 * a Latin key.
 */
#include "text/translit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "text/fold.h"
#include "text/script.h"

#define CACHE_SLOTS 24

struct translit_cache {
    struct {
        const char *id;
        UTransliterator *t;
    } slot[CACHE_SLOTS];
    size_t n;
};

translit_cache *translit_cache_new(void)
{
    return calloc(1, sizeof(translit_cache));
}

void translit_cache_free(translit_cache *c)
{
    if (!c) return;
    for (size_t i = 0; i < c->n; i++) utrans_close(c->slot[i].t);
    free(c);
}

static int has_any(const uint32_t *cps, size_t n, const uint32_t *set)
{
    for (size_t i = 0; i < n; i++)
        for (const uint32_t *p = set; *p; p++)
            if (cps[i] == *p) return 1;
    return 0;
}

static int is_cyr_consonant(uint32_t c)
{
    /* а е ё и о у ы э ю я і ї є, the signs ь ъ and й are not consonants here */
    static const uint32_t not_cons[] = {0x430, 0x435, 0x451, 0x438, 0x43E, 0x443, 0x44B,
                                        0x44D, 0x44E, 0x44F, 0x456, 0x457, 0x454, 0x44C,
                                        0x44A, 0x439, 0};
    uint32_t lc = c >= 0x410 && c <= 0x42F ? c + 0x20 : c;
    if (lc < 0x430 || lc > 0x4FF) return 0;
    return !has_any(&lc, 1, not_cons);
}

const char *translit_pick(const uint32_t *cps, size_t n)
{
    static const uint32_t serbian[] = {0x452, 0x45B, 0x45F, 0x459, 0x45A, 0x458,
                                       0x402, 0x40B, 0x40F, 0x409, 0x40A, 0x408, 0};
    static const uint32_t macedonian[] = {0x453, 0x45C, 0x455, 0x403, 0x40C, 0x405, 0};
    static const uint32_t short_u[] = {0x45E, 0x40E, 0};
    static const uint32_t ukr_only[] = {0x457, 0x454, 0x491, 0x407, 0x404, 0x490, 0};
    static const uint32_t dotted_i[] = {0x456, 0x406, 0};
    static const uint32_t ru_by[] = {0x44B, 0x44D, 0x42B, 0x42D, 0};
    ng_script s = NG_SCRIPT_NONE;
    int cyr = 0;
    for (size_t i = 0; i < n; i++) {
        ng_script c = script_of_cp(cps[i]);
        if (c == NG_SCRIPT_CYRILLIC) cyr = 1;
        else if (c != NG_SCRIPT_NONE && c != NG_SCRIPT_LATIN && s == NG_SCRIPT_NONE) s = c;
    }
    if (cyr) {
        if (has_any(cps, n, macedonian)) return "Macedonian-Latin/BGN";
        if (has_any(cps, n, serbian)) return "Serbian-Latin/BGN";
        if (has_any(cps, n, short_u)) return "Belarusian-Latin/BGN";
        if (has_any(cps, n, dotted_i) && has_any(cps, n, ru_by) && !has_any(cps, n, ukr_only))
            return "Belarusian-Latin/BGN";
        if (has_any(cps, n, ukr_only) || has_any(cps, n, dotted_i)) return "Ukrainian-Latin/BGN";
        for (size_t i = 0; i < n; i++) {
            int hard = cps[i] == 0x44A || cps[i] == 0x42A;
            int soft_o = (cps[i] == 0x44C || cps[i] == 0x42C) && i + 1 < n &&
                         (cps[i + 1] == 0x43E || cps[i + 1] == 0x41E);
            int hard_bg = hard && (i + 1 == n || is_cyr_consonant(cps[i + 1]) ||
                                   script_of_cp(cps[i + 1]) == NG_SCRIPT_NONE);
            if (soft_o || hard_bg) return "Bulgarian-Latin/BGN";
        }
        return "Russian-Latin/BGN";
    }
    switch (s) {
    case NG_SCRIPT_NONE: return NULL;
    case NG_SCRIPT_GREEK: return "Greek-Latin/UNGEGN";
    case NG_SCRIPT_GEORGIAN: return "Georgian-Latin/BGN";
    case NG_SCRIPT_ARMENIAN: return "Armenian-Latin/BGN";
    case NG_SCRIPT_ARABIC: return "Arabic-Latin/BGN";
    case NG_SCRIPT_HEBREW: return "Hebrew-Latin/BGN";
    case NG_SCRIPT_HAN: return "Han-Latin/Names";
    default: return "Any-Latin";
    }
}

static UTransliterator *get(translit_cache *c, const char *id, char *err, size_t errlen)
{
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->slot[i].id, id) == 0) return c->slot[i].t;
    if (c->n == CACHE_SLOTS) {
        snprintf(err, errlen, "too many transliterators (limit %d)", CACHE_SLOTS);
        return NULL;
    }
    UChar uid[64];
    UErrorCode e = U_ZERO_ERROR;
    u_strFromUTF8(uid, 64, NULL, id, -1, &e);
    UTransliterator *t = utrans_openU(uid, -1, UTRANS_FORWARD, NULL, 0, NULL, &e);
    if (U_FAILURE(e) || !t) {
        snprintf(err, errlen, "ICU cannot open transliterator %s: %s", id, u_errorName(e));
        return NULL;
    }
    c->slot[c->n].id = id;
    c->slot[c->n].t = t;
    c->n++;
    return t;
}

/* Which non-Latin letters remain in u[0..n): bit 0 Cyrillic, bit 1 other. */
static int leftovers(const UChar *u, int32_t n)
{
    int r = 0;
    for (int32_t i = 0; i < n;) {
        UChar32 c;
        U16_NEXT(u, i, n, c);
        ng_script s = script_of_cp((uint32_t)c);
        if (s == NG_SCRIPT_CYRILLIC) r |= 1;
        else if (s != NG_SCRIPT_NONE && s != NG_SCRIPT_LATIN) r |= 2;
    }
    return r;
}

/* Transliteration may grow text: щ becomes shch, ѱ ps; four UTF-16 units
 * out for one in, plus slack, is more than any table here needs. */
#define GROWTH 4

static int apply(translit_cache *c, const char *id, UChar *u, int32_t cap, int32_t *n,
                 char *err, size_t errlen)
{
    UTransliterator *t = get(c, id, err, errlen);
    if (!t) return -1;
    UErrorCode e = U_ZERO_ERROR;
    int32_t limit = *n;
    utrans_transUChars(t, u, n, cap, 0, &limit, &e);
    if (U_FAILURE(e)) {
        snprintf(err, errlen, "ICU transliteration %s failed: %s", id, u_errorName(e));
        return -1;
    }
    return 0;
}

/* Replaces the Cyrillic letters no ICU table knows (historic ѡ ѣ ѳ ѵ, and
 * rarer ones) by the fold table's Latin, or drops them. */
static void last_resort(UChar *u, int32_t *n)
{
    int32_t o = 0;
    for (int32_t i = 0; i < *n;) {
        UChar32 ch;
        int32_t start = i;
        U16_NEXT(u, i, *n, ch);
        if (script_of_cp((uint32_t)ch) != NG_SCRIPT_CYRILLIC) {
            while (start < i) u[o++] = u[start++];
            continue;
        }
        const char *f = text_fold_cp(text_tolower((uint32_t)ch));
        for (; f && *f && o < i; f++) u[o++] = (UChar)(unsigned char)*f;
    }
    *n = o;
}

ng_status translit_to_latin(translit_cache *c, const char *id, const char *s,
                            char **out, char *err, size_t errlen)
{
    *out = NULL;
    int32_t n = 0;
    UErrorCode e = U_ZERO_ERROR;
    u_strFromUTF8(NULL, 0, &n, s, -1, &e);
    int32_t cap = GROWTH * n + 16;
    UChar *u = malloc((size_t)cap * sizeof *u);
    if (!u) return NG_ENOMEM;
    e = U_ZERO_ERROR;
    u_strFromUTF8(u, cap, &n, s, -1, &e);
    ng_status st = NG_EICU;
    if (U_FAILURE(e)) {
        snprintf(err, errlen, "ICU cannot read the text: %s", u_errorName(e));
        goto done;
    }
    if (id && apply(c, id, u, cap, &n, err, errlen)) goto done;
    int left = leftovers(u, n);
    if ((left & 1) && apply(c, "Russian-Latin/BGN", u, cap, &n, err, errlen)) goto done;
    if ((leftovers(u, n) & 1) && apply(c, "Cyrillic-Latin", u, cap, &n, err, errlen)) goto done;
    if (leftovers(u, n) && apply(c, "Any-Latin", u, cap, &n, err, errlen)) goto done;
    if (leftovers(u, n) & 1) last_resort(u, &n);
    int32_t need = 0;
    e = U_ZERO_ERROR;
    u_strToUTF8(NULL, 0, &need, u, n, &e);
    char *r = malloc((size_t)need + 1);
    if (!r) { st = NG_ENOMEM; goto done; }
    e = U_ZERO_ERROR;
    u_strToUTF8(r, need + 1, NULL, u, n, &e);
    if (U_FAILURE(e)) {
        free(r);
        snprintf(err, errlen, "ICU UTF-8 conversion failed: %s", u_errorName(e));
        goto done;
    }
    *out = r;
    st = NG_OK;
done:
    free(u);
    return st;
}
