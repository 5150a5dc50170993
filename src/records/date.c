/*
 * date.c -- dates as lists write them, into one canonical form.
 *
 *   1979  1979-04  1979-04-05  1979/04/05  05 Apr 1979  5 April 1979
 *   April 5, 1979  Apr 1979  5.4.1979  05/04/1979  04.1979
 *   circa 1978  c. 1978  ca 1978  approximately 1978  ~1978
 *   1960 to 1962  1960-1962  between 1960 and 1962  1960..1962
 *   with "DOB", "alt. DOB", "born", "b." in front, a trailing dot ignored.
 *
 * A day and a month written as numbers are read day first (the European
 * and the OFAC order) unless the second number cannot be a month (04/25/1979
 * is 25 April).  Month names in English, French, German, Spanish and
 * Russian (nominative and genitive).  Years from 1800 to 2100.
 * Canonical forms: 1979-04-05, 1979-04, 1979, ~1978, 1960..1962.
 */
#include <stdio.h>
#include <string.h>

#include "records/records.h"

static const struct { const char *name; int month; } months[] = {
    {"january", 1}, {"jan", 1}, {"february", 2}, {"feb", 2}, {"march", 3}, {"mar", 3},
    {"april", 4}, {"apr", 4}, {"may", 5}, {"june", 6}, {"jun", 6}, {"july", 7}, {"jul", 7},
    {"august", 8}, {"aug", 8}, {"september", 9}, {"sept", 9}, {"sep", 9}, {"october", 10},
    {"oct", 10}, {"november", 11}, {"nov", 11}, {"december", 12}, {"dec", 12},
    /* French */
    {"janvier", 1}, {"fevrier", 2}, {"février", 2}, {"mars", 3}, {"avril", 4}, {"mai", 5},
    {"juin", 6}, {"juillet", 7}, {"aout", 8}, {"août", 8}, {"septembre", 9}, {"octobre", 10},
    {"novembre", 11}, {"decembre", 12}, {"décembre", 12},
    /* German */
    {"januar", 1}, {"februar", 2}, {"märz", 3}, {"maerz", 3}, {"juni", 6}, {"juli", 7},
    {"oktober", 10}, {"dezember", 12},
    /* Spanish */
    {"enero", 1}, {"febrero", 2}, {"marzo", 3}, {"abril", 4}, {"mayo", 5}, {"junio", 6},
    {"julio", 7}, {"agosto", 8}, {"septiembre", 9}, {"setiembre", 9}, {"octubre", 10},
    {"noviembre", 11}, {"diciembre", 12},
    /* Russian, nominative and genitive */
    {"январь", 1}, {"января", 1}, {"февраль", 2}, {"февраля", 2}, {"март", 3}, {"марта", 3},
    {"апрель", 4}, {"апреля", 4}, {"май", 5}, {"мая", 5}, {"июнь", 6}, {"июня", 6},
    {"июль", 7}, {"июля", 7}, {"август", 8}, {"августа", 8}, {"сентябрь", 9},
    {"сентября", 9}, {"октябрь", 10}, {"октября", 10}, {"ноябрь", 11}, {"ноября", 11},
    {"декабрь", 12}, {"декабря", 12},
};

/* Words that may stand before a date and say nothing of it. */
static const char *const lead_words[] = {"alt.", "alt", "dob", "d.o.b.", "d.o.b", "born", "b.",
                                         "date of birth", "birth", "on", "in", "г.р.", NULL};
/* Words that make a date approximate. */
static const char *const circa_words[] = {"circa", "ca.", "ca", "c.", "approximately", "approx.",
                                          "approx", "about", "around", "~", "примерно", "около",
                                          NULL};

static int lower_ascii(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

/* A word of the text: letters (any script), or digits, or one other byte;
 * UTF-8 sequences stay whole. */
struct word {
    const char *s;
    size_t n;
    int digits; /* all ASCII digits */
    int alpha;  /* letters (ASCII or not) */
};

static size_t split_words(const char *s, struct word *w, size_t cap)
{
    size_t k = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p && k < cap) {
        if (*p == ' ' || *p == '\t' || *p == ',') { p++; continue; }
        const unsigned char *b = p;
        int digits = 0, alpha = 0;
        if (*p >= '0' && *p <= '9') {
            while (*p >= '0' && *p <= '9') p++;
            digits = 1;
        } else if ((lower_ascii(*p) >= 'a' && lower_ascii(*p) <= 'z') || *p >= 0x80) {
            while ((lower_ascii(*p) >= 'a' && lower_ascii(*p) <= 'z') || *p >= 0x80) p++;
            alpha = 1;
            if (*p == '.') p++; /* "Apr.", "c." */
        } else {
            p++;
            if (*b == '.' && *p == '.') p++; /* ".." */
        }
        w[k].s = (const char *)b;
        w[k].n = (size_t)(p - b);
        w[k].digits = digits;
        w[k].alpha = alpha;
        k++;
    }
    return *p ? (size_t)-1 : k;
}

/* Whether word w is text t, ASCII letters compared without case. */
static int word_is(const struct word *w, const char *t)
{
    size_t n = strlen(t);
    if (w->n != n) return 0;
    for (size_t i = 0; i < n; i++)
        if (lower_ascii((unsigned char)w->s[i]) != lower_ascii((unsigned char)t[i])) return 0;
    return 1;
}

/* Lowercases the Cyrillic capitals of a month name (А-Я) into buf. */
static void lower_word(const struct word *w, char *buf, size_t cap)
{
    size_t n = w->n < cap - 1 ? w->n : cap - 1;
    memcpy(buf, w->s, n);
    buf[n] = 0;
    if (n && buf[n - 1] == '.') buf[--n] = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)buf[i];
        if (c < 0x80) buf[i] = (char)lower_ascii(c);
        else if (c == 0xD0 && i + 1 < n) {
            unsigned char d = (unsigned char)buf[i + 1];
            if (d >= 0x90 && d <= 0x9F) buf[i + 1] = (char)(d + 0x20);          /* А-П */
            else if (d >= 0xA0 && d <= 0xAF) { buf[i] = (char)0xD1; buf[i + 1] = (char)(d - 0x20); } /* Р-Я */
            i++;
        } else if (c == 0xC3 && i + 1 < n) {
            unsigned char d = (unsigned char)buf[i + 1];
            if (d >= 0x80 && d <= 0x9E) buf[i + 1] = (char)(d + 0x20);          /* À-Þ */
            i++;
        }
    }
}

static int month_of(const struct word *w)
{
    char buf[32];
    if (!w->alpha || w->n >= sizeof buf) return 0;
    lower_word(w, buf, sizeof buf);
    for (size_t i = 0; i < sizeof months / sizeof months[0]; i++)
        if (strcmp(buf, months[i].name) == 0) return months[i].month;
    return 0;
}

static int number(const struct word *w)
{
    if (!w->digits || w->n > 4) return -1;
    int v = 0;
    for (size_t i = 0; i < w->n; i++) v = v * 10 + (w->s[i] - '0');
    return v;
}

static int leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int valid(int y, int m, int d)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1800 || y > 2100) return 0;
    if (m == 0) return d == 0;
    if (m < 1 || m > 12) return 0;
    if (d == 0) return 1;
    int md = mdays[m - 1] + (m == 2 && leap(y));
    return d >= 1 && d <= md;
}

static int is_sep_word(const struct word *w, const char *seps)
{
    return w->n == 1 && strchr(seps, w->s[0]) != NULL;
}

/* Parses a single date from words w[0..n); 0 on success. */
static int one_date(const struct word *w, size_t n, int *y, int *m, int *d)
{
    *y = *m = *d = 0;
    /* numbers and separators: 1979 / 1979-04 / 1979-04-05 / 5.4.1979 /
     * 04.1979 / 05/04/1979 */
    if (n == 1 && w[0].digits && w[0].n == 4) { *y = number(&w[0]); return !valid(*y, 0, 0); }
    if (n == 1 && w[0].digits && w[0].n == 8) { /* 19790405 */
        int v = 0;
        for (int i = 0; i < 4; i++) v = v * 10 + (w[0].s[i] - '0');
        *y = v;
        *m = (w[0].s[4] - '0') * 10 + (w[0].s[5] - '0');
        *d = (w[0].s[6] - '0') * 10 + (w[0].s[7] - '0');
        if (*d == 0 && *m == 0) return !valid(*y, 0, 0);
        return !valid(*y, *m, *d);
    }
    if (n == 3 && w[0].digits && is_sep_word(&w[1], "-./") && w[2].digits) {
        int a = number(&w[0]), b = number(&w[2]);
        if (w[0].n == 4) { *y = a; *m = b; }          /* 1979-04 */
        else if (w[2].n == 4) { *y = b; *m = a; }     /* 04.1979 */
        else return 1;
        if (*m == 0) return !valid(*y, 0, 0);         /* 1979-00 */
        return !valid(*y, *m, 0);
    }
    if (n == 5 && w[0].digits && w[2].digits && w[4].digits && is_sep_word(&w[1], "-./") &&
        w[3].n == 1 && w[3].s[0] == w[1].s[0]) {
        int a = number(&w[0]), b = number(&w[2]), c = number(&w[4]);
        if (w[0].n == 4) { *y = a; *m = b; *d = c; }  /* 1979-04-05, 1979/04/05 */
        else if (w[4].n == 4) {                        /* 05.04.1979, 04/25/1979 */
            *y = c;
            if (b > 12 && a <= 12) { *m = a; *d = b; }
            else { *d = a; *m = b; }
        } else return 1;
        if (*m == 0 && *d == 0) return !valid(*y, 0, 0); /* 00.00.1979 */
        if (*d == 0) return !valid(*y, *m, 0);           /* 00.04.1979 */
        return !valid(*y, *m, *d);
    }
    /* month names: 05 Apr 1979 / Apr 1979 / April 5 1979 / 5 апреля 1979 */
    if (n == 3 && w[0].digits && month_of(&w[1]) && w[2].digits && w[2].n == 4) {
        *d = number(&w[0]); *m = month_of(&w[1]); *y = number(&w[2]);
        return !valid(*y, *m, *d);
    }
    if (n == 3 && month_of(&w[0]) && w[1].digits && w[1].n <= 2 && w[2].digits && w[2].n == 4) {
        *m = month_of(&w[0]); *d = number(&w[1]); *y = number(&w[2]);
        return !valid(*y, *m, *d);
    }
    if (n == 2 && month_of(&w[0]) && w[1].digits && w[1].n == 4) {
        *m = month_of(&w[0]); *y = number(&w[1]);
        return !valid(*y, *m, 0);
    }
    return 1;
}

ng_status ng_date_parse(const char *s, ng_date *out)
{
    memset(out, 0, sizeof *out);
    if (!s) return NG_EINVAL;
    struct word w[24];
    size_t n = split_words(s, w, sizeof w / sizeof w[0]);
    if (n == (size_t)-1 || n == 0) return NG_EDATA;
    size_t i = 0;
    /* leading words: DOB, alt., born; circa */
    for (int again = 1; again && i < n;) {
        again = 0;
        for (size_t k = 0; lead_words[k]; k++) {
            /* "date of birth" is three words */
            if (strchr(lead_words[k], ' ')) {
                if (i + 2 < n && word_is(&w[i], "date") && word_is(&w[i + 1], "of") &&
                    word_is(&w[i + 2], "birth")) { i += 3; again = 1; break; }
                continue;
            }
            if (word_is(&w[i], lead_words[k])) { i++; again = 1; break; }
        }
        if (!again && i < n && w[i].n == 1 && w[i].s[0] == ':') { i++; again = 1; }
        if (again) continue;
        for (size_t k = 0; circa_words[k]; k++)
            if (word_is(&w[i], circa_words[k])) { out->flags |= NG_DATE_CIRCA; i++; again = 1; break; }
    }
    /* a trailing dot or "г." (year) says nothing */
    while (n > i && ((w[n - 1].n == 1 && w[n - 1].s[0] == '.') || word_is(&w[n - 1], "г.") ||
                     word_is(&w[n - 1], "г")))
        n--;
    if (i >= n) return NG_EDATA;
    /* a range: Y to Y, Y - Y, between Y and Y, Y..Y */
    size_t a = i;
    if (word_is(&w[a], "between") || word_is(&w[a], "from")) a++;
    if (n - a == 3 && w[a].digits && w[a].n == 4 && w[a + 2].digits && w[a + 2].n == 4 &&
        (word_is(&w[a + 1], "to") || word_is(&w[a + 1], "and") || word_is(&w[a + 1], "-") ||
         word_is(&w[a + 1], "..") || word_is(&w[a + 1], "/"))) {
        int y1 = number(&w[a]), y2 = number(&w[a + 2]);
        /* 1979/04 is no range: the second number is a month */
        if (!valid(y1, 0, 0) || !valid(y2, 0, 0) || y2 <= y1) return NG_EDATA;
        out->year = y1;
        out->year_to = y2;
        return NG_OK;
    }
    int y, m, d;
    if (one_date(&w[i], n - i, &y, &m, &d)) return NG_EDATA;
    out->year = y;
    out->month = m;
    out->day = d;
    return NG_OK;
}

char *ng_date_format(const ng_date *d, char *buf, size_t cap)
{
    if (d->year_to) snprintf(buf, cap, "%04d..%04d", d->year, d->year_to);
    else if (d->day) snprintf(buf, cap, "%s%04d-%02d-%02d", d->flags & NG_DATE_CIRCA ? "~" : "", d->year, d->month, d->day);
    else if (d->month) snprintf(buf, cap, "%s%04d-%02d", d->flags & NG_DATE_CIRCA ? "~" : "", d->year, d->month);
    else snprintf(buf, cap, "%s%04d", d->flags & NG_DATE_CIRCA ? "~" : "", d->year);
    return buf;
}

/* Days from 1970-01-01 of a date of the proleptic Gregorian calendar
 * (the civil-from-days arithmetic of eras of 400 years). */
long date_days(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void date_civil(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}
