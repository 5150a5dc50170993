/*
 * links.c -- `nongrata links` at scale: leads over a million records
 * carrying three million identifiers, against a naive pairwise method on a
 * sample, in the same run.
 *
 *   build/rel/bench/links FILE.csv [--records N] [--sample N]
 *
 * FILE.csv: the generated gallery of bench/gen_records.py (names, birth
 * dates, some passports and phones).  Each record is given more, from a
 * seeded generator: an address (one of 4,000 streets, in Cyrillic or one of
 * two romanisations, with a house number and sometimes its letter), a
 * passport when it has none (numbers drawn in blocks, so that some are
 * near), a phone when it has none (two of three records), an e-mail (half)
 * and a plate (a fifth): about three identifiers a record.
 * Prints the time of links_find (2 threads), the leads by kind, and the
 * naive method: every pair of the sample's records compared on every
 * identifier (equal, or passport numbers within the gap), its time a pair
 * and what it would take for all pairs of the million.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "clock.h"
#include "links/leads.h"
#include "records/records.h"

struct all {
    ng_record **r;
    char **ids;
    size_t n, cap, max;
};

static ng_status keep(void *ctx, ng_record *r)
{
    struct all *a = ctx;
    if (a->n >= a->max) return NG_OK;
    if (a->n == a->cap) {
        a->cap = a->cap ? 2 * a->cap : 65536;
        a->r = realloc(a->r, a->cap * sizeof *a->r);
        a->ids = realloc(a->ids, a->cap * sizeof *a->ids);
        if (!a->r || !a->ids) return NG_ENOMEM;
    }
    char id[64];
    snprintf(id, sizeof id, "g:%s", ng_record_id(r));
    a->r[a->n] = ng_record_copy(r);
    a->ids[a->n] = strdup(id);
    a->n++;
    return NG_OK;
}

static uint64_t rng = 88172645463325252ull;
static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* A street name: two or three syllables, in Cyrillic and two romanisations. */
static const char *const syl_cyr[] = {"ко", "ро", "ша", "лев", "ни", "мо", "ска", "пет", "ров", "ду", "бра", "ва", "ли", "за", "го", "ре"};
static const char *const syl_bgn[] = {"ko", "ro", "sha", "lev", "ni", "mo", "ska", "pet", "rov", "du", "bra", "va", "li", "za", "go", "re"};
static const char *const syl_de[] = {"ko", "ro", "scha", "lew", "ni", "mo", "ska", "pet", "row", "du", "bra", "wa", "li", "sa", "go", "re"};

static void address(char *out, size_t cap, unsigned street, unsigned house, int letter, int script)
{
    const char *const *syl = script == 0 ? syl_cyr : script == 1 ? syl_bgn : syl_de;
    char name[64] = "";
    unsigned s = street;
    int nsyl = 2 + (int)(street % 2);
    for (int i = 0; i < nsyl; i++) {
        strcat(name, syl[s % 16]);
        s /= 16;
    }
    static const char *const type_cyr[] = {"ул.", "пр-т", "ш.", "пер."};
    static const char *const type_lat[] = {"ulitsa", "prospekt", "shosse", "pereulok"};
    const char *type = script == 0 ? type_cyr[street % 4] : type_lat[street % 4];
    const char *lt = letter ? (script == 0 ? "Б" : "B") : "";
    if (script == 0) snprintf(out, cap, "%sская %s, д. %u%s, Москва", name, type, house, lt);
    else snprintf(out, cap, "%s %s %u%s, Moscow", name, type, house, lt);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE.csv [--records N] [--sample N]\n", argv[0]);
        return 2;
    }
    size_t max = 1000000, sample = 2000;
    for (int i = 2; i + 1 < argc; i++) {
        if (strcmp(argv[i], "--records") == 0) max = (size_t)atol(argv[++i]);
        else if (strcmp(argv[i], "--sample") == 0) sample = (size_t)atol(argv[++i]);
    }
    struct all a = {0};
    a.max = max;
    struct read_options ro = {0};
    struct read_sink sink = {keep, NULL, NULL, NULL, NULL, &a, 1};
    struct read_error err;
    double t0 = now();
    const char *paths[1] = {argv[1]};
    if (records_read(paths, 1, &ro, &sink, &err, NULL) != NG_OK) {
        fprintf(stderr, "%s:%ld: %s\n", err.file, err.line, err.msg);
        return 1;
    }
    /* more identifiers */
    size_t nident = 0;
    uint64_t block = 100000000;
    for (size_t i = 0; i < a.n; i++) {
        ng_record *r = a.r[i];
        char buf[160];
        address(buf, sizeof buf, (unsigned)(next() % 4000), (unsigned)(1 + next() % 120), next() % 5 == 0,
                (int)(next() % 3));
        ng_record_add(r, "address", buf, NULL);
        if (!ng_record_first(r, "passportNumber")) {
            if (next() % 8 == 0) block = 100000000 + next() % 800000000;
            snprintf(buf, sizeof buf, "%llu", (unsigned long long)(block += 1 + next() % 400));
            ng_record_add(r, "passportNumber", buf, next() % 2 ? "Russia" : NULL);
        }
        if (!ng_record_first(r, "phone") && next() % 3) {
            snprintf(buf, sizeof buf, "+7 9%02u %03u-%02u-%02u", (unsigned)(next() % 100), (unsigned)(next() % 1000),
                     (unsigned)(next() % 100), (unsigned)(next() % 100));
            ng_record_add(r, "phone", buf, NULL);
        }
        if (next() % 2) {
            snprintf(buf, sizeof buf, "user%llu@mail.example", (unsigned long long)(next() % 3000000));
            ng_record_add(r, "email", buf, NULL);
        }
        if (next() % 5 == 0) {
            snprintf(buf, sizeof buf, "A%03uBC%02u", (unsigned)(next() % 1000), (unsigned)(next() % 100));
            ng_record_add(r, "vehiclePlate", buf, NULL);
        }
        for (size_t q = 0; q < ng_record_count(r); q++) {
            const char *p = ng_record_value(r, q)->prop;
            nident += !strcmp(p, "address") || !strcmp(p, "passportNumber") || !strcmp(p, "phone") ||
                      !strcmp(p, "email") || !strcmp(p, "vehiclePlate");
        }
    }
    double t1 = now();
    printf("records: %zu, identifiers: %zu (read and made up in %.1f s)\n", a.n, nident, t1 - t0);
    ng_engine *e = ng_engine_new(NULL);
    struct links_options o = links_default_options();
    o.kinds = (1u << LL_SAME) | (1u << LL_SEQUENCE) | (1u << LL_ALIAS);
    struct links_result res;
    double t2 = now();
    if (links_find(e, (const ng_record *const *)a.r, (const char *const *)a.ids, a.n, &o, &res) != NG_OK) return 3;
    double t3 = now();
    size_t by[LL_NKINDS] = {0};
    for (size_t i = 0; i < res.n; i++)
        for (int k = 0; k < LL_NKINDS; k++) by[k] += (res.leads[i].kinds >> k) & 1;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("links_find: %.1f s (two threads read identifiers and names, one the rest), %zu leads (same %zu, sequence %zu, alias %zu), max RSS %ld MB\n",
           t3 - t2, res.n, by[LL_SAME], by[LL_SEQUENCE], by[LL_ALIAS], ru.ru_maxrss / 1024);

    /* the naive method on a sample: normalise, then every pair */
    size_t s = sample < a.n ? sample : a.n;
    struct lident *id = calloc(s * 8, sizeof *id);
    size_t *nid = calloc(s, sizeof *nid);
    for (size_t i = 0; i < s; i++) {
        ng_record *r = a.r[i];
        for (size_t q = 0; q < ng_record_count(r) && nid[i] < 8; q++) {
            const ng_value *v = ng_record_value(r, q);
            lkind k = LK_NKINDS;
            if (!strcmp(v->prop, "address")) k = LK_ADDRESS;
            else if (!strcmp(v->prop, "passportNumber")) k = LK_PASSPORT;
            else if (!strcmp(v->prop, "phone")) k = LK_PHONE;
            else if (!strcmp(v->prop, "email")) k = LK_EMAIL;
            else if (!strcmp(v->prop, "vehiclePlate")) k = LK_PLATE;
            if (k == LK_NKINDS) continue;
            if (links_normalize(e, k, v->value, v->qual, "RU", &id[i * 8 + nid[i]])) nid[i]++;
        }
    }
    double t4 = now();
    size_t found = 0;
    for (size_t i = 0; i < s; i++)
        for (size_t j = i + 1; j < s; j++)
            for (size_t x = 0; x < nid[i]; x++)
                for (size_t y = 0; y < nid[j]; y++) {
                    const struct lident *p = &id[i * 8 + x], *q = &id[j * 8 + y];
                    if (p->kind != q->kind) continue;
                    if (!strcmp(p->value, q->value)) found++;
                    else if (p->ndigits && p->ndigits == q->ndigits &&
                             (p->number > q->number ? p->number - q->number : q->number - p->number) <= 50)
                        found++;
                }
    double t5 = now();
    double pairs = (double)s * (double)(s - 1) / 2;
    double per = (t5 - t4) / pairs;
    double all = (double)a.n * (double)(a.n - 1) / 2 * per;
    printf("naive pairwise on %zu records: %.0f pairs in %.2f s (%.1f ns a pair, %zu links); all pairs of "
           "%zu records: %.0f s (%.1f h), %.0fx links_find\n",
           s, pairs, t5 - t4, per * 1e9, found, a.n, all, all / 3600, all / (t3 - t2));
    links_free(&res);
    ng_engine_free(e);
    for (size_t i = 0; i < a.n; i++) {
        ng_record_free(a.r[i]);
        free(a.ids[i]);
    }
    free(a.r);
    free(a.ids);
    free(id);
    free(nid);
    return 0;
}
