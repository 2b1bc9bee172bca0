// The variant claims under the 3×SE rule: a difference is judged only when it is at
// least three times its seed standard error; with a single seed nothing is judged. Each
// claim states its difference, SE, seeds and rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeClaims } from '../../src/analysis/variants/claims.js';
import { differenceOfMeans, meanAbove, resolvedSign, describeDifference } from '../../src/analysis/variants/threeSe.js';
import type { VariantRow } from '../../src/analysis/variants/study.js';
import { fakeRow, spreadOf } from './variantRows.js';

const verdictOf = (rows: VariantRow[], id: string) => judgeClaims(rows).find((c) => c.id === id)!;

/** resnet_v1 at 84 % and plain at 80 % (a 4-point difference), each seed `spread` points from its mean. */
function pair(spread: number, seeds = 3): VariantRow[] {
  const accs = (c: number) => spreadOf(c, spread).slice(0, seeds).map((a) => ({ acc: a / 100 }));
  return [fakeRow('resnet_v1', seeds === 1 ? [{ acc: 0.84 }] : accs(84)), fakeRow('plain', seeds === 1 ? [{ acc: 0.8 }] : accs(80))];
}

test('the SE of a difference of means is sqrt(sdA²/nA + sdB²/nB) with the sample sd; one seed leaves it unknown', () => {
  const d = differenceOfMeans([1, 2, 3], [0, 0, 0, 0]);
  assert.equal(d.diff, 2);
  assert.ok(Math.abs(d.se! - Math.sqrt(1 / 3)) < 1e-12);
  assert.deepEqual(d.n, [3, 4]);
  assert.equal(differenceOfMeans([5], [1, 2]).se, null);
  assert.equal(resolvedSign(differenceOfMeans([5], [1, 2])), 0);
  const m = meanAbove([3, 4, 5], 1);
  assert.equal(m.diff, 3);
  assert.ok(Math.abs(m.se! - 1 / Math.sqrt(3)) < 1e-12);
  // Exactly 3 SE counts; a zero difference never does, even with no spread.
  assert.equal(resolvedSign({ diff: -3, se: 1, n: [2, 2] }), -1);
  assert.equal(resolvedSign({ diff: 2.99, se: 1, n: [2, 2] }), 0);
  assert.equal(resolvedSign({ diff: 0, se: 0, n: [2, 2] }), 0);
  assert.equal(describeDifference({ diff: 4, se: 1, n: [3, 3] }), '+4.00 pp, SE 1.00 (4.0×), 3 vs 3 seeds');
  assert.equal(describeDifference({ diff: 4, se: null, n: [1, 1] }), '+4.00 pp, SE unknown (1 vs 1 seeds)');
});

test('3×SE: a 4-point difference at 4 SE is judged, at 2 SE (larger seed spread) or on one seed it is too small to tell', () => {
  // Both sides spread by s: SE = s·sqrt(2/3), so s = sqrt(1.5) gives SE 1 (4 pp = 4 SE) and twice that SE 2 (2 SE).
  const s = Math.sqrt(1.5);
  const judged = verdictOf(pair(s), 'residual-beats-plain');
  assert.equal(judged.verdict, 'reproduced');
  assert.match(judged.evidence, /\+4\.00 pp, SE 1\.00 \(4\.0×\), 3 vs 3 seeds; seeds 1, 2, 3/);
  assert.match(judged.rule, /≥ 3× its seed SE, sqrt\(sdA²\/nA \+ sdB²\/nB\)/);
  const wide = verdictOf(pair(2 * s), 'residual-beats-plain');
  assert.equal(wide.verdict, 'too small to tell');
  assert.match(wide.evidence, /\+4\.00 pp, SE 2\.00 \(2\.0×\)/);
  const one = verdictOf(pair(s, 1), 'residual-beats-plain');
  assert.equal(one.verdict, 'too small to tell');
  assert.match(one.evidence, /SE unknown \(1 vs 1 seeds\); seed 1/);
  // The same difference the other way round, resolved, refutes the claim.
  const [v1, plain] = pair(s);
  assert.equal(verdictOf([{ ...v1, name: 'plain' }, { ...plain, name: 'resnet_v1' }], 'residual-beats-plain').verdict, 'not reproduced');
});

/** A full study of made-up rows over three seeds: resnet_v1 clearly above plain, the rest as given. */
function study(): VariantRow[] {
  const seeds = (accs: number[], extra: (i: number) => object = () => ({})) => accs.map((a, i) => ({ acc: a / 100, ...extra(i) }));
  const loss = (late: number) => () => ({ tenths: [2, 2, 2, 2, 2, late, late, late, late, late] });
  return [
    // Deleting one block: rises 0.5 ± 0.1 pp; k curve rising by 5 pp a step.
    fakeRow('resnet_v1', seeds([84, 85, 86], (i) => ({ rise: [0.4, 0.5, 0.6][i], baseline: 15, k: [20 + i * 0.1, 25, 30, 35] }))),
    // Plain: 60 % accurate (40 % error, chance 90), one deletion adds 40 ± 1 pp: beyond half-way (25 pp).
    fakeRow('plain', seeds([59, 60, 61], (i) => ({ rise: [39, 40, 41][i], baseline: 40 }))),
    fakeRow('stochastic', seeds([85, 85.5, 86])),
    fakeRow('wrn', seeds([70, 71, 72])),
    // (e) best by far over (a)–(c), level with (d); (b)'s late loss the highest against all.
    fakeRow('preact_a', seeds([80, 81, 82], loss(0.5))),
    fakeRow('preact_b', seeds([75, 76, 77], loss(0.9))),
    fakeRow('preact_c', seeds([70, 71, 72], loss(0.6))),
    fakeRow('preact_d', seeds([85, 86, 87], loss(0.5))),
    fakeRow('preact_e', seeds([85, 86.5, 88], loss(0.4))),
    fakeRow('fractalnet', seeds([80, 81, 82], (i) => ({ rise: null, columns: [30 + i, 22, 19 - i * 0.1] }))),
  ];
}

test('every claim follows its numbers under the 3×SE rule', () => {
  const rows = study();
  const v = (id: string) => verdictOf(rows, id).verdict;
  assert.equal(v('residual-beats-plain'), 'reproduced');
  // wrn and every pre-activation net are well above plain's 60 %; stochastic and resnet_v1 too.
  assert.equal(v('all-residual-beat-plain'), 'reproduced');
  // (e) beats (a), (b), (c) by ≥ 3 SE, but not (d): partly.
  assert.equal(v('preact-e-best'), 'partly');
  assert.equal(v('preact-b-slow'), 'reproduced');
  assert.equal(v('lesion-single-resnet'), 'reproduced');
  assert.equal(v('lesion-single-plain'), 'reproduced');
  assert.equal(v('lesion-k-smooth'), 'reproduced');
  // +0.5 pp at SE 0.65: within 3 SE.
  assert.equal(v('stochastic-depth-helps'), 'too small to tell');
  assert.equal(v('fractal-anytime'), 'reproduced');
  // Every claim states its differences with their SEs and its seeds, and its rule ends in the 3×SE rule.
  for (const c of judgeClaims(rows)) {
    assert.match(c.evidence, /SE .*seeds 1, 2, 3$/, c.id);
    assert.match(c.rule, /≥ 3× its seed SE/, c.id);
  }
});

test('with one seed every claim is too small to tell; missing variants say what they need', () => {
  const one = study().map((r) => fakeRow(r.name, [{ acc: r.seeds[0].testAccuracy, rise: r.seeds[0].lesion.singleMean, baseline: r.seeds[0].lesion.baseline, k: r.seeds[0].lesion.k.map((p) => p.error), tenths: r.seeds[0].firstEpochTenths, columns: r.seeds[0].lesion.columns?.columns.map((c) => c.error) }]));
  for (const c of judgeClaims(one)) assert.equal(c.verdict, 'too small to tell', `${c.id}: ${c.evidence}`);
  const few = judgeClaims(study().filter((r) => r.name === 'resnet_v1' || r.name === 'plain'));
  assert.match(few.find((c) => c.id === 'preact-e-best')!.evidence, /needs preact_a … preact_e/);
  assert.match(few.find((c) => c.id === 'fractal-anytime')!.evidence, /needs fractalnet/);
});

test('lesion claims: a large resolved rise refutes "barely changes"; a plain net at chance cannot collapse', () => {
  const rows = study();
  const big = rows.map((r) => (r.name === 'resnet_v1' ? fakeRow('resnet_v1', [20, 21, 22].map((rise) => ({ acc: 0.85, rise, baseline: 15 }))) : r));
  assert.equal(verdictOf(big, 'lesion-single-resnet').verdict, 'not reproduced');
  const mid = rows.map((r) => (r.name === 'resnet_v1' ? fakeRow('resnet_v1', [5, 5.5, 6].map((rise) => ({ acc: 0.85, rise, baseline: 15 }))) : r));
  assert.equal(verdictOf(mid, 'lesion-single-resnet').verdict, 'partly');
  const atChance = rows.map((r) => (r.name === 'plain' ? fakeRow('plain', [0.1, 0.11, 0.12].map((acc) => ({ acc, rise: 0, baseline: 89 }))) : r));
  assert.equal(verdictOf(atChance, 'lesion-single-plain').verdict, 'too small to tell');
  // A step carrying most of the rise: rises, but not smoothly.
  const step = rows.map((r) => (r.name === 'resnet_v1' ? fakeRow('resnet_v1', [0, 0.2, 0.4].map((e) => ({ acc: 0.85, baseline: 15, k: [20 + e, 20.5, 21 - e / 2, 40 + e] }))) : r));
  assert.equal(verdictOf(step, 'lesion-k-smooth').verdict, 'partly');
});
