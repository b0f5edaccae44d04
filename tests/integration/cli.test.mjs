// Integration tests of the command-line tool.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from './helpers.mjs';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'omsorg-cli-'));

test('--help explains every command; bad usage exits 2', () => {
  let r = run(['--help']);
  assert.equal(r.status, 0);
  for (const cmd of ['serve', 'demo', 'migrate', 'backup', 'useradd']) {
    assert.match(r.stdout, new RegExp(`\\b${cmd}\\b`));
    const h = run([cmd, '--help']);
    assert.equal(h.status, 0, cmd);
    assert.match(h.stdout, /^usage: omsorg/, cmd);
  }
  assert.equal(run([]).status, 2);
  assert.equal(run(['nope']).status, 2);
  r = run(['serve', '--port', 'abc', '--db', 'x']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--port/);
  assert.equal(run(['demo']).status, 2);
  assert.equal(run(['demo', '--db', '/tmp/x', '--citizens', '-1']).status, 2);
  assert.equal(run(['backup', '--db', 'x']).status, 2);
  assert.equal(run(['migrate', '--bogus']).status, 2);
});

test('demo is deterministic, refuses to overwrite, and migrate/backup work', () => {
  const dir = tmp();
  try {
    const a = path.join(dir, 'a.db');
    const b = path.join(dir, 'b.db');
    assert.equal(run(['demo', '--db', a, '--citizens', '40', '--seed', '3']).status, 0);
    assert.equal(run(['demo', '--db', b, '--citizens', '40', '--seed', '3']).status, 0);
    assert.equal(run(['demo', '--db', a]).status, 1, 'refuses to overwrite');
    const m = run(['migrate', '--db', a]);
    assert.equal(m.status, 0);
    assert.match(m.stdout, /0 migration\(s\) applied/);
    const bk = path.join(dir, 'backup.db');
    assert.equal(run(['backup', '--db', a, '--to', bk]).status, 0);
    assert.ok(existsSync(bk));
    assert.equal(run(['backup', '--db', a, '--to', bk]).status, 1, 'refuses an existing target');
    // same seed, same municipality
    const dump = (db) => spawnSync('sqlite3', [db, 'SELECT cpr, first_name, last_name, address, lat, get_up FROM citizen ORDER BY id; SELECT username, team_id FROM user ORDER BY id;'], { encoding: 'utf8' }).stdout;
    assert.ok(dump(a).split('\n').length > 40 + 4 * 8, 'the citizens and the staff are there');
    assert.equal(dump(a), dump(b));
    assert.equal(dump(bk), dump(a), 'the backup holds the same data');
    const c = path.join(dir, 'c.db');
    assert.equal(run(['demo', '--db', c, '--citizens', '40', '--seed', '4']).status, 0);
    assert.notEqual(dump(c), dump(a), 'another seed, another municipality');
    const fresh = path.join(dir, 'fresh.db');
    const mf = run(['migrate', '--db', fresh]);
    assert.equal(mf.status, 0);
    assert.match(mf.stdout, /schema version \d+/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('useradd reads the password from stdin and validates it', () => {
  const dir = tmp();
  try {
    const db = path.join(dir, 'u.db');
    assert.equal(run(['demo', '--db', db, '--citizens', '0']).status, 0);
    let r = run(['useradd', '--db', db, '--username', 'ny', '--name', 'Ny Sosu', '--role', 'carer', '--team', 'nord'], 'kort\n');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /password/);
    r = run(['useradd', '--db', db, '--username', 'ny', '--name', 'Ny Sosu', '--role', 'carer', '--team', 'nord', '--skill', 'personlig-pleje'], 'en-lang-adgangskode\n');
    assert.equal(r.status, 0, r.stderr);
    r = run(['useradd', '--db', db, '--username', 'ny', '--name', 'Ny Sosu', '--role', 'carer', '--team', 'nord'], 'en-lang-adgangskode\n');
    assert.equal(r.status, 1);
    assert.match(r.stderr, /taken/);
    r = run(['useradd', '--db', db, '--username', 'x', '--name', 'X', '--role', 'pilot'], 'en-lang-adgangskode\n');
    assert.equal(r.status, 2);
    r = run(['useradd', '--db', db, '--username', 'xy', '--name', 'X', '--role', 'carer', '--team', 'mars'], 'en-lang-adgangskode\n');
    assert.equal(r.status, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
