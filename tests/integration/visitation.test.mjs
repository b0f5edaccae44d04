// Integration: from a citizen's daily rhythm to a decision, a letter, a
// planned visit inside the citizen's window, and the carer's route.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, Client, fictitiousCpr, run } from './helpers.mjs';

let srv;
before(async () => { srv = await startServer({ citizens: 40 }); });
after(async () => { await srv.stop(); });

const iso = (d) => d.toISOString().slice(0, 10);
const today = iso(new Date());
const tomorrow = iso(new Date(Date.now() + 86400000));
const minutes = (hhmm) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

const morningCare = (over = {}) => ({
  kind: 'services',
  requested: 'Jeg vil gerne have hjælp til bad om morgenen.',
  reason: 'Du kan ikke længere selv komme sikkert i bad.',
  start_date: today,
  follow_up_date: iso(new Date(Date.now() + 42 * 86400000)),
  services: [{ label: 'Hjælp til bad og tøj', code: 'H1.1', weekdays: [1, 2, 3, 4, 5, 6, 7],
    anchor: 'get_up', duration: 30, skill: 'personlig-pleje', carers: 1 }],
  ...over,
});

let vis, citizenId, grantId;

test('a visitator records a citizen who gets up at 8:30 and grants morning care', async () => {
  vis = new Client(srv.url);
  await vis.login('visitator');
  let r = await vis.post('/api/v1/citizens', { json: {
    cpr: fictitiousCpr(14, 2, 38), first_name: 'Karen', last_name: 'Holm', address: 'Ellebækvej 3',
    postcode: '2730', city: 'Herlev', team_id: 1, what_matters: 'At jeg selv bestemmer, hvornår jeg står op.',
    rhythm: { get_up: '08:30', bedtime: '22:30' } } });
  assert.equal(r.status, 201, r.text);
  citizenId = r.data.id;
  // validation: a rehabilitation course needs an end date and goals; services need a skill
  r = await vis.post(`/api/v1/citizens/${citizenId}/grants`, { json: morningCare({ kind: 'rehabilitation', services: [{ label: 'x', weekdays: [9], anchor: 'noon', duration: 1, skill: 'x' }] }) });
  assert.equal(r.status, 422);
  const f = r.data.error.fields;
  assert.ok(f.end_date && f.goals && f['services[0].weekdays'] && f['services[0].anchor'] && f['services[0].duration'] && f['services[0].skill'], JSON.stringify(f));
  r = await vis.post(`/api/v1/citizens/${citizenId}/grants`, { json: morningCare() });
  assert.equal(r.status, 201, r.text);
  grantId = r.data.id;
  assert.equal(r.data.status, 'draft');
});

test('the grant moves draft → decided → sent, with history; illegal and stale moves are refused', async () => {
  const g = `/api/v1/citizens/${citizenId}/grants/${grantId}`;
  const seen = (await vis.get(g)).data.version;
  let r = await vis.post(`${g}/status`, { json: { status: 'sent', version: seen } });
  assert.equal(r.status, 409);
  assert.equal(r.data.error.code, 'bad_transition');
  r = await vis.post(`${g}/status`, { json: { status: 'decided', note: 'Samtale i hjemmet' } });
  assert.equal(r.status, 422, 'the version the user saw is required');
  assert.ok(r.data.error.fields.version);
  r = await vis.post(`${g}/status`, { json: { status: 'decided', note: 'Samtale i hjemmet', version: seen } });
  assert.equal(r.status, 200, r.text);
  const decided = r.data.version;
  // someone who still sees the draft cannot move it: not in the API, not on the page
  r = await vis.post(`${g}/status`, { json: { status: 'ended', version: seen } });
  assert.equal(r.status, 409);
  assert.equal(r.data.error.code, 'conflict');
  const page = await vis.post(`/borgere/${citizenId}/afgoerelser/${grantId}/status`,
    { form: { csrf: vis.csrf, to: 'ended', version: String(seen) }, csrf: false });
  assert.equal(page.status, 409);
  assert.match(page.text, /ændret, siden du åbnede den/);
  r = await vis.put(g, { json: { ...morningCare(), version: decided } });
  assert.equal(r.status, 409, 'a decided grant is not edited in place');
  assert.equal(r.data.error.code, 'not_editable');
  r = await vis.post(`${g}/status`, { json: { status: 'sent', version: decided } });
  assert.equal(r.status, 200);
  r = await vis.get(g);
  assert.deepEqual(r.data.history.map((h) => h.to), ['draft', 'decided', 'sent']);
  assert.equal(r.data.history[1].by, 'Vivi Visitator');
});

test('the decision letter is plain Danish, says how to complain, and scores LIX ≤ 35', async () => {
  const r = await vis.get(`/api/v1/citizens/${citizenId}/grants/${grantId}/letter`);
  assert.equal(r.status, 200);
  assert.ok(r.data.lix > 0 && r.data.lix <= 35, `LIX ${r.data.lix}`);
  assert.match(r.data.text, /Kære Karen Holm/);
  assert.match(r.data.text, /når du står op/);
  assert.match(r.data.text, /klage/);
  assert.match(r.data.text, /Ankestyrelsen/);
  const page = await vis.get(`/borgere/${citizenId}/afgoerelser/${grantId}/brev`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Brevets LIX er \d+/);
});

test('a care worker can read the grant but not change it', async () => {
  const c = new Client(srv.url);
  await c.login('sosu-nord');
  let r = await c.get(`/api/v1/citizens/${citizenId}/grants`);
  assert.equal(r.status, 200);
  assert.equal(r.data.grants.length, 1);
  r = await c.post(`/api/v1/citizens/${citizenId}/grants`, { json: morningCare() });
  assert.equal(r.status, 403);
  r = await c.post(`/api/v1/citizens/${citizenId}/grants/${grantId}/status`, { json: { status: 'ended' } });
  assert.equal(r.status, 403);
  const log = (await vis.get(`/api/v1/citizens/${citizenId}/access-log`)).data.entries;
  assert.ok(log.some((e) => e.username === 'sosu-nord' && e.action === 'read'));
});

let planner, visit;

test('the planner plans tomorrow; the visit lies inside the citizen\'s window', async () => {
  planner = new Client(srv.url);
  await planner.login('planlaegger');
  let r = await planner.post('/api/v1/plan', { json: { date: tomorrow, team: 1, time_limit: 1 } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.data.outside_window, 0);
  assert.ok(r.data.visits >= 1);
  r = await planner.get(`/api/v1/plan?date=${tomorrow}&team=1`);
  assert.equal(r.status, 200);
  assert.equal(r.data.figures.outside_window, 0);
  visit = r.data.visits.find((v) => v.citizen_id === citizenId);
  assert.ok(visit, 'the new citizen has a visit');
  assert.deepEqual(visit.window, ['08:00', '09:00']);
  assert.equal(visit.carers.length, 1, JSON.stringify(visit));
  const start = minutes(visit.start);
  assert.ok(start >= 8 * 60 && start <= 9 * 60, `start ${visit.start}`);
  // every planned visit of the day is inside its window
  for (const v of r.data.visits.filter((x) => x.start)) {
    assert.ok(minutes(v.start) >= minutes(v.window[0]) && minutes(v.start) <= minutes(v.window[1]), JSON.stringify(v));
  }
  // a care worker may not plan
  const c = new Client(srv.url);
  await c.login('sosu-nord');
  assert.equal((await c.post('/api/v1/plan', { json: { date: tomorrow, team: 1 } })).status, 403);
});

test('moving a visit by hand is checked against windows and skills', async () => {
  const teams = (await planner.get('/api/v1/teams')).data.teams;
  const nord = teams.find((t) => t.slug === 'nord');
  const therapist = nord.members.find((m) => !m.skills.includes('personlig-pleje'));
  const carer = nord.members.find((m) => m.skills.includes('personlig-pleje') && m.id !== visit.carers[0].id
    && m.shifts.some((s) => s.start <= '08:00' && s.end >= '09:30'));
  let r = await planner.put(`/api/v1/plan/visits/${visit.id}`, { json: { carer_ids: [carer.id], start: '11:00' } });
  assert.equal(r.status, 422);
  assert.match(r.data.error.message, /tidsvindue/);
  r = await planner.put(`/api/v1/plan/visits/${visit.id}`, { json: { carer_ids: [therapist.id], start: '08:30' } });
  assert.equal(r.status, 422);
  assert.match(r.data.error.message, /faglighed/);
  r = await planner.put(`/api/v1/plan/visits/${visit.id}`, { json: { carer_ids: [carer.id], start: '25:00' } });
  assert.equal(r.status, 422);
  r = await planner.put(`/api/v1/plan/visits/${visit.id}`, { json: { carer_ids: [visit.carers[0].id], start: visit.start } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.data.manual, true);
});

test('the care worker sees the visit on the route, with what matters to the citizen', async () => {
  const teams = (await planner.get('/api/v1/teams')).data.teams;
  const member = teams.flatMap((t) => t.members).find((m) => m.id === visit.carers[0].id);
  const c = new Client(srv.url);
  assert.equal((await c.login(member.username)).status, 200);
  const r = await c.get(`/api/v1/route?date=${tomorrow}`);
  assert.equal(r.status, 200);
  const mine = r.data.visits.find((v) => v.citizen_id === citizenId);
  assert.ok(mine);
  assert.equal(mine.what_matters, 'At jeg selv bestemmer, hvornår jeg står op.');
  const page = await c.get(`/rute?dato=${tomorrow}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Karen Holm/);
  assert.match(page.text, /Hjælp til bad og tøj/);
});

test('changing the rhythm moves future visits', async () => {
  let r = await vis.get(`/api/v1/citizens/${citizenId}`);
  const body = { ...r.data, rhythm: { ...r.data.rhythm, get_up: '10:00' } };
  body.contact_ids = [];
  r = await vis.put(`/api/v1/citizens/${citizenId}`, { json: body });
  assert.equal(r.status, 200, r.text);
  await planner.post('/api/v1/plan', { json: { date: tomorrow, team: 1, time_limit: 1 } });
  r = await planner.get(`/api/v1/plan?date=${tomorrow}&team=1`);
  const v = r.data.visits.find((x) => x.citizen_id === citizenId);
  assert.deepEqual(v.window, ['09:30', '10:30']);
});

test('plan-day from the command line: the solution passes the independent checker', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'omsorg-planday-'));
  try {
    const db = path.join(dir, 'p.db');
    assert.equal(run(['demo', '--db', db, '--citizens', '120', '--seed', '5']).status, 0);
    const prob = path.join(dir, 'problem.json');
    const sol = path.join(dir, 'solution.json');
    const r = run(['plan-day', '--db', db, '--date', tomorrow, '--team', 'nord', '--time-limit', '1',
      '--problem-out', prob, '--solution-out', sol]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^nord\s+\d+\s+\d+\s+\d+/m);
    const check = run(['plan-check', prob, sol]);
    assert.equal(check.status, 0, check.stdout + check.stderr);
    assert.equal(run(['plan-day', '--db', db, '--date', '2026-13-01']).status, 2);
    assert.equal(run(['plan-day', '--db', db, '--date', tomorrow, '--team', 'mars']).status, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a rehabilitation course shows its outcome: levels before → after and the goals', async () => {
  const day = (n) => iso(new Date(Date.now() + n * 86400000));
  let r = await vis.post(`/api/v1/citizens/${citizenId}/assessments`, { json: {
    assessed_on: day(-60), functions: [{ code: 'J1.1', current_level: 3, expected_level: 1 }] } });
  assert.equal(r.status, 201, r.text);
  r = await vis.post(`/api/v1/citizens/${citizenId}/goals`, { json: {
    text: 'Jeg vil selv kunne komme i bad.', goal_type: 'lessen', follow_up_on: day(0), codes: ['J1.1'] } });
  assert.equal(r.status, 201, r.text);
  const goalId = r.data.id;
  r = await vis.post(`/api/v1/citizens/${citizenId}/grants`, { json: morningCare({
    kind: 'rehabilitation', goals: 'Jeg vil selv kunne komme i bad.', start_date: day(-56), end_date: day(-1),
    follow_up_date: day(-1) }) });
  assert.equal(r.status, 201, r.text);
  const rehab = r.data.id;
  let page = await vis.get(`/borgere/${citizenId}/afgoerelser/${rehab}`);
  assert.match(page.text, /Resultat af forløbet/);
  assert.match(page.text, /Lav en ny vurdering/);
  r = await vis.post(`/api/v1/citizens/${citizenId}/assessments`, { json: {
    assessed_on: day(0), functions: [{ code: 'J1.1', current_level: 1 }] } });
  assert.equal(r.status, 201, r.text);
  r = await vis.put(`/api/v1/citizens/${citizenId}/goals/${goalId}`, { json: { status: 'reached', status_note: 'Klarer selv badet.' } });
  assert.equal(r.status, 200, r.text);
  page = await vis.get(`/borgere/${citizenId}/afgoerelser/${rehab}`);
  assert.match(page.text, /Funktionsevne før og efter forløbet/);
  assert.match(page.text, /<td>3<\/td><td>1<\/td><td>[^<]*bedre/i);
  assert.match(page.text, /Jeg vil selv kunne komme i bad\. – Nået/);
});
