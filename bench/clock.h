/*
 * clock.h -- what the benchmarks measure with: a monotonic clock in
 * seconds and the resident memory of the process.
 */
#ifndef NG_BENCH_CLOCK_H
#define NG_BENCH_CLOCK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static inline double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* A line of /proc/self/status in kB (VmRSS: resident now, VmHWM: the
 * most so far), or 0. */
static inline long status_kb(const char *field)
{
    FILE *f = fopen("/proc/self/status", "r");
    if (!f) return 0;
    char line[256];
    long kb = 0;
    size_t n = strlen(field);
    while (fgets(line, sizeof line, f))
        if (strncmp(line, field, n) == 0 && line[n] == ':') kb = atol(line + n + 1);
    fclose(f);
    return kb;
}

/* Resident memory of this process in kB (Linux), 0 when unknown. */
static inline long rss_kb(void) { return status_kb("VmRSS"); }

#endif
