// `reslab contest`: every world of a suite generated (or reused) and its day features
// extracted once, every method run at every seed on it (each cell cached: a killed
// contest reruns only the unfinished cells), then the per-world tables with bootstrap
// intervals, the ranks across worlds and the chosen pair's test; contest.json and
// contest.md are written atomically into the output directory.
import { join, resolve } from 'node:path';
import { loadFeatureMatrix, type FeatureMatrix } from '../data/cert/matrix.js';
import { readConfig, readResultFile, readRunPredictions, RESULT, type RunConfigFile } from '../rundir/index.js';
import { writeFileAtomic } from '../util/atomic.js';
import { StageCache } from '../util/stages.js';
import { rankTable, versus, worldRows, type CellOutcome, type RankMetric, type RankTable, type Versus, type WorldRow } from './aggregate.js';
import { runCell, type CellWorld } from './cells.js';
import { canonicalMethod, resolveMethod, withParams } from './methods.js';
import { GRAPH_DETECTORS } from '../baselines/graph/index.js';
import { contestMarkdown } from './render.js';
import type { Suite } from './suite.js';
import { ensureWorldFeatures, worldDescription } from './world.js';
import { checkHeldOut, tunedMethods, type TuningNote } from './tuned.js';
import type { TunedFile } from '../tune/file.js';

export interface ContestOptions {
  suite: Suite;
  methods: string[];
  seeds: number[];
  /** Output directory: contest.json, contest.md, and the cells' run directories under worlds/. */
  out: string;
  /** Where generated worlds are kept (shared between contests). */
  worldsCache: string;
  /** A pair of methods for the paired test. */
  versus?: [string, string];
  /** Parameters per baseline detector (`--param DETECTOR.KEY=VALUE`), part of those methods' cells. */
  params?: Record<string, Record<string, unknown>>;
  /** Tuned-params files (`reslab tune`): their methods run at the winners' settings. */
  tuned?: TunedFile[];
  log?: (line: string) => void;
}

export interface ContestWorld { name: string; description: string; rows: number; insiders: number; testInsiders: number }

export interface ContestResult {
  suite: string;
  methods: string[];
  seeds: number[];
  worlds: ContestWorld[];
  perWorld: WorldRow[];
  ranks: RankTable[];
  versus: Versus | null;
  cells: { ran: number; cached: number };
  /** Methods run at tuned settings, by name (absent when none was). */
  tuning?: Record<string, TuningNote>;
  seconds: number;
}

const RANK_METRICS: RankMetric[] = ['prAuc', 'caught5'];

function insiderUsers(m: FeatureMatrix): number {
  const seen = new Set<number>();
  if (m.insider) for (let i = 0; i < m.n; i++) if (m.insider[i]! > 0) seen.add(m.user[i]!);
  return seen.size;
}

async function outcome(world: string, method: string, seed: number, dir: string): Promise<CellOutcome> {
  const r = readResultFile(join(dir, RESULT));
  const cfg = readConfig<Partial<RunConfigFile>>(dir);
  return { world, method, seed, test: r.test, rows: await readRunPredictions(dir), macs: r.macs ?? cfg.macs, fitSeconds: r.trainSeconds, epochSeconds: r.epochSeconds };
}

export async function runContest(options: ContestOptions): Promise<ContestResult> {
  const t0 = performance.now();
  // `best` is a moving name: tables and caches carry the recipe it stands for today.
  const o: ContestOptions = { ...options, methods: options.methods.map(canonicalMethod), versus: options.versus?.map(canonicalMethod) as [string, string] | undefined };
  const log = o.log ?? (() => {});
  const tuned = tunedMethods(o.methods, o.tuned ?? []);
  for (const [m, spec] of tuned.specs) {
    if (spec.kind === 'baseline' && o.params?.[spec.detector]) throw new RangeError(`'${m}' is both tuned and given --param settings; give one`);
  }
  const specs = o.methods.map((m) => [m, withParams(tuned.specs.get(m) ?? resolveMethod(m), o.params)] as const);
  const edges = specs.some(([, s]) => s.kind === 'baseline' && GRAPH_DETECTORS.includes(s.detector));
  if (o.versus) for (const m of o.versus) if (!o.methods.includes(m)) throw new RangeError(`--versus names '${m}', which is not among --methods (${o.methods.join(', ')})`);
  const cache = new StageCache(o.out);
  const outcomes: CellOutcome[] = [];
  const worlds: ContestWorld[] = [];
  let ran = 0, cached = 0;
  for (const def of [...o.suite.worlds, ...o.suite.releases]) {
    const w = await ensureWorldFeatures(def, o.worldsCache, { log, edges });
    checkHeldOut(o.tuned ?? [], { name: def.name, key: w.key, features: resolve(w.features) });
    const matrix = await loadFeatureMatrix(w.features);
    const world: CellWorld = { name: def.name, features: w.features, featuresKey: w.key, matrix };
    const testInsiders: number[] = [];
    for (const [method, spec] of specs) {
      for (const seed of o.seeds) {
        const c = await runCell(cache, o.out, world, method, spec, seed);
        if (c.cached) cached++; else ran++;
        log(`${def.name} · ${method} · seed ${seed}: PR-AUC ${c.result.prAuc.toFixed(3)}${c.cached ? ' (cached)' : ` in ${c.result.seconds.toFixed(1)} s`}`);
        const oc = await outcome(def.name, method, seed, c.result.dir);
        outcomes.push(oc);
        testInsiders.push(oc.test.budgets['5']?.insidersTotal ?? 0);
      }
    }
    worlds.push({ name: def.name, description: worldDescription(def), rows: matrix.n, insiders: insiderUsers(matrix), testInsiders: testInsiders.reduce((a, b) => a + b, 0) / Math.max(1, testInsiders.length) });
  }
  const names = worlds.map((w) => w.name);
  const perWorld = worldRows(outcomes, names);
  const result: ContestResult = {
    suite: o.suite.name, methods: o.methods, seeds: o.seeds, worlds, perWorld,
    ranks: RANK_METRICS.map((m) => rankTable(perWorld, o.methods, m)),
    versus: o.versus ? versus(outcomes, o.versus[0], o.versus[1], 'prAuc') : null,
    cells: { ran, cached }, ...(tuned.specs.size ? { tuning: tuned.notes } : {}), seconds: (performance.now() - t0) / 1000,
  };
  writeFileAtomic(join(o.out, 'contest.json'), JSON.stringify(result, null, 2) + '\n');
  writeFileAtomic(join(o.out, 'contest.md'), contestMarkdown(result));
  return result;
}
