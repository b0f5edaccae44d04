/* validate.c — see validate.h. */
#include "core/validate.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

void validation_add(struct validation *v, const char *field, const char *message)
{
    if (validation_for(v, field) || v->count >= VALIDATION_MAX)
        return;
    struct field_error *e = &v->errors[v->count++];
    snprintf(e->field, sizeof e->field, "%s", field);
    e->message = message;
}

const char *validation_for(const struct validation *v, const char *field)
{
    for (int i = 0; i < v->count; i++)
        if (!strcmp(v->errors[i].field, field))
            return v->errors[i].message;
    return NULL;
}

/* Decode one UTF-8 sequence; return its length, 0 when invalid. */
static size_t utf8_next(const unsigned char *s, unsigned *cp)
{
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    if (s[0] >= 0xC2 && s[0] <= 0xDF && (s[1] & 0xC0) == 0x80) {
        *cp = ((s[0] & 0x1Fu) << 6) | (s[1] & 0x3Fu);
        return 2;
    }
    if (s[0] >= 0xE0 && s[0] <= 0xEF && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
        *cp = ((s[0] & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
        if (*cp < 0x800 || (*cp >= 0xD800 && *cp <= 0xDFFF))
            return 0;
        return 3;
    }
    if (s[0] >= 0xF0 && s[0] <= 0xF4 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80 &&
        (s[3] & 0xC0) == 0x80) {
        *cp = ((s[0] & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) | ((s[2] & 0x3Fu) << 6) |
              (s[3] & 0x3Fu);
        if (*cp < 0x10000 || *cp > 0x10FFFF)
            return 0;
        return 4;
    }
    return 0;
}

size_t utf8_length(const char *s)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p & 0xC0) != 0x80)
            n++;
    return n;
}

bool text_ok(const char *s, size_t max_chars, bool multiline)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = 0;
    while (*p) {
        unsigned cp;
        size_t len = utf8_next(p, &cp);
        if (!len)
            return false;
        if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) {
            if (!(multiline && (cp == '\n' || cp == '\r' || cp == '\t')))
                return false;
        }
        p += len;
        if (++n > max_chars)
            return false;
    }
    return true;
}

void text_fold(const char *in, char *out, size_t outsz)
{
    size_t o = 0;
    const unsigned char *p = (const unsigned char *)in;
    if (!outsz)
        return;
    while (*p) {
        size_t len = *p < 0x80 ? 1 : *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : 2;
        if (o + len >= outsz)
            break;
        for (size_t i = 1; i < len; i++)
            if (!p[i])
                goto out;
        if (len == 1 && *p >= 'A' && *p <= 'Z') {
            out[o++] = (char)(*p + 32);
        } else if (len == 2 && p[0] == 0xC3 && p[1] >= 0x80 && p[1] <= 0x9E && p[1] != 0x97) {
            /* U+00C0–U+00DE (Latin-1 capitals but ×) → lower case is +0x20 */
            out[o++] = (char)0xC3;
            out[o++] = (char)(p[1] + 0x20);
        } else {
            memcpy(out + o, p, len);
            o += len;
        }
        p += len;
    }
out:
    out[o] = '\0';
}

static bool blank(const char *s)
{
    if (!s)
        return true;
    for (; *s; s++)
        if (!isspace((unsigned char)*s))
            return false;
    return true;
}

void check_text(struct validation *v, const char *field, const char *s, bool required,
                size_t max_chars, bool multiline)
{
    if (blank(s)) {
        if (required)
            validation_add(v, field, "Feltet skal udfyldes.");
        return;
    }
    if (!text_ok(s, (size_t)-1, multiline))
        validation_add(v, field, "Feltet indeholder tegn, der ikke er tilladt.");
    else if (utf8_length(s) > max_chars)
        validation_add(v, field, "Teksten er for lang.");
}

void check_phone(struct validation *v, const char *field, const char *s)
{
    int digits = 0;
    if (blank(s))
        return;
    for (const char *p = s; *p; p++) {
        if (isdigit((unsigned char)*p))
            digits++;
        else if (!(*p == ' ' || (*p == '+' && p == s)))
            digits = -100;
    }
    if (digits < 8 || digits > 15)
        validation_add(v, field, "Skriv et telefonnummer med 8 cifre, fx 44 52 70 00.");
}

void check_email(struct validation *v, const char *field, const char *s)
{
    if (blank(s))
        return;
    const char *at = strchr(s, '@');
    bool ok = at && at != s && strchr(at + 1, '.') && !strchr(at + 1, '@') &&
              at[strlen(at) - 1] != '.' && strlen(s) <= 254 && text_ok(s, 254, false) &&
              !strchr(s, ' ');
    if (!ok)
        validation_add(v, field, "Skriv en gyldig e-mailadresse, fx navn@eksempel.dk.");
}

static void check_minute(struct validation *v, const char *field, minute_t m)
{
    if (m == -2 || m < -2 || m >= 24 * 60)
        validation_add(v, field, "Skriv tidspunktet som TT:MM, fx 08:30.");
}

void citizen_validate(struct citizen *c, const char *cpr_input, struct validation *v)
{
    char digits[11];
    if (blank(cpr_input))
        validation_add(v, "cpr", "Feltet skal udfyldes.");
    else if (!cpr_normalise(cpr_input, digits))
        validation_add(v, "cpr", "CPR-nummeret skal have 10 cifre, fx 010245-1234.");
    else if (!cpr_birth_date(digits, NULL))
        validation_add(v, "cpr", "CPR-nummeret indeholder ikke en gyldig fødselsdato.");
    else
        memcpy(c->cpr, digits, sizeof digits);

    check_text(v, "first_name", c->first_name, true, 100, false);
    check_text(v, "last_name", c->last_name, true, 100, false);
    check_text(v, "address", c->address, true, 200, false);
    if (blank(c->postcode))
        validation_add(v, "postcode", "Feltet skal udfyldes.");
    else if (strlen(c->postcode) != 4 || strspn(c->postcode, "0123456789") != 4 ||
             c->postcode[0] == '0')
        validation_add(v, "postcode", "Postnummeret skal have 4 cifre, fx 2730.");
    check_text(v, "city", c->city, true, 60, false);
    check_phone(v, "phone", c->phone);
    if (c->team_id <= 0)
        validation_add(v, "team_id", "Vælg borgerens faste team.");
    check_text(v, "what_matters", c->what_matters, false, 4000, true);
    check_minute(v, "get_up", c->rhythm.get_up);
    check_minute(v, "breakfast", c->rhythm.breakfast);
    check_minute(v, "lunch", c->rhythm.lunch);
    check_minute(v, "dinner", c->rhythm.dinner);
    check_minute(v, "bedtime", c->rhythm.bedtime);
    check_text(v, "rhythm_note", c->rhythm.note, false, 1000, true);
    if (c->has_position &&
        (c->lat < 54.5 || c->lat > 57.8 || c->lon < 8.0 || c->lon > 15.2))
        validation_add(v, "position", "Koordinaterne ligger ikke i Danmark.");
}

void relative_validate(const struct relative *r, struct validation *v)
{
    check_text(v, "name", r->name, true, 100, false);
    check_text(v, "relation", r->relation, true, 50, false);
    check_phone(v, "phone", r->phone);
    check_email(v, "email", r->email);
    check_text(v, "note", r->note, false, 1000, true);
}

void user_validate(const struct user *u, const char *password, struct validation *v)
{
    const char *n = u->username;
    if (blank(n))
        validation_add(v, "username", "Feltet skal udfyldes.");
    else if (strlen(n) < 2 || strlen(n) > 32 ||
             strspn(n, "abcdefghijklmnopqrstuvwxyz0123456789._-") != strlen(n))
        validation_add(v, "username",
                       "Brugernavnet skal have 2–32 tegn: små bogstaver a–z, tal, punktum, "
                       "bindestreg eller understreg.");
    check_text(v, "full_name", u->full_name, true, 100, false);
    if (u->role <= ROLE_NONE || u->role >= ROLE_COUNT)
        validation_add(v, "role", "Vælg en rolle.");
    if ((u->role == ROLE_CARER || u->role == ROLE_NURSE || u->role == ROLE_THERAPIST) &&
        u->team_id <= 0)
        validation_add(v, "team_id", "Medarbejdere i pleje og sygepleje skal have et team.");
    check_email(v, "email", u->email);
    check_phone(v, "phone", u->phone);
    for (int i = 0; i < u->shift_count; i++) {
        const struct shift *s = &u->shifts[i];
        if (s->weekday < 1 || s->weekday > 7 || s->start < 0 || s->end <= s->start ||
            s->end > 24 * 60) {
            validation_add(v, "shifts", "En vagt skal have en ugedag og et start- og sluttidspunkt, "
                                        "hvor start er før slut.");
            break;
        }
    }
    if (password) {
        size_t len = utf8_length(password);
        if (len < 10)
            validation_add(v, "password", "Adgangskoden skal have mindst 10 tegn.");
        else if (len > 128 || !text_ok(password, 128, false))
            validation_add(v, "password", "Adgangskoden er for lang eller har ugyldige tegn.");
    }
}

void team_validate(const struct team *t, struct validation *v)
{
    const char *s = t->slug;
    if (blank(s))
        validation_add(v, "slug", "Feltet skal udfyldes.");
    else if (strlen(s) > 30 || strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen(s))
        validation_add(v, "slug", "Kortnavnet må kun have små bogstaver a–z, tal og bindestreg.");
    check_text(v, "name", t->name, true, 60, false);
    check_text(v, "office_address", t->office_address, false, 200, false);
}
