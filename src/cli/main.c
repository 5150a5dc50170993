/*
 * main.c -- `nongrata SUBCOMMAND ...`: dispatch, shared helpers.
 */
#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const char usage[] =
    "Usage: nongrata SUBCOMMAND [OPTIONS] [ARGS]\n"
    "\n"
    "Cross-reference lists of people written in different alphabets and\n"
    "spelling conventions, and explain every decision.\n"
    "\n"
    "Subcommands:\n"
    "  normalize NAME...         show how names are read: script, tokens, roles,\n"
    "                            transliteration and phonetic keys\n"
    "  compare NAME1 NAME2       score two names, with --explain for the reasons\n"
    "  compare --pairs FILE      score TAB-separated name pairs, one per line\n"
    "  import FILE... --dataset NAME\n"
    "                            read a list (CSV, TSV, JSON Lines, FtM, OFAC,\n"
    "                            UN XML) into the store\n"
    "  datasets                  the datasets of the store\n"
    "  imports                   the import log\n"
    "  show DATASET:ID...        records of the store, with all their values\n"
    "  export DATASET --format csv|jsonl|ftm\n"
    "  drop DATASET              remove a dataset\n"
    "  match QUERY               screen a name against the lists of the store\n"
    "  xref A B                  every pair across two lists (datasets or files)\n"
    "  candidates                the pairs xref --store saved for review\n"
    "  links [DATASET...]        ranked leads from what records share: one\n"
    "                            passport, phone or address, consecutive passport\n"
    "                            numbers, shifted birth dates, shared flights\n"
    "  graph [DATASET...] --format graphml|dot|cytoscape|ftm|svg [--around ID]\n"
    "                            the leads as a graph, or a record's neighbourhood\n"
    "  ledger SUBCOMMAND         the expulsion ledger: import, add, staff, events,\n"
    "                            pairs, chains, balance, waves, missions, extract,\n"
    "                            report (nongrata ledger --help)\n"
    "\n"
    "The store is ./nongrata.db unless --db PATH or $NONGRATA_DB says otherwise.\n"
    "Run 'nongrata SUBCOMMAND --help' for the options of each.\n"
    "Exit codes: 0 success, 1 bad data, 2 bad usage, 3 I/O failure.\n";

void cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("nongrata: error: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("nongrata: ", stderr);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\nTry 'nongrata %s --help'.\n", cmd);
    va_end(ap);
    return EXIT_USAGE;
}

int cli_parse_format(const char *s, cli_format *f)
{
    if (strcmp(s, "table") == 0 || strcmp(s, "text") == 0) *f = FMT_TABLE;
    else if (strcmp(s, "csv") == 0) *f = FMT_CSV;
    else if (strcmp(s, "json") == 0) *f = FMT_JSON;
    else if (strcmp(s, "jsonl") == 0) *f = FMT_JSONL;
    else return -1;
    return 0;
}

int cli_parse_threshold(const char *s, double *t)
{
    /* strtod depends on the locale's decimal point; parse by hand */
    const char *p = s;
    double v = 0, scale = 1;
    int digits = 0;
    while (*p >= '0' && *p <= '9') { v = v * 10 + (*p++ - '0'); digits++; }
    if (*p == '.') {
        p++;
        while (*p >= '0' && *p <= '9') { scale /= 10; v += (*p++ - '0') * scale; digits++; }
    }
    if (*p || digits == 0 || v < 0 || v > 1) return -1;
    *t = v;
    return 0;
}

void cli_pad(const char *s, int width)
{
    fputs(s, stdout);
    int cols = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) cols += (*p & 0xC0) != 0x80;
    for (; cols < width; cols++) putchar(' ');
}

void cli_csv_cell(const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) { fputs(s, stdout); return; }
    putchar('"');
    for (; *s; s++) {
        if (*s == '"') putchar('"');
        putchar(*s);
    }
    putchar('"');
}

void cli_put_json(json_t *j)
{
    json_dumpf(j, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(10));
    putchar('\n');
    json_decref(j);
}

ng_engine *cli_engine(void)
{
    ng_status st;
    ng_engine *e = ng_engine_new(&st);
    if (!e) cli_error("cannot start the name engine: %s", ng_strerror(st));
    return e;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage, stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        fputs(usage, stdout);
        return EXIT_OK;
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("nongrata %s\n", NG_VERSION);
        return EXIT_OK;
    }
    if (strcmp(cmd, "normalize") == 0 || strcmp(cmd, "normalise") == 0)
        return cmd_normalize(argc - 1, argv + 1);
    if (strcmp(cmd, "compare") == 0) return cmd_compare(argc - 1, argv + 1);
    if (strcmp(cmd, "import") == 0) return cmd_import(argc - 1, argv + 1);
    if (strcmp(cmd, "datasets") == 0) return cmd_datasets(argc - 1, argv + 1);
    if (strcmp(cmd, "imports") == 0) return cmd_imports(argc - 1, argv + 1);
    if (strcmp(cmd, "show") == 0) return cmd_show(argc - 1, argv + 1);
    if (strcmp(cmd, "export") == 0) return cmd_export(argc - 1, argv + 1);
    if (strcmp(cmd, "drop") == 0) return cmd_drop(argc - 1, argv + 1);
    if (strcmp(cmd, "match") == 0) return cmd_match(argc - 1, argv + 1);
    if (strcmp(cmd, "xref") == 0) return cmd_xref(argc - 1, argv + 1);
    if (strcmp(cmd, "candidates") == 0) return cmd_candidates(argc - 1, argv + 1);
    if (strcmp(cmd, "ledger") == 0) return cmd_ledger(argc - 1, argv + 1);
    if (strcmp(cmd, "links") == 0) return cmd_links(argc - 1, argv + 1);
    if (strcmp(cmd, "graph") == 0) return cmd_graph(argc - 1, argv + 1);
    fprintf(stderr, "nongrata: unknown subcommand '%s'\nTry 'nongrata --help'.\n", cmd);
    return EXIT_USAGE;
}
