// Built with -O3 -fno-math-errno (binding.gyp) so these loops vectorise, and cloned for
// AVX2 and the baseline ISA, the better one picked at load time. Each follows
// torch.optim's arithmetic order.
#include "optim_kernels.h"
#include <cmath>

namespace reslab::kernels {

#define VECTOR_CLONES __attribute__((target_clones("avx2", "default")))

// AMSGrad is a template flag rather than a branch so each variant is one straight loop
// the compiler vectorises.
template <typename T, bool AMSGrad>
VECTOR_CLONES static void adamLoop(T* __restrict P, const T* __restrict G, T* __restrict M, T* __restrict V, T* __restrict X,
                                   const AdamScalars& c, int64_t begin, int64_t end) {
  const T l2 = T(c.l2), decay = T(c.decay), b1 = T(c.b1), a1 = T(1 - c.b1), b2 = T(c.b2), a2 = T(1 - c.b2);
  const T eps = T(c.eps), bc2 = T(c.bc2sqrt), negStep = T(c.negStep);
  for (int64_t i = begin; i < end; i++) {
    const T pi = P[i];
    const T gi = G[i] + l2 * pi;
    const T mi = M[i] * b1 + a1 * gi;
    const T vi = V[i] * b2 + a2 * gi * gi;
    M[i] = mi;
    V[i] = vi;
    T src = vi;
    if constexpr (AMSGrad) src = X[i] = X[i] > vi ? X[i] : vi;
    P[i] = pi * decay + negStep * (mi / (std::sqrt(src) / bc2 + eps));
  }
}

template <typename T>
void adamRange(T* P, const T* G, T* M, T* V, T* X, const AdamScalars& c, int64_t begin, int64_t end) {
  if (X) adamLoop<T, true>(P, G, M, V, X, c, begin, end);
  else adamLoop<T, false>(P, G, M, V, nullptr, c, begin, end);
}

template <typename T>
VECTOR_CLONES static void sgdPlain(T* __restrict P, const T* __restrict G, T wd, T negLr, int64_t begin, int64_t end) {
  for (int64_t i = begin; i < end; i++) P[i] = P[i] + negLr * (G[i] + wd * P[i]);
}

template <typename T>
VECTOR_CLONES static void sgdMomentum(T* __restrict P, const T* __restrict G, T* __restrict B, T wd, T mom, T keep, T negLr,
                                      bool nesterov, bool first, int64_t begin, int64_t end) {
  for (int64_t i = begin; i < end; i++) {
    const T d = G[i] + wd * P[i];
    const T b = first ? d : B[i] * mom + keep * d;
    B[i] = b;
    P[i] = P[i] + negLr * (nesterov ? d + mom * b : b);
  }
}

template <typename T>
void sgdRange(T* P, const T* G, T* B, const SgdScalars& c, int64_t begin, int64_t end) {
  if (B) sgdMomentum<T>(P, G, B, T(c.wd), T(c.momentum), T(c.keep), T(c.negLr), c.nesterov, c.first, begin, end);
  else sgdPlain<T>(P, G, T(c.wd), T(c.negLr), begin, end);
}

template void adamRange<float>(float*, const float*, float*, float*, float*, const AdamScalars&, int64_t, int64_t);
template void adamRange<double>(double*, const double*, double*, double*, double*, const AdamScalars&, int64_t, int64_t);
template void sgdRange<float>(float*, const float*, float*, const SgdScalars&, int64_t, int64_t);
template void sgdRange<double>(double*, const double*, double*, const SgdScalars&, int64_t, int64_t);

}  // namespace reslab::kernels
