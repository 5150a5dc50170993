/*
 * ascii.h -- character classes of ASCII bytes, the same in every locale
 * (ctype.h's depend on setlocale and are undefined for negative chars).
 * Bytes of 0x80 and above are in no class here.
 */
#ifndef NG_TEXT_ASCII_H
#define NG_TEXT_ASCII_H

static inline int ascii_isupper(int c) { return c >= 'A' && c <= 'Z'; }
static inline int ascii_islower(int c) { return c >= 'a' && c <= 'z'; }
static inline int ascii_isalpha(int c) { return ascii_isupper(c) || ascii_islower(c); }
static inline int ascii_isdigit(int c) { return c >= '0' && c <= '9'; }
static inline int ascii_isspace(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
static inline int ascii_tolower(int c) { return ascii_isupper(c) ? c + 32 : c; }

#endif
