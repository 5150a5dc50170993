/*
 * write.c -- records out as CSV, JSON Lines or FollowTheMoney entities.
 *
 *   CSV    a header (id, schema, then the properties the caller names), one
 *          row a record; several values of a property joined by "; ", a
 *          qualifier written after its value in brackets: 650017296 (Russia);
 *   JSONL  one flat object a record: id, schema, each property a string, or
 *          an array when it holds several values;
 *   FtM    {"id", "schema", "properties": {"prop": [values]}}: the
 *          FollowTheMoney properties only (not nongrata's own), dates in
 *          FtM's form (~1978 is 1978; 1960..1962 gives 1960 and 1962),
 *          qualifiers left out.
 * Ids are DATASET:ID, except in FtM output of a dataset that came from FtM,
 * whose entities keep their own ids (import then export gives them back).
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "records/records.h"

struct writer {
    FILE *f;
    wr_format fmt;
    char *dataset;
    int ftm_ids;
    const char **cols;
    size_t ncols;
    int header_done;
    int failed;
};

struct writer *writer_new(FILE *f, wr_format fmt, const char *dataset, int ftm_ids,
                          const char *const *cols, size_t ncols)
{
    struct writer *w = calloc(1, sizeof *w);
    if (!w) return NULL;
    w->f = f;
    w->fmt = fmt;
    w->ftm_ids = ftm_ids;
    w->dataset = strdup(dataset ? dataset : "");
    w->cols = calloc(ncols ? ncols : 1, sizeof *w->cols);
    if (!w->dataset || !w->cols) { free(w->dataset); free(w->cols); free(w); return NULL; }
    for (size_t i = 0; i < ncols; i++) w->cols[i] = cols[i];
    w->ncols = ncols;
    return w;
}

/* A CSV field, quoted when it must be. */
static void csv_field(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\r\n") && s[0] != ' ' && (!*s || s[strlen(s) - 1] != ' ')) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"') fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static void record_id(const struct writer *w, const ng_record *r, char *buf, size_t cap)
{
    if (w->fmt == WFMT_FTM && w->ftm_ids) snprintf(buf, cap, "%s", ng_record_id(r));
    else snprintf(buf, cap, "%s:%s", w->dataset, ng_record_id(r));
}

/* A value with its qualifier, as CSV and JSONL write it. */
static char *value_text(const ng_value *v)
{
    size_t n = strlen(v->value) + (v->qual ? strlen(v->qual) + 3 : 0) + 1;
    char *s = malloc(n);
    if (!s) return NULL;
    if (v->qual) snprintf(s, n, "%s (%s)", v->value, v->qual);
    else snprintf(s, n, "%s", v->value);
    return s;
}

static ng_status put_csv(struct writer *w, const ng_record *r)
{
    if (!w->header_done) {
        fputs("id,schema", w->f);
        for (size_t c = 0; c < w->ncols; c++) {
            fputc(',', w->f);
            csv_field(w->f, w->cols[c]);
        }
        fputc('\n', w->f);
        w->header_done = 1;
    }
    char id[600];
    record_id(w, r, id, sizeof id);
    csv_field(w->f, id);
    fputc(',', w->f);
    csv_field(w->f, ng_record_schema(r));
    for (size_t c = 0; c < w->ncols; c++) {
        fputc(',', w->f);
        /* the values of this property, joined */
        size_t len = 0, cap = 0;
        char *cell = NULL;
        for (size_t i = 0; i < ng_record_count(r); i++) {
            const ng_value *v = ng_record_value(r, i);
            if (strcmp(v->prop, w->cols[c]) != 0) continue;
            char *t = value_text(v);
            if (!t) { free(cell); return NG_ENOMEM; }
            size_t tl = strlen(t);
            if (len + tl + 3 > cap) {
                cap = 2 * (len + tl + 3);
                char *nc = realloc(cell, cap);
                if (!nc) { free(t); free(cell); return NG_ENOMEM; }
                cell = nc;
            }
            if (len) { memcpy(cell + len, "; ", 2); len += 2; }
            memcpy(cell + len, t, tl + 1);
            len += tl;
            free(t);
        }
        if (cell) csv_field(w->f, cell);
        free(cell);
    }
    fputc('\n', w->f);
    return NG_OK;
}

/* FtM's form of a date value: none of ~ and .. */
static ng_status ftm_dates(json_t *arr, const char *v)
{
    if (v[0] == '~') v++;
    const char *dots = strstr(v, "..");
    if (dots) {
        char a[16];
        size_t n = (size_t)(dots - v);
        if (n >= sizeof a) n = sizeof a - 1;
        memcpy(a, v, n);
        a[n] = 0;
        if (json_array_append_new(arr, json_string(a)) ||
            json_array_append_new(arr, json_string(dots + 2)))
            return NG_ENOMEM;
        return NG_OK;
    }
    return json_array_append_new(arr, json_string(v)) ? NG_ENOMEM : NG_OK;
}

static ng_status put_json(struct writer *w, const ng_record *r)
{
    json_t *o = json_object();
    if (!o) return NG_ENOMEM;
    char id[600];
    record_id(w, r, id, sizeof id);
    json_object_set_new(o, "id", json_string(id));
    json_object_set_new(o, "schema", json_string(ng_record_schema(r)));
    json_t *props = o;
    if (w->fmt == WFMT_FTM) {
        props = json_object();
        json_object_set_new(o, "properties", props);
    }
    ng_status st = NG_OK;
    for (size_t i = 0; i < ng_record_count(r) && st == NG_OK; i++) {
        const ng_value *v = ng_record_value(r, i);
        const struct prop_info *pi = record_prop_info(v->prop);
        if (w->fmt == WFMT_FTM) {
            /* nongrata's own properties are no FtM (unknown ones came
             * from FtM and go back) */
            if (pi && !pi->ftm && !w->ftm_ids) continue;
            json_t *arr = json_object_get(props, v->prop);
            if (!arr) {
                arr = json_array();
                json_object_set_new(props, v->prop, arr);
            }
            if (pi && pi->kind == PROP_DATE && !w->ftm_ids) st = ftm_dates(arr, v->value);
            else if (json_array_append_new(arr, json_string(v->value))) st = NG_ENOMEM;
            continue;
        }
        if (strcmp(v->prop, "id") == 0 || strcmp(v->prop, "schema") == 0) continue;
        char *t = value_text(v);
        if (!t) { st = NG_ENOMEM; break; }
        json_t *prev = json_object_get(props, v->prop);
        if (!prev) json_object_set_new(props, v->prop, json_string(t));
        else if (json_is_array(prev)) json_array_append_new(prev, json_string(t));
        else {
            json_t *arr = json_array();
            json_array_append(arr, prev);
            json_array_append_new(arr, json_string(t));
            json_object_set_new(props, v->prop, arr);
        }
        free(t);
    }
    if (st == NG_OK) {
        char *s = json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(10));
        if (!s) st = NG_ENOMEM;
        else {
            fputs(s, w->f);
            fputc('\n', w->f);
            free(s);
        }
    }
    json_decref(o);
    return st;
}

ng_status writer_put(struct writer *w, const ng_record *r)
{
    ng_status st = w->fmt == WFMT_CSV ? put_csv(w, r) : put_json(w, r);
    if (st == NG_OK && ferror(w->f)) { w->failed = 1; st = NG_EIO; }
    return st;
}

ng_status writer_end(struct writer *w)
{
    if (!w) return NG_OK;
    if (w->fmt == WFMT_CSV && !w->header_done) {
        /* no record: the header alone */
        fputs("id,schema", w->f);
        for (size_t c = 0; c < w->ncols; c++) {
            fputc(',', w->f);
            csv_field(w->f, w->cols[c]);
        }
        fputc('\n', w->f);
    }
    ng_status st = fflush(w->f) != 0 || ferror(w->f) || w->failed ? NG_EIO : NG_OK;
    free(w->dataset);
    free(w->cols);
    free(w);
    return st;
}
