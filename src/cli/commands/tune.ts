// `reslab tune`: a method's settings chosen by random search on one world's validation
// users, written as a tuned-params file for `reslab contest --tuned`; see docs/contest.md.
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { emitResult, intFlag, parse, UsageError } from '../args.js';
import { loadFeatureMatrix } from '../../data/cert/matrix.js';
import { RECIPES, resolveMethod } from '../../contest/methods.js';
import { BUILTIN_SUITES, loadSuite, SuiteError } from '../../contest/suite.js';
import { ensureWorldFeatures } from '../../contest/world.js';
import { spaceFor, TUNABLE_DETECTORS } from '../../tune/spaces.js';
import { writeTunedFile, type TunedFile } from '../../tune/file.js';
import { runTune } from '../../tune/run.js';

export const summary = 'choose a method\'s settings by random search on a world\'s validation users (a tuned-params file for contest --tuned)';

export const usage = `usage: reslab tune --method NAME --trials N (--suite ${BUILTIN_SUITES.join('|')}|FILE [--world NAME] | --features FILE.parquet)
                   [--seed 1] [--out FILE.json] [--worlds-cache DIR] [--json]

Random search over the method's declared space (src/tune/spaces.ts): trial 0 is the
method's defaults, trials 1 … N-1 are seeded draws (the same seed gives the same trials).
Each trial is fitted on the training users of the contest's le2020 split drawn with
--seed and scored by PR-AUC on its validation users; the test users are never scored.
Writes FILE.json (default tuned-METHOD-WORLD.json) atomically: the method, the world, the
space, every trial's params and validation PR-AUC, and the winner (ties go to the earlier
trial, so the defaults win unless beaten). 'reslab contest --tuned FILE.json' runs the
method at the winner's settings; a contest refuses a file tuned on one of its own worlds,
so tune on a held-out world (docs/contest.md says why).

methods: ${TUNABLE_DETECTORS.join(', ')} (with +dev or +dev-rg), or a residual recipe:
  ${Object.keys(RECIPES).join(', ')}

examples:
  reslab tune --method xgboost --trials 20 --suite default --world all-r52-lookalikes --out tuned/xgboost.json
  reslab tune --method mlp-skip-best-lin --trials 20 --features features/day.parquet --seed 7`;

/** A features file's identity: its path, size and time (a changed file is another world). */
function fileKey(path: string): string {
  const st = statSync(path);
  return 'file-' + createHash('sha256').update(`${path}\0${st.size}\0${st.mtimeMs}`).digest('hex').slice(0, 16);
}

export async function run(argv: string[]): Promise<void> {
  const { values: v, positionals } = parse(argv, {
    method: { type: 'string' }, trials: { type: 'string' }, suite: { type: 'string' }, world: { type: 'string' }, features: { type: 'string' },
    seed: { type: 'string', default: '1' }, out: { type: 'string' }, 'worlds-cache': { type: 'string', default: '.cache/contest/worlds' },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  if (!v.method) throw new UsageError('--method is required');
  const trials = intFlag(v.trials, 'trials');
  if (trials < 1) throw new UsageError(`--trials must be at least 1, got ${trials}`);
  const seed = intFlag(v.seed, 'seed');
  try {
    if (!spaceFor(resolveMethod(v.method))) throw new RangeError(`no search space is declared for '${v.method}' (tunable detectors: ${TUNABLE_DETECTORS.join(', ')}, and every residual recipe)`);
  } catch (e) {
    throw new UsageError(`--method: ${(e as Error).message}`);
  }
  if (!v.suite === !v.features) throw new UsageError('give either --suite (with --world) or --features');
  if (v.world && !v.suite) throw new UsageError('--world names a world of --suite');
  const log = v.json ? undefined : (l: string) => process.stderr.write(`${l}\n`);
  let world: TunedFile['world'];
  if (v.suite) {
    let defs;
    try {
      const suite = loadSuite(v.suite);
      defs = [...suite.worlds, ...suite.releases];
    } catch (e) {
      if (e instanceof SuiteError) throw new UsageError(e.message);
      throw e;
    }
    const def = v.world ? defs.find((d) => d.name === v.world) : defs.length === 1 ? defs[0] : undefined;
    if (!def) throw new UsageError(`${v.world ? `--world '${v.world}' is not in the suite` : '--world is required for a suite of several worlds'} (worlds: ${defs.map((d) => d.name).join(', ')})`);
    const w = await ensureWorldFeatures(def, resolve(v['worlds-cache']!), { log });
    world = { name: def.name, key: w.key, features: resolve(w.features) };
  } else {
    const features = resolve(v.features!);
    world = { name: features, key: fileKey(features), features };
  }
  const matrix = await loadFeatureMatrix(world.features);
  const t0 = performance.now();
  const file = await runTune({ method: v.method, trials, seed, matrix, world, log });
  const safeName = (s: string) => s.replace(/[^A-Za-z0-9._+-]/g, '_');
  const out = resolve(v.out ?? `tuned-${safeName(v.method)}-${safeName(v.suite ? world.name : 'features')}.json`);
  writeTunedFile(out, file);
  const w = file.winner;
  emitResult(Boolean(v.json), { out, ...file }, `${v.method} on ${world.name}: ${trials} trial(s) in ${((performance.now() - t0) / 1000).toFixed(0)} s; ` +
    `best validation PR-AUC ${w.valPrAuc.toFixed(4)} at trial ${w.trial}${w.trial === 0 ? ' (the defaults)' : ` ${JSON.stringify(w.params)}`} (defaults: ${file.trials[0]!.valPrAuc.toFixed(4)})\nwrote ${out}`);
}
