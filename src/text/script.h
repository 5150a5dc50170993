/*
 * script.h -- which writing system a code point, a token or a name is in.
 */
#ifndef NG_TEXT_SCRIPT_H
#define NG_TEXT_SCRIPT_H

#include <stddef.h>
#include <stdint.h>

#include "nongrata.h"

/* Script of one code point; NG_SCRIPT_NONE for digits, punctuation, marks
 * and other characters shared by all scripts (ICU Common and Inherited). */
ng_script script_of_cp(uint32_t cp);

/* Script of a run of code points: the script of its letters, NONE when it
 * has none, MIXED when letters of two scripts meet. */
ng_script script_of_cps(const uint32_t *cps, size_t n);

/* Repairs homoglyphs in a token that is mostly of one script: Latin a, c, e,
 * i, o, p, x, y (and capitals A B C E H I K M O P T X) inside a Cyrillic
 * word become Cyrillic (i becomes Ukrainian і), and the reverse for a Latin
 * word.  The EU annexes print Сергiй with a Latin i.  Returns the number of
 * letters changed. */
size_t script_fix_homoglyphs(uint32_t *cps, size_t n);

#endif
