/* date.c — see date.h. Day numbers use the proleptic Gregorian calendar. */
#include "core/date.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

bool date_valid(int year, int month, int day)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (year < 1800 || year > 2199 || month < 1 || month > 12 || day < 1)
        return false;
    int max = days[month - 1];
    if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
        max = 29;
    return day <= max;
}

int date_age(struct date birth, struct date on)
{
    int age = on.year - birth.year;
    if (on.month < birth.month || (on.month == birth.month && on.day < birth.day))
        age--;
    return age;
}

bool date_parse(const char *s, struct date *out)
{
    int y, m, d, n = 0;
    if (!s || strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10 ||
        s[4] != '-' || s[7] != '-')
        return false;
    if (!date_valid(y, m, d))
        return false;
    *out = (struct date){y, m, d};
    return true;
}

void date_format(struct date d, char out[11])
{
    if (!d.year) {
        out[0] = '\0';
        return;
    }
    char buf[32];
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
    memcpy(out, buf, 10);
    out[10] = '\0';
}

/* Days since 1970-01-01 (Howard Hinnant's civil-from-days inverse). */
static long days_from_civil(struct date d)
{
    int y = d.year - (d.month <= 2);
    long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (unsigned)((153 * (d.month + (d.month > 2 ? -3 : 9)) + 2) / 5 + d.day - 1);
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long)doe - 719468;
}

static struct date civil_from_days(long z)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = (long)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    unsigned d = doy - (153 * mp + 2) / 5 + 1;
    unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return (struct date){(int)(y + (m <= 2)), (int)m, (int)d};
}

int date_weekday(struct date d)
{
    long z = days_from_civil(d); /* 1970-01-01 was a Thursday */
    long wd = (z + 3) % 7;
    if (wd < 0)
        wd += 7;
    return (int)wd + 1;
}

struct date date_add_days(struct date d, int days)
{
    return civil_from_days(days_from_civil(d) + days);
}

int date_cmp(struct date a, struct date b)
{
    if (a.year != b.year)
        return a.year < b.year ? -1 : 1;
    if (a.month != b.month)
        return a.month < b.month ? -1 : 1;
    return a.day < b.day ? -1 : a.day > b.day;
}

void date_danish(struct date d, char *out, size_t size)
{
    static const char *const weekdays[] = {"mandag", "tirsdag", "onsdag", "torsdag",
                                           "fredag", "lørdag",  "søndag"};
    static const char *const months[] = {"januar", "februar", "marts",     "april",
                                         "maj",    "juni",    "juli",      "august",
                                         "september", "oktober", "november", "december"};
    if (!d.year) {
        snprintf(out, size, "–");
        return;
    }
    snprintf(out, size, "%s den %d. %s %d", weekdays[date_weekday(d) - 1], d.day,
             months[d.month - 1], d.year);
}

struct date date_today(void)
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    return (struct date){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

void datetime_local(const char *iso_utc, char *out, size_t size)
{
    struct tm tm = {0};
    int n = 0;
    if (!iso_utc || sscanf(iso_utc, "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &tm.tm_year, &tm.tm_mon,
                           &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &n) != 6 ||
        n != 20) {
        snprintf(out, size, "%s", iso_utc ? iso_utc : "");
        return;
    }
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    time_t t = timegm(&tm);
    struct tm local;
    localtime_r(&t, &local);
    snprintf(out, size, "%02d.%02d.%04d kl. %02d.%02d", local.tm_mday, local.tm_mon + 1,
             local.tm_year + 1900, local.tm_hour, local.tm_min);
}
