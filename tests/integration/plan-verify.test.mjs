// The engine's Mankowska plans checked by the independent verifier
// (bench/mankowska-verify.py), which reads the original instance JSON and
// shares no code with the engine; and the verifier itself shown to reject
// broken plans, so that a pass means something.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from './helpers.mjs';

const repo = path.resolve('..');
// Two Mankowska instances copied into the repository (tests/data/PROVENANCE.md).
const instance = (name) => path.join(repo, 'tests/data/mankowska', `${name}.json`);
const verify = (inst, sol) =>
  spawnSync('python3', [path.join(repo, 'bench/mankowska-verify.py'), inst, sol], { encoding: 'utf8' });

// Plan `name` with a short iteration budget; returns [instance, solution path, dir].
function plan(name, iterations) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'omsorg-mkv-'));
  const sol = path.join(dir, 'sol.json');
  const r = run(['plan', '--iterations', String(iterations), instance(name), '-o', sol]);
  assert.equal(r.status, 0, r.stderr);
  return [instance(name), sol, dir];
}

for (const [name, iters] of [['InstanzCPLEX_HCSRP_25_6', 2000], ['InstanzCPLEX_HCSRP_50_2', 1000]]) {
  test(`${name}: the plan passes the independent verifier at the cost the engine reports`, () => {
    const [inst, sol, dir] = plan(name, iters);
    try {
      const v = verify(inst, sol);
      assert.equal(v.status, 0, v.stdout + v.stderr);
      const cost = Number(/cost ([0-9.]+)/.exec(v.stdout)[1]);
      const reported = JSON.parse(readFileSync(sol, 'utf8')).summary.cost;
      assert.ok(Math.abs(cost - reported) < 0.01, `verifier ${cost}, engine ${reported}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('the verifier rejects a moved synchronised start, a missing service and a wrong caregiver', () => {
  const [inst, sol, dir] = plan('InstanzCPLEX_HCSRP_25_6', 500);
  try {
    const good = JSON.parse(readFileSync(sol, 'utf8'));
    const problem = JSON.parse(readFileSync(inst, 'utf8'));
    const broken = path.join(dir, 'broken.json');
    const check = (mutate, why) => {
      const s = structuredClone(good);
      mutate(s);
      writeFileSync(broken, JSON.stringify(s));
      const v = verify(inst, broken);
      assert.equal(v.status, 1, `${why}: ${v.stdout}`);
      assert.match(v.stdout, /violation/);
    };
    // a simultaneous service starting a minute later than its partner
    const simultaneous = problem.patients.find((p) => p.synchronization?.type === 'simultaneous').id;
    check((s) => {
      for (const r of s.routes)
        for (const st of r.stops)
          if (st.visit.startsWith(`${simultaneous}:`)) {
            st.start += 1;
            return;
          }
    }, 'moved start');
    check((s) => s.routes.find((r) => r.stops.length).stops.pop(), 'missing service');
    check((s) => {
      // a caregiver without the ability the route's first stop needs
      const r = s.routes.find((x) => x.stops.length);
      const [pid, svc] = r.stops[0].visit.split(':');
      const need = svc || problem.patients.find((p) => p.id === pid).required_caregivers[0].service;
      r.carer = problem.caregivers.find((c) => !c.abilities.includes(need)).id;
    }, 'wrong caregiver');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
