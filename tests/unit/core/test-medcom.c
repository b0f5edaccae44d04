/* Unit tests for reading MedCom messages (core/medcom-parse.c, -xml.c,
 * -usecase.c, -validate.c, -time.c): every MedCom example from JSON and
 * XML to the same struct, all 18 use cases, every broken variant, size
 * limits, references, times. Run from the repository root. */
#include "medcom-test.h"

#include <jansson.h>

#include "core/medcom-int.h"
#include "lib/strbuf.h"

/* Every example MedCom publishes, with what it must read as. */
static const struct example {
    const char *path; /* under examples/ and (as .xml) xml/ */
    enum medcom_kind kind;
    const char *use_case;
    const char *header_id;
    int errors; /* 0, except where MedCom's example itself is wrong */
} examples[] = {
    {"hospitalnotification/STIN-a5e5b880-c087-4055-b9ec-99108695f81d",
     MEDCOM_KIND_HOSPITAL_NOTIFICATION, "STIN", "b9b4818e-02de-4cc4-b418-d20cbc7b5404", 0},
    {"hospitalnotification/STIN-m908i967-9ie3-9023-b9ec-98108695f01d",
     MEDCOM_KIND_HOSPITAL_NOTIFICATION, "STIN", "o9b4818e-12de-5cc4-c418-d30cbc7b5404", 0},
    {"hospitalnotification/STIN-n73ccf30-80b9-4bd2-bf50-1ac1914498f0",
     MEDCOM_KIND_HOSPITAL_NOTIFICATION, "STIN", "1ca19ddf-31bc-4597-8739-968c38dd88f8", 0},
    {"hospitalnotification/RE_STIN-bfab3e80-9584-11ec-b909-0242ac120002",
     MEDCOM_KIND_HOSPITAL_NOTIFICATION, "RE_STIN", "cc47c1e2-78e6-4291-b071-f423a4f7fbfe", 0},
    {"hospitalnotification/AN_STIN-c83671a4-9584-11ec-b909-0242ac120002",
     MEDCOM_KIND_HOSPITAL_NOTIFICATION, "AN_STIN", "d8749b54-1aeb-4089-8941-8d876bdffc51", 0},
    {"hospitalnotification/STOR-d3128d9b-cede-4c7f-8904-809eab322d7d",
     MEDCOM_KIND_HOSPITAL_NOTIFICATION, "STOR", "e563a2b2-bf92-4b13-bbd2-0a021a95bded", 0},
    {"hospitalnotification/SLOR-e94de8ee-bd94-475e-b454-b8fbbef8a685",
     MEDCOM_KIND_HOSPITAL_NOTIFICATION, "SLOR", "f47254da-f170-46f0-b624-4778a9c92b1f", 0},
    {"hospitalnotification/SLHJ-f4aa42a4-86db-4e68-9b38-9dda0dfd5774",
     MEDCOM_KIND_HOSPITAL_NOTIFICATION, "SLHJ", "g1affa53-c157-4080-abb0-8e681524f969", 0},
    {"hospitalnotification/SLHJ-kcab461b-f44e-4d97-a041-ef7e64800587",
     MEDCOM_KIND_HOSPITAL_NOTIFICATION, "SLHJ", "m9bea09c-e662-4d59-b84f-9af570b57f42", 0},
    {"hospitalnotification/MORS-g099bbf3-3fca-4722-a248-bfe1aa956410",
     MEDCOM_KIND_HOSPITAL_NOTIFICATION, "MORS", "hefc6d95-6161-4493-99c9-f359488dedb8", 0},
    {"hospitalnotification/MORS-ld31e08a-b91f-49c3-841a-ce80e6380517",
     MEDCOM_KIND_HOSPITAL_NOTIFICATION, "MORS", "nabb68aa-c97b-4905-a60c-71ff3209fd51", 0},
    {"hospitalnotification/STAA-h1c8e4a8-6b45-4669-94ad-2a99ad96bf03",
     MEDCOM_KIND_HOSPITAL_NOTIFICATION, "STAA", "i50fc5fe-2d11-4ef3-acac-2e2e5c6c0029", 0},
    {"hospitalnotification/ig-2.0.0/RE_STAA-i3c2c3c0-ee07-41fd-b1a2-359eb0ccabe4",
     MEDCOM_KIND_HOSPITAL_NOTIFICATION, "RE_STAA", "k06f2487-7aab-4e35-9a80-70431060a7e8", 0},
    {"hospitalnotification/ig-2.0.0/AN_STAA-j1f8b295-821f-4d2f-9ec4-71f228ed65fe",
     MEDCOM_KIND_HOSPITAL_NOTIFICATION, "AN_STAA", "l3398a98-37ed-4bff-8e19-cc78ccb5b5f2", 0},
    {"carecommunication/new-add5e7e2-0c0f-4a4a-bfff-f6f984fa7e3c", MEDCOM_KIND_CARE_COMMUNICATION,
     "", "42cb9200-f421-4d08-8391-7d51a2503cb4", 0},
    {"carecommunication/new-0d5b3c18-fab6-4d93-9d88-c9c8abf1f18c", MEDCOM_KIND_CARE_COMMUNICATION,
     "", "025bdfdd-397b-43e2-9e8c-272664a6e471", 0},
    {"carecommunication/new-with-attachment-gfd00bc2-9c26-4174-934e-f6e4360845de",
     MEDCOM_KIND_CARE_COMMUNICATION, "", "375293b8-2f91-4d08-b13a-83ea76b6d001", 0},
    {"carecommunication/reply-with-attachment-b56549f7-ed10-422d-8088-f7222b686e46",
     MEDCOM_KIND_CARE_COMMUNICATION, "", "d5bd2111-2576-48d3-84d4-8be0297a038d", 0},
    {"carecommunication/reply-3dcb5618-3055-406a-9034-1b8fc8de0fea", MEDCOM_KIND_CARE_COMMUNICATION,
     "", "4dff3695-218d-4878-838a-5f23cbba6f82", 0},
    {"carecommunication/forward-with-attachment-c0426e3e-978f-46e8-a366-a30f27854b0a",
     MEDCOM_KIND_CARE_COMMUNICATION, "", "aac67161-d0de-4933-a78c-060beafb4814", 0},
    {"carecommunication/reply-with-attachment-d11968f5-4bdf-4b50-b146-a8e1cc890fc3",
     MEDCOM_KIND_CARE_COMMUNICATION, "", "2654e182-cfee-4537-b744-e36231ebe2f3", 0},
    {"carecommunication/reply-to-oioxml-k7bfbc0c-553d-11ed-bdc3-0242ac120002",
     MEDCOM_KIND_CARE_COMMUNICATION, "", "3076d9b0-5521-11ed-bdc3-0242ac120002", 0},
    {"acknowledgement/ok-a8c041b8-c65a-4fde-a90f-962076918834", MEDCOM_KIND_ACKNOWLEDGEMENT, "",
     "aba2d9bf-2c6c-47e8-bce4-7928bcd51019", 0},
    {"acknowledgement/fatal-error-bc9535ef-ed94-4060-a928-7baddec7ee71",
     MEDCOM_KIND_ACKNOWLEDGEMENT, "", "b879c81e-0607-4ccb-b358-24a72208e30d", 0},
    {"acknowledgement/transient-error-c9c2b2f6-0807-11ed-861d-0242ac120002",
     MEDCOM_KIND_ACKNOWLEDGEMENT, "", "c9a0b728-0807-11ed-861d-0242ac120002", 0},
    /* MedCom's "empty message" example: its one Provenance targets another
     * message's header (42cb9200…), so it has none for itself. */
    {"acknowledgement/other-empty-message-eb26be85-fdb7-454d-a980-95cba6d1745b", MEDCOM_KIND_EMPTY,
     "", "3881874e-2042-4a00-aee8-23512799f512", 1},
};
#define N_EXAMPLES ((int)(sizeof examples / sizeof examples[0]))

static void read_file(struct mt_state *s, const char *dir, const struct example *ex,
                      const char *suffix, struct medcom_msg *m, struct medcom_report *rep)
{
    char path[300];
    size_t len;
    snprintf(path, sizeof path, MEDCOM_DATA "%s/%s%s", dir, ex->path, suffix);
    char *text = mt_slurp(path, &len);
    int errors = mt_read(text, len, &s->a, &s->uc, m, rep);
    if (errors != ex->errors) {
        mt_print(path, rep);
        fail_msg("%s: %d errors, expected %d", path, errors, ex->errors);
    }
    free(text);
}

/* The exact fields of one example, read from JSON. */
static void stin_fields(void **st)
{
    struct mt_state *s = *st;
    struct medcom_msg m;
    struct medcom_report rep;
    read_file(s, "examples", &examples[0], ".json", &m, &rep);
    assert_int_equal(m.format, MEDCOM_FORMAT_JSON);
    assert_string_equal(m.bundle_id, "a5e5b880-c087-4055-b9ec-99108695f81d");
    assert_string_equal(m.header.event, "hospital-notification-message");
    assert_string_equal(m.header.sender.name, "Hjerteafdelingen på Herlev og Gentofte hospital");
    assert_string_equal(m.header.sender.sor, "265161000016000");
    assert_string_equal(m.header.sender.ean, "5790000209354");
    assert_string_equal(m.header.receiver.name, "Plejecenter Herlev");
    assert_string_equal(m.header.receiver.sor, "953741000016009");
    assert_string_equal(m.header.receiver.ean, "5790001348120");
    assert_string_equal(m.header.destination_endpoint,
                        "https://sor2.sum.dsdn.dk/#id=953741000016009");
    assert_string_equal(m.header.source_endpoint, "https://sor2.sum.dsdn.dk/#id=265161000016000");
    assert_string_equal(m.header.focus_type, "Encounter");
    assert_int_equal(m.header.report_of_admission, 1);
    assert_true(m.header.report_recipient.present);
    assert_string_equal(m.header.report_recipient.ean, "5790000209354");
    assert_string_equal(m.patient.cpr, "2509479989");
    assert_string_equal(m.patient.family, "Elmer");
    assert_int_equal(m.patient.deceased, -1);
    assert_string_equal(m.encounter.class_code, "IMP");
    assert_string_equal(m.encounter.status, "in-progress");
    assert_string_equal(m.encounter.start, "2022-12-07T12:00:00+02:00");
    assert_string_equal(m.encounter.end, "");
    assert_int_equal(m.encounter.n_episodes, 1);
    assert_true(m.encounter.service_provider.present);
    const struct medcom_provenance *cur = medcom_current(&m);
    assert_non_null(cur);
    assert_string_equal(cur->activity, "admit-inpatient");
    assert_string_equal(cur->target_id, m.header.id);
    assert_null(medcom_prior(&m));
    assert_int_equal(m.n_dangling, 0);
    assert_string_equal(m.use_case, "STIN");
}

/* Leave, two episode identifiers, a deceased patient, a chain of provenances. */
static void hospital_notification_details(void **st)
{
    struct mt_state *s = *st;
    struct medcom_msg m;
    struct medcom_report rep;
    read_file(s, "examples", &examples[6], ".json", &m, &rep); /* SLOR */
    assert_string_equal(m.encounter.leave_start, "2022-12-13T14:00:10+02:00");
    assert_string_equal(m.encounter.leave_end, "2022-12-14T15:30:00+02:00");
    assert_int_equal(m.n_provenances, 3);
    assert_int_equal(m.current, 2);
    const struct medcom_entity *prior = medcom_prior(&m);
    assert_non_null(prior);
    assert_string_equal(prior->role, "revision");
    assert_string_equal(prior->message_id, "e563a2b2-bf92-4b13-bbd2-0a021a95bded"); /* STOR */

    read_file(s, "examples", &examples[2], ".json", &m, &rep); /* two episode ids */
    assert_int_equal(m.encounter.n_episodes, 2);
    assert_true(m.encounter.episodes[0].lpr3);
    assert_string_equal(m.encounter.episodes[0].value,
                        "urn:uuid:fc60e762-b13b-5773-865e-67f3907bdcc7");
    assert_false(m.encounter.episodes[1].lpr3);
    assert_string_equal(m.encounter.episodes[1].system,
                        "https://sor2.sum.dsdn.dk/#id=265161000016000");

    read_file(s, "examples", &examples[9], ".json", &m, &rep); /* MORS */
    assert_int_equal(m.patient.deceased, 1);
    assert_string_equal(m.encounter.status, "finished");

    read_file(s, "examples", &examples[4], ".json", &m, &rep); /* AN_STIN */
    assert_string_equal(medcom_prior(&m)->role, "removal");
    assert_string_equal(medcom_prior(&m)->message_id, "b9b4818e-02de-4cc4-b418-d20cbc7b5404");
}

static void care_communication_details(void **st)
{
    struct mt_state *s = *st;
    struct medcom_msg m;
    struct medcom_report rep;
    read_file(s, "examples", &examples[16], ".json", &m, &rep); /* new, everything */
    const struct medcom_communication *c = &m.comm;
    assert_int_equal(medcom_cc_kind_of(&m), MEDCOM_CC_NEW);
    assert_string_equal(c->identifier, "urn:uuid:f9cf2547-7a1c-4639-9fd3-9f717556ad36");
    assert_string_equal(c->category, "regarding-referral");
    assert_string_equal(c->priority, "asap");
    assert_string_equal(c->topic, "Journal notat");
    assert_string_equal(c->recipient.type, "CareTeam");
    assert_string_equal(c->recipient.name, "Plejecenter Herlev Team 1");
    assert_string_equal(c->sender.type, "PractitionerRole");
    assert_string_equal(c->sender.role, "sygeplejerske");
    assert_string_equal(c->encounter_ref_id, "2a5b01e4-8c2c-481b-ab12-e383d8e00629");
    assert_int_equal(c->n_payloads, 3);
    assert_false(c->payloads[0].is_attachment);
    assert_string_equal(c->payloads[0].author.family, "Burns");
    assert_string_equal(c->payloads[0].author.given, "Michael");
    assert_string_equal(c->payloads[0].author.role_code, "sygeplejerske");
    assert_string_equal(c->payloads[0].contact_value, "38683868");
    assert_true(c->payloads[1].is_attachment);
    assert_string_equal(c->payloads[1].content_type, "application/pdf");
    assert_string_equal(c->payloads[1].title, "Blodprøveresultater");
    assert_true(c->payloads[1].data_len > 30000);
    assert_string_equal(c->payloads[2].url, "https://medcom.dk/");

    read_file(s, "examples", &examples[18], ".json", &m, &rep); /* reply, metadata only */
    assert_int_equal(medcom_cc_kind_of(&m), MEDCOM_CC_REPLY);
    assert_true(m.comm.payloads[2].is_attachment);
    assert_int_equal(m.comm.payloads[2].data_len, 0);
    assert_string_equal(medcom_prior(&m)->message_id, "d5bd2111-2576-48d3-84d4-8be0297a038d");

    read_file(s, "examples", &examples[15], ".json", &m, &rep); /* replacement CPR */
    assert_string_equal(m.patient.cpr, "");
    assert_string_equal(m.patient.replacement_id, "0703921VJ4");

    read_file(s, "examples", &examples[21], ".json", &m, &rep); /* reply to OIOXML */
    assert_string_equal(medcom_prior(&m)->identifier, "B300720181623#5790000121526");
    assert_string_equal(medcom_prior(&m)->message_id, "");

    read_file(s, "examples", &examples[20], ".json", &m, &rep); /* free-text role */
    assert_string_equal(m.comm.payloads[6].author.role_text, "Visitator");
    assert_string_equal(m.comm.payloads[6].author.given, "Ann Marie");
}

static void acknowledgement_details(void **st)
{
    struct mt_state *s = *st;
    struct medcom_msg m;
    struct medcom_report rep;
    read_file(s, "examples", &examples[23], ".json", &m, &rep); /* fatal-error */
    assert_string_equal(m.header.response_code, "fatal-error");
    assert_string_equal(m.header.response_id, "53128d9b-cede-4c7f-8904-809eab322d7d");
    assert_true(m.has_outcome);
    assert_int_equal(m.n_issues, 1);
    assert_string_equal(m.issues[0].detail_code, "MSG_VALUESET_VALUE_UNKNOWN");
}

/* Every example: valid from JSON, and the XML form (written by the
 * independent json2xml.py) reads to exactly the same struct. */
static void examples_json_and_xml_agree(void **st)
{
    struct mt_state *s = *st;
    for (int i = 0; i < N_EXAMPLES; i++) {
        struct medcom_msg j, x;
        struct medcom_report rj, rx;
        read_file(s, "examples", &examples[i], ".json", &j, &rj);
        read_file(s, "xml", &examples[i], ".xml", &x, &rx);
        assert_int_equal(j.format, MEDCOM_FORMAT_JSON);
        assert_int_equal(x.format, MEDCOM_FORMAT_XML);
        assert_int_equal(j.kind, examples[i].kind);
        assert_string_equal(j.use_case, examples[i].use_case);
        assert_string_equal(j.header.id, examples[i].header_id);
        mt_same_msg(&j, &x);
        assert_int_equal(rj.count, rx.count);
    }
}

/* The C writer (medcom_json_to_xml) gives XML that reads the same, too. */
static void examples_through_the_c_writer(void **st)
{
    struct mt_state *s = *st;
    for (int i = 0; i < N_EXAMPLES; i++) {
        char path[300];
        size_t len;
        snprintf(path, sizeof path, MEDCOM_DATA "examples/%s.json", examples[i].path);
        char *json = mt_slurp(path, &len);
        struct medcom_report wr;
        medcom_report_init(&wr, &s->a);
        char *xml = medcom_json_to_xml(json, len, &wr);
        assert_non_null(xml);
        struct medcom_msg j, x;
        struct medcom_report rj, rx;
        assert_int_equal(mt_read(json, len, &s->a, &s->uc, &j, &rj), examples[i].errors);
        assert_int_equal(mt_read(xml, strlen(xml), &s->a, &s->uc, &x, &rx), examples[i].errors);
        mt_same_msg(&j, &x);
        free(xml);
        free(json);
    }
}

/* ---- the 18 use cases ----------------------------------------------------- */

static void usecases_table(void **st)
{
    struct mt_state *s = *st;
    assert_int_equal(s->uc.n, 18);
    const struct medcom_usecase *u = medcom_usecase_get(&s->uc, "STIN");
    assert_non_null(u);
    assert_string_equal(u->danish, "Start sygehusophold - indlagt");
    assert_int_equal(u->n_classes, 1);
    assert_string_equal(u->classes[0], "IMP");
    assert_string_equal(u->status, "in-progress");
    assert_int_equal(u->n_activities, 1);
    assert_int_equal(u->deceased, -1);
    u = medcom_usecase_get(&s->uc, "SLHJ");
    assert_int_equal(u->n_classes, 2);
    assert_int_equal(u->n_activities, 2);
    assert_string_equal(u->activities[1], "discharge-inpatient-home");
    u = medcom_usecase_get(&s->uc, "MORS");
    assert_int_equal(u->n_activities, 0); /* "(current activity kept)" */
    assert_int_equal(u->deceased, 1);
    u = medcom_usecase_get(&s->uc, "AN_MORS");
    assert_null(u->status); /* "(previous status)" */
    assert_int_equal(u->deceased, 0);
    assert_null(medcom_usecase_get(&s->uc, "XYZ"));
}

static void usecases_csv_errors(void **st)
{
    struct arena a = ARENA_INIT;
    struct medcom_usecases uc;
    char err[200];
    const char *hdr = "use_case_code,danish,english,encounter_class,encounter_status,"
                      "provenance_activity,patient_deceased\n";
    char text[600];
    assert_false(medcom_usecases_parse("", 0, &a, &uc, err, sizeof err));
    const char *no_col = "use_case_code,danish\nSTIN,x\n";
    assert_false(medcom_usecases_parse(no_col, strlen(no_col), &a, &uc, err, sizeof err));
    assert_non_null(strstr(err, "english"));
    snprintf(text, sizeof text, "%sSTIN,a,b,IMP,in-progress,admit-inpatient,maybe\n", hdr);
    assert_false(medcom_usecases_parse(text, strlen(text), &a, &uc, err, sizeof err));
    assert_non_null(strstr(err, "line 2"));
    snprintf(text, sizeof text, "%sSTIN,a,b,IMP,x,y,\nSTIN,a,b,IMP,x,y,\n", hdr);
    assert_false(medcom_usecases_parse(text, strlen(text), &a, &uc, err, sizeof err));
    assert_non_null(strstr(err, "line 3"));
    snprintf(text, sizeof text, "%sSTIN,a,b,IMP\n", hdr);
    assert_false(medcom_usecases_parse(text, strlen(text), &a, &uc, err, sizeof err));
    /* Quoted fields with commas, CRLF, columns in another order. */
    snprintf(text, sizeof text,
             "patient_deceased,use_case_code,danish,english,encounter_class,encounter_status,"
             "provenance_activity\r\n,X,\"Start, indlagt\",\"a \"\"b\"\"\",IMP|EMER,"
             "in-progress,a|b|c\r\n");
    assert_true(medcom_usecases_parse(text, strlen(text), &a, &uc, err, sizeof err));
    assert_int_equal(uc.n, 1);
    assert_string_equal(uc.v[0].danish, "Start, indlagt");
    assert_string_equal(uc.v[0].english, "a \"b\"");
    assert_int_equal(uc.v[0].n_activities, 3);
    assert_false(medcom_usecases_load("/nonexistent/x.csv", &a, &uc, err, sizeof err));
    arena_release(&a);
}

/* The JSON tree of the STIN example, to edit into other use cases. */
static json_t *load_stin(void)
{
    json_error_t e;
    json_t *root = json_load_file(MEDCOM_DATA "examples/"
                                              "hospitalnotification/"
                                              "STIN-a5e5b880-c087-4055-b9ec-99108695f81d.json",
                                  0, &e);
    assert_non_null(root);
    return root;
}

static json_t *resource_of(json_t *bundle, const char *type)
{
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(bundle, "entry"), i, e)
    {
        json_t *r = json_object_get(e, "resource");
        if (!strcmp(json_string_value(json_object_get(r, "resourceType")), type))
            return r;
    }
    fail_msg("no %s", type);
    return NULL;
}

/* A message for row u of the table: class, status, activity, deceased and
 * the Provenance role as the row says (wildcards: the values MedCom's send
 * TestScripts use), as JSON text (malloc'd). */
static char *message_for(const struct medcom_usecase *u)
{
    json_t *b = load_stin();
    json_t *enc = resource_of(b, "Encounter"), *pat = resource_of(b, "Patient");
    json_t *prov = resource_of(b, "Provenance");
    const char *cls = u->n_classes ? u->classes[u->n_classes - 1] : "IMP";
    json_object_set_new(json_object_get(enc, "class"), "code", json_string(cls));
    json_object_set_new(enc, "status", json_string(u->status ? u->status : "in-progress"));
    if (u->status && !strcmp(u->status, "onleave"))
        json_object_set_new(
            enc, "extension",
            json_pack("[{s:s,s:{s:s}}]", "url",
                      "http://medcomfhir.dk/ig/hospitalnotification/StructureDefinition/"
                      "medcom-hospitalnotifiation-leave-period-extension",
                      "valuePeriod", "start", "2022-12-13T14:00:10+02:00"));
    if (u->status && !strcmp(u->status, "finished"))
        json_object_set_new(json_object_get(enc, "period"), "end",
                            json_string("2022-12-18T09:45:30+02:00"));
    /* The activity of the same class: discharge-inpatient-home with IMP. */
    const char *act = "admit-inpatient";
    for (int k = 0; k < u->n_activities; k++) {
        act = u->activities[k];
        if (strstr(act, !strcmp(cls, "IMP") ? "inpatient" : "emergency"))
            break;
    }
    json_t *coding =
        json_array_get(json_object_get(json_object_get(prov, "activity"), "coding"), 0);
    json_object_set_new(coding, "code", json_string(act));
    if (u->deceased >= 0)
        json_object_set_new(pat, "deceasedBoolean", json_boolean(u->deceased));
    bool start = !strcmp(u->code, "STIN") || !strcmp(u->code, "STAA");
    if (!start)
        json_object_set_new(prov, "entity",
                            json_pack("[{s:s,s:{s:s}}]", "role",
                                      !strncmp(u->code, "AN_", 3) ? "removal" : "revision", "what",
                                      "reference",
                                      "MessageHeader/aaaaaaaa-0000-4000-8000-000000000001"));
    char *text = json_dumps(b, JSON_INDENT(1));
    json_decref(b);
    return text;
}

/* Every row of the CSV is recognised, from JSON and from XML; RE_MORS looks
 * like MORS and is told apart by the message it follows. */
static void all_18_use_cases(void **st)
{
    struct mt_state *s = *st;
    for (int i = 0; i < s->uc.n; i++) {
        const struct medcom_usecase *u = &s->uc.v[i];
        char *json = message_for(u);
        struct medcom_report wr;
        medcom_report_init(&wr, &s->a);
        char *xml = medcom_json_to_xml(json, strlen(json), &wr);
        assert_non_null(xml);
        const char *expect = strcmp(u->code, "RE_MORS") ? u->code : "MORS";
        for (int f = 0; f < 2; f++) {
            const char *text = f ? xml : json;
            struct medcom_msg m;
            struct medcom_report rep;
            int errors = mt_read(text, strlen(text), &s->a, &s->uc, &m, &rep);
            if (errors || strcmp(m.use_case, expect)) {
                mt_print(u->code, &rep);
                fail_msg("%s (%s): detected '%s', %d errors", u->code, f ? "XML" : "JSON",
                         m.use_case, errors);
            }
            bool role_ok, status_ok;
            const struct medcom_usecase *d = medcom_usecase_match(&s->uc, &m, &role_ok, &status_ok);
            assert_true(role_ok && status_ok);
            const struct medcom_usecase *r = medcom_usecase_refine(&s->uc, d, "MORS");
            assert_string_equal(r->code, !strcmp(d->code, "MORS") ? "RE_MORS" : d->code);
            assert_ptr_equal(medcom_usecase_refine(&s->uc, d, "STIN"), d);
        }
        free(xml);
        free(json);
    }
}

/* A death reported in-progress (MedCom's test message MORS_J) is accepted
 * with a warning; a cancellation without role 'removal' is an error. */
static void use_case_edges(void **st)
{
    struct mt_state *s = *st;
    const struct medcom_usecase *mors = medcom_usecase_get(&s->uc, "MORS");
    struct medcom_usecase copy = *mors;
    copy.status = "in-progress";
    char *json = message_for(&copy);
    struct medcom_msg m;
    struct medcom_report rep;
    assert_int_equal(mt_read(json, strlen(json), &s->a, &s->uc, &m, &rep), 0);
    assert_string_equal(m.use_case, "MORS");
    const struct medcom_problem *p = medcom_report_find(&rep, MEDCOM_E_ENC_STATUS);
    assert_non_null(p);
    assert_int_equal(p->severity, MEDCOM_WARNING);
    assert_int_equal(medcom_ack_code_for(&rep), MEDCOM_ACK_OK);
    free(json);

    /* AN_MORS needs role removal: without it, deceased=false + admit-inpatient
     * is simply a STIN. */
    const struct medcom_usecase *an = medcom_usecase_get(&s->uc, "AN_MORS");
    json = message_for(an);
    json_t *b = json_loads(json, 0, NULL);
    json_t *prov = resource_of(b, "Provenance");
    json_object_del(prov, "entity");
    char *stin = json_dumps(b, 0);
    assert_int_equal(mt_read(stin, strlen(stin), &s->a, &s->uc, &m, &rep), 0);
    assert_string_equal(m.use_case, "STIN");
    json_decref(b);
    free(stin);
    free(json);
}

/* ---- broken messages ------------------------------------------------------ */

/* Each file in broken/expected.tsv gives its error code and a negative
 * acknowledgement. */
static void broken_variants(void **st)
{
    struct mt_state *s = *st;
    char *list = mt_slurp(MEDCOM_DATA "broken/expected.tsv", NULL);
    int checked = 0;
    for (char *line = strtok(list, "\n"); line; line = strtok(NULL, "\n")) {
        if (line[0] == '#')
            continue;
        char file[200], code[60];
        if (sscanf(line, "%199[^\t]\t%59[^\t]", file, code) != 2)
            fail_msg("bad line: %s", line);
        char path[300];
        size_t len;
        snprintf(path, sizeof path, MEDCOM_DATA "broken/%s", file);
        char *text = mt_slurp(path, &len);
        struct medcom_msg m;
        struct medcom_report rep;
        mt_read(text, len, &s->a, &s->uc, &m, &rep);
        bool found = false;
        for (int i = 0; i < rep.count; i++)
            if (!strcmp(medcom_code_name(rep.items[i].code), code) &&
                rep.items[i].severity == MEDCOM_ERROR) {
                found = true;
                assert_true(strlen(rep.items[i].message) > 10);
            }
        if (!found) {
            mt_print(file, &rep);
            fail_msg("%s: expected error '%s'", file, code);
        }
        assert_int_equal(medcom_ack_code_for(&rep), MEDCOM_ACK_FATAL);
        free(text);
        checked++;
    }
    free(list);
    assert_true(checked >= 55);
}

/* A 10 MB body is refused before it is read; the limit is exact. */
static void size_limits(void **st)
{
    struct mt_state *s = *st;
    size_t big = 10u * 1024u * 1024u;
    char *body = malloc(big);
    assert_non_null(body);
    memset(body, ' ', big);
    body[0] = '{';
    struct medcom_msg m;
    struct medcom_report rep;
    medcom_report_init(&rep, &s->a);
    size_t before = s->a.total;
    assert_false(medcom_parse(body, big, MEDCOM_FORMAT_AUTO, NULL, &s->a, &m, &rep));
    assert_int_equal(rep.count, 1);
    assert_int_equal(rep.items[0].code, MEDCOM_E_TOO_LARGE);
    assert_true(s->a.total - before < 4096); /* nothing was parsed */
    body[0] = '<';
    medcom_report_init(&rep, &s->a);
    assert_false(medcom_parse(body, big, MEDCOM_FORMAT_XML, NULL, &s->a, &m, &rep));
    assert_int_equal(rep.items[0].code, MEDCOM_E_TOO_LARGE);
    free(body);

    size_t len;
    char *text = mt_slurp(MEDCOM_DATA "examples/"
                                      "hospitalnotification/"
                                      "STIN-a5e5b880-c087-4055-b9ec-99108695f81d.json",
                          &len);
    struct medcom_limits lim = medcom_limits_default();
    lim.max_bytes = len;
    medcom_report_init(&rep, &s->a);
    assert_true(medcom_parse(text, len, MEDCOM_FORMAT_AUTO, &lim, &s->a, &m, &rep));
    lim.max_bytes = len - 1;
    medcom_report_init(&rep, &s->a);
    assert_false(medcom_parse(text, len, MEDCOM_FORMAT_AUTO, &lim, &s->a, &m, &rep));
    assert_int_equal(rep.items[0].code, MEDCOM_E_TOO_LARGE);
    /* A byte order mark is allowed. */
    char *bom = malloc(len + 3);
    memcpy(bom, "\xEF\xBB\xBF", 3);
    memcpy(bom + 3, text, len);
    medcom_report_init(&rep, &s->a);
    assert_true(medcom_parse(bom, len + 3, MEDCOM_FORMAT_AUTO, NULL, &s->a, &m, &rep));
    assert_string_equal(m.header.id, "b9b4818e-02de-4cc4-b418-d20cbc7b5404");
    free(bom);
    lim = medcom_limits_default();
    lim.max_entries = 5; /* the STIN has 6 */
    medcom_report_init(&rep, &s->a);
    assert_false(medcom_parse(text, len, MEDCOM_FORMAT_AUTO, &lim, &s->a, &m, &rep));
    assert_int_equal(rep.items[0].code, MEDCOM_E_TOO_COMPLEX);
    free(text);

    /* XML nested deeper than the limit. */
    char *deep = malloc(2000);
    assert_non_null(deep);
    char *w = deep;
    w += sprintf(w, "<Bundle xmlns=\"http://hl7.org/fhir\">");
    for (int i = 0; i < 70; i++)
        w += sprintf(w, "<a>");
    for (int i = 0; i < 70; i++)
        w += sprintf(w, "</a>");
    sprintf(w, "</Bundle>");
    medcom_report_init(&rep, &s->a);
    assert_false(medcom_parse(deep, strlen(deep), MEDCOM_FORMAT_AUTO, NULL, &s->a, &m, &rep));
    assert_int_equal(rep.items[0].code, MEDCOM_E_TOO_COMPLEX);
    free(deep);
}

/* libxml2 must not print (parts of) a message: errors go into the report. */
static void xml_errors_are_not_printed(void **st)
{
    struct mt_state *s = *st;
    static const char input[] = "<?xml version=\"1.0\" encoding=\"EUC-JP\"?><a>\xff\xfe\x31</a>";
    char path[] = "/tmp/omsorg-stderr-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    fflush(stderr);
    int saved = dup(2);
    dup2(fd, 2);
    struct medcom_msg m;
    struct medcom_report rep;
    medcom_report_init(&rep, &s->a);
    bool ok = medcom_parse(input, sizeof input - 1, MEDCOM_FORMAT_AUTO, NULL, &s->a, &m, &rep);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    off_t printed = lseek(fd, 0, SEEK_END);
    close(fd);
    unlink(path);
    assert_false(ok);
    assert_int_equal(rep.items[0].code, MEDCOM_E_MALFORMED_XML);
    assert_int_equal(printed, 0);
}

/* urn:uuid fullUrls with urn:uuid references resolve like RESTful ones. */
static void urn_uuid_references(void **st)
{
    struct mt_state *s = *st;
    json_t *b = load_stin();
    size_t i;
    json_t *e;
    char *orig = json_dumps(b, 0);
    json_array_foreach(json_object_get(b, "entry"), i, e)
    {
        json_t *r = json_object_get(e, "resource");
        char url[200];
        snprintf(url, sizeof url, "urn:uuid:%s", json_string_value(json_object_get(r, "id")));
        json_object_set_new(e, "fullUrl", json_string(url));
    }
    /* Rewrite every "Type/id" reference inside the Bundle to "urn:uuid:id". */
    char *text = json_dumps(b, 0);
    json_decref(b);
    struct strbuf out = STRBUF_INIT;
    const char *types[] = {"\"Organization/", "\"Encounter/", "\"Patient/", NULL};
    for (const char *p = text; *p;) {
        bool hit = false;
        for (int t = 0; types[t]; t++)
            if (!strncmp(p, types[t], strlen(types[t]))) {
                strbuf_adds(&out, "\"urn:uuid:");
                p += strlen(types[t]);
                hit = true;
                break;
            }
        if (!hit)
            strbuf_addch(&out, *p++);
    }
    struct medcom_msg a, c;
    struct medcom_report ra, rc;
    assert_int_equal(mt_read(orig, strlen(orig), &s->a, &s->uc, &a, &ra), 0);
    int errors = mt_read(out.buf, out.len, &s->a, &s->uc, &c, &rc);
    if (errors)
        mt_print("urn", &rc);
    assert_int_equal(errors, 0);
    assert_int_equal(c.n_dangling, 0);
    assert_true(c.header.sender.present);
    assert_string_equal(c.header.sender.ean, a.header.sender.ean);
    assert_true(c.encounter.present);
    assert_true(c.encounter.service_provider.present);
    strbuf_release(&out);
    free(text);
    free(orig);
}

/* ---- small pieces ----------------------------------------------------------- */

static void datetimes(void **st)
{
    time_t t;
    assert_true(medcom_datetime_parse("2022-12-07T12:00:00+02:00", &t));
    assert_int_equal(t, 1670407200);
    assert_true(medcom_datetime_parse("2022-12-07T10:00:00Z", &t));
    assert_int_equal(t, 1670407200);
    assert_true(medcom_datetime_parse("2022-12-07T10:00:00.123Z", &t));
    assert_true(medcom_datetime_parse("2022-12-07T05:00:00-05:00", &t));
    assert_int_equal(t, 1670407200);
    assert_false(medcom_datetime_parse("2022-12-07", &t));
    assert_false(medcom_datetime_parse("2022-12-07T12:00:00", &t)); /* no zone */
    assert_false(medcom_datetime_parse("2022-02-30T12:00:00Z", &t));
    assert_false(medcom_datetime_parse("2022-12-07T24:00:00Z", &t));
    assert_false(medcom_datetime_parse("2022-12-07T12:00:00+2:00", &t));
    assert_false(medcom_datetime_parse("2022-12-07T12:00:00Zjunk", &t));
    assert_false(medcom_datetime_parse("2022-12-07T12:00:00.Z", &t));
    assert_false(medcom_datetime_parse(NULL, &t));
    char out[21];
    medcom_instant(1670407200, out);
    assert_string_equal(out, "2022-12-07T10:00:00Z");
}

static void uuids_are_v4(void **st)
{
    char a[37], b[37];
    medcom_uuid(a);
    medcom_uuid(b);
    assert_int_equal(strlen(a), 36);
    assert_string_not_equal(a, b);
    for (int i = 0; i < 36; i++) {
        if (i == 8 || i == 13 || i == 18 || i == 23)
            assert_int_equal(a[i], '-');
        else
            assert_non_null(strchr("0123456789abcdef", a[i]));
    }
    assert_int_equal(a[14], '4');
    assert_non_null(strchr("89ab", a[19]));
}

static void code_names_are_stable(void **st)
{
    assert_string_equal(medcom_code_name(MEDCOM_E_CPR_INVALID), "cpr_invalid");
    assert_string_equal(medcom_code_name(MEDCOM_E_USE_CASE), "unknown_use_case");
    assert_string_equal(medcom_code_name(MEDCOM_E_HEADER_MISSING), "header_missing");
    assert_string_equal(medcom_code_name(MEDCOM_E_REFERENCE), "bad_reference");
    assert_string_equal(medcom_code_name(MEDCOM_E_TOO_LARGE), "too_large");
    assert_string_equal(medcom_code_name(MEDCOM_CODE_COUNT), "unknown");
    for (int i = 0; i < MEDCOM_CODE_COUNT; i++) {
        assert_string_not_equal(medcom_code_name((enum medcom_code)i), "unknown");
        for (int k = 0; k < i; k++)
            assert_string_not_equal(medcom_code_name((enum medcom_code)i),
                                    medcom_code_name((enum medcom_code)k));
    }
    assert_string_equal(medcom_ack_code_name(MEDCOM_ACK_TRANSIENT), "transient-error");
}

/* Our own failure (here: no use-case table) is transient, not the sender's fault. */
static void internal_failure_is_transient(void **st)
{
    struct mt_state *s = *st;
    size_t len;
    char *text = mt_slurp(MEDCOM_DATA "examples/"
                                      "hospitalnotification/"
                                      "STIN-a5e5b880-c087-4055-b9ec-99108695f81d.json",
                          &len);
    struct medcom_msg m;
    struct medcom_report rep;
    assert_true(mt_read(text, len, &s->a, NULL, &m, &rep) > 0);
    assert_non_null(medcom_report_find(&rep, MEDCOM_E_INTERNAL));
    assert_int_equal(medcom_ack_code_for(&rep), MEDCOM_ACK_TRANSIENT);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(stin_fields),
        cmocka_unit_test(hospital_notification_details),
        cmocka_unit_test(care_communication_details),
        cmocka_unit_test(acknowledgement_details),
        cmocka_unit_test(examples_json_and_xml_agree),
        cmocka_unit_test(examples_through_the_c_writer),
        cmocka_unit_test(usecases_table),
        cmocka_unit_test(usecases_csv_errors),
        cmocka_unit_test(all_18_use_cases),
        cmocka_unit_test(use_case_edges),
        cmocka_unit_test(broken_variants),
        cmocka_unit_test(size_limits),
        cmocka_unit_test(xml_errors_are_not_printed),
        cmocka_unit_test(urn_uuid_references),
        cmocka_unit_test(datetimes),
        cmocka_unit_test(uuids_are_v4),
        cmocka_unit_test(code_names_are_stable),
        cmocka_unit_test(internal_failure_is_transient),
    };
    return cmocka_run_group_tests(tests, mt_setup, mt_teardown);
}
