/*
 * strmap.c -- open-addressing hash map from byte strings to int32 values,
 * linear probing, load factor kept under 1/2.
 */
#include "text/strmap.h"

#include <stdlib.h>
#include <string.h>

struct entry {
    char *key;
    size_t len;
    uint64_t hash;
    int32_t value;
};

struct strmap {
    struct entry *e;
    size_t cap, count;
};

uint64_t strmap_hash(const char *key, size_t len)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)key[i];
        h *= 1099511628211ull;
    }
    return h;
}

strmap *strmap_new(void)
{
    strmap *m = calloc(1, sizeof *m);
    if (!m) return NULL;
    m->cap = 64;
    m->e = calloc(m->cap, sizeof *m->e);
    if (!m->e) { free(m); return NULL; }
    return m;
}

void strmap_free(strmap *m)
{
    if (!m) return;
    for (size_t i = 0; i < m->cap; i++) free(m->e[i].key);
    free(m->e);
    free(m);
}

static struct entry *find(const strmap *m, const char *key, size_t len, uint64_t h)
{
    size_t mask = m->cap - 1, i = (size_t)h & mask;
    for (;;) {
        struct entry *e = &m->e[i];
        if (!e->key) return e;
        if (e->hash == h && e->len == len && memcmp(e->key, key, len) == 0) return e;
        i = (i + 1) & mask;
    }
}

static int grow(strmap *m)
{
    size_t ncap = m->cap * 2;
    struct entry *ne = calloc(ncap, sizeof *ne);
    if (!ne) return -1;
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->e[i].key) continue;
        size_t j = (size_t)m->e[i].hash & (ncap - 1);
        while (ne[j].key) j = (j + 1) & (ncap - 1);
        ne[j] = m->e[i];
    }
    free(m->e);
    m->e = ne;
    m->cap = ncap;
    return 0;
}

int strmap_put(strmap *m, const char *key, size_t len, int32_t value)
{
    if (2 * (m->count + 1) > m->cap && grow(m)) return -1;
    uint64_t h = strmap_hash(key, len);
    struct entry *e = find(m, key, len, h);
    if (e->key) { e->value = value; return 0; }
    e->key = malloc(len + 1);
    if (!e->key) return -1;
    memcpy(e->key, key, len);
    e->key[len] = 0;
    e->len = len;
    e->hash = h;
    e->value = value;
    m->count++;
    return 0;
}

int strmap_get(const strmap *m, const char *key, size_t len, int32_t *value)
{
    struct entry *e = find(m, key, len, strmap_hash(key, len));
    if (!e->key) return 0;
    if (value) *value = e->value;
    return 1;
}

size_t strmap_count(const strmap *m) { return m->count; }
