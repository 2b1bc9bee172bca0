// The `reslab` command as a user runs it: a child process through bin/reslab.js.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

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
  for (const name of ['demo', 'generate', 'models']) assert.match(r.stdout, new RegExp(`^  ${name} +\\w`, 'm'));
  assert.doesNotMatch(r.stdout, /cannot load/);
});

test('a bad flag is a usage error with the usage text', () => {
  const r = reslab('demo', '--no-such-flag');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /usage: reslab demo/);
});

test('demo --json ends stdout with one JSON object and is seeded', () => {
  const runs = [reslab('demo', '--json', '--steps', '30'), reslab('demo', '--json', '--steps', '30')];
  const results = runs.map((r) => {
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout.trim().split('\n').pop()!);
  });
  assert.ok(results[0].stages.length >= 1);
  assert.equal(results[0].engine.lastLoss, results[1].engine.lastLoss, 'same seed, same numbers');
  assert.ok(results[0].engine.lastLoss < results[0].engine.firstLoss * 0.8, 'training lowers the loss');
});
