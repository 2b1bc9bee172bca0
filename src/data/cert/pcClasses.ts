// PC classes (own, shared, supervisor's; any other PC is "other"), as they could be known
// on each day: pc_class(user, pc, cls, from_day, to_day) holds the class a PC has for a
// user from from_day to to_day inclusive, and a window looks it up on its reference day
// (windows.ts refDaySql). Where several classes apply the smallest code wins.
//
// Own PC, as the anchor derives it: the PCs a user logged on to in both of the two anchor
// weeks (weeks 1 and 2 counted from the Sunday before the first logon, or the first two
// weeks present). One PC → it is the user's own. Several → the one that the fewest other
// such users also have is the own PC and the rest are the user's shared PCs (none for
// users whose role is ITAdmin in the snapshot in force then, who log on everywhere).
// The anchor's classes hold from the day after its second week ends: before that they
// are not yet known.
//
// Until then, and for users the anchor leaves without a PC (new hires, irregular users),
// the own PC is provisional: the PC the user has logged on to most often so far (up to
// and including the day; ties by name). Le et al.'s extractor applies the anchor to its
// own weeks too, and reslab once used the most-used PC over the whole period as the
// fallback; both look into the future.
//
// Supervisor's PC: the own PC (anchored or provisional), on that day, of the supervisor
// named in the LDAP snapshot in force that day.
import type { Duck } from './duck.js';
import { FOREVER } from './context.js';

/** Picks the two anchor weeks from the weeks present in the logon data. */
export function anchorWeeks(weeks: number[]): [number, number] {
  const w = [...new Set(weeks)].sort((a, b) => a - b);
  if (w.includes(1) && w.includes(2)) return [1, 2];
  if (w.length >= 2) return [w[0]!, w[1]!];
  return [w[0] ?? 0, w[0] ?? 0];
}

/** Builds pc_class from ev_logon_raw and ldap_users; codes 0 own, 1 shared, 3 supervisor's. */
export async function buildPcClasses(duck: Duck): Promise<void> {
  await duck.run(`CREATE OR REPLACE TABLE logon_weeks AS
    WITH f AS (SELECT min(ts)::DATE - CAST(dayofweek(min(ts)) AS INTEGER) AS sunday FROM ev_logon_raw)
    SELECT "user", pc, date_diff('day', (SELECT sunday FROM f), ts::DATE) // 7 AS wk, (SELECT sunday FROM f) AS sunday
    FROM ev_logon_raw WHERE is_logon`);
  const weeks = (await duck.rows<{ wk: number }>(`SELECT DISTINCT wk::INTEGER AS wk FROM logon_weeks`)).map((r) => Number(r.wk));
  const [a, b] = anchorWeeks(weeks);
  const anchorEnd = `((SELECT min(sunday) FROM logon_weeks) + ${7 * (b + 1)})`;
  await duck.run(`
    CREATE OR REPLACE TABLE user_pcs AS
      SELECT DISTINCT "user", pc FROM logon_weeks WHERE wk = ${a}
      INTERSECT SELECT DISTINCT "user", pc FROM logon_weeks WHERE wk = ${b};
    CREATE OR REPLACE TABLE anchor_own AS
      WITH multi AS (SELECT "user" FROM user_pcs GROUP BY "user" HAVING count(*) > 1),
      load AS (SELECT pc, count(*) AS k FROM user_pcs WHERE "user" IN (SELECT "user" FROM multi) GROUP BY pc)
      SELECT up."user", arg_min(up.pc, (coalesce(l.k, 0), up.pc)) AS pc, ${anchorEnd} AS from_day
      FROM user_pcs up LEFT JOIN load l USING (pc) GROUP BY up."user";
    CREATE OR REPLACE TABLE running_own AS
      WITH lc AS (SELECT "user", pc, ts::DATE AS day, count(*) AS k FROM ev_logon_raw WHERE is_logon GROUP BY ALL),
      cum AS (
        SELECT *, sum(k) OVER (PARTITION BY "user", pc ORDER BY day) AS c,
          dense_rank() OVER (PARTITION BY "user" ORDER BY pc DESC) AS name_rank
        FROM lc
      ),
      -- Counts only grow, so the best row so far is the best PC so far; a larger name_rank is an earlier name.
      best AS (
        SELECT DISTINCT "user", day, arg_max(pc, c * 1000000 + name_rank) OVER (PARTITION BY "user" ORDER BY day) AS pc FROM cum
      ),
      runs AS (
        SELECT *, sum((prev IS DISTINCT FROM pc)::INTEGER) OVER (PARTITION BY "user" ORDER BY day) AS run
        FROM (SELECT *, lag(pc) OVER (PARTITION BY "user" ORDER BY day) AS prev FROM best)
      ),
      spans AS (SELECT "user", pc, min(day) AS from_day FROM runs GROUP BY "user", run, pc)
      SELECT s."user", s.pc, s.from_day,
        least(coalesce(lead(s.from_day) OVER (PARTITION BY s."user" ORDER BY s.from_day) - 1, ${FOREVER}),
              coalesce(a.from_day - 1, ${FOREVER})) AS to_day
      FROM spans s LEFT JOIN anchor_own a USING ("user");
    CREATE OR REPLACE TABLE own_spans AS
      SELECT "user", pc, from_day, ${FOREVER} AS to_day FROM anchor_own
      UNION ALL SELECT "user", pc, from_day, to_day FROM running_own WHERE from_day <= to_day;
    CREATE OR REPLACE TABLE pc_class AS
      SELECT "user", pc, 0 AS cls, from_day, to_day FROM own_spans
      UNION ALL
      SELECT up."user", up.pc, 1, o.from_day, ${FOREVER}
        FROM user_pcs up JOIN anchor_own o ON o."user" = up."user"
        WHERE up.pc <> o.pc AND NOT EXISTS (
          SELECT 1 FROM ctx c WHERE c."user" = up."user" AND c.itadmin = 1 AND o.from_day >= c.month AND o.from_day < c.until)
      UNION ALL
      SELECT s."user", o.pc, 3, greatest(s.month, o.from_day), least(s.until - 1, o.to_day)
        FROM ldap_users s JOIN own_spans o ON o."user" = s.supervisor
        WHERE greatest(s.month, o.from_day) <= least(s.until - 1, o.to_day);`);
}

/**
 * SQL for a table of `rows` (columns "user", pc and whatever `ref` reads) with pcc, the
 * class code of each row's PC on its reference day `ref` (SQL over alias a): 2 (other)
 * when no class applies. Each distinct (user, pc, day) is looked up once.
 */
export function withPcClassSql(rows: string, ref: string, otherCode: number): string {
  const refK = ref.replace(/\ba\./g, 'r.');
  return `(WITH k AS (SELECT DISTINCT r."user", r.pc, ${refK} AS rd FROM ${rows} r),
      c AS (
        SELECT k."user", k.pc, k.rd, min(p.cls) AS cls
        FROM k JOIN pc_class p ON p."user" = k."user" AND p.pc = k.pc AND k.rd BETWEEN p.from_day AND p.to_day
        GROUP BY ALL
      )
    SELECT a.*, coalesce(c.cls, ${otherCode}) AS pcc
    FROM ${rows} a LEFT JOIN c ON c."user" = a."user" AND c.pc = a.pc AND c.rd = ${ref})`;
}
