// DuckDB session for one extraction: an in-memory database with a memory limit,
// a thread count and a spill directory, plus small query helpers.
import { mkdirSync, rmSync } from 'node:fs';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { lit } from './sql.js';

export interface DuckOptions {
  threads: number;
  /** e.g. '4GB' */
  memoryLimit: string;
  /** Spill directory; created here and removed by close(). */
  tempDir: string;
}

/**
 * RESLAB_TRACE_SQL=1 prints each statement's wall time and the process's CPU time
 * (user + system, all threads) during it to stderr, for tuning; on a shared machine the
 * CPU time is the steadier figure.
 */
function trace(sql: string, t0: number, c0: NodeJS.CpuUsage): void {
  if (!process.env.RESLAB_TRACE_SQL) return;
  const c = process.cpuUsage(c0);
  const s = (us: number) => (us / 1e6).toFixed(2);
  process.stderr.write(`[sql ${((performance.now() - t0) / 1000).toFixed(2)}s cpu ${s(c.user)}+${s(c.system)}s] ${sql.replace(/^SET disabled_optimizers[^;]*;/, '').replace(/\s+/g, ' ').trim().slice(0, 160)}\n`);
}

/** A size such as '2GB', '512MB' or '1.5GiB' in bytes (DuckDB's units: KB = 1000, KiB = 1024). */
export function sizeBytes(size: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)\s*$/i.exec(size);
  if (!m) throw new Error(`memory limit '${size}' is not a size such as 4GB or 512MB`);
  const unit = m[2]!.toLowerCase();
  const base = unit.endsWith('ib') ? 1024 : 1000;
  const power = { b: 0, k: 1, m: 2, g: 3, t: 4 }[unit[0] as 'b' | 'k' | 'm' | 'g' | 't'];
  return Number(m[1]) * base ** power;
}

export class Duck {
  private constructor(
    private readonly instance: DuckDBInstance,
    readonly conn: DuckDBConnection,
    private readonly tempDir: string,
  ) {}

  static async open(opts: DuckOptions): Promise<Duck> {
    sizeBytes(opts.memoryLimit); // a clear error for a malformed limit, before DuckDB's own
    if (!Number.isInteger(opts.threads) || opts.threads < 1) throw new Error(`threads must be a positive integer, got ${opts.threads}`);
    mkdirSync(opts.tempDir, { recursive: true });
    const instance = await DuckDBInstance.create(':memory:', {
      threads: String(opts.threads),
      memory_limit: opts.memoryLimit,
      temp_directory: opts.tempDir,
      preserve_insertion_order: 'false',
    });
    const conn = await instance.connect();
    // A CSV scan's row estimate can be tiny, which would make ASOF joins pick a nested loop.
    await conn.run('SET enable_progress_bar = true; SET enable_progress_bar_print = false; SET asof_loop_join_threshold = 0;');
    return new Duck(instance, conn, opts.tempDir);
  }

  async run(sql: string): Promise<void> {
    const t = performance.now();
    const c = process.cpuUsage();
    await this.conn.run(sql);
    trace(sql, t, c);
  }

  /** Runs a query and returns its rows as plain JS objects (BIGINT → bigint; cast in SQL when a number is wanted). */
  async rows<T = Record<string, unknown>>(sql: string): Promise<T[]> {
    const r = await this.conn.runAndReadAll(sql);
    return r.getRowObjectsJS() as T[];
  }

  async scalar<T = unknown>(sql: string): Promise<T> {
    const r = await this.conn.runAndReadAll(sql);
    const rows = r.getRowsJS();
    return rows[0]?.[0] as T;
  }

  /**
   * Runs a long statement while reporting DuckDB's own progress (0..1) every
   * `everyMs`; the callback is always called with 1 at the end.
   */
  async runWithProgress(sql: string, onProgress: (fraction: number) => void, everyMs = 250): Promise<void> {
    const timer = setInterval(() => {
      const p = this.conn.progress.percentage;
      if (p >= 0) onProgress(Math.min(1, p / 100));
    }, everyMs);
    const t = performance.now();
    const c = process.cpuUsage();
    try {
      await this.conn.run(sql);
    } finally {
      clearInterval(timer);
    }
    trace(sql, t, c);
    onProgress(1);
  }

  async copyToParquet(selectSql: string, path: string): Promise<void> {
    await this.conn.run(`COPY (${selectSql}) TO ${lit(path)} (FORMAT parquet, COMPRESSION zstd)`);
  }

  close(): void {
    try {
      this.conn.closeSync();
    } catch {
      /* already closed */
    }
    try {
      this.instance.closeSync();
    } catch {
      /* already closed */
    }
    rmSync(this.tempDir, { recursive: true, force: true });
  }
}
