// Deterministic random streams. Every stream is derived from the run seed plus a few
// integer keys (user, day, purpose), so results do not depend on the order in which
// days or users are generated, nor on how the work is split across threads.

/** murmur3's 32-bit finaliser: a cheap, well-mixing bijection on uint32. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hashes a list of integers (each taken mod 2^32) into one uint32. */
export function hashKeys(...keys: number[]): number {
  let h = 0x9e3779b9;
  for (const k of keys) {
    // Fold in the high part too so seeds above 2^32 still matter.
    const hi = Math.floor(k / 4294967296);
    h = fmix32((h ^ fmix32(k >>> 0)) + 0x7f4a7c15);
    if (hi !== 0) h = fmix32((h ^ fmix32(hi >>> 0)) + 0x632be5ab);
  }
  return h >>> 0;
}

/** Purposes of derived streams (part of the key, so two purposes never share a stream). */
export const Stream = {
  Org: 1,
  Habits: 2,
  Plans: 3,
  UserDay: 4,
  Malicious: 5,
  Ids: 6,
  Leavers: 7,
  Lookalikes: 8,
  Drift: 9,
  Sparse: 10,
} as const;

/**
 * sfc32 (Chris Doty-Humphrey's small fast counting generator): 128-bit state, passes
 * PractRand, fast in 32-bit JS arithmetic. Mutable and re-seedable so one object can
 * serve millions of user-days without allocation.
 */
export class Rng {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;
  private spare = NaN;

  constructor(...keys: number[]) {
    this.reseed(...keys);
  }

  reseed(...keys: number[]): this {
    const h = hashKeys(...keys);
    this.a = h;
    this.b = fmix32(h ^ 0x243f6a88);
    this.c = fmix32(h ^ 0x85a308d3);
    this.d = 1;
    this.spare = NaN;
    for (let i = 0; i < 12; i++) this.u32();
    return this;
  }

  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Uniform integer in [lo, hi] (inclusive). */
  range(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }

  uniform(lo: number, hi: number): number {
    return lo + this.float() * (hi - lo);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(arr: readonly T[]): T {
    return arr[Math.floor(this.float() * arr.length)]!;
  }

  /** Standard normal (Marsaglia polar method, caching the second value). */
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const s = this.spare;
      this.spare = NaN;
      return s;
    }
    let u: number, v: number, s: number;
    do {
      u = this.float() * 2 - 1;
      v = this.float() * 2 - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const m = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * m;
    return u * m;
  }

  gauss(mean: number, sd: number): number {
    return mean + sd * this.normal();
  }

  /** exp(N(mu, sigma)). */
  lognormal(mu: number, sigma: number): number {
    return Math.exp(mu + sigma * this.normal());
  }

  exponential(mean: number): number {
    return -Math.log(1 - this.float()) * mean;
  }

  /** Poisson(lambda): Knuth's product method for small lambda, a rounded normal above 30. */
  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()));
    const L = Math.exp(-lambda);
    let k = 0;
    let p = this.float();
    while (p > L) {
      k++;
      p *= this.float();
    }
    return k;
  }

  /** Index drawn from cumulative weights (last entry = total). */
  weighted(cum: ArrayLike<number>): number {
    const n = cum.length;
    const x = this.float() * cum[n - 1]!;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cum[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  shuffle<T>(arr: T[]): T[] {
    for (let i = arr.length - 1; i > 0; i--) {
      const j = Math.floor(this.float() * (i + 1));
      const t = arr[i]!;
      arr[i] = arr[j]!;
      arr[j] = t;
    }
    return arr;
  }

  /** k distinct items from arr (k clamped to arr.length). */
  sample<T>(arr: readonly T[], k: number): T[] {
    return this.shuffle(arr.slice()).slice(0, Math.min(k, arr.length));
  }
}

/** Cumulative sums of weights, for Rng.weighted. */
export function cumulative(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let s = 0;
  for (let i = 0; i < weights.length; i++) out[i] = s += weights[i]!;
  return out;
}
