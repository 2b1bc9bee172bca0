// Prints tensors the way PyTorch's `str(tensor)` does: 4-digit fixed or scientific
// floats chosen over the whole tensor, integral floats as `1.`, columns padded to one
// width, rows wrapped at 80 characters, and `...` summaries beyond 1,000 elements.
import type { Tensor } from './tensor.js';

const PRECISION = 4;
const LINE_WIDTH = 80;
const THRESHOLD = 1000;
const EDGE = 3;

interface Fmt { width: number; fmt(v: number): string }

function floatFormatter(vals: number[]): Fmt {
  const finite = vals.filter((v) => Number.isFinite(v));
  const nz = finite.filter((v) => v !== 0).map(Math.abs);
  let intMode = finite.every((v) => Math.round(v) === v);
  let sci = false;
  if (nz.length > 0) {
    const mx = Math.max(...nz);
    const mn = Math.min(...nz);
    if (intMode) {
      if (mx > 1e8) { sci = true; intMode = false; }
    } else if (mx / mn > 1000 || mx > 1e8 || mn < 1e-4) {
      sci = true;
    }
  }
  let fmt: (v: number) => string;
  if (sci) fmt = (v) => (Number.isFinite(v) ? sciString(v) : nonFinite(v));
  else if (intMode) fmt = (v) => (Number.isFinite(v) ? `${v.toFixed(0)}.` : nonFinite(v));
  else fmt = (v) => (Number.isFinite(v) ? v.toFixed(PRECISION) : nonFinite(v));
  const width = Math.max(1, ...vals.map((v) => fmt(v).length));
  return { width, fmt };
}

function sciString(v: number): string {
  // JS gives 1.2340e+0; PyTorch gives 1.2340e+00.
  const [m, e] = v.toExponential(PRECISION).split('e');
  const sign = e[0] === '-' ? '-' : '+';
  const digits = e.replace(/^[+-]/, '').padStart(2, '0');
  return `${m}e${sign}${digits}`;
}

function nonFinite(v: number): string {
  return Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
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
  const flat = t.toFlatArray();
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
  const indent = prefix.length;

  const fmtDim = (d: number, off: number, ind: number): string => {
    if (d === shape.length) return f.fmt(flat[off]).padStart(f.width);
    const n = shape[d];
    const cut = summarize && n > 2 * EDGE;
    const idx = cut ? [...Array(EDGE).keys(), -1, ...Array.from({ length: EDGE }, (_, i) => n - EDGE + i)] : [...Array(n).keys()];
    if (d === shape.length - 1) {
      const items = idx.map((i) => (i < 0 ? '...' : fmtDim(d + 1, off + i * strides[d], ind + 1)));
      const perLine = Math.max(1, Math.floor((LINE_WIDTH - ind - 1) / (f.width + 2)));
      const lines: string[] = [];
      for (let k = 0; k < items.length; k += perLine) lines.push(items.slice(k, k + perLine).join(', '));
      return '[' + lines.join(',\n' + ' '.repeat(ind + 1)) + ']';
    }
    const sep = ',' + '\n'.repeat(shape.length - d - 1) + ' '.repeat(ind + 1);
    const parts = idx.map((i) => (i < 0 ? '...' : fmtDim(d + 1, off + i * strides[d], ind + 1)));
    return '[' + parts.join(sep) + ']';
  };

  let body = shape.length === 0 ? f.fmt(flat[0]) : fmtDim(0, 0, indent);
  if (shape.includes(0)) body = '[]';
  const suffix: string[] = [];
  if (shape.includes(0) && shape.length > 1) suffix.push(`size=(${shape.join(', ')})`);
  const defaultDtype = dtype === 'float32' || dtype === 'int64' || dtype === 'bool';
  if (!defaultDtype) suffix.push(`dtype=torch.${dtype}`);
  const gradFn = t.gradFn;
  if (gradFn) suffix.push(`grad_fn=<${gradFn}>`);
  else if (t.requiresGrad) suffix.push('requires_grad=True');
  return prefix + body + (suffix.length ? ', ' + suffix.join(', ') : '') + ')';
}
