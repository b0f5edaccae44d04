#!/usr/bin/env node
// A local OpenID provider for omsorg's demo and tests: `oidc-provider` (npm,
// OpenID Certified) with demo identities that carry a Danish CPR claim, the
// way a MitID broker's ID token does. It is NOT a MitID broker and must never
// hold real identities: it refuses to start with a CPR number that is not
// fictitious (docs/ARCHITECTURE.md, "Fictitious CPR numbers").
//
//   node web/oidc/provider.mjs [--port 8081] [--state-dir data/oidc] ...
//
// State (created at first start, mode 0600, never committed): STATE_DIR/provider.json
// holds the signing keys (RSA and EC P-256), the cookie keys and the client
// secret; STATE_DIR/client.json is the relying-party configuration for omsorg
// (issuer, client id and secret, redirect URI, scopes, CPR claim), read by
// `omsorg oidc-check --config` and, in phase 2, by `omsorg serve`.
// See docs/portal.md for the whole flow and every option.
import { createServer } from 'node:http';
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const require = createRequire(path.join(here, '..', 'package.json'));

// NSIS levels of assurance as the Danish brokers name them in `acr`.
export const LOA = {
  low: 'https://data.gov.dk/concept/core/nsis/loa/Low',
  substantial: 'https://data.gov.dk/concept/core/nsis/loa/Substantial',
  high: 'https://data.gov.dk/concept/core/nsis/loa/High',
};

const USAGE = `usage: node web/oidc/provider.mjs [options]

  --port N                 port to listen on (default 8081; 0 = any free port)
  --host ADDR              address to bind (default 127.0.0.1)
  --issuer URL             issuer (default http://127.0.0.1:PORT)
  --state-dir DIR          keys, client secret and client.json (default data/oidc)
  --identities FILE        demo identities (default web/oidc/demo-identities.json)
  --client-id ID           omsorg's client id (default omsorg)
  --redirect-uri URL       omsorg's redirect URI (default http://localhost:8080/min-side/login/callback)
  --token-auth-method M    client_secret_basic (default) or client_secret_post
  --id-token-alg ALG       RS256 (default) or ES256
  --cpr-scope NAME         scope that releases the CPR claim (default ssn)
  --cpr-claim NAME         name of the CPR claim (default dk.cpr)
  --acr LEVEL              level of assurance issued: low, substantial (default), high
  --new-keys               generate new signing keys (a key rotation), keep the client secret
`;

function options() {
  const bad = (msg) => {
    process.stderr.write(`oidc-provider: ${msg}\n\n${USAGE}`);
    process.exit(2);
  };
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string', default: '8081' },
        host: { type: 'string', default: '127.0.0.1' },
        issuer: { type: 'string' },
        'state-dir': { type: 'string', default: path.join(repo, 'data', 'oidc') },
        identities: { type: 'string', default: path.join(here, 'demo-identities.json') },
        'client-id': { type: 'string', default: 'omsorg' },
        'redirect-uri': { type: 'string', default: 'http://localhost:8080/min-side/login/callback' },
        'token-auth-method': { type: 'string', default: 'client_secret_basic' },
        'id-token-alg': { type: 'string', default: 'RS256' },
        'cpr-scope': { type: 'string', default: 'ssn' },
        'cpr-claim': { type: 'string', default: 'dk.cpr' },
        acr: { type: 'string', default: 'substantial' },
        'new-keys': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (err) {
    bad(err.message);
  }
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  if (!/^\d+$/.test(values.port) || Number(values.port) > 65535) bad(`--port: '${values.port}' is not a port`);
  if (!['client_secret_basic', 'client_secret_post'].includes(values['token-auth-method']))
    bad(`--token-auth-method: '${values['token-auth-method']}' is not client_secret_basic or client_secret_post`);
  if (!['RS256', 'ES256'].includes(values['id-token-alg']))
    bad(`--id-token-alg: '${values['id-token-alg']}' is not RS256 or ES256`);
  if (!LOA[values.acr]) bad(`--acr: '${values.acr}' is not low, substantial or high`);
  return values;
}

// The modulus-11 rule and the fictitious scheme of src/core/cpr.c, so that a
// real person's number can never be put in the demo provider by mistake.
export function cprIsFictitious(cpr) {
  if (!/^\d{10}$/.test(cpr)) return false;
  const day = Number(cpr.slice(0, 2));
  const month = Number(cpr.slice(2, 4));
  const yy = Number(cpr.slice(4, 6));
  const d7 = Number(cpr[6]);
  let century;
  if (d7 <= 3) century = 1900;
  else if (d7 === 4 || d7 === 9) century = yy <= 36 ? 2000 : 1900;
  else century = yy <= 57 ? 2000 : 1800;
  const year = century + yy;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return false;
  const w = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1];
  const mod11 = [...cpr].reduce((s, c, i) => s + Number(c) * w[i], 0) % 11 === 0;
  const before2007 = year < 2007 || (year === 2007 && month < 10);
  const newYear = month === 1 && day === 1;
  return before2007 && !newYear && !mod11;
}

function loadIdentities(file) {
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  const byUser = new Map();
  const bySub = new Map();
  for (const id of doc.identities) {
    for (const k of ['username', 'sub', 'given_name', 'family_name', 'cpr'])
      if (typeof id[k] !== 'string' || !id[k]) throw new Error(`${file}: an identity has no '${k}'`);
    if (!cprIsFictitious(id.cpr))
      throw new Error(`${file}: identity '${id.username}' has a CPR number that is not fictitious; ` +
                      'the demo provider only takes fictitious numbers');
    if (byUser.has(id.username) || bySub.has(id.sub))
      throw new Error(`${file}: identity '${id.username}' is there twice`);
    byUser.set(id.username, id);
    bySub.set(id.sub, id);
  }
  return { password: doc.password || 'demo', byUser, bySub };
}

function writePrivate(file, data) {
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
}

function newSigningKeys() {
  const stamp = new Date().toISOString().slice(0, 10);
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  return [
    { ...rsa, kid: `rsa-${stamp}-${randomUUID().slice(0, 8)}`, use: 'sig', alg: 'RS256' },
    { ...ec, kid: `ec-${stamp}-${randomUUID().slice(0, 8)}`, use: 'sig', alg: 'ES256' },
  ];
}

// Keys and the client secret: made at first start, kept in STATE_DIR/provider.json.
function loadState(dir, newKeys) {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, 'provider.json');
  let state = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
  if (!state) {
    state = {
      comment: 'Local demo OpenID provider: signing keys, cookie keys and omsorg\'s client secret. Not for production.',
      keys: newSigningKeys(),
      cookieKeys: [randomBytes(32).toString('base64url')],
      clientSecret: randomBytes(32).toString('base64url'),
    };
    writePrivate(file, state);
  } else if (newKeys) {
    state.keys = newSigningKeys();
    writePrivate(file, state);
  }
  return state;
}

const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => ({
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;',
}[c]));

function page(res, status, title, body) {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  });
  res.end(`<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 0; background: #f5f5f5; color: #1a1a1a; }
main { max-width: 26rem; margin: 2rem auto; background: #fff; padding: 1.5rem; border: 1px solid #747474; }
h1 { font-size: 1.5rem; margin-top: 0; }
label { display: block; font-weight: 600; margin-top: 1rem; }
input { font-size: 1rem; width: 100%; box-sizing: border-box; padding: .6rem; margin-top: .25rem;
        border: 2px solid #454545; }
button { font-size: 1rem; margin-top: 1.25rem; padding: .7rem 1.5rem; min-height: 44px;
         background: #0059b3; color: #fff; border: 0; cursor: pointer; }
.error { border-left: 4px solid #b51d09; padding: .5rem .75rem; background: #fbeaea; }
.note { font-size: .9rem; color: #3d3d3d; }
table { border-collapse: collapse; margin-top: .5rem; font-size: .9rem; }
th, td { text-align: left; padding: .2rem .6rem .2rem 0; }
a { color: #0059b3; }
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`);
}

function loginPage(res, uid, ids, { error = '', username = '' } = {}) {
  const rows = [...ids.byUser.values()].map((id) =>
    `<tr><td>${escapeHtml(id.username)}</td><td>${escapeHtml(`${id.given_name} ${id.family_name}`)}</td></tr>`).join('\n');
  page(res, error ? 401 : 200, 'Log ind – demo', `<h1>Log ind</h1>
<p class="note">Dette er en lokal demo af log-ind med MitID. Brug et af demo-brugernavnene nedenfor.
Adgangskoden er <strong>${escapeHtml(ids.password)}</strong>.</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/interaction/${encodeURIComponent(uid)}/login">
<label for="username">Bruger-id</label>
<input id="username" name="username" autocomplete="username" autocapitalize="none" required value="${escapeHtml(username)}">
<label for="password">Adgangskode</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Log ind</button>
</form>
<p><a href="/interaction/${encodeURIComponent(uid)}/abort">Afbryd log-ind</a></p>
<h2 style="font-size:1.1rem">Demo-brugere</h2>
<table>
<thead><tr><th scope="col">Bruger-id</th><th scope="col">Navn</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`);
}

async function readForm(req) {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 16 * 1024) throw new Error('form too large');
  }
  return new URLSearchParams(body);
}

export async function start(opts) {
  // Loaded here, so that --help and usage errors come without its start-up warnings.
  const { default: Provider } = await import(require.resolve('oidc-provider'));
  const ids = loadIdentities(path.resolve(opts.identities));
  const state = loadState(path.resolve(opts['state-dir']), opts['new-keys']);
  const cprClaim = opts['cpr-claim'];
  const cprScope = opts['cpr-scope'];
  const acr = LOA[opts.acr];

  const server = createServer();
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(Number(opts.port), opts.host, resolve);
  });
  const port = server.address().port;
  const issuer = opts.issuer || `http://127.0.0.1:${port}`;

  const provider = new Provider(issuer, {
    clients: [{
      client_id: opts['client-id'],
      client_secret: state.clientSecret,
      redirect_uris: [opts['redirect-uri']],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: opts['token-auth-method'],
      id_token_signed_response_alg: opts['id-token-alg'],
    }],
    jwks: { keys: state.keys },
    cookies: { keys: state.cookieKeys },
    // PKCE with S256 on every authorization request, confidential client or not.
    pkce: { required: () => true },
    scopes: ['openid', 'profile', cprScope],
    claims: {
      openid: ['sub'],
      profile: ['name', 'given_name', 'family_name', 'birthdate'],
      [cprScope]: [cprClaim],
      acr: null,
      auth_time: null,
    },
    acrValues: Object.values(LOA),
    // The claims of the requested scopes go into the ID token itself, as the
    // brokers do; omsorg reads only the (signed) ID token, not userinfo.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false }, userinfo: { enabled: true } },
    responseTypes: ['code'],
    ttl: { AuthorizationCode: 120, IdToken: 600, AccessToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    async findAccount(ctx, sub) {
      const id = ids.bySub.get(sub);
      if (!id) return undefined;
      return {
        accountId: sub,
        async claims() {
          return {
            sub,
            name: `${id.given_name} ${id.family_name}`,
            given_name: id.given_name,
            family_name: id.family_name,
            birthdate: id.birthdate,
            [cprClaim]: id.cpr,
          };
        },
      };
    },
    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = `<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Fejl</title></head>
<body><main><h1>Log-ind mislykkedes</h1><p>${escapeHtml(out.error)}: ${escapeHtml(out.error_description || '')}</p></main></body></html>`;
    },
  });
  // Errors are printed by code only: never a claim, so never a CPR number.
  provider.on('server_error', (ctx, err) => process.stderr.write(`oidc-provider: server error: ${err.message}\n`));

  const oidc = provider.callback();
  server.on('request', async (req, res) => {
    const url = new URL(req.url, issuer);
    const m = /^\/interaction\/([\w-]+)(\/login|\/abort)?$/.exec(url.pathname);
    if (!m) return oidc(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      if (details.uid !== m[1]) throw new Error('interaction mismatch');
      const { prompt, params } = details;
      if (m[2] === '/abort' && req.method === 'GET') {
        return await provider.interactionFinished(req, res,
          { error: 'access_denied', error_description: 'Log-ind afbrudt' }, { mergeWithLastSubmission: false });
      }
      if (prompt.name === 'login' && !m[2] && req.method === 'GET')
        return loginPage(res, details.uid, ids);
      if (prompt.name === 'login' && m[2] === '/login' && req.method === 'POST') {
        const form = await readForm(req);
        const username = (form.get('username') || '').trim();
        const id = ids.byUser.get(username);
        if (!id || form.get('password') !== ids.password)
          return loginPage(res, details.uid, ids, { error: 'Forkert bruger-id eller adgangskode.', username });
        return await provider.interactionFinished(req, res, {
          login: { accountId: id.sub, acr, amr: ['pwd'] },
        }, { mergeWithLastSubmission: false });
      }
      if (prompt.name === 'consent' && !m[2] && req.method === 'GET') {
        // omsorg is the municipality's own service: consent is given by the
        // citizen's choice to log in, so it is granted here without a page.
        const grant = details.grantId
          ? await provider.Grant.find(details.grantId)
          : new provider.Grant({ accountId: details.session.accountId, clientId: params.client_id });
        if (prompt.details.missingOIDCScope) grant.addOIDCScope(prompt.details.missingOIDCScope.join(' '));
        if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
        const grantId = await grant.save();
        return await provider.interactionFinished(req, res,
          { consent: details.grantId ? {} : { grantId } }, { mergeWithLastSubmission: true });
      }
      return page(res, 400, 'Fejl', '<h1>Ugyldig forespørgsel</h1>');
    } catch (err) {
      return page(res, 400, 'Fejl', `<h1>Log-ind kan ikke fortsætte</h1><p>${escapeHtml(err.message)}</p>
<p>Start log-ind forfra fra omsorg.</p>`);
    }
  });

  // The relying party's configuration for omsorg (oidc_config_load in src/lib/oidc.h).
  const clientFile = path.join(path.resolve(opts['state-dir']), 'client.json');
  writePrivate(clientFile, {
    issuer,
    client_id: opts['client-id'],
    client_secret: state.clientSecret,
    redirect_uri: opts['redirect-uri'],
    scopes: `openid profile ${cprScope}`,
    cpr_claim: cprClaim,
    acr_values: `${LOA.substantial} ${LOA.high}`,
    token_endpoint_auth_method: opts['token-auth-method'],
    allow_http: issuer.startsWith('http:'),
  });
  return { server, provider, issuer, port, clientFile, ids };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const opts = options();
  let running;
  try {
    running = await start(opts);
  } catch (err) {
    process.stderr.write(`oidc-provider: ${err.message}\n`);
    process.exit(1);
  }
  const { issuer, clientFile, ids } = running;
  const users = [...ids.byUser.values()].map((id) => `${id.username} (${id.given_name} ${id.family_name})`);
  process.stdout.write(`oidc-provider: issuer ${issuer} (demo only; not a MitID broker)\n` +
    `oidc-provider: omsorg's client configuration in ${clientFile}\n` +
    `oidc-provider: demo log-ins, password '${ids.password}': ${users.join(', ')}\n`);
  const stop = () => running.server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
