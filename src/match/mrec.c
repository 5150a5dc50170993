/*
 * mrec.c -- a record made ready for matching: names parsed once, dates
 * read, states and identifiers normalised.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "records/country.h"
#include "match/match.h"
#include "names/engine.h"
#include "records/records.h"

static enum ident_kind ident_kind_of(const char *prop)
{
    if (strcmp(prop, "passportNumber") == 0) return ID_PASSPORT;
    if (strcmp(prop, "idNumber") == 0) return ID_NATIONAL;
    if (strcmp(prop, "taxNumber") == 0 || strcmp(prop, "innCode") == 0) return ID_TAX;
    if (strcmp(prop, "registrationNumber") == 0 || strcmp(prop, "ogrnCode") == 0) return ID_REGISTRATION;
    if (strcmp(prop, "phone") == 0) return ID_PHONE;
    if (strcmp(prop, "email") == 0) return ID_EMAIL;
    return 0;
}

/* s into out (cap bytes); when longer, its first cap - 9 bytes, '#' and
 * 7 hex digits of its hash: equal numbers stay equal, different ones
 * almost surely different. */
static void fit(char *out, size_t cap, const char *s)
{
    size_t n = strlen(s);
    if (n < cap) { memcpy(out, s, n + 1); return; }
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ (uint8_t)s[i]) * 16777619u;
    snprintf(out, cap, "%.*s#%07x", (int)(cap - 9), s, h & 0xFFFFFFFu);
}

/* An identifier's number as compared: capitals and digits, or for an
 * email the whole address in lowercase, for a phone its last ten digits. */
static void ident_norm(enum ident_kind k, const char *v, char *out, size_t cap)
{
    size_t n = 0;
    char tmp[256];
    if (k == ID_EMAIL) {
        for (; *v && n + 1 < sizeof tmp; v++)
            if (*v != ' ') tmp[n++] = (char)(*v >= 'A' && *v <= 'Z' ? *v + 32 : *v);
        tmp[n] = 0;
        fit(out, cap, tmp);
        return;
    }
    for (; *v && n + 1 < sizeof tmp; v++) {
        char c = *v;
        if (c >= 'a' && c <= 'z') c = (char)(c - 32);
        if ((c >= 'A' && c <= 'Z' && k != ID_PHONE) || (c >= '0' && c <= '9')) tmp[n++] = c;
    }
    tmp[n] = 0;
    const char *s = tmp;
    if (k == ID_PHONE && n > 10) s = tmp + n - 10;
    fit(out, cap, s);
}

struct mdate mdate_pack(const ng_date *d)
{
    struct mdate m = {(int16_t)d->year, (int16_t)d->year_to, (uint8_t)d->month, (uint8_t)d->day,
                      (uint8_t)d->flags};
    return m;
}

ng_date mdate_unpack(const struct mdate *m)
{
    ng_date d = {m->year, m->month, m->day, m->year_to, m->flags};
    return d;
}

struct arena_chunk {
    struct arena_chunk *next;
    max_align_t data[];
};

#define ARENA_CHUNK (1u << 20)

void *arena_alloc(struct arena *a, size_t n)
{
    n = (n + 7) & ~(size_t)7; /* 8-byte alignment is all the pieces need */
    if (!a->head || a->used + n > a->cap) {
        size_t cap = n > ARENA_CHUNK ? n : ARENA_CHUNK;
        struct arena_chunk *c = malloc(sizeof *c + cap);
        if (!c) return NULL;
        c->next = a->head;
        a->head = c;
        a->used = 0;
        a->cap = cap;
    }
    void *p = (char *)a->head->data + a->used;
    a->used += n;
    return p;
}

void arena_free(struct arena *a)
{
    while (a->head) {
        struct arena_chunk *n = a->head->next;
        free(a->head);
        a->head = n;
    }
    a->used = a->cap = 0;
}

static void *arena_take(void *ar, size_t n) { return arena_alloc(ar, n); }

/* n bytes from the arena, or from malloc when there is none. */
static void *take(struct arena *ar, size_t n)
{
    return ar ? arena_alloc(ar, n) : malloc(n);
}

/* The block's pieces follow one another each at its alignment. */
_Static_assert(_Alignof(int) <= sizeof(ng_name *) && _Alignof(struct mident) <= _Alignof(int) &&
                   _Alignof(struct mdate) <= _Alignof(struct mident),
               "the pieces of an mrec's block");

ng_status mrec_from_record(ng_engine *e, const char *dataset, const ng_record *r, struct mrec *m,
                           struct arena *ar)
{
    memset(m, 0, sizeof *m);
    size_t nv = ng_record_count(r);
    /* gathered here, kept in the record's block below: a million records
     * hold mostly no identifier and one date */
    ng_name *names[MREC_MAX_NAMES];
    struct mdate dobs[MREC_MAX_DATES];
    int countries[MREC_MAX_COUNTRIES];
    struct mident ids[MREC_MAX_IDS];
    char *posting = NULL;
    for (size_t i = 0; i < nv; i++) {
        const ng_value *v = ng_record_value(r, i);
        const struct prop_info *pi = record_prop_info(v->prop);
        if (pi && pi->kind == PROP_NAME && m->nnames < MREC_MAX_NAMES) {
            ng_name *n = NULL;
            ng_status st = ar ? name_parse_with(e, v->value, (size_t)-1, arena_take, ar, &n)
                              : ng_name_parse(e, v->value, (size_t)-1, &n);
            if (st == NG_ENOMEM) goto nomem;
            if (st != NG_OK) continue;
            names[m->nnames++] = n;
            continue;
        }
        if (strcmp(v->prop, "birthDate") == 0 && m->ndobs < MREC_MAX_DATES) {
            ng_date d;
            if (ng_date_parse(v->value, &d) == NG_OK && d.year > -32768 && d.year < 32768 &&
                d.year_to > -32768 && d.year_to < 32768)
                dobs[m->ndobs++] = mdate_pack(&d);
            continue;
        }
        if (strcmp(v->prop, "gender") == 0) {
            char c = v->value[0];
            if (c == 'm' || c == 'M') m->gender = 'm';
            else if (c == 'f' || c == 'F' || c == 'w' || c == 'W') m->gender = 'f';
            continue;
        }
        if ((strcmp(v->prop, "nationality") == 0 || strcmp(v->prop, "citizenship") == 0) &&
            m->ncountries < MREC_MAX_COUNTRIES) {
            int c = country_code(v->value);
            int dup = 0;
            for (size_t k = 0; k < m->ncountries; k++) dup |= countries[k] == c;
            if (c && !dup) countries[m->ncountries++] = c;
            continue;
        }
        enum ident_kind k = ident_kind_of(v->prop);
        if (k && m->nids < MREC_MAX_IDS) {
            struct mident *id = &ids[m->nids];
            id->kind = (uint8_t)k;
            id->issuer = (uint16_t)(v->qual ? country_code(v->qual) : 0);
            ident_norm(k, v->value, id->num, sizeof id->num);
            if (strlen(id->num) >= 4) m->nids++;
            continue;
        }
        if (strcmp(v->prop, "posting") == 0 && !posting) {
            /* one the folding refuses is left out, as if absent */
            if (ng_text_fold(v->value, strlen(v->value), &posting) == NG_ENOMEM) goto nomem;
            continue;
        }
    }
    if (!m->nnames) {
        free(posting);
        memset(m, 0, sizeof *m);
        return NG_EEMPTY;
    }
    /* the block: names, states, identifiers, dates, id, posting */
    size_t o_countries = m->nnames * sizeof *names;
    size_t o_ids = o_countries + m->ncountries * sizeof *countries;
    size_t o_dobs = o_ids + m->nids * sizeof *ids;
    size_t o_id = o_dobs + m->ndobs * sizeof *dobs;
    size_t idl = strlen(dataset) + strlen(ng_record_id(r)) + 2;
    size_t pl = posting ? strlen(posting) + 1 : 0;
    char *block = take(ar, o_id + idl + pl);
    if (!block) goto nomem;
    m->in_arena = ar != NULL;
    m->names = (ng_name **)(void *)block;
    memcpy(block, names, o_countries);
    if (m->ncountries) memcpy(block + o_countries, countries, o_ids - o_countries);
    if (m->nids) memcpy(block + o_ids, ids, o_dobs - o_ids);
    if (m->ndobs) memcpy(block + o_dobs, dobs, o_id - o_dobs);
    m->id = block + o_id;
    snprintf(m->id, idl, "%s:%s", dataset, ng_record_id(r));
    if (posting) {
        memcpy(m->id + idl, posting, pl);
        m->has_posting = 1;
        free(posting);
    }
    return NG_OK;
nomem:
    if (!ar) for (size_t i = 0; i < m->nnames; i++) ng_name_free(names[i]);
    free(posting);
    memset(m, 0, sizeof *m);
    return NG_ENOMEM;
}

void mrec_free(struct mrec *m)
{
    if (!m) return;
    if (!m->in_arena) {
        for (size_t i = 0; i < m->nnames; i++) ng_name_free(m->names[i]);
        free(m->names);
    }
    memset(m, 0, sizeof *m);
}

void mrec_prefetch(const struct mrec *m, int stage)
{
    switch (stage) {
    case 0:
        __builtin_prefetch(m);
        break;
    case 1:
        __builtin_prefetch(m->names);
        break;
    case 2:
        for (size_t i = 0; i < m->nnames && i < 4; i++) __builtin_prefetch(m->names[i]);
        break;
    default:
        for (size_t i = 0; i < m->nnames && i < 4; i++) name_prefetch_tokens(m->names[i]);
    }
}

void mrec_prefetch_ahead(const struct mrec *v, const uint32_t *cand, size_t nc, size_t c)
{
    static const size_t ahead[4] = {12, 9, 6, 3};
    for (int stage = 0; stage < 4; stage++)
        if (c + ahead[stage] < nc) mrec_prefetch(&v[cand[c + ahead[stage]]], stage);
}
