// Host <-> tensor copies: typed arrays in, ArrayBuffers out. Hand-written because they
// move raw bytes, not ATen values; declared in native/ops/hand.ts.
#include "common.h"
#include <cstring>

using namespace reslab;

// (typedArray, shape, dtype): copies host memory into a new CPU tensor.
RESLAB_FN(fromBuffer) {
  auto ta = info[0].As<Napi::TypedArray>();
  auto st = DType(info[2]);
  auto shape = IntList(info[1]);
  auto t = at::empty(shape, at::TensorOptions().dtype(st));
  size_t bytes = (size_t)t.numel() * c10::elementSize(st);
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
  size_t bytes = (size_t)t.numel() * c10::elementSize(t.scalar_type());
  auto ab = Napi::ArrayBuffer::New(env, bytes);
  if (bytes) std::memcpy(ab.Data(), t.data_ptr(), bytes);
  return ab;
}

void reslab::InitHost(Napi::Env env, Napi::Object e) {
  Export(env, e, "fromBuffer", fromBuffer);
  Export(env, e, "toBuffer", toBuffer);
}
