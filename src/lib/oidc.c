/*
 * oidc.c — the OpenID Connect relying party of oidc.h: discovery and JWKS
 * with libcurl, state/nonce/PKCE from libsodium, ID token signatures with
 * cjose (the JOSE library of Apache's mod_auth_openidc), claims with jansson.
 */
#include "lib/oidc.h"

#include <cjose/cjose.h>
#include <curl/curl.h>
#include <jansson.h>
#include <pthread.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TOKEN_MAX    (16 * 1024)   /* longest ID token accepted */
#define RESPONSE_MAX (1024 * 1024) /* largest HTTP response read */
#define NONCE_HASH   crypto_generichash_BYTES

struct rp_key {
    cjose_jwk_t *jwk;
    char *kid; /* NULL when the JWK has none */
    char *alg; /* the JWK's "alg", NULL when absent */
};

struct pending_entry {
    struct oidc_pending p;
    char cookie[OIDC_RANDOM_LEN];
};

struct seen_nonce {
    unsigned char hash[NONCE_HASH];
    double until; /* forget after this time (the token's exp + leeway) */
};

struct oidc_rp {
    pthread_mutex_t lock;
    struct oidc_config cfg; /* strings below are owned copies */
    char *owned[9];

    /* Provider metadata: set once, replaced whole under the lock. */
    bool have_metadata;
    char *authorization_endpoint, *token_endpoint, *jwks_uri;
    bool iss_param_required;

    struct rp_key *keys;
    size_t nkeys;
    time_t jwks_fetched;

    struct pending_entry *pending; /* oldest first */
    size_t npending;
    struct seen_nonce *seen; /* oldest first */
    size_t nseen;
};

static const struct {
    const char *code, *text;
} err_names[] = {
    [OIDC_OK] = {"ok", "no error"},
    [OIDC_ERR_CONFIG] = {"config", "the OpenID Connect configuration is incomplete or wrong"},
    [OIDC_ERR_NOMEM] = {"out_of_memory", "out of memory"},
    [OIDC_ERR_HTTP] = {"provider_unreachable", "the provider could not be reached"},
    [OIDC_ERR_METADATA] = {"provider_metadata", "the provider's metadata or keys are unusable"},
    [OIDC_ERR_STATE] = {"state_mismatch", "unknown, used or expired log-in (state)"},
    [OIDC_ERR_ISSUER_PARAM] = {"issuer_param", "the redirect came from another issuer"},
    [OIDC_ERR_DENIED] = {"login_denied", "the provider reported an error (log-in cancelled?)"},
    [OIDC_ERR_TOKEN_ENDPOINT] = {"token_endpoint", "the token endpoint refused the code"},
    [OIDC_ERR_TOKEN_FORMAT] = {"token_format", "the ID token is malformed"},
    [OIDC_ERR_ALG] = {"token_alg", "the ID token's algorithm is not allowed"},
    [OIDC_ERR_KEY] = {"token_key", "no provider key matches the ID token"},
    [OIDC_ERR_SIGNATURE] = {"token_signature", "the ID token's signature is wrong"},
    [OIDC_ERR_ISSUER] = {"token_issuer", "the ID token is from another issuer"},
    [OIDC_ERR_AUDIENCE] = {"token_audience", "the ID token is for another client"},
    [OIDC_ERR_EXPIRED] = {"token_expired", "the ID token has expired"},
    [OIDC_ERR_NOT_YET_VALID] = {"token_not_yet_valid", "the ID token is issued in the future"},
    [OIDC_ERR_NONCE] = {"nonce_mismatch", "the ID token's nonce is not the one sent"},
    [OIDC_ERR_REPLAY] = {"nonce_replayed", "the ID token's nonce was used before"},
    [OIDC_ERR_ACR] = {"token_acr", "the level of assurance is too low"},
    [OIDC_ERR_CLAIMS] = {"token_claims", "the ID token lacks the subject or the CPR number"},
};

const char *oidc_err_code(enum oidc_err e)
{
    return (unsigned)e < sizeof err_names / sizeof err_names[0] ? err_names[e].code : "unknown";
}

const char *oidc_err_text(enum oidc_err e)
{
    return (unsigned)e < sizeof err_names / sizeof err_names[0] ? err_names[e].text : "unknown";
}

/* Record code and a detail (never a claim value) in err, if given. */
__attribute__((format(printf, 3, 4))) static enum oidc_err
fail(struct oidc_error *err, enum oidc_err code, const char *fmt, ...)
{
    if (err) {
        err->code = code;
        err->detail[0] = '\0';
        if (fmt) {
            va_list ap;
            va_start(ap, fmt);
            vsnprintf(err->detail, sizeof err->detail, fmt, ap);
            va_end(ap);
        }
    }
    return code;
}

static enum oidc_err ok(struct oidc_error *err)
{
    if (err) {
        err->code = OIDC_OK;
        err->detail[0] = '\0';
    }
    return OIDC_OK;
}

/* Copy an OAuth error code (RFC 6749 §5.2: printable ASCII) for a detail. */
static void safe_code(const char *in, char *out, size_t n)
{
    size_t j = 0;
    for (size_t i = 0; in && in[i] && j + 1 < n && i < 64; i++)
        out[j++] = (in[i] >= 0x21 && in[i] <= 0x7e && in[i] != '"' && in[i] != '\\') ? in[i] : '?';
    out[j] = '\0';
}

/* ---- configuration ---- */

bool oidc_config_load(const char *path, struct arena *a, struct oidc_config *cfg, char *msg,
                      size_t msglen)
{
    const char *auth = NULL;
    memset(cfg, 0, sizeof *cfg);
    /* Every member: a string, a whole number or (allow_http) a boolean. */
    const struct {
        const char *name;
        const char **text;
        long *number;
    } members[] = {
        {"issuer", &cfg->issuer, NULL},
        {"client_id", &cfg->client_id, NULL},
        {"client_secret", &cfg->client_secret, NULL},
        {"redirect_uri", &cfg->redirect_uri, NULL},
        {"scopes", &cfg->scopes, NULL},
        {"cpr_claim", &cfg->cpr_claim, NULL},
        {"acr_values", &cfg->acr_values, NULL},
        {"ca_file", &cfg->ca_file, NULL},
        {"token_endpoint_auth_method", &auth, NULL},
        {"leeway", NULL, &cfg->leeway},
        {"pending_ttl", NULL, &cfg->pending_ttl},
        {"max_pending", NULL, &cfg->max_pending},
        {"jwks_min_interval", NULL, &cfg->jwks_min_interval},
        {"http_timeout", NULL, &cfg->http_timeout},
        {"allow_http", NULL, NULL},
    };
    const size_t nmembers = sizeof members / sizeof members[0];
    json_error_t jerr;
    bool good = false;
    json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
    if (!root) {
        snprintf(msg, msglen, "%s: %s (line %d)", path, jerr.text, jerr.line);
        return false;
    }
    if (!json_is_object(root)) {
        snprintf(msg, msglen, "%s: not a JSON object", path);
        goto out;
    }
    const char *key;
    json_t *v;
    json_object_foreach(root, key, v)
    {
        size_t i = 0;
        while (i < nmembers && strcmp(key, members[i].name))
            i++;
        if (i == nmembers) {
            snprintf(msg, msglen, "%s: unknown member \"%.40s\"", path, key);
            goto out;
        }
        if (members[i].text) {
            if (!json_is_string(v)) {
                snprintf(msg, msglen, "%s: \"%s\" must be a string", path, key);
                goto out;
            }
            if (!(*members[i].text = arena_strdup(a, json_string_value(v)))) {
                snprintf(msg, msglen, "out of memory");
                goto out;
            }
        } else if (members[i].number) {
            if (!json_is_integer(v)) {
                snprintf(msg, msglen, "%s: \"%s\" must be a whole number", path, key);
                goto out;
            }
            *members[i].number = (long)json_integer_value(v);
        } else {
            if (!json_is_boolean(v)) {
                snprintf(msg, msglen, "%s: \"%s\" must be true or false", path, key);
                goto out;
            }
            cfg->allow_http = json_is_true(v);
        }
    }
    if (auth && !strcmp(auth, "client_secret_post")) {
        cfg->client_auth = OIDC_CLIENT_SECRET_POST;
    } else if (auth && strcmp(auth, "client_secret_basic")) {
        snprintf(msg, msglen,
                 "%s: \"token_endpoint_auth_method\" must be client_secret_basic or "
                 "client_secret_post",
                 path);
        goto out;
    }
    good = true;
out:
    json_decref(root);
    return good;
}

/* ---- small helpers ---- */

static bool url_allowed(const struct oidc_rp *rp, const char *url)
{
    return url &&
           (!strncmp(url, "https://", 8) || (rp->cfg.allow_http && !strncmp(url, "http://", 7)));
}

/* Append s to sb with every byte but RFC 3986's unreserved ones %-encoded. */
static void add_escaped(struct strbuf *sb, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~') {
            strbuf_addch(sb, (char)c);
        } else {
            strbuf_addch(sb, '%');
            strbuf_addch(sb, hex[c >> 4]);
            strbuf_addch(sb, hex[c & 15]);
        }
    }
}

static void random_b64(char out[OIDC_RANDOM_LEN])
{
    unsigned char bin[32];
    randombytes_buf(bin, sizeof bin);
    sodium_bin2base64(out, OIDC_RANDOM_LEN, bin, sizeof bin,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(bin, sizeof bin);
}

/* Equal, in time independent of where they differ, for two NUL-terminated strings. */
static bool secret_equal(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    return la == lb && sodium_memcmp(a, b, la) == 0;
}

bool oidc_pkce_challenge(const char *verifier, char out[OIDC_RANDOM_LEN])
{
    size_t n = verifier ? strlen(verifier) : 0;
    if (n < 43 || n > 128)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = verifier[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '.' || c == '_' || c == '~'))
            return false;
    }
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, (const unsigned char *)verifier, n);
    sodium_bin2base64(out, OIDC_RANDOM_LEN, digest, sizeof digest,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return true;
}

/* ---- HTTP ---- */

static size_t on_body(char *data, size_t size, size_t n, void *userp)
{
    struct strbuf *sb = userp;
    if (sb->len + size * n > RESPONSE_MAX)
        return 0; /* too large: curl stops with CURLE_WRITE_ERROR */
    strbuf_add(sb, data, size * n);
    return sb->oom ? 0 : size * n;
}

/* GET url (form == NULL) or POST form to it; the body goes to out, the status to *status. */
static enum oidc_err http_call(struct oidc_rp *rp, const char *url, const char *form, bool basic,
                               struct strbuf *out, long *status, struct oidc_error *err)
{
    if (!url_allowed(rp, url))
        return fail(err, OIDC_ERR_METADATA, "endpoint is not https");
    CURL *c = curl_easy_init();
    if (!c)
        return fail(err, OIDC_ERR_NOMEM, "curl_easy_init");
    enum oidc_err rc = OIDC_OK;
    struct curl_slist *headers = curl_slist_append(NULL, "Accept: application/json");
    struct strbuf user = STRBUF_INIT, pass = STRBUF_INIT;
    long timeout = rp->cfg.http_timeout > 0 ? rp->cfg.http_timeout : 10;
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, rp->cfg.allow_http ? "http,https" : "https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, timeout);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, timeout < 5 ? timeout : 5L);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, out);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "omsorg-oidc/1");
    if (rp->cfg.ca_file)
        curl_easy_setopt(c, CURLOPT_CAINFO, rp->cfg.ca_file);
    if (form) {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, form);
        if (basic) {
            /* RFC 6749 §2.3.1: the id and secret are form-encoded before Basic. */
            add_escaped(&user, rp->cfg.client_id);
            add_escaped(&pass, rp->cfg.client_secret);
            curl_easy_setopt(c, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
            curl_easy_setopt(c, CURLOPT_USERNAME, user.buf);
            curl_easy_setopt(c, CURLOPT_PASSWORD, pass.buf);
        }
    }
    CURLcode cr = curl_easy_perform(c);
    if (cr != CURLE_OK) {
        rc = fail(err, out->oom ? OIDC_ERR_NOMEM : OIDC_ERR_HTTP, "%s", curl_easy_strerror(cr));
        goto out;
    }
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
out:
    if (pass.len)
        sodium_memzero(pass.buf, pass.len);
    strbuf_release(&user);
    strbuf_release(&pass);
    curl_slist_free_all(headers);
    curl_easy_cleanup(c);
    return rc;
}

/* GET url and parse the JSON object it answers with 200. */
static enum oidc_err fetch_json(struct oidc_rp *rp, const char *url, const char *what, json_t **out,
                                struct oidc_error *err)
{
    struct strbuf body = STRBUF_INIT;
    long status = 0;
    enum oidc_err rc = http_call(rp, url, NULL, false, &body, &status, err);
    if (rc != OIDC_OK)
        goto out;
    if (status != 200) {
        rc = fail(err, OIDC_ERR_HTTP, "HTTP %ld from the %s", status, what);
        goto out;
    }
    json_error_t jerr;
    *out = json_loadb(body.buf, body.len, JSON_REJECT_DUPLICATES, &jerr);
    if (!*out || !json_is_object(*out)) {
        json_decref(*out);
        *out = NULL;
        rc = fail(err, OIDC_ERR_METADATA, "the %s is not a JSON object", what);
    }
out:
    strbuf_release(&body);
    return rc;
}

/* ---- keys ---- */

static void keys_free(struct rp_key *keys, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        cjose_jwk_release(keys[i].jwk);
        free(keys[i].kid);
        free(keys[i].alg);
    }
    free(keys);
}

/* True when s is base64url without padding (RFC 7515 §2) of at most max bytes.
 * cjose 0.6.2.1 aborts on some malformed base64url (found by fuzz-oidc), so
 * everything is checked here before cjose sees it. */
static bool b64url_ok(const char *s, size_t len, size_t max)
{
    size_t cap = len * 3 / 4 + 3, n = 0;
    if (!s || cap > max + 3)
        return false;
    unsigned char *bin = malloc(cap ? cap : 1);
    bool good = bin && sodium_base642bin(bin, cap, s, len, NULL, &n, NULL,
                                         sodium_base64_VARIANT_URLSAFE_NO_PADDING) == 0;
    free(bin);
    return good;
}

/* The public members of an RSA or EC JWK, each checked, in a new object
 * (the caller owns it); NULL for any other key. A JWKS that leaks a private
 * key is still only read for its public part, and an "oct" (shared secret)
 * key is never used. */
static json_t *public_jwk(json_t *k)
{
    static const char *const rsa[] = {"n", "e", NULL}, *const ec[] = {"x", "y", NULL};
    const char *kty = json_string_value(json_object_get(k, "kty"));
    const char *const *members = !kty                  ? NULL
                                 : !strcmp(kty, "RSA") ? rsa
                                 : !strcmp(kty, "EC")  ? ec
                                                       : NULL;
    if (!members)
        return NULL;
    json_t *pub = json_pack("{s:s}", "kty", kty);
    for (size_t i = 0; pub && members[i]; i++) {
        json_t *v = json_object_get(k, members[i]);
        if (!json_is_string(v) || !b64url_ok(json_string_value(v), json_string_length(v), 1024) ||
            json_object_set(pub, members[i], v)) {
            json_decref(pub);
            return NULL;
        }
    }
    const char *crv = json_string_value(json_object_get(k, "crv"));
    if (pub && !strcmp(kty, "EC") && (!crv || json_object_set_new(pub, "crv", json_string(crv)))) {
        json_decref(pub);
        return NULL;
    }
    const char *kid = json_string_value(json_object_get(k, "kid"));
    if (pub && kid && json_object_set_new(pub, "kid", json_string(kid))) {
        json_decref(pub);
        return NULL;
    }
    return pub;
}

/* Parse a JWKS. Keys cjose can not use (another type), or meant for
 * encryption only, are skipped; none usable is an error. */
static enum oidc_err keys_parse(json_t *jwks, struct rp_key **out, size_t *nout,
                                struct oidc_error *err)
{
    json_t *arr = json_object_get(jwks, "keys");
    if (!json_is_array(arr))
        return fail(err, OIDC_ERR_METADATA, "JWKS without \"keys\"");
    size_t n = json_array_size(arr), used = 0;
    struct rp_key *keys = calloc(n ? n : 1, sizeof *keys);
    if (!keys)
        return fail(err, OIDC_ERR_NOMEM, NULL);
    for (size_t i = 0; i < n; i++) {
        json_t *k = json_array_get(arr, i);
        if (!json_is_object(k))
            continue;
        json_t *use = json_object_get(k, "use");
        if (use && !(json_is_string(use) && !strcmp(json_string_value(use), "sig")))
            continue;
        json_t *pub = public_jwk(k);
        if (!pub)
            continue;
        cjose_err cerr;
        cjose_jwk_t *jwk = cjose_jwk_import_json((cjose_header_t *)pub, &cerr);
        json_decref(pub);
        if (!jwk)
            continue;
        const char *kid = json_string_value(json_object_get(k, "kid"));
        const char *alg = json_string_value(json_object_get(k, "alg"));
        keys[used].jwk = jwk;
        keys[used].kid = kid ? strdup(kid) : NULL;
        keys[used].alg = alg ? strdup(alg) : NULL;
        used++;
        if ((kid && !keys[used - 1].kid) || (alg && !keys[used - 1].alg)) {
            keys_free(keys, used);
            return fail(err, OIDC_ERR_NOMEM, NULL);
        }
    }
    if (!used) {
        keys_free(keys, used);
        return fail(err, OIDC_ERR_METADATA, "JWKS has no usable signing key");
    }
    *out = keys;
    *nout = used;
    return OIDC_OK;
}

static enum oidc_err fetch_jwks(struct oidc_rp *rp, const char *uri, struct oidc_error *err)
{
    json_t *jwks = NULL;
    struct rp_key *keys = NULL;
    size_t n = 0;
    enum oidc_err rc = fetch_json(rp, uri, "JWKS", &jwks, err);
    if (rc == OIDC_OK)
        rc = keys_parse(jwks, &keys, &n, err);
    json_decref(jwks);
    pthread_mutex_lock(&rp->lock);
    rp->jwks_fetched = time(NULL); /* failures count too: no hammering a broken provider */
    if (rc == OIDC_OK) {
        keys_free(rp->keys, rp->nkeys);
        rp->keys = keys;
        rp->nkeys = n;
    }
    pthread_mutex_unlock(&rp->lock);
    return rc;
}

/* ---- the relying party ---- */

static char *dup_or_null(const char *s, bool *oom)
{
    if (!s)
        return NULL;
    char *d = strdup(s);
    if (!d)
        *oom = true;
    return d;
}

struct oidc_rp *oidc_rp_new(const struct oidc_config *cfg, struct oidc_error *err)
{
    const char *missing = !cfg->issuer          ? "issuer"
                          : !cfg->client_id     ? "client_id"
                          : !cfg->client_secret ? "client_secret"
                          : !cfg->redirect_uri  ? "redirect_uri"
                                                : NULL;
    if (missing) {
        fail(err, OIDC_ERR_CONFIG, "\"%s\" is missing", missing);
        return NULL;
    }
    if (strncmp(cfg->issuer, "https://", 8) &&
        !(cfg->allow_http && !strncmp(cfg->issuer, "http://", 7))) {
        fail(err, OIDC_ERR_CONFIG, "the issuer must be an https URL");
        return NULL;
    }
    if (cfg->scopes && !strstr(cfg->scopes, "openid")) {
        fail(err, OIDC_ERR_CONFIG, "the scopes must include openid");
        return NULL;
    }
    if (sodium_init() < 0 || curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        fail(err, OIDC_ERR_CONFIG, "libsodium or libcurl did not initialise");
        return NULL;
    }
    struct oidc_rp *rp = calloc(1, sizeof *rp);
    if (!rp) {
        fail(err, OIDC_ERR_NOMEM, NULL);
        return NULL;
    }
    bool oom = false;
    rp->cfg = *cfg;
    const char **fields[] = {&rp->cfg.issuer,       &rp->cfg.client_id, &rp->cfg.client_secret,
                             &rp->cfg.redirect_uri, &rp->cfg.scopes,    &rp->cfg.cpr_claim,
                             &rp->cfg.acr_values,   &rp->cfg.ca_file};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        *fields[i] = rp->owned[i] = dup_or_null(*fields[i], &oom);
    if (!rp->cfg.scopes)
        rp->cfg.scopes = rp->owned[8] = dup_or_null("openid", &oom);
    if (rp->cfg.leeway <= 0)
        rp->cfg.leeway = 60;
    if (rp->cfg.pending_ttl <= 0)
        rp->cfg.pending_ttl = 600;
    if (rp->cfg.max_pending <= 0)
        rp->cfg.max_pending = 10000;
    if (rp->cfg.jwks_min_interval == 0)
        rp->cfg.jwks_min_interval = 30;
    rp->pending = calloc((size_t)rp->cfg.max_pending, sizeof *rp->pending);
    rp->seen = calloc((size_t)rp->cfg.max_pending, sizeof *rp->seen);
    if (oom || !rp->pending || !rp->seen || pthread_mutex_init(&rp->lock, NULL)) {
        for (size_t i = 0; i < sizeof rp->owned / sizeof rp->owned[0]; i++)
            free(rp->owned[i]);
        free(rp->pending);
        free(rp->seen);
        free(rp);
        fail(err, OIDC_ERR_NOMEM, NULL);
        return NULL;
    }
    ok(err);
    return rp;
}

static void metadata_clear(struct oidc_rp *rp)
{
    free(rp->authorization_endpoint);
    free(rp->token_endpoint);
    free(rp->jwks_uri);
    rp->authorization_endpoint = rp->token_endpoint = rp->jwks_uri = NULL;
    rp->have_metadata = false;
}

void oidc_rp_free(struct oidc_rp *rp)
{
    if (!rp)
        return;
    metadata_clear(rp);
    keys_free(rp->keys, rp->nkeys);
    if (rp->cfg.client_secret)
        sodium_memzero(rp->owned[2], strlen(rp->owned[2]));
    for (size_t i = 0; i < sizeof rp->owned / sizeof rp->owned[0]; i++)
        free(rp->owned[i]);
    sodium_memzero(rp->pending, (size_t)rp->cfg.max_pending * sizeof *rp->pending);
    free(rp->pending);
    free(rp->seen);
    pthread_mutex_destroy(&rp->lock);
    free(rp);
}

/* True when the JSON array arr is absent or holds the string s. */
static bool absent_or_has(json_t *arr, const char *s)
{
    if (!arr)
        return true;
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v)
    {
        if (json_is_string(v) && !strcmp(json_string_value(v), s))
            return true;
    }
    return false;
}

/* Check a discovery document and install its endpoints. */
static enum oidc_err metadata_apply(struct oidc_rp *rp, json_t *d, struct oidc_error *err)
{
    const char *iss = json_string_value(json_object_get(d, "issuer"));
    const char *authz = json_string_value(json_object_get(d, "authorization_endpoint"));
    const char *token = json_string_value(json_object_get(d, "token_endpoint"));
    const char *jwks = json_string_value(json_object_get(d, "jwks_uri"));
    if (!iss || strcmp(iss, rp->cfg.issuer))
        return fail(err, OIDC_ERR_METADATA, "the discovery document is for another issuer");
    if (!url_allowed(rp, authz) || !url_allowed(rp, token))
        return fail(err, OIDC_ERR_METADATA, "authorization or token endpoint missing or not https");
    if (jwks && !url_allowed(rp, jwks))
        return fail(err, OIDC_ERR_METADATA, "jwks_uri is not https");
    if (!absent_or_has(json_object_get(d, "code_challenge_methods_supported"), "S256"))
        return fail(err, OIDC_ERR_METADATA, "the provider does not support PKCE with S256");
    if (!absent_or_has(json_object_get(d, "response_types_supported"), "code"))
        return fail(err, OIDC_ERR_METADATA, "the provider does not support the code flow");
    const char *method = rp->cfg.client_auth == OIDC_CLIENT_SECRET_POST ? "client_secret_post"
                                                                        : "client_secret_basic";
    json_t *methods = json_object_get(d, "token_endpoint_auth_methods_supported");
    /* Absent means client_secret_basic (OIDC Discovery §3). */
    if (methods ? !absent_or_has(methods, method) : rp->cfg.client_auth != OIDC_CLIENT_SECRET_BASIC)
        return fail(err, OIDC_ERR_METADATA, "the provider does not support %s", method);
    char *a = strdup(authz), *t = strdup(token), *j = jwks ? strdup(jwks) : NULL;
    if (!a || !t || (jwks && !j)) {
        free(a);
        free(t);
        free(j);
        return fail(err, OIDC_ERR_NOMEM, NULL);
    }
    pthread_mutex_lock(&rp->lock);
    metadata_clear(rp);
    rp->authorization_endpoint = a;
    rp->token_endpoint = t;
    rp->jwks_uri = j;
    rp->iss_param_required =
        json_is_true(json_object_get(d, "authorization_response_iss_parameter_supported"));
    rp->have_metadata = true;
    pthread_mutex_unlock(&rp->lock);
    return OIDC_OK;
}

enum oidc_err oidc_rp_set_metadata(struct oidc_rp *rp, const char *discovery_json,
                                   const char *jwks_json, struct oidc_error *err)
{
    json_error_t jerr;
    enum oidc_err rc;
    json_t *d = json_loads(discovery_json, JSON_REJECT_DUPLICATES, &jerr);
    json_t *k = jwks_json ? json_loads(jwks_json, JSON_REJECT_DUPLICATES, &jerr) : NULL;
    if (!json_is_object(d) || (jwks_json && !json_is_object(k))) {
        rc = fail(err, OIDC_ERR_METADATA, "not a JSON object: %s", jerr.text);
        goto out;
    }
    struct rp_key *keys = NULL;
    size_t n = 0;
    if (k && (rc = keys_parse(k, &keys, &n, err)) != OIDC_OK)
        goto out;
    if ((rc = metadata_apply(rp, d, err)) != OIDC_OK) {
        keys_free(keys, n);
        goto out;
    }
    if (k) {
        pthread_mutex_lock(&rp->lock);
        keys_free(rp->keys, rp->nkeys);
        rp->keys = keys;
        rp->nkeys = n;
        rp->jwks_fetched = time(NULL);
        pthread_mutex_unlock(&rp->lock);
    }
    rc = ok(err);
out:
    json_decref(d);
    json_decref(k);
    return rc;
}

enum oidc_err oidc_rp_discover(struct oidc_rp *rp, struct oidc_error *err)
{
    struct strbuf url = STRBUF_INIT;
    json_t *d = NULL;
    size_t n = strlen(rp->cfg.issuer);
    strbuf_add(&url, rp->cfg.issuer, n && rp->cfg.issuer[n - 1] == '/' ? n - 1 : n);
    strbuf_adds(&url, "/.well-known/openid-configuration");
    enum oidc_err rc = url.oom ? fail(err, OIDC_ERR_NOMEM, NULL)
                               : fetch_json(rp, url.buf, "discovery document", &d, err);
    if (rc == OIDC_OK)
        rc = metadata_apply(rp, d, err);
    json_decref(d);
    strbuf_release(&url);
    if (rc != OIDC_OK)
        return rc;
    pthread_mutex_lock(&rp->lock);
    char *jwks = rp->jwks_uri ? strdup(rp->jwks_uri) : NULL;
    bool no_uri = !rp->jwks_uri;
    pthread_mutex_unlock(&rp->lock);
    if (no_uri)
        return fail(err, OIDC_ERR_METADATA, "the discovery document has no jwks_uri");
    if (!jwks)
        return fail(err, OIDC_ERR_NOMEM, NULL);
    rc = fetch_jwks(rp, jwks, err);
    free(jwks);
    return rc == OIDC_OK ? ok(err) : rc;
}

static enum oidc_err ensure_metadata(struct oidc_rp *rp, struct oidc_error *err)
{
    pthread_mutex_lock(&rp->lock);
    bool have = rp->have_metadata;
    pthread_mutex_unlock(&rp->lock);
    return have ? OIDC_OK : oidc_rp_discover(rp, err);
}

/* Drop pending log-ins older than the TTL (they are kept oldest first). */
static void pending_sweep(struct oidc_rp *rp, time_t now)
{
    size_t drop = 0;
    while (drop < rp->npending && now - rp->pending[drop].p.created >= rp->cfg.pending_ttl)
        drop++;
    if (drop) {
        memmove(rp->pending, rp->pending + drop, (rp->npending - drop) * sizeof *rp->pending);
        rp->npending -= drop;
    }
}

enum oidc_err oidc_rp_begin(struct oidc_rp *rp, struct strbuf *url, char cookie[OIDC_RANDOM_LEN],
                            struct oidc_error *err)
{
    enum oidc_err rc = ensure_metadata(rp, err);
    if (rc != OIDC_OK)
        return rc;
    struct pending_entry e = {0};
    char challenge[OIDC_RANDOM_LEN];
    random_b64(e.p.state);
    random_b64(e.p.nonce);
    random_b64(e.p.verifier);
    random_b64(e.cookie);
    e.p.created = time(NULL);
    oidc_pkce_challenge(e.p.verifier, challenge);

    pthread_mutex_lock(&rp->lock);
    const char *authz = rp->authorization_endpoint;
    strbuf_adds(url, authz);
    strbuf_addch(url, strchr(authz, '?') ? '&' : '?');
    pthread_mutex_unlock(&rp->lock);
    strbuf_adds(url, "response_type=code&client_id=");
    add_escaped(url, rp->cfg.client_id);
    strbuf_adds(url, "&redirect_uri=");
    add_escaped(url, rp->cfg.redirect_uri);
    strbuf_adds(url, "&scope=");
    add_escaped(url, rp->cfg.scopes);
    strbuf_adds(url, "&state=");
    strbuf_adds(url, e.p.state);
    strbuf_adds(url, "&nonce=");
    strbuf_adds(url, e.p.nonce);
    strbuf_adds(url, "&code_challenge=");
    strbuf_adds(url, challenge);
    strbuf_adds(url, "&code_challenge_method=S256");
    if (rp->cfg.acr_values) {
        strbuf_adds(url, "&acr_values=");
        add_escaped(url, rp->cfg.acr_values);
    }
    if (url->oom)
        return fail(err, OIDC_ERR_NOMEM, NULL);

    pthread_mutex_lock(&rp->lock);
    pending_sweep(rp, e.p.created);
    if (rp->npending == (size_t)rp->cfg.max_pending) { /* full: the oldest goes */
        memmove(rp->pending, rp->pending + 1, (rp->npending - 1) * sizeof *rp->pending);
        rp->npending--;
    }
    rp->pending[rp->npending++] = e;
    pthread_mutex_unlock(&rp->lock);
    memcpy(cookie, e.cookie, OIDC_RANDOM_LEN);
    sodium_memzero(&e, sizeof e);
    return ok(err);
}

enum oidc_err oidc_rp_take(struct oidc_rp *rp, const char *state, const char *cookie,
                           struct oidc_pending *out, struct oidc_error *err)
{
    if (!state || strlen(state) != OIDC_RANDOM_LEN - 1)
        return fail(err, OIDC_ERR_STATE, "no state or a malformed one");
    struct pending_entry e;
    bool found = false;
    time_t now = time(NULL);
    pthread_mutex_lock(&rp->lock);
    for (size_t i = 0; i < rp->npending; i++) {
        if (sodium_memcmp(rp->pending[i].p.state, state, OIDC_RANDOM_LEN - 1) == 0) {
            e = rp->pending[i];
            memmove(rp->pending + i, rp->pending + i + 1,
                    (rp->npending - i - 1) * sizeof *rp->pending);
            rp->npending--;
            found = true;
            break;
        }
    }
    pthread_mutex_unlock(&rp->lock);
    if (!found)
        return fail(err, OIDC_ERR_STATE, "unknown or used state");
    enum oidc_err rc;
    if (!cookie || !secret_equal(cookie, e.cookie))
        rc = fail(err, OIDC_ERR_STATE, "the browser's cookie does not match the state");
    else if (now - e.p.created >= rp->cfg.pending_ttl || now < e.p.created)
        rc = fail(err, OIDC_ERR_STATE, "the log-in took too long");
    else {
        *out = e.p;
        rc = ok(err);
    }
    sodium_memzero(&e, sizeof e);
    return rc;
}

enum oidc_err oidc_rp_exchange(struct oidc_rp *rp, const struct oidc_pending *p, const char *code,
                               struct strbuf *id_token, struct oidc_error *err)
{
    if (!code || !*code || strlen(code) > 2048)
        return fail(err, OIDC_ERR_TOKEN_ENDPOINT, "no code or a malformed one");
    enum oidc_err rc = ensure_metadata(rp, err);
    if (rc != OIDC_OK)
        return rc;
    pthread_mutex_lock(&rp->lock);
    char *endpoint = strdup(rp->token_endpoint);
    pthread_mutex_unlock(&rp->lock);
    struct strbuf form = STRBUF_INIT, body = STRBUF_INIT;
    json_t *resp = NULL;
    if (!endpoint) {
        rc = fail(err, OIDC_ERR_NOMEM, NULL);
        goto out;
    }
    strbuf_adds(&form, "grant_type=authorization_code&code=");
    add_escaped(&form, code);
    strbuf_adds(&form, "&redirect_uri=");
    add_escaped(&form, rp->cfg.redirect_uri);
    strbuf_adds(&form, "&code_verifier=");
    strbuf_adds(&form, p->verifier);
    bool basic = rp->cfg.client_auth == OIDC_CLIENT_SECRET_BASIC;
    if (!basic) {
        strbuf_adds(&form, "&client_id=");
        add_escaped(&form, rp->cfg.client_id);
        strbuf_adds(&form, "&client_secret=");
        add_escaped(&form, rp->cfg.client_secret);
    }
    if (form.oom) {
        rc = fail(err, OIDC_ERR_NOMEM, NULL);
        goto out;
    }
    long status = 0;
    if ((rc = http_call(rp, endpoint, form.buf, basic, &body, &status, err)) != OIDC_OK)
        goto out;
    json_error_t jerr;
    resp = json_loadb(body.buf, body.len, JSON_REJECT_DUPLICATES, &jerr);
    if (status != 200) {
        char code_s[65];
        safe_code(json_string_value(json_object_get(resp, "error")), code_s, sizeof code_s);
        rc = fail(err, OIDC_ERR_TOKEN_ENDPOINT, "HTTP %ld from the token endpoint%s%s", status,
                  code_s[0] ? ": " : "", code_s);
        goto out;
    }
    const char *tok = json_string_value(json_object_get(resp, "id_token"));
    if (!tok) {
        rc = fail(err, OIDC_ERR_TOKEN_ENDPOINT, "the token response has no id_token");
        goto out;
    }
    strbuf_adds(id_token, tok);
    rc = id_token->oom ? fail(err, OIDC_ERR_NOMEM, NULL) : ok(err);
out:
    if (form.len)
        sodium_memzero(form.buf, form.len);
    strbuf_release(&form);
    strbuf_release(&body);
    json_decref(resp);
    free(endpoint);
    return rc;
}

/* ---- ID token verification ---- */

struct alg_rule {
    const char *alg;
    cjose_jwk_kty_t kty;
    int curve; /* for EC, else -1 */
};

static const struct alg_rule algs[] = {
    {"RS256", CJOSE_JWK_KTY_RSA, -1},
    {"RS384", CJOSE_JWK_KTY_RSA, -1},
    {"RS512", CJOSE_JWK_KTY_RSA, -1},
    {"PS256", CJOSE_JWK_KTY_RSA, -1},
    {"PS384", CJOSE_JWK_KTY_RSA, -1},
    {"PS512", CJOSE_JWK_KTY_RSA, -1},
    {"ES256", CJOSE_JWK_KTY_EC, CJOSE_JWK_EC_P_256},
    {"ES384", CJOSE_JWK_KTY_EC, CJOSE_JWK_EC_P_384},
    {"ES512", CJOSE_JWK_KTY_EC, CJOSE_JWK_EC_P_521},
};

static const struct alg_rule *alg_find(const char *alg)
{
    for (size_t i = 0; alg && i < sizeof algs / sizeof algs[0]; i++)
        if (!strcmp(algs[i].alg, alg))
            return &algs[i];
    return NULL;
}

static bool key_fits(const struct rp_key *k, const struct alg_rule *rule, const char *kid)
{
    cjose_err cerr;
    if (kid && (!k->kid || strcmp(k->kid, kid)))
        return false;
    if (k->alg && strcmp(k->alg, rule->alg))
        return false;
    if (cjose_jwk_get_kty(k->jwk, &cerr) != rule->kty)
        return false;
    return rule->curve < 0 || (int)cjose_jwk_EC_get_curve(k->jwk, &cerr) == rule->curve;
}

/* Decode one base64url part of a compact JWS into a JSON object. */
static json_t *part_json(const char *b64, size_t len)
{
    size_t cap = len * 3 / 4 + 3, n = 0;
    unsigned char *bin = malloc(cap);
    json_t *j = NULL;
    json_error_t jerr;
    if (bin && sodium_base642bin(bin, cap, b64, len, NULL, &n, NULL,
                                 sodium_base64_VARIANT_URLSAFE_NO_PADDING) == 0)
        j = json_loadb((const char *)bin, n, JSON_REJECT_DUPLICATES, &jerr);
    free(bin);
    if (j && !json_is_object(j)) {
        json_decref(j);
        j = NULL;
    }
    return j;
}

/* Verify the signature of token (header already parsed) with the rp's keys,
 * fetching the JWKS again once when no key matches. */
static enum oidc_err verify_signature(struct oidc_rp *rp, const char *token, json_t *header,
                                      struct oidc_error *err)
{
    const struct alg_rule *rule = alg_find(json_string_value(json_object_get(header, "alg")));
    if (!rule)
        return fail(err, OIDC_ERR_ALG, "algorithm not allowed");
    json_t *kidj = json_object_get(header, "kid");
    if (kidj && !json_is_string(kidj))
        return fail(err, OIDC_ERR_TOKEN_FORMAT, "kid is not a string");
    const char *kid = json_string_value(kidj);
    cjose_err cerr;
    cjose_jws_t *jws = cjose_jws_import(token, strlen(token), &cerr);
    if (!jws)
        return fail(err, OIDC_ERR_TOKEN_FORMAT, "not a signed JWT");
    enum oidc_err rc = OIDC_ERR_KEY;
    for (int attempt = 0; attempt < 2 && rc == OIDC_ERR_KEY; attempt++) {
        char *refetch = NULL;
        pthread_mutex_lock(&rp->lock);
        bool any = false;
        for (size_t i = 0; i < rp->nkeys; i++) {
            if (!key_fits(&rp->keys[i], rule, kid))
                continue;
            any = true;
            if (cjose_jws_verify(jws, rp->keys[i].jwk, &cerr)) {
                rc = OIDC_OK;
                break;
            }
        }
        if (any && rc != OIDC_OK)
            rc = OIDC_ERR_SIGNATURE;
        else if (!any && attempt == 0 && rp->jwks_uri &&
                 (rp->cfg.jwks_min_interval < 0 ||
                  time(NULL) - rp->jwks_fetched >= rp->cfg.jwks_min_interval))
            refetch = strdup(rp->jwks_uri); /* an unknown kid: the provider rotated its keys? */
        pthread_mutex_unlock(&rp->lock);
        if (refetch) {
            struct oidc_error ferr;
            fetch_jwks(rp, refetch, &ferr); /* on failure the old keys stay; KEY below */
            free(refetch);
        } else {
            break;
        }
    }
    cjose_jws_release(jws);
    if (rc == OIDC_ERR_KEY)
        return fail(err, rc, "no key for the token's kid and algorithm");
    if (rc == OIDC_ERR_SIGNATURE)
        return fail(err, rc, "signature does not verify");
    return OIDC_OK;
}

/* True when word is one of the space-separated words of list. */
static bool in_list(const char *list, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = list; *p;) {
        while (*p == ' ')
            p++;
        size_t m = strcspn(p, " ");
        if (m && m == n && !memcmp(p, word, n))
            return true;
        p += m;
    }
    return false;
}

/* A CPR claim "DDMMYYSSSS" or "DDMMYY-SSSS" into ten digits. */
static bool cpr_digits(const char *s, char out[11])
{
    size_t j = 0;
    for (size_t i = 0; s[i]; i++) {
        if (s[i] >= '0' && s[i] <= '9' && j < 10)
            out[j++] = s[i];
        else if (!(s[i] == '-' && i == 6))
            return false;
    }
    out[j] = '\0';
    return j == 10;
}

static enum oidc_err check_claims(struct oidc_rp *rp, json_t *c, const char *nonce, time_t now,
                                  struct oidc_identity *out, struct oidc_error *err)
{
    const struct oidc_config *cfg = &rp->cfg;
    const char *iss = json_string_value(json_object_get(c, "iss"));
    if (!iss || strcmp(iss, cfg->issuer))
        return fail(err, OIDC_ERR_ISSUER, "claim iss");

    json_t *aud = json_object_get(c, "aud");
    size_t naud = 0;
    bool aud_ok = false;
    if (json_is_string(aud)) {
        naud = 1;
        aud_ok = !strcmp(json_string_value(aud), cfg->client_id);
    } else if (json_is_array(aud)) {
        naud = json_array_size(aud);
        aud_ok = absent_or_has(aud, cfg->client_id) && naud > 0;
    }
    if (!aud_ok)
        return fail(err, OIDC_ERR_AUDIENCE, "claim aud");
    json_t *azp = json_object_get(c, "azp");
    if ((naud > 1 && !azp) ||
        (azp && !(json_is_string(azp) && !strcmp(json_string_value(azp), cfg->client_id))))
        return fail(err, OIDC_ERR_AUDIENCE, "claim azp");

    json_t *exp = json_object_get(c, "exp"), *iat = json_object_get(c, "iat");
    json_t *nbf = json_object_get(c, "nbf");
    if (!json_is_number(exp) || !json_is_number(iat) || (nbf && !json_is_number(nbf)))
        return fail(err, OIDC_ERR_TOKEN_FORMAT, "exp, iat or nbf missing or not a number");
    if ((double)now >= json_number_value(exp) + (double)cfg->leeway)
        return fail(err, OIDC_ERR_EXPIRED, "claim exp");
    if (json_number_value(iat) > (double)now + (double)cfg->leeway ||
        (nbf && json_number_value(nbf) > (double)now + (double)cfg->leeway))
        return fail(err, OIDC_ERR_NOT_YET_VALID, "claim iat or nbf");

    const char *tnonce = json_string_value(json_object_get(c, "nonce"));
    if (!tnonce || !nonce || !secret_equal(tnonce, nonce))
        return fail(err, OIDC_ERR_NONCE, "claim nonce");

    const char *sub = json_string_value(json_object_get(c, "sub"));
    size_t nsub = sub ? strlen(sub) : 0;
    if (!nsub || nsub >= sizeof out->sub)
        return fail(err, OIDC_ERR_CLAIMS, "claim sub missing or too long");
    for (size_t i = 0; i < nsub; i++)
        if ((unsigned char)sub[i] < 0x20 || sub[i] == 0x7f)
            return fail(err, OIDC_ERR_CLAIMS, "claim sub has control characters");

    json_t *acrj = json_object_get(c, "acr");
    const char *acr = json_string_value(acrj);
    if (cfg->acr_values && (!acr || !in_list(cfg->acr_values, acr)))
        return fail(err, OIDC_ERR_ACR, "claim acr missing or not accepted");
    if (acrj && (!acr || strlen(acr) >= sizeof out->acr))
        return fail(err, OIDC_ERR_CLAIMS, "claim acr malformed");

    char cpr[11] = "";
    if (cfg->cpr_claim) {
        const char *v = json_string_value(json_object_get(c, cfg->cpr_claim));
        if (!v || !cpr_digits(v, cpr))
            return fail(err, OIDC_ERR_CLAIMS, "claim %.60s missing or not a CPR number",
                        cfg->cpr_claim);
    }
    json_t *at = json_object_get(c, "auth_time");
    memset(out, 0, sizeof *out);
    memcpy(out->sub, sub, nsub + 1);
    memcpy(out->cpr, cpr, sizeof cpr);
    if (acr)
        snprintf(out->acr, sizeof out->acr, "%s", acr);
    out->auth_time = json_is_number(at) ? (long)json_number_value(at) : 0;
    sodium_memzero(cpr, sizeof cpr);
    return OIDC_OK;
}

/* Remember an accepted nonce until `until`; false when it was seen before. */
static bool nonce_first_use(struct oidc_rp *rp, const char *nonce, double until, double now)
{
    unsigned char h[NONCE_HASH];
    crypto_generichash(h, sizeof h, (const unsigned char *)nonce, strlen(nonce), NULL, 0);
    bool first = true;
    pthread_mutex_lock(&rp->lock);
    size_t keep = 0;
    for (size_t i = 0; i < rp->nseen; i++) {
        if (rp->seen[i].until <= now)
            continue; /* forgotten: a token with it has expired anyway */
        if (sodium_memcmp(rp->seen[i].hash, h, sizeof h) == 0)
            first = false;
        rp->seen[keep++] = rp->seen[i];
    }
    rp->nseen = keep;
    if (first) {
        if (rp->nseen == (size_t)rp->cfg.max_pending) {
            memmove(rp->seen, rp->seen + 1, (rp->nseen - 1) * sizeof *rp->seen);
            rp->nseen--;
        }
        memcpy(rp->seen[rp->nseen].hash, h, sizeof h);
        rp->seen[rp->nseen++].until = until;
    }
    pthread_mutex_unlock(&rp->lock);
    return first;
}

enum oidc_err oidc_rp_verify(struct oidc_rp *rp, const char *token, const char *nonce, time_t now,
                             struct oidc_identity *out, struct oidc_error *err)
{
    size_t len = token ? strnlen(token, TOKEN_MAX + 1) : 0;
    if (!len || len > TOKEN_MAX)
        return fail(err, OIDC_ERR_TOKEN_FORMAT, "empty or longer than %d bytes", TOKEN_MAX);
    const char *dot1 = strchr(token, '.');
    const char *dot2 = dot1 ? strchr(dot1 + 1, '.') : NULL;
    if (!dot1 || !dot2 || strchr(dot2 + 1, '.') || dot1 == token || dot2 == dot1 + 1)
        return fail(err, OIDC_ERR_TOKEN_FORMAT, "not three parts (an encrypted token?)");
    json_t *header = part_json(token, (size_t)(dot1 - token));
    json_t *claims = NULL;
    enum oidc_err rc;
    if (!header) {
        rc = fail(err, OIDC_ERR_TOKEN_FORMAT, "the header is not base64url JSON");
        goto out;
    }
    if (json_object_get(header, "crit")) {
        rc = fail(err, OIDC_ERR_TOKEN_FORMAT, "critical header extensions are not understood");
        goto out;
    }
    if (dot2[1] == '\0') { /* "alg": "none" and friends carry no signature */
        rc = fail(err, OIDC_ERR_ALG, "unsigned token");
        goto out;
    }
    if (!b64url_ok(dot1 + 1, (size_t)(dot2 - dot1 - 1), TOKEN_MAX) ||
        !b64url_ok(dot2 + 1, strlen(dot2 + 1), TOKEN_MAX)) {
        rc = fail(err, OIDC_ERR_TOKEN_FORMAT, "the payload or signature is not base64url");
        goto out;
    }
    if ((rc = verify_signature(rp, token, header, err)) != OIDC_OK)
        goto out;
    claims = part_json(dot1 + 1, (size_t)(dot2 - dot1 - 1));
    if (!claims) {
        rc = fail(err, OIDC_ERR_TOKEN_FORMAT, "the payload is not base64url JSON");
        goto out;
    }
    if ((rc = check_claims(rp, claims, nonce, now, out, err)) != OIDC_OK)
        goto out;
    double until = json_number_value(json_object_get(claims, "exp")) + (double)rp->cfg.leeway;
    if (!nonce_first_use(rp, nonce, until, (double)now)) {
        memset(out, 0, sizeof *out);
        rc = fail(err, OIDC_ERR_REPLAY, "nonce seen before");
        goto out;
    }
    rc = ok(err);
out:
    json_decref(header);
    json_decref(claims);
    return rc;
}

enum oidc_err oidc_rp_finish(struct oidc_rp *rp, const struct oidc_callback *cb, const char *cookie,
                             struct oidc_identity *out, struct oidc_error *err)
{
    struct oidc_pending p;
    struct strbuf token = STRBUF_INIT;
    memset(out, 0, sizeof *out);
    /* The state is spent whatever follows; an error from the provider counts
     * only for a log-in of this browser. */
    enum oidc_err rc = oidc_rp_take(rp, cb->state, cookie, &p, err);
    if (rc != OIDC_OK)
        goto out;
    if (cb->error) {
        char code[65];
        safe_code(cb->error, code, sizeof code);
        rc = fail(err, OIDC_ERR_DENIED, "provider error %s", code);
        goto out;
    }
    if ((rc = ensure_metadata(rp, err)) != OIDC_OK)
        goto out;
    pthread_mutex_lock(&rp->lock);
    bool iss_required = rp->iss_param_required;
    pthread_mutex_unlock(&rp->lock);
    /* RFC 9207: the issuer in the redirect guards against a mix-up of providers. */
    if ((cb->iss && strcmp(cb->iss, rp->cfg.issuer)) || (!cb->iss && iss_required)) {
        rc = fail(err, OIDC_ERR_ISSUER_PARAM, cb->iss ? "another issuer" : "iss missing");
        goto out;
    }
    if ((rc = oidc_rp_exchange(rp, &p, cb->code, &token, err)) != OIDC_OK)
        goto out;
    rc = oidc_rp_verify(rp, token.buf, p.nonce, time(NULL), out, err);
out:
    sodium_memzero(&p, sizeof p);
    strbuf_release(&token);
    return rc;
}
