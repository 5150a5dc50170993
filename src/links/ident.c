/*
 * ident.c -- identifiers made comparable (links.h: links_normalize).
 *
 *   passport, id   "65 4341294", "654341294"           -> 654341294
 *                  "AB 123456" (Cyrillic АВ)           -> AB123456
 *   phone          "8 (495) 123-45-67" (region RU)     -> +74951234567
 *   e-mail         " Ivan.Petrov@Mail.RU "             -> ivan.petrov@mail.ru
 *   plate          "А 123 ВС 77" (Cyrillic)            -> A123BC77
 *   address        "Хорошёвское ш., д. 76Б, Москва"    -> 76b XoroSevskoe maskva sh
 *                  "Khoroshevskoye Shosse 76B, Moscow" -> the same
 * Addresses: words folded; street types from data/links/street_types.txt
 * made one word; a house number and the letter after it one word (76 Б,
 * 76-b: 76b); postcodes (five digits or more) and names of states dropped;
 * every other word its first phonetic key (the name engine's: Cyrillic and
 * the romanisations of one word share it); the words sorted, so that their
 * order does not matter.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "links/links.h"
#include "links/phone.h"
#include "records/country.h"
#include "text/ascii.h"
#include "text/strmap.h"
#include "text/tables.h"
#include "text/utf8.h"

const char *lkind_name(lkind k)
{
    static const char *const names[LK_NKINDS] = {"passport", "id", "phone", "email", "plate", "address"};
    return k < LK_NKINDS ? names[k] : "";
}

/* Cyrillic capitals and small letters that look like Latin ones (plates and
 * passport series are written with these). */
static char lookalike(uint32_t cp)
{
    static const struct { uint32_t cp; char c; } map[] = {
        {0x0410, 'A'}, {0x0412, 'B'}, {0x0415, 'E'}, {0x041A, 'K'}, {0x041C, 'M'}, {0x041D, 'H'},
        {0x041E, 'O'}, {0x0420, 'P'}, {0x0421, 'C'}, {0x0422, 'T'}, {0x0423, 'Y'}, {0x0425, 'X'},
        {0x0430, 'A'}, {0x0432, 'B'}, {0x0435, 'E'}, {0x043A, 'K'}, {0x043C, 'M'}, {0x043D, 'H'},
        {0x043E, 'O'}, {0x0440, 'P'}, {0x0441, 'C'}, {0x0442, 'T'}, {0x0443, 'Y'}, {0x0445, 'X'},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (map[i].cp == cp) return map[i].c;
    return 0;
}

/* Capitals and digits of text, look-alikes read as Latin, into out. */
static size_t capitals(const char *text, char *out, size_t cap)
{
    size_t k = 0, len = strlen(text);
    for (size_t i = 0; i < len && k + 1 < cap;) {
        uint32_t cp = utf8_next(text, len, &i, NULL);
        char c = 0;
        if (cp < 0x80) {
            if (ascii_isdigit((int)cp) || ascii_isupper((int)cp)) c = (char)cp;
            else if (ascii_islower((int)cp)) c = (char)(cp - 32);
        } else {
            c = lookalike(cp);
        }
        if (c) out[k++] = c;
    }
    out[k] = 0;
    return k;
}

/* The issuer in a qualifier ("Russia") or in brackets at the end of the
 * text ("100115101 (Russia)"). */
static int issuer_of(const char *text, const char *qual)
{
    if (qual && *qual) return country_code(qual);
    const char *open = strrchr(text, '(');
    const char *close = open ? strchr(open, ')') : NULL;
    if (!open || !close || close - open < 3 || close - open > 60) return 0;
    char in[64];
    snprintf(in, sizeof in, "%.*s", (int)(close - open - 1), open + 1);
    return country_code(in);
}

static int number_ident(const char *text, const char *qual, struct lident *out)
{
    /* the part before a bracket is the number */
    char head[LIDENT_MAX];
    snprintf(head, sizeof head, "%s", text);
    char *b = strchr(head, '(');
    if (b) *b = 0;
    size_t n = capitals(head, out->value, sizeof out->value);
    if (n < 3) return 0;
    out->issuer = issuer_of(text, qual);
    /* series: the letters before the digits; number: the digits after */
    size_t i = 0;
    while (i < n && !ascii_isdigit(out->value[i])) i++;
    if (i >= sizeof out->series) return 1;
    memcpy(out->series, out->value, i);
    out->series[i] = 0;
    size_t d = 0;
    uint64_t v = 0;
    while (i + d < n && ascii_isdigit(out->value[i + d]) && d < 18) {
        v = v * 10 + (uint64_t)(out->value[i + d] - '0');
        d++;
    }
    if (i + d == n && d > 0) {
        out->number = v;
        out->ndigits = (uint8_t)d;
    }
    return 1;
}

/* ---- addresses -------------------------------------------------------------- */

/* The street types, built once per process (read-only after). */
static strmap *street;             /* folded word -> row of street_types */
static const char **street_canon;  /* a row's canonical word, NULL: drop */
static pthread_once_t street_once = PTHREAD_ONCE_INIT;

static void build_streets(void)
{
    strmap *m = strmap_new();
    const ng_table *t = &ng_tab_street_types;
    const char **canon = calloc(t->nrows + 1, sizeof *canon);
    if (!m || !canon) { strmap_free(m); free(canon); return; }
    const char *const *row = t->cells;
    for (size_t r = 0; r < t->nrows; r++, row = table_next(row)) {
        canon[r] = strcmp(row[0], "-") == 0 || !row[0][0] ? NULL : row[0];
        for (size_t f = 1; row[f]; f++) {
            char *low = NULL;
            if (ng_text_fold(row[f], strlen(row[f]), &low) != NG_OK || !low) continue;
            size_t l = strlen(low);
            while (l && low[l - 1] == '.') low[--l] = 0;
            int32_t old;
            if (l && !strmap_get(m, low, l, &old)) strmap_put(m, low, l, (int32_t)r);
            free(low);
        }
    }
    street_canon = canon;
    street = m;
}

static int load_streets(void)
{
    pthread_once(&street_once, build_streets);
    return street ? 0 : -1;
}

/* The Latin letter of a Cyrillic house letter (76Б: b), or 0. */
static char house_letter(uint32_t cp)
{
    static const char lat[] = "abvgdezzijklmnoprstufhc";
    static const uint32_t cyr[] = {0x430, 0x431, 0x432, 0x433, 0x434, 0x435, 0x436, 0x437,
                                   0x438, 0x439, 0x43A, 0x43B, 0x43C, 0x43D, 0x43E, 0x43F,
                                   0x440, 0x441, 0x442, 0x443, 0x444, 0x445, 0x446};
    for (size_t i = 0; i < sizeof cyr / sizeof cyr[0]; i++)
        if (cyr[i] == cp) return lat[i];
    if (cp < 0x80 && ascii_islower((int)cp)) return (char)cp;
    return 0;
}

/* Copies src into dst (cap bytes), cut at a character boundary. */
static void copy_cut(char *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);
    if (n >= cap) {
        n = cap - 1;
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80) n--;
    }
    memcpy(dst, src, n);
    dst[n] = 0;
}

/* Whether a canonical type is a part of a building, not a street. */
static int part_type(const char *canon)
{
    static const char *const parts[] = {"k", "str", "kv", "of", "box"};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        if (strcmp(canon, parts[i]) == 0) return 1;
    return 0;
}

static int word_cmp(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

#define ADDR_WORDS 48

static int address_ident(ng_engine *e, const char *text, struct lident *out)
{
    if (!e || load_streets()) return 0;
    char *low = NULL;
    if (ng_text_fold(text, strlen(text), &low) != NG_OK || !low) return 0;
    /* the words: runs of letters or digits (a dot or a dash ends one) */
    char *words[ADDR_WORDS];
    char buf[ADDR_WORDS][48];
    int seg[ADDR_WORDS];          /* the part of the address (between commas) */
    int kind[ADDR_WORDS];         /* 0 a word, 1 a number, 2 a street type,
                                     3 a part of a building (korpus, office) */
    size_t ndig[ADDR_WORDS];      /* a number's digits */
    size_t nw = 0, len = strlen(low);
    int place = 0, part = 0;
    for (size_t i = 0; i < len && nw < ADDR_WORDS;) {
        size_t s = i;
        if (low[i] == ',' || low[i] == ';' || low[i] == '(' || low[i] == ')') part++;
        uint32_t cp = utf8_next(low, len, &i, NULL);
        int letter = cp >= 0x80 ? cp != 0xFFFD && cp != 0x2116 /* № */ : ascii_isalpha((int)cp);
        int digit = cp < 0x80 && ascii_isdigit((int)cp);
        if (!letter && !digit) continue;
        size_t e2 = i;
        while (e2 < len) {
            size_t q = e2;
            uint32_t c2 = utf8_next(low, len, &q, NULL);
            int l2 = c2 >= 0x80 ? c2 != 0xFFFD && c2 != 0x2116 : ascii_isalpha((int)c2);
            int d2 = c2 < 0x80 && ascii_isdigit((int)c2);
            if (!l2 && !d2) break;
            e2 = q;
        }
        i = e2;
        char w[96];
        size_t wl = e2 - s < sizeof w - 1 ? e2 - s : sizeof w - 1;
        while (wl > 0 && wl < e2 - s && ((unsigned char)low[s + wl] & 0xC0) == 0x80) wl--;
        memcpy(w, low + s, wl);
        w[wl] = 0;
        char *dst = buf[nw];
        if (ascii_isdigit(w[0])) {
            /* a number, and a letter written with it or after it */
            size_t d = 0;
            while (w[d] && ascii_isdigit(w[d])) d++;
            ndig[nw] = d;
            char letter_c = 0;
            if (w[d]) {
                size_t q = d;
                uint32_t lc = utf8_next(w, wl, &q, NULL);
                if (q == wl) letter_c = house_letter(lc);
            } else if (i < len) {
                /* 76 Б, 76-b: a lone letter next */
                size_t q = i;
                while (q < len && (low[q] == ' ' || low[q] == '-')) q++;
                size_t q2 = q;
                uint32_t lc = q < len ? utf8_next(low, len, &q2, NULL) : 0;
                char hl = lc ? house_letter(lc) : 0;
                int alone = q2 >= len || !(ascii_isalpha(low[q2]) || (unsigned char)low[q2] >= 0x80 ||
                                           ascii_isdigit(low[q2]));
                if (hl && alone) {
                    letter_c = hl;
                    i = q2;
                }
            }
            size_t nd = d < 20 ? d : 20;
            memcpy(dst, w, nd);
            dst[nd] = letter_c;
            dst[nd + (letter_c != 0)] = 0;
            kind[nw] = 1;
        } else {
            int32_t row;
            if (strmap_get(street, w, strlen(w), &row)) {
                if (!street_canon[row]) continue; /* dom, city: says nothing */
                snprintf(dst, sizeof buf[0], "%s", street_canon[row]);
                kind[nw] = part_type(street_canon[row]) ? 3 : 2;
            } else if (country_code(w)) {
                continue; /* Russia, Россия */
            } else {
                kind[nw] = 0;
                ng_name *nm = NULL;
                dst[0] = 0;
                if (ng_name_parse(e, w, (size_t)-1, &nm) == NG_OK && ng_name_count(nm) == 1) {
                    ng_token t = ng_name_token(nm, 0);
                    const char *k = t.nkeys ? t.keys[0] : t.latin;
                    if (k && *k) copy_cut(dst, sizeof buf[0], k);
                }
                ng_name_free(nm);
                if (!dst[0]) copy_cut(dst, sizeof buf[0], w);
            }
        }
        words[nw] = dst;
        seg[nw] = part;
        nw++;
    }
    free(low);
    if (!nw) return 0;
    /* with a street type, the street is the place: its part of the address,
     * and a part that is only a number (46, Chkalovskii Prospect); the city,
     * the region, the postcode are left out (they are written, or not, and
     * in exonyms: Moscow, Москва).  Without one, every word but the
     * postcodes (numbers of five digits or more). */
    int typed = 0;
    for (size_t i = 0; i < nw; i++) typed |= kind[i] == 2;
    size_t k = 0;
    int named = 0, numbered = 0;
    for (size_t i = 0; i < nw; i++) {
        int keep;
        /* the number of a box, a flat, a building: P.O. Box 112724 */
        int of_part = kind[i] == 1 && i > 0 && kind[i - 1] == 3 && seg[i - 1] == seg[i];
        if (typed) {
            int street_part = 0, numbers_only = 1;
            for (size_t j = 0; j < nw; j++) {
                if (seg[j] != seg[i]) continue;
                street_part |= kind[j] == 2;
                numbers_only &= kind[j] == 1;
            }
            keep = street_part || numbers_only || of_part;
        } else {
            keep = kind[i] != 1 || ndig[i] < 5 || of_part;
        }
        if (!keep) continue;
        named |= kind[i] == 0;
        numbered |= kind[i] == 1;
        words[k++] = words[i];
    }
    nw = k;
    if (!nw) return 0;
    /* a place: a street with its name and a number, or a number with
     * words (Calle Enrique Cavazos No. 2326); a street without a number is
     * a long avenue, a building part alone is anywhere */
    place = numbered && named;
    qsort(words, nw, sizeof *words, word_cmp);
    k = 0;
    for (size_t i = 0; i < nw; i++) {
        if (i && strcmp(words[i], words[i - 1]) == 0) continue;
        size_t l = strlen(words[i]);
        if (k + l + 2 > sizeof out->value) break;
        if (k) out->value[k++] = ' ';
        memcpy(out->value + k, words[i], l);
        k += l;
    }
    out->value[k] = 0;
    out->place = (uint8_t)place;
    return k > 0;
}

int links_normalize(ng_engine *e, lkind kind, const char *text, const char *qual, const char *region,
                    struct lident *out)
{
    memset(out, 0, sizeof *out);
    out->kind = kind;
    if (!text || ng_utf8_check(text, strlen(text), NULL) != NG_OK) return 0;
    switch (kind) {
    case LK_PASSPORT:
    case LK_IDNUMBER:
        return number_ident(text, qual, out);
    case LK_PLATE:
        return capitals(text, out->value, sizeof out->value) >= 3;
    case LK_PHONE: {
        char reg[3] = "";
        int c = qual && *qual ? country_code(qual) : region && *region ? country_code(region) : 0;
        if (c) country_letters(c, reg);
        out->verified = (uint8_t)links_phone_e164(text, reg, out->value, sizeof out->value);
        size_t d = 0;
        for (const char *p = out->value; *p; p++) d += ascii_isdigit(*p);
        return d >= 5;
    }
    case LK_EMAIL: {
        const char *p = text;
        while (*p == ' ') p++;
        if (strncmp(p, "mailto:", 7) == 0) p += 7;
        size_t k = 0;
        for (; *p && k + 1 < sizeof out->value; p++)
            if (*p != ' ') out->value[k++] = (char)ascii_tolower((unsigned char)*p);
        out->value[k] = 0;
        const char *at = strchr(out->value, '@');
        return at && at > out->value && strchr(at, '.') != NULL;
    }
    case LK_ADDRESS:
        return address_ident(e, text, out);
    default:
        return 0;
    }
}
