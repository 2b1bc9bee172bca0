// Upper-tail probabilities against training values: the scale-free common ground on
// which the graph detector adds components measured in different units (a share, a
// Jaccard distance, a feature-space distance). p(v) counts the training values above v,
// half of those equal to it, and one pseudo-count for v itself:
//   p(v) = (#{> v} + #{= v} / 2 + 1) / (n + 1)
// so a component that is 0 on most rows puts 0 in the middle of its ties rather than at
// either end, and a value beyond every training value gets 1 / (n + 1), not 0.

export class TailRank {
  private readonly sorted: Float64Array;

  constructor(train: ArrayLike<number>) {
    if (train.length === 0) throw new RangeError('TailRank: no training values');
    this.sorted = Float64Array.from(train).sort();
    if (Number.isNaN(this.sorted[this.sorted.length - 1]!)) throw new RangeError('TailRank: training values hold NaN');
  }

  /** In (0, 1]: how often training values reach v. */
  p(v: number): number {
    const s = this.sorted, n = s.length;
    let lo = 0, hi = n;
    while (lo < hi) {
      const m = (lo + hi) >> 1;
      if (s[m]! < v) lo = m + 1;
      else hi = m;
    }
    let up = lo;
    hi = n;
    while (up < hi) {
      const m = (up + hi) >> 1;
      if (s[m]! <= v) up = m + 1;
      else hi = m;
    }
    return (n - up + (up - lo) / 2 + 1) / (n + 1);
  }
}
