// The sick call at 07:00, in a real browser: the planner plans the day, marks
// a carer absent, the rest of the day is re-planned, the page lists who got a
// new carer, and the moved visit shows on the new carer's route.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, newPage, login, logout, checkA11y, visit,
} from './helpers.mjs';

let server, browser, page, context;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  ({ context, page } = await newPage(browser, server.base));
});

after(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

const day = new Date(Date.now() + 86400000).toISOString().slice(0, 10);

async function submit(button) {
  const [res] = await Promise.all([page.waitForNavigation(), button.click()]);
  return res;
}

test('a sick call re-plans the day and the moved visits appear on another carer\'s route', async () => {
  await login(page, 'planlaegger');
  await visit(page, `/planlaegning?dato=${day}&team=1`);
  await submit(page.getByRole('button', { name: 'Planlæg dagen' }));
  // the carer with most visits is the one who calls in sick
  const plan = await (await page.request.get(`/api/v1/plan?date=${day}&team=1`)).json();
  const count = new Map();
  for (const v of plan.visits) if (v.carers[0]) count.set(v.carers[0].name, (count.get(v.carers[0].name) || 0) + 1);
  const [sick] = [...count].sort((a, b) => b[1] - a[1])[0];
  await page.getByLabel('Fraværende medarbejder').selectOption({ label: sick });
  await page.getByLabel('Fraværende fra (TT:MM)').fill('07:00');
  await page.getByLabel('Årsag (valgfri)').fill('Syg');
  await submit(page.getByRole('button', { name: 'Meld fraværende og planlæg resten af dagen' }));
  await page.getByText(`${sick} er fraværende fra kl. 07:00`).waitFor();
  const table = page.locator('table', { has: page.locator('caption', { hasText: 'Borgere, der har fået en ny medarbejder' }) });
  const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) =>
    [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())));
  assert.ok(rows.length > 0, 'somebody got a new carer');
  for (const [, , before] of rows) assert.equal(before, sick);
  await checkA11y(page, 'after the sick call');
  const moved = rows.find((r) => !r[3].startsWith('Ikke planlagt'));
  assert.ok(moved, 'at least one visit found a new carer');
  const [, citizen, , newCarer] = moved;
  assert.notEqual(newCarer, sick);
  const teams = await (await page.request.get('/api/v1/teams')).json();
  const carer = teams.teams.flatMap((t) => t.members).find((m) => m.full_name === newCarer);
  await logout(page);
  await login(page, carer.username);
  await visit(page, `/rute?dato=${day}`);
  await page.locator('li.omsorg-stop', { hasText: citizen }).first().waitFor();
  await checkA11y(page, 'the new carer\'s route');
  await logout(page);
});
