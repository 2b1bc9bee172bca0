// `reslab baselines`: the non-residual detectors on the same features, split and metrics
// as `reslab train`, one result directory per detector and seed.
import { resolve } from 'node:path';
import { parse, emitResult, UsageError, oneOfFlag, numFlag, choiceList, numberList } from '../args.js';
import { runBaselines, parseDetectorParams, DEFAULT_BASELINES, DEFAULT_GRAPH_BASELINES } from '../../train/baselines.js';
import { detectorNames } from '../../baselines/index.js';
import { SPLIT_KINDS, type SplitKind } from '../../train/split.js';
import { DEVIATION_KINDS } from '../../layout/prepare.js';
import { NORMALIZE_KINDS } from '../../layout/normalize.js';

export const summary = 'run the baseline detectors (trees, statistics, …) on the same split and metrics';
export const usage = `usage: reslab baselines --features FILE.parquet --out DIR [--only NAME,…] [--split le2020|time|user]
                        [--seeds 1,2,3] [--deviation user,peer] [--normalize robust|quantile|smooth] [--train-period 0.5] [--train-users 0.5]
                        [--edges FILE.edges.parquet] [--param DETECTOR.KEY=VALUE …] [--json]

Detectors: ${detectorNames.join(', ')}.
Default: ${DEFAULT_BASELINES.join(', ')}, and the graph detectors ${DEFAULT_GRAPH_BASELINES.join(', ')}
when there are log edges: FILE.edges.parquet beside the features (written by
'reslab features … --edges') or the file --edges names. Writes DIR/NAME/seed-S/{config.json,
result.json, predictions.parquet}. Use the same --split, seeds and split options as the
runs you compare against: the same seed gives the same rows. --param (repeatable) sets one
detector parameter, recorded in its config.json; docs/baselines.md lists them.

examples:
  reslab baselines --features out/demo/features/day.parquet --out out/demo/baselines --only random_forest,xgboost,isolation_forest
  reslab features --data data/small --granularity day --out features/day.parquet --edges
  reslab baselines --features features/day.parquet --out baselines --only louvain,louvain_email,isolation_forest
  reslab baselines --features features/day.parquet --out baselines --only xgboost,gcn --param xgboost.rounds=500 --param gcn.epochs=10`;

export async function run(argv: string[]): Promise<void> {
  const { values: f } = parse(argv, {
    features: { type: 'string' }, out: { type: 'string' }, only: { type: 'string' }, split: { type: 'string' }, seeds: { type: 'string' }, seed: { type: 'string' },
    deviation: { type: 'string' }, 'train-period': { type: 'string' }, 'train-users': { type: 'string' }, 'val-users': { type: 'string' },
    edges: { type: 'string' }, param: { type: 'string', multiple: true }, normalize: { type: 'string' },
  });
  if (!f.features || !f.out) throw new UsageError('--features and --out are required');
  const detectors = f.only ? choiceList(f.only, 'only', detectorNames) : undefined;
  const kind = oneOfFlag<SplitKind>(f.split, 'split', SPLIT_KINDS, 'le2020');
  const seeds = numberList(f.seeds ?? f.seed ?? '1', f.seeds ? 'seeds' : 'seed', 'integers', Number.isInteger);
  // As `reslab train` reads them: an unknown deviation kind or a number that is not one is an error, not dropped.
  const deviation = f.deviation === undefined || f.deviation === 'none' ? [] : choiceList(f.deviation, 'deviation', DEVIATION_KINDS);
  const normalize = oneOfFlag(f.normalize, 'normalize', NORMALIZE_KINDS, 'robust');
  let params: Record<string, Record<string, unknown>> | undefined;
  try {
    params = f.param ? parseDetectorParams(f.param as string[]) : undefined;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const rows = await runBaselines({
    features: resolve(f.features), detectors, seeds, prepare: { deviation, ...(normalize === 'quantile' ? { normalize } : {}) }, edges: f.edges ? resolve(f.edges) : undefined, params,
    split: { kind, trainPeriod: numFlag(f['train-period'], 'train-period', 0.5), trainUsers: numFlag(f['train-users'], 'train-users', 0.5), valUsers: numFlag(f['val-users'], 'val-users', 0.2) },
  }, resolve(f.out), f.json ? undefined : console.log);
  emitResult(Boolean(f.json), { out: resolve(f.out), results: rows });
}
