/*
 * auth.h — passwords and session tokens (libsodium).
 *
 * Passwords are hashed with Argon2id (crypto_pwhash_str, interactive limits).
 * Session and CSRF tokens are 256 random bits, base64url; the store keeps
 * only a BLAKE2b hash of a session token, so a copy of the database does not
 * give working sessions.
 */
#ifndef OMSORG_AUTH_H
#define OMSORG_AUTH_H

#include <stdbool.h>
#include <stddef.h>

#define AUTH_HASH_MAX 128  /* >= crypto_pwhash_STRBYTES */
#define AUTH_TOKEN_LEN 43  /* base64url of 32 bytes, no padding */
#define AUTH_DIGEST_HEX 64 /* hex of a 32-byte BLAKE2b digest */

/* Call once at start-up; false if libsodium cannot be initialised. */
bool auth_init(void);
/* Hash a password into out (NUL-terminated). False on failure (out of memory). */
bool auth_password_hash(const char *password, char out[AUTH_HASH_MAX]);
/* Constant-time check of a password against a stored hash. */
bool auth_password_verify(const char *hash, const char *password);
/* A fresh random token into out[AUTH_TOKEN_LEN + 1]. */
void auth_token_new(char out[AUTH_TOKEN_LEN + 1]);
/* Hex BLAKE2b-256 digest of a token into out[AUTH_DIGEST_HEX + 1]. */
void auth_token_digest(const char *token, char out[AUTH_DIGEST_HEX + 1]);
/* Constant-time string equality (for CSRF tokens). */
bool auth_equal(const char *a, const char *b);

#endif
