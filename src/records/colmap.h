/*
 * colmap.h -- from named columns (CSV headers, JSON keys) to properties:
 * the --map options first, then the headers nongrata knows.
 */
#ifndef NG_RECORDS_COLMAP_H
#define NG_RECORDS_COLMAP_H

#include "records/records.h"

#define COLMAP_MAX 512

struct colmap {
    size_t n;
    struct col {
        const char *prop;  /* property filled, or NULL */
        int is_id, is_schema;
        int date;          /* read with ng_record_add_date */
    } col[COLMAP_MAX];
    int has_name;          /* some column gives a whole name */
    int has_parts;         /* given / surname / patronymic columns */
    int has_id;
    size_t id_cols[8];     /* the id columns in the order --map named them */
    size_t nid;
};

/* Builds the map of ncols columns named headers[] (NULL entries: unnamed).
 * NG_EINVAL with err->msg when a --map column does not exist (unless
 * missing_ok: a JSON object may lack a key others have). */
ng_status colmap_build(struct colmap *m, const char *const *headers, size_t ncols,
                       const struct read_options *o, int missing_ok, const char *file,
                       struct read_error *err);

/* The record of one row: values[i] of column i (NULL or "" when empty);
 * rowno names the record when no column gives an id.  Returns NG_OK, or
 * NG_EDATA with err->msg (the line is the caller's to fill). */
ng_status colmap_record(const struct colmap *m, const char *const *values, size_t nvalues,
                        const char *const *headers, const struct read_options *o, long rowno,
                        ng_record *r, struct read_error *err);

#endif
