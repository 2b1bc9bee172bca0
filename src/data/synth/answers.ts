// The answers/ tree: insiders.csv (one line per insider) and one file per insider
// whose lines are its malicious rows, each prefixed by the log it came from.
import type { TaggedEvent } from './day.js';
import { ANSWERS_DIR, INSIDERS_FILE } from '../format/index.js';
import { answerPath, datasetNumber, header, LOGS } from './schema.js';
import type { TextFile } from './static.js';
import type { InsiderInfo } from './types.js';
import type { World } from './world.js';

/** Collects tagged rows as days arrive (in day order) and renders the answer files. */
export class Answers {
  private readonly events: TaggedEvent[][];

  constructor(private readonly w: World) {
    this.events = w.plans.map(() => []);
  }

  add(tagged: TaggedEvent[]): void {
    for (const e of tagged) this.events[e.no]!.push(e);
  }

  private sorted(no: number): TaggedEvent[] {
    // Days arrive in order; within a day, order by time, then log, then arrival.
    return this.events[no]!.map((e, i) => ({ e, i }))
      .sort((a, b) => a.e.day - b.e.day || a.e.time - b.e.time || a.e.log - b.e.log || a.i - b.i)
      .map((x) => x.e);
  }

  render(): { files: TextFile[]; insiders: InsiderInfo[] } {
    const w = this.w;
    const files: TextFile[] = [];
    const insiders: InsiderInfo[] = [];
    const index = [header(w.release, 'insiders')];
    w.plans.forEach((p, no) => {
      const evs = this.sorted(no);
      if (evs.length === 0) throw new Error(`insider ${w.users[p.user]!.id} (scenario ${p.scenario}) has no malicious events`);
      const user = w.users[p.user]!.id;
      const path = answerPath(w.release, p.scenario, user);
      const stamp = (e: TaggedEvent) => w.cal.stamp(e.day, e.time);
      const start = stamp(evs[0]!);
      const end = stamp(evs[evs.length - 1]!);
      files.push({ path: `${ANSWERS_DIR}/${path}`, text: evs.map((e) => `${LOGS[e.log]},${e.text}\n`).join(''), rows: evs.length });
      index.push([datasetNumber(w.release), p.scenario, path.split('/').pop(), user, start, end].join(','));
      insiders.push({ user, scenario: p.scenario, start, end, events: evs.length });
    });
    files.push({ path: `${ANSWERS_DIR}/${INSIDERS_FILE}`, text: index.join('\n') + '\n', rows: index.length - 1 });
    return { files, insiders };
  }
}
