// Shared helpers of the generator tests: tiny datasets in temp dirs and a small CSV
// reader that understands r6-style quoted fields.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { generate, type GenerateOptions, type GenerateSummary } from '../../src/data/synth/index.js';

export { LOGS } from '../../src/data/format/index.js';

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

export function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'reslab-synth-'));
  dirs.push(d);
  return d;
}

export const TINY: Omit<GenerateOptions, 'out'> = {
  release: 'r5.2',
  users: 30,
  start: '2010-03-01',
  days: 40,
  insiders: 5,
  scenarios: [1, 2, 3, 4, 5],
  seed: 11,
  quiet: true,
};

export async function tiny(over: Partial<GenerateOptions> = {}): Promise<{ dir: string; s: GenerateSummary }> {
  const dir = join(tempDir(), 'out');
  const s = await generate({ ...TINY, ...over, out: dir });
  return { dir, s };
}

/** Splits one CSV line; quoted fields may hold commas and doubled quotes. */
export function splitCsv(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let v = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) throw new Error(`unterminated quote in: ${line}`);
        v += line.slice(i, q);
        if (line[q + 1] === '"') {
          v += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      out.push(v);
      if (i >= line.length) return out;
      if (line[i] !== ',') throw new Error(`junk after quoted field in: ${line}`);
      i++;
    } else {
      const c = line.indexOf(',', i);
      if (c < 0) {
        out.push(line.slice(i));
        return out;
      }
      out.push(line.slice(i, c));
      i = c + 1;
    }
  }
}

export interface Csv {
  header: string;
  lines: string[];
  rows: string[][];
  col: (name: string) => number;
}

export function readCsv(path: string): Csv {
  const text = readFileSync(path, 'latin1');
  if (!text.endsWith('\n')) throw new Error(`${path}: no final newline`);
  const all = text.slice(0, -1).split('\n');
  const header = all[0]!;
  const names = header.split(',');
  const lines = all.slice(1);
  return {
    header,
    lines,
    rows: lines.map(splitCsv),
    col: (n) => {
      const i = names.indexOf(n);
      if (i < 0) throw new Error(`${path}: no column ${n}`);
      return i;
    },
  };
}

/** 'MM/DD/YYYY HH:MM:SS' → seconds since epoch (UTC), NaN when malformed. */
export function parseDate(s: string): number {
  const m = /^(\d\d)\/(\d\d)\/(\d{4}) (\d\d):(\d\d):(\d\d)$/.exec(s);
  if (!m) return NaN;
  const [mo, d, y, h, mi, se] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  if (h > 23 || mi > 59 || se > 59) return NaN;
  const ms = Date.UTC(y, mo - 1, d, h, mi, se);
  const back = new Date(ms);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return NaN;
  return ms / 1000;
}
