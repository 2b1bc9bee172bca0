// ECOD (Li et al. 2022, "ECOD: Unsupervised Outlier Detection Using Empirical Cumulative
// Distribution Functions"), as PyOD computes it: per cell, the larger of the left-tail,
// right-tail and skewness-chosen tail scores, summed over features.
import { checkData, checkTrain, notFitted } from './check.js';
import { fitColumnEcdf, sumTailScores, type ColumnEcdf } from './ecdf.js';
import type { Detector, TabularData } from './types.js';

/** The skewness-corrected tail of PyOD: left for negative skew, right for positive, both (summed) for none. */
export function skewTail(sign: number, uLeft: number, uRight: number): number {
  return sign < 0 ? uLeft : sign > 0 ? uRight : uLeft + uRight;
}

export class ECOD implements Detector {
  readonly name: string = 'ecod';
  readonly supervised = false;
  protected e: ColumnEcdf | null = null;

  fit(train: TabularData): void {
    checkTrain(this.name, train);
    this.e = fitColumnEcdf(train);
  }

  /** Per cell: the score of one value; no `this`, so it can be passed around bare. */
  protected combine(sign: number, uLeft: number, uRight: number): number {
    return Math.max(uLeft, uRight, skewTail(sign, uLeft, uRight));
  }

  score(data: TabularData): Float32Array {
    const e = this.e;
    if (!e) notFitted(this.name);
    checkData(this.name, data, e.f);
    return Float32Array.from(sumTailScores(e, data, this.combine));
  }
}
