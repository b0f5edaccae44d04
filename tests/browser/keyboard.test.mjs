// The keyboard alone: the skip link comes first and works, log-in and search
// can be done with Tab, typing and Enter, and a record opens with Enter on
// the focused result link. No clicks anywhere in this file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, checkA11y, visit } from './helpers.mjs';

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

/** Describe document.activeElement. */
function focused() {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const r = el.getBoundingClientRect();
    const cs = getComputedStyle(el);
    return {
      tag: el.tagName.toLowerCase(), id: el.id, cls: el.className,
      href: el.getAttribute('href'), text: (el.textContent || '').trim(),
      inMain: !!el.closest('main'), inResults: !!el.closest('table tbody'),
      visible: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0,
      outline: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0,
      shadow: cs.boxShadow !== 'none',
    };
  });
}

/** Press Tab until pred(focused) holds; every stop must be visible with a focus indicator. */
async function tabTo(pred, what, max = 40) {
  const seen = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focused();
    assert.ok(f, `Tab #${i + 1} left focus on <body> while looking for ${what}`);
    seen.push(`${f.tag}#${f.id}${f.href ? `[${f.href}]` : ''} "${f.text.slice(0, 30)}"`);
    assert.ok(f.visible, `focused element is not visible: ${seen.at(-1)}`);
    assert.ok(f.outline || f.shadow, `no visible focus indicator on ${seen.at(-1)}`);
    if (pred(f)) return f;
  }
  assert.fail(`${what} not reached with ${max} Tabs; focus went: ${seen.join(' → ')}`);
}

async function pressEnterAndWait() {
  const [res] = await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  return res;
}

test('the skip link is the first focusable element and is shown on focus', async () => {
  await visit(page, '/login');
  await page.keyboard.press('Tab');
  const f = await focused();
  assert.ok(f, 'Tab focuses something');
  assert.equal(f.tag, 'a');
  assert.equal(f.href, '#main-content');
  assert.equal(f.text, 'Gå til sidens indhold');
  assert.ok(f.visible, 'the skip link is visible when focused');
  // DKFDS slides it in (0.2 s transition): it must end up fully on screen.
  const onScreen = await page.waitForFunction(() => {
    const r = document.activeElement.getBoundingClientRect();
    return r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
  }, null, { timeout: 2000 }).then(() => true, () => false);
  const box = await page.evaluate(() => document.activeElement.getBoundingClientRect().toJSON());
  assert.ok(onScreen, `skip link on screen when focused: ${JSON.stringify(box)}`);
  assert.equal(await page.locator('#main-content').evaluate((m) => m.tagName), 'MAIN');
});

test('log in and search with the keyboard only', async () => {
  await visit(page, '/login');
  await tabTo((f) => f.id === 'f-username', 'the Brugernavn field');
  await page.keyboard.type('visitator');
  await page.keyboard.press('Tab');
  assert.equal((await focused()).id, 'f-password', 'Tab goes from Brugernavn to Adgangskode');
  await page.keyboard.type('demo');
  await pressEnterAndWait();
  assert.equal(new URL(page.url()).pathname, '/borgere', 'logged in and on the search page');

  // The skip link jumps over header and menu: the next Tab lands in <main>.
  await page.keyboard.press('Tab');
  let f = await focused();
  assert.equal(f.href, '#main-content', 'skip link first on the search page too');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  f = await focused();
  assert.ok(f && f.inMain, `after the skip link, Tab lands in main (got ${JSON.stringify(f)})`);

  await tabTo((x) => x.id === 'f-q', 'the search field');
  await page.keyboard.type('sen');
  await pressEnterAndWait();
  assert.equal(new URL(page.url()).searchParams.get('q'), 'sen');
  const hits = await page.locator('table tbody tr').count();
  assert.ok(hits > 0, 'the result list is shown');
  await checkA11y(page, 'results reached by keyboard');

  // Tabbing on from the top of the new page reaches the first hit.
  const first = page.locator('table tbody a').first();
  const name = (await first.innerText()).trim();
  const href = await first.getAttribute('href');
  const link = await tabTo((x) => x.inResults && x.tag === 'a', 'the first result link', 15);
  assert.equal(link.href, href);
  await pressEnterAndWait();
  assert.equal(new URL(page.url()).pathname, href, 'Enter on the focused link opens the record');
  assert.equal((await page.locator('h1').innerText()).trim(), name);
});

test('the main menu and log-out work from the keyboard', async () => {
  await visit(page, '/borgere');
  const item = await tabTo((f) => f.href === '/teams', 'the "Teams og medarbejdere" menu item');
  assert.equal(item.text, 'Teams og medarbejdere');
  await pressEnterAndWait();
  assert.equal(new URL(page.url()).pathname, '/teams');

  await visit(page, '/borgere');
  await tabTo((f) => f.tag === 'button' && f.text === 'Log af', 'the Log af button');
  await pressEnterAndWait();
  assert.equal(new URL(page.url()).pathname, '/login');
});
