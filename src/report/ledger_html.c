/*
 * ledger_html.c -- the ledger as one HTML page: no script, no file beside
 * it, the charts inline SVG, so that it opens anywhere and can be mailed.
 *
 *   a timeline: one row a pair of states (the twelve with the most
 *     persons), a circle an event (area by persons, a hollow circle when
 *     the count is unknown, a bar across the claims' range when sources
 *     disagree), left-to-right in time; colour by direction, a line from
 *     each reply to the event it answers;
 *   the balance of each state: persons it expelled to the left, persons
 *   expelled from it to the right;
 *   then the tables: events (with every claim and its source), replies,
 *   chains, waves, the balance of each pair, missions.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "report/report.h"

void report_xml(FILE *f, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&apos;", f); break;
        default: fputc(*s, f);
        }
    }
}


/* A source as a link when it looks like one. */
static void source_cell(FILE *f, const char *s)
{
    int url = strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0;
    int bare = !url && strchr(s, '.') && strchr(s, '/') && !strchr(s, ' ');
    if (url || bare) {
        fputs("<a href=\"", f);
        if (bare) fputs("https://", f);
        report_xml(f, s);
        fputs("\">", f);
        report_xml(f, s);
        fputs("</a>", f);
    } else {
        report_xml(f, s);
    }
}

static void day_text(long day, char *buf, size_t cap)
{
    char t[11];
    snprintf(buf, cap, "%s", ldate_day_text(day, t));
}

static void range_text(long lo, long hi, char *buf, size_t cap)
{
    if (lo < 0) snprintf(buf, cap, "?");
    else if (lo == hi) snprintf(buf, cap, "%ld", lo);
    else snprintf(buf, cap, "%ld&ndash;%ld", lo, hi);
}

static double mid(long lo, long hi) { return lo < 0 ? 0 : ((double)lo + (double)hi) / 2.0; }

/* ---- the timeline ---------------------------------------------------------- */

#define TL_ROWS 12
#define TL_W 960
#define TL_LEFT 130
#define TL_ROW_H 34

static void timeline(FILE *f, const ledger *l, const struct lpair *p, const struct lbalance *b,
                     size_t nb)
{
    size_t rows = nb < TL_ROWS ? nb : TL_ROWS;
    if (!rows) return;
    /* the years the events of these rows span */
    long lo = LONG_MAX, hi = LONG_MIN;
    for (size_t i = 0; i < l->nevents; i++) {
        const struct levent *e = &l->events[i];
        for (size_t r = 0; r < rows; r++) {
            int in = (strcmp(e->actor, b[r].a) == 0 && strcmp(e->target, b[r].b) == 0) ||
                     (strcmp(e->actor, b[r].b) == 0 && strcmp(e->target, b[r].a) == 0);
            if (!in) continue;
            if (e->date.first < lo) lo = e->date.first;
            if (e->date.first > hi) hi = e->date.first;
        }
    }
    int y0, m0, d0, y1, m1, d1;
    ldate_civil(lo, &y0, &m0, &d0);
    ldate_civil(hi, &y1, &m1, &d1);
    y1++;
    long t0 = ldate_days(y0, 1, 1), t1 = ldate_days(y1, 1, 1);
    double span = (double)(t1 - t0);
    int height = (int)rows * TL_ROW_H + 40;
#define X(day) (TL_LEFT + (TL_W - TL_LEFT - 20) * ((double)((day) - t0) / span))
    fprintf(f, "<svg viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" "
               "aria-label=\"Timeline of expulsions between pairs of states\">\n",
            TL_W, height, TL_W, height);
    /* years along the bottom */
    int step = y1 - y0 > 40 ? 10 : y1 - y0 > 16 ? 5 : y1 - y0 > 6 ? 2 : 1;
    for (int y = y0; y <= y1; y++) {
        if (y % step) continue;
        double x = X(ldate_days(y, 1, 1));
        fprintf(f, "<line x1=\"%.1f\" y1=\"10\" x2=\"%.1f\" y2=\"%d\" class=\"grid\"/>"
                   "<text x=\"%.1f\" y=\"%d\" class=\"axis\">%d</text>\n",
                x, x, height - 24, x, height - 8, y);
    }
    for (size_t r = 0; r < rows; r++) {
        double cy = 24 + (double)r * TL_ROW_H;
        fprintf(f, "<text x=\"4\" y=\"%.1f\" class=\"row\">%s &#8596; %s</text>\n", cy + 4, b[r].a,
                b[r].b);
        fprintf(f, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" class=\"lane\"/>\n", TL_LEFT,
                cy, TL_W - 20, cy);
    }
    /* replies first, under the circles */
    for (size_t i = 0; i < l->nevents; i++) {
        if (p[i].answers < 0) continue;
        const struct levent *e = &l->events[i], *a = &l->events[p[i].answers];
        for (size_t r = 0; r < rows; r++) {
            int in = (strcmp(e->actor, b[r].a) == 0 && strcmp(e->target, b[r].b) == 0) ||
                     (strcmp(e->actor, b[r].b) == 0 && strcmp(e->target, b[r].a) == 0);
            if (!in) continue;
            double cy = 24 + (double)r * TL_ROW_H;
            double ya = cy + (strcmp(a->actor, b[r].a) == 0 ? -6 : 6);
            double ye = cy + (strcmp(e->actor, b[r].a) == 0 ? -6 : 6);
            fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"reply\"/>\n",
                    X(a->date.first), ya, X(e->date.first), ye);
        }
    }
    for (size_t i = 0; i < l->nevents; i++) {
        const struct levent *e = &l->events[i];
        for (size_t r = 0; r < rows; r++) {
            int ab = strcmp(e->actor, b[r].a) == 0 && strcmp(e->target, b[r].b) == 0;
            int ba = strcmp(e->actor, b[r].b) == 0 && strcmp(e->target, b[r].a) == 0;
            if (!ab && !ba) continue;
            double cy = 24 + (double)r * TL_ROW_H + (ab ? -6 : 6);
            double x = X(e->date.first);
            double rad = e->lo < 0 ? 4 : 2.5 + 1.6 * sqrt(mid(e->lo, e->hi));
            if (rad > 14) rad = 14;
            char cnt[48];
            range_text(e->lo, e->hi, cnt, sizeof cnt);
            fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" class=\"%s%s\"><title>", x, cy, rad,
                    ab ? "ab" : "ba", e->lo < 0 ? " unknown" : levent_conflicts(e) ? " conflict" : "");
            report_xml(f, e->id);
            fprintf(f, " %s: %s expelled %s of %s's diplomats</title></circle>\n", e->date.text,
                    e->actor, cnt, e->target);
        }
    }
#undef X
    fputs("</svg>\n", f);
}

/* ---- the balance of each state --------------------------------------------- */

#define BAL_ROWS 24

static void balance_chart(FILE *f, const struct ltotal *t, size_t n)
{
    size_t rows = n < BAL_ROWS ? n : BAL_ROWS;
    if (!rows) return;
    double most = 1;
    for (size_t i = 0; i < rows; i++) {
        if (mid(t[i].given_lo, t[i].given_hi) > most) most = mid(t[i].given_lo, t[i].given_hi);
        if (mid(t[i].received_lo, t[i].received_hi) > most)
            most = mid(t[i].received_lo, t[i].received_hi);
    }
    int w = 760, center = 380, half = 300, h = (int)rows * 20 + 30;
    fprintf(f, "<svg viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" "
               "aria-label=\"Persons each state expelled and had expelled\">\n",
            w, h, w, h);
    fprintf(f, "<text x=\"%d\" y=\"14\" class=\"axis\" text-anchor=\"end\">expelled others' "
               "diplomats</text><text x=\"%d\" y=\"14\" class=\"axis\">had its diplomats expelled"
               "</text>\n",
            center - 40, center + 40);
    for (size_t i = 0; i < rows; i++) {
        double y = 24 + (double)i * 20;
        double g = half * mid(t[i].given_lo, t[i].given_hi) / most;
        double r = half * mid(t[i].received_lo, t[i].received_hi) / most;
        char gt[48], rt[48];
        range_text(t[i].given_lo, t[i].given_hi, gt, sizeof gt);
        range_text(t[i].received_lo, t[i].received_hi, rt, sizeof rt);
        fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"14\" class=\"ab\"><title>"
                   "%s expelled %s</title></rect>\n",
                center - 30 - g, y, g, t[i].state, gt);
        fprintf(f, "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"14\" class=\"ba\"><title>"
                   "%s had %s expelled</title></rect>\n",
                center + 30, y, r, t[i].state, rt);
        fprintf(f, "<text x=\"%d\" y=\"%.1f\" class=\"row\" text-anchor=\"middle\">%s</text>\n",
                center, y + 11, t[i].state);
        fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" class=\"axis\" text-anchor=\"end\">%s</text>"
                   "<text x=\"%.1f\" y=\"%.1f\" class=\"axis\">%s</text>\n",
                center - 34 - g, y + 11, gt, center + 34 + r, y + 11, rt);
    }
    fputs("</svg>\n", f);
}

/* ---- the page -------------------------------------------------------------- */

static const char style[] =
    "body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1000px;color:#222}"
    "h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ccc}"
    "table{border-collapse:collapse;width:100%;font-size:13px}"
    "th,td{border-bottom:1px solid #e4e4e4;padding:3px 6px;text-align:left;vertical-align:top}"
    "th{background:#f4f4f4}td.n{text-align:right;font-variant-numeric:tabular-nums}"
    ".ab{fill:#3465a4;fill-opacity:.75}.ba{fill:#cc3b2e;fill-opacity:.75}"
    ".unknown{fill:none;stroke:#555;stroke-dasharray:2 2}.conflict{stroke:#000;stroke-width:1.5}"
    ".reply{stroke:#999;stroke-width:1}.grid{stroke:#eee}.lane{stroke:#ddd}"
    ".axis{font-size:11px;fill:#666}.row{font-size:12px;fill:#222}"
    ".key span{display:inline-block;width:10px;height:10px;margin:0 4px 0 12px}"
    ".note{color:#666;font-size:12px}";

ng_status report_ledger_html(const ledger *l, const char *dir, char *path, size_t cap)
{
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) return NG_EIO;
    snprintf(path, cap, "%s/index.html", dir);
    struct lpair *p = calloc(l->nevents ? l->nevents : 1, sizeof *p);
    long *chain = calloc(l->nevents ? l->nevents : 1, sizeof *chain);
    int *round = calloc(l->nevents ? l->nevents : 1, sizeof *round);
    struct lbalance *b = NULL;
    struct ltotal *t = NULL;
    struct lwave *w = NULL;
    struct lmission *m = NULL;
    size_t nb = 0, nt = 0, nw = 0, nm = 0;
    ng_status st = NG_ENOMEM;
    FILE *f = NULL;
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    if (!p || !chain || !round) goto done;
    ledger_pairs(l, LEDGER_WINDOW, p);
    size_t nchains = ledger_chains(l, p, chain, round);
    if (ledger_balance(l, &b, &nb) != NG_OK || ledger_totals(l, &t, &nt) != NG_OK ||
        ledger_waves(l, 3, 14, &w, &nw) != NG_OK || ledger_missions(l, NULL, NULL, &m, &nm) != NG_OK)
        goto done;
    st = NG_EIO;
    if (!(f = fopen(tmp, "w"))) goto done;

    time_t now = time(NULL);
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) now = (time_t)strtoll(sde, NULL, 10);
    struct tm tm;
    gmtime_r(&now, &tm);
    char made[32];
    strftime(made, sizeof made, "%Y-%m-%d %H:%M UTC", &tm);
    fprintf(f, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
               "<title>Expulsion ledger</title><style>%s</style></head><body>\n", style);
    fprintf(f, "<h1>Expulsion ledger</h1>\n<p>%zu events from %zu claims; made by nongrata on %s. "
               "Counts that sources dispute show as a range; every claim is listed with its "
               "source below.</p>\n",
            l->nevents, l->nclaims, made);

    fputs("<h2>Timeline</h2>\n<p class=\"key\"><span class=\"ab\" style=\"background:#3465a4\">"
          "</span>the first state of the row expels <span style=\"background:#cc3b2e\"></span>"
          "the second expels <span style=\"border:1px dashed #555\"></span>count unknown; "
          "grey lines join a reply to the event it answers.</p>\n", f);
    timeline(f, l, p, b, nb);
    fputs("<h2>Balance of each state</h2>\n", f);
    balance_chart(f, t, nt);

    fputs("<h2>Waves</h2>\n<p class=\"note\">At least 3 states acting against one within 14 "
          "days, largest first.</p>\n<table><tr><th>#</th><th>against</th><th>from</th><th>to</th>"
          "<th>states</th><th>persons</th><th>largest since</th><th>states acting</th></tr>\n", f);
    for (size_t i = 0; i < nw; i++) {
        char a[16], z[16], cnt[48], since[32] = "on record";
        day_text(w[i].first, a, sizeof a);
        day_text(w[i].last, z, sizeof z);
        range_text(w[i].lo, w[i].hi, cnt, sizeof cnt);
        if (w[i].larger_before >= 0) day_text(w[w[i].larger_before].first, since, sizeof since);
        fprintf(f, "<tr><td class=\"n\">%zu</td><td>%s</td><td>%s</td><td>%s</td><td class=\"n\">"
                   "%zu</td><td class=\"n\">%s%s</td><td>%s</td><td>",
                i + 1, w[i].target, a, z, w[i].nstates, cnt, w[i].unknown ? " +?" : "", since);
        for (size_t k = 0; k < w[i].n; k++) {
            if (k) fputs(", ", f);
            report_xml(f, l->events[w[i].events[k]].actor);
        }
        fputs("</td></tr>\n", f);
    }
    fputs("</table>\n", f);

    fprintf(f, "<h2>Replies and chains</h2>\n<p class=\"note\">%zu chains of replies. An answer is "
               "the one a source records, else the nearest earlier event the other way between the "
               "two states within %d days.</p>\n<table><tr><th>event</th><th>date</th><th>by</th>"
               "<th>against</th><th>persons</th><th>answers</th><th>lag (days)</th><th>ratio</th>"
               "<th>chain, round</th></tr>\n",
            nchains, LEDGER_WINDOW);
    for (size_t i = 0; i < l->nevents; i++) {
        const struct levent *e = &l->events[i];
        char cnt[48];
        range_text(e->lo, e->hi, cnt, sizeof cnt);
        fputs("<tr><td>", f);
        report_xml(f, e->id);
        fprintf(f, "</td><td>%s</td><td>%s</td><td>%s</td><td class=\"n\">%s</td><td>", e->date.text,
                e->actor, e->target, cnt);
        if (p[i].answers >= 0) {
            report_xml(f, l->events[p[i].answers].id);
            fputs(p[i].recorded ? "" : " <span class=\"note\">(inferred)</span>", f);
        }
        fputs("</td><td class=\"n\">", f);
        if (p[i].answers >= 0) fprintf(f, "%s%ld", p[i].approx ? "~" : "", p[i].lag);
        fputs("</td><td class=\"n\">", f);
        if (p[i].has_ratio) fprintf(f, "%.2f %s", p[i].ratio, lpair_kind(&p[i]));
        fputs("</td><td>", f);
        if (chain[i] >= 0) fprintf(f, "%ld, %d", chain[i] + 1, round[i]);
        fputs("</td></tr>\n", f);
    }
    fputs("</table>\n", f);

    fputs("<h2>Balance of each pair of states</h2>\n<table><tr><th>A</th><th>B</th>"
          "<th>A expelled of B's</th><th>B expelled of A's</th><th>events</th><th>from</th>"
          "<th>to</th></tr>\n", f);
    for (size_t i = 0; i < nb; i++) {
        char x[48], y[48], a[16], z[16];
        range_text(b[i].ab_lo, b[i].ab_hi, x, sizeof x);
        range_text(b[i].ba_lo, b[i].ba_hi, y, sizeof y);
        day_text(b[i].first, a, sizeof a);
        day_text(b[i].last, z, sizeof z);
        fprintf(f, "<tr><td>%s</td><td>%s</td><td class=\"n\">%s</td><td class=\"n\">%s</td>"
                   "<td class=\"n\">%zu</td><td>%s</td><td>%s</td></tr>\n",
                b[i].a, b[i].b, x, y, b[i].ab_events + b[i].ba_events, a, z);
    }
    fputs("</table>\n", f);

    if (nm) {
        fputs("<h2>Missions</h2>\n<table><tr><th>host</th><th>sending</th><th>date</th>"
              "<th>what</th><th>size after</th></tr>\n", f);
        for (size_t i = 0; i < nm; i++) {
            char d[16], size[48];
            day_text(m[i].day, d, sizeof d);
            range_text(m[i].size_lo, m[i].size_hi, size, sizeof size);
            fprintf(f, "<tr><td>%s</td><td>%s</td><td>%s</td><td>", m[i].host, m[i].sending, d);
            if (m[i].event >= 0) {
                const struct levent *e = &l->events[m[i].event];
                char cnt[48];
                range_text(e->lo, e->hi, cnt, sizeof cnt);
                fprintf(f, "%s expelled (", cnt);
                report_xml(f, e->id);
                fputs(")", f);
            } else {
                fprintf(f, "staff count %ld", m[i].staff);
            }
            fprintf(f, "</td><td class=\"n\">%s</td></tr>\n", size);
        }
        fputs("</table>\n", f);
    }

    fputs("<h2>Events and their claims</h2>\n<table><tr><th>event</th><th>date</th><th>by</th>"
          "<th>against</th><th>persons</th><th>reason</th><th>source</th></tr>\n", f);
    for (size_t i = 0; i < l->nevents; i++) {
        const struct levent *e = &l->events[i];
        for (size_t k = 0; k < e->n; k++) {
            const struct lclaim *c = &l->claims[e->first + k];
            char cnt[24];
            if (c->count < 0) snprintf(cnt, sizeof cnt, "?");
            else snprintf(cnt, sizeof cnt, "%ld", c->count);
            fputs("<tr><td>", f);
            if (k == 0) report_xml(f, e->id);
            fprintf(f, "</td><td>%s</td><td>%s</td><td>%s</td><td class=\"n\">%s%s</td><td>",
                    c->date.text, c->actor, c->target, cnt,
                    levent_conflicts(e) ? " <span class=\"note\">(disputed)</span>" : "");
            report_xml(f, lreason_name(c->reason));
            if (c->reason_text[0]) {
                fputs(": ", f);
                report_xml(f, c->reason_text);
            }
            fputs("</td><td>", f);
            source_cell(f, c->source);
            fputs("</td></tr>\n", f);
        }
    }
    fputs("</table>\n</body></html>\n", f);
    if (ferror(f) | fclose(f)) {
        f = NULL;
        remove(tmp);
        goto done;
    }
    f = NULL;
    if (rename(tmp, path) != 0) goto done;
    st = NG_OK;
done:
    if (f) { fclose(f); remove(tmp); }
    free(p);
    free(chain);
    free(round);
    free(b);
    free(t);
    ledger_waves_free(w, nw);
    free(m);
    return st;
}
