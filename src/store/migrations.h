/* migrations.h — the numbered schema migrations of each backend, embedded at
 * build time by scripts/embed-migrations.sh from
 * src/store/migrations/{sqlite,postgres}/NNN-name.sql. Both sets have the
 * same numbers and names (the script refuses to build otherwise). */
#ifndef OMSORG_MIGRATIONS_H
#define OMSORG_MIGRATIONS_H

struct migration {
    int number;
    const char *name;
    const char *sql;
};

struct migration_set {
    const struct migration *list; /* by number, ascending */
    int count;
};

extern const struct migration_set migrations_sqlite;
extern const struct migration_set migrations_postgres;

#endif
