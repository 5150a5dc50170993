/*
 * utf8.c -- UTF-8 decoding policy for all of nongrata.
 *
 * Two modes, one rule set (RFC 3629):
 *
 *   strict (ng_utf8_check): what every reader applies to input.  Rejected,
 *   with the byte offset of the first offending byte:
 *     - a byte that cannot start a sequence (0x80-0xBF, 0xC0, 0xC1, 0xF5-0xFF)
 *     - a truncated sequence (a lead byte without enough continuation bytes)
 *     - an overlong form (0xC0 0xAF for '/', 0xE0 0x80 0xAF ...): a code point
 *       must use its shortest encoding, so no byte string can hide a '/' or NUL
 *     - UTF-16 surrogates U+D800-U+DFFF and anything above U+10FFFF
 *     - the NUL byte (NG_ENUL): names and fields never contain it, and C
 *       strings would silently cut at it
 *   Nothing is repaired silently: the caller reports file:line and stops, or
 *   skips the record when asked to (--skip-bad).
 *
 *   lenient (utf8_next): used only by the string metrics, which must return
 *   a number for any input.  Each byte of an invalid sequence becomes one
 *   U+FFFD, so "caf\xE9" has four code points, the last one U+FFFD.
 *
 * A byte-order mark (U+FEFF) is valid UTF-8; readers of files strip one at
 * the very start; elsewhere it is an ordinary (ignorable) character.
 */
#include "text/utf8.h"

#include <stdlib.h>

#include "nongrata.h"

/* Length of the sequence a lead byte announces, or 0 for a byte that cannot
 * lead (continuation bytes, 0xC0, 0xC1, 0xF5..0xFF). */
static int lead_len(unsigned char c)
{
    if (c < 0x80) return 1;
    if (c < 0xC2) return 0;
    if (c < 0xE0) return 2;
    if (c < 0xF0) return 3;
    if (c < 0xF5) return 4;
    return 0;
}

/* Decodes strictly at s[i]; returns the sequence length or 0 if invalid. */
static int decode_strict(const unsigned char *s, size_t len, size_t i, uint32_t *cp)
{
    int n = lead_len(s[i]);
    if (n == 0 || i + (size_t)n > len) return 0;
    if (n == 1) { *cp = s[i]; return 1; }
    uint32_t c = s[i] & (0x7Fu >> n);
    for (int k = 1; k < n; k++) {
        if ((s[i + k] & 0xC0) != 0x80) return 0;
        c = (c << 6) | (s[i + k] & 0x3Fu);
    }
    static const uint32_t min_for_len[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (c < min_for_len[n]) return 0;                /* overlong */
    if (c >= 0xD800 && c <= 0xDFFF) return 0;        /* surrogate */
    if (c > 0x10FFFF) return 0;
    *cp = c;
    return n;
}

ng_status ng_utf8_check(const char *s, size_t len, size_t *bad_offset)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        if (u[i] == 0) {
            if (bad_offset) *bad_offset = i;
            return NG_ENUL;
        }
        if (u[i] < 0x80) { i++; continue; }
        uint32_t cp;
        int n = decode_strict(u, len, i, &cp);
        if (n == 0) {
            if (bad_offset) *bad_offset = i;
            return NG_EUTF8;
        }
        i += (size_t)n;
    }
    return NG_OK;
}

uint32_t utf8_next(const char *s, size_t len, size_t *i, int *valid)
{
    const unsigned char *u = (const unsigned char *)s;
    uint32_t cp;
    int n = decode_strict(u, len, *i, &cp);
    if (n == 0) {
        (*i)++;
        if (valid) *valid = 0;
        return UTF8_REPLACEMENT;
    }
    *i += (size_t)n;
    if (valid) *valid = 1;
    return cp;
}

size_t utf8_put(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) { o[0] = (unsigned char)cp; return 1; }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

uint32_t *utf8_to_cps(const char *s, size_t *n)
{
    size_t len = 0;
    while (s[len]) len++;
    uint32_t *out = malloc((len + 1) * sizeof *out);
    if (!out) return NULL;
    size_t i = 0, k = 0;
    while (i < len) out[k++] = utf8_next(s, len, &i, NULL);
    *n = k;
    return out;
}
