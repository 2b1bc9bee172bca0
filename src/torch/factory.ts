// Tensor creation: from JS data, constants, ranges and seeded random draws.
import { N } from './native.js';
import { Tensor } from './tensor.js';
import { allocTypedArray, dtypeOfTypedArray, type DType, type Device, type TypedArray } from './dtype.js';

export interface Options { dtype?: DType; device?: Device; requiresGrad?: boolean }

function finish(t: Tensor, o: Options): Tensor {
  if (o.device && o.device !== 'cpu' && t.device === 'cpu') {
    const moved = t.to(o.device);
    t.dispose();
    t = moved;
  }
  if (o.requiresGrad) t.requiresGrad_(true);
  return t;
}

type Nested = number | boolean | Nested[];

function inferShape(data: Nested): number[] {
  const shape: number[] = [];
  let cur: Nested = data;
  while (Array.isArray(cur)) {
    shape.push(cur.length);
    cur = cur[0];
  }
  return shape;
}

/**
 * Makes a tensor from nested arrays, a typed array (optionally with a shape) or a number.
 * Nested numbers default to float32 (JS cannot tell 1 from 1.0); booleans give bool.
 */
export function tensor(data: Nested | TypedArray, opts: Options & { shape?: number[] } = {}): Tensor {
  if (ArrayBuffer.isView(data)) {
    const ta = data as TypedArray;
    const own = dtypeOfTypedArray(ta);
    const dtype = opts.dtype ?? own;
    const shape = opts.shape ?? [ta.length];
    // Bytes become bool through a conversion (nonzero → true): copying them raw would make
    // bool tensors holding 2 or 255, which compare and sum inconsistently.
    let t = new Tensor(N.fromBuffer(ta, shape, own));
    if (t.dtype !== dtype) {
      const c = t.to(dtype);
      t.dispose();
      t = c;
    }
    return finish(t, opts);
  }
  const shape = opts.shape ?? inferShape(data);
  const flat = Array.isArray(data) ? (data as unknown[]).flat(Infinity) as (number | boolean)[] : [data];
  const expected = shape.reduce((a, b) => a * b, 1);
  if (flat.length !== expected) throw new Error(`tensor(): ragged nested array (shape ${JSON.stringify(shape)} needs ${expected} values, got ${flat.length})`);
  const dtype = opts.dtype ?? (typeof flat[0] === 'boolean' ? 'bool' : 'float32');
  const arr = allocTypedArray(dtype, flat.length);
  if (arr instanceof BigInt64Array) flat.forEach((v, i) => (arr[i] = BigInt(Math.trunc(Number(v)))));
  else if (dtype === 'bool') flat.forEach((v, i) => ((arr as Uint8Array)[i] = v ? 1 : 0));
  else flat.forEach((v, i) => ((arr as Float32Array)[i] = Number(v)));
  return finish(new Tensor(N.fromBuffer(arr, shape, dtype)), { ...opts, dtype });
}

const dims = (s: number[] | [number[]]) => (s as (number | number[])[]).flat() as number[];

export function zeros(shape: number[], o: Options = {}): Tensor { return finish(new Tensor(N.zeros(shape, o.dtype, o.device ?? null)), o); }
export function ones(shape: number[], o: Options = {}): Tensor { return finish(new Tensor(N.ones(shape, o.dtype, o.device ?? null)), o); }
export function empty(shape: number[], o: Options = {}): Tensor { return finish(new Tensor(N.empty(shape, o.dtype, o.device ?? null)), o); }
export function full(shape: number[], value: number | boolean, o: Options = {}): Tensor {
  return finish(new Tensor(N.full(shape, value, o.dtype ?? (typeof value === 'boolean' ? 'bool' : 'float32'), o.device ?? null)), o);
}
/** arange(end) or arange(start, end, step); int64 unless a dtype is given or a bound is fractional. */
export function arange(startOrEnd: number, end?: number, step = 1, o: Options = {}): Tensor {
  const [a, b] = end === undefined ? [0, startOrEnd] : [startOrEnd, end];
  const frac = [a, b, step].some((v) => !Number.isInteger(v));
  return finish(new Tensor(N.arange(a, b, step, o.dtype ?? (frac ? 'float32' : 'int64'), o.device ?? null)), o);
}
export function linspace(start: number, end: number, steps: number, o: Options = {}): Tensor {
  return finish(new Tensor(N.linspace(start, end, steps, o.dtype, o.device ?? null)), o);
}
export function eye(n: number, m?: number, o: Options = {}): Tensor { return finish(new Tensor(N.eye(n, m ?? n, o.dtype, o.device ?? null)), o); }
export function randn(shape: number[], o: Options = {}): Tensor { return finish(new Tensor(N.randn(dims([shape]), o.dtype, o.device ?? null)), o); }
export function rand(shape: number[], o: Options = {}): Tensor { return finish(new Tensor(N.rand(dims([shape]), o.dtype, o.device ?? null)), o); }
export function randint(low: number, high: number, shape: number[], o: Options = {}): Tensor {
  return finish(new Tensor(N.randint(low, high, shape, o.dtype ?? 'int64', o.device ?? null)), o);
}
export function randperm(n: number, o: Options = {}): Tensor { return finish(new Tensor(N.randperm(n, o.dtype ?? 'int64', o.device ?? null)), o); }
export function zerosLike(t: Tensor): Tensor { return new Tensor(N.zerosLike(t.h)); }
export function onesLike(t: Tensor): Tensor { return new Tensor(N.onesLike(t.h)); }
export function randnLike(t: Tensor): Tensor { return new Tensor(N.randnLike(t.h)); }
export function scalarTensor(v: number, o: Options = {}): Tensor { return tensor(v, o); }

/**
 * A sparse [rows, cols] matrix in COO form for `mm`, entry i being values[i] at
 * (row[i], col[i]). The entries must be sorted by row, then column, with no pair twice:
 * the matrix is then marked coalesced instead of being sorted again on every call (the
 * sort would cost more than a graph layer's product). Checked here, in one pass.
 */
export function sparseSorted(row: Int32Array, col: Int32Array, values: Float32Array, shape: [number, number], o: Options = {}): Tensor {
  const nnz = values.length;
  if (row.length !== nnz || col.length !== nnz) throw new RangeError(`sparseSorted: ${row.length} rows, ${col.length} columns and ${nnz} values`);
  for (let i = 0; i < nnz; i++) {
    if (row[i] < 0 || row[i] >= shape[0] || col[i] < 0 || col[i] >= shape[1]) throw new RangeError(`sparseSorted: entry ${i} at (${row[i]}, ${col[i]}) is outside [${shape}]`);
    if (i > 0 && (row[i] < row[i - 1] || (row[i] === row[i - 1] && col[i] <= col[i - 1]))) {
      throw new RangeError(`sparseSorted: entry ${i} at (${row[i]}, ${col[i]}) does not follow (${row[i - 1]}, ${col[i - 1]}); entries must be sorted by row, then column, without repeats`);
    }
  }
  const idx = new Int32Array(2 * nnz);
  idx.set(row, 0);
  idx.set(col, nnz);
  const indices = tensor(idx, { shape: [2, nnz], dtype: 'int64' });
  const v = tensor(values, o.dtype ? { dtype: o.dtype } : {});
  try {
    return finish(new Tensor(N.sparseCooSorted(indices.h, v.h, shape)), o);
  } finally {
    indices.dispose();
    v.dispose();
  }
}
