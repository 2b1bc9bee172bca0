// Shared flag parsing for the `reslab` subcommands, over node:util's parseArgs.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {}

export type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses argv with the given options plus `--json` and `--help`; unknown flags are a UsageError. */
export function parse<O extends Options>(argv: string[], options: O) {
  try {
    return parseArgs({
      args: argv,
      options: { ...options, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

export function intFlag(v: string | boolean | undefined, name: string, def?: number): number {
  if (v === undefined || v === false) {
    if (def === undefined) throw new UsageError(`--${name} is required`);
    return def;
  }
  const n = Number(v);
  if (!Number.isInteger(n)) throw new UsageError(`--${name} must be an integer, got '${v}'`);
  return n;
}

/** --members K of an efficient ensemble (train, models info): absent = 1, a plain network. */
export function membersFlag(v: string | boolean | undefined): number {
  const k = intFlag(v, 'members', 1);
  if (k < 1) throw new UsageError(`--members must be 1 or more, got ${k}`);
  return k;
}

/** One of `allowed`, or `def` when the flag is absent. */
export function oneOfFlag<T extends string>(v: unknown, name: string, allowed: readonly T[], def: T): T {
  if (v === undefined) return def;
  if (!allowed.includes(v as T)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, got '${String(v)}'`);
  return v as T;
}

/** A finite number (NaN, '' and 'Infinity' are refused), or `def` when the flag is absent. */
export function numFlag(v: unknown, name: string, def: number): number {
  if (v === undefined) return def;
  const n = Number(v);
  if (String(v).trim() === '' || !Number.isFinite(n)) throw new UsageError(`--${name} must be a number, got '${String(v)}'`);
  return n;
}

/** The one comma-list reader: items trimmed, empty ones dropped; an empty list is an error. */
export function listFlag(v: string, name: string): string[] {
  const xs = v.split(',').map((s) => s.trim()).filter(Boolean);
  if (xs.length === 0) throw new UsageError(`--${name} must be a comma list, got '${v}'`);
  return xs;
}

/** A comma list of values from `allowed`. */
export function choiceList<T extends string>(v: string, name: string, allowed: readonly T[]): T[] {
  const xs = listFlag(v, name);
  const bad = xs.filter((x) => !allowed.includes(x as T));
  if (bad.length) throw new UsageError(`--${name} must be a comma list of ${allowed.join(', ')}, got '${bad.join(',')}'`);
  return xs as T[];
}

/** A comma list of numbers passing `ok` (described by `expect`, e.g. "integers"). */
export function numberList(v: string, name: string, expect = 'numbers', ok: (x: number) => boolean = Number.isFinite): number[] {
  const xs = v.split(',').map((s) => s.trim());
  const ns = xs.map(Number);
  if (xs.some((s) => s === '') || ns.some((x) => !Number.isFinite(x) || !ok(x))) throw new UsageError(`--${name} must be a comma list of ${expect}, got '${v}'`);
  return ns;
}

/** Prints the command's result: a human summary, and with --json one JSON object as the last stdout line. */
export function emitResult(json: boolean, result: unknown, human?: string): void {
  if (human && !json) process.stdout.write(human.endsWith('\n') ? human : human + '\n');
  if (json) process.stdout.write(JSON.stringify(result) + '\n');
}
