// Insider detection as a training task: a binary logit per user-day over a bound layout,
// balanced by the sampler, a class weight or the focal loss.
import * as torch from '../torch/index.js';
import type { BlockNet } from '../models/index.js';
import { averagePrecision, rocAuc } from '../eval/index.js';
import type { BoundLayout } from '../layout/layout.js';
import { detectionLoss, positiveWeight, type Balance } from './loss.js';
import { predictLogits, rowsTensor } from './predict.js';
import type { TrainTask, Validation } from './task.js';

export function detectionTask(layout: BoundLayout, labels: Int32Array, train: Int32Array, balance: Balance): TrainTask {
  const positive = (r: number) => labels[r] > 0;
  const posWeight = positiveWeight(labels, train);
  return {
    inputShape: layout.inputShape,
    numOutputs: 1,
    positive: balance === 'sampler' ? positive : undefined,
    loss(model, rows) {
      const x = layout.batch(rowsTensor(rows));
      const y = torch.tensor(Float32Array.from(rows, (r) => (positive(r) ? 1 : 0)));
      return detectionLoss(model.forward(x).select(1, 0), y, { balance, posWeight });
    },
    validate(model: BlockNet, rows: Int32Array): Validation {
      if (rows.length === 0) return { valLoss: null, valScore: null, figures: { valPrAuc: null, valRocAuc: null } };
      const logits = predictLogits(model, layout, rows);
      const y = Int32Array.from(rows, (r) => (positive(r) ? 1 : 0));
      let loss = 0;
      for (let i = 0; i < logits.length; i++) {
        const z = logits[i];
        loss += Math.max(z, 0) - z * y[i] + Math.log1p(Math.exp(-Math.abs(z)));
      }
      loss /= rows.length;
      const both = y.some((v) => v === 1) && y.some((v) => v === 0);
      const valPrAuc = both ? averagePrecision(logits, y) : null;
      // PR-AUC when validation has insiders, else the loss decides.
      return { valLoss: loss, valScore: valPrAuc ?? -loss, figures: { valPrAuc, valRocAuc: both ? rocAuc(logits, y) : null } };
    },
  };
}
