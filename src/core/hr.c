/* hr.c — the HR CSV import (see hr.h). libcsv splits the text into fields
 * and records; here the header is matched to the known columns and every
 * value is checked, with the line of the record in each message. The text
 * is fed to libcsv one line at a time so that the line where each record
 * starts is known (a quoted field may span lines). */
#include "core/hr.h"

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cpr.h"
#include "core/validate.h"

enum col {
    C_EMPLOYEE,
    C_TEAM,
    C_PERIOD_FROM,
    C_PERIOD_TO,
    C_EMPLOYED_FROM,
    C_EMPLOYED_TO,
    C_INTRO_END,
    C_STUDENT,
    C_EDUCATION_END,
    C_WORK_DAYS,
    C_SICK_SHORT,
    C_SICK_LONG,
    C_WELLBEING,
    C_COUNT
};

static const struct {
    const char *name;
    bool required;
} columns[C_COUNT] = {
    [C_EMPLOYEE] = {"medarbejder", true},         [C_TEAM] = {"team", false},
    [C_PERIOD_FROM] = {"periode_fra", true},      [C_PERIOD_TO] = {"periode_til", true},
    [C_EMPLOYED_FROM] = {"ansat_fra", true},      [C_EMPLOYED_TO] = {"ansat_til", false},
    [C_INTRO_END] = {"introduktion_slut", false}, [C_STUDENT] = {"elev", false},
    [C_EDUCATION_END] = {"uddannet", false},      [C_WORK_DAYS] = {"arbejdsdage", true},
    [C_SICK_SHORT] = {"sygedage_kort", true},     [C_SICK_LONG] = {"sygedage_lang", false},
    [C_WELLBEING] = {"trivsel", false},
};

#define MAX_FIELDS 64

struct hr_state {
    struct arena *a;
    struct data_errors *err;
    int line;                  /* the line being fed */
    int rec_line;              /* the line the current record started on */
    bool between;              /* no record under way */
    const char *f[MAX_FIELDS]; /* fields of the current record */
    int nf;
    bool too_many;
    bool header_done;
    int col_of[C_COUNT]; /* field index of each column, -1 = absent */
    int ncols;           /* fields in the header */
    struct hr_row *rows;
    long n, cap;
    bool oom;
};

static void on_field(void *s, size_t len, void *data)
{
    struct hr_state *st = data;
    if (st->nf >= MAX_FIELDS) {
        st->too_many = true;
        return;
    }
    char *copy = arena_strndup(st->a, s ? (const char *)s : "", s ? len : 0);
    if (!copy) {
        st->oom = true;
        copy = "";
    }
    /* trim surrounding spaces (spreadsheets pad fields) */
    while (*copy == ' ' || *copy == '\t')
        copy++;
    size_t l = strlen(copy);
    while (l && (copy[l - 1] == ' ' || copy[l - 1] == '\t' || copy[l - 1] == '\r'))
        copy[--l] = '\0';
    st->f[st->nf++] = copy;
}

/* "ÅÅÅÅ-MM-DD" or "DD-MM-ÅÅÅÅ" (separators '-', '.', '/'). */
static bool parse_date(const char *s, struct date *out)
{
    if (date_parse(s, out))
        return true;
    int d, m, y;
    char s1, s2, rest;
    if (sscanf(s, "%2d%c%2d%c%4d%c", &d, &s1, &m, &s2, &y, &rest) != 5 || s1 != s2 ||
        (s1 != '-' && s1 != '.' && s1 != '/') || strlen(s) != 10 || !date_valid(y, m, d))
        return false;
    *out = (struct date){y, m, d};
    return true;
}

static const char *field(const struct hr_state *st, enum col c)
{
    int i = st->col_of[c];
    return i >= 0 && i < st->nf ? st->f[i] : "";
}

static void check_date(struct hr_state *st, enum col c, struct date *out)
{
    const char *s = field(st, c);
    memset(out, 0, sizeof *out);
    if (!*s) {
        if (columns[c].required)
            data_error_add(st->err, st->rec_line, "«%s» mangler.", columns[c].name);
        return;
    }
    if (!parse_date(s, out))
        data_error_add(st->err, st->rec_line,
                       "«%s» skal være en dato som ÅÅÅÅ-MM-DD eller DD-MM-ÅÅÅÅ, ikke «%s».",
                       columns[c].name, s);
}

/* A whole number lo…hi; -1 when empty (an error when required). */
static int check_int(struct hr_state *st, enum col c, int lo, int hi)
{
    const char *s = field(st, c);
    if (!*s) {
        if (columns[c].required)
            data_error_add(st->err, st->rec_line, "«%s» mangler.", columns[c].name);
        return -1;
    }
    char *end;
    long v = strtol(s, &end, 10);
    if (*end || end == s || v < lo || v > hi || (s[0] == '+' || s[0] == ' ')) {
        data_error_add(st->err, st->rec_line,
                       "«%s» skal være et helt tal fra %d til %d, ikke «%s».", columns[c].name, lo,
                       hi, s);
        return -1;
    }
    return (int)v;
}

static void header(struct hr_state *st)
{
    for (int c = 0; c < C_COUNT; c++)
        st->col_of[c] = -1;
    st->ncols = st->nf;
    for (int i = 0; i < st->nf; i++) {
        char name[64];
        snprintf(name, sizeof name, "%s", st->f[i]);
        for (char *p = name; *p; p++)
            if (*p >= 'A' && *p <= 'Z')
                *p = (char)(*p - 'A' + 'a');
        int found = -1;
        for (int c = 0; c < C_COUNT; c++)
            if (!strcmp(name, columns[c].name))
                found = c;
        if (found < 0) {
            data_error_add(st->err, st->rec_line,
                           "Kolonnen «%s» kendes ikke. Fjern den: omsorg gemmer kun de kendte "
                           "kolonner (se vejledningen).",
                           st->f[i]);
        } else if (st->col_of[found] >= 0) {
            data_error_add(st->err, st->rec_line, "Kolonnen «%s» står to gange.",
                           columns[found].name);
        } else {
            st->col_of[found] = i;
        }
    }
    for (int c = 0; c < C_COUNT; c++)
        if (columns[c].required && st->col_of[c] < 0)
            data_error_add(st->err, st->rec_line, "Kolonnen «%s» mangler.", columns[c].name);
}

static void record(struct hr_state *st)
{
    struct hr_row r = {.line = st->rec_line, .wellbeing = -1};
    int before = st->err->count + st->err->dropped;
    if (st->nf != st->ncols)
        data_error_add(st->err, st->rec_line, "Linjen har %d felter, men overskriften har %d.",
                       st->nf, st->ncols);
    r.employee = field(st, C_EMPLOYEE);
    if (!*r.employee) {
        data_error_add(st->err, st->rec_line, "«medarbejder» mangler.");
    } else {
        char digits[11];
        struct date b;
        if (cpr_normalise(r.employee, digits) && cpr_birth_date(digits, &b))
            data_error_add(st->err, st->rec_line,
                           "«medarbejder» ligner et CPR-nummer. Brug medarbejdernummeret fra "
                           "HR-systemet.");
        else if (!text_ok(r.employee, 40, false))
            data_error_add(st->err, st->rec_line,
                           "«medarbejder» må højst have 40 tegn og ingen styretegn.");
    }
    r.team = field(st, C_TEAM);
    if (*r.team && !text_ok(r.team, 40, false))
        data_error_add(st->err, st->rec_line, "«team» må højst have 40 tegn.");
    check_date(st, C_PERIOD_FROM, &r.period_from);
    check_date(st, C_PERIOD_TO, &r.period_to);
    check_date(st, C_EMPLOYED_FROM, &r.employed_from);
    check_date(st, C_EMPLOYED_TO, &r.employed_to);
    check_date(st, C_INTRO_END, &r.intro_end);
    check_date(st, C_EDUCATION_END, &r.education_end);
    const char *elev = field(st, C_STUDENT);
    if (!strcmp(elev, "ja") || !strcmp(elev, "Ja") || !strcmp(elev, "JA"))
        r.student = true;
    else if (*elev && strcmp(elev, "nej") && strcmp(elev, "Nej") && strcmp(elev, "NEJ"))
        data_error_add(st->err, st->rec_line, "«elev» skal være «ja», «nej» eller tom, ikke «%s».",
                       elev);
    r.work_days = check_int(st, C_WORK_DAYS, 0, 366);
    r.sick_short = check_int(st, C_SICK_SHORT, 0, 366);
    r.sick_long = check_int(st, C_SICK_LONG, 0, 366);
    if (r.sick_long < 0)
        r.sick_long = 0;
    r.wellbeing = check_int(st, C_WELLBEING, 0, 100);
    if (r.period_from.year && r.period_to.year && date_cmp(r.period_to, r.period_from) < 0)
        data_error_add(st->err, st->rec_line, "«periode_til» ligger før «periode_fra».");
    if (r.employed_from.year && r.employed_to.year && date_cmp(r.employed_to, r.employed_from) < 0)
        data_error_add(st->err, st->rec_line, "«ansat_til» ligger før «ansat_fra».");
    if (r.work_days >= 0 && r.sick_short >= 0 && r.sick_short + r.sick_long > r.work_days)
        data_error_add(st->err, st->rec_line,
                       "Der er flere sygedage (%d) end arbejdsdage (%d) i perioden.",
                       r.sick_short + r.sick_long, r.work_days);
    if (r.education_end.year && !r.student)
        data_error_add(st->err, st->rec_line, "«uddannet» er kun for elever: skriv «ja» i «elev».");
    if (st->err->count + st->err->dropped > before)
        return;
    if (st->n >= HR_MAX_ROWS) {
        if (st->n == HR_MAX_ROWS)
            data_error_add(st->err, st->rec_line, "Filen har mere end %d rækker.", HR_MAX_ROWS);
        st->n++;
        return;
    }
    if (st->n == st->cap) {
        long cap = st->cap ? st->cap * 2 : 256;
        struct hr_row *v = arena_alloc(st->a, (size_t)cap * sizeof *v);
        if (!v) {
            st->oom = true;
            return;
        }
        if (st->n)
            memcpy(v, st->rows, (size_t)st->n * sizeof *v);
        st->rows = v;
        st->cap = cap;
    }
    st->rows[st->n++] = r;
}

static void on_record(int c, void *data)
{
    (void)c;
    struct hr_state *st = data;
    if (st->too_many) {
        data_error_add(st->err, st->rec_line, "Linjen har mere end %d felter.", MAX_FIELDS);
    } else if (!st->header_done) {
        header(st);
        st->header_done = true;
    } else {
        record(st);
    }
    st->nf = 0;
    st->too_many = false;
    st->between = true;
}

int hr_parse(struct arena *a, const char *text, size_t len, struct hr_row **rows, long *n,
             struct data_errors *err)
{
    struct hr_state st = {.a = a, .err = err, .between = true};
    struct csv_parser p;
    *rows = NULL;
    *n = 0;
    if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) {
        text += 3;
        len -= 3;
    }
    char *copy = arena_strndup(a, text, len);
    if (!copy || strlen(copy) != len || !text_ok(copy, len + 1, true)) {
        data_error_add(err, 0,
                       "Filen er ikke tekst i UTF-8. Gem den som «CSV UTF-8» i regnearket og "
                       "prøv igen.");
        return -1;
    }
    /* The delimiter is the one the header line uses. */
    const char *nl = strchr(copy, '\n');
    size_t head_len = nl ? (size_t)(nl - copy) : len;
    unsigned char delim = memchr(copy, ';', head_len) ? ';' : ',';
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        data_error_add(err, 0, "Der var ikke hukommelse nok til at læse filen.");
        return -1;
    }
    csv_set_delim(&p, delim);
    const char *s = copy, *end = copy + len;
    int line = 0;
    bool failed = false;
    while (s < end && !failed) {
        const char *e = memchr(s, '\n', (size_t)(end - s));
        size_t l = e ? (size_t)(e - s + 1) : (size_t)(end - s);
        st.line = ++line;
        bool blank = true;
        for (size_t i = 0; i < l && blank; i++)
            blank = s[i] == '\n' || s[i] == '\r' || s[i] == ' ' || s[i] == '\t';
        if (st.between && !blank) {
            st.rec_line = line;
            st.between = false;
        }
        if (csv_parse(&p, s, l, on_field, on_record, &st) != l) {
            data_error_add(err, line, "Linjen kan ikke læses som CSV (%s).",
                           csv_error(&p) == CSV_EPARSE ? "et citationstegn står forkert"
                                                       : csv_strerror(csv_error(&p)));
            failed = true;
        }
        s += l;
    }
    if (!failed && csv_fini(&p, on_field, on_record, &st) != 0)
        data_error_add(err, st.rec_line, "Et citationstegn (\") bliver ikke lukket.");
    csv_free(&p);
    if (!st.header_done)
        data_error_add(err, 0, "Filen er tom: den skal have en overskriftslinje og rækker.");
    else if (st.n == 0 && err->count == 0)
        data_error_add(err, 0, "Filen har kun overskriftslinjen og ingen rækker.");
    if (st.oom)
        data_error_add(err, 0, "Der var ikke hukommelse nok til at læse filen.");
    if (err->count || err->dropped)
        return -1;
    *rows = st.rows;
    *n = st.n;
    return 0;
}
