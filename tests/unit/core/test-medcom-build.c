/* Unit tests for the messages omsorg sends (core/medcom-build.c,
 * -admission.c): the acknowledgement and the CareCommunication are built,
 * read back with our own parser (JSON and XML) and checked field by field;
 * the admission report's check, text and XDIS16 letter. Run from the
 * repository root. */
#include "medcom-test.h"

#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#define NOW ((time_t)1772366400) /* 2026-03-01T12:00:00Z */

#define STIN                                                                                       \
    MEDCOM_DATA "examples/hospitalnotification/STIN-a5e5b880-c087-4055-b9ec-99108695f81d.json"
#define CC_NEW                                                                                     \
    MEDCOM_DATA "examples/carecommunication/new-add5e7e2-0c0f-4a4a-bfff-f6f984fa7e3c.json"

static void read_path(struct mt_state *s, const char *path, struct medcom_msg *m,
                      struct medcom_report *rep)
{
    size_t len;
    char *text = mt_slurp(path, &len);
    mt_read(text, len, &s->a, &s->uc, m, rep);
    free(text);
}

/* Read a message we built, from JSON and from XML (the C writer), and
 * require both valid and equal. */
static void read_built(struct mt_state *s, const char *json, struct medcom_msg *m)
{
    struct medcom_report rep, wr;
    if (mt_read(json, strlen(json), &s->a, &s->uc, m, &rep)) {
        mt_print("built", &rep);
        fail_msg("a message we built is not valid");
    }
    medcom_report_init(&wr, &s->a);
    char *xml = medcom_json_to_xml(json, strlen(json), &wr);
    assert_non_null(xml);
    struct medcom_msg x;
    if (mt_read(xml, strlen(xml), &s->a, &s->uc, &x, &rep)) {
        mt_print("built (XML)", &rep);
        fail_msg("a message we built is not valid as XML");
    }
    mt_same_msg(m, &x);
    free(xml);
}

static void assert_uuid(const char *s)
{
    assert_int_equal(strlen(s), 36);
    assert_int_equal(s[14], '4');
}

/* ---- acknowledgement -------------------------------------------------------- */

/* ok for a valid STIN: build → parse → the same fields. */
static void ack_ok_round_trip(void **st)
{
    struct mt_state *s = *st;
    struct medcom_msg in, ack;
    struct medcom_report rep, out;
    read_path(s, STIN, &in, &rep);
    assert_int_equal(rep.errors, 0);
    medcom_report_init(&out, &s->a);
    char *json = medcom_build_ack(&in, medcom_ack_code_for(&rep), &rep, NOW, &out);
    assert_non_null(json);
    read_built(s, json, &ack);
    assert_int_equal(ack.kind, MEDCOM_KIND_ACKNOWLEDGEMENT);
    assert_string_equal(ack.header.event, "acknowledgement-message");
    assert_string_equal(ack.header.response_id, in.header.id);
    assert_string_equal(ack.header.response_code, "ok");
    assert_false(ack.has_outcome); /* nothing to say */
    /* It goes back to the sender, from the receiver. */
    assert_string_equal(ack.header.receiver.ean, in.header.sender.ean);
    assert_string_equal(ack.header.receiver.sor, in.header.sender.sor);
    assert_string_equal(ack.header.sender.ean, in.header.receiver.ean);
    assert_string_equal(ack.header.destination_endpoint, in.header.source_endpoint);
    assert_string_equal(ack.header.source_endpoint, in.header.destination_endpoint);
    /* The acknowledged message's Provenance and ours. */
    assert_int_equal(ack.n_provenances, 2);
    assert_string_equal(ack.provenances[0].activity, "admit-inpatient");
    assert_string_equal(ack.provenances[0].target_id, in.header.id);
    const struct medcom_provenance *cur = medcom_current(&ack);
    assert_non_null(cur);
    assert_string_equal(cur->activity, "acknowledgement");
    assert_string_equal(cur->occurred, "2026-03-01T12:00:00Z");
    assert_string_equal(cur->agent.ean, in.header.receiver.ean);
    assert_string_equal(medcom_prior(&ack)->role, "revision");
    assert_string_equal(medcom_prior(&ack)->message_id, in.header.id);
    assert_string_equal(ack.timestamp, "2026-03-01T12:00:00Z");
    assert_uuid(ack.bundle_id);
    assert_uuid(ack.header.id);

    /* Every build has new ids. */
    char *again = medcom_build_ack(&in, MEDCOM_ACK_OK, &rep, NOW, &out);
    struct medcom_msg ack2;
    read_built(s, again, &ack2);
    assert_string_not_equal(ack.bundle_id, ack2.bundle_id);
    assert_string_not_equal(ack.header.id, ack2.header.id);
    free(again);
    free(json);
}

/* fatal-error for a wrong CPR: an OperationOutcome with the Danish message. */
static void ack_fatal_says_what_is_wrong(void **st)
{
    struct mt_state *s = *st;
    struct medcom_msg in, ack;
    struct medcom_report rep, out;
    read_path(s, MEDCOM_DATA "broken/cpr-wrong-date.json", &in, &rep);
    assert_true(rep.errors > 0);
    enum medcom_ack_code code = medcom_ack_code_for(&rep);
    assert_int_equal(code, MEDCOM_ACK_FATAL);
    medcom_report_init(&out, &s->a);
    char *json = medcom_build_ack(&in, code, &rep, NOW, &out);
    assert_non_null(json);
    read_built(s, json, &ack);
    assert_string_equal(ack.header.response_code, "fatal-error");
    assert_true(ack.has_outcome);
    assert_int_equal(ack.n_issues, rep.count);
    const struct medcom_problem *p = medcom_report_find(&rep, MEDCOM_E_CPR_INVALID);
    bool found = false;
    for (int i = 0; i < ack.n_issues; i++)
        if (!strcmp(ack.issues[i].text, p->message)) {
            found = true;
            assert_string_equal(ack.issues[i].severity, "error");
            assert_string_equal(ack.issues[i].detail_code, "MSG_BAD_FORMAT");
        }
    assert_true(found);
    assert_null(strstr(json, "3213479989")); /* no CPR number in the answer */
    free(json);
}

/* transient-error without problems still explains itself. */
static void ack_transient(void **st)
{
    struct mt_state *s = *st;
    struct medcom_msg in, ack;
    struct medcom_report rep, out;
    read_path(s, CC_NEW, &in, &rep);
    medcom_report_init(&out, &s->a);
    char *json = medcom_build_ack(&in, MEDCOM_ACK_TRANSIENT, NULL, NOW, &out);
    assert_non_null(json);
    read_built(s, json, &ack);
    assert_string_equal(ack.header.response_code, "transient-error");
    assert_int_equal(ack.n_issues, 1);
    assert_string_equal(ack.issues[0].detail_code, "MSG_Mailbox_Out_Of_Operation");
    assert_non_null(strstr(ack.issues[0].text, "Send den igen"));
    free(json);
}

/* Without a sender there is nobody to answer. */
static void ack_needs_a_sender(void **st)
{
    struct mt_state *s = *st;
    struct medcom_msg in;
    struct medcom_report rep, out;
    read_path(s, MEDCOM_DATA "broken/bad-reference-sender.json", &in, &rep);
    medcom_report_init(&out, &s->a);
    assert_null(medcom_build_ack(&in, MEDCOM_ACK_FATAL, &rep, NOW, &out));
    assert_non_null(medcom_report_find(&out, MEDCOM_E_INPUT));
    read_path(s, MEDCOM_DATA "broken/missing-header.json", &in, &rep);
    medcom_report_init(&out, &s->a);
    assert_null(medcom_build_ack(&in, MEDCOM_ACK_FATAL, &rep, NOW, &out));
}

/* ---- CareCommunication ------------------------------------------------------ */

static const struct medcom_party_org municipality = {"Herlev Kommune, Hjemmeplejen",
                                                     "953741000016009", "5790001348120", ""};
static const struct medcom_party_org hospital = {"Hjerteafdelingen", "265161000016000",
                                                 "5790000209354", ""};

static struct medcom_cc_in new_message(void)
{
    static const unsigned char pdf[] = "%PDF-1.4 plan";
    static struct medcom_cc_attachment_in att[2];
    att[0] = (struct medcom_cc_attachment_in){.title = "Plejeplan",
                                              .content_type = "application/pdf",
                                              .data = pdf,
                                              .data_len = sizeof pdf - 1,
                                              .creation = "2026-02-28T09:00:00+01:00"};
    att[1] =
        (struct medcom_cc_attachment_in){.title = "Borger.dk", .url = "https://www.borger.dk/"};
    return (struct medcom_cc_in){
        .kind = MEDCOM_CC_NEW,
        .sender = municipality,
        .receiver = hospital,
        .cpr = "2509479989",
        .family = "Elmer",
        .given = "Bruno",
        .category = "regarding-referral",
        .priority = "asap",
        .topic = "Udskrivelse <i morgen> & hjemmehjælp",
        .episode_system = "https://sor2.sum.dsdn.dk/#id=265161000016000",
        .episode_value = "bd481c38-a921-11ed-afa1-0242ac120002",
        .sender_team = "Team Nord",
        .recipient_team = "Afsnit 7",
        .text = "Borgeren har hjemmehjælp morgen og aften.\nRing gerne før udskrivelsen.",
        .author = {"Sofie", "Østergaard", "sygeplejerske", "", "44527000"},
        .attachments = att,
        .n_attachments = 2,
    };
}

static void cc_new_round_trip(void **st)
{
    struct mt_state *s = *st;
    struct medcom_cc_in in = new_message();
    struct medcom_report rep;
    medcom_report_init(&rep, &s->a);
    char *json = medcom_build_carecommunication(&in, NOW, &rep);
    if (!json)
        mt_print("cc", &rep);
    assert_non_null(json);
    struct medcom_msg m;
    read_built(s, json, &m);
    assert_int_equal(m.kind, MEDCOM_KIND_CARE_COMMUNICATION);
    assert_int_equal(medcom_cc_kind_of(&m), MEDCOM_CC_NEW);
    assert_null(medcom_prior(&m));
    assert_string_equal(m.header.definition,
                        "http://medcomfhir.dk/ig/messagedefinitions/MessageDefinition/"
                        "MedComCareCommunicationMessageDefinition|5.0");
    assert_string_equal(m.header.sender.ean, municipality.ean);
    assert_string_equal(m.header.receiver.sor, hospital.sor);
    assert_string_equal(m.header.destination_endpoint,
                        "https://sor2.sum.dsdn.dk/#id=265161000016000");
    assert_string_equal(m.patient.cpr, "2509479989");
    assert_string_equal(m.patient.given, "Bruno");
    const struct medcom_communication *c = &m.comm;
    assert_int_equal(strncmp(c->identifier, "urn:uuid:", 9), 0);
    assert_uuid(c->identifier + 9);
    assert_string_equal(c->category, "regarding-referral");
    assert_string_equal(c->priority, "asap");
    assert_string_equal(c->topic, in.topic);
    assert_string_equal(c->status, "unknown");
    assert_string_equal(c->sender.type, "CareTeam");
    assert_string_equal(c->sender.name, "Team Nord");
    assert_string_equal(c->sender.org.ean, municipality.ean);
    assert_string_equal(c->recipient.name, "Afsnit 7");
    assert_string_equal(c->recipient.org.ean, hospital.ean);
    assert_int_equal(m.encounter.n_episodes, 1);
    assert_string_equal(m.encounter.episodes[0].value, in.episode_value);
    assert_int_equal(c->n_payloads, 3);
    assert_string_equal(c->payloads[0].text, in.text);
    assert_string_equal(c->payloads[0].author.family, "Østergaard");
    assert_string_equal(c->payloads[0].author.role_code, "sygeplejerske");
    assert_string_equal(c->payloads[0].contact_value, "44527000");
    assert_string_equal(c->payloads[0].date, "2026-03-01T12:00:00Z");
    assert_true(c->payloads[1].is_attachment);
    assert_string_equal(c->payloads[1].data, "JVBERi0xLjQgcGxhbg=="); /* "%PDF-1.4 plan" */
    assert_string_equal(c->payloads[1].content_type, "application/pdf");
    assert_string_equal(c->payloads[1].creation, "2026-02-28T09:00:00+01:00");
    assert_string_equal(c->payloads[2].url, "https://www.borger.dk/");
    /* Every segment is named in our Provenance. */
    const struct medcom_provenance *cur = medcom_current(&m);
    assert_int_equal(cur->n_entities, 3);
    for (int k = 0; k < 3; k++)
        assert_string_equal(cur->entities[k].identifier, c->payloads[k].identifier);
    free(json);
}

/* Reply and forward carry the thread, the segments and the history. */
static void cc_reply_and_forward(void **st)
{
    struct mt_state *s = *st;
    struct medcom_cc_in in = new_message();
    struct medcom_report rep;
    medcom_report_init(&rep, &s->a);
    char *first = medcom_build_carecommunication(&in, NOW, &rep);
    struct medcom_msg m1;
    read_built(s, first, &m1);

    struct medcom_cc_in reply = {.kind = MEDCOM_CC_REPLY,
                                 .sender = hospital,
                                 .receiver = municipality,
                                 .prior = &m1,
                                 .text = "Tak. Udskrivelse i morgen kl. 10.",
                                 .author = {"Ann Marie", "Wounds", "", "Visitator", "38683868"}};
    char *second = medcom_build_carecommunication(&reply, NOW + 3600, &rep);
    assert_non_null(second);
    struct medcom_msg m2;
    read_built(s, second, &m2);
    assert_int_equal(medcom_cc_kind_of(&m2), MEDCOM_CC_REPLY);
    assert_string_equal(m2.comm.identifier, m1.comm.identifier); /* same thread */
    assert_string_equal(m2.comm.category, m1.comm.category);
    assert_string_equal(m2.comm.topic, m1.comm.topic);
    assert_string_equal(medcom_prior(&m2)->message_id, m1.header.id);
    assert_int_equal(m2.comm.n_payloads, 4);
    for (int k = 0; k < 3; k++) {
        assert_string_equal(m2.comm.payloads[k].identifier, m1.comm.payloads[k].identifier);
        assert_string_equal(m2.comm.payloads[k].date, m1.comm.payloads[k].date);
    }
    assert_string_equal(m2.comm.payloads[0].author.family, "Østergaard");
    assert_int_equal(m2.comm.payloads[1].data_len, 0); /* metadata only in a reply */
    assert_string_equal(m2.comm.payloads[1].title, "Plejeplan");
    assert_string_equal(m2.comm.payloads[2].url, "https://www.borger.dk/");
    assert_string_equal(m2.comm.payloads[3].text, reply.text);
    assert_string_equal(m2.comm.payloads[3].author.role_text, "Visitator");
    assert_string_equal(m2.comm.payloads[3].author.given, "Ann Marie");
    assert_int_equal(m2.n_provenances, 2);
    assert_string_equal(m2.provenances[0].activity, "new-message");
    assert_string_equal(m2.patient.cpr, "2509479989");
    assert_int_equal(m2.encounter.n_episodes, 1); /* the stay carried over */

    struct medcom_party_org gp = {"Lægehuset", "1042981000016003", "5790001348120", ""};
    struct medcom_cc_in fwd = {.kind = MEDCOM_CC_FORWARD,
                               .sender = municipality,
                               .receiver = gp,
                               .prior = &m2,
                               .category = "carecoordination",
                               .text = "Til orientering.",
                               .author = {"Sofie", "Østergaard", "sygeplejerske", "", "44527000"}};
    /* The reply held the PDF as metadata only; without its stored content
     * a forward is refused. */
    medcom_report_init(&rep, &s->a);
    assert_null(medcom_build_carecommunication(&fwd, NOW + 7200, &rep));
    assert_int_equal(rep.errors, 1);
    struct medcom_cc_stored kept = {m1.comm.payloads[1].identifier, m1.comm.payloads[1].data};
    fwd.stored = &kept;
    fwd.n_stored = 1;
    char *third = medcom_build_carecommunication(&fwd, NOW + 7200, &rep);
    assert_non_null(third);
    struct medcom_msg m3;
    read_built(s, third, &m3);
    assert_int_equal(medcom_cc_kind_of(&m3), MEDCOM_CC_FORWARD);
    assert_string_not_equal(m3.comm.identifier, m1.comm.identifier); /* a new thread */
    assert_string_equal(m3.comm.category, "carecoordination");
    assert_string_equal(m3.comm.topic, "");
    assert_int_equal(m3.comm.n_payloads, 5);
    assert_string_equal(m3.comm.payloads[1].data, m1.comm.payloads[1].data); /* data again */
    assert_int_equal(m3.n_provenances, 3);
    /* The hospital acted on an earlier message: it is in the Bundle. */
    assert_string_equal(m3.provenances[1].agent.ean, hospital.ean);
    assert_string_equal(medcom_prior(&m3)->message_id, m2.header.id);
    free(first);
    free(second);
    free(third);
}

/* A reply to one of MedCom's own examples. */
static void cc_reply_to_a_medcom_example(void **st)
{
    struct mt_state *s = *st;
    struct medcom_msg prior, m;
    struct medcom_report rep;
    read_path(s,
              MEDCOM_DATA "examples/carecommunication/"
                          "reply-with-attachment-d11968f5-4bdf-4b50-b146-a8e1cc890fc3.json",
              &prior, &rep);
    assert_int_equal(rep.errors, 0);
    struct medcom_party_org them = {"", prior.header.sender.sor, prior.header.sender.ean, ""};
    struct medcom_cc_in reply = {
        .kind = MEDCOM_CC_REPLY,
        .sender = municipality,
        .receiver = them,
        .prior = &prior,
        .text = "Modtaget.",
        .author = {"Sofie", "Østergaard", "sygeplejerske", "", "44527000"}};
    medcom_report_init(&rep, &s->a);
    char *json = medcom_build_carecommunication(&reply, NOW, &rep);
    if (!json)
        mt_print("reply", &rep);
    assert_non_null(json);
    read_built(s, json, &m);
    assert_int_equal(m.comm.n_payloads, prior.comm.n_payloads + 1);
    assert_int_equal(m.n_provenances, prior.n_provenances + 1);
    assert_string_equal(m.comm.identifier, prior.comm.identifier);
    for (int k = 0; k < prior.comm.n_payloads; k++) {
        assert_string_equal(m.comm.payloads[k].text, prior.comm.payloads[k].text);
        assert_string_equal(m.comm.payloads[k].author.family, prior.comm.payloads[k].author.family);
    }
    free(json);
}

/* Bad input gives Danish problems and no message. */
static void cc_input_errors(void **st)
{
    struct mt_state *s = *st;
    struct medcom_report rep;
    struct medcom_cc_in in = new_message();
    in.text = "";
    in.category = "gossip";
    in.cpr = "3213479989";
    in.author.phone = "";
    in.sender.ean = "123";
    medcom_report_init(&rep, &s->a);
    assert_null(medcom_build_carecommunication(&in, NOW, &rep));
    assert_true(rep.errors >= 5);
    for (int i = 0; i < rep.count; i++)
        assert_int_equal(rep.items[i].code, MEDCOM_E_INPUT);

    in = new_message();
    in.category = "nursing"; /* priority only with regarding-referral */
    medcom_report_init(&rep, &s->a);
    assert_null(medcom_build_carecommunication(&in, NOW, &rep));
    assert_int_equal(rep.errors, 1);

    in = new_message();
    in.category = "other";
    in.priority = "";
    in.topic = "";
    medcom_report_init(&rep, &s->a);
    assert_null(medcom_build_carecommunication(&in, NOW, &rep));
    assert_int_equal(rep.errors, 1);

    in = new_message();
    struct medcom_cc_attachment_in bad = {.title = "x",
                                          .content_type = "application/zip",
                                          .data = (const unsigned char *)"PK",
                                          .data_len = 2};
    in.attachments = &bad;
    in.n_attachments = 1;
    medcom_report_init(&rep, &s->a);
    assert_null(medcom_build_carecommunication(&in, NOW, &rep));

    in = new_message();
    in.kind = MEDCOM_CC_REPLY; /* a reply without what it answers */
    medcom_report_init(&rep, &s->a);
    assert_null(medcom_build_carecommunication(&in, NOW, &rep));
}

/* ---- the admission report ----------------------------------------------------- */

static const struct medcom_ar_service services[] = {
    {"Personlig pleje", "morgen og aften", "Hjælp til bad tirsdag og fredag"},
    {"Praktisk hjælp", "hver 14. dag", ""},
};
static const struct medcom_ar_function functions[] = {
    {"J1.1", "Vaske sig", 2, "Moderate begrænsninger", ""},
    {"J4.3", "Gå", 3, "", "Bruger rollator <indendørs> & udendørs"},
};
static const struct medcom_ar_person contacts[] = {
    {"hjemmesygeplejerske", "Sofie Østergaard", "44527000", ""}};
static const struct medcom_ar_person relatives[] = {
    {"datter", "Anne Marie Elmer", "20304050", "informeret om indlæggelsen"}};

static struct medcom_admission_report report(void)
{
    return (struct medcom_admission_report){
        .sender = municipality,
        .receiver = hospital,
        .letter_id = "AR-1",
        .episode_value = "bd481c38-a921-11ed-afa1-0242ac120002",
        .episode_system = "https://sor2.sum.dsdn.dk/#id=265161000016000",
        .notification_id = "b9b4818e-02de-4cc4-b418-d20cbc7b5404",
        .cpr = "2509479989",
        .family = "Elmer",
        .given = "Bruno",
        .address = "Herlev Bygade 1, 2730 Herlev",
        .contact_name = "Visitationen",
        .contact_phone = "44527000",
        .contact_hours = "hverdage 8–15",
        .services = services,
        .n_services = 2,
        .functions = functions,
        .n_functions = 2,
        .contacts = contacts,
        .n_contacts = 1,
        .relatives = relatives,
        .n_relatives = 1,
        .what_matters = "At komme hjem til katten.",
        .aids = "Rollator, badebænk",
        .health_summary = "Hjertesvigt.",
    };
}

static void admission_text(void **st)
{
    struct mt_state *s = *st;
    struct medcom_admission_report ar = report();
    struct medcom_report rep;
    medcom_report_init(&rep, &s->a);
    assert_true(medcom_admission_check(&ar, &rep));
    char *text = medcom_admission_text(&ar);
    assert_non_null(text);
    mt_contains(text, (const char *const[]){
                          "Borger: Bruno Elmer, CPR 250947-9989",
                          "forløbs-id): bd481c38-a921-11ed-afa1-0242ac120002",
                          "- Personlig pleje: morgen og aften. Hjælp til bad",
                          "- J1.1 Vaske sig: niveau 2 (Moderate begrænsninger)",
                          "- J4.3 Gå: niveau 3. Bruger rollator",
                          "Hvad er vigtigt for borgeren\nAt komme hjem til katten.",
                          "- datter: Anne Marie Elmer, tlf. 20304050 (informeret",
                          "Kontakt i kommunen: Visitationen, tlf. 44527000 (hverdage", NULL});
    free(text);
}

static void admission_xdis16(void **st)
{
    struct mt_state *s = *st;
    struct medcom_admission_report ar = report();
    struct medcom_report rep;
    medcom_report_init(&rep, &s->a);
    char *xml = medcom_admission_xdis16(&ar, NOW, &rep);
    assert_non_null(xml);
    xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), NULL, NULL,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    assert_non_null(doc); /* well-formed, escapes applied */
    xmlNode *root = xmlDocGetRootElement(doc);
    assert_string_equal((const char *)root->name, "ReportOfAdmission");
    xmlFreeDoc(doc);
    mt_contains(xml, (const char *const[]){
                         "<EpisodeOfCareIdentifier>bd481c38-a921-11ed-afa1-0242ac120002",
                         "<CivilRegistrationNumber>2509479989<", "<Identifier>AR-1</Identifier>",
                         "<StatisticalCode>XDIS16</StatisticalCode>",
                         "<EANIdentifier>5790000209354</EANIdentifier>",
                         "&lt;indendørs&gt; &amp; udendørs",
                         "<PersonSurnameName>Elmer</PersonSurnameName>",
                         "<PersonGivenName>Anne Marie</PersonGivenName>",
                         "<ServiceHeadline>Praktisk hjælp</ServiceHeadline>", NULL});
    free(xml);
}

static void admission_check_refuses(void **st)
{
    struct mt_state *s = *st;
    struct medcom_report rep;
    struct medcom_admission_report ar = report();
    ar.episode_value = "";
    ar.contact_phone = "";
    ar.n_services = 0;
    struct medcom_ar_function bad[] = {{"J1.1", "Vaske sig", 5, "", ""}};
    ar.functions = bad;
    ar.n_functions = 1;
    struct medcom_ar_person nophone[] = {{"søn", "Ole", "", ""}};
    ar.relatives = nophone;
    medcom_report_init(&rep, &s->a);
    assert_false(medcom_admission_check(&ar, &rep));
    assert_int_equal(rep.errors, 5);
    medcom_report_init(&rep, &s->a);
    assert_null(medcom_admission_xdis16(&ar, NOW, &rep));
    ar = report();
    ar.cpr = "2509479989x";
    medcom_report_init(&rep, &s->a);
    assert_false(medcom_admission_check(&ar, &rep));
}

/* ---- the XML writer ----------------------------------------------------------- */

static void json_to_xml_refuses_bad_input(void **st)
{
    struct mt_state *s = *st;
    struct medcom_report rep;
    medcom_report_init(&rep, &s->a);
    assert_null(medcom_json_to_xml("{", 1, &rep));
    assert_int_equal(rep.items[0].code, MEDCOM_E_MALFORMED_JSON);
    medcom_report_init(&rep, &s->a);
    const char *no_type = "{\"id\": \"x\"}";
    assert_null(medcom_json_to_xml(no_type, strlen(no_type), &rep));
    medcom_report_init(&rep, &s->a);
    const char *bad_div = "{\"resourceType\":\"Patient\",\"text\":{\"div\":\"<div>\"}}";
    assert_null(medcom_json_to_xml(bad_div, strlen(bad_div), &rep));
    /* Primitive types become value attributes. */
    medcom_report_init(&rep, &s->a);
    const char *types = "{\"resourceType\":\"Patient\",\"active\":true,\"n\":3,\"r\":1.5,"
                        "\"extension\":[{\"url\":\"u\",\"valueString\":\"<&>\"}]}";
    char *xml = medcom_json_to_xml(types, strlen(types), &rep);
    assert_non_null(xml);
    mt_contains(xml, (const char *const[]){"<active value=\"true\"/>", "<n value=\"3\"/>",
                                           "<r value=\"1.5\"/>", "<extension url=\"u\">",
                                           "<valueString value=\"&lt;&amp;&gt;\"/>", NULL});
    free(xml);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ack_ok_round_trip),
        cmocka_unit_test(ack_fatal_says_what_is_wrong),
        cmocka_unit_test(ack_transient),
        cmocka_unit_test(ack_needs_a_sender),
        cmocka_unit_test(cc_new_round_trip),
        cmocka_unit_test(cc_reply_and_forward),
        cmocka_unit_test(cc_reply_to_a_medcom_example),
        cmocka_unit_test(cc_input_errors),
        cmocka_unit_test(admission_text),
        cmocka_unit_test(admission_xdis16),
        cmocka_unit_test(admission_check_refuses),
        cmocka_unit_test(json_to_xml_refuses_bad_input),
    };
    return cmocka_run_group_tests(tests, mt_setup, mt_teardown);
}
