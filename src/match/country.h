/*
 * country.h -- states as lists write them ("Russia", "Russian Federation",
 * "Russian", "Россия", "RU", "RUS") to one code (ISO 3166 alpha-2).
 */
#ifndef NG_MATCH_COUNTRY_H
#define NG_MATCH_COUNTRY_H

#include <stdint.h>

/* The code of a state named in any of the ways above, as two letters in
 * an int ('R' << 8 | 'U'), or 0 when the text names none. */
int country_code(const char *text);
/* The two letters of a code into buf (3 bytes); returns buf. */
char *country_letters(int code, char *buf);

#endif
