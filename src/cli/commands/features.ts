// `reslab features`: a CERT release directory → labelled feature table (Parquet) with
// its feature schema; see docs/features.md.
import { emitResult, intFlag, parse, UsageError } from '../args.js';
import { extractFeatures, GRANULARITIES, RELEASES, type FeatureSummary, type Granularity } from '../../data/cert/index.js';

export const summary = 'extract labelled user-day/week/session features from a CERT release';

export const usage = `usage: reslab features --data DIR --granularity day|week|session --out FILE.parquet [flags]

Reads logon.csv device.csv file.csv email.csv http.csv LDAP/ (psychometric.csv and
answers/ when present) and writes FILE.parquet, FILE.schema.json (every feature column:
domain, aggregation, time and PC class, description) and, when rows were malformed,
FILE.rejects.csv (file, line, field, reason, raw text).

flags:
  --data DIR             release directory (real CERT or made by 'reslab generate')
  --granularity G        ${GRANULARITIES.join(' | ')}
  --out FILE.parquet     output table (written atomically)
  --release R            auto | ${RELEASES.join(' | ')} (default auto: from the headers)
  --strict               fail at the first malformed row instead of skipping it
  --threads N            DuckDB threads (default 2)
  --memory-limit SIZE    DuckDB memory limit, e.g. 2GB (default 2GB)
  --work-dir DIR         where finished stages are kept for a rerun (default FILE.parquet.work)
  --no-resume            neither keep nor reuse finished stages
  --edges                also write FILE.edges.parquet (kind, user, target, day, count: PCs
                         logged on to, internal mail contacts, web hosts) for the graph
                         baselines; rescans email.csv and http.csv
  --allow-future-context add context_flag_leaver and context_value_days_to_termination,
                         which read later LDAP snapshots (whether and when the user leaves);
                         only to reproduce published protocols that use them: they leak who
                         is about to be an insider, and the schema and every run on the
                         table say so
  --quiet                no progress or warnings on stderr
  --json                 print the summary as one JSON line

examples:
  reslab features --data data/small --granularity day --out features/day.parquet
  reslab features --data /path/to/r4.2 --granularity week --out features/r42-week.parquet --strict
  reslab features --data data/small --granularity day --out features/day.parquet --edges`;

function human(s: FeatureSummary): string {
  const ev = Object.entries(s.events).map(([f, n]) => `${f} ${n}`).join(', ');
  const rej = Object.entries(s.rejects).filter(([, r]) => r.count > 0).map(([f, r]) => `${f} ${r.count} (lines ${r.sampleLines.join(', ')})`);
  return [
    `${s.release} ${s.granularity} features: ${s.rows} rows × ${s.features} features, ${s.users} users`,
    `events: ${ev}`,
    s.labelled ? `labels: ${s.insiderRows} insider rows of ${s.insiderUsers} insiders` : 'labels: none (no answers/)',
    rej.length ? `rejected rows: ${rej.join('; ')} → ${s.rejectsPath}` : 'rejected rows: none',
    ...(s.edges
      ? [`edges: pc ${s.edges.rows.pc}, email ${s.edges.rows.email}, web ${s.edges.rows.web} rows (${s.edges.emailExternal} external and ${s.edges.emailUnknownInternal} unknown company addresses left out) → ${s.edges.path} in ${s.edges.seconds.toFixed(1)} s`]
      : []),
    ...(s.reusedStages.length ? [`resumed: reused the finished ${s.reusedStages.join(', ')} stage(s) of an earlier run`] : []),
    `wrote ${s.out} and ${s.schemaPath} in ${s.seconds.toFixed(1)} s (${Math.round(s.eventsPerSecond)} events/s)`,
  ].join('\n');
}

export async function run(argv: string[]): Promise<void> {
  const { values: v, positionals } = parse(argv, {
    data: { type: 'string' },
    granularity: { type: 'string' },
    out: { type: 'string' },
    release: { type: 'string', default: 'auto' },
    strict: { type: 'boolean', default: false },
    threads: { type: 'string' },
    'memory-limit': { type: 'string', default: '2GB' },
    'work-dir': { type: 'string' },
    'no-resume': { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
    edges: { type: 'boolean', default: false },
    'allow-future-context': { type: 'boolean', default: false },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  if (!v.data) throw new UsageError('--data is required');
  if (!v.out) throw new UsageError('--out is required');
  if (!v.granularity) throw new UsageError('--granularity is required');
  if (!(GRANULARITIES as readonly string[]).includes(v.granularity)) throw new UsageError(`--granularity must be one of ${GRANULARITIES.join(', ')}, got '${v.granularity}'`);
  if (v.release !== 'auto' && !(RELEASES as readonly string[]).includes(v.release)) throw new UsageError(`--release must be auto or one of ${RELEASES.join(', ')}, got '${v.release}'`);
  const threads = intFlag(v.threads, 'threads', 2);
  if (threads < 1) throw new UsageError('--threads must be at least 1');
  const s = await extractFeatures({
    data: v.data,
    granularity: v.granularity as Granularity,
    out: v.out,
    release: v.release,
    strict: v.strict,
    allowFutureContext: v['allow-future-context'],
    threads,
    memoryLimit: v['memory-limit'],
    workDir: v['work-dir'],
    resume: !v['no-resume'],
    quiet: v.quiet || v.json,
    edges: v.edges,
  });
  emitResult(v.json, s, human(s));
}
