// User context from the LDAP snapshots and psychometric.csv, as it stood when each window
// happened. Every window reads the snapshot *in force* on its reference day (the latest
// snapshot whose month has begun by then; windows.ts refDaySql), never a later one: a
// detector scoring today cannot know next month's org chart, and in CERT the insiders of
// scenarios 1–3 leave soon after their theft, so a later snapshot tells who the insiders
// are. Windows before the first snapshot, or of a user absent from the snapshot in force,
// get unknown context (−1 indices). The psychometric file has no date; it is read as
// given from the start.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Duck } from './duck.js';
import { BIG5, LDAP_DIR, LDAP_REQUIRED, PSYCHOMETRIC_FILE } from '../format/index.js';
import { CertFormatError } from './releases.js';
import { lit } from './sql.js';

export const ORG_FIELDS = ['role', 'business_unit', 'functional_unit', 'department', 'team', 'projects'] as const;

/** The end of time for a snapshot or a PC class that nothing later replaces. */
export const FOREVER = `DATE '9999-12-31'`;

/**
 * Loads LDAP/*.csv into `ldap` (one row per snapshot line, with its month) and
 * `ldap_users` (one row per user and snapshot: org fields, supervisor's user id, and the
 * days [month, until) in which that snapshot is in force).
 */
export async function loadLdap(duck: Duck, dataDir: string): Promise<{ fields: string[] }> {
  const glob = join(dataDir, LDAP_DIR, '*.csv');
  try {
    await duck.run(`CREATE OR REPLACE TABLE ldap AS
      SELECT *, strptime(regexp_extract(filename, '(\\d{4}-\\d{2})\\.csv$', 1) || '-01', '%Y-%m-%d')::DATE AS month
      FROM read_csv(${lit(glob)}, header = true, all_varchar = true, union_by_name = true, filename = true, delim = ',', quote = '"')`);
  } catch (e) {
    throw new CertFormatError(`${join(dataDir, LDAP_DIR)}: cannot read the monthly snapshots (YYYY-MM.csv with header employee_name,user_id,…): ${(e as Error).message}`);
  }
  const cols = (await duck.rows<{ column_name: string }>(`SELECT column_name FROM (DESCRIBE ldap)`)).map((r) => r.column_name);
  for (const need of LDAP_REQUIRED) {
    if (!cols.includes(need)) throw new CertFormatError(`${join(dataDir, LDAP_DIR)}: snapshots lack the column '${need}'`);
  }
  const fields = ORG_FIELDS.filter((f) => cols.includes(f));
  // A supervisor is named, not identified; the name resolves within the same snapshot.
  await duck.run(`
    CREATE OR REPLACE TABLE ldap_months AS
      SELECT month, coalesce(lead(month) OVER (ORDER BY month), ${FOREVER}) AS until FROM (SELECT DISTINCT month FROM ldap);
    CREATE OR REPLACE TABLE ldap_users AS
      WITH l AS (
        SELECT DISTINCT ON (user_id, month) * FROM ldap WHERE user_id IS NOT NULL ORDER BY user_id, month, employee_name
      ), names AS (SELECT month, employee_name, min(user_id) AS "user" FROM l GROUP BY ALL)
      SELECT l.user_id AS "user", l.month, m.until, ${fields.map((f) => `l.${f}, `).join('')}s."user" AS supervisor
      FROM l JOIN ldap_months m USING (month) LEFT JOIN names s ON s.month = l.month AND s.employee_name = l.supervisor`);
  return { fields };
}

/**
 * term(user, term_date): the first day of the first LDAP month without a user who drops
 * out before the last snapshot. It looks into the future and exists only for
 * ExtractOptions.allowFutureContext.
 */
export async function buildTermination(duck: Duck): Promise<void> {
  await duck.run(`CREATE OR REPLACE TABLE term AS
    SELECT "user", (max(month) + INTERVAL 1 MONTH)::DATE AS term_date FROM ldap_users GROUP BY "user"
    HAVING max(month) < (SELECT max(month) FROM ldap_months)`);
}

/** Loads Big-5 scores into `psych`; returns false (a warning for the caller) when psychometric.csv is absent. */
export async function loadPsychometric(duck: Duck, dataDir: string): Promise<boolean> {
  const p = join(dataDir, PSYCHOMETRIC_FILE);
  if (!existsSync(p)) {
    await duck.run(`CREATE OR REPLACE TABLE psych ("user" VARCHAR, ${BIG5.map((b) => `${b} DOUBLE`).join(', ')})`);
    return false;
  }
  await duck.run(`CREATE OR REPLACE TABLE psych AS
    SELECT DISTINCT ON ("user") * FROM (
      SELECT user_id AS "user", ${BIG5.map((b) => `TRY_CAST(${b} AS DOUBLE) AS ${b}`).join(', ')}
      FROM read_csv(${lit(p)}, header = true, all_varchar = true, delim = ',', quote = '"'))
    ORDER BY "user"`);
  return true;
}

/**
 * ctx: one row per user and snapshot with the org fields as indices and the ITAdmin flag.
 * A value's index is its rank by (month of first appearance, value): a value keeps its
 * index once it has one, and a new department gets the next free number, so an index
 * never depends on a snapshot later than the one being read.
 */
export async function buildContext(duck: Duck, fields: string[]): Promise<void> {
  const ranks = fields.map((f) => `i_${f} AS (
      SELECT ${f} AS value, row_number() OVER (ORDER BY min(month), ${f}) - 1 AS i FROM ldap_users WHERE ${f} IS NOT NULL GROUP BY ${f})`);
  const joins = fields.map((f) => ` LEFT JOIN i_${f} ON i_${f}.value = u.${f}`).join('');
  await duck.run(`CREATE OR REPLACE TABLE ctx AS
    ${ranks.length ? `WITH ${ranks.join(', ')}` : ''}
    SELECT u."user", u.month, u.until, ${fields.map((f) => `i_${f}.i AS ${f}_idx, `).join('')}(coalesce(u.role = 'ITAdmin', false))::INTEGER AS itadmin
    FROM ldap_users u${joins}`);
}
