import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convexHull, minAreaRotation, gridCells, deepInsightMatrix } from '../../src/layout/deepinsight.js';

test('convex hull of a square with interior points is its four corners, counter-clockwise', () => {
  const h = convexHull([[0, 0], [2, 0], [2, 2], [0, 2], [1, 1], [0.5, 1.5], [1, 0]]);
  assert.deepEqual(h, [[0, 0], [2, 0], [2, 2], [0, 2]]);
});

test('the minimum-area rotation aligns a rotated rectangle with the axes', () => {
  const a = 0.4;
  const rect: [number, number][] = [[0, 0], [4, 0], [4, 1], [0, 1], [2, 0.5]].map(([x, y]) => [x * Math.cos(a) - y * Math.sin(a), x * Math.sin(a) + y * Math.cos(a)]);
  const theta = minAreaRotation(rect);
  const r = rect.map(([x, y]) => [x * Math.cos(theta) - y * Math.sin(theta), x * Math.sin(theta) + y * Math.cos(theta)]);
  const xs = r.map((p) => p[0]), ys = r.map((p) => p[1]);
  const area = (Math.max(...xs) - Math.min(...xs)) * (Math.max(...ys) - Math.min(...ys));
  assert.ok(Math.abs(area - 4) < 1e-9, `area ${area}`);
});

test('grid cells span the image, long side along the long side; shared pixels are averaged', () => {
  const cells = gridCells([[0, 0], [10, 0], [10, 1], [0, 1], [0, 0.01]], 4, 8);
  assert.ok(cells.every((c) => c >= 0 && c < 32));
  assert.equal(new Set(cells.map((c) => c % 8)).size, 2, 'x spans the 8 columns: both ends used');
  assert.equal(cells[0], cells[4], 'near-identical points share a pixel');
  const { weights, occupied } = deepInsightMatrix({ kind: 'deepinsight', height: 4, width: 8, cells }, 5);
  assert.equal(weights[0 * 32 + cells[0]], 0.5);
  assert.equal(weights[4 * 32 + cells[0]], 0.5);
  assert.equal(occupied.reduce((a, b) => a + b, 0), new Set(cells).size);
});
