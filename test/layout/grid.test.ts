import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planGrid, applyGrid } from '../../src/layout/grid.js';
import type { FeatureSchema, FeatureColumn, Domain } from '../../src/data/cert/types.js';

function col(name: string, domain: Domain): FeatureColumn {
  return { name, domain, aggregation: 'count', measure: 'events', subset: null, timeClass: 'all', pcClass: null, dtype: 'int', description: name };
}
const schema: FeatureSchema = {
  version: 1, release: 'r4.2', granularity: 'day', keys: ['user', 'day'], labels: ['insider', 'malicious_events'],
  columns: [col('http_a', 'http'), col('logon_a', 'logon'), col('logon_b', 'logon'), col('logon_c', 'logon'), col('ctx_a', 'context')],
};

test('rows follow the domain order, width is the widest domain, empty domains are dropped', () => {
  const plan = planGrid(schema);
  assert.deepEqual(plan.rows, ['logon', 'http', 'context']);
  assert.deepEqual(plan.shape, [1, 3, 3]);
  assert.deepEqual(plan.cells.map((c) => [c.name, c.row, c.col]), [
    ['logon_a', 0, 0], ['logon_b', 0, 1], ['logon_c', 0, 2], ['http_a', 1, 0], ['ctx_a', 2, 0],
  ]);
});

test('applyGrid places each value in its cell and zero-pads the rest', () => {
  const plan = planGrid(schema);
  // Two samples, values in cell order.
  const out = applyGrid(plan, Float32Array.from([1, 2, 3, 4, 5, 10, 20, 30, 40, 50]), 2);
  assert.deepEqual([...out.subarray(0, 9)], [1, 2, 3, 4, 0, 0, 5, 0, 0]);
  assert.deepEqual([...out.subarray(9)], [10, 20, 30, 40, 0, 0, 50, 0, 0]);
  assert.throws(() => applyGrid(plan, new Float32Array(7), 2), /expected 2 × 5 values, got 7/);
});

test('exclude drops columns and an empty schema is an error', () => {
  assert.deepEqual(planGrid(schema, { exclude: (n) => n.startsWith('logon') }).shape, [1, 2, 1]);
  assert.throws(() => planGrid({ ...schema, columns: [] }), /no feature columns/);
});
