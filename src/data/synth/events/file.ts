// file.csv rows. r4.2: id,date,user,pc,filename,content. r5+: id,date,user,pc,filename,
// activity,to_removable_media,from_removable_media,content. Contents start with the
// file type's magic-number header, then keywords.
import { COMMA, enc, NL, SPACE } from '../bytes.js';
import type { DayGen } from '../day.js';
import { writeToken } from '../ids.js';
import { LOG_CODE } from '../schema.js';
import { writeWords } from './content.js';

export const FileAct = { Open: 0, Copy: 1, Write: 2, Delete: 3 } as const;
const ACTS = ['File Open', 'File Copy', 'File Write', 'File Delete'].map((s) => enc(',' + s));
const TRUE = enc(',True');
const FALSE = enc(',False');
const REMOVABLE = enc('R:\\');
const LOCAL = enc('C:\\');

export interface FileSpec {
  /** Name without extension (bytes) and file type index (FILE_TYPES). */
  name: Uint8Array;
  type: number;
  act: number;
  /** Where the path points: the thumb drive or the local disk (r5+). */
  removable: boolean;
  to: boolean;
  from: boolean;
  /** Content words: main list, other list. */
  words: Uint8Array[];
  other: Uint8Array[] | null;
}

export function writeFile(g: DayGen, t: number, user: number, pc: number, f: FileSpec, tag: number): void {
  const w = g.w;
  const rng = g.rng;
  const b = g.head(LOG_CODE.file, t, user, pc, tag);
  b.byte(COMMA);
  if (w.r5) {
    b.bytes(f.removable ? REMOVABLE : LOCAL);
    writeToken(b, rng, rng.range(5, 8));
    b.byte(92); // backslash
  }
  b.bytes(f.name);
  b.byte(46);
  b.bytes(w.fileExtB[f.type]!);
  if (w.r5) {
    b.bytes(ACTS[f.act]!);
    b.bytes(f.to ? TRUE : FALSE);
    b.bytes(f.from ? TRUE : FALSE);
  }
  b.byte(COMMA);
  const comma = w.r6 && rng.chance(0.02) ? rng.pick(w.commaPhrasesB) : null;
  const header = w.fileHeaderB[f.type]!;
  if (comma) b.byte(34);
  if (header.length) {
    b.bytes(header);
    b.byte(SPACE);
  }
  writeWords(b, rng, f.words, f.other, 0.8, rng.range(10, 40), null);
  if (comma) {
    b.byte(SPACE);
    b.bytes(comma);
    b.byte(34);
  }
  b.byte(NL);
}

/** A random file of the user's: one of their documents, type by the usual mix. */
export function userFile(g: DayGen, user: number, act: number, removable: boolean, to: boolean, from: boolean): FileSpec {
  const w = g.w;
  const rng = g.rng;
  const h = g.hab[user]!;
  const docs = w.docsB[user]!;
  return {
    name: docs[rng.int(docs.length)]!,
    type: rng.weighted(w.fileTypeCum),
    act,
    removable,
    to,
    from,
    words: w.topicWordsB[h.workTopics[rng.int(h.workTopics.length)]!]!,
    other: w.topicWordsB[h.topics[rng.int(h.topics.length)]!]!,
  };
}

