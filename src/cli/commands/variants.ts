// `reslab variants`: the seeds' variant study on an MNIST-format image set. Parses flags,
// runs src/analysis/variants/study.ts, writes variants.json and variants.md, prints the table.
import { join, resolve } from 'node:path';
import { parse, intFlag, emitResult, UsageError, listFlag, numberList } from '../args.js';
import { runVariants, DEFAULT_VARIANT_STUDY } from '../../analysis/variants/study.js';
import { variantNames } from '../../analysis/variants/zoo.js';
import { variantsMarkdown } from '../../analysis/variants/table.js';
import { writeFileAtomic } from '../../util/atomic.js';

const D = DEFAULT_VARIANT_STUDY;
export const summary = 'variant study: every residual family and the plain twin on images, with lesions';
export const usage = `usage: reslab variants --images DIR [--epochs ${D.epochs}] [--seeds ${D.seeds.join(',')}] [--limit ${D.limit}]
                       [--only a,b] [--out DIR] [--val ${D.val}] [--test-limit ${D.testLimit}] [--lesion-rows ${D.lesionRows}]
                       [--trials ${D.trials}] [--k-points ${D.kPoints}] [--batch ${D.batch}] [--lr ${D.lr}] [--resume] [--quiet] [--json]

Trains each variant once per seed on the same --limit training images (all epochs, no early
stop), reports test accuracy (mean ± seed SE), the first epoch's training loss by
tenths, parameters, MACs, wall time, and Veit et al.'s lesions: the mean rise in test error
when one non-downsampling block is deleted, and the error against k deleted blocks (at
most --k-points values of k, 0: every k); for FractalNet the error with one column kept.
A claim's difference is judged only when it is at least 3× its seed standard error, so
one seed judges nothing.
Writes DIR/variants.json (for 'reslab report --analysis DIR') and DIR/variants.md.
--resume reuses every seed already finished with the same options.

variants: ${variantNames().join(', ')}

example:
  reslab variants --images /path/to/fashion-mnist --limit 6000 --epochs 3 --seeds 1,2,3 --out runs/variants`;

const parseList = (v: string | undefined, name: string) => (v ? listFlag(v, name) : []);

export async function run(argv: string[]): Promise<void> {
  const { values: f } = parse(argv, {
    images: { type: 'string' }, epochs: { type: 'string' }, seeds: { type: 'string' }, limit: { type: 'string' }, only: { type: 'string' },
    out: { type: 'string' }, val: { type: 'string' }, 'test-limit': { type: 'string' }, 'lesion-rows': { type: 'string' }, trials: { type: 'string' }, 'k-points': { type: 'string' },
    batch: { type: 'string' }, lr: { type: 'string' }, resume: { type: 'boolean' }, quiet: { type: 'boolean' },
  });
  if (!f.images) throw new UsageError('--images is required (a directory of MNIST-format IDX files)');
  const seeds = f.seeds ? numberList(f.seeds, 'seeds', 'integers', Number.isInteger) : D.seeds;
  if (seeds.length === 0 || seeds.some((s) => !Number.isInteger(s))) throw new UsageError(`--seeds must be a comma list of integers, got '${f.seeds}'`);
  const lr = f.lr === undefined ? D.lr : Number(f.lr);
  if (!(lr > 0)) throw new UsageError(`--lr must be a positive number, got '${f.lr}'`);
  const epochs = intFlag(f.epochs, 'epochs', D.epochs);
  if (epochs < 1) throw new UsageError('--epochs must be at least 1');
  const out = resolve(f.out ?? 'runs/variants');
  const only = parseList(f.only, 'only');
  const known = variantNames();
  const bad = only.filter((n) => !known.includes(n));
  if (bad.length) throw new UsageError(`--only: unknown variant(s) ${bad.join(', ')} (one of ${known.join(', ')})`);
  const quiet = Boolean(f.quiet) || Boolean(f.json);
  const study = await runVariants({
    data: resolve(f.images), out, epochs, seeds, only, lr,
    limit: intFlag(f.limit, 'limit', D.limit), val: intFlag(f.val, 'val', D.val), testLimit: intFlag(f['test-limit'], 'test-limit', D.testLimit),
    lesionRows: intFlag(f['lesion-rows'], 'lesion-rows', D.lesionRows), trials: intFlag(f.trials, 'trials', D.trials), kPoints: intFlag(f['k-points'], 'k-points', D.kPoints), batch: intFlag(f.batch, 'batch', D.batch),
    resume: Boolean(f.resume),
  }, { log: (line) => { if (!quiet) console.error(line); } });
  const md = variantsMarkdown(study);
  writeFileAtomic(join(out, 'variants.json'), JSON.stringify(study, null, 2) + '\n');
  writeFileAtomic(join(out, 'variants.md'), md);
  emitResult(Boolean(f.json), study, `${md}\nwrote ${join(out, 'variants.json')} and variants.md`);
}
