/* medcom-test.h — shared by the MedCom unit tests: reading test files,
 * parsing with a fresh report, and comparing two parsed messages field by
 * field. Run the tests from the repository root. */
#ifndef OMSORG_MEDCOM_TEST_H
#define OMSORG_MEDCOM_TEST_H

#include "testutil.h"

#include "core/medcom.h"

#define MEDCOM_DATA     "tests/data/medcom/"
#define MEDCOM_USECASES "share/medcom/hospitalnotification_codes.csv"

/* The whole file, NUL-terminated (malloc'd); fails the test when unreadable. */
static inline char *mt_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    size_t got = fread(buf, 1, (size_t)n, f);
    fclose(f);
    assert_int_equal(got, (size_t)n);
    buf[n] = '\0';
    if (len)
        *len = (size_t)n;
    return buf;
}

static inline void mt_load_usecases(struct arena *a, struct medcom_usecases *uc)
{
    char err[300];
    if (!medcom_usecases_load(MEDCOM_USECASES, a, uc, err, sizeof err))
        fail_msg("%s", err);
}

/* Print a report (for a failing test's log). */
static inline void mt_print(const char *what, const struct medcom_report *r)
{
    for (int i = 0; i < r->count; i++)
        fprintf(stderr, "%s: %s %s [%s] %s\n", what,
                r->items[i].severity == MEDCOM_ERROR ? "error" : "warning",
                medcom_code_name(r->items[i].code), r->items[i].where, r->items[i].message);
}

/* Parse and validate text; returns the error count (0 = valid). */
static inline int mt_read(const char *text, size_t len, struct arena *a,
                          const struct medcom_usecases *uc, struct medcom_msg *m,
                          struct medcom_report *rep)
{
    medcom_report_init(rep, a);
    if (medcom_parse(text, len, MEDCOM_FORMAT_AUTO, NULL, a, m, rep))
        medcom_validate(m, uc, rep);
    return rep->errors;
}

/* Group state of the MedCom tests: an arena and the use-case table. */
struct mt_state {
    struct arena a;
    struct medcom_usecases uc;
};

static inline int mt_setup(void **st)
{
    struct mt_state *s = calloc(1, sizeof *s);
    medcom_global_init();
    s->a = (struct arena)ARENA_INIT;
    mt_load_usecases(&s->a, &s->uc);
    *st = s;
    return 0;
}

static inline int mt_teardown(void **st)
{
    struct mt_state *s = *st;
    arena_release(&s->a);
    free(s);
    return 0;
}

/* Fail unless text contains every string of the NULL-ended list. */
static inline void mt_contains(const char *text, const char *const *want)
{
    for (; *want; want++)
        if (!strstr(text, *want))
            fail_msg("missing \"%s\" in:\n%s", *want, text);
}

#define SEQ(field) assert_string_equal(x->field, y->field)
#define IEQ(field) assert_int_equal(x->field, y->field)

static inline void mt_same_org(const struct medcom_org *x, const struct medcom_org *y)
{
    IEQ(present);
    SEQ(id);
    SEQ(name);
    SEQ(sor);
    SEQ(ean);
}

static inline void mt_same_author(const struct medcom_author *x, const struct medcom_author *y)
{
    SEQ(given);
    SEQ(family);
    SEQ(role_code);
    SEQ(role_text);
    SEQ(org_name);
}

static inline void mt_same_party(const struct medcom_party *x, const struct medcom_party *y)
{
    IEQ(present);
    SEQ(type);
    SEQ(name);
    SEQ(role);
    mt_same_org(&x->org, &y->org);
}

static inline void mt_same_header(const struct medcom_header *x, const struct medcom_header *y)
{
    SEQ(id);
    SEQ(event);
    SEQ(event_system);
    SEQ(definition);
    SEQ(profile);
    mt_same_org(&x->sender, &y->sender);
    mt_same_org(&x->receiver, &y->receiver);
    SEQ(destination_endpoint);
    IEQ(destinations);
    IEQ(primary_destinations);
    SEQ(source_endpoint);
    SEQ(focus_type);
    IEQ(focus_count);
    IEQ(report_of_admission);
    mt_same_org(&x->report_recipient, &y->report_recipient);
    SEQ(response_id);
    SEQ(response_code);
}

static inline void mt_same_patient(const struct medcom_patient *x, const struct medcom_patient *y)
{
    SEQ(id);
    SEQ(cpr);
    SEQ(replacement_id);
    SEQ(replacement_system);
    SEQ(family);
    SEQ(given);
    IEQ(deceased);
    SEQ(deceased_at);
}

static inline void mt_same_encounter(const struct medcom_encounter *x,
                                     const struct medcom_encounter *y)
{
    IEQ(present);
    SEQ(id);
    SEQ(status);
    SEQ(class_code);
    SEQ(class_system);
    SEQ(start);
    SEQ(end);
    SEQ(leave_start);
    SEQ(leave_end);
    IEQ(n_episodes);
    for (int i = 0; i < x->n_episodes; i++) {
        assert_string_equal(x->episodes[i].system, y->episodes[i].system);
        assert_string_equal(x->episodes[i].value, y->episodes[i].value);
        assert_int_equal(x->episodes[i].lpr3, y->episodes[i].lpr3);
    }
    mt_same_org(&x->service_provider, &y->service_provider);
}

static inline void mt_same_provenance(const struct medcom_provenance *x,
                                      const struct medcom_provenance *y)
{
    SEQ(id);
    SEQ(target_id);
    SEQ(activity);
    SEQ(occurred);
    SEQ(recorded);
    mt_same_org(&x->agent, &y->agent);
    IEQ(n_entities);
    for (int k = 0; k < x->n_entities; k++) {
        assert_string_equal(x->entities[k].role, y->entities[k].role);
        assert_string_equal(x->entities[k].message_id, y->entities[k].message_id);
        assert_string_equal(x->entities[k].identifier, y->entities[k].identifier);
    }
}

static inline void mt_same_payload(const struct medcom_payload *x, const struct medcom_payload *y)
{
    SEQ(identifier);
    SEQ(date);
    IEQ(has_author);
    mt_same_author(&x->author, &y->author);
    SEQ(contact_system);
    SEQ(contact_value);
    IEQ(is_attachment);
    SEQ(text);
    SEQ(content_type);
    SEQ(title);
    SEQ(creation);
    SEQ(url);
    SEQ(data);
    IEQ(data_len);
}

static inline void mt_same_comm(const struct medcom_communication *x,
                                const struct medcom_communication *y)
{
    IEQ(present);
    SEQ(id);
    SEQ(identifier);
    SEQ(status);
    SEQ(category);
    SEQ(category_system);
    SEQ(topic);
    SEQ(priority);
    SEQ(encounter_ref_id);
    mt_same_party(&x->sender, &y->sender);
    mt_same_party(&x->recipient, &y->recipient);
    IEQ(n_payloads);
    for (int k = 0; k < x->n_payloads; k++)
        mt_same_payload(&x->payloads[k], &y->payloads[k]);
}

/* Every field of two parsed messages but the syntax they came in. */
static inline void mt_same_msg(const struct medcom_msg *x, const struct medcom_msg *y)
{
    IEQ(kind);
    SEQ(bundle_id);
    SEQ(bundle_type);
    SEQ(timestamp);
    SEQ(profile);
    IEQ(entries);
    IEQ(header_index);
    IEQ(header_count);
    SEQ(use_case);
    mt_same_header(&x->header, &y->header);
    IEQ(patient_count);
    mt_same_patient(&x->patient, &y->patient);
    IEQ(encounter_count);
    mt_same_encounter(&x->encounter, &y->encounter);
    IEQ(n_provenances);
    IEQ(current);
    for (int i = 0; i < x->n_provenances; i++)
        mt_same_provenance(&x->provenances[i], &y->provenances[i]);
    IEQ(communication_count);
    mt_same_comm(&x->comm, &y->comm);
    IEQ(has_outcome);
    IEQ(n_issues);
    for (int i = 0; i < x->n_issues; i++) {
        assert_string_equal(x->issues[i].severity, y->issues[i].severity);
        assert_string_equal(x->issues[i].code, y->issues[i].code);
        assert_string_equal(x->issues[i].detail_code, y->issues[i].detail_code);
        assert_string_equal(x->issues[i].text, y->issues[i].text);
    }
    IEQ(n_dangling);
    for (int i = 0; i < x->n_dangling; i++) {
        assert_string_equal(x->dangling[i].where, y->dangling[i].where);
        assert_string_equal(x->dangling[i].reference, y->dangling[i].reference);
    }
}

#undef SEQ
#undef IEQ

#endif
