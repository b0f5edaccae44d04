// A phone-sized screen (375 px, as at 400 % zoom on a 1500 px screen): the
// header keeps the user, "Log af" and the menu; nothing is cut off sideways
// except inside a table's scroll box, which is then a named, focusable region.
// Also checks that checkA11y really fails on a page with known problems.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, login, checkA11y, visit } from './helpers.mjs';

let server, browser, page, context;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  ({ context, page } = await newPage(browser, server.base, { viewport: { width: 375, height: 800 } }));
});

after(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

/** Elements sticking out to the right of the viewport, outside table scroll boxes. */
function overflowing() {
  return page.evaluate(() => {
    const out = [];
    const width = document.documentElement.scrollWidth;
    if (width > innerWidth) out.push(`the page is ${width} px wide in a ${innerWidth} px window`);
    for (const el of document.body.querySelectorAll('*')) {
      if (el.closest('.table--responsive-scroll, .sr-only, .skipnav, .d-none')) continue;
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > innerWidth + 1)
        out.push(`${el.tagName.toLowerCase()}.${el.className} right=${Math.round(r.right)}`);
    }
    return out.slice(0, 10);
  });
}

async function headerWorks() {
  assert.ok(await page.getByRole('button', { name: 'Log af' }).isVisible(), '"Log af" is visible');
  assert.ok(await page.locator('.portal-user .user').isVisible(), 'the user is shown');
  const menu = page.getByRole('navigation', { name: 'Hovedmenu' });
  assert.ok(await menu.getByRole('link', { name: 'Borgere' }).isVisible(), 'the main menu is visible');
}

test('search and record on a narrow screen', async () => {
  await login(page, 'visitator');
  await visit(page, '/borgere?q=sen');
  await headerWorks();
  assert.deepEqual(await overflowing(), [], 'nothing is cut off on the search page');
  const box = page.locator('.table--responsive-scroll').first();
  const scrolls = await box.evaluate((el) => el.scrollWidth > el.clientWidth);
  assert.ok(scrolls, 'the result table scrolls inside its box at 375 px');
  assert.equal(await box.getAttribute('tabindex'), '0', 'a scrolling table box is focusable');
  assert.equal(await box.getAttribute('role'), 'region');
  assert.match(await box.getAttribute('aria-label'), /Borgere/);
  await checkA11y(page, 'narrow search page');

  const href = await page.locator('table tbody a').first().getAttribute('href');
  await visit(page, href);
  await headerWorks();
  assert.deepEqual(await overflowing(), [], 'nothing is cut off on the record');
  await page.screenshot({ path: `${process.env.OMSORG_SCREENSHOTS || '/tmp'}/omsorg-record-narrow.png`, fullPage: true });
  await checkA11y(page, 'narrow record page');

  await visit(page, `${href}/rediger`);
  assert.deepEqual(await overflowing(), [], 'nothing is cut off on the edit form');
  await checkA11y(page, 'narrow edit form');
});

test('on a wide screen table boxes stay out of the tab order', async () => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await visit(page, '/borgere?q=sen');
  const box = page.locator('.table--responsive-scroll').first();
  assert.equal(await box.getAttribute('tabindex'), null);
  assert.equal(await box.getAttribute('role'), null);
});

test('checkA11y fails on a page with known violations', async () => {
  await visit(page, '/borgere');
  await page.evaluate(() => {
    const main = document.querySelector('main');
    main.insertAdjacentHTML('beforeend',
      '<img src="/static/dkfds/img/logo-placeholder.png"><p id="weak">Svag tekst</p>' +
      '<input type="text" name="x"><span id="f-q"></span>');
    Object.assign(document.getElementById('weak').style, { color: '#bbb', background: '#fff' });
  });
  await assert.rejects(checkA11y(page, 'broken on purpose'), (err) => {
    for (const rule of ['image-alt', 'color-contrast', 'label', 'duplicate-id: #f-q'])
      assert.match(err.message, new RegExp(rule), `the report names ${rule}`);
    return true;
  });
});
