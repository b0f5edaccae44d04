/*
 * medcom-build.c — messages omsorg sends: the Acknowledgement (IG 2.0) and
 * the CareCommunication (IG 5.0), as FHIR JSON built with jansson.
 *
 * Shape: the one MedCom's published examples have (docs/medcom.md):
 * fullUrl = <IG base>/<Type>/<id>, references "Type/id" inside the Bundle,
 * every resource with its MedCom profile in meta.profile and a short
 * generated narrative (MedCom: "the narrative text SHALL always be
 * included"). Ids are random UUID v4, times are UTC instants.
 */
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cpr.h"
#include "core/medcom-int.h"

#define SD "http://medcomfhir.dk/ig/"
/* fullUrl bases, as in MedCom's published examples */
#define BASE_ACK "https://medcomfhir.dk/ig/acknowledgement"
#define BASE_CC  "https://medcomfhir.dk/ig/carecommunication"

#define P_ACK_MESSAGE SD "acknowledgement/StructureDefinition/medcom-messaging-acknowledgement"
#define P_ACK_HEADER  SD "acknowledgement/StructureDefinition/medcom-messaging-acknowledgementHeader"
#define P_ACK_OUTCOME                                                                              \
    SD "acknowledgement/StructureDefinition/medcom-acknowledgement-operationoutcome"
#define P_CC_MESSAGE SD "carecommunication/StructureDefinition/medcom-careCommunication-message"
#define P_CC_HEADER                                                                                \
    SD "carecommunication/StructureDefinition/medcom-careCommunication-messageHeader"
#define P_CC_COMM    SD "carecommunication/StructureDefinition/medcom-careCommunication-communication"
#define P_CC_PROV    SD "carecommunication/StructureDefinition/medcom-careCommunication-provenance"
#define P_PROVENANCE SD "messaging/StructureDefinition/medcom-messaging-provenance"
#define P_ORG        SD "messaging/StructureDefinition/medcom-messaging-organization"
#define P_PATIENT    SD "core/StructureDefinition/medcom-core-patient"
#define P_ENCOUNTER  SD "core/StructureDefinition/medcom-core-encounter"
#define P_PRACTROLE  SD "core/StructureDefinition/medcom-core-practitionerrole"
#define P_PRACT      SD "core/StructureDefinition/medcom-core-practitioner"
#define P_CARETEAM   SD "core/StructureDefinition/medcom-core-careteam"

#define EXT_USE     SD "messaging/StructureDefinition/medcom-messaging-destinationUseExtension"
#define SYS_USE     SD "terminology/CodeSystem/medcom-messaging-destinationUse"
#define EXT_DATE    SD "core/StructureDefinition/medcom-core-datetime-extension"
#define EXT_IDENT   SD "core/StructureDefinition/medcom-core-identifier-extension"
#define EXT_AUTHOR  SD "core/StructureDefinition/medcom-core-practitioner-extension"
#define EXT_CONTACT SD "core/StructureDefinition/medcom-core-contact-extension"
#define EXT_SENDER  SD "core/StructureDefinition/medcom-core-sender-extension"
#define SYS_ROLES   SD "terminology/CodeSystem/medcom-core-PractitionerRolesSKSadministrativ"
#define CC_DEFINITION                                                                              \
    SD "messagedefinitions/MessageDefinition/MedComCareCommunicationMessageDefinition|5.0"
#define SYS_OO       "http://terminology.hl7.org/CodeSystem/operation-outcome"
#define SYS_ACT_CODE "http://terminology.hl7.org/CodeSystem/v3-ActCode"

/* Build state: the first failure to allocate is remembered and reported
 * once at the end, so the building code reads straight. */
struct b {
    bool oom;
    const char *base; /* fullUrl base */
    json_t *entries;  /* Bundle.entry */
};

static json_t *chk(struct b *b, json_t *v)
{
    if (!v)
        b->oom = true;
    return v;
}

/* obj[key] = v (v owned; NULL marks out-of-memory). */
static void set(struct b *b, json_t *obj, const char *key, json_t *v)
{
    if (!v || !obj || json_object_set_new(obj, key, v))
        b->oom = true;
}

static void sets(struct b *b, json_t *obj, const char *key, const char *s)
{
    if (s && *s)
        set(b, obj, key, json_string(s));
}

static void push(struct b *b, json_t *arr, json_t *v)
{
    if (!v || !arr || json_array_append_new(arr, v))
        b->oom = true;
}

static json_t *obj(struct b *b)
{
    return chk(b, json_object());
}

static json_t *arr(struct b *b)
{
    return chk(b, json_array());
}

static json_t *ref(struct b *b, const char *type, const char *id)
{
    char buf[200];
    snprintf(buf, sizeof buf, "%s/%s", type, id);
    return chk(b, json_pack("{s:s}", "reference", buf));
}

static json_t *coding(struct b *b, const char *system, const char *code)
{
    return chk(b, json_pack("{s:s,s:s}", "system", system, "code", code));
}

/* Text written into a fixed buffer; stops (NUL-terminated) when full. */
struct text_out {
    char *p;
    size_t left;
};

/* Append s, XHTML-escaped, leaving at least 16 bytes free; stops between
 * characters, never inside a UTF-8 sequence. */
static void esc(struct text_out *o, const char *s)
{
    while (*s) {
        unsigned char c = (unsigned char)*s;
        size_t seq = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        const char *r = c == '&'   ? "&amp;"
                        : c == '<' ? "&lt;"
                        : c == '>' ? "&gt;"
                        : c == '"' ? "&quot;"
                                   : NULL;
        size_t n = r ? strlen(r) : seq;
        if (strnlen(s, seq) < seq || o->left <= 16 + n)
            break;
        memcpy(o->p, r ? r : s, n);
        o->p += n;
        o->left -= n;
        s += seq;
    }
    *o->p = '\0';
}

/* Append s as it is (markup). */
static void raw(struct text_out *o, const char *s)
{
    size_t n = strlen(s);
    if (n + 1 > o->left)
        return;
    memcpy(o->p, s, n + 1);
    o->p += n;
    o->left -= n;
}

/* A new resource {"resourceType": type, "id": id, "meta": {"profile":[p]},
 * "text": a generated narrative, one <p> per line of the NULL-terminated
 * list}. The narrative is cut short, never broken, when lines are long. */
static json_t *resource(struct b *b, const char *type, const char *id, const char *profile, ...)
{
    json_t *r = obj(b);
    sets(b, r, "resourceType", type);
    sets(b, r, "id", id);
    set(b, r, "meta", chk(b, json_pack("{s:[s]}", "profile", profile)));
    char div[2048];
    struct text_out o = {div, sizeof div - 8}; /* 8 kept for "</div>" */
    raw(&o, "<div xmlns=\"" XHTML_NS "\">");
    va_list ap;
    va_start(ap, profile);
    for (const char *line; (line = va_arg(ap, const char *));) {
        if (o.left < 32)
            break;
        raw(&o, "<p>");
        esc(&o, line); /* leaves more than 16 bytes, enough for "</p>" */
        raw(&o, "</p>");
    }
    va_end(ap);
    o.left += 8;
    raw(&o, "</div>");
    set(b, r, "text", chk(b, json_pack("{s:s,s:s}", "status", "generated", "div", div)));
    return r;
}

/* Add res to the Bundle with fullUrl <base>/<Type>/<id>. */
static void add_entry(struct b *b, json_t *res)
{
    char url[300];
    snprintf(url, sizeof url, "%s/%s/%s", b->base,
             nz(json_string_value(json_object_get(res, "resourceType"))),
             nz(json_string_value(json_object_get(res, "id"))));
    push(b, b->entries, chk(b, json_pack("{s:s,s:o}", "fullUrl", url, "resource", res)));
}

static void uuid(char out[37])
{
    medcom_uuid(out);
}

/* An Organization (MedComMessagingOrganization): EAN and SOR, name. */
static void add_org(struct b *b, const char *id, const char *name, const char *sor, const char *ean)
{
    char line[200];
    snprintf(line, sizeof line, "%s (SOR %s, EAN %s)", *name ? name : "Organisation", sor, ean);
    json_t *o = resource(b, "Organization", id, P_ORG, line, (const char *)NULL);
    json_t *ids = arr(b);
    if (*ean)
        push(b, ids, chk(b, json_pack("{s:s,s:s}", "system", MEDCOM_SYS_EAN, "value", ean)));
    if (*sor)
        push(b, ids, chk(b, json_pack("{s:s,s:s}", "system", MEDCOM_SYS_SOR, "value", sor)));
    set(b, o, "identifier", ids);
    sets(b, o, "name", name);
    add_entry(b, o);
}

/* The SOR endpoint of an organisation when none is given. */
static const char *endpoint(char buf[80], const char *given, const char *sor)
{
    if (given && *given)
        return given;
    snprintf(buf, 80, "%s%s", MEDCOM_SOR_ENDPOINT, sor);
    return buf;
}

/* A MessageHeader (without focus/response; the caller adds them). */
static json_t *header(struct b *b, const char *id, const char *profile, const char *event,
                      const char *recv_id, const char *recv_endpoint, const char *sender_id,
                      const char *source_endpoint)
{
    char line[200];
    snprintf(line, sizeof line, "Meddelelse %s (%s)", id, event);
    json_t *h = resource(b, "MessageHeader", id, profile, line, (const char *)NULL);
    set(b, h, "eventCoding", coding(b, MEDCOM_SYS_EVENT, event));
    json_t *dest = obj(b);
    set(b, dest, "extension",
        chk(b, json_pack("[{s:s,s:o}]", "url", EXT_USE, "valueCoding",
                         coding(b, SYS_USE, "primary"))));
    sets(b, dest, "endpoint", recv_endpoint);
    set(b, dest, "receiver", ref(b, "Organization", recv_id));
    json_t *dests = arr(b);
    push(b, dests, dest);
    set(b, h, "destination", dests);
    set(b, h, "sender", ref(b, "Organization", sender_id));
    set(b, h, "source", chk(b, json_pack("{s:s}", "endpoint", source_endpoint)));
    return h;
}

/* A Provenance targeting MessageHeader target_id. */
static json_t *provenance(struct b *b, const char *id, const char *profile, const char *target_id,
                          const char *occurred, const char *recorded, const char *activity,
                          const char *agent_org_id)
{
    char line[200];
    snprintf(line, sizeof line, "%s: %s", activity, occurred);
    json_t *p = resource(b, "Provenance", id, profile, line, (const char *)NULL);
    json_t *target = arr(b);
    push(b, target, ref(b, "MessageHeader", target_id));
    set(b, p, "target", target);
    sets(b, p, "occurredDateTime", occurred);
    sets(b, p, "recorded", *recorded ? recorded : occurred);
    set(b, p, "activity",
        chk(b, json_pack("{s:[o]}", "coding", coding(b, MEDCOM_SYS_ACTIVITY, activity))));
    set(b, p, "agent", chk(b, json_pack("[{s:o}]", "who", ref(b, "Organization", agent_org_id))));
    return p;
}

/* p.entity, created on first use. */
static json_t *entities(struct b *b, json_t *p)
{
    json_t *ents = json_object_get(p, "entity");
    if (!ents) {
        ents = arr(b);
        set(b, p, "entity", ents);
    }
    return ents;
}

/* An entity naming an earlier message by its MessageHeader. */
static void entity_ref(struct b *b, json_t *p, const char *role, const char *header_id)
{
    push(b, entities(b, p),
         chk(b, json_pack("{s:s,s:o}", "role", role, "what", ref(b, "MessageHeader", header_id))));
}

/* An entity naming a segment or a non-FHIR letter by identifier. */
static void entity_ident(struct b *b, json_t *p, const char *role, const char *value)
{
    push(
        b, entities(b, p),
        chk(b, json_pack("{s:s,s:{s:{s:s}}}", "role", role, "what", "identifier", "value", value)));
}

/* A Provenance of an earlier message, as it was read. */
static void copy_provenance(struct b *b, const struct medcom_provenance *src, const char *profile,
                            const char *agent_id)
{
    json_t *p = provenance(b, src->id, profile, src->target_id, src->occurred, src->recorded,
                           src->activity, agent_id);
    for (int k = 0; k < src->n_entities; k++) {
        const struct medcom_entity *e = &src->entities[k];
        if (e->message_id[0])
            entity_ref(b, p, e->role, e->message_id);
        else if (e->identifier[0])
            entity_ident(b, p, e->role, e->identifier);
    }
    add_entry(b, p);
}

/* Serialise the finished Bundle; NULL with a problem on failure. */
static char *finish(struct b *b, json_t *bundle, struct medcom_report *rep)
{
    char *out = NULL;
    if (!b->oom)
        out = json_dumps(bundle, JSON_INDENT(2));
    json_decref(bundle);
    if (!out)
        medcom_add(rep, MEDCOM_E_INTERNAL, MEDCOM_ERROR, "", "Intern fejl: for lidt hukommelse.");
    return out;
}

static json_t *bundle_new(struct b *b, const char *profile, time_t now)
{
    char id[37], ts[21];
    uuid(id);
    medcom_instant(now, ts);
    json_t *bundle = obj(b);
    sets(b, bundle, "resourceType", "Bundle");
    sets(b, bundle, "id", id);
    set(b, bundle, "meta", chk(b, json_pack("{s:[s]}", "profile", profile)));
    sets(b, bundle, "type", "message");
    sets(b, bundle, "timestamp", ts);
    b->entries = arr(b);
    set(b, bundle, "entry", b->entries);
    return bundle;
}

/* ---- Acknowledgement ------------------------------------------------------ */

/* The FHIR/MedCom detail code an acknowledgement gives for one of ours
 * (MedComAcknowledgementIssueDetailValues); *medcom = MedCom's own system. */
static const char *detail_code(enum medcom_code c, bool *medcom)
{
    *medcom = false;
    switch (c) {
    case MEDCOM_E_MALFORMED_JSON:
        return "MSG_JSON_OBJECT";
    case MEDCOM_E_NOT_FHIR:
        return "MSG_WRONG_NS";
    case MEDCOM_E_MALFORMED_XML:
    case MEDCOM_E_XML_DOCTYPE:
    case MEDCOM_E_TOO_LARGE:
    case MEDCOM_E_TOO_COMPLEX:
    case MEDCOM_E_EMPTY:
        return "MSG_BAD_SYNTAX";
    case MEDCOM_E_REFERENCE:
        return "MSG_LOCAL_FAIL";
    case MEDCOM_E_FULLURL:
        return "MSG_DUPLICATE_ID";
    case MEDCOM_E_HEADER_ID:
        return "MSG_RESOURCE_ID_MISSING";
    case MEDCOM_E_DATETIME:
    case MEDCOM_E_PERIOD:
        return "MSG_DATE_FORMAT";
    case MEDCOM_E_RECEIVER:
    case MEDCOM_E_RECEIVER_ID:
        *medcom = true;
        return "MSG_Receiver_Identifier_MISSING";
    case MEDCOM_E_EVENT:
    case MEDCOM_E_USE_CASE:
    case MEDCOM_E_CATEGORY:
    case MEDCOM_E_ACTIVITY:
    case MEDCOM_E_ENC_STATUS:
    case MEDCOM_E_ENC_CLASS:
    case MEDCOM_E_PRIORITY:
    case MEDCOM_E_RESPONSE:
        *medcom = true;
        return "MSG_VALUESET_VALUE_UNKNOWN";
    case MEDCOM_E_HEADER_MISSING:
    case MEDCOM_E_PATIENT:
    case MEDCOM_E_CPR_MISSING:
    case MEDCOM_E_ENCOUNTER:
    case MEDCOM_E_EPISODE:
    case MEDCOM_E_COMMUNICATION:
    case MEDCOM_E_PROVENANCE:
    case MEDCOM_E_OUTCOME:
    case MEDCOM_E_FOCUS:
    case MEDCOM_E_SENDER:
    case MEDCOM_E_TOPIC:
    case MEDCOM_E_PAYLOAD:
        return "MSG_RESOURCE_REQUIRED";
    case MEDCOM_E_INTERNAL:
        *medcom = true;
        return "MSG_Mailbox_Out_Of_Operation";
    default:
        return "MSG_BAD_FORMAT";
    }
}

/* FHIR issue-type for a code. */
static const char *issue_type(enum medcom_code c)
{
    switch (c) {
    case MEDCOM_E_INTERNAL:
        return "exception";
    case MEDCOM_E_TOO_LARGE:
        return "too-long";
    case MEDCOM_E_MALFORMED_JSON:
    case MEDCOM_E_MALFORMED_XML:
    case MEDCOM_E_XML_DOCTYPE:
    case MEDCOM_E_NOT_FHIR:
    case MEDCOM_E_EMPTY:
    case MEDCOM_E_TOO_COMPLEX:
        return "structure";
    case MEDCOM_E_HEADER_MISSING:
    case MEDCOM_E_PATIENT:
    case MEDCOM_E_CPR_MISSING:
    case MEDCOM_E_ENCOUNTER:
    case MEDCOM_E_EPISODE:
    case MEDCOM_E_COMMUNICATION:
    case MEDCOM_E_PROVENANCE:
    case MEDCOM_E_OUTCOME:
        return "required";
    case MEDCOM_E_USE_CASE:
    case MEDCOM_E_CATEGORY:
    case MEDCOM_E_EVENT:
    case MEDCOM_E_ACTIVITY:
        return "code-invalid";
    default:
        return "value";
    }
}

static void add_outcome(struct b *b, const char *id, const struct medcom_report *rep,
                        enum medcom_ack_code code)
{
    json_t *oo =
        resource(b, "OperationOutcome", id, P_ACK_OUTCOME,
                 code == MEDCOM_ACK_OK ? "Meddelelsen er modtaget." : "Meddelelsen er afvist.",
                 (const char *)NULL);
    json_t *issues = arr(b);
    int n = rep ? rep->count : 0;
    for (int i = 0; i < n; i++) {
        const struct medcom_problem *p = &rep->items[i];
        bool mc;
        const char *dc = detail_code(p->code, &mc);
        char diag[300];
        snprintf(diag, sizeof diag, "%s%s%s", medcom_code_name(p->code), *p->where ? " @ " : "",
                 p->where);
        push(b, issues,
             chk(b, json_pack("{s:s,s:s,s:{s:[o],s:s},s:s}", "severity",
                              p->severity == MEDCOM_ERROR ? "error" : "warning", "code",
                              issue_type(p->code), "details", "coding",
                              coding(b, mc ? MEDCOM_SYS_ACK_ERROR : SYS_OO, dc), "text", p->message,
                              "diagnostics", diag)));
    }
    if (!n) {
        /* A negative acknowledgement always says why. */
        const char *text = code == MEDCOM_ACK_TRANSIENT
                               ? "Modtagerens system kunne ikke behandle meddelelsen lige nu. "
                                 "Send den igen senere."
                               : "Meddelelsen kunne ikke behandles.";
        push(b, issues,
             chk(b, json_pack("{s:s,s:s,s:{s:[o],s:s}}", "severity", "error", "code",
                              code == MEDCOM_ACK_TRANSIENT ? "transient" : "processing", "details",
                              "coding",
                              code == MEDCOM_ACK_TRANSIENT
                                  ? coding(b, MEDCOM_SYS_ACK_ERROR, "MSG_Mailbox_Out_Of_Operation")
                                  : coding(b, SYS_OO, "MSG_BAD_FORMAT"),
                              "text", text)));
    }
    set(b, oo, "issue", issues);
    add_entry(b, oo);
}

char *medcom_build_ack(const struct medcom_msg *msg, enum medcom_ack_code code,
                       const struct medcom_report *rep, time_t now, struct medcom_report *out_rep)
{
    const struct medcom_header *h = &msg->header;
    if (!h->id[0] || !h->sender.present || !h->receiver.present)
        return medcom_add(out_rep, MEDCOM_E_INPUT, MEDCOM_ERROR, "MessageHeader",
                          "Der kan ikke kvitteres: meddelelsen mangler id, afsender eller "
                          "modtager."),
               NULL;
    struct b b = {.base = BASE_ACK};
    json_t *bundle = bundle_new(&b, P_ACK_MESSAGE, now);
    char hid[37], pid[37], oid[37], ts[21], e1[80], e2[80];
    uuid(hid);
    uuid(pid);
    uuid(oid);
    medcom_instant(now, ts);
    const struct medcom_org *them = &h->sender, *us = &h->receiver;
    bool outcome = code != MEDCOM_ACK_OK || (rep && rep->count);

    json_t *hdr = header(&b, hid, P_ACK_HEADER, "acknowledgement-message", them->id,
                         endpoint(e1, h->source_endpoint, them->sor), us->id,
                         endpoint(e2, h->destination_endpoint, us->sor));
    json_t *resp =
        chk(&b, json_pack("{s:s,s:s}", "identifier", h->id, "code", medcom_ack_code_name(code)));
    if (outcome)
        set(&b, resp, "details", ref(&b, "OperationOutcome", oid));
    set(&b, hdr, "response", resp);
    add_entry(&b, hdr);

    /* The acknowledged message's own Provenance, then ours. */
    const struct medcom_provenance *cur = medcom_current(msg);
    const struct medcom_org *extra = NULL;
    if (cur) {
        const char *agent = cur->agent.present ? cur->agent.id : them->id;
        if (cur->agent.present && strcmp(cur->agent.id, them->id) && strcmp(cur->agent.id, us->id))
            extra = &cur->agent;
        copy_provenance(&b, cur, P_PROVENANCE, agent);
    }
    json_t *p = provenance(&b, pid, P_PROVENANCE, hid, ts, ts, "acknowledgement", us->id);
    entity_ref(&b, p, "revision", h->id);
    add_entry(&b, p);
    add_org(&b, us->id, us->name, us->sor, us->ean);
    add_org(&b, them->id, them->name, them->sor, them->ean);
    if (extra)
        add_org(&b, extra->id, extra->name, extra->sor, extra->ean);
    if (outcome)
        add_outcome(&b, oid, rep, code);
    return finish(&b, bundle, out_rep);
}

/* ---- CareCommunication ---------------------------------------------------- */

#define IN(rep, where, ...) medcom_add(rep, MEDCOM_E_INPUT, MEDCOM_ERROR, where, __VA_ARGS__)

static void check_party(const struct medcom_party_org *o, const char *who, const char *where,
                        struct medcom_report *rep)
{
    if (!o->sor || !*o->sor)
        IN(rep, where, "%s mangler SOR-id.", who);
    if (!o->ean || strlen(o->ean) != 13)
        IN(rep, where, "%s mangler et EAN-lokationsnummer på 13 cifre.", who);
}

/* The stored content of an earlier attachment, or NULL. */
static const char *stored_data(const struct medcom_cc_in *in, const char *identifier)
{
    for (int i = 0; i < in->n_stored; i++)
        if (in->stored[i].identifier && !strcmp(in->stored[i].identifier, identifier) &&
            in->stored[i].data && *in->stored[i].data)
            return in->stored[i].data;
    return NULL;
}

static bool cc_check(const struct medcom_cc_in *in, struct medcom_report *rep)
{
    int before = rep->errors;
    check_party(&in->sender, "Afsenderen", "sender", rep);
    check_party(&in->receiver, "Modtageren", "receiver", rep);
    const struct medcom_msg *prior = in->prior;
    if (in->kind == MEDCOM_CC_REPLY || in->kind == MEDCOM_CC_FORWARD) {
        if (!prior || prior->kind != MEDCOM_KIND_CARE_COMMUNICATION || !prior->comm.present ||
            !prior->header.id[0])
            IN(rep, "prior",
               "Et svar eller en videresendelse skal have den korrespondance, det gælder.");
    } else if (in->kind != MEDCOM_CC_NEW) {
        IN(rep, "kind", "En korrespondance er ny, et svar eller en videresendelse.");
    }
    for (int k = 0; in->kind == MEDCOM_CC_FORWARD && prior && k < prior->comm.n_payloads; k++) {
        const struct medcom_payload *p = &prior->comm.payloads[k];
        if (p->is_attachment && !p->data[0] && !p->url[0] && !stored_data(in, p->identifier))
            IN(rep, "stored",
               "Bilaget '%.80s' skal sendes med ved videresendelse, men dets indhold findes "
               "ikke.",
               p->title);
    }
    const char *cpr = nz(in->cpr);
    if (!*cpr && prior)
        cpr = prior->patient.cpr;
    if (!*cpr || strlen(cpr) != 10 || !cpr_birth_date(cpr, NULL))
        IN(rep, "cpr", "Borgerens CPR-nummer mangler eller er ikke gyldigt.");
    const char *cat = nz(in->category);
    if (!*cat && prior)
        cat = prior->comm.category;
    if (!medcom_in_list(medcom_cc_categories, cat))
        IN(rep, "category", "Vælg en af MedComs kategorier.");
    if (!strcmp(cat, "other") && !*nz(in->topic) &&
        !(in->kind == MEDCOM_CC_REPLY && prior && prior->comm.topic[0]))
        IN(rep, "topic", "Kategorien 'Andet' kræver et emne.");
    if (*nz(in->priority)) {
        if (strcmp(in->priority, "asap") && strcmp(in->priority, "routine"))
            IN(rep, "priority", "Prioriteten er 'asap' eller 'routine'.");
        else if (strcmp(cat, "regarding-referral"))
            IN(rep, "priority", "Prioritet kan kun angives med kategorien 'Vedr. henvisning'.");
    }
    if (!*nz(in->text))
        IN(rep, "text", "Skriv en meddelelsestekst.");
    if (!*nz(in->author.family) && !*nz(in->author.given))
        IN(rep, "author", "Forfatterens navn mangler.");
    if (!*nz(in->author.role_code) && !*nz(in->author.role_text))
        IN(rep, "author", "Forfatterens rolle mangler.");
    if (!*nz(in->author.phone))
        IN(rep, "author", "Forfatterens telefonnummer mangler.");
    for (int i = 0; i < in->n_attachments; i++) {
        const struct medcom_cc_attachment_in *a = &in->attachments[i];
        if (!*nz(a->title))
            IN(rep, "attachments", "Bilag %d mangler en titel.", i + 1);
        bool data = a->data && a->data_len, link = *nz(a->url);
        if (data == link)
            IN(rep, "attachments", "Bilag %d skal være enten en fil eller et link.", i + 1);
        if (data && !medcom_in_list(medcom_mime_types, nz(a->content_type)))
            IN(rep, "attachments",
               "Bilag %d har en filtype, der ikke må sendes (kun PDF, GIF, JPEG, PNG, TIFF, "
               "BMP).",
               i + 1);
    }
    return rep->errors == before;
}

/* Authors already in the Bundle, so that one person is one PractitionerRole. */
struct authors {
    struct {
        char given[100], family[100], role[100], id[37];
    } v[64];
    int n;
};

/* The PractitionerRole id for this person, adding PractitionerRole and
 * Practitioner on first use. */
static const char *author_ref(struct b *b, struct authors *as, const char *given,
                              const char *family, const char *role_code, const char *role_text,
                              const char *org_id)
{
    const char *role = *role_code ? role_code : role_text;
    for (int i = 0; i < as->n; i++)
        if (!strcmp(as->v[i].given, given) && !strcmp(as->v[i].family, family) &&
            !strcmp(as->v[i].role, role))
            return as->v[i].id;
    if (as->n == (int)(sizeof as->v / sizeof as->v[0]))
        return as->v[as->n - 1].id;
    char pid[37], line[260];
    int k = as->n++;
    snprintf(as->v[k].given, sizeof as->v[k].given, "%s", given);
    snprintf(as->v[k].family, sizeof as->v[k].family, "%s", family);
    snprintf(as->v[k].role, sizeof as->v[k].role, "%s", role);
    uuid(as->v[k].id);
    uuid(pid);
    snprintf(line, sizeof line, "%s %s, %s", given, family, role);
    json_t *pr =
        resource(b, "PractitionerRole", as->v[k].id, P_PRACTROLE, line, (const char *)NULL);
    set(b, pr, "practitioner", ref(b, "Practitioner", pid));
    if (org_id && *org_id)
        set(b, pr, "organization", ref(b, "Organization", org_id));
    json_t *code = *role_code
                       ? chk(b, json_pack("[{s:[o]}]", "coding", coding(b, SYS_ROLES, role_code)))
                       : chk(b, json_pack("[{s:s}]", "text", role_text));
    set(b, pr, "code", code);
    add_entry(b, pr);
    json_t *p = resource(b, "Practitioner", pid, P_PRACT, line, (const char *)NULL);
    json_t *name = obj(b);
    sets(b, name, "family", family);
    if (*given)
        set(b, name, "given", chk(b, json_pack("[s]", given)));
    json_t *names = arr(b);
    push(b, names, name);
    set(b, p, "name", names);
    add_entry(b, p);
    return as->v[k].id;
}

/* One Communication.payload: the common extensions, then the content. */
static json_t *payload(struct b *b, const char *date, const char *ident, const char *assigner,
                       const char *author_id, const char *phone)
{
    json_t *pl = obj(b), *ext = arr(b);
    push(b, ext, chk(b, json_pack("{s:s,s:s}", "url", EXT_DATE, "valueDateTime", date)));
    json_t *vid = obj(b);
    sets(b, vid, "value", ident);
    if (assigner && *assigner)
        set(b, vid, "assigner", ref(b, "Organization", assigner));
    push(b, ext, chk(b, json_pack("{s:s,s:o}", "url", EXT_IDENT, "valueIdentifier", vid)));
    if (author_id)
        push(b, ext,
             chk(b, json_pack("{s:s,s:o}", "url", EXT_AUTHOR, "valueReference",
                              ref(b, "PractitionerRole", author_id))));
    if (phone && *phone)
        push(b, ext,
             chk(b, json_pack("{s:s,s:{s:s,s:s}}", "url", EXT_CONTACT, "valueContactPoint",
                              "system", "phone", "value", phone)));
    set(b, pl, "extension", ext);
    return pl;
}

/* A CareTeam with the given name, managed by org_id. */
static const char *careteam(struct b *b, char id[37], const char *name, const char *org_id)
{
    uuid(id);
    json_t *ct = resource(b, "CareTeam", id, P_CARETEAM, name, (const char *)NULL);
    sets(b, ct, "name", name);
    set(b, ct, "managingOrganization", chk(b, json_pack("[o]", ref(b, "Organization", org_id))));
    add_entry(b, ct);
    return id;
}

char *medcom_build_carecommunication(const struct medcom_cc_in *in, time_t now,
                                     struct medcom_report *rep)
{
    if (!cc_check(in, rep))
        return NULL;
    const struct medcom_msg *prior =
        in->kind == MEDCOM_CC_NEW ? NULL : in->prior; /* checked above */
    struct b b = {.base = BASE_CC};
    json_t *bundle = bundle_new(&b, P_CC_MESSAGE, now);
    char hid[37], patid[37], cid[37], encid[37], provid[37], sid[37], rid[37], thread[46];
    char ts[21], e1[80], e2[80], ct_s[37], ct_r[37];
    uuid(hid);
    uuid(patid);
    uuid(cid);
    uuid(encid);
    uuid(provid);
    uuid(sid);
    uuid(rid);
    medcom_instant(now, ts);
    const struct medcom_party_org *snd = &in->sender, *rcv = &in->receiver;
    const char *activity = in->kind == MEDCOM_CC_NEW     ? "new-message"
                           : in->kind == MEDCOM_CC_REPLY ? "reply-message"
                                                         : "forward-message";

    /* MessageHeader */
    json_t *hdr =
        header(&b, hid, P_CC_HEADER, "care-communication-message", rid,
               endpoint(e1, rcv->endpoint, rcv->sor), sid, endpoint(e2, snd->endpoint, snd->sor));
    set(&b, hdr, "focus", chk(&b, json_pack("[o]", ref(&b, "Communication", cid))));
    sets(&b, hdr, "definition", CC_DEFINITION);
    add_entry(&b, hdr);

    /* Patient */
    const char *cpr = *nz(in->cpr) ? in->cpr : prior->patient.cpr;
    const char *family = *nz(in->family) || !prior ? nz(in->family) : prior->patient.family;
    const char *given = *nz(in->given) || !prior ? nz(in->given) : prior->patient.given;
    json_t *pat = resource(&b, "Patient", patid, P_PATIENT, family, (const char *)NULL);
    set(&b, pat, "identifier",
        chk(&b, json_pack("[{s:s,s:s}]", "system", MEDCOM_SYS_CPR, "value", cpr)));
    json_t *name = obj(&b);
    sets(&b, name, "use", "official");
    sets(&b, name, "family", family);
    if (*given)
        set(&b, name, "given", chk(&b, json_pack("[s]", given)));
    set(&b, pat, "name", chk(&b, json_pack("[o]", name)));
    add_entry(&b, pat);

    /* Communication: thread, category, topic */
    const char *category = *nz(in->category) ? in->category : prior->comm.category;
    const char *topic = *nz(in->topic)                         ? in->topic
                        : in->kind == MEDCOM_CC_REPLY && prior ? prior->comm.topic
                                                               : "";
    const char *priority = nz(in->priority);
    if (in->kind == MEDCOM_CC_REPLY) {
        snprintf(thread, sizeof thread, "%s", prior->comm.identifier);
    } else {
        char t[37];
        uuid(t);
        snprintf(thread, sizeof thread, "urn:uuid:%s", t);
    }
    char line[300];
    snprintf(line, sizeof line, "Korrespondance (%s)%s%s", category, *topic ? ": " : "", topic);
    json_t *comm =
        resource(&b, "Communication", cid, P_CC_COMM, line, nz(in->text), (const char *)NULL);
    if (*nz(in->sender_team))
        set(&b, comm, "extension",
            chk(&b, json_pack("[{s:s,s:o}]", "url", EXT_SENDER, "valueReference",
                              ref(&b, "CareTeam", careteam(&b, ct_s, in->sender_team, sid)))));
    set(&b, comm, "identifier", chk(&b, json_pack("[{s:s}]", "value", thread)));
    sets(&b, comm, "status", "unknown");
    set(&b, comm, "category",
        chk(&b, json_pack("[{s:[o]}]", "coding", coding(&b, MEDCOM_SYS_CC_CATEGORY, category))));
    sets(&b, comm, "priority", priority);
    set(&b, comm, "subject", ref(&b, "Patient", patid));
    if (*topic)
        set(&b, comm, "topic", chk(&b, json_pack("{s:s}", "text", topic)));

    /* The stay the message is about (an Encounter with its EpisodeOfCare id). */
    const char *ep_sys = nz(in->episode_system), *ep_val = nz(in->episode_value);
    if (!*ep_val && prior && prior->encounter.present && prior->encounter.n_episodes) {
        ep_sys = prior->encounter.episodes[0].system;
        ep_val = prior->encounter.episodes[0].value;
    }
    if (*ep_val) {
        set(&b, comm, "encounter", ref(&b, "Encounter", encid));
        json_t *enc = resource(&b, "Encounter", encid, P_ENCOUNTER, ep_val, (const char *)NULL);
        sets(&b, enc, "status", "unknown");
        set(&b, enc, "class", coding(&b, SYS_ACT_CODE, "IMP"));
        set(&b, enc, "subject", ref(&b, "Patient", patid));
        json_t *eid = obj(&b);
        sets(&b, eid, "system", ep_sys);
        sets(&b, eid, "value", ep_val);
        set(&b, enc, "episodeOfCare", chk(&b, json_pack("[{s:o}]", "identifier", eid)));
        add_entry(&b, enc);
    }
    if (*nz(in->recipient_team))
        set(&b, comm, "recipient",
            chk(&b, json_pack("[o]",
                              ref(&b, "CareTeam", careteam(&b, ct_r, in->recipient_team, rid)))));

    /* Segments: the earlier ones first (a reply repeats attachments as
     * metadata only, a forward with their data), then ours. */
    struct authors *as = calloc(1, sizeof *as);
    if (!as)
        b.oom = true;
    json_t *payloads = arr(&b);
    json_t *prov = provenance(&b, provid, P_CC_PROV, hid, ts, ts, activity, sid);
    for (int k = 0; as && prior && k < prior->comm.n_payloads; k++) {
        const struct medcom_payload *p = &prior->comm.payloads[k];
        const char *aid = p->has_author ? author_ref(&b, as, p->author.given, p->author.family,
                                                     p->author.role_code, p->author.role_text, NULL)
                                        : NULL;
        json_t *pl = payload(&b, p->date, p->identifier, NULL, aid, p->contact_value);
        if (!p->is_attachment) {
            sets(&b, pl, "contentString", p->text);
        } else {
            json_t *att = obj(&b);
            sets(&b, att, "contentType", p->content_type);
            if (in->kind == MEDCOM_CC_FORWARD && !p->url[0])
                sets(&b, att, "data", p->data[0] ? p->data : stored_data(in, p->identifier));
            sets(&b, att, "url", p->url);
            sets(&b, att, "title", p->title);
            sets(&b, att, "creation", p->creation);
            set(&b, pl, "contentAttachment", att);
        }
        push(&b, payloads, pl);
    }
    if (as) {
        const struct medcom_cc_author *au = &in->author;
        const char *aid = author_ref(&b, as, nz(au->given), nz(au->family), nz(au->role_code),
                                     nz(au->role_text), sid);
        char seg[37], segid[46];
        uuid(seg);
        snprintf(segid, sizeof segid, "urn:uuid:%s", seg);
        json_t *pl = payload(&b, ts, segid, sid, aid, au->phone);
        sets(&b, pl, "contentString", in->text);
        push(&b, payloads, pl);
        entity_ident(&b, prov, "source", segid);
        for (int i = 0; i < in->n_attachments; i++) {
            const struct medcom_cc_attachment_in *a = &in->attachments[i];
            uuid(seg);
            snprintf(segid, sizeof segid, "urn:uuid:%s", seg);
            json_t *apl = payload(&b, ts, segid, sid, aid, au->phone), *att = obj(&b);
            if (a->data && a->data_len) {
                size_t n = sodium_base64_encoded_len(a->data_len, sodium_base64_VARIANT_ORIGINAL);
                char *b64 = malloc(n);
                if (b64) {
                    sodium_bin2base64(b64, n, a->data, a->data_len, sodium_base64_VARIANT_ORIGINAL);
                    sets(&b, att, "contentType", a->content_type);
                    sets(&b, att, "data", b64);
                    free(b64);
                } else {
                    b.oom = true;
                }
            } else {
                sets(&b, att, "url", a->url);
            }
            sets(&b, att, "title", a->title);
            sets(&b, att, "creation", a->creation);
            set(&b, apl, "contentAttachment", att);
            push(&b, payloads, apl);
            entity_ident(&b, prov, "source", segid);
        }
    }
    free(as);
    set(&b, comm, "payload", payloads);
    add_entry(&b, comm);

    /* Organisations: ours, theirs, and those that acted on earlier messages. */
    add_org(&b, sid, nz(snd->name), snd->sor, snd->ean);
    add_org(&b, rid, nz(rcv->name), rcv->sor, rcv->ean);
    struct {
        const char *key, *id;
    } seen[32];
    int nseen = 0;
    for (int k = 0; prior && k < prior->n_provenances; k++) {
        const struct medcom_org *o = &prior->provenances[k].agent;
        const char *id = NULL;
        if (!o->present)
            continue;
        if (!strcmp(o->sor, snd->sor))
            id = sid;
        else if (!strcmp(o->sor, rcv->sor))
            id = rid;
        for (int s = 0; !id && s < nseen; s++)
            if (!strcmp(seen[s].key, o->sor))
                id = seen[s].id;
        if (!id && nseen < 32) {
            add_org(&b, o->id, o->name, o->sor, o->ean);
            seen[nseen].key = o->sor;
            id = seen[nseen++].id = o->id;
        }
        if (id)
            copy_provenance(&b, &prior->provenances[k], P_CC_PROV, id);
    }
    if (prior)
        entity_ref(&b, prov, "revision", prior->header.id);
    add_entry(&b, prov);
    return finish(&b, bundle, rep);
}
