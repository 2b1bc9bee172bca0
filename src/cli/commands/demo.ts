// `reslab demo`: the whole job on built-in data, as a new user first sees it: generate a
// CERT-format release with injected insiders → day features and log edges → the grid
// ResNet, its plain twin, the two-tower history model and the MLP-ResNet trained and evaluated on a
// split that does not leak → the baselines (trees, statistics, communities, a GNN) on the
// same split → lesion, path, shattered-gradient and rank analyses of the grid detectors →
// one comparison table and a self-contained HTML report. Finished stages are reused when
// their inputs are unchanged (a cache keyed by config and seed).
import { dirname, join, resolve } from 'node:path';
import { parse, intFlag, emitResult, UsageError } from '../args.js';
import { generate, resolveProfile } from '../../data/synth/index.js';
import { extractFeatures, FEATURES_VERSION } from '../../data/cert/index.js';
import { edgesPathFor } from '../../data/cert/edges.js';
import { runDetection, withDefaults, methodName } from '../../train/run.js';
import type { RunConfig } from '../../rundir/index.js';
import { runBaselines } from '../../train/baselines.js';
import { compareResults, comparisonMarkdown, type ComparisonRow } from '../../eval/compare.js';
import { RESULT, runFile, seedDir, findResults, readRunPredictions, type FoundResult } from '../../rundir/index.js';
import { bootAveragePrecision, leadVerdict, pairedBootstrapCi } from '../../eval/index.js';
import { loadRuns, loadAnalysis, reportData, renderReport } from '../../report/index.js';
import { loadTarget } from '../../analysis/targets.js';
import { runLesion, singleSummary, LESION_MODES } from '../../analysis/lesion.js';
import { analysePaths } from '../../analysis/paths.js';
import { randomLayerRank, modelLayerRanks, measureText, DEFAULT_NONLINEARITIES, DEFAULT_RATIOS, type RankStudy } from '../../analysis/rank/random.js';
import { judgeRankClaims } from '../../analysis/rank/claims.js';
import { runRunStudy } from '../../analysis/shattered/run.js';
import { DEFAULT_RTOL } from '../../analysis/rank/measure.js';
import { StageCache } from '../../util/stages.js';
import { writeFileAtomic } from '../../util/atomic.js';
import { progress } from '../../util/progress.js';
import type { SplitSpec } from '../../train/split.js';
import { loadSuite, normalize } from '../../contest/suite.js';
import { RECIPES, headlineRecipe } from '../../contest/methods.js';

export const summary = 'run the end-to-end pipeline on built-in data and write a report';
const DEFAULT_WORLD = 'q-r52-knobs';

export const usage = `usage: reslab demo [--out DIR] [--world NAME | --profile small|tiny] [--seed N] [--epochs N] [--quiet] [--json]

Generates a CERT-format release with injected insiders: by default the contest's quick
world ${DEFAULT_WORLD} (r5.2, 200 users × 60 days, 48 insiders of scenarios 1-5 with
benign look-alikes, behaviour drift and sparse logging, so that Le et al.'s
by-user-and-time split holds 24 test insiders); --world NAME another quick-suite world
(${QUICK_WORLDS()}), fixed, with --seed seeding the split and training; --profile small
(80 users × 84 days) or tiny (40 × 56, held-out users, for CI) a world that follows
--seed. Extracts labelled user-day features, trains the headline residual recipe ('best':
the best-ranked recipe of the recorded contest, see 'reslab recipes'), the
domain × feature grid ResNet, its plain twin, the two-tower history model (recipe
history-2tower) and the MLP-ResNet, runs
the baselines on the same split, analyses the grid detectors, and writes DIR/comparison.md
and DIR/report.html. The summary ends with one sentence computed from the numbers. DIR
defaults to out/demo. A rerun reuses every stage whose inputs did not change.

example:
  reslab demo                       # about 2-5 minutes on 2 cores
  reslab demo --profile tiny --out out/ci
  reslab demo --world q-r62 --out out/demo-r62`;

function QUICK_WORLDS(): string {
  return loadSuite('quick').worlds.map((w) => w.name).join(', ');
}

const PROFILES = {
  small: { gen: resolveProfile('small'), split: { kind: 'le2020', trainUsers: 0.6 } as Omit<SplitSpec, 'seed'>, epochs: 12 },
  tiny: { gen: { ...resolveProfile('small'), users: 40, days: 56, insiders: 8, intensity: 1.5 }, split: { kind: 'user' } as Omit<SplitSpec, 'seed'>, epochs: 4 },
} as const;

// One of each kind: trees, a linear model, an isolation forest, statistics, a one-class net, community deviation and a GNN.
const BASELINES = ['random_forest', 'xgboost', 'logistic', 'isolation_forest', 'ecod', 'zscore', 'deep_svdd', 'louvain', 'gcn'];

export async function run(argv: string[]): Promise<void> {
  // The headline residual detector: the recorded contest's best residual recipe (`best`).
  const HEADLINE = headlineRecipe();
  const { values: flags } = parse(argv, { out: { type: 'string' }, seed: { type: 'string' }, profile: { type: 'string' }, world: { type: 'string' }, epochs: { type: 'string' }, quiet: { type: 'boolean' } });
  const out = resolve((flags.out as string | undefined) ?? join('out', 'demo'));
  const seed = intFlag(flags.seed, 'seed', 1);
  if (flags.world && flags.profile) throw new UsageError('give --profile or --world, not both');
  const worldName = flags.world ?? (flags.profile ? undefined : DEFAULT_WORLD);
  const world = worldName ? loadSuite('quick').worlds.find((w) => w.name === worldName) : undefined;
  if (flags.world && !world) throw new UsageError(`--world must be one of the quick suite's worlds (${QUICK_WORLDS()}), got '${flags.world}'`);
  const profileName = world ? `world ${world.name}` : (flags.profile ?? 'small');
  const profile = world
    ? { gen: normalize(world), split: { kind: 'le2020', trainUsers: 0.6 } as Omit<SplitSpec, 'seed'>, epochs: PROFILES.small.epochs }
    : PROFILES[profileName as keyof typeof PROFILES];
  if (!profile) throw new UsageError(`--profile must be small or tiny, got '${flags.profile}'`);
  // A contest world is fixed (its own generator seed); a profile's world follows --seed.
  const genSeed = world ? world.seed : seed;
  const epochs = intFlag(flags.epochs, 'epochs', profile.epochs);
  const quiet = Boolean(flags.quiet) || Boolean(flags.json);
  const log = (s: string) => { if (!flags.json) console.log(s); };
  const cache = new StageCache(out);
  const t0 = performance.now();
  const timings: Record<string, { seconds: number; cached: boolean }> = {};
  const note = (name: string, r: { seconds: number; cached: boolean }) => { timings[name] = { seconds: r.seconds, cached: r.cached }; return r.cached ? ' (reused)' : ''; };

  // 1. data
  const data = join(out, 'data');
  const gen = await cache.run('generate', { ...profile.gen, seed: genSeed }, [join(data, 'answers', 'insiders.csv')], async () => {
    const g = await generate({ ...profile.gen, out: data, seed: genSeed, quiet });
    return { release: g.release, users: g.users, days: g.days, insiders: g.insiders.length, events: g.events };
  });
  log(`generate  ${gen.result.release}, ${gen.result.users} users × ${gen.result.days} days, ${gen.result.insiders} insiders, ${gen.result.events.toLocaleString('en-US')} events${note('generate', gen)} → ${data}`);

  // 2. features
  const features = join(out, 'features', 'day.parquet');
  // With the log edges (who used which PC, mailed whom, visited what) for the graph baselines.
  const feat = await cache.run('features', { gen: gen.key, edges: true, version: FEATURES_VERSION }, [features, edgesPathFor(features)], async () => {
    const f = await extractFeatures({ data, granularity: 'day', out: features, edges: true, quiet });
    return { rows: f.rows, features: f.features, insiderRows: f.insiderRows, insiderUsers: f.insiderUsers };
  });
  log(`features  ${feat.result.rows.toLocaleString('en-US')} user-days × ${feat.result.features} features, ${feat.result.insiderRows} malicious user-days of ${feat.result.insiderUsers} insiders${note('features', feat)} → ${features}`);

  // 3. residual detectors, each a run directory
  const split = profile.split;
  // A named recipe with its own epoch budget, unless --epochs or the CI-sized profile sets one.
  const recipe = (name: string): RunConfig => {
    const { prepare, ...r } = RECIPES[name]!;
    return withDefaults({ features, ...r, prepare: prepare ?? {}, split, seed, ...(flags.epochs || profileName === 'tiny' ? { epochs } : {}) });
  };
  const runs: { id: string; cfg: RunConfig }[] = [
    // The headline: the best residual recipe.
    { id: HEADLINE, cfg: recipe(HEADLINE) },
    { id: 'grid-resnet', cfg: withDefaults({ features, model: 'detect_grid_resnet', layout: 'grid', split, epochs, seed }) },
    { id: 'grid-plain', cfg: withDefaults({ features, model: 'detect_grid_plain', layout: 'grid', split, epochs, seed }) },
    // The causal history model: today's row against a learned summary of the user's previous days.
    { id: 'history-2tower', cfg: recipe('history-2tower') },
    { id: 'mlp-resnet', cfg: withDefaults({ features, model: 'detect_mlp_resnet', layout: 'flat', split, epochs, seed }) },
  ];
  const trainKeys = new Map<string, string>();
  for (const { id, cfg } of runs) {
    const dir = join(out, 'runs', id);
    let bar: ReturnType<typeof progress> | null = null;
    const r = await cache.run(`train-${id}`, { features: feat.key, cfg }, [runFile(dir, RESULT)], async () => {
      const s = await runDetection(cfg, dir, {
        resume: 'if-same',
        onBatch: (_m, done, total) => {
          if (done === 1) bar = progress({ title: `train     ${id}`, total, unit: 'batches', quiet });
          bar?.update(done);
          if (done === total) { bar?.stop(); bar = null; }
        },
      });
      return { prAuc: s.test.overall.averagePrecision, rocAuc: s.test.overall.rocAuc, macs: s.macs, params: s.params, epochs: s.members[0].epochs, epochSeconds: s.epochSeconds };
    });
    trainKeys.set(id, r.key);
    log(`train     ${methodName(cfg)}: ${r.result.epochs} epochs × ${r.result.epochSeconds.toFixed(1)} s, ${(r.result.macs / 1e6).toFixed(2)} M MACs/user-day → ` +
      `test ROC-AUC ${r.result.rocAuc.toFixed(3)}, PR-AUC ${r.result.prAuc.toFixed(3)}${note(`train-${id}`, r)}`);
  }

  // 4. baselines on the same split and preprocessing
  const blDir = join(out, 'baselines');
  const bl = await cache.run('baselines', { features: feat.key, split, seed, detectors: BASELINES }, BASELINES.map((d) => runFile(seedDir(blDir, d, seed), RESULT)), async () =>
    (await runBaselines({ features, detectors: BASELINES, split, seeds: [seed] }, blDir, (line) => { if (!quiet) process.stderr.write(`baselines: ${line}\n`); })).map((r) => ({ detector: r.detector, prAuc: r.averagePrecision, rocAuc: r.rocAuc })));
  log(`baselines ${bl.result.map((b) => `${b.detector} ${b.prAuc.toFixed(3)}`).join(', ')} (test PR-AUC)${note('baselines', bl)}`);

  // 5. ensemble analyses of the grid ResNet and its plain twin: Veit et al.'s lesions and
  // gradient by path length, on the detectors themselves
  const analysisDirs: string[] = [];
  for (const id of ['grid-resnet', 'grid-plain']) {
    const runDir = join(out, 'runs', id), dir = join(out, 'analysis', id);
    const r = await cache.run(`analysis-${id}`, { train: trainKeys.get(id), seed }, [join(dir, 'lesion.json'), join(dir, 'paths.json')], async () => {
      const target = await loadTarget(runDir, { seed });
      try {
        let bar: ReturnType<typeof progress> | null = null;
        const onStep = (d: number, total: number) => { bar ??= progress({ title: `analyse   ${id}`, total, unit: 'steps', quiet }); bar.update(d); if (d === total) bar.stop(); };
        const lesion = runLesion(target.model, target.name, target.evaluator, { modes: LESION_MODES, trials: 3, seed, onStep });
        bar = null;
        const paths = analysePaths(target.model, target.name, { samples: 3, seed, probe: target.probe, onStep });
        writeFileAtomic(join(dir, 'lesion.json'), JSON.stringify(lesion, null, 2) + '\n');
        writeFileAtomic(join(dir, 'paths.json'), JSON.stringify(paths, null, 2) + '\n');
        const single = singleSummary(lesion);
        return { baseline: lesion.baseline, singleMean: single?.mean ?? null, singleWorst: single?.worst ?? null, range90: paths.range90, meanPathLength: paths.meanPathLength };
      } finally {
        target.dispose();
      }
    });
    // ReXNet's rank of each layer's output on the same detector; the random-layer study
    // (which depends on no run) once, beside the ResNet's.
    const rk = await cache.run(`rank-${id}`, { train: trainKeys.get(id), seed }, [join(dir, 'rank.json')], async () => {
      const target = await loadTarget(runDir, { seed, probeBatch: 256 });
      try {
        const layers = modelLayerRanks(target, { rtol: DEFAULT_RTOL });
        const study: RankStudy = { measure: measureText(DEFAULT_RTOL), rtol: DEFAULT_RTOL, model: layers.model, batch: layers.batch, layers: layers.layers };
        if (id === 'grid-resnet') {
          study.random = randomLayerRank({ nonlinearities: DEFAULT_NONLINEARITIES, ratios: DEFAULT_RATIOS, dIn: 16, n: 1024, trials: 5, seed, weightStd: 1, rtol: DEFAULT_RTOL });
          study.claims = judgeRankClaims(study.random);
        }
        writeFileAtomic(join(dir, 'rank.json'), JSON.stringify(study, null, 2) + '\n');
        const last = study.layers!.at(-1)!;
        return { lastNormalized: last.normalised, claims: (study.claims ?? []).map((c) => `${c.id} ${c.verdict}`) };
      } finally {
        target.dispose();
      }
    });
    // Balduzzi et al.'s measure on the detector: are its input gradients along a line
    // between two user-days smooth (correlated neighbours) or shattered, trained and at init?
    const sh = await cache.run(`shattered-${id}`, { train: trainKeys.get(id), seed }, [join(dir, 'shattered.json')], async () => {
      const study = await runRunStudy(runDir, { points: 128, seeds: [seed, seed + 1], maxLag: 20, batch: 64, fresh: true, member: 0 });
      writeFileAtomic(join(dir, 'shattered.json'), JSON.stringify(study, null, 2) + '\n');
      return study.results.map((x) => ({ series: x.series, r: x.neighbour.mean }));
    });
    analysisDirs.push(dir);
    const a = r.result;
    log(`analyse   ${id}: test PR-AUC ${a.baseline.toFixed(3)}; deleting one non-downsampling block costs ${a.singleMean?.toFixed(3) ?? "—"} on average, ${a.singleWorst?.toFixed(3) ?? "—"} at worst; ` +
      `90 % of the gradient from paths of length ${a.range90[0]}–${a.range90[1]} (mean path length ${a.meanPathLength.toFixed(1)})${note(`analysis-${id}`, r)}`);
    log(`shattered ${id}: neighbouring input gradients correlate at ${sh.result.map((x) => `${x.r.toFixed(2)} ${x.series}`).join(', ')}${note(`shattered-${id}`, sh)}`);
    log(`rank      ${id}: last block's output keeps ${(100 * rk.result.lastNormalized).toFixed(0)} % of its possible rank${rk.result.claims.length ? `; random layers: ${rk.result.claims.join('; ')}` : ''}${note(`rank-${id}`, rk)}`);
  }

  // 6. the comparison table and the report (cheap: always rebuilt)
  const t5 = performance.now();
  const runDirs = runs.map(({ id }) => join(out, 'runs', id));
  const found = findResults([...runDirs, blDir]);
  const rows: ComparisonRow[] = compareResults(found);
  const md = comparisonMarkdown(rows);
  writeFileAtomic(join(out, 'comparison.md'), md);
  const blDirs = BASELINES.map((d) => seedDir(blDir, d, seed));
  const report = await renderReport(reportData({
    title: `reslab demo: insider detection on a generated ${gen.result.release} release (${world ? `the contest's world ${world.name}` : `${profileName} profile`})`,
    runs: loadRuns([...runDirs, ...blDirs]), compare: [], analysis: analysisDirs.map(loadAnalysis),
    generated: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), sources: [features],
  }));
  const reportPath = join(out, 'report.html');
  writeFileAtomic(reportPath, report.html);
  timings.report = { seconds: (performance.now() - t5) / 1000, cached: false };

  log('');
  log(`held-out test (${split.kind} split, seed ${seed}):`);
  const width = Math.max(52, ...rows.map((r) => r.method.length));
  const head = rows.findIndex((r) => r.method === methodName(runs[0]!.cfg));
  if (head >= 0) log(`headline  ${rows[head]!.method}: PR-AUC ${rows[head]!.prAuc.mean.toFixed(3)}, rank ${head + 1} of ${rows.length} by PR-AUC`);
  log(`${'method'.padEnd(width)} ${'ROC-AUC'.padStart(8)} ${'PR-AUC'.padStart(8)} ${'DR@5%FPR'.padStart(9)}  caught@5/day`);
  for (const r of rows) {
    log(`${r.method.padEnd(width)} ${r.rocAuc.mean.toFixed(3).padStart(8)} ${r.prAuc.mean.toFixed(3).padStart(8)} ${(r.drAt5?.mean.toFixed(3) ?? '—').padStart(9)}  ${(r.caughtAt['5']?.mean ?? 0).toFixed(0)}/${r.insidersTotal ?? '—'}`);
  }
  const verdict = rows.length >= 2 ? await leadSentence(rows[0]!, rows[1]!, found, seed) : null;
  if (verdict) { log(''); log(verdict); }
  log('');
  log(`report    ${reportPath} (${report.charts} charts)`);
  log(`table     ${join(out, 'comparison.md')}`);
  log(`stages    ${Object.entries(timings).map(([k, t]) => `${k} ${t.seconds.toFixed(1)} s${t.cached ? ' (reused)' : ''}`).join(', ')}`);
  log(`done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  emitResult(Boolean(flags.json), { out, report: reportPath, sections: report.sections, charts: report.charts, comparison: rows, verdict, timings, seconds: (performance.now() - t0) / 1000 });
}

/** The table's leader against the next method: the paired bootstrap over test users on their predictions. */
async function leadSentence(lead: ComparisonRow, next: ComparisonRow, found: FoundResult[], seed: number): Promise<string> {
  const dirOf = (m: string) => dirname(found.find((f) => f.method === m)!.path);
  const [a, b] = await Promise.all([readRunPredictions(dirOf(lead.method)), readRunPredictions(dirOf(next.method))]);
  if (a.users.length !== b.users.length || a.users.some((u, i) => u !== b.users[i] || a.days[i] !== b.days[i])) throw new Error(`the test rows of ${lead.method} and ${next.method} differ`);
  const ci = pairedBootstrapCi(a, b.scores, bootAveragePrecision, { resamples: 1000, seed });
  return leadVerdict({ method: lead.method, prAuc: lead.prAuc.mean }, { method: next.method, prAuc: next.prAuc.mean }, ci, lead.insidersTotal ?? 0);
}
