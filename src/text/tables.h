/*
 * tables.h -- the hand-editable tables of data/, compiled into C by
 * tools/gentables.sh.  A table is a run of rows; each row is a run of
 * NUL-terminated UTF-8 fields closed by a NULL pointer.  Iterate with
 *
 *     const char *const *row = t->cells;
 *     for (size_t r = 0; r < t->nrows; r++, row = table_next(row)) ...
 */
#ifndef NG_TEXT_TABLES_H
#define NG_TEXT_TABLES_H

#include <stddef.h>

typedef struct ng_table {
    const char *const *cells;
    size_t nrows;
} ng_table;

/* Number of fields in the row starting at row. */
static inline size_t table_nfields(const char *const *row)
{
    size_t n = 0;
    while (row[n]) n++;
    return n;
}

/* The row after the one starting at row. */
static inline const char *const *table_next(const char *const *row)
{
    while (*row) row++;
    return row + 1;
}

extern const ng_table ng_tab_fold;
extern const ng_table ng_tab_titles;
extern const ng_table ng_tab_particles;
extern const ng_table ng_tab_given_names;
extern const ng_table ng_tab_given_names_intl;
extern const ng_table ng_tab_nicknames;
extern const ng_table ng_tab_latin_rules;
extern const ng_table ng_tab_cyrillic_keys;
extern const ng_table ng_tab_name_suffixes;
extern const ng_table ng_tab_ofac_remarks;
extern const ng_table ng_tab_countries;
extern const ng_table ng_tab_states;
extern const ng_table ng_tab_reasons;
extern const ng_table ng_tab_news_words;
extern const ng_table ng_tab_street_types;

#endif
