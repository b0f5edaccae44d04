/*
 * validate.h — checking what comes from outside (forms, API fields, files)
 * before it reaches the store. Every failure becomes a field error with a
 * Danish message that the page shows beside the field and the API returns
 * under error.fields. The messages are static strings (no ownership).
 */
#ifndef OMSORG_VALIDATE_H
#define OMSORG_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/model.h"

#define VALIDATION_MAX 32

struct field_error {
    char field[40];      /* API/form field name, e.g. "cpr", "services[2].duration" (copied) */
    const char *message; /* Danish, for the user (static) */
};

struct validation {
    struct field_error errors[VALIDATION_MAX];
    int count;
};

/* Record an error for a field (the name is copied); the first error per field wins. */
void validation_add(struct validation *v, const char *field, const char *message);
/* The message for a field, or NULL. */
const char *validation_for(const struct validation *v, const char *field);

/* Valid UTF-8 without control characters (newline and tab allowed when
 * multiline), at most max_chars code points. */
bool text_ok(const char *s, size_t max_chars, bool multiline);
/* Number of code points in a UTF-8 string. */
size_t utf8_length(const char *s);

/* Lower-case for search: ASCII A–Z and Danish Æ Ø Å (and É, Ü, Ö, Ä) folded;
 * writes at most outsz-1 bytes into out, always terminated. */
void text_fold(const char *in, char *out, size_t outsz);

/* Check one text field: required, length, characters. Adds an error. */
void check_text(struct validation *v, const char *field, const char *s, bool required,
                size_t max_chars, bool multiline);
/* Phone number: optional; digits, spaces, '+', 8–15 digits. */
void check_phone(struct validation *v, const char *field, const char *s);
/* E-mail: optional; something@something.tld, ≤ 254 characters. */
void check_email(struct validation *v, const char *field, const char *s);

/* A citizen as entered: cpr_input is what the user typed; on success the
 * normalised ten digits are written to c->cpr. */
void citizen_validate(struct citizen *c, const char *cpr_input, struct validation *v);
void relative_validate(const struct relative *r, struct validation *v);
/* password may be NULL when it is not being set. */
void user_validate(const struct user *u, const char *password, struct validation *v);
void team_validate(const struct team *t, struct validation *v);

#endif
