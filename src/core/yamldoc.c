/* yamldoc.c — see yamldoc.h. libyaml's document API does the parsing. */
#include "core/yamldoc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

bool ydoc_open(struct ydoc *d, struct arena *a, const char *text, size_t len,
               struct data_errors *err)
{
    yaml_parser_t p;
    memset(d, 0, sizeof *d);
    d->a = a;
    d->err = err;
    if (!yaml_parser_initialize(&p)) {
        data_error_add(err, 0, "Der var ikke hukommelse nok til at læse filen.");
        return false;
    }
    yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
    if (!yaml_parser_load(&p, &d->doc)) {
        int line = (int)p.problem_mark.line + 1;
        data_error_add(err, line, "Filen kan ikke læses som YAML (%s%s%s).",
                       p.problem ? p.problem : "ukendt fejl", p.context ? ", " : "",
                       p.context ? p.context : "");
        yaml_parser_delete(&p);
        return false;
    }
    d->loaded = true;
    yaml_parser_delete(&p);
    if (!yaml_document_get_root_node(&d->doc)) {
        data_error_add(err, 0, "Filen er tom.");
        return false;
    }
    return true;
}

void ydoc_close(struct ydoc *d)
{
    if (d->loaded)
        yaml_document_delete(&d->doc);
    d->loaded = false;
}

yaml_node_t *ydoc_open_root(struct ydoc *d, struct arena *a, const char *text, size_t len,
                            struct data_errors *err, const char *format, const char *const *keys,
                            const char *what)
{
    if (!ydoc_open(d, a, text, len, err))
        return NULL;
    yaml_node_t *root = ydoc_root(d);
    if (!ydoc_keys(d, root, keys, what))
        return NULL;
    const char *f = ydoc_text(d, root, "format", true, what);
    if (f && strcmp(f, format))
        data_error_add(err, ydoc_line(ydoc_get(d, root, "format")),
                       "«format» skal være «%s», ikke «%s».", format, f);
    return root;
}

yaml_node_t *ydoc_root(struct ydoc *d)
{
    return d->loaded ? yaml_document_get_root_node(&d->doc) : NULL;
}

int ydoc_line(const yaml_node_t *n)
{
    return n ? (int)n->start_mark.line + 1 : 0;
}

bool ydoc_is_map(const yaml_node_t *n)
{
    return n && n->type == YAML_MAPPING_NODE;
}

bool ydoc_is_seq(const yaml_node_t *n)
{
    return n && n->type == YAML_SEQUENCE_NODE;
}

/* The raw scalar (not NUL-terminated in libyaml's buffer: copied). */
static const char *scalar_copy(struct ydoc *d, const yaml_node_t *n)
{
    if (!n || n->type != YAML_SCALAR_NODE)
        return NULL;
    return arena_strndup(d->a, (const char *)n->data.scalar.value, n->data.scalar.length);
}

const char *ydoc_scalar(struct ydoc *d, yaml_node_t *n)
{
    const char *s = scalar_copy(d, n);
    if (!s)
        return NULL;
    /* A plain "", "~" or "null" is YAML's null: treat it as absent. */
    if (n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
        (!*s || !strcmp(s, "~") || !strcmp(s, "null")))
        return NULL;
    return s;
}

bool ydoc_keys(struct ydoc *d, yaml_node_t *n, const char *const *allowed, const char *what)
{
    if (!ydoc_is_map(n)) {
        data_error_add(d->err, ydoc_line(n), "%s skal være en liste af nøgler og værdier.", what);
        return false;
    }
    for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
        yaml_node_t *k = yaml_document_get_node(&d->doc, p->key);
        const char *key = scalar_copy(d, k);
        if (!key) {
            data_error_add(d->err, ydoc_line(k), "En nøgle i %s skal være et ord.", what);
            continue;
        }
        bool known = false;
        for (int i = 0; allowed[i]; i++)
            if (!strcmp(allowed[i], key))
                known = true;
        if (!known)
            data_error_add(d->err, ydoc_line(k), "Nøglen «%s» kendes ikke i %s.", key, what);
        for (yaml_node_pair_t *q = n->data.mapping.pairs.start; q < p; q++) {
            const char *other = scalar_copy(d, yaml_document_get_node(&d->doc, q->key));
            if (other && !strcmp(other, key)) {
                data_error_add(d->err, ydoc_line(k), "Nøglen «%s» står to gange i %s.", key, what);
                break;
            }
        }
    }
    return true;
}

yaml_node_t *ydoc_get(struct ydoc *d, yaml_node_t *n, const char *key)
{
    if (!ydoc_is_map(n))
        return NULL;
    size_t klen = strlen(key);
    for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
        yaml_node_t *k = yaml_document_get_node(&d->doc, p->key);
        if (k && k->type == YAML_SCALAR_NODE && k->data.scalar.length == klen &&
            !memcmp(k->data.scalar.value, key, klen))
            return yaml_document_get_node(&d->doc, p->value);
    }
    return NULL;
}

const char *ydoc_text(struct ydoc *d, yaml_node_t *n, const char *key, bool required,
                      const char *what)
{
    yaml_node_t *v = ydoc_get(d, n, key);
    if (v && v->type != YAML_SCALAR_NODE) {
        data_error_add(d->err, ydoc_line(v), "«%s» i %s skal være en tekst.", key, what);
        return NULL;
    }
    const char *s = ydoc_scalar(d, v);
    if (!s && required)
        data_error_add(d->err, v ? ydoc_line(v) : ydoc_line(n), "«%s» mangler i %s.", key, what);
    return s;
}

bool ydoc_date(struct ydoc *d, yaml_node_t *n, const char *key, bool required, const char *what,
               struct date *out)
{
    memset(out, 0, sizeof *out);
    const char *s = ydoc_text(d, n, key, required, what);
    if (!s)
        return false;
    if (!date_parse(s, out)) {
        data_error_add(d->err, ydoc_line(ydoc_get(d, n, key)),
                       "«%s» i %s skal være en dato som ÅÅÅÅ-MM-DD, ikke «%s».", key, what, s);
        memset(out, 0, sizeof *out);
        return false;
    }
    return true;
}

bool ydoc_number(struct ydoc *d, yaml_node_t *n, const char *key, bool required, const char *what,
                 double *out)
{
    const char *s = ydoc_text(d, n, key, required, what);
    if (!s)
        return false;
    char buf[64];
    size_t len = strlen(s);
    char *end = NULL;
    if (len > 0 && len < sizeof buf) {
        memcpy(buf, s, len + 1);
        char *comma = strchr(buf, ',');
        if (comma)
            *comma = '.';
        *out = strtod(buf, &end);
    }
    /* finite and modest, so that callers may convert to int */
    if (!end || end == buf || *end || !isfinite(*out) || fabs(*out) > 1e9) {
        data_error_add(d->err, ydoc_line(ydoc_get(d, n, key)),
                       "«%s» i %s skal være et tal, ikke «%s».", key, what, s);
        return false;
    }
    return true;
}

yaml_node_t *ydoc_seq(struct ydoc *d, yaml_node_t *n, const char *key, bool required,
                      const char *what)
{
    yaml_node_t *v = ydoc_get(d, n, key);
    if (v && v->type == YAML_SEQUENCE_NODE)
        return v;
    if (v && ydoc_scalar(d, v)) {
        data_error_add(d->err, ydoc_line(v), "«%s» i %s skal være en liste (linjer med «- »).", key,
                       what);
        return NULL;
    }
    if (v && v->type == YAML_MAPPING_NODE) {
        data_error_add(d->err, ydoc_line(v), "«%s» i %s skal være en liste (linjer med «- »).", key,
                       what);
        return NULL;
    }
    if (required)
        data_error_add(d->err, v ? ydoc_line(v) : ydoc_line(n), "«%s» mangler i %s.", key, what);
    return NULL;
}

int ydoc_seq_len(const yaml_node_t *seq)
{
    return ydoc_is_seq(seq) ? (int)(seq->data.sequence.items.top - seq->data.sequence.items.start)
                            : 0;
}

yaml_node_t *ydoc_seq_at(struct ydoc *d, const yaml_node_t *seq, int i)
{
    if (i < 0 || i >= ydoc_seq_len(seq))
        return NULL;
    return yaml_document_get_node(&d->doc, seq->data.sequence.items.start[i]);
}

bool ydoc_id_ok(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n < 1 || n > 64)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                  (i > 0 && (c == '.' || c == '_' || c == '-'));
        if (!ok)
            return false;
    }
    return true;
}

void ydoc_check_id(struct ydoc *d, const char *id, int line, const char *what)
{
    if (id && !ydoc_id_ok(id))
        data_error_add(d->err, line,
                       "Id'et «%s» i %s må kun have små bogstaver a–z, tal, punktum, "
                       "bindestreg og understreg.",
                       id, what);
}
