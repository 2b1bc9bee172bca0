// Functions whose bodies stay hand-written: handle plumbing, host copies, autograd, the
// fused optimizer updates and XGBoost. They are declared here all the same, so the
// TypeScript interface of the addon covers every function it exports; each names the
// file under native/src that defines and registers it.
import type { Decl } from './dsl.js';

const core = { hand: 'addon.cc' };
const host = { hand: 'host.cc' };
const autograd = { hand: 'autograd.cc' };
const optim = { hand: 'optim.cc' };
const xgboost = { hand: 'xgboost.cc' };

export const hand: Decl[] = [
  ['dispose(self: tensor) -> void', core],
  ['isDisposed(self: tensor) -> bool', core],
  ['liveTensors() -> int', core],
  ['setNumThreads(n: int) -> void', core],
  ['getNumThreads() -> int', core],
  ['cudaAvailable() -> bool', core],
  ['manualSeed(seed: int) -> void', core],
  ['configInfo() -> str', core],

  // Copies host memory into a new CPU tensor; the buffer's dtype is given, not inferred.
  ['fromBuffer(data: typedarray, shape: int[], dtype: dtype) -> tensor', host],
  // The contiguous CPU bytes of a tensor.
  ['toBuffer(self: tensor) -> arraybuffer', host],

  ['requiresGrad(self: tensor) -> bool', autograd],
  ['setRequiresGrad(self: tensor, requiresGrad: bool = true) -> void', autograd],
  ['isLeaf(self: tensor) -> bool', autograd],
  ['retainGrad(self: tensor) -> void', autograd],
  ['gradFnName(self: tensor) -> str?', autograd],
  ['grad(self: tensor) -> tensor?', autograd],
  // null clears the gradient, like `p.grad = None`.
  ['setGrad(self: tensor, grad: tensor?) -> void', autograd],
  ['setData(self: tensor, src: tensor) -> void', autograd],
  ['detach(self: tensor) -> tensor', autograd],
  ['detach_(self: tensor) -> void', autograd],
  ['backward(self: tensor, gradient: tensor?, retainGraph: bool?, createGraph: bool = false) -> void', autograd],
  // Gradients of outputs w.r.t. inputs; null for unused inputs when allowUnused.
  ['autogradGrad(outputs: tensor[], inputs: tensor[], gradOutputs: tensor[]?, retainGraph: bool?, createGraph: bool = false, allowUnused: bool = false) -> tensor?[]', autograd],
  // Returns the previous mode.
  ['setGradEnabled(enabled: bool) -> bool', autograd],
  ['isGradEnabled() -> bool', autograd],

  // One fused pass per parameter, in torch.optim's arithmetic order (see optim.cc).
  ['adamUpdate(param: tensor, grad: tensor, expAvg: tensor, expAvgSq: tensor, maxExpAvgSq: tensor?, step: float, lr: float, beta1: float, beta2: float, eps: float, weightDecay: float, decoupled: bool) -> void', optim],
  // `first`: the momentum buffer takes this step's direction (torch.optim clones it).
  ['sgdUpdate(param: tensor, grad: tensor, momentumBuffer: tensor?, first: bool, lr: float, momentum: float, dampening: float, weightDecay: float, nesterov: bool) -> void', optim],

  // NaN marks a missing value in x [n*f].
  ['xgbDMatrix(x: float32array, n: int, f: int, label: float32array?, weight: float32array?) -> xgb', xgboost],
  ['xgbBooster(dtrain: xgb, params: params) -> xgb', xgboost],
  ['xgbUpdate(booster: xgb, dtrain: xgb, iteration: int) -> void', xgboost],
  // One value per row; outputMargin: probabilities (false) or margins (true).
  ['xgbPredict(booster: xgb, data: xgb, outputMargin: bool = false) -> float32array', xgboost],
  ['xgbNumFeatures(booster: xgb) -> int', xgboost],
  ['xgbSave(booster: xgb) -> str', xgboost],
  ['xgbLoad(json: str, params: params?) -> xgb', xgboost],
  ['xgbFree(handle: xgb) -> void', xgboost],
  ['xgbVersion() -> str', xgboost],
];
