/* policy.c — policy packs (see policy.h and docs/policy-format.md). */
#include "core/policy.h"

#include <stdio.h>
#include <string.h>

#include "core/yamldoc.h"

static const char *const top_keys[] = {"format", "id",     "municipality", "title", "document",
                                       "source", "values", "focus_areas",  NULL};
static const char *const value_keys[] = {"id", "name", "ref", NULL};
static const char *const area_keys[] = {"id", "name", "ref", "pejlemaerker", NULL};
static const char *const mark_keys[] = {"id", "text", "ref", "indicators", "gap", NULL};
static const char *const ind_keys[] = {"id", "target", "target_ref", "note", NULL};
static const char *const target_keys[] = {"at_most", "at_least", "change", NULL};

/* Pejlemærke ids seen so far (unique across the pack). */
struct seen {
    const char *id[512];
    int line[512];
    int n;
};

/* Record an id; an error naming the earlier line when it was seen. */
static void seen_add(struct ydoc *d, struct seen *s, const char *id, int line, const char *kind)
{
    if (!id)
        return;
    for (int i = 0; i < s->n; i++)
        if (!strcmp(s->id[i], id)) {
            data_error_add(d->err, line, "%s «%s» står også på linje %d.", kind, id, s->line[i]);
            return;
        }
    if (s->n < 512) {
        s->id[s->n] = id;
        s->line[s->n++] = line;
    }
}

static void load_target(struct ydoc *d, yaml_node_t *n, struct policy_indicator *pi,
                        const char *what)
{
    yaml_node_t *t = ydoc_get(d, n, "target");
    pi->target.ref = ydoc_text(d, n, "target_ref", false, what);
    if (!t) {
        if (pi->target.ref)
            data_error_add(d->err, pi->line, "«target_ref» i %s står uden et «target».", what);
        return;
    }
    char twhat[256];
    snprintf(twhat, sizeof twhat, "målet for %s", what);
    if (!ydoc_keys(d, t, target_keys, twhat))
        return;
    int kinds = 0;
    double v;
    if (ydoc_get(d, t, "at_most")) {
        kinds++;
        if (ydoc_number(d, t, "at_most", true, twhat, &v)) {
            pi->target.kind = TARGET_AT_MOST;
            pi->target.limit = v;
        }
    }
    if (ydoc_get(d, t, "at_least")) {
        kinds++;
        if (ydoc_number(d, t, "at_least", true, twhat, &v)) {
            pi->target.kind = TARGET_AT_LEAST;
            pi->target.limit = v;
        }
    }
    if (ydoc_get(d, t, "change")) {
        kinds++;
        const char *c = ydoc_text(d, t, "change", true, twhat);
        if (c && !strcmp(c, "up"))
            pi->target.kind = TARGET_UP;
        else if (c && !strcmp(c, "down"))
            pi->target.kind = TARGET_DOWN;
        else if (c)
            data_error_add(d->err, ydoc_line(ydoc_get(d, t, "change")),
                           "«change» i %s skal være «up» eller «down», ikke «%s».", twhat, c);
    }
    int line = ydoc_line(t);
    if (kinds != 1) {
        data_error_add(d->err, line, "%s skal have præcis én af «at_most», «at_least» og «change».",
                       twhat);
        pi->target.kind = TARGET_NONE;
        return;
    }
    if (!pi->target.ref)
        data_error_add(d->err, line, "%s mangler «target_ref»: hvor i dokumentet står målet?",
                       twhat);
    const struct indicator_def *def = pi->def;
    if (!def || pi->target.kind == TARGET_NONE)
        return;
    bool pct = def->unit == IND_UNIT_PERCENT || def->unit == IND_UNIT_SCORE;
    if ((pi->target.kind == TARGET_AT_MOST || pi->target.kind == TARGET_AT_LEAST) &&
        (pi->target.limit < 0 || (pct && pi->target.limit > 100)))
        data_error_add(d->err, line, "Grænsen %g i %s ligger uden for %s.", pi->target.limit, twhat,
                       pct ? "0–100" : "tal fra 0");
    bool higher = def->better == IND_HIGHER_IS_BETTER;
    if ((pi->target.kind == TARGET_AT_MOST || pi->target.kind == TARGET_DOWN) && higher)
        data_error_add(d->err, line,
                       "%s peger nedad, men for «%s» er højere bedre. Brug «at_least» eller "
                       "«change: up».",
                       twhat, def->id);
    if ((pi->target.kind == TARGET_AT_LEAST || pi->target.kind == TARGET_UP) && !higher)
        data_error_add(d->err, line,
                       "%s peger opad, men for «%s» er lavere bedre. Brug «at_most» eller "
                       "«change: down».",
                       twhat, def->id);
}

static void load_indicators(struct ydoc *d, yaml_node_t *seq, struct policy_mark *m,
                            const char *mwhat)
{
    int n = ydoc_seq_len(seq);
    m->indicators = arena_alloc(d->a, (size_t)(n + 1) * sizeof *m->indicators);
    if (!m->indicators)
        return;
    for (int i = 0; i < n; i++) {
        yaml_node_t *x = ydoc_seq_at(d, seq, i);
        char what[200];
        const char *id = ydoc_is_map(x) ? ydoc_scalar(d, ydoc_get(d, x, "id")) : NULL;
        snprintf(what, sizeof what, "indikatoren «%s» under %s", id ? id : "?", mwhat);
        if (!ydoc_keys(d, x, ind_keys, what))
            continue;
        struct policy_indicator *pi = &m->indicators[m->nindicators++];
        pi->line = ydoc_line(x);
        pi->id = ydoc_text(d, x, "id", true, what);
        pi->def = indicator_find(pi->id);
        if (pi->id && !pi->def)
            data_error_add(d->err, ydoc_line(ydoc_get(d, x, "id")),
                           "Indikatoren «%s» findes ikke i kataloget (docs/indicators.md).",
                           pi->id);
        for (int k = 0; pi->id && k < m->nindicators - 1; k++)
            if (m->indicators[k].id && !strcmp(m->indicators[k].id, pi->id))
                data_error_add(d->err, pi->line, "Indikatoren «%s» står to gange under %s.", pi->id,
                               mwhat);
        pi->note = ydoc_text(d, x, "note", false, what);
        load_target(d, x, pi, what);
    }
}

static void load_marks(struct ydoc *d, yaml_node_t *seq, struct policy_area *ar, struct seen *seen)
{
    int n = ydoc_seq_len(seq);
    ar->marks = arena_alloc(d->a, (size_t)(n + 1) * sizeof *ar->marks);
    if (!ar->marks)
        return;
    for (int i = 0; i < n; i++) {
        yaml_node_t *x = ydoc_seq_at(d, seq, i);
        char what[160];
        const char *id = ydoc_is_map(x) ? ydoc_scalar(d, ydoc_get(d, x, "id")) : NULL;
        snprintf(what, sizeof what, "pejlemærket «%s»", id ? id : "?");
        if (!ydoc_keys(d, x, mark_keys, what))
            continue;
        struct policy_mark *m = &ar->marks[ar->nmarks++];
        m->line = ydoc_line(x);
        m->id = ydoc_text(d, x, "id", true, what);
        ydoc_check_id(d, m->id, m->line, what);
        seen_add(d, seen, m->id, m->line, "Pejlemærket");
        m->text = ydoc_text(d, x, "text", true, what);
        m->ref = ydoc_text(d, x, "ref", true, what);
        m->gap = ydoc_text(d, x, "gap", false, what);
        yaml_node_t *inds = ydoc_seq(d, x, "indicators", false, what);
        if (inds)
            load_indicators(d, inds, m, what);
        if (m->nindicators == 0 && !m->gap)
            data_error_add(d->err, m->line,
                           "%s har hverken «indicators» eller «gap». Skriv, hvad der viser det, "
                           "eller hvorfor omsorg ikke kan måle det endnu.",
                           what);
    }
}

int policy_load(struct arena *a, const char *text, size_t len, struct policy *out,
                struct data_errors *err)
{
    struct ydoc d;
    struct seen seen = {.n = 0};
    struct seen value_ids = {.n = 0}, area_ids = {.n = 0};
    memset(out, 0, sizeof *out);
    int before = err->count + err->dropped;
    yaml_node_t *root = ydoc_open_root(&d, a, text, len, err, POLICY_FORMAT, top_keys, "pakken");
    if (!root)
        goto out_close;
    out->id = ydoc_text(&d, root, "id", true, "pakken");
    ydoc_check_id(&d, out->id, ydoc_line(ydoc_get(&d, root, "id")), "pakken");
    out->municipality = ydoc_text(&d, root, "municipality", true, "pakken");
    out->title = ydoc_text(&d, root, "title", true, "pakken");
    out->document = ydoc_text(&d, root, "document", true, "pakken");
    out->source = ydoc_text(&d, root, "source", true, "pakken");

    yaml_node_t *values = ydoc_seq(&d, root, "values", true, "pakken");
    int nv = ydoc_seq_len(values);
    out->values = arena_alloc(a, (size_t)(nv + 1) * sizeof *out->values);
    for (int i = 0; out->values && i < nv; i++) {
        yaml_node_t *x = ydoc_seq_at(&d, values, i);
        char what[64];
        snprintf(what, sizeof what, "værdi nr. %d", i + 1);
        if (!ydoc_keys(&d, x, value_keys, what))
            continue;
        struct policy_value *v = &out->values[out->nvalues++];
        v->line = ydoc_line(x);
        v->id = ydoc_text(&d, x, "id", true, what);
        ydoc_check_id(&d, v->id, v->line, what);
        seen_add(&d, &value_ids, v->id, v->line, "Værdien");
        v->name = ydoc_text(&d, x, "name", true, what);
        v->ref = ydoc_text(&d, x, "ref", true, what);
    }

    yaml_node_t *areas = ydoc_seq(&d, root, "focus_areas", true, "pakken");
    int na = ydoc_seq_len(areas);
    out->areas = arena_alloc(a, (size_t)(na + 1) * sizeof *out->areas);
    for (int i = 0; out->areas && i < na; i++) {
        yaml_node_t *x = ydoc_seq_at(&d, areas, i);
        char what[160];
        const char *id = ydoc_is_map(x) ? ydoc_scalar(&d, ydoc_get(&d, x, "id")) : NULL;
        snprintf(what, sizeof what, "fokusområdet «%s»", id ? id : "?");
        if (!ydoc_keys(&d, x, area_keys, what))
            continue;
        struct policy_area *ar = &out->areas[out->nareas++];
        ar->line = ydoc_line(x);
        ar->id = ydoc_text(&d, x, "id", true, what);
        ydoc_check_id(&d, ar->id, ar->line, what);
        seen_add(&d, &area_ids, ar->id, ar->line, "Fokusområdet");
        ar->name = ydoc_text(&d, x, "name", true, what);
        ar->ref = ydoc_text(&d, x, "ref", true, what);
        yaml_node_t *marks = ydoc_seq(&d, x, "pejlemaerker", true, what);
        if (marks)
            load_marks(&d, marks, ar, &seen);
        if (marks && ar->nmarks == 0)
            data_error_add(err, ydoc_line(marks), "%s har ingen pejlemærker.", what);
    }
    if (values && out->nvalues == 0)
        data_error_add(err, ydoc_line(values), "«values» er tom.");
    if (areas && out->nareas == 0)
        data_error_add(err, ydoc_line(areas), "«focus_areas» er tom.");
    if (!out->values || !out->areas)
        data_error_add(err, 0, "Der var ikke hukommelse nok til at læse pakken.");
out_close:
    ydoc_close(&d);
    if (err->count + err->dropped > before) {
        memset(out, 0, sizeof *out);
        return -1;
    }
    return 0;
}

enum policy_mark_status policy_mark_status(const struct policy_mark *m)
{
    int measured = 0;
    for (int i = 0; i < m->nindicators; i++)
        measured += m->indicators[i].def && !m->indicators[i].def->not_yet;
    if (measured == 0)
        return MARK_NOT_YET;
    return measured == m->nindicators && !m->gap ? MARK_MEASURED : MARK_PARTLY;
}

const char *policy_mark_status_label(enum policy_mark_status s)
{
    switch (s) {
    case MARK_MEASURED:
        return "Måles";
    case MARK_PARTLY:
        return "Måles delvist";
    case MARK_NOT_YET:
        return "Måles ikke endnu";
    }
    return "";
}

enum target_result policy_target_check(const struct policy_target *t, const struct ind_value *v,
                                       const struct ind_value *previous)
{
    if (t->kind == TARGET_NONE)
        return TARGET_RESULT_NONE;
    if (!v || v->empty || v->suppressed)
        return TARGET_UNKNOWN;
    switch (t->kind) {
    case TARGET_AT_MOST:
        return v->value <= t->limit ? TARGET_MET : TARGET_NOT_MET;
    case TARGET_AT_LEAST:
        return v->value >= t->limit ? TARGET_MET : TARGET_NOT_MET;
    case TARGET_UP:
    case TARGET_DOWN:
        if (!previous || previous->empty || previous->suppressed)
            return TARGET_UNKNOWN;
        if (t->kind == TARGET_UP)
            return v->value > previous->value ? TARGET_MET : TARGET_NOT_MET;
        return v->value < previous->value ? TARGET_MET : TARGET_NOT_MET;
    default:
        return TARGET_RESULT_NONE;
    }
}

const char *policy_target_text(struct arena *a, const struct policy_target *t,
                               const struct indicator_def *def)
{
    const char *unit = def ? ind_unit_label(def->unit) : "";
    char num[32];
    snprintf(num, sizeof num, "%g", t->limit);
    char *dot = strchr(num, '.');
    if (dot)
        *dot = ','; /* Danish decimal comma */
    switch (t->kind) {
    case TARGET_AT_MOST:
        return arena_printf(a, "højst %s %s", num, unit);
    case TARGET_AT_LEAST:
        return arena_printf(a, "mindst %s %s", num, unit);
    case TARGET_UP:
        return "højere end året før";
    case TARGET_DOWN:
        return "lavere end året før";
    default:
        return "intet mål – udviklingen vises";
    }
}
