/*
 * name.c -- from a written name to tokens with roles and keys.
 *
 * Steps, in order (each token keeps what it was written as):
 *   1. the whole name is checked (UTF-8 policy of src/text/utf8.c, at most
 *      NG_NAME_MAX_BYTES) and put in NFC;
 *   2. it is cut into tokens at spaces, hyphens, dots, commas and brackets;
 *      a letter followed by a dot is an initial ("N." and "N.A." give N, A);
 *      a Chinese character or a Hangul syllable is a token of its own; the
 *      Arabic article ال is split from its word; the first comma marks
 *      "SURNAME, Given" order; past NG_NAME_MAX_TOKENS words the rest is
 *      left out and the name says so (ng_name_truncated);
 *   3. Latin look-alikes inside Cyrillic words are repaired (Сергiй);
 *   4. leading titles and ranks are dropped (Mr, Dr, General, полковник;
 *      "John Major" keeps Major), particles marked (van, von, de, al, bin);
 *   5. one transliterator is chosen for the name from its letters and each
 *      token gets a folded lowercase ASCII Latin form;
 *   6. phonetic keys: one for a Cyrillic token, one per romanisation
 *      convention for a Latin one (src/names/phonetic.c); given-name classes,
 *      nicknames, patronymic and surname endings from the lexicons -- all
 *      of it kept in the engine's token cache, since lists repeat words;
 *   7. roles: the part before a comma is the surname; in a mixed-case name
 *      the words in capitals are the surname (EU and UN lists); a token
 *      ending like a patronymic (-ovich, -ewitsch, -owicz, -ovna, -ivna ...)
 *      in the middle or last place of three is the patronymic; a known given
 *      name comes first in "Given Surname" or last in "Surname Given";
 *      words joined by a hyphen share a role (Rimsky-Korsakov); surname
 *      words after the first are second surnames;
 *   8. the name is copied into a record sized to what it holds.
 *
 *     "LAVROV, Sergey Viktorovich" -> lavrov/surname sergei/given
 *                                      viktorovi4/patronymic
 *     "Anatoliy Vladimirovich CHEPIGA" -> given, patronymic, surname
 *     "Col. Anatoly Chepiga"       -> "Col" dropped; given, surname
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "names/engine.h"
#include "text/fold.h"
#include "text/script.h"
#include "text/utf8.h"

#define MAX_RAW 64

#ifndef ROLE_W_SURNAME
#define ROLE_W_SURNAME 1.2f
#endif
#ifndef ROLE_W_SECONDARY
#define ROLE_W_SECONDARY 0.8f
#endif
#ifndef ROLE_W_GIVEN
#define ROLE_W_GIVEN 0.8f
#endif
#ifndef ROLE_W_PATRONYMIC
#define ROLE_W_PATRONYMIC 0.6f
#endif
#ifndef ROLE_W_MIDDLE
#define ROLE_W_MIDDLE 0.6f
#endif

struct raw {
    size_t start, end;  /* code point range in the name */
    int dot_after;      /* a dot directly after the token */
    int hyphen_prev;    /* a hyphen directly before */
    int before_comma;
    int article;        /* the Arabic article split from its word */
};

static int is_sep(uint32_t c)
{
    switch (c) {
    case ' ': case '\t': case '\n': case '\r': case '\v': case '\f':
    case ',': case ';': case ':': case '(': case ')': case '[': case ']':
    case '{': case '}': case '/': case '\\': case '"': case '.': case '-':
    case '_': case '|': case '+': case '*': case '!': case '?': case '&':
    case 0xAB: case 0xBB: case 0x201C: case 0x201D: case 0x201E: case 0x2010:
    case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0xA0: case 0x3000:
    case 0x200B: /* zero-width space: a space that does not show */
        return 1;
    }
    utf8proc_category_t k = utf8proc_category((utf8proc_int32_t)c);
    return k == UTF8PROC_CATEGORY_ZS || k == UTF8PROC_CATEGORY_CC;
}

static int is_syllabic(uint32_t c)
{
    return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0x20000 && c <= 0x2FA1F) || (c >= 0xAC00 && c <= 0xD7A3);
}

static int is_hyphen(uint32_t c)
{
    return c == '-' || (c >= 0x2010 && c <= 0x2013);
}

static int is_apostrophe(uint32_t c)
{
    return c == '\'' || c == 0x2019 || c == 0x2BC || c == 0x2BB || c == 0x60 || c == 0xB4;
}

/* Copies bytes into the arena; NULL when it is full. */
static char *arena_put(struct ng_name *n, const char *s, size_t len)
{
    if (n->used + len + 1 > n->cap) return NULL;
    char *p = n->arena + n->used;
    memcpy(p, s, len);
    p[len] = 0;
    n->used += len + 1;
    return p;
}

static char *arena_cps(struct ng_name *n, const uint32_t *cps, size_t k)
{
    char buf[4 * NG_NAME_MAX_BYTES + 4];
    size_t o = 0;
    for (size_t i = 0; i < k && o + 4 < sizeof buf; i++) o += utf8_put(cps[i], buf + o);
    return arena_put(n, buf, o);
}

ng_status engine_fail(ng_engine *e, ng_status st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->err, sizeof e->err, fmt, ap);
    va_end(ap);
    return st;
}

/* Lowercase ASCII letters and digits of folded text, into out (cap bytes). */
static size_t ascii_only(const char *s, char *out, size_t cap)
{
    size_t k = 0;
    for (; *s && k + 1 < cap; s++) {
        unsigned char c = (unsigned char)*s;
        if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out[k++] = (char)c;
    }
    out[k] = 0;
    return k;
}

static size_t tokenize(const uint32_t *cps, size_t n, struct raw *raw, int *has_comma)
{
    size_t nr = 0, i = 0;
    int comma_seen = 0, hyphen = 0;
    *has_comma = 0;
    while (i < n && nr < MAX_RAW) {
        if (is_sep(cps[i])) {
            if (cps[i] == ',' && !comma_seen) {
                comma_seen = 1;
                *has_comma = nr > 0;
                for (size_t r = 0; r < nr; r++) raw[r].before_comma = 1;
            }
            hyphen = is_hyphen(cps[i]) && nr > 0 && raw[nr - 1].end == i;
            i++;
            continue;
        }
        size_t s = i;
        /* a Chinese character or a Hangul syllable is a word of its own:
         * 习近平 reads xi jin ping, to meet Xi Jinping */
        if (is_syllabic(cps[i])) i++;
        else
            while (i < n && !is_sep(cps[i]) && !is_syllabic(cps[i])) i++;
        /* an apostrophe at either end is punctuation, inside it is a letter */
        size_t a = s, b = i;
        while (a < b && is_apostrophe(cps[a])) a++;
        while (b > a && is_apostrophe(cps[b - 1])) b--;
        if (a == b) continue;
        /* the Arabic article is a particle of its own: الأسد is al + Asad */
        if (b - a > 3 && cps[a] == 0x627 && cps[a + 1] == 0x644 && nr + 1 < MAX_RAW) {
            raw[nr].start = a;
            raw[nr].end = a + 2;
            raw[nr].dot_after = 0;
            raw[nr].hyphen_prev = hyphen;
            raw[nr].before_comma = 0;
            raw[nr].article = 1;
            nr++;
            hyphen = 1;
            a += 2;
        }
        raw[nr].start = a;
        raw[nr].end = b;
        raw[nr].dot_after = i < n && cps[i] == '.';
        raw[nr].article = 0;
        raw[nr].hyphen_prev = hyphen;
        raw[nr].before_comma = 0;
        nr++;
        hyphen = 0;
    }
    return nr;
}

static int count_letters(const uint32_t *cps, size_t n)
{
    int k = 0;
    for (size_t i = 0; i < n; i++) k += text_isletter(cps[i]);
    return k;
}

/* Roles, by the rules of step 7 above. */
static void assign_roles(ng_engine *e, struct ng_name *nm, int has_comma, int mixed_case)
{
    (void)e;
    size_t idx[NG_NAME_MAX_TOKENS], k = 0;
    for (size_t i = 0; i < nm->n; i++) {
        ng_token *t = &nm->tok[i];
        if (t->role == NG_ROLE_PARTICLE || t->role == NG_ROLE_INITIAL) continue;
        if (nm->x[i].hyphen_prev && i > 0 && nm->tok[i - 1].role != NG_ROLE_PARTICLE)
            continue; /* follows its partner: Rimsky-Korsakov */
        idx[k++] = i;
    }
    int any_caps = 0, any_plain = 0;
    for (size_t j = 0; j < k; j++) {
        if (nm->tok[idx[j]].flags & NG_TOK_ALLCAPS) any_caps = 1;
        else any_plain = 1;
    }
#define ROLE(j) nm->tok[idx[j]].role
#define PATR(j) nm->x[idx[j]].patronymic
#define GIVEN(j) (nm->x[idx[j]].ngroups > 0)
    if (has_comma) {
        int given_done = 0;
        for (size_t j = 0; j < k; j++) {
            if (nm->tok[idx[j]].flags & NG_TOK_COMMA) ROLE(j) = NG_ROLE_SURNAME;
            else if (!given_done) { ROLE(j) = NG_ROLE_GIVEN; given_done = 1; }
            else ROLE(j) = PATR(j) ? NG_ROLE_PATRONYMIC : NG_ROLE_MIDDLE;
        }
    } else if (mixed_case && any_caps && any_plain) {
        int given_done = 0;
        for (size_t j = 0; j < k; j++) {
            if (nm->tok[idx[j]].flags & NG_TOK_ALLCAPS) ROLE(j) = NG_ROLE_SURNAME;
            else if (PATR(j) && given_done) ROLE(j) = NG_ROLE_PATRONYMIC;
            else if (!given_done) { ROLE(j) = NG_ROLE_GIVEN; given_done = 1; }
            else ROLE(j) = NG_ROLE_MIDDLE;
        }
    } else if (k == 1) {
        ROLE(0) = GIVEN(0) ? NG_ROLE_GIVEN : NG_ROLE_SURNAME;
    } else if (k == 2) {
        /* "Сергей Викторович" is how Russians address each other, but in a
         * list "Pawel Ignatowicz" is a given name and a surname */
        if (PATR(1) && !PATR(0) && GIVEN(0) && nm->script == NG_SCRIPT_CYRILLIC) {
            ROLE(0) = NG_ROLE_GIVEN;
            ROLE(1) = NG_ROLE_PATRONYMIC;
        }
        else if (GIVEN(1) && !GIVEN(0)) { ROLE(0) = NG_ROLE_SURNAME; ROLE(1) = NG_ROLE_GIVEN; }
        else { ROLE(0) = NG_ROLE_GIVEN; ROLE(1) = NG_ROLE_SURNAME; }
    } else if (k >= 3) {
        if (PATR(k - 1) && !PATR(k - 2)) {
            /* Russian official order: Surname Given Patronymic */
            ROLE(0) = NG_ROLE_SURNAME;
            ROLE(1) = NG_ROLE_GIVEN;
            for (size_t j = 2; j + 1 < k; j++) ROLE(j) = NG_ROLE_MIDDLE;
            ROLE(k - 1) = NG_ROLE_PATRONYMIC;
            if (GIVEN(0) && !GIVEN(1)) { ROLE(0) = NG_ROLE_GIVEN; ROLE(1) = NG_ROLE_SURNAME; }
        } else {
            int surname_first = GIVEN(k - 1) && !GIVEN(0) && !PATR(1);
            ROLE(0) = surname_first ? NG_ROLE_SURNAME : NG_ROLE_GIVEN;
            ROLE(k - 1) = surname_first ? NG_ROLE_GIVEN : NG_ROLE_SURNAME;
            for (size_t j = 1; j + 1 < k; j++)
                ROLE(j) = PATR(j) ? NG_ROLE_PATRONYMIC : NG_ROLE_MIDDLE;
        }
    }
#undef ROLE
#undef PATR
#undef GIVEN
    for (size_t i = 1; i < nm->n; i++)
        if (nm->x[i].hyphen_prev && nm->tok[i].role != NG_ROLE_PARTICLE &&
            nm->tok[i].role != NG_ROLE_INITIAL && nm->tok[i - 1].role != NG_ROLE_PARTICLE)
            nm->tok[i].role = nm->tok[i - 1].role;
    /* after the first surname, further surname words are secondary:
     * Spanish second surnames, married names, clan names */
    int surname_seen = 0;
    for (size_t i = 0; i < nm->n; i++) {
        if (nm->tok[i].role != NG_ROLE_SURNAME) continue;
        if (surname_seen && !nm->x[i].hyphen_prev) nm->x[i].secondary = 1;
        surname_seen = 1;
    }
    for (size_t i = 0; i < nm->n; i++) {
        ng_token *t = &nm->tok[i];
        if (t->role != NG_ROLE_SURNAME && t->role != NG_ROLE_PATRONYMIC)
            t->flags &= ~NG_TOK_FEMININE;
        if (t->role != NG_ROLE_SURNAME) { t->stem = NULL; nm->x[i].stemlen = 0; }
    }
}

/* Weight of a token in the score: longer tokens say more than short ones,
 * and a surname says more than a given name or a patronymic, which
 * namesakes share (Sergey Ivanovich is common; the surname is not). */
static float token_weight(const ng_token *t, const struct tok_extra *x)
{
    if (t->role == NG_ROLE_PARTICLE) return 0.0f;
    if (t->role == NG_ROLE_INITIAL) return 0.25f;
    size_t len = t->nkeys ? x->keylen[0] : strlen(t->latin);
    if (len > 7) len = 7;
    float w = 0.35f + 0.65f * (float)len / 7.0f;
    switch (t->role) {
    case NG_ROLE_SURNAME: return w * (x->secondary ? ROLE_W_SECONDARY : ROLE_W_SURNAME);
    case NG_ROLE_GIVEN: return w * ROLE_W_GIVEN;
    case NG_ROLE_PATRONYMIC: return w * ROLE_W_PATRONYMIC;
    case NG_ROLE_MIDDLE: return w * ROLE_W_MIDDLE;
    default: return w;
    }
}

/* Adds the classes of g[0..ng) not yet in set (up to MAX_GROUPS). */
static void add_classes(int32_t *set, uint8_t *n, const int32_t *g, size_t ng)
{
    for (size_t j = 0; j < ng && *n < MAX_GROUPS; j++) {
        size_t q = 0;
        while (q < *n && set[q] != g[j]) q++;
        if (q == *n) set[(*n)++] = g[j];
    }
}

/* What a token is, whatever name it stands in: its Latin form, keys,
 * lexicon classes.  Computed once per (text, transliterator, conventions)
 * and kept in the engine's token cache (TOKEN_CACHE_MAX entries; past
 * that, computed each time into a scratch entry). */
static ng_status compute_token(ng_engine *e, const char *written, const uint32_t *tc, size_t tn,
                               const char *tid, unsigned allowed, struct tok_info *ti)
{
    memset(ti, 0, sizeof *ti);
    char *low = NULL, *folded = NULL;
    ng_status st;
    if ((st = text_lower(written, strlen(written), &low)) != NG_OK ||
        (st = ng_text_fold(written, strlen(written), &folded)) != NG_OK) {
        free(low);
        return engine_fail(e, st, "Unicode folding failed");
    }
    ng_script sc = script_of_cps(tc, tn);
    ti->script = sc;
    ti->letters = count_letters(tc, tn);
    char word[NG_TOKEN_MAX_BYTES];
    ascii_only(folded, word, sizeof word);
    ti->title = (uint8_t)(lexicon_is_title(e, low) || (sc == NG_SCRIPT_LATIN && lexicon_is_title(e, word)));

    /* Latin form */
    char *lat = NULL;
    if (sc == NG_SCRIPT_LATIN || sc == NG_SCRIPT_NONE) {
        lat = folded;
        folded = NULL;
    } else {
        char *tr = NULL;
        st = translit_to_latin(e->tc, tid, written, &tr, e->err, sizeof e->err);
        if (st == NG_OK) {
            ti->translit = tid;
            st = ng_text_fold(tr, strlen(tr), &lat);
        }
        free(tr);
        if (st != NG_OK) { free(low); free(folded); return st; }
    }
    char ascii[NG_TOKEN_MAX_BYTES];
    size_t al = ascii_only(lat, ascii, sizeof ascii);
    free(lat);
    free(folded);
    memcpy(ti->latin, ascii, al + 1);
    ti->particle = (uint8_t)lexicon_is_particle(e, ti->latin);

    /* keys, from the lowercase text without marks NFC could not compose
     * (the tie of ALA-LC t͡s) */
    size_t nl = 0;
    uint32_t *lc = utf8_to_cps(low, &nl);
    free(low);
    if (!lc) return engine_fail(e, NG_ENOMEM, "out of memory");
    size_t kept = 0;
    for (size_t q = 0; q < nl; q++)
        if (!text_ismark(lc[q])) lc[kept++] = lc[q];
    nl = kept;
    unsigned convs[NG_TOKEN_MAX_KEYS];
    size_t nk = 0;
    if (sc == NG_SCRIPT_CYRILLIC) {
        if (phon_cyrillic_key(e->ph, lc, nl, ti->keys[0]) > 0) nk = 1;
    } else if (sc == NG_SCRIPT_LATIN) {
        nk = phon_latin_keys(e->ph, lc, nl, allowed, ti->keys, convs);
    } else {
        uint32_t ac[NG_TOKEN_MAX_BYTES];
        for (size_t i = 0; i < al; i++) ac[i] = (unsigned char)ascii[i];
        nk = phon_latin_keys(e->ph, ac, al, 1u, ti->keys, convs);
    }
    free(lc);
    ti->nkeys = (uint8_t)nk;
    for (size_t k = 0; k < nk; k++) ti->keylen[k] = (uint8_t)strlen(ti->keys[k]);

    /* lexicon: given-name classes, patronymic and surname endings */
    for (size_t k = 0; k < nk; k++) {
        int32_t g[MAX_GROUPS];
        size_t ng = lexicon_given_groups(e, ti->keys[k], ti->keylen[k], g);
        add_classes(ti->groups, &ti->ngroups, g, ng);
        ng = lexicon_nickname_groups(e, ti->keys[k], ti->keylen[k], g);
        add_classes(ti->nick, &ti->nnick, g, ng);
        int fem = 0;
        if (!ti->patronymic && lexicon_patronymic(e, ti->keys[k], ti->keylen[k], &fem)) {
            ti->patronymic = 1;
            if (fem) ti->feminine = 1;
        }
        size_t ml;
        int femform = 0;
        if (!ti->stem &&
            (ml = lexicon_masculine(e, ti->keys[k], ti->keylen[k], ti->stembuf, &femform)) > 0) {
            ti->stem = ti->stembuf;
            ti->stemlen = (uint8_t)ml;
            if (femform) ti->feminine = 1;
        }
    }
    if (ti->ngroups && ti->patronymic) ti->patronymic = 0;
    return NG_OK;
}

static ng_status token_info(ng_engine *e, const char *written, const uint32_t *tc, size_t tn,
                            const char *tid, unsigned allowed, const struct tok_info **out)
{
    /* the cache key: the text, the transliterator and the conventions */
    char key[NG_NAME_MAX_BYTES * 4 + 48];
    size_t wl = strlen(written);
    if (wl + 40 > sizeof key) wl = sizeof key - 40;
    memcpy(key, written, wl);
    /* the transliterator id is one of translit.c's string constants, so
     * its address names it; both go in as raw bytes after a separator */
    size_t klen = wl;
    key[klen++] = '\x01';
    memcpy(key + klen, &tid, sizeof tid);
    klen += sizeof tid;
    memcpy(key + klen, &allowed, sizeof allowed);
    klen += sizeof allowed;
    struct tok_cache *c = &e->cache;
    int32_t idx;
    if (c->enabled && c->map && strmap_get(c->map, key, klen, &idx)) {
        *out = c->v[idx];
        return NG_OK;
    }
    struct tok_info *ti = malloc(sizeof *ti);
    if (!ti) return engine_fail(e, NG_ENOMEM, "out of memory");
    ng_status st = compute_token(e, written, tc, tn, tid, allowed, ti);
    if (st != NG_OK) { free(ti); return st; }
    if (ti->stem) ti->stem = ti->stembuf;
    if (c->enabled && c->map && c->n < TOKEN_CACHE_MAX) {
        if (c->n == c->cap) {
            size_t nc = c->cap ? 2 * c->cap : 1024;
            struct tok_info **nv = realloc(c->v, nc * sizeof *nv);
            if (!nv) { free(ti); return engine_fail(e, NG_ENOMEM, "out of memory"); }
            c->v = nv;
            c->cap = nc;
        }
        if (strmap_put(c->map, key, klen, (int32_t)c->n)) {
            free(ti);
            return engine_fail(e, NG_ENOMEM, "out of memory");
        }
        c->v[c->n++] = ti;
        *out = ti;
        return NG_OK;
    }
    /* not cached: keep it in the scratch slot, freed on the next call */
    free(c->scratch);
    c->scratch = ti;
    *out = ti;
    return NG_OK;
}

ng_status name_parse_into(ng_engine *e, const char *s, size_t len, struct ng_name *nm)
{
    nm->text = NULL;
    nm->n = nm->ndropped = 0;
    nm->truncated = 0;
    nm->script = NG_SCRIPT_NONE;
    nm->used = 0;
    memset(nm->tok, 0, NG_NAME_MAX_TOKENS * sizeof *nm->tok);
    memset(nm->x, 0, NG_NAME_MAX_TOKENS * sizeof *nm->x);
    if (len == (size_t)-1) len = strlen(s);
    if (len > NG_NAME_MAX_BYTES)
        return engine_fail(e, NG_ELIMIT, "name is %zu bytes long (limit %d)", len,
                           NG_NAME_MAX_BYTES);
    size_t bad = 0;
    ng_status st = ng_utf8_check(s, len, &bad);
    if (st == NG_EUTF8) return engine_fail(e, st, "invalid UTF-8 at byte %zu", bad);
    if (st == NG_ENUL) return engine_fail(e, st, "NUL byte at byte %zu", bad);
    char *nfc = NULL;
    if ((st = text_nfc(s, len, &nfc)) != NG_OK)
        return engine_fail(e, st, "Unicode normalisation failed");
    nm->text = arena_put(nm, nfc, strlen(nfc));
    size_t ncp = 0;
    uint32_t *cps = utf8_to_cps(nfc, &ncp);
    free(nfc);
    if (!cps) return engine_fail(e, NG_ENOMEM, "out of memory");
    if (!nm->text) { free(cps); return engine_fail(e, NG_ELIMIT, "name too long"); }

    struct raw raw[MAX_RAW];
    int has_comma;
    size_t nr = tokenize(cps, ncp, raw, &has_comma);
    for (size_t r = 0; r < nr; r++)
        script_fix_homoglyphs(cps + raw[r].start, raw[r].end - raw[r].start);

    /* is the name written in mixed case (so that capitals mark a surname)? */
    int lower_seen = 0, upper_words = 0;
    for (size_t r = 0; r < nr; r++) {
        int up = 0, low = 0;
        for (size_t i = raw[r].start; i < raw[r].end; i++) {
            if (text_isupper(cps[i])) up++;
            else if (text_isletter(cps[i]) && text_tolower(cps[i]) == cps[i] &&
                     text_toupper(cps[i]) != cps[i]) low++;
        }
        if (low) lower_seen = 1;
        if (up >= 2 && !low) upper_words++;
    }
    int mixed_case = lower_seen && upper_words > 0;

    const char *tid = translit_pick(cps, ncp);
    /* conventions are a property of the whole name: Maksz Slund is
     * Hungarian throughout, though Slund alone does not show it */
    unsigned allowed = 0;
    {
        uint32_t *lowall = malloc((ncp + 1) * sizeof *lowall);
        if (!lowall) { free(cps); return engine_fail(e, NG_ENOMEM, "out of memory"); }
        for (size_t i = 0; i < ncp; i++) lowall[i] = text_tolower(cps[i]);
        allowed = phon_allowed(e->ph, lowall, ncp);
        free(lowall);
    }
    nm->script = NG_SCRIPT_NONE;
    st = NG_OK;
    int dropped_any = 0;
    for (size_t pass = 0; pass < 2 && nm->n == 0 && st == NG_OK; pass++) {
        nm->ndropped = 0;
        /* titles lead: "Col. Ivan Petrov", "SALEH, Dr. Abdul"; at the end of
         * a name the same word is a name (John Major) */
        int leading = 1;
        for (size_t r = 0; r < nr && st == NG_OK; r++) {
            const uint32_t *tc = cps + raw[r].start;
            size_t tn = raw[r].end - raw[r].start;
            if (count_letters(tc, tn) == 0) continue;
            if (r > 0 && raw[r - 1].before_comma && !raw[r].before_comma) leading = 1;
            char *written = arena_cps(nm, tc, tn);
            if (!written) { st = engine_fail(e, NG_ELIMIT, "name too long"); break; }
            const struct tok_info *info = NULL;
            st = token_info(e, written, tc, tn, tid, allowed, &info);
            if (st != NG_OK) break;
            if (pass == 0 && info->title && leading) {
                if (nm->ndropped < NG_NAME_MAX_TOKENS) nm->dropped[nm->ndropped++] = written;
                dropped_any = 1;
                continue;
            }
            if (nm->n == NG_NAME_MAX_TOKENS) {
                /* a cell that holds more than a name (a remark, several
                 * aliases) keeps its first words; the caller is told */
                nm->truncated = 1;
                break;
            }
            leading = 0;
            size_t ti = nm->n++;
            ng_token *t = &nm->tok[ti];
            struct tok_extra *x = &nm->x[ti];
            ng_script sc = info->script;
            t->text = written;
            t->script = sc;
            t->given_group = -1;
            t->translit = info->translit;
            x->hyphen_prev = (uint8_t)(raw[r].hyphen_prev && ti > 0);
            if (has_comma && raw[r].before_comma) t->flags |= NG_TOK_COMMA;
            if (nm->script == NG_SCRIPT_NONE) nm->script = sc;
            else if (nm->script != sc && sc != NG_SCRIPT_NONE) nm->script = NG_SCRIPT_MIXED;
            t->latin = arena_put(nm, info->latin, strlen(info->latin));
            if (!t->latin) { st = engine_fail(e, NG_ELIMIT, "name too long"); break; }
            for (size_t k = 0; k < info->nkeys; k++) {
                t->keys[k] = arena_put(nm, info->keys[k], info->keylen[k]);
                if (!t->keys[k]) { st = engine_fail(e, NG_ELIMIT, "name too long"); break; }
                x->keylen[k] = info->keylen[k];
            }
            if (st != NG_OK) break;
            t->nkeys = info->nkeys;
            if (info->stem) {
                t->stem = arena_put(nm, info->stem, info->stemlen);
                x->stemlen = info->stemlen;
                if (info->feminine) t->flags |= NG_TOK_FEMININE;
            }
            if (info->patronymic && info->feminine) t->flags |= NG_TOK_FEMININE;
            x->patronymic = info->patronymic;
            x->ngroups = info->ngroups;
            memcpy(x->groups, info->groups, sizeof x->groups);
            x->nnick = info->nnick;
            memcpy(x->nick, info->nick, sizeof x->nick);

            /* initials, particles, capitals */
            int letters = info->letters;
            /* a lone letter is an initial, unless it is the whole name (Ю) */
            if ((letters == 1 && !is_syllabic(tc[0]) && (nr > 1 || raw[r].dot_after)) ||
                (raw[r].dot_after && letters <= 2 && tn <= 2))
                t->role = NG_ROLE_INITIAL;
            else if ((info->particle && nr > 1) || raw[r].article)
                t->role = NG_ROLE_PARTICLE;
            int up = 0, lo = 0;
            for (size_t i = 0; i < tn; i++) {
                if (text_isupper(tc[i])) up++;
                else if (text_isletter(tc[i])) lo++;
            }
            if (mixed_case && up >= 2 && lo == 0) t->flags |= NG_TOK_ALLCAPS;
            if (x->ngroups) t->given_group = x->groups[0];
            if (x->ngroups && x->patronymic) x->patronymic = 0;
        }
        if (!dropped_any) break;
    }
    free(cps);
    if (st != NG_OK) return st;
    if (nm->n == 0) return engine_fail(e, NG_EEMPTY, "no name: no letters in \"%.60s\"", nm->text);
    assign_roles(e, nm, has_comma, mixed_case);
    for (size_t i = 0; i < nm->n; i++) {
        const ng_token *t = &nm->tok[i];
        struct tok_extra *x = &nm->x[i];
        x->weight = token_weight(t, x);
        x->h_text = strmap_hash(t->text, strlen(t->text));
        x->h_latin = strmap_hash(t->latin, strlen(t->latin));
        for (size_t k = 0; k < t->nkeys; k++) {
            x->h_key[k] = strmap_hash(t->keys[k], x->keylen[k]);
            x->m_key[k] = phon_key_mask(t->keys[k], x->keylen[k]);
        }
        x->h_stem = t->stem ? strmap_hash(t->stem, x->stemlen) : 0;
        x->m_stem = t->stem ? phon_key_mask(t->stem, x->stemlen) : 0;
        x->m_any = x->m_stem;
        x->m_all = t->nkeys ? ~0ull : 0;
        x->maxlen = t->stem ? x->stemlen : 0;
        for (size_t k = 0; k < t->nkeys; k++) {
            x->m_any |= x->m_key[k];
            x->m_all &= x->m_key[k];
            if (x->keylen[k] > x->maxlen) x->maxlen = x->keylen[k];
        }
        if (t->stem) x->m_all &= x->m_stem;
        x->b_groups = x->b_nick = x->b_keys = x->b_stem = 0;
        for (size_t k = 0; k < x->ngroups; k++) x->b_groups |= 1ull << (x->groups[k] & 63);
        for (size_t k = 0; k < x->nnick; k++) x->b_nick |= 1ull << (x->nick[k] & 63);
        for (size_t k = 0; k < t->nkeys; k++) x->b_keys |= 1ull << (x->h_key[k] & 63);
        if (t->stem) x->b_stem = 1ull << (x->h_stem & 63);
    }
    return NG_OK;
}

/* Lays out a name with room for ntok tokens and cap bytes of strings in
 * the memory after its header. */
static void name_layout(struct ng_name *nm, size_t ntok, size_t cap)
{
    nm->tok = (ng_token *)(void *)nm->data;
    nm->x = (struct tok_extra *)(void *)(nm->tok + ntok);
    nm->arena = (char *)(nm->x + ntok);
    nm->cap = cap;
}

static size_t name_bytes(size_t ntok, size_t cap)
{
    return sizeof(struct ng_name) + ntok * (sizeof(ng_token) + sizeof(struct tok_extra)) + cap;
}

struct ng_name *name_scratch_new(void)
{
    struct ng_name *nm = malloc(name_bytes(NG_NAME_MAX_TOKENS, NAME_ARENA));
    if (nm) name_layout(nm, NG_NAME_MAX_TOKENS, NAME_ARENA);
    return nm;
}

/* Moves a pointer into the arena of from to the same place in to's. */
static const char *rebase(const char *p, const struct ng_name *from, struct ng_name *to)
{
    return p ? to->arena + (p - from->arena) : NULL;
}

ng_status ng_name_parse(ng_engine *e, const char *s, size_t len, ng_name **out)
{
    *out = NULL;
    if (!e || !s) return NG_EINVAL;
    /* parse into the engine's scratch name, then keep only the bytes used:
     * a parsed name is small, which matters when millions are held */
    struct ng_name *tmp = e->scratch;
    if (!tmp && !(tmp = e->scratch = name_scratch_new()))
        return engine_fail(e, NG_ENOMEM, "out of memory");
    ng_status st = name_parse_into(e, s, len, tmp);
    if (st != NG_OK) return st;
    struct ng_name *n = malloc(name_bytes(tmp->n, tmp->used));
    if (!n) return engine_fail(e, NG_ENOMEM, "out of memory");
    *n = *tmp;
    name_layout(n, tmp->n, tmp->used);
    memcpy(n->tok, tmp->tok, tmp->n * sizeof *n->tok);
    memcpy(n->x, tmp->x, tmp->n * sizeof *n->x);
    memcpy(n->arena, tmp->arena, tmp->used);
    n->text = rebase(tmp->text, tmp, n);
    for (size_t i = 0; i < n->n; i++) {
        ng_token *t = &n->tok[i];
        t->text = rebase(t->text, tmp, n);
        t->latin = rebase(t->latin, tmp, n);
        t->stem = rebase(t->stem, tmp, n);
        for (size_t k = 0; k < t->nkeys; k++) t->keys[k] = rebase(t->keys[k], tmp, n);
    }
    for (size_t i = 0; i < n->ndropped; i++) n->dropped[i] = rebase(n->dropped[i], tmp, n);
    *out = n;
    return NG_OK;
}

void ng_name_free(ng_name *n) { free(n); }
size_t ng_name_count(const ng_name *n) { return n ? n->n : 0; }
int ng_name_truncated(const ng_name *n) { return n ? n->truncated : 0; }
const ng_token *ng_name_token(const ng_name *n, size_t i) { return n && i < n->n ? &n->tok[i] : NULL; }
const char *ng_name_text(const ng_name *n) { return n ? n->text : ""; }
ng_script ng_name_script(const ng_name *n) { return n ? n->script : NG_SCRIPT_NONE; }

const char *const *ng_name_dropped(const ng_name *n, size_t *count)
{
    *count = n ? n->ndropped : 0;
    return n ? n->dropped : NULL;
}
