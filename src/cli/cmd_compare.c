/*
 * cmd_compare.c -- `nongrata compare`: two names, or a file of pairs.
 */
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

#define PAIRS_MAX_LINE (2 * NG_NAME_MAX_BYTES + 64)

static const char help[] =
    "Usage: nongrata compare [OPTIONS] NAME1 NAME2\n"
    "       nongrata compare [OPTIONS] --pairs FILE\n"
    "\n"
    "Scores whether two written names denote the same person, across scripts\n"
    "and national spelling conventions.  The score is in [0,1]; the decision is\n"
    "'match' at or above the threshold (default 0.80), 'possible' at or above\n"
    "0.65, else 'no-match' (docs/scoring.md).\n"
    "\n"
    "With --pairs, FILE ('-' for standard input) holds one pair a line,\n"
    "NAME1<TAB>NAME2; each output line is the input line, a TAB and the score,\n"
    "in the same order.  A line without a tab or with invalid UTF-8 stops the\n"
    "run with 'nongrata: error: FILE:LINE: ...' and exit code 1.\n"
    "\n"
    "Options:\n"
    "  -e, --explain        show which token met which, by which rule, and\n"
    "                       what stayed unmatched and what it cost\n"
    "  -t, --threshold T    match threshold in [0,1] (default 0.80)\n"
    "  -f, --format FMT     text (default; 'table' also accepted) or json\n"
    "      --pairs FILE     score the pairs of FILE\n"
    "  -h, --help           this help\n";

static double r4(double x) { return floor(x * 10000.0 + 0.5) / 10000.0; }

static const char *tok_text(const ng_name *n, int i)
{
    return i >= 0 ? ng_name_token(n, (size_t)i).text : "";
}

/* "x" or, for the two tokens of a compound, "x y" (into buf). */
static const char *tok_pair_text(const ng_name *n, int i, int i2, char *buf, size_t cap)
{
    if (i2 < 0) return tok_text(n, i);
    snprintf(buf, cap, "%s %s", tok_text(n, i), tok_text(n, i2));
    return buf;
}

static const char *tok_role(const ng_name *n, int i)
{
    return i >= 0 ? ng_role_name(ng_name_token(n, (size_t)i).role) : "";
}

static const char *cost_name(ng_cost c)
{
    return c == NG_COST_CONTRADICTS ? "contradicts" : c == NG_COST_MISSING ? "missing" : "none";
}

static json_t *result_json(const ng_name *a, const ng_name *b, const ng_compare_result *r,
                           const ng_compare_options *o)
{
    json_t *j = json_object();
    json_object_set_new(j, "name1", json_string(ng_name_text(a)));
    json_object_set_new(j, "name2", json_string(ng_name_text(b)));
    json_object_set_new(j, "score", json_real(r->score));
    json_object_set_new(j, "decision", json_string(ng_decision_name(r->decision)));
    json_object_set_new(j, "threshold", json_real(o->threshold));
    json_object_set_new(j, "possible_threshold", json_real(o->possible_threshold));
    json_t *ex = json_array();
    for (size_t i = 0; i < r->nsteps; i++) {
        const ng_step *s = &r->steps[i];
        json_t *st = json_object();
        char b1[512], b2[512];
        json_object_set_new(st, "token1", s->a >= 0 ? json_string(tok_pair_text(a, s->a, s->a2, b1, sizeof b1)) : json_null());
        json_object_set_new(st, "role1", s->a >= 0 ? json_string(tok_role(a, s->a)) : json_null());
        json_object_set_new(st, "latin1", s->a >= 0 ? json_string(ng_name_token(a, (size_t)s->a).latin) : json_null());
        json_object_set_new(st, "token2", s->b >= 0 ? json_string(tok_pair_text(b, s->b, s->b2, b2, sizeof b2)) : json_null());
        json_object_set_new(st, "role2", s->b >= 0 ? json_string(tok_role(b, s->b)) : json_null());
        json_object_set_new(st, "latin2", s->b >= 0 ? json_string(ng_name_token(b, (size_t)s->b).latin) : json_null());
        json_object_set_new(st, "rule", json_string(ng_rule_name(s->rule)));
        json_object_set_new(st, "similarity", json_real(r4(s->sim)));
        json_object_set_new(st, "weight", json_real(r4(s->weight)));
        if (s->a < 0 || s->b < 0) {
            json_object_set_new(st, "unmatched", json_string(cost_name(s->cost_kind)));
            json_object_set_new(st, "cost", json_real(r4(s->cost)));
        }
        json_array_append_new(ex, st);
    }
    json_object_set_new(j, "explanation", ex);
    return j;
}

/* Prints "token [role]" padded to width columns (counting code points). */
/* "token [role]", with the Latin form of a token written in another
 * script so that a reader can check the reading: "Лавров/lavrov [surname]" */
static void print_token(const ng_name *n, int i, int i2, int width)
{
    char buf[700], tb[512];
    ng_token tk = ng_name_token(n, (size_t)i), *t = &tk;
    if (i2 < 0 && t->script != NG_SCRIPT_LATIN && t->latin[0])
        snprintf(buf, sizeof buf, "%s/%s [%s]", t->text, t->latin, tok_role(n, i));
    else
        snprintf(buf, sizeof buf, "%s [%s]", tok_pair_text(n, i, i2, tb, sizeof tb), tok_role(n, i));
    cli_pad(buf, width);
}

static void result_text(const ng_name *a, const ng_name *b, const ng_compare_result *r,
                        const ng_compare_options *o, int explain)
{
    printf("%.4f\t%s\n", r->score, ng_decision_name(r->decision));
    if (!explain) return;
    printf("threshold %.4f (possible %.4f)\n", o->threshold, o->possible_threshold);
    for (size_t i = 0; i < r->nsteps; i++) {
        const ng_step *s = &r->steps[i];
        if (s->a >= 0 && s->b >= 0) {
            printf("  ");
            print_token(a, s->a, s->a2, 28);
            printf(" ~ ");
            print_token(b, s->b, s->b2, 28);
            printf(" %-12s sim %.4f  weight %.4f\n", ng_rule_name(s->rule), s->sim, s->weight);
        }
    }
    for (size_t i = 0; i < r->nsteps; i++) {
        const ng_step *s = &r->steps[i];
        if (s->a >= 0 && s->b >= 0) continue;
        const ng_name *n = s->a >= 0 ? a : b;
        int t = s->a >= 0 ? s->a : s->b;
        printf("  unmatched in name %d: ", s->a >= 0 ? 1 : 2);
        print_token(n, t, -1, 28);
        if (s->cost_kind == NG_COST_NONE)
            printf(" not scored\n");
        else
            printf(" %-12s cost %.4f\n", cost_name(s->cost_kind), s->cost);
    }
}

/* Compares two names given as text; returns an exit code. */
static int compare_two(ng_engine *e, const char *s1, const char *s2, const ng_compare_options *o,
                       cli_format fmt, int explain)
{
    ng_name *a = NULL, *b = NULL;
    if (ng_name_parse(e, s1, (size_t)-1, &a) != NG_OK) {
        cli_error("NAME1: %s", ng_engine_errmsg(e));
        return EXIT_DATA;
    }
    if (ng_name_parse(e, s2, (size_t)-1, &b) != NG_OK) {
        cli_error("NAME2: %s", ng_engine_errmsg(e));
        ng_name_free(a);
        return EXIT_DATA;
    }
    ng_compare_result r;
    ng_name_compare(e, a, b, o, &r);
    if (fmt == FMT_JSON) {
        json_t *j = result_json(a, b, &r, o);
        cli_put_json(j);
    } else {
        result_text(a, b, &r, o, explain);
    }
    ng_name_free(a);
    ng_name_free(b);
    return EXIT_OK;
}

/* Score of one name pair of a --pairs line; a name without letters scores 0. */
static int pair_score(ng_engine *e, const char *s1, size_t l1, const char *s2, size_t l2,
                      const ng_compare_options *o, double *score)
{
    ng_name *a = NULL, *b = NULL;
    ng_status sa = ng_name_parse(e, s1, l1, &a);
    if (sa != NG_OK && sa != NG_EEMPTY) return -1;
    ng_status sb = ng_name_parse(e, s2, l2, &b);
    if (sb != NG_OK && sb != NG_EEMPTY) { ng_name_free(a); return -1; }
    *score = 0.0;
    if (a && b) {
        ng_compare_result r;
        ng_name_compare(e, a, b, o, &r);
        *score = r.score;
    }
    ng_name_free(a);
    ng_name_free(b);
    return 0;
}

static int compare_pairs(ng_engine *e, const char *path, const ng_compare_options *o)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) {
        cli_error("%s: %s", path, strerror(errno));
        return EXIT_IO;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    long lineno = 0;
    int rc = EXIT_OK;
    while ((got = getline(&line, &cap, f)) != -1) {
        lineno++;
        size_t len = (size_t)got;
        if (len && line[len - 1] == '\n') len--;
        if (len && line[len - 1] == '\r') len--;
        line[len] = 0;
        if (lineno == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
            memmove(line, line + 3, len - 2);
            len -= 3;
        }
        if (len > PAIRS_MAX_LINE) {
            cli_error("%s:%ld: line is %zu bytes long (limit %d)", path, lineno, len, PAIRS_MAX_LINE);
            rc = EXIT_DATA;
            break;
        }
        size_t bad;
        ng_status st = ng_utf8_check(line, len, &bad);
        if (st != NG_OK) {
            cli_error("%s:%ld: %s at byte %zu", path, lineno,
                      st == NG_ENUL ? "NUL byte" : "invalid UTF-8", bad + 1);
            rc = EXIT_DATA;
            break;
        }
        char *tab = memchr(line, '\t', len);
        if (!tab) {
            cli_error("%s:%ld: no tab between the two names", path, lineno);
            rc = EXIT_DATA;
            break;
        }
        size_t l1 = (size_t)(tab - line);
        const char *s2 = tab + 1;
        size_t l2 = len - l1 - 1;
        if (memchr(s2, '\t', l2)) {
            cli_error("%s:%ld: more than one tab (expected NAME1<TAB>NAME2)", path, lineno);
            rc = EXIT_DATA;
            break;
        }
        double score;
        if (pair_score(e, line, l1, s2, l2, o, &score)) {
            cli_error("%s:%ld: %s", path, lineno, ng_engine_errmsg(e));
            rc = EXIT_DATA;
            break;
        }
        fwrite(line, 1, len, stdout);
        printf("\t%.4f\n", score);
    }
    if (rc == EXIT_OK && ferror(f)) {
        cli_error("%s: read error: %s", path, strerror(errno));
        rc = EXIT_IO;
    }
    free(line);
    if (f != stdin) fclose(f);
    if (fflush(stdout) != 0) {
        cli_error("writing output: %s", strerror(errno));
        rc = EXIT_IO;
    }
    return rc;
}

int cmd_compare(int argc, char **argv)
{
    ng_compare_options o = ng_compare_default_options();
    cli_format fmt = FMT_TABLE;
    int explain = 0;
    const char *pairs = NULL;
    const char *pos[2];
    int npos = 0, opts_done = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!opts_done && a[0] == '-' && a[1]) {
            if (strcmp(a, "--") == 0) { opts_done = 1; continue; }
            if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) { fputs(help, stdout); return EXIT_OK; }
            if (strcmp(a, "-e") == 0 || strcmp(a, "--explain") == 0) { explain = 1; continue; }
            if (strcmp(a, "-t") == 0 || strcmp(a, "--threshold") == 0) {
                if (++i >= argc) return cli_usage_error("compare", "--threshold needs a value");
                if (cli_parse_threshold(argv[i], &o.threshold))
                    return cli_usage_error("compare", "threshold must be a number from 0 to 1, not '%s'", argv[i]);
                if (o.possible_threshold > o.threshold) o.possible_threshold = o.threshold;
                continue;
            }
            if (strcmp(a, "-f") == 0 || strcmp(a, "--format") == 0) {
                if (++i >= argc) return cli_usage_error("compare", "--format needs a value");
                if (cli_parse_format(argv[i], &fmt) || fmt == FMT_CSV || fmt == FMT_JSONL)
                    return cli_usage_error("compare", "unknown format '%s' (text or json)", argv[i]);
                continue;
            }
            if (strcmp(a, "--pairs") == 0) {
                if (++i >= argc) return cli_usage_error("compare", "--pairs needs a file ('-' for stdin)");
                pairs = argv[i];
                continue;
            }
            return cli_usage_error("compare", "unknown option '%s'", a);
        }
        if (npos == 2) return cli_usage_error("compare", "too many names (expected NAME1 NAME2)");
        pos[npos++] = a;
    }
    if (pairs && npos) return cli_usage_error("compare", "--pairs takes no names on the command line");
    if (!pairs && npos != 2) return cli_usage_error("compare", "expected two names, or --pairs FILE");
    ng_engine *e = cli_engine();
    if (!e) return EXIT_IO;
    int rc = pairs ? compare_pairs(e, pairs, &o) : compare_two(e, pos[0], pos[1], &o, fmt, explain);
    ng_engine_free(e);
    return rc;
}
