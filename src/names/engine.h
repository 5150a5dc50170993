/*
 * engine.h -- the inside of ng_engine and ng_name, shared by the modules of
 * src/names.  Nothing here is public.
 */
#ifndef NG_NAMES_ENGINE_H
#define NG_NAMES_ENGINE_H

#include <stddef.h>
#include <stdint.h>

#include "names/phonetic.h"
#include "nongrata.h"
#include "text/strmap.h"
#include "text/translit.h"

#define MAX_GROUPS 8      /* given-name classes one spelling may belong to */
#define NAME_ARENA 12288  /* bytes of strings one parsed name may hold */


struct patr_suffix {
    char s[8];
    uint8_t len, feminine;
};

struct fem_suffix {
    char fem[8], masc[8];
    uint8_t flen, mlen, feminine;
};

/* What a token is, whatever name it stands in (name.c). */
struct tok_info {
    ng_script script;
    uint8_t title, particle, patronymic, feminine, ngroups, nnick, nkeys, stemlen;
    int letters;
    const char *translit;
    char latin[NG_TOKEN_MAX_BYTES];
    char keys[NG_TOKEN_MAX_KEYS][NG_KEY_MAX_BYTES];
    uint8_t keylen[NG_TOKEN_MAX_KEYS];
    const char *stem; /* stembuf or NULL */
    char stembuf[NG_KEY_MAX_BYTES];
    int32_t groups[MAX_GROUPS];
    int32_t nick[MAX_GROUPS];
};

#define TOKEN_CACHE_MAX 200000 /* tokens remembered by one engine (~110 MB) */

struct tok_cache {
    int enabled;            /* off while the lexicons are being built */
    strmap *map;            /* text, transliterator, conventions -> index */
    struct tok_info **v;
    size_t n, cap;
    struct tok_info *scratch;
};

struct ng_engine {
    translit_cache *tc;
    phon *ph;
    strmap *titles;     /* folded word -> 1 */
    strmap *particles;  /* folded word -> 1 */
    strmap *given;      /* phonetic key -> slot in given_slots */
    int32_t (*given_slots)[MAX_GROUPS];
    size_t ngiven_slots, given_cap;
    const char **group_name; /* first spelling of each class */
    size_t ngroups;
    /* nicknames: key of a familiar form -> slot of up to MAX_GROUPS given
     * classes it stands for (in given_slots) */
    strmap *nick;
    struct patr_suffix patr[48];
    size_t npatr;
    struct fem_suffix fem[16];
    size_t nfem;
    struct tok_cache cache;
    struct ng_name *scratch; /* where names are parsed (name_scratch_new) */
    char err[256];
};

struct tok_extra {
    uint8_t keylen[NG_TOKEN_MAX_KEYS];
    uint8_t stemlen;
    uint8_t ngroups, nnick;
    uint8_t hyphen_prev; /* joined to the previous token by a hyphen */
    uint8_t patronymic;  /* ends like a patronymic */
    uint8_t secondary;   /* a second surname (GUZMAN LOERA, CAZARES DE MEZA) */
    int32_t groups[MAX_GROUPS];
    int32_t nick[MAX_GROUPS];   /* classes this token is a nickname of */
    float weight;
    /* hashes for the exact tests of the scorer (strmap_hash) */
    uint64_t h_text, h_latin, h_key[NG_TOKEN_MAX_KEYS], h_stem;
    /* symbol sets of the keys and the stem (phon_key_mask), and the sets of
     * symbols in any of them and in all of them */
    uint64_t m_key[NG_TOKEN_MAX_KEYS], m_stem, m_any, m_all;
    uint8_t maxlen;      /* longest key or stem */
    /* one bit a class, key or stem (value mod 64), to skip the exact tests
     * of two tokens that share none */
    uint64_t b_groups, b_nick, b_keys, b_stem;
};

/* A parsed name.  One allocation holds the header, then the token arrays,
 * then the strings; a name being parsed has room for NG_NAME_MAX_TOKENS
 * tokens and NAME_ARENA bytes (name_scratch_new), a kept one only for what
 * it holds (ng_name_parse), so that millions of names stay small. */
struct ng_name {
    const char *text;
    ng_token *tok;
    struct tok_extra *x;
    size_t n;
    const char *dropped[NG_NAME_MAX_TOKENS];
    size_t ndropped;
    int truncated;       /* words past NG_NAME_MAX_TOKENS were left out */
    ng_script script;
    char *arena;
    size_t used, cap;    /* bytes of arena used and allocated */
    max_align_t data[];  /* tok[], x[], arena */
};

/* Sets the engine's last-error message (printf-style); returns st. */
ng_status engine_fail(ng_engine *e, ng_status st, const char *fmt, ...);

/* Lexicon set-up and look-ups (lexicon.c). */
ng_status lexicon_load(ng_engine *e);
void lexicon_free(ng_engine *e);
int lexicon_is_title(const ng_engine *e, const char *folded);
int lexicon_is_particle(const ng_engine *e, const char *folded);
/* Given-name classes of a key: up to MAX_GROUPS into out, returns count. */
size_t lexicon_given_groups(const ng_engine *e, const char *key, size_t len, int32_t *out);
/* Given-name classes a familiar form stands for (Sasha: Aleksandr,
 * Aleksandra), up to MAX_GROUPS into out; returns the count. */
size_t lexicon_nickname_groups(const ng_engine *e, const char *key, size_t len, int32_t *out);
/* 1 if key ends like a patronymic (feminine in *fem), else 0. */
int lexicon_patronymic(const ng_engine *e, const char *key, size_t len, int *fem);
/* Canonical stem of a surname key into out (masculine form of a feminine
 * surname, Russian ending of a Belarusian one); returns its length, or 0
 * when key has no such ending.  *feminine tells whether it was feminine. */
size_t lexicon_masculine(const ng_engine *e, const char *key, size_t len, char *out,
                         int *feminine);

/* A name with room to be parsed into (free with free()); NULL on ENOMEM. */
struct ng_name *name_scratch_new(void);

/* Parses a name into n (name.c); the tokens' keys and lexicon data filled.
 * n must come from name_scratch_new(). */
ng_status name_parse_into(ng_engine *e, const char *s, size_t len, struct ng_name *n);

#endif
