// Contest suites: declarative lists of generated worlds (src/contest/suites/*.json). The
// loader checks every field up front and names the file and the field it rejects, since
// a typo found after an hour of training is an hour lost. Each world's cache key hashes
// its normalised definition, so equal worlds share one generated copy whatever they are
// called and whichever suite lists them.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GENERATOR_VERSION, RELEASES, type GenerateOptions } from '../data/synth/index.js';
import { GenerateOptionsError, validateOptions } from '../data/synth/validate.js';

/** The generator options that make a world (its `seed` is the world's, not the methods'). */
type WorldOptions = Pick<GenerateOptions, 'release' | 'users' | 'start' | 'days' | 'insiders' | 'scenarios' | 'seed' | 'intensity' | 'lookalikes' | 'drift' | 'sparse' | 'layoffCap'>;

export interface WorldDef extends WorldOptions {
  /** Short unique name within the suite: letters, digits, '-', '_', '.'. */
  name: string;
  /** What the world is meant to test (not part of its key). */
  note?: string;
}

/** A world that is a CERT release on disk (a real one, or another generator's): no generation. */
export interface ReleaseWorldDef {
  name: string;
  note?: string;
  /** The release directory; a relative path is read from the suite file's folder. */
  data: string;
}

export interface Suite {
  name: string;
  description: string;
  /** The file it was read from. */
  file: string;
  /** Generated worlds. */
  worlds: WorldDef[];
  /** Release directories (worlds with a `data` field), run after the generated ones. */
  releases: ReleaseWorldDef[];
}

export class SuiteError extends Error {}

export const SUITES_DIR = join(dirname(fileURLToPath(import.meta.url)), 'suites');
export const BUILTIN_SUITES = ['default', 'quick'] as const;

const FIELDS: Record<keyof WorldDef, 'string' | 'number' | 'integer' | 'list'> = {
  name: 'string',
  note: 'string',
  release: 'string',
  users: 'integer',
  start: 'string',
  days: 'integer',
  insiders: 'integer',
  scenarios: 'list',
  seed: 'integer',
  intensity: 'number',
  lookalikes: 'integer',
  drift: 'number',
  sparse: 'number',
  layoffCap: 'number',
};
const REQUIRED: (keyof WorldDef)[] = ['name', 'release', 'users', 'start', 'days', 'insiders', 'scenarios', 'seed'];
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** 'default' and 'quick' are the built-in suites; anything else is a path to a JSON file. */
export function suitePath(nameOrFile: string): string {
  return (BUILTIN_SUITES as readonly string[]).includes(nameOrFile) ? join(SUITES_DIR, `${nameOrFile}.json`) : resolve(nameOrFile);
}

export function loadSuite(nameOrFile: string): Suite {
  const file = suitePath(nameOrFile);
  if (!existsSync(file)) throw new SuiteError(`${file}: no such suite file (built-in suites: ${BUILTIN_SUITES.join(', ')})`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new SuiteError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  return parseSuite(raw, file);
}

/** Validates a parsed suite; `file` names the source in error messages. */
export function parseSuite(raw: unknown, file: string): Suite {
  const fail = (field: string, msg: string): never => {
    throw new SuiteError(`${file}: ${field}: ${msg}`);
  };
  if (!isObject(raw)) return fail('(top level)', 'expected an object with name, description and worlds');
  for (const k of Object.keys(raw)) if (!['name', 'description', 'worlds'].includes(k)) fail(k, 'unknown field (expected name, description, worlds)');
  if (typeof raw.name !== 'string' || !NAME.test(raw.name)) fail('name', `expected a short name of letters, digits, '.', '_' or '-', got ${show(raw.name)}`);
  if (raw.description !== undefined && typeof raw.description !== 'string') fail('description', `expected a string, got ${show(raw.description)}`);
  if (!Array.isArray(raw.worlds) || raw.worlds.length === 0) return fail('worlds', 'expected a non-empty list of world definitions');
  const seen = new Set<string>();
  const worlds: WorldDef[] = [];
  const releases: ReleaseWorldDef[] = [];
  raw.worlds.forEach((w: unknown, i: number) => {
    const at = `worlds[${i}]${isObject(w) && typeof w.name === 'string' ? ` (${w.name})` : ''}`;
    const failAt = (field: string, msg: string) => fail(field ? `${at}.${field}` : at, msg);
    const def = isObject(w) && 'data' in w ? parseRelease(w, dirname(file), failAt) : parseWorld(w, failAt);
    if (seen.has(def.name)) fail(`${at}.name`, `'${def.name}' is used by an earlier world`);
    seen.add(def.name);
    if ('data' in def) releases.push(def);
    else worlds.push(def);
  });
  return { name: raw.name as string, description: (raw.description as string | undefined) ?? '', file, worlds, releases };
}

/** A suite of release directories (`reslab contest --data DIR…`): each is a world named after its folder. */
export function releaseSuite(dirs: string[]): Suite {
  const names = new Set<string>();
  const releases = dirs.map((d) => {
    let name = basename(resolve(d)).replace(/[^A-Za-z0-9._-]/g, '_') || 'release';
    while (names.has(name)) name += '_';
    names.add(name);
    return { name, data: resolve(d) };
  });
  return { name: 'releases', description: `release directories ${dirs.join(', ')}`, file: '(--data)', worlds: [], releases };
}

function parseRelease(w: Record<string, unknown>, base: string, fail: (field: string, msg: string) => never): ReleaseWorldDef {
  for (const k of Object.keys(w)) if (!['name', 'note', 'data'].includes(k)) fail(k, 'unknown field for a release world (expected name, note, data)');
  if (typeof w.name !== 'string' || !NAME.test(w.name)) fail('name', `expected letters, digits, '.', '_' or '-', got ${show(w.name)}`);
  if (w.note !== undefined && typeof w.note !== 'string') fail('note', `expected a string, got ${show(w.note)}`);
  if (typeof w.data !== 'string' || w.data === '') return fail('data', `expected the path of a CERT release directory, got ${show(w.data)}`);
  const data = resolve(base, w.data);
  if (!existsSync(data)) fail('data', `${data}: no such directory`);
  return { name: w.name as string, ...(w.note !== undefined ? { note: w.note as string } : {}), data };
}

function parseWorld(w: unknown, fail: (field: string, msg: string) => never): WorldDef {
  if (!isObject(w)) return fail('', `expected an object, got ${show(w)}`);
  for (const k of Object.keys(w)) if (!(k in FIELDS)) fail(k, `unknown field (expected one of ${Object.keys(FIELDS).join(', ')})`);
  for (const k of REQUIRED) if (w[k] === undefined) fail(k, 'missing');
  for (const [k, kind] of Object.entries(FIELDS)) {
    const v = w[k];
    if (v === undefined) continue;
    const ok =
      kind === 'string' ? typeof v === 'string'
      : kind === 'number' ? typeof v === 'number' && Number.isFinite(v)
      : kind === 'integer' ? Number.isSafeInteger(v)
      : Array.isArray(v) && v.every((x) => Number.isInteger(x));
    if (!ok) fail(k, `expected ${kind === 'list' ? 'a list of integers' : kind === 'integer' ? 'an integer' : `a ${kind}`}, got ${show(v)}`);
  }
  if (!NAME.test(w.name as string)) fail('name', `expected letters, digits, '.', '_' or '-', got ${show(w.name)}`);
  if (!(RELEASES as readonly string[]).includes(w.release as string)) fail('release', `expected one of ${RELEASES.join(', ')}, got ${show(w.release)}`);
  const def = w as unknown as WorldDef;
  try {
    validateOptions(generateOptions(def, 'check'));
  } catch (e) {
    // The generator's messages start with the option's name, which is the field's name.
    if (!(e instanceof GenerateOptionsError)) throw e;
    const [field, ...rest] = e.message.split(': ');
    fail(field!, rest.join(': '));
  }
  return def;
}

/** The generate() options that make the world. */
export function generateOptions(def: WorldDef, out: string): GenerateOptions {
  const n = normalize(def);
  return { out, ...n };
}

/**
 * The definition with defaults filled in and cosmetic fields (name, note) dropped: what
 * decides the bytes of the world, plus the generator version.
 */
export function normalize(def: WorldDef): Omit<GenerateOptions, 'out'> & { intensity: number; lookalikes: number; drift: number; sparse: number; layoffCap: number } {
  return {
    release: def.release,
    users: def.users,
    start: def.start,
    days: def.days,
    insiders: def.insiders,
    scenarios: [...new Set(def.scenarios)].sort((a, b) => a - b),
    seed: def.seed,
    intensity: def.intensity ?? 1,
    lookalikes: def.lookalikes ?? 0,
    drift: def.drift ?? 0,
    sparse: def.sparse ?? 0,
    layoffCap: def.layoffCap ?? 1,
  };
}

/** A stable key: 'w-' + 16 hex digits of the SHA-256 of the normalised definition (keys sorted) and the generator version. */
export function worldKey(def: WorldDef): string {
  const n = normalize(def) as unknown as Record<string, unknown>;
  const canon = JSON.stringify({ generator: GENERATOR_VERSION, ...Object.fromEntries(Object.keys(n).sort().map((k) => [k, n[k]])) });
  return 'w-' + createHash('sha256').update(canon).digest('hex').slice(0, 16);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function show(v: unknown): string {
  return v === undefined ? 'nothing' : JSON.stringify(v);
}
