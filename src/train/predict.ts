// Scores rows with a model in eval mode, batch by batch, without autograd.
import * as torch from '../torch/index.js';
import { evalBatches } from '../nn/index.js';
import type { BlockNet } from '../models/index.js';
import type { BoundLayout } from '../layout/layout.js';
import { ensembleLogit } from './members.js';

export function rowsTensor(rows: Int32Array): torch.Tensor {
  return torch.tensor(BigInt64Array.from(rows, (r) => BigInt(r)));
}

/** One logit per row (the model's first output; an efficient ensemble's: the log-odds of its members' mean probability). */
export function predictLogits(model: BlockNet, layout: BoundLayout, rows: Int32Array, batch = 2048): Float32Array {
  const out = new Float32Array(rows.length);
  evalBatches(model, rows.length, batch, (s, e) => {
    const y = model.forward(layout.batch(rowsTensor(rows.subarray(s, e))));
    out.set(ensembleLogit(y.select(1, 0), model.members).contiguous().dataSync() as Float32Array, s);
  });
  return out;
}

