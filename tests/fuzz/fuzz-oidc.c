/* Fuzz what lib/oidc.c reads from an OpenID provider: the first byte picks
 *   0: the input as an ID token (header, signature and JSON parsing),
 *   1: the input as an ID token's payload, signed here with the provider's
 *      EC key, so that the claims checks see arbitrary JSON,
 *   2: the input as a discovery document, 3: the input as a JWKS.
 * An accepted token must carry a subject and, with the CPR claim configured,
 * exactly ten digits. */
#include <cjose/cjose.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/oidc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define ISS "https://broker.example"

static const char discovery[] = "{\"issuer\": \"" ISS "\", \"authorization_endpoint\": \"" ISS
                                "/auth\", \"token_endpoint\": \"" ISS "/token\"}";
static cjose_jwk_t *key;
static char *jwks;

static void setup(void)
{
    cjose_err cerr;
    key = cjose_jwk_create_EC_random(CJOSE_JWK_EC_P_256, &cerr);
    cjose_jwk_set_kid(key, "ec-1", 4, &cerr);
    char *pub = cjose_jwk_to_json(key, false, &cerr);
    size_t n = strlen(pub) + 16;
    jwks = malloc(n);
    snprintf(jwks, n, "{\"keys\":[%s]}", pub);
    free(pub);
}

static void check_identity(const struct oidc_identity *id)
{
    if (!id->sub[0] || strlen(id->cpr) != 10)
        abort();
    for (int i = 0; i < 10; i++)
        if (id->cpr[i] < '0' || id->cpr[i] > '9')
            abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!key)
        setup();
    if (size < 1)
        return 0;
    char *s = malloc(size);
    memcpy(s, data + 1, size - 1);
    s[size - 1] = '\0';
    struct oidc_config cfg = {.issuer = ISS,
                              .client_id = "omsorg",
                              .client_secret = "x",
                              .redirect_uri = "https://omsorg.example/cb",
                              .cpr_claim = "dk.cpr",
                              .max_pending = 16};
    struct oidc_rp *rp = oidc_rp_new(&cfg, NULL);
    struct oidc_identity id;
    struct oidc_error err;
    time_t now = 1800000000;
    switch (data[0] & 3) {
    case 0:
        oidc_rp_set_metadata(rp, discovery, jwks, NULL);
        if (oidc_rp_verify(rp, s, "n", now, &id, &err) == OIDC_OK)
            abort(); /* no signature of ours can be in the input */
        break;
    case 1: {
        oidc_rp_set_metadata(rp, discovery, jwks, NULL);
        cjose_err cerr;
        cjose_header_t *h = cjose_header_new(&cerr);
        cjose_header_set(h, CJOSE_HDR_ALG, "ES256", &cerr);
        cjose_header_set(h, CJOSE_HDR_KID, "ec-1", &cerr);
        cjose_jws_t *jws = cjose_jws_sign(key, h, (const uint8_t *)s, strlen(s), &cerr);
        const char *tok;
        if (jws && cjose_jws_export(jws, &tok, &cerr)) {
            const char *nonce = strstr(s, "\"nonce\":\"n\"") ? "n" : "other";
            if (oidc_rp_verify(rp, tok, nonce, now, &id, &err) == OIDC_OK)
                check_identity(&id);
        }
        cjose_jws_release(jws);
        cjose_header_release(h);
        break;
    }
    case 2:
        oidc_rp_set_metadata(rp, s, NULL, &err);
        break;
    case 3:
        oidc_rp_set_metadata(rp, discovery, s, &err);
        break;
    }
    oidc_rp_free(rp);
    free(s);
    return 0;
}
