/*
 * graph.c -- a graph of leads written for other tools (GraphML for Gephi
 * and yEd, DOT for Graphviz, Cytoscape.js elements, FollowTheMoney
 * entities) and drawn as SVG for a person to open.
 *
 * Nodes are records (their id and name) and, for a lead that joins more
 * than two records, the thing they share (a phone, an address); edges join
 * two records of a lead, or a record and what it shares.  SVG lays the
 * nodes on rings around the first one (the --around record), a ring a step
 * of distance, each ring's nodes spread evenly.
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/graph.h"
#include "report/report.h"


static void dotq(FILE *f, const char *s)
{
    fputc('"', f);
    for (; s && *s; s++) {
        if (*s == '"' || *s == '\\') fputc('\\', f);
        if (*s == '\n') { fputs("\\n", f); continue; }
        fputc(*s, f);
    }
    fputc('"', f);
}

static void graphml(FILE *f, const struct graph *g)
{
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
          "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
          "  <key id=\"type\" for=\"node\" attr.name=\"type\" attr.type=\"string\"/>\n"
          "  <key id=\"kind\" for=\"edge\" attr.name=\"kind\" attr.type=\"string\"/>\n"
          "  <key id=\"score\" for=\"edge\" attr.name=\"score\" attr.type=\"double\"/>\n"
          "  <key id=\"evidence\" for=\"edge\" attr.name=\"evidence\" attr.type=\"string\"/>\n"
          "  <graph id=\"leads\" edgedefault=\"undirected\">\n", f);
    for (size_t i = 0; i < g->nnodes; i++) {
        fputs("    <node id=\"", f);
        report_xml(f, g->nodes[i].id);
        fputs("\"><data key=\"label\">", f);
        report_xml(f, g->nodes[i].label);
        fprintf(f, "</data><data key=\"type\">%s</data></node>\n", g->nodes[i].shared ? "shared" : "record");
    }
    for (size_t i = 0; i < g->nedges; i++) {
        const struct gedge *e = &g->edges[i];
        fprintf(f, "    <edge id=\"e%zu\" source=\"", i);
        report_xml(f, g->nodes[e->a].id);
        fputs("\" target=\"", f);
        report_xml(f, g->nodes[e->b].id);
        fputs("\"><data key=\"kind\">", f);
        report_xml(f, e->kind);
        fprintf(f, "</data><data key=\"score\">%.4f</data><data key=\"evidence\">", e->score);
        report_xml(f, e->evidence);
        fputs("</data></edge>\n", f);
    }
    fputs("  </graph>\n</graphml>\n", f);
}

static void dot(FILE *f, const struct graph *g)
{
    fputs("graph leads {\n  node [shape=box, fontname=\"sans-serif\"];\n", f);
    for (size_t i = 0; i < g->nnodes; i++) {
        fputs("  ", f);
        dotq(f, g->nodes[i].id);
        fputs(" [label=", f);
        char lab[600];
        snprintf(lab, sizeof lab, "%s\n%s", g->nodes[i].label, g->nodes[i].shared ? "" : g->nodes[i].id);
        dotq(f, lab);
        fputs(g->nodes[i].shared ? ", shape=ellipse, style=dashed];\n" : "];\n", f);
    }
    for (size_t i = 0; i < g->nedges; i++) {
        const struct gedge *e = &g->edges[i];
        fputs("  ", f);
        dotq(f, g->nodes[e->a].id);
        fputs(" -- ", f);
        dotq(f, g->nodes[e->b].id);
        char lab[64];
        snprintf(lab, sizeof lab, "%s %.2f", e->kind, e->score);
        fputs(" [label=", f);
        dotq(f, lab);
        fputs(", tooltip=", f);
        dotq(f, e->evidence);
        fputs("];\n", f);
    }
    fputs("}\n", f);
}

static void cytoscape(FILE *f, const struct graph *g)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < g->nnodes; i++) {
        json_t *d = json_object();
        json_object_set_new(d, "id", json_string(g->nodes[i].id));
        json_object_set_new(d, "label", json_string(g->nodes[i].label));
        json_object_set_new(d, "type", json_string(g->nodes[i].shared ? "shared" : "record"));
        json_t *el = json_object();
        json_object_set_new(el, "group", json_string("nodes"));
        json_object_set_new(el, "data", d);
        json_array_append_new(arr, el);
    }
    for (size_t i = 0; i < g->nedges; i++) {
        const struct gedge *e = &g->edges[i];
        json_t *d = json_object();
        char id[32];
        snprintf(id, sizeof id, "e%zu", i);
        json_object_set_new(d, "id", json_string(id));
        json_object_set_new(d, "source", json_string(g->nodes[e->a].id));
        json_object_set_new(d, "target", json_string(g->nodes[e->b].id));
        json_object_set_new(d, "kind", json_string(e->kind));
        json_object_set_new(d, "score", json_real((double)(long)(e->score * 10000 + 0.5) / 10000));
        json_object_set_new(d, "evidence", json_string(e->evidence));
        json_t *el = json_object();
        json_object_set_new(el, "group", json_string("edges"));
        json_object_set_new(el, "data", d);
        json_array_append_new(arr, el);
    }
    json_dumpf(arr, f, JSON_INDENT(2) | JSON_REAL_PRECISION(10));
    fputc('\n', f);
    json_decref(arr);
}

/* FollowTheMoney: a Person a record (its id the record's), an UnknownLink
 * an edge (subject, object, role the kind, summary the evidence); a shared
 * thing is a Note on the link. */
static void ftm(FILE *f, const struct graph *g)
{
    for (size_t i = 0; i < g->nnodes; i++) {
        if (g->nodes[i].shared) continue;
        json_t *o = json_object(), *p = json_object();
        json_object_set_new(o, "id", json_string(g->nodes[i].id));
        json_object_set_new(o, "schema", json_string("Person"));
        json_object_set_new(p, "name", json_pack("[s]", g->nodes[i].label));
        json_object_set_new(o, "properties", p);
        json_dumpf(o, f, JSON_COMPACT);
        fputc('\n', f);
        json_decref(o);
    }
    for (size_t i = 0; i < g->nedges; i++) {
        const struct gedge *e = &g->edges[i];
        const struct gnode *a = &g->nodes[e->a], *b = &g->nodes[e->b];
        if (a->shared || b->shared) {
            /* a record and what it shares with others: a link to each other
             * record of that lead is written once, from the lower index */
            continue;
        }
        json_t *o = json_object(), *p = json_object();
        char id[96];
        snprintf(id, sizeof id, "nongrata-link-%zu", i);
        json_object_set_new(o, "id", json_string(id));
        json_object_set_new(o, "schema", json_string("UnknownLink"));
        json_object_set_new(p, "subject", json_pack("[s]", a->id));
        json_object_set_new(p, "object", json_pack("[s]", b->id));
        json_object_set_new(p, "role", json_pack("[s]", e->kind));
        json_object_set_new(p, "summary", json_pack("[s]", e->evidence));
        json_object_set_new(o, "properties", p);
        json_dumpf(o, f, JSON_COMPACT);
        fputc('\n', f);
        json_decref(o);
    }
    /* the records around a shared thing, each pair linked */
    for (size_t s = 0; s < g->nnodes; s++) {
        if (!g->nodes[s].shared) continue;
        size_t members[256], nm = 0;
        const struct gedge *first = NULL;
        for (size_t i = 0; i < g->nedges && nm < 256; i++) {
            const struct gedge *e = &g->edges[i];
            if (e->a == s) { members[nm++] = e->b; first = e; }
            else if (e->b == s) { members[nm++] = e->a; first = e; }
        }
        for (size_t x = 0; x < nm; x++)
            for (size_t y = x + 1; y < nm; y++) {
                json_t *o = json_object(), *p = json_object();
                char id[96];
                snprintf(id, sizeof id, "nongrata-shared-%zu-%zu-%zu", s, x, y);
                json_object_set_new(o, "id", json_string(id));
                json_object_set_new(o, "schema", json_string("UnknownLink"));
                json_object_set_new(p, "subject", json_pack("[s]", g->nodes[members[x]].id));
                json_object_set_new(p, "object", json_pack("[s]", g->nodes[members[y]].id));
                json_object_set_new(p, "role", json_pack("[s]", first ? first->kind : "same"));
                json_object_set_new(p, "summary", json_pack("[s]", g->nodes[s].label));
                json_object_set_new(o, "properties", p);
                json_dumpf(o, f, JSON_COMPACT);
                fputc('\n', f);
                json_decref(o);
            }
    }
}

/* ---- SVG -------------------------------------------------------------------- */

static void svg(FILE *f, const struct graph *g)
{
    size_t n = g->nnodes;
    double *x = calloc(n ? n : 1, sizeof *x), *y = calloc(n ? n : 1, sizeof *y);
    if (!x || !y) { free(x); free(y); return; }
    int maxring = 0;
    for (size_t i = 0; i < n; i++)
        if (g->nodes[i].ring > maxring) maxring = g->nodes[i].ring;
    int size = 260 + 220 * maxring;
    if (size > 1600) size = 1600;
    double cx = size / 2.0, cy = size / 2.0;
    double step = maxring ? (size / 2.0 - 110) / maxring : 0;
    for (int r = 0; r <= maxring; r++) {
        size_t k = 0, count = 0;
        for (size_t i = 0; i < n; i++) count += g->nodes[i].ring == r;
        for (size_t i = 0; i < n; i++) {
            if (g->nodes[i].ring != r) continue;
            double a = count ? 2 * 3.14159265358979 * (double)k / (double)count + 0.3 * r : 0;
            double rad = r == 0 && count == 1 ? 0 : step * (r ? r : 0.5);
            x[i] = cx + rad * cos(a);
            y[i] = cy + rad * sin(a);
            k++;
        }
    }
    fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
               "font-family=\"sans-serif\" font-size=\"11\">\n"
               "<style>.e{stroke:#888}.sequence{stroke:#c0392b}.same{stroke:#2c6fbb}.alias{stroke:#8e44ad;"
               "stroke-dasharray:4 3}.travel{stroke:#16a085}.watch{stroke:#d35400}"
               ".r{fill:#fff;stroke:#333}.s{fill:#f4f4f4;stroke:#999;stroke-dasharray:3 2}</style>\n",
            size, size, size, size);
    for (size_t i = 0; i < g->nedges; i++) {
        const struct gedge *e = &g->edges[i];
        char k[32];
        snprintf(k, sizeof k, "%s", e->kind);
        char *plus = strchr(k, '+');
        if (plus) *plus = 0;
        fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"e %s\" stroke-width=\"%.1f\">"
                   "<title>",
                x[e->a], y[e->a], x[e->b], y[e->b], k, 1 + 3 * e->score);
        report_xml(f, e->kind);
        fprintf(f, " %.2f: ", e->score);
        report_xml(f, e->evidence);
        fputs("</title></line>\n", f);
    }
    for (size_t i = 0; i < n; i++) {
        const struct gnode *nd = &g->nodes[i];
        fprintf(f, "<g><title>");
        report_xml(f, nd->id);
        fputs(": ", f);
        report_xml(f, nd->label);
        fprintf(f, "</title><circle cx=\"%.1f\" cy=\"%.1f\" r=\"%d\" class=\"%s\"/>", x[i], y[i],
                nd->shared ? 6 : 9, nd->shared ? "s" : "r");
        char lab[48];
        snprintf(lab, sizeof lab, "%s", nd->label);
        if (strlen(nd->label) > 40) {
            size_t c = 40;
            while (c > 0 && ((unsigned char)lab[c] & 0xC0) == 0x80) c--;
            lab[c] = 0;
            strcat(lab, "...");
        }
        fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">", x[i], y[i] + 22);
        report_xml(f, lab);
        fputs("</text>", f);
        if (!nd->shared) {
            fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#777\">", x[i], y[i] + 35);
            report_xml(f, nd->id);
            fputs("</text>", f);
        }
        fputs("</g>\n", f);
    }
    fputs("</svg>\n", f);
    free(x);
    free(y);
}

int graph_write(FILE *f, const struct graph *g, const char *format)
{
    if (strcmp(format, "graphml") == 0) graphml(f, g);
    else if (strcmp(format, "dot") == 0) dot(f, g);
    else if (strcmp(format, "cytoscape") == 0) cytoscape(f, g);
    else if (strcmp(format, "ftm") == 0) ftm(f, g);
    else if (strcmp(format, "svg") == 0) svg(f, g);
    else return -1;
    return ferror(f) ? -1 : 0;
}
