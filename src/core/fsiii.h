/*
 * fsiii.h — Fællessprog III (FSIII), KL's shared language for documenting
 * function, health and help, read from a FHIR CodeSystem file.
 *
 * The file holds every concept twice: under a UUID-coded tree and under the
 * classic letter-code tree (top groups A … J). omsorg reads only the letter
 * tree: B is the level scale (0–4, 9), C performance ("Udførelse"), D
 * importance ("Betydning"), I health conditions, J functional conditions.
 * The codes are data, never C constants: pages, validation and the store
 * work from the concepts of an imported version.
 *
 * Every string in a parsed code system points into the caller's arena.
 */
#ifndef OMSORG_FSIII_H
#define OMSORG_FSIII_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/arena.h"

struct fsiii_concept {
    const char *code;       /* "J1.1" */
    const char *display;    /* "Vaske sig" */
    const char *parent;     /* "J1"; NULL for a top group */
    const char *top_group;  /* "J" */
    const char *definition; /* KL's definition, "" when none */
    int depth;              /* 0 = top group, 1 = area, 2 = subcategory */
    int ordinal;            /* position in a natural-order walk of the tree */
};

struct fsiii_codesystem {
    const char *url;                /* "urn:oid:1.2.208.176.2.21" */
    const char *version;            /* "20240530" */
    const char *name;               /* "FSIII" */
    struct fsiii_concept *concepts; /* tree order: parents before children */
    int count;
};

/* One imported version of the code system (filled by store reads). */
struct fsiii_version {
    long id;
    const char *url, *version, *name;
    const char *imported_at;
    int concept_count;
};

/* Parse a FHIR CodeSystem (JSON text of len bytes) into cs: the letter-code
 * tree only, siblings in natural code order (J1.2 before J1.10). On failure
 * returns false and writes a message naming the JSON path, e.g.
 * "$.concept[9].concept[2].display: expected a string", into err. */
bool fsiii_parse(const char *text, size_t len, struct arena *a, struct fsiii_codesystem *cs,
                 char *err, size_t errsz);
/* Read and parse a file (at most 16 MiB); errors name the file or the path. */
bool fsiii_parse_file(const char *path, struct arena *a, struct fsiii_codesystem *cs, char *err,
                      size_t errsz);

/* The concept with this code, or NULL (linear in the number of concepts). */
const struct fsiii_concept *fsiii_find(const struct fsiii_concept *list, int n, const char *code);
/* True when code names a concept of top group `group` at `depth` in list. */
bool fsiii_is(const struct fsiii_concept *list, int n, const char *code, const char *group,
              int depth);
/* <0, 0, >0: natural order of codes ("J1.2" < "J1.10"; letter codes before
 * others, which sort by byte order). */
int fsiii_code_cmp(const char *a, const char *b);

#endif
