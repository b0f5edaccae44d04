/*
 * admin.h — use cases of administration: staff (users with role, team,
 * skills and usual shifts) and teams. Each write is audited ("user" or
 * "team" with the id) in the same transaction. See app.h.
 */
#ifndef OMSORG_APP_ADMIN_H
#define OMSORG_APP_ADMIN_H

#include "app/app.h"

/* Create a user with a password (hashed with Argon2id here); u->id is set.
 * APP_CONFLICT "username_taken" (and a field error) when the name is used. */
enum app_rc app_user_create(struct app *a, struct user *u, const char *password);
/* Change user u->id; password NULL keeps the old one. Deactivating a user or
 * changing the password ends the user's sessions (the store does it). */
enum app_rc app_user_update(struct app *a, const struct user *u, const char *password);
/* APP_CONFLICT "slug_taken" when the short name is used; t->id is set. */
enum app_rc app_team_create(struct app *a, struct team *t);
enum app_rc app_team_update(struct app *a, const struct team *t);

#endif
