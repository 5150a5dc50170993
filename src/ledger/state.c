/*
 * state.c -- states and bodies as the ledger names them: ISO 3166 alpha-3
 * codes, from every name records/country.c knows (ICU's names in several
 * languages, demonyms, the historic states) and the rows of
 * data/ledger/states.txt (EU, NATO; capitals and seats of government,
 * read as their state only when asked: "Moscow" is Russia in a news
 * sentence, not in a list of places).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>

#include "ledger/ledger.h"
#include "records/country.h"
#include "text/strmap.h"
#include "text/tables.h"

struct known {
    char code[LSTATE_MAX];
    char name[64];
};

static strmap *names, *seats;  /* folded words -> index in codes */
static struct known *codes;     /* every code with its English name */
static size_t ncodes, capcodes;
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* s folded: lowercase letters and digits only, a leading "the" dropped. */
static size_t fold_words(const char *s, char *out, size_t cap)
{
    char *f = NULL;
    out[0] = 0;
    if (ng_text_fold(s, strlen(s), &f) != NG_OK || !f) return 0;
    const char *p = f;
    while (*p == ' ') p++;
    if (strncmp(p, "the ", 4) == 0) p += 4;
    size_t k = 0;
    for (; *p && k + 1 < cap; p++) {
        unsigned char c = (unsigned char)*p;
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) out[k++] = (char)c;
        else if (c >= 'A' && c <= 'Z') out[k++] = (char)(c + 32);
    }
    out[k] = 0;
    free(f);
    return k;
}

static long code_index(const char *code)
{
    for (size_t i = 0; i < ncodes; i++)
        if (strcmp(codes[i].code, code) == 0) return (long)i;
    return -1;
}

static long add_code(const char *code, const char *name)
{
    long i = code_index(code);
    if (i >= 0) return i;
    if (ncodes == capcodes) {
        size_t nc = capcodes ? 2 * capcodes : 320;
        struct known *p = realloc(codes, nc * sizeof *p);
        if (!p) return -1;
        codes = p;
        capcodes = nc;
    }
    snprintf(codes[ncodes].code, sizeof codes[ncodes].code, "%s", code);
    snprintf(codes[ncodes].name, sizeof codes[ncodes].name, "%s", name);
    return (long)ncodes++;
}

static void build(void)
{
    names = strmap_new();
    seats = strmap_new();
    if (!names || !seats) return;
    /* English names of the codes ICU knows */
    for (const char *const *c = uloc_getISOCountries(); c && *c; c++) {
        char loc[8], a3[4];
        snprintf(loc, sizeof loc, "_%s", *c);
        if (!country_alpha3(((*c)[0] << 8) | (*c)[1], a3)) continue;
        UChar u[128];
        UErrorCode st = U_ZERO_ERROR;
        int32_t n = uloc_getDisplayCountry(loc, "en", u, 128, &st);
        char utf8[64] = "";
        if (U_SUCCESS(st) && n > 0) {
            int32_t m = 0;
            st = U_ZERO_ERROR;
            u_strToUTF8(utf8, sizeof utf8 - 1, &m, u, n, &st);
            if (U_FAILURE(st) || m <= 0 || m >= (int32_t)sizeof utf8) utf8[0] = 0;
            else utf8[m] = 0;
        }
        add_code(a3, utf8[0] ? utf8 : a3);
    }
    add_code("SUN", "USSR");
    add_code("DDR", "East Germany");
    add_code("CSK", "Czechoslovakia");
    add_code("YUG", "Yugoslavia");
    add_code("EU", "European Union");
    add_code("NATO", "NATO");
    const ng_table *t = &ng_tab_states;
    const char *const *row = t->cells;
    for (size_t r = 0; r < t->nrows; r++, row = table_next(row)) {
        if (table_nfields(row) < 3) continue;
        long i = code_index(row[0]);
        if (i < 0) continue;
        char words[256] = "";
        for (size_t f = 2; row[f]; f++) {
            if (strlen(words) + strlen(row[f]) + 2 > sizeof words) break;
            if (f > 2) strcat(words, " ");
            strcat(words, row[f]);
        }
        char k[256];
        size_t n = fold_words(words, k, sizeof k);
        strmap *m = strcmp(row[1], "seat") == 0 ? seats : names;
        int32_t old;
        if (n && !strmap_get(m, k, n, &old)) strmap_put(m, k, n, (int32_t)i);
    }
}

int ledger_state(const char *text, int metonyms, char code[LSTATE_MAX])
{
    pthread_once(&once, build);
    if (!text || !names) return 0;
    char k[256];
    size_t n = fold_words(text, k, sizeof k);
    if (!n) return 0;
    int32_t i;
    if (strmap_get(names, k, n, &i) || (metonyms && strmap_get(seats, k, n, &i))) {
        memcpy(code, codes[i].code, LSTATE_MAX);
        return 1;
    }
    /* records/country.c folds the same way, but keeps "the" */
    const char *p = text;
    while (*p == ' ') p++;
    if ((p[0] == 't' || p[0] == 'T') && (p[1] == 'h' || p[1] == 'H') &&
        (p[2] == 'e' || p[2] == 'E') && p[3] == ' ')
        p += 4;
    int c = country_code(p);
    char a3[4];
    if (!c || !country_alpha3(c, a3)) return 0;
    memcpy(code, a3, 4);
    return 1;
}

const char *ledger_state_name(const char *code)
{
    pthread_once(&once, build);
    long i = code ? code_index(code) : -1;
    return i >= 0 ? codes[i].name : code ? code : "";
}
