/*
 * fuzz_utf8.c -- libFuzzer harness for the UTF-8 policy and folding: what
 * ng_utf8_check accepts, ng_text_fold must fold without error and the
 * result must be valid UTF-8 again; the metrics must not fail on any bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nongrata.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    size_t off = 0;
    ng_status st = ng_utf8_check(s, size, &off);
    if (st != NG_OK && off >= size) abort();
    if (st == NG_OK) {
        char *out = NULL;
        if (ng_text_fold(s, size, &out) != NG_OK) abort();
        if (ng_utf8_check(out, strlen(out), NULL) != NG_OK) abort();
        free(out);
    }
    /* metrics take NUL-terminated strings: split the input in two */
    char *copy = malloc(size + 2);
    if (!copy) return 0;
    memcpy(copy, s, size);
    copy[size] = 0;
    copy[size + 1] = 0;
    size_t half = strnlen(copy, size) / 2;
    char *second = copy + half + 1 <= copy + size ? copy + half + 1 : copy + size;
    if (half < size) copy[half] = 0;
    if (ng_levenshtein(copy, second) < 0) abort();
    if (ng_damerau_levenshtein(copy, second) < 0) abort();
    double j = ng_jaro_winkler(copy, second, 1);
    if (j < 0 || j > 1.0000001) abort();
    free(copy);
    return 0;
}
