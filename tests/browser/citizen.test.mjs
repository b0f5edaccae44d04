// Citizen pages in a real browser: search, the record, edit (with a bad
// CPR), create, relatives, and the 403 page for another team's citizen.
// axe-core runs on every page visited and must find nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, newPage, login, logout, checkA11y, visit,
} from './helpers.mjs';

let server, browser, page, context;
const shots = process.env.OMSORG_SCREENSHOTS || '/tmp';

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

/** Submit the form containing `button` and wait for the next page. */
async function submit(button) {
  const [res] = await Promise.all([page.waitForNavigation(), button.click()]);
  return res;
}

/** Rows of the search result table as {name, href, cpr, team}. */
async function resultRows() {
  return page.$$eval('table tbody tr', (trs) => trs.map((tr) => {
    const a = tr.querySelector('td a');
    const td = tr.querySelectorAll('td');
    return { name: a.textContent.trim(), href: a.getAttribute('href'),
             cpr: td[1].textContent.trim(), team: td[3].textContent.trim() };
  }));
}

/** Search through the form on /borgere. */
async function search(q) {
  await visit(page, '/borgere');
  await page.getByLabel('Søg efter navn, CPR-nummer eller adresse').fill(q);
  await submit(page.getByRole('button', { name: 'Søg', exact: true }));
  assert.equal(new URL(page.url()).searchParams.get('q'), q);
}

/** The value shown for a <dt> label in the record's description lists. */
async function recordField(label) {
  return page.locator('dl.omsorg-dl dt', { hasText: new RegExp(`^${label}$`) })
    .locator('xpath=following-sibling::dd[1]').innerText();
}

/** The access log ("Hvem har set journalen") as [{who, action}]. */
async function accessLog() {
  const table = page.locator('table', { has: page.locator('caption', { hasText: 'Adgangslog' }) });
  return table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => {
    const td = tr.querySelectorAll('td');
    return { who: td[1].textContent.trim(), action: td[3].textContent.trim() };
  }));
}

let citizen; // {name, href, cpr, team} chosen by the search test

test('log-in page, failed log-in and log-in as visitator', async () => {
  await visit(page, '/login');
  await checkA11y(page, 'log-in page');
  await page.getByLabel('Brugernavn').fill('visitator');
  await page.getByLabel('Adgangskode').fill('forkert-kode');
  const res = await submit(page.getByRole('button', { name: 'Log ind' }));
  assert.ok(res.status() >= 400, `failed log-in answered ${res.status()}`);
  await assert.doesNotReject(page.getByRole('alert').waitFor());
  assert.equal(await page.getByLabel('Brugernavn').inputValue(), 'visitator');
  await checkA11y(page, 'failed log-in');
  await login(page, 'visitator');
  assert.equal(new URL(page.url()).pathname, '/borgere');
  await checkA11y(page, 'search page (empty)');
});

test('search for a citizen by name', async () => {
  await search('sen'); // a broad query: many Danish surnames end in -sen
  const broad = await resultRows();
  assert.ok(broad.length >= 2, `expected several hits for "sen", got ${broad.length}`);
  await checkA11y(page, 'search results');
  citizen = broad[0];
  await search(citizen.name);
  const rows = await resultRows();
  assert.ok(rows.length >= 1 && rows.length < broad.length,
    `searching for "${citizen.name}" should narrow the list (${rows.length} of ${broad.length})`);
  for (const r of rows)
    assert.match(r.name, new RegExp(citizen.name.split(' ').at(-1)), `unexpected hit ${r.name}`);
  assert.ok(rows.some((r) => r.href === citizen.href), 'the citizen is among the hits');
  await page.screenshot({ path: `${shots}/omsorg-search.png`, fullPage: true });
  await checkA11y(page, 'search by name');

  await search('zzqqxx-ingen');
  await assert.doesNotReject(page.getByText('Ingen borgere matcher søgningen.').waitFor());
  await checkA11y(page, 'search without hits');
});

test('open the record: what matters and the access log', async () => {
  await search(citizen.name);
  await submit(page.getByRole('link', { name: citizen.name }).first());
  assert.equal(new URL(page.url()).pathname, citizen.href);
  assert.equal((await page.locator('h1').innerText()).trim(), citizen.name);
  const matters = page.getByRole('region', { name: 'Hvad er vigtigt for dig?' });
  assert.ok(await matters.isVisible(), '"Hvad er vigtigt for dig?" is shown');
  assert.ok((await matters.locator('.omsorg-quote').innerText()).trim().length > 0);
  assert.match(await page.locator('.omsorg-lead').innerText(), new RegExp(citizen.cpr));
  const log = await accessLog();
  assert.ok(log.some((e) => e.who === 'Vivi Visitator' && e.action === 'Læste journalen'),
    `the access log lists this visit: ${JSON.stringify(log)}`);
  await page.screenshot({ path: `${shots}/omsorg-record.png`, fullPage: true });
  await checkA11y(page, 'citizen record');
});

test('edit the record: change the phone number', async () => {
  await visit(page, citizen.href);
  await submit(page.getByRole('link', { name: 'Ret oplysninger' }));
  assert.equal(new URL(page.url()).pathname, `${citizen.href}/rediger`);
  await checkA11y(page, 'edit form');
  const phone = page.getByLabel('Telefon');
  assert.notEqual(await phone.inputValue(), '12 34 56 78');
  await phone.fill('12 34 56 78');
  await submit(page.getByRole('button', { name: 'Gem' }));
  assert.equal(new URL(page.url()).pathname, citizen.href);
  assert.equal(await recordField('Telefon'), '12 34 56 78');
  const log = await accessLog();
  assert.ok(log.some((e) => e.action === 'Ændrede oplysninger'), 'the change is logged');
  await checkA11y(page, 'record after edit');
});

test('edit the record: a bad CPR is refused beside the field and nothing is saved', async () => {
  await visit(page, `${citizen.href}/rediger`);
  await page.getByLabel('CPR-nummer').fill('320245-1234');
  await page.getByLabel('Telefon').fill('87 65 43 21');
  const res = await submit(page.getByRole('button', { name: 'Gem' }));
  assert.equal(res.status(), 422);
  const cpr = page.locator('#f-cpr');
  assert.equal(await cpr.inputValue(), '320245-1234', 'the typed CPR is kept');
  assert.equal(await cpr.getAttribute('aria-invalid'), 'true');
  const group = page.locator('.form-group', { has: cpr });
  assert.match(await group.getAttribute('class'), /form-error/);
  const message = group.locator('.form-error-message');
  assert.ok(await message.isVisible(), 'error message beside the CPR field');
  assert.match(await message.innerText(), /CPR-nummeret indeholder ikke en gyldig fødselsdato/);
  const described = (await cpr.getAttribute('aria-describedby')).split(/\s+/);
  assert.ok(described.includes(await message.getAttribute('id')),
    'the CPR input is described by its error message');
  // The error summary links to the field.
  const summary = page.getByRole('alert');
  assert.match(await summary.innerText(), /Ret fejlene/);
  assert.equal(await summary.locator('a[href="#f-cpr"]').count(), 1);
  assert.equal(await page.locator('.form-error-message').count(), 1, 'only the CPR is wrong');
  await checkA11y(page, 'edit form with bad CPR');
  // The summary has focus (DKFDS error-summary), and its link takes focus to the field.
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('role')), 'alert',
    'the error summary is focused after a failed save');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('href')), '#f-cpr');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-cpr',
    'following the summary link focuses the CPR input');

  await visit(page, citizen.href);
  assert.equal(await recordField('Telefon'), '12 34 56 78', 'nothing was saved');
  assert.match(await page.locator('.omsorg-lead').innerText(), new RegExp(citizen.cpr));
});

async function fillNewCitizen(cpr) {
  await page.getByLabel('CPR-nummer').fill(cpr);
  await page.getByLabel('Fornavn').fill('Gudrun');
  await page.getByLabel('Efternavn').fill('Testesen');
  await page.getByLabel('Adresse', { exact: true }).fill('Herlev Ringvej 1');
  await page.getByLabel('Postnummer').fill('2730');
  await page.getByLabel('By', { exact: true }).fill('Herlev');
  await page.getByLabel('Telefon').fill('44 44 44 44');
  await page.getByLabel('Bor alene').check();
  await page.getByLabel('Fast team').selectOption({ label: 'Team Nord' });
  await page.getByLabel('Med borgerens egne ord').fill('At jeg kan gå tur med hunden hver dag.');
  await page.getByLabel('Står op').fill('07:30');
}

test('create a new citizen (first with an empty form)', async () => {
  await visit(page, '/borgere');
  await submit(page.getByRole('link', { name: 'Opret borger' }));
  assert.equal(new URL(page.url()).pathname, '/borgere/ny');
  await checkA11y(page, 'create form');

  const empty = await submit(page.getByRole('button', { name: 'Gem' }));
  assert.equal(empty.status(), 422);
  for (const id of ['f-cpr', 'f-first_name', 'f-last_name', 'f-address', 'f-team_id'])
    assert.equal(await page.locator(`#${id}`).getAttribute('aria-invalid'), 'true', id);
  await checkA11y(page, 'create form with errors');

  await fillNewCitizen('150338-4321');
  await submit(page.getByRole('button', { name: 'Gem' }));
  assert.match(new URL(page.url()).pathname, /^\/borgere\/\d+$/);
  assert.equal((await page.locator('h1').innerText()).trim(), 'Gudrun Testesen');
  assert.match(await page.locator('.omsorg-quote').innerText(), /gå tur med hunden/);
  assert.equal(await recordField('Står op'), '07:30');
  assert.equal(await recordField('Fast team'), 'Team Nord');
  assert.ok((await accessLog()).some((e) => e.action === 'Oprettede borgeren'));
  await checkA11y(page, 'new citizen record');

  // The same CPR cannot be used twice.
  await visit(page, '/borgere/ny');
  await fillNewCitizen('1503384321');
  const dup = await submit(page.getByRole('button', { name: 'Gem' }));
  assert.equal(dup.status(), 422);
  assert.match(await page.locator('.form-group', { has: page.locator('#f-cpr') }).innerText(),
    /Der findes allerede en borger med dette CPR-nummer/);
  await checkA11y(page, 'create form with duplicate CPR');
});

test('add a relative', async () => {
  await visit(page, citizen.href);
  await submit(page.getByRole('link', { name: 'Tilføj pårørende eller netværk' }));
  assert.equal(new URL(page.url()).pathname, `${citizen.href}/paaroerende/ny`);
  await checkA11y(page, 'relative form');

  await page.getByLabel('Navn').fill('Karen Prøvesen');
  await page.getByLabel('E-mail').fill('ikke-en-adresse');
  const bad = await submit(page.getByRole('button', { name: 'Gem' }));
  assert.equal(bad.status(), 422);
  assert.equal(await page.locator('#f-email').getAttribute('aria-invalid'), 'true');
  await checkA11y(page, 'relative form with errors');

  await page.getByLabel('Navn').fill('Karen Prøvesen');
  await page.getByLabel('Relation').fill('niece');
  await page.getByLabel('Telefon').fill('22 33 44 55');
  await page.getByLabel('E-mail').fill('karen@eksempel.dk');
  await page.getByLabel('Borgeren giver samtykke til, at personen inddrages').check();
  await submit(page.getByRole('button', { name: 'Gem' }));
  assert.equal(new URL(page.url()).pathname, citizen.href);
  const table = page.locator('table', { has: page.locator('caption', { hasText: 'Pårørende' }) });
  const row = table.locator('tbody tr', { hasText: 'Karen Prøvesen' });
  assert.equal(await row.count(), 1);
  const cells = await row.locator('td').allInnerTexts();
  assert.deepEqual(cells.slice(0, 5).map((s) => s.trim()),
    ['Karen Prøvesen', 'niece', '22 33 44 55', 'karen@eksempel.dk', 'Ja']);
  assert.ok((await accessLog()).some((e) => e.action === 'Ændrede pårørende'));
  await checkA11y(page, 'record with new relative');

  // Its edit page is reachable from the table.
  await submit(row.getByRole('link', { name: /Ret/ }));
  assert.match(new URL(page.url()).pathname, /\/paaroerende\/\d+$/);
  assert.equal(await page.getByLabel('Navn').inputValue(), 'Karen Prøvesen');
  await checkA11y(page, 'relative edit form');
});

test('sosu-nord gets the 403 page for another team\'s citizen', async () => {
  // As visitator (all teams): a citizen outside Team Nord.
  await search('sen');
  const other = (await resultRows()).find((r) => r.team !== 'Team Nord');
  assert.ok(other, 'a citizen outside Team Nord');
  await visit(page, '/borgere/999999', 404);
  assert.equal((await page.locator('h1').innerText()).trim(), 'Siden findes ikke');
  await checkA11y(page, '404 page');
  await logout(page);

  await login(page, 'sosu-nord');
  assert.equal(new URL(page.url()).pathname, '/borgere');
  await search('sen');
  const own = await resultRows();
  assert.ok(own.length > 0 && own.every((r) => r.team === 'Team Nord'),
    `sosu-nord only finds Team Nord: ${[...new Set(own.map((r) => r.team))]}`);
  assert.ok(!own.some((r) => r.href === other.href));
  await checkA11y(page, 'team-scoped search');

  await visit(page, other.href, 403);
  assert.equal((await page.locator('h1').innerText()).trim(), 'Du har ikke adgang');
  assert.ok(await page.getByRole('alert').isVisible());
  assert.doesNotMatch(await page.locator('main').innerText(), new RegExp(other.cpr),
    'the 403 page does not leak the CPR');
  await checkA11y(page, '403 page');

  await visit(page, `${other.href}/rediger`, 403);
  await checkA11y(page, '403 page (edit)');
  await logout(page);

  // The refused attempt is in the citizen's access log.
  await login(page, 'visitator');
  await visit(page, other.href);
  assert.ok((await accessLog()).some((e) => e.action === 'Forsøgte at læse (afvist)'),
    'the denied attempt is logged');
  await logout(page);
});
