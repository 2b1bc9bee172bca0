// Resumable extraction: each finished scan stage (one log file reduced to its small
// tables) is saved as Parquet in a work directory beside the output, under a key made of
// the stage's own SQL and the size and mtime of every input it read. A rerun after an
// interruption restores the stages whose key still matches instead of rescanning; a
// changed input, option or reslab version changes the SQL or a fingerprint, so the key.
//
// Files per stage: <stage>.<table>.parquet for each table, then <stage>.done.json with
// the key, written last (temp + rename), so a stage counts only once all its tables are
// complete. A stage saved under another key is simply overwritten.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { removeStaleTemps, writeFileAtomic } from '../../util/atomic.js';
import type { Duck } from './duck.js';
import { lit } from './sql.js';

/** Bumped when what a stage saves changes without its SQL changing. */
const STAGE_FORMAT = 1;

const sizeTime = (path: string) => {
  const st = statSync(path);
  return st.isDirectory() ? null : `${st.size}:${Math.round(st.mtimeMs)}`;
};

/** size:mtime of a file, or of every file under a directory (in name order), or 'absent'. */
export function fingerprint(path: string | null): string {
  if (!path || !existsSync(path)) return 'absent';
  if (!statSync(path).isDirectory()) return sizeTime(path)!;
  return readdirSync(path, { recursive: true, encoding: 'utf8' })
    .sort()
    .flatMap((p) => {
      const f = sizeTime(join(path, p));
      return f === null ? [] : [`${p}=${f}`];
    })
    .join(';');
}

/** The key of a stage: a hash of what it runs and what it reads. */
export function stageKey(sqls: string[], inputs: (string | null)[]): string {
  const h = createHash('sha256');
  h.update(JSON.stringify({ v: STAGE_FORMAT, sqls, inputs: inputs.map((p) => [p, fingerprint(p)]) }));
  return h.digest('hex').slice(0, 32);
}

export class StageStore {
  /** `dir` null: nothing is saved or restored (resume off). */
  constructor(
    private readonly duck: Duck,
    readonly dir: string | null,
  ) {
    if (dir) {
      mkdirSync(dir, { recursive: true });
      removeStaleTemps(dir); // half-saved tables of a killed run
    }
  }

  private marker(stage: string): string {
    return join(this.dir!, `${stage}.done.json`);
  }

  private file(stage: string, table: string): string {
    return join(this.dir!, `${stage}.${table}.parquet`);
  }

  /** Recreates the stage's tables from a saved copy with this key; false when there is none. */
  async restore(stage: string, key: string, tables: string[]): Promise<boolean> {
    if (!this.dir || !existsSync(this.marker(stage))) return false;
    try {
      if (JSON.parse(readFileSync(this.marker(stage), 'utf8')).key !== key) return false;
    } catch {
      return false;
    }
    if (!tables.every((t) => existsSync(this.file(stage, t)))) return false;
    for (const t of tables) await this.duck.run(`CREATE OR REPLACE TABLE ${t} AS SELECT * FROM read_parquet(${lit(this.file(stage, t))})`);
    return true;
  }

  /** Saves the stage's tables, marker last. */
  async save(stage: string, key: string, tables: string[]): Promise<void> {
    if (!this.dir) return;
    rmSync(this.marker(stage), { force: true });
    for (const t of tables) {
      const target = this.file(stage, t);
      const tmp = `${target}.tmp-${process.pid}`;
      try {
        // Snappy: cheap to write on every run, and these files are read back at most once.
        await this.duck.run(`COPY ${t} TO ${lit(tmp)} (FORMAT parquet, COMPRESSION snappy)`);
        renameSync(tmp, target);
      } catch (e) {
        rmSync(tmp, { force: true });
        throw e;
      }
    }
    writeFileAtomic(this.marker(stage), JSON.stringify({ stage, key, tables }) + '\n');
  }

  /** Removes the work directory (once the outputs are in place nothing is left to resume). */
  clear(): void {
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }
}
