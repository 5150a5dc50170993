/*
 * colmap.c -- columns to properties, and a row to a record.
 */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <strings.h>

#include "records/colmap.h"

/* The column named by spec: a header (without case), or a 1-based index. */
static long find_column(const char *spec, const char *const *headers, size_t ncols)
{
    for (size_t i = 0; i < ncols; i++)
        if (headers[i] && strcasecmp(headers[i], spec) == 0) return (long)i;
    char *end;
    long k = strtol(spec, &end, 10);
    if (*spec && !*end && k >= 1 && (size_t)k <= ncols) return k - 1;
    return -1;
}

static void set_col(struct colmap *m, size_t i, const char *prop, int is_id, int is_schema)
{
    struct col *c = &m->col[i];
    if (is_id && !c->is_id && m->nid < sizeof m->id_cols / sizeof m->id_cols[0])
        m->id_cols[m->nid++] = i;
    c->prop = prop;
    c->is_id = is_id;
    c->is_schema = is_schema;
    const struct prop_info *pi = prop ? record_prop_info(prop) : NULL;
    c->date = pi && pi->kind == PROP_DATE;
}

ng_status colmap_build(struct colmap *m, const char *const *headers, size_t ncols,
                       const struct read_options *o, int missing_ok, const char *file,
                       struct read_error *err)
{
    memset(m, 0, sizeof *m);
    if (ncols > COLMAP_MAX)
        return read_fail(err, NG_EDATA, file, 1, "%zu columns (limit %d)", ncols, COLMAP_MAX);
    m->n = ncols;
    /* roles named by --map are not guessed for other columns */
    int explicit_role[64] = {0};
    size_t nroles = 0;
    while (record_roles[nroles].role) nroles++;
    for (size_t k = 0; k < o->nmap; k++) {
        const struct role_info *ri = record_role(o->map[k].role);
        if (!ri) return read_fail(err, NG_EINVAL, file, 0, "--map %s=%s: unknown role '%s'",
                                  o->map[k].role, o->map[k].column, o->map[k].role);
        /* every column of that name (a JSON array gives several), or the
         * column of that index */
        int found = 0;
        for (size_t i = 0; i < ncols; i++)
            if (headers[i] && strcasecmp(headers[i], o->map[k].column) == 0) {
                set_col(m, i, ri->prop, ri->prop == NULL && strcmp(ri->role, "id") == 0,
                        ri->prop == NULL && strcmp(ri->role, "schema") == 0);
                found = 1;
            }
        long c = found ? 0 : find_column(o->map[k].column, headers, ncols);
        if (c < 0 && missing_ok) {
            explicit_role[ri - record_roles] = 1;
            continue;
        }
        if (c < 0) {
            char cols[300] = "";
            for (size_t i = 0; i < ncols && strlen(cols) < 240; i++)
                if (headers[i]) {
                    strcat(cols, i ? ", " : "");
                    strncat(cols, headers[i], 40);
                }
            return read_fail(err, NG_EINVAL, file, 0,
                             "--map %s=%s: no such column (columns: %s)", o->map[k].role,
                             o->map[k].column, cols[0] ? cols : "none named");
        }
        if (!found)
            set_col(m, (size_t)c, ri->prop, ri->prop == NULL && strcmp(ri->role, "id") == 0,
                    ri->prop == NULL && strcmp(ri->role, "schema") == 0);
        explicit_role[ri - record_roles] = 1;
    }
    for (size_t i = 0; i < ncols; i++) {
        struct col *c = &m->col[i];
        if (c->prop || c->is_id || c->is_schema || !headers[i]) continue;
        int is_id, is_schema;
        const char *prop = record_header_prop(headers[i], &is_id, &is_schema);
        /* the role this header would take, unless --map gave it elsewhere */
        int taken = 0;
        for (size_t r = 0; r < nroles; r++) {
            if (!explicit_role[r]) continue;
            const struct role_info *ri = &record_roles[r];
            if ((prop && ri->prop && strcmp(ri->prop, prop) == 0) ||
                (is_id && strcmp(ri->role, "id") == 0) ||
                (is_schema && strcmp(ri->role, "schema") == 0))
                taken = 1;
        }
        if (!taken) set_col(m, i, prop, is_id, is_schema);
    }
    for (size_t i = 0; i < ncols; i++) {
        const struct col *c = &m->col[i];
        const struct prop_info *pi = c->prop ? record_prop_info(c->prop) : NULL;
        if (c->is_id) m->has_id = 1;
        if (pi && pi->kind == PROP_NAME && strcmp(pi->name, "name") == 0) m->has_name = 1;
        if (pi && pi->kind == PROP_PART) m->has_parts = 1;
    }
    if (!m->has_name && !m->has_parts)
        return read_fail(err, NG_EINVAL, file, 0,
                         "no column gives a name: name one with --map name=COLUMN");
    return NG_OK;
}

/* Adds value v of column c to r, split at o->sep ("; " and ";" both split
 * at ';': the parts are trimmed). */
static ng_status add_cell(ng_record *r, const struct col *c, const char *v,
                          const struct read_options *o)
{
    size_t sl = o->sep ? strlen(o->sep) : 0;
    while (sl > 1 && o->sep[sl - 1] == ' ') sl--;
    const char *p = v;
    for (;;) {
        const char *e = NULL;
        if (sl)
            for (const char *q = p; *q; q++)
                if (strncmp(q, o->sep, sl) == 0) { e = q; break; }
        size_t n = e ? (size_t)(e - p) : strlen(p);
        char stackbuf[512];
        char *part = n < sizeof stackbuf ? stackbuf : malloc(n + 1);
        if (!part) return NG_ENOMEM;
        memcpy(part, p, n);
        part[n] = 0;
        ng_status st = c->date ? ng_record_add_date(r, c->prop, part)
                               : ng_record_add(r, c->prop, part, NULL);
        if (part != stackbuf) free(part);
        if (st != NG_OK || !e) return st;
        p = e + sl;
    }
}

ng_status colmap_record(const struct colmap *m, const char *const *values, size_t nvalues,
                        const char *const *headers, const struct read_options *o, long rowno,
                        ng_record *r, struct read_error *err)
{
    ng_record_clear(r);
    ng_status st = NG_OK;
    for (size_t i = 0; i < nvalues && i < m->n; i++) {
        const struct col *c = &m->col[i];
        const char *v = values[i];
        if (!v || !*v) continue;
        const char *cname = headers && headers[i] ? headers[i] : "";
        if (c->is_id) continue;
        if (c->is_schema) st = ng_record_set_schema(r, v);
        else if (c->prop) st = add_cell(r, c, v, o);
        if (st == NG_EUTF8 || st == NG_ENUL || st == NG_ELIMIT) {
            snprintf(err->msg, sizeof err->msg, "column %zu%s%s%s: %s", i + 1,
                     *cname ? " (" : "", cname, *cname ? ")" : "",
                     st == NG_EUTF8  ? "invalid UTF-8"
                     : st == NG_ENUL ? "NUL byte"
                                     : "value longer than 1 MiB");
            return NG_EDATA;
        }
        if (st != NG_OK) return st;
    }
    /* several id columns make one id, in the order named: I.A-10 */
    for (size_t k = 0; k < m->nid; k++) {
        size_t i = m->id_cols[k];
        const char *v = i < nvalues ? values[i] : NULL;
        if (!v || !*v) continue;
        const char *prev = ng_record_id(r);
        size_t n = strlen(prev) + strlen(v) + 2;
        char *both = malloc(n);
        if (!both) return NG_ENOMEM;
        snprintf(both, n, "%s%s%s", prev, *prev ? "-" : "", v);
        st = ng_record_set_id(r, both);
        free(both);
        if (st == NG_EUTF8 || st == NG_ENUL) {
            snprintf(err->msg, sizeof err->msg, "column %zu: the id is no text", i + 1);
            return NG_EDATA;
        }
        if (st != NG_OK) return st;
    }
    if (!m->has_id) {
        char id[32];
        snprintf(id, sizeof id, "%ld", rowno);
        if ((st = ng_record_set_id(r, id)) != NG_OK) return st;
    } else if (!*ng_record_id(r)) {
        snprintf(err->msg, sizeof err->msg, "empty id");
        return NG_EDATA;
    }
    /* a name from its parts when no column gives it whole */
    if (!ng_record_first(r, "name")) {
        static const char *const parts[] = {"firstName", "middleName", "secondName",
                                            "fatherName", "lastName"};
        char name[1024] = "";
        for (size_t k = 0; k < 5; k++) {
            const char *p = ng_record_first(r, parts[k]);
            if (!p) continue;
            if (strlen(name) + strlen(p) + 2 >= sizeof name) break;
            if (name[0]) strcat(name, " ");
            strcat(name, p);
        }
        if (name[0] && (st = ng_record_add(r, "name", name, NULL)) != NG_OK) return st;
    }
    if (!ng_record_first(r, "name")) {
        snprintf(err->msg, sizeof err->msg, "no name");
        return NG_EDATA;
    }
    return NG_OK;
}
