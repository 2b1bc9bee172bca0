// The feature schema file written beside each Parquet table (FILE.schema.json).
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../../util/atomic.js';
import { DOMAINS, GRANULARITIES, type FeatureSchema } from './types.js';

/** FILE.parquet → FILE.schema.json (any other name gets .schema.json appended). */
export function schemaPathFor(parquetPath: string): string {
  return parquetPath.replace(/\.parquet$/i, '') + '.schema.json';
}

export function rejectsPathFor(parquetPath: string): string {
  return parquetPath.replace(/\.parquet$/i, '') + '.rejects.csv';
}

export function writeSchema(parquetPath: string, schema: FeatureSchema): string {
  const p = schemaPathFor(parquetPath);
  writeFileAtomic(p, JSON.stringify(schema, null, 2) + '\n');
  return p;
}

/** Reads and checks FILE.schema.json for a feature Parquet file. */
export async function readSchema(parquetPath: string): Promise<FeatureSchema> {
  const p = schemaPathFor(parquetPath);
  let text: string;
  try {
    text = await readFile(p, 'utf8');
  } catch {
    throw new Error(`${p}: feature schema not found (written by 'reslab features' beside ${parquetPath})`);
  }
  const s = JSON.parse(text) as FeatureSchema;
  if (s.version !== 1) throw new Error(`${p}: unsupported schema version ${String(s.version)} (expected 1)`);
  if (!GRANULARITIES.includes(s.granularity)) throw new Error(`${p}: unknown granularity '${s.granularity}'`);
  if (!Array.isArray(s.keys) || !Array.isArray(s.labels) || !Array.isArray(s.columns)) throw new Error(`${p}: expected keys, labels and columns arrays`);
  for (const c of s.columns) {
    if (!DOMAINS.includes(c.domain)) throw new Error(`${p}: column '${c.name}' has unknown domain '${c.domain}'`);
  }
  return s;
}
