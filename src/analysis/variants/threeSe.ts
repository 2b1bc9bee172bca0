// The 3×SE rule of the variant claims: a difference is judged only when it is at least
// three times its seed standard error, so that seed noise alone (a few points of
// accuracy between seeds of a small budget) cannot produce a verdict. The SE is the one
// of a difference of means over seeds, sqrt(sdA²/nA + sdB²/nB) with the sample sd; a
// side measured on a single seed has no sd, so its SE is unknown and nothing is judged.
import { mean, meanSd, sd, seOfMean } from '../../util/stats.js';

export const SE_FACTOR = 3;

/** The rule as claims state it. */
export const THREE_SE_RULE = `a difference counts only when it is ≥ ${SE_FACTOR}× its seed SE, sqrt(sdA²/nA + sdB²/nB) with sample sd (one seed: SE unknown); otherwise too small to tell`;

/** A measured difference of means over seeds and what it rests on. */
export interface SeedDifference {
  diff: number;
  /** Standard error of diff; null when a side has a single seed. */
  se: number | null;
  /** Seeds behind each side. */
  n: [number, number];
}

/** mean(a) − mean(b) − offset, with the SE of the difference of the two means. */
export function differenceOfMeans(a: readonly number[], b: readonly number[], offset = 0): SeedDifference {
  const se = a.length < 2 || b.length < 2 ? null : Math.sqrt(sd(a) ** 2 / a.length + sd(b) ** 2 / b.length);
  return { diff: mean(a) - mean(b) - offset, se, n: [a.length, b.length] };
}

/** mean(xs) − threshold for one per-seed series (a rise, a margin), with SE sd/√n; the threshold has no spread. */
export function meanAbove(xs: readonly number[], threshold = 0): SeedDifference {
  return { diff: mean(xs) - threshold, se: xs.length < 2 ? null : seOfMean(meanSd(xs)), n: [xs.length, 0] };
}

/** +1 / −1 when the difference is resolved (|diff| ≥ 3 SE, diff ≠ 0) with that sign; 0 when it is too small to tell. */
export function resolvedSign(d: SeedDifference): -1 | 0 | 1 {
  if (d.se === null || !Number.isFinite(d.diff) || d.diff === 0) return 0;
  return Math.abs(d.diff) >= SE_FACTOR * d.se ? (d.diff > 0 ? 1 : -1) : 0;
}

/** "+3.20 pp, SE 0.80 (4.0×), 3 vs 3 seeds"; unit is appended to the difference. */
export function describeDifference(d: SeedDifference, unit = ' pp', digits = 2): string {
  const signed = `${d.diff >= 0 ? '+' : ''}${d.diff.toFixed(digits)}${unit}`;
  const seeds = d.n[1] > 0 ? `${d.n[0]} vs ${d.n[1]} seeds` : `${d.n[0]} seed${d.n[0] === 1 ? '' : 's'}`;
  if (d.se === null) return `${signed}, SE unknown (${seeds})`;
  const ratio = d.se > 0 ? `${(Math.abs(d.diff) / d.se).toFixed(1)}×` : '∞×';
  return `${signed}, SE ${d.se.toFixed(digits)} (${ratio}), ${seeds}`;
}

/** The compact form for lists: "+3.20 pp (SE 0.80)", "(SE ?)" when unknown. */
export function shortDifference(d: SeedDifference, unit = ' pp', digits = 2): string {
  return `${d.diff >= 0 ? '+' : ''}${d.diff.toFixed(digits)}${unit} (SE ${d.se === null ? '?' : d.se.toFixed(digits)})`;
}
