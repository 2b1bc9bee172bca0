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
import type { LayoutKind } from '../../src/layout/layout.js';
import type { DeviationKind } from '../../src/layout/prepare.js';
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

export interface ResidualEntry { id: string; model: string; layout: LayoutKind; deviation?: DeviationKind[]; ensemble?: number; extra?: Partial<RunConfig> }

export const RESIDUAL_ENTRIES: ResidualEntry[] = [
  { id: 'mlp', model: 'detect_mlp_resnet', layout: 'flat' },
  { id: 'mlp-plain', model: 'detect_mlp_plain', layout: 'flat' },
  { id: 'mlp-dev', model: 'detect_mlp_resnet', layout: 'flat', deviation: ['user', 'peer'] },
  { id: 'mlp-ens', model: 'detect_mlp_resnet', layout: 'flat', ensemble: 5 },
  // The strongest residual recipe found so far: deviation inputs, rank-Gauss inputs, focal loss, longer training.
  { id: 'mlp-best', model: 'detect_mlp_resnet', layout: 'flat', deviation: ['user', 'peer'], extra: { prepare: { deviation: ['user', 'peer'], normalize: 'quantile' }, balance: 'focal', epochs: 30, patience: 8 } },
  // The same recipe as a 5-member ensemble (seeds differ per member): averaging members is the cheapest variance cut.
  { id: 'mlp-best-ens', model: 'detect_mlp_resnet', layout: 'flat', deviation: ['user', 'peer'], ensemble: 5, extra: { prepare: { deviation: ['user', 'peer'], normalize: 'quantile' }, balance: 'focal', epochs: 30, patience: 8 } },
  // A linear input→output shortcut beside the residual stack (logistic regression plus a
  // residual correction), on the plain inputs and with the best recipe: logistic
  // regression was the strongest baseline in bench:compare.
  { id: 'mlp-skip', model: 'detect_mlp_skip_resnet', layout: 'flat' },
  { id: 'mlp-skip-best', model: 'detect_mlp_skip_resnet', layout: 'flat', deviation: ['user', 'peer'], extra: { prepare: { deviation: ['user', 'peer'], normalize: 'quantile' }, balance: 'focal', epochs: 30, patience: 8 } },
  // The same with logistic regression's loss (BCE weighted by the class ratio) instead of
  // the balanced sampler, and longer training: the architecture is then logistic regression
  // plus a residual correction, trained like it.
  { id: 'mlp-skip-w', model: 'detect_mlp_skip_resnet', layout: 'flat', extra: { balance: 'weighted', epochs: 30, patience: 8 } },
  { id: 'mlp-w', model: 'detect_mlp_resnet', layout: 'flat', extra: { balance: 'weighted', epochs: 30, patience: 8 } },
  { id: 'mlp-skip-w-dev', model: 'detect_mlp_skip_resnet', layout: 'flat', deviation: ['user', 'peer'], extra: { prepare: { deviation: ['user', 'peer'], normalize: 'quantile' }, balance: 'weighted', epochs: 30, patience: 8 } },
  // Refit on train+val once early stopping has chosen the epochs: the baselines fit on both.
  { id: 'mlp-refit', model: 'detect_mlp_resnet', layout: 'flat', extra: { refit: true } },
  { id: 'mlp-best-refit', model: 'detect_mlp_resnet', layout: 'flat', deviation: ['user', 'peer'], extra: { prepare: { deviation: ['user', 'peer'], normalize: 'quantile' }, balance: 'focal', epochs: 30, patience: 8, refit: true } },
  { id: 'mlp-skip-best-refit', model: 'detect_mlp_skip_resnet', layout: 'flat', deviation: ['user', 'peer'], extra: { prepare: { deviation: ['user', 'peer'], normalize: 'quantile' }, balance: 'focal', epochs: 30, patience: 8, refit: true } },
  { id: 'mlp-plain-refit', model: 'detect_mlp_plain', layout: 'flat', extra: { refit: true } },
  // The shortcut fitted first as logistic regression and frozen; the residual stack learns the rest.
  { id: 'mlp-skip-lin', model: 'detect_mlp_skip_resnet', layout: 'flat', extra: { linearFirst: true } },
  { id: 'mlp-skip-best-lin', model: 'detect_mlp_skip_resnet', layout: 'flat', deviation: ['user', 'peer'], extra: { prepare: { deviation: ['user', 'peer'], normalize: 'quantile' }, balance: 'focal', epochs: 30, patience: 8, linearFirst: true } },
  { id: 'learned', model: 'detect_learned_resnet', layout: 'learned' },
  { id: 'learned-plain', model: 'detect_learned_plain', layout: 'learned' },
  { id: 'seq', model: 'detect_seq_resnet', layout: 'seq' },
  { id: 'seq-plain', model: 'detect_seq_plain', layout: 'seq' },
  { id: 'grid', model: 'detect_grid_resnet', layout: 'grid' },
  { id: 'grid-plain', model: 'detect_grid_plain', layout: 'grid' },
  { id: 'history', model: 'detect_history_resnet', layout: 'history' },
  { id: 'history-plain', model: 'detect_history_plain', layout: 'history' },
  { id: 'history-dev', model: 'detect_history_resnet', layout: 'history', deviation: ['user'] },
  { id: 'deepinsight', model: 'detect_image_resnet', layout: 'deepinsight' },
  { id: 'deepinsight-plain', model: 'detect_image_plain', layout: 'deepinsight' },
];

/** Trains (or reuses) one residual entry at one seed; the run directory holds its result.json. */
export async function residualRun(set: DetectSet, e: ResidualEntry, seed: number, epochs: number, log: (s: string) => void): Promise<string> {
  const cfg: RunConfig = withDefaults({ features: set.features, model: e.model, layout: e.layout, prepare: { deviation: e.deviation ?? [] }, split: DETECT_SPLIT, epochs, patience: 3, seed, ensemble: e.ensemble ?? 1, ...e.extra });
  const dir = seedDir(join(DETECT_ROOT, 'runs'), e.id, seed);
  const r = await set.cache.run(`run-${e.id}-${seed}`, { features: set.featuresKey, cfg }, [runFile(dir, RESULT)], async () => {
    const s = await runDetection(cfg, dir, { resume: 'if-same' });
    return { prAuc: s.test.overall.averagePrecision, seconds: s.seconds };
  });
  log(`${e.id.padEnd(14)} seed ${seed}: test PR-AUC ${r.result.prAuc.toFixed(3)}${r.cached ? ' (cached)' : ` in ${r.result.seconds.toFixed(0)} s`}`);
  return dir;
}
