/*
 * ofac.c -- OFAC's legacy CSV set: sdn.csv, alt.csv, add.csv and
 * sdn_comments.csv, joined on the entity number.
 *
 *   sdn.csv           ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign,
 *                     Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks
 *   alt.csv           ent_num, alt_num, alt_type (aka, fka, nka), alt_name,
 *                     alt_remarks
 *   add.csv           ent_num, add_num, address, city/state/postal, country,
 *                     add_remarks
 *   sdn_comments.csv  ent_num, the rest of a Remarks too long for sdn.csv
 *
 * No header; "-0-" (with a trailing space) is null; CRLF; a last line of
 * Ctrl-Z.  Each file is recognised by its number of fields.  Rows of alt,
 * add or comments whose entity is not in sdn.csv (files of other dates)
 * are counted and reported, not read.
 */
#include <stdlib.h>
#include <string.h>

#include "records/records.h"

/* A row of alt, add or comments: its entity and fields. */
struct xrow {
    long ent;
    long line;
    char *f[6];
};

struct xtab {
    struct xrow *v;
    size_t n, cap;
    size_t nf;            /* fields a row */
    const char *name;
};

static void xtab_free(struct xtab *t)
{
    for (size_t i = 0; i < t->n; i++)
        for (size_t k = 0; k < 6; k++) free(t->v[i].f[k]);
    free(t->v);
}

static int is_null(const char *s)
{
    while (*s == ' ') s++;
    return strncmp(s, "-0-", 3) == 0 && s[3 + strspn(s + 3, " ")] == 0;
}

/* The entity number of field s, or -1. */
static long ent_num(const char *s)
{
    char *end;
    long v = strtol(s, &end, 10);
    while (*end == ' ') end++;
    return end != s && !*end && v >= 0 ? v : -1;
}

struct xctx {
    struct xtab *t;
    const struct read_sink *sink;
    struct read_error *err;
};

static ng_status x_row(void *ctx, char **f, const size_t *flen, size_t nf, long line,
                       const char *raw)
{
    struct xctx *c = ctx;
    struct xtab *t = c->t;
    if (nf != t->nf)
        return csv_bad_row(c->sink, c->err, raw, t->name, line, "%zu fields, %zu expected", nf, t->nf);
    for (size_t i = 0; i < nf; i++) {
        size_t at;
        const char *why = csv_field_problem(f[i], flen[i], &at);
        if (why) return csv_bad_row(c->sink, c->err, raw, t->name, line, "field %zu: %s", i + 1, why);
    }
    long ent = ent_num(f[0]);
    if (ent < 0)
        return csv_bad_row(c->sink, c->err, raw, t->name, line, "entity number '%.40s' is no number", f[0]);
    if (t->n == t->cap) {
        size_t nc = t->cap ? 2 * t->cap : 1024;
        struct xrow *nv = realloc(t->v, nc * sizeof *nv);
        if (!nv) return NG_ENOMEM;
        t->v = nv;
        t->cap = nc;
    }
    struct xrow *x = &t->v[t->n++];
    memset(x, 0, sizeof *x);
    x->ent = ent;
    x->line = line;
    for (size_t i = 0; i < nf && i < 6; i++) {
        x->f[i] = f[i];
        f[i] = NULL;
    }
    return NG_OK;
}

static int by_ent(const void *a, const void *b)
{
    const struct xrow *x = a, *y = b;
    if (x->ent != y->ent) return x->ent < y->ent ? -1 : 1;
    return x->line < y->line ? -1 : x->line > y->line;
}

/* The rows of entity ent in a sorted table: [*from, return). */
static size_t rows_of(const struct xtab *t, long ent, size_t *from)
{
    size_t lo = 0, hi = t->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (t->v[mid].ent < ent) lo = mid + 1;
        else hi = mid;
    }
    *from = lo;
    while (hi < t->n && t->v[hi].ent == ent) hi++;
    if (hi < lo) hi = lo;
    return hi;
}

struct sdnctx {
    const char *name;
    const struct read_sink *sink;
    struct read_error *err;
    struct xtab *alt, *add, *com;
    unsigned char *used_alt, *used_add, *used_com;
    ng_record *r;
    size_t known, total;
};

static const char *val(const char *s) { return s && !is_null(s) ? s : NULL; }

static ng_status add_opt(ng_record *r, const char *prop, const char *v)
{
    return val(v) ? ng_record_add(r, prop, v, NULL) : NG_OK;
}

static ng_status sdn_row(void *ctx, char **f, const size_t *flen, size_t nf, long line,
                         const char *raw)
{
    struct sdnctx *c = ctx;
    if (nf != 12)
        return csv_bad_row(c->sink, c->err, raw, c->name, line, "%zu fields, 12 expected", nf);
    for (size_t i = 0; i < nf; i++) {
        size_t at;
        const char *why = csv_field_problem(f[i], flen[i], &at);
        if (why) return csv_bad_row(c->sink, c->err, raw, c->name, line, "field %zu: %s", i + 1, why);
    }
    long ent = ent_num(f[0]);
    if (ent < 0)
        return csv_bad_row(c->sink, c->err, raw, c->name, line, "entity number '%.40s' is no number", f[0]);
    if (!val(f[1])) return csv_bad_row(c->sink, c->err, raw, c->name, line, "no name");
    ng_record *r = c->r;
    ng_record_clear(r);
    ng_record_set_line(r, line);
    ng_status st;
    if ((st = ng_record_set_id(r, f[0])) != NG_OK) return st;
    const char *type = val(f[2]);
    const char *schema = !type ? "Organization"
                         : strstr(type, "individual") ? "Person"
                         : strstr(type, "vessel")     ? "Vessel"
                         : strstr(type, "aircraft")   ? "Airplane"
                                                      : "Organization";
    if ((st = ng_record_set_schema(r, schema)) != NG_OK) return st;
    if ((st = ng_record_add(r, "name", f[1], NULL)) != NG_OK) return st;
    /* programs: "NPWMD] [CAATSA - RUSSIA" */
    if (val(f[3])) {
        char *p = f[3];
        for (char *q; (q = strstr(p, "] [")) != NULL; p = q + 3) {
            *q = 0;
            if ((st = ng_record_add(r, "program", p, NULL)) != NG_OK) return st;
        }
        if ((st = ng_record_add(r, "program", p, NULL)) != NG_OK) return st;
    }
    if ((st = add_opt(r, "position", f[4])) != NG_OK || (st = add_opt(r, "callSign", f[5])) != NG_OK ||
        (st = add_opt(r, "type", f[6])) != NG_OK || (st = add_opt(r, "tonnage", f[7])) != NG_OK ||
        (st = add_opt(r, "grossRegisteredTonnage", f[8])) != NG_OK ||
        (st = add_opt(r, "flag", f[9])) != NG_OK || (st = add_opt(r, "ownerName", f[10])) != NG_OK)
        return st;
    /* aliases */
    size_t a, b = rows_of(c->alt, ent, &a);
    for (size_t i = a; i < b; i++) {
        struct xrow *x = &c->alt->v[i];
        c->used_alt[i] = 1;
        const char *kind = val(x->f[2]);
        const char *prop = kind && strstr(kind, "fka") ? "previousName" : "alias";
        if (val(x->f[4]) && strstr(x->f[4], "weak")) prop = "weakAlias";
        if ((st = add_opt(r, prop, x->f[3])) != NG_OK) return st;
    }
    /* addresses: street, city, country as one line, the country also alone */
    b = rows_of(c->add, ent, &a);
    for (size_t i = a; i < b; i++) {
        struct xrow *x = &c->add->v[i];
        c->used_add[i] = 1;
        char addr[2048] = "";
        for (size_t k = 2; k <= 4; k++) {
            const char *v = val(x->f[k]);
            if (!v || strlen(addr) + strlen(v) + 3 >= sizeof addr) continue;
            if (addr[0]) strcat(addr, ", ");
            strcat(addr, v);
        }
        if (addr[0] && (st = ng_record_add(r, "address", addr, NULL)) != NG_OK) return st;
        if ((st = add_opt(r, "country", x->f[4])) != NG_OK) return st;
    }
    /* remarks, continued in sdn_comments */
    const char *rem = val(f[11]);
    b = rows_of(c->com, ent, &a);
    size_t need = (rem ? strlen(rem) : 0) + 1;
    for (size_t i = a; i < b; i++) need += strlen(c->com->v[i].f[1]);
    char *all = malloc(need);
    if (!all) return NG_ENOMEM;
    all[0] = 0;
    if (rem) strcat(all, rem);
    for (size_t i = a; i < b; i++) {
        c->used_com[i] = 1;
        if (val(c->com->v[i].f[1])) strcat(all, c->com->v[i].f[1]);
    }
    st = ofac_remarks(r, all, &c->known, &c->total, NULL, NULL);
    free(all);
    if (st != NG_OK) return st;
    return c->sink->record(c->sink->ctx, r);
}

static ng_status read_table(FILE *f, const char *name, size_t nf, struct xtab *t,
                            const struct read_sink *sink, struct read_error *err)
{
    memset(t, 0, sizeof *t);
    t->nf = nf;
    t->name = name;
    if (!f) return NG_OK;
    struct xctx c = {t, sink, err};
    ng_status st = csv_rows(f, name, ',', sink->skip_bad, x_row, &c, NULL, err);
    if (st == NG_OK) qsort(t->v, t->n, sizeof *t->v, by_ent);
    return st;
}

ng_status read_ofac(FILE *sdn, FILE *alt, FILE *add, FILE *comments, const char *const names[4],
                    const struct read_sink *sink, struct read_error *err)
{
    struct xtab ta, td, tc;
    ng_status st;
    memset(&ta, 0, sizeof ta);
    memset(&td, 0, sizeof td);
    memset(&tc, 0, sizeof tc);
    if ((st = read_table(alt, names[1], 5, &ta, sink, err)) != NG_OK ||
        (st = read_table(add, names[2], 6, &td, sink, err)) != NG_OK ||
        (st = read_table(comments, names[3], 2, &tc, sink, err)) != NG_OK)
        goto out;
    struct sdnctx c = {0};
    c.name = names[0];
    c.sink = sink;
    c.err = err;
    c.alt = &ta;
    c.add = &td;
    c.com = &tc;
    c.used_alt = calloc(ta.n + 1, 1);
    c.used_add = calloc(td.n + 1, 1);
    c.used_com = calloc(tc.n + 1, 1);
    c.r = ng_record_new();
    if (!c.used_alt || !c.used_add || !c.used_com || !c.r) st = NG_ENOMEM;
    else st = csv_rows(sdn, names[0], ',', sink->skip_bad, sdn_row, &c, sink, err);
    if (st == NG_OK && sink->warn) {
        /* rows about entities sdn.csv does not hold */
        struct xtab *tabs[3] = {&ta, &td, &tc};
        unsigned char *used[3] = {c.used_alt, c.used_add, c.used_com};
        for (int k = 0; k < 3; k++) {
            size_t orphans = 0;
            for (size_t i = 0; i < tabs[k]->n; i++) orphans += !used[k][i];
            if (orphans) {
                char msg[512];
                snprintf(msg, sizeof msg,
                         "%s: %zu rows name entities that %s does not hold (a file of "
                         "another date?); they were not read",
                         tabs[k]->name, orphans, names[0]);
                sink->warn(sink->ctx, msg);
            }
        }
    }
    if (st == NG_OK && sink->remarks) sink->remarks(sink->ctx, c.known, c.total);
    free(c.used_alt);
    free(c.used_add);
    free(c.used_com);
    ng_record_free(c.r);
out:
    xtab_free(&ta);
    xtab_free(&td);
    xtab_free(&tc);
    return st;
}
