// Element loops of the fused optimizer updates (optim.cc), over raw arrays so that they
// build apart from libtorch with vectorising flags (binding.gyp: target reslab_kernels).
#pragma once
#include <cstdint>

namespace reslab::kernels {

struct AdamScalars {
  double l2;        // weight decay added to the gradient (Adam), else 0
  double decay;     // factor on the weights before the step (AdamW: 1 - lr·wd), else 1
  double b1, b2, eps;
  double bc2sqrt;   // sqrt(1 - b2^step)
  double negStep;   // -lr / (1 - b1^step)
};

/** Elements [begin, end) of one Adam/AdamW update; X (amsgrad's running max) may be null. */
template <typename T>
void adamRange(T* P, const T* G, T* M, T* V, T* X, const AdamScalars& c, int64_t begin, int64_t end);

struct SgdScalars {
  double wd, momentum, keep /* 1 - dampening */, negLr;
  bool nesterov, first;
};

/** Elements [begin, end) of one SGD update; B (momentum buffer) may be null. */
template <typename T>
void sgdRange(T* P, const T* G, T* B, const SgdScalars& c, int64_t begin, int64_t end);

}  // namespace reslab::kernels
