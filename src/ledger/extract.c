/*
 * extract.c -- expulsions proposed from English news text.
 *
 * The text is cut into sentences and words; the words of
 * data/ledger/news_words.txt say which are acts (expel, expulsion,
 * declared ... persona non grata, ordered ... to leave, sent ... home),
 * staff (diplomats, the ambassador), negation, announcement, counts and
 * their units.  States are capitalised runs of words that ledger_state
 * knows (Poland, the Czech Republic, Russian, the Kremlin, Warsaw).
 * For each act:
 *   its voice: passive after was/were/been (45 diplomats were expelled by
 *     Moscow), else active;
 *   its actor: active, the nearest state before it in its clause that is
 *     no object of a preposition (in response to Warsaw's move) and no
 *     nationality of staff (Russian diplomats), with the states joined to
 *     it by commas and "and" (Germany, France and Italy expelled); or the
 *     state after "by" (the expulsion of ... by Poland), or before the
 *     noun ("Poland's expulsion"); passive, the state after by or from;
 *   its object: the words after it up to the next clause break (before it
 *     for a passive; between the governing verb and the phrase for png,
 *     leave and home); the target is the nationality of the staff there
 *     (45 Polish diplomats, Russia's ambassador, diplomats from Russia,
 *     the Russian embassy), else another state of the sentence (lower
 *     confidence);
 *   its count: the number nearest before the staff noun (45, forty-five,
 *     two dozen; "a diplomat" and "the ambassador" are one); vague words
 *     (dozens, several) and a whole mission leave it unknown; a number
 *     before a unit of time (five days to leave) is none;
 *   its mood: a negation in its verb group gives no event (denied it
 *     would expel, did not expel, instead of expelling), as does a
 *     possibility (threatened to, could, considering, urged); an
 *     announcement (will, plans to, is to) lowers the confidence;
 *   its date: the date expression of the sentence nearest to it:
 *     absolute (5 April 2022, April 5, 1983, March 2018, in 1971), or
 *     relative to the article's date (on Friday, yesterday, last week, in
 *     early March, earlier this month); none: the article's date;
 *   more events: gapped ones after the object (Poland expelled 45 and
 *     Bulgaria 10 ...), counts given "respectively" or "each".
 * Before 26 December 1991, Russia is the USSR (SUN).
 */
#include <stdlib.h>
#include <string.h>

#include "ledger/ledger.h"
#include "text/ascii.h"
#include "text/fold.h"
#include "text/tables.h"
#include "text/utf8.h"

/* ---- the words ----------------------------------------------------------- */

enum wkind {
    W_ACT, W_DECLARE, W_ORDER, W_SEND, W_STAFF1, W_STAFFN, W_MISSION, W_FILLER, W_NEG, W_WILL,
    W_MAY, W_VAGUE, W_NUM, W_UNIT, W_PREP, W_BREAK, W_GOVT, W_PASSIVE, W_NKINDS
};
enum actkind { A_VERB, A_NOUN, A_PNG, A_LEAVE, A_HOME };

/* A phrase of the table: its words (lowercase, up to 4), kind, value. */
struct phrase {
    char w[4][24];
    int n;
    enum wkind kind;
    int value;              /* act kind, or a number's value */
};

static struct phrase *phrases;
static size_t nphrases;

static int kind_of(const char *k, enum wkind *out)
{
    static const struct { const char *name; enum wkind kind; } kinds[] = {
        {"act", W_ACT},       {"declare", W_DECLARE}, {"order", W_ORDER}, {"send", W_SEND},
        {"mission", W_MISSION}, {"filler", W_FILLER}, {"neg", W_NEG},     {"will", W_WILL},
        {"may", W_MAY},       {"vague", W_VAGUE},     {"num", W_NUM},     {"unit", W_UNIT},
        {"prep", W_PREP},     {"break", W_BREAK},     {"govt", W_GOVT},   {"passive", W_PASSIVE},
    };
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(k, kinds[i].name) == 0) { *out = kinds[i].kind; return 1; }
    return 0;
}

static int add_phrase(const char *text, enum wkind kind, int value)
{
    struct phrase *p = realloc(phrases, (nphrases + 1) * sizeof *p);
    if (!p) return -1;
    phrases = p;
    struct phrase *x = &phrases[nphrases];
    memset(x, 0, sizeof *x);
    x->kind = kind;
    x->value = value;
    const char *s = text;
    while (*s && x->n < 4) {
        size_t k = 0;
        while (*s && *s != '_') {
            if (k + 1 < sizeof x->w[0]) x->w[x->n][k++] = (char)ascii_tolower((unsigned char)*s);
            s++;
        }
        x->w[x->n][k] = 0;
        x->n++;
        if (*s == '_') s++;
    }
    nphrases++;
    return 0;
}

static int load_words(void)
{
    if (phrases) return 0;
    const ng_table *t = &ng_tab_news_words;
    const char *const *row = t->cells;
    for (size_t r = 0; r < t->nrows; r++, row = table_next(row)) {
        size_t nf = table_nfields(row);
        if (nf < 2) continue;
        if (strcmp(row[0], "act") == 0 && nf >= 3) {
            static const char *const acts[] = {"verb", "noun", "png", "leave", "home"};
            for (int a = 0; a < 5; a++)
                if (strcmp(row[1], acts[a]) == 0)
                    for (size_t f = 2; f < nf; f++)
                        if (add_phrase(row[f], W_ACT, a)) return -1;
        } else if (strcmp(row[0], "staff") == 0 && nf >= 3) {
            if (strcmp(row[1], "-") && row[1][0] && add_phrase(row[1], W_STAFF1, 0)) return -1;
            if (add_phrase(row[2], W_STAFFN, 0)) return -1;
        } else if (strcmp(row[0], "num") == 0 && nf >= 3) {
            for (size_t f = 2; f < nf; f++)
                if (add_phrase(row[f], W_NUM, (int)strtol(row[1], NULL, 10))) return -1;
        } else {
            enum wkind k;
            if (!kind_of(row[0], &k)) continue;
            for (size_t f = 1; f < nf; f++)
                if (add_phrase(row[f], k, 0)) return -1;
        }
    }
    return 0;
}

/* ---- tokens --------------------------------------------------------------- */

enum ttype { T_WORD, T_NUM, T_PUNCT };

struct token {
    enum ttype type;
    char low[40];           /* lowercase (words), the digits (numbers) */
    const char *at;         /* in the text */
    size_t len;
    int cap;                /* starts with a capital letter */
    int poss;               /* followed by 's or ' */
    int people;             /* a state's people, plural (Russians) */
    long value;             /* a number's */
};

static int is_letter(const unsigned char *p) { return ascii_isalpha(*p) || *p >= 0x80; }

/* Splits s (len bytes) into tokens; returns how many (at most cap). */
static size_t tokenize(const char *s, size_t len, struct token *t, size_t cap)
{
    size_t n = 0, i = 0;
    const unsigned char *u = (const unsigned char *)s;
    while (i < len && n < cap) {
        if (ascii_isspace(u[i])) { i++; continue; }
        struct token *k = &t[n];
        memset(k, 0, sizeof *k);
        k->at = s + i;
        size_t j = i;
        if (ascii_isdigit(u[i])) {
            /* 45, 1,200 (a comma and three digits) */
            long v = 0;
            while (j < len && (ascii_isdigit(u[j]) ||
                               (u[j] == ',' && j + 3 < len && ascii_isdigit(u[j + 1]) &&
                                ascii_isdigit(u[j + 2]) && ascii_isdigit(u[j + 3]) &&
                                (j + 4 >= len || !ascii_isdigit(u[j + 4]))))) {
                if (ascii_isdigit(u[j]) && v < 100000000) v = v * 10 + (u[j] - '0');
                j++;
            }
            /* 5th, 21st */
            if (j + 1 < len && ascii_isalpha(u[j]) && ascii_isalpha(u[j + 1]) &&
                (strncmp(s + j, "th", 2) == 0 || strncmp(s + j, "st", 2) == 0 ||
                 strncmp(s + j, "nd", 2) == 0 || strncmp(s + j, "rd", 2) == 0))
                j += 2;
            k->type = T_NUM;
            k->value = v;
            snprintf(k->low, sizeof k->low, "%ld", v);
        } else if (is_letter(u + i)) {
            k->cap = ascii_isupper(u[i]) || u[i] >= 0x80;
            if (u[i] >= 0x80) {
                /* a capital outside ASCII (Élysée, Россия) */
                size_t q = i;
                k->cap = text_isupper(utf8_next(s, len, &q, NULL));
            }
            while (j < len && (is_letter(u + j) || u[j] == '-' || u[j] == '.' ||
                               (u[j] == '\'' && j + 1 < len && ascii_isalpha(u[j + 1]) &&
                                !(u[j + 1] == 's' && (j + 2 >= len || !ascii_isalpha(u[j + 2])))))) {
                /* a dot only inside U.S., U.K. */
                if (u[j] == '.' && !(j + 1 < len && ascii_isalpha(u[j + 1]) && j >= 1 &&
                                     ascii_isupper(u[j - 1]) && (j + 2 >= len || u[j + 2] == '.')))
                    break;
                j++;
            }
            if (j < len && u[j] == '.' && j >= 2 && u[j - 2] == '.') j++; /* U.S. */
            /* n't: did|n't */
            if (j - i > 3 && strncmp(s + j - 3, "n't", 3) == 0 && n + 1 < cap) {
                k->type = T_WORD;
                k->len = j - 3 - i;
                for (size_t q = 0; q < k->len && q + 1 < sizeof k->low; q++)
                    k->low[q] = (char)ascii_tolower(u[i + q]);
                n++;
                k = &t[n];
                memset(k, 0, sizeof *k);
                k->at = s + j - 3;
                k->len = 3;
                k->type = T_WORD;
                memcpy(k->low, "n't", 4);
                n++;
                i = j;
                continue;
            }
            k->type = T_WORD;
            size_t q = 0;
            for (size_t p = i; p < j && q + 1 < sizeof k->low; p++)
                if (u[p] != '.') k->low[q++] = (char)ascii_tolower(u[p]);
            k->low[q] = 0;
            /* possessive: Russia's, Russians' */
            if (j < len && (u[j] == '\'' || (j + 2 < len && u[j] == 0xE2 && u[j + 1] == 0x80 &&
                                              u[j + 2] == 0x99))) {
                size_t a = u[j] == '\'' ? 1 : 3;
                if (j + a < len && u[j + a] == 's' && (j + a + 1 >= len || !ascii_isalpha(u[j + a + 1]))) {
                    k->poss = 1;
                    k->len = j - i;
                    n++;
                    i = j + a + 1;
                    continue;
                }
                if (k->low[0] && k->low[strlen(k->low) - 1] == 's') {
                    k->poss = 1;
                    k->len = j - i;
                    n++;
                    i = j + a;
                    continue;
                }
            }
        } else {
            /* punctuation: one character (a UTF-8 sequence whole) */
            j = i + 1;
            if (u[i] >= 0x80) {
                size_t q = i;
                utf8_next(s, len, &q, NULL);
                j = q > i ? q : i + 1;
            }
            k->type = T_PUNCT;
            k->low[0] = (char)u[i];
            k->low[1] = 0;
        }
        k->len = j - i;
        n++;
        i = j;
    }
    return n;
}

/* The phrase of kind `kind` (any kind: W_NKINDS) that starts at token i,
 * longest first; returns its length in tokens (0: none) and the phrase. */
static int phrase_at(const struct token *t, size_t n, size_t i, enum wkind kind,
                     const struct phrase **out)
{
    int best = 0;
    for (size_t p = 0; p < nphrases; p++) {
        const struct phrase *x = &phrases[p];
        if (kind != W_NKINDS && x->kind != kind) continue;
        if (x->n <= best || i + (size_t)x->n > n) continue;
        int ok = 1;
        for (int k = 0; k < x->n && ok; k++)
            ok = t[i + k].type == T_WORD && strcmp(t[i + k].low, x->w[k]) == 0;
        if (ok) {
            best = x->n;
            if (out) *out = x;
        }
    }
    return best;
}

static int is_kind(const struct token *t, size_t n, size_t i, enum wkind kind)
{
    return phrase_at(t, n, i, kind, NULL) > 0;
}

static int punct(const struct token *t, char c) { return t->type == T_PUNCT && t->low[0] == c; }

/* A word for people of a state (Russians, Czechs): the staff themselves. */
static int is_people(const struct token *t)
{
    return t->type == T_WORD && t->people;
}

static int staff_noun(const struct token *t, size_t n, size_t i)
{
    return is_kind(t, n, i, W_STAFFN) || is_kind(t, n, i, W_STAFF1) || is_people(&t[i]);
}

/* ---- states in a sentence ------------------------------------------------ */

struct mention {
    size_t at, end;         /* tokens [at, end) */
    char code[LSTATE_MAX];
    int staff_after;        /* staff (or a mission) follows: a nationality */
    int govt_after;         /* a word of government follows */
    int after_prep;         /* the object of a preposition */
    int after_staff_from;   /* diplomats from Russia, staff of the embassy */
};

/* Whether words [i, e) are a state: a capitalised run (with of, and, the
 * inside), the longest that ledger_state knows. */
static size_t mentions(struct token *t, size_t n, struct mention *m, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k < cap;) {
        if (t[i].type != T_WORD || !t[i].cap) { i++; continue; }
        size_t best = 0;
        char code[LSTATE_MAX];
        /* "the" before is part of it (the Netherlands) but not needed */
        for (size_t e = i + 1; e <= n && e <= i + 5; e++) {
            const struct token *last = &t[e - 1];
            if (last->type != T_WORD) break;
            if (!last->cap) continue; /* of, and inside; a state ends capitalised */
            if (e > i + 1 && t[e - 2].poss) break;
            char text[200] = "";
            for (size_t q = i; q < e; q++) {
                if (strlen(text) + t[q].len + 2 >= sizeof text) break;
                if (q > i) strcat(text, " ");
                strncat(text, t[q].at, t[q].len);
            }
            char c[LSTATE_MAX];
            /* a code is a code only in capitals: "In", "No", "Can" and "us"
             * are words (India, Norway, Canada, the US) */
            if (e == i + 1 && strlen(t[i].low) <= 3) {
                int upper = 1;
                for (size_t q = 0; q < t[i].len; q++)
                    if (ascii_islower((unsigned char)t[i].at[q])) upper = 0;
                if (!upper) continue;
            }
            if (ledger_state(text, 1, c)) {
                best = e;
                memcpy(code, c, LSTATE_MAX);
            } else if (e == i + 1 && t[i].len > 4 && t[i].at[t[i].len - 1] == 's' && !t[i].poss) {
                /* Russians, Czechs: people of a state, who are the staff */
                char one[64];
                snprintf(one, sizeof one, "%.*s", (int)t[i].len - 1, t[i].at);
                char c2[LSTATE_MAX];
                if (ledger_state(one, 0, c2)) {
                    best = e;
                    memcpy(code, c2, LSTATE_MAX);
                    t[i].people = 1;
                }
            }
            if (!last->cap) break;
        }
        if (!best) { i++; continue; }
        struct mention *x = &m[k++];
        memset(x, 0, sizeof *x);
        x->at = i;
        x->end = best;
        memcpy(x->code, code, LSTATE_MAX);
        /* what follows: fillers, numbers, then staff? */
        size_t j = best;
        while (j < n && (is_kind(t, n, j, W_FILLER) || t[j].type == T_NUM) &&
               !is_kind(t, n, j, W_STAFFN) && !is_kind(t, n, j, W_STAFF1) &&
               !is_kind(t, n, j, W_MISSION) && strcmp(t[j].low, "and") && strcmp(t[j].low, "from") &&
               strcmp(t[j].low, "in"))
            j++;
        if (j < n && (staff_noun(t, n, j) || is_kind(t, n, j, W_MISSION))) x->staff_after = 1;
        if (t[i].people) x->staff_after = 1;
        if (best < n && is_kind(t, n, best, W_GOVT)) x->govt_after = 1;
        /* EU states, NATO allies: a group of states, none of them named */
        if (best < n && t[best].type == T_WORD &&
            (strcmp(t[best].low, "states") == 0 || strcmp(t[best].low, "countries") == 0 ||
             strcmp(t[best].low, "members") == 0 || strcmp(t[best].low, "nations") == 0 ||
             strcmp(t[best].low, "allies") == 0 || strcmp(t[best].low, "partners") == 0 ||
             strcmp(t[best].low, "capitals") == 0 || strcmp(t[best].low, "governments") == 0)) {
            k--;
            i = best;
            continue;
        }
        /* what comes before: a preposition (skipping the, 's words) */
        size_t b = i;
        if (b > 0 && strcmp(t[b - 1].low, "the") == 0) b--;
        if (b > 0 && is_kind(t, n, b - 1, W_PREP)) {
            x->after_prep = 1;
            /* after Berlin expelled ...: a subordinate clause's subject */
            static const char *const subord[] = {"after", "before", "since", "until", "as", "when", "once"};
            for (size_t q = 0; q < sizeof subord / sizeof subord[0]; q++)
                if (strcmp(t[b - 1].low, subord[q]) == 0 && best < n &&
                    (is_kind(t, n, best, W_ACT) || is_kind(t, n, best, W_WILL) ||
                     is_kind(t, n, best, W_ORDER) || is_kind(t, n, best, W_DECLARE) ||
                     strcmp(t[best].low, "has") == 0 || strcmp(t[best].low, "had") == 0 ||
                     strcmp(t[best].low, "have") == 0))
                    x->after_prep = 0;
            /* diplomats from Russia, four diplomats each from Germany */
            size_t sb = b >= 2 && strcmp(t[b - 2].low, "each") == 0 ? b - 1 : b;
            if ((strcmp(t[b - 1].low, "from") == 0 || strcmp(t[b - 1].low, "of") == 0) && sb >= 2 &&
                (staff_noun(t, n, sb - 2) || is_kind(t, n, sb - 2, W_MISSION)))
                x->after_staff_from = 1;
        }
        i = best;
    }
    return k;
}

/* ---- counts --------------------------------------------------------------- */

/* A number at token i, written in digits or words (45, forty-five, two
 * dozen, one): its value in *v and its length in tokens, or 0.  "a" and
 * "an" count only with allow_a (a diplomat). */
static size_t number_at(const struct token *t, size_t n, size_t i, int allow_a, long *v)
{
    if (t[i].type == T_NUM) {
        *v = t[i].value;
        return 1;
    }
    if (t[i].type != T_WORD) return 0;
    const struct phrase *ph = NULL;
    if (phrase_at(t, n, i, W_NUM, &ph) && ph) {
        if (!allow_a && (strcmp(t[i].low, "a") == 0 || strcmp(t[i].low, "an") == 0)) {
            /* a dozen, a hundred */
            const struct phrase *q = NULL;
            if (i + 1 < n && phrase_at(t, n, i + 1, W_NUM, &q) && q && q->value >= 12) {
                *v = q->value;
                return 2;
            }
            return 0;
        }
        long x = ph->value;
        size_t len = 1;
        /* two dozen, three hundred */
        const struct phrase *q = NULL;
        if (i + 1 < n && (strcmp(t[i + 1].low, "dozen") == 0 || strcmp(t[i + 1].low, "hundred") == 0) &&
            phrase_at(t, n, i + 1, W_NUM, &q) && q) {
            x *= q->value;
            len = 2;
        }
        *v = x;
        return len;
    }
    const char *dash = strchr(t[i].low, '-');
    if (dash) {
        /* forty-five */
        long tens = -1, ones = -1;
        size_t tl = (size_t)(dash - t[i].low);
        for (size_t p = 0; p < nphrases; p++) {
            if (phrases[p].kind != W_NUM || phrases[p].n != 1) continue;
            if (strlen(phrases[p].w[0]) == tl && memcmp(phrases[p].w[0], t[i].low, tl) == 0)
                tens = phrases[p].value;
            if (strcmp(phrases[p].w[0], dash + 1) == 0) ones = phrases[p].value;
        }
        if (tens >= 20 && tens % 10 == 0 && ones >= 1 && ones <= 9) {
            *v = tens + ones;
            return 1;
        }
    }
    return 0;
}


/* The count of the staff phrase in tokens [a, e): the number nearest before
 * the staff noun; -1 unknown; -2 "no" (none: no event). *staff set when a
 * staff noun is there. */
static long count_in(const struct token *t, size_t n, size_t a, size_t e, int *staff, size_t *staff_at)
{
    *staff = 0;
    size_t s = a;
    int singular = 0;
    for (; s < e; s++) {
        /* embassy staff: the mission word is a filler before a staff noun */
        if (is_kind(t, n, s, W_MISSION) && s + 1 < e &&
            (is_kind(t, n, s + 1, W_STAFFN) || is_kind(t, n, s + 1, W_STAFF1)))
            continue;
        if (is_kind(t, n, s, W_STAFFN) || is_kind(t, n, s, W_MISSION) || is_people(&t[s])) break;
        if (is_kind(t, n, s, W_STAFF1)) { singular = 1; break; }
    }
    if (s == e) {
        /* no staff noun: a bare number may still count (expelled 45 and
         * Bulgaria 10) */
        for (size_t i = a; i < e; i++)
            if (t[i].type == T_NUM && t[i].value > 0 && t[i].value < 10000 &&
                !(i + 1 < e && is_kind(t, n, i + 1, W_UNIT)))
                return t[i].value;
        return -1;
    }
    *staff = 1;
    if (staff_at) *staff_at = s;
    if (is_kind(t, n, s, W_MISSION)) {
        /* the Russian mission: unknown, unless a number says (3 embassies) */
        long c = -1;
        for (size_t i = a; i < s; i++)
            if (t[i].type == T_NUM && !(i + 1 < e && is_kind(t, n, i + 1, W_UNIT))) c = t[i].value;
        return c;
    }
    /* back from the staff noun over fillers and the nationality */
    long value = -1;
    int vague = 0;
    for (size_t i = s; i-- > a;) {
        if (strcmp(t[i].low, "no") == 0 || strcmp(t[i].low, "none") == 0) return -2;
        long v;
        size_t len = number_at(t, n, i, singular, &v);
        if (len && i + len <= s) {
            if (i + len < n && is_kind(t, n, i + len, W_UNIT)) continue;
            if (t[i].type == T_NUM && v >= 1900 && v <= 2100 && i + 1 < s) continue; /* a year */
            /* a dozen, two dozen: the first word of it */
            if (i > a) {
                long v2;
                size_t l2 = number_at(t, n, i - 1, singular, &v2);
                if (l2 == 2) { i--; v = v2; }
            }
            /* 33 of the 41 diplomats: the first */
            if (i >= a + 3 && strcmp(t[i - 2].low, "of") == 0 &&
                (strcmp(t[i - 1].low, "the") == 0 || strcmp(t[i - 1].low, "its") == 0 ||
                 strcmp(t[i - 1].low, "their") == 0)) {
                long v3;
                if (number_at(t, n, i - 3, 0, &v3) == 1) v = v3;
            }
            value = v;
            break;
        }
        if (phrase_at(t, n, i, W_VAGUE, NULL)) { vague = 1; break; }
        if (is_kind(t, n, i, W_ACT) || punct(&t[i], ';')) break;
    }
    if (value >= 0) return value;
    if (vague) return -1;
    if (singular) return 1; /* the ambassador, a diplomat */
    return -1;
}

/* ---- dates ---------------------------------------------------------------- */

static int month_of(const struct token *t)
{
    static const char *const m[] = {"january", "february", "march", "april", "may", "june", "july",
                                    "august", "september", "october", "november", "december"};
    static const char *const ab[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
                                     "sept", "oct", "nov", "dec"};
    if (t->type != T_WORD || !t->cap) return 0;
    for (int i = 0; i < 12; i++)
        if (strcmp(t->low, m[i]) == 0 || strcmp(t->low, ab[i]) == 0) return i + 1;
    if (strcmp(t->low, "sep") == 0) return 9;
    return 0;
}

static int weekday_of(const struct token *t)
{
    static const char *const d[] = {"monday", "tuesday", "wednesday", "thursday", "friday",
                                    "saturday", "sunday"};
    if (t->type != T_WORD) return -1;
    for (int i = 0; i < 7; i++)
        if (strcmp(t->low, d[i]) == 0) return i;
    return -1;
}


/* The year of a month and day given without one: the year the sentence
 * names on its own (syear: the spring of 2018), else the latest not after
 * the article's date (a week's grace for a date announced ahead). */
static int year_for(int m, int d, const struct ldate *art, int syear)
{
    if (syear) return syear;
    int y, am, ad;
    ldate_civil(art->first, &y, &am, &ad);
    long day = ldate_days(y, m, d > 0 ? d : 1);
    return day <= art->first + 7 ? y : y - 1;
}

/* A date expression at token i: fills d and returns its length in tokens,
 * or 0. */
static size_t date_at(const struct token *t, size_t n, size_t i, const struct ldate *art,
                      int sentence_year, struct ldate *d)
{
    int m = month_of(&t[i]);
    /* a month is a month after a preposition or before a number: "Theresa
     * May said" is no date */
    if (m) {
        static const char *const before[] = {"in", "on", "by", "since", "until", "from", "of",
                                             "early", "late", "mid", "last", "this", "next",
                                             "during", "before", "after", "end", "beginning"};
        int ok = i + 1 < n && t[i + 1].type == T_NUM;
        for (size_t k = 0; !ok && i > 0 && k < sizeof before / sizeof before[0]; k++)
            ok = strcmp(t[i - 1].low, before[k]) == 0;
        if (!ok) m = 0;
    }
    /* April 5, 1983 | April 5 | April 1983 */
    if (m) {
        size_t j = i + 1;
        long day = 0, year = 0;
        if (j < n && t[j].type == T_NUM && t[j].value >= 1 && t[j].value <= 31) {
            day = t[j].value;
            j++;
            if (j < n && punct(&t[j], ',')) j++;
        }
        if (j < n && t[j].type == T_NUM && t[j].value >= 1800 && t[j].value <= 2100) {
            year = t[j].value;
            j++;
        } else if (day && j > i + 2) {
            j--; /* the comma was no part of it */
        }
        if (!day && !year) {
            /* a month alone: "in March", "in early March" */
            if (!art && !sentence_year) return 0;
            int y = year_for(m, 1, art, sentence_year);
            long a = ldate_days(y, m, 1), b = ldate_days(y, m, ldate_month_days(y, m));
            if (i > 0) {
                const char *w = t[i - 1].low;
                if (strcmp(w, "early") == 0) b = ldate_days(y, m, 10);
                else if (strcmp(w, "mid") == 0 || strcmp(w, "mid-") == 0) {
                    a = ldate_days(y, m, 11);
                    b = ldate_days(y, m, 20);
                } else if (strcmp(w, "late") == 0) a = ldate_days(y, m, 21);
            }
            ldate_span(a, b, d);
            return 1;
        }
        if (!year) {
            if (!art && !sentence_year) return 0;
            year = year_for(m, (int)day, art, sentence_year);
        }
        if (day && day > ldate_month_days((int)year, m)) return 0;
        if (day) ldate_day((int)year, m, (int)day, d);
        else ldate_span(ldate_days((int)year, m, 1), ldate_days((int)year, m, ldate_month_days((int)year, m)), d);
        return j - i;
    }
    /* 5 April 2022 | 5 April */
    if (t[i].type == T_NUM && t[i].value >= 1 && t[i].value <= 31 && i + 1 < n &&
        (m = month_of(&t[i + 1]))) {
        long year = 0;
        size_t j = i + 2;
        if (j < n && t[j].type == T_NUM && t[j].value >= 1800 && t[j].value <= 2100) {
            year = t[j].value;
            j++;
        }
        if (!year) {
            if (!art && !sentence_year) return 0;
            year = year_for(m, (int)t[i].value, art, sentence_year);
        }
        if (t[i].value > ldate_month_days((int)year, m)) return 0;
        ldate_day((int)year, m, (int)t[i].value, d);
        return j - i;
    }
    /* mid-March */
    if (t[i].type == T_WORD && strncmp(t[i].low, "mid-", 4) == 0 && art) {
        struct token x = t[i];
        memmove(x.low, x.low + 4, strlen(x.low + 4) + 1);
        x.cap = 1;
        if ((m = month_of(&x))) {
            int y = year_for(m, 15, art, sentence_year);
            ldate_span(ldate_days(y, m, 11), ldate_days(y, m, 20), d);
            return 1;
        }
    }
    /* in 1971 */
    if (t[i].type == T_NUM && t[i].value >= 1900 && t[i].value <= 2100 && i > 0 &&
        strcmp(t[i - 1].low, "in") == 0) {
        int y = (int)t[i].value;
        ldate_span(ldate_days(y, 1, 1), ldate_days(y, 12, 31), d);
        return 1;
    }
    if (!art) return 0;
    /* on Friday, last Friday, next Friday */
    int wd = weekday_of(&t[i]);
    if (wd >= 0) {
        long a = art->first;
        int adow = (int)(((a % 7) + 7 + 3) % 7); /* 1970-01-01 was a Thursday (3) */
        int back = (adow - wd + 7) % 7;
        long day;
        int next = i > 0 && strcmp(t[i - 1].low, "next") == 0;
        int last = i > 0 && strcmp(t[i - 1].low, "last") == 0;
        if (next) day = a + ((wd - adow + 7) % 7 == 0 ? 7 : (wd - adow + 7) % 7);
        else day = a - (last && back == 0 ? 7 : back);
        ldate_span(day, day, d);
        return 1;
    }
    const char *w = t[i].low;
    long a = art->first;
    int y, am, ad;
    ldate_civil(a, &y, &am, &ad);
    if (strcmp(w, "yesterday") == 0) { ldate_span(a - 1, a - 1, d); return 1; }
    if (strcmp(w, "today") == 0 || strcmp(w, "tonight") == 0) { ldate_span(a, a, d); return 1; }
    if (strcmp(w, "tomorrow") == 0) { ldate_span(a + 1, a + 1, d); return 1; }
    if (i + 1 < n && (strcmp(w, "last") == 0 || strcmp(w, "this") == 0 || strcmp(w, "next") == 0)) {
        const char *u = t[i + 1].low;
        int adow = (int)(((a % 7) + 7 + 3) % 7);
        long monday = a - adow;
        if (strcmp(u, "week") == 0) {
            if (w[0] == 'l') ldate_span(monday - 7, monday - 1, d);
            else if (w[0] == 't') ldate_span(monday, a, d);
            else ldate_span(monday + 7, monday + 13, d);
            return 2;
        }
        if (strcmp(u, "month") == 0) {
            int py = y, pm = am;
            if (w[0] == 'l') { pm--; if (!pm) { pm = 12; py--; } }
            if (w[0] == 'n') { pm++; if (pm == 13) { pm = 1; py++; } }
            long s = ldate_days(py, pm, 1), e = ldate_days(py, pm, ldate_month_days(py, pm));
            if (w[0] == 't') e = a;
            ldate_span(s, e, d);
            return 2;
        }
        if (strcmp(u, "year") == 0) {
            int py = w[0] == 'l' ? y - 1 : w[0] == 'n' ? y + 1 : y;
            ldate_span(ldate_days(py, 1, 1), w[0] == 't' ? a : ldate_days(py, 12, 31), d);
            return 2;
        }
    }
    /* earlier this month / week */
    if (strcmp(w, "earlier") == 0 && i + 2 < n && strcmp(t[i + 1].low, "this") == 0) {
        if (strcmp(t[i + 2].low, "month") == 0) { ldate_span(ldate_days(y, am, 1), a, d); return 3; }
        if (strcmp(t[i + 2].low, "week") == 0) {
            int adow = (int)(((a % 7) + 7 + 3) % 7);
            ldate_span(a - adow, a, d);
            return 3;
        }
        if (strcmp(t[i + 2].low, "year") == 0) { ldate_span(ldate_days(y, 1, 1), a, d); return 3; }
    }
    /* N days ago */
    if (t[i].type == T_NUM && i + 2 < n && strcmp(t[i + 2].low, "ago") == 0) {
        long k = t[i].value;
        if (strncmp(t[i + 1].low, "day", 3) == 0) { ldate_span(a - k, a - k, d); return 3; }
        if (strncmp(t[i + 1].low, "week", 4) == 0) { ldate_span(a - 7 * k - 3, a - 7 * k + 3, d); return 3; }
    }
    return 0;
}

/* ---- proposals ------------------------------------------------------------ */

struct plist {
    struct lproposal *v;
    size_t n, cap;
    size_t sentence;        /* the first proposal of the current sentence */
};

static int propose(struct plist *pl, const char *actor, const char *target, long count,
                   const struct ldate *date, double conf, int announced, const char *sent, size_t slen)
{
    if (!actor[0] || !target[0] || strcmp(actor, target) == 0) return 0;
    for (size_t i = pl->sentence; i < pl->n; i++) {
        struct lproposal *q = &pl->v[i];
        /* one sentence, one event once */
        if (strcmp(q->actor, actor) == 0 && strcmp(q->target, target) == 0) {
            if (q->count < 0 && count >= 0) q->count = count;
            if (conf > q->confidence) q->confidence = conf;
            return 0;
        }
    }
    if (pl->n == pl->cap) {
        size_t nc = pl->cap ? 2 * pl->cap : 16;
        struct lproposal *p = realloc(pl->v, nc * sizeof *p);
        if (!p) return -1;
        pl->v = p;
        pl->cap = nc;
    }
    struct lproposal *p = &pl->v[pl->n];
    memset(p, 0, sizeof *p);
    snprintf(p->actor, sizeof p->actor, "%s", actor);
    snprintf(p->target, sizeof p->target, "%s", target);
    p->count = count;
    if (date) p->date = *date;
    p->confidence = conf < 0.05 ? 0.05 : conf > 0.99 ? 0.99 : conf;
    p->announced = announced;
    /* the sentence, its runs of white space one space */
    if (!(p->evidence = malloc(slen + 1))) return -1;
    size_t k = 0;
    for (size_t i = 0; i < slen; i++) {
        unsigned char c = (unsigned char)sent[i];
        if (ascii_isspace(c)) {
            if (k && p->evidence[k - 1] != ' ') p->evidence[k++] = ' ';
        } else {
            p->evidence[k++] = (char)c;
        }
    }
    while (k && p->evidence[k - 1] == ' ') k--;
    p->evidence[k] = 0;
    pl->n++;
    return 0;
}

/* The USSR until its end. */
static void historic(char *code, const struct ldate *d)
{
    if (d && d->text[0] && d->first < ldate_days(1991, 12, 26) && strcmp(code, "RUS") == 0)
        memcpy(code, "SUN", 4);
}

#define MAX_TOK 400
#define MAX_MENTION 48

/* The clause of token i: [*a, *e) bounded by breaks and semicolons. */
static void clause_of(const struct token *t, size_t n, size_t i, size_t *a, size_t *e)
{
    size_t s = i;
    while (s > 0 && !punct(&t[s - 1], ';') && !punct(&t[s - 1], ':') && !is_kind(t, n, s - 1, W_BREAK))
        s--;
    size_t z = i + 1;
    while (z < n && !punct(&t[z], ';') && !punct(&t[z], ':') && !is_kind(t, n, z, W_BREAK)) z++;
    *a = s;
    *e = z;
}

static int mention_at(const struct mention *m, size_t nm, size_t tok)
{
    for (size_t k = 0; k < nm; k++)
        if (tok >= m[k].at && tok < m[k].end) return (int)k;
    return -1;
}

/* The states joined to mention k by commas and "and" (Germany, France
 * and the Netherlands): to the left (dir -1) or right (+1), into out. */
static size_t joined(const struct token *t, size_t n, const struct mention *m, size_t nm, int k,
                     int dir, int *out, size_t cap)
{
    size_t got = 0;
    while (got < cap) {
        if (dir < 0) {
            size_t q = m[k].at;
            if (q > 0 && strcmp(t[q - 1].low, "the") == 0) q--;
            if (q < 2) break;
            size_t r = q - 1;
            if (!(punct(&t[r], ',') || strcmp(t[r].low, "and") == 0)) break;
            if (r >= 1 && strcmp(t[r].low, "and") == 0 && punct(&t[r - 1], ',')) r--;
            int k2 = mention_at(m, nm, r - 1);
            if (k2 < 0 || m[k2].after_prep) break;
            out[got++] = k2;
            k = k2;
        } else {
            size_t q = m[k].end;
            if (q >= n || !(punct(&t[q], ',') || strcmp(t[q].low, "and") == 0)) break;
            q++;
            if (q < n && strcmp(t[q].low, "and") == 0) q++;
            if (q < n && strcmp(t[q].low, "the") == 0) q++;
            int k2 = q < n ? mention_at(m, nm, q) : -1;
            if (k2 < 0 || m[k2].at != q) break;
            out[got++] = k2;
            k = k2;
        }
    }
    return got;
}

/* The sentence's tokens t[0..n), text [s, s + slen). */
static int sentence(struct plist *pl, struct token *t, size_t n, const char *s, size_t slen,
                    const struct ldate *art)
{
    struct mention m[MAX_MENTION];
    size_t nm = mentions(t, n, m, MAX_MENTION);
    if (!nm) return 0;
    /* the sentence's date expressions */
    struct dexp { size_t at; struct ldate d; } dx[8];
    size_t ndx = 0;
    /* news reports what was done or said: dates without a year or week
     * are the latest before the article's (unless "next"); a year named
     * on its own (in 2018, the spring of 2018) dates the months and days
     * the sentence gives without one */
    int sentence_year = 0;
    for (size_t i = 1; i < n && !sentence_year; i++)
        if (t[i].type == T_NUM && t[i].value >= 1900 && t[i].value <= 2100 &&
            (strcmp(t[i - 1].low, "in") == 0 || strcmp(t[i - 1].low, "of") == 0) &&
            !(i >= 2 && month_of(&t[i - 2])))
            sentence_year = (int)t[i].value;
    for (size_t i = 0; i < n && ndx < 8;) {
        size_t l = date_at(t, n, i, art, sentence_year, &dx[ndx].d);
        /* a deadline (by February 7, until July 3, within ...) is no date
         * of the act */
        if (l && i > 0 && (strcmp(t[i - 1].low, "by") == 0 || strcmp(t[i - 1].low, "until") == 0 ||
                           strcmp(t[i - 1].low, "till") == 0 || strcmp(t[i - 1].low, "before") == 0)) {
            i += l;
            continue;
        }
        if (l) {
            dx[ndx].at = i;
            ndx++;
            i += l;
        } else {
            i++;
        }
    }
    size_t first_prop = pl->n;
    pl->sentence = first_prop;
    for (size_t i = 0; i < n; i++) {
        const struct phrase *ph = NULL;
        int len = phrase_at(t, n, i, W_ACT, &ph);
        if (!len) continue;
        enum actkind ak = (enum actkind)ph->value;
        /* "home" and "to leave" act only after their verbs */
        size_t gov = i; /* where the act's verb group starts */
        size_t obj_a = i + (size_t)len, obj_e;
        size_t ca, ce;
        clause_of(t, n, i, &ca, &ce);
        if (ak == A_PNG || ak == A_LEAVE || ak == A_HOME) {
            enum wkind want = ak == A_PNG ? W_DECLARE : ak == A_LEAVE ? W_ORDER : W_SEND;
            size_t g = i;
            while (g > ca && !is_kind(t, n, g - 1, want)) g--;
            if (g == ca) continue;
            gov = g - 1;
            obj_a = g;
            obj_e = i;
            /* sent home 10 diplomats: the object after "home" */
            if (ak == A_HOME && obj_a == obj_e) {
                obj_a = i + 1;
                obj_e = ce;
            }
        } else {
            obj_e = ce;
            /* the object ends at the next act */
            for (size_t j = obj_a; j < obj_e; j++)
                if (is_kind(t, n, j, W_ACT)) { obj_e = j; break; }
        }
        if (ak == A_NOUN) {
            /* the expulsion of X: the object after "of" */
            if (obj_a < obj_e && strcmp(t[obj_a].low, "of") == 0) obj_a++;
        }
        /* passive: were expelled, have been expelled, was declared */
        int passive = 0;
        if (ak == A_VERB || ak == A_PNG || ak == A_LEAVE || ak == A_HOME) {
            size_t g = gov;
            while (g > ca && (strcmp(t[g - 1].low, "also") == 0 || strcmp(t[g - 1].low, "reportedly") == 0 ||
                              strcmp(t[g - 1].low, "now") == 0 || strcmp(t[g - 1].low, "later") == 0 ||
                              strcmp(t[g - 1].low, "formally") == 0 || strcmp(t[g - 1].low, "all") == 0))
                g--;
            /* a participle (expelled, declared), not a gerund (was expelling) */
            size_t vl = strlen(t[gov].low);
            int gerund = vl > 3 && strcmp(t[gov].low + vl - 3, "ing") == 0;
            if (g > ca && !gerund && is_kind(t, n, g - 1, W_PASSIVE)) passive = 1;
            /* the participle after a staff noun: "diplomats expelled by" */
            if (!passive && ak == A_VERB && strcmp(t[i].low, "expelled") == 0 && i > 0 &&
                (is_kind(t, n, i - 1, W_STAFFN) || is_kind(t, n, i - 1, W_STAFF1)) && i + 1 < n &&
                (strcmp(t[i + 1].low, "by") == 0 || strcmp(t[i + 1].low, "from") == 0))
                passive = 1;
        }
        /* mood: negation or possibility in the verb group; announcement */
        int neg = 0, may = 0, will = 0;
        size_t lo = gov > 7 ? gov - 7 : 0;
        if (lo < ca) lo = ca;
        for (size_t j = gov; j-- > lo;) {
            if (punct(&t[j], ',') || strcmp(t[j].low, "and") == 0 || strcmp(t[j].low, "but") == 0 ||
                strcmp(t[j].low, "or") == 0)
                break;
            /* a capital inside a sentence is a name (Theresa May) */
            if (t[j].cap && j > 0) continue;
            if (is_kind(t, n, j, W_NEG)) neg = 1;
            if (is_kind(t, n, j, W_MAY)) may = 1;
            if (is_kind(t, n, j, W_WILL)) will = 1;
        }
        if (ak == A_NOUN) {
            /* threatened expulsion, possible expulsion, no expulsion */
            if (i > 0 && (strcmp(t[i - 1].low, "threatened") == 0 || strcmp(t[i - 1].low, "possible") == 0 ||
                          strcmp(t[i - 1].low, "potential") == 0 || strcmp(t[i - 1].low, "planned") == 0))
                will = strcmp(t[i - 1].low, "planned") == 0, may = !will;
        }
        if (neg || may) continue;
        /* the actor(s) */
        int actors[8];
        size_t na = 0;
        double conf = will ? 0.6 : 0.9;
        if (passive) {
            for (size_t j = i + (size_t)len; j + 1 < ce && !na; j++)
                if (strcmp(t[j].low, "by") == 0 || strcmp(t[j].low, "from") == 0 ||
                    (strcmp(t[j].low, "out") == 0 && strcmp(t[j + 1].low, "of") == 0)) {
                    size_t q = j + 1 + (strcmp(t[j].low, "out") == 0);
                    if (q < n && strcmp(t[q].low, "the") == 0) q++;
                    int k = mention_at(m, nm, q);
                    if (k >= 0 && !m[k].staff_after) {
                        /* from Finland, Sweden and Norway: kept last first,
                         * as the actors found leftwards are */
                        int more[8];
                        size_t nmore = joined(t, n, m, nm, k, +1, more, 7);
                        for (size_t z = nmore; z-- > 0;) actors[na++] = more[z];
                        actors[na++] = k;
                    }
                }
        } else if (ak == A_NOUN) {
            /* Poland's expulsion; the expulsion ... by Poland */
            size_t b = i;
            while (b > ca && (strcmp(t[b - 1].low, "latest") == 0 || strcmp(t[b - 1].low, "mass") == 0 ||
                              strcmp(t[b - 1].low, "recent") == 0 || strcmp(t[b - 1].low, "planned") == 0 ||
                              strcmp(t[b - 1].low, "new") == 0 || strcmp(t[b - 1].low, "tit-for-tat") == 0 ||
                              strcmp(t[b - 1].low, "retaliatory") == 0))
                b--;
            if (b > ca) {
                int k = mention_at(m, nm, b - 1);
                if (k >= 0 && (t[b - 1].poss || m[k].end == b)) actors[na++] = k;
            }
            for (size_t j = i + 1; j + 1 < ce && !na; j++)
                if (strcmp(t[j].low, "by") == 0) {
                    size_t q = j + 1;
                    if (strcmp(t[q].low, "the") == 0) q++;
                    int k = mention_at(m, nm, q);
                    if (k >= 0) actors[na++] = k;
                }
            /* "announced the expulsion": the subject of the verb before */
            if (!na)
                for (size_t j = b; j-- > ca;) {
                    int k = mention_at(m, nm, j);
                    if (k < 0 || m[k].staff_after || m[k].after_prep) continue;
                    actors[na++] = k;
                    break;
                }
        } else {
            for (size_t j = gov; j-- > ca;) {
                int k = mention_at(m, nm, j);
                if (k < 0) continue;
                j = m[k].at;
                if (m[k].after_prep || (m[k].staff_after && !m[k].govt_after)) continue;
                actors[na++] = k;
                /* Germany, France and Italy expelled */
                na += joined(t, n, m, nm, k, -1, actors + na, 8 - na);
                break;
            }
            /* Poland, which expelled ...: the state before the clause */
            if (!na && ca > 1 && is_kind(t, n, ca - 1, W_BREAK)) {
                size_t j = ca - 1;
                if (j > 0 && punct(&t[j - 1], ',')) j--;
                int k = j > 0 ? mention_at(m, nm, j - 1) : -1;
                if (k >= 0) actors[na++] = k;
            }
            if (!na) {
                /* the subject of the sentence, before the clause */
                for (size_t j = ca; j-- > 0;) {
                    int k = mention_at(m, nm, j);
                    if (k < 0 || m[k].after_prep || (m[k].staff_after && !m[k].govt_after)) continue;
                    actors[na++] = k;
                    conf -= 0.15;
                    break;
                }
            }
        }
        if (!na) continue;
        /* the target and count: the object (before the act for a passive) */
        size_t oa = obj_a, oe = obj_e;
        if (passive) {
            oa = ca;
            oe = gov;
            while (oe > oa && is_kind(t, n, oe - 1, W_PASSIVE)) oe--;
        }
        char target[LSTATE_MAX] = "";
        int staff = 0;
        size_t staff_at = oe;
        long count = count_in(t, n, oa, oe, &staff, &staff_at);
        if (count == -2) continue; /* no diplomats were expelled */
        /* more targets: diplomats from Germany, France and Poland; 27
         * Spanish diplomats and 24 Italian diplomats */
        char more_t[8][LSTATE_MAX];
        long more_c[8];
        size_t nmore = 0;
        for (size_t j = oa; j < oe && !target[0]; j++) {
            int k = mention_at(m, nm, j);
            if (k < 0) continue;
            j = m[k].end - 1;
            if (!(m[k].staff_after || m[k].after_staff_from || t[m[k].end - 1].poss)) continue;
            memcpy(target, m[k].code, LSTATE_MAX);
            if (m[k].after_staff_from) {
                int jk[8];
                size_t nj = joined(t, n, m, nm, k, +1, jk, 7);
                /* seven diplomats from Latvia, Lithuania and Estonia: seven
                 * in all, so none is each one's count (unless "each") */
                int each_one = 0;
                for (size_t z = oa; z < oe; z++) each_one |= strcmp(t[z].low, "each") == 0;
                if (nj && !each_one) count = -1;
                for (size_t z = 0; z < nj; z++) {
                    memcpy(more_t[nmore], m[jk[z]].code, LSTATE_MAX);
                    more_c[nmore++] = count;
                }
            } else {
                /* after this staff phrase: and/, NUMBER NATIONALITY STAFF */
                size_t from = staff_at < oe ? staff_at + 1 : m[k].end;
                for (size_t q = from; q < oe && nmore < 7; q++) {
                    if (!(strcmp(t[q].low, "and") == 0 || punct(&t[q], ','))) continue;
                    size_t r = q + 1;
                    long v;
                    size_t l = r < oe ? number_at(t, n, r, 1, &v) : 0;
                    if (!l) continue;
                    int k2 = r + l < oe ? mention_at(m, nm, r + l) : -1;
                    if (k2 < 0 || !m[k2].staff_after) continue;
                    int st2 = 0;
                    size_t at2 = oe;
                    long c2 = count_in(t, n, r, oe, &st2, &at2);
                    memcpy(more_t[nmore], m[k2].code, LSTATE_MAX);
                    more_c[nmore++] = c2;
                    q = at2 < oe ? at2 : m[k2].end;
                }
            }
        }
        /* expelled the Russian ambassador from Warsaw: a staff phrase then
         * "from X" where X is the actor's own seat is no target */
        if (!target[0]) {
            /* another state of the sentence, the one named nearest */
            int best = -1;
            size_t bestd = (size_t)-1;
            for (size_t k = 0; k < nm; k++) {
                int is_actor = 0;
                for (size_t q = 0; q < na; q++)
                    if (strcmp(m[k].code, m[actors[q]].code) == 0) is_actor = 1;
                if (is_actor) continue;
                size_t dd = m[k].at > i ? m[k].at - i : i - m[k].at;
                if (dd < bestd) { bestd = dd; best = (int)k; }
            }
            if (best >= 0) {
                memcpy(target, m[best].code, LSTATE_MAX);
                conf -= 0.2;
            } else if (pl->n > first_prop) {
                /* while Bulgaria expelled 10: the target said before */
                memcpy(target, pl->v[pl->n - 1].target, LSTATE_MAX);
                conf -= 0.1;
            }
        }
        if (!target[0]) continue;
        /* counts given respectively, or each */
        long counts[8];
        size_t nc = 0;
        int respectively = 0, each = 0;
        for (size_t j = ca; j < ce; j++) {
            if (strcmp(t[j].low, "respectively") == 0) respectively = 1;
            if (strcmp(t[j].low, "each") == 0) each = 1;
        }
        if (respectively)
            for (size_t j = oa; j < oe && nc < 8; j++) {
                long v;
                size_t l = number_at(t, n, j, 0, &v);
                if (!l || (j + l < n && is_kind(t, n, j + l, W_UNIT))) continue;
                counts[nc++] = v;
                j += l - 1;
            }
        /* the date: of those nearer this act than any other (on a tie, the
         * act before it), the nearest; else the sentence's nearest */
        const struct ldate *date = NULL;
        size_t bestd = (size_t)-1;
        for (int pass = 0; pass < 2 && !date; pass++)
            for (size_t q = 0; q < ndx; q++) {
                /* news puts the date after the verb: one before counts
                 * twice as far */
                size_t dd = dx[q].at > i ? dx[q].at - i : 2 * (i - dx[q].at);
                if (pass == 0) {
                    int mine = 1;
                    for (size_t z = 0; z < n && mine; z++) {
                        if (z == i || !is_kind(t, n, z, W_ACT)) continue;
                        size_t d2 = dx[q].at > z ? dx[q].at - z : 2 * (z - dx[q].at);
                        if (d2 < dd || (d2 == dd && z < i)) mine = 0;
                    }
                    if (!mine) continue;
                }
                if (dd < bestd) { bestd = dd; date = &dx[q].d; }
            }
        if (!date && art) {
            date = art;
            conf -= 0.05;
        }
        /* the actors in the order written */
        for (size_t q = 0; q < na / 2; q++) {
            int x = actors[q];
            actors[q] = actors[na - 1 - q];
            actors[na - 1 - q] = x;
        }
        for (size_t q = 0; q < na; q++) {
            long c = count;
            if (na > 1) c = respectively && nc == na ? counts[q] : each ? count : -1;
            char actor[LSTATE_MAX], tg[LSTATE_MAX];
            memcpy(actor, m[actors[q]].code, LSTATE_MAX);
            memcpy(tg, target, LSTATE_MAX);
            historic(actor, date);
            historic(tg, date);
            if (propose(pl, actor, tg, c, date, conf - (na > 1 && c < 0 && count >= 0 ? 0.1 : 0), will, s, slen))
                return -1;
        }
        for (size_t q = 0; q < nmore && na == 1; q++) {
            char actor[LSTATE_MAX], tg[LSTATE_MAX];
            memcpy(actor, m[actors[0]].code, LSTATE_MAX);
            memcpy(tg, more_t[q], LSTATE_MAX);
            historic(actor, date);
            historic(tg, date);
            if (propose(pl, actor, tg, more_c[q], date, conf, will, s, slen)) return -1;
        }
        /* gapped: "... and Bulgaria 10", ", Bulgaria 12" after the object */
        if (!passive && na == 1)
            for (size_t j = staff_at < oe ? staff_at : oa; j + 2 < ce; j++) {
                if (!(strcmp(t[j].low, "and") == 0 || punct(&t[j], ','))) continue;
                size_t at = j + 1;
                if (strcmp(t[at].low, "and") == 0 && at + 1 < ce) at++;
                if (strcmp(t[at].low, "the") == 0 && at + 1 < ce) at++;
                int k = mention_at(m, nm, at);
                if (k >= 0 && m[k].at != at) k = -1;
                if (k < 0 || m[k].staff_after || m[k].end >= n || t[m[k].end].type != T_NUM) continue;
                size_t after = m[k].end + 1;
                if (after < n && is_kind(t, n, after, W_UNIT)) continue;
                if (after < n && (is_kind(t, n, after, W_ACT) ||
                                  (after + 1 < n && is_kind(t, n, after + 1, W_ACT))))
                    continue; /* a clause with its own act */
                char actor[LSTATE_MAX], tg[LSTATE_MAX];
                memcpy(actor, m[k].code, LSTATE_MAX);
                memcpy(tg, target, LSTATE_MAX);
                historic(actor, date);
                historic(tg, date);
                if (propose(pl, actor, tg, t[m[k].end].value, date, conf - 0.05, will, s, slen)) return -1;
                j = m[k].end;
            }
    }
    return 0;
}

/* Whether the token at i ends a sentence. */
static int sentence_end(const struct token *t, size_t n, size_t i)
{
    if (t[i].type != T_PUNCT) return 0;
    char c = t[i].low[0];
    if (c != '.' && c != '!' && c != '?') return 0;
    if (i + 1 >= n) return 1;
    const struct token *nx = &t[i + 1];
    /* a lowercase word goes on the sentence (a word outside ASCII may be
     * a capital ICU would know: it ends it) */
    if (nx->type == T_WORD && !nx->cap && (unsigned char)nx->at[0] < 0x80) return 0;
    if (c == '.' && i > 0 && t[i - 1].type == T_WORD) {
        static const char *const abbr[] = {"mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sgt",
                                           "jan", "feb", "aug", "sept", "oct", "nov", "dec", "no",
                                           "vs", "inc", "ltd", "jr", "sr", "prof", "rep", "sen",
                                           "gov", "capt", "maj", "adm", "amb", "approx"};
        for (size_t k = 0; k < sizeof abbr / sizeof abbr[0]; k++)
            if (strcmp(t[i - 1].low, abbr[k]) == 0) return 0;
        if (t[i - 1].len == 1 && t[i - 1].cap) return 0; /* an initial */
    }
    return 1;
}

ng_status ledger_extract(const char *text, size_t len, const struct ldate *article_date,
                         struct lproposal **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (load_words()) return NG_ENOMEM;
    struct plist pl = {0};
    struct token *t = malloc(MAX_TOK * sizeof *t);
    if (!t) return NG_ENOMEM;
    /* sentences: cut at . ! ? and at blank lines, read a paragraph at a time */
    size_t pos = 0;
    while (pos < len) {
        /* the next paragraph (or at most 64 KB of one) */
        size_t end = pos;
        while (end < len && !(text[end] == '\n' && end + 1 < len &&
                              (text[end + 1] == '\n' || (text[end + 1] == '\r' && end + 2 < len && text[end + 2] == '\n'))))
            end++;
        size_t para_end = end;
        size_t p = pos;
        while (p < para_end) {
            /* tokens until a sentence ends or MAX_TOK */
            size_t got = tokenize(text + p, para_end - p, t, MAX_TOK);
            if (!got) break;
            size_t cut = got;
            for (size_t i = 0; i < got; i++)
                if (sentence_end(t, got, i)) { cut = i + 1; break; }
            if (cut == got && got == MAX_TOK) cut = got - 1;
            const char *s0 = t[0].at;
            const char *s1 = t[cut - 1].at + t[cut - 1].len;
            /* valid UTF-8 only in the evidence */
            if (ng_utf8_check(s0, (size_t)(s1 - s0), NULL) == NG_OK &&
                sentence(&pl, t, cut, s0, (size_t)(s1 - s0), article_date)) {
                free(t);
                ledger_proposals_free(pl.v, pl.n);
                return NG_ENOMEM;
            }
            p = (size_t)(s1 - text);
        }
        pos = para_end + 1;
    }
    free(t);
    *out = pl.v;
    *n = pl.n;
    return NG_OK;
}

void ledger_proposals_free(struct lproposal *p, size_t n)
{
    for (size_t i = 0; i < n; i++) free(p[i].evidence);
    free(p);
}
