/*
 * coverage.c -- how many of the Wikidata English-Russian name pairs
 * (../shared/data/wikidata_names_en_ru) meet: the Latin token and its
 * Cyrillic spelling, each parsed as a one-token name, compared with
 * ng_token_similarity.  Reported per rule, by pairs and weighted by the
 * number of Wikidata labels behind each pair, with a baseline in the same
 * run: the ICU transliteration of the Cyrillic (Any-Latin; Latin-ASCII)
 * equal to the folded Latin token.
 *
 *   build/rel/bench/coverage [FILE.tsv ...] [--misses N]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "icu_ascii.h"
#include "nongrata.h"

static UTransliterator *tr;

int main(int argc, char **argv)
{
    const char *files[8];
    int nf = 0, misses = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--misses") == 0 && i + 1 < argc) misses = atoi(argv[++i]);
        else if (nf < 8) files[nf++] = argv[i];
    }
    if (nf == 0) {
        files[nf++] = "../shared/data/wikidata_names_en_ru/wd_russian_20.tsv";
        files[nf++] = "../shared/data/wikidata_names_en_ru/wd_russian_80.tsv";
    }
    tr = icu_ascii_open();
    ng_engine *eng = ng_engine_new(NULL);
    if (!eng || !tr) return 3;
    for (int fi = 0; fi < nf; fi++) {
        FILE *f = fopen(files[fi], "r");
        if (!f) { perror(files[fi]); continue; }
        long pairs = 0, met = 0, base = 0, by_rule[16] = {0};
        double wall = 0, wmet = 0, wbase = 0;
        char line[1024];
        int shown = 0;
        while (fgets(line, sizeof line, f)) {
            line[strcspn(line, "\r\n")] = 0;
            char *lat = strtok(line, "\t"), *cyr = strtok(NULL, "\t"), *cnt = strtok(NULL, "\t");
            if (!lat || !cyr || !cnt) continue;
            char word[256];
            size_t k = 0;
            for (const char *p = cyr; *p && k + 1 < sizeof word; p++)
                if (*p != ' ') word[k++] = *p;
            word[k] = 0;
            double w = atof(cnt);
            ng_name *a = NULL, *b = NULL;
            pairs++;
            wall += w;
            int ok = 0;
            ng_rule r = NG_RULE_NONE;
            if (ng_name_parse(eng, lat, (size_t)-1, &a) == NG_OK &&
                ng_name_parse(eng, word, (size_t)-1, &b) == NG_OK && ng_name_count(a) == 1 &&
                ng_name_count(b) == 1) {
                ng_token_similarity(eng, a, 0, b, 0, &r);
                ok = r != NG_RULE_NONE;
            }
            char ascii[256], folded_lat[256];
            icu_ascii(tr, word, ascii, sizeof ascii);
            icu_ascii(tr, lat, folded_lat, sizeof folded_lat);
            if (strcmp(ascii, folded_lat) == 0) { base++; wbase += w; }
            if (ok) { met++; wmet += w; by_rule[r]++; }
            else if (shown < misses) {
                printf("miss %s\t%s\t%s\n", lat, word, cnt);
                shown++;
            }
            ng_name_free(a);
            ng_name_free(b);
        }
        fclose(f);
        printf("%s: %ld pairs\n", files[fi], pairs);
        printf("  nongrata: %.2f%% of pairs meet (%.2f%% weighted by labels)\n",
               100.0 * met / pairs, 100.0 * wmet / wall);
        for (int r = 1; r < 16; r++)
            if (by_rule[r]) printf("    %-13s %6.2f%%\n", ng_rule_name((ng_rule)r), 100.0 * by_rule[r] / pairs);
        printf("  baseline (ICU Any-Latin of the Cyrillic equals the folded Latin): %.2f%% (%.2f%% weighted)\n",
               100.0 * base / pairs, 100.0 * wbase / wall);
    }
    ng_engine_free(eng);
    utrans_close(tr);
    return 0;
}
