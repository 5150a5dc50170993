/*
 * persist.c -- the ledger in the store: claims and staff counts written
 * as store_claim rows, read back into a ledger.
 */
#include <string.h>

#include "ledger/ledger.h"
#include "ledger/persist.h"
#include "store/store.h"

static ng_status on_claim(void *ctx, const struct store_claim *sc)
{
    ledger *l = ctx;
    struct lclaim c = {0};
    c.event = (char *)sc->event;
    if (ldate_parse(sc->date, &c.date) != 0) return NG_EDATA;
    snprintf(c.actor, sizeof c.actor, "%s", sc->actor);
    snprintf(c.target, sizeof c.target, "%s", sc->target);
    c.count = sc->count;
    c.reason = LR_OTHER;
    for (int r = 0; r < LR_NREASONS; r++)
        if (strcmp(sc->reason, lreason_name((lreason)r)) == 0) c.reason = (lreason)r;
    c.reason_text = (char *)sc->reason_text;
    c.source = (char *)sc->source;
    c.answers = (char *)sc->answers;
    c.persons = (char *)sc->persons;
    c.origin = (char *)sc->origin;
    c.line = sc->line;
    return ledger_add(l, &c);
}

static ng_status on_staff(void *ctx, const char *host, const char *sending, const char *date,
                          long count, const char *source)
{
    ledger *l = ctx;
    struct lstaff s = {0};
    snprintf(s.host, sizeof s.host, "%s", host);
    snprintf(s.sending, sizeof s.sending, "%s", sending);
    if (ldate_parse(date, &s.date) != 0) return NG_EDATA;
    s.count = count;
    s.source = (char *)source;
    return ledger_add_staff(l, &s);
}

ng_status ledger_load(store *s, ledger *l)
{
    ng_status st = store_ledger_claims(s, on_claim, l);
    if (st == NG_OK) st = store_ledger_staff(s, on_staff, l);
    return st;
}

static void to_store(const struct lclaim *c, struct store_claim *sc)
{
    sc->event = c->event;
    sc->date = c->date.text;
    sc->actor = c->actor;
    sc->target = c->target;
    sc->count = c->count;
    sc->reason = lreason_name(c->reason);
    sc->reason_text = c->reason_text;
    sc->source = c->source;
    sc->answers = c->answers;
    sc->persons = c->persons;
    sc->origin = c->origin;
    sc->line = c->line;
}

ng_status ledger_save(store *s, const ledger *l, const char *replace_origin, size_t *added)
{
    *added = 0;
    ng_status st = store_ledger_begin(s, replace_origin);
    if (st != NG_OK) return st;
    for (size_t i = 0; st == NG_OK && i < l->nclaims; i++) {
        struct store_claim sc;
        to_store(&l->claims[i], &sc);
        int a = 0;
        st = store_ledger_claim(s, &sc, &a);
        *added += (size_t)a;
    }
    for (size_t i = 0; st == NG_OK && i < l->nstaff; i++) {
        const struct lstaff *x = &l->staff[i];
        st = store_ledger_staff_put(s, x->host, x->sending, x->date.text, x->count, x->source);
    }
    if (st != NG_OK) {
        store_ledger_end(s, 0);
        return st;
    }
    return store_ledger_end(s, 1);
}
