// Teams and administration pages in a real browser: the users list, the
// new-user form (with errors, then saved), a user's edit page, the teams
// overview and the new-team form. axe-core must find nothing on any page.
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

async function submit(locator) {
  const [res] = await Promise.all([page.waitForNavigation(), locator.click()]);
  return res;
}

const usersTable = () =>
  page.locator('table', { has: page.locator('caption', { hasText: 'Alle brugere' }) });

test('non-administrators get the 403 page for administration', async () => {
  await login(page, 'visitator');
  const menu = page.getByRole('navigation', { name: 'Hovedmenu' });
  assert.equal(await menu.getByRole('link', { name: 'Administration' }).count(), 0,
    'no Administration item for the visitator');
  await visit(page, '/admin/brugere', 403);
  assert.equal((await page.locator('h1').innerText()).trim(), 'Du har ikke adgang');
  await checkA11y(page, '403 on /admin/brugere');
  await logout(page);
});

test('administrator: the users list', async () => {
  await login(page, 'admin');
  assert.equal(new URL(page.url()).pathname, '/admin/brugere');
  const menu = page.getByRole('navigation', { name: 'Hovedmenu' });
  const current = menu.locator('[aria-current="page"]');
  assert.equal((await current.innerText()).trim(), 'Administration');
  const rows = usersTable().locator('tbody tr');
  assert.ok((await rows.count()) > 20, 'the demo municipality has many users');
  const vivi = rows.filter({ hasText: 'Vivi Visitator' });
  assert.equal(await vivi.count(), 1);
  assert.match(await vivi.innerText(), /visitator/);
  await checkA11y(page, 'users list');
});

test('administrator: create a user (first with errors)', async () => {
  await visit(page, '/admin/brugere');
  await submit(page.getByRole('link', { name: 'Opret bruger' }));
  assert.equal(new URL(page.url()).pathname, '/admin/brugere/ny');
  await checkA11y(page, 'new user form');

  await page.getByLabel('Brugernavn').fill('Ikke Gyldig!');
  await page.getByLabel('Adgangskode').fill('kort');
  await page.getByLabel('Tirsdag fra').fill('25:99');
  const bad = await submit(page.getByRole('button', { name: 'Gem' }));
  assert.equal(bad.status(), 422);
  for (const id of ['f-username', 'f-full_name', 'f-role', 'f-password'])
    assert.equal(await page.locator(`#${id}`).getAttribute('aria-invalid'), 'true', id);
  const roleError = page.locator('#f-role-error');
  assert.ok(await roleError.isVisible(), 'the role error is shown beside the select');
  assert.equal(await page.locator('#f-role').getAttribute('aria-describedby'), 'f-role-error');
  assert.match(await page.locator('#f-shifts').innerText(), /TT:MM/);
  assert.equal(await page.getByLabel('Tirsdag fra').inputValue(), '25:99', 'the typed time is kept');
  assert.equal(await page.getByLabel('Tirsdag fra').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByLabel('Mandag fra').getAttribute('aria-invalid'), null);
  assert.equal(await page.getByRole('group', { name: /Faste vagter/ }).getAttribute('aria-describedby'),
    'f-shifts');
  assert.ok(await page.getByRole('alert').isVisible(), 'error summary');
  await checkA11y(page, 'new user form with errors');

  await page.getByLabel('Brugernavn').fill('test.bruger');
  await page.getByLabel('Fulde navn').fill('Tove Testbruger');
  await page.getByLabel('Rolle').selectOption({ index: 1 });
  await page.getByLabel('Team', { exact: true }).selectOption({ label: 'Team Syd' });
  await page.getByLabel('Tirsdag fra').fill('');
  await page.getByLabel('Mandag fra').fill('07:00');
  await page.getByLabel('Mandag til').fill('15:00');
  await page.getByLabel('Adgangskode').fill('en-lang-hemmelig-kode');
  await submit(page.getByRole('button', { name: 'Gem' }));
  assert.equal(new URL(page.url()).pathname, '/admin/brugere');
  const row = usersTable().locator('tbody tr', { hasText: 'Tove Testbruger' });
  assert.equal(await row.count(), 1);
  assert.match(await row.innerText(), /test\.bruger/);
  assert.match(await row.innerText(), /Man 07:00–15:00/);

  await submit(row.getByRole('link', { name: 'Tove Testbruger' }));
  assert.match(new URL(page.url()).pathname, /^\/admin\/brugere\/\d+$/);
  assert.equal((await page.locator('h1').innerText()).trim(), 'Ret bruger');
  assert.equal(await page.getByLabel('Brugernavn').inputValue(), 'test.bruger');
  await checkA11y(page, 'edit user form');
});

test('teams overview and a new team', async () => {
  await visit(page, '/teams');
  const headings = await page.locator('main h2').allInnerTexts();
  for (const t of ['Team Nord', 'Team Syd', 'Team Øst', 'Team Vest'])
    assert.ok(headings.includes(t), `${t} in ${headings}`);
  await checkA11y(page, 'teams overview');

  await submit(page.getByRole('link', { name: 'Ret team Team Nord' }));
  assert.match(new URL(page.url()).pathname, /^\/admin\/teams\/\d+$/);
  assert.equal(await page.getByLabel('Navn', { exact: true }).inputValue(), 'Team Nord');
  await checkA11y(page, 'edit team form');

  await visit(page, '/admin/teams/ny');
  await checkA11y(page, 'new team form');
  const empty = await submit(page.getByRole('button', { name: 'Gem' }));
  assert.equal(empty.status(), 422);
  await checkA11y(page, 'new team form with errors');
  await page.getByLabel('Kortnavn').fill('midt');
  await page.getByLabel('Navn', { exact: true }).fill('Team Midt');
  await page.getByLabel('Kontorets adresse').fill('Herlev Bygade 1, 2730 Herlev');
  await submit(page.getByRole('button', { name: 'Gem' }));
  assert.equal(new URL(page.url()).pathname, '/teams');
  assert.ok((await page.locator('main h2').allInnerTexts()).includes('Team Midt'));
  await checkA11y(page, 'teams overview with new team');
  await logout(page);
  await checkA11y(page, 'log-in page after log-out');
});
