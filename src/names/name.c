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
 *      "John Major" keeps Major), particles marked (van, von, de, al, bin)
 *      where a name part follows them (Harry Van keeps Van);
 *   5. one transliterator is chosen for the name from its letters and each
 *      token gets a folded lowercase ASCII Latin form;
 *   6. phonetic keys: one for a Cyrillic token, one per romanisation
 *      convention for a Latin one (src/names/phonetic.c); given-name classes,
 *      nicknames, patronymic and surname endings from the lexicons -- all
 *      of it kept in the engine's token cache, since lists repeat words;
 *   7. roles: the part before a comma is the surname; in a mixed-case name
 *      the words in capitals are the surname (EU and UN lists); a token
 *      ending like a patronymic (-ovich, -ewitsch, -owicz, -ovna, -ivna ...)
 *      in the middle or last place of three is the patronymic (not one in
 *      -ić: Jovanović is a South Slavic family name, nor one after two
 *      known given names outside Cyrillic: José Peter Lytvynovych); a known
 *      given name comes first in "Given Surname" or last in "Surname
 *      Given"; Ben first is the given name unless a given name ends the
 *      name (Ben Will, but Ben Laden Ossama);
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
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "names/engine.h"
#include "text/fold.h"
#include "text/script.h"
#include "text/utf8.h"

#define MAX_RAW 64

/* the layout the comments of engine.h promise */
_Static_assert(sizeof(struct slot) == 16, "a slot is 16 bytes");
_Static_assert(sizeof(struct ng_name) == 16, "a name header is 16 bytes");
_Static_assert(offsetof(struct tok, feminine) < 64, "the scorer's part of a token is one line");

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

/* Room for len bytes in the arena, at an offset aligned to align; NULL
 * when it is full. */
static char *arena_alloc(struct ng_name *n, size_t len, size_t align)
{
    size_t at = (n->used + align - 1) & ~(align - 1);
    if (at + len > n->cap) return NULL;
    n->used = (uint32_t)(at + len);
    return NAME_ARENA_OF(n) + at;
}

/* Copies bytes into the arena; NULL when it is full. */
static char *arena_put(struct ng_name *n, const char *s, size_t len)
{
    char *p = arena_alloc(n, len + 1, 1);
    if (!p) return NULL;
    memcpy(p, s, len);
    p[len] = 0;
    return p;
}

/* UTF-8 of k code points into buf (cap bytes, NUL-terminated). */
static void cps_utf8(const uint32_t *cps, size_t k, char *buf, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < k && o + 5 < cap; i++) o += utf8_put(cps[i], buf + o);
    buf[o] = 0;
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

/* A particle that is also a given name the tables know, first in a name
 * that does not end in a given name, is that given name: Ben Will, Ben
 * John Smith, not "son of".  Not after a comma, nor joined by a hyphen
 * (Ben-Gurion), nor later in the name (Zine El Abidine Ben Ali), nor
 * before a given name last (Ben Laden Ossama, Ben Ali). */
static void given_first(struct ng_name *nm, int has_comma)
{
    struct slot *f = &nm->slot[0];
    if (has_comma || nm->n < 2 || f->role != NG_ROLE_PARTICLE || !f->t->ngroups) return;
    if (nm->slot[1].hyphen_prev || nm->slot[1].role == NG_ROLE_PARTICLE) return;
    if (nm->slot[nm->n - 1].t->ngroups) return;
    f->role = NG_ROLE_UNKNOWN;
}

/* Roles, by the rules of step 7 above. */
static void assign_roles(ng_engine *e, struct ng_name *nm, int has_comma, int mixed_case)
{
    (void)e;
    size_t idx[NG_NAME_MAX_TOKENS], k = 0;
    for (size_t i = 0; i < nm->n; i++) {
        const struct slot *t = &nm->slot[i];
        if (t->role == NG_ROLE_PARTICLE || t->role == NG_ROLE_INITIAL) continue;
        if (t->hyphen_prev && i > 0 && nm->slot[i - 1].role != NG_ROLE_PARTICLE)
            continue; /* follows its partner: Rimsky-Korsakov */
        idx[k++] = i;
    }
    int any_caps = 0, any_plain = 0;
    for (size_t j = 0; j < k; j++) {
        if (nm->slot[idx[j]].flags & NG_TOK_ALLCAPS) any_caps = 1;
        else any_plain = 1;
    }
#define ROLE(j) nm->slot[idx[j]].role
#define PATR(j) (nm->slot[idx[j]].t->patronymic)
#define GIVEN(j) (nm->slot[idx[j]].t->ngroups > 0)
    if (has_comma) {
        int given_done = 0;
        for (size_t j = 0; j < k; j++) {
            if (nm->slot[idx[j]].flags & NG_TOK_COMMA) ROLE(j) = NG_ROLE_SURNAME;
            else if (!given_done) { ROLE(j) = NG_ROLE_GIVEN; given_done = 1; }
            else ROLE(j) = PATR(j) ? NG_ROLE_PATRONYMIC : NG_ROLE_MIDDLE;
        }
    } else if (mixed_case && any_caps && any_plain) {
        int given_done = 0;
        for (size_t j = 0; j < k; j++) {
            if (nm->slot[idx[j]].flags & NG_TOK_ALLCAPS) ROLE(j) = NG_ROLE_SURNAME;
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
        /* two known given names first in a Latin name are given and
         * middle, and the last word a family name that ends like a
         * patronymic (José Peter Lytvynovych); in Cyrillic the official
         * order keeps its surname first, whatever it is */
        int two_given = GIVEN(0) && GIVEN(1) && !PATR(1) && nm->script != NG_SCRIPT_CYRILLIC;
        if (PATR(k - 1) && !PATR(k - 2) && !two_given) {
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
        if (nm->slot[i].hyphen_prev && nm->slot[i].role != NG_ROLE_PARTICLE &&
            nm->slot[i].role != NG_ROLE_INITIAL && nm->slot[i - 1].role != NG_ROLE_PARTICLE)
            nm->slot[i].role = nm->slot[i - 1].role;
    /* after the first surname, further surname words are secondary:
     * Spanish second surnames, married names, clan names */
    int surname_seen = 0;
    for (size_t i = 0; i < nm->n; i++) {
        if (nm->slot[i].role != NG_ROLE_SURNAME) continue;
        if (surname_seen && !nm->slot[i].hyphen_prev) nm->slot[i].secondary = 1;
        surname_seen = 1;
    }
    for (size_t i = 0; i < nm->n; i++) {
        struct slot *t = &nm->slot[i];
        if (t->role != NG_ROLE_SURNAME && t->role != NG_ROLE_PATRONYMIC)
            t->flags &= (uint8_t)~NG_TOK_FEMININE;
        t->use_stem = t->role == NG_ROLE_SURNAME && t->t->stemlen > 0;
        t->maxlen = t->use_stem ? t->t->maxlen_s : t->t->maxlen;
    }
}

/* Weight of a token in the score: longer tokens say more than short ones,
 * and a surname says more than a given name or a patronymic, which
 * namesakes share (Sergey Ivanovich is common; the surname is not). */
static float token_weight(const struct slot *x)
{
    const struct tok *t = x->t;
    if (x->role == NG_ROLE_PARTICLE) return 0.0f;
    if (x->role == NG_ROLE_INITIAL) return 0.25f;
    size_t len = t->nkeys ? t->keylen[0] : strlen(TOK_LATIN(t));
    if (len > 7) len = 7;
    float w = 0.35f + 0.65f * (float)len / 7.0f;
    switch (x->role) {
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
    /* a spelling the given-name tables list belongs to the classes that
     * list it; others to the classes their keys reach */
    int32_t spelt[MAX_GROUPS];
    size_t nspelt = lexicon_spelt_groups(e, low, strlen(low), spelt);
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
    /* -ić is a South Slavic family name (Petrović, Mladić), never a
     * patronymic: those languages have none, and a Russian one is written
     * -ovich, -ovič or -owicz */
    int ends_ic = sc == NG_SCRIPT_LATIN && nl >= 2 && lc[nl - 1] == 0x0107 && lc[nl - 2] == 'i';
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
    add_classes(ti->groups, &ti->ngroups, spelt, nspelt);
    if (nspelt) {
        int32_t g[MAX_GROUPS];
        size_t ng = lexicon_spelt_nickname_groups(e, spelt, nspelt, g);
        add_classes(ti->nick, &ti->nnick, g, ng);
    }
    for (size_t k = 0; k < nk; k++) {
        int32_t g[MAX_GROUPS];
        size_t ng = nspelt ? 0 : lexicon_given_groups(e, ti->keys[k], ti->keylen[k], g);
        add_classes(ti->groups, &ti->ngroups, g, ng);
        ng = nspelt ? 0 : lexicon_nickname_groups(e, ti->keys[k], ti->keylen[k], g);
        add_classes(ti->nick, &ti->nnick, g, ng);
        int fem = 0;
        if (!ti->patronymic && !ends_ic && lexicon_patronymic(e, ti->keys[k], ti->keylen[k], &fem)) {
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

#define ALIGN4(x) (((x) + 3u) & ~(size_t)3u)

size_t tok_size(const struct tok_info *ti, const char *written)
{
    size_t n = sizeof(struct tok) + strlen(written) + 1 + strlen(ti->latin) + 1;
    for (size_t k = 0; k < ti->nkeys; k++) n += ti->keylen[k] + 1u;
    if (ti->stem) n += ti->stemlen + 1u;
    return ALIGN4(n) + 4u * (ti->ngroups + ti->nnick);
}

static uint16_t put_str(struct tok *t, size_t *at, const char *s, size_t len)
{
    char *p = (char *)t + *at;
    memcpy(p, s, len);
    p[len] = 0;
    uint16_t o = (uint16_t)*at;
    *at += len + 1;
    return o;
}

struct tok *tok_pack(const struct tok_info *ti, const char *written, void *dst)
{
    struct tok *t = dst;
    memset(t, 0, sizeof *t);
    size_t at = sizeof *t;
    t->o_text = put_str(t, &at, written, strlen(written));
    t->o_latin = put_str(t, &at, ti->latin, strlen(ti->latin));
    t->script = (uint8_t)ti->script;
    t->nkeys = ti->nkeys;
    t->m_all = ti->nkeys ? ~0ull : 0;
    for (size_t k = 0; k < ti->nkeys; k++) {
        t->keylen[k] = ti->keylen[k];
        t->o_key[k] = put_str(t, &at, ti->keys[k], ti->keylen[k]);
        t->m_key[k] = phon_key_mask(ti->keys[k], ti->keylen[k]);
        t->m_any |= t->m_key[k];
        t->m_all &= t->m_key[k];
        t->b_keys |= 1u << (strmap_hash(ti->keys[k], ti->keylen[k]) & 31);
        if (ti->keylen[k] > t->maxlen) t->maxlen = ti->keylen[k];
    }
    t->maxlen_s = t->maxlen;
    if (ti->stem) {
        t->stemlen = ti->stemlen;
        t->o_stem = put_str(t, &at, ti->stem, ti->stemlen);
        t->m_stem = phon_key_mask(ti->stem, ti->stemlen);
        /* the stem counts only for a surname; in the sets of symbols it is
         * always in, which only loosens the bounds the scorer takes from
         * them */
        t->m_any |= t->m_stem;
        t->m_all &= t->m_stem;
        t->b_stem = 1u << (strmap_hash(ti->stem, ti->stemlen) & 31);
        if (ti->stemlen > t->maxlen_s) t->maxlen_s = ti->stemlen;
    }
    at = ALIGN4(at);
    int32_t *g = (int32_t *)(void *)((char *)t + at);
    t->o_groups = (uint16_t)at;
    t->ngroups = ti->ngroups;
    for (size_t k = 0; k < ti->ngroups; k++) {
        g[k] = ti->groups[k];
        t->b_groups |= 1u << (ti->groups[k] & 31);
    }
    at += 4u * ti->ngroups;
    g = (int32_t *)(void *)((char *)t + at);
    t->o_nick = (uint16_t)at;
    t->nnick = ti->nnick;
    for (size_t k = 0; k < ti->nnick; k++) {
        g[k] = ti->nick[k];
        t->b_nick |= 1u << (ti->nick[k] & 31);
    }
    at += 4u * ti->nnick;
    t->size = (uint16_t)at;
    t->h_text = strmap_hash(TOK_TEXT(t), strlen(TOK_TEXT(t)));
    t->h_latin = strmap_hash(ti->latin, strlen(ti->latin));
    t->patronymic = ti->patronymic;
    t->feminine = (uint8_t)(ti->feminine && (ti->stem || ti->patronymic));
    t->title = ti->title;
    t->particle = ti->particle;
    t->letters = (uint16_t)(ti->letters > 65535 ? 65535 : ti->letters);
    t->translit = ti->translit;
    return t;
}

/* Room for a token of size bytes in the engine's slabs; NULL on ENOMEM. */
static void *slab_alloc(struct tok_cache *c, size_t size)
{
    size = (size + TOK_ALIGN - 1) & ~(size_t)(TOK_ALIGN - 1);
    if (!c->nslabs || c->slab_used + size > TOKEN_SLAB) {
        if (c->nslabs == c->slabcap) {
            size_t nc = c->slabcap ? 2 * c->slabcap : 16;
            char **ns = realloc(c->slabs, nc * sizeof *ns);
            if (!ns) return NULL;
            c->slabs = ns;
            c->slabcap = nc;
        }
        char *slab = aligned_alloc(TOK_ALIGN, TOKEN_SLAB);
        if (!slab) return NULL;
        c->slabs[c->nslabs++] = slab;
        c->slab_used = 0;
    }
    void *p = c->slabs[c->nslabs - 1] + c->slab_used;
    c->slab_used += size;
    return p;
}

/* Keeps a token of the cache in the engine's front table (made when the
 * first one comes; without it, the cache alone serves). */
static void front_put(ng_engine *e, uint64_t h, const struct tok *t, const char *tid,
                      unsigned allowed)
{
    if (!e->front && !(e->front = calloc(TOK_FRONT, sizeof *e->front))) return;
    e->front[h & (TOK_FRONT - 1)] = (struct tok_front){h, t, tid, allowed};
}

/* The token written as `written` in a name read with transliterator tid
 * and conventions allowed: from the engine's cache, made and put there,
 * or, when the cache is off or full, made into the arena of nm. */
static ng_status token_get(ng_engine *e, const char *written, const uint32_t *tc, size_t tn,
                           const char *tid, unsigned allowed, struct ng_name *nm,
                           const struct tok **out)
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
    struct tok_cache *c = e->tokens;
    /* the engine's own table first: common words come again and again,
     * and the cache behind it takes a lock when two threads share it */
    uint64_t h = strmap_hash(key, klen);
    struct tok_front *f = e->front ? &e->front[h & (TOK_FRONT - 1)] : NULL;
    if (f && f->t && f->h == h && f->tid == tid && f->allowed == allowed &&
        strcmp(TOK_TEXT(f->t), written) == 0) {
        *out = f->t;
        return NG_OK;
    }
    int32_t idx;
    if (c->shared) pthread_mutex_lock(&c->lock);
    const struct tok *found = NULL;
    if (c->enabled && c->map && strmap_get(c->map, key, klen, &idx)) found = c->v[idx];
    if (c->shared) pthread_mutex_unlock(&c->lock);
    if (found) {
        *out = found;
        front_put(e, h, found, tid, allowed);
        return NG_OK;
    }
    /* made outside the lock (ICU is the slow part): another thread may
     * make the same token meanwhile, and the first one kept wins */
    if (!e->cache.info && !(e->cache.info = malloc(sizeof *e->cache.info)))
        return engine_fail(e, NG_ENOMEM, "out of memory");
    struct tok_info *ti = e->cache.info;
    ng_status st = compute_token(e, written, tc, tn, tid, allowed, ti);
    if (st != NG_OK) return st;
    if (ti->stem) ti->stem = ti->stembuf;
    size_t size = tok_size(ti, written);
    if (size > UINT16_MAX) return engine_fail(e, NG_ELIMIT, "token too long");
    if (c->shared) pthread_mutex_lock(&c->lock);
    if (c->enabled && c->map && c->n < c->max) {
        st = NG_OK;
        if (strmap_get(c->map, key, klen, &idx)) {
            *out = c->v[idx];
        } else {
            void *mem = NULL;
            if (c->n == c->cap) {
                size_t nc = c->cap ? 2 * c->cap : 1024;
                struct tok **nv = realloc(c->v, nc * sizeof *nv);
                if (nv) { c->v = nv; c->cap = nc; }
            }
            if (c->n < c->cap) mem = slab_alloc(c, size);
            if (!mem || strmap_put(c->map, key, klen, (int32_t)c->n)) {
                st = NG_ENOMEM;
            } else {
                c->v[c->n] = tok_pack(ti, written, mem);
                *out = c->v[c->n++];
            }
        }
        if (c->shared) pthread_mutex_unlock(&c->lock);
        if (st == NG_OK) front_put(e, h, *out, tid, allowed);
        return st == NG_OK ? NG_OK : engine_fail(e, st, "out of memory");
    }
    if (c->shared) pthread_mutex_unlock(&c->lock);
    /* not cached: the name holds its own copy */
    void *mem = arena_alloc(nm, size, _Alignof(struct tok));
    if (!mem) return engine_fail(e, NG_ELIMIT, "name too long");
    *out = tok_pack(ti, written, mem);
    return NG_OK;
}

/* Whether a word of the particle list stands as a particle: it leads a
 * name part (van Beethoven, bin Laden; before the comma or after it), or
 * closes the given names of "Beethoven, Ludwig van".  One that ends a name
 * or the part before its comma is the name itself: Harry Van, Мартин
 * Аль, VAN, Harry. */
static int particle_place(const struct raw *raw, size_t nr, size_t r, int has_comma)
{
    if (r + 1 < nr && raw[r + 1].before_comma == raw[r].before_comma) return 1;
    return has_comma && !raw[r].before_comma;
}

ng_status name_parse_into(ng_engine *e, const char *s, size_t len, struct ng_name *nm)
{
    nm->n = nm->ndropped = 0;
    nm->truncated = 0;
    nm->script = NG_SCRIPT_NONE;
    nm->used = 0;
    nm->o_dropped = 0;
    memset(nm->slot, 0, NG_NAME_MAX_TOKENS * sizeof *nm->slot);
    if (len == (size_t)-1) len = strlen(s);
    if (len > NG_NAME_MAX_BYTES)
        return engine_fail(e, NG_ELIMIT, "name is %zu bytes long (limit %d)", len,
                           NG_NAME_MAX_BYTES);
    size_t bad = 0;
    ng_status st = ng_utf8_check(s, len, &bad);
    if (st == NG_EUTF8) return engine_fail(e, st, "invalid UTF-8 at byte %zu", bad);
    if (st == NG_ENUL) return engine_fail(e, st, "NUL byte at byte %zu", bad);
    /* most names are their own NFC, and are not copied to be normalised */
    char *nfc = NULL;
    size_t nfclen = len;
    if (!text_is_nfc_inert(s, len)) {
        if ((st = text_nfc(s, len, &nfc)) != NG_OK)
            return engine_fail(e, st, "Unicode normalisation failed");
        nfclen = strlen(nfc);
    }
    const char *src = nfc ? nfc : s;
    const char *text = arena_put(nm, src, nfclen);
    /* NFC makes a text three times longer at most */
    uint32_t cps[3 * NG_NAME_MAX_BYTES + 1];
    size_t ncp = 0;
    for (size_t i = 0; i < nfclen && ncp < sizeof cps / sizeof *cps;)
        cps[ncp++] = utf8_next(src, nfclen, &i, NULL);
    free(nfc);
    if (!text) return engine_fail(e, NG_ELIMIT, "name too long");

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
        uint32_t lowall[sizeof cps / sizeof *cps];
        for (size_t i = 0; i < ncp; i++) lowall[i] = text_tolower(cps[i]);
        allowed = phon_allowed(e->ph, lowall, ncp);
    }
    nm->script = NG_SCRIPT_NONE;
    st = NG_OK;
    int dropped_any = 0;
    /* dropped titles, one after another, go in the arena at the end */
    char dropped[NG_NAME_MAX_BYTES + NG_NAME_MAX_TOKENS];
    size_t dropped_len = 0;
    size_t text_used = nm->used;
    for (size_t pass = 0; pass < 2 && nm->n == 0 && st == NG_OK; pass++) {
        nm->ndropped = 0;
        dropped_len = 0;
        nm->used = (uint32_t)text_used;
        /* titles lead: "Col. Ivan Petrov", "SALEH, Dr. Abdul"; at the end of
         * a name the same word is a name (John Major) */
        int leading = 1;
        for (size_t r = 0; r < nr && st == NG_OK; r++) {
            const uint32_t *tc = cps + raw[r].start;
            size_t tn = raw[r].end - raw[r].start;
            if (count_letters(tc, tn) == 0) continue;
            if (r > 0 && raw[r - 1].before_comma && !raw[r].before_comma) leading = 1;
            char written[4 * NG_NAME_MAX_BYTES + 8];
            cps_utf8(tc, tn, written, sizeof written);
            const struct tok *info = NULL;
            st = token_get(e, written, tc, tn, tid, allowed, nm, &info);
            if (st != NG_OK) break;
            if (pass == 0 && info->title && leading) {
                size_t wl = strlen(written);
                if (nm->ndropped < NG_NAME_MAX_TOKENS && dropped_len + wl + 1 <= sizeof dropped) {
                    memcpy(dropped + dropped_len, written, wl + 1);
                    dropped_len += wl + 1;
                    nm->ndropped++;
                }
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
            struct slot *t = &nm->slot[nm->n++];
            ng_script sc = (ng_script)info->script;
            t->t = info;
            t->hyphen_prev = (uint8_t)(raw[r].hyphen_prev && nm->n > 1);
            if (has_comma && raw[r].before_comma) t->flags |= NG_TOK_COMMA;
            if (nm->script == NG_SCRIPT_NONE) nm->script = (uint8_t)sc;
            else if (nm->script != sc && sc != NG_SCRIPT_NONE) nm->script = NG_SCRIPT_MIXED;
            if (info->feminine) t->flags |= NG_TOK_FEMININE;

            /* initials, particles, capitals */
            int letters = info->letters;
            /* a lone letter is an initial, unless it is the whole name (Ю) */
            if ((letters == 1 && !is_syllabic(tc[0]) && (nr > 1 || raw[r].dot_after)) ||
                (raw[r].dot_after && letters <= 2 && tn <= 2))
                t->role = NG_ROLE_INITIAL;
            else if ((info->particle && nr > 1 && particle_place(raw, nr, r, has_comma)) ||
                     raw[r].article)
                t->role = NG_ROLE_PARTICLE;
            int up = 0, lo = 0;
            for (size_t i = 0; i < tn; i++) {
                if (text_isupper(tc[i])) up++;
                else if (text_isletter(tc[i])) lo++;
            }
            if (mixed_case && up >= 2 && lo == 0) t->flags |= NG_TOK_ALLCAPS;
        }
        if (!dropped_any) break;
    }
    if (st != NG_OK) return st;
    if (nm->n == 0) return engine_fail(e, NG_EEMPTY, "no name: no letters in \"%.60s\"", text);
    if (dropped_len) {
        char *d = arena_alloc(nm, dropped_len, 1);
        if (!d) return engine_fail(e, NG_ELIMIT, "name too long");
        memcpy(d, dropped, dropped_len);
        nm->o_dropped = (uint16_t)(d - NAME_ARENA_OF(nm));
    }
    given_first(nm, has_comma);
    assign_roles(e, nm, has_comma, mixed_case);
    for (size_t i = 0; i < nm->n; i++) nm->slot[i].weight = token_weight(&nm->slot[i]);
    return NG_OK;
}

/* Lays out a name with room for ntok tokens and cap bytes of arena after
 * its header. */
static void name_layout(struct ng_name *nm, size_t ntok, size_t cap)
{
    nm->nslots = (uint8_t)ntok;
    nm->cap = (uint32_t)cap;
}

static size_t name_bytes(size_t ntok, size_t cap)
{
    return sizeof(struct ng_name) + ntok * sizeof(struct slot) + cap;
}

struct ng_name *name_scratch_new(void)
{
    struct ng_name *nm = malloc(name_bytes(NG_NAME_MAX_TOKENS, NAME_ARENA));
    if (nm) name_layout(nm, NG_NAME_MAX_TOKENS, NAME_ARENA);
    return nm;
}

static void *name_malloc(void *ctx, size_t n)
{
    (void)ctx;
    return malloc(n);
}

ng_status ng_name_parse(ng_engine *e, const char *s, size_t len, ng_name **out)
{
    return name_parse_with(e, s, len, name_malloc, NULL, out);
}

ng_status name_parse_with(ng_engine *e, const char *s, size_t len,
                          void *(*alloc)(void *ctx, size_t n), void *ctx, ng_name **out)
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
    struct ng_name *n = alloc(ctx, name_bytes(tmp->n, tmp->used));
    if (!n) return engine_fail(e, NG_ENOMEM, "out of memory");
    *n = *tmp;
    name_layout(n, tmp->n, tmp->used);
    memcpy(n->slot, tmp->slot, tmp->n * sizeof *n->slot);
    char *from = NAME_ARENA_OF(tmp), *to = NAME_ARENA_OF(n);
    memcpy(to, from, tmp->used);
    /* pointers into the arena move with it (the text, private tokens);
     * the arena keeps its alignment, the header and slots being a
     * multiple of 8 bytes */
    for (size_t i = 0; i < n->n; i++) {
        const char *p = (const char *)n->slot[i].t;
        if (p >= from && p < from + tmp->used)
            n->slot[i].t = (const struct tok *)(const void *)(to + (p - from));
    }
    *out = n;
    return NG_OK;
}

void ng_name_free(ng_name *n) { free(n); }
size_t ng_name_count(const ng_name *n) { return n ? n->n : 0; }
int ng_name_truncated(const ng_name *n) { return n ? n->truncated : 0; }
const char *ng_name_text(const ng_name *n) { return n ? NAME_ARENA_OF(n) : ""; }

void name_prefetch_tokens(const ng_name *n)
{
    for (size_t i = 0; i < n->n && i < 8; i++) __builtin_prefetch(n->slot[i].t);
}
ng_script ng_name_script(const ng_name *n) { return n ? (ng_script)n->script : NG_SCRIPT_NONE; }

ng_token ng_name_token(const ng_name *n, size_t i)
{
    ng_token k;
    memset(&k, 0, sizeof k);
    k.text = k.latin = "";
    k.given_group = -1;
    if (!n || i >= n->n) return k;
    const struct slot *x = &n->slot[i];
    const struct tok *t = x->t;
    k.text = TOK_TEXT(t);
    k.latin = TOK_LATIN(t);
    k.translit = t->translit;
    k.nkeys = t->nkeys;
    for (size_t q = 0; q < t->nkeys; q++) k.keys[q] = TOK_KEY(t, q);
    k.stem = x->use_stem ? TOK_STEM(t) : NULL;
    k.script = (ng_script)t->script;
    k.role = (ng_role)x->role;
    k.given_group = t->ngroups ? TOK_GROUPS(t)[0] : -1;
    k.flags = x->flags;
    return k;
}

size_t ng_name_token_classes(const ng_name *n, size_t i, int32_t *out, size_t max)
{
    if (!n || i >= n->n) return 0;
    const struct tok *t = n->slot[i].t;
    size_t k = 0;
    for (size_t j = 0; j < t->ngroups && k < max; j++) out[k++] = TOK_GROUPS(t)[j];
    for (size_t j = 0; j < t->nnick && k < max; j++) out[k++] = TOK_NICK(t)[j];
    return k;
}

size_t ng_name_dropped_count(const ng_name *n) { return n ? n->ndropped : 0; }

const char *ng_name_dropped(const ng_name *n, size_t i)
{
    if (!n || i >= n->ndropped) return NULL;
    const char *p = NAME_ARENA_OF(n) + n->o_dropped;
    while (i--) p += strlen(p) + 1;
    return p;
}
