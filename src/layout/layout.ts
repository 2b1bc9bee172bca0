// Tabular → tensor layouts. A layout is fitted on training rows (its JSON spec is saved
// with a run) and then bound to a base matrix (see prepare.ts) held as one tensor; each
// batch is gathered from it with index ops, so no layout ever materialises every sample
// (the history layout would need T times the table's memory).
//
//   flat     [C·f]           for the MLP-ResNet
//   seq      [C, f]          features as a 1-D sequence (schema order or correlated order)
//   grid     [C+1, H, W]     domain × feature; the last channel marks real (1) vs padded (0) cells
//   history  [C·f+1, T]      the user's previous T rows up to this one, time along the
//                            axis; the last channel marks present (1) vs padded (0) days
//   timeline [T, C, f+1]     the same T rows as history, one [C, f] row per day (today last),
//                            so a model can split today from the past by channel; column f
//                            marks present (1) vs padded (0) days
//   learned  [C, f]          as seq, for models that learn their own ordering (a dense stem)
//   deepinsight [C+1, H, W]  DeepInsight image: similar features on neighbouring pixels;
//                            the last channel marks occupied pixels
//
// With a piecewise-linear encoding (prep.ple, T bins) every value becomes T values: flat
// keeps a column's T components together ([C·f·T], what a per-feature embedding reads);
// every other layout sees C·T channels, channel c·T + t holding component t of channel c.
import * as torch from '../torch/index.js';
import { Tensor, keep } from '../torch/index.js';
import { DOMAINS, type Domain } from '../data/cert/types.js';
import type { PrepareState } from './prepare.js';
import { correlatedOrder } from './order.js';
import { historyIndex } from './history.js';
import { fitDeepInsight, deepInsightMatrix, type DeepInsightSpec } from './deepinsight.js';
import { PleEncoder } from './ple.js';

export type LayoutKind = 'flat' | 'seq' | 'grid' | 'history' | 'timeline' | 'learned' | 'deepinsight';
export const LAYOUT_KINDS: readonly LayoutKind[] = ['flat', 'seq', 'grid', 'history', 'timeline', 'learned', 'deepinsight'];

export type LayoutSpec =
  | { kind: 'flat' }
  | { kind: 'seq'; order: number[] }
  | { kind: 'grid'; rows: Domain[]; width: number; cells: number[] }
  | { kind: 'history'; days: number }
  | { kind: 'timeline'; days: number }
  | { kind: 'learned' }
  | DeepInsightSpec;

export interface LayoutOptions {
  /** seq: 'schema' (default) or 'correlated'. */
  order?: 'schema' | 'correlated';
  /** history, timeline: rows of the user's past per sample, this one included. Default 28. */
  days?: number;
  /** deepinsight: image side in pixels. Default 32. */
  pixels?: number;
  /** deepinsight: seeds the embedding. */
  seed?: number;
}

/** Fits a layout's own parameters (the seq order needs training rows). */
export function fitLayout(kind: LayoutKind, prep: PrepareState, base: Float32Array, trainRows: Int32Array, o: LayoutOptions = {}): LayoutSpec {
  const f = prep.inputs.length;
  switch (kind) {
    case 'flat': return { kind };
    case 'seq': {
      if (o.order === 'correlated') return { kind, order: correlatedOrder(base, prep.channels.length * f, f, trainRows) };
      return { kind, order: Array.from({ length: f }, (_, j) => j) };
    }
    case 'grid': {
      const rows = DOMAINS.filter((d) => prep.domains.includes(d));
      const byRow = rows.map((d) => prep.domains.flatMap((dd, j) => (dd === d ? [j] : [])));
      const width = Math.max(...byRow.map((r) => r.length));
      const cells = byRow.flatMap((r) => Array.from({ length: width }, (_, c) => r[c] ?? -1));
      return { kind, rows, width, cells };
    }
    case 'history':
    case 'timeline': {
      const days = o.days ?? 28;
      // A timeline without a past day would be the flat layout with a mask.
      const least = kind === 'timeline' ? 2 : 1;
      if (!Number.isInteger(days) || days < least) throw new Error(`${kind} layout: days must be an integer of at least ${least}, got ${days}`);
      return { kind, days };
    }
    case 'learned': return { kind };
    case 'deepinsight': return fitDeepInsight(base, prep.channels.length * f, f, trainRows, { height: o.pixels, width: o.pixels, seed: o.seed });
    default: throw new Error(`unknown layout '${String(kind)}' (one of ${LAYOUT_KINDS.join(', ')})`);
  }
}

/** Channels a layout sees: the prepared ones, T-fold with a piecewise-linear encoding. */
const channelsOf = (prep: PrepareState) => prep.channels.length * (prep.ple?.bins ?? 1);

export function inputShapeOf(spec: LayoutSpec, prep: PrepareState): number[] {
  const C = channelsOf(prep), f = prep.inputs.length;
  switch (spec.kind) {
    case 'flat': return [C * f];
    case 'seq': return [C, f];
    case 'grid': return [C + 1, spec.rows.length, spec.width];
    case 'history': return [C * f + 1, spec.days];
    case 'timeline': return [spec.days, C, f + 1];
    case 'learned': return [C, f];
    case 'deepinsight': return [C + 1, spec.height, spec.width];
  }
}

/** A layout bound to one base matrix: gathers model inputs for rows of that matrix. */
export class BoundLayout {
  readonly inputShape: number[];
  private readonly x: Tensor; // [n+1, C·f], the last row all zeros (padding)
  private readonly aux: Tensor | null; // seq: order · grid: cell map · history, timeline: [n, T] row index
  private readonly mask: Tensor | null;
  private readonly ple: PleEncoder | null;
  constructor(readonly spec: LayoutSpec, readonly prep: PrepareState, base: Float32Array, n: number, keys: { user: Int32Array; time: Int32Array }) {
    const w = prep.channels.length * prep.inputs.length, C = channelsOf(prep), f = prep.inputs.length;
    if (base.length !== n * w) throw new Error(`layout: expected a ${n} × ${w} base matrix, got ${base.length} values`);
    if (prep.ple && prep.ple.edges.length !== w) throw new Error(`layout: the PLE edges are for ${prep.ple.edges.length} columns, the base matrix has ${w}`);
    this.inputShape = inputShapeOf(spec, prep);
    const padded = new Float32Array((n + 1) * w);
    padded.set(base);
    this.x = keep(torch.tensor(padded, { shape: [n + 1, w] }));
    this.ple = prep.ple ? new PleEncoder(prep.ple) : null;
    this.mask = null;
    this.aux = null;
    if (spec.kind === 'seq') this.aux = keep(torch.tensor(BigInt64Array.from(spec.order, BigInt)));
    if (spec.kind === 'grid') {
      // Per channel c and cell: column c·(f+1) + j of a row widened by one zero column per channel.
      const map = new BigInt64Array(C * spec.cells.length);
      for (let c = 0; c < C; c++) spec.cells.forEach((j, k) => (map[c * spec.cells.length + k] = BigInt(c * (f + 1) + (j < 0 ? f : j))));
      this.aux = keep(torch.tensor(map));
      this.mask = keep(torch.tensor(Float32Array.from(spec.cells, (j) => (j < 0 ? 0 : 1)), { shape: [1, 1, spec.rows.length, spec.width] }));
    }
    if (spec.kind === 'history' || spec.kind === 'timeline') this.aux = keep(torch.tensor(historyIndex(keys.user, keys.time, spec.days, n), { shape: [n, spec.days] }));
    if (spec.kind === 'deepinsight') {
      const { weights, occupied } = deepInsightMatrix(spec, f);
      this.aux = keep(torch.tensor(weights, { shape: [f, spec.height * spec.width] }));
      this.mask = keep(torch.tensor(occupied, { shape: [1, 1, spec.height, spec.width] }));
    }
  }

  /**
   * Base rows [R, C·f] as the layout's channels [R, C'·f]: unchanged without an encoding,
   * else feature-major [R, C·f·T] for flat and channel-major (c, t, j) for the others.
   */
  private encode(x: Tensor): Tensor {
    if (!this.ple) return x;
    const R = x.shape[0], T = this.ple.bins, C = this.prep.channels.length, f = this.prep.inputs.length;
    const e = this.ple.encode(x); // [R, C·f, T]
    if (this.spec.kind === 'flat') return e.view(R, C * f * T);
    return e.view(R, C, f, T).permute(0, 1, 3, 2).contiguous().view(R, C * T * f);
  }

  /** Model input for these rows (int64 indices into the bound matrix). */
  batch(rows: Tensor): Tensor {
    const B = rows.shape[0];
    const C = channelsOf(this.prep), f = this.prep.inputs.length;
    const s = this.spec;
    return torch.tidy(() => {
      const x = this.encode(this.x.indexSelect(0, rows));
      switch (s.kind) {
        case 'flat': return x;
        case 'seq': return x.view(B, C, f).indexSelect(2, this.aux!);
        case 'learned': return x.view(B, C, f);
        case 'deepinsight': {
          const img = x.view(B * C, f).matmul(this.aux!).view(B, C, s.height, s.width);
          return torch.cat([img, this.mask!.expand(B, 1, s.height, s.width)], 1);
        }
        case 'grid': {
          const wide = torch.cat([x.view(B, C, f), torch.zeros([B, C, 1])], 2).view(B, C * (f + 1));
          const g = wide.indexSelect(1, this.aux!).view(B, C, s.rows.length, s.width);
          return torch.cat([g, this.mask!.expand(B, 1, s.rows.length, s.width)], 1);
        }
        case 'history': {
          const idx = this.aux!.indexSelect(0, rows); // [B, T]
          const h = this.encode(this.x.indexSelect(0, idx.view(B * s.days))).view(B, s.days, C * f).permute(0, 2, 1);
          const present = idx.lt(this.x.shape[0] - 1).float().view(B, 1, s.days);
          return torch.cat([h, present], 1).contiguous();
        }
        case 'timeline': {
          const idx = this.aux!.indexSelect(0, rows).view(B * s.days);
          const h = this.encode(this.x.indexSelect(0, idx)).view(B * s.days, C, f);
          const present = idx.lt(this.x.shape[0] - 1).float().view(B * s.days, 1, 1).expand(B * s.days, C, 1);
          return torch.cat([h, present], 2).view(B, s.days, C, f + 1);
        }
      }
    });
  }

  /** Values per row of the base matrix (C·f). */
  get baseWidth(): number { return this.prep.channels.length * this.prep.inputs.length; }

  /** The rows of the base matrix itself, [B, C·f] (the autoencoder's target). */
  base(rows: Tensor): Tensor { return this.x.indexSelect(0, rows); }

  /** For every element of one sample's input: the index of its domain in DOMAINS, or -1 (mask, padding). */
  inputDomains(): Int32Array {
    const C = channelsOf(this.prep), f = this.prep.inputs.length, T = this.ple?.bins ?? 1;
    const dom = this.prep.domains.map((d) => DOMAINS.indexOf(d));
    const s = this.spec;
    switch (s.kind) {
      case 'flat': return Int32Array.from({ length: C * f }, (_, k) => dom[Math.floor(k / T) % f]);
      case 'seq': return Int32Array.from({ length: C * f }, (_, k) => dom[s.order[k % f]]);
      case 'grid': {
        const per = s.cells.map((j) => (j < 0 ? -1 : dom[j]));
        return Int32Array.from([...Array.from({ length: C }, () => per).flat(), ...per.map(() => -1)]);
      }
      case 'learned': return Int32Array.from({ length: C * f }, (_, k) => dom[k % f]);
      case 'deepinsight': {
        // A pixel shared by features of several domains belongs to the first one's domain.
        const hw = s.height * s.width;
        const per = new Int32Array(hw).fill(-1);
        s.cells.forEach((c, j) => { if (per[c] < 0) per[c] = dom[j]; });
        return Int32Array.from({ length: (C + 1) * hw }, (_, k) => (k < C * hw ? per[k % hw] : -1));
      }
      case 'timeline': return Int32Array.from({ length: s.days * C * (f + 1) }, (_, k) => (k % (f + 1) === f ? -1 : dom[k % (f + 1)]));
      case 'history': return Int32Array.from({ length: (C * f + 1) * s.days }, (_, k) => {
        const ch = Math.floor(k / s.days);
        return ch === C * f ? -1 : dom[ch % f];
      });
    }
  }

  dispose(): void {
    this.x.dispose();
    this.ple?.dispose();
    this.aux?.dispose();
    this.mask?.dispose();
  }
}
