/* cpr.c — see cpr.h. */
#include "core/cpr.h"

#include <ctype.h>
#include <string.h>

bool cpr_normalise(const char *in, char out[11])
{
    size_t n = 0;
    if (!in)
        return false;
    while (*in == ' ')
        in++;
    for (const char *p = in; *p; p++) {
        if (isdigit((unsigned char)*p)) {
            if (n == 10)
                return false;
            out[n++] = *p;
        } else if (*p == '-' && n == 6 && p[1]) {
            continue;
        } else if (*p == ' ') {
            for (const char *q = p; *q; q++)
                if (*q != ' ')
                    return false;
            break;
        } else {
            return false;
        }
    }
    out[n] = '\0';
    return n == 10;
}

static int digit(const char *s, int i)
{
    return s[i] - '0';
}

bool cpr_birth_date(const char d[11], struct date *birth)
{
    int day = digit(d, 0) * 10 + digit(d, 1);
    int month = digit(d, 2) * 10 + digit(d, 3);
    int yy = digit(d, 4) * 10 + digit(d, 5);
    int s7 = digit(d, 6);
    int century;
    if (s7 <= 3)
        century = 1900;
    else if (s7 == 4 || s7 == 9)
        century = yy <= 36 ? 2000 : 1900;
    else
        century = yy <= 57 ? 2000 : 1800;
    if (!date_valid(century + yy, month, day))
        return false;
    if (birth)
        *birth = (struct date){century + yy, month, day};
    return true;
}

bool cpr_valid(const char *in)
{
    char d[11];
    return cpr_normalise(in, d) && cpr_birth_date(d, NULL);
}

bool cpr_mod11(const char d[11])
{
    static const int w[10] = {4, 3, 2, 7, 6, 5, 4, 3, 2, 1};
    int sum = 0;
    for (int i = 0; i < 10; i++)
        sum += w[i] * digit(d, i);
    return sum % 11 == 0;
}

bool cpr_is_fictitious(const char d[11])
{
    struct date b;
    if (!cpr_birth_date(d, &b))
        return false;
    bool before_2007 = b.year < 2007 || (b.year == 2007 && b.month < 10);
    bool new_year = b.month == 1 && b.day == 1;
    return before_2007 && !new_year && !cpr_mod11(d);
}

void cpr_format(const char d[11], char out[12])
{
    memcpy(out, d, 6);
    out[6] = '-';
    memcpy(out + 7, d + 6, 4);
    out[11] = '\0';
}
