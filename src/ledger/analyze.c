/*
 * analyze.c -- what follows from the ledger's events.
 *
 * Pairs: an event answers the event a claim says it answers; else the
 * nearest earlier event the other way between the same two states (B
 * expelled A's diplomats, then A expelled B's), at most `window` days
 * before it (first days compared; an event dated to a month or an interval
 * counts from its first day, and its lag is marked approximate).  An event
 * that a claim says answers this one is not its answer (no loops).
 *
 * Chains: the events linked by answers, from the first move (an event that
 * answers nothing) down; an event's round is its depth plus one.
 *
 * Balance and totals: the persons each state expelled of the other's, as
 * the least and the most the claims allow; events without a count are
 * counted apart.
 *
 * Waves: for each target state, a window of `days` days from each of its
 * events; a window where at least `min_states` states act is a wave, and
 * windows that share events are one wave.  Waves are ranked by persons
 * (the middle of the claims' range), then by states; each knows the last
 * earlier wave at least as large ("the largest since ...").
 *
 * Missions: from each staff count (host, sending state, date), each later
 * expulsion by the host of the sending state's diplomats takes its count
 * off, until the next staff count.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "ledger/ledger.h"

static double mid(long lo, long hi) { return ((double)lo + (double)hi) / 2.0; }

static long index_of(const ledger *l, const char *id)
{
    const struct levent *e = ledger_find(l, id);
    return e ? (long)(e - l->events) : -1;
}

void ledger_pairs(const ledger *l, long window, struct lpair *out)
{
    for (size_t i = 0; i < l->nevents; i++) {
        const struct levent *e = &l->events[i];
        struct lpair *p = &out[i];
        memset(p, 0, sizeof *p);
        p->answers = -1;
        if (e->answers) {
            p->answers = index_of(l, e->answers);
            p->recorded = p->answers >= 0;
        }
        if (p->answers < 0) {
            long best = -1;
            for (size_t j = 0; j < l->nevents; j++) {
                const struct levent *f = &l->events[j];
                if (j == i || strcmp(f->actor, e->target) || strcmp(f->target, e->actor)) continue;
                if (f->date.first >= e->date.first) continue;
                if (e->date.first - f->date.first > window) continue;
                if (f->answers && strcmp(f->answers, e->id) == 0) continue;
                /* the nearest: events are by date, so the last that fits */
                best = (long)j;
            }
            p->answers = best;
        }
        if (p->answers < 0) continue;
        const struct levent *f = &l->events[p->answers];
        p->lag = e->date.first - f->date.first;
        p->approx = !ldate_exact(&e->date) || !ldate_exact(&f->date);
        if (e->lo >= 0 && f->lo >= 0 && f->hi > 0) {
            p->has_ratio = 1;
            p->ratio = mid(e->lo, e->hi) / mid(f->lo, f->hi);
            p->ratio_lo = (double)e->lo / (double)f->hi;
            p->ratio_hi = f->lo > 0 ? (double)e->hi / (double)f->lo : p->ratio;
        }
    }
}

const char *lpair_kind(const struct lpair *p)
{
    if (!p->has_ratio) return "";
    if (p->ratio > 1.0 + 1e-9) return "larger";
    if (p->ratio < 1.0 - 1e-9) return "smaller";
    return "mirror";
}

size_t ledger_chains(const ledger *l, const struct lpair *p, long *chain, int *round)
{
    size_t n = l->nevents;
    long *root = malloc((n ? n : 1) * sizeof *root);
    size_t *members = calloc(n ? n : 1, sizeof *members);
    if (!root || !members) {
        free(root);
        free(members);
        for (size_t i = 0; i < n; i++) { chain[i] = -1; round[i] = 0; }
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        long r = (long)i;
        int depth = 1;
        /* recorded answers may loop: a chain is never longer than the ledger */
        while (p[r].answers >= 0 && depth <= (int)n) {
            r = p[r].answers;
            depth++;
        }
        root[i] = r;
        round[i] = depth;
        members[r]++;
    }
    /* chains numbered by their first move's place (events are by date) */
    long *number = malloc((n ? n : 1) * sizeof *number);
    size_t k = 0;
    if (number) {
        for (size_t i = 0; i < n; i++) number[i] = -1;
        for (size_t i = 0; i < n; i++)
            if (root[i] == (long)i && members[i] >= 2) number[i] = (long)k++;
    }
    for (size_t i = 0; i < n; i++) {
        chain[i] = number ? number[root[i]] : -1;
        if (chain[i] < 0) round[i] = 0;
    }
    free(number);
    free(root);
    free(members);
    return k;
}

/* ---- balance -------------------------------------------------------------- */

static int balance_cmp(const void *x, const void *y)
{
    const struct lbalance *a = x, *b = y;
    double sa = mid(a->ab_lo, a->ab_hi) + mid(a->ba_lo, a->ba_hi);
    double sb = mid(b->ab_lo, b->ab_hi) + mid(b->ba_lo, b->ba_hi);
    if (sa != sb) return sa > sb ? -1 : 1;
    int c = strcmp(a->a, b->a);
    return c ? c : strcmp(a->b, b->b);
}

ng_status ledger_balance(const ledger *l, struct lbalance **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    struct lbalance *v = calloc(l->nevents ? l->nevents : 1, sizeof *v);
    if (!v) return NG_ENOMEM;
    size_t k = 0;
    for (size_t i = 0; i < l->nevents; i++) {
        const struct levent *e = &l->events[i];
        int fwd = strcmp(e->actor, e->target) < 0;
        const char *a = fwd ? e->actor : e->target, *b = fwd ? e->target : e->actor;
        size_t j = 0;
        while (j < k && (strcmp(v[j].a, a) || strcmp(v[j].b, b))) j++;
        if (j == k) {
            memcpy(v[k].a, a, LSTATE_MAX);
            memcpy(v[k].b, b, LSTATE_MAX);
            v[k].first = e->date.first;
            k++;
        }
        struct lbalance *x = &v[j];
        if (e->date.first < x->first) x->first = e->date.first;
        if (e->date.last > x->last) x->last = e->date.last;
        if (e->lo < 0) x->unknown++;
        if (fwd) {
            x->ab_events++;
            if (e->lo >= 0) { x->ab_lo += e->lo; x->ab_hi += e->hi; }
        } else {
            x->ba_events++;
            if (e->lo >= 0) { x->ba_lo += e->lo; x->ba_hi += e->hi; }
        }
    }
    qsort(v, k, sizeof *v, balance_cmp);
    *out = v;
    *n = k;
    return NG_OK;
}

static int total_cmp(const void *x, const void *y)
{
    const struct ltotal *a = x, *b = y;
    double sa = mid(a->given_lo, a->given_hi) + mid(a->received_lo, a->received_hi);
    double sb = mid(b->given_lo, b->given_hi) + mid(b->received_lo, b->received_hi);
    if (sa != sb) return sa > sb ? -1 : 1;
    return strcmp(a->state, b->state);
}

static struct ltotal *total_of(struct ltotal *v, size_t *k, const char *state)
{
    for (size_t j = 0; j < *k; j++)
        if (strcmp(v[j].state, state) == 0) return &v[j];
    memcpy(v[*k].state, state, LSTATE_MAX);
    return &v[(*k)++];
}

ng_status ledger_totals(const ledger *l, struct ltotal **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    struct ltotal *v = calloc(2 * l->nevents + 1, sizeof *v);
    if (!v) return NG_ENOMEM;
    size_t k = 0;
    for (size_t i = 0; i < l->nevents; i++) {
        const struct levent *e = &l->events[i];
        struct ltotal *g = total_of(v, &k, e->actor);
        g->given_events++;
        if (e->lo >= 0) { g->given_lo += e->lo; g->given_hi += e->hi; }
        struct ltotal *r = total_of(v, &k, e->target);
        r->received_events++;
        if (e->lo >= 0) { r->received_lo += e->lo; r->received_hi += e->hi; }
    }
    qsort(v, k, sizeof *v, total_cmp);
    *out = v;
    *n = k;
    return NG_OK;
}

/* ---- waves ---------------------------------------------------------------- */

static double wave_size(const struct lwave *w) { return mid(w->lo, w->hi); }

static int wave_by_date(const void *x, const void *y)
{
    const struct lwave *a = x, *b = y;
    if (a->first != b->first) return a->first < b->first ? -1 : 1;
    return strcmp(a->target, b->target);
}

/* Distinct actors among events ev[s..e]. */
static size_t actors_in(const ledger *l, const size_t *ev, size_t s, size_t e)
{
    size_t n = 0;
    for (size_t i = s; i <= e; i++) {
        size_t j = s;
        while (j < i && strcmp(l->events[ev[j]].actor, l->events[ev[i]].actor)) j++;
        n += j == i;
    }
    return n;
}

ng_status ledger_waves(const ledger *l, size_t min_states, long days, struct lwave **out,
                       size_t *n)
{
    *out = NULL;
    *n = 0;
    size_t cap = 0, k = 0;
    struct lwave *w = NULL;
    size_t *ev = malloc((l->nevents ? l->nevents : 1) * sizeof *ev);
    char (*done)[LSTATE_MAX] = calloc(l->nevents ? l->nevents : 1, LSTATE_MAX);
    if (!ev || !done) goto oom;
    size_t ndone = 0;
    if (min_states < 2) min_states = 2;
    for (size_t t = 0; t < l->nevents; t++) {
        const char *target = l->events[t].target;
        size_t d = 0;
        while (d < ndone && strcmp(done[d], target)) d++;
        if (d < ndone) continue;
        memcpy(done[ndone++], target, LSTATE_MAX);
        size_t m = 0;
        for (size_t i = 0; i < l->nevents; i++)
            if (strcmp(l->events[i].target, target) == 0) ev[m++] = i;
        /* windows from each event; qualifying ones that overlap join */
        long cur_s = -1, cur_e = -1;
        for (size_t s = 0; s <= m; s++) {
            if (cur_s >= 0 && (s == m || (long)s > cur_e)) {
                /* no later window reaches the wave ev[cur_s .. cur_e]: close it */
                if (k == cap) {
                    size_t nc = cap ? 2 * cap : 16;
                    struct lwave *p = realloc(w, nc * sizeof *p);
                    if (!p) goto oom;
                    w = p;
                    cap = nc;
                }
                struct lwave *x = &w[k];
                memset(x, 0, sizeof *x);
                memcpy(x->target, target, LSTATE_MAX);
                x->n = (size_t)(cur_e - cur_s + 1);
                if (!(x->events = malloc(x->n * sizeof *x->events))) goto oom;
                k++;
                x->first = l->events[ev[cur_s]].date.first;
                x->last = l->events[ev[cur_s]].date.last;
                for (size_t q = 0; q < x->n; q++) {
                    const struct levent *e2 = &l->events[ev[cur_s + (long)q]];
                    x->events[q] = ev[cur_s + (long)q];
                    if (e2->date.last > x->last) x->last = e2->date.last;
                    if (e2->lo < 0) x->unknown++;
                    else { x->lo += e2->lo; x->hi += e2->hi; }
                }
                x->nstates = actors_in(l, ev, (size_t)cur_s, (size_t)cur_e);
                cur_s = cur_e = -1;
            }
            if (s == m) break;
            size_t e = s;
            long end = l->events[ev[s]].date.first + days;
            while (e + 1 < m && l->events[ev[e + 1]].date.first <= end) e++;
            if (actors_in(l, ev, s, e) < min_states) continue;
            if (cur_s < 0) cur_s = (long)s;
            if ((long)e > cur_e) cur_e = (long)e;
        }
    }
    /* the last earlier wave at least as large, by date */
    if (k) qsort(w, k, sizeof *w, wave_by_date);
    for (size_t i = 0; i < k; i++) {
        w[i].larger_before = -1;
        for (size_t j = i; j-- > 0;)
            if (w[j].first < w[i].first && wave_size(&w[j]) >= wave_size(&w[i])) {
                w[i].larger_before = (long)j;
                break;
            }
    }
    /* rank, and renumber larger_before into the ranked order */
    size_t *rank = malloc((k ? k : 1) * sizeof *rank);
    size_t *order = malloc((k ? k : 1) * sizeof *order);
    struct lwave *sorted = malloc((k ? k : 1) * sizeof *sorted);
    if (!rank || !order || !sorted) {
        free(rank);
        free(order);
        free(sorted);
        goto oom;
    }
    for (size_t i = 0; i < k; i++) order[i] = i;
    /* insertion sort on the date order: stable, and waves are few */
    for (size_t i = 1; i < k; i++) {
        size_t x = order[i], j = i;
        while (j > 0) {
            const struct lwave *a = &w[x], *b = &w[order[j - 1]];
            int before = wave_size(a) > wave_size(b) ||
                         (wave_size(a) == wave_size(b) && a->nstates > b->nstates);
            if (!before) break;
            order[j] = order[j - 1];
            j--;
        }
        order[j] = x;
    }
    for (size_t i = 0; i < k; i++) rank[order[i]] = i;
    for (size_t i = 0; i < k; i++) {
        sorted[i] = w[order[i]];
        if (sorted[i].larger_before >= 0) sorted[i].larger_before = (long)rank[sorted[i].larger_before];
    }
    free(rank);
    free(order);
    free(w);
    free(ev);
    free(done);
    *out = sorted;
    *n = k;
    return NG_OK;
oom:
    ledger_waves_free(w, k);
    free(ev);
    free(done);
    return NG_ENOMEM;
}

void ledger_waves_free(struct lwave *w, size_t n)
{
    for (size_t i = 0; i < n; i++) free(w[i].events);
    free(w);
}

/* ---- missions ------------------------------------------------------------- */

static struct lmission *mission_step(struct lmission **v, size_t *k, size_t *cap)
{
    if (*k == *cap) {
        size_t nc = *cap ? 2 * *cap : 32;
        struct lmission *p = realloc(*v, nc * sizeof *p);
        if (!p) return NULL;
        *v = p;
        *cap = nc;
    }
    struct lmission *m = &(*v)[(*k)++];
    memset(m, 0, sizeof *m);
    return m;
}

ng_status ledger_missions(const ledger *l, const char *host, const char *sending,
                          struct lmission **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    size_t cap = 0, k = 0;
    struct lmission *v = NULL;
    for (size_t s = 0; s < l->nstaff; s++) {
        const struct lstaff *st = &l->staff[s];
        if ((host && strcmp(st->host, host)) || (sending && strcmp(st->sending, sending))) continue;
        long until = LONG_MAX;
        if (s + 1 < l->nstaff && strcmp(l->staff[s + 1].host, st->host) == 0 &&
            strcmp(l->staff[s + 1].sending, st->sending) == 0)
            until = l->staff[s + 1].date.first;
        struct lmission *m = mission_step(&v, &k, &cap);
        if (!m) goto oom;
        memcpy(m->host, st->host, LSTATE_MAX);
        memcpy(m->sending, st->sending, LSTATE_MAX);
        m->day = st->date.first;
        m->staff = st->count;
        m->event = -1;
        m->size_lo = m->size_hi = st->count;
        long lo = st->count, hi = st->count;
        for (size_t i = 0; i < l->nevents; i++) {
            const struct levent *e = &l->events[i];
            if (strcmp(e->actor, st->host) || strcmp(e->target, st->sending) ||
                e->date.first < st->date.first || e->date.first >= until)
                continue;
            if (e->lo >= 0) {
                lo -= e->hi;
                hi -= e->lo;
            } else {
                lo = 0; /* an unknown count may have been all of them */
            }
            if (lo < 0) lo = 0;
            if (hi < 0) hi = 0;
            if (!(m = mission_step(&v, &k, &cap))) goto oom;
            memcpy(m->host, st->host, LSTATE_MAX);
            memcpy(m->sending, st->sending, LSTATE_MAX);
            m->day = e->date.first;
            m->staff = -1;
            m->event = (long)i;
            m->size_lo = lo;
            m->size_hi = hi;
        }
    }
    *out = v;
    *n = k;
    return NG_OK;
oom:
    free(v);
    return NG_ENOMEM;
}
