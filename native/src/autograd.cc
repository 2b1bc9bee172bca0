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
  if (IsNullish(info[1])) {
    TA(0).mutable_grad().reset();
    return env.Undefined();
  }
  auto& t = TA(0);
  auto& g = TA(1);
  // The same checks as PyTorch's `p.grad = g`: a mismatched gradient would otherwise be
  // broadcast or cast silently by the optimizer's in-place update.
  if (g.sizes() != t.sizes())
    throw Napi::Error::New(env, "assigned grad has data of a different size: " + c10::str(g.sizes()) + " for a tensor of " + c10::str(t.sizes()));
  if (g.scalar_type() != t.scalar_type())
    throw Napi::Error::New(env, std::string("assigned grad has data of a different type: ") + DTypeName(g.scalar_type()) + " for a " + DTypeName(t.scalar_type()) + " tensor");
  if (g.device() != t.device())
    throw Napi::Error::New(env, "assigned grad is on " + g.device().str() + ", the tensor on " + t.device().str());
  t.mutable_grad() = g;
  return env.Undefined();
}
// (t, src): `t.data = src` — t keeps its identity (and autograd leaf status) but takes src's
// storage, dtype and device, which is how Module.to() moves parameters optimizers hold.
RESLAB_FN(setData) { TA(0).set_data(TA(1)); return env.Undefined(); }
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
  E(setData); E(detach); E(detach_); E(backward); E(autogradGrad); E(setGradEnabled); E(isGradEnabled);
#undef E
}
