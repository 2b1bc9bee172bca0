// The seeds' variant study: every variant of zoo.ts is trained on the same image
// subset through the one image-run code path (runImages → trainMember), once per seed,
// then dissected with Veit et al.'s single-block and k-block lesions (runLesion on the
// run's test rows) and, for FractalNet, which has no block to delete, Larsson et al.'s
// column deletion (columns.ts: the net with one column kept). Per variant it keeps test accuracy (mean, spread over seeds), the
// training loss over the first epoch (per batch and per tenth of the epoch, where (b)'s
// slow start shows), parameters, MACs, wall time and the lesion figures.
// Layout of --out:  runs/<variant>/seed<k>/  (an ordinary image run + lesion.json + variant.json)
//                   variants.json, variants.md  (written by the caller: see variantsReport.ts)
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runImages, DEFAULT_IMAGE_RUN } from '../../train/imageRun.js';
import { writeFileAtomic } from '../../util/atomic.js';
import { loadTarget } from '../targets.js';
import { runLesion, singleSummary, deletable } from '../lesion.js';
import { runColumnLesion, fractalBlocks } from '../columns.js';
import { mean, sd } from '../../util/stats.js';
import { pickVariants, type Variant } from './zoo.js';
import { judgeClaims } from './claims.js';
import type { RuledClaim as Claim } from '../claims.js';

export interface VariantStudyOptions {
  data: string;
  out: string;
  epochs: number;
  seeds: number[];
  /** Training images (0: all that are not validation images). */
  limit: number;
  val: number;
  /** Test images for the accuracy (0: the whole test file). */
  testLimit: number;
  /** Test images each lesion measurement is scored on. */
  lesionRows: number;
  /** Random draws per k in the k-block lesion. */
  trials: number;
  /** Values of k in the k-block lesion: at most this many, spread from 1 to the number of deletable blocks (0: every k). */
  kPoints: number;
  batch: number;
  lr: number;
  /** Variant names (empty: all). */
  only: string[];
  /** Reuse a seed's finished run when it was made with the same options. */
  resume?: boolean;
}

/**
 * The default budget: three seeds (the 3×SE rule needs a seed spread), 4,000 images × 3
 * epochs (96 steps; ResNet-32 reached 75 % at 3,000 × 3 and 79 % at 5,000 × 3, its plain
 * twin 55 %, while 1,500 × 2 left most variants at 10–45 %), lesions on 500 test images
 * at 5 values of k. A profile on one thread of a busy two-core machine projected about
 * 47 minutes; the whole default run on two cores took 29 minutes (1,752 s: training
 * 10–61 s per variant and seed, lesions 1–20 s, DenseNet the dearest). Lesions were 85 %
 * of the time before k was thinned and the rows halved.
 */
export const DEFAULT_VARIANT_STUDY: Omit<VariantStudyOptions, 'data' | 'out'> = {
  epochs: 3, seeds: [1, 2, 3], limit: 4000, val: 1000, testLimit: 2000, lesionRows: 500, trials: 3, kPoints: 5, batch: 128, lr: 2e-3, only: [],
};

export interface KPoint { k: number; error: number; sd: number }

/** Test error (%) with only one column of a FractalNet kept. */
export interface ColumnPoint { column: number; convsPerBlock: number; error: number; sd: number }

export interface VariantSeedRun {
  seed: number;
  dir: string;
  testAccuracy: number;
  /** Seconds for training and testing (runImages), and for the lesions. */
  trainSeconds: number;
  lesionSeconds: number;
  /** Training loss of every batch of epoch 1, and its means over tenths of the epoch. */
  firstEpochLoss: number[];
  firstEpochTenths: number[];
  lesion: {
    /** Test error (%) of the intact model on the lesion rows. */
    baseline: number;
    chance: number;
    /** Mean / worst rise in error (points) when one non-downsampling block is deleted; null when none can be. */
    singleMean: number | null;
    singleWorst: number | null;
    k: KPoint[];
    /** FractalNet's column deletion: the intact net's error and each single column's (%); null for other families. */
    columns: { baseline: number; columns: { column: number; convsPerBlock: number; error: number }[] } | null;
  };
}

export interface VariantRow {
  name: string;
  family: string;
  description: string;
  params: number;
  macs: number;
  blocks: number;
  deletable: number;
  accuracy: { mean: number; sd: number };
  seconds: { train: number; lesion: number };
  firstEpochTenths: number[];
  singleDrop: number | null;
  /** Error (%) against k, averaged over seeds. */
  kCurve: KPoint[];
  /** FractalNet: error (%) with only column c kept, averaged over seeds (the full net's is baselineError); null for other families. */
  columnErrors: ColumnPoint[] | null;
  baselineError: number;
  chance: number;
  seeds: VariantSeedRun[];
}

export interface VariantStudy {
  options: Omit<VariantStudyOptions, 'out'>;
  rows: VariantRow[];
  claims: Claim[];
  seconds: number;
}

export interface VariantHooks {
  log?: (line: string) => void;
}

/** At most `points` values of k from 1 to max, evenly spread with both ends kept; undefined (every k) when points is 0 or covers them all. */
export function spreadKs(max: number, points: number): number[] | undefined {
  if (points <= 0 || max <= points) return undefined;
  if (points === 1) return [1];
  return [...new Set(Array.from({ length: points }, (_, i) => Math.round(1 + (i * (max - 1)) / (points - 1))))];
}

/** Means over tenths of a series (fewer parts when it is shorter than ten). */
export function tenths(xs: number[]): number[] {
  const parts = Math.min(10, xs.length);
  return Array.from({ length: parts }, (_, i) => mean(xs.slice(Math.floor((i * xs.length) / parts), Math.floor(((i + 1) * xs.length) / parts))));
}

// `record` counts the changes to what a seed's record holds (2: the column lesion), so a
// record written before one is not reused.
const fingerprint = (o: VariantStudyOptions, v: Variant, seed: number) =>
  JSON.stringify({ record: 2, data: resolve(o.data), epochs: o.epochs, limit: o.limit, val: o.val, testLimit: o.testLimit, lesionRows: o.lesionRows, trials: o.trials, kPoints: o.kPoints, batch: o.batch, lr: o.lr, config: v.config(), seed });

async function runSeed(o: VariantStudyOptions, v: Variant, seed: number, log: (s: string) => void): Promise<VariantSeedRun & { params: number; macs: number; blocks: number; deletable: number }> {
  const dir = join(o.out, 'runs', v.name, `seed${seed}`);
  const recordPath = join(dir, 'variant.json');
  const fp = fingerprint(o, v, seed);
  if (o.resume && existsSync(recordPath)) {
    const prev = JSON.parse(readFileSync(recordPath, 'utf8'));
    if (prev.fingerprint === fp) {
      log(`${v.name} seed ${seed}: reusing ${dir}`);
      return prev.run;
    }
  }
  mkdirSync(dir, { recursive: true });
  // The variant goes to runImages as a config file: the same path `reslab train --images --model FILE.json` takes.
  const modelPath = join(dir, 'model.json');
  writeFileAtomic(modelPath, JSON.stringify(v.config(), null, 2) + '\n');
  const losses: number[] = [];
  let firstDone = false;
  const r = runImages({
    ...DEFAULT_IMAGE_RUN, data: o.data, model: modelPath, epochs: o.epochs, batch: o.batch, lr: o.lr,
    // Every epoch runs: the study compares fixed budgets, not early-stopped ones.
    patience: o.epochs, seed, limit: o.limit, val: o.val, testLimit: o.testLimit,
  }, dir, {
    onBatch: (_d, _t, loss) => { if (!firstDone) losses.push(loss); },
    onEpoch: () => { firstDone = true; },
  });
  log(`${v.name} seed ${seed}: test accuracy ${(100 * r.test.accuracy).toFixed(2)} % after ${r.epochs} epoch(s), ${r.seconds.toFixed(0)} s`);

  const l0 = performance.now();
  const target = await loadTarget(dir, { testLimit: o.lesionRows, seed });
  let run: VariantSeedRun & { params: number; macs: number; blocks: number; deletable: number };
  try {
    const blocks = target.model.blocks();
    const ks = spreadKs(deletable(blocks).length, o.kPoints);
    const les = runLesion(target.model, v.name, target.evaluator, { modes: ['single', 'k'], trials: o.trials, seed, ...(ks ? { ks } : {}) });
    writeFileAtomic(join(dir, 'lesion.json'), JSON.stringify(les, null, 2) + '\n');
    const cols = fractalBlocks(target.model) ? runColumnLesion(target.model, target.evaluator) : null;
    if (cols) writeFileAtomic(join(dir, 'columns.json'), JSON.stringify(cols, null, 2) + '\n');
    const s = singleSummary(les);
    run = {
      seed, dir, testAccuracy: r.test.accuracy, trainSeconds: r.seconds, lesionSeconds: (performance.now() - l0) / 1000,
      firstEpochLoss: losses, firstEpochTenths: tenths(losses),
      lesion: { baseline: les.baseline, chance: les.chance, singleMean: s?.mean ?? null, singleWorst: s?.worst ?? null, k: les.k.map((a) => ({ k: a.k, error: a.mean, sd: a.sd })),
        columns: cols && { baseline: cols.baseline, columns: cols.columns.map((c) => ({ column: c.column, convsPerBlock: c.convsPerBlock, error: c.value })) },
      },
      params: r.params, macs: r.macs, blocks: blocks.length, deletable: deletable(blocks).length,
    };
  } finally {
    target.dispose();
  }
  const colText = run.lesion.columns ? `; one column kept: ${run.lesion.columns.columns.map((c) => `${c.error.toFixed(1)} %`).join(', ')} (full ${run.lesion.columns.baseline.toFixed(1)} %)` : '';
  log(`${v.name} seed ${seed}: lesions in ${run.lesionSeconds.toFixed(0)} s; one block deleted: +${run.lesion.singleMean?.toFixed(2) ?? 'n/a'} points${colText}`);
  writeFileAtomic(recordPath, JSON.stringify({ fingerprint: fp, run }) + '\n');
  return run;
}

/** Averages the seeds' k curves at the k values every seed has. */
function meanCurve(runs: VariantSeedRun[]): KPoint[] {
  const ks = runs[0].lesion.k.map((p) => p.k).filter((k) => runs.every((r) => r.lesion.k.some((p) => p.k === k)));
  return ks.map((k) => {
    const vs = runs.map((r) => r.lesion.k.find((p) => p.k === k)!.error);
    return { k, error: mean(vs), sd: runs.length > 1 ? sd(vs) : runs[0].lesion.k.find((p) => p.k === k)!.sd };
  });
}

/** Averages the seeds' single-column errors; null when the runs have no column lesion. */
function meanColumns(runs: VariantSeedRun[]): ColumnPoint[] | null {
  const all = runs.map((r) => r.lesion.columns);
  if (all.some((c) => !c)) return null;
  return all[0]!.columns.map((c, i) => {
    const vs = all.map((x) => x!.columns[i].error);
    return { column: c.column, convsPerBlock: c.convsPerBlock, error: mean(vs), sd: sd(vs) };
  });
}

function meanSeries(series: number[][]): number[] {
  const n = Math.min(...series.map((s) => s.length));
  return Array.from({ length: n }, (_, i) => mean(series.map((s) => s[i])));
}

export async function runVariants(o: VariantStudyOptions, hooks: VariantHooks = {}): Promise<VariantStudy> {
  const t0 = performance.now();
  const log = hooks.log ?? (() => {});
  if (o.seeds.length === 0) throw new Error('the study needs at least one seed');
  const rows: VariantRow[] = [];
  for (const v of pickVariants(o.only)) {
    const runs = [];
    for (const seed of o.seeds) runs.push(await runSeed(o, v, seed, log));
    const singles = runs.map((r) => r.lesion.singleMean).filter((x): x is number => x !== null);
    const accs = runs.map((r) => r.testAccuracy);
    rows.push({
      name: v.name, family: v.family, description: v.description, params: runs[0].params, macs: runs[0].macs, blocks: runs[0].blocks, deletable: runs[0].deletable,
      accuracy: { mean: mean(accs), sd: sd(accs) },
      seconds: { train: mean(runs.map((r) => r.trainSeconds)), lesion: mean(runs.map((r) => r.lesionSeconds)) },
      firstEpochTenths: meanSeries(runs.map((r) => r.firstEpochTenths)),
      singleDrop: singles.length ? mean(singles) : null,
      kCurve: meanCurve(runs),
      columnErrors: meanColumns(runs),
      baselineError: mean(runs.map((r) => r.lesion.baseline)), chance: runs[0].lesion.chance,
      seeds: runs.map(({ params: _p, macs: _m, blocks: _b, deletable: _d, ...rest }) => rest),
    });
  }
  const { out: _out, ...options } = o;
  return { options: { ...options, data: resolve(o.data) }, rows, claims: judgeClaims(rows), seconds: (performance.now() - t0) / 1000 };
}
