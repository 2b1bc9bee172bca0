// Who touched what, per user and day, for the graph baselines: FEATURES.edges.parquet
// beside a feature table, columns kind ('pc' | 'email' | 'web'), user, target, day, count.
//
//   pc     PCs the user logged on to (logon.csv, Logon): read from the logon table the
//          feature stages keep whole anyway, so it costs no scan.
//   email  the other people on the user's messages (to, cc, bcc and from, each address
//          once per message), mapped to user ids through the LDAP email column. On a Send
//          that is the recipients (from is the user); on an r5+ View it is the sender and
//          the co-recipients (the user is one of the recipients). Addresses that no LDAP
//          snapshot lists are outside the user–user graph: dropped, and counted.
//   web    hosts of the URLs the user visited (http.csv), lower-cased, without www.
//          (as vocab.ts's httpHostSql names them for the features)
//
// Email and http need a scan of their own. On a 2-week slice of the r4.2 profile a narrow
// re-read of http.csv (user, date, url) cost about as much CPU as carrying a host
// histogram through the feature scan's GROUP BY would (each ≈ 40–60 % of that scan), and
// it leaves the feature stages, their saved copies and every granularity untouched. Each
// scan is a resumable stage like the log stages. Whole cost (bench:graph, 3-week slice of
// the r4.2 profile, 1.5 M events): +2.9 s on 8.9 s of CPU.
import type { Duck } from './duck.js';
import { COMPANY_DOMAIN, DATE_FORMAT, LDAP_DIR, type Log } from '../format/index.js';
import { CertFormatError, columnType, type DetectedLayout } from './releases.js';
import { lit } from './sql.js';
import { stageKey, type StageStore } from './stages.js';

export const EDGE_STAGES = ['edges_email', 'edges_http'] as const;
export type EdgeStage = (typeof EDGE_STAGES)[number];

export interface EdgeSummary {
  /** FILE.edges.parquet */
  path: string;
  /** Rows (user, target, day) per kind. */
  rows: { pc: number; email: number; web: number };
  /** Address mentions (once per message) outside LDAP, not in the email graph: external, and company addresses no snapshot lists. */
  emailExternal: number;
  emailUnknownInternal: number;
  /** Edge stages restored from the work directory. */
  reusedStages: EdgeStage[];
  seconds: number;
}

/** FILE.parquet → FILE.edges.parquet (any other name gets .edges.parquet appended). */
export function edgesPathFor(parquetPath: string): string {
  return parquetPath.replace(/\.parquet$/i, '') + '.edges.parquet';
}

/**
 * A narrow read of one log: only `cols` are converted. Malformed rows are skipped here
 * without a rejects table; the feature stage of the same file has already counted and
 * reported them (or failed on them under --strict).
 */
function readCsvNarrow(layout: DetectedLayout, file: Log): string {
  const cols = layout.headers[file].map((c) => `${lit(c)}: ${lit(columnType(file, layout.family, c))}`).join(', ');
  return `read_csv(${lit(layout.paths[file])}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
    columns = {${cols}}, timestampformat = ${lit(DATE_FORMAT)}, ignore_errors = true, max_line_size = 16777216)`;
}

/** Every address on a message once, lower-cased: the to, cc, bcc and from lists split at ';'. */
export function emailEdgeStageSql(layout: DetectedLayout): string {
  const all = `string_split(lower(concat_ws(';', "to", cc, bcc, "from")), ';')`;
  return `CREATE OR REPLACE TABLE edge_email_addr AS
    SELECT "user", day, addr, count(*)::INTEGER AS n FROM (
      SELECT "user", CAST(date AS DATE) AS day, unnest(list_distinct(list_transform(${all}, a -> trim(a)))) AS addr
      FROM ${readCsvNarrow(layout, 'email')}
    ) WHERE addr <> '' GROUP BY ALL`;
}

/**
 * Hosts as the feature scan names them (lower case, no www.), but normalised after a first
 * GROUP BY on the raw host: far fewer values than rows, so the per-row work is one split.
 */
export function httpEdgeStageSql(layout: DetectedLayout): string {
  const host = `CASE WHEN starts_with(lower(h), 'www.') THEN substr(lower(h), 5) ELSE lower(h) END`;
  return `CREATE OR REPLACE TABLE edge_web AS
    SELECT "user", day, ${host} AS target, sum(n)::INTEGER AS n FROM (
      SELECT "user", CAST(date AS DATE) AS day, split_part(url, '/', 3) AS h, count(*) AS n FROM ${readCsvNarrow(layout, 'http')} GROUP BY ALL
    ) WHERE coalesce(h, '') <> '' GROUP BY ALL`;
}

/** Address → user id from every LDAP snapshot (the smallest id if snapshots disagree). */
const LDAP_EMAIL_SQL = `CREATE OR REPLACE TABLE ldap_email AS
  SELECT lower(trim(email)) AS addr, min(user_id) AS "user" FROM ldap
  WHERE coalesce(trim(email), '') <> '' AND user_id IS NOT NULL GROUP BY 1`;

const PC_EDGES_SQL = `CREATE OR REPLACE TABLE edge_pc AS
  SELECT "user", CAST(ts AS DATE) AS day, pc AS target, count(*)::INTEGER AS n
  FROM ev_logon_raw WHERE is_logon GROUP BY ALL`;

const EMAIL_EDGES_SQL = `CREATE OR REPLACE TABLE edge_email AS
  SELECT a."user", a.day, m."user" AS target, sum(a.n)::INTEGER AS n
  FROM edge_email_addr a JOIN ldap_email m USING (addr)
  WHERE m."user" <> a."user" GROUP BY ALL`;

const EDGES_SELECT = `SELECT kind, "user", target, day, n AS count FROM (
    SELECT 'pc' AS kind, * FROM edge_pc UNION ALL SELECT 'email', * FROM edge_email UNION ALL SELECT 'web', * FROM edge_web
  ) ORDER BY kind, day`;

export interface EdgeRun {
  duck: Duck;
  layout: DetectedLayout;
  store: StageStore;
  /** The data directory (for messages). */
  data: string;
  /** Statements the stages' SQL depends on (activity types), part of each stage key. */
  setupSql: string[];
  /** Temp path the Parquet file is written to; the caller renames it into place. */
  tmpPath: string;
  path: string;
  onStage?: (stage: EdgeStage, status: 'start' | 'reused' | 'done') => void;
  scan: (stage: EdgeStage, sql: string) => Promise<void>;
}

/**
 * Builds the edge tables in the extraction's DuckDB session (needs `ldap` and
 * `ev_logon_raw`, which the feature stages load) and writes them to `tmpPath`; the edge
 * tables are dropped afterwards so that they do not take memory from the feature pivot.
 */
export async function extractEdges(run: EdgeRun): Promise<EdgeSummary> {
  const t0 = performance.now();
  const { duck, layout, store } = run;
  const cols = (await duck.rows<{ column_name: string }>(`SELECT column_name FROM (DESCRIBE ldap)`)).map((r) => r.column_name);
  if (!cols.includes('email')) throw new CertFormatError(`${run.data}/${LDAP_DIR}: snapshots lack the column 'email', which maps recipients to users for the email edges`);
  const reused: EdgeStage[] = [];
  const stages: [EdgeStage, string, string, Log][] = [
    ['edges_email', emailEdgeStageSql(layout), 'edge_email_addr', 'email'],
    ['edges_http', httpEdgeStageSql(layout), 'edge_web', 'http'],
  ];
  for (const [stage, sql, table, log] of stages) {
    const key = stageKey([...run.setupSql, sql], [layout.paths[log]]);
    const restored = await store.restore(stage, key, [table]);
    run.onStage?.(stage, restored ? 'reused' : 'start');
    if (restored) reused.push(stage);
    else {
      await run.scan(stage, sql);
      await store.save(stage, key, [table]);
      run.onStage?.(stage, 'done');
    }
  }
  await duck.run(LDAP_EMAIL_SQL);
  await duck.run(PC_EDGES_SQL);
  await duck.run(EMAIL_EDGES_SQL);
  const company = lit(`@${COMPANY_DOMAIN}`);
  const [drop] = await duck.rows<{ ext: number; unk: number }>(
    `SELECT coalesce(sum(a.n) FILTER (WHERE NOT ends_with(a.addr, ${company})), 0)::DOUBLE AS ext,
            coalesce(sum(a.n) FILTER (WHERE ends_with(a.addr, ${company})), 0)::DOUBLE AS unk
     FROM edge_email_addr a ANTI JOIN ldap_email m USING (addr)`,
  );
  const count = async (t: string) => Number(await duck.scalar(`SELECT count(*)::BIGINT FROM ${t}`));
  const rows = { pc: await count('edge_pc'), email: await count('edge_email'), web: await count('edge_web') };
  await duck.run(`COPY (${EDGES_SELECT}) TO ${lit(run.tmpPath)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 100000)`);
  await duck.run(`DROP TABLE edge_pc; DROP TABLE edge_email; DROP TABLE edge_web; DROP TABLE edge_email_addr; DROP TABLE ldap_email`);
  return {
    path: run.path,
    rows,
    emailExternal: Number(drop?.ext ?? 0),
    emailUnknownInternal: Number(drop?.unk ?? 0),
    reusedStages: reused,
    seconds: (performance.now() - t0) / 1000,
  };
}
