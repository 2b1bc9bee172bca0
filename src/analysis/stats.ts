// Small numeric helpers shared by the analyses (mean and sd are src/util/stats.ts's).
/**
 * Kendall's τ between the identity order and `perm` (perm[i] = original index now at
 * position i): (concordant − discordant) / C(n, 2); 1 for the original order.
 */
export function kendallTau(perm: ArrayLike<number>): number {
  const n = perm.length;
  if (n < 2) return 1;
  let s = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) s += Math.sign(perm[j] - perm[i]);
  return s / ((n * (n - 1)) / 2);
}

/** k distinct items drawn uniformly from xs (partial Fisher–Yates with the given int(n) source). */
export function sample<T>(xs: readonly T[], k: number, int: (n: number) => number): T[] {
  const a = xs.slice();
  const m = Math.min(k, a.length);
  for (let i = 0; i < m; i++) {
    const j = i + int(a.length - i);
    const t = a[i]; a[i] = a[j]; a[j] = t;
  }
  return a.slice(0, m);
}
