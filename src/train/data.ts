// Everything a detection run fits before training, in the only order that cannot leak:
// split the rows, fit the preprocessing and the layout on the training rows, apply them
// to every row, bind the layout to the result.
import type { FeatureMatrix } from '../data/cert/matrix.js';
import { fitPrepare, applyPrepare, type PrepareSpec, type PrepareState } from '../layout/prepare.js';
import { fitLayout, BoundLayout, type LayoutKind, type LayoutOptions, type LayoutSpec } from '../layout/layout.js';
import { makeSplit, type Split, type SplitSpec } from './split.js';

export interface DetectionData {
  matrix: FeatureMatrix;
  labels: Int32Array;
  split: Split;
  prep: PrepareState;
  layoutSpec: LayoutSpec;
  layout: BoundLayout;
}

export interface DataSpec { layout: LayoutKind; layoutOptions?: LayoutOptions; prepare?: PrepareSpec; split: SplitSpec }

export function prepareDetection(matrix: FeatureMatrix, spec: DataSpec): DetectionData {
  if (!matrix.insider) throw new Error('the features have no labels (no answers/ in the data): supervised training needs them');
  const split = makeSplit({ user: matrix.user, time: matrix.time, insider: matrix.insider }, spec.split);
  const prep = fitPrepare(matrix, split.train, spec.prepare);
  const base = applyPrepare(prep, matrix);
  const layoutSpec = fitLayout(spec.layout, prep, base, split.train, spec.layoutOptions);
  const layout = new BoundLayout(layoutSpec, prep, base, matrix.n, matrix);
  return { matrix, labels: matrix.insider, split, prep, layoutSpec, layout };
}

/** Binds a saved run's fitted preprocessing and layout to new rows (scoring). */
export function bindSaved(matrix: FeatureMatrix, prep: PrepareState, layoutSpec: LayoutSpec): BoundLayout {
  const byName = new Set(matrix.columns);
  const missing = [...prep.inputs, ...(prep.peer ? [prep.peer.column] : [])].filter((c) => !byName.has(c));
  if (missing.length) throw new Error(`the features lack ${missing.length} column(s) the run needs: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''}`);
  return new BoundLayout(layoutSpec, prep, applyPrepare(prep, matrix), matrix.n, matrix);
}
