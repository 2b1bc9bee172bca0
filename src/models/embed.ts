// Numeric feature embeddings in front of a model's stem (Gorishniy, Rubachev & Babenko
// 2022, "On embeddings for numerical features in tabular deep learning"): every input
// feature becomes a d-vector through its own small network, so the stem sees a learned,
// nonlinear view of each value instead of the value alone.
//
//   ple       the layout already holds the piecewise-linear encoding (T components per
//             feature, src/layout/ple.ts): per-feature Linear(T → d) + ReLU ("PLE-Q-LR")
//   periodic  per feature k learned frequencies c ~ N(0, σ): [sin 2πcx, cos 2πcx], then
//             per-feature Linear(2k → d) + ReLU ("PLR")
//   scale     a learned weight per feature, starting at 1 (RealMLP's scaling layer,
//             Holzmüller et al. 2024): the network can turn inputs up or down before the
//             stem mixes them; d = 1 and no ReLU, so the input keeps its shape. RealMLP
//             also gives it a larger learning rate; here it trains with the rest.
//
// A flat input [F] (F = N·T for ple) gives [N·d]. A channel input [C' + P, …S] (seq,
// grid) embeds every cell of its C value channels (C' = C·T for ple, channel c·T + t) and
// gives [C·d + P, …S]: the d dims become channels; the last P channels (the grid's mask)
// pass through unchanged.
import * as torch from '../torch/index.js';
import { Tensor } from '../torch/index.js';
import { Module, NLinear } from '../nn/index.js';

export type EmbedKind = 'ple' | 'periodic' | 'scale';
export const EMBED_KINDS: readonly EmbedKind[] = ['ple', 'periodic', 'scale'];

export interface EmbedSpec {
  kind: EmbedKind;
  /** Dims per feature (d). */
  dim: number;
  /** ple: components per feature in the input (the layout's T). */
  bins?: number;
  /** periodic: frequencies per feature (k) and the standard deviation of their initialisation (σ). */
  frequencies?: number;
  sigma?: number;
  /** Trailing input channels that are not features (the grid's mask channel). */
  passthrough?: number;
  /** The input shape without batch; set from the model's input (withInput). */
  input?: number[];
}

/**
 * d = 8: the stem's input grows to N·d (about 5,600 for a user-day's 700 values), which
 * keeps the MLP under a few M MACs. k = 8 frequencies. σ = 0.5 on normalised inputs (robust
 * z-scores, mostly within ±3): 2πσx then spans a few periods over the bulk of the data,
 * smooth enough not to memorise single values. The paper tunes σ in [0.01, 100]; 0.1–1
 * is where its MLPs landed on standardised features.
 */
export const DEFAULT_EMBED: Record<EmbedKind, Omit<EmbedSpec, 'kind'>> = {
  ple: { dim: 8 },
  periodic: { dim: 8, frequencies: 8, sigma: 0.5 },
  scale: { dim: 1 },
};

/** Learned frequencies per feature: [B, N] → [B, N, 2k]. */
export class Periodic extends Module {
  declare frequencies: Tensor;
  constructor(readonly features: number, readonly k: number, sigma: number) {
    super();
    this.registerParameter('frequencies', torch.empty([features, k]));
    torch.noGrad(() => this.frequencies.normal_(0, sigma));
  }
  forward(x: Tensor): Tensor {
    const z = x.unsqueeze(2).mul(this.frequencies).mul(2 * Math.PI);
    return torch.cat([z.sin(), z.cos()], 2);
  }
}

export class NumericEmbedding extends Module {
  declare periodic: Periodic | undefined;
  declare linear: NLinear;
  /** Embedded features (N), value channels (C, channel inputs) and positions per channel (S). */
  readonly features: number;
  private readonly channels: number;
  private readonly spatial: number[];
  private readonly passthrough: number;
  private readonly per: number; // input values per feature: T (ple) or 1
  constructor(readonly spec: EmbedSpec) {
    super();
    const input = spec.input;
    if (!input?.length) throw new Error('embedding: the input shape is not set (build the model with an input)');
    if (!(Number.isInteger(spec.dim) && spec.dim >= 1)) throw new Error(`embedding: dim must be a positive integer, got ${spec.dim}`);
    this.per = spec.kind === 'ple' ? spec.bins ?? 0 : 1;
    if (!(Number.isInteger(this.per) && this.per >= 1)) throw new Error(`embedding: ple needs the layout's bins (a positive integer), got ${spec.bins}`);
    this.passthrough = input.length === 1 ? 0 : spec.passthrough ?? 0;
    this.spatial = input.length === 1 ? [input[0] / this.per] : input.slice(1);
    const valueChannels = input.length === 1 ? this.per : input[0] - this.passthrough;
    if (!Number.isInteger(this.spatial[0]) || valueChannels <= 0 || valueChannels % this.per !== 0) {
      throw new Error(`embedding: a ${spec.kind} input ${input.join('×')} does not split into features of ${this.per} value(s)${this.passthrough ? ` and ${this.passthrough} pass-through channel(s)` : ''}`);
    }
    this.channels = input.length === 1 ? 1 : valueChannels / this.per;
    this.features = this.channels * this.spatial.reduce((a, b) => a * b, 1);
    if (spec.kind === 'periodic') {
      const k = spec.frequencies ?? DEFAULT_EMBED.periodic.frequencies!;
      this.registerModule('periodic', new Periodic(this.features, k, spec.sigma ?? DEFAULT_EMBED.periodic.sigma!));
    }
    if (spec.kind === 'scale' && spec.dim !== 1) throw new Error(`embedding: scale has one weight per feature (dim 1), got dim ${spec.dim}`);
    this.registerModule('linear', new NLinear(this.features, spec.kind === 'periodic' ? 2 * this.periodic!.k : this.per, spec.dim, spec.kind !== 'scale'));
    if (spec.kind === 'scale') torch.noGrad(() => this.linear.weight.fill_(1));
  }

  /** The shape (without batch) that the stem receives. */
  get outputShape(): number[] {
    const d = this.spec.dim;
    return this.spec.input!.length === 1 ? [this.features * d] : [this.channels * d + this.passthrough, ...this.spatial];
  }

  /** Per-feature values [B, N, T or 1] of a flat or channel input. */
  private values(x: Tensor): Tensor {
    const B = x.shape[0], N = this.features, T = this.per;
    if (x.dim() === 2) return x.view(B, N, T);
    const S = N / this.channels;
    // Channel c·T + t, cell s → feature (c, s), component t.
    return x.narrow(1, 0, this.channels * T).reshape([B, this.channels, T, S]).permute(0, 1, 3, 2).reshape([B, N, T]);
  }

  forward(x: Tensor): Tensor {
    const B = x.shape[0], d = this.spec.dim;
    const v = this.values(x);
    const z = this.linear.forward(this.periodic ? this.periodic.forward(v.squeeze(2)) : v); // [B, N, d]
    const e = this.spec.kind === 'scale' ? z : z.relu();
    if (x.dim() === 2) return e.reshape([B, this.features * d]);
    const out = e.view(B, this.channels, -1, d).permute(0, 1, 3, 2).reshape([B, this.channels * d, ...this.spatial]);
    return this.passthrough ? torch.cat([out, x.narrow(1, x.shape[1] - this.passthrough, this.passthrough)], 1) : out;
  }
}
