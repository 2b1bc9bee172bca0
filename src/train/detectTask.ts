// Insider detection as a training task over a bound layout. Supervised: a binary logit per
// user-day, balanced by the sampler, a class weight or the focal loss, early-stopped on
// validation PR-AUC (of the members' mean probability, for an efficient ensemble). Unsupervised (autoencoder, svdd): the mean anomaly score of the
// training rows is the loss and the validation rows' mean score decides early stopping;
// labels are never read for training or model selection, only reported.
import * as torch from '../torch/index.js';
import type { BlockNet } from '../models/index.js';
import { averagePrecision, rocAuc } from '../eval/index.js';
import type { BoundLayout } from '../layout/layout.js';
import { detectionLoss, positiveWeight, type Balance } from './loss.js';
import { predictLogits, rowsTensor } from './predict.js';
import type { TrainTask, Validation } from './task.js';
import { perMember } from './members.js';
import { outputsFor, rowScores, scoreRows, type Mode } from './modes.js';

export function detectionTask(layout: BoundLayout, labels: Int32Array, train: Int32Array, balance: Balance, mode: Mode = 'supervised'): TrainTask {
  const positive = (r: number) => labels[r] > 0;
  if (mode !== 'supervised') return unsupervisedTask(layout, labels, mode);
  const posWeight = positiveWeight(labels, train);
  return {
    inputShape: layout.inputShape,
    numOutputs: 1,
    positive: balance === 'sampler' ? positive : undefined,
    loss(model, rows) {
      const x = layout.batch(rowsTensor(rows));
      const y = torch.tensor(Float32Array.from(rows, (r) => (positive(r) ? 1 : 0)));
      // Each efficient-ensemble member is scored on its own: the mean loss is the members' mean loss.
      return detectionLoss(model.forward(x).select(1, 0), perMember(y, model.members), { balance, posWeight });
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

function unsupervisedTask(layout: BoundLayout, labels: Int32Array, mode: Mode): TrainTask {
  return {
    inputShape: layout.inputShape,
    numOutputs: outputsFor(mode, layout.baseWidth),
    loss(model, rows) {
      const r = rowsTensor(rows);
      return rowScores(mode, model, layout.batch(r), () => layout.base(r)).mean();
    },
    validate(model: BlockNet, rows: Int32Array): Validation {
      if (rows.length === 0) return { valLoss: null, valScore: null, figures: {} };
      const scores = scoreRows(mode, model, layout, rows);
      const loss = scores.reduce((a, b) => a + b, 0) / rows.length;
      const y = Int32Array.from(rows, (r) => (labels[r] > 0 ? 1 : 0));
      const both = y.some((v) => v === 1) && y.some((v) => v === 0);
      return { valLoss: loss, valScore: -loss, figures: { valPrAuc: both ? averagePrecision(scores, y) : null, valRocAuc: both ? rocAuc(scores, y) : null } };
    },
  };
}
