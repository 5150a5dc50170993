/*
 * remarks.c -- how many clauses of OFAC's Remarks nongrata reads into
 * fields, and which it does not.
 *
 *   build/rel/bench/remarks [SDN.csv...] [--list N]
 *
 * Defaults to the two sdn.csv files of ../shared/data.  Prints, per file,
 * the clauses seen and classified, then the N most frequent unclassified
 * clause beginnings (their first three words).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "records/records.h"

#define MAXU 20000
struct kind { char key[64]; long n; char example[160]; };
static struct kind un[MAXU];
static size_t nun;

static void unknown(void *ctx, const char *clause)
{
    (void)ctx;
    char key[64] = "";
    const char *p = clause;
    for (int w = 0; w < 3 && *p; w++) {
        while (*p == ' ') p++;
        const char *b = p;
        while (*p && *p != ' ') p++;
        if (strlen(key) + (size_t)(p - b) + 2 >= sizeof key) break;
        if (w) strcat(key, " ");
        strncat(key, b, (size_t)(p - b));
    }
    for (size_t i = 0; i < nun; i++)
        if (strcmp(un[i].key, key) == 0) { un[i].n++; return; }
    if (nun == MAXU) return;
    snprintf(un[nun].key, sizeof un[nun].key, "%s", key);
    snprintf(un[nun].example, sizeof un[nun].example, "%s", clause);
    un[nun++].n = 1;
}

static int by_n(const void *a, const void *b)
{
    long x = ((const struct kind *)a)->n, y = ((const struct kind *)b)->n;
    return x < y ? 1 : x > y ? -1 : 0;
}

struct ctx { size_t known, total; };

static ng_status row(void *vctx, char **f, const size_t *flen, size_t nf, long line, const char *raw)
{
    (void)flen; (void)line; (void)raw;
    struct ctx *c = vctx;
    if (nf != 12 || strncmp(f[11], "-0-", 3) == 0) return NG_OK;
    ng_record *r = ng_record_new();
    ofac_remarks(r, f[11], &c->known, &c->total, unknown, NULL);
    ng_record_free(r);
    return NG_OK;
}

int main(int argc, char **argv)
{
    const char *defaults[] = {"../shared/data/ofac_sdn_2021/sdn.csv",
                              "../shared/data/ofac_sdn/sdn_2024-05-03.csv"};
    const char *files[8];
    size_t nf = 0;
    long list = 40;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--list") == 0 && i + 1 < argc) list = atol(argv[++i]);
        else if (nf < 8) files[nf++] = argv[i];
    }
    if (!nf) { files[0] = defaults[0]; files[1] = defaults[1]; nf = 2; }
    size_t K = 0, T = 0;
    for (size_t i = 0; i < nf; i++) {
        FILE *f = fopen(files[i], "rb");
        if (!f) { perror(files[i]); return 3; }
        struct ctx c = {0, 0};
        struct read_error err;
        if (csv_rows(f, files[i], ',', 0, row, &c, NULL, &err) != NG_OK) {
            fprintf(stderr, "%s:%ld: %s\n", err.file, err.line, err.msg);
            return 1;
        }
        fclose(f);
        printf("%s: %zu of %zu clauses classified (%.2f%%)\n", files[i], c.known, c.total,
               c.total ? 100.0 * (double)c.known / (double)c.total : 0.0);
        K += c.known;
        T += c.total;
    }
    printf("all: %zu of %zu (%.2f%%); %zu unclassified kinds\n", K, T, T ? 100.0 * (double)K / (double)T : 0.0, nun);
    qsort(un, nun, sizeof un[0], by_n);
    for (size_t i = 0; i < nun && (long)i < list; i++) printf("%6ld  %-40s  e.g. %s\n", un[i].n, un[i].key, un[i].example);
    return 0;
}
