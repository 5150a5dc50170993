/*
 * store.h -- the SQLite store: datasets, records, the import log, the
 * candidates for review, the expulsion ledger's claims and staff counts.
 *
 * One file (./nongrata.db unless told otherwise), WAL, foreign keys on, a
 * versioned schema migrated on open.  An import is one transaction: it
 * lands whole or not at all, whatever stops it (an error, a kill).
 */
#ifndef NG_STORE_STORE_H
#define NG_STORE_STORE_H

#include "nongrata.h"

typedef struct store store;

#define STORE_SCHEMA_VERSION 3

/* Opens the store at path; with create, makes it when missing.  NG_ESTORE
 * (not a nongrata store, a newer schema, a failure of SQLite) or
 * NG_ENOTFOUND (missing and not create), with the reason in err. */
ng_status store_open(const char *path, int create, store **out, char *err, size_t errcap);
void store_close(store *s);
/* The last error message of the store. */
const char *store_errmsg(const store *s);

/* Whether a dataset name is acceptable: letters, digits, '_', '-', '.',
 * 1 to 64 bytes, not starting with '-' (ids are DATASET:ID). */
int store_valid_dataset_name(const char *name);

/* ---- import ------------------------------------------------------------ */
struct import_counts {
    long read, kept, rejected;
};
/* Starts the import of dataset (replacing it if it exists) from files
 * (one text for the log) in format.  With merge, records of one id in one
 * import are one record (FtM fragments, a list with a row an alias). */
ng_status store_import_begin(store *s, const char *dataset, const char *format, const char *files,
                             int merge);
/* Adds a record.  A second record with an id already given in this import
 * adds its values to the first with merge, else is NG_EDATA (the message,
 * naming the first line, in store_errmsg).  With e, each name's Latin form
 * is stored beside it. */
ng_status store_import_record(store *s, ng_engine *e, const ng_record *r);
/* The format to log, once the reader has guessed it. */
ng_status store_import_set_format(store *s, const char *format);
/* The two halves of store_import_record, for a pipeline where one thread
 * prepares records and another writes them: the JSON of a record's values
 * (with e, names with their Latin form and script) into j (text/buf.h);
 * then the write, in the order records came. */
struct buf;
ng_status store_record_json(ng_engine *e, const ng_record *r, struct buf *j);
ng_status store_import_prepared(store *s, const char *id, const char *schema, long line,
                                const char *json, size_t jlen);

/* Reads files (records_read) and imports them between store_import_begin
 * and store_import_commit, the reading and normalising on a second thread
 * when threads > 1 while this one writes.  The sink's reject, progress and
 * warn are called (never at once); its record is not used.  Counts go to
 * *c; an id given twice is a bad row (sink->skip_bad) or stops with
 * NG_EDATA and err filled. */
struct read_options;
struct read_sink;
struct read_error;
ng_status store_import_files(store *s, const char *const *paths, size_t npaths,
                             const struct read_options *o, const struct read_sink *sink,
                             struct read_error *err, int threads, struct import_counts *c);

/* Commits: the dataset is now exactly the records of this import. */
ng_status store_import_commit(store *s, const struct import_counts *c);
/* Rolls back and logs the failed import with why. */
void store_import_abort(store *s, const struct import_counts *c, const char *why);

/* ---- reading ----------------------------------------------------------- */
struct dataset_info {
    char name[80];
    char format[16];
    char source[512];
    char imported_at[32];
    long rows;
};
/* Calls fn for each dataset, by name. */
ng_status store_datasets(store *s, void (*fn)(void *ctx, const struct dataset_info *d), void *ctx);
ng_status store_dataset(store *s, const char *name, struct dataset_info *d);
/* The distinct properties of a dataset's records, in the order of the
 * property table (then by name); the caller frees the array and strings. */
ng_status store_dataset_props(store *s, const char *name, char ***props, size_t *n);
/* The record DATASET:ID into r (NG_ENOTFOUND). */
ng_status store_record(store *s, const char *dataset, const char *id, ng_record *r);
/* Each record of a dataset, in the order imported; fn's status other than
 * NG_OK stops. */
ng_status store_each(store *s, const char *dataset, ng_status (*fn)(void *ctx, const ng_record *r),
                     void *ctx);
/* Removes a dataset and its records (NG_ENOTFOUND). */
ng_status store_drop(store *s, const char *dataset);

/* One row of the import log, newest first (the last n). */
struct import_log {
    long id;
    char dataset[80], format[16], files[512], started_at[32], finished_at[32], status[16];
    char message[512];
    long read, kept, rejected;
};
ng_status store_imports(store *s, size_t n, void (*fn)(void *ctx, const struct import_log *l),
                        void *ctx);

/* ---- candidates for review (xref --store) -------------------------------- */
/* Pairs saved in one transaction: begin, a call a pair (ids DATASET:ID; a
 * pair saved before is updated), end (commit, or roll back). */
ng_status store_candidates_begin(store *s);
ng_status store_candidate(store *s, const char *a_id, const char *b_id, double score,
                          const char *decision, const char *reason);
ng_status store_candidates_end(store *s, int commit);

struct candidate {
    char a[160], b[160];
    double score;
    char decision[16], reason[1024], found_at[32];
};
/* Every candidate, best first. */
ng_status store_candidates(store *s, void (*fn)(void *ctx, const struct candidate *c), void *ctx);

/* ---- the expulsion ledger (src/ledger reads and writes it) --------------- */
/* A claim as stored: the ledger's fields as text (date in its canonical
 * form, states as codes, reason as its category); count -1 unknown. */
struct store_claim {
    const char *event, *date, *actor, *target;
    long count;
    const char *reason, *reason_text, *source, *answers, *persons;
    const char *origin;
    long line;
};
/* Writes in one transaction: begin (with replace_origin, first removes the
 * claims that came from that file), claims and staff counts, end (commit
 * or roll back).  A claim the store holds already (same event, date,
 * states, count and source) is not added twice: *added says whether it
 * was. */
ng_status store_ledger_begin(store *s, const char *replace_origin);
ng_status store_ledger_claim(store *s, const struct store_claim *c, int *added);
/* A staff count (a later one of the same host, sending state and date
 * replaces it). */
ng_status store_ledger_staff_put(store *s, const char *host, const char *sending, const char *date,
                                 long count, const char *source);
ng_status store_ledger_end(store *s, int commit);
/* Every claim, and every staff count, in the order written; fn's status
 * other than NG_OK stops. */
ng_status store_ledger_claims(store *s, ng_status (*fn)(void *ctx, const struct store_claim *c),
                              void *ctx);
ng_status store_ledger_staff(store *s,
                             ng_status (*fn)(void *ctx, const char *host, const char *sending,
                                             const char *date, long count, const char *source),
                             void *ctx);

#endif
