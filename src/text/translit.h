/*
 * translit.h -- transliteration to Latin through ICU (utrans).
 */
#ifndef NG_TEXT_TRANSLIT_H
#define NG_TEXT_TRANSLIT_H

#include <stddef.h>
#include <stdint.h>

#include "nongrata.h"

typedef struct translit_cache translit_cache;

/* A cache of opened ICU transliterators; NULL when memory runs out. */
translit_cache *translit_cache_new(void);
void translit_cache_free(translit_cache *c);

/* The ICU transliterator id that suits a whole name, chosen from its letters
 * (see translit.c); NULL when the name has no letter outside Latin. */
const char *translit_pick(const uint32_t *cps, size_t n);

/* Transliterates UTF-8 text to Latin with transliterator id, then makes sure
 * no non-Latin letter survives (see translit.c).  Writes a malloc'd string
 * to *out.  On NG_EICU, err receives ICU's reason. */
ng_status translit_to_latin(translit_cache *c, const char *id, const char *s,
                            char **out, char *err, size_t errlen);

#endif
