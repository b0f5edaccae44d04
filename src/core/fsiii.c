/* fsiii.c — see fsiii.h. Reads a FHIR CodeSystem with jansson. */
#include "core/fsiii.h"

#include <ctype.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"

#define FSIII_MAX_DEPTH    6
#define FSIII_MAX_CONCEPTS 20000
#define FSIII_FILE_MAX     (16L * 1024 * 1024)

/* Parser state: the arena that owns the result, a growable (malloc'd)
 * concept vector that is copied into the arena at the end, and the error. */
struct parse {
    struct arena *a;
    struct fsiii_concept *v;
    int n, cap;
    char *err;
    size_t errsz;
};

/* Write "path: message" into the error buffer; always returns false. */
static bool fail(struct parse *p, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static bool fail(struct parse *p, const char *path, const char *fmt, ...)
{
    va_list ap;
    int k = snprintf(p->err, p->errsz, "%s: ", path);
    if (k < 0 || (size_t)k >= p->errsz)
        return false;
    va_start(ap, fmt);
    vsnprintf(p->err + k, p->errsz - (size_t)k, fmt, ap);
    va_end(ap);
    return false;
}

/* Parse the numeric parts of a letter code ("J1.10" → letter 'J', parts
 * {1, 10}); false when code is not a letter code. */
static bool letter_code(const char *code, char *letter, long parts[8], int *nparts)
{
    const char *s = code;
    if (!(*s >= 'A' && *s <= 'Z'))
        return false;
    *letter = *s++;
    *nparts = 0;
    if (!*s)
        return true;
    for (;;) {
        if (!isdigit((unsigned char)*s) || *nparts == 8)
            return false;
        char *end;
        parts[(*nparts)++] = strtol(s, &end, 10);
        s = end;
        if (!*s)
            return true;
        if (*s++ != '.')
            return false;
    }
}

/* Natural order of two codes (see fsiii.h); owns nothing. */
int fsiii_code_cmp(const char *a, const char *b)
{
    char la, lb;
    long pa[8], pb[8];
    int na, nb;
    bool ca = letter_code(a, &la, pa, &na), cb = letter_code(b, &lb, pb, &nb);
    if (ca != cb)
        return ca ? -1 : 1;
    if (!ca)
        return strcmp(a, b);
    if (la != lb)
        return la < lb ? -1 : 1;
    for (int i = 0; i < na && i < nb; i++)
        if (pa[i] != pb[i])
            return pa[i] < pb[i] ? -1 : 1;
    return na - nb;
}

/* A sibling waiting to be sorted: its JSON object, index in the source
 * array, and code. */
struct sibling {
    json_t *obj;
    int index;
    const char *code;
};

/* qsort comparator: siblings by natural code order, then source index. */
static int sibling_cmp(const void *x, const void *y)
{
    const struct sibling *a = x, *b = y;
    int c = fsiii_code_cmp(a->code, b->code);
    return c ? c : a->index - b->index;
}

/* Append one concept to the vector (copying its strings into the arena). */
static bool push(struct parse *p, const char *path, const char *code, const char *display,
                 const char *definition, const char *parent, const char *top, int depth)
{
    for (int i = 0; i < p->n; i++)
        if (!strcmp(p->v[i].code, code))
            return fail(p, path, "the code \"%s\" appears twice in the letter-code tree", code);
    if (p->n == FSIII_MAX_CONCEPTS)
        return fail(p, path, "more than %d concepts", FSIII_MAX_CONCEPTS);
    if (p->n == p->cap) {
        int cap = p->cap ? p->cap * 2 : 256;
        struct fsiii_concept *v = realloc(p->v, sizeof *v * (size_t)cap);
        if (!v)
            return fail(p, path, "out of memory");
        p->v = v;
        p->cap = cap;
    }
    struct fsiii_concept *c = &p->v[p->n];
    c->code = arena_strdup(p->a, code);
    c->display = arena_strdup(p->a, display);
    c->definition = arena_strdup(p->a, definition);
    c->parent = parent ? arena_strdup(p->a, parent) : NULL;
    c->top_group = arena_strdup(p->a, top);
    c->depth = depth;
    c->ordinal = p->n + 1;
    if (!c->code || !c->display || !c->definition || !c->top_group || (parent && !c->parent))
        return fail(p, path, "out of memory");
    p->n++;
    return true;
}

/* A required non-empty string member without control characters. */
static const char *member_str(struct parse *p, json_t *o, const char *path, const char *key,
                              bool required, size_t max)
{
    json_t *x = json_object_get(o, key);
    if (!x) {
        if (required)
            fail(p, path, "\"%s\" is missing", key);
        return required ? NULL : "";
    }
    if (!json_is_string(x)) {
        fail(p, path, "\"%s\" must be a string", key);
        return NULL;
    }
    const char *s = json_string_value(x);
    if (strlen(s) != json_string_length(x) || !text_ok(s, max, true)) {
        fail(p, path, "\"%s\" holds characters that are not allowed or is too long", key);
        return NULL;
    }
    if (required && !*s) {
        fail(p, path, "\"%s\" is empty", key);
        return NULL;
    }
    return s;
}

/* Append the concepts of the JSON array arr (at path) in natural code
 * order, each followed by its children. Owns a temporary sibling array. */
static bool walk(struct parse *p, json_t *arr, const char *path, const char *parent,
                 const char *top, int depth);

/* One concept object at path: check it, append it, then its children. */
static bool concept(struct parse *p, json_t *o, const char *path, const char *parent,
                    const char *top, int depth)
{
    char child_path[512];
    if (!json_is_object(o))
        return fail(p, path, "expected an object");
    const char *code = member_str(p, o, path, "code", true, 100);
    const char *display = code ? member_str(p, o, path, "display", true, 500) : NULL;
    const char *def = display ? member_str(p, o, path, "definition", false, 20000) : NULL;
    if (!def)
        return false;
    if (strchr(code, ' ') || strchr(code, '\n'))
        return fail(p, path, "\"code\" must not contain spaces");
    if (!push(p, path, code, display, def, parent, top ? top : code, depth))
        return false;
    json_t *kids = json_object_get(o, "concept");
    if (!kids)
        return true;
    if (depth + 1 > FSIII_MAX_DEPTH)
        return fail(p, path, "the tree is deeper than %d levels", FSIII_MAX_DEPTH);
    if ((size_t)snprintf(child_path, sizeof child_path, "%s.concept", path) >= sizeof child_path)
        return fail(p, path, "path too long");
    if (!json_is_array(kids))
        return fail(p, child_path, "expected an array");
    return walk(p, kids, child_path, code, top ? top : code, depth + 1);
}

/* The concepts of arr (at path), in natural code order. */
static bool walk(struct parse *p, json_t *arr, const char *path, const char *parent,
                 const char *top, int depth)
{
    size_t n = json_array_size(arr);
    char item_path[600];
    if (!n)
        return true;
    struct sibling *sib = calloc(n, sizeof *sib);
    if (!sib)
        return fail(p, path, "out of memory");
    bool ok = true;
    for (size_t i = 0; i < n && ok; i++) {
        json_t *o = json_array_get(arr, i);
        json_t *code = json_is_object(o) ? json_object_get(o, "code") : NULL;
        sib[i] = (struct sibling){o, (int)i, json_is_string(code) ? json_string_value(code) : ""};
    }
    qsort(sib, n, sizeof *sib, sibling_cmp);
    for (size_t i = 0; i < n && ok; i++) {
        if ((size_t)snprintf(item_path, sizeof item_path, "%s[%d]", path, sib[i].index) >=
            sizeof item_path) {
            ok = fail(p, path, "path too long");
            break;
        }
        ok = concept(p, sib[i].obj, item_path, parent, top, depth);
    }
    free(sib);
    return ok;
}

/* True for a top concept of the letter-code tree: one capital A–J. */
static bool letter_group(json_t *o)
{
    json_t *code = json_is_object(o) ? json_object_get(o, "code") : NULL;
    const char *s = json_is_string(code) ? json_string_value(code) : "";
    return s[0] >= 'A' && s[0] <= 'J' && s[1] == '\0';
}

/* Parse a CodeSystem text (see fsiii.h). Owns the jansson tree and the
 * temporary concept vector while it runs; the result lives in a. */
bool fsiii_parse(const char *text, size_t len, struct arena *a, struct fsiii_codesystem *cs,
                 char *err, size_t errsz)
{
    struct parse p = {.a = a, .err = err, .errsz = errsz};
    json_error_t jerr;
    bool ok = false;
    memset(cs, 0, sizeof *cs);
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!root)
        return fail(&p, "$", "not valid JSON (line %d, column %d: %s)", jerr.line, jerr.column,
                    jerr.text);
    if (!json_is_object(root)) {
        fail(&p, "$", "expected a FHIR CodeSystem object");
        goto out_json;
    }
    json_t *rt = json_object_get(root, "resourceType");
    if (!json_is_string(rt) || strcmp(json_string_value(rt), "CodeSystem")) {
        fail(&p, "$.resourceType", "expected \"CodeSystem\"");
        goto out_json;
    }
    const char *url = member_str(&p, root, "$", "url", true, 500);
    const char *version = url ? member_str(&p, root, "$", "version", true, 100) : NULL;
    const char *name = version ? member_str(&p, root, "$", "name", false, 200) : NULL;
    if (!name)
        goto out_json;
    json_t *top = json_object_get(root, "concept");
    if (!json_is_array(top)) {
        fail(&p, "$.concept", top ? "expected an array" : "is missing");
        goto out_json;
    }
    /* The letter groups, sorted; paths keep each one's index in the source. */
    struct sibling sib[16];
    int ns = 0;
    size_t i;
    json_t *o;
    json_array_foreach(top, i, o)
    {
        char path[64];
        snprintf(path, sizeof path, "$.concept[%zu]", i);
        if (!json_is_object(o)) {
            fail(&p, path, "expected an object");
            goto out_json;
        }
        if (!letter_group(o))
            continue;
        if (ns == 16) {
            fail(&p, path, "more letter groups than A … J");
            goto out_json;
        }
        sib[ns++] = (struct sibling){o, (int)i, json_string_value(json_object_get(o, "code"))};
    }
    if (!ns) {
        fail(&p, "$.concept", "no letter-code tree (top groups A … J) found");
        goto out_json;
    }
    qsort(sib, (size_t)ns, sizeof *sib, sibling_cmp);
    ok = true;
    for (int k = 0; k < ns && ok; k++) {
        char path[64];
        snprintf(path, sizeof path, "$.concept[%d]", sib[k].index);
        ok = concept(&p, sib[k].obj, path, NULL, NULL, 0);
    }
    if (ok) {
        cs->url = arena_strdup(a, url);
        cs->version = arena_strdup(a, version);
        cs->name = arena_strdup(a, name);
        cs->concepts = arena_alloc(a, sizeof *cs->concepts * (size_t)p.n);
        if (!cs->url || !cs->version || !cs->name || !cs->concepts) {
            ok = fail(&p, "$", "out of memory");
        } else {
            memcpy(cs->concepts, p.v, sizeof *cs->concepts * (size_t)p.n);
            cs->count = p.n;
        }
    }
out_json:
    json_decref(root);
    free(p.v);
    if (!ok)
        memset(cs, 0, sizeof *cs);
    return ok;
}

/* Read a file into a malloc'ed buffer (freed here) and parse it; errors
 * are prefixed with the path. */
bool fsiii_parse_file(const char *path, struct arena *a, struct fsiii_codesystem *cs, char *err,
                      size_t errsz)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errsz, "%s: cannot open the file", path);
        return false;
    }
    long size = -1;
    if (fseek(f, 0, SEEK_END) == 0)
        size = ftell(f);
    if (size < 0 || size > FSIII_FILE_MAX || fseek(f, 0, SEEK_SET) != 0) {
        fclose(f);
        snprintf(err, errsz, "%s: cannot read the file, or it is larger than 16 MiB", path);
        return false;
    }
    char *buf = malloc((size_t)size + 1);
    if (!buf) {
        fclose(f);
        snprintf(err, errsz, "%s: out of memory", path);
        return false;
    }
    size_t got = fread(buf, 1, (size_t)size, f);
    fclose(f);
    if (got != (size_t)size) {
        free(buf);
        snprintf(err, errsz, "%s: cannot read the file", path);
        return false;
    }
    char inner[400];
    bool ok = fsiii_parse(buf, got, a, cs, inner, sizeof inner);
    free(buf);
    if (!ok)
        snprintf(err, errsz, "%s: %s", path, inner);
    return ok;
}

/* Linear look-up of a code in list; the result points into list. */
const struct fsiii_concept *fsiii_find(const struct fsiii_concept *list, int n, const char *code)
{
    if (!code)
        return NULL;
    for (int i = 0; i < n; i++)
        if (!strcmp(list[i].code, code))
            return &list[i];
    return NULL;
}

/* True when code is a concept of group at depth in list. */
bool fsiii_is(const struct fsiii_concept *list, int n, const char *code, const char *group,
              int depth)
{
    const struct fsiii_concept *c = fsiii_find(list, n, code);
    return c && !strcmp(c->top_group, group) && c->depth == depth;
}
