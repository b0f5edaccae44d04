/*
 * date.h — calendar dates (no time zone, no time of day): validity, ages,
 * ISO text, weekdays, arithmetic and the Danish long form for letters.
 */
#ifndef OMSORG_DATE_H
#define OMSORG_DATE_H

#include <stdbool.h>
#include <stddef.h>

struct date {
    int year, month, day; /* year 0 = not set */
};

bool date_valid(int year, int month, int day);
/* Age in whole years on the given date (a 29 February birthday counts on
 * 1 March in other years). */
int date_age(struct date birth, struct date on);
/* "YYYY-MM-DD" → date; false when malformed or not a real date. */
bool date_parse(const char *s, struct date *out);
/* date → "YYYY-MM-DD" into out[11]; "" when not set. */
void date_format(struct date d, char out[11]);
/* 1 = Monday … 7 = Sunday. */
int date_weekday(struct date d);
struct date date_add_days(struct date d, int days);
/* <0, 0, >0 like strcmp; an unset date sorts first. */
int date_cmp(struct date a, struct date b);
/* Danish long form, "mandag den 7. december 2026", into out. */
void date_danish(struct date d, char *out, size_t size);
/* Today in local time. */
struct date date_today(void);
/* A stored UTC time "YYYY-MM-DDTHH:MM:SSZ" as local Danish text,
 * "23.11.2026 kl. 19.58", into out (at least 24 bytes); the input itself
 * when it cannot be read. */
void datetime_local(const char *iso_utc, char *out, size_t size);

#endif
