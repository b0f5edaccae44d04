/* Fuzz the readers of the data files people edit or export: policy packs and
 * legal bases (YAML through libyaml) and the HR CSV export (libcsv). Every
 * error must carry a line inside the input (or 0), and a file that loads
 * must hold what the loaders promise. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/hr.h"
#include "core/law.h"
#include "core/policy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Lines are counted as YAML does (LF, CR, NEL, LS, PS all break lines), so
 * this bound counts every byte that can end one. */
static void check_lines(const struct data_errors *e, const char *text, size_t size)
{
    long lines = 1;
    for (size_t i = 0; i < size; i++) {
        unsigned char c = (unsigned char)text[i];
        lines += c == '\n' || c == '\r' || c == 0x85 || c == 0xA8 || c == 0xA9;
    }
    for (int i = 0; i < e->count; i++)
        if (e->e[i].line < 0 || e->e[i].line > lines + 1 || !e->e[i].message[0])
            abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    struct arena a = ARENA_INIT;
    struct data_errors e = {0};
    struct policy p;
    if (policy_load(&a, text, size, &p, &e) == 0) {
        for (int i = 0; i < p.nareas; i++)
            for (int k = 0; k < p.areas[i].nmarks; k++) {
                const struct policy_mark *m = &p.areas[i].marks[k];
                if (!m->text || !m->ref || (m->nindicators == 0 && !m->gap))
                    abort();
                for (int x = 0; x < m->nindicators; x++)
                    if (!m->indicators[x].def)
                        abort();
            }
    }
    check_lines(&e, text, size);
    memset(&e, 0, sizeof e);
    struct law_table t;
    if (law_load(&a, text, size, &t, &e) == 0) {
        struct date pd;
        for (int i = 0; i < t.nbases; i++)
            if (!t.bases[i].law || !t.bases[i].from.year)
                abort();
        law_pension_date(&t, (struct date){1950, 2, 28}, &pd);
    }
    check_lines(&e, text, size);
    memset(&e, 0, sizeof e);
    struct hr_row *rows;
    long n;
    if (hr_parse(&a, text, size, &rows, &n, &e) == 0) {
        for (long i = 0; i < n; i++)
            if (!rows[i].employee || !*rows[i].employee || rows[i].work_days < 0 ||
                rows[i].sick_short + rows[i].sick_long > rows[i].work_days)
                abort();
    }
    check_lines(&e, text, size);
    arena_release(&a);
    return 0;
}
