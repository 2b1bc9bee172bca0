// Sparse logging: a share of PCs whose sensor stops sending device and/or file events
// for one to six weeks (once or twice per half year). The activity still happens (the
// same random draws are made, so every other row is unchanged); its rows are just not
// written. A malicious row lost in a gap is missing from answers/ too, since answers list
// what the logs hold; every scenario also writes logon, mail or web rows, so no insider
// disappears from answers/.
import type { Calendar } from './calendar.js';
import { Rng, Stream } from './rng.js';
import { LOG_CODE } from './schema.js';

export interface Gap {
  pc: number;
  from: number;
  to: number;
  /** Bit (1 << LOG_CODE[log]) per log that is missing. */
  mask: number;
}

export const DEVICE_BIT = 1 << LOG_CODE.device;
export const FILE_BIT = 1 << LOG_CODE.file;

export function planSparse(pcCount: number, cal: Calendar, seed: number, share: number): Gap[] {
  if (share <= 0) return [];
  const rng = new Rng(seed, Stream.Sparse);
  const P = cal.length;
  const pcs = rng.sample(Array.from({ length: pcCount }, (_, i) => i), Math.round(pcCount * share)).sort((a, b) => a - b);
  const gaps: Gap[] = [];
  for (const pc of pcs) {
    const n = Math.max(1, Math.round((P / 182) * rng.uniform(1, 2)));
    for (let i = 0; i < n; i++) {
      const len = Math.min(P, rng.range(7, 42));
      const from = rng.int(Math.max(1, P - len + 1));
      const r = rng.float();
      const mask = r < 0.4 ? DEVICE_BIT : r < 0.7 ? FILE_BIT : DEVICE_BIT | FILE_BIT;
      gaps.push({ pc, from, to: from + len - 1, mask });
    }
  }
  return gaps;
}

/** Per PC, the logs missing on `day` (null when no PC misses any). */
export function gapMask(gaps: Gap[], pcCount: number, day: number): Uint8Array | null {
  let out: Uint8Array | null = null;
  for (const g of gaps) {
    if (day < g.from || day > g.to) continue;
    out ??= new Uint8Array(pcCount);
    out[g.pc]! |= g.mask;
  }
  return out;
}
