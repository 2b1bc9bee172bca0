// Prints tensors the way PyTorch's `str(tensor)` does (torch/_tensor_str.py): one
// formatter chosen over the whole tensor (integral floats as `1.`, 4-digit fixed, or
// scientific when the range is wide), columns padded to one width, rows wrapped at 80
// characters, and `...` summaries beyond 1,000 elements.
import type { Tensor } from './tensor.js';

const PRECISION = 4;
const LINE_WIDTH = 80;
const THRESHOLD = 1000;
const EDGE = 3;

interface Fmt { width: number; fmt(v: number): string }

// Python formats floats from their exact binary value with round-half-even, while JS's
// toFixed/toExponential round exact ties away from zero (0.03125 → '0.0312' in Python,
// '0.0313' in JS). Both are reproduced here from the exact decimal expansion.
const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

/** |v| = num / 10^scale exactly, for finite v. */
function exactDecimal(v: number): { neg: boolean; num: bigint; scale: number } {
  f64[0] = v;
  const bits = u64[0];
  const neg = bits >> 63n === 1n;
  const e = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & ((1n << 52n) - 1n);
  const m = e === 0 ? frac : frac | (1n << 52n);
  const exp = e === 0 ? -1074 : e - 1075;
  if (exp >= 0) return { neg, num: m << BigInt(exp), scale: 0 };
  return { neg, num: m * 5n ** BigInt(-exp), scale: -exp };
}

/** num / 10^drop rounded half to even. */
function divRoundHalfEven(num: bigint, drop: number): bigint {
  if (drop <= 0) return num * 10n ** BigInt(-drop);
  const d = 10n ** BigInt(drop);
  const q = num / d;
  const r = num % d;
  const twice = 2n * r;
  if (twice > d || (twice === d && q % 2n === 1n)) return q + 1n;
  return q;
}

/** Python's '{:.Nf}'.format(v). */
export function pyFixed(v: number, digits: number): string {
  if (!Number.isFinite(v)) return nonFinite(v);
  const { neg, num, scale } = exactDecimal(v);
  const r = divRoundHalfEven(num, scale - digits).toString().padStart(digits + 1, '0');
  const body = digits > 0 ? `${r.slice(0, r.length - digits)}.${r.slice(r.length - digits)}` : r;
  return (neg ? '-' : '') + body;
}

/** Python's '{:.Ne}'.format(v). */
export function pyExp(v: number, digits: number): string {
  if (!Number.isFinite(v)) return nonFinite(v);
  const { neg, num, scale } = exactDecimal(v);
  let mant: string;
  let e10: number;
  if (num === 0n) {
    mant = '0'.repeat(digits + 1);
    e10 = 0;
  } else {
    const len = num.toString().length;
    e10 = len - 1 - scale;
    let r = divRoundHalfEven(num, len - (digits + 1)).toString();
    if (r.length > digits + 1) {
      // 9.99995 rounds up to 10.0000: one more power of ten
      r = r.slice(0, digits + 1);
      e10 += 1;
    }
    mant = r;
  }
  const m = digits > 0 ? `${mant[0]}.${mant.slice(1)}` : mant;
  const ae = Math.abs(e10);
  return `${neg ? '-' : ''}${m}e${e10 < 0 ? '-' : '+'}${String(ae).padStart(2, '0')}`;
}

function nonFinite(v: number): string {
  return Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
}

function floatFormatter(vals: number[]): Fmt {
  // As PyTorch: the mode and width come from the non-zero finite values only.
  const nz = vals.filter((v) => Number.isFinite(v) && v !== 0);
  let width = 1;
  let intMode = true;
  let sci = false;
  if (nz.length > 0) {
    const abs = nz.map(Math.abs);
    const mx = Math.max(...abs);
    const mn = Math.min(...abs);
    intMode = nz.every((v) => Math.ceil(v) === v);
    if (intMode) {
      if (mx / mn > 1000 || mx > 1e8) sci = true;
    } else if (mx / mn > 1000 || mx > 1e8 || mn < 1e-4) {
      sci = true;
    }
    for (const v of nz) {
      const len = sci ? pyExp(v, PRECISION).length : intMode ? pyFixed(v, 0).length + 1 : pyFixed(v, PRECISION).length;
      width = Math.max(width, len);
    }
  }
  let fmt: (v: number) => string;
  if (sci) fmt = (v) => pyExp(v, PRECISION);
  else if (intMode) fmt = (v) => (Number.isFinite(v) ? `${pyFixed(v, 0)}.` : nonFinite(v));
  else fmt = (v) => pyFixed(v, PRECISION);
  return { width, fmt };
}

/** The elements that will be shown (all, or the summarised edges). */
function shownValues(flat: number[], shape: number[], summarize: boolean): number[] {
  if (!summarize) return flat;
  const out: number[] = [];
  const strides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const walk = (d: number, off: number) => {
    if (d === shape.length) { out.push(flat[off]); return; }
    const n = shape[d];
    const idx = n > 2 * EDGE ? [...Array(EDGE).keys(), ...Array.from({ length: EDGE }, (_, i) => n - EDGE + i)] : [...Array(n).keys()];
    for (const i of idx) walk(d + 1, off + i * strides[d]);
  };
  walk(0, 0);
  return out;
}

export function formatTensor(t: Tensor): string {
  const shape = t.shape;
  const dtype = t.dtype;
  const empty = shape.includes(0);
  const flat = empty ? [] : t.toFlatArray();
  const summarize = flat.length > THRESHOLD;
  const isBool = dtype === 'bool';
  const isFloat = dtype.startsWith('float');
  const shown = shownValues(flat, shape, summarize);
  let f: Fmt;
  if (isBool) {
    const width = shown.some((v) => !v) ? 5 : 4;
    f = { width, fmt: (v) => (v ? 'True' : 'False') };
  } else if (isFloat) {
    f = floatFormatter(shown);
  } else {
    const width = Math.max(1, ...shown.map((v) => String(v).length));
    f = { width, fmt: (v) => String(v) };
  }
  const strides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const prefix = 'tensor(';
  const pad = (s: string) => s.padStart(f.width);

  const fmtDim = (d: number, off: number, indent: number): string => {
    const n = shape[d];
    const cut = summarize && n > 2 * EDGE;
    const idx = cut ? [...Array(EDGE).keys(), -1, ...Array.from({ length: EDGE }, (_, i) => n - EDGE + i)] : [...Array(n).keys()];
    if (d === shape.length - 1) {
      const items = idx.map((i) => (i < 0 ? ' ...' : pad(f.fmt(flat[off + i * strides[d]]))));
      const perLine = Math.max(1, Math.floor((LINE_WIDTH - indent) / (f.width + 2)));
      const lines: string[] = [];
      for (let k = 0; k < items.length; k += perLine) lines.push(items.slice(k, k + perLine).join(', '));
      return '[' + lines.join(',\n' + ' '.repeat(indent + 1)) + ']';
    }
    const sep = ',' + '\n'.repeat(shape.length - d - 1) + ' '.repeat(indent + 1);
    const parts = idx.map((i) => (i < 0 ? '...' : fmtDim(d + 1, off + i * strides[d], indent + 1)));
    return '[' + parts.join(sep) + ']';
  };

  const suffix: string[] = [];
  let body: string;
  if (empty) {
    body = '[]';
    if (shape.length !== 1) suffix.push(`size=(${shape.join(', ')})`);
    // With no elements to show, only float32 goes without saying.
    if (dtype !== 'float32') suffix.push(`dtype=torch.${dtype}`);
  } else {
    body = shape.length === 0 ? f.fmt(flat[0]) : fmtDim(0, 0, prefix.length);
    if (!(dtype === 'float32' || dtype === 'int64' || dtype === 'bool')) suffix.push(`dtype=torch.${dtype}`);
  }
  const gradFn = t.gradFn;
  if (gradFn) suffix.push(`grad_fn=<${gradFn}>`);
  else if (t.requiresGrad) suffix.push('requires_grad=True');
  return prefix + body + (suffix.length ? ', ' + suffix.join(', ') : '') + ')';
}
