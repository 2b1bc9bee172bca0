// ensureWorld: generates a world once under its key, reuses it after, is byte-for-byte
// the generator's output for the definition, and clears temp directories of killed runs;
// ensureFeatures extracts once beside it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { generateOptions, worldKey, type WorldDef } from '../../src/contest/suite.js';
import { ensureFeatures, ensureWorld, WORLD_FILE } from '../../src/contest/world.js';
import { generate } from '../../src/data/synth/index.js';
import { FEATURES_VERSION } from '../../src/data/cert/index.js';

const root = mkdtempSync(join(tmpdir(), 'reslab-world-'));
after(() => rmSync(root, { recursive: true, force: true }));

const DEF: WorldDef = { name: 'tiny', release: 'r6.2', users: 30, start: '2010-01-04', days: 30, insiders: 3, scenarios: [1, 2, 5], seed: 3, lookalikes: 2, drift: 0.2, sparse: 0.2 };

test('ensureWorld generates once under the key, then reuses the directory', async () => {
  const cache = join(root, 'cache');
  // A temp directory left by a killed run (a pid that no longer exists).
  const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
  const stale = join(cache, `.${worldKey(DEF)}.tmp-${dead}-1`);
  mkdirSync(stale, { recursive: true });
  const dir = await ensureWorld(DEF, cache);
  assert.equal(dir, join(cache, worldKey(DEF)));
  assert.ok(!existsSync(stale), 'stale temp directory left');
  assert.deepEqual(readdirSync(cache), [worldKey(DEF)]);
  const marker = JSON.parse(readFileSync(join(dir, WORLD_FILE), 'utf8'));
  assert.equal(marker.key, worldKey(DEF));
  assert.equal(marker.definition.lookalikes, 2);
  const stamp = statSync(join(dir, 'logon.csv')).mtimeMs;
  writeFileSync(join(dir, 'mine.txt'), 'kept');
  assert.equal(await ensureWorld({ ...DEF, name: 'renamed' }, cache), dir);
  assert.equal(statSync(join(dir, 'logon.csv')).mtimeMs, stamp);
  assert.ok(existsSync(join(dir, 'mine.txt')));

  // The same bytes as generate() with the definition's options.
  const direct = join(root, 'direct');
  await generate({ ...generateOptions(DEF, direct), quiet: true });
  for (const f of ['logon.csv', 'device.csv', 'file.csv', 'http.csv', 'answers/insiders.csv', 'GENERATED.json']) {
    assert.ok(readFileSync(join(dir, f)).equals(readFileSync(join(direct, f))), f);
  }
});

test('ensureFeatures extracts the day features once, beside the world', async () => {
  const dir = await ensureWorld(DEF, join(root, 'cache2'));
  const first = await ensureFeatures(dir);
  assert.equal(first.path, join(dir, `features-day-v${FEATURES_VERSION}.parquet`));
  assert.ok(existsSync(first.path));
  assert.ok(first.summary && first.summary.insiderUsers === 3, `labelled insiders: ${first.summary?.insiderUsers}`);
  const again = await ensureFeatures(dir);
  assert.equal(again.path, first.path);
  assert.equal(again.summary, null);
});
