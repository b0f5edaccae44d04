/*
 * Unit tests for lib/oidc.c: ID tokens signed here with keys made here (with
 * cjose, the library the module verifies with), checked against a relying
 * party given the matching discovery document and JWKS as text. No network:
 * the code exchange and discovery over HTTP are covered by
 * tests/integration/oidc.test.mjs against the real provider.
 */
#include "testutil.h"

#include <cjose/cjose.h>
#include <jansson.h>
#include <sodium.h>

#include "lib/oidc.h"

#define ISS         "https://broker.example"
#define CLIENT      "omsorg"
#define NONCE       "n-0123456789abcdefghijklmnopqrstuvwxyzABCDEF"
#define CPR         "1203411000" /* fictitious: fails modulus 11 */
#define SUBSTANTIAL "https://data.gov.dk/concept/core/nsis/loa/Substantial"
#define LOW         "https://data.gov.dk/concept/core/nsis/loa/Low"

static const char discovery[] = "{\"issuer\": \"" ISS "\","
                                " \"authorization_endpoint\": \"" ISS "/auth\","
                                " \"token_endpoint\": \"" ISS "/token\","
                                " \"code_challenge_methods_supported\": [\"S256\"],"
                                " \"authorization_response_iss_parameter_supported\": true}";

/* Keys made once for all tests: the provider's RSA and EC keys, and an
 * attacker's RSA key that claims the provider's RSA kid. */
static cjose_jwk_t *rsa, *ec, *rogue;
static char *jwks;

static cjose_jwk_t *new_key(bool is_rsa, const char *kid)
{
    static const uint8_t e[] = {1, 0, 1};
    cjose_err cerr;
    cjose_jwk_t *k = is_rsa ? cjose_jwk_create_RSA_random(2048, e, sizeof e, &cerr)
                            : cjose_jwk_create_EC_random(CJOSE_JWK_EC_P_256, &cerr);
    assert_non_null(k);
    assert_true(cjose_jwk_set_kid(k, kid, strlen(kid), &cerr));
    return k;
}

static int keys_setup(void **state)
{
    cjose_err cerr;
    rsa = new_key(true, "rsa-1");
    ec = new_key(false, "ec-1");
    rogue = new_key(true, "rsa-1");
    char *r = cjose_jwk_to_json(rsa, false, &cerr), *e = cjose_jwk_to_json(ec, false, &cerr);
    assert_non_null(r);
    assert_non_null(e);
    size_t n = strlen(r) + strlen(e) + 32;
    jwks = malloc(n);
    snprintf(jwks, n, "{\"keys\": [%s, %s]}", r, e);
    free(r);
    free(e);
    return 0;
}

static int keys_teardown(void **state)
{
    cjose_jwk_release(rsa);
    cjose_jwk_release(ec);
    cjose_jwk_release(rogue);
    free(jwks);
    return 0;
}

static struct oidc_config config(void)
{
    struct oidc_config c = {
        .issuer = ISS,
        .client_id = CLIENT,
        .client_secret = "s3cret-s3cret-s3cret-s3cret-s3cret",
        .redirect_uri = "https://omsorg.example/min-side/login/callback",
        .scopes = "openid profile ssn",
        .cpr_claim = "dk.cpr",
    };
    return c;
}

static struct oidc_rp *rp_with(struct oidc_config c)
{
    struct oidc_error err;
    struct oidc_rp *rp = oidc_rp_new(&c, &err);
    assert_non_null(rp);
    assert_int_equal(oidc_rp_set_metadata(rp, discovery, jwks, &err), OIDC_OK);
    return rp;
}

/* The claims of a good token at now; tests change or delete members. */
static json_t *good_claims(time_t now)
{
    return json_pack("{s:s, s:s, s:s, s:I, s:I, s:s, s:s, s:s}", "iss", ISS, "sub",
                     "5b0f3c1e-8d2a-4c55-9a3e-2f6b7d1c4a01", "aud", CLIENT, "exp",
                     (json_int_t)now + 600, "iat", (json_int_t)now, "nonce", NONCE, "dk.cpr", CPR,
                     "acr", SUBSTANTIAL);
}

/* Sign raw payload bytes with key under alg; returns a malloc'd compact JWS. */
static char *sign_raw(cjose_jwk_t *key, const char *alg, const char *kid, const char *payload)
{
    cjose_err cerr;
    cjose_header_t *h = cjose_header_new(&cerr);
    assert_true(cjose_header_set(h, CJOSE_HDR_ALG, alg, &cerr));
    if (kid)
        assert_true(cjose_header_set(h, CJOSE_HDR_KID, kid, &cerr));
    cjose_jws_t *jws = cjose_jws_sign(key, h, (const uint8_t *)payload, strlen(payload), &cerr);
    assert_non_null(jws);
    const char *ser;
    assert_true(cjose_jws_export(jws, &ser, &cerr));
    char *out = strdup(ser);
    cjose_jws_release(jws);
    cjose_header_release(h);
    return out;
}

/* Sign claims (consumed) with key: RS256 for RSA keys, ES256 for EC. */
static char *sign(cjose_jwk_t *key, json_t *claims)
{
    cjose_err cerr;
    char *payload = json_dumps(claims, JSON_COMPACT);
    json_decref(claims);
    bool is_rsa = cjose_jwk_get_kty(key, &cerr) == CJOSE_JWK_KTY_RSA;
    char *tok = sign_raw(key, is_rsa ? "RS256" : "ES256", cjose_jwk_get_kid(key, &cerr), payload);
    free(payload);
    return tok;
}

static char *b64url(const char *s)
{
    size_t n = sodium_base64_ENCODED_LEN(strlen(s), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    char *out = malloc(n);
    sodium_bin2base64(out, n, (const unsigned char *)s, strlen(s),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return out;
}

/* Verify token (freed) against NONCE at now with rp; returns the result code. */
static enum oidc_err check(struct oidc_rp *rp, char *token, time_t now, struct oidc_identity *id)
{
    struct oidc_error err;
    struct oidc_identity scratch;
    enum oidc_err rc = oidc_rp_verify(rp, token, NONCE, now, id ? id : &scratch, &err);
    assert_int_equal(err.code, rc);
    free(token);
    return rc;
}

/* Verify a good token with member name set to value (consumed; NULL deletes
 * the member), signed with the provider's RSA key. */
static enum oidc_err with_claim(struct oidc_rp *rp, time_t now, const char *name, json_t *value)
{
    json_t *c = good_claims(now);
    if (value)
        json_object_set_new(c, name, value);
    else
        json_object_del(c, name);
    return check(rp, sign(rsa, c), now, NULL);
}

static void accepts_a_good_token(void **state)
{
    time_t now = time(NULL);
    struct oidc_rp *rp = rp_with(config());
    struct oidc_identity id;
    assert_int_equal(check(rp, sign(rsa, good_claims(now)), now, &id), OIDC_OK);
    assert_string_equal(id.sub, "5b0f3c1e-8d2a-4c55-9a3e-2f6b7d1c4a01");
    assert_string_equal(id.cpr, CPR);
    assert_string_equal(id.acr, SUBSTANTIAL);
    oidc_rp_free(rp);
}

static void accepts_es256_and_a_hyphenated_cpr(void **state)
{
    time_t now = time(NULL);
    struct oidc_rp *rp = rp_with(config());
    struct oidc_identity id;
    json_t *c = good_claims(now);
    json_object_set_new(c, "dk.cpr", json_string("120341-1000"));
    assert_int_equal(check(rp, sign(ec, c), now, &id), OIDC_OK);
    assert_string_equal(id.cpr, CPR);
    oidc_rp_free(rp);
}

static void refuses_a_wrong_signature(void **state)
{
    time_t now = time(NULL);
    struct oidc_rp *rp = rp_with(config());
    /* An attacker's key under the provider's kid. */
    assert_int_equal(check(rp, sign(rogue, good_claims(now)), now, NULL), OIDC_ERR_SIGNATURE);
    /* The provider's token with the payload changed after signing. */
    char *tok = sign(rsa, good_claims(now));
    json_t *c = good_claims(now);
    json_object_set_new(c, "dk.cpr", json_string("2708381001"));
    char *payload = json_dumps(c, JSON_COMPACT), *p64 = b64url(payload);
    json_decref(c);
    char *dot1 = strchr(tok, '.'), *dot2 = strchr(dot1 + 1, '.');
    size_t n = strlen(tok) + strlen(p64) + 1;
    char *forged = malloc(n);
    snprintf(forged, n, "%.*s.%s%s", (int)(dot1 - tok), tok, p64, dot2);
    assert_int_equal(check(rp, forged, now, NULL), OIDC_ERR_SIGNATURE);
    free(tok);
    free(payload);
    free(p64);
    /* The last byte of the signature changed. */
    tok = sign(rsa, good_claims(now));
    char *last = tok + strlen(tok) - 2;
    *last = *last == 'A' ? 'B' : 'A';
    assert_int_equal(check(rp, tok, now, NULL), OIDC_ERR_SIGNATURE);
    oidc_rp_free(rp);
}

static void refuses_alg_none_hmac_and_key_confusion(void **state)
{
    time_t now = time(NULL);
    struct oidc_rp *rp = rp_with(config());
    /* alg none: no signature at all, and with a made-up one. */
    json_t *c = good_claims(now);
    char *payload = json_dumps(c, JSON_COMPACT);
    json_decref(c);
    char *h64 = b64url("{\"alg\":\"none\"}"), *p64 = b64url(payload);
    size_t n = strlen(h64) + strlen(p64) + 16;
    char *tok = malloc(n);
    snprintf(tok, n, "%s.%s.", h64, p64);
    assert_int_equal(check(rp, tok, now, NULL), OIDC_ERR_ALG);
    tok = malloc(n);
    snprintf(tok, n, "%s.%s.AAAA", h64, p64);
    assert_int_equal(check(rp, tok, now, NULL), OIDC_ERR_ALG);
    free(h64);
    free(p64);
    /* HS256 with the client secret as the key (the classic confusion). */
    const char *secret = "s3cret-s3cret-s3cret-s3cret-s3cret";
    cjose_err cerr;
    cjose_jwk_t *oct = cjose_jwk_create_oct_spec((const uint8_t *)secret, strlen(secret), &cerr);
    assert_non_null(oct);
    assert_int_equal(check(rp, sign_raw(oct, "HS256", "rsa-1", payload), now, NULL), OIDC_ERR_ALG);
    cjose_jwk_release(oct);
    /* RS256 naming the EC key: no key of that kid and type. */
    assert_int_equal(check(rp, sign_raw(rsa, "RS256", "ec-1", payload), now, NULL), OIDC_ERR_KEY);
    /* An unknown kid, with no jwks_uri to fetch new keys from. */
    assert_int_equal(check(rp, sign_raw(rsa, "RS256", "rsa-2", payload), now, NULL), OIDC_ERR_KEY);
    oidc_rp_free(rp);
    /* A key the provider published for PS256 only is not used for RS256. */
    char *pub = cjose_jwk_to_json(rsa, false, &cerr);
    json_error_t jerr;
    json_t *k = json_loads(pub, 0, &jerr);
    free(pub);
    json_object_set_new(k, "alg", json_string("PS256"));
    json_t *set = json_pack("{s:[o]}", "keys", k);
    char *ps_only = json_dumps(set, JSON_COMPACT);
    json_decref(set);
    struct oidc_config cfg = config();
    rp = oidc_rp_new(&cfg, NULL);
    assert_int_equal(oidc_rp_set_metadata(rp, discovery, ps_only, NULL), OIDC_OK);
    assert_int_equal(check(rp, sign_raw(rsa, "RS256", "rsa-1", payload), now, NULL), OIDC_ERR_KEY);
    assert_int_equal(check(rp, sign_raw(rsa, "PS256", "rsa-1", payload), now, NULL), OIDC_OK);
    free(ps_only);
    free(payload);
    oidc_rp_free(rp);
}

static void refuses_wrong_issuer_and_audience(void **state)
{
    time_t now = time(NULL);
    struct oidc_rp *rp = rp_with(config());
    assert_int_equal(with_claim(rp, now, "iss", json_string(ISS "/")), OIDC_ERR_ISSUER);
    assert_int_equal(with_claim(rp, now, "iss", NULL), OIDC_ERR_ISSUER);
    assert_int_equal(with_claim(rp, now, "aud", json_string("another-client")), OIDC_ERR_AUDIENCE);
    /* Several audiences: azp must name omsorg. */
    json_t *c = good_claims(now);
    json_object_set_new(c, "aud", json_pack("[s, s]", "another-client", CLIENT));
    json_t *c2 = json_deep_copy(c), *c3 = json_deep_copy(c);
    assert_int_equal(check(rp, sign(rsa, c), now, NULL), OIDC_ERR_AUDIENCE);
    json_object_set_new(c2, "azp", json_string("another-client"));
    assert_int_equal(check(rp, sign(rsa, c2), now, NULL), OIDC_ERR_AUDIENCE);
    json_object_set_new(c3, "azp", json_string(CLIENT));
    assert_int_equal(check(rp, sign(rsa, c3), now, NULL), OIDC_OK);
    oidc_rp_free(rp);
}

static void refuses_expired_and_future_tokens(void **state)
{
    time_t now = time(NULL);
    struct oidc_rp *rp = rp_with(config()); /* leeway 60 s */
    json_t *c = good_claims(now - 700);     /* exp = now - 100 */
    assert_int_equal(check(rp, sign(rsa, c), now, NULL), OIDC_ERR_EXPIRED);
    c = good_claims(now);
    json_object_set_new(c, "exp", json_integer((json_int_t)now - 30)); /* inside the leeway */
    json_object_set_new(c, "iat", json_integer((json_int_t)now - 300));
    assert_int_equal(check(rp, sign(rsa, c), now, NULL), OIDC_OK);
    assert_int_equal(with_claim(rp, now, "iat", json_integer((json_int_t)now + 120)),
                     OIDC_ERR_NOT_YET_VALID);
    assert_int_equal(with_claim(rp, now, "nbf", json_integer((json_int_t)now + 120)),
                     OIDC_ERR_NOT_YET_VALID);
    assert_int_equal(with_claim(rp, now, "exp", NULL), OIDC_ERR_TOKEN_FORMAT);
    oidc_rp_free(rp);
}

static void refuses_wrong_and_replayed_nonce(void **state)
{
    time_t now = time(NULL);
    struct oidc_rp *rp = rp_with(config());
    assert_int_equal(with_claim(rp, now, "nonce", json_string(NONCE "x")), OIDC_ERR_NONCE);
    assert_int_equal(with_claim(rp, now, "nonce", NULL), OIDC_ERR_NONCE);
    /* The same token twice, and another token with the same nonce. */
    char *tok = sign(rsa, good_claims(now));
    assert_int_equal(check(rp, strdup(tok), now, NULL), OIDC_OK);
    assert_int_equal(check(rp, tok, now, NULL), OIDC_ERR_REPLAY);
    assert_int_equal(check(rp, sign(ec, good_claims(now)), now, NULL), OIDC_ERR_REPLAY);
    oidc_rp_free(rp);
}

static void checks_acr_sub_cpr_and_duplicates(void **state)
{
    time_t now = time(NULL);
    struct oidc_config cfg = config();
    cfg.acr_values = SUBSTANTIAL " https://data.gov.dk/concept/core/nsis/loa/High";
    struct oidc_rp *rp = rp_with(cfg);
    assert_int_equal(with_claim(rp, now, "acr", json_string(LOW)), OIDC_ERR_ACR);
    assert_int_equal(with_claim(rp, now, "acr", NULL), OIDC_ERR_ACR);
    assert_int_equal(with_claim(rp, now, "dk.cpr", NULL), OIDC_ERR_CLAIMS);
    /* A number loses leading zeros; a hyphen in the wrong place. */
    assert_int_equal(with_claim(rp, now, "dk.cpr", json_integer(1203411000)), OIDC_ERR_CLAIMS);
    assert_int_equal(with_claim(rp, now, "dk.cpr", json_string("12034-11000")), OIDC_ERR_CLAIMS);
    assert_int_equal(with_claim(rp, now, "sub", json_string("")), OIDC_ERR_CLAIMS);
    /* Two "nonce" members: one a JSON parser may take, another a second one. */
    char payload[512];
    snprintf(payload, sizeof payload,
             "{\"iss\":\"%s\",\"sub\":\"x\",\"aud\":\"%s\",\"exp\":%ld,\"iat\":%ld,"
             "\"nonce\":\"other\",\"nonce\":\"%s\",\"dk.cpr\":\"%s\",\"acr\":\"%s\"}",
             ISS, CLIENT, (long)now + 600, (long)now, NONCE, CPR, SUBSTANTIAL);
    assert_int_equal(check(rp, sign_raw(rsa, "RS256", "rsa-1", payload), now, NULL),
                     OIDC_ERR_TOKEN_FORMAT);
    /* Not a JWT at all, and an encrypted token's five parts. */
    assert_int_equal(check(rp, strdup("not-a-token"), now, NULL), OIDC_ERR_TOKEN_FORMAT);
    assert_int_equal(check(rp, strdup("a.b.c.d.e"), now, NULL), OIDC_ERR_TOKEN_FORMAT);
    oidc_rp_free(rp);
}

/* cjose 0.6.2.1 aborts on base64url of an impossible length (found by
 * tests/fuzz/fuzz-oidc.c); oidc.c must refuse such input before cjose. */
static void malformed_base64url_never_reaches_cjose(void **state)
{
    time_t now = time(NULL);
    struct oidc_rp *rp = rp_with(config());
    char *tok = sign(rsa, good_claims(now));
    char *dot1 = strchr(tok, '.'), *dot2 = strchr(dot1 + 1, '.');
    size_t n = strlen(tok) + 16;
    char *bad = malloc(n); /* padding inside the payload: cjose asserts */
    snprintf(bad, n, "%.*s.e====yJp%s", (int)(dot1 - tok), tok, dot2);
    assert_int_equal(check(rp, bad, now, NULL), OIDC_ERR_TOKEN_FORMAT);
    bad = malloc(n); /* and inside the signature */
    snprintf(bad, n, "%.*se====yJp", (int)(dot2 + 1 - tok), tok);
    assert_int_equal(check(rp, bad, now, NULL), OIDC_ERR_TOKEN_FORMAT);
    free(tok);
    struct oidc_error err;
    assert_int_equal(oidc_rp_set_metadata(rp, discovery,
                                          "{\"keys\": [{\"kty\": \"RSA\", \"n\": \"A=AA\", "
                                          "\"e\": \"AQAB\"}, {\"kty\": \"EC\", \"crv\": "
                                          "\"P-256\", \"x\": \"e====yJp\", \"y\": \"AAAA\"}]}",
                                          &err),
                     OIDC_ERR_METADATA);
    oidc_rp_free(rp);
}

static void pkce_matches_rfc7636(void **state)
{
    char out[OIDC_RANDOM_LEN];
    /* RFC 7636, Appendix B. */
    assert_true(oidc_pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", out));
    assert_string_equal(out, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    assert_false(oidc_pkce_challenge("too-short", out));
    assert_false(oidc_pkce_challenge("dBjftJeZ4CVP+mB92K27uhbUJU1p1r/wW1gFWFOEjXk", out));
}

/* Pull a parameter's value out of an authorization URL. */
static void url_param(const char *url, const char *name, char *out, size_t n)
{
    char key[64];
    snprintf(key, sizeof key, "%s=", name);
    const char *p = strstr(url, key);
    while (p && p[-1] != '?' && p[-1] != '&')
        p = strstr(p + 1, key);
    assert_non_null(p);
    p += strlen(key);
    size_t m = strcspn(p, "&");
    assert_true(m < n);
    memcpy(out, p, m);
    out[m] = '\0';
}

static void begin_builds_the_url_and_state_is_used_once(void **state)
{
    struct oidc_rp *rp = rp_with(config());
    struct strbuf url = STRBUF_INIT;
    char cookie[OIDC_RANDOM_LEN], st[64], nonce[64], challenge[64];
    struct oidc_error err;
    struct oidc_pending p;
    assert_int_equal(oidc_rp_begin(rp, &url, cookie, &err), OIDC_OK);
    assert_true(!strncmp(url.buf, ISS "/auth?response_type=code&client_id=omsorg&", 45));
    assert_non_null(strstr(url.buf, "&redirect_uri=https%3A%2F%2Fomsorg.example%2Fmin-side"));
    assert_non_null(strstr(url.buf, "&scope=openid%20profile%20ssn&"));
    assert_non_null(strstr(url.buf, "&code_challenge_method=S256"));
    assert_null(strstr(url.buf, "acr_values"));
    url_param(url.buf, "state", st, sizeof st);
    url_param(url.buf, "nonce", nonce, sizeof nonce);
    url_param(url.buf, "code_challenge", challenge, sizeof challenge);
    assert_int_equal(strlen(st), 43);
    assert_string_not_equal(st, nonce);
    assert_string_not_equal(st, cookie);

    /* Another state, and the right state with another browser's cookie. */
    char other[OIDC_RANDOM_LEN];
    memcpy(other, st, sizeof other);
    other[0] = other[0] == 'A' ? 'B' : 'A';
    assert_int_equal(oidc_rp_take(rp, other, cookie, &p, &err), OIDC_ERR_STATE);
    assert_int_equal(oidc_rp_take(rp, st, "wrong-cookie", &p, &err), OIDC_ERR_STATE);
    /* That spent it: the right cookie now finds nothing either. */
    assert_int_equal(oidc_rp_take(rp, st, cookie, &p, &err), OIDC_ERR_STATE);

    strbuf_reset(&url);
    assert_int_equal(oidc_rp_begin(rp, &url, cookie, &err), OIDC_OK);
    url_param(url.buf, "state", st, sizeof st);
    url_param(url.buf, "nonce", nonce, sizeof nonce);
    url_param(url.buf, "code_challenge", challenge, sizeof challenge);
    assert_int_equal(oidc_rp_take(rp, st, cookie, &p, &err), OIDC_OK);
    assert_string_equal(p.state, st);
    assert_string_equal(p.nonce, nonce);
    char expect[OIDC_RANDOM_LEN];
    assert_true(oidc_pkce_challenge(p.verifier, expect));
    assert_string_equal(challenge, expect);
    assert_int_equal(oidc_rp_take(rp, st, cookie, &p, &err), OIDC_ERR_STATE);
    assert_int_equal(oidc_rp_take(rp, NULL, cookie, &p, &err), OIDC_ERR_STATE);
    strbuf_release(&url);
    oidc_rp_free(rp);
}

static void finish_refuses_state_error_and_issuer_before_any_request(void **state)
{
    struct oidc_config cfg = config();
    cfg.acr_values = SUBSTANTIAL;
    struct oidc_rp *rp = rp_with(cfg);
    struct strbuf url = STRBUF_INIT;
    char cookie[OIDC_RANDOM_LEN], st[64];
    struct oidc_error err;
    struct oidc_identity id;
    assert_int_equal(oidc_rp_begin(rp, &url, cookie, &err), OIDC_OK);
    assert_non_null(strstr(url.buf, "&acr_values=https%3A%2F%2Fdata.gov.dk%2F"));
    url_param(url.buf, "state", st, sizeof st);

    struct oidc_callback cb = {.state = "x", .code = "c", .iss = ISS};
    assert_int_equal(oidc_rp_finish(rp, &cb, cookie, &id, &err), OIDC_ERR_STATE);
    cb.state = st;
    cb.iss = "https://evil.example";
    assert_int_equal(oidc_rp_finish(rp, &cb, cookie, &id, &err), OIDC_ERR_ISSUER_PARAM);
    cb.iss = ISS; /* the state was spent by the mix-up attempt */
    assert_int_equal(oidc_rp_finish(rp, &cb, cookie, &id, &err), OIDC_ERR_STATE);

    strbuf_reset(&url);
    assert_int_equal(oidc_rp_begin(rp, &url, cookie, &err), OIDC_OK);
    url_param(url.buf, "state", st, sizeof st);
    struct oidc_callback denied = {.state = st, .error = "access_denied"};
    assert_int_equal(oidc_rp_finish(rp, &denied, cookie, &id, &err), OIDC_ERR_DENIED);
    assert_string_equal(err.detail, "provider error access_denied");
    assert_int_equal(oidc_rp_finish(rp, &cb, cookie, &id, &err), OIDC_ERR_STATE);
    assert_int_equal(oidc_rp_finish(rp, &denied, cookie, &id, &err), OIDC_ERR_STATE);

    /* The provider says it sends iss: a redirect without it is refused. */
    strbuf_reset(&url);
    assert_int_equal(oidc_rp_begin(rp, &url, cookie, &err), OIDC_OK);
    url_param(url.buf, "state", st, sizeof st);
    struct oidc_callback no_iss = {.state = st, .code = "c"};
    assert_int_equal(oidc_rp_finish(rp, &no_iss, cookie, &id, &err), OIDC_ERR_ISSUER_PARAM);
    strbuf_release(&url);
    oidc_rp_free(rp);
}

static void pending_log_ins_are_bounded(void **state)
{
    struct oidc_config cfg = config();
    cfg.max_pending = 2;
    struct oidc_rp *rp = rp_with(cfg);
    struct strbuf url = STRBUF_INIT;
    char cookies[3][OIDC_RANDOM_LEN], states[3][64];
    struct oidc_error err;
    struct oidc_pending p;
    for (int i = 0; i < 3; i++) {
        strbuf_reset(&url);
        assert_int_equal(oidc_rp_begin(rp, &url, cookies[i], &err), OIDC_OK);
        url_param(url.buf, "state", states[i], sizeof states[i]);
    }
    assert_int_equal(oidc_rp_take(rp, states[0], cookies[0], &p, &err), OIDC_ERR_STATE);
    assert_int_equal(oidc_rp_take(rp, states[2], cookies[2], &p, &err), OIDC_OK);
    assert_int_equal(oidc_rp_take(rp, states[1], cookies[1], &p, &err), OIDC_OK);
    strbuf_release(&url);
    oidc_rp_free(rp);
}

static void configuration_is_checked(void **state)
{
    struct oidc_error err;
    struct oidc_config c = config();
    c.client_secret = NULL;
    assert_null(oidc_rp_new(&c, &err));
    assert_int_equal(err.code, OIDC_ERR_CONFIG);
    assert_string_equal(err.detail, "\"client_secret\" is missing");
    c = config();
    c.issuer = "http://broker.example";
    assert_null(oidc_rp_new(&c, &err));
    c.allow_http = true;
    struct oidc_rp *rp = oidc_rp_new(&c, &err);
    assert_non_null(rp);
    oidc_rp_free(rp);
    c = config();
    c.scopes = "profile";
    assert_null(oidc_rp_new(&c, &err));

    /* Metadata for another issuer, or without PKCE S256, is refused. */
    rp = oidc_rp_new(&(struct oidc_config){.issuer = ISS "/other",
                                           .client_id = CLIENT,
                                           .client_secret = "s",
                                           .redirect_uri = "https://x/cb"},
                     &err);
    assert_int_equal(oidc_rp_set_metadata(rp, discovery, jwks, &err), OIDC_ERR_METADATA);
    oidc_rp_free(rp);
    rp = oidc_rp_new(&(struct oidc_config){.issuer = ISS,
                                           .client_id = CLIENT,
                                           .client_secret = "s",
                                           .redirect_uri = "https://x/cb"},
                     &err);
    assert_int_equal(oidc_rp_set_metadata(rp,
                                          "{\"issuer\": \"" ISS "\", \"authorization_endpoint\": "
                                          "\"" ISS "/a\", \"token_endpoint\": \"" ISS "/t\", "
                                          "\"code_challenge_methods_supported\": [\"plain\"]}",
                                          jwks, &err),
                     OIDC_ERR_METADATA);
    assert_int_equal(oidc_rp_set_metadata(rp,
                                          "{\"issuer\": \"" ISS "\", \"authorization_endpoint\": "
                                          "\"http://broker.example/a\", \"token_endpoint\": \"" ISS
                                          "/t\"}",
                                          jwks, &err),
                     OIDC_ERR_METADATA);
    assert_int_equal(oidc_rp_set_metadata(rp, discovery,
                                          "{\"keys\": [{\"kty\": \"oct\", \"k\": "
                                          "\"c2VjcmV0\"}]}",
                                          &err),
                     OIDC_ERR_METADATA);
    oidc_rp_free(rp);
}

static void config_file_is_read(void **state)
{
    char path[] = "/tmp/omsorg-oidc-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char good[] =
        "{\"issuer\": \"http://127.0.0.1:8081\", \"client_id\": \"omsorg\","
        " \"client_secret\": \"abc\", \"redirect_uri\": \"http://localhost:8080/cb\","
        " \"scopes\": \"openid ssn\", \"cpr_claim\": \"dk.cpr\","
        " \"token_endpoint_auth_method\": \"client_secret_post\","
        " \"allow_http\": true, \"leeway\": 30}";
    assert_int_equal(write(fd, good, sizeof good - 1), (ssize_t)(sizeof good - 1));
    close(fd);
    struct arena a = ARENA_INIT;
    struct oidc_config c;
    char msg[200];
    assert_true(oidc_config_load(path, &a, &c, msg, sizeof msg));
    assert_string_equal(c.issuer, "http://127.0.0.1:8081");
    assert_string_equal(c.client_secret, "abc");
    assert_string_equal(c.cpr_claim, "dk.cpr");
    assert_int_equal(c.client_auth, OIDC_CLIENT_SECRET_POST);
    assert_true(c.allow_http);
    assert_int_equal(c.leeway, 30);
    assert_null(c.acr_values);

    const char *bad[][2] = {
        {"{\"issuer\": 1}", "\"issuer\" must be a string"},
        {"{\"client_secrt\": \"x\"}", "unknown member \"client_secrt\""},
        {"{\"leeway\": \"60\"}", "\"leeway\" must be a whole number"},
        {"{\"token_endpoint_auth_method\": \"none\"}", "client_secret_basic or client_secret_post"},
        {"{\"issuer\": \"a\", \"issuer\": \"b\"}", "duplicate object key"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        FILE *f = fopen(path, "w");
        fputs(bad[i][0], f);
        fclose(f);
        assert_false(oidc_config_load(path, &a, &c, msg, sizeof msg));
        if (!strstr(msg, bad[i][1]))
            fail_msg("%s: got '%s'", bad[i][0], msg);
    }
    unlink(path);
    arena_release(&a);
}

static void error_codes_are_named(void **state)
{
    assert_string_equal(oidc_err_code(OIDC_ERR_NONCE), "nonce_mismatch");
    assert_string_equal(oidc_err_code(OIDC_ERR_REPLAY), "nonce_replayed");
    assert_string_equal(oidc_err_code(OIDC_ERR_STATE), "state_mismatch");
    for (int e = OIDC_OK; e <= OIDC_ERR_CLAIMS; e++) {
        assert_string_not_equal(oidc_err_code((enum oidc_err)e), "unknown");
        assert_string_not_equal(oidc_err_text((enum oidc_err)e), "unknown");
    }
    assert_string_equal(oidc_err_code((enum oidc_err)999), "unknown");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(accepts_a_good_token),
        cmocka_unit_test(accepts_es256_and_a_hyphenated_cpr),
        cmocka_unit_test(refuses_a_wrong_signature),
        cmocka_unit_test(refuses_alg_none_hmac_and_key_confusion),
        cmocka_unit_test(refuses_wrong_issuer_and_audience),
        cmocka_unit_test(refuses_expired_and_future_tokens),
        cmocka_unit_test(refuses_wrong_and_replayed_nonce),
        cmocka_unit_test(checks_acr_sub_cpr_and_duplicates),
        cmocka_unit_test(malformed_base64url_never_reaches_cjose),
        cmocka_unit_test(pkce_matches_rfc7636),
        cmocka_unit_test(begin_builds_the_url_and_state_is_used_once),
        cmocka_unit_test(finish_refuses_state_error_and_issuer_before_any_request),
        cmocka_unit_test(pending_log_ins_are_bounded),
        cmocka_unit_test(configuration_is_checked),
        cmocka_unit_test(config_file_is_read),
        cmocka_unit_test(error_codes_are_named),
    };
    return cmocka_run_group_tests_name("lib/oidc", tests, keys_setup, keys_teardown);
}
