/* medcom-report.c — problems with stable codes (see medcom.h). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/medcom-int.h"

/* Indexed by enum medcom_code; the names are an interface, never change one. */
static const char *const code_names[MEDCOM_CODE_COUNT] = {
    [MEDCOM_OK] = "ok",
    [MEDCOM_E_EMPTY] = "empty",
    [MEDCOM_E_TOO_LARGE] = "too_large",
    [MEDCOM_E_MALFORMED_JSON] = "malformed_json",
    [MEDCOM_E_MALFORMED_XML] = "malformed_xml",
    [MEDCOM_E_XML_DOCTYPE] = "xml_doctype",
    [MEDCOM_E_NOT_FHIR] = "not_fhir",
    [MEDCOM_E_TOO_COMPLEX] = "too_complex",
    [MEDCOM_E_NOT_MESSAGE] = "not_message",
    [MEDCOM_E_BUNDLE] = "bundle",
    [MEDCOM_E_HEADER_MISSING] = "header_missing",
    [MEDCOM_E_HEADER_ID] = "header_id",
    [MEDCOM_E_EVENT] = "event",
    [MEDCOM_E_SENDER] = "sender",
    [MEDCOM_E_SENDER_ID] = "sender_identifier",
    [MEDCOM_E_RECEIVER] = "receiver",
    [MEDCOM_E_RECEIVER_ID] = "receiver_identifier",
    [MEDCOM_E_FOCUS] = "focus",
    [MEDCOM_E_REFERENCE] = "bad_reference",
    [MEDCOM_E_FULLURL] = "fullurl",
    [MEDCOM_E_PATIENT] = "patient",
    [MEDCOM_E_CPR_MISSING] = "cpr_missing",
    [MEDCOM_E_CPR_INVALID] = "cpr_invalid",
    [MEDCOM_E_ENCOUNTER] = "encounter",
    [MEDCOM_E_ENC_STATUS] = "encounter_status",
    [MEDCOM_E_ENC_CLASS] = "encounter_class",
    [MEDCOM_E_EPISODE] = "episode_of_care",
    [MEDCOM_E_PERIOD] = "period",
    [MEDCOM_E_PROVENANCE] = "provenance",
    [MEDCOM_E_ACTIVITY] = "activity",
    [MEDCOM_E_ROLE] = "provenance_role",
    [MEDCOM_E_USE_CASE] = "unknown_use_case",
    [MEDCOM_E_DATETIME] = "datetime",
    [MEDCOM_E_COMMUNICATION] = "communication",
    [MEDCOM_E_CATEGORY] = "category",
    [MEDCOM_E_PRIORITY] = "priority",
    [MEDCOM_E_TOPIC] = "topic",
    [MEDCOM_E_PAYLOAD] = "payload",
    [MEDCOM_E_ATTACHMENT] = "attachment",
    [MEDCOM_E_AUTHOR] = "author",
    [MEDCOM_E_RESPONSE] = "response",
    [MEDCOM_E_OUTCOME] = "outcome",
    [MEDCOM_E_INPUT] = "input",
    [MEDCOM_E_INTERNAL] = "internal",
};

const char *medcom_code_name(enum medcom_code code)
{
    if ((int)code < 0 || code >= MEDCOM_CODE_COUNT || !code_names[code])
        return "unknown";
    return code_names[code];
}

void medcom_report_init(struct medcom_report *r, struct arena *a)
{
    *r = (struct medcom_report){.a = a};
}

const struct medcom_problem *medcom_report_find(const struct medcom_report *r,
                                                enum medcom_code code)
{
    for (int i = 0; i < r->count; i++)
        if (r->items[i].code == code)
            return &r->items[i];
    return NULL;
}

/* Problems live in the report's arena; the array doubles when full (the
 * old one stays in the arena until it is released). On out-of-memory the
 * problem is still counted, so an error is never lost as "valid". */
bool medcom_add(struct medcom_report *rep, enum medcom_code code, enum medcom_severity sev,
                const char *where, const char *fmt, ...)
{
    if (sev == MEDCOM_ERROR)
        rep->errors++;
    if (rep->count == rep->cap) {
        int cap = rep->cap ? rep->cap * 2 : 8;
        struct medcom_problem *v = arena_alloc(rep->a, (size_t)cap * sizeof *v);
        if (!v)
            return false;
        if (rep->count)
            memcpy(v, rep->items, (size_t)rep->count * sizeof *v);
        rep->items = v;
        rep->cap = cap;
    }
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    const char *msg = arena_strdup(rep->a, buf), *w = arena_strdup(rep->a, nz(where));
    rep->items[rep->count++] = (struct medcom_problem){
        .code = code, .severity = sev, .where = w ? w : "", .message = msg ? msg : ""};
    return false;
}

const char *medcom_ack_code_name(enum medcom_ack_code code)
{
    switch (code) {
    case MEDCOM_ACK_OK:
        return "ok";
    case MEDCOM_ACK_TRANSIENT:
        return "transient-error";
    case MEDCOM_ACK_FATAL:
        return "fatal-error";
    }
    return "fatal-error";
}

enum medcom_ack_code medcom_ack_code_for(const struct medcom_report *rep)
{
    for (int i = 0; i < rep->count; i++)
        if (rep->items[i].code == MEDCOM_E_INTERNAL)
            return MEDCOM_ACK_TRANSIENT;
    return rep->errors ? MEDCOM_ACK_FATAL : MEDCOM_ACK_OK;
}
