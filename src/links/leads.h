/*
 * leads.h -- ranked leads from what records share (leads.c has the rules
 * and the weights).
 */
#ifndef NG_LINKS_LEADS_H
#define NG_LINKS_LEADS_H

#include <stddef.h>
#include <stdint.h>

#include "links/links.h"

typedef enum { LL_SAME, LL_SEQUENCE, LL_WATCH, LL_ALIAS, LL_TRAVEL, LL_NKINDS } llink;
const char *llink_name(llink k);

/* A place of the user's watch list. */
struct lwatch {
    const char *address, *label;
};

/* A flight a person took: person is a record id (DATASET:ID). */
struct ltravel {
    const char *person, *carrier, *flight, *date, *from, *to;
};

struct links_options {
    unsigned kinds;           /* bits 1 << LL_*: which kinds to look for */
    long max_gap;             /* sequence: numbers at most this far apart (50) */
    size_t common;            /* same: an identifier of more records says nothing (50) */
    long alias_days;          /* alias: birth dates at most this many days apart (7) */
    size_t same_dob_max;      /* alias: a birth date of more records says nothing (4) */
    const struct lwatch *watch;
    size_t nwatch;
    const struct ltravel *travel;
    size_t ntravel;
};
struct links_options links_default_options(void);

struct llead {
    llink kind;               /* the strongest of its links */
    unsigned kinds;           /* all of them: bits 1 << LL_* */
    uint32_t *recs;           /* the records (indexes), ascending */
    size_t n;
    char *evidence;           /* of every link, "; " between */
    double score;             /* its links together, then the other leads
                                 between its records */
    long cluster;             /* its component of the graph of all leads */
};

struct links_result {
    struct llead *leads;      /* best first */
    size_t n;
    long *cluster;            /* of each record: its component, or -1 */
};

/* The leads among n records (ids their DATASET:ID, for the travel file),
 * with the engine e (addresses are keyed and names compared with it).
 * NG_OK and res filled (free with links_free), or NG_ENOMEM. */
ng_status links_find(ng_engine *e, const ng_record *const *recs, const char *const *ids, size_t n,
                     const struct links_options *o, struct links_result *res);
void links_free(struct links_result *r);
/* The kinds of a lead as text ("same+sequence") into buf; returns buf. */
char *llead_kinds(const struct llead *l, char *buf, size_t cap);

#endif
