// extractFeatures: a CERT release directory → FILE.parquet + FILE.schema.json
// (+ FILE.rejects.csv). Each log file is scanned once by DuckDB and reduced to a small
// per-window table; joins and the wide pivot run on those. Outputs are written to temp
// paths and renamed into place.
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { progress as makeProgress } from '../../util/progress.js';
import { tempPathFor } from '../../util/atomic.js';
import { answerDatasets, findAnswersDir, loadAnswers } from './answers.js';
import { contextDefs, finalSelectSql, keySelect, sessionDefs, windowTableSql, type RowDef } from './assemble.js';
import { buildContext, buildPcClasses, loadPsychometric, loadUsers } from './context.js';
import { Duck } from './duck.js';
import { deviceSpec, deviceTableSql, emailSpec, fileSpec, httpSpec, logonSpec, logonTableSql, type EventSpec, type LogDomain } from './events.js';
import { domainGrid, stageBSql, type FeatureDef } from './features.js';
import { countRejects, failOnReject, writeRejects } from './rejects.js';
import { LOG_FILES, detectLayout, resolveRelease, type DetectedLayout, type LogFile } from './releases.js';
import { createActivityTypes } from './scan.js';
import { rejectsPathFor, writeSchema } from './schema.js';
import { LOGON_SESSIONS_SQL, SESSION_ENDS_SQL } from './sessions.js';
import { lit } from './sql.js';
import { GRANULARITIES, type ExtractOptions, type FeatureSchema, type FeatureSummary, type ProgressEvent, type RejectInfo } from './types.js';
import { httpDomainRows } from './vocab.js';
import { windowKeys, stageASql } from './windows.js';

/** Reads the release's headers and names it: r4.1 … r6.2. */
export function detectRelease(dir: string): string {
  const layout = detectLayout(dir, 'auto');
  return resolveRelease(layout.family, 'auto', dir, answerDatasets(findAnswersDir(dir)));
}

class Reporter {
  private done = 0;
  private readonly total: number;
  private readonly bar;
  constructor(
    private readonly sizes: Record<LogFile, number>,
    private readonly opts: ExtractOptions,
  ) {
    this.total = Object.values(sizes).reduce((a, b) => a + b, 0);
    this.bar = makeProgress({ title: 'features', total: Math.max(1, Math.round(this.total / 1e6)), unit: 'MB', quiet: opts.quiet });
  }
  report(stage: string, fraction: number, file?: LogFile): void {
    const bytesDone = this.done + (file ? this.sizes[file] * fraction : 0);
    this.bar.update(Math.round(bytesDone / 1e6), stage);
    const ev: ProgressEvent = { stage, fraction, bytesDone, bytesTotal: this.total };
    this.opts.onProgress?.(ev);
  }
  fileDone(file: LogFile): void {
    this.done += this.sizes[file];
    this.report(file, 1);
  }
  stop(): void {
    this.bar.stop();
  }
}

function specFor(domain: LogDomain, layout: DetectedLayout): EventSpec {
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
  const out = resolve(opts.out);
  const layout = detectLayout(opts.data, opts.release ?? 'auto');
  const release = resolveRelease(layout.family, opts.release ?? 'auto', opts.data, answerDatasets(findAnswersDir(opts.data)));
  const warnings: string[] = [];
  const warn = (w: string) => {
    warnings.push(w);
    if (!opts.quiet) process.stderr.write(`warning: ${w}\n`);
  };
  const sizes = Object.fromEntries(LOG_FILES.map((f) => [f, statSync(layout.paths[f]).size])) as Record<LogFile, number>;
  const rep = new Reporter(sizes, opts);
  mkdirSync(dirname(out), { recursive: true });
  const duck = await Duck.open({ threads: opts.threads ?? 2, memoryLimit: opts.memoryLimit ?? '2GB', tempDir: tempPathFor(out) + '.spill' });
  const tmpOut = tempPathFor(out);
  const rejectsPath = rejectsPathFor(out);
  const tmpRejects = tempPathFor(rejectsPath);
  try {
    await createActivityTypes(duck);
    await duck.run(`CREATE TABLE http_domain_map (key VARCHAR, code INTEGER);
      INSERT INTO http_domain_map VALUES ${httpDomainRows().map(([k, c]) => `(${lit(k)}, ${c})`).join(', ')}`);
    rep.report('ldap', 0);
    const { fields } = await loadUsers(duck, opts.data);
    if (!(await loadPsychometric(duck, opts.data))) warn(`${resolve(opts.data, 'psychometric.csv')} not found; Big-5 columns are NULL`);
    await buildContext(duck, fields);
    const answers = await loadAnswers(duck, opts.data, release);
    answers.warnings.forEach(warn);

    const rejects: Record<string, RejectInfo> = {};
    const events: Record<string, number> = {};
    const afterScan = async (file: LogFile) => {
      rejects[file] = await countRejects(duck, file);
      if (opts.strict) await failOnReject(duck, layout, file);
      else if (rejects[file]!.count > 0) warn(`${layout.paths[file]}: ${rejects[file]!.count} malformed row(s) skipped (lines ${rejects[file]!.sampleLines.join(', ')}${rejects[file]!.count > 10 ? ', …' : ''})`);
    };
    const scan = (file: LogFile, sql: string) => duck.runWithProgress(sql, (f) => rep.report(file, f, file));

    // Logon and device events are few; they are kept whole for sessions, own PCs and connect durations.
    await scan('logon', logonTableSql(layout));
    await afterScan('logon');
    await duck.run(LOGON_SESSIONS_SQL);
    await buildPcClasses(duck);
    rep.fileDone('logon');
    await scan('device', deviceTableSql(layout));
    await afterScan('device');
    rep.fileDone('device');

    const domains: LogDomain[] = ['logon', 'device', 'file', 'email', 'http'];
    for (const d of domains) {
      const sql = stageASql(specFor(d, layout), g, answers.labelled);
      if (d === 'logon' || d === 'device') await duck.run(sql);
      else {
        await scan(d, sql);
        await afterScan(d);
        rep.fileDone(d);
      }
      events[d] = Number(await duck.scalar(`SELECT coalesce(sum(n), 0)::BIGINT FROM a_${d}`));
    }

    rep.report('features', 0);
    await duck.run(windowTableSql(g, domains));
    if (g === 'session') await duck.run(SESSION_ENDS_SQL);
    const grids = new Map<LogDomain, FeatureDef[]>();
    for (const d of domains) {
      const defs = domainGrid(d, g, layout.family);
      grids.set(d, defs);
      await duck.run(stageBSql(d, windowKeys(g), defs));
    }
    const rowDefs: RowDef[] = [...contextDefs(g, fields), ...(g === 'session' ? sessionDefs() : [])];
    await duck.runWithProgress(
      `COPY (${finalSelectSql(g, domains, grids, rowDefs, answers.labelled)}) TO ${lit(tmpOut)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 100000)`,
      (f) => rep.report('features', f),
    );

    const schema: FeatureSchema = {
      version: 1,
      release,
      granularity: g,
      keys: keySelect(g).map(([n]) => n),
      labels: answers.labelled ? ['insider', 'malicious_events'] : [],
      columns: [...rowDefs.map((r) => r.col), ...domains.flatMap((d) => grids.get(d)!.map((f) => f.col))],
    };
    const [stats] = await duck.rows<{ rows: number; users: number; insider_rows: number; insider_users: number }>(
      `SELECT count(*)::INTEGER AS rows, count(DISTINCT w."user")::INTEGER AS users,
              count(*) FILTER (WHERE w.n_mal > 0 AND i."user" IS NOT NULL)::INTEGER AS insider_rows,
              count(DISTINCT w."user") FILTER (WHERE w.n_mal > 0 AND i."user" IS NOT NULL)::INTEGER AS insider_users
       FROM win w LEFT JOIN ins i ON i."user" = w."user"`,
    );
    const anyRejects = Object.values(rejects).some((r) => r.count > 0);
    if (anyRejects) await writeRejects(duck, layout, [...LOG_FILES], tmpRejects);

    // Everything is computed: move the outputs into place, Parquet last so its presence means a complete set.
    const schemaPath = writeSchema(out, schema);
    if (anyRejects) renameSync(tmpRejects, rejectsPath);
    else if (existsSync(rejectsPath)) rmSync(rejectsPath);
    renameSync(tmpOut, out);
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
    };
  } catch (e) {
    rep.stop();
    rmSync(tmpOut, { force: true });
    rmSync(tmpRejects, { force: true });
    throw e;
  } finally {
    duck.close();
  }
}
