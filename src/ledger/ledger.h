/*
 * ledger.h -- the expulsion ledger: who expelled whom, when, how many, why,
 * and what came back.
 *
 * An event (one state expelling another's diplomats) is known through
 * claims: each source that reports it makes one, and sources disagree
 * (Belgium said 12, another outlet 21).  Claims are kept as they are,
 * never merged; an event shows the range of its claims.  From the events
 * follow the analyses of analyze.c: which earlier event each one answers,
 * the chains of replies, the balance between two states, the waves of
 * several states acting against one, the size of a mission over time.
 * extract.c proposes events from English news text.
 *
 * States are ISO 3166 alpha-3 codes (RUS, POL), the historic ones
 * included (SUN for the USSR, DDR, CSK, YUG), and two bodies: EU and NATO.
 */
#ifndef NG_LEDGER_LEDGER_H
#define NG_LEDGER_LEDGER_H

#include <stdio.h>

#include "nongrata.h"

struct read_error;

#define LSTATE_MAX 8 /* a code and its NUL: "RUS", "NATO" */

/* ---- states --------------------------------------------------------------- */
/* The code of a state or body named by its code (RUS, RU), its name in
 * English or another language ICU knows (Russia, Russian Federation,
 * Россия), its demonym (Russian), or, with metonyms, its capital or seat
 * of government (Moscow, the Kremlin).  Returns 1 and fills code, or 0. */
int ledger_state(const char *text, int metonyms, char code[LSTATE_MAX]);
/* The English name of a code ("Russia"), or the code itself. */
const char *ledger_state_name(const char *code);

/* ---- dates ---------------------------------------------------------------- */
/* A date as far as it is known: a day, a month, a year, or an interval
 * (2022-02-24/2022-04-06: sometime between), as its first and last days
 * (days since 1970-01-01) and its canonical text. */
struct ldate {
    long first, last;
    char text[24];
};
/* Parses 2022-04-06, 2022-04, 2022, 6 April 2022, April 6, 2022, or two of
 * them joined by '/' (an ISO 8601 interval).  Returns 0, or -1. */
int ldate_parse(const char *s, struct ldate *out);
/* The date of one day (y, m 1-12, d 1-31). */
void ldate_day(int y, int m, int d, struct ldate *out);
/* Days since 1970-01-01 of a civil date, and back. */
long ldate_days(int y, int m, int d);
void ldate_civil(long days, int *y, int *m, int *d);
/* Days in month m (1-12) of year y. */
int ldate_month_days(int y, int m);
/* The date from day first to day last, its text as short as it can be
 * (2022-04-06, 2022-04, 2022, else an interval). */
void ldate_span(long first, long last, struct ldate *out);
/* Day number day as YYYY-MM-DD into buf; returns buf. */
char *ldate_day_text(long day, char buf[11]);
/* Whether the date is one day. */
static inline int ldate_exact(const struct ldate *d) { return d->first == d->last; }

/* ---- reasons -------------------------------------------------------------- */
typedef enum {
    LR_ESPIONAGE,
    LR_INCOMPATIBLE, /* activities incompatible with diplomatic status */
    LR_RETALIATION,
    LR_PARITY,
    LR_SECURITY,
    LR_OTHER,
    LR_NREASONS
} lreason;
const char *lreason_name(lreason r);
/* The category a reason's text names or implies ("intelligence officers":
 * espionage; "retaliation and parity": retaliation, the first one named);
 * LR_OTHER when none. */
lreason lreason_of(const char *text);

/* ---- claims and events ---------------------------------------------------- */
struct lclaim {
    char *event;              /* the event's id */
    struct ldate date;
    char actor[LSTATE_MAX];   /* the expelling state */
    char target[LSTATE_MAX];  /* the state whose diplomats were expelled */
    long count;               /* persons, -1 when unknown */
    lreason reason;
    char *reason_text;        /* as the source put it ("" when none) */
    char *source;
    char *answers;            /* the id of the event this one answers, or "" */
    char *persons;            /* record ids DATASET:ID, ';' between, or "" */
    char *origin;             /* the file it came from, or "" */
    long line;                /* and its line there, or 0 */
};

struct levent {
    const char *id;
    size_t first, n;          /* its claims: claims[first .. first + n) */
    struct ldate date;        /* from the first day any claim gives to the
                                 last (text: the claims' if they agree) */
    char actor[LSTATE_MAX], target[LSTATE_MAX];
    long lo, hi;              /* the least and most persons claimed, -1 when
                                 no claim knows */
    lreason reason;           /* of the first claim that names one */
    const char *answers;      /* an answer a claim records, or NULL */
};

/* A mission's staff: so many of the sending state's diplomats in the host
 * state at a date. */
struct lstaff {
    char host[LSTATE_MAX], sending[LSTATE_MAX];
    struct ldate date;
    long count;
    char *source;
};

typedef struct ledger {
    struct lclaim *claims;
    size_t nclaims, ccap;
    struct levent *events;    /* by date (first day), then id */
    size_t nevents;
    struct lstaff *staff;     /* by host, sending, date */
    size_t nstaff, scap;
    char **warnings;          /* what ledger_build found odd, not wrong */
    size_t nwarnings;
} ledger;

void ledger_init(ledger *l);
void ledger_free(ledger *l);
/* Adds a copy of a claim (its strings copied; NULL strings are ""). */
ng_status ledger_add(ledger *l, const struct lclaim *c);
ng_status ledger_add_staff(ledger *l, const struct lstaff *s);
/* Gathers the claims into events.  The claims of one id must name the same
 * actor and target (else NG_EDATA, err naming both lines); an answer to an
 * id the ledger lacks, or to itself, is set aside with a warning. */
ng_status ledger_build(ledger *l, char *err, size_t errcap);
/* The event of an id, or NULL (after ledger_build). */
const struct levent *ledger_find(const ledger *l, const char *id);
/* The claims of an event whose counts differ (1 when they do). */
static inline int levent_conflicts(const struct levent *e) { return e->lo != e->hi; }

/* Reads a ledger CSV: a header naming the columns id, date, actor,
 * target, count, reason, source (all needed) and answers, persons, note
 * (optional), in any order.  An empty count is unknown; states are codes
 * or English names; the same id on two rows is two claims about one
 * event.  A file whose header starts with "host" holds staff counts:
 * host, sending, date, count (needed), source.  A bad row stops the read:
 * NG_EDATA with err naming the line.  The claims (or staff counts) go to
 * l; nothing is added when the read fails. */
ng_status ledger_read_csv(FILE *f, const char *name, ledger *l, struct read_error *err);

/* ---- analyses (analyze.c) ------------------------------------------------- */
#define LEDGER_WINDOW 120 /* days within which a reply is looked for */

/* What an event answers. */
struct lpair {
    long answers;             /* the event it answers (index), or -1 */
    int recorded;             /* 1: a claim says so; 0: inferred */
    long lag;                 /* days from the answered event (first days) */
    int approx;               /* a date is no single day: the lag is a guess */
    int has_ratio;            /* both counts known */
    double ratio;             /* this count over the answered one's (the
                                 middle of each range) */
    double ratio_lo, ratio_hi;/* the least and greatest the claims allow */
};
/* For each event (out has l->nevents), the earlier event it most likely
 * answers: the one a claim records, else the nearest earlier event the
 * other way between the same two states within window days. */
void ledger_pairs(const ledger *l, long window, struct lpair *out);
/* "mirror", "smaller", "larger", or "" without a ratio. */
const char *lpair_kind(const struct lpair *p);

/* Chains of replies: events linked by answers, each chain from the event
 * that answers nothing.  chain[i] is the chain of event i (-1: none),
 * round[i] its round (1 for the first move).  Returns the number of
 * chains (of two events or more). */
size_t ledger_chains(const ledger *l, const struct lpair *p, long *chain, int *round);

/* The balance of two states: what each expelled of the other's. */
struct lbalance {
    char a[LSTATE_MAX], b[LSTATE_MAX]; /* a < b */
    long ab_lo, ab_hi;        /* persons a expelled of b's (known counts) */
    long ba_lo, ba_hi;
    size_t ab_events, ba_events, unknown; /* events, and those without a count */
    long first, last;         /* days of the first and last event */
};
/* Every pair of states with an event, by the persons expelled (most
 * first); *out is allocated. */
ng_status ledger_balance(const ledger *l, struct lbalance **out, size_t *n);

/* A state's totals. */
struct ltotal {
    char state[LSTATE_MAX];
    long given_lo, given_hi, received_lo, received_hi;
    size_t given_events, received_events;
};
ng_status ledger_totals(const ledger *l, struct ltotal **out, size_t *n);

/* A wave: at least min_states states acting against one within days days. */
struct lwave {
    char target[LSTATE_MAX];
    long first, last;         /* days */
    size_t *events;           /* indexes, by date */
    size_t n;
    size_t nstates;
    long lo, hi;              /* persons expelled */
    size_t unknown;           /* events without a count */
    long larger_before;       /* the last earlier wave at least as large
                                 (index into the waves), or -1: the largest
                                 so far */
};
/* The waves, largest first (persons, then states, then date); *out is
 * allocated, free with ledger_waves_free. */
ng_status ledger_waves(const ledger *l, size_t min_states, long days, struct lwave **out,
                       size_t *n);
void ledger_waves_free(struct lwave *w, size_t n);

/* A mission's size over time: from each staff count of the host and the
 * sending state, the host's expulsions of the sending state's diplomats
 * after it. */
struct lmission {
    char host[LSTATE_MAX], sending[LSTATE_MAX];
    long day;
    long staff;               /* the staff count recorded here, or -1 */
    long event;               /* the expulsion here (index), or -1 */
    long size_lo, size_hi;    /* the size after it */
};
/* The steps of every mission with a staff count (host or sending may be
 * NULL: any); *out is allocated. */
ng_status ledger_missions(const ledger *l, const char *host, const char *sending,
                          struct lmission **out, size_t *n);

/* ---- extraction from news text (extract.c) -------------------------------- */
struct lproposal {
    char actor[LSTATE_MAX], target[LSTATE_MAX];
    long count;               /* -1 unknown */
    struct ldate date;        /* text "" when the text gives none */
    double confidence;        /* 0..1 */
    int announced;            /* will expel, plans to expel */
    char *evidence;           /* the sentence */
};
/* Proposes events from English text (len bytes, UTF-8); article_date
 * (may be NULL) anchors relative dates ("on Friday").  *out is allocated,
 * free with ledger_proposals_free. */
ng_status ledger_extract(const char *text, size_t len, const struct ldate *article_date,
                         struct lproposal **out, size_t *n);
void ledger_proposals_free(struct lproposal *p, size_t n);

#endif
