// The `reslab` command as a user runs it: a child process through bin/reslab.js.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function reslab(...args: string[]) {
  return spawnSync(process.execPath, ['bin/reslab.js', ...args], { encoding: 'utf8', timeout: 120_000 });
}

test('unknown command exits 2 and says so', () => {
  const r = reslab('no-such-command');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /unknown command 'no-such-command'/);
});

test('help lists every command with its summary', () => {
  const r = reslab('help');
  assert.equal(r.status, 0, r.stderr);
  for (const name of ['demo', 'generate', 'features', 'models']) assert.match(r.stdout, new RegExp(`^  ${name} +\\w`, 'm'));
  assert.doesNotMatch(r.stdout, /cannot load/);
});

test('a bad flag is a usage error with the usage text', () => {
  const r = reslab('demo', '--no-such-flag');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /usage: reslab demo/);
});

test('demo runs generate → features → grid → model → one training step, seeded', () => {
  const dir = mkdtempSync(join(tmpdir(), 'reslab-demo-'));
  try {
    const results = [1, 2].map(() => {
      const r = reslab('demo', '--json', '--out', dir, '--batch', '32');
      assert.equal(r.status, 0, r.stderr);
      return JSON.parse(r.stdout.trim().split('\n').pop()!);
    });
    const [a, b] = results;
    assert.ok(a.generate.insiders > 0 && a.generate.events > 100_000, 'the small profile has insiders and real volume');
    assert.ok(a.features.rows > 1000 && a.features.insiderRows > 0, 'labelled user-days with malicious ones');
    assert.equal(a.layout.shape.length, 3);
    assert.equal(a.layout.shape[1], a.layout.rows.length);
    assert.ok(a.model.params > a.model.plainParams, 'the residual model has projection shortcuts its plain twin lacks');
    assert.ok(Number.isFinite(a.train.loss) && a.train.gradNorm > 0);
    assert.ok(a.train.malicious > 0 && a.train.malicious < a.train.batch, 'the batch has both classes');
    // Same seed, same numbers, through every stage.
    assert.equal(b.features.rows, a.features.rows);
    assert.equal(b.train.loss, a.train.loss);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
