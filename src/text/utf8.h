/*
 * utf8.h -- UTF-8 decoding, the one place where the Unicode policy lives.
 * See utf8.c for the policy itself.
 */
#ifndef NG_TEXT_UTF8_H
#define NG_TEXT_UTF8_H

#include <stddef.h>
#include <stdint.h>

#define UTF8_REPLACEMENT 0xFFFDu

/* Decodes one code point from s[*i..len) and advances *i past it.
 * Lenient: an invalid, overlong, surrogate or truncated sequence yields
 * U+FFFD and advances by one byte.  *valid (when not NULL) is set to 0 for
 * such a sequence, 1 otherwise.  Requires *i < len. */
uint32_t utf8_next(const char *s, size_t len, size_t *i, int *valid);

/* Encodes cp into out (at least 4 bytes); returns the number of bytes. */
size_t utf8_put(uint32_t cp, char *out);

/* Decodes all of s (NUL-terminated) into a malloc'd array of code points,
 * leniently; *n receives the count.  Returns NULL when memory runs out. */
uint32_t *utf8_to_cps(const char *s, size_t *n);

#endif
