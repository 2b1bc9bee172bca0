// bench:veit's claims judge (src/analysis/veitClaims.ts): each claim flips with the numbers
// it rests on, the 3×SE rule holds over training seeds (one seed: too small to tell; seeds
// that disagree: too small to tell), a net at chance makes every claim too small to tell,
// and a path analysis under 20 residual blocks cannot judge the short-paths claim.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { veitClaims, type VeitEvidence, type VeitSeed } from '../../src/analysis/veitClaims.js';
import type { LesionResult } from '../../src/analysis/lesion.js';
import type { PathsResult } from '../../src/analysis/paths.js';

/** A lesion result: `single` increases over a baseline of 10 % error, a k curve, reorder trials with error = a + b·τ; `j` jitters a seed. */
function lesion(o: { single: number; k: number[]; tauSlope: number; baseline?: number }, j = 0): LesionResult {
  const baseline = (o.baseline ?? 10) + j;
  return {
    model: 'm', metric: 'test error (%)', lowerIsBetter: true, chance: 90, baseline, blocks: 54, plain: false,
    single: Array.from({ length: 54 }, (_, b) => ({ block: b, value: baseline + o.single + j * 0.1 + (b % 5) * 0.01, downsample: b === 18 || b === 36, removable: true })),
    k: o.k.map((mean, i) => ({ k: i + 1, mean: mean + j, sd: 1, trials: 3 })),
    reorder: [],
    reorderTrials: Array.from({ length: 20 }, (_, i) => ({ k: 1 + (i % 5), tau: 1 - i / 20, value: baseline + o.tauSlope * (1 - i / 20) + ((i + j * 7) % 3) * 0.1 })),
  };
}

function paths(o: { residualBlocks: number; range90: [number, number]; pathRange90: [number, number]; meanEffective: number; meanPath: number }, j = 0): PathsResult {
  return {
    model: 'm', blocks: o.residualBlocks, residualBlocks: o.residualBlocks, lengths: [], share: 0.9,
    gradient: [{ length: 0, mean: 1, sd: 0 }, { length: 1, mean: 0.1, sd: 0 }], contribution: [],
    range90: [o.range90[0], o.range90[1] + (j % 2)], pathRange90: o.pathRange90, meanPathLength: o.meanPath, meanEffectiveLength: o.meanEffective + j * 0.2,
  };
}

type Spec = { resnet: Parameters<typeof lesion>[0]; sd: Parameters<typeof lesion>[0] | null; plain: Parameters<typeof lesion>[0]; paths: Parameters<typeof paths>[0] };
/** Three seeds (jitter 0, 1, 2) of one pattern. */
const seeds = (s: Spec, n = 3): VeitSeed[] => Array.from({ length: n }, (_, j) => ({
  resnet: lesion(s.resnet, j), stochasticDepth: s.sd ? lesion(s.sd, j) : null, plain: lesion(s.plain, j), paths: paths(s.paths, j),
}));

const smooth = Array.from({ length: 20 }, (_, i) => 10 + 1.5 * i);
const DEEP = { residualBlocks: 54, range90: [5, 17] as [number, number], pathRange90: [21, 33] as [number, number], meanEffective: 11, meanPath: 27 };
const PAPER: Spec = { resnet: { single: 0.5, k: smooth, tauSlope: -20 }, sd: { single: 0.2, k: smooth.map((v) => v - 3), tauSlope: -10 }, plain: { single: 60, k: smooth, tauSlope: 0 }, paths: DEEP };
const names = { resnet: 'ResNet', stochasticDepth: 'SD', plain: 'plain' };
const verdicts = (e: VeitEvidence) => Object.fromEntries(veitClaims(e).map((c) => [c.id, c.verdict]));

test('the paper\'s pattern over three seeds is reproduced; each claim carries the paper\'s figure, its rule and its SEs', () => {
  const e: VeitEvidence = { seeds: seeds(PAPER), names };
  assert.deepEqual(verdicts(e), { 'single-deletion': 'reproduced', 'k-deletion-smooth': 'reproduced', 'reorder-smooth': 'reproduced', 'short-effective-paths': 'reproduced', 'stochastic-depth': 'reproduced' });
  for (const c of veitClaims(e)) {
    assert.ok(c.paper.length > 10 && c.source === 'Veit et al. 2016', c.id);
    assert.match(c.rule, /3× its seed SE/, c.id);
    assert.match(c.evidence, /SE/, c.id);
  }
});

test('each claim flips with its numbers', () => {
  const e: VeitEvidence = {
    seeds: seeds({
      resnet: { single: 40, k: smooth.slice().reverse(), tauSlope: 5 },
      sd: { single: 50, k: smooth.map((v) => v + 5), tauSlope: 0 },
      plain: { single: 30, k: smooth, tauSlope: 0 },
      paths: { residualBlocks: 54, range90: [20, 34], pathRange90: [21, 33], meanEffective: 27, meanPath: 27 },
    }),
    names,
  };
  assert.deepEqual(verdicts(e), { 'single-deletion': 'not reproduced', 'k-deletion-smooth': 'not reproduced', 'reorder-smooth': 'not reproduced', 'short-effective-paths': 'not reproduced', 'stochastic-depth': 'not reproduced' });
  // A rise carried by one jump (half of it in a single step) is only partly smooth.
  const jump = smooth.map((v, i) => (i < 10 ? 10 : 40));
  assert.equal(verdicts({ seeds: seeds({ ...PAPER, resnet: { single: 0.5, k: jump, tauSlope: -20 } }), names })['k-deletion-smooth'], 'partly');
});

test('one seed cannot judge anything; seeds that disagree are too small to tell', () => {
  const one = verdicts({ seeds: seeds(PAPER, 1), names });
  assert.ok(Object.values(one).every((v) => v === 'too small to tell'), JSON.stringify(one));
  // Stochastic depth helps in one seed and hurts in another by as much: no verdict.
  const mixed = seeds(PAPER);
  mixed[0]!.stochasticDepth = lesion({ single: 0.1, k: smooth.map((v) => v - 6), tauSlope: -10 });
  mixed[1]!.stochasticDepth = lesion({ single: 0.9, k: smooth.map((v) => v + 6), tauSlope: -10 }, 1);
  assert.equal(verdicts({ seeds: mixed, names })['stochastic-depth'], 'too small to tell');
  // The τ correlation is strongly negative in one seed and positive in the others' noise: no verdict.
  const tauMixed = seeds(PAPER);
  tauMixed[1]!.resnet = lesion({ single: 0.5, k: smooth, tauSlope: 20 }, 1);
  assert.equal(verdicts({ seeds: tauMixed, names })['reorder-smooth'], 'too small to tell');
});

test('a net at chance makes every claim too small to tell; a 15-block path analysis cannot judge the short paths', () => {
  const atChance: VeitEvidence = { seeds: seeds({ ...PAPER, sd: null, plain: { single: 1, k: smooth, tauSlope: 0, baseline: 89 } }), names };
  const c = veitClaims(atChance);
  assert.ok(c.every((x) => x.verdict === 'too small to tell'), JSON.stringify(c.map((x) => x.verdict)));
  assert.match(c[0]!.evidence, /^nets at chance \(plain \(seed 1 of 3\) 89.00 %/);
  assert.equal(c.find((x) => x.id === 'stochastic-depth'), undefined, 'no stochastic-depth claim without that net');
  const shallow = verdicts({ seeds: seeds({ ...PAPER, paths: { residualBlocks: 15, range90: [4, 10], pathRange90: [4, 11], meanEffective: 7, meanPath: 7.5 } }), names });
  assert.equal(shallow['short-effective-paths'], 'too small to tell');
  assert.equal(shallow['single-deletion'], 'reproduced', 'the other claims still stand');
});
