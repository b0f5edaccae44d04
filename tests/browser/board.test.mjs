// The planner's board: every carer of the team as a row on one time axis,
// visits as blocks; a visit moved with the keyboard and by dragging, a move
// the check refuses shown in Danish, and the same move without the script
// through the form. axe-core on the board and the form; no sideways scroll
// at 1280 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, login, checkA11y, visit } from './helpers.mjs';

let server, browser, page, context;
const day = new Date(Date.now() + 86400000).toISOString().slice(0, 10);
const boardUrl = `/planlaegning?dato=${day}&team=1`;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  ({ context, page } = await newPage(browser, server.base));
  await login(page, 'planlaegger');
  await visit(page, boardUrl);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Planlæg dagen' }).click()]);
});

after(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

const minutes = (hhmm) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

/* Make visit v the board's current visit: focus the grid, arrow through. */
async function current(v) {
  const grid = page.locator('.omsorg-rows[role="grid"]');
  await grid.focus();
  await page.keyboard.press('Home');
  for (let i = 0; i < 400; i++) {
    if ((await grid.getAttribute('aria-activedescendant')) === `visit-${v.id}`) return;
    await page.keyboard.press('ArrowRight');
  }
  assert.fail(`visit ${v.id} not reached with the arrows`);
}

async function plan() {
  const r = await page.request.get(`/api/v1/plan?date=${day}&team=1`);
  return (await r.json()).visits;
}

/* A one-carer visit that can start `by` minutes later: still inside its
 * window, well before the carer's next visit and the end of a day shift. */
async function movable(by) {
  const visits = await plan();
  const starts = (v) => minutes(v.start);
  for (const v of visits) {
    if (!v.start || v.carers.length !== 1 || v.carers_needed !== 1) continue;
    const end = starts(v) + v.duration;
    const next = visits
      .filter((w) => w !== v && w.start && w.carers.some((c) => c.id === v.carers[0].id) && starts(w) >= starts(v))
      .map(starts).sort((a, b) => a - b)[0];
    if (starts(v) + by > minutes(v.window[1])) continue;
    if (next !== undefined && next < end + by + 10) continue;
    if (end + by > 14 * 60 && starts(v) < 15 * 60) continue;
    return v;
  }
  return null;
}

test('the board: a row per carer, visits as blocks, figures above; one keyboard stop; accessible, no sideways scroll', async () => {
  await visit(page, boardUrl);
  await page.getByRole('heading', { name: 'Dagens plan' }).waitFor();
  const rows = await page.locator('.omsorg-row').count();
  const blocks = await page.locator('.omsorg-block').count();
  const planned = (await plan()).filter((v) => v.start).length;
  assert.ok(rows >= 5, `rows ${rows}`);
  assert.ok(blocks >= planned, `blocks ${blocks} for ${planned} planned visits`);
  assert.match(await page.locator('.omsorg-figures').innerText(), /Besøg planlagt/);
  const [scrollWidth, width] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  assert.ok(scrollWidth <= width, `scrolls sideways: ${scrollWidth} > ${width}`);
  // the board is one stop for Tab; the arrows go from visit to visit, Enter opens the move form
  assert.equal(await page.locator('.omsorg-block[tabindex="-1"]').count(), blocks);
  await checkA11y(page, 'the board');
  const first = await page.locator('.omsorg-block').first().getAttribute('data-visit');
  await page.locator('.omsorg-rows').focus();
  await page.keyboard.press('Home');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  assert.equal(new URL(page.url()).pathname, `/planlaegning/besoeg/${first}`);
});

test('move a visit with the keyboard: space, arrows, enter; the move is saved and focused', async () => {
  await visit(page, boardUrl);
  const v = await movable(10);
  assert.ok(v, 'a visit with room to move 10 minutes');
  await current(v);
  await page.keyboard.press(' ');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.match(await page.locator('#board-status').innerText(), /Tryk Enter for at flytte/);
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  const after = (await plan()).find((w) => w.id === v.id);
  assert.equal(minutes(after.start), minutes(v.start) + 10);
  assert.equal(after.manual, true);
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-activedescendant')), `visit-${v.id}`);
  await checkA11y(page, 'after a keyboard move');
});

test('a move the check refuses is explained in Danish and changes nothing', async () => {
  await visit(page, boardUrl);
  const v = (await plan()).find((w) => w.start && w.carers.length === 1 && minutes(w.window[1]) < 22 * 60);
  await current(v);
  await page.keyboard.press(' ');
  for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowRight'); // two hours later
  await page.keyboard.press('Enter');
  const alert = page.locator('#board-error');
  await alert.waitFor();
  assert.match(await alert.innerText(), /tidsvindue|vagt|andet besøg/);
  // the refused PUT is expected: take it off the page's list of failed requests
  const failed = page.problems.splice(0);
  assert.ok(failed.every((f) => /api\/v1\/plan\/visits\/\d+: HTTP 422/.test(f)), failed.join('\n'));
  const after = (await plan()).find((w) => w.id === v.id);
  assert.equal(after.start, v.start);
  await page.keyboard.press(' ');
  await page.keyboard.press('Escape');
  assert.match(await page.locator('#board-status').innerText(), /fortrudt/);
  await checkA11y(page, 'the board after a refused move');
});

test('drag a visit ten minutes later with the mouse', async () => {
  await visit(page, boardUrl);
  const v = await movable(10);
  assert.ok(v, 'a visit with room to move 10 minutes');
  const block = page.locator(`.omsorg-block[data-visit="${v.id}"]`);
  await block.scrollIntoViewIfNeeded();
  const box = await block.boundingBox();
  const lane = await block.locator('xpath=..').boundingBox();
  const perMinute = lane.width / 1080;
  // a point of the block that no neighbouring block covers
  const x = await page.evaluate(({ id, left, width, y }) => {
    for (let dx = 1; dx < width; dx++) {
      const el = document.elementFromPoint(left + dx, y);
      if (el && el.closest('.omsorg-block')?.dataset.visit === String(id)) return left + dx;
    }
    return null;
  }, { id: v.id, left: box.x, width: box.width, y: box.y + box.height / 2 });
  assert.ok(x !== null, 'the block can be grabbed');
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 5 * perMinute, y, { steps: 3 });
  await page.mouse.move(x + 10 * perMinute + 0.3, y, { steps: 3 });
  await Promise.all([page.waitForNavigation(), page.mouse.up()]);
  const after = (await plan()).find((w) => w.id === v.id);
  assert.equal(minutes(after.start), minutes(v.start) + 10);
  assert.equal(after.carers[0].id, v.carers[0].id);
});

test('without the script: the move form, a refusal beside the field, then a move', async () => {
  const noScript = await browser.newContext({ baseURL: server.base, locale: 'da-DK', javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  noScript.setDefaultTimeout(5000);
  noScript.setDefaultNavigationTimeout(10000);
  const p = await noScript.newPage();
  await login(p, 'planlaegger');
  const v = await movable(5);
  assert.ok(v, 'a visit with room to move 5 minutes');
  await visit(p, boardUrl);
  await Promise.all([p.waitForNavigation(), p.locator(`.omsorg-block[data-visit="${v.id}"]`).click()]);
  assert.equal(new URL(p.url()).pathname, `/planlaegning/besoeg/${v.id}`);
  await p.getByLabel('Starttidspunkt (TT:MM)').fill('03:00');
  const [res] = await Promise.all([p.waitForNavigation(), p.getByRole('button', { name: 'Flyt' }).click()]);
  assert.equal(res.status(), 422);
  assert.match(await p.locator('.form-error-message').first().innerText(), /tidsvindue/);
  const start = minutes(v.start) + 5;
  const hhmm = `${String(Math.floor(start / 60)).padStart(2, '0')}:${String(start % 60).padStart(2, '0')}`;
  await p.getByLabel('Starttidspunkt (TT:MM)').fill(hhmm);
  await Promise.all([p.waitForNavigation(), p.getByRole('button', { name: 'Flyt' }).click()]);
  assert.equal(new URL(p.url()).pathname, '/planlaegning');
  const after = (await plan()).find((w) => w.id === v.id);
  assert.equal(minutes(after.start), start);
  await noScript.close();
});

test('the move form passes axe-core, also with an error', async () => {
  const v = (await plan()).find((w) => w.start);
  await visit(page, `/planlaegning/besoeg/${v.id}`);
  await checkA11y(page, 'the move form');
  await page.getByLabel('Starttidspunkt (TT:MM)').fill('25:99');
  const [res] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: /Flyt|Planlæg/ }).click()]);
  assert.equal(res.status(), 422);
  await checkA11y(page, 'the move form with an error');
});

test('every team planned together: the figures count visits served by another team', async () => {
  await visit(page, boardUrl);
  // the engine plans every team in one problem (5 s); a loaded machine needs more
  await Promise.all([page.waitForNavigation({ timeout: 60000 }), page.getByRole('button', { name: 'Planlæg alle teams sammen' }).click({ timeout: 60000 })]);
  assert.equal(new URL(page.url()).pathname, '/planlaegning');
  await page.locator('.omsorg-figures dt', { hasText: 'Hos et andet teams medarbejder' }).waitFor();
  const r = await page.request.get(`/api/v1/plan?date=${day}&team=2`);
  const body = await r.json();
  assert.ok(body.figures, 'team 2 was planned too');
  assert.ok(body.visits.every((v) => typeof v.borrowed === 'boolean'));
  await checkA11y(page, 'after planning every team');
});
