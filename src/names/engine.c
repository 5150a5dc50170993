/*
 * engine.c -- the engine handle: creation, errors, and the names of enums.
 */
#include <stdlib.h>

#include "names/engine.h"

ng_engine *ng_engine_new(ng_status *st)
{
    ng_status s = NG_ENOMEM;
    ng_engine *e = calloc(1, sizeof *e);
    if (!e) goto fail;
    pthread_mutex_init(&e->cache.lock, NULL);
    e->tokens = &e->cache;
    e->tc = translit_cache_new();
    e->ph = phon_new();
    if (!e->tc || !e->ph) goto fail;
    phon_get_tiers(e->ph, &e->tiers);
    if ((s = lexicon_load(e)) != NG_OK) goto fail;
    /* the cache starts once the lexicons are complete: a token read while
     * they were being built may lack its given-name classes */
    s = NG_ENOMEM;
    if (!(e->cache.map = strmap_new())) goto fail;
    e->cache.enabled = 1;
    e->cache.max = TOKEN_CACHE_MAX;
    if (st) *st = NG_OK;
    return e;
fail:
    ng_engine_free(e);
    if (st) *st = s;
    return NULL;
}

void ng_engine_free(ng_engine *e)
{
    if (!e) return;
    translit_cache_free(e->tc);
    phon_free(e->ph);
    lexicon_free(e);
    for (size_t i = 0; i < e->cache.nslabs; i++) free(e->cache.slabs[i]);
    free(e->cache.slabs);
    free(e->cache.v);
    free(e->cache.info);
    free(e->scratch);
    free(e->front);
    strmap_free(e->cache.map);
    if (e->tokens) pthread_mutex_destroy(&e->cache.lock); /* made with tokens set */
    free(e);
}

void engine_share_tokens(ng_engine *e, ng_engine *owner)
{
    owner->cache.shared = 1;
    e->tokens = &owner->cache;
}

const char *ng_engine_errmsg(const ng_engine *e) { return e ? e->err : ""; }

const char *ng_strerror(ng_status st)
{
    switch (st) {
    case NG_OK: return "success";
    case NG_ENOMEM: return "out of memory";
    case NG_EINVAL: return "invalid argument";
    case NG_EUTF8: return "invalid UTF-8";
    case NG_ENUL: return "NUL byte in text";
    case NG_ELIMIT: return "input exceeds a limit";
    case NG_EICU: return "ICU transliteration failed";
    case NG_EUNICODE: return "Unicode normalisation failed";
    case NG_EEMPTY: return "no name in input";
    case NG_EIO: return "I/O error";
    case NG_EDATA: return "malformed data";
    case NG_ESTORE: return "store failure";
    case NG_ENOTFOUND: return "not found";
    }
    return "unknown status";
}

const char *ng_script_name(ng_script s)
{
    static const char *const names[] = {"None", "Latin", "Cyrillic", "Greek", "Georgian",
                                        "Armenian", "Arabic", "Hebrew", "Han", "Other", "Mixed"};
    return (unsigned)s < sizeof names / sizeof names[0] ? names[s] : "?";
}

const char *ng_role_name(ng_role r)
{
    static const char *const names[] = {"unknown", "given", "middle", "patronymic",
                                        "surname", "initial", "particle"};
    return (unsigned)r < sizeof names / sizeof names[0] ? names[r] : "?";
}

const char *ng_decision_name(ng_decision d)
{
    switch (d) {
    case NG_MATCH: return "match";
    case NG_POSSIBLE: return "possible";
    default: return "no-match";
    }
}

const char *ng_rule_name(ng_rule r)
{
    static const char *const names[] = {"none", "exact", "translit", "phonetic",
                                        "given-equiv", "surname-form", "initial", "fuzzy",
                                        "compound", "nickname"};
    return (unsigned)r < sizeof names / sizeof names[0] ? names[r] : "?";
}

void engine_freeze_tokens(ng_engine *e)
{
    struct tok_cache *c = &e->cache;
    if (c->shared) pthread_mutex_lock(&c->lock);
    strmap_free(c->map);
    c->map = NULL;
    free(c->v);
    c->v = NULL;
    c->cap = 0;
    c->enabled = 0;
    if (c->shared) pthread_mutex_unlock(&c->lock);
    free(e->front);
    e->front = NULL;
}
