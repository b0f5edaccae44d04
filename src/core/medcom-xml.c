/*
 * medcom-xml.c — FHIR XML ↔ the FHIR JSON tree, with libxml2 and jansson.
 *
 * Reading follows the FHIR R4 XML rules (http://hl7.org/fhir/R4/xml.html):
 * a resource is an element in the FHIR namespace whose name is its type; a
 * primitive is an element with a `value` attribute; `id` and an extension's
 * `url` are attributes; a contained resource sits inside its wrapper
 * element (<resource><Patient>…</Patient></resource>); the narrative <div>
 * is XHTML and becomes a string. Extensions on primitives are dropped (the
 * MedCom messages read here have none).
 *
 * Input is never trusted: no DTD (the SAX internalSubset hook stops the
 * parser), no network, no entity substitution, libxml2's own size limits
 * (no XML_PARSE_HUGE), and a depth limit of our own.
 */
#include <ctype.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlsave.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/medcom-int.h"

/* libxml2 prints some errors (encoding conversion) on its generic channel,
 * with bytes of the input: that must not reach a log. */
static void quiet(void *ctx, const char *msg, ...)
{
}

void medcom_global_init(void)
{
    xmlInitParser();
    xmlSetGenericErrorFunc(NULL, quiet);
    xmlThrDefSetGenericErrorFunc(NULL, quiet); /* the default for threads started later */
}

/* ---- reading ------------------------------------------------------------ */

struct xread {
    struct medcom_report *rep;
    int max_depth;
    bool doctype; /* a DTD was seen and parsing stopped */
    int err_line; /* first libxml2 error */
    char err_msg[160];
    bool failed; /* a problem was added */
};

/* SAX hook: any <!DOCTYPE …> ends the parse. */
static void refuse_doctype(void *ctx, const xmlChar *name, const xmlChar *ext_id,
                           const xmlChar *sys_id)
{
    xmlParserCtxtPtr ctxt = ctx;
    struct xread *x = ctxt->_private;
    x->doctype = true;
    xmlStopParser(ctxt);
}

/* Structured error hook: keep the first error, print nothing. */
static void keep_error(void *ctx, xmlErrorPtr e)
{
    xmlParserCtxtPtr ctxt = ctx;
    struct xread *x = ctxt->_private;
    if (!x || x->err_msg[0] || !e)
        return;
    x->err_line = e->line;
    snprintf(x->err_msg, sizeof x->err_msg, "%s", e->message ? e->message : "");
    size_t n = strlen(x->err_msg);
    while (n && (x->err_msg[n - 1] == '\n' || x->err_msg[n - 1] == ' '))
        x->err_msg[--n] = '\0';
}

static bool in_ns(const xmlNode *n, const char *ns)
{
    return n->ns && n->ns->href && !strcmp((const char *)n->ns->href, ns);
}

static bool fail(struct xread *x, enum medcom_code code, const char *where, const char *msg)
{
    if (!x->failed)
        medcom_add(x->rep, code, MEDCOM_ERROR, where, "%s", msg);
    x->failed = true;
    return false;
}

/* Append v to obj[key] (an array, created on first use); owns v. */
static bool push(struct xread *x, json_t *obj, const char *key, json_t *v)
{
    json_t *arr = json_object_get(obj, key);
    if (!arr) {
        arr = json_array();
        if (!arr || json_object_set_new(obj, key, arr)) {
            json_decref(v);
            return fail(x, MEDCOM_E_INTERNAL, "", "Intern fejl: for lidt hukommelse.");
        }
    }
    if (!json_is_array(arr) || json_array_append_new(arr, v))
        return fail(x, MEDCOM_E_MALFORMED_XML, (const char *)key,
                    "XML-elementet må ikke forekomme både som attribut og element.");
    return true;
}

/* A copy of an attribute value as a JSON string; NULL when absent. */
static json_t *attr_string(const xmlNode *n, const char *name)
{
    xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
    if (!v)
        return NULL;
    json_t *s = json_string((const char *)v);
    xmlFree(v);
    return s ? s : json_string("");
}

static bool children(struct xread *x, json_t *obj, const xmlNode *n, int depth);

/* A resource element → {"resourceType": name, …}. */
static json_t *resource(struct xread *x, const xmlNode *n, int depth)
{
    if (!in_ns(n, FHIR_NS) || !isupper((unsigned char)n->name[0])) {
        fail(x, MEDCOM_E_NOT_FHIR, (const char *)n->name,
             "Indholdet er ikke en FHIR-ressource (navnerum http://hl7.org/fhir).");
        return NULL;
    }
    json_t *obj = json_object();
    if (!obj || json_object_set_new(obj, "resourceType", json_string((const char *)n->name))) {
        json_decref(obj);
        fail(x, MEDCOM_E_INTERNAL, "", "Intern fejl: for lidt hukommelse.");
        return NULL;
    }
    if (!children(x, obj, n, depth)) {
        json_decref(obj);
        return NULL;
    }
    return obj;
}

/* The only element child of n, or NULL when there are none or several. */
static const xmlNode *only_child(const xmlNode *n)
{
    const xmlNode *found = NULL;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (found)
            return NULL;
        found = c;
    }
    return found;
}

/* An element inside a resource → a JSON value. */
static json_t *element(struct xread *x, const xmlNode *e, int depth)
{
    if (depth > x->max_depth) {
        fail(x, MEDCOM_E_TOO_COMPLEX, (const char *)e->name, "Meddelelsen er indlejret for dybt.");
        return NULL;
    }
    json_t *v = attr_string(e, "value");
    if (v)
        return v; /* a primitive (extensions on primitives are dropped) */
    const xmlNode *only = only_child(e);
    if (only && in_ns(only, FHIR_NS) && isupper((unsigned char)only->name[0]))
        return resource(x, only, depth + 1); /* <resource><Patient>… */
    json_t *obj = json_object();
    if (!obj) {
        fail(x, MEDCOM_E_INTERNAL, "", "Intern fejl: for lidt hukommelse.");
        return NULL;
    }
    json_t *id = attr_string(e, "id"), *url = attr_string(e, "url");
    if (id)
        json_object_set_new(obj, "id", id);
    if (url)
        json_object_set_new(obj, "url", url);
    if (!children(x, obj, e, depth)) {
        json_decref(obj);
        return NULL;
    }
    return obj;
}

/* The XHTML <div> as a string, as FHIR JSON carries it. */
static json_t *xhtml(struct xread *x, const xmlNode *div)
{
    xmlBufferPtr buf = xmlBufferCreate();
    if (!buf) {
        fail(x, MEDCOM_E_INTERNAL, "", "Intern fejl: for lidt hukommelse.");
        return NULL;
    }
    xmlNodeDump(buf, div->doc, (xmlNode *)div, 0, 0);
    json_t *s = json_string((const char *)xmlBufferContent(buf));
    xmlBufferFree(buf);
    return s ? s : json_string("");
}

/* Every element child of n into obj. */
static bool children(struct xread *x, json_t *obj, const xmlNode *n, int depth)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue; /* whitespace, comments */
        json_t *v;
        if (in_ns(c, XHTML_NS) && !strcmp((const char *)c->name, "div"))
            v = xhtml(x, c);
        else if (!in_ns(c, FHIR_NS))
            return fail(x, MEDCOM_E_NOT_FHIR, (const char *)c->name,
                        "Et XML-element uden for FHIR's navnerum.");
        else
            v = element(x, c, depth + 1);
        if (!v)
            return false;
        if (!push(x, obj, (const char *)c->name, v))
            return false;
    }
    return true;
}

json_t *medcom_xml_read(const char *bytes, size_t len, int max_depth, struct medcom_report *rep)
{
    struct xread x = {.rep = rep, .max_depth = max_depth};
    if (len > (size_t)INT32_MAX) {
        fail(&x, MEDCOM_E_TOO_LARGE, "", "Meddelelsen er for stor.");
        return NULL;
    }
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt) {
        fail(&x, MEDCOM_E_INTERNAL, "", "Intern fejl: XML-læseren kunne ikke starte.");
        return NULL;
    }
    ctxt->_private = &x;
    ctxt->sax->internalSubset = refuse_doctype;
    ctxt->sax->serror = keep_error;
    ctxt->sax->initialized = XML_SAX2_MAGIC;
    xmlDocPtr doc = xmlCtxtReadMemory(ctxt, bytes, (int)len, NULL, NULL,
                                      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    json_t *root = NULL;
    if (x.doctype) {
        fail(&x, MEDCOM_E_XML_DOCTYPE, "",
             "XML med <!DOCTYPE> (DTD eller entiteter) modtages ikke.");
        goto out;
    }
    if (!doc || !ctxt->wellFormed) {
        char msg[240];
        snprintf(msg, sizeof msg, "Meddelelsen er ikke gyldig XML (linje %d).", x.err_line);
        fail(&x, MEDCOM_E_MALFORMED_XML, "", msg);
        goto out;
    }
    xmlNode *top = xmlDocGetRootElement(doc);
    if (!top) {
        fail(&x, MEDCOM_E_MALFORMED_XML, "", "Meddelelsen er tom XML.");
        goto out;
    }
    root = resource(&x, top, 0);
out:
    if (doc)
        xmlFreeDoc(doc);
    xmlFreeParserCtxt(ctxt);
    return root;
}

/* ---- writing ------------------------------------------------------------ */

struct xwrite {
    struct medcom_report *rep;
    xmlDocPtr doc;
    bool failed;
};

static bool wfail(struct xwrite *w, enum medcom_code code, const char *where, const char *msg)
{
    if (!w->failed)
        medcom_add(w->rep, code, MEDCOM_ERROR, where, "%s", msg);
    w->failed = true;
    return false;
}

static bool write_resource(struct xwrite *w, xmlNode *parent, json_t *res);

/* The text of a primitive's value attribute; false for objects/arrays. */
static bool primitive_text(json_t *v, char *buf, size_t size, const char **out)
{
    if (json_is_string(v)) {
        *out = json_string_value(v);
        return true;
    }
    if (json_is_integer(v)) {
        snprintf(buf, size, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
    } else if (json_is_real(v)) {
        snprintf(buf, size, "%.17g", json_real_value(v));
    } else if (json_is_boolean(v)) {
        snprintf(buf, size, "%s", json_is_true(v) ? "true" : "false");
    } else {
        return false;
    }
    *out = buf;
    return true;
}

/* Parse an XHTML narrative string and add it under parent. */
static bool write_div(struct xwrite *w, xmlNode *parent, const char *html)
{
    size_t n = strlen(html);
    if (n > (size_t)INT32_MAX)
        return wfail(w, MEDCOM_E_INPUT, "text.div", "Fortællingen er for lang.");
    xmlDocPtr d = xmlReadMemory(html, (int)n, NULL, "UTF-8",
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!d || d->intSubset || !xmlDocGetRootElement(d)) {
        if (d)
            xmlFreeDoc(d);
        return wfail(w, MEDCOM_E_INPUT, "text.div",
                     "Fortællingen (text.div) er ikke gyldig XHTML.");
    }
    xmlNode *copy = xmlDocCopyNode(xmlDocGetRootElement(d), w->doc, 1);
    xmlFreeDoc(d);
    if (!copy || !xmlAddChild(parent, copy)) {
        xmlFreeNode(copy);
        return wfail(w, MEDCOM_E_INTERNAL, "", "Intern fejl: for lidt hukommelse.");
    }
    return true;
}

/* name: v under parent; an Extension's url and any element's id become
 * attributes, a narrative div is parsed as XHTML. */
static bool write_value(struct xwrite *w, xmlNode *parent, const char *name, json_t *v)
{
    if (json_is_null(v))
        return true;
    if (json_is_array(v)) {
        size_t i;
        json_t *item;
        json_array_foreach(v, i, item) if (!write_value(w, parent, name, item)) return false;
        return true;
    }
    xmlNode *e = xmlNewChild(parent, NULL, (const xmlChar *)name, NULL);
    if (!e)
        return wfail(w, MEDCOM_E_INTERNAL, "", "Intern fejl: for lidt hukommelse.");
    if (!json_is_object(v)) {
        char buf[64];
        const char *text;
        if (!primitive_text(v, buf, sizeof buf, &text) ||
            !xmlNewProp(e, (const xmlChar *)"value", (const xmlChar *)text))
            return wfail(w, MEDCOM_E_INTERNAL, name, "Intern fejl: en værdi kunne ikke skrives.");
        return true;
    }
    if (json_is_string(json_object_get(v, "resourceType")))
        return write_resource(w, e, v);
    bool is_ext = !strcmp(name, "extension") || !strcmp(name, "modifierExtension");
    const char *key;
    json_t *val;
    json_object_foreach(v, key, val)
    {
        if (key[0] == '_')
            continue;
        if ((!strcmp(key, "id") || (is_ext && !strcmp(key, "url"))) && json_is_string(val)) {
            if (!xmlNewProp(e, (const xmlChar *)key, (const xmlChar *)json_string_value(val)))
                return wfail(w, MEDCOM_E_INTERNAL, key, "Intern fejl: for lidt hukommelse.");
        } else if (!strcmp(key, "div") && json_is_string(val)) {
            if (!write_div(w, e, json_string_value(val)))
                return false;
        } else if (!write_value(w, e, key, val)) {
            return false;
        }
    }
    return true;
}

/* A resource object as <Type xmlns="http://hl7.org/fhir">…</Type>; under
 * parent, or as the document's root when parent is NULL. */
static bool write_resource(struct xwrite *w, xmlNode *parent, json_t *res)
{
    const char *type = json_string_value(json_object_get(res, "resourceType"));
    if (!type || !isupper((unsigned char)type[0]))
        return wfail(w, MEDCOM_E_INPUT, "resourceType", "resourceType mangler.");
    xmlNode *e;
    if (parent) {
        e = xmlNewChild(parent, NULL, (const xmlChar *)type, NULL); /* inherits the namespace */
    } else {
        e = xmlNewDocNode(w->doc, NULL, (const xmlChar *)type, NULL);
        if (e) {
            xmlSetNs(e, xmlNewNs(e, (const xmlChar *)FHIR_NS, NULL));
            xmlDocSetRootElement(w->doc, e);
        }
    }
    if (!e)
        return wfail(w, MEDCOM_E_INTERNAL, "", "Intern fejl: for lidt hukommelse.");
    const char *key;
    json_t *val;
    json_object_foreach(res, key, val)
    {
        if (!strcmp(key, "resourceType") || key[0] == '_')
            continue;
        if (!write_value(w, e, key, val))
            return false;
    }
    return true;
}

char *medcom_json_to_xml(const char *json, size_t len, struct medcom_report *rep)
{
    struct xwrite w = {.rep = rep};
    json_error_t jerr;
    json_t *root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
    char *out = NULL;
    if (!root) {
        wfail(&w, MEDCOM_E_MALFORMED_JSON, "", "Meddelelsen er ikke gyldig JSON.");
        return NULL;
    }
    w.doc = xmlNewDoc((const xmlChar *)"1.0");
    if (!w.doc) {
        wfail(&w, MEDCOM_E_INTERNAL, "", "Intern fejl: for lidt hukommelse.");
        goto out_json;
    }
    if (write_resource(&w, NULL, root)) {
        xmlChar *mem = NULL;
        int size = 0;
        xmlDocDumpFormatMemoryEnc(w.doc, &mem, &size, "UTF-8", 1);
        if (mem && size >= 0) {
            out = malloc((size_t)size + 1);
            if (out) {
                memcpy(out, mem, (size_t)size);
                out[size] = '\0';
            }
        }
        xmlFree(mem);
        if (!out)
            wfail(&w, MEDCOM_E_INTERNAL, "", "Intern fejl: for lidt hukommelse.");
    }
    xmlFreeDoc(w.doc);
out_json:
    json_decref(root);
    return out;
}
