// The statistics of a gradient curve g(x_1), …, g(x_n) along a sweep, as Balduzzi et al.
// read them: the autocorrelation function of the mean-subtracted curve, and its lag-1
// value, the correlation between neighbouring points' gradients (≈ 1 for a smooth,
// "brown" curve, ≈ 0 for white noise).

/**
 * Autocorrelation at lags 0..maxLag: Σ_i (g_i − ḡ)(g_{i+k} − ḡ) / Σ_i (g_i − ḡ)², the
 * usual biased estimator (it divides every lag by the same lag-0 sum, so the sequence is
 * a valid autocorrelation). A constant curve has no variance to correlate; it is the
 * smoothest curve there is and gets 1 at every lag.
 */
export function autocorrelation(g: ArrayLike<number>, maxLag: number): number[] {
  const n = g.length;
  if (n < 2) throw new Error(`autocorrelation: need at least 2 points, got ${n}`);
  if (!Number.isInteger(maxLag) || maxLag < 0 || maxLag >= n) throw new Error(`autocorrelation: lag ${maxLag} must be a whole number in [0, ${n - 1}]`);
  let m = 0, sq = 0;
  for (let i = 0; i < n; i++) { m += g[i]; sq += g[i] * g[i]; }
  m /= n;
  const d = Float64Array.from({ length: n }, (_, i) => g[i] - m);
  let c0 = 0;
  for (const v of d) c0 += v * v;
  // Relative to the curve's own size, so a constant curve with rounding noise still counts as constant.
  if (c0 <= 1e-24 * Math.max(sq, Number.MIN_VALUE)) return Array(maxLag + 1).fill(1);
  return Array.from({ length: maxLag + 1 }, (_, k) => {
    let c = 0;
    for (let i = 0; i + k < n; i++) c += d[i] * d[i + k];
    return c / c0;
  });
}

/** The correlation between neighbouring points' gradients: lag-1 autocorrelation. */
export function neighbourCorrelation(g: ArrayLike<number>): number {
  return autocorrelation(g, 1)[1];
}
