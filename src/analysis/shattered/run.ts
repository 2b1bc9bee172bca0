// Shattered gradients of a trained run (image or supervised detection): the input moves
// along the straight line between two training rows, x(t) = a + t (b − a), t ∈ [0, 1],
// and the sweep gradient is d score / d t, where the score is the true-class logit of a
// (image runs) or the insider logit (detection runs). The same architecture freshly
// initialised, with batch statistics from one batch of training rows, is swept along the
// same lines: "fresh init" against "trained". Each seed picks another pair of rows (and
// another fresh init).
import * as torch from '../../torch/index.js';
import { buildModel, type BlockNet } from '../../models/index.js';
import { loadTarget, type Target } from '../targets.js';
import { CONFIG, hasConfig, readConfig, runFile } from '../../rundir/index.js';
import type { Probe } from '../pathGradient.js';
import { freezeBatchStats } from './nets.js';
import { ensembleLogit } from '../../train/members.js';
import { lineGradient, evenly, type Line, type Score } from './sweep.js';
import { summarise, whiteNoiseBand, type ShatteredStudy } from './study.js';

export interface RunSweepOptions {
  points: number;
  seeds: number[];
  maxLag?: number;
  /** Also sweep a freshly initialised copy of the architecture (default true). */
  fresh?: boolean;
  /** Rows per probe batch: the pool the two endpoints come from, and the fresh model's batch statistics. */
  batch?: number;
  member?: number;
  data?: string;
  onStep?: (done: number, total: number) => void;
}

/** The run's training mode from its config.json: the sweep needs a logit, which unsupervised runs do not have. */
function checkMode(dir: string): void {
  // A missing config is loadTarget's to report, with its hint about run directories.
  if (!hasConfig(dir)) return;
  const c = readConfig<{ task?: string; mode?: string }>(dir);
  if (c.task !== 'images' && (c.mode ?? 'supervised') !== 'supervised') {
    throw new Error(`${runFile(dir, CONFIG)}: "mode" is "${c.mode}"; the gradient sweep needs a logit, so it takes image runs and supervised detection runs`);
  }
}

/**
 * Row j's target output unit, read off the training objective: at zero logits a
 * cross-entropy's gradient is 1/C − onehot(label), lowest at the label. (The probe
 * carries its labels only inside the objective.)
 */
export function labelOf(probe: Probe, outputs: number, row: number): number {
  return torch.tidy(() => torch.enableGrad(() => {
    const z = torch.zeros([probe.x.shape[0], outputs]).requiresGrad_();
    const [g] = torch.grad(probe.objective(z), z);
    return g!.select(0, row).argmin().item();
  }));
}

/** The endpoints a (row 0) and b (the first later row with a different input) of probe s. */
function endpoints(probe: Probe): { a: torch.Tensor; b: torch.Tensor } {
  const x = probe.x;
  const a = x.narrow(0, 0, 1);
  for (let j = 1; j < x.shape[0]; j++) {
    const b = x.narrow(0, j, 1);
    if (b.sub(a).abs().max().item() > 0) return { a, b };
  }
  throw new Error('the probe batch holds one distinct row only; there is no line to sweep');
}

function scoreFor(target: Target, probe: Probe): { score: Score; what: string } {
  if (target.task === 'detection') return { score: (z) => ensembleLogit(z.select(1, 0), target.model.members), what: 'insider logit' };
  const outputs = torch.tidy(() => torch.noGrad(() => target.model.forward(probe.x.narrow(0, 0, 1)).shape[1]));
  const label = labelOf(probe, outputs, 0);
  return { score: (z) => z.select(1, label), what: 'true-class logit of the first row' };
}

/** A fresh model of the same architecture, seeded, BN statistics from the probe batch, in eval mode. */
function freshCopy(model: BlockNet, seed: number, x: torch.Tensor): BlockNet {
  torch.manualSeed(seed);
  const m = buildModel(model.config);
  freezeBatchStats(m, x);
  return m;
}

export async function runRunStudy(dir: string, o: RunSweepOptions): Promise<ShatteredStudy> {
  checkMode(dir);
  if (!o.seeds.length) throw new Error('seeds: need at least one');
  const seed0 = o.seeds[0];
  const target = await loadTarget(dir, { probeBatch: o.batch ?? 64, seed: seed0, member: o.member, data: o.data });
  const fresh = o.fresh ?? true;
  const maxLag = Math.min(o.maxLag ?? 20, o.points - 1);
  const t = evenly(0, 1, o.points);
  const trained: Float64Array[] = [], untrained: Float64Array[] = [];
  let what = '';
  const total = o.seeds.length * (fresh ? 2 : 1);
  let done = 0;
  const depth = target.model.blocks().length;
  try {
    target.model.eval();
    o.seeds.forEach((seed, k) => torch.tidy(() => {
      // Probe batch k of the run's seeded draw: each seed sweeps another pair of rows.
      const probe = target.probe(k);
      const { a, b } = endpoints(probe);
      const s = scoreFor(target, probe);
      what = s.what;
      const line: Line = { start: a, direction: b.sub(a), t };
      trained.push(lineGradient(target.model, line, s.score));
      o.onStep?.(++done, total);
      if (fresh) {
        const m = freshCopy(target.model, seed, probe.x);
        try { untrained.push(lineGradient(m, line, s.score)); } finally { m.dispose(); }
        o.onStep?.(++done, total);
      }
    }));
  } finally {
    target.dispose();
  }
  const results = [summarise('trained', depth, o.seeds, t, trained, maxLag)];
  if (fresh) results.push(summarise('fresh init', depth, o.seeds, t, untrained, maxLag));
  return {
    kind: 'run', model: target.name, points: o.points, whiteNoise: whiteNoiseBand(o.points),
    options: { run: dir, points: o.points, seeds: o.seeds, maxLag, score: what, line: 'training rows a → b of probe batch k (seed index k), t ∈ [0, 1]', depthCounts: 'blocks' },
    results,
  };
}
