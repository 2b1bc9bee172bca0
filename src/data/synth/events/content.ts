// Keyword contents: space-separated words drawn from topic vocabularies. In r6.x a few
// contents carry a comma phrase, and such fields are quoted like the real release.
import { type ByteBuf, QUOTE, SPACE } from '../bytes.js';
import type { Rng } from '../rng.js';

/**
 * Writes n words, each from `main` with probability pMain else from `other`. When
 * `comma` is set, one comma phrase is mixed in and the whole field is quoted.
 */
export function writeWords(
  b: ByteBuf,
  rng: Rng,
  main: Uint8Array[],
  other: Uint8Array[] | null,
  pMain: number,
  n: number,
  comma: Uint8Array | null,
): void {
  if (comma) b.byte(QUOTE);
  const at = comma ? rng.int(n) : -1;
  for (let i = 0; i < n; i++) {
    if (i > 0) b.byte(SPACE);
    if (i === at) {
      b.bytes(comma!);
      b.byte(SPACE);
    }
    const list = other === null || rng.float() < pMain ? main : other;
    b.bytes(list[(rng.float() * list.length) | 0]!);
  }
  if (comma) b.byte(QUOTE);
}
