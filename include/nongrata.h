/*
 * nongrata.h -- the one public header of libnongrata.
 *
 * Every public symbol starts with ng_.  The library never prints and never
 * exits; it reports through ng_status codes and a last-error message kept on
 * the engine handle.  Strings are UTF-8, lengths are in bytes.
 *
 * Ownership, in one rule: what a function returns through a pointer it
 * allocated is freed with the matching ng_*_free(); pointers found inside a
 * returned object (token texts, keys) live as long as that object.
 *
 * A minimal use:
 *
 *     ng_engine *e = ng_engine_new(NULL);
 *     ng_name *a = NULL, *b = NULL;
 *     ng_name_parse(e, "Сергей Лавров", -1, &a);
 *     ng_name_parse(e, "LAVROV, Sergey", -1, &b);
 *     ng_compare_options o = ng_compare_default_options();
 *     ng_compare_result r;
 *     ng_name_compare(e, a, b, &o, &r);      r.score, r.decision, r.steps
 *     ng_name_free(a); ng_name_free(b); ng_engine_free(e);
 */
#ifndef NONGRATA_H
#define NONGRATA_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define NG_VERSION "0.1.0"

/* ---- status codes: numbered once, never renumbered ---------------------- */
typedef enum ng_status {
    NG_OK = 0,
    NG_ENOMEM = 1,   /* out of memory */
    NG_EINVAL = 2,   /* bad argument from the caller */
    NG_EUTF8 = 3,    /* input is not valid UTF-8 (see src/text/utf8.c) */
    NG_ENUL = 4,     /* input holds a NUL byte */
    NG_ELIMIT = 5,   /* input exceeds a documented maximum */
    NG_EICU = 6,     /* ICU refused a transliterator or a conversion */
    NG_EUNICODE = 7, /* utf8proc refused a normalisation */
    NG_EEMPTY = 8,   /* the input holds no name at all */
    NG_EIO = 9,      /* reading or writing a file failed */
    NG_EDATA = 10,   /* a file's content is malformed (message names the line) */
    NG_ESTORE = 11,  /* the SQLite store failed or is not a nongrata store */
    NG_ENOTFOUND = 12 /* no such dataset or record */
} ng_status;

/* A static English description of a status code; never NULL. */
const char *ng_strerror(ng_status st);

/* ---- limits: every input has a maximum ---------------------------------- */
#define NG_NAME_MAX_BYTES 1024 /* one name, as written */
#define NG_NAME_MAX_TOKENS 16  /* tokens kept of one name; words past it are
                                  left out (ng_name_truncated) */
#define NG_TOKEN_MAX_BYTES 128 /* one token after transliteration */
#define NG_TOKEN_MAX_KEYS 6    /* phonetic keys per token */
#define NG_KEY_MAX_BYTES 48    /* one phonetic key */

/* ---- the engine: tables, transliterators, caches ------------------------ */
/* An engine holds the compiled tables, ICU transliterators and the tokens
 * it has read (up to 1,000,000; past that each name holds its own copies),
 * which its names share.  It is not safe to share between threads: give
 * each thread its own engine.  Parsed names are read-only and may be
 * shared once made, and compared by any engine, as long as the engine that
 * made them lives. */
typedef struct ng_engine ng_engine;

/* Creates an engine.  Returns NULL on failure and stores the reason in *st
 * when st is not NULL.  Free with ng_engine_free(). */
ng_engine *ng_engine_new(ng_status *st);
/* Frees an engine; NULL is a no-op. */
void ng_engine_free(ng_engine *e);
/* The message of the engine's last failure ("" when none); owned by e. */
const char *ng_engine_errmsg(const ng_engine *e);

/* ---- text --------------------------------------------------------------- */
typedef enum ng_script {
    NG_SCRIPT_NONE = 0, /* digits and punctuation only */
    NG_SCRIPT_LATIN,
    NG_SCRIPT_CYRILLIC,
    NG_SCRIPT_GREEK,
    NG_SCRIPT_GEORGIAN,
    NG_SCRIPT_ARMENIAN,
    NG_SCRIPT_ARABIC,
    NG_SCRIPT_HEBREW,
    NG_SCRIPT_HAN,
    NG_SCRIPT_OTHER,
    NG_SCRIPT_MIXED /* letters of two scripts in one token */
} ng_script;

/* "Latin", "Cyrillic", ...; never NULL. */
const char *ng_script_name(ng_script s);

/* Checks that s[0..len) is UTF-8 by the policy of src/text/utf8.c: no
 * invalid sequences, no overlong forms, no surrogates, no NUL.  Returns
 * NG_OK, NG_EUTF8 or NG_ENUL; *bad_offset (when not NULL) receives the byte
 * offset of the first offending byte. */
ng_status ng_utf8_check(const char *s, size_t len, size_t *bad_offset);

/* Folds s for comparison: NFKC, case folding, marks stripped, the fold table
 * applied (ł->l, ß->ss, æ->ae ...).  Returns a malloc'd NUL-terminated
 * string in *out (caller frees) or an error. */
ng_status ng_text_fold(const char *s, size_t len, char **out);

/* ---- string metrics (counting code points, not bytes) ------------------- */
/* Each takes two UTF-8 strings; invalid bytes count as one U+FFFD each.
 * They return -1 (or a negative value) only when memory runs out. */
long ng_levenshtein(const char *a, const char *b);
long ng_damerau_levenshtein(const char *a, const char *b);
long ng_hamming(const char *a, const char *b);
double ng_jaro(const char *a, const char *b);
double ng_jaro_winkler(const char *a, const char *b, int long_tolerance);

/* ---- names -------------------------------------------------------------- */
typedef enum ng_role {
    NG_ROLE_UNKNOWN = 0,
    NG_ROLE_GIVEN,
    NG_ROLE_MIDDLE,
    NG_ROLE_PATRONYMIC,
    NG_ROLE_SURNAME,
    NG_ROLE_INITIAL,
    NG_ROLE_PARTICLE
} ng_role;

/* "given", "surname", ...; never NULL. */
const char *ng_role_name(ng_role r);

/* Token flags */
#define NG_TOK_ALLCAPS 0x01u  /* written in capitals in a mixed-case name */
#define NG_TOK_FEMININE 0x02u /* a feminine surname or patronymic form */
#define NG_TOK_COMMA 0x04u    /* stood before the comma of "SURNAME, Given" */

/* One token of a parsed name; every string lives as long as its ng_name. */
typedef struct ng_token {
    const char *text;        /* as written, NFC */
    const char *latin;       /* Latin, folded to lowercase ASCII */
    const char *translit;    /* ICU transliterator id used, or NULL */
    const char *keys[NG_TOKEN_MAX_KEYS]; /* phonetic keys, distinct */
    size_t nkeys;
    const char *stem;        /* masculine key of a feminine form, or NULL */
    ng_script script;
    ng_role role;
    int given_group;         /* given-name equivalence class, or -1 */
    unsigned flags;
} ng_token;

typedef struct ng_name ng_name;

/* Parses one name written in any script into tokens with roles, Latin forms
 * and phonetic keys.  len may be (size_t)-1 for a NUL-terminated string.
 * Titles and ranks ("Dr", "Colonel", "генерал") are dropped and listed.
 * Returns NG_OK and a new name in *out (free with ng_name_free), or
 * NG_EUTF8 / NG_ENUL / NG_ELIMIT (more than NG_NAME_MAX_BYTES) /
 * NG_EEMPTY / NG_ENOMEM / NG_EICU with
 * *out set to NULL and the reason in ng_engine_errmsg(e).
 * A name shares the tokens its engine keeps: free it before the engine.
 * Names of one engine may be compared with another engine. */
ng_status ng_name_parse(ng_engine *e, const char *s, size_t len, ng_name **out);
void ng_name_free(ng_name *n);

size_t ng_name_count(const ng_name *n);
/* 1 when the name had more than NG_NAME_MAX_TOKENS words and only the
 * first ones were kept (a cell holding a remark or several names), else 0. */
int ng_name_truncated(const ng_name *n);
/* Token i (0-based, < ng_name_count), by value; its strings belong to the
 * name and its engine.  Out of range: a token with empty text and latin. */
ng_token ng_name_token(const ng_name *n, size_t i);
/* The given-name classes of token i (its own, and those of the full names a
 * familiar form stands for: Sasha gives Aleksandr's), up to max into out;
 * returns their number (0 for no known given name). */
size_t ng_name_token_classes(const ng_name *n, size_t i, int32_t *out, size_t max);
/* The name as given (NUL-terminated, NFC). */
const char *ng_name_text(const ng_name *n);
/* Script of the whole name (MIXED when tokens differ). */
ng_script ng_name_script(const ng_name *n);
/* Number of dropped titles and ranks. */
size_t ng_name_dropped_count(const ng_name *n);
/* Dropped title i (0-based) as written, or NULL when out of range. */
const char *ng_name_dropped(const ng_name *n, size_t i);

/* ---- pair scoring ------------------------------------------------------- */
/* Documented thresholds (docs/scoring.md). */
#define NG_MATCH_THRESHOLD 0.80
#define NG_POSSIBLE_THRESHOLD 0.65

typedef enum ng_decision {
    NG_NO_MATCH = 0,
    NG_POSSIBLE = 1,
    NG_MATCH = 2
} ng_decision;
const char *ng_decision_name(ng_decision d); /* "match", "possible", "no-match" */

typedef enum ng_rule {
    NG_RULE_NONE = 0,     /* unmatched */
    NG_RULE_EXACT,        /* same spelling */
    NG_RULE_TRANSLIT,     /* same after transliteration and folding */
    NG_RULE_PHONETIC,     /* same phonetic key (romanisation variant) */
    NG_RULE_GIVEN_EQUIV,  /* equivalent given names across languages */
    NG_RULE_SURNAME_FORM, /* two forms of one surname: masculine and feminine
                             (Ivanov / Ivanova), Belarusian and Russian
                             (Lukashenka / Lukashenko) */
    NG_RULE_INITIAL,      /* an initial meets a name */
    NG_RULE_FUZZY,        /* near spelling, scored by edit distance */
    NG_RULE_COMPOUND,     /* one token meets two written apart (Jashnsaz /
                             Jashn Saz, al-Aqil / Alaqeel) */
    NG_RULE_NICKNAME      /* a familiar form meets its full name (Sasha /
                             Aleksandr, Bob / Robert) */
} ng_rule;
const char *ng_rule_name(ng_rule r);

typedef enum ng_cost {
    NG_COST_NONE = 0,
    NG_COST_MISSING,      /* the other name has nothing to set against it */
    NG_COST_CONTRADICTS   /* the other name has a different token in that role */
} ng_cost;

/* One line of an explanation: token a of the first name met token b of the
 * second (both >= 0), or one of them stayed unmatched (the other is -1). */
typedef struct ng_step {
    int a, b;
    int a2, b2;     /* second token of a compound, else -1 */
    ng_rule rule;
    ng_cost cost_kind;
    double sim;     /* token similarity in [0,1] */
    double weight;  /* weight of the token(s) in the score */
    double cost;    /* weight added to the denominator when unmatched */
} ng_step;

typedef struct ng_compare_options {
    double threshold;          /* match threshold, default NG_MATCH_THRESHOLD */
    double possible_threshold; /* default NG_POSSIBLE_THRESHOLD */
} ng_compare_options;

ng_compare_options ng_compare_default_options(void);

typedef struct ng_compare_result {
    double score;
    ng_decision decision;
    double threshold;
    size_t nsteps;
    ng_step steps[2 * NG_NAME_MAX_TOKENS];
} ng_compare_result;

/* Scores two parsed names.  Fills *res (no allocation).  Symmetric up to
 * the order of the steps.  Returns NG_OK or NG_EINVAL. */
ng_status ng_name_compare(ng_engine *e, const ng_name *a, const ng_name *b,
                          const ng_compare_options *opt, ng_compare_result *res);

/* Similarity in [0,1] of token i of name a and token j of name b, with the
 * rule that decided it in *rule (NG_RULE_NONE and 0 when they do not meet,
 * or when an index is out of range). */
double ng_token_similarity(ng_engine *e, const ng_name *a, size_t i, const ng_name *b, size_t j,
                           ng_rule *rule);

/* ---- records (src/records; docs/records.md) ------------------------------
 * A record is a person (or another FollowTheMoney schema) as one list gives
 * it: its id in that list, a schema, and values of properties named as in
 * FollowTheMoney (name, alias, birthDate, passportNumber ...) or, where FtM
 * has no word, by nongrata (docs/records.md lists them).  A property may
 * hold several values, in the order given.  Birth dates are kept in a
 * canonical form: 1979-04-05, 1979-04, 1979, ~1978 (circa), 1960..1962. */

typedef struct ng_value {
    const char *prop;   /* property name */
    const char *value;  /* NUL-terminated UTF-8 */
    const char *qual;   /* qualifier, or NULL: the issuing state of an
                           identifier ("Russia"), the label of an id */
} ng_value;

typedef struct ng_record ng_record;

ng_record *ng_record_new(void);
void ng_record_free(ng_record *r);
/* A copy of r (id, schema, line, values), or NULL when memory runs out. */
ng_record *ng_record_copy(const ng_record *r);
/* Empties r for reuse (keeps its memory). */
void ng_record_clear(ng_record *r);
ng_status ng_record_set_id(ng_record *r, const char *id);
ng_status ng_record_set_schema(ng_record *r, const char *schema);
/* The id in its list ("" when unset), the schema ("Person" when unset), the
 * line of the file it started on (0 when unknown). */
const char *ng_record_id(const ng_record *r);
const char *ng_record_schema(const ng_record *r);
long ng_record_line(const ng_record *r);
void ng_record_set_line(ng_record *r, long line);
/* Adds a value; leading and trailing spaces are trimmed, an empty value is
 * ignored, and so is a value the property already holds.  The text must be
 * valid UTF-8 without NUL (NG_EUTF8 / NG_ENUL) and at most
 * NG_VALUE_MAX_BYTES (NG_ELIMIT). */
ng_status ng_record_add(ng_record *r, const char *prop, const char *value, const char *qual);
/* Adds a birth date (or another date property) written in any of the forms
 * of ng_date_parse; a text that is no date is kept in prop + "Text"
 * (birthDateText).  Several dates in one text ("05 Apr 1979; alt. DOB 12
 * Apr 1978") give several values. */
ng_status ng_record_add_date(ng_record *r, const char *prop, const char *text);
size_t ng_record_count(const ng_record *r);
/* Value i (0-based) in the order added, or NULL. */
const ng_value *ng_record_value(const ng_record *r, size_t i);
/* The first value of prop, or NULL. */
const char *ng_record_first(const ng_record *r, const char *prop);

#define NG_VALUE_MAX_BYTES (1 << 20) /* one value (a cell, a remark) */

/* ---- dates ---------------------------------------------------------------- */
#define NG_DATE_CIRCA 0x01u

typedef struct ng_date {
    int year, month, day; /* month and day 0 when unknown */
    int year_to;          /* last year of a range (1960 to 1962), else 0 */
    unsigned flags;       /* NG_DATE_CIRCA */
} ng_date;

/* Parses one date as lists write them: 1979, 1979-04, 1979-04-05,
 * 05 Apr 1979, April 5, 1979, 5.4.1979, 05/04/1979 (day first unless the
 * second number exceeds 12), circa 1978, c. 1978, 1960 to 1962, with
 * "DOB", "alt. DOB", "born" in front.  Returns NG_OK, or NG_EDATA when the
 * text is no date (or an impossible one: 31 Feb). */
ng_status ng_date_parse(const char *s, ng_date *out);
/* The canonical form into buf (at least 24 bytes): 1979-04-05, 1979-04,
 * 1979, ~1978, 1960..1962.  Returns buf. */
char *ng_date_format(const ng_date *d, char *buf, size_t cap);

#ifdef __cplusplus
}
#endif
#endif /* NONGRATA_H */
