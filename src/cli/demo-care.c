/*
 * demo-care.c — daily practice in the demo municipality: weight series for
 * about one citizen in six (some with an unplanned loss), observed changes
 * with triage proposals, yellow and red decisions (one overdue per team),
 * a few nutrition assessments, and then the rules, so a fresh demo has a
 * board and task lists to look at. Deterministic for a seed.
 */
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "cli/cli.h"
#include "store/store.h"

/* splitmix64, as in cmd-demo.c. */
static uint64_t next(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* A number in [0, n). */
static int pick(uint64_t *s, int n)
{
    return (int)(next(s) % (uint64_t)n);
}

static const char *const notes[][2] = {
    {"food_drink", "Spiser kun halvdelen af maden og drikker lidt."},
    {"physical", "Hævede ben og mere åndenød end sidst."},
    {"mental_social", "Virker trist og har ikke været ude i flere dage."},
    {"daily", "Kan ikke længere selv komme op af stolen."},
    {"medicine", "Doseringsæsken er ikke tømt de sidste to dage."},
    {"home", "Meget koldt i lejligheden; radiatoren virker ikke."},
};

/* A care worker (or nurse) of the team, 0 when there is none. */
static long staff_of(const struct user *u, int n, long team, enum role role, uint64_t *s)
{
    int k = 0;
    for (int i = 0; i < n; i++)
        k += u[i].team_id == team && u[i].role == role;
    if (!k)
        return 0;
    int want = pick(s, k);
    for (int i = 0; i < n; i++)
        if (u[i].team_id == team && u[i].role == role && want-- == 0)
            return u[i].id;
    return 0;
}

/* One citizen's demo data. */
static enum store_rc one(struct store *s, uint64_t *rng, long id, long team,
                         const struct user *users, int nu, struct date today, long now,
                         bool *overdue_done)
{
    enum store_rc rc = STORE_OK;
    long carer = staff_of(users, nu, team, ROLE_CARER, rng);
    long nurse = staff_of(users, nu, team, ROLE_NURSE, rng);
    int u = pick(rng, 100);
    if (u < 16) { /* a weight series: monthly for 3–5 months, some losing weight */
        int k = 3 + pick(rng, 3), hg = 550 + pick(rng, 350), base = 3 + pick(rng, 30);
        bool losing = pick(rng, 3) == 0;
        for (int i = 0; i < k && rc == STORE_OK; i++) {
            struct date on = date_add_days(today, -30 * (k - 1 - i) - base);
            rc = store_weight_add(s, id, on, hg, false, 0, carer, NULL);
            hg += losing ? -(3 + pick(rng, 5)) : pick(rng, 7) - 3;
        }
    }
    if (rc == STORE_OK && u >= 10 && u < 19) { /* a reported change */
        int which = pick(rng, 6);
        int area = obs_area_parse(notes[which][0]);
        struct obs_input o = {(enum obs_area)(area < 0 ? 0 : area), pick(rng, 8) == 0,
                              notes[which][1]};
        rc = store_observations_add(s, id, carer, &o, 1, 0);
        if (rc == STORE_OK && u < 15) { /* the nurse has decided */
            enum triage_level l = o.serious ? TRIAGE_RED : TRIAGE_YELLOW;
            char due[21];
            bool late = !*overdue_done && l == TRIAGE_YELLOW;
            epoch_to_iso(late ? now - 3 * 3600 : now + triage_follow_up_seconds(l), due);
            *overdue_done = *overdue_done || late;
            struct triage_row t = {.citizen_id = id,
                                   .decided = true,
                                   .level = l,
                                   .reason = notes[which][1],
                                   .action = l == TRIAGE_RED ? "Sygeplejerske besøger i dag; "
                                                               "kontakt egen læge."
                                                             : "Daglig opfølgning ved hvert "
                                                               "besøg; skriv det i noten.",
                                   .follow_up_by = nurse,
                                   .due_at = due,
                                   .user_id = nurse};
            rc = store_triage_add(s, &t, NULL);
        }
    }
    if (rc == STORE_OK && u >= 16 && u < 18) { /* an earlier nutrition assessment */
        struct nutrition_row x = {.on = date_add_days(today, -40),
                                  .weight_status = 1,
                                  .eating = pick(rng, 3),
                                  .risks = -1,
                                  .plan = "Energitæt kost og mellemmåltider; vej hver måned."};
        rc = store_nutrition_add(s, id, &x, nurse, NULL);
    }
    return rc;
}

/* Add the demo's documentation, triage and nutrition data, then run the rules. */
int demo_care(struct store *s, unsigned long seed)
{
    struct arena a = ARENA_INIT;
    struct user *users;
    int nu;
    long count, now = (long)time(NULL);
    uint64_t rng = (uint64_t)seed * 0x9E3779B97F4A7C15ull + 7;
    struct date today = date_today();
    bool overdue[64] = {false};
    enum store_rc rc = store_citizen_count(s, &count);
    if (rc == STORE_OK)
        rc = store_user_list(s, &a, 0, &users, &nu);
    if (rc == STORE_OK)
        rc = store_begin(s);
    for (long id = 1; rc == STORE_OK && id <= count; id++) {
        long team;
        if (store_citizen_team(s, id, &team) != STORE_OK)
            continue;
        rc = one(s, &rng, id, team, users, nu, today, now, &overdue[team % 64]);
    }
    if (rc == STORE_OK)
        rc = store_commit(s);
    else
        store_rollback(s);
    struct rules_counts n = {0};
    if (rc == STORE_OK)
        rc = store_rules_all(s, now, &n);
    arena_release(&a);
    if (rc != STORE_OK) {
        fprintf(stderr, "omsorg demo: documentation and triage data failed\n");
        return -1;
    }
    fprintf(stderr, "omsorg demo: weights, observations and triage added; %ld open tasks\n",
            n.open);
    return 0;
}
