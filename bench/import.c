/*
 * import.c -- records imported per second, by stage, against a plain load
 * of the same file measured in the same run.
 *
 *   build/rel/bench/import FILE... [--format F] [--db PATH] [--sep S]
 *
 * FILE is one list, or the OFAC set.  Stages, each a full pass:
 *   read       the reader alone (CSV/XML/... into records, dates read);
 *   normalise  the reader, then every name through the name engine;
 *   import     the whole import into a fresh store, one transaction,
 *              normalised names stored beside the values (what
 *              `nongrata import` does);
 * and the baseline: the bare parse of the file by libcsv (fields counted,
 * nothing made of them) for CSV and OFAC, or libxml2's parse for XML.
 */
#include <csv.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "records/records.h"
#include "store/store.h"
#include "clock.h"


struct ctx {
    long n;
    ng_engine *e;
    store *s;
    long names;
};

static ng_status count(void *c, ng_record *r)
{
    (void)r;
    ((struct ctx *)c)->n++;
    return NG_OK;
}

static ng_status normalise(void *vc, ng_record *r)
{
    struct ctx *c = vc;
    c->n++;
    for (size_t i = 0; i < ng_record_count(r); i++) {
        const ng_value *v = ng_record_value(r, i);
        const struct prop_info *pi = record_prop_info(v->prop);
        if (!pi || pi->kind != PROP_NAME) continue;
        ng_name *nm = NULL;
        if (ng_name_parse(c->e, v->value, (size_t)-1, &nm) == NG_OK) ng_name_free(nm);
        c->names++;
    }
    return NG_OK;
}

static ng_status import(void *vc, ng_record *r)
{
    struct ctx *c = vc;
    c->n++;
    return store_import_record(c->s, c->e, r);
}

/* An empty store at path (the file and its WAL removed first). */
static store *fresh_store(const char *path)
{
    char side[4200], emsg[600];
    remove(path);
    snprintf(side, sizeof side, "%s-wal", path);
    remove(side);
    snprintf(side, sizeof side, "%s-shm", path);
    remove(side);
    store *s = NULL;
    if (store_open(path, 1, &s, emsg, sizeof emsg) != NG_OK) fprintf(stderr, "%s\n", emsg);
    return s;
}

static void f1(void *s, size_t l, void *d) { (void)s; (void)l; (*(long *)d)++; }
static void f2(int c, void *d) { (void)c; (void)d; }

/* The bare parse: libcsv over the bytes of each file, or libxml2. */
static double baseline(const char *const *paths, size_t n, int xml, long *fields)
{
    double t0 = now();
    *fields = 0;
    for (size_t i = 0; i < n; i++) {
        FILE *f = fopen(paths[i], "rb");
        if (!f) { perror(paths[i]); exit(3); }
        if (xml) {
            fseek(f, 0, SEEK_END);
            long sz = ftell(f);
            rewind(f);
            char *buf = malloc((size_t)sz);
            if (fread(buf, 1, (size_t)sz, f) != (size_t)sz) exit(3);
            xmlDocPtr doc = xmlReadMemory(buf, (int)sz, paths[i], NULL, XML_PARSE_NONET);
            xmlFreeDoc(doc);
            free(buf);
        } else {
            struct csv_parser p;
            csv_init(&p, 0);
            char buf[1 << 16];
            size_t got;
            while ((got = fread(buf, 1, sizeof buf, f)) > 0) csv_parse(&p, buf, got, f1, f2, fields);
            csv_fini(&p, f1, f2, fields);
            csv_free(&p);
        }
        fclose(f);
    }
    return now() - t0;
}

int main(int argc, char **argv)
{
    const char *paths[8];
    size_t np = 0;
    const char *db = "bench/out/import_bench.db";
    struct read_options o;
    memset(&o, 0, sizeof o);
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) rec_format_parse(argv[++i], &o.format);
        else if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) db = argv[++i];
        else if (strcmp(argv[i], "--sep") == 0 && i + 1 < argc) o.sep = argv[++i];
        else if (np < 8) paths[np++] = argv[i];
    }
    if (!np) { fprintf(stderr, "usage: import FILE... [--format F] [--db PATH]\n"); return 2; }
    rec_format fmt = o.format ? o.format : records_guess(paths, np);
    o.format = fmt;
    struct read_error err;
    struct ctx c = {0};
    struct read_sink sink = {count, NULL, NULL, NULL, NULL, &c, 0};
    /* the baseline first, then each stage */
    long fields;
    double tb = baseline(paths, np, fmt == RFMT_UNXML, &fields);
    double t0 = now();
    if (records_read(paths, np, &o, &sink, &err, NULL) != NG_OK) { fprintf(stderr, "%s:%ld: %s\n", err.file, err.line, err.msg); return 1; }
    double t1 = now();
    long nrec = c.n;
    c.n = 0;
    c.e = ng_engine_new(NULL);
    sink.record = normalise;
    double t2 = now();
    records_read(paths, np, &o, &sink, &err, NULL);
    double t3 = now();
    /* a fresh store, and a fresh engine (cold token cache) */
    ng_engine_free(c.e);
    c.e = ng_engine_new(NULL);
    if (!(c.s = fresh_store(db))) return 3;
    c.n = 0;
    sink.record = import;
    /* what `nongrata import` does: store_import_files, on two cores */
    double t4 = now();
    store_import_begin(c.s, "bench", rec_format_name(fmt), "bench", 0);
    struct import_counts cnt = {0, 0, 0};
    struct read_sink usink = {NULL, NULL, NULL, NULL, NULL, NULL, 0};
    if (store_import_files(c.s, paths, np, &o, &usink, &err, 2, &cnt) != NG_OK) { fprintf(stderr, "%s:%ld: %s\n", err.file, err.line, err.msg); return 1; }
    if (store_import_commit(c.s, &cnt) != NG_OK) { fprintf(stderr, "%s\n", store_errmsg(c.s)); return 3; }
    double t5 = now();
    store_close(c.s);
    /* the same on one core */
    if (!(c.s = fresh_store(db))) return 3;
    double t8 = now();
    store_import_begin(c.s, "bench", rec_format_name(fmt), "bench", 0);
    memset(&cnt, 0, sizeof cnt);
    if (store_import_files(c.s, paths, np, &o, &usink, &err, 1, &cnt) != NG_OK) return 1;
    if (store_import_commit(c.s, &cnt) != NG_OK) return 3;
    double t9 = now();
    store_close(c.s);
    /* the store alone: the same import without the name engine */
    if (!(c.s = fresh_store(db))) return 3;
    ng_engine *keep = c.e;
    c.e = NULL;
    c.n = 0;
    double t6 = now();
    store_import_begin(c.s, "bench", rec_format_name(fmt), "bench", 0);
    records_read(paths, np, &o, &sink, &err, NULL);
    store_import_commit(c.s, &cnt);
    double t7 = now();
    store_close(c.s);
    c.e = keep;
    ng_engine_free(c.e);
    printf("%s%s (%s): %ld records, %ld names\n", paths[0], np > 1 ? " ..." : "", rec_format_name(fmt), nrec, c.names);
    printf("  baseline, bare %s parse:   %10.0f records/s  (%.3f s)\n", fmt == RFMT_UNXML ? "libxml2" : "libcsv", nrec / tb, tb);
    printf("  read into records:         %10.0f records/s  (%.3f s)\n", nrec / (t1 - t0), t1 - t0);
    printf("  read + names normalised:   %10.0f records/s  (%.3f s)\n", nrec / (t3 - t2), t3 - t2);
    printf("  full import, two cores:    %10.0f records/s  (%.3f s)\n", nrec / (t5 - t4), t5 - t4);
    printf("  full import, one core:     %10.0f records/s  (%.3f s)\n", nrec / (t9 - t8), t9 - t8);
    printf("  (the same without names normalised: %.0f records/s, %.3f s)\n", nrec / (t7 - t6), t7 - t6);
    printf("  ratio full import / bare parse: %.1fx the time\n", (t5 - t4) / tb);
    return 0;
}
