// Scoring new data with a saved run: the run's fitted preprocessing and layout applied to
// the rows (nothing refitted), the ensemble's mean probability per row, and per-domain
// contributions for the top-ranked rows.
import { loadFeatureMatrix, dayToIso } from '../data/cert/matrix.js';
import { domainContributions } from './explain.js';
import type { Domain } from '../data/cert/types.js';
import { DOMAINS } from '../data/cert/types.js';
import { bindSaved } from './data.js';
import { loadRun, writePredictions, type ExtraColumns } from '../rundir/index.js';
import { scoreRows, rowScores, type Mode } from './modes.js';
import type { BlockNet } from '../models/index.js';
import type { BoundLayout } from '../layout/layout.js';

export interface ScoredAlert { user: string; day: string; score: number; insider: number | null; contributions: Record<Domain, number> }
export interface ScoreSummary { run: string; out: string; rows: number; top: ScoredAlert[] }

/** The ensemble's score per row: the mean of its members' scores (probabilities when supervised). */
export function ensembleScores(models: BlockNet[], mode: Mode, layout: BoundLayout, rows: Int32Array): Float64Array {
  const s = new Float64Array(rows.length);
  for (const m of models) scoreRows(mode, m, layout, rows).forEach((v, i) => (s[i] += v / models.length));
  return s;
}

export async function scoreFeatures(runDir: string, features: string, out: string, top: number): Promise<ScoreSummary> {
  const run = loadRun(runDir);
  const matrix = await loadFeatureMatrix(features);
  let layout;
  try {
    layout = bindSaved(matrix, run.prep, run.layout);
  } catch (e) {
    throw new Error(`${features}: ${(e as Error).message}`);
  }
  const rows = Int32Array.from({ length: matrix.n }, (_, i) => i);
  const mode = run.config.mode ?? 'supervised';
  const scores = ensembleScores(run.models, mode, layout, rows);
  const order = Array.from(scores.keys()).sort((a, b) => scores[b] - scores[a]);
  const rank = new Int32Array(matrix.n);
  order.forEach((r, k) => (rank[r] = k + 1));
  const topRows = Int32Array.from(order.slice(0, top));
  // Contributions from the first member: explanations of an average are averages of explanations only for linear models.
  const contrib = domainContributions(run.models[0], layout, topRows, (m, x, r) => rowScores(mode, m, x, () => layout.base(r)));
  const byRow = new Map<number, Record<Domain, number>>();
  topRows.forEach((r, k) => byRow.set(r, contrib[k]));
  const extra: ExtraColumns = { rank: ['INTEGER', (r) => rank[r]] };
  for (const d of DOMAINS) extra[`contribution_${d}`] = ['DOUBLE', (r) => byRow.get(r)?.[d] ?? ''];
  await writePredictions(out, matrix, [['all', rows, scores]], extra);
  for (const m of run.models) m.dispose();
  layout.dispose();
  return {
    run: run.config.name, out, rows: matrix.n,
    top: Array.from(topRows, (r, k) => ({ user: matrix.users[matrix.user[r]], day: dayToIso(matrix.time[r]), score: scores[r], insider: matrix.insider ? matrix.insider[r] : null, contributions: contrib[k] })),
  };
}
