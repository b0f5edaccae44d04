/*
 * oidc.h — an OpenID Connect relying party: the authorization code flow with
 * PKCE (S256) against a configured provider (a MitID broker in production,
 * web/oidc/provider.mjs in the demo and the tests). See docs/portal.md.
 *
 * It knows nothing of citizens: it returns the verified subject and the CPR
 * claim, and the caller decides who that is. It logs nothing, and no error
 * detail it writes ever holds a claim, so never a CPR number.
 *
 * The flow, for one log-in:
 *   1. oidc_rp_begin()  → the authorization URL (with state, nonce and the
 *      PKCE challenge) to redirect the browser to, and a cookie value that the
 *      caller sets in a short-lived HttpOnly cookie (SameSite=Lax, so that the
 *      browser sends it on the provider's redirect back; Secure over https).
 *   2. The browser logs in at the provider and comes back to the redirect URI
 *      with ?code=…&state=…&iss=… (or ?error=…).
 *   3. oidc_rp_finish() with those parameters and the cookie: takes the
 *      pending log-in for the state (once: a second use is refused), checks
 *      the cookie and iss, exchanges the code at the token endpoint with the
 *      PKCE verifier and the client secret, verifies the ID token, and fills
 *      struct oidc_identity.
 *
 * ID token verification (oidc_rp_verify, with the cjose library): an
 * asymmetric algorithm only (RS256/384/512, PS256/384/512, ES256/384/512;
 * never "none" or HMAC), the key from the provider's JWKS by kid and of the
 * algorithm's type (the JWKS is fetched again when an unknown kid appears, at
 * most every jwks_min_interval seconds), the signature, iss equal to the
 * issuer, aud holding the client id (and azp equal to it when there are
 * several audiences or azp is present), exp and iat (and nbf) within a
 * leeway, the nonce equal to the one sent and not seen before, acr one of the
 * accepted values when they are configured, sub present, and the CPR claim
 * ten digits when one is configured. Duplicate JSON members are refused.
 *
 * Threads: one struct oidc_rp may be shared by all of a server's threads; it
 * holds a mutex, never across an HTTP call. Memory: the rp owns copies of
 * its configuration and everything it fetched; callers own their buffers.
 * No globals: oidc_rp_new() initialises libcurl and libsodium (call it before
 * starting threads).
 */
#ifndef OMSORG_OIDC_H
#define OMSORG_OIDC_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "lib/arena.h"
#include "lib/strbuf.h"

/* Stable error codes; oidc_err_code() names them ("nonce_mismatch", …) for
 * logs and the API, and oidc_err_text() says what they mean in English. */
enum oidc_err {
    OIDC_OK = 0,
    OIDC_ERR_CONFIG, /* the configuration is incomplete or wrong */
    OIDC_ERR_NOMEM,
    OIDC_ERR_HTTP,         /* the provider could not be reached or answered an HTTP error */
    OIDC_ERR_METADATA,     /* discovery document or JWKS missing, malformed or for another issuer */
    OIDC_ERR_STATE,        /* unknown, used or expired state, or the cookie does not match */
    OIDC_ERR_ISSUER_PARAM, /* the callback's iss parameter is missing or another issuer */
    OIDC_ERR_DENIED,       /* the provider sent ?error=… (the user cancelled, …) */
    OIDC_ERR_TOKEN_ENDPOINT, /* the token endpoint refused the code or gave no ID token */
    OIDC_ERR_TOKEN_FORMAT,   /* the ID token is not a well-formed signed JWT */
    OIDC_ERR_ALG,            /* the token's algorithm is not allowed (none, HMAC, unknown) */
    OIDC_ERR_KEY,            /* no key of the provider matches the token's kid and algorithm */
    OIDC_ERR_SIGNATURE,      /* the signature does not verify */
    OIDC_ERR_ISSUER,         /* iss is not the configured issuer */
    OIDC_ERR_AUDIENCE,       /* aud does not hold the client id, or azp is another client */
    OIDC_ERR_EXPIRED,        /* exp is past (beyond the leeway) */
    OIDC_ERR_NOT_YET_VALID,  /* iat or nbf is in the future (beyond the leeway) */
    OIDC_ERR_NONCE,          /* nonce missing or not the one sent */
    OIDC_ERR_REPLAY,         /* the nonce was already used by an accepted token */
    OIDC_ERR_ACR,            /* the level of assurance is not one of those accepted */
    OIDC_ERR_CLAIMS,         /* sub or the CPR claim is missing or malformed */
};

const char *oidc_err_code(enum oidc_err e);
const char *oidc_err_text(enum oidc_err e);

/* An error with a short detail for the operator's log: an HTTP status, the
 * provider's error code, a JSON path. Never a claim value or a token. */
struct oidc_error {
    enum oidc_err code;
    char detail[160];
};

enum oidc_client_auth {
    OIDC_CLIENT_SECRET_BASIC = 0, /* HTTP Basic with the client id and secret (the default) */
    OIDC_CLIENT_SECRET_POST,      /* client_id and client_secret in the form body */
};

/* The relying party's configuration. Strings are copied by oidc_rp_new(). */
struct oidc_config {
    const char *issuer; /* exactly as the provider writes it (no trailing slash added) */
    const char *client_id;
    const char *client_secret;
    const char *redirect_uri; /* registered at the provider */
    const char *scopes;       /* space-separated, must include openid; NULL = "openid" */
    const char *cpr_claim;    /* the claim that holds the CPR number ("dk.cpr", "nin", …);
                               * NULL = none expected */
    const char *acr_values;   /* space-separated accepted levels, sent as acr_values and
                               * required of the token's acr; NULL = not checked */
    enum oidc_client_auth client_auth;
    const char *ca_file;    /* CA bundle for https, NULL = the system's */
    bool allow_http;        /* allow http:// endpoints (a local provider only) */
    long leeway;            /* seconds of clock difference for exp/iat/nbf; 0 = 60 */
    long pending_ttl;       /* seconds a begun log-in stays valid; 0 = 600 */
    long max_pending;       /* begun log-ins kept; the oldest goes first; 0 = 10000 */
    long jwks_min_interval; /* seconds between JWKS fetches on unknown kids; 0 = 30,
                             * negative = no minimum (tests) */
    long http_timeout;      /* seconds for one HTTP call; 0 = 10 */
};

/* Read a configuration from a JSON file with the members named as above
 * ("issuer", "client_id", …, "token_endpoint_auth_method": "client_secret_basic"
 * or "client_secret_post"). Strings are allocated in a. Returns false with a
 * message (naming the member, never a secret) in msg. */
bool oidc_config_load(const char *path, struct arena *a, struct oidc_config *cfg, char *msg,
                      size_t msglen);

struct oidc_rp;

/* A relying party for cfg (copied). NULL with err filled when the
 * configuration is incomplete or out of memory. No network access. */
struct oidc_rp *oidc_rp_new(const struct oidc_config *cfg, struct oidc_error *err);
void oidc_rp_free(struct oidc_rp *rp);

/* Fetch the discovery document (issuer + /.well-known/openid-configuration)
 * and the JWKS. oidc_rp_begin() and oidc_rp_finish() do it when it has not
 * been done, so a server can start while the provider is down. */
enum oidc_err oidc_rp_discover(struct oidc_rp *rp, struct oidc_error *err);
/* Use a discovery document and a JWKS given as JSON text instead of fetching
 * them (a provider without discovery, and the unit tests). jwks_json may be
 * NULL to keep the current keys. */
enum oidc_err oidc_rp_set_metadata(struct oidc_rp *rp, const char *discovery_json,
                                   const char *jwks_json, struct oidc_error *err);

#define OIDC_RANDOM_LEN 44 /* 32 random bytes in base64url (43 characters) and a NUL */

/* Begin a log-in: appends the authorization URL to url, writes the cookie
 * value for the browser into cookie. The state, nonce and PKCE verifier stay
 * in the rp for pending_ttl seconds. */
enum oidc_err oidc_rp_begin(struct oidc_rp *rp, struct strbuf *url, char cookie[OIDC_RANDOM_LEN],
                            struct oidc_error *err);

/* The parameters of the provider's redirect back (decoded; NULL when absent). */
struct oidc_callback {
    const char *state;
    const char *code;
    const char *iss;
    const char *error; /* e.g. "access_denied" */
};

/* What a verified ID token says. Fixed-size, so nothing to free. */
struct oidc_identity {
    char sub[256];  /* the provider's subject (at most 255 characters, OIDC Core) */
    char cpr[11];   /* ten digits, or "" when no CPR claim is configured */
    char acr[160];  /* "" when the token has none */
    long auth_time; /* 0 when the token has none */
};

/* Finish a log-in (see the top of this file). Whatever the outcome, the
 * state can not be used again. */
enum oidc_err oidc_rp_finish(struct oidc_rp *rp, const struct oidc_callback *cb, const char *cookie,
                             struct oidc_identity *out, struct oidc_error *err);

/* The steps of oidc_rp_finish, for callers and tests that need one of them. */
struct oidc_pending {
    char state[OIDC_RANDOM_LEN];
    char nonce[OIDC_RANDOM_LEN];
    char verifier[OIDC_RANDOM_LEN];
    time_t created;
};
/* Take the pending log-in for state if cookie matches and it has not
 * expired; it is removed in every case, so a state is used once. */
enum oidc_err oidc_rp_take(struct oidc_rp *rp, const char *state, const char *cookie,
                           struct oidc_pending *out, struct oidc_error *err);
/* Exchange code for tokens at the token endpoint; the ID token is appended to id_token. */
enum oidc_err oidc_rp_exchange(struct oidc_rp *rp, const struct oidc_pending *p, const char *code,
                               struct strbuf *id_token, struct oidc_error *err);
/* Verify an ID token at time now against nonce; on success the nonce is
 * remembered (until the token expires) and a second token with it refused. */
enum oidc_err oidc_rp_verify(struct oidc_rp *rp, const char *id_token, const char *nonce,
                             time_t now, struct oidc_identity *out, struct oidc_error *err);

/* PKCE (RFC 7636): challenge = BASE64URL(SHA-256(verifier)) into out[44].
 * False when the verifier is not 43–128 characters of [A-Za-z0-9-._~]. */
bool oidc_pkce_challenge(const char *verifier, char out[OIDC_RANDOM_LEN]);

#endif
