/*
 * jsonread.c -- JSON Lines: flat objects, or FollowTheMoney entities.
 *
 * One JSON object a line (blank lines skipped, at most NG_VALUE_MAX_BYTES
 * a line).  A flat object's keys are read like CSV headers (colmap.c): a
 * string or number is a value, an array of them several, null nothing; a
 * nested object is an error.  A FollowTheMoney entity is
 * {"id": ..., "schema": ..., "properties": {"prop": ["value", ...]}}; every
 * property is kept under its own name, so that export gives it back.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "records/colmap.h"

/* The text of a scalar JSON value into buf; NULL for null (and for what is
 * no scalar, with *bad set). */
static const char *scalar_text(json_t *v, char *buf, size_t cap, int *bad)
{
    *bad = 0;
    if (json_is_string(v)) return json_string_value(v);
    if (json_is_integer(v)) { snprintf(buf, cap, "%" JSON_INTEGER_FORMAT, json_integer_value(v)); return buf; }
    if (json_is_real(v)) { snprintf(buf, cap, "%.17g", json_real_value(v)); return buf; }
    if (json_is_true(v)) return "true";
    if (json_is_false(v)) return "false";
    if (json_is_null(v)) return NULL;
    *bad = 1;
    return NULL;
}

/* A flat object as columns: a key holding an array is several columns of
 * the same name. */
struct flat {
    const char *hdr[COLMAP_MAX], *val[COLMAP_MAX];
    char num[COLMAP_MAX][32]; /* the text of numbers */
    size_t n;
};

static ng_status flat_push(struct flat *fl, const char *key, json_t *x, struct read_error *err)
{
    if (fl->n >= COLMAP_MAX) return NG_OK; /* past the limit: left out */
    int bad;
    const char *t = scalar_text(x, fl->num[fl->n], sizeof fl->num[0], &bad);
    if (bad) {
        snprintf(err->msg, sizeof err->msg,
                 "key \"%.60s\": a nested value (flat objects only; FtM entities need "
                 "--format ftm)", key);
        return NG_EDATA;
    }
    if (t) {
        fl->hdr[fl->n] = key;
        fl->val[fl->n++] = t;
    }
    return NG_OK;
}

/* A flat object into r through a column map made from its keys. */
static ng_status flat_record(json_t *obj, const struct read_options *o, long rowno,
                             struct flat *fl, struct colmap *map, ng_record *r,
                             const char *name, struct read_error *err)
{
    fl->n = 0;
    const char *key;
    json_t *v;
    ng_status st;
    json_object_foreach(obj, key, v) {
        if (json_is_array(v)) {
            size_t i;
            json_t *x;
            json_array_foreach(v, i, x) if ((st = flat_push(fl, key, x, err)) != NG_OK) return st;
        } else if ((st = flat_push(fl, key, v, err)) != NG_OK) {
            return st;
        }
    }
    st = colmap_build(map, fl->hdr, fl->n, o, 1, name, err);
    if (st != NG_OK) return st == NG_EINVAL && !o->nmap ? NG_EDATA : st;
    return colmap_record(map, fl->val, fl->n, fl->hdr, o, rowno, r, err);
}

/* A FollowTheMoney entity into r. */
static ng_status ftm_record(json_t *obj, ng_record *r, struct read_error *err)
{
    ng_record_clear(r);
    json_t *id = json_object_get(obj, "id"), *schema = json_object_get(obj, "schema");
    json_t *props = json_object_get(obj, "properties");
    if (!json_is_string(id) || !*json_string_value(id)) {
        snprintf(err->msg, sizeof err->msg, "an FtM entity needs a string \"id\"");
        return NG_EDATA;
    }
    if (!json_is_string(schema) || !*json_string_value(schema)) {
        snprintf(err->msg, sizeof err->msg, "entity %.60s: no \"schema\"", json_string_value(id));
        return NG_EDATA;
    }
    if (props && !json_is_object(props)) {
        snprintf(err->msg, sizeof err->msg, "entity %.60s: \"properties\" must be an object", json_string_value(id));
        return NG_EDATA;
    }
    ng_status st;
    if ((st = ng_record_set_id(r, json_string_value(id))) != NG_OK ||
        (st = ng_record_set_schema(r, json_string_value(schema))) != NG_OK)
        return st;
    const char *key;
    json_t *vals;
    json_object_foreach(props, key, vals) {
        if (!json_is_array(vals)) {
            snprintf(err->msg, sizeof err->msg, "entity %.60s, property %.60s: values must be an array", json_string_value(id), key);
            return NG_EDATA;
        }
        size_t i;
        json_t *x;
        json_array_foreach(vals, i, x) {
            char buf[32];
            int bad;
            const char *t = scalar_text(x, buf, sizeof buf, &bad);
            if (bad) {
                snprintf(err->msg, sizeof err->msg, "entity %.60s, property %.60s: a value must be a string", json_string_value(id), key);
                return NG_EDATA;
            }
            if (!t) continue;
            st = ng_record_add(r, key, t, NULL);
            if (st == NG_ELIMIT || st == NG_EUTF8 || st == NG_ENUL) {
                snprintf(err->msg, sizeof err->msg, "entity %.60s, property %.60s: %s", json_string_value(id), key, ng_strerror(st));
                return NG_EDATA;
            }
            if (st != NG_OK) return st;
        }
    }
    return NG_OK;
}

ng_status read_jsonl(FILE *f, const char *name, int ftm, const struct read_options *o,
                     const struct read_sink *sink, struct read_error *err)
{
    char *line = NULL;
    size_t lcap = 0;
    ssize_t n;
    long lineno = 0, rowno = 0;
    long long done = 0, total = -1;
    if (fseek(f, 0, SEEK_END) == 0) { total = ftell(f); rewind(f); }
    ng_record *r = ng_record_new();
    struct colmap *map = malloc(sizeof *map);
    struct flat *fl = malloc(sizeof *fl);
    ng_status st = r && map && fl ? NG_OK : NG_ENOMEM;
    int any = 0;
    while (st == NG_OK && (n = getline(&line, &lcap, f)) != -1) {
        lineno++;
        done += n;
        size_t len = (size_t)n;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r')) len--;
        line[len] = 0;
        size_t sp = 0;
        while (sp < len && (line[sp] == ' ' || line[sp] == '\t')) sp++;
        if (sp == len) continue;
        if (lineno == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) sp += 3;
        any = 1;
        rowno++;
        if (len > NG_VALUE_MAX_BYTES) {
            st = csv_bad_row(sink, err, "", name, lineno, "line is %zu bytes long (limit %d)", len, NG_VALUE_MAX_BYTES);
            continue;
        }
        size_t at;
        const char *why = csv_field_problem(line, len, &at);
        if (why) { st = csv_bad_row(sink, err, line, name, lineno, "%s at byte %zu", why, at); continue; }
        json_error_t je;
        json_t *obj = json_loadb(line + sp, len - sp, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &je);
        if (!obj) {
            st = csv_bad_row(sink, err, line, name, lineno, "invalid JSON at column %d: %s", je.column + (int)sp, je.text);
            continue;
        }
        if (!json_is_object(obj)) {
            json_decref(obj);
            st = csv_bad_row(sink, err, line, name, lineno, "a line must hold one JSON object");
            continue;
        }
        err->msg[0] = 0;
        st = ftm ? ftm_record(obj, r, err) : flat_record(obj, o, rowno, fl, map, r, name, err);
        json_decref(obj);
        if (st == NG_EDATA) {
            char msg[512];
            snprintf(msg, sizeof msg, "%s", err->msg);
            st = csv_bad_row(sink, err, line, name, lineno, "%s", msg);
            continue;
        }
        if (st == NG_EINVAL) { err->line = lineno; break; }
        if (st != NG_OK) break;
        ng_record_set_line(r, lineno);
        st = sink->record(sink->ctx, r);
        if (sink->progress && (lineno & 1023) == 0) sink->progress(sink->ctx, done, total);
    }
    if (st == NG_OK && ferror(f)) st = read_fail(err, NG_EIO, name, lineno, "read error");
    if (st == NG_OK && !any) st = read_fail(err, NG_EDATA, name, 0, "empty file: no objects");
    if (st == NG_OK && sink->progress) sink->progress(sink->ctx, done, total);
    free(line);
    free(fl);
    free(map);
    ng_record_free(r);
    return st;
}
