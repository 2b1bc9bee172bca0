// Reads FEATURES.edges.parquet (written by `reslab features --edges`) into one columnar
// EdgeList per kind, indexed against a feature matrix's users. DuckDB reads the file and
// does the indexing; JS only copies typed columns.
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Duck } from '../../data/cert/duck.js';
import { lit } from '../../data/cert/sql.js';
import { EDGE_KINDS, type EdgeKind, type EdgeList } from './types.js';
import { reslabThreads } from '../../util/threads.js';

const COLUMNS: Record<string, string> = { kind: 'VARCHAR', user: 'VARCHAR', target: 'VARCHAR', day: 'DATE', count: 'INTEGER' };

/**
 * One EdgeList per kind present in the file (in EDGE_KINDS order). Rows whose user is not
 * in `users` (or, for email, whose recipient is not) are dropped and counted in
 * EdgeList.dropped; pc and web targets are the kind's distinct targets, sorted.
 */
export async function loadEdges(path: string, users: string[]): Promise<EdgeList[]> {
  if (!existsSync(path)) throw new Error(`${path}: edge file not found (write it with 'reslab features … --edges')`);
  const duck = await Duck.open({ threads: reslabThreads(), memoryLimit: '1GB', tempDir: join(tmpdir(), `reslab-edges-${process.pid}-${Date.now()}`) });
  try {
    const src = `read_parquet(${lit(path)})`;
    let described: { column_name: string; column_type: string }[];
    try {
      described = await duck.rows(`DESCRIBE SELECT * FROM ${src}`);
    } catch (e) {
      throw new Error(`${path}: not a readable Parquet file: ${(e as Error).message}`);
    }
    for (const [col, type] of Object.entries(COLUMNS)) {
      const c = described.find((d) => d.column_name === col);
      if (!c) throw new Error(`${path}: no column '${col}' (expected kind, user, target, day, count)`);
      if (!(c.column_type === type || (col === 'count' && /INT/.test(c.column_type)))) throw new Error(`${path}: column '${col}' is ${c.column_type}, expected ${type}`);
    }
    const bad = await duck.rows<{ kind: string | null }>(`SELECT DISTINCT kind FROM ${src} WHERE kind IS NULL OR kind NOT IN (${EDGE_KINDS.map(lit).join(', ')}) LIMIT 1`);
    if (bad.length) throw new Error(`${path}: column 'kind' holds '${bad[0]!.kind}', expected one of ${EDGE_KINDS.join(', ')}`);
    const nulls = Number(await duck.scalar(`SELECT count(*) FROM ${src} WHERE "user" IS NULL OR target IS NULL OR day IS NULL OR count IS NULL OR count < 0`));
    if (nulls > 0) throw new Error(`${path}: ${nulls} row(s) with a NULL user, target, day or count, or a negative count`);

    await duck.run(`CREATE TABLE u ("user" VARCHAR, i INTEGER)`);
    if (users.length) await duck.run(`INSERT INTO u VALUES ${users.map((u, i) => `(${lit(u)}, ${i})`).join(', ')}`);
    const kinds = (await duck.rows<{ kind: string }>(`SELECT DISTINCT kind FROM ${src}`)).map((r) => r.kind as EdgeKind);
    const out: EdgeList[] = [];
    for (const kind of EDGE_KINDS.filter((k) => kinds.includes(k))) {
      const email = kind === 'email';
      const targets = email ? users : (await duck.rows<{ t: string }>(`SELECT DISTINCT target AS t FROM ${src} WHERE kind = ${lit(kind)} ORDER BY 1`)).map((r) => r.t);
      if (!email) await duck.run(`CREATE OR REPLACE TABLE t AS SELECT t AS target, (row_number() OVER (ORDER BY t) - 1)::INTEGER AS j FROM (SELECT DISTINCT target AS t FROM ${src} WHERE kind = ${lit(kind)})`);
      const targetJoin = email ? `JOIN u tu ON tu."user" = e.target` : `JOIN t ON t.target = e.target`;
      const targetIdx = email ? 'tu.i' : 't.j';
      const rows = `FROM (SELECT * FROM ${src} WHERE kind = ${lit(kind)}) e JOIN u uu ON uu."user" = e."user" ${targetJoin}`;
      const total = Number(await duck.scalar(`SELECT count(*) FROM ${src} WHERE kind = ${lit(kind)}`));
      const n = Number(await duck.scalar(`SELECT count(*) ${rows}`));
      const user = new Int32Array(n), target = new Int32Array(n), day = new Int32Array(n), count = new Float32Array(n);
      const result = await duck.conn.stream(
        `SELECT uu.i, ${targetIdx}, date_diff('day', DATE '1970-01-01', e.day)::INTEGER, e.count::FLOAT ${rows} ORDER BY e.day, uu.i, ${targetIdx}`,
      );
      let r = 0;
      for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
        const cols = [0, 1, 2, 3].map((j) => chunk.getColumnValues(j) as number[]);
        for (let i = 0; i < chunk.rowCount; i++, r++) {
          user[r] = cols[0]![i]!;
          target[r] = cols[1]![i]!;
          day[r] = cols[2]![i]!;
          count[r] = cols[3]![i]!;
        }
      }
      if (r !== n) throw new Error(`${path}: expected ${n} ${kind} edges, read ${r}`);
      out.push({ kind, user, target, targets, day, count, dropped: total - n });
    }
    return out;
  } finally {
    duck.close();
  }
}
