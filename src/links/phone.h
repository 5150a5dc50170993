/*
 * phone.h -- phone numbers to E.164, through libphonenumber (Google's
 * numbering plans, Debian's libphonenumber): a small C++ shim behind a C
 * interface, so that the rest of nongrata stays C.
 */
#ifndef NG_LINKS_PHONE_H
#define NG_LINKS_PHONE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The E.164 form of a phone number as lists write it ("+7 (495) 123-45-67",
 * "8 495 123 45 67", "0049 30 1234567"), read with the numbering plan of
 * region (ISO 3166 alpha-2, or NULL or "" when unknown: then only numbers
 * that carry their country code, + or 00, are read).  Returns 1 and writes
 * the number (+74951234567) to out (cap >= 20) when libphonenumber finds a
 * valid one; 0 otherwise (out then holds the digits as written, with a
 * leading + when there was one: a value that can still be compared). */
int links_phone_e164(const char *text, const char *region, char *out, size_t cap);

#ifdef __cplusplus
}
#endif

#endif
