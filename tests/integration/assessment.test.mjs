// Integration tests for FSIII: the fsiii-import command, assessments and
// goals over the API and the pages, access and the access log.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, Client, run, BIN } from './helpers.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { assert.equal(await srv.stop(), 0, 'server exits cleanly on SIGTERM'); });

const sql = (db, q) => spawnSync('sqlite3', [db, q], { encoding: 'utf8' }).stdout.trim();
// UTC dates; the server checks against its local date, so "today" is sent as
// yesterday and future/past dates are at least three days away.
const isoDay = (offset = 0) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);

async function citizenOfTeam(c, teamName) {
  const r = await c.get('/api/v1/citizens?q=herlev');
  const hit = r.data.citizens.find((x) => x.team_name === teamName);
  assert.ok(hit, `a citizen in ${teamName}`);
  return hit;
}

test('fsiii-import: default file beside the binary, idempotent, new versions, bad files exit 2', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'omsorg-fsiii-'));
  try {
    const db = path.join(dir, 'f.db');
    let r = run(['fsiii-import', '--help']);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^usage: omsorg fsiii-import/);
    assert.equal(run(['fsiii-import']).status, 2, '--db is required');
    assert.equal(run(['migrate', '--db', db]).status, 0);
    r = run(['fsiii-import', '--db', db]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /version 20240530 imported \(269 concepts/);
    r = run(['fsiii-import', '--db', db]);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /already imported; nothing changed/);
    assert.equal(sql(db, 'SELECT count(*) FROM fsiii_version'), '1');
    assert.equal(sql(db, "SELECT count(*) FROM fsiii_concept WHERE top_group = 'J' AND depth = 2"), '37');
    assert.equal(sql(db, "SELECT parent_code FROM fsiii_concept WHERE code = 'J1.1'"), 'J1');

    // a new release is a new version; the old one stays
    const file = path.resolve(path.dirname(BIN), 'share/fsiii/CodeSystem-FSIII.json');
    const cs = JSON.parse(readFileSync(file, 'utf8'));
    cs.version = '20991231';
    const newer = path.join(dir, 'newer.json');
    writeFileSync(newer, JSON.stringify(cs));
    r = run(['fsiii-import', '--db', db, '--file', newer]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(sql(db, 'SELECT group_concat(version) FROM (SELECT version FROM fsiii_version ORDER BY version)'),
      '20240530,20991231');

    // malformed files: exit 2, a message naming the JSON path, nothing imported
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, '{"resourceType": "CodeSystem", "url": "u", "version": "1", "concept": [');
    r = run(['fsiii-import', '--db', db, '--file', bad]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /\$: not valid JSON/);
    writeFileSync(bad, JSON.stringify({ resourceType: 'CodeSystem', url: 'u', version: '2',
      concept: [{ code: 'J', display: 'J', concept: [{ code: 'J1', display: 5 }] }] }));
    r = run(['fsiii-import', '--db', db, '--file', bad]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /\$\.concept\[0\]\.concept\[0\]: "display" must be a string/);
    r = run(['fsiii-import', '--db', db, '--file', path.join(dir, 'missing.json')]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /cannot read/);
    assert.equal(sql(db, 'SELECT count(*) FROM fsiii_version'), '2');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the code system over the API: concepts of a group of the current version', async () => {
  const c = new Client(srv.url);
  await c.login('sosu-nord');
  let r = await c.get('/api/v1/fsiii?group=J');
  assert.equal(r.status, 200);
  assert.equal(r.data.version, '20240530');
  assert.equal(r.data.concepts.filter((x) => x.depth === 2).length, 37);
  const j11 = r.data.concepts.find((x) => x.code === 'J1.1');
  assert.equal(j11.display, 'Vaske sig');
  assert.equal(j11.parent, 'J1');
  r = await c.get('/api/v1/fsiii?group=I');
  assert.equal(r.data.concepts.filter((x) => x.depth === 2).length, 54);
  r = await c.get('/api/v1/fsiii?group=Z');
  assert.equal(r.status, 422);
  assert.equal(r.data.error.code, 'validation');
});

test('assessments: create, 422 on bad levels and codes, 403 for a care worker, audited reads, change', async () => {
  const vis = new Client(srv.url);
  await vis.login('visitator');
  const nord = await citizenOfTeam(vis, 'Team Nord');
  const syd = await citizenOfTeam(vis, 'Team Syd');
  const url = `/api/v1/citizens/${nord.id}/assessments`;

  let r = await vis.post(url, { json: {
    assessed_on: isoDay(-60),
    note: 'Første samtale i hjemmet.',
    functions: [
      { code: 'J1.1', current_level: 3, expected_level: 1, performance: 'C2', importance: 'D2',
        need: 'Hjælp til bad', cause: 'Svimmelhed', symptoms: 'Er faldet to gange' },
      { code: 'J3.8', current_level: 2 },
    ],
    health: [{ code: 'I3.2', note: 'Spiser kun lidt' }],
  } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.data.fsiii_version, '20240530');
  assert.equal(r.data.functions[0].display, 'Vaske sig');
  assert.equal(r.data.functions[0].expected_level, 1);
  assert.equal(r.data.functions[1].expected_level, null);
  assert.equal(r.data.health[0].note, 'Spiser kun lidt');
  const first = r.data.id;

  // validation: level off the scale, unknown code, answer from the wrong group, future date
  r = await vis.post(url, { json: { assessed_on: isoDay(3), functions: [
    { code: 'J1.1', current_level: 5 }, { code: 'J9.9', current_level: 1 },
    { code: 'J3.8', current_level: 2, performance: 'D1' }] } });
  assert.equal(r.status, 422);
  assert.equal(r.data.error.code, 'validation');
  assert.match(r.data.error.fields['J1.1.current'], /0 til 4/);
  assert.ok(r.data.error.fields['J9.9']);
  assert.ok(r.data.error.fields['J3.8.performance']);
  assert.ok(r.data.error.fields.assessed_on);
  r = await vis.post(url, { json: { assessed_on: isoDay(-1), health: [{ code: 'J1.1' }] } });
  assert.equal(r.status, 422);
  assert.ok(r.data.error.fields['J1.1'], 'a J code is not a health condition');
  r = await vis.post(url, { json: { assessed_on: isoDay(-1), functions: 'J1.1' } });
  assert.equal(r.status, 422);
  r = await vis.post(url, { body: 'x', headers: { 'Content-Type': 'application/json' } });
  assert.equal(r.status, 400);
  r = await vis.post('/api/v1/citizens/999999/assessments', { json: { assessed_on: isoDay(-1) } });
  assert.equal(r.status, 404);

  // only the visitator creates
  const carer = new Client(srv.url);
  await carer.login('sosu-nord');
  r = await carer.post(url, { json: { assessed_on: isoDay(-1), functions: [{ code: 'J1.1', current_level: 1 }] } });
  assert.equal(r.status, 403);
  assert.equal(r.data.error.code, 'forbidden');
  r = await carer.get(`/borgere/${nord.id}/vurdering/ny`);
  assert.equal(r.status, 403);

  // a second assessment: the change between the latest two, in words
  r = await vis.post(url, { json: { assessed_on: isoDay(-1), functions: [
    { code: 'J1.1', current_level: 1 }, { code: 'J3.8', current_level: 3 }, { code: 'J2.2', current_level: 0 }] } });
  assert.equal(r.status, 201);
  const second = r.data.id;

  // reads: allowed for the team's care worker, audited; other team 403
  const log = async () => (await vis.get(`/api/v1/citizens/${nord.id}/access-log`)).data.entries;
  const before = (await log()).length;
  r = await carer.get(url);
  assert.equal(r.status, 200);
  assert.deepEqual(r.data.assessments.map((a) => a.id), [second, first]);
  assert.equal(r.data.change.from, first);
  assert.equal(r.data.change.to, second);
  const byCode = Object.fromEntries(r.data.change.functions.map((x) => [x.code, x]));
  assert.equal(byCode['J1.1'].change, 'better');
  assert.equal(byCode['J1.1'].label, 'bedre');
  assert.equal(byCode['J1.1'].before, 3);
  assert.equal(byCode['J1.1'].after, 1);
  assert.equal(byCode['J3.8'].label, 'værre');
  assert.equal(byCode['J2.2'].change, 'new');
  assert.equal(r.data.change.health[0].change, 'gone');
  let entries = await log();
  assert.equal(entries.length, before + 1, 'one access-log row per read');
  assert.equal(entries[0].username, 'sosu-nord');
  assert.equal(entries[0].action, 'read');
  r = await carer.get(`${url}/${first}`);
  assert.equal(r.status, 200);
  assert.equal(r.data.functions.length, 2);
  assert.equal(r.data.functions[0].need, 'Hjælp til bad');
  entries = await log();
  assert.equal(entries.length, before + 2);
  r = await carer.get(`/api/v1/citizens/${syd.id}/assessments`);
  assert.equal(r.status, 403);
  r = await carer.get(`${url}/999999`);
  assert.equal(r.status, 404);
  const mgr = new Client(srv.url);
  await mgr.login('leder');
  assert.equal((await mgr.get(url)).status, 403);

  // the record page shows the section and the change in words
  r = await carer.get(`/borgere/${nord.id}`);
  assert.equal(r.status, 200);
  assert.match(r.text, /Funktionsevne og mål/);
  assert.match(r.text, /bedre/);
  assert.match(r.text, /værre/);
  assert.doesNotMatch(r.text, /Ny vurdering/, 'no create button for a care worker');
  r = await vis.get(`/borgere/${nord.id}`);
  assert.match(r.text, /Ny vurdering/);
  r = await carer.get(`/borgere/${nord.id}/vurdering/${first}`);
  assert.equal(r.status, 200);
  assert.match(r.text, /Hjælp til bad/);
  assert.equal(sql(srv.db, `SELECT count(*) FROM audit WHERE action = 'assessment' AND citizen_id = ${nord.id}`), '2');
});

test('assessment form: a page post creates a new row set; errors come back on the form', async () => {
  const vis = new Client(srv.url);
  await vis.login('visitator');
  const nord = await citizenOfTeam(vis, 'Team Nord');
  const id = nord.id + 1;
  let r = await vis.get(`/borgere/${id}/vurdering/ny`);
  assert.equal(r.status, 200);
  assert.match(r.text, /J1 Egenomsorg/);
  assert.match(r.text, /J1\.1 Vaske sig/);
  assert.match(r.text, /Helbredstilstande/);
  const form = { csrf: vis.csrf, assessed_on: isoDay(-1), 'J1.1.current': '2', 'J1.1.expected': '1',
    'J1.1.performance': 'C2', 'J1.1.need': 'Bad to gange om ugen', 'I2.1.relevant': '1', 'I2.1.note': 'Går med stok' };
  r = await vis.post(`/borgere/${id}/vurdering/ny`, { form, csrf: false });
  assert.equal(r.status, 303);
  r = await vis.get(`/api/v1/citizens/${id}/assessments`);
  assert.equal(r.data.assessments.length, 1);
  r = await vis.get(`/api/v1/citizens/${id}/assessments/${r.data.assessments[0].id}`);
  assert.equal(r.data.functions[0].code, 'J1.1');
  assert.equal(r.data.functions[0].performance, 'C2');
  assert.equal(r.data.health[0].code, 'I2.1');
  r = await vis.post(`/borgere/${id}/vurdering/ny`, { form: { csrf: vis.csrf, assessed_on: isoDay(-1), 'J1.2.expected': '9' }, csrf: false });
  assert.equal(r.status, 422);
  assert.match(r.text, /J1\.2 Kropspleje: Vælg et nuværende niveau/);
  r = await vis.post(`/borgere/${id}/vurdering/ny`, { form: { assessed_on: isoDay(-1) }, csrf: false });
  assert.equal(r.status, 403, 'CSRF is required');
});

test('goals: citizen words, linked conditions, follow-up status', async () => {
  const vis = new Client(srv.url);
  await vis.login('visitator');
  const nord = await citizenOfTeam(vis, 'Team Nord');
  const url = `/api/v1/citizens/${nord.id}/goals`;
  let r = await vis.post(url, { json: { text: 'Jeg vil selv kunne gå ned efter avisen.', goal_type: 'lessen',
    follow_up_on: isoDay(30), codes: ['J3.8', 'I2.1'] } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.data.status, 'open');
  assert.equal(r.data.goal_type_label, 'Tilstanden skal mindskes');
  assert.deepEqual(r.data.conditions.map((x) => x.code), ['J3.8', 'I2.1']);
  assert.equal(r.data.conditions[0].display, 'Gå');
  const gid = r.data.id;
  r = await vis.post(url, { json: { text: '', goal_type: 'vanish', follow_up_on: isoDay(-3), codes: ['C1'] } });
  assert.equal(r.status, 422);
  for (const f of ['text', 'goal_type', 'follow_up_on', 'codes']) assert.ok(r.data.error.fields[f], f);
  const carer = new Client(srv.url);
  await carer.login('sosu-nord');
  r = await carer.post(url, { json: { text: 'x', goal_type: 'maintain', follow_up_on: isoDay(5), codes: ['J1.1'] } });
  assert.equal(r.status, 403);
  r = await carer.put(`${url}/${gid}`, { json: { status: 'reached' } });
  assert.equal(r.status, 403);
  r = await vis.put(`${url}/${gid}`, { json: { status: 'done' } });
  assert.equal(r.status, 422);
  r = await vis.put(`${url}/${gid}`, { json: { status: 'reached', status_note: 'Går selv med rollator.' } });
  assert.equal(r.status, 200);
  assert.equal(r.data.status, 'reached');
  assert.equal(r.data.status_note, 'Går selv med rollator.');
  assert.ok(r.data.followed_up_at);
  r = await vis.put(`${url}/999999`, { json: { status: 'reached' } });
  assert.equal(r.status, 404);
  r = await carer.get(url);
  assert.equal(r.status, 200);
  assert.equal(r.data.goals.find((g) => g.id === gid).status_label, 'Nået');
  // pages: the goal form and the follow-up form
  r = await vis.get(`/borgere/${nord.id}/maal/ny`);
  assert.equal(r.status, 200);
  assert.match(r.text, /Målet med borgerens egne ord/);
  r = await vis.post(`/borgere/${nord.id}/maal/ny`, { form: new URLSearchParams([['csrf', vis.csrf],
    ['text', 'Jeg vil sove hele natten.'], ['goal_type', 'maintain'], ['follow_up_on', isoDay(14)],
    ['codes', 'I10.2'], ['codes', 'J4.5']]), csrf: false });
  assert.equal(r.status, 303);
  r = await vis.get(`/borgere/${nord.id}/maal/${gid}`);
  assert.equal(r.status, 200);
  r = await vis.post(`/borgere/${nord.id}/maal/${gid}`, { form: { csrf: vis.csrf, status: 'not_reached', status_note: 'Faldt igen.' }, csrf: false });
  assert.equal(r.status, 303);
  r = await vis.get(url);
  assert.equal(r.data.goals.length, 2);
  assert.equal(r.data.goals.find((g) => g.id === gid).status, 'not_reached');
  assert.deepEqual(r.data.goals.find((g) => g.id !== gid).conditions.map((x) => x.code), ['I10.2', 'J4.5']);
  assert.equal((await carer.get(`/borgere/${nord.id}/maal/${gid}`)).status, 403);
});
