/*
 * fold.h -- Unicode normalisation and folding (utf8proc) plus the fold table.
 */
#ifndef NG_TEXT_FOLD_H
#define NG_TEXT_FOLD_H

#include <stddef.h>
#include <stdint.h>

#include "nongrata.h"

/* NFC of s[0..len) into a malloc'd string (*out, caller frees).  Input must
 * already have passed ng_utf8_check(). */
ng_status text_nfc(const char *s, size_t len, char **out);
/* Whether s (valid UTF-8) is its own NFC because every code point is one
 * NFC never touches: 1 for most Latin and Cyrillic names. */
int text_is_nfc_inert(const char *s, size_t len);

/* Case-folded NFKC (marks kept: й stays й; ǆ becomes dž). */
ng_status text_lower(const char *s, size_t len, char **out);

/* Folds one code point through data/text/fold.txt: returns the replacement
 * (possibly "") or NULL when the table has no row for cp. */
const char *text_fold_cp(uint32_t cp);

/* Lowercase code point for comparisons of single letters (utf8proc). */
uint32_t text_tolower(uint32_t cp);
uint32_t text_toupper(uint32_t cp);
int text_isupper(uint32_t cp);
int text_isletter(uint32_t cp);
int text_ismark(uint32_t cp);

#endif
