// `reslab paths`: the unraveled view of a trained run — path counts per length, gradient
// magnitude at the input per path length (Veit et al. §4.3) and the total gradient each
// length contributes. Parses flags and prints; the work is in src/analysis.
import { resolve } from 'node:path';
import { parse, intFlag, emitResult, UsageError } from '../args.js';
import { loadTarget } from '../../analysis/targets.js';
import { analysePaths } from '../../analysis/paths.js';
import { formatPaths } from '../../analysis/format.js';
import { writeFileAtomic } from '../../util/atomic.js';
import { progress, type Progress } from '../../util/progress.js';

export const summary = 'path lengths and gradient by path length of a trained run';
export const usage = `usage: reslab paths --run RUN_DIR [--samples 20] [--batch 32] [--seed 1] [--member 0] [--data DIR]
                    [--out FILE.json] [--quiet] [--json]

For each path length k, --samples times: choose k residual blocks at random, let the
gradient pass only through their branches and through the shortcuts elsewhere (forward
unchanged), and take the norm of the loss gradient at the input, per sample of a batch of
--batch training rows. Prints counts (binomial for single-branch blocks), the mean
gradient per path, the total per length (× count) and the length range holding 90 % of it.

example:
  reslab paths --run runs/fmnist-resnet --samples 20 --out runs/fmnist-resnet/paths.json`;

export async function run(argv: string[]): Promise<void> {
  const { values: f } = parse(argv, {
    run: { type: 'string' }, samples: { type: 'string' }, batch: { type: 'string' }, seed: { type: 'string' }, member: { type: 'string' },
    data: { type: 'string' }, out: { type: 'string' }, quiet: { type: 'boolean' },
  });
  if (!f.run) throw new UsageError('--run is required');
  const samples = intFlag(f.samples, 'samples', 20);
  const batch = intFlag(f.batch, 'batch', 32);
  if (samples < 1 || batch < 1) throw new UsageError('--samples and --batch must be at least 1');
  const seed = intFlag(f.seed, 'seed', 1);
  const target = await loadTarget(resolve(f.run), { probeBatch: batch, member: intFlag(f.member, 'member', 0), data: f.data ? resolve(f.data) : undefined, seed });
  try {
    // The total is known once the analysis has counted its steps: the bar starts on the first one.
    let bar: Progress | null = null;
    const onStep = (d: number, total: number) => { bar ??= progress({ title: 'paths', total, unit: 'gradients', quiet: Boolean(f.quiet) || Boolean(f.json) }); bar.update(d); };
    const r = analysePaths(target.model, target.name, { samples, seed, probe: target.probe, onStep });
    (bar as Progress | null)?.stop();
    if (f.out) writeFileAtomic(resolve(f.out), JSON.stringify(r, null, 2) + '\n');
    emitResult(Boolean(f.json), r, formatPaths(r) + (f.out ? `\n\nwrote ${resolve(f.out)}` : ''));
  } finally {
    target.dispose();
  }
}
