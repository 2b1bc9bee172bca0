// The one place a figure over seeds or trials is summarised (mean, sample sd: n − 1, the
// spread a reader expects between seeds) and how such a figure is printed.

/** A figure summarised over runs: mean, sample standard deviation (0 for one run) and count. */
export interface Stat {
  mean: number;
  sd: number;
  n: number;
}

export function mean(xs: readonly number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN;
}

/** Sample standard deviation (n − 1); 0 for a single value. */
export function sd(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
}

export function meanSd(xs: readonly number[]): Stat {
  return { mean: mean(xs), sd: sd(xs), n: xs.length };
}

/** Standard error of the mean, sd/√n: the unit the 3×SE rule judges; NaN for one run (no spread to estimate it from). */
export function seOfMean(s: Stat): number {
  return s.n < 2 ? NaN : s.sd / Math.sqrt(s.n);
}

/** meanSd of the values that are finite numbers, or undefined when there is none: a missing figure is skipped, never read as 0. */
export function meanSdOf(xs: readonly (number | null | undefined)[]): Stat | undefined {
  const present = xs.filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
  return present.length ? meanSd(present) : undefined;
}

/** "0.912 ± 0.004" over several runs, "0.912" for one, undefined for none. */
export function formatStat(s: Stat | undefined, digits = 3): string | undefined {
  if (!s) return undefined;
  return s.n > 1 ? `${s.mean.toFixed(digits)} ± ${s.sd.toFixed(digits)}` : s.mean.toFixed(digits);
}
