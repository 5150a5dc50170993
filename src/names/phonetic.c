/*
 * phonetic.c -- what a written name sounds like, as a Slavic name.
 *
 * Khrushchev, Khrouchtchev, Chruschtschow, Chruszczow, Jrushchov, Chruščov,
 * Hruscsov and Chroesjtsjov are one surname written under English, French,
 * German, Polish, Spanish, Czech, Hungarian and Dutch rules.  Read back
 * under the rules of its own convention each spelling gives the same sounds:
 *
 *     Хрущёв        (Cyrillic)   -> XruS4ov
 *     Khrushchev    (EN rules)   -> XruS4ev
 *     Chruschtschow (DE rules)   -> XruS4ov
 *     Hruscsov      (HU rules)   -> XruS4ov
 *
 * We do not know which convention a Latin spelling follows, so a Latin
 * token is read under each of the nine (data/names/latin_rules.txt) and
 * keeps the distinct keys; a Cyrillic token has one key
 * (data/names/cyrillic_keys.txt).  Keys are then cleaned up so that the
 * different ways of writing glides and soft vowels meet:
 *
 *     1. a glide j before a vowel is dropped, any other j becomes i
 *        (Yevgeniy, Jewgienij, Евгений -> evgeni; Sergej -> sergei)
 *     2. doubled symbols are merged (Vassili -> vasili; Berezovskii -> ...ski)
 *     3. an i standing between a consonant or a vowel (or the word start)
 *        and a following vowel is dropped: the softness mark of Polish
 *        Siergiej, the i of Vasiliev, ICAO's Mariia -> mara, serge.., vasilev
 *     4. doubled symbols are merged again
 *     5. o after ж ш ч щ becomes e: there ё is written e, o, yo or jo
 *        (Хрущёв, Khrushchev, Chruschtschow; Горбачёв, Gorbatschow)
 *
 * Two keys are then compared with a weighted edit distance in which the
 * usual disagreements between conventions are cheap: one vowel for another
 * (ё as e or o), g for h (Ukrainian г), h for kh, s for z, v for f.
 */
#include "names/phonetic.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "text/fold.h"
#include "text/tables.h"
#include "text/utf8.h"

#define MAX_PAT 7
#define MAX_REPL 8
#define CTX_ANY 0
#define TRANSPOSE 6 /* x10, like the other costs */

struct rule {
    uint32_t pat[MAX_PAT];
    uint8_t plen;
    uint8_t star;        /* applies to every convention */
    char before, after;  /* context classes, 0 for any */
    uint16_t convs;      /* bit mask of conventions */
    char repl[MAX_REPL];  /* "!" rules the convention out */
    char alt[MAX_REPL];   /* second reading (KEY a|b), or "" */
};

struct cyr {
    uint32_t cp;
    char key[4], glide[4];
};

struct phon {
    struct rule *rules;
    size_t nrules;
    uint16_t *order;            /* rule indices grouped by bucket */
    size_t bstart[130], blen[130];
    struct cyr cyr[80];
    size_t ncyr;
    /* conventions read only when the token shows one of these patterns */
    uint32_t evidence[PHON_NCONV][8][MAX_PAT];
    uint8_t evlen[PHON_NCONV][8], nev[PHON_NCONV];
    uint8_t sub[128][128];      /* substitution cost x10 */
    uint8_t indel[128];         /* insertion or deletion cost x10 */
    unsigned min_indel;         /* the cheapest of them */
    /* symbols by the cost of their cheapest edit (phon_mask_bound) */
    uint64_t tier[8];
    unsigned tier_cost[8];
    int ntiers;
};

static const char *const conv_names[PHON_NCONV] = {"EN", "FR", "DE", "PL", "CS",
                                                    "HU", "NL", "ES", "IT"};

int phon_is_vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* The base Latin letter of cp, or 0: é -> e, ł -> l, Ł -> l. */
static uint32_t base_letter(uint32_t cp)
{
    if (cp < 0x80) {
        if (cp >= 'A' && cp <= 'Z') return cp + 32;
        return (cp >= 'a' && cp <= 'z') ? cp : 0;
    }
    utf8proc_int32_t d[8];
    int last = 0;
    utf8proc_ssize_t k = utf8proc_decompose_char((utf8proc_int32_t)cp, d, 8,
                                                 UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
                                                 UTF8PROC_CASEFOLD, &last);
    if (k >= 1 && d[0] < 0x80) return base_letter((uint32_t)d[0]);
    const char *f = text_fold_cp(cp);
    if (f && f[0]) return (unsigned char)f[0];
    return 0;
}

static int in_vowel_class(uint32_t cp)
{
    uint32_t b = base_letter(cp);
    return b == 'a' || b == 'e' || b == 'i' || b == 'o' || b == 'u' || b == 'y';
}

static int ctx_ok(char cls, const uint32_t *cps, size_t n, long at)
{
    switch (cls) {
    case CTX_ANY: return 1;
    case '^': return at < 0;
    case '$': return at >= (long)n;
    }
    if (at < 0 || at >= (long)n) return 0;
    uint32_t c = cps[at];
    uint32_t b = base_letter(c);
    if (!b) return 0;
    switch (cls) {
    case 'V': return in_vowel_class(c);
    case 'C': return !in_vowel_class(c);
    case 'E': return b == 'e' || b == 'i' || b == 'y';
    }
    return 0;
}

static size_t decode_field(const char *f, uint32_t *out, size_t max)
{
    size_t len = strlen(f), i = 0, k = 0;
    while (i < len && k < max) out[k++] = utf8_next(f, len, &i, NULL);
    return k;
}


/* Order of rules within a bucket: longest pattern first, then a
 * convention's own rows before the shared ones, then rows with a context. */
static int rule_before(const struct rule *a, const struct rule *b)
{
    if (a->plen != b->plen) return a->plen > b->plen;
    if (a->star != b->star) return a->star < b->star;
    int actx = (a->before != 0) + (a->after != 0), bctx = (b->before != 0) + (b->after != 0);
    return actx > bctx;
}

/* Stable insertion sort: buckets hold a handful of rules. */
static void sort_bucket(const struct rule *rules, uint16_t *idx, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        uint16_t v = idx[i];
        size_t j = i;
        while (j > 0 && rule_before(&rules[v], &rules[idx[j - 1]])) {
            idx[j] = idx[j - 1];
            j--;
        }
        idx[j] = v;
    }
}

static size_t bucket_of(uint32_t cp) { return cp < 128 ? cp : 128; }

static unsigned char bit_sym(unsigned b);

static void set_cost(phon *p, char a, char b, int c)
{
    p->sub[(unsigned char)a][(unsigned char)b] = (uint8_t)c;
    p->sub[(unsigned char)b][(unsigned char)a] = (uint8_t)c;
}

static void init_costs(phon *p)
{
    for (int a = 0; a < 128; a++) {
        for (int b = 0; b < 128; b++) p->sub[a][b] = a == b ? 0 : 10;
        p->indel[a] = phon_is_vowel((char)a) ? 6 : 10;
    }
    static const char vowels[] = "aeiou";
    for (int i = 0; i < 5; i++)
        for (int j = 0; j < 5; j++)
            if (i != j) set_cost(p, vowels[i], vowels[j], 4);
    set_cost(p, 'e', 'o', 3);   /* ё written e or o */
    set_cost(p, 'a', 'o', 3);   /* unstressed о, written a in Belarusian */
    set_cost(p, 'e', 'i', 3);   /* ы/и/е in unstressed endings */
    set_cost(p, 'g', 'h', 3);   /* Ukrainian г */
    set_cost(p, 'h', 'X', 3);   /* х as h */
    set_cost(p, 'k', 'X', 5);
    set_cost(p, 'g', 'X', 5);
    set_cost(p, 'g', 'k', 6);
    set_cost(p, 's', 'z', 4);
    set_cost(p, 'z', 'C', 4);   /* German z */
    set_cost(p, 's', 'C', 6);
    set_cost(p, 's', 'S', 5);
    set_cost(p, 'z', 'Z', 5);
    set_cost(p, 'S', 'Z', 6);
    set_cost(p, 'S', '4', 6);
    set_cost(p, 'C', '4', 5);
    set_cost(p, 'd', 't', 6);
    set_cost(p, 'b', 'p', 6);
    set_cost(p, 'b', 'v', 4);   /* Hebrew ב, Greek β, Spanish b/v */
    set_cost(p, 'v', 'f', 4);
    set_cost(p, 'v', 'u', 5);
    set_cost(p, 'm', 'n', 7);
    p->indel['h'] = 4;
    p->indel['j'] = 3;
    p->min_indel = 10;
    for (int a = 0; a < 128; a++)
        if (p->indel[a] < p->min_indel) p->min_indel = p->indel[a];
    /* two tiers by the cheapest edit of each key symbol, deletion or
     * substitution: symbols with a cheap partner (vowels, g h kh, s z ts,
     * b v f ...) count 3, the others 6 -- a bound, so each tier counts the
     * least cost of its members */
    p->ntiers = 2;
    p->tier_cost[0] = 3;
    p->tier_cost[1] = 6;
    p->tier[0] = p->tier[1] = 0;
    for (unsigned bit = 0; bit < 31; bit++) {
        unsigned char x = bit_sym(bit);
        unsigned best = p->indel[x];
        for (unsigned u = 0; u < 31; u++)
            if (u != bit && p->sub[x][bit_sym(u)] < best) best = p->sub[x][bit_sym(u)];
        p->tier[best >= 6 ? 1 : 0] |= 1ull << bit;
    }
}

phon *phon_new(void)
{
    phon *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    const ng_table *t = &ng_tab_latin_rules;
    p->rules = calloc(t->nrows, sizeof *p->rules);
    p->order = calloc(t->nrows, sizeof *p->order);
    if (!p->rules || !p->order) { phon_free(p); return NULL; }
    const char *const *row = t->cells;
    for (size_t r = 0; r < t->nrows; r++, row = table_next(row)) {
        size_t nf = table_nfields(row);
        if (nf < 3) continue;
        if (strcmp(row[1], "?") == 0) {
            for (int c = 0; c < PHON_NCONV; c++) {
                if (!strstr(row[0], conv_names[c])) continue;
                for (size_t f = 2; f < nf && p->nev[c] < 8; f++) {
                    size_t k = p->nev[c]++;
                    p->evlen[c][k] = (uint8_t)decode_field(row[f], p->evidence[c][k], MAX_PAT);
                }
            }
            continue;
        }
        struct rule *ru = &p->rules[p->nrules];
        if (strcmp(row[0], "*") == 0) {
            ru->star = 1;
            ru->convs = (1u << PHON_NCONV) - 1;
        } else {
            for (int c = 0; c < PHON_NCONV; c++)
                if (strstr(row[0], conv_names[c])) ru->convs |= (uint16_t)(1u << c);
        }
        ru->plen = (uint8_t)decode_field(row[1], ru->pat, MAX_PAT);
        const char *bar = strchr(row[2], '|');
        size_t rl = bar ? (size_t)(bar - row[2]) : strlen(row[2]);
        if (rl >= MAX_REPL) rl = MAX_REPL - 1;
        memcpy(ru->repl, row[2], rl);
        if (bar) {
            size_t al = strlen(bar + 1);
            if (al >= MAX_REPL) al = MAX_REPL - 1;
            memcpy(ru->alt, bar + 1, al);
        }
        ru->before = nf > 3 && strcmp(row[3], "-") && row[3][0] ? row[3][0] : CTX_ANY;
        ru->after = nf > 4 && strcmp(row[4], "-") && row[4][0] ? row[4][0] : CTX_ANY;
        p->nrules++;
    }
    /* group by the bucket of the first code point, longest first */
    size_t k = 0;
    for (size_t b = 0; b < 129; b++) {
        p->bstart[b] = k;
        for (size_t i = 0; i < p->nrules; i++)
            if (bucket_of(p->rules[i].pat[0]) == b) p->order[k++] = (uint16_t)i;
        p->blen[b] = k - p->bstart[b];
        sort_bucket(p->rules, p->order + p->bstart[b], p->blen[b]);
    }
    const ng_table *ct = &ng_tab_cyrillic_keys;
    row = ct->cells;
    for (size_t r = 0; r < ct->nrows && p->ncyr < 80; r++, row = table_next(row)) {
        size_t nf = table_nfields(row);
        if (nf < 2) continue;
        uint32_t cp = 0;
        if (decode_field(row[0], &cp, 1) != 1) continue;
        struct cyr *c = &p->cyr[p->ncyr++];
        c->cp = cp;
        strncpy(c->key, row[1], 3);
        strncpy(c->glide, nf > 2 ? row[2] : row[1], 3);
    }
    init_costs(p);
    return p;
}

void phon_free(phon *p)
{
    if (!p) return;
    free(p->rules);
    free(p->order);
    free(p);
}

static void put(char *key, size_t *k, const char *s)
{
    while (*s && *k + 1 < NG_KEY_MAX_BYTES) key[(*k)++] = *s++;
}

/* Steps 1-4 of the clean-up described at the top of this file. */
static size_t cleanup(char *key, size_t n)
{
    char tmp[NG_KEY_MAX_BYTES];
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {           /* 1. glides */
        if (key[i] == 'j') {
            if (i + 1 < n && phon_is_vowel(key[i + 1])) continue;
            tmp[k++] = 'i';
        } else {
            tmp[k++] = key[i];
        }
    }
    n = 0;
    for (size_t i = 0; i < k; i++)             /* 2. doubles */
        if (n == 0 || key[n - 1] != tmp[i]) key[n++] = tmp[i];
    k = 0;
    for (size_t i = 0; i < n; i++) {           /* 3. soft i before a vowel */
        if (key[i] == 'i' && i + 1 < n && phon_is_vowel(key[i + 1]) && key[i + 1] != 'i')
            continue;
        tmp[k++] = key[i];
    }
    n = 0;
    for (size_t i = 0; i < k; i++)             /* 4. doubles again */
        if (n == 0 || key[n - 1] != tmp[i]) key[n++] = tmp[i];
    for (size_t i = 1; i < n; i++)             /* 5. ё after a hushing sound */
        if (key[i] == 'o' && (key[i - 1] == 'S' || key[i - 1] == 'Z' || key[i - 1] == '4'))
            key[i] = 'e';
    key[n] = 0;
    return n;
}

#define MAX_BRANCH 2 /* readings kept per convention (a|b rules) */

static int has_evidence(const phon *p, int conv, const uint32_t *cps, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < p->nev[conv]; k++) {
            const uint32_t *ev = p->evidence[conv][k];
            size_t L = p->evlen[conv][k];
            if (cps[i] != ev[0] || i + L > n) continue;
            size_t j = 1;
            while (j < L && cps[i + j] == ev[j]) j++;
            if (j == L) return 1;
        }
    }
    return 0;
}

/* Reads a Latin token under convention conv.  Writes up to MAX_BRANCH keys
 * and returns their number: 0 when a "!" rule rules the convention out
 * (unless strict is 0, for the English fallback). */
static size_t latin_key(const phon *p, int conv, int strict, const uint32_t *cps, size_t n,
                        char keys[][NG_KEY_MAX_BYTES])
{
    size_t kl[MAX_BRANCH] = {0}, nb = 1;
    size_t i = 0;
    while (i < n) {
        const struct rule *hit = NULL;
        size_t b = bucket_of(cps[i]);
        for (size_t r = 0; r < p->blen[b] && !hit; r++) {
            const struct rule *ru = &p->rules[p->order[p->bstart[b] + r]];
            if (!(ru->convs & (1u << conv)) || i + ru->plen > n) continue;
            if (!strict && ru->repl[0] == '!') continue;
            size_t j = 0;
            while (j < ru->plen && cps[i + j] == ru->pat[j]) j++;
            if (j < ru->plen) continue;
            if (!ctx_ok(ru->before, cps, n, (long)i - 1)) continue;
            if (!ctx_ok(ru->after, cps, n, (long)(i + ru->plen))) continue;
            hit = ru;
        }
        if (hit) {
            if (hit->repl[0] == '!') return 0;
            if (hit->alt[0] && nb < MAX_BRANCH) {
                memcpy(keys[nb], keys[0], kl[0]);
                kl[nb] = kl[0];
                put(keys[nb], &kl[nb], hit->alt);
                nb++;
                put(keys[0], &kl[0], hit->repl);
            } else {
                for (size_t k = 0; k < nb; k++) put(keys[k], &kl[k], hit->repl);
            }
            i += hit->plen;
            continue;
        }
        uint32_t c = cps[i++];
        char s[2] = {0, 0};
        const char *emit = s;
        if (c < 128) {
            if (c >= 'a' && c <= 'z') s[0] = (char)c;
        } else {
            const char *f = text_fold_cp(c);
            if (f) emit = f;
            else if ((s[0] = (char)base_letter(c)) == 0) emit = "";
        }
        for (size_t k = 0; k < nb; k++) put(keys[k], &kl[k], emit);
    }
    size_t out = 0;
    for (size_t k = 0; k < nb; k++) {
        keys[k][kl[k]] = 0;
        size_t len = cleanup(keys[k], kl[k]);
        if (len == 0) continue;
        if (out != k) memcpy(keys[out], keys[k], len + 1);
        out++;
    }
    return out;
}

unsigned phon_allowed(const phon *p, const uint32_t *cps, size_t n)
{
    unsigned mask = 0;
    for (int c = 0; c < PHON_NCONV; c++)
        if (!p->nev[c] || has_evidence(p, c, cps, n)) mask |= 1u << c;
    return mask;
}

size_t phon_latin_keys(const phon *p, const uint32_t *cps, size_t n, unsigned allowed,
                       char keys[][NG_KEY_MAX_BYTES], unsigned *conv_of)
{
    size_t nk = 0;
    char got[MAX_BRANCH][NG_KEY_MAX_BYTES];
    for (int pass = 0; pass < 2 && nk == 0; pass++) {
        int strict = pass == 0;
        for (int c = 0; c < PHON_NCONV; c++) {
            if (!strict && c != 0) break; /* fallback: English alone */
            if (strict && !(allowed & (1u << c))) continue;
            size_t ng = latin_key(p, c, strict, cps, n, got);
            for (size_t g = 0; g < ng; g++) {
                size_t j = 0;
                while (j < nk && strcmp(keys[j], got[g]) != 0) j++;
                if (j < nk) { conv_of[j] |= 1u << c; continue; }
                if (nk == NG_TOKEN_MAX_KEYS) continue;
                memcpy(keys[nk], got[g], strlen(got[g]) + 1);
                conv_of[nk] = 1u << c;
                nk++;
            }
        }
    }
    return nk;
}

size_t phon_cyrillic_key(const phon *p, const uint32_t *cps, size_t n, char *key)
{
    size_t k = 0;
    int after_vowel = 1; /* word start counts */
    for (size_t i = 0; i < n; i++) {
        uint32_t c = cps[i];
        if (c >= 0x410 && c <= 0x42F) c += 0x20;
        else if (c >= 0x400 && c <= 0x40F) c += 0x50;
        else if (c == 0x490) c = 0x491;
        const struct cyr *hit = NULL;
        for (size_t j = 0; j < p->ncyr; j++)
            if (p->cyr[j].cp == c) { hit = &p->cyr[j]; break; }
        if (!hit) {
            /* apostrophes separate a consonant from a glide vowel */
            after_vowel = c == '\'' || c == 0x2019 || c == 0x2BC;
            continue;
        }
        put(key, &k, after_vowel ? hit->glide : hit->key);
        after_vowel = c == 0x44C || c == 0x44A || (hit->key[0] && phon_is_vowel(hit->key[0]) &&
                                                    hit->key[1] == 0);
    }
    key[k] = 0;
    return cleanup(key, k);
}

/* Bit of a key symbol in a key mask: a-z, then X Z S C 4, then the rest. */
static unsigned sym_bit(unsigned char c)
{
    if (c >= 'a' && c <= 'z') return c - 'a';
    switch (c) {
    case 'X': return 26;
    case 'Z': return 27;
    case 'S': return 28;
    case 'C': return 29;
    case '4': return 30;
    }
    return 31;
}

uint64_t phon_key_mask(const char *key, size_t len)
{
    uint64_t m = 0;
    for (size_t i = 0; i < len; i++) m |= 1ull << sym_bit((unsigned char)key[i]);
    return m;
}

/* The symbol of bit b (inverse of sym_bit, 0 for the catch-all bit). */
static unsigned char bit_sym(unsigned b)
{
    static const char extra[] = "XZSC4";
    return b < 26 ? (unsigned char)('a' + b) : b < 31 ? (unsigned char)extra[b - 26] : 0;
}

void phon_get_tiers(const phon *p, struct phon_tiers *out)
{
    for (int i = 0; i < 2; i++) {
        out->set[i] = p->tier[i];
        out->cost[i] = p->tier_cost[i];
    }
}

double phon_key_sim_min(const phon *p, const char *a, size_t la, const char *b, size_t lb,
                        double min_sim)
{
    if (la == lb && memcmp(a, b, la) == 0) return 1.0;
    if (la == 0 || lb == 0) return 0.0;
    if (la >= NG_KEY_MAX_BYTES) la = NG_KEY_MAX_BYTES - 1;
    if (lb >= NG_KEY_MAX_BYTES) lb = NG_KEY_MAX_BYTES - 1;
    /* the most distance (x10) that still reaches min_sim */
    size_t longer = la > lb ? la : lb;
    unsigned maxd = (unsigned)((1.0 - min_sim) * 10.0 * (double)longer + 1e-9);
    unsigned d = phon_key_dist(p, a, la, b, lb, maxd);
    if (d > maxd) return 0.0;
    double s = 1.0 - (d / 10.0) / (double)longer;
    return s < 0 ? 0 : s;
}

unsigned phon_key_dist(const phon *p, const char *a, size_t la, const char *b, size_t lb,
                       unsigned maxd)
{
    if (la >= NG_KEY_MAX_BYTES) la = NG_KEY_MAX_BYTES - 1;
    if (lb >= NG_KEY_MAX_BYTES) lb = NG_KEY_MAX_BYTES - 1;
    /* a length difference alone costs at least the cheapest insertion */
    size_t diff = la > lb ? la - lb : lb - la;
    if (diff * p->min_indel > maxd) return maxd + 1;
    /* three rows: a transposition of two adjacent symbols (a typing slip,
     * Smtih) costs TRANSPOSE, looking two rows back */
    unsigned r0[NG_KEY_MAX_BYTES + 1], r1[NG_KEY_MAX_BYTES + 1], r2[NG_KEY_MAX_BYTES + 1];
    unsigned char bs[NG_KEY_MAX_BYTES];
    uint8_t ins_b[NG_KEY_MAX_BYTES];
    unsigned *prev2 = r0, *prev = r1, *row = r2;
    unsigned prev_rowmin = 0;
    prev[0] = 0;
    for (size_t j = 0; j < lb; j++) {
        bs[j] = (unsigned char)b[j] & 127;
        ins_b[j] = p->indel[bs[j]];
        prev[j + 1] = prev[j] + ins_b[j];
    }
    for (size_t i = 1; i <= la; i++) {
        unsigned ca = (unsigned char)a[i - 1] & 127;
        const uint8_t *sub = p->sub[ca];
        unsigned del_a = p->indel[ca];
        unsigned before = i > 1 ? (unsigned char)a[i - 2] & 127 : 128;
        unsigned left = prev[0] + del_a;
        row[0] = left;
        unsigned rowmin = left;
        for (size_t j = 1; j <= lb; j++) {
            unsigned cb = bs[j - 1];
            unsigned v = prev[j - 1] + sub[cb];
            unsigned d = prev[j] + del_a;
            if (d < v) v = d;
            d = left + ins_b[j - 1];
            if (d < v) v = d;
            /* ab against ba: only where this row's letter is the last
             * column's and the last row's is this column's */
            if (before == cb && j > 1 && ca == bs[j - 2] && ca != cb) {
                d = prev2[j - 2] + TRANSPOSE;
                if (d < v) v = d;
            }
            row[j] = left = v;
            if (v < rowmin) rowmin = v;
        }
        /* every path already costs too much: later rows come from this one,
         * or by a transposition from the one before it */
        if (rowmin > maxd && prev_rowmin + TRANSPOSE > maxd) return maxd + 1;
        prev_rowmin = rowmin;
        unsigned *tmp = prev2;
        prev2 = prev;
        prev = row;
        row = tmp;
    }
    return prev[lb] > maxd ? maxd + 1 : prev[lb];
}
