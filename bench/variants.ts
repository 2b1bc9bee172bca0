// bench:variants — the seeds' variant study on Fashion-MNIST: the pre-activation
// arrangements (a)–(e), ResNet v1, WRN, ResNeXt, Res2Net, DenseNet, stochastic depth,
// FractalNet, ReXNet, Highway and multi-residual next to the plain twin, each trained on
// the same seeded subset through `reslab train --images`' code and lesioned (Veit et al.'s
// single- and k-block deletions; for FractalNet, Larsson et al.'s column deletion: the net
// with one column kept). The plain twin is the anchor. Prints the table with each claim
// marked reproduced / partly / not reproduced / too small to tell, where a difference is
// judged only when it is at least 3× its seed standard error (one seed judges nothing),
// writes out/bench-variants/variants.json and variants.md (for `reslab report --analysis
// out/bench-variants`), and ends stdout with one JSON line. Default budget (4,000 images,
// 3 epochs, seeds 1,2,3, lesions on 500 test images at 5 values of k) took 29 minutes on
// two cores, within the 60 the study is allowed (study.ts, DEFAULT_VARIANT_STUDY); --limit,
// --epochs, --seeds, --only, --trials, --k-points, --lesion-rows, --test-limit, --val
// raise or trim it; --resume reuses finished seeds.
import { join, resolve } from 'node:path';
import { runVariants, DEFAULT_VARIANT_STUDY } from '../src/analysis/variants/study.js';
import { variantsMarkdown } from '../src/analysis/variants/table.js';
import { writeFileAtomic } from '../src/util/atomic.js';

const argv = process.argv.slice(2);
const flag = (name: string, def: string) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : def; };
const D = DEFAULT_VARIANT_STUDY;
const out = resolve(flag('out', 'out/bench-variants'));
const t0 = performance.now();

const study = await runVariants({
  ...D,
  data: resolve(flag('data', '/usr/share/datasets/fashion-mnist')), out,
  limit: Number(flag('limit', String(D.limit))), epochs: Number(flag('epochs', String(D.epochs))),
  seeds: flag('seeds', D.seeds.join(',')).split(',').map(Number), trials: Number(flag('trials', String(D.trials))),
  kPoints: Number(flag('k-points', String(D.kPoints))), lesionRows: Number(flag('lesion-rows', String(D.lesionRows))),
  testLimit: Number(flag('test-limit', String(D.testLimit))), val: Number(flag('val', String(D.val))),
  only: flag('only', '').split(',').filter(Boolean), resume: argv.includes('--resume'),
}, { log: (s) => console.log(`[${((performance.now() - t0) / 1000).toFixed(0)} s] ${s}`) });

const md = variantsMarkdown(study);
writeFileAtomic(join(out, 'variants.json'), JSON.stringify(study, null, 2) + '\n');
writeFileAtomic(join(out, 'variants.md'), md);
console.log('\n' + md);

const row = (n: string) => study.rows.find((r) => r.name === n);
const plain = row('plain');
console.log(JSON.stringify({
  bench: 'variants', seconds: study.seconds, limit: study.options.limit, epochs: study.options.epochs, seeds: study.options.seeds,
  variants: Object.fromEntries(study.rows.map((r) => [r.name, {
    accuracy: r.accuracy.mean, accuracySd: r.accuracy.sd, params: r.params, macs: r.macs, trainSeconds: r.seconds.train, lesionSeconds: r.seconds.lesion,
    singleDrop: r.singleDrop, errorAtMaxK: r.kCurve.at(-1)?.error ?? null, columnErrors: r.columnErrors?.map((c) => c.error) ?? null,
    // Ratios to the anchor: accuracy gain over the plain twin, and its one-block drop over this one's.
    accuracyOverPlain: plain ? r.accuracy.mean - plain.accuracy.mean : null,
    plainDropRatio: plain?.singleDrop != null && r.singleDrop ? plain.singleDrop / r.singleDrop : null,
  }])),
  claims: Object.fromEntries(study.claims.map((c) => [c.id, c.verdict])),
}));
