// Start the real omsorg binary on a free port with a fresh demo database, and
// a tiny HTTP client that keeps the session cookie and CSRF token.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

// The tests reason in UTC dates (toISOString); the server's "today" is local
// time (Europe/Copenhagen by default), so run the binary in UTC as well.
process.env.TZ = 'UTC';

export const BIN = process.env.OMSORG_BIN || path.resolve('../build/omsorg');

export function run(args, input) {
  return spawnSync(BIN, args, { input, encoding: 'utf8' });
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

// Start a server with a fresh demo municipality. Returns {url, dir, db, log(), stop()}.
export async function startServer({ citizens = 60, seed = 7 } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'omsorg-it-'));
  const db = path.join(dir, 'omsorg.db');
  const demo = run(['demo', '--db', db, '--citizens', String(citizens), '--seed', String(seed)]);
  if (demo.status !== 0) throw new Error(`demo failed: ${demo.stderr}`);
  const port = await freePort();
  const child = spawn(BIN, ['serve', '--db', db, '--port', String(port), '--threads', '2'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (d) => { log += d; });
  child.stderr.on('data', (d) => { log += d; });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch { /* not up yet */ }
    if (i > 100 || child.exitCode !== null) throw new Error(`server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url, dir, db,
    log: () => log,
    async stop() {
      if (child.exitCode === null) {
        const done = new Promise((r) => child.on('exit', r));
        child.kill('SIGTERM');
        await done;
      }
      rmSync(dir, { recursive: true, force: true });
      return child.exitCode;
    },
  };
}

// A client with its own cookie jar and CSRF token.
export class Client {
  constructor(base) { this.base = base; this.cookie = ''; this.csrf = ''; }

  async req(method, p, { json, form, headers = {}, body, csrf = true } = {}) {
    const h = { ...headers };
    if (this.cookie) h.Cookie = this.cookie;
    if (csrf && this.csrf && method !== 'GET') h['X-CSRF-Token'] = this.csrf;
    let payload = body;
    if (json !== undefined) { h['Content-Type'] = 'application/json'; payload = JSON.stringify(json); }
    if (form !== undefined) {
      h['Content-Type'] = 'application/x-www-form-urlencoded';
      payload = new URLSearchParams(form).toString();
    }
    const res = await fetch(this.base + p, { method, headers: h, body: payload, redirect: 'manual' });
    const set = res.headers.get('set-cookie');
    if (set) {
      const m = /omsorg_session=([^;]*)/.exec(set);
      if (m) this.cookie = m[1] ? `omsorg_session=${m[1]}` : '';
    }
    const text = await res.text();
    let data = null;
    if ((res.headers.get('content-type') || '').startsWith('application/json')) data = JSON.parse(text);
    return { status: res.status, headers: res.headers, text, data };
  }

  async login(username, password = 'demo') {
    const r = await this.req('POST', '/api/v1/login', { json: { username, password } });
    if (r.status === 200) this.csrf = r.data.csrf;
    return r;
  }

  get(p, o) { return this.req('GET', p, o); }
  post(p, o) { return this.req('POST', p, o); }
  put(p, o) { return this.req('PUT', p, o); }
  del(p, o) { return this.req('DELETE', p, o); }
}

// A valid fictitious CPR for tests: fails modulus 11, not 1 January, before 2007.
export function fictitiousCpr(day = 12, month = 3, yy = 44, serial = 1000) {
  const w = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1];
  for (let s = serial; ; s++) {
    const digits = `${String(day).padStart(2, '0')}${String(month).padStart(2, '0')}${String(yy).padStart(2, '0')}${String(s).padStart(4, '0')}`;
    const sum = [...digits].reduce((acc, d, i) => acc + Number(d) * w[i], 0);
    if (sum % 11 !== 0) return `${digits.slice(0, 6)}-${digits.slice(6)}`;
  }
}
