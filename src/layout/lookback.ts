// How much of a user's past a fitted layout reads to build one row's input: the user
// deviation channel reads the previous `window` days, the history and timeline layouts the
// previous `days - 1` rows (whatever days they fall on), each of which carries its own
// deviation channel. Daily scoring keeps and loads only that much of the past.
import type { LayoutSpec } from './layout.js';
import type { PrepareState } from './prepare.js';

export interface Lookback {
  /** Earlier rows of the same user that a row's input holds. */
  rows: number;
  /** Calendar days before a row (or before the oldest of those rows) that its deviation channel reads. */
  days: number;
}

export function lookback(prep: PrepareState, spec: LayoutSpec): Lookback {
  const rows = spec.kind === 'history' || spec.kind === 'timeline' ? spec.days - 1 : 0;
  return { rows, days: prep.userDeviation?.window ?? 0 };
}
