// loadEdges: an edge Parquet file → one columnar EdgeList per kind, indexed against the
// feature matrix's users; unknown users dropped and counted; bad files named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { loadEdges } from '../../src/baselines/graph/load.js';

async function writeParquet(path: string, select: string): Promise<void> {
  const inst = await DuckDBInstance.create(':memory:');
  const c = await inst.connect();
  try {
    await c.run(`COPY (${select}) TO '${path}' (FORMAT parquet)`);
  } finally {
    c.closeSync();
    inst.closeSync();
  }
}

const ROWS = `SELECT kind, "user", target, CAST(day AS DATE) AS day, count::INTEGER AS count FROM (VALUES
  ('web', 'C', 'x.com', '2010-01-06', 4),
  ('pc', 'A', 'PC-2', '2010-01-04', 3),
  ('pc', 'B', 'PC-1', '2010-01-04', 1),
  ('pc', 'Z', 'PC-3', '2010-01-05', 1),
  ('email', 'B', 'A', '2010-01-05', 1),
  ('email', 'A', 'B', '2010-01-04', 2),
  ('email', 'A', 'Q', '2010-01-04', 1)
) t(kind, "user", target, day, count)`;

test('loadEdges: kinds in order, users and email recipients as user indices, other targets sorted, unknown users dropped and counted', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'reslab-edges-'));
  try {
    const path = join(dir, 'f.edges.parquet');
    await writeParquet(path, ROWS);
    const lists = await loadEdges(path, ['A', 'B', 'C']);
    assert.deepEqual(lists.map((l) => l.kind), ['pc', 'email', 'web']);
    const [pc, email, web] = lists as [typeof lists[0], typeof lists[0], typeof lists[0]];
    // 2010-01-04 is day 14613 since 1970-01-01.
    assert.deepEqual(pc.targets, ['PC-1', 'PC-2', 'PC-3']);
    assert.deepEqual([...pc.user], [0, 1]);
    assert.deepEqual([...pc.target], [1, 0]);
    assert.deepEqual([...pc.day], [14613, 14613]);
    assert.deepEqual([...pc.count], [3, 1]);
    assert.equal(pc.dropped, 1, "Z is not one of the users");
    assert.deepEqual(email.targets, ['A', 'B', 'C']);
    assert.deepEqual([...email.user], [0, 1]);
    assert.deepEqual([...email.target], [1, 0]);
    assert.deepEqual([...email.day], [14613, 14614]);
    assert.equal(email.dropped, 1, 'Q is not one of the users');
    assert.deepEqual(web.targets, ['x.com']);
    assert.deepEqual([...web.user], [2]);
    assert.deepEqual([...web.count], [4]);
    assert.equal(web.dropped, 0);
    // No users at all: every row is dropped.
    assert.deepEqual((await loadEdges(path, [])).map((l) => [l.kind, l.user.length, l.dropped]), [['pc', 0, 3], ['email', 0, 3], ['web', 0, 1]]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('loadEdges: a missing file, a missing column, an unknown kind or a NULL field is an error naming the file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'reslab-edges-'));
  try {
    await assert.rejects(loadEdges(join(dir, 'none.parquet'), ['A']), /none\.parquet: edge file not found \(write it with 'reslab features … --edges'\)/);
    const noCount = join(dir, 'a.parquet');
    await writeParquet(noCount, `SELECT 'pc' AS kind, 'A' AS "user", 'PC-1' AS target, DATE '2010-01-04' AS day`);
    await assert.rejects(loadEdges(noCount, ['A']), /a\.parquet: no column 'count'/);
    const badKind = join(dir, 'b.parquet');
    await writeParquet(badKind, `SELECT 'phone' AS kind, 'A' AS "user", 'x' AS target, DATE '2010-01-04' AS day, 1 AS count`);
    await assert.rejects(loadEdges(badKind, ['A']), /b\.parquet: column 'kind' holds 'phone', expected one of pc, email, web/);
    const badDay = join(dir, 'c.parquet');
    await writeParquet(badDay, `SELECT 'pc' AS kind, 'A' AS "user", 'x' AS target, '2010-01-04' AS day, 1 AS count`);
    await assert.rejects(loadEdges(badDay, ['A']), /c\.parquet: column 'day' is VARCHAR, expected DATE/);
    const nullTarget = join(dir, 'd.parquet');
    await writeParquet(nullTarget, `SELECT 'pc' AS kind, 'A' AS "user", NULL::VARCHAR AS target, DATE '2010-01-04' AS day, 1 AS count`);
    await assert.rejects(loadEdges(nullTarget, ['A']), /d\.parquet: 1 row\(s\) with a NULL user, target, day or count/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
