/*
 * report.h -- pages a person opens: the ledger as HTML with SVG charts.
 */
#ifndef NG_REPORT_REPORT_H
#define NG_REPORT_REPORT_H

#include <stddef.h>

#include <stdio.h>

#include "ledger/ledger.h"

/* Writes s to f with &, <, >, " and ' escaped (HTML, SVG, XML text). */
void report_xml(FILE *f, const char *s);

/* Writes DIR/index.html (DIR made when missing): the events with the range
 * of their claims and their sources, the replies, chains, balance, waves
 * and missions as tables, a timeline of the events of each pair of states
 * and the balance of each state as SVG.  The path written goes to path.
 * NG_EIO (errno set) when the directory or file cannot be written. */
ng_status report_ledger_html(const ledger *l, const char *dir, char *path, size_t cap);

#endif
