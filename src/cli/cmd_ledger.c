/*
 * cmd_ledger.c -- `nongrata ledger ...`: the expulsion ledger.
 *
 * import, add and staff write the store; events, pairs, chains, balance,
 * waves and missions read it (or, with --file, ledger files and nothing
 * stored); extract reads news text; report writes an HTML page.
 */
#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "ledger/ledger.h"
#include "ledger/persist.h"
#include "records/records.h"
#include "report/report.h"
#include "store/store.h"

static const char ledger_help[] =
    "Usage: nongrata ledger SUBCOMMAND [OPTIONS]\n"
    "\n"
    "The expulsion ledger: who expelled whom, when, how many, why, and what\n"
    "came back.  An event is known through claims, one a source; sources that\n"
    "disagree stay apart and the event shows their range.\n"
    "\n"
    "Subcommands:\n"
    "  import FILE.csv...        add events (columns id,date,actor,target,count,\n"
    "                            reason,source and optionally answers,persons,\n"
    "                            note) or staff counts (host,sending,date,count,\n"
    "                            source); importing a file again replaces what it\n"
    "                            said before\n"
    "  add --id ID --date DATE --actor STATE --target STATE [--count N]\n"
    "      [--reason TEXT] [--source TEXT] [--answers ID] [--persons IDS]\n"
    "                            add one claim\n"
    "  staff --host STATE --sending STATE --date DATE --count N [--source TEXT]\n"
    "                            record a mission's staff; without --count, list them\n"
    "  events                    the events, with the range of their claims\n"
    "  pairs [--window DAYS]     the earlier event each one answers (default 120\n"
    "                            days): event,answers,lag_days,ratio\n"
    "  chains [--window DAYS]    rounds of replies\n"
    "  balance [--states | --pair STATE STATE]\n"
    "                            what each pair of states expelled of the other's;\n"
    "                            each state's totals; one pair over time\n"
    "  waves [--min-states N] [--days D]\n"
    "                            several states acting against one within D days\n"
    "                            (default 3 states, 14 days), largest first\n"
    "  missions [--host STATE] [--sending STATE]\n"
    "                            a mission's size over time, from its staff counts\n"
    "  extract FILE [--date YYYY-MM-DD]\n"
    "                            propose events from English news text:\n"
    "                            actor,target,count,date,confidence,evidence\n"
    "  report [--out DIR]        an HTML page with the tables and SVG charts\n"
    "\n"
    "Options of every subcommand: --db PATH (the store), --format table|csv|json;\n"
    "the analyses also take --file FILE.csv (repeatable): read ledger files\n"
    "instead of the store.  States are ISO 3166 alpha-3 codes (SUN for the USSR),\n"
    "EU and NATO, or English names.  Dates: 2022-04-06, 2022-04, 2022, or an\n"
    "interval 2022-02-24/2022-04-06.\n";

/* ---- a table in three formats --------------------------------------------- */
/* Cells are text; a column's type says how JSON writes it: 's' a string,
 * 'S' a string or null when empty, 'i' an integer, 'n' a number (an empty
 * cell is null). */
struct tab {
    const char *const *cols;
    const char *types;
    size_t ncols;
    char **cells;
    size_t nrows, cap;
    const size_t *csv_cols; /* the columns CSV prints, or NULL: all */
    size_t ncsv;
};

static int tab_row(struct tab *t, ...)
{
    if ((t->nrows + 1) * t->ncols > t->cap) {
        size_t nc = t->cap ? 2 * t->cap : 64 * t->ncols;
        char **p = realloc(t->cells, nc * sizeof *p);
        if (!p) return -1;
        t->cells = p;
        t->cap = nc;
    }
    va_list ap;
    va_start(ap, t);
    for (size_t c = 0; c < t->ncols; c++) {
        const char *v = va_arg(ap, const char *);
        t->cells[t->nrows * t->ncols + c] = strdup(v ? v : "");
    }
    va_end(ap);
    t->nrows++;
    return 0;
}

static void tab_print(const struct tab *t, cli_format fmt)
{
    if (fmt == FMT_JSON || fmt == FMT_JSONL) {
        json_t *arr = json_array();
        for (size_t r = 0; r < t->nrows; r++) {
            json_t *o = json_object();
            for (size_t c = 0; c < t->ncols; c++) {
                const char *v = t->cells[r * t->ncols + c];
                json_t *j;
                if (t->types[c] == 's' || (t->types[c] == 'S' && v[0])) j = json_string(v);
                else if (!v[0]) j = json_null();
                else if (t->types[c] == 'i') j = json_integer(strtoll(v, NULL, 10));
                else j = json_real(strtod(v, NULL));
                json_object_set_new(o, t->cols[c], j);
            }
            if (fmt == FMT_JSONL) {
                json_dumpf(o, stdout, JSON_COMPACT | JSON_REAL_PRECISION(10));
                putchar('\n');
                json_decref(o);
            } else {
                json_array_append_new(arr, o);
            }
        }
        if (fmt == FMT_JSON) cli_put_json(arr);
        else json_decref(arr);
        return;
    }
    size_t n = t->csv_cols ? t->ncsv : t->ncols;
    if (fmt == FMT_CSV) {
        for (size_t k = 0; k < n; k++) {
            if (k) putchar(',');
            fputs(t->cols[t->csv_cols ? t->csv_cols[k] : k], stdout);
        }
        putchar('\n');
        for (size_t r = 0; r < t->nrows; r++) {
            for (size_t k = 0; k < n; k++) {
                if (k) putchar(',');
                cli_csv_cell(t->cells[r * t->ncols + (t->csv_cols ? t->csv_cols[k] : k)]);
            }
            putchar('\n');
        }
        return;
    }
    /* table: every column, as wide as its widest cell (at most 60) */
    int w[32] = {0};
    for (size_t c = 0; c < t->ncols && c < 32; c++) {
        w[c] = (int)strlen(t->cols[c]);
        for (size_t r = 0; r < t->nrows; r++) {
            int cols = 0;
            for (const unsigned char *p = (const unsigned char *)t->cells[r * t->ncols + c]; *p; p++)
                cols += (*p & 0xC0) != 0x80;
            if (cols > w[c]) w[c] = cols > 60 ? 60 : cols;
        }
    }
    for (size_t c = 0; c < t->ncols; c++) {
        cli_pad(t->cols[c], c + 1 < t->ncols ? w[c] + 2 : 0);
    }
    putchar('\n');
    for (size_t r = 0; r < t->nrows; r++) {
        for (size_t c = 0; c < t->ncols; c++)
            cli_pad(t->cells[r * t->ncols + c], c + 1 < t->ncols ? w[c] + 2 : 0);
        putchar('\n');
    }
}

static void tab_free(struct tab *t)
{
    for (size_t i = 0; i < t->nrows * t->ncols; i++) free(t->cells[i]);
    free(t->cells);
}

/* ---- options -------------------------------------------------------------- */
struct lopts {
    const char *db;
    cli_format fmt;
    const char *files[64];
    size_t nfiles;
    const char *args[64];
    size_t nargs;
    long window, days, min_states;
    int states;
    const char *pair[2];
    const char *host, *sending, *date, *out;
    const char *id, *actor, *target, *count, *reason, *source, *answers, *persons;
};

static int parse_long(const char *cmd, const char *opt, const char *v, long min, long *out)
{
    char *end;
    errno = 0;
    long x = strtol(v, &end, 10);
    if (*end || errno || x < min)
        return cli_usage_error(cmd, "%s wants a whole number of at least %ld", opt, min);
    *out = x;
    return 0;
}

/* Parses argv (argv[0] the subcommand); returns 0, -1 for --help (printed),
 * or an exit code. */
static int parse_opts(const char *cmd, int argc, char **argv, struct lopts *o)
{
    memset(o, 0, sizeof *o);
    o->window = LEDGER_WINDOW;
    o->days = 14;
    o->min_states = 3;
    static const struct { const char *name; size_t off; } text_opts[] = {
        {"--db", offsetof(struct lopts, db)},
        {"--host", offsetof(struct lopts, host)},
        {"--sending", offsetof(struct lopts, sending)},
        {"--date", offsetof(struct lopts, date)},
        {"--out", offsetof(struct lopts, out)},
        {"-o", offsetof(struct lopts, out)},
        {"--id", offsetof(struct lopts, id)},
        {"--actor", offsetof(struct lopts, actor)},
        {"--target", offsetof(struct lopts, target)},
        {"--count", offsetof(struct lopts, count)},
        {"--reason", offsetof(struct lopts, reason)},
        {"--source", offsetof(struct lopts, source)},
        {"--answers", offsetof(struct lopts, answers)},
        {"--persons", offsetof(struct lopts, persons)},
    };
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(ledger_help, stdout);
            return -1;
        }
        if (strcmp(a, "--states") == 0) { o->states = 1; continue; }
        if (strcmp(a, "--pair") == 0) {
            if (i + 2 >= argc) return cli_usage_error(cmd, "--pair needs two states");
            o->pair[0] = argv[++i];
            o->pair[1] = argv[++i];
            continue;
        }
        size_t k = 0, nt = sizeof text_opts / sizeof text_opts[0];
        while (k < nt && strcmp(a, text_opts[k].name)) k++;
        int known = k < nt || strcmp(a, "--format") == 0 || strcmp(a, "-f") == 0 ||
                    strcmp(a, "--file") == 0 || strcmp(a, "--window") == 0 ||
                    strcmp(a, "--days") == 0 || strcmp(a, "--min-states") == 0;
        if (known) {
            if (++i >= argc) return cli_usage_error(cmd, "%s needs a value", a);
            const char *v = argv[i];
            int rc = 0;
            if (k < nt) *(const char **)((char *)o + text_opts[k].off) = v;
            else if (strcmp(a, "--format") == 0 || strcmp(a, "-f") == 0) {
                if (cli_parse_format(v, &o->fmt))
                    return cli_usage_error(cmd, "unknown format '%s' (table, csv, json or jsonl)", v);
            } else if (strcmp(a, "--file") == 0) {
                if (o->nfiles == 64) return cli_usage_error(cmd, "too many --file");
                o->files[o->nfiles++] = v;
            } else if (strcmp(a, "--window") == 0) rc = parse_long(cmd, a, v, 0, &o->window);
            else if (strcmp(a, "--days") == 0) rc = parse_long(cmd, a, v, 0, &o->days);
            else rc = parse_long(cmd, a, v, 2, &o->min_states);
            if (rc) return rc;
            continue;
        }
        if (a[0] == '-' && a[1]) return cli_usage_error(cmd, "unknown option '%s'", a);
        if (o->nargs == 64) return cli_usage_error(cmd, "too many arguments");
        o->args[o->nargs++] = a;
    }
    return 0;
}

/* ---- reading a ledger ----------------------------------------------------- */

/* Reads one ledger or staff file into l; prints the error. */
static int read_file(const char *path, ledger *l)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        cli_error("cannot open %s: %s", path, strerror(errno));
        return EXIT_IO;
    }
    struct read_error err = {0};
    ng_status st = ledger_read_csv(f, path, l, &err);
    fclose(f);
    if (st == NG_OK) return 0;
    if (st == NG_ENOMEM) { cli_error("out of memory"); return EXIT_IO; }
    if (err.line) cli_error("%s:%ld: %s", err.file, err.line, err.msg);
    else cli_error("%s: %s", path, err.msg[0] ? err.msg : ng_strerror(st));
    return st == NG_EIO ? EXIT_IO : EXIT_DATA;
}

/* The ledger of the store, or of --file; built; warnings printed. */
static int open_ledger(const struct lopts *o, ledger *l)
{
    ledger_init(l);
    int rc;
    if (o->nfiles) {
        for (size_t i = 0; i < o->nfiles; i++)
            if ((rc = read_file(o->files[i], l))) return rc;
    } else {
        store *s = cli_store(cli_db_path(o->db), 0, &rc);
        if (!s) return rc;
        ng_status st = ledger_load(s, l);
        if (st != NG_OK) {
            cli_error("%s", st == NG_EDATA ? "the store holds a claim it cannot read"
                                          : store_errmsg(s));
            store_close(s);
            return st == NG_EDATA ? EXIT_DATA : EXIT_IO;
        }
        store_close(s);
    }
    char err[1024] = "";
    ng_status st = ledger_build(l, err, sizeof err);
    if (st != NG_OK) {
        cli_error("%s", st == NG_ENOMEM ? "out of memory" : err);
        return st == NG_ENOMEM ? EXIT_IO : EXIT_DATA;
    }
    for (size_t i = 0; i < l->nwarnings; i++) fprintf(stderr, "nongrata: warning: %s\n", l->warnings[i]);
    return 0;
}

/* ---- helpers for cells ---------------------------------------------------- */

static void day_text(long day, char *buf, size_t cap)
{
    char t[11];
    snprintf(buf, cap, "%s", ldate_day_text(day, t));
}

static void num(long v, char *buf, size_t cap)
{
    if (v < 0) buf[0] = 0;
    else snprintf(buf, cap, "%ld", v);
}

/* "23", "3-35", or "?" (table) */
static void range_text(long lo, long hi, char *buf, size_t cap)
{
    if (lo < 0) snprintf(buf, cap, "?");
    else if (lo == hi) snprintf(buf, cap, "%ld", lo);
    else snprintf(buf, cap, "%ld-%ld", lo, hi);
}

/* ---- import, add, staff ---------------------------------------------------- */

static int ledger_import(const struct lopts *o)
{
    if (!o->nargs) return cli_usage_error("ledger import", "which file? (nongrata ledger import FILE.csv)");
    /* every file read and checked before anything is written */
    ledger *ls = calloc(o->nargs, sizeof *ls);
    if (!ls) return EXIT_IO;
    int rc = 0;
    for (size_t i = 0; i < o->nargs && !rc; i++) {
        ledger_init(&ls[i]);
        rc = read_file(o->args[i], &ls[i]);
        char err[1024] = "";
        if (!rc && ledger_build(&ls[i], err, sizeof err) != NG_OK) {
            cli_error("%s", err);
            rc = EXIT_DATA;
        }
    }
    store *s = rc ? NULL : cli_store(cli_db_path(o->db), 1, &rc);
    /* persons the store does not hold: said, not refused (the list may
     * come later) */
    for (size_t i = 0; s && i < o->nargs && !rc; i++)
        for (size_t k = 0; k < ls[i].nclaims; k++) {
            const struct lclaim *c = &ls[i].claims[k];
            char *list = strdup(c->persons);
            if (!list) break;
            for (char *id = list, *next; id; id = next) {
                next = strchr(id, ';');
                if (next) *next++ = 0;
                while (*id == ' ') id++;
                size_t l = strlen(id);
                while (l && id[l - 1] == ' ') id[--l] = 0;
                char *colon = strchr(id, ':');
                if (!colon) continue;
                *colon = 0;
                ng_record *r = ng_record_new();
                if (r && store_record(s, id, colon + 1, r) == NG_ENOTFOUND)
                    fprintf(stderr, "nongrata: warning: %s:%ld: person %s:%s is not in the store\n",
                            c->origin, c->line, id, colon + 1);
                ng_record_free(r);
            }
            free(list);
        }
    for (size_t i = 0; s && i < o->nargs && !rc; i++) {
        size_t added = 0;
        ng_status st = ledger_save(s, &ls[i], o->args[i], &added);
        if (st != NG_OK) {
            cli_error("%s: %s", o->args[i], store_errmsg(s));
            rc = EXIT_IO;
            break;
        }
        if (ls[i].nclaims)
            fprintf(stderr, "%s: %zu claims about %zu events (%zu new to the store)\n", o->args[i],
                    ls[i].nclaims, ls[i].nevents, added);
        if (ls[i].nstaff || !ls[i].nclaims)
            fprintf(stderr, "%s: %zu staff counts\n", o->args[i], ls[i].nstaff);
    }
    store_close(s);
    for (size_t i = 0; i < o->nargs; i++) ledger_free(&ls[i]);
    free(ls);
    return rc;
}

static int ledger_add_cmd(const struct lopts *o)
{
    const char *cmd = "ledger add";
    if (!o->id || !o->date || !o->actor || !o->target)
        return cli_usage_error(cmd, "--id, --date, --actor and --target are needed");
    struct lclaim c = {0};
    c.event = (char *)o->id;
    if (ldate_parse(o->date, &c.date) != 0) return cli_usage_error(cmd, "--date '%s' is no date", o->date);
    if (!ledger_state(o->actor, 0, c.actor)) return cli_usage_error(cmd, "--actor '%s' is no state", o->actor);
    if (!ledger_state(o->target, 0, c.target)) return cli_usage_error(cmd, "--target '%s' is no state", o->target);
    if (strcmp(c.actor, c.target) == 0) return cli_usage_error(cmd, "actor and target are both %s", c.actor);
    c.count = -1;
    if (o->count && o->count[0]) {
        long n;
        int rc = parse_long(cmd, "--count", o->count, 0, &n);
        if (rc) return rc;
        c.count = n;
    }
    c.reason_text = (char *)(o->reason ? o->reason : "");
    c.reason = lreason_of(c.reason_text);
    c.source = (char *)(o->source ? o->source : "");
    c.answers = (char *)(o->answers ? o->answers : "");
    c.persons = (char *)(o->persons ? o->persons : "");
    c.origin = "";
    ledger l;
    ledger_init(&l);
    if (ledger_add(&l, &c) != NG_OK) return EXIT_IO;
    int rc;
    store *s = cli_store(cli_db_path(o->db), 1, &rc);
    if (s) {
        /* the store's claims of this id must agree on the states */
        ledger all;
        ledger_init(&all);
        char err[1024] = "";
        if (ledger_load(s, &all) != NG_OK || ledger_add(&all, &c) != NG_OK) {
            cli_error("%s", store_errmsg(s));
            rc = EXIT_IO;
        } else if (ledger_build(&all, err, sizeof err) != NG_OK) {
            cli_error("%s", err);
            rc = EXIT_DATA;
        } else {
            size_t added = 0;
            if (ledger_save(s, &l, NULL, &added) != NG_OK) {
                cli_error("%s", store_errmsg(s));
                rc = EXIT_IO;
            } else {
                fprintf(stderr, added ? "added a claim about event %s\n"
                                      : "the store holds this claim about event %s already\n",
                        o->id);
            }
        }
        ledger_free(&all);
        store_close(s);
    }
    ledger_free(&l);
    return rc;
}

static int ledger_staff_cmd(const struct lopts *o)
{
    const char *cmd = "ledger staff";
    if (o->count) {
        if (!o->host || !o->sending || !o->date)
            return cli_usage_error(cmd, "--host, --sending, --date and --count are needed");
        struct lstaff x = {0};
        if (!ledger_state(o->host, 0, x.host)) return cli_usage_error(cmd, "--host '%s' is no state", o->host);
        if (!ledger_state(o->sending, 0, x.sending))
            return cli_usage_error(cmd, "--sending '%s' is no state", o->sending);
        if (ldate_parse(o->date, &x.date) != 0) return cli_usage_error(cmd, "--date '%s' is no date", o->date);
        int rc = parse_long(cmd, "--count", o->count, 0, &x.count);
        if (rc) return rc;
        x.source = (char *)(o->source ? o->source : "");
        ledger l;
        ledger_init(&l);
        if (ledger_add_staff(&l, &x) != NG_OK) return EXIT_IO;
        store *s = cli_store(cli_db_path(o->db), 1, &rc);
        if (s) {
            size_t added;
            if (ledger_save(s, &l, NULL, &added) != NG_OK) {
                cli_error("%s", store_errmsg(s));
                rc = EXIT_IO;
            } else {
                fprintf(stderr, "%s's staff in %s on %s: %ld\n", x.sending, x.host, x.date.text, x.count);
            }
            store_close(s);
        }
        ledger_free(&l);
        return rc;
    }
    ledger l;
    int rc = open_ledger(o, &l);
    if (rc) { ledger_free(&l); return rc; }
    char host[LSTATE_MAX] = "", sending[LSTATE_MAX] = "";
    if ((o->host && !ledger_state(o->host, 0, host)) || (o->sending && !ledger_state(o->sending, 0, sending))) {
        ledger_free(&l);
        return cli_usage_error(cmd, "--host and --sending want states");
    }
    static const char *const cols[] = {"host", "sending", "date", "count", "source"};
    struct tab t = {cols, "sssis", 5, NULL, 0, 0, NULL, 0};
    for (size_t i = 0; i < l.nstaff; i++) {
        const struct lstaff *x = &l.staff[i];
        if ((host[0] && strcmp(x->host, host)) || (sending[0] && strcmp(x->sending, sending))) continue;
        char cnt[24];
        num(x->count, cnt, sizeof cnt);
        tab_row(&t, x->host, x->sending, x->date.text, cnt, x->source);
    }
    tab_print(&t, o->fmt);
    tab_free(&t);
    ledger_free(&l);
    return 0;
}

/* ---- events --------------------------------------------------------------- */

static int ledger_events_cmd(const struct lopts *o)
{
    ledger l;
    int rc = open_ledger(o, &l);
    if (rc) { ledger_free(&l); return rc; }
    static const char *const cols[] = {"id", "date", "actor", "target", "count_min", "count_max",
                                       "claims", "reason", "answers", "sources", "persons"};
    struct tab t = {cols, "ssssiiisSss", 11, NULL, 0, 0, NULL, 0};
    for (size_t i = 0; i < l.nevents; i++) {
        const struct levent *e = &l.events[i];
        char lo[24], hi[24], n[24];
        num(e->lo, lo, sizeof lo);
        num(e->hi, hi, sizeof hi);
        snprintf(n, sizeof n, "%zu", e->n);
        /* the distinct sources, ' | ' between; the persons, ';' between */
        size_t cap = 1, pcap = 1;
        for (size_t k = 0; k < e->n; k++) {
            cap += strlen(l.claims[e->first + k].source) + 3;
            pcap += strlen(l.claims[e->first + k].persons) + 1;
        }
        char *src = calloc(1, cap), *per = calloc(1, pcap);
        if (!src || !per) { free(src); free(per); rc = EXIT_IO; break; }
        for (size_t k = 0; k < e->n; k++) {
            const char *s = l.claims[e->first + k].source;
            if (s[0] && !strstr(src, s)) {
                if (src[0]) strcat(src, " | ");
                strcat(src, s);
            }
            const char *ps = l.claims[e->first + k].persons;
            if (ps[0] && !strstr(per, ps)) {
                if (per[0]) strcat(per, ";");
                strcat(per, ps);
            }
        }
        tab_row(&t, e->id, e->date.text, e->actor, e->target, lo, hi, n, lreason_name(e->reason),
                e->answers ? e->answers : "", src, per);
        free(src);
        free(per);
    }
    tab_print(&t, o->fmt);
    tab_free(&t);
    ledger_free(&l);
    return rc;
}

/* ---- pairs and chains ----------------------------------------------------- */

static void ratio_text(const struct lpair *p, char *buf, size_t cap)
{
    if (!p->has_ratio) buf[0] = 0;
    else snprintf(buf, cap, "%.4f", p->ratio);
}

static int ledger_pairs_cmd(const struct lopts *o)
{
    ledger l;
    int rc = open_ledger(o, &l);
    if (rc) { ledger_free(&l); return rc; }
    struct lpair *p = calloc(l.nevents ? l.nevents : 1, sizeof *p);
    if (!p) { ledger_free(&l); return EXIT_IO; }
    ledger_pairs(&l, o->window, p);
    static const char *const cols[] = {"event", "answers", "lag_days", "ratio", "date", "actor",
                                       "target", "count", "kind", "how", "ratio_min", "ratio_max"};
    static const size_t csv[] = {0, 1, 2, 3};
    struct tab t = {cols, "SSinssssSSnn", 12, NULL, 0, 0, csv, 4};
    for (size_t i = 0; i < l.nevents; i++) {
        const struct levent *e = &l.events[i];
        const struct lpair *q = &p[i];
        char lag[24] = "", ratio[32], rlo[32] = "", rhi[32] = "", cnt[48];
        if (q->answers >= 0) snprintf(lag, sizeof lag, "%ld", q->lag);
        ratio_text(q, ratio, sizeof ratio);
        if (q->has_ratio) {
            snprintf(rlo, sizeof rlo, "%.4f", q->ratio_lo);
            snprintf(rhi, sizeof rhi, "%.4f", q->ratio_hi);
        }
        range_text(e->lo, e->hi, cnt, sizeof cnt);
        const char *how = q->answers < 0 ? "" : q->recorded ? "recorded"
                                               : q->approx ? "inferred, dates approximate"
                                                           : "inferred";
        tab_row(&t, e->id, q->answers >= 0 ? l.events[q->answers].id : "", lag, ratio, e->date.text,
                e->actor, e->target, cnt, lpair_kind(q), how, rlo, rhi);
    }
    tab_print(&t, o->fmt);
    tab_free(&t);
    free(p);
    ledger_free(&l);
    return 0;
}

static int ledger_chains_cmd(const struct lopts *o)
{
    ledger l;
    int rc = open_ledger(o, &l);
    if (rc) { ledger_free(&l); return rc; }
    size_t n = l.nevents ? l.nevents : 1;
    struct lpair *p = calloc(n, sizeof *p);
    long *chain = calloc(n, sizeof *chain);
    int *round = calloc(n, sizeof *round);
    if (!p || !chain || !round) { rc = EXIT_IO; goto done; }
    ledger_pairs(&l, o->window, p);
    size_t nc = ledger_chains(&l, p, chain, round);
    static const char *const cols[] = {"chain", "round", "event", "date", "actor", "target",
                                       "count", "answers", "lag_days", "ratio"};
    struct tab t = {cols, "iisssssSin", 10, NULL, 0, 0, NULL, 0};
    for (size_t c = 0; c < nc; c++)
        for (size_t i = 0; i < l.nevents; i++) {
            if (chain[i] != (long)c) continue;
            const struct levent *e = &l.events[i];
            char cs[24], rs[24], cnt[48], lag[24] = "", ratio[32];
            snprintf(cs, sizeof cs, "%zu", c + 1);
            snprintf(rs, sizeof rs, "%d", round[i]);
            range_text(e->lo, e->hi, cnt, sizeof cnt);
            if (o->fmt != FMT_TABLE && e->lo < 0) cnt[0] = 0;
            if (p[i].answers >= 0) snprintf(lag, sizeof lag, "%ld", p[i].lag);
            ratio_text(&p[i], ratio, sizeof ratio);
            tab_row(&t, cs, rs, e->id, e->date.text, e->actor, e->target, cnt,
                    p[i].answers >= 0 ? l.events[p[i].answers].id : "", lag, ratio);
        }
    tab_print(&t, o->fmt);
    tab_free(&t);
done:
    free(p);
    free(chain);
    free(round);
    ledger_free(&l);
    return rc;
}

/* ---- balance -------------------------------------------------------------- */

static int ledger_balance_cmd(const struct lopts *o)
{
    ledger l;
    int rc = open_ledger(o, &l);
    if (rc) { ledger_free(&l); return rc; }
    if (o->pair[0]) {
        char a[LSTATE_MAX], b[LSTATE_MAX];
        if (!ledger_state(o->pair[0], 0, a) || !ledger_state(o->pair[1], 0, b)) {
            ledger_free(&l);
            return cli_usage_error("ledger balance", "--pair wants two states");
        }
        static const char *const cols[] = {"date", "event", "actor", "target", "count_min",
                                           "count_max", "a_expelled_min", "a_expelled_max",
                                           "b_expelled_min", "b_expelled_max"};
        struct tab t = {cols, "ssssiiiiii", 10, NULL, 0, 0, NULL, 0};
        long alo = 0, ahi = 0, blo = 0, bhi = 0;
        for (size_t i = 0; i < l.nevents; i++) {
            const struct levent *e = &l.events[i];
            int ab = strcmp(e->actor, a) == 0 && strcmp(e->target, b) == 0;
            int ba = strcmp(e->actor, b) == 0 && strcmp(e->target, a) == 0;
            if (!ab && !ba) continue;
            if (e->lo >= 0) {
                if (ab) { alo += e->lo; ahi += e->hi; }
                else { blo += e->lo; bhi += e->hi; }
            }
            char v[6][24];
            num(e->lo, v[0], 24);
            num(e->hi, v[1], 24);
            num(alo, v[2], 24);
            num(ahi, v[3], 24);
            num(blo, v[4], 24);
            num(bhi, v[5], 24);
            tab_row(&t, e->date.text, e->id, e->actor, e->target, v[0], v[1], v[2], v[3], v[4], v[5]);
        }
        tab_print(&t, o->fmt);
        tab_free(&t);
    } else if (o->states) {
        struct ltotal *v;
        size_t n;
        if (ledger_totals(&l, &v, &n) != NG_OK) { ledger_free(&l); return EXIT_IO; }
        static const char *const cols[] = {"state", "name", "given_min", "given_max", "received_min",
                                           "received_max", "given_events", "received_events"};
        struct tab t = {cols, "ssiiiiii", 8, NULL, 0, 0, NULL, 0};
        for (size_t i = 0; i < n; i++) {
            char x[6][24];
            num(v[i].given_lo, x[0], 24);
            num(v[i].given_hi, x[1], 24);
            num(v[i].received_lo, x[2], 24);
            num(v[i].received_hi, x[3], 24);
            snprintf(x[4], 24, "%zu", v[i].given_events);
            snprintf(x[5], 24, "%zu", v[i].received_events);
            tab_row(&t, v[i].state, ledger_state_name(v[i].state), x[0], x[1], x[2], x[3], x[4], x[5]);
        }
        tab_print(&t, o->fmt);
        tab_free(&t);
        free(v);
    } else {
        struct lbalance *v;
        size_t n;
        if (ledger_balance(&l, &v, &n) != NG_OK) { ledger_free(&l); return EXIT_IO; }
        static const char *const cols[] = {"state_a", "state_b", "a_expelled_min", "a_expelled_max",
                                           "b_expelled_min", "b_expelled_max", "a_events", "b_events",
                                           "unknown_counts", "first", "last"};
        struct tab t = {cols, "ssiiiiiiiss", 11, NULL, 0, 0, NULL, 0};
        for (size_t i = 0; i < n; i++) {
            char x[7][24], f[16], z[16];
            num(v[i].ab_lo, x[0], 24);
            num(v[i].ab_hi, x[1], 24);
            num(v[i].ba_lo, x[2], 24);
            num(v[i].ba_hi, x[3], 24);
            snprintf(x[4], 24, "%zu", v[i].ab_events);
            snprintf(x[5], 24, "%zu", v[i].ba_events);
            snprintf(x[6], 24, "%zu", v[i].unknown);
            day_text(v[i].first, f, sizeof f);
            day_text(v[i].last, z, sizeof z);
            tab_row(&t, v[i].a, v[i].b, x[0], x[1], x[2], x[3], x[4], x[5], x[6], f, z);
        }
        tab_print(&t, o->fmt);
        tab_free(&t);
        free(v);
    }
    ledger_free(&l);
    return 0;
}

/* ---- waves and missions ------------------------------------------------------ */

static int ledger_waves_cmd(const struct lopts *o)
{
    ledger l;
    int rc = open_ledger(o, &l);
    if (rc) { ledger_free(&l); return rc; }
    struct lwave *w;
    size_t n;
    if (ledger_waves(&l, (size_t)o->min_states, o->days, &w, &n) != NG_OK) {
        ledger_free(&l);
        return EXIT_IO;
    }
    static const char *const cols[] = {"rank", "target", "first", "last", "states", "events",
                                       "persons_min", "persons_max", "unknown_counts",
                                       "largest_since", "actors"};
    struct tab t = {cols, "isssiiiiiSs", 11, NULL, 0, 0, NULL, 0};
    for (size_t i = 0; i < n; i++) {
        char x[7][24], f[16], z[16], since[48] = "";
        snprintf(x[0], 24, "%zu", i + 1);
        snprintf(x[1], 24, "%zu", w[i].nstates);
        snprintf(x[2], 24, "%zu", w[i].n);
        num(w[i].lo, x[3], 24);
        num(w[i].hi, x[4], 24);
        snprintf(x[5], 24, "%zu", w[i].unknown);
        day_text(w[i].first, f, sizeof f);
        day_text(w[i].last, z, sizeof z);
        if (w[i].larger_before >= 0) day_text(w[w[i].larger_before].first, since, sizeof since);
        else if (o->fmt == FMT_TABLE) snprintf(since, sizeof since, "(on record)");
        /* the actors, in the order they acted */
        char actors[1024] = "";
        for (size_t k = 0; k < w[i].n; k++) {
            const char *a = l.events[w[i].events[k]].actor;
            if (strstr(actors, a)) continue;
            if (strlen(actors) + strlen(a) + 2 >= sizeof actors) break;
            if (actors[0]) strcat(actors, " ");
            strcat(actors, a);
        }
        tab_row(&t, x[0], w[i].target, f, z, x[1], x[2], x[3], x[4], x[5], since, actors);
    }
    tab_print(&t, o->fmt);
    tab_free(&t);
    ledger_waves_free(w, n);
    ledger_free(&l);
    return 0;
}

static int ledger_missions_cmd(const struct lopts *o)
{
    ledger l;
    int rc = open_ledger(o, &l);
    if (rc) { ledger_free(&l); return rc; }
    char host[LSTATE_MAX], sending[LSTATE_MAX];
    if ((o->host && !ledger_state(o->host, 0, host)) || (o->sending && !ledger_state(o->sending, 0, sending))) {
        ledger_free(&l);
        return cli_usage_error("ledger missions", "--host and --sending want states");
    }
    struct lmission *m;
    size_t n;
    if (ledger_missions(&l, o->host ? host : NULL, o->sending ? sending : NULL, &m, &n) != NG_OK) {
        ledger_free(&l);
        return EXIT_IO;
    }
    static const char *const cols[] = {"host", "sending", "date", "event", "staff", "expelled",
                                       "size_min", "size_max"};
    struct tab t = {cols, "sssSiSii", 8, NULL, 0, 0, NULL, 0};
    for (size_t i = 0; i < n; i++) {
        char d[16], st[24], ex[48] = "", lo[24], hi[24];
        const struct levent *e = m[i].event >= 0 ? &l.events[m[i].event] : NULL;
        day_text(m[i].day, d, sizeof d);
        num(m[i].staff, st, sizeof st);
        if (e) range_text(e->lo, e->hi, ex, sizeof ex);
        num(m[i].size_lo, lo, sizeof lo);
        num(m[i].size_hi, hi, sizeof hi);
        tab_row(&t, m[i].host, m[i].sending, e ? e->date.text : d, e ? e->id : "", st, ex, lo, hi);
    }
    tab_print(&t, o->fmt);
    tab_free(&t);
    free(m);
    ledger_free(&l);
    return 0;
}

/* ---- extract -------------------------------------------------------------- */

static int ledger_extract_cmd(const struct lopts *o)
{
    const char *cmd = "ledger extract";
    if (o->nargs != 1) return cli_usage_error(cmd, "which file? (nongrata ledger extract FILE, or - for stdin)");
    struct ldate at, *atp = NULL;
    if (o->date) {
        if (ldate_parse(o->date, &at) != 0 || !ldate_exact(&at))
            return cli_usage_error(cmd, "--date wants a day (YYYY-MM-DD)");
        atp = &at;
    }
    FILE *f = strcmp(o->args[0], "-") == 0 ? stdin : fopen(o->args[0], "rb");
    if (!f) {
        cli_error("cannot open %s: %s", o->args[0], strerror(errno));
        return EXIT_IO;
    }
    char *text = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len + 65536 + 1 > cap) {
            size_t nc = cap ? 2 * cap : 131072;
            char *p = realloc(text, nc);
            if (!p) { free(text); if (f != stdin) fclose(f); return EXIT_IO; }
            text = p;
            cap = nc;
        }
        size_t got = fread(text + len, 1, 65536, f);
        len += got;
        if (got < 65536) break;
    }
    int bad = ferror(f);
    if (f != stdin) fclose(f);
    if (bad) {
        free(text);
        cli_error("cannot read %s", o->args[0]);
        return EXIT_IO;
    }
    text[len] = 0;
    struct lproposal *p;
    size_t n;
    ng_status st = ledger_extract(text, len, atp, &p, &n);
    free(text);
    if (st != NG_OK) {
        cli_error("%s", ng_strerror(st));
        return EXIT_IO;
    }
    static const char *const cols[] = {"actor", "target", "count", "date", "confidence", "evidence"};
    struct tab t = {cols, "ssiSns", 6, NULL, 0, 0, NULL, 0};
    for (size_t i = 0; i < n; i++) {
        char cnt[24], conf[16];
        num(p[i].count, cnt, sizeof cnt);
        snprintf(conf, sizeof conf, "%.2f", p[i].confidence);
        tab_row(&t, p[i].actor, p[i].target, cnt, p[i].date.text, conf, p[i].evidence);
    }
    tab_print(&t, o->fmt);
    tab_free(&t);
    ledger_proposals_free(p, n);
    return 0;
}

/* ---- report --------------------------------------------------------------- */

static int ledger_report_cmd(const struct lopts *o)
{
    ledger l;
    int rc = open_ledger(o, &l);
    if (rc) { ledger_free(&l); return rc; }
    const char *dir = o->out ? o->out : "ledger-report";
    char path[4096];
    ng_status st = report_ledger_html(&l, dir, path, sizeof path);
    if (st != NG_OK) {
        cli_error("cannot write the report in %s: %s", dir, strerror(errno));
        rc = EXIT_IO;
    } else {
        fprintf(stderr, "wrote %s\n", path);
    }
    ledger_free(&l);
    return rc;
}

int cmd_ledger(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fputs(ledger_help, argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : EXIT_OK;
    }
    static const struct { const char *name; int (*fn)(const struct lopts *); } subs[] = {
        {"import", ledger_import},         {"add", ledger_add_cmd},
        {"staff", ledger_staff_cmd},       {"events", ledger_events_cmd},
        {"pairs", ledger_pairs_cmd},       {"chains", ledger_chains_cmd},
        {"balance", ledger_balance_cmd},   {"waves", ledger_waves_cmd},
        {"missions", ledger_missions_cmd}, {"extract", ledger_extract_cmd},
        {"report", ledger_report_cmd},
    };
    for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++) {
        if (strcmp(argv[1], subs[i].name)) continue;
        char cmd[32];
        snprintf(cmd, sizeof cmd, "ledger %s", subs[i].name);
        struct lopts o;
        int rc = parse_opts(cmd, argc - 1, argv + 1, &o);
        if (rc) return rc < 0 ? EXIT_OK : rc;
        if (o.nargs && strcmp(subs[i].name, "import") && strcmp(subs[i].name, "extract"))
            return cli_usage_error(cmd, "unexpected argument '%s'", o.args[0]);
        return subs[i].fn(&o);
    }
    return cli_usage_error("ledger", "unknown subcommand '%s'", argv[1]);
}
