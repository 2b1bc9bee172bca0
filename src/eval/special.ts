// Upper-tail probabilities of the normal, chi-square and F distributions, for the p-values
// of the significance tests. Written here rather than imported: the well-kept option
// (@stdlib's Boost ports) pulls in about 220 packages for these three functions, and jstat
// ships no types. The algorithms are the textbook ones (Numerical Recipes 3rd ed. §6.1–6.4:
// Lanczos log-gamma, series / Lentz continued fraction for the incomplete gamma and beta
// functions); test/eval/stats.test.ts holds them to SciPy's values within 1e-12 relative.
// Upper tails are computed directly, never as 1 − cdf, so tiny p-values keep their digits.

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7; relative error about 1e-15). */
export function lnGamma(x: number): number {
  if (!(x > 0)) throw new Error(`lnGamma needs x > 0, got ${x}`);
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

const EPS = 1e-16;
const TINY = 1e-300;
const MAX_ITER = 100000;

/** Regularized upper incomplete gamma Q(a, x) = Γ(a, x) / Γ(a). */
export function gammaQ(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) throw new Error(`gammaQ needs a > 0 and x >= 0, got a = ${a}, x = ${x}`);
  if (x === 0) return 1;
  if (x === Infinity) return 0;
  const front = Math.exp(-x + a * Math.log(x) - lnGamma(a));
  if (x < a + 1) {
    // Series for P converges fast here; Q = 1 − P loses nothing because P < ~0.6.
    let ap = a, sum = 1 / a, del = sum;
    for (let i = 0; i < MAX_ITER; i++) {
      ap++;
      del *= x / ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * EPS) break;
    }
    return Math.max(0, 1 - sum * front);
  }
  // Continued fraction for Q (modified Lentz).
  let b = x + 1 - a, c = 1 / TINY, d = 1 / b, h = d;
  for (let i = 1; i < MAX_ITER; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return front * h;
}

/** Continued fraction of the incomplete beta function (NR's betacf), modified Lentz. */
function betaCf(a: number, b: number, x: number): number {
  const qab = a + b, qap = a + 1, qam = a - 1;
  let c = 1, d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < MAX_ITER; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return h;
}

/** Regularized incomplete beta I_x(a, b). */
export function betaI(a: number, b: number, x: number): number {
  if (!(a > 0) || !(b > 0) || !(x >= 0 && x <= 1)) throw new Error(`betaI needs a, b > 0 and 0 <= x <= 1, got ${a}, ${b}, ${x}`);
  if (x === 0 || x === 1) return x;
  const lnFront = lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  // The continued fraction converges for x < (a+1)/(a+b+2); use the symmetry beyond it.
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(lnFront) * betaCf(a, b, x)) / a;
  return 1 - (Math.exp(lnFront) * betaCf(b, a, 1 - x)) / b;
}

/** P(Z > z) for a standard normal Z. */
export function normalSf(z: number): number {
  if (Number.isNaN(z)) throw new Error('normalSf: z is NaN');
  // erfc(t) = Q(1/2, t²) for t >= 0.
  const q = gammaQ(0.5, (z * z) / 2) / 2;
  return z >= 0 ? q : 1 - q;
}

/** P(X > x) for X ~ chi-square with df degrees of freedom. */
export function chiSquareSf(x: number, df: number): number {
  if (!(df > 0)) throw new Error(`chi-square needs df > 0, got ${df}`);
  if (!(x > 0)) return 1;
  return gammaQ(df / 2, x / 2);
}

/** P(X > x) for X ~ F(df1, df2). */
export function fSf(x: number, df1: number, df2: number): number {
  if (!(df1 > 0) || !(df2 > 0)) throw new Error(`F needs positive degrees of freedom, got ${df1}, ${df2}`);
  if (!(x > 0)) return 1;
  if (x === Infinity) return 0;
  return betaI(df2 / 2, df1 / 2, df2 / (df2 + df1 * x));
}
