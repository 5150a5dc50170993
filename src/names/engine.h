/*
 * engine.h -- the inside of ng_engine and ng_name, shared by the modules of
 * src/names.  Nothing here is public.
 */
#ifndef NG_NAMES_ENGINE_H
#define NG_NAMES_ENGINE_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "names/phonetic.h"
#include "nongrata.h"
#include "text/strmap.h"
#include "text/translit.h"

#define MAX_GROUPS 8      /* given-name classes one spelling may belong to */
#define NAME_ARENA 32768  /* bytes of strings and private tokens of a name */


struct patr_suffix {
    char s[8];
    uint8_t len, feminine;
    uint8_t word;          /* the whole key, not an ending */
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

/* A token as a spelling, whatever name it stands in: its Latin form, keys
 * and lexicon classes, made once and shared by every name that holds it.
 * A token is one block with its strings after the header, addressed by
 * offsets, so that it can be copied anywhere (tok_pack): the engine keeps
 * the tokens of its cache in slabs, a name holds a private copy of the few
 * the cache could not take.  The first 64 bytes are what the scorer reads
 * for every pair of tokens; the rest only when two tokens may meet. */
struct tok {
    /* the first cache line */
    uint64_t h_text, h_latin;   /* strmap_hash of text and latin */
    uint64_t m_any, m_all;      /* symbols in any key or the stem / in all */
    uint32_t b_groups, b_nick;  /* one bit a given-name class (value mod 32) */
    uint32_t b_keys, b_stem;    /* one bit a key / the stem (hash mod 32) */
    uint8_t script, nkeys, ngroups, nnick;
    uint8_t maxlen, maxlen_s;   /* longest key; longest key or stem */
    uint8_t stemlen;
    uint8_t keylen[NG_TOKEN_MAX_KEYS];
    uint8_t patronymic;         /* ends like a patronymic */
    uint8_t feminine;           /* feminine surname form or patronymic */
    uint8_t title, particle;
    /* the rest */
    uint16_t letters;
    uint16_t size;              /* bytes of the whole block */
    uint16_t o_text, o_latin, o_stem, o_groups, o_nick;
    uint16_t o_key[NG_TOKEN_MAX_KEYS];
    const char *translit;       /* ICU transliterator id (static), or NULL */
    uint64_t m_key[NG_TOKEN_MAX_KEYS], m_stem;
};

#define TOK_ALIGN 64
#define TOK_TEXT(t) ((const char *)(t) + (t)->o_text)
#define TOK_LATIN(t) ((const char *)(t) + (t)->o_latin)
#define TOK_KEY(t, k) ((const char *)(t) + (t)->o_key[k])
#define TOK_STEM(t) ((const char *)(t) + (t)->o_stem) /* when stemlen > 0 */
#define TOK_GROUPS(t) ((const int32_t *)(const void *)((const char *)(t) + (t)->o_groups))
#define TOK_NICK(t) ((const int32_t *)(const void *)((const char *)(t) + (t)->o_nick))

/* Bytes tok_pack needs for ti. */
size_t tok_size(const struct tok_info *ti, const char *written);
/* Writes the token block of ti (written as `written`) to dst, which has
 * tok_size() bytes aligned for struct tok; returns it. */
struct tok *tok_pack(const struct tok_info *ti, const char *written, void *dst);

#define TOKEN_CACHE_MAX 1000000 /* tokens one engine keeps (~250 bytes each) */
#define TOKEN_SLAB (256 * 1024)

/* A token the engine got from the cache, by the hash of its cache key: a
 * direct-mapped table of TOK_FRONT entries in front of the cache, which
 * two threads share behind a lock. */
#define TOK_FRONT (1u << 16)
struct tok_front {
    uint64_t h;
    const struct tok *t;
    const char *tid;
    unsigned allowed;
};

struct tok_cache {
    int enabled;            /* off while the lexicons are being built */
    size_t max;             /* tokens kept at most (TOKEN_CACHE_MAX) */
    strmap *map;            /* text, transliterator, conventions -> index */
    struct tok **v;
    size_t n, cap;
    char **slabs;           /* where the tokens live */
    size_t nslabs, slabcap, slab_used;
    struct tok_info *info;  /* scratch for compute_token (of the engine
                               that owns the cache, whoever uses it) */
    int shared;             /* other engines use it: lock first */
    pthread_mutex_t lock;
};

struct ng_engine {
    translit_cache *tc;
    phon *ph;
    struct phon_tiers tiers; /* of ph, for the inline bounds */
    strmap *titles;     /* folded word -> 1 */
    strmap *particles;  /* folded word -> 1 */
    strmap *given;      /* phonetic key -> slot in given_slots */
    strmap *given_spelt; /* a listed spelling, lowercase -> slot: a spelling
                            the tables list is in the classes that list it,
                            not in every class its keys reach (Ян is Jan,
                            not Ann, whose key it shares) */
    int32_t (*given_slots)[MAX_GROUPS];
    size_t ngiven_slots, given_cap;
    const char **group_name; /* first spelling of each class */
    uint8_t *group_surname;  /* a class of family names (@surname rows) */
    size_t ngroups;
    /* nicknames: key of a familiar form -> slot of up to MAX_GROUPS given
     * classes it stands for (in given_slots) */
    strmap *nick;
    /* a class -> the classes its spellings stand for as familiar forms
     * (Ben's row, Ben Бен -> Benjamin): how a spelling the tables list
     * gets its nickname classes, as it gets its given-name classes from
     * its rows and not from its keys (Yū is not Joe, whose Dutch key it
     * shares) */
    int32_t (*class_nick)[MAX_GROUPS];
    struct patr_suffix patr[48];
    size_t npatr;
    struct fem_suffix fem[16];
    size_t nfem;
    struct tok_cache cache;
    struct tok_cache *tokens; /* the cache used: its own, or another
                                 engine's (engine_share_tokens) */
    struct tok_front *front; /* this engine's last tokens, looked up
                                without the cache's lock (token_get) */
    struct ng_name *scratch; /* where names are parsed (name_scratch_new) */
    char err[256];
};

/* A token in a name: the token and what it is in this name. */
struct slot {
    const struct tok *t;
    float weight;                /* in the score (token_weight) */
    uint8_t role;                /* ng_role */
    uint8_t flags;               /* NG_TOK_* */
    uint8_t maxlen;              /* longest key, or stem when it is used */
    uint8_t hyphen_prev : 1;     /* joined to the previous token by a hyphen */
    uint8_t secondary : 1;       /* a second surname (GUZMAN LOERA) */
    uint8_t use_stem : 1;        /* a surname with a masculine stem (Ivanova) */
};

/* A parsed name: a 16-byte header, a 16-byte slot a token, then the
 * arena: the text (at offset 0), the dropped titles one after another,
 * and private copies of tokens the engine's cache did not take.  A name
 * being parsed has room for NG_NAME_MAX_TOKENS slots and NAME_ARENA bytes
 * (name_scratch_new); a kept one only for what it holds (ng_name_parse):
 * a name of three tokens that the cache holds takes 64 bytes and its
 * text. */
struct ng_name {
    uint32_t used, cap;  /* bytes of arena used and allocated */
    uint8_t n, nslots;   /* tokens; slots before the arena */
    uint8_t ndropped;
    uint8_t truncated;   /* words past NG_NAME_MAX_TOKENS were left out */
    uint8_t script;
    uint16_t o_dropped;  /* arena offset of the dropped titles */
    struct slot slot[];
};

#define NAME_ARENA_OF(nm) ((char *)((nm)->slot + (nm)->nslots))

/* Sets the engine's last-error message (printf-style); returns st. */
ng_status engine_fail(ng_engine *e, ng_status st, const char *fmt, ...);

/* Lexicon set-up and look-ups (lexicon.c). */
ng_status lexicon_load(ng_engine *e);
void lexicon_free(ng_engine *e);
int lexicon_is_title(const ng_engine *e, const char *folded);
int lexicon_is_particle(const ng_engine *e, const char *folded);
/* Given-name classes of a key: up to MAX_GROUPS into out, returns count. */
size_t lexicon_given_groups(const ng_engine *e, const char *key, size_t len, int32_t *out);
/* The classes whose rows list this spelling (lowercase), into out. */
size_t lexicon_spelt_groups(const ng_engine *e, const char *low, size_t len, int32_t *out);
/* Given-name classes a familiar form stands for (Sasha: Aleksandr,
 * Aleksandra), up to MAX_GROUPS into out; returns the count. */
size_t lexicon_nickname_groups(const ng_engine *e, const char *key, size_t len, int32_t *out);
/* The same for a spelling the tables list in classes spelt[0..nspelt). */
size_t lexicon_spelt_nickname_groups(const ng_engine *e, const int32_t *spelt, size_t nspelt,
                                     int32_t *out);
/* 1 if key ends like a patronymic (feminine in *fem), else 0. */
int lexicon_patronymic(const ng_engine *e, const char *key, size_t len, int *fem);
/* Canonical stem of a surname key into out (masculine form of a feminine
 * surname, Russian ending of a Belarusian one); returns its length, or 0
 * when key has no such ending.  *feminine tells whether it was feminine. */
size_t lexicon_masculine(const ng_engine *e, const char *key, size_t len, char *out,
                         int *feminine);

/* Makes e use the token cache of owner, so that two threads parsing one
 * list keep each token once; owner must outlive e's names (it owns their
 * tokens).  Call before e parses anything. */
void engine_share_tokens(ng_engine *e, ng_engine *owner);

/* Drops the look-up tables of e's token store and of its front, keeping
 * the tokens (names parsed so far stay valid): names parsed later hold
 * their own tokens.  For a list complete in memory. */
void engine_freeze_tokens(ng_engine *e);

/* ng_name_parse with the kept name's memory from alloc(ctx, bytes) (8-byte
 * aligned; an arena's, say: then it is not ng_name_free'd). */
ng_status name_parse_with(ng_engine *e, const char *s, size_t len,
                          void *(*alloc)(void *ctx, size_t n), void *ctx, ng_name **out);

/* Asks the processor for the tokens of n ahead of a comparison. */
void name_prefetch_tokens(const struct ng_name *n);

/* The length of an al- or el- glued on the front of a phonetic key that
 * the engine meets apart (Elkaddafi / Gaddafi, compare.c), or 0; the index
 * keys the rest the same way (match/index.c).  The token must be written
 * with it (latin, its Latin form): a key read with a silent first letter
 * is no particle (Jellinek as elinek is not el-Inek). */
static inline size_t glued_particle_len(const char *latin, const char *key, size_t len)
{
    if ((latin[0] != 'a' && latin[0] != 'e') || latin[1] != 'l') return 0;
    return len >= 6 && (key[0] == 'a' || key[0] == 'e') && key[1] == 'l' ? 2 : 0;
}

/* A name with room to be parsed into (free with free()); NULL on ENOMEM. */
struct ng_name *name_scratch_new(void);

/* Parses a name into n (name.c); the tokens' keys and lexicon data filled.
 * n must come from name_scratch_new(). */
ng_status name_parse_into(ng_engine *e, const char *s, size_t len, struct ng_name *n);

#endif
