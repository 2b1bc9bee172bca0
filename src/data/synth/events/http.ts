// http.csv rows. r4.2/r5.2: id,date,user,pc,url,content; r6.2 adds activity
// (WWW Visit/Download/Upload) before content. URLs carry the site's topic words.
import { COMMA, enc, NL } from '../bytes.js';
import type { DayGen } from '../day.js';
import { LOG_CODE } from '../schema.js';
import { writeWords } from './content.js';

export const HttpAct = { Visit: 0, Download: 1, Upload: 2 } as const;
const ACTS = ['WWW Visit', 'WWW Download', 'WWW Upload'].map((s) => enc(',' + s));
const SLASH = 47;
const DOT = 46;
const UNDERSCORE = 95;

/**
 * Writes one web row for `site`. `words` is the vocabulary of the page (the site's
 * topic or category); `other` mixes in the user's own interests.
 */
export function writeHttp(
  g: DayGen,
  t: number,
  user: number,
  pc: number,
  site: number,
  words: Uint8Array[],
  other: Uint8Array[] | null,
  act: number,
  tag: number,
): void {
  const w = g.w;
  const rng = g.rng;
  const b = g.head(LOG_CODE.http, t, user, pc, tag);
  b.byte(COMMA);
  b.bytes(w.siteUrlB[site]!);
  const depth = 1 + rng.int(3);
  for (let i = 0; i < depth; i++) {
    b.byte(SLASH);
    b.bytes(words[(rng.float() * words.length) | 0]!);
    if (rng.float() < 0.4) {
      b.byte(UNDERSCORE);
      b.bytes(words[(rng.float() * words.length) | 0]!);
    }
  }
  if (rng.float() < 0.6) {
    b.byte(DOT);
    b.bytes(w.urlSuffixB[(rng.float() * w.urlSuffixB.length) | 0]!);
  }
  if (w.r6) b.bytes(ACTS[act]!);
  b.byte(COMMA);
  const comma = w.r6 && rng.float() < 0.03 ? w.commaPhrasesB[(rng.float() * w.commaPhrasesB.length) | 0]! : null;
  writeWords(b, rng, words, other, 0.8, 5 + ((rng.float() * 10) | 0), comma);
  b.byte(NL);
}
