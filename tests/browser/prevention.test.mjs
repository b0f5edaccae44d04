// Preventive home visits in a real browser: the planner's list with a
// filter, a citizen's page (invite with an error, then sent), the printable
// invitation, and the administrator's rules page. axe-core must find
// nothing on any page, at the desktop and the 360 px viewport.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, newPage, login, logout, checkA11y, visit,
} from './helpers.mjs';

let server, browser, page, context;
const year = new Date().getFullYear();

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

test('planner: the list, a filter, a citizen, an invitation and its letter', async () => {
  await login(page, 'planlaegger');
  const menu = page.getByRole('navigation', { name: 'Hovedmenu' });
  await submit(menu.getByRole('link', { name: 'Forebyggende besøg' }));
  assert.match(await page.locator('h1').innerText(), new RegExp(`Forebyggende hjemmebesøg ${year}`));
  await checkA11y(page, 'prevention list');
  await page.getByLabel('Status').selectOption('not_invited');
  await submit(page.getByRole('button', { name: 'Vis' }));
  const rows = page.locator('table', { has: page.locator('caption', { hasText: 'Borgere på listen' }) })
    .locator('tbody tr');
  assert.ok((await rows.count()) > 0, 'someone is not invited yet');
  for (const text of await rows.allInnerTexts()) assert.match(text, /Ikke inviteret/);
  await checkA11y(page, 'prevention list, filtered');
  await submit(rows.first().getByRole('link'));
  assert.match(await page.locator('h1').innerText(), /^Forebyggende hjemmebesøg: /);
  await checkA11y(page, 'prevention citizen');
  await page.getByLabel('Foreslået dato (ÅÅÅÅ-MM-DD)').fill('');
  const res = await submit(page.getByRole('button', { name: 'Send invitation' }));
  assert.equal(res.status(), 422);
  await checkA11y(page, 'invitation with an error');
  const d = new Date(Date.now() + 21 * 86400000).toISOString().slice(0, 10);
  await page.getByLabel('Foreslået dato (ÅÅÅÅ-MM-DD)').fill(d);
  await submit(page.getByRole('button', { name: 'Send invitation' }));
  assert.match(await page.locator('.badge').innerText(), /Inviteret/);
  await submit(page.getByRole('link', { name: 'Se invitationen' }));
  assert.match(await page.locator('h1').innerText(), /Vil du have besøg af os\?/);
  assert.match(await page.locator('.alert').innerText(), /LIX er \d+/);
  await checkA11y(page, 'invitation letter');
  await logout(page);
});

test('the list at 360 px', async () => {
  const small = await newPage(browser, server.base, { viewport: { width: 360, height: 740 } });
  await login(small.page, 'visitator');
  await visit(small.page, `/forebyggelse?aar=${year}`);
  await checkA11y(small.page, 'prevention list at 360 px');
  const out = await small.page.evaluate(() => {
    const bad = [];
    for (const el of document.body.querySelectorAll('*')) {
      if (el.closest('.table--responsive-scroll, .sr-only, .skipnav, .d-none')) continue;
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > innerWidth + 1) bad.push(`${el.tagName.toLowerCase()}.${el.className}`);
    }
    return bad.slice(0, 10);
  });
  assert.deepEqual(out, [], 'nothing is cut off at 360 px');
  await Promise.all([small.page.waitForNavigation(),
    small.page.locator('a[href^="/forebyggelse/"]').first().click()]);
  assert.match(await small.page.locator('h1').innerText(), /^Forebyggende hjemmebesøg: /);
  await checkA11y(small.page, 'prevention citizen at 360 px');
  await small.context.close();
});

test('administrator: the rules page', async () => {
  await login(page, 'admin');
  await visit(page, '/forebyggelse', 403);
  await visit(page, '/admin/forebyggelse');
  await checkA11y(page, 'prevention rules');
  await page.getByLabel('Alle: i det år, de fylder').fill('75,x');
  const res = await submit(page.getByRole('button', { name: 'Gem reglerne' }));
  assert.equal(res.status(), 422);
  await checkA11y(page, 'prevention rules with an error');
  await page.getByLabel('Alle: i det år, de fylder').fill('75,80');
  await submit(page.getByRole('button', { name: 'Gem reglerne' }));
  assert.match(await page.locator('.alert-success').innerText(), /Reglerne er gemt/);
  await logout(page);
});
