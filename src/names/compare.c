/*
 * compare.c -- are two written names one person's name, and why.
 * docs/scoring.md says the same for users, with the reasons.
 *
 * 1. Every token of one name is set against every token of the other
 *    (particles aside); the pair gets a similarity and the rule that gave it,
 *    tried in this order:
 *      exact        same spelling                                   1.00
 *      translit     same folded Latin form (Лавров / LAVROV)        1.00
 *      given-equiv  one given name in two languages (Volodymyr /
 *                   Vladimir; John / Джон)                           1.00
 *      nickname     a familiar form and its full name (Sasha /
 *                   Aleksandr, Bob / Robert)                        0.90
 *      phonetic     same phonetic key (Khrushchev / Chruschtschow)  0.98
 *      surname-form two forms of one surname: Ivanova / Ivanov,
 *                   Lukashenka / Lukashenko                         0.95
 *      initial      an initial meets a name that starts with it      0.90
 *      fuzzy        weighted edit distance of the keys, s in [0,1],
 *                   only between tokens of competing roles and only
 *                   when s reaches a floor:
 *                     given, middle, patronymic   0.75 (0.85 for keys of
 *                                                 three symbols or fewer)
 *                     surname                     0.85 (0.90 for keys of
 *                                                 six symbols or fewer)
 *                   so that a slip in a long word costs little while
 *                   Kozlov / Kozlenko and Ivanov / Ivashov do not meet.
 *                   Two given names the tables know, of different rows,
 *                   need 0.85 whatever their length (Jerzy / Хироси 0.78,
 *                   John / Jean 0.80 do not meet).
 *                   A typing slip (one edit between Latin spellings of six
 *                   letters or more, whose keys differ by a full edit)
 *                   meets at 1 - 1/length (Petrov / Petrkv).
 *                   It counts as 1 - 1.5 (1 - s), for a surname as
 *                   1 - 2 (1 - s) unless the keys differ by no more than
 *                   one vowel or cheap sound: namesakes share given names
 *                   and patronymics and differ by a letter of the surname.
 * 2. Pairs are taken greedily, best first, one partner per token; ties are
 *    broken the same way whichever name comes first (the score is
 *    symmetric).
 * 3. Leftovers get a second chance as compounds: one token against two
 *    adjacent ones of the other name (Jashnsaz / Jashn Saz) at s >= 0.90,
 *    or with a particle glued on (Elkaddafi / Gaddafi) at s >= 0.85; only
 *    when the names already share a token, or one has at most two words
 *    and the other more.  Two short words joined sound like many single
 *    names at 0.85-0.88 (Loris / Lee Ross, Fligely / Ли Джелли); written
 *    splits of one name join at 0.90 or more (Abd-Rabbuh / Abd'rabbo).
 *    Two given names the tables know do not join into a family name (Ivan
 *    Jo / Ivano); a glued particle is one written (Jellinek is no el-),
 *    and its rest meets a token of four symbols or more (Кин / Alechin).
 * 4. score = sum(w * s) over the pairs / (sum(w) over the pairs + costs).
 *    A token's weight is 0.35 to 1 by key length (short tokens count less),
 *    times 1.2 for a surname, 0.8 for a second surname or a given name, 0.6
 *    for a patronymic or middle name; 0.25 for an initial, 0 for a particle.
 *    A token left over costs, by its role:
 *                   the other name has a leftover     the other name has
 *                   token of a competing role         nothing against it
 *      given        1.0 w  (Igor / Oleg)              0.50 w, or 0.15 w when
 *                                                     another given name met
 *      surname      1.0 w  (Kozlov / Kozlenko)        0.50 w
 *      2nd surname  0.4 w                             0.15 w
 *      (a surname of a name whose other surname met counts as a second one)
 *      patronymic   0.8 w                             0.08 w
 *      middle       0.5 w                             0.10 w
 *      initial      0.6                               0.05
 *      unknown      1.0 w                             0.40 w
 *    No family name met, and a word (not a particle) left over on either
 *    side or a word met by a fuzzy edit only: the score is at most 0.75,
 *    possible (Джон Михайлович / Джон У, Джон Михайлович / Бен Джон, Джон
 *    Михайлович / Джон Исаилович).
 * 5. decision: match at or above the threshold (default 0.80), possible at
 *    or above the possible threshold (0.65), else no-match.  The score is
 *    rounded to four decimals first, so the printed score and the decision
 *    never disagree.
 */
#include <math.h>
#include <string.h>

#include "names/engine.h"

#ifndef TOKEN_MIN_FUZZY
#define TOKEN_MIN_FUZZY 0.75
#endif
#ifndef TOKEN_MIN_FUZZY_SHORT
#define TOKEN_MIN_FUZZY_SHORT 0.85
#endif
#ifndef SHORT_LEN
#define SHORT_LEN 3
#endif
#ifndef SURNAME_MIN
#define SURNAME_MIN 0.85
#endif
#ifndef SURNAME_MIN_SHORT
#define SURNAME_MIN_SHORT 0.9
#endif
#ifndef SURNAME_SHORT
#define SURNAME_SHORT 6
#endif
#ifndef SURNAME_SLOPE
#define SURNAME_SLOPE 2.0
#endif
#ifndef KNOWN_APART_MIN
#define KNOWN_APART_MIN 0.85
#endif
#ifndef FUZZY_SLOPE
#define FUZZY_SLOPE 1.5
#endif

static inline int roles_compete(ng_role a, ng_role b)
{
    if (a == NG_ROLE_PARTICLE || b == NG_ROLE_PARTICLE) return 0;
    if (a == NG_ROLE_UNKNOWN || b == NG_ROLE_UNKNOWN) return 1;
    int ga = a == NG_ROLE_GIVEN || a == NG_ROLE_MIDDLE || a == NG_ROLE_INITIAL;
    int gb = b == NG_ROLE_GIVEN || b == NG_ROLE_MIDDLE || b == NG_ROLE_INITIAL;
    if (ga && gb) return 1;
    return a == b;
}

static int first_letters_meet(const struct tok *a, const struct tok *b)
{
    if (TOK_LATIN(a)[0] && TOK_LATIN(a)[0] == TOK_LATIN(b)[0]) return 1;
    for (size_t i = 0; i < a->nkeys; i++)
        for (size_t j = 0; j < b->nkeys; j++)
            if (TOK_KEY(a, i)[0] && TOK_KEY(a, i)[0] == TOK_KEY(b, j)[0]) return 1;
    return 0;
}

/* The least similarity at which two keys meet by the fuzzy rule, for the
 * shorter key's length: short keys must be nearly equal, and a surname is
 * what tells namesakes apart, so one consonant more or less in a short one
 * is another surname (Ivanov / Ivashov, Lavrov / Lavrik). */
static double fuzzy_floor(size_t minlen, int surname)
{
    double floor = minlen <= SHORT_LEN ? TOKEN_MIN_FUZZY_SHORT : TOKEN_MIN_FUZZY;
    if (surname) {
        double sf = minlen <= SURNAME_SHORT ? SURNAME_MIN_SHORT : SURNAME_MIN;
        if (sf > floor) floor = sf;
    }
    return floor;
}

/* Whether one key (or Latin form) is the other plus an ending holding a
 * consonant. */
static int suffix_extends(const char *a, size_t la, const char *b, size_t lb)
{
    if (la == lb) return 0;
    const char *s = la < lb ? a : b, *l = la < lb ? b : a;
    size_t ns = la < lb ? la : lb, nl = la < lb ? lb : la;
    if (ns < 3 || memcmp(s, l, ns) != 0) return 0;
    /* a final h after a vowel is silent in Arabic romanisations (Dala /
     * Dalah, Khalife / Khalifeh): vowels and h are no ending */
    for (size_t i = ns; i < nl; i++)
        if (!phon_is_vowel(l[i]) && l[i] != 'h') return 1;
    return 0;
}

static int abjad(const struct tok *t)
{
    return t->script == NG_SCRIPT_ARABIC || t->script == NG_SCRIPT_HEBREW;
}

/* A key without its vowels and doubled letters, into out. */
static size_t skeleton(const char *key, size_t len, char *out)
{
    size_t k = 0;
    for (size_t i = 0; i < len; i++) {
        char c = key[i];
        if (phon_is_vowel(c) || c == 'j') continue;
        if (k && out[k - 1] == c) continue;
        out[k++] = c;
    }
    out[k] = 0;
    return k;
}

#define SKELETON_MIN 0.80

/* Skeleton number v of token t into out: key v/2, and for odd v, when t is
 * Arabic or Hebrew and the skeleton ends in h, the same without it (a
 * final ة, which Latin leaves out: أسامة samh / Osama).  Returns its
 * length, 0 when that variant does not exist. */
static size_t skeleton_variant(const struct tok *t, size_t v, char *out)
{
    size_t n = skeleton(TOK_KEY(t, v / 2), t->keylen[v / 2], out);
    if (v % 2) {
        if (!abjad(t) || n < 2 || out[n - 1] != 'h') return 0;
        out[--n] = 0;
    }
    return n;
}

/* Best similarity of the consonant skeletons of two tokens' keys. */
static double skeleton_sim(const ng_engine *e, const struct tok *a, const struct tok *b)
{
    double best = 0;
    for (size_t i = 0; i < 2 * a->nkeys; i++) {
        char sa[NG_KEY_MAX_BYTES];
        size_t na = skeleton_variant(a, i, sa);
        if (na == 0) continue;
        for (size_t j = 0; j < 2 * b->nkeys; j++) {
            char sb[NG_KEY_MAX_BYTES];
            size_t nb = skeleton_variant(b, j, sb);
            if (nb == 0) continue;
            if (na == nb && memcmp(sa, sb, na) == 0) return 1.0;
            /* short skeletons must be equal; longer ones may differ by a
             * cheap edit (ʿayn and hamza dropped, b for v) */
            if (na < 3 || nb < 3) continue;
            double s = phon_key_sim_min(e->ph, sa, na, sb, nb, SKELETON_MIN);
            if (s > best) best = s;
        }
    }
    return best;
}

#define TYPO_MIN_LEN 6
#ifndef MASK_BOUND
#define MASK_BOUND 1
#endif

/* Whether two ASCII strings are one edit apart (insertion, deletion,
 * substitution or a swap of two neighbours). */
static int one_edit(const char *x, size_t n, const char *y, size_t m)
{
    if (n > m + 1 || m > n + 1) return 0;
    size_t i = 0;
    while (i < n && i < m && x[i] == y[i]) i++;
    if (n == m) {
        if (i == n) return 0; /* equal */
        if (strcmp(x + i + 1, y + i + 1) == 0) return 1;
        return i + 1 < n && x[i] == y[i + 1] && x[i + 1] == y[i] &&
               strcmp(x + i + 2, y + i + 2) == 0;
    }
    return n > m ? strcmp(x + i + 1, y + i) == 0 : strcmp(x + i, y + i + 1) == 0;
}

/* Similarity of two Latin tokens one typing slip apart, else 0. */
static double typo_sim(const struct tok *a, const struct tok *b)
{
    if (a->script != NG_SCRIPT_LATIN || b->script != NG_SCRIPT_LATIN) return 0.0;
    const char *x = TOK_LATIN(a), *y = TOK_LATIN(b);
    size_t n = strlen(x), m = strlen(y);
    if (n < TYPO_MIN_LEN || m < TYPO_MIN_LEN || !one_edit(x, n, y, m)) return 0.0;
    return 1.0 - 1.0 / (double)(n > m ? n : m);
}

/* Whether two sets of classes share a class of family names. */
static int surname_classes_meet(const ng_engine *e, const int32_t *x, size_t nx, const int32_t *y,
                                size_t ny)
{
    for (size_t i = 0; i < nx; i++)
        for (size_t j = 0; j < ny; j++)
            if (x[i] == y[j] && e->group_surname[x[i]]) return 1;
    return 0;
}

/* Whether two sets of given-name classes share one. */
static int classes_meet(const int32_t *x, size_t nx, const int32_t *y, size_t ny)
{
    for (size_t i = 0; i < nx; i++)
        for (size_t j = 0; j < ny; j++)
            if (x[i] == y[j]) return 1;
    return 0;
}

/* The typing-slip rule: two Latin spellings one edit apart (a letter
 * added, dropped, changed or two swapped), in words of six letters or
 * more, which the phonetic floors may have refused (Petrov / Petrkv); not
 * two different known given names. */
static double typo_rule(const ng_engine *e, const struct slot *a, const struct slot *b,
                        int surname, ng_rule *rule)
{
    const struct tok *ta = a->t, *tb = b->t;
    double s = typo_sim(ta, tb);
    if (s <= 0.0) return 0.0;
    if (surname && suffix_extends(TOK_LATIN(ta), strlen(TOK_LATIN(ta)), TOK_LATIN(tb),
                                  strlen(TOK_LATIN(tb))))
        return 0.0;
    if (ta->ngroups && tb->ngroups) return 0.0;
    /* a slip of the finger is no sound change: where the keys differ by
     * less than a full edit (Shukov / Zhukov, ш for ж) the spellings
     * are two names, which the floors have already judged */
    if (ta->nkeys && tb->nkeys &&
        phon_key_dist(e->ph, TOK_KEY(ta, 0), ta->keylen[0], TOK_KEY(tb, 0), tb->keylen[0], 10) < 10)
        return 0.0;
    *rule = NG_RULE_FUZZY;
    return s;
}

/* Similarity of token a of one name and token b of another. */
static double tok_sim(const ng_engine *e, const struct slot *a, const struct slot *b, ng_rule *rule)
{
    const struct tok *ta = a->t, *tb = b->t;
    *rule = NG_RULE_NONE;
    /* the same text is the same token, whatever it is (a name is always
     * its own best match, even with letters nothing can transliterate) */
    if (ta == tb || (ta->h_text == tb->h_text && strcmp(TOK_TEXT(ta), TOK_TEXT(tb)) == 0)) {
        *rule = a->role == NG_ROLE_INITIAL || b->role == NG_ROLE_INITIAL ? NG_RULE_INITIAL
                                                                         : NG_RULE_EXACT;
        return 1.0;
    }
    if (a->role == NG_ROLE_INITIAL || b->role == NG_ROLE_INITIAL) {
        if (a->role == NG_ROLE_INITIAL && b->role == NG_ROLE_INITIAL) {
            if (first_letters_meet(ta, tb)) { *rule = NG_RULE_INITIAL; return 1.0; }
            return 0.0;
        }
        if (first_letters_meet(ta, tb)) { *rule = NG_RULE_INITIAL; return 0.9; }
        return 0.0;
    }
    if (ta->h_latin == tb->h_latin && TOK_LATIN(ta)[0] &&
        strcmp(TOK_LATIN(ta), TOK_LATIN(tb)) == 0) {
        *rule = ta->script == tb->script ? NG_RULE_EXACT : NG_RULE_TRANSLIT;
        return 1.0;
    }
    /* given names translate (Jan / Ivan / John), family names do not: two
     * surnames meet through a class only if it is one of family names
     * (Park / Pak / Bak), not because both happen to read as forms of one
     * given name somewhere (Ян / Хан: Jan read as Spanish is Khan) */
    int both_surnames = a->role == NG_ROLE_SURNAME && b->role == NG_ROLE_SURNAME;
    if ((ta->b_groups & tb->b_groups) &&
        (both_surnames ? surname_classes_meet(e, TOK_GROUPS(ta), ta->ngroups, TOK_GROUPS(tb), tb->ngroups)
                       : classes_meet(TOK_GROUPS(ta), ta->ngroups, TOK_GROUPS(tb), tb->ngroups))) {
        *rule = NG_RULE_GIVEN_EQUIV;
        return 1.0;
    }
    /* a familiar form and its full name (Sasha / Aleksandr), either way */
    if (((ta->b_nick & tb->b_groups) &&
         classes_meet(TOK_NICK(ta), ta->nnick, TOK_GROUPS(tb), tb->ngroups)) ||
        ((tb->b_nick & ta->b_groups) &&
         classes_meet(TOK_NICK(tb), tb->nnick, TOK_GROUPS(ta), ta->ngroups))) {
        *rule = NG_RULE_NICKNAME;
        return 0.9;
    }
    if (ta->b_keys & tb->b_keys)
        for (size_t i = 0; i < ta->nkeys; i++)
            for (size_t j = 0; j < tb->nkeys; j++)
                if (ta->keylen[i] == tb->keylen[j] &&
                    memcmp(TOK_KEY(ta, i), TOK_KEY(tb, j), ta->keylen[i]) == 0) {
                    *rule = NG_RULE_PHONETIC;
                    return 0.98;
                }
    uint32_t bsa = a->use_stem ? ta->b_stem : 0, bsb = b->use_stem ? tb->b_stem : 0;
    if ((bsa & tb->b_keys) || (bsb & ta->b_keys)) {
        for (size_t i = 0; i < ta->nkeys; i++)
            for (size_t j = 0; j < tb->nkeys; j++) {
                int hit = (bsa && ta->stemlen == tb->keylen[j] &&
                           memcmp(TOK_STEM(ta), TOK_KEY(tb, j), ta->stemlen) == 0) ||
                          (bsb && tb->stemlen == ta->keylen[i] &&
                           memcmp(TOK_STEM(tb), TOK_KEY(ta, i), tb->stemlen) == 0);
                if (hit) { *rule = NG_RULE_SURNAME_FORM; return 0.95; }
            }
    }
    /* Arabic and Hebrew are written without most vowels: their tokens meet
     * Latin ones by consonants (محمد mhmd / Mohammed, בנימין vnmn / Benjamin) */
    if (abjad(ta) != abjad(tb)) {
        double s = skeleton_sim(e, ta, tb);
        if (s >= SKELETON_MIN) {
            *rule = s >= 1.0 ? NG_RULE_PHONETIC : NG_RULE_FUZZY;
            return s >= 1.0 ? 0.95 : s;
        }
    }
    /* near spellings meet only in competing roles: a patronymic is not a
     * surname or a given name with one letter off, and a given name that is
     * a surname's near spelling is chance (exact and phonetic rules above
     * meet in any role, so token order stays free) */
    if (!roles_compete(a->role, b->role)) return 0.0;
    /* two short known given names of different classes are two names,
     * however near their spellings (Jan / John / Juan, Ivo / Iva): the
     * classes above would have met.  Longer ones may still be one name the
     * tables split (Vicente / Vincente, Eduardo / Edward). */
    if (ta->ngroups && tb->ngroups && (ta->maxlen <= 4 || tb->maxlen <= 4)) return 0.0;
    int surname = a->role == NG_ROLE_SURNAME || b->role == NG_ROLE_SURNAME;
    double known_floor = ta->ngroups && tb->ngroups ? KNOWN_APART_MIN : 0.0;
    /* one bound for all key pairs: symbols in every key of one token and in
     * no key of the other must be edited whichever keys are compared */
    {
        size_t longest = a->maxlen > b->maxlen ? a->maxlen : b->maxlen;
        double loosest = fuzzy_floor(255, surname);
        if (fuzzy_floor(1, surname) < loosest) loosest = fuzzy_floor(1, surname);
        unsigned maxd = (unsigned)((1.0 - loosest) * 10.0 * (double)longest + 1e-9);
        if (phon_mask_bound1(&e->tiers, ta->m_all & ~tb->m_any) > maxd ||
            phon_mask_bound1(&e->tiers, tb->m_all & ~ta->m_any) > maxd)
            return typo_rule(e, a, b, surname, rule);
    }
    double best = 0.0;
    /* keys against keys, and the stems (Belarusian and feminine endings
     * made canonical) against keys and stems */
    const char *ka[NG_TOKEN_MAX_KEYS + 1], *kb[NG_TOKEN_MAX_KEYS + 1];
    size_t la[NG_TOKEN_MAX_KEYS + 1], lb[NG_TOKEN_MAX_KEYS + 1], nka = 0, nkb = 0;
    uint64_t ma[NG_TOKEN_MAX_KEYS + 1], mb[NG_TOKEN_MAX_KEYS + 1];
    for (size_t i = 0; i < ta->nkeys; i++) {
        ka[nka] = TOK_KEY(ta, i);
        ma[nka] = ta->m_key[i];
        la[nka++] = ta->keylen[i];
    }
    for (size_t j = 0; j < tb->nkeys; j++) {
        kb[nkb] = TOK_KEY(tb, j);
        mb[nkb] = tb->m_key[j];
        lb[nkb++] = tb->keylen[j];
    }
    if (a->use_stem) { ka[nka] = TOK_STEM(ta); ma[nka] = ta->m_stem; la[nka++] = ta->stemlen; }
    if (b->use_stem) { kb[nkb] = TOK_STEM(tb); mb[nkb] = tb->m_stem; lb[nkb++] = tb->stemlen; }
    for (size_t i = 0; i < nka; i++)
        for (size_t j = 0; j < nkb; j++) {
            size_t minlen = la[i] < lb[j] ? la[i] : lb[j];
            size_t longer = la[i] > lb[j] ? la[i] : lb[j];
            double floor = fuzzy_floor(minlen, surname);
            if (floor < known_floor) floor = known_floor;
            /* only the best pair counts: a later one must beat it too */
            double need = best > floor ? best : floor;
            /* the symbol sets alone may show that the floor is out of reach */
            unsigned maxd = (unsigned)((1.0 - need) * 10.0 * (double)longer + 1e-9);
            if (MASK_BOUND && phon_mask_bound(&e->tiers, ma[i], mb[j]) > maxd) continue;
            /* a surname that another extends by a consonant ending is
             * another surname (Petrenko / Petrenkov, Ivan / Ivanov) */
            if (surname && suffix_extends(ka[i], la[i], kb[j], lb[j])) continue;
            double s = phon_key_sim_min(e->ph, ka[i], la[i], kb[j], lb[j], need);
            if (s >= floor && s > best) best = s;
        }
    if (best <= 0.0) return typo_rule(e, a, b, surname, rule);
    *rule = NG_RULE_FUZZY;
    return best;
}

double ng_token_similarity(ng_engine *e, const ng_name *a, size_t i, const ng_name *b, size_t j,
                           ng_rule *rule)
{
    ng_rule r = NG_RULE_NONE;
    double s = 0.0;
    if (e && a && b && i < a->n && j < b->n)
        s = tok_sim(e, &a->slot[i], &b->slot[j], &r);
    if (rule) *rule = r;
    return s;
}

/* The part of a pair's similarity that counts toward the score. */
static double effective(ng_rule r, double s)
{
    if (r != NG_RULE_FUZZY) return s;
    double t = 1.0 - FUZZY_SLOPE * (1.0 - s);
    return t < 0 ? 0 : t;
}

/* The same for a pair of tokens: a surname that only nearly meets tells
 * less than a given name that nearly meets, since namesakes share given
 * names and patronymics and differ by a letter or two of the surname. */
static double effective_pair(ng_rule r, double s, ng_role ra, ng_role rb, size_t len)
{
    /* ... unless the difference is no more than one vowel or one cheap
     * sound (u for o, g for h): a romanisation, not another surname */
    int slight = (1.0 - s) * (double)len <= 0.6 + 1e-9;
    if (r == NG_RULE_FUZZY && !slight && (ra == NG_ROLE_SURNAME || rb == NG_ROLE_SURNAME)) {
        double t = 1.0 - SURNAME_SLOPE * (1.0 - s);
        return t < 0 ? 0 : t;
    }
    return effective(r, s);
}

static double leftover_cost(const struct slot *t, int contradicts, int given_met, int surname_met)
{
    double w = t->weight;
    /* a second surname, or any surname of a name whose other surname met
     * (FAWAZ AKHRAS / AL-AKHRAS): Spanish, Arabic and married names */
    if (t->role == NG_ROLE_SURNAME && (t->secondary || surname_met))
        return contradicts ? 0.4 * w : 0.15 * w;
    switch (t->role) {
    case NG_ROLE_GIVEN:
        /* a second given name the other lacks is like a middle name; no
         * given name met at all leaves only the surname to go on */
        return contradicts ? 1.0 * w : given_met ? 0.15 * w : 0.5 * w;
    case NG_ROLE_SURNAME: return contradicts ? 1.0 * w : 0.50 * w;
    case NG_ROLE_PATRONYMIC: return contradicts ? 0.8 * w : 0.08 * w;
    case NG_ROLE_MIDDLE: return contradicts ? 0.5 * w : 0.10 * w;
    case NG_ROLE_INITIAL: return contradicts ? 0.6 : 0.05;
    case NG_ROLE_PARTICLE: return 0.0;
    default: return contradicts ? 1.0 * w : 0.40 * w;
    }
}

#define COMPOUND_MIN 0.85
#define GLUED_REST_MIN 4
#define SPLIT_MIN 0.90
#define COMPOUND_MIN_LEN 5 /* symbols of the key of a token written as two */

/* Best similarity of token t against the key ab = x + y. */
static double joined_sim(const ng_engine *e, const struct tok *t, const char *ab, size_t lab)
{
    double best = 0;
    for (size_t k = 0; k < t->nkeys; k++) {
        double s = phon_key_sim_min(e->ph, TOK_KEY(t, k), t->keylen[k], ab, lab, SPLIT_MIN);
        if (s > best) best = s;
    }
    return best;
}

static void add_step(ng_compare_result *res, int a, int b, int a2, int b2, ng_rule rule,
                     double sim, double w)
{
    ng_step *st = &res->steps[res->nsteps++];
    st->a = a;
    st->b = b;
    st->a2 = a2;
    st->b2 = b2;
    st->rule = rule;
    st->cost_kind = NG_COST_NONE;
    st->sim = sim;
    st->weight = w;
    st->cost = 0;
}

/* A compound candidate: token i of one name met tokens j (and j2, or -1
 * for a glued particle) of the other. */
struct compound {
    int side;      /* 0: i in name a, j in name b; 1: the reverse */
    int i, j, j2;
    double sim;
    uint64_t tie;  /* the same whichever name comes first */
};

/* Candidates for the leftovers of name me: one token written as two in the
 * other name (Jashnsaz / Jashn Saz, Alaqeel / al-Aqil, Amirhossein / Amir
 * Hossein), or with a particle glued on (Elkaddafi / Gaddafi). */
static size_t compound_candidates(const ng_engine *e, const ng_name *me, const ng_name *other,
                                  int side, const int *used_me, const int *used_o,
                                  struct compound *out, size_t n, size_t cap)
{
    for (size_t i = 0; i < me->n; i++) {
        const struct slot *st = &me->slot[i];
        const struct tok *t = st->t;
        if (used_me[i] || st->role == NG_ROLE_PARTICLE || st->role == NG_ROLE_INITIAL || !t->nkeys)
            continue;
        /* two words written as one make a long one */
        if (st->maxlen < COMPOUND_MIN_LEN) continue;
        for (size_t j = 0; j + 1 < other->n && n < cap; j++) {
            const struct slot *sx = &other->slot[j], *sy = &other->slot[j + 1];
            const struct tok *x = sx->t, *y = sy->t;
            if (used_o[j] || used_o[j + 1] || !x->nkeys || !y->nkeys) continue;
            if (sx->role == NG_ROLE_INITIAL || sy->role == NG_ROLE_INITIAL ||
                sy->role == NG_ROLE_PARTICLE)
                continue;
            /* two given names the tables know do not join into a family
             * name (Ivan Jo / Ivano, Kurt Jonni / Куртон); into a given
             * name they may (Amir Hossein / Amirhossein) */
            if (x->ngroups && y->ngroups && st->role == NG_ROLE_SURNAME && !t->ngroups) continue;
            char ab[2 * NG_KEY_MAX_BYTES];
            size_t lx = x->keylen[0], ly = y->keylen[0];
            if (lx + ly >= NG_KEY_MAX_BYTES) continue;
            /* the joined key must be about as long as the token's */
            size_t lt = t->keylen[0];
            size_t diff = lt > lx + ly ? lt - lx - ly : lx + ly - lt;
            if ((double)diff > (1.0 - SPLIT_MIN) * (double)(lx + ly > lt ? lx + ly : lt) + 2)
                continue;
            uint64_t mxy = x->m_key[0] | y->m_key[0];
            unsigned maxd = (unsigned)((1.0 - SPLIT_MIN) * 10.0 *
                                       (double)(lx + ly > lt ? lx + ly : lt) + 1e-9);
            int reachable = 0;
            for (size_t k = 0; k < t->nkeys && !reachable; k++)
                reachable = phon_mask_bound(&e->tiers, t->m_key[k], mxy) <= maxd;
            if (!reachable) continue;
            memcpy(ab, TOK_KEY(x, 0), lx);
            memcpy(ab + lx, TOK_KEY(y, 0), ly);
            double s = joined_sim(e, t, ab, lx + ly);
            if (s >= SPLIT_MIN)
                out[n++] = (struct compound){side, (int)i, (int)j, (int)j + 1, s,
                                             t->h_text ^ (x->h_text * 31u) ^ y->h_text};
        }
        for (size_t k = 0; k < t->nkeys; k++) {
            const char *key = TOK_KEY(t, k);
            size_t kl = t->keylen[k];
            size_t g = glued_particle_len(TOK_LATIN(t), key, kl);
            if (!g) continue;
            uint64_t mrest = phon_key_mask(key + g, kl - g);
            for (size_t j = 0; j < other->n && n < cap; j++) {
                const struct slot *sy = &other->slot[j];
                const struct tok *y = sy->t;
                if (used_o[j] || sy->role == NG_ROLE_PARTICLE || sy->role == NG_ROLE_INITIAL) continue;
                double best = 0;
                for (size_t q = 0; q < y->nkeys; q++) {
                    size_t ly = y->keylen[q];
                    /* the rest of a glued particle meets a name of four
                     * symbols or more: Кин is not Alechin (al- echin) */
                    if (ly < GLUED_REST_MIN) continue;
                    unsigned maxd = (unsigned)((1.0 - COMPOUND_MIN) * 10.0 *
                                               (double)(ly > kl - g ? ly : kl - g) + 1e-9);
                    if (phon_mask_bound(&e->tiers, mrest, y->m_key[q]) > maxd) continue;
                    double s = phon_key_sim_min(e->ph, key + g, kl - g, TOK_KEY(y, q), ly,
                                                COMPOUND_MIN);
                    if (s > best) best = s;
                }
                if (best >= COMPOUND_MIN)
                    out[n++] = (struct compound){side, (int)i, (int)j, -1, best,
                                                 t->h_text ^ y->h_text};
            }
        }
    }
    return n;
}

#define NO_SURNAME_CAP 0.75

/* Tokens that take part in the score (not particles). */
static size_t content_tokens(const ng_name *n)
{
    size_t k = 0;
    for (size_t i = 0; i < n->n; i++) k += n->slot[i].role != NG_ROLE_PARTICLE;
    return k;
}

/* Takes the compound candidates of both names best first (ties broken the
 * same way whichever name comes first, so that scores stay symmetric). */
static void match_compounds(const ng_engine *e, const ng_name *a, const ng_name *b, int *used_a,
                            int *used_b, ng_compare_result *res, double *num, double *den)
{
    struct compound c[4 * NG_NAME_MAX_TOKENS];
    size_t cap = sizeof c / sizeof c[0];
    size_t n = compound_candidates(e, a, b, 0, used_a, used_b, c, 0, cap);
    n = compound_candidates(e, b, a, 1, used_b, used_a, c, n, cap);
    for (;;) {
        size_t best = n;
        for (size_t k = 0; k < n; k++) {
            const struct compound *x = &c[k];
            int *um = x->side ? used_b : used_a, *uo = x->side ? used_a : used_b;
            if (um[x->i] || uo[x->j] || (x->j2 >= 0 && uo[x->j2])) continue;
            if (best == n || x->sim > c[best].sim || (x->sim == c[best].sim && x->tie > c[best].tie))
                best = k;
        }
        if (best == n) break;
        const struct compound *x = &c[best];
        const ng_name *me = x->side ? b : a;
        int *um = x->side ? used_b : used_a, *uo = x->side ? used_a : used_b;
        um[x->i] = 1;
        uo[x->j] = 1;
        if (x->j2 >= 0) uo[x->j2] = 1;
        /* the weight of both sides, so that it does not matter which name
         * holds the single token */
        const ng_name *other = x->side ? a : b;
        double wo = other->slot[x->j].weight;
        if (x->j2 >= 0) wo = 0.5 * (wo + other->slot[x->j2].weight);
        double w = 0.5 * (me->slot[x->i].weight + wo);
        *num += w * effective(NG_RULE_FUZZY, x->sim);
        *den += w;
        if (x->side == 0) add_step(res, x->i, x->j, -1, x->j2, NG_RULE_COMPOUND, x->sim, w);
        else add_step(res, x->j, x->i, x->j2, -1, NG_RULE_COMPOUND, x->sim, w);
    }
}

ng_compare_options ng_compare_default_options(void)
{
    ng_compare_options o;
    o.threshold = NG_MATCH_THRESHOLD;
    o.possible_threshold = NG_POSSIBLE_THRESHOLD;
    return o;
}

ng_status ng_name_compare(ng_engine *e, const ng_name *a, const ng_name *b,
                          const ng_compare_options *opt, ng_compare_result *res)
{
    if (!e || !a || !b || !res) return NG_EINVAL;
    ng_compare_options def = ng_compare_default_options();
    if (!opt) opt = &def;
    size_t na = a->n, nb = b->n;
    /* the pairs that meet, in the order the greedy assignment takes them:
     * best value first, ties the same way whichever name comes first */
    struct cand {
        double v, sim;
        uint64_t tie;
        uint8_t i, j, rule, len;
    } cand[NG_NAME_MAX_TOKENS * NG_NAME_MAX_TOKENS];
    size_t nc = 0;
    for (size_t i = 0; i < na; i++)
        for (size_t j = 0; j < nb; j++) {
            const struct slot *ta = &a->slot[i], *tb = &b->slot[j];
            if (ta->role == NG_ROLE_PARTICLE || tb->role == NG_ROLE_PARTICLE) continue;
            ng_rule r;
            double sm = tok_sim(e, ta, tb, &r);
            if (r == NG_RULE_NONE) continue;
            size_t len = ta->maxlen > tb->maxlen ? ta->maxlen : tb->maxlen;
            double v = effective_pair(r, sm, (ng_role)ta->role, (ng_role)tb->role, len) *
                       (ta->weight + tb->weight);
            if (ta->role == tb->role) v += 1e-6;
            if (v <= 0) continue;
            struct cand c = {v, sm, ta->t->h_text ^ tb->t->h_text, (uint8_t)i, (uint8_t)j,
                             (uint8_t)r, (uint8_t)len};
            size_t k = nc++;
            /* insertion sort, stable: few pairs meet */
            while (k > 0 && (cand[k - 1].v < c.v || (cand[k - 1].v == c.v && cand[k - 1].tie < c.tie))) {
                cand[k] = cand[k - 1];
                k--;
            }
            cand[k] = c;
        }
    int used_a[NG_NAME_MAX_TOKENS], used_b[NG_NAME_MAX_TOKENS];
    memset(used_a, 0, na * sizeof *used_a);
    memset(used_b, 0, nb * sizeof *used_b);
    double num = 0, den = 0;
    int fuzzy_met = 0;
    res->nsteps = 0;
    for (size_t k = 0; k < nc; k++) {
        size_t bi = cand[k].i, bj = cand[k].j;
        if (used_a[bi] || used_b[bj]) continue;
        used_a[bi] = used_b[bj] = 1;
        ng_rule r = (ng_rule)cand[k].rule;
        fuzzy_met |= r == NG_RULE_FUZZY;
        double w = 0.5 * (a->slot[bi].weight + b->slot[bj].weight);
        /* an initial says one letter of the word it meets: the pair weighs
         * what the initial weighs, and half the rest of the word's weight
         * stays unconfirmed (Ё / Элефтерия is no surname met; N. /
         * Nursultan still is a given name met) */
        double unconfirmed = 0;
        if (r == NG_RULE_INITIAL && (a->slot[bi].role == NG_ROLE_INITIAL) != (b->slot[bj].role == NG_ROLE_INITIAL)) {
            double wi = a->slot[bi].role == NG_ROLE_INITIAL ? a->slot[bi].weight : b->slot[bj].weight;
            double wf = a->slot[bi].role == NG_ROLE_INITIAL ? b->slot[bj].weight : a->slot[bi].weight;
            w = wi;
            if (wf > wi) unconfirmed = 0.5 * (wf - wi);
        }
        double sv = effective_pair(r, cand[k].sim, (ng_role)a->slot[bi].role,
                                   (ng_role)b->slot[bj].role, cand[k].len);
        num += w * sv;
        den += w + unconfirmed;
        add_step(res, (int)bi, (int)bj, -1, -1, r, cand[k].sim, w);
        res->steps[res->nsteps - 1].cost = unconfirmed;
    }
    /* Compounds are a second chance for names that already share a token,
     * or for a short name against one with more words (Abbasali / Abbas
     * Ali); names that share nothing are not one name written apart. */
    size_t ca = content_tokens(a), cb = content_tokens(b);
    if (res->nsteps > 0 || ((ca <= 2 || cb <= 2) && ca != cb))
        match_compounds(e, a, b, used_a, used_b, res, &num, &den);
    /* leftovers */
    int surname_met_either = 0, word_left = 0;
    for (int side = 0; side < 2; side++) {
        const ng_name *me = side ? b : a, *other = side ? a : b;
        int *used = side ? used_b : used_a, *oused = side ? used_a : used_b;
        int given_met = 0, surname_met = 0;
        for (size_t i = 0; i < me->n; i++) {
            ng_role r = (ng_role)me->slot[i].role;
            if (used[i] && (r == NG_ROLE_GIVEN || r == NG_ROLE_MIDDLE || r == NG_ROLE_INITIAL))
                given_met = 1;
            if (used[i] && r == NG_ROLE_SURNAME) surname_met = 1;
        }
        surname_met_either |= surname_met;
        for (size_t i = 0; i < me->n; i++) {
            if (used[i]) continue;
            const struct slot *t = &me->slot[i];
            if (t->role != NG_ROLE_PARTICLE) word_left = 1;
            int contra = 0;
            for (size_t j = 0; j < other->n && !contra; j++)
                if (!oused[j] && roles_compete((ng_role)t->role, (ng_role)other->slot[j].role))
                    contra = 1;
            double c = leftover_cost(t, contra, given_met, surname_met);
            den += c;
            ng_step *st = &res->steps[res->nsteps++];
            st->a = side ? -1 : (int)i;
            st->b = side ? (int)i : -1;
            st->a2 = st->b2 = -1;
            st->rule = NG_RULE_NONE;
            st->cost_kind = t->role == NG_ROLE_PARTICLE ? NG_COST_NONE
                            : contra ? NG_COST_CONTRADICTS : NG_COST_MISSING;
            st->sim = 0;
            st->weight = t->weight;
            st->cost = c;
        }
    }
    double score = (num > 0 && den > 0) ? num / den : 0.0;
    if (score > 1) score = 1;
    /* given names (and patronymics) met, no family name, and a word one
     * name has and the other does not: a family name or an initial nothing
     * says whose it is (Джон Михайлович / Джон У, Хироси Алексеевич /
     * Хироси Ю), or a patronymic beside a given name alone (Джон
     * Михайлович / Бен Джон): a given name alone is too little.  Worth a
     * look, no more; names whose every word met keep their score (Abu
     * Muhammad / Абу Мухаммад) unless a word met only by an edit (Джон
     * Михайлович / Джон Исаилович: the common ending of two patronymics
     * makes two fathers' names 0.80 alike). */
    if (score > NO_SURNAME_CAP && !surname_met_either && (word_left || fuzzy_met))
        score = NO_SURNAME_CAP;
    /* four decimals are printed: round here so that the decision and the
     * printed score never disagree */
    score = floor(score * 10000.0 + 0.5) / 10000.0;
    res->score = score;
    res->threshold = opt->threshold;
    res->decision = score >= opt->threshold ? NG_MATCH
                    : score >= opt->possible_threshold ? NG_POSSIBLE : NG_NO_MATCH;
    return NG_OK;
}
