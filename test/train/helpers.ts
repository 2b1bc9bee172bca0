// A small labelled feature matrix built in memory (no DuckDB): users × days with a few
// columns per domain, a department index column, and insiders whose malicious days carry
// a signal in some columns. Rows are grouped by user in time order, like loadFeatureMatrix.
import type { FeatureMatrix } from '../../src/data/cert/matrix.js';
import type { FeatureColumn, FeatureSchema, Domain } from '../../src/data/cert/types.js';
import { Rng } from '../../src/util/rng.js';

export interface ToyOptions { users?: number; days?: number; insiders?: number; perDomain?: number; seed?: number; signal?: number }

export function toyMatrix(o: ToyOptions = {}): FeatureMatrix {
  const U = o.users ?? 16, D = o.days ?? 40, I = o.insiders ?? 4, per = o.perDomain ?? 3, signal = o.signal ?? 3;
  const rng = new Rng(o.seed ?? 7, 99);
  const domains: Domain[] = ['logon', 'device', 'file', 'email', 'http'];
  const columns: FeatureColumn[] = domains.flatMap((d) => Array.from({ length: d === 'email' ? per + 2 : per }, (_, k) => ({
    name: `${d}_count_events_${k}`, domain: d, aggregation: 'count' as const, measure: 'events', subset: null, timeClass: 'all' as const, pcClass: null, dtype: 'int' as const, description: '',
  })));
  columns.push({ name: 'context_flag_weekend', domain: 'context', aggregation: 'flag', measure: 'weekend', subset: null, timeClass: null, pcClass: null, dtype: 'int', description: '' });
  columns.push({ name: 'context_index_department', domain: 'context', aggregation: 'index', measure: 'department', subset: null, timeClass: null, pcClass: null, dtype: 'int', description: '' });
  const schema: FeatureSchema = { version: 1, release: 'r4.2', granularity: 'day', keys: ['user', 'day'], labels: ['insider', 'malicious_events'], columns };
  const f = columns.length;
  const n = U * D;
  const values = new Float32Array(n * f), insider = new Int32Array(n), user = new Int32Array(n), time = new Int32Array(n);
  for (let u = 0; u < U; u++) {
    const isInsider = u < I;
    const start = Math.floor(D / 3) + (u % 3) * 5;
    for (let d = 0; d < D; d++) {
      const i = u * D + d;
      user[i] = u;
      time[i] = 14600 + d;
      const bad = isInsider && d >= start && d < start + 4;
      insider[i] = bad ? 1 + (u % 5) : 0;
      for (let j = 0; j < f - 2; j++) values[i * f + j] = Math.max(0, Math.round(rng.gauss(5 + (u % 4), 2) + (bad && j % 3 === 0 ? signal * 4 : 0)));
      values[i * f + f - 2] = d % 7 >= 5 ? 1 : 0;
      values[i * f + f - 1] = u % 3;
    }
  }
  return { schema, columns: columns.map((c) => c.name), n, values, insider, users: Array.from({ length: U }, (_, u) => `U${String(u).padStart(4, '0')}`), user, time, timeKey: 'day' };
}
