// Autograd: libtorch's own engine does the work; this file exposes it.
#include "common.h"
#include <torch/csrc/autograd/autograd.h>
#include <torch/csrc/autograd/function.h>
#include <torch/csrc/autograd/variable.h>

using namespace reslab;

RESLAB_FN(requiresGrad) { return Napi::Boolean::New(env, TA(0).requires_grad()); }
RESLAB_FN(setRequiresGrad) { TA(0).requires_grad_(Bool(info[1], true)); return env.Undefined(); }
RESLAB_FN(isLeaf) { return Napi::Boolean::New(env, TA(0).is_leaf()); }
RESLAB_FN(retainGrad) { TA(0).retain_grad(); return env.Undefined(); }
RESLAB_FN(gradFnName) {
  auto fn = TA(0).grad_fn();
  if (!fn) return env.Null();
  return Napi::String::New(env, fn->name());
}
// (t) -> the accumulated gradient or null
RESLAB_FN(grad) {
  auto g = TA(0).grad();
  if (!g.defined()) return env.Null();
  return Wrap(env, g);
}
// (t, g|null): replace the gradient (null clears it, like `p.grad = None`)
RESLAB_FN(setGrad) {
  if (IsNullish(info[1])) TA(0).mutable_grad().reset();
  else TA(0).mutable_grad() = TA(1);
  return env.Undefined();
}
RESLAB_FN(detach) { return Wrap(env, TA(0).detach()); }
RESLAB_FN(detach_) { TA(0).detach_(); return env.Undefined(); }
// (t, gradient|null, retainGraph, createGraph)
RESLAB_FN(backward) {
  auto& t = TA(0);
  auto g = OptTensor(info[1]);
  bool create = Bool(info[3], false);
  c10::optional<bool> retain;
  if (!IsNullish(info[2])) retain = Bool(info[2], false);
  torch::autograd::backward({t}, g ? torch::autograd::variable_list{*g} : torch::autograd::variable_list{}, retain, create);
  return env.Undefined();
}
// (outputs[], inputs[], gradOutputs[]|null, retainGraph|null, createGraph, allowUnused) -> grads (null for unused)
RESLAB_FN(autogradGrad) {
  auto outs = TensorList(info[0]);
  auto ins = TensorList(info[1]);
  torch::autograd::variable_list gos;
  if (!IsNullish(info[2])) gos = TensorList(info[2]);
  c10::optional<bool> retain;
  if (!IsNullish(info[3])) retain = Bool(info[3], false);
  auto grads = torch::autograd::grad(outs, ins, gos, retain, Bool(info[4], false), Bool(info[5], false));
  return WrapList(env, grads);
}
RESLAB_FN(setGradEnabled) {
  bool prev = at::GradMode::is_enabled();
  at::GradMode::set_enabled(Bool(info[0], true));
  return Napi::Boolean::New(env, prev);
}
RESLAB_FN(isGradEnabled) { return Napi::Boolean::New(env, at::GradMode::is_enabled()); }

void reslab::InitAutograd(Napi::Env env, Napi::Object e) {
#define E(n) Export(env, e, #n, n)
  E(requiresGrad); E(setRequiresGrad); E(isLeaf); E(retainGrad); E(gradFnName); E(grad); E(setGrad);
  E(detach); E(detach_); E(backward); E(autogradGrad); E(setGradEnabled); E(isGradEnabled);
#undef E
}
