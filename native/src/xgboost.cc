// XGBoost through its C API: DMatrix from a Float32Array, booster create / set params /
// one boosting round / predict, and the model as a JSON string. Kept apart from the
// tensor code (no libtorch headers) because the two share nothing but the process.
//
// Handles are Napi::Externals that own their XGBoost object: `xgbFree` releases it at
// once (the deterministic path) and the External's finaliser releases it if JS never
// did. Each kind carries a Node-API type tag, so a tensor handle or the other kind
// passed by mistake is a clear error instead of a wild pointer.
#include "xgboost.h"
#include <xgboost/c_api.h>
#include <cmath>
#include <cstdint>
#include <string>

namespace reslab {
namespace {

struct Owned {
  void* h = nullptr;
  bool booster = false;
  void Free() {
    if (!h) return;
    if (booster) XGBoosterFree(h);
    else XGDMatrixFree(h);
    h = nullptr;
  }
};

const napi_type_tag kDMatrixTag = {0x7265736c61622d78ULL, 0x67622d646d617478ULL};
const napi_type_tag kBoosterTag = {0x7265736c61622d78ULL, 0x67622d626f6f7374ULL};

/** Throws the library's own message (XGBGetLastError) when a C API call failed. */
void Check(Napi::Env env, int rc, const char* what) {
  if (rc != 0) throw Napi::Error::New(env, std::string("xgboost ") + what + ": " + XGBGetLastError());
}

// Sets every key of a JS object as a booster parameter (values as strings, as XGBoost takes them).
void SetParams(Napi::Env env, BoosterHandle b, Napi::Object params) {
  auto keys = params.GetPropertyNames();
  for (uint32_t i = 0; i < keys.Length(); i++) {
    std::string k = keys.Get(i).ToString().Utf8Value(), v = params.Get(k).ToString().Utf8Value();
    Check(env, XGBoosterSetParam(b, k.c_str(), v.c_str()), ("parameter " + k + "=" + v).c_str());
  }
}

Napi::Value Own(Napi::Env env, void* h, bool booster) {
  auto* o = new Owned{h, booster};
  auto ext = Napi::External<Owned>::New(env, o, [](Napi::Env, Owned* p) {
    p->Free();
    delete p;
  });
  ext.TypeTag(booster ? &kBoosterTag : &kDMatrixTag);
  return ext;
}

void* Get(const Napi::Value& v, bool booster) {
  const char* kind = booster ? "booster" : "DMatrix";
  if (!v.IsExternal() || !v.As<Napi::External<Owned>>().CheckTypeTag(booster ? &kBoosterTag : &kDMatrixTag))
    throw Napi::TypeError::New(v.Env(), std::string("expected an xgboost ") + kind + " handle");
  Owned* o = v.As<Napi::External<Owned>>().Data();
  if (!o->h) throw Napi::Error::New(v.Env(), std::string("xgboost ") + kind + " was freed");
  return o->h;
}

Napi::Float32Array F32(const Napi::Value& v, const char* what) {
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_float32_array)
    throw Napi::TypeError::New(v.Env(), std::string(what) + " must be a Float32Array");
  return v.As<Napi::Float32Array>();
}

// Every exported body runs inside this, so C++ exceptions become JS exceptions.
template <typename F>
Napi::Value Guard(const Napi::CallbackInfo& info, F body) {
  Napi::Env env = info.Env();
  try {
    return body(env);
  } catch (const Napi::Error& e) {
    e.ThrowAsJavaScriptException();
  } catch (const std::exception& e) {
    Napi::Error::New(env, e.what()).ThrowAsJavaScriptException();
  }
  return env.Undefined();
}

// (x: Float32Array [n*f], n, f, label?: Float32Array [n], weight?: Float32Array [n]) -> DMatrix.
// NaN marks a missing value.
Napi::Value DMatrix(const Napi::CallbackInfo& info) {
  return Guard(info, [&](Napi::Env env) -> Napi::Value {
    auto x = F32(info[0], "x");
    const int64_t n = info[1].As<Napi::Number>().Int64Value(), f = info[2].As<Napi::Number>().Int64Value();
    if (n < 0 || f <= 0 || int64_t(x.ElementLength()) != n * f)
      throw Napi::RangeError::New(env, "x has " + std::to_string(x.ElementLength()) + " values, expected n*f = " +
                                           std::to_string(n) + "*" + std::to_string(f));
    DMatrixHandle d = nullptr;
    Check(env, XGDMatrixCreateFromMat(x.Data(), bst_ulong(n), bst_ulong(f), NAN, &d), "DMatrix");
    Napi::Value out = Own(env, d, false);
    const char* fields[] = {"label", "weight"};
    for (int i = 0; i < 2; i++) {
      if (info.Length() <= size_t(3 + i) || info[3 + i].IsUndefined() || info[3 + i].IsNull()) continue;
      auto a = F32(info[3 + i], fields[i]);
      if (int64_t(a.ElementLength()) != n)
        throw Napi::RangeError::New(env, std::string(fields[i]) + " has " + std::to_string(a.ElementLength()) +
                                             " values, expected n = " + std::to_string(n));
      Check(env, XGDMatrixSetFloatInfo(d, fields[i], a.Data(), bst_ulong(n)), fields[i]);
    }
    return out;
  });
}

// (dtrain: DMatrix, params: {name: string|number}) -> booster
Napi::Value Booster(const Napi::CallbackInfo& info) {
  return Guard(info, [&](Napi::Env env) -> Napi::Value {
    DMatrixHandle d = Get(info[0], false);
    BoosterHandle b = nullptr;
    Check(env, XGBoosterCreate(&d, 1, &b), "create");
    Napi::Value out = Own(env, b, true);
    if (info[1].IsObject()) SetParams(env, b, info[1].As<Napi::Object>());
    return out;
  });
}

// (booster, dtrain, iteration)
Napi::Value Update(const Napi::CallbackInfo& info) {
  return Guard(info, [&](Napi::Env env) -> Napi::Value {
    Check(env, XGBoosterUpdateOneIter(Get(info[0], true), info[2].As<Napi::Number>().Int32Value(), Get(info[1], false)), "update");
    return env.Undefined();
  });
}

// (booster, dmatrix, outputMargin?) -> Float32Array, one value per row (binary objectives)
Napi::Value Predict(const Napi::CallbackInfo& info) {
  return Guard(info, [&](Napi::Env env) -> Napi::Value {
    bst_ulong len = 0;
    const float* r = nullptr;
    const int mask = info.Length() > 2 && info[2].ToBoolean().Value() ? 1 : 0;
    Check(env, XGBoosterPredict(Get(info[0], true), Get(info[1], false), mask, 0, 0, &len, &r), "predict");
    // The result buffer belongs to the booster and is reused by its next call: copy it.
    auto out = Napi::Float32Array::New(env, len);
    std::copy(r, r + len, out.Data());
    return out;
  });
}

// (booster) -> number of features the model was trained on
Napi::Value NumFeatures(const Napi::CallbackInfo& info) {
  return Guard(info, [&](Napi::Env env) -> Napi::Value {
    bst_ulong k = 0;
    Check(env, XGBoosterGetNumFeature(Get(info[0], true), &k), "num features");
    return Napi::Number::New(env, double(k));
  });
}

// (booster) -> the model (trees and learner parameters) as a JSON string
Napi::Value Save(const Napi::CallbackInfo& info) {
  return Guard(info, [&](Napi::Env env) -> Napi::Value {
    bst_ulong len = 0;
    const char* buf = nullptr;
    Check(env, XGBoosterSaveModelToBuffer(Get(info[0], true), "{\"format\": \"json\"}", &len, &buf), "save");
    return Napi::String::New(env, buf, len);
  });
}

// (json: string, params?: {name: value}) -> booster; params such as nthread are not part of the model
Napi::Value Load(const Napi::CallbackInfo& info) {
  return Guard(info, [&](Napi::Env env) -> Napi::Value {
    std::string json = info[0].As<Napi::String>().Utf8Value();
    BoosterHandle b = nullptr;
    Check(env, XGBoosterCreate(nullptr, 0, &b), "create");
    Napi::Value out = Own(env, b, true);
    Check(env, XGBoosterLoadModelFromBuffer(b, json.data(), bst_ulong(json.size())), "load");
    if (info.Length() > 1 && info[1].IsObject()) SetParams(env, b, info[1].As<Napi::Object>());
    return out;
  });
}

// (handle) frees a booster or DMatrix now; freeing twice is harmless
Napi::Value Free(const Napi::CallbackInfo& info) {
  return Guard(info, [&](Napi::Env env) -> Napi::Value {
    if (info[0].IsExternal()) {
      auto ext = info[0].As<Napi::External<Owned>>();
      if (ext.CheckTypeTag(&kBoosterTag) || ext.CheckTypeTag(&kDMatrixTag)) ext.Data()->Free();
      else throw Napi::TypeError::New(env, "expected an xgboost handle");
    }
    return env.Undefined();
  });
}

Napi::Value Version(const Napi::CallbackInfo& info) {
  int major = 0, minor = 0, patch = 0;
  XGBoostVersion(&major, &minor, &patch);
  return Napi::String::New(info.Env(), std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch));
}

}  // namespace

void InitXGBoost(Napi::Env env, Napi::Object exports) {
  exports.Set("xgbDMatrix", Napi::Function::New(env, DMatrix, "xgbDMatrix"));
  exports.Set("xgbBooster", Napi::Function::New(env, Booster, "xgbBooster"));
  exports.Set("xgbUpdate", Napi::Function::New(env, Update, "xgbUpdate"));
  exports.Set("xgbPredict", Napi::Function::New(env, Predict, "xgbPredict"));
  exports.Set("xgbNumFeatures", Napi::Function::New(env, NumFeatures, "xgbNumFeatures"));
  exports.Set("xgbSave", Napi::Function::New(env, Save, "xgbSave"));
  exports.Set("xgbLoad", Napi::Function::New(env, Load, "xgbLoad"));
  exports.Set("xgbFree", Napi::Function::New(env, Free, "xgbFree"));
  exports.Set("xgbVersion", Napi::Function::New(env, Version, "xgbVersion"));
}

}  // namespace reslab
