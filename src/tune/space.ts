// A declared search space and its seeded random sampler. Random search with a fixed
// budget (Bergstra & Bengio 2012) needs no model of the objective, so every method gets
// the same kind of search and the same number of trials; trial 0 is always the method's
// defaults, so tuning can only match or beat the untuned method on validation.
import { Rng } from '../util/rng.js';

export type ParamValue = number | string | boolean;
export type Params = Record<string, ParamValue>;

export type Dim =
  | { kind: 'float'; lo: number; hi: number; log?: boolean }
  | { kind: 'int'; lo: number; hi: number; log?: boolean }
  | { kind: 'choice'; values: ParamValue[] };

/** Parameter name → its range; names are the method's own (detector parameters or recipe options). */
export type Space = Record<string, Dim>;

/** Rounded to 4 significant digits: the file stays readable and a value round-trips through JSON unchanged. */
const sig4 = (x: number) => Number(x.toPrecision(4));

function draw(d: Dim, rng: Rng): ParamValue {
  if (d.kind === 'choice') return rng.pick(d.values);
  const u = rng.float();
  // An integer range includes hi: floor over [lo, hi + 1) gives every integer its share, rounding would halve the ends'.
  const hi = d.kind === 'int' ? d.hi + 1 : d.hi;
  const x = d.log ? Math.exp(Math.log(d.lo) + u * (Math.log(hi) - Math.log(d.lo))) : d.lo + u * (hi - d.lo);
  if (d.kind === 'int') return Math.min(d.hi, Math.floor(x));
  return Math.min(d.hi, Math.max(d.lo, sig4(x)));
}

/** One draw of every dimension in the space's key order, so a key added at the end leaves the others' draws as they were. */
export function sampleParams(space: Space, rng: Rng): Params {
  const out: Params = {};
  for (const [k, d] of Object.entries(space)) out[k] = draw(d, rng);
  return out;
}

/**
 * The parameters of trials 0 … trials-1: trial 0 is {} (the method's defaults), trial t
 * a draw from its own stream (seed, t), so trial t is the same whatever the budget.
 */
export function trialParams(space: Space, trials: number, seed: number): Params[] {
  if (!Number.isInteger(trials) || trials < 1) throw new RangeError(`trials must be a positive integer, got ${trials}`);
  return Array.from({ length: trials }, (_, t) => (t === 0 ? {} : sampleParams(space, new Rng(seed, t, 0x7e5e))));
}

/** Whether `v` lies in `d` (a file's params are checked against its space when it is read). */
export function inDim(d: Dim, v: unknown): boolean {
  if (d.kind === 'choice') return d.values.includes(v as ParamValue);
  if (typeof v !== 'number' || v < d.lo || v > d.hi) return false;
  return d.kind === 'float' || Number.isInteger(v);
}
