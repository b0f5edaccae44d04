/*
 * cpr.h — Danish civil registration numbers (CPR-nummer): DDMMYY-SSSS.
 *
 * The 7th digit with the year gives the century (CPR office rules). Since
 * 2007 not every number passes the modulus-11 check, so the check is not a
 * validity rule; it is used only to recognise omsorg's fictitious numbers.
 *
 * Fictitious-number scheme (demo and test data): a number is fictitious when
 *   - the birth date is before 1 October 2007, and
 *   - the date is not 1 January, and
 *   - the modulus-11 check FAILS.
 * Numbers that fail modulus 11 were only ever issued for people born on or
 * after 1 October 2007, or on certain 1 January dates (the CPR office's
 * published list), so no real person can hold one of ours.
 */
#ifndef OMSORG_CPR_H
#define OMSORG_CPR_H

#include <stdbool.h>

#include "core/date.h"

/* Normalise "DDMMYY-SSSS" or "DDMMYYSSSS" (surrounding spaces allowed) to
 * ten digits in out[11]. Returns false when the format is wrong. */
bool cpr_normalise(const char *in, char out[11]);
/* True when the ten-digit CPR holds a real calendar date. Fills *birth. */
bool cpr_birth_date(const char digits[11], struct date *birth);
/* Full validation: format and a real date. */
bool cpr_valid(const char *in);
/* The modulus-11 check (weights 4 3 2 7 6 5 4 3 2 1). */
bool cpr_mod11(const char digits[11]);
/* True when the number follows omsorg's fictitious scheme (see above). */
bool cpr_is_fictitious(const char digits[11]);
/* Write "DDMMYY-SSSS" into out[12]. */
void cpr_format(const char digits[11], char out[12]);

#endif
