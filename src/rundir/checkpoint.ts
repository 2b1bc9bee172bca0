// Per-epoch checkpoints that survive a kill at any moment: each epoch's state goes to its
// own safetensors file (written atomically), then checkpoint.json is replaced atomically
// to point at it, with its SHA-256 and the previous checkpoint beside it. Resuming checks
// the hash; a corrupt latest checkpoint is reported and the previous one, which is never
// deleted before a newer one is safely recorded, is used instead.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Tensor, decodeSafetensors, saveSafetensors } from '../torch/index.js';
import { writeFileAtomic } from '../util/atomic.js';

export interface CheckpointRef { file: string; sha256: string; epoch: number }
interface Pointer { latest: CheckpointRef; previous: CheckpointRef | null }

export interface CheckpointState {
  epoch: number;
  model: Map<string, Tensor>;
  optimizer: { tensors: Map<string, Tensor>; scalars: Record<string, number> };
  /** Trainer bookkeeping (best metric, best epoch, step count, …), JSON-serialisable. */
  info: Record<string, unknown>;
}

const sha256 = (buf: Uint8Array) => createHash('sha256').update(buf).digest('hex');
const POINTER = 'checkpoint.json';

export function saveCheckpoint(dir: string, s: CheckpointState): void {
  const tensors = new Map<string, Tensor>();
  for (const [k, t] of s.model) tensors.set(`model.${k}`, t);
  for (const [k, t] of s.optimizer.tensors) tensors.set(`optim.${k}`, t);
  const file = `epoch-${String(s.epoch).padStart(4, '0')}.safetensors`;
  const path = join(dir, file);
  saveSafetensors(path, tensors, { epoch: String(s.epoch), scalars: JSON.stringify(s.optimizer.scalars), info: JSON.stringify(s.info) });
  const ref = { file, sha256: sha256(readFileSync(path)), epoch: s.epoch };
  const old = readPointer(dir);
  const pointer: Pointer = { latest: ref, previous: old?.latest.file === file ? old.previous : old?.latest ?? null };
  writeFileAtomic(join(dir, POINTER), JSON.stringify(pointer, null, 2) + '\n');
  // Only now that the pointer names latest and previous may older files go.
  const keepFiles = new Set([ref.file, pointer.previous?.file]);
  for (const f of readdirSync(dir)) if (/^epoch-\d+\.safetensors$/.test(f) && !keepFiles.has(f)) rmSync(join(dir, f), { force: true });
}

function readPointer(dir: string): Pointer | null {
  const p = join(dir, POINTER);
  if (!existsSync(p)) return null;
  try {
    return JSON.parse(readFileSync(p, 'utf8')) as Pointer;
  } catch (e) {
    throw new Error(`${p}: not valid JSON (${(e as Error).message}); delete the run directory to start over`);
  }
}

function loadRef(dir: string, ref: CheckpointRef): CheckpointState {
  const path = join(dir, ref.file);
  if (!existsSync(path)) throw new Error(`${path}: missing`);
  const buf = readFileSync(path);
  const got = sha256(buf);
  if (got !== ref.sha256) throw new Error(`${path}: corrupt (SHA-256 ${got.slice(0, 12)}…, checkpoint.json recorded ${ref.sha256.slice(0, 12)}…)`);
  const { tensors, metadata } = decodeSafetensors(buf, path);
  const model = new Map<string, Tensor>(), optim = new Map<string, Tensor>();
  for (const [k, t] of tensors) {
    if (k.startsWith('model.')) model.set(k.slice(6), t);
    else if (k.startsWith('optim.')) optim.set(k.slice(6), t);
  }
  return { epoch: Number(metadata.epoch), model, optimizer: { tensors: optim, scalars: JSON.parse(metadata.scalars ?? '{}') }, info: JSON.parse(metadata.info ?? '{}') };
}

/**
 * The newest loadable checkpoint in `dir`, or null when there is none. `warn` hears about
 * a corrupt latest checkpoint that was skipped for the previous one.
 */
export function loadCheckpoint(dir: string, warn: (msg: string) => void = () => {}): CheckpointState | null {
  const ptr = readPointer(dir);
  if (!ptr) return null;
  try {
    return loadRef(dir, ptr.latest);
  } catch (e) {
    if (!ptr.previous) throw new Error(`${(e as Error).message}; no previous checkpoint to fall back to`);
    warn(`${(e as Error).message}; resuming from the previous checkpoint (epoch ${ptr.previous.epoch})`);
    return loadRef(dir, ptr.previous);
  }
}
