/*
 * extract.c -- precision and recall of `nongrata ledger extract` on
 * labelled sentences, beside a baseline measured in the same run: a
 * sentence that holds an expulsion word and two states gives the first
 * state as actor and the second as target (what a keyword search finds).
 *
 *   build/rel/bench/extract [FILE.tsv] [--errors]
 *
 * FILE.tsv (default tests/ledger/extract_sentences.tsv): article date TAB
 * sentence TAB events (ACTOR>TARGET:COUNT@DATE joined by " ; ", a final
 * '!' an announcement).  Scores, over all sentences:
 *   events     a proposal with the expected actor and target is right
 *   + count    ... and the expected count (or both unknown)
 *   + date     ... and the expected date (when one is expected)
 *   announced  of the events found, those whose announcement mark agrees
 *              with the label
 * and how many sentences without an event gave one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ledger/ledger.h"

struct want {
    char actor[LSTATE_MAX], target[LSTATE_MAX];
    long count;
    char date[32];
    int announced;
    int used;
};

static size_t parse_wants(char *s, struct want *w, size_t cap)
{
    size_t n = 0;
    for (char *tok = strtok(s, ";"); tok && n < cap; tok = strtok(NULL, ";")) {
        while (*tok == ' ') tok++;
        size_t l = strlen(tok);
        while (l && (tok[l - 1] == ' ' || tok[l - 1] == '\n' || tok[l - 1] == '\r')) tok[--l] = 0;
        if (!l) continue;
        struct want *x = &w[n];
        memset(x, 0, sizeof *x);
        if (tok[l - 1] == '!') { x->announced = 1; tok[--l] = 0; }
        char *gt = strchr(tok, '>'), *colon = strchr(tok, ':'), *at = strchr(tok, '@');
        if (!gt || !colon || !at) continue;
        *gt = *colon = *at = 0;
        snprintf(x->actor, sizeof x->actor, "%s", tok);
        snprintf(x->target, sizeof x->target, "%s", gt + 1);
        x->count = strcmp(colon + 1, "?") == 0 ? -1 : atol(colon + 1);
        snprintf(x->date, sizeof x->date, "%s", at + 1);
        n++;
    }
    return n;
}

/* the baseline: an expulsion word and two states */
static const char *const states_seen[] = {"Russia", "Russian", "Poland", "Polish", "Germany",
    "German", "France", "French", "Britain", "British", "United States", "US", "American",
    "Czech", "Moscow", "Kremlin", "Washington", "Warsaw", "Berlin", "Paris", "London", "Prague",
    "Soviet", "Italy", "Italian", "Spain", "Spanish", "Bulgaria", "Slovakia", "Norway",
    "Norwegian", "Finland", "Finnish", "Sweden", "Estonia", "Latvia", "Lithuania", "Moldova",
    "Ukraine", "Ukrainian", "Canada", "Canadian", "China", "Chinese", "Belarus", "Iran",
    "Japan", "Australia", "Netherlands", "Belgium", "Ireland", "Denmark", "Slovenia",
    "Croatia", "Greece", "Portugal", "Luxembourg", "Hungary", "Romania", "Albania",
    "Montenegro", "North Macedonia", "Austria", "NATO", "European Union", "Sofia", "Oslo",
    "Helsinki", "Tokyo", "Beijing", "Ottawa", "Chisinau", "Minsk", "Estonian", "Iranian",
    "Belarusian", "Spanish", NULL};

static size_t baseline(const char *s, char out[][2][LSTATE_MAX])
{
    if (!strstr(s, "xpel") && !strstr(s, "non grata") && !strstr(s, "to leave")) return 0;
    const char *first = NULL, *second = NULL;
    const char *p1 = NULL, *p2 = NULL;
    for (size_t i = 0; states_seen[i]; i++) {
        const char *p = strstr(s, states_seen[i]);
        if (!p) continue;
        if (!p1 || p < p1) { p2 = p1; second = first; p1 = p; first = states_seen[i]; }
        else if (!p2 || p < p2) { p2 = p; second = states_seen[i]; }
    }
    if (!first || !second) return 0;
    if (!ledger_state(first, 1, out[0][0]) || !ledger_state(second, 1, out[0][1])) return 0;
    if (strcmp(out[0][0], out[0][1]) == 0) return 0;
    return 1;
}

struct score {
    long found, right, right_count, right_date, expected, announce_ok, empty_sent, empty_fp;
};

static void tally(struct score *sc, struct want *w, size_t nw, const char (*pa)[LSTATE_MAX],
                  const char (*pt)[LSTATE_MAX], const long *pc, const char (*pd)[32],
                  const int *pann, size_t np, int show, const char *sent, const char *who)
{
    sc->expected += (long)nw;
    sc->found += (long)np;
    if (!nw) {
        sc->empty_sent++;
        if (np) sc->empty_fp++;
    }
    for (size_t i = 0; i < nw; i++) w[i].used = 0;
    for (size_t k = 0; k < np; k++) {
        int hit = -1;
        for (size_t i = 0; i < nw && hit < 0; i++)
            if (!w[i].used && strcmp(w[i].actor, pa[k]) == 0 && strcmp(w[i].target, pt[k]) == 0) hit = (int)i;
        if (hit < 0) {
            if (show) fprintf(stderr, "%s FP %s>%s:%ld@%s | %s\n", who, pa[k], pt[k], pc[k], pd[k], sent);
            continue;
        }
        struct want *x = &w[hit];
        x->used = 1;
        sc->right++;
        int count_ok = x->count == pc[k];
        int date_ok = !x->date[0] || strcmp(x->date, pd[k]) == 0;
        sc->right_count += count_ok;
        sc->right_count += 0;
        sc->right_date += count_ok && date_ok;
        sc->announce_ok += x->announced == pann[k];
        if (show && (!count_ok || !date_ok || x->announced != pann[k]))
            fprintf(stderr, "%s PART %s>%s got %ld@%s%s want %ld@%s%s | %s\n", who, pa[k], pt[k], pc[k],
                    pd[k], pann[k] ? "!" : "", x->count, x->date, x->announced ? "!" : "", sent);
    }
    for (size_t i = 0; i < nw; i++)
        if (!w[i].used && show)
            fprintf(stderr, "%s FN %s>%s:%ld@%s | %s\n", who, w[i].actor, w[i].target, w[i].count, w[i].date, sent);
}

static void report(const char *name, const struct score *s)
{
    double p = s->found ? (double)s->right / (double)s->found : 0;
    double r = s->expected ? (double)s->right / (double)s->expected : 0;
    double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
    double pc = s->found ? (double)s->right_count / (double)s->found : 0;
    double rc = s->expected ? (double)s->right_count / (double)s->expected : 0;
    double pd = s->found ? (double)s->right_date / (double)s->found : 0;
    double rd = s->expected ? (double)s->right_date / (double)s->expected : 0;
    printf("%s\n", name);
    printf("  events (actor, target)   P %.3f  R %.3f  F1 %.3f  (%ld right of %ld found, %ld expected)\n",
           p, r, f, s->right, s->found, s->expected);
    printf("  + count                  P %.3f  R %.3f\n", pc, rc);
    printf("  + count + date           P %.3f  R %.3f\n", pd, rd);
    if (s->right)
        printf("  announcement mark agrees %ld of %ld\n", s->announce_ok, s->right);
    printf("  sentences without an event that gave one: %ld of %ld\n", s->empty_fp, s->empty_sent);
}

int main(int argc, char **argv)
{
    const char *path = "tests/ledger/extract_sentences.tsv";
    int show = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--errors") == 0) show = 1;
        else path = argv[i];
    }
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        return 3;
    }
    struct score ours = {0}, base = {0};
    char line[4096];
    long nsent = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || line[0] == '\n') continue;
        char *t1 = strchr(line, '\t');
        if (!t1) continue;
        *t1 = 0;
        char *sent = t1 + 1;
        char *t2 = strchr(sent, '\t');
        char *events = "";
        if (t2) { *t2 = 0; events = t2 + 1; }
        struct ldate art;
        if (ldate_parse(line, &art) != 0) continue;
        nsent++;
        char evcopy[1024];
        snprintf(evcopy, sizeof evcopy, "%s", events);
        struct want w[16];
        size_t nw = parse_wants(evcopy, w, 16);
        struct lproposal *p;
        size_t np;
        if (ledger_extract(sent, strlen(sent), &art, &p, &np) != NG_OK) return 3;
        char pa[16][LSTATE_MAX], pt[16][LSTATE_MAX], pd[16][32];
        long pc[16];
        int pann[16];
        size_t k = 0;
        for (size_t i = 0; i < np && k < 16; i++, k++) {
            memcpy(pa[k], p[i].actor, LSTATE_MAX);
            memcpy(pt[k], p[i].target, LSTATE_MAX);
            pc[k] = p[i].count;
            snprintf(pd[k], sizeof pd[k], "%s", p[i].date.text);
            pann[k] = p[i].announced;
        }
        tally(&ours, w, nw, pa, pt, pc, pd, pann, k, show, sent, "ours");
        ledger_proposals_free(p, np);
        char b[1][2][LSTATE_MAX];
        size_t nb = baseline(sent, b);
        char ba[1][LSTATE_MAX], bt[1][LSTATE_MAX], bd[1][32] = {""};
        long bc[1] = {-1};
        int bann[1] = {0};
        if (nb) {
            memcpy(ba[0], b[0][0], LSTATE_MAX);
            memcpy(bt[0], b[0][1], LSTATE_MAX);
            snprintf(bd[0], sizeof bd[0], "%s", art.text);
        }
        tally(&base, w, nw, ba, bt, bc, bd, bann, nb, 0, sent, "base");
    }
    fclose(f);
    printf("%s: %ld sentences, %ld expected events\n", path, nsent, ours.expected);
    report("nongrata ledger extract", &ours);
    report("baseline (an expulsion word; first state acts on the second; the article's date)", &base);
    return 0;
}
