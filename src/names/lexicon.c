/*
 * lexicon.c -- the word lists of a name: titles to drop, particles to keep
 * out of the score, given-name classes across languages, patronymic and
 * feminine endings.  All come from the tables of data/names through the generated
 * tables; given names are indexed by phonetic key so that every spelling
 * that keys like a listed one belongs to its class (Serguei, Sergej and
 * Siergiej all key as "sergei").  A row of given_names_intl.txt whose
 * form given_names.txt lists is in that row's class too (Эдвард, written
 * for Edward, is Eduard's); a spelling's nicknames come from its rows
 * when the tables list it, from its keys when they do not.
 */
#include <stdlib.h>
#include <string.h>

#include "names/engine.h"
#include "text/fold.h"
#include "text/tables.h"
#include "text/utf8.h"

static int load_words(const ng_table *t, strmap *m)
{
    const char *const *row = t->cells;
    for (size_t r = 0; r < t->nrows; r++, row = table_next(row)) {
        for (size_t f = 0; row[f]; f++) {
            char *low = NULL;
            if (text_lower(row[f], strlen(row[f]), &low) != NG_OK) return -1;
            int bad = strmap_put(m, low, strlen(low), 1);
            free(low);
            if (bad) return -1;
        }
    }
    return 0;
}

static int add_given(ng_engine *e, strmap *map, const char *key, size_t len, int32_t group)
{
    int32_t slot;
    if (strmap_get(map, key, len, &slot)) {
        int32_t *g = e->given_slots[slot];
        for (int i = 0; i < MAX_GROUPS; i++) {
            if (g[i] == group) return 0;
            if (g[i] < 0) { g[i] = group; return 0; }
        }
        return 0; /* a key in more than MAX_GROUPS classes keeps the first */
    }
    if (e->ngiven_slots == e->given_cap) {
        size_t nc = e->given_cap ? 2 * e->given_cap : 256;
        void *p = realloc(e->given_slots, nc * sizeof *e->given_slots);
        if (!p) return -1;
        e->given_slots = p;
        e->given_cap = nc;
    }
    slot = (int32_t)e->ngiven_slots++;
    for (int i = 0; i < MAX_GROUPS; i++) e->given_slots[slot][i] = -1;
    e->given_slots[slot][0] = group;
    return strmap_put(map, key, len, slot);
}

ng_status lexicon_load(ng_engine *e)
{
    e->titles = strmap_new();
    e->particles = strmap_new();
    e->given = strmap_new();
    e->given_spelt = strmap_new();
    if (!e->titles || !e->particles || !e->given || !e->given_spelt) return NG_ENOMEM;
    if (load_words(&ng_tab_titles, e->titles) || load_words(&ng_tab_particles, e->particles))
        return NG_ENOMEM;

    static const ng_table *const given_tables[] = {&ng_tab_given_names, &ng_tab_given_names_intl};
    size_t total = 0;
    for (size_t k = 0; k < 2; k++) total += given_tables[k]->nrows;
    e->group_name = calloc(total + 1, sizeof *e->group_name);
    e->group_surname = calloc(total + 1, 1);
    if (!e->group_name || !e->group_surname) return NG_ENOMEM;
    struct ng_name *n = name_scratch_new();
    if (!n) return NG_ENOMEM;
    int32_t nmain = 0; /* the classes of given_names.txt */
    for (size_t k = 0; k < 2; k++) {
        const ng_table *t = given_tables[k];
        const char *const *row = t->cells;
        if (k == 1) nmain = (int32_t)e->ngroups;
        for (size_t r = 0; r < t->nrows; r++, row = table_next(row)) {
            int32_t g = (int32_t)e->ngroups++;
            size_t f0 = strcmp(row[0], "@surname") == 0 && row[1];
            e->group_surname[g] = (uint8_t)f0;
            e->group_name[g] = row[f0];
            /* a row of given_names_intl.txt (a form and how Russian writes
             * it) whose form given_names.txt lists joins that name across
             * languages: Эдвард is written for Edward, which is Eduard,
             * Edouard, Эдуард */
            int32_t cls[MAX_GROUPS];
            size_t ncls = 0;
            cls[ncls++] = g;
            if (k == 1) {
                char *low = NULL;
                if (text_lower(row[f0], strlen(row[f0]), &low) != NG_OK) { free(n); return NG_ENOMEM; }
                int32_t m[MAX_GROUPS];
                size_t nm = lexicon_spelt_groups(e, low, strlen(low), m);
                free(low);
                for (size_t i = 0; i < nm && ncls < MAX_GROUPS; i++)
                    if (m[i] < nmain) cls[ncls++] = m[i];
            }
            for (size_t f = f0; row[f]; f++) {
                ng_status st = name_parse_into(e, row[f], strlen(row[f]), n);
                if (st == NG_ENOMEM) { free(n); return st; }
                if (st != NG_OK || n->n != 1) continue;
                const struct tok *tk = n->slot[0].t;
                char *low = NULL;
                if (text_lower(row[f], strlen(row[f]), &low) != NG_OK) { free(n); return NG_ENOMEM; }
                int bad = 0;
                for (size_t c = 0; c < ncls && !bad; c++) {
                    for (size_t q = 0; q < tk->nkeys && !bad; q++)
                        bad = add_given(e, e->given, TOK_KEY(tk, q), tk->keylen[q], cls[c]);
                    if (!bad) bad = add_given(e, e->given_spelt, low, strlen(low), cls[c]);
                }
                free(low);
                if (bad) { free(n); return NG_ENOMEM; }
            }
        }
    }
    /* nicknames: the full names first, so that their classes are known */
    e->nick = strmap_new();
    if (!e->nick) { free(n); return NG_ENOMEM; }
    e->class_nick = malloc((e->ngroups + 1) * sizeof *e->class_nick);
    if (!e->class_nick) { free(n); return NG_ENOMEM; }
    for (size_t c = 0; c <= e->ngroups; c++)
        for (int k = 0; k < MAX_GROUPS; k++) e->class_nick[c][k] = -1;
    const ng_table *nt = &ng_tab_nicknames;
    const char *const *nrow = nt->cells;
    for (size_t r = 0; r < nt->nrows; r++, nrow = table_next(nrow)) {
        size_t eq = 0;
        while (nrow[eq] && strcmp(nrow[eq], "=")) eq++;
        if (!nrow[eq]) continue;
        int32_t cls[MAX_GROUPS];
        size_t ncls = 0;
        for (size_t f = eq + 1; nrow[f]; f++) {
            if (name_parse_into(e, nrow[f], strlen(nrow[f]), n) != NG_OK || n->n != 1) continue;
            const struct tok *tk = n->slot[0].t;
            for (size_t q = 0; q < tk->nkeys; q++) {
                int32_t g[MAX_GROUPS];
                size_t ng = lexicon_given_groups(e, TOK_KEY(tk, q), tk->keylen[q], g);
                for (size_t k = 0; k < ng && ncls < MAX_GROUPS; k++) {
                    size_t z = 0;
                    while (z < ncls && cls[z] != g[k]) z++;
                    if (z == ncls) cls[ncls++] = g[k];
                }
            }
        }
        if (!ncls) continue;
        for (size_t f = 0; f < eq; f++) {
            char *low = NULL;
            if (text_lower(nrow[f], strlen(nrow[f]), &low) != NG_OK) { free(n); return NG_ENOMEM; }
            int32_t rows[MAX_GROUPS];
            size_t nrows = lexicon_spelt_groups(e, low, strlen(low), rows);
            free(low);
            for (size_t r2 = 0; r2 < nrows; r2++)
                for (size_t c = 0; c < ncls; c++)
                    for (int k = 0; k < MAX_GROUPS; k++) {
                        int32_t *g = e->class_nick[rows[r2]];
                        if (g[k] == cls[c]) break;
                        if (g[k] < 0) { g[k] = cls[c]; break; }
                    }
            if (name_parse_into(e, nrow[f], strlen(nrow[f]), n) != NG_OK || n->n != 1) continue;
            const struct tok *tk = n->slot[0].t;
            for (size_t q = 0; q < tk->nkeys; q++) {
                const char *key = TOK_KEY(tk, q);
                size_t kl = tk->keylen[q];
                int32_t slot;
                if (!strmap_get(e->nick, key, kl, &slot)) {
                    if (e->ngiven_slots == e->given_cap) {
                        size_t nc = 2 * e->given_cap;
                        void *p = realloc(e->given_slots, nc * sizeof *e->given_slots);
                        if (!p) { free(n); return NG_ENOMEM; }
                        e->given_slots = p;
                        e->given_cap = nc;
                    }
                    slot = (int32_t)e->ngiven_slots++;
                    for (int k = 0; k < MAX_GROUPS; k++) e->given_slots[slot][k] = -1;
                    if (strmap_put(e->nick, key, kl, slot)) { free(n); return NG_ENOMEM; }
                }
                int32_t *g = e->given_slots[slot];
                for (size_t c = 0; c < ncls; c++)
                    for (int k = 0; k < MAX_GROUPS; k++) {
                        if (g[k] == cls[c]) break;
                        if (g[k] < 0) { g[k] = cls[c]; break; }
                    }
            }
        }
    }
    free(n);

    const ng_table *s = &ng_tab_name_suffixes;
    const char *const *row = s->cells;
    for (size_t r = 0; r < s->nrows; r++, row = table_next(row)) {
        size_t nf = table_nfields(row);
        if (nf >= 2 && strcmp(row[0], "patronymic") == 0 && e->npatr < 48) {
            struct patr_suffix *p = &e->patr[e->npatr++];
            strncpy(p->s, row[1], sizeof p->s - 1);
            p->len = (uint8_t)strlen(p->s);
            for (size_t f = 2; f < nf; f++) {
                if (strcmp(row[f], "f") == 0) p->feminine = 1;
                if (strcmp(row[f], "word") == 0) p->word = 1;
            }
        } else if (nf >= 3 && strcmp(row[0], "stem") == 0 && e->nfem < 16) {
            struct fem_suffix *f = &e->fem[e->nfem++];
            strncpy(f->fem, row[1], sizeof f->fem - 1);
            strncpy(f->masc, row[2], sizeof f->masc - 1);
            f->flen = (uint8_t)strlen(f->fem);
            f->mlen = (uint8_t)strlen(f->masc);
            f->feminine = nf >= 4 && strcmp(row[3], "f") == 0;
        }
    }
    return NG_OK;
}

void lexicon_free(ng_engine *e)
{
    strmap_free(e->titles);
    strmap_free(e->particles);
    strmap_free(e->given);
    strmap_free(e->given_spelt);
    strmap_free(e->nick);
    free(e->given_slots);
    free(e->class_nick);
    free(e->group_name);
    free(e->group_surname);
}

int lexicon_is_title(const ng_engine *e, const char *folded)
{
    return strmap_get(e->titles, folded, strlen(folded), NULL);
}

int lexicon_is_particle(const ng_engine *e, const char *folded)
{
    return strmap_get(e->particles, folded, strlen(folded), NULL);
}

/* The classes in the slot that map gives key, into out. */
static size_t slot_groups(const ng_engine *e, const strmap *map, const char *key, size_t len,
                          int32_t *out)
{
    int32_t slot;
    if (!map || !strmap_get(map, key, len, &slot)) return 0;
    size_t n = 0;
    for (int i = 0; i < MAX_GROUPS && e->given_slots[slot][i] >= 0; i++)
        out[n++] = e->given_slots[slot][i];
    return n;
}

size_t lexicon_given_groups(const ng_engine *e, const char *key, size_t len, int32_t *out)
{
    return slot_groups(e, e->given, key, len, out);
}

size_t lexicon_spelt_groups(const ng_engine *e, const char *low, size_t len, int32_t *out)
{
    return slot_groups(e, e->given_spelt, low, len, out);
}

size_t lexicon_nickname_groups(const ng_engine *e, const char *key, size_t len, int32_t *out)
{
    return slot_groups(e, e->nick, key, len, out);
}

size_t lexicon_spelt_nickname_groups(const ng_engine *e, const int32_t *spelt, size_t nspelt,
                                     int32_t *out)
{
    size_t n = 0;
    if (!e->class_nick) return 0; /* the tables are still being read */
    for (size_t s = 0; s < nspelt; s++) {
        const int32_t *g = e->class_nick[spelt[s]];
        for (int k = 0; k < MAX_GROUPS && g[k] >= 0 && n < MAX_GROUPS; k++) {
            size_t z = 0;
            while (z < n && out[z] != g[k]) z++;
            if (z == n) out[n++] = g[k];
        }
    }
    return n;
}

static int ends_with(const char *key, size_t len, const char *suf, size_t slen)
{
    return len >= slen && memcmp(key + len - slen, suf, slen) == 0;
}

int lexicon_patronymic(const ng_engine *e, const char *key, size_t len, int *fem)
{
    for (size_t i = 0; i < e->npatr; i++) {
        const struct patr_suffix *p = &e->patr[i];
        /* a stem of at least two symbols before the ending (Юрьевна is
         * ur-evna once the glide and soft sign are gone); a "word" row is
         * the whole key (Ильич, not Лалич) */
        if (p->word ? len == p->len && memcmp(key, p->s, len) == 0
                    : len >= (size_t)p->len + 2 && ends_with(key, len, p->s, p->len)) {
            if (fem) *fem = p->feminine;
            return 1;
        }
    }
    return 0;
}

size_t lexicon_masculine(const ng_engine *e, const char *key, size_t len, char *out,
                         int *feminine)
{
    for (size_t i = 0; i < e->nfem; i++) {
        const struct fem_suffix *f = &e->fem[i];
        if (len < (size_t)f->flen + 3 || !ends_with(key, len, f->fem, f->flen)) continue;
        size_t stem = len - f->flen;
        if (stem + f->mlen >= NG_KEY_MAX_BYTES) return 0;
        memcpy(out, key, stem);
        memcpy(out + stem, f->masc, f->mlen);
        out[stem + f->mlen] = 0;
        *feminine = f->feminine;
        return stem + f->mlen;
    }
    return 0;
}
