/*
 * fuzz_links.c -- libFuzzer harness for the identifier normalisers of
 * src/links (ident.c, and libphonenumber through phone.cc): the first byte
 * picks the kind, the rest is the text (split at the first NUL into text
 * and qualifier).  A normalised value is never longer than its buffer and
 * holds valid UTF-8; a number's digits fit its length.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "links/links.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static ng_engine *engine;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    if (!engine && !(engine = ng_engine_new(NULL))) abort();
    lkind k = (lkind)(data[0] % LK_NKINDS);
    char text[512], qual[64] = "";
    size_t n = size - 1 < sizeof text - 1 ? size - 1 : sizeof text - 1;
    memcpy(text, data + 1, n);
    text[n] = 0;
    size_t tl = strlen(text);
    if (tl + 1 < n) {
        size_t ql = n - tl - 1 < sizeof qual - 1 ? n - tl - 1 : sizeof qual - 1;
        memcpy(qual, text + tl + 1, ql);
        qual[ql] = 0;
    }
    struct lident x;
    if (links_normalize(engine, k, text, qual[0] ? qual : NULL, (data[0] & 0x80) ? "RU" : NULL, &x)) {
        size_t l = strnlen(x.value, sizeof x.value);
        if (l >= sizeof x.value) abort();
        if (ng_utf8_check(x.value, l, NULL) != NG_OK) abort();
        if (x.ndigits > 18) abort();
    }
    return 0;
}
