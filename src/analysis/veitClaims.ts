// Veit, Wilber & Belongie (2016)'s claims judged on bench:veit's lesions and paths, in
// the analyses' one vocabulary (claims.ts), each with its rule and with the paper's own
// figure (ResNet-110 on CIFAR-10) beside reslab's. Nets that did not learn (error at
// chance) say nothing about lesions or paths: every claim is then too small to tell.
import type { Claim, Verdict } from './claims.js';
import { singleSummary, type LesionResult } from './lesion.js';
import type { PathsResult } from './paths.js';
import { mean } from '../util/stats.js';

export type VeitClaim = Claim & { id: string; rule: string; paper: string };

export interface VeitEvidence {
  resnet: LesionResult;
  /** The same ResNet trained with stochastic depth, when the bench trained one. */
  stochasticDepth: LesionResult | null;
  plain: LesionResult;
  paths: PathsResult;
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

export function veitClaims(e: VeitEvidence): VeitClaim[] {
  const { resnet: R, stochasticDepth: D, plain: P, paths } = e;
  const rs = singleSummary(R), ps = singleSummary(P), ds = D ? singleSummary(D) : null;
  const kSmooth = smoothness(R.k.map((x) => x.mean));
  const kSd = Math.max(0.5, mean(R.k.map((x) => x.sd)));
  const tau = correlation(R.reorderTrials.map((t) => t.tau), R.reorderTrials.map((t) => t.value));
  const tauPlain = correlation(P.reorderTrials.map((t) => t.tau), P.reorderTrials.map((t) => t.value));
  const g0 = paths.gradient[0]!.mean, gn = paths.gradient.at(-1)!.mean;
  const kLast = R.k.at(-1)?.k;
  const claims: VeitClaim[] = [
    {
      id: 'single-deletion',
      claim: 'deleting one block barely changes a ResNet (except downsampling blocks) and breaks a plain net',
      source: SOURCE,
      paper: 'ResNet-110: error stays near 6–7 % for every block but the downsampling ones; VGG-15 falls to chance',
      evidence: `mean increase ${f2(rs?.mean)} points (worst ${f2(rs?.worst)}; downsampling worst ${f2(rs?.downsampleWorst)}) vs plain ${f2(ps?.mean)} (worst ${f2(ps?.worst)})`,
      rule: 'reproduced when the ResNet\'s mean one-block increase is at most a third of the plain twin\'s; partly when below it',
      verdict: !rs || !ps || ps.mean <= 0 ? 'too small to tell' : rs.mean <= ps.mean / 3 ? 'reproduced' : rs.mean < ps.mean ? 'partly' : 'not reproduced',
    },
    {
      id: 'k-deletion-smooth',
      claim: 'error rises smoothly with the number of deleted blocks',
      source: SOURCE,
      paper: 'ResNet-110: smooth rise from ~7 % at k = 1 to ~40 % at k = 20',
      evidence: `largest rise between consecutive k ${f2(kSmooth.maxStep)} points (mean trial sd ${f2(kSd)}), ${kSmooth.decreases} decreases over k = ${R.k[0]?.k ?? '—'}…${kLast ?? '—'}`,
      rule: 'reproduced with at most 2 decreases and no rise above 3 trial sds; partly with at most 4 decreases',
      verdict: R.k.length < 3 ? 'too small to tell' : kSmooth.decreases <= 2 && kSmooth.maxStep <= 3 * kSd ? 'reproduced' : kSmooth.decreases <= 4 ? 'partly' : 'not reproduced',
    },
    {
      id: 'reorder-smooth',
      claim: 'error rises smoothly as the block order is disrupted',
      source: SOURCE,
      paper: 'ResNet-110: error grows steadily as Kendall τ falls',
      evidence: `correlation of τ and error over trials: ResNet ${f2(tau)}, plain ${f2(tauPlain)}`,
      rule: 'reproduced when the ResNet\'s correlation of τ and error is ≤ −0.6; partly when < −0.3',
      verdict: !Number.isFinite(tau) ? 'too small to tell' : tau <= -0.6 ? 'reproduced' : tau < -0.3 ? 'partly' : 'not reproduced',
    },
    {
      id: 'short-effective-paths',
      claim: 'almost all of the gradient comes from paths much shorter than the typical path',
      source: SOURCE,
      paper: 'ResNet-110 (54 blocks): 90 % of the gradient from lengths 5–17; 95 % of paths are 19–35 long',
      evidence: `90 % of the gradient from lengths ${paths.range90.join('–')} (weighted mean ${paths.meanEffectiveLength.toFixed(1)}); 90 % of paths ${paths.pathRange90.join('–')} (mean ${paths.meanPathLength.toFixed(1)}); per-path gradient falls ${(g0 / gn).toExponential(1)}× from length 0 to ${paths.gradient.length - 1}`,
      rule: 'reproduced when the gradient\'s 90 % range ends below the paths\' 90 % range; partly when the gradient-weighted mean length is ≤ ¾ of the mean path length; too small to tell under 20 residual blocks (the ranges then overlap by construction)',
      verdict: paths.residualBlocks < 20 ? 'too small to tell' : paths.range90[1] < paths.pathRange90[0] ? 'reproduced' : paths.meanEffectiveLength <= 0.75 * paths.meanPathLength ? 'partly' : 'not reproduced',
    },
  ];
  if (D && ds && rs) {
    const dk = D.k.at(-1)?.mean ?? Infinity, rk = R.k.at(-1)?.mean ?? -Infinity;
    claims.push({
      id: 'stochastic-depth',
      claim: 'stochastic depth makes deletions cheaper',
      source: SOURCE,
      paper: 'ResNet-110 with stochastic depth: single and multiple deletions cost less than without',
      evidence: `mean single-deletion increase ${f2(ds.mean)} with stochastic depth vs ${f2(rs.mean)} without; k = ${kLast ?? '—'}: ${f2(D.k.at(-1)?.mean)} vs ${f2(R.k.at(-1)?.mean)}`,
      rule: 'reproduced when both the single and the largest-k deletions cost less with stochastic depth; partly when one does',
      verdict: (ds.mean < rs.mean && dk < rk ? 'reproduced' : ds.mean < rs.mean || dk < rk ? 'partly' : 'not reproduced') as Verdict,
    });
  }
  const nets: [string, LesionResult][] = [[e.names.resnet, R], ...(D ? [[e.names.stochasticDepth ?? 'stochastic depth', D] as [string, LesionResult]] : []), [e.names.plain, P]];
  const unlearned = nets.filter(([, r]) => r.lowerIsBetter && r.baseline >= 0.8 * r.chance).map(([n, r]) => `${n} ${f2(r.baseline)} %`);
  if (unlearned.length) {
    for (const c of claims) { c.verdict = 'too small to tell'; c.evidence = `nets at chance (${unlearned.join(', ')}; chance ${f2(R.chance)} %): ${c.evidence}`; }
  }
  return claims;
}
