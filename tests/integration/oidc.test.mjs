// Log-in the Danish way, end to end with no mocks: the real OpenID provider
// (web/oidc/provider.mjs, npm oidc-provider) and omsorg's relying party in C
// (src/lib/oidc.c) through `omsorg oidc-check --script`, with the provider's
// log-in form filled over HTTP. See docs/portal.md.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BIN } from './helpers.mjs';
import { startProvider, login, follow, PROVIDER } from './oidc-helpers.mjs';

const KAREN = { sub: '5b0f3c1e-8d2a-4c55-9a3e-2f6b7d1c4a01', cpr: '120341-1000' };
const SUBSTANTIAL = 'https://data.gov.dk/concept/core/nsis/loa/Substantial';
const CPR_SHAPED = /\b\d{6}-?\d{4}\b/;

// `omsorg oidc-check --script`: one command a line in, one JSON line out.
function relyingParty(args) {
  const child = spawn(BIN, ['oidc-check', '--script', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    async ask(cmd) {
      child.stdin.write(`${cmd}\n`);
      const { value, done } = await lines.next();
      if (done) throw new Error(`oidc-check ended:\n${stderr}`);
      return JSON.parse(value);
    },
    stderr: () => stderr,
    async stop() {
      child.stdin.end();
      if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
      return child.exitCode;
    },
  };
}

// begin → log in as username → the redirect back; returns {begun, redirect}.
async function logInAs(rp, username, password = 'demo') {
  const begun = await rp.ask('begin');
  assert.equal(begun.ok, true, JSON.stringify(begun));
  const page = await login(begun.url, username, password);
  assert.ok(page.callback, `no redirect back: ${page.status} ${page.text?.slice(0, 300)}`);
  return { begun, redirect: page.callback.href };
}

let provider;
let rp;

before(async () => {
  provider = await startProvider();
  rp = relyingParty(['--config', provider.clientFile, '--show-cpr', '--jwks-min-interval', '-1']);
});

after(async () => {
  assert.equal(await rp?.stop(), 0);
  await provider?.stop();
});

test('the provider writes a client configuration and requires PKCE', async () => {
  assert.equal(provider.client.client_id, 'omsorg');
  assert.ok(provider.client.client_secret.length >= 43);
  assert.equal(provider.client.cpr_claim, 'dk.cpr');
  const meta = await (await fetch(`${provider.issuer}/.well-known/openid-configuration`)).json();
  assert.equal(meta.issuer, provider.issuer);
  assert.deepEqual(meta.code_challenge_methods_supported, ['S256']);
  assert.ok(meta.scopes_supported.includes('ssn'));
  // An authorization request without a code challenge goes back with an error.
  const begun = await rp.ask('begin');
  const url = new URL(begun.url);
  url.searchParams.delete('code_challenge');
  url.searchParams.delete('code_challenge_method');
  const page = await login(url.href, 'karen');
  assert.equal(page.callback.searchParams.get('error'), 'invalid_request');
  assert.match(page.callback.searchParams.get('error_description'), /PKCE/);
});

test('a citizen logs in: subject, CPR claim and level of assurance verified', async () => {
  const { begun, redirect } = await logInAs(rp, 'karen');
  const url = new URL(begun.url);
  assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
  assert.equal(url.searchParams.get('scope'), 'openid profile ssn');
  assert.ok(url.searchParams.get('acr_values').includes(SUBSTANTIAL));
  assert.doesNotMatch(begun.url, CPR_SHAPED);
  assert.doesNotMatch(redirect, CPR_SHAPED);
  const r = await rp.ask(`finish ${begun.cookie} ${redirect}`);
  assert.deepEqual(r, { ok: true, sub: KAREN.sub, cpr: KAREN.cpr, acr: SUBSTANTIAL, auth_time: 0 });
  // The same redirect again: the state is spent.
  const again = await rp.ask(`finish ${begun.cookie} ${redirect}`);
  assert.equal(again.error, 'state_mismatch');
});

test('a redirect with another browser\'s cookie or another state is refused', async () => {
  const a = await logInAs(rp, 'mette');
  const b = await rp.ask('begin');
  assert.equal((await rp.ask(`finish ${b.cookie} ${a.redirect}`)).error, 'state_mismatch');
  // The attempt spent the state: the right browser is refused too and starts again.
  assert.equal((await rp.ask(`finish ${a.begun.cookie} ${a.redirect}`)).error, 'state_mismatch');
  const c = await logInAs(rp, 'mette');
  const forged = new URL(c.redirect);
  forged.searchParams.set('state', 'A'.repeat(43));
  assert.equal((await rp.ask(`finish ${c.begun.cookie} ${forged.href}`)).error, 'state_mismatch');
});

test('a code is bound to its PKCE verifier: a stolen code fails in another log-in', async () => {
  const victim = await logInAs(rp, 'karen');
  const thief = await rp.ask('begin');
  const stolen = new URL(victim.redirect);
  stolen.searchParams.set('state', new URL(thief.url).searchParams.get('state'));
  const r = await rp.ask(`finish ${thief.cookie} ${stolen.href}`);
  assert.equal(r.error, 'token_endpoint');
  assert.match(r.detail, /HTTP 400.*invalid_grant/);
});

test('a redirect naming another issuer is refused (RFC 9207)', async () => {
  const { begun, redirect } = await logInAs(rp, 'poul');
  const mixed = new URL(redirect);
  mixed.searchParams.set('iss', 'https://evil.example');
  assert.equal((await rp.ask(`finish ${begun.cookie} ${mixed.href}`)).error, 'issuer_param');
});

test('a wrong password shows the form again; cancelling comes back as login_denied', async () => {
  const begun = await rp.ask('begin');
  const page = await login(begun.url, 'karen', 'forkert');
  assert.equal(page.status, 401);
  assert.match(page.text, /Forkert bruger-id eller adgangskode/);
  assert.match(page.text, /<html lang="da">/);
  const abort = /href="(\/interaction\/[^"]+\/abort)"/.exec(page.text)[1];
  const back = await follow(page.jar, new URL(abort, page.url).href);
  assert.equal(back.callback.searchParams.get('error'), 'access_denied');
  const r = await rp.ask(`finish ${begun.cookie} ${back.callback.href}`);
  assert.equal(r.error, 'login_denied');
  assert.equal(r.detail, 'provider error access_denied');
  // The state went with the cancelled log-in.
  assert.equal((await rp.ask(`finish ${begun.cookie} ${back.callback.href}`)).error, 'state_mismatch');
});

test('a wrong client secret is refused at the token endpoint', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'omsorg-oidc-secret-'));
  const secretFile = path.join(dir, 'secret');
  writeFileSync(secretFile, 'not-the-secret\n', { mode: 0o600 });
  const other = relyingParty(['--config', provider.clientFile, '--client-secret-file', secretFile]);
  try {
    const { begun, redirect } = await logInAs(other, 'karen');
    const r = await other.ask(`finish ${begun.cookie} ${redirect}`);
    assert.equal(r.error, 'token_endpoint');
    assert.match(r.detail, /HTTP 401.*invalid_client/);
  } finally {
    await other.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('ES256 ID tokens and client_secret_post; the CPR printed masked by default', async () => {
  const p2 = await startProvider({ args: ['--id-token-alg', 'ES256', '--token-auth-method', 'client_secret_post'] });
  const rp2 = relyingParty(['--config', p2.clientFile]);
  try {
    assert.equal(p2.client.token_endpoint_auth_method, 'client_secret_post');
    const { begun, redirect } = await logInAs(rp2, 'soeren');
    const r = await rp2.ask(`finish ${begun.cookie} ${redirect}`);
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.equal(r.cpr, '190652-xxxx');
    const token = await rp2.ask('discover');
    assert.equal(token.ok, true);
  } finally {
    await rp2.stop();
    await p2.stop();
  }
});

test('too low a level of assurance is refused', async () => {
  const low = await startProvider({ args: ['--acr', 'low'] });
  const rpLow = relyingParty(['--config', low.clientFile]);
  try {
    const { begun, redirect } = await logInAs(rpLow, 'karen');
    const r = await rpLow.ask(`finish ${begun.cookie} ${redirect}`);
    assert.equal(r.error, 'token_acr');
  } finally {
    await rpLow.stop();
    await low.stop();
  }
});

test('the provider rotates its keys: an unknown kid makes the RP fetch the JWKS again', async () => {
  const p = await startProvider();
  const port = new URL(p.issuer).port;
  const eager = relyingParty(['--config', p.clientFile, '--jwks-min-interval', '-1']);
  const patient = relyingParty(['--config', p.clientFile, '--jwks-min-interval', '3600']);
  let rotated;
  try {
    assert.equal((await eager.ask('discover')).ok, true);
    assert.equal((await patient.ask('discover')).ok, true);
    await p.stop({ keepState: true });
    rotated = await startProvider({ stateDir: p.stateDir, args: ['--port', port, '--new-keys'] });
    assert.equal(rotated.issuer, p.issuer);
    const a = await logInAs(eager, 'karen');
    const r = await eager.ask(`finish ${a.begun.cookie} ${a.redirect}`);
    assert.equal(r.ok, true, JSON.stringify(r));
    // The other RP fetched its keys moments ago and waits before it fetches again.
    const b = await logInAs(patient, 'karen');
    assert.equal((await patient.ask(`finish ${b.begun.cookie} ${b.redirect}`)).error, 'token_key');
  } finally {
    await eager.stop();
    await patient.stop();
    await (rotated || p).stop();
  }
});

test('no CPR number in the provider\'s output or the RP\'s errors', () => {
  assert.doesNotMatch(provider.out(), CPR_SHAPED);
  assert.equal(rp.stderr(), '');
});

test('the provider refuses identities with a CPR number that is not fictitious', () => {
  const w = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1];
  let passesMod11 = 1203410000;
  while ([...String(passesMod11)].reduce((s, d, i) => s + Number(d) * w[i], 0) % 11 !== 0) passesMod11++;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'omsorg-oidc-ids-'));
  try {
    // One that passes modulus 11 (as most real numbers do), 1 January, and born in 2010.
    for (const cpr of [String(passesMod11), '0101401000', '1203104000']) {
      const file = path.join(dir, 'ids.json');
      writeFileSync(file, JSON.stringify({ identities: [{ username: 'x', sub: 'x', given_name: 'X', family_name: 'Y', cpr }] }));
      const r = spawnSync(process.execPath, [PROVIDER, '--port', '0', '--state-dir', dir, '--identities', file],
        { encoding: 'utf8', timeout: 15_000 });
      assert.equal(r.status, 1, r.stdout + r.stderr);
      assert.match(r.stderr, /not fictitious/);
      assert.doesNotMatch(r.stderr, /\d{10}/);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('oidc-check refuses a bad configuration with a clear message', () => {
  const r = spawnSync(BIN, ['oidc-check', '--issuer', 'http://127.0.0.1:1', '--client-id', 'omsorg'], { encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /"client_secret" is missing/);
  const r2 = spawnSync(BIN, ['oidc-check', '--config', '/nonexistent.json'], { encoding: 'utf8' });
  assert.equal(r2.status, 2);
  assert.match(r2.stderr, /nonexistent\.json/);
  // The provider is down: begin says so, and the RP keeps running.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'omsorg-oidc-down-'));
  writeFileSync(path.join(dir, 's'), 'x\n');
  const r3 = spawnSync(BIN, ['oidc-check', '--script', '--issuer', 'http://127.0.0.1:1', '--allow-http',
    '--client-id', 'omsorg', '--client-secret-file', path.join(dir, 's'), '--redirect-uri', 'http://127.0.0.1:9/cb'],
  { encoding: 'utf8', input: 'begin\nbegin\n' });
  rmSync(dir, { recursive: true, force: true });
  assert.equal(r3.status, 0);
  const answers = r3.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(answers.length, 2);
  for (const a of answers) assert.equal(a.error, 'provider_unreachable');
});

test('scripts/oidc-provider.sh starts, reports and stops the provider', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'omsorg-oidc-sh-'));
  const script = path.resolve('..', 'scripts', 'oidc-provider.sh');
  const env = { ...process.env, OIDC_STATE_DIR: dir };
  const sh = (...args) => spawnSync('sh', [script, ...args], { encoding: 'utf8', env, timeout: 30_000 });
  try {
    const started = sh('start', '--port', '0');
    assert.equal(started.status, 0, started.stdout + started.stderr);
    assert.match(started.stdout, /issuer http:\/\/127\.0\.0\.1:\d+/);
    assert.match(started.stdout, /karen \(Karen Jensen\)/);
    assert.equal(sh('status').status, 0);
    assert.match(sh('start').stdout, /already running/);
    assert.match(sh('stop').stdout, /stopped/);
    assert.equal(sh('status').status, 3);
  } finally {
    sh('stop');
    rmSync(dir, { recursive: true, force: true });
  }
});
