// runBaselines with log edges: the edge file beside the features (or named) gives the
// graph detectors their context, the default list takes them in only when edges exist,
// and asking for one without edges names the missing file and how to write it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { baselineDetectors, DEFAULT_BASELINES, DEFAULT_GRAPH_BASELINES, runBaselines } from '../../src/train/baselines.js';
import { edgesPathFor } from '../../src/data/cert/edges.js';
import { dayToIso } from '../../src/data/cert/matrix.js';
import { toyMatrix } from '../train/helpers.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** Email and PC edges for toyMatrix's users: two groups (even and odd users) that mail and share PCs inside the group. */
async function writeToyEdges(path: string, users: string[], days: number[]): Promise<void> {
  const rows: string[] = [];
  for (const d of days) {
    users.forEach((u, i) => {
      const next = users[(i + 2) % users.length]!;
      rows.push(`('email', '${u}', '${next}', '${dayToIso(d)}', 1)`);
      rows.push(`('pc', '${u}', 'PC-${i % 2}', '${dayToIso(d)}', 1)`);
    });
  }
  // An edge of a user the features do not have: dropped, not an error.
  rows.push(`('pc', 'X9999', 'PC-0', '${dayToIso(days[0]!)}', 1)`);
  const inst = await DuckDBInstance.create(':memory:');
  const c = await inst.connect();
  try {
    await c.run(`COPY (SELECT kind, "user", target, CAST(day AS DATE) AS day, count::INTEGER AS count FROM (VALUES ${rows.join(', ')}) t(kind, "user", target, day, count))
                 TO '${path}' (FORMAT parquet)`);
  } finally {
    c.closeSync();
    inst.closeSync();
  }
}

const SPLIT = { kind: 'le2020' as const, trainPeriod: 0.5, trainUsers: 0.5, valUsers: 0.2 };

test('the graph detectors run on the edges beside the features, and join the default list only when those exist', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'reslab-graph-runner-'));
  try {
    const m = toyMatrix({ users: 12, days: 28 });
    const features = join(dir, 'toy.parquet');
    assert.deepEqual(baselineDetectors({ features }), DEFAULT_BASELINES);
    await writeToyEdges(edgesPathFor(features), m.users, [...new Set(m.time)]);
    assert.deepEqual(baselineDetectors({ features }), [...DEFAULT_BASELINES, ...DEFAULT_GRAPH_BASELINES]);
    assert.deepEqual(baselineDetectors({ features, detectors: ['zscore'] }), ['zscore']);

    const lines: string[] = [];
    const params = { louvain_pc: { resolution: 0.5 } };
    await assert.rejects(runBaselines({ features, detectors: ['louvain'], split: SPLIT, seeds: [1], params }, join(dir, 'bl'), () => {}, m), /parameters given for 'louvain_pc', which is not among the detectors run/);
    await assert.rejects(runBaselines({ features, detectors: ['louvain'], split: SPLIT, seeds: [1], params: { louvain: { resolutoin: 1 } } }, join(dir, 'bl'), () => {}, m), /louvain: unknown parameter resolutoin/);
    const rows = await runBaselines({ features, detectors: ['louvain', 'louvain_pc'], split: SPLIT, seeds: [1], params }, join(dir, 'bl'), (s) => lines.push(s), m);
    assert.deepEqual(JSON.parse(readFileSync(join(dir, 'bl', 'louvain_pc', 'seed-1', 'config.json'), 'utf8')).detectorParams, { resolution: 0.5 });
    assert.deepEqual(rows.map((r) => r.detector), ['louvain', 'louvain_pc']);
    for (const r of rows) {
      assert.ok(Number.isFinite(r.rocAuc) && Number.isFinite(r.averagePrecision), `${r.detector} is evaluated`);
      assert.ok(existsSync(join(r.dir, 'result.json')) && existsSync(join(r.dir, 'predictions.parquet')));
      assert.equal(JSON.parse(readFileSync(join(r.dir, 'config.json'), 'utf8')).edges, edgesPathFor(features));
      // result.json carries the PR-AUC's bootstrap interval over test users, around the estimate.
      const ci = JSON.parse(readFileSync(join(r.dir, 'result.json'), 'utf8')).test.averagePrecisionCi;
      assert.ok(ci && ci.lo <= r.averagePrecision && r.averagePrecision <= ci.hi && ci.lo < ci.hi, JSON.stringify(ci));
    }
    assert.match(lines[0]!, /^edges: pc 336, email 336 from .*toy\.edges\.parquet \(left out, users not in the features: 1 pc\)$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a graph detector without edges fails before any work, naming the file and how to write it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'reslab-graph-runner-'));
  try {
    const features = join(dir, 'toy.parquet');
    const m = toyMatrix({ users: 8, days: 14 });
    await assert.rejects(
      runBaselines({ features, detectors: ['zscore', 'louvain'], split: SPLIT, seeds: [1] }, join(dir, 'bl'), () => {}, m),
      (e: Error) => e.message.includes(`louvain need the log edges, and ${join(dir, 'toy.edges.parquet')} does not exist`) && /reslab features .*--edges', or pass --edges FILE/.test(e.message),
    );
    assert.equal(existsSync(join(dir, 'bl')), false, 'nothing written');
    assert.throws(() => baselineDetectors({ features, edges: join(dir, 'other.parquet') }), /other\.parquet: edge file not found \(write it with 'reslab features … --edges'\)/);

    // The command says the same, without a stack trace.
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'reslab.js'), 'baselines', '--features', features, '--out', join(dir, 'bl'), '--only', 'louvain'], { encoding: 'utf8' });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /louvain need the log edges, and .*toy\.edges\.parquet does not exist/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
