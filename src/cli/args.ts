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

/** Prints the command's result: a human summary, and with --json one JSON object as the last stdout line. */
export function emitResult(json: boolean, result: unknown, human?: string): void {
  if (human && !json) process.stdout.write(human.endsWith('\n') ? human : human + '\n');
  if (json) process.stdout.write(JSON.stringify(result) + '\n');
}
