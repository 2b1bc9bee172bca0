// Neural-network functionals: convolution, normalisation, pooling, activations, losses.
#include "common.h"

using namespace reslab;

static int64_t Reduction(const Napi::Value& v) {
  if (IsNullish(v)) return at::Reduction::Mean;
  std::string s = v.As<Napi::String>().Utf8Value();
  if (s == "mean") return at::Reduction::Mean;
  if (s == "sum") return at::Reduction::Sum;
  if (s == "none") return at::Reduction::None;
  throw std::invalid_argument("reduction must be 'mean', 'sum' or 'none', got '" + s + "'");
}

// (x, w, b, stride, padding (ints or 'same'|'valid'), dilation, groups)
RESLAB_FN(conv1d) {
  auto b = OptTensor(info[2]);
  if (info[4].IsString())
    return Wrap(env, at::conv1d(TA(0), TA(1), b, IntList(info[3]), info[4].As<Napi::String>().Utf8Value(),
                                IntList(info[5]), Int(info[6], 1)));
  return Wrap(env, at::conv1d(TA(0), TA(1), b, IntList(info[3]), IntList(info[4]), IntList(info[5]), Int(info[6], 1)));
}
RESLAB_FN(conv2d) {
  auto b = OptTensor(info[2]);
  if (info[4].IsString())
    return Wrap(env, at::conv2d(TA(0), TA(1), b, IntList(info[3]), info[4].As<Napi::String>().Utf8Value(),
                                IntList(info[5]), Int(info[6], 1)));
  return Wrap(env, at::conv2d(TA(0), TA(1), b, IntList(info[3]), IntList(info[4]), IntList(info[5]), Int(info[6], 1)));
}
// (x, runningMean, runningVar, weight, bias, training, momentum, eps); running stats are updated in place
RESLAB_FN(batchNorm) {
  return Wrap(env, at::batch_norm(TA(0), OptTensor(info[3]), OptTensor(info[4]), OptTensor(info[1]), OptTensor(info[2]),
                                  Bool(info[5], false), Num(info[6], 0.1), Num(info[7], 1e-5), true));
}
// (x, normalizedShape, weight, bias, eps)
RESLAB_FN(layerNorm) {
  return Wrap(env, at::layer_norm(TA(0), IntList(info[1]), OptTensor(info[2]), OptTensor(info[3]), Num(info[4], 1e-5), true));
}
// (x, groups, weight, bias, eps)
RESLAB_FN(groupNorm) {
  return Wrap(env, at::group_norm(TA(0), Int(info[1], 1), OptTensor(info[2]), OptTensor(info[3]), Num(info[4], 1e-5), true));
}
// (x, p, training)
RESLAB_FN(dropout) { return Wrap(env, at::dropout(TA(0), Num(info[1], 0.5), Bool(info[2], true))); }
RESLAB_FN(featureDropout) { return Wrap(env, at::feature_dropout(TA(0), Num(info[1], 0.5), Bool(info[2], true))); }
// (weight, indices)
RESLAB_FN(embedding) { return Wrap(env, at::embedding(TA(0), TA(1))); }

// Pooling: (x, kernel, stride, padding, dilation, ceilMode)
RESLAB_FN(maxPool1d) {
  return Wrap(env, at::max_pool1d(TA(0), IntList(info[1]), IntList(info[2]), IntList(info[3]), IntList(info[4]), Bool(info[5], false)));
}
RESLAB_FN(maxPool2d) {
  return Wrap(env, at::max_pool2d(TA(0), IntList(info[1]), IntList(info[2]), IntList(info[3]), IntList(info[4]), Bool(info[5], false)));
}
// (x, kernel, stride, padding, ceilMode, countIncludePad)
RESLAB_FN(avgPool1d) {
  return Wrap(env, at::avg_pool1d(TA(0), IntList(info[1]), IntList(info[2]), IntList(info[3]), Bool(info[4], false), Bool(info[5], true)));
}
RESLAB_FN(avgPool2d) {
  return Wrap(env, at::avg_pool2d(TA(0), IntList(info[1]), IntList(info[2]), IntList(info[3]), Bool(info[4], false), Bool(info[5], true)));
}
RESLAB_FN(adaptiveAvgPool1d) { return Wrap(env, at::adaptive_avg_pool1d(TA(0), IntList(info[1]))); }
RESLAB_FN(adaptiveAvgPool2d) { return Wrap(env, at::adaptive_avg_pool2d(TA(0), IntList(info[1]))); }
RESLAB_FN(adaptiveMaxPool1d) { return Wrap(env, std::get<0>(at::adaptive_max_pool1d(TA(0), IntList(info[1])))); }
RESLAB_FN(adaptiveMaxPool2d) { return Wrap(env, std::get<0>(at::adaptive_max_pool2d(TA(0), IntList(info[1])))); }

// Activations
RESLAB_FN(relu6) { return Wrap(env, at::hardtanh(TA(0), 0, 6)); }
RESLAB_FN(leakyRelu) { return Wrap(env, at::leaky_relu(TA(0), Num(info[1], 0.01))); }
RESLAB_FN(elu) { return Wrap(env, at::elu(TA(0), Num(info[1], 1.0))); }
RESLAB_FN(selu) { return Wrap(env, at::selu(TA(0))); }
RESLAB_FN(gelu) {
  std::string approx = IsNullish(info[1]) ? "none" : info[1].As<Napi::String>().Utf8Value();
  return Wrap(env, at::gelu(TA(0), approx));
}
RESLAB_FN(silu) { return Wrap(env, at::silu(TA(0))); }
RESLAB_FN(mish) { return Wrap(env, at::mish(TA(0))); }
RESLAB_FN(softplus) { return Wrap(env, at::softplus(TA(0), Num(info[1], 1.0), Num(info[2], 20.0))); }
RESLAB_FN(hardswish) { return Wrap(env, at::hardswish(TA(0))); }
RESLAB_FN(hardsigmoid) { return Wrap(env, at::hardsigmoid(TA(0))); }
RESLAB_FN(hardtanh) { return Wrap(env, at::hardtanh(TA(0), Num(info[1], -1.0), Num(info[2], 1.0))); }
RESLAB_FN(softmax) { return Wrap(env, at::softmax(TA(0), Int(info[1], -1))); }
RESLAB_FN(logSoftmax) { return Wrap(env, at::log_softmax(TA(0), Int(info[1], -1))); }

// Losses
// (logits, target, weight, reduction, ignoreIndex, labelSmoothing); target: class indices or probabilities
RESLAB_FN(crossEntropy) {
  return Wrap(env, at::cross_entropy_loss(TA(0), TA(1), OptTensor(info[2]), Reduction(info[3]), Int(info[4], -100), Num(info[5], 0.0)));
}
// (logits, target, weight, posWeight, reduction)
RESLAB_FN(binaryCrossEntropyWithLogits) {
  return Wrap(env, at::binary_cross_entropy_with_logits(TA(0), TA(1), OptTensor(info[2]), OptTensor(info[3]), Reduction(info[4])));
}
// (prob, target, weight, reduction)
RESLAB_FN(binaryCrossEntropy) {
  return Wrap(env, at::binary_cross_entropy(TA(0), TA(1), OptTensor(info[2]), Reduction(info[3])));
}
RESLAB_FN(mseLoss) { return Wrap(env, at::mse_loss(TA(0), TA(1), Reduction(info[2]))); }
RESLAB_FN(l1Loss) { return Wrap(env, at::l1_loss(TA(0), TA(1), Reduction(info[2]))); }
RESLAB_FN(smoothL1Loss) { return Wrap(env, at::smooth_l1_loss(TA(0), TA(1), Reduction(info[2]), Num(info[3], 1.0))); }
// (logProbs, target, weight, reduction, ignoreIndex)
RESLAB_FN(nllLoss) {
  return Wrap(env, at::nll_loss_nd(TA(0), TA(1), OptTensor(info[2]), Reduction(info[3]), Int(info[4], -100)));
}

void reslab::InitNN(Napi::Env env, Napi::Object e) {
#define E(n) Export(env, e, #n, n)
  E(conv1d); E(conv2d); E(batchNorm); E(layerNorm); E(groupNorm); E(dropout); E(featureDropout); E(embedding);
  E(maxPool1d); E(maxPool2d); E(avgPool1d); E(avgPool2d);
  E(adaptiveAvgPool1d); E(adaptiveAvgPool2d); E(adaptiveMaxPool1d); E(adaptiveMaxPool2d);
  E(relu6); E(leakyRelu); E(elu); E(selu); E(gelu); E(silu); E(mish); E(softplus); E(hardswish); E(hardsigmoid);
  E(hardtanh); E(softmax); E(logSoftmax);
  E(crossEntropy); E(binaryCrossEntropyWithLogits); E(binaryCrossEntropy); E(mseLoss); E(l1Loss); E(smoothL1Loss); E(nllLoss);
#undef E
}
