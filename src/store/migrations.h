/* TEMPORARY stand-in (plan branch only) so build/gen/migrations.c compiles;
 * the real header comes from the store branch. Drop at merge. */
#ifndef OMSORG_MIGRATIONS_H
#define OMSORG_MIGRATIONS_H

struct migration {
    int number;
    const char *name;
    const char *sql;
};

extern const struct migration migrations[];
extern const int migrations_count;

#endif
