// A benign look-alike's day (lookalikes.ts): the insiders' own row writers, untagged, so
// the rows are indistinguishable in kind from a scenario's; the night session copies to
// a thumb drive but uploads nothing to a leak site.
import type { DayGen } from '../day.js';
import type { Lookalike } from '../lookalikes.js';
import { cloudUpload, copyBurst, jobHunt } from '../scenarios/inject.js';
import { writeDevice } from './device.js';
import { FileAct, userFile, writeFile } from './file.js';
import { writeLogon } from './logon.js';

const HOUR = 3600;
const LAST_SECOND = 86_340;

export function writeLookalike(g: DayGen, la: Lookalike): void {
  const u = la.user;
  if (la.kind === 'drive') copyBurst(g, u, 0);
  else if (la.kind === 'jobs') jobHunt(g, u, 0);
  else if (la.kind === 'cloud') cloudUpload(g, u, 0);
  else nightCopies(g, u);
}

/** One after-hours session on the own PC with a thumb drive and a few copies to it. */
function nightCopies(g: DayGen, u: number): void {
  const rng = g.rng;
  const pc = g.pcOf[u]!;
  const s = Math.round(rng.chance(0.7) ? rng.uniform(20 * HOUR, 22.5 * HOUR) : rng.uniform(0.5 * HOUR, 3.5 * HOUR));
  const e = Math.min(LAST_SECOND, s + Math.round(rng.uniform(0.3, 1.4) * HOUR));
  writeLogon(g, s, u, pc, true, 0);
  const c = s + rng.range(60, 600);
  const d = Math.max(c + 60, e - rng.range(30, 300));
  writeDevice(g, c, u, pc, true, 0);
  for (let i = 2 + rng.int(6); i > 0; i--) writeFile(g, rng.range(c, d), u, pc, userFile(g, u, FileAct.Copy, true, true, false), 0);
  writeDevice(g, d, u, pc, false, 0);
  writeLogon(g, Math.max(e, d + 30), u, pc, false, 0);
}
