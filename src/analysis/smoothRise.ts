// Veit et al.'s Lesion 2 claim, "error rises smoothly with the number of deleted blocks",
// as one rule for every study that judges it (the variant study, bench:veit). Per seed:
// rise = error at the largest k minus at the smallest; margin = half the rise minus the
// largest step between consecutive k, so the curve is smooth when no single step carries
// half of the rise. A step down is the noise of the random draws at each k, not a lack of
// smoothness, so it is not judged on its own. Both means are judged by the 3×SE rule.
import type { Verdict } from './claims.js';
import { meanAbove, resolvedSign, type SeedDifference } from './variants/threeSe.js';

export const SMOOTH_RISE_RULE = 'per seed: rise = error at the largest k minus at the smallest, margin = half the rise minus the largest step between consecutive k: reproduced when rise and margin are above 0, partly when the rise is above 0 and the margin below, not reproduced when the rise is below 0';

/** The rule on per-seed error curves over the same k values (one array per seed). */
export function smoothRise(curves: readonly (readonly number[])[]): { rise: SeedDifference; margin: SeedDifference; verdict: Verdict } {
  const steps = curves.map((c) => c.slice(1).map((e, i) => e - c[i]!));
  const rise = meanAbove(curves.map((c) => c[c.length - 1]! - c[0]!));
  const margin = meanAbove(curves.map((c, i) => 0.5 * (c[c.length - 1]! - c[0]!) - Math.max(...steps[i]!)));
  const [sr, sm] = [resolvedSign(rise), resolvedSign(margin)];
  const verdict: Verdict = sr === 1 && sm === 1 ? 'reproduced' : sr === 1 && sm === -1 ? 'partly' : sr === -1 ? 'not reproduced' : 'too small to tell';
  return { rise, margin, verdict };
}
