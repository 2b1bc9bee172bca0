// The whole op table, group by group; the order is the order of the generated files.
import { parse, type Op } from './dsl.js';
import { create } from './create.js';
import { shape } from './shape.js';
import { math } from './math.js';
import { nn } from './nn.js';
import { hand } from './hand.js';

/** Generated groups: each becomes native/src/gen/<name>.cc. */
export const groups: { name: string; about: string; ops: Op[] }[] = [
  { name: 'create', about: 'Tensor creation and metadata', ops: create.map(parse) },
  { name: 'shape', about: 'Shape, indexing, joining and conversion', ops: shape.map(parse) },
  { name: 'math', about: 'Elementwise math, comparisons, reductions, linear algebra and sorting', ops: math.map(parse) },
  { name: 'nn', about: 'Neural-network functionals', ops: nn.map(parse) },
];

/** Functions with hand-written bodies, declared for their TypeScript types. */
export const handOps: Op[] = hand.map(parse);

export const allOps: Op[] = [...groups.flatMap((g) => g.ops), ...handOps];
