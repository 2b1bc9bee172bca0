// FractalNet's lesion: column deletion (Larsson et al. 2017). A fractal net has no
// shortcut, so Veit et al.'s block deletion does not apply (every block pools); its
// analogue is to keep only some columns in every block. Keeping one column c leaves a
// plain net of 2^c convolutions per block, which drop-path trained to work alone (the
// paper's "anytime" property: shallow columns answer sooner, deeper ones better).
// Columns are switched off through the block contract's branch scales (a fractal block's
// branches are its columns; a scale of 0 drops the column from every join, as drop-path
// does), and every change is undone before the next measurement.
import { FractalBlock, type BlockNet } from '../models/index.js';
import type { Evaluator } from './evaluator.js';

export interface ColumnEntry {
  /** 0-based column; column c holds 2^c convolutions per block. */
  column: number;
  convsPerBlock: number;
  /** The evaluator's value (test error in % for image runs) with only this column kept. */
  value: number;
}

export interface ColumnLesion {
  metric: string;
  chance: number;
  /** The intact network (every column kept). */
  baseline: number;
  columns: ColumnEntry[];
}

/** The fractal blocks of a model, or null when it has none (not a FractalNet). */
export function fractalBlocks(model: BlockNet): FractalBlock[] | null {
  const bs = model.blocks();
  return bs.length > 0 && bs.every((b) => b instanceof FractalBlock) ? (bs as FractalBlock[]) : null;
}

/** Runs fn with only the columns in `keep` switched on in every fractal block, then restores the scales. */
export function withColumns<R>(model: BlockNet, keep: readonly number[], fn: () => R): R {
  const blocks = fractalBlocks(model);
  if (!blocks) throw new Error('column deletion needs a FractalNet (every block a fractal block)');
  const columns = blocks[0].numBranches;
  const bad = keep.filter((c) => !(Number.isInteger(c) && c >= 0 && c < columns));
  if (bad.length || keep.length === 0) throw new Error(`columns to keep: ${keep.join(', ') || 'none'}; expected some of 0 … ${columns - 1}`);
  const saved = blocks.map((b) => b.branchScales);
  try {
    for (const b of blocks) b.branchScales = b.branchScales.map((s, c) => (keep.includes(c) ? s : 0));
    return fn();
  } finally {
    blocks.forEach((b, i) => { b.branchScales = saved[i]; });
  }
}

/** The intact network's value and each single column's, on the evaluator's rows. */
export function runColumnLesion(model: BlockNet, ev: Evaluator): ColumnLesion {
  const blocks = fractalBlocks(model);
  if (!blocks) throw new Error('column deletion needs a FractalNet (every block a fractal block)');
  const n = blocks[0].numBranches;
  const baseline = ev.evaluate(model).value;
  const columns = Array.from({ length: n }, (_, c) => ({ column: c, convsPerBlock: 2 ** c, value: withColumns(model, [c], () => ev.evaluate(model)).value }));
  return { metric: ev.metric, chance: ev.chance, baseline, columns };
}
