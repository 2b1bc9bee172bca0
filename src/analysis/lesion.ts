// Veit et al.'s lesion studies on a trained model, through the block contract only:
//   single   remove each block in turn (its shortcut and join stay; a plain identity-shaped
//            block passes its input on; a plain block that changes shape cannot be removed)
//   k        remove k random removable non-downsampling blocks, T trials per k
//   reorder  swap k random pairs of same-shape blocks, T trials per k; each trial's order is
//            also reported with its Kendall τ to the original order
// Every change is undone before the next measurement; the model ends as it started.
import type { BlockBase, BlockNet } from '../models/index.js';
import { shapeKey } from '../models/index.js';
import { Rng } from '../util/rng.js';
import type { Evaluator, Score } from './evaluator.js';
import { kendallTau, sample } from './stats.js';
import { mean, sd } from '../util/stats.js';

export type LesionMode = 'single' | 'k' | 'reorder';
export const LESION_MODES: readonly LesionMode[] = ['single', 'k', 'reorder'];

export interface LesionOptions {
  modes: readonly LesionMode[];
  /** Values of k (blocks removed / pairs swapped); default 1 … the number possible. */
  ks?: number[];
  trials: number;
  seed: number;
  /** Called after each measurement. */
  onStep?: (done: number, total: number) => void;
}

type Figures = Record<string, number>;
export interface SingleEntry { block: number; value: number | null; downsample: boolean; removable: boolean; figures?: Figures }
export interface Aggregate { k: number; mean: number; sd: number; trials: number; figures?: Figures }
export interface ReorderTrial { k: number; tau: number; value: number; figures?: Figures }

export interface LesionResult {
  model: string;
  metric: string;
  lowerIsBetter: boolean;
  chance: number;
  baseline: number;
  baselineFigures?: Figures;
  blocks: number;
  /** True when no block has a shortcut (a plain net). */
  plain: boolean;
  single: SingleEntry[];
  k: Aggregate[];
  reorder: Aggregate[];
  reorderTrials: ReorderTrial[];
}

/** Blocks whose removal Lesion 2 may draw: removable and not changing shape. */
export function deletable(blocks: BlockBase[]): number[] {
  return blocks.filter((b) => b.removable && !b.downsample).map((b) => b.index);
}

/** Blocks that have at least one other block of the same shape (Lesion 3's candidates). */
export function swappable(blocks: BlockBase[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (const b of blocks) {
    const key = shapeKey(b.shape);
    groups.set(key, [...(groups.get(key) ?? []), b.index]);
  }
  for (const [k, g] of groups) if (g.length < 2) groups.delete(k);
  return groups;
}

/** Runs fn with the given blocks removed, then puts them back. */
export function withRemoved<R>(model: BlockNet, indices: number[], fn: () => R): R {
  const bs = model.blocks();
  const removed: BlockBase[] = [];
  try {
    for (const i of indices) {
      bs[i].enabled = false;
      removed.push(bs[i]);
    }
    return fn();
  } finally {
    for (const b of removed) b.enabled = true;
  }
}

/**
 * Runs fn after k random same-shape swaps (perm[i] = original index now at position i),
 * then undoes them in reverse order.
 */
export function withSwaps<R>(model: BlockNet, k: number, rng: Rng, fn: (perm: number[]) => R): R {
  const n = model.blocks().length;
  const groups = [...swappable(model.blocks()).values()];
  const pool = groups.flat();
  const perm = Array.from({ length: n }, (_, i) => i);
  const done: [number, number][] = [];
  try {
    for (let s = 0; s < k && pool.length; s++) {
      const i = pool[rng.int(pool.length)];
      const group = groups.find((g) => g.includes(i))!;
      const others = group.filter((j) => j !== i);
      const j = others[rng.int(others.length)];
      model.swapBlocks(i, j);
      done.push([i, j]);
      [perm[i], perm[j]] = [perm[j], perm[i]];
    }
    return fn(perm);
  } finally {
    for (const [i, j] of done.reverse()) model.swapBlocks(i, j);
  }
}

/** 1 … max, or the given list clipped to [1, max]. */
function kValues(ks: number[] | undefined, max: number): number[] {
  const all = Array.from({ length: max }, (_, i) => i + 1);
  return ks ? [...new Set(ks)].filter((k) => k >= 1 && k <= max).sort((a, b) => a - b) : all;
}

function meanFigures(scores: Score[]): Figures | undefined {
  if (!scores[0]?.figures) return undefined;
  return Object.fromEntries(Object.keys(scores[0].figures).map((name) => [name, mean(scores.map((s) => s.figures?.[name] ?? NaN))]));
}

export function runLesion(model: BlockNet, modelName: string, ev: Evaluator, o: LesionOptions): LesionResult {
  const blocks = model.blocks();
  const del = deletable(blocks);
  const swapPool = [...swappable(blocks).values()].flat();
  const kDel = o.modes.includes('k') ? kValues(o.ks, del.length) : [];
  const kSwap = o.modes.includes('reorder') ? kValues(o.ks, swapPool.length) : [];
  const total = 1 + (o.modes.includes('single') ? blocks.filter((b) => b.removable).length : 0) + o.trials * (kDel.length + kSwap.length);
  let done = 0;
  const measure = (): Score => {
    const s = ev.evaluate(model);
    o.onStep?.(++done, total);
    return s;
  };

  const base = measure();
  const single: SingleEntry[] = !o.modes.includes('single') ? [] : blocks.map((b) => {
    if (!b.removable) return { block: b.index, value: null, downsample: b.downsample, removable: false };
    const s = withRemoved(model, [b.index], measure);
    return { block: b.index, value: s.value, downsample: b.downsample, removable: true, ...(s.figures ? { figures: s.figures } : {}) };
  });

  const k: Aggregate[] = kDel.map((kk) => {
    const scores = Array.from({ length: o.trials }, (_, t) => {
      const rng = new Rng(o.seed, 0x1e51, kk, t);
      return withRemoved(model, sample(del, kk, (n) => rng.int(n)), measure);
    });
    const vs = scores.map((s) => s.value);
    const figures = meanFigures(scores);
    return { k: kk, mean: mean(vs), sd: sd(vs), trials: vs.length, ...(figures ? { figures } : {}) };
  });

  const reorderTrials: ReorderTrial[] = [];
  const reorder: Aggregate[] = kSwap.map((kk) => {
    const scores = Array.from({ length: o.trials }, (_, t) => withSwaps(model, kk, new Rng(o.seed, 0x5a4b, kk, t), (perm) => {
      const s = measure();
      reorderTrials.push({ k: kk, tau: kendallTau(perm), value: s.value, ...(s.figures ? { figures: s.figures } : {}) });
      return s;
    }));
    const vs = scores.map((s) => s.value);
    const figures = meanFigures(scores);
    return { k: kk, mean: mean(vs), sd: sd(vs), trials: vs.length, ...(figures ? { figures } : {}) };
  });

  return {
    model: modelName, metric: ev.metric, lowerIsBetter: ev.lowerIsBetter, chance: ev.chance, baseline: base.value,
    ...(base.figures ? { baselineFigures: base.figures } : {}),
    blocks: blocks.length, plain: blocks.every((b) => !b.hasShortcut), single, k, reorder, reorderTrials,
  };
}

/** Mean, median and worst loss (metric change towards worse) when one non-downsampling block is removed. */
export function singleSummary(r: LesionResult): { mean: number; median: number; worst: number; worstBlock: number; downsampleWorst: number | null } | null {
  const sign = r.lowerIsBetter ? 1 : -1;
  const nd = r.single.filter((e) => e.value !== null && !e.downsample);
  if (nd.length === 0) return null;
  const drops = nd.map((e) => sign * (e.value! - r.baseline));
  const w = drops.indexOf(Math.max(...drops));
  const ds = r.single.filter((e) => e.value !== null && e.downsample).map((e) => sign * (e.value! - r.baseline));
  const sorted = drops.slice().sort((a, b) => a - b);
  const median = (sorted[(sorted.length - 1) >> 1] + sorted[sorted.length >> 1]) / 2;
  return { mean: mean(drops), median, worst: drops[w], worstBlock: nd[w].block, downsampleWorst: ds.length ? Math.max(...ds) : null };
}
