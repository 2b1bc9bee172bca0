// How many insiders a world's le2020 test split can be expected to hold, from the
// insider plans alone (no logs written): one row per user and day employed, malicious on
// the days a plan acts. Cheap enough to check whole suites in a test; the real split
// runs on feature rows (working days only), so the counts are close, not exact.
import { buildWorld } from '../data/synth/world.js';
import { describeSplit, makeSplit } from '../train/split.js';
import { generateOptions, type WorldDef } from './suite.js';

export interface PlannedSplit {
  insiders: number;
  /** Insiders on the test side of le2020, per split seed. */
  testInsiders: number[];
  /** Staff who leave before the end (insiders, lay-offs, attrition). */
  leavers: number;
}

export function plannedSplit(def: WorldDef, seeds: number[] = [1, 2, 3, 4, 5]): PlannedSplit {
  const w = buildWorld(generateOptions(def, 'plan-only'));
  const user: number[] = [];
  const time: number[] = [];
  const insider: number[] = [];
  for (const u of w.users) {
    const plan = w.planOf[u.index];
    for (let d = 0; d <= u.lastDay; d++) {
      user.push(u.index);
      time.push(d);
      insider.push(plan?.steps.has(d) ? plan.scenario : 0);
    }
  }
  const rows = { user: Int32Array.from(user), time: Int32Array.from(time), insider: Int32Array.from(insider) };
  const testInsiders = seeds.map((seed) => describeSplit(makeSplit(rows, { kind: 'le2020', seed }), rows).test.insiders);
  return { insiders: w.plans.length, testInsiders, leavers: w.users.filter((u) => u.lastDay < def.days - 1).length };
}
