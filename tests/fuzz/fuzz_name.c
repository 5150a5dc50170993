/*
 * fuzz_name.c -- libFuzzer harness for the name parser and the scorer.
 * The input is split at its first TAB (or in the middle): two names are
 * parsed from arbitrary bytes, compared both ways, and the invariants that
 * must hold for any input are checked: a score in [0,1], symmetry, and a
 * name compared with itself scoring at least as high as with the other.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nongrata.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static ng_engine *engine;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!engine) engine = ng_engine_new(NULL);
    if (!engine) abort();
    const char *s = (const char *)data;
    const char *tab = memchr(s, '\t', size);
    size_t l1 = tab ? (size_t)(tab - s) : size / 2;
    size_t off2 = tab ? l1 + 1 : l1;
    ng_name *a = NULL, *b = NULL;
    ng_status sa = ng_name_parse(engine, s, l1, &a);
    ng_status sb = ng_name_parse(engine, s + off2, size - off2, &b);
    if ((sa == NG_OK) != (a != NULL) || (sb == NG_OK) != (b != NULL)) abort();
    if (a && b) {
        ng_compare_result r1, r2, self;
        ng_name_compare(engine, a, b, NULL, &r1);
        ng_name_compare(engine, b, a, NULL, &r2);
        ng_name_compare(engine, a, a, NULL, &self);
        if (!(r1.score >= 0 && r1.score <= 1)) abort();
        if (r1.score != r2.score) abort();
        if (r1.nsteps > 2 * NG_NAME_MAX_TOKENS) abort();
        if (self.score + 1e-9 < r1.score) abort();
        for (size_t i = 0; i < ng_name_count(a); i++) {
            ng_token tk = ng_name_token(a, i), *t = &tk;
            for (const char *p = t->latin; *p; p++)
                if ((unsigned char)*p >= 0x80) abort(); /* Latin forms are ASCII */
        }
    }
    ng_name_free(a);
    ng_name_free(b);
    return 0;
}
