// Same seed, same bytes (whatever the number of worker threads); another seed, other
// bytes; and a run that fails midway leaves the previous output untouched.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { generate } from '../../src/data/synth/index.js';
import { tempDir, TINY } from './helpers.js';

function hashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

const opts = { ...TINY, release: 'r6.2' as const, users: 40, days: 30 };

test('same seed gives byte-identical output with 0 and 2 worker threads', async () => {
  const root = tempDir();
  await generate({ ...opts, out: join(root, 'a'), workers: 0 });
  await generate({ ...opts, out: join(root, 'b'), workers: 2 });
  const a = hashes(join(root, 'a'));
  const b = hashes(join(root, 'b'));
  assert.ok(Object.keys(a).length >= 10);
  assert.deepEqual(b, a);
});

test('a different seed gives different data', async () => {
  const root = tempDir();
  await generate({ ...opts, out: join(root, 'a') });
  await generate({ ...opts, out: join(root, 'b'), seed: opts.seed + 1 });
  const a = hashes(join(root, 'a'));
  const b = hashes(join(root, 'b'));
  for (const f of ['logon.csv', 'http.csv', 'psychometric.csv']) assert.notEqual(a[f], b[f], f);
});

test('an interrupted run leaves the previous output intact and no partial directory', async () => {
  const root = tempDir();
  const out = join(root, 'ds');
  await generate({ ...opts, out });
  const before = hashes(out);
  await assert.rejects(
    generate({
      ...opts,
      out,
      seed: 99,
      onProgress: (done) => {
        if (done === 10) throw new Error('stop');
      },
    }),
    /stop/,
  );
  assert.deepEqual(hashes(out), before);
  assert.deepEqual(readdirSync(root), ['ds']);
  // A successful rerun replaces it.
  await generate({ ...opts, out, seed: 99 });
  assert.notEqual(hashes(out)['logon.csv'], before['logon.csv']);
});

test('refuses to replace a directory that is not a generated dataset', async () => {
  const out = join(tempDir(), 'mine');
  mkdirSync(out);
  writeFileSync(join(out, 'notes.txt'), 'keep me');
  await assert.rejects(generate({ ...opts, out }), /refusing to replace/);
  assert.equal(readFileSync(join(out, 'notes.txt'), 'utf8'), 'keep me');
  assert.ok(existsSync(dirname(out)));
});
