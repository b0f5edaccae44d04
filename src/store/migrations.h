/* migrations.h — the numbered schema migrations embedded at build time
 * (scripts/embed-migrations.sh from src/store/migrations/NNN-name.sql). */
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
