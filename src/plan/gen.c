/*
 * gen.c — a generator of Herlev-shaped home-care days (plan_generate_day):
 * citizens spread over Herlev (lat 55.71-55.74, lon 12.40-12.46), four
 * teams (nord, syd, øst, vest) with their offices, a morning peak, day and
 * evening shifts with a 30-minute break, 5 % double-staffed visits, a few
 * synchronised nurse visits, three skills and preferred carers.
 * Deterministic per seed; the JSON is built with jansson.
 */
#include "plan/plan.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static const char *const team_name[4] = {"nord", "syd", "øst", "vest"};
static const double office_lat[4] = {55.7335, 55.7125, 55.7240, 55.7230};
static const double office_lon[4] = {12.4320, 12.4300, 12.4540, 12.4060};

static double gen_unit(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    z ^= z >> 31;
    return (double)(z >> 11) * (1.0 / 9007199254740992.0);
}

static int gen_int(uint64_t *s, int n) { return (int)(gen_unit(s) * n) % (n > 0 ? n : 1); }

static int team_of(double lat, double lon)
{
    double dy = (lat - 55.725) * 111.0, dx = (lon - 12.43) * 62.6;
    if (dy > 0 && dy >= (dx > 0 ? dx : -dx))
        return 0;
    if (dy <= 0 && -dy >= (dx > 0 ? dx : -dx))
        return 1;
    return dx > 0 ? 2 : 3;
}

static json_t *pair(double a, double b)
{
    json_t *x = json_array();
    json_array_append_new(x, json_real(a));
    json_array_append_new(x, json_real(b));
    return x;
}

char *plan_generate_day(int n_visits, int n_carers, unsigned long seed)
{
    uint64_t rng = (uint64_t)seed * 7919 + 17;
    int n_cit = n_visits * 2 / 5 + 1;
    json_t *root = json_object(), *locs = json_array(), *carers = json_array(),
           *visits = json_array(), *travel = json_object();
    char id[64];
    char *out = NULL;
    double *clat = malloc((size_t)n_cit * sizeof *clat), *clon = malloc((size_t)n_cit * sizeof *clon);
    int *cteam = malloc((size_t)n_cit * sizeof *cteam);
    int *evening = malloc((size_t)(n_carers + 1) * sizeof *evening);
    int *cteam_of = malloc((size_t)(n_carers + 1) * sizeof *cteam_of);
    if (!root || !locs || !carers || !visits || !travel || !clat || !clon || !cteam || !evening ||
        !cteam_of)
        goto out;
    json_object_set_new(root, "format", json_string("omsorg-plan/1"));
    snprintf(id, sizeof id, "herlev-gen-%d-%d-%lu", n_visits, n_carers, seed);
    json_object_set_new(root, "name", json_string(id));
    json_object_set_new(travel, "metric", json_string("haversine"));
    json_object_set_new(travel, "speed_kmh", json_real(25));
    json_object_set_new(travel, "detour", json_real(1.3));
    json_object_set_new(root, "travel", travel);
    travel = NULL;
    for (int t = 0; t < 4; t++) {
        json_t *l = json_object();
        snprintf(id, sizeof id, "office-%s", team_name[t]);
        json_object_set_new(l, "id", json_string(id));
        json_object_set_new(l, "lat", json_real(office_lat[t]));
        json_object_set_new(l, "lon", json_real(office_lon[t]));
        json_array_append_new(locs, l);
    }
    for (int c = 0; c < n_cit; c++) {
        json_t *l = json_object();
        clat[c] = 55.71 + 0.03 * gen_unit(&rng);
        clon[c] = 12.40 + 0.06 * gen_unit(&rng);
        cteam[c] = team_of(clat[c], clon[c]);
        snprintf(id, sizeof id, "c%04d", c + 1);
        json_object_set_new(l, "id", json_string(id));
        json_object_set_new(l, "lat", json_real(clat[c]));
        json_object_set_new(l, "lon", json_real(clon[c]));
        json_array_append_new(locs, l);
    }
    for (int k = 0; k < n_carers; k++) {
        json_t *c = json_object(), *sk = json_array(), *br = json_array(), *b = json_object();
        int t = k % 4, eve = (k * 10 / (n_carers > 0 ? n_carers : 1)) >= 7;
        double from = eve ? 900 : 420, to = eve ? 1380 : 900;
        evening[k] = eve;
        cteam_of[k] = t;
        snprintf(id, sizeof id, "e%03d", k + 1);
        json_object_set_new(c, "id", json_string(id));
        snprintf(id, sizeof id, "office-%s", team_name[t]);
        json_object_set_new(c, "start", json_string(id));
        json_object_set_new(c, "end", json_string(id));
        json_object_set_new(c, "shift", pair(from, to));
        json_array_append_new(sk, json_string("personlig-pleje"));
        if (k % 4 == 3)
            json_array_append_new(sk, json_string("sygepleje"));
        else
            json_array_append_new(sk, json_string("praktisk-hjaelp"));
        json_object_set_new(c, "skills", sk);
        json_object_set_new(c, "team", json_string(team_name[t]));
        json_object_set_new(b, "window", pair(from + 180, from + 330));
        json_object_set_new(b, "duration", json_real(30));
        json_array_append_new(br, b);
        json_object_set_new(c, "breaks", br);
        json_array_append_new(carers, c);
    }
    int prev_cit = 0, prev_eve = 0;
    double prev_start = 0;
    for (int v = 0; v < n_visits; v++) {
        json_t *x = json_object(), *ws = json_array(), *sk = json_array();
        int cit = gen_int(&rng, n_cit), eve = gen_unit(&rng) < 0.28;
        double u = gen_unit(&rng), start, width = 60 + 30 * gen_int(&rng, 3), dur;
        int tied = v > 0 && v % 50 == 13 && !prev_eve;
        const char *skill;
        if (u < 0.62) {
            skill = "personlig-pleje";
            dur = 15 + 5 * gen_int(&rng, 6);
        } else if (u < 0.88) {
            skill = "praktisk-hjaelp";
            dur = 30 + 15 * gen_int(&rng, 2);
        } else {
            skill = "sygepleje";
            dur = 10 + 5 * gen_int(&rng, 4);
        }
        if (eve)
            start = 930 + 330 * gen_unit(&rng);
        else if (gen_unit(&rng) < 0.5)
            start = 430 + 120 * gen_unit(&rng); /* morning peak */
        else
            start = 440 + 340 * gen_unit(&rng);
        if (tied) { /* eye drops 30-90 min after the previous visit, same citizen */
            cit = prev_cit;
            eve = 0;
            skill = "sygepleje";
            dur = 10;
            start = prev_start + 30;
            width = 90;
        }
        start = (double)((int)start / 5 * 5);
        prev_cit = cit;
        prev_eve = eve;
        prev_start = start;
        snprintf(id, sizeof id, "v%05d", v + 1);
        json_object_set_new(x, "id", json_string(id));
        snprintf(id, sizeof id, "c%04d", cit + 1);
        json_object_set_new(x, "citizen", json_string(id));
        json_object_set_new(x, "location", json_string(id));
        json_object_set_new(x, "duration", json_real(dur));
        json_array_append_new(ws, pair(start, start + width));
        if (!eve && gen_unit(&rng) < 0.08 && start + width + 240 < 840)
            json_array_append_new(ws, pair(start + width + 180, start + width + 240));
        json_object_set_new(x, "windows", ws);
        json_array_append_new(sk, json_string(skill));
        json_object_set_new(x, "skills", sk);
        json_object_set_new(x, "team", json_string(team_name[cteam[cit]]));
        if (v % 20 == 7 && skill[0] == 'p' && skill[1] == 'e')
            json_object_set_new(x, "carers", json_integer(2));
        if (gen_unit(&rng) < 0.4) {
            json_t *pc = json_array();
            for (int tries = 0; tries < 40 && json_array_size(pc) < 2; tries++) {
                int k = gen_int(&rng, n_carers);
                if (cteam_of[k] == cteam[cit] && evening[k] == eve) {
                    snprintf(id, sizeof id, "e%03d", k + 1);
                    json_array_append_new(pc, json_string(id));
                }
            }
            json_object_set_new(x, "preferred_carers", pc);
        }
        if (tied) {
            json_t *sy = json_object();
            snprintf(id, sizeof id, "v%05d", v);
            json_object_set_new(sy, "with", json_string(id));
            json_object_set_new(sy, "gap", pair(30, 90));
            json_object_set_new(x, "sync", sy);
        }
        json_array_append_new(visits, x);
    }
    json_object_set_new(root, "locations", locs);
    json_object_set_new(root, "carers", carers);
    json_object_set_new(root, "visits", visits);
    locs = carers = visits = NULL;
    out = json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
out:
    json_decref(root);
    json_decref(locs);
    json_decref(carers);
    json_decref(visits);
    json_decref(travel);
    free(clat);
    free(clon);
    free(cteam);
    free(evening);
    free(cteam_of);
    return out;
}
