/*
 * mset.h -- a list of records made ready for matching (mset.c).
 */
#ifndef NG_MATCH_MSET_H
#define NG_MATCH_MSET_H

#include "match/match.h"

struct store;
struct read_options;
struct read_error;

struct mset {
    char name[80];        /* the dataset, or the name given to a file */
    struct mrec *v;
    size_t n;
    ng_engine *e[2];      /* the engines that parsed the names; e[0] owns
                             the tokens the names share (e[1] uses its
                             store): freed last */
    struct arena ar[2];   /* the records' pieces, one a thread */
};

/* Every record of a dataset of the store; records with no name the engine
 * can read are left out.  threads: 1 or 2. */
ng_status mset_from_store(struct mset *s, struct store *db, const char *dataset, int threads);
/* Every record of a file, read as `import` reads it (nothing stored); ids
 * are name:ID. */
ng_status mset_from_file(struct mset *s, const char *path, const char *name,
                         const struct read_options *o, struct read_error *err, int threads);
/* The given records. */
ng_status mset_from_records(struct mset *s, const char *name, ng_record *const *recs, size_t n,
                            int threads);
void mset_free(struct mset *s);

#endif
