// What the trainer needs to know about a problem, so one training loop (checkpoints,
// resume, early stopping, schedules) serves insider detection and image classification:
// how to build a batch, its loss, and how to score validation rows (higher is better).
import type { Tensor } from '../torch/index.js';
import type { BlockNet } from '../models/index.js';

export interface Validation {
  /** Mean loss on the validation rows. */
  valLoss: number | null;
  /** The early-stopping score (higher is better), or null when it cannot be computed. */
  valScore: number | null;
  /** Named figures for metrics.jsonl (valPrAuc, valRocAuc, valAccuracy, …). */
  figures: Record<string, number | null>;
}

export interface TrainTask {
  /** Model input shape without the batch dimension. */
  inputShape: number[];
  /** Outputs the model needs (1 for a binary detector, the class count otherwise). */
  numOutputs: number;
  /** For the balanced sampler: rows of the rare class (omit for no balancing). */
  positive?: (row: number) => boolean;
  /** Loss of a training batch (builds inputs and targets for these rows, runs the model). */
  loss(model: BlockNet, rows: Int32Array): Tensor;
  validate(model: BlockNet, rows: Int32Array): Validation;
}
