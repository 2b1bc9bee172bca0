// Veit, Wilber & Belongie (2016)'s claims judged on bench:veit's lesions and paths, in
// the analyses' one vocabulary (claims.ts), each with its rule and with the paper's own
// figure (ResNet-110 on CIFAR-10) beside reslab's. Every rule rests on numbers measured
// per training seed and judged by the variant study's 3×SE rule (variants/threeSe.ts), so
// that a verdict cannot come from one lucky seed: with a single seed the SE is unknown and
// every claim is too small to tell. Nets that did not learn (error at chance) say nothing
// about lesions or paths: every claim is then too small to tell as well.
import type { Claim, Verdict } from './claims.js';
import { singleSummary, type LesionResult } from './lesion.js';
import type { PathsResult } from './paths.js';
import { mean } from '../util/stats.js';
import { THREE_SE_RULE, differenceOfMeans, meanAbove, resolvedSign, shortDifference, type SeedDifference } from './variants/threeSe.js';
import { smoothRise, SMOOTH_RISE_RULE } from './smoothRise.js';

export type VeitClaim = Claim & { id: string; rule: string; paper: string };

/** What one training seed of bench:veit measured. */
export interface VeitSeed {
  resnet: LesionResult;
  /** The same ResNet trained with stochastic depth, when the bench trained one. */
  stochasticDepth: LesionResult | null;
  plain: LesionResult;
  paths: PathsResult;
}

export interface VeitEvidence {
  /** One entry per training seed. */
  seeds: VeitSeed[];
  /** The bench's name of each net, for the message about nets that did not learn. */
  names: { resnet: string; stochasticDepth?: string; plain: string };
}

const SOURCE = 'Veit et al. 2016';
const f2 = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(2));

/** Pearson correlation. */
export function correlation(x: number[], y: number[]): number {
  const mx = mean(x), my = mean(y);
  let sxy = 0, sxx = 0, syy = 0;
  x.forEach((v, i) => { sxy += (v - mx) * (y[i]! - my); sxx += (v - mx) ** 2; syy += (y[i]! - my) ** 2; });
  return sxy / Math.sqrt(sxx * syy);
}

/** Largest rise between consecutive points, and how often the curve goes down. */
export function smoothness(vs: number[]): { maxStep: number; decreases: number } {
  const steps = vs.slice(1).map((v, i) => v - vs[i]!);
  return { maxStep: Math.max(...steps), decreases: steps.filter((s) => s < 0).length };
}

/** Mean one-block deletion cost (points of error, downsampling blocks aside). */
export const singleCost = (r: LesionResult): number => singleSummary(r)?.mean ?? NaN;
/** Cost of deleting the largest k drawn, over the intact net. */
export const largestKCost = (r: LesionResult): number => (r.k.at(-1)?.mean ?? NaN) - r.baseline;
/** Correlation of Kendall τ and error over a net's reorder trials. */
export const tauErrorCorrelation = (r: LesionResult): number => correlation(r.reorderTrials.map((t) => t.tau), r.reorderTrials.map((t) => t.value));

/** The k-deletion curve over seeds: per k, the seed mean of the trial means and the mean trial sd. */
export function seedMeanCurve(rs: LesionResult[]): { k: number; mean: number; trialSd: number }[] {
  return rs[0]!.k.map((e, i) => ({ k: e.k, mean: mean(rs.map((r) => r.k[i]!.mean)), trialSd: mean(rs.map((r) => r.k[i]!.sd)) }));
}

const judged = (d: SeedDifference) => shortDifference(d, ' pp');

export function veitClaims(e: VeitEvidence): VeitClaim[] {
  const S = e.seeds;
  const R = S.map((s) => s.resnet), P = S.map((s) => s.plain), P90 = S.map((s) => s.paths);
  const D = S.every((s) => s.stochasticDepth) ? S.map((s) => s.stochasticDepth!) : null;
  const n = S.length;
  const seedsWord = `${n} seed${n === 1 ? '' : 's'}`;

  // 1. One deletion: the ResNet's mean cost against a third of the plain twin's.
  const rCost = R.map(singleCost), pCost = P.map(singleCost);
  const third = differenceOfMeans(pCost.map((v) => v / 3), rCost);
  const below = differenceOfMeans(pCost, rCost);
  const single: Verdict = resolvedSign(third) === 1 ? 'reproduced' : resolvedSign(below) === 1 ? 'partly' : resolvedSign(below) === -1 ? 'not reproduced' : 'too small to tell';

  // 2. k deletions: the variant study's rule for the same claim (smoothRise.ts).
  const curve = seedMeanCurve(R);
  const smooth = smoothness(curve.map((x) => x.mean));
  const k = smoothRise(R.map((r) => r.k.map((e) => e.mean)));
  const kVerdict: Verdict = curve.length < 3 ? 'too small to tell' : k.verdict;

  // 3. Reordering: error falls with τ in every seed's trials, strongly on average.
  const tau = R.map(tauErrorCorrelation), tauPlain = P.map(tauErrorCorrelation);
  const tauD = meanAbove(tau, 0);
  const tauVerdict: Verdict = !tau.every(Number.isFinite) ? 'too small to tell'
    : resolvedSign(tauD) === -1 ? (mean(tau) <= -0.6 ? 'reproduced' : 'partly') : resolvedSign(tauD) === 1 ? 'not reproduced' : 'too small to tell';

  // 4. Effective paths: the gradient's 90 % range ends before the paths' 90 % range begins.
  const gap = meanAbove(P90.map((p) => p.pathRange90[0] - p.range90[1]), 0);
  const shorter = meanAbove(P90.map((p) => 0.75 * p.meanPathLength - p.meanEffectiveLength), 0);
  const p0 = P90[0]!;
  const pathVerdict: Verdict = p0.residualBlocks < 20 ? 'too small to tell'
    : resolvedSign(gap) === 1 ? 'reproduced' : resolvedSign(shorter) === 1 ? 'partly' : resolvedSign(shorter) === -1 ? 'not reproduced' : 'too small to tell';
  // The per-path gradient at length 0 over that at the typical length (the paths' mean):
  // the longest paths' gradients underflow to 0 in float32, so the last length says nothing.
  const typical = Math.round(P90[0]!.meanPathLength);
  const g0 = mean(P90.map((p) => p.gradient[0]!.mean)), gTypical = mean(P90.map((p) => p.gradient.find((g) => g.length === typical)?.mean ?? NaN));
  const kLast = R[0]!.k.at(-1)?.k;

  const claims: VeitClaim[] = [
    {
      id: 'single-deletion',
      claim: 'deleting one block barely changes a ResNet (except downsampling blocks) and breaks a plain net',
      source: SOURCE,
      paper: 'ResNet-110: error stays near 6–7 % for every block but the downsampling ones; VGG-15 falls to chance',
      evidence: `mean one-block increase ${f2(mean(rCost))} points (worst ${f2(mean(R.map((r) => singleSummary(r)?.worst ?? NaN)))}; downsampling worst ${f2(mean(R.map((r) => singleSummary(r)?.downsampleWorst ?? NaN)))}) vs plain ${f2(mean(pCost))}; plain/3 − ResNet ${judged(third)}, ${seedsWord}`,
      rule: `reproduced when the ResNet's mean one-block increase is below a third of the plain twin's, partly when below the plain twin's, not reproduced when above it; ${THREE_SE_RULE}`,
      verdict: single,
    },
    {
      id: 'k-deletion-smooth',
      claim: 'error rises smoothly with the number of deleted blocks',
      source: SOURCE,
      paper: 'ResNet-110: smooth rise from ~7 % at k = 1 to ~40 % at k = 20',
      evidence: `from k = ${curve[0]?.k ?? '—'} to ${kLast ?? '—'}: rise ${judged(k.rise)}, margin ${judged(k.margin)}; the seed-mean curve's largest step is ${f2(smooth.maxStep)} points (mean trial sd ${f2(mean(curve.map((x) => x.trialSd)))}), ${smooth.decreases} of its steps go down; ${seedsWord}`,
      rule: `${SMOOTH_RISE_RULE}; ${THREE_SE_RULE}`,
      verdict: kVerdict,
    },
    {
      id: 'reorder-smooth',
      claim: 'error rises smoothly as the block order is disrupted',
      source: SOURCE,
      paper: 'ResNet-110: error grows steadily as Kendall τ falls',
      evidence: `correlation of τ and error over a seed's trials: ResNet ${f2(mean(tau))} (per seed ${tau.map(f2).join(', ')}; SE ${tauD.se === null ? '?' : f2(tauD.se)}), plain ${f2(mean(tauPlain))}`,
      rule: `reproduced when the seed-mean correlation is below 0 by ≥ 3 SE and ≤ −0.6; partly when below 0 by ≥ 3 SE only; not reproduced when above 0 by ≥ 3 SE; ${THREE_SE_RULE}`,
      verdict: tauVerdict,
    },
    {
      id: 'short-effective-paths',
      claim: 'almost all of the gradient comes from paths much shorter than the typical path',
      source: SOURCE,
      paper: 'ResNet-110 (54 blocks): 90 % of the gradient from lengths 5–17; 95 % of paths are 19–35 long',
      evidence: `90 % of the gradient from lengths ${P90.map((p) => p.range90.join('–')).join(', ')} by seed (weighted mean ${f2(mean(P90.map((p) => p.meanEffectiveLength)))}); 90 % of paths ${p0.pathRange90.join('–')} (mean ${p0.meanPathLength.toFixed(1)}); gap between the ranges ${shortDifference(gap, ' blocks', 1)}; per-path gradient falls ${(g0 / gTypical).toExponential(1)}× from length 0 to the typical length ${typical}`,
      rule: `reproduced when the gradient's 90 % range ends before the paths' 90 % range begins (gap > 0 by ≥ 3 SE); partly when the gradient-weighted mean length is below ¾ of the mean path length by ≥ 3 SE; not reproduced when above it; too small to tell under 20 residual blocks (the ranges then overlap by construction); ${THREE_SE_RULE}`,
      verdict: pathVerdict,
    },
  ];
  if (D) {
    const dSingle = differenceOfMeans(rCost, D.map(singleCost));
    const dK = differenceOfMeans(R.map(largestKCost), D.map(largestKCost));
    const signs = [resolvedSign(dSingle), resolvedSign(dK)];
    claims.push({
      id: 'stochastic-depth',
      claim: 'stochastic depth makes deletions cheaper',
      source: SOURCE,
      paper: 'ResNet-110 with stochastic depth: single and multiple deletions cost less than without',
      evidence: `mean one-block increase ${f2(mean(D.map(singleCost)))} with stochastic depth vs ${f2(mean(rCost))} without (${judged(dSingle)}); k = ${kLast ?? '—'} over the intact net: ${f2(mean(D.map(largestKCost)))} vs ${f2(mean(R.map(largestKCost)))} (${judged(dK)}); ${seedsWord}`,
      rule: `reproduced when both the one-block and the largest-k deletions cost less with stochastic depth; partly when one does; not reproduced when neither does and one costs more; ${THREE_SE_RULE}`,
      verdict: signs.every((s) => s === 1) ? 'reproduced' : signs.includes(1) ? 'partly' : signs.includes(-1) ? 'not reproduced' : 'too small to tell',
    });
  }
  const nets: [string, LesionResult][] = S.flatMap((s, i) => {
    const seed = n > 1 ? ` (seed ${i + 1} of ${n})` : '';
    return [[e.names.resnet + seed, s.resnet], ...(s.stochasticDepth ? [[(e.names.stochasticDepth ?? 'stochastic depth') + seed, s.stochasticDepth] as [string, LesionResult]] : []), [e.names.plain + seed, s.plain]] as [string, LesionResult][];
  });
  const unlearned = nets.filter(([, r]) => r.lowerIsBetter && r.baseline >= 0.8 * r.chance).map(([name, r]) => `${name} ${f2(r.baseline)} %`);
  if (unlearned.length) {
    for (const c of claims) { c.verdict = 'too small to tell'; c.evidence = `nets at chance (${unlearned.join(', ')}; chance ${f2(R[0]!.chance)} %): ${c.evidence}`; }
  }
  return claims;
}
