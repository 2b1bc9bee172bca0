// XGBoost (its C API, Debian's libxgboost) exposed to JS next to the tensor engine.
#pragma once
#include <napi.h>

namespace reslab {
void InitXGBoost(Napi::Env env, Napi::Object exports);
}
