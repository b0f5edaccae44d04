/*
 * medcom.h — MedCom FHIR messages between hospital and municipality.
 *
 *   HospitalNotification (advis om sygehusophold), IG 3.x
 *   CareCommunication    (korrespondancemeddelelse), IG 4.x and 5.x
 *   Acknowledgement      (kvittering), IG 2.x
 *
 * A pure library at the core layer: no SQL, no HTTP, no files except the
 * explicit *_load() helpers, no globals of its own. docs/medcom.md has the
 * message flow, the IG versions and the rules; this header is the contract.
 *
 * Reading a message, in three steps:
 *
 *   medcom_parse()    bytes (FHIR JSON or FHIR XML, at most limits.max_bytes)
 *                     → struct medcom_msg. Both syntaxes give the same
 *                     struct: XML is turned into the JSON tree first (libxml2
 *                     → jansson), and one reader walks that tree. References
 *                     inside the Bundle (fullUrl ↔ reference) are resolved;
 *                     the ones that do not resolve are listed in msg.dangling.
 *                     Fails only when there is no Bundle to read at all (too
 *                     large, malformed, not a FHIR Bundle).
 *   medcom_validate() the profile rules that matter (MessageHeader event,
 *                     sender and receiver with SOR and EAN, the patient's
 *                     CPR, Encounter + Provenance = one of the 18 use cases
 *                     of share/medcom/hospitalnotification_codes.csv, the
 *                     CareCommunication rules, references that resolve). Each
 *                     failure is a problem with a stable code and a plain
 *                     Danish message.
 *   medcom_ack_code_for()  ok or fatal-error from the report.
 *
 * Writing: medcom_build_ack(), medcom_build_carecommunication() and the
 * admission report (medcom_admission_*()), as FHIR JSON; medcom_json_to_xml()
 * turns any of them into FHIR XML.
 *
 * Memory: every string and array in a struct filled by this library points
 * into the caller's arena and lives as long as it. Strings are never NULL;
 * "" means absent. Built messages are malloc'd text the caller free()s.
 *
 * Threads: call medcom_global_init() once, before threads start (it
 * initialises libxml2 and stops it printing errors, which can quote input
 * bytes, to stderr). After that every function is reentrant.
 */
#ifndef OMSORG_MEDCOM_H
#define OMSORG_MEDCOM_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "lib/arena.h"

/* Largest message medcom_parse() reads by default. MedCom's own guidelines
 * allow 50–100 MB with attachments (docs/medcom.md); omsorg refuses more
 * than this until the inbox streams attachments to disk. */
#define MEDCOM_MAX_BYTES_DEFAULT (8u * 1024u * 1024u)

/* Code systems and identifier systems MedCom uses. */
#define MEDCOM_SYS_CPR  "urn:oid:1.2.208.176.1.2"
#define MEDCOM_SYS_SOR  "urn:oid:1.2.208.176.1.1"
#define MEDCOM_SYS_EAN  "https://www.gs1.org/gln"
#define MEDCOM_SYS_LPR3 "https://www.esundhed.dk/Registre/Landspatientregisteret"
#define MEDCOM_SYS_EVENT                                                                           \
    "http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-messaging-eventCodes"
#define MEDCOM_SYS_ACTIVITY                                                                        \
    "http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-messaging-activityCodes"
#define MEDCOM_SYS_CC_CATEGORY                                                                     \
    "http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-careCommunication-categoryCodes"
#define MEDCOM_SYS_ACK_ERROR                                                                       \
    "http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-acknowledgement-error-codes"
#define MEDCOM_SOR_ENDPOINT "https://sor2.sum.dsdn.dk/#id=" /* + SOR id */

/* ---- errors ------------------------------------------------------------ */

/* Stable codes: the name (medcom_code_name) is what logs, the API and the
 * OperationOutcome carry; never renumber or rename one that has shipped. */
enum medcom_code {
    MEDCOM_OK = 0,
    /* reading */
    MEDCOM_E_EMPTY,          /* "empty" */
    MEDCOM_E_TOO_LARGE,      /* "too_large" */
    MEDCOM_E_MALFORMED_JSON, /* "malformed_json" */
    MEDCOM_E_MALFORMED_XML,  /* "malformed_xml" */
    MEDCOM_E_XML_DOCTYPE,    /* "xml_doctype": DTDs and entities are refused */
    MEDCOM_E_NOT_FHIR,       /* "not_fhir": not a FHIR resource (XML namespace, resourceType) */
    MEDCOM_E_TOO_COMPLEX,    /* "too_complex": too deep or too many entries */
    MEDCOM_E_NOT_MESSAGE,    /* "not_message": not a Bundle of type message */
    MEDCOM_E_BUNDLE,         /* "bundle": Bundle.id or .timestamp missing or invalid */
    /* MessageHeader */
    MEDCOM_E_HEADER_MISSING, /* "header_missing": no MessageHeader as first entry, or several */
    MEDCOM_E_HEADER_ID,      /* "header_id" */
    MEDCOM_E_EVENT,          /* "event": eventCoding missing or not a MedCom event */
    MEDCOM_E_SENDER,         /* "sender": sender missing or not a bundled Organization */
    MEDCOM_E_SENDER_ID,      /* "sender_identifier": sender lacks SOR or EAN */
    MEDCOM_E_RECEIVER,       /* "receiver": no single primary destination with a receiver */
    MEDCOM_E_RECEIVER_ID,    /* "receiver_identifier": receiver lacks SOR or EAN */
    MEDCOM_E_FOCUS,          /* "focus": focus missing or of the wrong resource type */
    MEDCOM_E_REFERENCE,      /* "bad_reference": a reference that does not resolve in the Bundle */
    MEDCOM_E_FULLURL,        /* "fullurl": entry without fullUrl, or the same fullUrl twice */
    /* Patient */
    MEDCOM_E_PATIENT,     /* "patient": not exactly one Patient */
    MEDCOM_E_CPR_MISSING, /* "cpr_missing": no CPR (or, for CareCommunication, replacement id) */
    MEDCOM_E_CPR_INVALID, /* "cpr_invalid": not ten digits or not a real date */
    /* Encounter */
    MEDCOM_E_ENCOUNTER,  /* "encounter": missing where required */
    MEDCOM_E_ENC_STATUS, /* "encounter_status" */
    MEDCOM_E_ENC_CLASS,  /* "encounter_class" */
    MEDCOM_E_EPISODE,    /* "episode_of_care": no EpisodeOfCare identifier */
    MEDCOM_E_PERIOD, /* "period": period.start missing/invalid, or leave start missing on leave */
    /* Provenance */
    MEDCOM_E_PROVENANCE, /* "provenance": none for this message, or incomplete */
    MEDCOM_E_ACTIVITY,   /* "activity": missing or not allowed for this message kind */
    MEDCOM_E_ROLE,       /* "provenance_role": removal without cancellation, or the reverse */
    MEDCOM_E_USE_CASE,   /* "unknown_use_case": matches none of the 18 use cases */
    MEDCOM_E_DATETIME,   /* "datetime": a time without date, time and zone */
    /* CareCommunication */
    MEDCOM_E_COMMUNICATION, /* "communication": missing, or no identifier */
    MEDCOM_E_CATEGORY,      /* "category" */
    MEDCOM_E_PRIORITY,      /* "priority": only 'asap'/'routine', only with regarding-referral */
    MEDCOM_E_TOPIC,         /* "topic": required with category 'other' */
    MEDCOM_E_PAYLOAD,    /* "payload": no text segment, or a segment lacks date/id/author/contact */
    MEDCOM_E_ATTACHMENT, /* "attachment": title, content type or content wrong */
    MEDCOM_E_AUTHOR,     /* "author": PractitionerRole without role or Practitioner without name */
    /* Acknowledgement */
    MEDCOM_E_RESPONSE, /* "response": response.identifier or .code missing or unknown */
    MEDCOM_E_OUTCOME,  /* "outcome": a negative acknowledgement without OperationOutcome */
    /* writing */
    MEDCOM_E_INPUT,    /* "input": a builder's input is incomplete */
    MEDCOM_E_INTERNAL, /* "internal": out of memory or a library failure */
    MEDCOM_CODE_COUNT
};

enum medcom_severity { MEDCOM_ERROR, MEDCOM_WARNING };

struct medcom_problem {
    enum medcom_code code;
    enum medcom_severity severity;
    const char *where;   /* FHIR path, e.g. "Bundle.entry[1].resource.identifier" */
    const char *message; /* plain Danish, for staff and the OperationOutcome */
};

/* A growing list of problems in an arena. */
struct medcom_report {
    struct arena *a;
    struct medcom_problem *items;
    int count, cap;
    int errors; /* problems with severity MEDCOM_ERROR */
};

void medcom_report_init(struct medcom_report *r, struct arena *a);
/* The stable name of a code ("cpr_invalid"); "unknown" past the end. */
const char *medcom_code_name(enum medcom_code code);
/* The first problem with this code, or NULL. */
const struct medcom_problem *medcom_report_find(const struct medcom_report *r,
                                                enum medcom_code code);

/* ---- the message ------------------------------------------------------- */

enum medcom_format { MEDCOM_FORMAT_AUTO, MEDCOM_FORMAT_JSON, MEDCOM_FORMAT_XML };

enum medcom_kind {
    MEDCOM_KIND_UNKNOWN,
    MEDCOM_KIND_HOSPITAL_NOTIFICATION,
    MEDCOM_KIND_CARE_COMMUNICATION,
    MEDCOM_KIND_ACKNOWLEDGEMENT,
    MEDCOM_KIND_EMPTY /* event empty-message */
};

/* A MedComMessagingOrganization. */
struct medcom_org {
    bool present;     /* the reference resolved to an Organization */
    const char *id;   /* resource id */
    const char *name; /* may be "": CareCommunication lets a sender omit it */
    const char *sor;  /* SOR id (MEDCOM_SYS_SOR) */
    const char *ean;  /* EAN/GLN location number (MEDCOM_SYS_EAN) */
};

struct medcom_header {
    const char *id;             /* MessageHeader.id: the message id acknowledgements answer */
    const char *event;          /* eventCoding.code, "hospital-notification-message", … */
    const char *event_system;   /* eventCoding.system */
    const char *definition;     /* MessageDefinition canonical, "…|5.0"; "" when absent */
    const char *profile;        /* meta.profile[0] of the MessageHeader */
    struct medcom_org sender;   /* MessageHeader.sender */
    struct medcom_org receiver; /* destination[primary].receiver */
    const char *destination_endpoint;
    int destinations;            /* how many destination elements */
    int primary_destinations;    /* how many with use = primary */
    const char *source_endpoint; /* where acknowledgements go */
    const char *focus_type;      /* resourceType of the first focus, "" when unresolved */
    int focus_count;
    /* HospitalNotification: the admission report request */
    int report_of_admission;            /* -1 absent, 0 false, 1 true */
    struct medcom_org report_recipient; /* present = false: the sender receives it */
    /* Acknowledgement */
    const char *response_id;   /* response.identifier: the acknowledged MessageHeader.id */
    const char *response_code; /* ok | transient-error | fatal-error */
};

struct medcom_patient {
    const char *id;
    const char *cpr;            /* ten digits from MEDCOM_SYS_CPR; "" when none */
    const char *replacement_id; /* a replacement CPR (erstatnings-CPR) */
    const char *replacement_system;
    const char *family, *given; /* official name; given names joined by one space */
    int deceased;               /* -1 absent, 0 false, 1 true */
    const char *deceased_at;    /* deceasedDateTime, "" when absent */
};

struct medcom_episode {
    const char *system; /* the sender's SOR endpoint for a local id, or MEDCOM_SYS_LPR3 */
    const char *value;  /* as sent: bare or "urn:uuid:"-prefixed */
    bool lpr3;
};

struct medcom_encounter {
    bool present;
    const char *id;
    const char *status;     /* in-progress | onleave | finished | entered-in-error */
    const char *class_code; /* IMP | EMER | … */
    const char *class_system;
    const char *start, *end;             /* period; "" when absent */
    const char *leave_start, *leave_end; /* the leave-period extension */
    struct medcom_episode *episodes;
    int n_episodes;
    struct medcom_org service_provider;
};

/* One Provenance.entity: a previous message (reference to its
 * MessageHeader, or the "lokationsnummer#brevid" of an OIOXML/EDIFACT
 * letter) or a CareCommunication payload identifier. */
struct medcom_entity {
    const char *role;       /* revision | removal | source | … */
    const char *message_id; /* MessageHeader id taken from what.reference; "" */
    const char *identifier; /* what.identifier.value; "" */
};

struct medcom_provenance {
    const char *id;
    const char *target_id; /* the MessageHeader id this Provenance describes */
    const char *activity;  /* activity.coding[0].code */
    const char *occurred, *recorded;
    struct medcom_org agent; /* agent[0].who */
    struct medcom_entity *entities;
    int n_entities;
};

struct medcom_author {
    const char *given, *family; /* the Practitioner */
    const char *role_code;      /* PractitionerRole.code.coding.code, e.g. "sygeplejerske" */
    const char *role_text;      /* PractitionerRole.code.text, a free-text role */
    const char *org_name;       /* PractitionerRole.organization, when given */
};

/* A message segment (payload): a text or an attachment. */
struct medcom_payload {
    const char *identifier; /* the segment id (identifier extension) */
    const char *date;       /* datetime extension */
    bool has_author;
    struct medcom_author author;
    const char *contact_system, *contact_value; /* contact extension */
    bool is_attachment;
    const char *text; /* contentString */
    const char *content_type, *title, *creation, *url;
    const char *data; /* base64 as sent; "" for a link or metadata only */
    size_t data_len;  /* strlen(data) */
};

/* A CareTeam or PractitionerRole named as the specific sender/recipient. */
struct medcom_party {
    bool present;
    const char *type; /* "CareTeam" | "PractitionerRole" */
    const char *name; /* CareTeam.name, or the practitioner's name */
    const char *role; /* role code or text for a PractitionerRole */
    struct medcom_org org;
};

struct medcom_communication {
    bool present;
    const char *id;
    const char *identifier; /* Communication.identifier: the thread id */
    const char *status;
    const char *category, *category_system;
    const char *topic;            /* topic.text */
    const char *priority;         /* asap | routine | "" */
    const char *encounter_ref_id; /* resolved Encounter id, "" */
    struct medcom_party sender, recipient;
    struct medcom_payload *payloads;
    int n_payloads;
};

/* One OperationOutcome.issue of an acknowledgement. */
struct medcom_issue {
    const char *severity, *code;
    const char *detail_code; /* details.coding[0].code */
    const char *text;        /* details.text, else diagnostics */
};

struct medcom_dangling {
    const char *where;     /* FHIR path of the reference */
    const char *reference; /* as written */
};

struct medcom_msg {
    enum medcom_kind kind;
    enum medcom_format format; /* the syntax it arrived in */
    const char *bundle_id, *bundle_type, *timestamp;
    const char *profile; /* Bundle.meta.profile[0] */
    int entries;
    int header_index; /* entry index of the MessageHeader, -1 when none */
    int header_count;
    struct medcom_header header;
    int patient_count;
    struct medcom_patient patient;
    int encounter_count;
    struct medcom_encounter encounter; /* the focus Encounter (HN), else the bundled one */
    struct medcom_provenance *provenances;
    int n_provenances;
    int current; /* index of the Provenance whose target is this message; -1 */
    int communication_count;
    struct medcom_communication comm;
    bool has_outcome; /* an OperationOutcome is bundled */
    struct medcom_issue *issues;
    int n_issues;
    struct medcom_dangling *dangling;
    int n_dangling;
    /* set by medcom_validate() */
    const char *use_case; /* HospitalNotification: "STIN", …; "" when none matched */
};

struct medcom_limits {
    size_t max_bytes; /* refuse larger input before parsing it */
    int max_entries;  /* Bundle.entry */
    int max_depth;    /* XML element nesting */
};

/* MEDCOM_MAX_BYTES_DEFAULT, 1000 entries, depth 64. */
struct medcom_limits medcom_limits_default(void);

/* Initialise libxml2 once per process, before threads start. */
void medcom_global_init(void);

/* Parse a message (see the top of this file). fmt AUTO looks at the first
 * non-blank byte ('<' → XML, '{' → JSON). limits NULL = the defaults. On
 * failure returns false and adds one problem to rep. On success it may have
 * added problems only the raw Bundle shows (an entry without fullUrl, two
 * with the same), and the message may still be invalid: call
 * medcom_validate() with the same report. */
bool medcom_parse(const char *bytes, size_t len, enum medcom_format fmt,
                  const struct medcom_limits *limits, struct arena *a, struct medcom_msg *msg,
                  struct medcom_report *rep);

/* The current Provenance (msg->current), or NULL. */
const struct medcom_provenance *medcom_current(const struct medcom_msg *msg);
/* The previous message the current Provenance points to: an entity with
 * the earlier MessageHeader id in .message_id (role revision or removal
 * first), or, for a reply to an OIOXML/EDIFACT letter, its
 * "lokationsnummer#brevid" in .identifier. NULL when none. */
const struct medcom_entity *medcom_prior(const struct medcom_msg *msg);

/* CareCommunication: new, reply or forward by the current activity. */
enum medcom_cc_kind { MEDCOM_CC_NEW, MEDCOM_CC_REPLY, MEDCOM_CC_FORWARD, MEDCOM_CC_OTHER };
enum medcom_cc_kind medcom_cc_kind_of(const struct medcom_msg *msg);

/* ---- the 18 HospitalNotification use cases ------------------------------ */

struct medcom_usecase {
    const char *code;   /* "STIN", "RE_STIN", "AN_MORS", … */
    const char *danish; /* "Start sygehusophold - indlagt" */
    const char *english;
    const char **classes; /* alternatives; n_classes = 0 matches any */
    int n_classes;
    const char *status;      /* NULL matches any ("(previous status)") */
    const char **activities; /* alternatives; 0 = any ("(current activity kept)") */
    int n_activities;
    int deceased; /* -1: must not be true; 0: must be false; 1: must be true */
};

struct medcom_usecases {
    struct medcom_usecase *v;
    int n;
};

/* Read the CSV (share/medcom/hospitalnotification_codes.csv); columns are
 * found by their header names. false + a message in err when malformed. */
bool medcom_usecases_parse(const char *text, size_t len, struct arena *a,
                           struct medcom_usecases *uc, char *err, size_t errsz);
bool medcom_usecases_load(const char *path, struct arena *a, struct medcom_usecases *uc, char *err,
                          size_t errsz);
const struct medcom_usecase *medcom_usecase_get(const struct medcom_usecases *uc, const char *code);
/* The use case a HospitalNotification shows (docs/medcom.md, "Which use
 * case"), or NULL. *role_ok is false when the current Provenance's role
 * contradicts it (a cancellation without 'removal' or the reverse);
 * *status_ok is false when a death notification has an unexpected
 * Encounter status (accepted, with a warning). */
const struct medcom_usecase *medcom_usecase_match(const struct medcom_usecases *uc,
                                                  const struct medcom_msg *msg, bool *role_ok,
                                                  bool *status_ok);
/* MORS and RE_MORS look the same; a death notification that follows a death
 * notification is the correction. Returns RE_MORS when detected is MORS and
 * prior_code (the use case of the message it points to) is MORS or RE_MORS,
 * else detected. */
const struct medcom_usecase *medcom_usecase_refine(const struct medcom_usecases *uc,
                                                   const struct medcom_usecase *detected,
                                                   const char *prior_code);

/* ---- validation -------------------------------------------------------- */

/* Check msg against the rules for its kind; sets msg->use_case for a
 * HospitalNotification. uc may be NULL only for messages that are not
 * HospitalNotifications. Returns true when no errors were added. */
bool medcom_validate(struct medcom_msg *msg, const struct medcom_usecases *uc,
                     struct medcom_report *rep);

enum medcom_ack_code { MEDCOM_ACK_OK, MEDCOM_ACK_TRANSIENT, MEDCOM_ACK_FATAL };
/* "ok", "transient-error", "fatal-error". */
const char *medcom_ack_code_name(enum medcom_ack_code code);
/* transient-error when rep holds a MEDCOM_E_INTERNAL problem (our own
 * failure: the sender may try again), else fatal-error when it has errors,
 * else ok. */
enum medcom_ack_code medcom_ack_code_for(const struct medcom_report *rep);

/* ---- building ---------------------------------------------------------- */

/* An organisation in a message we send. endpoint "" = MEDCOM_SOR_ENDPOINT + sor. */
struct medcom_party_org {
    const char *name, *sor, *ean, *endpoint;
};

/* A random UUID v4 ("xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx") into out[37]. */
void medcom_uuid(char out[37]);
/* t as a FHIR instant in UTC, "2026-03-01T11:00:00Z", into out[21]. */
void medcom_instant(time_t t, char out[21]);
/* Read a FHIR dateTime with date, time and zone ("…T12:00:00+02:00",
 * fractions allowed) into *t. false when it lacks a part or is not real. */
bool medcom_datetime_parse(const char *s, time_t *t);

/* The acknowledgement of msg: MessageHeader.response (identifier = the
 * acknowledged MessageHeader.id, code), destination = the original sender
 * (at its source endpoint), sender = the original receiver, the
 * acknowledged message's current Provenance plus a new one (activity
 * 'acknowledgement', entity revision → the acknowledged header), and for a
 * code other than ok — or when rep has problems — an OperationOutcome with one
 * issue per problem (Danish text in details.text and diagnostics, the
 * problem's code in details). msg must have a header id, a sender and a
 * receiver. Returns malloc'd JSON text (free()), or NULL with a problem
 * (MEDCOM_E_INPUT / MEDCOM_E_INTERNAL) in out_rep. */
char *medcom_build_ack(const struct medcom_msg *msg, enum medcom_ack_code code,
                       const struct medcom_report *rep, time_t now, struct medcom_report *out_rep);

/* A new text segment by one of our staff. */
struct medcom_cc_author {
    const char *given, *family;
    const char *role_code; /* from MedCom's SKS role list, e.g. "sygeplejerske"; or */
    const char *role_text; /* a free-text role when no code fits */
    const char *phone;     /* the author's contact number (required) */
};

struct medcom_cc_attachment_in {
    const char *title;        /* without a file-type suffix */
    const char *content_type; /* application/pdf, image/png, image/jpeg, image/gif … */
    const unsigned char *data;
    size_t data_len;      /* raw bytes, base64-encoded by the builder; or */
    const char *url;      /* a link */
    const char *creation; /* FHIR dateTime or "" */
};

/* An attachment received earlier, kept by the caller: a reply repeats
 * attachments as metadata only, so a forward finds their content here. */
struct medcom_cc_stored {
    const char *identifier; /* the segment id, "urn:uuid:…" */
    const char *data;       /* base64, as received */
};

struct medcom_cc_in {
    enum medcom_cc_kind kind; /* NEW, REPLY or FORWARD */
    struct medcom_party_org sender, receiver;
    /* the citizen */
    const char *cpr, *family, *given;
    /* NEW: the topic of the thread */
    const char *category; /* one of MedCom's category codes */
    const char *topic;    /* "" or the topic text (required for 'other') */
    const char *priority; /* "" or "asap"/"routine" (only regarding-referral) */
    const char *episode_system, *episode_value; /* "" or the stay the message is about */
    const char *sender_team;                    /* "" or our CareTeam's name (sender extension) */
    const char *recipient_team;                 /* "" or their CareTeam's name (recipient) */
    /* REPLY/FORWARD: the message answered or passed on (parsed and valid);
     * its segments, provenances and thread are carried over */
    const struct medcom_msg *prior;
    const struct medcom_cc_stored *stored; /* FORWARD: content of metadata-only attachments */
    int n_stored;
    /* the new segment */
    const char *text;
    struct medcom_cc_author author;
    const struct medcom_cc_attachment_in *attachments;
    int n_attachments;
};

/* Build a CareCommunication (IG 5.0) as FHIR JSON (malloc'd), or NULL with
 * problems in rep. A reply keeps the thread id and repeats earlier
 * attachments as metadata only; a forward starts a new thread and carries
 * the attachment data again; both carry the earlier segments and
 * Provenances. */
char *medcom_build_carecommunication(const struct medcom_cc_in *in, time_t now,
                                     struct medcom_report *rep);

/* ---- the admission report (indlæggelsesrapport) ------------------------- */

/* What the municipality knows when a citizen is admitted (docs/medcom.md,
 * "The admission report": MedCom's standard for it is XDIS16, an OIOXML
 * letter, not a FHIR message). The caller fills it from the record. */
struct medcom_ar_service {
    const char *name;      /* "Personlig pleje" */
    const char *frequency; /* "3 gange dagligt" */
    const char *details;   /* "" or more */
};
struct medcom_ar_function {
    const char *code;       /* FSIII code, "J1.1" */
    const char *display;    /* "Vaske sig" */
    int level;              /* FSIII 0–4, 9 = not relevant */
    const char *level_text; /* the level's FSIII name ("Moderate begrænsninger"), or "" */
    const char *note;       /* "" or the assessor's note */
};
struct medcom_ar_person {
    const char *relation; /* "datter", "hjemmesygeplejerske", … */
    const char *name, *phone;
    const char *note; /* "" or "informeret om indlæggelsen", … */
};

struct medcom_admission_report {
    struct medcom_party_org sender; /* the municipality */
    struct medcom_party_org
        receiver;              /* the hospital: reportOfAdmissionRecipient, else the sender */
    const char *letter_id;     /* "" = a new UUID */
    const char *episode_value; /* the stay: EpisodeOfCareIdentifier from the notification */
    const char *episode_system;
    const char *notification_id; /* the STIN/STAA MessageHeader.id it answers */
    const char *cpr, *family, *given, *address;
    const char *contact_name, *contact_phone, *contact_hours; /* who at the municipality */
    const struct medcom_ar_service *services;
    int n_services;
    const struct medcom_ar_function *functions;
    int n_functions;
    const struct medcom_ar_person *contacts; /* staff and others to call */
    int n_contacts;
    const struct medcom_ar_person *relatives;
    int n_relatives;
    const char *what_matters;   /* the citizen's own words */
    const char *aids;           /* "" or assistive devices */
    const char *health_summary; /* "" or health conditions in short */
};

/* Check the report's content; adds problems (MEDCOM_E_INPUT, Danish) to rep.
 * Returns true when it can be sent. */
bool medcom_admission_check(const struct medcom_admission_report *ar, struct medcom_report *rep);
/* The report as Danish plain text (for staff and the preview), malloc'd. */
char *medcom_admission_text(const struct medcom_admission_report *ar);
/* The report as an XDIS16-shaped OIOXML letter (see docs/medcom.md for
 * what is known and what must be checked against MedCom's XDIS16 schema),
 * malloc'd, or NULL with problems in rep. */
char *medcom_admission_xdis16(const struct medcom_admission_report *ar, time_t now,
                              struct medcom_report *rep);

/* ---- FHIR syntax -------------------------------------------------------- */

/* FHIR JSON text → FHIR XML text (malloc'd, UTF-8 with an XML declaration),
 * or NULL with a problem in rep. For messages this library builds and for
 * tests; no limits beyond libxml2's own. */
char *medcom_json_to_xml(const char *json, size_t len, struct medcom_report *rep);

#endif
