/* Fuzz the MedCom message readers: FHIR JSON (jansson) and FHIR XML
 * (libxml2 → the same tree), chosen by the first byte as the inbox will,
 * then validation against the 18 use cases, and for any message with a
 * header, a sender and a receiver, the acknowledgement: it must build, and
 * read back with our own parser from JSON and from XML. Seeds
 * (corpus/fuzz-medcom/) are MedCom examples without narratives and meta,
 * in both syntaxes, and an XML with entities.
 *
 * The use-case table is data: it is read from share/medcom/ next to the
 * repository (two folders above this binary) or from $MEDCOM_USECASES. */
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/medcom.h"

static struct arena table_arena = ARENA_INIT;
static struct medcom_usecases table;
static const struct medcom_usecases *uc;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    medcom_global_init();
    char path[PATH_MAX + 64] = "";
    const char *env = getenv("MEDCOM_USECASES");
    if (env) {
        snprintf(path, sizeof path, "%s", env);
    } else {
        char exe[PATH_MAX];
        ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
        if (n > 0) {
            exe[n] = '\0';
            for (int up = 0; up < 3; up++) { /* …/build-fuzz/fuzz/fuzz-medcom */
                char *slash = strrchr(exe, '/');
                if (slash)
                    *slash = '\0';
            }
            snprintf(path, sizeof path, "%s/share/medcom/hospitalnotification_codes.csv", exe);
        }
    }
    char err[300];
    if (!medcom_usecases_load(path, &table_arena, &table, err, sizeof err)) {
        fprintf(stderr, "fuzz-medcom: %s\n", err);
        abort();
    }
    uc = &table;
    return 0;
}

/* Read back a message we built: it must parse. */
static void must_parse(const char *text, struct arena *a)
{
    struct medcom_msg m;
    struct medcom_report rep;
    medcom_report_init(&rep, a);
    if (!text || !medcom_parse(text, strlen(text), MEDCOM_FORMAT_AUTO, NULL, a, &m, &rep))
        abort();
    medcom_validate(&m, uc, &rep);
    if (m.kind != MEDCOM_KIND_ACKNOWLEDGEMENT)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena a = ARENA_INIT;
    struct medcom_msg m;
    struct medcom_report rep;
    medcom_report_init(&rep, &a);
    if (medcom_parse((const char *)data, size, MEDCOM_FORMAT_AUTO, NULL, &a, &m, &rep)) {
        medcom_validate(&m, uc, &rep);
        if (m.header.id[0] && m.header.sender.present && m.header.receiver.present) {
            struct medcom_report out;
            medcom_report_init(&out, &a);
            char *ack = medcom_build_ack(&m, medcom_ack_code_for(&rep), &rep, 1772366400, &out);
            must_parse(ack, &a);
            char *xml = medcom_json_to_xml(ack, strlen(ack), &out);
            must_parse(xml, &a);
            free(xml);
            free(ack);
        }
    }
    arena_release(&a);
    return 0;
}
