/*
 * cli.h -- shared pieces of the command line: exit codes, messages, options.
 * Only src/cli talks to the terminal.
 */
#ifndef NG_CLI_H
#define NG_CLI_H

#include <stdio.h>

#include "nongrata.h"

/* Exit codes (docs/exit-codes.md) */
enum { EXIT_OK = 0, EXIT_DATA = 1, EXIT_USAGE = 2, EXIT_IO = 3 };

/* Prints "nongrata: error: ..." to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints "nongrata: ...\nTry 'nongrata CMD --help'." and returns EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Output formats */
typedef enum { FMT_TABLE, FMT_CSV, FMT_JSON, FMT_JSONL } cli_format;
/* Parses "table|text|csv|json|jsonl"; returns 0 or -1. */
int cli_parse_format(const char *s, cli_format *f);
/* Parses a threshold in [0,1] in the C locale; returns 0 or -1. */
int cli_parse_threshold(const char *s, double *t);

/* Prints s and pads it with spaces to width columns, counting code points
 * (so that Cyrillic lines up with Latin). */
void cli_pad(const char *s, int width);

/* Prints s as a CSV field (quoted when it must be). */
void cli_csv_cell(const char *s);

/* Prints a JSON value (indented, a newline after) and frees it. */
typedef struct json_t json_t;
void cli_put_json(json_t *j);

/* Engine for the command, with the error printed when it cannot be made. */
ng_engine *cli_engine(void);

/* The store's path: --db, else $NONGRATA_DB, else ./nongrata.db. */
const char *cli_db_path(const char *opt);
/* Opens the store (creating it with create); prints the error and sets
 * *rc on failure. */
struct store;
struct store *cli_store(const char *path, int create, int *rc);

int cmd_normalize(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_datasets(int argc, char **argv);
int cmd_imports(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_drop(int argc, char **argv);
int cmd_match(int argc, char **argv);
int cmd_xref(int argc, char **argv);
int cmd_candidates(int argc, char **argv);
int cmd_ledger(int argc, char **argv);
int cmd_links(int argc, char **argv);
int cmd_graph(int argc, char **argv);
int cmd_compare(int argc, char **argv);

#endif
