// The feature grid: for each log domain, time slice and PC class, counts, means, standard
// deviations and maxima of per-event measures, split by the domain's categories. Each
// definition yields both the schema entry (what the column means, where it sits in
// domain × kind) and the SQL that computes it from the domain's stage-A table (columns n,
// s_* sums, q_* sums of squares, x_* maxima, tc, pcc, categories).
//
// A feature is an expression over a few aggregates of one *cell*: the stage-A rows of a
// window that match a predicate (time slice ∧ subset ∧ PC class). Many features share a
// cell, and a coarse cell is often the disjoint union of finer ones (a day = its working
// hours + the rest; all web requests = the six categories), so stage B aggregates only the
// finest cells it needs and adds those up for the coarser ones (see stageBSql).
import type { Family, Log } from '../format/index.js';
import { ATTACHMENT_TYPES, EMAIL_MAX_MEASURES } from './events.js';
import { refDaySql, timeSlices, windowKeys } from './windows.js';
import { withPcClassSql } from './pcClasses.js';
import { FILE_TYPES, HTTP_CATEGORIES } from './vocab.js';
import { joinSidesAsWritten } from './sql.js';
import { PC_CLASSES, type Aggregation, type FeatureColumn, type Granularity, type PcClass, type TimeClass } from './types.js';

export interface FeatureDef {
  col: FeatureColumn;
  /** Predicate on stage-A rows: the events of the window that the feature aggregates. */
  cell: string;
  /** Scalar SQL over aggregates of the cell's rows, each written {{aggregate}} (see agg). */
  sql: string;
  /** Value when the window has no event of this domain. */
  fill: number;
  /**
   * Ways to cut `cell` into disjoint cells whose union it is, each a list of their
   * predicates (as other definitions' `cell` spell them): by time slice, by a subset family
   * that covers every event, by PC class.
   */
  splits?: string[][];
}

/** pcc codes of the stage-B join: own 0, shared 1, other 2, supervisor 3 (the anchor's codes). */
export const PC_CODE: Record<Exclude<PcClass, 'all'>, number> = { own: 0, shared: 1, other: 2, supervisor: 3 };

const TIME_TEXT: Record<TimeClass, string> = {
  all: 'at any time',
  work: 'in working hours (07:30–17:30)',
  afterhours: 'outside working hours',
  weekend: 'on weekends in working hours',
  weekend_afterhours: 'on weekends outside working hours',
};
const WEEK_TIME_TEXT: Partial<Record<TimeClass, string>> = {
  work: 'on weekdays in working hours (07:30–17:30)',
  afterhours: 'on weekdays outside working hours',
};
const PC_TEXT: Record<PcClass, string> = {
  all: '',
  own: ' on the user’s own PC',
  shared: ' on a PC the user shares',
  other: ' on another user’s PC',
  supervisor: ' on the supervisor’s PC',
};

export function featureName(domain: string, agg: string, measure: string, subset: string | null, tc: TimeClass | null, pc: PcClass | null): string {
  return [domain, agg, measure, subset, tc, pc && pc !== 'all' ? pc : null].filter((x) => x !== null).join('_');
}

/** Subsets of a domain's events: [key (null: all events), predicate, description text]. */
type Subsets = [string | null, string, string][];

const and = (...ps: string[]) => ps.filter((p) => p !== 'true').join(' AND ') || 'true';
/** An aggregate over the feature's cell, inside FeatureDef.sql. */
const agg = (e: string) => `{{${e}}}`;

class Grid {
  readonly defs: FeatureDef[] = [];
  /** Subset families whose predicates cover every event exactly once (web categories, file types). */
  private readonly partitions: Subsets[] = [];
  constructor(
    readonly domain: Log,
    readonly g: Granularity,
  ) {}

  private time(tc: TimeClass): string {
    return (this.g === 'week' ? WEEK_TIME_TEXT[tc] : undefined) ?? TIME_TEXT[tc];
  }

  /** Declares that each event of the domain falls in exactly one of `subsets`. */
  partition(subsets: Subsets): Subsets {
    this.partitions.push(subsets);
    return subsets;
  }

  /** The splits of the cell base ∧ sp ∧ (slice tc) ∧ pcPred; see FeatureDef.splits. */
  private splitsOf(base: string, sp: string, tc: TimeClass, pcPred: string): string[][] {
    const slices = timeSlices(this.g);
    const tp = slices.find(([t]) => t === tc)![1];
    const out: string[][] = [];
    // The time classes (tc 1–4) of the other slices partition 'all'.
    if (tc === 'all' && slices.length > 1) out.push(slices.filter(([t]) => t !== 'all').map(([, p]) => and(base, sp, p, pcPred)));
    if (sp === 'true' && pcPred === 'true') {
      for (const family of this.partitions) out.push(family.map(([, fp]) => and(base, fp, tp)));
      if (this.g !== 'session') out.push(PC_CLASSES.map((pc) => and(base, tp, `pcc = ${PC_CODE[pc]}`)));
    }
    return out;
  }

  private push(kind: Aggregation, measure: string, subset: string | null, tc: TimeClass, pc: PcClass, dtype: 'int' | 'float', cell: string, sql: string, fill: number, description: string, splits?: string[][]) {
    this.defs.push({
      col: { name: featureName(this.domain, kind, measure, subset, tc, pc), domain: this.domain, aggregation: kind, measure, subset, timeClass: tc, pcClass: pc, dtype, description },
      cell,
      sql,
      fill,
      ...(splits && splits.length > 0 ? { splits } : {}),
    });
  }

  /** Counts of `noun` events matching `base` (and subset), per time slice, plus per PC class. */
  counts(measure: string, noun: string, base: string, subsets: Subsets = [[null, 'true', '']], byPc = true) {
    for (const [tc, tp] of timeSlices(this.g)) {
      for (const [sub, sp, stext] of subsets) {
        this.push('count', measure, sub, tc, 'all', 'int', and(base, sp, tp), `coalesce(${agg('sum(n)')}, 0)::INTEGER`, 0, `number of ${noun}${stext} ${this.time(tc)}`, this.splitsOf(base, sp, tc, 'true'));
        if (byPc && sub === null && this.g !== 'session') {
          for (const pc of PC_CLASSES) {
            const pp = `pcc = ${PC_CODE[pc]}`;
            this.push('count', measure, sub, tc, pc, 'int', and(base, sp, tp, pp), `coalesce(${agg('sum(n)')}, 0)::INTEGER`, 0, `number of ${noun}${stext}${PC_TEXT[pc]} ${this.time(tc)}`, this.splitsOf(base, sp, tc, pp));
          }
        }
      }
    }
  }

  /**
   * Means and population standard deviations of summed measures over events matching
   * `base` (and subset), per time slice; `denominator` counts the events that have the
   * measure. Both are 0 for a slice without such events, so an empty slice reads as
   * "no spread" rather than unknown, as the means already do.
   */
  means(measures: [string, string][], noun: string, base: string, subsets: Subsets = [[null, 'true', '']], denominator = 'n') {
    const slices = timeSlices(this.g);
    for (const [tc, tp] of slices) {
      for (const [sub, sp, stext] of subsets) {
        for (const [m, mtext] of measures) {
          this.push('mean', m, sub, tc, 'all', 'float', and(base, sp, tp), `coalesce(${agg(`sum(s_${m})`)} / nullif(${agg(`sum(${denominator})`)}, 0), 0)::DOUBLE`, 0, `mean ${mtext} of ${noun}${stext} ${this.time(tc)} (0 when none)`, this.splitsOf(base, sp, tc, 'true'));
        }
      }
    }
    for (const [tc, tp] of slices) {
      for (const [sub, sp, stext] of subsets) {
        for (const [m, mtext] of measures) {
          const n = agg(`sum(${denominator})`);
          const sum = agg(`sum(s_${m})`);
          // n·Σx² − (Σx)² rather than Σx²/n − mean²: with integer-valued measures both
          // terms are exact doubles, so equal values give exactly 0; greatest() absorbs
          // any rounding below 0 on very large sums.
          const sql = `coalesce(sqrt(greatest(${n} * ${agg(`sum(q_${m})`)} - ${sum} * ${sum}, 0)) / nullif(${n}, 0), 0)::DOUBLE`;
          this.push('std', m, sub, tc, 'all', 'float', and(base, sp, tp), sql, 0, `standard deviation (population) of the ${mtext} of ${noun}${stext} ${this.time(tc)} (0 when fewer than two)`, this.splitsOf(base, sp, tc, 'true'));
        }
      }
    }
  }

  /** Largest value of each measure over events matching `base`, per time slice (no subsets). */
  maxes(measures: [string, string][], noun: string, base: string) {
    for (const [tc, tp] of timeSlices(this.g)) {
      for (const [m, mtext] of measures) {
        this.push('max', m, null, tc, 'all', 'float', and(base, tp), `coalesce(${agg(`max(x_${m})`)}, 0)::DOUBLE`, 0, `largest ${mtext} of ${noun} ${this.time(tc)} (0 when none)`, this.splitsOf(base, 'true', tc, 'true'));
      }
    }
  }

  custom(kind: Aggregation, measure: string, subset: string | null, tc: TimeClass, dtype: 'int' | 'float', cell: string, sql: string, fill: number, description: string) {
    this.push(kind, measure, subset, tc, 'all', dtype, cell, sql, fill, description);
  }
}

function logonGrid(g: Granularity): FeatureDef[] {
  const x = new Grid('logon', g);
  x.counts('logon', 'logons', 'act = 1');
  x.counts('logoff', 'logoffs', 'act = 2', undefined, false);
  x.custom('min', 'logon_time', null, 'all', 'float', 'true', `coalesce(${agg('min(lo_first)')}, -1)::DOUBLE`, -1, 'time of day of the first logon, in hours (−1 when none)');
  x.custom('max', 'logoff_time', null, 'all', 'float', 'true', `coalesce(${agg('max(lf_last)')}, -1)::DOUBLE`, -1, 'time of day of the last logoff, in hours (−1 when none)');
  if (g !== 'session') x.custom('distinct', 'pcs', null, 'all', 'int', 'act = 1', `coalesce(${agg('count(DISTINCT pc)')}, 0)::INTEGER`, 0, 'number of distinct PCs logged on to');
  return x.defs;
}

function deviceGrid(g: Granularity, family: Family): FeatureDef[] {
  const x = new Grid('device', g);
  x.counts('connect', 'removable-media connects', 'act = 1');
  x.counts('disconnect', 'removable-media disconnects', 'act = 2', undefined, false);
  // On the Disconnect: a duration is known when the connection ends (events.ts).
  const dur: [string, string][] = [['dur', 'connection duration in seconds']];
  x.means(dur, 'connections that end (Disconnect right after a Connect)', 'act = 2', undefined, 'c_dur');
  x.maxes(dur, 'connections that end (Disconnect right after a Connect)', 'act = 2');
  if (family !== 'r4') {
    const ftl: [string, string][] = [['ftl', 'number of file-tree entries']];
    x.means(ftl, 'connects', 'act = 1');
    x.maxes(ftl, 'connects', 'act = 1');
  }
  return x.defs;
}

function fileGrid(g: Granularity, family: Family): FeatureDef[] {
  const x = new Grid('file', g);
  const types = x.partition(FILE_TYPES.map((t) => [t.key, `ftype = ${t.code}`, ` of type ${t.key} (${t.description})`]));
  const subs: Subsets = [
    ...types,
    ['local', 'disk = 1', ' on the local disk (C:)'],
    ['removable', 'disk = 2', ' on removable media (R:)'],
  ];
  if (family !== 'r4') {
    subs.push(
      ['open', 'fact = 1', ' opened'],
      ['copy', 'fact = 2', ' copied'],
      ['write', 'fact = 3', ' written'],
      ['delete', 'fact = 4', ' deleted'],
      ['to_removable', 'to_rm = 1', ' going to removable media'],
      ['from_removable', 'from_rm = 1', ' coming from removable media'],
    );
  }
  x.counts('events', 'file events', 'true');
  x.counts('events', 'file events', 'true', subs, false);
  const ms: [string, string][] = [['len', 'content length (bytes)'], ['depth', 'path depth'], ['nwords', 'content words']];
  x.means(ms, 'file events', 'true');
  x.means(ms, 'file events', 'true', types);
  x.maxes(ms, 'file events', 'true');
  return x.defs;
}

function emailGrid(g: Granularity, family: Family): FeatureDef[] {
  const x = new Grid('email', g);
  const subs: Subsets = [
    ['external', 'has_ext = 1', ' with an external recipient'],
    ['external_bcc', 'has_ext_bcc = 1', ' with an external bcc recipient'],
  ];
  const acts: Subsets = [
    ['send', 'eact = 1', ' sent'],
    ['recv', 'eact = 2', ' viewed or received'],
  ];
  if (family !== 'r4') subs.push(...x.partition(acts));
  x.counts('events', 'emails', 'true');
  x.counts('events', 'emails', 'true', subs, false);
  const ms: [string, string][] = [
    ['rcpt', 'number of recipients (to, cc, bcc)'],
    ['ext', 'number of external recipients'],
    ['bcc', 'number of bcc recipients'],
    ['att', 'number of attachments'],
    ['size', 'size (bytes)'],
    ['len', 'content length (bytes)'],
    ['nwords', 'content words'],
  ];
  x.means(ms, 'emails', 'true');
  x.maxes(ms.filter(([m]) => EMAIL_MAX_MEASURES.includes(m)), 'emails', 'true');
  if (family !== 'r4') {
    x.means(ms, 'emails', 'true', acts);
    const att: [string, string][] = [];
    for (const t of ATTACHMENT_TYPES) {
      const ft = FILE_TYPES[t]!;
      att.push([`att${t}_n`, `number of ${ft.key} attachments`], [`att${t}_b`, `bytes of ${ft.key} attachments`]);
    }
    x.means(att, 'emails', 'true');
  }
  return x.defs;
}

function httpGrid(g: Granularity, family: Family): FeatureDef[] {
  const x = new Grid('http', g);
  const cats = x.partition(HTTP_CATEGORIES.map((c) => [c.key, `cat = ${c.code}`, ` to ${c.key} sites (${c.description})`]));
  const subs: Subsets = [...cats];
  if (family === 'r6') subs.push(['visit', 'hact = 1', ' that are visits'], ['download', 'hact = 2', ' that are downloads'], ['upload', 'hact = 3', ' that are uploads']);
  x.counts('events', 'web requests', 'true');
  x.counts('events', 'web requests', 'true', subs, false);
  const ms: [string, string][] = [['url_len', 'URL length'], ['url_depth', 'URL path depth'], ['c_len', 'content length (bytes)'], ['c_words', 'content words']];
  x.means(ms, 'web requests', 'true');
  x.means(ms, 'web requests', 'true', cats);
  x.maxes(ms, 'web requests', 'true');
  return x.defs;
}

export function domainGrid(domain: Log, g: Granularity, family: Family): FeatureDef[] {
  switch (domain) {
    case 'logon':
      return logonGrid(g);
    case 'device':
      return deviceGrid(g, family);
    case 'file':
      return fileGrid(g, family);
    case 'email':
      return emailGrid(g, family);
    case 'http':
      return httpGrid(g, family);
  }
}

/** An aggregate that combines over disjoint parts: sum of sums, max of maxima, min of minima. */
function combiner(e: string): 'sum' | 'max' | 'min' | null {
  const m = /^(sum|max|min)\((?!DISTINCT\b)/i.exec(e);
  return m ? (m[1]!.toLowerCase() as 'sum' | 'max' | 'min') : null;
}

/** An aggregate restricted to a cell's rows: sum(x) over `cell` → sum(CASE WHEN cell THEN x END). */
function restricted(e: string, cell: string): string {
  if (cell === 'true') return e;
  const m = /^(\w+)\((DISTINCT\s+)?(.*)\)$/s.exec(e);
  if (!m) throw new Error(`stage B: cannot restrict aggregate '${e}' to a cell`);
  return `${m[1]}(${m[2] ?? ''}CASE WHEN ${cell} THEN ${m[3]} END)`;
}

/** The parts' columns combined; NULL when every part is NULL (no event), as the aggregate over their union would be. */
function combined(op: 'sum' | 'max' | 'min', cols: string[]): string {
  if (cols.length === 1) return cols[0]!;
  if (op === 'max') return `greatest(${cols.join(', ')})`;
  if (op === 'min') return `least(${cols.join(', ')})`;
  return `CASE WHEN ${cols.map((c) => `${c} IS NULL`).join(' AND ')} THEN NULL ELSE ${cols.map((c) => `coalesce(${c}, 0)`).join(' + ')} END`;
}

/**
 * CREATE TABLE b_<domain>: one row per window with the domain's features (of the windows
 * whose stage-A rows match `where`).
 *
 * Every (cell, aggregate) pair the features read is either aggregated directly, as
 * agg(CASE WHEN cell THEN x END) in one GROUP BY over the domain's stage-A rows, or, when
 * the cell splits into finer cells whose same aggregate is needed anyway, combined from
 * those (sums added, maxima by greatest). For web requests per day that leaves 124 direct
 * aggregates out of 429 pairs. Stage-A sums are integers far below 2^53, so a sum is exact
 * whichever way it is grouped and the features do not depend on the split.
 *
 * Tried before: one FILTER aggregate per pair (DuckDB copies the input per filtered
 * aggregate), and a GROUP BY (window, cell) over the rows unnested to their cells followed
 * by PIVOT (the PIVOT's list aggregates cost three times the grouping).
 */
export function stageBSql(domain: Log, g: Granularity, defs: FeatureDef[], where = 'true'): string {
  const k = ['"user"', ...windowKeys(g)].join(', ');
  const pairKey = (cell: string, e: string) => `${e}\u0000${cell}`;
  const splits = new Map<string, string[][]>();
  const needed = new Map<string, [string, string]>();
  for (const d of defs) {
    if (d.splits && !splits.has(d.cell)) splits.set(d.cell, d.splits);
    for (const [, e] of d.sql.matchAll(/\{\{(.+?)\}\}/g)) needed.set(pairKey(d.cell, e!), [d.cell, e!]);
  }
  // Each pair resolves to the direct pairs it adds up (itself when aggregated directly).
  const direct = new Map<string, string>();
  const parts = new Map<string, string[]>();
  const resolve = (cell: string, e: string): string[] => {
    const key = pairKey(cell, e);
    const known = parts.get(key);
    if (known) return known;
    let out: string[] | null = null;
    if (combiner(e)) {
      const split = (splits.get(cell) ?? []).find((cs) => cs.every((c) => needed.has(pairKey(c, e))));
      if (split) out = split.flatMap((c) => resolve(c, e));
    }
    if (!out) {
      direct.set(key, `"d${direct.size}"`);
      out = [key];
    }
    parts.set(key, out);
    return out;
  };
  const pairCol = new Map<string, string>();
  const pairSql: string[] = [];
  for (const [key, [cell, e]] of needed) {
    const cols = resolve(cell, e).map((p) => direct.get(p)!);
    pairCol.set(key, `"p${pairCol.size}"`);
    pairSql.push(`${combined(combiner(e) ?? 'sum', cols)} AS ${pairCol.get(key)}`);
  }
  const aggSql = [...direct].map(([key, col]) => {
    const [e, cell] = key.split('\u0000') as [string, string];
    return `${restricted(e, cell)} AS ${col}`;
  });
  const select = defs.map((d) => `${d.sql.replace(/\{\{(.+?)\}\}/g, (_, e: string) => pairCol.get(pairKey(d.cell, e))!)} AS "${d.col.name}"`);
  const rows = where === 'true' ? `a_${domain}` : `(SELECT * FROM a_${domain} WHERE ${where})`;
  const source = withPcClassSql(rows, refDaySql(g, 'a'), PC_CODE.other);
  return joinSidesAsWritten(`CREATE OR REPLACE TABLE b_${domain} AS
    SELECT ${k}, ${select.join(',\n      ')}
    FROM (
      SELECT ${k}, ${pairSql.join(', ')}
      FROM (SELECT ${k}, ${aggSql.join(', ')} FROM ${source} GROUP BY ${k})
    )`);
}
