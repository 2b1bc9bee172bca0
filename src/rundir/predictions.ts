// predictions.parquet: one row per scored user-day (user, day, split, insider, score), so
// the scores can be joined back to the features or read by pandas. DuckDB writes the
// Parquet from a CSV staged beside the target; the rename makes it atomic.
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Duck } from '../data/cert/duck.js';
import { lit } from '../data/cert/sql.js';
import { dayToIso, type FeatureMatrix } from '../data/cert/matrix.js';
import { produceAtomic } from '../util/atomic.js';
import { reslabThreads } from '../util/threads.js';
import { PREDICTIONS, runFile } from './files.js';

export type ScoredPart = [split: string, rows: Int32Array, scores: ArrayLike<number>];

/** Extra columns: name → [SQL type, value per row ('' for NULL)]. */
export type ExtraColumns = Record<string, ['INTEGER' | 'DOUBLE', (row: number) => string | number]>;

/** RUN/predictions.parquet: the run's own scored rows. */
export function writeRunPredictions(run: string, m: FeatureMatrix, parts: ScoredPart[]): Promise<void> {
  return writePredictions(runFile(run, PREDICTIONS), m, parts);
}

/** A predictions table at any path (`reslab score` writes one beside the run or anywhere). */
export async function writePredictions(path: string, m: FeatureMatrix, parts: ScoredPart[], extra: ExtraColumns = {}): Promise<void> {
  const names = Object.keys(extra);
  const lines = [['user', 'day', 'split', 'insider', 'score', ...names].join(',')];
  for (const [split, rows, scores] of parts) {
    rows.forEach((r, i) => lines.push([m.users[m.user[r]], dayToIso(m.time[r]), split, m.insider ? m.insider[r] : 0, scores[i], ...names.map((k) => extra[k][1](r))].join(',')));
  }
  const csv = join(tmpdir(), `reslab-pred-${process.pid}-${Date.now()}.csv`);
  writeFileSync(csv, lines.join('\n') + '\n');
  const duck = await Duck.open({ threads: reslabThreads(), memoryLimit: '1GB', tempDir: join(tmpdir(), `reslab-pred-duck-${process.pid}-${Date.now()}`) });
  try {
    await produceAtomic(path, async (tmp) => {
      await duck.copyToParquet(`SELECT "user", CAST("day" AS DATE) AS "day", split, CAST(insider AS INTEGER) AS insider, CAST(score AS DOUBLE) AS score${names.map((k) => `, TRY_CAST(${JSON.stringify(k)} AS ${extra[k][0]}) AS ${JSON.stringify(k)}`).join('')}
        FROM read_csv(${lit(csv)}, header = true, all_varchar = true)`, tmp);
    });
  } finally {
    duck.close();
    rmSync(csv, { force: true });
  }
}

/** A run's scored rows of one split, as typed arrays in (user, day) order. */
export interface ScoredRows {
  scores: Float64Array;
  /** insider: the scenario number, 0 benign. */
  labels: Int32Array;
  /** Dense user ids in name order: runs scored on the same rows number users alike. */
  users: Int32Array;
  /** Days since 1970-01-01. */
  days: Int32Array;
}

/** RUN/predictions.parquet's rows of `split` (default test), sorted by user and day so that two runs on the same split line up row for row. */
export async function readRunPredictions(run: string, split = 'test'): Promise<ScoredRows> {
  const path = runFile(run, PREDICTIONS);
  const duck = await Duck.open({ threads: 1, memoryLimit: '512MB', tempDir: join(tmpdir(), `reslab-pred-read-${process.pid}-${Date.now()}`) });
  try {
    const rows = await duck.rows<{ u: number; d: number; y: number; s: number }>(
      `SELECT (dense_rank() OVER (ORDER BY "user") - 1)::INTEGER AS u, date_diff('day', DATE '1970-01-01', "day")::INTEGER AS d, insider::INTEGER AS y, score::DOUBLE AS s
       FROM read_parquet(${lit(path)}) WHERE split = ${lit(split)} ORDER BY "user", "day"`);
    if (rows.length === 0) throw new Error(`${path}: no rows of split '${split}'`);
    return {
      scores: Float64Array.from(rows, (r) => r.s), labels: Int32Array.from(rows, (r) => r.y),
      users: Int32Array.from(rows, (r) => r.u), days: Int32Array.from(rows, (r) => r.d),
    };
  } finally {
    duck.close();
  }
}
