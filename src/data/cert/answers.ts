// Labels from the answers/ tree: insiders.csv names each insider, scenario and answer
// file; each answer file lists the insider's malicious events as log lines prefixed with
// their log type. Events join back to the logs by (log type, id) — ids are unique only
// within one log — and, as in the anchor, only lines of the insider's own user count.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Duck } from './duck.js';
import { ANSWERS_DIR, answerFileCandidates, datasetNumber, INSIDERS_COLUMNS, INSIDERS_FILE, releaseOfDataset, type Release } from '../format/index.js';
import { CertFormatError } from './releases.js';
import { lit } from './sql.js';

export interface AnswerInfo {
  labelled: boolean;
  /** Insiders of this release listed in insiders.csv. */
  insiders: number;
  warnings: string[];
}

/** The answers/ directory: inside the release directory, or beside it. */
export function findAnswersDir(dataDir: string): string | null {
  for (const d of [join(dataDir, ANSWERS_DIR), join(dirname(resolve(dataDir)), ANSWERS_DIR)]) {
    if (existsSync(join(d, INSIDERS_FILE))) return d;
  }
  return null;
}

/** Dataset names in insiders.csv ('4.2', 'r4.2' → 'r4.2'); the file is a few lines. */
export function answerDatasets(answersDir: string | null): string[] {
  if (!answersDir) return [];
  const p = join(answersDir, INSIDERS_FILE);
  if (statSync(p).size > 16 * 1024 * 1024) return [];
  const lines = readFileSync(p, 'utf8').split(/\r?\n/).slice(1);
  return [...new Set(lines.map((l) => l.split(',')[0]?.replace(/"/g, '').trim() ?? '').filter((s) => s).map(releaseOfDataset))];
}

/**
 * Creates `ins(user, scenario)` and `mal(file, id, user)`. Without answers both are
 * empty and labelled is false.
 */
export async function loadAnswers(duck: Duck, dataDir: string, release: Release): Promise<AnswerInfo> {
  await duck.run(`CREATE OR REPLACE TABLE ins ("user" VARCHAR, scenario INTEGER);
                  CREATE OR REPLACE TABLE mal (file VARCHAR, id VARCHAR, "user" VARCHAR)`);
  const dir = findAnswersDir(dataDir);
  if (!dir) return { labelled: false, insiders: 0, warnings: [] };
  const index = join(dir, INSIDERS_FILE);
  const ds = datasetNumber(release);
  let rows: { dataset: string; scenario: string; details: string; user: string }[];
  try {
    rows = await duck.rows(`SELECT dataset, scenario, details, "user" FROM read_csv(${lit(index)}, header = true, all_varchar = true, delim = ',', quote = '"')
                            WHERE regexp_replace(trim(dataset), '^r', '') = ${lit(ds)}`);
  } catch (e) {
    throw new CertFormatError(`${index}: expected columns ${INSIDERS_COLUMNS.join(',')}: ${(e as Error).message}`);
  }
  const warnings: string[] = [];
  const found: { path: string; user: string; scenario: number }[] = [];
  for (const r of rows) {
    const scenario = Number(r.scenario);
    if (!Number.isInteger(scenario)) throw new CertFormatError(`${index}: scenario '${r.scenario}' of ${r.user} is not an integer`);
    const candidates = answerFileCandidates(release, scenario, r.details).map((p) => join(dir, p));
    const path = candidates.find((p) => existsSync(p));
    if (!path) warnings.push(`answer file for insider ${r.user} not found (looked for ${candidates.join(', ')}); their events are unlabelled`);
    else found.push({ path, user: r.user, scenario });
  }
  if (rows.length > 0) {
    await duck.run(`INSERT INTO ins SELECT "user", min(scenario) FROM (VALUES ${rows.map((r) => `(${lit(r.user)}, ${Number(r.scenario)})`).join(', ')}) t("user", scenario) GROUP BY "user"`);
  }
  if (found.length > 0) {
    const files = `[${found.map((f) => lit(f.path)).join(', ')}]`;
    const who = found.map((f) => `(${lit(f.path)}, ${lit(f.user)})`).join(', ');
    await duck.run(`INSERT INTO mal
      SELECT DISTINCT lower(trim(f[1], '" ')) AS file, trim(f[2], '" ') AS id, trim(f[4], '" ') AS "user"
      FROM (
        SELECT w.insider, string_split(trim(line, E'\\r '), ',') AS f
        FROM (SELECT filename, unnest(string_split(content, E'\\n')) AS line FROM read_text(${files})) t
        JOIN (VALUES ${who}) w(path, insider) ON w.path = t.filename
      ) WHERE len(f) >= 4 AND trim(f[4], '" ') = insider`);
  }
  return { labelled: true, insiders: rows.length, warnings };
}
