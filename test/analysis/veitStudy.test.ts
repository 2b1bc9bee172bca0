// bench:veit's per-seed study (src/analysis/veitStudy.ts) on a tiny separable image set at
// the 15-block layout: each net's dissection is recorded with its fingerprint, --resume
// reuses it unchanged, a changed option measures again, and two seeds make claims that
// carry seed SEs.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runVeitSeed, DEFAULT_VEIT_STUDY, type VeitStudyOptions } from '../../src/analysis/veitStudy.js';
import { veitClaims } from '../../src/analysis/veitClaims.js';
import { writeBandImages } from './helpers.js';

const root = mkdtempSync(join(tmpdir(), 'reslab-veit-study-'));
after(() => rmSync(root, { recursive: true, force: true }));
const data = join(root, 'data');
mkdirSync(data);
writeBandImages(data);
const base: VeitStudyOptions = { ...DEFAULT_VEIT_STUDY, data, out: join(root, 'out'), depth: 32, limit: 0, epochs: 1, val: 40, testRows: 60, trials: 1, pathSamples: 1, seeds: [1, 2], resume: true };

test('a seed trains, dissects and records each net; --resume reuses the records; a changed option measures again', async () => {
  const lines: string[] = [];
  const first = await runVeitSeed(base, 1, (s) => lines.push(s));
  assert.equal(lines.filter((l) => l.includes('reusing')).length, 0);
  for (const m of ['fmnist_resnet32', 'fmnist_plain32']) {
    for (const f of ['veit-net.json', 'lesion.json', 'weights.safetensors']) assert.ok(existsSync(join(root, 'out', 'seed1', m, f)), `${m}/${f}`);
  }
  assert.ok(existsSync(join(root, 'out', 'seed1', 'fmnist_resnet32', 'paths.json')));
  assert.ok(!existsSync(join(root, 'out', 'seed1', 'fmnist_plain32', 'paths.json')), 'no path analysis of the plain twin');
  assert.equal(first.nets.sd, null, 'no stochastic-depth net at depth 32');
  assert.equal(first.evidence.resnet.single.length, 15);
  assert.deepEqual(first.evidence.resnet.k.map((e) => e.k), [1, 2, 3, 4, 6, 8, 10, 13]);

  const again: string[] = [];
  const reused = await runVeitSeed(base, 1, (s) => again.push(s));
  assert.equal(again.filter((l) => l.includes('reusing')).length, 2, again.join('\n'));
  assert.deepEqual(reused, first);

  const changed: string[] = [];
  const other = await runVeitSeed({ ...base, trials: 2 }, 1, (s) => changed.push(s));
  assert.equal(changed.filter((l) => l.includes('reusing')).length, 0, 'other lesion options: measured again');
  assert.equal(other.evidence.resnet.k[0]!.trials, 2);
});

test('two seeds give claims whose evidence carries seed SEs', async () => {
  const seeds = await Promise.all([1, 2].map(async (s) => (await runVeitSeed({ ...base, trials: 2 }, s, () => {})).evidence));
  const claims = veitClaims({ seeds, names: { resnet: 'ResNet', plain: 'plain' } });
  assert.deepEqual(claims.map((c) => c.id), ['single-deletion', 'k-deletion-smooth', 'reorder-smooth', 'short-effective-paths']);
  assert.match(claims[0]!.evidence, /SE \d/);
  assert.equal(claims.find((c) => c.id === 'short-effective-paths')!.verdict, 'too small to tell', '15 blocks cannot judge the short paths');
});
