// Integration tests: the real binary on a port, spoken to over HTTP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, fictitiousCpr } from './helpers.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { assert.equal(await srv.stop(), 0, 'server exits cleanly on SIGTERM'); });

const newCitizen = (over = {}) => ({
  cpr: fictitiousCpr(),
  first_name: 'Åse',
  last_name: 'Østergaard',
  address: 'Herlev Bygade 12',
  postcode: '2730',
  city: 'Herlev',
  phone: '44 52 70 00',
  lives_alone: true,
  team_id: 1,
  what_matters: 'At jeg selv bestemmer, hvornår jeg går i seng.',
  rhythm: { get_up: '08:30', bedtime: '23:00', note: 'Jeg sover længe.' },
  ...over,
});

async function findCitizenOfTeam(c, teamName) {
  const r = await c.get('/api/v1/citizens?q=herlev');
  const hit = r.data.citizens.find((x) => x.team_name === teamName);
  assert.ok(hit, `a citizen in ${teamName}`);
  return hit;
}

test('healthz answers without a session', async () => {
  const r = await new Client(srv.url).get('/healthz');
  assert.equal(r.status, 200);
  assert.equal(r.data.status, 'ok');
});

test('log-in: wrong password is 401 with a Danish message; right one gives cookie and CSRF', async () => {
  const c = new Client(srv.url);
  let r = await c.login('visitator', 'forkert');
  assert.equal(r.status, 401);
  assert.equal(r.data.error.code, 'bad_credentials');
  assert.match(r.data.error.message, /Forkert brugernavn eller adgangskode/);
  r = await c.login('visitator');
  assert.equal(r.status, 200);
  assert.equal(r.data.user.role, 'visitator');
  assert.ok(r.data.csrf.length >= 40);
  const set = r.headers.get('set-cookie');
  assert.match(set, /HttpOnly/);
  assert.match(set, /SameSite=Strict/);
  r = await c.get('/api/v1/me');
  assert.equal(r.status, 200);
  assert.equal(r.data.user.username, 'visitator');
});

test('malformed log-in bodies are 400, not crashes', async () => {
  const c = new Client(srv.url);
  let r = await c.post('/api/v1/login', { body: '{"username":', headers: { 'Content-Type': 'application/json' } });
  assert.equal(r.status, 400);
  assert.equal(r.data.error.code, 'bad_json');
  r = await c.post('/api/v1/login', { json: { username: 7, password: [] } });
  assert.equal(r.status, 400);
  r = await c.post('/api/v1/login', { body: 'x', headers: { 'Content-Type': 'text/plain' } });
  assert.equal(r.status, 415);
});

test('no session: 401 from the API, redirect to log-in from pages', async () => {
  const c = new Client(srv.url);
  let r = await c.get('/api/v1/citizens?q=a');
  assert.equal(r.status, 401);
  assert.equal(r.data.error.code, 'unauthenticated');
  r = await c.get('/borgere');
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/login');
});

test('search by name, address and CPR', async () => {
  const c = new Client(srv.url);
  await c.login('visitator');
  let r = await c.get('/api/v1/citizens?q=herlev');
  assert.equal(r.status, 200);
  assert.ok(r.data.citizens.length > 10);
  const one = r.data.citizens[0];
  r = await c.get(`/api/v1/citizens?q=${encodeURIComponent(one.last_name + ' ' + one.first_name)}`);
  assert.ok(r.data.citizens.some((x) => x.id === one.id));
  r = await c.get(`/api/v1/citizens?q=${encodeURIComponent(one.cpr)}`);
  assert.deepEqual(r.data.citizens.map((x) => x.id), [one.id]);
  r = await c.get(`/api/v1/citizens?q=${encodeURIComponent(one.address.split(' ')[0])}`);
  assert.ok(r.data.citizens.some((x) => x.id === one.id));
  r = await c.get('/api/v1/citizens?q=');
  assert.equal(r.status, 422);
});

test('every read of a record adds exactly one access-log row', async () => {
  const c = new Client(srv.url);
  await c.login('visitator');
  const { id } = await findCitizenOfTeam(c, 'Team Nord');
  const before = (await c.get(`/api/v1/citizens/${id}/access-log`)).data.entries.length;
  let r = await c.get(`/api/v1/citizens/${id}`);
  assert.equal(r.status, 200);
  assert.ok(r.data.rhythm && 'get_up' in r.data.rhythm);
  assert.ok(Array.isArray(r.data.relatives));
  let after = (await c.get(`/api/v1/citizens/${id}/access-log`)).data;
  assert.equal(after.entries.length, before + 1);
  assert.equal(after.entries[0].username, 'visitator');
  assert.equal(after.entries[0].role, 'visitator');
  assert.equal(after.entries[0].action, 'read');
  r = await c.get(`/borgere/${id}`);
  assert.equal(r.status, 200);
  assert.match(r.text, /Hvem har set journalen/);
  after = (await c.get(`/api/v1/citizens/${id}/access-log`)).data;
  assert.equal(after.entries.length, before + 2);
});

test('a care worker in team nord gets 403 for a citizen of team syd, pages and API', async () => {
  const vis = new Client(srv.url);
  await vis.login('visitator');
  const syd = await findCitizenOfTeam(vis, 'Team Syd');
  const nord = await findCitizenOfTeam(vis, 'Team Nord');
  const c = new Client(srv.url);
  await c.login('sosu-nord');
  let r = await c.get(`/api/v1/citizens/${syd.id}`);
  assert.equal(r.status, 403);
  assert.equal(r.data.error.code, 'forbidden');
  r = await c.get(`/borgere/${syd.id}`);
  assert.equal(r.status, 403);
  assert.doesNotMatch(r.text, new RegExp(syd.last_name));
  r = await c.get(`/api/v1/citizens/${nord.id}`);
  assert.equal(r.status, 200);
  // search is limited to the own team
  r = await c.get('/api/v1/citizens?q=herlev');
  assert.ok(r.data.citizens.length > 0);
  assert.ok(r.data.citizens.every((x) => x.team_name === 'Team Nord'));
  // and a care worker cannot change anything
  r = await c.put(`/api/v1/citizens/${nord.id}`, { json: newCitizen({ version: 1 }) });
  assert.equal(r.status, 403);
});

test('admin and manager have no access to citizen records', async () => {
  for (const u of ['admin', 'leder']) {
    const c = new Client(srv.url);
    await c.login(u);
    const r = await c.get('/api/v1/citizens/1');
    assert.equal(r.status, 403, u);
  }
});

test('create, read back, edit with optimistic concurrency', async () => {
  const c = new Client(srv.url);
  await c.login('visitator');
  const body = newCitizen();
  let r = await c.post('/api/v1/citizens', { json: body });
  assert.equal(r.status, 201, r.text);
  const created = r.data;
  assert.equal(created.cpr, body.cpr);
  assert.equal(created.rhythm.get_up, '08:30');
  assert.equal(created.version, 1);
  // the same CPR again: 409
  r = await c.post('/api/v1/citizens', { json: body });
  assert.equal(r.status, 409);
  assert.equal(r.data.error.code, 'cpr_exists');
  // edit
  r = await c.put(`/api/v1/citizens/${created.id}`, { json: { ...body, phone: '22 33 44 55', version: 1 } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.data.phone, '22 33 44 55');
  assert.equal(r.data.version, 2);
  // a stale version: 409, and nothing changes
  r = await c.put(`/api/v1/citizens/${created.id}`, { json: { ...body, phone: '99 99 99 99', version: 1 } });
  assert.equal(r.status, 409);
  r = await c.get(`/api/v1/citizens/${created.id}`);
  assert.equal(r.data.phone, '22 33 44 55');
  // unknown citizen: 404
  r = await c.put('/api/v1/citizens/999999', { json: { ...body, version: 1 } });
  assert.equal(r.status, 404);
  r = await c.get('/api/v1/citizens/999999');
  assert.equal(r.status, 404);
});

test('validation errors are 422 with Danish messages per field; nothing is saved', async () => {
  const c = new Client(srv.url);
  await c.login('visitator');
  const cpr = fictitiousCpr(5, 5, 45);
  let r = await c.post('/api/v1/citizens', {
    json: newCitizen({ cpr: '320245-1234', first_name: '', postcode: 'abc', team_id: 'x', rhythm: { get_up: '25:00' } }),
  });
  assert.equal(r.status, 422);
  assert.equal(r.data.error.code, 'validation');
  const f = r.data.error.fields;
  assert.match(f.cpr, /gyldig fødselsdato/);
  assert.match(f.first_name, /udfyldes/);
  assert.ok(f.postcode && f.team_id && f.get_up);
  r = await c.post('/api/v1/citizens', { json: newCitizen({ cpr, team_id: 9999 }) });
  assert.equal(r.status, 422);
  assert.equal(r.data.error.code, 'invalid_reference');
  r = await c.get(`/api/v1/citizens?q=${cpr}`);
  assert.equal(r.data.citizens.length, 0, 'nothing half-saved');
  r = await c.post('/api/v1/citizens', { json: newCitizen({ first_name: 'a\u0001b' }) });
  assert.equal(r.status, 422);
});

test('bodies over the limit are 413', async () => {
  const c = new Client(srv.url);
  await c.login('visitator');
  const r = await c.post('/api/v1/citizens', { json: newCitizen({ what_matters: 'x'.repeat(300 * 1024) }) });
  assert.equal(r.status, 413);
  assert.equal(r.data.error.code, 'too_large');
});

test('state changes without the CSRF token are refused', async () => {
  const c = new Client(srv.url);
  await c.login('visitator');
  let r = await c.post('/api/v1/citizens', { json: newCitizen(), csrf: false });
  assert.equal(r.status, 403);
  assert.equal(r.data.error.code, 'csrf');
  r = await c.post('/borgere/ny', { form: { cpr: fictitiousCpr(7, 7, 47) }, csrf: false });
  assert.equal(r.status, 403);
  r = await c.post('/logout', { form: {}, csrf: false });
  assert.equal(r.status, 403);
  r = await c.req('POST', '/api/v1/citizens', { json: newCitizen(), headers: { 'X-CSRF-Token': 'forkert' }, csrf: false });
  assert.equal(r.status, 403);
});

test('a state change from another site is refused, even before log-in', async () => {
  const c = new Client(srv.url);
  let r = await c.post('/login', { form: { username: 'visitator', password: 'demo' }, headers: { Origin: 'https://evil.example' } });
  assert.equal(r.status, 403);
  assert.equal(c.cookie, '', 'no session was made');
  r = await c.post('/login', { form: { username: 'visitator', password: 'demo' }, headers: { Origin: srv.url } });
  assert.equal(r.status, 303, 'the own origin is fine');
});

test('relatives: add, change, remove, with consent', async () => {
  const c = new Client(srv.url);
  await c.login('visitator');
  const { id } = (await c.post('/api/v1/citizens', { json: newCitizen({ cpr: fictitiousCpr(9, 9, 39) }) })).data;
  let r = await c.post(`/api/v1/citizens/${id}/relatives`, { json: { name: 'Ida Østergaard', relation: 'datter', phone: '28 28 28 28', consent: true } });
  assert.equal(r.status, 201, r.text);
  const rid = r.data.id;
  r = await c.post(`/api/v1/citizens/${id}/relatives`, { json: { name: '', relation: 'nabo', email: 'x@' } });
  assert.equal(r.status, 422);
  assert.ok(r.data.error.fields.name && r.data.error.fields.email);
  r = await c.put(`/api/v1/citizens/${id}/relatives/${rid}`, { json: { name: 'Ida Østergaard', relation: 'datter', consent: false } });
  assert.equal(r.status, 200);
  r = await c.get(`/api/v1/citizens/${id}`);
  assert.equal(r.data.relatives.length, 1);
  assert.equal(r.data.relatives[0].consent, false);
  r = await c.del(`/api/v1/citizens/${id}/relatives/${rid}`);
  assert.equal(r.status, 200);
  r = await c.del(`/api/v1/citizens/${id}/relatives/${rid}`);
  assert.equal(r.status, 404);
});

test('teams list members with roles, skills and shifts', async () => {
  const c = new Client(srv.url);
  await c.login('sosu-syd');
  const r = await c.get('/api/v1/teams');
  assert.equal(r.status, 200);
  assert.deepEqual(r.data.teams.map((t) => t.slug), ['nord', 'syd', 'oest', 'vest']);
  const nord = r.data.teams[0];
  assert.ok(nord.members.length >= 8, `${nord.members.length} members`);
  const sofie = nord.members.find((m) => m.username === 'sosu-nord');
  assert.ok(sofie.skills.includes('personlig-pleje'));
  assert.equal(sofie.shifts[0].start, '07:00');
});

test('users: only the administrator manages them', async () => {
  const c = new Client(srv.url);
  await c.login('visitator');
  let r = await c.get('/api/v1/users');
  assert.equal(r.status, 403);
  const a = new Client(srv.url);
  await a.login('admin');
  r = await a.post('/api/v1/users', { json: { username: 'ny.bruger', full_name: 'Ny Bruger', role: 'carer', team_id: 2, password: 'kort' } });
  assert.equal(r.status, 422);
  assert.ok(r.data.error.fields.password);
  r = await a.post('/api/v1/users', {
    json: { username: 'ny.bruger', full_name: 'Ny Bruger', role: 'carer', team_id: 2, password: 'en-lang-adgangskode',
      skills: ['praktisk-hjaelp'], shifts: [{ weekday: 1, start: '07:00', end: '15:00' }] },
  });
  assert.equal(r.status, 201, r.text);
  r = await a.post('/api/v1/users', { json: { username: 'ny.bruger', full_name: 'X', role: 'carer', team_id: 2, password: 'en-lang-adgangskode' } });
  assert.equal(r.status, 409);
  const n = new Client(srv.url);
  r = await n.login('ny.bruger', 'en-lang-adgangskode');
  assert.equal(r.status, 200);
  assert.equal(r.data.user.team_id, 2);
});

test('failed log-ins are throttled per user', async () => {
  const c = new Client(srv.url);
  for (let i = 0; i < 5; i++) assert.equal((await c.login('sygeplejerske', 'forkert')).status, 401);
  const r = await c.login('sygeplejerske'); // even the right password is refused now
  assert.equal(r.status, 429);
  assert.equal(r.data.error.code, 'throttled');
  assert.match(r.data.error.message, /15 minutter/);
  // other users are not affected
  assert.equal((await new Client(srv.url).login('planlaegger')).status, 200);
});

test('log-out ends the session', async () => {
  const c = new Client(srv.url);
  await c.login('planlaegger');
  const old = c.cookie;
  let r = await c.post('/api/v1/logout');
  assert.equal(r.status, 200);
  c.cookie = old;
  r = await c.get('/api/v1/me');
  assert.equal(r.status, 401);
});

test('page forms: log in, bad CPR shows the Danish error beside the field', async () => {
  const c = new Client(srv.url);
  let r = await c.post('/login', { form: { username: 'visitator', password: 'demo' } });
  assert.equal(r.status, 303);
  assert.ok(c.cookie);
  r = await c.get('/borgere/ny');
  assert.equal(r.status, 200);
  c.csrf = /name="csrf" value="([^"]+)"/.exec(r.text)[1];
  r = await c.post('/borgere/ny', { form: { csrf: c.csrf, cpr: '310245-1234', first_name: 'Åse', last_name: 'Hansen', address: 'Kirkebakken 1', postcode: '2730', city: 'Herlev', team_id: '1' } });
  assert.equal(r.status, 422);
  assert.match(r.text, /form-error-message" id="f-cpr-error"/);
  assert.match(r.text, /gyldig fødselsdato/);
  assert.match(r.text, /value="Åse"/, 'what was typed is kept');
  const cpr = fictitiousCpr(11, 11, 41);
  r = await c.post('/borgere/ny', { form: { csrf: c.csrf, cpr, first_name: 'Åse', last_name: 'Hansen', address: 'Kirkebakken 1', postcode: '2730', city: 'Herlev', team_id: '1', get_up: '08:30' } });
  assert.equal(r.status, 303);
  assert.match(r.headers.get('location'), /^\/borgere\/\d+$/);
  r = await c.get(r.headers.get('location'));
  assert.match(r.text, /Åse Hansen/);
  assert.match(r.text, /08:30/);
});

test('unknown paths and methods', async () => {
  const c = new Client(srv.url);
  await c.login('visitator');
  assert.equal((await c.get('/findes-ikke')).status, 404);
  assert.equal((await c.get('/api/v1/findes-ikke')).data.error.code, 'not_found');
  assert.equal((await c.del('/api/v1/citizens')).status, 405);
  assert.equal((await c.get('/static/../../etc/passwd')).status, 404);
  assert.equal((await c.get('/static/dkfds/css/dkfds.min.css')).status, 200);
});

test('no CPR number appears in the server log', async () => {
  const log = srv.log();
  assert.ok(log.includes('login: user_id='), 'the log is being captured');
  assert.doesNotMatch(log, /\b\d{6}-?\d{4}\b/);
});
