// Shared plumbing of the addon: tensors travel to JS as Napi::External handles, and every
// exported function converts libtorch exceptions into JS errors.
#pragma once
#include <napi.h>
#include <ATen/ATen.h>
#include <atomic>
#include <string>
#include <vector>

namespace reslab {

// JS holds a tensor as an External whose data is not a pointer but a slot number and
// that slot's generation, so creating a handle allocates nothing and registers no V8
// finaliser (both cost more than a small op itself). `dispose` frees the slot at once
// and bumps its generation, so a stale handle is an error, never another tensor. The GC
// fallback for tensors that outlive every scope lives in JS (src/torch/scope.ts).
extern std::atomic<int64_t> g_live;

Napi::Value Wrap(Napi::Env env, at::Tensor t);
at::Tensor& Unwrap(const Napi::Value& v);
c10::optional<at::Tensor> OptTensor(const Napi::Value& v);
std::vector<at::Tensor> TensorList(const Napi::Value& v);
Napi::Value WrapList(Napi::Env env, const std::vector<at::Tensor>& ts);
std::vector<int64_t> IntList(const Napi::Value& v);
at::ScalarType DType(const Napi::Value& v, at::ScalarType def = at::kFloat);
const char* DTypeName(at::ScalarType s);
at::Device Device(const Napi::Value& v);
at::Scalar Scalar(const Napi::Value& v);
bool Bool(const Napi::Value& v, bool def);
double Num(const Napi::Value& v, double def);
int64_t Int(const Napi::Value& v, int64_t def);
bool IsNullish(const Napi::Value& v);

using Fn = Napi::Value (*)(const Napi::CallbackInfo&);
void Export(Napi::Env env, Napi::Object exports, const char* name, Fn fn);

// The ops generated from the op table (native/ops/) register through gen::Init; each
// hand-written file registers its own functions.
namespace gen {
void Init(Napi::Env env, Napi::Object exports);
}
void InitHost(Napi::Env env, Napi::Object exports);
void InitAutograd(Napi::Env env, Napi::Object exports);
void InitOptim(Napi::Env env, Napi::Object exports);

}  // namespace reslab

// Defines an exported function body that gets `info` and `env`, with libtorch errors
// (c10::Error carries the op's own message) turned into JS exceptions.
#define RESLAB_FN(name)                                                          \
  static Napi::Value name##_impl(const Napi::CallbackInfo& info, Napi::Env env); \
  static Napi::Value name(const Napi::CallbackInfo& info) {                      \
    Napi::Env env = info.Env();                                                  \
    try {                                                                        \
      return name##_impl(info, env);                                             \
    } catch (const c10::Error& e) {                                              \
      Napi::Error::New(env, e.what_without_backtrace()).ThrowAsJavaScriptException(); \
    } catch (const Napi::Error& e) {                                             \
      e.ThrowAsJavaScriptException();                                            \
    } catch (const std::exception& e) {                                          \
      Napi::Error::New(env, e.what()).ThrowAsJavaScriptException();             \
    }                                                                            \
    return env.Undefined();                                                      \
  }                                                                              \
  static Napi::Value name##_impl(const Napi::CallbackInfo& info, Napi::Env env)

#define TA(i) ::reslab::Unwrap(info[i])
