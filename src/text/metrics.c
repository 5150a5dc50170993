/*
 * metrics.c -- classic string metrics over code points.
 *
 * They count code points, not bytes: levenshtein("Ławrow", "Lawrow") is 1.
 * Invalid UTF-8 counts one U+FFFD per bad byte (the lenient policy of
 * utf8.c).  Definitions follow the usual references, checked against
 * jellyfish's fixtures in tests/unit/test_metrics.c:
 *   - Damerau-Levenshtein is the unrestricted distance (transpositions of
 *     non-adjacent edits allowed), as Lowrance and Wagner define it;
 *   - Hamming counts differing positions plus the difference in length;
 *   - Jaro-Winkler boosts by a common prefix of up to 4 when Jaro > 0.7;
 *     long_tolerance adds Winkler's correction for long strings.
 */
#include <stdlib.h>
#include <string.h>

#include "nongrata.h"
#include "text/utf8.h"

static size_t min2(size_t a, size_t b) { return a < b ? a : b; }

long ng_levenshtein(const char *a, const char *b)
{
    size_t n, m;
    uint32_t *x = utf8_to_cps(a, &n), *y = utf8_to_cps(b, &m);
    size_t *row = malloc((m + 1) * sizeof *row);
    long r = -1;
    if (x && y && row) {
        for (size_t j = 0; j <= m; j++) row[j] = j;
        for (size_t i = 1; i <= n; i++) {
            size_t diag = row[0];
            row[0] = i;
            for (size_t j = 1; j <= m; j++) {
                size_t up = row[j];
                size_t v = diag + (x[i - 1] != y[j - 1]);
                v = min2(v, up + 1);
                v = min2(v, row[j - 1] + 1);
                row[j] = v;
                diag = up;
            }
        }
        r = (long)row[m];
    }
    free(x); free(y); free(row);
    return r;
}

long ng_damerau_levenshtein(const char *a, const char *b)
{
    size_t n, m;
    uint32_t *x = utf8_to_cps(a, &n), *y = utf8_to_cps(b, &m);
    size_t w = m + 2;
    size_t *d = malloc((n + 2) * w * sizeof *d);
    /* last row where each distinct code point of x was seen: a small map */
    uint32_t *seen_cp = malloc((n + m + 1) * sizeof *seen_cp);
    size_t *seen_row = malloc((n + m + 1) * sizeof *seen_row);
    long r = -1;
    if (x && y && d && seen_cp && seen_row) {
        size_t nseen = 0, inf = n + m;
        d[0] = inf;
        for (size_t i = 0; i <= n; i++) { d[(i + 1) * w] = inf; d[(i + 1) * w + 1] = i; }
        for (size_t j = 0; j <= m; j++) { d[j + 1] = inf; d[w + j + 1] = j; }
        for (size_t i = 1; i <= n; i++) {
            size_t db = 0;
            for (size_t j = 1; j <= m; j++) {
                size_t i1 = 0;
                for (size_t k = 0; k < nseen; k++)
                    if (seen_cp[k] == y[j - 1]) { i1 = seen_row[k]; break; }
                size_t j1 = db, cost = 1;
                if (x[i - 1] == y[j - 1]) { cost = 0; db = j; }
                size_t v = d[i * w + j] + cost;
                v = min2(v, d[(i + 1) * w + j] + 1);
                v = min2(v, d[i * w + j + 1] + 1);
                v = min2(v, d[i1 * w + j1] + (i - i1 - 1) + 1 + (j - j1 - 1));
                d[(i + 1) * w + j + 1] = v;
            }
            size_t k = 0;
            while (k < nseen && seen_cp[k] != x[i - 1]) k++;
            if (k == nseen) seen_cp[nseen++] = x[i - 1];
            seen_row[k] = i;
        }
        r = (long)d[(n + 1) * w + m + 1];
    }
    free(x); free(y); free(d); free(seen_cp); free(seen_row);
    return r;
}

long ng_hamming(const char *a, const char *b)
{
    size_t n, m;
    uint32_t *x = utf8_to_cps(a, &n), *y = utf8_to_cps(b, &m);
    long r = -1;
    if (x && y) {
        size_t k = min2(n, m), d = (n > m ? n - m : m - n);
        for (size_t i = 0; i < k; i++) d += x[i] != y[i];
        r = (long)d;
    }
    free(x); free(y);
    return r;
}

static double jaro_cps(const uint32_t *x, size_t n, const uint32_t *y, size_t m,
                       int winkler, int long_tol)
{
    if (n == 0 || m == 0) return 0.0;
    size_t big = n > m ? n : m, small = n < m ? n : m;
    size_t range = big / 2 > 0 ? big / 2 - 1 : 0;
    unsigned char stackflags[256];
    unsigned char *fx = n + m <= sizeof stackflags ? stackflags : malloc(n + m);
    if (!fx) return -1.0;
    memset(fx, 0, n + m);
    unsigned char *fy = fx + n;
    size_t common = 0;
    for (size_t i = 0; i < n; i++) {
        size_t lo = i > range ? i - range : 0;
        size_t hi = min2(i + range, m - 1);
        for (size_t j = lo; j <= hi; j++) {
            if (!fy[j] && y[j] == x[i]) { fx[i] = fy[j] = 1; common++; break; }
        }
    }
    if (common == 0) {
        if (fx != stackflags) free(fx);
        return 0.0;
    }
    size_t k = 0, trans = 0;
    for (size_t i = 0; i < n; i++) {
        if (!fx[i]) continue;
        size_t j = k;
        while (j < m && !fy[j]) j++;
        k = j + 1;
        if (j < m && x[i] != y[j]) trans++;
    }
    if (fx != stackflags) free(fx);
    trans /= 2;
    double c = (double)common;
    double w = (c / (double)n + c / (double)m + (c - (double)trans) / c) / 3.0;
    if (winkler && w > 0.7) {
        size_t lim = small < 4 ? small : 4, p = 0;
        while (p < lim && x[p] == y[p]) p++;
        if (p) w += (double)p * 0.1 * (1.0 - w);
        /* jellyfish applies the correction to strings starting with a
         * digit too (its fixture 1abcdefg/1abcdefh = 0.96) */
        if (long_tol && small > 4 && common > p + 1 && 2 * common >= small + p)
            w += (1.0 - w) * ((double)(common - p - 1) / (double)(n + m - p * 2 + 2));
    }
    return w;
}

/* Decodes s into buf when it fits (no allocation for names), else into a
 * malloc'd array; *heap tells which. */
static uint32_t *decode(const char *s, uint32_t *buf, size_t cap, size_t *n, int *heap)
{
    size_t len = strlen(s);
    *heap = 0;
    if (len < cap) {
        size_t i = 0, k = 0;
        while (i < len) buf[k++] = utf8_next(s, len, &i, NULL);
        *n = k;
        return buf;
    }
    *heap = 1;
    return utf8_to_cps(s, n);
}

static double jaro_str(const char *a, const char *b, int winkler, int long_tol)
{
    uint32_t bx[128], by[128];
    size_t n, m;
    int hx, hy;
    uint32_t *x = decode(a, bx, 128, &n, &hx), *y = decode(b, by, 128, &m, &hy);
    double r = (x && y) ? jaro_cps(x, n, y, m, winkler, long_tol) : -1.0;
    if (hx) free(x);
    if (hy) free(y);
    return r;
}

double ng_jaro(const char *a, const char *b) { return jaro_str(a, b, 0, 0); }

double ng_jaro_winkler(const char *a, const char *b, int long_tolerance)
{
    return jaro_str(a, b, 1, long_tolerance);
}
