// Calendar of a run: day index -> date, weekends, US federal holidays, CERT date text.
// All arithmetic is in UTC days so the host time zone never changes the output.

const DAY_MS = 86_400_000;

export interface DayInfo {
  index: number;
  /** Milliseconds since epoch at 00:00 UTC. */
  ms: number;
  year: number;
  month: number; // 1..12
  dom: number; // 1..31
  /** 0 = Sunday .. 6 = Saturday */
  weekday: number;
  weekend: boolean;
  holiday: boolean;
  /** 'MM/DD/YYYY ' as bytes (11 bytes, trailing space). */
  prefix: Uint8Array;
}

/** Parses 'YYYY-MM-DD' strictly; returns epoch milliseconds at 00:00 UTC or NaN. */
export function parseIsoDate(s: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return NaN;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return NaN;
  return ms;
}

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function nthWeekday(year: number, month0: number, weekday: number, n: number): number {
  const first = new Date(Date.UTC(year, month0, 1)).getUTCDay();
  return 1 + ((weekday - first + 7) % 7) + (n - 1) * 7;
}

function lastWeekday(year: number, month0: number, weekday: number): number {
  const days = new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();
  const last = new Date(Date.UTC(year, month0, days)).getUTCDay();
  return days - ((last - weekday + 7) % 7);
}

/** Observed US federal holidays of a year as 'M-D' keys (fixed-date ones moved off weekends). */
export function holidays(year: number): Set<string> {
  const out = new Set<string>();
  const fixed = (m0: number, d: number) => {
    const wd = new Date(Date.UTC(year, m0, d)).getUTCDay();
    const shift = wd === 6 ? -1 : wd === 0 ? 1 : 0;
    const dt = new Date(Date.UTC(year, m0, d + shift));
    if (dt.getUTCFullYear() === year) out.add(`${dt.getUTCMonth() + 1}-${dt.getUTCDate()}`);
  };
  fixed(0, 1); // New Year's Day
  out.add(`1-${nthWeekday(year, 0, 1, 3)}`); // Martin Luther King Jr. Day
  out.add(`2-${nthWeekday(year, 1, 1, 3)}`); // Presidents' Day
  out.add(`5-${lastWeekday(year, 4, 1)}`); // Memorial Day
  fixed(6, 4); // Independence Day
  out.add(`9-${nthWeekday(year, 8, 1, 1)}`); // Labor Day
  out.add(`10-${nthWeekday(year, 9, 1, 2)}`); // Columbus Day
  fixed(10, 11); // Veterans Day
  out.add(`11-${nthWeekday(year, 10, 4, 4)}`); // Thanksgiving
  fixed(11, 25); // Christmas
  // New Year's Day of next year observed on Dec 31 when it falls on a Saturday.
  if (new Date(Date.UTC(year + 1, 0, 1)).getUTCDay() === 6) out.add('12-31');
  return out;
}

const pad2 = (n: number) => (n < 10 ? '0' : '') + n;

export class Calendar {
  readonly days: DayInfo[];
  readonly startMs: number;

  constructor(start: string, count: number) {
    this.startMs = parseIsoDate(start);
    if (Number.isNaN(this.startMs)) throw new Error(`invalid start date '${start}', expected YYYY-MM-DD`);
    const hol = new Map<number, Set<string>>();
    this.days = [];
    for (let i = 0; i < count; i++) {
      const ms = this.startMs + i * DAY_MS;
      const d = new Date(ms);
      const year = d.getUTCFullYear();
      const month = d.getUTCMonth() + 1;
      const dom = d.getUTCDate();
      const weekday = d.getUTCDay();
      if (!hol.has(year)) hol.set(year, holidays(year));
      const text = `${pad2(month)}/${pad2(dom)}/${year} `;
      this.days.push({
        index: i,
        ms,
        year,
        month,
        dom,
        weekday,
        weekend: weekday === 0 || weekday === 6,
        holiday: hol.get(year)!.has(`${month}-${dom}`),
        prefix: Buffer.from(text, 'latin1'),
      });
    }
  }

  get length(): number {
    return this.days.length;
  }

  isWorkday(i: number): boolean {
    const d = this.days[i];
    return d !== undefined && !d.weekend && !d.holiday;
  }

  /** First workday at or after i (or -1). */
  nextWorkday(i: number): number {
    for (let j = Math.max(0, i); j < this.days.length; j++) if (this.isWorkday(j)) return j;
    return -1;
  }

  /** Last workday at or before i (or -1). */
  prevWorkday(i: number): number {
    for (let j = Math.min(i, this.days.length - 1); j >= 0; j--) if (this.isWorkday(j)) return j;
    return -1;
  }

  /** 'MM/DD/YYYY HH:MM:SS' for day i and second-of-day s. */
  stamp(i: number, s: number): string {
    const d = this.days[i]!;
    return `${pad2(d.month)}/${pad2(d.dom)}/${d.year} ${pad2(Math.floor(s / 3600))}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}`;
  }

  /** Months touched by the run as [year, month] pairs, in order. */
  months(): { year: number; month: number; firstDay: number }[] {
    const out: { year: number; month: number; firstDay: number }[] = [];
    for (const d of this.days) {
      const last = out[out.length - 1];
      if (!last || last.year !== d.year || last.month !== d.month) out.push({ year: d.year, month: d.month, firstDay: d.index });
    }
    return out;
  }
}
