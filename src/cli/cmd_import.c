/*
 * cmd_import.c -- `nongrata import`: a list into the store, whole or not
 * at all.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "records/records.h"
#include "store/store.h"

static const char help[] =
    "Usage: nongrata import FILE... --dataset NAME [OPTIONS]\n"
    "\n"
    "Reads a list into the store as dataset NAME, in one transaction: a file\n"
    "with an error changes nothing.  Importing NAME again replaces it; records\n"
    "keep their ids when the list's own id is the same.\n"
    "\n"
    "Formats (guessed when not given):\n"
    "  csv, tsv    a header row; columns by name (see docs/records.md) or --map\n"
    "  jsonl       one flat JSON object a line\n"
    "  ftm         FollowTheMoney entities, one a line (OpenSanctions, Aleph)\n"
    "  ofac        OFAC's legacy CSV set: sdn.csv [alt.csv] [add.csv]\n"
    "              [sdn_comments.csv], in any order\n"
    "  un-xml      the UN Security Council consolidated list\n"
    "\n"
    "Options:\n"
    "  -d, --dataset NAME     the dataset (letters, digits, _ - .)\n"
    "  -F, --format FMT       csv, tsv, jsonl, ftm, ofac or un-xml\n"
    "  -m, --map ROLE=COLUMN  read COLUMN (a header or a 1-based index) as ROLE:\n"
    "                         id name alias given middle surname patronymic dob\n"
    "                         pob gender nationality citizenship position\n"
    "                         country passport idnumber phone email address\n"
    "                         note posting plate source; a role may repeat\n"
    "      --sep S            split cells holding several values at S (\"; \")\n"
    "      --no-header        the first row is data (name columns by index)\n"
    "      --merge-ids        rows of one id are one record (a row an alias);\n"
    "                         else an id given twice is an error (ftm: merged)\n"
    "      --skip-bad FILE    import the good rows, write the rejected ones with\n"
    "                         their reason to FILE (CSV: file,line,reason,row)\n"
    "      --db PATH          the store (default $NONGRATA_DB or ./nongrata.db)\n"
    "      --threads N        1, or 2 (default): read and normalise on one core\n"
    "                         while the other writes\n"
    "  -q, --quiet            no progress bar and no summary\n"
    "  -h, --help             this help\n";

struct importer {
    store *s;
    struct import_counts c;
    FILE *rej;
    const char *rejpath;
    int progress;        /* draw a bar on stderr */
    int bar_drawn;
    size_t known, total; /* OFAC remarks */
    char errbuf[600];
    char warnings[4][600];
    int nwarn;
};

/* A CSV field into f. */
static void put_field(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"') fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static ng_status on_reject(void *ctx, const struct read_error *why, const char *raw)
{
    struct importer *im = ctx;
    if (!im->rej) return NG_OK;
    put_field(im->rej, why->file);
    fprintf(im->rej, ",%ld,", why->line);
    put_field(im->rej, why->msg);
    fputc(',', im->rej);
    put_field(im->rej, raw);
    fputc('\n', im->rej);
    return ferror(im->rej) ? NG_EIO : NG_OK;
}

static void on_progress(void *ctx, long long done, long long total)
{
    struct importer *im = ctx;
    if (!im->progress) return;
    int pct = total > 0 ? (int)(100 * done / total) : 0;
    if (pct > 100) pct = 100;
    char bar[31];
    int fill = pct * 30 / 100;
    for (int i = 0; i < 30; i++) bar[i] = i < fill ? '#' : '.';
    bar[30] = 0;
    fprintf(stderr, "\r  [%s] %3d%%  %ld records read", bar, pct, im->c.read);
    fflush(stderr);
    im->bar_drawn = 1;
}

static void on_warn(void *ctx, const char *msg)
{
    struct importer *im = ctx;
    if (im->nwarn < 4) snprintf(im->warnings[im->nwarn++], sizeof im->warnings[0], "%s", msg);
}

static void on_remarks(void *ctx, size_t known, size_t total)
{
    struct importer *im = ctx;
    im->known = known;
    im->total = total;
}

const char *cli_db_path(const char *opt)
{
    if (opt) return opt;
    const char *env = getenv("NONGRATA_DB");
    return env && *env ? env : "nongrata.db";
}

store *cli_store(const char *path, int create, int *rc)
{
    store *s = NULL;
    char err[600];
    ng_status st = store_open(path, create, &s, err, sizeof err);
    if (st != NG_OK) {
        cli_error("%s", err);
        *rc = EXIT_IO;
        return NULL;
    }
    return s;
}

int cmd_import(int argc, char **argv)
{
    struct read_options o;
    memset(&o, 0, sizeof o);
    const char *dataset = NULL, *db = NULL, *skip = NULL;
    const char *files[16];
    size_t nfiles = 0;
    int quiet = 0, merge = -1, threads = 2;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
#define VALUE(name) (++i < argc ? argv[i] : (cli_usage_error("import", "%s needs a value", name), (const char *)NULL))
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) { fputs(help, stdout); return EXIT_OK; }
        else if (strcmp(a, "-d") == 0 || strcmp(a, "--dataset") == 0) { if (!(dataset = VALUE(a))) return EXIT_USAGE; }
        else if (strcmp(a, "--db") == 0) { if (!(db = VALUE(a))) return EXIT_USAGE; }
        else if (strcmp(a, "--skip-bad") == 0) { if (!(skip = VALUE(a))) return EXIT_USAGE; }
        else if (strcmp(a, "--sep") == 0) { if (!(o.sep = VALUE(a))) return EXIT_USAGE; }
        else if (strcmp(a, "--no-header") == 0) o.no_header = 1;
        else if (strcmp(a, "--merge-ids") == 0) merge = 1;
        else if (strcmp(a, "--threads") == 0) {
            const char *v = VALUE(a);
            if (!v) return EXIT_USAGE;
            threads = atoi(v);
            if (threads < 1 || threads > 2) return cli_usage_error("import", "--threads is 1 or 2");
        }
        else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) quiet = 1;
        else if (strcmp(a, "-F") == 0 || strcmp(a, "--format") == 0) {
            const char *v = VALUE(a);
            if (!v) return EXIT_USAGE;
            if (rec_format_parse(v, &o.format))
                return cli_usage_error("import", "unknown format '%s' (csv, tsv, jsonl, ftm, ofac, un-xml)", v);
        } else if (strcmp(a, "-m") == 0 || strcmp(a, "--map") == 0) {
            const char *v = VALUE(a);
            if (!v) return EXIT_USAGE;
            const char *eq = strchr(v, '=');
            if (!eq || eq == v || !eq[1])
                return cli_usage_error("import", "--map wants ROLE=COLUMN, not '%s'", v);
            if (o.nmap == READ_MAX_MAP) return cli_usage_error("import", "too many --map options");
            char *role = strndup(v, (size_t)(eq - v));
            if (!role) return EXIT_IO;
            if (!record_role(role)) {
                cli_usage_error("import", "--map %s: unknown role '%s'", v, role);
                free(role);
                return EXIT_USAGE;
            }
            o.map[o.nmap].role = role;
            o.map[o.nmap++].column = eq + 1;
        } else if (a[0] == '-' && a[1]) {
            return cli_usage_error("import", "unknown option '%s'", a);
        } else {
            if (nfiles == 16) return cli_usage_error("import", "too many files");
            files[nfiles++] = a;
        }
#undef VALUE
    }
    int rc = EXIT_OK;
    if (!nfiles) { rc = cli_usage_error("import", "no file given"); goto out_map; }
    if (!dataset) { rc = cli_usage_error("import", "--dataset NAME is required"); goto out_map; }
    if (!store_valid_dataset_name(dataset)) {
        rc = cli_usage_error("import", "'%s' is no dataset name (letters, digits, _ - . ; at most 64)", dataset);
        goto out_map;
    }
    if (o.nmap && (o.format == RFMT_OFAC || o.format == RFMT_UNXML || o.format == RFMT_FTM)) {
        rc = cli_usage_error("import", "--map is for csv, tsv and jsonl files");
        goto out_map;
    }
    struct importer im;
    memset(&im, 0, sizeof im);
    im.progress = !quiet && isatty(2);

    if (skip) {
        im.rej = fopen(skip, "w");
        if (!im.rej) { cli_error("%s: cannot write: %s", skip, strerror(errno)); rc = EXIT_IO; goto out_map; }
        fputs("file,line,reason,row\n", im.rej);
        im.rejpath = skip;
    }
    if (!(im.s = cli_store(cli_db_path(db), 1, &rc))) goto out;
    /* the files, for the log */
    char filelist[1024] = "";
    for (size_t i = 0; i < nfiles; i++) {
        size_t l = strlen(filelist);
        snprintf(filelist + l, sizeof filelist - l, "%s%s", i ? " " : "", files[i]);
    }
    struct read_sink sink = {NULL, on_reject, on_progress, on_warn, on_remarks, &im, skip != NULL};
    struct read_error err;
    rec_format used = o.format;
    /* FtM entities of one id are fragments of one entity; elsewhere an id
     * given twice is a mistake unless --merge-ids says otherwise */
    if (o.format == RFMT_AUTO) o.format = records_guess(files, nfiles);
    if (merge < 0) merge = o.format == RFMT_FTM;
    ng_status st = store_import_begin(im.s, dataset, rec_format_name(o.format), filelist, merge);
    if (st != NG_OK) { cli_error("%s", store_errmsg(im.s)); rc = EXIT_IO; goto out; }
    used = o.format;
    st = store_import_files(im.s, files, nfiles, &o, &sink, &err, threads, &im.c);
    if (im.bar_drawn) fputs("\r\033[K", stderr);
    if (st == NG_OK) {
        if (im.rej && fflush(im.rej) != 0) {
            store_import_abort(im.s, &im.c, "the reject file could not be written");
            cli_error("%s: cannot write", skip);
            rc = EXIT_IO;
            goto out;
        }
        st = store_import_set_format(im.s, rec_format_name(used));
        if (st == NG_OK) st = store_import_commit(im.s, &im.c);
        if (st != NG_OK) { cli_error("%s", store_errmsg(im.s)); rc = EXIT_IO; goto out; }
        if (!quiet) {
            fprintf(stderr, "nongrata: imported %s: %ld record%s from %s (%s)", dataset, im.c.kept,
                    im.c.kept == 1 ? "" : "s", filelist, rec_format_name(used));
            if (im.c.rejected)
                fprintf(stderr, "; %ld row%s rejected, written to %s", im.c.rejected,
                        im.c.rejected == 1 ? "" : "s", skip);
            fputc('\n', stderr);
            if (im.total)
                fprintf(stderr, "nongrata: OFAC remarks: %zu of %zu clauses read into fields (%.2f%%)\n",
                        im.known, im.total, 100.0 * (double)im.known / (double)im.total);
            for (int k = 0; k < im.nwarn; k++) fprintf(stderr, "nongrata: warning: %s\n", im.warnings[k]);
        }
        goto out;
    }
    /* nothing of this import stays */
    char why[900];
    if (st == NG_ESTORE) snprintf(why, sizeof why, "%s", store_errmsg(im.s));
    else if (err.file[0] && err.line > 0) snprintf(why, sizeof why, "%s:%ld: %s", err.file, err.line, err.msg);
    else if (err.file[0]) snprintf(why, sizeof why, "%s: %s", err.file, err.msg);
    else if (err.msg[0]) snprintf(why, sizeof why, "%s", err.msg);
    else snprintf(why, sizeof why, "%s", ng_strerror(st));
    store_import_abort(im.s, &im.c, why);
    cli_error("%s", why);
    if (st == NG_EDATA && err.row && !skip)
        fprintf(stderr, "nongrata: nothing was imported (--skip-bad FILE imports the good rows)\n");
    else fprintf(stderr, "nongrata: nothing was imported\n");
    rc = st == NG_EDATA ? EXIT_DATA : st == NG_EINVAL ? EXIT_USAGE : EXIT_IO;
out:
    store_close(im.s);
    if (im.rej) fclose(im.rej);
out_map:
    for (size_t k = 0; k < o.nmap; k++) free((char *)o.map[k].role);
    return rc;
}
