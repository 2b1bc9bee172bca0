// Tensor creation, metadata and host <-> tensor copies.
#include "common.h"
#include <cstring>

using namespace reslab;

static at::TensorOptions Opts(const Napi::Value& dtype, const Napi::Value& device, at::ScalarType def = at::kFloat) {
  return at::TensorOptions().dtype(DType(dtype, def)).device(Device(device));
}

// (shape, dtype, device)
RESLAB_FN(zeros) { return Wrap(env, at::zeros(IntList(info[0]), Opts(info[1], info[2]))); }
RESLAB_FN(ones) { return Wrap(env, at::ones(IntList(info[0]), Opts(info[1], info[2]))); }
RESLAB_FN(empty) { return Wrap(env, at::empty(IntList(info[0]), Opts(info[1], info[2]))); }
// (shape, value, dtype, device)
RESLAB_FN(full) { return Wrap(env, at::full(IntList(info[0]), Scalar(info[1]), Opts(info[2], info[3]))); }
// (start, end, step, dtype, device)
RESLAB_FN(arange) {
  return Wrap(env, at::arange(Scalar(info[0]), Scalar(info[1]), Scalar(info[2]), Opts(info[3], info[4], at::kLong)));
}
// (start, end, steps, dtype, device)
RESLAB_FN(linspace) {
  return Wrap(env, at::linspace(Scalar(info[0]), Scalar(info[1]), Int(info[2], 100), Opts(info[3], info[4])));
}
// (n, m, dtype, device)
RESLAB_FN(eye) { return Wrap(env, at::eye(Int(info[0], 1), Int(info[1], Int(info[0], 1)), Opts(info[2], info[3]))); }
RESLAB_FN(randn) { return Wrap(env, at::randn(IntList(info[0]), Opts(info[1], info[2]))); }
RESLAB_FN(rand) { return Wrap(env, at::rand(IntList(info[0]), Opts(info[1], info[2]))); }
// (low, high, shape, dtype, device)
RESLAB_FN(randint) {
  return Wrap(env, at::randint(Int(info[0], 0), Int(info[1], 2), IntList(info[2]), Opts(info[3], info[4], at::kLong)));
}
// (n, dtype, device)
RESLAB_FN(randperm) { return Wrap(env, at::randperm(Int(info[0], 1), Opts(info[1], info[2], at::kLong))); }
// (t, dtype) like-factories
RESLAB_FN(zerosLike) { return Wrap(env, at::zeros_like(TA(0))); }
RESLAB_FN(onesLike) { return Wrap(env, at::ones_like(TA(0))); }
RESLAB_FN(randnLike) { return Wrap(env, at::randn_like(TA(0))); }

static size_t ElemSize(at::ScalarType s) { return c10::elementSize(s); }

// (typedArray, shape, dtype): copies host memory into a new CPU tensor.
RESLAB_FN(fromBuffer) {
  auto ta = info[0].As<Napi::TypedArray>();
  auto st = DType(info[2]);
  auto shape = IntList(info[1]);
  auto t = at::empty(shape, at::TensorOptions().dtype(st));
  size_t bytes = (size_t)t.numel() * ElemSize(st);
  if (ta.ByteLength() != bytes) {
    throw Napi::RangeError::New(env, "buffer holds " + std::to_string(ta.ByteLength()) + " bytes, shape needs " +
                                         std::to_string(bytes));
  }
  auto ab = ta.ArrayBuffer();
  std::memcpy(t.data_ptr(), static_cast<uint8_t*>(ab.Data()) + ta.ByteOffset(), bytes);
  return Wrap(env, t);
}

// (t) -> ArrayBuffer holding the contiguous CPU bytes.
RESLAB_FN(toBuffer) {
  auto t = TA(0).detach().to(at::kCPU).contiguous();
  size_t bytes = (size_t)t.numel() * ElemSize(t.scalar_type());
  auto ab = Napi::ArrayBuffer::New(env, bytes);
  if (bytes) std::memcpy(ab.Data(), t.data_ptr(), bytes);
  return ab;
}

RESLAB_FN(item) {
  auto t = TA(0);
  if (t.numel() != 1) throw Napi::Error::New(env, "item() needs a tensor with one element, got " + std::to_string(t.numel()));
  auto s = t.item();
  if (s.isBoolean()) return Napi::Boolean::New(env, s.toBool());
  return Napi::Number::New(env, s.toDouble());
}

RESLAB_FN(shape) {
  auto sz = TA(0).sizes();
  auto arr = Napi::Array::New(env, sz.size());
  for (size_t i = 0; i < sz.size(); i++) arr.Set(i, Napi::Number::New(env, (double)sz[i]));
  return arr;
}
RESLAB_FN(dtype) { return Napi::String::New(env, DTypeName(TA(0).scalar_type())); }
RESLAB_FN(device) { return Napi::String::New(env, TA(0).device().str()); }
RESLAB_FN(numel) { return Napi::Number::New(env, (double)TA(0).numel()); }
RESLAB_FN(isContiguous) { return Napi::Boolean::New(env, TA(0).is_contiguous()); }

void reslab::InitCreate(Napi::Env env, Napi::Object e) {
  Export(env, e, "zeros", zeros);
  Export(env, e, "ones", ones);
  Export(env, e, "empty", empty);
  Export(env, e, "full", full);
  Export(env, e, "arange", arange);
  Export(env, e, "linspace", linspace);
  Export(env, e, "eye", eye);
  Export(env, e, "randn", randn);
  Export(env, e, "rand", rand);
  Export(env, e, "randint", randint);
  Export(env, e, "randperm", randperm);
  Export(env, e, "zerosLike", zerosLike);
  Export(env, e, "onesLike", onesLike);
  Export(env, e, "randnLike", randnLike);
  Export(env, e, "fromBuffer", fromBuffer);
  Export(env, e, "toBuffer", toBuffer);
  Export(env, e, "item", item);
  Export(env, e, "shape", shape);
  Export(env, e, "dtype", dtype);
  Export(env, e, "device", device);
  Export(env, e, "numel", numel);
  Export(env, e, "isContiguous", isContiguous);
}
