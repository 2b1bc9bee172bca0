// `reslab rank` as a user runs it: random layers and a trained tiny image run's layers in
// one rank.json, which the report loader reads and the report's rank section draws.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { encodeIdx } from '../../src/data/images/idx.js';
import { runImages, DEFAULT_IMAGE_RUN } from '../../src/train/imageRun.js';
import { Rng } from '../../src/util/rng.js';
import { loadAnalysis } from '../../src/report/load.js';
import { rankSection } from '../../src/report/sections/ensemble.js';
import { run } from '../../src/cli/commands/rank.js';
import { UsageError } from '../../src/cli/args.js';

const root = mkdtempSync(join(tmpdir(), 'reslab-rank-'));
after(() => rmSync(root, { recursive: true, force: true }));

function reslab(...args: string[]) {
  return spawnSync(process.execPath, ['bin/reslab.js', 'rank', ...args], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, OMP_WAIT_POLICY: 'PASSIVE' } });
}

/** 8×8 images of 2 classes: a bright top or bottom half, plus noise. */
function writeImages(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const rng = new Rng(7);
  const make = (n: number) => {
    const labels = Array.from({ length: n }, (_, i) => i % 2);
    const px = labels.flatMap((c) => Array.from({ length: 64 }, (_, j) => Math.max(0, Math.min(255, Math.round(((j >> 5) === c ? 200 : 40) + rng.gauss(0, 20))))));
    return [encodeIdx('uint8', [n, 8, 8], px), encodeIdx('uint8', [n], labels)];
  };
  const [tri, trl] = make(80), [tei, tel] = make(20);
  writeFileSync(join(dir, 'train-images-idx3-ubyte'), tri);
  writeFileSync(join(dir, 'train-labels-idx1-ubyte'), trl);
  writeFileSync(join(dir, 't10k-images-idx3-ubyte'), tei);
  writeFileSync(join(dir, 't10k-labels-idx1-ubyte'), tel);
}

test('reslab rank --run writes rank.json with random layers, claims and the run\'s layers; the report loads and draws it', async () => {
  const data = join(root, 'data'), run = join(root, 'run'), out = join(root, 'analysis');
  writeImages(data);
  runImages({ ...DEFAULT_IMAGE_RUN, data, model: 'fmnist_resnet32', epochs: 1, batch: 20, patience: 5, limit: 0, val: 20, seed: 2 }, run);
  const r = reslab('--run', run, '--batch', '4', '--d-in', '8', '--n', '128', '--ratios', '1,2,4', '--trials', '2', '--nonlinearities', 'relu6,silu,identity', '--out', out, '--json');
  assert.equal(r.status, 0, r.stderr);
  const printed = JSON.parse(r.stdout.trim().split('\n').pop()!);
  const file = JSON.parse(readFileSync(join(out, 'rank.json'), 'utf8'));
  assert.deepEqual(printed, file);
  assert.equal(file.model, 'fmnist_resnet32');
  assert.equal(file.batch, 4);
  assert.equal(file.random.cells.length, 9);
  assert.deepEqual(file.claims.map((c: { id: string }) => c.id), ['expand-loses-rank', 'silu-elu-over-relu6', 'nonlinear-above-identity', 'identity-full']);
  assert.equal(file.claims[3].verdict, 'reproduced', file.claims[3].evidence);
  // fmnist_resnet32: stem + 15 blocks; 8×8 inputs, so layer 0 has 4 × 64 rows of 8 channels.
  assert.equal(file.layers.length, 16);
  assert.deepEqual([file.layers[0].rows, file.layers[0].channels, file.layers[0].maxRank], [256, 8, 8]);
  for (const l of file.layers) assert.ok(l.rank <= l.exactRank && l.exactRank <= l.maxRank, JSON.stringify(l));

  const a = loadAnalysis(out);
  assert.equal(a.rank!.model, 'fmnist_resnet32');
  assert.equal(a.rank!.random!.length, 9);
  assert.deepEqual(a.rank!.random![0], { nonlinearity: 'relu6', ratio: 1, mean: file.random.cells[0].mean, sd: file.random.cells[0].sd, exactMean: file.random.cells[0].exactMean });
  assert.equal(a.rank!.layers![5].maxRank, file.layers[5].maxRank);
  assert.equal(a.rank!.claims!.length, 4);
  const section = await rankSection([a.rank!]);
  // Random layers (how to read them, the rank measure), the claims, the run's layers (how to read them).
  assert.deepEqual(section.blocks.map((b) => b.kind), ['chart', 'paragraph', 'paragraph', 'table', 'chart', 'paragraph']);
});

test('rank.json without layers or random layers is a format error naming the file', () => {
  const dir = join(root, 'empty');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'rank.json'), JSON.stringify({ model: 'x' }));
  assert.throws(() => loadAnalysis(dir), /empty[/\\]rank\.json: field 'layers' or 'random' is required/);
});

test('bad flags are usage errors that name the flag', async () => {
  const r = reslab('--ratios', '2,0');
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /--ratios must be a comma list of positive numbers, got '2,0'/);
  assert.match(r.stderr, /usage: reslab rank/);
  for (const [args, msg] of [[['--trials', '0'], /--trials must be at least 1 \(0 only with --run\)/], [['--nonlinearities', 'relu,swish'], /--nonlinearities: unknown activation 'swish'/],
    [['--rtol', '1.5'], /--rtol must be a number in \[0, 1\), got '1.5'/], [['--d-in', '4', '--ratios', '0.1'], /--ratios: 0\.1 × --d-in 4 rounds to d_out 0/]] as const) {
    await assert.rejects(run([...args]), (e: Error) => e instanceof UsageError && msg.test(e.message));
  }
});
