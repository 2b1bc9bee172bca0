// Shattered gradients (Balduzzi et al. 2017): sweep a net's input along a line, take the
// gradient of its scalar output at every point, and measure how much neighbouring
// gradients still agree. In deep plain nets the curve turns into white noise; skip
// connections keep it structured. This file runs the study on Balduzzi's scalar-input
// nets (nets.ts) over architectures × normalisation × depth × seeds, and gives
// the summary types that a trained run's sweep (run.ts) fills in the same way.
import * as torch from '../../torch/index.js';
import { sweepNet, freezeBatchStats, checkSpec, type Arch } from './nets.js';
import { lineGradient, lineInputs, evenly, type Line } from './sweep.js';
import { autocorrelation } from './stats.js';
import { mean, sd } from '../../util/stats.js';
import type { Claim } from '../claims.js';

/** One net (or one state of a trained model) swept with several seeds. */
export interface ShatteredSeries {
  /** Legend name: "plain+BN", "resnet", …, or "trained" / "fresh init" for a run. */
  series: string;
  arch?: Arch;
  batchNorm?: boolean;
  /** Hidden weight layers (sweep nets) or residual blocks (a run's model). */
  depth: number;
  seeds: number[];
  /** Lag-1 autocorrelation of the mean-subtracted gradient, per seed and over seeds. */
  neighbour: { mean: number; sd: number; values: number[] };
  autocorrelation: { lag: number; mean: number; sd: number }[];
  /** The first seed's gradient along the sweep (x: the input, or the position 0…1 on a run's line). */
  gradient: { x: number; value: number }[];
}

export interface ShatteredStudy {
  kind: 'sweep-nets' | 'run';
  /** What was swept, in words: "sweep nets, width 200" or the run's model name. */
  model: string;
  points: number;
  /** Three standard errors of a lag-1 autocorrelation of white noise (3/√n): |r| below it is noise. */
  whiteNoise: number;
  options: Record<string, unknown>;
  results: ShatteredSeries[];
  /** The paper's claims judged on these numbers (claims.ts), when the study can judge any. */
  claims?: Claim[];
}

export interface SweepOptions {
  archs: Arch[];
  /** Hidden weight layers; residual nets need even depths (two layers per block). */
  depths: number[];
  width: number;
  points: number;
  seeds: number[];
  /** Which normalisations to run: [true] with batch norm, [false] without, or both. */
  batchNorm: boolean[];
  /** The input interval swept (Balduzzi et al.: [−2, 2]). */
  range?: [number, number];
  maxLag?: number;
  onStep?: (done: number, total: number) => void;
}

export const seriesName = (arch: string, bn: boolean) => `${arch}${bn ? '+BN' : ''}`;

/** Summarises per-seed gradient curves measured at the same points. */
export function summarise(series: string, depth: number, seeds: number[], xs: number[], curves: Float64Array[], maxLag: number, extra: Partial<ShatteredSeries> = {}): ShatteredSeries {
  const acs = curves.map((g) => autocorrelation(g, maxLag));
  const r1 = acs.map((a) => a[1]);
  return {
    series, ...extra, depth, seeds,
    neighbour: { mean: mean(r1), sd: sd(r1), values: r1 },
    autocorrelation: acs[0].map((_, k) => ({ lag: k, mean: mean(acs.map((a) => a[k])), sd: sd(acs.map((a) => a[k])) })),
    gradient: xs.map((x, i) => ({ x, value: curves[0][i] })),
  };
}

export const whiteNoiseBand = (points: number) => 3 / Math.sqrt(points);

/** The x-axis of Balduzzi's nets as a Line: inputs t_i themselves (start 0, direction 1). */
export function axisLine(points: number, range: [number, number] = [-2, 2]): Line {
  return { start: torch.keep(torch.zeros([1, 1], { dtype: 'float64' })), direction: torch.keep(torch.ones([1, 1], { dtype: 'float64' })), t: evenly(range[0], range[1], points) };
}

/** d output / d x along the sweep for one seeded net, batch statistics (if any) from the sweep itself. */
export function sweepNetGradient(arch: Arch, depth: number, width: number, batchNorm: boolean, seed: number, line: Line): Float64Array {
  const net = sweepNet({ arch, depth, width, batchNorm }, seed);
  try {
    torch.tidy(() => freezeBatchStats(net, lineInputs(line)));
    return lineGradient(net, line, (z) => z.select(1, 0));
  } finally {
    net.dispose();
  }
}

export function runSweepStudy(o: SweepOptions): ShatteredStudy {
  for (const arch of o.archs) for (const depth of o.depths) checkSpec({ arch, depth, width: o.width, batchNorm: false });
  if (!o.seeds.length) throw new Error('seeds: need at least one');
  const maxLag = Math.min(o.maxLag ?? 20, o.points - 1);
  const line = axisLine(o.points, o.range);
  const total = o.archs.length * o.batchNorm.length * o.depths.length * o.seeds.length;
  let done = 0;
  const results: ShatteredSeries[] = [];
  try {
    for (const bn of o.batchNorm) for (const arch of o.archs) for (const depth of o.depths) {
      const curves = o.seeds.map((seed) => {
        const g = sweepNetGradient(arch, depth, o.width, bn, seed, line);
        o.onStep?.(++done, total);
        return g;
      });
      results.push(summarise(seriesName(arch, bn), depth, o.seeds, line.t, curves, maxLag, { arch, batchNorm: bn }));
    }
  } finally {
    line.start.dispose();
    line.direction.dispose();
  }
  return {
    kind: 'sweep-nets', model: `sweep nets, width ${o.width}`, points: o.points, whiteNoise: whiteNoiseBand(o.points),
    options: { archs: o.archs, depths: o.depths, width: o.width, points: o.points, seeds: o.seeds, batchNorm: o.batchNorm, range: o.range ?? [-2, 2], maxLag },
    results,
  };
}
