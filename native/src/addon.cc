// Handle plumbing, argument conversion and module registration.
#include "common.h"
#include "xgboost.h"
#include <cmath>
#include <ATen/Parallel.h>
#include <malloc.h>
#include <cstdlib>
#include <deque>

namespace reslab {

std::atomic<int64_t> g_live{0};

namespace {
// A handle is live while its generation equals its slot's: dispose bumps the generation,
// and a freed slot is only handed out again with that new generation.
struct Slot {
  at::Tensor t;
  uint32_t gen = 0;
};
// A deque never moves its elements, so an at::Tensor& from Unwrap stays valid while
// later Wraps grow the table. Tensors are only touched from the JS thread.
std::deque<Slot> g_slots;
std::vector<uint32_t> g_free;

inline void* Encode(uint32_t idx, uint32_t gen) { return reinterpret_cast<void*>((uint64_t(gen) << 32) | idx); }

/** The live slot a handle names, or null (not a handle, disposed, or stale); idx gets its number. */
Slot* Lookup(const Napi::Value& v, uint32_t* idxOut = nullptr) {
  if (!v.IsExternal()) return nullptr;
  const auto bits = reinterpret_cast<uint64_t>(v.As<Napi::External<void>>().Data());
  const uint32_t idx = uint32_t(bits), gen = uint32_t(bits >> 32);
  if (idx >= g_slots.size()) return nullptr;
  if (idxOut) *idxOut = idx;
  Slot& s = g_slots[idx];
  return s.gen == gen ? &s : nullptr;
}
}  // namespace

Napi::Value Wrap(Napi::Env env, at::Tensor t) {
  uint32_t idx;
  if (!g_free.empty()) {
    idx = g_free.back();
    g_free.pop_back();
  } else {
    idx = uint32_t(g_slots.size());
    g_slots.emplace_back();
  }
  Slot& s = g_slots[idx];
  s.t = std::move(t);
  g_live++;
  return Napi::External<void>::New(env, Encode(idx, s.gen));
}

at::Tensor& Unwrap(const Napi::Value& v) {
  if (!v.IsExternal()) throw Napi::TypeError::New(v.Env(), "expected a tensor handle");
  Slot* s = Lookup(v);
  if (!s) throw Napi::Error::New(v.Env(), "tensor was disposed (used outside its tidy() scope? keep() it)");
  return s->t;
}

bool IsNullish(const Napi::Value& v) { return v.IsUndefined() || v.IsNull(); }

c10::optional<at::Tensor> OptTensor(const Napi::Value& v) {
  if (IsNullish(v)) return c10::nullopt;
  return Unwrap(v);
}

std::vector<at::Tensor> TensorList(const Napi::Value& v) {
  auto arr = v.As<Napi::Array>();
  std::vector<at::Tensor> out;
  out.reserve(arr.Length());
  for (uint32_t i = 0; i < arr.Length(); i++) out.push_back(Unwrap(arr.Get(i)));
  return out;
}

Napi::Value WrapList(Napi::Env env, const std::vector<at::Tensor>& ts) {
  auto arr = Napi::Array::New(env, ts.size());
  for (size_t i = 0; i < ts.size(); i++) {
    if (ts[i].defined()) arr.Set(i, Wrap(env, ts[i]));
    else arr.Set(i, env.Null());
  }
  return arr;
}

std::vector<int64_t> IntList(const Napi::Value& v) {
  if (v.IsNumber()) return {v.As<Napi::Number>().Int64Value()};
  if (!v.IsArray()) throw Napi::TypeError::New(v.Env(), "expected an array of integers");
  auto arr = v.As<Napi::Array>();
  std::vector<int64_t> out(arr.Length());
  for (uint32_t i = 0; i < arr.Length(); i++) out[i] = arr.Get(i).As<Napi::Number>().Int64Value();
  return out;
}

at::ScalarType DType(const Napi::Value& v, at::ScalarType def) {
  if (IsNullish(v)) return def;
  std::string s = v.As<Napi::String>().Utf8Value();
  if (s == "float32") return at::kFloat;
  if (s == "float64") return at::kDouble;
  if (s == "int64") return at::kLong;
  if (s == "int32") return at::kInt;
  if (s == "bool") return at::kBool;
  if (s == "uint8") return at::kByte;
  if (s == "float16") return at::kHalf;
  throw Napi::TypeError::New(v.Env(), "unknown dtype '" + s + "'");
}

const char* DTypeName(at::ScalarType s) {
  switch (s) {
    case at::kFloat: return "float32";
    case at::kDouble: return "float64";
    case at::kLong: return "int64";
    case at::kInt: return "int32";
    case at::kBool: return "bool";
    case at::kByte: return "uint8";
    case at::kHalf: return "float16";
    default: return "other";
  }
}

at::Device Device(const Napi::Value& v) {
  if (IsNullish(v)) return at::Device(at::kCPU);
  std::string s = v.As<Napi::String>().Utf8Value();
  at::Device d(s);
  // libtorch's own message for this case ("Could not run 'aten::empty.memory_format' with
  // arguments from the 'CUDA' backend...") does not say what to do about it.
  if (d.is_cuda() && !at::hasCUDA())
    throw Napi::Error::New(v.Env(), "device '" + s + "' requested, but the linked libtorch has no CUDA support "
                                    "(build the addon against a CUDA libtorch: LIBTORCH=/path npm run build)");
  return d;
}

at::Scalar Scalar(const Napi::Value& v) {
  if (v.IsBoolean()) return at::Scalar(v.As<Napi::Boolean>().Value());
  double d = v.As<Napi::Number>().DoubleValue();
  // Integral numbers become integer scalars, as Python ints do, so `longTensor.add_(1)`
  // stays int64 instead of failing to cast a double.
  if (std::isfinite(d) && d == std::trunc(d) && std::fabs(d) < 9.007199254740992e15) return at::Scalar((int64_t)d);
  return at::Scalar(d);
}

bool Bool(const Napi::Value& v, bool def) { return IsNullish(v) ? def : v.ToBoolean().Value(); }
double Num(const Napi::Value& v, double def) { return IsNullish(v) ? def : v.As<Napi::Number>().DoubleValue(); }
int64_t Int(const Napi::Value& v, int64_t def) { return IsNullish(v) ? def : v.As<Napi::Number>().Int64Value(); }

void Export(Napi::Env env, Napi::Object exports, const char* name, Fn fn) {
  exports.Set(name, Napi::Function::New(env, fn, name));
}

}  // namespace reslab

using namespace reslab;

RESLAB_FN(dispose) {
  uint32_t idx;
  if (Slot* s = Lookup(info[0], &idx)) {
    s->t = at::Tensor();
    s->gen++;
    g_free.push_back(idx);
    g_live--;
  }
  return env.Undefined();
}

RESLAB_FN(isDisposed) { return Napi::Boolean::New(env, Lookup(info[0]) == nullptr); }

RESLAB_FN(liveTensors) { return Napi::Number::New(env, (double)g_live.load()); }

RESLAB_FN(setNumThreads) {
  at::set_num_threads((int)info[0].As<Napi::Number>().Int32Value());
  return env.Undefined();
}
RESLAB_FN(getNumThreads) { return Napi::Number::New(env, at::get_num_threads()); }

RESLAB_FN(cudaAvailable) { return Napi::Boolean::New(env, at::hasCUDA()); }

RESLAB_FN(manualSeed) {
  at::manual_seed((uint64_t)info[0].As<Napi::Number>().Int64Value());
  return env.Undefined();
}

RESLAB_FN(configInfo) { return Napi::String::New(env, at::show_config()); }

// libtorch's CPU allocator is plain malloc. With glibc's defaults, every activation of a
// few MB is mmap'ed and unmapped again each step, so a training step pays page faults
// and page zeroing on all of them (ResNet-20, batch 64: ~25% of the step). Keeping such
// blocks in the heap lets the next step reuse them. The user's own MALLOC_* settings win.
static void TuneAllocator() {
  if (!std::getenv("MALLOC_MMAP_THRESHOLD_")) mallopt(M_MMAP_THRESHOLD, 32 << 20);
  if (!std::getenv("MALLOC_TRIM_THRESHOLD_")) mallopt(M_TRIM_THRESHOLD, 1 << 30);
}

static Napi::Object Init(Napi::Env env, Napi::Object exports) {
  TuneAllocator();
  Export(env, exports, "dispose", dispose);
  Export(env, exports, "isDisposed", isDisposed);
  Export(env, exports, "liveTensors", liveTensors);
  Export(env, exports, "setNumThreads", setNumThreads);
  Export(env, exports, "getNumThreads", getNumThreads);
  Export(env, exports, "cudaAvailable", cudaAvailable);
  Export(env, exports, "manualSeed", manualSeed);
  Export(env, exports, "configInfo", configInfo);
  gen::Init(env, exports);
  InitHost(env, exports);
  InitAutograd(env, exports);
  InitOptim(env, exports);
  InitXGBoost(env, exports);
  return exports;
}

NODE_API_MODULE(reslab_native, Init)
