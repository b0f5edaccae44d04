// The layer rule (scripts/check-layers.sh, `make check-layers`): the real
// tree passes, and a tree with an include that goes up a layer fails and
// names the file and line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const script = path.join(repo, 'scripts/check-layers.sh');
const run = (dir) => spawnSync('sh', [script, dir], { encoding: 'utf8' });

test('every include in src goes down a layer', () => {
  const r = run(path.join(repo, 'src'));
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /every include goes down a layer/);
});

test('an include that goes up a layer fails and is named', () => {
  const cases = [
    ['core/x.c', 'store/store.h'],   // the domain rules reaching for SQL
    ['core/y.c', 'plan/plan.h'],     // core and plan are siblings
    ['plan/z.c', 'core/model.h'],
    ['store/w.c', 'app/app.h'],
    ['app/v.c', 'web/web.h'],
    ['web/u.c', 'cli/cli.h'],
  ];
  for (const [file, header] of cases) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'omsorg-layers-'));
    fs.cpSync(path.join(repo, 'src'), path.join(dir, 'src'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'src', file), `/* test */\n#include "${header}"\n`);
    const r = run(path.join(dir, 'src'));
    fs.rmSync(dir, { recursive: true, force: true });
    assert.equal(r.status, 1, `${file} including ${header} must fail`);
    assert.match(r.stdout, new RegExp(`${file}:2: \\w+ includes ${header}`));
  }
});
