/*
 * hr.h — the HR export omsorg reads to show staff indicators (sick leave,
 * retention, students, wellbeing). omsorg does not own these data; a
 * leader uploads the HR system's CSV export and omsorg checks it line by
 * line, in Danish, before anything is kept. Parsing is libcsv's (Debian
 * libcsv-dev); this file maps columns to rows and checks the values.
 *
 * The file: UTF-8 (a byte-order mark is allowed), ';' or ',' between
 * fields (taken from the header line), one header line with these columns
 * in any order (* = required):
 *
 *   medarbejder*        the HR system's employee number (never a CPR number)
 *   team                omsorg's team slug ("nord"), may be empty
 *   periode_fra*, periode_til*   the period the day counts cover
 *   ansat_fra*, ansat_til        employment; ansat_til empty = still employed
 *   introduktion_slut   the day the introduction period ends
 *   elev                "ja" for a student/trainee (elev, studerende), else "nej" or empty
 *   uddannet            the day a student finished the education
 *   arbejdsdage*        planned working days in the period
 *   sygedage_kort*      days of short-term sickness (spells of 1–14 days) in the period
 *   sygedage_lang       days of longer sickness in the period
 *   trivsel             the employee's wellbeing score 0–100 from the survey, may be empty
 *
 * Dates are ÅÅÅÅ-MM-DD or DD-MM-ÅÅÅÅ (also with '.' or '/'). Columns not in
 * this list are refused, so no names or other personal data slip in.
 */
#ifndef OMSORG_HR_H
#define OMSORG_HR_H

#include <stdbool.h>
#include <stddef.h>

#include "core/dataerr.h"
#include "core/date.h"
#include "lib/arena.h"

struct hr_row {
    int line; /* line of the file the row starts on */
    const char *employee;
    const char *team; /* "" when empty */
    struct date period_from, period_to;
    struct date employed_from, employed_to; /* employed_to year 0 = still employed */
    struct date intro_end;                  /* year 0 = none given */
    bool student;
    struct date education_end; /* year 0 = none given */
    int work_days;
    int sick_short, sick_long;
    int wellbeing; /* 0–100, or -1 when not given */
};

#define HR_MAX_ROWS 200000

/* Parse an HR export. On success (no errors) returns 0 with *rows (arena)
 * and *n set. Otherwise returns -1 and every problem found is in err with
 * its line (up to DATA_ERRORS_MAX), so the leader can fix them all at once;
 * no rows are returned then. */
int hr_parse(struct arena *a, const char *text, size_t len, struct hr_row **rows, long *n,
             struct data_errors *err);

#endif
