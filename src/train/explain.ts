// Why a user-day was flagged: gradient × input of the model's logit, summed per activity
// domain over every input element the layout filled from that domain (padding and mask
// channels count for nothing). Positive: the domain's values pushed the score up.
import * as torch from '../torch/index.js';
import { DOMAINS, type Domain } from '../data/cert/types.js';
import type { BlockNet } from '../models/index.js';
import { evalBatches } from '../nn/index.js';
import { ensembleLogit } from './members.js';

export interface LayoutForExplain {
  inputShape: number[];
  batch(rows: torch.Tensor): torch.Tensor;
  inputDomains(): Int32Array;
}

/** The score explained: one value per sample, differentiable in the input (default: the first logit, the members' mean probability's for an efficient ensemble). */
export type ScoreOf = (model: BlockNet, x: torch.Tensor, rows: torch.Tensor) => torch.Tensor;
const firstLogit: ScoreOf = (model, x) => ensembleLogit(model.forward(x).select(1, 0), model.members);

/** [rows.length] records of domain → contribution. */
export function domainContributions(model: BlockNet, layout: LayoutForExplain, rows: Int32Array, scoreOf: ScoreOf = firstLogit, batch = 256): Record<Domain, number>[] {
  const dom = layout.inputDomains();
  const P = dom.length, D = DOMAINS.length;
  const onehot = new Float32Array(P * D);
  dom.forEach((d, p) => { if (d >= 0) onehot[p * D + d] = 1; });
  const out: Record<Domain, number>[] = [];
  const map = torch.tensor(onehot, { shape: [P, D] });
  try {
    evalBatches(model, rows.length, batch, (s, e) => {
      const part = rows.subarray(s, e);
      const r = torch.tensor(BigInt64Array.from(part, BigInt));
      const x = layout.batch(r).detach().requiresGrad_(true);
      const y = scoreOf(model, x, r).sum();
      const [g] = torch.grad([y], [x]);
      const v = g!.mul(x).view(part.length, P).matmul(map).dataSync() as Float32Array;
      for (let i = 0; i < part.length; i++) out.push(Object.fromEntries(DOMAINS.map((d, k) => [d, v[i * D + k]])) as Record<Domain, number>);
    }, { grad: true });
  } finally {
    map.dispose();
  }
  return out;
}

/** The domains that drove a score most, as text: "device +0.42; file +0.31; http +0.10". */
export function topDomainsText(c: Record<Domain, number>, n = 3, sep = '; '): string {
  return Object.entries(c).sort((a, b) => b[1] - a[1]).slice(0, n).map(([d, v]) => `${d} ${v >= 0 ? '+' : ''}${v.toFixed(2)}`).join(sep);
}
