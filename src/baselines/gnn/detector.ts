// Graph neural network baselines: each period (day or week) is one graph of all users,
// a user's node carrying its row's features, and a row is scored from its node.
//   gcn, graphsage: supervised, class-weighted BCE on the training rows' nodes;
//   gcn_ae:         unsupervised, a graph autoencoder; score = the row's reconstruction error.
// A user without a row in the data handed to fit or score is an absent node: zero
// features and a presence flag of 0 (the flag, aggregated, also tells a node how many of
// its contacts are active). Under a user split that includes the held-out users at fit.
// Training runs epochs over the training periods in a seeded order, a few periods per
// AdamW step, up to a fixed number of epochs or of steps, whichever comes first (whole
// epochs only): a release as large as r4.2 (500 days, 63 steps an epoch) would otherwise
// train 30 epochs of 8,000-node batches, past the 5-minute bound a baseline gets, while a
// small set keeps all its epochs. There is no early stopping, as for the other baselines
// (the runner hands them training and validation rows together).
import * as torch from '../../torch/index.js';
import { F } from '../../torch/index.js';
import { AdamW } from '../../optim/index.js';
import { Rng, hashKeys } from '../../util/rng.js';
import type { EdgeKind, GraphContext } from '../graph/types.js';
import { checkData, checkLabels, checkTrain, intParam, listParam, notFitted, numParam } from '../check.js';
import { columnMoments } from '../moments.js';
import { EngineScaler } from '../rows.js';
import type { Detector, FitOptions, TabularData } from '../types.js';
import { nodeBatch, type NodeBatch } from './batch.js';
import { requireContext } from '../graph/context.js';
import { windowGraphs, type GraphOptions, type UserGraph } from './graph.js';
import { GCN, GraphAE, GraphSAGE } from './models.js';
import { gcnNorm, meanNorm } from './norm.js';
import { groupPeriods, inferPeriodDays, type Periods } from './periods.js';

export const GNN_DETECTORS = ['gcn', 'graphsage', 'gcn_ae'] as const;
export type GNNKind = (typeof GNN_DETECTORS)[number];

const USABLE_KINDS: readonly EdgeKind[] = ['email', 'pc'];

function kindsParam(who: string, v: unknown): Set<EdgeKind> {
  const list = v === undefined ? USABLE_KINDS : listParam(v);
  if (!Array.isArray(list) || list.length === 0 || !list.every((k) => USABLE_KINDS.includes(k as EdgeKind))) {
    throw new RangeError(`${who}: kinds must list edge kinds from ${USABLE_KINDS.join(', ')} (got ${JSON.stringify(v)}; web edges are not used)`);
  }
  return new Set(list as EdgeKind[]);
}

/** A data set laid out for the network: its periods and each period's user graph. */
interface Layout { ctx: GraphContext; periods: Periods; graphs: UserGraph[] }

export class GNNDetector implements Detector {
  readonly supervised: boolean;
  private model: GCN | GraphSAGE | GraphAE | null = null;
  private scaler: EngineScaler | null = null;
  private f = 0;
  private periodDays = 0;
  /** Mean training loss of each epoch, for diagnostics and the bench. */
  epochLosses: number[] = [];
  /** Seconds the last fit spent building the period graphs, and each epoch. */
  fitSeconds = { graphs: 0, epochs: [] as number[] };
  private readonly hidden: number;
  private readonly code: number;
  private readonly epochs: number;
  private readonly maxSteps: number;
  private readonly lr: number;
  private readonly weightDecay: number;
  private readonly dropout: number;
  private readonly periodsPerBatch: number;
  private readonly fixedPeriodDays: number;
  private readonly graph: GraphOptions;

  /**
   * params: hidden (64), code (16, gcn_ae's code width), epochs (30), maxSteps (800 AdamW
   * steps: fewer epochs when an epoch has more than maxSteps / epochs steps), lr (0.01),
   * weightDecay (5e-4), dropout (0.1), periodsPerBatch (8 periods per step),
   * windowDays (28 days of logs behind each period's graph), maxPcUsers (50),
   * kinds ('email,pc'), periodDays (0: context.rowDays, else inferred from the training rows' times).
   */
  constructor(readonly name: GNNKind, params: Record<string, unknown> = {}) {
    if (!GNN_DETECTORS.includes(name)) throw new RangeError(`unknown GNN detector '${name}' (known: ${GNN_DETECTORS.join(', ')})`);
    this.supervised = name !== 'gcn_ae';
    this.hidden = intParam(name, params, 'hidden', 64);
    this.code = intParam(name, params, 'code', 16);
    this.epochs = intParam(name, params, 'epochs', 30);
    this.maxSteps = intParam(name, params, 'maxSteps', 800);
    this.lr = numParam(name, params, 'lr', 0.01, 0);
    this.weightDecay = numParam(name, params, 'weightDecay', 5e-4, 0);
    this.dropout = numParam(name, params, 'dropout', 0.1, 0, 0.9);
    this.periodsPerBatch = intParam(name, params, 'periodsPerBatch', 8);
    this.fixedPeriodDays = intParam(name, params, 'periodDays', 0, 0);
    this.graph = {
      windowDays: intParam(name, params, 'windowDays', 28),
      maxPcUsers: intParam(name, params, 'maxPcUsers', 50, 2),
      kinds: kindsParam(name, params.kinds),
    };
  }

  private layout(d: TabularData): Layout {
    const ctx = requireContext(this.name, d);
    const periods = groupPeriods(this.name, ctx);
    // The period length is fixed at fit: the parameter, else what the context says its rows
    // cover, else the smallest gap between row times.
    const rowDays = (ctx as GraphContext & { rowDays?: number }).rowDays;
    if (!this.periodDays) this.periodDays = this.fixedPeriodDays || rowDays || inferPeriodDays(periods.starts);
    return { ctx, periods, graphs: windowGraphs(ctx, periods.starts, this.periodDays, this.graph) };
  }

  private batch(d: TabularData, l: Layout, ks: number[]): NodeBatch {
    const U = l.ctx.users.length;
    const norm = this.name === 'graphsage' ? meanNorm : gcnNorm;
    return nodeBatch(d, l.ctx.user, l.periods, ks, ks.map((k) => norm(l.graphs[k], U)), U, this.scaler!);
  }

  private build(): GCN | GraphSAGE | GraphAE {
    const shape = { inFeatures: this.f + 1, hidden: this.hidden, dropout: this.dropout };
    switch (this.name) {
      case 'gcn': return new GCN(shape);
      case 'graphsage': return new GraphSAGE(shape);
      case 'gcn_ae': return new GraphAE(shape, this.code, this.f);
    }
  }

  /** The loss of a batch: BCE on its rows' logits, or the rows' mean reconstruction error. */
  private loss(b: NodeBatch, y: Uint8Array | null, posWeight: torch.Tensor | null): torch.Tensor {
    const out = this.model!.forward(b.x, b.graph).index(b.x.nodes);
    if (!y) return F.mseLoss(out, b.x.rows.narrow(1, 0, this.f));
    const target = torch.tensor(Float32Array.from(b.rows, (i) => y[i]), { shape: [b.rows.length, 1] });
    return F.binaryCrossEntropyWithLogits(out, target, { posWeight });
  }

  fit(train: TabularData, labels?: Uint8Array, opts: FitOptions = {}): void {
    checkTrain(this.name, train);
    const y = this.supervised ? checkLabels(this.name, train, labels) : null;
    this.dispose();
    this.periodDays = 0;
    this.f = train.f;
    let t0 = performance.now();
    const l = this.layout(train);
    this.fitSeconds = { graphs: (performance.now() - t0) / 1000, epochs: [] };
    this.scaler = new EngineScaler(columnMoments(train));
    const seed = opts.seed ?? 0;
    torch.manualSeed(hashKeys(seed, 0x6e));
    this.model = this.build();
    const opt = new AdamW(this.model.parameters(), { lr: this.lr, weightDecay: this.weightDecay });
    let pos = 0;
    if (y) for (const v of y) pos += v;
    const posWeight = y ? torch.keep(torch.tensor([(train.n - pos) / pos])) : null;
    const K = l.periods.starts.length;
    this.epochLosses = [];
    this.model.train();
    try {
      const stepsPerEpoch = Math.ceil(K / this.periodsPerBatch);
      const epochs = Math.max(1, Math.min(this.epochs, Math.floor(this.maxSteps / stepsPerEpoch)));
      for (let epoch = 1; epoch <= epochs; epoch++) {
        t0 = performance.now();
        torch.manualSeed(hashKeys(seed, epoch, 0x6e)); // dropout masks
        const rng = new Rng(seed, epoch, 0x6e6e);
        const order = Array.from({ length: K }, (_, k) => k);
        for (let i = K - 1; i > 0; i--) {
          const j = rng.int(i + 1);
          [order[i], order[j]] = [order[j], order[i]];
        }
        let sum = 0;
        for (let at = 0; at < K; at += this.periodsPerBatch) {
          const ks = order.slice(at, at + this.periodsPerBatch);
          const [loss, rows] = torch.tidy(() => {
            const b = this.batch(train, l, ks);
            const lv = this.loss(b, y, posWeight);
            opt.zeroGrad();
            lv.backward();
            opt.step();
            return [lv.item() as number, b.rows.length];
          });
          if (!Number.isFinite(loss)) throw new Error(`${this.name}: training diverged (loss ${loss} in epoch ${epoch}); lower lr`);
          sum += loss * rows;
        }
        this.epochLosses.push(sum / train.n);
        this.fitSeconds.epochs.push((performance.now() - t0) / 1000);
      }
    } finally {
      opt.dispose();
      posWeight?.dispose();
      this.model.eval();
    }
  }

  /** gcn, graphsage: the row's logit; gcn_ae: the mean squared error of its standardised features. */
  score(data: TabularData): Float32Array {
    if (!this.model || !this.scaler) notFitted(this.name);
    checkData(this.name, data, this.f);
    const l = this.layout(data);
    const out = new Float32Array(data.n);
    const K = l.periods.starts.length;
    for (let at = 0; at < K; at += this.periodsPerBatch) {
      const ks = Array.from({ length: Math.min(this.periodsPerBatch, K - at) }, (_, i) => at + i);
      torch.noGrad(() => torch.tidy(() => {
        const b = this.batch(data, l, ks);
        const y = this.model!.forward(b.x, b.graph).index(b.x.nodes);
        const s = (this.supervised ? y.reshape([-1]) : y.sub(b.x.rows.narrow(1, 0, this.f)).square().mean(1)).dataSync() as Float32Array;
        b.rows.forEach((i, r) => (out[i] = s[r]));
      }));
    }
    return out;
  }

  /** Trainable parameters of the fitted network. */
  numParameters(): number {
    if (!this.model) notFitted(this.name);
    return this.model.numParameters();
  }

  dispose(): void {
    this.model?.dispose();
    this.scaler?.dispose();
    this.model = null;
    this.scaler = null;
  }
}
