// Argument and result conversions that the generated op wrappers (native/src/gen/) use
// beyond those in common.h; the op table (native/ops/dsl.ts) names them per kind.
#pragma once
#include "common.h"
#include <cmath>
#include <stdexcept>
#include <string>

namespace reslab {

// Too few or too many arguments is an error, not silently a default or ignored.
inline void CheckArity(const Napi::CallbackInfo& info, size_t min, size_t max, const char* name) {
  const size_t n = info.Length();
  if (n >= min && n <= max) return;
  const std::string want = min == max ? std::to_string(max) : std::to_string(min) + " to " + std::to_string(max);
  throw Napi::TypeError::New(info.Env(), std::string(name) + "() takes " + want + " argument" + (max == 1 ? "" : "s") +
                                             " (see native/ops/), got " + std::to_string(n));
}

inline c10::optional<int64_t> OptInt(const Napi::Value& v) {
  if (IsNullish(v)) return c10::nullopt;
  return v.As<Napi::Number>().Int64Value();
}
inline c10::optional<double> OptNum(const Napi::Value& v) {
  if (IsNullish(v)) return c10::nullopt;
  return v.As<Napi::Number>().DoubleValue();
}
inline c10::optional<at::Scalar> OptScalar(const Napi::Value& v) {
  if (IsNullish(v)) return c10::nullopt;
  return Scalar(v);
}
inline at::Scalar ScalarOr(const Napi::Value& v, at::Scalar def) { return IsNullish(v) ? def : Scalar(v); }
inline c10::optional<at::ScalarType> OptDType(const Napi::Value& v) {
  if (IsNullish(v)) return c10::nullopt;
  return DType(v);
}
inline c10::optional<at::Device> OptDevice(const Napi::Value& v) {
  if (IsNullish(v)) return c10::nullopt;
  return Device(v);
}
inline std::string Str(const Napi::Value& v) { return v.As<Napi::String>().Utf8Value(); }
inline std::string Str(const Napi::Value& v, const char* def) { return IsNullish(v) ? std::string(def) : Str(v); }

inline at::TensorOptions Opts(at::ScalarType dtype, c10::optional<at::Device> device) {
  return at::TensorOptions().dtype(dtype).device(device.value_or(at::Device(at::kCPU)));
}

// A JS number as a 0-dim "wrapped number" tensor, which is what Python does for `t * 2`:
// same type promotion as a Scalar, and the same autograd node (MulBackward0, not the
// Scalar overload's MulBackward1), so graphs and printouts match PyTorch's.
inline at::Tensor Wrapped(const Napi::Value& v) {
  auto t = c10::scalar_to_tensor(Scalar(v));
  t.unsafeGetTensorImpl()->set_wrapped_number(true);
  return t;
}

inline int64_t Reduction(const Napi::Value& v) {
  if (IsNullish(v)) return at::Reduction::Mean;
  std::string s = Str(v);
  if (s == "mean") return at::Reduction::Mean;
  if (s == "sum") return at::Reduction::Sum;
  if (s == "none") return at::Reduction::None;
  throw std::invalid_argument("reduction must be 'mean', 'sum' or 'none', got '" + s + "'");
}

// t[idx] with one long or bool tensor, along dim 0.
inline c10::List<c10::optional<at::Tensor>> OneIndex(const at::Tensor& idx) {
  c10::List<c10::optional<at::Tensor>> l;
  l.push_back(idx);
  return l;
}

// at::pad takes a fill value only in constant mode.
inline c10::optional<double> PadValue(const std::string& mode, double value) {
  if (mode == "constant") return value;
  return c10::nullopt;
}

// libtorch's own message for this ("a Tensor with 2 elements cannot be converted to
// Scalar") does not say what item() needs.
inline at::Scalar Item(const at::Tensor& t) {
  if (t.numel() != 1) throw std::invalid_argument("item() needs a tensor with one element, got " + std::to_string(t.numel()));
  return t.item();
}

inline Napi::Value WrapScalar(Napi::Env env, const at::Scalar& s) {
  if (s.isBoolean()) return Napi::Boolean::New(env, s.toBool());
  return Napi::Number::New(env, s.toDouble());
}

inline Napi::Value WrapInts(Napi::Env env, at::IntArrayRef xs) {
  auto arr = Napi::Array::New(env, xs.size());
  for (size_t i = 0; i < xs.size(); i++) arr.Set(i, Napi::Number::New(env, double(xs[i])));
  return arr;
}

}  // namespace reslab
