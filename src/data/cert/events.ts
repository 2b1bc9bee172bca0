// Per-event projections of each log file: the small integer categories (dims) and the
// numeric measures that the window aggregation sums. Only these narrow values leave the
// CSV scan; content text is reduced to lengths and word counts on the spot.
import { COMPANY_DOMAIN, type Family, type Log } from '../format/index.js';
import type { DetectedLayout } from './releases.js';
import { headCsvSql, readCsvSql } from './scan.js';
import { fileTypeSql, httpRawHostCategorySql, httpRawHostSql } from './vocab.js';

export interface EventSpec {
  domain: Log;
  /** FROM item yielding id, user, pc, ts and the columns dims/sums refer to, aliased e. */
  from: string;
  /** Group-by categories: name → SQL (small integers). */
  dims: Record<string, string>;
  /**
   * Summed measures: name → SQL; stage-A columns s_<name> (sum) and q_<name> (sum of
   * squares), so stage B can derive means and population standard deviations.
   */
  sums: Record<string, string>;
  /** Names from `sums` whose per-window maximum is a feature; stage-A column x_<name>. */
  maxes: string[];
  /** Further stage-A aggregates, full SQL with alias. */
  extra: string[];
  /** True when `from` already carries session keys s_seq/s_orphan (logon events). */
  ownSessions?: boolean;
  /** Statement run first in the same stage (a look-up table that `from` joins). */
  prelude?: string;
}

// Separators are counted as the pieces string_split cuts a value into (pieces = separators
// + 1): on 30 M http rows that is 2–3× cheaper than comparing lengths before and after
// replace(), whose per-position compare dominated the scan's expressions.
/** Pieces of a value cut at a literal separator; NULL for NULL. */
const pieces = (c: string, sep: string) => `len(string_split(${c}, '${sep}'))`;
/** Words in a space-separated keyword list (0 for empty). */
const words = (c: string) => `CASE WHEN coalesce(${c}, '') = '' THEN 0 ELSE ${pieces(c, ' ')} END`;
/** Entries in a ;-separated list (0 for empty). */
const entries = (c: string) => `CASE WHEN coalesce(${c}, '') = '' THEN 0 ELSE ${pieces(c, ';')} END`;
/** Entries of a recipient list outside the organisation's domain (entries minus occurrences of @domain). */
const AT_COMPANY = `@${COMPANY_DOMAIN}`;
const external = (c: string) => `(${entries(c)} - (${pieces(`coalesce(${c}, '')`, AT_COMPANY)} - 1))`;

/** Table of logon events (small: under 1 % of a release) with session keys; see sessions.ts. */
export function logonSpec(): EventSpec {
  return {
    domain: 'logon',
    from: 'ev_logon e',
    dims: { act: 'CASE WHEN e.is_logon THEN 1 ELSE 2 END' },
    sums: {},
    maxes: [],
    extra: [
      'min(e.hod) FILTER (WHERE e.is_logon) AS lo_first',
      'max(e.hod) FILTER (WHERE NOT e.is_logon) AS lf_last',
    ],
    ownSessions: true,
  };
}

/** Table of device events with connection durations; see deviceTableSql. */
export function deviceSpec(family: Family): EventSpec {
  return {
    domain: 'device',
    from: 'ev_device e',
    dims: { act: 'CASE WHEN e.is_connect THEN 1 ELSE 2 END' },
    sums: family === 'r4' ? { dur: 'e.dur' } : { dur: 'e.dur', ftl: 'e.ftl' },
    maxes: family === 'r4' ? ['dur'] : ['dur', 'ftl'],
    extra: ['count(e.dur) AS c_dur'],
  };
}

export function logonTableSql(layout: DetectedLayout): string {
  return `CREATE TABLE ev_logon_raw AS
    SELECT id, "user", pc, date AS ts, activity = 'Logon' AS is_logon,
           hour(date) + minute(date) / 60.0 + second(date) / 3600.0 AS hod
    FROM ${readCsvSql(layout, 'logon')}`;
}

/**
 * Device events. A connection's duration sits on the Disconnect that ends it (the device
 * event of the same user on the same PC right after a Connect): it is known only then,
 * so a window never holds the length of a connection that is still open at its end.
 */
export function deviceTableSql(layout: DetectedLayout): string {
  const ftl = layout.family === 'r4' ? '' : `, CASE WHEN activity = 'Connect' THEN ${entries('file_tree')} END AS ftl`;
  return `CREATE TABLE ev_device AS
    SELECT id, "user", pc, ts, is_connect, ${layout.family === 'r4' ? '' : 'ftl, '}
      CASE WHEN NOT is_connect AND prev_connect THEN date_diff('second', prev_ts, ts)::DOUBLE END AS dur
    FROM (
      SELECT *, lag(is_connect) OVER w AS prev_connect, lag(ts) OVER w AS prev_ts
      FROM (SELECT id, "user", pc, date AS ts, activity = 'Connect' AS is_connect${ftl} FROM ${readCsvSql(layout, 'device')})
      WINDOW w AS (PARTITION BY "user", pc ORDER BY ts, is_connect DESC, id)
    )`;
}

export function fileSpec(layout: DetectedLayout): EventSpec {
  const r4 = layout.family === 'r4';
  const ext = `lower(regexp_extract(filename, '\\.([A-Za-z0-9]+)$', 1))`;
  const more = r4
    ? ''
    : `, CASE activity WHEN 'File Open' THEN 1 WHEN 'File Copy' THEN 2 WHEN 'File Write' THEN 3 WHEN 'File Delete' THEN 4 ELSE 0 END AS fact,
         coalesce(to_removable_media, false)::INTEGER AS to_rm, coalesce(from_removable_media, false)::INTEGER AS from_rm`;
  return {
    domain: 'file',
    from: `(SELECT id, "user", pc, date AS ts, ${fileTypeSql(ext)} AS ftype,
              CASE upper(left(filename, 1)) WHEN 'C' THEN 1 WHEN 'R' THEN 2 ELSE 0 END AS disk,
              strlen(coalesce(content, '')) AS len, ${words('content')} AS nwords,
              ${pieces('filename', '\\')} - 1 AS depth${more}
            FROM ${readCsvSql(layout, 'file')}) e`,
    dims: r4 ? { ftype: 'e.ftype', disk: 'e.disk' } : { ftype: 'e.ftype', disk: 'e.disk', fact: 'e.fact', to_rm: 'e.to_rm', from_rm: 'e.from_rm' },
    sums: { len: 'e.len', depth: 'e.depth', nwords: 'e.nwords' },
    maxes: ['len', 'depth', 'nwords'],
    extra: [],
  };
}

export const ATTACHMENT_TYPES = [0, 1, 2, 3, 4, 5] as const;
/** Email measures with a max column; the per-attachment-type ones get none, to keep the grid small. */
export const EMAIL_MAX_MEASURES = ['rcpt', 'ext', 'bcc', 'att', 'size', 'len', 'nwords'];

export function emailSpec(layout: DetectedLayout): EventSpec {
  const r4 = layout.family === 'r4';
  const rcpt = `${entries('"to"')} + ${entries('cc')} + ${entries('bcc')}`;
  const ext = `${external('"to"')} + ${external('cc')} + ${external('bcc')}`;
  const att = r4 ? 'coalesce(attachments, 0)' : `len(atts)`;
  // r5+: attachments are `name.ext(bytes);…`; parsed once into a list of {t: type, b: bytes}.
  const attList = `list_transform(list_filter(string_split(coalesce(attachments, ''), ';'), x -> x <> ''),
      x -> {'t': ${fileTypeSql(`lower(regexp_extract(x, '\\.([A-Za-z0-9]+)\\(', 1))`)},
            'b': coalesce(TRY_CAST(regexp_extract(x, '\\((\\d+)\\)\\s*$', 1) AS BIGINT), 0)})`;
  const attCols = r4
    ? ''
    : ATTACHMENT_TYPES.map(
        (t) => `, len(list_filter(atts, a -> a.t = ${t})) AS att${t}_n, coalesce(list_sum(list_transform(list_filter(atts, a -> a.t = ${t}), a -> a.b)), 0) AS att${t}_b`,
      ).join('');
  const inner = `SELECT id, "user", pc, date AS ts, ${rcpt} AS rcpt, ${ext} AS ext, ${entries('bcc')} AS bcc, ${external('bcc')} AS ext_bcc,
      coalesce(size, 0) AS size, strlen(coalesce(content, '')) AS len, ${words('content')} AS nwords
      ${r4 ? ', attachments' : `, CASE WHEN activity = 'Send' THEN 1 ELSE 2 END AS eact, ${attList} AS atts`}
    FROM ${readCsvSql(layout, 'email')}`;
  const sums: Record<string, string> = { rcpt: 'e.rcpt', ext: 'e.ext', bcc: 'e.bcc', att: 'e.att', size: 'e.size', len: 'e.len', nwords: 'e.nwords' };
  if (!r4) for (const t of ATTACHMENT_TYPES) Object.assign(sums, { [`att${t}_n`]: `e.att${t}_n`, [`att${t}_b`]: `e.att${t}_b` });
  return {
    domain: 'email',
    from: `(SELECT *, ${att} AS att${attCols} FROM (${inner})) e`,
    dims: {
      has_ext: '(e.ext > 0)::INTEGER',
      has_ext_bcc: '(e.ext_bcc > 0)::INTEGER',
      ...(r4 ? {} : { eact: 'e.eact' }),
    },
    sums,
    maxes: EMAIL_MAX_MEASURES,
    extra: [],
  };
}

/** Rows of http.csv whose hosts seed the host → category memo (about 3 % of the r4.2 profile). */
export const HTTP_HOST_SAMPLE_ROWS = 1_000_000;

/**
 * Web requests. A URL's category depends only on its host, and a release has few hosts
 * (hundreds in the generator's, heavy-tailed in CERT's), so the category is looked up by
 * raw host in a memo table built from the first rows of the file (http_host_cat), and
 * computed from the host (lower-casing, last labels, word checks) only for the rows whose
 * host the memo lacks. Both give the same code; the memo only saves the per-row work,
 * which was a fifth of the scan.
 */
export function httpSpec(layout: DetectedLayout, hostSampleRows = HTTP_HOST_SAMPLE_ROWS): EventSpec {
  const r6 = layout.family === 'r6';
  const act = r6 ? `, CASE activity WHEN 'WWW Visit' THEN 1 WHEN 'WWW Download' THEN 2 WHEN 'WWW Upload' THEN 3 ELSE 0 END AS hact` : '';
  const prelude = `CREATE OR REPLACE TEMP TABLE http_host_cat AS
    SELECT raw, ${httpRawHostCategorySql('raw')} AS cat
    FROM (SELECT DISTINCT ${httpRawHostSql('url')} AS raw FROM ${headCsvSql(layout, 'http', ['url'], hostSampleRows)})`;
  // The URL is cut at '/' once: the third part is the raw host, the count gives the depth.
  // A URL with fewer than three parts (or none) gets a NULL key, so it misses the memo.
  const inner = `SELECT id, "user", pc, date AS ts, url, parts[3] AS raw, strlen(url) AS url_len,
      greatest(len(parts) - 3, 0) AS url_depth,
      strlen(coalesce(content, '')) AS c_len, ${words('content')} AS c_words${act}
    FROM (SELECT *, string_split(url, '/') AS parts FROM ${readCsvSql(layout, 'http')})`;
  return {
    domain: 'http',
    prelude,
    from: `(SELECT i.* EXCLUDE (url, raw), CASE WHEN hc.cat IS NOT NULL THEN hc.cat ELSE ${httpRawHostCategorySql(httpRawHostSql('i.url'))} END AS cat
            FROM (${inner}) i LEFT JOIN http_host_cat hc ON hc.raw = i.raw) e`,
    dims: r6 ? { cat: 'e.cat', hact: 'e.hact' } : { cat: 'e.cat' },
    sums: { url_len: 'e.url_len', url_depth: 'e.url_depth', c_len: 'e.c_len', c_words: 'e.c_words' },
    maxes: ['url_len', 'url_depth', 'c_len', 'c_words'],
    extra: [],
  };
}
