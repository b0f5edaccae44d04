/*
 * arena.h — a bump allocator for memory that lives exactly as long as one
 * unit of work (an HTTP request, a planner scratch phase).
 *
 * Allocations are never freed one by one; arena_release() frees them all.
 * Allocation failure returns NULL (callers treat it as an error, not a crash).
 * The arena owns every block it hands out.
 */
#ifndef OMSORG_ARENA_H
#define OMSORG_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
    struct arena_block *head; /* newest block first */
    size_t used;              /* bytes used in head */
    size_t total;             /* bytes handed out, for limits and tests */
    size_t limit;             /* 0 = no limit; otherwise arena_alloc fails past it */
};

#define ARENA_INIT {NULL, 0, 0, 0}

/* Allocate n bytes, 16-byte aligned, zeroed. NULL when out of memory or past limit. */
void *arena_alloc(struct arena *a, size_t n);
/* Copy s (NUL-terminated) into the arena. NULL in, NULL out. */
char *arena_strdup(struct arena *a, const char *s);
/* Copy n bytes of s and terminate. */
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* printf into the arena. */
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Free every block; the arena can be used again afterwards. */
void arena_release(struct arena *a);

#endif
