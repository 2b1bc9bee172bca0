// Image classification as a training task: cross-entropy over the classes, validation
// accuracy as the early-stopping score. Pixels are scaled to [0, 1] and standardised with
// the training rows' mean and sd (fitted once, saved with the run, reused at test time).
import * as torch from '../torch/index.js';
import type { BlockNet } from '../models/index.js';
import type { ImageSet } from '../data/images/dataset.js';
import type { TrainTask, Validation } from './task.js';
import { evalBatches } from '../nn/index.js';

export interface PixelNorm { mean: number; std: number }

/** Mean and sd of the pixels (scaled to [0, 1]) of the given rows. */
export function fitPixelNorm(set: ImageSet, rows: Int32Array): PixelNorm {
  const per = set.shape[0] * set.shape[1] * set.shape[2];
  let s = 0, s2 = 0;
  for (const r of rows) {
    for (let j = r * per, e = j + per; j < e; j++) {
      const v = set.pixels[j] / 255;
      s += v; s2 += v * v;
    }
  }
  const n = rows.length * per;
  const mean = s / n;
  return { mean, std: Math.sqrt(Math.max(s2 / n - mean * mean, 1e-12)) };
}

/** The normalised images of `rows` as a [B, C, H, W] float tensor. */
export function imageBatch(set: ImageSet, rows: ArrayLike<number>, norm: PixelNorm): torch.Tensor {
  const per = set.shape[0] * set.shape[1] * set.shape[2];
  const out = new Float32Array(rows.length * per);
  const a = 1 / (255 * norm.std), b = -norm.mean / norm.std;
  for (let i = 0; i < rows.length; i++) {
    const src = rows[i] * per;
    for (let j = 0; j < per; j++) out[i * per + j] = set.pixels[src + j] * a + b;
  }
  return torch.tensor(out, { shape: [rows.length, ...set.shape] });
}

export function labelBatch(set: ImageSet, rows: ArrayLike<number>): torch.Tensor {
  return torch.tensor(BigInt64Array.from({ length: rows.length }, (_, i) => BigInt(set.labels[rows[i]])));
}

/** Predicted classes and summed cross-entropy for `rows`, in eval mode without autograd. */
export function classify(model: BlockNet, set: ImageSet, rows: ArrayLike<number>, norm: PixelNorm, batch = 500): { predicted: Int32Array; lossSum: number } {
  const predicted = new Int32Array(rows.length);
  let lossSum = 0;
  evalBatches(model, rows.length, batch, (s, e) => {
    const part = Array.from({ length: e - s }, (_, i) => rows[s + i]);
    const z = model.forward(imageBatch(set, part, norm));
    lossSum += torch.F.crossEntropy(z, labelBatch(set, part), { reduction: 'sum' }).item();
    const am = z.argmax(1).dataSync();
    for (let i = 0; i < part.length; i++) predicted[s + i] = Number(am[i]);
  });
  return { predicted, lossSum };
}

/** Share of rows whose predicted class is the label. */
export function accuracyOf(set: ImageSet, rows: ArrayLike<number>, predicted: Int32Array): number {
  let ok = 0;
  for (let i = 0; i < rows.length; i++) if (predicted[i] === set.labels[rows[i]]) ok++;
  return rows.length ? ok / rows.length : NaN;
}

export function imageTask(set: ImageSet, norm: PixelNorm, numClasses: number): TrainTask {
  return {
    inputShape: [...set.shape],
    numOutputs: numClasses,
    loss(model, rows) {
      return torch.F.crossEntropy(model.forward(imageBatch(set, rows, norm)), labelBatch(set, rows));
    },
    validate(model: BlockNet, rows: Int32Array): Validation {
      if (rows.length === 0) return { valLoss: null, valScore: null, figures: { valAccuracy: null } };
      const { predicted, lossSum } = classify(model, set, rows, norm);
      const acc = accuracyOf(set, rows, predicted);
      return { valLoss: lossSum / rows.length, valScore: acc, figures: { valAccuracy: acc } };
    },
  };
}
