// `reslab lesion`: Veit et al.'s lesion studies on a trained run (image or detection):
// remove single blocks, remove k random blocks, or reorder blocks, and measure the
// run's test metric each time. Parses flags and prints; the work is in src/analysis.
import { resolve } from 'node:path';
import { parse, intFlag, emitResult, UsageError, numberList, choiceList } from '../args.js';
import { loadTarget } from '../../analysis/targets.js';
import { runLesion, LESION_MODES, type LesionMode } from '../../analysis/lesion.js';
import { formatLesion } from '../../analysis/format.js';
import { writeFileAtomic } from '../../util/atomic.js';
import { progress, type Progress } from '../../util/progress.js';

export const summary = 'lesion study: remove or reorder residual blocks of a trained run';
export const usage = `usage: reslab lesion --run RUN_DIR [--mode single|k|reorder|all] [--k N | --k 1,2,4]
                     [--trials 5] [--seed 1] [--test-limit N] [--member 0] [--data DIR]
                     [--out FILE.json] [--quiet] [--json]

single   remove each block in turn (its shortcut stays; a plain block that keeps its shape
         passes its input on; one that changes shape is marked not removable)
k        remove k random removable non-downsampling blocks, --trials times per k
reorder  swap k random pairs of same-shape blocks, --trials times per k, with Kendall τ
--mode takes a comma list; --k N runs k = 1 … N, a list runs those k (default: all possible).
Image runs report test error (%), detection runs PR-AUC (and ROC-AUC) on the run's test rows
(--test-limit: the first N of them). --out writes the result JSON for 'reslab report'.

example:
  reslab lesion --run runs/fmnist-resnet --mode single,k --k 8 --trials 5 --out runs/fmnist-resnet/lesion.json`;

export function parseKs(v: string | undefined): number[] | undefined {
  if (v === undefined) return undefined;
  const parts = numberList(v, 'k', 'positive integers (one N: k = 1 … N)', (k) => Number.isInteger(k) && k >= 1);
  return parts.length === 1 ? Array.from({ length: parts[0] }, (_, i) => i + 1) : parts;
}

export function parseModes(v: string | undefined): LesionMode[] {
  if (v === undefined || v === 'all') return [...LESION_MODES];
  return choiceList(v, 'mode', LESION_MODES);
}

export async function run(argv: string[]): Promise<void> {
  const { values: f } = parse(argv, {
    run: { type: 'string' }, mode: { type: 'string' }, k: { type: 'string' }, trials: { type: 'string' }, seed: { type: 'string' },
    'test-limit': { type: 'string' }, member: { type: 'string' }, data: { type: 'string' }, out: { type: 'string' }, quiet: { type: 'boolean' },
  });
  if (!f.run) throw new UsageError('--run is required');
  const modes = parseModes(f.mode);
  const ks = parseKs(f.k);
  const trials = intFlag(f.trials, 'trials', 5);
  if (trials < 1) throw new UsageError('--trials must be at least 1');
  const seed = intFlag(f.seed, 'seed', 1);
  const target = await loadTarget(resolve(f.run), { testLimit: intFlag(f['test-limit'], 'test-limit', 0), member: intFlag(f.member, 'member', 0), data: f.data ? resolve(f.data) : undefined, seed });
  try {
    // The total is known once the analysis has counted its steps: the bar starts on the first one.
    let bar: Progress | null = null;
    const onStep = (d: number, total: number) => { bar ??= progress({ title: 'lesion', total, unit: 'evaluations', quiet: Boolean(f.quiet) || Boolean(f.json) }); bar.update(d); };
    const r = runLesion(target.model, target.name, target.evaluator, { modes, ks, trials, seed, onStep });
    (bar as Progress | null)?.stop();
    if (f.out) writeFileAtomic(resolve(f.out), JSON.stringify(r, null, 2) + '\n');
    emitResult(Boolean(f.json), r, formatLesion(r) + (f.out ? `\n\nwrote ${resolve(f.out)}` : ''));
  } finally {
    target.dispose();
  }
}
