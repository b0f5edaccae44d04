/*
 * strbuf.h — a growable string buffer (after git's strbuf).
 *
 * Invariants: buf is never NULL and always NUL-terminated; len < alloc.
 * strbuf_detach() is the only way to take ownership of the bytes; after it
 * the strbuf is empty again. Out-of-memory sets sb->oom and further appends
 * do nothing, so a caller checks once at the end.
 */
#ifndef OMSORG_STRBUF_H
#define OMSORG_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

struct strbuf {
    char *buf;
    size_t len;
    size_t alloc;
    bool oom;
};

extern char strbuf_empty[];
#define STRBUF_INIT {strbuf_empty, 0, 0, false}

void strbuf_init(struct strbuf *sb);
void strbuf_release(struct strbuf *sb);
void strbuf_reset(struct strbuf *sb);
void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_adds(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, char c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hand the bytes to the caller (free() them); the strbuf becomes empty. */
char *strbuf_detach(struct strbuf *sb, size_t *len);

#endif
