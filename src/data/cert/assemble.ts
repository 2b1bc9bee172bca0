// Assembly of the output rows: the window table (every user-window with any event),
// per-window columns that are not per-domain aggregates (user context, session shape,
// labels), and the final SELECT joining the domain tables.
import type { Log } from '../format/index.js';
import type { FeatureDef } from './features.js';
import { refDaySql, windowKeys } from './windows.js';
import { PC_CLASSES, type FeatureColumn, type Granularity } from './types.js';
import { PC_CODE } from './features.js';

/**
 * CREATE TABLE win from the stage-A tables. Sessions are numbered here, over all of them,
 * because the output is written a range of users at a time (output.ts).
 */
export function windowTableSql(g: Granularity, domains: Log[]): string {
  const k = ['"user"', ...windowKeys(g)].join(', ');
  const parts = domains.map((d) => `SELECT ${k}, tc, n, n_mal, t_min, t_max FROM a_${d}`).join(' UNION ALL ');
  const win = `SELECT ${k}, min(t_min) AS t_min, max(t_max) AS t_max, sum(n) AS n_all,
      ${[1, 2, 3, 4].map((c) => `coalesce(sum(n) FILTER (WHERE tc = ${c}), 0) AS n_tc${c}`).join(', ')},
      sum(n_mal)::INTEGER AS n_mal
    FROM (${parts}) GROUP BY ${k}`;
  if (g !== 'session') return `CREATE OR REPLACE TABLE win AS ${win}`;
  return `CREATE OR REPLACE TABLE win AS SELECT *, row_number() OVER (ORDER BY "user", t_min, pc, seq, orphan) AS session_no FROM (${win})`;
}

export interface RowDef {
  col: FeatureColumn;
  /** SQL over w (win), c (ctx in force), ps (psych), t (term, with allowFuture), se (session_ends), p (session_pc). */
  sql: string;
}

function def(col: Omit<FeatureColumn, 'name'> & { name: string }, sql: string): RowDef {
  return { col, sql };
}

/**
 * Context columns: organisation indices and ITAdmin from the LDAP snapshot in force on the
 * window's reference day, Big-5, weekend day. With allowFuture, also the two termination
 * columns, which read later snapshots (see ExtractOptions.allowFutureContext).
 */
export function contextDefs(g: Granularity, orgFields: string[], allowFuture = false): RowDef[] {
  const out: RowDef[] = [];
  for (const f of orgFields) {
    out.push(def({ name: `context_index_${f}`, domain: 'context', aggregation: 'index', measure: f, subset: null, timeClass: null, pcClass: null, dtype: 'int', description: `the user’s ${f.replace('_', ' ')} in the LDAP snapshot in force, as an index into the values in order of first appearance (−1 unknown)` }, `coalesce(c.${f}_idx, -1)::INTEGER`));
  }
  out.push(def({ name: 'context_flag_itadmin', domain: 'context', aggregation: 'flag', measure: 'itadmin', subset: null, timeClass: null, pcClass: null, dtype: 'int', description: 'the user’s role is ITAdmin in the LDAP snapshot in force' }, 'coalesce(c.itadmin, 0)::INTEGER'));
  for (const t of ['O', 'C', 'E', 'A', 'N']) {
    out.push(def({ name: `context_value_${t}`, domain: 'context', aggregation: 'value', measure: t, subset: null, timeClass: null, pcClass: null, dtype: 'float', nullable: true, description: `Big-5 score ${t} from psychometric.csv (NULL when absent)` }, `ps.${t}::DOUBLE`));
  }
  if (allowFuture) {
    const start = g === 'session' ? 'w.t_min::DATE' : `w.${g}`;
    out.push(def({ name: 'context_flag_leaver', domain: 'context', aggregation: 'flag', measure: 'leaver', subset: null, timeClass: null, pcClass: null, dtype: 'int', future: true, description: 'FUTURE-LOOKING: the user drops out of the LDAP snapshots before the last one (leaves the organisation)' }, '(t.term_date IS NOT NULL)::INTEGER'));
    out.push(def({ name: 'context_value_days_to_termination', domain: 'context', aggregation: 'value', measure: 'days_to_termination', subset: null, timeClass: null, pcClass: null, dtype: 'int', future: true, description: 'FUTURE-LOOKING: days from the window’s start to the first day of the first LDAP month without the user (−1 when the user never leaves)' }, `coalesce(date_diff('day', ${start}, t.term_date), -1)::INTEGER`));
  }
  if (g === 'day') {
    out.push(def({ name: 'context_flag_weekend', domain: 'context', aggregation: 'flag', measure: 'weekend', subset: null, timeClass: null, pcClass: null, dtype: 'int', description: 'the day is a Saturday or Sunday' }, '(dayofweek(w.day) IN (0, 6))::INTEGER'));
  }
  return out;
}

/** Shape of a session: duration, start/end time, how it began and ended, PC class, time shares. */
export function sessionDefs(): RowDef[] {
  const base = { domain: 'logon' as const, subset: null, pcClass: null };
  const hod = (t: string) => `(hour(${t}) + minute(${t}) / 60.0 + second(${t}) / 3600.0)`;
  const out: RowDef[] = [
    def({ ...base, name: 'logon_value_duration_all', aggregation: 'value', measure: 'duration', timeClass: 'all', dtype: 'float', description: 'session length in minutes, first to last event' }, `(date_diff('second', w.t_min, w.t_max) / 60.0)::DOUBLE`),
    def({ ...base, name: 'logon_value_start_time_all', aggregation: 'value', measure: 'start_time', timeClass: 'all', dtype: 'float', description: 'time of day the session starts, in hours' }, `${hod('w.t_min')}::DOUBLE`),
    def({ ...base, name: 'logon_value_end_time_all', aggregation: 'value', measure: 'end_time', timeClass: 'all', dtype: 'float', description: 'time of day the session ends, in hours' }, `${hod('w.t_max')}::DOUBLE`),
    def({ ...base, name: 'logon_value_days_all', aggregation: 'value', measure: 'days', timeClass: 'all', dtype: 'int', description: 'calendar days the session spans' }, `(date_diff('day', w.t_min::DATE, w.t_max::DATE) + 1)::INTEGER`),
    def({ ...base, name: 'logon_index_start_with_all', aggregation: 'index', measure: 'start_with', timeClass: 'all', dtype: 'int', description: 'how the session starts: 1 with a logon, 2 without one' }, 'se.start_with::INTEGER'),
    def({ ...base, name: 'logon_index_end_with_all', aggregation: 'index', measure: 'end_with', timeClass: 'all', dtype: 'int', description: 'how the session ends: 1 logoff, 2 a new logon on the PC, 0 end of data' }, 'se.end_with::INTEGER'),
  ];
  const shares: [FeatureColumn['timeClass'], number][] = [['work', 1], ['afterhours', 2], ['weekend', 3], ['weekend_afterhours', 4]];
  for (const [tc, code] of shares) {
    out.push(def({ ...base, name: `logon_share_events_${tc}`, aggregation: 'share', measure: 'events', timeClass: tc, dtype: 'float', description: `fraction of the session’s events ${tc === 'work' ? 'on weekdays in working hours' : tc === 'afterhours' ? 'on weekdays outside working hours' : tc === 'weekend' ? 'on weekends in working hours' : 'on weekends outside working hours'}` }, `(w.n_tc${code} / w.n_all)::DOUBLE`));
  }
  for (const pc of PC_CLASSES) {
    out.push(def({ domain: 'logon', subset: null, name: `logon_flag_pc_all_${pc}`, aggregation: 'flag', measure: 'pc', timeClass: 'all', pcClass: pc, dtype: 'int', description: `the session’s PC is ${pc === 'own' ? 'the user’s own' : pc === 'shared' ? 'one the user shares' : pc === 'other' ? 'another user’s' : 'the supervisor’s'}` }, `(coalesce(p.cls, ${PC_CODE.other}) = ${PC_CODE[pc]})::INTEGER`));
  }
  return out;
}

/** Key columns as written, with their SQL. */
export function keySelect(g: Granularity): [string, string][] {
  if (g === 'day') return [['user', 'w."user"'], ['day', 'w.day']];
  if (g === 'week') return [['user', 'w."user"'], ['week', 'w.week']];
  return [
    ['user', 'w."user"'],
    ['session', 'w.session_no'],
    ['pc', 'w.pc'],
    ['start', 'w.t_min'],
    ['end', 'w.t_max'],
    ['day', 'w.t_min::DATE'],
  ];
}

/** The final SELECT: keys, context, session shape, domain features, labels (of the windows matching `where`, over w). */
export function finalSelectSql(g: Granularity, domains: Log[], grids: Map<Log, FeatureDef[]>, rowDefs: RowDef[], labelled: boolean, where = 'true'): string {
  const ref = refDaySql(g, 'w');
  const wk = windowKeys(g);
  const sel: string[] = keySelect(g).map(([n, s]) => `${s} AS "${n}"`);
  for (const r of rowDefs) sel.push(`${r.sql} AS "${r.col.name}"`);
  const joins: string[] = [];
  domains.forEach((d, i) => {
    const a = `b${i}`;
    joins.push(`LEFT JOIN b_${d} ${a} ON ${[`${a}."user" = w."user"`, ...wk.map((k) => `${a}.${k} = w.${k}`)].join(' AND ')}`);
    for (const f of grids.get(d) ?? []) sel.push(`coalesce(${a}."${f.col.name}", ${f.fill}) AS "${f.col.name}"`);
  });
  if (labelled) {
    sel.push('CASE WHEN w.n_mal > 0 THEN coalesce(i.scenario, 0) ELSE 0 END::INTEGER AS insider', 'w.n_mal::INTEGER AS malicious_events');
    joins.push('LEFT JOIN ins i ON i."user" = w."user"');
  }
  joins.push(`LEFT JOIN ctx c ON c."user" = w."user" AND ${ref} >= c.month AND ${ref} < c.until`);
  joins.push('LEFT JOIN psych ps ON ps."user" = w."user"');
  if (rowDefs.some((r) => r.col.future)) joins.push('LEFT JOIN term t ON t."user" = w."user"');
  if (g === 'session') {
    const key = (a: string) => `${a}."user" = w."user" AND ${a}.pc = w.pc AND ${a}.seq = w.seq AND ${a}.orphan = w.orphan`;
    joins.push(`LEFT JOIN session_ends se ON ${key('se')}`, `LEFT JOIN session_pc p ON ${key('p')}`);
  }
  const order = g === 'session' ? '"user", "start", pc, "session"' : `"user", ${wk[0]}`;
  return `SELECT ${sel.join(',\n  ')}\nFROM win w\n${joins.join('\n')}\nWHERE ${where}\nORDER BY ${order}`;
}
