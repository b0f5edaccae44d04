/* law.c — legal bases as data (see law.h). */
#include "core/law.h"

#include <stdio.h>
#include <string.h>

#include "core/yamldoc.h"

static const char *const topic_codes[LAW_TOPIC_COUNT] = {
    "help", "helhedspleje", "rehabilitation", "meals", "preventive_visit", "complaint"};
static const char *const target_codes[] = {"all", "elder", "not_elder"};

const char *law_topic_code(enum law_topic t)
{
    return t >= 0 && t < LAW_TOPIC_COUNT ? topic_codes[t] : "";
}

int law_topic_parse(const char *code)
{
    for (int i = 0; code && i < LAW_TOPIC_COUNT; i++)
        if (!strcmp(code, topic_codes[i]))
            return i;
    return -1;
}

const char *law_target_code(enum law_target t)
{
    return t >= LAW_TARGET_ALL && t <= LAW_TARGET_NOT_ELDER ? target_codes[t] : "";
}

int law_target_parse(const char *code)
{
    for (int i = 0; code && i < 3; i++)
        if (!strcmp(code, target_codes[i]))
            return i;
    return -1;
}

static const char *const top_keys[] = {"format", "laws", "bases", "pension_age", NULL};
static const char *const law_keys[] = {"id", "name", "title", "citation", "url", NULL};
static const char *const basis_keys[] = {"id",       "topic", "law", "paragraph", "title",
                                         "target",   "from",  "to",  "source",    "read_on",
                                         "verified", "note",  NULL};
static const char *const pension_keys[] = {"born_from", "born_to", "years", "months", "note", NULL};

#define LAW_FORMAT "omsorg-law/1"

/* true/false, ja/nej. */
static bool read_bool(struct ydoc *d, yaml_node_t *n, const char *key, const char *what, bool *out)
{
    const char *s = ydoc_text(d, n, key, true, what);
    if (!s)
        return false;
    if (!strcmp(s, "true") || !strcmp(s, "ja"))
        *out = true;
    else if (!strcmp(s, "false") || !strcmp(s, "nej"))
        *out = false;
    else {
        data_error_add(d->err, ydoc_line(ydoc_get(d, n, key)),
                       "«%s» i %s skal være true eller false, ikke «%s».", key, what, s);
        return false;
    }
    return true;
}

static void load_laws(struct ydoc *d, yaml_node_t *seq, struct law *laws, int *nlaws)
{
    for (int i = 0; i < ydoc_seq_len(seq); i++) {
        yaml_node_t *n = ydoc_seq_at(d, seq, i);
        char what[64];
        snprintf(what, sizeof what, "lov nr. %d", i + 1);
        if (!ydoc_keys(d, n, law_keys, what))
            continue;
        struct law *l = &laws[(*nlaws)++];
        l->line = ydoc_line(n);
        l->id = ydoc_text(d, n, "id", true, what);
        l->name = ydoc_text(d, n, "name", true, what);
        l->title = ydoc_text(d, n, "title", true, what);
        l->citation = ydoc_text(d, n, "citation", true, what);
        l->url = ydoc_text(d, n, "url", true, what);
        if (l->id && !ydoc_id_ok(l->id))
            data_error_add(d->err, l->line,
                           "Loven har et ugyldigt id «%s» (små bogstaver, tal, "
                           "punktum, bindestreg).",
                           l->id);
        if (l->url && strncmp(l->url, "https://", 8))
            data_error_add(d->err, l->line, "«url» for loven «%s» skal begynde med https://.",
                           l->id ? l->id : "?");
        for (int k = 0; l->id && k < *nlaws - 1; k++)
            if (laws[k].id && !strcmp(laws[k].id, l->id))
                data_error_add(d->err, l->line, "Loven «%s» står også på linje %d.", l->id,
                               laws[k].line);
    }
}

static const struct law *find_law(const struct law *laws, int n, const char *id)
{
    for (int i = 0; id && i < n; i++)
        if (laws[i].id && !strcmp(laws[i].id, id))
            return &laws[i];
    return NULL;
}

/* Do two in-force periods share a day? (to year 0 = open) */
static bool periods_overlap(const struct law_basis *a, const struct law_basis *b)
{
    bool a_before_b = a->to.year && date_cmp(a->to, b->from) < 0;
    bool b_before_a = b->to.year && date_cmp(b->to, a->from) < 0;
    return !a_before_b && !b_before_a;
}

static bool targets_meet(enum law_target a, enum law_target b)
{
    return a == LAW_TARGET_ALL || b == LAW_TARGET_ALL || a == b;
}

static void load_bases(struct ydoc *d, yaml_node_t *seq, const struct law *laws, int nlaws,
                       struct law_basis *bases, int *nbases)
{
    for (int i = 0; i < ydoc_seq_len(seq); i++) {
        yaml_node_t *n = ydoc_seq_at(d, seq, i);
        char what[96];
        const char *id = ydoc_is_map(n) ? ydoc_scalar(d, ydoc_get(d, n, "id")) : NULL;
        snprintf(what, sizeof what, "hjemlen «%s»", id ? id : "uden id");
        if (!ydoc_keys(d, n, basis_keys, what))
            continue;
        struct law_basis *b = &bases[(*nbases)++];
        b->line = ydoc_line(n);
        b->id = ydoc_text(d, n, "id", true, what);
        ydoc_check_id(d, b->id, b->line, what);
        for (int k = 0; b->id && k < *nbases - 1; k++)
            if (bases[k].id && !strcmp(bases[k].id, b->id))
                data_error_add(d->err, b->line, "Id'et «%s» står også på linje %d.", b->id,
                               bases[k].line);
        const char *topic = ydoc_text(d, n, "topic", true, what);
        int t = law_topic_parse(topic);
        if (topic && t < 0)
            data_error_add(d->err, ydoc_line(ydoc_get(d, n, "topic")),
                           "«topic» i %s skal være en af help, helhedspleje, rehabilitation, "
                           "meals, preventive_visit, complaint – ikke «%s».",
                           what, topic);
        b->topic = t < 0 ? LAW_TOPIC_HELP : (enum law_topic)t;
        const char *law = ydoc_text(d, n, "law", true, what);
        b->law = find_law(laws, nlaws, law);
        if (law && !b->law)
            data_error_add(d->err, ydoc_line(ydoc_get(d, n, "law")),
                           "Loven «%s» i %s står ikke under «laws».", law, what);
        b->paragraph = ydoc_text(d, n, "paragraph", true, what);
        if (b->paragraph && strncmp(b->paragraph, "§", strlen("§")))
            data_error_add(d->err, ydoc_line(ydoc_get(d, n, "paragraph")),
                           "«paragraph» i %s skal begynde med §, fx «§ 10».", what);
        b->title = ydoc_text(d, n, "title", true, what);
        const char *target = ydoc_text(d, n, "target", true, what);
        int g = law_target_parse(target);
        if (target && g < 0)
            data_error_add(d->err, ydoc_line(ydoc_get(d, n, "target")),
                           "«target» i %s skal være all, elder eller not_elder – ikke «%s».", what,
                           target);
        b->target = g < 0 ? LAW_TARGET_ALL : (enum law_target)g;
        ydoc_date(d, n, "from", true, what, &b->from);
        ydoc_date(d, n, "to", false, what, &b->to);
        if (b->from.year && b->to.year && date_cmp(b->to, b->from) < 0)
            data_error_add(d->err, ydoc_line(ydoc_get(d, n, "to")), "«to» ligger før «from» i %s.",
                           what);
        b->source = ydoc_text(d, n, "source", true, what);
        if (b->source && strncmp(b->source, "https://", 8))
            data_error_add(d->err, ydoc_line(ydoc_get(d, n, "source")),
                           "«source» i %s skal være en https://-adresse.", what);
        ydoc_date(d, n, "read_on", true, what, &b->read_on);
        read_bool(d, n, "verified", what, &b->verified);
        b->note = ydoc_text(d, n, "note", false, what);
        if (t < 0 || g < 0 || !b->from.year)
            continue;
        for (int k = 0; k < *nbases - 1; k++) {
            const struct law_basis *o = &bases[k];
            if (o->topic == b->topic && o->from.year && targets_meet(o->target, b->target) &&
                periods_overlap(o, b))
                data_error_add(d->err, b->line,
                               "«%s» gælder samme emne og målgruppe på samme dage som «%s» "
                               "(linje %d).",
                               b->id ? b->id : "?", o->id ? o->id : "?", o->line);
        }
    }
}

static void load_pension(struct ydoc *d, yaml_node_t *seq, struct pension_age_rule *rules,
                         int *nrules)
{
    for (int i = 0; i < ydoc_seq_len(seq); i++) {
        yaml_node_t *n = ydoc_seq_at(d, seq, i);
        char what[64];
        snprintf(what, sizeof what, "pensionsalder nr. %d", i + 1);
        if (!ydoc_keys(d, n, pension_keys, what))
            continue;
        struct pension_age_rule *r = &rules[(*nrules)++];
        r->line = ydoc_line(n);
        ydoc_date(d, n, "born_from", false, what, &r->born_from);
        ydoc_date(d, n, "born_to", false, what, &r->born_to);
        double years = 0, months = 0;
        if (ydoc_number(d, n, "years", true, what, &years) &&
            (years < 60 || years > 80 || years != (int)years))
            data_error_add(d->err, r->line, "«years» i %s skal være et helt tal fra 60 til 80.",
                           what);
        if (ydoc_number(d, n, "months", false, what, &months) &&
            (months < 0 || months > 11 || months != (int)months))
            data_error_add(d->err, r->line, "«months» i %s skal være et helt tal fra 0 til 11.",
                           what);
        r->years = (int)years;
        r->months = (int)months;
        if (r->born_from.year && r->born_to.year && date_cmp(r->born_to, r->born_from) < 0)
            data_error_add(d->err, r->line, "«born_to» ligger før «born_from» i %s.", what);
        if (*nrules == 1) {
            if (r->born_from.year)
                data_error_add(d->err, r->line,
                               "Den første pensionsalder skal gælde alle født før en dato "
                               "(uden «born_from»).");
            continue;
        }
        const struct pension_age_rule *prev = &rules[*nrules - 2];
        struct date expect = prev->born_to.year ? date_add_days(prev->born_to, 1) : prev->born_to;
        if (!prev->born_to.year)
            data_error_add(d->err, r->line,
                           "Pensionsalderen på linje %d gælder alle senere fødselsdatoer, så "
                           "denne kan ikke komme efter den.",
                           prev->line);
        else if (!r->born_from.year || date_cmp(r->born_from, expect) != 0)
            data_error_add(d->err, r->line,
                           "«born_from» skal være dagen efter «born_to» på linje %d, så der "
                           "hverken er huller eller overlap.",
                           prev->line);
    }
    if (*nrules && rules[*nrules - 1].born_to.year)
        data_error_add(d->err, rules[*nrules - 1].line,
                       "Den sidste pensionsalder skal gælde alle senere fødselsdatoer (uden "
                       "«born_to»).");
}

int law_load(struct arena *a, const char *text, size_t len, struct law_table *out,
             struct data_errors *err)
{
    struct ydoc d;
    memset(out, 0, sizeof *out);
    int before = err->count + err->dropped;
    yaml_node_t *root = ydoc_open_root(&d, a, text, len, err, LAW_FORMAT, top_keys, "filen");
    if (!root)
        goto out_close;
    yaml_node_t *laws = ydoc_seq(&d, root, "laws", true, "filen");
    yaml_node_t *bases = ydoc_seq(&d, root, "bases", true, "filen");
    yaml_node_t *pension = ydoc_seq(&d, root, "pension_age", true, "filen");
    struct law *lv = arena_alloc(a, (size_t)(ydoc_seq_len(laws) + 1) * sizeof *lv);
    struct law_basis *bv = arena_alloc(a, (size_t)(ydoc_seq_len(bases) + 1) * sizeof *bv);
    struct pension_age_rule *pv = arena_alloc(a, (size_t)(ydoc_seq_len(pension) + 1) * sizeof *pv);
    if (!lv || !bv || !pv) {
        data_error_add(err, 0, "Der var ikke hukommelse nok til at læse filen.");
        goto out_close;
    }
    int nl = 0, nb = 0, np = 0;
    load_laws(&d, laws, lv, &nl);
    load_bases(&d, bases, lv, nl, bv, &nb);
    load_pension(&d, pension, pv, &np);
    if (laws && nl == 0)
        data_error_add(err, ydoc_line(laws), "«laws» er tom.");
    if (pension && np == 0)
        data_error_add(err, ydoc_line(pension), "«pension_age» er tom.");
    *out = (struct law_table){lv, nl, bv, nb, pv, np};
out_close:
    ydoc_close(&d);
    if (err->count + err->dropped > before) {
        memset(out, 0, sizeof *out);
        return -1;
    }
    return 0;
}

int law_load_default(struct arena *a, struct law_table *out, struct data_errors *err)
{
    return law_load(a, law_data_yaml, strlen(law_data_yaml), out, err);
}

/* The same calendar day `months` months later; a day that does not exist
 * in that month (31st, 29 February) becomes the month's last day. */
static struct date add_months(struct date d, int months)
{
    int m = d.year * 12 + (d.month - 1) + months;
    struct date x = {m / 12, m % 12 + 1, d.day};
    while (x.day > 28 && !date_valid(x.year, x.month, x.day))
        x.day--;
    return x;
}

bool law_pension_date(const struct law_table *t, struct date birth, struct date *out)
{
    for (int i = 0; birth.year && i < t->npension; i++) {
        const struct pension_age_rule *r = &t->pension[i];
        if (r->born_from.year && date_cmp(birth, r->born_from) < 0)
            continue;
        if (r->born_to.year && date_cmp(birth, r->born_to) > 0)
            continue;
        *out = add_months(birth, r->years * 12 + r->months);
        return true;
    }
    return false;
}

enum law_group law_group_for(const struct law_table *t, struct date birth, struct date on,
                             enum law_assessment a)
{
    if (a == LAW_ASSESS_ELDER)
        return LAW_GROUP_ELDER;
    if (a == LAW_ASSESS_NOT_ELDER)
        return LAW_GROUP_NOT_ELDER;
    struct date pension;
    if (!law_pension_date(t, birth, &pension))
        return LAW_GROUP_NOT_ELDER;
    return date_cmp(on, pension) >= 0 ? LAW_GROUP_ELDER : LAW_GROUP_NOT_ELDER;
}

const struct law_basis *law_basis_for(const struct law_table *t, enum law_topic topic,
                                      enum law_group g, struct date on)
{
    enum law_target want = g == LAW_GROUP_ELDER ? LAW_TARGET_ELDER : LAW_TARGET_NOT_ELDER;
    for (int i = 0; i < t->nbases; i++) {
        const struct law_basis *b = &t->bases[i];
        if (b->topic != topic || (b->target != LAW_TARGET_ALL && b->target != want))
            continue;
        if (date_cmp(on, b->from) < 0 || (b->to.year && date_cmp(on, b->to) > 0))
            continue;
        return b;
    }
    return NULL;
}

const char *law_cite(struct arena *a, const struct law_basis *b)
{
    if (!b || !b->law)
        return NULL;
    return arena_printf(a, "%s %s", b->law->name, b->paragraph);
}
