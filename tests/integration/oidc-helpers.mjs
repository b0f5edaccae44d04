// The local OpenID provider (web/oidc/provider.mjs) as a child process, and
// a user agent that logs in on its form over plain HTTP: cookies kept by
// hand, redirects followed one by one until the redirect to omsorg's
// redirect URI, which is returned instead of followed.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const PROVIDER = path.resolve(here, '..', '..', 'web', 'oidc', 'provider.mjs');
// Nothing listens there: node never fetches it and the browser test answers it.
export const REDIRECT_URI = 'http://127.0.0.1:65534/min-side/login/callback';

// Start the provider on a free port. Returns {issuer, stateDir, clientFile,
// client (the parsed client.json), out(), stop()}. args are extra options;
// pass {stateDir} to reuse the keys and client secret of an earlier run.
export async function startProvider({ args = [], stateDir } = {}) {
  const dir = stateDir || mkdtempSync(path.join(os.tmpdir(), 'omsorg-oidc-'));
  const child = spawn(process.execPath, [PROVIDER, '--port', '0', '--state-dir', dir,
    '--redirect-uri', REDIRECT_URI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let out = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { out += d; });
  const deadline = Date.now() + 15_000;
  let issuer;
  while (!(issuer = /issuer (\S+)/.exec(out)?.[1])) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`oidc provider did not start:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const clientFile = path.join(dir, 'client.json');
  return {
    issuer, stateDir: dir, clientFile,
    client: JSON.parse(readFileSync(clientFile, 'utf8')),
    out: () => out,
    async stop({ keepState = false } = {}) {
      if (child.exitCode === null) {
        const done = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await done;
      }
      process.removeListener('exit', killOnExit);
      if (!keepState) rmSync(dir, { recursive: true, force: true });
    },
  };
}

// A cookie jar for one user agent (name=value per origin is enough here).
class Jar {
  constructor() { this.cookies = new Map(); }
  store(res) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header() { return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '); }
}

// Follow redirects from url until one points at redirectUri (returned as
// {callback: URL}) or a page answers (returned as {status, text, url, jar}).
export async function follow(jar, url, redirectUri = REDIRECT_URI, init = {}) {
  for (let i = 0; i < 20; i++) {
    if (url.startsWith(redirectUri)) return { callback: new URL(url) };
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...init.headers, Cookie: jar.header() } });
    jar.store(res);
    const loc = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && loc) {
      url = new URL(loc, url).href;
      init = {};
      continue;
    }
    return { status: res.status, text: await res.text(), url, jar };
  }
  throw new Error('too many redirects');
}

// Log in as username at the authorization URL; returns {callback: URL} when
// the provider sent the browser back to redirectUri, or the page it showed.
export async function login(authUrl, username, password = 'demo', redirectUri = REDIRECT_URI) {
  const jar = new Jar();
  const page = await follow(jar, authUrl, redirectUri);
  if (page.callback) return page;
  const action = /<form method="post" action="([^"]+)"/.exec(page.text)?.[1];
  if (!action) return page;
  return follow(jar, new URL(action, page.url).href, redirectUri, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password }).toString(),
  });
}
