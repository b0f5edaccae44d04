// The local OpenID provider's log-in form in a real browser: axe-core finds
// nothing (at 360 px and on the desktop, with and without an error), the
// keyboard alone logs in, and the redirect back to omsorg carries a code
// that omsorg's relying party (`omsorg oidc-check`) turns into a verified
// identity. The redirect URI is served by the test itself (phase 2 serves
// it from omsorg).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { launchBrowser, newPage, checkA11y } from './helpers.mjs';
import { startProvider } from '../integration/oidc-helpers.mjs';

const BIN = path.resolve(process.env.OMSORG_BIN || path.join('..', 'build', 'omsorg'));

let provider, browser, rp, lines, back, redirectUri;
const callbacks = [];

async function ask(cmd) {
  rp.stdin.write(`${cmd}\n`);
  const { value, done } = await lines.next();
  assert.ok(!done, 'oidc-check ended');
  return JSON.parse(value);
}

before(async () => {
  // omsorg's redirect URI: records the URL and shows a page.
  back = createServer((req, res) => {
    const url = new URL(req.url, redirectUri);
    if (url.pathname === '/min-side/login/callback') callbacks.push(url.href);
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><html lang="da"><title>omsorg</title><h1>Tilbage i omsorg</h1></html>');
  });
  await new Promise((r) => back.listen(0, '127.0.0.1', r));
  redirectUri = `http://127.0.0.1:${back.address().port}/min-side/login/callback`;
  provider = await startProvider({ args: ['--redirect-uri', redirectUri] });
  rp = spawn(BIN, ['oidc-check', '--script', '--config', provider.clientFile], { stdio: ['pipe', 'pipe', 'inherit'] });
  lines = createInterface({ input: rp.stdout })[Symbol.asyncIterator]();
  browser = await launchBrowser();
});

after(async () => {
  rp?.stdin.end();
  await browser?.close();
  await provider?.stop();
  back?.close();
});

async function providerPage(viewport) {
  return newPage(browser, provider.issuer, viewport ? { viewport } : {});
}

test('the log-in form passes axe-core at 360 px and on the desktop', async () => {
  for (const viewport of [{ width: 360, height: 740 }, null]) {
    const { context, page } = await providerPage(viewport);
    const begun = await ask('begin');
    await page.goto(begun.url);
    assert.equal(await page.locator('h1').innerText(), 'Log ind');
    await checkA11y(page, `provider log-in ${viewport ? '360 px' : 'desktop'}`);
    await page.getByLabel('Bruger-id').fill('karen');
    await page.getByLabel('Adgangskode').fill('forkert');
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.getByRole('alert').waitFor();
    assert.match(await page.getByRole('alert').innerText(), /Forkert bruger-id eller adgangskode/);
    assert.equal(await page.getByLabel('Bruger-id').inputValue(), 'karen');
    await checkA11y(page, 'provider log-in with an error');
    await context.close();
  }
});

test('the keyboard alone logs in, and omsorg verifies the identity', async () => {
  const { context, page } = await providerPage();
  const begun = await ask('begin');
  await page.goto(begun.url);
  await page.keyboard.press('Tab'); // the first field
  assert.equal(await page.evaluate(() => document.activeElement.id), 'username');
  await page.keyboard.type('mette');
  await page.keyboard.press('Tab');
  await page.keyboard.type('demo');
  await Promise.all([page.waitForURL(`${redirectUri}**`), page.keyboard.press('Enter')]);
  assert.equal(callbacks.length, 1);
  assert.equal(await page.locator('h1').innerText(), 'Tilbage i omsorg');
  const r = await ask(`finish ${begun.cookie} ${callbacks[0]}`);
  assert.equal(r.ok, true, JSON.stringify(r));
  assert.equal(r.sub, '5b0f3c1e-8d2a-4c55-9a3e-2f6b7d1c4a03');
  assert.equal(r.cpr, '051168-xxxx');
  await context.close();
});
