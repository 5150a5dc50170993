/*
 * quality.c -- precision, recall and F1 of ng_name_compare on labelled pairs,
 * beside a baseline measured in the same run: Jaro-Winkler over the names
 * transliterated by ICU (Any-Latin; Latin-ASCII), lowercased and with their
 * tokens sorted -- the reference the issue tracker quotes.
 *
 *   build/rel/bench/quality FILE.tsv [--errors N]
 *
 * FILE.tsv: label<TAB>name1<TAB>name2[<TAB>note], label 1 (same person) or
 * 0; bench/make_pairs.py writes them.  Prints the figures at nongrata's
 * default threshold and at each method's best threshold on this file (the
 * latter is an upper bound, not a claim).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "icu_ascii.h"
#include "nongrata.h"

struct pair {
    int label;
    double ours, base;
    char *a, *b, *note;
};

static UTransliterator *base_tr;

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* baseline normal form: ICU to ASCII, lowercase, tokens sorted */
static char *baseline_form(const char *s)
{
    char buf[8192];
    icu_ascii(base_tr, s, buf, sizeof buf);
    char *toks[256];
    size_t nt = 0;
    for (char *p = buf; *p;) {
        while (*p && !((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))) p++;
        if (!*p) break;
        char *st = p;
        while ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')) p++;
        char c = *p;
        *p = 0;
        if (nt < 256) toks[nt++] = st;
        if (!c) break;
        p++;
    }
    qsort(toks, nt, sizeof *toks, cmp_str);
    size_t len = 0;
    char *out = malloc(strlen(s) * 4 + 8);
    for (size_t i = 0; i < nt; i++) {
        size_t l = strlen(toks[i]);
        if (i) out[len++] = ' ';
        memcpy(out + len, toks[i], l);
        len += l;
    }
    out[len] = 0;
    return out;
}

/* Confusion counts of one method at threshold t. */
static void count(const struct pair *p, size_t n, int ours, double t, size_t *tp, size_t *fp,
                  size_t *fn, size_t *tn)
{
    *tp = *fp = *fn = *tn = 0;
    for (size_t i = 0; i < n; i++) {
        double s = ours ? p[i].ours : p[i].base;
        int yes = s >= t;
        if (yes && p[i].label) (*tp)++;
        else if (yes) (*fp)++;
        else if (p[i].label) (*fn)++;
        else (*tn)++;
    }
}

static void report(const char *what, struct pair *p, size_t n, int ours, double t)
{
    size_t tp, fp, fn, tn;
    count(p, n, ours, t, &tp, &fp, &fn, &tn);
    double prec = tp + fp ? (double)tp / (double)(tp + fp) : 0;
    double rec = tp + fn ? (double)tp / (double)(tp + fn) : 0;
    double f1 = prec + rec ? 2 * prec * rec / (prec + rec) : 0;
    printf("  %-34s t=%.2f  P %.4f  R %.4f  F1 %.4f  (tp %zu fp %zu fn %zu tn %zu)\n", what, t,
           prec, rec, f1, tp, fp, fn, tn);
}

static double best_threshold(struct pair *p, size_t n, int ours)
{
    double best_t = 0.5, best_f = -1;
    for (int k = 30; k <= 99; k++) {
        double t = k / 100.0;
        size_t tp, fp, fn, tn;
        count(p, n, ours, t, &tp, &fp, &fn, &tn);
        double f = tp ? 2.0 * (double)tp / (double)(2 * tp + fp + fn) : 0;
        if (f > best_f) { best_f = f; best_t = t; }
    }
    return best_t;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: quality FILE.tsv [--errors N]\n");
        return 2;
    }
    int show = argc >= 4 && strcmp(argv[2], "--errors") == 0 ? atoi(argv[3]) : 0;
    FILE *f = fopen(argv[1], "r");
    if (!f) { perror(argv[1]); return 3; }
    base_tr = icu_ascii_open();
    ng_engine *eng = ng_engine_new(NULL);
    if (!eng || !base_tr) { fprintf(stderr, "cannot start\n"); return 3; }
    ng_compare_options o = ng_compare_default_options();
    size_t n = 0, cap = 1024;
    struct pair *p = malloc(cap * sizeof *p);
    char *line = NULL;
    size_t lcap = 0;
    while (getline(&line, &lcap, f) != -1) {
        line[strcspn(line, "\r\n")] = 0;
        char *lab = strtok(line, "\t"), *a = strtok(NULL, "\t"), *b = strtok(NULL, "\t");
        char *note = strtok(NULL, "\t");
        if (!lab || !a || !b) continue;
        if (n == cap) p = realloc(p, (cap *= 2) * sizeof *p);
        struct pair *q = &p[n];
        q->label = lab[0] == '1';
        q->a = strdup(a);
        q->b = strdup(b);
        q->note = strdup(note ? note : "");
        ng_name *na = NULL, *nb = NULL;
        q->ours = 0;
        if (ng_name_parse(eng, a, (size_t)-1, &na) == NG_OK &&
            ng_name_parse(eng, b, (size_t)-1, &nb) == NG_OK) {
            ng_compare_result r;
            ng_name_compare(eng, na, nb, &o, &r);
            q->ours = r.score;
        }
        ng_name_free(na);
        ng_name_free(nb);
        char *ba = baseline_form(a), *bb = baseline_form(b);
        q->base = ng_jaro_winkler(ba, bb, 0);
        free(ba);
        free(bb);
        n++;
    }
    fclose(f);
    size_t pos = 0;
    for (size_t i = 0; i < n; i++) pos += p[i].label;
    printf("%s: %zu pairs (%zu positive, %zu negative)\n", argv[1], n, pos, n - pos);
    report("nongrata, default threshold", p, n, 1, NG_MATCH_THRESHOLD);
    report("nongrata, best threshold here", p, n, 1, best_threshold(p, n, 1));
    report("baseline JW, threshold 0.80", p, n, 0, 0.80);
    report("baseline JW, best threshold here", p, n, 0, best_threshold(p, n, 0));
    if (show) {
        int shown = 0;
        for (size_t i = 0; i < n && shown < show; i++) {
            int yes = p[i].ours >= NG_MATCH_THRESHOLD;
            if (yes != p[i].label) {
                printf("%s %.4f\t%s\t%s\t%s\n", p[i].label ? "FN" : "FP", p[i].ours, p[i].a,
                       p[i].b, p[i].note);
                shown++;
            }
        }
    }
    ng_engine_free(eng);
    utrans_close(base_tr);
    return 0;
}
