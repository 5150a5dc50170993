/*
 * testutil.h -- helpers shared by the cmocka unit tests.
 */
#ifndef NG_TESTUTIL_H
#define NG_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "nongrata.h"

/* The shared data folder: $NG_SHARED_DATA, else ../shared/data from the
 * repository root (where tests run).  NULL when absent. */
static inline const char *shared_data(void)
{
    static char path[4096];
    const char *env = getenv("NG_SHARED_DATA");
    snprintf(path, sizeof path, "%s", env && *env ? env : "../shared/data");
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) return NULL;
    return path;
}

/* Opens FILE under the shared data folder, or skips the test with a visible
 * message when the folder is absent (a user's fresh clone). */
#define OPEN_SHARED_OR_SKIP(fp, rel)                                                  \
    do {                                                                              \
        const char *base_ = shared_data();                                            \
        if (!base_) {                                                                 \
            fprintf(stderr, "SKIP: ../shared/data is absent; %s not checked\n", rel); \
            skip();                                                                   \
        }                                                                             \
        char p_[4200];                                                                \
        snprintf(p_, sizeof p_, "%s/%s", base_, rel);                                 \
        (fp) = fopen(p_, "r");                                                        \
        if (!(fp)) fail_msg("cannot open %s", p_);                                    \
    } while (0)

/* One engine for a whole test file. */
static inline int engine_setup(void **state)
{
    ng_status st;
    *state = ng_engine_new(&st);
    return *state ? 0 : -1;
}

static inline int engine_teardown(void **state)
{
    ng_engine_free(*state);
    return 0;
}

/* Splits a CSV line of jellyfish's fixtures (RFC 4180 quotes) into up to
 * max fields, in place; returns the count. */
static inline size_t split_csv(char *line, char **f, size_t max)
{
    size_t n = 0;
    char *p = line;
    while (n < max) {
        if (*p == '"') {
            char *o = ++p;
            f[n++] = o;
            for (;;) {
                if (*p == '"' && p[1] == '"') { *o++ = '"'; p += 2; }
                else if (*p == '"') { p++; break; }
                else if (!*p) break;
                else *o++ = *p++;
            }
            *o = 0;
            if (*p == ',') p++;
            else break;
        } else {
            f[n++] = p;
            char *c = strchr(p, ',');
            if (!c) break;
            *c = 0;
            p = c + 1;
        }
    }
    return n;
}

static inline void chomp(char *s)
{
    s[strcspn(s, "\r\n")] = 0;
}

#endif
