/*
 * persist.h -- the ledger's claims and staff counts in the store.
 */
#ifndef NG_LEDGER_PERSIST_H
#define NG_LEDGER_PERSIST_H

#include "ledger/ledger.h"

struct store;
/* Adds the store's claims and staff counts to l (then ledger_build). */
ng_status ledger_load(struct store *s, ledger *l);
/* Writes l's claims and staff counts in one transaction, first removing
 * the claims that came from replace_origin (NULL: none); *added counts
 * the claims the store did not hold. */
ng_status ledger_save(struct store *s, const ledger *l, const char *replace_origin, size_t *added);

#endif
