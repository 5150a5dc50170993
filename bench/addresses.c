/*
 * addresses.c -- every address of a list normalised (src/links/ident.c),
 * and which different spellings merge into one.
 *
 *   build/rel/bench/addresses SDN.csv ALT.csv ADD.csv COMMENTS.csv [--show N]
 *
 * (the OFAC legacy files, any order).  Prints how many addresses were
 * read, how many distinct spellings, how many normalised forms, how many
 * hold a place (a street or a number), and the forms that more than one
 * spelling reaches, most spellings first, with the spellings.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "links/links.h"
#include "records/records.h"

struct addr {
    char *raw;
    struct lident id;
};

static struct addr *v;
static size_t n, cap;
static ng_engine *eng;

static ng_status keep(void *ctx, ng_record *r)
{
    (void)ctx;
    for (size_t q = 0; q < ng_record_count(r); q++) {
        const ng_value *x = ng_record_value(r, q);
        if (strcmp(x->prop, "address")) continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 4096;
            v = realloc(v, cap * sizeof *v);
            if (!v) return NG_ENOMEM;
        }
        v[n].raw = strdup(x->value);
        if (!links_normalize(eng, LK_ADDRESS, x->value, NULL, NULL, &v[n].id)) v[n].id.value[0] = 0;
        n++;
    }
    return NG_OK;
}

static int by_form(const void *a, const void *b)
{
    const struct addr *x = a, *y = b;
    int c = strcmp(x->id.value, y->id.value);
    return c ? c : strcmp(x->raw, y->raw);
}

int main(int argc, char **argv)
{
    const char *paths[4];
    size_t np = 0;
    long show = 25;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--show") == 0 && i + 1 < argc) show = atol(argv[++i]);
        else if (np < 4) paths[np++] = argv[i];
    }
    if (!np) {
        fprintf(stderr, "usage: %s sdn.csv alt.csv add.csv sdn_comments.csv [--show N]\n", argv[0]);
        return 2;
    }
    eng = ng_engine_new(NULL);
    struct read_options ro = {0};
    struct read_sink sink = {keep, NULL, NULL, NULL, NULL, NULL, 0};
    struct read_error err;
    if (records_read(paths, np, &ro, &sink, &err, NULL) != NG_OK) {
        fprintf(stderr, "%s:%ld: %s\n", err.file, err.line, err.msg);
        return 1;
    }
    qsort(v, n, sizeof *v, by_form);
    size_t spellings = 0, forms = 0, places = 0, empty = 0, merged_forms = 0, merged_spellings = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && strcmp(v[j].id.value, v[i].id.value) == 0) j++;
        size_t distinct = 0;
        for (size_t k = i; k < j; k++) distinct += k == i || strcmp(v[k].raw, v[k - 1].raw);
        spellings += distinct;
        if (!v[i].id.value[0]) empty += j - i;
        else {
            forms++;
            places += v[i].id.place;
            if (distinct > 1) {
                merged_forms++;
                merged_spellings += distinct;
            }
        }
        i = j;
    }
    printf("addresses read: %zu; distinct spellings: %zu; normalised forms: %zu (%zu of them a place: a "
           "street or a number); addresses with nothing left: %zu\n",
           n, spellings, forms, places, empty);
    printf("forms reached by more than one spelling: %zu (%zu spellings)\n", merged_forms, merged_spellings);
    /* the merges, most spellings first */
    struct m { size_t at, end, distinct; } *ms = calloc(merged_forms + 1, sizeof *ms);
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && strcmp(v[j].id.value, v[i].id.value) == 0) j++;
        size_t distinct = 0;
        for (size_t q = i; q < j; q++) distinct += q == i || strcmp(v[q].raw, v[q - 1].raw);
        if (v[i].id.value[0] && distinct > 1) ms[k++] = (struct m){i, j, distinct};
        i = j;
    }
    for (size_t a = 0; a < k; a++)
        for (size_t b = a + 1; b < k; b++)
            if (ms[b].distinct > ms[a].distinct) { struct m t = ms[a]; ms[a] = ms[b]; ms[b] = t; }
    for (size_t a = 0; a < k && (long)a < show; a++) {
        printf("\n[%s]%s\n", v[ms[a].at].id.value, v[ms[a].at].id.place ? "" : " (no place)");
        for (size_t q = ms[a].at; q < ms[a].end; q++)
            if (q == ms[a].at || strcmp(v[q].raw, v[q - 1].raw)) printf("    %s\n", v[q].raw);
    }
    free(ms);
    for (size_t i = 0; i < n; i++) free(v[i].raw);
    free(v);
    ng_engine_free(eng);
    return 0;
}
