// `reslab generate`: writes a CERT-format release (logs, LDAP, psychometric, answers)
// from the built-in simulator. --profile sets defaults; explicit flags override them.
import { emitResult, intFlag, parse, UsageError, numberList } from '../args.js';
import { generate, PROFILES, RELEASES, resolveProfile, type GenerateOptions, type Profile, type Release } from '../../data/synth/index.js';
import { GenerateOptionsError } from '../../data/synth/validate.js';

export const summary = 'generate a synthetic CERT-format insider-threat dataset';

export const usage = `usage: reslab generate --out DIR [--profile small|r4.2] [flags]

Writes logon.csv device.csv file.csv email.csv http.csv psychometric.csv LDAP/YYYY-MM.csv
and answers/ exactly like a CERT release, plus GENERATED.json. The same seed gives
byte-identical files.

flags:
  --out DIR            output directory (replaced atomically when the run completes)
  --profile NAME       defaults: small (${describe(PROFILES.small)})
                                 r4.2  (${describe(PROFILES['r4.2'])})
  --release R          ${RELEASES.join(' | ')}                       (default: profile's, else r4.2)
  --users N            employees
  --start YYYY-MM-DD   first day
  --days D             number of days
  --insiders K         insiders, split over the scenarios like r4.2 (30/30/10 for 1,2,3)
  --scenarios LIST     comma-separated scenario numbers, 1..5 (4 and 5 need r5.2+)
  --intensity X        scales how often and how much insiders act (default 1)
  --lookalikes N       benign users who do one scenario-like thing once and stay (default 0)
  --drift F            share of benign users whose habits, PC or role change once (default 0)
  --sparse F           share of PCs whose device/file logs are missing for weeks (default 0)
  --layoff-cap F       most staff (share) scenario-5 lay-offs may remove in all (default 1)
  --seed S             random seed (default 1)
  --workers W          worker threads (output does not depend on it)
  --quiet              no progress bar
  --json               print the summary as one JSON line

examples:
  reslab generate --out data/small --profile small
  reslab generate --out data/hard --release r5.2 --users 200 --days 180 --insiders 20 --scenarios 1,2,3,4,5 --intensity 0.5
  reslab generate --out data/harder --profile small --lookalikes 10 --drift 0.2 --sparse 0.1`;

function describe(p: Profile): string {
  return `${p.release}, ${p.users} users, ${p.days} days from ${p.start}, ${p.insiders} insiders of ${p.scenarios.join(',')}`;
}

const parseScenarios = (v: string) => numberList(v, 'scenarios', 'integers', Number.isInteger);

export async function run(argv: string[]): Promise<void> {
  const { values: v, positionals } = parse(argv, {
    out: { type: 'string' },
    profile: { type: 'string' },
    release: { type: 'string' },
    users: { type: 'string' },
    start: { type: 'string' },
    days: { type: 'string' },
    insiders: { type: 'string' },
    scenarios: { type: 'string' },
    intensity: { type: 'string' },
    lookalikes: { type: 'string' },
    drift: { type: 'string' },
    sparse: { type: 'string' },
    'layoff-cap': { type: 'string' },
    seed: { type: 'string' },
    workers: { type: 'string' },
    quiet: { type: 'boolean', default: false },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  if (!v.out) throw new UsageError('--out is required');
  let base: Profile;
  try {
    base = v.profile ? resolveProfile(v.profile) : { ...PROFILES['r4.2'] };
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (v.release !== undefined && !(RELEASES as readonly string[]).includes(v.release)) throw new UsageError(`--release must be one of ${RELEASES.join(', ')}, got '${v.release}'`);
  const intensity = v.intensity === undefined ? undefined : Number(v.intensity);
  if (intensity !== undefined && !Number.isFinite(intensity)) throw new UsageError(`--intensity must be a number, got '${v.intensity}'`);
  const share = (name: string, raw: string | undefined) => {
    if (raw === undefined) return undefined;
    const x = Number(raw);
    if (!Number.isFinite(x)) throw new UsageError(`--${name} must be a number, got '${raw}'`);
    return x;
  };
  const opts: GenerateOptions = {
    out: v.out,
    release: (v.release as Release | undefined) ?? base.release,
    users: intFlag(v.users, 'users', base.users),
    start: v.start ?? base.start,
    days: intFlag(v.days, 'days', base.days),
    insiders: intFlag(v.insiders, 'insiders', base.insiders),
    scenarios: v.scenarios ? parseScenarios(v.scenarios) : base.scenarios,
    seed: intFlag(v.seed, 'seed', 1),
    intensity,
    lookalikes: v.lookalikes === undefined ? undefined : intFlag(v.lookalikes, 'lookalikes'),
    drift: share('drift', v.drift),
    sparse: share('sparse', v.sparse),
    layoffCap: share('layoff-cap', v['layoff-cap']),
    workers: v.workers === undefined ? undefined : intFlag(v.workers, 'workers'),
    quiet: v.quiet || v.json,
  };
  let s;
  try {
    s = await generate(opts);
  } catch (e) {
    if (e instanceof GenerateOptionsError) throw new UsageError(e.message);
    throw e;
  }
  const rows = Object.entries(s.rows).map(([f, n]) => `  ${f.padEnd(22)} ${n.toLocaleString('en-US').padStart(12)}`);
  const human = [
    `wrote ${s.release} dataset to ${s.out}`,
    `  ${s.users} users, ${s.days} days from ${s.start}, seed ${s.seed}, ${s.insiders.length} insiders`,
    ...rows,
    `  ${s.events.toLocaleString('en-US')} events in ${s.seconds.toFixed(1)} s (${Math.round(s.eventsPerSecond).toLocaleString('en-US')} events/s, ${s.workers} workers)`,
  ].join('\n');
  emitResult(v.json, s, human);
}
