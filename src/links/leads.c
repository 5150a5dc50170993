/*
 * leads.c -- what records share, as ranked leads (links.h: links_find).
 *
 *   same      one normalised identifier in two records or more (a passport,
 *             an id, a phone, an e-mail, a plate, an address that names a
 *             street or a number); strength by kind (passport 0.95, id
 *             0.90, phone and e-mail 0.85, plate 0.80, address 0.60),
 *             times its rarity: 1 for two records, less for more, none
 *             past `common` records (a ministry's public address);
 *   sequence  two passport (or id) numbers of one series and length, at
 *             most max_gap apart, in different records, their issuers
 *             compatible (an unknown one with any): 0.90 times closeness
 *             (1 - gap / (max_gap + 1)) times a crowding factor (the more
 *             numbers of the data fall in the block around them, the less a
 *             near pair says: 1 / log2(1 + numbers in the block));
 *   watch     records at an address of the user's watch list: 0.70;
 *   alias     the same birth date under names that do not meet (0.30,
 *             only where few records share that date), or names that meet
 *             (score >= 0.80) with birth dates 1 to alias_days days apart
 *             (0.70 minus 0.05 a day);
 *   travel    two persons on the same flights (carrier, number, date):
 *             0.40 for one, 0.75 for two, 0.90 for three or more.
 * The links of one set of records are one lead: its score 1 - prod(1 - s)
 * over them, its evidence theirs.  A lead's score then takes in the other
 * leads between its records: 1 - (1 - s) * prod(1 - s'/2) over the leads
 * that join two of them.
 * Clusters: the connected components of the graph of all leads.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "links/leads.h"
#include "records/country.h"
#include "records/records.h"

#define COLLECT_MIN 4096 /* records worth a second thread (and its engine) */

/* qsort, which must not be given NULL, for arrays that may be empty */
static void sort_n(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
    if (n > 1) qsort(base, n, size, cmp);
}

const char *llink_name(llink k)
{
    static const char *const names[LL_NKINDS] = {"same", "sequence", "watch", "alias", "travel"};
    return k < LL_NKINDS ? names[k] : "";
}

struct links_options links_default_options(void)
{
    struct links_options o;
    memset(&o, 0, sizeof o);
    o.kinds = (1u << LL_NKINDS) - 1;
    o.max_gap = 50;
    o.common = 50;
    o.alias_days = 7;
    o.same_dob_max = 4;
    return o;
}

/* ---- a growing list of leads ------------------------------------------------ */

struct out {
    struct llead *v;
    size_t n, cap;
};

static int lead_add(struct out *o, llink kind, const uint32_t *recs, size_t n, double score,
                    const char *evidence)
{
    if (o->n == o->cap) {
        size_t nc = o->cap ? 2 * o->cap : 256;
        struct llead *p = realloc(o->v, nc * sizeof *p);
        if (!p) return -1;
        o->v = p;
        o->cap = nc;
    }
    struct llead *l = &o->v[o->n];
    memset(l, 0, sizeof *l);
    l->kind = kind;
    l->kinds = 1u << kind;
    l->score = score;
    l->recs = malloc(n * sizeof *l->recs);
    l->evidence = strdup(evidence);
    if (!l->recs || !l->evidence) {
        free(l->recs);
        free(l->evidence);
        return -1;
    }
    memcpy(l->recs, recs, n * sizeof *recs);
    l->n = n;
    o->n++;
    return 0;
}

void links_free(struct links_result *r)
{
    if (!r) return;
    for (size_t i = 0; i < r->n; i++) {
        free(r->leads[i].recs);
        free(r->leads[i].evidence);
    }
    free(r->leads);
    free(r->cluster);
    memset(r, 0, sizeof *r);
}

/* ---- identifiers of the records ------------------------------------------- */

struct item {
    struct lident id;
    uint32_t rec;
    const char *raw;    /* as written (in the record) */
};

static int item_cmp(const void *x, const void *y)
{
    const struct item *a = x, *b = y;
    if (a->id.kind != b->id.kind) return a->id.kind < b->id.kind ? -1 : 1;
    int c = strcmp(a->id.value, b->id.value);
    if (c) return c;
    return a->rec < b->rec ? -1 : a->rec > b->rec;
}

/* Numbers by kind, series, length, then number. */
static int seq_cmp(const void *x, const void *y)
{
    const struct item *a = *(struct item *const *)x, *b = *(struct item *const *)y;
    if (a->id.kind != b->id.kind) return a->id.kind < b->id.kind ? -1 : 1;
    int c = strcmp(a->id.series, b->id.series);
    if (c) return c;
    if (a->id.ndigits != b->id.ndigits) return a->id.ndigits < b->id.ndigits ? -1 : 1;
    if (a->id.number != b->id.number) return a->id.number < b->id.number ? -1 : 1;
    return a->rec < b->rec ? -1 : a->rec > b->rec;
}

static const struct { const char *prop; lkind kind; } ident_props[] = {
    {"passportNumber", LK_PASSPORT}, {"idNumber", LK_IDNUMBER}, {"phone", LK_PHONE},
    {"email", LK_EMAIL},             {"vehiclePlate", LK_PLATE}, {"address", LK_ADDRESS},
};

static double kind_strength(lkind k)
{
    static const double s[LK_NKINDS] = {0.95, 0.90, 0.85, 0.85, 0.80, 0.60};
    return k < LK_NKINDS ? s[k] : 0.5;
}

/* The record's region for its phones: its nationality or country. */
static const char *region_of(const ng_record *r)
{
    const char *c = ng_record_first(r, "nationality");
    if (!c) c = ng_record_first(r, "country");
    return c;
}

/* ---- same and sequence ---------------------------------------------------- */

static int same_leads(struct item *it, size_t n, const struct links_options *o, struct out *out,
                      const char *const *ids)
{
    (void)ids;
    uint32_t *recs = NULL;
    size_t cap = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && it[j].id.kind == it[i].id.kind && strcmp(it[j].id.value, it[i].id.value) == 0) j++;
        /* the distinct records of the group */
        size_t k = 0;
        if (j - i > cap) {
            cap = j - i;
            uint32_t *p = realloc(recs, cap * sizeof *p);
            if (!p) { free(recs); return -1; }
            recs = p;
        }
        for (size_t q = i; q < j; q++)
            if (!k || recs[k - 1] != it[q].rec) recs[k++] = it[q].rec;
        int counts = it[i].id.kind != LK_ADDRESS || it[i].id.place;
        if (k >= 2 && k <= o->common && counts) {
            double rarity = k == 2 ? 1.0 : 2.0 / (double)k + 0.1;
            if (rarity > 1) rarity = 1;
            char ev[400];
            snprintf(ev, sizeof ev, "%s %s (%zu records)", lkind_name(it[i].id.kind), it[i].id.value, k);
            if (lead_add(out, LL_SAME, recs, k, kind_strength(it[i].id.kind) * rarity, ev)) {
                free(recs);
                return -1;
            }
        }
        i = j;
    }
    free(recs);
    return 0;
}

static int compatible(int a, int b) { return !a || !b || a == b; }

static int sequence_leads(struct item *it, size_t n, const struct links_options *o, struct out *out)
{
    struct item **v = malloc((n ? n : 1) * sizeof *v);
    if (!v) return -1;
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if ((it[i].id.kind == LK_PASSPORT || it[i].id.kind == LK_IDNUMBER) && it[i].id.ndigits >= 6)
            v[m++] = &it[i];
    sort_n(v, m, sizeof *v, seq_cmp);
    for (size_t i = 0; i < m; i++) {
        const struct item *a = v[i];
        for (size_t j = i + 1; j < m; j++) {
            const struct item *b = v[j];
            if (b->id.kind != a->id.kind || b->id.ndigits != a->id.ndigits ||
                strcmp(b->id.series, a->id.series))
                break;
            uint64_t d = b->id.number - a->id.number;
            if (d > (uint64_t)o->max_gap) break;
            if (d == 0 || a->rec == b->rec || !compatible(a->id.issuer, b->id.issuer)) continue;
            /* the block: numbers of this series within max_gap of either */
            size_t lo = i, hi = j;
            while (lo > 0 && v[lo - 1]->id.kind == a->id.kind && v[lo - 1]->id.ndigits == a->id.ndigits &&
                   strcmp(v[lo - 1]->id.series, a->id.series) == 0 &&
                   a->id.number - v[lo - 1]->id.number <= (uint64_t)o->max_gap)
                lo--;
            while (hi + 1 < m && v[hi + 1]->id.kind == a->id.kind && v[hi + 1]->id.ndigits == a->id.ndigits &&
                   strcmp(v[hi + 1]->id.series, a->id.series) == 0 &&
                   v[hi + 1]->id.number - b->id.number <= (uint64_t)o->max_gap)
                hi++;
            size_t block = hi - lo + 1;
            double close = 1.0 - (double)d / (double)(o->max_gap + 1);
            double crowd = 1.0;
            for (size_t q = block; q > 2; q /= 2) crowd *= 0.8; /* halves of the block, a fifth less each */
            uint32_t pair[2] = {a->rec, b->rec};
            char ev[400];
            snprintf(ev, sizeof ev, "%s %s%s and %s%s, %llu apart (%zu numbers in the block)",
                     lkind_name(a->id.kind), a->id.value, a->id.issuer ? "" : " (issuer unknown)",
                     b->id.value, b->id.issuer ? "" : " (issuer unknown)", (unsigned long long)d, block);
            if (lead_add(out, LL_SEQUENCE, pair, 2, 0.90 * close * crowd, ev)) { free(v); return -1; }
        }
    }
    free(v);
    return 0;
}

/* ---- alias ------------------------------------------------------------------- */

struct dobrec {
    long day;
    uint32_t rec;
    char key[24];        /* the first key of the name's surname (or last token) */
};

static int dob_cmp(const void *x, const void *y)
{
    const struct dobrec *a = x, *b = y;
    if (a->day != b->day) return a->day < b->day ? -1 : 1;
    return a->rec < b->rec ? -1 : a->rec > b->rec;
}

static int key_dob_cmp(const void *x, const void *y)
{
    const struct dobrec *a = x, *b = y;
    int c = strcmp(a->key, b->key);
    if (c) return c;
    if (a->day != b->day) return a->day < b->day ? -1 : 1;
    return a->rec < b->rec ? -1 : a->rec > b->rec;
}

/* The names and full birth dates of records [from, to), parsed with e. */
struct dobs {
    ng_engine *e;
    const ng_record *const *recs;
    size_t from, to;
    ng_name **names;
    struct dobrec *v;
    size_t m, cap;
    int failed;
};

static void *collect_dobs(void *arg)
{
    struct dobs *c = arg;
    for (size_t i = c->from; i < c->to && !c->failed; i++) {
        const ng_record *r = c->recs[i];
        const char *nm = ng_record_first(r, "name");
        if (!nm || ng_name_parse(c->e, nm, (size_t)-1, &c->names[i]) != NG_OK) continue;
        size_t nt = ng_name_count(c->names[i]);
        char key[24] = "";
        for (size_t t = 0; t < nt; t++) {
            ng_token tk = ng_name_token(c->names[i], t);
            if (tk.role == NG_ROLE_SURNAME && tk.nkeys) snprintf(key, sizeof key, "%s", tk.keys[0]);
        }
        if (!key[0] && nt) {
            ng_token tk = ng_name_token(c->names[i], nt - 1);
            if (tk.nkeys) snprintf(key, sizeof key, "%s", tk.keys[0]);
        }
        for (size_t q = 0; q < ng_record_count(r); q++) {
            const ng_value *val = ng_record_value(r, q);
            if (strcmp(val->prop, "birthDate")) continue;
            ng_date d;
            if (ng_date_parse(val->value, &d) != NG_OK || !d.day || (d.flags & NG_DATE_CIRCA)) continue;
            if (c->m == c->cap) {
                size_t nc = c->cap ? 2 * c->cap : 1024;
                struct dobrec *p = realloc(c->v, nc * sizeof *p);
                if (!p) { c->failed = 1; break; }
                c->v = p;
                c->cap = nc;
            }
            struct dobrec *x = &c->v[c->m++];
            x->day = date_days(d.year, d.month, d.day);
            x->rec = (uint32_t)i;
            snprintf(x->key, sizeof x->key, "%s", key);
        }
    }
    return NULL;
}

static int alias_leads(ng_engine *e, const ng_record *const *recs, size_t n,
                       const struct links_options *o, struct out *out)
{
    struct dobrec *v = NULL;
    size_t m = 0;
    ng_name **names = calloc(n ? n : 1, sizeof *names);
    if (!names) return -1;
    int rc = -1;
    /* two threads for many records, the second with its own engine (names
     * of two engines compare) */
    struct dobs c[2] = {{e, recs, 0, n, names, NULL, 0, 0, 0}, {NULL, recs, n, n, names, NULL, 0, 0, 0}};
    pthread_t th;
    int threaded = 0;
    if (n >= COLLECT_MIN && (c[1].e = ng_engine_new(NULL)) != NULL) {
        c[0].to = c[1].from = n / 2;
        threaded = pthread_create(&th, NULL, collect_dobs, &c[1]) == 0;
        if (!threaded) c[0].to = n;
    }
    collect_dobs(&c[0]);
    if (threaded) pthread_join(th, NULL);
    v = c[0].v;
    m = c[0].m;
    if (c[0].failed || c[1].failed) { free(c[1].v); goto done; }
    if (c[1].m) {
        struct dobrec *p = realloc(v, (m + c[1].m) * sizeof *p);
        if (!p) { free(c[1].v); goto done; }
        v = p;
        memcpy(v + m, c[1].v, c[1].m * sizeof *v);
        m += c[1].m;
    }
    free(c[1].v);
    ng_compare_options co = ng_compare_default_options();
    /* the same day under names that do not meet, where few share the day */
    sort_n(v, m, sizeof *v, dob_cmp);
    for (size_t i = 0; i < m;) {
        size_t j = i + 1;
        while (j < m && v[j].day == v[i].day) j++;
        if (j - i >= 2 && j - i <= o->same_dob_max)
            for (size_t a = i; a < j; a++)
                for (size_t b = a + 1; b < j; b++) {
                    if (v[a].rec == v[b].rec || !names[v[a].rec] || !names[v[b].rec]) continue;
                    ng_compare_result r;
                    if (ng_name_compare(e, names[v[a].rec], names[v[b].rec], &co, &r) != NG_OK) continue;
                    if (r.score >= co.possible_threshold) continue;
                    int y, mo, d;
                    date_civil(v[a].day, &y, &mo, &d);
                    char ev[300];
                    snprintf(ev, sizeof ev, "born the same day (%04d-%02d-%02d) under names that do not meet (%.2f)",
                             y, mo, d, r.score);
                    uint32_t pair[2] = {v[a].rec, v[b].rec};
                    if (lead_add(out, LL_ALIAS, pair, 2, 0.30, ev)) goto done;
                }
        i = j;
    }
    /* names that meet, birth dates a few days apart */
    sort_n(v, m, sizeof *v, key_dob_cmp);
    for (size_t i = 0; i < m; i++) {
        if (!v[i].key[0]) continue;
        for (size_t j = i + 1; j < m && strcmp(v[j].key, v[i].key) == 0; j++) {
            long gap = v[j].day - v[i].day;
            if (gap > o->alias_days) break;
            if (gap == 0 || v[i].rec == v[j].rec) continue;
            ng_compare_result r;
            if (ng_name_compare(e, names[v[i].rec], names[v[j].rec], &co, &r) != NG_OK) continue;
            if (r.score < co.threshold) continue;
            char ev[300];
            snprintf(ev, sizeof ev, "names that meet (%.2f), born %ld day%s apart", r.score, gap,
                     gap == 1 ? "" : "s");
            uint32_t pair[2] = {v[i].rec, v[j].rec};
            if (lead_add(out, LL_ALIAS, pair, 2, 0.70 - 0.05 * (double)(gap - 1), ev)) goto done;
        }
    }
    rc = 0;
done:
    for (size_t i = 0; i < n; i++) ng_name_free(names[i]);
    free(names);
    free(v);
    ng_engine_free(c[1].e);
    return rc;
}

/* ---- watch and travel --------------------------------------------------------- */

static int watch_leads(ng_engine *e, const struct item *it, size_t n, const struct links_options *o,
                       struct out *out)
{
    uint32_t *recs = malloc((n ? n : 1) * sizeof *recs);
    if (!recs) return -1;
    for (size_t w = 0; w < o->nwatch; w++) {
        struct lident x;
        if (!links_normalize(e, LK_ADDRESS, o->watch[w].address, NULL, NULL, &x)) continue;
        size_t k = 0;
        for (size_t i = 0; i < n; i++)
            if (it[i].id.kind == LK_ADDRESS && strcmp(it[i].id.value, x.value) == 0 &&
                (!k || recs[k - 1] != it[i].rec))
                recs[k++] = it[i].rec;
        if (!k) continue;
        char ev[400];
        snprintf(ev, sizeof ev, "at a watched place%s%s: %s", o->watch[w].label && *o->watch[w].label ? " " : "",
                 o->watch[w].label ? o->watch[w].label : "", o->watch[w].address);
        if (lead_add(out, LL_WATCH, recs, k, 0.70, ev)) { free(recs); return -1; }
    }
    free(recs);
    return 0;
}

struct trip {
    uint32_t rec;
    const struct ltravel *t;
};

static int trip_cmp(const void *x, const void *y)
{
    const struct trip *a = x, *b = y;
    int c = strcmp(a->t->carrier, b->t->carrier);
    if (!c) c = strcmp(a->t->flight, b->t->flight);
    if (!c) c = strcmp(a->t->date, b->t->date);
    if (!c) c = a->rec < b->rec ? -1 : a->rec > b->rec;
    return c;
}

struct copair {
    uint32_t a, b;
    const struct ltravel *t[3];
    size_t n;
};

static int copair_cmp(const void *x, const void *y)
{
    const struct copair *p = x, *q = y;
    if (p->a != q->a) return p->a < q->a ? -1 : 1;
    return p->b < q->b ? -1 : p->b > q->b;
}

static int travel_leads(const struct links_options *o, const char *const *ids, size_t n, struct out *out)
{
    struct trip *tr = malloc((o->ntravel ? o->ntravel : 1) * sizeof *tr);
    if (!tr) return -1;
    size_t m = 0;
    for (size_t i = 0; i < o->ntravel; i++) {
        /* the person: a record id of the lists read */
        for (size_t r = 0; r < n; r++)
            if (strcmp(ids[r], o->travel[i].person) == 0) {
                tr[m].rec = (uint32_t)r;
                tr[m].t = &o->travel[i];
                m++;
                break;
            }
    }
    sort_n(tr, m, sizeof *tr, trip_cmp);
    struct copair *cp = NULL;
    size_t ncp = 0, capcp = 0;
    int rc = -1;
    for (size_t i = 0; i < m;) {
        size_t j = i + 1;
        while (j < m && strcmp(tr[j].t->carrier, tr[i].t->carrier) == 0 &&
               strcmp(tr[j].t->flight, tr[i].t->flight) == 0 && strcmp(tr[j].t->date, tr[i].t->date) == 0)
            j++;
        for (size_t a = i; a < j; a++)
            for (size_t b = a + 1; b < j; b++) {
                if (tr[a].rec == tr[b].rec) continue;
                if (ncp == capcp) {
                    size_t nc = capcp ? 2 * capcp : 64;
                    struct copair *p = realloc(cp, nc * sizeof *p);
                    if (!p) goto done;
                    cp = p;
                    capcp = nc;
                }
                cp[ncp].a = tr[a].rec;
                cp[ncp].b = tr[b].rec;
                cp[ncp].t[0] = tr[a].t;
                cp[ncp].n = 1;
                ncp++;
            }
        i = j;
    }
    sort_n(cp, ncp, sizeof *cp, copair_cmp);
    for (size_t i = 0; i < ncp;) {
        size_t j = i + 1;
        while (j < ncp && cp[j].a == cp[i].a && cp[j].b == cp[i].b) j++;
        size_t flights = j - i;
        char ev[600] = "";
        int w = snprintf(ev, sizeof ev, "%zu flight%s together:", flights, flights == 1 ? "" : "s");
        for (size_t q = i; q < j && q < i + 4 && w > 0 && (size_t)w < sizeof ev; q++) {
            const struct ltravel *t = cp[q].t[0];
            w += snprintf(ev + w, sizeof ev - (size_t)w, " %s%s %s %s-%s", t->carrier, t->flight, t->date,
                          t->from, t->to);
        }
        uint32_t pair[2] = {cp[i].a, cp[i].b};
        double s = flights >= 3 ? 0.90 : flights == 2 ? 0.75 : 0.40;
        if (lead_add(out, LL_TRAVEL, pair, 2, s, ev)) goto done;
        i = j;
    }
    rc = 0;
done:
    free(cp);
    free(tr);
    return rc;
}

/* ---- scores and clusters ------------------------------------------------------ */

static long find(long *p, long x)
{
    while (p[x] != x) {
        p[x] = p[p[x]];
        x = p[x];
    }
    return x;
}

static int lead_cmp(const void *x, const void *y)
{
    const struct llead *a = x, *b = y;
    if (a->score != b->score) return a->score > b->score ? -1 : 1;
    if (a->kind != b->kind) return a->kind < b->kind ? -1 : 1;
    if (a->recs[0] != b->recs[0]) return a->recs[0] < b->recs[0] ? -1 : 1;
    return strcmp(a->evidence, b->evidence);
}

/* Whether two sorted lists of records share two. */
static int share_two(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    size_t i = 0, j = 0, k = 0;
    while (i < na && j < nb && k < 2) {
        if (a[i] == b[j]) { k++; i++; j++; }
        else if (a[i] < b[j]) i++;
        else j++;
    }
    return k >= 2;
}

static int u32_cmp(const void *x, const void *y)
{
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return a < b ? -1 : a > b;
}

char *llead_kinds(const struct llead *l, char *buf, size_t cap)
{
    size_t k = 0;
    buf[0] = 0;
    for (int q = 0; q < LL_NKINDS; q++) {
        if (!(l->kinds & (1u << q))) continue;
        int w = snprintf(buf + k, cap - k, "%s%s", k ? "+" : "", llink_name((llink)q));
        if (w < 0 || (size_t)w >= cap - k) break;
        k += (size_t)w;
    }
    return buf;
}

/* Leads by their records, then best first. */
static int set_cmp(const void *x, const void *y)
{
    const struct llead *a = x, *b = y;
    if (a->n != b->n) return a->n < b->n ? -1 : 1;
    int c = memcmp(a->recs, b->recs, a->n * sizeof *a->recs);
    if (c) return c;
    if (a->score != b->score) return a->score > b->score ? -1 : 1;
    return strcmp(a->evidence, b->evidence);
}

/* The links of one set of records made one lead. */
static int merge(struct out *o)
{
    sort_n(o->v, o->n, sizeof *o->v, set_cmp);
    size_t k = 0;
    for (size_t i = 0; i < o->n;) {
        size_t j = i + 1;
        while (j < o->n && o->v[j].n == o->v[i].n &&
               memcmp(o->v[j].recs, o->v[i].recs, o->v[i].n * sizeof *o->v[i].recs) == 0)
            j++;
        struct llead l = o->v[i];
        if (j > i + 1) {
            double miss = 1.0;
            size_t len = 1;
            for (size_t q = i; q < j; q++) {
                miss *= 1.0 - o->v[q].score;
                l.kinds |= o->v[q].kinds;
                len += strlen(o->v[q].evidence) + 2;
            }
            char *ev = malloc(len);
            if (!ev) return -1;
            ev[0] = 0;
            for (size_t q = i; q < j; q++) {
                if (q > i) strcat(ev, "; ");
                strcat(ev, o->v[q].evidence);
                if (q > i) {
                    free(o->v[q].evidence);
                    free(o->v[q].recs);
                }
            }
            free(l.evidence);
            l.evidence = ev;
            l.score = 1.0 - miss;
        }
        o->v[k++] = l;
        i = j;
    }
    o->n = k;
    return 0;
}

static int combine(struct out *o, size_t nrec, long *cluster)
{
    for (size_t i = 0; i < o->n; i++) sort_n(o->v[i].recs, o->v[i].n, sizeof *o->v[i].recs, u32_cmp);
    if (merge(o)) return -1;
    /* the leads of each record (CSR) */
    size_t *cnt = calloc(nrec + 1, sizeof *cnt);
    if (!cnt) return -1;
    for (size_t i = 0; i < o->n; i++)
        for (size_t k = 0; k < o->v[i].n; k++) cnt[o->v[i].recs[k] + 1]++;
    for (size_t r = 0; r < nrec; r++) cnt[r + 1] += cnt[r];
    size_t *of = malloc((cnt[nrec] ? cnt[nrec] : 1) * sizeof *of);
    size_t *fill = calloc(nrec + 1, sizeof *fill);
    double *base = malloc((o->n ? o->n : 1) * sizeof *base);
    if (!of || !fill || !base) { free(cnt); free(of); free(fill); free(base); return -1; }
    for (size_t i = 0; i < o->n; i++) {
        base[i] = o->v[i].score;
        for (size_t k = 0; k < o->v[i].n; k++) {
            uint32_t r = o->v[i].recs[k];
            of[cnt[r] + fill[r]++] = i;
        }
    }
    for (size_t i = 0; i < o->n; i++) {
        struct llead *l = &o->v[i];
        double miss = 1.0 - base[i];
        /* the other leads through its first record that join two of its records */
        uint32_t r = l->recs[0];
        for (size_t q = cnt[r]; q < cnt[r + 1]; q++) {
            size_t j = of[q];
            if (j == i) continue;
            if (share_two(l->recs, l->n, o->v[j].recs, o->v[j].n)) miss *= 1.0 - base[j] / 2.0;
        }
        l->score = 1.0 - miss;
    }
    /* clusters */
    long *p = malloc((nrec ? nrec : 1) * sizeof *p);
    if (!p) { free(cnt); free(of); free(fill); free(base); return -1; }
    for (size_t r = 0; r < nrec; r++) p[r] = (long)r;
    for (size_t i = 0; i < o->n; i++)
        for (size_t k = 1; k < o->v[i].n; k++) {
            long a = find(p, o->v[i].recs[0]), b = find(p, o->v[i].recs[k]);
            if (a != b) p[a < b ? b : a] = a < b ? a : b;
        }
    /* numbered by first appearance among the ranked leads */
    sort_n(o->v, o->n, sizeof *o->v, lead_cmp);
    for (size_t r = 0; r < nrec; r++) cluster[r] = -1;
    long next = 0;
    long *num = malloc((nrec ? nrec : 1) * sizeof *num);
    if (!num) { free(cnt); free(of); free(fill); free(base); free(p); return -1; }
    for (size_t r = 0; r < nrec; r++) num[r] = -1;
    for (size_t i = 0; i < o->n; i++) {
        long root = find(p, o->v[i].recs[0]);
        if (num[root] < 0) num[root] = next++;
        o->v[i].cluster = num[root];
    }
    for (size_t r = 0; r < nrec; r++) {
        long root = find(p, (long)r);
        cluster[r] = num[root];
    }
    free(num);
    free(p);
    free(cnt);
    free(of);
    free(fill);
    free(base);
    return 0;
}

/* The identifiers of records [from, to), normalised with engine e. */
struct collect {
    ng_engine *e;
    const ng_record *const *recs;
    size_t from, to;
    struct item *it;
    size_t m, cap;
    int failed;
};

static void *collect(void *arg)
{
    struct collect *c = arg;
    for (size_t r = c->from; r < c->to && !c->failed; r++) {
        const char *region = region_of(c->recs[r]);
        for (size_t q = 0; q < ng_record_count(c->recs[r]); q++) {
            const ng_value *v = ng_record_value(c->recs[r], q);
            size_t k = 0;
            while (k < sizeof ident_props / sizeof ident_props[0] && strcmp(v->prop, ident_props[k].prop)) k++;
            if (k == sizeof ident_props / sizeof ident_props[0]) continue;
            if (c->m == c->cap) {
                size_t nc = c->cap ? 2 * c->cap : 1024;
                struct item *p = realloc(c->it, nc * sizeof *p);
                if (!p) { c->failed = 1; break; }
                c->it = p;
                c->cap = nc;
            }
            struct item *x = &c->it[c->m];
            if (!links_normalize(c->e, ident_props[k].kind, v->value, v->qual, region, &x->id)) continue;
            x->rec = (uint32_t)r;
            x->raw = v->value;
            c->m++;
        }
    }
    return NULL;
}

ng_status links_find(ng_engine *e, const ng_record *const *recs, const char *const *ids, size_t n,
                     const struct links_options *o, struct links_result *res)
{
    memset(res, 0, sizeof *res);
    struct out out = {0};
    struct item *it = NULL;
    size_t m = 0;
    ng_status st = NG_ENOMEM;
    /* the identifiers, on two threads for many records (the second with an
     * engine of its own: an engine is one thread's) */
    struct collect c[2] = {{e, recs, 0, n, NULL, 0, 0, 0}, {NULL, recs, n, n, NULL, 0, 0, 0}};
    pthread_t th;
    int threaded = 0;
    if (n >= COLLECT_MIN && (c[1].e = ng_engine_new(NULL)) != NULL) {
        c[0].to = c[1].from = n / 2;
        threaded = pthread_create(&th, NULL, collect, &c[1]) == 0;
        if (!threaded) c[0].to = n;
    }
    collect(&c[0]);
    if (threaded) pthread_join(th, NULL);
    ng_engine_free(c[1].e);
    if (c[0].failed || c[1].failed) {
        free(c[0].it);
        free(c[1].it);
        goto done;
    }
    it = c[0].it;
    m = c[0].m;
    if (c[1].m) {
        struct item *p = realloc(it, (m + c[1].m) * sizeof *p);
        if (!p) { free(c[1].it); goto done; }
        it = p;
        memcpy(it + m, c[1].it, c[1].m * sizeof *it);
        m += c[1].m;
    }
    free(c[1].it);
    sort_n(it, m, sizeof *it, item_cmp);
    if ((o->kinds & (1u << LL_SAME)) && same_leads(it, m, o, &out, ids)) goto done;
    if ((o->kinds & (1u << LL_SEQUENCE)) && sequence_leads(it, m, o, &out)) goto done;
    if ((o->kinds & (1u << LL_WATCH)) && watch_leads(e, it, m, o, &out)) goto done;
    if ((o->kinds & (1u << LL_ALIAS)) && alias_leads(e, recs, n, o, &out)) goto done;
    if ((o->kinds & (1u << LL_TRAVEL)) && travel_leads(o, ids, n, &out)) goto done;
    res->cluster = malloc((n ? n : 1) * sizeof *res->cluster);
    if (!res->cluster || combine(&out, n, res->cluster)) goto done;
    res->leads = out.v;
    res->n = out.n;
    out.v = NULL;
    out.n = 0;
    st = NG_OK;
done:
    for (size_t i = 0; i < out.n; i++) {
        free(out.v[i].recs);
        free(out.v[i].evidence);
    }
    free(out.v);
    free(it);
    if (st != NG_OK) {
        free(res->cluster);
        res->cluster = NULL;
    }
    return st;
}
