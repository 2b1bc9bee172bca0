// Identifier formats of the CERT releases:
//   event ids  {X1D9-S0ES98JV-5357PWMI}  (unique within one file)
//   user ids   ACM2278                   (initials + 4 digits)
//   PCs        PC-6056
// Event ids are a keyed Feistel permutation of (file, day, user, sequence) so they are
// unique by construction, look random, and depend only on the seed.
import { ByteBuf } from './bytes.js';
import { fmix32, hashKeys, Rng, Stream } from './rng.js';

const ALPHABET = new Uint8Array(Buffer.from('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'latin1'));
const TWO32 = 4294967296;
/** floor(36^7 / 2^32): how many multiples of 2^32 still fit in 7 base-36 digits. */
const SPREAD = Math.floor(36 ** 7 / TWO32);

/** Positions (in the 20-character body) filled with free random characters. */
const FREE = new Uint8Array([1, 6, 10, 13, 16, 19]);

export class IdMaker {
  private readonly keys: Uint32Array;
  private readonly body = new Uint8Array(20);
  private readonly digits = new Uint8Array(14);
  private readonly order: Uint8Array;

  constructor(seed: number) {
    this.keys = new Uint32Array(4);
    for (let r = 0; r < 4; r++) this.keys[r] = hashKeys(seed, Stream.Ids, r);
    // Which body position each of the 14 determined digits goes to.
    const det: number[] = [];
    for (let i = 0; i < 20; i++) if (!FREE.includes(i)) det.push(i);
    this.order = new Uint8Array(det);
  }

  /**
   * Writes '{XXXX-XXXXXXXX-XXXXXXXX}'. (file, day, user, seq) must be unique per file:
   * file < 8, day < 65536, user < 65536, seq < 65536.
   */
  write(buf: ByteBuf, rng: Rng, file: number, day: number, user: number, seq: number): void {
    let hi = (day | (file << 16)) >>> 0;
    let lo = (user | (seq << 16)) >>> 0;
    for (let r = 0; r < 4; r++) {
      const t = lo;
      lo = (hi ^ fmix32((lo ^ this.keys[r]!) >>> 0)) >>> 0;
      hi = t;
    }
    const d = this.digits;
    // Each half gets a random multiple of 2^32 added so its leading digit is not stuck
    // near zero; the half is still recoverable as value mod 2^32.
    let a = hi + rng.int(SPREAD) * TWO32;
    let b = lo + rng.int(SPREAD) * TWO32;
    for (let i = 0; i < 7; i++) {
      const qa = Math.floor(a / 36);
      d[i] = a - qa * 36;
      a = qa;
      const qb = Math.floor(b / 36);
      d[7 + i] = b - qb * 36;
      b = qb;
    }
    const body = this.body;
    for (let i = 0; i < 14; i++) body[this.order[i]!] = ALPHABET[d[i]!]!;
    for (let i = 0; i < FREE.length; i++) body[FREE[i]!] = ALPHABET[rng.int(36)]!;
    buf.ensure(24);
    const u8 = buf.u8;
    let p = buf.pos;
    u8[p++] = 123; // {
    for (let i = 0; i < 4; i++) u8[p++] = body[i]!;
    u8[p++] = 45;
    for (let i = 4; i < 12; i++) u8[p++] = body[i]!;
    u8[p++] = 45;
    for (let i = 12; i < 20; i++) u8[p++] = body[i]!;
    u8[p++] = 125; // }
    buf.pos = p;
  }
}

/** User id from a full name: initials of first, middle, last + 4 unique digits. */
export function makeUserId(first: string, middle: string, last: string, rng: Rng, taken: Set<string>): string {
  const letters = (first[0]! + middle[0]! + last[0]!).toUpperCase();
  for (;;) {
    const id = letters + String(rng.int(10000)).padStart(4, '0');
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

/** 'PC-dddd', unique among `taken`. */
export function makePcId(rng: Rng, taken: Set<string>): string {
  if (taken.size >= 9000) throw new Error('too many PCs for the PC-dddd id space');
  for (;;) {
    const id = 'PC-' + String(rng.int(10000)).padStart(4, '0');
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

/** Writes a random upper-case alphanumeric token of length n into buf. */
export function writeToken(buf: ByteBuf, rng: Rng, n: number): void {
  buf.ensure(n);
  for (let i = 0; i < n; i++) buf.u8[buf.pos++] = ALPHABET[rng.int(36)]!;
}
