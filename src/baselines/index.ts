// The baseline detectors behind one interface, built by name:
//   const d = createDetector('xgboost', { rounds: 300 }); d.fit(train, labels, { seed: 1 }); d.score(test)
import { COPOD } from './copod.js';
import { DeepSVDD } from './deep_svdd.js';
import { ECOD } from './ecod.js';
import { GNNDetector } from './gnn/index.js';
import { IsolationForest } from './isolation_forest.js';
import { KNNDetector } from './knn.js';
import { LouvainDetector } from './graph/louvainDetector.js';
import { LogisticRegression } from './logistic.js';
import { PCADetector } from './pca.js';
import type { Detector } from './types.js';
import { XGBoostDetector, XGBOOST_REVISION } from './xgboost.js';
import { ZScore } from './zscore.js';

export type { Detector, FitOptions, TabularData, Validation } from './types.js';
export { XGBoostDetector, IsolationForest, ECOD, COPOD, ZScore, LogisticRegression, PCADetector, KNNDetector, DeepSVDD };

const registry: Record<string, (params: Record<string, unknown>) => Detector> = {
  xgboost: (p) => new XGBoostDetector('xgboost', p),
  random_forest: (p) => new XGBoostDetector('random_forest', p),
  isolation_forest: (p) => new IsolationForest(p),
  ecod: () => new ECOD(),
  copod: () => new COPOD(),
  zscore: (p) => new ZScore(p),
  logistic: (p) => new LogisticRegression(p),
  pca: (p) => new PCADetector(p),
  knn: (p) => new KNNDetector(p),
  deep_svdd: (p) => new DeepSVDD(p),
  // Graph baselines: need data.context (the log edges).
  gcn: (p) => new GNNDetector('gcn', p),
  graphsage: (p) => new GNNDetector('graphsage', p),
  gcn_ae: (p) => new GNNDetector('gcn_ae', p),
  // Louvain communities of the log edges (all kinds, or one): how far a user strays from theirs.
  louvain: (p) => new LouvainDetector('louvain', p),
  louvain_pc: (p) => new LouvainDetector('louvain_pc', p, ['pc']),
  louvain_email: (p) => new LouvainDetector('louvain_email', p, ['email']),
  louvain_web: (p) => new LouvainDetector('louvain_web', p, ['web']),
};

/** Revisions of detectors whose defaults changed (absent: 1): stored results of an older revision are not the same method. */
const REVISIONS: Record<string, number> = { xgboost: XGBOOST_REVISION };

/** The detector's revision; cached results key on it when it is above 1. */
export function detectorRevision(name: string): number {
  return REVISIONS[name] ?? 1;
}

/** Every registered detector name. */
export const detectorNames: readonly string[] = Object.keys(registry);

/**
 * The named detector with `params`. A parameter the detector never reads is an error (a
 * misspelt name would otherwise leave the default silently in place), except for the
 * XGBoost detectors, which hand every parameter they do not know to XGBoost.
 */
export function createDetector(name: string, params: Record<string, unknown> = {}): Detector {
  const make = registry[name];
  if (!make) throw new RangeError(`unknown detector '${name}' (known: ${detectorNames.join(', ')})`);
  const read = new Set<string | symbol>();
  let enumerated = false;
  const tracked = new Proxy(params, {
    get(target, key, receiver) {
      read.add(key);
      return Reflect.get(target, key, receiver);
    },
    ownKeys(target) {
      enumerated = true;
      return Reflect.ownKeys(target);
    },
  });
  const d = make(tracked);
  const unknown = Object.keys(params).filter((k) => !read.has(k));
  if (!enumerated && unknown.length > 0) {
    d.dispose?.();
    throw new RangeError(`${name}: unknown parameter${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} (docs/baselines.md lists each detector's)`);
  }
  return d;
}
