// `reslab rank`: ReXNet's rank analysis — random single layers f(XW) per nonlinearity and
// expansion ratio, the paper's claims judged on them, and with --run the rank of a
// trained model's layer outputs. Parses flags and prints; the work is in src/analysis.
import { join, resolve } from 'node:path';
import { parse, intFlag, emitResult, UsageError, numberList, listFlag } from '../args.js';
import { randomLayerRank, measureText, DEFAULT_NONLINEARITIES, DEFAULT_RATIOS, type RankStudy } from '../../analysis/rank/random.js';
import { modelLayerRanks } from '../../analysis/rank/layers.js';
import { judgeRankClaims } from '../../analysis/rank/claims.js';
import { formatRank } from '../../analysis/rank/format.js';
import { DEFAULT_RTOL } from '../../analysis/rank/measure.js';
import { activationFn, type ActivationName } from '../../nn/activations.js';
import { loadTarget } from '../../analysis/targets.js';
import { writeFileAtomic } from '../../util/atomic.js';
import { progress, type Progress } from '../../util/progress.js';

export const summary = "rank of layer outputs (ReXNet): random f(XW) per nonlinearity and ratio, a run's layers";
export const usage = `usage: reslab rank [--nonlinearities relu,relu6,silu,elu,gelu,identity] [--ratios 0.5,1,2,4,8]
                  [--d-in 16] [--n 1024] [--trials 10] [--seed 1] [--rtol 0.1] [--w-std 1]
                  [--run RUN_DIR [--batch 64] [--member 0] [--data DIR]] [--out DIR] [--quiet] [--json]

Random layers: X (N × d_in) and W (d_in × d_out, d_out = ratio · d_in) with Gaussian
entries (W's sd --w-std), for each trial and ratio; every nonlinearity f is applied to the
same XW. Rank = singular values of f(XW) above --rtol × the largest (ReXNet counted singular
values above a threshold); the exact rank (libtorch's default tolerance) is shown beside
it. Normalised rank = rank / min(N, d_out). The paper's claims (expanding layers lose rank;
SiLU and ELU keep more than ReLU6; nonlinear layers more than linear ones; a linear layer
keeps rank min(d_in, d_out)) are judged from the numbers.
--run adds the rank of every layer output of a trained run (image or detection) on --batch
training rows, flattened to (batch·positions) × channels, against its maximum
min(rows, channels). The rows are drawn with replacement: for flat (MLP) models use a
--batch well above the width. --trials 0 skips the random layers (with --run).
--out DIR writes DIR/rank.json for 'reslab report --analysis DIR'.

examples:
  reslab rank
  reslab rank --ratios 0.25,0.5,1,2,4,8,16 --trials 20 --out out/rank
  reslab rank --run runs/fmnist-resnet --trials 0 --out runs/fmnist-resnet/analysis`;

const positiveList = (v: string | undefined, name: string, def: number[]) => (v === undefined ? def : numberList(v, name, 'positive numbers', (x) => x > 0));

function floatFlag(v: string | undefined, name: string, def: number, ok: (x: number) => boolean, expect: string): number {
  if (v === undefined) return def;
  const x = Number(v);
  if (v.trim() === '' || !Number.isFinite(x) || !ok(x)) throw new UsageError(`--${name} must be ${expect}, got '${v}'`);
  return x;
}

function nonlinearityList(v: string | undefined): ActivationName[] {
  if (v === undefined) return DEFAULT_NONLINEARITIES;
  const names = listFlag(v, 'nonlinearities') as ActivationName[];
  for (const n of names) {
    try { activationFn(n); } catch (e) { throw new UsageError(`--nonlinearities: ${(e as Error).message}`); }
  }
  return names;
}

export async function run(argv: string[]): Promise<void> {
  const { values: f } = parse(argv, {
    nonlinearities: { type: 'string' }, ratios: { type: 'string' }, 'd-in': { type: 'string' }, n: { type: 'string' }, trials: { type: 'string' },
    seed: { type: 'string' }, rtol: { type: 'string' }, 'w-std': { type: 'string' }, run: { type: 'string' }, batch: { type: 'string' },
    member: { type: 'string' }, data: { type: 'string' }, out: { type: 'string' }, quiet: { type: 'boolean' },
  });
  const nonlinearities = nonlinearityList(f.nonlinearities);
  const ratios = positiveList(f.ratios, 'ratios', DEFAULT_RATIOS);
  const dIn = intFlag(f['d-in'], 'd-in', 16), n = intFlag(f.n, 'n', 1024), trials = intFlag(f.trials, 'trials', 10);
  const seed = intFlag(f.seed, 'seed', 1), batch = intFlag(f.batch, 'batch', 64);
  if (dIn < 1 || n < 1 || batch < 1) throw new UsageError('--d-in, --n and --batch must be at least 1');
  if (trials < 0 || (trials === 0 && !f.run)) throw new UsageError('--trials must be at least 1 (0 only with --run)');
  const small = ratios.find((r) => Math.round(r * dIn) < 1);
  if (small !== undefined) throw new UsageError(`--ratios: ${small} × --d-in ${dIn} rounds to d_out 0`);
  const rtol = floatFlag(f.rtol, 'rtol', DEFAULT_RTOL, (x) => x >= 0 && x < 1, 'a number in [0, 1)');
  const weightStd = floatFlag(f['w-std'], 'w-std', 1, (x) => x > 0, 'a positive number');
  const quiet = Boolean(f.quiet) || Boolean(f.json);

  const study: RankStudy = { measure: measureText(rtol), rtol };
  if (trials > 0) {
    let bar: Progress | null = null;
    const onStep = (d: number, total: number) => { bar ??= progress({ title: 'rank', total, unit: 'draws', quiet }); bar.update(d); };
    study.random = randomLayerRank({ nonlinearities, ratios, dIn, n, trials, seed, weightStd, rtol, onStep });
    (bar as Progress | null)?.stop();
    study.claims = judgeRankClaims(study.random);
  }
  if (f.run) {
    const target = await loadTarget(resolve(f.run), { probeBatch: batch, member: intFlag(f.member, 'member', 0), data: f.data ? resolve(f.data) : undefined, seed });
    try {
      const r = modelLayerRanks(target, { rtol });
      Object.assign(study, { model: r.model, batch: r.batch, layers: r.layers });
    } finally {
      target.dispose();
    }
  }
  const out = f.out ? join(resolve(f.out), 'rank.json') : undefined;
  if (out) writeFileAtomic(out, JSON.stringify(study, null, 2) + '\n');
  emitResult(Boolean(f.json), study, formatRank(study) + (out ? `\n\nwrote ${out}` : ''));
}
