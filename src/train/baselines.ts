// The baselines on the residual runs' terms: the same features, the same fitted
// preprocessing (normalised, optional deviation channels, flattened), the same split
// (same kind and seed → the same rows) and the same evaluation, one directory per
// detector and seed with a result.json that `reslab compare` and the report read like
// any run. Unsupervised detectors fit on the training rows without their labels.
//
// Graph detectors (community detection, GNNs) also get each row's user and day and the
// log edges (TabularData.context) from FEATURES.edges.parquet beside the features, or
// the file the config names; without edges they are left out of the default list, and
// asking for one by name is an error that says how to write the file.
import { existsSync } from 'node:fs';
import { loadFeatureMatrix, type FeatureMatrix } from '../data/cert/matrix.js';
import { fitPrepare, applyPrepare, type PrepareSpec } from '../layout/prepare.js';
import { createDetector, detectorNames } from '../baselines/index.js';
import { GRAPH_DETECTORS, loadEdges } from '../baselines/graph/index.js';
import type { EdgeList, GraphContext } from '../baselines/graph/types.js';
import { edgesPathFor } from '../data/cert/edges.js';
import { makeSplit, describeSplit, type SplitSpec } from './split.js';
import { FUTURE_CONTEXT_TAG, seedDir, writeConfig, writeResult, writeRunPredictions, type BaselineConfigFile, type ResultExtra } from '../rundir/index.js';

export const DEFAULT_BASELINES = ['random_forest', 'xgboost', 'logistic', 'isolation_forest', 'ecod', 'copod', 'pca', 'knn', 'zscore', 'deep_svdd'];
/** Added to the defaults when log edges exist. */
export const DEFAULT_GRAPH_BASELINES = ['louvain', 'gcn', 'graphsage', 'gcn_ae'];

export interface BaselineConfig {
  features: string;
  /** Default: DEFAULT_BASELINES, plus DEFAULT_GRAPH_BASELINES when there are edges. */
  detectors?: string[];
  split: Omit<SplitSpec, 'seed'>;
  seeds: number[];
  prepare?: PrepareSpec;
  /** Log edges for the graph detectors; default FEATURES.edges.parquet beside `features` when it exists. */
  edges?: string;
  /** Parameters per detector name, e.g. { xgboost: { rounds: 500 } }; unnamed ones keep their defaults. */
  params?: Record<string, Record<string, unknown>>;
}

/**
 * `DETECTOR.KEY=VALUE` settings (the CLI's --param) as BaselineConfig.params. Values that
 * read as numbers or true/false become those; the rest stay strings (e.g. kinds=email,pc).
 */
export function parseDetectorParams(settings: string[]): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const s of settings) {
    const m = /^([a-z0-9_]+)\.([A-Za-z0-9_]+)=(.*)$/.exec(s);
    if (!m) throw new RangeError(`--param '${s}': expected DETECTOR.KEY=VALUE, e.g. xgboost.rounds=500`);
    const [, det, key, raw] = m as unknown as [string, string, string, string];
    if (!detectorNames.includes(det)) throw new RangeError(`--param '${s}': unknown detector '${det}' (known: ${detectorNames.join(', ')})`);
    const value = raw === 'true' ? true : raw === 'false' ? false : raw.trim() !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw;
    (out[det] ??= {})[key] = value;
  }
  return out;
}

export interface BaselineRow { detector: string; seed: number; dir: string; rocAuc: number; averagePrecision: number; fitSeconds: number; scoreSeconds: number }

function gather(x: Float32Array, width: number, rows: Int32Array): Float32Array {
  const out = new Float32Array(rows.length * width);
  rows.forEach((r, k) => out.set(x.subarray(r * width, (r + 1) * width), k * width));
  return out;
}

/** The edge file the runner would read: the named one, else the one beside the features, or null when that does not exist. */
export function edgesFileFor(cfg: Pick<BaselineConfig, 'features' | 'edges'>): string | null {
  if (cfg.edges) {
    if (!existsSync(cfg.edges)) throw new Error(`${cfg.edges}: edge file not found (write it with 'reslab features … --edges')`);
    return cfg.edges;
  }
  const beside = edgesPathFor(cfg.features);
  return existsSync(beside) ? beside : null;
}

/** The detectors a config runs: its list, or the defaults with the graph detectors when there are edges. */
export function baselineDetectors(cfg: Pick<BaselineConfig, 'features' | 'edges' | 'detectors'>): string[] {
  const edges = edgesFileFor(cfg);
  const detectors = cfg.detectors ?? [...DEFAULT_BASELINES, ...(edges ? DEFAULT_GRAPH_BASELINES : [])];
  const graph = detectors.filter((d) => GRAPH_DETECTORS.includes(d));
  if (graph.length > 0 && !edges) {
    throw new Error(`${graph.join(', ')} need the log edges, and ${edgesPathFor(cfg.features)} does not exist: write it with 'reslab features --data DIR --granularity … --out ${cfg.features} --edges', or pass --edges FILE`);
  }
  return detectors;
}

/** Each row's user and day, and the shared edges, for the rows a graph detector fits or scores. */
export function graphContext(matrix: FeatureMatrix, rows: Int32Array, edges: EdgeList[]): GraphContext {
  return {
    users: matrix.users,
    user: Int32Array.from(rows, (r) => matrix.user[r]!),
    time: Int32Array.from(rows, (r) => matrix.time[r]!),
    rowDays: matrix.timeKey === 'week' ? 7 : 1,
    edges,
  };
}

export async function runBaselines(cfg: BaselineConfig, out: string, log: (s: string) => void = () => {}, given?: FeatureMatrix): Promise<BaselineRow[]> {
  const detectors = baselineDetectors(cfg);
  for (const name of Object.keys(cfg.params ?? {})) {
    if (!detectors.includes(name)) throw new RangeError(`parameters given for '${name}', which is not among the detectors run (${detectors.join(', ')})`);
  }
  // Built once here, so a bad parameter fails before any data is read.
  for (const name of detectors) createDetector(name, cfg.params?.[name]).dispose?.();
  const matrix = given ?? await loadFeatureMatrix(cfg.features);
  if (!matrix.insider) throw new Error(`${cfg.features}: the features have no labels; baselines are evaluated against them`);
  const edgesFile = detectors.some((d) => GRAPH_DETECTORS.includes(d)) ? edgesFileFor(cfg) : null;
  const edges = edgesFile ? await loadEdges(edgesFile, matrix.users) : null;
  if (edges) {
    const dropped = edges.filter((e) => e.dropped).map((e) => `${e.dropped} ${e.kind}`);
    log(`edges: ${edges.map((e) => `${e.kind} ${e.user.length}`).join(', ')} from ${edgesFile}${dropped.length ? ` (left out, users not in the features: ${dropped.join(', ')})` : ''}`);
  }
  const rows: BaselineRow[] = [];
  for (const seed of cfg.seeds) {
    const split = makeSplit({ user: matrix.user, time: matrix.time, insider: matrix.insider }, { ...cfg.split, seed });
    const prep = fitPrepare(matrix, split.train, cfg.prepare);
    const base = applyPrepare(prep, matrix);
    const f = prep.inputs.length * prep.channels.length;
    // Training and validation rows both train a baseline, unless it stops early on the
    // validation rows (then it refits on both itself, for as long as they chose).
    const fitRows = Int32Array.from([...split.train, ...split.val]);
    const rowsOf = (idx: Int32Array) => ({ x: gather(base, f, idx), n: idx.length, f, ...(edges ? { context: graphContext(matrix, idx, edges) } : {}) });
    const labelsOf = (idx: Int32Array) => Uint8Array.from(idx, (r) => (matrix.insider![r] > 0 ? 1 : 0));
    const train = rowsOf(fitRows);
    const test = rowsOf(split.test);
    const labels = labelsOf(fitRows);
    for (const name of detectors) {
      const det = createDetector(name, cfg.params?.[name]);
      const t0 = performance.now();
      if (det.validates && det.supervised && split.val.length > 0) {
        await det.fit(rowsOf(split.train), labelsOf(split.train), { seed, validation: { data: rowsOf(split.val), labels: labelsOf(split.val), refit: true } });
      } else {
        await det.fit(train, det.supervised ? labels : undefined, { seed });
      }
      const t1 = performance.now();
      const fitInfo = (det.fitInfo?.() ?? {}) as ResultExtra;
      const scores = await det.score(test);
      const t2 = performance.now();
      det.dispose?.();
      const dir = seedDir(out, name, seed);
      const future = matrix.schema.futureContext ? FUTURE_CONTEXT_TAG : '';
      const method = `${name}${prep.channels.length > 1 ? ` + ${prep.channels.slice(1).join('/')} deviation` : ''}${cfg.prepare?.normalize === 'quantile' ? ' · rank-Gauss' : ''}${future}`;
      const config: BaselineConfigFile = {
        kind: 'baseline', model: name, method, name: `${method} · seed ${seed}`, features: cfg.features, ...(edgesFile && GRAPH_DETECTORS.includes(name) ? { edges: edgesFile } : {}),
        split: { ...cfg.split, seed }, seed, prepare: cfg.prepare ?? {}, detectorParams: cfg.params?.[name] ?? {}, ...(future ? { futureContext: true } : {}), splitCounts: describeSplit(split, { user: matrix.user, time: matrix.time, insider: matrix.insider }),
      };
      writeConfig(dir, config);
      await writeRunPredictions(dir, matrix, [['test', split.test, scores]]);
      const { test: s } = writeResult(dir, {
        name: `${method} · seed ${seed}`, method, seed, matrix, rows: split.test, scores,
        extra: { model: name, trainSeconds: (t1 - t0) / 1000, scoreSeconds: (t2 - t1) / 1000, ...fitInfo },
      });
      rows.push({ detector: name, seed, dir, rocAuc: s.rocAuc, averagePrecision: s.averagePrecision, fitSeconds: (t1 - t0) / 1000, scoreSeconds: (t2 - t1) / 1000 });
      log(`${name.padEnd(17)} seed ${seed}  ROC-AUC ${s.rocAuc.toFixed(3)}  PR-AUC ${s.averagePrecision.toFixed(3)}  fit ${((t1 - t0) / 1000).toFixed(1)} s  score ${((t2 - t1) / 1000).toFixed(1)} s`);
    }
  }
  return rows;
}
