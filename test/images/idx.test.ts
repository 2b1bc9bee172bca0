import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readIdx, encodeIdx, decodeIdx } from '../../src/data/images/idx.js';
import { loadImageDataset } from '../../src/data/images/dataset.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'reslab-idx-'));

/** A 2×3×2 uint8 IDX file written byte by byte, independent of encodeIdx. */
function handWritten(): Uint8Array {
  const header = [0, 0, 0x08, 3, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 2];
  return Uint8Array.from([...header, ...Array.from({ length: 12 }, (_, i) => i * 20)]);
}

test('reads a raw and a gzipped uint8 IDX file: dims and values', () => {
  const dir = tmp();
  try {
    writeFileSync(join(dir, 'a-idx3-ubyte'), handWritten());
    writeFileSync(join(dir, 'a-idx3-ubyte.gz'), gzipSync(handWritten()));
    for (const name of ['a-idx3-ubyte', 'a-idx3-ubyte.gz']) {
      const a = readIdx(join(dir, name));
      assert.equal(a.type, 'uint8');
      assert.deepEqual(a.dims, [2, 3, 2]);
      assert.deepEqual(Array.from(a.data), Array.from({ length: 12 }, (_, i) => i * 20));
    }
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('multi-byte types are big-endian and round-trip through encodeIdx', () => {
  const ints = [1, -2, 70000, -70000];
  assert.deepEqual(Array.from(decodeIdx(encodeIdx('int32', [2, 2], ints)).data), ints);
  const fl = [0.5, -1.25, 3e10];
  assert.deepEqual(Array.from(decodeIdx(encodeIdx('float64', [3], fl)).data), fl);
  // 0x0102 big-endian as int16 is 258, not 513.
  assert.deepEqual(Array.from(decodeIdx(Uint8Array.from([0, 0, 0x0b, 1, 0, 0, 0, 1, 1, 2])).data), [258]);
});

test('a truncated file is an error naming the file, the shape and the bytes expected', () => {
  const dir = tmp();
  try {
    const p = join(dir, 'short-idx3-ubyte');
    writeFileSync(p, handWritten().subarray(0, 20));
    assert.throws(() => readIdx(p), (e: Error) => e.message.includes(p) && /truncated/.test(e.message) && e.message.includes('2×3×2') && e.message.includes('12 bytes') && e.message.includes('found 4'));
    const hp = join(dir, 'header-idx3-ubyte');
    writeFileSync(hp, handWritten().subarray(0, 9));
    assert.throws(() => readIdx(hp), (e: Error) => e.message.includes(hp) && /truncated header/.test(e.message));
    const gz = join(dir, 'cut.gz');
    const z = gzipSync(handWritten());
    writeFileSync(gz, z.subarray(0, z.length - 8));
    assert.throws(() => readIdx(gz), (e: Error) => e.message.includes(gz) && /gzip/.test(e.message));
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('a missing file and a wrong magic are errors naming the file', () => {
  const dir = tmp();
  try {
    assert.throws(() => readIdx(join(dir, 'nope')), (e: Error) => e.message.includes(join(dir, 'nope')) && /not found/.test(e.message));
    writeFileSync(join(dir, 'png'), Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4]));
    assert.throws(() => readIdx(join(dir, 'png')), /not an IDX file: magic 89 50 4e 47/);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('loadImageDataset finds the MNIST file names, checks counts, and names a missing part', () => {
  const dir = tmp();
  try {
    const img = (n: number) => encodeIdx('uint8', [n, 4, 4], Array.from({ length: n * 16 }, (_, i) => i % 256));
    writeFileSync(join(dir, 'train-images-idx3-ubyte.gz'), gzipSync(img(5)));
    writeFileSync(join(dir, 'train-labels-idx1-ubyte'), encodeIdx('uint8', [5], [0, 1, 2, 1, 0]));
    writeFileSync(join(dir, 't10k-images.idx3-ubyte'), img(3));
    assert.throws(() => loadImageDataset(dir), (e: Error) => e.message.includes('t10k-labels-idx1-ubyte') && e.message.includes(dir));
    writeFileSync(join(dir, 't10k-labels-idx1-ubyte.gz'), gzipSync(encodeIdx('uint8', [2], [0, 1])));
    assert.throws(() => loadImageDataset(dir), /2 labels for the 3 images/);
    writeFileSync(join(dir, 't10k-labels-idx1-ubyte.gz'), gzipSync(encodeIdx('uint8', [3], [0, 1, 2])));
    const ds = loadImageDataset(dir);
    assert.equal(ds.train.n, 5);
    assert.equal(ds.test.n, 3);
    assert.deepEqual(ds.train.shape, [1, 4, 4]);
    assert.equal(ds.numClasses, 3);
    assert.equal(ds.train.pixels[17], 17);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
