// The carer's phone at 360 px: from the route to the visit page, check in,
// document a change and a weight 1.2 kg below the last, check out; a form
// sent while offline waits with a visible state and is sent when the
// connection is back; the nutrition task appears for the team; the nurse
// sets triage yellow from the reported change and it shows on the board
// with a due time. axe-core on every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, login, logout, checkA11y, visit } from './helpers.mjs';
import { Client } from '../integration/helpers.mjs';

let server, browser, page, context, carerName, v, api;
const today = new Date().toISOString().slice(0, 10);
const daysAgo = (n) => new Date(Date.now() - n * 86400000).toISOString().slice(0, 10);

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  ({ context, page } = await newPage(browser, server.base, { viewport: { width: 360, height: 740 } }));
  // plan today for team 1 and pick a visit of a care worker
  const planner = new Client(server.base);
  await planner.login('planlaegger');
  const r = await planner.post('/api/v1/plan', { json: { date: today, team: 1, time_limit: 1 } });
  assert.equal(r.status, 200, r.text);
  const visits = (await planner.get(`/api/v1/plan?date=${today}&team=1`)).data.visits;
  const members = (await planner.get('/api/v1/teams')).data.teams.flatMap((t) => t.members);
  v = visits.find((x) => x.carers.length === 1 && members.find((m) => m.id === x.carers[0].id).role === 'carer');
  carerName = members.find((m) => m.id === v.carers[0].id).username;
  api = new Client(server.base);
  await api.login(carerName);
  const w = await api.post(`/api/v1/citizens/${v.citizen_id}/weights`, { json: { kg: '70,0', date: daysAgo(20) } });
  assert.equal(w.status, 201, w.text);
});

after(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

/** Nothing sticks out to the right of the 360 px window. */
async function fits() {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `the page is ${width} px wide`);
}

test('from the route to the visit: check in, document, check out', async () => {
  await login(page, carerName);
  await visit(page, `/rute?dato=${today}`);
  await checkA11y(page, 'route');
  await Promise.all([page.waitForNavigation(), page.locator(`a[href="/besoeg/${v.id}"]`).click()]);
  await checkA11y(page, 'visit page');
  await fits();
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Tjek ind' }).click()]);
  await page.getByText(/Tjekket ind kl\. \d\d:\d\d/).waitFor();
  await page.getByLabel('Ja, gennemført').check();
  await page.getByLabel('Kort note').fill('Spiste kun lidt.');
  await page.getByLabel('Spise og drikke').check();
  await page.getByLabel('Hvad har du set?').fill('Spiser under halvdelen af maden.');
  await page.getByLabel('Vægt i kg').fill('68,8');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Gem dokumentation' }).click()]);
  await page.getByText('Gemt.').waitFor();
  await checkA11y(page, 'visit page after saving');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Tjek ud' }).click()]);
  await page.getByText(/tjekket ud kl\. \d\d:\d\d/).waitFor();
  const doc = (await api.get(`/api/v1/visits/${v.id}/documentation`)).data;
  assert.equal(doc.outcome, 'done');
  assert.ok(doc.checkin_at && doc.checkout_at);
});

test('offline: the form waits with a visible state and is sent when the connection is back', async () => {
  await page.getByLabel('Kort note').fill('Skrevet uden net.');
  await context.setOffline(true);
  await page.getByRole('button', { name: 'Gem dokumentation' }).click();
  await page.getByText('Ikke sendt – sendes, når der er forbindelse igen').waitFor();
  // back online: the queue is sent and the page reloads
  await Promise.all([page.waitForNavigation(), context.setOffline(false)]);
  await page.getByText('Gemt.').waitFor();
  page.problems.splice(0); // the failed request while offline was expected
  const doc = (await api.get(`/api/v1/visits/${v.id}/documentation`)).data;
  assert.equal(doc.note, 'Skrevet uden net.');
});

test('the nutrition task appears for the team', async () => {
  await visit(page, '/opgaver');
  await page.getByText('Ernæringsvurdering efter vægttab').first().waitFor();
  await checkA11y(page, 'tasks');
  await visit(page, `/borgere/${v.citizen_id}`);
  await page.getByText('Uplanlagt vægttab: 1,2 kg.').waitFor();
  await checkA11y(page, 'record with observations');
  await logout(page);
});

test('the nurse sets triage yellow from the change; the board shows it with a due time', async () => {
  await login(page, 'sygeplejerske');
  await visit(page, '/tavle');
  await page.getByText('Foreslået: Gul').first().waitFor();
  await checkA11y(page, 'board with a proposal');
  await visit(page, `/borgere/${v.citizen_id}/triage`);
  await checkA11y(page, 'triage');
  await page.getByLabel(/^Gul/).check();
  await page.getByLabel('Aftalt handling').fill('Kostskema i tre dage.');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Gem triage' }).click()]);
  assert.match(page.url(), /\/tavle/);
  await page.getByText('Kostskema i tre dage.').waitFor();
  await page.getByText(/Frist \d\d\.\d\d\.\d{4} kl\. \d\d:\d\d/).first().waitFor();
  await checkA11y(page, 'board');
  await fits();
  await visit(page, `/borgere/${v.citizen_id}/ernaering`);
  await checkA11y(page, 'nutrition');
});
