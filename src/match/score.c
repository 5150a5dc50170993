/*
 * score.c -- are two records one person: the best pair of their names,
 * then the other evidence.  docs/matching.md says the same for users.
 *
 *   score = best name score (ng_name_compare over every name x name)
 *         + the contributions below, clamped to [0,1], four decimals:
 *
 *   birth dates (the best relation of any two)
 *     the same day                                  +0.08
 *     the same month (one gives no day)             +0.04
 *     the same year (one gives only the year)       +0.03
 *     inside a circa year or a range                +0.02
 *     a few days apart (1-31, full dates)           +0.02  (a slip, or a
 *                                                           legend's shift)
 *     one year apart                                -0.05
 *     further apart                                 -0.25
 *   gender, both given and different                -0.10
 *   nationality or citizenship
 *     a state in common                             +0.02
 *     both given, none in common                    -0.04
 *   identifiers
 *     the same number of the same kind (passport,
 *     national id, tax, registration, phone, email) +0.15
 *     else two passports of the same issuing state,
 *     different numbers                             -0.08
 *   posting, both given and the same                +0.03
 *
 * Absent data adds nothing.  The decision uses the thresholds of the name
 * engine: match at 0.80, possible at 0.65 (ng_compare_options).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "records/country.h"
#include "match/match.h"

#define W_DAY 0.08
#define W_MONTH 0.04
#define W_YEAR 0.03
#define W_WITHIN 0.02
#define W_NEAR 0.02
#define W_YEAR_OFF -0.05
#define W_DATE_FAR -0.25
#define W_GENDER -0.10
#define W_STATE 0.02
#define W_STATE_NONE -0.04
#define W_SAME_ID 0.15
#define W_OTHER_PASSPORT -0.08
#define W_POSTING 0.03
#define NEAR_DAYS 31

static void add_feature(struct mresult *r, const char *name, double c, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#include <stdarg.h>
static void add_feature(struct mresult *r, const char *name, double c, const char *fmt, ...)
{
    if (r->nf == MATCH_MAX_FEATURES) return;
    struct mfeature *f = &r->f[r->nf++];
    f->contrib = c;
    if (r->quiet) return;
    snprintf(f->name, sizeof f->name, "%s", name);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(f->value, sizeof f->value, fmt, ap);
    va_end(ap);
}

/* Days since 1 March of year 0 of a full date (the civil calendar). */
static long day_number(const ng_date *d)
{
    long y = d->year - (d->month <= 2);
    long era = y / 400;
    long yoe = y - era * 400;
    long doy = (153 * (d->month + (d->month > 2 ? -3 : 9)) + 2) / 5 + d->day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe;
}

/* How two dates relate: the contribution, and a word for it. */
static double date_relation(const ng_date *a, const ng_date *b, const char **why, long *days)
{
    *days = 0;
    int ra = a->year_to != 0, rb = b->year_to != 0;
    int ca = (a->flags & NG_DATE_CIRCA) != 0, cb = (b->flags & NG_DATE_CIRCA) != 0;
    if (ra || rb || ca || cb) {
        /* a year inside the other's range, or within a year of a circa */
        int lo_a = a->year - ca, hi_a = ra ? a->year_to : a->year + ca;
        int lo_b = b->year - cb, hi_b = rb ? b->year_to : b->year + cb;
        if (lo_a <= hi_b && lo_b <= hi_a) { *why = "within the approximate dates"; return W_WITHIN; }
        int gap = lo_a > hi_b ? lo_a - hi_b : lo_b - hi_a;
        *why = gap <= 1 ? "a year outside the approximate dates" : "contradicting";
        return gap <= 1 ? W_YEAR_OFF : W_DATE_FAR;
    }
    if (a->year != b->year) {
        if (a->day && b->day) {
            long d = labs(day_number(a) - day_number(b));
            if (d <= NEAR_DAYS) { *days = d; *why = "days apart"; return W_NEAR; }
        }
        int gap = abs(a->year - b->year);
        *why = gap == 1 ? "one year apart" : "contradicting";
        return gap == 1 ? W_YEAR_OFF : W_DATE_FAR;
    }
    if (!a->month || !b->month) { *why = "the same year"; return W_YEAR; }
    if (a->month == b->month) {
        if (!a->day || !b->day) { *why = "the same month"; return W_MONTH; }
        if (a->day == b->day) { *why = "the same day"; return W_DAY; }
    }
    if (a->day && b->day) {
        long d = labs(day_number(a) - day_number(b));
        if (d <= NEAR_DAYS) { *days = d; *why = "days apart"; return W_NEAR; }
    }
    *why = "the same year, another day";
    return 0.0;
}

static void date_feature(const struct mrec *a, const struct mrec *b, struct mresult *r)
{
    if (!a->ndobs || !b->ndobs) return;
    double best = -1;
    const char *why = "";
    long days = 0;
    int bi = 0, bj = 0;
    const struct mdate *pa = mrec_dobs(a), *pb = mrec_dobs(b);
    for (int i = 0; i < a->ndobs; i++)
        for (int j = 0; j < b->ndobs; j++) {
            const char *w;
            long d;
            ng_date x = mdate_unpack(&pa[i]), y = mdate_unpack(&pb[j]);
            double c = date_relation(&x, &y, &w, &d);
            if (best < -0.5 || c > best) { best = c; why = w; days = d; bi = i; bj = j; }
        }
    if (r->quiet) { add_feature(r, "birthDate", best, "%s", ""); return; }
    char x[24], y[24];
    ng_date da = mdate_unpack(&pa[bi]), db = mdate_unpack(&pb[bj]);
    ng_date_format(&da, x, sizeof x);
    ng_date_format(&db, y, sizeof y);
    if (days) add_feature(r, "birthDate", best, "%s ~ %s: %ld days apart", x, y, days);
    else add_feature(r, "birthDate", best, "%s ~ %s: %s", x, y, why);
}

static const char *ident_name(int k)
{
    switch (k) {
    case ID_PASSPORT: return "passportNumber";
    case ID_NATIONAL: return "idNumber";
    case ID_TAX: return "taxNumber";
    case ID_REGISTRATION: return "registrationNumber";
    case ID_PHONE: return "phone";
    default: return "email";
    }
}

static void ident_feature(const struct mrec *a, const struct mrec *b, struct mresult *r)
{
    const struct mident *ia = mrec_ids(a), *ib = mrec_ids(b);
    for (int i = 0; i < a->nids; i++)
        for (int j = 0; j < b->nids; j++) {
            const struct mident *x = &ia[i], *y = &ib[j];
            if (x->kind == y->kind && strcmp(x->num, y->num) == 0) {
                add_feature(r, ident_name(x->kind), W_SAME_ID, "%s: the same", x->num);
                return;
            }
        }
    for (int i = 0; i < a->nids; i++)
        for (int j = 0; j < b->nids; j++) {
            const struct mident *x = &ia[i], *y = &ib[j];
            if (x->kind == ID_PASSPORT && y->kind == ID_PASSPORT && x->issuer && x->issuer == y->issuer) {
                char c[3];
                add_feature(r, "passportNumber", W_OTHER_PASSPORT, "%s ~ %s: two passports of %s",
                            x->num, y->num, country_letters(x->issuer, c));
                return;
            }
        }
}

static void state_feature(const struct mrec *a, const struct mrec *b, struct mresult *r)
{
    if (!a->ncountries || !b->ncountries) return;
    const int *ca = mrec_countries(a), *cb = mrec_countries(b);
    for (int i = 0; i < a->ncountries; i++)
        for (int j = 0; j < b->ncountries; j++)
            if (ca[i] == cb[j]) {
                char c[3];
                add_feature(r, "nationality", W_STATE, "%s: in common", country_letters(ca[i], c));
                return;
            }
    char x[3], y[3];
    add_feature(r, "nationality", W_STATE_NONE, "%s ~ %s: none in common", country_letters(ca[0], x),
                country_letters(cb[0], y));
}

double match_evidence_max(const struct mrec *q)
{
    return (q->ndobs ? W_DAY : 0) + (q->ncountries ? W_STATE : 0) + (q->nids ? W_SAME_ID : 0) +
           (q->has_posting ? W_POSTING : 0);
}

static void score_pair(ng_engine *e, const struct mrec *a, const struct mrec *b,
                       const ng_compare_options *o, struct mresult *r)
{
    ng_compare_options def = ng_compare_default_options();
    if (!o) o = &def;
    r->nf = 0;
    r->name_score = -1;
    r->ia = r->ib = 0;
    ng_compare_result cur;
    for (int i = 0; i < a->nnames; i++)
        for (int j = 0; j < b->nnames; j++) {
            ng_name_compare(e, a->names[i], b->names[j], o, &cur);
            if (cur.score > r->name_score) {
                r->name_score = cur.score;
                r->ia = i;
                r->ib = j;
            }
        }
    /* the steps of the best pair, for the explanation */
    if (!r->quiet && a->nnames && b->nnames)
        ng_name_compare(e, a->names[r->ia], b->names[r->ib], o, &r->names);
    if (r->name_score < 0) r->name_score = 0;
    add_feature(r, "name", r->name_score, "%s ~ %s", ng_name_text(a->names[r->ia]),
                ng_name_text(b->names[r->ib]));
    date_feature(a, b, r);
    if (a->gender && b->gender && a->gender != b->gender)
        add_feature(r, "gender", W_GENDER, "%s ~ %s: different", a->gender == 'm' ? "male" : "female",
                    b->gender == 'm' ? "male" : "female");
    state_feature(a, b, r);
    ident_feature(a, b, r);
    if (a->has_posting && b->has_posting && strcmp(mrec_posting(a), mrec_posting(b)) == 0)
        add_feature(r, "posting", W_POSTING, "%s: the same", mrec_posting(a));
    double s = 0;
    for (size_t k = 0; k < r->nf; k++) s += r->f[k].contrib;
    if (s < 0) s = 0;
    if (s > 1) s = 1;
    s = floor(s * 10000.0 + 0.5) / 10000.0;
    r->score = s;
    r->decision = s >= o->threshold ? NG_MATCH : s >= o->possible_threshold ? NG_POSSIBLE : NG_NO_MATCH;
}

void match_pair(ng_engine *e, const struct mrec *a, const struct mrec *b,
                const ng_compare_options *o, struct mresult *r)
{
    r->quiet = 0;
    score_pair(e, a, b, o, r);
}

double match_score(ng_engine *e, const struct mrec *a, const struct mrec *b,
                   const ng_compare_options *o)
{
    struct mresult r;
    r.quiet = 1;
    score_pair(e, a, b, o, &r);
    return r.score;
}

char *match_reason(const struct mresult *r, char *buf, size_t cap)
{
    /* the rules by which the names met, once each */
    char rules[128] = "";
    for (size_t i = 0; i < r->names.nsteps; i++) {
        const ng_step *st = &r->names.steps[i];
        if (st->a < 0 || st->b < 0) continue;
        const char *rn = ng_rule_name(st->rule);
        if (strstr(rules, rn)) continue;
        size_t l = strlen(rules);
        snprintf(rules + l, sizeof rules - l, "%s%s", l ? ", " : "", rn);
    }
    size_t l = (size_t)snprintf(buf, cap, "name %.4f%s%s%s", r->name_score, rules[0] ? " (" : "",
                                rules, rules[0] ? ")" : "");
    for (size_t k = 1; k < r->nf && l < cap; k++) {
        const struct mfeature *f = &r->f[k];
        l += (size_t)snprintf(buf + l, cap - l, "; %s %s %+.2f", f->name, f->value, f->contrib);
    }
    return buf;
}
