/*
 * links.h -- what records share: identifiers made comparable (ident.c),
 * and the leads that follow from them (leads.c).
 *
 * Officers have been unmasked by what their identities share: passports
 * from one consecutive block, one phone behind several names, an address
 * that is a unit's headquarters, a cover birth date a few days from the
 * real one, the same flights.  A lead is one such thing with the records it
 * joins, the evidence and a score.
 */
#ifndef NG_LINKS_LINKS_H
#define NG_LINKS_LINKS_H

#include <stddef.h>
#include <stdint.h>

#include "nongrata.h"

/* ---- identifiers (ident.c) --------------------------------------------------- */
typedef enum { LK_PASSPORT, LK_IDNUMBER, LK_PHONE, LK_EMAIL, LK_PLATE, LK_ADDRESS, LK_NKINDS } lkind;

const char *lkind_name(lkind k);

#define LIDENT_MAX 120

/* An identifier made comparable: two that are one have equal value. */
struct lident {
    lkind kind;
    char value[LIDENT_MAX];   /* normalised */
    int issuer;               /* ISO 3166 alpha-2 as records/country.h codes, 0 unknown */
    char series[12];          /* letters before the digits (passports, ids) */
    uint64_t number;          /* the digits after them */
    uint8_t ndigits;          /* how many (0: no number) */
    uint8_t verified;         /* phones: libphonenumber found a valid number */
    uint8_t place;            /* addresses: holds a street or a number (not
                                 just a city or a state) */
};

/* Normalises text (a value of the kind; qual its qualifier: the issuing
 * state of a passport, "Russia"; region an ISO alpha-2 hint for phones, or
 * NULL).  Passport and id numbers: letters and digits, Cyrillic letters
 * that look Latin read as Latin, spaces and dashes out (65 4341294 and
 * 654341294 are one); phones: E.164 through libphonenumber; e-mail: lower
 * case; plates: capitals and digits, Cyrillic look-alikes as Latin;
 * addresses: each word its first phonetic key (Хорошёвское,
 * Khoroshevskoye, Khoroshevskoe: XoroSevskoe), street types one word
 * (ш., шоссе, shosse, sh.: sh), house numbers with their letter (76B,
 * 76Б: 76b), postcodes and states out, the words sorted.  e (an engine) is
 * needed for addresses only.  Returns 1 and fills out, or 0 when nothing
 * comparable is left. */
int links_normalize(ng_engine *e, lkind kind, const char *text, const char *qual, const char *region,
                    struct lident *out);

#endif
