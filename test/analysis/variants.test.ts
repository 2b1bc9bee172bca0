// The variant study end to end on a tiny synthetic image set: every listed variant trains
// through the one image-run path and gets its lesion figures; the tables and claims come
// out of the numbers. 16×16 images (not 12×12) so FractalNet's four poolings keep a pixel.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeIdx } from '../../src/data/images/idx.js';
import { Rng } from '../../src/util/rng.js';
import { runVariants, tenths, spreadKs, DEFAULT_VARIANT_STUDY, type VariantStudy } from '../../src/analysis/variants/study.js';
import { VARIANTS, pickVariants } from '../../src/analysis/variants/zoo.js';
import { judgeClaims } from '../../src/analysis/variants/claims.js';
import { fakeRow } from './variantRows.js';
import { variantsMarkdown } from '../../src/analysis/variants/table.js';
import { buildModel, withInput, profileModel } from '../../src/models/index.js';
import { loadAnalysis, renderReport } from '../../src/report/index.js';

const SIDE = 16;

/** n images of 4 classes: class c lights up quadrant c (plus seeded noise). */
function images(n: number, seed: number): { pixels: number[]; labels: number[] } {
  const rng = new Rng(seed, 0x7e57);
  const pixels: number[] = [], labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % 4;
    labels.push(c);
    for (let y = 0; y < SIDE; y++) {
      for (let x = 0; x < SIDE; x++) {
        const q = (y < SIDE / 2 ? 0 : 2) + (x < SIDE / 2 ? 0 : 1);
        pixels.push(Math.min(255, Math.floor((q === c ? 150 : 30) + rng.int(80))));
      }
    }
  }
  return { pixels, labels };
}

function writeSet(dir: string): string {
  for (const [part, n, seed] of [['train', 200, 1], ['t10k', 60, 2]] as const) {
    const { pixels, labels } = images(n, seed);
    writeFileSync(join(dir, `${part}-images-idx3-ubyte`), encodeIdx('uint8', [n, SIDE, SIDE], pixels));
    writeFileSync(join(dir, `${part}-labels-idx1-ubyte`), encodeIdx('uint8', [n], labels));
  }
  return dir;
}

test('tenths: means over ten contiguous parts, fewer parts for short series', () => {
  assert.deepEqual(tenths(Array.from({ length: 20 }, (_, i) => i)), [0.5, 2.5, 4.5, 6.5, 8.5, 10.5, 12.5, 14.5, 16.5, 18.5]);
  assert.deepEqual(tenths([3, 1, 2]), [3, 1, 2]);
});

test('spreadKs: at most n values of k from 1 to the maximum, both ends kept; every k when n covers them', () => {
  assert.deepEqual(spreadKs(13, 5), [1, 4, 7, 10, 13]);
  assert.deepEqual(spreadKs(18, 5), [1, 5, 10, 14, 18]);
  assert.equal(spreadKs(5, 5), undefined);
  assert.equal(spreadKs(13, 0), undefined);
  assert.deepEqual(spreadKs(13, 1), [1]);
});

test('every variant of the study stays within the parameter budget on 1×28×28 and the list covers the families', () => {
  const names = VARIANTS.map((v) => v.name);
  for (const n of ['resnet_v1', 'preact_a', 'preact_b', 'preact_c', 'preact_d', 'preact_e', 'wrn', 'resnext', 'res2net', 'densenet', 'stochastic', 'fractalnet', 'rexnet', 'highway', 'multires', 'plain']) {
    assert.ok(names.includes(n), `${n} is missing`);
  }
  for (const v of VARIANTS) {
    const m = buildModel(withInput(v.config(), [1, 28, 28]));
    const p = profileModel(m, [1, 28, 28]).params;
    m.dispose();
    assert.ok(p > 40_000 && p < 150_000, `${v.name}: ${p} parameters`);
  }
  assert.throws(() => pickVariants(['nope']), /unknown variant/);
});

test('every variant trains through the image-run path (its loss falls) and gets lesion figures', { timeout: 180_000 }, async () => {
  const root = mkdtempSync(join(tmpdir(), 'reslab-variants-'));
  const data = writeSet(mkdtempSync(join(tmpdir(), 'reslab-variants-data-')));
  const opts = { ...DEFAULT_VARIANT_STUDY, data, out: root, epochs: 3, seeds: [1], limit: 0, val: 20, testLimit: 0, lesionRows: 60, trials: 1, batch: 32, lr: 5e-3 };
  const study: VariantStudy = await runVariants(opts);
  assert.equal(study.rows.length, VARIANTS.length);
  for (const r of study.rows) {
    const run = r.seeds[0];
    // Same code path: an ordinary image run directory with its metrics and lesion.json.
    assert.ok(existsSync(join(run.dir, 'metrics.jsonl')) && existsSync(join(run.dir, 'lesion.json')), r.name);
    const epochs = readFileSync(join(run.dir, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { trainLoss: number });
    assert.equal(epochs.length, 3, r.name);
    assert.ok(epochs[2].trainLoss < run.firstEpochLoss[0], `${r.name}: loss ${run.firstEpochLoss[0]} → ${epochs[2].trainLoss}`);
    assert.ok(run.firstEpochLoss.length >= 5 && r.firstEpochTenths.length >= 5, r.name);
    assert.ok(r.params > 0 && r.macs > 0, r.name);
    assert.ok(Number.isFinite(r.baselineError) && r.chance === 75, r.name);
    if (r.deletable > 0) {
      // One-block figure and the k curve from 1 to the number of deletable blocks, thinned to kPoints values.
      assert.ok(r.singleDrop !== null && Number.isFinite(r.singleDrop), `${r.name}: single-block drop`);
      assert.deepEqual(r.kCurve.map((p) => p.k), spreadKs(r.deletable, opts.kPoints) ?? Array.from({ length: r.deletable }, (_, i) => i + 1), r.name);
      assert.equal(r.kCurve[0].k, 1);
      assert.equal(r.kCurve.at(-1)!.k, r.deletable);
      assert.ok(r.kCurve.every((p) => p.error >= 0 && p.error <= 100), r.name);
    } else {
      // FractalNet: every block pools, so Veit's block lesion does not apply; its column deletion does.
      assert.equal(r.name, 'fractalnet');
      assert.equal(r.singleDrop, null);
    }
    if (r.name === 'fractalnet') {
      assert.deepEqual(r.columnErrors!.map((c) => [c.column, c.convsPerBlock]), [[0, 1], [1, 2], [2, 4]]);
      assert.ok(r.columnErrors!.every((c) => c.error >= 0 && c.error <= 100));
      assert.ok(existsSync(join(run.dir, 'columns.json')));
    } else {
      assert.equal(r.columnErrors, null, r.name);
    }
  }
  // ReXNet is lesioned at its blocks with shortcuts (stride 1), not at its stage transitions.
  assert.equal(study.rows.find((r) => r.name === 'rexnet')!.deletable, 7);
  // The pattern is learnable: the reference ResNet is well above chance.
  assert.ok(study.rows.find((r) => r.name === 'resnet_v1')!.accuracy.mean > 0.5);
  assert.equal(study.claims.length, 9);
  // One seed: no SE, so the 3×SE rule judges nothing, and every claim says so with its numbers.
  for (const c of study.claims) {
    assert.equal(c.verdict, 'too small to tell', c.id);
    assert.match(c.evidence, /SE unknown|SE \?|at chance/, c.id);
  }
  const md = variantsMarkdown(study);
  for (const v of VARIANTS) assert.ok(md.includes(`| ${v.name} |`), v.name);
  assert.match(md, /\| fractalnet \|.*\| full [\d.]+ · c1 [\d.]+ c2 [\d.]+ c3 [\d.]+ \|/);
  assert.match(md, /3×SE rule: a difference counts only when/);

  // Resume reuses finished seeds: same numbers, no retraining.
  const t = performance.now();
  const again = await runVariants({ ...opts, only: ['resnet_v1', 'plain'], resume: true });
  assert.ok(performance.now() - t < 5000);
  assert.deepEqual(again.rows.map((r) => r.accuracy), study.rows.filter((r) => r.name === 'resnet_v1' || r.name === 'plain').map((r) => r.accuracy));
});

test('variants.json reads into the report: a table of the variants, the claims and charts', async () => {
  const rows = [fakeRow('resnet_v1', [0.79, 0.8, 0.81].map((acc) => ({ acc, rise: 1 }))), fakeRow('plain', [0.69, 0.7, 0.71].map((acc) => ({ acc, rise: 60, baseline: 30 })))];
  const study: VariantStudy = { options: { ...DEFAULT_VARIANT_STUDY, data: 'x' }, rows, claims: judgeClaims(rows), seconds: 1 };
  // The table gives each mean with its seed SE: accuracies 79/80/81 % have sd 1, SE 1/√3.
  assert.match(variantsMarkdown(study), /\| resnet_v1 \|.*\| 80\.00 ± 0\.58 \|/);
  const dir = mkdtempSync(join(tmpdir(), 'reslab-variants-report-'));
  writeFileSync(join(dir, 'variants.json'), JSON.stringify(study));
  const a = loadAnalysis(dir);
  assert.deepEqual(a.variants!.rows.map((r) => r.name), ['resnet_v1', 'plain']);
  assert.equal(a.variants!.rows[1].singleDrop, 60);
  assert.equal(a.variants!.budget, `${DEFAULT_VARIANT_STUDY.limit} training images, ${DEFAULT_VARIANT_STUDY.epochs} epoch(s), seeds 1, 2, 3`);
  const r = await renderReport({ title: 't', variants: [a.variants!] });
  assert.deepEqual(r.sections, ['variants']);
  assert.ok(r.charts >= 2);
  assert.match(r.html, /resnet_v1/);
  assert.match(r.html, /reproduced/);
});

test('reslab variants: flags checked, variants.json and variants.md written, --json ends stdout with the study', async () => {
  const { run } = await import('../../src/cli/commands/variants.js');
  const data = writeSet(mkdtempSync(join(tmpdir(), 'reslab-variants-data-')));
  const out = mkdtempSync(join(tmpdir(), 'reslab-variants-cli-'));
  await assert.rejects(run(['--images', data, '--only', 'nope']), /unknown variant/);
  await assert.rejects(run(['--images', data, '--seeds', '1,x']), /--seeds/);
  const written: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((s: string) => { written.push(String(s)); return true; }) as typeof process.stdout.write;
  try {
    await run(['--images', data, '--only', 'resnet_v1', '--epochs', '1', '--limit', '0', '--val', '20', '--test-limit', '0', '--lesion-rows', '30', '--trials', '1', '--batch', '32', '--out', out, '--json']);
  } finally {
    process.stdout.write = write;
  }
  const last = JSON.parse(written.join('').trim().split('\n').at(-1)!) as VariantStudy;
  assert.deepEqual(last.rows.map((r) => r.name), ['resnet_v1']);
  assert.ok(existsSync(join(out, 'variants.json')) && readFileSync(join(out, 'variants.md'), 'utf8').includes('| resnet_v1 |'));
});
