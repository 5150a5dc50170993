/*
 * speed.c -- how fast names are read and pairs scored, against a plain
 * Jaro-Winkler measured in the same run on one core.
 *
 *   build/rel/bench/speed [NAMES.txt] [--pairs N]
 *
 * NAMES.txt: one name a line (bench/make_pairs.py writes bench/out/names.txt
 * from the EU and OFAC lists).  Reports:
 *   - names read per second (ng_name_parse: normalisation, transliteration,
 *     phonetic keys), first pass over the list and a second pass;
 *   - pairs scored per second (ng_name_compare on parsed names), and a plain
 *     Jaro-Winkler over the same two whole normalised strings, and the ratio.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nongrata.h"
#include "clock.h"



static unsigned long long rng = 88172645463325252ull;
static unsigned long long xorshift(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

int main(int argc, char **argv)
{
    const char *path = "bench/out/names.txt";
    long npairs = 2000000;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--pairs") == 0 && i + 1 < argc) npairs = atol(argv[++i]);
        else path = argv[i];
    }
    FILE *f = fopen(path, "r");
    if (!f) { perror(path); return 3; }
    size_t cap = 1 << 16, n = 0;
    char **names = malloc(cap * sizeof *names);
    char *line = NULL;
    size_t lcap = 0;
    while (getline(&line, &lcap, f) != -1) {
        line[strcspn(line, "\r\n")] = 0;
        if (!line[0]) continue;
        if (n == cap) names = realloc(names, (cap *= 2) * sizeof *names);
        names[n++] = strdup(line);
    }
    fclose(f);
    free(line);
    ng_engine *e = ng_engine_new(NULL);
    long rss0 = rss_kb();
    ng_name **parsed = calloc(n, sizeof *parsed);
    char **flat = calloc(n, sizeof *flat);
    size_t ok = 0;
    double t0 = now();
    for (size_t i = 0; i < n; i++)
        if (ng_name_parse(e, names[i], (size_t)-1, &parsed[i]) == NG_OK) ok++;
    double t1 = now();
    for (size_t i = 0; i < n; i++) {
        ng_name *tmp = NULL;
        if (ng_name_parse(e, names[i], (size_t)-1, &tmp) == NG_OK) ng_name_free(tmp);
    }
    double t2 = now();
    printf("names: %zu read from %s (%zu parsed)\n", n, path, ok);
    printf("  read, first pass:  %9.0f names/s  (%.2f us a name)\n", n / (t1 - t0), 1e6 * (t1 - t0) / n);
    printf("  read, second pass: %9.0f names/s  (%.2f us a name)\n", n / (t2 - t1), 1e6 * (t2 - t1) / n);
    long rss1 = rss_kb();
    if (rss0 && rss1)
        printf("  memory: %.1f MB more resident with the names read (%.0f bytes a name, tokens\n"
               "          shared through the engine included)\n",
               (rss1 - rss0) / 1024.0, 1024.0 * (double)(rss1 - rss0) / (double)ok);
    /* the baseline's input: the Latin forms of the tokens, joined */
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (!parsed[i]) continue;
        char buf[2048] = "";
        for (size_t k = 0; k < ng_name_count(parsed[i]); k++) {
            if (k) strcat(buf, " ");
            strncat(buf, ng_name_token(parsed[i], k).latin, sizeof buf - strlen(buf) - 2);
        }
        parsed[m] = parsed[i];
        flat[m++] = strdup(buf);
    }
    size_t *pa = malloc(npairs * sizeof *pa), *pb = malloc(npairs * sizeof *pb);
    for (long i = 0; i < npairs; i++) {
        pa[i] = xorshift() % m;
        pb[i] = xorshift() % m;
    }
    ng_compare_options o = ng_compare_default_options();
    ng_compare_result r;
    double sink = 0;
    double t3 = now();
    for (long i = 0; i < npairs; i++) {
        ng_name_compare(e, parsed[pa[i]], parsed[pb[i]], &o, &r);
        sink += r.score;
    }
    double t4 = now();
    for (long i = 0; i < npairs; i++) sink += ng_jaro_winkler(flat[pa[i]], flat[pb[i]], 0);
    double t5 = now();
    double ours = npairs / (t4 - t3), jw = npairs / (t5 - t4);
    printf("pairs: %ld random pairs of the names above, one core\n", npairs);
    printf("  ng_name_compare:          %10.0f pairs/s  (%.3f us a pair)\n", ours, 1e6 / ours);
    printf("  plain Jaro-Winkler:       %10.0f pairs/s  (%.3f us a pair)\n", jw, 1e6 / jw);
    printf("  ratio (JW / nongrata):    %10.2fx\n", jw / ours);
    printf("(checksum %.3f)\n", sink);
    for (size_t i = 0; i < m; i++) { ng_name_free(parsed[i]); free(flat[i]); }
    for (size_t i = 0; i < n; i++) free(names[i]);
    free(names); free(parsed); free(flat); free(pa); free(pb);
    ng_engine_free(e);
    return 0;
}
