/*
 * csvread.c -- CSV (RFC 4180, through libcsv) and TSV lists.
 *
 * The file is fed to libcsv one physical line at a time, so that each row
 * knows the line it started on (a quoted field may span lines).  Rules:
 *   - a UTF-8 byte order mark at the start is skipped; CRLF and LF both end
 *     rows; a last line holding only Ctrl-Z (0x1A, old DOS files) is no row;
 *   - the first row is the header unless --no-header; every row must have
 *     as many fields as the header;
 *   - CSV is strict: a quote inside an unquoted field, or a quoted field
 *     still open at the end of the file, is an error naming the line where
 *     the row began; TSV has no quoting (a quote is a letter);
 *   - a field must be valid UTF-8 without NUL, at most NG_VALUE_MAX_BYTES.
 * A bad row stops the read (NG_EDATA, err names file and line), or with
 * sink->skip_bad goes to sink->reject and the read goes on; a malformed
 * file (quoting, a field past the limit) always stops it.
 */
#include <csv.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "records/colmap.h"
#include "text/buf.h"

/* The row iterator shared by the CSV, TSV and OFAC readers. */
struct csvctx {
    const char *name;
    struct read_error *err;
    ng_status st;             /* first error, stops the read */
    csv_row_fn *fn;
    void *fnctx;
    int keep_raw;
    /* the row being built */
    char **f;
    size_t *flen;
    size_t nf, cap;
    long line;                /* physical line being fed */
    long row_line;            /* line where the current row began */
    int at_row_start;
    struct buf raw;           /* the current row as written (reject file) */
};

ng_status read_fail(struct read_error *err, ng_status st, const char *file, long line,
                    const char *fmt, ...)
{
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    err->line = line;
    err->offset = -1;
    err->row = 0;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return st;
}

static void on_field(void *s, size_t len, void *data)
{
    struct csvctx *c = data;
    if (c->st != NG_OK) return;
    if (len > NG_VALUE_MAX_BYTES) {
        c->st = read_fail(c->err, NG_EDATA, c->name, c->row_line,
                          "field %zu is %zu bytes long (limit %d)", c->nf + 1, len,
                          NG_VALUE_MAX_BYTES);
        return;
    }
    if (c->nf == c->cap) {
        size_t nc = c->cap ? 2 * c->cap : 32;
        char **nf = realloc(c->f, nc * sizeof *nf);
        if (!nf) { c->st = NG_ENOMEM; return; }
        c->f = nf;
        size_t *nl = realloc(c->flen, nc * sizeof *nl);
        if (!nl) { c->st = NG_ENOMEM; return; }
        c->flen = nl;
        for (size_t i = c->cap; i < nc; i++) c->f[i] = NULL;
        c->cap = nc;
    }
    char *v = realloc(c->f[c->nf], len + 1);
    if (!v) { c->st = NG_ENOMEM; return; }
    if (len) memcpy(v, s, len);
    v[len] = 0;
    c->f[c->nf] = v;
    c->flen[c->nf++] = len;
}

static void on_row(int term, void *data)
{
    struct csvctx *c = data;
    (void)term;
    size_t nf = c->nf;
    c->nf = 0;
    c->at_row_start = 1;
    if (c->st != NG_OK) return;
    /* the raw row, without its line end */
    size_t n = c->raw.len;
    while (n && (c->raw.p[n - 1] == '\n' || c->raw.p[n - 1] == '\r')) n--;
    if (c->raw.p) c->raw.p[n] = 0;
    c->st = c->fn(c->fnctx, c->f, c->flen, nf, c->row_line, c->raw.p ? c->raw.p : "");
}

ng_status csv_rows(FILE *f, const char *name, int delim, int keep_raw, csv_row_fn *fn,
                   void *fnctx, const struct read_sink *sink, struct read_error *err)
{
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) return NG_ENOMEM;
    csv_set_delim(&p, (unsigned char)delim);
    if (delim == '\t') csv_set_quote(&p, 0); /* TSV: no quoting */
    struct csvctx c = {0};
    c.name = name;
    c.err = err;
    c.fn = fn;
    c.fnctx = fnctx;
    c.keep_raw = keep_raw;
    c.at_row_start = 1;
    long long total = -1;
    if (fseek(f, 0, SEEK_END) == 0) { total = ftell(f); rewind(f); }
    char *line = NULL;
    size_t lcap = 0;
    ssize_t n;
    long long done = 0;
    while (c.st == NG_OK && (n = getline(&line, &lcap, f)) != -1) {
        c.line++;
        done += n;
        /* the Ctrl-Z that ends some old files */
        if (n == 1 && line[0] == 0x1A) {
            int next = fgetc(f);
            if (next == EOF) break;
            ungetc(next, f);
        }
        if (c.at_row_start) {
            int blank = 1;
            for (ssize_t i = 0; i < n && blank; i++)
                if (line[i] != '\r' && line[i] != '\n') blank = 0;
            if (blank) continue;
            c.row_line = c.line;
            c.at_row_start = 0;
            c.raw.len = 0;
        }
        if (keep_raw && buf_put(&c.raw, line, (size_t)n) == (size_t)-1) { c.st = NG_ENOMEM; break; }
        if (csv_parse(&p, line, (size_t)n, on_field, on_row, &c) != (size_t)n && c.st == NG_OK) {
            int e = csv_error(&p);
            c.st = read_fail(err, NG_EDATA, name, c.row_line, "%s",
                             e == CSV_EPARSE ? "a quote inside an unquoted field, or text after "
                                               "a closing quote (inside quotes, write a quote twice)"
                             : e == CSV_ETOOBIG ? "a field too large to hold"
                                                : csv_strerror(e));
            break;
        }
        if (sink && sink->progress && (c.line & 1023) == 0) sink->progress(sink->ctx, done, total);
    }
    if (c.st == NG_OK && ferror(f)) c.st = read_fail(err, NG_EIO, name, c.line, "read error");
    if (c.st == NG_OK && csv_fini(&p, on_field, on_row, &c) != 0 && c.st == NG_OK)
        c.st = read_fail(err, NG_EDATA, name, c.row_line,
                         "a quoted field is never closed (its row begins here)");
    if (sink && sink->progress && c.st == NG_OK) sink->progress(sink->ctx, done, total);
    csv_free(&p);
    free(line);
    for (size_t i = 0; i < c.cap; i++) free(c.f[i]);
    free(c.f);
    free(c.flen);
    buf_free(&c.raw);
    return c.st;
}

ng_status csv_bad_row(const struct read_sink *sink, struct read_error *err, const char *raw,
                      const char *file, long line, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    read_fail(err, NG_EDATA, file, line, "%s", msg);
    err->row = 1;
    if (!sink->skip_bad) return NG_EDATA;
    return sink->reject ? sink->reject(sink->ctx, err, raw) : NG_OK;
}

const char *csv_field_problem(const char *s, size_t len, size_t *at)
{
    ng_status st = ng_utf8_check(s, len, at);
    if (st == NG_EUTF8) return "invalid UTF-8";
    if (st == NG_ENUL) return "NUL byte";
    return NULL;
}

/* ---- CSV and TSV with a header and a column map --------------------- */
struct tabctx {
    const char *name;
    const struct read_options *o;
    const struct read_sink *sink;
    struct read_error *err;
    char **hdr;
    size_t nhdr;
    int have_header;
    struct colmap map;
    long rowno;
    ng_record *rec;
};

static ng_status tab_row(void *ctx, char **f, const size_t *flen, size_t nf, long line,
                         const char *raw)
{
    struct tabctx *c = ctx;
    if (!c->have_header) {
        c->have_header = 1;
        c->nhdr = nf;
        c->hdr = calloc(nf ? nf : 1, sizeof *c->hdr);
        if (!c->hdr) return NG_ENOMEM;
        if (!c->o->no_header) {
            for (size_t i = 0; i < nf; i++) {
                size_t at;
                const char *why = csv_field_problem(f[i], flen[i], &at);
                if (why)
                    return read_fail(c->err, NG_EDATA, c->name, line,
                                     "header, column %zu: %s at byte %zu", i + 1, why, at);
                c->hdr[i] = f[i];
                f[i] = NULL;
                if (!c->hdr[i]) return NG_ENOMEM;
            }
            /* the UTF-8 byte order mark is no part of the first header */
            if (nf && strncmp(c->hdr[0], "\xEF\xBB\xBF", 3) == 0)
                memmove(c->hdr[0], c->hdr[0] + 3, strlen(c->hdr[0] + 3) + 1);
            ng_status st = colmap_build(&c->map, (const char *const *)c->hdr, nf, c->o, 0, c->name, c->err);
            if (st == NG_OK && c->sink->warn) {
                /* say which columns are not read */
                char msg[600] = "";
                size_t unread = 0;
                for (size_t i = 0; i < nf; i++) {
                    const struct col *k = &c->map.col[i];
                    if (k->prop || k->is_id || k->is_schema || !c->hdr[i][0]) continue;
                    unread++;
                    size_t l = strlen(msg);
                    if (l < 400) snprintf(msg + l, sizeof msg - l, "%s%.40s", l ? ", " : "", c->hdr[i]);
                    else if (l < 404) snprintf(msg + l, sizeof msg - l, ", ...");
                }
                if (unread) {
                    char w[700];
                    snprintf(w, sizeof w, "%s: %zu column%s not read (no role; see --map): %s",
                             c->name, unread, unread == 1 ? "" : "s", msg);
                    c->sink->warn(c->sink->ctx, w);
                }
            }
            return st;
        }
        /* no header: columns are named by their index; this row is data */
        ng_status st = colmap_build(&c->map, (const char *const *)c->hdr, nf, c->o, 0, c->name, c->err);
        if (st != NG_OK) return st;
    }
    c->rowno++;
    if (nf != c->nhdr)
        return csv_bad_row(c->sink, c->err, raw, c->name, line,
                           "%zu fields, the header has %zu", nf, c->nhdr);
    for (size_t i = 0; i < nf; i++) {
        size_t at;
        const char *why = csv_field_problem(f[i], flen[i], &at);
        if (why) {
            const char *h = c->hdr[i];
            return csv_bad_row(c->sink, c->err, raw, c->name, line,
                               "column %zu%s%s%s: %s at byte %zu of the field", i + 1,
                               h ? " (" : "", h ? h : "", h ? ")" : "", why, at);
        }
    }
    ng_status st = colmap_record(&c->map, (const char *const *)f, nf, (const char *const *)c->hdr,
                                 c->o, c->rowno, c->rec, c->err);
    if (st == NG_EDATA) {
        char msg[512];
        snprintf(msg, sizeof msg, "%s", c->err->msg);
        return csv_bad_row(c->sink, c->err, raw, c->name, line, "%s", msg);
    }
    if (st != NG_OK) return st;
    ng_record_set_line(c->rec, line);
    return c->sink->record(c->sink->ctx, c->rec);
}

ng_status read_csv(FILE *f, const char *name, int delim, const struct read_options *o,
                   const struct read_sink *sink, struct read_error *err)
{
    struct tabctx *c = calloc(1, sizeof *c);
    if (!c) return NG_ENOMEM;
    c->name = name;
    c->o = o;
    c->sink = sink;
    c->err = err;
    c->rec = ng_record_new();
    ng_status st = c->rec ? csv_rows(f, name, delim, sink->skip_bad, tab_row, c, sink, err)
                          : NG_ENOMEM;
    if (st == NG_OK && !c->have_header)
        st = read_fail(err, NG_EDATA, name, 0, "empty file: no header and no rows");
    for (size_t i = 0; i < c->nhdr; i++) free(c->hdr[i]);
    free(c->hdr);
    ng_record_free(c->rec);
    free(c);
    return st;
}
