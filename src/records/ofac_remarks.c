/*
 * ofac_remarks.c -- OFAC's Remarks column into fields.
 *
 * A remark is a run of clauses separated by semicolons ("DOB 05 Apr 1979;
 * alt. DOB 12 Apr 1978; POB Nikolaevka, Amur Oblast, Russia; nationality
 * Russia; Gender Male; Passport 100135556; Linked To: MAIN INTELLIGENCE
 * DIRECTORATE.").  Each clause is classified:
 *   1. by the longest row of data/records/ofac_remarks.txt it begins with
 *      ("alt." before it dropped), whose kind says what to do;
 *   2. else as an identifier: a label ending like one (No., #, Number, ID,
 *      Code, Card ...) and a number holding a digit ("Kenyan ID No. 123");
 *   3. else as a position (Minister of ..., Member of ..., Head of ...), a
 *      rank or honorific alone (Brigadier General, Haji), or a relative
 *      (wife of ..., son of ...);
 *   4. else it is unclassified: kept in notes, counted, and handed to the
 *      caller's unknown().
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "records/records.h"
#include "text/tables.h"

enum rkind { RK_DATE = 1, RK_TEXT, RK_ID, RK_ALIAS, RK_NOTE };

struct rrow {
    enum rkind kind;
    const char *prop;
    char prefix[112];
    size_t len;
};

static struct rrow *rows;
static size_t nrows;
static pthread_once_t rows_once = PTHREAD_ONCE_INIT;

static int by_length_desc(const void *a, const void *b)
{
    const struct rrow *x = a, *y = b;
    return x->len < y->len ? 1 : x->len > y->len ? -1 : 0;
}

static void load_rows(void)
{
    const ng_table *t = &ng_tab_ofac_remarks;
    rows = calloc(t->nrows ? t->nrows : 1, sizeof *rows);
    if (!rows) return;
    const char *const *row = t->cells;
    for (size_t r = 0; r < t->nrows; r++, row = table_next(row)) {
        struct rrow *x = &rows[nrows];
        const char *k = row[0];
        const char *colon = strchr(k, ':');
        size_t kl = colon ? (size_t)(colon - k) : strlen(k);
        if (kl == 4 && memcmp(k, "date", 4) == 0) x->kind = RK_DATE;
        else if (kl == 4 && memcmp(k, "text", 4) == 0) x->kind = RK_TEXT;
        else if (kl == 2 && memcmp(k, "id", 2) == 0) x->kind = RK_ID;
        else if (kl == 5 && memcmp(k, "alias", 5) == 0) x->kind = RK_ALIAS;
        else if (kl == 4 && memcmp(k, "note", 4) == 0) x->kind = RK_NOTE;
        else continue;
        x->prop = colon ? colon + 1 : "notes";
        /* the words of the prefix, joined by single spaces */
        x->prefix[0] = 0;
        for (size_t f = 1; row[f]; f++) {
            if (strlen(x->prefix) + strlen(row[f]) + 2 > sizeof x->prefix) break;
            if (f > 1) strcat(x->prefix, " ");
            strcat(x->prefix, row[f]);
        }
        x->len = strlen(x->prefix);
        if (x->len) nrows++;
    }
    qsort(rows, nrows, sizeof *rows, by_length_desc);
}

static int is_alpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/* The row clause c begins with (at a word boundary), or NULL. */
static const struct rrow *match_row(const char *c)
{
    for (size_t i = 0; i < nrows; i++) {
        const struct rrow *x = &rows[i];
        if (strncasecmp(c, x->prefix, x->len) != 0) continue;
        char next = c[x->len], last = x->prefix[x->len - 1];
        if (!is_alpha(last) || !is_alpha(next)) return x;
    }
    return NULL;
}

/* s[0..n) into buf, trimmed of spaces and of the quotes around a name. */
static char *span(const char *s, size_t n, char *buf, size_t cap)
{
    while (n && (*s == ' ' || *s == ':' || *s == '#' || *s == '-')) { s++; n--; }
    while (n && s[n - 1] == ' ') n--;
    if (n >= 2 && s[0] == '\'' && s[n - 1] == '\'') { s++; n -= 2; }
    if (n >= cap) n = cap - 1;
    memcpy(buf, s, n);
    buf[n] = 0;
    return buf;
}

/* An identifier clause's rest: "100135556 (Russia) issued 2010". */
static ng_status add_id(ng_record *r, const char *prop, const char *rest)
{
    char num[256], country[128] = "";
    const char *open = strchr(rest, '(');
    span(rest, open ? (size_t)(open - rest) : strlen(rest), num, sizeof num);
    if (open) {
        const char *close = strchr(open, ')');
        if (close) {
            span(open + 1, (size_t)(close - open - 1), country, sizeof country);
            /* a state is letters (Korea, North; Cote d'Ivoire), not a
             * note such as (expires 2020) */
            for (const char *p = country; *p; p++)
                if (*p >= '0' && *p <= '9') { country[0] = 0; break; }
        }
    }
    if (!num[0]) return NG_OK;
    return ng_record_add(r, prop, num, country[0] ? country : NULL);
}

/* Words that end the label of an identifier. */
static const char *const id_label_ends[] = {"no.", "no", "number", "#", "id", "code", "card",
                                            "passport", "n.i.e.", "rfc",
                                            "certificate", "license", "licence", "document",
                                            "nr.", "nr", NULL};
/* First words of a position held. */
static const char *const position_words[] = {
    "minister", "member", "head", "director", "chairman", "chairperson", "chairwoman",
    "president", "vice", "vice-chairperson,", "vice-chairman", "deputy", "governor", "commander",
    "chief", "secretary", "ambassador", "advisor", "adviser", "aide", "representative",
    "official", "employee", "officer", "magistrate", "judge", "rector", "leader", "founder",
    "owner", "manager", "executive", "prime", "mayor", "prosecutor", "spokesman", "coordinator",
    "financier", "facilitator", "supervisory", "presidential", "first", "former", "state",
    "senior", "general", "managing", "co-founder", "treasurer", "envoy", "consul", "attache",
    "korea", "constituent", "principal", NULL};
/* Words that name an office wherever they stand in a clause. */
static const char *const office_words[] = {
    "representative", "director", "minister", "ministry", "chairman", "chairperson", "chair",
    "commander", "official", "member", "chief", "judge", "leader", "ambassador", "president",
    "secretary", "head", "deputy", "governor", "colonel", "general", "officer", "employee",
    "envoy", "consul", "advisor", "adviser", "spokesman", "founder", "prosecutor", "mayor",
    "manager", "sub-commander", "commissioner", "lieutenant", "captain", "major",
    "vice-chairperson", "vice-chairman", "commander-in-chief", "ex-president", "businessman",
    "occupation", NULL};
/* Ranks and honorifics that may stand alone. */
static const char *const rank_words[] = {
    "general", "colonel", "major", "brigadier", "lieutenant", "lt.", "captain", "admiral",
    "doctor", "dr.", "haji", "hajji", "maulana", "maulawi", "maulavi", "mullah", "shaykh",
    "sheikh", "hojjatoleslam", "ayatollah", "engineer", "professor", "mufti", "col", "col.",
    "dr", "ustad", "lt", "mawlawi", "qari", "sayyed", "sayed", "hafiz", NULL};
/* Relatives: "wife of", "son of". */
static const char *const relative_words[] = {
    "wife", "husband", "son", "daughter", "brother", "sister", "half-brother", "half-sister",
    "father", "mother", "nephew", "niece", "cousin", "uncle", "aunt", "son-in-law",
    "brother-in-law", "father-in-law", "stepson", "daughter-in-law", "sister-in-law",
    "mother-in-law", "grandson", "granddaughter", "stepdaughter", "stepbrother", "spouse",
    "child", NULL};

/* Whether s holds w, ASCII letters compared without case. */
static int has_ci(const char *s, const char *w)
{
    size_t n = strlen(w);
    for (; *s; s++)
        if (strncasecmp(s, w, n) == 0) return 1;
    return 0;
}

static int in_list(const char *w, size_t n, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strlen(list[i]) == n && strncasecmp(w, list[i], n) == 0) return 1;
    return 0;
}

/* Whether a word of c (without trailing punctuation or 's) is in list. */
static int any_word_in(const char *c, const char *const *list)
{
    for (const char *q = c; *q;) {
        while (*q == ' ' || *q == ',' || *q == '(') q++;
        const char *b = q;
        while (*q && *q != ' ' && *q != ',') q++;
        size_t n = (size_t)(q - b);
        while (n && (b[n - 1] == '.' || b[n - 1] == ')' || b[n - 1] == ':')) n--;
        if (n > 2 && b[n - 2] == '\'' && (b[n - 1] == 's' || b[n - 1] == 'S')) n -= 2;
        if (n && in_list(b, n, list)) return 1;
    }
    return 0;
}

/* The kind of a clause no row names (step 2 and 3 above); fills prop,
 * and for an identifier the offset of its number in *at. */
static enum rkind guess(const char *c, const char **prop, size_t *at)
{
    /* an identifier: the first word holding a digit, after a label */
    const char *p = c;
    const char *prev_word = NULL;
    size_t prev_len = 0;
    while (*p) {
        while (*p == ' ') p++;
        const char *w = p;
        while (*p && *p != ' ') p++;
        size_t n = (size_t)(p - w);
        int digit = 0;
        for (size_t i = 0; i < n; i++) digit |= w[i] >= '0' && w[i] <= '9';
        if (digit) {
            /* "No. E 427689": a series of up to three capitals first */
            if (prev_word && prev_len <= 3 && prev_word > c && !in_list(prev_word, prev_len, id_label_ends)) {
                const char *pp = prev_word - 1;
                while (pp > c && pp[-1] == ' ') pp--;
                const char *pb = pp;
                while (pb > c && pb[-1] != ' ') pb--;
                int caps = 1;
                for (size_t i = 0; i < prev_len; i++) caps &= prev_word[i] >= 'A' && prev_word[i] <= 'Z';
                if (caps && in_list(pb, (size_t)(pp - pb), id_label_ends)) {
                    w = prev_word;
                    prev_word = pb;
                    prev_len = (size_t)(pp - pb);
                }
            }
            if (prev_word && in_list(prev_word, prev_len, id_label_ends)) {
                /* tax and company numbers by their label's words */
                *prop = "idNumber";
                size_t ll = (size_t)(w - c);
                char label[128];
                span(c, ll < sizeof label ? ll : sizeof label - 1, label, sizeof label);
                if (has_ci(label, "tax") || has_ci(label, "fiscal") || has_ci(label, "vat"))
                    *prop = "taxNumber";
                else if (has_ci(label, "registr") || has_ci(label, "company") ||
                         has_ci(label, "commerc") || has_ci(label, "business") ||
                         has_ci(label, "licen") || has_ci(label, "chamber"))
                    *prop = "registrationNumber";
                *at = (size_t)(w - c);
                return RK_ID;
            }
            break;
        }
        prev_word = w;
        prev_len = n;
    }
    /* a bare address of the web or of mail */
    if (!strchr(c, ' ') || strstr(c, " (website)") || strstr(c, " (email)")) {
        if (strchr(c, '@')) { *prop = "email"; return RK_TEXT; }
        if (strncasecmp(c, "http", 4) == 0 || strncasecmp(c, "www.", 4) == 0) {
            *prop = "website";
            return RK_TEXT;
        }
    }
    /* a relative (wife of ..., Saddam Hussein al-Tikriti's second son) */
    if (any_word_in(c, relative_words)) { *prop = "notes"; return RK_NOTE; }
    /* a rank or an honorific alone: every word is one */
    int all_ranks = 1;
    for (const char *q = c; *q && all_ranks;) {
        while (*q == ' ') q++;
        const char *b = q;
        while (*q && *q != ' ') q++;
        if (q > b && !in_list(b, (size_t)(q - b), rank_words)) all_ranks = 0;
    }
    if (all_ranks) { *prop = "title"; return RK_TEXT; }
    /* a position: its first word, or a word that names an office anywhere
     * in a clause without numbers (Tanchon Commercial Bank Representative
     * to Beijing) */
    const char *w = c;
    size_t n = strcspn(c, " ,");
    if (in_list(w, n, position_words)) { *prop = "position"; return RK_TEXT; }
    if (!strpbrk(c, "0123456789") && any_word_in(c, office_words)) { *prop = "position"; return RK_TEXT; }
    return 0;
}

ng_status ofac_remarks(ng_record *r, const char *remarks, size_t *known, size_t *total,
                       void (*unknown)(void *ctx, const char *clause), void *ctx)
{
    pthread_once(&rows_once, load_rows);
    if (!rows) return NG_ENOMEM;
    ng_status st = NG_OK;
    const char *p = remarks;
    while (*p && st == NG_OK) {
        /* a clause: up to a semicolon outside quotes */
        const char *e = p;
        int quoted = 0;
        for (; *e; e++) {
            if (*e == '\'' && (e == p || e[-1] == ' ' || quoted)) quoted = !quoted;
            if (*e == ';' && !quoted) break;
        }
        char c[4096];
        size_t n = (size_t)(e - p);
        p = *e ? e + 1 : e;
        while (n && *(e - n) == ' ') n--; /* (leading spaces) */
        const char *s = e - n;
        while (n && (s[n - 1] == ' ' || s[n - 1] == '.')) n--;
        if (n == 0) continue;
        if (n >= sizeof c) n = sizeof c - 1;
        memcpy(c, s, n);
        c[n] = 0;
        const char *cl = c;
        if (strncasecmp(cl, "alt. ", 5) == 0) cl += 5;
        else if (strncasecmp(cl, "alt ", 4) == 0) cl += 4;
        (*total)++;
        const struct rrow *row = match_row(cl);
        enum rkind kind = row ? row->kind : 0;
        const char *prop = row ? row->prop : NULL;
        const char *rest = row ? cl + row->len : cl;
        size_t at = 0;
        if (!row) {
            kind = guess(cl, &prop, &at);
            if (kind == RK_ID) rest = cl + at;
        }
        char v[4096];
        switch (kind) {
        case RK_DATE: st = ng_record_add_date(r, prop, span(rest, strlen(rest), v, sizeof v)); break;
        case RK_TEXT:
            st = ng_record_add(r, prop, row ? span(rest, strlen(rest), v, sizeof v) : cl, NULL);
            break;
        case RK_ID: st = add_id(r, prop, rest); break;
        case RK_ALIAS: st = ng_record_add(r, prop, span(rest, strlen(rest), v, sizeof v), NULL); break;
        case RK_NOTE: st = ng_record_add(r, "notes", cl, NULL); break;
        default:
            st = ng_record_add(r, "notes", cl, NULL);
            if (unknown) unknown(ctx, cl);
            continue;
        }
        (*known)++;
    }
    return st;
}
