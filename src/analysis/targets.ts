// A run directory as something to dissect: one trained model, the evaluator the lesions
// use (test error on an image run's test rows; PR-AUC, with ROC-AUC beside it, on a
// detection run's test rows, recreated from its saved split) and the probe batches the
// path analysis differentiates (training rows, the training loss). This is the one file
// of src/analysis that loads runs (through src/rundir); lesion.ts and paths.ts see only
// models and tensors.
import * as torch from '../torch/index.js';
import type { BlockNet } from '../models/index.js';
import { Rng } from '../util/rng.js';
import { averagePrecision, rocAuc } from '../eval/index.js';
import { loadImageRun } from '../train/imageRun.js';
import { classify, accuracyOf, imageBatch, labelBatch } from '../train/imageTask.js';
import type { ImageSet } from '../data/images/dataset.js';
import type { PixelNorm } from '../train/imageTask.js';
import { loadRun, readConfig, splitOf } from '../rundir/index.js';
import { bindSaved } from '../train/data.js';
import { makeSplit } from '../train/split.js';
import { rowsTensor } from '../train/predict.js';
import { scoreRows, scoreOfOutput } from '../train/modes.js';
import { perMember } from '../train/members.js';
import { loadFeatureMatrix } from '../data/cert/matrix.js';
import type { Evaluator } from './evaluator.js';
import type { Probe } from './pathGradient.js';

export interface Target {
  /** The model's name (from the run's config). */
  name: string;
  task: 'images' | 'detection';
  model: BlockNet;
  evaluator: Evaluator;
  /** Probe batch s (seeded): training rows and the summed training loss. */
  probe: (s: number) => Probe;
  dispose(): void;
}

export interface TargetOptions {
  /** Evaluate on at most this many test rows (0: all of the run's). */
  testLimit?: number;
  /** Rows per probe batch. */
  probeBatch?: number;
  seed?: number;
  /** Ensemble member of a detection run. */
  member?: number;
  /** Image dataset directory, if not where the run was trained. */
  data?: string;
}

function drawRows(rows: Int32Array, size: number, rng: Rng): Int32Array {
  return Int32Array.from({ length: Math.min(size, rows.length) }, () => rows[rng.int(rows.length)]);
}

/** An evaluator reporting test error in percent on fixed image rows. */
export function imageEvaluator(set: ImageSet, rows: Int32Array, norm: PixelNorm, numClasses: number): Evaluator {
  return {
    metric: 'test error (%)', lowerIsBetter: true, chance: 100 * (1 - 1 / numClasses),
    evaluate: (model) => ({ value: 100 * (1 - accuracyOf(set, rows, classify(model, set, rows, norm).predicted)) }),
  };
}

/** A probe over image rows: cross-entropy summed over the batch. */
export function imageProbe(set: ImageSet, rows: Int32Array, norm: PixelNorm, size: number, seed: number): (s: number) => Probe {
  return (s) => {
    const batch = drawRows(rows, size, new Rng(seed, 0x960b, s));
    const x = imageBatch(set, batch, norm), y = labelBatch(set, batch);
    return { x, objective: (z) => torch.F.crossEntropy(z, y, { reduction: 'sum' }) };
  };
}

function loadImageTarget(dir: string, o: TargetOptions): Target {
  const run = loadImageRun(dir, o.data);
  const { test, train } = run.split;
  const rows = o.testLimit ? test.subarray(0, Math.min(o.testLimit, test.length)) : test;
  return {
    name: run.config.model, task: 'images', model: run.model,
    evaluator: imageEvaluator(run.data.test, rows, run.config.normalize, run.config.numClasses),
    probe: imageProbe(run.data.train, train, run.config.normalize, o.probeBatch ?? 32, o.seed ?? 1),
    dispose: () => run.model.dispose(),
  };
}

async function loadDetectionTarget(dir: string, o: TargetOptions): Promise<Target> {
  const run = loadRun(dir);
  const k = o.member ?? 0;
  if (k < 0 || k >= run.models.length) throw new Error(`--member ${k}: the run has ${run.models.length} member(s)`);
  const matrix = await loadFeatureMatrix(run.config.features);
  if (!matrix.insider) throw new Error(`${run.config.features}: the features have no labels; the lesions need labelled test rows`);
  const labels = matrix.insider;
  const split = makeSplit({ user: matrix.user, time: matrix.time, insider: labels }, splitOf(run.config));
  const layout = bindSaved(matrix, run.prep, run.layout);
  const test = o.testLimit ? split.test.subarray(0, Math.min(o.testLimit, split.test.length)) : split.test;
  const y = Int32Array.from(test, (r) => (labels[r] > 0 ? 1 : 0));
  if (!y.some((v) => v === 1) || !y.some((v) => v === 0)) throw new Error(`${dir}: the test rows hold ${y.some((v) => v === 1) ? 'only insider' : 'no insider'} rows; PR-AUC needs both`);
  const positives = y.reduce((a, b) => a + b, 0);
  const model = run.models[k];
  for (const [i, m] of run.models.entries()) if (i !== k) m.dispose();
  const seed = o.seed ?? 1;
  // The run's own score (a logit, a reconstruction error or a distance) is what lesions measure
  // and paths differentiate; for unsupervised runs the probe's objective is their training loss.
  const mode = run.config.mode ?? 'supervised';
  // An efficient ensemble's k output rows per row: the loss is the members' mean, as in training.
  const members = model.members;
  return {
    name: run.config.model, task: 'detection', model,
    evaluator: {
      metric: 'PR-AUC', lowerIsBetter: false, chance: positives / y.length,
      evaluate: (m) => {
        const z = scoreRows(mode, m, layout, test);
        return { value: averagePrecision(z, y), figures: { 'ROC-AUC': rocAuc(z, y) } };
      },
    },
    probe: (s) => {
      const rows = drawRows(split.train, o.probeBatch ?? 64, new Rng(seed, 0x960b, s));
      const r = rowsTensor(rows);
      const x = layout.batch(r);
      if (mode !== 'supervised') {
        const base = layout.base(r);
        return { x, objective: (z) => scoreOfOutput(mode, z, () => base, members).sum() };
      }
      const t = perMember(torch.tensor(Float32Array.from(rows, (i) => (labels[i] > 0 ? 1 : 0))), members);
      return { x, objective: (z) => torch.F.binaryCrossEntropyWithLogits(z.select(1, 0), t, { reduction: 'sum' }).div(members) };
    },
    dispose: () => { model.dispose(); layout.dispose(); },
  };
}

/** Loads an image run (config "task": "images") or a detection run. */
export async function loadTarget(dir: string, o: TargetOptions = {}): Promise<Target> {
  const task = readConfig<{ task?: string }>(dir, `is ${dir} a run directory written by 'reslab train'?`).task;
  return task === 'images' ? loadImageTarget(dir, o) : loadDetectionTarget(dir, o);
}
