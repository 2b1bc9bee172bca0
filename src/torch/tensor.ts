// The Tensor class: a JS handle to a libtorch tensor, with PyTorch's method names in
// camelCase. Methods that PyTorch marks with a trailing underscore work in place and
// return `this`.
import { N, type Handle } from './native.js';
import { track } from './scope.js';
import type { DType, Device, TypedArray } from './dtype.js';
import { typedArrayFor } from './dtype.js';
import { formatTensor } from './format.js';

export type Scalar = number | boolean;
type TS = Tensor | Scalar;
const h = (x: TS) => (x instanceof Tensor ? x.h : x);

export class Tensor {
  readonly __isTensor = true;
  /** The native handle. */
  readonly h: Handle;

  constructor(handle: Handle) {
    this.h = handle;
    track(this);
  }

  // ---- metadata -------------------------------------------------------------------
  get shape(): number[] { return N.shape(this.h); }
  size(dim?: number): number | number[] {
    const s = this.shape;
    return dim === undefined ? s : s[dim < 0 ? s.length + dim : dim];
  }
  get ndim(): number { return this.shape.length; }
  dim(): number { return this.shape.length; }
  get dtype(): DType { return N.dtype(this.h); }
  get device(): string { return N.device(this.h); }
  numel(): number { return N.numel(this.h); }
  isContiguous(): boolean { return N.isContiguous(this.h); }

  // ---- memory ---------------------------------------------------------------------
  /** Frees the native tensor now; using this object afterwards throws. */
  dispose(): void { N.dispose(this.h); }
  get isDisposed(): boolean { return N.isDisposed(this.h); }

  // ---- host copies ----------------------------------------------------------------
  /** A copy of the data in a typed array of the tensor's dtype (row-major). */
  dataSync(): TypedArray { return typedArrayFor(this.dtype, N.toBuffer(this.h)); }
  /** The data as numbers (int64 converted), flat. */
  toFlatArray(): number[] {
    if (this.dtype === 'float16') {
      // JS has no Float16Array; float32 holds every float16 value exactly.
      const f = this.float();
      try { return f.toFlatArray(); } finally { f.dispose(); }
    }
    const d = this.dataSync();
    if (d instanceof BigInt64Array) return Array.from(d, Number);
    if (this.dtype === 'bool') return Array.from(d as Uint8Array, (x) => x);
    return Array.from(d as Float32Array);
  }
  /** Nested JS arrays, like `tensor.tolist()`. */
  toArray(): unknown {
    const flat = this.toFlatArray();
    const bool = this.dtype === 'bool';
    const shape = this.shape;
    if (shape.length === 0) return bool ? flat[0] !== 0 : flat[0];
    let i = 0;
    const build = (d: number): unknown[] => {
      const out: unknown[] = [];
      for (let k = 0; k < shape[d]; k++) out.push(d === shape.length - 1 ? (bool ? flat[i++] !== 0 : flat[i++]) : build(d + 1));
      return out;
    };
    return build(0);
  }
  item(): number { return Number(N.item(this.h)); }
  toString(): string { return formatTensor(this); }
  [Symbol.for('nodejs.util.inspect.custom')](): string { return this.toString(); }

  // ---- conversion -----------------------------------------------------------------
  to(dtypeOrDevice: DType | Device, device?: Device): Tensor {
    const isDevice = dtypeOrDevice === 'cpu' || dtypeOrDevice.startsWith('cuda');
    return new Tensor(N.to(this.h, isDevice ? null : (dtypeOrDevice as DType), isDevice ? dtypeOrDevice : (device ?? null)));
  }
  float(): Tensor { return this.to('float32'); }
  double(): Tensor { return this.to('float64'); }
  long(): Tensor { return this.to('int64'); }
  int(): Tensor { return this.to('int32'); }
  bool(): Tensor { return this.to('bool'); }
  cpu(): Tensor { return this.to('cpu'); }
  cuda(): Tensor { return this.to('cuda'); }
  clone(): Tensor { return new Tensor(N.clone(this.h)); }
  contiguous(): Tensor { return new Tensor(N.contiguous(this.h)); }

  // ---- autograd -------------------------------------------------------------------
  get requiresGrad(): boolean { return N.requiresGrad(this.h); }
  set requiresGrad(v: boolean) { N.setRequiresGrad(this.h, v); }
  requiresGrad_(v = true): this { N.setRequiresGrad(this.h, v); return this; }
  /** The accumulated gradient (a new handle onto it), or null. */
  get grad(): Tensor | null {
    const g = N.grad(this.h);
    return g ? new Tensor(g) : null;
  }
  set grad(g: Tensor | null) { N.setGrad(this.h, g ? g.h : null); }
  get isLeaf(): boolean { return N.isLeaf(this.h); }
  get gradFn(): string | null { return N.gradFnName(this.h); }
  retainGrad(): this { N.retainGrad(this.h); return this; }
  /** Like PyTorch's `.data`: a view without history. */
  get data(): Tensor { return new Tensor(N.detach(this.h)); }
  /**
   * `t.data = src`: t takes src's values, dtype and device while staying the same tensor
   * (same object, same leaf), so optimizers holding it keep working.
   */
  set data(src: Tensor) { N.setData(this.h, src.h); }
  detach(): Tensor { return new Tensor(N.detach(this.h)); }
  detach_(): this { N.detach_(this.h); return this; }
  backward(gradient?: Tensor, opts: { retainGraph?: boolean; createGraph?: boolean } = {}): void {
    N.backward(this.h, gradient?.h ?? null, opts.retainGraph ?? null, opts.createGraph ?? false);
  }

  // ---- arithmetic -----------------------------------------------------------------
  add(o: TS, alpha = 1): Tensor { return new Tensor(N.add(this.h, h(o), alpha)); }
  sub(o: TS, alpha = 1): Tensor { return new Tensor(N.sub(this.h, h(o), alpha)); }
  /** other - this, for a number `other`. */
  rsub(o: number): Tensor { return new Tensor(N.rsub(this.h, o)); }
  mul(o: TS): Tensor { return new Tensor(N.mul(this.h, h(o))); }
  div(o: TS): Tensor { return new Tensor(N.div(this.h, h(o))); }
  pow(o: TS): Tensor { return new Tensor(N.pow(this.h, h(o))); }
  remainder(o: TS): Tensor { return new Tensor(N.remainder(this.h, h(o))); }
  fmod(o: TS): Tensor { return new Tensor(N.fmod(this.h, h(o))); }
  maximum(o: Tensor): Tensor { return new Tensor(N.maximum(this.h, o.h)); }
  minimum(o: Tensor): Tensor { return new Tensor(N.minimum(this.h, o.h)); }
  atan2(o: Tensor): Tensor { return new Tensor(N.atan2(this.h, o.h)); }
  neg(): Tensor { return new Tensor(N.neg(this.h)); }
  abs(): Tensor { return new Tensor(N.abs(this.h)); }
  exp(): Tensor { return new Tensor(N.exp(this.h)); }
  expm1(): Tensor { return new Tensor(N.expm1(this.h)); }
  log(): Tensor { return new Tensor(N.log(this.h)); }
  log1p(): Tensor { return new Tensor(N.log1p(this.h)); }
  log2(): Tensor { return new Tensor(N.log2(this.h)); }
  sqrt(): Tensor { return new Tensor(N.sqrt(this.h)); }
  rsqrt(): Tensor { return new Tensor(N.rsqrt(this.h)); }
  sin(): Tensor { return new Tensor(N.sin(this.h)); }
  cos(): Tensor { return new Tensor(N.cos(this.h)); }
  tan(): Tensor { return new Tensor(N.tan(this.h)); }
  tanh(): Tensor { return new Tensor(N.tanh(this.h)); }
  sigmoid(): Tensor { return new Tensor(N.sigmoid(this.h)); }
  relu(): Tensor { return new Tensor(N.relu(this.h)); }
  sign(): Tensor { return new Tensor(N.sign(this.h)); }
  floor(): Tensor { return new Tensor(N.floor(this.h)); }
  ceil(): Tensor { return new Tensor(N.ceil(this.h)); }
  round(): Tensor { return new Tensor(N.round(this.h)); }
  trunc(): Tensor { return new Tensor(N.trunc(this.h)); }
  reciprocal(): Tensor { return new Tensor(N.reciprocal(this.h)); }
  square(): Tensor { return new Tensor(N.square(this.h)); }
  erf(): Tensor { return new Tensor(N.erf(this.h)); }
  clamp(min: number | null, max: number | null = null): Tensor { return new Tensor(N.clamp(this.h, min, max)); }
  softmax(dim: number): Tensor { return new Tensor(N.softmax(this.h, dim)); }
  logSoftmax(dim: number): Tensor { return new Tensor(N.logSoftmax(this.h, dim)); }

  // ---- comparison and logic -------------------------------------------------------
  eq(o: TS): Tensor { return new Tensor(N.eq(this.h, h(o))); }
  ne(o: TS): Tensor { return new Tensor(N.ne(this.h, h(o))); }
  lt(o: TS): Tensor { return new Tensor(N.lt(this.h, h(o))); }
  le(o: TS): Tensor { return new Tensor(N.le(this.h, h(o))); }
  gt(o: TS): Tensor { return new Tensor(N.gt(this.h, h(o))); }
  ge(o: TS): Tensor { return new Tensor(N.ge(this.h, h(o))); }
  logicalAnd(o: Tensor): Tensor { return new Tensor(N.logicalAnd(this.h, o.h)); }
  logicalOr(o: Tensor): Tensor { return new Tensor(N.logicalOr(this.h, o.h)); }
  logicalNot(): Tensor { return new Tensor(N.logicalNot(this.h)); }
  isnan(): Tensor { return new Tensor(N.isnan(this.h)); }
  isfinite(): Tensor { return new Tensor(N.isfinite(this.h)); }
  allclose(o: Tensor, rtol = 1e-5, atol = 1e-8): boolean { return N.allclose(this.h, o.h, rtol, atol); }
  equal(o: Tensor): boolean { return N.equal(this.h, o.h); }

  // ---- reductions -----------------------------------------------------------------
  sum(dim?: number | number[] | null, keepdim = false): Tensor { return new Tensor(N.sum(this.h, dim ?? null, keepdim)); }
  mean(dim?: number | number[] | null, keepdim = false): Tensor { return new Tensor(N.mean(this.h, dim ?? null, keepdim)); }
  var(dim?: number | number[] | null, opts: { unbiased?: boolean; keepdim?: boolean } = {}): Tensor {
    return new Tensor(N.var(this.h, dim ?? null, opts.unbiased ?? true, opts.keepdim ?? false));
  }
  std(dim?: number | number[] | null, opts: { unbiased?: boolean; keepdim?: boolean } = {}): Tensor {
    return new Tensor(N.std(this.h, dim ?? null, opts.unbiased ?? true, opts.keepdim ?? false));
  }
  prod(dim?: number, keepdim = false): Tensor { return new Tensor(N.prod(this.h, dim ?? null, keepdim)); }
  /** max over all elements. */
  max(): Tensor;
  /** max along a dim: values and indices. */
  max(dim: number, keepdim?: boolean): { values: Tensor; indices: Tensor };
  max(dim?: number, keepdim = false): Tensor | { values: Tensor; indices: Tensor } {
    if (dim === undefined) return new Tensor(N.max(this.h));
    const [v, i] = N.maxDim(this.h, dim, keepdim);
    return { values: new Tensor(v), indices: new Tensor(i) };
  }
  min(): Tensor;
  min(dim: number, keepdim?: boolean): { values: Tensor; indices: Tensor };
  min(dim?: number, keepdim = false): Tensor | { values: Tensor; indices: Tensor } {
    if (dim === undefined) return new Tensor(N.min(this.h));
    const [v, i] = N.minDim(this.h, dim, keepdim);
    return { values: new Tensor(v), indices: new Tensor(i) };
  }
  amax(dim: number | number[], keepdim = false): Tensor { return new Tensor(N.amax(this.h, dim, keepdim)); }
  amin(dim: number | number[], keepdim = false): Tensor { return new Tensor(N.amin(this.h, dim, keepdim)); }
  argmax(dim?: number, keepdim = false): Tensor { return new Tensor(N.argmax(this.h, dim ?? null, keepdim)); }
  argmin(dim?: number, keepdim = false): Tensor { return new Tensor(N.argmin(this.h, dim ?? null, keepdim)); }
  logsumexp(dim: number | number[], keepdim = false): Tensor { return new Tensor(N.logsumexp(this.h, dim, keepdim)); }
  all(): Tensor { return new Tensor(N.all(this.h)); }
  any(): Tensor { return new Tensor(N.any(this.h)); }
  cumsum(dim: number): Tensor { return new Tensor(N.cumsum(this.h, dim)); }
  norm(p = 2, dim?: number | number[], keepdim = false): Tensor { return new Tensor(N.norm(this.h, p, dim ?? null, keepdim)); }

  // ---- linear algebra -------------------------------------------------------------
  matmul(o: Tensor): Tensor { return new Tensor(N.matmul(this.h, o.h)); }
  mm(o: Tensor): Tensor { return new Tensor(N.mm(this.h, o.h)); }
  bmm(o: Tensor): Tensor { return new Tensor(N.bmm(this.h, o.h)); }
  dot(o: Tensor): Tensor { return new Tensor(N.dot(this.h, o.h)); }
  outer(o: Tensor): Tensor { return new Tensor(N.outer(this.h, o.h)); }
  t(): Tensor { return new Tensor(N.t(this.h)); }

  // ---- shape ----------------------------------------------------------------------
  reshape(...shape: number[] | [number[]]): Tensor { return new Tensor(N.reshape(this.h, shape.flat())); }
  view(...shape: number[] | [number[]]): Tensor { return new Tensor(N.view(this.h, shape.flat())); }
  permute(...dims: number[] | [number[]]): Tensor { return new Tensor(N.permute(this.h, dims.flat())); }
  transpose(d0: number, d1: number): Tensor { return new Tensor(N.transpose(this.h, d0, d1)); }
  flatten(startDim = 0, endDim = -1): Tensor { return new Tensor(N.flatten(this.h, startDim, endDim)); }
  squeeze(dim?: number): Tensor { return new Tensor(N.squeeze(this.h, dim ?? null)); }
  unsqueeze(dim: number): Tensor { return new Tensor(N.unsqueeze(this.h, dim)); }
  expand(...shape: number[] | [number[]]): Tensor { return new Tensor(N.expand(this.h, shape.flat())); }
  expandAs(o: Tensor): Tensor { return this.expand(o.shape); }
  repeat(...reps: number[] | [number[]]): Tensor { return new Tensor(N.repeat(this.h, reps.flat())); }
  flip(dims: number[]): Tensor { return new Tensor(N.flip(this.h, dims)); }
  split(sizeOrSizes: number | number[], dim = 0): Tensor[] {
    const hs = Array.isArray(sizeOrSizes) ? N.splitWithSizes(this.h, sizeOrSizes, dim) : N.split(this.h, sizeOrSizes, dim);
    return hs.map((x) => new Tensor(x));
  }
  chunk(chunks: number, dim = 0): Tensor[] { return N.chunk(this.h, chunks, dim).map((x) => new Tensor(x)); }
  unbind(dim = 0): Tensor[] { return N.unbind(this.h, dim).map((x) => new Tensor(x)); }
  narrow(dim: number, start: number, length: number): Tensor { return new Tensor(N.narrow(this.h, dim, start, length)); }
  /** Like x[..., start:end:step, ...] on one dim; end null = to the end. */
  slice(dim: number, start = 0, end: number | null = null, step = 1): Tensor { return new Tensor(N.slice(this.h, dim, start, end, step)); }
  select(dim: number, index: number): Tensor { return new Tensor(N.select(this.h, dim, index)); }
  indexSelect(dim: number, index: Tensor): Tensor { return new Tensor(N.indexSelect(this.h, dim, index.h)); }
  /** x[index] with an int64 or bool tensor along dim 0. */
  index(index: Tensor): Tensor { return new Tensor(N.index(this.h, index.h)); }
  gather(dim: number, index: Tensor): Tensor { return new Tensor(N.gather(this.h, dim, index.h)); }
  scatter(dim: number, index: Tensor, src: Tensor): Tensor { return new Tensor(N.scatter(this.h, dim, index.h, src.h)); }
  scatterAdd(dim: number, index: Tensor, src: Tensor): Tensor { return new Tensor(N.scatterAdd(this.h, dim, index.h, src.h)); }
  maskedSelect(mask: Tensor): Tensor { return new Tensor(N.maskedSelect(this.h, mask.h)); }
  maskedFill(mask: Tensor, value: TS): Tensor { return new Tensor(N.maskedFill(this.h, mask.h, h(value))); }
  nonzero(): Tensor { return new Tensor(N.nonzero(this.h)); }
  tril(diagonal = 0): Tensor { return new Tensor(N.tril(this.h, diagonal)); }
  triu(diagonal = 0): Tensor { return new Tensor(N.triu(this.h, diagonal)); }

  // ---- sorting --------------------------------------------------------------------
  sort(dim = -1, descending = false): { values: Tensor; indices: Tensor } {
    const [v, i] = N.sort(this.h, dim, descending);
    return { values: new Tensor(v), indices: new Tensor(i) };
  }
  argsort(dim = -1, descending = false): Tensor { return new Tensor(N.argsort(this.h, dim, descending)); }
  topk(k: number, dim = -1, largest = true, sorted = true): { values: Tensor; indices: Tensor } {
    const [v, i] = N.topk(this.h, k, dim, largest, sorted);
    return { values: new Tensor(v), indices: new Tensor(i) };
  }

  // ---- in place -------------------------------------------------------------------
  add_(o: TS, alpha = 1): this { N.add_(this.h, h(o), alpha); return this; }
  sub_(o: TS, alpha = 1): this { N.sub_(this.h, h(o), alpha); return this; }
  mul_(o: TS): this { N.mul_(this.h, h(o)); return this; }
  div_(o: TS): this { N.div_(this.h, h(o)); return this; }
  addcmul_(t1: Tensor, t2: Tensor, value = 1): this { N.addcmul_(this.h, t1.h, t2.h, value); return this; }
  addcdiv_(t1: Tensor, t2: Tensor, value = 1): this { N.addcdiv_(this.h, t1.h, t2.h, value); return this; }
  copy_(src: Tensor): this { N.copy_(this.h, src.h); return this; }
  zero_(): this { N.zero_(this.h); return this; }
  fill_(v: Scalar): this { N.fill_(this.h, v); return this; }
  sqrt_(): this { N.sqrt_(this.h); return this; }
  clamp_(min: number | null, max: number | null = null): this { N.clamp_(this.h, min, max); return this; }
  lerp_(end: Tensor, weight: number): this { N.lerp_(this.h, end.h, weight); return this; }
  uniform_(a = 0, b = 1): this { N.uniform_(this.h, a, b); return this; }
  normal_(mean = 0, std = 1): this { N.normal_(this.h, mean, std); return this; }
  maskedFill_(mask: Tensor, value: Scalar): this { N.maskedFill_(this.h, mask.h, value); return this; }
}
