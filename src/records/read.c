/*
 * read.c -- open the files of an import, tell their format, hand them to
 * the reader of that format.
 *
 * The format, when not given, is guessed from the first bytes: '{' is JSON
 * Lines (FollowTheMoney when the first object has "schema" and
 * "properties"), '<' is the UN list, a first row of 12 fields starting with
 * an entity number is OFAC's sdn.csv, else CSV, or TSV when the first line
 * holds more tabs than commas (or the name ends in .tsv).  Several files
 * are read only as the OFAC set, each recognised by its number of fields.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "records/records.h"

static const char *const format_names[] = {"auto", "csv", "tsv", "jsonl", "ftm", "ofac", "un-xml"};

const char *rec_format_name(rec_format f)
{
    return (unsigned)f < sizeof format_names / sizeof format_names[0] ? format_names[f] : "?";
}

int rec_format_parse(const char *s, rec_format *f)
{
    for (size_t i = 1; i < sizeof format_names / sizeof format_names[0]; i++)
        if (strcmp(s, format_names[i]) == 0) { *f = (rec_format)i; return 0; }
    if (strcmp(s, "unxml") == 0 || strcmp(s, "un") == 0) { *f = RFMT_UNXML; return 0; }
    if (strcmp(s, "json") == 0) { *f = RFMT_JSONL; return 0; }
    return -1;
}

/* Opens path for reading: NG_EIO with the reason for a missing file, a
 * directory, or one that cannot be read. */
static ng_status open_file(const char *path, FILE **out, struct read_error *err)
{
    struct stat sb;
    *out = NULL;
    if (stat(path, &sb) != 0)
        return read_fail(err, NG_EIO, path, 0, "cannot open: %s", strerror(errno));
    if (S_ISDIR(sb.st_mode)) return read_fail(err, NG_EIO, path, 0, "is a directory, not a file");
    FILE *f = fopen(path, "rb");
    if (!f) return read_fail(err, NG_EIO, path, 0, "cannot open: %s", strerror(errno));
    *out = f;
    return NG_OK;
}

/* The first bytes of f (rewound after), NUL-terminated, into buf. */
static size_t peek(FILE *f, char *buf, size_t cap)
{
    size_t n = fread(buf, 1, cap - 1, f);
    buf[n] = 0;
    rewind(f);
    return n;
}

/* Fields of the first row of a comma-separated head (quotes respected). */
static size_t first_row_fields(const char *s)
{
    size_t n = 1;
    int q = 0;
    for (; *s && (q || (*s != '\n' && *s != '\r')); s++) {
        if (*s == '"') q = !q;
        else if (*s == ',' && !q) n++;
    }
    return n;
}

static int looks_ofac_sdn(const char *head)
{
    const char *p = head;
    if (!(*p >= '0' && *p <= '9')) return 0;
    while (*p >= '0' && *p <= '9') p++;
    return *p == ',' && first_row_fields(head) == 12;
}

static rec_format guess(const char *path, const char *head)
{
    const char *p = head;
    if (strncmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3;
    while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') p++;
    if (*p == '{') {
        /* FtM when the first object has both keys */
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        char line[4096];
        if (n >= sizeof line) n = sizeof line - 1;
        memcpy(line, p, n);
        line[n] = 0;
        if (strstr(line, "\"schema\"") && strstr(line, "\"properties\"")) return RFMT_FTM;
        return RFMT_JSONL;
    }
    if (*p == '<') return RFMT_UNXML;
    if (looks_ofac_sdn(p)) return RFMT_OFAC;
    size_t len = strlen(path);
    if (len > 4 && strcmp(path + len - 4, ".tsv") == 0) return RFMT_TSV;
    size_t tabs = 0, commas = 0;
    for (const char *q = p; *q && *q != '\n'; q++) {
        tabs += *q == '\t';
        commas += *q == ',';
    }
    return tabs > commas ? RFMT_TSV : RFMT_CSV;
}

static ng_status read_ofac_set(const char *const *paths, size_t npaths,
                               const struct read_sink *sink, struct read_error *err)
{
    FILE *slot[4] = {NULL, NULL, NULL, NULL};
    const char *names[4] = {"sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"};
    ng_status st = NG_OK;
    if (npaths > 4) return read_fail(err, NG_EINVAL, "", 0, "the OFAC set is at most four files (sdn, alt, add, sdn_comments)");
    for (size_t i = 0; i < npaths && st == NG_OK; i++) {
        FILE *f;
        if ((st = open_file(paths[i], &f, err)) != NG_OK) break;
        char head[8192];
        peek(f, head, sizeof head);
        size_t nf = first_row_fields(head);
        int k = nf == 12 ? 0 : nf == 5 ? 1 : nf == 6 ? 2 : nf == 2 ? 3 : -1;
        if (k < 0 || !head[0]) {
            fclose(f);
            st = read_fail(err, NG_EDATA, paths[i], 1,
                           "not a file of the OFAC set: %zu fields (sdn.csv has 12, alt.csv 5, "
                           "add.csv 6, sdn_comments.csv 2)", head[0] ? nf : 0);
            break;
        }
        if (slot[k]) {
            fclose(f);
            st = read_fail(err, NG_EINVAL, paths[i], 0, "has the shape of %s, like %s", names[k] , names[k]);
            break;
        }
        slot[k] = f;
        names[k] = paths[i];
    }
    if (st == NG_OK && !slot[0])
        st = read_fail(err, NG_EINVAL, "", 0, "the OFAC set needs sdn.csv (12 fields a row)");
    if (st == NG_OK) st = read_ofac(slot[0], slot[1], slot[2], slot[3], names, sink, err);
    for (int k = 0; k < 4; k++)
        if (slot[k]) fclose(slot[k]);
    return st;
}

rec_format records_guess(const char *const *paths, size_t npaths)
{
    if (npaths > 1) return RFMT_OFAC;
    if (npaths == 0) return RFMT_AUTO;
    struct stat sb;
    if (stat(paths[0], &sb) != 0 || S_ISDIR(sb.st_mode)) return RFMT_AUTO;
    FILE *f = fopen(paths[0], "rb");
    if (!f) return RFMT_AUTO;
    char head[8192];
    size_t n = peek(f, head, sizeof head);
    fclose(f);
    return n ? guess(paths[0], head) : RFMT_AUTO;
}

#define XML_MAX_BYTES (1u << 30)

ng_status records_read(const char *const *paths, size_t npaths, const struct read_options *o,
                       const struct read_sink *sink, struct read_error *err,
                       rec_format *guessed)
{
    memset(err, 0, sizeof *err);
    err->offset = -1;
    if (npaths == 0) return read_fail(err, NG_EINVAL, "", 0, "no file to read");
    rec_format fmt = o->format;
    if (fmt == RFMT_AUTO && npaths > 1) fmt = RFMT_OFAC;
    FILE *f = NULL;
    ng_status st;
    if (fmt != RFMT_OFAC || npaths == 1) {
        if (npaths > 1)
            return read_fail(err, NG_EINVAL, "", 0, "several files are read only as the OFAC set (--format ofac)");
        if ((st = open_file(paths[0], &f, err)) != NG_OK) return st;
        if (fmt == RFMT_AUTO) {
            char head[8192];
            size_t n = peek(f, head, sizeof head);
            if (n == 0) {
                fclose(f);
                return read_fail(err, NG_EDATA, paths[0], 0, "empty file");
            }
            fmt = guess(paths[0], head);
        }
    }
    if (guessed) *guessed = fmt;
    switch (fmt) {
    case RFMT_CSV: st = read_csv(f, paths[0], ',', o, sink, err); break;
    case RFMT_TSV: st = read_csv(f, paths[0], '\t', o, sink, err); break;
    case RFMT_JSONL: st = read_jsonl(f, paths[0], 0, o, sink, err); break;
    case RFMT_FTM: st = read_jsonl(f, paths[0], 1, o, sink, err); break;
    case RFMT_OFAC:
        if (f) fclose(f);
        f = NULL;
        st = read_ofac_set(paths, npaths, sink, err);
        break;
    case RFMT_UNXML: {
        char *buf = NULL;
        long size = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
        rewind(f);
        if (size < 0) { st = read_fail(err, NG_EIO, paths[0], 0, "cannot tell its size"); break; }
        if ((unsigned long)size > XML_MAX_BYTES) { st = read_fail(err, NG_ELIMIT, paths[0], 0, "larger than 1 GiB"); break; }
        if (size == 0) { st = read_fail(err, NG_EDATA, paths[0], 0, "empty file"); break; }
        buf = malloc((size_t)size + 1);
        if (!buf) { st = NG_ENOMEM; break; }
        if (fread(buf, 1, (size_t)size, f) != (size_t)size) {
            free(buf);
            st = read_fail(err, NG_EIO, paths[0], 0, "read error");
            break;
        }
        if (sink->progress) sink->progress(sink->ctx, size / 2, size);
        st = read_unxml(buf, (size_t)size, paths[0], sink, err);
        if (sink->progress && st == NG_OK) sink->progress(sink->ctx, size, size);
        free(buf);
        break;
    }
    default: st = read_fail(err, NG_EINVAL, paths[0], 0, "unknown format"); break;
    }
    if (f) fclose(f);
    return st;
}
