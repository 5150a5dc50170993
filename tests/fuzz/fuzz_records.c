/*
 * fuzz_records.c -- libFuzzer harness for the readers of src/records: the
 * first byte picks CSV, TSV, JSON Lines, FtM, OFAC's sdn.csv (with its
 * Remarks), the UN XML, or the date parser; the rest is the input.  Every
 * record a reader hands over must hold valid UTF-8 and a name (CSV, JSONL),
 * and a read must end with a status, never a crash; bad rows are also run
 * through the skip-bad path.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "records/records.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static ng_status check(void *ctx, ng_record *r)
{
    (void)ctx;
    for (size_t i = 0; i < ng_record_count(r); i++) {
        const ng_value *v = ng_record_value(r, i);
        if (!v || ng_utf8_check(v->value, strlen(v->value), NULL) != NG_OK) abort();
        if (!*v->value) abort(); /* empty values are never kept */
    }
    return NG_OK;
}

static ng_status rej(void *ctx, const struct read_error *why, const char *raw)
{
    (void)ctx;
    if (!why->msg[0] || !raw) abort();
    return NG_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    int kind = data[0] % 7;
    const char *buf = (const char *)data + 1;
    size_t len = size - 1;
    struct read_options o;
    memset(&o, 0, sizeof o);
    if (data[0] & 0x80) o.sep = ";";
    for (int skip = 0; skip < 2; skip++) {
        struct read_sink sink = {check, rej, NULL, NULL, NULL, NULL, skip};
        struct read_error err;
        memset(&err, 0, sizeof err);
        if (kind == 5) {
            if (!skip) read_unxml(buf, len, "fuzz.xml", &sink, &err);
            continue;
        }
        if (kind == 6) {
            char *s = malloc(len + 1);
            if (!s) return 0;
            memcpy(s, buf, len);
            s[len] = 0;
            ng_date d;
            if (ng_date_parse(s, &d) == NG_OK) {
                char out[32];
                ng_date_format(&d, out, sizeof out);
                ng_date e;
                /* the canonical form reads back as itself */
                if (ng_date_parse(out, &e) != NG_OK) abort();
                char again[32];
                if (strcmp(ng_date_format(&e, again, sizeof again), out)) abort();
            }
            free(s);
            return 0;
        }
        FILE *f = fmemopen((void *)buf, len ? len : 1, "rb");
        if (!f) return 0;
        if (!len) { fclose(f); return 0; }
        switch (kind) {
        case 0: read_csv(f, "fuzz.csv", ',', &o, &sink, &err); break;
        case 1: read_csv(f, "fuzz.tsv", '\t', &o, &sink, &err); break;
        case 2: read_jsonl(f, "fuzz.jsonl", 0, &o, &sink, &err); break;
        case 3: read_jsonl(f, "fuzz.ftm", 1, &o, &sink, &err); break;
        case 4: {
            const char *names[4] = {"sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"};
            read_ofac(f, NULL, NULL, NULL, names, &sink, &err);
            break;
        }
        }
        fclose(f);
    }
    return 0;
}
