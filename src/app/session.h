/*
 * session.h — use cases of staff log-in: log in (with throttling), find the
 * actor of a live session, log out. The web layer keeps the cookie; the
 * store keeps only the token's digest, so any server against the same
 * database knows the session. See app.h.
 */
#ifndef OMSORG_APP_SESSION_H
#define OMSORG_APP_SESSION_H

#include "app/app.h"
#include "core/auth.h"

#define SESSION_SECONDS (10 * 3600)

/* A new session: the token for the cookie (secret, never stored), its
 * digest, the CSRF token and who logged in (strings in a->arena). */
struct session_new {
    char token[AUTH_TOKEN_LEN + 1];
    char digest[AUTH_DIGEST_HEX + 1];
    char csrf[AUTH_TOKEN_LEN + 1];
    struct actor actor;
};

/* Log in as username with password from client (an address, for
 * throttling). Fails with APP_UNAUTHENTICATED "unauthenticated" for a wrong
 * name or password or a deactivated user (the same time is spent on unknown
 * users), APP_THROTTLED "throttled" after 5 failures for the user or 30 for
 * the address in 15 minutes. */
enum app_rc app_login(struct app *a, const char *username, const char *password, const char *client,
                      struct session_new *out);

/* The actor and CSRF token of a live session by its token (as the cookie
 * carries it); APP_UNAUTHENTICATED when there is none (expired, logged out,
 * the user deactivated). *digest gets the token's digest (for log-out). */
enum app_rc app_session(struct app *a, const char *token, struct actor *who, const char **csrf,
                        const char **digest);

/* End the session with this digest. */
enum app_rc app_logout(struct app *a, const char *digest);

#endif
