// A tiny image run trained through `runImages` (the code behind `reslab train --images`),
// then dissected: lesion and paths results must be well-formed, and the CLI commands
// must write the JSON the report reads.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { runImages, DEFAULT_IMAGE_RUN, loadImageRun } from '../../src/train/imageRun.js';
import { loadTarget } from '../../src/analysis/targets.js';
import { runLesion } from '../../src/analysis/lesion.js';
import { analysePaths } from '../../src/analysis/paths.js';
import { binomial } from '../../src/analysis/pathCounts.js';
import { writeBandImages } from './helpers.js';

const root = mkdtempSync(join(tmpdir(), 'reslab-veit-'));
after(() => rmSync(root, { recursive: true, force: true }));

const data = join(root, 'data');
const cfg = (model: string, epochs: number) => ({ ...DEFAULT_IMAGE_RUN, data, model, epochs, batch: 32, patience: 10, limit: 0, val: 40, seed: 3 });
let resnetDir = '', plainDir = '';

test('an image run writes config.json (task images), metrics.jsonl, weights and result.json, and loads back', () => {
  rmSync(data, { recursive: true, force: true });
  mkdirSync(data, { recursive: true });
  writeBandImages(data);
  resnetDir = join(root, 'resnet');
  const r = runImages(cfg('fmnist_resnet32', 3), resnetDir);
  assert.deepEqual(r.rows, { train: 200, val: 40, test: 60 });
  for (const f of ['config.json', 'metrics.jsonl', 'weights.safetensors', 'result.json', 'members/0/best.safetensors']) assert.ok(existsSync(join(resnetDir, f)), f);
  const config = JSON.parse(readFileSync(join(resnetDir, 'config.json'), 'utf8'));
  assert.equal(config.task, 'images');
  assert.deepEqual(config.inputShape, [1, 8, 8]);
  assert.equal(config.blocks, 15);
  const metrics = readFileSync(join(resnetDir, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(metrics.length, 3);
  assert.ok(metrics.every((m) => typeof m.valAccuracy === 'number'));
  const result = JSON.parse(readFileSync(join(resnetDir, 'result.json'), 'utf8'));
  assert.equal(result.test.rows, 60);
  assert.ok(result.test.accuracy > 0.6, `a separable 3-class problem: test accuracy ${result.test.accuracy}`);
  const loaded = loadImageRun(resnetDir);
  assert.equal(loaded.split.train.length, 200);
  assert.equal(loaded.config.normalize.std > 0, true);
  loaded.model.dispose();
  plainDir = join(root, 'plain');
  runImages(cfg('fmnist_plain32', 1), plainDir);
});

test('lesion and paths on the trained run are well-formed', async () => {
  const t = await loadTarget(resnetDir, { probeBatch: 8 });
  const r = runLesion(t.model, t.name, t.evaluator, { modes: ['single', 'k', 'reorder'], ks: [1, 2, 3], trials: 2, seed: 1 });
  assert.equal(r.metric, 'test error (%)');
  assert.ok(Math.abs(r.chance - 200 / 3) < 1e-9, `chance ${r.chance}`);
  assert.equal(r.single.length, 15);
  assert.deepEqual(r.single.filter((e) => e.downsample).map((e) => e.block), [5, 10]);
  for (const e of r.single) assert.ok(e.value !== null && e.value >= 0 && e.value <= 100);
  assert.deepEqual(r.k.map((e) => e.k), [1, 2, 3]);
  assert.deepEqual(r.reorder.map((e) => e.k), [1, 2, 3]);
  assert.equal(r.reorderTrials.length, 6);
  const p = analysePaths(t.model, t.name, { samples: 2, seed: 1, probe: t.probe });
  assert.deepEqual(p.lengths.map((e) => e.count), Array.from({ length: 16 }, (_, k) => Number(binomial(15, k))));
  assert.ok(p.gradient.every((g) => Number.isFinite(g.mean) && g.mean > 0));
  assert.ok(p.range90[0] <= p.range90[1] && p.range90[1] <= 15);
  // The model ends as it started: the same baseline again.
  assert.equal(t.evaluator.evaluate(t.model).value, r.baseline);
  t.dispose();
});

function cli(args: string[]): { out: string; code: number | null; err: string } {
  const r = spawnSync(process.execPath, ['bin/reslab.js', ...args], { encoding: 'utf8', env: { ...process.env, OMP_WAIT_POLICY: 'PASSIVE' } });
  return { out: r.stdout, code: r.status, err: r.stderr };
}

test('reslab lesion --json --out writes the report shape; on the plain twin it prints the contrast', () => {
  const file = join(root, 'lesion.json');
  const r = cli(['lesion', '--run', resnetDir, '--mode', 'single,k,reorder', '--k', '2', '--trials', '1', '--json', '--out', file]);
  assert.equal(r.code, 0, r.err);
  const last = JSON.parse(r.out.trim().split('\n').pop()!);
  const saved = JSON.parse(readFileSync(file, 'utf8'));
  assert.deepEqual(saved, last);
  for (const key of ['model', 'metric', 'baseline', 'single', 'k', 'reorder', 'reorderTrials']) assert.ok(key in saved, key);
  assert.equal(saved.model, 'fmnist_resnet32');
  assert.deepEqual(Object.keys(saved.single[0]).sort(), ['block', 'downsample', 'removable', 'value']);
  assert.deepEqual(Object.keys(saved.k[0]).sort(), ['k', 'mean', 'sd', 'trials']);
  assert.deepEqual(Object.keys(saved.reorderTrials[0]).sort(), ['k', 'tau', 'value']);
  const plain = cli(['lesion', '--run', plainDir, '--mode', 'single', '--quiet']);
  assert.equal(plain.code, 0, plain.err);
  assert.match(plain.out, /not removable/);
  assert.match(plain.out, /contrast: a plain net has one path/);
  const bad = cli(['lesion', '--run', resnetDir, '--mode', 'shuffle']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--mode must be/);
});

test('reslab paths --json --out writes lengths, gradient, contribution and range90', () => {
  const file = join(root, 'paths.json');
  const r = cli(['paths', '--run', resnetDir, '--samples', '1', '--batch', '4', '--json', '--out', file]);
  assert.equal(r.code, 0, r.err);
  const saved = JSON.parse(readFileSync(file, 'utf8'));
  assert.deepEqual(JSON.parse(r.out.trim().split('\n').pop()!), saved);
  for (const key of ['model', 'lengths', 'gradient', 'contribution', 'range90']) assert.ok(key in saved, key);
  assert.equal(saved.lengths.length, 16);
  assert.deepEqual(Object.keys(saved.gradient[0]).sort(), ['length', 'mean', 'sd']);
  assert.equal(saved.range90.length, 2);
});
