// Numeric assertions for tensors: element-wise |a - e| <= atol + rtol·|e|, with the
// worst element named in the failure message.
import assert from 'node:assert/strict';
import type { Tensor } from '../../src/torch/index.js';

export interface Tol { atol?: number; rtol?: number }
type Nums = Tensor | ArrayLike<number> | number;

/** Numbers from JSON written by Python, where non-finite values are the strings 'nan', 'inf', '-inf'. */
export function pyNum(v: number | string | boolean): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  if (v === 'nan') return NaN;
  const n = Number(v);
  if (Number.isNaN(n)) throw new Error(`not a number: '${v}'`);
  return n;
}

function flat(x: Nums): number[] {
  if (typeof x === 'number') return [x];
  if ((x as Tensor).__isTensor) return (x as Tensor).toFlatArray();
  return Array.from(x as ArrayLike<number | string>, pyNum);
}

export function assertClose(actual: Nums, expected: Nums, tol: Tol = {}, label = ''): void {
  const atol = tol.atol ?? 1e-6;
  const rtol = tol.rtol ?? 1e-5;
  const a = flat(actual);
  const e = flat(expected);
  const where = label ? `${label}: ` : '';
  if ((actual as Tensor).__isTensor && (expected as Tensor).__isTensor) {
    assert.deepEqual((actual as Tensor).shape, (expected as Tensor).shape, `${where}shape`);
  }
  assert.equal(a.length, e.length, `${where}length ${a.length} vs expected ${e.length}`);
  let worst = -1;
  let worstExcess = 0;
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(e[i]) && Number.isNaN(a[i])) continue;
    if (a[i] === e[i]) continue; // covers matching infinities
    const excess = Math.abs(a[i] - e[i]) - (atol + rtol * Math.abs(e[i]));
    if (!(excess <= 0) && (worst < 0 || !(excess <= worstExcess))) {
      worst = i;
      worstExcess = excess;
    }
  }
  if (worst >= 0) {
    assert.fail(`${where}element ${worst}: got ${a[worst]}, expected ${e[worst]} (atol ${atol}, rtol ${rtol})`);
  }
}

/** Largest |a - b| over all elements. */
export function maxAbsDiff(a: Nums, b: Nums): number {
  const x = flat(a);
  const y = flat(b);
  assert.equal(x.length, y.length);
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i] - y[i]));
  return m;
}
