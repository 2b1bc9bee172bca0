// The fitted preprocessing every layout starts from: pick the numeric input columns,
// normalise them (fitted on training rows), and optionally add deviation channels. The
// result is one row-major [n, C·f] matrix, channel-major within a row ([values of f
// columns | user deviations | peer deviations]), from which a layout gathers each batch.
// With `ple`, the piecewise-linear encoding's bin edges are fitted on the training rows
// of that matrix too (the layout encodes each batch with them; see ple.ts).
import type { Domain, FeatureSchema } from '../data/cert/types.js';
import { fitNormalizer, applyNormalizer, type NormalizerState, type NormalizeKind } from './normalize.js';
import { fitPle, type PleSpec, type PleState } from './ple.js';
import { userDeviation, fitPeerDeviation, applyPeerDeviation, DEFAULT_USER_DEVIATION, type UserDeviationSpec, type PeerDeviationState } from './deviation.js';

export type Channel = 'value' | 'user' | 'peer';
export type DeviationKind = Exclude<Channel, 'value'>;
export const DEVIATION_KINDS: readonly DeviationKind[] = ['user', 'peer'];

/** The matrix a layout is fitted on and applied to (a FeatureMatrix satisfies it). */
export interface MatrixLike {
  schema: FeatureSchema;
  columns: string[];
  n: number;
  values: Float32Array;
  user: Int32Array;
  time: Int32Array;
}

export interface PrepareSpec {
  /** robust (log1p, median/IQR, clipped; default), quantile (rank-Gauss) or smooth (robust with RealMLP's smooth clip). */
  normalize?: NormalizeKind;
  deviation?: DeviationKind[];
  userDeviation?: UserDeviationSpec;
  /** Peer group column (an index column of the context domain). */
  peerColumn?: string;
  /** Fit piecewise-linear encoding edges for every base column (C·f). */
  ple?: PleSpec;
}

export interface PrepareState {
  inputs: string[];
  domains: Domain[];
  channels: Channel[];
  normalizer: NormalizerState;
  userDeviation: UserDeviationSpec | null;
  peer: PeerDeviationState | null;
  /** Absent in runs without a piecewise-linear encoding (and in older layout.json files). */
  ple?: PleState;
}

/**
 * Model inputs: every numeric feature. Categorical codes ('index' columns such as the
 * department) are identifiers, not magnitudes; they define peer groups instead.
 */
export function inputColumns(schema: FeatureSchema): string[] {
  return schema.columns.filter((c) => c.aggregation !== 'index').map((c) => c.name);
}

const DEFAULT_PEER_COLUMNS = ['context_index_department', 'context_index_role'];

function columnIndex(m: MatrixLike, name: string): number {
  const j = m.columns.indexOf(name);
  if (j < 0) throw new Error(`the features lack column '${name}' that this run needs`);
  return j;
}

/** The [n, k] sub-matrix of the named columns. */
function select(m: MatrixLike, names: string[]): Float32Array {
  const f = m.columns.length, k = names.length;
  const idx = names.map((c) => columnIndex(m, c));
  const out = new Float32Array(m.n * k);
  for (let i = 0; i < m.n; i++) for (let j = 0; j < k; j++) out[i * k + j] = m.values[i * f + idx[j]];
  return out;
}

function groupOf(m: MatrixLike, column: string): Float32Array {
  const j = columnIndex(m, column), f = m.columns.length;
  return Float32Array.from({ length: m.n }, (_, i) => m.values[i * f + j]);
}

export function fitPrepare(m: MatrixLike, trainRows: Int32Array, spec: PrepareSpec = {}): PrepareState {
  const inputs = inputColumns(m.schema);
  if (inputs.length === 0) throw new Error('the feature schema has no numeric feature columns');
  const byName = new Map(m.schema.columns.map((c) => [c.name, c]));
  const domains = inputs.map((c) => byName.get(c)!.domain);
  const raw = select(m, inputs);
  const noLog = inputs.map((c) => byName.get(c)!.aggregation === 'flag');
  const normalizer = fitNormalizer(raw, inputs.length, trainRows, { noLog, kind: spec.normalize });
  const deviation = DEVIATION_KINDS.filter((d) => spec.deviation?.includes(d));
  const channels: Channel[] = ['value', ...deviation];
  let peer: PeerDeviationState | null = null;
  if (deviation.includes('peer')) {
    const column = spec.peerColumn ?? DEFAULT_PEER_COLUMNS.find((c) => m.columns.includes(c));
    // The CLI has no flag for another column; an API caller names one in PrepareSpec.peerColumn.
    if (!column) throw new Error(`peer deviation needs a group column, and the features have none of ${DEFAULT_PEER_COLUMNS.join(', ')}`);
    const x = applyNormalizer(normalizer, raw, inputs.length);
    peer = fitPeerDeviation(x, inputs.length, groupOf(m, column), trainRows, column);
  }
  const state: PrepareState = { inputs, domains, channels, normalizer, userDeviation: deviation.includes('user') ? { ...DEFAULT_USER_DEVIATION, ...spec.userDeviation } : null, peer };
  if (!spec.ple) return state;
  // Edges of the deviation channels too: every column the model sees is encoded. A training
  // row's base values read no validation or test row (test/layout/layouts.test.ts checks it).
  return { ...state, ple: fitPle(applyPrepare(state, m), inputs.length * channels.length, trainRows, spec.ple) };
}

/** The [n, C·f] base matrix for every row of `m`. */
export function applyPrepare(state: PrepareState, m: MatrixLike): Float32Array {
  const f = state.inputs.length, C = state.channels.length;
  const x = applyNormalizer(state.normalizer, select(m, state.inputs), f);
  if (C === 1) return x;
  const parts: Float32Array[] = [x];
  for (const ch of state.channels.slice(1)) {
    if (ch === 'user') parts.push(userDeviation(x, f, m.user, m.time, state.userDeviation ?? DEFAULT_USER_DEVIATION));
    else parts.push(applyPeerDeviation(state.peer!, x, f, groupOf(m, state.peer!.column)));
  }
  const out = new Float32Array(m.n * C * f);
  for (let i = 0; i < m.n; i++) parts.forEach((p, c) => out.set(p.subarray(i * f, (i + 1) * f), (i * C + c) * f));
  return out;
}
