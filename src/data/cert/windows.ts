// Windows (user-day, user-week, user-session), time classes and the first aggregation
// stage: one GROUP BY per log file straight off the CSV scan, down to
// (user, window, pc, time class, categories) with counts, sums, sums of squares and
// maxima. Everything after works on these small tables.
import type { EventSpec } from './events.js';
import { joinSidesAsWritten } from './sql.js';
import type { Granularity, TimeClass } from './types.js';

/** Key columns of a window in the stage-A tables (besides user). */
export function windowKeys(g: Granularity): string[] {
  return g === 'day' ? ['day'] : g === 'week' ? ['week'] : ['pc', 'seq', 'orphan'];
}

/**
 * The day on which a window's context is read (LDAP snapshot in force, PC classes): the
 * last day it covers, known once the window is complete. A session is complete at its
 * last event; for a stage-A row of a session, that row's last event (never later).
 */
export function refDaySql(g: Granularity, alias: string): string {
  if (g === 'day') return `${alias}.day`;
  if (g === 'week') return `(${alias}.week + 6)`;
  return `${alias}.t_max::DATE`;
}

/**
 * Time class code of an event: 1 weekday 07:30–17:30, 2 weekday outside, 3 weekend
 * 07:30–17:30, 4 weekend outside (17:30:00 itself is still working time).
 */
export function timeClassSql(ts: string): string {
  const sod = `(hour(${ts}) * 3600 + minute(${ts}) * 60 + second(${ts}))`;
  return `(CASE WHEN dayofweek(${ts}) IN (0, 6) THEN 3 ELSE 1 END + CASE WHEN ${sod} < 27000 OR ${sod} > 63000 THEN 1 ELSE 0 END)`;
}

/** Time slices per granularity with their predicate on the stage-A column tc. */
export function timeSlices(g: Granularity): [TimeClass, string][] {
  if (g === 'day') return [['all', 'true'], ['work', 'tc IN (1, 3)'], ['afterhours', 'tc IN (2, 4)']];
  if (g === 'week') return [['all', 'true'], ['work', 'tc = 1'], ['afterhours', 'tc = 2'], ['weekend', 'tc = 3'], ['weekend_afterhours', 'tc = 4']];
  return [['all', 'true']];
}

function windowSelect(g: Granularity, spec: EventSpec): string[] {
  if (g === 'day') return ['CAST(e.ts AS DATE) AS day'];
  // Weeks start on Sunday, as CERT's calendar and the anchor's week numbers do.
  if (g === 'week') return ['CAST(e.ts AS DATE) - CAST(dayofweek(e.ts) AS INTEGER) AS week'];
  if (spec.ownSessions) return ['e.s_seq AS seq', 'e.s_orphan AS orphan'];
  return ['coalesce(m.seq, 0) AS seq', 'coalesce(NOT m.is_logon, true) AS orphan'];
}

/** CREATE TABLE a_<domain>: the single pass over one log file. */
export function stageASql(spec: EventSpec, g: Granularity, labelled: boolean): string {
  const sel = [
    'e."user"',
    ...windowSelect(g, spec),
    'e.pc',
    `${timeClassSql('e.ts')} AS tc`,
    ...Object.entries(spec.dims).map(([k, v]) => `${v} AS ${k}`),
    'count(*)::BIGINT AS n',
    // Summed as DOUBLE rather than cast after a HUGEINT sum: the measures are integers far
    // below 2^53, so every partial sum is exact and the result is the same, only cheaper.
    ...Object.entries(spec.sums).map(([k, v]) => `sum((${v})::DOUBLE) AS s_${k}`),
    // Squares in DOUBLE: byte counts squared overflow the integer types.
    ...Object.entries(spec.sums).map(([k, v]) => `sum((${v})::DOUBLE * (${v})::DOUBLE) AS q_${k}`),
    ...spec.maxes.map((k) => `max(${spec.sums[k]})::DOUBLE AS x_${k}`),
    ...spec.extra,
    'min(e.ts) AS t_min',
    'max(e.ts) AS t_max',
    labelled ? 'count(mal.id)::BIGINT AS n_mal' : '0::BIGINT AS n_mal',
  ];
  // An event belongs to the session of the latest logon/logoff marker on its PC at or before it.
  const asof = g === 'session' && !spec.ownSessions ? 'ASOF LEFT JOIN marks m ON e."user" = m."user" AND e.pc = m.pc AND e.ts >= m.ts' : '';
  const mal = labelled
    ? `LEFT JOIN (SELECT DISTINCT id, "user" FROM mal WHERE file = '${spec.domain}') mal ON mal.id = e.id AND mal."user" = e."user"`
    : '';
  const main = joinSidesAsWritten(`CREATE OR REPLACE TABLE a_${spec.domain} AS SELECT ${sel.join(', ')} FROM ${spec.from} ${asof} ${mal} GROUP BY ALL`);
  return spec.prelude ? `${spec.prelude};\n${main}` : main;
}
