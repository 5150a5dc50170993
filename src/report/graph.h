/*
 * graph.h -- a graph of leads and the formats it is written in (graph.c).
 */
#ifndef NG_REPORT_GRAPH_H
#define NG_REPORT_GRAPH_H

#include <stddef.h>
#include <stdio.h>

struct gnode {
    const char *id;       /* a record's DATASET:ID, or "shared:N" */
    const char *label;    /* a record's name, or what is shared */
    int shared;           /* a thing several records share, not a record */
    int ring;             /* distance from the centre (SVG) */
};

struct gedge {
    size_t a, b;          /* nodes */
    const char *kind;     /* "same", "sequence+alias" */
    double score;
    const char *evidence;
};

struct graph {
    struct gnode *nodes;
    size_t nnodes;
    struct gedge *edges;
    size_t nedges;
};

/* Writes g to f as format: graphml, dot, cytoscape (Cytoscape.js elements
 * JSON), ftm (FollowTheMoney entities, one JSON a line: Person and
 * UnknownLink) or svg.  Returns 0, or -1 for an unknown format or a write
 * error. */
int graph_write(FILE *f, const struct graph *g, const char *format);

#endif
