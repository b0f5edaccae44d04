/* medcom-time.c — message ids and FHIR times (see medcom.h). */
#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/date.h"
#include "core/medcom-int.h"

void medcom_uuid(char out[37])
{
    unsigned char b[16];
    randombytes_buf(b, sizeof b);
    b[6] = (unsigned char)((b[6] & 0x0F) | 0x40); /* version 4 */
    b[8] = (unsigned char)((b[8] & 0x3F) | 0x80); /* RFC 4122 variant */
    snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0],
             b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13],
             b[14], b[15]);
}

void medcom_instant(time_t t, char out[21])
{
    struct tm tm;
    if (!gmtime_r(&t, &tm) || !strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm))
        snprintf(out, 21, "1970-01-01T00:00:00Z");
}

/* n digits at s as a number; -1 when not all digits. */
static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

bool medcom_datetime_parse(const char *s, time_t *t)
{
    /* YYYY-MM-DDThh:mm:ss[.fff](Z|+hh:mm|-hh:mm) */
    if (!s || strlen(s) < 20)
        return false;
    int y = digits(s, 4), mo = digits(s + 5, 2), d = digits(s + 8, 2);
    int h = digits(s + 11, 2), mi = digits(s + 14, 2), se = digits(s + 17, 2);
    if (s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || y < 0 ||
        mo < 0 || d < 0 || h < 0 || mi < 0 || se < 0)
        return false;
    if (!date_valid(y, mo, d) || h > 23 || mi > 59 || se > 60)
        return false;
    const char *z = s + 19;
    if (*z == '.') {
        z++;
        if (!isdigit((unsigned char)*z))
            return false;
        while (isdigit((unsigned char)*z))
            z++;
    }
    long offset = 0;
    if (*z == 'Z') {
        z++;
    } else if (*z == '+' || *z == '-') {
        int oh = digits(z + 1, 2), om = strlen(z) >= 6 ? digits(z + 4, 2) : -1;
        if (oh < 0 || om < 0 || z[3] != ':' || oh > 14 || om > 59)
            return false;
        offset = (oh * 3600L + om * 60L) * (*z == '-' ? -1 : 1);
        z += 6;
    } else {
        return false;
    }
    if (*z)
        return false;
    struct tm tm = {.tm_year = y - 1900,
                    .tm_mon = mo - 1,
                    .tm_mday = d,
                    .tm_hour = h,
                    .tm_min = mi,
                    .tm_sec = se};
    time_t utc = timegm(&tm);
    if (t)
        *t = utc - offset;
    return true;
}
