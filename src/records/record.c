/*
 * record.c -- a record: an id, a schema, and values of named properties.
 *
 * Values live in one growing string pool per record, so that a reader can
 * fill, hand over and clear the same record a million times without a
 * malloc a value.  Property names are interned: the common ones are the
 * static strings of records.h, any other is kept in the pool.
 */
#include <stdlib.h>
#include <string.h>

#include "records/records.h"
#include "text/buf.h"

struct ng_record {
    char *id, *schema;
    long line;
    struct rvalue *v;
    size_t n, cap;
    struct buf pool;     /* the strings of the values, one after another */
    ng_value *view;      /* ng_record_value's answers (pointers into pool) */
    size_t viewcap;
    int view_stale;
};

/* A value as offsets into the pool (which moves when it grows). */
struct rvalue {
    const char *prop;    /* static, or NULL when the name is in the pool */
    size_t o_prop, o_value, o_qual; /* o_qual == (size_t)-1: none */
};

ng_record *ng_record_new(void)
{
    return calloc(1, sizeof(struct ng_record));
}

void ng_record_free(ng_record *r)
{
    if (!r) return;
    free(r->id);
    free(r->schema);
    free(r->v);
    buf_free(&r->pool);
    free(r->view);
    free(r);
}

ng_record *ng_record_copy(const ng_record *r)
{
    /* the values were checked and trimmed when added: the pool and the
     * offsets into it are copied as they are */
    ng_record *c = ng_record_new();
    if (!c) return NULL;
    c->line = r->line;
    c->view_stale = 1;
    if ((r->id && !(c->id = strdup(r->id))) || (r->schema && !(c->schema = strdup(r->schema))) ||
        (r->n && !(c->v = malloc(r->n * sizeof *c->v))) ||
        (r->pool.len && buf_put(&c->pool, r->pool.p, r->pool.len) == (size_t)-1)) {
        ng_record_free(c);
        return NULL;
    }
    if (r->n) memcpy(c->v, r->v, r->n * sizeof *c->v);
    c->n = c->cap = r->n;
    return c;
}

void ng_record_clear(ng_record *r)
{
    free(r->id);
    free(r->schema);
    r->id = r->schema = NULL;
    r->line = 0;
    r->n = 0;
    r->pool.len = 0;
    r->view_stale = 1;
}

static ng_status set_str(char **dst, const char *s)
{
    char *c = strdup(s ? s : "");
    if (!c) return NG_ENOMEM;
    free(*dst);
    *dst = c;
    return NG_OK;
}

ng_status ng_record_set_id(ng_record *r, const char *id) { return set_str(&r->id, id); }
ng_status ng_record_set_schema(ng_record *r, const char *schema) { return set_str(&r->schema, schema); }
const char *ng_record_id(const ng_record *r) { return r->id ? r->id : ""; }
const char *ng_record_schema(const ng_record *r) { return r->schema && *r->schema ? r->schema : "Person"; }
long ng_record_line(const ng_record *r) { return r->line; }
void ng_record_set_line(ng_record *r, long line) { r->line = line; }

static size_t pool_put(ng_record *r, const char *s, size_t len)
{
    return buf_put_str(&r->pool, s, len);
}

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* s without leading and trailing ASCII white space (and no-break spaces). */
static const char *trim(const char *s, size_t *len)
{
    size_t n = strlen(s);
    for (;;) {
        if (n && is_space((unsigned char)*s)) { s++; n--; continue; }
        if (n >= 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0) { s += 2; n -= 2; continue; }
        break;
    }
    for (;;) {
        if (n && is_space((unsigned char)s[n - 1])) { n--; continue; }
        if (n >= 2 && (unsigned char)s[n - 2] == 0xC2 && (unsigned char)s[n - 1] == 0xA0) { n -= 2; continue; }
        break;
    }
    *len = n;
    return s;
}

static const char *prop_of(const ng_record *r, const struct rvalue *v)
{
    return v->prop ? v->prop : r->pool.p + v->o_prop;
}

ng_status ng_record_add(ng_record *r, const char *prop, const char *value, const char *qual)
{
    if (!r || !prop || !*prop || !value) return NG_EINVAL;
    size_t len, qlen = 0;
    const char *s = trim(value, &len);
    if (len == 0) return NG_OK;
    if (len > NG_VALUE_MAX_BYTES) return NG_ELIMIT;
    size_t bad;
    ng_status st = ng_utf8_check(s, len, &bad);
    if (st != NG_OK) return st;
    const char *q = qual ? trim(qual, &qlen) : NULL;
    if (q && qlen == 0) q = NULL;
    if (q && (st = ng_utf8_check(q, qlen, &bad)) != NG_OK) return st;
    const char *sp = record_prop_intern(prop);
    /* a value the property already holds adds nothing */
    for (size_t i = 0; i < r->n; i++) {
        const struct rvalue *v = &r->v[i];
        const char *vp = prop_of(r, v);
        const char *vv = r->pool.p + v->o_value;
        if ((vp == sp || strcmp(vp, prop) == 0) && strlen(vv) == len && memcmp(vv, s, len) == 0) {
            const char *vq = v->o_qual == (size_t)-1 ? NULL : r->pool.p + v->o_qual;
            if ((!vq && !q) || (vq && q && strlen(vq) == qlen && memcmp(vq, q, qlen) == 0))
                return NG_OK;
        }
    }
    if (r->n == r->cap) {
        size_t nc = r->cap ? 2 * r->cap : 16;
        struct rvalue *nv = realloc(r->v, nc * sizeof *nv);
        if (!nv) return NG_ENOMEM;
        r->v = nv;
        r->cap = nc;
    }
    struct rvalue v = {sp, 0, 0, (size_t)-1};
    if (!sp && (v.o_prop = pool_put(r, prop, strlen(prop))) == (size_t)-1) return NG_ENOMEM;
    if ((v.o_value = pool_put(r, s, len)) == (size_t)-1) return NG_ENOMEM;
    if (q && (v.o_qual = pool_put(r, q, qlen)) == (size_t)-1) return NG_ENOMEM;
    r->v[r->n++] = v;
    r->view_stale = 1;
    return NG_OK;
}

size_t ng_record_count(const ng_record *r) { return r ? r->n : 0; }

const ng_value *ng_record_value(const ng_record *r, size_t i)
{
    if (!r || i >= r->n) return NULL;
    ng_record *w = (ng_record *)r; /* the view is a cache */
    if (w->view_stale || w->viewcap < r->n) {
        if (w->viewcap < r->cap) {
            ng_value *nv = realloc(w->view, r->cap * sizeof *nv);
            if (!nv) return NULL;
            w->view = nv;
            w->viewcap = r->cap;
        }
        for (size_t k = 0; k < r->n; k++) {
            const struct rvalue *v = &r->v[k];
            w->view[k].prop = prop_of(r, v);
            w->view[k].value = r->pool.p + v->o_value;
            w->view[k].qual = v->o_qual == (size_t)-1 ? NULL : r->pool.p + v->o_qual;
        }
        w->view_stale = 0;
    }
    return &w->view[i];
}

const char *ng_record_first(const ng_record *r, const char *prop)
{
    if (!r || !prop) return NULL;
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(prop_of(r, &r->v[i]), prop) == 0) return r->pool.p + r->v[i].o_value;
    return NULL;
}

ng_status ng_record_add_date(ng_record *r, const char *prop, const char *text)
{
    if (!r || !prop || !text) return NG_EINVAL;
    /* several dates in one text: "05 Apr 1979; alt. DOB 12 Apr 1978" */
    ng_status st = NG_OK;
    const char *p = text;
    while (st == NG_OK) {
        const char *end = strchr(p, ';');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        char part[256];
        if (n >= sizeof part) {
            /* no date is that long: keep the text as written */
            char key[96];
            snprintf(key, sizeof key, "%sText", prop);
            return ng_record_add(r, key, text, NULL);
        }
        memcpy(part, p, n);
        part[n] = 0;
        size_t tl;
        const char *t = trim(part, &tl);
        if (tl) {
            ng_date d;
            if (ng_date_parse(t, &d) == NG_OK) {
                char buf[32];
                st = ng_record_add(r, prop, ng_date_format(&d, buf, sizeof buf), NULL);
            } else {
                char key[96];
                snprintf(key, sizeof key, "%sText", prop);
                st = ng_record_add(r, key, t, NULL);
            }
        }
        if (!end) break;
        p = end + 1;
    }
    return st;
}
