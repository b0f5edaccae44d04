/*
 * yamldoc.h — private helpers for the data files omsorg reads as YAML
 * (policy packs, legal bases): libyaml loads the document (it is the
 * parser; nothing here parses YAML), and these walk its nodes, copy values
 * into an arena and record Danish errors with the line of the node
 * (libyaml's marks). Only core/policy.c and core/law.c include this header.
 */
#ifndef OMSORG_YAMLDOC_H
#define OMSORG_YAMLDOC_H

#include <stdbool.h>
#include <stddef.h>
#include <yaml.h>

#include "core/dataerr.h"
#include "core/date.h"
#include "lib/arena.h"

struct ydoc {
    yaml_document_t doc;
    bool loaded;
    struct arena *a;         /* copies of values live here */
    struct data_errors *err; /* where errors go */
};

/* Load text (UTF-8). A syntax error is recorded with its line and false
 * returned; an empty document is an error too. ydoc_close() in every case. */
bool ydoc_open(struct ydoc *d, struct arena *a, const char *text, size_t len,
               struct data_errors *err);
void ydoc_close(struct ydoc *d);
/* ydoc_open(), then check that the root is a mapping with only the keys in
 * `keys` and a «format» equal to `format`. Returns the root, or NULL when
 * the file cannot be read at all (errors recorded). what names the file
 * ("pakken", "filen"). ydoc_close() in every case. */
yaml_node_t *ydoc_open_root(struct ydoc *d, struct arena *a, const char *text, size_t len,
                            struct data_errors *err, const char *format, const char *const *keys,
                            const char *what);
yaml_node_t *ydoc_root(struct ydoc *d);
/* 1-based line where a node starts; 0 for NULL. */
int ydoc_line(const yaml_node_t *n);
bool ydoc_is_map(const yaml_node_t *n);
bool ydoc_is_seq(const yaml_node_t *n);
/* Check a mapping's keys: each a plain scalar, none twice, each one of the
 * NULL-terminated allowed list. what names the mapping in the messages
 * ("pejlemærket «x»"). Returns false (with errors) when n is no mapping. */
bool ydoc_keys(struct ydoc *d, yaml_node_t *n, const char *const *allowed, const char *what);
/* The value of key in mapping n, or NULL. */
yaml_node_t *ydoc_get(struct ydoc *d, yaml_node_t *n, const char *key);
/* A scalar's text; NULL for a node that is no scalar or is empty/null. */
const char *ydoc_scalar(struct ydoc *d, yaml_node_t *n);
/* key's text, copied into the arena. NULL when missing (an error when
 * required) or when not a scalar (always an error). */
const char *ydoc_text(struct ydoc *d, yaml_node_t *n, const char *key, bool required,
                      const char *what);
/* key as YYYY-MM-DD. Returns true when present and valid; an absent optional
 * key leaves *out unset (year 0) and returns false without an error. */
bool ydoc_date(struct ydoc *d, yaml_node_t *n, const char *key, bool required, const char *what,
               struct date *out);
/* key as a number ("5", "4.5" or "4,5"; finite, at most 10^9 in size). Same
 * convention as ydoc_date. */
bool ydoc_number(struct ydoc *d, yaml_node_t *n, const char *key, bool required, const char *what,
                 double *out);
/* key as a sequence: the node, or NULL (an error when required or when the
 * key holds something else). */
yaml_node_t *ydoc_seq(struct ydoc *d, yaml_node_t *n, const char *key, bool required,
                      const char *what);
int ydoc_seq_len(const yaml_node_t *seq);
yaml_node_t *ydoc_seq_at(struct ydoc *d, const yaml_node_t *seq, int i);
/* An identifier: 1–64 of [a-z0-9._-], starting with a letter or digit. */
bool ydoc_id_ok(const char *s);
/* Record an error when id (not NULL) is no identifier. */
void ydoc_check_id(struct ydoc *d, const char *id, int line, const char *what);

#endif
