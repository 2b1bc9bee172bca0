// `reslab report`: run directories (+ baselines, + analyses) → one self-contained HTML file.
import { resolve } from 'node:path';
import { parse, emitResult, UsageError } from '../args.js';
import { loadRuns, loadCompare, loadAnalysis, loadContest, reportData, renderReport } from '../../report/index.js';
import { writeFileAtomic } from '../../util/atomic.js';

export const summary = 'write a self-contained HTML report from training runs and analyses';
export const usage = `usage: reslab report --run RUN_DIR [--run RUN_DIR …] [--compare FILE.json …]
                    [--analysis DIR …] [--contest DIR] --out report.html [--title TEXT] [--json]

  --run       a directory written by 'reslab train' (config.json, metrics.jsonl,
              result.json); repeat it, or list more directories after the flags.
              Runs with the same name apart from "(seed N)" are seeds of one method.
  --compare   a JSON file of other methods' results (baselines) in result.json's shape
  --analysis  a directory with lesion.json, paths.json, shattered.json and/or rank.json
              (one per model; ResNet and plain are drawn on the same axes)
  --contest   a directory written by 'reslab contest' (its contest.json): ranks over
              worlds, the critical-difference diagram, per-world intervals; alone or
              with runs
  --out       the HTML file to write (atomically)
  --title     the report's title (default: "reslab detection report")

example:
  reslab report --run runs/grid runs/grid-plain baselines/random_forest/seed-1 \\
                --analysis analysis/grid --out report.html
  reslab report --contest out/contest --out contest.html`;

export async function run(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, {
    run: { type: 'string', multiple: true },
    compare: { type: 'string', multiple: true },
    analysis: { type: 'string', multiple: true },
    contest: { type: 'string' },
    out: { type: 'string' },
    title: { type: 'string' },
  });
  const runDirs = [...(values.run ?? []), ...positionals];
  if (!values.out) throw new UsageError('--out is required');
  if (!runDirs.length && !values.compare?.length && !values.analysis?.length && !values.contest) throw new UsageError('give at least one --run, --compare, --analysis or --contest');
  const runs = loadRuns(runDirs);
  const compare = (values.compare ?? []).flatMap(loadCompare);
  const analysis = (values.analysis ?? []).map(loadAnalysis);
  const contest = values.contest ? loadContest(values.contest) : undefined;
  const data = reportData({
    title: values.title ?? 'reslab detection report',
    runs,
    compare,
    analysis,
    generated: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    sources: [...runDirs, ...(values.compare ?? []), ...(values.analysis ?? []), ...(values.contest ? [values.contest] : [])],
    contest,
  });
  const report = await renderReport(data);
  const out = resolve(values.out);
  writeFileAtomic(out, report.html);
  emitResult(values.json, { out, bytes: Buffer.byteLength(report.html), sections: report.sections, charts: report.charts, runs: runs.length, compared: compare.length, analyses: analysis.length, contest: contest ? contest.worlds.length : 0 }, out);
}
