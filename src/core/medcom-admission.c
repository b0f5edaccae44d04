/*
 * medcom-admission.c — the municipality's admission report
 * (indlæggelsesrapport). MedCom's standard for it is XDIS16, an OIOXML
 * letter; there is no FHIR version (docs/medcom.md, "The admission report").
 *
 * The content comes from a plain struct the caller fills from the record;
 * this file checks it, renders it as Danish text, and writes it as an
 * XDIS16-shaped letter using only the elements of MedCom's public XDIS16
 * mapping (VersionCode XD1630C). The current XDIS16 release (National
 * Sygehus-Kommunesamarbejde 1.0.3) must be checked against MedCom's schema
 * before the letter is sent to a hospital.
 */
#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cpr.h"
#include "core/medcom-int.h"
#include "lib/strbuf.h"

#define XDIS16_NS      "http://rep.oio.dk/sundcom.dk/medcom.dk/xml/schemas/2007/02/01/"
#define XDIS16_VERSION "XD1630C"

#define IN(rep, where, ...) medcom_add(rep, MEDCOM_E_INPUT, MEDCOM_ERROR, where, __VA_ARGS__)

static bool blank(const char *s)
{
    return !s || !*s;
}

static bool digits_n(const char *s, size_t n)
{
    if (blank(s) || strlen(s) != n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

static void check_people(const struct medcom_ar_person *v, int n, const char *what,
                         struct medcom_report *rep)
{
    for (int i = 0; i < n; i++) {
        if (blank(v[i].name))
            IN(rep, what, "%s nr. %d mangler navn.", what, i + 1);
        if (blank(v[i].phone))
            IN(rep, what, "%s nr. %d mangler telefonnummer.", what, i + 1);
    }
}

bool medcom_admission_check(const struct medcom_admission_report *ar, struct medcom_report *rep)
{
    int before = rep->errors;
    if (blank(ar->sender.name))
        IN(rep, "sender", "Kommunens navn mangler.");
    if (!digits_n(ar->sender.ean, 13))
        IN(rep, "sender", "Kommunens EAN-lokationsnummer (13 cifre) mangler.");
    if (!digits_n(ar->receiver.ean, 13))
        IN(rep, "receiver", "Sygehusets EAN-lokationsnummer (13 cifre) mangler.");
    if (blank(ar->episode_value))
        IN(rep, "episode", "Sygehusopholdets forløbs-id fra advis mangler.");
    if (!digits_n(ar->cpr, 10) || !cpr_birth_date(ar->cpr, NULL))
        IN(rep, "cpr", "Borgerens CPR-nummer mangler eller er ikke gyldigt.");
    if (blank(ar->family) && blank(ar->given))
        IN(rep, "name", "Borgerens navn mangler.");
    if (blank(ar->contact_phone))
        IN(rep, "contact", "Telefonnummeret, sygehuset kan ringe til i kommunen, mangler.");
    if (ar->n_services < 1)
        IN(rep, "services", "Rapporten skal nævne den hjælp, borgeren får.");
    for (int i = 0; i < ar->n_services; i++)
        if (blank(ar->services[i].name))
            IN(rep, "services", "Ydelse nr. %d mangler navn.", i + 1);
    for (int i = 0; i < ar->n_functions; i++) {
        const struct medcom_ar_function *f = &ar->functions[i];
        if (blank(f->code) || blank(f->display))
            IN(rep, "functions", "Funktionsvurdering nr. %d mangler FSIII-kode eller navn.", i + 1);
        if (!((f->level >= 0 && f->level <= 4) || f->level == 9))
            IN(rep, "functions", "Funktionsvurdering nr. %d har niveau %d; FSIII bruger 0–4 og 9.",
               i + 1, f->level);
    }
    check_people(ar->contacts, ar->n_contacts, "Kontakt", rep);
    check_people(ar->relatives, ar->n_relatives, "Pårørende", rep);
    return rep->errors == before;
}

/* ---- Danish text ---------------------------------------------------------- */

static void person_line(struct strbuf *sb, const struct medcom_ar_person *p)
{
    strbuf_addf(sb, "- %s%s%s, tlf. %s", blank(p->relation) ? "" : p->relation,
                blank(p->relation) ? "" : ": ", p->name, p->phone);
    if (!blank(p->note))
        strbuf_addf(sb, " (%s)", p->note);
    strbuf_addch(sb, '\n');
}

static void section(struct strbuf *sb, const char *title, const char *text)
{
    if (!blank(text))
        strbuf_addf(sb, "\n%s\n%s\n", title, text);
}

char *medcom_admission_text(const struct medcom_admission_report *ar)
{
    struct strbuf sb = STRBUF_INIT;
    char cpr[12] = "";
    if (digits_n(ar->cpr, 10))
        cpr_format(ar->cpr, cpr);
    strbuf_addf(&sb, "Indlæggelsesrapport\n\nBorger: %s%s%s, CPR %s\n", nz(ar->given),
                blank(ar->given) ? "" : " ", nz(ar->family), cpr);
    if (!blank(ar->address))
        strbuf_addf(&sb, "Adresse: %s\n", ar->address);
    strbuf_addf(&sb, "Sygehusophold (forløbs-id): %s\n", nz(ar->episode_value));
    strbuf_addf(&sb, "Fra: %s\n", nz(ar->sender.name));
    strbuf_addf(&sb, "Kontakt i kommunen: %s%stlf. %s%s%s%s\n", nz(ar->contact_name),
                blank(ar->contact_name) ? "" : ", ", nz(ar->contact_phone),
                blank(ar->contact_hours) ? "" : " (", nz(ar->contact_hours),
                blank(ar->contact_hours) ? "" : ")");
    if (!blank(ar->receiver.name))
        strbuf_addf(&sb, "Til: %s\n", ar->receiver.name);
    strbuf_adds(&sb, "\nHjælp borgeren får\n");
    for (int i = 0; i < ar->n_services; i++) {
        const struct medcom_ar_service *s = &ar->services[i];
        strbuf_addf(&sb, "- %s%s%s%s%s\n", s->name, blank(s->frequency) ? "" : ": ",
                    nz(s->frequency), blank(s->details) ? "" : ". ", nz(s->details));
    }
    if (ar->n_functions) {
        strbuf_adds(&sb, "\nFunktionsniveau (Fælles Sprog III)\n");
        for (int i = 0; i < ar->n_functions; i++) {
            const struct medcom_ar_function *f = &ar->functions[i];
            strbuf_addf(&sb, "- %s %s: niveau %d%s%s%s", f->code, f->display, f->level,
                        blank(f->level_text) ? "" : " (", nz(f->level_text),
                        blank(f->level_text) ? "" : ")");
            if (!blank(f->note))
                strbuf_addf(&sb, ". %s", f->note);
            strbuf_addch(&sb, '\n');
        }
    }
    section(&sb, "Hvad er vigtigt for borgeren", ar->what_matters);
    section(&sb, "Helbred", ar->health_summary);
    section(&sb, "Hjælpemidler", ar->aids);
    if (ar->n_contacts) {
        strbuf_adds(&sb, "\nKontakter\n");
        for (int i = 0; i < ar->n_contacts; i++)
            person_line(&sb, &ar->contacts[i]);
    }
    if (ar->n_relatives) {
        strbuf_adds(&sb, "\nPårørende\n");
        for (int i = 0; i < ar->n_relatives; i++)
            person_line(&sb, &ar->relatives[i]);
    }
    if (sb.oom) {
        strbuf_release(&sb);
        return NULL;
    }
    return strbuf_detach(&sb, NULL);
}

/* ---- XDIS16-shaped OIOXML --------------------------------------------------- */

/* Element with text; skipped when the text is empty. */
static int el(xmlTextWriterPtr w, const char *name, const char *text)
{
    if (blank(text))
        return 0;
    return xmlTextWriterWriteElement(w, (const xmlChar *)name, (const xmlChar *)text) < 0;
}

static int open_el(xmlTextWriterPtr w, const char *name)
{
    return xmlTextWriterStartElement(w, (const xmlChar *)name) < 0;
}

static int close_el(xmlTextWriterPtr w)
{
    return xmlTextWriterEndElement(w) < 0;
}

/* Lines of text separated by <Break/>, as XDIS16's formatted text. */
static int formatted(xmlTextWriterPtr w, const char *name, const char *text)
{
    if (blank(text))
        return 0;
    int bad = open_el(w, name);
    const char *s = text;
    while (*s) {
        size_t n = strcspn(s, "\n");
        bad |= xmlTextWriterWriteFormatString(w, "%.*s", (int)n, s) < 0;
        s += n;
        if (*s == '\n') {
            s++;
            if (*s) {
                bad |= open_el(w, "Break");
                bad |= close_el(w);
            }
        }
    }
    return bad | close_el(w);
}

/* "Anne Marie Hansen" → given "Anne Marie", surname "Hansen". */
static void split_name(const char *name, char given[128], char family[128])
{
    const char *sp = strrchr(name, ' ');
    if (!sp) {
        given[0] = '\0';
        snprintf(family, 128, "%s", name);
        return;
    }
    snprintf(given, 128, "%.*s", (int)(sp - name), name);
    snprintf(family, 128, "%s", sp + 1);
}

char *medcom_admission_xdis16(const struct medcom_admission_report *ar, time_t now,
                              struct medcom_report *rep)
{
    if (!medcom_admission_check(ar, rep))
        return NULL;
    xmlBufferPtr buf = xmlBufferCreate();
    xmlTextWriterPtr w = buf ? xmlNewTextWriterMemory(buf, 0) : NULL;
    char *out = NULL;
    if (!w) {
        medcom_add(rep, MEDCOM_E_INTERNAL, MEDCOM_ERROR, "", "Intern fejl: for lidt hukommelse.");
        goto out;
    }
    char letter[37], date[11], clock[6];
    if (blank(ar->letter_id))
        medcom_uuid(letter);
    else
        snprintf(letter, sizeof letter, "%s", ar->letter_id);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(date, sizeof date, "%Y-%m-%d", &tm);
    strftime(clock, sizeof clock, "%H:%M", &tm);
    xmlTextWriterSetIndent(w, 1);
    int bad = xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL) < 0;
    bad |= open_el(w, "ReportOfAdmission");
    bad |= xmlTextWriterWriteAttribute(w, (const xmlChar *)"xmlns", (const xmlChar *)XDIS16_NS) < 0;

    bad |= open_el(w, "Letter");
    bad |= el(w, "Identifier", letter);
    bad |= el(w, "VersionCode", XDIS16_VERSION);
    bad |= el(w, "StatisticalCode", "XDIS16");
    bad |= open_el(w, "Authorisation");
    bad |= el(w, "Date", date);
    bad |= el(w, "Time", clock);
    bad |= close_el(w);
    bad |= el(w, "TypeCode", "XDIS16");
    bad |= el(w, "StatusCode", "nytbrev");
    bad |= el(w, "EpisodeOfCareIdentifier", ar->episode_value);
    bad |= close_el(w);

    bad |= open_el(w, "Sender");
    bad |= el(w, "EANIdentifier", ar->sender.ean);
    bad |= el(w, "OrganisationName", ar->sender.name);
    bad |= el(w, "TelephoneSubscriberIdentifier", ar->contact_phone);
    bad |= open_el(w, "ContactInformation");
    bad |= el(w, "ContactNamePrimary", ar->contact_name);
    bad |= el(w, "TelephoneSubscriberIdentifier", ar->contact_phone);
    bad |= el(w, "ContactTimeText", ar->contact_hours);
    bad |= close_el(w);
    bad |= close_el(w);

    bad |= open_el(w, "Receiver");
    bad |= el(w, "EANIdentifier", ar->receiver.ean);
    bad |= el(w, "OrganisationName", ar->receiver.name);
    bad |= close_el(w);

    bad |= open_el(w, "Patient");
    bad |= el(w, "CivilRegistrationNumber", ar->cpr);
    bad |= el(w, "PersonSurnameName", ar->family);
    bad |= el(w, "PersonGivenName", ar->given);
    bad |= el(w, "StreetName", ar->address);
    bad |= close_el(w);

    if (ar->n_relatives) {
        bad |= open_el(w, "Relatives");
        for (int i = 0; i < ar->n_relatives; i++) {
            char given[128], family[128];
            split_name(ar->relatives[i].name, given, family);
            bad |= open_el(w, "Relative");
            bad |= el(w, "PersonSurnameName", family);
            bad |= el(w, "PersonGivenName", given);
            bad |= open_el(w, "TelephoneSubscriber");
            bad |= el(w, "TelephoneNumber", ar->relatives[i].phone);
            bad |= close_el(w);
            bad |= close_el(w);
        }
        bad |= close_el(w);
    }
    if (!blank(ar->aids)) {
        bad |= open_el(w, "Auxiliaries");
        bad |= formatted(w, "Comment", ar->aids);
        bad |= close_el(w);
    }
    bad |= open_el(w, "Services");
    for (int i = 0; i < ar->n_services; i++) {
        const struct medcom_ar_service *s = &ar->services[i];
        char text[600];
        snprintf(text, sizeof text, "%s%s%s", nz(s->frequency),
                 blank(s->frequency) || blank(s->details) ? "" : ". ", nz(s->details));
        bad |= open_el(w, "Service");
        bad |= el(w, "ServiceHeadline", s->name);
        bad |= el(w, "ServiceText", text);
        bad |= close_el(w);
    }
    bad |= close_el(w);

    /* FSIII levels, contacts, what matters and relatives' roles as text. */
    struct strbuf sb = STRBUF_INIT;
    for (int i = 0; i < ar->n_functions; i++) {
        const struct medcom_ar_function *f = &ar->functions[i];
        strbuf_addf(&sb, "%s %s: niveau %d%s%s%s%s%s\n", f->code, f->display, f->level,
                    blank(f->level_text) ? "" : " (", nz(f->level_text),
                    blank(f->level_text) ? "" : ")", blank(f->note) ? "" : ". ", nz(f->note));
    }
    bad |= formatted(w, "MotionEvaluation", sb.buf);
    strbuf_reset(&sb);
    if (!blank(ar->health_summary))
        strbuf_addf(&sb, "%s\n", ar->health_summary);
    if (!blank(ar->what_matters))
        strbuf_addf(&sb, "Vigtigt for borgeren: %s\n", ar->what_matters);
    for (int i = 0; i < ar->n_contacts; i++)
        strbuf_addf(&sb, "Kontakt: %s%s%s, tlf. %s\n", nz(ar->contacts[i].relation),
                    blank(ar->contacts[i].relation) ? "" : " ", ar->contacts[i].name,
                    ar->contacts[i].phone);
    bad |= formatted(w, "PatientHealthSummary", sb.buf);
    strbuf_reset(&sb);
    for (int i = 0; i < ar->n_relatives; i++)
        strbuf_addf(&sb, "%s%s%s%s%s\n", nz(ar->relatives[i].relation),
                    blank(ar->relatives[i].relation) ? "" : ": ", ar->relatives[i].name,
                    blank(ar->relatives[i].note) ? "" : ", ", nz(ar->relatives[i].note));
    bad |= formatted(w, "InformedRelative", sb.buf);
    bad |= sb.oom;
    strbuf_release(&sb);

    bad |= close_el(w);
    bad |= xmlTextWriterEndDocument(w) < 0;
    xmlFreeTextWriter(w);
    w = NULL;
    if (!bad)
        out = strdup((const char *)xmlBufferContent(buf));
    if (!out)
        medcom_add(rep, MEDCOM_E_INTERNAL, MEDCOM_ERROR, "",
                   "Intern fejl: indlæggelsesrapporten kunne ikke skrives.");
out:
    if (w)
        xmlFreeTextWriter(w);
    if (buf)
        xmlBufferFree(buf);
    return out;
}
