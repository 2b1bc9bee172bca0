// extractFeatures: a CERT release directory → FILE.parquet + FILE.schema.json
// (+ FILE.rejects.csv). Each log file is scanned once by DuckDB and reduced to a small
// per-window table; joins and the wide pivot run on those. Outputs are written to temp
// paths and renamed into place. Finished scan stages are kept in a work directory beside
// the output (stages.ts), so a rerun after an interruption resumes where it stopped.
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { progress as makeProgress } from '../../util/progress.js';
import { removeStaleTempsFor, tempPathFor } from '../../util/atomic.js';
import { answerDatasets, findAnswersDir, loadAnswers } from './answers.js';
import { contextDefs, keySelect, sessionDefs, windowTableSql, type RowDef } from './assemble.js';
import { buildContext, buildTermination, loadLdap, loadPsychometric } from './context.js';
import { buildPcClasses } from './pcClasses.js';
import { Duck, sizeBytes } from './duck.js';
import { LOGS, PSYCHOMETRIC_FILE, type Log } from '../format/index.js';
import { edgesPathFor, extractEdges, type EdgeSummary } from './edges.js';
import { deviceSpec, deviceTableSql, emailSpec, fileSpec, httpSpec, logonSpec, logonTableSql, type EventSpec } from './events.js';
import { domainGrid, type FeatureDef } from './features.js';
import { windowsPerRange, writeFeatureTable } from './output.js';
import { countRejects, failOnReject, writeRejects } from './rejects.js';
import { detectLayout, resolveRelease, type DetectedLayout } from './releases.js';
import { activityTypesSql, rejectsTable } from './scan.js';
import { lit } from './sql.js';
import { rejectsPathFor, writeSchema } from './schema.js';
import { LOGON_SESSIONS_SQL, SESSION_ENDS_SQL, SESSION_PC_SQL } from './sessions.js';
import { StageStore, stageKey } from './stages.js';
import { GRANULARITIES, type ExtractOptions, type FeatureSchema, type FeatureSummary, type ProgressEvent, type RejectInfo } from './types.js';
import { stageASql } from './windows.js';

/**
 * Bumped whenever the same logs give other feature values, so that cached feature tables
 * (the demo's and the benches' stage caches key on it) are extracted again.
 * 2: causal context (LDAP snapshot in force, PC classes as known then, durations on the Disconnect).
 */
export const FEATURES_VERSION = 2;

/** Reads the release's headers and names it: r4.1 … r6.2. */
export function detectRelease(dir: string): string {
  const layout = detectLayout(dir, 'auto');
  return resolveRelease(layout.family, 'auto', dir, answerDatasets(findAnswersDir(dir)));
}

/** Where finished stages are kept unless ExtractOptions.workDir says otherwise: beside the output. */
export function workDirFor(out: string): string {
  return `${resolve(out)}.work`;
}

class Reporter {
  private done = 0;
  private readonly total: number;
  private readonly bar;
  constructor(
    private readonly sizes: Record<Log, number>,
    private readonly opts: ExtractOptions,
  ) {
    this.total = Object.values(sizes).reduce((a, b) => a + b, 0);
    this.bar = makeProgress({ title: 'features', total: Math.max(1, Math.round(this.total / 1e6)), unit: 'MB', quiet: opts.quiet });
  }
  report(stage: string, fraction: number, file?: Log): void {
    const bytesDone = this.done + (file ? this.sizes[file] * fraction : 0);
    this.bar.update(Math.round(bytesDone / 1e6), stage);
    const ev: ProgressEvent = { stage, fraction, bytesDone, bytesTotal: this.total };
    this.opts.onProgress?.(ev);
  }
  fileDone(file: Log): void {
    this.done += this.sizes[file];
    this.report(file, 1);
  }
  stop(): void {
    this.bar.stop();
  }
}

function specFor(domain: Log, layout: DetectedLayout): EventSpec {
  switch (domain) {
    case 'logon':
      return logonSpec();
    case 'device':
      return deviceSpec(layout.family);
    case 'file':
      return fileSpec(layout);
    case 'email':
      return emailSpec(layout);
    case 'http':
      return httpSpec(layout);
  }
}

export async function extractFeatures(opts: ExtractOptions): Promise<FeatureSummary> {
  const t0 = performance.now();
  const g = opts.granularity;
  if (!GRANULARITIES.includes(g)) throw new Error(`granularity must be one of ${GRANULARITIES.join(', ')}, got '${String(g)}'`);
  if (opts.fromDay !== undefined && (g !== 'day' || !/^\d{4}-\d{2}-\d{2}$/.test(opts.fromDay))) throw new Error(`fromDay needs day granularity and a YYYY-MM-DD day, got ${g} and '${opts.fromDay}'`);
  const out = resolve(opts.out);
  const layout = detectLayout(opts.data, opts.release ?? 'auto');
  const release = resolveRelease(layout.family, opts.release ?? 'auto', opts.data, answerDatasets(findAnswersDir(opts.data)));
  const warnings: string[] = [];
  const warn = (w: string) => {
    warnings.push(w);
    if (!opts.quiet) process.stderr.write(`warning: ${w}\n`);
  };
  const sizes = Object.fromEntries(LOGS.map((f) => [f, statSync(layout.paths[f]).size])) as Record<Log, number>;
  const rep = new Reporter(sizes, opts);
  mkdirSync(dirname(out), { recursive: true });
  const memoryLimit = opts.memoryLimit ?? '2GB';
  // A killed earlier run (its finished stages are kept for the resume) may have left its
  // temp outputs and spill folder here.
  for (const p of [out, rejectsPathFor(out), edgesPathFor(out)]) removeStaleTempsFor(p);
  const spillDir = tempPathFor(out) + '.spill';
  const duck = await Duck.open({ threads: opts.threads ?? 2, memoryLimit, tempDir: spillDir });
  const tmpOut = tempPathFor(out);
  const rejectsPath = rejectsPathFor(out);
  const tmpRejects = tempPathFor(rejectsPath);
  const edgesPath = edgesPathFor(out);
  const tmpEdges = tempPathFor(edgesPath);
  try {
    const setupSql = [activityTypesSql()];
    for (const sql of setupSql) await duck.run(sql);
    rep.report('ldap', 0);
    const { fields } = await loadLdap(duck, opts.data);
    if (!(await loadPsychometric(duck, opts.data))) warn(`${resolve(opts.data, PSYCHOMETRIC_FILE)} not found; Big-5 columns are NULL`);
    await buildContext(duck, fields);
    if (opts.allowFutureContext) {
      await buildTermination(duck);
      warn('--allow-future-context: context_flag_leaver and context_value_days_to_termination read later LDAP snapshots; no detector scoring today could know them');
    }
    const answers = await loadAnswers(duck, opts.data, release);
    answers.warnings.forEach(warn);

    const rejects: Record<string, RejectInfo> = {};
    const events: Record<string, number> = {};
    const afterScan = async (file: Log) => {
      rejects[file] = await countRejects(duck, file);
      if (opts.strict) await failOnReject(duck, layout, file);
      else if (rejects[file]!.count > 0) warn(`${layout.paths[file]}: ${rejects[file]!.count} malformed row(s) skipped (lines ${rejects[file]!.sampleLines.join(', ')}${rejects[file]!.count > 10 ? ', …' : ''})`);
    };
    const scan = (file: Log, sql: string) => duck.runWithProgress(sql, (f) => rep.report(file, f, file));

    // One stage per log: its scan, restored instead when a saved copy has the same key.
    const store = new StageStore(duck, opts.resume === false ? null : (opts.workDir ?? workDirFor(out)));
    const reused: string[] = [];
    const answersDir = answers.labelled ? findAnswersDir(opts.data) : null;
    const stage = async (log: Log, sql: string, table: string, inputs: (string | null)[]) => {
      const tables = [table, rejectsTable(log)];
      const key = stageKey([...setupSql, sql], [layout.paths[log], ...inputs]);
      const restored = await store.restore(log, key, tables);
      opts.onStage?.({ stage: log, status: restored ? 'reused' : 'start' });
      if (!restored) await scan(log, sql);
      await afterScan(log);
      if (restored) reused.push(log);
      else {
        await store.save(log, key, tables);
        opts.onStage?.({ stage: log, status: 'done' });
      }
      rep.fileDone(log);
    };

    // Logon and device events are few; they are kept whole for sessions, own PCs and connect durations.
    await stage('logon', logonTableSql(layout), 'ev_logon_raw', []);
    await duck.run(LOGON_SESSIONS_SQL);
    await buildPcClasses(duck);
    await stage('device', deviceTableSql(layout), 'ev_device', []);

    const domains: Log[] = [...LOGS];
    for (const d of domains) {
      const sql = stageASql(specFor(d, layout), g, answers.labelled);
      // The big three are reduced straight off their scan; their stage-A SQL reads the
      // answers (mal) and, for sessions, the logon markers.
      if (d === 'logon' || d === 'device') await duck.run(sql);
      else await stage(d, sql, `a_${d}`, [answersDir, g === 'session' ? layout.paths.logon : null]);
      events[d] = Number(await duck.scalar(`SELECT coalesce(sum(n), 0)::BIGINT FROM a_${d}`));
    }

    // After the log stages, so malformed rows are reported (or fail --strict) by them first.
    let edges: EdgeSummary | null = null;
    if (opts.edges) {
      edges = await extractEdges({
        duck, layout, store, data: opts.data, setupSql, tmpPath: tmpEdges, path: edgesPath,
        onStage: (stage, status) => opts.onStage?.({ stage, status }),
        scan: (stage, sql) => duck.runWithProgress(sql, (f) => rep.report(stage, f)),
      });
      reused.push(...edges.reusedStages);
    }

    rep.report('features', 0);
    await duck.run(windowTableSql(g, domains));
    if (opts.fromDay) await duck.run(`DELETE FROM win WHERE day < DATE ${lit(opts.fromDay)}`);
    if (g === 'session') await duck.run(SESSION_ENDS_SQL + ';\n' + SESSION_PC_SQL);
    // The whole logon and device events have served (sessions, own PCs, durations, edges);
    // from here on only per-window tables are read, so their memory goes to the assembly.
    await duck.run('DROP TABLE ev_logon_raw; DROP TABLE ev_logon; DROP TABLE ev_device; DROP TABLE marks');
    const grids = new Map<Log, FeatureDef[]>(domains.map((d) => [d, domainGrid(d, g, layout.family)]));
    const rowDefs: RowDef[] = [...contextDefs(g, fields, opts.allowFutureContext), ...(g === 'session' ? sessionDefs() : [])];
    const columns = keySelect(g).length + rowDefs.length + domains.reduce((n, d) => n + grids.get(d)!.length, 0);
    await writeFeatureTable(duck, {
      g, domains, grids, rowDefs, labelled: answers.labelled, out: tmpOut, scratchDir: spillDir,
      windowsPerRange: opts.assembleWindows ?? windowsPerRange(sizeBytes(memoryLimit), columns),
      onProgress: (f) => rep.report('features', f),
    });

    const schema: FeatureSchema = {
      version: 1,
      release,
      granularity: g,
      keys: keySelect(g).map(([n]) => n),
      labels: answers.labelled ? ['insider', 'malicious_events'] : [],
      columns: [...rowDefs.map((r) => r.col), ...domains.flatMap((d) => grids.get(d)!.map((f) => f.col))],
      ...(opts.allowFutureContext ? { futureContext: true } : {}),
    };
    const [stats] = await duck.rows<{ rows: number; users: number; insider_rows: number; insider_users: number }>(
      `SELECT count(*)::INTEGER AS rows, count(DISTINCT w."user")::INTEGER AS users,
              count(*) FILTER (WHERE w.n_mal > 0 AND i."user" IS NOT NULL)::INTEGER AS insider_rows,
              count(DISTINCT w."user") FILTER (WHERE w.n_mal > 0 AND i."user" IS NOT NULL)::INTEGER AS insider_users
       FROM win w LEFT JOIN ins i ON i."user" = w."user"`,
    );
    const anyRejects = Object.values(rejects).some((r) => r.count > 0);
    if (anyRejects) await writeRejects(duck, layout, [...LOGS], tmpRejects);

    // Everything is computed: move the outputs into place, Parquet last so its presence means a complete set.
    const schemaPath = writeSchema(out, schema);
    if (anyRejects) renameSync(tmpRejects, rejectsPath);
    else if (existsSync(rejectsPath)) rmSync(rejectsPath);
    // Edges from another run of other logs would be silently wrong beside this table.
    if (edges) renameSync(tmpEdges, edgesPath);
    else rmSync(edgesPath, { force: true });
    renameSync(tmpOut, out);
    store.clear();
    rep.stop();

    const seconds = (performance.now() - t0) / 1000;
    const total = Object.values(events).reduce((a, b) => a + b, 0);
    return {
      out,
      schemaPath,
      rejectsPath: anyRejects ? rejectsPath : null,
      release,
      granularity: g,
      rows: stats?.rows ?? 0,
      users: stats?.users ?? 0,
      features: schema.columns.length,
      labelled: answers.labelled,
      insiderRows: stats?.insider_rows ?? 0,
      insiderUsers: stats?.insider_users ?? 0,
      events,
      rejects,
      seconds,
      eventsPerSecond: total / Math.max(seconds, 1e-9),
      warnings,
      reusedStages: reused,
      edges,
    };
  } catch (e) {
    rep.stop();
    rmSync(tmpOut, { force: true });
    rmSync(tmpRejects, { force: true });
    rmSync(tmpEdges, { force: true });
    throw e;
  } finally {
    duck.close();
  }
}
