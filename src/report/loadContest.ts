// Reads a contest directory's contest.json (written by `reslab contest`; the shape is
// src/contest's ContestResult) for the report, checking every field the report uses and
// naming the file and field at fault. JSON.stringify writes NaN as null, so a null figure
// or interval end is read as NaN (an interval that could not be had), never as 0.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Fields, FormatError } from './fields.js';
import type { ContestData } from './types.js';
import type { Stat } from '../util/stats.js';
import type { Params } from '../tune/space.js';

const METRICS = ['prAuc', 'caught5'] as const;

/** A number, or NaN where the file holds null; a missing field is an error. */
const nanNum = (f: Fields, k: string) => f.optNum(k) ?? (k in f.value ? NaN : f.num(k));
const stat = (f: Fields, k: string): Stat => { const o = f.obj(k); return { mean: nanNum(o, 'mean'), sd: o.optNum('sd') ?? 0, n: o.optNum('n') ?? 1 }; };
const optStat = (f: Fields, k: string): Stat | null => (f.has(k) ? stat(f, k) : null);
const interval = (f: Fields, k: string) => { const o = f.obj(k); return { lo: nanNum(o, 'lo'), hi: nanNum(o, 'hi') }; };
const metric = (f: Fields, k: string) => {
  const m = f.str(k);
  return (METRICS as readonly string[]).includes(m) ? (m as (typeof METRICS)[number]) : f.fail(k, `must be one of ${METRICS.join(', ')}`, m);
};
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const strings = (f: Fields, k: string): string[] => (isStrings(f.value[k]) ? f.value[k] : f.fail(k, 'is required (an array of strings)', f.value[k]));
/** Groups of method names (a rank table's cliques). */
const groups = (f: Fields, k: string): string[][] => {
  const v = f.value[k] ?? [];
  if (!Array.isArray(v)) f.fail(k, 'must be an array of arrays of method names', v);
  return v.map((g, i) => (isStrings(g) ? g : f.fail(`${k}[${i}]`, 'must be an array of method names', g)));
};

export function loadContest(dir: string): ContestData {
  const file = existsSync(dir) && statSync(dir).isDirectory() ? join(dir, 'contest.json') : dir;
  if (!existsSync(file)) throw new FormatError(`${file}: file not found (expected a directory written by 'reslab contest')`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new FormatError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  const c = Fields.of(json, file);
  const methods = strings(c, 'methods');
  const data: ContestData = {
    suite: c.str('suite'),
    methods,
    seeds: c.numArray('seeds'),
    worlds: c.objs('worlds').map((w) => ({ name: w.str('name'), description: w.optStr('description') ?? '', rows: w.num('rows'), insiders: w.num('insiders'), testInsiders: w.num('testInsiders') })),
    perWorld: c.objs('perWorld').map((r) => ({
      world: r.str('world'), method: r.str('method'), seeds: r.numArray('seeds'),
      rocAuc: stat(r, 'rocAuc'), prAuc: stat(r, 'prAuc'), drAt1: optStat(r, 'drAt1'), drAt5: optStat(r, 'drAt5'),
      caught5: stat(r, 'caught5'), caught20: optStat(r, 'caught20'), userPrAuc: optStat(r, 'userPrAuc'),
      insiders: nanNum(r, 'insiders'), prAucCi: interval(r, 'prAucCi'), caught5Ci: interval(r, 'caught5Ci'),
      macs: r.optNum('macs') ?? null, fitSeconds: optStat(r, 'fitSeconds'), epochSeconds: optStat(r, 'epochSeconds'),
    })),
    ranks: c.objs('ranks').map((t) => {
      const f = t.optObj('friedman');
      const ranked = strings(t, 'methods');
      const averageRanks = t.numArray('averageRanks');
      if (averageRanks.length !== ranked.length) t.fail('averageRanks', `must have one entry per method (${ranked.length})`, averageRanks);
      return {
        metric: metric(t, 'metric'), methods: ranked, averageRanks, worlds: strings(t, 'worlds'),
        friedman: f ? { chiSquare: f.num('chiSquare'), pValue: f.num('pValue'), imanDavenportF: nanNum(f, 'imanDavenportF'), imanDavenportP: nanNum(f, 'imanDavenportP') } : null,
        criticalDifference: t.optNum('criticalDifference') ?? null,
        cliques: groups(t, 'cliques'),
      };
    }),
    versus: c.has('versus') ? readVersus(c.obj('versus')) : null,
    cells: { ran: c.optObj('cells')?.optNum('ran') ?? 0, cached: c.optObj('cells')?.optNum('cached') ?? 0 },
    seconds: c.optNum('seconds') ?? NaN,
    ...(c.has('tuning') ? { tuning: readTuning(c.obj('tuning'), methods) } : {}),
  };
  for (const [i, r] of data.perWorld.entries()) {
    if (!methods.includes(r.method)) c.fail(`perWorld[${i}].method`, `must be one of the contest's methods (${methods.join(', ')})`, r.method);
  }
  return data;
}

/** The methods run at tuned settings: each must be a contest method; its params are plain values. */
function readTuning(t: Fields, methods: string[]): NonNullable<ContestData['tuning']> {
  return Object.fromEntries(t.keys().map((m) => {
    if (!methods.includes(m)) t.fail(m, `must be one of the contest's methods (${methods.join(', ')})`, m);
    const n = t.obj(m), p = n.obj('params');
    for (const k of p.keys()) if (!['number', 'string', 'boolean'].includes(typeof p.value[k])) p.fail(k, 'must be a number, string or boolean', p.value[k]);
    return [m, { trials: n.num('trials'), world: n.str('world'), winnerTrial: n.num('winnerTrial'), valPrAuc: n.optNum('valPrAuc') ?? NaN, params: p.value as Params }];
  }));
}

function wilcoxonMethod(w: Fields): 'exact' | 'permutation' | 'normal' {
  const m = w.str('method');
  return m === 'exact' || m === 'permutation' || m === 'normal' ? m : w.fail('method', "must be 'exact', 'permutation' or 'normal'", m);
}

function readVersus(v: Fields): NonNullable<ContestData['versus']> {
  const w = v.optObj('wilcoxon');
  return {
    a: v.str('a'), b: v.str('b'), metric: metric(v, 'metric'), pairs: v.num('pairs'),
    wilcoxon: w ? { statistic: w.num('statistic'), rPlus: w.num('rPlus'), rMinus: w.num('rMinus'), wins: w.num('wins'), ties: w.num('ties'), losses: w.num('losses'), method: wilcoxonMethod(w), z: w.optNum('z') ?? null, pValue: w.num('pValue') } : null,
    meanDifference: nanNum(v, 'meanDifference'),
    perWorld: v.objs('perWorld').map((p) => ({ world: p.str('world'), difference: nanNum(p, 'difference'), ci: interval(p, 'ci') })),
  };
}
