// Checks generator options up front, with messages that say what was expected.
import { parseIsoDate } from './calendar.js';
import { RELEASES, type GenerateOptions } from './types.js';

export class GenerateOptionsError extends Error {}

export function validateOptions(o: GenerateOptions): void {
  const fail = (m: string) => {
    throw new GenerateOptionsError(m);
  };
  if (!o.out) fail('out: an output directory is required');
  if (!RELEASES.includes(o.release)) fail(`release: '${o.release}' is not one of ${RELEASES.join(', ')}`);
  if (!Number.isInteger(o.users) || o.users < 10 || o.users > 8000) fail(`users: expected an integer in 10..8000, got ${o.users}`);
  if (Number.isNaN(parseIsoDate(o.start))) fail(`start: expected a date YYYY-MM-DD, got '${o.start}'`);
  if (!Number.isInteger(o.days) || o.days < 1 || o.days > 5000) fail(`days: expected an integer in 1..5000, got ${o.days}`);
  if (!Number.isInteger(o.insiders) || o.insiders < 0) fail(`insiders: expected a non-negative integer, got ${o.insiders}`);
  if (!Number.isSafeInteger(o.seed)) fail(`seed: expected an integer, got ${o.seed}`);
  if (o.insiders > 0 && o.scenarios.length === 0) fail('scenarios: at least one scenario is needed when insiders > 0');
  for (const s of o.scenarios) if (![1, 2, 3, 4, 5].includes(s)) fail(`scenarios: ${s} is not a scenario (1..5)`);
  if (o.release === 'r4.2' && o.scenarios.some((s) => s > 3)) fail('scenarios: 4 and 5 exist only from r5 on (use --release r5.2 or r6.2)');
  if (o.insiders > 0 && o.days < 14) fail(`days: insider scenarios need at least 14 days, got ${o.days}`);
  if (o.insiders > o.users / 4) fail(`insiders: ${o.insiders} is too many for ${o.users} users (at most a quarter)`);
  if (o.intensity !== undefined && !(o.intensity > 0 && o.intensity <= 20)) fail(`intensity: expected a number in (0, 20], got ${o.intensity}`);
  if (o.lookalikes !== undefined && !(Number.isInteger(o.lookalikes) && o.lookalikes >= 0 && o.lookalikes <= o.users / 4)) {
    fail(`lookalikes: expected an integer in 0..${Math.floor(o.users / 4)} (a quarter of the users), got ${o.lookalikes}`);
  }
  for (const k of ['drift', 'sparse', 'layoffCap'] as const) {
    const v = o[k];
    if (v !== undefined && !(v >= 0 && v <= 1)) fail(`${k}: expected a share in 0..1, got ${v}`);
  }
  if (o.workers !== undefined && !(Number.isInteger(o.workers) && o.workers >= 0 && o.workers <= 64)) fail(`workers: expected an integer in 0..64, got ${o.workers}`);
}
