// How the generator writes the CERT format defined in src/data/format: header lines,
// per-log codes (used in event ids), answer paths and r6-style field quoting.
import {
  answerFileName,
  answerFilePath,
  familyOf,
  INSIDERS_COLUMNS,
  LDAP_COLUMNS,
  LOG_COLUMNS,
  LOGS,
  PSYCHOMETRIC_COLUMNS,
  type Log,
} from '../format/index.js';
import type { Release } from './types.js';

export { LOGS, type Log, datasetNumber } from '../format/index.js';
/** A log's number in LOGS, written into its event ids. */
export const LOG_CODE = Object.fromEntries(LOGS.map((l, i) => [l, i])) as Record<Log, number>;

export function header(release: Release, file: Log | 'ldap' | 'psychometric' | 'insiders'): string {
  const family = familyOf(release);
  switch (file) {
    case 'ldap':
      return LDAP_COLUMNS[family].join(',');
    case 'psychometric':
      return PSYCHOMETRIC_COLUMNS.join(',');
    case 'insiders':
      return INSIDERS_COLUMNS.join(',');
    default:
      return LOG_COLUMNS[file][family].join(',');
  }
}

/** Path of an insider's answer file relative to answers/. */
export function answerPath(release: Release, scenario: number, user: string): string {
  return answerFilePath(release, scenario, answerFileName(release, scenario, user));
}

/** Quotes a CSV field when it contains a comma, quote or newline (r6.x style). */
export function csvField(s: string): string {
  return /[",\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}
