/*
 * fuzz_ledger.c -- libFuzzer harness for the ledger's parsers: the first
 * byte picks the ledger CSV (then every analysis on what it read), news
 * extraction (with an article date, or none), or a date and a state name;
 * the rest is the input.  A read ends with a status, never a crash; an
 * extraction's proposals name two different states and hold valid UTF-8;
 * an analysis holds on whatever a read accepted.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ledger/ledger.h"
#include "records/records.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void analyse(const ledger *l)
{
    size_t n = l->nevents ? l->nevents : 1;
    struct lpair *p = calloc(n, sizeof *p);
    long *chain = calloc(n, sizeof *chain);
    int *round = calloc(n, sizeof *round);
    if (!p || !chain || !round) abort();
    ledger_pairs(l, LEDGER_WINDOW, p);
    for (size_t i = 0; i < l->nevents; i++) {
        if (p[i].answers >= (long)l->nevents || p[i].answers == (long)i) abort();
        if (p[i].answers >= 0 && !p[i].recorded && p[i].lag <= 0) abort();
    }
    ledger_chains(l, p, chain, round);
    struct lbalance *b;
    struct ltotal *t;
    struct lwave *w;
    struct lmission *m;
    size_t nb, nt, nw, nm;
    if (ledger_balance(l, &b, &nb) == NG_OK) free(b);
    if (ledger_totals(l, &t, &nt) == NG_OK) free(t);
    if (ledger_waves(l, 3, 14, &w, &nw) == NG_OK) {
        for (size_t i = 0; i < nw; i++)
            if (w[i].nstates < 3 || w[i].larger_before >= (long)nw) abort();
        ledger_waves_free(w, nw);
    }
    if (ledger_missions(l, NULL, NULL, &m, &nm) == NG_OK) free(m);
    free(p);
    free(chain);
    free(round);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    int kind = data[0] % 3;
    const char *buf = (const char *)data + 1;
    size_t len = size - 1;
    if (kind == 0) {
        FILE *f = fmemopen((void *)buf, len ? len : 1, "r");
        if (!f) return 0;
        ledger l;
        ledger_init(&l);
        struct read_error err;
        memset(&err, 0, sizeof err);
        ng_status st = ledger_read_csv(f, "fuzz.csv", &l, &err);
        fclose(f);
        if (st == NG_OK) {
            /* a staff count for the missions, from the first claim */
            if (l.nclaims) {
                struct lstaff s = {{0}, {0}, l.claims[0].date, 10, ""};
                memcpy(s.host, l.claims[0].actor, LSTATE_MAX);
                memcpy(s.sending, l.claims[0].target, LSTATE_MAX);
                ledger_add_staff(&l, &s);
            }
            char msg[1024];
            st = ledger_build(&l, msg, sizeof msg);
            if (st == NG_OK) analyse(&l);
            else if (st != NG_EDATA && st != NG_ENOMEM) abort();
        } else if (st == NG_EDATA && !err.msg[0]) {
            abort(); /* a refusal always says why */
        }
        ledger_free(&l);
    } else if (kind == 1) {
        struct ldate d, *dp = NULL;
        if (data[0] & 0x80) {
            ldate_day(2022, 4, 6, &d);
            dp = &d;
        }
        struct lproposal *p;
        size_t n;
        if (ledger_extract(buf, len, dp, &p, &n) != NG_OK) return 0;
        for (size_t i = 0; i < n; i++) {
            if (!p[i].actor[0] || !p[i].target[0] || strcmp(p[i].actor, p[i].target) == 0) abort();
            if (ng_utf8_check(p[i].evidence, strlen(p[i].evidence), NULL) != NG_OK) abort();
            if (!(p[i].confidence > 0 && p[i].confidence <= 1)) abort();
            if (p[i].date.text[0] && p[i].date.last < p[i].date.first) abort();
        }
        ledger_proposals_free(p, n);
    } else {
        char s[256];
        size_t k = len < sizeof s - 1 ? len : sizeof s - 1;
        memcpy(s, buf, k);
        s[k] = 0;
        if (ng_utf8_check(s, strlen(s), NULL) != NG_OK) return 0;
        struct ldate d;
        if (ldate_parse(s, &d) == 0 && d.last < d.first) abort();
        char code[LSTATE_MAX];
        if (ledger_state(s, data[0] & 0x80, code) && !code[0]) abort();
        lreason_of(s);
    }
    return 0;
}
