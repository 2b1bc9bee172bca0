// Batches for one epoch. With a handful of insiders among hundreds of thousands of
// user-days, a plain shuffle gives most batches no malicious row at all; the balanced
// sampler puts a fixed share of malicious rows (drawn with replacement, in shuffled
// cycles) into every batch, while the benign rows are each visited once per epoch.
import { Rng } from '../util/rng.js';

function shuffle(a: Int32Array, rng: Rng): Int32Array {
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = a[i]; a[i] = a[j]; a[j] = t;
  }
  return a;
}

/** A plain shuffled pass over `rows` in batches (the last one may be short). */
export function shuffledBatches(rows: Int32Array, batch: number, rng: Rng): Int32Array[] {
  const order = shuffle(rows.slice(), rng);
  const out: Int32Array[] = [];
  for (let s = 0; s < order.length; s += batch) out.push(order.subarray(s, Math.min(order.length, s + batch)));
  return out;
}

/**
 * Balanced batches: ceil(negatives / (batch − p)) batches, each with p = round(batch ·
 * positiveShare) positives. Falls back to a plain shuffle when there is no positive.
 */
export function balancedBatches(rows: Int32Array, positive: (row: number) => boolean, batch: number, positiveShare: number, rng: Rng): Int32Array[] {
  const pos = rows.filter(positive), neg = rows.filter((r) => !positive(r));
  if (pos.length === 0 || neg.length === 0) return shuffledBatches(rows, batch, rng);
  const p = Math.max(1, Math.min(batch - 1, Math.round(batch * positiveShare)));
  const q = batch - p;
  shuffle(neg, rng);
  let posOrder = shuffle(pos.slice(), rng), pi = 0;
  const out: Int32Array[] = [];
  for (let s = 0; s < neg.length; s += q) {
    const b = new Int32Array(Math.min(q, neg.length - s) + p);
    b.set(neg.subarray(s, s + q));
    for (let k = b.length - p; k < b.length; k++) {
      if (pi === posOrder.length) { posOrder = shuffle(posOrder, rng); pi = 0; }
      b[k] = posOrder[pi++];
    }
    out.push(b);
  }
  return out;
}
