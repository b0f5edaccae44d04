/* letter.c — see letter.h. Short words and short sentences on purpose:
 * the default wording must read easily (LIX ≤ 35). */
#include "core/letter.h"

#include <stdio.h>
#include <string.h>

#include "lib/strbuf.h"

static bool is_word_byte(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c >= 0x80;
}

double lix(const char *text)
{
    long words = 0, long_words = 0, sentences = 0;
    bool in_sentence = false;
    const unsigned char *p = (const unsigned char *)text;
    while (*p) {
        if (is_word_byte(*p)) {
            long letters = 0;
            while (*p && (is_word_byte(*p) || ((*p == '-' || *p == '\'') && is_word_byte(p[1])))) {
                if ((*p & 0xC0) != 0x80)
                    letters++;
                p++;
            }
            words++;
            if (letters > 6)
                long_words++;
            in_sentence = true;
            continue;
        }
        if (*p == '.' || *p == '!' || *p == '?' || *p == ':' || *p == '\n') {
            if (in_sentence)
                sentences++;
            in_sentence = false;
        }
        p++;
    }
    if (in_sentence)
        sentences++;
    if (!words)
        return 0;
    return (double)words / (double)sentences + 100.0 * (double)long_words / (double)words;
}

static const char *weekdays_text(struct arena *a, unsigned days)
{
    static const char *const names[] = {"mandag", "tirsdag", "onsdag", "torsdag",
                                        "fredag", "lørdag",  "søndag"};
    if ((days & 127u) == 127u)
        return "hver dag";
    if ((days & 127u) == 31u)
        return "mandag til fredag";
    if ((days & 127u) == 96u)
        return "lørdag og søndag";
    const char *s = "";
    int n = __builtin_popcount(days & 127u), k = 0;
    for (int i = 0; i < 7; i++) {
        if (!(days & (1u << i)))
            continue;
        k++;
        s = arena_printf(a, "%s%s%s", s, k == 1 ? "" : k == n ? " og " : ", ", names[i]);
    }
    return s;
}

/* When a visit comes, said to the citizen. */
static const char *when_text(struct arena *a, const struct grant_service *v)
{
    static const char *const you[ANCHOR_COUNT] = {
        [ANCHOR_GET_UP] = "når du står op",      [ANCHOR_BREAKFAST] = "når du spiser morgenmad",
        [ANCHOR_LUNCH] = "når du spiser frokost", [ANCHOR_DINNER] = "når du spiser aftensmad",
        [ANCHOR_BEDTIME] = "når du går i seng",   [ANCHOR_FIXED] = NULL};
    if (v->anchor < ANCHOR_COUNT && you[v->anchor])
        return you[v->anchor];
    char t[6];
    minute_format(v->at, t);
    if (t[2] == ':')
        t[2] = '.';
    return arena_printf(a, "ved %s", t);
}

static void add(struct letter_section *s, const char *p)
{
    if (p && *p && s->count < LETTER_MAX_PARAGRAPHS)
        s->paragraphs[s->count++] = p;
}

static struct letter_section *section(struct letter *l, const char *heading)
{
    struct letter_section *s = &l->sections[l->count++];
    memset(s, 0, sizeof *s);
    s->heading = heading;
    return s;
}

enum law_topic grant_law_topic(enum grant_kind k)
{
    switch (k) {
    case GRANT_REHABILITATION:
        return LAW_TOPIC_REHABILITATION;
    case GRANT_HELHEDSPLEJE:
        return LAW_TOPIC_HELHEDSPLEJE;
    default:
        return LAW_TOPIC_HELP;
    }
}

void letter_law_for(const struct law_table *t, enum grant_kind k, struct date birth, struct date on,
                    enum law_assessment assess, struct letter_law *out)
{
    enum law_group g = law_group_for(t, birth, on, assess);
    out->basis = law_basis_for(t, grant_law_topic(k), g, on);
    out->complaint = law_basis_for(t, LAW_TOPIC_COMPLAINT, g, on);
}

int letter_build(struct arena *a, const struct grant *g, const struct citizen *c,
                 const char *contact_name, struct date on, struct letter *out)
{
    struct data_errors err = {0};
    struct law_table t;
    struct letter_law law;
    struct date birth = {0, 0, 0};
    if (law_load_default(a, &t, &err) != 0)
        return -1;
    if (!cpr_birth_date(c->cpr, &birth))
        memset(&birth, 0, sizeof birth);
    letter_law_for(&t, g->kind, birth, on, LAW_ASSESS_NONE, &law);
    return letter_build_cited(a, g, c, contact_name, on, &law, out);
}

int letter_build_cited(struct arena *a, const struct grant *g, const struct citizen *c,
                       const char *contact_name, struct date on, const struct letter_law *law,
                       struct letter *out)
{
    char d1[64], d2[64], d3[64], d4[64];
    memset(out, 0, sizeof *out);
    bool refusal = g->kind == GRANT_REFUSAL;
    out->title = refusal ? "Afgørelse: Du får ikke hjælp" : "Afgørelse: Du får hjælp";
    out->greeting = arena_printf(a, "Kære %s %s", c->first_name, c->last_name);
    date_danish(g->start, d1, sizeof d1);
    date_danish(g->end, d2, sizeof d2);
    date_danish(g->follow_up, d3, sizeof d3);
    date_danish(date_add_days(on, 28), d4, sizeof d4);

    struct letter_section *s = section(out, "Det har du bedt om");
    add(s, g->requested);

    s = section(out, refusal ? "Det har vi besluttet" : "Det får du");
    switch (g->kind) {
    case GRANT_REHABILITATION:
        add(s, "Du får et forløb, hvor du træner i dit eget hjem.");
        add(s, "Målet er, at du kan klare mere selv.");
        add(s, arena_printf(a, "Forløbet starter %s.", d1));
        add(s, arena_printf(a, "Det slutter %s.", d2));
        break;
    case GRANT_HELHEDSPLEJE:
        add(s, arena_printf(a, "Du får hjælp fra dit faste team i op til %d minutter om ugen.",
                            g->weekly_minutes));
        add(s, "Du er med til at bestemme, hvad tiden skal bruges til.");
        add(s, arena_printf(a, "Hjælpen starter %s.", d1));
        break;
    case GRANT_SERVICES:
        add(s, arena_printf(a, "Hjælpen starter %s.", d1));
        break;
    default:
        add(s, "Du får ikke den hjælp, du har bedt om.");
        break;
    }
    if (g->service_count) {
        struct letter_section *list = section(out, "Det hjælper vi med");
        list->is_list = 1;
        for (int i = 0; i < g->service_count; i++) {
            const struct grant_service *v = &g->services[i];
            add(list, arena_printf(a, "%s: %s, %s. Det tager cirka %d minutter%s.", v->label,
                                   weekdays_text(a, v->weekdays), when_text(a, v),
                                   v->duration, v->carers == 2 ? ". Der kommer to" : ""));
        }
    }
    s = section(out, "Derfor");
    add(s, g->reason);
    if (g->goals && *g->goals) {
        s = section(out, "Dine mål");
        add(s, g->goals);
    }
    s = section(out, "Hvem kan du tale med");
    if (contact_name && *contact_name)
        add(s, arena_printf(a, "Din kontakt er %s.", contact_name));
    add(s, "Du kan ringe til os på 44 52 70 00.");
    if (!refusal && g->follow_up.year) {
        s = section(out, "Vi følger op");
        add(s, arena_printf(a, "Vi taler med dig igen senest %s.", d3));
        add(s, "Så ser vi på, om hjælpen passer til dig.");
    }
    s = section(out, "Hvis du vil klage");
    add(s, "Du kan klage over det, vi har besluttet.");
    add(s, arena_printf(a, "Vi skal have din klage senest %s.", d4));
    add(s, "Du kan ringe, skrive eller sende en mail. Du kan få hjælp af en du kender.");
    add(s, "Vi ser på sagen igen. Får du ikke ret, sender vi klagen til Ankestyrelsen.");
    if (law && law->complaint)
        add(s, arena_printf(a, "Fristen står i %s.", law_cite(a, law->complaint)));
    if (law && law->basis)
        add(s, arena_printf(a, "Vi har truffet afgørelsen efter %s.", law_cite(a, law->basis)));
    const char *text = letter_text(a, out);
    if (!text)
        return -1;
    out->lix = lix(text);
    return 0;
}

const char *letter_text(struct arena *a, const struct letter *l)
{
    struct strbuf sb = STRBUF_INIT;
    strbuf_addf(&sb, "%s\n%s\n", l->title, l->greeting);
    for (int i = 0; i < l->count; i++) {
        strbuf_addf(&sb, "%s\n", l->sections[i].heading);
        for (int k = 0; k < l->sections[i].count; k++)
            strbuf_addf(&sb, "%s\n", l->sections[i].paragraphs[k]);
    }
    const char *out = sb.oom ? NULL : arena_strdup(a, sb.buf);
    strbuf_release(&sb);
    return out;
}
