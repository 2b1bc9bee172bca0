// `reslab shattered`: Balduzzi et al.'s shattered-gradients measurement, on their
// scalar-input nets (plain, resnet, preact; with and without batch norm; over depths and
// seeds) or on a trained run (trained against fresh init). Parses flags and prints; the
// work is in src/analysis/shattered*.ts.
import { join, resolve } from 'node:path';
import { parse, intFlag, emitResult, UsageError, numberList, choiceList } from '../args.js';
import { runSweepStudy, type ShatteredStudy } from '../../analysis/shattered/study.js';
import { runRunStudy } from '../../analysis/shattered/run.js';
import { formatShattered } from '../../analysis/shattered/format.js';
import { sweepClaims } from '../../analysis/shattered/claims.js';
import { ARCHS, type Arch } from '../../analysis/shattered/nets.js';
import { writeFileAtomic } from '../../util/atomic.js';
import { progress, type Progress } from '../../util/progress.js';

export const summary = 'shattered gradients: input-gradient correlation along a sweep, plain vs residual, or a trained run';
export const usage = `usage: reslab shattered [--arch plain,resnet,preact] [--depths 2,4,8,16,32,50] [--width 200]
                        [--bn both|on|off] [--points 256] [--seeds 1,2,3] [--max-lag 20] [--range=-2,2]
                        [--out DIR] [--quiet] [--json]
       reslab shattered --run RUN_DIR [--points 256] [--seeds 1,2,3] [--batch 64] [--trained-only]
                        [--member 0] [--data DIR] [--out DIR] [--quiet] [--json]

Sweeps the input along a line, takes d output / d input at every point, and reports how
much neighbouring gradients agree: the lag-1 autocorrelation of the mean-subtracted
gradient curve (near 1: smooth; near 0: white noise, "shattered"), mean ± sd over seeds,
plus the autocorrelation at lags 0..--max-lag. Without --run it also judges Balduzzi et
al.'s claims (plain nets shatter, residual nets resist, BN'd resnets keep more) on the
numbers it measured, for the architectures it ran.

Without --run: Balduzzi et al.'s nets, a scalar input swept over --range (256 points on
[-2, 2]), fully connected layers of --width units with ReLU and He init, a scalar output.
  plain   h <- relu(BN(W h))                       one weight layer per step
  resnet  h <- h + W2 relu(BN(W1 h))               two weight layers per block
  preact  h <- h + W2 relu(BN(W1 relu(BN(h))))     (BN only with --bn on)
Depth counts hidden weight layers, so plain and residual nets of one depth have the same
weights; residual depths must be even. Batch statistics are those of the sweep as one
batch, frozen, so each gradient is the derivative of one fixed function.

With --run: a trained image or supervised detection run. Each seed sweeps the straight
line between two training rows and differentiates the true-class logit of the first
(images) or the insider logit (detection); the same architecture freshly initialised
(batch statistics from --batch training rows) is swept on the same lines unless
--trained-only.

--out DIR writes DIR/shattered.json, which 'reslab report --analysis DIR' reads.

examples:
  reslab shattered --depths 2,8,20,50 --seeds 1,2,3 --out runs/shattered
  reslab shattered --arch plain,resnet --bn on --depths 20 --width 100 --json
  reslab shattered --run runs/fmnist-resnet --seeds 1,2,3 --out runs/fmnist-resnet`;

const intList = (v: string | undefined, name: string, def: number[]) => (v === undefined ? def : numberList(v, name, 'integers', Number.isInteger));

function parseArchs(v: string | undefined): Arch[] {
  if (v === undefined) return [...ARCHS];
  return choiceList(v, 'arch', ARCHS);
}

function parseBn(v: string | undefined): boolean[] {
  switch (v ?? 'both') {
    case 'both': return [true, false];
    case 'on': return [true];
    case 'off': return [false];
    default: throw new UsageError(`--bn must be both, on or off, got '${v}'`);
  }
}

function parseRange(v: string | undefined): [number, number] {
  if (v === undefined) return [-2, 2];
  const xs = v.split(',').map((s) => (s.trim() === '' ? NaN : Number(s)));
  if (xs.length !== 2 || xs.some((x) => !Number.isFinite(x)) || !(xs[0] < xs[1])) throw new UsageError(`--range must be two increasing numbers a,b (write --range=-2,2), got '${v}'`);
  return [xs[0], xs[1]];
}

export async function run(argv: string[]): Promise<void> {
  const { values: f } = parse(argv, {
    arch: { type: 'string' }, depths: { type: 'string' }, width: { type: 'string' }, bn: { type: 'string' }, points: { type: 'string' },
    seeds: { type: 'string' }, 'max-lag': { type: 'string' }, range: { type: 'string' }, run: { type: 'string' }, batch: { type: 'string' },
    'trained-only': { type: 'boolean' }, member: { type: 'string' }, data: { type: 'string' }, out: { type: 'string' }, quiet: { type: 'boolean' },
  });
  const points = intFlag(f.points, 'points', 256);
  if (points < 3) throw new UsageError('--points must be at least 3');
  const seeds = intList(f.seeds, 'seeds', [1, 2, 3]);
  const maxLag = intFlag(f['max-lag'], 'max-lag', Math.min(20, points - 1));
  if (maxLag < 1 || maxLag >= points) throw new UsageError(`--max-lag must be in [1, ${points - 1}]`);
  let bar: Progress | null = null;
  const onStep = (d: number, total: number) => { bar ??= progress({ title: 'shattered', total, unit: 'sweeps', quiet: Boolean(f.quiet) || Boolean(f.json) }); bar.update(d); };
  let study: ShatteredStudy;
  if (f.run) {
    const batch = intFlag(f.batch, 'batch', 64);
    if (batch < 2) throw new UsageError('--batch must be at least 2 (the line needs two rows)');
    study = await runRunStudy(resolve(f.run), { points, seeds, maxLag, batch, fresh: !f['trained-only'], member: intFlag(f.member, 'member', 0), data: f.data ? resolve(f.data) : undefined, onStep });
  } else {
    const archs = parseArchs(f.arch);
    const depths = intList(f.depths, 'depths', [2, 4, 8, 16, 32, 50]);
    if (depths.some((d) => d < 0)) throw new UsageError(`--depths must be ≥ 0, got '${f.depths}'`);
    const odd = depths.filter((d) => d % 2);
    if (odd.length && archs.some((a) => a !== 'plain')) throw new UsageError(`--depths ${odd.join(',')}: residual nets hold two weight layers per block, so their depths must be even`);
    const width = intFlag(f.width, 'width', 200);
    if (width < 1) throw new UsageError('--width must be at least 1');
    study = runSweepStudy({ archs, depths, width, points, seeds, batchNorm: parseBn(f.bn), range: parseRange(f.range), maxLag, onStep });
    study.claims = sweepClaims(study.results, study.whiteNoise);
  }
  (bar as Progress | null)?.stop();
  const file = f.out ? join(resolve(f.out), 'shattered.json') : undefined;
  if (file) writeFileAtomic(file, JSON.stringify(study, null, 2) + '\n');
  emitResult(Boolean(f.json), study, formatShattered(study) + (file ? `\n\nwrote ${file}` : ''));
}
