// bench:contest — the detection contest over a suite of worlds: every baseline on the
// plain features and with deviation inputs, the best residual recipes and their plain
// twins, at paired seeds. The anchor is the field's usual strongest baseline on each
// world, measured in the same run (the tree ensembles and logistic regression, each in its
// best configuration: deviation inputs where they help, class-weighted). Prints the rank
// tables, the best residual recipe against the best baseline (paired Wilcoxon over
// world × seed, and per-world intervals), the cost per method family (the convolutional
// layouts separately), and ends with one JSON line.
//
//   npm run bench:contest [-- --suite default|quick|FILE --seeds 1,2,3 --methods LIST --out DIR --versus A,B --conv --tuned FILE,… --record]
// --record writes the ranks to src/contest/measured.json: what `reslab recipes` prints and
// what `best` (the headline recipe of the demo, the benches and `reslab train --recipe`) means.
// Cells are cached in the output directory (default .cache/contest/bench-SUITE): a rerun
// only runs what is missing.
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { runContest } from '../src/contest/run.js';
import { loadSuite } from '../src/contest/suite.js';
import { RECIPES, headlineRecipe } from '../src/contest/methods.js';
import { METRIC_TEXT } from '../src/contest/aggregate.js';
import { measuredFromContest, writeMeasured, MEASURED_FILE } from '../src/contest/measured.js';
import { DEFAULT_BASELINES } from '../src/train/baselines.js';
import { methodLabel } from '../src/contest/tuned.js';
import { readTunedFile } from '../src/tune/file.js';

const { values: a } = parseArgs({ options: {
  suite: { type: 'string', default: 'default' }, seeds: { type: 'string', default: '1,2,3' }, methods: { type: 'string' },
  out: { type: 'string' }, versus: { type: 'string' }, conv: { type: 'boolean', default: false }, tuned: { type: 'string' }, record: { type: 'boolean', default: false }, worlds: { type: 'string', default: '.cache/contest/worlds' },
} });
// The headline first (the default pair tests it against the anchor), then the other
// recipes measured on the default suite, each with its plain twin where it has one.
const RESIDUAL = [...new Set([headlineRecipe(), 'mlp-best', 'mlp-best-plain', 'mlp-focal', 'mlp-focal-plain', 'mlp-smooth', 'mlp-ple', 'mlp-ple-plain', 'tabm-k8', 'tabm-k8-plain', 'history-2tower', 'history-2tower-plain', 'mlp-skip-best-lin'])];
const CONV = ['grid', 'grid-plain', 'grid-dev', 'grid-dev-plain'];
const baselines = DEFAULT_BASELINES.flatMap((d) => [d, `${d}+dev`]);
const methods = a.methods ? a.methods.split(',') : [...baselines, ...RESIDUAL, ...(a.conv ? CONV : [])];
const seeds = a.seeds!.split(',').map(Number);
const suite = loadSuite(a.suite!);
const out = resolve(a.out ?? `.cache/contest/bench-${suite.name}`);
const residual = methods.filter((m) => RECIPES[m]);
const best = residual[0] ?? methods[0]!;
// The anchor: logistic regression, the recorded contest's best baseline.
const anchor = methods.includes('logistic') ? 'logistic' : methods.find((m) => !RECIPES[m]) ?? methods[1]!;
// A contest of one method has no pair to test.
const versus = (a.versus?.split(',') as [string, string] | undefined) ?? (methods.length > 1 && anchor !== best ? [best, anchor] as [string, string] : undefined);
console.log(`suite ${suite.name}: ${suite.worlds.length + suite.releases.length} worlds × ${methods.length} methods × seeds ${seeds.join(', ')} → ${out}`);

const tuned = a.tuned ? a.tuned.split(',').map((f) => readTunedFile(resolve(f))) : undefined;
const c = await runContest({ suite, methods, seeds, out, worldsCache: resolve(a.worlds!), versus, tuned, log: (l) => console.log(l) });

for (const t of c.ranks) {
  console.log(`\naverage rank by ${METRIC_TEXT[t.metric]} over ${t.worlds.length} worlds (CD ${t.criticalDifference?.toFixed(2) ?? '—'}, Friedman p ${t.friedman?.pValue.toExponential(1) ?? '—'}):`);
  t.methods.forEach((m, i) => console.log(`  ${String(i + 1).padStart(2)}. ${methodLabel(m, c.tuning).padEnd(24)} ${t.averageRanks[i]!.toFixed(2)}`));
}
if (c.versus?.wilcoxon) {
  const v = c.versus, w = v.wilcoxon!;
  console.log(`\n${v.a} vs ${v.b} (anchor): mean PR-AUC difference ${v.meanDifference.toFixed(3)} over ${v.pairs} pairs, wins/ties/losses ${w.wins}/${w.ties}/${w.losses}, Wilcoxon p ${w.pValue.toFixed(4)}`);
}
// Cost per family: fit seconds summed over every cell (the conv layouts apart).
const family = (m: string) => (CONV.includes(m) ? 'conv layouts' : RECIPES[m] ? 'residual MLPs' : 'baselines');
const cost: Record<string, number> = {};
for (const r of c.perWorld) cost[family(r.method)] = (cost[family(r.method)] ?? 0) + (r.fitSeconds?.mean ?? 0) * r.seeds.length;
console.log(`\ncost (fit seconds over all cells): ${Object.entries(cost).map(([k, v]) => `${k} ${v.toFixed(0)} s`).join(', ')}; whole contest ${c.seconds.toFixed(0)} s (${c.cells.ran} cells run, ${c.cells.cached} reused)`);
const ratio = c.versus ? (() => {
  const pr = (m: string) => c.perWorld.filter((r) => r.method === m).reduce((s, r) => s + r.prAuc.mean, 0);
  return pr(c.versus!.a) / pr(c.versus!.b);
})() : null;
if (versus) console.log(`ratio ${versus[0]} / ${versus[1]} (sum of per-world mean PR-AUC): ${ratio?.toFixed(2) ?? '—'}`);
if (a.record) {
  writeMeasured(measuredFromContest(c));
  console.log(`recorded the ranks in ${MEASURED_FILE}`);
}
console.log(JSON.stringify({ bench: 'contest', suite: suite.name, seeds, methods, ranks: c.ranks.map((t) => ({ metric: t.metric, methods: t.methods, averageRanks: t.averageRanks, cd: t.criticalDifference, friedmanP: t.friedman?.pValue ?? null })), versus: c.versus ? { a: c.versus.a, b: c.versus.b, meanDifference: c.versus.meanDifference, p: c.versus.wilcoxon?.pValue ?? null } : null, tuning: c.tuning ?? null, ratio, cost, seconds: c.seconds }));
