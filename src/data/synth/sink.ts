// Rows of one log for one day, collected unsorted and emitted sorted by time.
// Each row is written straight into a byte arena; a Float64 key per row packs
// (second of day, arrival order) so one typed-array sort orders the day stably.
import { ByteBuf } from './bytes.js';

const ORDER_BITS = 2 ** 22;

export interface TaggedRow {
  /** Insider number + 1. */
  tag: number;
  time: number;
  text: string;
}

export class RowSink {
  readonly buf = new ByteBuf(1 << 20);
  private keys = new Float64Array(4096);
  private starts = new Int32Array(4096);
  private tags = new Int16Array(4096);
  /** Rows written (so every random draw is made) but left out of the output: logging gaps. */
  private drops = new Uint8Array(4096);
  n = 0;
  /** Rows the last flush emitted. */
  kept = 0;

  /** Starts a row at second `time`; the caller then writes it (ending with '\n'). */
  begin(time: number, tag: number, drop = false): ByteBuf {
    const n = this.n;
    if (n >= this.keys.length) this.grow();
    if (n >= ORDER_BITS) throw new Error('more than 4M rows in one log on one day');
    this.keys[n] = time * ORDER_BITS + n;
    this.starts[n] = this.buf.pos;
    this.tags[n] = tag;
    this.drops[n] = drop ? 1 : 0;
    this.n = n + 1;
    return this.buf;
  }

  /** Drops the row begun last (used when a row turns out not to be written). */
  cancel(): void {
    this.n--;
    this.buf.pos = this.starts[this.n]!;
  }

  private grow(): void {
    const cap = this.keys.length * 2;
    const k = new Float64Array(cap);
    k.set(this.keys);
    const s = new Int32Array(cap);
    s.set(this.starts);
    const t = new Int16Array(cap);
    t.set(this.tags);
    const d = new Uint8Array(cap);
    d.set(this.drops);
    this.keys = k;
    this.starts = s;
    this.tags = t;
    this.drops = d;
  }

  /** Emits the rows sorted by time into a new array, reports tagged rows, and resets. */
  flush(onTagged: (row: TaggedRow) => void): Uint8Array {
    const n = this.n;
    const src = this.buf.u8;
    const end = this.buf.pos;
    const out = new Uint8Array(end);
    const sorted = this.keys.subarray(0, n).slice().sort();
    let p = 0;
    let kept = 0;
    for (let i = 0; i < n; i++) {
      const key = sorted[i]!;
      const idx = key % ORDER_BITS;
      if (this.drops[idx]) continue;
      kept++;
      const a = this.starts[idx]!;
      const b = idx + 1 < n ? this.starts[idx + 1]! : end;
      if (b - a > 64) out.set(src.subarray(a, b), p);
      else for (let j = a; j < b; j++) out[p + j - a] = src[j]!;
      p += b - a;
      const tag = this.tags[idx]!;
      if (tag > 0) onTagged({ tag, time: (key - idx) / ORDER_BITS, text: Buffer.from(src.buffer, src.byteOffset + a, b - a - 1).toString('latin1') });
    }
    this.n = 0;
    this.kept = kept;
    this.buf.reset();
    return p === end ? out : out.slice(0, p);
  }
}
