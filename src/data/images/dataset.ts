// An MNIST-format image dataset directory: train and test images (N×H×W uint8) and labels
// (N uint8) as IDX files, gzipped or not, under the names MNIST and Fashion-MNIST use.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readIdx } from './idx.js';

export interface ImageSet {
  /** N × channels × height × width pixels, row-major, 0–255. */
  pixels: Uint8Array;
  labels: Uint8Array;
  n: number;
  shape: [number, number, number];
}

export interface ImageDataset { dir: string; train: ImageSet; test: ImageSet; numClasses: number }

/** The file stems tried for each part; `.gz` and the dotted variant (train-images.idx3-ubyte) too. */
const PARTS = {
  trainImages: 'train-images-idx3-ubyte', trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte', testLabels: 't10k-labels-idx1-ubyte',
} as const;

function findPart(dir: string, stem: string): string {
  const dotted = stem.replace(/-idx(\d)-ubyte$/, '.idx$1-ubyte');
  const names = [stem, `${stem}.gz`, dotted, `${dotted}.gz`];
  for (const n of names) if (existsSync(join(dir, n))) return join(dir, n);
  throw new Error(`${join(dir, `${stem}.gz`)}: not found (expected one of ${names.join(', ')} in ${dir}: an MNIST-format dataset directory)`);
}

function readSet(imagesPath: string, labelsPath: string): ImageSet {
  const img = readIdx(imagesPath);
  const lab = readIdx(labelsPath);
  if (img.type !== 'uint8' || img.dims.length !== 3) throw new Error(`${imagesPath}: expected N×H×W uint8 images, got ${img.dims.join('×')} ${img.type}`);
  if (lab.type !== 'uint8' || lab.dims.length !== 1) throw new Error(`${labelsPath}: expected N uint8 labels, got ${lab.dims.join('×')} ${lab.type}`);
  if (lab.dims[0] !== img.dims[0]) throw new Error(`${labelsPath}: ${lab.dims[0]} labels for the ${img.dims[0]} images of ${imagesPath}`);
  return { pixels: img.data as Uint8Array, labels: lab.data as Uint8Array, n: img.dims[0], shape: [1, img.dims[1], img.dims[2]] };
}

export function loadImageDataset(dir: string): ImageDataset {
  if (!existsSync(dir)) throw new Error(`${dir}: not found (expected a directory holding ${PARTS.trainImages}.gz and the other MNIST-format files)`);
  const train = readSet(findPart(dir, PARTS.trainImages), findPart(dir, PARTS.trainLabels));
  const test = readSet(findPart(dir, PARTS.testImages), findPart(dir, PARTS.testLabels));
  if (train.shape.join() !== test.shape.join()) throw new Error(`${dir}: train images are ${train.shape.slice(1).join('×')}, test images ${test.shape.slice(1).join('×')}`);
  let max = 0;
  for (const l of train.labels) max = Math.max(max, l);
  return { dir, train, test, numClasses: max + 1 };
}
