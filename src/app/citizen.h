/*
 * citizen.h — use cases on citizens: search, open the record, create and
 * change it, the relatives and network, and the record's access log.
 * See app.h for the contract every use case keeps.
 */
#ifndef OMSORG_APP_CITIZEN_H
#define OMSORG_APP_CITIZEN_H

#include "app/app.h"

/* Search by name, CPR number or address within the actor's scope (a care
 * worker sees the own team). q is required (1–100 characters). At most
 * limit hits; *more when there were more. Writes one "search" audit row. */
enum app_rc app_citizen_search(struct app *a, const char *q, int limit, struct citizen **out,
                               int *n, bool *more);

/* Open and read the whole record; the read is audited with detail first. */
enum app_rc app_citizen_get(struct app *a, long id, const char *detail, struct citizen *out);

/* Create a citizen; cpr_input is the CPR number as typed. On success c->id
 * is set. Fails with APP_CONFLICT "cpr_exists" (and a field error on cpr)
 * when the number is taken, APP_INVALID "invalid_reference" when the team,
 * coordinator or a contact person does not exist. */
enum app_rc app_citizen_create(struct app *a, struct citizen *c, const char *cpr_input);
/* Change citizen c->id when it is still at c->version. APP_CONFLICT
 * "conflict" when someone changed it meanwhile, "cpr_exists" when the CPR
 * number belongs to another citizen. */
enum app_rc app_citizen_update(struct app *a, struct citizen *c, const char *cpr_input);

/* The record's access log, newest first, at most limit rows, for those who
 * may read the record. Reading the log is not itself a read of the record's
 * data, so it adds no row (else every look at the log would grow it). */
enum app_rc app_citizen_access_log(struct app *a, long citizen_id, int limit,
                                   struct audit_entry **out, int *n);

/* Relatives and network (visitators). */
enum app_rc app_relative_get(struct app *a, long citizen_id, long id, struct relative *out);
/* Add x to x->citizen_id; x->id is set. */
enum app_rc app_relative_add(struct app *a, struct relative *x);
enum app_rc app_relative_change(struct app *a, const struct relative *x);
enum app_rc app_relative_remove(struct app *a, long citizen_id, long id);

#endif
