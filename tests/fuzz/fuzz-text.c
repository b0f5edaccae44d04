/* Fuzz the small text parsers that see user input first: form bodies, CPR
 * numbers, times, dates, weights, UTF-8 checks, search folding and LIX. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/cpr.h"
#include "core/letter.h"
#include "core/observation.h"
#include "core/validate.h"
#include "web/web.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    struct arena a = ARENA_INIT;
    struct form_field *f;
    int n;
    if (form_parse(&a, (const char *)data, size, &f, &n))
        for (int i = 0; i < n; i++)
            if (!f[i].name || !f[i].value)
                abort();
    char d[11], folded[64];
    struct date date;
    if (cpr_normalise(s, d) && cpr_birth_date(d, &date) && !date_valid(date.year, date.month,
                                                                        date.day))
        abort();
    cpr_valid(s);
    int m = minute_parse(s);
    if (m >= 24 * 60)
        abort();
    if (date_parse(s, &date) && !date_valid(date.year, date.month, date.day))
        abort();
    weight_parse_hg(s);
    text_ok(s, 100, true);
    utf8_length(s);
    text_fold(s, folded, sizeof folded);
    if (strlen(folded) >= sizeof folded)
        abort();
    double l = lix(s);
    if (l < 0)
        abort();
    struct validation v = {0};
    check_phone(&v, "phone", s);
    check_email(&v, "email", s);
    char *copy = strdup(s);
    if (copy) {
        url_decode(copy);
        free(copy);
    }
    arena_release(&a);
    free(s);
    return 0;
}
