// Integration: preventive home visits — the year's list from the rules, the
// invitation letter, booking and outcome, the særlig-risiko marker, the
// administrator's settings changing the list, access and validation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, fictitiousCpr } from './helpers.mjs';

let srv, vis, planner, carer, admin, visId;
const year = new Date().getFullYear();
const iso = (d) => d.toISOString().slice(0, 10);
const inDays = (n) => iso(new Date(Date.now() + n * 86400000));
const yy = (age) => (year - age) % 100;

before(async () => {
  srv = await startServer({ citizens: 60 });
  vis = new Client(srv.url);
  visId = (await vis.login('visitator')).data.user.id;
  planner = new Client(srv.url);
  await planner.login('planlaegger');
  carer = new Client(srv.url);
  await carer.login('sosu-nord');
  admin = new Client(srv.url);
  await admin.login('admin');
});
after(async () => {
  const code = await srv.stop();
  assert.equal(code, 0, `the server exits cleanly (sanitizers quiet):\n${srv.log().slice(-2000)}`);
});

// A new citizen of the given age this year (born 14 May).
async function newCitizen(age, over = {}) {
  const r = await vis.post('/api/v1/citizens', { json: {
    cpr: fictitiousCpr(14, 5, yy(age), 2000 + age * 7), first_name: 'Grethe', last_name: `Test${age}`,
    address: 'Ellebækvej 9', postcode: '2730', city: 'Herlev', team_id: 1, ...over } });
  assert.equal(r.status, 201, r.text);
  return r.data.id;
}

const list = async (c = vis, q = '') => c.get(`/api/v1/prevention?year=${year}${q}`);
const entry = (l, id) => l.data.citizens.find((x) => x.citizen_id === id);

test('the demo gives a realistic list: rules, statuses, and those left out for full help', async () => {
  const r = await list();
  assert.equal(r.status, 200, r.text);
  assert.equal(r.data.year, year);
  assert.ok(r.data.count > 5, `count ${r.data.count}`);
  assert.equal(r.data.settings.lives_alone_age, 70);
  assert.deepEqual(r.data.settings.ages, [75, 80]);
  const statuses = new Set(r.data.citizens.map((c) => c.status));
  assert.ok(statuses.has('not_invited') && statuses.size >= 3, [...statuses].join());
  for (const c of r.data.citizens) {
    assert.ok(['every_year', 'age', 'lives_alone', 'risk'].includes(c.rule), c.rule);
    assert.ok(c.rules.includes(c.rule));
    if (c.rule === 'every_year') assert.ok(c.age >= 82);
    if (c.rule === 'age') assert.ok([75, 80].includes(c.age));
    if (c.rule === 'lives_alone') assert.ok(c.lives_alone && c.age === 70);
    if (c.rule === 'risk') assert.ok(c.risk && c.age >= 65 && c.age <= 81);
    assert.ok(!('cpr' in c), 'the list does not carry CPR numbers');
  }
  const held = await list(vis, '&status=held');
  assert.ok(held.data.citizens.every((c) => c.status === 'held' && c.visit.booked_date));
  const team = await list(vis, '&team=2');
  assert.ok(team.data.citizens.every((c) => c.team_id === 2));
});

test('care workers, managers and administrators get 403; bad filters get 422', async () => {
  for (const c of [carer, admin]) {
    const r = await list(c);
    assert.equal(r.status, 403);
    assert.equal(r.data.error.code, 'forbidden');
  }
  const leder = new Client(srv.url);
  await leder.login('leder');
  assert.equal((await list(leder)).status, 403);
  const some = (await list()).data.citizens[0].citizen_id;
  assert.equal((await carer.get(`/api/v1/prevention/${some}?year=${year}`)).status, 403);
  assert.equal((await carer.post(`/api/v1/prevention/${some}/invite`, { json: { year, date: inDays(20), time: '10:00' } })).status, 403);
  assert.equal((await carer.put('/api/v1/prevention/settings', { json: { ages: [75] } })).status, 403);
  assert.equal((await carer.get('/api/v1/prevention/settings')).status, 403);
  assert.equal((await carer.get('/forebyggelse')).status, 403);
  let r = await vis.get('/api/v1/prevention?year=19');
  assert.equal(r.status, 422);
  assert.ok(r.data.error.fields.year);
  r = await vis.get(`/api/v1/prevention?year=${year}&status=maybe&rule=x`);
  assert.equal(r.status, 422);
  assert.ok(r.data.error.fields.status && r.data.error.fields.rule);
  assert.equal((await planner.get(`/api/v1/prevention/999999?year=${year}`)).status, 404);
});

let c75;
test('a citizen who turns 75 is listed as not invited; one who turns 73 is not listed', async () => {
  c75 = await newCitizen(75);
  const c73 = await newCitizen(73);
  const r = await list();
  const e = entry(r, c75);
  assert.ok(e, 'turns 75: on the list');
  assert.equal(e.rule, 'age');
  assert.equal(e.age, 75);
  assert.equal(e.status, 'not_invited');
  assert.equal(e.due_from, `${year}-01-01`);
  assert.equal(entry(r, c73), undefined);
  const one = await vis.get(`/api/v1/prevention/${c73}?year=${year}`);
  assert.equal(one.status, 200);
  assert.equal(one.data.listed, false);
  const inv = await vis.post(`/api/v1/prevention/${c73}/invite`, { json: { year, date: inDays(20), time: '10:00' } });
  assert.equal(inv.status, 422);
  assert.equal(inv.data.error.code, 'not_eligible');
});

test('invite with validation, the letter in plain Danish (LIX ≤ 35), and the audit rows', async () => {
  const url = `/api/v1/prevention/${c75}`;
  let r = await vis.post(`${url}/invite`, { json: { year, date: '2020-01-01', time: '25:00' } });
  assert.equal(r.status, 422);
  assert.ok(r.data.error.fields.date && r.data.error.fields.time, JSON.stringify(r.data));
  r = await vis.post(`${url}/invite`, { json: { year, time: '10:00', staff_id: 'x' } });
  assert.equal(r.status, 422);
  assert.ok(r.data.error.fields.date && r.data.error.fields.staff_id);
  r = await vis.post(`${url}/invite`, { json: { year, date: inDays(21), time: '10:30' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.data.status, 'invited');
  assert.equal(r.data.visit.proposed_date, inDays(21));
  assert.equal(r.data.visit.proposed_time, '10:30');
  r = await vis.get(`${url}/letter?year=${year}`);
  assert.equal(r.status, 200);
  assert.ok(r.data.lix > 0 && r.data.lix <= 35, `LIX ${r.data.lix}`);
  assert.equal(r.data.proposal_only, false);
  assert.match(r.data.text, /Kære Grethe Test75/);
  assert.match(r.data.text, /forebyggende hjemmebesøg/);
  assert.match(r.data.text, /frivilligt/);
  assert.match(r.data.text, /kl\. 10\.30/);
  assert.match(r.data.text, /nej tak/);
  assert.match(r.data.text, /44 52 70 00/);
  const page = await vis.get(`/forebyggelse/${c75}/brev?aar=${year}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Brevets LIX er \d+/);
  assert.match(page.text, /omsorg-letter/);
  // opening one citizen writes one read row; the invitation a prevention row
  const log = async () => (await vis.get(`/api/v1/citizens/${c75}/access-log`)).data.entries;
  const before = await log();
  assert.ok(before.some((x) => x.action === 'prevention' && x.username === 'visitator'));
  assert.equal((await planner.get(`${url}?year=${year}`)).status, 200);
  const later = await log();
  assert.equal(later.length, before.length + 1);
  assert.equal(later[0].action, 'read');
  assert.equal(later[0].username, 'planlaegger');
  // the list itself writes no row per citizen
  assert.equal((await list(planner)).status, 200);
  assert.equal((await log()).length, later.length);
});

test('outcome and booking follow the visit\'s states; a referral needs to say what', async () => {
  const url = `/api/v1/prevention/${c75}`;
  let r = await vis.post(`${url}/outcome`, { json: { year, outcome: 'held' } });
  assert.equal(r.status, 409, 'not held before it is accepted or booked');
  assert.equal(r.data.error.code, 'bad_transition');
  r = await vis.post(`${url}/outcome`, { json: { year, outcome: 'perhaps' } });
  assert.equal(r.status, 422);
  assert.ok(r.data.error.fields.outcome);
  r = await planner.post(`${url}/outcome`, { json: { year, outcome: 'accepted', note: 'Ringede og sagde ja.' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.data.status, 'accepted');
  r = await planner.post(`${url}/book`, { json: { year, date: inDays(10), time: '13:00' } });
  assert.equal(r.status, 422);
  assert.ok(r.data.error.fields.staff_id);
  r = await planner.post(`${url}/book`, { json: { year, date: inDays(10), time: '13:00', staff_id: visId } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.data.status, 'booked');
  assert.equal(r.data.visit.booked_date, inDays(10));
  assert.equal(r.data.visit.staff_name, 'Vivi Visitator');
  r = await vis.post(`${url}/outcome`, { json: { year, outcome: 'referral' } });
  assert.equal(r.status, 422);
  assert.ok(r.data.error.fields.referral);
  r = await vis.post(`${url}/outcome`, { json: { year, outcome: 'referral', version: 1, referral: 'Træningshold' } });
  assert.equal(r.status, 409, 'a stale version is refused');
  assert.equal(r.data.error.code, 'conflict');
  r = await vis.post(`${url}/outcome`, { json: { year, outcome: 'referral', referral: 'Træningshold i Seniorcentret' } });
  assert.equal(r.status, 200);
  assert.equal(r.data.status, 'referred');
  assert.equal(r.data.visit.referral, 'Træningshold i Seniorcentret');
  const e = entry(await list(vis, '&status=referred'), c75);
  assert.equal(e.visit.booked_time, '13:00');
  r = await vis.post(`${url}/invite`, { json: { year, date: inDays(20), time: '10:00' } });
  assert.equal(r.status, 409, 'a held visit is not invited again');
});

test('a særlig-risiko marker puts a 68-year-old on the list; clearing it takes them off', async () => {
  const id = await newCitizen(68);
  assert.equal(entry(await list(), id), undefined);
  let r = await vis.put(`/api/v1/prevention/${id}/risk`, { json: { reason: '', since: inDays(3) } });
  assert.equal(r.status, 422);
  assert.ok(r.data.error.fields.reason && r.data.error.fields.since);
  r = await vis.put(`/api/v1/prevention/${id}/risk`, { json: { reason: 'Mistede sin mand for nylig.', since: inDays(-10) } });
  assert.equal(r.status, 200, r.text);
  let e = entry(await list(), id);
  assert.ok(e);
  assert.equal(e.rule, 'risk');
  assert.equal(e.risk.reason, 'Mistede sin mand for nylig.');
  assert.equal((await carer.del(`/api/v1/prevention/${id}/risk`)).status, 403);
  r = await vis.del(`/api/v1/prevention/${id}/risk`);
  assert.equal(r.status, 200);
  assert.equal(entry(await list(), id), undefined);
});

test('the administrator changes the rules and the list follows; bad settings get 422', async () => {
  let r = await planner.get('/api/v1/prevention/settings');
  assert.equal(r.status, 200);
  const version = r.data.version;
  assert.equal((await vis.put('/api/v1/prevention/settings', { json: { ages: [75, 80, 73] } })).status, 403);
  r = await admin.put('/api/v1/prevention/settings', { json: { risk_from: 80, risk_to: 70, year_mode: 'weekly', ages: [75, 75], phone: 'x' } });
  assert.equal(r.status, 422);
  const f = r.data.error.fields;
  assert.ok(f.risk_to && f.year_mode && f.ages && f.phone, JSON.stringify(f));
  r = await admin.put('/api/v1/prevention/settings', { json: { ages: [75, 80, 73], version } });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.data.ages, [75, 80, 73]);
  assert.equal(r.data.version, version + 1);
  r = await admin.put('/api/v1/prevention/settings', { json: { ages: [75, 80], version } });
  assert.equal(r.status, 409, 'a stale version is refused');
  const c73 = (await list()).data.citizens.find((c) => c.last_name === 'Test73');
  assert.ok(c73, 'turns 73: now on the list');
  assert.equal(c73.rule, 'age');
  // exclusion: switching it off brings back those with full help
  const withExclusion = (await list()).data;
  r = await admin.put('/api/v1/prevention/settings', { json: { exclude_full_help: false } });
  assert.equal(r.status, 200);
  const without = (await list()).data;
  assert.equal(without.excluded, 0);
  assert.equal(without.total, withExclusion.total + withExclusion.excluded);
  // birthday-year mode: the window runs from birthday to birthday
  r = await admin.put('/api/v1/prevention/settings', { json: { year_mode: 'birthday', ages: [75, 80], exclude_full_help: true } });
  assert.equal(r.status, 200);
  const e = entry(await list(), c75);
  assert.equal(e.due_from, `${year}-05-14`);
  assert.equal(e.due_to, `${year + 1}-05-13`);
  r = await admin.put('/api/v1/prevention/settings', { json: { year_mode: 'calendar' } });
  assert.equal(r.status, 200);
});

test('pages: the list, a citizen, a form post, the settings page; no CPR in the log', async () => {
  const web = new Client(srv.url);
  let r = await web.post('/login', { form: { username: 'planlaegger', password: 'demo' } });
  assert.equal(r.status, 303);
  r = await web.get(`/forebyggelse?aar=${year}`);
  assert.equal(r.status, 200);
  assert.match(r.text, /Forebyggende hjemmebesøg \d{4}/);
  assert.match(r.text, /Grethe/);
  const csrf = /name="csrf" value="([^"]+)"/.exec(r.text)[1];
  assert.equal((await web.get('/forebyggelse?aar=tjuefem')).status, 400);
  const id = await newCitizen(80, { first_name: 'Knud' });
  r = await web.get(`/forebyggelse/${id}?aar=${year}`);
  assert.equal(r.status, 200);
  assert.match(r.text, /Send en invitation/);
  r = await web.post(`/forebyggelse/${id}/inviter`, { form: { csrf, aar: String(year), 'inv-date': 'i morgen', 'inv-time': '10:00' } });
  assert.equal(r.status, 422);
  assert.match(r.text, /Skriv datoen som/);
  r = await web.post(`/forebyggelse/${id}/inviter`, { form: { csrf, aar: String(year), 'inv-date': inDays(22), 'inv-time': '11:00' } });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), `/forebyggelse/${id}?aar=${year}`);
  r = await web.post(`/forebyggelse/${id}/risiko`, { form: { csrf, aar: String(year), handling: 'gem', 'risk-reason': 'Faldt i haven.', 'risk-since': inDays(-1) } });
  assert.equal(r.status, 303);
  r = await web.get(`/forebyggelse/${id}?aar=${year}`);
  assert.match(r.text, /Inviteret/);
  assert.match(r.text, /Faldt i haven\./);
  assert.equal((await web.get('/admin/forebyggelse')).status, 403);
  const adm = new Client(srv.url);
  r = await adm.post('/login', { form: { username: 'admin', password: 'demo' } });
  r = await adm.get('/admin/forebyggelse');
  assert.equal(r.status, 200);
  assert.match(r.text, /Gem reglerne/);
  const acsrf = /name="csrf" value="([^"]+)"/.exec(r.text)[1];
  const fields = { csrf: acsrf, municipality: 'Herlev Kommune', phone: '44 52 70 00', year_mode: 'calendar', lives_alone_age: '70', ages: '75,80', every_year_from: '82', risk_from: '65', risk_to: '81', exclude_full_help: '1' };
  r = await adm.post('/admin/forebyggelse', { form: { ...fields, ages: '75,x' } });
  assert.equal(r.status, 422);
  r = await adm.post('/admin/forebyggelse', { form: fields });
  assert.equal(r.status, 303);
  assert.doesNotMatch(srv.log(), /\b\d{6}-?\d{4}\b/);
});
