// email.csv rows. r4.2: id,date,user,pc,to,cc,bcc,from,size,attachments,content with
// attachments a count; r5+: adds activity (Send/View) after from, and attachments
// become 'NAME.ext(size);…'. Recipient lists are ';'-separated.
import { COMMA, enc, NL, SEMI } from '../bytes.js';
import type { DayGen } from '../day.js';
import { LOG_CODE } from '../schema.js';
import { writeWords } from './content.js';

const SEND = enc(',Send');
const VIEW = enc(',View');
const OPEN_PAREN = 40;
const CLOSE_PAREN = 41;
const DOT = 46;

/** A reusable description of one email; the arrays are refilled for every message. */
export class Mail {
  to: Uint8Array[] = [];
  cc: Uint8Array[] = [];
  bcc: Uint8Array[] = [];
  from: Uint8Array = new Uint8Array(0);
  view = false;
  size = 0;
  /** Attachments: names (without extension) and file type indices. */
  attachNames: Uint8Array[] = [];
  attachTypes: number[] = [];
  words: Uint8Array[] = [];
  other: Uint8Array[] | null = null;
  nWords = 0;

  reset(): this {
    this.to.length = 0;
    this.cc.length = 0;
    this.bcc.length = 0;
    this.attachNames.length = 0;
    this.attachTypes.length = 0;
    this.view = false;
    this.other = null;
    return this;
  }
}

function list(b: import('../bytes.js').ByteBuf, xs: Uint8Array[]): void {
  b.byte(COMMA);
  for (let i = 0; i < xs.length; i++) {
    if (i > 0) b.byte(SEMI);
    b.bytes(xs[i]!);
  }
}

export function writeEmail(g: DayGen, t: number, user: number, pc: number, m: Mail, tag: number): void {
  const w = g.w;
  const rng = g.rng;
  const b = g.head(LOG_CODE.email, t, user, pc, tag);
  list(b, m.to);
  list(b, m.cc);
  list(b, m.bcc);
  b.byte(COMMA);
  b.bytes(m.from);
  if (w.r5) b.bytes(m.view ? VIEW : SEND);
  b.byte(COMMA);
  let size = m.size;
  const attSizes: number[] = [];
  for (let i = 0; i < m.attachNames.length; i++) {
    const s = Math.round(rng.lognormal(11, 1.2));
    attSizes.push(s);
    size += s;
  }
  b.uint(size);
  b.byte(COMMA);
  if (!w.r5) b.uint(m.attachNames.length);
  else {
    for (let i = 0; i < m.attachNames.length; i++) {
      if (i > 0) b.byte(SEMI);
      b.bytes(m.attachNames[i]!);
      b.byte(DOT);
      b.bytes(w.fileExtB[m.attachTypes[i]!]!);
      b.byte(OPEN_PAREN);
      b.uint(attSizes[i]!);
      b.byte(CLOSE_PAREN);
    }
  }
  b.byte(COMMA);
  const comma = w.r6 && rng.chance(0.03) ? w.commaPhrasesB[rng.int(w.commaPhrasesB.length)]! : null;
  writeWords(b, rng, m.words, m.other, 0.75, m.nWords, comma);
  b.byte(NL);
}
