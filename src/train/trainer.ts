// Trains one detector (one ensemble member): AdamW or SGD with warm-up and a cosine
// schedule, balanced batches or a class-weighted / focal loss, early stopping on the
// validation PR-AUC (validation loss when validation holds no insider), the best weights
// kept, a checkpoint every epoch. Every epoch reseeds torch and the sampler from (seed,
// epoch), so a run resumed after epoch k continues exactly as the uninterrupted run would.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as torch from '../torch/index.js';
import { tidy } from '../torch/index.js';
import { AdamW, SGD, clipGradNorm_, cosineLR, warmup, type Optimizer } from '../optim/index.js';
import { createModel, type BlockNet } from '../models/index.js';
import { Rng, hashKeys } from '../util/rng.js';
import { saveSafetensors, loadSafetensors } from '../torch/index.js';
import { balancedBatches, shuffledBatches } from './sampler.js';
import type { Balance } from './loss.js';
import type { TrainTask } from './task.js';
import { saveCheckpoint, loadCheckpoint } from '../rundir/checkpoint.js';
import { BEST } from '../rundir/files.js';

export interface TrainOptions {
  model: string;
  epochs: number;
  batch: number;
  lr: number;
  weightDecay: number;
  optimizer: 'adamw' | 'sgd';
  balance: Balance;
  /** Share of malicious rows in a balanced batch. */
  positiveShare: number;
  /** Epochs without a better validation score before stopping. */
  patience: number;
  seed: number;
  /** Global gradient-norm limit (0: none). */
  clip: number;
  /**
   * Efficient-ensemble members per network (TabM's k; MLP models only): k networks sharing
   * their weight matrices, each trained on its own loss, their probabilities averaged when
   * scoring. Absent or 1: one plain network. (`ensemble` counts separately trained networks.)
   */
  members?: number;
}

export const DEFAULT_TRAIN: Omit<TrainOptions, 'model'> = {
  epochs: 20, batch: 256, lr: 2e-3, weightDecay: 1e-4, optimizer: 'adamw', balance: 'sampler', positiveShare: 0.2, patience: 5, seed: 1, clip: 5,
};

export interface EpochRecord {
  member: number;
  epoch: number;
  trainLoss: number;
  valLoss: number | null;
  /** The task's validation figures: PR-AUC and ROC-AUC for detectors, accuracy for classifiers. */
  valPrAuc?: number | null;
  valRocAuc?: number | null;
  valAccuracy?: number | null;
  lr: number;
  seconds: number;
  samplesPerSec: number;
  best: boolean;
}

export interface MemberInput {
  task: TrainTask;
  train: Int32Array;
  val: Int32Array;
  /** Where checkpoints and best.safetensors go. */
  dir: string;
  member: number;
  resume: boolean;
  onEpoch?: (r: EpochRecord) => void;
  /** Called after every batch with (batches done, batches this epoch). */
  onBatch?: (done: number, total: number, loss: number) => void;
  warn?: (msg: string) => void;
  /** The last epoch's weights are the result (a refit, which has no validation to pick by). */
  keepLast?: boolean;
  /** Called on the fresh model before training; a resume then loads its checkpoint over it. */
  init?: (model: BlockNet) => void;
  /** Config fields the run sets on the named model (a numeric embedding). */
  overrides?: Record<string, unknown>;
}

export interface MemberResult { model: BlockNet; bestEpoch: number; epochs: number; bestValScore: number | null; seconds: number; resumedFrom: number | null }

function makeOptimizer(model: BlockNet, o: TrainOptions): Optimizer<{ lr: number }> {
  return o.optimizer === 'sgd'
    ? new SGD(model.parameters(), { lr: o.lr, momentum: 0.9, weightDecay: o.weightDecay, nesterov: true }) as unknown as Optimizer<{ lr: number }>
    : new AdamW(model.parameters(), { lr: o.lr, weightDecay: o.weightDecay }) as unknown as Optimizer<{ lr: number }>;
}

export function trainMember(o: TrainOptions, inp: MemberInput): MemberResult {
  const t0 = performance.now();
  mkdirSync(inp.dir, { recursive: true });
  const seed = hashKeys(o.seed, inp.member);
  torch.manualSeed(seed);
  const { task } = inp;
  const model = createModel(o.model, { input: task.inputShape, members: o.members, overrides: { ...inp.overrides, numClasses: task.numOutputs } });
  inp.init?.(model);
  const opt = makeOptimizer(model, o);
  const positive = task.positive;
  const stepsPerEpoch = Math.max(1, positive
    ? Math.ceil(inp.train.filter((r) => !positive(r)).length / Math.max(1, o.batch - Math.round(o.batch * o.positiveShare)))
    : Math.ceil(inp.train.length / o.batch));
  const total = stepsPerEpoch * o.epochs;
  const schedule = warmup(cosineLR(o.lr, total), Math.min(200, Math.ceil(total / 10)));
  const bestPath = join(inp.dir, BEST);

  let start = 1, step = 0, best = -Infinity, bestEpoch = 0, bestValScore: number | null = null, resumedFrom: number | null = null;
  if (inp.resume) {
    const ck = loadCheckpoint(inp.dir, inp.warn);
    if (ck) {
      model.loadStateDict(ck.model);
      opt.importState(ck.optimizer.tensors, ck.optimizer.scalars);
      for (const t of [...ck.model.values(), ...ck.optimizer.tensors.values()]) t.dispose();
      ({ step, best, bestEpoch, bestValScore } = ck.info as { step: number; best: number; bestEpoch: number; bestValScore: number | null });
      if (best === null) best = -Infinity; // JSON has no -Infinity
      start = ck.epoch + 1;
      resumedFrom = ck.epoch;
    }
  }

  let epoch = start;
  for (; epoch <= o.epochs && epoch - bestEpoch <= o.patience; epoch++) {
    const e0 = performance.now();
    torch.manualSeed(hashKeys(seed, epoch));
    const rng = new Rng(seed, epoch, 0xba7c4);
    const batches = (positive ? balancedBatches(inp.train, positive, o.batch, o.positiveShare, rng) : shuffledBatches(inp.train, o.batch, rng))
      .filter((b) => b.length >= 2); // batch norm needs two samples
    model.train();
    let lossSum = 0, seen = 0;
    batches.forEach((rows, k) => {
      opt.lr = schedule(step++);
      const loss = tidy(() => {
        opt.zeroGrad();
        const l = task.loss(model, rows);
        l.backward();
        if (o.clip > 0) clipGradNorm_(model.parameters(), o.clip);
        opt.step();
        return l.item() as number;
      });
      if (!Number.isFinite(loss)) throw new Error(`training diverged: loss ${loss} at epoch ${epoch}, batch ${k + 1} (lower --lr)`);
      lossSum += loss * rows.length;
      seen += rows.length;
      inp.onBatch?.(k + 1, batches.length, loss);
    });
    const v = task.validate(model, inp.val);
    // Higher is better; without validation rows the training loss decides.
    const score = v.valScore ?? -lossSum / seen;
    const isBest = inp.keepLast || score > best;
    if (isBest) {
      best = score; bestEpoch = epoch; bestValScore = v.valScore;
      saveSafetensors(bestPath, model.stateDict(), { epoch: String(epoch) });
    }
    const seconds = (performance.now() - e0) / 1000;
    inp.onEpoch?.({ member: inp.member, epoch, trainLoss: lossSum / seen, valLoss: v.valLoss, ...v.figures, lr: opt.lr, seconds, samplesPerSec: seen / seconds, best: isBest });
    saveCheckpoint(inp.dir, { epoch, model: model.stateDict(), optimizer: opt.exportState(), info: { step, best: Number.isFinite(best) ? best : null, bestEpoch, bestValScore } });
  }
  opt.dispose();
  // The weights of the best epoch are the member's result.
  const saved = loadSafetensors(bestPath);
  model.loadStateDict(saved.tensors);
  for (const t of saved.tensors.values()) t.dispose();
  return { model, bestEpoch, epochs: epoch - 1, bestValScore, seconds: (performance.now() - t0) / 1000, resumedFrom };
}
