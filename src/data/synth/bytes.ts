// A growable byte buffer for building CSV rows without per-row string concatenation.
// Everything the generator writes is ASCII, so vocabularies are encoded once into
// Uint8Arrays and rows are assembled by copying bytes.

export const enc = (s: string): Uint8Array => Buffer.from(s, 'latin1');

export const COMMA = 44;
export const NL = 10;
export const SPACE = 32;
export const QUOTE = 34;
export const SEMI = 59;

export class ByteBuf {
  u8: Uint8Array;
  pos = 0;

  constructor(initial = 1 << 16) {
    this.u8 = new Uint8Array(initial);
  }

  /** Makes room for n more bytes. */
  ensure(n: number): void {
    if (this.pos + n <= this.u8.length) return;
    let cap = this.u8.length * 2;
    while (cap < this.pos + n) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.u8.subarray(0, this.pos));
    this.u8 = next;
  }

  reset(): void {
    this.pos = 0;
  }

  byte(c: number): void {
    if (this.pos >= this.u8.length) this.ensure(1);
    this.u8[this.pos++] = c;
  }

  bytes(src: Uint8Array): void {
    const n = src.length;
    if (this.pos + n > this.u8.length) this.ensure(n);
    const u8 = this.u8;
    let p = this.pos;
    if (n > 48) {
      u8.set(src, p);
      p += n;
    } else {
      for (let i = 0; i < n; i++) u8[p++] = src[i]!;
    }
    this.pos = p;
  }

  /** Writes an ASCII string (slow path for rare strings). */
  ascii(s: string): void {
    const n = s.length;
    if (this.pos + n > this.u8.length) this.ensure(n);
    for (let i = 0; i < n; i++) this.u8[this.pos++] = s.charCodeAt(i) & 0xff;
  }

  /** Non-negative integer in decimal. */
  uint(v: number): void {
    if (this.pos + 16 > this.u8.length) this.ensure(16);
    if (v < 10) {
      this.u8[this.pos++] = 48 + v;
      return;
    }
    let digits = 0;
    for (let t = v; t >= 1; t = Math.floor(t / 10)) digits++;
    let p = this.pos + digits;
    this.pos = p;
    while (digits-- > 0) {
      const q = Math.floor(v / 10);
      this.u8[--p] = 48 + (v - q * 10);
      v = q;
    }
  }

  /** 'HH:MM:SS' for a second of the day. */
  time(s: number): void {
    if (this.pos + 8 > this.u8.length) this.ensure(8);
    const u8 = this.u8;
    let p = this.pos;
    const h = (s / 3600) | 0;
    const m = ((s / 60) | 0) % 60;
    const sec = s % 60;
    u8[p++] = 48 + ((h / 10) | 0);
    u8[p++] = 48 + (h % 10);
    u8[p++] = 58;
    u8[p++] = 48 + ((m / 10) | 0);
    u8[p++] = 48 + (m % 10);
    u8[p++] = 58;
    u8[p++] = 48 + ((sec / 10) | 0);
    u8[p++] = 48 + (sec % 10);
    this.pos = p;
  }

  /** A copy of the written bytes. */
  take(): Uint8Array {
    return this.u8.slice(0, this.pos);
  }

  toString(): string {
    return Buffer.from(this.u8.buffer, this.u8.byteOffset, this.pos).toString('latin1');
  }
}
