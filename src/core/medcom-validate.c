/*
 * medcom-validate.c — the profile rules that matter, with stable codes and
 * Danish messages. Built from MedCom's implementation guides (docs/medcom.md
 * lists each rule with its source): MedCom Messaging (Bundle, MessageHeader,
 * Organization, Provenance), MedCom Core (Patient, Encounter),
 * HospitalNotification 3.x, CareCommunication 4.x/5.x, Acknowledgement 2.x.
 *
 * The small value sets below are fixed by the IG versions this file names;
 * the 18 HospitalNotification use cases are data (medcom-usecase.c).
 */
#include <ctype.h>
#include <string.h>

#include "core/cpr.h"
#include "core/medcom-int.h"

#define ERR(rep, code, where, ...)  medcom_add(rep, code, MEDCOM_ERROR, where, __VA_ARGS__)
#define WARN(rep, code, where, ...) medcom_add(rep, code, MEDCOM_WARNING, where, __VA_ARGS__)

#define ACT_CODE_SYSTEM "http://terminology.hl7.org/CodeSystem/v3-ActCode"

/* HospitalNotification Encounter.status (MedComHospitalNotificationEncounterStatus). */
static const char *const hn_statuses[] = {"in-progress", "onleave", "finished", "entered-in-error",
                                          NULL};
/* CareCommunication categories (MedComCareCommunicationCategoryCodes 1.0.1). */
const char *const medcom_cc_categories[] = {"alcohol-and-drug-treatment",
                                            "assistive-devices",
                                            "carecoordination",
                                            "decease",
                                            "discharge",
                                            "examination-results",
                                            "healthcare",
                                            "home-care-assessment",
                                            "medicine",
                                            "nursing",
                                            "outpatient",
                                            "psychiatry-social-disability",
                                            "regarding-referral",
                                            "telemedicine",
                                            "training",
                                            "acute-ambulant",
                                            "extended-care-responsibility",
                                            "other",
                                            NULL};
/* Activities of a current CareCommunication (IG 5.x: no retract or modify). */
static const char *const cc_current_activities[] = {"new-message", "reply-message",
                                                    "forward-message", NULL};
/* Activities allowed in the history of a CareCommunication (4.x had more). */
static const char *const cc_activities[] = {
    "new-message", "reply-message", "forward-message", "retract-message", "modified-message", NULL};
/* Attachment types (MedComCoreAttachmentMimeTypes). */
const char *const medcom_mime_types[] = {"application/pdf", "image/gif", "image/jpeg", "image/png",
                                         "image/tiff",      "image/bmp", NULL};
static const char *const ack_codes[] = {"ok", "transient-error", "fatal-error", NULL};

bool medcom_in_list(const char *const *list, const char *s)
{
    for (int i = 0; list[i]; i++)
        if (!strcmp(list[i], s))
            return true;
    return false;
}

static bool all_digits(const char *s, size_t min, size_t max)
{
    size_t n = strlen(s);
    if (n < min || n > max)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return false;
    return true;
}

/* A dateTime with date, time and zone, as MedCom requires for message times. */
static bool instant_ok(const char *s)
{
    return medcom_datetime_parse(s, NULL);
}

/* ---- the messaging layer (every kind) ----------------------------------- */

/* Sender or receiver: a bundled Organization with a SOR id and an EAN
 * location number (MedComMessagingOrganization). */
static void check_org(struct medcom_report *rep, const struct medcom_org *o, bool sender)
{
    enum medcom_code missing = sender ? MEDCOM_E_SENDER : MEDCOM_E_RECEIVER;
    enum medcom_code ids = sender ? MEDCOM_E_SENDER_ID : MEDCOM_E_RECEIVER_ID;
    const char *who = sender ? "Afsenderen" : "Modtageren";
    const char *where = sender ? "MessageHeader.sender" : "MessageHeader.destination.receiver";
    if (!o->present) {
        ERR(rep, missing, where, "%s (%s) mangler eller er ikke en organisation i meddelelsen.",
            who, where);
        return;
    }
    if (!o->sor[0])
        ERR(rep, ids, where, "%s mangler SOR-id (identifier med system %s).", who, MEDCOM_SYS_SOR);
    else if (!all_digits(o->sor, 1, 20))
        ERR(rep, ids, where, "%s har et SOR-id, der ikke kun er cifre.", who);
    if (!o->ean[0])
        ERR(rep, ids, where, "%s mangler EAN-lokationsnummer (identifier med system %s).", who,
            MEDCOM_SYS_EAN);
    else if (!all_digits(o->ean, 13, 13))
        ERR(rep, ids, where, "%s har et EAN-lokationsnummer, der ikke er 13 cifre.", who);
}

static void check_messaging(const struct medcom_msg *m, struct medcom_report *rep)
{
    const struct medcom_header *h = &m->header;
    if (!m->bundle_id[0])
        ERR(rep, MEDCOM_E_BUNDLE, "Bundle.id", "Meddelelsen mangler Bundle.id.");
    if (!instant_ok(m->timestamp))
        ERR(rep, MEDCOM_E_BUNDLE, "Bundle.timestamp",
            "Bundle.timestamp mangler eller er ikke et tidspunkt med dato, klokkeslæt og "
            "tidszone.");
    if (!h->id[0])
        ERR(rep, MEDCOM_E_HEADER_ID, "MessageHeader.id", "MessageHeader mangler id.");
    if (m->kind == MEDCOM_KIND_UNKNOWN || strcmp(h->event_system, MEDCOM_SYS_EVENT))
        ERR(rep, MEDCOM_E_EVENT, "MessageHeader.eventCoding",
            "Meddelelsestypen '%.60s' (MessageHeader.eventCoding) kendes ikke.", h->event);
    check_org(rep, &h->sender, true);
    if (h->primary_destinations != 1)
        ERR(rep, MEDCOM_E_RECEIVER, "MessageHeader.destination",
            "Meddelelsen skal have præcis én primær modtager (destination med use = primary); "
            "den har %d.",
            h->primary_destinations);
    else
        check_org(rep, &h->receiver, false);
    if (h->destinations > h->primary_destinations && h->primary_destinations == 1)
        ERR(rep, MEDCOM_E_RECEIVER, "MessageHeader.destination",
            "Kopimodtagere (destination med use = cc) er ikke tilladt i denne meddelelsestype.");
    if (!h->source_endpoint[0])
        WARN(rep, MEDCOM_E_SENDER, "MessageHeader.source.endpoint",
             "MessageHeader.source.endpoint mangler; kvitteringen sendes til afsenderens "
             "SOR-adresse.");
    for (int i = 0; i < m->n_dangling; i++)
        ERR(rep, MEDCOM_E_REFERENCE, m->dangling[i].where,
            "Referencen '%.120s' peger ikke på en ressource i meddelelsen.",
            m->dangling[i].reference);
    for (int i = 0; i < m->n_provenances; i++) {
        const struct medcom_provenance *p = &m->provenances[i];
        if (!p->activity[0])
            ERR(rep, MEDCOM_E_ACTIVITY, "Provenance.activity",
                "En Provenance i meddelelsen mangler activity.");
        if (!p->target_id[0])
            ERR(rep, MEDCOM_E_PROVENANCE, "Provenance.target",
                "En Provenance i meddelelsen mangler target.");
    }
    const struct medcom_provenance *cur = medcom_current(m);
    if (!cur) {
        ERR(rep, MEDCOM_E_PROVENANCE, "Provenance",
            "Meddelelsen har ingen Provenance for sig selv (target = denne MessageHeader).");
        return;
    }
    if (!instant_ok(cur->occurred))
        ERR(rep, MEDCOM_E_DATETIME, "Provenance.occurredDateTime",
            "Provenance.occurredDateTime mangler eller er ikke et tidspunkt med dato, "
            "klokkeslæt og tidszone.");
    if (!cur->agent.present)
        ERR(rep, MEDCOM_E_PROVENANCE, "Provenance.agent.who",
            "Provenance.agent.who skal pege på den organisation, der sendte meddelelsen.");
}

/* Exactly one Patient with a valid CPR number; a CareCommunication may
 * instead carry a replacement CPR (erstatnings-CPR). */
static void check_patient(const struct medcom_msg *m, struct medcom_report *rep,
                          bool replacement_ok)
{
    if (m->patient_count != 1) {
        ERR(rep, MEDCOM_E_PATIENT, "Bundle.entry(Patient)",
            "Meddelelsen skal indeholde præcis én patient; den har %d.", m->patient_count);
        if (!m->patient_count)
            return;
    }
    const char *cpr = m->patient.cpr;
    if (!cpr[0]) {
        if (replacement_ok && m->patient.replacement_id[0])
            return;
        ERR(rep, MEDCOM_E_CPR_MISSING, "Patient.identifier",
            "Patienten har intet CPR-nummer (identifier med system %s).", MEDCOM_SYS_CPR);
        return;
    }
    if (!all_digits(cpr, 10, 10) || !cpr_birth_date(cpr, NULL))
        ERR(rep, MEDCOM_E_CPR_INVALID, "Patient.identifier",
            "Patientens CPR-nummer er ikke gyldigt: det skal være 10 cifre, og de første seks "
            "skal være en rigtig fødselsdato.");
}

/* ---- HospitalNotification ----------------------------------------------- */

/* True when activity is a named activity of some use case (the CSV's
 * activities together are MedCom's HospitalNotification activity value set). */
static bool hn_activity(const struct medcom_usecases *uc, const char *activity)
{
    for (int i = 0; i < uc->n; i++)
        for (int k = 0; k < uc->v[i].n_activities; k++)
            if (!strcmp(uc->v[i].activities[k], activity))
                return true;
    return false;
}

static void check_hospital_notification(struct medcom_msg *m, const struct medcom_usecases *uc,
                                        struct medcom_report *rep)
{
    const struct medcom_header *h = &m->header;
    const struct medcom_encounter *e = &m->encounter;
    if (h->focus_count != 1 || strcmp(h->focus_type, "Encounter"))
        ERR(rep, MEDCOM_E_FOCUS, "MessageHeader.focus",
            "Et advis skal have præcis ét fokus, og det skal være et Encounter i meddelelsen.");
    check_patient(m, rep, false);
    if (!e->present) {
        ERR(rep, MEDCOM_E_ENCOUNTER, "Encounter",
            "Advis om sygehusophold mangler sygehusopholdet (Encounter).");
    } else {
        if (!e->status[0] || !medcom_in_list(hn_statuses, e->status))
            ERR(rep, MEDCOM_E_ENC_STATUS, "Encounter.status",
                "Encounter.status '%.40s' er ikke gyldig (in-progress, onleave, finished eller "
                "entered-in-error).",
                e->status);
        if (!e->class_code[0])
            ERR(rep, MEDCOM_E_ENC_CLASS, "Encounter.class", "Encounter.class mangler.");
        else if (!e->class_system[0])
            ERR(rep, MEDCOM_E_ENC_CLASS, "Encounter.class.system",
                "Encounter.class '%.20s' mangler sit kodesystem (Encounter.class.system).",
                e->class_code);
        else if ((!strcmp(e->class_code, "IMP") || !strcmp(e->class_code, "EMER")) &&
                 strcmp(e->class_system, ACT_CODE_SYSTEM))
            ERR(rep, MEDCOM_E_ENC_CLASS, "Encounter.class.system",
                "Encounter.class '%.20s' skal have systemet %s.", e->class_code, ACT_CODE_SYSTEM);
        if (!e->n_episodes)
            ERR(rep, MEDCOM_E_EPISODE, "Encounter.episodeOfCare",
                "Advis om sygehusophold mangler forløbs-id (Encounter.episodeOfCare.identifier).");
        if (!instant_ok(e->start))
            ERR(rep, MEDCOM_E_PERIOD, "Encounter.period.start",
                "Sygehusopholdets starttidspunkt (Encounter.period.start) mangler eller er ikke "
                "et tidspunkt med dato, klokkeslæt og tidszone.");
        if (e->end[0] && !instant_ok(e->end))
            ERR(rep, MEDCOM_E_DATETIME, "Encounter.period.end",
                "Encounter.period.end er ikke et tidspunkt med dato, klokkeslæt og tidszone.");
        if (!strcmp(e->status, "onleave") && !instant_ok(e->leave_start))
            ERR(rep, MEDCOM_E_PERIOD, "Encounter.extension:leavePeriod",
                "En patient på orlov skal have orlovens starttidspunkt (leave-period-extension).");
        if (!e->service_provider.present)
            ERR(rep, MEDCOM_E_ENCOUNTER, "Encounter.serviceProvider",
                "Sygehusafdelingen (Encounter.serviceProvider) mangler.");
    }
    for (int i = 0; i < m->n_provenances; i++) {
        const char *act = m->provenances[i].activity;
        if (act[0] && !hn_activity(uc, act))
            ERR(rep, MEDCOM_E_ACTIVITY, "Provenance.activity",
                "Aktiviteten '%.60s' hører ikke til advis om sygehusophold.", act);
    }
    if (!medcom_current(m) || !e->present)
        return;
    bool role_ok, status_ok;
    const struct medcom_usecase *u = medcom_usecase_match(uc, m, &role_ok, &status_ok);
    if (!u) {
        ERR(rep, MEDCOM_E_USE_CASE, "Encounter|Provenance",
            "Advisets kombination af Encounter.class '%.10s', Encounter.status '%.20s', "
            "aktivitet '%.40s' og Patient.deceased svarer ikke til nogen af de 18 advistyper.",
            e->class_code, e->status, medcom_current(m)->activity);
        return;
    }
    m->use_case = u->code;
    if (!role_ok)
        ERR(rep, MEDCOM_E_ROLE, "Provenance.entity.role",
            "%s: en annullering skal have Provenance.entity.role = removal, og kun en "
            "annullering må have det.",
            u->code);
    if (!status_ok)
        WARN(rep, MEDCOM_E_ENC_STATUS, "Encounter.status",
             "Dødsfald meldt med Encounter.status '%.20s' (forventet: %s).", e->status,
             u->status ? u->status : "-");
    const struct medcom_entity *prior = medcom_prior(m);
    if ((!strncmp(u->code, "RE_", 3) || !strncmp(u->code, "AN_", 3)) &&
        (!prior || !prior->message_id[0]))
        ERR(rep, MEDCOM_E_PROVENANCE, "Provenance.entity.what",
            "%s skal pege på den meddelelse, den retter eller annullerer "
            "(Provenance.entity.what).",
            u->code);
    if (h->report_of_admission == 1 && !strcmp(u->code, "MORS"))
        WARN(rep, MEDCOM_E_PROVENANCE, "MessageHeader.extension:reportOfAdmission",
             "Et dødsfald udløser aldrig en indlæggelsesrapport.");
}

/* ---- CareCommunication -------------------------------------------------- */

static void check_author(const struct medcom_author *au, int k, struct medcom_report *rep)
{
    if (!au->family[0] && !au->given[0])
        ERR(rep, MEDCOM_E_AUTHOR, "Communication.payload.extension:author",
            "Forfatteren af meddelelsesdel %d mangler navn (Practitioner.name).", k + 1);
    if (!au->role_code[0] && !au->role_text[0])
        ERR(rep, MEDCOM_E_AUTHOR, "Communication.payload.extension:author",
            "Forfatteren af meddelelsesdel %d mangler en rolle (PractitionerRole.code).", k + 1);
}

static void check_payloads(const struct medcom_communication *c, struct medcom_report *rep)
{
    int texts = 0;
    for (int k = 0; k < c->n_payloads; k++) {
        const struct medcom_payload *p = &c->payloads[k];
        const char *what = p->is_attachment ? "bilag" : "tekst";
        if (!p->date[0] || !instant_ok(p->date))
            ERR(rep, MEDCOM_E_PAYLOAD, "Communication.payload.extension:date",
                "Meddelelsesdel %d (%s) mangler tidspunkt med dato, klokkeslæt og tidszone.", k + 1,
                what);
        if (!p->identifier[0])
            ERR(rep, MEDCOM_E_PAYLOAD, "Communication.payload.extension:identifier",
                "Meddelelsesdel %d (%s) mangler sit id.", k + 1, what);
        if (p->has_author)
            check_author(&p->author, k, rep);
        if (!p->is_attachment) {
            texts++;
            if (!p->text[0])
                ERR(rep, MEDCOM_E_PAYLOAD, "Communication.payload.contentString",
                    "Meddelelsesdel %d er uden tekst.", k + 1);
            if (!p->has_author)
                ERR(rep, MEDCOM_E_PAYLOAD, "Communication.payload.extension:author",
                    "Meddelelsesdel %d mangler forfatter (PractitionerRole).", k + 1);
            if (!p->contact_value[0])
                ERR(rep, MEDCOM_E_PAYLOAD, "Communication.payload.extension:authorContact",
                    "Meddelelsesdel %d mangler forfatterens telefonnummer.", k + 1);
            continue;
        }
        if (!p->title[0])
            ERR(rep, MEDCOM_E_ATTACHMENT, "Communication.payload.contentAttachment.title",
                "Bilag %d mangler en titel.", k + 1);
        if (p->data[0] && p->url[0])
            ERR(rep, MEDCOM_E_ATTACHMENT, "Communication.payload.contentAttachment",
                "Bilag %d har både indhold og et link.", k + 1);
        if (p->data[0] && !medcom_in_list(medcom_mime_types, p->content_type))
            ERR(rep, MEDCOM_E_ATTACHMENT, "Communication.payload.contentAttachment.contentType",
                "Bilag %d har filtypen '%.40s'; tilladt er PDF, GIF, JPEG, PNG, TIFF og BMP.",
                k + 1, p->content_type);
    }
    if (!texts)
        ERR(rep, MEDCOM_E_PAYLOAD, "Communication.payload",
            "Korrespondancen skal have mindst én meddelelsestekst.");
}

static void check_care_communication(const struct medcom_msg *m, struct medcom_report *rep)
{
    const struct medcom_header *h = &m->header;
    const struct medcom_communication *c = &m->comm;
    if (h->focus_count < 1 || h->focus_count > 2 || strcmp(h->focus_type, "Communication"))
        ERR(rep, MEDCOM_E_FOCUS, "MessageHeader.focus",
            "En korrespondance skal have Communication som fokus (MessageHeader.focus).");
    check_patient(m, rep, true);
    if (!c->present) {
        ERR(rep, MEDCOM_E_COMMUNICATION, "Communication",
            "Korrespondancen mangler sit indhold (Communication).");
        return;
    }
    if (!c->identifier[0])
        ERR(rep, MEDCOM_E_COMMUNICATION, "Communication.identifier",
            "Communication.identifier (korrespondancens tråd-id) mangler.");
    if (!c->category[0] || !medcom_in_list(medcom_cc_categories, c->category) ||
        strcmp(c->category_system, MEDCOM_SYS_CC_CATEGORY))
        ERR(rep, MEDCOM_E_CATEGORY, "Communication.category",
            "Kategorien '%.60s' er ikke en af MedComs kategorier for korrespondance.", c->category);
    if (c->priority[0]) {
        if (strcmp(c->priority, "asap") && strcmp(c->priority, "routine"))
            ERR(rep, MEDCOM_E_PRIORITY, "Communication.priority",
                "Prioriteten '%.20s' er ikke tilladt (kun asap eller routine).", c->priority);
        else if (strcmp(c->category, "regarding-referral"))
            ERR(rep, MEDCOM_E_PRIORITY, "Communication.priority",
                "Prioritet må kun angives, når kategorien er 'regarding-referral' "
                "(vedr. henvisning).");
    }
    if (!strcmp(c->category, "other") && !c->topic[0])
        ERR(rep, MEDCOM_E_TOPIC, "Communication.topic",
            "Kategorien 'other' (andet) kræver et emne (Communication.topic.text).");
    if (m->encounter_count) {
        if (!c->encounter_ref_id[0])
            ERR(rep, MEDCOM_E_ENCOUNTER, "Communication.encounter",
                "Meddelelsen har et Encounter, som Communication.encounter ikke peger på.");
        if (!m->encounter.n_episodes)
            ERR(rep, MEDCOM_E_EPISODE, "Encounter.episodeOfCare",
                "Et Encounter i en korrespondance skal have forløbs-id "
                "(episodeOfCare.identifier).");
    }
    check_payloads(c, rep);
    for (int i = 0; i < m->n_provenances; i++) {
        const char *act = m->provenances[i].activity;
        if (act[0] && !medcom_in_list(cc_activities, act))
            ERR(rep, MEDCOM_E_ACTIVITY, "Provenance.activity",
                "Aktiviteten '%.60s' hører ikke til korrespondancemeddelelsen.", act);
    }
    const struct medcom_provenance *cur = medcom_current(m);
    if (!cur)
        return;
    if (!medcom_in_list(cc_current_activities, cur->activity))
        ERR(rep, MEDCOM_E_ACTIVITY, "Provenance.activity",
            "En korrespondance skal være ny, svar eller videresendt (new-, reply- eller "
            "forward-message), ikke '%.60s'.",
            cur->activity);
    enum medcom_cc_kind kind = medcom_cc_kind_of(m);
    if ((kind == MEDCOM_CC_REPLY || kind == MEDCOM_CC_FORWARD) && !medcom_prior(m))
        ERR(rep, MEDCOM_E_PROVENANCE, "Provenance.entity",
            "Et svar eller en videresendelse skal pege på den meddelelse, den besvarer "
            "(Provenance.entity.what).");
}

/* ---- Acknowledgement ------------------------------------------------------ */

static void check_acknowledgement(const struct medcom_msg *m, struct medcom_report *rep)
{
    const struct medcom_header *h = &m->header;
    if (!h->response_id[0])
        ERR(rep, MEDCOM_E_RESPONSE, "MessageHeader.response.identifier",
            "Kvitteringen siger ikke, hvilken meddelelse den kvitterer for "
            "(MessageHeader.response.identifier).");
    if (!medcom_in_list(ack_codes, h->response_code))
        ERR(rep, MEDCOM_E_RESPONSE, "MessageHeader.response.code",
            "Kvitteringens svarkode '%.30s' er ikke ok, transient-error eller fatal-error.",
            h->response_code);
    else if (strcmp(h->response_code, "ok") && !m->has_outcome)
        ERR(rep, MEDCOM_E_OUTCOME, "OperationOutcome",
            "En negativ kvittering skal have en OperationOutcome, der siger hvad der er galt.");
}

bool medcom_validate(struct medcom_msg *m, const struct medcom_usecases *uc,
                     struct medcom_report *rep)
{
    int before = rep->errors;
    m->use_case = "";
    if (!m->header_count) {
        ERR(rep, MEDCOM_E_HEADER_MISSING, "Bundle.entry[0]",
            "Meddelelsen har ingen MessageHeader.");
        return false;
    }
    if (m->header_count > 1)
        ERR(rep, MEDCOM_E_HEADER_MISSING, "Bundle.entry(MessageHeader)",
            "Meddelelsen har %d MessageHeader; der må kun være én.", m->header_count);
    else if (m->header_index != 0)
        ERR(rep, MEDCOM_E_HEADER_MISSING, "Bundle.entry[0]",
            "MessageHeader skal være den første ressource i meddelelsen.");
    check_messaging(m, rep);
    switch (m->kind) {
    case MEDCOM_KIND_HOSPITAL_NOTIFICATION:
        if (!uc)
            ERR(rep, MEDCOM_E_INTERNAL, "", "Intern fejl: advistyperne er ikke indlæst.");
        else
            check_hospital_notification(m, uc, rep);
        break;
    case MEDCOM_KIND_CARE_COMMUNICATION:
        check_care_communication(m, rep);
        break;
    case MEDCOM_KIND_ACKNOWLEDGEMENT:
        check_acknowledgement(m, rep);
        break;
    case MEDCOM_KIND_EMPTY:
    case MEDCOM_KIND_UNKNOWN:
        break;
    }
    return rep->errors == before;
}
