/*
 * country.h -- states as lists write them ("Russia", "Russian Federation",
 * "Russian", "Россия", "RU", "RUS") to one code (ISO 3166 alpha-2).
 */
#ifndef NG_RECORDS_COUNTRY_H
#define NG_RECORDS_COUNTRY_H

#include <stdint.h>

/* The code of a state named in any of the ways above, as two letters in
 * an int ('R' << 8 | 'U'), or 0 when the text names none. */
int country_code(const char *text);
/* The two letters of a code into buf (3 bytes); returns buf. */
char *country_letters(int code, char *buf);
/* The ISO 3166 alpha-3 code of a code into buf (4 bytes), the historic
 * states' included (SU: SUN, DD: DDR, CS: CSK, YU: YUG); returns buf, or
 * NULL when the code has none. */
char *country_alpha3(int code, char *buf);

#endif
