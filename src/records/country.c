/*
 * country.c -- names of states to ISO 3166 codes.
 *
 * ICU knows every state's name in many languages (uloc_getDisplayCountry):
 * the English, French, German, Russian, Ukrainian, Polish, Spanish and
 * Dutch names, the alpha-2 and alpha-3 codes, and the rows of
 * data/records/countries.txt (other official names, demonyms) go into one
 * map of folded names (lowercase, marks and punctuation dropped), built
 * once per process.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>

#include "records/country.h"
#include "nongrata.h"
#include "text/strmap.h"
#include "text/tables.h"

static strmap *names;

/* States that ICU no longer lists: their alpha-2 and alpha-3 codes (ISO
 * 3166-3). */
static const char historic[][2][4] = {
    {"SU", "SUN"}, /* the USSR */
    {"DD", "DDR"}, /* East Germany */
    {"CS", "CSK"}, /* Czechoslovakia */
    {"YU", "YUG"}, /* Yugoslavia */
};
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* s folded, letters and digits only, into out. */
static size_t fold_key(const char *s, char *out, size_t cap)
{
    char *f = NULL;
    if (ng_text_fold(s, strlen(s), &f) != NG_OK || !f) { out[0] = 0; return 0; }
    size_t k = 0;
    for (const char *p = f; *p && k + 1 < cap; p++) {
        unsigned char c = (unsigned char)*p;
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) out[k++] = (char)c;
        else if (c >= 'A' && c <= 'Z') out[k++] = (char)(c + 32);
    }
    while (k && ((unsigned char)out[k - 1] & 0xC0) == 0xC0) k--;
    out[k] = 0;
    free(f);
    return k;
}

static void add(const char *name, int code)
{
    char k[256];
    size_t n = fold_key(name, k, sizeof k);
    int32_t old;
    if (n && !strmap_get(names, k, n, &old)) strmap_put(names, k, n, code);
}

static void build(void)
{
    names = strmap_new();
    if (!names) return;
    static const char *const langs[] = {"en", "fr", "de", "ru", "uk", "pl", "es", "nl"};
    for (const char *const *c = uloc_getISOCountries(); c && *c; c++) {
        int code = ((*c)[0] << 8) | (*c)[1];
        char loc[8];
        snprintf(loc, sizeof loc, "_%s", *c);
        add(*c, code);
        const char *a3 = uloc_getISO3Country(loc);
        if (a3 && *a3) add(a3, code);
        for (size_t i = 0; i < sizeof langs / sizeof langs[0]; i++) {
            UChar u[128];
            UErrorCode st = U_ZERO_ERROR;
            int32_t n = uloc_getDisplayCountry(loc, langs[i], u, 128, &st);
            if (U_FAILURE(st) || n <= 0) continue;
            char utf8[512];
            int32_t m = 0;
            st = U_ZERO_ERROR;
            u_strToUTF8(utf8, sizeof utf8, &m, u, n, &st);
            if (U_SUCCESS(st) && m > 0 && m < (int32_t)sizeof utf8) {
                utf8[m] = 0;
                add(utf8, code);
            }
        }
    }
    for (size_t i = 0; i < sizeof historic / sizeof historic[0]; i++) {
        int code = (historic[i][0][0] << 8) | historic[i][0][1];
        add(historic[i][0], code);
        add(historic[i][1], code);
    }
    const ng_table *t = &ng_tab_countries;
    const char *const *row = t->cells;
    for (size_t r = 0; r < t->nrows; r++, row = table_next(row)) {
        if (!row[0] || strlen(row[0]) != 2 || !row[1]) continue;
        int code = (row[0][0] << 8) | row[0][1];
        char name[256] = "";
        for (size_t f = 1; row[f]; f++) {
            if (strlen(name) + strlen(row[f]) + 2 > sizeof name) break;
            if (f > 1) strcat(name, " ");
            strcat(name, row[f]);
        }
        add(name, code);
    }
}

int country_code(const char *text)
{
    pthread_once(&once, build);
    if (!names || !text) return 0;
    char k[256];
    size_t n = fold_key(text, k, sizeof k);
    int32_t code;
    return n && strmap_get(names, k, n, &code) ? code : 0;
}

char *country_letters(int code, char *buf)
{
    buf[0] = (char)((code >> 8) & 0xFF);
    buf[1] = (char)(code & 0xFF);
    buf[2] = 0;
    return buf;
}

char *country_alpha3(int code, char *buf)
{
    char a2[3];
    country_letters(code, a2);
    for (size_t i = 0; i < sizeof historic / sizeof historic[0]; i++)
        if (strcmp(historic[i][0], a2) == 0) return memcpy(buf, historic[i][1], 4);
    char loc[8];
    snprintf(loc, sizeof loc, "_%s", a2);
    const char *a3 = uloc_getISO3Country(loc);
    if (!a3 || strlen(a3) != 3) return NULL;
    memcpy(buf, a3, 4);
    return buf;
}
