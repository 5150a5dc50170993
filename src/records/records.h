/*
 * records.h -- the record model's tables and the readers and writers of
 * src/records.  Nothing here is public; include/nongrata.h has the record
 * itself.
 */
#ifndef NG_RECORDS_RECORDS_H
#define NG_RECORDS_RECORDS_H

#include <stdio.h>

#include "nongrata.h"

/* ---- properties and roles (props.c) ---------------------------------- */
enum prop_kind { PROP_NAME = 1, PROP_PART, PROP_DATE, PROP_ID, PROP_COUNTRY, PROP_TEXT };

struct prop_info {
    const char *name;
    int ftm;             /* a FollowTheMoney Person property */
    enum prop_kind kind;
};
extern const struct prop_info record_props[];

/* The static name of a known property, or NULL. */
const char *record_prop_intern(const char *prop);
const struct prop_info *record_prop_info(const char *prop);

/* Column roles of --map (id, name, alias, dob, ...): the property each
 * fills, NULL for id and schema. */
struct role_info {
    const char *role, *prop;
};
extern const struct role_info record_roles[];
const struct role_info *record_role(const char *role);

/* The property a column header stands for ("Date of birth" -> birthDate,
 * "passportNumber" -> passportNumber), or NULL; *is_id / *is_schema are
 * set for the id and schema columns. */
const char *record_header_prop(const char *header, int *is_id, int *is_schema);

/* ---- reading --------------------------------------------------------- */
typedef enum {
    RFMT_AUTO = 0, RFMT_CSV, RFMT_TSV, RFMT_JSONL, RFMT_FTM, RFMT_OFAC, RFMT_UNXML
} rec_format;

const char *rec_format_name(rec_format f);
/* Parses "csv|tsv|jsonl|ftm|ofac|un-xml"; returns 0 or -1. */
int rec_format_parse(const char *s, rec_format *f);

#define READ_MAX_MAP 64

struct read_options {
    rec_format format;
    struct { const char *role, *column; } map[READ_MAX_MAP];
    size_t nmap;
    const char *sep;     /* splits multi-valued cells ("; " in the EU annexes) */
    int no_header;       /* CSV/TSV: the first row is data */
};

/* Where a read stopped, or why a row was refused. */
struct read_error {
    char file[256];
    long line;           /* 1-based, 0 when the position is a byte offset */
    long long offset;    /* byte offset, -1 when unknown */
    char msg[512];
    int row;             /* a bad row (--skip-bad would pass it), not a bad file */
};

/* What a reader does with what it reads.  record: a record is complete
 * (return NG_OK to go on; another status stops the read with it); reject:
 * a row was refused (skip_bad); progress: bytes of the input read so far. */
struct read_sink {
    ng_status (*record)(void *ctx, ng_record *r);
    ng_status (*reject)(void *ctx, const struct read_error *why, const char *raw);
    void (*progress)(void *ctx, long long done, long long total);
    /* optional: something the user should know that is no error */
    void (*warn)(void *ctx, const char *msg);
    /* optional (OFAC): Remarks clauses classified into fields, of all */
    void (*remarks)(void *ctx, size_t known, size_t total);
    void *ctx;
    int skip_bad;        /* refuse bad rows and go on, instead of stopping */
};

/* Reads paths (one file, or the OFAC set) in format o->format (guessed when
 * RFMT_AUTO: *guessed receives the format used).  NG_EDATA with err filled
 * for bad content, NG_EIO when a file cannot be read, NG_EINVAL for a
 * column map that does not fit the file. */
ng_status records_read(const char *const *paths, size_t npaths, const struct read_options *o,
                       const struct read_sink *sink, struct read_error *err,
                       rec_format *guessed);

/* The format records_read would guess for paths (RFMT_AUTO when it
 * cannot tell: the file is missing, empty...). */
rec_format records_guess(const char *const *paths, size_t npaths);

/* The readers, on an open stream named `name` in messages (the fuzz
 * harnesses call them on memory). */
ng_status read_csv(FILE *f, const char *name, int delim, const struct read_options *o,
                   const struct read_sink *sink, struct read_error *err);
ng_status read_jsonl(FILE *f, const char *name, int ftm, const struct read_options *o,
                     const struct read_sink *sink, struct read_error *err);
ng_status read_unxml(const char *buf, size_t len, const char *name,
                     const struct read_sink *sink, struct read_error *err);
/* OFAC legacy CSV: the streams of sdn, alt, add and sdn_comments (any but
 * sdn may be NULL). */
ng_status read_ofac(FILE *sdn, FILE *alt, FILE *add, FILE *comments, const char *const names[4],
                    const struct read_sink *sink, struct read_error *err);

/* The rows of a CSV stream (csvread.c): fn gets the fields of each row
 * (f[i] may be taken: set it to NULL), the line the row began on and,
 * with keep_raw, the row as written.  A status other than NG_OK stops. */
typedef ng_status csv_row_fn(void *ctx, char **f, const size_t *flen, size_t nf, long line,
                             const char *raw);
ng_status csv_rows(FILE *f, const char *name, int delim, int keep_raw, csv_row_fn *fn,
                   void *fnctx, const struct read_sink *sink, struct read_error *err);
/* A bad row: NG_EDATA with err filled, or, with sink->skip_bad, handed to
 * sink->reject (its status returned). */
ng_status csv_bad_row(const struct read_sink *sink, struct read_error *err, const char *raw,
                      const char *file, long line, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* Why a field cannot be read as text ("invalid UTF-8", "NUL byte"), with
 * the byte offset in *at, or NULL. */
const char *csv_field_problem(const char *s, size_t len, size_t *at);

/* OFAC Remarks: the clauses of one remark into r; *known and *total count
 * the clauses classified and seen (ofac_remarks.c). */
ng_status ofac_remarks(ng_record *r, const char *remarks, size_t *known, size_t *total,
                       void (*unknown)(void *ctx, const char *clause), void *ctx);

/* Fills err (printf-style message) and returns st. */
ng_status read_fail(struct read_error *err, ng_status st, const char *file, long line,
                    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* ---- writing ---------------------------------------------------------- */
typedef enum { WFMT_CSV = 1, WFMT_JSONL, WFMT_FTM } wr_format;

struct writer;
/* A writer of records to f; dataset names the ids ("DATASET:ID"), ftm_ids
 * keeps the source ids as FtM ids (a dataset imported from FtM); cols are
 * the properties of the CSV columns, in order. */
struct writer *writer_new(FILE *f, wr_format fmt, const char *dataset, int ftm_ids,
                          const char *const *cols, size_t ncols);
ng_status writer_put(struct writer *w, const ng_record *r);
/* Finishes (flushes) and frees; returns NG_EIO when writing failed. */
ng_status writer_end(struct writer *w);

/* ---- days ------------------------------------------------------------- */
/* Days from 1970-01-01 of a civil date (proleptic Gregorian), and back. */
long date_days(int y, int m, int d);
void date_civil(long days, int *y, int *m, int *d);

#endif
