// Shattered gradients of a trained run: a tiny image run (8×8 images, 3 classes, one
// epoch through runImages), swept between two training rows, trained against fresh init.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as torch from '../../src/torch/index.js';
import { runImages, DEFAULT_IMAGE_RUN } from '../../src/train/imageRun.js';
import { loadTarget } from '../../src/analysis/targets.js';
import { inputGradient } from '../../src/analysis/pathGradient.js';
import { labelOf, runRunStudy } from '../../src/analysis/shattered/run.js';
import { lineGradient, lineInputs, evenly, type Line } from '../../src/analysis/shattered/sweep.js';
import { writeBandImages } from './helpers.js';

const root = mkdtempSync(join(tmpdir(), 'reslab-shattered-run-'));
after(() => rmSync(root, { recursive: true, force: true }));

const data = join(root, 'data');
const runDir = join(root, 'run');
mkdirSync(data, { recursive: true });
writeBandImages(data, { train: 150, test: 30 });
runImages({ ...DEFAULT_IMAGE_RUN, data, model: 'fmnist_resnet32', epochs: 1, batch: 32, patience: 10, limit: 0, val: 30, seed: 3 }, runDir);

test('labelOf reads each row\'s label out of a cross-entropy objective', () => {
  const y = torch.tensor(BigInt64Array.from([2n, 0n, 1n, 2n]));
  const probe = { x: torch.zeros([4, 5]), objective: (z: torch.Tensor) => torch.F.crossEntropy(z, y, { reduction: 'sum' }) };
  assert.deepEqual([0, 1, 2, 3].map((r) => labelOf(probe, 3, r)), [2, 0, 1, 2]);
  y.dispose(); probe.x.dispose();
});

test('the sweep gradient d score / d t is the input gradient dotted with the line\'s direction (chain rule, two code paths)', async () => {
  const target = await loadTarget(runDir, { probeBatch: 8, seed: 1 });
  try {
    torch.tidy(() => {
      const p = target.probe(0);
      const a = p.x.narrow(0, 0, 1), b = p.x.narrow(0, 1, 1);
      const line: Line = { start: a, direction: b.sub(a), t: evenly(0, 1, 9) };
      const viaT = lineGradient(target.model, line, (z) => z.select(1, 1));
      const gx = inputGradient(target.model, { x: lineInputs(line), objective: (z) => z.select(1, 1).sum() });
      const viaX = gx.mul(line.direction).flatten(1).sum(1).toFlatArray();
      viaT.forEach((v, i) => assert.ok(Math.abs(v - viaX[i]) <= 1e-4 * (1 + Math.abs(viaX[i])), `t = ${line.t[i]}: ${v} vs ${viaX[i]}`));
      assert.ok(viaT.some((v) => Math.abs(v) > 1e-4), 'a non-zero gradient, so the comparison can fail');
    });
  } finally {
    target.dispose();
  }
});

test('runRunStudy: trained and fresh-init series over seeds, on [0, 1], seeded', async () => {
  const o = { points: 24, seeds: [1, 2], maxLag: 4, batch: 16 };
  const s = await runRunStudy(runDir, o);
  assert.equal(s.kind, 'run');
  assert.equal(s.model, 'fmnist_resnet32');
  assert.deepEqual(s.results.map((r) => r.series), ['trained', 'fresh init']);
  for (const r of s.results) {
    assert.equal(r.depth, 15);
    assert.equal(r.gradient.length, 24);
    assert.equal(r.gradient[0].x, 0);
    assert.equal(r.gradient[23].x, 1);
    assert.equal(r.neighbour.values.length, 2);
    assert.ok(r.neighbour.values.every((v) => v >= -1 && v <= 1));
  }
  assert.match(String(s.options.score), /true-class logit/);
  // Another fresh init: the two series differ; the same options give the same numbers.
  assert.notDeepEqual(s.results[0].gradient, s.results[1].gradient);
  assert.deepEqual(await runRunStudy(runDir, o), s);
  const trainedOnly = await runRunStudy(runDir, { ...o, fresh: false });
  assert.deepEqual(trainedOnly.results, [s.results[0]]);
});

test('an unsupervised detection run is refused with the file and field named', async () => {
  const dir = join(root, 'ae');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ model: 'tabular_resnet2d', mode: 'autoencoder' }));
  await assert.rejects(runRunStudy(dir, { points: 8, seeds: [1] }), /config\.json: "mode" is "autoencoder"/);
});
