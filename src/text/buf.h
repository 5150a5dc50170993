/*
 * buf.h -- a growing byte buffer, always NUL-terminated: the one the
 * readers, the record and the store append to.
 */
#ifndef NG_TEXT_BUF_H
#define NG_TEXT_BUF_H

#include <stddef.h>

struct buf {
    char *p;
    size_t len, cap;
};

/* Appends n bytes and keeps a NUL after them; returns the offset where
 * they start, or (size_t)-1 when memory runs out (the buffer unchanged). */
size_t buf_put(struct buf *b, const void *s, size_t n);
/* The same, and a NUL after them that counts as content (strings kept one
 * after another). */
size_t buf_put_str(struct buf *b, const char *s, size_t n);
void buf_free(struct buf *b);

#endif
