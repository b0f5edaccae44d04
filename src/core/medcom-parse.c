/*
 * medcom-parse.c — a MedCom message Bundle (FHIR JSON, or FHIR XML made
 * into the same tree) → struct medcom_msg. See medcom.h.
 *
 * References are resolved the FHIR way (http://hl7.org/fhir/R4/bundle.html
 * #references): an absolute reference or urn:uuid matches a fullUrl
 * exactly; a relative "Type/id" is joined to the base of the referring
 * entry's fullUrl. Older MedCom messages (HospitalNotification 2.0) use
 * relative fullUrls ("MessageHeader/<id>"), so a relative reference that
 * the FHIR rule cannot place falls back to the entry with that type and id.
 * Provenance.target and .entity.what name earlier messages' MessageHeaders,
 * which are never in the Bundle: they are read as ids, not resolved.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/medcom-int.h"

/* ---- the FHIR JSON tree ------------------------------------------------- */

json_t *fj_get(json_t *obj, const char *key)
{
    json_t *v = json_is_object(obj) ? json_object_get(obj, key) : NULL;
    return json_is_array(v) ? json_array_get(v, 0) : v;
}

size_t fj_count(json_t *obj, const char *key)
{
    json_t *v = json_is_object(obj) ? json_object_get(obj, key) : NULL;
    if (!v || json_is_null(v))
        return 0;
    return json_is_array(v) ? json_array_size(v) : 1;
}

json_t *fj_at(json_t *obj, const char *key, size_t i)
{
    json_t *v = json_is_object(obj) ? json_object_get(obj, key) : NULL;
    if (json_is_array(v))
        return json_array_get(v, i);
    return i == 0 ? v : NULL;
}

const char *fj_str(json_t *obj, const char *key)
{
    return json_string_value(fj_get(obj, key));
}

int fj_bool(json_t *obj, const char *key, bool from_xml)
{
    json_t *v = fj_get(obj, key);
    if (json_is_boolean(v))
        return json_is_true(v);
    if (from_xml && json_is_string(v)) {
        if (!strcmp(json_string_value(v), "true"))
            return 1;
        if (!strcmp(json_string_value(v), "false"))
            return 0;
    }
    return -1;
}

/* An extension's url names it by its last path segment; MedCom has moved
 * the same extension between IGs (…/carecommunication/… → …/core/…). */
json_t *fj_ext(json_t *obj, const char *name)
{
    size_t n = fj_count(obj, "extension"), len = strlen(name);
    for (size_t i = 0; i < n; i++) {
        json_t *e = fj_at(obj, "extension", i);
        const char *url = fj_str(e, "url");
        size_t ul = url ? strlen(url) : 0;
        if (ul > len && url[ul - len - 1] == '/' && !strcmp(url + ul - len, name))
            return e;
    }
    return NULL;
}

json_t *fj_coding(json_t *cc)
{
    json_t *c = fj_get(cc, "coding");
    return c ? c : cc;
}

const char *medcom_ref_id(struct arena *a, const char *ref)
{
    if (!ref)
        return "";
    size_t n = strlen(ref);
    const char *hist = strstr(ref, "/_history/");
    if (hist)
        n = (size_t)(hist - ref);
    if (!strncmp(ref, "urn:uuid:", 9)) {
        const char *id = arena_strndup(a, ref + 9, n - 9);
        return id ? id : "";
    }
    size_t start = n;
    while (start > 0 && ref[start - 1] != '/')
        start--;
    const char *id = arena_strndup(a, ref + start, n - start);
    return id ? id : "";
}

/* ---- the reader --------------------------------------------------------- */

struct entry {
    const char *full_url, *type, *id;
    json_t *res;
};

struct rd {
    struct arena *a;
    struct medcom_report *rep;
    struct medcom_msg *m;
    bool from_xml;
    bool oom;
    struct entry *e;
    int n;
    int dcap;
};

/* A copy of s in the arena; "" for NULL or empty. */
static const char *cp(struct rd *r, const char *s)
{
    if (!s || !*s)
        return "";
    char *c = arena_strdup(r->a, s);
    if (!c) {
        r->oom = true;
        return "";
    }
    return c;
}

static const char *path(struct rd *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static const char *path(struct rd *r, const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return cp(r, buf);
}

static void dangle(struct rd *r, const char *where, const char *ref)
{
    struct medcom_msg *m = r->m;
    if (m->n_dangling == r->dcap) {
        int cap = r->dcap ? r->dcap * 2 : 4;
        struct medcom_dangling *v = arena_alloc(r->a, (size_t)cap * sizeof *v);
        if (!v) {
            r->oom = true;
            return;
        }
        if (m->n_dangling)
            memcpy(v, m->dangling, (size_t)m->n_dangling * sizeof *v);
        m->dangling = v;
        r->dcap = cap;
    }
    m->dangling[m->n_dangling++] = (struct medcom_dangling){cp(r, where), cp(r, ref)};
}

static int find_full_url(struct rd *r, const char *url)
{
    for (int i = 0; i < r->n; i++)
        if (r->e[i].full_url[0] && !strcmp(r->e[i].full_url, url))
            return i;
    return -1;
}

/* Entry index for ref as seen from entry `from`, or -1. */
static int resolve(struct rd *r, int from, const char *ref)
{
    if (!ref || !*ref || ref[0] == '#')
        return -1;
    if (strstr(ref, "://") || !strncmp(ref, "urn:", 4))
        return find_full_url(r, ref);
    /* Relative: Type/id[/_history/v] */
    const char *slash = strchr(ref, '/');
    if (!slash || slash == ref || !isupper((unsigned char)ref[0]))
        return -1;
    size_t tlen = (size_t)(slash - ref);
    const char *id = slash + 1;
    size_t ilen = strcspn(id, "/");
    if (!ilen || tlen > 64 || ilen > 128)
        return -1;
    const char *fu = from >= 0 ? r->e[from].full_url : "";
    const char *scheme = strstr(fu, "://");
    if (scheme) {
        /* base = fullUrl without its last two segments (…/Type/id) */
        size_t n = strlen(fu);
        int seen = 0;
        while (n > (size_t)(scheme - fu) + 3 && seen < 2)
            if (fu[--n] == '/')
                seen++;
        if (seen == 2) {
            char url[1024];
            int k = snprintf(url, sizeof url, "%.*s/%s", (int)n, fu, ref);
            if (k > 0 && (size_t)k < sizeof url) {
                int i = find_full_url(r, url);
                if (i >= 0)
                    return i;
            }
        }
    }
    for (int i = 0; i < r->n; i++)
        if (strlen(r->e[i].type) == tlen && !strncmp(r->e[i].type, ref, tlen) &&
            strlen(r->e[i].id) == ilen && !strncmp(r->e[i].id, id, ilen))
            return i;
    return -1;
}

/* Follow the Reference object refobj found at `where` in entry `from`:
 * the entry index, -1 when it does not resolve (recorded as dangling),
 * -2 when there is no reference. */
static int follow(struct rd *r, int from, json_t *refobj, const char *where)
{
    const char *ref = fj_str(refobj, "reference");
    if (!ref)
        return -2;
    int i = resolve(r, from, ref);
    if (i < 0)
        dangle(r, where, ref);
    return i;
}

/* An arena array of n items of size bytes; on failure marks out-of-memory
 * and sets *n to 0, so the caller's loop reads nothing. */
static void *items(struct rd *r, int *n, size_t size)
{
    if (*n <= 0)
        return NULL;
    void *v = arena_alloc(r->a, (size_t)*n * size);
    if (!v) {
        r->oom = true;
        *n = 0;
    }
    return v;
}

static bool is(const struct rd *r, int i, const char *type)
{
    return i >= 0 && !strcmp(r->e[i].type, type);
}

/* ---- empty structs: every string "" ------------------------------------- */

static void org_init(struct medcom_org *o)
{
    *o = (struct medcom_org){false, "", "", "", ""};
}

static void author_init(struct medcom_author *au)
{
    *au = (struct medcom_author){"", "", "", "", ""};
}

static void party_init(struct medcom_party *p)
{
    *p = (struct medcom_party){.type = "", .name = "", .role = ""};
    org_init(&p->org);
}

static void msg_init(struct medcom_msg *m)
{
    *m = (struct medcom_msg){0};
    m->bundle_id = m->bundle_type = m->timestamp = m->profile = m->use_case = "";
    m->header_index = m->current = -1;
    struct medcom_header *h = &m->header;
    h->id = h->event = h->event_system = h->definition = h->profile = "";
    h->destination_endpoint = h->source_endpoint = h->focus_type = "";
    h->response_id = h->response_code = "";
    h->report_of_admission = -1;
    org_init(&h->sender);
    org_init(&h->receiver);
    org_init(&h->report_recipient);
    struct medcom_patient *p = &m->patient;
    p->id = p->cpr = p->replacement_id = p->replacement_system = p->family = p->given = "";
    p->deceased_at = "";
    p->deceased = -1;
    struct medcom_encounter *e = &m->encounter;
    e->id = e->status = e->class_code = e->class_system = e->start = e->end = "";
    e->leave_start = e->leave_end = "";
    org_init(&e->service_provider);
    struct medcom_communication *c = &m->comm;
    c->id = c->identifier = c->status = c->category = c->category_system = c->topic = "";
    c->priority = c->encounter_ref_id = "";
    party_init(&c->sender);
    party_init(&c->recipient);
}

/* ---- resources ---------------------------------------------------------- */

static void read_org(struct rd *r, int i, struct medcom_org *o)
{
    org_init(o);
    if (!is(r, i, "Organization"))
        return;
    json_t *res = r->e[i].res;
    o->present = true;
    o->id = cp(r, r->e[i].id);
    o->name = cp(r, fj_str(res, "name"));
    size_t n = fj_count(res, "identifier");
    for (size_t k = 0; k < n; k++) {
        json_t *id = fj_at(res, "identifier", k);
        const char *sys = fj_str(id, "system"), *val = fj_str(id, "value");
        if (!sys || !val)
            continue;
        if (!strcmp(sys, MEDCOM_SYS_SOR) && !o->sor[0])
            o->sor = cp(r, val);
        else if (!strcmp(sys, MEDCOM_SYS_EAN) && !o->ean[0])
            o->ean = cp(r, val);
    }
}

/* Family and given names of a HumanName list: the official one, else the first. */
static void read_name(struct rd *r, json_t *res, const char **family, const char **given)
{
    size_t n = fj_count(res, "name");
    json_t *name = n ? fj_at(res, "name", 0) : NULL;
    for (size_t k = 0; k < n; k++) {
        const char *use = fj_str(fj_at(res, "name", k), "use");
        if (use && !strcmp(use, "official")) {
            name = fj_at(res, "name", k);
            break;
        }
    }
    *family = cp(r, fj_str(name, "family"));
    char buf[256] = "";
    size_t g = fj_count(name, "given"), len = 0;
    for (size_t k = 0; k < g; k++) {
        const char *s = json_string_value(fj_at(name, "given", k));
        if (!s)
            continue;
        int w = snprintf(buf + len, sizeof buf - len, "%s%s", len ? " " : "", s);
        if (w < 0 || (size_t)w >= sizeof buf - len)
            break;
        len += (size_t)w;
    }
    *given = cp(r, buf);
}

static void read_patient(struct rd *r, int i, struct medcom_patient *p)
{
    json_t *res = r->e[i].res;
    p->id = cp(r, r->e[i].id);
    size_t n = fj_count(res, "identifier");
    for (size_t k = 0; k < n; k++) {
        json_t *id = fj_at(res, "identifier", k);
        const char *sys = fj_str(id, "system"), *val = fj_str(id, "value");
        if (!sys || !val)
            continue;
        if (!strcmp(sys, MEDCOM_SYS_CPR) && !p->cpr[0]) {
            p->cpr = cp(r, val);
        } else if (!strncmp(sys, "urn:oid:1.2.208.176.1.6.", 24) && !p->replacement_id[0]) {
            p->replacement_id = cp(r, val);
            p->replacement_system = cp(r, sys);
        }
    }
    read_name(r, res, &p->family, &p->given);
    p->deceased = fj_bool(res, "deceasedBoolean", r->from_xml);
    const char *at = fj_str(res, "deceasedDateTime");
    if (at) {
        p->deceased = 1;
        p->deceased_at = cp(r, at);
    }
}

static void read_encounter(struct rd *r, int i, struct medcom_encounter *e)
{
    json_t *res = r->e[i].res;
    e->present = true;
    e->id = cp(r, r->e[i].id);
    e->status = cp(r, fj_str(res, "status"));
    json_t *cls = fj_get(res, "class");
    e->class_code = cp(r, fj_str(cls, "code"));
    e->class_system = cp(r, fj_str(cls, "system"));
    json_t *period = fj_get(res, "period");
    e->start = cp(r, fj_str(period, "start"));
    e->end = cp(r, fj_str(period, "end"));
    json_t *leave =
        fj_get(fj_ext(res, "medcom-hospitalnotifiation-leave-period-extension"), "valuePeriod");
    e->leave_start = cp(r, fj_str(leave, "start"));
    e->leave_end = cp(r, fj_str(leave, "end"));
    int n = (int)fj_count(res, "episodeOfCare");
    e->episodes = items(r, &n, sizeof *e->episodes);
    for (int k = 0; k < n; k++) {
        json_t *id = fj_get(fj_at(res, "episodeOfCare", (size_t)k), "identifier");
        const char *sys = fj_str(id, "system"), *val = fj_str(id, "value");
        if (!val)
            continue;
        struct medcom_episode *ep = &e->episodes[e->n_episodes++];
        ep->system = cp(r, sys);
        ep->value = cp(r, val);
        ep->lpr3 = sys && !strcmp(sys, MEDCOM_SYS_LPR3);
    }
    follow(r, i, fj_get(res, "subject"),
           path(r, "Bundle.entry[%d].resource(Encounter).subject", i));
    int sp = follow(r, i, fj_get(res, "serviceProvider"),
                    path(r, "Bundle.entry[%d].resource(Encounter).serviceProvider", i));
    read_org(r, sp, &e->service_provider);
}

static void read_provenance(struct rd *r, int i, struct medcom_provenance *p)
{
    json_t *res = r->e[i].res;
    p->id = cp(r, r->e[i].id);
    p->target_id = cp(r, medcom_ref_id(r->a, fj_str(fj_get(res, "target"), "reference")));
    p->activity = cp(r, fj_str(fj_coding(fj_get(res, "activity")), "code"));
    p->occurred = cp(r, fj_str(res, "occurredDateTime"));
    p->recorded = cp(r, fj_str(res, "recorded"));
    int who = follow(r, i, fj_get(fj_get(res, "agent"), "who"),
                     path(r, "Bundle.entry[%d].resource(Provenance).agent.who", i));
    read_org(r, who, &p->agent);
    int n = (int)fj_count(res, "entity");
    p->entities = items(r, &n, sizeof *p->entities);
    for (int k = 0; k < n; k++) {
        json_t *ent = fj_at(res, "entity", (size_t)k), *what = fj_get(ent, "what");
        const char *ref = fj_str(what, "reference");
        p->entities[k] = (struct medcom_entity){
            .role = cp(r, fj_str(ent, "role")),
            .message_id = ref ? cp(r, medcom_ref_id(r->a, ref)) : "",
            .identifier = cp(r, fj_str(fj_get(what, "identifier"), "value")),
        };
    }
    p->n_entities = n;
}

/* A PractitionerRole: the Practitioner's name, the role, the organisation. */
static void read_author(struct rd *r, int i, struct medcom_author *au)
{
    author_init(au);
    if (!is(r, i, "PractitionerRole"))
        return;
    json_t *res = r->e[i].res;
    json_t *code = fj_get(res, "code");
    au->role_code = cp(r, fj_str(fj_coding(code), "code"));
    au->role_text = cp(r, fj_str(code, "text"));
    int pr = follow(r, i, fj_get(res, "practitioner"),
                    path(r, "Bundle.entry[%d].resource(PractitionerRole).practitioner", i));
    if (is(r, pr, "Practitioner"))
        read_name(r, r->e[pr].res, &au->family, &au->given);
    int org = follow(r, i, fj_get(res, "organization"),
                     path(r, "Bundle.entry[%d].resource(PractitionerRole).organization", i));
    struct medcom_org o;
    read_org(r, org, &o);
    au->org_name = o.name;
}

static void read_party(struct rd *r, int i, struct medcom_party *p)
{
    party_init(p);
    if (is(r, i, "CareTeam")) {
        json_t *res = r->e[i].res;
        p->present = true;
        p->type = "CareTeam";
        p->name = cp(r, fj_str(res, "name"));
        int org = follow(r, i, fj_get(res, "managingOrganization"),
                         path(r, "Bundle.entry[%d].resource(CareTeam).managingOrganization", i));
        read_org(r, org, &p->org);
    } else if (is(r, i, "PractitionerRole")) {
        struct medcom_author au;
        read_author(r, i, &au);
        p->present = true;
        p->type = "PractitionerRole";
        p->name = cp(r, *au.given ? arena_printf(r->a, "%s %s", au.given, au.family) : au.family);
        p->role = *au.role_code ? au.role_code : au.role_text;
        read_org(r, resolve(r, i, fj_str(fj_get(r->e[i].res, "organization"), "reference")),
                 &p->org);
    }
}

static void read_payload(struct rd *r, int ci, json_t *pl, int k, struct medcom_payload *p)
{
    *p = (struct medcom_payload){.identifier = "",
                                 .date = "",
                                 .contact_system = "",
                                 .contact_value = "",
                                 .text = "",
                                 .content_type = "",
                                 .title = "",
                                 .creation = "",
                                 .url = "",
                                 .data = ""};
    author_init(&p->author);
    json_t *date = fj_ext(pl, "medcom-core-datetime-extension");
    if (!date)
        date = fj_ext(pl, "medcom-carecommunication-datetime-extension");
    p->date = cp(r, fj_str(date, "valueDateTime"));
    json_t *id = fj_ext(pl, "medcom-core-identifier-extension");
    if (!id)
        id = fj_ext(pl, "medcom-carecommunication-attachment-extension");
    if (!id)
        id = fj_ext(pl, "medcom-carecommunication-identifier-extension");
    p->identifier = cp(r, fj_str(fj_get(id, "valueIdentifier"), "value"));
    json_t *author = fj_ext(pl, "medcom-core-practitioner-extension");
    if (!author)
        author = fj_ext(pl, "medcom-carecommunication-author-extension");
    if (author) {
        int a =
            follow(r, ci, fj_get(author, "valueReference"),
                   path(r, "Bundle.entry[%d].resource(Communication).payload[%d].author", ci, k));
        read_author(r, a, &p->author);
        p->has_author = is(r, a, "PractitionerRole");
    }
    json_t *contact = fj_ext(pl, "medcom-core-contact-extension");
    if (!contact)
        contact = fj_ext(pl, "medcom-carecommunication-author-contact-extension");
    json_t *cpt = fj_get(contact, "valueContactPoint");
    p->contact_system = cp(r, fj_str(cpt, "system"));
    p->contact_value = cp(r, fj_str(cpt, "value"));
    const char *text = fj_str(pl, "contentString");
    json_t *att = fj_get(pl, "contentAttachment");
    if (att) {
        p->is_attachment = true;
        p->content_type = cp(r, fj_str(att, "contentType"));
        p->title = cp(r, fj_str(att, "title"));
        p->creation = cp(r, fj_str(att, "creation"));
        p->url = cp(r, fj_str(att, "url"));
        p->data = cp(r, fj_str(att, "data"));
        p->data_len = strlen(p->data);
    } else {
        p->text = cp(r, text);
    }
}

static void read_communication(struct rd *r, int i, struct medcom_communication *c)
{
    json_t *res = r->e[i].res;
    c->present = true;
    c->id = cp(r, r->e[i].id);
    c->identifier = cp(r, fj_str(fj_get(res, "identifier"), "value"));
    c->status = cp(r, fj_str(res, "status"));
    json_t *cat = fj_coding(fj_get(res, "category"));
    c->category = cp(r, fj_str(cat, "code"));
    c->category_system = cp(r, fj_str(cat, "system"));
    c->topic = cp(r, fj_str(fj_get(res, "topic"), "text"));
    c->priority = cp(r, fj_str(res, "priority"));
    follow(r, i, fj_get(res, "subject"),
           path(r, "Bundle.entry[%d].resource(Communication).subject", i));
    int enc = follow(r, i, fj_get(res, "encounter"),
                     path(r, "Bundle.entry[%d].resource(Communication).encounter", i));
    if (is(r, enc, "Encounter"))
        c->encounter_ref_id = cp(r, r->e[enc].id);
    json_t *sender = fj_ext(res, "medcom-core-sender-extension");
    if (!sender)
        sender = fj_ext(res, "medcom-carecommunication-sender-extension");
    if (sender)
        read_party(r,
                   follow(r, i, fj_get(sender, "valueReference"),
                          path(r, "Bundle.entry[%d].resource(Communication).extension:sender", i)),
                   &c->sender);
    if (fj_count(res, "recipient"))
        read_party(r,
                   follow(r, i, fj_get(res, "recipient"),
                          path(r, "Bundle.entry[%d].resource(Communication).recipient", i)),
                   &c->recipient);
    int n = (int)fj_count(res, "payload");
    c->payloads = items(r, &n, sizeof *c->payloads);
    for (int k = 0; k < n; k++)
        read_payload(r, i, fj_at(res, "payload", (size_t)k), k, &c->payloads[k]);
    c->n_payloads = n;
}

static void read_outcome(struct rd *r, int i, struct medcom_msg *m)
{
    json_t *res = r->e[i].res;
    int n = (int)fj_count(res, "issue");
    m->issues = items(r, &n, sizeof *m->issues);
    for (int k = 0; k < n; k++) {
        json_t *is = fj_at(res, "issue", (size_t)k), *details = fj_get(is, "details");
        const char *text = fj_str(details, "text");
        m->issues[k] = (struct medcom_issue){
            .severity = cp(r, fj_str(is, "severity")),
            .code = cp(r, fj_str(is, "code")),
            .detail_code = cp(r, fj_str(fj_coding(details), "code")),
            .text = cp(r, text ? text : fj_str(is, "diagnostics")),
        };
    }
    m->n_issues = n;
}

static enum medcom_kind kind_of(const char *event)
{
    if (!strcmp(event, "hospital-notification-message"))
        return MEDCOM_KIND_HOSPITAL_NOTIFICATION;
    if (!strcmp(event, "care-communication-message"))
        return MEDCOM_KIND_CARE_COMMUNICATION;
    if (!strcmp(event, "acknowledgement-message"))
        return MEDCOM_KIND_ACKNOWLEDGEMENT;
    if (!strcmp(event, "empty-message"))
        return MEDCOM_KIND_EMPTY;
    return MEDCOM_KIND_UNKNOWN;
}

static void read_header(struct rd *r, int i)
{
    struct medcom_msg *m = r->m;
    struct medcom_header *h = &m->header;
    json_t *res = r->e[i].res;
    h->id = cp(r, r->e[i].id);
    json_t *ev = fj_get(res, "eventCoding");
    h->event = cp(r, fj_str(ev, "code"));
    h->event_system = cp(r, fj_str(ev, "system"));
    h->definition = cp(r, fj_str(res, "definition"));
    h->profile = cp(r, fj_str(fj_get(res, "meta"), "profile"));
    m->kind = kind_of(h->event);

    h->destinations = (int)fj_count(res, "destination");
    for (int k = 0; k < h->destinations; k++) {
        json_t *d = fj_at(res, "destination", (size_t)k);
        const char *use = fj_str(
            fj_get(fj_ext(d, "medcom-messaging-destinationUseExtension"), "valueCoding"), "code");
        int recv = follow(r, i, fj_get(d, "receiver"),
                          path(r,
                               "Bundle.entry[%d].resource(MessageHeader).destination[%d]"
                               ".receiver",
                               i, k));
        if (use && !strcmp(use, "primary")) {
            if (!h->primary_destinations++) {
                read_org(r, recv, &h->receiver);
                h->destination_endpoint = cp(r, fj_str(d, "endpoint"));
            }
        }
    }
    /* A single destination without the use extension is still the receiver
     * we answer; the validator reports the missing extension. */
    if (!h->primary_destinations && h->destinations == 1) {
        json_t *d = fj_get(res, "destination");
        read_org(r, resolve(r, i, fj_str(fj_get(d, "receiver"), "reference")), &h->receiver);
        h->destination_endpoint = cp(r, fj_str(d, "endpoint"));
    }
    int snd = follow(r, i, fj_get(res, "sender"),
                     path(r, "Bundle.entry[%d].resource(MessageHeader).sender", i));
    read_org(r, snd, &h->sender);
    h->source_endpoint = cp(r, fj_str(fj_get(res, "source"), "endpoint"));

    h->focus_count = (int)fj_count(res, "focus");
    int focus = -1;
    for (int k = 0; k < h->focus_count; k++) {
        int f = follow(r, i, fj_at(res, "focus", (size_t)k),
                       path(r, "Bundle.entry[%d].resource(MessageHeader).focus[%d]", i, k));
        if (k == 0)
            focus = f;
    }
    if (focus >= 0)
        h->focus_type = cp(r, r->e[focus].type);
    if (is(r, focus, "Encounter"))
        read_encounter(r, focus, &m->encounter);
    else if (is(r, focus, "Communication"))
        read_communication(r, focus, &m->comm);

    json_t *roa = fj_ext(res, "medcom-messaging-reportOfAdmissionExtension");
    if (roa)
        h->report_of_admission = fj_bool(roa, "valueBoolean", r->from_xml);
    json_t *rec = fj_ext(res, "medcom-messaging-reportOfAdmissionRecipientExtension");
    if (rec)
        read_org(r,
                 follow(r, i, fj_get(rec, "valueReference"),
                        path(r,
                             "Bundle.entry[%d].resource(MessageHeader).extension"
                             ":reportOfAdmissionRecipient",
                             i)),
                 &h->report_recipient);

    json_t *resp = fj_get(res, "response");
    if (resp) {
        h->response_id = cp(r, fj_str(resp, "identifier"));
        h->response_code = cp(r, fj_str(resp, "code"));
        follow(r, i, fj_get(resp, "details"),
               path(r, "Bundle.entry[%d].resource(MessageHeader).response.details", i));
    }
}

/* Read everything the message holds once the entry index is built. */
static void read_bundle(struct rd *r)
{
    struct medcom_msg *m = r->m;
    for (int i = 0; i < r->n; i++) {
        if (!strcmp(r->e[i].type, "MessageHeader")) {
            if (!m->header_count++) {
                m->header_index = i;
                read_header(r, i);
            }
        }
    }
    int provs = 0;
    for (int i = 0; i < r->n; i++) {
        const char *t = r->e[i].type;
        if (!strcmp(t, "Patient")) {
            if (!m->patient_count++)
                read_patient(r, i, &m->patient);
        } else if (!strcmp(t, "Encounter")) {
            if (!m->encounter_count++ && !m->encounter.present)
                read_encounter(r, i, &m->encounter);
        } else if (!strcmp(t, "Communication")) {
            if (!m->communication_count++ && !m->comm.present)
                read_communication(r, i, &m->comm);
        } else if (!strcmp(t, "OperationOutcome")) {
            if (!m->has_outcome) {
                m->has_outcome = true;
                read_outcome(r, i, m);
            }
        } else if (!strcmp(t, "Provenance")) {
            provs++;
        }
    }
    m->provenances = items(r, &provs, sizeof *m->provenances);
    for (int i = 0; provs && i < r->n; i++) {
        if (strcmp(r->e[i].type, "Provenance"))
            continue;
        struct medcom_provenance *p = &m->provenances[m->n_provenances];
        read_provenance(r, i, p);
        if (m->current < 0 && m->header.id[0] && !strcmp(p->target_id, m->header.id))
            m->current = m->n_provenances;
        m->n_provenances++;
    }
}

struct medcom_limits medcom_limits_default(void)
{
    return (struct medcom_limits){MEDCOM_MAX_BYTES_DEFAULT, 1000, 64};
}

/* The first byte that is not blank or a UTF-8 byte order mark. */
static int first_byte(const char *s, size_t len)
{
    size_t i = 0;
    if (len >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB &&
        (unsigned char)s[2] == 0xBF)
        i = 3;
    while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
        i++;
    return i < len ? (unsigned char)s[i] : -1;
}

bool medcom_parse(const char *bytes, size_t len, enum medcom_format fmt,
                  const struct medcom_limits *limits, struct arena *a, struct medcom_msg *msg,
                  struct medcom_report *rep)
{
    struct medcom_limits lim = limits ? *limits : medcom_limits_default();
    msg_init(msg);
    if (len > lim.max_bytes)
        return medcom_add(rep, MEDCOM_E_TOO_LARGE, MEDCOM_ERROR, "",
                          "Meddelelsen er for stor (%zu byte; højst %zu byte modtages).", len,
                          lim.max_bytes);
    int first = bytes ? first_byte(bytes, len) : -1;
    if (first < 0)
        return medcom_add(rep, MEDCOM_E_EMPTY, MEDCOM_ERROR, "", "Meddelelsen er tom.");
    if (fmt == MEDCOM_FORMAT_AUTO) {
        if (first == '<')
            fmt = MEDCOM_FORMAT_XML;
        else if (first == '{')
            fmt = MEDCOM_FORMAT_JSON;
        else
            return medcom_add(rep, MEDCOM_E_NOT_FHIR, MEDCOM_ERROR, "",
                              "Meddelelsen er hverken FHIR JSON eller FHIR XML.");
    }
    msg->format = fmt;

    json_t *root;
    if (fmt == MEDCOM_FORMAT_XML) {
        root = medcom_xml_read(bytes, len, lim.max_depth, rep);
        if (!root)
            return false;
    } else {
        json_error_t err;
        size_t bom = len >= 3 && !memcmp(bytes, "\xEF\xBB\xBF", 3) ? 3 : 0;
        root = json_loadb(bytes + bom, len - bom, JSON_REJECT_DUPLICATES, &err);
        if (!root)
            return medcom_add(rep, MEDCOM_E_MALFORMED_JSON, MEDCOM_ERROR, "",
                              "Meddelelsen er ikke gyldig JSON (linje %d, tegn %d).", err.line,
                              err.column);
    }

    struct rd r = {.a = a, .rep = rep, .m = msg, .from_xml = fmt == MEDCOM_FORMAT_XML};
    bool ok = false;
    const char *rt = fj_str(root, "resourceType");
    if (!json_is_object(root) || !rt) {
        medcom_add(rep, MEDCOM_E_NOT_FHIR, MEDCOM_ERROR, "",
                   "Meddelelsen er ikke en FHIR-ressource (resourceType mangler).");
        goto out;
    }
    if (strcmp(rt, "Bundle")) {
        medcom_add(rep, MEDCOM_E_NOT_MESSAGE, MEDCOM_ERROR, "Bundle",
                   "Meddelelsen er en %.40s, ikke en Bundle af typen message.", rt);
        goto out;
    }
    msg->bundle_id = cp(&r, fj_str(root, "id"));
    msg->bundle_type = cp(&r, fj_str(root, "type"));
    msg->timestamp = cp(&r, fj_str(root, "timestamp"));
    msg->profile = cp(&r, fj_str(fj_get(root, "meta"), "profile"));
    if (strcmp(msg->bundle_type, "message")) {
        medcom_add(rep, MEDCOM_E_NOT_MESSAGE, MEDCOM_ERROR, "Bundle.type",
                   "Bundle.type er '%.40s'; en MedCom-meddelelse har typen 'message'.",
                   msg->bundle_type);
        goto out;
    }
    size_t n = fj_count(root, "entry");
    if (n > (size_t)lim.max_entries) {
        medcom_add(rep, MEDCOM_E_TOO_COMPLEX, MEDCOM_ERROR, "Bundle.entry",
                   "Meddelelsen har %zu ressourcer; højst %d modtages.", n, lim.max_entries);
        goto out;
    }
    r.n = (int)n;
    r.e = n ? arena_alloc(a, n * sizeof *r.e) : NULL;
    if (n && !r.e) {
        r.oom = true;
        goto out;
    }
    for (int i = 0; i < r.n; i++) {
        json_t *entry = fj_at(root, "entry", (size_t)i), *res = fj_get(entry, "resource");
        r.e[i].full_url = cp(&r, fj_str(entry, "fullUrl"));
        r.e[i].res = json_is_object(res) ? res : NULL;
        r.e[i].type = cp(&r, fj_str(res, "resourceType"));
        r.e[i].id = cp(&r, fj_str(res, "id"));
        if (!r.e[i].full_url[0])
            medcom_add(rep, MEDCOM_E_FULLURL, MEDCOM_ERROR, path(&r, "Bundle.entry[%d]", i),
                       "Ressource nr. %d i meddelelsen mangler fullUrl.", i + 1);
        else if (find_full_url(&r, r.e[i].full_url) != i)
            medcom_add(rep, MEDCOM_E_FULLURL, MEDCOM_ERROR, path(&r, "Bundle.entry[%d]", i),
                       "To ressourcer i meddelelsen har samme fullUrl (%.80s).", r.e[i].full_url);
        if (!r.e[i].res)
            r.e[i].type = "";
    }
    msg->entries = r.n;
    read_bundle(&r);
    ok = !r.oom;
    if (r.oom)
        medcom_add(rep, MEDCOM_E_INTERNAL, MEDCOM_ERROR, "", "Intern fejl: for lidt hukommelse.");
out:
    json_decref(root);
    return ok;
}

const struct medcom_provenance *medcom_current(const struct medcom_msg *msg)
{
    return msg->current >= 0 ? &msg->provenances[msg->current] : NULL;
}

const struct medcom_entity *medcom_prior(const struct medcom_msg *msg)
{
    const struct medcom_provenance *p = medcom_current(msg);
    if (!p)
        return NULL;
    for (int k = 0; k < p->n_entities; k++)
        if (p->entities[k].message_id[0] &&
            (!strcmp(p->entities[k].role, "revision") || !strcmp(p->entities[k].role, "removal")))
            return &p->entities[k];
    for (int k = 0; k < p->n_entities; k++)
        if (p->entities[k].message_id[0] ||
            (p->entities[k].identifier[0] && strchr(p->entities[k].identifier, '#')))
            return &p->entities[k];
    return NULL;
}

enum medcom_cc_kind medcom_cc_kind_of(const struct medcom_msg *msg)
{
    const struct medcom_provenance *p = medcom_current(msg);
    if (!p)
        return MEDCOM_CC_OTHER;
    if (!strcmp(p->activity, "new-message"))
        return MEDCOM_CC_NEW;
    if (!strcmp(p->activity, "reply-message"))
        return MEDCOM_CC_REPLY;
    if (!strcmp(p->activity, "forward-message"))
        return MEDCOM_CC_FORWARD;
    return MEDCOM_CC_OTHER;
}
