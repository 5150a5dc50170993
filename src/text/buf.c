/*
 * buf.c -- the growing byte buffer of buf.h.
 */
#include <stdlib.h>
#include <string.h>

#include "text/buf.h"

size_t buf_put(struct buf *b, const void *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t nc = b->cap ? b->cap : 256;
        while (b->len + n + 1 > nc) nc *= 2;
        char *p = realloc(b->p, nc);
        if (!p) return (size_t)-1;
        b->p = p;
        b->cap = nc;
    }
    size_t at = b->len;
    if (n) memcpy(b->p + at, s, n);
    b->len += n;
    b->p[b->len] = 0;
    return at;
}

size_t buf_put_str(struct buf *b, const char *s, size_t n)
{
    size_t at = buf_put(b, s, n);
    if (at != (size_t)-1) b->len++; /* the NUL stays */
    return at;
}

void buf_free(struct buf *b)
{
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}
