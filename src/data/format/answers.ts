// The answers/ tree: answers/insiders.csv lists each insider (dataset number, scenario,
// the answer file's name, user, first and last malicious event), and one answer file per
// insider holds its malicious log lines, each prefixed with its log's name. r4.x/r5.x
// keep the answer files in one folder per scenario (answers/r4.2-1/r4.2-1-USER.csv),
// r6.x directly under answers/.
import { familyOf, type Release } from './releases.js';

export const ANSWERS_DIR = 'answers';
/** Relative to ANSWERS_DIR. */
export const INSIDERS_FILE = 'insiders.csv';
export const INSIDERS_COLUMNS = ['dataset', 'scenario', 'details', 'user', 'start', 'end'] as const;

/** The dataset number written in insiders.csv ('4.2' for r4.2). */
export function datasetNumber(release: Release): string {
  return release.slice(1);
}

/** A dataset as insiders.csv writes it ('4.2', 'r4.2', ' 4.2 ') → the release name 'r4.2'. */
export function releaseOfDataset(dataset: string): string {
  return 'r' + dataset.replace(/"/g, '').trim().replace(/^r/, '');
}

/** The `details` column: the answer file's own name. */
export function answerFileName(release: Release, scenario: number, user: string): string {
  return `${release}-${scenario}-${user}.csv`;
}

/** Where the release keeps an insider's answer file, relative to answers/. */
export function answerFilePath(release: Release, scenario: number, details: string): string {
  return familyOf(release) === 'r6' ? details : `${release}-${scenario}/${details}`;
}

/**
 * Places a reader looks for an answer file, relative to answers/: the release's own
 * layout first, then the other one (copies of the releases do not always keep it).
 */
export function answerFileCandidates(release: Release, scenario: number, details: string): string[] {
  const nested = `${release}-${scenario}/${details}`;
  return familyOf(release) === 'r6' ? [details, nested] : [nested, details];
}
