// The baselines on the residual runs' terms: the same features, the same fitted
// preprocessing (normalised, optional deviation channels, flattened), the same split
// (same kind and seed → the same rows) and the same evaluation, one directory per
// detector and seed with a result.json that `reslab compare` and the report read like
// any run. Unsupervised detectors fit on the training rows without their labels.
import { join } from 'node:path';
import { loadFeatureMatrix, type FeatureMatrix } from '../data/cert/matrix.js';
import { fitPrepare, applyPrepare, type PrepareSpec } from '../layout/prepare.js';
import { createDetector } from '../baselines/index.js';
import { writeFileAtomic } from '../util/atomic.js';
import { makeSplit, describeSplit, type SplitSpec } from './split.js';
import { writeResult } from './result.js';
import { writePredictions } from './predictions.js';

export const DEFAULT_BASELINES = ['random_forest', 'xgboost', 'logistic', 'isolation_forest', 'ecod', 'copod', 'pca', 'knn', 'zscore'];

export interface BaselineConfig { features: string; detectors: string[]; split: Omit<SplitSpec, 'seed'>; seeds: number[]; prepare?: PrepareSpec }

export interface BaselineRow { detector: string; seed: number; dir: string; rocAuc: number; averagePrecision: number; fitSeconds: number; scoreSeconds: number }

function gather(x: Float32Array, width: number, rows: Int32Array): Float32Array {
  const out = new Float32Array(rows.length * width);
  rows.forEach((r, k) => out.set(x.subarray(r * width, (r + 1) * width), k * width));
  return out;
}

export async function runBaselines(cfg: BaselineConfig, out: string, log: (s: string) => void = () => {}, given?: FeatureMatrix): Promise<BaselineRow[]> {
  const matrix = given ?? await loadFeatureMatrix(cfg.features);
  if (!matrix.insider) throw new Error(`${cfg.features}: the features have no labels; baselines are evaluated against them`);
  const rows: BaselineRow[] = [];
  for (const seed of cfg.seeds) {
    const split = makeSplit({ user: matrix.user, time: matrix.time, insider: matrix.insider }, { ...cfg.split, seed });
    const prep = fitPrepare(matrix, split.train, cfg.prepare);
    const base = applyPrepare(prep, matrix);
    const f = prep.inputs.length * prep.channels.length;
    // Training and validation rows both train a baseline: it has no early stopping to feed.
    const fitRows = Int32Array.from([...split.train, ...split.val]);
    const train = { x: gather(base, f, fitRows), n: fitRows.length, f };
    const test = { x: gather(base, f, split.test), n: split.test.length, f };
    const labels = Uint8Array.from(fitRows, (r) => (matrix.insider![r] > 0 ? 1 : 0));
    for (const name of cfg.detectors) {
      const det = createDetector(name);
      const t0 = performance.now();
      await det.fit(train, det.supervised ? labels : undefined, { seed });
      const t1 = performance.now();
      const scores = await det.score(test);
      const t2 = performance.now();
      det.dispose?.();
      const dir = join(out, name, `seed-${seed}`);
      const method = `${name}${prep.channels.length > 1 ? ` + ${prep.channels.slice(1).join('/')} deviation` : ''}`;
      writeFileAtomic(join(dir, 'config.json'), JSON.stringify({ kind: 'baseline', model: name, method, name: `${method} · seed ${seed}`, features: cfg.features, split: { ...cfg.split, seed }, seed, prepare: cfg.prepare ?? {}, splitCounts: describeSplit(split, { user: matrix.user, time: matrix.time, insider: matrix.insider }) }, null, 2) + '\n');
      await writePredictions(join(dir, 'predictions.parquet'), matrix, [['test', split.test, scores]]);
      const { test: s } = writeResult(join(dir, 'result.json'), {
        name: `${method} · seed ${seed}`, method, seed, matrix, rows: split.test, scores,
        extra: { model: name, trainSeconds: (t1 - t0) / 1000, scoreSeconds: (t2 - t1) / 1000 },
      });
      rows.push({ detector: name, seed, dir, rocAuc: s.rocAuc, averagePrecision: s.averagePrecision, fitSeconds: (t1 - t0) / 1000, scoreSeconds: (t2 - t1) / 1000 });
      log(`${name.padEnd(17)} seed ${seed}  ROC-AUC ${s.rocAuc.toFixed(3)}  PR-AUC ${s.averagePrecision.toFixed(3)}  fit ${((t1 - t0) / 1000).toFixed(1)} s  score ${((t2 - t1) / 1000).toFixed(1)} s`);
    }
  }
  return rows;
}
