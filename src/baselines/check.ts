// Input checks shared by the detectors, so a wrong shape fails with the same clear
// message everywhere instead of as an out-of-range read deep in a loop.
import type { TabularData } from './types.js';

export function checkData(who: string, d: TabularData, f?: number): void {
  if (!(d.x instanceof Float32Array)) throw new TypeError(`${who}: x must be a Float32Array`);
  if (!Number.isInteger(d.n) || !Number.isInteger(d.f) || d.n < 0 || d.f <= 0) {
    throw new RangeError(`${who}: n and f must be integers with n >= 0 and f > 0 (got n=${d.n}, f=${d.f})`);
  }
  if (d.x.length !== d.n * d.f) {
    throw new RangeError(`${who}: x has ${d.x.length} values, expected n*f = ${d.n}*${d.f} = ${d.n * d.f}`);
  }
  if (f !== undefined && d.f !== f) throw new RangeError(`${who}: data has ${d.f} features, but the detector was fitted on ${f}`);
}

export function checkTrain(who: string, d: TabularData, minRows = 1): void {
  checkData(who, d);
  if (d.n < minRows) throw new RangeError(`${who}: fit needs at least ${minRows} row(s), got ${d.n}`);
}

/** Labels of a supervised fit: present, one per row, 0/1, and both classes seen. */
export function checkLabels(who: string, d: TabularData, labels: Uint8Array | undefined): Uint8Array {
  if (!labels) throw new TypeError(`${who} is supervised: fit(train, labels) needs 0/1 labels, one per row`);
  if (labels.length !== d.n) throw new RangeError(`${who}: ${labels.length} labels for ${d.n} rows`);
  let pos = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] > 1) throw new RangeError(`${who}: label ${i} is ${labels[i]}, expected 0 or 1`);
    pos += labels[i];
  }
  if (pos === 0 || pos === labels.length) throw new RangeError(`${who}: labels hold only one class (${pos} positives of ${labels.length})`);
  return labels;
}

export function notFitted(who: string): never {
  throw new Error(`${who}: score() called before fit()`);
}

/** A list parameter given as a list, or as comma-separated text (as the CLI's --param gives it); other values pass through for the caller to check. */
export function listParam(v: unknown): unknown {
  return typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v;
}

/** A positive integer parameter, or the default. */
export function intParam(who: string, params: Record<string, unknown>, key: string, def: number, min = 1): number {
  const v = params[key] ?? def;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw new RangeError(`${who}: ${key} must be an integer >= ${min} (got ${String(v)})`);
  return v;
}

export function numParam(who: string, params: Record<string, unknown>, key: string, def: number, lo = -Infinity, hi = Infinity): number {
  const v = params[key] ?? def;
  if (typeof v !== 'number' || !(v >= lo && v <= hi)) throw new RangeError(`${who}: ${key} must be a number in [${lo}, ${hi}] (got ${String(v)})`);
  return v;
}
