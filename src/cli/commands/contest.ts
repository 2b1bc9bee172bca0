// `reslab contest`: methods ranked over a suite of worlds at paired seeds; see docs/contest.md.
import { join, resolve } from 'node:path';
import { loadContest, renderReport, reportData } from '../../report/index.js';
import { writeFileAtomic } from '../../util/atomic.js';
import { emitResult, listFlag, numberList, parse, UsageError } from '../args.js';
import { runContest, type ContestResult } from '../../contest/run.js';
import { BUILTIN_SUITES, loadSuite, releaseSuite, SuiteError, type Suite } from '../../contest/suite.js';
import { methodNames, resolveMethod } from '../../contest/methods.js';
import { METRIC_TEXT } from '../../contest/aggregate.js';
import { rankVerdict, pairVerdict } from '../../contest/verdict.js';
import { methodLabel } from '../../contest/tuned.js';
import { parseDetectorParams } from '../../train/baselines.js';
import { readTunedFile, TunedFileError, type TunedFile } from '../../tune/file.js';

export const summary = 'rank detectors over a suite of worlds: paired seeds, bootstrap intervals, average ranks, Friedman/Nemenyi, Wilcoxon';

export const usage = `usage: reslab contest (--suite ${BUILTIN_SUITES.join('|')}|FILE | --data DIR,…) --methods NAME,… --out DIR
                      [--seeds 1,2,3] [--versus A,B] [--param DETECTOR.KEY=VALUE …] [--tuned FILE.json,…]
                      [--worlds-cache DIR] [--json]

Runs every method at every seed on every world of the suite (generated once into the
worlds cache, or CERT release directories you bring with --data or a suite's "data"
field), on Le et al.'s by-user-and-time split drawn with that seed, and writes
DIR/contest.json, DIR/contest.md and DIR/report.html: per world each method's figures (mean ± sd over
seeds, 95 % bootstrap intervals over test users), average ranks across worlds by PR-AUC and
by insiders caught at 5 alerts/day with the Friedman test and Nemenyi's critical
difference, and with --versus the paired Wilcoxon test of A against B. Every cell is
cached: a rerun runs only what is missing, and changing one method's options reruns only
its cells. --tuned runs each file's method (written by reslab tune on a held-out world;
a file tuned on one of the contest's worlds is refused) at the winner's settings, and the
tables name it as tuned, with its number of trials.

methods: a baseline detector (as reslab baselines names it), DETECTOR+dev (user and peer
deviation inputs) or DETECTOR+dev-rg (with rank-Gauss normalisation), or a residual recipe:
  ${methodNames().filter((m) => !m.includes('+')).join(', ')}

examples:
  reslab contest --suite quick --methods logistic,logistic+dev,xgboost+dev,mlp-skip-best-lin --seeds 1,2,3 --out out/contest --versus mlp-skip-best-lin,logistic+dev
  reslab contest --data /data/cert/r4.2,/data/cert/r5.2 --methods xgboost,mlp-best --out out/real
  reslab contest --suite quick --methods xgboost,mlp-best --tuned tuned/xgboost.json,tuned/mlp-best.json --out out/tuned`;

function human(c: ContestResult): string {
  const lines = [`contest ${c.suite}: ${c.worlds.length} world(s) × ${c.methods.length} method(s) × seeds ${c.seeds.join(', ')} (${c.cells.ran} cells run, ${c.cells.cached} reused) in ${c.seconds.toFixed(0)} s`];
  const width = Math.max(26, ...c.methods.map((m) => methodLabel(m, c.tuning).length));
  for (const t of c.ranks) {
    lines.push('', `average rank by ${METRIC_TEXT[t.metric]}:`);
    t.methods.forEach((m, i) => lines.push(`  ${String(i + 1).padStart(2)}. ${methodLabel(m, c.tuning).padEnd(width)} ${t.averageRanks[i]!.toFixed(2)}`));
    lines.push(rankVerdict(t));
  }
  if (c.versus) lines.push('', pairVerdict(c.versus));
  return lines.join('\n');
}

export async function run(argv: string[]): Promise<void> {
  const { values: v, positionals } = parse(argv, {
    suite: { type: 'string' }, data: { type: 'string' }, methods: { type: 'string' }, seeds: { type: 'string', default: '1,2,3' },
    out: { type: 'string' }, versus: { type: 'string' }, param: { type: 'string', multiple: true }, tuned: { type: 'string' }, 'worlds-cache': { type: 'string', default: '.cache/contest/worlds' },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  if (!v.out) throw new UsageError('--out is required');
  if (!v.methods) throw new UsageError('--methods is required');
  if (!v.suite === !v.data) throw new UsageError('give either --suite or --data');
  const methods = listFlag(v.methods, 'methods');
  for (const m of methods) {
    try { resolveMethod(m); } catch (e) { throw new UsageError(`--methods: ${(e as Error).message}`); }
  }
  if (new Set(methods).size !== methods.length) throw new UsageError('--methods names a method twice');
  const seeds = numberList(v.seeds!, 'seeds', 'integers', Number.isInteger);
  let versus: [string, string] | undefined;
  if (v.versus) {
    const pair = listFlag(v.versus, 'versus');
    if (pair.length !== 2 || pair[0] === pair[1]) throw new UsageError(`--versus needs two different methods, got '${v.versus}'`);
    versus = [pair[0]!, pair[1]!];
    for (const m of versus) if (!methods.includes(m)) throw new UsageError(`--versus: '${m}' is not among --methods`);
  }
  let params: Record<string, Record<string, unknown>> | undefined;
  let suite: Suite;
  let tuned: TunedFile[] | undefined;
  try {
    params = v.param ? parseDetectorParams(v.param as string[]) : undefined;
    suite = v.suite ? loadSuite(v.suite) : releaseSuite(listFlag(v.data!, 'data'));
    tuned = v.tuned ? listFlag(v.tuned, 'tuned').map((f) => readTunedFile(resolve(f))) : undefined;
  } catch (e) {
    if (e instanceof SuiteError || e instanceof RangeError || e instanceof TunedFileError) throw new UsageError(e.message);
    throw e;
  }
  const c = await runContest({
    suite, methods, seeds, versus, params, tuned, out: resolve(v.out), worldsCache: resolve(v['worlds-cache']!),
    log: v.json ? undefined : (l) => process.stderr.write(`${l}\n`),
  });
  const out = resolve(v.out);
  const report = await renderReport(reportData({ title: `reslab contest: suite ${c.suite}`, runs: [], contest: loadContest(out), generated: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), sources: [out] }));
  writeFileAtomic(join(out, 'report.html'), report.html);
  emitResult(v.json, { ...c, report: join(out, 'report.html') }, `${human(c)}\n\nwrote ${join(out, 'contest.md')} and ${join(out, 'report.html')}`);
}
