/*
 * event.c -- the ledger's claims and events: dates as far as they are
 * known, reasons by category, the claims gathered into events, and the
 * ledger's CSV.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ledger/ledger.h"
#include "records/records.h"
#include "text/ascii.h"
#include "text/tables.h"

/* ---- dates ---------------------------------------------------------------- */

long ldate_days(int y, int m, int d) { return date_days(y, m, d); }

void ldate_civil(long z, int *y, int *m, int *d) { date_civil(z, y, m, d); }

int ldate_month_days(int y, int m)
{
    static const int n[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : n[m - 1];
}

char *ldate_day_text(long day, char buf[11])
{
    int y, m, d;
    ldate_civil(day, &y, &m, &d);
    snprintf(buf, 11, "%04d-%02d-%02d", y, m, d);
    return buf;
}

void ldate_span(long first, long last, struct ldate *out)
{
    int y0, m0, d0, y1, m1, d1;
    ldate_civil(first, &y0, &m0, &d0);
    ldate_civil(last, &y1, &m1, &d1);
    out->first = first;
    out->last = last;
    char *t = out->text;
    size_t cap = sizeof out->text;
    if (first == last) snprintf(t, cap, "%04d-%02d-%02d", y0, m0, d0);
    else if (y0 == y1 && m0 == 1 && d0 == 1 && m1 == 12 && d1 == 31) snprintf(t, cap, "%04d", y0);
    else if (y0 == y1 && m0 == m1 && d0 == 1 && d1 == ldate_month_days(y1, m1))
        snprintf(t, cap, "%04d-%02d", y0, m0);
    else snprintf(t, cap, "%04d-%02d-%02d/%04d-%02d-%02d", y0, m0, d0, y1, m1, d1);
}

void ldate_day(int y, int m, int d, struct ldate *out)
{
    out->first = out->last = ldate_days(y, m, d);
    snprintf(out->text, sizeof out->text, "%04d-%02d-%02d", y, m, d);
}

/* One date of ng_date_parse's forms (no circa, no range of years). */
static int one_date(const char *s, struct ldate *out)
{
    ng_date d;
    if (ng_date_parse(s, &d) != NG_OK || (d.flags & NG_DATE_CIRCA) || d.year_to) return -1;
    int m0 = d.month ? d.month : 1, m1 = d.month ? d.month : 12;
    out->first = ldate_days(d.year, m0, d.day ? d.day : 1);
    out->last = ldate_days(d.year, m1, d.day ? d.day : ldate_month_days(d.year, m1));
    ng_date_format(&d, out->text, sizeof out->text);
    return 0;
}

int ldate_parse(const char *s, struct ldate *out)
{
    memset(out, 0, sizeof *out);
    if (!s) return -1;
    const char *slash = strchr(s, '/');
    /* 05/04/1979 is one date; 2022-02-24/2022-04-06 an interval */
    if (slash && slash - s >= 4 && strchr(slash + 1, '/') == NULL) {
        char a[64];
        size_t n = (size_t)(slash - s);
        if (n >= sizeof a) return -1;
        memcpy(a, s, n);
        a[n] = 0;
        struct ldate x, y;
        if (one_date(a, &x) == 0 && one_date(slash + 1, &y) == 0) {
            if (y.last < x.first) return -1;
            out->first = x.first;
            out->last = y.last;
            snprintf(out->text, sizeof out->text, "%.11s/%.11s", x.text, y.text);
            return 0;
        }
    }
    return one_date(s, out);
}

/* ---- reasons -------------------------------------------------------------- */

static const char *const reason_names[LR_NREASONS] = {
    "espionage", "incompatible", "retaliation", "parity", "security", "other",
};

const char *lreason_name(lreason r)
{
    return r < LR_NREASONS ? reason_names[r] : "other";
}

/* Whether word w (n bytes, lowercase) is pattern p (a final '*': any
 * ending). */
static int word_fits(const char *w, size_t n, const char *p)
{
    size_t pl = strlen(p);
    if (pl && p[pl - 1] == '*') return n >= pl - 1 && memcmp(w, p, pl - 1) == 0;
    return n == pl && memcmp(w, p, n) == 0;
}

lreason lreason_of(const char *text)
{
    if (!text) return LR_OTHER;
    for (const char *p = text; *p;) {
        while (*p && !ascii_isalpha((unsigned char)*p)) p++;
        char w[32];
        size_t n = 0;
        while (*p && (ascii_isalpha((unsigned char)*p) || *p == '-')) {
            if (n + 1 < sizeof w) w[n++] = (char)ascii_tolower((unsigned char)*p);
            p++;
        }
        if (!n) continue;
        w[n] = 0;
        const ng_table *t = &ng_tab_reasons;
        const char *const *row = t->cells;
        for (size_t r = 0; r < t->nrows; r++, row = table_next(row))
            for (size_t f = 1; row[f]; f++)
                if (word_fits(w, n, row[f]))
                    for (int c = 0; c < LR_NREASONS; c++)
                        if (strcmp(row[0], reason_names[c]) == 0) return (lreason)c;
    }
    return LR_OTHER;
}

/* ---- the ledger ----------------------------------------------------------- */

void ledger_init(ledger *l) { memset(l, 0, sizeof *l); }

static void claim_free(struct lclaim *c)
{
    free(c->event);
    free(c->reason_text);
    free(c->source);
    free(c->answers);
    free(c->persons);
    free(c->origin);
}

void ledger_free(ledger *l)
{
    if (!l) return;
    for (size_t i = 0; i < l->nclaims; i++) claim_free(&l->claims[i]);
    free(l->claims);
    free(l->events);
    for (size_t i = 0; i < l->nstaff; i++) free(l->staff[i].source);
    free(l->staff);
    for (size_t i = 0; i < l->nwarnings; i++) free(l->warnings[i]);
    free(l->warnings);
    memset(l, 0, sizeof *l);
}

static char *dup(const char *s) { return strdup(s ? s : ""); }

ng_status ledger_add(ledger *l, const struct lclaim *c)
{
    if (l->nclaims == l->ccap) {
        size_t nc = l->ccap ? 2 * l->ccap : 64;
        struct lclaim *p = realloc(l->claims, nc * sizeof *p);
        if (!p) return NG_ENOMEM;
        l->claims = p;
        l->ccap = nc;
    }
    struct lclaim *d = &l->claims[l->nclaims];
    *d = *c;
    d->event = dup(c->event);
    d->reason_text = dup(c->reason_text);
    d->source = dup(c->source);
    d->answers = dup(c->answers);
    d->persons = dup(c->persons);
    d->origin = dup(c->origin);
    if (!d->event || !d->reason_text || !d->source || !d->answers || !d->persons || !d->origin) {
        claim_free(d);
        return NG_ENOMEM;
    }
    l->nclaims++;
    return NG_OK;
}

ng_status ledger_add_staff(ledger *l, const struct lstaff *s)
{
    if (l->nstaff == l->scap) {
        size_t nc = l->scap ? 2 * l->scap : 16;
        struct lstaff *p = realloc(l->staff, nc * sizeof *p);
        if (!p) return NG_ENOMEM;
        l->staff = p;
        l->scap = nc;
    }
    struct lstaff *d = &l->staff[l->nstaff];
    *d = *s;
    if (!(d->source = dup(s->source))) return NG_ENOMEM;
    l->nstaff++;
    return NG_OK;
}

static int warn(ledger *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int warn(ledger *l, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    char **p = realloc(l->warnings, (l->nwarnings + 1) * sizeof *p);
    if (!p) return -1;
    l->warnings = p;
    if (!(p[l->nwarnings] = strdup(msg))) return -1;
    l->nwarnings++;
    return 0;
}

/* Claims by event id, then date, then where they were read. */
static int claim_cmp(const void *x, const void *y)
{
    const struct lclaim *a = x, *b = y;
    int c = strcmp(a->event, b->event);
    if (c) return c;
    if (a->date.first != b->date.first) return a->date.first < b->date.first ? -1 : 1;
    if (a->date.last != b->date.last) return a->date.last < b->date.last ? -1 : 1;
    if ((c = strcmp(a->origin, b->origin))) return c;
    if (a->line != b->line) return a->line < b->line ? -1 : 1;
    if (a->count != b->count) return a->count < b->count ? -1 : 1;
    return strcmp(a->source, b->source);
}

/* Events by first day, then last day, then id. */
static int event_cmp(const void *x, const void *y)
{
    const struct levent *a = x, *b = y;
    if (a->date.first != b->date.first) return a->date.first < b->date.first ? -1 : 1;
    if (a->date.last != b->date.last) return a->date.last < b->date.last ? -1 : 1;
    return strcmp(a->id, b->id);
}

static int staff_cmp(const void *x, const void *y)
{
    const struct lstaff *a = x, *b = y;
    int c = strcmp(a->host, b->host);
    if (c) return c;
    if ((c = strcmp(a->sending, b->sending))) return c;
    return a->date.first < b->date.first ? -1 : a->date.first > b->date.first;
}

static void where(const struct lclaim *c, char *buf, size_t cap)
{
    if (c->origin[0] && c->line) snprintf(buf, cap, "%s:%ld", c->origin, c->line);
    else if (c->origin[0]) snprintf(buf, cap, "%s", c->origin);
    else snprintf(buf, cap, "a claim added by hand");
}

ng_status ledger_build(ledger *l, char *err, size_t errcap)
{
    free(l->events);
    l->events = NULL;
    l->nevents = 0;
    if (l->nclaims) qsort(l->claims, l->nclaims, sizeof *l->claims, claim_cmp);
    if (l->nstaff) qsort(l->staff, l->nstaff, sizeof *l->staff, staff_cmp);
    if (l->nclaims && !(l->events = calloc(l->nclaims, sizeof *l->events))) return NG_ENOMEM;
    for (size_t i = 0; i < l->nclaims;) {
        size_t j = i + 1;
        while (j < l->nclaims && strcmp(l->claims[j].event, l->claims[i].event) == 0) j++;
        struct levent *e = &l->events[l->nevents++];
        const struct lclaim *c0 = &l->claims[i];
        e->id = c0->event;
        e->first = i;
        e->n = j - i;
        memcpy(e->actor, c0->actor, LSTATE_MAX);
        memcpy(e->target, c0->target, LSTATE_MAX);
        e->date = c0->date;
        e->lo = e->hi = -1;
        e->reason = LR_OTHER;
        int named = 0;
        for (size_t k = i; k < j; k++) {
            const struct lclaim *c = &l->claims[k];
            if (strcmp(c->actor, c0->actor) || strcmp(c->target, c0->target)) {
                char w0[300], w1[300];
                where(c0, w0, sizeof w0);
                where(c, w1, sizeof w1);
                snprintf(err, errcap,
                         "event %s: %s says %s expelled %s's diplomats, %s says %s expelled %s's "
                         "(one id is one event: give the other its own id)",
                         c0->event, w0, c0->actor, c0->target, w1, c->actor, c->target);
                return NG_EDATA;
            }
            if (c->date.first < e->date.first) e->date.first = c->date.first;
            if (c->date.last > e->date.last) e->date.last = c->date.last;
            if (strcmp(c->date.text, c0->date.text)) e->date.text[0] = 0;
            if (c->count >= 0) {
                if (e->lo < 0 || c->count < e->lo) e->lo = c->count;
                if (c->count > e->hi) e->hi = c->count;
            }
            if (!named && c->reason_text[0] && c->reason != LR_OTHER) {
                e->reason = c->reason;
                named = 1;
            }
            if (c->answers[0] && !e->answers) e->answers = c->answers;
        }
        /* the claims give different dates: the span of them */
        if (!e->date.text[0]) ldate_span(e->date.first, e->date.last, &e->date);
        i = j;
    }
    if (l->nevents) qsort(l->events, l->nevents, sizeof *l->events, event_cmp);
    /* answers to events the ledger does not hold are set aside */
    for (size_t i = 0; i < l->nevents; i++) {
        struct levent *e = &l->events[i];
        if (!e->answers) continue;
        if (strcmp(e->answers, e->id) == 0) {
            if (warn(l, "event %s says it answers itself: ignored", e->id)) return NG_ENOMEM;
            e->answers = NULL;
        } else if (!ledger_find(l, e->answers)) {
            if (warn(l, "event %s answers %s, which the ledger does not hold: ignored", e->id,
                     e->answers))
                return NG_ENOMEM;
            e->answers = NULL;
        }
    }
    return NG_OK;
}

const struct levent *ledger_find(const ledger *l, const char *id)
{
    for (size_t i = 0; i < l->nevents; i++)
        if (strcmp(l->events[i].id, id) == 0) return &l->events[i];
    return NULL;
}

/* ---- the CSV -------------------------------------------------------------- */

/* The two kinds of file, told apart by their header: events (claims) and
 * staff counts. */
enum { C_ID, C_DATE, C_ACTOR, C_TARGET, C_COUNT, C_REASON, C_SOURCE, C_ANSWERS, C_PERSONS,
       C_NOTE, C_N };
static const char *const col_names[C_N] = {
    "id", "date", "actor", "target", "count", "reason", "source", "answers", "persons", "note",
};
#define C_NEEDED C_ANSWERS /* the columns before it must be there */

enum { S_HOST, S_SENDING, S_DATE, S_COUNT, S_SOURCE, S_N };
static const char *const staff_names[S_N] = {"host", "sending", "date", "count", "source"};
#define S_NEEDED S_SOURCE

struct csvl {
    const char *name;
    ledger tmp;
    struct read_error *err;
    int staff;                /* a staff file */
    int col[C_N];             /* field index of each column, -1 */
    size_t nhdr;
    int have_header;
};

static int all_digits(const char *s)
{
    if (!*s) return 0;
    for (; *s; s++)
        if (*s < '0' || *s > '9') return 0;
    return 1;
}

/* Maps a header's fields to the columns of names (ncols; the first
 * nneeded must be there) into col. */
static ng_status map_header(struct csvl *c, char **f, size_t nf, long line,
                            const char *const *names, int ncols, int nneeded, const char *list)
{
    c->nhdr = nf;
    for (int k = 0; k < ncols; k++) c->col[k] = -1;
    for (size_t i = 0; i < nf; i++) {
        char h[32];
        snprintf(h, sizeof h, "%s", f[i]);
        for (char *p = h; *p; p++) *p = (char)ascii_tolower((unsigned char)*p);
        int k = 0;
        while (k < ncols && strcmp(h, names[k])) k++;
        if (k == ncols)
            return read_fail(c->err, NG_EDATA, c->name, line, "unknown column '%s' (the columns are %s)",
                             f[i], list);
        if (c->col[k] >= 0)
            return read_fail(c->err, NG_EDATA, c->name, line, "column '%s' given twice", h);
        c->col[k] = (int)i;
    }
    for (int k = 0; k < nneeded; k++)
        if (c->col[k] < 0)
            return read_fail(c->err, NG_EDATA, c->name, line, "no '%s' column in the header", names[k]);
    return NG_OK;
}

/* A row of a staff file. */
static ng_status staff_row(struct csvl *c, char **f, long line)
{
    struct lstaff s = {0};
    const char *host = f[c->col[S_HOST]], *sending = f[c->col[S_SENDING]];
    const char *date = f[c->col[S_DATE]], *count = f[c->col[S_COUNT]];
    if (!ledger_state(host, 0, s.host))
        return read_fail(c->err, NG_EDATA, c->name, line, "host '%s' is no state", host);
    if (!ledger_state(sending, 0, s.sending))
        return read_fail(c->err, NG_EDATA, c->name, line, "sending state '%s' is no state", sending);
    if (ldate_parse(date, &s.date) != 0)
        return read_fail(c->err, NG_EDATA, c->name, line, "date '%s' is no date", date);
    if (!all_digits(count) || strlen(count) > 7)
        return read_fail(c->err, NG_EDATA, c->name, line, "count '%s' is no number of persons", count);
    s.count = strtol(count, NULL, 10);
    s.source = c->col[S_SOURCE] >= 0 ? f[c->col[S_SOURCE]] : "";
    return ledger_add_staff(&c->tmp, &s);
}

/* Whether s is a list of record ids DATASET:ID separated by ';'. */
static int persons_ok(const char *s)
{
    const char *p = s;
    while (*p) {
        const char *end = strchr(p, ';');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        while (n && *p == ' ') { p++; n--; }
        while (n && p[n - 1] == ' ') n--;
        const char *colon = memchr(p, ':', n);
        if (!n || !colon || colon == p || colon == p + n - 1) return 0;
        if (!end) break;
        p = end + 1;
    }
    return 1;
}

static void trim(char *s)
{
    size_t n = strlen(s);
    while (n && ascii_isspace((unsigned char)s[n - 1])) s[--n] = 0;
    size_t k = 0;
    while (s[k] && ascii_isspace((unsigned char)s[k])) k++;
    if (k) memmove(s, s + k, n - k + 1);
}

static ng_status on_ledger_row(void *ctx, char **f, const size_t *flen, size_t nf, long line,
                               const char *raw)
{
    struct csvl *c = ctx;
    (void)raw;
    for (size_t i = 0; i < nf; i++) {
        size_t at;
        const char *why = csv_field_problem(f[i], flen[i], &at);
        if (why) return read_fail(c->err, NG_EDATA, c->name, line, "field %zu: %s", i + 1, why);
        trim(f[i]);
    }
    if (!c->have_header) {
        c->have_header = 1;
        /* a staff file starts with its host column */
        c->staff = nf > 0 && strcasecmp(f[0], "host") == 0;
        if (c->staff)
            return map_header(c, f, nf, line, staff_names, S_N, S_NEEDED,
                              "host, sending, date, count, source");
        return map_header(c, f, nf, line, col_names, C_N, C_NEEDED,
                          "id, date, actor, target, count, reason, source, and answers, persons, note");
    }
    if (nf != c->nhdr)
        return read_fail(c->err, NG_EDATA, c->name, line, "%zu fields where the header has %zu", nf,
                         c->nhdr);
    if (c->staff) return staff_row(c, f, line);
#define COL(k) (c->col[k] >= 0 ? f[c->col[k]] : "")
    struct lclaim cl = {0};
    cl.event = (char *)COL(C_ID);
    if (!cl.event[0]) return read_fail(c->err, NG_EDATA, c->name, line, "no id");
    if (strlen(cl.event) > 64)
        return read_fail(c->err, NG_EDATA, c->name, line, "id '%.20s...' is longer than 64 bytes",
                         cl.event);
    if (ldate_parse(COL(C_DATE), &cl.date) != 0)
        return read_fail(c->err, NG_EDATA, c->name, line,
                         "date '%s' is no date (2022-04-06, 2022-04, 2022, or an interval "
                         "2022-02-24/2022-04-06)",
                         COL(C_DATE));
    if (!ledger_state(COL(C_ACTOR), 0, cl.actor))
        return read_fail(c->err, NG_EDATA, c->name, line,
                         "actor '%s' is no state (an ISO 3166 alpha-3 code such as RUS, or an "
                         "English name)",
                         COL(C_ACTOR));
    if (!ledger_state(COL(C_TARGET), 0, cl.target))
        return read_fail(c->err, NG_EDATA, c->name, line,
                         "target '%s' is no state (an ISO 3166 alpha-3 code such as RUS, or an "
                         "English name)",
                         COL(C_TARGET));
    if (strcmp(cl.actor, cl.target) == 0)
        return read_fail(c->err, NG_EDATA, c->name, line, "actor and target are both %s",
                         cl.actor);
    const char *cnt = COL(C_COUNT);
    cl.count = -1;
    if (cnt[0] && strcmp(cnt, "?") && strcmp(cnt, "unknown")) {
        if (!all_digits(cnt) || strlen(cnt) > 7)
            return read_fail(c->err, NG_EDATA, c->name, line,
                             "count '%s' is no number of persons (digits, or empty when unknown)",
                             cnt);
        cl.count = strtol(cnt, NULL, 10);
    }
    cl.reason_text = (char *)COL(C_REASON);
    cl.reason = lreason_of(cl.reason_text);
    cl.source = (char *)COL(C_SOURCE);
    cl.answers = (char *)COL(C_ANSWERS);
    cl.persons = (char *)COL(C_PERSONS);
    if (cl.persons[0] && !persons_ok(cl.persons))
        return read_fail(c->err, NG_EDATA, c->name, line,
                         "persons '%s' are not record ids DATASET:ID separated by ';'", cl.persons);
    cl.origin = (char *)c->name;
    cl.line = line;
#undef COL
    return ledger_add(&c->tmp, &cl);
}

ng_status ledger_read_csv(FILE *f, const char *name, ledger *l, struct read_error *err)
{
    struct csvl c = {0};
    c.name = name;
    c.err = err;
    ledger_init(&c.tmp);
    ng_status st = csv_rows(f, name, ',', 0, on_ledger_row, &c, NULL, err);
    if (st == NG_OK && !c.have_header)
        st = read_fail(err, NG_EDATA, name, 1, "empty: no header row");
    for (size_t i = 0; st == NG_OK && i < c.tmp.nclaims; i++) st = ledger_add(l, &c.tmp.claims[i]);
    for (size_t i = 0; st == NG_OK && i < c.tmp.nstaff; i++) st = ledger_add_staff(l, &c.tmp.staff[i]);
    ledger_free(&c.tmp);
    return st;
}
