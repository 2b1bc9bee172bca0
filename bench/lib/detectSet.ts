// The detection benches' shared ground: one hard generated set (200 users × 180 days, all
// five scenarios at intensity 0.5), Le et al.'s by-user-and-time split, and the residual
// runs on it, cached under .cache/bench/detect so that bench:detect and bench:compare
// train each (model, seed) once and compare on exactly the same rows.
import { join, resolve } from 'node:path';
import { generate } from '../../src/data/synth/index.js';
import { extractFeatures, FEATURES_VERSION } from '../../src/data/cert/index.js';
import { edgesPathFor } from '../../src/data/cert/edges.js';
import { runDetection, withDefaults } from '../../src/train/run.js';
import type { RunConfig } from '../../src/rundir/index.js';
import { StageCache } from '../../src/util/stages.js';
import { RECIPES, type RecipeConfig } from '../../src/contest/methods.js';
import { seedDir, runFile, RESULT } from '../../src/rundir/index.js';

export const DETECT_ROOT = resolve('.cache', 'bench', 'detect');
export const DETECT_SPLIT = { kind: 'le2020' as const, trainUsers: 0.6 };

export interface DetectSet {
  cache: StageCache;
  features: string;
  /** The features stage's key: downstream stages key on it. */
  featuresKey: string;
  gen: { release: 'r5.2'; users: number; days: number; start: string; insiders: number; scenarios: number[]; intensity: number; seed: number };
  rows: number;
  insiderRows: number;
  /** The generated release. */
  data: string;
}

export async function detectSet(o: { users: number; days: number; intensity: number }): Promise<DetectSet> {
  const cache = new StageCache(DETECT_ROOT);
  const gen = { release: 'r5.2' as const, users: o.users, days: o.days, start: '2010-01-04', insiders: 20, scenarios: [1, 2, 3, 4, 5], intensity: o.intensity, seed: 7 };
  const data = join(DETECT_ROOT, 'data');
  const g = await cache.run('generate', gen, [join(data, 'answers', 'insiders.csv')], async () => (await generate({ ...gen, out: data, quiet: true })).events);
  const features = join(DETECT_ROOT, 'features', 'day.parquet');
  const f = await cache.run('features', { gen: g.key, version: FEATURES_VERSION }, [features], async () => {
    const s = await extractFeatures({ data, granularity: 'day', out: features, quiet: true });
    return { rows: s.rows, insiderRows: s.insiderRows, insiderUsers: s.insiderUsers };
  });
  return { cache, features, featuresKey: f.key, gen, rows: f.result.rows, insiderRows: f.result.insiderRows, data };
}

/**
 * The set's log edges for the graph baselines. Extracted beside a second copy of the
 * features (same release, same rows) rather than by re-extracting the cached features
 * with edges, which would change their key and retrain every cached residual run.
 */
export async function detectEdges(set: DetectSet): Promise<string> {
  const out = join(DETECT_ROOT, 'edges', 'day.parquet');
  await set.cache.run('edges', { features: set.featuresKey }, [edgesPathFor(out)], async () => {
    const s = await extractFeatures({ data: set.data, granularity: 'day', out, edges: true, quiet: true });
    if (s.rows !== set.rows) throw new Error(`edge extraction saw ${s.rows} user-days, the features ${set.rows}`);
    return s.edges;
  });
  return edgesPathFor(out);
}

/** bench:detect's residual entries in its order: the named recipes of src/contest/methods.ts. */
const BENCH_RECIPES = [
  'mlp', 'mlp-plain', 'mlp-dev', 'mlp-ens', 'mlp-best', 'mlp-best-ens', 'mlp-skip', 'mlp-skip-best', 'mlp-skip-w', 'mlp-w', 'mlp-skip-w-dev',
  'mlp-refit', 'mlp-best-refit', 'mlp-skip-best-refit', 'mlp-plain-refit', 'mlp-skip-lin', 'mlp-skip-best-lin',
  'learned', 'learned-plain', 'seq', 'seq-plain', 'grid', 'grid-plain', 'history', 'history-plain', 'history-dev', 'deepinsight', 'deepinsight-plain',
];

export interface ResidualEntry { id: string; recipe: RecipeConfig }

export const RESIDUAL_ENTRIES: ResidualEntry[] = BENCH_RECIPES.map((id) => ({ id, recipe: RECIPES[id]! }));

/** Trains (or reuses) one residual entry at one seed; the run directory holds its result.json. */
export async function residualRun(set: DetectSet, e: ResidualEntry, seed: number, epochs: number, log: (s: string) => void): Promise<string> {
  const { prepare, ...recipe } = e.recipe;
  // The bench's short defaults (10 epochs, patience 3) unless the recipe sets its own.
  const cfg: RunConfig = withDefaults({ features: set.features, split: DETECT_SPLIT, epochs, patience: 3, seed, ...recipe, prepare: prepare ?? {} });
  const dir = seedDir(join(DETECT_ROOT, 'runs'), e.id, seed);
  const r = await set.cache.run(`run-${e.id}-${seed}`, { features: set.featuresKey, cfg }, [runFile(dir, RESULT)], async () => {
    const s = await runDetection(cfg, dir, { resume: 'if-same' });
    return { prAuc: s.test.overall.averagePrecision, seconds: s.seconds };
  });
  log(`${e.id.padEnd(14)} seed ${seed}: test PR-AUC ${r.result.prAuc.toFixed(3)}${r.cached ? ' (cached)' : ` in ${r.result.seconds.toFixed(0)} s`}`);
  return dir;
}
