// COPOD (Li et al. 2020, "COPOD: Copula-Based Outlier Detection"), as PyOD computes it:
// the empirical copula's tail probabilities per cell; the skewness-chosen tail or the
// mean of both tails, whichever is larger, summed over features.
import { ECOD, skewTail } from './ecod.js';

export class COPOD extends ECOD {
  override readonly name: string = 'copod';

  protected override combine(sign: number, uLeft: number, uRight: number): number {
    return Math.max(skewTail(sign, uLeft, uRight), (uLeft + uRight) / 2);
  }
}
