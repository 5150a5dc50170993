/*
 * cmd_normalize.c -- `nongrata normalize NAME...`: how a name is read.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const char help[] =
    "Usage: nongrata normalize [--format table|json] NAME...\n"
    "\n"
    "Shows how each NAME is read: its script, the transliterator chosen for it,\n"
    "titles dropped, and for every token its role (given, middle, patronymic,\n"
    "surname, initial, particle), its Latin form and its phonetic keys.\n"
    "\n"
    "Options:\n"
    "  -f, --format FMT   table (default; 'text' also accepted) or json\n"
    "  -h, --help         this help\n";

static json_t *name_json(const ng_name *n)
{
    json_t *o = json_object();
    json_object_set_new(o, "name", json_string(ng_name_text(n)));
    json_object_set_new(o, "script", json_string(ng_script_name(ng_name_script(n))));
    json_object_set_new(o, "truncated", json_boolean(ng_name_truncated(n)));
    json_t *dr = json_array();
    for (size_t i = 0; i < ng_name_dropped_count(n); i++)
        json_array_append_new(dr, json_string(ng_name_dropped(n, i)));
    json_object_set_new(o, "dropped", dr);
    json_t *toks = json_array();
    for (size_t i = 0; i < ng_name_count(n); i++) {
        ng_token tk = ng_name_token(n, i), *t = &tk;
        json_t *j = json_object();
        json_object_set_new(j, "text", json_string(t->text));
        json_object_set_new(j, "role", json_string(ng_role_name(t->role)));
        json_object_set_new(j, "script", json_string(ng_script_name(t->script)));
        json_object_set_new(j, "latin", json_string(t->latin));
        json_object_set_new(j, "transliterator", t->translit ? json_string(t->translit) : json_null());
        json_t *k = json_array();
        for (size_t q = 0; q < t->nkeys; q++) json_array_append_new(k, json_string(t->keys[q]));
        json_object_set_new(j, "keys", k);
        json_object_set_new(j, "masculine_key", t->stem ? json_string(t->stem) : json_null());
        json_object_set_new(j, "feminine", json_boolean(t->flags & NG_TOK_FEMININE));
        json_array_append_new(toks, j);
    }
    json_object_set_new(o, "tokens", toks);
    return o;
}

static void name_table(const ng_name *n)
{
    printf("name: %s\n", ng_name_text(n));
    const char *tid = NULL;
    for (size_t i = 0; i < ng_name_count(n) && !tid; i++) tid = ng_name_token(n, i).translit;
    printf("script: %s    transliterator: %s\n", ng_script_name(ng_name_script(n)),
           tid ? tid : "-");
    if (ng_name_truncated(n))
        printf("truncated: only the first %d words are read\n", NG_NAME_MAX_TOKENS);
    size_t nd = ng_name_dropped_count(n);
    if (nd) {
        printf("dropped:");
        for (size_t i = 0; i < nd; i++) printf(" %s", ng_name_dropped(n, i));
        printf("\n");
    }
    printf("  %-18s %-11s %-9s %-16s %s\n", "token", "role", "script", "latin", "keys");
    for (size_t i = 0; i < ng_name_count(n); i++) {
        ng_token tk = ng_name_token(n, i), *t = &tk;
        printf("  ");
        cli_pad(t->text, 18);
        printf(" %-11s %-9s ", ng_role_name(t->role), ng_script_name(t->script));
        cli_pad(t->latin, 16);
        for (size_t k = 0; k < t->nkeys; k++) printf("%s%s", k ? " " : "", t->keys[k]);
        if (t->stem) printf("  (masculine %s)", t->stem);
        printf("\n");
    }
}

int cmd_normalize(int argc, char **argv)
{
    cli_format fmt = FMT_TABLE;
    int i = 1;
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0) { i++; break; }
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) { fputs(help, stdout); return EXIT_OK; }
        if (strcmp(a, "-f") == 0 || strcmp(a, "--format") == 0) {
            if (++i >= argc) return cli_usage_error("normalize", "--format needs a value");
            if (cli_parse_format(argv[i], &fmt) || fmt == FMT_CSV || fmt == FMT_JSONL)
                return cli_usage_error("normalize", "unknown format '%s' (table or json)", argv[i]);
            continue;
        }
        if (a[0] == '-' && a[1]) return cli_usage_error("normalize", "unknown option '%s'", a);
        break;
    }
    if (i >= argc) return cli_usage_error("normalize", "no name given");
    ng_engine *e = cli_engine();
    if (!e) return EXIT_IO;
    int rc = EXIT_OK;
    json_t *all = fmt == FMT_JSON ? json_array() : NULL;
    for (int k = i; k < argc; k++) {
        ng_name *n = NULL;
        ng_status st = ng_name_parse(e, argv[k], (size_t)-1, &n);
        if (st != NG_OK) {
            cli_error("argument %d: %s", k - i + 1, ng_engine_errmsg(e));
            rc = EXIT_DATA;
            continue;
        }
        if (all) json_array_append_new(all, name_json(n));
        else {
            if (k > i) printf("\n");
            name_table(n);
        }
        ng_name_free(n);
    }
    if (all) {
        cli_put_json(all);
    }
    ng_engine_free(e);
    return rc;
}
