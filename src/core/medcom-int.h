/*
 * medcom-int.h — private to src/core/medcom*.c: reading the FHIR JSON tree
 * (also what FHIR XML becomes), adding problems, small string helpers.
 *
 * In a tree made from XML every element is a JSON array (XML does not say
 * which elements repeat) and every primitive a string; the fj_* readers
 * treat a single value and a one-element array alike, so one reader serves
 * both syntaxes.
 */
#ifndef OMSORG_MEDCOM_INT_H
#define OMSORG_MEDCOM_INT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/medcom.h"

#define FHIR_NS  "http://hl7.org/fhir"
#define XHTML_NS "http://www.w3.org/1999/xhtml"

/* obj[key], or its first element when it is an array; NULL when absent. */
json_t *fj_get(json_t *obj, const char *key);
/* How many values obj[key] holds (0, 1, or the array's length). */
size_t fj_count(json_t *obj, const char *key);
/* The i-th value of obj[key]. */
json_t *fj_at(json_t *obj, const char *key, size_t i);
/* The string value of obj[key] (first element of an array), or NULL. */
const char *fj_str(json_t *obj, const char *key);
/* A boolean primitive: -1 absent or not a boolean, 0, 1. A tree made from
 * XML holds "true"/"false" strings, accepted when from_xml. */
int fj_bool(json_t *obj, const char *key, bool from_xml);
/* The first extension of obj with this url, or NULL. */
json_t *fj_ext(json_t *obj, const char *url);
/* coding[0] of a CodeableConcept, or the Coding itself. */
json_t *fj_coding(json_t *cc);

/* Add a problem; the message is printf-formatted into rep's arena. Returns
 * false so that callers can `return medcom_add(...)`. */
bool medcom_add(struct medcom_report *rep, enum medcom_code code, enum medcom_severity sev,
                const char *where, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* FHIR XML bytes → the JSON tree (see above); NULL with one problem in rep. */
json_t *medcom_xml_read(const char *bytes, size_t len, int max_depth, struct medcom_report *rep);

/* The last path segment of a reference that names a MessageHeader
 * ("MessageHeader/abc", "https://…/MessageHeader/abc", "urn:uuid:abc" → "abc"),
 * copied into the arena; "" when ref is NULL. */
const char *medcom_ref_id(struct arena *a, const char *ref);

/* Value sets fixed by the IG versions medcom-validate.c names, NULL-ended. */
extern const char *const medcom_cc_categories[]; /* CareCommunication categories */
extern const char *const medcom_mime_types[];    /* allowed attachment types */
bool medcom_in_list(const char *const *list, const char *s);

/* s when non-NULL, else "". */
static inline const char *nz(const char *s)
{
    return s ? s : "";
}

#endif
