// One contest cell: one method at one seed on one world's features, trained or fitted the
// way `reslab train` and `reslab baselines` do, on Le et al.'s by-user-and-time split with
// that seed. Each cell is a stage of the contest's StageCache keyed on the world's
// features, the resolved method spec and the seed: a killed contest reruns only the
// unfinished cells, and changing one method's options reruns only that method's cells.
import { join } from 'node:path';
import type { FeatureMatrix } from '../data/cert/matrix.js';
import { detectorRevision } from '../baselines/index.js';
import { runBaselines } from '../train/baselines.js';
import { runDetection, withDefaults } from '../train/run.js';
import type { StageCache } from '../util/stages.js';
import type { MethodSpec } from './methods.js';

/** The contest's split: Le et al.'s, 60 % of the users (and their early days) for training. */
export const CONTEST_SPLIT = { kind: 'le2020' as const, trainUsers: 0.6 };

export interface CellWorld {
  name: string;
  features: string;
  /** The features stage's key: cells key on it. */
  featuresKey: string;
  /** Loaded once per world and shared by its baseline cells. */
  matrix: FeatureMatrix;
}

export interface CellResult {
  /** The run directory: result.json, predictions.parquet, config.json. */
  dir: string;
  prAuc: number;
  seconds: number;
}

const safe = (s: string) => s.replace(/[^A-Za-z0-9._+-]/g, '_');

/** Runs (or reuses) one cell; `root` holds the contest's run directories. */
export async function runCell(cache: StageCache, root: string, world: CellWorld, method: string, spec: MethodSpec, seed: number): Promise<{ result: CellResult; cached: boolean }> {
  const dir = join(root, 'worlds', safe(world.name), safe(method));
  const stage = `cell-${safe(world.name)}-${safe(method)}-${seed}`;
  // A detector's revision enters the key only once its defaults changed, so other cells keep their cache.
  const revision = spec.kind === 'baseline' ? detectorRevision(spec.detector) : 1;
  const key = { features: world.featuresKey, spec, seed, split: CONTEST_SPLIT, ...(revision > 1 ? { revision } : {}) };
  if (spec.kind === 'baseline') {
    const runDir = join(dir, spec.detector, `seed-${seed}`);
    const r = await cache.run(stage, key, [join(runDir, 'result.json'), join(runDir, 'predictions.parquet')], async () => {
      const [row] = await runBaselines(
        { features: world.features, detectors: [spec.detector], split: CONTEST_SPLIT, seeds: [seed], prepare: spec.prepare, ...(spec.params ? { params: { [spec.detector]: spec.params } } : {}) },
        dir, () => {}, world.matrix,
      );
      return { dir: runDir, prAuc: row!.averagePrecision, seconds: row!.fitSeconds + row!.scoreSeconds } satisfies CellResult;
    });
    return { result: r.result, cached: r.cached };
  }
  const runDir = join(dir, `seed-${seed}`);
  const r = await cache.run(stage, key, [join(runDir, 'result.json'), join(runDir, 'predictions.parquet')], async () => {
    const { prepare, ...rest } = spec.recipe;
    const cfg = withDefaults({ ...rest, features: world.features, prepare: prepare ?? {}, split: CONTEST_SPLIT, seed });
    const s = await runDetection(cfg, runDir, { resume: 'if-same' });
    return { dir: runDir, prAuc: s.test.overall.averagePrecision, seconds: s.seconds } satisfies CellResult;
  });
  return { result: r.result, cached: r.cached };
}
