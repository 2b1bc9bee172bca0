// Significance tests against SciPy (test/fixtures/stats/reference.json, written by
// scripts/fixtures/stats_reference.py with Debian's SciPy) and against Demšar 2006's
// worked example. Inputs are stored in the JSON.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  normalSf, chiSquareSf, fSf, averageRanks, friedmanTest, nemenyiQ, nemenyiCriticalDifference,
  criticalDifferenceCliques, wilcoxonSignedRank, holm, wilcoxonHolm,
} from '../../src/eval/index.js';

interface FriedmanCase {
  name: string; data: number[][]; averageRanks: number[]; chiSquare: number; pValue: number;
  imanDavenport: { f: number; df1: number; df2: number; pValue: number }; criticalDifference: Record<string, number>;
}
interface WilcoxonCase {
  name: string; a: number[]; b: number[]; method: string; statistic: number; pValue: number; wins: number; ties: number; losses: number;
}
const ref = JSON.parse(readFileSync(new URL('../fixtures/stats/reference.json', import.meta.url), 'utf8')) as {
  qTable: Record<string, number[]>;
  distributions: { normalSf: { x: number; p: number }[]; chiSquareSf: { x: number; df: number; p: number }[]; fSf: { x: number; df1: number; df2: number; p: number }[] };
  friedman: FriedmanCase[]; wilcoxon: WilcoxonCase[]; holm: { p: number[]; adjusted: number[] }[];
};

// Different but exact algorithms (sums in another order, another continued fraction):
// allow a few hundred ulps and nothing more.
const RTOL = 1e-11;
function close(actual: number, expected: number, label: string, rtol = RTOL): void {
  const err = Math.abs(actual - expected);
  assert.ok(err <= rtol * Math.abs(expected) + 1e-300, `${label}: got ${actual}, SciPy ${expected} (relative error ${err / Math.abs(expected)})`);
}

test('normal, chi-square and F upper tails equal SciPy, deep tails included', () => {
  for (const c of ref.distributions.normalSf) close(normalSf(c.x), c.p, `normal sf(${c.x})`);
  for (const c of ref.distributions.chiSquareSf) close(chiSquareSf(c.x, c.df), c.p, `chi2 sf(${c.x}, ${c.df})`);
  for (const c of ref.distributions.fSf) close(fSf(c.x, c.df1, c.df2), c.p, `F sf(${c.x}, ${c.df1}, ${c.df2})`);
  assert.ok(ref.distributions.chiSquareSf.some((c) => c.p < 1e-30), 'the fixture reaches tiny p-values');
});

test('Nemenyi q table equals SciPy studentized_range.ppf / sqrt(2) and Demšar Table 5', () => {
  for (const alpha of [0.05, 0.1] as const) {
    ref.qTable[String(alpha)].forEach((q, i) => close(nemenyiQ(i + 2, alpha), q, `q(${i + 2}, ${alpha})`, 1e-15));
  }
  // Demšar 2006 Table 5(a), k = 2..10, three decimals (truncated, not rounded: 2.3437 is printed 2.343).
  const demsar05 = [1.960, 2.343, 2.569, 2.728, 2.850, 2.949, 3.031, 3.102, 3.164];
  const demsar10 = [1.645, 2.052, 2.291, 2.459, 2.589, 2.693, 2.780, 2.855, 2.920];
  demsar05.forEach((q, i) => assert.ok(Math.abs(nemenyiQ(i + 2, 0.05) - q) < 1e-3, `q0.05 k=${i + 2}`));
  demsar10.forEach((q, i) => assert.ok(Math.abs(nemenyiQ(i + 2, 0.1) - q) < 1e-3, `q0.10 k=${i + 2}`));
  assert.throws(() => nemenyiQ(21), /2 to 20/);
  assert.throws(() => nemenyiQ(3, 0.01 as 0.05), /alpha/);
});

test('Friedman, Iman–Davenport and Nemenyi CD equal SciPy on every fixture matrix', () => {
  assert.ok(ref.friedman.length >= 7);
  for (const c of ref.friedman) {
    const r = friedmanTest(c.data);
    close(r.chiSquare, c.chiSquare, `${c.name} chi2`);
    close(r.pValue, c.pValue, `${c.name} p`);
    close(r.imanDavenport.f, c.imanDavenport.f, `${c.name} F`);
    assert.equal(r.imanDavenport.df1, c.imanDavenport.df1);
    assert.equal(r.imanDavenport.df2, c.imanDavenport.df2);
    close(r.imanDavenport.pValue, c.imanDavenport.pValue, `${c.name} F p`);
    Array.from(r.averageRanks).forEach((x, j) => close(x, c.averageRanks[j], `${c.name} rank ${j}`, 1e-14));
    for (const alpha of [0.05, 0.1] as const) {
      close(nemenyiCriticalDifference(r.k, r.n, alpha), c.criticalDifference[String(alpha)], `${c.name} CD ${alpha}`, 1e-14);
    }
  }
});

test("Demšar 2006's worked example: ranks, chi2_F = 9.28, F_F = 3.69, CD = 1.25, cliques", () => {
  const c = ref.friedman.find((f) => f.name === 'demsar-table6-untied')!;
  const r = friedmanTest(c.data, { tieCorrection: false });
  assert.deepEqual(Array.from(r.averageRanks, (x) => x.toFixed(3)), ['3.143', '2.000', '2.893', '1.964']);
  assert.equal(r.chiSquare.toFixed(2), '9.28');
  assert.equal(r.imanDavenport.f.toFixed(2), '3.69');
  const cd = nemenyiCriticalDifference(4, 14);
  assert.equal(cd.toFixed(2), '1.25');
  // The paper: no pair differs at 0.05 (3.143 − 1.964 = 1.179 < 1.25); at 0.10 (CD = 1.12)
  // C4.5+m+cf (1.179) and C4.5+m (1.143) differ from C4.5; C4.5+cf differs from nothing.
  assert.deepEqual(criticalDifferenceCliques(r.averageRanks, cd), [[3, 1, 2, 0]]);
  const cd10 = nemenyiCriticalDifference(4, 14, 0.1);
  assert.equal(cd10.toFixed(2), '1.12');
  assert.deepEqual(criticalDifferenceCliques(r.averageRanks, cd10), [[3, 1, 2], [2, 0]]);
  // With the tie correction (SciPy's default) the statistic grows: it is not Demšar's.
  assert.ok(friedmanTest(c.data).chiSquare > r.chiSquare + 0.5);
});

test('average ranks: higher is better by default, ties share ranks, lower-is-better flips', () => {
  const m = [[0.9, 0.5, 0.5], [0.1, 0.2, 0.3]];
  assert.deepEqual(Array.from(averageRanks(m)), [(1 + 3) / 2, (2.5 + 2) / 2, (2.5 + 1) / 2]);
  assert.deepEqual(Array.from(averageRanks(m, false)), [(3 + 1) / 2, (1.5 + 2) / 2, (1.5 + 3) / 2]);
  assert.throws(() => friedmanTest([[1, 2], [1]]), /data set 1 has 1/);
  assert.throws(() => friedmanTest([[1, NaN]]), /NaN/);
  const all = friedmanTest([[1, 1, 1], [2, 2, 2]]);
  assert.equal(all.chiSquare, 0);
  assert.equal(all.pValue, 1);
  const perfect = friedmanTest([[3, 2, 1], [3, 2, 1], [3, 2, 1]]);
  assert.equal(perfect.imanDavenport.f, Infinity);
  assert.equal(perfect.imanDavenport.pValue, 0);
});

test('Wilcoxon signed-rank: statistic, p-value, method and win/tie/loss equal SciPy', () => {
  const methods = new Set(ref.wilcoxon.map((c) => c.method));
  assert.deepEqual([...methods].sort(), ['exact', 'normal', 'permutation'], 'the fixture covers every method');
  for (const c of ref.wilcoxon) {
    const r = wilcoxonSignedRank(c.a, c.b);
    assert.equal(r.method, c.method, c.name);
    close(r.statistic, c.statistic, `${c.name} statistic`, 1e-14);
    close(r.pValue, c.pValue, `${c.name} p`);
    assert.deepEqual([r.wins, r.ties, r.losses], [c.wins, c.ties, c.losses], c.name);
    assert.equal(r.rPlus + r.rMinus, ((c.a.length - c.ties) * (c.a.length - c.ties + 1)) / 2);
  }
  // SciPy's docstring example, by the numbers it prints.
  const corn = ref.wilcoxon.find((c) => c.name === 'scipy-docstring')!;
  const r = wilcoxonSignedRank(corn.a, corn.b);
  assert.equal(r.statistic, 24);
  assert.equal(r.pValue, 0.041259765625);
  assert.throws(() => wilcoxonSignedRank([1, 2], [1]), /pairs/);
  assert.equal(wilcoxonSignedRank(new Array(20).fill(1), new Array(20).fill(1)).pValue, 1);
});

test('Holm: adjusted p-values equal the NumPy reference and a hand-worked case', () => {
  for (const c of ref.holm) Array.from(holm(c.p)).forEach((x, i) => close(x, c.adjusted[i], `holm ${i}`, 1e-15));
  // 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 → raised to 0.06.
  assert.deepEqual(Array.from(holm([0.01, 0.04, 0.03, 0.005]), (x) => +x.toFixed(10)), [0.03, 0.06, 0.06, 0.02]);
  assert.throws(() => holm([0.1, 1.2]), /p-value 1/);
});

test('Wilcoxon–Holm: pairwise tests over data sets, Holm-corrected, cliques for the CD diagram', () => {
  // Method 0 beats 1 and 2 on all 20 data sets by distinct margins; 1 and 2 alternate.
  const m = Array.from({ length: 20 }, (_, i) => [1 + 0.01 * i, i % 2 ? 0.5 + 0.001 * i : 0.4, i % 2 ? 0.4 : 0.5 + 0.001 * i]);
  const r = wilcoxonHolm(m);
  assert.equal(r.pairs.length, 3);
  const p01 = r.pairs.find((p) => p.a === 0 && p.b === 1)!;
  assert.equal(p01.wins, 20);
  assert.equal(p01.pValue, 2 / 2 ** 20);
  assert.equal(p01.adjustedP, 3 * p01.pValue);
  assert.ok(p01.significant);
  const p12 = r.pairs.find((p) => p.a === 1 && p.b === 2)!;
  assert.ok(!p12.significant);
  assert.deepEqual(r.cliques, [[1, 2]].map((c) => c.sort((a, b) => r.averageRanks[a] - r.averageRanks[b])));
});
