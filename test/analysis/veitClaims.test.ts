// bench:veit's claims judge (src/analysis/veitClaims.ts): each claim flips with the numbers
// it rests on, a net at chance makes every claim too small to tell, and a path analysis
// under 20 residual blocks cannot judge the short-paths claim.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { veitClaims, type VeitEvidence } from '../../src/analysis/veitClaims.js';
import type { LesionResult } from '../../src/analysis/lesion.js';
import type { PathsResult } from '../../src/analysis/paths.js';

/** A lesion result: `single` increases over a baseline of 10 % error, a k curve, reorder trials with error = a + b·τ. */
function lesion(o: { single: number; k: number[]; tauSlope: number; baseline?: number }): LesionResult {
  const baseline = o.baseline ?? 10;
  return {
    model: 'm', metric: 'test error (%)', lowerIsBetter: true, chance: 90, baseline, blocks: 54, plain: false,
    single: Array.from({ length: 54 }, (_, b) => ({ block: b, value: baseline + o.single + (b % 5) * 0.01, downsample: b === 18 || b === 36, removable: true })),
    k: o.k.map((mean, i) => ({ k: i + 1, mean, sd: 1, trials: 3 })),
    reorder: [],
    reorderTrials: Array.from({ length: 20 }, (_, i) => ({ k: 1 + (i % 5), tau: 1 - i / 20, value: baseline + o.tauSlope * (1 - i / 20) + (i % 3) * 0.1 })),
  };
}

function paths(o: { residualBlocks: number; range90: [number, number]; pathRange90: [number, number]; meanEffective: number; meanPath: number }): PathsResult {
  return {
    model: 'm', blocks: o.residualBlocks, residualBlocks: o.residualBlocks, lengths: [], share: 0.9,
    gradient: [{ length: 0, mean: 1, sd: 0 }, { length: 1, mean: 0.1, sd: 0 }], contribution: [],
    range90: o.range90, pathRange90: o.pathRange90, meanPathLength: o.meanPath, meanEffectiveLength: o.meanEffective,
  };
}

const smooth = Array.from({ length: 20 }, (_, i) => 10 + 1.5 * i);
const DEEP = paths({ residualBlocks: 54, range90: [5, 17], pathRange90: [21, 33], meanEffective: 11, meanPath: 27 });
const names = { resnet: 'ResNet', stochasticDepth: 'SD', plain: 'plain' };
const verdicts = (e: VeitEvidence) => Object.fromEntries(veitClaims(e).map((c) => [c.id, c.verdict]));

test('the paper\'s pattern is reproduced; each claim carries the paper\'s figure and its rule', () => {
  const e: VeitEvidence = { resnet: lesion({ single: 0.5, k: smooth, tauSlope: -20 }), stochasticDepth: lesion({ single: 0.2, k: smooth.map((v) => v - 3), tauSlope: -10 }), plain: lesion({ single: 60, k: smooth, tauSlope: 0 }), paths: DEEP, names };
  assert.deepEqual(verdicts(e), { 'single-deletion': 'reproduced', 'k-deletion-smooth': 'reproduced', 'reorder-smooth': 'reproduced', 'short-effective-paths': 'reproduced', 'stochastic-depth': 'reproduced' });
  for (const c of veitClaims(e)) assert.ok(c.paper.length > 10 && c.rule.length > 10 && c.source === 'Veit et al. 2016', c.id);
});

test('each claim flips with its numbers', () => {
  const e: VeitEvidence = {
    resnet: lesion({ single: 40, k: smooth.map((v, i) => (i % 2 ? v - 10 : v)), tauSlope: 5 }),
    stochasticDepth: lesion({ single: 50, k: smooth.map((v) => v + 5), tauSlope: 0 }),
    plain: lesion({ single: 30, k: smooth, tauSlope: 0 }),
    paths: paths({ residualBlocks: 54, range90: [20, 34], pathRange90: [21, 33], meanEffective: 27, meanPath: 27 }),
    names,
  };
  assert.deepEqual(verdicts(e), { 'single-deletion': 'not reproduced', 'k-deletion-smooth': 'not reproduced', 'reorder-smooth': 'not reproduced', 'short-effective-paths': 'not reproduced', 'stochastic-depth': 'not reproduced' });
});

test('a net at chance makes every claim too small to tell; a 15-block path analysis cannot judge the short paths', () => {
  const atChance: VeitEvidence = { resnet: lesion({ single: 0.5, k: smooth, tauSlope: -20 }), stochasticDepth: null, plain: lesion({ single: 1, k: smooth, tauSlope: 0, baseline: 89 }), paths: DEEP, names };
  const c = veitClaims(atChance);
  assert.ok(c.every((x) => x.verdict === 'too small to tell'), JSON.stringify(c.map((x) => x.verdict)));
  assert.match(c[0]!.evidence, /^nets at chance \(plain 89.00 %/);
  assert.equal(c.find((x) => x.id === 'stochastic-depth'), undefined, 'no stochastic-depth claim without that net');
  const shallow: VeitEvidence = { ...atChance, plain: lesion({ single: 60, k: smooth, tauSlope: 0 }), paths: paths({ residualBlocks: 15, range90: [4, 10], pathRange90: [4, 11], meanEffective: 7, meanPath: 7.5 }) };
  assert.equal(verdicts(shallow)['short-effective-paths'], 'too small to tell');
});
