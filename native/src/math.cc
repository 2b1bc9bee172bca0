// Elementwise math, comparisons, reductions, linear algebra, sorting and in-place updates.
#include "common.h"

using namespace reslab;

// A JS number as a 0-dim "wrapped number" tensor, which is what Python does for `t * 2`:
// same type promotion as a Scalar, and the same autograd node (MulBackward0, not the
// Scalar overload's MulBackward1), so graphs and printouts match PyTorch's.
static at::Tensor Wrapped(const Napi::Value& v) {
  auto t = c10::scalar_to_tensor(Scalar(v));
  t.unsafeGetTensorImpl()->set_wrapped_number(true);
  return t;
}


#define UNARY(name, expr) \
  RESLAB_FN(name) {       \
    auto& x = TA(0);       \
    return Wrap(env, expr); \
  }
UNARY(abs, x.abs())
UNARY(neg, x.neg())
UNARY(exp, x.exp())
UNARY(expm1, x.expm1())
UNARY(log, x.log())
UNARY(log1p, x.log1p())
UNARY(log2, x.log2())
UNARY(sqrt, x.sqrt())
UNARY(rsqrt, x.rsqrt())
UNARY(sin, x.sin())
UNARY(cos, x.cos())
UNARY(tan, x.tan())
UNARY(tanh, x.tanh())
UNARY(sigmoid, x.sigmoid())
UNARY(relu, x.relu())
UNARY(sign, x.sign())
UNARY(floor, x.floor())
UNARY(ceil, x.ceil())
UNARY(round, x.round())
UNARY(trunc, x.trunc())
UNARY(reciprocal, x.reciprocal())
UNARY(square, x.square())
UNARY(erf, x.erf())
UNARY(isnan, x.isnan())
UNARY(isfinite, x.isfinite())
UNARY(logicalNot, x.logical_not())
UNARY(t, x.t())

// Binary ops take a tensor or a number as the second operand.
#define BINARY(name, op)                                              \
  RESLAB_FN(name) {                                                   \
    auto& a = TA(0);                                                   \
    if (info[1].IsExternal()) return Wrap(env, at::op(a, TA(1)));      \
    return Wrap(env, at::op(a, Scalar(info[1])));                     \
  }
// add/sub/mul/div take numbers as wrapped tensors (see Wrapped).
#define BINARY_W(name, op)                                           \
  RESLAB_FN(name) {                                                   \
    auto& a = TA(0);                                                   \
    if (info[1].IsExternal()) return Wrap(env, at::op(a, TA(1)));      \
    return Wrap(env, at::op(a, Wrapped(info[1])));                    \
  }
BINARY_W(mul, mul)
BINARY_W(div, div)
BINARY(pow, pow)
BINARY(remainder, remainder)
BINARY(fmod, fmod)
BINARY(eq, eq)
BINARY(ne, ne)
BINARY(lt, lt)
BINARY(le, le)
BINARY(gt, gt)
BINARY(ge, ge)

// (a, b, alpha)
RESLAB_FN(add) {
  auto& a = TA(0);
  auto alpha = (IsNullish(info[2]) ? at::Scalar(1) : Scalar(info[2]));
  if (info[1].IsExternal()) return Wrap(env, at::add(a, TA(1), alpha));
  return Wrap(env, at::add(a, Wrapped(info[1]), alpha));
}
RESLAB_FN(sub) {
  auto& a = TA(0);
  auto alpha = (IsNullish(info[2]) ? at::Scalar(1) : Scalar(info[2]));
  if (info[1].IsExternal()) return Wrap(env, at::sub(a, TA(1), alpha));
  return Wrap(env, at::sub(a, Wrapped(info[1]), alpha));
}
// scalar - tensor
RESLAB_FN(rsub) { return Wrap(env, at::rsub(TA(0), Scalar(info[1]))); }

#define BINARY_T(name, expr) \
  RESLAB_FN(name) {          \
    auto& a = TA(0);          \
    auto& b = TA(1);          \
    return Wrap(env, expr);  \
  }
BINARY_T(maximum, at::maximum(a, b))
BINARY_T(minimum, at::minimum(a, b))
BINARY_T(logicalAnd, a.logical_and(b))
BINARY_T(logicalOr, a.logical_or(b))
BINARY_T(atan2, a.atan2(b))
BINARY_T(matmul, at::matmul(a, b))
BINARY_T(mm, at::mm(a, b))
BINARY_T(bmm, at::bmm(a, b))
BINARY_T(outer, at::outer(a, b))
BINARY_T(dot, at::dot(a, b))

RESLAB_FN(clamp) {
  c10::optional<at::Scalar> lo, hi;
  if (!IsNullish(info[1])) lo = Scalar(info[1]);
  if (!IsNullish(info[2])) hi = Scalar(info[2]);
  return Wrap(env, at::clamp(TA(0), lo, hi));
}
RESLAB_FN(allclose) {
  return Napi::Boolean::New(env, at::allclose(TA(0), TA(1), Num(info[2], 1e-5), Num(info[3], 1e-8)));
}
RESLAB_FN(equal) { return Napi::Boolean::New(env, at::equal(TA(0), TA(1))); }

// Reductions: (t, dims|null, keepdim)
RESLAB_FN(sum) {
  if (IsNullish(info[1])) return Wrap(env, TA(0).sum());
  return Wrap(env, TA(0).sum(IntList(info[1]), Bool(info[2], false)));
}
RESLAB_FN(mean) {
  if (IsNullish(info[1])) return Wrap(env, TA(0).mean());
  return Wrap(env, TA(0).mean(IntList(info[1]), Bool(info[2], false)));
}
// (t, dims|null, unbiased, keepdim)
RESLAB_FN(var) {
  if (IsNullish(info[1])) return Wrap(env, TA(0).var(Bool(info[2], true)));
  return Wrap(env, TA(0).var(at::OptionalIntArrayRef(IntList(info[1])), Bool(info[2], true), Bool(info[3], false)));
}
RESLAB_FN(std_) {
  if (IsNullish(info[1])) return Wrap(env, TA(0).std(Bool(info[2], true)));
  return Wrap(env, TA(0).std(at::OptionalIntArrayRef(IntList(info[1])), Bool(info[2], true), Bool(info[3], false)));
}
RESLAB_FN(prod) {
  if (IsNullish(info[1])) return Wrap(env, TA(0).prod());
  return Wrap(env, TA(0).prod(Int(info[1], 0), Bool(info[2], false)));
}
// (t, dim|null, keepdim) -> tensor, or [values, indices] along a dim
RESLAB_FN(max) {
  if (IsNullish(info[1])) return Wrap(env, TA(0).max());
  auto r = TA(0).max(Int(info[1], 0), Bool(info[2], false));
  return WrapList(env, {std::get<0>(r), std::get<1>(r)});
}
RESLAB_FN(min) {
  if (IsNullish(info[1])) return Wrap(env, TA(0).min());
  auto r = TA(0).min(Int(info[1], 0), Bool(info[2], false));
  return WrapList(env, {std::get<0>(r), std::get<1>(r)});
}
RESLAB_FN(argmax) {
  c10::optional<int64_t> dim;
  if (!IsNullish(info[1])) dim = Int(info[1], 0);
  return Wrap(env, TA(0).argmax(dim, Bool(info[2], false)));
}
RESLAB_FN(argmin) {
  c10::optional<int64_t> dim;
  if (!IsNullish(info[1])) dim = Int(info[1], 0);
  return Wrap(env, TA(0).argmin(dim, Bool(info[2], false)));
}
RESLAB_FN(amax) { return Wrap(env, TA(0).amax(IntList(info[1]), Bool(info[2], false))); }
RESLAB_FN(amin) { return Wrap(env, TA(0).amin(IntList(info[1]), Bool(info[2], false))); }
RESLAB_FN(logsumexp) { return Wrap(env, TA(0).logsumexp(IntList(info[1]), Bool(info[2], false))); }
RESLAB_FN(all) { return Wrap(env, TA(0).all()); }
RESLAB_FN(any) { return Wrap(env, TA(0).any()); }
RESLAB_FN(cumsum) { return Wrap(env, TA(0).cumsum(Int(info[1], 0))); }
// (t, p, dims|null, keepdim)
RESLAB_FN(norm) {
  auto p = at::Scalar(Num(info[1], 2.0));
  if (IsNullish(info[2])) return Wrap(env, at::norm(TA(0), p));
  return Wrap(env, at::norm(TA(0), p, IntList(info[2]), Bool(info[3], false)));
}

// Linear algebra
RESLAB_FN(linear) { return Wrap(env, at::linear(TA(0), TA(1), OptTensor(info[2]))); }
RESLAB_FN(addmm) { return Wrap(env, at::addmm(TA(0), TA(1), TA(2), Num(info[3], 1.0), Num(info[4], 1.0))); }
RESLAB_FN(einsum) { return Wrap(env, at::einsum(info[0].As<Napi::String>().Utf8Value(), TensorList(info[1]))); }
// (t, tol|null): numerical rank of a matrix or a batch of them
RESLAB_FN(matrixRank) {
  if (IsNullish(info[1])) return Wrap(env, at::linalg_matrix_rank(TA(0), c10::optional<double>(), c10::optional<double>(), false));
  return Wrap(env, at::linalg_matrix_rank(TA(0), c10::optional<double>(Num(info[1], 0.0)), c10::optional<double>(), false));
}
RESLAB_FN(svdvals) { return Wrap(env, at::linalg_svdvals(TA(0))); }

// Sorting: (t, dim, descending) -> [values, indices]
RESLAB_FN(sort) {
  auto r = TA(0).sort(Int(info[1], -1), Bool(info[2], false));
  return WrapList(env, {std::get<0>(r), std::get<1>(r)});
}
RESLAB_FN(argsort) { return Wrap(env, TA(0).argsort(Int(info[1], -1), Bool(info[2], false))); }
// (t, k, dim, largest, sorted) -> [values, indices]
RESLAB_FN(topk) {
  auto r = TA(0).topk(Int(info[1], 1), Int(info[2], -1), Bool(info[3], true), Bool(info[4], true));
  return WrapList(env, {std::get<0>(r), std::get<1>(r)});
}

// In-place updates return nothing: the JS side returns the same Tensor object.
RESLAB_FN(add_) {
  auto alpha = (IsNullish(info[2]) ? at::Scalar(1) : Scalar(info[2]));
  if (info[1].IsExternal()) TA(0).add_(TA(1), alpha);
  else TA(0).add_(Scalar(info[1]), alpha);
  return env.Undefined();
}
RESLAB_FN(sub_) {
  auto alpha = (IsNullish(info[2]) ? at::Scalar(1) : Scalar(info[2]));
  if (info[1].IsExternal()) TA(0).sub_(TA(1), alpha);
  else TA(0).sub_(Scalar(info[1]), alpha);
  return env.Undefined();
}
RESLAB_FN(mul_) {
  if (info[1].IsExternal()) TA(0).mul_(TA(1));
  else TA(0).mul_(Scalar(info[1]));
  return env.Undefined();
}
RESLAB_FN(div_) {
  if (info[1].IsExternal()) TA(0).div_(TA(1));
  else TA(0).div_(Scalar(info[1]));
  return env.Undefined();
}
RESLAB_FN(addcmul_) { TA(0).addcmul_(TA(1), TA(2), Num(info[3], 1.0)); return env.Undefined(); }
RESLAB_FN(addcdiv_) { TA(0).addcdiv_(TA(1), TA(2), Num(info[3], 1.0)); return env.Undefined(); }
RESLAB_FN(copy_) { TA(0).copy_(TA(1)); return env.Undefined(); }
RESLAB_FN(zero_) { TA(0).zero_(); return env.Undefined(); }
RESLAB_FN(fill_) { TA(0).fill_(Scalar(info[1])); return env.Undefined(); }
RESLAB_FN(sqrt_) { TA(0).sqrt_(); return env.Undefined(); }
RESLAB_FN(clamp_) {
  c10::optional<at::Scalar> lo, hi;
  if (!IsNullish(info[1])) lo = Scalar(info[1]);
  if (!IsNullish(info[2])) hi = Scalar(info[2]);
  TA(0).clamp_(lo, hi);
  return env.Undefined();
}
RESLAB_FN(lerp_) { TA(0).lerp_(TA(1), Scalar(info[2])); return env.Undefined(); }
RESLAB_FN(uniform_) { TA(0).uniform_(Num(info[1], 0.0), Num(info[2], 1.0)); return env.Undefined(); }
RESLAB_FN(normal_) { TA(0).normal_(Num(info[1], 0.0), Num(info[2], 1.0)); return env.Undefined(); }
RESLAB_FN(maskedFill_) { TA(0).masked_fill_(TA(1), Scalar(info[2])); return env.Undefined(); }

void reslab::InitMath(Napi::Env env, Napi::Object e) {
#define E(n) Export(env, e, #n, n)
  E(abs); E(neg); E(exp); E(expm1); E(log); E(log1p); E(log2); E(sqrt); E(rsqrt); E(sin); E(cos); E(tan);
  E(tanh); E(sigmoid); E(relu); E(sign); E(floor); E(ceil); E(round); E(trunc); E(reciprocal); E(square);
  E(erf); E(isnan); E(isfinite); E(logicalNot); E(t);
  E(mul); E(div); E(pow); E(remainder); E(fmod); E(eq); E(ne); E(lt); E(le); E(gt); E(ge);
  E(add); E(sub); E(rsub); E(maximum); E(minimum); E(logicalAnd); E(logicalOr); E(atan2);
  E(matmul); E(mm); E(bmm); E(outer); E(dot); E(clamp); E(allclose); E(equal);
  E(sum); E(mean); E(var); Export(env, e, "std", std_); E(prod); E(max); E(min); E(argmax); E(argmin); E(amax); E(amin);
  E(logsumexp); E(all); E(any); E(cumsum); E(norm);
  E(linear); E(addmm); E(einsum); E(matrixRank); E(svdvals);
  E(sort); E(argsort); E(topk);
  E(add_); E(sub_); E(mul_); E(div_); E(addcmul_); E(addcdiv_); E(copy_); E(zero_); E(fill_); E(sqrt_);
  E(clamp_); E(lerp_); E(uniform_); E(normal_); E(maskedFill_);
#undef E
}
