// Reads what other commands wrote into the report's plain data (types.ts), checking every
// field it uses and naming the file and field at fault. The run directory's file names and
// the types its writers fill are src/rundir's; this reader also takes older and
// hand-written files, so it accepts the shapes below.
//
// A run directory (written by `reslab train` or `reslab baselines`):
//   config.json    required. {"model": "tabular_resnet2d", "layout": "grid", "seed": 1,
//                  "params": 123, "macs": 456, "name"?: "...", "method"?: "..."}
//                  `model` is required; the rest optional.
//   metrics.jsonl  optional. One object per epoch (and ensemble member): {"member"?: 0,
//                  "epoch": 1, "trainLoss", "valLoss", "valPrAuc", "valRocAuc", "lr", "seconds",
//                  "samplesPerSec"}; epoch required, null read as absent.
//   result.json    optional (a run still training has none), but a run needs it or metrics:
//                  {"name"?, "method"?, "seed"?, "macs"?, "params"?, "trainSeconds"?,
//                  "scoreSeconds"?, "epochSeconds"?, "test": the evaluator's DetectionReport
//                  (prevalence, overall {rocAuc, averagePrecision, detectionRateAtFpr [{maxFpr,
//                  detectionRate}]}, budgets {daily [{k, recall, insidersCaught, insiders}]},
//                  perScenario [{scenario, detectionRateAtFpr}]) or the flat form {rocAuc,
//                  averagePrecision, detectionRate?: {"0.05": x}, budgets?: {"5": {recall,
//                  insidersCaught, insidersTotal}}, perScenario?: {"1": recall | {recall}}},
//                  "curves"?: {"roc": {fpr, tpr}, "pr": {recall, precision}},
//                  "alertsCurve"?: [{k, insidersCaught}], "topAlerts"?: [{user, day, score,
//                  insider?, contributions?}], "dataset"?: {users, days, eventsPerDomain,
//                  insidersPerScenario, …}}. `test.rocAuc` and `test.averagePrecision` required.
//
// A comparison file (--compare, e.g. baselines): a JSON array of result.json-shaped
// objects, or {"results": [...]}, each with "name" required and optionally "method",
// "seed", "macs", "params", "trainSeconds".
//
// An analysis directory (--analysis, one per model): any of lesion.json, paths.json,
// shattered.json, rank.json, shaped as LesionFigures, PathsFigures, ShatteredFigures,
// RankFigures in types.ts; or variants.json as `reslab variants` writes it (VariantsFigures).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Fields, FormatError } from './fields.js';
import { CONFIG, METRICS, RESULT, runFile } from '../rundir/files.js';
import type { DatasetSummary, EpochRow, LesionFigures, PathsFigures, RankFigures, ShatteredFigures, ShatteredSeries, TopAlert, VariantsFigures, VeitFigures, ClaimRow } from './types.js';

export { FormatError };

export interface TestMetrics {
  rocAuc: number;
  averagePrecision: number;
  /** Keyed by false-positive rate as written ("0.05"). */
  detectionRate: Record<string, number>;
  /** Keyed by alerts per day ("5"). */
  budgets: Record<string, { recall?: number; insidersCaught?: number; insidersTotal?: number }>;
  /** One figure per scenario ("1", "2", …), measured as `perScenarioMeasure` says. */
  perScenario: Record<string, number>;
  perScenarioMeasure: string;
  prevalence?: number;
  /** 95 % bootstrap interval of averagePrecision over test users, when the run wrote one. */
  averagePrecisionCi?: { lo: number; hi: number };
}

export interface LoadedRun {
  /** The directory or "file#index" it came from, for messages and the report header. */
  source: string;
  name: string;
  /** Runs with the same method are seeds of one method and are summarised together. */
  method: string;
  seed?: number;
  model?: string;
  layout?: string;
  macs?: number;
  params?: number;
  epochs: EpochRow[];
  /** With an ensemble, each member's epochs (members[0] === epochs). */
  members?: EpochRow[][];
  trainSeconds?: number;
  scoreSeconds?: number;
  epochSeconds?: number;
  test?: TestMetrics;
  roc?: { fpr: number[]; tpr: number[] };
  pr?: { recall: number[]; precision: number[] };
  alertsCurve?: { k: number; insidersCaught: number }[];
  topAlerts?: TopAlert[];
  dataset?: DatasetSummary;
}

function readJson(file: string): unknown {
  if (!existsSync(file)) throw new FormatError(`${file}: file not found`);
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new FormatError(`${file}: not valid JSON (${(e as Error).message})`);
  }
}

/** "grid ResNet (seed 1)" → "grid ResNet": the seed suffix separates runs of one method. */
export function methodOf(name: string): string {
  return name.replace(/\s*(?:[(,·]\s*)?seed\s*\d+\s*\)?\s*$/i, '').trim() || name;
}

/** Epoch rows per ensemble member (one member unless the run trained an ensemble). */
function readMetrics(file: string): EpochRow[][] {
  const rows: (EpochRow & { member: number })[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((text, i) => {
      if (!text.trim()) return;
      const where = `${file}:${i + 1}`;
      let v: unknown;
      try {
        v = JSON.parse(text);
      } catch (e) {
        throw new FormatError(`${where}: not valid JSON (${(e as Error).message})`);
      }
      const f = Fields.of(v, where);
      rows.push({ member: f.optNum('member') ?? 0, epoch: f.num('epoch'), trainLoss: f.optNum('trainLoss'), valLoss: f.optNum('valLoss'), valPrAuc: f.optNum('valPrAuc'), valRocAuc: f.optNum('valRocAuc'), seconds: f.optNum('seconds') });
    });
  const members = [...new Set(rows.map((r) => r.member))].sort((a, b) => a - b);
  return members.map((m) => rows.filter((r) => r.member === m).map(({ member: _, ...e }) => e));
}

/** Detection rate at each FPR limit: the evaluator's [{maxFpr, detectionRate}] list, or a {"0.05": x} record. */
function readRates(f: Fields, listKey: string, recordKey: string): Record<string, number> {
  const list = Array.isArray(f.value[listKey]) ? f.optObjs(listKey) : undefined;
  if (list) return Object.fromEntries(list.map((p) => [String(p.num('maxFpr')), p.num('detectionRate')]));
  return f.optNumRecord(recordKey) ?? {};
}

/**
 * The test metrics, in either of two shapes: the evaluator's DetectionReport (src/eval:
 * overall.rocAuc, budgets.daily[], perScenario[]) as `reslab train` writes it, or the flat
 * form {rocAuc, averagePrecision, detectionRate, budgets: {"5": …}, perScenario: {"1": …}}.
 */
function readTest(f: Fields): TestMetrics {
  const overall = f.optObj('overall') ?? f;
  const budgets: TestMetrics['budgets'] = {};
  const b = f.optObj('budgets');
  if (b && Array.isArray(b.value.daily)) {
    for (const d of b.objs('daily')) budgets[String(d.num('k'))] = { recall: d.optNum('recall'), insidersCaught: d.optNum('insidersCaught'), insidersTotal: d.optNum('insiders') };
  } else {
    for (const k of b?.keys() ?? []) {
      const o = b!.obj(k);
      budgets[k] = { recall: o.optNum('recall'), insidersCaught: o.optNum('insidersCaught'), insidersTotal: o.optNum('insidersTotal') };
    }
  }
  const perScenario: Record<string, number> = {};
  const arrayForm = Array.isArray(f.value.perScenario);
  if (arrayForm) {
    // The evaluator's per-scenario figure is the detection rate at 5 % FPR.
    for (const sc of f.objs('perScenario')) {
      const rate = readRates(sc, 'detectionRateAtFpr', 'detectionRate');
      const at5 = Object.entries(rate).find(([k]) => Math.abs(Number(k) - 0.05) < 1e-9)?.[1];
      if (at5 !== undefined) perScenario[String(sc.num('scenario'))] = at5;
    }
  } else {
    const ps = f.optObj('perScenario');
    for (const k of ps?.keys() ?? []) {
      if (typeof ps!.value[k] === 'number') perScenario[k] = ps!.num(k);
      else {
        const o = ps!.obj(k);
        const recall = o.optNum('recall') ?? (o.has('insidersCaught') && o.has('insidersTotal') ? o.num('insidersCaught') / Math.max(1, o.num('insidersTotal')) : undefined);
        perScenario[k] = recall ?? o.fail('recall', 'is required (a number, or insidersCaught and insidersTotal)', undefined);
      }
    }
  }
  const ci = f.optObj('averagePrecisionCi');
  return {
    rocAuc: overall.num('rocAuc'), averagePrecision: overall.num('averagePrecision'), detectionRate: readRates(overall, 'detectionRateAtFpr', 'detectionRate'), budgets, perScenario,
    perScenarioMeasure: arrayForm ? 'detection rate at 5 % FPR (fraction)' : 'recall (fraction)', prevalence: f.optNum('prevalence'),
    ...(ci ? { averagePrecisionCi: { lo: ci.num('lo'), hi: ci.num('hi') } } : {}),
  };
}

const DATASET_FIELDS = new Set(['release', 'users', 'days', 'firstDay', 'lastDay', 'userDays', 'maliciousUserDays', 'eventsPerDomain', 'insidersPerScenario']);

function readDataset(f: Fields): DatasetSummary {
  const extra: Record<string, string | number> = {};
  for (const k of f.keys()) {
    const v = f.value[k];
    if (!DATASET_FIELDS.has(k) && (typeof v === 'string' || typeof v === 'number')) extra[k] = v;
  }
  const release = f.value.release;
  return {
    release: typeof release === 'number' ? String(release) : f.optStr('release'),
    users: f.optNum('users'),
    days: f.optNum('days'),
    firstDay: f.optStr('firstDay'),
    lastDay: f.optStr('lastDay'),
    userDays: f.optNum('userDays'),
    maliciousUserDays: f.optNum('maliciousUserDays'),
    eventsPerDomain: f.optNumRecord('eventsPerDomain'),
    insidersPerScenario: f.optNumRecord('insidersPerScenario'),
    extra: Object.keys(extra).length ? extra : undefined,
  };
}

/** The result.json fields, shared by run directories and comparison files. */
function readResult(f: Fields): Omit<LoadedRun, 'source' | 'name' | 'method' | 'epochs' | 'seed' | 'model' | 'layout' | 'macs' | 'params'> {
  const curves = f.optObj('curves');
  const roc = curves?.optObj('roc');
  const pr = curves?.optObj('pr');
  const pair = (o: Fields, a: string, b: string) => {
    const xs = o.numArray(a, true);
    const ys = o.numArray(b, true);
    if (xs.length !== ys.length) o.fail(b, `must have as many entries as '${o.path(a)}' (${xs.length})`, `${ys.length} entries`);
    // A null (a non-finite value JSON could not hold) drops its point, not the curve.
    const keep = xs.map((x, i) => x !== null && ys[i] !== null);
    return [xs.filter((_, i) => keep[i]) as number[], ys.filter((_, i) => keep[i]) as number[]] as const;
  };
  const rocXY = roc && pair(roc, 'fpr', 'tpr');
  const prXY = pr && pair(pr, 'recall', 'precision');
  return {
    test: readTest(f.obj('test')),
    trainSeconds: f.optNum('trainSeconds'),
    scoreSeconds: f.optNum('scoreSeconds'),
    epochSeconds: f.optNum('epochSeconds'),
    roc: rocXY && { fpr: [...rocXY[0]], tpr: [...rocXY[1]] },
    pr: prXY && { recall: [...prXY[0]], precision: [...prXY[1]] },
    alertsCurve: f.optObjs('alertsCurve')?.map((p) => ({ k: p.num('k'), insidersCaught: p.num('insidersCaught') })),
    topAlerts: f.optObjs('topAlerts')?.map((a) => ({ user: a.str('user'), day: a.str('day'), score: a.num('score'), insider: a.optNum('insider'), contributions: a.optNumRecord('contributions') })),
    dataset: f.optObj('dataset') && readDataset(f.obj('dataset')),
  };
}

export function loadRun(dir: string): LoadedRun {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new FormatError(`${dir}: not a run directory`);
  const configFile = runFile(dir, CONFIG);
  const config = Fields.of(readJson(configFile), configFile);
  const model = config.str('model');
  const metricsFile = runFile(dir, METRICS);
  const resultFile = runFile(dir, RESULT);
  const hasMetrics = existsSync(metricsFile);
  const hasResult = existsSync(resultFile);
  if (!hasMetrics && !hasResult) throw new FormatError(`${dir}: has neither metrics.jsonl nor result.json (nothing to report)`);
  const members = hasMetrics ? readMetrics(metricsFile) : [];
  const epochs = members[0] ?? [];
  const result = hasResult ? Fields.of(readJson(resultFile), resultFile) : undefined;
  const seed = config.optNum('seed') ?? result?.optNum('seed');
  const layout = config.optStr('layout');
  const name = result?.optStr('name') ?? config.optStr('name') ?? `${layout ? `${layout} ` : ''}${model}${seed !== undefined ? ` (seed ${seed})` : ''}`;
  const fromResult = result ? readResult(result) : {};
  const all = members.flat();
  const secondsFromEpochs = all.some((e) => e.seconds !== undefined) ? all.reduce((s, e) => s + (e.seconds ?? 0), 0) : undefined;
  return {
    source: dir,
    name,
    method: result?.optStr('method') ?? config.optStr('method') ?? methodOf(name),
    seed,
    model,
    layout,
    macs: config.optNum('macs') ?? result?.optNum('macs'),
    params: config.optNum('params') ?? result?.optNum('params'),
    epochs,
    members: members.length > 1 ? members : undefined,
    ...fromResult,
    trainSeconds: fromResult.trainSeconds ?? secondsFromEpochs,
  };
}

export function loadRuns(dirs: string[]): LoadedRun[] {
  return dirs.map(loadRun);
}

/** A comparison file: other methods' results in result.json's shape. */
export function loadCompare(file: string): LoadedRun[] {
  const json = readJson(file);
  const entries = Array.isArray(json) ? json.map((v, i) => Fields.of(v, file, `[${i}]`)) : Fields.of(json, file).objs('results');
  return entries.map((f, i) => {
    const name = f.str('name');
    return {
      source: `${file}#${i}`,
      name,
      method: f.optStr('method') ?? methodOf(name),
      seed: f.optNum('seed'),
      macs: f.optNum('macs'),
      params: f.optNum('params'),
      epochs: [],
      ...readResult(f),
    };
  });
}

export interface AnalysisFiles {
  lesion?: LesionFigures;
  paths?: PathsFigures;
  shattered?: ShatteredFigures;
  rank?: RankFigures;
  variants?: VariantsFigures;
  veit?: VeitFigures;
}

/** One judged claim of an analysis file (src/analysis/claims.ts's Claim). */
function readClaim(c: Fields): ClaimRow {
  return { claim: c.str('claim'), source: c.optStr('source') ?? '', verdict: c.str('verdict'), evidence: c.optStr('evidence') ?? '', paper: c.optStr('paper'), rule: c.optStr('rule') };
}

/** One {k, mean, sd} point of lesion.json's k and reorder curves. */
const kPoint = (p: Fields) => ({ k: p.num('k'), mean: p.num('mean'), sd: p.optNum('sd') ?? 0 });

export function loadAnalysis(dir: string): AnalysisFiles {
  const read = (name: string) => {
    const file = join(dir, name);
    return existsSync(file) ? Fields.of(readJson(file), file) : undefined;
  };
  const out: AnalysisFiles = {};
  const l = read('lesion.json');
  if (l) {
    out.lesion = {
      model: l.str('model'),
      metric: l.str('metric'),
      baseline: l.optNum('baseline'),
      // A block that cannot be removed (a plain block that changes shape) has value null.
      single: l.optObjs('single')?.flatMap((p) => { const value = p.optNum('value'); return value === undefined ? [] : [{ block: p.num('block'), value }]; }),
      k: l.optObjs('k')?.map(kPoint),
      reorder: l.optObjs('reorder')?.map(kPoint),
      reorderTrials: l.optObjs('reorderTrials')?.map((p) => ({ tau: p.num('tau'), value: p.num('value') })),
    };
  }
  const p = read('paths.json');
  if (p) {
    out.paths = {
      model: p.str('model'),
      lengths: p.objs('lengths').map((x) => ({ length: x.num('length'), count: x.num('count') })),
      gradient: p.optObjs('gradient')?.map((x) => ({ length: x.num('length'), mean: x.num('mean'), sd: x.optNum('sd') })),
    };
  }
  const s = read('shattered.json');
  if (s) {
    out.shattered = {
      model: s.str('model'),
      gradients: s.optObjs('gradients')?.map((x) => ({ x: x.num('x'), value: x.num('value') })),
      autocorrelation: s.optObjs('autocorrelation')?.map((x) => ({ lag: x.num('lag'), value: x.num('value') })),
      series: s.optObjs('results')?.map(shatteredSeries),
      whiteNoise: s.optNum('whiteNoise'),
      claims: s.optObjs('claims')?.map(readClaim),
    };
  }
  const r = read('rank.json');
  if (r) out.rank = readRank(r);
  const v = read('variants.json');
  if (v) out.variants = readVariants(v);
  const vt = read('veit.json');
  if (vt) out.veit = { budget: `depth ${vt.num('depth')}, ${vt.num('trainImages')} training images × ${vt.num('epochs')} epochs, seeds ${vt.numArray('seeds').join(', ')}`, claims: vt.objs('claims').map(readClaim) };
  if (!Object.keys(out).length) throw new FormatError(`${dir}: no analysis results (expected any of lesion.json, paths.json, shattered.json, rank.json, variants.json, veit.json)`);
  return out;
}

/** One entry of shattered.json's "results" (src/analysis/shattered/study.ts's ShatteredSeries). */
function shatteredSeries(x: Fields): ShatteredSeries {
  const n = x.obj('neighbour');
  return {
    name: x.str('series'), depth: x.num('depth'),
    neighbour: { mean: n.num('mean'), sd: n.optNum('sd') ?? 0, n: n.has('values') ? n.numArray('values').length : 1 },
    autocorrelation: x.objs('autocorrelation').map((p) => ({ lag: p.num('lag'), value: p.num('mean') })),
    gradients: x.objs('gradient').map((p) => ({ x: p.num('x'), value: p.num('value') })),
  };
}

/** variants.json (src/analysis/variants/study.ts's VariantStudy): the figures the report shows. */
function readVariants(v: Fields): VariantsFigures {
  const o = v.optObj('options');
  const seeds = o?.has('seeds') ? o.numArray('seeds') : undefined;
  const budget = o && `${o.optNum('limit') || 'all'} training images, ${o.optNum('epochs') ?? '?'} epoch(s)${seeds ? `, seed${seeds.length > 1 ? 's' : ''} ${seeds.join(', ')}` : ''}`;
  return {
    budget,
    rows: v.objs('rows').map((r) => {
      const acc = r.obj('accuracy');
      return {
        name: r.str('name'), family: r.optStr('family') ?? r.str('name'), params: r.num('params'), macs: r.num('macs'),
        accuracy: { mean: acc.num('mean'), sd: acc.optNum('sd') ?? 0 },
        trainSeconds: r.optObj('seconds')?.optNum('train') ?? NaN,
        firstEpochTenths: r.has('firstEpochTenths') ? r.numArray('firstEpochTenths') : [],
        singleDrop: r.optNum('singleDrop'),
        kCurve: (r.optObjs('kCurve') ?? []).map((p) => ({ k: p.num('k'), error: p.num('error'), sd: p.optNum('sd') ?? 0 })),
      };
    }),
    claims: (v.optObjs('claims') ?? []).map(readClaim),
  };
}

/** rank.json (src/analysis/rank/random.ts's RankStudy, or the older {model, layers, maxRank}): random layers and/or a model's layers. */
function readRank(r: Fields): RankFigures {
  const layers = r.optObjs('layers')?.map((x) => ({ layer: x.num('layer'), rank: x.num('rank'), label: x.optStr('label'), maxRank: x.optNum('maxRank'), exactRank: x.optNum('exactRank') }));
  const random = r.optObj('random')?.objs('cells').map((c) => ({ nonlinearity: c.str('nonlinearity'), ratio: c.num('ratio'), mean: c.num('mean'), sd: c.optNum('sd') ?? 0, exactMean: c.optNum('exactMean') }));
  if (!layers && !random) r.fail('layers', "or 'random' is required", undefined);
  return {
    model: r.optStr('model'), layers, maxRank: r.optNum('maxRank'), random, measure: r.optStr('measure'),
    claims: r.optObjs('claims')?.map(readClaim),
  };
}
