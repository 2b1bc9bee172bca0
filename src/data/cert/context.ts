// User context from LDAP snapshots and psychometric.csv, and each user's PCs.
//
// Own PC, as the anchor derives it: the PCs a user logged on to in both of the two
// anchor weeks (weeks 1 and 2 counted from the Sunday before the first logon, or the
// first two weeks present). One PC → it is the user's own. Several → the one that the
// fewest other such users also have is the own PC and the rest are the user's shared
// PCs (none for ITAdmins, who log on everywhere). None → (reslab's fallback; the anchor
// leaves the user without one) the PC the user logged on to most often.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Duck } from './duck.js';
import { BIG5, LDAP_DIR, LDAP_REQUIRED, PSYCHOMETRIC_FILE } from '../format/index.js';
import { CertFormatError } from './releases.js';
import { lit } from './sql.js';

export const ORG_FIELDS = ['role', 'business_unit', 'functional_unit', 'department', 'team', 'projects'] as const;

/** Loads LDAP/*.csv into `users` (first appearance per user, supervisor's user id, termination month). */
export async function loadUsers(duck: Duck, dataDir: string): Promise<{ fields: string[] }> {
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
  const firsts = fields.map((f) => `arg_min(${f}, month) AS ${f}`).join(', ');
  await duck.run(`
    CREATE OR REPLACE TABLE users AS
    WITH u AS (
      SELECT user_id AS "user", arg_min(employee_name, month) AS employee_name, arg_min(supervisor, month) AS supervisor_name,
             ${firsts}, max(month) AS last_month
      FROM ldap WHERE user_id IS NOT NULL GROUP BY user_id
    ), names AS (SELECT employee_name, min("user") AS "user" FROM u GROUP BY employee_name)
    SELECT u.*, s."user" AS supervisor,
      CASE WHEN u.last_month < (SELECT max(month) FROM ldap) THEN (u.last_month + INTERVAL 1 MONTH)::DATE END AS term_date
    FROM u LEFT JOIN names s ON s.employee_name = u.supervisor_name`);
  return { fields };
}

/** Adds Big-5 scores; returns false (a warning for the caller) when psychometric.csv is absent. */
export async function loadPsychometric(duck: Duck, dataDir: string): Promise<boolean> {
  const p = join(dataDir, PSYCHOMETRIC_FILE);
  if (!existsSync(p)) {
    await duck.run(`CREATE OR REPLACE TABLE psych ("user" VARCHAR, ${BIG5.map((b) => `${b} DOUBLE`).join(', ')})`);
    return false;
  }
  await duck.run(`CREATE OR REPLACE TABLE psych AS
    SELECT user_id AS "user", ${BIG5.map((b) => `TRY_CAST(${b} AS DOUBLE) AS ${b}`).join(', ')}
    FROM read_csv(${lit(p)}, header = true, all_varchar = true, delim = ',', quote = '"')`);
  return true;
}

/** Picks the two anchor weeks from the weeks present in the logon data. */
export function anchorWeeks(weeks: number[]): [number, number] {
  const w = [...new Set(weeks)].sort((a, b) => a - b);
  if (w.includes(1) && w.includes(2)) return [1, 2];
  if (w.length >= 2) return [w[0]!, w[1]!];
  return [w[0] ?? 0, w[0] ?? 0];
}

/** Builds pc_class(user, pc, cls) with cls 0 own, 1 shared, 3 supervisor's; absent = other (2). */
export async function buildPcClasses(duck: Duck): Promise<void> {
  await duck.run(`CREATE OR REPLACE TABLE logon_weeks AS
    WITH f AS (SELECT min(ts)::DATE - CAST(dayofweek(min(ts)) AS INTEGER) AS sunday FROM ev_logon_raw)
    SELECT "user", pc, date_diff('day', (SELECT sunday FROM f), ts::DATE) // 7 AS wk FROM ev_logon_raw WHERE is_logon`);
  const weeks = (await duck.rows<{ wk: number }>(`SELECT DISTINCT wk::INTEGER AS wk FROM logon_weeks`)).map((r) => Number(r.wk));
  const [a, b] = anchorWeeks(weeks);
  await duck.run(`
    CREATE OR REPLACE TABLE user_pcs AS
      SELECT DISTINCT "user", pc FROM logon_weeks WHERE wk = ${a}
      INTERSECT SELECT DISTINCT "user", pc FROM logon_weeks WHERE wk = ${b};
    CREATE OR REPLACE TABLE own_pc AS
      WITH multi AS (SELECT "user" FROM user_pcs GROUP BY "user" HAVING count(*) > 1),
      load AS (SELECT pc, count(*) AS k FROM user_pcs WHERE "user" IN (SELECT "user" FROM multi) GROUP BY pc),
      picked AS (
        SELECT up."user", arg_min(up.pc, (coalesce(l.k, 0), up.pc)) AS pc
        FROM user_pcs up LEFT JOIN load l USING (pc) GROUP BY up."user"
      ),
      fallback AS (
        SELECT "user", first(pc ORDER BY k DESC, pc) AS pc FROM (
          SELECT "user", pc, count(*) AS k FROM ev_logon_raw WHERE is_logon GROUP BY ALL
        ) WHERE "user" NOT IN (SELECT "user" FROM picked) GROUP BY "user"
      )
      SELECT * FROM picked UNION ALL SELECT * FROM fallback;
    CREATE OR REPLACE TABLE pc_class AS
      SELECT "user", pc, min(cls) AS cls FROM (
        SELECT "user", pc, 0 AS cls FROM own_pc
        UNION ALL
        SELECT up."user", up.pc, 1 FROM user_pcs up
          WHERE up.pc <> (SELECT o.pc FROM own_pc o WHERE o."user" = up."user")
            AND up."user" NOT IN (SELECT "user" FROM users WHERE role = 'ITAdmin')
        UNION ALL
        SELECT u."user", o.pc, 3 FROM users u JOIN own_pc o ON o."user" = u.supervisor
      ) GROUP BY "user", pc;`);
}

/** ctx: one row per LDAP user with dense indices of the org fields (sorted values, −1 unknown). */
export async function buildContext(duck: Duck, fields: string[]): Promise<void> {
  const idx = fields.map((f) => `CASE WHEN u.${f} IS NULL THEN -1 ELSE dense_rank() OVER (ORDER BY u.${f}) - 1 END AS ${f}_idx`).join(', ');
  await duck.run(`CREATE OR REPLACE TABLE ctx AS
    SELECT u."user", ${idx}, (u.role = 'ITAdmin')::INTEGER AS itadmin, p.O, p.C, p.E, p.A, p.N, u.term_date
    FROM users u LEFT JOIN psych p ON p."user" = u."user"`);
}
