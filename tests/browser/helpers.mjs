// Shared helpers for omsorg's browser tests: the real server on a fresh
// demo database, headless Chromium through playwright-core, axe-core checks
// and log-in. Run by `make browser` (cwd web/, OMSORG_BIN set).
import { spawn, execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

// The tests reason in UTC dates (toISOString); the server's "today" is local
// time (Europe/Copenhagen by default), so run the binary in UTC as well.
process.env.TZ = 'UTC';

// playwright-core and axe-core live in web/node_modules; resolve from there
// whatever the current directory is.
const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const require = createRequire(path.join(repo, 'web', 'package.json'));
const { chromium } = require('playwright-core');
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const PASSWORD = 'demo';

function omsorgBin() {
  const bin = process.env.OMSORG_BIN || path.join(repo, 'build', 'omsorg');
  return path.resolve(bin);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitHealthy(base, child, stderr) {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`omsorg serve exited with ${child.exitCode}:\n${stderr()}`);
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`omsorg serve did not answer /healthz within 10 s:\n${stderr()}`);
}

/** Start omsorg on a fresh demo database. Returns {base, stop()}. */
export async function startServer() {
  const bin = omsorgBin();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'omsorg-browser-'));
  const db = path.join(dir, 'omsorg.db');
  let port;
  try {
    execFileSync(bin, ['demo', '--db', db, '--citizens', '60', '--seed', '7'], { stdio: 'pipe' });
    port = await freePort();
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const child = spawn(bin, ['serve', '--db', db, '--port', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Never leave a server behind, even if the test process is cut short.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitHealthy(base, child, () => log);
  } catch (e) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    base,
    db,
    log: () => log,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Launch headless Chromium (Debian's). */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** A new context + page against base. Danish locale, desktop viewport. */
export async function newPage(browser, base, opts = {}) {
  const context = await browser.newContext({
    baseURL: base,
    locale: 'da-DK',
    viewport: { width: 1280, height: 900 },
    ...opts,
  });
  context.setDefaultTimeout(5000);
  context.setDefaultNavigationTimeout(10000);
  const page = await context.newPage();
  // Collect script errors (including CSP violations) and failed assets
  // (CSS, JS, icons); checkA11y reports them. Error pages themselves
  // (403, 404, 422 …) are expected and checked by status.
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/^Failed to load resource: the server responded with a status of/.test(m.text()))
      problems.push(`console: ${m.text()}`);
  });
  page.on('response', (res) => {
    if (res.request().resourceType() !== 'document' && res.status() >= 400)
      problems.push(`asset ${res.url()}: HTTP ${res.status()}`);
  });
  page.on('requestfailed', (req) => problems.push(`request failed ${req.url()}: ${req.failure()?.errorText}`));
  page.problems = problems;
  return { context, page };
}

function formatViolations(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 8)
        .map((n) => `      - ${n.target.join(' ')}\n        ${n.html.slice(0, 200)}\n        ${(n.failureSummary || '').replace(/\n/g, '\n        ')}`)
        .join('\n');
      return `  [${v.impact}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes}`;
    })
    .join('\n');
}

/**
 * Run axe-core on the current page and assert zero violations. The CSP
 * (default-src 'self') forbids inline scripts, so axe is evaluated through
 * the DevTools protocol (page.evaluate), which CSP does not govern.
 * Also fails on duplicate ids (axe no longer checks them, but a duplicate
 * breaks label/aria references) and on script or asset errors.
 */
export async function checkA11y(page, label = '') {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    return await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
  });
  const duplicates = await page.evaluate(() => {
    const count = new Map();
    for (const el of document.querySelectorAll('[id]'))
      count.set(el.id, (count.get(el.id) || 0) + 1);
    return [...count].filter(([, n]) => n > 1).map(([id, n]) => `#${id} (${n}×)`);
  });
  const problems = (page.problems || []).splice(0);
  const where = `${label || ''} ${page.url()}`.trim();
  const report = [];
  if (result.violations.length)
    report.push(`axe found ${result.violations.length} violation(s):\n${formatViolations(result.violations)}`);
  if (duplicates.length) report.push(`duplicate-id: ${duplicates.join(', ')}`);
  if (problems.length) report.push(`script or asset errors:\n  ${problems.join('\n  ')}`);
  assert.ok(report.length === 0, `accessibility check failed on ${where}:\n${report.join('\n')}`);
}

/** Navigate and check the HTTP status. */
export async function visit(page, url, status = 200) {
  const res = await page.goto(url);
  assert.ok(res, `no response for ${url}`);
  assert.equal(res.status(), status, `GET ${url}: expected ${status}, got ${res.status()}`);
  return res;
}

/** Log in through the form as a demo user; ends on the landing page. */
export async function login(page, user, password = PASSWORD) {
  await visit(page, '/login');
  await page.getByLabel('Brugernavn').fill(user);
  await page.getByLabel('Adgangskode').fill(password);
  await Promise.all([
    page.waitForNavigation(),
    page.getByRole('button', { name: 'Log ind' }).click(),
  ]);
  assert.doesNotMatch(new URL(page.url()).pathname, /^\/login/, `log-in as ${user} failed`);
  // The header shows who is logged in.
  const who = await page.locator('.portal-user .user').innerText();
  assert.ok(who.trim().length > 0, 'header does not show the logged-in user');
}

/** Log out with the header's button. */
export async function logout(page) {
  await Promise.all([
    page.waitForNavigation(),
    page.getByRole('button', { name: 'Log af' }).click(),
  ]);
  assert.equal(new URL(page.url()).pathname, '/login');
}
