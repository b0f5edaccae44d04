// From what the citizen wants to who rings the doorbell, in a real browser:
// the visitator creates a citizen who gets up at 8:30, assesses, grants
// morning personal care on weekdays and reads the letter (LIX shown); the
// planner plans the next weekday; the care worker of that team finds the
// visit on the route inside the citizen's window. axe-core on every page.
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

const iso = (d) => d.toISOString().slice(0, 10);
/** The next weekday after today (the grant is for weekdays). */
function nextWeekday() {
  const d = new Date(Date.now() + 86400000);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return iso(d);
}
const minutes = (hhmm) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** A CPR the demo can never have drawn: fails modulus 11, not 1 January. */
function fictitiousCpr() {
  const w = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1];
  for (let s = 4321; ; s++) {
    const d = `170339${s}`;
    if ([...d].reduce((a, c, i) => a + Number(c) * w[i], 0) % 11) return `${d.slice(0, 6)}-${d.slice(6)}`;
  }
}

async function submit(button) {
  const [res] = await Promise.all([page.waitForNavigation(), button.click()]);
  return res;
}

const day = nextWeekday();
let recordPath, carerName;

test('the visitator creates a citizen who wants to get up at 8:30', async () => {
  await login(page, 'visitator');
  await visit(page, '/borgere/ny');
  await checkA11y(page, 'new citizen');
  await page.getByLabel('CPR-nummer').fill(fictitiousCpr());
  await page.getByLabel('Fornavn').fill('Ellen');
  await page.getByLabel('Efternavn').fill('Bøgh');
  await page.getByLabel('Adresse').fill('Ellebækvej 12');
  await page.getByLabel('By', { exact: true }).fill('Herlev');
  await page.getByLabel('Fast team').selectOption({ label: 'Team Nord' });
  await page.getByLabel('Med borgerens egne ord').fill('At jeg selv bestemmer, hvornår jeg står op.');
  await page.getByLabel('Står op').fill('08:30');
  await submit(page.getByRole('button', { name: 'Gem', exact: true }));
  recordPath = new URL(page.url()).pathname;
  assert.match(recordPath, /^\/borgere\/\d+$/);
  await checkA11y(page, 'record');
});

test('… assesses her functional ability with FSIII', async () => {
  await submit(page.getByRole('link', { name: 'Ny vurdering' }));
  await checkA11y(page, 'assessment form');
  await page.locator('#f-J1\\.1\\.current').selectOption('3');
  await page.locator('#f-J1\\.1\\.expected').selectOption('1');
  await submit(page.getByRole('button', { name: 'Gem vurderingen' }));
  assert.equal(page.url().includes('/vurdering/ny'), false, 'the assessment was saved');
  await checkA11y(page, 'after assessment');
  await submit(page.getByRole('link', { name: /^Vurdering \d{4}-\d{2}-\d{2}$/ }));
  await page.getByRole('rowheader', { name: 'J1.1 Vaske sig' }).waitFor();
  await checkA11y(page, 'one assessment');
});

test('… writes her goal in her own words, linked to the condition', async () => {
  await visit(page, recordPath);
  await submit(page.getByRole('link', { name: 'Nyt mål' }));
  await checkA11y(page, 'goal form');
  await page.getByLabel('Målet med borgerens egne ord').fill('Jeg vil selv kunne komme i bad igen.');
  await page.getByLabel('Tilstanden skal mindskes').check();
  await page.getByLabel('Dato for opfølgning').fill(iso(new Date(Date.now() + 30 * 86400000)));
  await page.getByText('Funktionsevnetilstande', { exact: true }).click(); // open the list
  await page.getByLabel('J1.1 Vaske sig').check();
  await submit(page.getByRole('button', { name: 'Gem målet' }));
  await visit(page, recordPath);
  await page.getByText('Jeg vil selv kunne komme i bad igen.').first().waitFor();
  await checkA11y(page, 'record with a goal');
  await submit(page.getByRole('link', { name: 'Følg op på målet' }));
  await submit(page.getByRole('button', { name: 'Gem opfølgningen' })); // "Åben" without a note: fine
  assert.match(new URL(page.url()).pathname, /^\/borgere\/\d+$/);
  await submit(page.getByRole('link', { name: 'Følg op på målet' }));
  await page.getByLabel('Hvad viste opfølgningen?').fill('x'.repeat(1001));
  const res = await submit(page.getByRole('button', { name: 'Gem opfølgningen' }));
  assert.equal(res.status(), 422, 'a note over 1000 characters comes back');
  await checkA11y(page, 'goal follow-up with an error');
});

test('… grants morning personal care on weekdays and reads the letter with its LIX', async () => {
  await visit(page, recordPath);
  await submit(page.getByRole('link', { name: 'Ny afgørelse' }));
  await checkA11y(page, 'grant form');
  await page.getByLabel('Slags afgørelse').selectOption('services');
  await page.getByLabel('Det har borgeren bedt om').fill('Hjælp til bad og tøj om morgenen.');
  await page.getByLabel('Begrundelse').fill('Du kan ikke selv komme sikkert i bad.');
  await page.getByLabel('Hjælpen begynder (ÅÅÅÅ-MM-DD)').fill(iso(new Date()));
  await page.getByLabel('Hjælpen slutter (ÅÅÅÅ-MM-DD)').fill('');
  await page.getByLabel('Opfølgning senest (ÅÅÅÅ-MM-DD)').fill(iso(new Date(Date.now() + 42 * 86400000)));
  await page.locator('#f-services\\[0\\]\\.label').fill('Hjælp til bad og tøj');
  await page.locator('#f-services\\[0\\]\\.duration').fill('3');
  let res = await submit(page.getByRole('button', { name: 'Gem som kladde' }));
  assert.equal(res.status(), 422, 'a three-minute visit is refused');
  await page.getByText('Et besøg varer fra 5 til 240 minutter.').first().waitFor();
  await checkA11y(page, 'grant form with an error');
  await page.locator('#f-services\\[0\\]\\.duration').fill('30');
  await submit(page.getByRole('button', { name: 'Gem som kladde' }));
  assert.match(new URL(page.url()).pathname, /\/afgoerelser\/\d+$/, 'the grant was saved');
  await checkA11y(page, 'grant draft');
  await submit(page.getByRole('link', { name: 'Ret afgørelsen' }));
  assert.equal(await page.getByLabel('Begrundelse').inputValue(), 'Du kan ikke selv komme sikkert i bad.');
  await checkA11y(page, 'grant edit form');
  res = await submit(page.getByRole('button', { name: 'Gem som kladde' }));
  assert.equal(res.status(), 200);
  await submit(page.getByRole('button', { name: 'Træf afgørelsen' }));
  await submit(page.getByRole('button', { name: 'Markér som sendt' }));
  assert.match(await page.locator('.badge').first().innerText(), /Sendt/);
  await checkA11y(page, 'grant sent');
  await submit(page.getByRole('link', { name: 'Se afgørelsesbrevet' }));
  const lix = Number((await page.getByText(/Brevets LIX er \d+/).innerText()).match(/\d+/)[0]);
  assert.ok(lix > 0 && lix <= 35, `LIX ${lix}`);
  await page.getByText('Kære Ellen Bøgh').waitFor();
  await page.getByRole('heading', { name: 'Hvis du vil klage' }).waitFor();
  await checkA11y(page, 'letter');
  await logout(page);
});

test('the planner plans the day; the visit lies inside her window', async () => {
  await login(page, 'planlaegger');
  await visit(page, `/planlaegning?dato=${day}&team=1`);
  await checkA11y(page, 'planning before');
  await submit(page.getByRole('button', { name: 'Planlæg dagen' }));
  await checkA11y(page, 'planning after');
  const outside = await page.locator('dl.omsorg-figures dt', { hasText: 'Uden for borgerens vindue' })
    .locator('xpath=following-sibling::dd[1]').innerText();
  assert.equal(outside.trim(), '0');
  await page.getByText('Alle besøg som tabel').click();
  const table = page.locator('table', { has: page.locator('caption', { hasText: 'Besøg pr. borger' }) });
  const row = table.locator('tbody tr', { hasText: 'Ellen Bøgh' });
  const cells = await row.locator('td').allInnerTexts();
  const [start] = cells[0].split('–');
  assert.ok(minutes(start) >= 8 * 60 && minutes(start) <= 9 * 60, `planned at ${cells[0]}`);
  assert.equal(cells[1], '08:00–09:00');
  carerName = cells[4].trim();
  assert.notEqual(carerName, 'Ingen');
});

test('the care worker sees the visit on the route, inside the window', async () => {
  const teams = await (await page.request.get('/api/v1/teams')).json();
  const carer = teams.teams.flatMap((t) => t.members).find((m) => m.full_name === carerName);
  assert.ok(carer, `carer ${carerName}`);
  await logout(page);
  await login(page, carer.username);
  await visit(page, `/rute?dato=${day}`);
  const stop = page.locator('li.omsorg-stop', { hasText: 'Ellen Bøgh' });
  const heading = await stop.locator('h2').innerText();
  const start = heading.slice(0, 5);
  assert.ok(minutes(start) >= 8 * 60 && minutes(start) <= 9 * 60, `route says ${heading}`);
  await stop.getByText('At jeg selv bestemmer, hvornår jeg står op.').waitFor();
  await checkA11y(page, 'route');
  await logout(page);
});
