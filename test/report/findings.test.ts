// The lesion and paths sections state findings computed from their figures: change the
// numbers so that a claim flips, and the sentence flips with it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lesionFinding, pathFigures, pathsFinding } from '../../src/report/sections/findings.js';
import type { PathsFigures } from '../../src/report/types.js';

/** Binomial path counts over `blocks` blocks, gradient per path falling (or rising) by `factor` per branch. */
function paths(model: string, blocks: number, factor: number): PathsFigures {
  const binom = (n: number, k: number): number => (k === 0 || k === n ? 1 : binom(n - 1, k - 1) + binom(n - 1, k));
  const lengths = Array.from({ length: blocks + 1 }, (_, k) => ({ length: k, count: binom(blocks, k) }));
  return { model, lengths, gradient: lengths.map((l) => ({ length: l.length, mean: factor ** l.length })) };
}

test('paths: a steeply falling gradient per path is "reproduced", a flat one "not reproduced", a shallow net "too small to tell"', () => {
  const steep = pathsFinding([paths('resnet', 12, 0.3)]);
  assert.match(steep, /resnet: paths average 6\.0 .* — reproduced/);
  const f = pathFigures(paths('resnet', 12, 0.3))!;
  assert.ok(f.gradientLength < 0.75 * f.meanLength && f.range90[1] < 12);
  assert.match(pathsFinding([paths('resnet', 12, 1)]), /ratio 1\.00.* — not reproduced/);
  assert.match(pathsFinding([paths('resnet', 12, 0.9)]), / — partly/);
  assert.match(pathsFinding([paths('resnet', 4, 0.3)]), /too small to tell with 4 blocks/);
  assert.match(pathsFinding([{ model: 'm', lengths: [{ length: 1, count: 2 }, { length: 2, count: 1 }] }]), /no model has gradient figures, too small to tell/);
  assert.match(pathsFinding([{ model: 'plain', lengths: [{ length: 6, count: 1 }], gradient: [{ length: 6, mean: 1 }] }]), /plain: one path of length 6 \(no shortcuts\), nothing to judge/);
});

test('lesion: the ResNet losing far less than its plain twin is "reproduced"; the other way round "not reproduced"', () => {
  const single = (d: number) => [0, 1, 2].map((block) => ({ block, value: 0.8 - d }));
  const gentle = lesionFinding([
    { model: 'grid resnet', metric: 'PR-AUC', baseline: 0.8, single: single(0.01) },
    { model: 'grid plain', metric: 'PR-AUC', baseline: 0.8, single: single(0.3) },
  ]);
  assert.match(gentle, /grid resnet loses 0\.010 PR-AUC on average .* — reproduced\./);
  const flipped = lesionFinding([
    { model: 'grid resnet', metric: 'PR-AUC', baseline: 0.8, single: single(0.3) },
    { model: 'grid plain', metric: 'PR-AUC', baseline: 0.8, single: single(0.01) },
  ]);
  assert.match(flipped, / — not reproduced\./);
  // Error rates: lower is better, so a rise is the damage.
  const errors = lesionFinding([
    { model: 'resnet', metric: 'test error (%)', baseline: 10, single: [{ block: 0, value: 11 }] },
    { model: 'plain', metric: 'test error (%)', baseline: 10, single: [{ block: 0, value: 60 }] },
  ]);
  assert.match(errors, /resnet loses 1\.000 test error \(%\) .* — reproduced\./);
  assert.match(lesionFinding([{ model: 'resnet', metric: 'PR-AUC', baseline: 0.8, single: single(0.1) }]), /without a ResNet and its plain twin, too small to tell/);
});
