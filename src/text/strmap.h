/*
 * strmap.h -- a string -> int map with open addressing, for the lexicons.
 * Keys are copied; the map grows by doubling.  Not thread-safe for writes.
 */
#ifndef NG_TEXT_STRMAP_H
#define NG_TEXT_STRMAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct strmap strmap;

strmap *strmap_new(void);
void strmap_free(strmap *m);
/* Inserts or overwrites; returns 0, or -1 when memory runs out. */
int strmap_put(strmap *m, const char *key, size_t len, int32_t value);
/* Returns 1 and the value in *value when key is present, else 0. */
int strmap_get(const strmap *m, const char *key, size_t len, int32_t *value);
size_t strmap_count(const strmap *m);
/* FNV-1a of key[0..len). */
uint64_t strmap_hash(const char *key, size_t len);

#endif
