// What the harder-world knobs did, for the summary and GENERATED.json: who the benign
// look-alikes are, who drifted how and when, which PCs lost which logs. Not read by the
// feature extractor; meant for analyses such as "how many look-alikes were flagged".
import { LOGS } from './schema.js';
import type { GenerateOptions, WorldNotes } from './types.js';
import type { World } from './world.js';

const date = (w: World, day: number) => w.cal.stamp(day, 0).slice(0, 10);

/** Undefined when no knob is set, so default runs keep their manifest byte for byte. */
export function worldNotes(w: World, opts: GenerateOptions): WorldNotes | undefined {
  if (!opts.lookalikes && !opts.drift && !opts.sparse && (opts.layoffCap ?? 1) >= 1) return undefined;
  const pcName = (i: number) => Buffer.from(w.pcB[i]!).toString('latin1');
  return {
    lookalikes: w.lookalikes.map((l) => ({ user: w.users[l.user]!.id, kind: l.kind, first: date(w, l.days[0] ?? 0), last: date(w, l.days[l.days.length - 1] ?? 0) })),
    drift: w.drifts.map((d) => ({ user: w.users[d.user]!.id, from: date(w, d.day), changes: d.changes })),
    sparse: w.gaps.map((g) => ({
      pc: pcName(g.pc),
      from: date(w, g.from),
      to: date(w, g.to),
      logs: (['device', 'file'] as const).filter((l) => g.mask & (1 << LOGS.indexOf(l))),
    })),
    laidOff: w.plans.reduce((n, p) => n + (p.layoff?.users.length ?? 0), 0),
  };
}

/** The knob options as the manifest records them: only those that are set. */
export function knobOptions(opts: GenerateOptions): Partial<GenerateOptions> {
  const out: Partial<GenerateOptions> = {};
  if (opts.lookalikes) out.lookalikes = opts.lookalikes;
  if (opts.drift) out.drift = opts.drift;
  if (opts.sparse) out.sparse = opts.sparse;
  if (opts.layoffCap !== undefined && opts.layoffCap < 1) out.layoffCap = opts.layoffCap;
  return out;
}
