/*
 * unxml.c -- the UN Security Council consolidated list (XML, libxml2).
 *
 * <CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL> and <ENTITIES><ENTITY>, as
 * in https://www.un.org/sc/resources/sc-sanctions.xsd.  Names are kept in
 * their original script (NAME_ORIGINAL_SCRIPT becomes an alias beside the
 * Latin name); alias quality "Low" makes a weak alias.  The document is
 * read without the network and without entity expansion.
 */
#include <libxml/parser.h>
#include <pthread.h>
#include <libxml/tree.h>
#include <string.h>

#include "records/records.h"

static int is(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* The text of the first child element called name, or NULL (the caller
 * frees it with xmlFree). */
static char *child_text(const xmlNode *n, const char *name)
{
    for (const xmlNode *c = n->children; c; c = c->next)
        if (is(c, name)) {
            xmlChar *t = xmlNodeGetContent(c);
            if (t && !*t) { xmlFree(t); return NULL; }
            return (char *)t;
        }
    return NULL;
}

static ng_status add_child(ng_record *r, const char *prop, const xmlNode *n, const char *name)
{
    char *t = child_text(n, name);
    if (!t) return NG_OK;
    ng_status st = ng_record_add(r, prop, t, NULL);
    xmlFree(t);
    return st;
}

/* The children called names[] joined by sep into buf. */
static void join_children(const xmlNode *n, const char *const *names, const char *sep, char *buf,
                          size_t cap)
{
    buf[0] = 0;
    for (size_t i = 0; names[i]; i++) {
        char *t = child_text(n, names[i]);
        if (!t) continue;
        size_t l = strlen(buf);
        snprintf(buf + l, cap - l, "%s%s", l ? sep : "", t);
        xmlFree(t);
    }
}

/* <VALUE> children of each element called name, into prop. */
static ng_status add_values(ng_record *r, const char *prop, const xmlNode *n, const char *name)
{
    ng_status st = NG_OK;
    for (const xmlNode *c = n->children; c && st == NG_OK; c = c->next)
        if (is(c, name)) st = add_child(r, prop, c, "VALUE");
    return st;
}

static ng_status add_dob(ng_record *r, const xmlNode *d)
{
    char *type = child_text(d, "TYPE_OF_DATE"), *date = child_text(d, "DATE");
    char *year = child_text(d, "YEAR"), *from = child_text(d, "FROM_YEAR");
    char *to = child_text(d, "TO_YEAR");
    char text[128] = "";
    int approx = type && strcmp(type, "APPROXIMATELY") == 0;
    if (date) snprintf(text, sizeof text, "%s%s", approx ? "circa " : "", date);
    else if (year) snprintf(text, sizeof text, "%s%s", approx ? "circa " : "", year);
    else if (from && to) snprintf(text, sizeof text, "%s to %s", from, to);
    else if (from) snprintf(text, sizeof text, "%s", from);
    ng_status st = text[0] ? ng_record_add_date(r, "birthDate", text) : NG_OK;
    xmlFree(type);
    xmlFree(date);
    xmlFree(year);
    xmlFree(from);
    xmlFree(to);
    return st;
}

static ng_status add_document(ng_record *r, const xmlNode *d)
{
    char *type = child_text(d, "TYPE_OF_DOCUMENT"), *num = child_text(d, "NUMBER");
    char *issuer = child_text(d, "ISSUING_COUNTRY");
    if (!issuer) issuer = child_text(d, "COUNTRY_OF_ISSUE");
    ng_status st = NG_OK;
    if (num) {
        const char *prop = type && strstr(type, "Passport") ? "passportNumber" : "idNumber";
        st = ng_record_add(r, prop, num, issuer);
    }
    xmlFree(type);
    xmlFree(num);
    xmlFree(issuer);
    return st;
}

static ng_status read_one(ng_record *r, const xmlNode *n, int person)
{
    static const char *const name_parts[] = {"FIRST_NAME", "SECOND_NAME", "THIRD_NAME",
                                             "FOURTH_NAME", NULL};
    static const char *const addr_parts[] = {"STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE",
                                             "COUNTRY", NULL};
    static const char *const pob_parts[] = {"CITY", "STATE_PROVINCE", "COUNTRY", NULL};
    const char *alias_el = person ? "INDIVIDUAL_ALIAS" : "ENTITY_ALIAS";
    const char *addr_el = person ? "INDIVIDUAL_ADDRESS" : "ENTITY_ADDRESS";
    ng_status st;
    char buf[2048];
    join_children(n, name_parts, " ", buf, sizeof buf);
    if ((st = ng_record_set_schema(r, person ? "Person" : "Organization")) != NG_OK ||
        (st = ng_record_add(r, "name", buf, NULL)) != NG_OK ||
        (st = add_child(r, "alias", n, "NAME_ORIGINAL_SCRIPT")) != NG_OK ||
        (st = add_child(r, "firstName", n, person ? "FIRST_NAME" : "")) != NG_OK ||
        (st = add_child(r, "gender", n, "GENDER")) != NG_OK ||
        (st = add_child(r, "program", n, "UN_LIST_TYPE")) != NG_OK ||
        (st = add_child(r, "referenceNumber", n, "REFERENCE_NUMBER")) != NG_OK ||
        (st = add_child(r, "listedOn", n, "LISTED_ON")) != NG_OK ||
        (st = add_child(r, "notes", n, "COMMENTS1")) != NG_OK ||
        (st = add_values(r, "title", n, "TITLE")) != NG_OK ||
        (st = add_values(r, "position", n, "DESIGNATION")) != NG_OK ||
        (st = add_values(r, "nationality", n, "NATIONALITY")) != NG_OK)
        return st;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        st = NG_OK;
        if (is(c, alias_el)) {
            char *q = child_text(c, "QUALITY"), *a = child_text(c, "ALIAS_NAME");
            if (a) st = ng_record_add(r, q && strcmp(q, "Low") == 0 ? "weakAlias" : "alias", a, NULL);
            xmlFree(q);
            xmlFree(a);
        } else if (is(c, addr_el)) {
            join_children(c, addr_parts, ", ", buf, sizeof buf);
            if (buf[0]) st = ng_record_add(r, "address", buf, NULL);
            if (st == NG_OK) st = add_child(r, "country", c, "COUNTRY");
        } else if (is(c, "INDIVIDUAL_DATE_OF_BIRTH")) {
            st = add_dob(r, c);
        } else if (is(c, "INDIVIDUAL_PLACE_OF_BIRTH")) {
            join_children(c, pob_parts, ", ", buf, sizeof buf);
            if (buf[0]) st = ng_record_add(r, "birthPlace", buf, NULL);
        } else if (is(c, "INDIVIDUAL_DOCUMENT")) {
            st = add_document(r, c);
        }
        if (st != NG_OK) return st;
    }
    return NG_OK;
}

/* The first error of a parse (libxml2 keeps the last, which for a
 * mismatched tag is the end of the file). */
struct first_error {
    int set, line;
    char msg[300];
};

static void on_xml_error(void *user, xmlErrorPtr e)
{
    xmlParserCtxtPtr ctxt = user;
    struct first_error *fe = ctxt ? ctxt->_private : NULL;
    if (!fe || fe->set || !e || e->level < XML_ERR_ERROR) return;
    fe->set = 1;
    fe->line = e->line;
    snprintf(fe->msg, sizeof fe->msg, "%s", e->message ? e->message : "unreadable");
    size_t ml = strlen(fe->msg);
    while (ml && fe->msg[ml - 1] == '\n') fe->msg[--ml] = 0;
}

/* libxml2's generic messages (encoding and I/O errors) would go to
 * stderr; the first parse error is caught above, and what stops a parse
 * is reported by the caller. */
static void quiet(void *ctx, const char *fmt, ...)
{
    (void)ctx;
    (void)fmt;
}

static pthread_once_t quiet_once = PTHREAD_ONCE_INIT;
static void set_quiet(void) { xmlSetGenericErrorFunc(NULL, quiet); }

ng_status read_unxml(const char *buf, size_t len, const char *name,
                     const struct read_sink *sink, struct read_error *err)
{
    pthread_once(&quiet_once, set_quiet);
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt) return NG_ENOMEM;
    struct first_error fe = {0, 0, ""};
    ctxt->_private = &fe;
    ctxt->sax->serror = on_xml_error;
    if (len > (size_t)2147483647) { xmlFreeParserCtxt(ctxt); return read_fail(err, NG_ELIMIT, name, 0, "file too large"); }
    xmlDocPtr doc = xmlCtxtReadMemory(ctxt, buf, (int)len, name, NULL,
                                      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc || fe.set) {
        ng_status st = read_fail(err, NG_EDATA, name, fe.line, "malformed XML: %s",
                                 fe.set ? fe.msg : "unreadable");
        if (doc) xmlFreeDoc(doc);
        xmlFreeParserCtxt(ctxt);
        return st;
    }
    ng_status st = NG_OK;
    xmlNode *root = xmlDocGetRootElement(doc);
    if (!root || !is(root, "CONSOLIDATED_LIST")) {
        st = read_fail(err, NG_EDATA, name, root ? xmlGetLineNo(root) : 0,
                       "not a UN consolidated list: the root element is <%s>, not "
                       "<CONSOLIDATED_LIST>", root ? (const char *)root->name : "none");
        goto out;
    }
    ng_record *r = ng_record_new();
    if (!r) { st = NG_ENOMEM; goto out; }
    for (xmlNode *group = root->children; group && st == NG_OK; group = group->next) {
        int person = is(group, "INDIVIDUALS");
        if (!person && !is(group, "ENTITIES")) continue;
        for (xmlNode *n = group->children; n && st == NG_OK; n = n->next) {
            if (!is(n, person ? "INDIVIDUAL" : "ENTITY")) continue;
            long line = xmlGetLineNo(n);
            ng_record_clear(r);
            ng_record_set_line(r, line);
            char *id = child_text(n, "DATAID");
            if (!id) {
                st = csv_bad_row(sink, err, "", name, line, "<%s> without <DATAID>", (const char *)n->name);
                continue;
            }
            st = ng_record_set_id(r, id);
            xmlFree(id);
            if (st == NG_OK) st = read_one(r, n, person);
            if (st == NG_EUTF8 || st == NG_ENUL || st == NG_ELIMIT) {
                st = csv_bad_row(sink, err, "", name, line, "%s", ng_strerror(st));
                continue;
            }
            if (st == NG_OK && !ng_record_first(r, "name")) {
                st = csv_bad_row(sink, err, "", name, line, "<%s> without a name", (const char *)n->name);
                continue;
            }
            if (st == NG_OK) st = sink->record(sink->ctx, r);
        }
    }
    ng_record_free(r);
out:
    xmlFreeDoc(doc);
    xmlFreeParserCtxt(ctxt);
    return st;
}
