// Integration: daily practice. A care worker checks in, documents a weight
// 1.2 kg below the last and a change, checks out; a nutrition task appears
// for the team; the nurse sets triage yellow from the reported change and it
// shows on the board with a due time. Another team gets 403; a form sent
// twice (same client id) is stored once; the rules CLI is idempotent.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, run } from './helpers.mjs';

let srv;
before(async () => { srv = await startServer({ citizens: 80 }); });
after(async () => { await srv.stop(); });

const iso = (d) => d.toISOString().slice(0, 10);
const today = iso(new Date());
const daysAgo = (n) => iso(new Date(Date.now() - n * 86400000));

let planner, carer, nurse, visit, citizenId, nurseId, lastKg;

test('the planner plans today; a care worker of team nord has a visit to document', async () => {
  planner = new Client(srv.url);
  await planner.login('planlaegger');
  let r = await planner.post('/api/v1/plan', { json: { date: today, team: 1, time_limit: 1 } });
  assert.equal(r.status, 200, r.text);
  r = await planner.get(`/api/v1/plan?date=${today}&team=1`);
  const teams = (await planner.get('/api/v1/teams')).data.teams;
  const members = teams.flatMap((t) => t.members);
  nurseId = members.find((m) => m.username === 'sygeplejerske').id;
  // prefer a citizen without weights in the demo data, so the loss is exactly ours
  const visits = r.data.visits.filter((v) => v.carers.length === 1);
  assert.ok(visits.length > 0);
  for (const v of visits) {
    const m = members.find((x) => x.id === v.carers[0].id);
    if (m.role !== 'carer') continue;
    const c = new Client(srv.url);
    assert.equal((await c.login(m.username)).status, 200);
    const w = await c.get(`/api/v1/citizens/${v.citizen_id}/weights`);
    assert.equal(w.status, 200);
    if (!visit || w.data.weights.length === 0) { visit = v; carer = c; }
    if (w.data.weights.length === 0) break;
  }
  citizenId = visit.citizen_id;
  nurse = new Client(srv.url);
  await nurse.login('sygeplejerske');
});

test('a weight series: the care worker records a weight; bad weights are refused', async () => {
  let r = await carer.post(`/api/v1/citizens/${citizenId}/weights`, { json: { kg: 400, date: daysAgo(20) } });
  assert.equal(r.status, 422);
  assert.ok(r.data.error.fields.kg);
  r = await carer.post(`/api/v1/citizens/${citizenId}/weights`, { json: { kg: '70,25' } });
  assert.equal(r.status, 422, 'one decimal at most');
  r = await carer.post(`/api/v1/citizens/${citizenId}/weights`, { json: { kg: '70,4', date: daysAgo(20) } });
  assert.equal(r.status, 201, r.text);
  r = await carer.get(`/api/v1/citizens/${citizenId}/weights`);
  lastKg = r.data.weights.at(-1).kg;
});

test('check in, document a weight 1.2 kg below the last and a change, check out', async () => {
  const v = `/api/v1/visits/${visit.id}`;
  let r = await carer.post(`${v}/checkin`, { json: {} });
  assert.equal(r.status, 200, r.text);
  assert.match(r.data.checkin_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  // validation: not done needs a reason; weight range
  r = await carer.post(`${v}/documentation`, { json: { outcome: 'not_done', weight: 12 } });
  assert.equal(r.status, 422);
  assert.ok(r.data.error.fields.reason && r.data.error.fields.weight, JSON.stringify(r.data));
  const kg = Math.round((lastKg - 1.2) * 10) / 10;
  const doc = {
    client_id: 'it-care-0001', outcome: 'done', note: 'Spiste kun lidt morgenmad.',
    observations: [{ area: 'food_drink', note: 'Spiser under halvdelen af maden.' }],
    weight: kg,
  };
  r = await carer.post(`${v}/documentation`, { json: doc });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.data.duplicate, false);
  assert.equal(r.data.triage_proposed, 'yellow');
  assert.equal(r.data.outcome, 'done');
  // the same form again (the network came back): stored once
  r = await carer.post(`${v}/documentation`, { json: doc });
  assert.equal(r.status, 200);
  assert.equal(r.data.duplicate, true);
  const obs = (await carer.get(`/api/v1/citizens/${citizenId}/observations`)).data.observations;
  assert.equal(obs.filter((o) => o.note === 'Spiser under halvdelen af maden.').length, 1);
  const weights = (await carer.get(`/api/v1/citizens/${citizenId}/weights`)).data.weights;
  assert.equal(weights.filter((w) => w.kg === kg && w.date === today).length, 1);
  r = await carer.post(`${v}/checkout`, { json: {} });
  assert.equal(r.status, 200);
  assert.ok(r.data.checkout_at);
  assert.ok(r.data.checkin_at <= r.data.checkout_at);
});

test('a nutrition task appears for the team, and on the record', async () => {
  let r = await carer.get('/api/v1/tasks?team=1');
  assert.equal(r.status, 200, r.text);
  const task = r.data.tasks.find((t) => t.citizen_id === citizenId && t.rule === 'nutrition');
  assert.ok(task, JSON.stringify(r.data.tasks.filter((t) => t.citizen_id === citizenId)));
  assert.equal(task.done, false);
  const page = await carer.get(`/borgere/${citizenId}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Ernæringsvurdering efter vægttab/);
  assert.match(page.text, /Spiser under halvdelen af maden/);
  const list = await carer.get('/opgaver');
  assert.equal(list.status, 200);
  assert.match(list.text, /Ernæringsvurdering efter vægttab/);
  // an EVS assessment closes the task; missing parts count as 2, which needs a plan
  const form = await nurse.post(`/borgere/${citizenId}/ernaering`, { form: { weight_status: '2', eating: '0', risks: '0', plan: '' } });
  assert.equal(form.status, 422);
  assert.match(form.text, /Skriv ernæringsplanen, når vurderingen giver 2\./);
  r = await nurse.post(`/api/v1/citizens/${citizenId}/nutrition`, { json: { weight_status: 2, eating: 1 } });
  assert.equal(r.status, 422);
  assert.ok(r.data.error.fields.plan);
  r = await nurse.post(`/api/v1/citizens/${citizenId}/nutrition`, { json: { weight_status: 2, eating: 1, plan: 'Mellemmåltider og energitæt kost.' } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.data.score, 2);
  r = await carer.get(`/api/v1/tasks?citizen=${citizenId}`);
  assert.ok(!r.data.tasks.some((t) => t.rule === 'nutrition'), 'the task closed itself');
});

test('the nurse sets triage yellow from the reported change; it shows on the board with a due time', async () => {
  let r = await nurse.get(`/api/v1/citizens/${citizenId}/triage`);
  assert.equal(r.status, 200);
  assert.equal(r.data.pending.level, 'yellow');
  assert.equal(r.data.level, 'green');
  // a care worker may not decide
  r = await carer.post(`/api/v1/citizens/${citizenId}/triage`, { json: { level: 'yellow', reason: 'x', action: 'y' } });
  assert.equal(r.status, 403);
  r = await nurse.post(`/api/v1/citizens/${citizenId}/triage`, { json: { level: 'yellow' } });
  assert.equal(r.status, 422);
  const before = Date.now();
  r = await nurse.post(`/api/v1/citizens/${citizenId}/triage`, { json: {
    level: 'yellow', reason: r.data ? 'Spiser under halvdelen af maden.' : '', action: 'Væske- og kostskema i tre dage.', follow_up_by: nurseId } });
  assert.equal(r.status, 201, r.text);
  const due = Date.parse(r.data.due_at);
  assert.ok(Math.abs(due - before - 48 * 3600e3) < 120e3, `due ${r.data.due_at}`);
  r = await nurse.get('/api/v1/teams/1/board');
  assert.equal(r.status, 200);
  const row = r.data.citizens.find((c) => c.citizen_id === citizenId);
  assert.ok(row);
  assert.equal(row.level, 'yellow');
  assert.equal(row.pending, null);
  assert.equal(row.current.due_at, new Date(due).toISOString().replace('.000', ''));
  assert.equal(row.current.follow_up_name, 'Sanne Sygeplejerske');
  assert.equal(row.overdue, false);
  assert.ok(row.observations.length >= 1);
  r = await nurse.get(`/api/v1/tasks?citizen=${citizenId}`);
  assert.ok(r.data.tasks.some((t) => t.rule === 'triage_follow_up'));
  const page = await nurse.get('/tavle');
  assert.equal(page.status, 200);
  assert.match(page.text, /Gul/);
  assert.match(page.text, /Væske- og kostskema i tre dage\./);
  const log = (await planner.get(`/api/v1/citizens/${citizenId}/access-log`)).data.entries;
  assert.ok(log.some((e) => e.username === 'sygeplejerske' && e.action === 'read'));
});

test('a care worker of another team gets 403, and the refusal is logged', async () => {
  const other = new Client(srv.url);
  await other.login('sosu-syd');
  let r = await other.post(`/api/v1/visits/${visit.id}/documentation`, { json: { outcome: 'done' } });
  assert.equal(r.status, 403);
  assert.equal(r.data.error.code, 'forbidden');
  r = await other.post(`/api/v1/visits/${visit.id}/checkin`, { json: {} });
  assert.equal(r.status, 403);
  r = await other.get(`/api/v1/citizens/${citizenId}/observations`);
  assert.equal(r.status, 403);
  r = await other.post(`/api/v1/citizens/${citizenId}/weights`, { json: { kg: 60 } });
  assert.equal(r.status, 403);
  r = await other.get('/api/v1/teams/1/board');
  assert.equal(r.status, 403);
  r = await other.get(`/besoeg/${visit.id}`);
  assert.equal(r.status, 403);
  const log = (await planner.get(`/api/v1/citizens/${citizenId}/access-log`)).data.entries;
  assert.ok(log.some((e) => e.username === 'sosu-syd' && e.action === 'denied'));
});

test('the visit page works as a form post too, with the offline script and a client id', async () => {
  let r = await carer.get(`/besoeg/${visit.id}`);
  assert.equal(r.status, 200);
  assert.match(r.text, /Tjek ind/);
  assert.match(r.text, /<script src="\/static\/visit\.js"><\/script>/);
  assert.match(r.text, /name="client_id" value="[A-Za-z0-9_-]{8,}"/);
  assert.match(r.text, /Ikke sendt|id="offline-status"/);
  const route = await carer.get(`/rute?dato=${today}`);
  assert.match(route.text, new RegExp(`href="/besoeg/${visit.id}"`));
  const form = { csrf: carer.csrf, client_id: 'it-form-000001', outcome: 'not_done', reason: '', note: '' };
  r = await carer.post(`/besoeg/${visit.id}/dokumentation`, { form });
  assert.equal(r.status, 422);
  assert.match(r.text, /hvorfor besøget ikke blev gennemført/);
  form.reason = 'not_home';
  r = await carer.post(`/besoeg/${visit.id}/dokumentation`, { form });
  assert.equal(r.status, 303);
  r = await carer.get(`/api/v1/visits/${visit.id}/documentation`);
  assert.equal(r.data.outcome, 'not_done');
  assert.equal(r.data.reason, 'not_home');
  const js = await fetch(`${srv.url}/static/visit.js`);
  assert.equal(js.status, 200);
  assert.match(await js.text(), /Ikke sendt – sendes, når der er forbindelse igen/);
});

test('omsorg rules runs for every citizen and is idempotent', () => {
  let r = run(['rules', '--db', srv.db]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^citizens 80 raised \d+ closed \d+ open \d+ seconds \d+\.\d+$/m);
  r = run(['rules', '--db', srv.db]);
  assert.match(r.stdout, /raised 0 closed 0 /);
  assert.equal(run(['rules', '--db', srv.db, '--date', '2026-02-30']).status, 2);
  assert.equal(run(['rules']).status, 2);
});
